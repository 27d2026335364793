// The reads of the SQLite store: rows → domain values. Anything a row holds that a domain
// value cannot (an unknown currency code, a malformed date) means the file was altered
// outside o2c and is reported as database_corrupt.
#include <charconv>
#include <unordered_map>

#include <sqlite3.h>

#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace o2c::sqlite {
namespace {

// Reservations are stored as "warehouse_id:milli;…".
Result<std::vector<Reservation>> parse_reservations(std::string_view text) {
  std::vector<Reservation> reservations;
  while (!text.empty()) {
    const std::size_t end = text.find(';');
    const std::string_view item = text.substr(0, end);
    const std::size_t colon = item.find(':');
    Reservation reservation;
    if (colon == std::string_view::npos ||
        std::from_chars(item.data(), item.data() + colon, reservation.warehouse.value).ec !=
            std::errc{} ||
        std::from_chars(item.data() + colon + 1, item.data() + item.size(),
                        reservation.quantity.milli)
                .ec != std::errc{}) {
      return corrupt("reservation list");
    }
    reservations.push_back(reservation);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
  }
  return reservations;
}

constexpr const char* kCustomerColumns =
    "id, number, name, currency, terms, credit_limit_minor, segment, billing_line, billing_city, "
    "billing_postal_code, billing_country, shipping_line, shipping_city, shipping_postal_code, "
    "shipping_country, email, active, tier, "
    "(SELECT w.code FROM warehouses w WHERE w.id = customers.preferred_warehouse_id), "
    "tax_exempt, billing_region, shipping_region, billing_policy";

}  // namespace

void SqliteConnectionStore::forget_cached_state() {
  products_by_sku_.clear();
  tax_rates_.reset();
  warehouses_.reset();
  company_currency_.reset();
  customers_by_id_.clear();
  customer_ids_by_number_.clear();
  balances_.clear();
  dirty_balances_.clear();
  stock_by_product_.clear();
  dirty_stock_products_.clear();
  series_.clear();
  orders_by_number_.clear();
  invoices_by_number_.clear();
  invoice_numbers_by_id_.clear();
}

Result<std::string> SqliteConnectionStore::company_currency() {
  if (company_currency_) return *company_currency_;
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("SELECT value FROM settings WHERE key = 'currency'"));
  O2C_ASSIGN_OR_RETURN(bool found, query->step());
  if (!found) return corrupt("settings table (no company currency)");
  std::string code = query->column_text(0);
  if (cache_reads_) company_currency_ = code;
  return code;
}

Result<std::optional<std::string>> SqliteConnectionStore::setting(std::string_view key) {
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("SELECT value FROM settings WHERE key = ?"));
  query->bind(1, key);
  O2C_ASSIGN_OR_RETURN(bool found, query->step());
  if (!found) return std::optional<std::string>{};
  return std::optional<std::string>(query->column_text(0));
}

Result<Customer> SqliteConnectionStore::read_customer(Statement& row) {
  Customer customer;
  customer.id = CustomerId{row.column_int(0)};
  customer.number = row.column_text(1);
  customer.name = row.column_text(2);
  O2C_ASSIGN_OR_RETURN(customer.currency, currency_column(row, 3));
  Result<PaymentTerms> terms = parse_payment_terms(row.column_text(4));
  if (!terms) return corrupt("payment terms code");
  customer.terms = *terms;
  customer.credit_limit = money_column(row, 5, customer.currency);
  customer.segment = row.column_text(6);
  customer.billing_address = {row.column_text(7), row.column_text(8), row.column_text(9),
                              row.column_text(10), row.column_text(20)};
  customer.shipping_address = {row.column_text(11), row.column_text(12), row.column_text(13),
                               row.column_text(14), row.column_text(21)};
  customer.email = row.column_text(15);
  customer.active = row.column_int(16) != 0;
  const std::int64_t tier = row.column_int(17);
  if (tier < kCustomerTierHighest || tier > kCustomerTierLowest) return corrupt("customer tier");
  customer.tier = static_cast<int>(tier);
  customer.preferred_warehouse = row.column_text(18);
  customer.tax_exempt = row.column_int(19) != 0;
  Result<BillingPolicy> policy = billing_policy_from_wire(row.column_text(22));
  if (!policy) return corrupt("customer billing policy");
  customer.billing_policy = *policy;
  return customer;
}

Result<std::optional<Customer>> SqliteConnectionStore::remember_customer(
    Result<std::optional<Customer>> found) {
  // Only customers that exist are remembered: one added later must still be found.
  if (cache_reads_ && found && found->has_value()) {
    const Customer& customer = **found;
    customer_ids_by_number_[customer.number] = customer.id;
    customers_by_id_[customer.id.value] = customer;
  }
  return found;
}

