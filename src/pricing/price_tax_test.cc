// Tax: rates per tax category × ship-to country/region, exempt customers, shipping charges,
// and the two declared rounding policies (per line, per document).
#include <string>

#include <gtest/gtest.h>

#include "pricing/pricing.h"
#include "pricing/pricing_test_support.h"

namespace o2c {
namespace {

using pricing_test::book_of;
using pricing_test::error_text;
using pricing_test::item;
using pricing_test::line_text;
using pricing_test::money;
using pricing_test::request_of;
using pricing_test::steps_text;
using pricing_test::totals_text;

const std::string kRates = pricing_test::kGermanTaxRates + R"toml(
[[tax_rates]]
id = "fr-standard"
category = "standard"
country = "FR"
percent = "20"

[[tax_rates]]
id = "us-standard"
category = "standard"
country = "US"
percent = "0"

[[tax_rates]]
id = "us-ca-standard"
category = "standard"
country = "US"
region = "CA"
percent = "7.25"
)toml";

PricingLine priced_at(std::string_view price, std::string_view tax_category = "standard",
                      std::string_view quantity = "1") {
  PricingLine line = item("X-1", quantity);
  line.catalog_price = money(price);
  line.tax_category = std::string(tax_category);
  return line;
}

PricingRequest shipped_to(std::string_view country, std::string_view region,
                          std::vector<PricingLine> lines) {
  PricingRequest request = request_of(std::move(lines));
  request.ship_to_country = std::string(country);
  request.ship_to_region = std::string(region);
  return request;
}

// Lines, charges, breakdown and totals agree to the cent.
void expect_consistent(const PricedOrder& order) {
  Money lines_tax = zero(order.currency);
  Money lines_net = zero(order.currency);
  for (const PricedLine& line : order.lines) {
    lines_tax = add(lines_tax, line.tax).value();
    lines_net = add(lines_net, line.net).value();
  }
  for (const PricedCharge& charge : order.charges) {
    lines_tax = add(lines_tax, charge.tax).value();
    lines_net = add(lines_net, charge.net).value();
  }
  Money breakdown_tax = zero(order.currency);
  Money breakdown_taxable = zero(order.currency);
  for (const TaxSubtotal& subtotal : order.tax_breakdown) {
    breakdown_tax = add(breakdown_tax, subtotal.tax).value();
    breakdown_taxable = add(breakdown_taxable, subtotal.taxable).value();
  }
  EXPECT_EQ(lines_tax, order.tax_total);
  EXPECT_EQ(breakdown_tax, order.tax_total);
  EXPECT_EQ(lines_net, order.net_total);
  EXPECT_EQ(breakdown_taxable, order.net_total);
  EXPECT_EQ(add(order.net_total, order.tax_total).value(), order.gross_total);
}

std::string taxes_text(const PricedOrder& order) {
  std::string text;
  for (const PricedLine& line : order.lines) text += format_amount(line.tax) + " ";
  for (const PricedCharge& charge : order.charges) text += format_amount(charge.tax) + " ";
  return text + "| " + totals_text(order);
}

TEST(Tax, RateFollowsTheShipToCountry) {
  const PriceBook book = book_of(kRates);
  EXPECT_EQ(error_text(book, shipped_to("DE", "", {priced_at("10.00")})),
            "ok: net 10.00 tax 1.90 gross 11.90 EUR");
  EXPECT_EQ(error_text(book, shipped_to("FR", "", {priced_at("10.00")})),
            "ok: net 10.00 tax 2.00 gross 12.00 EUR");
  EXPECT_EQ(error_text(book, shipped_to("DE", "", {priced_at("10.00", "reduced")})),
            "ok: net 10.00 tax 0.70 gross 10.70 EUR");
}

TEST(Tax, RegionRateBeatsTheCountryRate) {
  const PriceBook book = book_of(kRates);
  // 7.25 % of 10.00 = 0.725 → 0.72 (half-even).
  const PricedOrder california =
      price_request(book, shipped_to("US", "CA", {priced_at("10.00")})).value();
  EXPECT_EQ(line_text(california), "unit 10.00 base 10.00 discount 0.00 net 10.00 tax 0.72");
  EXPECT_EQ(steps_text(california), "catalog_price catalog, tax us-ca-standard");
  const PricedOrder new_york =
      price_request(book, shipped_to("US", "NY", {priced_at("10.00")})).value();
  EXPECT_EQ(steps_text(new_york), "catalog_price catalog, tax us-standard");
  EXPECT_EQ(totals_text(new_york), "net 10.00 tax 0.00 gross 10.00 EUR");
}

TEST(Tax, UnknownRateIsRejectedNamingTheLine) {
  const PriceBook book = book_of(kRates);
  const Result<PricedOrder> japan = price_request(book, shipped_to("JP", "", {priced_at("10.00")}));
  ASSERT_FALSE(japan.has_value());
  EXPECT_EQ(japan.error().reason, "tax_rate_unknown");
  EXPECT_EQ(japan.error().kind, ErrorKind::kFailedPrecondition);
  EXPECT_EQ(japan.error().where, "lines[0].tax_category");
  EXPECT_EQ(japan.error().message, "no tax rate for tax category 'standard' in JP on 2026-03-02");
  EXPECT_EQ(
      error_text(book, shipped_to("DE", "", {priced_at("1.00"), priced_at("1.00", "luxury")})),
      "tax_rate_unknown at lines[1].tax_category");
}

TEST(Tax, RateValidityFollowsTheDate) {
  const PriceBook book = book_of(R"toml(
[[tax_rates]]
id = "de-2020-cut"
category = "standard"
country = "DE"
percent = "16"
valid_from = 2020-07-01
valid_to = 2020-12-31

[[tax_rates]]
id = "de-2021"
category = "standard"
country = "DE"
percent = "19"
valid_from = 2021-01-01
)toml");
  PricingRequest request = shipped_to("DE", "", {priced_at("10.00")});
  request.date = pricing_test::date("2020-12-31");
  EXPECT_EQ(error_text(book, request), "ok: net 10.00 tax 1.60 gross 11.60 EUR");
  request.date = pricing_test::date("2021-01-01");
  EXPECT_EQ(error_text(book, request), "ok: net 10.00 tax 1.90 gross 11.90 EUR");
  request.date = pricing_test::date("2020-06-30");
  EXPECT_EQ(error_text(book, request), "tax_rate_unknown at lines[0].tax_category");
}

TEST(Tax, ExemptCustomerPaysNoTaxOnLinesOrShipping) {
  const PriceBook book = book_of(kRates);
  PricingRequest request = shipped_to("JP", "", {priced_at("10.00")});  // no JP rates needed
  request.tax_exempt = true;
  request.shipping.push_back(ShippingCharge{"freight", money("4.99")});
  const PricedOrder order = price_request(book, request).value();
  EXPECT_EQ(taxes_text(order), "0.00 0.00 | net 14.99 tax 0.00 gross 14.99 EUR");
  EXPECT_EQ(steps_text(order), "catalog_price catalog, tax_exempt tax_exempt");
  expect_consistent(order);
}

TEST(Tax, ShippingChargeIsTaxedByItsOwnCategory) {
  const PriceBook book = book_of(kRates);
  PricingRequest request = shipped_to("DE", "", {priced_at("10.00", "reduced")});
  request.shipping.push_back(ShippingCharge{"freight", money("4.99")});
  const PricedOrder order = price_request(book, request).value();
  // 10.00 × 7 % = 0.70; 4.99 × 19 % = 0.9481 → 0.95.
  EXPECT_EQ(taxes_text(order), "0.70 0.95 | net 14.99 tax 1.65 gross 16.64 EUR");
  ASSERT_EQ(order.tax_breakdown.size(), 2u);
  EXPECT_EQ(order.tax_breakdown[0].rate, BasisPoints{700});
  EXPECT_EQ(order.tax_breakdown[1].taxable, money("4.99"));
  EXPECT_EQ(order.trace_of(order.charges[0].trace)[0].rule_id, "de-shipping");
  expect_consistent(order);
}

TEST(Tax, RejectsBadShippingCharges) {
  const PriceBook book = book_of(kRates);
  PricingRequest request = shipped_to("DE", "", {priced_at("10.00")});
  request.shipping.push_back(ShippingCharge{"freight", money("4.99"), "freight"});
  EXPECT_EQ(error_text(book, request), "tax_rate_unknown at shipping[0].tax_category");
  request.shipping[0] = ShippingCharge{"freight", money("-4.99")};
  EXPECT_EQ(error_text(book, request), "negative_amount at shipping[0].amount");
  request.shipping[0] = ShippingCharge{"freight", money("4.99", "USD")};
  EXPECT_EQ(error_text(book, request), "currency_mismatch at shipping[0].amount");
}

PriceBook rounding_book(std::string_view rounding) {
  return book_of("[policy]\ntax_rounding = \"" + std::string(rounding) + "\"\n" + kRates);
}

TEST(TaxRounding, PerLineAndPerDocumentDifferByACent) {
  // Three lines of 0.10 at 7 %: per line 0.007 → 0.01 each = 0.03; per document
  // 0.30 × 7 % = 0.021 → 0.02, spread 0.01, 0.01, 0.00 by largest remainder (ties: earliest).
  const PricingRequest request = shipped_to(
      "DE", "",
      {priced_at("0.10", "reduced"), priced_at("0.10", "reduced"), priced_at("0.10", "reduced")});
  const PricedOrder per_line = price_request(rounding_book("per_line"), request).value();
  const PricedOrder per_document = price_request(rounding_book("per_document"), request).value();
  EXPECT_EQ(taxes_text(per_line), "0.01 0.01 0.01 | net 0.30 tax 0.03 gross 0.33 EUR");
  EXPECT_EQ(taxes_text(per_document), "0.01 0.01 0.00 | net 0.30 tax 0.02 gross 0.32 EUR");
  EXPECT_EQ(per_line.tax_rounding, TaxRounding::kPerLine);
  EXPECT_EQ(per_document.tax_rounding, TaxRounding::kPerDocument);
  expect_consistent(per_line);
  expect_consistent(per_document);
}

TEST(TaxRounding, PerDocumentCanAlsoBeTheHigher) {
  // Two lines of 0.02 at 19 %: per line 0.0038 → 0.00 each; per document 0.04 × 19 % =
  // 0.0076 → 0.01, which goes to the first line.
  const PricingRequest request = shipped_to("DE", "", {priced_at("0.02"), priced_at("0.02")});
  const PricedOrder per_line = price_request(rounding_book("per_line"), request).value();
  const PricedOrder per_document = price_request(rounding_book("per_document"), request).value();
  EXPECT_EQ(taxes_text(per_line), "0.00 0.00 | net 0.04 tax 0.00 gross 0.04 EUR");
  EXPECT_EQ(taxes_text(per_document), "0.01 0.00 | net 0.04 tax 0.01 gross 0.05 EUR");
  expect_consistent(per_line);
  expect_consistent(per_document);
  EXPECT_EQ(steps_text(per_document, 0), "catalog_price catalog, tax_document_share de-standard");
}

TEST(TaxRounding, PerDocumentGroupsByRateIncludingShipping) {
  // 19 %: 3.33 + 3.33 + shipping 3.34 = 10.00 → 1.90 spread 0.63, 0.63, 0.64 (each 0.6327,
  // 0.6327, 0.6346; the last cent to the largest remainder, shipping's 0.6346).
  // 7 %: 1.05 → 0.0735 → 0.07.
  PricingRequest request =
      shipped_to("DE", "", {priced_at("3.33"), priced_at("1.05", "reduced"), priced_at("3.33")});
  request.shipping.push_back(ShippingCharge{"freight", money("3.34")});
  const PricedOrder per_document = price_request(rounding_book("per_document"), request).value();
  EXPECT_EQ(taxes_text(per_document), "0.63 0.07 0.63 0.64 | net 11.05 tax 1.97 gross 13.02 EUR");
  // Per line: 0.6327 → 0.63 twice, 0.0735 → 0.07, 0.6346 → 0.63: 1.96.
  const PricedOrder per_line = price_request(rounding_book("per_line"), request).value();
  EXPECT_EQ(taxes_text(per_line), "0.63 0.07 0.63 0.63 | net 11.05 tax 1.96 gross 13.01 EUR");
  expect_consistent(per_document);
  expect_consistent(per_line);
  ASSERT_EQ(per_document.tax_breakdown.size(), 2u);
  EXPECT_EQ(per_document.tax_breakdown[1].taxable, money("10.00"));
  EXPECT_EQ(per_document.tax_breakdown[1].tax, money("1.90"));
}

TEST(TaxRounding, PerDocumentSpreadsLikeCoreAllocate) {
  // Random orders: each line's share of its rate's document tax is exactly what core's
  // largest-remainder allocate() gives, and no cent is lost.
  const PriceBook book = rounding_book("per_document");
  std::uint64_t seed = 42;
  const auto next = [&seed](std::uint64_t bound) {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    return (seed >> 33) % bound;
  };
  for (int round = 0; round < 200; ++round) {
    std::vector<PricingLine> lines;
    const std::size_t count = 1 + next(40);
    for (std::size_t k = 0; k < count; ++k) {
      PricingLine line = priced_at("0.01", next(3) == 0 ? "reduced" : "standard");
      line.catalog_price->minor = static_cast<std::int64_t>(next(5'000));
      lines.push_back(line);
    }
    const PricedOrder order = price_request(book, shipped_to("DE", "", lines)).value();
    expect_consistent(order);
    for (const TaxSubtotal& subtotal : order.tax_breakdown) {
      std::vector<std::int64_t> weights;
      std::vector<std::size_t> members;
      for (std::size_t k = 0; k < order.lines.size(); ++k) {
        if (order.lines[k].tax_rate != subtotal.rate) continue;
        weights.push_back(order.lines[k].net.minor);
        members.push_back(k);
      }
      const Money expected_total =
          apply_rate(subtotal.taxable, subtotal.rate, Rounding::kHalfEven).value();
      ASSERT_EQ(subtotal.tax, expected_total);
      if (expected_total.minor == 0) continue;
      const std::vector<Money> shares = allocate(expected_total, weights).value();
      for (std::size_t m = 0; m < members.size(); ++m) {
        ASSERT_EQ(order.lines[members[m]].tax, shares[m]) << "round " << round;
      }
    }
  }
}

}  // namespace
}  // namespace o2c
