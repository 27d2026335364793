// The SQLite store's collections tables (migration 0018): dunning notices, collectors, their
// accounts and notes; and the reads the aging, dunning and KPIs need from the cash tables
// (invoices settled as of a date, disputes, promises to pay).
#include <string>
#include <vector>

#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace o2c::sqlite {
namespace {

// What settled each invoice by a date (?1): payments and credit notes applied by then, and the
// early-payment discount taken with the payment that settled it (as customer_ledger counts);
// a write-off has no date of its own and counts on every date.
constexpr const char* kOpenAsOf =
    "WITH by_invoice AS (SELECT invoice_id, SUM(amount_minor) AS applied, MAX(applied_on) AS "
    "last_on FROM payment_applications WHERE applied_on <= ?1 GROUP BY invoice_id), "
    "by_credit AS (SELECT invoice_id, SUM(amount_minor) AS credited FROM credit_allocations "
    "WHERE allocated_on <= ?1 GROUP BY invoice_id) "
    "SELECT i.customer_id, c.number, c.name, i.number, i.invoice_date, i.due_date, i.currency, "
    "i.gross_minor - COALESCE(b.applied, 0) - COALESCE(k.credited, 0) - CASE WHEN b.last_on IS "
    "NOT NULL AND i.paid_minor + i.credited_minor + i.discount_taken_minor = i.gross_minor AND "
    "b.applied = i.paid_minor THEN i.discount_taken_minor ELSE 0 END - i.written_off_minor AS open "
    "FROM invoices i JOIN customers c ON c.id = i.customer_id "
    "LEFT JOIN by_invoice b ON b.invoice_id = i.id LEFT JOIN by_credit k ON k.invoice_id = i.id "
    "WHERE i.invoice_date <= ?1 AND open > 0 ORDER BY c.number, i.due_date, i.number";

Result<std::vector<CustomerAmount>> read_customer_amounts(Statement& rows) {
  std::vector<CustomerAmount> result;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, rows.step());
    if (!row) break;
    O2C_ASSIGN_OR_RETURN(Currency currency, currency_column(rows, 2));
    result.push_back(CustomerAmount{CustomerId{rows.column_int(0)}, rows.column_text(1),
                                    money_column(rows, 3, currency)});
  }
  return result;
}

}  // namespace

Result<std::vector<ReceivableAsOf>> SqliteConnectionStore::receivables_as_of(Date as_of) {
  O2C_RETURN_IF_ERROR(flush_deferred_writes());
  O2C_ASSIGN_OR_RETURN(auto rows, connection_->prepare(kOpenAsOf));
  rows->bind(1, format_date(as_of));
  std::vector<ReceivableAsOf> result;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, rows->step());
    if (!row) break;
    ReceivableAsOf item;
    item.customer = CustomerId{rows->column_int(0)};
    item.customer_number = rows->column_text(1);
    item.customer_name = rows->column_text(2);
    item.invoice_number = rows->column_text(3);
    O2C_ASSIGN_OR_RETURN(item.invoice_date, date_column(*rows, 4));
    O2C_ASSIGN_OR_RETURN(item.due_date, date_column(*rows, 5));
    O2C_ASSIGN_OR_RETURN(Currency currency, currency_column(*rows, 6));
    item.open = money_column(*rows, 7, currency);
    result.push_back(std::move(item));
  }
  return result;
}

