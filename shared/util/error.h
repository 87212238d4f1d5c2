#pragma once
#include <stdexcept>
#include <string>

namespace insights {

// An error whose message names what failed and what to do about it; thrown across component boundaries.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace insights
