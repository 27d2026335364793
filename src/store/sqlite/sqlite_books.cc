// The books read back (ledger scans, the customer sub-ledger, accounting periods) and the
// closed-period check every posting passes.
#include "store/sqlite/sqlite_store.h"

namespace o2c::sqlite {
namespace {

Error corrupt_books(std::string_view what) {
  return failed_precondition(
      "database_corrupt",
      "the database holds an invalid " + std::string(what) + "; was it edited outside o2c?");
}

Result<Currency> currency_of(const Statement& row, int index) {
  Result<Currency> currency = currency_from_code(row.column_text(index));
  if (!currency) return corrupt_books("currency '" + row.column_text(index) + "'");
  return currency;
}

Result<Date> date_of_column(const Statement& row, int index) {
  Result<Date> date = parse_date(row.column_text(index));
  if (!date) return corrupt_books("date '" + row.column_text(index) + "'");
  return date;
}

}  // namespace

Status SqliteConnectionStore::scan_ledger(const LedgerQuery& query,
                                          const std::function<bool(const PostedEntry&)>& visit) {
  O2C_ASSIGN_OR_RETURN(
      auto rows,
      connection_->prepare(
          "SELECT e.id, e.document, e.entry_date, e.description, e.currency, l.account, "
          "l.amount_minor FROM ledger_entries e JOIN ledger_lines l ON l.entry_id = e.id "
          "WHERE e.entry_date <= ?1 AND (?2 < 0 OR e.id IN (SELECT entry_id FROM ledger_lines "
          "WHERE account = ?2)) ORDER BY e.entry_date, e.id, l.line_no"));
  rows->bind(1, query.to ? format_date(*query.to) : std::string("9999-12-31"))
      .bind(2, query.account ? static_cast<std::int64_t>(*query.account) : std::int64_t{-1});
  std::optional<PostedEntry> current;
  const auto deliver = [&]() -> bool {
    if (!current) return true;
    assert_balanced(current->entry);  // balanced on the way in, and again on the way out
    const bool more = visit(*current);
    current.reset();
    return more;
  };
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, rows->step());
    if (!row) break;
    const std::int64_t id = rows->column_int(0);
    if (current && current->id != id && !deliver()) return {};
    if (!current) {
      current.emplace();
      current->id = id;
      current->entry.document = rows->column_text(1);
      O2C_ASSIGN_OR_RETURN(current->entry.date, date_of_column(*rows, 2));
      current->entry.description = rows->column_text(3);
    }
    O2C_ASSIGN_OR_RETURN(Currency currency, currency_of(*rows, 4));
    Result<Account> account = account_from_code(static_cast<int>(rows->column_int(5)));
    if (!account) return corrupt_books("ledger account");
    current->entry.lines.push_back(LedgerLine{*account, Money{rows->column_int(6), currency}});
  }
  deliver();
  return {};
}

Result<std::vector<PeriodStatus>> SqliteConnectionStore::accounting_periods() {
  O2C_ASSIGN_OR_RETURN(auto rows, connection_->prepare("SELECT period, closed, changed_at_micros, "
                                                       "changed_by, reason FROM "
                                                       "accounting_periods ORDER BY period"));
  std::vector<PeriodStatus> periods;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, rows->step());
    if (!row) break;
    Result<YearMonth> period = parse_year_month(rows->column_text(0));
    if (!period) return corrupt_books("accounting period");
    periods.push_back(PeriodStatus{*period, rows->column_int(1) != 0,
                                   Timestamp{rows->column_int(2)}, rows->column_text(3),
                                   rows->column_text(4)});
  }
  return periods;
}

Result<std::vector<YearMonth>> SqliteConnectionStore::posted_months() {
  O2C_ASSIGN_OR_RETURN(auto rows, connection_->prepare("SELECT DISTINCT substr(entry_date, 1, 7) "
                                                       "FROM ledger_entries ORDER BY 1"));
  std::vector<YearMonth> months;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, rows->step());
    if (!row) break;
    Result<YearMonth> month = parse_year_month(rows->column_text(0));
    if (!month) return corrupt_books("ledger entry date");
    months.push_back(*month);
  }
  return months;
}

