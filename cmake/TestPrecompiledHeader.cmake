# Every test source spent about a second parsing gtest/gmock and the standard headers they pull in. One precompiled
# header of them, built once per build tree by the insights_test_pch object library, is reused by every test
# executable (insights_test in Warnings.cmake). The anchor compiles with the test targets' flags (same standard,
# warnings, optimisation, sanitizers), which GCC requires to use the header; a test's extra -D definitions are fine
# as long as the header does not use them.
option(INSIGHTS_TEST_PCH "Precompile gtest/gmock once for all test executables" ON)

if(INSIGHTS_TEST_PCH AND INSIGHTS_BUILD_TESTS)
  file(CONFIGURE OUTPUT ${PROJECT_BINARY_DIR}/insights_test_pch.cpp
       CONTENT "// Compiled only to build the test executables' precompiled header.\n")
  add_library(insights_test_pch OBJECT ${PROJECT_BINARY_DIR}/insights_test_pch.cpp)
  target_link_libraries(insights_test_pch PRIVATE GTest::gtest GTest::gmock insights_warnings)
  target_include_directories(insights_test_pch PRIVATE ${PROJECT_SOURCE_DIR})
  target_compile_options(insights_test_pch PRIVATE ${INSIGHTS_TEST_COMPILE_OPTIONS})
  target_precompile_headers(insights_test_pch PRIVATE
    <gmock/gmock.h> <gtest/gtest.h>
    <algorithm> <atomic> <chrono> <cstdint> <filesystem> <functional> <map> <memory> <mutex> <optional> <set>
    <sstream> <string> <string_view> <thread> <vector>)
endif()

# insights_test_use_pch(TARGET) makes a test executable compile with the shared precompiled header.
function(insights_test_use_pch target)
  if(TARGET insights_test_pch)
    target_precompile_headers(${target} REUSE_FROM insights_test_pch)
  endif()
endfunction()
