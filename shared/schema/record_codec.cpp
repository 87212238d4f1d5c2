#include "shared/schema/record_codec.h"

#include <fmt/format.h>
#include <rapidjson/error/en.h>

#include <iterator>

#include "shared/schema/schema.h"

namespace insights::schema {
namespace {

Kind parse_kind(std::string_view header) {
  if (header == "record") return Kind::Record;
  if (header == "batch_end") return Kind::BatchEnd;
  if (header == "run_end") return Kind::RunEnd;
  if (header.empty()) throw RecordError(fmt::format("missing '{}' header (record, batch_end or run_end)", schema().kind_header));
  throw RecordError(fmt::format("unknown '{}' header value '{}'", schema().kind_header, header));
}

const rapidjson::Value& member(const rapidjson::Value& object, const char* name) {
  auto it = object.FindMember(name);
  if (it == object.MemberEnd() || it->value.IsNull()) throw RecordError(fmt::format("missing field '{}'", name));
  return it->value;
}

std::string string_field(const rapidjson::Value& object, const char* name) {
  const auto& value = member(object, name);
  if (!value.IsString()) throw RecordError(fmt::format("field '{}' must be a string", name));
  return {value.GetString(), value.GetStringLength()};
}

std::uint64_t uint_field(const rapidjson::Value& object, const char* name) {
  const auto& value = member(object, name);
  if (!value.IsUint64()) throw RecordError(fmt::format("field '{}' must be a non-negative integer", name));
  return value.GetUint64();
}

}  // namespace

std::string_view to_string(Kind kind) {
  switch (kind) {
    case Kind::Record: return "record";
    case Kind::BatchEnd: return "batch_end";
    case Kind::RunEnd: return "run_end";
  }
  return "record";
}

bool valid_operation(std::string_view operation) {
  return operation == "Overwrite" || operation == "Upsert" || operation == "Append";
}

const Decoded& RecordDecoder::decode(std::string_view kind_header, std::string_view payload) {
  out_ = Decoded{};
  out_.kind = parse_kind(kind_header);
  // In-situ parsing needs a NUL-terminated, writable copy; the buffer is reused.
  buffer_.assign(payload);
  doc_.ParseInsitu<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseStopWhenDoneFlag>(buffer_.data());
  if (doc_.HasParseError()) {
    // rapidjson's own words name the problem (invalid UTF-8 reads "Invalid encoding in string.").
    throw RecordError(fmt::format("malformed JSON at byte {}: {}", doc_.GetErrorOffset(),
                                  rapidjson::GetParseError_En(doc_.GetParseError())));
  }
  if (!doc_.IsObject()) throw RecordError("record is not a JSON object");
  auto version = uint_field(doc_, "v");
  if (version != static_cast<std::uint64_t>(schema().version)) {
    throw RecordError(fmt::format("unknown schema version {} (this build reads version {})", version, schema().version));
  }
  out_.version = static_cast<int>(version);
  out_.job = JobKey{string_field(doc_, "org"), string_field(doc_, "dataset"), string_field(doc_, "run")};
  try {
    validate_job(out_.job);
  } catch (const Error& e) {
    throw RecordError(e.what());
  }
  switch (out_.kind) {
    case Kind::Record: {
      out_.batch = static_cast<std::uint32_t>(uint_field(doc_, "batch"));
      out_.seq = uint_field(doc_, "seq");
      const auto& row = member(doc_, "row");
      if (!row.IsObject()) throw RecordError("field 'row' must be an object");
      out_.row = &row;
      break;
    }
    case Kind::BatchEnd:
      out_.batch = static_cast<std::uint32_t>(uint_field(doc_, "batch"));
      out_.count = uint_field(doc_, "count");
      break;
    case Kind::RunEnd:
      out_.batches = uint_field(doc_, "batches");
      out_.records = uint_field(doc_, "records");
      out_.operation = string_field(doc_, "operation");
      if (!valid_operation(out_.operation)) {
        throw RecordError(fmt::format("run_end operation '{}' is not Overwrite, Upsert or Append", out_.operation));
      }
      break;
  }
  return out_;
}

void encode_record(std::string& out, const JobKey& job, std::uint32_t batch, std::uint64_t seq, std::string_view row_json) {
  // Ids are validated to [A-Za-z0-9_.-] before they get here, so they need no JSON escaping.
  fmt::format_to(std::back_inserter(out), R"({{"v":{},"org":"{}","dataset":"{}","run":"{}","batch":{},"seq":{},"row":)",
                 schema().version, job.org, job.dataset, job.run, batch, seq);
  out.append(row_json);
  out.push_back('}');
}

std::string encode_batch_end(const JobKey& job, std::uint32_t batch, std::uint64_t count) {
  return fmt::format(R"({{"v":{},"org":"{}","dataset":"{}","run":"{}","batch":{},"count":{}}})", schema().version,
                     job.org, job.dataset, job.run, batch, count);
}

std::string encode_run_end(const JobKey& job, std::uint64_t batches, std::uint64_t records, std::string_view operation) {
  return fmt::format(R"({{"v":{},"org":"{}","dataset":"{}","run":"{}","batches":{},"records":{},"operation":"{}"}})",
                     schema().version, job.org, job.dataset, job.run, batches, records, operation);
}

}  // namespace insights::schema
