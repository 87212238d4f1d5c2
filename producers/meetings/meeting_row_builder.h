#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

#include "producers/meetings/reference_data.h"
#include "producers/meetings/watermark_store.h"
#include "producers/synthetic/json_row_writer.h"

namespace insights::meetings {

enum class LineOutcome { exported, not_completed, unchanged, org_disabled };

// Turns one line of the BookMe meetings export into a row of the `meetings` dataset: validates, enriches from
// reference data, derives lead time and durations, and says whether the row is exported (organisation enabled,
// status completed / no_show / cancelled_late, last_modified after the org's watermark). Reuses its buffers from
// line to line.
class MeetingRowBuilder {
 public:
  MeetingRowBuilder(const ReferenceData& reference, const WatermarkStore& watermarks);

  // Throws BadLine naming the field and what is wrong; every line of an enabled org is checked in full, whatever
  // its outcome. org(), row_json() and last_modified() describe the line until the next call (after
  // org_disabled only org()).
  LineOutcome build(std::string_view line);

  std::string_view org() const { return org_; }
  std::string_view row_json() const { return row_json_; }
  std::string_view last_modified() const { return last_modified_; }

 private:
  const std::optional<std::string>& watermark_of(std::string_view org);
  void write_row(const rapidjson::Value& meeting);

  const ReferenceData& reference_;
  const WatermarkStore& watermarks_;
  IdMap<std::optional<std::string>> watermark_cache_;  // read once per org and run
  // Parse memory reused from line to line: a Document's pool would otherwise grow with every parse.
  std::vector<char> value_buffer_;
  std::vector<char> stack_buffer_;
  synthetic::JsonRowWriter writer_;
  std::string org_;
  std::string last_modified_;
  std::string_view row_json_;
};

}  // namespace insights::meetings
