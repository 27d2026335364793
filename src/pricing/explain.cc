// Renders a priced line's trace as text for people (`o2c price explain`). The words are for
// reading, not parsing: machines read the TraceStep values themselves.
#include "pricing/pricing.h"

namespace o2c {
namespace {

std::string change(const TraceStep& step) {
  return format_amount(step.before) + " -> " + format_money(step.after);
}

std::string percent(std::int64_t basis_points) {
  return format_percent(BasisPoints{static_cast<std::int32_t>(basis_points)}) + " %";
}

std::string heading(const TraceStep& step) {
  std::string text(wire_name(step.kind));
  if (!step.rule_id.empty() && step.rule_id != wire_name(step.kind)) {
    text.append(" ").append(step.rule_id);
  }
  if (!step.coupon.empty()) text.append(" (coupon ").append(step.coupon).append(")");
  return text + ": ";
}

std::string describe_unit_price(const TraceStep& step) {
  std::string text = "unit price " + format_money(step.after);
  if (step.detail >= 0) {
    text += " (quantity tier from " + format_quantity(Quantity{step.detail}) + ")";
  }
  if (step.before != step.after) text += ", catalog price " + format_money(step.before);
  return text;
}

std::string describe_body(const TraceStep& step) {
  switch (step.kind) {
    case TraceKind::kContractPrice:
    case TraceKind::kSegmentListPrice:
    case TraceKind::kDefaultListPrice:
    case TraceKind::kCatalogPrice:
      return describe_unit_price(step);
    case TraceKind::kPercentOff:
      return percent(step.detail) + " off, " + change(step);
    case TraceKind::kAmountOff:
      return format_money(Money{step.detail, step.after.currency}) + " off, " + change(step);
    case TraceKind::kBuyXGetY:
      return format_quantity(Quantity{step.detail}) + " free, " + change(step);
    case TraceKind::kPromotionNotApplied:
      return "not applied, a better promotion won (it would have given " + change(step) + ")";
    case TraceKind::kManualDiscount:
      return percent(step.detail) + " off, " + change(step);
    case TraceKind::kDiscountCap:
      return "discounts capped at " + percent(step.detail) + " of the base amount, net " +
             change(step);
    case TraceKind::kMarginGuard:
      return "net kept at the margin floor (standard cost + " + percent(step.detail) + "), " +
             change(step);
    case TraceKind::kMarginBelowFloor:
      return "base amount " + format_money(step.before) + " is below the margin floor " +
             format_money(step.after) + " (standard cost + " + percent(step.detail) +
             "); no discount allowed, the line needs approval";
    case TraceKind::kTax:
      return percent(step.detail) + " of " + format_amount(step.before) + " = " +
             format_money(step.after) + " (rounded per line)";
    case TraceKind::kTaxDocumentShare:
      return percent(step.detail) + " of " + format_amount(step.before) + ", share of the " +
             "per-document tax = " + format_money(step.after);
    case TraceKind::kTaxExempt:
      return "the customer is tax-exempt, no tax on " + format_money(step.before);
  }
  return {};
}

}  // namespace

std::string describe_step(const TraceStep& step) { return heading(step) + describe_body(step); }

std::vector<std::string> explain_line(const PricingRequest& request, const PricedOrder& order,
                                      std::size_t line_index) {
  O2C_ASSERT(line_index < order.lines.size());
  O2C_ASSERT(order.lines.size() == request.lines.size());
  const PricingLine& line = request.lines[line_index];
  const PricedLine& priced = order.lines[line_index];
  std::string customer = request.customer_number.empty() ? "no customer" : request.customer_number;
  if (!request.segment.empty()) customer += " (segment " + request.segment + ")";
  std::vector<std::string> text;
  text.push_back("line " + std::to_string(line_index + 1) + ": " + line.sku + " qty " +
                 format_quantity(line.quantity) + " for " + customer + " on " +
                 format_date(request.date) + " in " + std::string(request.currency.text()) +
                 ", price from " + std::string(wire_name(priced.source)));
  const std::span<const TraceStep> steps = order.trace_of(priced.trace);
  for (std::size_t k = 0; k < steps.size(); ++k) {
    text.push_back("  " + std::to_string(k + 1) + ". " + describe_step(steps[k]));
  }
  Result<Money> gross = add(priced.net, priced.tax);
  text.push_back("  = base " + format_amount(priced.base_amount) + " - discount " +
                 format_amount(priced.discount) + " = net " + format_amount(priced.net) +
                 " + tax " + format_amount(priced.tax) + " = " +
                 (gross ? format_money(*gross) : std::string("(too large)")) + "; margin " +
                 std::string(wire_name(priced.margin)));
  return text;
}

}  // namespace o2c
