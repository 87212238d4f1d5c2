#include "shared/schema/row_to_csv.h"

#include <fmt/format.h>

#include <cmath>
#include <cstring>
#include <iterator>

#include "shared/csv/csv_writer.h"
#include "shared/schema/record_codec.h"

namespace insights::schema {
namespace {

constexpr double kMaxNumeric = 36028797018963967.0;  // 2^55 - 1, the External Data numeric range

std::size_t utf8_chars(std::string_view text) {
  std::size_t chars = 0;
  for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
  return chars;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// yyyy-MM-dd'T'HH:mm:ss'Z', the one Date format the project sends.
bool valid_date(std::string_view s) {
  if (s.size() != 20) return false;
  static constexpr const char* kShape = "dddd-dd-ddTdd:dd:ddZ";
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (kShape[i] == 'd' ? !is_digit(s[i]) : s[i] != kShape[i]) return false;
  }
  auto two = [&](std::size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); };
  int month = two(5), day = two(8), hour = two(11), minute = two(14), second = two(17);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59;
}

std::size_t integer_digits(double magnitude) {
  std::size_t digits = 1;
  while (magnitude >= 10.0) {
    magnitude /= 10.0;
    ++digits;
  }
  return digits;
}

}  // namespace

RowToCsv::RowToCsv(const DatasetDef& dataset) : dataset_(dataset) {}

std::string RowToCsv::header() const {
  std::string out;
  for (std::size_t i = 0; i < dataset_.fields.size(); ++i) {
    if (i) out.push_back(',');
    csv::append_field(out, dataset_.fields[i].name);
  }
  out.push_back('\n');
  return out;
}

void RowToCsv::append(const rapidjson::Value& row, std::string& out) {
  const std::size_t start = out.size();
  try {
    std::size_t chars = 0;
    std::size_t matched = 0;
    auto next = row.MemberBegin();
    for (std::size_t i = 0; i < dataset_.fields.size(); ++i) {
      const FieldDef& field = dataset_.fields[i];
      const rapidjson::Value* value = nullptr;
      // Producers write fields in schema order, so the next member is almost always the one wanted.
      if (next != row.MemberEnd() && field.name.size() == next->name.GetStringLength() &&
          std::memcmp(field.name.data(), next->name.GetString(), field.name.size()) == 0) {
        value = &next->value;
        ++next;
      } else if (auto it = row.FindMember(rapidjson::StringRef(field.name.data(), field.name.size())); it != row.MemberEnd()) {
        value = &it->value;
      }
      if (value) ++matched;
      if (i) out.push_back(',');
      append_value(field, value, out, chars);
    }
    if (matched != row.MemberCount()) {
      for (auto it = row.MemberBegin(); it != row.MemberEnd(); ++it) {
        std::string_view name(it->name.GetString(), it->name.GetStringLength());
        bool known = false;
        for (const auto& field : dataset_.fields) known = known || field.name == name;
        if (!known) throw RecordError(fmt::format("unknown field '{}' in a {} row", name, dataset_.name));
      }
      throw RecordError(fmt::format("duplicate field in a {} row", dataset_.name));
    }
    if (chars > kMaxRecordChars) {
      throw RecordError(fmt::format("row has {} characters, over the limit of {}", chars, kMaxRecordChars));
    }
    out.push_back('\n');
  } catch (...) {
    out.resize(start);
    throw;
  }
}

void RowToCsv::append_value(const FieldDef& field, const rapidjson::Value* value, std::string& out, std::size_t& chars) {
  if (value == nullptr || value->IsNull() || (value->IsString() && value->GetStringLength() == 0)) {
    if (field.required) throw RecordError(fmt::format("missing required field '{}'", field.name));
    return;  // empty cell: the server applies defaultValue for Numeric
  }
  switch (field.type) {
    case FieldType::Text: {
      if (field.multi_value && value->IsArray()) {
        scratch_.clear();
        for (const auto& item : value->GetArray()) {
          if (!item.IsString() || item.GetStringLength() == 0) {
            throw RecordError(fmt::format("field '{}' must be an array of non-empty strings", field.name));
          }
          std::string_view text(item.GetString(), item.GetStringLength());
          if (text.find(';') != std::string_view::npos) {
            throw RecordError(fmt::format("a value of multi-value field '{}' contains the separator ';'", field.name));
          }
          if (!scratch_.empty()) scratch_.push_back(';');
          scratch_.append(text);
        }
      } else if (value->IsString()) {
        scratch_.assign(value->GetString(), value->GetStringLength());
      } else {
        throw RecordError(fmt::format("field '{}' must be a string{}", field.name, field.multi_value ? " or an array of strings" : ""));
      }
      if (scratch_.find('\0') != std::string::npos) throw RecordError(fmt::format("field '{}' contains a NUL character", field.name));
      const std::size_t n = utf8_chars(scratch_);
      const std::size_t limit = std::min<std::size_t>(kMaxValueChars, static_cast<std::size_t>(field.precision));
      if (n > limit) throw RecordError(fmt::format("field '{}' has {} characters, over its limit of {}", field.name, n, limit));
      chars += n;
      csv::append_field(out, scratch_);
      return;
    }
    case FieldType::Numeric: {
      if (!value->IsNumber()) throw RecordError(fmt::format("field '{}' must be a number", field.name));
      const std::size_t before = out.size();
      if (value->IsInt64()) {
        const auto v = value->GetInt64();
        if (static_cast<double>(v < 0 ? -v : v) > kMaxNumeric ||
            integer_digits(static_cast<double>(v < 0 ? -v : v)) + static_cast<std::size_t>(field.scale) >
                static_cast<std::size_t>(field.precision)) {
          throw RecordError(fmt::format("field '{}' value {} exceeds precision {} scale {}", field.name, v, field.precision, field.scale));
        }
        fmt::format_to(std::back_inserter(out), "{}", v);
      } else {
        const double v = value->GetDouble();
        if (!std::isfinite(v) || std::fabs(v) > kMaxNumeric ||
            integer_digits(std::fabs(v)) + static_cast<std::size_t>(field.scale) > static_cast<std::size_t>(field.precision)) {
          throw RecordError(fmt::format("field '{}' value {} exceeds precision {} scale {}", field.name, v, field.precision, field.scale));
        }
        fmt::format_to(std::back_inserter(out), "{:.{}f}", v, field.scale);
      }
      chars += out.size() - before;
      return;
    }
    case FieldType::Date: {
      if (!value->IsString()) throw RecordError(fmt::format("field '{}' must be a date string", field.name));
      std::string_view text(value->GetString(), value->GetStringLength());
      if (!valid_date(text)) {
        throw RecordError(fmt::format("field '{}' value '{}' is not a UTC date like 2026-11-24T23:30:00Z", field.name,
                                      text.substr(0, 40)));
      }
      chars += text.size();
      out.append(text);
      return;
    }
  }
}

}  // namespace insights::schema
