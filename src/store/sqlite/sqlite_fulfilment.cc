// The reads and writes of fulfilment in the SQLite store: shipments with their status and
// tracking, returns (RMAs), the credit notes they ask of billing, and reorder points. Rows
// a domain value cannot hold mean the file was altered outside o2c (database_corrupt).
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace o2c::sqlite {
namespace {

constexpr const char* kShipmentColumns =
    "s.id, s.number, s.order_id, o.number, s.ship_date, s.status, s.carrier, s.tracking_number, "
    "s.packed_on, s.shipped_on, s.delivered_on, s.promised_on, s.cancel_reason FROM shipments s "
    "JOIN orders o ON o.id = s.order_id ";

Result<Shipment> read_shipment_row(const Statement& row) {
  Shipment shipment;
  shipment.id = ShipmentId{row.column_int(0)};
  shipment.number = row.column_text(1);
  shipment.order = OrderId{row.column_int(2)};
  shipment.order_number = row.column_text(3);
  O2C_ASSIGN_OR_RETURN(shipment.ship_date, date_column(row, 4));
  Result<ShipmentStatus> status = shipment_status_from_wire(row.column_text(5));
  if (!status) return corrupt("shipment status");
  ShipmentTracking& tracking = shipment.tracking;
  tracking.status = *status;
  tracking.carrier = row.column_text(6);
  tracking.tracking_number = row.column_text(7);
  O2C_ASSIGN_OR_RETURN(tracking.packed_on, optional_date_column(row, 8));
  O2C_ASSIGN_OR_RETURN(tracking.shipped_on, optional_date_column(row, 9));
  O2C_ASSIGN_OR_RETURN(tracking.delivered_on, optional_date_column(row, 10));
  O2C_ASSIGN_OR_RETURN(shipment.promised_on, optional_date_column(row, 11));
  tracking.cancel_reason = row.column_text(12);
  // A shipped or delivered shipment has left on a known day (confirm_delivery relies on it).
  const bool left =
      tracking.status == ShipmentStatus::kShipped || tracking.status == ShipmentStatus::kDelivered;
  if (left && !tracking.shipped_on) return corrupt("shipment (" + shipment.number + ")");
  if (tracking.status == ShipmentStatus::kDelivered && !tracking.delivered_on)
    return corrupt("shipment (" + shipment.number + ")");
  return shipment;
}

constexpr const char* kReturnColumns =
    "r.id, r.number, r.shipment_id, s.number, s.order_id, o.number, COALESCE(i.number, ''), "
    "r.status, r.condition, r.reason, r.authorised_on, r.received_on, r.currency, "
    "r.credit_net_minor, r.credit_tax_minor, r.credit_gross_minor FROM returns r "
    "JOIN shipments s ON s.id = r.shipment_id JOIN orders o ON o.id = s.order_id "
    "LEFT JOIN invoices i ON i.id = s.invoice_id ";

Result<ReturnAuthorisation> read_return_row(const Statement& row) {
  ReturnAuthorisation rma;
  rma.id = ReturnId{row.column_int(0)};
  rma.number = row.column_text(1);
  rma.shipment = ShipmentId{row.column_int(2)};
  rma.shipment_number = row.column_text(3);
  rma.order = OrderId{row.column_int(4)};
  rma.order_number = row.column_text(5);
  rma.invoice_number = row.column_text(6);
  const std::string status = row.column_text(7);
  if (status != "authorised" && status != "received") return corrupt("return status");
  rma.status = status == "received" ? ReturnStatus::kReceived : ReturnStatus::kAuthorised;
  Result<ReturnCondition> condition = return_condition_from_wire(row.column_text(8));
  if (!condition) return corrupt("return condition");
  rma.condition = *condition;
  rma.reason = row.column_text(9);
  O2C_ASSIGN_OR_RETURN(rma.authorised_on, date_column(row, 10));
  O2C_ASSIGN_OR_RETURN(rma.received_on, optional_date_column(row, 11));
  O2C_ASSIGN_OR_RETURN(Currency currency, currency_column(row, 12));
  rma.credit_net = Money{row.column_int(13), currency};
  rma.credit_tax = Money{row.column_int(14), currency};
  rma.credit_gross = Money{row.column_int(15), currency};
  if (rma.credit_gross.minor != rma.credit_net.minor + rma.credit_tax.minor)
    return corrupt("return credit (" + rma.number + ")");
  return rma;
}

}  // namespace

// ---- shipments ---------------------------------------------------------------------------

Status SqliteConnectionStore::load_shipment_lines(Shipment& shipment) {
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("SELECT order_line_no, product_id, sku, warehouse_id, "
                                            "quantity_milli FROM shipment_lines WHERE "
                                            "shipment_id = ? ORDER BY line_no"));
  query->bind(1, shipment.id.value);
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    shipment.lines.push_back(ShipmentLine{
        static_cast<int>(query->column_int(0)), ProductId{query->column_int(1)},
        query->column_text(2), WarehouseId{query->column_int(3)}, Quantity{query->column_int(4)}});
  }
  if (shipment.lines.empty()) return corrupt("shipment without lines (" + shipment.number + ")");
  return {};
}

