// pricing_test_support.h — internal to pricing/ tests: builds books from TOML text and
// requests from short specs, and renders priced lines as one line of text so that a test
// compares amounts to the cent in one assertion (STYLE.md rule 14).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "pricing/pricing.h"

namespace o2c::pricing_test {

// German VAT on goods (standard, reduced) and on shipping charges, as a rules file has them.
inline const std::string kGermanTaxRates = R"toml(
[[tax_rates]]
id = "de-standard"
category = "standard"
country = "DE"
percent = "19"

[[tax_rates]]
id = "de-reduced"
category = "reduced"
country = "DE"
percent = "7"

[[tax_rates]]
id = "de-shipping"
category = "shipping"
country = "DE"
percent = "19"
)toml";

inline Currency currency(std::string_view code) { return currency_from_code(code).value(); }
inline Money money(std::string_view text, std::string_view code = "EUR") {
  return parse_money(text, currency(code)).value();
}
inline Date date(std::string_view text) { return parse_date(text).value(); }

// The book of `toml`; the test stops with the parser's message when the text is refused.
inline PriceBook book_of(std::string_view toml) {
  Result<PriceBook> book = parse_price_rules(toml);
  if (!book) {
    ADD_FAILURE() << describe(book.error());
    O2C_ASSERT(book.has_value());
  }
  return *book;
}

// "reason at where" of a refused text, or "ok".
inline std::string rules_error(std::string_view toml) {
  Result<PriceBook> book = parse_price_rules(toml);
  if (book) return "ok";
  return book.error().reason + " at " + book.error().where;
}

inline PricingLine item(std::string_view sku, std::string_view quantity,
                        std::string_view category = "") {
  PricingLine line;
  line.sku = std::string(sku);
  line.quantity = parse_quantity(quantity).value();
  line.product_category = std::string(category);
  return line;
}

// A request of customer C-1 (no segment) in EUR on 2026-03-02, shipped to DE.
inline PricingRequest request_of(std::vector<PricingLine> lines) {
  PricingRequest request;
  request.customer_number = "C-1";
  request.currency = currency("EUR");
  request.date = date("2026-03-02");
  request.ship_to_country = "DE";
  request.lines = std::move(lines);
  return request;
}

// "unit 10.00 base 50.00 discount 10.00 net 40.00 tax 7.60"
inline std::string line_text(const PricedOrder& order, std::size_t index = 0) {
  const PricedLine& line = order.lines.at(index);
  return "unit " + format_amount(line.unit_price) + " base " + format_amount(line.base_amount) +
         " discount " + format_amount(line.discount) + " net " + format_amount(line.net) + " tax " +
         format_amount(line.tax);
}

// "net 40.00 tax 7.60 gross 47.60 EUR"
inline std::string totals_text(const PricedOrder& order) {
  return "net " + format_amount(order.net_total) + " tax " + format_amount(order.tax_total) +
         " gross " + format_money(order.gross_total);
}

// "default_list_price eur-default, amount_off p-amount, tax de-standard"
inline std::string steps_text(const PricedOrder& order, std::size_t index = 0) {
  std::string text;
  for (const TraceStep& step : order.trace_of(order.lines.at(index).trace)) {
    if (!text.empty()) text += ", ";
    text += std::string(wire_name(step.kind)) + " " + std::string(step.rule_id);
  }
  return text;
}

// The line text of the first line, or "reason at where".
inline std::string priced_text(const PriceBook& book, const PricingRequest& request) {
  Result<PricedOrder> order = price_request(book, request);
  if (!order) return order.error().reason + " at " + order.error().where;
  return line_text(*order);
}

inline std::string error_text(const PriceBook& book, const PricingRequest& request) {
  Result<PricedOrder> order = price_request(book, request);
  if (order) return "ok: " + totals_text(*order);
  return order.error().reason + " at " + order.error().where;
}

}  // namespace o2c::pricing_test
