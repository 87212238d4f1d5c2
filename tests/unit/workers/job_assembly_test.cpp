#include "workers/uploader/job_assembly.h"

#include <gtest/gtest.h>

namespace insights::uploader {
namespace {

schema::BatchManifest batch(std::uint32_t n, std::uint64_t records, bool complete = true) {
  schema::BatchManifest m;
  m.job = {"acme", "meetings", "r"};
  m.batch = n;
  m.complete = complete;
  m.reason = complete ? "" : "lost";
  m.meta.records = records;
  return m;
}

TEST(JobAssembly, WaitsForEveryManifestThenIsReady) {
  JobAssembly a;
  a.add(batch(1, 50));
  EXPECT_EQ(a.state(), JobAssembly::State::Waiting);
  a.add(schema::JobManifest{{"acme", "meetings", "r"}, 2, 150, "Upsert", 1});
  EXPECT_EQ(a.state(), JobAssembly::State::Waiting);
  EXPECT_NE(a.explain().find("waiting for 1 of 2 batches: 0"), std::string::npos) << a.explain();
  a.add(batch(0, 100));
  EXPECT_EQ(a.state(), JobAssembly::State::Ready);
  EXPECT_EQ(a.rows(), 150u);
}

TEST(JobAssembly, IncompleteBatchOrCountMismatchIsBroken) {
  JobAssembly a;
  a.add(schema::JobManifest{{"acme", "meetings", "r"}, 1, 100, "Upsert", 1});
  a.add(batch(0, 99, false));
  EXPECT_EQ(a.state(), JobAssembly::State::Broken);
  EXPECT_NE(a.explain().find("incomplete"), std::string::npos);
  a.add(batch(0, 100));  // a re-produced run completes it
  EXPECT_EQ(a.state(), JobAssembly::State::Ready);
  a.add(batch(0, 99, false));  // a late incomplete manifest does not undo it
  EXPECT_EQ(a.state(), JobAssembly::State::Ready);

  JobAssembly b;
  b.add(schema::JobManifest{{"acme", "meetings", "r"}, 1, 100, "Upsert", 1});
  b.add(batch(0, 90));
  EXPECT_EQ(b.state(), JobAssembly::State::Broken);
  EXPECT_NE(b.explain().find("announced 100"), std::string::npos);
}

}  // namespace
}  // namespace insights::uploader
