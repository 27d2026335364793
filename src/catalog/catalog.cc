#include "catalog/catalog.h"

#include "core/limits.h"

namespace o2c {

std::optional<Money> list_price(const Product& product, Currency currency) {
  for (const Money& price : product.list_prices) {
    if (price.currency == currency) return price;
  }
  return std::nullopt;
}

Status validate_product(const Product& product) {
  if (product.sku.empty() || product.sku.size() > 40)
    return invalid_argument("invalid_sku", "SKU must be 1-40 characters", "product.sku");
  if (product.name.empty() || product.name.size() > kNameBytesMax)
    return invalid_argument("invalid_name", "product name must be 1-200 characters",
                            "product.name");
  if (product.category.size() > 40)
    return invalid_argument("invalid_category", "product category must be at most 40 characters",
                            "product.category");
  for (std::size_t i = 0; i < product.list_prices.size(); ++i) {
    const Money& price = product.list_prices[i];
    const std::string where = "product.list_prices[" + std::to_string(i) + "]";
    if (price.minor < 0 || price.minor > kAmountMinorMax)
      return invalid_argument("invalid_price",
                              "list price " + format_money(price) + " must be between 0 and " +
                                  format_money(Money{kAmountMinorMax, price.currency}),
                              where);
    for (std::size_t j = 0; j < i; ++j) {
      if (product.list_prices[j].currency == price.currency)
        return invalid_argument("duplicate_price",
                                "two list prices in " + std::string(price.currency.text()), where);
    }
  }
  if (product.standard_cost.minor < 0)
    return invalid_argument("invalid_cost", "standard cost must not be negative",
                            "product.standard_cost");
  return {};
}

}  // namespace o2c
