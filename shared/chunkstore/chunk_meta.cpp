#include "shared/chunkstore/chunk_meta.h"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <limits>

#include "shared/util/error.h"

namespace insights::chunkstore {
namespace {

constexpr std::size_t kSha256HexChars = 64;

bool is_lower_hex(std::string_view text) {
  for (const char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

[[noreturn]] void bad_meta(std::string_view why) {
  throw Error(fmt::format("chunk store: chunk metadata is invalid: {}; the chunk must be rebuilt", why));
}

const rapidjson::Value& member(const rapidjson::Value& object, const char* name) {
  const auto it = object.FindMember(name);
  if (it == object.MemberEnd()) bad_meta(fmt::format("field '{}' is missing", name));
  return it->value;
}

std::uint64_t unsigned_field(const rapidjson::Value& object, const char* name,
                             std::uint64_t max = std::numeric_limits<std::uint64_t>::max()) {
  const rapidjson::Value& value = member(object, name);
  if (!value.IsUint64()) bad_meta(fmt::format("field '{}' is not a non-negative integer", name));
  if (value.GetUint64() > max) bad_meta(fmt::format("field '{}' is larger than {}", name, max));
  return value.GetUint64();
}

std::string sha256_field(const rapidjson::Value& object) {
  const rapidjson::Value& value = member(object, "sha256");
  if (!value.IsString()) bad_meta("field 'sha256' is not a string");
  std::string_view hex(value.GetString(), value.GetStringLength());
  if (hex.size() != kSha256HexChars || !is_lower_hex(hex)) bad_meta("field 'sha256' is not 64 lowercase hex digits");
  return std::string(hex);
}

}  // namespace

std::string to_json(const ChunkMeta& meta) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("bytes");
  writer.Uint64(meta.bytes);
  writer.Key("sha256");
  writer.String(meta.sha256.data(), static_cast<rapidjson::SizeType>(meta.sha256.size()));
  writer.Key("crc32");
  writer.Uint(meta.crc32);
  writer.Key("uncompressed_bytes");
  writer.Uint64(meta.uncompressed_bytes);
  writer.Key("records");
  writer.Uint64(meta.records);
  writer.Key("rejected");
  writer.Uint64(meta.rejected);
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

ChunkMeta chunk_meta_from_json(std::string_view json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError()) {
    bad_meta(fmt::format("JSON parse error at offset {}: {}", doc.GetErrorOffset(),
                         rapidjson::GetParseError_En(doc.GetParseError())));
  }
  if (!doc.IsObject()) bad_meta("it is not a JSON object");
  ChunkMeta meta;
  meta.bytes = unsigned_field(doc, "bytes");
  meta.sha256 = sha256_field(doc);
  meta.crc32 = static_cast<std::uint32_t>(unsigned_field(doc, "crc32", std::numeric_limits<std::uint32_t>::max()));
  meta.uncompressed_bytes = unsigned_field(doc, "uncompressed_bytes");
  meta.records = unsigned_field(doc, "records");
  meta.rejected = unsigned_field(doc, "rejected");
  return meta;
}

}  // namespace insights::chunkstore
