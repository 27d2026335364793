#include "core/limits.h"
#include "orders/orders.h"

namespace o2c {
namespace {

constexpr std::string_view kRejectionNames[] = {
    "",
    "customer_not_found",
    "customer_inactive",
    "currency_mismatch",
    "no_lines",
    "too_many_lines",
    "product_not_found",
    "product_inactive",
    "quantity_must_be_positive",
    "quantity_too_large",
    "price_unknown",
    "discount_out_of_range",
};

constexpr std::string_view kStateNames[] = {
    "", "on_credit_hold", "open", "partially_shipped", "complete", "rejected",
};

Error reject(OrderRejection reason, ErrorKind kind, std::string message, std::string where) {
  return Error{kind, std::string(wire_name(reason)), std::move(message), std::move(where)};
}

Result<OrderLine> validate_line(const OrderLineRequest& request, const Product* product,
                                Currency currency, std::size_t index) {
  const std::string where = "lines[" + std::to_string(index) + "]";
  if (product == nullptr)
    return reject(OrderRejection::kProductNotFound, ErrorKind::kNotFound,
                  "no product with SKU '" + request.sku + "'", where + ".sku");
  if (!product->active)
    return reject(OrderRejection::kProductInactive, ErrorKind::kFailedPrecondition,
                  "product " + request.sku + " is no longer sold", where + ".sku");
  if (request.quantity.milli <= 0)
    return reject(OrderRejection::kQuantityMustBePositive, ErrorKind::kInvalidArgument,
                  "quantity " + format_quantity(request.quantity) + " of " + request.sku +
                      " must be greater than zero",
                  where + ".quantity");
  if (request.quantity.milli > kQuantityMilliMax)
    return reject(OrderRejection::kQuantityTooLarge, ErrorKind::kInvalidArgument,
                  "quantity " + format_quantity(request.quantity) + " exceeds one billion units",
                  where + ".quantity");
  const std::optional<Money> price = list_price(*product, currency);
  if (!price)
    return reject(
        OrderRejection::kPriceUnknown, ErrorKind::kFailedPrecondition,
        "product " + request.sku + " has no list price in " + std::string(currency.text()),
        where + ".sku");
  if (request.discount.value < 0 || request.discount.value > kBasisPointsWhole)
    return reject(OrderRejection::kDiscountOutOfRange, ErrorKind::kInvalidArgument,
                  "line discount must be between 0 and 100 %", where + ".discount");
  OrderLine line;
  line.line_no = static_cast<int>(index) + 1;
  line.product = product->id;
  line.sku = product->sku;
  line.description = product->name;
  line.quantity = request.quantity;
  line.unit_price = *price;
  line.discount = request.discount;
  line.tax_category = product->tax_category;
  line.net = zero(currency);
  line.tax = zero(currency);
  line.shipped = Quantity{0};
  line.invoiced = Quantity{0};
  return line;
}

}  // namespace

std::string_view wire_name(OrderRejection reason) {
  const auto index = static_cast<std::size_t>(reason);
  O2C_ASSERT(index > 0 && index < std::size(kRejectionNames));
  return kRejectionNames[index];
}

std::string_view wire_name(OrderState state) {
  const auto index = static_cast<std::size_t>(state);
  O2C_ASSERT(index > 0 && index < std::size(kStateNames));
  return kStateNames[index];
}

Result<OrderState> order_state_from_wire(std::string_view name) {
  for (std::size_t i = 1; i < std::size(kStateNames); ++i) {
    if (kStateNames[i] == name) return static_cast<OrderState>(i);
  }
  return invalid_argument("unknown_order_state",
                          "'" + std::string(name) +
                              "' is not an order state (on_credit_hold, "
                              "open, partially_shipped, complete, rejected)");
}

Result<Order> validate_order(const OrderRequest& request, const OrderContext& context) {
  O2C_ASSERT(context.products.size() == request.lines.size());
  const Customer* customer = context.customer;
  if (customer == nullptr)
    return reject(OrderRejection::kCustomerNotFound, ErrorKind::kNotFound,
                  "no customer with number '" + request.customer_number + "'", "order.customer");
  if (!customer->active)
    return reject(OrderRejection::kCustomerInactive, ErrorKind::kFailedPrecondition,
                  "customer " + customer->number + " is inactive", "order.customer");
  if (request.currency_code && *request.currency_code != customer->currency.text())
    return reject(OrderRejection::kCurrencyMismatch, ErrorKind::kInvalidArgument,
                  "order currency " + *request.currency_code + " differs from customer " +
                      customer->number + "'s currency " + std::string(customer->currency.text()),
                  "order.currency");
  if (request.lines.empty())
    return reject(OrderRejection::kNoLines, ErrorKind::kInvalidArgument,
                  "an order needs at least one line", "order.lines");
  if (request.lines.size() > kOrderLinesMax)
    return reject(OrderRejection::kTooManyLines, ErrorKind::kInvalidArgument,
                  "an order has at most " + std::to_string(kOrderLinesMax) + " lines",
                  "order.lines");
  if (request.order_discount.value < 0 || request.order_discount.value > kBasisPointsWhole)
    return reject(OrderRejection::kDiscountOutOfRange, ErrorKind::kInvalidArgument,
                  "order discount must be between 0 and 100 %", "order.discount");

  Order order;
  order.customer = customer->id;
  order.customer_number = customer->number;
  order.currency = customer->currency;
  order.order_date = context.order_date;
  order.order_discount = request.order_discount;
  order.customer_reference = request.customer_reference;
  order.lines.reserve(request.lines.size());
  for (std::size_t i = 0; i < request.lines.size(); ++i) {
    O2C_ASSIGN_OR_RETURN(OrderLine line, validate_line(request.lines[i], context.products[i],
                                                       customer->currency, i));
    order.lines.push_back(std::move(line));
  }
  order.net_total = order.tax_total = order.gross_total = zero(customer->currency);
  return order;
}

Quantity reserved_quantity(const OrderLine& line) {
  Quantity total{0};
  for (const Reservation& reservation : line.reservations)
    total.milli += reservation.quantity.milli;
  return total;
}

Quantity backordered_quantity(const OrderLine& line) {
  const std::int64_t open =
      line.quantity.milli - line.shipped.milli - reserved_quantity(line).milli;
  O2C_ASSERT(open >= 0);
  return Quantity{open};
}

Result<Money> uninvoiced_gross(const Order& order) {
  Money total = zero(order.currency);
  for (const OrderLine& line : order.lines) {
    O2C_ASSERT(line.invoiced <= line.quantity);
    // What billing has invoiced so far (net and tax prorated on their own, as billing does),
    // subtracted from the line, so invoiced + uninvoiced is the line's gross to the cent.
    O2C_ASSIGN_OR_RETURN(Money gross, add(line.net, line.tax));
    O2C_ASSIGN_OR_RETURN(Money net_invoiced, prorate(line.net, line.invoiced.milli,
                                                     line.quantity.milli, Rounding::kHalfEven));
    O2C_ASSIGN_OR_RETURN(Money tax_invoiced, prorate(line.tax, line.invoiced.milli,
                                                     line.quantity.milli, Rounding::kHalfEven));
    O2C_ASSIGN_OR_RETURN(Money open_gross, subtract(gross, net_invoiced));
    O2C_ASSIGN_OR_RETURN(open_gross, subtract(open_gross, tax_invoiced));
    O2C_ASSIGN_OR_RETURN(total, add(total, open_gross));
  }
  return total;
}

Status release_hold(Order& order) {
  if (order.state != OrderState::kOnCreditHold)
    return failed_precondition("not_on_credit_hold",
                               "order " + order.number + " is " +
                                   std::string(wire_name(order.state)) + ", not on credit hold",
                               "order");
  order.state = OrderState::kOpen;
  return {};
}

Status reject_hold(Order& order, std::string_view reason) {
  if (order.state != OrderState::kOnCreditHold)
    return failed_precondition("not_on_credit_hold",
                               "order " + order.number + " is " +
                                   std::string(wire_name(order.state)) + ", not on credit hold",
                               "order");
  if (reason.empty())
    return invalid_argument("reason_required", "rejecting an order needs a reason", "reason");
  order.state = OrderState::kRejected;
  order.hold_reason = std::string(reason);
  return {};
}

void update_fulfilment_state(Order& order) {
  O2C_ASSERT(order.state == OrderState::kOpen || order.state == OrderState::kPartiallyShipped);
  bool all_done = true;
  bool any_shipped = false;
  for (const OrderLine& line : order.lines) {
    O2C_ASSERT(line.shipped <= line.quantity);
    all_done = all_done && line.shipped == line.quantity && line.invoiced == line.quantity;
    any_shipped = any_shipped || line.shipped.milli > 0;
  }
  order.state = all_done      ? OrderState::kComplete
                : any_shipped ? OrderState::kPartiallyShipped
                              : OrderState::kOpen;
}

}  // namespace o2c
