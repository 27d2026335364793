// The SQLite store's payment tables of migration 0016: payment status, reversals, refunds,
// card details, SEPA mandates and direct debit collection batches.
#include <string>
#include <vector>

#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace o2c::sqlite {
namespace {

constexpr const char* kRecordColumns =
    "SELECT p.id, p.number, p.customer_id, c.number, p.currency, p.amount_minor, "
    "p.unapplied_minor, p.received_on, p.method, p.reference, p.status, p.reversed_on, "
    "p.reversal_reason, p.refunded_minor, k.gateway, k.charge_id, k.token, k.brand, k.last4 "
    "FROM payments p JOIN customers c ON c.id = p.customer_id "
    "LEFT JOIN payment_cards k ON k.payment_id = p.id ";

constexpr const char* kMandateColumns =
    "SELECT m.id, m.customer_id, c.number, m.mandate_id, m.iban, m.bic, m.signed_on, m.status, "
    "m.revoked_on, m.collections FROM sepa_mandates m JOIN customers c ON c.id = m.customer_id ";

Result<PaymentRecord> read_record(const Statement& row) {
  PaymentRecord record;
  Payment& payment = record.payment;
  payment.id = PaymentId{row.column_int(0)};
  payment.number = row.column_text(1);
  payment.customer = CustomerId{row.column_int(2)};
  payment.customer_number = row.column_text(3);
  O2C_ASSIGN_OR_RETURN(Currency currency, currency_column(row, 4));
  payment.amount = money_column(row, 5, currency);
  payment.unapplied = money_column(row, 6, currency);
  O2C_ASSIGN_OR_RETURN(payment.received_on, date_column(row, 7));
  Result<PaymentMethod> method = payment_method_from_wire(row.column_text(8));
  if (!method) return corrupt("payment method");
  payment.method = *method;
  payment.reference = row.column_text(9);
  Result<PaymentStatus> status = payment_status_from_wire(row.column_text(10));
  if (!status) return corrupt("payment status");
  record.status = *status;
  O2C_ASSIGN_OR_RETURN(record.reversed_on, optional_date_column(row, 11));
  record.reversal_reason = row.column_text(12);
  record.refunded = money_column(row, 13, currency);
  if (!row.column_text(15).empty())
    record.card = CardDetails{row.column_text(14), row.column_text(15), row.column_text(16),
                              row.column_text(17), row.column_text(18)};
  return record;
}

Result<Mandate> read_mandate(const Statement& row) {
  Mandate mandate;
  mandate.id = row.column_int(0);
  mandate.customer = CustomerId{row.column_int(1)};
  mandate.customer_number = row.column_text(2);
  mandate.mandate_id = row.column_text(3);
  mandate.iban = row.column_text(4);
  mandate.bic = row.column_text(5);
  O2C_ASSIGN_OR_RETURN(mandate.signed_on, date_column(row, 6));
  const std::string status = row.column_text(7);
  if (status != "active" && status != "revoked") return corrupt("mandate status");
  mandate.status = status == "active" ? MandateStatus::kActive : MandateStatus::kRevoked;
  O2C_ASSIGN_OR_RETURN(mandate.revoked_on, optional_date_column(row, 8));
  mandate.collections = row.column_int(9);
  return mandate;
}

}  // namespace

Result<std::optional<PaymentRecord>> SqliteConnectionStore::find_payment_record(
    std::string_view number) {
  static const std::string sql = std::string(kRecordColumns) + "WHERE p.number = ?";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  query->bind(1, number);
  O2C_ASSIGN_OR_RETURN(bool found, query->step());
  if (!found) return std::optional<PaymentRecord>{};
  O2C_ASSIGN_OR_RETURN(PaymentRecord record, read_record(*query));
  return std::optional<PaymentRecord>(std::move(record));
}

