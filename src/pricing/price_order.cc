#include <algorithm>
#include <vector>

#include "pricing/pricing.h"

namespace o2c {
namespace {

Result<BasisPoints> rate_for(std::string_view category, std::span<const TaxRate> rates,
                             std::size_t line_index) {
  for (const TaxRate& rate : rates) {
    if (rate.category == category) return rate.rate;
  }
  return failed_precondition("tax_rate_unknown",
                             "no tax rate for tax category '" + std::string(category) + "'",
                             "lines[" + std::to_string(line_index) + "].tax_category");
}

// The shipping charge, taxed by its own category (never discounted), added to the totals.
Status price_shipping(Order& order, std::span<const TaxRate> tax_rates) {
  OrderShippingCharge& charge = *order.shipping;
  O2C_ASSERT(charge.net.currency == order.currency && charge.net.minor > 0);
  const auto rate = std::find_if(tax_rates.begin(), tax_rates.end(), [&](const TaxRate& r) {
    return r.category == charge.tax_category;
  });
  if (rate == tax_rates.end())
    return failed_precondition("tax_rate_unknown",
                               "no tax rate for tax category '" + charge.tax_category +
                                   "' of the shipping charge; add one or name another "
                                   "category (--shipping-tax-category)",
                               "order.shipping_tax_category");
  charge.tax_rate = rate->rate;
  O2C_ASSIGN_OR_RETURN(charge.tax, apply_rate(charge.net, charge.tax_rate, Rounding::kHalfEven));
  O2C_ASSIGN_OR_RETURN(order.net_total, add(order.net_total, charge.net));
  O2C_ASSIGN_OR_RETURN(order.tax_total, add(order.tax_total, charge.tax));
  return {};
}

}  // namespace

Status price_order(Order& order, std::span<const TaxRate> tax_rates) {
  O2C_ASSERT(!order.lines.empty());
  const Currency currency = order.currency;
  std::vector<std::int64_t> discounted(order.lines.size());
  Money subtotal = zero(currency);
  for (std::size_t i = 0; i < order.lines.size(); ++i) {
    OrderLine& line = order.lines[i];
    O2C_ASSERT(line.unit_price.currency == currency);
    O2C_ASSIGN_OR_RETURN(Money amount, extend(line.unit_price, line.quantity, Rounding::kHalfEven));
    O2C_ASSIGN_OR_RETURN(Money discount, apply_rate(amount, line.discount, Rounding::kHalfEven));
    O2C_ASSIGN_OR_RETURN(Money after_discount, subtract(amount, discount));
    discounted[i] = after_discount.minor;
    O2C_ASSIGN_OR_RETURN(subtotal, add(subtotal, after_discount));
    O2C_ASSIGN_OR_RETURN(line.tax_rate, rate_for(line.tax_category, tax_rates, i));
  }

  O2C_ASSIGN_OR_RETURN(Money order_discount,
                       apply_rate(subtotal, order.order_discount, Rounding::kHalfEven));
  std::vector<Money> discount_shares(order.lines.size(), zero(currency));
  if (order_discount.minor != 0) {
    O2C_ASSIGN_OR_RETURN(discount_shares, allocate(order_discount, discounted));
  }

  order.net_total = order.tax_total = zero(currency);
  for (std::size_t i = 0; i < order.lines.size(); ++i) {
    OrderLine& line = order.lines[i];
    O2C_ASSIGN_OR_RETURN(line.net, subtract(Money{discounted[i], currency}, discount_shares[i]));
    O2C_ASSIGN_OR_RETURN(line.tax, apply_rate(line.net, line.tax_rate, Rounding::kHalfEven));
    O2C_ASSIGN_OR_RETURN(order.net_total, add(order.net_total, line.net));
    O2C_ASSIGN_OR_RETURN(order.tax_total, add(order.tax_total, line.tax));
  }
  // The spread discount must account for the whole order discount: no cent lost.
  O2C_ASSERT(subtotal.minor - order_discount.minor == order.net_total.minor);
  if (order.shipping) O2C_RETURN_IF_ERROR(price_shipping(order, tax_rates));
  O2C_ASSIGN_OR_RETURN(order.gross_total, add(order.net_total, order.tax_total));
  return {};
}

}  // namespace o2c
