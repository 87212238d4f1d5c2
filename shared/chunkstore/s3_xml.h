#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace insights::chunkstore {

// Just enough XML for S3's answers (ListObjectsV2, Error): the text of every <tag>...</tag> in document order, with
// the five predefined entities and numeric character references decoded. S3 never nests an element in itself.
std::vector<std::string> xml_texts(std::string_view xml, std::string_view tag);
std::optional<std::string> xml_text(std::string_view xml, std::string_view tag);

}  // namespace insights::chunkstore
