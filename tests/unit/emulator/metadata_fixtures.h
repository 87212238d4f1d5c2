#pragma once
#include <string>

namespace insights::emulator::testing {

// A valid metadata document: meeting_id (Text, unique id when keyed), participants (Numeric), start_utc (Date).
inline std::string meetings_metadata(bool keyed = true) {
  return std::string(R"json({"fileFormat":{"charsetName":"UTF-8","fieldsDelimitedBy":",","fieldsEnclosedBy":"\"","numberOfLinesToIgnore":1},
 "objects":[{"connector":"InsightsPipeline","fullyQualifiedName":"meetings","label":"Meetings","name":"meetings",
  "fields":[
   {"fullyQualifiedName":"meetings.meeting_id","name":"meeting_id","label":"Meeting Id","type":"Text")json") +
         (keyed ? R"json(,"isUniqueId":true)json" : "") + R"json(},
   {"fullyQualifiedName":"meetings.participants","name":"participants","label":"Participants","type":"Numeric","precision":9,"scale":0,"defaultValue":"0"},
   {"fullyQualifiedName":"meetings.start_utc","name":"start_utc","label":"Start (UTC)","type":"Date","format":"yyyy-MM-dd'T'HH:mm:ss'Z'"}]}]})json";
}

}  // namespace insights::emulator::testing
