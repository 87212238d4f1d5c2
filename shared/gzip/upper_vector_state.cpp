#include "shared/gzip/upper_vector_state.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace insights::gzip {
namespace {

#if defined(__x86_64__) || defined(__i386__)
__attribute__((target("avx"))) void zero_upper() { _mm256_zeroupper(); }
#endif

}  // namespace

void clear_upper_vector_state() {
#if defined(__x86_64__) || defined(__i386__)
  static const bool has_avx = __builtin_cpu_supports("avx");
  if (has_avx) zero_upper();
#endif
}

}  // namespace insights::gzip