Result<std::vector<AppliedAmount>> SqliteConnectionStore::payment_applications(PaymentId payment) {
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare(
          "SELECT a.invoice_id, i.number, i.currency, a.amount_minor, a.applied_on, NOT EXISTS "
          "(SELECT 1 FROM payment_applications b WHERE b.invoice_id = a.invoice_id AND b.rowid > "
          "a.rowid AND b.reversed_on IS NULL) FROM payment_applications a JOIN invoices i ON "
          "i.id = a.invoice_id WHERE a.payment_id = ? AND a.reversed_on IS NULL ORDER BY "
          "a.rowid"));
  query->bind(1, payment.value);
  std::vector<AppliedAmount> applied;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    O2C_ASSIGN_OR_RETURN(Currency currency, currency_column(*query, 2));
    O2C_ASSIGN_OR_RETURN(Date applied_on, date_column(*query, 4));
    applied.push_back(AppliedAmount{InvoiceId{query->column_int(0)}, query->column_text(1),
                                    money_column(*query, 3, currency), applied_on,
                                    query->column_int(5) != 0});
  }
  return applied;
}

Result<std::vector<PaymentRefund>> SqliteConnectionStore::payment_refunds(PaymentId payment) {
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("SELECT number, currency, amount_minor, refunded_on, reason, "
                           "gateway_reference FROM payment_refunds WHERE payment_id = "
                           "? ORDER BY id"));
  query->bind(1, payment.value);
  std::vector<PaymentRefund> refunds;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    O2C_ASSIGN_OR_RETURN(Currency currency, currency_column(*query, 1));
    O2C_ASSIGN_OR_RETURN(Date on, date_column(*query, 3));
    refunds.push_back(PaymentRefund{query->column_text(0), payment,
                                    money_column(*query, 2, currency), on, query->column_text(4),
                                    query->column_text(5)});
  }
  return refunds;
}

Result<std::vector<LedgerEntry>> SqliteConnectionStore::ledger_entries_of(
    std::string_view document) {
  O2C_ASSIGN_OR_RETURN(std::string company_code, company_currency());
  O2C_ASSIGN_OR_RETURN(Currency company, currency_from_code(company_code));
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("SELECT e.id, e.entry_date, e.description, e.currency, e.rate_micros, "
                           "l.account, l.amount_minor, l.company_minor FROM ledger_entries e JOIN "
                           "ledger_lines l ON l.entry_id = e.id WHERE e.document = ? ORDER BY "
                           "e.id, l.line_no"));
  query->bind(1, document);
  std::vector<LedgerEntry> entries;
  std::int64_t current = -1;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    if (query->column_int(0) != current) {
      current = query->column_int(0);
      LedgerEntry entry;
      entry.document = std::string(document);
      O2C_ASSIGN_OR_RETURN(entry.date, date_column(*query, 1));
      entry.description = query->column_text(2);
      entry.rate = FxRate{query->column_int(4)};
      entries.push_back(std::move(entry));
    }
    O2C_ASSIGN_OR_RETURN(Currency currency, currency_column(*query, 3));
    Result<Account> account = account_from_code(static_cast<int>(query->column_int(5)));
    if (!account) return corrupt("ledger account");
    entries.back().lines.push_back(
        LedgerLine{*account, money_column(*query, 6, currency), money_column(*query, 7, company)});
  }
  for (const LedgerEntry& entry : entries) assert_balanced(entry);
  return entries;
}

Result<std::optional<Mandate>> SqliteConnectionStore::find_mandate(std::string_view mandate_id) {
  static const std::string sql = std::string(kMandateColumns) + "WHERE m.mandate_id = ?";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  query->bind(1, mandate_id);
  O2C_ASSIGN_OR_RETURN(bool found, query->step());
  if (!found) return std::optional<Mandate>{};
  O2C_ASSIGN_OR_RETURN(Mandate mandate, read_mandate(*query));
  return std::optional<Mandate>(std::move(mandate));
}

Result<std::vector<Mandate>> SqliteConnectionStore::list_mandates(
    std::optional<CustomerId> customer) {
  static const std::string sql = std::string(kMandateColumns) +
                                 "WHERE (?1 IS NULL OR m.customer_id = ?1) ORDER BY c.number, "
                                 "m.mandate_id";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  if (customer) query->bind(1, customer->value);
  std::vector<Mandate> mandates;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    O2C_ASSIGN_OR_RETURN(Mandate mandate, read_mandate(*query));
    mandates.push_back(std::move(mandate));
  }
  return mandates;
}

