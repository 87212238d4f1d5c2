#include "tests/unit/chunkstore/chunk_store_contract.h"

#include <random>

#include "shared/util/error.h"

namespace insights::chunkstore::testing {

void ChunkStoreContract::SetUp() {
  if (const std::string reason = GetParam().skip_reason(); !reason.empty()) GTEST_SKIP() << reason;
  harness = GetParam().make();
}

ChunkMeta ChunkStoreContract::put(const ChunkId& chunk, const std::string& data) {
  auto writer = store().create(chunk);
  for (std::size_t pos = 0; pos < data.size(); pos += 1000) writer->write(std::string_view(data).substr(pos, 1000));
  return writer->commit(counts());
}

std::string random_bytes(std::size_t size, unsigned seed) {
  std::mt19937 rng(seed);
  std::string out(size, '\0');
  for (char& c : out) c = static_cast<char>(rng());
  return out;
}

std::string read_all(ChunkReader& reader, std::size_t buffer_size) {
  std::string out;
  std::vector<char> buffer(buffer_size);
  while (const std::size_t n = reader.read(buffer.data(), buffer.size())) out.append(buffer.data(), n);
  return out;
}

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

ChunkMeta counts() {
  ChunkMeta meta;
  meta.crc32 = 0x01020304u;
  meta.uncompressed_bytes = 999;
  meta.records = 42;
  meta.rejected = 1;
  return meta;
}

}  // namespace insights::chunkstore::testing
