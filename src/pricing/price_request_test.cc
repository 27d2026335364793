// The rule precedence of pricing.h, one rule at a time, amounts to the cent.
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "core/limits.h"
#include "pricing/pricing.h"
#include "pricing/pricing_test_support.h"

namespace o2c {
namespace {

using pricing_test::book_of;
using pricing_test::currency;
using pricing_test::date;
using pricing_test::error_text;
using pricing_test::item;
using pricing_test::line_text;
using pricing_test::money;
using pricing_test::priced_text;
using pricing_test::request_of;
using pricing_test::steps_text;

const std::string kTaxDe = R"toml(
[[tax_rates]]
id = "de-standard"
category = "standard"
country = "DE"
percent = "19"
)toml";

const std::string kLists = R"toml(
[[price_lists]]
id = "eur-default"
currency = "EUR"
prices = [
  { sku = "W-100", price = "10.00" },
  { sku = "B-200", tiers = [{ min_qty = 1, price = "5.00" },
                            { min_qty = 10, price = "4.50" },
                            { min_qty = 100, price = "4.00" }] },
]

[[price_lists]]
id = "eur-retail"
currency = "EUR"
segment = "retail"
prices = [{ sku = "W-100", price = "12.00" }]

[[price_lists]]
id = "usd-default"
currency = "USD"
prices = [{ sku = "W-100", price = "11.00" }]

[[contracts]]
id = "c1-w100"
customer = "C-1"
sku = "W-100"
currency = "EUR"
price = "8.00"
valid_from = 2026-01-01
valid_to = 2026-03-31
)toml";

PricingRequest of_customer(std::string_view customer, PricingRequest request) {
  request.customer_number = std::string(customer);
  return request;
}

// --- 1. Unit price: tiers, segment lists, contracts, catalog ---

TEST(QuantityTiers, PriceTheWholeQuantityAtTheTierReachedAtEachBoundary) {
  const PriceBook book = book_of(kTaxDe + kLists);
  const auto at = [&](std::string_view quantity) {
    return priced_text(book, request_of({item("B-200", quantity)}));
  };
  EXPECT_EQ(at("1"), "unit 5.00 base 5.00 discount 0.00 net 5.00 tax 0.95");
  EXPECT_EQ(at("9"), "unit 5.00 base 45.00 discount 0.00 net 45.00 tax 8.55");
  EXPECT_EQ(at("9.999"), "unit 5.00 base 50.00 discount 0.00 net 50.00 tax 9.50");
  EXPECT_EQ(at("10"), "unit 4.50 base 45.00 discount 0.00 net 45.00 tax 8.55");
  // 4.50 × 99.999 = 449.9955 → 450.00 (half-even).
  EXPECT_EQ(at("99.999"), "unit 4.50 base 450.00 discount 0.00 net 450.00 tax 85.50");
  EXPECT_EQ(at("100"), "unit 4.00 base 400.00 discount 0.00 net 400.00 tax 76.00");
}

