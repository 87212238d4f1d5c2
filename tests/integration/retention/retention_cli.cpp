#include "tests/integration/retention/retention_cli.h"

#include "tests/support/child_process.h"

namespace insights::testing {

CliRun run_insights(const std::filesystem::path& scratch, const std::vector<std::string>& args) {
  // The child appends to its log; start it empty so the result holds only this run's output.
  const auto log = (scratch / "insights-run.log").string();
  std::filesystem::remove(log);
  std::vector<std::string> argv{INSIGHTS_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  ChildProcess child(argv, log);
  CliRun run;
  run.exit_code = child.wait();
  run.output = read_file(log);
  return run;
}

}  // namespace insights::testing
