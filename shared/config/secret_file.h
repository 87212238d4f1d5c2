#pragma once
#include <filesystem>
#include <string>
#include <string_view>

namespace insights::config {

// Reads a secret from a file (Kubernetes and Docker mount secrets this way); trailing line breaks are trimmed.
// `named_by` says where the path came from, for the error message. The secret itself never appears in errors.
std::string read_secret_file(const std::filesystem::path& path, std::string_view named_by);

}  // namespace insights::config
