// The TOML rules parser: a good file, and one bad input per error, each named by rule and
// field (and the TOML line where the parser still has it).
#include <string>

#include <gtest/gtest.h>

#include "pricing/pricing.h"
#include "pricing/pricing_test_support.h"

namespace o2c {
namespace {

using pricing_test::book_of;
using pricing_test::rules_error;

TEST(ParsePriceRules, ReadsEveryKindOfRule) {
  const PriceBook book = book_of(R"toml(
[policy]
stacking = "cumulative"
max_discount_percent = "30"
min_margin_percent = "12.5"
tax_rounding = "per_document"

[[price_lists]]
id = "eur-retail"
currency = "EUR"
segment = "retail"
valid_from = 2026-01-01
valid_to = "2026-12-31"
prices = [
  { sku = "W-100", price = "19.99" },
  { sku = "W-200", tiers = [{ min_qty = 1, price = "10" }, { min_qty = "10.5", price = "9.00" }] },
]

[[contracts]]
id = "c-0001-w100"
customer = "C-0001"
sku = "W-100"
currency = "EUR"
price = "15.00"

[[promotions]]
id = "spring-tools"
kind = "percent_off"
percent = 10
category = "tools"
segments = ["retail", "smb"]
priority = 5

[[promotions]]
id = "five-off"
kind = "amount_off"
amount = "5.00"
currency = "EUR"
per = "line"
skus = ["W-100", "W-200"]

[[promotions]]
id = "b3g1"
kind = "buy_x_get_y"
buy = 3
free = 1
on_contract_prices = true

[[coupons]]
code = "SPRING10"
promotion = "spring-tools"
single_use = true
valid_to = 2026-04-30

[[tax_rates]]
id = "de-standard"
category = "standard"
country = "DE"
percent = "19"
)toml");
  EXPECT_EQ(book.rule_count(), 2u + 1 + 3 + 1 + 1);
  EXPECT_EQ(book.policy().stacking, Stacking::kCumulative);
  EXPECT_EQ(book.policy().tax_rounding, TaxRounding::kPerDocument);
  EXPECT_EQ(book.policy().max_discount, BasisPoints{3'000});
  EXPECT_EQ(book.policy().min_margin, BasisPoints{1'250});
}

TEST(ParsePriceRules, AcceptsAnEmptyFile) {
  const PriceBook book = book_of("");
  EXPECT_EQ(book.rule_count(), 0u);
  EXPECT_EQ(book.policy().stacking, Stacking::kBestPrice);
  EXPECT_EQ(book.policy().tax_rounding, TaxRounding::kPerLine);
}

TEST(ParsePriceRules, RefusesTomlSyntaxErrorsWithTheirPosition) {
  EXPECT_EQ(rules_error("[[price_lists]]\nid = \"a\"\ncurrency = EUR\n"),
            "toml_syntax at line 3, column 12");
}

TEST(ParsePriceRules, RefusesUnknownCurrency) {
  const Result<PriceBook> book =
      parse_price_rules("[[price_lists]]\nid = \"eu\"\ncurrency = \"EUX\"\n");
  ASSERT_FALSE(book.has_value());
  EXPECT_EQ(book.error().reason, "unknown_currency");
  EXPECT_EQ(book.error().where, "price_lists[0].currency, line 3");
  EXPECT_EQ(book.error().message, "price list 'eu': 'EUX' is not an ISO 4217 currency we know");
}

TEST(ParsePriceRules, RefusesNegativePrices) {
  EXPECT_EQ(rules_error(R"toml(
[[price_lists]]
id = "eu"
currency = "EUR"
prices = [{ sku = "W-1", price = "-0.01" }]
)toml"),
            "negative_price at price_lists[0].prices[0].price, line 5");
  EXPECT_EQ(rules_error(R"toml(
[[contracts]]
id = "c"
customer = "C-1"
sku = "W-1"
currency = "EUR"
tiers = [{ min_qty = 1, price = "1.00" }, { min_qty = 5, price = "-1.00" }]
)toml"),
            "negative_price at contracts[0].tiers[1].price, line 7");
}

TEST(ParsePriceRules, RefusesOverlappingOrUnorderedTiers) {
  const std::string list = "[[price_lists]]\nid = \"eu\"\ncurrency = \"EUR\"\nprices = [";
  const auto tiers = [&](std::string_view first, std::string_view second) {
    return rules_error(list + "{ sku = \"W-1\", tiers = [{ min_qty = " + std::string(first) +
                       ", price = \"2\" }, { min_qty = " + std::string(second) +
                       ", price = \"1\" }] }]");
  };
  EXPECT_EQ(tiers("1", "1"), "tier_overlap at price_lists[0].prices[0].tiers[1].min_qty");
  EXPECT_EQ(tiers("5", "1"), "tiers_unordered at price_lists[0].prices[0].tiers[1].min_qty");
  EXPECT_EQ(tiers("1", "\"1.000\""), "tier_overlap at price_lists[0].prices[0].tiers[1].min_qty");
  EXPECT_EQ(tiers("1", "\"1.001\""), "ok");
  EXPECT_EQ(rules_error(list + R"({ sku = "W-1", tiers = [] }])"),
            "no_tiers at price_lists[0].prices[0]");
  EXPECT_EQ(rules_error(list + R"({ sku = "W-1", price = "1", tiers = [] }])"),
            "price_and_tiers at price_lists[0].prices[0].tiers, line 4");
  EXPECT_EQ(rules_error(list + R"({ sku = "W-1" }])"),
            "field_missing at price_lists[0].prices[0].price, line 4");
}

TEST(ParsePriceRules, RefusesEndDateBeforeStart) {
  const Result<PriceBook> book = parse_price_rules(R"toml(
[[promotions]]
id = "spring"
kind = "percent_off"
percent = "10"
valid_from = 2026-05-01
valid_to = 2026-04-30
)toml");
  ASSERT_FALSE(book.has_value());
  EXPECT_EQ(book.error().reason, "dates_reversed");
  EXPECT_EQ(book.error().where, "promotions[0].valid_to");
  EXPECT_EQ(book.error().message,
            "promotion 'spring': valid_to 2026-04-30 is before valid_from 2026-05-01");
}

TEST(ParsePriceRules, RefusesUnknownPromotionKind) {
  const Result<PriceBook> book = parse_price_rules(R"toml(
[[promotions]]
id = "bogo"
kind = "bogof"
)toml");
  ASSERT_FALSE(book.has_value());
  EXPECT_EQ(book.error().reason, "unknown_promotion_kind");
  EXPECT_EQ(book.error().where, "promotions[0].kind, line 4");
  EXPECT_EQ(book.error().message,
            "promotion 'bogo': kind 'bogof' is not percent_off, amount_off or buy_x_get_y");
}

TEST(ParsePriceRules, RefusesDuplicateRuleIds) {
  const Result<PriceBook> book = parse_price_rules(R"toml(
[[price_lists]]
id = "spring"
currency = "EUR"

[[promotions]]
id = "spring"
kind = "percent_off"
percent = "10"
)toml");
  ASSERT_FALSE(book.has_value());
  EXPECT_EQ(book.error().reason, "duplicate_rule_id");
  EXPECT_EQ(book.error().where, "promotions[0].id");
  EXPECT_EQ(book.error().message, "rule id 'spring' is already used by price_lists[0]");
}

TEST(ParsePriceRules, RefusesUnknownFieldsAndTables) {
  EXPECT_EQ(
      rules_error("[[price_lists]]\nid = \"eu\"\ncurrency = \"EUR\"\nvalid_untill = 2026-01-01\n"),
      "unknown_field at price_lists[0].valid_untill, line 4");
  EXPECT_EQ(rules_error("[[price_list]]\nid = \"eu\"\n"), "unknown_field at price_list, line 1");
  EXPECT_EQ(rules_error("[[promotions]]\nid = \"x\"\nkind = \"amount_off\"\npercent = \"5\"\n"),
            "unknown_field at promotions[0].percent, line 4");
  EXPECT_EQ(rules_error("[policy]\nstack = \"cumulative\"\n"),
            "unknown_field at policy.stack, line 2");
}

TEST(ParsePriceRules, RefusesWrongTypes) {
  EXPECT_EQ(rules_error(R"toml(
[[price_lists]]
id = "eu"
currency = "EUR"
prices = [{ sku = "W-1", price = 19.99 }]
)toml"),
            "wrong_type at price_lists[0].prices[0].price, line 5");
  EXPECT_EQ(rules_error("[[price_lists]]\nid = 7\n"), "wrong_type at price_lists[0].id, line 2");
  EXPECT_EQ(rules_error("policy = 3\n"), "wrong_type at policy, line 1");
  EXPECT_EQ(rules_error("price_lists = 3\n"), "wrong_type at price_lists, line 1");
  EXPECT_EQ(
      rules_error("[[promotions]]\nid = \"x\"\nkind = \"buy_x_get_y\"\nbuy = \"3\"\nfree = 1\n"),
      "wrong_type at promotions[0].buy, line 4");
}

TEST(ParsePriceRules, RefusesBadNumbersAndDates) {
  const std::string promotion = "[[promotions]]\nid = \"x\"\nkind = \"percent_off\"\n";
  EXPECT_EQ(rules_error(promotion + "percent = \"101\"\n"),
            "percent_out_of_range at promotions[0].percent, line 4");
  EXPECT_EQ(rules_error(promotion + "percent = \"0\"\n"),
            "percent_out_of_range at promotions[0].percent");
  EXPECT_EQ(rules_error(promotion + "percent = \"ten\"\n"),
            "malformed_number at promotions[0].percent, line 4");
  EXPECT_EQ(rules_error(promotion + "percent = \"10\"\nvalid_to = \"2026-02-30\"\n"),
            "invalid_date at promotions[0].valid_to, line 5");
  EXPECT_EQ(rules_error("[[price_lists]]\nid = \"jp\"\ncurrency = \"JPY\"\n"
                        "prices = [{ sku = \"W-1\", price = \"100.5\" }]\n"),
            "too_many_decimals at price_lists[0].prices[0].price, line 4");
  EXPECT_EQ(rules_error("[policy]\nmin_margin_percent = \"10001\"\n"),
            "percent_out_of_range at policy.min_margin_percent, line 2");
}

TEST(ParsePriceRules, RefusesBadPolicyWords) {
  EXPECT_EQ(rules_error("[policy]\nstacking = \"best\"\n"),
            "unknown_stacking at policy.stacking, line 2");
  EXPECT_EQ(rules_error("[policy]\ntax_rounding = \"per_invoice\"\n"),
            "unknown_tax_rounding at policy.tax_rounding, line 2");
  EXPECT_EQ(rules_error("[[promotions]]\nid = \"x\"\nkind = \"amount_off\"\namount = \"1\"\n"
                        "currency = \"EUR\"\nper = \"order\"\n"),
            "unknown_amount_per at promotions[0].per, line 6");
}

TEST(ParsePriceRules, RefusesBadPromotions) {
  EXPECT_EQ(rules_error("[[promotions]]\nid = \"x\"\nkind = \"percent_off\"\npercent = \"5\"\n"
                        "category = \"tools\"\nskus = [\"W-1\"]\n"),
            "target_ambiguous at promotions[0].skus");
  EXPECT_EQ(rules_error("[[promotions]]\nid = \"x\"\nkind = \"buy_x_get_y\"\nbuy = 3\nfree = 0\n"),
            "units_must_be_positive at promotions[0].free");
  EXPECT_EQ(rules_error("[[promotions]]\nid = \"x\"\nkind = \"buy_x_get_y\"\nbuy = 3\n"),
            "field_missing at promotions[0].free, line 1");
  EXPECT_EQ(rules_error("[[promotions]]\nid = \"x\"\nkind = \"amount_off\"\namount = \"0\"\n"
                        "currency = \"EUR\"\n"),
            "amount_must_be_positive at promotions[0].amount");
  EXPECT_EQ(rules_error("[[promotions]]\nkind = \"percent_off\"\n"),
            "field_missing at promotions[0].id, line 1");
}

TEST(ParsePriceRules, RefusesBadCoupons) {
  const std::string promotion =
      "[[promotions]]\nid = \"p\"\nkind = \"percent_off\"\npercent = \"5\"\n";
  EXPECT_EQ(rules_error(promotion + "[[coupons]]\ncode = \"A\"\npromotion = \"q\"\n"),
            "unknown_promotion at coupons[0].promotion");
  EXPECT_EQ(rules_error(promotion + "[[coupons]]\ncode = \"A\"\npromotion = \"p\"\n"
                                    "[[coupons]]\ncode = \"A\"\npromotion = \"p\"\n"),
            "duplicate_coupon at coupons[1].code");
  EXPECT_EQ(rules_error(promotion + "[[coupons]]\ncode = \"\"\npromotion = \"p\"\n"),
            "coupon_code_missing at coupons[0].code");
}

TEST(ParsePriceRules, RefusesAmbiguousPrices) {
  EXPECT_EQ(rules_error(R"toml(
[[price_lists]]
id = "eu"
currency = "EUR"
prices = [{ sku = "W-1", price = "1" }, { sku = "W-1", price = "2" }]
)toml"),
            "duplicate_price at price_lists[0].prices[1].sku");
  EXPECT_EQ(rules_error(R"toml(
[[price_lists]]
id = "h1"
currency = "EUR"
valid_to = 2026-06-30
prices = [{ sku = "W-1", price = "1" }]

[[price_lists]]
id = "h2"
currency = "EUR"
valid_from = 2026-06-30
prices = [{ sku = "W-1", price = "2" }]
)toml"),
            "price_overlap at price_lists[1].prices[0]");
  // Different segments, currencies or days do not overlap.
  EXPECT_EQ(rules_error(R"toml(
[[price_lists]]
id = "h1"
currency = "EUR"
valid_to = 2026-06-30
prices = [{ sku = "W-1", price = "1" }]

[[price_lists]]
id = "h2"
currency = "EUR"
valid_from = 2026-07-01
prices = [{ sku = "W-1", price = "2" }]

[[price_lists]]
id = "retail"
currency = "EUR"
segment = "retail"
prices = [{ sku = "W-1", price = "2" }]
)toml"),
            "ok");
  EXPECT_EQ(rules_error(R"toml(
[[contracts]]
id = "a"
customer = "C-1"
sku = "W-1"
currency = "EUR"
price = "1"

[[contracts]]
id = "b"
customer = "C-1"
sku = "W-1"
currency = "EUR"
price = "2"
valid_from = 2026-01-01
)toml"),
            "contract_overlap at contracts[1]");
}

TEST(ParsePriceRules, RefusesBadTaxRates) {
  const std::string rate = "[[tax_rates]]\nid = \"r\"\ncategory = \"standard\"\npercent = \"19\"\n";
  EXPECT_EQ(rules_error(rate + "country = \"Germany\"\n"),
            "invalid_country at tax_rates[0].country");
  EXPECT_EQ(rules_error(rate + "country = \"DE\"\n" +
                        "[[tax_rates]]\nid = \"s\"\ncategory = \"standard\"\npercent = \"7\"\n"
                        "country = \"DE\"\nvalid_from = 2026-01-01\n"),
            "tax_rate_overlap at tax_rates[1].valid_from");
  EXPECT_EQ(rules_error(
                "[[tax_rates]]\nid = \"r\"\ncategory = \"\"\npercent = \"1\"\ncountry = \"DE\"\n"),
            "category_missing at tax_rates[0].category");
}

TEST(ParsePriceRules, RefusesAFileTooLarge) {
  const std::string huge(kPriceRulesTextBytesMax + 1, '#');
  EXPECT_EQ(rules_error(huge), "rules_too_large at ");
}

TEST(BuildPriceBook, RefusesATierInAnotherCurrency) {
  PriceRules rules;
  PriceList list{"eu", currency_from_code("EUR").value(), "", {}, {}, {}};
  list.prices.push_back(
      PriceEntry{"W-1", {PriceTier{Quantity{0}, Money{100, currency_from_code("USD").value()}}}});
  rules.price_lists.push_back(list);
  const Result<PriceBook> book = build_price_book(rules);
  ASSERT_FALSE(book.has_value());
  EXPECT_EQ(book.error().reason, "currency_mismatch");
  EXPECT_EQ(book.error().where, "price_lists[0].prices[0].tiers[0].price");
  rules.price_lists[0].prices[0].tiers[0].unit_price.currency = list.currency;
  rules.policy.max_discount = BasisPoints{10'001};
  EXPECT_EQ(build_price_book(rules).error().reason, "percent_out_of_range");
}

}  // namespace
}  // namespace o2c
