#include "producers/progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

#include "shared/log/log.h"

namespace insights::producers {

bool stderr_is_terminal() { return isatty(STDERR_FILENO) == 1; }

Progress::Progress(std::string what, std::uint64_t expected_total, bool terminal, std::chrono::seconds log_every)
    : what_(std::move(what)), expected_(expected_total), terminal_(terminal), log_every_(log_every),
      started_(std::chrono::steady_clock::now()), last_shown_(started_) {}

Progress::~Progress() { finish(); }

std::string Progress::line(std::chrono::steady_clock::time_point now) const {
  const double seconds = std::chrono::duration<double>(now - started_).count();
  const double rate = seconds > 0 ? static_cast<double>(done_) / seconds : 0.0;
  std::string text = fmt::format("{}: records {}", what_, done_);
  if (expected_ > 0) text += fmt::format(" ({}%)", done_ * 100 / expected_);
  text += fmt::format("  rate {:.0f}/s", rate);
  if (expected_ > done_ && rate > 0) text += fmt::format("  ETA {:.0f}s", static_cast<double>(expected_ - done_) / rate);
  return text;
}

void Progress::tick(bool final) {
  const auto now = std::chrono::steady_clock::now();
  if (terminal_) {
    if (!final && now - last_shown_ < std::chrono::milliseconds(250)) return;
    std::fprintf(stderr, "\r%s\x1b[K%s", line(now).c_str(), final ? "\n" : "");
    std::fflush(stderr);
  } else {
    if (!final && now - last_shown_ < log_every_) return;
    log::info("progress", {log::field("what", what_), log::field("records", done_), log::field("expected", expected_),
                           log::field("detail", line(now))});
  }
  last_shown_ = now;
}

void Progress::finish() {
  if (finished_) return;
  finished_ = true;
  tick(true);
}

}  // namespace insights::producers
