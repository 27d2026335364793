// The writes of the SQLite store. Each runs inside the writer's current transaction.
#include <algorithm>
#include <charconv>

#include "core/document_number.h"
#include "core/limits.h"
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace o2c::sqlite {
namespace {

std::string format_reservations(const std::vector<Reservation>& reservations) {
  std::string text;
  for (const Reservation& reservation : reservations) {
    if (!text.empty()) text += ';';
    text += std::to_string(reservation.warehouse.value) + ':' +
            std::to_string(reservation.quantity.milli);
  }
  return text;
}

bool waits_for_stock(const Order& order) {
  if (order.state != OrderState::kOpen && order.state != OrderState::kPartiallyShipped)
    return false;
  for (const OrderLine& line : order.lines) {
    if (backordered_quantity(line).milli > 0) return true;
  }
  return false;
}

// Binds manual_hold_reason, _actor and _resume_state at `first`, first + 1 and first + 2.
void bind_manual_hold(Statement& query, int first, const Order& order) {
  if (order.manual_hold) {
    query.bind(first, order.manual_hold->reason)
        .bind(first + 1, order.manual_hold->actor)
        .bind(first + 2, wire_name(order.manual_hold->resume_state));
  } else {
    query.bind_null(first).bind(first + 1, "").bind(first + 2, "");
  }
}

// The five shipping columns from `first` (0006_shipping_charges.sql); always bound, also
// for an order without a charge (its columns hold the defaults).
void bind_shipping(Statement& query, int first, const Order& order) {
  if (order.shipping) {
    const OrderShippingCharge& charge = *order.shipping;
    O2C_ASSERT(!charge.tax_category.empty() && charge.net.minor > 0);
    query.bind(first, charge.net.minor)
        .bind(first + 1, charge.tax.minor)
        .bind(first + 2, charge.tax_category)
        .bind(first + 3, charge.tax_rate.value)
        .bind(first + 4, charge.invoiced ? 1 : 0);
  } else {
    query.bind(first, 0)
        .bind(first + 1, 0)
        .bind(first + 2, "")
        .bind(first + 3, 0)
        .bind(first + 4, 0);
  }
}

}  // namespace

Result<std::string> SqliteConnectionStore::next_document_number(std::string_view prefix, int year) {
  // Gapless: the counter is part of the transaction, so a rollback gives the number back.
  const std::string key = std::string(prefix) + "/" + std::to_string(year);
  if (!cache_reads_) series_.clear();
  auto counter = series_.find(key);
  if (counter == series_.end()) {
    O2C_ASSIGN_OR_RETURN(auto query,
                         connection_->prepare("SELECT last FROM number_series WHERE prefix = ? AND "
                                              "year = ?"));
    query->bind(1, prefix).bind(2, year);
    O2C_ASSIGN_OR_RETURN(bool found, query->step());
    counter = series_
                  .emplace(key, SeriesCounter{std::string(prefix), year,
                                              found ? query->column_int(0) : 0})
                  .first;
  }
  const std::int64_t sequence = counter->second.last + 1;
  if (sequence > kDocumentSequenceMax)
    return failed_precondition("number_series_exhausted",
                               "the " + std::string(prefix) + " series for " +
                                   std::to_string(year) + " has used all 999,999 numbers");
  if (defer_writes_) {
    counter->second.dirty = true;
    ++deferred_writes_;
  } else {
    O2C_RETURN_IF_ERROR(write_number_series(prefix, year, sequence));
  }
  counter->second.last = sequence;
  return format_document_number(
      DocumentNumber{std::string(prefix), year, static_cast<std::uint32_t>(sequence)});
}

Status SqliteConnectionStore::write_number_series(std::string_view prefix, int year,
                                                  std::int64_t last) {
  O2C_ASSIGN_OR_RETURN(auto update,
                       connection_->prepare("INSERT INTO number_series(prefix, year, last) VALUES "
                                            "(?1, ?2, ?3) ON CONFLICT(prefix, year) DO UPDATE SET "
                                            "last = ?3"));
  update->bind(1, prefix).bind(2, year).bind(3, last);
  return update->run();
}

Status SqliteConnectionStore::flush_deferred_writes() {
  for (std::int64_t customer : dirty_balances_)
    O2C_RETURN_IF_ERROR(write_customer_balance(CustomerId{customer}, balances_.at(customer)));
  dirty_balances_.clear();
  for (std::int64_t product : dirty_stock_products_) {
    for (const StockLevel& level : stock_by_product_.at(product))
      O2C_RETURN_IF_ERROR(write_stock_level(level));
  }
  dirty_stock_products_.clear();
  for (auto& [key, counter] : series_) {
    if (!counter.dirty) continue;
    O2C_RETURN_IF_ERROR(write_number_series(counter.prefix, counter.year, counter.last));
    counter.dirty = false;
  }
  // Everything cached is now clean; keep the writer's memory bounded.
  if (customers_by_id_.size() + balances_.size() > kWriterCachedRowsMax) {
    customers_by_id_.clear();
    customer_ids_by_number_.clear();
    balances_.clear();
  }
  if (stock_by_product_.size() > kWriterCachedRowsMax) stock_by_product_.clear();
  if (orders_by_number_.size() > kWriterCachedDocumentsMax) orders_by_number_.clear();
  if (invoices_by_number_.size() > kWriterCachedDocumentsMax) {
    invoices_by_number_.clear();
    invoice_numbers_by_id_.clear();
  }
  return {};
}

std::uint64_t SqliteConnectionStore::write_count() const {
  return static_cast<std::uint64_t>(connection_->total_changes()) + deferred_writes_;
}

Status SqliteConnectionStore::set_company_currency(std::string_view code) {
  company_currency_.reset();
  O2C_ASSIGN_OR_RETURN(
      auto query, connection_->prepare("INSERT INTO settings(key, value) VALUES ('currency', ?) "
                                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
  query->bind(1, code);
  return query->run();
}

Status SqliteConnectionStore::save_setting(std::string_view key, std::string_view value) {
  O2C_ASSERT(key != "currency");  // set_company_currency, which also resets its cache
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("INSERT INTO settings(key, value) VALUES (?, ?) ON "
                                            "CONFLICT(key) DO UPDATE SET value = excluded.value"));
  query->bind(1, key).bind(2, value);
  return query->run();
}

Result<CustomerId> SqliteConnectionStore::insert_customer(const Customer& customer) {
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare(
          "INSERT INTO customers(number, name, currency, terms, credit_limit_minor, segment, "
          "billing_line, billing_city, billing_postal_code, billing_country, shipping_line, "
          "shipping_city, shipping_postal_code, shipping_country, email, active, tier, "
          "preferred_warehouse_id, tax_exempt, billing_region, shipping_region, billing_policy) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT id FROM warehouses "
          "WHERE code = ?), ?, ?, ?, ?)"));
  query->bind(1, customer.number)
      .bind(2, customer.name)
      .bind(3, customer.currency.text())
      .bind(4, customer.terms.code)
      .bind(5, customer.credit_limit.minor)
      .bind(6, customer.segment)
      .bind(7, customer.billing_address.line)
      .bind(8, customer.billing_address.city)
      .bind(9, customer.billing_address.postal_code)
      .bind(10, customer.billing_address.country)
      .bind(11, customer.shipping_address.line)
      .bind(12, customer.shipping_address.city)
      .bind(13, customer.shipping_address.postal_code)
      .bind(14, customer.shipping_address.country)
      .bind(15, customer.email)
      .bind(16, customer.active ? 1 : 0)
      .bind(17, customer.tier)
      .bind(18, customer.preferred_warehouse)  // "" matches no warehouse: NULL
      .bind(19, customer.tax_exempt ? 1 : 0)
      .bind(20, customer.billing_address.region)
      .bind(21, customer.shipping_address.region)
      .bind(22, wire_name(customer.billing_policy));
  O2C_RETURN_IF_ERROR(query->run());
  return CustomerId{connection_->last_insert_rowid()};
}

Status SqliteConnectionStore::save_customer_balance(CustomerId customer,
                                                    const CustomerBalance& balance) {
  auto cached = balances_.find(customer.value);
  // Only a balance read from its row is deferred, so the row is known to exist.
  if (cached == balances_.end()) return write_customer_balance(customer, balance);
  cached->second = balance;
  if (!defer_writes_) return write_customer_balance(customer, balance);
  dirty_balances_.insert(customer.value);
  ++deferred_writes_;
  return {};
}

Status SqliteConnectionStore::write_customer_balance(CustomerId customer,
                                                     const CustomerBalance& balance) {
  O2C_ASSIGN_OR_RETURN(
      auto query, connection_->prepare("UPDATE customers SET open_receivables_minor = ?, "
                                       "open_orders_minor = ?, unapplied_minor = ? WHERE id = ?"));
  query->bind(1, balance.open_receivables.minor)
      .bind(2, balance.open_orders.minor)
      .bind(3, balance.unapplied_cash.minor)
      .bind(4, customer.value);
  O2C_RETURN_IF_ERROR(query->run());
  return expect_one_row(*connection_, "customer balance");
}

Result<ProductId> SqliteConnectionStore::insert_product(const Product& product) {
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("INSERT INTO products(sku, name, unit, tax_category, "
                                            "standard_cost_minor, cost_currency, active, "
                                            "category) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  query->bind(1, product.sku)
      .bind(2, product.name)
      .bind(3, product.unit)
      .bind(4, product.tax_category)
      .bind(5, product.standard_cost.minor)
      .bind(6, product.standard_cost.currency.text())
      .bind(7, product.active ? 1 : 0)
      .bind(8, product.category);
  O2C_RETURN_IF_ERROR(query->run());
  const ProductId id{connection_->last_insert_rowid()};
  O2C_ASSIGN_OR_RETURN(auto price,
                       connection_->prepare("INSERT INTO product_prices(product_id, currency, "
                                            "price_minor) VALUES (?, ?, ?)"));
  for (const Money& list_price : product.list_prices) {
    price->bind(1, id.value).bind(2, list_price.currency.text()).bind(3, list_price.minor);
    O2C_RETURN_IF_ERROR(price->run());
    price->reset();
  }
  return id;
}

Status SqliteConnectionStore::save_tax_rate(const TaxRate& rate) {
  tax_rates_.reset();
  O2C_ASSIGN_OR_RETURN(
      auto query, connection_->prepare("INSERT INTO tax_rates(category, rate_bp) VALUES (?, ?) "
                                       "ON CONFLICT(category) DO UPDATE SET rate_bp = "
                                       "excluded.rate_bp"));
  query->bind(1, rate.category).bind(2, rate.rate.value);
  return query->run();
}

Result<WarehouseId> SqliteConnectionStore::insert_warehouse(const Warehouse& warehouse) {
  warehouses_.reset();
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare("INSERT INTO warehouses(code, name, "
                                                        "country) VALUES (?, ?, ?)"));
  query->bind(1, warehouse.code).bind(2, warehouse.name).bind(3, warehouse.country);
  O2C_RETURN_IF_ERROR(query->run());
  return WarehouseId{connection_->last_insert_rowid()};
}

Result<ExpectedReceiptId> SqliteConnectionStore::insert_expected_receipt(
    const ExpectedReceipt& receipt) {
  O2C_ASSERT(receipt.quantity.milli > 0);
  O2C_ASSIGN_OR_RETURN(
      auto query, connection_->prepare("INSERT INTO expected_receipts(product_id, warehouse_id, "
                                       "expected_date, reference, quantity_milli, open_milli) "
                                       "VALUES (?, ?, ?, ?, ?, ?)"));
  query->bind(1, receipt.product.value)
      .bind(2, receipt.warehouse.value)
      .bind(3, format_date(receipt.expected))
      .bind(4, receipt.reference)
      .bind(5, receipt.quantity.milli)
      .bind(6, receipt.quantity.milli);
  O2C_RETURN_IF_ERROR(query->run());
  return ExpectedReceiptId{connection_->last_insert_rowid()};
}

Status SqliteConnectionStore::save_expected_receipt_open(ExpectedReceiptId receipt, Quantity open) {
  O2C_ASSERT(open.milli >= 0);
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare("UPDATE expected_receipts SET open_milli "
                                                        "= ? WHERE id = ?"));
  query->bind(1, open.milli).bind(2, receipt.value);
  O2C_RETURN_IF_ERROR(query->run());
  return expect_one_row(*connection_, "expected receipt");
}

