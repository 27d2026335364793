// The SQLite store's bank statement tables (migration 0014): statements, their lines, the
// worklist's suggestions and the bank accounts customers pay from.
#include <string>
#include <vector>

#include "core/wire_names.h"
#include "store/sqlite/sqlite_store.h"

namespace o2c {
namespace {
constexpr std::string_view kLineStatusNames[] = {"", "unmatched", "applied", "review", "ignored"};
constexpr std::string_view kAccountSourceNames[] = {"", "manual", "learned"};
}  // namespace

std::string_view wire_name(StatementLineStatus status) { return name_in(kLineStatusNames, status); }

Result<StatementLineStatus> statement_line_status_from_wire(std::string_view text) {
  if (auto status = value_in<StatementLineStatus>(kLineStatusNames, text)) return *status;
  return invalid_argument(
      "unknown_line_status",
      "'" + std::string(text) + "' is not a line status (unmatched, applied, review, ignored)",
      "status");
}

std::string_view wire_name(BankAccountSource source) {
  return name_in(kAccountSourceNames, source);
}

}  // namespace o2c

namespace o2c::sqlite {
namespace {

Error corrupt(std::string_view what) {
  return failed_precondition(
      "database_corrupt",
      "the database holds an invalid " + std::string(what) + "; was it edited outside o2c?");
}

Result<Currency> currency_at(const Statement& row, int index) {
  Result<Currency> currency = currency_from_code(row.column_text(index));
  if (!currency) return corrupt("currency '" + row.column_text(index) + "'");
  return currency;
}

Result<Date> date_at(const Statement& row, int index) {
  Result<Date> date = parse_date(row.column_text(index));
  if (!date) return corrupt("date '" + row.column_text(index) + "'");
  return date;
}

std::optional<Money> money_or_null(const Statement& row, int index, Currency currency) {
  if (row.column_is_null(index)) return std::nullopt;
  return Money{row.column_int(index), currency};
}

void bind_money_or_null(Statement& query, int index, const std::optional<Money>& money) {
  if (money) {
    query.bind(index, money->minor);
  } else {
    query.bind_null(index);
  }
}

constexpr const char* kStatementColumns =
    "SELECT id, number, identity, format, account, currency, statement_date, opening_minor, "
    "closing_minor, file_name, file_sha256, imported_at, line_count FROM bank_statements ";

Result<StoredStatement> read_statement(const Statement& row) {
  StoredStatement statement;
  statement.id = row.column_int(0);
  statement.number = row.column_text(1);
  statement.identity = row.column_text(2);
  auto format = bank_file_format_from_wire(row.column_text(3));
  if (!format) return corrupt("statement format");
  statement.format = *format;
  statement.account = row.column_text(4);
  O2C_ASSIGN_OR_RETURN(statement.currency, currency_at(row, 5));
  O2C_ASSIGN_OR_RETURN(statement.statement_date, date_at(row, 6));
  statement.opening_balance = money_or_null(row, 7, statement.currency);
  statement.closing_balance = money_or_null(row, 8, statement.currency);
  statement.file_name = row.column_text(9);
  statement.file_sha256 = row.column_text(10);
  statement.imported_at = Timestamp{row.column_int(11)};
  statement.line_count = row.column_int(12);
  return statement;
}

Result<std::vector<StoredStatement>> read_statements(Statement& query, std::size_t limit) {
  std::vector<StoredStatement> statements;
  while (statements.size() < limit) {
    O2C_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) break;
    O2C_ASSIGN_OR_RETURN(StoredStatement statement, read_statement(query));
    statements.push_back(std::move(statement));
  }
  return statements;
}

constexpr const char* kLineColumns =
    "SELECT l.id, l.statement_id, s.number, l.line_no, l.entry_reference, l.booking_date, "
    "l.value_date, l.direction, l.amount_minor, l.currency, l.remittance, "
    "l.structured_reference, l.payer_name, l.payer_account, l.end_to_end_id, l.bank_code, "
    "l.status, l.payment_id, COALESCE(p.number, ''), l.note FROM statement_lines l "
    "JOIN bank_statements s ON s.id = l.statement_id LEFT JOIN payments p ON p.id = l.payment_id ";

Result<StatementLine> read_line(const Statement& row) {
  StatementLine line;
  line.id = row.column_int(0);
  line.statement = row.column_int(1);
  line.statement_number = row.column_text(2);
  line.line_no = static_cast<int>(row.column_int(3));
  StatementEntry& entry = line.entry;
  entry.reference = row.column_text(4);
  O2C_ASSIGN_OR_RETURN(entry.booking_date, date_at(row, 5));
  O2C_ASSIGN_OR_RETURN(entry.value_date, date_at(row, 6));
  auto direction = entry_direction_from_wire(row.column_text(7));
  if (!direction) return corrupt("line direction");
  entry.direction = *direction;
  O2C_ASSIGN_OR_RETURN(Currency currency, currency_at(row, 9));
  entry.amount = Money{row.column_int(8), currency};
  entry.remittance = row.column_text(10);
  entry.structured_reference = row.column_text(11);
  entry.payer_name = row.column_text(12);
  entry.payer_account = row.column_text(13);
  entry.end_to_end_id = row.column_text(14);
  entry.bank_code = row.column_text(15);
  auto status = statement_line_status_from_wire(row.column_text(16));
  if (!status) return corrupt("line status");
  line.status = *status;
  if (!row.column_is_null(17)) line.payment = PaymentId{row.column_int(17)};
  line.payment_number = row.column_text(18);
  line.note = row.column_text(19);
  return line;
}

// "INV-2026-000001 11900 0;INV-2026-000002 500 0"
std::string encode_applications(const std::vector<SuggestedApplication>& applications) {
  std::string text;
  for (const SuggestedApplication& application : applications) {
    if (!text.empty()) text += ';';
    text += application.invoice_number + " " + std::to_string(application.amount.minor) + " " +
            std::to_string(application.discount.minor);
  }
  return text;
}

Result<std::vector<SuggestedApplication>> decode_applications(const std::string& text,
                                                              Currency currency) {
  std::vector<SuggestedApplication> applications;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(';', start);
    if (end == std::string::npos) end = text.size();
    const std::string part = text.substr(start, end - start);
    const auto first = part.find(' ');
    const auto second = part.find(' ', first + 1);
    if (first == std::string::npos || second == std::string::npos) return corrupt("suggestion");
    try {
      applications.push_back(SuggestedApplication{
          part.substr(0, first),
          Money{std::stoll(part.substr(first + 1, second - first - 1)), currency},
          Money{std::stoll(part.substr(second + 1)), currency}});
    } catch (const std::exception&) {
      return corrupt("suggestion");
    }
    start = end + 1;
  }
  return applications;
}

