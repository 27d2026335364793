// Use cases for orders: place (validate → price → credit check → reserve), and the credit
// manager's release or rejection of an order on credit hold.
#include "app/use_case.h"
#include "credit/credit.h"
#include "pricing/pricing.h"

namespace o2c::app {
namespace {

EventPayload order_payload(const Order& order) {
  std::vector<EventPayload> lines;
  for (const OrderLine& line : order.lines) {
    lines.push_back({{"sku", line.sku},
                     {"quantity", format_quantity(line.quantity)},
                     {"reserved", format_quantity(reserved_quantity(line))},
                     {"net", event_amount(line.net)},
                     {"tax", event_amount(line.tax)}});
  }
  EventPayload payload{{"customer", order.customer_number},
                       {"state", wire_name(order.state)},
                       {"channel", wire_name(order.channel)},
                       {"net", event_amount(order.net_total)},
                       {"tax", event_amount(order.tax_total)},
                       {"gross", event_amount(order.gross_total)},
                       {"lines", lines}};
  // What the customer asked for is part of the record, when given.
  if (!order.customer_reference.empty()) payload.set("po_number", order.customer_reference);
  if (order.requested_delivery_date)
    payload.set("requested_delivery", format_date(*order.requested_delivery_date));
  const Address& ship_to = order.ship_to;
  if (!ship_to.line.empty() || !ship_to.city.empty()) {
    payload.set("ship_to", ship_to.line + ", " + ship_to.postal_code + " " + ship_to.city + ", " +
                               ship_to.country);
  }
  if (!order.notes.empty()) payload.set("notes", order.notes);
  if (order.shipping) {
    payload.set("shipping", event_amount(order.shipping->net))
        .set("shipping_tax", event_amount(order.shipping->tax))
        .set("shipping_tax_category", order.shipping->tax_category);
  }
  if (!order.coupons.empty()) {
    std::vector<std::string> presented, redeemed;
    for (const OrderCoupon& coupon : order.coupons) {
      presented.push_back(coupon.code);
      if (coupon.redeemed) redeemed.push_back(coupon.code);
    }
    payload.set("coupons", presented).set("coupons_redeemed", redeemed);
  }
  return payload;
}

Result<PlacedOrder> place_one(StoreWriter& writer, const Context& context,
                              const OrderPolicy& policy, const OrderRequest& request) {
  const Date today = context.clock.today();
  O2C_ASSIGN_OR_RETURN(Order order, checked_order(writer, policy, request, today));
  O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer, writer.find_customer(order.customer));
  O2C_ASSERT(customer.has_value());

  O2C_ASSIGN_OR_RETURN(CustomerBalance balance, writer.customer_balance(*customer));
  // Every hold rule: the customer's and its group's limits, overdue items, risk class E.
  O2C_ASSIGN_OR_RETURN(CreditCheck credit, run_credit_check(writer, *customer, order.gross_total,
                                                            today, policy.credit_holds));
  O2C_ASSIGN_OR_RETURN(order.number, writer.next_document_number("SO", numbering_year(today)));
  order.state = OrderState::kOpen;
  if (credit.decision == CreditDecision::kHold) {
    order.state = OrderState::kOnCreditHold;
    order.hold_reason = credit.reason;
  }
  // A held order keeps its approval steps until it is released (release_hold).
  std::vector<ApprovalStep> steps = required_approvals(policy.approvals, order);
  if (!steps.empty()) request_approvals(order, std::move(steps));
  if (order.state != OrderState::kOnCreditHold) {
    // Awaiting approval counts towards exposure like an open order; stock waits for approval.
    if (order.state == OrderState::kOpen) O2C_RETURN_IF_ERROR(reserve_order_lines(writer, order));
    O2C_ASSIGN_OR_RETURN(balance.open_orders, add(balance.open_orders, order.gross_total));
    O2C_RETURN_IF_ERROR(writer.save_customer_balance(customer->id, balance));
  }
  O2C_ASSIGN_OR_RETURN(order.id, writer.insert_order(order));
  if (order.state == OrderState::kOnCreditHold)
    O2C_RETURN_IF_ERROR(writer.save_credit_hold(order.id, today, order.hold_reason));
  EventPayload payload = order_payload(order);
  payload.set("exposure_after", event_amount(credit.exposure_after))
      .set("credit_limit", event_amount(customer->credit_limit));
  O2C_RETURN_IF_ERROR(append_event(writer, context, "order.placed", order.number, payload));
  if (order.state == OrderState::kOnCreditHold) {
    O2C_RETURN_IF_ERROR(append_event(writer, context, "order.credit_hold", order.number,
                                     {{"reason", order.hold_reason}}));
  }
  if (!order.approvals.empty()) {
    std::vector<EventPayload> levels;
    for (const ApprovalStep& step : order.approvals)
      levels.push_back({{"level", step.level}, {"role", step.role}, {"why", step.why}});
    O2C_RETURN_IF_ERROR(append_event(writer, context, "order.approval_requested", order.number,
                                     {{"levels", levels}}));
  }
  return PlacedOrder{std::move(order), std::move(credit)};
}

}  // namespace