TEST(QuantityTiers, TraceNamesTheTierReached) {
  const PriceBook book = book_of(kTaxDe + kLists);
  const PricedOrder order = price_request(book, request_of({item("B-200", "10")})).value();
  const TraceStep& step = order.trace_of(order.lines[0].trace)[0];
  EXPECT_EQ(step.kind, TraceKind::kDefaultListPrice);
  EXPECT_EQ(step.rule_id, "eur-default");
  EXPECT_EQ(step.detail, 10'000);  // tier from quantity 10
  EXPECT_EQ(step.after, money("4.50"));
}

TEST(QuantityTiers, BelowTheFirstTierFallsThroughToTheCatalogPrice) {
  const PriceBook book = book_of(kTaxDe + kLists);
  PricingRequest request = request_of({item("B-200", "0.5")});
  EXPECT_EQ(error_text(book, request), "price_unknown at lines[0].sku");
  request.lines[0].catalog_price = money("6.00");
  EXPECT_EQ(priced_text(book, request), "unit 6.00 base 3.00 discount 0.00 net 3.00 tax 0.57");
  EXPECT_EQ(steps_text(price_request(book, request).value()),
            "catalog_price catalog, tax de-standard");
}

TEST(PriceLists, SegmentListBeatsTheDefaultList) {
  const PriceBook book = book_of(kTaxDe + kLists);
  PricingRequest request = of_customer("C-2", request_of({item("W-100", "1")}));
  request.segment = "retail";
  EXPECT_EQ(priced_text(book, request), "unit 12.00 base 12.00 discount 0.00 net 12.00 tax 2.28");
  EXPECT_EQ(steps_text(price_request(book, request).value()),
            "segment_list_price eur-retail, tax de-standard");
  request.segment = "smb";  // no list of its own
  EXPECT_EQ(priced_text(book, request), "unit 10.00 base 10.00 discount 0.00 net 10.00 tax 1.90");
  request.segment = "";
  EXPECT_EQ(priced_text(book, request), "unit 10.00 base 10.00 discount 0.00 net 10.00 tax 1.90");
}

TEST(PriceLists, SegmentWithoutTheSkuUsesTheDefaultList) {
  const PriceBook book = book_of(kTaxDe + kLists);
  PricingRequest request = of_customer("C-2", request_of({item("B-200", "10")}));
  request.segment = "retail";
  EXPECT_EQ(priced_text(book, request), "unit 4.50 base 45.00 discount 0.00 net 45.00 tax 8.55");
  EXPECT_EQ(price_request(book, request)->lines[0].source, PriceSource::kDefaultList);
}

TEST(PriceLists, PriceInTheRequestCurrency) {
  const PriceBook book = book_of(kTaxDe + kLists);
  PricingRequest request = of_customer("C-2", request_of({item("W-100", "2")}));
  request.currency = currency("USD");
  EXPECT_EQ(priced_text(book, request), "unit 11.00 base 22.00 discount 0.00 net 22.00 tax 4.18");
  request.currency = currency("GBP");  // no GBP list, no catalog price
  EXPECT_EQ(error_text(book, request), "price_unknown at lines[0].sku");
}

TEST(PriceLists, ListValidityIsInclusiveAtBothEnds) {
  const PriceBook book = book_of(kTaxDe + R"toml(
[[price_lists]]
id = "q1"
currency = "EUR"
valid_from = 2026-01-01
valid_to = 2026-03-31
prices = [{ sku = "W-100", price = "10.00" }]

[[price_lists]]
id = "q2"
currency = "EUR"
valid_from = "2026-04-01"
prices = [{ sku = "W-100", price = "11.00" }]
)toml");
  PricingRequest request = request_of({item("W-100", "1")});
  const auto on = [&](std::string_view day) {
    request.date = date(day);
    return error_text(book, request);
  };
  EXPECT_EQ(on("2025-12-31"), "price_unknown at lines[0].sku");
  EXPECT_EQ(on("2026-01-01"), "ok: net 10.00 tax 1.90 gross 11.90 EUR");
  EXPECT_EQ(on("2026-03-31"), "ok: net 10.00 tax 1.90 gross 11.90 EUR");
  EXPECT_EQ(on("2026-04-01"), "ok: net 11.00 tax 2.09 gross 13.09 EUR");
  EXPECT_EQ(on("2099-12-31"), "ok: net 11.00 tax 2.09 gross 13.09 EUR");
}

TEST(ContractPrices, ApplyFromStartToEndInclusive) {
  const PriceBook book = book_of(kTaxDe + kLists);
  PricingRequest request = request_of({item("W-100", "1")});
  const auto on = [&](std::string_view day) {
    request.date = date(day);
    return priced_text(book, request);
  };
  EXPECT_EQ(on("2025-12-31"), "unit 10.00 base 10.00 discount 0.00 net 10.00 tax 1.90");
  EXPECT_EQ(on("2026-01-01"), "unit 8.00 base 8.00 discount 0.00 net 8.00 tax 1.52");
  EXPECT_EQ(on("2026-03-31"), "unit 8.00 base 8.00 discount 0.00 net 8.00 tax 1.52");
  EXPECT_EQ(on("2026-04-01"), "unit 10.00 base 10.00 discount 0.00 net 10.00 tax 1.90");
}

TEST(ContractPrices, BelongToTheirCustomerAndCurrencyAndBeatSegmentLists) {
  const PriceBook book = book_of(kTaxDe + kLists);
  PricingRequest request = request_of({item("W-100", "1")});
  request.segment = "retail";
  EXPECT_EQ(priced_text(book, request), "unit 8.00 base 8.00 discount 0.00 net 8.00 tax 1.52");
  EXPECT_EQ(steps_text(price_request(book, request).value()),
            "contract_price c1-w100, tax de-standard");
  EXPECT_EQ(priced_text(book, of_customer("C-2", request)),
            "unit 12.00 base 12.00 discount 0.00 net 12.00 tax 2.28");
  request.currency = currency("USD");  // the contract is in EUR
  EXPECT_EQ(priced_text(book, request), "unit 11.00 base 11.00 discount 0.00 net 11.00 tax 2.09");
}

TEST(ContractPrices, MayHaveTiers) {
  const PriceBook book = book_of(kTaxDe + R"toml(
[[contracts]]
id = "c1-tiered"
customer = "C-1"
sku = "W-100"
currency = "EUR"
tiers = [{ min_qty = 0, price = "9.00" }, { min_qty = 50, price = "7.00" }]
)toml");
  EXPECT_EQ(priced_text(book, request_of({item("W-100", "49")})),
            "unit 9.00 base 441.00 discount 0.00 net 441.00 tax 83.79");
  EXPECT_EQ(priced_text(book, request_of({item("W-100", "50")})),
            "unit 7.00 base 350.00 discount 0.00 net 350.00 tax 66.50");
}

// --- 2. Promotions and stacking ---

const std::string kTwoPromotions = R"toml(
[[promotions]]
id = "p-amount"
kind = "amount_off"
amount = "2.00"
currency = "EUR"
skus = ["W-100"]

[[promotions]]
id = "p-tools"
kind = "percent_off"
percent = "10"
category = "tools"
)toml";

