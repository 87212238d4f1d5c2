#pragma once
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "shared/metrics/registry.h"

namespace httplib {
class Server;
}

namespace insights::metrics {

// What /readyz answers: ready, or why not.
struct Readiness {
  bool ready = false;
  std::string reason;
};

// Serves /metrics (Prometheus text), /healthz (the process answers) and /readyz (the check says ready) on its own
// thread for as long as it lives.
class HealthServer {
 public:
  // port 0 picks a free port; throws insights::Error when the address cannot be bound.
  HealthServer(const std::string& host, int port, const Registry& registry, std::function<Readiness()> ready);
  ~HealthServer();
  HealthServer(const HealthServer&) = delete;
  HealthServer& operator=(const HealthServer&) = delete;
  int port() const { return port_; }

 private:
  std::unique_ptr<httplib::Server> server_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace insights::metrics