Status SqliteConnectionStore::save_stock_level(const StockLevel& level) {
  O2C_ASSERT(level.reserved.milli >= 0 && level.reserved <= level.on_hand);
  auto cached = stock_by_product_.find(level.product.value);
  if (cached == stock_by_product_.end()) return write_stock_level(level);
  auto row = std::find_if(cached->second.begin(), cached->second.end(),
                          [&](const StockLevel& l) { return l.warehouse == level.warehouse; });
  if (row == cached->second.end()) {
    // A new stock row: write the product's rows now and read them back in order next time.
    if (dirty_stock_products_.erase(level.product.value) > 0) {
      for (const StockLevel& other : cached->second) O2C_RETURN_IF_ERROR(write_stock_level(other));
    }
    stock_by_product_.erase(cached);
    return write_stock_level(level);
  }
  *row = level;
  if (!defer_writes_) return write_stock_level(level);
  dirty_stock_products_.insert(level.product.value);
  ++deferred_writes_;
  return {};
}

Status SqliteConnectionStore::write_stock_level(const StockLevel& level) {
  O2C_ASSIGN_OR_RETURN(
      auto query, connection_->prepare("INSERT INTO stock(warehouse_id, product_id, on_hand_milli, "
                                       "reserved_milli) VALUES (?, ?, ?, ?) ON CONFLICT("
                                       "product_id, warehouse_id) DO UPDATE SET on_hand_milli = "
                                       "excluded.on_hand_milli, reserved_milli = "
                                       "excluded.reserved_milli"));
  query->bind(1, level.warehouse.value)
      .bind(2, level.product.value)
      .bind(3, level.on_hand.milli)
      .bind(4, level.reserved.milli);
  return query->run();
}

