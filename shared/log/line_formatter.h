#pragma once
#include <memory>
#include <span>
#include <spdlog/formatter.h>
#include <string>
#include <string_view>

#include "shared/log/field.h"
#include "shared/log/output_format.h"

namespace insights::log {

// The event-specific part of a line (message and fields) in the given format.
std::string render_body(Format format, std::string_view message, std::span<const Field> fields);

// spdlog formatter that adds time and level to a body. With Payload::Body the payload was made by render_body
// (our own calls); with Payload::Message it is a plain message from direct spdlog use.
class LineFormatter final : public spdlog::formatter {
 public:
  enum class Payload { Body, Message };

  LineFormatter(Format format, Payload payload) : format_(format), payload_(payload) {}

  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
  std::unique_ptr<spdlog::formatter> clone() const override;

 private:
  Format format_;
  Payload payload_;
};

}  // namespace insights::log