std::string join(const std::vector<std::string>& parts) {
  std::string text;
  for (const std::string& part : parts) {
    if (!text.empty()) text += ',';
    text += part;
  }
  return text;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

}  // namespace

Result<std::optional<StoredStatement>> SqliteConnectionStore::find_statement_by_identity(
    std::string_view identity) {
  static const std::string sql = std::string(kStatementColumns) + "WHERE identity = ?";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  query->bind(1, identity);
  O2C_ASSIGN_OR_RETURN(auto found, read_statements(*query, 1));
  if (found.empty()) return std::optional<StoredStatement>{};
  return std::optional<StoredStatement>(std::move(found.front()));
}

Result<std::vector<StoredStatement>> SqliteConnectionStore::statements_of_file(
    std::string_view sha256) {
  static const std::string sql =
      std::string(kStatementColumns) + "WHERE file_sha256 = ? ORDER BY id";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  query->bind(1, sha256);
  return read_statements(*query, static_cast<std::size_t>(-1));
}

Result<std::optional<StoredStatement>> SqliteConnectionStore::find_statement(std::int64_t id) {
  static const std::string sql = std::string(kStatementColumns) + "WHERE id = ?";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  query->bind(1, id);
  O2C_ASSIGN_OR_RETURN(auto found, read_statements(*query, 1));
  if (found.empty()) return std::optional<StoredStatement>{};
  return std::optional<StoredStatement>(std::move(found.front()));
}

