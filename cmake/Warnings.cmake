# Every project target gets the same warnings; sanitizers are a build-wide switch.
add_library(insights_warnings INTERFACE)
target_compile_options(insights_warnings INTERFACE -Wall -Wextra -Wpedantic)

if(INSIGHTS_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# Extra compile options for test sources only. The sanitizer pass of scripts/test builds them at -O0: optimising
# their instrumented, gtest-expanded bodies took a large share of that build's time; the code under test keeps -O1.
set(INSIGHTS_TEST_COMPILE_OPTIONS "" CACHE STRING "Extra compile options for test sources, e.g. -O0")

# insights_component(NAME SOURCES... [DEPS ...]) declares one static library of the project.
function(insights_component name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE insights_warnings)
endfunction()

# insights_test(NAME SOURCES... DEPS ...) declares one GoogleTest executable registered with ctest.
function(insights_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main insights_warnings)
  target_compile_options(${name} PRIVATE ${INSIGHTS_TEST_COMPILE_OPTIONS})
  insights_test_use_pch(${name})
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES LABELS "${ARG_LABELS}")
endfunction()
