#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace insights::meetings {

// The organisation that every synthetic reference file holds with Insights disabled; the synthetic export has
// meetings of it, which an export run must skip.
inline constexpr const char* kSyntheticDisabledOrg = "no-insights";

struct SyntheticExportOptions {
  std::vector<std::string> orgs;
  std::uint64_t meetings_per_org = 10000;
  std::uint64_t seed = 1;
  std::string as_of = "2026-11-24T23:30:00Z";
  bool bad_lines = false;  // a few broken lines (bad JSON, unknown theme, impossible date), for demos of reporting
};

// Reference data matching the export: the orgs (enabled) and kSyntheticDisabledOrg, a three-level theme
// hierarchy, customer categories, four rooms at each of four locations, six meeting types.
void write_synthetic_reference(const std::filesystem::path& file, const SyntheticExportOptions& options);

// A BookMe-like export: meetings_per_org lines per org, orgs interleaved, times with assorted UTC offsets,
// statuses completed / no_show / cancelled_late / cancelled / scheduled, a twentieth as many meetings of
// kSyntheticDisabledOrg. Deterministic for equal options; streamed, so any size fits in constant memory.
void write_synthetic_export(const std::filesystem::path& file, const SyntheticExportOptions& options);

}  // namespace insights::meetings