Result<std::vector<StoredStatement>> SqliteConnectionStore::list_statements(std::size_t limit) {
  static const std::string sql = std::string(kStatementColumns) + "ORDER BY id DESC";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  return read_statements(*query, limit);
}

Result<std::optional<StatementLine>> SqliteConnectionStore::find_statement_line(std::int64_t id) {
  static const std::string sql = std::string(kLineColumns) + "WHERE l.id = ?";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  query->bind(1, id);
  O2C_ASSIGN_OR_RETURN(bool found, query->step());
  if (!found) return std::optional<StatementLine>{};
  O2C_ASSIGN_OR_RETURN(StatementLine line, read_line(*query));
  return std::optional<StatementLine>(std::move(line));
}

Result<std::vector<StatementLine>> SqliteConnectionStore::list_statement_lines(
    const StatementLineFilter& filter) {
  static const std::string sql = std::string(kLineColumns) +
                                 "WHERE (?1 IS NULL OR l.statement_id = ?1) AND "
                                 "(?2 IS NULL OR l.status = ?2) ORDER BY l.statement_id, l.line_no";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  if (filter.statement) query->bind(1, *filter.statement);
  if (filter.status) query->bind(2, wire_name(*filter.status));
  std::vector<StatementLine> lines;
  while (lines.size() < filter.limit) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    O2C_ASSIGN_OR_RETURN(StatementLine line, read_line(*query));
    lines.push_back(std::move(line));
  }
  return lines;
}

Result<std::vector<LineSuggestion>> SqliteConnectionStore::line_suggestions(std::int64_t line) {
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare(
          "SELECT g.rank, g.customer_id, c.number, g.applications, g.short_minor, g.shortfall, "
          "g.unapplied_minor, g.confidence, g.reasons, l.currency FROM statement_line_suggestions "
          "g "
          "JOIN customers c ON c.id = g.customer_id JOIN statement_lines l ON l.id = g.line_id "
          "WHERE g.line_id = ? ORDER BY g.rank"));
  query->bind(1, line);
  std::vector<LineSuggestion> suggestions;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    O2C_ASSIGN_OR_RETURN(Currency currency, currency_at(*query, 9));
    LineSuggestion suggestion;
    suggestion.rank = static_cast<int>(query->column_int(0));
    suggestion.customer = CustomerId{query->column_int(1)};
    suggestion.customer_number = query->column_text(2);
    O2C_ASSIGN_OR_RETURN(suggestion.applications,
                         decode_applications(query->column_text(3), currency));
    suggestion.short_amount = Money{query->column_int(4), currency};
    suggestion.shortfall = query->column_text(5);
    suggestion.unapplied = Money{query->column_int(6), currency};
    suggestion.confidence = static_cast<int>(query->column_int(7));
    suggestion.reasons = split(query->column_text(8));
    suggestions.push_back(std::move(suggestion));
  }
  return suggestions;
}

Result<std::vector<CustomerBankAccount>> SqliteConnectionStore::customer_bank_accounts() {
  O2C_ASSIGN_OR_RETURN(
      auto query, connection_->prepare("SELECT a.customer_id, c.number, a.account, a.source FROM "
                                       "customer_bank_accounts a JOIN customers c ON c.id = "
                                       "a.customer_id ORDER BY c.number, a.account"));
  std::vector<CustomerBankAccount> accounts;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    accounts.push_back(CustomerBankAccount{
        CustomerId{query->column_int(0)}, query->column_text(1), query->column_text(2),
        query->column_text(3) == "learned" ? BankAccountSource::kLearned
                                           : BankAccountSource::kManual});
  }
  return accounts;
}

