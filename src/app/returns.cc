// Use cases of returns (RMA): authorise a return against a shipment, receive the goods (back
// into stock when resellable) and ask billing for the credit note; and reorder points.
#include <algorithm>

#include "app/use_case.h"
#include "core/limits.h"

namespace o2c::app {
namespace {

Result<ReturnAuthorisation> require_return(StoreReader& reader, std::string_view number) {
  O2C_ASSIGN_OR_RETURN(std::optional<ReturnAuthorisation> rma, reader.find_return(number));
  if (!rma)
    return not_found("return_not_found", "no return with number '" + std::string(number) + "'",
                     "return");
  return std::move(*rma);
}

// What earlier RMAs of the shipment took back, per order line.
Result<std::vector<PriorReturn>> prior_returns(StoreReader& reader, ShipmentId shipment) {
  O2C_ASSIGN_OR_RETURN(std::vector<ReturnAuthorisation> earlier,
                       reader.list_returns(shipment, SIZE_MAX));
  std::vector<PriorReturn> prior;
  for (const ReturnAuthorisation& rma : earlier) {
    for (const ReturnLine& line : rma.lines)
      prior.push_back(PriorReturn{line.order_line_no, line.quantity});
  }
  return prior;
}

// The lines of the shipment's invoice that bill `order` (an invoice per period bills several).
std::vector<InvoicedLine> invoiced_lines(const std::optional<Invoice>& invoice, OrderId order) {
  std::vector<InvoicedLine> lines;
  if (!invoice) return lines;
  for (const InvoiceLine& line : invoice->lines)
    if (line.order == order || line.order.value == 0)
      lines.push_back(
          InvoicedLine{line.order_line_no, line.line_no, line.quantity, line.net, line.tax});
  return lines;
}

std::vector<EventPayload> return_lines_payload(const ReturnAuthorisation& rma) {
  std::vector<EventPayload> lines;
  for (const ReturnLine& line : rma.lines) {
    lines.push_back({{"line", line.order_line_no},
                     {"sku", line.sku},
                     {"quantity", format_quantity(line.quantity)},
                     {"credit_net", event_amount(line.credit_net)},
                     {"credit_tax", event_amount(line.credit_tax)}});
  }
  return lines;
}

Result<ReturnAuthorisation> authorise(StoreWriter& writer, const Context& context,
                                      const ReturnInput& input) {
  O2C_ASSIGN_OR_RETURN(Shipment shipment, require_shipment(writer, input.shipment_number));
  O2C_ASSIGN_OR_RETURN(Order order, require_order(writer, shipment.order_number));
  O2C_ASSIGN_OR_RETURN(std::vector<PriorReturn> prior, prior_returns(writer, shipment.id));
  O2C_ASSIGN_OR_RETURN(std::optional<Invoice> invoice, writer.invoice_of_shipment(shipment.id));
  const std::vector<InvoicedLine> invoiced = invoiced_lines(invoice, order.id);
  O2C_ASSIGN_OR_RETURN(ReturnPlan plan,
                       plan_return(order, shipment, prior, invoiced, input.request));
  const Date today = context.clock.today();
  ReturnAuthorisation rma;
  O2C_ASSIGN_OR_RETURN(rma.number, writer.next_document_number("RMA", numbering_year(today)));
  rma.shipment = shipment.id;
  rma.shipment_number = shipment.number;
  rma.order = order.id;
  rma.order_number = order.number;
  rma.invoice_number = invoice ? invoice->number : "";
  rma.condition = plan.condition;
  rma.reason = plan.reason;
  rma.authorised_on = today;
  rma.lines = std::move(plan.lines);
  rma.restock = std::move(plan.restock);
  rma.credit_net = plan.credit_net;
  rma.credit_tax = plan.credit_tax;
  rma.credit_gross = plan.credit_gross;
  O2C_ASSIGN_OR_RETURN(rma.id, writer.insert_return(rma));
  O2C_RETURN_IF_ERROR(append_event(writer, context, "return.authorised", rma.number,
                                   {{"order", rma.order_number},
                                    {"shipment", rma.shipment_number},
                                    {"condition", wire_name(rma.condition)},
                                    {"reason", rma.reason},
                                    {"lines", return_lines_payload(rma)},
                                    {"credit", event_amount(rma.credit_gross)}}));
  return rma;
}

// Puts resellable goods back on hand where they shipped from; returns their standard cost.
Result<Money> restock(StoreWriter& writer, const ReturnAuthorisation& rma,
                      const Shipment& shipment) {
  O2C_ASSIGN_OR_RETURN(std::string company, writer.company_currency());
  O2C_ASSIGN_OR_RETURN(Currency company_currency, currency_from_code(company));
  Money cost = zero(company_currency);
  for (const StockReturn& part : rma.restock) {
    O2C_ASSIGN_OR_RETURN(std::vector<StockLevel> levels, writer.stock_levels(part.product));
    auto level = std::find_if(levels.begin(), levels.end(),
                              [&](const StockLevel& l) { return l.warehouse == part.warehouse; });
    StockLevel back{part.warehouse, part.product, Quantity{0}, Quantity{0}};
    if (level != levels.end()) back = *level;
    if (__builtin_add_overflow(back.on_hand.milli, part.quantity.milli, &back.on_hand.milli) ||
        back.on_hand.milli > kQuantityMilliMax)
      return invalid_argument("quantity_too_large", "stock on hand would exceed one billion units",
                              "return");
    O2C_RETURN_IF_ERROR(writer.save_stock_level(back));
    auto shipped = std::find_if(shipment.lines.begin(), shipment.lines.end(),
                                [&](const ShipmentLine& l) { return l.product == part.product; });
    O2C_ASSERT(shipped != shipment.lines.end());
    O2C_ASSIGN_OR_RETURN(std::optional<Product> product, writer.find_product(shipped->sku));
    O2C_ASSERT(product.has_value());
    O2C_ASSIGN_OR_RETURN(Money part_cost,
                         extend(product->standard_cost, part.quantity, Rounding::kHalfEven));
    O2C_ASSIGN_OR_RETURN(cost, add(cost, part_cost));
  }
  return cost;
}

// Records the credit note billing is asked for, when there is something to credit.
Result<std::optional<CreditNoteRequest>> request_credit(StoreWriter& writer, const Context& context,
                                                        const ReturnAuthorisation& rma) {
  if (rma.credit_gross.minor <= 0) return std::optional<CreditNoteRequest>();
  O2C_ASSIGN_OR_RETURN(std::optional<Invoice> invoice, writer.invoice_of_shipment(rma.shipment));
  O2C_ASSERT(invoice.has_value());  // a credit was planned from its lines
  CreditNoteRequest request;
  request.return_number = rma.number;
  request.order_number = rma.order_number;
  request.customer_number = invoice->customer_number;
  request.invoice = invoice->id;
  request.invoice_number = invoice->number;
  request.requested_on = *rma.received_on;
  request.net = rma.credit_net;
  request.tax = rma.credit_tax;
  request.gross = rma.credit_gross;
  O2C_ASSIGN_OR_RETURN(request.id, writer.insert_credit_note_request(rma.id, request));
  O2C_RETURN_IF_ERROR(append_event(writer, context, "credit_note.requested", invoice->number,
                                   {{"order", rma.order_number},
                                    {"return", rma.number},
                                    {"customer", request.customer_number},
                                    {"net", event_amount(request.net)},
                                    {"tax", event_amount(request.tax)},
                                    {"gross", event_amount(request.gross)}}));
  return std::optional<CreditNoteRequest>(std::move(request));
}

Result<ReceivedReturn> receive(StoreWriter& writer, const Context& context,
                               std::string_view rma_number) {
  O2C_ASSIGN_OR_RETURN(ReturnAuthorisation rma, require_return(writer, rma_number));
  const Date today = context.clock.today();
  O2C_RETURN_IF_ERROR(mark_return_received(rma, today));
  O2C_ASSIGN_OR_RETURN(Shipment shipment, require_shipment(writer, rma.shipment_number));
  O2C_ASSIGN_OR_RETURN(Money cost, restock(writer, rma, shipment));
  O2C_RETURN_IF_ERROR(post_entry(writer, post_stock_return(rma.number, today, cost)));
  O2C_RETURN_IF_ERROR(writer.update_return_status(rma));
  std::vector<EventPayload> restocked;
  for (const StockReturn& part : rma.restock) {
    restocked.push_back({{"warehouse", part.warehouse.value},
                         {"product", part.product.value},
                         {"quantity", format_quantity(part.quantity)}});
  }
  O2C_RETURN_IF_ERROR(append_event(writer, context, "return.received", rma.number,
                                   {{"order", rma.order_number},
                                    {"shipment", rma.shipment_number},
                                    {"condition", wire_name(rma.condition)},
                                    {"restocked", restocked},
                                    {"cost", event_amount(cost)},
                                    {"credit", event_amount(rma.credit_gross)}}));
  O2C_ASSIGN_OR_RETURN(std::optional<CreditNoteRequest> credit,
                       request_credit(writer, context, rma));
  return ReceivedReturn{std::move(rma), std::move(credit)};
}

}  // namespace

Result<ReturnAuthorisation> authorise_return(Context& context, const ReturnInput& input) {
  if (input.request.reason.size() > kNameBytesMax)
    return invalid_argument("text_too_long",
                            "the reason is longer than " + std::to_string(kNameBytesMax) + " bytes",
                            "reason");
  return context.store.write<ReturnAuthorisation>(
      [&](StoreWriter& writer) { return authorise(writer, context, input); });
}

Result<ReceivedReturn> receive_return(Context& context, std::string_view rma_number) {
  return context.store.write<ReceivedReturn>(
      [&](StoreWriter& writer) { return receive(writer, context, rma_number); });
}

Status set_reorder_point(Context& context, std::string_view sku, std::string_view warehouse_code,
                         Quantity quantity) {
  if (quantity.milli < 0)
    return invalid_argument("quantity_must_not_be_negative", "a reorder point cannot be negative",
                            "quantity");
  if (quantity.milli > kQuantityMilliMax)
    return invalid_argument("quantity_too_large", "a reorder point exceeds one billion units",
                            "quantity");
  return context.store
      .submit([&](StoreWriter& writer) -> Status {
        O2C_ASSIGN_OR_RETURN(std::optional<Product> product, writer.find_product(sku));
        if (!product)
          return not_found("product_not_found", "no product with SKU '" + std::string(sku) + "'",
                           "sku");
        O2C_ASSIGN_OR_RETURN(std::optional<Warehouse> warehouse,
                             writer.find_warehouse(warehouse_code));
        if (!warehouse)
          return not_found("warehouse_not_found",
                           "no warehouse with code '" + std::string(warehouse_code) + "'",
                           "warehouse");
        O2C_RETURN_IF_ERROR(writer.save_reorder_point(product->id, warehouse->id, quantity));
        O2C_RETURN_IF_ERROR(append_event(
            writer, context, "stock.reorder_point_set", sku,
            {{"warehouse", std::string(warehouse_code)}, {"quantity", format_quantity(quantity)}}));
        return {};
      })
      .get();
}

}  // namespace o2c::app
