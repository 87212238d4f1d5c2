#include "shared/chunkstore/job_state.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "shared/util/error.h"

namespace insights::chunkstore {
namespace {

[[noreturn]] void bad_state(std::string_view why) {
  throw Error(fmt::format("job state document is invalid: {}; remove it with `insights chunks drop` or rewrite it", why));
}

}  // namespace

std::string_view to_string(JobState state) {
  switch (state) {
    case JobState::Completed:
      return "completed";
    case JobState::DeadLettered:
      return "dead_lettered";
    case JobState::Replaying:
      return "replaying";
  }
  return "unknown";
}

std::string format_utc(std::chrono::system_clock::time_point at) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", std::chrono::floor<std::chrono::seconds>(at));
}

std::string to_json(const JobStateRecord& record) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(record.at).time_since_epoch().count();
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("state");
  const std::string_view state = to_string(record.state);
  writer.String(state.data(), static_cast<rapidjson::SizeType>(state.size()));
  writer.Key("at");
  const std::string at = format_utc(record.at);
  writer.String(at.data(), static_cast<rapidjson::SizeType>(at.size()));
  writer.Key("at_unix");
  writer.Int64(seconds);
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

JobStateRecord job_state_from_json(std::string_view json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsObject()) bad_state("it is not a JSON object");
  const auto state = doc.FindMember("state");
  if (state == doc.MemberEnd() || !state->value.IsString()) bad_state("field 'state' is missing or not a string");
  const std::string_view name(state->value.GetString(), state->value.GetStringLength());
  JobStateRecord record;
  if (name == to_string(JobState::Completed)) {
    record.state = JobState::Completed;
  } else if (name == to_string(JobState::DeadLettered)) {
    record.state = JobState::DeadLettered;
  } else if (name == to_string(JobState::Replaying)) {
    record.state = JobState::Replaying;
  } else {
    bad_state(fmt::format("state '{}' is not one of completed, dead_lettered, replaying", name));
  }
  const auto at = doc.FindMember("at_unix");
  if (at == doc.MemberEnd() || !at->value.IsInt64()) bad_state("field 'at_unix' is missing or not an integer");
  record.at = std::chrono::system_clock::time_point(std::chrono::seconds(at->value.GetInt64()));
  return record;
}

}  // namespace insights::chunkstore