Result<std::int64_t> SqliteConnectionStore::insert_statement(const StoredStatement& statement) {
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("INSERT INTO bank_statements(number, identity, format, account, "
                           "currency, statement_date, opening_minor, closing_minor, file_name, "
                           "file_sha256, imported_at, line_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                           "?, ?, ?, ?)"));
  query->bind(1, statement.number)
      .bind(2, statement.identity)
      .bind(3, wire_name(statement.format))
      .bind(4, statement.account)
      .bind(5, statement.currency.text())
      .bind(6, format_date(statement.statement_date));
  bind_money_or_null(*query, 7, statement.opening_balance);
  bind_money_or_null(*query, 8, statement.closing_balance);
  query->bind(9, statement.file_name)
      .bind(10, statement.file_sha256)
      .bind(11, statement.imported_at.unix_micros)
      .bind(12, statement.line_count);
  O2C_RETURN_IF_ERROR(query->run());
  return connection_->last_insert_rowid();
}

Result<std::int64_t> SqliteConnectionStore::insert_statement_line(const StatementLine& line) {
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare(
          "INSERT INTO statement_lines(statement_id, line_no, entry_reference, booking_date, "
          "value_date, direction, amount_minor, currency, remittance, structured_reference, "
          "payer_name, payer_account, end_to_end_id, bank_code, status, payment_id, note) VALUES "
          "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  const StatementEntry& entry = line.entry;
  query->bind(1, line.statement)
      .bind(2, line.line_no)
      .bind(3, entry.reference)
      .bind(4, format_date(entry.booking_date))
      .bind(5, format_date(entry.value_date))
      .bind(6, wire_name(entry.direction))
      .bind(7, entry.amount.minor)
      .bind(8, entry.amount.currency.text())
      .bind(9, entry.remittance)
      .bind(10, entry.structured_reference)
      .bind(11, entry.payer_name)
      .bind(12, entry.payer_account)
      .bind(13, entry.end_to_end_id)
      .bind(14, entry.bank_code)
      .bind(15, wire_name(line.status));
  if (line.payment) {
    query->bind(16, line.payment->value);
  } else {
    query->bind_null(16);
  }
  query->bind(17, line.note);
  O2C_RETURN_IF_ERROR(query->run());
  return connection_->last_insert_rowid();
}

Status SqliteConnectionStore::update_statement_line(const StatementLine& line) {
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("UPDATE statement_lines SET status = ?, payment_id = "
                                            "?, note = ? WHERE id = ?"));
  query->bind(1, wire_name(line.status));
  if (line.payment) {
    query->bind(2, line.payment->value);
  } else {
    query->bind_null(2);
  }
  query->bind(3, line.note).bind(4, line.id);
  return query->run();
}

Status SqliteConnectionStore::save_line_suggestions(std::int64_t line,
                                                    std::span<const LineSuggestion> suggestions) {
  O2C_ASSIGN_OR_RETURN(
      auto clear, connection_->prepare("DELETE FROM statement_line_suggestions WHERE line_id = ?"));
  clear->bind(1, line);
  O2C_RETURN_IF_ERROR(clear->run());
  O2C_ASSIGN_OR_RETURN(
      auto insert,
      connection_->prepare("INSERT INTO statement_line_suggestions(line_id, rank, customer_id, "
                           "applications, short_minor, shortfall, unapplied_minor, confidence, "
                           "reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  for (const LineSuggestion& suggestion : suggestions) {
    insert->reset();
    insert->bind(1, line)
        .bind(2, suggestion.rank)
        .bind(3, suggestion.customer.value)
        .bind(4, encode_applications(suggestion.applications))
        .bind(5, suggestion.short_amount.minor)
        .bind(6, suggestion.shortfall)
        .bind(7, suggestion.unapplied.minor)
        .bind(8, suggestion.confidence)
        .bind(9, join(suggestion.reasons));
    O2C_RETURN_IF_ERROR(insert->run());
  }
  return {};
}

Status SqliteConnectionStore::save_customer_bank_account(const CustomerBankAccount& account) {
  O2C_ASSIGN_OR_RETURN(
      auto query, connection_->prepare("INSERT OR IGNORE INTO customer_bank_accounts(customer_id, "
                                       "account, source) VALUES (?, ?, ?)"));
  query->bind(1, account.customer.value)
      .bind(2, account.account)
      .bind(3, wire_name(account.source));
  return query->run();
}

}  // namespace o2c::sqlite
