#pragma once
#include <string>
#include <string_view>

namespace insights::uploader {

// Renders salesforce.alias_template ("{dataset}_{org}") into an EdgemartAlias; '-' in ids becomes '_'. Throws
// insights::Error when the result breaks CRM Analytics' naming rules (letters, digits, single underscores, starting
// with a letter, no trailing underscore, at most 80 characters).
std::string dataset_alias(std::string_view alias_template, std::string_view org, std::string_view dataset);

}  // namespace insights::uploader
