#pragma once
#include <chrono>
#include <cstdint>
#include <string>

namespace insights::producers {

// Shows how a long producer run advances: a live line (records, rate, ETA) on a terminal, a log line every
// `log_every` otherwise. Cheap to call per record.
class Progress {
 public:
  Progress(std::string what, std::uint64_t expected_total, bool terminal,
           std::chrono::seconds log_every = std::chrono::seconds(10));
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void add(std::uint64_t records = 1) {
    done_ += records;
    if (++calls_ % 4096 == 0) tick(false);
  }
  void finish();
  // "records 1,234,567 (45%)  rate 812,345/s  ETA 3s"
  std::string line(std::chrono::steady_clock::time_point now) const;

 private:
  void tick(bool final);
  std::string what_;
  std::uint64_t expected_;
  bool terminal_;
  std::chrono::seconds log_every_;
  std::uint64_t done_ = 0;
  std::uint64_t calls_ = 0;
  bool finished_ = false;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_shown_;
};

// True when stderr is a terminal.
bool stderr_is_terminal();

}  // namespace insights::producers
