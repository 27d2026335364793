// Use cases for changing an order before it has shipped: amendments, cancellation, and the
// manual holds a person puts on an order.
#include "app/use_case.h"
#include "credit/credit.h"
#include "pricing/pricing.h"

namespace o2c::app {
namespace {

// What the order adds to its customer's exposure (open orders, gross, not yet invoiced).
// Orders on credit hold, rejected or cancelled add nothing; a manual hold keeps what the
// order added before it.
Result<Money> exposure_of(const Order& order) {
  OrderState state = order.state;
  if (state == OrderState::kOnManualHold && order.manual_hold)
    state = order.manual_hold->resume_state;
  if (state == OrderState::kOnCreditHold || state == OrderState::kRejected ||
      state == OrderState::kCancelled)
    return zero(order.currency);
  return uninvoiced_gross(order);
}

Result<Amendment> apply_change(StoreWriter& writer, const Order& order, const OrderChange& change) {
  if (const auto* quantity = std::get_if<QuantityChange>(&change))
    return change_line_quantity(order, quantity->line_no, quantity->quantity);
  if (const auto* addition = std::get_if<LineAddition>(&change)) {
    O2C_ASSIGN_OR_RETURN(std::optional<Product> product, writer.find_product(addition->line.sku));
    return add_order_line(order, addition->line, product ? &*product : nullptr);
  }
  if (const auto* removal = std::get_if<LineRemoval>(&change))
    return remove_order_line(order, removal->line_no);
  if (const auto* ship_to = std::get_if<ShipToChange>(&change))
    return change_ship_to(order, ship_to->ship_to);
  const auto& cancellation = std::get<Cancellation>(change);
  return cancellation.remaining_only ? cancel_remaining(order, cancellation.reason)
                                     : cancel_order(order, cancellation.reason);
}

Status give_back_reservations(StoreWriter& writer, std::span<const ReservationRelease> releases) {
  for (const ReservationRelease& release : releases) {
    O2C_ASSIGN_OR_RETURN(std::vector<StockLevel> levels, writer.stock_levels(release.product));
    auto level = std::find_if(levels.begin(), levels.end(), [&](const StockLevel& l) {
      return l.warehouse == release.warehouse;
    });
    // A reservation was only ever taken from a stock row that covers it.
    O2C_ASSERT(level != levels.end() && level->reserved >= release.quantity);
    level->reserved.milli -= release.quantity.milli;
    O2C_RETURN_IF_ERROR(writer.save_stock_level(*level));
  }
  return {};
}

// Journals a change to an order: its own details, what was given back, the new totals.
Status journal_change(StoreWriter& writer, const Context& context, const Amendment& amendment) {
  EventPayload payload;
  for (const auto& [key, value] : amendment.details) payload.set(key, value);
  std::vector<EventPayload> released;
  for (const ReservationRelease& release : amendment.releases) {
    released.push_back({{"line", release.line_no},
                        {"warehouse", static_cast<std::int64_t>(release.warehouse.value)},
                        {"quantity", format_quantity(release.quantity)}});
  }
  const Order& order = amendment.order;
  payload.set("released", released)
      .set("state", wire_name(order.state))
      .set("net", event_amount(order.net_total))
      .set("tax", event_amount(order.tax_total))
      .set("gross", event_amount(order.gross_total));
  return append_event(writer, context, amendment.event, order.number, payload).has_value()
             ? Status{}
             : Status(internal_error("journal_failed", "could not journal " + amendment.event));
}

// An increase the credit check would hold is refused: the customer's own limit as
// amendment_over_credit_limit, the other hold rules as amendment_credit_hold.
Error amendment_refused(const CreditCheck& credit, const Customer& customer, Money increase) {
  O2C_ASSERT(credit.hold.has_value());
  const CreditHoldReason hold = *credit.hold;
  if (hold == CreditHoldReason::kCreditLimitExceeded || hold == CreditHoldReason::kCreditLimitZero)
    return failed_precondition("amendment_over_credit_limit",
                               "the change adds " + format_money(increase) +
                                   " and would take customer " + customer.number +
                                   "'s exposure to " + format_money(credit.exposure_after) +
                                   ", over the credit limit of " +
                                   format_money(customer.credit_limit) + "; raise the limit first",
                               "order");
  return failed_precondition("amendment_credit_hold",
                             "the change adds " + format_money(increase) +
                                 " and the credit check would hold it: " + credit.reason,
                             "order");
}

// Lifting a manual hold re-runs the credit check for an order that has shipped nothing: when
// a hold rule applies now, the order goes on credit hold instead (its reservations given back
// and its value taken off the exposure, as for any order on credit hold).
Result<bool> recheck_credit(StoreWriter& writer, const Context& context, Order& order) {
  if (order.state != OrderState::kOpen && order.state != OrderState::kAwaitingApproval)
    return false;
  for (const OrderLine& line : order.lines) {
    if (line.shipped.milli > 0) return false;  // the goods left: the rest is checked on amendment
  }
  O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer, writer.find_customer(order.customer));
  O2C_ASSERT(customer.has_value());
  O2C_ASSIGN_OR_RETURN(OrderPolicy policy, load_order_policy(writer));
  // The order counts in the exposure already: it adds nothing more.
  O2C_ASSIGN_OR_RETURN(CreditCheck credit,
                       run_credit_check(writer, *customer, zero(order.currency),
                                        context.clock.today(), policy.credit_holds));
  if (credit.decision != CreditDecision::kHold) return false;
  std::vector<ReservationRelease> releases;
  for (OrderLine& line : order.lines) {
    for (const Reservation& reservation : line.reservations)
      releases.push_back({line.line_no, line.product, reservation.warehouse, reservation.quantity});
    line.reservations.clear();
  }
  O2C_RETURN_IF_ERROR(give_back_reservations(writer, releases));
  O2C_ASSIGN_OR_RETURN(Money uninvoiced, uninvoiced_gross(order));
  O2C_RETURN_IF_ERROR(adjust_open_orders(writer, *customer, negate(uninvoiced)));
  order.state = OrderState::kOnCreditHold;
  order.hold_reason = credit.reason;
  O2C_RETURN_IF_ERROR(writer.save_credit_hold(order.id, context.clock.today(), credit.reason));
  return true;
}

}  // namespace

