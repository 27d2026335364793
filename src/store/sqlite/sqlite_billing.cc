// The reads and writes of billing documents in the SQLite store beyond invoices themselves:
// what a billing run bills, settlements, credit notes and their allocations, pro-forma
// invoices.
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace o2c::sqlite {

Result<std::vector<UnbilledShipment>> SqliteConnectionStore::unbilled_shipments(
    Date up_to, std::optional<OrderId> order) {
  // Two statements, so that the one for an order can use shipments_by_order (an "?2 IS NULL
  // OR" filter would make SQLite scan every unbilled shipment for each order).
  static constexpr const char* kColumns =
      "SELECT s.id, s.number, o.id, o.number, c.id, c.number, c.billing_policy, s.shipped_on "
      "FROM shipments s JOIN orders o ON o.id = s.order_id JOIN customers c ON c.id = "
      "o.customer_id WHERE s.invoice_id IS NULL AND s.shipped_on IS NOT NULL AND s.shipped_on "
      "<= ?1 AND (s.status = 'shipped' OR s.status = 'delivered') ";
  static const std::string kAll = std::string(kColumns) + "ORDER BY c.number, o.number, s.number";
  static const std::string kOfOrder =
      std::string(kColumns) + "AND s.order_id = ?2 ORDER BY s.number";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(order ? kOfOrder.c_str() : kAll.c_str()));
  query->bind(1, format_date(up_to));
  if (order) query->bind(2, order->value);
  std::vector<UnbilledShipment> shipments;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    UnbilledShipment shipment;
    shipment.shipment = ShipmentId{query->column_int(0)};
    shipment.shipment_number = query->column_text(1);
    shipment.order = OrderId{query->column_int(2)};
    shipment.order_number = query->column_text(3);
    shipment.customer = CustomerId{query->column_int(4)};
    shipment.customer_number = query->column_text(5);
    Result<BillingPolicy> policy = billing_policy_from_wire(query->column_text(6));
    if (!policy) return corrupt("customer billing policy");
    shipment.policy = *policy;
    O2C_ASSIGN_OR_RETURN(shipment.shipped_on, date_column(*query, 7));
    shipments.push_back(std::move(shipment));
  }
  return shipments;
}

Status SqliteConnectionStore::update_invoice_settlement(const Invoice& invoice) {
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare("UPDATE invoices SET paid_minor = ?, "
                                                        "credited_minor = ?, "
                                                        "discount_taken_minor = ?, "
                                                        "written_off_minor = ? WHERE id = ?"));
  query->bind(1, invoice.paid.minor)
      .bind(2, invoice.credited.minor)
      .bind(3, invoice.discount_taken.minor)
      .bind(4, invoice.written_off.minor)
      .bind(5, invoice.id.value);
  O2C_RETURN_IF_ERROR(query->run());
  O2C_RETURN_IF_ERROR(expect_one_row(*connection_, "invoice"));
  if (auto cached = invoices_by_number_.find(invoice.number); cached != invoices_by_number_.end()) {
    cached->second.paid = invoice.paid;
    cached->second.credited = invoice.credited;
    cached->second.discount_taken = invoice.discount_taken;
    cached->second.written_off = invoice.written_off;
  }
  return {};
}

Status SqliteConnectionStore::mark_shipments_billed(std::span<const ShipmentId> shipments,
                                                    InvoiceId invoice) {
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("UPDATE shipments SET invoice_id = ? WHERE id = ? AND "
                                            "invoice_id IS NULL"));
  for (const ShipmentId shipment : shipments) {
    query->bind(1, invoice.value).bind(2, shipment.value);
    O2C_RETURN_IF_ERROR(query->run());
    // A shipment billed twice would mean two invoices for the same goods.
    O2C_RETURN_IF_ERROR(expect_one_row(*connection_, "unbilled shipment"));
    query->reset();
  }
  return {};
}

