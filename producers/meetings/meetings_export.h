#pragma once
// The historic meetings export (issue 3): reference data, watermarks, the export reader, the per-org row spool
// and the synthetic input generators. See docs/meetings-export.md.
#include "producers/meetings/export_reader.h"
#include "producers/meetings/reference_data.h"
#include "producers/meetings/row_spool.h"
#include "producers/meetings/synthetic_export.h"
#include "producers/meetings/watermark_store.h"