Result<std::vector<DunningCandidate>> SqliteConnectionStore::dunning_candidates() {
  O2C_RETURN_IF_ERROR(flush_deferred_writes());
  O2C_ASSIGN_OR_RETURN(
      auto rows,
      connection_->prepare(
          "SELECT i.id, i.number, i.customer_id, c.number, i.due_date, i.currency, "
          "i.gross_minor - i.paid_minor - i.credited_minor - i.discount_taken_minor - "
          "i.written_off_minor, "
          "(SELECT COALESCE(MAX(level), 0) FROM dunning_notices n WHERE n.invoice_id = i.id), "
          "EXISTS (SELECT 1 FROM disputes d WHERE d.invoice_id = i.id AND d.status = 'open'), "
          "EXISTS (SELECT 1 FROM payment_promises p WHERE p.customer_id = i.customer_id AND "
          "p.status = 'open' AND (p.invoice_id = i.id OR p.invoice_id IS NULL)) "
          "FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE i.paid_minor + "
          "i.credited_minor + i.discount_taken_minor + i.written_off_minor < i.gross_minor "
          "ORDER BY c.number, i.due_date, i.number"));
  std::vector<DunningCandidate> result;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, rows->step());
    if (!row) break;
    DunningCandidate item;
    item.invoice = InvoiceId{rows->column_int(0)};
    item.invoice_number = rows->column_text(1);
    item.customer = CustomerId{rows->column_int(2)};
    item.customer_number = rows->column_text(3);
    O2C_ASSIGN_OR_RETURN(item.due_date, date_column(*rows, 4));
    O2C_ASSIGN_OR_RETURN(Currency currency, currency_column(*rows, 5));
    item.open = money_column(*rows, 6, currency);
    item.last_level_sent = static_cast<int>(rows->column_int(7));
    item.open_dispute = rows->column_int(8) != 0;
    item.open_promise = rows->column_int(9) != 0;
    result.push_back(std::move(item));
  }
  return result;
}

Result<std::vector<DunningNotice>> SqliteConnectionStore::dunning_notices(
    std::optional<CustomerId> customer) {
  O2C_RETURN_IF_ERROR(flush_deferred_writes());
  O2C_ASSIGN_OR_RETURN(
      auto rows,
      connection_->prepare(
          "SELECT n.letter, n.invoice_id, i.number, n.customer_id, c.number, n.level, "
          "n.level_name, n.sent_on, n.currency, n.open_minor, n.days_overdue, n.interest_minor, "
          "n.fee_minor, n.debit_note, n.outbox_id FROM dunning_notices n JOIN invoices i ON i.id "
          "= n.invoice_id JOIN customers c ON c.id = n.customer_id WHERE ?1 IS NULL OR "
          "n.customer_id = ?1 ORDER BY n.letter, i.number"));
  if (customer) rows->bind(1, customer->value);
  std::vector<DunningNotice> result;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, rows->step());
    if (!row) break;
    DunningNotice notice;
    notice.letter = rows->column_text(0);
    notice.invoice = InvoiceId{rows->column_int(1)};
    notice.invoice_number = rows->column_text(2);
    notice.customer = CustomerId{rows->column_int(3)};
    notice.customer_number = rows->column_text(4);
    notice.level = static_cast<int>(rows->column_int(5));
    notice.level_name = rows->column_text(6);
    O2C_ASSIGN_OR_RETURN(notice.sent_on, date_column(*rows, 7));
    O2C_ASSIGN_OR_RETURN(Currency currency, currency_column(*rows, 8));
    notice.open = money_column(*rows, 9, currency);
    notice.days_overdue = rows->column_int(10);
    notice.interest = money_column(*rows, 11, currency);
    notice.fee = money_column(*rows, 12, currency);
    notice.debit_note = rows->column_text(13);
    if (!rows->column_is_null(14)) notice.outbox_id = rows->column_int(14);
    result.push_back(std::move(notice));
  }
  return result;
}