PricingRequest five_tools() {
  return of_customer("C-2", request_of({item("W-100", "5", "tools")}));
}

TEST(Stacking, BestPriceAppliesOnlyTheLargestDiscount) {
  const PriceBook book =
      book_of("[policy]\nstacking = \"best_price\"\n" + kTaxDe + kLists + kTwoPromotions);
  // 2.00 × 5 = 10.00 beats 10 % of 50.00 = 5.00.
  const PricedOrder order = price_request(book, five_tools()).value();
  EXPECT_EQ(line_text(order), "unit 10.00 base 50.00 discount 10.00 net 40.00 tax 7.60");
  EXPECT_EQ(steps_text(order),
            "default_list_price eur-default, amount_off p-amount, promotion_not_applied p-tools, "
            "tax de-standard");
}

TEST(Stacking, CumulativeAppliesEachToWhatThePreviousLeft) {
  const PriceBook book =
      book_of("[policy]\nstacking = \"cumulative\"\n" + kTaxDe + kLists + kTwoPromotions);
  // 50.00 - 10.00 = 40.00, then 10 % of 40.00 = 4.00: 36.00.
  const PricedOrder order = price_request(book, five_tools()).value();
  EXPECT_EQ(line_text(order), "unit 10.00 base 50.00 discount 14.00 net 36.00 tax 6.84");
  EXPECT_EQ(steps_text(order),
            "default_list_price eur-default, amount_off p-amount, percent_off p-tools, "
            "tax de-standard");
}

TEST(Stacking, PriorityOrdersCumulativePromotions) {
  std::string rules = kTwoPromotions;
  rules.replace(rules.find("category = \"tools\""), 18, "category = \"tools\"\npriority = -1");
  const PriceBook book = book_of("[policy]\nstacking = \"cumulative\"\n" + kTaxDe + kLists + rules);
  // 10 % of 50.00 first = 45.00, then 10.00 off: 35.00.
  EXPECT_EQ(priced_text(book, five_tools()),
            "unit 10.00 base 50.00 discount 15.00 net 35.00 tax 6.65");
}

TEST(Promotions, CategoryPromotionSkipsOtherCategories) {
  const PriceBook book =
      book_of("[policy]\nstacking = \"cumulative\"\n" + kTaxDe + kLists + kTwoPromotions);
  PricingRequest request = five_tools();
  request.lines[0].product_category = "garden";
  EXPECT_EQ(priced_text(book, request), "unit 10.00 base 50.00 discount 10.00 net 40.00 tax 7.60");
}

