#include "shared/chunkstore/file_chunk_reader.h"

#include "shared/chunkstore/posix_io.h"

namespace insights::chunkstore {

FileChunkReader::FileChunkReader(UniqueFd fd, std::filesystem::path path) : fd_(std::move(fd)), path_(std::move(path)) {}

std::size_t FileChunkReader::read(char* buf, std::size_t n) { return read_some(fd_.get(), buf, n, path_); }

}  // namespace insights::chunkstore