Result<std::vector<Shipment>> SqliteConnectionStore::read_shipments(Statement& query,
                                                                    std::size_t limit) {
  std::vector<Shipment> shipments;
  while (shipments.size() < limit) {
    O2C_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) break;
    O2C_ASSIGN_OR_RETURN(Shipment shipment, read_shipment_row(query));
    shipments.push_back(std::move(shipment));
  }
  return shipments;
}

Result<std::vector<Shipment>> SqliteConnectionStore::shipments_of_order(OrderId order) {
  static const std::string sql =
      std::string("SELECT ") + kShipmentColumns + "WHERE s.order_id = ? ORDER BY s.number";
  std::vector<Shipment> shipments;
  {
    O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
    query->bind(1, order.value);
    O2C_ASSIGN_OR_RETURN(shipments, read_shipments(*query, SIZE_MAX));
  }
  for (Shipment& shipment : shipments) O2C_RETURN_IF_ERROR(load_shipment_lines(shipment));
  return shipments;
}

Result<std::optional<Shipment>> SqliteConnectionStore::find_shipment(std::string_view number) {
  static const std::string sql = std::string("SELECT ") + kShipmentColumns + "WHERE s.number = ?";
  Shipment shipment;
  {
    O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
    query->bind(1, number);
    O2C_ASSIGN_OR_RETURN(bool found, query->step());
    if (!found) return std::optional<Shipment>{};
    O2C_ASSIGN_OR_RETURN(shipment, read_shipment_row(*query));
  }
  O2C_RETURN_IF_ERROR(load_shipment_lines(shipment));
  return std::optional<Shipment>(std::move(shipment));
}

Result<std::vector<Shipment>> SqliteConnectionStore::list_shipments(const ShipmentFilter& filter) {
  static const std::string sql =
      std::string("SELECT ") + kShipmentColumns +
      "WHERE (?1 IS NULL OR s.order_id = ?1) AND (?2 = 0 OR s.status IN ('picking', 'packed', "
      "'shipped')) ORDER BY s.number";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  if (filter.order) query->bind(1, filter.order->value);
  query->bind(2, filter.not_delivered_only ? 1 : 0);
  return read_shipments(*query, filter.limit);
}

