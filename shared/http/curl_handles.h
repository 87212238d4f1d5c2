#pragma once
#include <curl/curl.h>

#include <array>
#include <memory>
#include <string>

namespace insights::http {

// libcurl's process-wide setup must run once before any handle exists and is not thread-safe by itself.
void ensure_curl_initialised();

// Owns one easy handle; its connection cache is what makes consecutive requests reuse a connection.
class CurlEasy {
 public:
  CurlEasy();
  CURL* get() const { return handle_.get(); }
  // libcurl keeps the pointer between calls, so the buffer lives as long as the handle.
  char* error_buffer() { return error_buffer_.data(); }

 private:
  struct Cleanup {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
  };
  std::unique_ptr<CURL, Cleanup> handle_;
  std::array<char, CURL_ERROR_SIZE> error_buffer_{};
};

// Owns a request's header list; libcurl reads it during curl_easy_perform, so it must outlive that call.
class CurlHeaderList {
 public:
  void append(const std::string& line);
  curl_slist* get() const { return list_.get(); }

 private:
  struct Cleanup {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
  };
  std::unique_ptr<curl_slist, Cleanup> list_;
};

}  // namespace insights::http
