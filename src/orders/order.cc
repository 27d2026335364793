#include "core/limits.h"
#include "core/wire_names.h"
#include "orders/order_checks.h"
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
    "requested_date_in_past",
    "ship_to_invalid",
    "text_too_long",
    "shipping_charge_invalid",
};

constexpr std::string_view kStateNames[] = {
    "",         "on_credit_hold",    "open",           "partially_shipped", "complete",
    "rejected", "awaiting_approval", "on_manual_hold", "cancelled",
};

constexpr std::string_view kChannelNames[] = {"", "api", "csv", "portal", "edi"};

bool is_country_code(std::string_view text) {
  return text.size() == 2 && text[0] >= 'A' && text[0] <= 'Z' && text[1] >= 'A' && text[1] <= 'Z';
}

// The capture fields of a request, checked in OrderRejection order.
Status check_capture_fields(const OrderRequest& request, Date order_date) {
  if (request.requested_delivery_date && *request.requested_delivery_date < order_date)
    return order_rejection(OrderRejection::kRequestedDateInPast, ErrorKind::kInvalidArgument,
                           "requested delivery date " +
                               format_date(*request.requested_delivery_date) +
                               " is before the order date " + format_date(order_date),
                           "order.requested_delivery_date");
  if (request.ship_to) O2C_RETURN_IF_ERROR(check_ship_to(*request.ship_to, "order.ship_to"));
  if (request.customer_reference.size() > kCustomerReferenceBytesMax)
    return order_rejection(OrderRejection::kTextTooLong, ErrorKind::kInvalidArgument,
                           "PO number has " + std::to_string(request.customer_reference.size()) +
                               " bytes; at most " + std::to_string(kCustomerReferenceBytesMax) +
                               " fit",
                           "order.customer_reference");
  if (request.notes.size() > kOrderNotesBytesMax)
    return order_rejection(OrderRejection::kTextTooLong, ErrorKind::kInvalidArgument,
                           "notes have " + std::to_string(request.notes.size()) +
                               " bytes; at most " + std::to_string(kOrderNotesBytesMax) + " fit",
                           "order.notes");
  return {};
}

}  // namespace

Error order_rejection(OrderRejection reason, ErrorKind kind, std::string message,
                      std::string where) {
  return Error{kind, std::string(wire_name(reason)), std::move(message), std::move(where)};
}

Status check_ship_to(const Address& address, const std::string& where) {
  const auto invalid = [&](std::string message, std::string_view field) {
    return order_rejection(OrderRejection::kShipToInvalid, ErrorKind::kInvalidArgument,
                           std::move(message), where + "." + std::string(field));
  };
  if (address.line.empty()) return invalid("the ship-to address needs a street line", "line");
  if (address.city.empty()) return invalid("the ship-to address needs a city", "city");
  if (!is_country_code(address.country))
    return invalid(
        "ship-to country '" + address.country + "' is not an ISO 3166-1 alpha-2 code like DE or US",
        "country");
  if (address.region.size() > kRegionBytesMax)
    return invalid("ship-to region '" + address.region + "' is not a subdivision code of at most " +
                       std::to_string(kRegionBytesMax) + " characters like CA",
                   "region");
  const std::pair<std::string_view, std::string_view> fields[] = {
      {address.line, "line"}, {address.city, "city"}, {address.postal_code, "postal_code"}};
  for (const auto& [value, name] : fields) {
    if (value.size() > kNameBytesMax)
      return invalid("ship-to " + std::string(name) + " has " + std::to_string(value.size()) +
                         " bytes; at most " + std::to_string(kNameBytesMax) + " fit",
                     name);
  }
  return {};
}

Result<OrderLine> build_order_line(const OrderLineRequest& request, const Product* product,
                                   Currency currency, int line_no, const std::string& where,
                                   bool catalog_price_required) {
  O2C_ASSERT(line_no >= 1);
  if (product == nullptr)
    return order_rejection(OrderRejection::kProductNotFound, ErrorKind::kNotFound,
                           "no product with SKU '" + request.sku + "'", where + ".sku");
  if (!product->active)
    return order_rejection(OrderRejection::kProductInactive, ErrorKind::kFailedPrecondition,
                           "product " + request.sku + " is no longer sold", where + ".sku");
  if (request.quantity.milli <= 0)
    return order_rejection(OrderRejection::kQuantityMustBePositive, ErrorKind::kInvalidArgument,
                           "quantity " + format_quantity(request.quantity) + " of " + request.sku +
                               " must be greater than zero",
                           where + ".quantity");
  if (request.quantity.milli > kQuantityMilliMax)
    return order_rejection(
        OrderRejection::kQuantityTooLarge, ErrorKind::kInvalidArgument,
        "quantity " + format_quantity(request.quantity) + " exceeds one billion units",
        where + ".quantity");
  const std::optional<Money> price = list_price(*product, currency);
  if (!price && catalog_price_required)
    return order_rejection(
        OrderRejection::kPriceUnknown, ErrorKind::kFailedPrecondition,
        "product " + request.sku + " has no list price in " + std::string(currency.text()),
        where + ".sku");
  if (request.discount.value < 0 || request.discount.value > kBasisPointsWhole)
    return order_rejection(OrderRejection::kDiscountOutOfRange, ErrorKind::kInvalidArgument,
                           "line discount must be between 0 and 100 %", where + ".discount");
  OrderLine line;
  line.line_no = line_no;
  line.product = product->id;
  line.sku = product->sku;
  line.description = product->name;
  line.quantity = request.quantity;
  line.unit_price = price.value_or(zero(currency));
  line.discount = request.discount;
  line.tax_category = product->tax_category;
  line.net = zero(currency);
  line.tax = zero(currency);
  line.shipped = Quantity{0};
  line.invoiced = Quantity{0};
  return line;
}

