# All dependencies are Debian packages installed by scripts/setup.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(CURL REQUIRED)
find_package(ZLIB REQUIRED)
find_package(CLI11 REQUIRED)
find_package(GTest REQUIRED)
if(INSIGHTS_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()
include(GoogleTest)

pkg_check_modules(RDKAFKA REQUIRED IMPORTED_TARGET rdkafka)
pkg_check_modules(ISAL REQUIRED IMPORTED_TARGET libisal)
pkg_check_modules(TOMLPP REQUIRED IMPORTED_TARGET tomlplusplus)

find_path(RAPIDJSON_INCLUDE_DIR rapidjson/document.h REQUIRED)
add_library(insights_rapidjson INTERFACE)
target_include_directories(insights_rapidjson SYSTEM INTERFACE ${RAPIDJSON_INCLUDE_DIR})
target_compile_definitions(insights_rapidjson INTERFACE RAPIDJSON_HAS_STDSTRING=1)
# SSE2 (every x86-64 CPU) lets RapidJSON scan NUL-terminated text 16 bytes at a time: the emulator parses an 8 MB
# part's JSON about six times faster. Those aligned loads may read past the text's end within its 16-byte block,
# never across a page, which AddressSanitizer reports, so sanitizer builds keep the byte-wise scan.
if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64" AND NOT INSIGHTS_SANITIZE)
  target_compile_definitions(insights_rapidjson INTERFACE RAPIDJSON_SSE2)
endif()

# Debian builds cpp-httplib as a shared library (with OpenSSL and zlib support); link it, never re-compile the header.
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
add_library(insights_httplib INTERFACE)
target_link_libraries(insights_httplib INTERFACE PkgConfig::HTTPLIB OpenSSL::SSL OpenSSL::Crypto ZLIB::ZLIB Threads::Threads)

find_package(date REQUIRED)
