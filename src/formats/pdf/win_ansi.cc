// UTF-8 → Windows-1252 for libharu's WinAnsiEncoding, with a transliteration fallback.
#include <array>
#include <cstdint>

#include "formats/pdf/pdf.h"

namespace o2c {
namespace {

struct Mapping {
  std::uint32_t code_point;
  const char* bytes;  // CP1252 bytes (one, or an ASCII transliteration)
};

// CP1252's 0x80..0x9F block, then Latin Extended-A letters PDFs of invoices commonly meet
// (Polish, Czech, Hungarian, Turkish, Romanian, Croatian names) by their base letter.
constexpr std::array<Mapping, 91> kMappings{{
    {0x20AC, "\x80"}, {0x201A, "\x82"}, {0x0192, "\x83"}, {0x201E, "\x84"}, {0x2026, "\x85"},
    {0x2020, "\x86"}, {0x2021, "\x87"}, {0x02C6, "\x88"}, {0x2030, "\x89"}, {0x0160, "\x8A"},
    {0x2039, "\x8B"}, {0x0152, "\x8C"}, {0x017D, "\x8E"}, {0x2018, "\x91"}, {0x2019, "\x92"},
    {0x201C, "\x93"}, {0x201D, "\x94"}, {0x2022, "\x95"}, {0x2013, "\x96"}, {0x2014, "\x97"},
    {0x02DC, "\x98"}, {0x2122, "\x99"}, {0x0161, "\x9A"}, {0x203A, "\x9B"}, {0x0153, "\x9C"},
    {0x017E, "\x9E"}, {0x0178, "\x9F"}, {0x0100, "A"},    {0x0101, "a"},    {0x0102, "A"},
    {0x0103, "a"},    {0x0104, "A"},    {0x0105, "a"},    {0x0106, "C"},    {0x0107, "c"},
    {0x010C, "C"},    {0x010D, "c"},    {0x010E, "D"},    {0x010F, "d"},    {0x0110, "D"},
    {0x0111, "d"},    {0x0112, "E"},    {0x0113, "e"},    {0x0118, "E"},    {0x0119, "e"},
    {0x011A, "E"},    {0x011B, "e"},    {0x011E, "G"},    {0x011F, "g"},    {0x012A, "I"},
    {0x012B, "i"},    {0x0130, "I"},    {0x0131, "i"},    {0x0139, "L"},    {0x013A, "l"},
    {0x013D, "L"},    {0x013E, "l"},    {0x0141, "L"},    {0x0142, "l"},    {0x0143, "N"},
    {0x0144, "n"},    {0x0147, "N"},    {0x0148, "n"},    {0x0150, "\xD6"}, {0x0151, "\xF6"},
    {0x0154, "R"},    {0x0155, "r"},    {0x0158, "R"},    {0x0159, "r"},    {0x015A, "S"},
    {0x015B, "s"},    {0x015E, "S"},    {0x015F, "s"},    {0x0162, "T"},    {0x0163, "t"},
    {0x0164, "T"},    {0x0165, "t"},    {0x016A, "U"},    {0x016B, "u"},    {0x016E, "U"},
    {0x016F, "u"},    {0x0170, "\xDC"}, {0x0171, "\xFC"}, {0x0179, "Z"},    {0x017A, "z"},
    {0x017B, "Z"},    {0x017C, "z"},    {0x0218, "S"},    {0x0219, "s"},    {0x021A, "T"},
    {0x021B, "t"},
}};

// Decodes one UTF-8 sequence at text[i]; advances i. Malformed input gives U+FFFD.
std::uint32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
  const unsigned char lead = byte(i);
  int length = lead < 0x80           ? 1
               : (lead >> 5) == 0x6  ? 2
               : (lead >> 4) == 0xE  ? 3
               : (lead >> 3) == 0x1E ? 4
                                     : 0;
  if (length == 0 || i + length > text.size()) {
    ++i;
    return 0xFFFD;
  }
  std::uint32_t code_point = length == 1 ? lead : lead & (0x7F >> length);
  for (int k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    code_point = (code_point << 6) | (byte(i + k) & 0x3F);
  }
  i += length;
  return code_point;
}

}  // namespace

std::string to_win_ansi(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) {
    const std::uint32_t code_point = next_code_point(utf8, i);
    if (code_point < 0x20 || code_point == 0x7F) {
      out.push_back(' ');
      continue;
    }
    if (code_point < 0x80 || (code_point >= 0xA0 && code_point <= 0xFF)) {
      out.push_back(static_cast<char>(code_point));
      continue;
    }
    const char* mapped = "?";
    for (const Mapping& mapping : kMappings) {
      if (mapping.code_point == code_point) mapped = mapping.bytes;
    }
    out += mapped;
  }
  return out;
}

}  // namespace o2c
