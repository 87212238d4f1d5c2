#include "emulator/request_log.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace insights::emulator {

RequestLog::RequestLog(std::size_t capacity) : capacity_(capacity) {}

void RequestLog::record(RecordedRequest request) {
  std::lock_guard lock(mutex_);
  request.sequence = next_sequence_++;
  requests_.push_back(std::move(request));
  while (requests_.size() > capacity_) requests_.pop_front();
}

std::vector<RecordedRequest> RequestLog::since(std::uint64_t sequence) const {
  std::lock_guard lock(mutex_);
  std::vector<RecordedRequest> result;
  for (const auto& request : requests_) {
    if (request.sequence > sequence) result.push_back(request);
  }
  return result;
}

std::string requests_to_json(const std::vector<RecordedRequest>& requests, std::uint64_t last_sequence) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  const auto string = [&](const std::string& text) {
    writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  };
  writer.StartObject();
  writer.Key("requests");
  writer.StartArray();
  for (const auto& request : requests) {
    writer.StartObject();
    writer.Key("seq");
    writer.Uint64(request.sequence);
    writer.Key("method");
    string(request.method);
    writer.Key("path");
    string(request.path);
    writer.Key("query");
    writer.StartObject();
    for (const auto& [name, value] : request.query) {
      string(name);
      string(value);
    }
    writer.EndObject();
    writer.Key("body");
    writer.RawValue(request.body_json.data(), request.body_json.size(), rapidjson::kObjectType);
    writer.Key("status");
    writer.Int(request.status);
    writer.EndObject();
  }
  writer.EndArray();
  writer.Key("last");
  writer.Uint64(last_sequence);
  writer.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace insights::emulator
