// csv.h — comma-separated values as RFC 4180 defines them, read the way files from
// spreadsheets and ERP exports actually arrive: a UTF-8 byte order mark is skipped, records end
// in CRLF, LF or a lone CR, fields may be quoted ("a, b" and "say ""hi""") and a quoted field may
// span lines. What RFC 4180 forbids (a quote inside an unquoted field, text after a closing
// quote, an unterminated quote) is reported per record, so that one bad record does not hide
// the others: reading resumes on the next line. Blank lines are skipped. Fields must be UTF-8
// without NUL bytes. No I/O: text in, records out.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace o2c {

// Why one record could not be read.
struct CsvProblem {
  std::size_t field = 0;  // 1-based field number where the fault is
  std::string reason;     // unterminated_quote, quote_in_unquoted_field, text_after_quote,
                          // nul_byte, invalid_utf8
  std::string message;    // for a person
};

struct CsvRecord {
  std::size_t line = 0;             // 1-based physical line the record starts on
  std::string text;                 // the record as written in the file, without its line break
  std::vector<std::string> fields;  // unquoted values; empty when `problem` is set
  std::optional<CsvProblem> problem;
};

struct CsvOptions {
  char delimiter = ',';
};

// Splits `text` into records, in file order. Fails only for the file as a whole: file_too_large
// (over kImportFileBytesMax), unsupported_encoding (a UTF-16 or UTF-32 byte order mark),
// too_many_rows (over kImportRowsMax records). A record that breaks the format is returned with
// `problem` set and the raw `text` of the line(s) it covered.
Result<std::vector<CsvRecord>> read_csv(std::string_view text, CsvOptions options = {});

// `value` as one CSV field: quoted (with quotes doubled) when it contains the delimiter, a quote,
// a line break or leading/trailing spaces; as is otherwise.
std::string quote_csv_field(std::string_view value, char delimiter = ',');

// Whether `text` is well-formed UTF-8 (no overlong forms, no surrogates, at most U+10FFFF).
bool is_valid_utf8(std::string_view text);

}  // namespace o2c
