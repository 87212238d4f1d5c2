#include "shared/http/curl_handles.h"

#include <mutex>

#include "shared/util/error.h"

namespace insights::http {

void ensure_curl_initialised() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      throw Error("initialising libcurl failed; check that the TLS library libcurl links against is installed");
    }
  });
}

CurlEasy::CurlEasy() {
  ensure_curl_initialised();
  handle_.reset(curl_easy_init());
  if (!handle_) {
    throw Error("creating a libcurl easy handle failed (out of memory?); restart the process");
  }
}

void CurlHeaderList::append(const std::string& line) {
  curl_slist* grown = curl_slist_append(list_.get(), line.c_str());
  if (grown == nullptr) {
    throw Error("building an HTTP header list failed (out of memory?); restart the process");
  }
  // On success curl_slist_append returns the same head when one existed, so ownership stays single.
  static_cast<void>(list_.release());
  list_.reset(grown);
}

}  // namespace insights::http
