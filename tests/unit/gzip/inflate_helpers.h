#pragma once
// Reference decoders built on zlib, independent of the ISA-L code under test.
#include <zlib.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace insights::gzip::testing {

struct InflateResult {
  int last_rc = Z_OK;          // last inflate() return code
  std::string output;
  std::size_t unused_input = 0;  // bytes left after the stream ended
};

inline InflateResult inflate_all(std::string_view input, int window_bits) {
  InflateResult result;
  z_stream zs{};
  if (inflateInit2(&zs, window_bits) != Z_OK) {
    result.last_rc = Z_STREAM_ERROR;
    return result;
  }
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  zs.avail_in = static_cast<uInt>(input.size());
  char buffer[64 * 1024];
  do {
    zs.next_out = reinterpret_cast<Bytef*>(buffer);
    zs.avail_out = sizeof buffer;
    result.last_rc = inflate(&zs, Z_NO_FLUSH);
    result.output.append(buffer, sizeof buffer - zs.avail_out);
  } while (result.last_rc == Z_OK && (zs.avail_in > 0 || zs.avail_out == 0));
  result.unused_input = zs.avail_in;
  inflateEnd(&zs);
  return result;
}

// gzip decoding of the FIRST member only; a single-member stream leaves no input behind.
inline InflateResult gunzip_first_member(std::string_view input) { return inflate_all(input, 16 + MAX_WBITS); }

inline InflateResult raw_inflate(std::string_view input) { return inflate_all(input, -MAX_WBITS); }

inline std::uint32_t zlib_crc(std::string_view data) {
  return static_cast<std::uint32_t>(
      crc32_z(crc32_z(0, nullptr, 0), reinterpret_cast<const Bytef*>(data.data()), data.size()));
}

inline std::uint32_t read_le32(std::string_view bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (int i = 3; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(bytes[at + static_cast<std::size_t>(i)]);
  return value;
}

}  // namespace insights::gzip::testing