Result<std::vector<CreditedLine>> SqliteConnectionStore::credited_lines(InvoiceId invoice) {
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("SELECT l.invoice_line_no, l.quantity_milli, n.currency, l.net_minor, "
                           "l.tax_minor FROM credit_note_lines l JOIN credit_notes n ON n.id = "
                           "l.credit_note_id WHERE n.invoice_id = ? ORDER BY n.id, l.line_no"));
  query->bind(1, invoice.value);
  std::vector<CreditedLine> lines;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    O2C_ASSIGN_OR_RETURN(Currency currency, currency_column(*query, 2));
    lines.push_back(CreditedLine{static_cast<int>(query->column_int(0)), quantity_column(*query, 1),
                                 money_column(*query, 3, currency),
                                 money_column(*query, 4, currency)});
  }
  return lines;
}

namespace {

constexpr const char* kCreditNoteColumns =
    "n.id, n.number, n.customer_id, c.number, n.invoice_id, i.number, n.cause, n.reason, "
    "COALESCE(n.return_request_id, 0), n.issue_date, n.currency, n.net_minor, n.tax_minor, "
    "n.gross_minor, n.allocated_minor FROM credit_notes n JOIN customers c ON c.id = "
    "n.customer_id JOIN invoices i ON i.id = n.invoice_id ";

Result<CreditNote> read_credit_note_row(const Statement& row) {
  CreditNote note;
  note.id = row.column_int(0);
  note.number = row.column_text(1);
  note.customer = CustomerId{row.column_int(2)};
  note.customer_number = row.column_text(3);
  note.invoice = InvoiceId{row.column_int(4)};
  note.invoice_number = row.column_text(5);
  Result<CreditCause> cause = credit_cause_from_wire(row.column_text(6));
  if (!cause) return corrupt("credit note cause (" + note.number + ")");
  note.cause = *cause;
  note.reason = row.column_text(7);
  note.return_request = row.column_int(8);
  O2C_ASSIGN_OR_RETURN(note.issue_date, date_column(row, 9));
  O2C_ASSIGN_OR_RETURN(note.currency, currency_column(row, 10));
  note.net_total = money_column(row, 11, note.currency);
  note.tax_total = money_column(row, 12, note.currency);
  note.gross_total = money_column(row, 13, note.currency);
  note.allocated = money_column(row, 14, note.currency);
  if (note.gross_total.minor != note.net_total.minor + note.tax_total.minor)
    return corrupt("credit note total (" + note.number + ")");
  return note;
}

}  // namespace

Result<std::optional<CreditNote>> SqliteConnectionStore::find_credit_note(std::string_view number) {
  static const std::string sql = std::string("SELECT ") + kCreditNoteColumns + "WHERE n.number = ?";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  query->bind(1, number);
  O2C_ASSIGN_OR_RETURN(bool found, query->step());
  if (!found) return std::optional<CreditNote>{};
  O2C_ASSIGN_OR_RETURN(CreditNote note, read_credit_note_row(*query));
  O2C_ASSIGN_OR_RETURN(auto lines,
                       connection_->prepare("SELECT line_no, invoice_line_no, sku, description, "
                                            "quantity_milli, unit_price_minor, tax_category, "
                                            "tax_rate_bp, net_minor, tax_minor FROM "
                                            "credit_note_lines WHERE credit_note_id = ? ORDER BY "
                                            "line_no"));
  lines->bind(1, note.id);
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, lines->step());
    if (!row) break;
    CreditNoteLine line;
    line.line_no = static_cast<int>(lines->column_int(0));
    line.invoice_line_no = static_cast<int>(lines->column_int(1));
    line.sku = lines->column_text(2);
    line.description = lines->column_text(3);
    line.quantity = quantity_column(*lines, 4);
    line.unit_price = money_column(*lines, 5, note.currency);
    line.tax_category = lines->column_text(6);
    line.tax_rate = BasisPoints{static_cast<std::int32_t>(lines->column_int(7))};
    line.net = money_column(*lines, 8, note.currency);
    line.tax = money_column(*lines, 9, note.currency);
    note.lines.push_back(std::move(line));
  }
  return std::optional<CreditNote>(std::move(note));
}

Result<std::vector<CreditNote>> SqliteConnectionStore::list_credit_notes(
    std::optional<CustomerId> customer, std::size_t limit) {
  static const std::string sql = std::string("SELECT ") + kCreditNoteColumns +
                                 "WHERE ?1 IS NULL OR n.customer_id = ?1 ORDER BY n.number";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  if (customer) query->bind(1, customer->value);
  std::vector<CreditNote> notes;
  while (notes.size() < limit) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    O2C_ASSIGN_OR_RETURN(CreditNote note, read_credit_note_row(*query));
    notes.push_back(std::move(note));
  }
  return notes;
}

