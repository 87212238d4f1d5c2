#pragma once
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>

namespace insights::emulator {

// Access tokens this server issued and still honours. Thread-safe.
class TokenRegistry {
 public:
  explicit TokenRegistry(std::string org_id);

  std::string issue();
  bool accepts(std::string_view token) const;
  // Ends every session, as an expired session timeout or a revocation would.
  void revoke_all();

  const std::string& org_id() const { return org_id_; }

 private:
  std::string org_id_;
  mutable std::mutex mutex_;
  std::unordered_set<std::string> tokens_;
};

// Hex text of `bytes` cryptographically random bytes (OpenSSL RAND_bytes); throws insights::Error on failure.
std::string random_hex(std::size_t bytes);

}  // namespace insights::emulator