// The writer keeps the orders and invoices it inserts as they were given (sqlite_store.h),
// so every field of them must be stored. A new field changes these sizes: store it (insert,
// update and read), then update them.
static_assert(sizeof(Order) == 680 && sizeof(OrderLine) == 264,
              "Order changed: store the new field, then update this check");
static_assert(sizeof(Invoice) == 464 && sizeof(InvoiceLine) == 216,
              "Invoice changed: store the new field, then update this check");

Result<OrderId> SqliteConnectionStore::insert_order(const Order& order) {
  O2C_ASSERT(!order.lines.empty());
  O2C_ASSERT(order.gross_total.minor == order.net_total.minor + order.tax_total.minor);
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("INSERT INTO orders(number, customer_id, currency, order_date, state, "
                           "order_discount_bp, customer_reference, hold_reason, net_minor, "
                           "tax_minor, gross_minor, backordered, channel, "
                           "requested_delivery_date, ship_to_line, ship_to_city, "
                           "ship_to_postal_code, ship_to_country, notes, manual_hold_reason, "
                           "manual_hold_actor, manual_hold_resume_state, cancellation_reason, "
                           "ship_to_region, shipping_net_minor, shipping_tax_minor, "
                           "shipping_tax_category, shipping_tax_rate_bp, shipping_invoiced) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                           "?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  query->bind(1, order.number)
      .bind(2, order.customer.value)
      .bind(3, order.currency.text())
      .bind(4, format_date(order.order_date))
      .bind(5, wire_name(order.state))
      .bind(6, order.order_discount.value)
      .bind(7, order.customer_reference)
      .bind(8, order.hold_reason)
      .bind(9, order.net_total.minor)
      .bind(10, order.tax_total.minor)
      .bind(11, order.gross_total.minor)
      .bind(12, waits_for_stock(order) ? 1 : 0)
      .bind(13, wire_name(order.channel))
      .bind(15, order.ship_to.line)
      .bind(16, order.ship_to.city)
      .bind(17, order.ship_to.postal_code)
      .bind(18, order.ship_to.country)
      .bind(19, order.notes);
  if (order.requested_delivery_date) query->bind(14, format_date(*order.requested_delivery_date));
  bind_manual_hold(*query, 20, order);
  query->bind(23, order.cancellation_reason).bind(24, order.ship_to.region);
  bind_shipping(*query, 25, order);
  O2C_RETURN_IF_ERROR(query->run());
  const OrderId id{connection_->last_insert_rowid()};
  O2C_RETURN_IF_ERROR(save_approvals(id, order.approvals));
  O2C_RETURN_IF_ERROR(save_coupons(id, order.coupons));
  O2C_RETURN_IF_ERROR(insert_order_lines(id, order.lines));
  if (cache_reads_) {
    Order stored = order;
    stored.id = id;
    orders_by_number_.insert_or_assign(stored.number, std::move(stored));
  }
  return id;
}

Status SqliteConnectionStore::insert_order_lines(OrderId id, const std::vector<OrderLine>& lines) {
  static const MultiRowInsert kInsertLines(
      "INSERT INTO order_lines(order_id, line_no, product_id, sku, description, quantity_milli, "
      "unit_price_minor, discount_bp, tax_category, tax_rate_bp, net_minor, tax_minor, "
      "shipped_milli, invoiced_milli, reservations, price_trace, below_margin_floor) VALUES",
      17);
  return insert_rows(*connection_, kInsertLines, lines,
                     [id](Statement& statement, int first, const OrderLine& line, int) {
                       statement.bind(first + 1, id.value)
                           .bind(first + 2, line.line_no)
                           .bind(first + 3, line.product.value)
                           .bind(first + 4, line.sku)
                           .bind(first + 5, line.description)
                           .bind(first + 6, line.quantity.milli)
                           .bind(first + 7, line.unit_price.minor)
                           .bind(first + 8, line.discount.value)
                           .bind(first + 9, line.tax_category)
                           .bind(first + 10, line.tax_rate.value)
                           .bind(first + 11, line.net.minor)
                           .bind(first + 12, line.tax.minor)
                           .bind(first + 13, line.shipped.milli)
                           .bind(first + 14, line.invoiced.milli)
                           .bind(first + 15, format_reservations(line.reservations))
                           .bind(first + 16, line.price_trace)
                           .bind(first + 17, line.below_margin_floor ? 1 : 0);
                     });
}

Status SqliteConnectionStore::replace_order(const Order& order) {
  O2C_ASSERT(!order.lines.empty());
  O2C_ASSERT(order.gross_total.minor == order.net_total.minor + order.tax_total.minor);
  O2C_ASSIGN_OR_RETURN(auto totals,
                       connection_->prepare("UPDATE orders SET net_minor = ?, tax_minor = ?, "
                                            "gross_minor = ?, shipping_net_minor = ?, "
                                            "shipping_tax_minor = ?, shipping_tax_category = ?, "
                                            "shipping_tax_rate_bp = ?, shipping_invoiced = ? "
                                            "WHERE id = ?"));
  totals->bind(1, order.net_total.minor)
      .bind(2, order.tax_total.minor)
      .bind(3, order.gross_total.minor);
  bind_shipping(*totals, 4, order);
  totals->bind(9, order.id.value);
  O2C_RETURN_IF_ERROR(totals->run());
  O2C_RETURN_IF_ERROR(expect_one_row(*connection_, "order " + order.number));
  O2C_ASSIGN_OR_RETURN(auto lines,
                       connection_->prepare("DELETE FROM order_lines WHERE order_id = ?"));
  lines->bind(1, order.id.value);
  O2C_RETURN_IF_ERROR(lines->run());
  O2C_RETURN_IF_ERROR(insert_order_lines(order.id, order.lines));
  // Everything of the order is now stored as given; update_order writes the rest.
  if (cache_reads_) orders_by_number_.insert_or_assign(order.number, order);
  return update_order(order);
}

Status SqliteConnectionStore::save_approvals(OrderId order,
                                             const std::vector<ApprovalStep>& approvals) {
  if (approvals.empty()) return {};
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("INSERT INTO order_approvals(order_id, level, role, why, decision, "
                           "actor, comment, decided_at_micros) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                           "ON CONFLICT(order_id, level) DO UPDATE SET role = excluded.role, "
                           "why = excluded.why, decision = excluded.decision, actor = "
                           "excluded.actor, comment = excluded.comment, decided_at_micros = "
                           "excluded.decided_at_micros"));
  for (const ApprovalStep& step : approvals) {
    query->bind(1, order.value)
        .bind(2, step.level)
        .bind(3, step.role)
        .bind(4, step.why)
        .bind(5, wire_name(step.decision))
        .bind(6, step.actor)
        .bind(7, step.comment)
        .bind(8, step.decided_at.unix_micros);
    O2C_RETURN_IF_ERROR(query->run());
    query->reset();
  }
  return {};
}

