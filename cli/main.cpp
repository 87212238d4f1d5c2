#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>

#include "cli/commands.h"
#include "emulator/emulator_command.h"
#include "shared/util/error.h"

int main(int argc, char** argv) {
  using namespace insights::cli;
  CLI::App app{"insights: exports BookMe bookings to Salesforce CRM Analytics through Kafka"};
  app.require_subcommand(1);
  GlobalOptions global;
  app.add_option("-c,--config", global.config_file, "TOML config file (default: $INSIGHTS_CONFIG)");
  app.add_option("--set", global.overrides, "Override a config key: --set kafka.bootstrap_servers=host:9092 (repeatable)");
  add_produce_command(app, global);
  add_batcher_command(app, global);
  add_uploader_command(app, global);
  add_broker_command(app, global);
  add_demo_command(app, global);
  add_replay_command(app, global);
  add_chunks_command(app, global);
  add_docs_command(app);
  insights::emulator::add_emulator_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::RuntimeError& e) {
    return e.get_exit_code();  // a command's own outcome (commands end with it to set their exit code)
  } catch (const CLI::ParseError& e) {
    // CLI11's own codes (105-109...) mean nothing to scripts; a usage error is 2, as for every other command line.
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  } catch (const insights::Error& e) {
    std::fprintf(stderr, "insights: %s\n", e.what());
    return kExitFailed;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "insights: unexpected error: %s\n", e.what());
    return kExitFailed;
  }
  return kExitOk;
}
