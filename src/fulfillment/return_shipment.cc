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

Result<Money> credit_for(const OrderLine& line, Quantity quantity,
                         std::span<const LineBilling> billing) {
  O2C_ASSIGN_OR_RETURN(Money amount,
                       prorate(line.net, quantity.milli, line.quantity.milli, Rounding::kHalfEven));
  Money open = zero(line.net.currency);
  for (const LineBilling& billed : billing) {
    if (billed.order_line_no != line.line_no) continue;
    O2C_ASSIGN_OR_RETURN(Money left, subtract(billed.invoiced, billed.credited));
    O2C_ASSIGN_OR_RETURN(open, add(open, left));
  }
  if (open.minor < 0) open.minor = 0;
  if (amount.minor > open.minor) amount.minor = open.minor;
  return amount;
}

}  // namespace

Result<ReturnPlan> plan_return(const Order& order, const Shipment& shipment, ShipmentStatus status,
                               std::span<const PriorReturn> prior,
                               std::span<const LineBilling> billing, const ReturnRequest& request) {
  O2C_ASSERT(shipment.order == order.id);
  if (status != ShipmentStatus::kShipped && status != ShipmentStatus::kDelivered)
    return failed_precondition("shipment_not_returnable",
                               "shipment " + shipment.number + " is " +
                                   std::string(wire_name(status)) +
                                   "; only shipped or delivered goods can be returned",
                               "status");
  if (request.reason.find_first_not_of(" \t") == std::string::npos)
    return invalid_argument("reason_required", "a return needs a reason", "reason");
  ReturnPlan plan{request.reason, {}, {}, zero(order.currency)};
  std::vector<PriorReturn> returned(prior.begin(), prior.end());
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
          "line " + std::to_string(item.order_line_no) + " shipped " +
              format_quantity(Quantity{shipped}) + " and " + format_quantity(Quantity{already}) +
              " came back already; cannot return " + format_quantity(item.quantity),
          where + ".quantity");
    restock_line(shipment, item.order_line_no, already, item.quantity.milli, plan.restock);
    returned.push_back(PriorReturn{item.order_line_no, item.quantity});

    // Credits already planned in this request count against the invoiced amount too.
    std::vector<LineBilling> open(billing.begin(), billing.end());
    for (const CreditRequest& credit : plan.credits) {
      open.push_back(LineBilling{credit.order_line_no, zero(order.currency), credit.amount});
    }
    O2C_ASSIGN_OR_RETURN(Money amount, credit_for(*line, item.quantity, open));
    O2C_ASSIGN_OR_RETURN(plan.credit_total, add(plan.credit_total, amount));
    plan.credits.push_back(CreditRequest{item.order_line_no, item.quantity, amount});
  }
  return plan;
}

}  // namespace o2c
