#include "shared/chunkstore/s3_chunk_writer.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>

#include "shared/chunkstore/posix_io.h"
#include "shared/util/error.h"

namespace insights::chunkstore {
namespace {

UniqueFd open_spool_file(const std::filesystem::path& dir, std::filesystem::path& path) {
  std::string pattern = (dir / ".insights-chunk-XXXXXX").string();
  UniqueFd fd(::mkostemp(pattern.data(), O_CLOEXEC));
  if (!fd) throw_errno("create a spool file for an S3 chunk in", dir, errno);
  path = pattern;
  // Unlinked at once: the open descriptor keeps the data, and a crash leaves nothing to clean up.
  if (::unlink(pattern.c_str()) != 0) throw_errno("unlink", path, errno);
  return fd;
}

}  // namespace

S3ChunkWriter::S3ChunkWriter(const S3Client& client, std::string data_key, std::string meta_key,
                             const std::filesystem::path& spool_dir)
    : client_(client), data_key_(std::move(data_key)), meta_key_(std::move(meta_key)) {
  spool_ = open_spool_file(spool_dir, spool_path_);
}

void S3ChunkWriter::write(std::string_view bytes) {
  if (!spool_) throw Error(fmt::format("chunk store: write to {} after commit", client_.describe(data_key_)));
  write_all(spool_.get(), bytes, spool_path_);
  sha_.update(bytes);
  bytes_ += bytes.size();
}

ChunkMeta S3ChunkWriter::commit(ChunkMeta meta) {
  if (!spool_) throw Error(fmt::format("chunk store: {} committed twice", client_.describe(data_key_)));
  meta.bytes = bytes_;
  meta.sha256 = sha_.hex_digest();
  // Withdraw an older commit marker first, so a failure below never pairs old metadata with new data.
  client_.remove(meta_key_);
  // The server checks the body against x-amz-content-sha256, so a corrupted upload is refused, not stored.
  client_.put_file(data_key_, spool_.get(), bytes_, meta.sha256);
  client_.put(meta_key_, to_json(meta));
  spool_.reset();
  return meta;
}

}  // namespace insights::chunkstore
