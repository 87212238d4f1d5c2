#include "shared/log/log.h"

#include <atomic>
#include <memory>
#include <span>
#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <string>

#include "shared/log/level_names.h"
#include "shared/log/line_formatter.h"

namespace insights::log {

namespace {

struct Installed {
  std::shared_ptr<spdlog::logger> logger;
  Format format;
};

std::shared_ptr<spdlog::logger> make_logger(std::string name, spdlog::sink_ptr sink, spdlog::level::level_enum level,
                                            Format format, LineFormatter::Payload payload) {
  sink->set_formatter(std::make_unique<LineFormatter>(format, payload));
  auto logger = std::make_shared<spdlog::logger>(std::move(name), std::move(sink));
  logger->set_level(level);
  logger->flush_on(spdlog::level::warn);
  return logger;
}

std::shared_ptr<const Installed> install(spdlog::sink_ptr sink, spdlog::level::level_enum level, Format format) {
  auto logger = make_logger("insights", std::move(sink), level, format, LineFormatter::Payload::Body);
  return std::make_shared<const Installed>(Installed{std::move(logger), format});
}

// Logging is process-wide by nature: one slot, swapped atomically by init() so that concurrent callers keep a
// valid logger. Until init() it logs at info to stderr.
std::atomic<std::shared_ptr<const Installed>>& installed() {
  static std::atomic<std::shared_ptr<const Installed>> slot{
      install(std::make_shared<spdlog::sinks::stderr_sink_mt>(), spdlog::level::info,
              parse_format("auto", stderr_is_terminal()))};
  return slot;
}

// spdlog's own default logger writes to stdout in its own pattern; point it at stderr in our format. Console
// sinks share one mutex, so its lines never interleave with ours.
void route_direct_spdlog_calls(spdlog::level::level_enum level, Format format) {
  spdlog::set_default_logger(make_logger("", std::make_shared<spdlog::sinks::stderr_sink_mt>(), level, format,
                                         LineFormatter::Payload::Message));
}

void write(spdlog::level::level_enum level, std::string_view message, std::initializer_list<Field> fields) {
  const auto current = installed().load();
  if (!current->logger->should_log(level)) return;
  const std::string body = render_body(current->format, message, std::span<const Field>(fields.begin(), fields.size()));
  current->logger->log(spdlog::source_loc{}, level, spdlog::string_view_t(body.data(), body.size()));
}

}  // namespace

void init(std::string_view level, std::string_view format) {
  const auto parsed_level = parse_level(level);
  const auto parsed_format = parse_format(format, stderr_is_terminal());
  installed().store(install(std::make_shared<spdlog::sinks::stderr_sink_mt>(), parsed_level, parsed_format));
  route_direct_spdlog_calls(parsed_level, parsed_format);
}

void init_for_test(std::ostream& out, std::string_view level, std::string_view format) {
  const auto parsed_level = parse_level(level);
  const auto parsed_format = parse_format(format, false);
  installed().store(install(std::make_shared<spdlog::sinks::ostream_sink_mt>(out, true), parsed_level, parsed_format));
}

void trace(std::string_view message, std::initializer_list<Field> fields) {
  write(spdlog::level::trace, message, fields);
}
void debug(std::string_view message, std::initializer_list<Field> fields) {
  write(spdlog::level::debug, message, fields);
}
void info(std::string_view message, std::initializer_list<Field> fields) { write(spdlog::level::info, message, fields); }
void warn(std::string_view message, std::initializer_list<Field> fields) { write(spdlog::level::warn, message, fields); }
void error(std::string_view message, std::initializer_list<Field> fields) { write(spdlog::level::err, message, fields); }

}  // namespace insights::log
