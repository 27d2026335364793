// Use case: ship an order (all reserved stock, or chosen lines) and invoice the shipment.
#include "app/use_case.h"
#include "billing/billing.h"
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

EventPayload invoice_payload(const Invoice& invoice) {
  return {{"customer", invoice.customer_number},
          {"order", invoice.order_number},
          {"shipment", invoice.shipment_number},
          {"invoice_date", format_date(invoice.invoice_date)},
          {"due_date", format_date(invoice.due_date)},
          {"net", event_amount(invoice.net_total)},
          {"tax", event_amount(invoice.tax_total)},
          {"gross", event_amount(invoice.gross_total)}};
}

Result<ShipOutcome> ship_one(StoreWriter& writer, const Context& context,
                             const ShipRequest& request) {
  O2C_ASSIGN_OR_RETURN(Order order, require_order(writer, request.order_number));
  const Date today = context.clock.today();
  O2C_ASSIGN_OR_RETURN(Money uninvoiced_before, uninvoiced_gross(order));
  O2C_ASSIGN_OR_RETURN(Shipment shipment, ship_order(order, request.lines, today));
  O2C_ASSIGN_OR_RETURN(shipment.number, writer.next_document_number("SH", numbering_year(today)));
  O2C_ASSIGN_OR_RETURN(Money cost, consume_stock(writer, shipment));
  O2C_ASSIGN_OR_RETURN(shipment.id, writer.insert_shipment(shipment));

  O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer, writer.find_customer(order.customer));
  O2C_ASSERT(customer.has_value());
  O2C_ASSIGN_OR_RETURN(Invoice invoice, invoice_shipment(order, shipment, customer->terms, today));
  O2C_ASSIGN_OR_RETURN(invoice.number, writer.next_document_number("INV", numbering_year(today)));
  O2C_ASSIGN_OR_RETURN(invoice.id, writer.insert_invoice(invoice));
  update_fulfilment_state(order);
  O2C_RETURN_IF_ERROR(writer.update_order(order));

  // Exposure moves from open orders to open receivables.
  O2C_ASSIGN_OR_RETURN(Money uninvoiced_after, uninvoiced_gross(order));
  O2C_ASSIGN_OR_RETURN(CustomerBalance balance, writer.customer_balance(*customer));
  O2C_ASSIGN_OR_RETURN(Money invoiced_order_value, subtract(uninvoiced_before, uninvoiced_after));
  O2C_ASSIGN_OR_RETURN(balance.open_orders, subtract(balance.open_orders, invoiced_order_value));
  O2C_ASSIGN_OR_RETURN(balance.open_receivables,
                       add(balance.open_receivables, invoice.gross_total));
  O2C_RETURN_IF_ERROR(writer.save_customer_balance(customer->id, balance));

  O2C_RETURN_IF_ERROR(writer.post(post_cost_of_shipment(shipment.number, today, cost)));
  O2C_RETURN_IF_ERROR(writer.post(post_invoice(invoice.number, today, invoice.gross_total,
                                               invoice.net_total, invoice.tax_total)));
  std::vector<EventPayload> shipped;
  for (const ShipmentLine& line : shipment.lines) {
    shipped.push_back({{"line", line.order_line_no},
                       {"sku", line.sku},
                       {"quantity", format_quantity(line.quantity)}});
  }
  O2C_RETURN_IF_ERROR(append_event(writer, context, "order.shipped", order.number,
                                   {{"shipment", shipment.number},
                                    {"lines", shipped},
                                    {"state", wire_name(order.state)},
                                    {"cost", event_amount(cost)}}));
  O2C_RETURN_IF_ERROR(
      append_event(writer, context, "invoice.posted", invoice.number, invoice_payload(invoice)));
  return ShipOutcome{std::move(shipment), std::move(invoice), order.state};
}

}  // namespace

std::vector<Result<ShipOutcome>> ship_orders(Context& context,
                                             std::span<const ShipRequest> requests) {
  return run_batch<ShipRequest, ShipOutcome>(context.store, requests,
                                             [&](StoreWriter& writer, const ShipRequest& request) {
                                               return ship_one(writer, context, request);
                                             });
}

}  // namespace o2c::app
