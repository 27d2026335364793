#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "core/limits.h"
#include "core/money.h"
#include "orders/orders.h"

namespace o2c {
namespace {

Currency currency(std::string_view code) { return currency_from_code(code).value(); }
Money money(std::string_view text, std::string_view code) {
  return parse_money(text, currency(code)).value();
}

constexpr std::string_view kFullRules = R"(
# Company order rules
[minimum_order_value]
amount = "25.00"
by_currency = { JPY = "3000", KWD = "10.125" }

[line_quantity]
max = "10000.5"

[blocked_customers]
C-0666 = "fraud investigation 2026-02"
"C 7" = "sanctions list"

[po_number_required]
customers = ["C-0001", "C-0002"]
segments = ["enterprise"]

[[not_sold_in]]
sku = "W-100"
countries = ["US", "CA"]

[[not_sold_in]]
sku = "W-100"
countries = ["MX"]

[[not_sold_in]]
sku = "BAT-9"
countries = ["JP"]
)";

OrderRules full_rules() {
  Result<OrderRules> rules = parse_order_rules(kFullRules);
  EXPECT_TRUE(rules.has_value()) << rules.error().message;
  return std::move(rules).value();
}

// ---- parse_order_rules -------------------------------------------------------------------

TEST(ParseOrderRules, ReadsEveryTable) {
  const OrderRules rules = full_rules();
  ASSERT_TRUE(rules.minimum_order_value.has_value());
  EXPECT_EQ(rules.minimum_order_value->any_currency_thousandths, 25'000);
  ASSERT_EQ(rules.minimum_order_value->by_currency.size(), 2u);
  EXPECT_EQ(rules.minimum_order_value->by_currency[0], money("3000", "JPY"));
  EXPECT_EQ(rules.minimum_order_value->by_currency[1], money("10.125", "KWD"));
  ASSERT_TRUE(rules.line_quantity_max.has_value());
  EXPECT_EQ(*rules.line_quantity_max, Quantity{10'000'500});
  ASSERT_EQ(rules.blocked_customers.size(), 2u);
  EXPECT_EQ(rules.blocked_customers.at("C-0666"), "fraud investigation 2026-02");
  EXPECT_EQ(rules.blocked_customers.at("C 7"), "sanctions list");
  EXPECT_EQ(rules.po_required_customers, (std::set<std::string>{"C-0001", "C-0002"}));
  EXPECT_EQ(rules.po_required_segments, (std::set<std::string>{"enterprise"}));
  ASSERT_EQ(rules.not_sold_in.size(), 2u);
  EXPECT_EQ(rules.not_sold_in.at("W-100"), (std::set<std::string>{"CA", "MX", "US"}));
  EXPECT_EQ(rules.not_sold_in.at("BAT-9"), (std::set<std::string>{"JP"}));
}

TEST(ParseOrderRules, AnEmptyFileHasNoRules) {
  const Result<OrderRules> rules = parse_order_rules("# nothing yet\n");
  ASSERT_TRUE(rules.has_value());
  EXPECT_FALSE(rules->minimum_order_value.has_value());
  EXPECT_FALSE(rules->line_quantity_max.has_value());
  EXPECT_TRUE(rules->blocked_customers.empty());
  EXPECT_TRUE(rules->po_required_customers.empty());
  EXPECT_TRUE(rules->po_required_segments.empty());
  EXPECT_TRUE(rules->not_sold_in.empty());
}

TEST(ParseOrderRules, AcceptsIntegersForAmountsAndQuantities) {
  const Result<OrderRules> rules = parse_order_rules(
      "[minimum_order_value]\namount = 25\nby_currency = { EUR = 30 }\n"
      "[line_quantity]\nmax = 500\n");
  ASSERT_TRUE(rules.has_value()) << rules.error().message;
  EXPECT_EQ(rules->minimum_order_value->any_currency_thousandths, 25'000);
  EXPECT_EQ(rules->minimum_order_value->by_currency[0], money("30", "EUR"));
  EXPECT_EQ(*rules->line_quantity_max, units(500));
}

TEST(ParseOrderRules, AcceptsEitherThresholdAlone) {
  Result<OrderRules> rules = parse_order_rules("[minimum_order_value]\namount = \"0\"\n");
  ASSERT_TRUE(rules.has_value());
  EXPECT_EQ(rules->minimum_order_value->any_currency_thousandths, 0);
  EXPECT_TRUE(rules->minimum_order_value->by_currency.empty());
  rules = parse_order_rules("[minimum_order_value]\nby_currency = { USD = \"20\" }\n");
  ASSERT_TRUE(rules.has_value());
  EXPECT_FALSE(rules->minimum_order_value->any_currency_thousandths.has_value());
  EXPECT_EQ(rules->minimum_order_value->by_currency[0], money("20.00", "USD"));
}

struct BadRules {
  std::string name;
  std::string text;
  std::string reason;
  std::string where;
  std::string message_part;
};

std::vector<BadRules> bad_rules() {
  return {
      {"not TOML", "[minimum_order_value\namount = 1\n", "invalid_toml", "order_rules.toml line 1",
       "is not valid TOML"},
      {"duplicate key", "[line_quantity]\nmax = 1\nmax = 2\n", "invalid_toml",
       "order_rules.toml line 3", "line 3"},
      {"unknown table", "\n[minimum_order]\namount = 1\n", "invalid_order_rules", "minimum_order",
       "order_rules.toml line 2: unknown key 'minimum_order'"},
      {"unknown key in a table", "[minimum_order_value]\namount = 1\ncurrency = \"EUR\"\n",
       "invalid_order_rules", "minimum_order_value.currency", "line 3"},
      {"table given as a value", "minimum_order_value = 25\n", "invalid_order_rules",
       "minimum_order_value", "must be a table"},
      {"minimum without an amount", "[minimum_order_value]\n", "invalid_order_rules",
       "minimum_order_value", "needs amount or by_currency"},
      {"float amount", "[minimum_order_value]\namount = 25.5\n", "invalid_order_rules",
       "minimum_order_value.amount", "write it as a string"},
      {"boolean amount", "[minimum_order_value]\namount = true\n", "invalid_order_rules",
       "minimum_order_value.amount", "must be a number"},
      {"malformed amount", "[minimum_order_value]\namount = \"25,00\"\n", "invalid_order_rules",
       "minimum_order_value.amount", "not a plain decimal number"},
      {"four decimals", "[minimum_order_value]\namount = \"0.0001\"\n", "invalid_order_rules",
       "minimum_order_value.amount", "decimals"},
      {"negative amount", "[minimum_order_value]\namount = -1\n", "invalid_order_rules",
       "minimum_order_value.amount", "must not be negative"},
      {"amount too large", "[minimum_order_value]\namount = \"1000000000000000.001\"\n",
       "invalid_order_rules", "minimum_order_value.amount", "too large"},
      {"yen with decimals", "[minimum_order_value]\nby_currency = { JPY = \"10.5\" }\n",
       "invalid_order_rules", "minimum_order_value.by_currency.JPY", "decimals"},
      {"unknown currency", "[minimum_order_value]\nby_currency = { EUX = \"10\" }\n",
       "invalid_order_rules", "minimum_order_value.by_currency.EUX", "EUX"},
      {"negative per-currency amount", "[minimum_order_value]\nby_currency = { EUR = \"-0.01\" }\n",
       "invalid_order_rules", "minimum_order_value.by_currency.EUR", "must not be negative"},
      {"by_currency not a table", "[minimum_order_value]\nby_currency = \"EUR 10\"\n",
       "invalid_order_rules", "minimum_order_value.by_currency", "must be a table"},
      {"line quantity without max", "[line_quantity]\n", "invalid_order_rules", "line_quantity",
       "needs max"},
      {"line quantity zero", "[line_quantity]\nmax = 0\n", "invalid_order_rules",
       "line_quantity.max", "more than 0"},
      {"line quantity over a billion", "[line_quantity]\nmax = \"1000000000.001\"\n",
       "invalid_order_rules", "line_quantity.max", "one billion"},
      {"line quantity four decimals", "[line_quantity]\nmax = \"1.0001\"\n", "invalid_order_rules",
       "line_quantity.max", "decimals"},
      {"line quantity float", "[line_quantity]\nmax = 1.5\n", "invalid_order_rules",
       "line_quantity.max", "floating-point"},
      {"unknown key in line_quantity", "[line_quantity]\nmaximum = 5\n", "invalid_order_rules",
       "line_quantity.maximum", "expected one of: max"},
      {"blocked customers as a list", "blocked_customers = [\"C-1\"]\n", "invalid_order_rules",
       "blocked_customers", "must be a table"},
      {"blocked customer without reason", "[blocked_customers]\nC-1 = \"\"\n",
       "invalid_order_rules", "blocked_customers.C-1", "must not be empty"},
      {"blocked customer reason not text", "[blocked_customers]\nC-1 = 1\n", "invalid_order_rules",
       "blocked_customers.C-1", "must be a string"},
      {"po customers not a list", "[po_number_required]\ncustomers = \"C-1\"\n",
       "invalid_order_rules", "po_number_required.customers", "array of strings"},
      {"po customer not text", "[po_number_required]\ncustomers = [\"C-1\", 2]\n",
       "invalid_order_rules", "po_number_required.customers[1]", "must be a string"},
      {"po segment empty", "[po_number_required]\nsegments = [\"\"]\n", "invalid_order_rules",
       "po_number_required.segments[0]", "must not be empty"},
      {"unknown key in po_number_required", "[po_number_required]\ncustomer = [\"C-1\"]\n",
       "invalid_order_rules", "po_number_required.customer", "unknown key"},
      {"not_sold_in as a table", "[not_sold_in]\nsku = \"W-1\"\n", "invalid_order_rules",
       "not_sold_in", "[[not_sold_in]]"},
      {"not_sold_in without sku", "[[not_sold_in]]\ncountries = [\"US\"]\n", "invalid_order_rules",
       "not_sold_in[0].sku", "needs sku"},
      {"not_sold_in without countries", "[[not_sold_in]]\nsku = \"W-1\"\n", "invalid_order_rules",
       "not_sold_in[0].countries", "needs countries"},
      {"country of three letters",
       "[[not_sold_in]]\nsku = \"W-1\"\ncountries = [\"US\"]\n"
       "[[not_sold_in]]\nsku = \"W-2\"\ncountries = [\"DE\", \"USA\"]\n",
       "invalid_order_rules", "not_sold_in[1].countries[1]", "order_rules.toml line 6"},
      {"country in lower case", "[[not_sold_in]]\nsku = \"W-1\"\ncountries = [\"us\"]\n",
       "invalid_order_rules", "not_sold_in[0].countries[0]", "ISO 3166-1"},
      {"unknown key in not_sold_in",
       "[[not_sold_in]]\nsku = \"W-1\"\ncountries = [\"US\"]\nregion = \"EU\"\n",
       "invalid_order_rules", "not_sold_in[0].region", "line 4"},
  };
}

TEST(ParseOrderRules, NamesTheTableFieldAndLineOfEachMistake) {
  for (const BadRules& test_case : bad_rules()) {
    SCOPED_TRACE(test_case.name);
    const Result<OrderRules> rules = parse_order_rules(test_case.text);
    ASSERT_FALSE(rules.has_value());
    EXPECT_EQ(rules.error().kind, ErrorKind::kInvalidArgument);
    EXPECT_EQ(rules.error().reason, test_case.reason);
    EXPECT_EQ(rules.error().where, test_case.where);
    EXPECT_NE(rules.error().message.find(test_case.message_part), std::string::npos)
        << rules.error().message;
  }
}

TEST(ParseOrderRules, UsesTheGivenSourceName) {
  const Result<OrderRules> rules = parse_order_rules("[line_quantity]\nmax = 0\n", "site.toml");
  ASSERT_FALSE(rules.has_value());
  EXPECT_EQ(rules.error().message.rfind("site.toml line 2: ", 0), 0u) << rules.error().message;
}

TEST(ParseOrderRules, BoundsTheNumberOfEntries) {
  std::string text = "[po_number_required]\ncustomers = [";
  for (std::size_t i = 0; i <= kRuleEntriesMax; ++i) text += "\"C\",";
  text += "]\n";
  const Result<OrderRules> rules = parse_order_rules(text);
  ASSERT_FALSE(rules.has_value());
  EXPECT_EQ(rules.error().where, "po_number_required.customers");
  EXPECT_NE(rules.error().message.find("more than"), std::string::npos);
}

// ---- check_order_rules -------------------------------------------------------------------

OrderLine line(int line_no, std::string sku, Quantity quantity) {
  OrderLine item;
  item.line_no = line_no;
  item.sku = std::move(sku);
  item.quantity = quantity;
  return item;
}

// A priced EUR order of 100.00 net from C-0100 to Germany.
Order order_of(std::string_view net = "100.00", std::string_view code = "EUR") {
  Order order;
  order.number = "SO-2026-000001";
  order.customer_number = "C-0100";
  order.currency = currency(code);
  order.customer_reference = "PO-1";
  order.ship_to = Address{"Lagerweg 3", "Hamburg", "20095", "DE", ""};
  order.lines = {line(1, "W-100", units(2)), line(2, "W-200", units(3))};
  order.net_total = money(net, code);
  return order;
}

std::string describe(const std::vector<OrderRuleViolation>& violations) {
  std::string text;
  for (const OrderRuleViolation& item : violations) {
    text += std::string(wire_name(item.rule)) + " line " + std::to_string(item.line_no) + " at " +
            item.where + ": " + item.message + "\n";
  }
  return text;
}

std::string check(const Order& order, std::string_view segment = "smb") {
  return describe(check_order_rules(full_rules(), order, OrderRuleContext{segment}));
}

TEST(CheckOrderRules, AnOrderMeetingEveryRuleHasNoViolations) {
  EXPECT_EQ(check(order_of()), "");
  EXPECT_EQ(describe(check_order_rules(OrderRules{}, order_of("0.00"), {})), "");
}

TEST(CheckOrderRules, BlockedCustomer) {
  Order order = order_of();
  order.customer_number = "C-0666";
  EXPECT_EQ(check(order),
            "customer_blocked line 0 at order.customer: customer C-0666 is blocked: fraud "
            "investigation 2026-02\n");
}

TEST(CheckOrderRules, PoNumberRequiredByCustomer) {
  Order order = order_of();
  order.customer_number = "C-0002";
  EXPECT_EQ(check(order), "");
  order.customer_reference.clear();
  EXPECT_EQ(check(order),
            "po_number_required line 0 at order.customer_reference: customer C-0002 must give a "
            "PO number with every order\n");
}

TEST(CheckOrderRules, PoNumberRequiredBySegment) {
  Order order = order_of();
  order.customer_reference.clear();
  EXPECT_EQ(check(order, "smb"), "");
  EXPECT_EQ(check(order, ""), "");
  EXPECT_EQ(check(order, "enterprise"),
            "po_number_required line 0 at order.customer_reference: customer C-0100 must give a "
            "PO number with every order\n");
}

TEST(CheckOrderRules, ProductNotSoldInTheShipToCountry) {
  Order order = order_of();
  order.ship_to.country = "US";
  order.lines.push_back(line(4, "W-100", units(1)));
  EXPECT_EQ(
      check(order),
      "product_not_sold_in_country line 1 at lines[0].sku: product W-100 is not sold in US\n"
      "product_not_sold_in_country line 4 at lines[2].sku: product W-100 is not sold in US\n");
  order.ship_to.country = "MX";  // from the second entry for W-100
  EXPECT_NE(check(order).find("not sold in MX"), std::string::npos);
  order.ship_to.country = "JP";  // only BAT-9 is banned there
  EXPECT_EQ(check(order), "");
}

TEST(CheckOrderRules, LineQuantityAtTheMaximumIsAllowed) {
  Order order = order_of();
  order.lines[0].quantity = Quantity{10'000'500};
  EXPECT_EQ(check(order), "");
  order.lines[1].quantity = Quantity{10'000'501};
  EXPECT_EQ(check(order),
            "line_quantity_over_maximum line 2 at lines[1].quantity: line 2 orders 10000.501 of "
            "W-200; at most 10000.5 per line\n");
}

TEST(CheckOrderRules, MinimumOrderValueInTheOrdersCurrency) {
  EXPECT_EQ(check(order_of("25.00")), "");
  EXPECT_EQ(check(order_of("24.99")),
            "below_minimum_order_value line 0 at order.net_total: order value 24.99 EUR is below "
            "the minimum of 25.00 EUR\n");
  // The any-currency amount is read in each currency: 25 USD, 25.000 BHD.
  EXPECT_NE(check(order_of("24.99", "USD")).find("minimum of 25.00 USD"), std::string::npos);
  EXPECT_EQ(check(order_of("25.000", "BHD")), "");
  EXPECT_NE(check(order_of("24.999", "BHD")).find("minimum of 25.000 BHD"), std::string::npos);
}

TEST(CheckOrderRules, MinimumOrderValuePerCurrencyOverridesTheDefault) {
  EXPECT_EQ(check(order_of("3000", "JPY")), "");
  EXPECT_EQ(check(order_of("2999", "JPY")),
            "below_minimum_order_value line 0 at order.net_total: order value 2999 JPY is below "
            "the minimum of 3000 JPY\n");
  EXPECT_EQ(check(order_of("10.125", "KWD")), "");
  EXPECT_NE(check(order_of("10.124", "KWD")).find("minimum of 10.125 KWD"), std::string::npos);
}

TEST(CheckOrderRules, CurrencyWithoutAMinimumIsNotChecked) {
  OrderRules rules;
  rules.minimum_order_value = AmountThreshold{{money("50.00", "EUR")}, std::nullopt};
  EXPECT_EQ(describe(check_order_rules(rules, order_of("0.01", "USD"), {})), "");
  EXPECT_NE(describe(check_order_rules(rules, order_of("49.99", "EUR"), {})), "");
}

TEST(CheckOrderRules, AnyCurrencyMinimumFinerThanTheCurrencyIsComparedExactly) {
  // 0.005 in a two-decimal currency: 0.01 is above it, 0.00 below.
  OrderRules rules;
  rules.minimum_order_value = AmountThreshold{{}, 5};
  EXPECT_EQ(describe(check_order_rules(rules, order_of("0.01"), {})), "");
  EXPECT_EQ(describe(check_order_rules(rules, order_of("0.00"), {})),
            "below_minimum_order_value line 0 at order.net_total: order value 0.00 EUR is below "
            "the minimum of 0.005 EUR\n");
  EXPECT_NE(describe(check_order_rules(rules, order_of("0", "JPY"), {})), "");
  EXPECT_EQ(describe(check_order_rules(rules, order_of("1", "JPY"), {})), "");
}

TEST(CheckOrderRules, LargestAmountsCompareWithoutOverflow) {
  OrderRules rules;
  rules.minimum_order_value = AmountThreshold{{}, kAmountMinorMax};
  EXPECT_EQ(describe(check_order_rules(rules, order_of("-0.01"), {})).substr(0, 25),
            "below_minimum_order_value");
  Order order = order_of();
  order.net_total.minor = INT64_MAX;
  EXPECT_EQ(describe(check_order_rules(rules, order, {})), "");
}

TEST(CheckOrderRules, ReportsEveryViolationInRuleOrderThenLineOrder) {
  Order order = order_of("1.00");
  order.customer_number = "C-0666";
  order.customer_reference.clear();
  order.ship_to.country = "CA";
  order.lines[1].quantity = units(20'000);
  order.lines.push_back(line(3, "W-100", units(20'000)));
  const std::vector<OrderRuleViolation> violations =
      check_order_rules(full_rules(), order, OrderRuleContext{"enterprise"});
  std::vector<std::pair<std::string, int>> seen;
  for (const OrderRuleViolation& item : violations)
    seen.emplace_back(std::string(wire_name(item.rule)), item.line_no);
  EXPECT_EQ(seen, (std::vector<std::pair<std::string, int>>{
                      {"customer_blocked", 0},
                      {"po_number_required", 0},
                      {"product_not_sold_in_country", 1},
                      {"product_not_sold_in_country", 3},
                      {"line_quantity_over_maximum", 2},
                      {"line_quantity_over_maximum", 3},
                      {"below_minimum_order_value", 0},
                  }));
}

TEST(OrderRulesError, NamesTheFirstViolationAndListsAll) {
  Order order = order_of("1.00");
  order.customer_number = "C-0666";
  const std::vector<OrderRuleViolation> violations =
      check_order_rules(full_rules(), order, OrderRuleContext{});
  const Error error = order_rules_error(violations);
  EXPECT_EQ(error.kind, ErrorKind::kFailedPrecondition);
  EXPECT_EQ(error.reason, "customer_blocked");
  EXPECT_EQ(error.where, "order.customer");
  EXPECT_EQ(error.message,
            "customer C-0666 is blocked: fraud investigation 2026-02; order value 1.00 EUR is "
            "below the minimum of 25.00 EUR");
}

TEST(OrderRulesErrorDeathTest, NeedsAViolation) {
  EXPECT_DEATH((void)order_rules_error({}), "empty");
}

TEST(OrderRuleWireName, IsTheFrozenSnakeCaseName) {
  EXPECT_EQ(wire_name(OrderRule::kCustomerBlocked), "customer_blocked");
  EXPECT_EQ(wire_name(OrderRule::kPoNumberRequired), "po_number_required");
  EXPECT_EQ(wire_name(OrderRule::kProductNotSoldInCountry), "product_not_sold_in_country");
  EXPECT_EQ(wire_name(OrderRule::kLineQuantityOverMaximum), "line_quantity_over_maximum");
  EXPECT_EQ(wire_name(OrderRule::kBelowMinimumOrderValue), "below_minimum_order_value");
}

}  // namespace
}  // namespace o2c
