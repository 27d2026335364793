#include "core/sha256.h"

#include <memory>

#include <openssl/evp.h>

#include "core/assert.h"

namespace o2c {
namespace {

// The SHA-256 implementation, fetched from the OpenSSL provider once: an implicit fetch on
// every call (sha256_algorithm()) costs more than hashing a journal entry. Immutable after init.
const EVP_MD* sha256_algorithm() {
  static const EVP_MD* const kAlgorithm = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  O2C_ASSERT(kAlgorithm != nullptr);
  return kAlgorithm;
}

}  // namespace

Sha256Digest sha256(std::string_view bytes) {
  Sha256Digest digest{};
  unsigned int size = 0;
  O2C_ASSERT(EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, sha256_algorithm(),
                        nullptr) == 1);
  O2C_ASSERT(size == digest.size());
  return digest;
}

Sha256Digest sha256_chained(const Sha256Digest& previous, std::string_view bytes) {
  // One context per thread, reinitialised for every digest: creating one per call cost an
  // allocation and OpenSSL's once-only initialisation check on every journal entry.
  struct ContextDeleter {
    void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
  };
  thread_local const std::unique_ptr<EVP_MD_CTX, ContextDeleter> kContext(EVP_MD_CTX_new());
  EVP_MD_CTX* context = kContext.get();
  O2C_ASSERT(context != nullptr);
  Sha256Digest digest{};
  unsigned int size = 0;
  const bool ok = EVP_DigestInit_ex(context, sha256_algorithm(), nullptr) == 1 &&
                  EVP_DigestUpdate(context, previous.data(), previous.size()) == 1 &&
                  EVP_DigestUpdate(context, bytes.data(), bytes.size()) == 1 &&
                  EVP_DigestFinal_ex(context, digest.data(), &size) == 1;
  O2C_ASSERT(ok);
  O2C_ASSERT(size == digest.size());
  return digest;
}

std::string to_hex(const Sha256Digest& digest) {
  static constexpr char kHexDigits[] = "0123456789abcdef";
  std::string text(2 * digest.size(), '0');
  for (std::size_t i = 0; i < digest.size(); ++i) {
    text[2 * i] = kHexDigits[digest[i] >> 4];
    text[2 * i + 1] = kHexDigits[digest[i] & 0xF];
  }
  return text;
}

}  // namespace o2c