Result<std::vector<DirectDebitCandidate>> SqliteConnectionStore::direct_debit_candidates(
    Date due_by) {
  // The mandate's columns as kMandateColumns, then the invoice's number and the debtor's name.
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare(
          "SELECT m.id, m.customer_id, c.number, m.mandate_id, m.iban, m.bic, m.signed_on, "
          "m.status, m.revoked_on, m.collections, i.number, c.name FROM sepa_mandates m JOIN "
          "customers c ON c.id = m.customer_id JOIN invoices i ON i.customer_id = m.customer_id "
          "WHERE m.status = 'active' AND i.due_date <= ?1 AND i.paid_minor + i.credited_minor + "
          "i.discount_taken_minor + i.written_off_minor < i.gross_minor AND NOT EXISTS (SELECT 1 "
          "FROM direct_debit_items d WHERE d.invoice_id = i.id) ORDER BY c.number, i.due_date, "
          "i.number"));
  query->bind(1, format_date(due_by));
  std::vector<std::pair<Mandate, std::pair<std::string, std::string>>> found;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    O2C_ASSIGN_OR_RETURN(Mandate mandate, read_mandate(*query));
    found.push_back({std::move(mandate), {query->column_text(10), query->column_text(11)}});
  }
  std::vector<DirectDebitCandidate> candidates;
  for (auto& [mandate, invoice] : found) {
    O2C_ASSIGN_OR_RETURN(std::optional<Invoice> loaded, find_invoice(invoice.first));
    O2C_ASSERT(loaded.has_value());
    O2C_ASSIGN_OR_RETURN(Money open, open_amount(*loaded));
    OpenItem item{loaded->id,
                  loaded->number,
                  loaded->customer,
                  loaded->customer_number,
                  loaded->invoice_date,
                  loaded->due_date,
                  open,
                  loaded->gross_total,
                  loaded->discount,
                  loaded->discount_until,
                  zero(loaded->currency)};
    candidates.push_back(DirectDebitCandidate{std::move(item), std::move(mandate), invoice.second});
  }
  return candidates;
}

Status SqliteConnectionStore::insert_payment_card(PaymentId payment, const CardDetails& card) {
  O2C_ASSERT(card.last4.size() == 4);
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("INSERT INTO payment_cards(payment_id, gateway, "
                                            "charge_id, token, brand, last4) VALUES "
                                            "(?, ?, ?, ?, ?, ?)"));
  query->bind(1, payment.value)
      .bind(2, card.gateway)
      .bind(3, card.charge_id)
      .bind(4, card.token)
      .bind(5, card.brand)
      .bind(6, card.last4);
  return query->run();
}

Status SqliteConnectionStore::mark_payment_reversed(PaymentId payment, Date on,
                                                    ReversalReason reason) {
  O2C_ASSIGN_OR_RETURN(
      auto update, connection_->prepare("UPDATE payments SET status = 'reversed', reversed_on = ?, "
                                        "reversal_reason = ?, unapplied_minor = 0 WHERE id = ? "
                                        "AND status = 'received'"));
  update->bind(1, format_date(on)).bind(2, wire_name(reason)).bind(3, payment.value);
  O2C_RETURN_IF_ERROR(update->run());
  O2C_RETURN_IF_ERROR(expect_one_row(*connection_, "payment"));
  O2C_ASSIGN_OR_RETURN(auto undo,
                       connection_->prepare("UPDATE payment_applications SET reversed_on = ? "
                                            "WHERE payment_id = ? AND reversed_on IS NULL"));
  undo->bind(1, format_date(on)).bind(2, payment.value);
  return undo->run();
}

