#pragma once
#include <string>
#include <string_view>

namespace insights::producers {

// The default run id of a job: the run date and a digest of what the job is made from (the snapshot, or the
// export and the watermark), so a re-run on the same input is recognised and never uploaded twice, while changed
// input makes a new run. E.g. "2026-11-24-3f9a1c0b".
std::string derived_run_id(std::string_view run_date, std::string_view input_digest_source);

// Today's date in UTC, YYYY-MM-DD.
std::string utc_today();

}  // namespace insights::producers
