// scenario_runner — runs one data-driven scenario file (STYLE.md rule 15) against a fresh
// SQLite database through the public use cases of app/app.h, and reports every line whose
// outcome differs from the one written down, as "file:line: what: expected X, got Y".
//
//   usage: scenario_runner <file.scenario>
//   exit status: 0 every line held, 1 some line failed, 2 usage or set-up error
//
// The format is described in tests/scenarios/README.md. In short: one command per line,
// "given" and "when" act, "then" checks; "-> ..." at the end of a line is the outcome the
// action must have, either its result ("SO-2026-000001 open") or "error <reason> [at <where>]"
// (Error.reason and Error.where compared exactly). Amounts are exact to the minor unit.
// Inputs are passed to the use cases as written (a discount of 101 % or a quantity of -1
// reaches the domain), so that the domain's own rejections are what the scenario sees.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "app/app.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/money.h"
#include "core/sha256.h"
#include "journal/journal.h"

namespace o2c::scenario {
namespace {

// Percentages are read as plain two-decimal numbers (out-of-range values included, so that
// the domain rejects them); "XXX" is ISO 4217's code for "no currency".
constexpr Currency kTwoDecimals{{'X', 'X', 'X'}, 2};
constexpr std::size_t kBatchCopiesMax = 100'000;

Error syntax_error(std::string message) {
  return invalid_argument("scenario_syntax", std::move(message));
}

// One line of a scenario, split into words ("quoted text" is one word, a word starting
// with '#' starts a comment) and at the "->" into the command and its expected outcome.
struct Line {
  int number = 0;
  std::string text;
  std::vector<std::string> words;
  bool has_expectation = false;
  std::vector<std::string> expected;
};

Result<Line> split_line(int number, std::string_view text) {
  Line line;
  line.number = number;
  std::vector<std::string>* target = &line.words;
  std::size_t at = 0;
  std::size_t text_end = text.size();
  while (at < text.size()) {
    const char c = text[at];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++at;
      continue;
    }
    if (c == '#') {
      text_end = at;
      break;
    }
    if (c == '"') {
      const std::size_t close = text.find('"', at + 1);
      if (close == std::string_view::npos) return syntax_error("unterminated quoted text");
      target->emplace_back(text.substr(at + 1, close - at - 1));
      at = close + 1;
      continue;
    }
    std::size_t end = at;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end]))) ++end;
    const std::string_view word = text.substr(at, end - at);
    if (word == "->") {
      if (line.has_expectation) return syntax_error("a line has at most one '->'");
      line.has_expectation = true;
      target = &line.expected;
    } else {
      target->emplace_back(word);
    }
    at = end;
  }
  std::string_view shown = text.substr(0, text_end);
  while (!shown.empty() && std::isspace(static_cast<unsigned char>(shown.back())))
    shown.remove_suffix(1);
  while (!shown.empty() && std::isspace(static_cast<unsigned char>(shown.front())))
    shown.remove_prefix(1);
  line.text = std::string(shown);
  if (line.has_expectation && line.expected.empty()) return syntax_error("nothing after '->'");
  return line;
}

// Reads the words of a command left to right.
class Words {
 public:
  Words(const std::vector<std::string>& words, std::size_t start) : words_(words), at_(start) {}

  bool done() const { return at_ >= words_.size(); }
  std::string_view peek() const { return done() ? std::string_view{} : words_[at_]; }
  bool accept(std::string_view keyword) {
    if (done() || words_[at_] != keyword) return false;
    ++at_;
    return true;
  }
  Result<std::string> next(std::string_view what) {
    if (done()) return syntax_error("missing " + std::string(what));
    return words_[at_++];
  }
  Status expect(std::string_view keyword) {
    if (accept(keyword)) return {};
    if (done()) return syntax_error("missing '" + std::string(keyword) + "'");
    return syntax_error("expected '" + std::string(keyword) + "', found '" + words_[at_] + "'");
  }
  Status finish() const {
    if (done()) return {};
    return syntax_error("unexpected '" + words_[at_] + "'");
  }

 private:
  const std::vector<std::string>& words_;
  std::size_t at_;
};

// A parse failure in the scenario itself is a syntax error, never an expected outcome.
template <typename T>
Result<T> as_syntax(Result<T> parsed) {
  if (parsed) return parsed;
  return syntax_error(describe(parsed.error()));
}

Result<Money> money_word(Words& words, Currency currency, std::string_view what) {
  O2C_ASSIGN_OR_RETURN(std::string text, words.next(what));
  return as_syntax(parse_money(text, currency));
}

Result<Quantity> quantity_word(Words& words, std::string_view what) {
  O2C_ASSIGN_OR_RETURN(std::string text, words.next(what));
  return as_syntax(parse_quantity(text));
}

Result<BasisPoints> percent_word(Words& words, std::string_view what) {
  O2C_ASSIGN_OR_RETURN(std::string text, words.next(what));
  O2C_ASSIGN_OR_RETURN(Money value, as_syntax(parse_money(text, kTwoDecimals)));
  if (value.minor < INT32_MIN || value.minor > INT32_MAX)
    return syntax_error("percentage '" + text + "' is out of range");
  return BasisPoints{static_cast<std::int32_t>(value.minor)};
}

Result<Date> date_word(Words& words, std::string_view what) {
  O2C_ASSIGN_OR_RETURN(std::string text, words.next(what));
  return as_syntax(parse_date(text));
}

Result<Currency> currency_word(Words& words) {
  O2C_ASSIGN_OR_RETURN(std::string text, words.next("currency code"));
  return as_syntax(currency_from_code(text));
}

Result<std::int64_t> integer_word(Words& words, std::string_view what) {
  O2C_ASSIGN_OR_RETURN(std::string text, words.next(what));
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size())
    return syntax_error(std::string(what) + " '" + text + "' is not a whole number");
  return value;
}

bool looks_like_currency(std::string_view word) {
  return word.size() == 3 &&
         std::all_of(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// "SO-2026-000042" → ("SO-2026", 42); nullopt when the number is not of that shape.
std::optional<std::pair<std::string, std::int64_t>> split_document_number(std::string_view text) {
  const std::size_t dash = text.rfind('-');
  if (dash == std::string_view::npos || dash + 7 != text.size()) return std::nullopt;
  std::int64_t sequence = 0;
  const auto [end, error] =
      std::from_chars(text.data() + dash + 1, text.data() + text.size(), sequence);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return std::make_pair(std::string(text.substr(0, dash)), sequence);
}

// A command of a batch, repeated `copies` times; `verb_at` indexes its verb in the line.
struct BatchItem {
  const Line* line = nullptr;
  std::size_t verb_at = 0;
  std::size_t copies = 1;
};

struct ExpectedError {
  std::string reason;
  std::string where;
};

// The database file opened directly with the SQLite C API, for tampering.
class RawDatabase {
 public:
  RawDatabase() = default;
  RawDatabase(const RawDatabase&) = delete;
  RawDatabase& operator=(const RawDatabase&) = delete;
  ~RawDatabase() { sqlite3_close(db_); }

  Status open(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
      return failure("open");
    sqlite3_busy_timeout(db_, 5000);
    return {};
  }

  // Runs `sql` with text parameters; it must change exactly one row of journal entry
  // `sequence`.
  Status change_one(const char* sql, const std::vector<std::string>& parameters,
                    std::int64_t sequence) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &statement, nullptr) != SQLITE_OK) return failure(sql);
    for (std::size_t i = 0; i < parameters.size(); ++i)
      sqlite3_bind_text(statement, static_cast<int>(i) + 1, parameters[i].c_str(), -1,
                        SQLITE_TRANSIENT);
    const int rc = sqlite3_step(statement);
    sqlite3_finalize(statement);
    if (rc != SQLITE_DONE) return failure(sql);
    if (sqlite3_changes(db_) != 1)
      return syntax_error("there is no journal entry " + std::to_string(sequence) +
                          " to tamper with");
    return {};
  }

  // The text of `columns` columns of the one row `sql` selects with `parameter`.
  Result<std::vector<std::string>> select_one(const char* sql, const std::string& parameter,
                                              int columns) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &statement, nullptr) != SQLITE_OK) return failure(sql);
    sqlite3_bind_text(statement, 1, parameter.c_str(), -1, SQLITE_TRANSIENT);
    std::vector<std::string> row;
    if (sqlite3_step(statement) == SQLITE_ROW) {
      for (int i = 0; i < columns; ++i) {
        const unsigned char* text = sqlite3_column_text(statement, i);
        row.emplace_back(text == nullptr ? "" : reinterpret_cast<const char*>(text));
      }
    }
    sqlite3_finalize(statement);
    if (row.empty())
      return syntax_error("there is no journal entry " + parameter + " to tamper with");
    return row;
  }

 private:
  Error failure(std::string_view what) const {
    return internal_error(
        "tamper_failed",
        std::string(what) + ": " + (db_ == nullptr ? "out of memory" : sqlite3_errmsg(db_)));
  }

  sqlite3* db_ = nullptr;
};

Result<Sha256Digest> digest_from_hex(std::string_view hex) {
  Sha256Digest digest{};
  if (hex.size() != digest.size() * 2) return syntax_error("a stored hash is not 64 hex digits");
  for (std::size_t i = 0; i < digest.size(); ++i) {
    unsigned value = 0;
    const auto [end, error] =
        std::from_chars(hex.data() + 2 * i, hex.data() + 2 * i + 2, value, 16);
    if (error != std::errc{} || end != hex.data() + 2 * i + 2)
      return syntax_error("a stored hash is not 64 hex digits");
    digest[i] = static_cast<std::uint8_t>(value);
  }
  return digest;
}

class Runner {
 public:
  Runner(std::string file, std::string database_path)
      : file_(std::move(file)), database_path_(std::move(database_path)) {}

  Status open() {
    O2C_ASSIGN_OR_RETURN(store_, app::create_database(database_path_, "EUR"));
    O2C_ASSIGN_OR_RETURN(company_currency_, currency_from_code("EUR"));
    context_ = std::make_unique<app::Context>(app::Context{*store_, clock_, "scenario"});
    return {};
  }

  void close() {
    context_.reset();
    store_.reset();
  }

  int failures() const { return failures_; }
  int checks() const { return checks_; }

  void fail(const Line& line, const std::string& message) {
    ++failures_;
    std::cout << file_ << ":" << line.number << ": " << message << "\n    in: " << line.text
              << "\n";
  }