Result<std::optional<Customer>> SqliteConnectionStore::find_customer(std::string_view number) {
  if (auto id = customer_ids_by_number_.find(std::string(number));
      id != customer_ids_by_number_.end())
    return std::optional<Customer>(customers_by_id_.at(id->second.value));
  static const std::string sql =
      std::string("SELECT ") + kCustomerColumns + " FROM customers WHERE number = ?";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  query->bind(1, number);
  O2C_ASSIGN_OR_RETURN(bool found, query->step());
  if (!found) return std::optional<Customer>{};
  O2C_ASSIGN_OR_RETURN(Customer customer, read_customer(*query));
  return remember_customer(std::optional<Customer>(std::move(customer)));
}

Result<std::optional<Customer>> SqliteConnectionStore::find_customer(CustomerId id) {
  if (auto cached = customers_by_id_.find(id.value); cached != customers_by_id_.end())
    return std::optional<Customer>(cached->second);
  static const std::string sql =
      std::string("SELECT ") + kCustomerColumns + " FROM customers WHERE id = ?";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  query->bind(1, id.value);
  O2C_ASSIGN_OR_RETURN(bool found, query->step());
  if (!found) return std::optional<Customer>{};
  O2C_ASSIGN_OR_RETURN(Customer customer, read_customer(*query));
  return remember_customer(std::optional<Customer>(std::move(customer)));
}

Result<std::vector<Customer>> SqliteConnectionStore::list_customers() {
  static const std::string sql =
      std::string("SELECT ") + kCustomerColumns + " FROM customers ORDER BY number";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  std::vector<Customer> customers;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    O2C_ASSIGN_OR_RETURN(Customer customer, read_customer(*query));
    customers.push_back(std::move(customer));
  }
  return customers;
}

Result<CustomerBalance> SqliteConnectionStore::customer_balance(const Customer& customer) {
  if (auto cached = balances_.find(customer.id.value); cached != balances_.end())
    return cached->second;
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("SELECT open_receivables_minor, open_orders_minor, "
                                            "unapplied_minor FROM customers WHERE id = ?"));
  query->bind(1, customer.id.value);
  O2C_ASSIGN_OR_RETURN(bool found, query->step());
  O2C_ASSERT(found);
  const CustomerBalance balance{money_column(*query, 0, customer.currency),
                                money_column(*query, 1, customer.currency),
                                money_column(*query, 2, customer.currency)};
  if (cache_reads_) balances_.emplace(customer.id.value, balance);
  return balance;
}

Result<Product> SqliteConnectionStore::read_product(Statement& row) {
  Product product;
  product.id = ProductId{row.column_int(0)};
  product.sku = row.column_text(1);
  product.name = row.column_text(2);
  product.unit = row.column_text(3);
  product.tax_category = row.column_text(4);
  O2C_ASSIGN_OR_RETURN(Currency cost_currency, currency_column(row, 6));
  product.standard_cost = money_column(row, 5, cost_currency);
  product.active = row.column_int(7) != 0;
  product.category = row.column_text(8);
  O2C_ASSIGN_OR_RETURN(auto prices,
                       connection_->prepare("SELECT currency, price_minor FROM product_prices "
                                            "WHERE product_id = ? ORDER BY currency"));
  prices->bind(1, product.id.value);
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool more, prices->step());
    if (!more) break;
    O2C_ASSIGN_OR_RETURN(Currency currency, currency_column(*prices, 0));
    product.list_prices.push_back(money_column(*prices, 1, currency));
  }
  return product;
}

Result<std::optional<Product>> SqliteConnectionStore::find_product(std::string_view sku) {
  if (auto cached = products_by_sku_.find(std::string(sku)); cached != products_by_sku_.end())
    return std::optional<Product>(cached->second);
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("SELECT id, sku, name, unit, tax_category, "
                           "standard_cost_minor, cost_currency, active, category FROM products "
                           "WHERE sku = ?"));
  query->bind(1, sku);
  O2C_ASSIGN_OR_RETURN(bool found, query->step());
  if (!found) return std::optional<Product>{};
  O2C_ASSIGN_OR_RETURN(Product product, read_product(*query));
  if (cache_reads_) products_by_sku_.emplace(product.sku, product);
  return std::optional<Product>(std::move(product));
}

Result<std::vector<Product>> SqliteConnectionStore::list_products() {
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("SELECT id, sku, name, unit, tax_category, "
                           "standard_cost_minor, cost_currency, active, category FROM products "
                           "ORDER BY sku"));
  std::vector<Product> products;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    O2C_ASSIGN_OR_RETURN(Product product, read_product(*query));
    products.push_back(std::move(product));
  }
  return products;
}

Result<std::vector<TaxRate>> SqliteConnectionStore::tax_rates() {
  if (tax_rates_) return *tax_rates_;
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("SELECT category, rate_bp FROM tax_rates ORDER BY category"));
  std::vector<TaxRate> rates;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    rates.push_back(TaxRate{query->column_text(0),
                            BasisPoints{static_cast<std::int32_t>(query->column_int(1))}});
  }
  if (cache_reads_) tax_rates_ = rates;
  return rates;
}

