// document_number.h — people-facing document numbers: PREFIX-YEAR-SEQUENCE, six digits,
// "SO-2026-000001". The store hands out sequences per (prefix, year) inside the same
// transaction that writes the document, so numbers are gapless and unique: a rolled-back
// document rolls its number back too.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace o2c {

struct DocumentNumber {
  std::string prefix;  // "SO", "SH", "INV", "PAY"
  int year = 0;
  std::uint32_t sequence = 0;  // 1-based
};

std::string format_document_number(const DocumentNumber& number);
Result<DocumentNumber> parse_document_number(std::string_view text);

}  // namespace o2c
