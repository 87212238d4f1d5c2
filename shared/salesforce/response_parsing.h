#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/salesforce/records.h"

namespace insights::salesforce {

// Every parser throws insights::Error naming `what` when the body is not the documented shape.

// {"id":"06V...","success":true,"errors":[]} from an sObject insert.
std::string parse_created_id(std::string_view what, std::string_view body);

// An sObject GET or one query record holding Id (optional), Status, StatusMessage, Action.
HeaderState parse_header_state(std::string_view what, std::string_view body, std::string_view id);

template <typename Record>
struct QueryPage {
  std::vector<Record> records;
  std::string next_records_url;  // empty when done
};

QueryPage<HeaderState> parse_header_query(std::string_view what, std::string_view body);
QueryPage<PartInfo> parse_part_query(std::string_view what, std::string_view body);

struct DatasetVersion {
  std::string dataset_id;
  std::string version_id;
};

// wave/datasets/{alias}: nullopt when the dataset has no current version yet.
std::optional<DatasetVersion> parse_dataset_current_version(std::string_view what, std::string_view body);

// wave/datasets/{id}/versions/{versionId}: totalRowCount (API >= 53.0), else totalRows (40.0-52.0).
std::uint64_t parse_total_row_count(std::string_view what, std::string_view body);

}  // namespace insights::salesforce