Result<Order> checked_order(StoreReader& reader, const OrderPolicy& policy,
                            const OrderRequest& request, Date order_date,
                            std::span<const std::string> also_redeemed) {
  O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer,
                       reader.find_customer(request.customer_number));
  std::vector<std::optional<Product>> found(request.lines.size());
  std::vector<const Product*> products(request.lines.size(), nullptr);
  // Unknown customers are reported before products (OrderRejection order), so look
  // products up only when the customer is known.
  for (std::size_t i = 0; customer && i < request.lines.size(); ++i) {
    O2C_ASSIGN_OR_RETURN(found[i], reader.find_product(request.lines[i].sku));
    if (found[i]) products[i] = &*found[i];
  }
  const OrderContext context{customer ? &*customer : nullptr, products, order_date,
                             /*catalog_price_required=*/!policy.prices.has_value()};
  O2C_ASSIGN_OR_RETURN(Order order, validate_order(request, context));
  O2C_RETURN_IF_ERROR(price_checked_order(reader, policy, *customer, order, also_redeemed));
  const std::vector<OrderRuleViolation> violations =
      check_order_rules(policy.rules, order, OrderRuleContext{customer->segment});
  if (!violations.empty()) return order_rules_error(violations);
  return order;
}

std::vector<Result<PlacedOrder>> place_orders(Context& context,
                                              std::span<const OrderRequest> requests) {
  // Read once per batch: the rules in force when the batch was submitted apply to all of it.
  Result<OrderPolicy> policy = context.store.write<OrderPolicy>(
      [](StoreWriter& writer) { return load_order_policy(writer); });
  if (!policy) return std::vector<Result<PlacedOrder>>(requests.size(), policy.error());
  return run_batch<OrderRequest, PlacedOrder>(
      context.store, requests, [&](StoreWriter& writer, const OrderRequest& request) {
        return place_one(writer, context, *policy, request);
      });
}

Result<std::vector<PlacedOrder>> place_orders_all_or_nothing(Context& context,
                                                             std::span<const OrderRequest> requests,
                                                             std::size_t& refused_index) {
  return context.store.write<std::vector<PlacedOrder>>(
      [&](StoreWriter& writer) -> Result<std::vector<PlacedOrder>> {
        O2C_ASSIGN_OR_RETURN(OrderPolicy policy, load_order_policy(writer));
        std::vector<PlacedOrder> placed;
        placed.reserve(requests.size());
        for (std::size_t i = 0; i < requests.size(); ++i) {
          Result<PlacedOrder> one = place_one(writer, context, policy, requests[i]);
          if (!one) {
            refused_index = i;
            return std::move(one).error();  // the job fails: its transaction is rolled back
          }
          placed.push_back(std::move(*one));
        }
        return placed;
      });
}

namespace {

Result<Order> release_with_reason(Context& context, std::string_view order_number,
                                  std::string_view reason) {
  return context.store.write<Order>([&](StoreWriter& writer) -> Result<Order> {
    O2C_ASSIGN_OR_RETURN(Order order, require_order(writer, order_number));
    O2C_RETURN_IF_ERROR(release_hold(order));
    O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer, writer.find_customer(order.customer));
    O2C_ASSERT(customer.has_value());
    if (order.state == OrderState::kOpen) O2C_RETURN_IF_ERROR(reserve_order_lines(writer, order));
    O2C_ASSIGN_OR_RETURN(Money uninvoiced, uninvoiced_gross(order));
    O2C_RETURN_IF_ERROR(adjust_open_orders(writer, *customer, uninvoiced));
    O2C_RETURN_IF_ERROR(writer.update_order(order));
    EventPayload payload{{"gross", event_amount(order.gross_total)},
                         {"state", wire_name(order.state)}};
    if (!reason.empty()) payload.set("reason", std::string(reason));
    O2C_RETURN_IF_ERROR(append_event(writer, context, "order.released", order.number, payload));
    return order;
  });
}

}  // namespace

Result<Order> release_order(Context& context, std::string_view order_number) {
  return release_with_reason(context, order_number, "");
}

Result<Order> release_credit_hold(Context& context, std::string_view order_number,
                                  std::string_view reason) {
  if (reason.empty())
    return invalid_argument("reason_required", "releasing an order from credit hold needs a reason",
                            "reason");
  return release_with_reason(context, order_number, reason);
}

Result<Order> reject_order(Context& context, std::string_view order_number,
                           std::string_view reason) {
  return context.store.write<Order>([&](StoreWriter& writer) -> Result<Order> {
    O2C_ASSIGN_OR_RETURN(Order order, require_order(writer, order_number));
    O2C_RETURN_IF_ERROR(reject_hold(order, reason));
    release_coupons(order);
    O2C_RETURN_IF_ERROR(writer.update_order(order));
    O2C_RETURN_IF_ERROR(append_event(writer, context, "order.rejected", order.number,
                                     {{"reason", std::string(reason)}}));
    return order;
  });
}

}  // namespace o2c::app
