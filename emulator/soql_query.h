#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/sobject_fields.h"
#include "emulator/sobject_record.h"

namespace insights::emulator {

struct SoqlCondition {
  enum class Op { Equal, NotEqual, In };
  std::string field;  // canonical name
  Op op = Op::Equal;
  std::vector<FieldValue> values;
};

// The SOQL subset the uploader needs: SELECT fields FROM object [WHERE c AND c ...] [ORDER BY field
// [ASC|DESC]] [LIMIT n], where a condition is `field = literal`, `field != literal` or `field IN (...)`.
struct SoqlQuery {
  const ObjectDef* object = nullptr;
  std::vector<std::string> fields;  // canonical names
  std::vector<SoqlCondition> where;
  std::optional<std::string> order_by;
  bool descending = false;
  std::optional<std::size_t> limit;
};

// Throws ApiError: 400 MALFORMED_QUERY naming the text it cannot parse, INVALID_TYPE for an unknown
// object, INVALID_FIELD for an unknown field.
SoqlQuery parse_soql(std::string_view text);

// String comparisons are case-insensitive, as in SOQL.
bool soql_matches(const SoqlQuery& query, const FieldValues& values);

// Ordering for ORDER BY; records of equal sort value keep creation order (reversed for DESC).
bool soql_before(const SoqlQuery& query, const SobjectRecord& a, const SobjectRecord& b);

}  // namespace insights::emulator
