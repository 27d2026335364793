#include "core/sha256.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace o2c {
namespace {

std::string bytes_of(const Sha256Digest& digest) {
  return std::string(reinterpret_cast<const char*>(digest.data()), digest.size());
}

TEST(Sha256, MatchesTheStandardTestVectors) {
  // FIPS 180-2 examples and the empty message.
  EXPECT_EQ(to_hex(sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(to_hex(sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(to_hex(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(to_hex(sha256(std::string(1'000'000, 'a'))),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, HashesEmbeddedZeroBytes) {
  EXPECT_EQ(to_hex(sha256(std::string_view("a\0b", 3))),
            "59b271ae1bbcb1d31d41929817f4b16fb439eb4f31520b5ad1d5ce98920a7138");
}

TEST(ToHex, WritesSixtyFourLowercaseDigits) {
  Sha256Digest digest{};
  EXPECT_EQ(to_hex(digest), std::string(64, '0'));
  for (std::size_t i = 0; i < digest.size(); ++i) digest[i] = static_cast<std::uint8_t>(i * 8 + 7);
  EXPECT_EQ(to_hex(digest), "070f171f272f373f474f575f676f777f878f979fa7afb7bfc7cfd7dfe7eff7ff");
}

TEST(Sha256Chained, EqualsTheHashOfThePreviousDigestFollowedByTheData) {
  const Sha256Digest genesis = sha256("");
  EXPECT_EQ(to_hex(sha256_chained(genesis, "entry 1")),
            "8c1a98b25f6b12ddbb8707d9ae872bf003d760a7627016ad32d687fbd03a3724");

  const std::string_view entries[] = {"", "entry 1", "order SO-2026-000001 approved",
                                      std::string_view("\0\xff", 2)};
  Sha256Digest link = genesis;
  for (std::string_view entry : entries) {
    const Sha256Digest next = sha256_chained(link, entry);
    EXPECT_EQ(next, sha256(bytes_of(link) + std::string(entry)));
    link = next;
  }
}

TEST(Sha256Chained, DependsOnThePreviousDigest) {
  Sha256Digest changed = sha256("");
  changed[31] ^= 1;
  EXPECT_NE(sha256_chained(sha256(""), "entry"), sha256_chained(changed, "entry"));
  EXPECT_NE(sha256_chained(sha256(""), "entry"), sha256("entry"));
}

}  // namespace
}  // namespace o2c
