// The engine applied to an order: request built from the order and its master data, amounts
// and traces written back, single-use coupons marked as redeemed.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "pricing/pricing.h"
#include "pricing/pricing_test_support.h"

namespace o2c {
namespace {

using pricing_test::book_of;
using pricing_test::date;
using pricing_test::money;

const std::string kRules = R"toml(
[policy]
min_margin_percent = "20"

[[price_lists]]
id = "eur-retail"
currency = "EUR"
segment = "retail"
prices = [{ sku = "W-100", price = "10.00" }]

[[promotions]]
id = "tools"
kind = "percent_off"
percent = "10"
category = "tools"

[[promotions]]
id = "once"
kind = "amount_off"
amount = "1.00"
currency = "EUR"
per = "line"
skus = ["W-100"]

[[coupons]]
code = "ONCE"
promotion = "once"
single_use = true

[[coupons]]
code = "ONCE-G"
promotion = "once"
single_use = true

[[tax_rates]]
id = "us-ca"
category = "standard"
country = "US"
region = "CA"
percent = "7.25"

[[tax_rates]]
id = "de-standard"
category = "standard"
country = "DE"
percent = "19"
)toml";

struct Fixture {
  Customer customer;
  std::vector<Product> products;
  Order order;

  Fixture() {
    customer.id = CustomerId{7};
    customer.number = "C-7";
    customer.segment = "retail";
    customer.currency = pricing_test::currency("EUR");
    Product widget;
    widget.id = ProductId{1};
    widget.sku = "W-100";
    widget.category = "tools";
    widget.list_prices = {money("12.00")};
    widget.standard_cost = money("5.00");
    Product gadget;
    gadget.id = ProductId{2};
    gadget.sku = "G-200";
    gadget.list_prices = {money("4.00")};
    gadget.standard_cost = money("3.90");  // floor 4.68, above the price
    products = {widget, gadget};
    order.customer = customer.id;
    order.customer_number = customer.number;
    order.currency = customer.currency;
    order.order_date = date("2026-03-02");
    order.ship_to = Address{"1 Main St", "Berlin", "10115", "DE", ""};
    for (const Product& product : products) {
      OrderLine line;
      line.line_no = static_cast<int>(order.lines.size()) + 1;
      line.product = product.id;
      line.sku = product.sku;
      line.quantity = Quantity{2000};
      line.unit_price = product.list_prices.front();
      order.lines.push_back(line);
    }
  }

