#include "shared/salesforce/token_cache.h"

namespace insights::salesforce {

TokenCache::TokenCache(std::unique_ptr<TokenSource> source) : source_(std::move(source)) {}

std::shared_ptr<const AccessToken> TokenCache::current(http::HttpClient& http) {
  const std::lock_guard lock(mutex_);
  return token_ ? token_ : fetch_locked(http);
}

std::shared_ptr<const AccessToken> TokenCache::replace(const AccessToken& rejected, http::HttpClient& http) {
  const std::lock_guard lock(mutex_);
  if (token_ && token_->generation > rejected.generation) {
    return token_;
  }
  return fetch_locked(http);
}

int TokenCache::fetch_count() const {
  const std::lock_guard lock(mutex_);
  return fetches_;
}

std::shared_ptr<const AccessToken> TokenCache::fetch_locked(http::HttpClient& http) {
  ++fetches_;
  AccessToken fresh = source_->fetch(http);
  fresh.generation = ++generation_;
  token_ = std::make_shared<const AccessToken>(std::move(fresh));
  return token_;
}

}  // namespace insights::salesforce
