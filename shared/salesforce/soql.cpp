#include "shared/salesforce/soql.h"

#include <fmt/format.h>

namespace insights::salesforce {

std::string soql_literal(std::string_view value) {
  std::string literal = "'";
  for (const char c : value) {
    switch (c) {
      case '\\': literal += "\\\\"; break;
      case '\'': literal += "\\'"; break;
      case '"': literal += "\\\""; break;
      case '\n': literal += "\\n"; break;
      case '\r': literal += "\\r"; break;
      case '\t': literal += "\\t"; break;
      case '\b': literal += "\\b"; break;
      case '\f': literal += "\\f"; break;
      default: literal.push_back(c);
    }
  }
  literal.push_back('\'');
  return literal;
}

std::string header_by_file_name_query(std::string_view file_name) {
  return fmt::format(
      "SELECT Id,Status,StatusMessage,Action FROM InsightsExternalData WHERE FileName={} "
      "ORDER BY CreatedDate DESC LIMIT 1",
      soql_literal(file_name));
}

std::string parts_of_header_query(std::string_view header_id) {
  return fmt::format(
      "SELECT Id,PartNumber FROM InsightsExternalDataPart WHERE InsightsExternalDataId={} ORDER BY PartNumber",
      soql_literal(header_id));
}

}  // namespace insights::salesforce