Result<AmendedOrder> amend_order(Context& context, std::string_view order_number,
                                 const OrderChange& change) {
  return context.store.write<AmendedOrder>([&](StoreWriter& writer) -> Result<AmendedOrder> {
    O2C_ASSIGN_OR_RETURN(Order before, require_order(writer, order_number));
    O2C_ASSIGN_OR_RETURN(Amendment amendment, apply_change(writer, before, change));
    Order& order = amendment.order;
    O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer, writer.find_customer(order.customer));
    O2C_ASSERT(customer.has_value());
    O2C_ASSIGN_OR_RETURN(OrderPolicy policy, load_order_policy(writer));
    if (order.state == OrderState::kCancelled) {
      // Nothing of it will be invoiced: its amounts stay as they were (the rules may have
      // changed since), and its single-use coupons may be used again.
      release_coupons(order);
      if (!policy.prices) {
        O2C_ASSIGN_OR_RETURN(std::vector<TaxRate> rates, writer.tax_rates());
        O2C_RETURN_IF_ERROR(price_order(order, rates));
      }
    } else {
      O2C_RETURN_IF_ERROR(price_checked_order(writer, policy, *customer, order));
      const std::vector<OrderRuleViolation> violations =
          check_order_rules(policy.rules, order, OrderRuleContext{customer->segment});
      if (!violations.empty()) return order_rules_error(violations);
    }
    // Exposure moves by the change; an increase is credit-checked like a new order.
    O2C_ASSIGN_OR_RETURN(Money exposure_before, exposure_of(before));
    O2C_ASSIGN_OR_RETURN(Money exposure_after, exposure_of(order));
    O2C_ASSIGN_OR_RETURN(Money increase, subtract(exposure_after, exposure_before));
    if (increase.minor > 0) {
      // Every hold rule applies to the increase, as to a new order.
      O2C_ASSIGN_OR_RETURN(CreditCheck credit,
                           run_credit_check(writer, *customer, increase, context.clock.today(),
                                            policy.credit_holds));
      if (credit.decision == CreditDecision::kHold)
        return amendment_refused(credit, *customer, increase);
    }
    if (increase.minor != 0) O2C_RETURN_IF_ERROR(adjust_open_orders(writer, *customer, increase));
    O2C_RETURN_IF_ERROR(give_back_reservations(writer, amendment.releases));
    // More quantity on an open order is reserved now, as for a new order.
    if (order.state == OrderState::kOpen) O2C_RETURN_IF_ERROR(reserve_order_lines(writer, order));
    O2C_RETURN_IF_ERROR(writer.replace_order(order));
    O2C_RETURN_IF_ERROR(journal_change(writer, context, amendment));
    return AmendedOrder{std::move(order), std::move(amendment.description)};
  });
}

Result<Order> hold_order(Context& context, std::string_view order_number, std::string_view reason) {
  return context.store.write<Order>([&](StoreWriter& writer) -> Result<Order> {
    O2C_ASSIGN_OR_RETURN(Order order, require_order(writer, order_number));
    O2C_RETURN_IF_ERROR(place_manual_hold(order, reason, context.actor));
    O2C_RETURN_IF_ERROR(writer.update_order(order));
    O2C_RETURN_IF_ERROR(append_event(writer, context, "order.manual_hold", order.number,
                                     {{"reason", std::string(reason)}}));
    return order;
  });
}

Result<Order> unhold_order(Context& context, std::string_view order_number) {
  return context.store.write<Order>([&](StoreWriter& writer) -> Result<Order> {
    O2C_ASSIGN_OR_RETURN(Order order, require_order(writer, order_number));
    O2C_RETURN_IF_ERROR(release_manual_hold(order, context.actor));
    const std::string resumed(wire_name(order.state));
    O2C_ASSIGN_OR_RETURN(bool held, recheck_credit(writer, context, order));
    O2C_RETURN_IF_ERROR(writer.update_order(order));
    O2C_RETURN_IF_ERROR(append_event(writer, context, "order.manual_hold_released", order.number,
                                     {{"state", resumed}}));
    if (held) {
      O2C_RETURN_IF_ERROR(append_event(writer, context, "order.credit_hold", order.number,
                                       {{"reason", order.hold_reason}}));
    }
    return order;
  });
}

}  // namespace o2c::app