Status SqliteConnectionStore::save_coupons(OrderId order, const std::vector<OrderCoupon>& coupons) {
  if (coupons.empty()) return {};
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("INSERT INTO order_coupons(order_id, position, code, "
                                            "redeemed) VALUES (?, ?, ?, ?) ON CONFLICT(order_id, "
                                            "position) DO UPDATE SET redeemed = excluded.redeemed "
                                            "WHERE code = excluded.code"));
  for (std::size_t i = 0; i < coupons.size(); ++i) {
    query->bind(1, order.value)
        .bind(2, static_cast<std::int64_t>(i))
        .bind(3, coupons[i].code)
        .bind(4, coupons[i].redeemed ? 1 : 0);
    O2C_RETURN_IF_ERROR(query->run());
    // A coupon's code never changes once stored; only whether it is redeemed does.
    O2C_ASSERT(connection_->changes() == 1);
    query->reset();
  }
  return {};
}

Status SqliteConnectionStore::update_order(const Order& order) {
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("UPDATE orders SET state = ?, hold_reason = ?, "
                                            "backordered = ?, ship_to_line = ?, ship_to_city = "
                                            "?, ship_to_postal_code = ?, ship_to_country = ?, "
                                            "manual_hold_reason = ?, manual_hold_actor = ?, "
                                            "manual_hold_resume_state = ?, cancellation_reason "
                                            "= ?, ship_to_region = ?, shipping_invoiced = ? "
                                            "WHERE id = ?"));
  query->bind(1, wire_name(order.state))
      .bind(2, order.hold_reason)
      .bind(3, waits_for_stock(order) ? 1 : 0)
      .bind(4, order.ship_to.line)
      .bind(5, order.ship_to.city)
      .bind(6, order.ship_to.postal_code)
      .bind(7, order.ship_to.country);
  bind_manual_hold(*query, 8, order);
  query->bind(11, order.cancellation_reason)
      .bind(12, order.ship_to.region)
      .bind(13, order.shipping && order.shipping->invoiced ? 1 : 0)
      .bind(14, order.id.value);
  O2C_RETURN_IF_ERROR(query->run());
  O2C_RETURN_IF_ERROR(expect_one_row(*connection_, "order " + order.number));
  O2C_RETURN_IF_ERROR(save_approvals(order.id, order.approvals));
  O2C_RETURN_IF_ERROR(save_coupons(order.id, order.coupons));
  O2C_ASSIGN_OR_RETURN(auto line_query,
                       connection_->prepare("UPDATE order_lines SET shipped_milli = ?, "
                                            "invoiced_milli = ?, reservations = ? WHERE "
                                            "order_id = ? AND line_no = ?"));
  for (const OrderLine& line : order.lines) {
    line_query->bind(1, line.shipped.milli)
        .bind(2, line.invoiced.milli)
        .bind(3, format_reservations(line.reservations))
        .bind(4, order.id.value)
        .bind(5, line.line_no);
    O2C_RETURN_IF_ERROR(line_query->run());
    line_query->reset();
  }
  // Only what the statements above changed: other fields of `order` are not stored here.
  if (auto cached = orders_by_number_.find(order.number); cached != orders_by_number_.end()) {
    Order& stored = cached->second;
    O2C_ASSERT(stored.id == order.id && stored.lines.size() == order.lines.size());
    stored.state = order.state;
    stored.hold_reason = order.hold_reason;
    stored.ship_to = order.ship_to;
    stored.manual_hold = order.manual_hold;
    stored.cancellation_reason = order.cancellation_reason;
    stored.approvals = order.approvals;
    stored.coupons = order.coupons;
    O2C_ASSERT(stored.shipping.has_value() == order.shipping.has_value());
    if (stored.shipping) stored.shipping->invoiced = order.shipping->invoiced;
    for (std::size_t i = 0; i < order.lines.size(); ++i) {
      O2C_ASSERT(stored.lines[i].line_no == order.lines[i].line_no);
      stored.lines[i].shipped = order.lines[i].shipped;
      stored.lines[i].invoiced = order.lines[i].invoiced;
      stored.lines[i].reservations = order.lines[i].reservations;
    }
  }
  return {};
}

