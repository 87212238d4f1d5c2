#include "shared/schema/manifest.h"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "shared/schema/record_codec.h"
#include "shared/schema/schema.h"

namespace insights::schema {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void write_job(JsonWriter& w, const char* type, const JobKey& job) {
  w.Key("v");
  w.Int(schema().version);
  w.Key("type");
  w.String(type);
  w.Key("org");
  w.String(job.org);
  w.Key("dataset");
  w.String(job.dataset);
  w.Key("run");
  w.String(job.run);
}

void write_u64(JsonWriter& w, const char* key, std::uint64_t value) {
  w.Key(key);
  w.Uint64(value);
}

const rapidjson::Value& need(const rapidjson::Value& o, const char* name) {
  auto it = o.FindMember(name);
  if (it == o.MemberEnd()) throw RecordError(fmt::format("manifest lacks '{}'", name));
  return it->value;
}

std::uint64_t u64(const rapidjson::Value& o, const char* name) {
  const auto& v = need(o, name);
  if (!v.IsUint64()) throw RecordError(fmt::format("manifest field '{}' must be a non-negative integer", name));
  return v.GetUint64();
}

std::string str(const rapidjson::Value& o, const char* name) {
  const auto& v = need(o, name);
  if (!v.IsString()) throw RecordError(fmt::format("manifest field '{}' must be a string", name));
  return {v.GetString(), v.GetStringLength()};
}

}  // namespace

std::string encode_manifest(const BatchManifest& m) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  write_job(w, "batch", m.job);
  write_u64(w, "batch", m.batch);
  w.Key("complete");
  w.Bool(m.complete);
  write_u64(w, "expected", m.expected);
  write_u64(w, "missing", m.missing);
  w.Key("reason");
  w.String(m.reason);
  w.Key("chunk");
  w.String(m.chunk);
  write_u64(w, "bytes", m.meta.bytes);
  w.Key("sha256");
  w.String(m.meta.sha256);
  write_u64(w, "crc32", m.meta.crc32);
  write_u64(w, "uncompressed_bytes", m.meta.uncompressed_bytes);
  write_u64(w, "records", m.meta.records);
  write_u64(w, "rejected", m.meta.rejected);
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

std::string encode_manifest(const JobManifest& m) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  write_job(w, "job", m.job);
  write_u64(w, "batches", m.batches);
  write_u64(w, "records", m.records);
  w.Key("operation");
  w.String(m.operation);
  w.Key("schema_version");
  w.Int(m.schema_version);
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

Manifest decode_manifest(std::string_view json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsObject()) throw RecordError("manifest is not a JSON object");
  if (u64(doc, "v") != static_cast<std::uint64_t>(schema().version)) {
    throw RecordError(fmt::format("manifest has schema version {}, this build reads {}", u64(doc, "v"), schema().version));
  }
  JobKey job{str(doc, "org"), str(doc, "dataset"), str(doc, "run")};
  try {
    validate_job(job);
  } catch (const Error& e) {
    throw RecordError(e.what());
  }
  const std::string type = str(doc, "type");
  if (type == "job") {
    JobManifest m{job, u64(doc, "batches"), u64(doc, "records"), str(doc, "operation"), static_cast<int>(u64(doc, "schema_version"))};
    if (!valid_operation(m.operation)) throw RecordError(fmt::format("manifest operation '{}' is unknown", m.operation));
    return m;
  }
  if (type != "batch") throw RecordError(fmt::format("manifest type '{}' is neither batch nor job", type));
  BatchManifest m;
  m.job = std::move(job);
  m.batch = static_cast<std::uint32_t>(u64(doc, "batch"));
  const auto& complete = need(doc, "complete");
  if (!complete.IsBool()) throw RecordError("manifest field 'complete' must be a boolean");
  m.complete = complete.GetBool();
  m.expected = u64(doc, "expected");
  m.missing = u64(doc, "missing");
  m.reason = str(doc, "reason");
  m.chunk = str(doc, "chunk");
  m.meta.bytes = u64(doc, "bytes");
  m.meta.sha256 = str(doc, "sha256");
  m.meta.crc32 = static_cast<std::uint32_t>(u64(doc, "crc32"));
  m.meta.uncompressed_bytes = u64(doc, "uncompressed_bytes");
  m.meta.records = u64(doc, "records");
  m.meta.rejected = u64(doc, "rejected");
  return m;
}

}  // namespace insights::schema
