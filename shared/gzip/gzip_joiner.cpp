#include "shared/gzip/gzip_joiner.h"

#include <fmt/format.h>
#include <zlib.h>

#include <array>

#include "shared/util/error.h"

namespace insights::gzip {
namespace {

static_assert(sizeof(z_off_t) >= 8, "crc32_combine needs 64-bit lengths for segments over 2 GiB");

// ID1 ID2 CM=deflate FLG=0 MTIME=0 XFL=0 OS=unknown: no timestamp, so the same segments give the same bytes.
constexpr std::array<char, GzipJoiner::kHeaderBytes> kHeader{'\x1f', '\x8b', '\x08', 0, 0, 0, 0, 0, 0, '\xff'};

// BFINAL=1, BTYPE=01 (fixed Huffman), end-of-block code: 3 bits + 7 bits, padded to two bytes.
constexpr std::array<char, GzipJoiner::kFinalBlockBytes> kFinalEmptyBlock{'\x03', '\x00'};

void put_le32(char* out, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) out[i] = static_cast<char>((value >> (8 * i)) & 0xffu);
}

}  // namespace

GzipJoiner::GzipJoiner(Sink sink) : sink_(std::move(sink)) {
  if (!sink_) throw Error("gzip: GzipJoiner needs a sink for the joined stream");
}

void GzipJoiner::check_open(const char* operation) const {
  if (finished_) throw Error(fmt::format("gzip: {}() after finish(); start a new GzipJoiner for a new stream", operation));
}

void GzipJoiner::check_current_complete() const {
  if (segments_ > 0 && current_written_ != current_.compressed_bytes) {
    throw Error(fmt::format(
        "gzip: segment {} declared {} compressed bytes but {} were written; the chunk is truncated or its metadata is "
        "wrong, rebuild it",
        segments_, current_.compressed_bytes, current_written_));
  }
}

void GzipJoiner::emit(std::string_view bytes) {
  written_ += bytes.size();
  sink_(bytes);
}

void GzipJoiner::ensure_header() {
  if (header_written_) return;
  header_written_ = true;
  emit(std::string_view(kHeader.data(), kHeader.size()));
}

void GzipJoiner::begin_segment(const Segment& segment) {
  check_open("begin_segment");
  check_current_complete();
  ensure_header();
  crc_ = static_cast<std::uint32_t>(
      crc32_combine(crc_, segment.crc32, static_cast<z_off_t>(segment.uncompressed_bytes)));
  uncompressed_ += segment.uncompressed_bytes;
  current_ = segment;
  current_written_ = 0;
  ++segments_;
}

void GzipJoiner::write(std::string_view compressed_bytes_of_current_segment) {
  check_open("write");
  if (segments_ == 0) throw Error("gzip: write() before begin_segment(); announce each segment before its bytes");
  current_written_ += compressed_bytes_of_current_segment.size();
  if (current_written_ > current_.compressed_bytes) check_current_complete();
  if (!compressed_bytes_of_current_segment.empty()) emit(compressed_bytes_of_current_segment);
}

void GzipJoiner::finish() {
  check_open("finish");
  check_current_complete();
  ensure_header();
  emit(std::string_view(kFinalEmptyBlock.data(), kFinalEmptyBlock.size()));
  std::array<char, kTrailerBytes> trailer{};
  put_le32(trailer.data(), crc_);
  put_le32(trailer.data() + 4, static_cast<std::uint32_t>(uncompressed_ & 0xffffffffu));
  emit(std::string_view(trailer.data(), trailer.size()));
  finished_ = true;
}

}  // namespace insights::gzip