// insert_shipment and the other writes of shipments and returns: sqlite_fulfilment.cc.

Result<InvoiceId> SqliteConnectionStore::insert_invoice(const Invoice& invoice) {
  // Pair of the check made when loading: an invoice is stored only when it adds up.
  O2C_ASSERT(invoice.gross_total.minor == invoice.net_total.minor + invoice.tax_total.minor);
  O2C_ASSERT(!invoice.lines.empty());
  O2C_ASSERT(invoice.written_off.minor == 0);  // only settling an issued invoice writes off
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("INSERT INTO invoices(number, kind, customer_id, order_id, shipment_id, "
                           "corrects_invoice_id, reason, invoice_date, due_date, currency, "
                           "net_minor, tax_minor, gross_minor, paid_minor, credited_minor, terms, "
                           "discount_bp, discount_until, discount_taken_minor) VALUES "
                           "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  query->bind(1, invoice.number).bind(2, wire_name(invoice.kind)).bind(3, invoice.customer.value);
  // Unbound parameters are NULL: no order, shipment or corrected invoice.
  if (invoice.order.value != 0) query->bind(4, invoice.order.value);
  if (invoice.shipment.value != 0) query->bind(5, invoice.shipment.value);
  if (invoice.corrects.value != 0) query->bind(6, invoice.corrects.value);
  query->bind(7, invoice.reason)
      .bind(8, format_date(invoice.invoice_date))
      .bind(9, format_date(invoice.due_date))
      .bind(10, invoice.currency.text())
      .bind(11, invoice.net_total.minor)
      .bind(12, invoice.tax_total.minor)
      .bind(13, invoice.gross_total.minor)
      .bind(14, invoice.paid.minor)
      .bind(15, invoice.credited.minor)
      .bind(16, invoice.terms)
      .bind(17, invoice.discount.value);
  bind_optional_date(*query, 18, invoice.discount_until);
  query->bind(19, invoice.discount_taken.minor);
  O2C_RETURN_IF_ERROR(query->run());
  const InvoiceId id{connection_->last_insert_rowid()};
  static const MultiRowInsert kInsertLines(
      "INSERT INTO invoice_lines(invoice_id, line_no, order_id, order_line_no, sku, description, "
      "quantity_milli, unit_price_minor, tax_category, tax_rate_bp, net_minor, tax_minor) VALUES",
      12);
  O2C_RETURN_IF_ERROR(
      insert_rows(*connection_, kInsertLines, invoice.lines,
                  [id](Statement& statement, int first, const InvoiceLine& line, int) {
                    statement.bind(first + 1, id.value).bind(first + 2, line.line_no);
                    if (line.order.value != 0) statement.bind(first + 3, line.order.value);
                    statement.bind(first + 4, line.order_line_no)
                        .bind(first + 5, line.sku)
                        .bind(first + 6, line.description)
                        .bind(first + 7, line.quantity.milli)
                        .bind(first + 8, line.unit_price.minor)
                        .bind(first + 9, line.tax_category)
                        .bind(first + 10, line.tax_rate.value)
                        .bind(first + 11, line.net.minor)
                        .bind(first + 12, line.tax.minor);
                  }));
  for (const Instalment& instalment : invoice.instalments) {
    O2C_ASSIGN_OR_RETURN(auto part,
                         connection_->prepare("INSERT INTO invoice_instalments(invoice_id, "
                                              "sequence, due_date, amount_minor) VALUES "
                                              "(?, ?, ?, ?)"));
    part->bind(1, id.value)
        .bind(2, instalment.sequence)
        .bind(3, format_date(instalment.due_date))
        .bind(4, instalment.amount.minor);
    O2C_RETURN_IF_ERROR(part->run());
  }
  if (cache_reads_) {
    Invoice stored = invoice;
    stored.id = id;
    invoice_numbers_by_id_.insert_or_assign(id.value, stored.number);
    invoices_by_number_.insert_or_assign(stored.number, std::move(stored));
  }
  return id;
}

Status SqliteConnectionStore::update_invoice_paid(InvoiceId invoice, Money paid) {
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("UPDATE invoices SET paid_minor = ? WHERE id = ?"));
  query->bind(1, paid.minor).bind(2, invoice.value);
  O2C_RETURN_IF_ERROR(query->run());
  O2C_RETURN_IF_ERROR(expect_one_row(*connection_, "invoice"));
  if (auto number = invoice_numbers_by_id_.find(invoice.value);
      number != invoice_numbers_by_id_.end()) {
    invoices_by_number_.at(number->second).paid = paid;
  }
  return {};
}

