// pricing_bench — how many order lines the pricing engine prices per second on one core with
// 10,000 rules loaded. The rules are generated as TOML text and go through
// parse_price_rules(), as a real rules file would; the orders are generated once, then priced
// in a loop (100 lines an order; one in BM_PriceLines_OneLineOrders). Every order is checked
// to price without error first, so the loop measures the whole rule precedence, not early
// rejections. lines/s is per core: lines over the benchmark's CPU time.
//
//   build/bench/pricing_bench --benchmark_min_time=2
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "pricing/pricing.h"

namespace o2c {
namespace {

constexpr int kSkus = 2'000;
constexpr int kCategories = 50;
constexpr int kContractCustomers = 200;
constexpr int kCustomers = 400;
constexpr int kLinesPerOrder = 100;
constexpr int kOrders = 500;

std::string sku(int n) {
  char text[16];
  std::snprintf(text, sizeof text, "SKU-%05d", n);
  return text;
}
std::string category(int n) { return "cat-" + std::to_string(n % kCategories); }
std::string customer(int n) { return "C-" + std::to_string(n); }
std::string cents(int minor) {
  return std::to_string(minor / 100) + "." + std::to_string(minor % 100 / 10) +
         std::to_string(minor % 10);
}
int list_cents(int n) { return 500 + (n * 37) % 20'000; }

// One price list with an entry for every `step`-th SKU; every 4th entry has three tiers.
std::string price_list(std::string_view id, std::string_view currency, std::string_view segment,
                       int step, int percent_of_list, int& rules) {
  std::string text = "[[price_lists]]\nid = \"" + std::string(id) + "\"\ncurrency = \"" +
                     std::string(currency) + "\"\nsegment = \"" + std::string(segment) +
                     "\"\nprices = [\n";
  for (int n = 0; n < kSkus; n += step, ++rules) {
    const int price = list_cents(n) * percent_of_list / 100;
    text += "  { sku = \"" + sku(n) + "\", ";
    if (n % 4 == 0) {
      text += "tiers = [{ min_qty = 1, price = \"" + cents(price) + "\" }, { min_qty = 10, " +
              "price = \"" + cents(price * 95 / 100) + "\" }, { min_qty = 100, price = \"" +
              cents(price * 90 / 100) + "\" }] },\n";
    } else {
      text += "price = \"" + cents(price) + "\" },\n";
    }
  }
  return text + "]\n";
}

std::string contracts(int& rules) {
  std::string text;
  for (int c = 0; c < kContractCustomers; ++c) {
    for (int k = 0; k < 10; ++k, ++rules) {
      const int n = (c * 97 + k * 13) % kSkus;
      text += "[[contracts]]\nid = \"k-" + std::to_string(c) + "-" + std::to_string(k) +
              "\"\ncustomer = \"" + customer(c) + "\"\nsku = \"" + sku(n) +
              "\"\ncurrency = \"EUR\"\nprice = \"" + cents(list_cents(n) * 85 / 100) +
              "\"\nvalid_from = 2026-01-01\nvalid_to = 2026-12-31\n";
    }
  }
  return text;
}

std::string promotions(int& rules) {
  std::string text;
  for (int c = 0; c < kCategories; ++c, ++rules) {
    text += "[[promotions]]\nid = \"cat-promo-" + std::to_string(c) +
            "\"\nkind = \"percent_off\"\npercent = \"" + std::to_string(2 + c % 8) +
            "\"\ncategory = \"" + category(c) + "\"\nvalid_from = 2026-03-01\n" +
            "valid_to = 2026-06-30\n";
  }
  for (int p = 0; p < 540; ++p, ++rules) {
    const int n = (p * 7) % kSkus;
    text += "[[promotions]]\nid = \"sku-promo-" + std::to_string(p) + "\"\nskus = [\"" + sku(n) +
            "\"]\npriority = " + std::to_string(p % 3) + "\n";
    if (p % 3 == 0) {
      text += "kind = \"amount_off\"\ncurrency = \"EUR\"\namount = \"0.50\"\n";
    } else if (p % 3 == 1) {
      text += "kind = \"buy_x_get_y\"\nbuy = 3\nfree = 1\n";
    } else {
      text += "kind = \"percent_off\"\npercent = \"12.5\"\nsegments = [\"retail\"]\n";
    }
  }
  for (int g = 0; g < 10; ++g, ++rules) {
    text += "[[promotions]]\nid = \"global-" + std::to_string(g) +
            "\"\nkind = \"percent_off\"\npercent = \"5\"\n";
  }
  for (int k = 0; k < 300; ++k, ++rules) {
    text += "[[coupons]]\ncode = \"CODE" + std::to_string(k) + "\"\npromotion = \"global-" +
            std::to_string(k % 10) + "\"\nvalid_to = 2026-12-31\n";
  }
  return text;
}

std::string tax_rates(int& rules) {
  static constexpr const char* kCountries[] = {"DE", "FR", "IT", "ES", "NL", "BE", "AT", "PL",
                                               "SE", "DK", "FI", "IE", "PT", "CZ", "US"};
  static constexpr const char* kCategoriesOfTax[] = {"standard", "reduced", "shipping", "zero"};
  std::string text;
  for (const char* country : kCountries) {
    for (const char* tax_category : kCategoriesOfTax) {
      text += "[[tax_rates]]\nid = \"" + std::string(country) + "-" + tax_category +
              "\"\ncategory = \"" + tax_category + "\"\ncountry = \"" + country +
              "\"\npercent = \"" + (std::string(tax_category) == "reduced" ? "7" : "19") + "\"\n";
      ++rules;
    }
  }
  for (int region = 0; rules < 10'000; ++region, ++rules) {
    text += "[[tax_rates]]\nid = \"US-R" + std::to_string(region) +
            "\"\ncategory = \"standard\"\ncountry = \"US\"\nregion = \"R" + std::to_string(region) +
            "\"\npercent = \"" + std::to_string(4 + region % 5) + ".25\"\n";
  }
  return text;
}

std::string generated_rules(std::string_view stacking, std::string_view rounding) {
  int rules = 0;
  std::string text = "[policy]\nstacking = \"" + std::string(stacking) +
                     "\"\nmax_discount_percent = \"40\"\nmin_margin_percent = \"5\"\n" +
                     "tax_rounding = \"" + std::string(rounding) + "\"\n";
  text += price_list("eur-default", "EUR", "", 1, 100, rules);
  text += price_list("eur-retail", "EUR", "retail", 1, 110, rules);
  text += price_list("eur-smb", "EUR", "smb", 2, 95, rules);
  text += price_list("usd-default", "USD", "", 1, 105, rules);
  text += contracts(rules);
  text += promotions(rules);
  text += tax_rates(rules);
  if (rules != 10'000) std::abort();
  return text;
}

std::vector<PricingRequest> generated_orders(int lines_per_order) {
  std::mt19937_64 random(20260302);
  const auto pick = [&](int bound) { return static_cast<int>(random() % bound); };
  static constexpr const char* kSegments[] = {"", "retail", "smb"};
  std::vector<PricingRequest> orders(kOrders);
  for (int o = 0; o < kOrders; ++o) {
    PricingRequest& order = orders[o];
    order.customer_number = customer(pick(kCustomers));
    order.segment = kSegments[pick(3)];
    order.currency = currency_from_code(o % 10 == 0 ? "USD" : "EUR").value();
    order.date = parse_date("2026-04-15").value();
    order.ship_to_country = o % 10 == 0 ? "US" : (o % 2 == 0 ? "DE" : "FR");
    order.ship_to_region = o % 10 == 0 ? "R" + std::to_string(pick(100)) : "";
    if (o % 10 == 3) order.coupon_codes = {"CODE" + std::to_string(pick(300))};
    order.shipping = {ShippingCharge{"freight", Money{990, order.currency}}};
    for (int l = 0; l < lines_per_order; ++l) {
      const int n = pick(kSkus);
      PricingLine line;
      line.product = ProductId{n + 1};
      line.sku = sku(n);
      line.product_category = category(n);
      line.tax_category = l % 5 == 0 ? "reduced" : "standard";
      line.quantity = units(1 + pick(l % 7 == 0 ? 200 : 12));
      line.standard_cost = Money{list_cents(n) * 60 / 100, order.currency};
      if (l % 9 == 0) line.manual_discount = BasisPoints{500};
      order.lines.push_back(std::move(line));
    }
  }
  return orders;
}

void price_lines(benchmark::State& state, std::string_view stacking, std::string_view rounding,
                 int lines_per_order) {
  const Result<PriceBook> book = parse_price_rules(generated_rules(stacking, rounding));
  if (!book) {
    std::fprintf(stderr, "rules refused: %s\n", describe(book.error()).c_str());
    std::abort();
  }
  const std::vector<PricingRequest> orders = generated_orders(lines_per_order);
  for (const PricingRequest& order : orders) {
    const Result<PricedOrder> priced = price_request(*book, order);
    if (!priced) {
      std::fprintf(stderr, "order refused: %s\n", describe(priced.error()).c_str());
      std::abort();
    }
  }
  std::size_t next = 0;
  std::int64_t lines = 0;
  for (auto _ : state) {
    Result<PricedOrder> priced = price_request(*book, orders[next]);
    benchmark::DoNotOptimize(priced);
    lines += lines_per_order;
    next = next + 1 == orders.size() ? 0 : next + 1;
  }
  state.counters["rules"] = static_cast<double>(book->rule_count());
  state.counters["lines/s"] =
      benchmark::Counter(static_cast<double>(lines), benchmark::Counter::kIsRate);
}

void BM_PriceLines_BestPricePerLine(benchmark::State& state) {
  price_lines(state, "best_price", "per_line", kLinesPerOrder);
}
void BM_PriceLines_CumulativePerDocument(benchmark::State& state) {
  price_lines(state, "cumulative", "per_document", kLinesPerOrder);
}
// One line per request: what a caller pays that does not batch (`o2c price explain`).
void BM_PriceLines_OneLineOrders(benchmark::State& state) {
  price_lines(state, "best_price", "per_line", 1);
}

void BM_ParseRules(benchmark::State& state) {
  const std::string text = generated_rules("best_price", "per_line");
  for (auto _ : state) {
    Result<PriceBook> book = parse_price_rules(text);
    benchmark::DoNotOptimize(book);
  }
  state.counters["rules/s"] = benchmark::Counter(static_cast<double>(state.iterations()) * 10'000,
                                                 benchmark::Counter::kIsRate);
  state.counters["bytes"] = static_cast<double>(text.size());
}

BENCHMARK(BM_PriceLines_BestPricePerLine)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_PriceLines_CumulativePerDocument)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_PriceLines_OneLineOrders)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ParseRules)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace o2c

BENCHMARK_MAIN();
