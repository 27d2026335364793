// bai2.cc — BAI2 files: 01 file header, 02 group header, 03 account identifier and summary,
// 16 transaction detail, 88 continuation, 49 account trailer, 98 group trailer, 99 file
// trailer, one record per line, fields separated by commas, a record ended by "/" (the text
// field of a 16 record runs to the end of the record). Amounts are whole minor units (the
// currency's decimals are implied: "000000000002500" USD is 25.00). Type codes 100–399 are
// credits, every other detail code is treated as a debit (not a customer receipt).
// Each trailer's control total is the sum of the amounts below it (an account's: its summary
// and detail amounts), and its record count counts every record from its header to itself,
// continuations included.
#include <algorithm>
#include <charconv>
#include <map>

#include "formats/bankfiles/amounts.h"
#include "formats/bankfiles/bankfiles.h"

namespace o2c {
namespace {

using bankfiles::trim;

std::string at(std::size_t line) { return "line " + std::to_string(line); }

Error malformed(std::size_t line, std::string message) {
  return invalid_argument("malformed_bai2", std::move(message), at(line));
}

// Consumes comma-separated fields from a record; the last field may be asked for as "the
// rest" (a 16 record's text, which may itself hold commas).
class FieldReader {
 public:
  explicit FieldReader(std::string_view body) : rest_(body) {}
  std::string_view next() {
    if (!has_more_) return {};
    const auto comma = rest_.find(',');
    std::string_view field = rest_.substr(0, comma);
    if (comma == std::string_view::npos) {
      has_more_ = false;
      rest_ = {};
    } else {
      rest_.remove_prefix(comma + 1);
    }
    return trim(field);
  }
  std::string_view rest() {
    std::string_view all = has_more_ ? rest_ : std::string_view{};
    has_more_ = false;
    rest_ = {};
    return all;
  }
  bool has_more() const { return has_more_; }

