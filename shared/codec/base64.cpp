#include "shared/codec/base64.h"

#include <openssl/evp.h>

#include <array>
#include <cstdint>

namespace insights::codec {
namespace {

// EVP_*Block take an int length; large inputs are processed in slices that keep whole quanta.
constexpr std::size_t kEncodeSlice = 3 * (std::size_t{1} << 24);
constexpr std::size_t kDecodeSlice = 4 * (std::size_t{1} << 24);

constexpr std::array<bool, 256> make_alphabet() {
  std::array<bool, 256> table{};
  for (char c = 'A'; c <= 'Z'; ++c) table[static_cast<unsigned char>(c)] = true;
  for (char c = 'a'; c <= 'z'; ++c) table[static_cast<unsigned char>(c)] = true;
  for (char c = '0'; c <= '9'; ++c) table[static_cast<unsigned char>(c)] = true;
  table['+'] = true;
  table['/'] = true;
  return table;
}
constexpr std::array<bool, 256> kAlphabet = make_alphabet();

std::size_t padding_of(std::string_view text) {
  std::size_t pad = 0;
  while (pad < 2 && pad < text.size() && text[text.size() - 1 - pad] == '=') ++pad;
  return pad;
}

// EVP_DecodeBlock silently skips surrounding whitespace, so the input is checked here first.
bool well_formed(std::string_view text, std::size_t pad) {
  if (text.size() % 4 != 0) return false;
  const std::size_t body = text.size() - pad;
  for (std::size_t i = 0; i < body; ++i) {
    if (!kAlphabet[static_cast<unsigned char>(text[i])]) return false;
  }
  return true;
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
  std::string out(base64_size(bytes.size()), '\0');
  base64_encode_to(out.data(), bytes);
  return out;
}

char* base64_encode_to(char* to, std::string_view bytes) {
  auto* dst = reinterpret_cast<unsigned char*>(to);
  const auto* src = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t remaining = bytes.size();
  while (remaining > 0) {
    const std::size_t n = remaining < kEncodeSlice ? remaining : kEncodeSlice;
    const int written = EVP_EncodeBlock(dst, src, static_cast<int>(n));
    dst += written;
    src += n;
    remaining -= n;
  }
  return reinterpret_cast<char*>(dst);
}

std::optional<std::string> base64_decode(std::string_view text) {
  const std::size_t pad = padding_of(text);
  if (!well_formed(text, pad)) return std::nullopt;
  // EVP_DecodeBlock writes 3 bytes per quantum, padding included; the padding bytes are dropped below.
  std::string out(text.size() / 4 * 3, '\0');
  auto* dst = reinterpret_cast<unsigned char*>(out.data());
  const auto* src = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t remaining = text.size();
  while (remaining > 0) {
    const std::size_t n = remaining < kDecodeSlice ? remaining : kDecodeSlice;
    const int written = EVP_DecodeBlock(dst, src, static_cast<int>(n));
    if (written < 0) return std::nullopt;
    dst += written;
    src += n;
    remaining -= n;
  }
  out.resize(out.size() - pad);
  return out;
}

}  // namespace insights::codec