Status SqliteConnectionStore::insert_dunning_notice(const DunningNotice& notice) {
  O2C_ASSERT(notice.level >= 1);
  O2C_ASSERT(notice.open.minor > 0);
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare(
          "INSERT INTO dunning_notices(letter, invoice_id, customer_id, level, level_name, "
          "sent_on, currency, open_minor, days_overdue, interest_minor, fee_minor, debit_note, "
          "outbox_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  query->bind(1, notice.letter)
      .bind(2, notice.invoice.value)
      .bind(3, notice.customer.value)
      .bind(4, notice.level)
      .bind(5, notice.level_name)
      .bind(6, format_date(notice.sent_on))
      .bind(7, notice.open.currency.text())
      .bind(8, notice.open.minor)
      .bind(9, notice.days_overdue)
      .bind(10, notice.interest.minor)
      .bind(11, notice.fee.minor)
      .bind(12, notice.debit_note);
  if (notice.outbox_id) query->bind(13, *notice.outbox_id);
  return query->run();
}

Result<std::vector<Collector>> SqliteConnectionStore::list_collectors() {
  O2C_ASSIGN_OR_RETURN(auto rows, connection_->prepare("SELECT id, name, region, max_accounts, "
                                                       "team FROM collectors ORDER BY name"));
  std::vector<Collector> result;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, rows->step());
    if (!row) break;
    Collector collector{rows->column_int(0), rows->column_text(1), rows->column_text(2),
                        std::nullopt, rows->column_text(4)};
    if (!rows->column_is_null(3)) collector.max_accounts = static_cast<int>(rows->column_int(3));
    result.push_back(std::move(collector));
  }
  return result;
}

Result<std::int64_t> SqliteConnectionStore::insert_collector(const Collector& collector) {
  O2C_ASSERT(!collector.name.empty());
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("INSERT INTO collectors(name, region, max_accounts, "
                                            "team) VALUES (?, ?, ?, ?)"));
  query->bind(1, collector.name).bind(2, collector.region).bind(4, collector.team);
  if (collector.max_accounts) query->bind(3, *collector.max_accounts);
  O2C_RETURN_IF_ERROR(query->run());
  return connection_->last_insert_rowid();
}

Result<std::vector<CollectorAccount>> SqliteConnectionStore::collector_accounts() {
  O2C_RETURN_IF_ERROR(flush_deferred_writes());
  O2C_ASSIGN_OR_RETURN(
      auto rows,
      connection_->prepare("SELECT a.customer_id, c.number, a.collector_id, k.name FROM "
                           "collector_accounts a JOIN customers c ON c.id = a.customer_id JOIN "
                           "collectors k ON k.id = a.collector_id ORDER BY c.number"));
  std::vector<CollectorAccount> result;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, rows->step());
    if (!row) break;
    result.push_back(CollectorAccount{CustomerId{rows->column_int(0)}, rows->column_text(1),
                                      rows->column_int(2), rows->column_text(3)});
  }
  return result;
}

Status SqliteConnectionStore::save_collector_account(CustomerId customer, std::int64_t collector,
                                                     Date assigned_on) {
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare("INSERT OR REPLACE INTO "
                                                        "collector_accounts(customer_id, "
                                                        "collector_id, assigned_on) VALUES (?, ?, "
                                                        "?)"));
  query->bind(1, customer.value).bind(2, collector).bind(3, format_date(assigned_on));
  return query->run();
}

Result<std::vector<CollectorNote>> SqliteConnectionStore::collector_notes(Date from, Date to) {
  O2C_RETURN_IF_ERROR(flush_deferred_writes());
  O2C_ASSIGN_OR_RETURN(
      auto rows,
      connection_->prepare("SELECT n.customer_id, c.number, n.collector_id, k.name, n.noted_on, "
                           "n.outcome, n.text FROM collector_notes n JOIN customers c ON c.id = "
                           "n.customer_id JOIN collectors k ON k.id = n.collector_id WHERE "
                           "n.noted_on BETWEEN ? AND ? ORDER BY n.noted_on, n.id"));
  rows->bind(1, format_date(from)).bind(2, format_date(to));
  std::vector<CollectorNote> result;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, rows->step());
    if (!row) break;
    CollectorNote note;
    note.customer = CustomerId{rows->column_int(0)};
    note.customer_number = rows->column_text(1);
    note.collector = rows->column_int(2);
    note.collector_name = rows->column_text(3);
    O2C_ASSIGN_OR_RETURN(note.noted_on, date_column(*rows, 4));
    note.outcome = rows->column_text(5);
    note.text = rows->column_text(6);
    result.push_back(std::move(note));
  }
  return result;
}

