#include "shared/metrics/health_server.h"

#include <fmt/format.h>
#include <httplib.h>

#include "shared/util/error.h"

namespace insights::metrics {

HealthServer::HealthServer(const std::string& host, int port, const Registry& registry, std::function<Readiness()> ready)
    : server_(std::make_unique<httplib::Server>()) {
  server_->Get("/metrics", [&registry](const httplib::Request&, httplib::Response& res) {
    res.set_content(registry.render(), "text/plain; version=0.0.4");
  });
  server_->Get("/healthz", [](const httplib::Request&, httplib::Response& res) { res.set_content("ok\n", "text/plain"); });
  server_->Get("/readyz", [ready = std::move(ready)](const httplib::Request&, httplib::Response& res) {
    const Readiness r = ready ? ready() : Readiness{true, {}};
    res.status = r.ready ? 200 : 503;
    res.set_content(r.ready ? "ready\n" : "not ready: " + r.reason + "\n", "text/plain");
  });
  port_ = port == 0 ? server_->bind_to_any_port(host) : (server_->bind_to_port(host, port) ? port : -1);
  if (port_ <= 0) {
    throw Error(fmt::format("cannot serve metrics on {}:{}: the port is taken or the address is wrong; set metrics.port "
                            "(0 picks a free one)", host, port));
  }
  thread_ = std::thread([this] { server_->listen_after_bind(); });
}

HealthServer::~HealthServer() {
  server_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace insights::metrics