TEST(Promotions, ContractPricesAreNotDiscountedUnlessThePromotionSaysSo) {
  const PriceBook plain = book_of(kTaxDe + kLists + kTwoPromotions);
  const PricingRequest contract_customer = request_of({item("W-100", "5", "tools")});
  EXPECT_EQ(priced_text(plain, contract_customer),
            "unit 8.00 base 40.00 discount 0.00 net 40.00 tax 7.60");
  std::string rules = kTwoPromotions;
  rules.replace(rules.find("category = \"tools\""), 18,
                "category = \"tools\"\non_contract_prices = true");
  const PriceBook allowing = book_of(kTaxDe + kLists + rules);
  EXPECT_EQ(priced_text(allowing, contract_customer),
            "unit 8.00 base 40.00 discount 4.00 net 36.00 tax 6.84");
}

TEST(Promotions, ValidityWindowAndSegmentsRestrictAPromotion) {
  const PriceBook book = book_of(kTaxDe + kLists + R"toml(
[[promotions]]
id = "march-retail"
kind = "percent_off"
percent = "20"
segments = ["retail"]
valid_from = 2026-03-01
valid_to = 2026-03-31
)toml");
  PricingRequest request = of_customer("C-2", request_of({item("B-200", "1")}));
  request.segment = "retail";
  EXPECT_EQ(priced_text(book, request), "unit 5.00 base 5.00 discount 1.00 net 4.00 tax 0.76");
  request.date = date("2026-04-01");
  EXPECT_EQ(priced_text(book, request), "unit 5.00 base 5.00 discount 0.00 net 5.00 tax 0.95");
  request.date = date("2026-03-31");
  request.segment = "smb";
  EXPECT_EQ(priced_text(book, request), "unit 5.00 base 5.00 discount 0.00 net 5.00 tax 0.95");
}

const std::string kBuyThreeGetOne = R"toml(
[[promotions]]
id = "b3g1"
kind = "buy_x_get_y"
buy = 3
free = 1
skus = ["W-100"]
)toml";

