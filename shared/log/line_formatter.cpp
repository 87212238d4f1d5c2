#include "shared/log/line_formatter.h"

#include "shared/log/json_line.h"
#include "shared/log/text_line.h"

namespace insights::log {

std::string render_body(Format format, std::string_view message, std::span<const Field> fields) {
  return format == Format::Json ? json_body(message, fields) : text_body(message, fields);
}

void LineFormatter::format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) {
  const std::string_view payload(msg.payload.data(), msg.payload.size());
  const std::string body = payload_ == Payload::Body ? std::string(payload) : render_body(format_, payload, {});
  const std::string line =
      format_ == Format::Json ? json_line(msg.time, msg.level, body) : text_line(msg.time, msg.level, body);
  dest.append(line.data(), line.data() + line.size());
}

std::unique_ptr<spdlog::formatter> LineFormatter::clone() const {
  return std::make_unique<LineFormatter>(format_, payload_);
}

}  // namespace insights::log
