#include "emulator/fault_spec.h"

#include <array>
#include <charconv>
#include <utility>
#include <variant>

#include <fmt/format.h>
#include <rapidjson/document.h>

#include "emulator/json_writer.h"
#include "shared/util/error.h"

namespace insights::emulator {

namespace {

using MemberValue = std::variant<std::string, std::int64_t>;

constexpr std::array<std::pair<FaultKind, std::string_view>, 6> kKindNames{{
    {FaultKind::Status, "status"},
    {FaultKind::Delay, "delay"},
    {FaultKind::Drop, "drop"},
    {FaultKind::ExpireTokens, "expire_tokens"},
    {FaultKind::ExpireTokensAfter, "expire_tokens_after"},
    {FaultKind::FailProcessing, "fail_processing"},
}};

constexpr std::string_view kSyntax =
    "a fault is {\"kind\": status|delay|drop|expire_tokens|expire_tokens_after|fail_processing, \"count\", \"method\", "
    "\"path_prefix\", \"status\", \"error_code\", \"retry_after\", \"ms\", \"calls\", \"alias\", \"message\"}";

[[noreturn]] void refuse(const std::string& problem) {
  throw insights::Error(fmt::format("bad fault: {}; {}", problem, kSyntax));
}

std::string text(const MemberValue& value) {
  if (const auto* number = std::get_if<std::int64_t>(&value)) return std::to_string(*number);
  return std::get<std::string>(value);
}

std::int64_t number(const std::string& key, const MemberValue& value, std::int64_t minimum) {
  const auto* number = std::get_if<std::int64_t>(&value);
  if (number == nullptr) refuse(fmt::format("\"{}\" must be a whole number", key));
  if (*number < minimum) refuse(fmt::format("\"{}\" must be at least {}", key, minimum));
  return *number;
}

FaultKind kind_named(const std::string& name) {
  for (const auto& [kind, kind_name] : kKindNames) {
    if (kind_name == name) return kind;
  }
  refuse(fmt::format("unknown kind \"{}\"", name));
}

void set_member(FaultSpec& spec, const std::string& key, const MemberValue& value) {
  if (key == "kind") {
    spec.kind = kind_named(text(value));
  } else if (key == "count") {
    spec.count = static_cast<std::uint64_t>(number(key, value, 0));
  } else if (key == "method") {
    spec.method = text(value);
  } else if (key == "path_prefix") {
    spec.path_prefix = text(value);
  } else if (key == "status") {
    spec.status = static_cast<int>(number(key, value, 100));
    if (spec.status > 599) refuse("\"status\" must be an HTTP status below 600");
  } else if (key == "error_code") {
    spec.error_code = text(value);
  } else if (key == "retry_after") {
    spec.retry_after = static_cast<int>(number(key, value, 0));
  } else if (key == "ms") {
    spec.delay = std::chrono::milliseconds(number(key, value, 0));
  } else if (key == "calls") {
    spec.calls = static_cast<std::uint64_t>(number(key, value, 0));
  } else if (key == "alias") {
    spec.alias = text(value);
  } else if (key == "message") {
    spec.message = text(value);
  } else {
    refuse(fmt::format("unknown member \"{}\"", key));
  }
}

void check_complete(const FaultSpec& spec, bool has_kind) {
  if (!has_kind) refuse("\"kind\" is missing");
  if (spec.kind == FaultKind::FailProcessing && spec.alias.empty()) refuse("fail_processing needs \"alias\"");
}

MemberValue flag_value(std::string_view value) {
  std::int64_t number = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (!value.empty() && ec == std::errc{} && end == value.data() + value.size()) return number;
  return std::string(value);
}

}  // namespace

std::string_view fault_kind_name(FaultKind kind) {
  for (const auto& [known, name] : kKindNames) {
    if (known == kind) return name;
  }
  return "unknown";
}

std::string fault_error_code(const FaultSpec& spec) {
  if (!spec.error_code.empty()) return spec.error_code;
  switch (spec.status) {
    case 503:
      return "SERVER_UNAVAILABLE";
    case 429:
    case 403:
      return "REQUEST_LIMIT_EXCEEDED";
    default:
      return "UNKNOWN_EXCEPTION";
  }
}

FaultSpec parse_fault_json(std::string_view json) {
  rapidjson::Document document;
  document.Parse(json.data(), json.size());
  if (document.HasParseError() || !document.IsObject()) refuse("the body is no JSON object");
  FaultSpec spec;
  bool has_kind = false;
  for (const auto& member : document.GetObject()) {
    const std::string key(member.name.GetString(), member.name.GetStringLength());
    has_kind = has_kind || key == "kind";
    if (member.value.IsString()) {
      set_member(spec, key, std::string(member.value.GetString(), member.value.GetStringLength()));
    } else if (member.value.IsInt64()) {
      set_member(spec, key, member.value.GetInt64());
    } else {
      refuse(fmt::format("\"{}\" must be a string or a whole number", key));
    }
  }
  check_complete(spec, has_kind);
  return spec;
}

FaultSpec parse_fault_flag(std::string_view text) {
  if (text.starts_with('{')) return parse_fault_json(text);
  FaultSpec spec;
  bool has_kind = false;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto pair = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    const auto equals = pair.find('=');
    if (equals == std::string_view::npos) refuse(fmt::format("\"{}\" is no key=value pair", pair));
    const std::string key(pair.substr(0, equals));
    has_kind = has_kind || key == "kind";
    set_member(spec, key, flag_value(pair.substr(equals + 1)));
  }
  check_complete(spec, has_kind);
  return spec;
}

std::string fault_to_json(const FaultSpec& spec, std::optional<std::uint64_t> remaining) {
  JsonWriter json;
  json.begin_object();
  json.key("kind").string(fault_kind_name(spec.kind));
  json.key("count").unsigned_integer(spec.count);
  json.key("remaining");
  remaining ? json.unsigned_integer(*remaining) : json.null();
  if (!spec.method.empty()) json.key("method").string(spec.method);
  if (!spec.path_prefix.empty()) json.key("path_prefix").string(spec.path_prefix);
  switch (spec.kind) {
    case FaultKind::Status:
      json.key("status").integer(spec.status).key("error_code").string(fault_error_code(spec));
      if (spec.retry_after) json.key("retry_after").integer(*spec.retry_after);
      break;
    case FaultKind::Delay:
      json.key("ms").integer(spec.delay.count());
      break;
    case FaultKind::ExpireTokensAfter:
      json.key("calls").unsigned_integer(spec.calls);
      break;
    case FaultKind::FailProcessing:
      json.key("alias").string(spec.alias);
      break;
    default:
      break;
  }
  if (!spec.message.empty()) json.key("message").string(spec.message);
  json.end_object();
  return json.take();
}

}  // namespace insights::emulator