Status SqliteConnectionStore::insert_collector_note(const CollectorNote& note) {
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("INSERT INTO collector_notes(customer_id, "
                                            "collector_id, noted_on, outcome, text) VALUES (?, "
                                            "?, ?, ?, ?)"));
  query->bind(1, note.customer.value)
      .bind(2, note.collector)
      .bind(3, format_date(note.noted_on))
      .bind(4, note.outcome)
      .bind(5, note.text);
  return query->run();
}

Result<std::vector<CustomerAmount>> SqliteConnectionStore::credit_sales(Date from, Date to) {
  O2C_RETURN_IF_ERROR(flush_deferred_writes());
  O2C_ASSIGN_OR_RETURN(
      auto rows,
      connection_->prepare("SELECT i.customer_id, c.number, i.currency, SUM(i.gross_minor) FROM "
                           "invoices i JOIN customers c ON c.id = i.customer_id WHERE "
                           "i.invoice_date BETWEEN ? AND ? GROUP BY i.customer_id, c.number, "
                           "i.currency ORDER BY c.number, i.currency"));
  rows->bind(1, format_date(from)).bind(2, format_date(to));
  return read_customer_amounts(*rows);
}

Result<std::vector<CustomerAmount>> SqliteConnectionStore::cash_received(Date from, Date to) {
  O2C_RETURN_IF_ERROR(flush_deferred_writes());
  O2C_ASSIGN_OR_RETURN(
      auto rows,
      connection_->prepare("SELECT p.customer_id, c.number, p.currency, SUM(p.amount_minor) FROM "
                           "payments p JOIN customers c ON c.id = p.customer_id WHERE "
                           "p.received_on BETWEEN ? AND ? GROUP BY p.customer_id, c.number, "
                           "p.currency ORDER BY c.number, p.currency"));
  rows->bind(1, format_date(from)).bind(2, format_date(to));
  return read_customer_amounts(*rows);
}

Result<std::vector<PromiseSettled>> SqliteConnectionStore::promises_settled(Date from, Date to) {
  O2C_ASSIGN_OR_RETURN(
      auto rows, connection_->prepare("SELECT customer_id, status FROM payment_promises WHERE "
                                      "status IN ('kept', 'broken') AND settled_on BETWEEN ? AND ? "
                                      "ORDER BY id"));
  rows->bind(1, format_date(from)).bind(2, format_date(to));
  std::vector<PromiseSettled> result;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, rows->step());
    if (!row) break;
    result.push_back(
        PromiseSettled{CustomerId{rows->column_int(0)}, rows->column_text(1) == "kept"});
  }
  return result;
}

Result<std::vector<Date>> SqliteConnectionStore::open_dispute_dates(Date as_of) {
  O2C_ASSIGN_OR_RETURN(
      auto rows, connection_->prepare("SELECT opened_on FROM disputes WHERE opened_on <= ?1 AND "
                                      "(status = 'open' OR resolved_on > ?1) ORDER BY opened_on"));
  rows->bind(1, format_date(as_of));
  std::vector<Date> result;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, rows->step());
    if (!row) break;
    O2C_ASSIGN_OR_RETURN(Date opened, date_column(*rows, 0));
    result.push_back(opened);
  }
  return result;
}

Result<std::vector<CustomerRisk>> SqliteConnectionStore::customer_risks() {
  O2C_RETURN_IF_ERROR(flush_deferred_writes());
  // The one place collections read risk: the class the last credit review stored
  // (customers.risk_class, migration 0015; A–E, NULL when never scored).
  O2C_ASSIGN_OR_RETURN(auto rows,
                       connection_->prepare("SELECT id, risk_class FROM customers ORDER BY id"));
  std::vector<CustomerRisk> result;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, rows->step());
    if (!row) break;
    std::optional<char> risk;
    const std::string text = rows->column_is_null(1) ? std::string() : rows->column_text(1);
    if (text.size() == 1 && text[0] >= 'A' && text[0] <= 'E') risk = text[0];
    result.push_back(CustomerRisk{CustomerId{rows->column_int(0)}, risk});
  }
  return result;
}

}  // namespace o2c::sqlite