Result<PaymentId> SqliteConnectionStore::insert_payment(const Payment& payment) {
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("INSERT INTO payments(number, customer_id, currency, "
                                            "amount_minor, unapplied_minor, received_on, method, "
                                            "reference) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  query->bind(1, payment.number)
      .bind(2, payment.customer.value)
      .bind(3, payment.amount.currency.text())
      .bind(4, payment.amount.minor)
      .bind(5, payment.unapplied.minor)
      .bind(6, format_date(payment.received_on))
      .bind(7, wire_name(payment.method))
      .bind(8, payment.reference);
  O2C_RETURN_IF_ERROR(query->run());
  return PaymentId{connection_->last_insert_rowid()};
}

Status SqliteConnectionStore::update_payment_unapplied(PaymentId payment, Money unapplied) {
  O2C_ASSIGN_OR_RETURN(
      auto query, connection_->prepare("UPDATE payments SET unapplied_minor = ? WHERE id = ?"));
  query->bind(1, unapplied.minor).bind(2, payment.value);
  O2C_RETURN_IF_ERROR(query->run());
  return expect_one_row(*connection_, "payment");
}

Status SqliteConnectionStore::insert_application(PaymentId payment, const Application& application,
                                                 Date applied_on) {
  O2C_ASSERT(application.amount.minor > 0);
  O2C_ASSIGN_OR_RETURN(
      auto query, connection_->prepare("INSERT INTO payment_applications(payment_id, invoice_id, "
                                       "amount_minor, applied_on) VALUES (?, ?, ?, ?)"));
  query->bind(1, payment.value)
      .bind(2, application.invoice.value)
      .bind(3, application.amount.minor)
      .bind(4, format_date(applied_on));
  return query->run();
}

Status SqliteConnectionStore::post(const LedgerEntry& entry) {
  if (entry.lines.empty()) return {};
  assert_balanced(entry);
  O2C_RETURN_IF_ERROR(check_period_open(entry));
  O2C_ASSIGN_OR_RETURN(std::string company_code, company_currency());
  O2C_ASSIGN_OR_RETURN(Currency company, currency_from_code(company_code));
  assert_translated(entry, company);
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("INSERT INTO ledger_entries(document, entry_date, "
                                            "description, currency, rate_micros) VALUES "
                                            "(?, ?, ?, ?, ?)"));
  query->bind(1, entry.document)
      .bind(2, format_date(entry.date))
      .bind(3, entry.description)
      .bind(4, entry.lines.front().amount.currency.text())
      .bind(5, entry.rate.micros);
  O2C_RETURN_IF_ERROR(query->run());
  const std::int64_t entry_id = connection_->last_insert_rowid();
  static const MultiRowInsert kInsertLines(
      "INSERT INTO ledger_lines(entry_id, line_no, account, amount_minor, company_minor) VALUES",
      5);
  return insert_rows(
      *connection_, kInsertLines, entry.lines,
      [entry_id](Statement& statement, int first, const LedgerLine& line, int index) {
        statement.bind(first + 1, entry_id)
            .bind(first + 2, index + 1)
            .bind(first + 3, static_cast<int>(line.account))
            .bind(first + 4, line.amount.minor)
            .bind(first + 5, line.company_amount.minor);
      });
}