namespace {
Warehouse read_warehouse_row(const Statement& row) {
  return Warehouse{WarehouseId{row.column_int(0)}, row.column_text(1), row.column_text(2),
                   row.column_text(3)};
}
}  // namespace

Result<std::optional<Warehouse>> SqliteConnectionStore::find_warehouse(std::string_view code) {
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare("SELECT id, code, name, country FROM "
                                                        "warehouses WHERE code = ?"));
  query->bind(1, code);
  O2C_ASSIGN_OR_RETURN(bool found, query->step());
  if (!found) return std::optional<Warehouse>{};
  return std::optional<Warehouse>(read_warehouse_row(*query));
}

Result<std::vector<Warehouse>> SqliteConnectionStore::list_warehouses() {
  if (warehouses_) return *warehouses_;
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare("SELECT id, code, name, country FROM "
                                                        "warehouses ORDER BY code"));
  std::vector<Warehouse> warehouses;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    warehouses.push_back(read_warehouse_row(*query));
  }
  if (cache_reads_) warehouses_ = warehouses;
  return warehouses;
}

Result<std::vector<StockLevel>> SqliteConnectionStore::stock_levels(ProductId product) {
  if (auto cached = stock_by_product_.find(product.value); cached != stock_by_product_.end())
    return cached->second;
  O2C_ASSIGN_OR_RETURN(
      auto query, connection_->prepare("SELECT s.warehouse_id, s.on_hand_milli, s.reserved_milli "
                                       "FROM stock s JOIN warehouses w ON w.id = s.warehouse_id "
                                       "WHERE s.product_id = ? ORDER BY w.code"));
  query->bind(1, product.value);
  std::vector<StockLevel> levels;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    levels.push_back(StockLevel{WarehouseId{query->column_int(0)}, product,
                                quantity_column(*query, 1), quantity_column(*query, 2)});
  }
  if (cache_reads_) stock_by_product_.emplace(product.value, levels);
  return levels;
}

Result<std::vector<StockRow>> SqliteConnectionStore::list_stock() {
  O2C_RETURN_IF_ERROR(flush_deferred_writes());
  O2C_ASSIGN_OR_RETURN(
      auto query, connection_->prepare("SELECT w.code, p.sku, s.on_hand_milli, s.reserved_milli "
                                       "FROM stock s JOIN warehouses w ON w.id = s.warehouse_id "
                                       "JOIN products p ON p.id = s.product_id "
                                       "ORDER BY p.sku, w.code"));
  std::vector<StockRow> rows;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    rows.push_back(StockRow{query->column_text(0), query->column_text(1),
                            quantity_column(*query, 2), quantity_column(*query, 3)});
  }
  return rows;
}

namespace {
constexpr const char* kOrderColumns =
    "o.id, o.number, o.customer_id, c.number, o.currency, o.order_date, o.state, "
    "o.order_discount_bp, o.customer_reference, o.hold_reason, o.net_minor, o.tax_minor, "
    "o.gross_minor, o.channel, o.requested_delivery_date, o.ship_to_line, o.ship_to_city, "
    "o.ship_to_postal_code, o.ship_to_country, o.notes, o.manual_hold_reason, "
    "o.manual_hold_actor, o.manual_hold_resume_state, o.cancellation_reason, o.ship_to_region, "
    "o.shipping_net_minor, o.shipping_tax_minor, o.shipping_tax_category, "
    "o.shipping_tax_rate_bp, o.shipping_invoiced "
    "FROM orders o JOIN customers c ON c.id = o.customer_id ";

Result<Order> read_order_row(Statement& row) {
  Order order;
  order.id = OrderId{row.column_int(0)};
  order.number = row.column_text(1);
  order.customer = CustomerId{row.column_int(2)};
  order.customer_number = row.column_text(3);
  O2C_ASSIGN_OR_RETURN(order.currency, currency_column(row, 4));
  O2C_ASSIGN_OR_RETURN(order.order_date, date_column(row, 5));
  Result<OrderState> state = order_state_from_wire(row.column_text(6));
  if (!state) return corrupt("order state");
  order.state = *state;
  order.order_discount = BasisPoints{static_cast<std::int32_t>(row.column_int(7))};
  order.customer_reference = row.column_text(8);
  order.hold_reason = row.column_text(9);
  order.net_total = money_column(row, 10, order.currency);
  order.tax_total = money_column(row, 11, order.currency);
  order.gross_total = money_column(row, 12, order.currency);
  Result<SalesChannel> channel = sales_channel_from_wire(row.column_text(13));
  if (!channel) return corrupt("sales channel");
  order.channel = *channel;
  if (!row.column_is_null(14)) {
    O2C_ASSIGN_OR_RETURN(Date requested, date_column(row, 14));
    order.requested_delivery_date = requested;
  }
  order.ship_to = {row.column_text(15), row.column_text(16), row.column_text(17),
                   row.column_text(18), row.column_text(24)};
  order.notes = row.column_text(19);
  if (!row.column_is_null(20)) {
    Result<OrderState> resume = order_state_from_wire(row.column_text(22));
    if (!resume) return corrupt("order state to resume after a manual hold");
    order.manual_hold = ManualHold{row.column_text(20), row.column_text(21), *resume};
  }
  order.cancellation_reason = row.column_text(23);
  if (std::string category = row.column_text(27); !category.empty()) {
    OrderShippingCharge charge;
    charge.net = money_column(row, 25, order.currency);
    charge.tax = money_column(row, 26, order.currency);
    charge.tax_category = std::move(category);
    charge.tax_rate = BasisPoints{static_cast<std::int32_t>(row.column_int(28))};
    charge.invoiced = row.column_int(29) != 0;
    if (charge.net.minor <= 0) return corrupt("shipping charge");
    order.shipping = std::move(charge);
  }
  return order;
}
}  // namespace

