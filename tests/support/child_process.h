#pragma once
#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace insights::testing {

// A real child process for tests; killed with SIGKILL and reaped if still running when destroyed.
class ChildProcess {
 public:
  // stdout and stderr go to log_path (appended).
  ChildProcess(const std::vector<std::string>& argv, const std::string& log_path);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  bool running();
  void signal(int sig);
  // Sends SIGTERM and waits up to `timeout`, then SIGKILL; returns the exit status as from waitpid.
  int stop(std::chrono::milliseconds timeout = std::chrono::seconds(30));
  // Waits for exit; returns the exit code, or 128+signal.
  int wait();

 private:
  pid_t pid_ = -1;
  int status_ = 0;
  bool reaped_ = false;
};

// Reads a whole file; empty when missing.
std::string read_file(const std::string& path);

}  // namespace insights::testing