 private:
  std::string_view rest_;
  bool has_more_ = true;
};

// A record's fields after its code, the "/" that ends it removed.
std::string_view body_of(std::string_view record) {
  std::string_view body = trim(record);
  body.remove_prefix(std::min<std::size_t>(body.size(), 3));  // "16,"
  if (!body.empty() && body.back() == '/') body.remove_suffix(1);
  return body;
}

// A signed whole number of minor units; an empty field is zero when `optional`.
Result<std::int64_t> parse_minor(std::string_view text, std::size_t line, bool optional) {
  text = trim(text);
  if (text.empty()) {
    if (optional) return std::int64_t{0};
    return invalid_argument("invalid_amount", "amount is missing", at(line));
  }
  if (text.find('.') != std::string_view::npos) {
    return invalid_argument("invalid_amount",
                            "amount '" + std::string(text) +
                                "' has a decimal point; BAI2 amounts are whole minor units "
                                "(2 decimals implied)",
                            at(line));
  }
  std::string_view digits = text;
  if (digits.front() == '+') digits.remove_prefix(1);
  std::int64_t value = 0;
  const auto [end, code] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (code != std::errc{} || end != digits.data() + digits.size() || digits.empty()) {
    return invalid_argument("invalid_amount", "amount '" + std::string(text) + "' is not a number",
                            at(line));
  }
  return value;
}

Result<std::int64_t> parse_count(std::string_view text, std::size_t line) {
  text = trim(text);
  std::int64_t value = -1;
  const auto [end, code] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (code != std::errc{} || end != text.data() + text.size() || value < 0) {
    return malformed(line, "record count '" + std::string(text) + "' is not a number");
  }
  return value;
}

// YYMMDD → a date in 1970–2069.
Result<Date> parse_yymmdd(std::string_view text, std::size_t line) {
  text = trim(text);
  if (text.size() != 6 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return invalid_argument("invalid_date", "date '" + std::string(text) + "' is not YYMMDD",
                            at(line));
  }
  const int year = std::stoi(std::string(text.substr(0, 2)));
  const std::string iso = std::to_string(year < 70 ? 2000 + year : 1900 + year) + "-" +
                          std::string(text.substr(2, 2)) + "-" + std::string(text.substr(4, 2));
  auto date = parse_date(iso);
  if (!date) {
    return invalid_argument("invalid_date", "date '" + std::string(text) + "' is not a date",
                            at(line));
  }
  return *date;
}

// Skips the availability fields that follow a funds type: V (date, time), S (three
// amounts), D (a count of distributions, each days and amount). Returns the value date of V.
Result<std::optional<Date>> skip_funds(FieldReader& fields, std::string_view funds_type,
                                       std::size_t line) {
  if (funds_type == "V") {
    const std::string_view date = fields.next();
    fields.next();  // time
    if (date.empty()) return std::optional<Date>{};
    O2C_ASSIGN_OR_RETURN(Date value, parse_yymmdd(date, line));
    return std::optional<Date>{value};
  }
  if (funds_type == "S") {
    for (int i = 0; i < 3; ++i) fields.next();
  } else if (funds_type == "D") {
    O2C_ASSIGN_OR_RETURN(std::int64_t distributions, parse_count(fields.next(), line));
    for (std::int64_t i = 0; i < 2 * distributions; ++i) fields.next();
  } else if (!funds_type.empty() && funds_type != "0" && funds_type != "1" && funds_type != "2" &&
             funds_type != "Z") {
    return malformed(line,
                     "funds type '" + std::string(funds_type) + "' is not 0, 1, 2, S, V, D or Z");
  }
  return std::optional<Date>{};
}

struct Record {
  std::string code;
  std::size_t line = 0;
  std::string body;                            // fields, continuations joined with ","
  std::vector<std::string> continuation_text;  // 88 records after a 16: text lines
  std::size_t physical = 1;                    // records counted: itself and its 88s
};

Result<std::vector<Record>> split_records(std::string_view text) {
  static const std::vector<std::string_view> known = {"01", "02", "03", "16",
                                                      "49", "88", "98", "99"};
  std::vector<Record> records;
  std::size_t line_no = 0;
  while (!text.empty()) {
    const auto newline = text.find('\n');
    const std::string_view raw = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
    ++line_no;
    const std::string_view line = trim(raw);
    if (line.empty()) continue;
    const std::string_view code = line.substr(0, 2);
    if (line.size() < 3 || line[2] != ',' ||
        std::find(known.begin(), known.end(), code) == known.end()) {
      return invalid_argument("unknown_record",
                              "record '" + std::string(line.substr(0, 2)) +
                                  "' is not a BAI2 record (01, 02, 03, 16, 88, 49, 98, 99)",
                              at(line_no));
    }
    if (code != "88") {
      records.push_back(Record{std::string(code), line_no, std::string(body_of(line)), {}, 1});
      continue;
    }
    if (records.empty()) return malformed(line_no, "continuation record 88 continues nothing");
    Record& previous = records.back();
    ++previous.physical;
    if (previous.code == "16") {
      previous.continuation_text.emplace_back(trim(body_of(line)));
    } else {
      previous.body += "," + std::string(body_of(line));
    }
  }
  if (records.empty()) return invalid_argument("empty_file", "the file holds no records", "line 1");
  return records;
}

// Trailer totals mix accounts of any currency; they are shown with BAI2's 2 implied decimals.
std::string amount_text(std::int64_t minor) {
  Currency two_decimals;
  two_decimals.code = {'U', 'S', 'D'};
  return format_amount(Money{minor, two_decimals});
}

struct Totals {
  std::int64_t sum = 0;
  std::int64_t records = 0;
  std::int64_t children = 0;  // accounts in a group, groups in a file
  std::size_t line = 0;       // the header's
  bool open = false;
};

class Bai2Reader {
 public:
  explicit Bai2Reader(const ParseOptions& options) : options_(options) {}

  Result<std::vector<BankStatement>> read(std::string_view text) {
    O2C_ASSIGN_OR_RETURN(std::vector<Record> records, split_records(text));
    if (records.front().code != "01") {
      return malformed(records.front().line, "a BAI2 file starts with a 01 file header");
    }
    for (const Record& record : records) {
      if (file_done_) return malformed(record.line, "record after the 99 file trailer");
      O2C_RETURN_IF_ERROR(dispatch(record));
    }
    if (account_.open) return missing("49 account trailer", account_.line, "account");
    if (group_.open) return missing("98 group trailer", group_.line, "group");
    if (!file_done_) return missing("99 file trailer", file_.line, "file");
    return std::move(statements_);
  }

 private:
  Status dispatch(const Record& record) {
    if (record.code == "01") return file_header(record);
    if (record.code == "02") return group_header(record);
    if (record.code == "03") return account_header(record);
    if (record.code == "16") return detail(record);
    if (record.code == "49") return account_trailer(record);
    if (record.code == "98") return group_trailer(record);
    return file_trailer(record);
  }

  static Error missing(std::string_view what, std::size_t line, std::string_view opened) {
    return invalid_argument("missing_trailer",
                            "the " + std::string(opened) + " opened at line " +
                                std::to_string(line) + " has no " + std::string(what),
                            at(line));
  }

  // Every record counts towards the trailers of the file, group and account it sits in.
  void count(const Record& record) {
    file_.records += static_cast<std::int64_t>(record.physical);
    if (group_.open) group_.records += static_cast<std::int64_t>(record.physical);
    if (account_.open) account_.records += static_cast<std::int64_t>(record.physical);
  }