  std::vector<const Product*> pointers() const {
    std::vector<const Product*> list;
    for (const Product& product : products) list.push_back(&product);
    return list;
  }
};

TEST(OrderPricingRequest, CarriesTheOrderAndItsMasterData) {
  Fixture f;
  f.customer.tax_exempt = true;
  f.order.ship_to.country = "US";
  f.order.ship_to.region = "CA";
  f.order.coupons = {{"ONCE", false}};
  f.order.lines[0].discount = BasisPoints{500};
  const std::vector<const Product*> products = f.pointers();
  const PricingRequest request =
      order_pricing_request(f.order, OrderPricingContext{f.customer, products, {"X"}}).value();
  EXPECT_EQ(request.customer_number, "C-7");
  EXPECT_EQ(request.segment, "retail");
  EXPECT_TRUE(request.tax_exempt);
  EXPECT_EQ(request.ship_to_country, "US");
  EXPECT_EQ(request.ship_to_region, "CA");
  EXPECT_EQ(request.date, date("2026-03-02"));
  EXPECT_EQ(request.coupon_codes, std::vector<std::string>{"ONCE"});
  EXPECT_EQ(request.redeemed_coupons, std::vector<std::string>{"X"});
  ASSERT_EQ(request.lines.size(), 2u);
  EXPECT_EQ(request.lines[0].product_category, "tools");
  EXPECT_EQ(request.lines[0].manual_discount, BasisPoints{500});
  EXPECT_EQ(request.lines[0].catalog_price, money("12.00"));
  EXPECT_EQ(request.lines[0].standard_cost, money("5.00"));
}

TEST(OrderPricingRequest, UsesTheCatalogPriceNotTheLinesAndCostOnlyInTheOrderCurrency) {
  Fixture f;
  f.order.lines[0].unit_price = money("9.99");  // what an earlier pricing gave
  f.products[1].standard_cost = money("3.90", "USD");
  const std::vector<const Product*> products = f.pointers();
  const PricingRequest request =
      order_pricing_request(f.order, OrderPricingContext{f.customer, products, {}}).value();
  EXPECT_EQ(request.lines[0].catalog_price, money("12.00"));
  EXPECT_FALSE(request.lines[1].standard_cost.has_value());
}

TEST(OrderPricingRequest, RefusesAnOrderDiscount) {
  Fixture f;
  f.order.order_discount = BasisPoints{100};
  const std::vector<const Product*> products = f.pointers();
  const Result<PricingRequest> request =
      order_pricing_request(f.order, OrderPricingContext{f.customer, products, {}});
  ASSERT_FALSE(request.has_value());
  EXPECT_EQ(request.error().reason, "order_discount_with_price_rules");
  EXPECT_EQ(request.error().where, "order.discount");
}

TEST(PriceOrderWithRules, FillsLinesTotalsTracesAndRedeemsAppliedSingleUseCoupons) {
  Fixture f;
  f.order.coupons = {{"ONCE", false}};
  const std::vector<const Product*> products = f.pointers();
  const PriceBook book = book_of(kRules);
  ASSERT_TRUE(price_order_with_rules(book, f.order, {f.customer, products, {}}).has_value());
  // W-100: retail list 2 × 10.00 = 20.00; best price: 10 % (2.00) beats 1.00: 18.00, tax 3.42.
  const OrderLine& widget = f.order.lines[0];
  EXPECT_EQ(widget.unit_price, money("10.00"));
  EXPECT_EQ(widget.net, money("18.00"));
  EXPECT_EQ(widget.tax, money("3.42"));
  EXPECT_EQ(widget.tax_rate, BasisPoints{1900});
  EXPECT_FALSE(widget.below_margin_floor);
  // G-200: catalog 2 × 4.00 = 8.00 is below the floor 2 × 3.90 × 1.2 = 9.36: flagged.
  const OrderLine& gadget = f.order.lines[1];
  EXPECT_EQ(gadget.net, money("8.00"));
  EXPECT_TRUE(gadget.below_margin_floor);
  EXPECT_EQ(f.order.net_total, money("26.00"));
  EXPECT_EQ(f.order.tax_total, money("4.94"));  // 3.42 + 1.52
  EXPECT_EQ(f.order.gross_total, money("30.94"));
  // ONCE lost to the 10 % (best price): it took nothing off and stays unused.
  EXPECT_FALSE(f.order.coupons[0].redeemed);
  EXPECT_EQ(describe_trace_json(widget.price_trace).value(),
            (std::vector<std::string>{
                "1. segment_list_price eur-retail: unit price 10.00 EUR, catalog price 12.00 EUR",
                "2. promotion_not_applied once (coupon ONCE): not applied, a better promotion "
                "won (it would have given 20.00 -> 19.00 EUR)",
                "3. percent_off tools: 10 % off, 20.00 -> 18.00 EUR",
                "4. tax de-standard: 19 % of 18.00 = 3.42 EUR (rounded per line)",
                "= base 20.00 - discount 2.00 = net 18.00 + tax 3.42; margin ok"}));
}

TEST(PriceOrderWithRules, RedeemsASingleUseCouponThatTookSomethingOff) {
  Fixture f;
  f.order.lines.pop_back();
  f.products.pop_back();
  f.products[0].category = "";  // no 10 %: the coupon's 1.00 is the best
  f.order.coupons = {{"ONCE", false}, {"ONCE-G", false}};
  const std::vector<const Product*> products = f.pointers();
  ASSERT_TRUE(price_order_with_rules(book_of(kRules), f.order, {f.customer, products, {}}));
  EXPECT_EQ(f.order.lines[0].net, money("19.00"));
  // Both enable the same promotion; the first applies, the second is traced as not applied.
  EXPECT_TRUE(f.order.coupons[0].redeemed);
  EXPECT_FALSE(f.order.coupons[1].redeemed);
}

TEST(PriceOrderWithRules, RefusesARedeemedCouponForANewOrderAndLeavesItOutWhenRepricing) {
  Fixture f;
  f.order.coupons = {{"ONCE", false}};
  const std::vector<const Product*> products = f.pointers();
  const PriceBook book = book_of(kRules);
  const Order before = f.order;
  const Result<PricedOrder> refused =
      price_order_with_rules(book, f.order, {f.customer, products, {"ONCE"}});
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().reason, "coupon_already_redeemed");
  EXPECT_EQ(refused.error().where, "order.coupons[0]");
  EXPECT_EQ(f.order.net_total, before.net_total);  // unchanged
  EXPECT_TRUE(f.order.lines[0].price_trace.empty());
  // An order placed before keeps its place: the code another order used up is left out.
  ASSERT_TRUE(price_order_with_rules(book, f.order, {f.customer, products, {"ONCE"}, true}));
  EXPECT_FALSE(f.order.coupons[0].redeemed);
  // But a code the order itself redeemed is still its own.
  f.order.coupons[0].redeemed = true;
  const PricingRequest request =
      order_pricing_request(f.order, {f.customer, products, {"ONCE"}, true}).value();
  EXPECT_EQ(request.coupon_codes, std::vector<std::string>{"ONCE"});
}

TEST(PriceOrderWithRules, NamesTheOrdersFieldsInErrors) {
  Fixture f;
  const std::vector<const Product*> products = f.pointers();
  f.order.lines[1].discount = BasisPoints{10'001};
  Result<PricedOrder> priced =
      price_order_with_rules(book_of(kRules), f.order, {f.customer, products, {}});
  EXPECT_EQ(priced.error().reason + " at " + priced.error().where,
            "discount_out_of_range at lines[1].discount");
  f.order.lines[1].discount = BasisPoints{0};
  f.order.ship_to.country = "FR";
  priced = price_order_with_rules(book_of(kRules), f.order, {f.customer, products, {}});
  EXPECT_EQ(priced.error().reason + " at " + priced.error().where,
            "tax_rate_unknown at lines[0].tax_category");
}

TEST(DescribeTraceJson, RefusesWhatIsNotATrace) {
  EXPECT_EQ(describe_trace_json("").error().reason, "trace_corrupt");
  EXPECT_EQ(describe_trace_json("[1,2]").error().reason, "trace_corrupt");
  EXPECT_EQ(describe_trace_json(R"({"steps":[{"kind":"tax"}]})").error().reason, "trace_corrupt");
  EXPECT_EQ(describe_trace_json(R"({"steps":[]})").value(),
            std::vector<std::string>{"= base ? - discount ? = net ? + tax ?; margin ?"});
}

}  // namespace
}  // namespace o2c
