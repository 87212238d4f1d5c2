#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "shared/util/error.h"

namespace insights::emulator {

// A refusal the API reports to its caller as the §2.1 body: an array of {message, errorCode, fields}.
class ApiError : public insights::Error {
 public:
  ApiError(int http_status, std::string code, const std::string& message, std::vector<std::string> fields = {});

  int http_status() const noexcept { return http_status_; }
  const std::string& code() const noexcept { return code_; }
  const std::vector<std::string>& fields() const noexcept { return fields_; }

 private:
  int http_status_;
  std::string code_;
  std::vector<std::string> fields_;
};

// Validation refusals all come back as 400.
ApiError bad_request(std::string code, const std::string& message, std::vector<std::string> fields = {});
ApiError not_found(const std::string& message = "The requested resource does not exist");

std::string error_body(std::string_view code, std::string_view message, const std::vector<std::string>& fields = {});

}  // namespace insights::emulator
