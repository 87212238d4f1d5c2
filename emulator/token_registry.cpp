#include "emulator/token_registry.h"

#include <vector>

#include <fmt/format.h>
#include <openssl/rand.h>

#include "shared/util/error.h"

namespace insights::emulator {

std::string random_hex(std::size_t bytes) {
  std::vector<unsigned char> buffer(bytes);
  if (RAND_bytes(buffer.data(), static_cast<int>(buffer.size())) != 1) {
    throw insights::Error("OpenSSL RAND_bytes failed to produce a token; check the system's entropy source");
  }
  std::string hex;
  hex.reserve(bytes * 2);
  for (const auto byte : buffer) hex += fmt::format("{:02x}", byte);
  return hex;
}

TokenRegistry::TokenRegistry(std::string org_id) : org_id_(std::move(org_id)) {}

std::string TokenRegistry::issue() {
  // Real session ids start with the org id and '!'; clients only pass them through.
  auto token = fmt::format("{}!{}", org_id_.substr(0, 15), random_hex(32));
  std::lock_guard lock(mutex_);
  tokens_.insert(token);
  return token;
}

bool TokenRegistry::accepts(std::string_view token) const {
  std::lock_guard lock(mutex_);
  return tokens_.contains(std::string(token));
}

void TokenRegistry::revoke_all() {
  std::lock_guard lock(mutex_);
  tokens_.clear();
}

}  // namespace insights::emulator