Status SqliteConnectionStore::load_journal_head() {
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("SELECT sequence, hash FROM journal ORDER BY sequence "
                                            "DESC LIMIT 1"));
  O2C_ASSIGN_OR_RETURN(bool found, query->step());
  head_ = JournalHead{};
  if (!found) return {};
  head_.sequence = query->column_int(0);
  const std::string hex = query->column_text(1);
  if (hex.size() != 64)
    return failed_precondition("database_corrupt", "journal head hash is malformed");
  for (std::size_t i = 0; i < 32; ++i) {
    // from_chars, not stoi: a non-hex pair must be reported, not thrown (or read as "+1").
    const char* pair = hex.data() + 2 * i;
    const auto [end, failure] = std::from_chars(pair, pair + 2, head_.hash[i], 16);
    if (failure != std::errc{} || end != pair + 2)
      return failed_precondition("database_corrupt", "journal head hash is malformed");
  }
  return {};
}

Result<std::int64_t> SqliteConnectionStore::append_journal(const JournalDraft& draft) {
  const JournalEvent event{head_.sequence + 1, draft.at,       draft.actor,
                           draft.kind,         draft.document, draft.payload};
  const Sha256Digest hash = chain_hash(head_.hash, event);
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("INSERT INTO journal(sequence, at_micros, actor, kind, "
                                            "document, payload, previous_hash, hash) VALUES "
                                            "(?, ?, ?, ?, ?, ?, ?, ?)"));
  query->bind(1, event.sequence)
      .bind(2, event.at.unix_micros)
      .bind(3, event.actor)
      .bind(4, event.kind)
      .bind(5, event.document)
      .bind(6, event.payload)
      .bind(7, to_hex(head_.hash))
      .bind(8, to_hex(hash));
  O2C_RETURN_IF_ERROR(query->run());
  head_ = JournalHead{event.sequence, hash};
  return event.sequence;
}

}  // namespace o2c::sqlite
