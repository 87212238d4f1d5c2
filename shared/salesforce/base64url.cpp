#include "shared/salesforce/base64url.h"

#include "shared/codec/base64.h"

namespace insights::salesforce {

std::string base64url_encode(std::string_view bytes) {
  std::string text = codec::base64_encode(bytes);
  while (!text.empty() && text.back() == '=') {
    text.pop_back();
  }
  for (char& c : text) {
    if (c == '+') {
      c = '-';
    } else if (c == '/') {
      c = '_';
    }
  }
  return text;
}

}  // namespace insights::salesforce
