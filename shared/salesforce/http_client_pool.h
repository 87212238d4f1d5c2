#pragma once
#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

#include "shared/http/http_client.h"

namespace insights::salesforce {

// HttpClient is single-threaded; the pool hands each concurrent caller its own, and keeps returned ones (with their
// open connections) for the next caller. It grows to the number of threads that call at once.
class HttpClientPool {
 public:
  class Lease {
   public:
    Lease(HttpClientPool& pool, std::unique_ptr<http::HttpClient> client);
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    http::HttpClient& operator*() const { return *client_; }
    http::HttpClient* operator->() const { return client_.get(); }

   private:
    HttpClientPool& pool_;
    std::unique_ptr<http::HttpClient> client_;
  };

  HttpClientPool(std::chrono::milliseconds connect_timeout, std::chrono::milliseconds total_timeout);
  Lease acquire();

 private:
  void give_back(std::unique_ptr<http::HttpClient> client);

  std::chrono::milliseconds connect_timeout_;
  std::chrono::milliseconds total_timeout_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<http::HttpClient>> idle_;
};

}  // namespace insights::salesforce
