#include "shared/salesforce/jwt_assertion.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "shared/salesforce/base64url.h"

namespace insights::salesforce {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void write_string(JsonWriter& writer, const char* name, const std::string& value) {
  writer.Key(name);
  writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

std::string claims_json(const JwtClaims& claims) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  write_string(writer, "iss", claims.issuer);
  write_string(writer, "sub", claims.subject);
  write_string(writer, "aud", claims.audience);
  writer.Key("exp");
  writer.Int64(std::chrono::duration_cast<std::chrono::seconds>(claims.expires.time_since_epoch()).count());
  writer.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace

std::string signed_jwt(const JwtClaims& claims, const RsaSigningKey& key) {
  std::string signing_input = base64url_encode(R"({"alg":"RS256"})") + "." + base64url_encode(claims_json(claims));
  const std::string signature = key.sign_sha256(signing_input);
  return signing_input + "." + base64url_encode(signature);
}

}  // namespace insights::salesforce
