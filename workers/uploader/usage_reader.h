#pragma once
#include <chrono>
#include <memory>
#include <string>

#include "shared/salesforce/access_token.h"
#include "shared/salesforce/http_client_pool.h"
#include "shared/salesforce/retry_loop.h"
#include "shared/salesforce/token_cache.h"
#include "workers/uploader/quota.h"

namespace insights::uploader {

// Reads what counts against the rolling 24-hour limits.
class UsageReader {
 public:
  virtual ~UsageReader() = default;
  virtual QuotaUsage read(const std::string& alias, std::chrono::system_clock::time_point since) = 0;
};

// SOQL over InsightsExternalData (headers of the alias) and InsightsExternalDataPart (DataLength) since a time.
class SoqlUsageReader : public UsageReader {
 public:
  SoqlUsageReader(std::unique_ptr<salesforce::TokenSource> tokens, std::string api_version,
                  salesforce::RetryPolicy retry = {});
  QuotaUsage read(const std::string& alias, std::chrono::system_clock::time_point since) override;

 private:
  struct Totals {
    std::uint64_t records = 0;
    std::uint64_t sum = 0;  // of `sum_field` over every record
  };
  // Follows nextRecordsUrl through every page.
  Totals query(const std::string& what, const std::string& soql, const char* sum_field);
  http::Response get(const std::string& what, const std::string& path);

  std::string api_version_;
  salesforce::HttpClientPool pool_;
  salesforce::TokenCache tokens_;
  salesforce::RetryLoop loop_;
};

// "2026-11-23T22:00:00Z", the SOQL dateTime literal form.
std::string soql_datetime(std::chrono::system_clock::time_point time);

}  // namespace insights::uploader
