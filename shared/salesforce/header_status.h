#pragma once
#include <string_view>

namespace insights::salesforce {

// Completed, CompletedWithWarnings, Failed and NotProcessed end a job; labels with spaces ("Not Processed") count too.
bool is_terminal(std::string_view status);

}  // namespace insights::salesforce