  Status file_header(const Record& record) {
    if (file_.open) return malformed(record.line, "a second 01 file header");
    FieldReader fields(record.body);
    sender_ = std::string(fields.next());
    fields.next();  // receiver
    const std::string date(fields.next());
    const std::string time(fields.next());
    file_id_ = std::string(fields.next());
    created_ = date + time;
    if (sender_.empty() || date.empty() || file_id_.empty()) {
      return malformed(record.line,
                       "the 01 file header needs a sender, a creation date and a file id");
    }
    file_ = Totals{0, 0, 0, record.line, true};
    count(record);
    return {};
  }

  Status group_header(const Record& record) {
    if (group_.open) return missing("98 group trailer", group_.line, "group");
    group_ = Totals{0, 0, 0, record.line, true};
    ++group_number_;
    count(record);
    FieldReader fields(record.body);
    fields.next();  // ultimate receiver
    fields.next();  // originator
    fields.next();  // group status
    O2C_ASSIGN_OR_RETURN(as_of_, parse_yymmdd(fields.next(), record.line));
    fields.next();  // as-of time
    const std::string_view code = fields.next();
    group_currency_ = std::string(code.empty() ? "USD" : code);
    return {};
  }

  Status account_header(const Record& record) {
    if (!group_.open)
      return malformed(record.line, "account record 03 outside a group (02 ... 98)");
    if (account_.open) return missing("49 account trailer", account_.line, "account");
    account_ = Totals{0, 0, 0, record.line, true};
    count(record);
    FieldReader fields(record.body);
    BankStatement statement;
    statement.format = BankFileFormat::kBai2;
    statement.account = std::string(fields.next());
    if (statement.account.empty()) return malformed(record.line, "account number is missing");
    const std::string_view code = fields.next();
    O2C_ASSIGN_OR_RETURN(
        statement.currency,
        bankfiles::currency_at(code.empty() ? group_currency_ : code, at(record.line)));
    statement.statement_date = as_of_;
    std::string identity = "bai2:" + sender_ + "/" + file_id_ + "/" + created_ + "/" +
                           std::to_string(group_number_) + "/" + statement.account;
    const int seen = ++identities_[identity];
    if (seen > 1) identity += "#" + std::to_string(seen);
    statement.identity = identity;
    O2C_RETURN_IF_ERROR(read_summaries(fields, record.line, statement));
    statements_.push_back(std::move(statement));
    return {};
  }

  // Type code, amount, item count, funds type (and its availability fields), repeated.
  Status read_summaries(FieldReader& fields, std::size_t line, BankStatement& statement) {
    while (fields.has_more()) {
      const std::string_view type = fields.next();
      const std::string_view amount = fields.next();
      fields.next();  // item count
      const std::string_view funds = fields.next();
      O2C_RETURN_IF_ERROR(skip_funds(fields, funds, line));
      if (type.empty()) continue;
      O2C_ASSIGN_OR_RETURN(std::int64_t minor, parse_minor(amount, line, true));
      if (__builtin_add_overflow(account_.sum, minor, &account_.sum)) {
        return invalid_argument("invalid_amount", "control total out of range", at(line));
      }
      if (amount.empty()) continue;
      if (type == "010") statement.opening_balance = Money{minor, statement.currency};
      if (type == "015") statement.closing_balance = Money{minor, statement.currency};
    }
    return {};
  }

  Status detail(const Record& record) {
    if (!account_.open)
      return malformed(record.line, "detail record 16 outside an account (03 ... 49)");
    count(record);
    BankStatement& statement = statements_.back();
    FieldReader fields(record.body);
    const std::string type(fields.next());
    O2C_ASSIGN_OR_RETURN(std::int64_t minor, parse_minor(fields.next(), record.line, false));
    if (minor < 0) {
      return invalid_argument("invalid_amount", "a detail amount is unsigned", at(record.line));
    }
    if (__builtin_add_overflow(account_.sum, minor, &account_.sum)) {
      return invalid_argument("invalid_amount", "control total out of range", at(record.line));
    }
    StatementEntry entry;
    entry.bank_code = type;
    entry.direction = is_credit(type) ? EntryDirection::kCredit : EntryDirection::kDebit;
    entry.amount = Money{minor, statement.currency};
    const std::string_view funds = fields.next();
    O2C_ASSIGN_OR_RETURN(std::optional<Date> value_date, skip_funds(fields, funds, record.line));
    entry.booking_date = statement.statement_date;
    entry.value_date = value_date.value_or(statement.statement_date);
    entry.reference = std::string(fields.next());
    const std::string customer_reference(fields.next());
    entry.structured_reference = customer_reference;
    append(entry.remittance, std::string(trim(fields.rest())));
    for (const std::string& text : record.continuation_text) read_addendum(text, entry);
    statement.entries.push_back(std::move(entry));
    return {};
  }

