#include "producers/schedule_lock.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <optional>

#include "shared/util/error.h"

namespace insights::producers {
namespace {

// flock locks belong to open file descriptions, so a second lock in this process would conflict too; a child
// process shows what a second producer would see.
bool child_can_lock(const std::filesystem::path& dir, const std::string& dataset) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    try {
      ScheduleLock lock(dir, dataset);
      ::_exit(0);
    } catch (const Error&) {
      ::_exit(1);
    }
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

TEST(ScheduleLock, SecondProducerOfTheDatasetIsRefusedUntilTheFirstEnds) {
  const auto dir = std::filesystem::temp_directory_path() / ("schedule-lock-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  {
    std::optional<ScheduleLock> held(std::in_place, dir, "meetings");
    EXPECT_FALSE(child_can_lock(dir, "meetings"));
    EXPECT_TRUE(child_can_lock(dir, "availability"));  // the other dataset's producer is independent
    EXPECT_THROW(ScheduleLock(dir, "meetings"), Error);
    held.reset();
    EXPECT_TRUE(child_can_lock(dir, "meetings"));
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace insights::producers
