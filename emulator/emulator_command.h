#pragma once
#include <CLI/CLI.hpp>

namespace insights::emulator {

// `insights emulator --port 8787 --client-id .. --client-secret-env VAR ...`: serves until SIGINT or SIGTERM
// and prints "emulator listening on http://127.0.0.1:PORT" on stdout once it accepts connections.
void add_emulator_command(CLI::App& app);

}  // namespace insights::emulator
