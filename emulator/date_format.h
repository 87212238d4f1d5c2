#pragma once
#include <array>
#include <cstddef>
#include <string_view>

namespace insights::emulator {

// Whether `format` is one of the date patterns of the External Data format reference (§4.6), with or
// without its time part.
bool is_supported_date_format(std::string_view format);

// A date format split into its parts once, to match the many values of one column. Views the format, which must
// outlive it.
class DatePattern {
 public:
  explicit DatePattern(std::string_view format);

  // See matches_date_format.
  bool matches(std::string_view value) const;

 private:
  struct Token {
    bool literal = false;
    std::string_view text;  // the literal, or the symbol run such as "yyyy"
  };
  // A format has a few dozen characters at most; more tokens than this make it unsupported anyway.
  static constexpr std::size_t kMaxTokens = 32;
  std::array<Token, kMaxTokens> tokens_{};
  std::size_t count_ = 0;
  bool valid_ = true;
};

// Whether `value` matches `format` exactly: every symbol with its digit count, calendar-valid day,
// hours, minutes and seconds in range, literals as written, nothing left over.
bool matches_date_format(std::string_view value, std::string_view format);

}  // namespace insights::emulator
