#include "emulator/header_rules.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "emulator/api_error.h"
#include "emulator/metadata_validator.h"
#include "emulator/name_rules.h"
#include "emulator/sobject_fields.h"
#include "emulator/utf8.h"
#include "shared/codec/base64.h"

namespace insights::emulator {

namespace {

ApiError missing(std::string_view field) {
  return bad_request("REQUIRED_FIELD_MISSING", fmt::format("Required fields are missing: [{}]", field),
                     {std::string(field)});
}

ApiError integrity(std::string_view field, const std::string& message) {
  return bad_request("FIELD_INTEGRITY_EXCEPTION", message, {std::string(field)});
}

std::string canonical_picklist(const FieldDef& field, const std::string& value) {
  for (const auto& allowed : field.picklist) {
    if (iequals(allowed, value)) return std::string(allowed);
  }
  const auto message = fmt::format("{}: bad value for {}picklist field: {} (allowed: {})", field.name,
                                   field.restricted ? "restricted " : "", value, fmt::join(field.picklist, ", "));
  if (field.restricted) {
    throw bad_request("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", message, {std::string(field.name)});
  }
  throw integrity(field.name, message);
}

void check_alias(const std::string& alias) {
  if (alias.empty()) throw missing("EdgemartAlias");
  if (!is_valid_api_name(alias) || alias.ends_with("__c")) {
    throw integrity("EdgemartAlias",
                    fmt::format("EdgemartAlias \"{}\" must start with a letter and hold only letters, digits and single "
                                "underscores, not ending in '_' or \"__c\"",
                                alias));
  }
}

void apply_metadata(HeaderState& header, const FieldValue& value) {
  if (is_null(value)) {
    header.metadata.clear();
    header.schema.reset();
    header.record.values["MetadataJson"] = std::monostate{};
    header.record.values["MetaDataLength"] = std::monostate{};
    header.record.values["CompressedMetadataLength"] = std::monostate{};
    return;
  }
  auto decoded = codec::base64_decode(std::get<std::string>(value));
  if (!decoded) throw integrity("MetadataJson", "MetadataJson is not valid base64; base64-encode the metadata JSON");
  header.schema = parse_metadata_json(*decoded);
  const auto length = static_cast<std::int64_t>(decoded->size());
  header.metadata = std::move(*decoded);
  header.record.values["MetadataJson"] = std::string();
  header.record.values["MetaDataLength"] = length;
  header.record.values["CompressedMetadataLength"] = length;
}

// Checks one value for its own field; returns the value to store.
FieldValue checked_value(const FieldDef& field, const FieldValue& value) {
  const auto* text = std::get_if<std::string>(&value);
  if (text != nullptr && field.max_length > 0 && utf8_length(*text) > field.max_length) {
    throw bad_request("STRING_TOO_LONG",
                      fmt::format("{}: data value too large: {} (max length={})", field.name, *text, field.max_length),
                      {std::string(field.name)});
  }
  if (field.name == "EdgemartAlias") {
    check_alias(text != nullptr ? *text : std::string());
  } else if (field.name == "FileName" && text != nullptr && !text->empty() && !is_valid_api_name(*text)) {
    throw integrity("FileName", fmt::format("FileName \"{}\" must start with a letter and hold only letters, digits and "
                                            "single underscores, not ending in '_'",
                                            *text));
  } else if (field.name == "NotificationEmail" && text != nullptr && !is_single_email_address(*text)) {
    throw integrity("NotificationEmail", "NotificationEmail must be exactly one e-mail address");
  } else if (field.kind == FieldKind::Picklist) {
    if (text != nullptr) return canonical_picklist(field, *text);
    if (field.name == "Action" || field.name == "Operation" || field.name == "Format") throw missing(field.name);
  }
  return value;
}

void check_operation_against_metadata(const HeaderState& header) {
  const auto operation = text_of(header.record.values, "Operation");
  if (operation.empty()) throw missing("Operation");
  if (operation == "Overwrite") return;
  if (!header.schema) {
    throw integrity("MetadataJson", fmt::format("Operation {} needs MetadataJson describing the data", operation));
  }
  const auto* key = header.schema->unique_id();
  const auto& object = header.schema->object_name;
  if (operation == "Append" && key != nullptr) {
    throw integrity("MetadataJson",
                    fmt::format("field [{}] of object [{}] may not be a unique id for Append", key->name, object));
  }
  if ((operation == "Upsert" || operation == "Delete") && key == nullptr) {
    throw integrity("MetadataJson", fmt::format("{} needs one field with a unique ID; object [{}] has none", operation, object));
  }
}

void check_container(const HeaderState& header, const DatasetAppLookup& dataset_app) {
  const auto container = text_of(header.record.values, "EdgemartContainer");
  if (container.empty()) return;
  const auto alias = text_of(header.record.values, "EdgemartAlias");
  const auto current = dataset_app(alias);
  if (current && *current != container) {
    throw integrity("EdgemartContainer",
                    fmt::format("dataset {} lives in app \"{}\", not \"{}\"; omit EdgemartContainer or name its app", alias,
                                current->empty() ? "(private)" : *current, container));
  }
}

}  // namespace

void set_header_defaults(HeaderState& header) {
  auto& values = header.record.values;
  values["Action"] = std::string("None");
  values["Format"] = std::string("Csv");
  values["LicenseType"] = std::string("EinsteinAnalytics");
  values["Mode"] = std::string("None");
  values["NotificationSent"] = std::string("WarningsFailures");
  values["IsDependentOnLastUpload"] = false;
  values["IsIndependentParts"] = false;
  values["Status"] = std::string("New");
  values["IsDeleted"] = false;
}

void apply_header_changes(HeaderState& header, const FieldValues& changes, const DatasetAppLookup& dataset_app) {
  for (const auto& [name, value] : changes) {
    if (name == "MetadataJson") {
      apply_metadata(header, value);
      continue;
    }
    const FieldDef* field = header_object().find(name);
    header.record.values[name] = checked_value(*field, value);
  }
  check_alias(text_of(header.record.values, "EdgemartAlias"));
  check_operation_against_metadata(header);
  check_container(header, dataset_app);
}

}  // namespace insights::emulator
