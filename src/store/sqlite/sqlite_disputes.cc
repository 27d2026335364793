// The SQLite store's disputes, write-offs and promises to pay (migrations 0013 and 0017).
// Rows name customers, invoices and payments by id; these methods take and give their numbers.
#include <string>
#include <vector>

#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace o2c::sqlite {
namespace {

constexpr const char* kDisputeColumns =
    "SELECT d.id, d.number, c.number, i.number, d.line_no, d.reason, d.origin, "
    "COALESCE(p.number, ''), d.currency, d.amount_minor, d.owner, d.status, d.opened_on, "
    "d.resolved_on, d.resolution_document, d.description, d.opened_by, d.resolved_by, d.note "
    "FROM disputes d JOIN customers c ON c.id = d.customer_id JOIN invoices i ON "
    "i.id = d.invoice_id LEFT JOIN payments p ON p.id = d.payment_id ";

constexpr const char* kWriteOffColumns =
    "SELECT w.id, w.number, c.number, i.number, w.currency, w.amount_minor, w.kind, w.status, "
    "w.reason, COALESCE(d.number, ''), w.requested_by, w.requested_on, w.decided_by, "
    "w.decided_on, w.decision_note FROM write_offs w JOIN customers c ON c.id = w.customer_id "
    "JOIN invoices i ON i.id = w.invoice_id LEFT JOIN disputes d ON d.id = w.dispute_id ";

constexpr const char* kPromiseColumns =
    "SELECT t.id, t.number, c.number, COALESCE(i.number, ''), t.currency, t.amount_minor, "
    "t.made_on, t.due_on, t.status, t.settled_on, t.taken_by FROM payment_promises t JOIN "
    "customers c ON c.id = t.customer_id LEFT JOIN invoices i ON i.id = t.invoice_id ";

template <typename T>
Result<T> stored(Result<T> value, std::string_view what) {
  if (!value) return corrupt(what);
  return value;
}

Result<Dispute> read_dispute(const Statement& row) {
  Dispute dispute;
  dispute.id = row.column_int(0);
  dispute.number = row.column_text(1);
  dispute.customer_number = row.column_text(2);
  dispute.invoice_number = row.column_text(3);
  if (!row.column_is_null(4)) dispute.line_no = static_cast<int>(row.column_int(4));
  O2C_ASSIGN_OR_RETURN(dispute.reason,
                       stored(dispute_reason_from_wire(row.column_text(5), ""), "dispute reason"));
  O2C_ASSIGN_OR_RETURN(dispute.origin,
                       stored(dispute_origin_from_wire(row.column_text(6)), "dispute origin"));
  dispute.payment_number = row.column_text(7);
  O2C_ASSIGN_OR_RETURN(Currency currency, currency_column(row, 8));
  dispute.amount = money_column(row, 9, currency);
  dispute.owner = row.column_text(10);
  O2C_ASSIGN_OR_RETURN(dispute.status,
                       stored(dispute_status_from_wire(row.column_text(11)), "dispute status"));
  O2C_ASSIGN_OR_RETURN(dispute.opened_on, date_column(row, 12));
  O2C_ASSIGN_OR_RETURN(dispute.resolved_on, optional_date_column(row, 13));
  dispute.resolution_document = row.column_text(14);
  dispute.description = row.column_text(15);
  dispute.opened_by = row.column_text(16);
  dispute.resolved_by = row.column_text(17);
  dispute.note = row.column_text(18);
  return dispute;
}

Result<WriteOff> read_write_off(const Statement& row) {
  WriteOff write_off;
  write_off.id = row.column_int(0);
  write_off.number = row.column_text(1);
  write_off.customer_number = row.column_text(2);
  write_off.invoice_number = row.column_text(3);
  O2C_ASSIGN_OR_RETURN(Currency currency, currency_column(row, 4));
  write_off.amount = money_column(row, 5, currency);
  O2C_ASSIGN_OR_RETURN(write_off.kind,
                       stored(write_off_kind_from_wire(row.column_text(6)), "write-off kind"));
  O2C_ASSIGN_OR_RETURN(write_off.status,
                       stored(write_off_status_from_wire(row.column_text(7)), "write-off status"));
  write_off.reason = row.column_text(8);
  write_off.dispute_number = row.column_text(9);
  write_off.requested_by = row.column_text(10);
  O2C_ASSIGN_OR_RETURN(write_off.requested_on, date_column(row, 11));
  write_off.decided_by = row.column_text(12);
  O2C_ASSIGN_OR_RETURN(write_off.decided_on, optional_date_column(row, 13));
  write_off.decision_note = row.column_text(14);
  return write_off;
}

Result<PaymentPromise> read_promise(const Statement& row) {
  PaymentPromise promise;
  promise.id = row.column_int(0);
  promise.number = row.column_text(1);
  promise.customer_number = row.column_text(2);
  promise.invoice_number = row.column_text(3);
  O2C_ASSIGN_OR_RETURN(Currency currency, currency_column(row, 4));
  promise.amount = money_column(row, 5, currency);
  O2C_ASSIGN_OR_RETURN(promise.made_on, date_column(row, 6));
  O2C_ASSIGN_OR_RETURN(promise.due_on, date_column(row, 7));
  O2C_ASSIGN_OR_RETURN(promise.status,
                       stored(promise_status_from_wire(row.column_text(8)), "promise status"));
  O2C_ASSIGN_OR_RETURN(promise.settled_on, optional_date_column(row, 9));
  promise.taken_by = row.column_text(10);
  return promise;
}

// Every row of `query` read by `read`, at most `limit`.
template <typename T, typename Read>
Result<std::vector<T>> read_all(Statement& query, std::size_t limit, Read read) {
  std::vector<T> rows;
  while (rows.size() < limit) {
    O2C_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) break;
    O2C_ASSIGN_OR_RETURN(T value, read(query));
    rows.push_back(std::move(value));
  }
  return rows;
}

