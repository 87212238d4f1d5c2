#pragma once
#include <initializer_list>
#include <iosfwd>
#include <string_view>

#include "shared/log/field.h"

namespace insights::log {

// Structured logging to stderr (stdout is for command output); thread-safe; warn and above are flushed at once.
// level: trace, debug, info, warn, error. format: json (one JSON object per line), text (readable), or auto (text
// when stderr is a terminal, json otherwise). Throws insights::Error on other values, leaving logging unchanged.
// Until init() is called, events go to stderr at level info in the auto format. init() also routes direct
// spdlog calls through the same format, so every line on stderr stays parseable.
void init(std::string_view level, std::string_view format);

// Test hook: events go to `out` (which must outlive logging, or until the next init) instead of stderr.
// "auto" means json here, as a stream is no terminal.
void init_for_test(std::ostream& out, std::string_view level = "trace", std::string_view format = "json");

void trace(std::string_view message, std::initializer_list<Field> fields = {});
void debug(std::string_view message, std::initializer_list<Field> fields = {});
void info(std::string_view message, std::initializer_list<Field> fields = {});
void warn(std::string_view message, std::initializer_list<Field> fields = {});
void error(std::string_view message, std::initializer_list<Field> fields = {});

}  // namespace insights::log
