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
  enum class Op { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual, In };
  std::string field;  // canonical name
  Op op = Op::Equal;
  std::vector<FieldValue> values;  // datetime literals as Salesforce datetime text (2026-11-23T22:00:00.000+0000)
};

// A small general SOQL subset: SELECT fields FROM object [WHERE c AND c ...] [ORDER BY field [ASC|DESC]]
// [LIMIT n], where a condition is `field op literal` (op: = != < <= > >=) or `field IN (literal, ...)`, and a
// literal is a quoted string, a whole number, true, false, null or (for datetime fields, only there) a
// datetime literal such as 2026-11-23T22:00:00Z.
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
