#include "producers/meetings/watermark_store.h"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "producers/meetings/iso_time.h"
#include "producers/meetings/text_rules.h"
#include "shared/chunkstore/posix_io.h"
#include "shared/chunkstore/temp_file.h"
#include "shared/util/error.h"

namespace insights::meetings {

namespace {

std::string watermark_json(const std::string& org, const std::string& last_modified) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("org");
  writer.String(org.data(), static_cast<rapidjson::SizeType>(org.size()));
  writer.Key("last_modified");
  writer.String(last_modified.data(), static_cast<rapidjson::SizeType>(last_modified.size()));
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

[[noreturn]] void corrupt(const std::filesystem::path& file, std::string_view what) {
  throw Error(fmt::format("meetings watermark {}: {}; restore it from a backup, or delete it to export every "
                          "completed meeting of the organisation again",
                          file.string(), what));
}

}  // namespace

WatermarkStore::WatermarkStore(std::filesystem::path dir) : dir_(std::move(dir)) {}

std::filesystem::path WatermarkStore::file_of(const std::string& org) const {
  if (!valid_org_id(org)) {
    throw Error(fmt::format("meetings watermark: organisation id '{}' is not 1-64 characters of A-Z a-z 0-9 _ -; "
                            "fix the id",
                            org));
  }
  return dir_ / (org + ".json");
}

std::optional<std::string> WatermarkStore::get(const std::string& org) const {
  const auto file = file_of(org);
  const auto text = chunkstore::read_whole_file(file);
  if (!text) {
    return std::nullopt;
  }
  rapidjson::Document document;
  document.Parse(text->data(), text->size());
  if (document.HasParseError() || !document.IsObject()) {
    corrupt(file, "not a JSON object");
  }
  const auto stored_org = document.FindMember("org");
  if (stored_org == document.MemberEnd() || !stored_org->value.IsString() || stored_org->value.GetString() != org) {
    corrupt(file, fmt::format("\"org\" is not '{}'", org));
  }
  const auto value = document.FindMember("last_modified");
  if (value == document.MemberEnd() || !value->value.IsString() || !is_canonical_utc(value->value.GetString())) {
    corrupt(file, "\"last_modified\" is not a UTC time YYYY-MM-DDTHH:MM:SSZ");
  }
  return std::string(value->value.GetString(), value->value.GetStringLength());
}

void WatermarkStore::advance(const std::string& org, const std::string& last_modified) {
  if (!is_canonical_utc(last_modified)) {
    throw Error(fmt::format("meetings watermark: '{}' for organisation '{}' is not a UTC time "
                            "YYYY-MM-DDTHH:MM:SSZ; pass the max_last_modified of the delivered run",
                            last_modified, org));
  }
  const auto current = get(org);
  // Canonical UTC texts order like the instants they name.
  if (current && *current >= last_modified) {
    return;
  }
  chunkstore::make_directories(dir_);
  chunkstore::TempFile temp(file_of(org));
  temp.write(watermark_json(org, last_modified));
  temp.publish();
  chunkstore::sync_directory(dir_);
}

}  // namespace insights::meetings
