#include "shared/config/key_names.h"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <utility>

namespace insights::config {

namespace {

// Optimal string alignment distance: a swapped pair of letters counts as one typo.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

// The part after the last dot; a name without dots is all leaf.
std::string_view leaf(std::string_view name) {
  const auto dot = name.rfind('.');
  return dot == std::string_view::npos ? name : name.substr(dot + 1);
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

std::string env_name(std::string_view key) {
  std::string out = "INSIGHTS_";
  out.reserve(out.size() + key.size());
  for (const char c : key) {
    out.push_back(c == '.' || c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out;
}

std::vector<std::string> close_matches(std::string_view name, const std::vector<std::string>& known,
                                       std::size_t limit) {
  const std::string wanted = lower(name);
  const std::size_t threshold = std::max<std::size_t>(2, wanted.size() / 4);
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const auto& candidate : known) {
    const std::string cand = lower(candidate);
    std::size_t score = edit_distance(wanted, cand);
    // A key given without its section, or under the wrong section, still points at the right key.
    const bool same_leaf = wanted.find('.') != std::string::npos && leaf(wanted) == leaf(cand);
    const bool missing_section = cand.size() > wanted.size() && cand.ends_with("." + wanted);
    if (score > threshold && (same_leaf || missing_section)) score = threshold;
    if (score <= threshold) scored.emplace_back(score, candidate);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (auto& [score, candidate] : scored) {
    if (out.size() == limit) break;
    out.push_back(std::move(candidate));
  }
  return out;
}

std::string did_you_mean(std::string_view name, const std::vector<std::string>& known) {
  const auto matches = close_matches(name, known);
  if (matches.empty()) return {};
  return fmt::format(" (did you mean {}?)", fmt::join(matches, ", "));
}

}  // namespace insights::config