template <typename T, typename Read>
Result<std::optional<T>> read_one(Statement& query, Read read) {
  O2C_ASSIGN_OR_RETURN(bool found, query.step());
  if (!found) return std::optional<T>{};
  O2C_ASSIGN_OR_RETURN(T value, read(query));
  return std::optional<T>(std::move(value));
}

}  // namespace

Result<std::optional<Dispute>> SqliteConnectionStore::find_dispute(std::string_view number) {
  static const std::string sql = std::string(kDisputeColumns) + "WHERE d.number = ?";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  query->bind(1, number);
  return read_one<Dispute>(*query, read_dispute);
}

Result<std::vector<Dispute>> SqliteConnectionStore::list_disputes(const DisputeFilter& filter) {
  static const std::string sql =
      std::string(kDisputeColumns) +
      "WHERE (?1 = 0 OR d.status = 'open') AND (?2 = '' OR d.owner = ?2) AND "
      "(?3 = '' OR c.number = ?3) AND (?4 = '' OR i.number = ?4) ORDER BY d.number";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  query->bind(1, filter.open_only ? 1 : 0)
      .bind(2, filter.owner)
      .bind(3, filter.customer_number)
      .bind(4, filter.invoice_number);
  return read_all<Dispute>(*query, filter.limit, read_dispute);
}

Result<std::optional<Payment>> SqliteConnectionStore::find_payment_by_number(
    std::string_view number) {
  O2C_ASSIGN_OR_RETURN(
      auto query, connection_->prepare("SELECT p.id, p.number, p.customer_id, c.number, "
                                       "p.currency, p.amount_minor, p.unapplied_minor, "
                                       "p.received_on, p.reference FROM payments p JOIN customers "
                                       "c ON c.id = p.customer_id WHERE p.number = ?"));
  query->bind(1, number);
  return read_one<Payment>(*query, [](const Statement& row) -> Result<Payment> {
    Payment payment;
    payment.id = PaymentId{row.column_int(0)};
    payment.number = row.column_text(1);
    payment.customer = CustomerId{row.column_int(2)};
    payment.customer_number = row.column_text(3);
    O2C_ASSIGN_OR_RETURN(Currency currency, currency_column(row, 4));
    payment.amount = money_column(row, 5, currency);
    payment.unapplied = money_column(row, 6, currency);
    O2C_ASSIGN_OR_RETURN(payment.received_on, date_column(row, 7));
    payment.reference = row.column_text(8);
    return payment;
  });
}

