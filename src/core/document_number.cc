#include "core/document_number.h"

#include <cstdio>

#include "core/limits.h"

namespace o2c {

std::string format_document_number(const DocumentNumber& number) {
  O2C_ASSERT(number.sequence >= 1 && number.sequence <= kDocumentSequenceMax);
  O2C_ASSERT(number.year >= 1900 && number.year <= 9999);
  // "-YYYY-NNNNNN", written by hand: numbers are made on the writer's hot path.
  std::string text;
  text.reserve(number.prefix.size() + 12);
  text += number.prefix;
  text.resize(number.prefix.size() + 12);
  char* out = text.data() + number.prefix.size();
  const auto put = [&out](unsigned value, int width) {
    for (int i = width - 1; i >= 0; --i) {
      out[1 + i] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
    out[0] = '-';
    out += 1 + width;
  };
  put(static_cast<unsigned>(number.year), 4);
  put(number.sequence, 6);
  return text;
}

Result<DocumentNumber> parse_document_number(std::string_view text) {
  const auto bad = [&] {
    return invalid_argument(
        "malformed_document_number",
        "'" + std::string(text) + "' is not a document number like INV-2026-000001");
  };
  const std::size_t first = text.find('-');
  if (first == std::string_view::npos || first == 0 || text.size() != first + 1 + 4 + 1 + 6 ||
      text[first + 5] != '-') {
    return bad();
  }
  DocumentNumber number;
  number.prefix = std::string(text.substr(0, first));
  unsigned sequence = 0;
  const std::string rest(text.substr(first + 1));
  // sscanf alone would accept "2026-00001x", "+026-000001" or "2026- 00001"; the year range is
  // the one format_document_number asserts.
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if (i != 4 && (rest[i] < '0' || rest[i] > '9')) return bad();
  }
  if (std::sscanf(rest.c_str(), "%4d-%6u", &number.year, &sequence) != 2 || sequence == 0 ||
      number.year < 1900)
    return bad();
  number.sequence = sequence;
  return number;
}

}  // namespace o2c
