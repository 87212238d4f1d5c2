#pragma once
#include <string>
#include <string_view>

namespace insights::emulator::testing {

// One complete gzip member holding `text`, made with zlib.
std::string gzip_member(std::string_view text);

}  // namespace insights::emulator::testing
