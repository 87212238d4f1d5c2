#include "shared/gzip/upper_vector_state.h"

#include <gtest/gtest.h>

#include <string>

#include "shared/gzip/segment_writer.h"

#if defined(__x86_64__)
#include <cpuid.h>
#endif

namespace insights::gzip {
namespace {

#if defined(__x86_64__)
// XGETBV with ECX=1 reads XINUSE: bit 2 says the upper halves of ymm0-15 may be non-zero, bit 6 the same for the
// upper halves of zmm0-15. Either makes legacy SSE instructions pay a merge penalty.
constexpr unsigned long long kDirtyUpperState = (1ULL << 2) | (1ULL << 6);

bool can_read_xinuse() {
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx) || !(ecx & bit_OSXSAVE) || !(ecx & bit_AVX)) return false;
  if (!__get_cpuid_count(0xD, 1, &eax, &ebx, &ecx, &edx)) return false;
  return (eax & (1u << 2)) != 0;  // XGETBV with ECX=1 is supported
}

unsigned long long xinuse() {
  unsigned lo = 0, hi = 0;
  __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(1));
  return (static_cast<unsigned long long>(hi) << 32) | lo;
}
#endif

TEST(UpperVectorState, SegmentWriterLeavesItCleanForSseCode) {
#if defined(__x86_64__)
  if (!can_read_xinuse()) GTEST_SKIP() << "this CPU cannot report which vector state is in use";
  std::string csv;
  for (int i = 0; i < 20000; ++i) csv += "meeting-" + std::to_string(i) + ",acme,loc-1,Mortgage advice,2026-11-25T08:00:00Z\n";
  std::string compressed;
  SegmentWriter writer(1, [&](std::string_view bytes) {
    // The sink runs between ISA-L calls: our code there must see clean state too.
    EXPECT_EQ(xinuse() & kDirtyUpperState, 0u) << "dirty upper vector state inside the sink";
    compressed.append(bytes);
  });
  writer.write(csv);
  EXPECT_EQ(xinuse() & kDirtyUpperState, 0u) << "dirty upper vector state after write()";
  writer.finish();
  EXPECT_EQ(xinuse() & kDirtyUpperState, 0u) << "dirty upper vector state after finish()";
  EXPECT_FALSE(compressed.empty());
#else
  GTEST_SKIP() << "x86-64 only";
#endif
}

}  // namespace
}  // namespace insights::gzip
