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
  O2C_ASSIGN_OR_RETURN(order.gross_total, add(order.net_total, order.tax_total));
  // The spread discount must account for the whole order discount: no cent lost.
  O2C_ASSERT(subtotal.minor - order_discount.minor == order.net_total.minor);
  return {};
}

}  // namespace o2c
