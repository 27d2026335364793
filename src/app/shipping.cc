// Use cases of shipping: ship an order in one step (all reserved stock, or chosen lines) and
// invoice the shipment; or in steps: pick, pack, dispatch (goods issue and invoice), deliver,
// and cancel a shipment not yet dispatched.
#include "app/use_case.h"
#include "billing/billing.h"
#include "core/limits.h"
#include "inventory/inventory.h"

namespace o2c::app {
namespace {

// Takes shipped goods off hand and out of reservation; returns their standard cost.
Result<Money> consume_stock(StoreWriter& writer, const Shipment& shipment) {
  O2C_ASSIGN_OR_RETURN(std::string company, writer.company_currency());
  O2C_ASSIGN_OR_RETURN(Currency company_currency, currency_from_code(company));
  Money cost = zero(company_currency);
  for (const ShipmentLine& line : shipment.lines) {
    O2C_ASSIGN_OR_RETURN(std::vector<StockLevel> levels, writer.stock_levels(line.product));
    auto level = std::find_if(levels.begin(), levels.end(),
                              [&](const StockLevel& l) { return l.warehouse == line.warehouse; });
    // Reservations are only ever made from stock on hand, so the row must cover them.
    O2C_ASSERT(level != levels.end());
    O2C_ASSERT(level->reserved >= line.quantity && level->on_hand >= line.quantity);
    level->on_hand.milli -= line.quantity.milli;
    level->reserved.milli -= line.quantity.milli;
    O2C_RETURN_IF_ERROR(writer.save_stock_level(*level));
    O2C_ASSIGN_OR_RETURN(std::optional<Product> product, writer.find_product(line.sku));
    O2C_ASSERT(product.has_value());
    O2C_ASSIGN_OR_RETURN(Money line_cost,
                         extend(product->standard_cost, line.quantity, Rounding::kHalfEven));
    O2C_ASSIGN_OR_RETURN(cost, add(cost, line_cost));
  }
  return cost;
}

std::vector<EventPayload> shipped_lines(const Shipment& shipment) {
  std::vector<EventPayload> lines;
  for (const ShipmentLine& line : shipment.lines) {
    lines.push_back({{"line", line.order_line_no},
                     {"sku", line.sku},
                     {"quantity", format_quantity(line.quantity)}});
  }
  return lines;
}

// The goods issue of `shipment` (stock already consumed, its cost `cost`): the invoice when
// the customer's billing policy asks for one now, the order's state, the ledger and the
// journal.
Result<ShipOutcome> bill_shipment(StoreWriter& writer, const Context& context, Order& order,
                                  Shipment shipment, Money cost) {
  const Date today = context.clock.today();
  O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer, writer.find_customer(order.customer));
  O2C_ASSERT(customer.has_value());
  O2C_RETURN_IF_ERROR(post_entry(writer, post_cost_of_shipment(shipment.number, today, cost)));
  O2C_ASSIGN_OR_RETURN(std::optional<Invoice> invoice,
                       bill_at_goods_issue(writer, context, *customer, order, shipment));
  EventPayload payload{{"shipment", shipment.number},
                       {"lines", shipped_lines(shipment)},
                       {"state", wire_name(order.state)},
                       {"cost", event_amount(cost)}};
  // Only when known, so that a one-step shipment without them is journaled as before.
  if (!shipment.tracking.carrier.empty()) {
    payload.set("carrier", shipment.tracking.carrier);
    payload.set("tracking", shipment.tracking.tracking_number);
  }
  O2C_RETURN_IF_ERROR(append_event(writer, context, "order.shipped", order.number, payload));
  if (invoice) O2C_RETURN_IF_ERROR(journal_invoice(writer, context, *invoice));
  return ShipOutcome{std::move(shipment), std::move(invoice), order.state};
}

Status check_text(std::string_view text, std::size_t bytes_max, std::string_view what,
                  std::string_view where) {
  if (text.size() > bytes_max)
    return invalid_argument(
        "text_too_long",
        std::string(what) + " is longer than " + std::to_string(bytes_max) + " bytes",
        std::string(where));
  return {};
}

// The delivery date promised: the request's, or the date the customer asked for.
std::optional<Date> promised_date(const ShipRequest& request, const Order& order) {
  return request.promised_on ? request.promised_on : order.requested_delivery_date;
}

Result<ShipOutcome> ship_one(StoreWriter& writer, const Context& context,
                             const ShipRequest& request) {
  O2C_RETURN_IF_ERROR(check_text(request.carrier, kReferenceBytesMax, "the carrier", "carrier"));
  O2C_RETURN_IF_ERROR(check_text(request.tracking_number, kReferenceBytesMax, "the tracking number",
                                 "tracking_number"));
  O2C_ASSIGN_OR_RETURN(Order order, require_order(writer, request.order_number));
  const Date today = context.clock.today();
  O2C_ASSIGN_OR_RETURN(Shipment shipment, ship_order(order, request.lines, today));
  O2C_RETURN_IF_ERROR(
      ship_directly(shipment.tracking, request.carrier, request.tracking_number, today));
  shipment.promised_on = promised_date(request, order);
  O2C_ASSIGN_OR_RETURN(shipment.number, writer.next_document_number("SH", numbering_year(today)));
  O2C_ASSIGN_OR_RETURN(Money cost, consume_stock(writer, shipment));
  O2C_ASSIGN_OR_RETURN(shipment.id, writer.insert_shipment(shipment));
  return bill_shipment(writer, context, order, std::move(shipment), cost);
}

// The status machine's errors say "shipment is packed; …": name the shipment.
Status about(const Shipment& shipment, Status status) {
  if (status) return status;
  Error error = std::move(status).error();
  if (error.message.starts_with("shipment ")) error.message.insert(9, shipment.number + " ");
  return error;
}

// Appends a shipment step to the journal under the shipment's number.
Status journal_step(StoreWriter& writer, const Context& context, std::string_view kind,
                    const Shipment& shipment, EventPayload payload) {
  payload.set("order", shipment.order_number);
  O2C_ASSIGN_OR_RETURN(std::int64_t sequence,
                       append_event(writer, context, kind, shipment.number, payload));
  (void)sequence;
  return {};
}

}  // namespace

