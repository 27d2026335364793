#include <algorithm>

#include "fulfillment/fulfillment.h"

namespace o2c {
namespace {

std::int64_t total_for_line(std::span<const PriorReturn> prior, int line_no) {
  std::int64_t total = 0;
  for (const PriorReturn& item : prior) {
    if (item.order_line_no == line_no) total += item.quantity.milli;
  }
  return total;
}

// Puts `quantity` back to the warehouses the line shipped from, skipping what `returned`
// earlier returns already used, in shipment-line order.
void restock_line(const Shipment& shipment, int line_no, std::int64_t returned,
                  std::int64_t quantity, std::vector<StockReturn>& restock) {
  for (const ShipmentLine& part : shipment.lines) {
    if (part.order_line_no != line_no) continue;
    const std::int64_t used = std::min(returned, part.quantity.milli);
    returned -= used;
    const std::int64_t take = std::min(quantity, part.quantity.milli - used);
    if (take == 0) continue;
    restock.push_back(StockReturn{part.warehouse, part.product, Quantity{take}});
    quantity -= take;
  }
  O2C_ASSERT(quantity == 0);
}

// The share of `amount` for units (before, now] of `whole`: cumulative proration, so that the
// parts credited by successive returns add up to `amount` exactly.
Result<Money> part_of(Money amount, std::int64_t before, std::int64_t now, std::int64_t whole) {
  O2C_ASSERT(whole > 0 && before >= 0 && before <= now);
  O2C_ASSIGN_OR_RETURN(Money up_to_now,
                       prorate(amount, std::min(now, whole), whole, Rounding::kHalfEven));
  O2C_ASSIGN_OR_RETURN(Money up_to_before,
                       prorate(amount, std::min(before, whole), whole, Rounding::kHalfEven));
  return subtract(up_to_now, up_to_before);
}

// Fills the credit of `line` for units (before, before + quantity] of what the invoice charged.
Status credit_line(std::span<const InvoicedLine> invoiced, std::int64_t before, ReturnLine& line,
                   Currency currency) {
  line.credit_net = line.credit_tax = zero(currency);
  auto charged = std::find_if(invoiced.begin(), invoiced.end(), [&](const InvoicedLine& i) {
    return i.order_line_no == line.order_line_no;
  });
  if (charged == invoiced.end() || charged->quantity.milli <= 0) return {};
  line.invoice_line_no = charged->invoice_line_no;
  const std::int64_t now = before + line.quantity.milli;
  O2C_ASSIGN_OR_RETURN(line.credit_net,
                       part_of(charged->net, before, now, charged->quantity.milli));
  O2C_ASSIGN_OR_RETURN(line.credit_tax,
                       part_of(charged->tax, before, now, charged->quantity.milli));
  return {};
}

}  // namespace

Result<ReturnPlan> plan_return(const Order& order, const Shipment& shipment,
                               std::span<const PriorReturn> prior,
                               std::span<const InvoicedLine> invoiced,
                               const ReturnRequest& request) {
  O2C_ASSERT(shipment.order == order.id);
  const ShipmentStatus status = shipment.tracking.status;
  if (status != ShipmentStatus::kShipped && status != ShipmentStatus::kDelivered)
    return failed_precondition("shipment_not_returnable",
                               "shipment " + shipment.number + " is " +
                                   std::string(wire_name(status)) +
                                   "; only shipped or delivered goods can be returned",
                               "status");
  if (request.reason.find_first_not_of(" \t") == std::string::npos)
    return invalid_argument("reason_required", "a return needs a reason", "reason");
  ReturnPlan plan;
  plan.reason = request.reason;
  plan.condition = request.condition;
  plan.credit_net = plan.credit_tax = plan.credit_gross = zero(order.currency);
  std::vector<PriorReturn> returned(prior.begin(), prior.end());
  std::vector<StockReturn> restock;
  for (std::size_t k = 0; k < request.lines.size(); ++k) {
    const ReturnRequestLine& item = request.lines[k];
    const std::string where = "lines[" + std::to_string(k) + "]";
    std::int64_t shipped = 0;
    for (const ShipmentLine& part : shipment.lines) {
      if (part.order_line_no == item.order_line_no) shipped += part.quantity.milli;
    }
    auto line = std::find_if(order.lines.begin(), order.lines.end(),
                             [&](const OrderLine& l) { return l.line_no == item.order_line_no; });
    if (shipped == 0 || line == order.lines.end())
      return not_found("line_not_in_shipment",
                       "shipment " + shipment.number + " carried nothing of order line " +
                           std::to_string(item.order_line_no),
                       where + ".order_line_no");
    if (item.quantity.milli <= 0)
      return invalid_argument("quantity_must_be_positive", "quantity to return must be positive",
                              where + ".quantity");
    const std::int64_t already = total_for_line(returned, item.order_line_no);
    if (item.quantity.milli > shipped - already)
      return failed_precondition(
          "return_exceeds_shipped",
          "line " + std::to_string(item.order_line_no) + " of shipment " + shipment.number +
              " shipped " + format_quantity(Quantity{shipped}) + " and " +
              format_quantity(Quantity{already}) + " came back already; cannot return " +
              format_quantity(item.quantity),
          where + ".quantity");
    restock_line(shipment, item.order_line_no, already, item.quantity.milli, restock);
    returned.push_back(PriorReturn{item.order_line_no, item.quantity});

    ReturnLine credited{item.order_line_no, 0, line->sku, item.quantity, {}, {}};
    O2C_RETURN_IF_ERROR(credit_line(invoiced, already, credited, order.currency));
    O2C_ASSIGN_OR_RETURN(plan.credit_net, add(plan.credit_net, credited.credit_net));
    O2C_ASSIGN_OR_RETURN(plan.credit_tax, add(plan.credit_tax, credited.credit_tax));
    plan.lines.push_back(std::move(credited));
  }
  O2C_ASSIGN_OR_RETURN(plan.credit_gross, add(plan.credit_net, plan.credit_tax));
  if (plan.condition == ReturnCondition::kResellable) plan.restock = std::move(restock);
  return plan;
}

}  // namespace o2c
