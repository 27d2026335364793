// C. The engine applied to an order: the order and its master data become a PricingRequest,
// the PricedOrder's amounts and traces go back onto the order's lines, and a trace is kept as
// JSON text on its line so that it can be shown long after the rules have changed.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "pricing/pricing.h"

namespace o2c {
namespace {

// Engine fields named as the order names them, so that an error points at the order's field
// (and, for an import, at the file's column): "coupon_codes[1]" → "order.coupons[1]",
// "lines[2].manual_discount" → "lines[2].discount".
std::string order_where(std::string where) {
  constexpr std::string_view kCoupons = "coupon_codes";
  if (where.starts_with(kCoupons)) return "order.coupons" + where.substr(kCoupons.size());
  constexpr std::string_view kManual = ".manual_discount";
  if (where.starts_with("lines[") && where.ends_with(kManual))
    return where.substr(0, where.size() - kManual.size()) + ".discount";
  if (where == "lines" || where == "date") return "order." + where;
  // An order has at most one shipping charge (OrderShippingCharge).
  if (where == "shipping[0].amount") return "order.shipping";
  if (where == "shipping[0].tax_category") return "order.shipping_tax_category";
  return where;
}

nlohmann::json step_json(const TraceStep& step) {
  return {{"kind", wire_name(step.kind)},       {"rule", std::string(step.rule_id)},
          {"coupon", std::string(step.coupon)}, {"before", format_amount(step.before)},
          {"after", format_amount(step.after)}, {"detail", step.detail},
          {"text", describe_step(step)}};
}

}  // namespace

Result<PricingRequest> order_pricing_request(const Order& order,
                                             const OrderPricingContext& context) {
  O2C_ASSERT(context.products.size() == order.lines.size());
  O2C_ASSERT(context.customer.id == order.customer);
  if (order.order_discount.value != 0)
    return invalid_argument("order_discount_with_price_rules",
                            "an order discount cannot be combined with price rules; give line "
                            "discounts or a promotion instead",
                            "order.discount");
  PricingRequest request;
  request.customer_number = order.customer_number;
  request.segment = context.customer.segment;
  request.currency = order.currency;
  request.date = order.order_date;
  request.ship_to_country = order.ship_to.country;
  request.ship_to_region = order.ship_to.region;
  request.tax_exempt = context.customer.tax_exempt;
  const auto& used_up = context.redeemed_coupons;
  for (const OrderCoupon& coupon : order.coupons) {
    const bool gone =
        !coupon.redeemed && std::find(used_up.begin(), used_up.end(), coupon.code) != used_up.end();
    if (context.repricing && gone) continue;
    request.coupon_codes.push_back(coupon.code);
  }
  request.redeemed_coupons = context.redeemed_coupons;
  request.lines.reserve(order.lines.size());
  for (std::size_t i = 0; i < order.lines.size(); ++i) {
    const OrderLine& line = order.lines[i];
    const Product* product = context.products[i];
    O2C_ASSERT(product != nullptr && product->id == line.product);
    PricingLine item;
    item.product = product->id;
    item.sku = product->sku;
    item.product_category = product->category;
    item.tax_category = product->tax_category;
    item.quantity = line.quantity;
    // The catalog's price, not the line's: an amended line carries the price the engine gave.
    item.catalog_price = list_price(*product, order.currency);
    // Standard cost is kept in the company currency; it guards margins in that currency only.
    if (product->standard_cost.currency == order.currency)
      item.standard_cost = product->standard_cost;
    item.manual_discount = line.discount;
    request.lines.push_back(std::move(item));
  }
  if (order.shipping) {
    request.shipping.push_back(
        ShippingCharge{"shipping", order.shipping->net, order.shipping->tax_category});
  }
  return request;
}

Result<PricedOrder> price_order_with_rules(const PriceBook& book, Order& order,
                                           const OrderPricingContext& context) {
  O2C_ASSIGN_OR_RETURN(PricingRequest request, order_pricing_request(order, context));
  Result<PricedOrder> result = price_request(book, request);
  if (!result) {
    Error error = std::move(result).error();
    error.where = order_where(std::move(error.where));
    return error;
  }
  PricedOrder& priced = *result;
  O2C_ASSERT(priced.lines.size() == order.lines.size());
  O2C_ASSERT(priced.coupons.size() <= order.coupons.size());
  for (std::size_t i = 0; i < order.lines.size(); ++i) {
    OrderLine& line = order.lines[i];
    const PricedLine& item = priced.lines[i];
    line.unit_price = item.unit_price;
    line.tax_category = request.lines[i].tax_category;
    line.tax_rate = item.tax_rate;
    line.net = item.net;
    line.tax = item.tax;
    line.below_margin_floor = item.margin == MarginCheck::kBelowFloor;
    line.price_trace = trace_json(priced, i);
  }
  // A single-use code is used up only when it took something off.
  for (OrderCoupon& coupon : order.coupons) {
    const auto use = std::find_if(priced.coupons.begin(), priced.coupons.end(),
                                  [&](const CouponUse& u) { return u.code == coupon.code; });
    coupon.redeemed = use != priced.coupons.end() && use->single_use && use->applied;
  }
  O2C_ASSERT(priced.charges.size() == (order.shipping ? 1u : 0u));
  if (order.shipping) {
    order.shipping->tax_rate = priced.charges[0].tax_rate;
    order.shipping->tax = priced.charges[0].tax;
  }
  order.net_total = priced.net_total;
  order.tax_total = priced.tax_total;
  order.gross_total = priced.gross_total;
  return std::move(priced);
}

std::string trace_json(const PricedOrder& order, std::size_t line_index) {
  O2C_ASSERT(line_index < order.lines.size());
  const PricedLine& line = order.lines[line_index];
  nlohmann::json steps = nlohmann::json::array();
  for (const TraceStep& step : order.trace_of(line.trace)) steps.push_back(step_json(step));
  const nlohmann::json trace = {
      {"source", wire_name(line.source)},        {"unit_price", format_amount(line.unit_price)},
      {"base", format_amount(line.base_amount)}, {"discount", format_amount(line.discount)},
      {"net", format_amount(line.net)},          {"tax", format_amount(line.tax)},
      {"margin", wire_name(line.margin)},        {"steps", steps}};
  return trace.dump();
}

Result<std::vector<std::string>> describe_trace_json(std::string_view json) {
  const nlohmann::json trace = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  const auto corrupt = [] {
    return Error{ErrorKind::kInternal, "trace_corrupt", "a stored price trace is not readable",
                 "price_trace"};
  };
  if (!trace.is_object() || !trace.contains("steps") || !trace["steps"].is_array())
    return corrupt();
  std::vector<std::string> text;
  for (const nlohmann::json& step : trace["steps"]) {
    if (!step.is_object() || !step.contains("text") || !step["text"].is_string()) return corrupt();
    text.push_back(std::to_string(text.size() + 1) + ". " + step["text"].get<std::string>());
  }
  const auto field = [&](const char* name) {
    const auto found = trace.find(name);
    return found != trace.end() && found->is_string() ? found->get<std::string>() : "?";
  };
  text.push_back("= base " + field("base") + " - discount " + field("discount") + " = net " +
                 field("net") + " + tax " + field("tax") + "; margin " + field("margin"));
  return text;
}

}  // namespace o2c
