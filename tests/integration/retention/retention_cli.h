#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace insights::testing {

// What a finished `insights` run printed (stdout and stderr together) and its exit code.
struct CliRun {
  int exit_code = -1;
  std::string output;
};

// Runs the real binary with `args` after the program name; its output goes to a log file under `scratch`.
CliRun run_insights(const std::filesystem::path& scratch, const std::vector<std::string>& args);

}  // namespace insights::testing
