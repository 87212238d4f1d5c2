#include "producers/run_report_state.h"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "shared/chunkstore/posix_io.h"
#include "shared/chunkstore/temp_file.h"
#include "shared/util/error.h"

namespace insights::producers {
namespace {

std::string to_json(const std::string& dataset, const std::map<std::string, RunCount>& counts) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("dataset");
  w.String(dataset.c_str());
  w.Key("orgs");
  w.StartObject();
  for (const auto& [org, count] : counts) {
    w.Key(org.c_str());
    w.StartObject();
    w.Key("run_id");
    w.String(count.run_id.c_str());
    w.Key("rows");
    w.Uint64(count.rows);
    w.Key("at");
    w.String(count.at.c_str());
    if (count.baseline) {
      w.Key("baseline");
      w.Uint64(*count.baseline);
    }
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

[[noreturn]] void corrupt(const std::filesystem::path& file, std::string_view what) {
  throw Error(fmt::format("run counts {}: {}; delete it to start the drift check afresh (the next run has nothing "
                          "to compare with and only sets a new baseline)",
                          file.string(), what));
}

RunCount parse_count(const std::filesystem::path& file, const std::string& org, const rapidjson::Value& v) {
  if (!v.IsObject()) corrupt(file, fmt::format("\"{}\" is not an object", org));
  const auto run_id = v.FindMember("run_id");
  const auto rows = v.FindMember("rows");
  const auto at = v.FindMember("at");
  if (run_id == v.MemberEnd() || !run_id->value.IsString() || rows == v.MemberEnd() || !rows->value.IsUint64() ||
      at == v.MemberEnd() || !at->value.IsString()) {
    corrupt(file, fmt::format("\"{}\" needs run_id (string), rows (count) and at (string)", org));
  }
  RunCount count{run_id->value.GetString(), rows->value.GetUint64(), at->value.GetString(), std::nullopt};
  if (const auto baseline = v.FindMember("baseline"); baseline != v.MemberEnd()) {
    if (!baseline->value.IsUint64()) corrupt(file, fmt::format("\"{}\".baseline is not a count", org));
    count.baseline = baseline->value.GetUint64();
  }
  return count;
}

}  // namespace

RunCountStore::RunCountStore(std::filesystem::path dir, std::string dataset) : dir_(std::move(dir)), dataset_(std::move(dataset)) {}

std::filesystem::path RunCountStore::file() const { return dir_ / fmt::format("run-counts-{}.json", dataset_); }

std::map<std::string, RunCount> RunCountStore::load() const {
  const auto path = file();
  const auto text = chunkstore::read_whole_file(path);
  if (!text) return {};
  rapidjson::Document document;
  document.Parse(text->data(), text->size());
  if (document.HasParseError() || !document.IsObject()) corrupt(path, "not a JSON object");
  const auto dataset = document.FindMember("dataset");
  if (dataset == document.MemberEnd() || !dataset->value.IsString() || dataset->value.GetString() != dataset_) {
    corrupt(path, fmt::format("\"dataset\" is not '{}'", dataset_));
  }
  const auto orgs = document.FindMember("orgs");
  if (orgs == document.MemberEnd() || !orgs->value.IsObject()) corrupt(path, "\"orgs\" is not an object");
  std::map<std::string, RunCount> counts;
  for (const auto& member : orgs->value.GetObject()) {
    const std::string org = member.name.GetString();
    counts.emplace(org, parse_count(path, org, member.value));
  }
  return counts;
}

void RunCountStore::save(const std::map<std::string, RunCount>& counts) const {
  chunkstore::make_directories(dir_);
  chunkstore::TempFile temp(file());
  temp.write(to_json(dataset_, counts));
  temp.publish();
  chunkstore::sync_directory(dir_);
}

}  // namespace insights::producers