Result<ShipmentId> SqliteConnectionStore::insert_shipment(const Shipment& shipment) {
  O2C_ASSERT(!shipment.lines.empty());
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("INSERT INTO shipments(number, order_id, ship_date, status, carrier, "
                           "tracking_number, packed_on, shipped_on, delivered_on, promised_on, "
                           "cancel_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  const ShipmentTracking& tracking = shipment.tracking;
  query->bind(1, shipment.number)
      .bind(2, shipment.order.value)
      .bind(3, format_date(shipment.ship_date))
      .bind(4, wire_name(tracking.status))
      .bind(5, tracking.carrier)
      .bind(6, tracking.tracking_number)
      .bind(11, tracking.cancel_reason);
  bind_optional_date(*query, 7, tracking.packed_on);
  bind_optional_date(*query, 8, tracking.shipped_on);
  bind_optional_date(*query, 9, tracking.delivered_on);
  bind_optional_date(*query, 10, shipment.promised_on);
  O2C_RETURN_IF_ERROR(query->run());
  const ShipmentId id{connection_->last_insert_rowid()};
  static const MultiRowInsert kInsertLines(
      "INSERT INTO shipment_lines(shipment_id, line_no, order_line_no, product_id, sku, "
      "warehouse_id, quantity_milli) VALUES",
      7);
  O2C_RETURN_IF_ERROR(
      insert_rows(*connection_, kInsertLines, shipment.lines,
                  [id](Statement& statement, int first, const ShipmentLine& line, int index) {
                    statement.bind(first + 1, id.value)
                        .bind(first + 2, index + 1)
                        .bind(first + 3, line.order_line_no)
                        .bind(first + 4, line.product.value)
                        .bind(first + 5, line.sku)
                        .bind(first + 6, line.warehouse.value)
                        .bind(first + 7, line.quantity.milli);
                  }));
  return id;
}

Status SqliteConnectionStore::update_shipment_tracking(const Shipment& shipment) {
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("UPDATE shipments SET status = ?, carrier = ?, tracking_number = ?, "
                           "packed_on = ?, shipped_on = ?, delivered_on = ?, cancel_reason = ? "
                           "WHERE id = ?"));
  const ShipmentTracking& tracking = shipment.tracking;
  query->bind(1, wire_name(tracking.status))
      .bind(2, tracking.carrier)
      .bind(3, tracking.tracking_number)
      .bind(7, tracking.cancel_reason)
      .bind(8, shipment.id.value);
  bind_optional_date(*query, 4, tracking.packed_on);
  bind_optional_date(*query, 5, tracking.shipped_on);
  bind_optional_date(*query, 6, tracking.delivered_on);
  O2C_RETURN_IF_ERROR(query->run());
  if (connection_->changes() != 1)
    return internal_error("row_not_found", "shipment " + shipment.number + ": no such row");
  return {};
}

// ---- returns -----------------------------------------------------------------------------

Status SqliteConnectionStore::load_return_details(ReturnAuthorisation& rma) {
  const Currency currency = rma.credit_net.currency;
  {
    O2C_ASSIGN_OR_RETURN(
        auto query,
        connection_->prepare("SELECT order_line_no, invoice_line_no, sku, quantity_milli, "
                             "credit_net_minor, credit_tax_minor FROM return_lines WHERE "
                             "return_id = ? ORDER BY line_no"));
    query->bind(1, rma.id.value);
    while (true) {
      O2C_ASSIGN_OR_RETURN(bool row, query->step());
      if (!row) break;
      rma.lines.push_back(
          ReturnLine{static_cast<int>(query->column_int(0)), static_cast<int>(query->column_int(1)),
                     query->column_text(2), Quantity{query->column_int(3)},
                     Money{query->column_int(4), currency}, Money{query->column_int(5), currency}});
    }
  }
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("SELECT warehouse_id, product_id, quantity_milli FROM "
                                            "return_restock WHERE return_id = ? ORDER BY "
                                            "line_no"));
  query->bind(1, rma.id.value);
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    rma.restock.push_back(StockReturn{WarehouseId{query->column_int(0)},
                                      ProductId{query->column_int(1)},
                                      Quantity{query->column_int(2)}});
  }
  if (rma.lines.empty()) return corrupt("return without lines (" + rma.number + ")");
  return {};
}

Result<std::vector<ReturnAuthorisation>> SqliteConnectionStore::read_returns(Statement& query,
                                                                             std::size_t limit) {
  std::vector<ReturnAuthorisation> returns;
  while (returns.size() < limit) {
    O2C_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) break;
    O2C_ASSIGN_OR_RETURN(ReturnAuthorisation rma, read_return_row(query));
    returns.push_back(std::move(rma));
  }
  return returns;
}

Result<std::optional<ReturnAuthorisation>> SqliteConnectionStore::find_return(
    std::string_view number) {
  static const std::string sql = std::string("SELECT ") + kReturnColumns + "WHERE r.number = ?";
  std::vector<ReturnAuthorisation> found;
  {
    O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
    query->bind(1, number);
    O2C_ASSIGN_OR_RETURN(found, read_returns(*query, 1));
  }
  if (found.empty()) return std::optional<ReturnAuthorisation>{};
  O2C_RETURN_IF_ERROR(load_return_details(found.front()));
  return std::optional<ReturnAuthorisation>(std::move(found.front()));
}

