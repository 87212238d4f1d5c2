#include "shared/schema/record_codec.h"

#include <fmt/format.h>

#include <charconv>
#include <functional>
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

const char* name_of(EnvelopeField field) {
  static constexpr const char* kNames[] = {"v", "org", "dataset", "run", "batch", "seq", "count", "batches", "records",
                                           "operation", "row"};
  return kNames[static_cast<std::size_t>(field)];
}

const JsonValue& member(const RecordHandler& handler, EnvelopeField field) {
  const JsonValue& value = handler.envelope(field);
  if (value.kind == JsonKind::Null) throw RecordError(fmt::format("missing field '{}'", name_of(field)));
  return value;
}

std::string_view string_field(const RecordHandler& handler, EnvelopeField field) {
  const JsonValue& value = member(handler, field);
  if (value.kind != JsonKind::String) throw RecordError(fmt::format("field '{}' must be a string", name_of(field)));
  return value.text;
}

std::uint64_t uint_field(const RecordHandler& handler, EnvelopeField field) {
  const JsonValue& value = member(handler, field);
  if (value.kind != JsonKind::Uint) {
    throw RecordError(fmt::format("field '{}' must be a non-negative integer", name_of(field)));
  }
  return value.uint_value;
}

// Assigns without reallocating; false when the value did not change.
bool assign(std::string& to, std::string_view from) {
  if (to == from) return false;
  to.assign(from);
  return true;
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
  out_.kind = parse_kind(kind_header);
  out_.batch = 0;
  out_.seq = out_.count = out_.batches = out_.records = 0;
  out_.operation.clear();
  out_.row = nullptr;
  out_.csv = {};
  handler_.reset();
  scanner_.scan(payload, handler_);
  if (!handler_.top_is_object()) throw RecordError("record is not a JSON object");
  auto version = uint_field(handler_, EnvelopeField::V);
  if (version != static_cast<std::uint64_t>(schema().version)) {
    throw RecordError(fmt::format("unknown schema version {} (this build reads version {})", version, schema().version));
  }
  out_.version = static_cast<int>(version);
  decode_job();
  switch (out_.kind) {
    case Kind::Record: {
      out_.batch = static_cast<std::uint32_t>(uint_field(handler_, EnvelopeField::Batch));
      out_.seq = uint_field(handler_, EnvelopeField::Seq);
      if (member(handler_, EnvelopeField::Row).kind != JsonKind::Object) {
        throw RecordError("field 'row' must be an object");
      }
      out_.row = &handler_.row();
      break;
    }
    case Kind::BatchEnd:
      out_.batch = static_cast<std::uint32_t>(uint_field(handler_, EnvelopeField::Batch));
      out_.count = uint_field(handler_, EnvelopeField::Count);
      break;
    case Kind::RunEnd:
      out_.batches = uint_field(handler_, EnvelopeField::Batches);
      out_.records = uint_field(handler_, EnvelopeField::Records);
      out_.operation.assign(string_field(handler_, EnvelopeField::Operation));
      if (!valid_operation(out_.operation)) {
        throw RecordError(fmt::format("run_end operation '{}' is not Overwrite, Upsert or Append", out_.operation));
      }
      break;
  }
  return out_;
}

const Decoded& RecordDecoder::decode_to_csv(std::string_view kind_header, std::string_view payload) {
  if (kind_header == "record" && decode_canonical(payload)) return out_;
  return decode(kind_header, payload);
}

bool RecordDecoder::decode_canonical(std::string_view payload) {
  // Only for the job of the previous record, which was validated; the first record of a job takes decode().
  if (!job_valid_) return false;
  const auto envelope = canonical_.envelope(payload, job_prefix_);
  if (!envelope) return false;
  const std::size_t length = canonical_.write_row(*out_.dataset, payload, envelope->row_at, csv_);
  if (length == 0) return false;
  out_.kind = Kind::Record;
  out_.version = schema().version;
  out_.batch = static_cast<std::uint32_t>(envelope->batch);
  out_.seq = envelope->seq;
  out_.count = out_.batches = out_.records = 0;
  out_.operation.clear();
  out_.row = nullptr;
  out_.csv = {csv_.data(), length};
  return true;
}

void RecordDecoder::decode_job() {
  const std::string_view org = string_field(handler_, EnvelopeField::Org);
  const std::string_view dataset = string_field(handler_, EnvelopeField::Dataset);
  const std::string_view run = string_field(handler_, EnvelopeField::Run);
  bool changed = assign(out_.job.org, org);
  changed = assign(out_.job.dataset, dataset) || changed;
  changed = assign(out_.job.run, run) || changed;
  if (changed || !job_valid_) {
    job_valid_ = false;
    try {
      validate_job(out_.job);
    } catch (const Error& e) {
      throw RecordError(e.what());
    }
    out_.dataset = &schema().dataset(out_.job.dataset);
    job_prefix_ = CanonicalRecordReader::job_prefix(out_.job);
    job_valid_ = true;
  }
}

bool is_batch_key(std::string_view key, const JobKey& job, std::uint32_t batch) {
  for (const std::string& part : {std::cref(job.org), std::cref(job.dataset), std::cref(job.run)}) {
    if (key.size() <= part.size() || key.compare(0, part.size(), part) != 0 || key[part.size()] != '/') return false;
    key.remove_prefix(part.size() + 1);
  }
  char digits[16];
  const auto end = std::to_chars(digits, digits + sizeof digits, batch).ptr;
  return key == std::string_view(digits, static_cast<std::size_t>(end - digits));
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