  void run(const std::vector<Line>& lines) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const Line& line = lines[i];
      if (line.words.size() == 2 && line.words[0] == "when" && line.words[1] == "batch") {
        std::size_t end = i + 1;
        while (end < lines.size() &&
               !(lines[end].words.size() == 1 && lines[end].words[0] == "end"))
          ++end;
        if (end == lines.size()) {
          fail(line, "scenario_syntax: 'when batch' without its 'end'");
          return;
        }
        report(line, run_batch_block(line, std::span(lines).subspan(i + 1, end - i - 1)));
        i = end;
        continue;
      }
      report(line, run_line(line));
    }
  }

 private:
  void report(const Line& line, const Status& status) {
    if (!status) fail(line, status.error().reason + ": " + describe(status.error()));
  }

  // ---- comparing -------------------------------------------------------------------------

  void compare(const Line& line, const std::string& subject, const std::string& expected,
               const std::string& actual) {
    ++checks_;
    if (expected != actual) fail(line, subject + ": expected " + expected + ", got " + actual);
  }

  Status compare_money(const Line& line, Words& words, const std::string& subject, Money actual) {
    O2C_ASSIGN_OR_RETURN(Money expected, money_word(words, actual.currency, "value of " + subject));
    compare(line, subject, format_amount(expected), format_amount(actual));
    return {};
  }

  Status compare_quantity(const Line& line, Words& words, const std::string& subject,
                          Quantity actual) {
    O2C_ASSIGN_OR_RETURN(Quantity expected, quantity_word(words, "value of " + subject));
    compare(line, subject, format_quantity(expected), format_quantity(actual));
    return {};
  }

  Status compare_date(const Line& line, Words& words, const std::string& subject, Date actual) {
    O2C_ASSIGN_OR_RETURN(Date expected, date_word(words, "value of " + subject));
    compare(line, subject, format_date(expected), format_date(actual));
    return {};
  }

  Status compare_text(const Line& line, Words& words, const std::string& subject,
                      std::string_view actual) {
    O2C_ASSIGN_OR_RETURN(std::string expected, words.next("value of " + subject));
    compare(line, subject, expected, std::string(actual));
    return {};
  }

  // ---- outcomes --------------------------------------------------------------------------

  static Result<std::optional<ExpectedError>> expected_error(const Line& line) {
    if (!line.has_expectation || line.expected.front() != "error")
      return std::optional<ExpectedError>();
    Words words(line.expected, 1);
    ExpectedError expected;
    O2C_ASSIGN_OR_RETURN(expected.reason, words.next("error reason"));
    if (words.accept("at")) {
      O2C_ASSIGN_OR_RETURN(expected.where, words.next("where the error is"));
    }
    O2C_RETURN_IF_ERROR(words.finish());
    return std::optional<ExpectedError>(std::move(expected));
  }

  // Holds an action's outcome against the line's "-> error ..."; true when the action
  // succeeded as expected and the caller should go on to check its result.
  bool settle(const Line& line, const Error* error) {
    Result<std::optional<ExpectedError>> expected = expected_error(line);
    if (!expected) {
      report(line, expected.error());
      return false;
    }
    ++checks_;
    if (*expected) {
      const ExpectedError& want = **expected;
      if (error == nullptr) {
        fail(line, "expected error " + want.reason + ", got success");
        return false;
      }
      if (error->reason != want.reason) {
        fail(line, "error: expected " + want.reason + ", got " + error->reason + " (" +
                       describe(*error) + ")");
      } else if (error->where != want.where) {
        fail(line, "error place of " + want.reason + ": expected '" + want.where + "', got '" +
                       error->where + "'");
      }
      return false;
    }
    if (error != nullptr) {
      fail(line, "expected success, got error " + error->reason + ": " + describe(*error));
      return false;
    }
    return true;
  }

  template <typename T>
  bool settle(const Line& line, const Result<T>& result) {
    return settle(line, result ? nullptr : &result.error());
  }

  // For actions whose success has no result to check: "-> ok" or nothing.
  Status expect_plain_success(const Line& line) {
    if (!line.has_expectation || line.expected.front() == "error") return {};
    if (line.expected.size() == 1 && line.expected.front() == "ok") return {};
    return syntax_error("this action's outcome is '-> ok' or '-> error <reason> [at <where>]'");
  }

  // ---- dispatch --------------------------------------------------------------------------

  Status run_line(const Line& line) {
    Words words(line.words, 0);
    O2C_ASSIGN_OR_RETURN(std::string keyword, words.next("given, when, then or repeat"));
    if (keyword == "repeat") {
      O2C_ASSIGN_OR_RETURN(std::int64_t copies, integer_word(words, "repeat count"));
      if (copies < 1 || copies > static_cast<std::int64_t>(kBatchCopiesMax))
        return syntax_error("repeat count must be 1.." + std::to_string(kBatchCopiesMax));
      O2C_ASSIGN_OR_RETURN(std::string inner, words.next("given or when"));
      if (inner != "given" && inner != "when")
        return syntax_error("only 'given' and 'when' lines repeat");
      const BatchItem item{&line, 3, static_cast<std::size_t>(copies)};
      return run_batch(std::span(&item, 1));
    }
    if (keyword == "given" || keyword == "when") {
      const BatchItem item{&line, 1, 1};
      return run_batch(std::span(&item, 1));
    }
    if (keyword == "then") {
      if (line.has_expectation) return syntax_error("'then' lines check; they take no '->'");
      return run_then(line, words);
    }
    return syntax_error("a line starts with given, when, then or repeat, not '" + keyword + "'");
  }

  // "when batch" … "end": the commands go to the writer together (one group commit).
  Status run_batch_block(const Line& opening, std::span<const Line> body) {
    if (opening.has_expectation) return syntax_error("'when batch' takes no '->'");
    std::vector<BatchItem> items;
    for (const Line& line : body) {
      Words words(line.words, 0);
      BatchItem item{&line, 0, 1};
      if (words.accept("repeat")) {
        Result<std::int64_t> copies = integer_word(words, "repeat count");
        if (!copies || *copies < 1 || *copies > static_cast<std::int64_t>(kBatchCopiesMax)) {
          fail(line, "scenario_syntax: repeat count must be 1.." + std::to_string(kBatchCopiesMax));
          return {};
        }
        item.copies = static_cast<std::size_t>(*copies);
        item.verb_at = 2;
      }
      items.push_back(item);
    }
    if (items.empty()) return syntax_error("an empty batch");
    const std::string& verb = items.front().line->words.at(items.front().verb_at);
    for (const BatchItem& item : items) {
      if (item.verb_at >= item.line->words.size() || item.line->words[item.verb_at] != verb)
        return syntax_error("a batch holds commands of one kind ('" + verb + "')");
    }
    return run_batch(items);
  }

  Status run_batch(std::span<const BatchItem> items) {
    const Line& first = *items.front().line;
    if (items.front().verb_at >= first.words.size()) return syntax_error("missing action");
    const std::string& verb = first.words[items.front().verb_at];
    if (verb == "order") return run_orders(items);
    if (verb == "ship") return run_shipments(items);
    if (verb == "pay") return run_payments(items);
    for (const BatchItem& item : items) {
      for (std::size_t copy = 0; copy < item.copies; ++copy) {
        report(*item.line, run_action(*item.line, verb, Words(item.line->words, item.verb_at + 1)));
      }
    }
    return {};
  }

  Status run_action(const Line& line, const std::string& verb, Words words) {
    if (verb == "date") return when_date(line, words);
    if (verb == "tax") return given_tax(line, words);
    if (verb == "warehouse") return given_warehouse(line, words);
    if (verb == "customer") return given_customer(line, words);
    if (verb == "product") return given_product(line, words);
    if (verb == "stock" || verb == "receive") return when_receive(line, words);
    if (verb == "expect") return when_expect(line, words);
    if (verb == "allocate") return when_allocate(line, words);
    if (verb == "release") return when_release(line, words);
    if (verb == "reject") return when_reject(line, words);
    if (verb == "import") return when_import(line, words);
    if (verb == "config") return when_config(line, words);
    if (verb == "approve" || verb == "decline") return when_decide(line, words, verb == "approve");
    if (verb == "amend") return when_amend(line, words);
    if (verb == "cancel") return when_cancel(line, words);
    if (verb == "hold") return when_hold(line, words);
    if (verb == "unhold") return when_unhold(line, words);
    if (verb == "tamper") return when_tamper(line, words);
    if (verb == "pick") return when_pick(line, words);
    if (verb == "pack" || verb == "deliver") return when_shipment_step(line, words, verb);
    if (verb == "dispatch") return when_dispatch(line, words);
    if (verb == "cancel_shipment") return when_cancel_shipment(line, words);
    if (verb == "return") return when_return(line, words);
    if (verb == "receive_return") return when_receive_return(line, words);
    if (verb == "reorder_point") return when_reorder_point(line, words);
    if (verb == "bill") return when_bill(line, words);
    if (verb == "credit") return when_credit(line, words);
    if (verb == "credit_returns") return when_credit_returns(line, words);
    if (verb == "debit") return when_debit(line, words);
    if (verb == "proforma") return when_proforma(line, words);
    if (verb == "close_period" || verb == "reopen_period")
      return when_period(line, words, verb == "close_period");
    if (verb == "checkpoint") return when_checkpoint(line, words);
    if (verb == "verify_checkpoint") return when_verify_checkpoint(line, words);
    if (verb == "fx") return given_fx(line, words);
    if (verb == "apply_cash") return when_apply_cash(line, words);
    if (verb == "plan" || verb == "meter" || verb == "usage_price" || verb == "subscribe" ||
        verb == "change_plan" || verb == "cancel_subscription" || verb == "usage" ||
        verb == "bill_recurring" || verb == "recognise")
      return run_recurring_action(line, verb, words);
    if (is_credit_verb(verb)) return run_credit_action(line, verb, words);
    if (is_payments_verb(verb)) return run_payments_action(line, verb, words);
    if (is_dispute_verb(verb)) return run_dispute_action(line, verb, words);
    if (is_collections_verb(verb)) return run_collections_action(line, verb, words);
    if (is_bank_verb(verb)) return run_bank_action(line, verb, words);
    return syntax_error("unknown action '" + verb + "'");
  }

  // ---- credit management (app/credit.h) ------------------------------------------------------

  static bool is_credit_verb(const std::string& verb) {
    static const std::set<std::string> kVerbs = {"group",         "set_group",     "credit_scoring",
                                                 "score",         "review",        "credit_release",
                                                 "credit_reject", "limit_request", "limit_approve",
                                                 "limit_reject",  "dispute_row"};
    return kVerbs.contains(verb);
  }

  static bool is_credit_check(const std::string& what) {
    return what == "exposure" || what == "group_exposure" || what == "risk_class" ||
           what == "credit_hold" || what == "limit_request" || what == "credit_limit" ||
           what == "credit_holds";
  }

  // Runs `action` as `actor` ("as <name>"; empty: the scenario's actor), then back as the
  // scenario.
  template <typename Action>
  auto acting_as(const std::string& actor, Action action) {
    const std::string before = context_->actor;
    if (!actor.empty()) context_->actor = actor;
    auto result = action();
    context_->actor = before;
    return result;
  }

  Result<std::string> actor_word(Words& words) {
    if (!words.accept("as")) return context_->actor;
    return words.next("actor");
  }

  Status run_credit_action(const Line& line, const std::string& verb, Words& words) {
    if (verb == "group") return given_group(line, words);
    if (verb == "set_group") return when_set_group(line, words);
    if (verb == "credit_scoring") return when_credit_scoring(line, words);
    if (verb == "score") return when_score(line, words);
    if (verb == "review") return when_review(line, words);
    if (verb == "credit_release" || verb == "credit_reject")
      return when_credit_decision(line, words, verb == "credit_release");
    if (verb == "dispute_row") return given_dispute(line, words);
    return when_limit_request(line, verb, words);
  }

  // group CODE currency CUR credit_limit AMOUNT [name NAME]
  Status given_group(const Line& line, Words& words) {
    app::CustomerGroupRequest request;
    O2C_ASSIGN_OR_RETURN(request.code, words.next("group code"));
    request.name = "Group " + request.code;
    O2C_RETURN_IF_ERROR(words.expect("currency"));
    O2C_ASSIGN_OR_RETURN(request.currency_code, words.next("currency"));
    O2C_RETURN_IF_ERROR(words.expect("credit_limit"));
    O2C_ASSIGN_OR_RETURN(request.credit_limit, words.next("credit limit"));
    if (words.accept("name")) {
      O2C_ASSIGN_OR_RETURN(request.name, words.next("group name"));
    }
    O2C_RETURN_IF_ERROR(words.finish());
    O2C_RETURN_IF_ERROR(expect_plain_success(line));
    settle(line, app::add_customer_group(*context_, request));
    return {};
  }

  // set_group CUSTOMER GROUP
  Status when_set_group(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string customer, words.next("customer number"));
    O2C_ASSIGN_OR_RETURN(std::string group, words.next("group code"));
    O2C_RETURN_IF_ERROR(words.finish());
    O2C_RETURN_IF_ERROR(expect_plain_success(line));
    settle(line, app::set_customer_group(*context_, customer, group));
    return {};
  }

  // credit_scoring FILE|none (the TOML file beside the scenario)
  Status when_credit_scoring(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string name, words.next("TOML file or none"));
    O2C_RETURN_IF_ERROR(words.finish());
    O2C_RETURN_IF_ERROR(expect_plain_success(line));
    std::string text;
    if (name != "none") {
      const std::filesystem::path path = std::filesystem::path(file_).parent_path() / name;
      std::ifstream in(path, std::ios::binary);
      if (!in) return syntax_error("cannot read " + path.string());
      text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    settle(line, app::set_credit_scoring(*context_, text, name));
    return {};
  }

  // score CUSTOMER -> SCORE CLASS [FACTOR SUBSCORE]…  (on the scenario's date)
  Status when_score(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string customer, words.next("customer number"));
    O2C_RETURN_IF_ERROR(words.finish());
    O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store_->reader());
    Result<app::ScoredCustomer> scored = app::score_customer(*reader, customer, clock_.today());
    if (!settle(line, scored) || !line.has_expectation) return {};
    std::string actual = std::to_string(scored->score.score) + " " +
                         std::string(wire_name(scored->score.risk_class));
    // Factors named after the class are compared by their subscores.
    for (std::size_t i = 2; i < line.expected.size(); i += 2) {
      const FactorScore* found = nullptr;
      for (const FactorScore& factor : scored->score.factors)
        if (wire_name(factor.factor) == line.expected[i]) found = &factor;
      if (found == nullptr) return syntax_error("no score factor '" + line.expected[i] + "'");
      actual += " " + line.expected[i] + " " + std::to_string(found->subscore);
    }
    compare_outcome(line, "score of " + customer, actual);
    return {};
  }

  // review [as ACTOR] -> none | CUSTOMER:FROM:TO…  (FROM "-" when never scored)
  Status when_review(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string actor, actor_word(words));
    O2C_RETURN_IF_ERROR(words.finish());
    Result<app::ReviewOutcome> outcome =
        acting_as(actor, [&] { return app::run_credit_review(*context_, clock_.today()); });
    if (!settle(line, outcome)) return {};
    std::string actual;
    for (const app::ClassChange& change : outcome->changes) {
      actual += (actual.empty() ? "" : " ") + change.customer_number + ":" +
                (change.from ? std::string(wire_name(*change.from)) : "-") + ":" +
                std::string(wire_name(change.to));
    }
    compare_outcome(line, "class changes", actual.empty() ? "none" : actual);
    return {};
  }

  // credit_release|credit_reject ORDER reason TEXT [as ACTOR] -> ORDER STATE | error …
  Status when_credit_decision(const Line& line, Words& words, bool release) {
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("order number"));
    O2C_RETURN_IF_ERROR(words.expect("reason"));
    O2C_ASSIGN_OR_RETURN(std::string reason, words.next("reason"));
    O2C_ASSIGN_OR_RETURN(std::string actor, actor_word(words));
    O2C_RETURN_IF_ERROR(words.finish());
    return check_order_state(line, acting_as(actor, [&] {
                               return release ? app::release_credit_hold(*context_, number, reason)
                                              : app::reject_order(*context_, number, reason);
                             }));
  }

  // limit_request CUSTOMER limit AMOUNT [currency CUR] reason TEXT as ACTOR -> CLR-… pending
  // limit_approve CLR-… as ACTOR -> CLR-… approved;  limit_reject CLR-… reason TEXT as ACTOR
  Status when_limit_request(const Line& line, const std::string& verb, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string subject, words.next("customer or request number"));
    std::string limit, currency, reason;
    if (verb == "limit_request") {
      O2C_RETURN_IF_ERROR(words.expect("limit"));
      O2C_ASSIGN_OR_RETURN(limit, words.next("limit"));
      if (words.accept("currency")) {
        O2C_ASSIGN_OR_RETURN(currency, words.next("currency"));
      }
    }
    if (verb != "limit_approve") {
      O2C_RETURN_IF_ERROR(words.expect("reason"));
      O2C_ASSIGN_OR_RETURN(reason, words.next("reason"));
    }
    O2C_ASSIGN_OR_RETURN(std::string actor, actor_word(words));
    O2C_RETURN_IF_ERROR(words.finish());
    Result<CreditLimitRequest> request = acting_as(actor, [&]() -> Result<CreditLimitRequest> {
      if (verb == "limit_request")
        return app::request_credit_limit(*context_, subject, limit, currency, reason);
      if (verb == "limit_approve") return app::approve_credit_limit(*context_, subject);
      return app::reject_credit_limit(*context_, subject, reason);
    });
    if (!settle(line, request)) return {};
    compare_outcome(line, "request",
                    request->number + " " + std::string(wire_name(request->status)));
    return {};
  }

  // dispute INVOICE amount AMOUNT opened DATE [resolved DATE]: a dispute row as the disputes
  // module (migration 0013) would write it, for the credit score to read.
  Status given_dispute(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string invoice, words.next("invoice number"));
    O2C_RETURN_IF_ERROR(words.expect("amount"));
    O2C_ASSIGN_OR_RETURN(std::int64_t minor, integer_word(words, "amount in minor units"));
    O2C_RETURN_IF_ERROR(words.expect("opened"));
    O2C_ASSIGN_OR_RETURN(Date opened, date_word(words, "opening date"));
    std::string resolved;
    if (words.accept("resolved")) {
      O2C_ASSIGN_OR_RETURN(Date on, date_word(words, "resolution date"));
      resolved = format_date(on);
    }
    O2C_RETURN_IF_ERROR(words.finish());
    if (line.has_expectation) return syntax_error("'dispute' takes no '->'");
    store_->flush();
    RawDatabase db;
    O2C_RETURN_IF_ERROR(db.open(database_path_));
    return db.change_one(
        "INSERT INTO disputes(number, customer_id, invoice_id, reason, currency, amount_minor, "
        "status, opened_on, resolved_on) SELECT ?1, customer_id, id, 'pricing', currency, ?2, "
        "CASE WHEN ?4 = '' THEN 'open' ELSE 'rejected' END, ?3, NULLIF(?4, '') FROM invoices "
        "WHERE number = ?5",
        {"DSP-TEST-" + std::to_string(line.number), std::to_string(minor), format_date(opened),
         resolved, invoice},
        0);
  }

  Status then_credit(const Line& line, const std::string& what, Words& words, StoreReader& reader) {
    if (what == "group_exposure") return then_group_exposure(line, words, reader);
    if (what == "credit_hold") return then_credit_hold(line, words, reader);
    if (what == "credit_holds") {
      O2C_ASSIGN_OR_RETURN(std::vector<app::CreditHoldRow> rows,
                           app::credit_hold_queue(reader, clock_.today()));
      return compare_text(line, words, "orders on credit hold", std::to_string(rows.size()));
    }
    if (what == "limit_request") return then_limit_request(line, words, reader);
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("customer number"));
    O2C_ASSIGN_OR_RETURN(app::CustomerExposure exposure, app::customer_exposure(reader, number));
    const std::string subject = what + " of " + number + " ";
    if (what == "risk_class")
      return compare_text(line, words, subject,
                          exposure.risk_class ? wire_name(*exposure.risk_class) : "none");
    if (what == "credit_limit")
      return compare_money(line, words, subject, exposure.customer.credit_limit);
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("exposure field"));
      const ExposureParts& parts = exposure.parts;
      if (field == "receivables") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, parts.open_receivables));
      } else if (field == "unshipped") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, parts.unshipped_orders));
      } else if (field == "shipped_not_invoiced") {
        O2C_RETURN_IF_ERROR(
            compare_money(line, words, subject + field, parts.shipped_not_invoiced));
      } else if (field == "unapplied") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, parts.unapplied_cash));
      } else if (field == "total") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, exposure.total));
      } else if (field == "utilisation") {
        O2C_RETURN_IF_ERROR(
            compare_text(line, words, subject + field,
                         exposure.utilisation ? format_percent(*exposure.utilisation) : "none"));
      } else {
        return syntax_error("exposure has no field '" + field + "'");
      }
    }
    return {};
  }

  // group_exposure GROUP total AMOUNT [utilisation PERCENT] [members N]
  Status then_group_exposure(const Line& line, Words& words, StoreReader& reader) {
    O2C_ASSIGN_OR_RETURN(std::string code, words.next("group code"));
    O2C_ASSIGN_OR_RETURN(app::GroupExposure report, app::group_exposure_report(reader, code));
    const std::string subject = "group " + code + " ";
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("group field"));
      if (field == "total") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, report.total));
      } else if (field == "utilisation") {
        O2C_RETURN_IF_ERROR(
            compare_text(line, words, subject + field,
                         report.utilisation ? format_percent(*report.utilisation) : "none"));
      } else if (field == "members") {
        O2C_RETURN_IF_ERROR(
            compare_text(line, words, subject + field, std::to_string(report.members.size())));
      } else {
        return syntax_error("a group has no field '" + field + "'");
      }
    }
    return {};
  }

  // credit_hold ORDER reason WIRE_NAME [days N]
  Status then_credit_hold(const Line& line, Words& words, StoreReader& reader) {
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("order number"));
    O2C_ASSIGN_OR_RETURN(std::vector<app::CreditHoldRow> rows,
                         app::credit_hold_queue(reader, clock_.today()));
    const app::CreditHoldRow* found = nullptr;
    for (const app::CreditHoldRow& row : rows)
      if (row.order.number == number) found = &row;
    if (found == nullptr) {
      fail(line, "order " + number + ": expected on credit hold, is not in the queue");
      return {};
    }
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("credit hold field"));
      if (field == "reason") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, "hold reason of " + number, found->reason));
      } else if (field == "days") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, "days on hold of " + number,
                                         std::to_string(found->days_on_hold)));
      } else {
        return syntax_error("a credit hold has no field '" + field + "'");
      }
    }
    return {};
  }

  // limit_request CLR-… status S [by ACTOR] [decided_by ACTOR|-]
  Status then_limit_request(const Line& line, Words& words, StoreReader& reader) {
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("request number"));
    O2C_ASSIGN_OR_RETURN(std::optional<CreditLimitRequest> request,
                         reader.find_credit_limit_request(number));
    if (!request) {
      fail(line, "credit-limit request " + number + ": expected to exist");
      return {};
    }
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("request field"));
      if (field == "status") {
        O2C_RETURN_IF_ERROR(
            compare_text(line, words, number + " status", wire_name(request->status)));
      } else if (field == "by") {
        O2C_RETURN_IF_ERROR(
            compare_text(line, words, number + " requested by", request->requested_by));
      } else if (field == "decided_by") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, number + " decided by",
                                         request->decided_by.empty() ? "-" : request->decided_by));
      } else {
        return syntax_error("a credit-limit request has no field '" + field + "'");
      }
    }
    return {};
  }

  // ---- recurring billing (app/recurring.h) ------------------------------------------------

  // "-> WORDS" against `actual`, when the line expects a result (not an error).
  void compare_outcome(const Line& line, const std::string& subject, const std::string& actual) {
    if (!line.has_expectation || line.expected.front() == "error") return;
    std::string expected;
    for (const std::string& word : line.expected) expected += (expected.empty() ? "" : " ") + word;
    compare(line, subject, expected, actual);
  }

  Status run_recurring_action(const Line& line, const std::string& verb, Words& words) {
    if (verb == "plan") return given_plan(line, words);
    if (verb == "meter") return given_meter(line, words);
    if (verb == "usage_price") return given_usage_price(line, words);
    if (verb == "subscribe") return when_subscribe(line, words);
    if (verb == "change_plan" || verb == "cancel_subscription")
      return when_subscription_change(line, verb, words);
    if (verb == "usage") return when_usage(line, words);
    if (verb == "bill_recurring") return when_bill_recurring(line, words);
    return when_recognise(line, words);
  }

  // plan CODE price AMOUNT CUR [period P] [billing advance|arrears] [trial DAYS] [tax CAT]
  Status given_plan(const Line& line, Words& words) {
    app::PlanRequest request;
    O2C_ASSIGN_OR_RETURN(request.code, words.next("plan code"));
    request.name = request.code;
    O2C_RETURN_IF_ERROR(words.expect("price"));
    O2C_ASSIGN_OR_RETURN(std::string amount, words.next("price"));
    O2C_ASSIGN_OR_RETURN(std::string code, words.next("currency"));
    O2C_ASSIGN_OR_RETURN(Currency currency, as_syntax(currency_from_code(code)));
    O2C_ASSIGN_OR_RETURN(request.price, as_syntax(parse_money(amount, currency)));
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("plan field"));
      O2C_ASSIGN_OR_RETURN(std::string value, words.next("value of " + field));
      if (field == "period") {
        O2C_ASSIGN_OR_RETURN(request.period, as_syntax(parse_billing_period(value)));
      } else if (field == "billing") {
        O2C_ASSIGN_OR_RETURN(request.timing, as_syntax(parse_billing_timing(value)));
      } else if (field == "trial") {
        request.trial_days = std::stoi(value);
      } else if (field == "tax") {
        request.tax_category = value;
      } else {
        return syntax_error("unknown plan field '" + field + "'");
      }
    }
    O2C_RETURN_IF_ERROR(expect_plain_success(line));
    settle(line, app::add_plan(*context_, request));
    return {};
  }

  // meter NAME unit UNIT aggregation sum|max|unique_count
  Status given_meter(const Line& line, Words& words) {
    Meter meter;
    O2C_ASSIGN_OR_RETURN(meter.name, words.next("meter name"));
    O2C_RETURN_IF_ERROR(words.expect("unit"));
    O2C_ASSIGN_OR_RETURN(meter.unit, words.next("unit"));
    O2C_RETURN_IF_ERROR(words.expect("aggregation"));
    O2C_ASSIGN_OR_RETURN(std::string aggregation, words.next("aggregation"));
    O2C_ASSIGN_OR_RETURN(meter.aggregation, as_syntax(parse_usage_aggregation(aggregation)));
    O2C_RETURN_IF_ERROR(words.finish());
    O2C_RETURN_IF_ERROR(expect_plain_success(line));
    settle(line, app::add_meter(*context_, meter));
    return {};
  }

  // usage_price PLAN meter METER tiered|volume TIERS | package UNITS:PRICE [minimum AMOUNT]
  Status given_usage_price(const Line& line, Words& words) {
    app::UsagePriceRequest request;
    O2C_ASSIGN_OR_RETURN(request.plan_code, words.next("plan code"));
    O2C_RETURN_IF_ERROR(words.expect("meter"));
    O2C_ASSIGN_OR_RETURN(request.meter_name, words.next("meter name"));
    O2C_ASSIGN_OR_RETURN(std::string model, words.next("tiered, volume or package"));
    O2C_ASSIGN_OR_RETURN(request.model, as_syntax(parse_usage_pricing_model(model)));
    O2C_ASSIGN_OR_RETURN(std::string rule, words.next("tiers or package"));
    (request.model == UsagePricingModel::kPackage ? request.package : request.tiers) = rule;
    if (words.accept("minimum")) {
      O2C_ASSIGN_OR_RETURN(request.minimum, words.next("minimum"));
    }
    O2C_RETURN_IF_ERROR(words.finish());
    O2C_RETURN_IF_ERROR(expect_plain_success(line));
    settle(line, app::set_usage_price(*context_, request));
    return {};
  }

  // subscribe CUSTOMER plan PLAN [start DATE] -> SUB-… STATE
  Status when_subscribe(const Line& line, Words& words) {
    app::SubscriptionRequest request;
    O2C_ASSIGN_OR_RETURN(request.customer_number, words.next("customer number"));
    O2C_RETURN_IF_ERROR(words.expect("plan"));
    O2C_ASSIGN_OR_RETURN(request.plan_code, words.next("plan code"));
    request.start = clock_.today();
    if (words.accept("start")) {
      O2C_ASSIGN_OR_RETURN(request.start, date_word(words, "start"));
    }
    O2C_RETURN_IF_ERROR(words.finish());
    Result<Subscription> started = app::start_subscription(*context_, request);
    if (!settle(line, started)) return {};
    compare_outcome(line, "subscription",
                    started->number + " " + std::string(wire_name(started->state)));
    return {};
  }

  // change_plan SUB plan PLAN -> INV-… | none
  // cancel_subscription SUB immediately|period_end -> INV-… | none
  Status when_subscription_change(const Line& line, const std::string& verb, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("subscription number"));
    Result<app::SubscriptionOutcome> outcome = internal_error("unset", "unset");
    if (verb == "change_plan") {
      O2C_RETURN_IF_ERROR(words.expect("plan"));
      O2C_ASSIGN_OR_RETURN(std::string plan, words.next("plan code"));
      O2C_RETURN_IF_ERROR(words.finish());
      outcome = app::change_subscription(*context_, number, plan, clock_.today());
    } else {
      O2C_ASSIGN_OR_RETURN(std::string timing, words.next("immediately or period_end"));
      if (timing != "immediately" && timing != "period_end")
        return syntax_error("cancel_subscription takes immediately or period_end");
      O2C_RETURN_IF_ERROR(words.finish());
      outcome = app::cancel_subscription(*context_, number,
                                         timing == "immediately" ? app::CancelTiming::kImmediately
                                                                 : app::CancelTiming::kAtPeriodEnd,
                                         clock_.today());
    }
    if (!settle(line, outcome)) return {};
    compare_outcome(line, verb,
                    outcome->invoice  ? outcome->invoice->number
                    : outcome->credit ? outcome->credit->number + " credit " +
                                            format_money(outcome->credit->lines.gross_total)
                                      : "none");
    return {};
  }

  // usage CUSTOMER METER QUANTITY at TIME key KEY [subject S] -> recorded | duplicate
  Status when_usage(const Line& line, Words& words) {
    app::UsageRequest request;
    O2C_ASSIGN_OR_RETURN(request.customer_number, words.next("customer number"));
    O2C_ASSIGN_OR_RETURN(request.meter_name, words.next("meter name"));
    O2C_ASSIGN_OR_RETURN(request.quantity, quantity_word(words, "quantity"));
    O2C_RETURN_IF_ERROR(words.expect("at"));
    O2C_ASSIGN_OR_RETURN(std::string at, words.next("time"));
    O2C_ASSIGN_OR_RETURN(request.at, as_syntax(parse_usage_timestamp(at)));
    O2C_RETURN_IF_ERROR(words.expect("key"));
    O2C_ASSIGN_OR_RETURN(request.idempotency_key, words.next("idempotency key"));
    if (words.accept("subject")) {
      O2C_ASSIGN_OR_RETURN(request.subject, words.next("subject"));
    }
    O2C_RETURN_IF_ERROR(words.finish());
    std::vector<Result<app::UsageRecorded>> recorded =
        app::record_usage(*context_, std::span(&request, 1));
    if (!settle(line, recorded.front())) return {};
    compare_outcome(line, "usage",
                    *recorded.front() == app::UsageRecorded::kRecorded ? "recorded" : "duplicate");
    return {};
  }

  // bill_recurring -> invoices N [INV-… …]  (the run on the scenario's date)
  Status when_bill_recurring(const Line& line, Words& words) {
    O2C_RETURN_IF_ERROR(words.finish());
    Result<app::RecurringBillingReport> report =
        app::run_recurring_billing(*context_, clock_.today());
    if (!settle(line, report)) return {};
    for (const auto& [number, error] : report->failures)
      fail(line, number + ": " + error.reason + ": " + describe(error));
    std::string actual = "invoices " + std::to_string(report->invoices.size());
    for (const Invoice& invoice : report->invoices) actual += " " + invoice.number;
    compare_outcome(line, "billing run", actual);
    return {};
  }

  // recognise YYYY-MM -> rows N [AMOUNT CUR …]
  Status when_recognise(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string text, words.next("month"));
    O2C_ASSIGN_OR_RETURN(std::chrono::year_month month, as_syntax(parse_month(text)));
    O2C_RETURN_IF_ERROR(words.finish());
    Result<app::RecognitionReport> report = app::recognise_revenue(*context_, month);
    if (!settle(line, report)) return {};
    std::string actual = "rows " + std::to_string(report->rows);
    for (const Money& amount : report->recognised) actual += " " + format_money(amount);
    compare_outcome(line, "recognition", actual);
    return {};
  }

  // then subscription SUB [state S] [plan P] [billed_through D] [usage_billed_through D]
  //   [ends D|none] — dates exclusive, as stored; state as of the scenario's date.
  Status then_subscription(const Line& line, Words& words, StoreReader& reader) {
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("subscription number"));
    O2C_ASSIGN_OR_RETURN(std::optional<Subscription> found, reader.find_subscription(number));
    if (!found) {
      fail(line, "subscription " + number + ": expected to exist, got no such subscription");
      return {};
    }
    const std::string subject = "subscription " + number + " ";
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      if (field == "state") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field,
                                         wire_name(subscription_state(*found, clock_.today()))));
      } else if (field == "plan") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, found->plan_code));
      } else if (field == "billed_through") {
        O2C_RETURN_IF_ERROR(compare_date(line, words, subject + field, found->billed_through));
      } else if (field == "usage_billed_through") {
        O2C_RETURN_IF_ERROR(
            compare_date(line, words, subject + field, found->usage_billed_through));
      } else if (field == "ends") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field,
                                         found->end ? format_date(*found->end) : "none"));
      } else {
        return syntax_error("unknown subscription field '" + field + "'");
      }
    }
    return {};
  }

  // ---- disputes, deductions, write-offs, promises to pay (app/disputes.h) -----------------

  static bool is_dispute_verb(const std::string& verb) {
    return verb == "dispute_routing" || verb == "writeoff_limit" || verb == "dispute" ||
           verb == "deduction" || verb == "assign_dispute" || verb == "resolve" ||
           verb == "write_off" || verb == "writeoff_request" || verb == "writeoff_approve" ||
           verb == "writeoff_reject" || verb == "promise" || verb == "promise_check";
  }

  static bool is_dispute_check(const std::string& what) {
    return what == "dispute" || what == "disputes" || what == "write_off" || what == "promise";
  }

  // Reads an optional trailing "as USER".
  Result<std::string> as_word(Words& words) {
    if (!words.accept("as")) return std::string();
    return words.next("who acts");
  }

  Status run_dispute_action(const Line& line, const std::string& verb, Words& words) {
    if (verb == "dispute_routing") return given_dispute_routing(line, words);
    if (verb == "writeoff_limit") return given_write_off_limit(line, words);
    if (verb == "dispute") return when_dispute(line, words);
    if (verb == "deduction") return when_deduction(line, words);
    if (verb == "assign_dispute") return when_assign_dispute(line, words);
    if (verb == "resolve") return when_resolve(line, words);
    if (verb == "write_off") return when_write_off(line, words);
    if (verb == "writeoff_request") return when_writeoff_request(line, words);
    if (verb == "writeoff_approve" || verb == "writeoff_reject")
      return when_writeoff_decision(line, words, verb == "writeoff_approve");
    if (verb == "promise") return when_promise(line, words);
    return when_promise_check(line, words);
  }

  // dispute_routing FILE (relative to the scenario's folder)
  Status given_dispute_routing(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string name, words.next("TOML file"));
    O2C_RETURN_IF_ERROR(words.finish());
    const std::filesystem::path path = std::filesystem::path(file_).parent_path() / name;
    std::ifstream in(path, std::ios::binary);
    if (!in) return syntax_error("cannot read " + path.string());
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    O2C_RETURN_IF_ERROR(expect_plain_success(line));
    settle(line, app::set_dispute_routing(*context_, text, name));
    return {};
  }

  // writeoff_limit <amount>: the small-balance limit cash application writes off up to.
  Status given_write_off_limit(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string amount, words.next("amount"));
    O2C_RETURN_IF_ERROR(words.finish());
    O2C_RETURN_IF_ERROR(expect_plain_success(line));
    settle(line, app::set_write_off_limit(*context_, amount));
    return {};
  }

  static std::string dispute_outcome(const Dispute& dispute) {
    return dispute.number + " " + format_amount(dispute.amount) + " " +
           (dispute.owner.empty() ? "-" : dispute.owner);
  }

  // dispute INV [line N] reason R [amount X] [description "…"] [as USER] -> DSP-… AMOUNT OWNER
  Status when_dispute(const Line& line, Words& words) {
    app::DisputeRequest request;
    O2C_ASSIGN_OR_RETURN(request.invoice_number, words.next("invoice number"));
    if (words.accept("line")) {
      O2C_ASSIGN_OR_RETURN(std::int64_t line_no, integer_word(words, "line"));
      request.line_no = static_cast<int>(line_no);
    }
    O2C_RETURN_IF_ERROR(words.expect("reason"));
    O2C_ASSIGN_OR_RETURN(request.reason, words.next("reason"));
    if (words.accept("amount")) {
      O2C_ASSIGN_OR_RETURN(request.amount, words.next("amount"));
    }
    if (words.accept("description")) {
      O2C_ASSIGN_OR_RETURN(request.description, words.next("description"));
    }
    O2C_ASSIGN_OR_RETURN(std::string as, as_word(words));
    O2C_RETURN_IF_ERROR(words.finish());
    Result<Dispute> opened = acting_as(as, [&] { return app::open_dispute(*context_, request); });
    if (!settle(line, opened)) return {};
    compare_outcome(line, "dispute", dispute_outcome(*opened));
    return {};
  }

  // The currency of an invoice, EUR when there is no such invoice (the use case says so).
  Result<Currency> invoice_currency(const std::string& number) {
    O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store_->reader());
    O2C_ASSIGN_OR_RETURN(std::optional<Invoice> invoice, reader->find_invoice(number));
    if (invoice) return invoice->currency;
    return currency_from_code("EUR");
  }

  // deduction PAY INV amount X [reason R] -> DSP-… AMOUNT OWNER
  Status when_deduction(const Line& line, Words& words) {
    app::DeductionRequest request;
    O2C_ASSIGN_OR_RETURN(request.payment_number, words.next("payment number"));
    O2C_ASSIGN_OR_RETURN(request.invoice_number, words.next("invoice number"));
    O2C_ASSIGN_OR_RETURN(Currency currency, invoice_currency(request.invoice_number));
    O2C_RETURN_IF_ERROR(words.expect("amount"));
    O2C_ASSIGN_OR_RETURN(request.amount, money_word(words, currency, "amount"));
    if (words.accept("reason")) {
      O2C_ASSIGN_OR_RETURN(std::string reason, words.next("reason"));
      O2C_ASSIGN_OR_RETURN(request.reason, as_syntax(dispute_reason_from_wire(reason, "reason")));
    }
    O2C_RETURN_IF_ERROR(words.finish());
    Result<Dispute> opened = app::open_deduction(*context_, request);
    if (!settle(line, opened)) return {};
    compare_outcome(line, "deduction", dispute_outcome(*opened));
    return {};
  }

  // assign_dispute DSP owner X -> OWNER
  Status when_assign_dispute(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("dispute number"));
    O2C_RETURN_IF_ERROR(words.expect("owner"));
    O2C_ASSIGN_OR_RETURN(std::string owner, words.next("owner"));
    O2C_RETURN_IF_ERROR(words.finish());
    Result<Dispute> assigned = app::assign_dispute(*context_, number, owner);
    if (!settle(line, assigned)) return {};
    compare_outcome(line, "owner", assigned->owner);
    return {};
  }

  // resolve DSP credit_note|write_off|reject [note "…"] [as USER]
  //   -> credited CN-… GROSS | written_off WO-… AMOUNT | rejected
  Status when_resolve(const Line& line, Words& words) {
    app::ResolveDisputeRequest request;
    O2C_ASSIGN_OR_RETURN(request.dispute_number, words.next("dispute number"));
    O2C_ASSIGN_OR_RETURN(std::string how, words.next("credit_note, write_off or reject"));
    if (how == "credit_note") {
      request.resolution = app::DisputeResolution::kCreditNote;
    } else if (how == "write_off") {
      request.resolution = app::DisputeResolution::kWriteOff;
    } else if (how == "reject") {
      request.resolution = app::DisputeResolution::kReject;
    } else {
      return syntax_error("resolve takes credit_note, write_off or reject, not '" + how + "'");
    }
    if (words.accept("note")) {
      O2C_ASSIGN_OR_RETURN(request.note, words.next("note"));
    }
    O2C_ASSIGN_OR_RETURN(std::string as, as_word(words));
    O2C_RETURN_IF_ERROR(words.finish());
    Result<app::ResolvedDispute> resolved =
        acting_as(as, [&] { return app::resolve_dispute(*context_, request); });
    if (!settle(line, resolved)) return {};
    std::string actual(wire_name(resolved->dispute.status));
    if (resolved->credit_note)
      actual += " " + resolved->credit_note->number + " " +
                format_amount(resolved->credit_note->gross_total);
    if (resolved->write_off)
      actual +=
          " " + resolved->write_off->number + " " + format_amount(resolved->write_off->amount);
    compare_outcome(line, "resolution", actual);
    return {};
  }

  // write_off INV [amount X] kind small_balance|dispute|bad_debt reason "…" -> WO-… AMOUNT
  // (write_off_invoice at once, as cash application calls it, on the clock's date)
  Status when_write_off(const Line& line, Words& words) {
    app::WriteOffInput input;
    O2C_ASSIGN_OR_RETURN(input.invoice_number, words.next("invoice number"));
    O2C_ASSIGN_OR_RETURN(Currency currency, invoice_currency(input.invoice_number));
    if (words.accept("amount")) {
      O2C_ASSIGN_OR_RETURN(input.amount, money_word(words, currency, "amount"));
    }
    O2C_RETURN_IF_ERROR(words.expect("kind"));
    O2C_ASSIGN_OR_RETURN(std::string kind, words.next("kind"));
    O2C_ASSIGN_OR_RETURN(input.kind, as_syntax(write_off_kind_from_wire(kind)));
    O2C_RETURN_IF_ERROR(words.expect("reason"));
    O2C_ASSIGN_OR_RETURN(input.reason, words.next("reason"));
    O2C_RETURN_IF_ERROR(words.finish());
    input.on = clock_.today();
    Result<WriteOff> written = context_->store.write<WriteOff>(
        [&](StoreWriter& writer) { return app::write_off_invoice(writer, *context_, input); });
    if (!settle(line, written)) return {};
    compare_outcome(line, "write-off", written->number + " " + format_amount(written->amount));
    return {};
  }

  // writeoff_request INV [amount X] reason "…" [as USER] -> WO-… AMOUNT requested
  Status when_writeoff_request(const Line& line, Words& words) {
    app::WriteOffRequest request;
    O2C_ASSIGN_OR_RETURN(request.invoice_number, words.next("invoice number"));
    if (words.accept("amount")) {
      O2C_ASSIGN_OR_RETURN(request.amount, words.next("amount"));
    }
    O2C_RETURN_IF_ERROR(words.expect("reason"));
    O2C_ASSIGN_OR_RETURN(request.reason, words.next("reason"));
    O2C_ASSIGN_OR_RETURN(std::string as, as_word(words));
    O2C_RETURN_IF_ERROR(words.finish());
    Result<WriteOff> requested =
        acting_as(as, [&] { return app::request_bad_debt_write_off(*context_, request); });
    if (!settle(line, requested)) return {};
    compare_outcome(line, "write-off",
                    requested->number + " " + format_amount(requested->amount) + " " +
                        std::string(wire_name(requested->status)));
    return {};
  }

  // writeoff_approve WO [as USER] -> posted ;  writeoff_reject WO reason "…" [as USER] -> rejected
  Status when_writeoff_decision(const Line& line, Words& words, bool approve) {
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("write-off number"));
    std::string reason;
    if (!approve && words.accept("reason")) {
      O2C_ASSIGN_OR_RETURN(reason, words.next("reason"));
    }
    O2C_ASSIGN_OR_RETURN(std::string as, as_word(words));
    O2C_RETURN_IF_ERROR(words.finish());
    Result<WriteOff> decided = acting_as(as, [&] {
      return approve ? app::approve_write_off(*context_, number)
                     : app::reject_write_off(*context_, number, reason);
    });
    if (!settle(line, decided)) return {};
    compare_outcome(line, "write-off", std::string(wire_name(decided->status)));
    return {};
  }

  // promise CUSTOMER [invoice INV] amount X by DATE [as USER] -> PTP-…
  Status when_promise(const Line& line, Words& words) {
    app::PromiseRequest request;
    O2C_ASSIGN_OR_RETURN(request.customer_number, words.next("customer number"));
    if (words.accept("invoice")) {
      O2C_ASSIGN_OR_RETURN(request.invoice_number, words.next("invoice number"));
    }
    O2C_RETURN_IF_ERROR(words.expect("amount"));
    O2C_ASSIGN_OR_RETURN(request.amount, words.next("amount"));
    O2C_RETURN_IF_ERROR(words.expect("by"));
    O2C_ASSIGN_OR_RETURN(request.by, date_word(words, "by"));
    O2C_ASSIGN_OR_RETURN(std::string as, as_word(words));
    O2C_RETURN_IF_ERROR(words.finish());
    Result<PaymentPromise> made =
        acting_as(as, [&] { return app::add_promise(*context_, request); });
    if (!settle(line, made)) return {};
    compare_outcome(line, "promise", made->number);
    return {};
  }

  static std::string promise_numbers(const std::vector<PaymentPromise>& promises) {
    if (promises.empty()) return "none";
    std::string text;
    for (const PaymentPromise& p : promises) text += (text.empty() ? "" : " ") + p.number;
    return text;
  }

  // promise_check (on the clock's date) -> kept PTP…|none broken PTP…|none open N
  Status when_promise_check(const Line& line, Words& words) {
    O2C_RETURN_IF_ERROR(words.finish());
    Result<app::PromiseCheckOutcome> checked = app::check_promises(*context_, clock_.today());
    if (!settle(line, checked)) return {};
    compare_outcome(line, "promise check",
                    "kept " + promise_numbers(checked->kept) + " broken " +
                        promise_numbers(checked->broken) + " open " +
                        std::to_string(checked->still_open.size()));
    return {};
  }

  Status run_dispute_check(const Line& line, const std::string& what, Words& words,
                           StoreReader& reader) {
    if (what == "dispute") return then_dispute(line, words, reader);
    if (what == "disputes") return then_disputes(line, words, reader);
    if (what == "write_off") return then_write_off(line, words, reader);
    return then_promise(line, words, reader);
  }

  // dispute DSP status|amount|owner|reason|origin|line|invoice|payment|age|document|by|
  // resolved_by|note
  Status then_dispute(const Line& line, Words& words, StoreReader& reader) {
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("dispute number"));
    O2C_ASSIGN_OR_RETURN(std::optional<Dispute> found, reader.find_dispute(number));
    if (!found) {
      fail(line, "dispute " + number + ": expected to exist, got no such dispute");
      return {};
    }
    const Dispute& d = *found;
    const std::string subject = "dispute " + number + " ";
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      if (field == "amount") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, d.amount));
        continue;
      }
      const std::map<std::string, std::string> fields = {
          {"status", std::string(wire_name(d.status))},
          {"owner", d.owner.empty() ? "-" : d.owner},
          {"reason", std::string(wire_name(d.reason))},
          {"origin", std::string(wire_name(d.origin))},
          {"line", d.line_no ? std::to_string(*d.line_no) : "none"},
          {"invoice", d.invoice_number},
          {"payment", d.payment_number.empty() ? "none" : d.payment_number},
          {"age", std::to_string(dispute_age_days(d, clock_.today()))},
          {"document", d.resolution_document.empty() ? "none" : d.resolution_document},
          {"by", d.opened_by},
          {"resolved_by", d.resolved_by.empty() ? "none" : d.resolved_by},
          {"note", d.note},
      };
      auto known = fields.find(field);
      if (known == fields.end()) return syntax_error("unknown dispute field '" + field + "'");
      O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, known->second));
    }
    return {};
  }

  // disputes [open] [owner X] [customer C] count N
  Status then_disputes(const Line& line, Words& words, StoreReader& reader) {
    DisputeFilter filter;
    filter.open_only = words.accept("open");
    if (words.accept("owner")) {
      O2C_ASSIGN_OR_RETURN(filter.owner, words.next("owner"));
    }
    if (words.accept("customer")) {
      O2C_ASSIGN_OR_RETURN(filter.customer_number, words.next("customer"));
    }
    O2C_RETURN_IF_ERROR(words.expect("count"));
    O2C_ASSIGN_OR_RETURN(std::vector<Dispute> found, reader.list_disputes(filter));
    O2C_RETURN_IF_ERROR(compare_text(line, words, "disputes count", std::to_string(found.size())));
    return words.finish();
  }

  // write_off WO status|amount|kind|invoice|requested_by|decided_by|dispute, or absent
  Status then_write_off(const Line& line, Words& words, StoreReader& reader) {
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("write-off number"));
    O2C_ASSIGN_OR_RETURN(std::optional<WriteOff> found, reader.find_write_off(number));
    if (words.accept("absent")) {
      compare(line, "write-off " + number, "absent", found ? "present" : "absent");
      return words.finish();
    }
    if (!found) {
      fail(line, "write-off " + number + ": expected to exist, got no such write-off");
      return {};
    }
    const WriteOff& w = *found;
    const std::string subject = "write-off " + number + " ";
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      if (field == "amount") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, w.amount));
        continue;
      }
      const std::map<std::string, std::string> fields = {
          {"status", std::string(wire_name(w.status))},
          {"kind", std::string(wire_name(w.kind))},
          {"invoice", w.invoice_number},
          {"requested_by", w.requested_by},
          {"decided_by", w.decided_by.empty() ? "none" : w.decided_by},
          {"dispute", w.dispute_number.empty() ? "none" : w.dispute_number},
      };
      auto known = fields.find(field);
      if (known == fields.end()) return syntax_error("unknown write_off field '" + field + "'");
      O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, known->second));
    }
    return {};
  }

  // promise PTP status|amount|settled|invoice|taken_by
  Status then_promise(const Line& line, Words& words, StoreReader& reader) {
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("promise number"));
    O2C_ASSIGN_OR_RETURN(std::optional<PaymentPromise> found, reader.find_promise(number));
    if (!found) {
      fail(line, "promise " + number + ": expected to exist, got no such promise");
      return {};
    }
    const PaymentPromise& p = *found;
    const std::string subject = "promise " + number + " ";
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      if (field == "amount") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, p.amount));
        continue;
      }
      const std::map<std::string, std::string> fields = {
          {"status", std::string(wire_name(p.status))},
          {"settled", p.settled_on ? format_date(*p.settled_on) : "none"},
          {"invoice", p.invoice_number.empty() ? "none" : p.invoice_number},
          {"taken_by", p.taken_by},
      };
      auto known = fields.find(field);
      if (known == fields.end()) return syntax_error("unknown promise field '" + field + "'");
      O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, known->second));
    }
    return {};
  }

  // ---- collections (app/collections.h) ------------------------------------------------------

  static bool is_collections_verb(const std::string& verb) {
    static constexpr std::string_view kVerbs[] = {"dunning_policy",    "aging_buckets",
                                                  "dunning_run",       "collector",
                                                  "assign_collectors", "collector_note"};
    return std::find(std::begin(kVerbs), std::end(kVerbs), verb) != std::end(kVerbs);
  }

  static bool is_collections_check(const std::string& what) {
    static constexpr std::string_view kChecks[] = {
        "dunning",  "dunning_letter", "aging_bucketed", "aging_drill",
        "worklist", "assignment",     "collector_kpis", "collections_kpis"};
    return std::find(std::begin(kChecks), std::end(kChecks), what) != std::end(kChecks);
  }

  Status run_collections_action(const Line& line, const std::string& verb, Words& words) {
    if (verb == "dunning_policy") return given_dunning_policy(line, words);
    if (verb == "aging_buckets") return given_aging_buckets(line, words);
    if (verb == "dunning_run") return when_dunning_run(line, words);
    if (verb == "collector") return given_collector(line, words);
    if (verb == "assign_collectors") return when_assign_collectors(line, words);
    return when_collector_note(line, words);
  }

  Status run_collections_check(const Line& line, const std::string& what, Words& words) {
    if (what == "dunning") return then_dunning(line, words);
    if (what == "dunning_letter") return then_dunning_letter(line, words);
    if (what == "aging_bucketed") return then_aging_bucketed(line, words);
    if (what == "aging_drill") return then_aging_drill(line, words);
    if (what == "worklist") return then_worklist(line, words);
    if (what == "assignment") return then_assignment(line, words);
    if (what == "collector_kpis") return then_collector_kpis(line, words);
    return then_collections_kpis(line, words);
  }

  // dunning_policy FILE.toml (relative to the scenario's folder)
  Status given_dunning_policy(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string name, words.next("TOML file"));
    O2C_RETURN_IF_ERROR(words.finish());
    const std::filesystem::path path = std::filesystem::path(file_).parent_path() / name;
    std::ifstream in(path, std::ios::binary);
    if (!in) return syntax_error("cannot read " + path.string());
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    O2C_RETURN_IF_ERROR(expect_plain_success(line));
    settle(line, app::set_dunning_policy(*context_, text, name));
    return {};
  }

  // aging_buckets 0,30,60,90
  Status given_aging_buckets(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string text, words.next("bucket bounds"));
    O2C_RETURN_IF_ERROR(words.finish());
    O2C_RETURN_IF_ERROR(expect_plain_success(line));
    settle(line, app::set_aging_buckets(*context_, text));
    return {};
  }

  // dunning_run (on the clock's date) -> <DUN-…> <customer> level <n> <INV-…>… [fee <a>]
  // [interest <a>] [debit <INV-…>] | … | skip <INV-…> <reason> … (or "none")
  Status when_dunning_run(const Line& line, Words& words) {
    O2C_RETURN_IF_ERROR(words.finish());
    Result<app::DunningRunOutcome> outcome = app::run_dunning(*context_, clock_.today());
    if (!settle(line, outcome)) return {};
    std::vector<std::string> parts;
    for (const app::DunningLetter& letter : outcome->letters) {
      std::string part =
          letter.number + " " + letter.customer_number + " level " + std::to_string(letter.level);
      for (const DunningNotice& notice : letter.notices) part += " " + notice.invoice_number;
      if (letter.fee.minor > 0) part += " fee " + format_amount(letter.fee);
      if (letter.interest.minor > 0) part += " interest " + format_amount(letter.interest);
      if (!letter.debit_note.empty()) part += " debit " + letter.debit_note;
      parts.push_back(part);
    }
    for (const app::DunningSkipped& skipped : outcome->skipped)
      parts.push_back("skip " + skipped.invoice_number + " " +
                      std::string(wire_name(skipped.reason)));
    std::string actual;
    for (const std::string& part : parts) actual += (actual.empty() ? "" : " | ") + part;
    compare_outcome(line, "dunning run", actual.empty() ? "none" : actual);
    return {};
  }

  // collector NAME [region R] [max N] [team T]
  Status given_collector(const Line& line, Words& words) {
    Collector collector;
    O2C_ASSIGN_OR_RETURN(collector.name, words.next("collector name"));
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("collector field"));
      if (field == "region") {
        O2C_ASSIGN_OR_RETURN(collector.region, words.next("region"));
      } else if (field == "team") {
        O2C_ASSIGN_OR_RETURN(collector.team, words.next("team"));
      } else if (field == "max") {
        O2C_ASSIGN_OR_RETURN(std::int64_t max, integer_word(words, "max accounts"));
        collector.max_accounts = static_cast<int>(max);
      } else {
        return syntax_error("unknown collector field '" + field + "'");
      }
    }
    O2C_RETURN_IF_ERROR(expect_plain_success(line));
    settle(line, app::add_collector(*context_, collector));
    return {};
  }

  // assign_collectors [rebalance] -> <customer> <collector|nobody> …
  Status when_assign_collectors(const Line& line, Words& words) {
    const bool rebalance = words.accept("rebalance");
    O2C_RETURN_IF_ERROR(words.finish());
    Result<std::vector<Assignment>> assigned = app::assign_collectors(*context_, rebalance);
    if (!settle(line, assigned)) return {};
    std::string actual;
    for (const Assignment& assignment : *assigned)
      actual += (actual.empty() ? "" : " ") + assignment.customer_number + " " +
                (assignment.collector.empty() ? "nobody" : assignment.collector);
    compare_outcome(line, "assignment", actual);
    return {};
  }

  // collector_note <customer> <outcome> "<text>" as <collector>
  Status when_collector_note(const Line& line, Words& words) {
    app::NoteRequest request;
    O2C_ASSIGN_OR_RETURN(request.customer_number, words.next("customer"));
    O2C_ASSIGN_OR_RETURN(request.outcome, words.next("outcome"));
    O2C_ASSIGN_OR_RETURN(request.text, words.next("note text"));
    O2C_RETURN_IF_ERROR(words.expect("as"));
    O2C_ASSIGN_OR_RETURN(request.collector, words.next("collector"));
    O2C_RETURN_IF_ERROR(words.finish());
    O2C_RETURN_IF_ERROR(expect_plain_success(line));
    settle(line, app::add_collector_note(*context_, request));
    return {};
  }

  // dunning <INV-…> level <n> letter <DUN-…> days <n> interest <a> fee <a> debit_note <INV-…>
  // (the invoice's highest level sent), or "dunning <INV-…> none".
  Status then_dunning(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string invoice, words.next("invoice number"));
    O2C_ASSIGN_OR_RETURN(std::vector<DunningNotice> notices,
                         app::list_dunning_notices(*store_, std::nullopt));
    const DunningNotice* found = nullptr;
    for (const DunningNotice& notice : notices)
      if (notice.invoice_number == invoice && (found == nullptr || notice.level > found->level))
        found = &notice;
    const std::string subject = "dunning of " + invoice + " ";
    if (words.accept("none")) {
      O2C_RETURN_IF_ERROR(words.finish());
      compare(line, subject, "none", found ? "level " + std::to_string(found->level) : "none");
      return {};
    }
    if (found == nullptr) {
      fail(line, subject + ": expected a notice, got none");
      return {};
    }
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      if (field == "level") {
        O2C_RETURN_IF_ERROR(
            compare_text(line, words, subject + field, std::to_string(found->level)));
      } else if (field == "letter") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, found->letter));
      } else if (field == "days") {
        O2C_RETURN_IF_ERROR(
            compare_text(line, words, subject + field, std::to_string(found->days_overdue)));
      } else if (field == "open") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, found->open));
      } else if (field == "interest") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, found->interest));
      } else if (field == "fee") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, found->fee));
      } else if (field == "debit_note") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field,
                                         found->debit_note.empty() ? "none" : found->debit_note));
      } else if (field == "sent") {
        O2C_RETURN_IF_ERROR(compare_date(line, words, subject + field, found->sent_on));
      } else {
        return syntax_error("unknown dunning field '" + field + "'");
      }
    }
    return {};
  }

  // dunning_letter <DUN-…> emailed yes|no to <address> attachment <file> pdf yes subject "<s>"
  Status then_dunning_letter(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string letter, words.next("letter number"));
    O2C_ASSIGN_OR_RETURN(std::vector<DunningNotice> notices,
                         app::list_dunning_notices(*store_, std::nullopt));
    std::optional<std::int64_t> outbox_id;
    bool found = false;
    for (const DunningNotice& notice : notices)
      if (notice.letter == letter) {
        found = true;
        outbox_id = notice.outbox_id;
      }
    if (!found) {
      fail(line, "dunning letter " + letter + ": expected to exist, got none");
      return {};
    }
    O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store_->reader());
    std::optional<OutboxMessage> message;
    if (outbox_id) {
      O2C_ASSIGN_OR_RETURN(message, reader->find_outbox_message(*outbox_id));
    }
    const std::string subject = "dunning letter " + letter + " ";
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      if (field == "emailed") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, message ? "yes" : "no"));
        continue;
      }
      if (!message) {
        fail(line, subject + field + ": the letter was not e-mailed");
        return {};
      }
      if (field == "to") {
        std::string to;
        for (const std::string& address : message->recipients)
          to += (to.empty() ? "" : ",") + address;
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, to));
      } else if (field == "attachment") {
        O2C_RETURN_IF_ERROR(compare_text(
            line, words, subject + field,
            message->attachments.empty() ? "none" : message->attachments.front().filename));
      } else if (field == "pdf") {
        const bool pdf = !message->attachments.empty() &&
                         message->attachments.front().content_type == "application/pdf" &&
                         message->attachments.front().bytes.starts_with("%PDF-");
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, pdf ? "yes" : "no"));
      } else if (field == "subject") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, message->subject));
      } else if (field == "body_has") {
        O2C_ASSIGN_OR_RETURN(std::string text, words.next("text the body has"));
        compare(line, subject + "body has '" + text + "'", "yes",
                message->body.find(text) != std::string::npos ? "yes" : "no");
      } else if (field == "status") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, wire_name(message->status)));
      } else {
        return syntax_error("unknown dunning_letter field '" + field + "'");
      }
    }
    return {};
  }

  Result<app::AgingView> aging_view(Words& words, Date& as_of) {
    O2C_RETURN_IF_ERROR(words.expect("as_of"));
    O2C_ASSIGN_OR_RETURN(as_of, date_word(words, "as-of date"));
    app::AgingRequest request{as_of, std::nullopt, std::nullopt, std::nullopt};
    while (words.peek() == "buckets" || words.peek() == "customer" || words.peek() == "bucket") {
      O2C_ASSIGN_OR_RETURN(std::string option, words.next("option"));
      O2C_ASSIGN_OR_RETURN(std::string value, words.next("value of " + option));
      std::replace(value.begin(), value.end(), '_', ' ');
      (option == "buckets"    ? request.buckets
       : option == "customer" ? request.customer
                              : request.bucket) = value;
    }
    return app::bucketed_aging_report(*store_, request);
  }

  // aging_bucketed <customer|TOTAL> as_of <date> [buckets 0,15,45] <bucket> <amount> … total <a>
  // (bucket names with '_' for spaces: over_45); or "-> error" is not possible: use
  // aging_drill … error <reason> for bad options.
  Status then_aging_bucketed(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string who, words.next("customer number or TOTAL"));
    Date as_of;
    O2C_ASSIGN_OR_RETURN(app::AgingView view, aging_view(words, as_of));
    const std::vector<BucketedRow>& rows =
        who == "TOTAL" ? view.aging.totals : view.aging.customers;
    BucketedRow row{who, "", company_currency_,
                    std::vector<Money>(view.aging.bucket_names.size(), zero(company_currency_)),
                    zero(company_currency_)};
    for (const BucketedRow& found : rows)
      if (found.customer_number == who && found.currency == company_currency_) row = found;
    const std::string subject = "aging " + who + " as of " + format_date(as_of) + " ";
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string bucket, words.next("bucket"));
      if (bucket == "total") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + "total", row.total));
        continue;
      }
      std::string name = bucket;
      std::replace(name.begin(), name.end(), '_', ' ');
      const auto& names = view.aging.bucket_names;
      const auto found = std::find(names.begin(), names.end(), name);
      if (found == names.end()) return syntax_error("no aging bucket '" + bucket + "'");
      O2C_RETURN_IF_ERROR(
          compare_money(line, words, subject + bucket,
                        row.buckets[static_cast<std::size_t>(found - names.begin())]));
    }
    return {};
  }

  // aging_drill as_of <date> [buckets …] [customer C] [bucket B] "<INV-…> …" | error <reason>
  Status then_aging_drill(const Line& line, Words& words) {
    Date as_of;
    Result<app::AgingView> view = aging_view(words, as_of);
    O2C_ASSIGN_OR_RETURN(std::string expected, words.next("invoice list or error"));
    if (expected == "error") {
      O2C_ASSIGN_OR_RETURN(std::string reason, words.next("error reason"));
      O2C_RETURN_IF_ERROR(words.finish());
      compare(line, "aging drill-down", "error " + reason,
              view ? "success" : "error " + view.error().reason);
      return {};
    }
    O2C_RETURN_IF_ERROR(words.finish());
    if (!view) return view.error();
    std::string actual;
    for (const AgingDrillLine& drilled : view->lines)
      actual += (actual.empty() ? "" : " ") + drilled.item.invoice_number;
    compare(line, "aging drill-down", expected, actual.empty() ? "none" : actual);
    return {};
  }

  // worklist <collector> as_of <date> order "<C…> …" | row <C…> overdue <a> days <n>
  // weight <percent> score <n>
  Status then_worklist(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string collector, words.next("collector"));
    O2C_RETURN_IF_ERROR(words.expect("as_of"));
    O2C_ASSIGN_OR_RETURN(Date as_of, date_word(words, "as-of date"));
    O2C_ASSIGN_OR_RETURN(std::vector<RankedAccount> ranked,
                         app::collector_worklist(*store_, collector, as_of));
    const std::string subject = "worklist of " + collector + " ";
    if (words.accept("order")) {
      std::string actual;
      for (const RankedAccount& row : ranked)
        actual += (actual.empty() ? "" : " ") + row.account.customer_number;
      O2C_RETURN_IF_ERROR(
          compare_text(line, words, subject + "order", actual.empty() ? "none" : actual));
      return words.finish();
    }
    O2C_RETURN_IF_ERROR(words.expect("row"));
    O2C_ASSIGN_OR_RETURN(std::string customer, words.next("customer"));
    auto found = std::find_if(ranked.begin(), ranked.end(), [&](const RankedAccount& row) {
      return row.account.customer_number == customer;
    });
    if (found == ranked.end()) {
      fail(line, subject + customer + ": expected on the worklist, got absent");
      return {};
    }
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      if (field == "overdue") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, found->account.overdue));
      } else if (field == "days") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field,
                                         std::to_string(found->account.days_overdue)));
      } else if (field == "weight") {
        O2C_RETURN_IF_ERROR(
            compare_text(line, words, subject + field, std::to_string(found->risk_weight)));
      } else if (field == "score") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field,
                                         std::to_string(static_cast<std::int64_t>(found->score))));
      } else {
        return syntax_error("unknown worklist field '" + field + "'");
      }
    }
    return {};
  }

  // assignment <customer> <collector|nobody>
  Status then_assignment(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string customer, words.next("customer"));
    O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store_->reader());
    O2C_ASSIGN_OR_RETURN(std::vector<CollectorAccount> accounts, reader->collector_accounts());
    std::string actual = "nobody";
    for (const CollectorAccount& account : accounts)
      if (account.customer_number == customer) actual = account.collector_name;
    O2C_RETURN_IF_ERROR(compare_text(line, words, "collector of " + customer, actual));
    return words.finish();
  }

  static std::string percent_text(std::optional<BasisPoints> rate) {
    return rate ? format_percent(*rate) : "none";
  }

  // collector_kpis <collector|team_<t>> from <date> to <date> accounts <n> collected <a>
  // cei <pct|none> kept <k>/<n> kept_rate <pct|none> touched <n>
  Status then_collector_kpis(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string who, words.next("collector or team_<name>"));
    if (who.starts_with("team_")) who = "team " + who.substr(5);
    O2C_RETURN_IF_ERROR(words.expect("from"));
    O2C_ASSIGN_OR_RETURN(Date from, date_word(words, "from"));
    O2C_RETURN_IF_ERROR(words.expect("to"));
    O2C_ASSIGN_OR_RETURN(Date to, date_word(words, "to"));
    O2C_ASSIGN_OR_RETURN(std::vector<app::CollectorKpis> rows,
                         app::collector_report(*store_, from, to));
    auto found = std::find_if(rows.begin(), rows.end(),
                              [&](const app::CollectorKpis& row) { return row.name == who; });
    if (found == rows.end()) {
      fail(line, "collector KPIs of " + who + ": no such row");
      return {};
    }
    const std::string subject = "KPIs of " + who + " ";
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      if (field == "accounts") {
        O2C_RETURN_IF_ERROR(
            compare_text(line, words, subject + field, std::to_string(found->accounts)));
      } else if (field == "collected") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, found->collected));
      } else if (field == "cei") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, percent_text(found->cei)));
      } else if (field == "kept") {
        O2C_RETURN_IF_ERROR(compare_text(
            line, words, subject + field,
            std::to_string(found->promises_kept) + "/" + std::to_string(found->promises_settled)));
      } else if (field == "kept_rate") {
        O2C_RETURN_IF_ERROR(
            compare_text(line, words, subject + field, percent_text(found->promises_kept_rate)));
      } else if (field == "touched") {
        O2C_RETURN_IF_ERROR(
            compare_text(line, words, subject + field, std::to_string(found->accounts_touched)));
      } else {
        return syntax_error("unknown collector_kpis field '" + field + "'");
      }
    }
    return {};
  }

  // collections_kpis as_of <date> [days <n>] receivables <a> current <a> sales <a> dso <d>
  // best_dso <d> add <d> cei <pct|none> current_pct <pct|none> disputes <n> dispute_age <d>
  Status then_collections_kpis(const Line& line, Words& words) {
    O2C_RETURN_IF_ERROR(words.expect("as_of"));
    O2C_ASSIGN_OR_RETURN(Date as_of, date_word(words, "as-of date"));
    std::int64_t days = 90;
    if (words.accept("days")) {
      O2C_ASSIGN_OR_RETURN(days, integer_word(words, "days"));
    }
    O2C_ASSIGN_OR_RETURN(std::vector<app::CollectionsKpis> rows,
                         app::collections_report(*store_, as_of, days));
    app::CollectionsKpis kpis;
    kpis.currency = company_currency_;
    kpis.receivables = kpis.current = kpis.sales = kpis.begin = zero(company_currency_);
    for (const app::CollectionsKpis& row : rows)
      if (row.currency == company_currency_) kpis = row;
    const std::string subject = "collections as of " + format_date(as_of) + " ";
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      if (field == "receivables" || field == "current" || field == "sales") {
        const Money amount = field == "receivables" ? kpis.receivables
                             : field == "current"   ? kpis.current
                                                    : kpis.sales;
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, amount));
      } else if (field == "dso" || field == "best_dso" || field == "add" ||
                 field == "dispute_age") {
        const Centidays value = field == "dso"        ? kpis.dso
                                : field == "best_dso" ? kpis.best_dso
                                : field == "add"      ? kpis.average_days_delinquent
                                                      : kpis.dispute_average_age;
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, format_centidays(value)));
      } else if (field == "cei") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, percent_text(kpis.cei)));
      } else if (field == "current_pct") {
        O2C_RETURN_IF_ERROR(
            compare_text(line, words, subject + field, percent_text(kpis.percent_current)));
      } else if (field == "disputes") {
        O2C_RETURN_IF_ERROR(
            compare_text(line, words, subject + field, std::to_string(kpis.open_disputes)));
      } else {
        return syntax_error("unknown collections_kpis field '" + field + "'");
      }
    }
    return {};
  }

  // ---- bank statements and the cash application worklist (app/bank.h) --------------------

  static bool is_bank_verb(const std::string& verb) {
    return verb == "bank_import" || verb == "bank_account" || verb == "review_accept" ||
           verb == "review_assign" || verb == "review_ignore";
  }
  static bool is_bank_check(const std::string& what) {
    return what == "statement" || what == "statements" || what == "statement_line" ||
           what == "statement_lines" || what == "bank_account";
  }

  Status run_bank_action(const Line& line, const std::string& verb, Words& words) {
    if (verb == "bank_import") return when_bank_import(line, words);
    if (verb == "bank_account") return given_bank_account(line, words);
    if (verb == "review_accept") return when_review_accept(line, words);
    if (verb == "review_assign") return when_review_assign(line, words);
    return when_review_ignore(line, words);
  }

  // bank_import FILE [no_total_checks] -> already_imported | BST-… applied A review R ignored I …
  Status when_bank_import(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string name, words.next("statement file"));
    app::BankImportRequest request;
    request.file_name = name;
    if (words.accept("no_total_checks")) request.check_totals = false;
    O2C_RETURN_IF_ERROR(words.finish());
    const std::filesystem::path path = std::filesystem::path(file_).parent_path() / name;
    std::ifstream in(path, std::ios::binary);
    if (!in) return syntax_error("cannot read " + path.string());
    request.text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    Result<app::BankImportOutcome> outcome = app::import_bank_statement(*context_, request);
    if (!settle(line, outcome)) return {};
    std::string actual;
    if (outcome->already_imported) actual = "already_imported";
    for (const app::ImportedStatement& s : outcome->statements) {
      if (s.already_imported) continue;
      actual += (actual.empty() ? "" : " ") + s.statement.number + " applied " +
                std::to_string(s.applied.count) + " review " +
                std::to_string(s.review.count + s.unmatched.count) + " ignored " +
                std::to_string(s.ignored.count);
    }
    compare_outcome(line, "import", actual);
    return {};
  }

  // bank_account CUSTOMER ACCOUNT -> ok
  Status given_bank_account(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string customer, words.next("customer number"));
    O2C_ASSIGN_OR_RETURN(std::string account, words.next("account"));
    O2C_RETURN_IF_ERROR(words.finish());
    O2C_RETURN_IF_ERROR(expect_plain_success(line));
    settle(line, app::add_customer_bank_account(*context_, customer, account));
    return {};
  }

  // "PAY-… [applied INV-… AMOUNT]… [unapplied AMOUNT]"
  static std::string applied_text(const app::AppliedLine& applied) {
    std::string text = applied.payment.payment.number;
    for (const Application& application : applied.payment.applications) {
      text += " applied " + application.invoice_number + " " + format_amount(application.amount);
    }
    if (applied.payment.payment.unapplied.minor > 0) {
      text += " unapplied " + format_amount(applied.payment.payment.unapplied);
    }
    return text;
  }

  // review_accept LINE [candidate N] -> PAY-… [applied INV-… AMOUNT]…
  Status when_review_accept(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::int64_t id, integer_word(words, "line id"));
    std::int64_t candidate = 1;
    if (words.accept("candidate")) {
      O2C_ASSIGN_OR_RETURN(candidate, integer_word(words, "candidate"));
    }
    O2C_RETURN_IF_ERROR(words.finish());
    Result<app::AppliedLine> applied =
        app::accept_suggestion(*context_, id, static_cast<int>(candidate));
    if (!settle(line, applied)) return {};
    compare_outcome(line, "accept", applied_text(*applied));
    return {};
  }

  // review_assign LINE customer C [invoice INV-…]… -> PAY-… [applied INV-… AMOUNT]…
  Status when_review_assign(const Line& line, Words& words) {
    app::LineAssignment assignment;
    O2C_ASSIGN_OR_RETURN(assignment.line, integer_word(words, "line id"));
    O2C_RETURN_IF_ERROR(words.expect("customer"));
    O2C_ASSIGN_OR_RETURN(assignment.customer_number, words.next("customer number"));
    while (words.accept("invoice")) {
      O2C_ASSIGN_OR_RETURN(std::string invoice, words.next("invoice number"));
      assignment.invoice_numbers.push_back(invoice);
    }
    O2C_RETURN_IF_ERROR(words.finish());
    Result<app::AppliedLine> applied = app::assign_line(*context_, assignment);
    if (!settle(line, applied)) return {};
    compare_outcome(line, "assign", applied_text(*applied));
    return {};
  }

  // review_ignore LINE reason "…" -> ok
  Status when_review_ignore(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::int64_t id, integer_word(words, "line id"));
    O2C_RETURN_IF_ERROR(words.expect("reason"));
    O2C_ASSIGN_OR_RETURN(std::string reason, words.next("reason"));
    O2C_RETURN_IF_ERROR(words.finish());
    O2C_RETURN_IF_ERROR(expect_plain_success(line));
    settle(line, app::ignore_line(*context_, id, reason));
    return {};
  }

  Status then_bank(const Line& line, const std::string& what, Words& words, StoreReader& reader) {
    if (what == "statement") return then_statement(line, words, reader);
    if (what == "statements") return then_statements(line, words, reader);
    if (what == "statement_line") return then_statement_line(line, words, reader);
    if (what == "statement_lines") return then_statement_lines(line, words, reader);
    return then_bank_account(line, words, reader);
  }

  // then statements count N
  Status then_statements(const Line& line, Words& words, StoreReader& reader) {
    O2C_RETURN_IF_ERROR(words.expect("count"));
    O2C_ASSIGN_OR_RETURN(std::vector<StoredStatement> all, reader.list_statements(1'000'000));
    O2C_RETURN_IF_ERROR(compare_text(line, words, "statements count", std::to_string(all.size())));
    return words.finish();
  }

  // then statement BST-… [format F] [account A] [currency C] [date D] [lines N]
  //   [opening AMOUNT|none] [closing AMOUNT|none] [identity I] | absent
  Status then_statement(const Line& line, Words& words, StoreReader& reader) {
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("statement number"));
    O2C_ASSIGN_OR_RETURN(std::vector<StoredStatement> all, reader.list_statements(1'000'000));
    auto found = std::find_if(all.begin(), all.end(),
                              [&](const StoredStatement& s) { return s.number == number; });
    if (words.accept("absent")) {
      compare(line, "statement " + number, "absent", found == all.end() ? "absent" : "present");
      return words.finish();
    }
    if (found == all.end()) {
      fail(line, "statement " + number + ": expected to exist, got no such statement");
      return {};
    }
    const std::string subject = "statement " + number + " ";
    auto balance = [](const std::optional<Money>& m) { return m ? format_amount(*m) : "none"; };
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      std::string actual;
      if (field == "format")
        actual = wire_name(found->format);
      else if (field == "account")
        actual = found->account;
      else if (field == "currency")
        actual = found->currency.text();
      else if (field == "date")
        actual = format_date(found->statement_date);
      else if (field == "lines")
        actual = std::to_string(found->line_count);
      else if (field == "opening")
        actual = balance(found->opening_balance);
      else if (field == "closing")
        actual = balance(found->closing_balance);
      else if (field == "identity")
        actual = found->identity;
      else
        return syntax_error("unknown statement field '" + field + "'");
      O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, actual));
    }
    return {};
  }

  // then statement_line ID [status S] [payment PAY-…|none] [amount A] [direction D]
  //   [reference R] [payer P] [account A] [remittance "…"] [suggestions N] [best C]
  //   [confidence N] [reasons "r1 r2"] [note "…"]
  Status then_statement_line(const Line& line, Words& words, StoreReader& reader) {
    O2C_ASSIGN_OR_RETURN(std::int64_t id, integer_word(words, "line id"));
    O2C_ASSIGN_OR_RETURN(std::optional<StatementLine> found, reader.find_statement_line(id));
    if (!found) {
      fail(line, "statement line " + std::to_string(id) + ": expected to exist, got none");
      return {};
    }
    O2C_ASSIGN_OR_RETURN(std::vector<LineSuggestion> suggestions, reader.line_suggestions(id));
    const std::string subject = "statement line " + std::to_string(id) + " ";
    const StatementEntry& e = found->entry;
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      std::string actual;
      if (field == "status")
        actual = wire_name(found->status);
      else if (field == "payment")
        actual = found->payment_number.empty() ? "none" : found->payment_number;
      else if (field == "amount")
        actual = format_amount(e.amount);
      else if (field == "direction")
        actual = wire_name(e.direction);
      else if (field == "reference")
        actual = e.reference;
      else if (field == "payer")
        actual = e.payer_name;
      else if (field == "account")
        actual = e.payer_account;
      else if (field == "remittance")
        actual = e.remittance;
      else if (field == "note")
        actual = found->note;
      else if (field == "suggestions")
        actual = std::to_string(suggestions.size());
      else if (field == "best")
        actual = suggestions.empty() ? "none" : suggestions.front().customer_number;
      else if (field == "confidence")
        actual = suggestions.empty() ? "none" : std::to_string(suggestions.front().confidence);
      else if (field == "shortfall")
        actual = suggestions.empty() ? "none" : suggestions.front().shortfall;
      else if (field == "reasons") {
        for (const std::string& r :
             suggestions.empty() ? std::vector<std::string>{} : suggestions.front().reasons)
          actual += (actual.empty() ? "" : " ") + r;
      } else
        return syntax_error("unknown statement_line field '" + field + "'");
      O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, actual));
    }
    return {};
  }

  // then statement_lines [status S] count N
  Status then_statement_lines(const Line& line, Words& words, StoreReader& reader) {
    StatementLineFilter filter;
    filter.limit = 1'000'000;
    if (words.accept("status")) {
      O2C_ASSIGN_OR_RETURN(std::string status, words.next("status"));
      O2C_ASSIGN_OR_RETURN(filter.status, as_syntax(statement_line_status_from_wire(status)));
    }
    O2C_RETURN_IF_ERROR(words.expect("count"));
    O2C_ASSIGN_OR_RETURN(std::vector<StatementLine> lines, reader.list_statement_lines(filter));
    O2C_RETURN_IF_ERROR(
        compare_text(line, words, "statement lines count", std::to_string(lines.size())));
    return words.finish();
  }

  // then bank_account CUSTOMER ACCOUNT source manual|learned|absent
  Status then_bank_account(const Line& line, Words& words, StoreReader& reader) {
    O2C_ASSIGN_OR_RETURN(std::string customer, words.next("customer number"));
    O2C_ASSIGN_OR_RETURN(std::string account, words.next("account"));
    O2C_RETURN_IF_ERROR(words.expect("source"));
    O2C_ASSIGN_OR_RETURN(std::vector<CustomerBankAccount> all, reader.customer_bank_accounts());
    std::string actual = "absent";
    for (const CustomerBankAccount& a : all) {
      if (a.customer_number == customer && a.account == account) actual = wire_name(a.source);
    }
    O2C_RETURN_IF_ERROR(compare_text(line, words, "bank account " + account + " source", actual));
    return words.finish();
  }

  // ---- master data -----------------------------------------------------------------------

  Status when_date(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(Date date, date_word(words, "date"));
    O2C_RETURN_IF_ERROR(words.finish());
    if (line.has_expectation) return syntax_error("'date' takes no '->'");
    clock_.set(date);
    return {};
  }

  Status given_tax(const Line& line, Words& words) {
    TaxRate rate;
    O2C_ASSIGN_OR_RETURN(rate.category, words.next("tax category"));
    O2C_ASSIGN_OR_RETURN(rate.rate, percent_word(words, "tax rate"));
    O2C_RETURN_IF_ERROR(words.finish());
    O2C_RETURN_IF_ERROR(expect_plain_success(line));
    settle(line, app::set_tax_rate(*context_, rate));
    return {};
  }

  // "fx <currency> <rate> [on <date>]": a rate from that date (default: the scenario's date).
  // The rate is text, as typed on the command line: a malformed one is the use case's error.
  Status given_fx(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string code, words.next("currency"));
    O2C_ASSIGN_OR_RETURN(std::string rate_text, words.next("rate"));
    Date date = clock_.today();
    if (words.accept("on")) {
      O2C_ASSIGN_OR_RETURN(date, date_word(words, "rate date"));
    }
    O2C_RETURN_IF_ERROR(words.finish());
    O2C_RETURN_IF_ERROR(expect_plain_success(line));
    Result<Currency> currency = currency_from_code(code);
    if (!currency) {
      settle(line, at_where(std::move(currency).error(), "currency"));
      return {};
    }
    Result<FxRate> rate = parse_fx_rate(rate_text);
    if (!rate) {
      settle(line, at_where(std::move(rate).error(), "rate"));
      return {};
    }
    const app::FxRateInput input{FxRateEntry{date, *currency, *rate}, ""};
    settle(line, app::set_fx_rates(*context_, std::span(&input, 1)));
    return {};
  }

  static Result<bool> at_where(Error error, std::string where) {
    error.where = std::move(where);
    return error;
  }

  // "apply_cash <customer> [payment <PAY>] [invoice <INV>]…" -> [applied <PAY> <INV> <amount>…]
  // [fx gain|loss <amount> | fx none] (amounts applied in the customer's currency, the FX
  // difference in the company currency).
  Status when_apply_cash(const Line& line, Words& words) {
    app::CashApplicationRequest request;
    O2C_ASSIGN_OR_RETURN(request.customer_number, words.next("customer number"));
    while (!words.done()) {
      if (words.accept("payment")) {
        O2C_ASSIGN_OR_RETURN(request.payment_number, words.next("payment number"));
      } else if (words.accept("invoice")) {
        O2C_ASSIGN_OR_RETURN(std::string number, words.next("invoice number"));
        request.invoice_numbers.push_back(std::move(number));
      } else {
        return syntax_error("unexpected '" + std::string(words.peek()) + "'");
      }
    }
    Result<app::CashApplicationOutcome> outcome = app::apply_unapplied_cash(*context_, request);
    if (!settle(line, outcome) || !line.has_expectation) return {};
    Words want(line.expected, 0);
    std::string expected_list;
    std::string actual_list;
    for (const auto& applied : outcome->applied)
      actual_list += (actual_list.empty() ? "" : ", ") + applied.payment_number + " " +
                     applied.application.invoice_number + " " +
                     format_amount(applied.application.amount);
    while (!want.done()) {
      if (want.accept("applied")) {
        O2C_ASSIGN_OR_RETURN(std::string payment, want.next("payment number"));
        O2C_ASSIGN_OR_RETURN(std::string invoice, want.next("invoice number"));
        O2C_ASSIGN_OR_RETURN(std::string amount, want.next("amount applied"));
        expected_list +=
            (expected_list.empty() ? "" : ", ") + payment + " " + invoice + " " + amount;
      } else if (want.accept("fx")) {
        O2C_ASSIGN_OR_RETURN(std::string kind, want.next("gain, loss or none"));
        const Money fx = outcome->realised_fx;
        const std::string actual = fx.minor > 0   ? "gain " + format_amount(fx)
                                   : fx.minor < 0 ? "loss " + format_amount(negate(fx))
                                                  : "none";
        std::string expected = kind;
        if (kind != "none") {
          O2C_ASSIGN_OR_RETURN(std::string amount, want.next("FX amount"));
          expected += " " + amount;
        }
        compare(line, "realised FX", expected, actual);
      } else {
        return syntax_error("unexpected '" + std::string(want.peek()) + "' in the outcome");
      }
    }
    if (!expected_list.empty()) compare(line, "cash applied", expected_list, actual_list);
    return {};
  }

  Status given_warehouse(const Line& line, Words& words) {
    Warehouse warehouse;
    O2C_ASSIGN_OR_RETURN(warehouse.code, words.next("warehouse code"));
    warehouse.name = "Warehouse " + warehouse.code;
    if (words.accept("name")) {
      O2C_ASSIGN_OR_RETURN(warehouse.name, words.next("warehouse name"));
    }
    if (words.accept("country")) {
      O2C_ASSIGN_OR_RETURN(warehouse.country, words.next("warehouse country"));
    }
    O2C_RETURN_IF_ERROR(words.finish());
    O2C_RETURN_IF_ERROR(expect_plain_success(line));
    settle(line, app::add_warehouse(*context_, warehouse));
    return {};
  }

  Status given_customer(const Line& line, Words& words) {
    Customer customer;
    O2C_ASSIGN_OR_RETURN(customer.number, words.next("customer number"));
    customer.name = "Customer " + customer.number;
    customer.currency = company_currency_;
    std::optional<std::string> terms;
    std::optional<std::string> limit;
    while (!words.done()) {
      if (words.accept("currency")) {
        O2C_ASSIGN_OR_RETURN(customer.currency, currency_word(words));
      } else if (words.accept("terms")) {
        O2C_ASSIGN_OR_RETURN(terms, words.next("payment terms"));
      } else if (words.accept("credit_limit")) {
        O2C_ASSIGN_OR_RETURN(limit, words.next("credit limit"));
      } else if (words.accept("name")) {
        O2C_ASSIGN_OR_RETURN(customer.name, words.next("customer name"));
      } else if (words.accept("segment")) {
        O2C_ASSIGN_OR_RETURN(customer.segment, words.next("customer segment"));
      } else if (words.accept("email")) {
        O2C_ASSIGN_OR_RETURN(customer.email, words.next("e-mail address"));
      } else if (words.accept("tier")) {
        O2C_ASSIGN_OR_RETURN(std::int64_t tier, integer_word(words, "customer tier"));
        if (tier < INT32_MIN || tier > INT32_MAX) return syntax_error("tier out of range");
        customer.tier = static_cast<int>(tier);
      } else if (words.accept("preferred_warehouse")) {
        O2C_ASSIGN_OR_RETURN(customer.preferred_warehouse, words.next("warehouse code"));
      } else if (words.accept("country")) {
        // One address for billing and shipping, for taxes by ship-to country (and region).
        O2C_ASSIGN_OR_RETURN(customer.shipping_address.country, words.next("country code"));
        customer.shipping_address.line = "1 Test Street";
        customer.shipping_address.city = "Testville";
        if (words.accept("region")) {
          O2C_ASSIGN_OR_RETURN(customer.shipping_address.region, words.next("region code"));
        }
        customer.billing_address = customer.shipping_address;
      } else if (words.accept("billing")) {
        O2C_ASSIGN_OR_RETURN(std::string policy, words.next("billing policy"));
        O2C_ASSIGN_OR_RETURN(customer.billing_policy, billing_policy_from_wire(policy));
      } else if (words.accept("tax_exempt")) {
        customer.tax_exempt = true;
      } else if (words.accept("inactive")) {
        customer.active = false;
      } else {
        return syntax_error("unexpected '" + std::string(words.peek()) + "'");
      }
    }
    if (!terms || !limit) return syntax_error("a customer needs terms and credit_limit");
    O2C_ASSIGN_OR_RETURN(customer.credit_limit, as_syntax(parse_money(*limit, customer.currency)));
    O2C_RETURN_IF_ERROR(expect_plain_success(line));
    Result<PaymentTerms> parsed_terms = parse_payment_terms(*terms);
    if (!parsed_terms) {
      settle(line, parsed_terms);
      return {};
    }
    customer.terms = *parsed_terms;
    const std::vector<Customer> batch{customer};
    settle(line, app::add_customers(*context_, batch).front());
    return {};
  }

  Status given_product(const Line& line, Words& words) {
    Product product;
    O2C_ASSIGN_OR_RETURN(product.sku, words.next("SKU"));
    product.name = product.sku;
    product.standard_cost = zero(company_currency_);
    while (!words.done()) {
      if (words.accept("price")) {
        O2C_ASSIGN_OR_RETURN(std::string amount, words.next("price"));
        O2C_ASSIGN_OR_RETURN(Currency currency, currency_word(words));
        O2C_ASSIGN_OR_RETURN(Money price, as_syntax(parse_money(amount, currency)));
        product.list_prices.push_back(price);
      } else if (words.accept("cost")) {
        O2C_ASSIGN_OR_RETURN(std::string amount, words.next("standard cost"));
        Currency currency = company_currency_;
        if (looks_like_currency(words.peek())) {
          O2C_ASSIGN_OR_RETURN(currency, currency_word(words));
        }
        O2C_ASSIGN_OR_RETURN(product.standard_cost, as_syntax(parse_money(amount, currency)));
      } else if (words.accept("tax")) {
        O2C_ASSIGN_OR_RETURN(product.tax_category, words.next("tax category"));
      } else if (words.accept("category")) {
        O2C_ASSIGN_OR_RETURN(product.category, words.next("product category"));
      } else if (words.accept("name")) {
        O2C_ASSIGN_OR_RETURN(product.name, words.next("product name"));
      } else if (words.accept("unit")) {
        O2C_ASSIGN_OR_RETURN(product.unit, words.next("unit of measure"));
      } else if (words.accept("inactive")) {
        product.active = false;
      } else {
        return syntax_error("unexpected '" + std::string(words.peek()) + "'");
      }
    }
    O2C_RETURN_IF_ERROR(expect_plain_success(line));
    const std::vector<Product> batch{product};
    settle(line, app::add_products(*context_, batch).front());
    return {};
  }

  // "stock <sku> <warehouse> <quantity>" -> [filled <order>… | filled none]
  //   [expected <quantity of expected receipts it fulfilled>]
  Status when_receive(const Line& line, Words& words) {
    app::StockReceipt receipt;
    O2C_ASSIGN_OR_RETURN(receipt.sku, words.next("SKU"));
    O2C_ASSIGN_OR_RETURN(receipt.warehouse_code, words.next("warehouse code"));
    O2C_ASSIGN_OR_RETURN(receipt.quantity, quantity_word(words, "quantity"));
    O2C_RETURN_IF_ERROR(words.finish());
    Result<app::ReceiptOutcome> outcome = app::receive_stock(*context_, receipt);
    if (!settle(line, outcome) || !line.has_expectation) return {};
    Words expected(line.expected, 0);
    O2C_RETURN_IF_ERROR(expected.expect("filled"));
    std::string want;
    if (!expected.accept("none")) {
      while (!expected.done() && expected.peek() != "expected") {
        O2C_ASSIGN_OR_RETURN(std::string number, expected.next("order number"));
        want += (want.empty() ? "" : " ") + number;
      }
    }
    std::string got;
    for (const std::string& number : outcome->orders_filled)
      got += (got.empty() ? "" : " ") + number;
    compare(line, "backorders filled", want.empty() ? "none" : want, got.empty() ? "none" : got);
    if (expected.accept("expected")) {
      O2C_RETURN_IF_ERROR(compare_quantity(line, expected, "expected receipts fulfilled",
                                           outcome->expected_fulfilled));
    }
    return expected.finish();
  }

  // "expect <sku> <warehouse> <quantity> on <date> [reference <text>]" -> ok | error …
  Status when_expect(const Line& line, Words& words) {
    app::ExpectedReceiptRequest request;
    O2C_ASSIGN_OR_RETURN(request.sku, words.next("SKU"));
    O2C_ASSIGN_OR_RETURN(request.warehouse_code, words.next("warehouse code"));
    O2C_ASSIGN_OR_RETURN(request.quantity, quantity_word(words, "quantity"));
    O2C_RETURN_IF_ERROR(words.expect("on"));
    O2C_ASSIGN_OR_RETURN(request.expected, date_word(words, "expected date"));
    if (words.accept("reference")) {
      O2C_ASSIGN_OR_RETURN(request.reference, words.next("reference"));
    }
    O2C_RETURN_IF_ERROR(words.finish());
    O2C_RETURN_IF_ERROR(expect_plain_success(line));
    settle(line, app::expect_receipt(*context_, request));
    return {};
  }

  // "allocate <sku> policy <priority|fair-share|…> [warehouse <code>] [dry_run]" ->
  //   sufficient | [<order>/<line> <allocation>]… [changed <order>… | changed none] | error …
  // The pairs are the plan's lines in priority order, each with what it gets; "changed" lists
  // the orders journaled as reallocated (none for a dry run).
  Status when_allocate(const Line& line, Words& words) {
    app::AllocationRequest request;
    O2C_ASSIGN_OR_RETURN(request.sku, words.next("SKU"));
    O2C_RETURN_IF_ERROR(words.expect("policy"));
    O2C_ASSIGN_OR_RETURN(std::string policy, words.next("allocation policy"));
    while (!words.done()) {
      if (words.accept("warehouse")) {
        O2C_ASSIGN_OR_RETURN(request.warehouse_code, words.next("warehouse code"));
      } else if (words.accept("dry_run")) {
        request.dry_run = true;
      } else {
        return syntax_error("unexpected '" + std::string(words.peek()) + "'");
      }
    }
    // An unknown policy is the domain's to refuse, like any other input.
    Result<AllocationPolicy> parsed = allocation_policy_from_wire(policy);
    if (!parsed) {
      settle(line, parsed);
      return {};
    }
    request.policy = *parsed;
    Result<app::AllocationOutcome> outcome = app::allocate_scarce_stock(*context_, request);
    if (!settle(line, outcome) || !line.has_expectation) return {};
    std::string got_plan;
    for (const app::AllocatedLine& item : outcome->lines) {
      got_plan += (got_plan.empty() ? "" : " ") + item.order_number + "/" +
                  std::to_string(item.line_no) + " " + format_quantity(item.after);
    }
    std::string got_changed;
    for (const std::string& number : outcome->orders_changed)
      got_changed += (got_changed.empty() ? "" : " ") + number;
    Words want(line.expected, 0);
    if (want.accept("sufficient")) {
      O2C_RETURN_IF_ERROR(want.finish());
      compare(line, "allocation", "sufficient",
              outcome->sufficient ? "sufficient" : "short: " + got_plan);
      return {};
    }
    std::string want_plan;
    while (!want.done() && want.peek() != "changed") {
      O2C_ASSIGN_OR_RETURN(std::string order_line, want.next("order/line"));
      O2C_ASSIGN_OR_RETURN(Quantity after, quantity_word(want, "allocation"));
      want_plan += (want_plan.empty() ? "" : " ") + order_line + " " + format_quantity(after);
    }
    if (!want_plan.empty())
      compare(line, "allocation plan", want_plan, outcome->sufficient ? "sufficient" : got_plan);
    if (want.accept("changed")) {
      std::string want_changed;
      if (!want.accept("none")) {
        while (!want.done()) {
          O2C_ASSIGN_OR_RETURN(std::string number, want.next("order number"));
          want_changed += (want_changed.empty() ? "" : " ") + number;
        }
      }
      compare(line, "orders reallocated", want_changed.empty() ? "none" : want_changed,
              got_changed.empty() ? "none" : got_changed);
    }
    return want.finish();
  }

  // ---- orders ----------------------------------------------------------------------------

  // "order <customer> [currency <code>] [line <sku> qty <q> [discount <pct>]]…
  //  [lines <n> of <sku> qty <q> [discount <pct>]] [order_discount <pct>] [reference <text>]
  //  [requested <date>] [ship_to <line> <city> <postal code> <country> [region <r>]]
  //  [notes <text>] [coupon <code>]… [shipping <amount> [category <c>]]"
  static Result<OrderRequest> parse_order(Words& words) {
    OrderRequest request;
    O2C_ASSIGN_OR_RETURN(request.customer_number, words.next("customer number"));
    while (!words.done()) {
      if (words.accept("currency")) {
        O2C_ASSIGN_OR_RETURN(request.currency_code, words.next("currency code"));
      } else if (words.accept("line") || words.peek() == "lines") {
        std::int64_t count = 1;
        if (words.accept("lines")) {
          O2C_ASSIGN_OR_RETURN(count, integer_word(words, "number of lines"));
          if (count < 0 || count > static_cast<std::int64_t>(kBatchCopiesMax))
            return syntax_error("number of lines must be 0.." + std::to_string(kBatchCopiesMax));
          O2C_RETURN_IF_ERROR(words.expect("of"));
        }
        OrderLineRequest item;
        O2C_ASSIGN_OR_RETURN(item.sku, words.next("SKU"));
        O2C_RETURN_IF_ERROR(words.expect("qty"));
        O2C_ASSIGN_OR_RETURN(item.quantity, quantity_word(words, "quantity"));
        if (words.accept("discount")) {
          O2C_ASSIGN_OR_RETURN(item.discount, percent_word(words, "line discount"));
        }
        request.lines.insert(request.lines.end(), static_cast<std::size_t>(count), item);
      } else if (words.accept("order_discount")) {
        O2C_ASSIGN_OR_RETURN(request.order_discount, percent_word(words, "order discount"));
      } else if (words.accept("reference")) {
        O2C_ASSIGN_OR_RETURN(request.customer_reference, words.next("customer reference"));
      } else if (words.accept("requested")) {
        O2C_ASSIGN_OR_RETURN(request.requested_delivery_date,
                             date_word(words, "requested delivery date"));
      } else if (words.accept("ship_to")) {
        Address ship_to;
        O2C_ASSIGN_OR_RETURN(ship_to.line, words.next("ship-to street"));
        O2C_ASSIGN_OR_RETURN(ship_to.city, words.next("ship-to city"));
        O2C_ASSIGN_OR_RETURN(ship_to.postal_code, words.next("ship-to postal code"));
        O2C_ASSIGN_OR_RETURN(ship_to.country, words.next("ship-to country"));
        if (words.accept("region")) {
          O2C_ASSIGN_OR_RETURN(ship_to.region, words.next("ship-to region"));
        }
        request.ship_to = std::move(ship_to);
      } else if (words.accept("notes")) {
        O2C_ASSIGN_OR_RETURN(request.notes, words.next("notes"));
      } else if (words.accept("coupon")) {
        O2C_ASSIGN_OR_RETURN(std::string code, words.next("coupon code"));
        request.coupon_codes.push_back(std::move(code));
      } else if (words.accept("shipping")) {
        O2C_ASSIGN_OR_RETURN(request.shipping_amount, words.next("shipping amount"));
        if (words.accept("category")) {
          O2C_ASSIGN_OR_RETURN(request.shipping_tax_category, words.next("shipping tax category"));
        }
      } else {
        return syntax_error("unexpected '" + std::string(words.peek()) + "'");
      }
    }
    return request;
  }

  // The result words of an action: document numbers by prefix, the rest a state.
  struct ResultWords {
    std::map<std::string, std::string> numbers;  // prefix ("SO") → number
    std::optional<std::string> state;
  };

  static Result<ResultWords> parse_result_words(const Line& line,
                                                std::span<const std::string_view> prefixes) {
    ResultWords result;
    if (!line.has_expectation) return result;
    for (const std::string& word : line.expected) {
      bool numbered = false;
      for (std::string_view prefix : prefixes) {
        if (word.starts_with(std::string(prefix) + "-")) {
          result.numbers[std::string(prefix)] = word;
          numbered = true;
        }
      }
      if (numbered) continue;
      if (result.state) return syntax_error("unexpected '" + word + "' in the outcome");
      result.state = word;
    }
    return result;
  }

  void compare_numbers(const Line& line, const ResultWords& want, std::string_view prefix,
                       std::string_view actual) {
    const auto found = want.numbers.find(std::string(prefix));
    if (found != want.numbers.end())
      compare(line, std::string(prefix) + " number", found->second, std::string(actual));
  }

  Status run_orders(std::span<const BatchItem> items) {
    std::vector<OrderRequest> requests;
    std::vector<const Line*> lines;
    for (const BatchItem& item : items) {
      Words words(item.line->words, item.verb_at + 1);
      Result<OrderRequest> request = parse_order(words);
      if (!request) {
        if (items.size() == 1) return request.error();
        report(*item.line, request.error());
        return {};
      }
      requests.insert(requests.end(), item.copies, *request);
      lines.insert(lines.end(), item.copies, item.line);
    }
    std::vector<Result<app::PlacedOrder>> placed = app::place_orders(*context_, requests);
    static constexpr std::string_view kPrefixes[] = {"SO"};
    for (std::size_t i = 0; i < placed.size(); ++i) {
      const Line& line = *lines[i];
      if (!settle(line, placed[i])) continue;
      O2C_ASSIGN_OR_RETURN(ResultWords want, parse_result_words(line, kPrefixes));
      if (want.state) O2C_RETURN_IF_ERROR(as_syntax(order_state_from_wire(*want.state)));
      compare_numbers(line, want, "SO", placed[i]->order.number);
      if (want.state)
        compare(line, "order state", *want.state, std::string(wire_name(placed[i]->order.state)));
    }
    return {};
  }

  Status check_order_state(const Line& line, const Result<Order>& order) {
    if (!settle(line, order) || !line.has_expectation) return {};
    static constexpr std::string_view kPrefixes[] = {"SO"};
    O2C_ASSIGN_OR_RETURN(ResultWords want, parse_result_words(line, kPrefixes));
    compare_numbers(line, want, "SO", order->number);
    if (want.state) compare(line, "order state", *want.state, std::string(wire_name(order->state)));
    return {};
  }

  Status when_release(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("order number"));
    O2C_RETURN_IF_ERROR(words.finish());
    return check_order_state(line, app::release_order(*context_, number));
  }

  Status when_reject(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("order number"));
    O2C_RETURN_IF_ERROR(words.expect("reason"));
    O2C_ASSIGN_OR_RETURN(std::string reason, words.next("reason"));
    O2C_RETURN_IF_ERROR(words.finish());
    return check_order_state(line, app::reject_order(*context_, number, reason));
  }

  // ---- order rules, approvals, amendments ------------------------------------------------

  // "config order_rules|approvals <file beside the scenario>|none" [-> error …]
  Status when_config(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string which,
                         words.next("order_rules, approvals, price_rules or accounts"));
    O2C_ASSIGN_OR_RETURN(std::string name, words.next("TOML file or none"));
    O2C_RETURN_IF_ERROR(words.finish());
    std::string text;
    if (name != "none") {
      const std::filesystem::path path = std::filesystem::path(file_).parent_path() / name;
      std::ifstream in(path, std::ios::binary);
      if (!in) return syntax_error("cannot read " + path.string());
      text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    Status stored;
    if (which == "order_rules") {
      stored = app::set_order_rules(*context_, text, name);
    } else if (which == "approvals") {
      stored = app::set_approval_policy(*context_, text, name);
    } else if (which == "price_rules") {
      stored = app::set_price_rules(*context_, text, name);
    } else if (which == "accounts") {
      stored = app::set_chart(*context_, text, name);
    } else {
      return syntax_error("config takes order_rules, approvals, price_rules or accounts, not '" +
                          which + "'");
    }
    settle(line, stored);
    return {};
  }

  // "approve|decline <order> level <n> as <role> [comment <text>]" -> <state> | error …
  Status when_decide(const Line& line, Words& words, bool approve) {
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("order number"));
    ApprovalAction action;
    O2C_RETURN_IF_ERROR(words.expect("level"));
    O2C_ASSIGN_OR_RETURN(std::int64_t level, integer_word(words, "level"));
    action.level = static_cast<int>(level);
    O2C_RETURN_IF_ERROR(words.expect("as"));
    O2C_ASSIGN_OR_RETURN(action.role, words.next("role"));
    if (words.accept("comment")) {
      O2C_ASSIGN_OR_RETURN(action.comment, words.next("comment"));
    }
    O2C_RETURN_IF_ERROR(words.finish());
    action.actor = context_->actor;
    return check_order_state(line, approve ? app::approve_order(*context_, number, action)
                                           : app::reject_order_approval(*context_, number, action));
  }

  // "amend <order> quantity <line> <qty> | add <sku> qty <q> [discount <pct>] |
  //  remove <line> | ship_to <street> <city> <postal code> <country>" -> <state> | error …
  Status when_amend(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("order number"));
    O2C_ASSIGN_OR_RETURN(std::string kind, words.next("quantity, add, remove or ship_to"));
    app::OrderChange change;
    if (kind == "quantity") {
      O2C_ASSIGN_OR_RETURN(std::int64_t line_no, integer_word(words, "line number"));
      O2C_ASSIGN_OR_RETURN(Quantity quantity, quantity_word(words, "quantity"));
      change = app::QuantityChange{static_cast<int>(line_no), quantity};
    } else if (kind == "add") {
      OrderLineRequest added;
      O2C_ASSIGN_OR_RETURN(added.sku, words.next("SKU"));
      O2C_RETURN_IF_ERROR(words.expect("qty"));
      O2C_ASSIGN_OR_RETURN(added.quantity, quantity_word(words, "quantity"));
      if (words.accept("discount")) {
        O2C_ASSIGN_OR_RETURN(added.discount, percent_word(words, "discount"));
      }
      change = app::LineAddition{added};
    } else if (kind == "remove") {
      O2C_ASSIGN_OR_RETURN(std::int64_t line_no, integer_word(words, "line number"));
      change = app::LineRemoval{static_cast<int>(line_no)};
    } else if (kind == "ship_to") {
      Address ship_to;
      O2C_ASSIGN_OR_RETURN(ship_to.line, words.next("ship-to street"));
      O2C_ASSIGN_OR_RETURN(ship_to.city, words.next("ship-to city"));
      O2C_ASSIGN_OR_RETURN(ship_to.postal_code, words.next("ship-to postal code"));
      O2C_ASSIGN_OR_RETURN(ship_to.country, words.next("ship-to country"));
      change = app::ShipToChange{ship_to};
    } else {
      return syntax_error("amend takes quantity, add, remove or ship_to, not '" + kind + "'");
    }
    O2C_RETURN_IF_ERROR(words.finish());
    return check_amended(line, app::amend_order(*context_, number, change));
  }

  // "cancel <order> reason <text> [remaining]" -> <state> | error …
  Status when_cancel(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("order number"));
    app::Cancellation cancellation;
    O2C_RETURN_IF_ERROR(words.expect("reason"));
    O2C_ASSIGN_OR_RETURN(cancellation.reason, words.next("reason"));
    cancellation.remaining_only = words.accept("remaining");
    O2C_RETURN_IF_ERROR(words.finish());
    return check_amended(line, app::amend_order(*context_, number, cancellation));
  }

  Status check_amended(const Line& line, Result<app::AmendedOrder> amended) {
    if (!amended) return check_order_state(line, Result<Order>(std::move(amended).error()));
    return check_order_state(line, Result<Order>(std::move(amended->order)));
  }

  // "hold <order> reason <text>" / "unhold <order>" -> <state> | error …
  Status when_hold(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("order number"));
    O2C_RETURN_IF_ERROR(words.expect("reason"));
    O2C_ASSIGN_OR_RETURN(std::string reason, words.next("reason"));
    O2C_RETURN_IF_ERROR(words.finish());
    return check_order_state(line, app::hold_order(*context_, number, reason));
  }

  Status when_unhold(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("order number"));
    O2C_RETURN_IF_ERROR(words.finish());
    return check_order_state(line, app::unhold_order(*context_, number));
  }

  // "import <file> [skip_bad]" (the CSV file beside the scenario) ->
  // [refused | imported <SO-…>… | imported none] rejected <rows> [problem <line> <column>
  // <reason>]… (a problem not in one column has column "-").
  Status when_import(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string name, words.next("CSV file"));
    app::ImportOptions options;
    if (words.accept("skip_bad")) options.mode = ImportMode::kSkipBadOrders;
    O2C_RETURN_IF_ERROR(words.finish());
    const std::filesystem::path path = std::filesystem::path(file_).parent_path() / name;
    std::ifstream in(path, std::ios::binary);
    if (!in) return syntax_error("cannot read " + path.string());
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    Result<app::ImportOutcome> outcome = app::import_orders(*context_, text, options);
    if (!settle(line, outcome) || !line.has_expectation) return {};
    std::string got = outcome->refused ? "refused" : "imported";
    if (!outcome->refused && outcome->placed.empty()) got += " none";
    for (const app::PlacedOrder& placed : outcome->placed) got += " " + placed.order.number;
    got += " rejected " + std::to_string(outcome->rejected_rows);
    for (const ImportProblem& problem : outcome->problems) {
      got += " problem " + std::to_string(problem.line) + " " +
             (problem.column.empty() ? "-" : problem.column) + " " + problem.reason;
    }
    std::string want;
    for (const std::string& word : line.expected) want += (want.empty() ? "" : " ") + word;
    compare(line, "import", want, got);
    return {};
  }

  // ---- shipping --------------------------------------------------------------------------

  // "ship <order> [line <n> qty <q>]… [carrier <c>] [tracking <t>] [promised <date>]" (no
  // lines: everything reserved)
  static Result<app::ShipRequest> parse_shipment(Words& words) {
    app::ShipRequest request;
    O2C_ASSIGN_OR_RETURN(request.order_number, words.next("order number"));
    while (words.accept("line")) {
      ShipRequestLine item;
      O2C_ASSIGN_OR_RETURN(std::int64_t line_no, integer_word(words, "line number"));
      if (line_no < INT32_MIN || line_no > INT32_MAX) return syntax_error("line number too large");
      item.line_no = static_cast<int>(line_no);
      O2C_RETURN_IF_ERROR(words.expect("qty"));
      O2C_ASSIGN_OR_RETURN(item.quantity, quantity_word(words, "quantity"));
      request.lines.push_back(item);
    }
    if (words.accept("carrier")) {
      O2C_ASSIGN_OR_RETURN(request.carrier, words.next("carrier"));
    }
    if (words.accept("tracking")) {
      O2C_ASSIGN_OR_RETURN(request.tracking_number, words.next("tracking number"));
    }
    if (words.accept("promised")) {
      O2C_ASSIGN_OR_RETURN(request.promised_on, date_word(words, "promised date"));
    }
    O2C_RETURN_IF_ERROR(words.finish());
    return request;
  }

  Status run_shipments(std::span<const BatchItem> items) {
    std::vector<app::ShipRequest> requests;
    std::vector<const Line*> lines;
    for (const BatchItem& item : items) {
      Words words(item.line->words, item.verb_at + 1);
      Result<app::ShipRequest> request = parse_shipment(words);
      if (!request) {
        if (items.size() == 1) return request.error();
        report(*item.line, request.error());
        return {};
      }
      requests.insert(requests.end(), item.copies, *request);
      lines.insert(lines.end(), item.copies, item.line);
    }
    std::vector<Result<app::ShipOutcome>> shipped = app::ship_orders(*context_, requests);
    static constexpr std::string_view kPrefixes[] = {"SH", "INV"};
    for (std::size_t i = 0; i < shipped.size(); ++i) {
      const Line& line = *lines[i];
      if (!settle(line, shipped[i])) continue;
      O2C_ASSIGN_OR_RETURN(ResultWords want, parse_result_words(line, kPrefixes));
      compare_numbers(line, want, "SH", shipped[i]->shipment.number);
      compare_numbers(line, want, "INV", shipped[i]->invoice ? shipped[i]->invoice->number : "");
      if (want.state)
        compare(line, "order state", *want.state, std::string(wire_name(shipped[i]->order_state)));
    }
    return {};
  }

  // ---- fulfilment in steps and returns --------------------------------------------------

  // "pick <order> [line <n> qty <q>]… [promised <date>]" -> "[SH-…] [<order state>]"
  Status when_pick(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(app::ShipRequest request, parse_shipment(words));
    Result<app::PickOutcome> picked = app::pick_order(*context_, request);
    if (!settle(line, picked)) return {};
    static constexpr std::string_view kPrefixes[] = {"SH"};
    O2C_ASSIGN_OR_RETURN(ResultWords want, parse_result_words(line, kPrefixes));
    compare_numbers(line, want, "SH", picked->shipment.number);
    if (want.state)
      compare(line, "order state", *want.state, std::string(wire_name(picked->order_state)));
    return {};
  }

  // The shipment status an action left, against "-> <status>".
  void check_shipment_status(const Line& line, const Result<Shipment>& shipment) {
    if (!settle(line, shipment) || !line.has_expectation) return;
    std::string want;
    for (const std::string& word : line.expected) want += (want.empty() ? "" : " ") + word;
    compare(line, "shipment status", want, std::string(wire_name(shipment->tracking.status)));
  }

  // "pack <SH>" / "deliver <SH>" (on the clock's date) -> "<status>"
  Status when_shipment_step(const Line& line, Words& words, const std::string& verb) {
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("shipment number"));
    O2C_RETURN_IF_ERROR(words.finish());
    check_shipment_status(line, verb == "pack" ? app::pack_shipment(*context_, number)
                                               : app::deliver_shipment(*context_, number));
    return {};
  }

  // "cancel_shipment <SH> reason "…"" -> "<status>"
  Status when_cancel_shipment(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("shipment number"));
    O2C_RETURN_IF_ERROR(words.expect("reason"));
    O2C_ASSIGN_OR_RETURN(std::string reason, words.next("reason"));
    O2C_RETURN_IF_ERROR(words.finish());
    check_shipment_status(line, app::cancel_picking(*context_, number, reason));
    return {};
  }

  // "dispatch <SH> carrier <c> tracking <t>" -> "[INV-…] [<order state>]"
  Status when_dispatch(const Line& line, Words& words) {
    app::DispatchRequest request;
    O2C_ASSIGN_OR_RETURN(request.shipment_number, words.next("shipment number"));
    O2C_RETURN_IF_ERROR(words.expect("carrier"));
    O2C_ASSIGN_OR_RETURN(request.carrier, words.next("carrier"));
    O2C_RETURN_IF_ERROR(words.expect("tracking"));
    O2C_ASSIGN_OR_RETURN(request.tracking_number, words.next("tracking number"));
    O2C_RETURN_IF_ERROR(words.finish());
    Result<app::ShipOutcome> shipped = app::dispatch_shipment(*context_, request);
    if (!settle(line, shipped)) return {};
    static constexpr std::string_view kPrefixes[] = {"INV"};
    O2C_ASSIGN_OR_RETURN(ResultWords want, parse_result_words(line, kPrefixes));
    compare_numbers(line, want, "INV", shipped->invoice ? shipped->invoice->number : "");
    if (want.state)
      compare(line, "order state", *want.state, std::string(wire_name(shipped->order_state)));
    return {};
  }

  // "return <SH> line <n> qty <q> [line <n> qty <q>]… reason "…" [resellable|damaged]"
  //   -> "[RMA-…] [credit <gross>]"
  Status when_return(const Line& line, Words& words) {
    app::ReturnInput input;
    O2C_ASSIGN_OR_RETURN(input.shipment_number, words.next("shipment number"));
    while (words.accept("line")) {
      ReturnRequestLine item;
      O2C_ASSIGN_OR_RETURN(std::int64_t line_no, integer_word(words, "line number"));
      if (line_no < INT32_MIN || line_no > INT32_MAX) return syntax_error("line number too large");
      item.order_line_no = static_cast<int>(line_no);
      O2C_RETURN_IF_ERROR(words.expect("qty"));
      O2C_ASSIGN_OR_RETURN(item.quantity, quantity_word(words, "quantity"));
      input.request.lines.push_back(item);
    }
    O2C_RETURN_IF_ERROR(words.expect("reason"));
    O2C_ASSIGN_OR_RETURN(input.request.reason, words.next("reason"));
    if (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string condition, words.next("condition"));
      O2C_ASSIGN_OR_RETURN(input.request.condition,
                           as_syntax(return_condition_from_wire(condition)));
    }
    O2C_RETURN_IF_ERROR(words.finish());
    Result<ReturnAuthorisation> rma = app::authorise_return(*context_, input);
    if (!settle(line, rma) || !line.has_expectation) return {};
    Words want(line.expected, 0);
    if (want.peek().starts_with("RMA-")) {
      O2C_RETURN_IF_ERROR(compare_text(line, want, "return number", rma->number));
    }
    if (want.accept("credit")) {
      O2C_RETURN_IF_ERROR(compare_money(line, want, "credit", rma->credit_gross));
    }
    return want.finish();
  }

  // "receive_return <RMA>" -> "received [credit <gross>|credit none]"
  Status when_receive_return(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("return number"));
    O2C_RETURN_IF_ERROR(words.finish());
    Result<app::ReceivedReturn> received = app::receive_return(*context_, number);
    if (!settle(line, received) || !line.has_expectation) return {};
    Words want(line.expected, 0);
    O2C_RETURN_IF_ERROR(compare_text(line, want, "return status", wire_name(received->rma.status)));
    if (want.accept("credit")) {
      if (want.accept("none")) {
        compare(line, "credit note request", "none", received->credit ? "requested" : "none");
      } else if (!received->credit) {
        fail(line, "credit note request: expected one, got none");
        return {};
      } else {
        O2C_RETURN_IF_ERROR(compare_money(line, want, "credit", received->credit->gross));
      }
    }
    return want.finish();
  }

  // "bill run" — the billing run on the clock's date: -> [INV-…]… | none [shipments <n>]
  // [waiting <n>]
  Status when_bill(const Line& line, Words& words) {
    O2C_RETURN_IF_ERROR(words.expect("run"));
    O2C_RETURN_IF_ERROR(words.finish());
    Result<app::BillingRunOutcome> run = app::run_billing(*context_, clock_.today());
    if (!settle(line, run) || !line.has_expectation) return {};
    Words want(line.expected, 0);
    std::vector<std::string> numbers;
    for (const Invoice& invoice : run->invoices) numbers.push_back(invoice.number);
    std::string wanted;
    if (!want.accept("none")) {
      while (!want.done() && want.peek().starts_with("INV-")) {
        O2C_ASSIGN_OR_RETURN(std::string number, want.next("invoice number"));
        wanted += (wanted.empty() ? "" : " ") + number;
      }
    }
    std::string got;
    for (const std::string& number : numbers) got += (got.empty() ? "" : " ") + number;
    compare(line, "invoices billed", wanted.empty() ? "none" : wanted, got.empty() ? "none" : got);
    if (want.accept("shipments")) {
      O2C_ASSIGN_OR_RETURN(std::int64_t count, integer_word(want, "shipment count"));
      compare(line, "shipments billed", std::to_string(count),
              std::to_string(run->shipments_billed));
    }
    if (want.accept("waiting")) {
      O2C_ASSIGN_OR_RETURN(std::int64_t count, integer_word(want, "orders waiting"));
      compare(line, "orders waiting", std::to_string(count), std::to_string(run->orders_waiting));
    }
    return want.finish();
  }

  // "credit <INV-…> [line <n> qty <q>]… [line <n> amount <net>]… [all] cause <c> reason "…""
  // -> CN-… gross <amount> [allocated <amount>]
  Status when_credit(const Line& line, Words& words) {
    app::CreditNoteInput input;
    O2C_ASSIGN_OR_RETURN(input.invoice_number, words.next("invoice number"));
    O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store_->reader());
    O2C_ASSIGN_OR_RETURN(std::optional<Invoice> invoice,
                         reader->find_invoice(input.invoice_number));
    const Currency currency = invoice ? invoice->currency : currency_from_code("EUR").value();
    while (!words.done()) {
      if (words.accept("line")) {
        O2C_ASSIGN_OR_RETURN(std::int64_t line_no, integer_word(words, "invoice line"));
        CreditLineRequest credit{static_cast<int>(line_no), std::nullopt, std::nullopt};
        if (words.accept("qty")) {
          O2C_ASSIGN_OR_RETURN(credit.quantity, quantity_word(words, "quantity"));
        } else {
          O2C_RETURN_IF_ERROR(words.expect("amount"));
          O2C_ASSIGN_OR_RETURN(std::string amount, words.next("amount"));
          O2C_ASSIGN_OR_RETURN(credit.net, parse_money(amount, currency));
        }
        input.request.lines.push_back(credit);
      } else if (words.accept("all")) {
        input.request.whole_invoice = true;
      } else if (words.accept("cause")) {
        O2C_ASSIGN_OR_RETURN(std::string cause, words.next("cause"));
        O2C_ASSIGN_OR_RETURN(input.request.cause, credit_cause_from_wire(cause));
      } else {
        O2C_RETURN_IF_ERROR(words.expect("reason"));
        O2C_ASSIGN_OR_RETURN(input.request.reason, words.next("reason"));
      }
    }
    Result<CreditNote> note = app::issue_credit_note(*context_, input);
    if (!settle(line, note) || !line.has_expectation) return {};
    return compare_credit_note(line, *note);
  }

  Status compare_credit_note(const Line& line, const CreditNote& note) {
    Words want(line.expected, 0);
    O2C_RETURN_IF_ERROR(compare_text(line, want, "credit note number", note.number));
    if (want.accept("gross"))
      O2C_RETURN_IF_ERROR(compare_money(line, want, "credit note gross", note.gross_total));
    if (want.accept("allocated"))
      O2C_RETURN_IF_ERROR(compare_money(line, want, "credit note allocated", note.allocated));
    return want.finish();
  }

  // "credit_returns" -> CN-… … | none
  Status when_credit_returns(const Line& line, Words& words) {
    O2C_RETURN_IF_ERROR(words.finish());
    Result<std::vector<CreditNote>> notes = app::credit_received_returns(*context_);
    if (!settle(line, notes) || !line.has_expectation) return {};
    std::string got;
    for (const CreditNote& note : *notes)
      got += (got.empty() ? "" : " ") + note.number + " " + format_amount(note.gross_total);
    std::string wanted;
    for (const std::string& word : line.expected) wanted += (wanted.empty() ? "" : " ") + word;
    compare(line, "credit notes", wanted, got.empty() ? "none" : got);
    return {};
  }

  // "debit <INV-…> amount <net> reason "…" [category <c>] [description "…"]" -> INV-…
  Status when_debit(const Line& line, Words& words) {
    app::DebitNoteInput input;
    O2C_ASSIGN_OR_RETURN(input.invoice_number, words.next("invoice number"));
    O2C_RETURN_IF_ERROR(words.expect("amount"));
    O2C_ASSIGN_OR_RETURN(std::string amount, words.next("amount"));
    O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store_->reader());
    O2C_ASSIGN_OR_RETURN(std::optional<Invoice> invoice,
                         reader->find_invoice(input.invoice_number));
    O2C_ASSIGN_OR_RETURN(
        input.net,
        parse_money(amount, invoice ? invoice->currency : currency_from_code("EUR").value()));
    while (!words.done()) {
      if (words.accept("category")) {
        O2C_ASSIGN_OR_RETURN(input.tax_category, words.next("tax category"));
      } else if (words.accept("description")) {
        O2C_ASSIGN_OR_RETURN(input.description, words.next("description"));
      } else {
        O2C_RETURN_IF_ERROR(words.expect("reason"));
        O2C_ASSIGN_OR_RETURN(input.reason, words.next("reason"));
      }
    }
    Result<Invoice> note = app::issue_debit_note(*context_, input);
    if (!settle(line, note) || !line.has_expectation) return {};
    Words want(line.expected, 0);
    O2C_RETURN_IF_ERROR(compare_text(line, want, "debit note number", note->number));
    return want.finish();
  }

  // "proforma <SO-…>" -> PF-… gross <amount>
  Status when_proforma(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string order, words.next("order number"));
    O2C_RETURN_IF_ERROR(words.finish());
    Result<ProformaInvoice> proforma = app::issue_proforma(*context_, order);
    if (!settle(line, proforma) || !line.has_expectation) return {};
    Words want(line.expected, 0);
    O2C_RETURN_IF_ERROR(compare_text(line, want, "pro-forma number", proforma->number));
    if (want.accept("gross"))
      O2C_RETURN_IF_ERROR(compare_money(line, want, "pro-forma gross", proforma->gross_total));
    return want.finish();
  }

  // "then credit_note <CN-…> [gross|net|tax|allocated <amount>] [invoice <INV-…>] [cause <c>]
  // [lines <n>]"
  Status then_credit_note(const Line& line, Words& words, StoreReader& reader) {
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("credit note number"));
    O2C_ASSIGN_OR_RETURN(std::optional<CreditNote> note, reader.find_credit_note(number));
    if (!note) {
      fail(line, "credit note " + number + ": expected to exist, got no such credit note");
      return {};
    }
    const std::string subject = "credit note " + number + " ";
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      if (field == "gross") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, note->gross_total));
      } else if (field == "net") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, note->net_total));
      } else if (field == "tax") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, note->tax_total));
      } else if (field == "allocated") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, note->allocated));
      } else if (field == "invoice") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, note->invoice_number));
      } else if (field == "cause") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, wire_name(note->cause)));
      } else if (field == "lines") {
        O2C_ASSIGN_OR_RETURN(std::int64_t count, integer_word(words, "line count"));
        compare(line, subject + field, std::to_string(count), std::to_string(note->lines.size()));
      } else {
        return syntax_error("a credit note has no field '" + field + "'");
      }
    }
    return {};
  }

  // "reorder_point <sku> <warehouse> <qty>"
  Status when_reorder_point(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string sku, words.next("SKU"));
    O2C_ASSIGN_OR_RETURN(std::string warehouse, words.next("warehouse code"));
    O2C_ASSIGN_OR_RETURN(Quantity quantity, quantity_word(words, "reorder point"));
    O2C_RETURN_IF_ERROR(words.finish());
    O2C_RETURN_IF_ERROR(expect_plain_success(line));
    const Status set = app::set_reorder_point(*context_, sku, warehouse, quantity);
    settle(line, set ? nullptr : &set.error());
    return {};
  }

  // ---- payments --------------------------------------------------------------------------

  // "pay <customer> amount <amount> <currency> reference <text> [invoice <number>]…
  //  [on <date>] [method <method>]"
  static Result<app::PaymentRequest> parse_payment(Words& words) {
    app::PaymentRequest request;
    O2C_ASSIGN_OR_RETURN(request.customer_number, words.next("customer number"));
    bool has_amount = false;
    bool has_reference = false;
    while (!words.done()) {
      if (words.accept("amount")) {
        O2C_ASSIGN_OR_RETURN(std::string amount, words.next("amount"));
        O2C_ASSIGN_OR_RETURN(Currency currency, currency_word(words));
        O2C_ASSIGN_OR_RETURN(request.amount, as_syntax(parse_money(amount, currency)));
        has_amount = true;
      } else if (words.accept("reference")) {
        O2C_ASSIGN_OR_RETURN(request.reference, words.next("payment reference"));
        has_reference = true;
      } else if (words.accept("invoice")) {
        O2C_ASSIGN_OR_RETURN(std::string number, words.next("invoice number"));
        request.invoice_numbers.push_back(std::move(number));
      } else if (words.accept("on")) {
        O2C_ASSIGN_OR_RETURN(request.received_on, date_word(words, "date received"));
      } else if (words.accept("method")) {
        O2C_ASSIGN_OR_RETURN(std::string method, words.next("payment method"));
        O2C_ASSIGN_OR_RETURN(request.method, as_syntax(payment_method_from_wire(method)));
      } else {
        return syntax_error("unexpected '" + std::string(words.peek()) + "'");
      }
    }
    if (!has_amount || !has_reference) return syntax_error("a payment needs amount and reference");
    return request;
  }

  // "-> <PAY number> [applied <invoice> <amount>… | applied none] [unapplied <amount>]"
  Status check_payment(const Line& line, const app::PaymentOutcome& outcome) {
    if (!line.has_expectation) return {};
    Words want(line.expected, 0);
    const Currency currency = outcome.payment.amount.currency;
    if (want.peek().starts_with("PAY-")) {
      O2C_RETURN_IF_ERROR(compare_text(line, want, "payment number", outcome.payment.number));
    }
    bool listed = false;
    std::string expected_list;
    while (!want.done()) {
      if (want.accept("applied")) {
        listed = true;
        if (want.accept("none")) continue;
        O2C_ASSIGN_OR_RETURN(std::string invoice, want.next("invoice number"));
        O2C_ASSIGN_OR_RETURN(Money amount, money_word(want, currency, "amount applied"));
        expected_list +=
            (expected_list.empty() ? "" : ", ") + invoice + " " + format_amount(amount);
      } else if (want.accept("unapplied")) {
        O2C_RETURN_IF_ERROR(compare_money(line, want, "unapplied", outcome.payment.unapplied));
      } else {
        return syntax_error("unexpected '" + std::string(want.peek()) + "' in the outcome");
      }
    }
    if (listed) {
      std::string actual_list;
      for (const Application& application : outcome.applications)
        actual_list += (actual_list.empty() ? "" : ", ") + application.invoice_number + " " +
                       format_amount(application.amount);
      compare(line, "applications", expected_list.empty() ? "none" : expected_list,
              actual_list.empty() ? "none" : actual_list);
    }
    return {};
  }

  Status run_payments(std::span<const BatchItem> items) {
    std::vector<app::PaymentRequest> requests;
    std::vector<const Line*> lines;
    for (const BatchItem& item : items) {
      Words words(item.line->words, item.verb_at + 1);
      Result<app::PaymentRequest> request = parse_payment(words);
      if (!request) {
        if (items.size() == 1) return request.error();
        report(*item.line, request.error());
        return {};
      }
      requests.insert(requests.end(), item.copies, *request);
      lines.insert(lines.end(), item.copies, item.line);
    }
    std::vector<Result<app::PaymentOutcome>> recorded = app::record_payments(*context_, requests);
    for (std::size_t i = 0; i < recorded.size(); ++i) {
      if (!settle(*lines[i], recorded[i])) continue;
      report(*lines[i], check_payment(*lines[i], *recorded[i]));
    }
    return {};
  }

  // ---- payments after receipt: cards, refunds, reversals, direct debit (payment_lifecycle.h)

  static bool is_payments_verb(const std::string& verb) {
    return verb == "card_gateway" || verb == "card_pay" || verb == "refund" || verb == "reverse" ||
           verb == "creditor" || verb == "mandate_add" || verb == "mandate_revoke" ||
           verb == "collect";
  }

  Status run_payments_action(const Line& line, const std::string& verb, Words& words) {
    if (verb == "card_gateway") return when_card_gateway(line, words);
    if (verb == "card_pay") return when_card_pay(line, words);
    if (verb == "refund") return when_refund(line, words);
    if (verb == "reverse") return when_reverse(line, words);
    if (verb == "creditor") return when_creditor(line, words);
    if (verb == "mandate_add") return when_mandate_add(line, words);
    if (verb == "mandate_revoke") return when_mandate_revoke(line, words);
    return when_collect(line, words);
  }

  // "card_gateway <name>"
  Status when_card_gateway(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string name, words.next("gateway name"));
    O2C_RETURN_IF_ERROR(words.finish());
    O2C_RETURN_IF_ERROR(expect_plain_success(line));
    const Status set = app::set_card_gateway(*context_, name);
    settle(line, set ? nullptr : &set.error());
    return {};
  }

  // "card_pay <customer> amount <a> <currency> token <token> [reference <r>] [invoice <n>]…
  //  [on <date>]" -> <PAY number> <brand> <last4> [applied …] [unapplied <a>]
  Status when_card_pay(const Line& line, Words& words) {
    app::CardPaymentRequest request;
    O2C_ASSIGN_OR_RETURN(request.payment.customer_number, words.next("customer number"));
    while (!words.done()) {
      if (words.accept("amount")) {
        O2C_ASSIGN_OR_RETURN(std::string amount, words.next("amount"));
        O2C_ASSIGN_OR_RETURN(Currency currency, currency_word(words));
        O2C_ASSIGN_OR_RETURN(request.payment.amount, as_syntax(parse_money(amount, currency)));
      } else if (words.accept("token")) {
        O2C_ASSIGN_OR_RETURN(request.card_token, words.next("card token"));
      } else if (words.accept("reference")) {
        O2C_ASSIGN_OR_RETURN(request.payment.reference, words.next("payment reference"));
      } else if (words.accept("invoice")) {
        O2C_ASSIGN_OR_RETURN(std::string number, words.next("invoice number"));
        request.payment.invoice_numbers.push_back(std::move(number));
      } else if (words.accept("on")) {
        O2C_ASSIGN_OR_RETURN(request.payment.received_on, date_word(words, "date received"));
      } else {
        return syntax_error("unexpected '" + std::string(words.peek()) + "'");
      }
    }
    Result<app::CardPaymentOutcome> paid = card_payment(request);
    if (!settle(line, paid) || !line.has_expectation) return {};
    Words want(line.expected, 0);
    O2C_RETURN_IF_ERROR(compare_text(line, want, "payment number", paid->recorded.payment.number));
    O2C_RETURN_IF_ERROR(compare_text(line, want, "card brand", paid->card.brand));
    O2C_RETURN_IF_ERROR(compare_text(line, want, "card last four", paid->card.last4));
    if (want.done()) return {};
    Line rest = line;
    rest.expected.assign(line.expected.begin() + 3, line.expected.end());
    return check_payment(rest, paid->recorded);
  }

  Result<app::CardPaymentOutcome> card_payment(const app::CardPaymentRequest& request) {
    O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store_->reader());
    O2C_ASSIGN_OR_RETURN(std::unique_ptr<CardGateway> gateway, app::load_card_gateway(*reader));
    return app::record_card_payment(*context_, *gateway, request);
  }

  // "refund <PAY number> amount <a> reason <text>" -> <RF number>
  Status when_refund(const Line& line, Words& words) {
    app::PaymentRefundRequest request;
    O2C_ASSIGN_OR_RETURN(request.payment_number, words.next("payment number"));
    O2C_RETURN_IF_ERROR(words.expect("amount"));
    O2C_ASSIGN_OR_RETURN(std::string amount, words.next("amount"));
    O2C_RETURN_IF_ERROR(words.expect("reason"));
    O2C_ASSIGN_OR_RETURN(request.reason, words.next("reason"));
    O2C_RETURN_IF_ERROR(words.finish());
    O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store_->reader());
    O2C_ASSIGN_OR_RETURN(std::optional<PaymentRecord> record,
                         reader->find_payment_record(request.payment_number));
    const Currency currency = record ? record->payment.amount.currency : company_currency_;
    O2C_ASSIGN_OR_RETURN(request.amount, as_syntax(parse_money(amount, currency)));
    Result<std::unique_ptr<CardGateway>> gateway = app::load_card_gateway(*reader);
    reader.reset();
    Result<PaymentRefund> refunded =
        app::refund_payment(*context_, gateway ? gateway->get() : nullptr, request);
    if (!settle(line, refunded)) return {};
    compare_outcome(line, "refund", refunded->number);
    return {};
  }

  // "reverse <PAY number> reason <reason>" -> reopened <invoice> <amount> <state>… | reopened none
  Status when_reverse(const Line& line, Words& words) {
    app::PaymentReversalRequest request;
    O2C_ASSIGN_OR_RETURN(request.payment_number, words.next("payment number"));
    O2C_RETURN_IF_ERROR(words.expect("reason"));
    O2C_ASSIGN_OR_RETURN(std::string reason, words.next("reversal reason"));
    O2C_RETURN_IF_ERROR(words.finish());
    O2C_ASSIGN_OR_RETURN(request.reason, as_syntax(reversal_reason_from_wire(reason)));
    Result<app::PaymentReversalOutcome> reversed = app::reverse_payment(*context_, request);
    if (!settle(line, reversed)) return {};
    std::string actual = "reopened";
    for (const app::ReopenedInvoice& reopened : reversed->reopened)
      actual += " " + reopened.invoice_number + " " + format_amount(reopened.amount) + " " +
                std::string(wire_name(reopened.state));
    if (reversed->reopened.empty()) actual += " none";
    compare_outcome(line, "reversal", actual);
    return {};
  }

  // "creditor name <n> iban <i> bic <b> id <creditor id>"
  Status when_creditor(const Line& line, Words& words) {
    Creditor creditor;
    std::pair<const char*, std::string*> fields[] = {{"name", &creditor.name},
                                                     {"iban", &creditor.iban},
                                                     {"bic", &creditor.bic},
                                                     {"id", &creditor.creditor_id}};
    for (auto& [keyword, value] : fields) {
      O2C_RETURN_IF_ERROR(words.expect(keyword));
      O2C_ASSIGN_OR_RETURN(*value, words.next(keyword));
    }
    O2C_RETURN_IF_ERROR(words.finish());
    O2C_RETURN_IF_ERROR(expect_plain_success(line));
    settle(line, app::set_creditor(*context_, creditor));
    return {};
  }

  // "mandate_add <customer> id <mandate id> iban <iban> bic <bic> signed <date>"
  Status when_mandate_add(const Line& line, Words& words) {
    app::MandateRequest request;
    O2C_ASSIGN_OR_RETURN(request.customer_number, words.next("customer number"));
    std::pair<const char*, std::string*> fields[] = {
        {"id", &request.mandate_id}, {"iban", &request.iban}, {"bic", &request.bic}};
    for (auto& [keyword, value] : fields) {
      O2C_RETURN_IF_ERROR(words.expect(keyword));
      O2C_ASSIGN_OR_RETURN(*value, words.next(keyword));
    }
    O2C_RETURN_IF_ERROR(words.expect("signed"));
    O2C_ASSIGN_OR_RETURN(request.signed_on, date_word(words, "date of signature"));
    O2C_RETURN_IF_ERROR(words.finish());
    O2C_RETURN_IF_ERROR(expect_plain_success(line));
    settle(line, app::add_mandate(*context_, request));
    return {};
  }

  // "mandate_revoke <mandate id>"
  Status when_mandate_revoke(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string mandate_id, words.next("mandate id"));
    O2C_RETURN_IF_ERROR(words.finish());
    O2C_RETURN_IF_ERROR(expect_plain_success(line));
    settle(line, app::revoke_mandate(*context_, mandate_id));
    return {};
  }

  // "collect <date>" -> <DD number> <FRST|RCUR> <invoice> <amount>… | nothing. The file is
  // kept for "then pain008 …".
  Status when_collect(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(Date date, date_word(words, "collection date"));
    O2C_RETURN_IF_ERROR(words.finish());
    Result<app::DirectDebitRun> run = app::collect_direct_debits(*context_, date);
    if (!settle(line, run)) return {};
    if (!run->pain008.empty()) last_pain008_ = run->pain008;
    std::string actual = run->collected.empty() ? "nothing" : run->batch_number;
    for (const app::DirectDebitCollection& c : run->collected)
      actual += " " + std::string(wire_name(c.sequence_type)) + " " + c.invoice_number + " " +
                format_amount(c.amount);
    compare_outcome(line, "collection", actual);
    return {};
  }

  static bool is_payments_check(const std::string& what) {
    return what == "payment_record" || what == "credit_balance" || what == "mandate" ||
           what == "pain008";
  }

  Status then_payments(const Line& line, const std::string& what, Words& words,
                       StoreReader& reader) {
    if (what == "payment_record") return then_payment_record(line, words, reader);
    if (what == "credit_balance") return then_credit_balance(line, words);
    if (what == "mandate") return then_mandate(line, words, reader);
    return then_pain008(line, words);
  }

  // "payment_record <PAY number> [status s] [unapplied a] [refunded a] [reason r]
  //  [card <brand> <last4>] [applications n]"
  Status then_payment_record(const Line& line, Words& words, StoreReader& reader) {
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("payment number"));
    O2C_ASSIGN_OR_RETURN(std::optional<PaymentRecord> record, reader.find_payment_record(number));
    if (!record) {
      fail(line, "payment " + number + ": expected to exist, got no such payment");
      return {};
    }
    const std::string subject = "payment " + number + " ";
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      if (field == "status") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, wire_name(record->status)));
      } else if (field == "unapplied") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, record->payment.unapplied));
      } else if (field == "refunded") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, record->refunded));
      } else if (field == "reason") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, record->reversal_reason));
      } else if (field == "method") {
        O2C_RETURN_IF_ERROR(
            compare_text(line, words, subject + field, wire_name(record->payment.method)));
      } else if (field == "card") {
        O2C_ASSIGN_OR_RETURN(std::string brand, words.next("card brand"));
        O2C_ASSIGN_OR_RETURN(std::string last4, words.next("last four"));
        compare(line, subject + field, brand + " " + last4,
                record->card ? record->card->brand + " " + record->card->last4 : "none");
      } else if (field == "applications") {
        O2C_ASSIGN_OR_RETURN(std::int64_t count, integer_word(words, "application count"));
        O2C_ASSIGN_OR_RETURN(std::vector<AppliedAmount> applied,
                             reader.payment_applications(record->payment.id));
        compare(line, subject + field, std::to_string(count), std::to_string(applied.size()));
      } else {
        return syntax_error("a payment record has no field '" + field + "'");
      }
    }
    return {};
  }

  // "credit_balance <customer> [receivables a] [unapplied a] [credit a] [net a]"
  Status then_credit_balance(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("customer number"));
    O2C_ASSIGN_OR_RETURN(app::CustomerCreditBalance balance,
                         app::customer_credit_balance(*store_, number));
    const std::string subject = "credit balance of " + number + " ";
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      Money actual;
      if (field == "receivables") {
        actual = balance.receivables;
      } else if (field == "unapplied") {
        actual = balance.unapplied_cash;
      } else if (field == "credit") {
        actual = balance.unused_credit;
      } else if (field == "net") {
        actual = balance.net_balance;
      } else {
        return syntax_error("a credit balance has no field '" + field + "'");
      }
      O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, actual));
    }
    return {};
  }

  // "mandate <mandate id> [status s] [collections n]"
  Status then_mandate(const Line& line, Words& words, StoreReader& reader) {
    O2C_ASSIGN_OR_RETURN(std::string id, words.next("mandate id"));
    O2C_ASSIGN_OR_RETURN(std::optional<Mandate> mandate, reader.find_mandate(id));
    if (!mandate) {
      fail(line, "mandate " + id + ": expected to exist, got no such mandate");
      return {};
    }
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      if (field == "status") {
        O2C_RETURN_IF_ERROR(
            compare_text(line, words, "mandate " + id + " status", wire_name(mandate->status)));
      } else if (field == "collections") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, "mandate " + id + " collections",
                                         std::to_string(mandate->collections)));
      } else {
        return syntax_error("a mandate has no field '" + field + "'");
      }
    }
    return {};
  }

  // "pain008 contains <text>": the last collection file holds the text.
  Status then_pain008(const Line& line, Words& words) {
    O2C_RETURN_IF_ERROR(words.expect("contains"));
    O2C_ASSIGN_OR_RETURN(std::string text, words.next("text"));
    O2C_RETURN_IF_ERROR(words.finish());
    compare(line, "pain.008 contains " + text, "yes",
            last_pain008_.find(text) != std::string::npos ? "yes" : "no");
    return {};
  }

  // ---- tampering -------------------------------------------------------------------------

  // "tamper journal <sequence> [edit|rehash|delete]": changes the stored journal behind the
  // store's back, as someone with access to the file could: edit appends a space to the
  // event's payload; rehash does that and also recomputes the entry's own hash; delete removes
  // the entry.
  Status when_tamper(const Line& line, Words& words) {
    O2C_RETURN_IF_ERROR(words.expect("journal"));
    O2C_ASSIGN_OR_RETURN(std::int64_t sequence, integer_word(words, "journal sequence"));
    std::string how = "edit";
    if (!words.done()) {
      O2C_ASSIGN_OR_RETURN(how, words.next("edit, rehash or delete"));
    }
    O2C_RETURN_IF_ERROR(words.finish());
    if (how != "edit" && how != "rehash" && how != "delete" && how != "rechain")
      return syntax_error("tamper with a journal entry by edit, rehash, rechain or delete, not '" +
                          how + "'");
    if (line.has_expectation) return syntax_error("'tamper' takes no '->'");
    store_->flush();
    RawDatabase db;
    O2C_RETURN_IF_ERROR(db.open(database_path_));
    if (how == "delete")
      return db.change_one("DELETE FROM journal WHERE sequence = ?", {std::to_string(sequence)},
                           sequence);
    if (how == "edit")
      return db.change_one("UPDATE journal SET payload = payload || ' ' WHERE sequence = ?",
                           {std::to_string(sequence)}, sequence);
    O2C_ASSIGN_OR_RETURN(std::vector<std::string> row,
                         db.select_one("SELECT at_micros, actor, kind, document, payload, "
                                       "previous_hash FROM journal WHERE sequence = ?",
                                       std::to_string(sequence), 6));
    JournalEvent event{sequence, Timestamp{}, row[1], row[2], row[3], row[4] + " "};
    const auto [end, error] =
        std::from_chars(row[0].data(), row[0].data() + row[0].size(), event.at.unix_micros);
    if (error != std::errc{} || end != row[0].data() + row[0].size())
      return internal_error("tamper_failed", "journal entry's time is not a number");
    O2C_ASSIGN_OR_RETURN(Sha256Digest previous, digest_from_hex(row[5]));
    const Sha256Digest digest = chain_hash(previous, event);
    O2C_RETURN_IF_ERROR(db.change_one("UPDATE journal SET payload = ?, hash = ? WHERE sequence = ?",
                                      {event.payload, to_hex(digest), std::to_string(sequence)},
                                      sequence));
    if (how == "rehash") return {};
    return rechain_after(db, sequence, digest);
  }

  // "rechain": a forger who rewrites every later entry too, so that the chain recomputes
  // from the genesis to the head; only a checkpoint taken before shows it.
  Status rechain_after(RawDatabase& db, std::int64_t sequence, Sha256Digest previous) {
    O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store_->reader());
    std::vector<StoredJournalEntry> later;
    O2C_RETURN_IF_ERROR(reader->scan_journal(sequence, [&](const StoredJournalEntry& entry) {
      later.push_back(entry);
      return true;
    }));
    for (const StoredJournalEntry& entry : later) {
      const Sha256Digest digest = chain_hash(previous, entry.event);
      const std::string number = std::to_string(entry.event.sequence);
      O2C_RETURN_IF_ERROR(
          db.change_one("UPDATE journal SET previous_hash = ?, hash = ? WHERE sequence = ?",
                        {to_hex(previous), to_hex(digest), number}, entry.event.sequence));
      previous = digest;
    }
    return {};
  }

  // ---- the books and the audit trail -------------------------------------------------------

  // "close_period <YYYY-MM>" / "reopen_period <YYYY-MM> reason <text>" -> ok | error …
  Status when_period(const Line& line, Words& words, bool close) {
    O2C_ASSIGN_OR_RETURN(std::string text, words.next("period YYYY-MM"));
    std::string reason;
    if (!close) {
      O2C_RETURN_IF_ERROR(words.expect("reason"));
      O2C_ASSIGN_OR_RETURN(reason, words.next("reason"));
    }
    O2C_RETURN_IF_ERROR(words.finish());
    O2C_RETURN_IF_ERROR(expect_plain_success(line));
    Result<YearMonth> period = parse_year_month(text);
    if (!period) {
      settle(line, period);
      return {};
    }
    settle(line, close ? app::close_period(*context_, *period)
                       : app::reopen_period(*context_, *period, reason));
    return {};
  }

  // "checkpoint [-> <sequence>]": remembers the journal's head for verify_checkpoint saved.
  Status when_checkpoint(const Line& line, Words& words) {
    O2C_RETURN_IF_ERROR(words.finish());
    O2C_ASSIGN_OR_RETURN(JournalCheckpoint head, app::journal_checkpoint(*store_));
    checkpoint_ = head;
    if (line.has_expectation) {
      Words expected(line.expected, 0);
      O2C_ASSIGN_OR_RETURN(std::int64_t sequence, integer_word(expected, "checkpoint sequence"));
      O2C_RETURN_IF_ERROR(expected.finish());
      compare(line, "checkpoint sequence", std::to_string(sequence), std::to_string(head.sequence));
    }
    return {};
  }

  // "verify_checkpoint saved|<SEQ:HASH>|<SEQ>:other" -> verified <count> | <reason> at <seq>
  // | error <reason>. "<SEQ>:other" is the saved hash with its first digit changed.
  Status when_verify_checkpoint(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string text, words.next("saved or SEQ:HASH"));
    O2C_RETURN_IF_ERROR(words.finish());
    if (text == "saved" || text.ends_with(":other")) {
      if (!checkpoint_) return syntax_error("no 'when checkpoint' before");
      JournalCheckpoint changed = *checkpoint_;
      if (text != "saved") {
        changed.sequence = std::stoll(text.substr(0, text.find(':')));
        changed.hash_hex[0] = changed.hash_hex[0] == '0' ? '1' : '0';
      }
      text = std::to_string(changed.sequence) + ":" + changed.hash_hex;
    }
    Result<JournalCheckpoint> checkpoint = parse_checkpoint(text);
    if (!checkpoint) {
      settle(line, checkpoint);
      return {};
    }
    O2C_ASSIGN_OR_RETURN(app::JournalVerdict verdict, app::verify_journal(*store_, *checkpoint));
    if (!line.has_expectation) return syntax_error("verify_checkpoint needs '-> <outcome>'");
    std::string want;
    for (const std::string& word : line.expected) want += (want.empty() ? "" : " ") + word;
    const std::string got =
        verdict.ok ? "verified " + std::to_string(verdict.verified)
                   : std::string(verdict.reason) + " at " + std::to_string(verdict.failed_sequence);
    ++checks_;
    if (want != got)
      fail(line, "checkpoint: expected " + want + ", got " + got + " (" + verdict.failure + ")");
    return {};
  }

  // "gl <code> <currency> [from <date>] [to <date>] [opening <a>] [debit <a>] [credit <a>]
  // [closing <a>] [lines <n>]": the general ledger of the chart's account <code>.
  Status then_general_ledger(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::int64_t code, integer_word(words, "account code"));
    O2C_ASSIGN_OR_RETURN(Currency currency, currency_word(words));
    app::GeneralLedgerQuery query{static_cast<int>(code), {}, {}};
    if (words.accept("from")) {
      O2C_ASSIGN_OR_RETURN(query.from, date_word(words, "from date"));
    }
    if (words.accept("to")) {
      O2C_ASSIGN_OR_RETURN(query.to, date_word(words, "to date"));
    }
    O2C_ASSIGN_OR_RETURN(app::GeneralLedgerReport report,
                         app::general_ledger_report(*store_, query));
    GeneralLedger ledger{currency,       zero(currency), {},
                         zero(currency), zero(currency), zero(currency)};
    for (const GeneralLedger& found : report.ledgers) {
      if (found.currency == currency) ledger = found;
    }
    const std::string subject = "gl " + std::to_string(code) + " " + std::string(currency.text());
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      if (field == "opening") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + " opening", ledger.opening));
      } else if (field == "debit") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + " debit", ledger.total_debit));
      } else if (field == "credit") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + " credit", ledger.total_credit));
      } else if (field == "closing") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + " closing", ledger.closing));
      } else if (field == "lines") {
        O2C_ASSIGN_OR_RETURN(std::int64_t count, integer_word(words, "line count"));
        compare(line, subject + " lines", std::to_string(count),
                std::to_string(ledger.lines.size()));
      } else if (field == "name") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + " name", report.account.name));
      } else {
        return syntax_error("a general ledger has no field '" + field + "'");
      }
    }
    return {};
  }

  // "subledger <customer|TOTAL> [as_of <date>] [currency <c>] [receivables <a>] [unapplied <a>]"
  Status then_subledger(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string who, words.next("customer number or TOTAL"));
    Date as_of = clock_.today();
    if (words.accept("as_of")) {
      O2C_ASSIGN_OR_RETURN(as_of, date_word(words, "as-of date"));
    }
    Currency currency = company_currency_;
    if (words.accept("currency")) {
      O2C_ASSIGN_OR_RETURN(currency, currency_word(words));
    }
    std::optional<std::string> only;
    if (who != "TOTAL") only = who;
    O2C_ASSIGN_OR_RETURN(app::SubledgerReport report, app::subledger_report(*store_, only, as_of));
    CustomerLedgerRow row{who, "", zero(currency), zero(currency)};
    for (const CustomerLedgerRow& found : report.customers) {
      if (found.open_receivables.currency == currency && found.customer_number == who) row = found;
    }
    for (const app::SubledgerReconciliation& found : report.reconciliation) {
      if (who == "TOTAL" && found.currency == currency)
        row = CustomerLedgerRow{who, "", found.open_receivables, found.unapplied_cash};
    }
    const std::string subject = "subledger " + who + " as of " + format_date(as_of) + " ";
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      if (field == "receivables") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, row.open_receivables));
      } else if (field == "unapplied") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, row.unapplied_cash));
      } else {
        return syntax_error("a sub-ledger row has no field '" + field + "'");
      }
    }
    return {};
  }

  // "reconciliation [as_of <date>] [currency <c>] [receivables_account <a>]
  // [receivables_difference <a>] [unapplied_account <a>] [unapplied_difference <a>]"
  Status then_reconciliation(const Line& line, Words& words) {
    Date as_of = clock_.today();
    if (words.accept("as_of")) {
      O2C_ASSIGN_OR_RETURN(as_of, date_word(words, "as-of date"));
    }
    Currency currency = company_currency_;
    if (words.accept("currency")) {
      O2C_ASSIGN_OR_RETURN(currency, currency_word(words));
    }
    O2C_ASSIGN_OR_RETURN(app::SubledgerReport report,
                         app::subledger_report(*store_, std::nullopt, as_of));
    const Money nothing = zero(currency);
    app::SubledgerReconciliation row{currency, nothing, nothing, nothing,
                                     nothing,  nothing, nothing};
    for (const app::SubledgerReconciliation& found : report.reconciliation) {
      if (found.currency == currency) row = found;
    }
    const std::string subject = "reconciliation as of " + format_date(as_of) + " ";
    const std::pair<const char*, Money> fields[] = {
        {"receivables_account", row.receivables_account},
        {"receivables_difference", row.receivables_difference},
        {"unapplied_account", row.unapplied_account},
        {"unapplied_difference", row.unapplied_difference}};
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      const auto* found = std::find_if(std::begin(fields), std::end(fields),
                                       [&](const auto& pair) { return field == pair.first; });
      if (found == std::end(fields))
        return syntax_error("a reconciliation has no field '" + field + "'");
      O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, found->second));
    }
    return {};
  }

  // "period <YYYY-MM> state open|closed [by <actor>] [reason <text>]"
  Status then_period(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string text, words.next("period YYYY-MM"));
    O2C_ASSIGN_OR_RETURN(YearMonth period, as_syntax(parse_year_month(text)));
    O2C_ASSIGN_OR_RETURN(std::vector<PeriodStatus> periods, app::list_periods(*store_));
    PeriodStatus status{period, false, {}, {}, {}};
    for (const PeriodStatus& found : periods) {
      if (found.period == period) status = found;
    }
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      if (field == "state") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, "period " + text + " state",
                                         status.closed ? "closed" : "open"));
      } else if (field == "by") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, "period " + text + " by", status.changed_by));
      } else if (field == "reason") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, "period " + text + " reason", status.reason));
      } else {
        return syntax_error("a period has no field '" + field + "'");
      }
    }
    return {};
  }

  // "journal_kinds "<kind> <kind> …"": every event kind in the journal, in order of first use.
  Status then_journal_kinds(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string expected, words.next("event kinds"));
    O2C_RETURN_IF_ERROR(words.finish());
    O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store_->reader());
    std::vector<std::string> kinds;
    O2C_RETURN_IF_ERROR(reader->scan_journal(0, [&](const StoredJournalEntry& entry) {
      if (std::find(kinds.begin(), kinds.end(), entry.event.kind) == kinds.end())
        kinds.push_back(entry.event.kind);
      return true;
    }));
    std::string got;
    for (const std::string& kind : kinds) got += (got.empty() ? "" : " ") + kind;
    compare(line, "journal kinds", expected, got);
    return {};
  }

  // "chart <role> code <n> [name <text>]": the account the chart in force gives a role.
  Status then_chart(const Line& line, Words& words, StoreReader& reader) {
    O2C_ASSIGN_OR_RETURN(std::string role_name, words.next("role"));
    O2C_ASSIGN_OR_RETURN(Account role, as_syntax(account_from_wire_name(role_name)));
    O2C_ASSIGN_OR_RETURN(Chart chart, app::load_chart(reader));
    const ChartAccount& account = account_of(chart, role);
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      if (field == "code") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, "chart " + role_name + " code",
                                         std::to_string(account.code)));
      } else if (field == "name") {
        O2C_RETURN_IF_ERROR(
            compare_text(line, words, "chart " + role_name + " name", account.name));
      } else {
        return syntax_error("a chart account has no field '" + field + "'");
      }
    }
    return {};
  }

  // ---- checks ----------------------------------------------------------------------------

  Status run_then(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string what, words.next("what to check"));
    O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store_->reader());
    if (what == "order") return then_order(line, words, *reader);
    if (what == "line") return then_order_line(line, words, *reader);
    if (what == "invoice") return then_invoice(line, words, *reader);
    if (what == "invoice_line") return then_invoice_line(line, words, *reader);
    if (what == "credit_note") return then_credit_note(line, words, *reader);
    if (what == "customer") return then_customer(line, words, *reader);
    if (what == "payment") return then_payment(line, words, *reader);
    if (what == "stock") return then_stock(line, words, *reader);
    if (what == "atp") return then_atp(line, words);
    if (what == "ledger") return then_ledger(line, words);
    if (what == "account") return then_account(line, words);
    if (what == "company_account") return then_company_account(line, words);
    if (what == "aging") return then_aging(line, words);
    if (what == "journal") return then_journal(line, words);
    if (what == "orders" || what == "invoices" || what == "payments")
      return then_series(line, what, words, *reader);
    if (what == "shipment") return then_shipment(line, words, *reader);
    if (what == "return") return then_return(line, words, *reader);
    if (what == "credit_request") return then_credit_request(line, words, *reader);
    if (what == "alert" || what == "alerts") return then_alerts(line, words, what == "alerts");
    if (what == "perfect_orders") return then_perfect_orders(line, words);
    if (what == "timeline") return then_timeline(line, words);
    if (what == "gl") return then_general_ledger(line, words);
    if (what == "subledger") return then_subledger(line, words);
    if (what == "reconciliation") return then_reconciliation(line, words);
    if (what == "period") return then_period(line, words);
    if (what == "journal_kinds") return then_journal_kinds(line, words);
    if (what == "chart") return then_chart(line, words, *reader);
    if (what == "subscription") return then_subscription(line, words, *reader);
    if (is_credit_check(what)) return then_credit(line, what, words, *reader);
    if (is_payments_check(what)) return then_payments(line, what, words, *reader);
    if (is_dispute_check(what)) return run_dispute_check(line, what, words, *reader);
    if (is_collections_check(what)) return run_collections_check(line, what, words);
    if (is_bank_check(what)) return then_bank(line, what, words, *reader);
    return syntax_error("unknown check '" + what + "'");
  }

  Status then_order(const Line& line, Words& words, StoreReader& reader) {
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("order number"));
    O2C_ASSIGN_OR_RETURN(std::optional<Order> order, reader.find_order(number));
    if (words.accept("absent")) {
      O2C_RETURN_IF_ERROR(words.finish());
      compare(line, "order " + number, "absent", order ? "present" : "absent");
      return {};
    }
    if (!order) {
      fail(line, "order " + number + ": expected to exist, got no such order");
      return {};
    }
    const std::string subject = "order " + number + " ";
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      if (field == "state") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, wire_name(order->state)));
      } else if (field == "net") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, order->net_total));
      } else if (field == "tax") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, order->tax_total));
      } else if (field == "gross") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, order->gross_total));
      } else if (field == "customer") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, order->customer_number));
      } else if (field == "currency") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, order->currency.text()));
      } else if (field == "date") {
        O2C_RETURN_IF_ERROR(compare_date(line, words, subject + field, order->order_date));
      } else if (field == "lines") {
        O2C_ASSIGN_OR_RETURN(std::int64_t count, integer_word(words, "line count"));
        compare(line, subject + field, std::to_string(count), std::to_string(order->lines.size()));
      } else if (field == "approval") {
        // "approval <level> <decision>"
        O2C_ASSIGN_OR_RETURN(std::int64_t level, integer_word(words, "approval level"));
        std::string decision = "none";
        for (const ApprovalStep& step : order->approvals) {
          if (step.level == level) decision = wire_name(step.decision);
        }
        O2C_RETURN_IF_ERROR(
            compare_text(line, words, subject + "approval " + std::to_string(level), decision));
      } else if (field == "uninvoiced") {
        O2C_ASSIGN_OR_RETURN(Money uninvoiced, uninvoiced_gross(*order));
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, uninvoiced));
      } else if (field == "coupon") {
        // "coupon <code> redeemed|not_redeemed|absent"
        O2C_ASSIGN_OR_RETURN(std::string code, words.next("coupon code"));
        std::string status = "absent";
        for (const OrderCoupon& coupon : order->coupons) {
          if (coupon.code == code) status = coupon.redeemed ? "redeemed" : "not_redeemed";
        }
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + "coupon " + code, status));
      } else if (field == "shipping" || field == "shipping_tax") {
        // "shipping <net>|none", "shipping_tax <tax>"
        if (!order->shipping) {
          O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, "none"));
        } else {
          const Money amount = field == "shipping" ? order->shipping->net : order->shipping->tax;
          O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, amount));
        }
      } else if (field == "shipping_invoiced") {
        const bool invoiced = order->shipping && order->shipping->invoiced;
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, invoiced ? "yes" : "no"));
      } else {
        return syntax_error("an order has no field '" + field + "'");
      }
    }
    return {};
  }

  Status then_order_line(const Line& line, Words& words, StoreReader& reader) {
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("order number"));
    O2C_ASSIGN_OR_RETURN(std::int64_t line_no, integer_word(words, "line number"));
    O2C_ASSIGN_OR_RETURN(std::optional<Order> order, reader.find_order(number));
    if (!order || line_no < 1 || line_no > static_cast<std::int64_t>(order->lines.size())) {
      fail(line, "order " + number + " line " + std::to_string(line_no) +
                     ": expected to exist, got no such line");
      return {};
    }
    const OrderLine& item = order->lines[static_cast<std::size_t>(line_no - 1)];
    const std::string subject = "order " + number + " line " + std::to_string(line_no) + " ";
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      if (field == "sku") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, item.sku));
      } else if (field == "quantity") {
        O2C_RETURN_IF_ERROR(compare_quantity(line, words, subject + field, item.quantity));
      } else if (field == "reserved") {
        O2C_RETURN_IF_ERROR(
            compare_quantity(line, words, subject + field, reserved_quantity(item)));
      } else if (field == "backordered") {
        O2C_RETURN_IF_ERROR(
            compare_quantity(line, words, subject + field, backordered_quantity(item)));
      } else if (field == "shipped") {
        O2C_RETURN_IF_ERROR(compare_quantity(line, words, subject + field, item.shipped));
      } else if (field == "invoiced") {
        O2C_RETURN_IF_ERROR(compare_quantity(line, words, subject + field, item.invoiced));
      } else if (field == "unit_price") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, item.unit_price));
      } else if (field == "net") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, item.net));
      } else if (field == "tax") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, item.tax));
      } else if (field == "tax_rate") {
        O2C_ASSIGN_OR_RETURN(BasisPoints rate, percent_word(words, subject + field));
        compare(line, subject + field, format_percent(rate), format_percent(item.tax_rate));
      } else if (field == "discount" || field == "source" || field == "margin" ||
                 field == "steps") {
        O2C_RETURN_IF_ERROR(compare_trace(line, words, subject, field, item));
      } else {
        return syntax_error("an order line has no field '" + field + "'");
      }
    }
    return {};
  }

  // What the price trace of a line says (lines priced with price rules): `discount` (all
  // discounts, an amount), `source` (contract, segment_list, default_list, catalog), `margin`
  // (not_checked, ok, discount_limited, below_floor) and `steps`, the kinds of its trace steps
  // joined by spaces ("segment_list_price percent_off tax").
  Status compare_trace(const Line& line, Words& words, const std::string& subject,
                       const std::string& field, const OrderLine& item) {
    const nlohmann::json trace =
        nlohmann::json::parse(item.price_trace, nullptr, /*allow_exceptions=*/false);
    if (!trace.is_object()) {
      O2C_ASSIGN_OR_RETURN(std::string expected, words.next("value of " + subject + field));
      fail(line, subject + field + ": expected " + expected + ", got no price trace");
      return {};
    }
    if (field == "discount") {
      O2C_ASSIGN_OR_RETURN(Money discount,
                           as_syntax(parse_money(trace.value("discount", ""), item.net.currency)));
      return compare_money(line, words, subject + field, discount);
    }
    if (field != "steps") return compare_text(line, words, subject + field, trace.value(field, ""));
    std::string kinds;
    for (const nlohmann::json& step : trace["steps"])
      kinds += (kinds.empty() ? "" : " ") + step.value("kind", std::string("?"));
    return compare_text(line, words, subject + field, kinds);
  }

  Status then_invoice(const Line& line, Words& words, StoreReader& reader) {
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("invoice number"));
    O2C_ASSIGN_OR_RETURN(std::optional<Invoice> invoice, reader.find_invoice(number));
    if (words.accept("absent")) {
      O2C_RETURN_IF_ERROR(words.finish());
      compare(line, "invoice " + number, "absent", invoice ? "present" : "absent");
      return {};
    }
    if (!invoice) {
      fail(line, "invoice " + number + ": expected to exist, got no such invoice");
      return {};
    }
    const std::string subject = "invoice " + number + " ";
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      if (field == "net") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, invoice->net_total));
      } else if (field == "tax") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, invoice->tax_total));
      } else if (field == "gross") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, invoice->gross_total));
      } else if (field == "paid") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, invoice->paid));
      } else if (field == "open") {
        O2C_ASSIGN_OR_RETURN(Money open, open_amount(*invoice));
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, open));
      } else if (field == "state") {
        O2C_RETURN_IF_ERROR(
            compare_text(line, words, subject + field, wire_name(invoice_state(*invoice))));
      } else if (field == "date") {
        O2C_RETURN_IF_ERROR(compare_date(line, words, subject + field, invoice->invoice_date));
      } else if (field == "due") {
        O2C_RETURN_IF_ERROR(compare_date(line, words, subject + field, invoice->due_date));
      } else if (field == "order") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, invoice->order_number));
      } else if (field == "shipment") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, invoice->shipment_number));
      } else if (field == "customer") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, invoice->customer_number));
      } else if (field == "lines") {
        O2C_ASSIGN_OR_RETURN(std::int64_t count, integer_word(words, "line count"));
        compare(line, subject + field, std::to_string(count),
                std::to_string(invoice->lines.size()));
      } else if (field == "credited") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, invoice->credited));
      } else if (field == "discount_taken") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, invoice->discount_taken));
      } else if (field == "kind") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, wire_name(invoice->kind)));
      } else if (field == "corrects") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, invoice->corrects_number));
      } else if (field == "discount_until") {
        O2C_ASSIGN_OR_RETURN(std::string want, words.next("date"));
        compare(line, subject + field, want,
                invoice->discount_until ? format_date(*invoice->discount_until) : "none");
      } else if (field == "instalment") {
        // instalment <n> <amount> due <date>
        O2C_ASSIGN_OR_RETURN(std::int64_t index, integer_word(words, "instalment number"));
        if (index < 1 || index > static_cast<std::int64_t>(invoice->instalments.size())) {
          fail(line, subject + "instalment " + std::to_string(index) + ": no such instalment (" +
                         std::to_string(invoice->instalments.size()) + ")");
          return {};
        }
        const Instalment& part = invoice->instalments[static_cast<std::size_t>(index - 1)];
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + "instalment amount", part.amount));
        O2C_RETURN_IF_ERROR(words.expect("due"));
        O2C_RETURN_IF_ERROR(compare_date(line, words, subject + "instalment due", part.due_date));
      } else if (field == "instalments") {
        O2C_ASSIGN_OR_RETURN(std::int64_t count, integer_word(words, "instalment count"));
        compare(line, subject + field, std::to_string(count),
                std::to_string(invoice->instalments.size()));
      } else {
        return syntax_error("an invoice has no field '" + field + "'");
      }
    }
    return {};
  }

  Status then_invoice_line(const Line& line, Words& words, StoreReader& reader) {
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("invoice number"));
    O2C_ASSIGN_OR_RETURN(std::int64_t line_no, integer_word(words, "line number"));
    O2C_ASSIGN_OR_RETURN(std::optional<Invoice> invoice, reader.find_invoice(number));
    if (!invoice || line_no < 1 || line_no > static_cast<std::int64_t>(invoice->lines.size())) {
      fail(line, "invoice " + number + " line " + std::to_string(line_no) +
                     ": expected to exist, got no such line");
      return {};
    }
    const InvoiceLine& item = invoice->lines[static_cast<std::size_t>(line_no - 1)];
    const std::string subject = "invoice " + number + " line " + std::to_string(line_no) + " ";
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      if (field == "sku") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, item.sku));
      } else if (field == "order_line") {
        O2C_ASSIGN_OR_RETURN(std::int64_t order_line, integer_word(words, "order line"));
        compare(line, subject + field, std::to_string(order_line),
                std::to_string(item.order_line_no));
      } else if (field == "quantity") {
        O2C_RETURN_IF_ERROR(compare_quantity(line, words, subject + field, item.quantity));
      } else if (field == "net") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, item.net));
      } else if (field == "tax") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, item.tax));
      } else {
        return syntax_error("an invoice line has no field '" + field + "'");
      }
    }
    return {};
  }

  Status then_customer(const Line& line, Words& words, StoreReader& reader) {
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("customer number"));
    O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer, reader.find_customer(number));
    if (!customer) {
      fail(line, "customer " + number + ": expected to exist, got no such customer");
      return {};
    }
    O2C_ASSIGN_OR_RETURN(CustomerBalance balance, reader.customer_balance(*customer));
    const std::string subject = "customer " + number + " ";
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      if (field == "receivables") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, balance.open_receivables));
      } else if (field == "open_orders") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, balance.open_orders));
      } else if (field == "unapplied") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, balance.unapplied_cash));
      } else if (field == "exposure") {
        O2C_ASSIGN_OR_RETURN(Money exposure, total_exposure(CreditExposure{
                                                 balance.open_receivables, balance.open_orders,
                                                 balance.unapplied_cash}));
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, exposure));
      } else if (field == "tier") {
        O2C_RETURN_IF_ERROR(
            compare_text(line, words, subject + field, std::to_string(customer->tier)));
      } else if (field == "preferred_warehouse") {
        const std::string& code = customer->preferred_warehouse;
        O2C_RETURN_IF_ERROR(
            compare_text(line, words, subject + field, code.empty() ? "none" : code));
      } else {
        return syntax_error("a customer has no field '" + field + "'");
      }
    }
    return {};
  }

  Status then_payment(const Line& line, Words& words, StoreReader& reader) {
    O2C_ASSIGN_OR_RETURN(std::string customer_number, words.next("customer number"));
    O2C_ASSIGN_OR_RETURN(std::string reference, words.next("payment reference"));
    O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer, reader.find_customer(customer_number));
    if (!customer) {
      fail(line, "customer " + customer_number + ": expected to exist, got no such customer");
      return {};
    }
    O2C_ASSIGN_OR_RETURN(std::optional<Payment> payment,
                         reader.find_payment(customer->id, reference));
    const std::string subject = "payment " + reference + " of " + customer_number;
    if (words.accept("absent")) {
      O2C_RETURN_IF_ERROR(words.finish());
      compare(line, subject, "absent", payment ? "present" : "absent");
      return {};
    }
    if (!payment) {
      fail(line, subject + ": expected to exist, got no such payment");
      return {};
    }
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      if (field == "number") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + " number", payment->number));
      } else if (field == "amount") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + " amount", payment->amount));
      } else if (field == "unapplied") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + " unapplied", payment->unapplied));
      } else if (field == "received_on") {
        O2C_RETURN_IF_ERROR(
            compare_date(line, words, subject + " received_on", payment->received_on));
      } else {
        return syntax_error("a payment has no field '" + field + "'");
      }
    }
    return {};
  }

  Status then_stock(const Line& line, Words& words, StoreReader& reader) {
    O2C_ASSIGN_OR_RETURN(std::string sku, words.next("SKU"));
    O2C_ASSIGN_OR_RETURN(std::string warehouse, words.next("warehouse code"));
    O2C_ASSIGN_OR_RETURN(std::vector<StockRow> rows, reader.list_stock());
    StockRow stock{warehouse, sku, Quantity{0}, Quantity{0}};
    for (const StockRow& row : rows) {
      if (row.sku == sku && row.warehouse_code == warehouse) stock = row;
    }
    const std::string subject = "stock " + sku + " " + warehouse + " ";
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      if (field == "on_hand") {
        O2C_RETURN_IF_ERROR(compare_quantity(line, words, subject + field, stock.on_hand));
      } else if (field == "reserved") {
        O2C_RETURN_IF_ERROR(compare_quantity(line, words, subject + field, stock.reserved));
      } else if (field == "available") {
        const Quantity free{std::max<std::int64_t>(0, stock.on_hand.milli - stock.reserved.milli)};
        O2C_RETURN_IF_ERROR(compare_quantity(line, words, subject + field, free));
      } else {
        return syntax_error("stock has no field '" + field + "'");
      }
    }
    return {};
  }

  // "atp <sku> on <date> [warehouse <code>] [on_hand <q>] [reserved <q>] [incoming <q>]
  //  [atp <q>]" for one warehouse, or "atp <sku> on <date> total <q>" for all of them.
  Status then_atp(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string sku, words.next("SKU"));
    O2C_RETURN_IF_ERROR(words.expect("on"));
    O2C_ASSIGN_OR_RETURN(Date on, date_word(words, "date"));
    std::optional<std::string> code;
    if (words.accept("warehouse")) {
      O2C_ASSIGN_OR_RETURN(code, words.next("warehouse code"));
    }
    O2C_ASSIGN_OR_RETURN(app::AtpOutcome outcome,
                         app::available_to_promise_report(*store_, sku, on, clock_.today()));
    O2C_ASSERT(outcome.by_date.size() == 1);
    const AtpReport& report = outcome.by_date.front();
    WarehouseAtp row{WarehouseId{}, Quantity{0}, Quantity{0}, Quantity{0}, Quantity{0}};
    for (const Warehouse& warehouse : outcome.warehouses) {
      if (!code || warehouse.code != *code) continue;
      for (const WarehouseAtp& found : report.warehouses) {
        if (found.warehouse == warehouse.id) row = found;
      }
    }
    const std::string subject =
        "atp " + sku + " on " + format_date(on) + (code ? " in " + *code : "") + " ";
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      if (field == "total") {
        O2C_RETURN_IF_ERROR(compare_quantity(line, words, subject + field, report.total));
      } else if (!code) {
        return syntax_error("'" + field + "' is per warehouse: name one with 'warehouse <code>'");
      } else if (field == "on_hand") {
        O2C_RETURN_IF_ERROR(compare_quantity(line, words, subject + field, row.on_hand));
      } else if (field == "reserved") {
        O2C_RETURN_IF_ERROR(compare_quantity(line, words, subject + field, row.reserved));
      } else if (field == "incoming") {
        O2C_RETURN_IF_ERROR(compare_quantity(line, words, subject + field, row.incoming));
      } else if (field == "atp") {
        O2C_RETURN_IF_ERROR(compare_quantity(line, words, subject + field, row.atp));
      } else {
        return syntax_error("atp has no field '" + field + "'");
      }
    }
    return {};
  }

  // ---- fulfilment checks -------------------------------------------------------------------

  static std::string date_or_none(const std::optional<Date>& date) {
    return date ? format_date(*date) : "none";
  }

  Status then_shipment(const Line& line, Words& words, StoreReader& reader) {
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("shipment number"));
    O2C_ASSIGN_OR_RETURN(std::optional<Shipment> shipment, reader.find_shipment(number));
    if (!shipment) {
      fail(line, "shipment " + number + ": expected to exist, got no such shipment");
      return {};
    }
    const ShipmentTracking& tracking = shipment->tracking;
    const std::string subject = "shipment " + number + " ";
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      if (field == "status") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, wire_name(tracking.status)));
      } else if (field == "carrier") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, tracking.carrier));
      } else if (field == "tracking") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, tracking.tracking_number));
      } else if (field == "order") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, shipment->order_number));
      } else if (field == "created") {
        O2C_RETURN_IF_ERROR(compare_date(line, words, subject + field, shipment->ship_date));
      } else if (field == "packed_on" || field == "shipped_on" || field == "delivered_on" ||
                 field == "promised") {
        const std::optional<Date>& date = field == "packed_on"      ? tracking.packed_on
                                          : field == "shipped_on"   ? tracking.shipped_on
                                          : field == "delivered_on" ? tracking.delivered_on
                                                                    : shipment->promised_on;
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, date_or_none(date)));
      } else if (field == "lines") {
        O2C_RETURN_IF_ERROR(
            compare_text(line, words, subject + field, std::to_string(shipment->lines.size())));
      } else {
        return syntax_error("shipment has no field '" + field + "'");
      }
    }
    return {};
  }

  Status then_return(const Line& line, Words& words, StoreReader& reader) {
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("return number"));
    O2C_ASSIGN_OR_RETURN(std::optional<ReturnAuthorisation> rma, reader.find_return(number));
    if (words.accept("absent")) {
      O2C_RETURN_IF_ERROR(words.finish());
      compare(line, "return " + number, "absent", rma ? "present" : "absent");
      return {};
    }
    if (!rma) {
      fail(line, "return " + number + ": expected to exist, got no such return");
      return {};
    }
    const std::string subject = "return " + number + " ";
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      if (field == "status") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, wire_name(rma->status)));
      } else if (field == "condition") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, wire_name(rma->condition)));
      } else if (field == "shipment") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, rma->shipment_number));
      } else if (field == "credit_net") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, rma->credit_net));
      } else if (field == "credit_tax") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, rma->credit_tax));
      } else if (field == "credit_gross") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, rma->credit_gross));
      } else if (field == "restocked") {
        Quantity restocked{0};
        for (const StockReturn& part : rma->restock) restocked.milli += part.quantity.milli;
        O2C_RETURN_IF_ERROR(compare_quantity(line, words, subject + field, restocked));
      } else {
        return syntax_error("return has no field '" + field + "'");
      }
    }
    return {};
  }

  Status then_credit_request(const Line& line, Words& words, StoreReader& reader) {
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("return number"));
    O2C_ASSIGN_OR_RETURN(std::vector<CreditNoteRequest> requests,
                         reader.list_credit_note_requests(SIZE_MAX, false));
    std::optional<CreditNoteRequest> request;
    for (const CreditNoteRequest& item : requests) {
      if (item.return_number == number) request = item;
    }
    if (words.accept("absent")) {
      O2C_RETURN_IF_ERROR(words.finish());
      compare(line, "credit request of " + number, "absent", request ? "present" : "absent");
      return {};
    }
    if (!request) {
      fail(line, "credit request of " + number + ": expected one, got none");
      return {};
    }
    const std::string subject = "credit request of " + number + " ";
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      if (field == "net") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, request->net));
      } else if (field == "tax") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, request->tax));
      } else if (field == "gross") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, request->gross));
      } else if (field == "invoice") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, subject + field, request->invoice_number));
      } else if (field == "date") {
        O2C_RETURN_IF_ERROR(compare_date(line, words, subject + field, request->requested_on));
      } else {
        return syntax_error("credit_request has no field '" + field + "'");
      }
    }
    return {};
  }

  // "alerts as_of <date> count <n>" or "alert <kind> <subject> as_of <date> [severity <s>]
  // [age <days>] | absent" (default thresholds).
  Status then_alerts(const Line& line, Words& words, bool all) {
    std::string kind, subject;
    if (!all) {
      O2C_ASSIGN_OR_RETURN(kind, words.next("alert kind"));
      O2C_ASSIGN_OR_RETURN(subject, words.next("alert subject"));
    }
    O2C_RETURN_IF_ERROR(words.expect("as_of"));
    O2C_ASSIGN_OR_RETURN(Date as_of, date_word(words, "as-of date"));
    O2C_ASSIGN_OR_RETURN(std::vector<Alert> alerts,
                         app::order_exceptions(*store_, as_of, AlertThresholds{}));
    if (all) {
      O2C_RETURN_IF_ERROR(words.expect("count"));
      O2C_RETURN_IF_ERROR(compare_text(line, words, "alerts", std::to_string(alerts.size())));
      return words.finish();
    }
    const Alert* found = nullptr;
    for (const Alert& alert : alerts) {
      if (wire_name(alert.kind) == kind && alert.subject == subject) found = &alert;
    }
    const std::string name = "alert " + kind + " " + subject;
    if (words.accept("absent")) {
      compare(line, name, "absent", found ? "present" : "absent");
      return words.finish();
    }
    if (found == nullptr) {
      fail(line, name + ": expected it, got none");
      return {};
    }
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      if (field == "severity") {
        O2C_RETURN_IF_ERROR(
            compare_text(line, words, name + " severity", wire_name(found->severity)));
      } else if (field == "age") {
        O2C_RETURN_IF_ERROR(
            compare_text(line, words, name + " age", std::to_string(found->age_days)));
      } else {
        return syntax_error("alert has no field '" + field + "'");
      }
    }
    return {};
  }

  Status then_perfect_orders(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(app::OrderFlowReport report, app::order_flow_report(*store_));
    const PerfectOrderSummary& perfect = report.perfect;
    const std::pair<std::string_view, std::size_t> counts[] = {
        {"measured", perfect.measured},
        {"complete", perfect.complete},
        {"on_time", perfect.on_time},
        {"undamaged", perfect.undamaged},
        {"invoiced_right", perfect.invoiced_right},
        {"perfect", perfect.perfect}};
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      if (field == "rate") {
        O2C_RETURN_IF_ERROR(compare_text(line, words, "perfect order rate",
                                         perfect.rate ? format_percent(*perfect.rate) : "none"));
        continue;
      }
      const auto count = std::find_if(std::begin(counts), std::end(counts),
                                      [&](const auto& pair) { return pair.first == field; });
      if (count == std::end(counts))
        return syntax_error("perfect_orders has no field '" + field + "'");
      O2C_RETURN_IF_ERROR(
          compare_text(line, words, "perfect orders " + field, std::to_string(count->second)));
    }
    return {};
  }

  // "timeline <SO> "<kind> <kind> …"": the kinds of the order's events, in timeline order.
  Status then_timeline(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string number, words.next("order number"));
    O2C_ASSIGN_OR_RETURN(std::string expected, words.next("event kinds"));
    O2C_RETURN_IF_ERROR(words.finish());
    O2C_ASSIGN_OR_RETURN(std::vector<OrderEvent> events, app::track_order(*store_, number));
    std::string kinds;
    for (const OrderEvent& event : order_timeline(events))
      kinds += (kinds.empty() ? "" : " ") + std::string(wire_name(event.kind));
    compare(line, "timeline of " + number, expected, kinds);
    return {};
  }

  // "ledger balanced": the company's trial balance and, in every document currency, the
  // debits equal the credits.
  Status then_ledger(const Line& line, Words& words) {
    O2C_RETURN_IF_ERROR(words.expect("balanced"));
    O2C_RETURN_IF_ERROR(words.finish());
    O2C_ASSIGN_OR_RETURN(std::vector<TrialBalance> company, app::trial_balance_report(*store_));
    compare(line, "company trial balances", "1", std::to_string(company.size()));
    O2C_ASSIGN_OR_RETURN(std::vector<TrialBalance> balances,
                         app::trial_balance_by_currency_report(*store_));
    balances.insert(balances.end(), company.begin(), company.end());
    for (const TrialBalance& balance : balances) {
      const std::string code(balance.currency.text());
      compare(line, "ledger " + code + " credits", format_amount(balance.total_debit),
              format_amount(balance.total_credit));
      Int128 net = 0;
      for (const TrialBalanceRow& row : balance.rows) net += row.balance.minor;
      compare(line, "ledger " + code + " sum of balances", "0",
              std::to_string(static_cast<std::int64_t>(net)));
    }
    return {};
  }

  // "company_account <code> [balance <a>] [debit <a>] [credit <a>]": the account in the
  // company's trial balance (company currency).
  Status then_company_account(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(Account account, account_word(words));
    O2C_ASSIGN_OR_RETURN(std::vector<TrialBalance> balances, app::trial_balance_report(*store_));
    O2C_ASSERT(balances.size() == 1);
    return check_account_row(line, words, account, balances.front().currency, balances,
                             "company_account ");
  }

  // "account <code> <currency> [balance <a>] [debit <a>] [credit <a>]"
  Status then_account(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(Account account, account_word(words));
    O2C_ASSIGN_OR_RETURN(Currency currency, currency_word(words));
    O2C_ASSIGN_OR_RETURN(std::vector<TrialBalance> balances,
                         app::trial_balance_by_currency_report(*store_));
    return check_account_row(line, words, account, currency, balances, "account ");
  }

  static Result<Account> account_word(Words& words) {
    O2C_ASSIGN_OR_RETURN(std::int64_t code, integer_word(words, "account code"));
    if (code < 0 || code > 99'999) return syntax_error("account codes are 0..99999");
    return as_syntax(account_from_code(static_cast<int>(code)));
  }

  // The "[balance <a>] [debit <a>] [credit <a>]" of an account in `currency`'s trial balance.
  Status check_account_row(const Line& line, Words& words, Account account, Currency currency,
                           const std::vector<TrialBalance>& balances, std::string_view what) {
    TrialBalanceRow row{account, zero(currency), zero(currency), zero(currency)};
    for (const TrialBalance& balance : balances) {
      if (balance.currency != currency) continue;
      for (const TrialBalanceRow& found : balance.rows) {
        if (found.account == account) row = found;
      }
    }
    const std::string subject = std::string(what) + std::to_string(static_cast<int>(account)) +
                                " " + std::string(currency.text()) + " ";
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      if (field == "balance") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, row.balance));
      } else if (field == "debit") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, row.debit));
      } else if (field == "credit") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + field, row.credit));
      } else {
        return syntax_error("an account has no field '" + field + "'");
      }
    }
    return {};
  }

  // "aging <customer|TOTAL> as_of <date> [currency <code>] [<bucket> <amount>]… [total <a>]"
  // with buckets current, 1-30, 31-60, 61-90, over_90 (each may follow the word "bucket").
  Status then_aging(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(std::string who, words.next("customer number or TOTAL"));
    O2C_RETURN_IF_ERROR(words.expect("as_of"));
    O2C_ASSIGN_OR_RETURN(Date as_of, date_word(words, "as-of date"));
    Currency currency = company_currency_;
    if (words.accept("currency")) {
      O2C_ASSIGN_OR_RETURN(currency, currency_word(words));
    }
    O2C_ASSIGN_OR_RETURN(AgingReport report, app::aging_report(*store_, as_of));
    AgingRow row{who, "", currency, {}, zero(currency)};
    row.buckets.fill(zero(currency));
    for (const AgingRow& found : who == "TOTAL" ? report.totals : report.customers) {
      if (found.customer_number == who && found.currency == currency) row = found;
    }
    const std::string subject = "aging " + who + " as of " + format_date(as_of) + " ";
    while (!words.done()) {
      words.accept("bucket");
      O2C_ASSIGN_OR_RETURN(std::string bucket, words.next("bucket"));
      if (bucket == "total") {
        O2C_RETURN_IF_ERROR(compare_money(line, words, subject + "total", row.total));
        continue;
      }
      std::string name = bucket;
      std::replace(name.begin(), name.end(), '_', ' ');
      const auto found = std::find(kAgingBucketNames.begin(), kAgingBucketNames.end(), name);
      if (found == kAgingBucketNames.end())
        return syntax_error("no aging bucket '" + bucket +
                            "' (current, 1-30, 31-60, 61-90, over_90, total)");
      const auto index = static_cast<std::size_t>(found - kAgingBucketNames.begin());
      O2C_RETURN_IF_ERROR(compare_money(line, words, subject + bucket, row.buckets[index]));
    }
    return {};
  }

  // "journal verified <count>" or "journal broken at <sequence>"
  Status then_journal(const Line& line, Words& words) {
    O2C_ASSIGN_OR_RETURN(app::JournalVerdict verdict, app::verify_journal(*store_));
    const std::string got = verdict.ok ? "intact, " + std::to_string(verdict.verified) + " entries"
                                       : "broken at " + std::to_string(verdict.failed_sequence) +
                                             " (" + verdict.failure + ")";
    if (words.accept("verified")) {
      O2C_ASSIGN_OR_RETURN(std::int64_t count, integer_word(words, "entry count"));
      O2C_RETURN_IF_ERROR(words.finish());
      compare(line, "journal", "intact, " + std::to_string(count) + " entries", got);
      return {};
    }
    O2C_RETURN_IF_ERROR(words.expect("broken"));
    O2C_RETURN_IF_ERROR(words.expect("at"));
    O2C_ASSIGN_OR_RETURN(std::int64_t sequence, integer_word(words, "journal sequence"));
    O2C_RETURN_IF_ERROR(words.finish());
    const std::string want = "broken at " + std::to_string(sequence);
    compare(line, "journal", want, verdict.ok ? got : got.substr(0, got.find(" (")));
    return {};
  }

  // "orders|invoices|payments [state <s>] [count <n>] [last <number>]": without a state
  // filter the numbers are also checked to be gapless per series and year.
  Status then_series(const Line& line, const std::string& what, Words& words, StoreReader& reader) {
    constexpr std::size_t kAll = 10'000'000;
    std::optional<OrderState> state;
    if (what == "orders" && words.accept("state")) {
      O2C_ASSIGN_OR_RETURN(std::string name, words.next("order state"));
      O2C_ASSIGN_OR_RETURN(state, as_syntax(order_state_from_wire(name)));
    }
    std::vector<std::string> numbers;
    if (what == "orders") {
      O2C_ASSIGN_OR_RETURN(std::vector<Order> orders, reader.list_orders({state, {}, kAll}));
      for (const Order& order : orders) numbers.push_back(order.number);
    } else if (what == "invoices") {
      O2C_ASSIGN_OR_RETURN(std::vector<Invoice> invoices, reader.list_invoices({{}, false, kAll}));
      for (const Invoice& invoice : invoices) numbers.push_back(invoice.number);
    } else {
      O2C_ASSIGN_OR_RETURN(std::vector<Payment> payments, reader.list_payments({}, kAll));
      for (const Payment& payment : payments) numbers.push_back(payment.number);
    }
    std::sort(numbers.begin(), numbers.end());
    while (!words.done()) {
      O2C_ASSIGN_OR_RETURN(std::string field, words.next("field"));
      if (field == "count") {
        O2C_ASSIGN_OR_RETURN(std::int64_t count, integer_word(words, "count"));
        compare(line, what + " count", std::to_string(count), std::to_string(numbers.size()));
      } else if (field == "last") {
        O2C_RETURN_IF_ERROR(
            compare_text(line, words, what + " last", numbers.empty() ? "none" : numbers.back()));
      } else {
        return syntax_error(what + " have no field '" + field + "'");
      }
    }
    if (!state) check_gapless(line, what, numbers);
    return {};
  }

  void check_gapless(const Line& line, const std::string& what,
                     const std::vector<std::string>& numbers) {
    std::map<std::string, std::int64_t> last_in_series;
    ++checks_;
    for (const std::string& number : numbers) {
      const auto parts = split_document_number(number);
      if (!parts) {
        fail(line, what + ": '" + number + "' is not a document number");
        return;
      }
      std::int64_t& last = last_in_series[parts->first];
      if (parts->second != last + 1) {
        fail(line, what + " numbering: expected number " + std::to_string(last + 1) + " of " +
                       parts->first + " next, got " + number);
        return;
      }
      last = parts->second;
    }
  }

  std::string file_;
  std::string database_path_;
  SettableClock clock_{Date{std::chrono::year{2026}, std::chrono::month{1}, std::chrono::day{1}}};
  std::unique_ptr<Store> store_;
  std::unique_ptr<app::Context> context_;
  Currency company_currency_;
  std::string last_pain008_;  // the last direct debit file collected (payments section)
  std::optional<JournalCheckpoint> checkpoint_;  // from 'when checkpoint'
  int failures_ = 0;
  int checks_ = 0;
};