namespace {

// The request's shipping charge, none when it has none or zero. Checked after the other
// order-level fields and before the lines.
Result<std::optional<OrderShippingCharge>> shipping_charge(const OrderRequest& request,
                                                           Currency currency) {
  if (request.shipping_amount.empty()) return std::optional<OrderShippingCharge>{};
  Result<Money> amount = parse_money(request.shipping_amount, currency);
  const auto invalid = [&](std::string why) {
    return order_rejection(OrderRejection::kShippingChargeInvalid, ErrorKind::kInvalidArgument,
                           "shipping charge '" + request.shipping_amount + "' " + why,
                           "order.shipping");
  };
  if (!amount) return invalid("is not an amount in " + std::string(currency.text()));
  if (amount->minor < 0) return invalid("is negative");
  if (amount->minor > kAmountMinorMax) return invalid("is too large");
  if (amount->minor == 0) return std::optional<OrderShippingCharge>{};
  OrderShippingCharge charge;
  charge.net = *amount;
  charge.tax = zero(currency);
  if (!request.shipping_tax_category.empty())
    charge.tax_category = request.shipping_tax_category;
  else
    charge.tax_category = std::string(kShippingTaxCategoryDefault);
  return std::optional<OrderShippingCharge>{std::move(charge)};
}

}  // namespace

std::string_view wire_name(OrderRejection reason) { return name_in(kRejectionNames, reason); }

std::string_view wire_name(OrderState state) { return name_in(kStateNames, state); }

Result<OrderState> order_state_from_wire(std::string_view name) {
  if (std::optional<OrderState> value = value_in<OrderState>(kStateNames, name)) return *value;
  return invalid_argument("unknown_order_state",
                          "'" + std::string(name) +
                              "' is not an order state (on_credit_hold, open, partially_shipped, "
                              "complete, rejected, awaiting_approval, on_manual_hold, cancelled)");
}

std::string_view wire_name(SalesChannel channel) { return name_in(kChannelNames, channel); }

Result<SalesChannel> sales_channel_from_wire(std::string_view name) {
  if (std::optional<SalesChannel> value = value_in<SalesChannel>(kChannelNames, name))
    return *value;
  return invalid_argument("unknown_sales_channel", "'" + std::string(name) +
                                                       "' is not a sales channel (api, csv, "
                                                       "portal, edi)");
}

Result<Order> validate_order(const OrderRequest& request, const OrderContext& context) {
  O2C_ASSERT(context.products.size() == request.lines.size());
  const Customer* customer = context.customer;
  if (customer == nullptr)
    return order_rejection(OrderRejection::kCustomerNotFound, ErrorKind::kNotFound,
                           "no customer with number '" + request.customer_number + "'",
                           "order.customer");
  if (!customer->active)
    return order_rejection(OrderRejection::kCustomerInactive, ErrorKind::kFailedPrecondition,
                           "customer " + customer->number + " is inactive", "order.customer");
  if (request.currency_code && *request.currency_code != customer->currency.text())
    return order_rejection(OrderRejection::kCurrencyMismatch, ErrorKind::kInvalidArgument,
                           "order currency " + *request.currency_code + " differs from customer " +
                               customer->number + "'s currency " +
                               std::string(customer->currency.text()),
                           "order.currency");
  if (request.lines.empty())
    return order_rejection(OrderRejection::kNoLines, ErrorKind::kInvalidArgument,
                           "an order needs at least one line", "order.lines");
  if (request.lines.size() > kOrderLinesMax)
    return order_rejection(OrderRejection::kTooManyLines, ErrorKind::kInvalidArgument,
                           "an order has at most " + std::to_string(kOrderLinesMax) + " lines",
                           "order.lines");
  if (request.order_discount.value < 0 || request.order_discount.value > kBasisPointsWhole)
    return order_rejection(OrderRejection::kDiscountOutOfRange, ErrorKind::kInvalidArgument,
                           "order discount must be between 0 and 100 %", "order.discount");
  O2C_RETURN_IF_ERROR(check_capture_fields(request, context.order_date));

  Order order;
  order.customer = customer->id;
  order.customer_number = customer->number;
  order.currency = customer->currency;
  order.order_date = context.order_date;
  order.order_discount = request.order_discount;
  order.customer_reference = request.customer_reference;
  order.channel = request.channel;
  order.requested_delivery_date = request.requested_delivery_date;
  order.ship_to = request.ship_to ? *request.ship_to : customer->shipping_address;
  order.notes = request.notes;
  for (const std::string& code : request.coupon_codes) order.coupons.push_back({code, false});
  O2C_ASSIGN_OR_RETURN(order.shipping, shipping_charge(request, customer->currency));
  order.lines.reserve(request.lines.size());
  for (std::size_t i = 0; i < request.lines.size(); ++i) {
    O2C_ASSIGN_OR_RETURN(
        OrderLine line,
        build_order_line(request.lines[i], context.products[i], customer->currency,
                         static_cast<int>(i) + 1, "lines[" + std::to_string(i) + "]",
                         context.catalog_price_required));
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
  if (order.shipping && !order.shipping->invoiced) {
    O2C_ASSIGN_OR_RETURN(total, add(total, order.shipping->net));
    O2C_ASSIGN_OR_RETURN(total, add(total, order.shipping->tax));
  }
  return total;
}

Status release_hold(Order& order) {
  if (order.state != OrderState::kOnCreditHold)
    return failed_precondition("not_on_credit_hold",
                               "order " + order.number + " is " +
                                   std::string(wire_name(order.state)) + ", not on credit hold",
                               "order");
  order.state = next_approval(order) != nullptr ? OrderState::kAwaitingApproval : OrderState::kOpen;
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
