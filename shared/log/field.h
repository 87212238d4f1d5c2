#pragma once
#include <fmt/format.h>
#include <string>
#include <string_view>

namespace insights::log {

// One key/value pair attached to a log event, e.g. field("job", job_id), field("batch", 3).
// Keys "ts", "level" and "msg" belong to the event itself; fields with those names are written as "_ts" etc.
struct Field {
  std::string_view key;
  std::string value;
};

template <class T>
Field field(std::string_view key, const T& value) {
  return Field{key, fmt::format("{}", value)};
}

}  // namespace insights::log
