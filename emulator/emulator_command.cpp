#include "emulator/emulator_command.h"

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <memory>
#include <pthread.h>

#include <fmt/format.h>

#include "emulator/emulator_server.h"
#include "shared/util/error.h"

namespace insights::emulator {

namespace {

struct CommandSettings {
  Options options;
  std::string client_secret_env;
  bool strict_part_limit = false;
  long processing_delay_ms = 20;
  std::vector<std::string> faults;
  std::string jwt_certificate_file;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw insights::Error(fmt::format("cannot read the JWT certificate file {} (--jwt-cert); check the path", path));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Blocks SIGINT and SIGTERM for this thread and every thread it starts afterwards, so that sigwait below
// receives them; the original mask comes back on destruction.
class BlockedStopSignals {
 public:
  BlockedStopSignals() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    if (pthread_sigmask(SIG_BLOCK, &set_, &previous_) != 0) {
      throw insights::Error("emulator could not block SIGINT/SIGTERM to wait for them");
    }
  }
  ~BlockedStopSignals() { pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }
  BlockedStopSignals(const BlockedStopSignals&) = delete;
  BlockedStopSignals& operator=(const BlockedStopSignals&) = delete;

  int wait() const {
    int signal = 0;
    sigwait(&set_, &signal);
    return signal;
  }

 private:
  sigset_t set_{};
  sigset_t previous_{};
};

Options resolve(const CommandSettings& settings) {
  Options options = settings.options;
  if (!settings.client_secret_env.empty()) {
    const char* secret = std::getenv(settings.client_secret_env.c_str());
    if (secret == nullptr || *secret == '\0') {
      throw insights::Error(fmt::format("environment variable {} (named by --client-secret-env) is not set; export the "
                                        "client secret there",
                                        settings.client_secret_env));
    }
    options.client_secret = secret;
  }
  if (settings.strict_part_limit) options.max_part_bytes = 10'000'000;
  options.processing_delay = std::chrono::milliseconds(settings.processing_delay_ms);
  for (const auto& fault : settings.faults) options.faults.push_back(parse_fault_flag(fault));
  if (!settings.jwt_certificate_file.empty()) options.jwt_certificate_pem = read_file(settings.jwt_certificate_file);
  return options;
}

void serve(const CommandSettings& settings) {
  const auto options = resolve(settings);
  BlockedStopSignals signals;
  const Server server(options);
  std::cout << "emulator listening on " << server.base_url() << std::endl;
  const int signal = signals.wait();
  std::cout << fmt::format("emulator stopping (signal {})", signal) << std::endl;
}

}  // namespace

void add_emulator_command(CLI::App& app) {
  auto settings = std::make_shared<CommandSettings>();
  settings->options.port = 8787;
  auto* command = app.add_subcommand("emulator", "Serve a local Salesforce External Data API emulator");
  command->add_option("--host", settings->options.host, "Address to listen on")->capture_default_str();
  command->add_option("--port", settings->options.port, "Port to listen on (0 picks a free one)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  command->add_option("--client-id", settings->options.client_id, "OAuth client id the token endpoint accepts")
      ->capture_default_str();
  command->add_option("--client-secret-env", settings->client_secret_env,
                      "Environment variable holding the OAuth client secret (default secret otherwise)");
  command->add_flag("--strict-part-limit", settings->strict_part_limit,
                    "Refuse parts of 10,000,000 bytes or more instead of 10,485,760");
  command->add_option("--processing-delay-ms", settings->processing_delay_ms,
                      "Delay of each processing step (Queued, InProgress, final)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  command->add_flag("--first-member-only", settings->options.first_member_only,
                    "Read only the first gzip member of a data file, as a lenient server might");
  command->add_option("--max-jobs-per-day", settings->options.max_jobs_per_dataset_per_day,
                      "Jobs one dataset takes per rolling 24 hours before further jobs fail")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command->add_option("--advertised-url", settings->options.advertised_url,
                      "instance_url handed out with tokens (default: the listening address)");
  command->add_option("--fault", settings->faults,
                      "Fault in force from the start, repeatable: key=value pairs joined by commas, e.g. "
                      "kind=status,status=503,count=2,method=POST,path_prefix=/services/data (see emulator/README.md)");
  command->add_option("--jwt-cert", settings->jwt_certificate_file,
                      "PEM X.509 certificate whose RSA key signs JWT bearer assertions (enables the grant)");
  command->add_option("--jwt-user", settings->options.jwt_users,
                      "Username (JWT sub) pre-authorized for the JWT bearer grant, repeatable");
  command->add_option("--jwt-audience", settings->options.jwt_audience, "Audience (JWT aud) the grant accepts")
      ->capture_default_str();
  command->add_option("--query-page-size", settings->options.query_page_size,
                      "Records per query page before nextRecordsUrl paging")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command->add_option("--request-log-capacity", settings->options.request_log_capacity,
                      "Requests GET /__admin/requests keeps; 0 turns the log off (throughput runs: digesting parts costs)")
      ->capture_default_str();
  command->callback([settings] { serve(*settings); });
}

}  // namespace insights::emulator
