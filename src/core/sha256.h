// sha256.h — SHA-256 (OpenSSL) for the hash-chained journal.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace o2c {

using Sha256Digest = std::array<std::uint8_t, 32>;

Sha256Digest sha256(std::string_view bytes);
std::string to_hex(const Sha256Digest& digest);
// SHA-256 of previous ‖ bytes, the journal chain link.
Sha256Digest sha256_chained(const Sha256Digest& previous, std::string_view bytes);

}  // namespace o2c