struct Scenario {
  std::string name;
  std::string about;
  std::vector<Line> lines;
};

// Reads the file; syntax errors in the words themselves are printed and counted.
Result<Scenario> read_scenario(const std::string& path, int& errors) {
  std::ifstream in(path);
  if (!in) return not_found("scenario_not_found", "cannot read " + path);
  Scenario scenario;
  std::string text;
  int number = 0;
  while (std::getline(in, text)) {
    ++number;
    std::string_view view = text;
    if (view.starts_with("# name:")) {
      scenario.name = std::string(view.substr(7));
      scenario.name.erase(0, scenario.name.find_first_not_of(' '));
    } else if (view.starts_with("# about:")) {
      scenario.about += std::string(view.substr(8));
    }
    Result<Line> line = split_line(number, view);
    if (!line) {
      ++errors;
      std::cout << path << ":" << number << ": scenario_syntax: " << describe(line.error())
                << "\n    in: " << text << "\n";
      continue;
    }
    if (!line->words.empty() || line->has_expectation) scenario.lines.push_back(std::move(*line));
  }
  return scenario;
}

// "tests/scenarios/billing/partial_shipment.scenario" → "billing/partial_shipment"
std::string name_from_path(const std::filesystem::path& path) {
  std::string stem = path.filename().string();
  stem = stem.substr(0, stem.find('.'));
  return path.parent_path().filename().string() + "/" + stem;
}

