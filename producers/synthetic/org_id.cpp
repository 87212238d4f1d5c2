#include "producers/synthetic/org_id.h"

#include <algorithm>

#include <fmt/format.h>

#include "shared/util/error.h"

namespace insights::synthetic {

namespace {

constexpr std::size_t kMaxOrgIdLength = 64;

bool is_org_id_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

}  // namespace

void validate_org_id(std::string_view org) {
  if (org.empty() || org.size() > kMaxOrgIdLength || !std::all_of(org.begin(), org.end(), is_org_id_char)) {
    throw Error(fmt::format(
        "synthetic generator: organisation id '{}' is invalid; use 1-{} characters of A-Z a-z 0-9 _ -", org,
        kMaxOrgIdLength));
  }
}

}  // namespace insights::synthetic
