#pragma once
#include <functional>
#include <string_view>

namespace insights::synthetic {

// Receives one dataset row as a JSON object. The view is only valid during the call: copy it to keep it.
using RowSink = std::function<void(std::string_view row_json)>;

}  // namespace insights::synthetic