Status SqliteConnectionStore::load_order_details(Order& order) {
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare(
          "SELECT line_no, product_id, sku, description, "
          "quantity_milli, unit_price_minor, discount_bp, "
          "tax_category, tax_rate_bp, net_minor, tax_minor, "
          "shipped_milli, invoiced_milli, reservations, "
          "price_trace, below_margin_floor FROM order_lines WHERE order_id = ? ORDER BY line_no"));
  query->bind(1, order.id.value);
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    OrderLine line;
    line.line_no = static_cast<int>(query->column_int(0));
    line.product = ProductId{query->column_int(1)};
    line.sku = query->column_text(2);
    line.description = query->column_text(3);
    line.quantity = quantity_column(*query, 4);
    line.unit_price = money_column(*query, 5, order.currency);
    line.discount = BasisPoints{static_cast<std::int32_t>(query->column_int(6))};
    line.tax_category = query->column_text(7);
    line.tax_rate = BasisPoints{static_cast<std::int32_t>(query->column_int(8))};
    line.net = money_column(*query, 9, order.currency);
    line.tax = money_column(*query, 10, order.currency);
    line.shipped = quantity_column(*query, 11);
    line.invoiced = quantity_column(*query, 12);
    O2C_ASSIGN_OR_RETURN(line.reservations, parse_reservations(query->column_text(13)));
    line.price_trace = query->column_text(14);
    line.below_margin_floor = query->column_int(15) != 0;
    order.lines.push_back(std::move(line));
  }
  if (order.lines.empty()) return corrupt("order without lines (" + order.number + ")");
  O2C_ASSIGN_OR_RETURN(auto approvals,
                       connection_->prepare("SELECT level, role, why, decision, actor, comment, "
                                            "decided_at_micros FROM order_approvals WHERE "
                                            "order_id = ? ORDER BY level"));
  approvals->bind(1, order.id.value);
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, approvals->step());
    if (!row) break;
    Result<ApprovalDecision> decision = approval_decision_from_wire(approvals->column_text(3));
    if (!decision) return corrupt("approval decision");
    order.approvals.push_back(
        ApprovalStep{static_cast<int>(approvals->column_int(0)), approvals->column_text(1),
                     approvals->column_text(2), *decision, approvals->column_text(4),
                     approvals->column_text(5), Timestamp{approvals->column_int(6)}});
  }
  O2C_ASSIGN_OR_RETURN(auto coupons,
                       connection_->prepare("SELECT code, redeemed FROM order_coupons WHERE "
                                            "order_id = ? ORDER BY position"));
  coupons->bind(1, order.id.value);
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, coupons->step());
    if (!row) break;
    order.coupons.push_back(OrderCoupon{coupons->column_text(0), coupons->column_int(1) != 0});
  }
  return {};
}

Result<std::vector<CouponRedemption>> SqliteConnectionStore::coupon_redemptions(
    std::span<const std::string> codes) {
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("SELECT o.number FROM order_coupons c JOIN orders o "
                                            "ON o.id = c.order_id WHERE c.code = ? AND "
                                            "c.redeemed = 1"));
  std::vector<CouponRedemption> redemptions;
  for (const std::string& code : codes) {
    query->bind(1, code);
    O2C_ASSIGN_OR_RETURN(bool found, query->step());
    if (found) redemptions.push_back(CouponRedemption{code, query->column_text(0)});
    query->reset();
  }
  return redemptions;
}

Result<std::optional<Order>> SqliteConnectionStore::find_order(std::string_view number) {
  if (auto cached = orders_by_number_.find(std::string(number)); cached != orders_by_number_.end())
    return std::optional<Order>(cached->second);
  static const std::string sql = std::string("SELECT ") + kOrderColumns + "WHERE o.number = ?";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  query->bind(1, number);
  O2C_ASSIGN_OR_RETURN(bool found, query->step());
  if (!found) return std::optional<Order>{};
  O2C_ASSIGN_OR_RETURN(Order order, read_order_row(*query));
  O2C_RETURN_IF_ERROR(load_order_details(order));
  if (cache_reads_) orders_by_number_.emplace(order.number, order);
  return std::optional<Order>(std::move(order));
}