std::vector<Result<ShipOutcome>> ship_orders(Context& context,
                                             std::span<const ShipRequest> requests) {
  return run_batch<ShipRequest, ShipOutcome>(context.store, requests,
                                             [&](StoreWriter& writer, const ShipRequest& request) {
                                               return ship_one(writer, context, request);
                                             });
}

namespace {

Result<PickOutcome> pick_one(StoreWriter& writer, const Context& context,
                             const ShipRequest& request) {
  if (!request.carrier.empty() || !request.tracking_number.empty())
    return invalid_argument("carrier_at_dispatch",
                            "carrier and tracking number are given when the shipment is "
                            "dispatched, not when it is picked",
                            "carrier");
  O2C_ASSIGN_OR_RETURN(Order order, require_order(writer, request.order_number));
  const Date today = context.clock.today();
  O2C_ASSIGN_OR_RETURN(Shipment shipment, ship_order(order, request.lines, today));
  shipment.promised_on = promised_date(request, order);
  O2C_ASSIGN_OR_RETURN(shipment.number, writer.next_document_number("SH", numbering_year(today)));
  O2C_ASSIGN_OR_RETURN(shipment.id, writer.insert_shipment(shipment));
  O2C_RETURN_IF_ERROR(writer.update_order(order));
  EventPayload payload{{"shipment", shipment.number},
                       {"lines", shipped_lines(shipment)},
                       {"state", wire_name(order.state)}};
  if (shipment.promised_on) payload.set("promised", format_date(*shipment.promised_on));
  O2C_RETURN_IF_ERROR(append_event(writer, context, "order.picked", order.number, payload));
  return PickOutcome{std::move(shipment), order.state};
}

Result<ShipOutcome> dispatch_one(StoreWriter& writer, const Context& context,
                                 const DispatchRequest& request) {
  O2C_RETURN_IF_ERROR(check_text(request.carrier, kReferenceBytesMax, "the carrier", "carrier"));
  O2C_RETURN_IF_ERROR(check_text(request.tracking_number, kReferenceBytesMax, "the tracking number",
                                 "tracking_number"));
  O2C_ASSIGN_OR_RETURN(Shipment shipment, require_shipment(writer, request.shipment_number));
  O2C_RETURN_IF_ERROR(
      about(shipment, mark_shipped(shipment.tracking, request.carrier, request.tracking_number,
                                   context.clock.today())));
  O2C_ASSIGN_OR_RETURN(Order order, require_order(writer, shipment.order_number));
  if (order.state != OrderState::kOpen && order.state != OrderState::kPartiallyShipped)
    return failed_precondition(
        "order_not_shippable",
        "order " + order.number + " is " + std::string(wire_name(order.state)) + " and cannot ship",
        "order");
  O2C_ASSIGN_OR_RETURN(Money cost, consume_stock(writer, shipment));
  O2C_RETURN_IF_ERROR(writer.update_shipment_tracking(shipment));
  return bill_shipment(writer, context, order, std::move(shipment), cost);
}

}  // namespace

