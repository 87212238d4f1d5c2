#include "tests/unit/synthetic/row_checks.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace insights::synthetic::test {

namespace {

bool is_iso_utc(const rapidjson::Value& value) {
  return value.IsString() && parse_iso_utc({value.GetString(), value.GetStringLength()}).has_value();
}

bool is_text_array(const rapidjson::Value& value) {
  if (!value.IsArray()) {
    return false;
  }
  for (const auto& item : value.GetArray()) {
    if (!item.IsString()) {
      return false;
    }
  }
  return true;
}

bool fits_numeric(const rapidjson::Value& value, const FieldRule& rule) {
  if (rule.scale == 0) {
    return value.IsInt64() && std::abs(value.GetInt64()) < std::pow(10.0, rule.precision);
  }
  const double scaled = value.GetDouble() * std::pow(10.0, rule.scale);
  const bool within_scale = std::abs(scaled - std::round(scaled)) < 1e-6;
  return within_scale && std::abs(value.GetDouble()) < std::pow(10.0, rule.precision - rule.scale);
}

std::optional<std::string> type_violation(const rapidjson::Value& value, const FieldRule& rule) {
  if (rule.multi_value) {
    if (!is_text_array(value) || (rule.required && value.Empty())) {
      return fmt::format("{} must be an array of strings{}", rule.name, rule.required ? ", not empty" : "");
    }
    return std::nullopt;
  }
  if (rule.type == "Text") {
    if (!value.IsString() || (rule.required && value.GetStringLength() == 0)) {
      return fmt::format("{} must be a string{}", rule.name, rule.required ? ", not empty" : "");
    }
  } else if (rule.type == "Numeric") {
    if (!value.IsNumber() || !fits_numeric(value, rule)) {
      return fmt::format("{} must be a number of precision {} and scale {}", rule.name, rule.precision, rule.scale);
    }
  } else if (rule.type == "Date") {
    const bool empty_optional = !rule.required && value.IsString() && value.GetStringLength() == 0;
    if (!empty_optional && !is_iso_utc(value)) {
      return fmt::format("{} must be a UTC date YYYY-MM-DDTHH:MM:SSZ", rule.name);
    }
  } else {
    return fmt::format("{} has unknown schema type {}", rule.name, rule.type);
  }
  return std::nullopt;
}

}  // namespace

std::vector<std::string> collect_meetings(const MeetingsOptions& options) {
  std::vector<std::string> rows;
  generate_meetings(options, [&rows](std::string_view row) { rows.emplace_back(row); });
  return rows;
}

std::vector<std::string> collect_availability(const AvailabilityOptions& options) {
  std::vector<std::string> rows;
  generate_availability(options, [&rows](std::string_view row) { rows.emplace_back(row); });
  return rows;
}

rapidjson::Document parse_row(std::string_view row) {
  rapidjson::Document document;
  document.Parse<rapidjson::kParseValidateEncodingFlag>(row.data(), row.size());
  return document;
}

bool is_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_counting_number(std::string_view text) { return is_digits(text) && text.front() != '0'; }

std::optional<date::sys_seconds> parse_iso_utc(std::string_view text) {
  constexpr std::string_view kShape = "####-##-##T##:##:##Z";
  if (text.size() != kShape.size()) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < kShape.size(); ++i) {
    if (kShape[i] == '#' ? !is_digits(text.substr(i, 1)) : text[i] != kShape[i]) {
      return std::nullopt;
    }
  }
  const auto number = [text](std::size_t pos, std::size_t length) {
    return std::stoi(std::string(text.substr(pos, length)));
  };
  const date::year_month_day day{date::year{number(0, 4)}, date::month{static_cast<unsigned>(number(5, 2))},
                                 date::day{static_cast<unsigned>(number(8, 2))}};
  if (!day.ok() || number(11, 2) > 23 || number(14, 2) > 59 || number(17, 2) > 59) {
    return std::nullopt;
  }
  return date::sys_days{day} + std::chrono::hours{number(11, 2)} + std::chrono::minutes{number(14, 2)} +
         std::chrono::seconds{number(17, 2)};
}

std::string_view raw_member(std::string_view row, std::string_view field) {
  const std::string key = fmt::format("\"{}\":", field);
  const auto start = row.find(key);
  if (start == std::string_view::npos) {
    return {};
  }
  const auto value = row.substr(start + key.size());
  return value.substr(0, value.find_first_of(",}"));
}

std::vector<std::string> schema_violations(const rapidjson::Value& row, const std::vector<FieldRule>& rules) {
  std::vector<std::string> violations;
  if (!row.IsObject()) {
    return {"row is not a JSON object"};
  }
  for (const auto& member : row.GetObject()) {
    const std::string name = member.name.GetString();
    const auto known = std::find_if(rules.begin(), rules.end(), [&](const FieldRule& r) { return r.name == name; });
    if (known == rules.end()) {
      violations.push_back("unknown field " + name);
    }
  }
  for (const auto& rule : rules) {
    if (!row.HasMember(rule.name.c_str())) {
      if (rule.required) {
        violations.push_back("missing required field " + rule.name);
      }
      continue;
    }
    if (auto problem = type_violation(row[rule.name.c_str()], rule)) {
      violations.push_back(*problem);
    }
  }
  return violations;
}

std::string text_of(const rapidjson::Value& row, const char* field) {
  if (!row.HasMember(field) || !row[field].IsString()) {
    throw std::runtime_error(fmt::format("row has no text field {}", field));
  }
  return {row[field].GetString(), row[field].GetStringLength()};
}

std::int64_t integer_of(const rapidjson::Value& row, const char* field) {
  if (!row.HasMember(field) || !row[field].IsInt64()) {
    throw std::runtime_error(fmt::format("row has no integer field {}", field));
  }
  return row[field].GetInt64();
}

date::sys_seconds time_of(const rapidjson::Value& row, const char* field) {
  const auto time = parse_iso_utc(text_of(row, field));
  if (!time) {
    throw std::runtime_error(fmt::format("row field {} is not a UTC time", field));
  }
  return *time;
}

}  // namespace insights::synthetic::test