Result<std::vector<Order>> SqliteConnectionStore::read_orders(Statement& query, std::size_t limit) {
  std::vector<Order> orders;
  while (orders.size() < limit) {
    O2C_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) break;
    O2C_ASSIGN_OR_RETURN(Order order, read_order_row(query));
    orders.push_back(std::move(order));
  }
  return orders;
}

Result<std::vector<Order>> SqliteConnectionStore::list_orders(const OrderFilter& filter) {
  static const std::string sql = std::string("SELECT ") + kOrderColumns +
                                 "WHERE (?1 IS NULL OR o.state = ?1) AND "
                                 "(?2 IS NULL OR o.customer_id = ?2) ORDER BY o.number";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  if (filter.state) query->bind(1, wire_name(*filter.state));
  if (filter.customer) query->bind(2, filter.customer->value);
  return read_orders(*query, filter.limit);
}

Result<std::vector<std::string>> SqliteConnectionStore::backordered_order_numbers(
    ProductId product) {
  O2C_ASSIGN_OR_RETURN(
      auto query, connection_->prepare("SELECT DISTINCT o.number FROM orders o JOIN order_lines l "
                                       "ON l.order_id = o.id WHERE o.backordered = 1 AND "
                                       "l.product_id = ? ORDER BY o.number"));
  query->bind(1, product.value);
  std::vector<std::string> numbers;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    numbers.push_back(query->column_text(0));
  }
  return numbers;
}

Result<std::vector<std::string>> SqliteConnectionStore::open_order_numbers(ProductId product) {
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("SELECT DISTINCT o.number FROM orders o JOIN order_lines l ON "
                           "l.order_id = o.id WHERE l.product_id = ? AND o.state IN ('open', "
                           "'partially_shipped') AND l.shipped_milli < l.quantity_milli ORDER BY "
                           "o.number"));
  query->bind(1, product.value);
  std::vector<std::string> numbers;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    numbers.push_back(query->column_text(0));
  }
  return numbers;
}

Result<std::vector<ExpectedReceipt>> SqliteConnectionStore::expected_receipts(ProductId product) {
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("SELECT id, warehouse_id, open_milli, expected_date, "
                                            "reference FROM expected_receipts WHERE product_id = ? "
                                            "AND open_milli > 0 ORDER BY expected_date, id"));
  query->bind(1, product.value);
  std::vector<ExpectedReceipt> receipts;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    ExpectedReceipt receipt{product, WarehouseId{query->column_int(1)}, quantity_column(*query, 2),
                            Date{}};
    O2C_ASSIGN_OR_RETURN(receipt.expected, date_column(*query, 3));
    receipt.id = ExpectedReceiptId{query->column_int(0)};
    receipt.reference = query->column_text(4);
    receipts.push_back(std::move(receipt));
  }
  return receipts;
}

// shipments_of_order and the other reads of shipments and returns: sqlite_fulfilment.cc.

namespace {
constexpr const char* kInvoiceColumns =
    "i.id, i.number, i.customer_id, c.number, COALESCE(i.order_id, 0), COALESCE(o.number, ''), "
    "COALESCE(i.shipment_id, 0), COALESCE(s.number, ''), i.invoice_date, i.due_date, i.currency, "
    "i.net_minor, i.tax_minor, i.gross_minor, i.paid_minor, i.kind, "
    "COALESCE(i.corrects_invoice_id, 0), COALESCE(k.number, ''), i.reason, i.terms, "
    "i.credited_minor, i.discount_bp, i.discount_until, i.discount_taken_minor, "
    "i.written_off_minor "
    "FROM invoices i JOIN customers c ON c.id = i.customer_id "
    "LEFT JOIN orders o ON o.id = i.order_id LEFT JOIN shipments s ON s.id = i.shipment_id "
    "LEFT JOIN invoices k ON k.id = i.corrects_invoice_id ";

Result<Invoice> read_invoice_row(Statement& row) {
  Invoice invoice;
  invoice.id = InvoiceId{row.column_int(0)};
  invoice.number = row.column_text(1);
  invoice.customer = CustomerId{row.column_int(2)};
  invoice.customer_number = row.column_text(3);
  invoice.order = OrderId{row.column_int(4)};
  invoice.order_number = row.column_text(5);
  invoice.shipment = ShipmentId{row.column_int(6)};
  invoice.shipment_number = row.column_text(7);
  O2C_ASSIGN_OR_RETURN(invoice.invoice_date, date_column(row, 8));
  O2C_ASSIGN_OR_RETURN(invoice.due_date, date_column(row, 9));
  O2C_ASSIGN_OR_RETURN(invoice.currency, currency_column(row, 10));
  invoice.net_total = money_column(row, 11, invoice.currency);
  invoice.tax_total = money_column(row, 12, invoice.currency);
  invoice.gross_total = money_column(row, 13, invoice.currency);
  invoice.paid = money_column(row, 14, invoice.currency);
  Result<InvoiceKind> kind = invoice_kind_from_wire(row.column_text(15));
  if (!kind) return corrupt("invoice kind (" + invoice.number + ")");
  invoice.kind = *kind;
  invoice.corrects = InvoiceId{row.column_int(16)};
  invoice.corrects_number = row.column_text(17);
  invoice.reason = row.column_text(18);
  invoice.terms = row.column_text(19);
  invoice.credited = money_column(row, 20, invoice.currency);
  invoice.discount = BasisPoints{static_cast<std::int32_t>(row.column_int(21))};
  O2C_ASSIGN_OR_RETURN(invoice.discount_until, optional_date_column(row, 22));
  invoice.discount_taken = money_column(row, 23, invoice.currency);
  invoice.written_off = money_column(row, 24, invoice.currency);
  // Pair of the assertion made before storing: a loaded invoice must still add up.
  if (invoice.gross_total.minor != invoice.net_total.minor + invoice.tax_total.minor)
    return corrupt("invoice total (" + invoice.number + ")");
  return invoice;
}
}  // namespace