Result<PickOutcome> pick_order(Context& context, const ShipRequest& request) {
  return context.store.write<PickOutcome>(
      [&](StoreWriter& writer) { return pick_one(writer, context, request); });
}

Result<Shipment> pack_shipment(Context& context, std::string_view shipment_number) {
  return context.store.write<Shipment>([&](StoreWriter& writer) -> Result<Shipment> {
    O2C_ASSIGN_OR_RETURN(Shipment shipment, require_shipment(writer, shipment_number));
    O2C_RETURN_IF_ERROR(about(shipment, mark_packed(shipment.tracking, context.clock.today())));
    O2C_RETURN_IF_ERROR(writer.update_shipment_tracking(shipment));
    O2C_RETURN_IF_ERROR(journal_step(writer, context, "shipment.packed", shipment, {}));
    return shipment;
  });
}

Result<ShipOutcome> dispatch_shipment(Context& context, const DispatchRequest& request) {
  return context.store.write<ShipOutcome>(
      [&](StoreWriter& writer) { return dispatch_one(writer, context, request); });
}

Result<Shipment> deliver_shipment(Context& context, std::string_view shipment_number) {
  return context.store.write<Shipment>([&](StoreWriter& writer) -> Result<Shipment> {
    O2C_ASSIGN_OR_RETURN(Shipment shipment, require_shipment(writer, shipment_number));
    const Date today = context.clock.today();
    O2C_RETURN_IF_ERROR(about(shipment, confirm_delivery(shipment.tracking, today)));
    O2C_RETURN_IF_ERROR(writer.update_shipment_tracking(shipment));
    O2C_RETURN_IF_ERROR(journal_step(writer, context, "shipment.delivered", shipment,
                                     {{"delivered_on", format_date(today)}}));
    return shipment;
  });
}

Result<Shipment> cancel_picking(Context& context, std::string_view shipment_number,
                                std::string_view reason) {
  O2C_RETURN_IF_ERROR(check_text(reason, kNameBytesMax, "the reason", "reason"));
  return context.store.write<Shipment>([&](StoreWriter& writer) -> Result<Shipment> {
    O2C_ASSIGN_OR_RETURN(Shipment shipment, require_shipment(writer, shipment_number));
    O2C_RETURN_IF_ERROR(about(shipment, cancel_shipment(shipment.tracking, reason)));
    O2C_ASSIGN_OR_RETURN(Order order, require_order(writer, shipment.order_number));
    O2C_RETURN_IF_ERROR(return_picked_goods(order, shipment));
    O2C_RETURN_IF_ERROR(writer.update_order(order));
    O2C_RETURN_IF_ERROR(writer.update_shipment_tracking(shipment));
    O2C_RETURN_IF_ERROR(append_event(writer, context, "order.picking_cancelled", order.number,
                                     {{"shipment", shipment.number},
                                      {"reason", std::string(reason)},
                                      {"state", wire_name(order.state)}}));
    return shipment;
  });
}

}  // namespace o2c::app
