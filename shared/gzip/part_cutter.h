#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace insights::gzip {

// Cuts a byte stream into parts of exactly max_part_bytes, numbered from 1; only the last part is shorter,
// and it is never empty.
class PartCutter {
 public:
  using PartSink = std::function<void(int part_number, std::string_view bytes)>;

  PartCutter(std::size_t max_part_bytes, PartSink sink);

  void write(std::string_view bytes);
  // Emits the last part; throws if the stream was empty, since an upload needs at least one part.
  void finish();

  int parts() const { return parts_; }
  std::uint64_t bytes() const { return bytes_; }

 private:
  void emit(std::string_view part);

  std::size_t max_part_bytes_;
  PartSink sink_;
  std::string pending_;
  int parts_ = 0;
  std::uint64_t bytes_ = 0;
  bool finished_ = false;
};

}  // namespace insights::gzip
