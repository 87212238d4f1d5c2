#include "workers/replay/dead_letters.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "shared/schema/schema.h"
#include "workers/replay/topic_reader.h"

namespace insights::replay {
namespace {

constexpr std::chrono::seconds kReadTimeout{60};

std::string text(const rapidjson::Value& doc, const char* name) {
  auto it = doc.FindMember(name);
  return it != doc.MemberEnd() && it->value.IsString() ? std::string(it->value.GetString(), it->value.GetStringLength()) : std::string();
}

std::string json_of(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  value.Accept(w);
  return {buffer.GetString(), buffer.GetSize()};
}

void add_job_entry(DeadLetters& out, std::string_view payload) {
  rapidjson::Document doc;
  doc.Parse(payload.data(), payload.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    ++out.unreadable;
    return;
  }
  schema::JobKey job{text(doc, "org"), text(doc, "dataset"), text(doc, "run")};
  if (job.org.empty() || job.dataset.empty() || job.run.empty()) {
    ++out.unreadable;
    return;
  }
  if (text(doc, "type") == "replayed") {
    out.jobs.erase(job.id());
    return;
  }
  FailedJob failed;
  failed.job = job;
  failed.error = text(doc, "error");
  failed.status = text(doc, "status");
  failed.time = text(doc, "time");
  if (auto it = doc.FindMember("attempts"); it != doc.MemberEnd() && it->value.IsInt()) failed.attempts = it->value.GetInt();
  if (auto it = doc.FindMember("manifests"); it != doc.MemberEnd() && it->value.IsArray()) {
    for (const auto& m : it->value.GetArray()) failed.manifests.push_back(json_of(m));
  }
  out.jobs[job.id()] = std::move(failed);
}

void add_record_entry(DeadLetters& out, const kafka::Message& message) {
  rapidjson::Document doc;
  doc.Parse(message.payload().data(), message.payload().size());
  if (doc.HasParseError() || !doc.IsObject()) {
    ++out.unreadable;
    return;
  }
  RejectedRecord record;
  record.reason = text(doc, "reason");
  record.topic = text(doc, "topic");
  if (auto it = doc.FindMember("partition"); it != doc.MemberEnd() && it->value.IsInt()) record.partition = it->value.GetInt();
  if (auto it = doc.FindMember("offset"); it != doc.MemberEnd() && it->value.IsInt64()) record.offset = it->value.GetInt64();
  record.key = std::string(message.key());
  out.records.push_back(std::move(record));
}

}  // namespace

DeadLetters read_dead_letters(const kafka::Properties& properties, bool with_records) {
  DeadLetters out;
  const auto& topics = schema::schema().topics;
  read_whole_topic(properties, topics.batches_dlq, [&](const kafka::Message& m) { add_job_entry(out, m.payload()); }, kReadTimeout);
  if (with_records) {
    read_whole_topic(properties, topics.records_dlq, [&](const kafka::Message& m) { add_record_entry(out, m); }, kReadTimeout);
  }
  return out;
}

}  // namespace insights::replay