  static bool is_credit(std::string_view type) {
    return type.size() == 3 && type >= "100" && type <= "399";
  }

  static void append(std::string& to, const std::string& text) {
    if (text.empty()) return;
    if (!to.empty()) to += ' ';
    to += text;
  }

  // "EREF: 1111", "DBNM: TEST INC": keyed addenda some banks send; anything else is text.
  static void read_addendum(const std::string& text, StatementEntry& entry) {
    const bool keyed =
        text.size() >= 5 && text[4] == ':' &&
        std::all_of(text.begin(), text.begin() + 4, [](char c) { return c >= 'A' && c <= 'Z'; });
    if (!keyed) return append(entry.remittance, text);
    const std::string key = text.substr(0, 4);
    const std::string value(trim(std::string_view(text).substr(5)));
    if (key == "REMI") append(entry.remittance, value);
    if (key == "EREF") entry.end_to_end_id = value;
    if (key == "DBNM") entry.payer_name = value;
    if (key == "DACT") entry.payer_account = value;
  }

  Status check(std::string_view what, const Totals& totals, const Record& record,
               std::int64_t stated_total, std::int64_t stated_records,
               std::optional<std::int64_t> stated_children, std::string_view children_name) {
    if (!options_.check_totals) return {};
    if (stated_total != totals.sum) {
      return invalid_argument("control_total_mismatch",
                              std::string(what) + " control total " + amount_text(stated_total) +
                                  " but its records sum to " + amount_text(totals.sum),
                              at(record.line));
    }
    if (stated_children && *stated_children != totals.children) {
      return invalid_argument(
          "record_count_mismatch",
          std::string(what) + " trailer counts " + std::to_string(*stated_children) + " " +
              std::string(children_name) + " but there are " + std::to_string(totals.children),
          at(record.line));
    }
    if (stated_records != totals.records) {
      return invalid_argument("record_count_mismatch",
                              std::string(what) + " trailer counts " +
                                  std::to_string(stated_records) + " records but there are " +
                                  std::to_string(totals.records),
                              at(record.line));
    }
    return {};
  }

  Status account_trailer(const Record& record) {
    if (!account_.open) return malformed(record.line, "account trailer 49 without an account");
    count(record);
    FieldReader fields(record.body);
    O2C_ASSIGN_OR_RETURN(std::int64_t total, parse_minor(fields.next(), record.line, false));
    O2C_ASSIGN_OR_RETURN(std::int64_t records, parse_count(fields.next(), record.line));
    O2C_RETURN_IF_ERROR(check("account", account_, record, total, records, std::nullopt, ""));
    account_.open = false;
    group_.sum += account_.sum;
    ++group_.children;
    return {};
  }

  Status group_trailer(const Record& record) {
    if (account_.open) return missing("49 account trailer", account_.line, "account");
    if (!group_.open) return malformed(record.line, "group trailer 98 without a group");
    count(record);
    FieldReader fields(record.body);
    O2C_ASSIGN_OR_RETURN(std::int64_t total, parse_minor(fields.next(), record.line, false));
    O2C_ASSIGN_OR_RETURN(std::int64_t accounts, parse_count(fields.next(), record.line));
    O2C_ASSIGN_OR_RETURN(std::int64_t records, parse_count(fields.next(), record.line));
    O2C_RETURN_IF_ERROR(check("group", group_, record, total, records, accounts, "accounts"));
    group_.open = false;
    file_.sum += group_.sum;
    ++file_.children;
    return {};
  }

  Status file_trailer(const Record& record) {
    if (group_.open) return missing("98 group trailer", group_.line, "group");
    count(record);
    FieldReader fields(record.body);
    O2C_ASSIGN_OR_RETURN(std::int64_t total, parse_minor(fields.next(), record.line, false));
    O2C_ASSIGN_OR_RETURN(std::int64_t groups, parse_count(fields.next(), record.line));
    O2C_ASSIGN_OR_RETURN(std::int64_t records, parse_count(fields.next(), record.line));
    O2C_RETURN_IF_ERROR(check("file", file_, record, total, records, groups, "groups"));
    file_done_ = true;
    return {};
  }

  const ParseOptions& options_;
  std::vector<BankStatement> statements_;
  std::map<std::string, int> identities_;
  std::string sender_, file_id_, created_, group_currency_ = "USD";
  Date as_of_{};
  int group_number_ = 0;
  Totals file_, group_, account_;
  bool file_done_ = false;
};

}  // namespace

Result<std::vector<BankStatement>> parse_bai2(std::string_view text, const ParseOptions& options) {
  return Bai2Reader(options).read(text);
}

}  // namespace o2c
