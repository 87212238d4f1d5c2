#include "shared/http/url_encode.h"

#include <gtest/gtest.h>

namespace insights::http {
namespace {

TEST(UrlEncode, KeepsUnreservedCharacters) {
  EXPECT_EQ(url_encode("AZaz09-_.~"), "AZaz09-_.~");
}

TEST(UrlEncode, EncodesReservedCharactersAndSpaceAsUppercaseHex) {
  EXPECT_EQ(url_encode("a b&c=d/e?f#g+h%"), "a%20b%26c%3Dd%2Fe%3Ff%23g%2Bh%25");
  EXPECT_EQ(url_encode("'quote'"), "%27quote%27");
}

TEST(UrlEncode, EncodesUtf8BytesIndividually) {
  EXPECT_EQ(url_encode("\xC3\xA9"), "%C3%A9");  // é
}

TEST(UrlEncode, EncodesControlAndNulBytes) {
  EXPECT_EQ(url_encode(std::string_view("\0\n", 2)), "%00%0A");
  EXPECT_EQ(url_encode(""), "");
}

TEST(UrlEncode, EncodesSoqlQueryValue) {
  EXPECT_EQ(url_encode("SELECT Id FROM X WHERE FileName='job_1'"),
            "SELECT%20Id%20FROM%20X%20WHERE%20FileName%3D%27job_1%27");
}

}  // namespace
}  // namespace insights::http
