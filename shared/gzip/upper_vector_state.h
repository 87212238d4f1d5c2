#pragma once

namespace insights::gzip {

// ISA-L's AVX-512 kernels return without VZEROUPPER, which leaves the upper vector state dirty: every legacy SSE
// instruction the process runs afterwards (the JSON scanner, double formatting, much of libstdc++) then pays a
// merge penalty, measured at about +45% on the batcher's decode and CSV work. Call this after ISA-L returns.
// A no-op on CPUs without AVX.
void clear_upper_vector_state();

}  // namespace insights::gzip
