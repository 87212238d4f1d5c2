#include "shared/schema/dead_letter.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "shared/schema/schema.h"

namespace insights::schema {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void write_text(JsonWriter& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value);
}

// Both kinds of entry start with the schema version and the job's identity.
void write_identity(JsonWriter& w, const JobKey& job) {
  w.Key("v");
  w.Int(schema().version);
  write_text(w, "job", job.id());
  write_text(w, "org", job.org);
  write_text(w, "dataset", job.dataset);
  write_text(w, "run", job.run);
}

}  // namespace

std::string encode_job_failure(const JobFailure& failure) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  write_identity(w, failure.job);
  write_text(w, "error", failure.error);
  write_text(w, "status", failure.status);
  w.Key("attempts");
  w.Int(failure.attempts);
  write_text(w, "time", failure.time);
  w.Key("manifests");
  w.StartArray();
  for (const auto& manifest : failure.manifests) w.RawValue(manifest.data(), manifest.size(), rapidjson::kObjectType);
  w.EndArray();
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

std::string encode_replay_marker(const JobKey& job, const std::string& time) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  write_identity(w, job);
  write_text(w, "type", "replayed");
  write_text(w, "time", time);
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace insights::schema