Result<std::optional<WriteOff>> SqliteConnectionStore::find_write_off(std::string_view number) {
  static const std::string sql = std::string(kWriteOffColumns) + "WHERE w.number = ?";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  query->bind(1, number);
  return read_one<WriteOff>(*query, read_write_off);
}

Result<std::vector<WriteOff>> SqliteConnectionStore::list_write_offs(bool pending_only,
                                                                     std::size_t limit) {
  static const std::string sql =
      std::string(kWriteOffColumns) + "WHERE (?1 = 0 OR w.status = 'requested') ORDER BY w.number";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  query->bind(1, pending_only ? 1 : 0);
  return read_all<WriteOff>(*query, limit, read_write_off);
}

Result<std::optional<PaymentPromise>> SqliteConnectionStore::find_promise(std::string_view number) {
  static const std::string sql = std::string(kPromiseColumns) + "WHERE t.number = ?";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  query->bind(1, number);
  return read_one<PaymentPromise>(*query, read_promise);
}

Result<std::vector<PaymentPromise>> SqliteConnectionStore::list_promises(bool open_only,
                                                                         std::size_t limit) {
  static const std::string sql =
      std::string(kPromiseColumns) + "WHERE (?1 = 0 OR t.status = 'open') ORDER BY t.number";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  query->bind(1, open_only ? 1 : 0);
  return read_all<PaymentPromise>(*query, limit, read_promise);
}

Result<std::int64_t> SqliteConnectionStore::received_for_promise_minor(
    std::string_view customer_number, std::string_view invoice_number, Date from, Date to) {
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare(
          "SELECT CASE WHEN ?2 = '' THEN (SELECT COALESCE(SUM(p.amount_minor), 0) FROM payments "
          "p JOIN customers c ON c.id = p.customer_id WHERE c.number = ?1 AND p.received_on "
          "BETWEEN ?3 AND ?4) ELSE (SELECT COALESCE(SUM(a.amount_minor), 0) FROM "
          "payment_applications a JOIN payments p ON p.id = a.payment_id JOIN invoices i ON "
          "i.id = a.invoice_id WHERE i.number = ?2 AND p.received_on BETWEEN ?3 AND ?4) END"));
  query->bind(1, customer_number)
      .bind(2, invoice_number)
      .bind(3, format_date(from))
      .bind(4, format_date(to));
  O2C_ASSIGN_OR_RETURN(bool row, query->step());
  O2C_ASSERT(row);
  return query->column_int(0);
}

Result<std::int64_t> SqliteConnectionStore::insert_dispute(const Dispute& dispute) {
  O2C_ASSERT(dispute.amount.minor > 0);
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare(
          "INSERT INTO disputes(number, customer_id, invoice_id, line_no, reason, origin, "
          "payment_id, currency, amount_minor, owner, status, opened_on, description, opened_by) "
          "VALUES (?1, (SELECT id FROM customers WHERE number = ?2), (SELECT id FROM invoices "
          "WHERE number = ?3), ?4, ?5, ?6, (SELECT id FROM payments WHERE number = ?7), ?8, ?9, "
          "?10, 'open', ?11, ?12, ?13)"));
  query->bind(1, dispute.number).bind(2, dispute.customer_number).bind(3, dispute.invoice_number);
  if (dispute.line_no) query->bind(4, *dispute.line_no);
  query->bind(5, wire_name(dispute.reason))
      .bind(6, wire_name(dispute.origin))
      .bind(7, dispute.payment_number)
      .bind(8, dispute.amount.currency.text())
      .bind(9, dispute.amount.minor)
      .bind(10, dispute.owner)
      .bind(11, format_date(dispute.opened_on))
      .bind(12, dispute.description)
      .bind(13, dispute.opened_by);
  O2C_RETURN_IF_ERROR(query->run());
  return connection_->last_insert_rowid();
}

