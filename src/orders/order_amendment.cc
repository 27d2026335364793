// Changes to an order before it has fully shipped, its cancellation, and manual holds.
#include <algorithm>

#include "core/limits.h"
#include "core/wire_names.h"
#include "orders/order_checks.h"
#include "orders/orders.h"

namespace o2c {
namespace {

constexpr std::string_view kRefusalNames[] = {
    "",
    "order_closed",
    "order_fully_shipped",
    "unknown_line",
    "quantity_below_shipped",
    "line_already_shipped",
    "last_line",
    "order_partially_shipped",
    "no_change",
    "reason_required",
    "already_on_manual_hold",
    "not_on_manual_hold",
    "actor_required",
};

Error refuse(AmendmentRefusal refusal, ErrorKind kind, std::string message, std::string where) {
  return Error{kind, std::string(wire_name(refusal)), std::move(message), std::move(where)};
}

bool is_closed(OrderState state) {
  return state == OrderState::kComplete || state == OrderState::kRejected ||
         state == OrderState::kCancelled;
}

bool anything_shipped(const Order& order) {
  for (const OrderLine& line : order.lines) {
    if (line.shipped.milli > 0) return true;
  }
  return false;
}

bool fully_shipped(const Order& order) {
  for (const OrderLine& line : order.lines) {
    if (line.shipped < line.quantity) return false;
  }
  return true;
}

Status check_not_closed(const Order& order) {
  if (is_closed(order.state))
    return refuse(AmendmentRefusal::kOrderClosed, ErrorKind::kFailedPrecondition,
                  "order " + order.number + " is " + std::string(wire_name(order.state)) +
                      " and can no longer change",
                  "order");
  return {};
}

// An order may be amended while it is not closed and something on it is still to ship.
Status check_amendable(const Order& order) {
  O2C_RETURN_IF_ERROR(check_not_closed(order));
  if (fully_shipped(order))
    return refuse(AmendmentRefusal::kOrderFullyShipped, ErrorKind::kFailedPrecondition,
                  "everything on order " + order.number + " has shipped", "order");
  return {};
}

Result<std::size_t> find_line(const Order& order, int line_no) {
  for (std::size_t i = 0; i < order.lines.size(); ++i) {
    if (order.lines[i].line_no == line_no) return i;
  }
  return refuse(AmendmentRefusal::kUnknownLine, ErrorKind::kNotFound,
                "order " + order.number + " has no line " + std::to_string(line_no),
                "amendment.line_no");
}

Status check_reason(std::string_view reason) {
  if (reason.empty())
    return refuse(AmendmentRefusal::kReasonRequired, ErrorKind::kInvalidArgument,
                  "cancelling needs a reason", "amendment.reason");
  return {};
}

// Takes `excess` off the line's reservations, the warehouse reserved last (least preferred)
// first, and records what was taken.
void release_reserved(OrderLine& line, Quantity excess, std::vector<ReservationRelease>& releases) {
  O2C_ASSERT(excess.milli >= 0);
  O2C_ASSERT(excess <= reserved_quantity(line));
  for (auto it = line.reservations.rbegin(); it != line.reservations.rend() && excess.milli > 0;
       ++it) {
    const std::int64_t taken = std::min(excess.milli, it->quantity.milli);
    it->quantity.milli -= taken;
    excess.milli -= taken;
    releases.push_back(ReservationRelease{line.line_no, line.product, it->warehouse, {taken}});
  }
  std::erase_if(line.reservations,
                [](const Reservation& reservation) { return reservation.quantity.milli == 0; });
}

// The state after an amendment: an order being fulfilled follows its lines again.
void settle_state(Order& order) {
  if (order.state == OrderState::kOpen || order.state == OrderState::kPartiallyShipped)
    update_fulfilment_state(order);
}

std::string format_address(const Address& address) {
  std::string text = address.line + ", ";
  if (!address.postal_code.empty()) text += address.postal_code + " ";
  return text + address.city + ", " + address.country;
}

std::string line_label(const OrderLine& line) {
  return "line " + std::to_string(line.line_no) + " " + line.sku;
}

Amendment amendment(Order order, std::string event, std::string description,
                    std::vector<std::pair<std::string, std::string>> details) {
  Amendment result;
  result.order = std::move(order);
  result.event = std::move(event);
  result.description = std::move(description);
  result.details = std::move(details);
  return result;
}

}  // namespace

std::string_view wire_name(AmendmentRefusal refusal) { return name_in(kRefusalNames, refusal); }

Result<Amendment> change_line_quantity(const Order& order, int line_no, Quantity quantity) {
  O2C_RETURN_IF_ERROR(check_amendable(order));
  O2C_ASSIGN_OR_RETURN(std::size_t index, find_line(order, line_no));
  const OrderLine& before = order.lines[index];
  if (quantity.milli <= 0)
    return order_rejection(OrderRejection::kQuantityMustBePositive, ErrorKind::kInvalidArgument,
                           "quantity " + format_quantity(quantity) +
                               " must be greater than zero; remove the line to drop it",
                           "amendment.quantity");
  if (quantity.milli > kQuantityMilliMax)
    return order_rejection(OrderRejection::kQuantityTooLarge, ErrorKind::kInvalidArgument,
                           "quantity " + format_quantity(quantity) + " exceeds one billion units",
                           "amendment.quantity");
  if (quantity < before.shipped)
    return refuse(AmendmentRefusal::kQuantityBelowShipped, ErrorKind::kFailedPrecondition,
                  line_label(before) + " has shipped " + format_quantity(before.shipped) +
                      "; it cannot be cut to " + format_quantity(quantity),
                  "amendment.quantity");
  if (quantity == before.quantity)
    return refuse(AmendmentRefusal::kNoChange, ErrorKind::kInvalidArgument,
                  line_label(before) + " already has quantity " + format_quantity(quantity),
                  "amendment.quantity");

  Amendment result =
      amendment(order, "order.line_quantity_changed",
                line_label(before) + " quantity " + format_quantity(before.quantity) + " -> " +
                    format_quantity(quantity),
                {{"line", std::to_string(line_no)},
                 {"sku", before.sku},
                 {"quantity_before", format_quantity(before.quantity)},
                 {"quantity_after", format_quantity(quantity)}});
  OrderLine& line = result.order.lines[index];
  line.quantity = quantity;
  const Quantity still_needed{quantity.milli - line.shipped.milli};
  const Quantity reserved = reserved_quantity(line);
  if (reserved > still_needed)
    release_reserved(line, Quantity{reserved.milli - still_needed.milli}, result.releases);
  settle_state(result.order);
  return result;
}

Result<Amendment> add_order_line(const Order& order, const OrderLineRequest& request,
                                 const Product* product) {
  O2C_RETURN_IF_ERROR(check_amendable(order));
  if (order.lines.size() >= kOrderLinesMax)
    return order_rejection(OrderRejection::kTooManyLines, ErrorKind::kInvalidArgument,
                           "an order has at most " + std::to_string(kOrderLinesMax) + " lines",
                           "order.lines");
  int line_no = 1;
  for (const OrderLine& line : order.lines) line_no = std::max(line_no, line.line_no + 1);
  O2C_ASSIGN_OR_RETURN(OrderLine line,
                       build_order_line(request, product, order.currency, line_no, "amendment"));
  Amendment result =
      amendment(order, "order.line_added",
                line_label(line) + " added, quantity " + format_quantity(line.quantity),
                {{"line", std::to_string(line_no)},
                 {"sku", line.sku},
                 {"quantity", format_quantity(line.quantity)},
                 {"discount", format_percent(line.discount)}});
  result.order.lines.push_back(std::move(line));
  settle_state(result.order);
  return result;
}

Result<Amendment> remove_order_line(const Order& order, int line_no) {
  O2C_RETURN_IF_ERROR(check_amendable(order));
  O2C_ASSIGN_OR_RETURN(std::size_t index, find_line(order, line_no));
  const OrderLine& before = order.lines[index];
  if (before.shipped.milli > 0)
    return refuse(AmendmentRefusal::kLineAlreadyShipped, ErrorKind::kFailedPrecondition,
                  line_label(before) + " has shipped " + format_quantity(before.shipped) +
                      "; cut its quantity to that instead",
                  "amendment.line_no");
  if (order.lines.size() == 1)
    return refuse(AmendmentRefusal::kLastLine, ErrorKind::kFailedPrecondition,
                  line_label(before) + " is the order's only line; cancel the order instead",
                  "amendment.line_no");
  Amendment result =
      amendment(order, "order.line_removed",
                line_label(before) + " removed (quantity " + format_quantity(before.quantity) + ")",
                {{"line", std::to_string(line_no)},
                 {"sku", before.sku},
                 {"quantity", format_quantity(before.quantity)}});
  OrderLine& line = result.order.lines[index];
  release_reserved(line, reserved_quantity(line), result.releases);
  result.order.lines.erase(result.order.lines.begin() + static_cast<std::ptrdiff_t>(index));
  settle_state(result.order);
  return result;
}

Result<Amendment> change_ship_to(const Order& order, const Address& ship_to) {
  O2C_RETURN_IF_ERROR(check_amendable(order));
  O2C_RETURN_IF_ERROR(check_ship_to(ship_to, "amendment.ship_to"));
  const Address& before = order.ship_to;
  if (ship_to.line == before.line && ship_to.city == before.city &&
      ship_to.postal_code == before.postal_code && ship_to.country == before.country)
    return refuse(AmendmentRefusal::kNoChange, ErrorKind::kInvalidArgument,
                  "order " + order.number + " already ships to " + format_address(ship_to),
                  "amendment.ship_to");
  Amendment result = amendment(
      order, "order.ship_to_changed",
      "ship-to " + format_address(before) + " -> " + format_address(ship_to),
      {{"ship_to_before", format_address(before)}, {"ship_to_after", format_address(ship_to)}});
  result.order.ship_to = ship_to;
  return result;
}

Result<Amendment> cancel_order(const Order& order, std::string_view reason) {
  O2C_RETURN_IF_ERROR(check_amendable(order));
  if (anything_shipped(order))
    return refuse(
        AmendmentRefusal::kOrderPartiallyShipped, ErrorKind::kFailedPrecondition,
        "part of order " + order.number + " has shipped; cancel the remaining quantities instead",
        "order");
  O2C_RETURN_IF_ERROR(check_reason(reason));
  Amendment result = amendment(order, "order.cancelled", "order cancelled: " + std::string(reason),
                               {{"reason", std::string(reason)}});
  for (OrderLine& line : result.order.lines)
    release_reserved(line, reserved_quantity(line), result.releases);
  result.order.state = OrderState::kCancelled;
  result.order.manual_hold.reset();
  result.order.cancellation_reason = std::string(reason);
  return result;
}

Result<Amendment> cancel_remaining(const Order& order, std::string_view reason) {
  O2C_RETURN_IF_ERROR(check_amendable(order));
  if (!anything_shipped(order)) return cancel_order(order, reason);
  O2C_RETURN_IF_ERROR(check_reason(reason));
  Amendment result = amendment(order, "order.remainder_cancelled", "", {});
  std::string cancelled;
  for (OrderLine& line : result.order.lines) {
    const Quantity open{line.quantity.milli - line.shipped.milli};
    if (open.milli == 0) continue;
    release_reserved(line, reserved_quantity(line), result.releases);
    cancelled += (cancelled.empty() ? "" : "; ") + line_label(line) + " " + format_quantity(open);
    line.quantity = line.shipped;
  }
  std::erase_if(result.order.lines, [](const OrderLine& line) { return line.quantity.milli == 0; });
  O2C_ASSERT(!result.order.lines.empty());
  result.description = "remaining quantities cancelled (" + cancelled + "): " + std::string(reason);
  result.details = {{"reason", std::string(reason)}, {"cancelled", cancelled}};
  // Something has shipped, so the order was being fulfilled (or held while it was).
  result.order.state = OrderState::kPartiallyShipped;
  result.order.manual_hold.reset();
  result.order.cancellation_reason = std::string(reason);
  update_fulfilment_state(result.order);
  return result;
}

Status place_manual_hold(Order& order, std::string_view reason, std::string_view actor) {
  O2C_RETURN_IF_ERROR(check_not_closed(order));
  if (order.state == OrderState::kOnManualHold)
    return refuse(AmendmentRefusal::kAlreadyOnManualHold, ErrorKind::kFailedPrecondition,
                  "order " + order.number + " is already on hold: " + order.manual_hold->reason,
                  "order");
  if (reason.empty())
    return refuse(AmendmentRefusal::kReasonRequired, ErrorKind::kInvalidArgument,
                  "a hold needs a reason", "reason");
  if (actor.empty())
    return refuse(AmendmentRefusal::kActorRequired, ErrorKind::kInvalidArgument,
                  "a hold needs the name of who placed it", "actor");
  O2C_ASSERT(!order.manual_hold.has_value());
  order.manual_hold = ManualHold{std::string(reason), std::string(actor), order.state};
  order.state = OrderState::kOnManualHold;
  return {};
}

Status release_manual_hold(Order& order, std::string_view actor) {
  if (order.state != OrderState::kOnManualHold)
    return refuse(AmendmentRefusal::kNotOnManualHold, ErrorKind::kFailedPrecondition,
                  "order " + order.number + " is " + std::string(wire_name(order.state)) +
                      ", not on manual hold",
                  "order");
  if (actor.empty())
    return refuse(AmendmentRefusal::kActorRequired, ErrorKind::kInvalidArgument,
                  "releasing a hold needs the name of who released it", "actor");
  O2C_ASSERT(order.manual_hold.has_value());
  O2C_ASSERT(order.manual_hold->resume_state != OrderState::kOnManualHold);
  order.state = order.manual_hold->resume_state;
  order.manual_hold.reset();
  settle_state(order);
  return {};
}

}  // namespace o2c
