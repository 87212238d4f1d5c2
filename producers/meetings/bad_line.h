#pragma once
#include <string>

#include "shared/util/error.h"

namespace insights::meetings {

// One export line that cannot be exported: the field at fault and what is wrong with it. Counted and reported
// as "file:line: field: what"; the run goes on.
class BadLine : public Error {
 public:
  BadLine(std::string field, const std::string& what) : Error(what), field_(std::move(field)) {}
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

}  // namespace insights::meetings
