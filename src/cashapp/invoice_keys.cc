// Finding invoice numbers in remittance text, also when a bank, a person or an OCR reader
// mangled them. The text is cut into alphanumeric tokens; a token's numeric tail (digits and
// the letters OCR confuses with them) is read as digits. A key is a series year 2000–2099
// followed by a sequence number, either as two tokens joined by a light separator ("2026
// 000123", "2026-123", "2026 - 000123") or as one long run ("INV2026000123"). Dates
// (2026-11-23, 23.11.2026, 20261123), amounts (2026.50) and IBANs (DE89 3704 …) are skipped,
// and so are numbers behind another document's prefix (SO-, PO-, PAY-, …).
#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "cashapp/match_index.h"

namespace o2c {
namespace cashapp_internal {
namespace {

bool is_ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
// Bytes of UTF-8 sequences count as letters so that a word is never split inside.
bool is_word_char(char c) { return is_ascii_alnum(c) || static_cast<unsigned char>(c) >= 0x80; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The digit an OCR reader (or a typist) confuses the letter with; 0 when none.
char confusable_digit(char c) {
  switch (c) {
    case 'O':
    case 'o':
      return '0';
    case 'I':
    case 'i':
    case 'l':
      return '1';
    case 'S':
    case 's':
      return '5';
    case 'B':
    case 'b':
      return '8';
    default:
      return 0;
  }
}

char upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

struct Token {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string_view prefix;  // the letters before the numeric tail ("INV" of "INV2026000123")
  std::string digits;       // the numeric tail read as digits; empty: a word
};

Token read_token(std::string_view text, std::size_t begin, std::size_t end) {
  Token token{begin, end, {}, {}};
  std::size_t tail = begin;
  for (std::size_t i = begin; i < end; ++i)
    if (!is_digit(text[i]) && confusable_digit(text[i]) == 0) tail = i + 1;
  if (tail > begin) {
    // Digits inside the prefix: not a number we understand ("2026X000123", "A1B2").
    for (std::size_t i = begin; i < tail; ++i)
      if (is_digit(text[i])) return token;
    // Confusable letters right after a word belong to the word ("NOS2026" is not "052026").
    while (tail < end && !is_digit(text[tail])) ++tail;
  }
  bool real_digit = false;
  for (std::size_t i = tail; i < end; ++i) real_digit = real_digit || is_digit(text[i]);
  if (!real_digit) return token;
  token.prefix = text.substr(begin, tail - begin);
  token.digits.reserve(end - tail);
  for (std::size_t i = tail; i < end; ++i)
    token.digits.push_back(is_digit(text[i]) ? text[i] : confusable_digit(text[i]));
  return token;
}

bool equals_upper(std::string_view word, std::string_view upper_word) {
  if (word.size() != upper_word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (upper(word[i]) != upper_word[i]) return false;
  return true;
}

// Prefixes of the other documents o2c numbers the same way, and words that announce a
// number that is not an invoice's.
bool other_document_word(std::string_view word) {
  static constexpr std::array<std::string_view, 15> kWords = {
      "SO", "SH",  "CN",    "PF",       "SCR",   "SUB",  "RMA", "PAY",
      "PO", "ORD", "ORDER", "CUSTOMER", "KUNDE", "CUST", "DN"};
  return std::any_of(kWords.begin(), kWords.end(),
                     [&](std::string_view w) { return equals_upper(word, w); });
}

std::int64_t to_number(std::string_view digits) {
  std::int64_t value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

bool is_year(std::string_view digits) {
  if (digits.size() != 4) return false;
  const std::int64_t year = to_number(digits);
  return year >= 2000 && year <= 2099;
}

bool is_date(std::int64_t year, std::int64_t month, std::int64_t day) {
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  (void)year;
  return day <= kDays[static_cast<std::size_t>(month - 1)];
}

// Strips leading zeros; the packed key, or 0 when the sequence is zero or too long.
std::uint64_t key_of(std::string_view year, std::string_view sequence) {
  while (!sequence.empty() && sequence.front() == '0') sequence.remove_prefix(1);
  if (sequence.empty() || sequence.size() > 6) return 0;
  return pack_key(static_cast<int>(to_number(year)), to_number(sequence));
}

class KeyScanner {
 public:
  explicit KeyScanner(std::string_view text) : text_(text) { tokenize(); }

  void scan(std::vector<std::uint64_t>& keys) {
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      if (tokens_[i].digits.empty()) continue;
      if (skip_iban(i)) continue;
      if (blocked(i)) {
        i = skip_group(i);
        continue;
      }
      const std::size_t used = read_key(i, keys);
      if (used > 0) i += used - 1;
    }
  }

 private:
  void tokenize() {
    std::size_t i = 0;
    while (i < text_.size()) {
      if (!is_word_char(text_[i])) {
        ++i;
        continue;
      }
      std::size_t end = i;
      while (end < text_.size() && is_word_char(text_[end])) ++end;
      tokens_.push_back(read_token(text_, i, end));
      i = end;
    }
  }

  std::string_view gap(std::size_t left) const {
    return text_.substr(tokens_[left].end, tokens_[left + 1].begin - tokens_[left].end);
  }
  bool numeric(std::size_t i) const { return i < tokens_.size() && !tokens_[i].digits.empty(); }
  std::string_view word(std::size_t i) const {
    return text_.substr(tokens_[i].begin, tokens_[i].end - tokens_[i].begin);
  }

  // Between the year and the sequence of one number: spaces, hyphens, slashes, underscores,
  // a '#'; never '.' or ',' (amounts) and never much of it.
  bool key_separator(std::string_view separator) const {
    if (separator.empty() || separator.size() > 5) return false;
    return std::all_of(separator.begin(), separator.end(), [](char c) {
      return c == ' ' || c == '-' || c == '_' || c == '/' || c == '#';
    });
  }

  // "DE89 3704 0044 …", "RF18 5390 …": the country (or RF) and check digits, then groups of
  // at most four; all of it is one account or creditor reference.
  bool skip_iban(std::size_t& i) const {
    const Token& token = tokens_[i];
    if (token.prefix.size() != 2 || token.digits.size() != 2) return false;
    if (!std::all_of(token.prefix.begin(), token.prefix.end(),
                     [](char c) { return upper(c) >= 'A' && upper(c) <= 'Z'; }))
      return false;
    while (i + 1 < tokens_.size() && gap(i) == " " && word(i + 1).size() <= 4) ++i;
    return true;
  }

  bool blocked(std::size_t i) const {
    if (!tokens_[i].prefix.empty()) return other_document_word(tokens_[i].prefix);
    if (i == 0 || !tokens_[i - 1].digits.empty()) return false;
    const std::string_view separator = gap(i - 1);
    if (separator.size() > 3) return false;
    return other_document_word(word(i - 1));
  }

  // The index of the last token of the other document's number starting at i: its year and
  // sequence ("SO-2026-000001"), or the one token ("PO 4500012345").
  std::size_t skip_group(std::size_t i) const {
    if (is_year(tokens_[i].digits) && numeric(i + 1) && tokens_[i + 1].prefix.empty() &&
        key_separator(gap(i)))
      return i + 1;
    return i;
  }

  // Reads a key starting at token i; the number of tokens it used, 0 when none.
  std::size_t read_key(std::size_t i, std::vector<std::uint64_t>& keys) const {
    const std::string& digits = tokens_[i].digits;
    if (is_year(digits)) return read_split_key(i, keys);
    if (digits.size() >= 7 && digits.size() <= 10 &&
        is_year(std::string_view(digits).substr(0, 4))) {
      const std::string_view rest = std::string_view(digits).substr(4);
      if (digits.size() == 8 && is_date(0, to_number(rest.substr(0, 2)), to_number(rest.substr(2))))
        return 1;
      push(keys, key_of(std::string_view(digits).substr(0, 4), rest));
      return 1;
    }
    return 1;
  }

  std::size_t read_split_key(std::size_t i, std::vector<std::uint64_t>& keys) const {
    // The year of a date written day first ("23.11.2026").
    if (i > 0 && numeric(i - 1) && tokens_[i - 1].digits.size() <= 2 && gap(i - 1).size() == 1 &&
        (gap(i - 1) == "." || gap(i - 1) == "/" || gap(i - 1) == "-"))
      return 1;
    const std::size_t j = i + 1;
    if (!numeric(j) || !tokens_[j].prefix.empty() || !key_separator(gap(i))) return 1;
    std::string_view sequence = tokens_[j].digits;
    std::size_t used = 2;
    // "2026-000 123": zeros, a space, then the rest of the sequence.
    if (sequence.find_first_not_of('0') == std::string_view::npos && numeric(j + 1) &&
        gap(j) == " ")
      sequence = tokens_[j + 1].digits, used = 3;
    const std::size_t k = i + used;
    if (used == 2 && sequence.size() <= 2 && numeric(k) && tokens_[k].digits.size() <= 2 &&
        gap(j).size() == 1 && gap(j).find_first_of("-/.") == 0 &&
        is_date(0, to_number(sequence), to_number(tokens_[k].digits)))
      return 3;  // "2026-11-23"
    if (sequence.size() > 7) return 1;
    push(keys, key_of(tokens_[i].digits, sequence));
    return used;
  }

  static void push(std::vector<std::uint64_t>& keys, std::uint64_t key) {
    if (key != 0 && std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  }

  std::string_view text_;
  std::vector<Token> tokens_;
};

}  // namespace

void find_invoice_keys(std::string_view text, std::vector<std::uint64_t>& keys) {
  KeyScanner(text).scan(keys);
}

std::uint64_t invoice_key_of_number(std::string_view number) {
  // The common case, "INV-2026-000123", without the scanner.
  if (number.size() >= 10 && number.size() <= 15) {
    const std::size_t dash = number.find('-');
    if (dash != std::string_view::npos && dash + 5 < number.size() && number[dash + 5] == '-') {
      const std::string_view year = number.substr(dash + 1, 4);
      const std::string_view sequence = number.substr(dash + 6);
      const auto all_digits = [](std::string_view s) {
        return !s.empty() && std::all_of(s.begin(), s.end(), is_digit);
      };
      if (all_digits(year) && all_digits(sequence) && is_year(year)) return key_of(year, sequence);
    }
  }
  std::vector<std::uint64_t> keys;
  find_invoice_keys(number, keys);
  return keys.empty() ? 0 : keys.front();
}

std::string format_key(std::uint64_t key) {
  return std::to_string(key / kKeySequenceBase) + "-" + std::to_string(key % kKeySequenceBase);
}

}  // namespace cashapp_internal

std::vector<std::string> invoice_keys_in(std::string_view text) {
  std::vector<std::uint64_t> keys;
  cashapp_internal::find_invoice_keys(text, keys);
  std::vector<std::string> result;
  result.reserve(keys.size());
  for (std::uint64_t key : keys) result.push_back(cashapp_internal::format_key(key));
  return result;
}

}  // namespace o2c
