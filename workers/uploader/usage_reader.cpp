#include "workers/uploader/usage_reader.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <rapidjson/document.h>

#include "shared/http/url_encode.h"
#include "shared/log/log.h"
#include "shared/salesforce/api_error.h"
#include "shared/salesforce/soql.h"

namespace insights::uploader {
namespace {

std::uint64_t number_of(const rapidjson::Value& record, const char* field) {
  const auto it = record.FindMember(field);
  if (it == record.MemberEnd()) return 0;
  if (it->value.IsUint64()) return it->value.GetUint64();
  if (it->value.IsNumber() && it->value.GetDouble() > 0) return static_cast<std::uint64_t>(it->value.GetDouble());
  return 0;
}

}  // namespace

std::string soql_datetime(std::chrono::system_clock::time_point time) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::chrono::system_clock::to_time_t(time)));
}

SoqlUsageReader::SoqlUsageReader(std::unique_ptr<salesforce::TokenSource> tokens, std::string api_version,
                                 salesforce::RetryPolicy retry)
    : api_version_(std::move(api_version)),
      pool_(std::chrono::seconds(10), std::chrono::seconds(120)),
      tokens_(std::move(tokens)),
      loop_(retry, salesforce::real_retry_hooks([](const salesforce::RetryNotice& notice) {
              log::warn("quota query failed, retrying", {log::field("call", notice.what), log::field("error", notice.reason)});
            })) {}

http::Response SoqlUsageReader::get(const std::string& what, const std::string& path) {
  auto http = pool_.acquire();
  auto token = tokens_.current(*http);
  const auto send = [&] {
    return http->send({"GET", token->instance_url + path,
                       {{"Authorization", "Bearer " + token->value}, {"Accept", "application/json"}}, {}});
  };
  auto response = send();
  if (response.status == 401) {
    token = tokens_.replace(*token, *http);
    response = send();
  }
  if (response.status < 200 || response.status >= 300) throw salesforce::api_error_from_response(what, response);
  return response;
}

SoqlUsageReader::Totals SoqlUsageReader::query(const std::string& what, const std::string& soql, const char* sum_field) {
  return loop_.run(what, [&](int) {
    Totals totals;
    std::string path = fmt::format("/services/data/{}/query?q={}", api_version_, http::url_encode(soql));
    while (!path.empty()) {
      const auto response = get(what, path);
      rapidjson::Document page;
      page.Parse(response.body.data(), response.body.size());
      if (page.HasParseError() || !page.IsObject() || !page.HasMember("records") || !page["records"].IsArray()) {
        throw Error(fmt::format("{}: Salesforce answered without a query result; check the API version", what));
      }
      for (const auto& record : page["records"].GetArray()) {
        ++totals.records;
        if (sum_field != nullptr && record.IsObject()) totals.sum += number_of(record, sum_field);
      }
      const auto next = page.FindMember("nextRecordsUrl");
      path = next != page.MemberEnd() && next->value.IsString() ? next->value.GetString() : "";
    }
    return totals;
  });
}

QuotaUsage SoqlUsageReader::read(const std::string& alias, std::chrono::system_clock::time_point since) {
  const std::string from = soql_datetime(since);
  QuotaUsage usage;
  usage.dataset_jobs = query(fmt::format("counting the jobs of dataset {} since {}", alias, from),
                             fmt::format("SELECT Id,Status,CreatedDate FROM InsightsExternalData WHERE EdgemartAlias={} "
                                         "AND CreatedDate >= {}",
                                         salesforce::soql_literal(alias), from),
                             nullptr)
                           .records;
  usage.bytes = query(fmt::format("summing the bytes uploaded since {}", from),
                      fmt::format("SELECT Id,DataLength,CreatedDate FROM InsightsExternalDataPart WHERE CreatedDate >= {}",
                                  from),
                      "DataLength")
                    .sum;
  return usage;
}

}  // namespace insights::uploader
