#pragma once
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "shared/chunkstore/chunk_store.h"

namespace insights::chunkstore::testing {

// What the shared chunk store tests need beyond the interface: direct access to the stored objects, to damage them
// the way a crash, a disk or an operator could. One per store implementation.
class StoreHarness {
 public:
  virtual ~StoreHarness() = default;
  virtual ChunkStore& store() = 0;
  // Every stored object (file or key) relative to the store's root, sorted.
  virtual std::vector<std::string> objects() = 0;
  virtual void remove_meta(const ChunkId& id) = 0;
  virtual void truncate_data(const ChunkId& id, std::uint64_t size) = 0;
  virtual void flip_byte(const ChunkId& id, std::uint64_t offset) = 0;
  virtual void overwrite_meta(const ChunkId& id, std::string_view text) = 0;
  // How error messages name the metadata object (a path or an s3:// URL).
  virtual std::string meta_location(const ChunkId& id) = 0;
};

// Returns nullptr when the store cannot be tested here; `skip_reason` then says why.
struct HarnessFactory {
  std::string name;
  std::function<std::unique_ptr<StoreHarness>()> make;
  std::function<std::string()> skip_reason;
};

inline void PrintTo(const HarnessFactory& factory, std::ostream* out) { *out << factory.name; }

class ChunkStoreContract : public ::testing::TestWithParam<HarnessFactory> {
 protected:
  void SetUp() override;
  ChunkMeta put(const ChunkId& id, const std::string& data);
  ChunkStore& store() { return harness->store(); }

  std::unique_ptr<StoreHarness> harness;
  ChunkId id{"org-1", "meetings", "run_20240601", 42};
};

// Retention over the same harnesses.
class RetentionContract : public ChunkStoreContract {
 protected:
  void put_job(const JobPath& job, std::uint32_t batches) {
    for (std::uint32_t b = 1; b <= batches; ++b) put({job.org, job.dataset, job.run, b}, "chunk " + std::to_string(b));
  }
  JobPath a{"org-1", "meetings", "run_a"};
  JobPath b{"org-1", "meetings", "run_b"};
};

std::string random_bytes(std::size_t size, unsigned seed);
std::string read_all(ChunkReader& reader, std::size_t buffer_size);
std::string error_of(const std::function<void()>& action);
ChunkMeta counts();

}  // namespace insights::chunkstore::testing

// Runs both suites against one store; use once per test binary, inside namespace insights::chunkstore::testing.
#define INSIGHTS_INSTANTIATE_CHUNK_STORE_CONTRACT(factory)                                                         \
  INSTANTIATE_TEST_SUITE_P(Store, ChunkStoreContract, ::testing::Values(factory),                                   \
                           [](const ::testing::TestParamInfo<HarnessFactory>& info) { return info.param.name; }); \
  INSTANTIATE_TEST_SUITE_P(Store, RetentionContract, ::testing::Values(factory),                                    \
                           [](const ::testing::TestParamInfo<HarnessFactory>& info) { return info.param.name; })
