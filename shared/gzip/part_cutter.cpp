#include "shared/gzip/part_cutter.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "shared/util/error.h"

namespace insights::gzip {

PartCutter::PartCutter(std::size_t max_part_bytes, PartSink sink) : max_part_bytes_(max_part_bytes), sink_(std::move(sink)) {
  if (max_part_bytes_ == 0) throw Error("gzip: PartCutter max_part_bytes must be greater than 0");
  if (!sink_) throw Error("gzip: PartCutter needs a sink for its parts");
}

void PartCutter::emit(std::string_view part) {
  if (parts_ == std::numeric_limits<int>::max()) {
    throw Error("gzip: too many parts for one stream; raise max_part_bytes");
  }
  ++parts_;
  sink_(parts_, part);
}

void PartCutter::write(std::string_view bytes) {
  if (finished_) throw Error("gzip: PartCutter::write() after finish(); start a new cutter for a new stream");
  bytes_ += bytes.size();
  if (!pending_.empty()) {
    const std::size_t take = std::min(bytes.size(), max_part_bytes_ - pending_.size());
    pending_.append(bytes.substr(0, take));
    bytes.remove_prefix(take);
    if (pending_.size() < max_part_bytes_) return;
    emit(pending_);
    pending_.clear();
  }
  // Whole parts go straight from the caller's buffer; only a tail is copied.
  while (bytes.size() >= max_part_bytes_) {
    emit(bytes.substr(0, max_part_bytes_));
    bytes.remove_prefix(max_part_bytes_);
  }
  if (!bytes.empty()) {
    if (pending_.capacity() < max_part_bytes_) pending_.reserve(max_part_bytes_);
    pending_.append(bytes);
  }
}

void PartCutter::finish() {
  if (finished_) throw Error("gzip: PartCutter::finish() called twice");
  finished_ = true;
  if (!pending_.empty()) {
    emit(pending_);
    pending_.clear();
  }
  if (parts_ == 0) throw Error("gzip: the stream to cut into parts is empty; an upload needs at least one byte of data");
}

}  // namespace insights::gzip