TEST(BuyXGetY, EveryFourthUnitIsFree) {
  const PriceBook book = book_of(kTaxDe + kLists + kBuyThreeGetOne);
  const auto at = [&](std::string_view quantity) {
    return priced_text(book, of_customer("C-2", request_of({item("W-100", quantity)})));
  };
  EXPECT_EQ(at("3"), "unit 10.00 base 30.00 discount 0.00 net 30.00 tax 5.70");
  EXPECT_EQ(at("4"), "unit 10.00 base 40.00 discount 10.00 net 30.00 tax 5.70");
  EXPECT_EQ(at("7"), "unit 10.00 base 70.00 discount 10.00 net 60.00 tax 11.40");
  EXPECT_EQ(at("8"), "unit 10.00 base 80.00 discount 20.00 net 60.00 tax 11.40");
  const PricedOrder order =
      price_request(book, of_customer("C-2", request_of({item("W-100", "8")}))).value();
  EXPECT_EQ(order.trace_of(order.lines[0].trace)[1].detail, 2'000);  // two free units
}

TEST(AmountOff, NeverTakesALineBelowZero) {
  const auto priced = [](std::string_view amount, std::string_view per) {
    const PriceBook book = book_of(kTaxDe + kLists + R"toml(
[[promotions]]
id = "fixed"
kind = "amount_off"
currency = "EUR"
amount = ")toml" + std::string(amount) +
                                   "\"\nper = \"" + std::string(per) + "\"\n");
    return priced_text(book, of_customer("C-2", request_of({item("W-100", "2")})));
  };
  EXPECT_EQ(priced("15.00", "unit"), "unit 10.00 base 20.00 discount 20.00 net 0.00 tax 0.00");
  EXPECT_EQ(priced("25.00", "line"), "unit 10.00 base 20.00 discount 20.00 net 0.00 tax 0.00");
  EXPECT_EQ(priced("3.00", "line"), "unit 10.00 base 20.00 discount 3.00 net 17.00 tax 3.23");
  EXPECT_EQ(priced("3.00", "unit"), "unit 10.00 base 20.00 discount 6.00 net 14.00 tax 2.66");
  EXPECT_EQ(priced("5000000000000.00", "unit"),
            "unit 10.00 base 20.00 discount 20.00 net 0.00 tax 0.00");
}

TEST(AmountOff, AppliesOnlyToRequestsInItsCurrency) {
  const PriceBook book = book_of(kTaxDe + kLists + R"toml(
[[promotions]]
id = "usd-off"
kind = "amount_off"
currency = "USD"
amount = "1.00"
)toml");
  PricingRequest request = of_customer("C-2", request_of({item("W-100", "2")}));
  EXPECT_EQ(priced_text(book, request), "unit 10.00 base 20.00 discount 0.00 net 20.00 tax 3.80");
  request.currency = currency("USD");
  EXPECT_EQ(priced_text(book, request), "unit 11.00 base 22.00 discount 2.00 net 20.00 tax 3.80");
}

// --- 3-4. Manual discount and the discount cap ---

TEST(ManualDiscount, AppliesAfterPromotions) {
  const PriceBook book = book_of(kTaxDe + kLists + kTwoPromotions);
  PricingRequest request = five_tools();
  request.lines[0].manual_discount = BasisPoints{500};
  // Best price: 50.00 - 10.00 = 40.00, then 5 % = 2.00: 38.00.
  EXPECT_EQ(priced_text(book, request), "unit 10.00 base 50.00 discount 12.00 net 38.00 tax 7.22");
}

TEST(DiscountCap, LimitsAllDiscountsOfALine) {
  const PriceBook book =
      book_of("[policy]\nstacking = \"cumulative\"\nmax_discount_percent = \"25\"\n" + kTaxDe +
              kLists + kTwoPromotions);
  // 14.00 of discounts on 50.00 is capped at 25 % = 12.50; tax 37.50 × 19 % = 7.125 → 7.12.
  const PricedOrder order = price_request(book, five_tools()).value();
  EXPECT_EQ(line_text(order), "unit 10.00 base 50.00 discount 12.50 net 37.50 tax 7.12");
  EXPECT_EQ(steps_text(order),
            "default_list_price eur-default, amount_off p-amount, percent_off p-tools, "
            "discount_cap max_discount_percent, tax de-standard");
}

TEST(DiscountCap, RoundsTheCapDownSoItIsNeverExceeded) {
  const PriceBook book = book_of("[policy]\nmax_discount_percent = \"33.33\"\n" + kTaxDe +
                                 R"toml(
[[promotions]]
id = "half"
kind = "percent_off"
percent = "50"
)toml");
  PricingRequest request = request_of({item("X-1", "1")});
  request.lines[0].catalog_price = money("0.50");
  // 33.33 % of 0.50 = 0.16665 → 0.16 (down), not 0.17.
  EXPECT_EQ(priced_text(book, request), "unit 0.50 base 0.50 discount 0.16 net 0.34 tax 0.06");
}

// --- 5. Margin guard ---

std::string with_margin(std::string_view margin, std::string_view percent_off) {
  return "[policy]\nmin_margin_percent = \"" + std::string(margin) + "\"\n" + kTaxDe + kLists +
         "[[promotions]]\nid = \"deal\"\nkind = \"percent_off\"\npercent = \"" +
         std::string(percent_off) + "\"\n";
}

PricingRequest costing(std::string_view cost) {
  PricingRequest request = of_customer("C-2", request_of({item("W-100", "1")}));
  request.lines[0].standard_cost = money(cost);
  return request;
}

TEST(MarginGuard, CutsDiscountsBackToTheFloor) {
  const PriceBook book = book_of(with_margin("20", "30"));
  // Floor 7.00 × 1.20 = 8.40; 30 % off would give 7.00.
  const PricedOrder order = price_request(book, costing("7.00")).value();
  EXPECT_EQ(line_text(order), "unit 10.00 base 10.00 discount 1.60 net 8.40 tax 1.60");
  EXPECT_EQ(order.lines[0].margin, MarginCheck::kDiscountLimited);
  EXPECT_EQ(steps_text(order),
            "default_list_price eur-default, percent_off deal, margin_guard min_margin_percent, "
            "tax de-standard");
}

TEST(MarginGuard, LeavesDiscountsAboveTheFloorAlone) {
  const PriceBook book = book_of(with_margin("20", "10"));
  const PricedOrder order = price_request(book, costing("7.00")).value();
  EXPECT_EQ(line_text(order), "unit 10.00 base 10.00 discount 1.00 net 9.00 tax 1.71");
  EXPECT_EQ(order.lines[0].margin, MarginCheck::kOk);
}

TEST(MarginGuard, FlagsABasePriceBelowTheFloorAndWithdrawsDiscounts) {
  const PriceBook book = book_of(with_margin("20", "10"));
  // Floor 9.00 × 1.20 = 10.80 is above the list price 10.00.
  const PricedOrder order = price_request(book, costing("9.00")).value();
  EXPECT_EQ(line_text(order), "unit 10.00 base 10.00 discount 0.00 net 10.00 tax 1.90");
  EXPECT_EQ(order.lines[0].margin, MarginCheck::kBelowFloor);
  EXPECT_EQ(steps_text(order),
            "default_list_price eur-default, percent_off deal, margin_below_floor "
            "min_margin_percent, margin_guard min_margin_percent, tax de-standard");
  EXPECT_EQ(order.trace_of(order.lines[0].trace)[2].after, money("10.80"));
}

TEST(MarginGuard, RoundsTheFloorUp) {
  const PriceBook book = book_of(with_margin("10", "70"));
  // 3.33 × 1.10 = 3.663 → floor 3.67, so 70 % off (3.00) stops at 3.67.
  EXPECT_EQ(priced_text(book, costing("3.33")),
            "unit 10.00 base 10.00 discount 6.33 net 3.67 tax 0.70");
}

TEST(MarginGuard, NeedsACostAndAPolicy) {
  const PriceBook guarded = book_of(with_margin("20", "30"));
  PricingRequest request = costing("7.00");
  request.lines[0].standard_cost.reset();
  const PricedOrder order = price_request(guarded, request).value();
  EXPECT_EQ(order.lines[0].margin, MarginCheck::kNotChecked);
  EXPECT_EQ(line_text(order), "unit 10.00 base 10.00 discount 3.00 net 7.00 tax 1.33");
}

TEST(MarginGuard, RejectsACostInAnotherCurrency) {
  const PriceBook book = book_of(with_margin("20", "30"));
  PricingRequest request = costing("7.00");
  request.lines[0].standard_cost = money("7.00", "USD");
  EXPECT_EQ(error_text(book, request), "currency_mismatch at lines[0].standard_cost");
}

// --- Coupons ---

const std::string kCoupons = R"toml(
[[price_lists]]
id = "eur-default"
currency = "EUR"
prices = [{ sku = "W-100", price = "10.00" }, { sku = "G-300", price = "10.00" }]

[[promotions]]
id = "spring"
kind = "percent_off"
percent = "15"

[[promotions]]
id = "big-g300"
kind = "percent_off"
percent = "20"
skus = ["G-300"]

[[coupons]]
code = "SPRING15"
promotion = "spring"
single_use = true
valid_from = 2026-03-01
valid_to = 2026-03-31

[[coupons]]
code = "TEAM15"
promotion = "spring"
)toml";