Status SqliteConnectionStore::insert_refund(const PaymentRefund& refund) {
  O2C_ASSERT(refund.amount.minor > 0);
  O2C_ASSIGN_OR_RETURN(
      auto insert, connection_->prepare(
                       "INSERT INTO payment_refunds(number, payment_id, currency, amount_minor, "
                       "refunded_on, reason, gateway_reference) VALUES (?, ?, ?, ?, ?, ?, ?)"));
  insert->bind(1, refund.number)
      .bind(2, refund.payment.value)
      .bind(3, refund.amount.currency.text())
      .bind(4, refund.amount.minor)
      .bind(5, format_date(refund.refunded_on))
      .bind(6, refund.reason)
      .bind(7, refund.gateway_reference);
  O2C_RETURN_IF_ERROR(insert->run());
  // The CHECK on unapplied_minor refuses taking more than is unapplied.
  O2C_ASSIGN_OR_RETURN(
      auto update,
      connection_->prepare("UPDATE payments SET unapplied_minor = unapplied_minor - ?1, "
                           "refunded_minor = refunded_minor + ?1 WHERE id = ?2 AND status = "
                           "'received'"));
  update->bind(1, refund.amount.minor).bind(2, refund.payment.value);
  O2C_RETURN_IF_ERROR(update->run());
  return expect_one_row(*connection_, "payment");
}

Result<std::int64_t> SqliteConnectionStore::insert_mandate(const Mandate& mandate) {
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("INSERT INTO sepa_mandates(customer_id, mandate_id, "
                                            "iban, bic, signed_on) VALUES (?, ?, ?, ?, ?)"));
  query->bind(1, mandate.customer.value)
      .bind(2, mandate.mandate_id)
      .bind(3, mandate.iban)
      .bind(4, mandate.bic)
      .bind(5, format_date(mandate.signed_on));
  O2C_RETURN_IF_ERROR(query->run());
  return connection_->last_insert_rowid();
}

Status SqliteConnectionStore::revoke_mandate(std::int64_t mandate, Date on) {
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("UPDATE sepa_mandates SET status = 'revoked', "
                                            "revoked_on = ? WHERE id = ? AND status = 'active'"));
  query->bind(1, format_date(on)).bind(2, mandate);
  O2C_RETURN_IF_ERROR(query->run());
  return expect_one_row(*connection_, "mandate");
}

Status SqliteConnectionStore::save_mandate_collections(std::int64_t mandate,
                                                       std::int64_t collections) {
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare("UPDATE sepa_mandates SET collections = ? "
                                                        "WHERE id = ?"));
  query->bind(1, collections).bind(2, mandate);
  O2C_RETURN_IF_ERROR(query->run());
  return expect_one_row(*connection_, "mandate");
}

Result<std::int64_t> SqliteConnectionStore::insert_direct_debit_batch(
    const DirectDebitBatch& batch) {
  O2C_ASSERT(!batch.items.empty());
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("INSERT INTO direct_debit_batches(number, collection_date, created_on, "
                           "currency, count, control_minor, file_sha256) VALUES "
                           "(?, ?, ?, ?, ?, ?, ?)"));
  query->bind(1, batch.number)
      .bind(2, format_date(batch.collection_date))
      .bind(3, format_date(batch.created_on))
      .bind(4, batch.control_sum.currency.text())
      .bind(5, static_cast<std::int64_t>(batch.items.size()))
      .bind(6, batch.control_sum.minor)
      .bind(7, batch.file_sha256);
  O2C_RETURN_IF_ERROR(query->run());
  const std::int64_t id = connection_->last_insert_rowid();
  for (const DirectDebitItem& item : batch.items) {
    O2C_ASSIGN_OR_RETURN(
        auto insert,
        connection_->prepare("INSERT INTO direct_debit_items(batch_id, invoice_id, mandate_id, "
                             "payment_id, sequence_type, amount_minor) VALUES (?, ?, ?, ?, ?, ?)"));
    insert->bind(1, id)
        .bind(2, item.invoice.value)
        .bind(3, item.mandate)
        .bind(4, item.payment.value)
        .bind(5, wire_name(item.sequence_type))
        .bind(6, item.amount.minor);
    O2C_RETURN_IF_ERROR(insert->run());
  }
  return id;
}

}  // namespace o2c::sqlite
