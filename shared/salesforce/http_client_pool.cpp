#include "shared/salesforce/http_client_pool.h"

namespace insights::salesforce {

HttpClientPool::Lease::Lease(HttpClientPool& pool, std::unique_ptr<http::HttpClient> client)
    : pool_(pool), client_(std::move(client)) {}

HttpClientPool::Lease::~Lease() {
  try {
    pool_.give_back(std::move(client_));
  } catch (...) {
    // Out of memory while growing the idle list: dropping this client only costs a reconnect.
  }
}

HttpClientPool::HttpClientPool(std::chrono::milliseconds connect_timeout, std::chrono::milliseconds total_timeout)
    : connect_timeout_(connect_timeout), total_timeout_(total_timeout) {}

HttpClientPool::Lease HttpClientPool::acquire() {
  {
    const std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto client = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(client));
    }
  }
  return Lease(*this, std::make_unique<http::HttpClient>(connect_timeout_, total_timeout_));
}

void HttpClientPool::give_back(std::unique_ptr<http::HttpClient> client) {
  const std::lock_guard lock(mutex_);
  idle_.push_back(std::move(client));
}

}  // namespace insights::salesforce