Status SqliteConnectionStore::update_dispute(const Dispute& dispute) {
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("UPDATE disputes SET owner = ?, status = ?, resolved_on = ?, "
                           "resolution_document = ?, resolved_by = ?, note = ? WHERE number = ?"));
  query->bind(1, dispute.owner).bind(2, wire_name(dispute.status));
  bind_optional_date(*query, 3, dispute.resolved_on);
  query->bind(4, dispute.resolution_document)
      .bind(5, dispute.resolved_by)
      .bind(6, dispute.note)
      .bind(7, dispute.number);
  O2C_RETURN_IF_ERROR(query->run());
  return expect_one_row(*connection_, "dispute");
}

Result<std::int64_t> SqliteConnectionStore::insert_write_off(const WriteOff& write_off) {
  O2C_ASSERT(write_off.amount.minor > 0);
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare(
          "INSERT INTO write_offs(number, customer_id, invoice_id, currency, amount_minor, kind, "
          "status, reason, dispute_id, requested_by, requested_on, decided_by, decided_on, "
          "decision_note) VALUES (?1, (SELECT id FROM customers WHERE number = ?2), (SELECT id "
          "FROM invoices WHERE number = ?3), ?4, ?5, ?6, ?7, ?8, (SELECT id FROM disputes WHERE "
          "number = ?9), ?10, ?11, ?12, ?13, ?14)"));
  query->bind(1, write_off.number)
      .bind(2, write_off.customer_number)
      .bind(3, write_off.invoice_number)
      .bind(4, write_off.amount.currency.text())
      .bind(5, write_off.amount.minor)
      .bind(6, wire_name(write_off.kind))
      .bind(7, wire_name(write_off.status))
      .bind(8, write_off.reason)
      .bind(9, write_off.dispute_number)
      .bind(10, write_off.requested_by)
      .bind(11, format_date(write_off.requested_on))
      .bind(12, write_off.decided_by);
  bind_optional_date(*query, 13, write_off.decided_on);
  query->bind(14, write_off.decision_note);
  O2C_RETURN_IF_ERROR(query->run());
  return connection_->last_insert_rowid();
}

Status SqliteConnectionStore::update_write_off(const WriteOff& write_off) {
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("UPDATE write_offs SET status = ?, decided_by = ?, "
                                            "decided_on = ?, decision_note = ? WHERE number = ?"));
  query->bind(1, wire_name(write_off.status)).bind(2, write_off.decided_by);
  bind_optional_date(*query, 3, write_off.decided_on);
  query->bind(4, write_off.decision_note).bind(5, write_off.number);
  O2C_RETURN_IF_ERROR(query->run());
  return expect_one_row(*connection_, "write-off");
}

Result<std::int64_t> SqliteConnectionStore::insert_promise(const PaymentPromise& promise) {
  O2C_ASSERT(promise.amount.minor > 0);
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare(
          "INSERT INTO payment_promises(number, customer_id, invoice_id, currency, amount_minor, "
          "made_on, due_on, status, taken_by) VALUES (?1, (SELECT id FROM customers WHERE number "
          "= ?2), (SELECT id FROM invoices WHERE number = ?3), ?4, ?5, ?6, ?7, 'open', ?8)"));
  query->bind(1, promise.number)
      .bind(2, promise.customer_number)
      .bind(3, promise.invoice_number)
      .bind(4, promise.amount.currency.text())
      .bind(5, promise.amount.minor)
      .bind(6, format_date(promise.made_on))
      .bind(7, format_date(promise.due_on))
      .bind(8, promise.taken_by);
  O2C_RETURN_IF_ERROR(query->run());
  return connection_->last_insert_rowid();
}

Status SqliteConnectionStore::update_promise(const PaymentPromise& promise) {
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare("UPDATE payment_promises SET status = ?, "
                                                        "settled_on = ? WHERE number = ?"));
  query->bind(1, wire_name(promise.status));
  bind_optional_date(*query, 2, promise.settled_on);
  query->bind(3, promise.number);
  O2C_RETURN_IF_ERROR(query->run());
  return expect_one_row(*connection_, "promise");
}

}  // namespace o2c::sqlite
