#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "core/limits.h"
#include "core/money.h"
#include "orders/orders.h"
#include "pricing/pricing.h"

namespace o2c {
namespace {

Currency currency(std::string_view code) { return currency_from_code(code).value(); }
Money money(std::string_view text, std::string_view code) {
  return parse_money(text, currency(code)).value();
}

const std::vector<TaxRate> kRates = {
    {"standard", BasisPoints{1'900}},
    {"reduced", BasisPoints{700}},
    {"exempt", BasisPoints{0}},
};

struct LineSpec {
  std::string_view unit_price;
  std::string_view quantity;
  std::string_view discount = "0";
  std::string_view tax_category = "exempt";
};

Order order_of(std::string_view code, std::vector<LineSpec> specs,
               std::string_view order_discount = "0") {
  Order order;
  order.number = "SO-2026-000001";
  order.currency = currency(code);
  order.order_discount = parse_percent(order_discount).value();
  for (const LineSpec& spec : specs) {
    OrderLine line;
    line.line_no = static_cast<int>(order.lines.size()) + 1;
    line.sku = "W-" + std::to_string(line.line_no);
    line.quantity = parse_quantity(spec.quantity).value();
    line.unit_price = money(spec.unit_price, code);
    line.discount = parse_percent(spec.discount).value();
    line.tax_category = std::string(spec.tax_category);
    line.net = line.tax = zero(order.currency);
    order.lines.push_back(line);
  }
  order.net_total = order.tax_total = order.gross_total = zero(order.currency);
  return order;
}

// "net 6.67 tax 0.00 | net 6.67 tax 0.00 | total 13.34 + 0.00 = 13.34 EUR"
std::string describe(const Order& order) {
  std::string text;
  for (const OrderLine& line : order.lines) {
    text += "net " + format_amount(line.net) + " tax " + format_amount(line.tax) + " | ";
  }
  text += "total " + format_amount(order.net_total) + " + " + format_amount(order.tax_total) +
          " = " + format_money(order.gross_total);
  return text;
}

std::string priced(Order order, const std::vector<TaxRate>& rates = kRates) {
  const Status status = price_order(order, rates);
  if (!status.has_value()) return status.error().reason;
  return describe(order);
}

TEST(PriceOrder, ExtendsPriceByQuantityAndAddsTax) {
  Order order = order_of("EUR", {{"19.99", "2", "0", "standard"}});
  ASSERT_TRUE(price_order(order, kRates).has_value());
  EXPECT_EQ(order.lines[0].tax_rate, BasisPoints{1'900});
  // 39.98 × 19 % = 7.5962.
  EXPECT_EQ(describe(order), "net 39.98 tax 7.60 | total 39.98 + 7.60 = 47.58 EUR");
}

TEST(PriceOrder, RoundsTheLineAmountHalfEven) {
  // 1.25 × 0.5 = 0.625 → 0.62 (even); 1.35 × 0.5 = 0.675 → 0.68 (even).
  EXPECT_EQ(priced(order_of("EUR", {{"1.25", "0.5"}, {"1.35", "0.5"}})),
            "net 0.62 tax 0.00 | net 0.68 tax 0.00 | total 1.30 + 0.00 = 1.30 EUR");
  // 0.333 units of 1.00 = 0.333 → 0.33; 0.335 → 0.34 (even); 0.345 → 0.34 (even).
  EXPECT_EQ(priced(order_of("EUR", {{"1.00", "0.333"}, {"1.00", "0.335"}, {"1.00", "0.345"}})),
            "net 0.33 tax 0.00 | net 0.34 tax 0.00 | net 0.34 tax 0.00 | "
            "total 1.01 + 0.00 = 1.01 EUR");
}

TEST(PriceOrder, LineDiscountIsRoundedPerLine) {
  // 10.00 × 33.33 % = 3.333 → 3.33, so each line nets 6.67 and the order 20.01.
  EXPECT_EQ(
      priced(order_of("EUR",
                      {{"10.00", "1", "33.33"}, {"10.00", "1", "33.33"}, {"10.00", "1", "33.33"}})),
      "net 6.67 tax 0.00 | net 6.67 tax 0.00 | net 6.67 tax 0.00 | "
      "total 20.01 + 0.00 = 20.01 EUR");
}

TEST(PriceOrder, OrderDiscountIsSpreadByLargestRemainderWithoutLosingACent) {
  // 30.00 × 33.33 % = 9.999 → 10.00, split 3.34 / 3.33 / 3.33 (the tie goes to the first
  // line), so the lines net 6.66 / 6.67 / 6.67 and the order exactly 20.00.
  EXPECT_EQ(priced(order_of("EUR", {{"10.00", "1"}, {"10.00", "1"}, {"10.00", "1"}}, "33.33")),
            "net 6.66 tax 0.00 | net 6.67 tax 0.00 | net 6.67 tax 0.00 | "
            "total 20.00 + 0.00 = 20.00 EUR");
}

TEST(PriceOrder, OrderDiscountFollowsTheDiscountedLineAmounts) {
  // Line 1: 100.00 less 50 % = 50.00; line 2: 50.00. Subtotal 100.00, 10 % = 10.00 split 5/5.
  EXPECT_EQ(priced(order_of("EUR", {{"100.00", "1", "50"}, {"50.00", "1"}}, "10")),
            "net 45.00 tax 0.00 | net 45.00 tax 0.00 | total 90.00 + 0.00 = 90.00 EUR");
  // 60.00 and 40.00 with 12.5 % → 12.50 split 7.50 / 5.00.
  EXPECT_EQ(priced(order_of("EUR", {{"60.00", "1"}, {"40.00", "1"}}, "12.5")),
            "net 52.50 tax 0.00 | net 35.00 tax 0.00 | total 87.50 + 0.00 = 87.50 EUR");
}

TEST(PriceOrder, TaxIsComputedAfterBothDiscounts) {
  // 200.00 less 10 % line discount = 180.00, less 50 % order discount = 90.00; 19 % = 17.10.
  EXPECT_EQ(priced(order_of("EUR", {{"100.00", "2", "10", "standard"}}, "50")),
            "net 90.00 tax 17.10 | total 90.00 + 17.10 = 107.10 EUR");
}

TEST(PriceOrder, TaxFollowsEachLinesCategory) {
  Order order = order_of("EUR", {{"100.00", "1", "0", "standard"},
                                 {"100.00", "1", "0", "reduced"},
                                 {"100.00", "1", "0", "exempt"}});
  ASSERT_TRUE(price_order(order, kRates).has_value());
  EXPECT_EQ(order.lines[0].tax_rate, BasisPoints{1'900});
  EXPECT_EQ(order.lines[1].tax_rate, BasisPoints{700});
  EXPECT_EQ(order.lines[2].tax_rate, BasisPoints{0});
  EXPECT_EQ(describe(order),
            "net 100.00 tax 19.00 | net 100.00 tax 7.00 | net 100.00 tax 0.00 | "
            "total 300.00 + 26.00 = 326.00 EUR");
}

TEST(PriceOrder, DocumentTaxIsTheSumOfLineTaxesNeverRecomputedOnTheTotal) {
  // Each 0.03 line at 19 % has 0.0057 → 0.01 tax; the document shows 0.02, although 19 % of
  // the 0.06 total would round to 0.01.
  EXPECT_EQ(
      priced(order_of("EUR", {{"0.03", "1", "0", "standard"}, {"0.03", "1", "0", "standard"}})),
      "net 0.03 tax 0.01 | net 0.03 tax 0.01 | total 0.06 + 0.02 = 0.08 EUR");
}

TEST(PriceOrder, TaxIsRoundedHalfEven) {
  // 0.50 × 7 % = 0.035 → 0.04 (even); 1.50 × 7 % = 0.105 → 0.10 (even).
  EXPECT_EQ(priced(order_of("EUR", {{"0.50", "1", "0", "reduced"}, {"1.50", "1", "0", "reduced"}})),
            "net 0.50 tax 0.04 | net 1.50 tax 0.10 | total 2.00 + 0.14 = 2.14 EUR");
}

TEST(PriceOrder, UnknownTaxCategoryNamesTheLine) {
  Order order = order_of("EUR", {{"10.00", "1", "0", "standard"}, {"10.00", "1", "0", "luxury"}});
  const Status status = price_order(order, kRates);
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().kind, ErrorKind::kFailedPrecondition);
  EXPECT_EQ(status.error().reason, "tax_rate_unknown");
  EXPECT_EQ(status.error().where, "lines[1].tax_category");
  EXPECT_NE(status.error().message.find("'luxury'"), std::string::npos) << status.error().message;
}

TEST(PriceOrder, NoTaxRatesAtAllFailsOnTheFirstLine) {
  const Status status = [] {
    Order order = order_of("EUR", {{"10.00", "1", "0", "standard"}});
    return price_order(order, {});
  }();
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().reason, "tax_rate_unknown");
  EXPECT_EQ(status.error().where, "lines[0].tax_category");
}

TEST(PriceOrder, FullOrderDiscountMakesEverythingFree) {
  EXPECT_EQ(priced(order_of("EUR", {{"10.00", "1", "0", "standard"}, {"5.00", "3"}}, "100")),
            "net 0.00 tax 0.00 | net 0.00 tax 0.00 | total 0.00 + 0.00 = 0.00 EUR");
}

TEST(PriceOrder, FreeLinesTakeNoShareOfTheOrderDiscount) {
  EXPECT_EQ(priced(order_of("EUR", {{"0.00", "5"}, {"10.00", "1"}}, "10")),
            "net 0.00 tax 0.00 | net 9.00 tax 0.00 | total 9.00 + 0.00 = 9.00 EUR");
  // With every line free there is nothing to spread the (zero) discount over.
  EXPECT_EQ(priced(order_of("EUR", {{"0.00", "5"}, {"0.00", "1"}}, "10")),
            "net 0.00 tax 0.00 | net 0.00 tax 0.00 | total 0.00 + 0.00 = 0.00 EUR");
}

TEST(PriceOrder, RepricingGivesTheSameResult) {
  Order order = order_of("EUR", {{"10.00", "1", "33.33", "standard"}, {"7.77", "3"}}, "5");
  ASSERT_TRUE(price_order(order, kRates).has_value());
  const std::string first = describe(order);
  ASSERT_TRUE(price_order(order, kRates).has_value());
  EXPECT_EQ(describe(order), first);
}

TEST(PriceOrder, YenHasNoMinorUnit) {
  // 333 × 19 % = 63.27 → 63. Order discount 10 % of 999 = 99.9 → 100, split 34 / 33 / 33.
  EXPECT_EQ(priced(order_of("JPY", {{"333", "1", "0", "standard"}})),
            "net 333 tax 63 | total 333 + 63 = 396 JPY");
  EXPECT_EQ(priced(order_of("JPY", {{"333", "1"}, {"333", "1"}, {"333", "1"}}, "10")),
            "net 299 tax 0 | net 300 tax 0 | net 300 tax 0 | total 899 + 0 = 899 JPY");
  // 1000 × 3 less 33.33 % = 3000 − 999.9 → 3000 − 1000 = 2000.
  EXPECT_EQ(priced(order_of("JPY", {{"1000", "3", "33.33"}})),
            "net 2000 tax 0 | total 2000 + 0 = 2000 JPY");
}

TEST(PriceOrder, DinarHasThreeDecimals) {
  // 1.234 × 3 = 3.702; less 12.5 % (0.46275 → 0.463) = 3.239; 19 % = 0.61541 → 0.615.
  EXPECT_EQ(priced(order_of("KWD", {{"1.234", "3", "12.5", "standard"}})),
            "net 3.239 tax 0.615 | total 3.239 + 0.615 = 3.854 KWD");
  // 0.010 × 3 lines, 33.33 % order discount: 0.030 → 0.009999 → 0.010, split 4 / 3 / 3 fils.
  EXPECT_EQ(priced(order_of("KWD", {{"0.010", "1"}, {"0.010", "1"}, {"0.010", "1"}}, "33.33")),
            "net 0.006 tax 0.000 | net 0.007 tax 0.000 | net 0.007 tax 0.000 | "
            "total 0.020 + 0.000 = 0.020 KWD");
}

TEST(PriceOrder, ReportsOverflowInsteadOfWrapping) {
  Order order = order_of("EUR", {{"1.00", "1"}});
  order.lines[0].unit_price.minor = kAmountMinorMax;
  order.lines[0].quantity = Quantity{kQuantityMilliMax};
  const Status status = price_order(order, kRates);
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().reason, "amount_overflow");
}

TEST(PriceOrder, LargestAmountsStayExact) {
  // The largest amount (10^15 cents) less 33.33 %: 6'667'000'000'000.00 exactly.
  Order order = order_of("EUR", {{"1.00", "1", "33.33"}});
  order.lines[0].unit_price.minor = kAmountMinorMax;
  ASSERT_TRUE(price_order(order, kRates).has_value());
  EXPECT_EQ(format_money(order.net_total), "6667000000000.00 EUR");
}

TEST(PriceOrderDeathTest, AnOrderWithoutLinesAborts) {
  Order order = order_of("EUR", {});
  EXPECT_DEATH((void)price_order(order, kRates), "empty");
}

}  // namespace
}  // namespace o2c
