#include "shared/codec/sha256.h"

#include <gtest/gtest.h>

#include <string>

#include "shared/util/error.h"

namespace insights::codec {
namespace {

TEST(Sha256, MatchesKnownDigests) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, IncrementalEqualsOneShot) {
  std::string data;
  for (int i = 0; i < 10000; ++i) data += static_cast<char>(i * 31);
  Sha256 hash;
  for (std::size_t pos = 0; pos < data.size(); pos += 777) hash.update(std::string_view(data).substr(pos, 777));
  EXPECT_EQ(hash.hex_digest(), sha256_hex(data));
}

TEST(Sha256, MillionAs) {
  Sha256 hash;
  const std::string block(1000, 'a');
  for (int i = 0; i < 1000; ++i) hash.update(block);
  EXPECT_EQ(hash.hex_digest(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, RefusesUseAfterFinish) {
  Sha256 hash;
  hash.update("x");
  (void)hash.hex_digest();
  EXPECT_THROW(hash.update("y"), Error);
  EXPECT_THROW((void)hash.hex_digest(), Error);
}

}  // namespace
}  // namespace insights::codec
