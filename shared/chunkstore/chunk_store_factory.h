#pragma once
#include <memory>
#include <string>
#include <string_view>

#include "shared/chunkstore/chunk_store.h"
#include "shared/chunkstore/s3_settings.h"

namespace insights::chunkstore {

// Which store a URL names: "s3://bucket/prefix" (S3), "file:///abs/path" or a plain path (filesystem).
enum class StoreKind { File, S3 };
StoreKind store_kind(std::string_view url);

// The directory of a filesystem URL ("file:///x" -> "/x", "var/chunks" -> "var/chunks"); throws for other schemes.
std::string file_store_root(std::string_view url);

// Opens the store a URL names. For S3, `s3` carries endpoint, region, addressing and credentials; the URL sets bucket
// and prefix. Throws insights::Error for an unknown scheme, naming the forms it accepts.
std::unique_ptr<ChunkStore> open_chunk_store(std::string_view url, S3Settings s3);

}  // namespace insights::chunkstore
