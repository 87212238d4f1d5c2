#include "emulator/sobject_fields.h"

#include "emulator/name_rules.h"

namespace insights::emulator {

namespace {

// The audit fields every object carries; never writable.
void add_standard_fields(std::vector<FieldDef>& fields) {
  fields.push_back({"Id", FieldKind::Id, FieldAccess::ReadOnly, 0, {}, false});
  fields.push_back({"IsDeleted", FieldKind::Bool, FieldAccess::ReadOnly, 0, {}, false});
  fields.push_back({"CreatedDate", FieldKind::DateTime, FieldAccess::ReadOnly, 0, {}, false});
  fields.push_back({"CreatedById", FieldKind::Reference, FieldAccess::ReadOnly, 0, {}, false});
  fields.push_back({"LastModifiedDate", FieldKind::DateTime, FieldAccess::ReadOnly, 0, {}, false});
  fields.push_back({"LastModifiedById", FieldKind::Reference, FieldAccess::ReadOnly, 0, {}, false});
  fields.push_back({"SystemModstamp", FieldKind::DateTime, FieldAccess::ReadOnly, 0, {}, false});
}

ObjectDef make_header_object() {
  ObjectDef object{"InsightsExternalData", "06V", {}};
  auto& f = object.fields;
  add_standard_fields(f);
  f.push_back({"Action", FieldKind::Picklist, FieldAccess::Writable, 0, {"None", "Process", "Abort", "Delete"}, false});
  f.push_back({"CompressedMetadataLength", FieldKind::Int, FieldAccess::System, 0, {}, false});
  f.push_back({"Dataflow", FieldKind::String, FieldAccess::System, 0, {}, false});
  f.push_back({"Description", FieldKind::String, FieldAccess::Writable, 32000, {}, false});
  f.push_back({"EdgemartAlias", FieldKind::String, FieldAccess::Writable, 80, {}, false});
  f.push_back({"EdgemartContainer", FieldKind::String, FieldAccess::Writable, 255, {}, false});
  f.push_back({"EdgemartLabel", FieldKind::String, FieldAccess::Writable, 255, {}, false});
  f.push_back({"FileName", FieldKind::String, FieldAccess::Writable, 255, {}, false});
  f.push_back({"Format", FieldKind::Picklist, FieldAccess::Writable, 0, {"Csv", "Binary"}, false});
  f.push_back({"IsDependentOnLastUpload", FieldKind::Bool, FieldAccess::Writable, 0, {}, false});
  f.push_back({"IsIndependentParts", FieldKind::Bool, FieldAccess::Writable, 0, {}, false});
  f.push_back({"LicenseType", FieldKind::Picklist, FieldAccess::Writable, 0,
               {"Aqs", "Cdp", "DataPipelineQuery", "EinsteinAnalytics", "IntelligentApps", "Sonic"}, true});
  f.push_back({"MetaDataLength", FieldKind::Int, FieldAccess::System, 0, {}, false});
  f.push_back({"MetadataJson", FieldKind::Blob, FieldAccess::Writable, 0, {}, false});
  f.push_back({"Mode", FieldKind::Picklist, FieldAccess::Writable, 0, {"Incremental", "None"}, true});
  f.push_back({"NotificationEmail", FieldKind::String, FieldAccess::Writable, 255, {}, false});
  f.push_back({"NotificationSent", FieldKind::Picklist, FieldAccess::Writable, 0,
               {"Always", "Never", "Failures", "Warnings", "Success", "SuccessFailures", "WarningsFailures",
                "WarningsSuccess"},
               false});
  f.push_back({"Operation", FieldKind::Picklist, FieldAccess::Writable, 0, {"Append", "Delete", "Overwrite", "Upsert"},
               false});
  f.push_back({"Status", FieldKind::Picklist, FieldAccess::System, 0, {}, false});
  f.push_back({"StatusMessage", FieldKind::String, FieldAccess::System, 0, {}, false});
  f.push_back({"SubmittedDate", FieldKind::DateTime, FieldAccess::System, 0, {}, false});
  f.push_back({"Target", FieldKind::Picklist, FieldAccess::Writable, 0, {"Dataset"}, true});
  return object;
}

ObjectDef make_part_object() {
  ObjectDef object{"InsightsExternalDataPart", "06W", {}};
  auto& f = object.fields;
  add_standard_fields(f);
  f.push_back({"InsightsExternalDataId", FieldKind::Reference, FieldAccess::CreateOnly, 0, {}, false});
  f.push_back({"PartNumber", FieldKind::Int, FieldAccess::Writable, 0, {}, false});
  f.push_back({"DataFile", FieldKind::Blob, FieldAccess::Writable, 0, {}, false});
  f.push_back({"DataLength", FieldKind::Int, FieldAccess::System, 0, {}, false});
  f.push_back({"CompressedDataLength", FieldKind::Int, FieldAccess::System, 0, {}, false});
  return object;
}

}  // namespace

const FieldDef* ObjectDef::find(std::string_view field_name) const {
  for (const auto& field : fields) {
    if (iequals(field.name, field_name)) return &field;
  }
  return nullptr;
}

const ObjectDef& header_object() {
  static const ObjectDef object = make_header_object();
  return object;
}

const ObjectDef& part_object() {
  static const ObjectDef object = make_part_object();
  return object;
}

const ObjectDef* find_object(std::string_view name) {
  if (iequals(name, header_object().name)) return &header_object();
  if (iequals(name, part_object().name)) return &part_object();
  return nullptr;
}

}  // namespace insights::emulator