Status SqliteConnectionStore::load_invoice_lines(Invoice& invoice) {
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("SELECT l.line_no, COALESCE(l.order_id, 0), COALESCE(o.number, ''), "
                           "l.order_line_no, l.sku, l.description, l.quantity_milli, "
                           "l.unit_price_minor, l.tax_category, l.tax_rate_bp, l.net_minor, "
                           "l.tax_minor FROM invoice_lines l LEFT JOIN orders o ON o.id = "
                           "l.order_id WHERE l.invoice_id = ? ORDER BY l.line_no"));
  query->bind(1, invoice.id.value);
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    InvoiceLine line;
    line.line_no = static_cast<int>(query->column_int(0));
    line.order = OrderId{query->column_int(1)};
    line.order_number = query->column_text(2);
    line.order_line_no = static_cast<int>(query->column_int(3));
    line.sku = query->column_text(4);
    line.description = query->column_text(5);
    line.quantity = quantity_column(*query, 6);
    line.unit_price = money_column(*query, 7, invoice.currency);
    line.tax_category = query->column_text(8);
    line.tax_rate = BasisPoints{static_cast<std::int32_t>(query->column_int(9))};
    line.net = money_column(*query, 10, invoice.currency);
    line.tax = money_column(*query, 11, invoice.currency);
    invoice.lines.push_back(std::move(line));
  }
  O2C_ASSIGN_OR_RETURN(auto instalments,
                       connection_->prepare("SELECT sequence, due_date, amount_minor FROM "
                                            "invoice_instalments WHERE invoice_id = ? ORDER BY "
                                            "sequence"));
  instalments->bind(1, invoice.id.value);
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, instalments->step());
    if (!row) break;
    Instalment instalment;
    instalment.sequence = static_cast<int>(instalments->column_int(0));
    O2C_ASSIGN_OR_RETURN(instalment.due_date, date_column(*instalments, 1));
    instalment.amount = money_column(*instalments, 2, invoice.currency);
    invoice.instalments.push_back(instalment);
  }
  return {};
}

Result<std::optional<Invoice>> SqliteConnectionStore::find_invoice(std::string_view number) {
  if (auto cached = invoices_by_number_.find(std::string(number));
      cached != invoices_by_number_.end())
    return std::optional<Invoice>(cached->second);
  static const std::string sql = std::string("SELECT ") + kInvoiceColumns + "WHERE i.number = ?";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  query->bind(1, number);
  O2C_ASSIGN_OR_RETURN(bool found, query->step());
  if (!found) return std::optional<Invoice>{};
  O2C_ASSIGN_OR_RETURN(Invoice invoice, read_invoice_row(*query));
  O2C_RETURN_IF_ERROR(load_invoice_lines(invoice));
  if (cache_reads_) {
    invoice_numbers_by_id_.emplace(invoice.id.value, invoice.number);
    invoices_by_number_.emplace(invoice.number, invoice);
  }
  return std::optional<Invoice>(std::move(invoice));
}

Result<std::optional<Invoice>> SqliteConnectionStore::invoice_of_shipment(ShipmentId shipment) {
  static const std::string sql = std::string("SELECT ") + kInvoiceColumns +
                                 "WHERE i.id = (SELECT invoice_id FROM shipments WHERE id = ?)";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  query->bind(1, shipment.value);
  O2C_ASSIGN_OR_RETURN(bool found, query->step());
  if (!found) return std::optional<Invoice>{};
  O2C_ASSIGN_OR_RETURN(Invoice invoice, read_invoice_row(*query));
  // The writer's copy knows the latest payments; lines are the same either way.
  if (auto cached = invoices_by_number_.find(invoice.number); cached != invoices_by_number_.end())
    return std::optional<Invoice>(cached->second);
  O2C_RETURN_IF_ERROR(load_invoice_lines(invoice));
  return std::optional<Invoice>(std::move(invoice));
}

