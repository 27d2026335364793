#include "formats/csv/csv.h"

#include <cstdint>

#include "core/assert.h"
#include "core/limits.h"

namespace o2c {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool is_line_break(char c) { return c == '\n' || c == '\r'; }

// Reads records one at a time. Every position it hands out is inside `text_`.
class CsvReader {
 public:
  CsvReader(std::string_view text, char delimiter) : text_(text), delimiter_(delimiter) {}

  bool done() {
    skip_blank_lines();
    return position_ >= text_.size();
  }

  CsvRecord next() {
    O2C_ASSERT(position_ < text_.size());
    CsvRecord record;
    record.line = line_;
    start_ = position_;
    std::optional<CsvProblem> problem = read_fields(record.fields);
    if (problem) {
      record.fields.clear();
      record.problem = std::move(problem);
    }
    record.text = std::string(text_.substr(start_, end_ - start_));
    consume_line_break();
    return record;
  }

 private:
  void skip_blank_lines() {
    while (position_ < text_.size() && is_line_break(text_[position_])) consume_line_break();
  }

  // Consumes one line break (CRLF, LF or CR) at position_, if there is one.
  void consume_line_break() {
    if (position_ >= text_.size()) return;
    if (text_[position_] == '\r') {
      ++position_;
      if (position_ < text_.size() && text_[position_] == '\n') ++position_;
      ++line_;
    } else if (text_[position_] == '\n') {
      ++position_;
      ++line_;
    }
  }

  // Moves to the end of the current physical line (the fields read so far are abandoned).
  void skip_to_line_end() {
    while (position_ < text_.size() && !is_line_break(text_[position_])) ++position_;
    end_ = position_;
  }

  CsvProblem fail(std::size_t field, std::string reason, std::string message) {
    skip_to_line_end();
    return CsvProblem{field, std::move(reason), std::move(message)};
  }

  std::optional<CsvProblem> read_fields(std::vector<std::string>& fields) {
    while (true) {
      const std::size_t field_no = fields.size() + 1;
      std::string value;
      std::optional<CsvProblem> problem = position_ < text_.size() && text_[position_] == '"'
                                              ? read_quoted(value, field_no)
                                              : read_unquoted(value, field_no);
      if (problem) return problem;
      if (value.find('\0') != std::string::npos)
        return fail(
            field_no, "nul_byte",
            "field " + std::to_string(field_no) + " contains a NUL byte; is this a text file?");
      if (!is_valid_utf8(value))
        return fail(field_no, "invalid_utf8",
                    "field " + std::to_string(field_no) + " is not valid UTF-8; save the file as " +
                        "UTF-8");
      fields.push_back(std::move(value));
      if (position_ < text_.size() && text_[position_] == delimiter_) {
        ++position_;
        continue;
      }
      O2C_ASSERT(position_ >= text_.size() || is_line_break(text_[position_]));
      end_ = position_;
      return std::nullopt;
    }
  }

  std::optional<CsvProblem> read_unquoted(std::string& value, std::size_t field_no) {
    const std::size_t begin = position_;
    while (position_ < text_.size() && text_[position_] != delimiter_ &&
           !is_line_break(text_[position_])) {
      if (text_[position_] == '"')
        return fail(field_no, "quote_in_unquoted_field",
                    "field " + std::to_string(field_no) +
                        " has a quote but does not start with one; quote the whole field and "
                        "double the quotes inside (\"say \"\"hi\"\"\")");
      ++position_;
    }
    value.assign(text_.substr(begin, position_ - begin));
    return std::nullopt;
  }

  std::optional<CsvProblem> read_quoted(std::string& value, std::size_t field_no) {
    O2C_ASSERT(text_[position_] == '"');
    const std::size_t opening = position_;
    const std::size_t opening_line = line_;
    ++position_;
    while (true) {
      if (position_ >= text_.size()) {
        // Nothing closes the quote: report the line it opened on and read on from the next one,
        // so that the rest of the file is still checked.
        position_ = opening;
        line_ = opening_line;
        return fail(field_no, "unterminated_quote",
                    "field " + std::to_string(field_no) + " opens a quote that is never closed");
      }
      const char c = text_[position_];
      if (c == '"') {
        if (position_ + 1 < text_.size() && text_[position_ + 1] == '"') {
          value.push_back('"');
          position_ += 2;
          continue;
        }
        ++position_;
        break;
      }
      if (c == '\r' && position_ + 1 < text_.size() && text_[position_ + 1] == '\n') {
        value.append("\r\n");
        position_ += 2;
        ++line_;
        continue;
      }
      if (is_line_break(c)) ++line_;
      value.push_back(c);
      ++position_;
    }
    if (position_ < text_.size() && text_[position_] != delimiter_ &&
        !is_line_break(text_[position_]))
      return fail(field_no, "text_after_quote",
                  "field " + std::to_string(field_no) +
                      " has text after its closing quote; quote the whole field");
    return std::nullopt;
  }

  std::string_view text_;
  char delimiter_;
  std::size_t position_ = 0;
  std::size_t line_ = 1;
  std::size_t start_ = 0;  // where the current record began
  std::size_t end_ = 0;    // where it ends (before its line break)
};

bool starts_with_utf16_or_utf32_bom(std::string_view text) {
  return text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF") ||
         text.starts_with(std::string_view("\x00\x00\xFE\xFF", 4));
}

}  // namespace

Result<std::vector<CsvRecord>> read_csv(std::string_view text, CsvOptions options) {
  O2C_ASSERT(options.delimiter != '"');
  O2C_ASSERT(!is_line_break(options.delimiter));
  if (text.size() > kImportFileBytesMax)
    return invalid_argument("file_too_large",
                            "the file has " + std::to_string(text.size()) + " bytes; at most " +
                                std::to_string(kImportFileBytesMax) + " are read at once");
  if (starts_with_utf16_or_utf32_bom(text))
    return invalid_argument("unsupported_encoding",
                            "the file is UTF-16 or UTF-32; save it as UTF-8", "line 1");
  if (text.starts_with(kUtf8Bom)) text.remove_prefix(kUtf8Bom.size());

  std::vector<CsvRecord> records;
  CsvReader reader(text, options.delimiter);
  while (!reader.done()) {
    if (records.size() == kImportRowsMax)
      return invalid_argument(
          "too_many_rows",
          "the file has more than " + std::to_string(kImportRowsMax) + " records; split it");
    records.push_back(reader.next());
  }
  return records;
}

std::string quote_csv_field(std::string_view value, char delimiter) {
  const bool needs_quotes =
      value.find_first_of(std::string{delimiter, '"', '\r', '\n'}) != std::string_view::npos ||
      (!value.empty() && (value.front() == ' ' || value.back() == ' '));
  if (!needs_quotes) return std::string(value);
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    std::uint32_t code_point = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
      code_point = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      code_point = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      code_point = lead & 0x07;
    } else {
      return false;  // a continuation byte, an overlong two-byte lead, or beyond U+10FFFF
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code_point = (code_point << 6) | (next & 0x3F);
    }
    const bool overlong =
        (length == 3 && code_point < 0x800) || (length == 4 && code_point < 0x10000);
    const bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
    if (overlong || surrogate || code_point > 0x10FFFF) return false;
    i += length;
  }
  return true;
}

}  // namespace o2c