PricingRequest with_coupons(std::vector<std::string> codes, std::string_view sku = "W-100") {
  PricingRequest request = request_of({item(sku, "1")});
  request.coupon_codes = std::move(codes);
  return request;
}

TEST(Coupons, EnableTheirPromotion) {
  const PriceBook book = book_of(kTaxDe + kCoupons);
  EXPECT_EQ(priced_text(book, with_coupons({})),
            "unit 10.00 base 10.00 discount 0.00 net 10.00 tax 1.90");
  const PricedOrder order = price_request(book, with_coupons({"SPRING15"})).value();
  // 8.50 × 19 % = 1.615 → 1.62 (half-even to the even cent).
  EXPECT_EQ(line_text(order), "unit 10.00 base 10.00 discount 1.50 net 8.50 tax 1.62");
  EXPECT_EQ(order.trace_of(order.lines[0].trace)[1].coupon, "SPRING15");
  ASSERT_EQ(order.coupons.size(), 1u);
  EXPECT_EQ(order.coupons[0].promotion_id, "spring");
  EXPECT_TRUE(order.coupons[0].single_use);
  EXPECT_TRUE(order.coupons[0].applied);
}

TEST(Coupons, AnUnappliedCouponIsNotConsumed) {
  const PriceBook book = book_of(kTaxDe + kCoupons);
  // On G-300 the 20 % promotion beats the coupon's 15 %.
  const PricedOrder order = price_request(book, with_coupons({"SPRING15"}, "G-300")).value();
  EXPECT_EQ(line_text(order), "unit 10.00 base 10.00 discount 2.00 net 8.00 tax 1.52");
  EXPECT_FALSE(order.coupons[0].applied);
}