int run_file(const std::string& path) {
  int errors = 0;
  Result<Scenario> scenario = read_scenario(path, errors);
  if (!scenario) {
    std::cout << describe(scenario.error()) << "\n";
    return 2;
  }
  const std::string expected_name = name_from_path(path);
  if (scenario->name != expected_name) {
    ++errors;
    std::cout << path << ":1: header: expected '# name: " << expected_name << "', got '"
              << scenario->name << "'\n";
  }
  if (scenario->about.find_first_not_of(' ') == std::string::npos) {
    ++errors;
    std::cout << path << ":1: header: expected a '# about:' line saying what the scenario shows\n";
  }

  std::string safe_name = expected_name;
  std::replace(safe_name.begin(), safe_name.end(), '/', '-');
  const std::filesystem::path database =
      std::filesystem::temp_directory_path() /
      ("o2c-scenario-" + std::to_string(::getpid()) + "-" + safe_name + ".db");
  const auto remove_database = [&] {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
      std::filesystem::remove(database.string() + suffix);
  };
  remove_database();
  Runner runner(path, database.string());
  if (Status opened = runner.open(); !opened) {
    std::cout << path << ": cannot create the database: " << describe(opened.error()) << "\n";
    remove_database();
    return 2;
  }
  runner.run(scenario->lines);
  runner.close();
  remove_database();

  const int failures = runner.failures() + errors;
  std::cout << path << ": " << scenario->lines.size() << " lines, " << runner.checks()
            << " checks, " << failures << (failures == 1 ? " failure" : " failures") << "\n";
  return failures == 0 ? 0 : 1;
}

}  // namespace
}  // namespace o2c::scenario

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: scenario_runner <file.scenario>\n";
    return 2;
  }
  return o2c::scenario::run_file(argv[1]);
}
