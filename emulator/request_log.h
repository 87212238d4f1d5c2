#pragma once
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace insights::emulator {

// One API request as GET /__admin/requests shows it.
struct RecordedRequest {
  std::uint64_t sequence = 0;  // 1, 2, 3 ... in the order responses were decided
  std::string method;
  std::string path;
  std::map<std::string, std::string> query;
  std::string body_json;  // the body summarized as JSON (see summarize_request_body); "null" when empty
  int status = 0;         // response status; 0 = the connection was dropped without a response
};

// The last `capacity` API requests, oldest first. Thread-safe.
class RequestLog {
 public:
  explicit RequestLog(std::size_t capacity);

  void record(RecordedRequest request);  // assigns the sequence number
  std::vector<RecordedRequest> since(std::uint64_t sequence) const;  // those with a larger sequence number

 private:
  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::uint64_t next_sequence_ = 1;
  std::deque<RecordedRequest> requests_;
};

// {"requests":[{"seq","method","path","query","body","status"}...],"last":N}
std::string requests_to_json(const std::vector<RecordedRequest>& requests, std::uint64_t last_sequence);

}  // namespace insights::emulator