TEST(Coupons, ExpiredOrNotYetValidCouponIsRejected) {
  const PriceBook book = book_of(kTaxDe + kCoupons);
  PricingRequest request = with_coupons({"SPRING15"});
  request.date = date("2026-04-01");
  const Result<PricedOrder> expired = price_request(book, request);
  ASSERT_FALSE(expired.has_value());
  EXPECT_EQ(expired.error().reason, "coupon_expired");
  EXPECT_EQ(expired.error().kind, ErrorKind::kFailedPrecondition);
  EXPECT_EQ(expired.error().where, "coupon_codes[0]");
  EXPECT_EQ(expired.error().message, "coupon 'SPRING15' has expired (order date 2026-04-01)");
  request.date = date("2026-02-28");
  EXPECT_EQ(error_text(book, request), "coupon_not_yet_valid at coupon_codes[0]");
  request.date = date("2026-03-31");
  EXPECT_EQ(error_text(book, request), "ok: net 8.50 tax 1.62 gross 10.12 EUR");
}

TEST(Coupons, SingleUseCouponCannotBeRedeemedTwice) {
  const PriceBook book = book_of(kTaxDe + kCoupons);
  PricingRequest request = with_coupons({"TEAM15", "SPRING15"});
  request.redeemed_coupons = {"SPRING15", "TEAM15"};
  const Result<PricedOrder> reused = price_request(book, request);
  ASSERT_FALSE(reused.has_value());
  EXPECT_EQ(reused.error().reason, "coupon_already_redeemed");
  EXPECT_EQ(reused.error().kind, ErrorKind::kAlreadyExists);
  EXPECT_EQ(reused.error().where, "coupon_codes[1]");  // TEAM15 is not single-use
  request.coupon_codes = {"TEAM15"};
  EXPECT_EQ(error_text(book, request), "ok: net 8.50 tax 1.62 gross 10.12 EUR");
}

TEST(Coupons, UnknownOrRepeatedCouponIsRejected) {
  const PriceBook book = book_of(kTaxDe + kCoupons);
  const Result<PricedOrder> unknown = price_request(book, with_coupons({"BOGUS"}));
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(error_text(book, with_coupons({"BOGUS"})), "coupon_unknown at coupon_codes[0]");
  EXPECT_EQ(error_text(book, with_coupons({"TEAM15", "TEAM15"})),
            "coupon_listed_twice at coupon_codes[1]");
  std::vector<std::string> many(kCouponsPerRequestMax + 1, "TEAM15");
  EXPECT_EQ(error_text(book, with_coupons(many)), "too_many_coupons at coupon_codes");
}

// --- Request checks ---

TEST(PriceRequest, RejectsACurrencyMismatch) {
  const PriceBook book = book_of(kTaxDe);
  PricingRequest request = request_of({item("X-1", "1")});
  request.lines[0].catalog_price = money("5.00", "USD");
  EXPECT_EQ(error_text(book, request), "currency_mismatch at lines[0].catalog_price");
  const Result<PricedOrder> refused = price_request(book, request);
  EXPECT_EQ(refused.error().message, "catalog_price 5.00 USD is not in the order currency EUR");
}

TEST(PriceRequest, RejectsAnOverflowingLine) {
  const PriceBook book = book_of(kTaxDe);
  PricingRequest request = request_of({item("X-1", "1000")});
  request.lines[0].catalog_price = Money{kAmountMinorMax, currency("EUR")};
  // Past kAmountMinorMax (10^15 minor units) …
  EXPECT_EQ(error_text(book, request), "amount_overflow at lines[0].quantity");
  // … and past int64 itself (10^13 EUR × 10^9 units).
  request.lines[0].quantity = Quantity{kQuantityMilliMax};
  EXPECT_EQ(error_text(book, request), "amount_overflow at lines[0].quantity");
  request.lines[0].quantity = units(1);
  request.lines[0].catalog_price = Money{kAmountMinorMax + 1, currency("EUR")};
  EXPECT_EQ(error_text(book, request), "amount_overflow at lines[0].catalog_price");
}

