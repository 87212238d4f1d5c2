#include "shared/log/output_format.h"

#include <fmt/format.h>
#include <unistd.h>

#include "shared/util/error.h"

namespace insights::log {

Format parse_format(std::string_view name, bool output_is_terminal) {
  if (name == "json") return Format::Json;
  if (name == "text") return Format::Text;
  if (name == "auto") return output_is_terminal ? Format::Text : Format::Json;
  throw Error(fmt::format("log format '{}' is not one of auto, json, text; set log.format (INSIGHTS_LOG_FORMAT) "
                          "to one of them",
                          name));
}

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

}  // namespace insights::log
