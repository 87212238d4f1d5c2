#include "emulator/gzip_reader.h"

#include <algorithm>
#include <array>
#include <limits>

#include <fmt/format.h>
#include <zlib.h>

#include "shared/util/error.h"

namespace insights::emulator {

namespace {

constexpr int kGzipWindowBits = 16 + MAX_WBITS;
constexpr std::size_t kOutputChunk = 1 << 16;
constexpr std::size_t kMaxDeflateRatio = 1032;  // deflate's best case: 258 bytes from 2 bits

// The decoded size the gzip trailer announces (its last four bytes: the size modulo 2^32), as a reservation hint:
// growing a string of 100+ MB by doubling copies it and touches twice the memory. A wrong hint (bytes after the
// member, or a size past 4 GiB) only reserves address space that is never touched, bounded by deflate's ratio.
std::size_t announced_size(std::string_view bytes) {
  if (bytes.size() < 18) return 0;
  const auto* tail = reinterpret_cast<const unsigned char*>(bytes.data() + bytes.size() - 4);
  const std::size_t size = tail[0] | (tail[1] << 8U) | (tail[2] << 16U) | (static_cast<std::size_t>(tail[3]) << 24U);
  return std::min(size, bytes.size() * kMaxDeflateRatio);
}

// Owns one zlib inflate state.
class Inflater {
 public:
  Inflater() {
    if (inflateInit2(&stream_, kGzipWindowBits) != Z_OK) {
      throw insights::Error("gzip decoder could not start (zlib inflateInit2 failed); the process may be out of memory");
    }
  }
  ~Inflater() { inflateEnd(&stream_); }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;

  z_stream& stream() { return stream_; }

 private:
  z_stream stream_{};
};

}  // namespace

bool looks_like_gzip(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1F &&
         static_cast<unsigned char>(bytes[1]) == 0x8B;
}

std::string gunzip_single_member(std::string_view bytes, bool first_member_only) {
  if (bytes.size() > std::numeric_limits<uInt>::max()) {
    throw insights::Error("the data file is larger than 4 GiB, more than this emulator decodes in one piece");
  }
  Inflater inflater;
  auto& stream = inflater.stream();
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  std::string output;
  output.reserve(announced_size(bytes));
  std::array<char, kOutputChunk> buffer{};
  int status = Z_OK;
  while (status != Z_STREAM_END) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer.data());
    stream.avail_out = static_cast<uInt>(buffer.size());
    status = inflate(&stream, Z_NO_FLUSH);
    output.append(buffer.data(), buffer.size() - stream.avail_out);
    if (status == Z_BUF_ERROR || (status == Z_OK && stream.avail_in == 0 && stream.avail_out != 0)) {
      throw insights::Error("the gzip data is truncated (the stream ends before its trailer); upload every part");
    }
    if (status != Z_OK && status != Z_STREAM_END) {
      throw insights::Error(fmt::format("the gzip data is corrupt ({}); compress the file again",
                                        stream.msg != nullptr ? stream.msg : "zlib error"));
    }
  }
  const auto consumed = bytes.size() - stream.avail_in;
  if (consumed == bytes.size() || first_member_only) return output;
  const auto rest = bytes.substr(consumed);
  if (looks_like_gzip(rest)) {
    throw insights::Error(fmt::format(
        "the data holds several gzip members (a second member starts at byte {}); this server reads the data file as "
        "one gzip member: compress the whole file once, then cut the compressed bytes into parts",
        consumed));
  }
  throw insights::Error(fmt::format("{} unexpected bytes follow the gzip trailer at byte {}; send only the gzip stream",
                                    rest.size(), consumed));
}

}  // namespace insights::emulator