Result<std::int64_t> SqliteConnectionStore::insert_credit_note(const CreditNote& note) {
  O2C_ASSERT(note.gross_total.minor == note.net_total.minor + note.tax_total.minor);
  O2C_ASSERT(!note.lines.empty());
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("INSERT INTO credit_notes(number, customer_id, invoice_id, cause, "
                           "reason, return_request_id, issue_date, currency, net_minor, "
                           "tax_minor, gross_minor, allocated_minor) VALUES (?, ?, ?, ?, ?, ?, ?, "
                           "?, ?, ?, ?, ?)"));
  query->bind(1, note.number)
      .bind(2, note.customer.value)
      .bind(3, note.invoice.value)
      .bind(4, wire_name(note.cause))
      .bind(5, note.reason);
  if (note.return_request != 0) query->bind(6, note.return_request);
  query->bind(7, format_date(note.issue_date))
      .bind(8, note.currency.text())
      .bind(9, note.net_total.minor)
      .bind(10, note.tax_total.minor)
      .bind(11, note.gross_total.minor)
      .bind(12, note.allocated.minor);
  O2C_RETURN_IF_ERROR(query->run());
  const std::int64_t id = connection_->last_insert_rowid();
  static const MultiRowInsert kInsertLines(
      "INSERT INTO credit_note_lines(credit_note_id, line_no, invoice_line_no, sku, description, "
      "quantity_milli, unit_price_minor, tax_category, tax_rate_bp, net_minor, tax_minor) VALUES",
      11);
  O2C_RETURN_IF_ERROR(
      insert_rows(*connection_, kInsertLines, note.lines,
                  [id](Statement& statement, int first, const CreditNoteLine& line, int) {
                    statement.bind(first + 1, id)
                        .bind(first + 2, line.line_no)
                        .bind(first + 3, line.invoice_line_no)
                        .bind(first + 4, line.sku)
                        .bind(first + 5, line.description)
                        .bind(first + 6, line.quantity.milli)
                        .bind(first + 7, line.unit_price.minor)
                        .bind(first + 8, line.tax_category)
                        .bind(first + 9, line.tax_rate.value)
                        .bind(first + 10, line.net.minor)
                        .bind(first + 11, line.tax.minor);
                  }));
  return id;
}

Status SqliteConnectionStore::allocate_credit(const CreditNote& note, InvoiceId invoice,
                                              Money amount, Date allocated_on) {
  O2C_ASSERT(amount.minor > 0 && amount.currency == note.currency);
  O2C_ASSIGN_OR_RETURN(auto allocation,
                       connection_->prepare("INSERT INTO credit_allocations(credit_note_id, "
                                            "invoice_id, amount_minor, allocated_on) VALUES "
                                            "(?, ?, ?, ?)"));
  allocation->bind(1, note.id)
      .bind(2, invoice.value)
      .bind(3, amount.minor)
      .bind(4, format_date(allocated_on));
  O2C_RETURN_IF_ERROR(allocation->run());
  O2C_ASSIGN_OR_RETURN(auto total, connection_->prepare("UPDATE credit_notes SET allocated_minor = "
                                                        "allocated_minor + ? WHERE id = ?"));
  total->bind(1, amount.minor).bind(2, note.id);
  O2C_RETURN_IF_ERROR(total->run());
  return expect_one_row(*connection_, "credit note");
}

Status SqliteConnectionStore::insert_proforma(const ProformaInvoice& proforma) {
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("INSERT INTO proforma_invoices(number, order_id, issue_date, "
                           "valid_until, currency, net_minor, tax_minor, gross_minor) VALUES (?, "
                           "?, ?, ?, ?, ?, ?, ?)"));
  query->bind(1, proforma.number)
      .bind(2, proforma.order.value)
      .bind(3, format_date(proforma.issue_date))
      .bind(4, format_date(proforma.valid_until))
      .bind(5, proforma.currency.text())
      .bind(6, proforma.net_total.minor)
      .bind(7, proforma.tax_total.minor)
      .bind(8, proforma.gross_total.minor);
  return query->run();
}

}  // namespace o2c::sqlite