TEST(PriceRequest, TheLargestOrderDoesNotOverflow) {
  const PriceBook book = book_of(kTaxDe);
  std::vector<PricingLine> lines(kOrderLinesMax, item("X-1", "1"));
  for (PricingLine& line : lines) line.catalog_price = Money{kAmountMinorMax, currency("EUR")};
  PricingRequest request = request_of(lines);
  request.shipping.assign(kShippingChargesMax,
                          ShippingCharge{"freight", money("1.00"), "standard"});
  // 1,000 × 10,000,000,000,000.00 + 100 × 1.00; tax 19 %.
  EXPECT_EQ(error_text(book, request),
            "ok: net 10000000000000100.00 tax 1900000000000019.00 gross 11900000000000119.00 EUR");
  request.shipping.push_back(ShippingCharge{"freight", money("1.00"), "standard"});
  EXPECT_EQ(error_text(book, request), "too_many_charges at shipping");
}

TEST(PriceRequest, RejectsBadLines) {
  const PriceBook book = book_of(kTaxDe + kLists);
  EXPECT_EQ(error_text(book, request_of({})), "no_lines at lines");
  PricingRequest bad_date = request_of({item("W-100", "1")});
  bad_date.date = Date{std::chrono::year{2026}, std::chrono::February, std::chrono::day{30}};
  EXPECT_EQ(error_text(book, bad_date), "invalid_date at date");
  EXPECT_EQ(error_text(book, request_of({item("W-100", "0")})),
            "quantity_must_be_positive at lines[0].quantity");
  EXPECT_EQ(error_text(book, request_of({item("W-100", "1"), item("W-100", "-1")})),
            "quantity_must_be_positive at lines[1].quantity");
  PricingRequest request = request_of({item("W-100", "1")});
  request.lines[0].quantity = Quantity{kQuantityMilliMax + 1};
  EXPECT_EQ(error_text(book, request), "quantity_too_large at lines[0].quantity");
  request.lines[0].quantity = units(1);
  request.lines[0].manual_discount = BasisPoints{10'001};
  EXPECT_EQ(error_text(book, request), "discount_out_of_range at lines[0].manual_discount");
  request.lines[0].manual_discount = BasisPoints{0};
  request.lines[0].catalog_price = money("-1.00");
  EXPECT_EQ(error_text(book, request), "negative_amount at lines[0].catalog_price");
  std::vector<PricingLine> many(kOrderLinesMax + 1, item("W-100", "1"));
  EXPECT_EQ(error_text(book, request_of(many)), "too_many_lines at lines");
}

TEST(PriceRequest, RejectsTooManyPromotionsForOneLine) {
  std::string rules = kTaxDe + kLists;
  for (std::size_t i = 0; i <= kPromotionsPerLineMax; ++i) {
    rules += "[[promotions]]\nid = \"p" + std::to_string(i) +
             "\"\nkind = \"percent_off\"\npercent = \"1\"\n";
  }
  const PriceBook book = book_of(rules);
  EXPECT_EQ(error_text(book, of_customer("C-2", request_of({item("W-100", "1")}))),
            "too_many_promotions at lines[0].sku");
}

TEST(PriceRequests, PricesEachRequestOnItsOwn) {
  const PriceBook book = book_of(kTaxDe + kLists);
  const std::vector<PricingRequest> requests = {request_of({item("B-200", "10")}),
                                                request_of({item("NOPE", "1")}),
                                                request_of({item("B-200", "100")})};
  const std::vector<Result<PricedOrder>> results = price_requests(book, requests);
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(line_text(*results[0]), "unit 4.50 base 45.00 discount 0.00 net 45.00 tax 8.55");
  EXPECT_EQ(results[1].error().reason, "price_unknown");
  EXPECT_EQ(line_text(*results[2]), "unit 4.00 base 400.00 discount 0.00 net 400.00 tax 76.00");
}

TEST(PricingRejection, WireNamesAreUniqueAndComplete) {
  std::set<std::string_view> names;
  for (std::uint16_t n = 1; n <= static_cast<std::uint16_t>(PricingRejection::kInvalidDate); ++n) {
    const std::string_view name = wire_name(static_cast<PricingRejection>(n));
    EXPECT_FALSE(name.empty());
    EXPECT_TRUE(names.insert(name).second) << name;
  }
  EXPECT_EQ(wire_name(PricingRejection::kCouponExpired), "coupon_expired");
}

}  // namespace
}  // namespace o2c