Result<std::vector<ReturnAuthorisation>> SqliteConnectionStore::list_returns(
    std::optional<ShipmentId> shipment, std::size_t limit) {
  static const std::string sql = std::string("SELECT ") + kReturnColumns +
                                 "WHERE (?1 IS NULL OR r.shipment_id = ?1) ORDER BY r.number";
  std::vector<ReturnAuthorisation> returns;
  {
    O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
    if (shipment) query->bind(1, shipment->value);
    O2C_ASSIGN_OR_RETURN(returns, read_returns(*query, limit));
  }
  for (ReturnAuthorisation& rma : returns) O2C_RETURN_IF_ERROR(load_return_details(rma));
  return returns;
}

Result<ReturnId> SqliteConnectionStore::insert_return(const ReturnAuthorisation& rma) {
  O2C_ASSERT(!rma.lines.empty());
  O2C_ASSERT(rma.credit_gross.minor == rma.credit_net.minor + rma.credit_tax.minor);
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("INSERT INTO returns(number, shipment_id, status, condition, reason, "
                           "authorised_on, received_on, currency, credit_net_minor, "
                           "credit_tax_minor, credit_gross_minor) VALUES "
                           "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  query->bind(1, rma.number)
      .bind(2, rma.shipment.value)
      .bind(3, wire_name(rma.status))
      .bind(4, wire_name(rma.condition))
      .bind(5, rma.reason)
      .bind(6, format_date(rma.authorised_on))
      .bind(8, rma.credit_net.currency.text())
      .bind(9, rma.credit_net.minor)
      .bind(10, rma.credit_tax.minor)
      .bind(11, rma.credit_gross.minor);
  bind_optional_date(*query, 7, rma.received_on);
  O2C_RETURN_IF_ERROR(query->run());
  const ReturnId id{connection_->last_insert_rowid()};
  O2C_ASSIGN_OR_RETURN(auto line_query,
                       connection_->prepare("INSERT INTO return_lines(return_id, line_no, "
                                            "order_line_no, invoice_line_no, sku, "
                                            "quantity_milli, credit_net_minor, credit_tax_minor) "
                                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  int line_no = 0;
  for (const ReturnLine& line : rma.lines) {
    line_query->bind(1, id.value)
        .bind(2, ++line_no)
        .bind(3, line.order_line_no)
        .bind(4, line.invoice_line_no)
        .bind(5, line.sku)
        .bind(6, line.quantity.milli)
        .bind(7, line.credit_net.minor)
        .bind(8, line.credit_tax.minor);
    O2C_RETURN_IF_ERROR(line_query->run());
    line_query->reset();
  }
  O2C_ASSIGN_OR_RETURN(auto restock_query,
                       connection_->prepare("INSERT INTO return_restock(return_id, line_no, "
                                            "warehouse_id, product_id, quantity_milli) VALUES "
                                            "(?, ?, ?, ?, ?)"));
  line_no = 0;
  for (const StockReturn& part : rma.restock) {
    restock_query->bind(1, id.value)
        .bind(2, ++line_no)
        .bind(3, part.warehouse.value)
        .bind(4, part.product.value)
        .bind(5, part.quantity.milli);
    O2C_RETURN_IF_ERROR(restock_query->run());
    restock_query->reset();
  }
  return id;
}

Status SqliteConnectionStore::update_return_status(const ReturnAuthorisation& rma) {
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("UPDATE returns SET status = ?, received_on = ? WHERE id = ?"));
  query->bind(1, wire_name(rma.status)).bind(3, rma.id.value);
  bind_optional_date(*query, 2, rma.received_on);
  O2C_RETURN_IF_ERROR(query->run());
  if (connection_->changes() != 1)
    return internal_error("row_not_found", "return " + rma.number + ": no such row");
  return {};
}

Result<std::int64_t> SqliteConnectionStore::insert_credit_note_request(
    ReturnId rma, const CreditNoteRequest& request) {
  O2C_ASSERT(request.gross.minor == request.net.minor + request.tax.minor);
  O2C_ASSERT(request.gross.minor > 0);
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("INSERT INTO credit_note_requests(return_id, invoice_id, "
                           "requested_on, currency, net_minor, tax_minor, gross_minor) VALUES "
                           "(?, ?, ?, ?, ?, ?, ?)"));
  query->bind(1, rma.value)
      .bind(2, request.invoice.value)
      .bind(3, format_date(request.requested_on))
      .bind(4, request.gross.currency.text())
      .bind(5, request.net.minor)
      .bind(6, request.tax.minor)
      .bind(7, request.gross.minor);
  O2C_RETURN_IF_ERROR(query->run());
  return connection_->last_insert_rowid();
}

Result<std::vector<CreditNoteRequest>> SqliteConnectionStore::list_credit_note_requests(
    std::size_t limit, bool pending_only) {
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("SELECT q.id, r.number, o.number, c.number, q.invoice_id, i.number, "
                           "q.requested_on, q.currency, q.net_minor, q.tax_minor, q.gross_minor "
                           "FROM credit_note_requests q JOIN returns r ON r.id = q.return_id "
                           "JOIN shipments s ON s.id = r.shipment_id JOIN orders o ON "
                           "o.id = s.order_id JOIN invoices i ON i.id = q.invoice_id "
                           "JOIN customers c ON c.id = i.customer_id WHERE ?1 = 0 OR NOT "
                           "EXISTS (SELECT 1 FROM credit_notes n WHERE n.return_request_id = "
                           "q.id) ORDER BY q.id"));
  query->bind(1, pending_only ? 1 : 0);
  std::vector<CreditNoteRequest> requests;
  while (requests.size() < limit) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    CreditNoteRequest request;
    request.id = query->column_int(0);
    request.return_number = query->column_text(1);
    request.order_number = query->column_text(2);
    request.customer_number = query->column_text(3);
    request.invoice = InvoiceId{query->column_int(4)};
    request.invoice_number = query->column_text(5);
    O2C_ASSIGN_OR_RETURN(request.requested_on, date_column(*query, 6));
    O2C_ASSIGN_OR_RETURN(Currency currency, currency_column(*query, 7));
    request.net = Money{query->column_int(8), currency};
    request.tax = Money{query->column_int(9), currency};
    request.gross = Money{query->column_int(10), currency};
    if (request.gross.minor != request.net.minor + request.tax.minor)
      return corrupt("credit note request (" + request.return_number + ")");
    requests.push_back(std::move(request));
  }
  return requests;
}

