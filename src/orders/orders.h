// orders.h — a customer's order from capture to completion. Rules encoded: an order is in
// the customer's currency; every line names an active product with a list price in that
// currency and a positive quantity; rejections are checked in the fixed order of
// OrderRejection so the same bad order always gets the same answer. An order over the
// credit limit waits on credit hold until a credit manager releases or rejects it; an
// order is complete when every line is fully shipped and invoiced.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "core/date.h"
#include "core/ids.h"
#include "core/money.h"
#include "core/result.h"
#include "customers/customers.h"

namespace o2c {

// Numbers are persisted in the journal and API: never renumber, never reuse.
enum class OrderRejection : std::uint16_t {
  kCustomerNotFound = 1,
  kCustomerInactive = 2,
  kCurrencyMismatch = 3,
  kNoLines = 4,
  kTooManyLines = 5,
  kProductNotFound = 6,
  kProductInactive = 7,
  kQuantityMustBePositive = 8,
  kQuantityTooLarge = 9,
  kPriceUnknown = 10,
  kDiscountOutOfRange = 11,
};
std::string_view wire_name(OrderRejection reason);

// Numbers are persisted: never renumber, never reuse.
enum class OrderState : std::uint8_t {
  kOnCreditHold = 1,
  kOpen = 2,  // approved, waiting for shipment
  kPartiallyShipped = 3,
  kComplete = 4,  // fully shipped and invoiced
  kRejected = 5,  // credit manager refused it
};
std::string_view wire_name(OrderState state);
Result<OrderState> order_state_from_wire(std::string_view name);

struct OrderLineRequest {
  std::string sku;
  Quantity quantity;
  BasisPoints discount;  // line discount
};

struct OrderRequest {
  std::string customer_number;
  std::optional<std::string> currency_code;  // when given, must be the customer's currency
  std::vector<OrderLineRequest> lines;
  BasisPoints order_discount;
  std::string customer_reference;  // the customer's PO number, free text
};

struct Reservation {
  WarehouseId warehouse;
  Quantity quantity;
};

struct OrderLine {
  int line_no = 0;  // 1-based
  ProductId product;
  std::string sku;
  std::string description;
  Quantity quantity;
  Money unit_price;
  BasisPoints discount;
  std::string tax_category;
  BasisPoints tax_rate;
  Money net;  // after line and order discount
  Money tax;
  std::vector<Reservation> reservations;  // stock held for this line, by warehouse
  Quantity shipped;
  Quantity invoiced;
};

struct Order {
  OrderId id;
  std::string number;  // "SO-2026-000001"
  CustomerId customer;
  std::string customer_number;
  Currency currency;
  Date order_date;
  OrderState state = OrderState::kOpen;
  BasisPoints order_discount;
  std::string customer_reference;
  std::string hold_reason;
  std::vector<OrderLine> lines;
  Money net_total;
  Money tax_total;
  Money gross_total;
};

// What validate_order needs from master data, looked up by app/ beforehand.
struct OrderContext {
  const Customer* customer = nullptr;  // null: not found
  // For each request line, the product with that SKU, or null when unknown.
  std::span<const Product* const> products;
  Date order_date;
};

// Checks the request against master data and builds the unpriced order (lines carry unit
// price, discount and tax category; amounts are zero until priced). Fails with the first
// OrderRejection that applies, its reason as wire name and the field at fault.
Result<Order> validate_order(const OrderRequest& request, const OrderContext& context);

Quantity reserved_quantity(const OrderLine& line);
Quantity backordered_quantity(const OrderLine& line);  // ordered - shipped - reserved
// The value not yet invoiced (gross, including tax): what the order still adds to exposure.
Result<Money> uninvoiced_gross(const Order& order);

// A credit manager's decision on a held order.
Status release_hold(Order& order);
Status reject_hold(Order& order, std::string_view reason);
// Recomputes the state after shipping: open, partially shipped or complete.
void update_fulfilment_state(Order& order);

}  // namespace o2c
