#pragma once
#include <cstdint>
#include <memory>
#include <mutex>

#include "shared/salesforce/access_token.h"

namespace insights::salesforce {

// Holds the current token for all threads. Fetches are single-flight: they run under the lock, so threads
// that hit an expired token together wait for one fetch and then share its result.
class TokenCache {
 public:
  explicit TokenCache(std::unique_ptr<TokenSource> source);

  std::shared_ptr<const AccessToken> current(http::HttpClient& http);

  // Called after a 401 with `rejected`: fetches a new token only if no other thread already replaced it.
  std::shared_ptr<const AccessToken> replace(const AccessToken& rejected, http::HttpClient& http);

  int fetch_count() const;

 private:
  std::shared_ptr<const AccessToken> fetch_locked(http::HttpClient& http);

  std::unique_ptr<TokenSource> source_;
  mutable std::mutex mutex_;
  std::shared_ptr<const AccessToken> token_;
  std::uint64_t generation_ = 0;
  int fetches_ = 0;
};

}  // namespace insights::salesforce
