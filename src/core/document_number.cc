#include "core/document_number.h"

#include <cstdio>

#include "core/limits.h"

namespace o2c {

std::string format_document_number(const DocumentNumber& number) {
  O2C_ASSERT(number.sequence >= 1 && number.sequence <= kDocumentSequenceMax);
  O2C_ASSERT(number.year >= 1900 && number.year <= 9999);
  char text[32];
  std::snprintf(text, sizeof text, "-%04d-%06u", number.year, number.sequence);
  return number.prefix + text;
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
