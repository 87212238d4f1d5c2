#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "shared/schema/job.h"

namespace insights::bench {

inline const schema::JobKey kBenchJob{"acme", "meetings", "20261124T233000Z"};

// Row objects exactly as the meetings producer sends them: the synthetic BookMe export read through the real
// export reader (reference data, theme paths, UTC conversion), `count` completed meetings of one organisation.
std::vector<std::string> meeting_rows(std::size_t count);

// The same rows wrapped in record envelopes of batch 0, seq 0.., as they arrive on the meetings topic.
std::vector<std::string> meeting_records(const std::vector<std::string>& rows);

}  // namespace insights::bench