// ---- reorder points ----------------------------------------------------------------------

Status SqliteConnectionStore::save_reorder_point(ProductId product, WarehouseId warehouse,
                                                 Quantity quantity) {
  O2C_ASSERT(quantity.milli >= 0);
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("INSERT INTO reorder_points(product_id, warehouse_id, quantity_milli) "
                           "VALUES (?, ?, ?) ON CONFLICT(product_id, warehouse_id) DO UPDATE SET "
                           "quantity_milli = excluded.quantity_milli"));
  query->bind(1, product.value).bind(2, warehouse.value).bind(3, quantity.milli);
  return query->run();
}

Result<std::vector<ReorderPoint>> SqliteConnectionStore::reorder_points() {
  // Stock levels may be waiting in the writer's memory (deferred writes): write them first.
  O2C_RETURN_IF_ERROR(flush_deferred_writes());
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("SELECT p.sku, w.code, r.quantity_milli, COALESCE(s.on_hand_milli, 0), "
                           "COALESCE(s.reserved_milli, 0) FROM reorder_points r JOIN products p "
                           "ON p.id = r.product_id JOIN warehouses w ON w.id = r.warehouse_id "
                           "LEFT JOIN stock s ON s.product_id = r.product_id AND "
                           "s.warehouse_id = r.warehouse_id ORDER BY p.sku, w.code"));
  std::vector<ReorderPoint> points;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    points.push_back(ReorderPoint{query->column_text(0), query->column_text(1),
                                  Quantity{query->column_int(2)}, Quantity{query->column_int(3)},
                                  Quantity{query->column_int(4)}});
  }
  return points;
}

}  // namespace o2c::sqlite
