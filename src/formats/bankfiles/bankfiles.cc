#include "formats/bankfiles/bankfiles.h"

#include "core/wire_names.h"
#include "formats/bankfiles/amounts.h"

namespace o2c {
namespace {

constexpr std::string_view kFormatNames[] = {"", "camt053", "camt054", "bai2"};
constexpr std::string_view kDirectionNames[] = {"", "credit", "debit"};

}  // namespace

std::string_view wire_name(BankFileFormat format) { return name_in(kFormatNames, format); }

Result<BankFileFormat> bank_file_format_from_wire(std::string_view text) {
  if (auto format = value_in<BankFileFormat>(kFormatNames, text)) return *format;
  return invalid_argument("unknown_format",
                          "'" + std::string(text) + "' is not a bank file format");
}

std::string_view wire_name(EntryDirection direction) { return name_in(kDirectionNames, direction); }

Result<EntryDirection> entry_direction_from_wire(std::string_view text) {
  if (auto direction = value_in<EntryDirection>(kDirectionNames, text)) return *direction;
  return invalid_argument("unknown_direction",
                          "'" + std::string(text) + "' is not credit or debit");
}

// camt documents name their message in the namespace ("…:camt.053.001.02") and in the root's
// first element; BAI2 starts with its 01 file header.
Result<BankFileFormat> detect_bank_file_format(std::string_view text) {
  std::string_view start = bankfiles::trim(text);
  if (start.starts_with("\xEF\xBB\xBF")) start.remove_prefix(3);  // UTF-8 byte order mark
  if (start.starts_with("01,")) return BankFileFormat::kBai2;
  if (start.starts_with("<")) {
    const std::string_view head = text.substr(0, 4096);
    const bool says_053 = head.find("camt.053") != std::string_view::npos ||
                          head.find("BkToCstmrStmt") != std::string_view::npos;
    const bool says_054 = head.find("camt.054") != std::string_view::npos ||
                          head.find("BkToCstmrDbtCdtNtfctn") != std::string_view::npos;
    if (says_053 && !says_054) return BankFileFormat::kCamt053;
    if (says_054 && !says_053) return BankFileFormat::kCamt054;
    // Neither said clearly: let the camt.053 reader name what is wrong with the XML.
    if (!says_053 && !says_054 && head.find("camt.") == std::string_view::npos) {
      return BankFileFormat::kCamt053;
    }
  }
  if (start.empty()) return invalid_argument("empty_file", "the file is empty", "line 1");
  return invalid_argument("unknown_format",
                          "not a camt.053, camt.054 or BAI2 file (camt.052 and other formats "
                          "are not imported)",
                          "line 1");
}

Result<std::vector<BankStatement>> parse_bank_file(std::string_view text,
                                                   std::string_view file_name,
                                                   const ParseOptions& options) {
  auto format = detect_bank_file_format(text);
  if (!format) {
    Error error = std::move(format).error();
    error.message = std::string(file_name) + ": " + error.message;
    return error;
  }
  switch (*format) {
    case BankFileFormat::kCamt053:
      return parse_camt053(text, options);
    case BankFileFormat::kCamt054:
      return parse_camt054(text, options);
    case BankFileFormat::kBai2:
      return parse_bai2(text, options);
  }
  return internal_error("unknown_format", "unreachable");
}

}  // namespace o2c