Result<std::vector<Invoice>> SqliteConnectionStore::read_invoices(Statement& query,
                                                                  std::size_t limit) {
  std::vector<Invoice> invoices;
  while (invoices.size() < limit) {
    O2C_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) break;
    O2C_ASSIGN_OR_RETURN(Invoice invoice, read_invoice_row(query));
    invoices.push_back(std::move(invoice));
  }
  return invoices;
}

Result<std::vector<Invoice>> SqliteConnectionStore::list_invoices(const InvoiceFilter& filter) {
  static const std::string sql = std::string("SELECT ") + kInvoiceColumns +
                                 "WHERE (?1 IS NULL OR i.customer_id = ?1) AND "
                                 "(?2 = 0 OR i.paid_minor + i.credited_minor + "
                                 "i.discount_taken_minor + i.written_off_minor < "
                                 "i.gross_minor) ORDER BY i.number";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  if (filter.customer) query->bind(1, filter.customer->value);
  query->bind(2, filter.open_only ? 1 : 0);
  return read_invoices(*query, filter.limit);
}

Result<std::vector<OpenItem>> SqliteConnectionStore::open_items(
    std::optional<CustomerId> customer) {
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("SELECT i.id, i.number, i.customer_id, c.number, "
                           "i.invoice_date, i.due_date, i.currency, "
                           "i.gross_minor - i.paid_minor - i.credited_minor - "
                           "i.discount_taken_minor - i.written_off_minor, i.gross_minor, "
                           "i.discount_bp, "
                           "i.discount_until FROM invoices i JOIN "
                           "customers c ON c.id = i.customer_id WHERE i.paid_minor + "
                           "i.credited_minor + i.discount_taken_minor + i.written_off_minor < "
                           "i.gross_minor AND "
                           "(?1 IS NULL OR "
                           "i.customer_id = ?1) ORDER BY i.due_date, i.number"));
  if (customer) query->bind(1, customer->value);
  std::vector<OpenItem> items;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    OpenItem item;
    item.invoice = InvoiceId{query->column_int(0)};
    item.invoice_number = query->column_text(1);
    item.customer = CustomerId{query->column_int(2)};
    item.customer_number = query->column_text(3);
    O2C_ASSIGN_OR_RETURN(item.invoice_date, date_column(*query, 4));
    O2C_ASSIGN_OR_RETURN(item.due_date, date_column(*query, 5));
    O2C_ASSIGN_OR_RETURN(Currency currency, currency_column(*query, 6));
    item.open = money_column(*query, 7, currency);
    item.gross = money_column(*query, 8, currency);
    item.discount_offer = BasisPoints{static_cast<std::int32_t>(query->column_int(9))};
    O2C_ASSIGN_OR_RETURN(item.discount_until, optional_date_column(*query, 10));
    item.discount = zero(currency);
    items.push_back(std::move(item));
  }
  return items;
}

Result<std::vector<AgingItem>> SqliteConnectionStore::aging_items() {
  O2C_ASSIGN_OR_RETURN(std::vector<OpenItem> items, open_items(std::nullopt));
  O2C_ASSIGN_OR_RETURN(std::vector<Customer> customers, list_customers());
  std::unordered_map<std::int64_t, std::string> names;
  for (const Customer& customer : customers) names[customer.id.value] = customer.name;
  std::vector<AgingItem> aging;
  aging.reserve(items.size());
  for (OpenItem& item : items) {
    std::string name = names[item.customer.value];
    aging.push_back(AgingItem{std::move(item), std::move(name)});
  }
  return aging;
}

namespace {
Result<Payment> read_payment_row(Statement& row) {
  Payment payment;
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
  return payment;
}
constexpr const char* kPaymentColumns =
    "p.id, p.number, p.customer_id, c.number, p.currency, p.amount_minor, p.unapplied_minor, "
    "p.received_on, p.method, p.reference FROM payments p JOIN customers c ON "
    "c.id = p.customer_id ";
}  // namespace

Result<std::optional<Payment>> SqliteConnectionStore::find_payment(CustomerId customer,
                                                                   std::string_view reference) {
  static const std::string sql =
      std::string("SELECT ") + kPaymentColumns + "WHERE p.customer_id = ? AND p.reference = ?";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  query->bind(1, customer.value).bind(2, reference);
  O2C_ASSIGN_OR_RETURN(bool found, query->step());
  if (!found) return std::optional<Payment>{};
  O2C_ASSIGN_OR_RETURN(Payment payment, read_payment_row(*query));
  return std::optional<Payment>(std::move(payment));
}

