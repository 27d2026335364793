#include "catalog/catalog.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "core/limits.h"
#include "core/money.h"

namespace o2c {
namespace {

Currency currency(std::string_view code) { return currency_from_code(code).value(); }
Money money(std::string_view text, std::string_view code) {
  return parse_money(text, currency(code)).value();
}

Product valid_product() {
  Product product;
  product.id = ProductId{7};
  product.sku = "W-100";
  product.name = "Widget";
  product.list_prices = {money("19.99", "EUR"), money("21.50", "USD"), money("2900", "JPY")};
  product.standard_cost = money("8.40", "EUR");
  return product;
}

TEST(Product, DefaultsToUnitEachStandardTaxAndActive) {
  const Product product;
  EXPECT_EQ(product.unit, "EA");
  EXPECT_EQ(product.tax_category, "standard");
  EXPECT_TRUE(product.active);
}

TEST(ListPrice, FindsThePriceInTheAskedCurrency) {
  const Product product = valid_product();
  const std::optional<Money> eur = list_price(product, currency("EUR"));
  const std::optional<Money> usd = list_price(product, currency("USD"));
  const std::optional<Money> jpy = list_price(product, currency("JPY"));
  ASSERT_TRUE(eur.has_value());
  ASSERT_TRUE(usd.has_value());
  ASSERT_TRUE(jpy.has_value());
  EXPECT_EQ(format_money(*eur), "19.99 EUR");
  EXPECT_EQ(format_money(*usd), "21.50 USD");
  EXPECT_EQ(format_money(*jpy), "2900 JPY");
}

TEST(ListPrice, IsEmptyWhenTheProductHasNoPriceInTheCurrency) {
  const Product product = valid_product();
  EXPECT_FALSE(list_price(product, currency("KWD")).has_value());
  EXPECT_FALSE(list_price(Product{}, currency("EUR")).has_value());
}

TEST(ListPrice, AZeroPriceIsStillAPrice) {
  Product product = valid_product();
  product.list_prices = {money("0", "EUR")};
  const std::optional<Money> price = list_price(product, currency("EUR"));
  ASSERT_TRUE(price.has_value());
  EXPECT_EQ(price->minor, 0);
}

struct ProductCase {
  std::string name;
  void (*change)(Product&);
  std::string reason;  // empty: valid
  std::string where;
};

TEST(ValidateProduct, ChecksEachFieldWithItsReasonAndPlace) {
  const std::vector<ProductCase> cases = {
      {"valid", [](Product&) {}, "", ""},
      {"sku empty", [](Product& p) { p.sku.clear(); }, "invalid_sku", "product.sku"},
      {"sku 40 chars", [](Product& p) { p.sku = std::string(40, 'S'); }, "", ""},
      {"sku 41 chars", [](Product& p) { p.sku = std::string(41, 'S'); }, "invalid_sku",
       "product.sku"},
      {"name empty", [](Product& p) { p.name.clear(); }, "invalid_name", "product.name"},
      {"name at limit", [](Product& p) { p.name = std::string(kNameBytesMax, 'n'); }, "", ""},
      {"name over limit", [](Product& p) { p.name = std::string(kNameBytesMax + 1, 'n'); },
       "invalid_name", "product.name"},
      {"no prices", [](Product& p) { p.list_prices.clear(); }, "", ""},
      {"free item", [](Product& p) { p.list_prices[0] = money("0", "EUR"); }, "", ""},
      {"negative second price", [](Product& p) { p.list_prices[1] = money("-0.01", "USD"); },
       "invalid_price", "product.list_prices[1]"},
      {"price at maximum", [](Product& p) { p.list_prices[0].minor = kAmountMinorMax; }, "", ""},
      {"price over maximum", [](Product& p) { p.list_prices[0].minor = kAmountMinorMax + 1; },
       "invalid_price", "product.list_prices[0]"},
      {"two EUR prices", [](Product& p) { p.list_prices.push_back(money("18.00", "EUR")); },
       "duplicate_price", "product.list_prices[3]"},
      {"negative cost", [](Product& p) { p.standard_cost = money("-0.01", "EUR"); }, "invalid_cost",
       "product.standard_cost"},
      {"zero cost", [](Product& p) { p.standard_cost = money("0", "EUR"); }, "", ""},
      {"category of 40", [](Product& p) { p.category = std::string(40, 'c'); }, "", ""},
      {"category of 41", [](Product& p) { p.category = std::string(41, 'c'); }, "invalid_category",
       "product.category"},
  };
  for (const ProductCase& test_case : cases) {
    SCOPED_TRACE(test_case.name);
    Product product = valid_product();
    test_case.change(product);
    const Status status = validate_product(product);
    if (test_case.reason.empty()) {
      EXPECT_TRUE(status.has_value()) << status.error().reason;
      continue;
    }
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().kind, ErrorKind::kInvalidArgument);
    EXPECT_EQ(status.error().reason, test_case.reason);
    EXPECT_EQ(status.error().where, test_case.where);
  }
}

TEST(ValidateProduct, ReportsFaultsInFixedOrder) {
  Product product = valid_product();
  product.sku.clear();
  product.name.clear();
  product.list_prices = {money("-1.00", "EUR"), money("2.00", "EUR")};
  product.standard_cost = money("-1.00", "EUR");

  const auto reason = [&] {
    const Status status = validate_product(product);
    return status.has_value() ? std::string("ok") : status.error().reason;
  };
  EXPECT_EQ(reason(), "invalid_sku");
  product.sku = "W-100";
  EXPECT_EQ(reason(), "invalid_name");
  product.name = "Widget";
  EXPECT_EQ(reason(), "invalid_price");
  product.list_prices[0] = money("1.00", "EUR");
  EXPECT_EQ(reason(), "duplicate_price");
  product.list_prices[1] = money("2.00", "USD");
  EXPECT_EQ(reason(), "invalid_cost");
  product.standard_cost = money("0.50", "EUR");
  EXPECT_EQ(reason(), "ok");
}

TEST(ValidateProduct, DuplicateMessageNamesTheCurrency) {
  Product product = valid_product();
  product.list_prices.push_back(money("3000", "JPY"));
  const Status status = validate_product(product);
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().reason, "duplicate_price");
  EXPECT_NE(status.error().message.find("JPY"), std::string::npos) << status.error().message;
}

}  // namespace
}  // namespace o2c
