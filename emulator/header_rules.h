#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "emulator/sobject_record.h"
#include "emulator/upload_schema.h"

namespace insights::emulator {

// One InsightsExternalData row with what the server keeps beside its fields.
struct HeaderState {
  SobjectRecord record;
  std::string metadata;  // decoded MetadataJson
  std::optional<UploadSchema> schema;
  bool abort_requested = false;
  std::chrono::system_clock::time_point submitted{};
  std::chrono::system_clock::time_point finished{};  // when the Status became terminal
  std::uint64_t bytes = 0;                           // decoded bytes of its parts when Process was requested
};

// The app an existing dataset lives in ("" = private app), nullopt when no dataset has that alias.
using DatasetAppLookup = std::function<std::optional<std::string>(const std::string& alias)>;

// Sets the defaults a new header gets before the client's values are applied.
void set_header_defaults(HeaderState& header);

// Validates `changes` (§6 "Header insert / update") and applies them to `header`, then checks the header as
// a whole (required fields, Operation against the metadata, the dataset's app). Throws ApiError and may
// leave `header` half-changed: callers apply to a copy.
void apply_header_changes(HeaderState& header, const FieldValues& changes, const DatasetAppLookup& dataset_app);

}  // namespace insights::emulator
