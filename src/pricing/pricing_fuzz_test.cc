// Bad input never crashes (STYLE.md rule 16): every truncation and many byte mutations of a
// rules file give a book or an error, and random requests against a book give a priced order
// whose lines, charges, breakdown and totals agree, or an error.
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "pricing/pricing.h"
#include "pricing/pricing_test_support.h"

namespace o2c {
namespace {

using pricing_test::book_of;
using pricing_test::item;

const std::string kRules = R"toml(
[policy]
stacking = "cumulative"
max_discount_percent = "35"
min_margin_percent = "5"
tax_rounding = "per_document"

[[price_lists]]
id = "eur-default"
currency = "EUR"
prices = [
  { sku = "W-1", price = "10.00" },
  { sku = "W-2", tiers = [{ min_qty = 1, price = "5.00" }, { min_qty = 10, price = "4.50" }] },
  { sku = "W-3", price = "0.07" },
]

[[price_lists]]
id = "eur-retail"
currency = "EUR"
segment = "retail"
valid_from = 2026-01-01
valid_to = 2026-12-31
prices = [{ sku = "W-1", price = "12.00" }]

[[contracts]]
id = "c1-w2"
customer = "C-1"
sku = "W-2"
currency = "EUR"
price = "3.99"

[[promotions]]
id = "tools"
kind = "percent_off"
percent = "10"
category = "tools"

[[promotions]]
id = "b3g1"
kind = "buy_x_get_y"
buy = 3
free = 1
skus = ["W-1"]
on_contract_prices = true

[[promotions]]
id = "off"
kind = "amount_off"
amount = "0.30"
currency = "EUR"
per = "line"
segments = ["retail"]

[[promotions]]
id = "coupon-only"
kind = "percent_off"
percent = "20"

[[coupons]]
code = "SAVE20"
promotion = "coupon-only"
single_use = true
valid_to = 2026-12-31
)toml" + pricing_test::kGermanTaxRates;

// A small deterministic generator (no global state).
struct Random {
  std::uint64_t state;
  std::uint64_t below(std::uint64_t bound) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return (state >> 33) % bound;
  }
};

TEST(ParsePriceRulesFuzz, EveryTruncationGivesABookOrAnError) {
  ASSERT_EQ(pricing_test::rules_error(kRules), "ok");
  for (std::size_t size = 0; size < kRules.size(); ++size) {
    const Result<PriceBook> book = parse_price_rules(std::string_view(kRules).substr(0, size));
    if (!book) {
      EXPECT_FALSE(book.error().reason.empty()) << size;
    }
  }
}

TEST(ParsePriceRulesFuzz, MutatedBytesGiveABookOrAnError) {
  Random random{7};
  constexpr char kAlphabet[] = "[]{}=\",.-_ 0123456789azAZ#\n\t\\'";
  for (int round = 0; round < 3'000; ++round) {
    std::string text = kRules;
    const std::uint64_t edits = 1 + random.below(4);
    for (std::uint64_t e = 0; e < edits; ++e) {
      const std::size_t at = random.below(text.size());
      switch (random.below(3)) {
        case 0:
          text[at] = kAlphabet[random.below(sizeof kAlphabet - 1)];
          break;
        case 1:
          text.erase(at, 1 + random.below(8));
          break;
        default:
          text.insert(at, 1, kAlphabet[random.below(sizeof kAlphabet - 1)]);
          break;
      }
    }
    const Result<PriceBook> book = parse_price_rules(text);
    if (!book) {
      EXPECT_FALSE(book.error().reason.empty());
    }
  }
}

// Random requests: always an error with a reason and a place, or an order that adds up.
TEST(PriceRequestFuzz, RandomRequestsGiveAConsistentOrderOrAnError) {
  const PriceBook book = book_of(kRules);
  Random random{11};
  const char* skus[] = {"W-1", "W-2", "W-3", "UNKNOWN"};
  const char* categories[] = {"", "tools", "garden"};
  const char* taxes[] = {"standard", "reduced", "luxury"};
  const char* coupons[] = {"SAVE20", "BOGUS"};
  int priced = 0;
  for (int round = 0; round < 5'000; ++round) {
    PricingRequest request = pricing_test::request_of({});
    request.customer_number = random.below(2) == 0 ? "C-1" : "C-2";
    request.segment = random.below(2) == 0 ? "retail" : "";
    request.tax_exempt = random.below(10) == 0;
    if (random.below(4) == 0) request.coupon_codes.push_back(coupons[random.below(2)]);
    if (random.below(8) == 0) request.redeemed_coupons.push_back("SAVE20");
    const std::uint64_t count = random.below(6);
    for (std::uint64_t k = 0; k < count; ++k) {
      PricingLine line = item(skus[random.below(4)], "1", categories[random.below(3)]);
      line.quantity = Quantity{static_cast<std::int64_t>(random.below(30'000)) - 500};
      line.tax_category = taxes[random.below(20) == 0 ? 2 : random.below(2)];
      if (random.below(2) == 0) {
        line.catalog_price =
            Money{static_cast<std::int64_t>(random.below(2'000)), request.currency};
      }
      if (random.below(2) == 0) {
        line.standard_cost =
            Money{static_cast<std::int64_t>(random.below(1'500)), request.currency};
      }
      line.manual_discount = BasisPoints{static_cast<std::int32_t>(random.below(3'000))};
      request.lines.push_back(line);
    }
    if (random.below(3) == 0) {
      request.shipping.push_back(ShippingCharge{
          "freight", Money{static_cast<std::int64_t>(random.below(1'000)), request.currency}});
    }
    const Result<PricedOrder> order = price_request(book, request);
    if (!order) {
      EXPECT_FALSE(order.error().reason.empty());
      EXPECT_FALSE(order.error().where.empty()) << order.error().reason;
      continue;
    }
    ++priced;
    std::int64_t net = 0;
    std::int64_t tax = 0;
    for (const PricedLine& line : order->lines) {
      EXPECT_GE(line.net.minor, 0);
      EXPECT_EQ(line.base_amount.minor - line.discount.minor, line.net.minor);
      EXPECT_FALSE(order->trace_of(line.trace).empty());
      net += line.net.minor;
      tax += line.tax.minor;
    }
    for (const PricedCharge& charge : order->charges) {
      net += charge.net.minor;
      tax += charge.tax.minor;
    }
    EXPECT_EQ(net, order->net_total.minor);
    EXPECT_EQ(tax, order->tax_total.minor);
    EXPECT_EQ(net + tax, order->gross_total.minor);
  }
  EXPECT_GT(priced, 500);  // the generator reaches the pricing rules, not only rejections
}

}  // namespace
}  // namespace o2c