Result<std::vector<CustomerLedgerRow>> SqliteConnectionStore::customer_ledger(Date as_of) {
  O2C_RETURN_IF_ERROR(flush_deferred_writes());
  O2C_ASSIGN_OR_RETURN(
      auto rows,
      connection_->prepare(
          // What settled each invoice by then: payments, credit notes, and the early-payment
          // discount taken with the payment that settled it (its last application).
          // Applications undone by a reversal (0016) count only before it; a reversed payment
          // holds no cash from its reversal on, and refunds take from what it holds.
          "WITH live AS (SELECT * FROM payment_applications WHERE applied_on <= ?1 AND "
          "(reversed_on IS NULL OR reversed_on > ?1)), "
          "by_invoice AS (SELECT invoice_id, SUM(amount_minor) AS applied, "
          "MAX(applied_on) AS last_on FROM live GROUP BY "
          "invoice_id), by_payment AS (SELECT payment_id, SUM(amount_minor) AS applied FROM "
          "live GROUP BY payment_id), "
          "refunded AS (SELECT payment_id, SUM(amount_minor) AS refunded FROM payment_refunds "
          "WHERE refunded_on <= ?1 GROUP BY payment_id), "
          "by_credit AS (SELECT invoice_id, SUM(amount_minor) AS credited FROM credit_allocations "
          "WHERE allocated_on <= ?1 GROUP BY invoice_id), "
          "credit_used AS (SELECT credit_note_id, SUM(amount_minor) AS used FROM "
          "credit_allocations WHERE allocated_on <= ?1 GROUP BY credit_note_id), "
          // Write-offs posted by then (migration 0017).
          "by_write_off AS (SELECT invoice_id, SUM(amount_minor) AS written_off FROM write_offs "
          "WHERE status = 'posted' AND decided_on <= ?1 GROUP BY invoice_id), "
          "items AS (SELECT i.customer_id, i.currency, i.gross_minor - COALESCE(b.applied, 0) - "
          "COALESCE(k.credited, 0) - COALESCE(w.written_off, 0) - CASE WHEN b.last_on IS NOT "
          "NULL AND i.paid_minor + i.credited_minor + i.discount_taken_minor + "
          "i.written_off_minor = i.gross_minor AND b.applied = i.paid_minor THEN "
          "i.discount_taken_minor ELSE 0 END AS open, 0 AS unapplied FROM "
          "invoices i LEFT JOIN by_invoice b ON b.invoice_id = i.id LEFT JOIN by_credit k ON "
          "k.invoice_id = i.id LEFT JOIN by_write_off w ON w.invoice_id = i.id WHERE "
          "i.invoice_date <= ?1 UNION ALL SELECT p.customer_id, "
          "p.currency, 0, p.amount_minor - COALESCE(b.applied, 0) - COALESCE(r.refunded, 0) FROM "
          "payments p LEFT JOIN by_payment b ON b.payment_id = p.id LEFT JOIN refunded r ON "
          "r.payment_id = p.id WHERE p.received_on <= ?1 AND (p.reversed_on IS NULL OR "
          "p.reversed_on > ?1) "
          "UNION ALL SELECT n.customer_id, n.currency, 0, n.gross_minor - COALESCE(u.used, 0) "
          "FROM credit_notes n LEFT JOIN credit_used u ON u.credit_note_id = n.id WHERE "
          "n.issue_date <= ?1) "
          "SELECT c.number, c.name, x.currency, SUM(x.open), SUM(x.unapplied) FROM items x "
          "JOIN customers c ON c.id = x.customer_id GROUP BY c.number, c.name, x.currency "
          "HAVING SUM(x.open) <> 0 OR SUM(x.unapplied) <> 0 ORDER BY c.number, x.currency"));
  rows->bind(1, format_date(as_of));
  std::vector<CustomerLedgerRow> result;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, rows->step());
    if (!row) break;
    O2C_ASSIGN_OR_RETURN(Currency currency, currency_of(*rows, 2));
    result.push_back(CustomerLedgerRow{rows->column_text(0), rows->column_text(1),
                                       Money{rows->column_int(3), currency},
                                       Money{rows->column_int(4), currency}});
  }
  return result;
}

Status SqliteConnectionStore::save_accounting_period(const PeriodStatus& period) {
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("INSERT OR REPLACE INTO accounting_periods(period, closed, "
                           "changed_at_micros, changed_by, reason) VALUES (?, ?, ?, ?, ?)"));
  query->bind(1, format_year_month(period.period))
      .bind(2, period.closed ? 1 : 0)
      .bind(3, period.changed_at.unix_micros)
      .bind(4, period.changed_by)
      .bind(5, period.reason);
  return query->run();
}

Status SqliteConnectionStore::check_period_open(const LedgerEntry& entry) {
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare("SELECT 1 FROM accounting_periods WHERE "
                                                        "period = ? AND closed = 1"));
  const std::string period = format_year_month(year_month_of(entry.date));
  query->bind(1, period);
  O2C_ASSIGN_OR_RETURN(bool closed, query->step());
  if (!closed) return {};
  return failed_precondition("period_closed",
                             "period " + period + " is closed: " + entry.document + " dated " +
                                 format_date(entry.date) + " cannot be posted (" +
                                 entry.description + ")",
                             entry.document + " dated " + format_date(entry.date));
}

}  // namespace o2c::sqlite
