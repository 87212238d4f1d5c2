#include "shared/chunkstore/chunk_store_factory.h"

#include <fmt/format.h>

#include "shared/chunkstore/file_chunk_store.h"
#include "shared/chunkstore/s3_chunk_store.h"
#include "shared/util/error.h"

namespace insights::chunkstore {
namespace {

constexpr std::string_view kFileScheme = "file://";
constexpr std::string_view kS3Scheme = "s3://";

[[noreturn]] void unknown_scheme(std::string_view url) {
  throw Error(fmt::format("chunk store URL '{}' has a scheme this program does not know; use s3://bucket/prefix, "
                          "file:///absolute/path or a plain directory path",
                          url));
}

}  // namespace

StoreKind store_kind(std::string_view url) {
  if (url.starts_with(kS3Scheme)) return StoreKind::S3;
  if (url.starts_with(kFileScheme) || url.find("://") == std::string_view::npos) return StoreKind::File;
  unknown_scheme(url);
}

std::string file_store_root(std::string_view url) {
  if (store_kind(url) != StoreKind::File) {
    throw Error(fmt::format("chunk store URL '{}' does not name a directory", url));
  }
  if (!url.starts_with(kFileScheme)) return std::string(url);
  const std::string_view path = url.substr(kFileScheme.size());
  if (!path.starts_with('/')) {
    throw Error(fmt::format("chunk store URL '{}': a file URL needs an absolute path after file:// (file:///var/chunks); "
                            "write a relative directory as a plain path",
                            url));
  }
  return std::string(path);
}

std::unique_ptr<ChunkStore> open_chunk_store(std::string_view url, S3Settings s3) {
  if (store_kind(url) == StoreKind::S3) {
    parse_s3_url(url, s3);
    return std::make_unique<S3ChunkStore>(std::move(s3));
  }
  return std::make_unique<FileChunkStore>(file_store_root(url));
}

}  // namespace insights::chunkstore
