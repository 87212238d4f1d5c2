#include "shared/log/json_line.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "shared/log/level_names.h"
#include "shared/log/timestamp.h"
#include "shared/log/utf8.h"

namespace insights::log {

namespace {

void append_json_string(std::string& out, std::string_view text) {
  const std::string clean = valid_utf8(text);
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.String(clean.data(), static_cast<rapidjson::SizeType>(clean.size()));
  out.append(buffer.GetString(), buffer.GetSize());
}

bool reserved(std::string_view key) { return key == "ts" || key == "level" || key == "msg"; }

}  // namespace

std::string json_body(std::string_view message, std::span<const Field> fields) {
  std::string out = "\"msg\":";
  append_json_string(out, message);
  for (const auto& f : fields) {
    out += ',';
    append_json_string(out, reserved(f.key) ? "_" + std::string(f.key) : std::string(f.key));
    out += ':';
    append_json_string(out, f.value);
  }
  return out;
}

std::string json_line(std::chrono::system_clock::time_point time, spdlog::level::level_enum level,
                      std::string_view body) {
  std::string out = "{\"ts\":";
  append_json_string(out, utc_timestamp(time));
  out += ",\"level\":";
  append_json_string(out, json_level_name(level));
  out += ',';
  out += body;
  out += "}\n";
  return out;
}

}  // namespace insights::log
