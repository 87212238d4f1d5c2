#pragma once
#include <string>

namespace insights::salesforce {

// What the client writes into a new InsightsExternalData header (§1.2). Empty optional fields are left out.
struct HeaderFields {
  std::string alias;          // EdgemartAlias
  std::string label;          // EdgemartLabel
  std::string container;      // EdgemartContainer
  std::string file_name;      // FileName: the project stores its job id here
  std::string operation;      // Overwrite, Append, Upsert, Delete
  std::string metadata_json;  // plain JSON text; the client base64-encodes it
  std::string notification_sent = "Never";
};

struct HeaderState {
  std::string id;
  std::string status;          // New, Queued, InProgress, Completed, CompletedWithWarnings, Failed, NotProcessed
  std::string status_message;  // empty when Salesforce sent null
  std::string action;          // None, Process, Abort, Delete
};

struct PartInfo {
  std::string id;
  int part_number = 0;
};

}  // namespace insights::salesforce
