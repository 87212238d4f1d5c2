#include "shared/chunkstore/file_chunk_writer.h"

#include <fmt/format.h>

#include "shared/chunkstore/posix_io.h"
#include "shared/util/error.h"

namespace insights::chunkstore {

FileChunkWriter::FileChunkWriter(std::filesystem::path data_path, std::filesystem::path meta_path)
    : data_path_(std::move(data_path)), meta_path_(std::move(meta_path)) {
  data_.emplace(data_path_);
}

void FileChunkWriter::write(std::string_view bytes) {
  if (!data_) throw Error(fmt::format("chunk store: write to '{}' after commit", data_path_.string()));
  data_->write(bytes);
  sha_.update(bytes);
  bytes_ += bytes.size();
}

ChunkMeta FileChunkWriter::commit(ChunkMeta meta) {
  if (!data_) throw Error(fmt::format("chunk store: '{}' committed twice", data_path_.string()));
  meta.bytes = bytes_;
  meta.sha256 = sha_.hex_digest();
  const std::filesystem::path dir = data_path_.parent_path();

  // Withdraw an older commit marker first, so a crash below never pairs old metadata with new data.
  if (remove_file(meta_path_)) sync_directory(dir);
  data_->publish();
  data_.reset();
  // The data's directory entry must be durable before the marker that vouches for it.
  sync_directory(dir);

  TempFile meta_file(meta_path_);
  meta_file.write(to_json(meta));
  meta_file.publish();
  sync_directory(dir);
  return meta;
}

}  // namespace insights::chunkstore
