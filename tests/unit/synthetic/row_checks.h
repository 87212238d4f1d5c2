#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>
#include <rapidjson/document.h>

#include "producers/synthetic/availability_generator.h"
#include "producers/synthetic/meetings_generator.h"
#include "tests/unit/synthetic/schema_rules.h"

namespace insights::synthetic::test {

std::vector<std::string> collect_meetings(const MeetingsOptions& options);
std::vector<std::string> collect_availability(const AvailabilityOptions& options);

// Parses strictly (valid UTF-8 required); a row that does not parse yields a document with HasParseError().
rapidjson::Document parse_row(std::string_view row);

bool is_digits(std::string_view text);
// Digits without a leading zero, as in the numbers of ids like "loc-12".
bool is_counting_number(std::string_view text);

// "YYYY-MM-DDTHH:MM:SSZ" of a real calendar time, checked independently of the generator's own formatter.
std::optional<date::sys_seconds> parse_iso_utc(std::string_view text);

// The raw JSON text of a scalar member (up to the next comma or brace): how a number was written.
std::string_view raw_member(std::string_view row, std::string_view field);

// Everything in the row that breaks the schema's field list: unknown or missing members, wrong types.
std::vector<std::string> schema_violations(const rapidjson::Value& row, const std::vector<FieldRule>& rules);

std::string text_of(const rapidjson::Value& row, const char* field);
std::int64_t integer_of(const rapidjson::Value& row, const char* field);
date::sys_seconds time_of(const rapidjson::Value& row, const char* field);

}  // namespace insights::synthetic::test
