#pragma once
#include <string>

#include "shared/chunkstore/s3_settings.h"

namespace insights::chunkstore::testing {

// The local S3 server that scripts/s3 starts; scripts/test exports INSIGHTS_S3_ENDPOINT (and may override the
// credentials through INSIGHTS_S3_ACCESS_KEY_ID / INSIGHTS_S3_SECRET_ACCESS_KEY, whose defaults match scripts/s3).
std::string s3_skip_reason();  // empty when INSIGHTS_S3_ENDPOINT is set
// Settings for a fresh bucket of its own (not yet created) with prefix "p/q", path-style, fast retries.
S3Settings fresh_bucket_settings();

}  // namespace insights::chunkstore::testing
