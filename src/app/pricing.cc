// Pricing orders: the pricing engine when price rules are configured, the foundation's list
// prices and tax rates table otherwise; single-use coupons redeemed and given back; and
// `o2c price explain`, which prices one line the way placing an order would.
#include "pricing/pricing.h"

#include <algorithm>

#include "app/use_case.h"

namespace o2c::app {
namespace {

// The products of the order's lines, in line order. Products are never deleted, so a line's
// product is always there.
Result<std::vector<Product>> products_of(StoreReader& reader, const Order& order) {
  std::vector<Product> products;
  products.reserve(order.lines.size());
  for (const OrderLine& line : order.lines) {
    O2C_ASSIGN_OR_RETURN(std::optional<Product> product, reader.find_product(line.sku));
    O2C_ASSERT(product.has_value());
    O2C_ASSERT(product->id == line.product);
    products.push_back(std::move(*product));
  }
  return products;
}

// Single-use codes of the order that orders other than this one have used up.
Result<std::vector<std::string>> redeemed_elsewhere(StoreReader& reader, const Order& order,
                                                    std::span<const std::string> also_redeemed) {
  std::vector<std::string> codes;
  for (const OrderCoupon& coupon : order.coupons) codes.push_back(coupon.code);
  O2C_ASSIGN_OR_RETURN(std::vector<CouponRedemption> redemptions, reader.coupon_redemptions(codes));
  std::vector<std::string> redeemed(also_redeemed.begin(), also_redeemed.end());
  for (const CouponRedemption& redemption : redemptions) {
    // An order being re-priced finds its own redemptions: they are its to keep.
    if (order.number.empty() || redemption.order_number != order.number)
      redeemed.push_back(redemption.code);
  }
  return redeemed;
}

}  // namespace

Status price_checked_order(StoreReader& reader, const OrderPolicy& policy, const Customer& customer,
                           Order& order, std::span<const std::string> also_redeemed) {
  if (!policy.prices) {
    if (!order.coupons.empty())
      return failed_precondition("coupons_need_price_rules",
                                 "coupon '" + order.coupons.front().code +
                                     "' cannot be used: no price rules are configured (o2c "
                                     "config price-rules FILE)",
                                 "order.coupons[0]");
    O2C_ASSIGN_OR_RETURN(std::vector<TaxRate> rates, reader.tax_rates());
    return price_order(order, rates);
  }
  O2C_ASSIGN_OR_RETURN(std::vector<Product> products, products_of(reader, order));
  std::vector<const Product*> pointers;
  for (const Product& product : products) pointers.push_back(&product);
  OrderPricingContext context{customer, pointers, {}, /*repricing=*/!order.number.empty()};
  O2C_ASSIGN_OR_RETURN(context.redeemed_coupons, redeemed_elsewhere(reader, order, also_redeemed));
  O2C_ASSIGN_OR_RETURN(PricedOrder priced, price_order_with_rules(*policy.prices, order, context));
  O2C_ASSERT(priced.gross_total == order.gross_total);
  return {};
}

void release_coupons(Order& order) {
  for (OrderCoupon& coupon : order.coupons) coupon.redeemed = false;
}

Result<PriceExplanation> explain_price(StoreReader& reader, const PriceQuery& query) {
  O2C_ASSIGN_OR_RETURN(OrderPolicy policy, load_order_policy(reader));
  if (!policy.prices)
    return failed_precondition("no_price_rules",
                               "no price rules are configured; set them with o2c config "
                               "price-rules FILE",
                               "price_rules");
  O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer,
                       reader.find_customer(query.customer_number));
  O2C_ASSIGN_OR_RETURN(std::optional<Product> product, reader.find_product(query.sku));
  OrderRequest request;
  request.customer_number = query.customer_number;
  request.lines.push_back(OrderLineRequest{query.sku, query.quantity, query.discount});
  request.coupon_codes = query.coupon_codes;
  const Product* products[] = {product ? &*product : nullptr};
  const OrderContext order_context{customer ? &*customer : nullptr, products, query.date,
                                   /*catalog_price_required=*/false};
  O2C_ASSIGN_OR_RETURN(Order order, validate_order(request, order_context));
  OrderPricingContext context{*customer, products, {}, /*repricing=*/false};
  O2C_ASSIGN_OR_RETURN(context.redeemed_coupons, redeemed_elsewhere(reader, order, {}));
  // Priced on a copy, so that the explanation is exactly what placing the order would give.
  Order priced_order = order;
  O2C_ASSIGN_OR_RETURN(PricedOrder priced,
                       price_order_with_rules(*policy.prices, priced_order, context));
  O2C_ASSIGN_OR_RETURN(PricingRequest pricing, order_pricing_request(order, context));
  O2C_ASSERT(pricing.lines.size() == 1 && priced.lines.size() == 1);
  return PriceExplanation{std::move(pricing), std::move(priced)};
}

}  // namespace o2c::app
