// The readable trace of `o2c price explain`.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "pricing/pricing.h"
#include "pricing/pricing_test_support.h"

namespace o2c {
namespace {

using pricing_test::book_of;
using pricing_test::item;
using pricing_test::money;
using pricing_test::request_of;

TEST(ExplainLine, ListsEveryRuleThatMadeThePrice) {
  const PriceBook book = book_of(R"toml(
[policy]
stacking = "cumulative"
max_discount_percent = "12"

[[price_lists]]
id = "eur-default"
currency = "EUR"
prices = [{ sku = "B-200", tiers = [{ min_qty = 1, price = "5.00" },
                                    { min_qty = 10, price = "4.50" }] }]

[[promotions]]
id = "b200-promo"
kind = "percent_off"
percent = "10"
skus = ["B-200"]

[[promotions]]
id = "five-off"
kind = "amount_off"
amount = "0.20"
currency = "EUR"

[[coupons]]
code = "SAVE10"
promotion = "b200-promo"

[[tax_rates]]
id = "de-standard"
category = "standard"
country = "DE"
percent = "19"
)toml");
  PricingRequest request = request_of({item("B-200", "10")});
  request.customer_number = "C-9";
  request.coupon_codes = {"SAVE10"};
  request.lines[0].manual_discount = BasisPoints{200};
  const PricedOrder order = price_request(book, request).value();
  const std::vector<std::string> expected = {
      "line 1: B-200 qty 10 for C-9 on 2026-03-02 in EUR, price from default_list",
      "  1. default_list_price eur-default: unit price 4.50 EUR (quantity tier from 10)",
      "  2. percent_off b200-promo (coupon SAVE10): 10 % off, 45.00 -> 40.50 EUR",
      "  3. amount_off five-off: 0.20 EUR off, 40.50 -> 38.50 EUR",
      "  4. manual_discount: 2 % off, 38.50 -> 37.73 EUR",
      "  5. discount_cap max_discount_percent: discounts capped at 12 % of the base amount, "
      "net 37.73 -> 39.60 EUR",
      "  6. tax de-standard: 19 % of 39.60 = 7.52 EUR (rounded per line)",
      "  = base 45.00 - discount 5.40 = net 39.60 + tax 7.52 = 47.12 EUR; margin not_checked",
  };
  EXPECT_EQ(explain_line(request, order, 0), expected);
}

TEST(DescribeStep, SaysWhatEachKindOfRuleDid) {
  const auto step = [](TraceKind kind, std::string_view rule, std::string_view before,
                       std::string_view after, std::int64_t detail) {
    return describe_step(TraceStep{kind, rule, {}, money(before), money(after), detail});
  };
  EXPECT_EQ(step(TraceKind::kContractPrice, "c1", "19.99", "15.00", -1),
            "contract_price c1: unit price 15.00 EUR, catalog price 19.99 EUR");
  EXPECT_EQ(step(TraceKind::kBuyXGetY, "b3g1", "80.00", "60.00", 2'000),
            "buy_x_get_y b3g1: 2 free, 80.00 -> 60.00 EUR");
  EXPECT_EQ(step(TraceKind::kPromotionNotApplied, "p", "50.00", "45.00", 1'000),
            "promotion_not_applied p: not applied, a better promotion won (it would have given "
            "50.00 -> 45.00 EUR)");
  EXPECT_EQ(step(TraceKind::kMarginGuard, "min_margin_percent", "7.00", "8.40", 2'000),
            "margin_guard min_margin_percent: net kept at the margin floor (standard cost + 20 %), "
            "7.00 -> 8.40 EUR");
  EXPECT_EQ(step(TraceKind::kMarginBelowFloor, "min_margin_percent", "10.00", "10.80", 2'000),
            "margin_below_floor min_margin_percent: base amount 10.00 EUR is below the margin "
            "floor 10.80 EUR (standard cost + 20 %); no discount allowed, the line needs approval");
  EXPECT_EQ(step(TraceKind::kTaxDocumentShare, "de", "0.10", "0.01", 700),
            "tax_document_share de: 7 % of 0.10, share of the per-document tax = 0.01 EUR");
  EXPECT_EQ(step(TraceKind::kTaxExempt, "tax_exempt", "10.00", "0.00", 0),
            "tax_exempt: the customer is tax-exempt, no tax on 10.00 EUR");
}

}  // namespace
}  // namespace o2c
