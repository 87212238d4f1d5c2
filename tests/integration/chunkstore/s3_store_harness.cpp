// Runs the chunk store contract (tests/unit/chunkstore) against S3ChunkStore on the local S3 server: a fresh bucket
// per test, emptied and deleted afterwards.
#include <algorithm>

#include "shared/chunkstore/s3_chunk_store.h"
#include "tests/integration/chunkstore/s3_test_server.h"
#include "tests/unit/chunkstore/chunk_store_contract.h"

namespace insights::chunkstore::testing {
namespace {

class S3Harness : public StoreHarness {
 public:
  S3Harness() : store_(fresh_bucket_settings()), raw_(store_.client().settings()) { raw_.create_bucket(); }
  ~S3Harness() override {
    try {
      for (const S3Object& object : raw_.list("")) raw_.remove(object.key);
      raw_.delete_bucket();
    } catch (const std::exception& e) {
      ADD_FAILURE() << "cleaning up bucket " << raw_.settings().bucket << ": " << e.what();
    }
  }

  ChunkStore& store() override { return store_; }
  std::vector<std::string> objects() override {
    std::vector<std::string> out;
    const std::string root = raw_.settings().prefix + "/";
    for (const S3Object& object : raw_.list("")) {
      EXPECT_TRUE(object.key.starts_with(root)) << object.key << " is outside the store's prefix";
      out.push_back(object.key.substr(std::min(root.size(), object.key.size())));
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  void remove_meta(const ChunkId& id) override { raw_.remove(store_.meta_key(id)); }
  void truncate_data(const ChunkId& id, std::uint64_t size) override {
    raw_.put(store_.data_key(id), raw_.get(store_.data_key(id)).value().substr(0, size));
  }
  void flip_byte(const ChunkId& id, std::uint64_t offset) override {
    std::string data = raw_.get(store_.data_key(id)).value();
    data[offset] = static_cast<char>(data[offset] ^ 0x01);
    raw_.put(store_.data_key(id), data);
  }
  void overwrite_meta(const ChunkId& id, std::string_view text) override { raw_.put(store_.meta_key(id), text); }
  std::string meta_location(const ChunkId& id) override { return raw_.describe(store_.meta_key(id)); }

 private:
  S3ChunkStore store_;
  S3Client raw_;  // a second client on the same bucket, to damage objects behind the store's back
};

const HarnessFactory kS3{"S3", [] { return std::make_unique<S3Harness>(); }, s3_skip_reason};

}  // namespace

INSIGHTS_INSTANTIATE_CHUNK_STORE_CONTRACT(kS3);

}  // namespace insights::chunkstore::testing