Result<std::vector<Payment>> SqliteConnectionStore::list_payments(
    std::optional<CustomerId> customer, std::size_t limit) {
  static const std::string sql = std::string("SELECT ") + kPaymentColumns +
                                 "WHERE (?1 IS NULL OR p.customer_id = ?1) ORDER BY p.number";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  if (customer) query->bind(1, customer->value);
  std::vector<Payment> payments;
  while (payments.size() < limit) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    O2C_ASSIGN_OR_RETURN(Payment payment, read_payment_row(*query));
    payments.push_back(std::move(payment));
  }
  return payments;
}

Result<std::vector<AccountTotals>> SqliteConnectionStore::account_totals() {
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("SELECT e.currency, l.account, "
                                            "SUM(CASE WHEN l.amount_minor > 0 THEN l.amount_minor "
                                            "ELSE 0 END), SUM(CASE WHEN l.amount_minor < 0 THEN "
                                            "-l.amount_minor ELSE 0 END) FROM ledger_lines l JOIN "
                                            "ledger_entries e ON e.id = l.entry_id "
                                            "GROUP BY e.currency, l.account ORDER BY 1, 2"));
  std::vector<AccountTotals> totals;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    O2C_ASSIGN_OR_RETURN(Currency currency, currency_column(*query, 0));
    Result<Account> account = account_from_code(static_cast<int>(query->column_int(1)));
    if (!account) return corrupt("ledger account");
    totals.push_back(AccountTotals{*account, money_column(*query, 2, currency),
                                   money_column(*query, 3, currency)});
  }
  return totals;
}

Result<CycleCounts> SqliteConnectionStore::cycle_counts() {
  CycleCounts counts;
  {
    O2C_ASSIGN_OR_RETURN(auto query,
                         connection_->prepare("SELECT state, COUNT(*) FROM orders GROUP BY state "
                                              "ORDER BY state"));
    while (true) {
      O2C_ASSIGN_OR_RETURN(bool row, query->step());
      if (!row) break;
      counts.orders_by_state.emplace_back(query->column_text(0), query->column_int(1));
    }
  }
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("WITH settled AS (SELECT paid_minor + credited_minor + "
                           "discount_taken_minor + written_off_minor AS settled, gross_minor "
                           "FROM invoices) SELECT (SELECT COUNT(*) FROM settled WHERE settled = "
                           "0 AND gross_minor > 0), (SELECT COUNT(*) FROM settled WHERE settled "
                           "BETWEEN 1 AND gross_minor - 1), (SELECT COUNT(*) FROM settled WHERE "
                           "settled = gross_minor), "
                           "(SELECT COUNT(*) FROM shipments), (SELECT COUNT(*) FROM "
                           "payments), (SELECT COUNT(*) FROM journal)"));
  O2C_ASSIGN_OR_RETURN(bool found, query->step());
  O2C_ASSERT(found);
  counts.invoices_open = query->column_int(0);
  counts.invoices_partially_paid = query->column_int(1);
  counts.invoices_paid = query->column_int(2);
  counts.shipments = query->column_int(3);
  counts.payments = query->column_int(4);
  counts.journal_entries = query->column_int(5);
  return counts;
}

Status SqliteConnectionStore::scan_journal(
    std::int64_t after_sequence, const std::function<bool(const StoredJournalEntry&)>& visit) {
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("SELECT sequence, at_micros, actor, kind, document, "
                                            "payload, previous_hash, hash FROM journal WHERE "
                                            "sequence > ? ORDER BY sequence"));
  query->bind(1, after_sequence);
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    StoredJournalEntry entry;
    entry.event =
        JournalEvent{query->column_int(0),  Timestamp{query->column_int(1)}, query->column_text(2),
                     query->column_text(3), query->column_text(4),           query->column_text(5)};
    entry.previous_hash_hex = query->column_text(6);
    entry.hash_hex = query->column_text(7);
    if (!visit(entry)) break;
  }
  return {};
}

Result<std::int64_t> SqliteConnectionStore::row_count() {
  O2C_RETURN_IF_ERROR(flush_deferred_writes());
  std::vector<std::string> tables;
  {
    O2C_ASSIGN_OR_RETURN(
        auto query, connection_->prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                         "name NOT LIKE 'sqlite_%'"));
    while (true) {
      O2C_ASSIGN_OR_RETURN(bool row, query->step());
      if (!row) break;
      tables.push_back(query->column_text(0));
    }
  }
  std::int64_t rows = 0;
  for (const std::string& table : tables) {
    const std::string sql = "SELECT COUNT(*) FROM \"" + table + "\"";
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(connection_->handle(), sql.c_str(), -1, &statement, nullptr) !=
        SQLITE_OK)
      return sqlite_error(connection_->handle(), "counting rows");
    if (sqlite3_step(statement) == SQLITE_ROW) rows += sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
  }
  return rows;
}

}  // namespace o2c::sqlite
