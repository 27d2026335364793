// o2c price explain — how the price rules price one line for a customer, step by step.
#include <iostream>

#include "cli/session.h"

namespace o2c::cli {
namespace {

struct ExplainOptions {
  std::string customer, sku, quantity, discount = "0";
  std::vector<std::string> coupons;
};

// The closing block: the line's figures, aligned under each other.
void print_totals(const PricedLine& line, std::ostream& out) {
  const Result<Money> gross = add(line.net, line.tax);
  const std::pair<const char*, std::string> rows[] = {
      {"unit price", format_grouped(line.unit_price)},
      {"base", format_grouped(line.base_amount)},
      {"discount", format_grouped(line.discount)},
      {"net", format_grouped(line.net)},
      {"tax", format_grouped(line.tax) + "  (" + format_percent(line.tax_rate) + " %)"},
      {"total", gross ? format_grouped(*gross) : std::string("(too large)")}};
  for (const auto& [label, value] : rows) {
    std::string padded_label = label;
    padded_label.resize(12, ' ');
    out << padded_label << value << " " << line.unit_price.currency.text() << "\n";
  }
}

}  // namespace

void add_price_commands(CLI::App& app, Session& session) {
  CLI::App* price = app.add_subcommand("price", "the pricing engine: explain a price");
  price->require_subcommand(1);
  auto options = std::make_shared<ExplainOptions>();
  CLI::App* explain = price->add_subcommand(
      "explain", "show the rules that make the price of a line (on --date, default today)");
  explain->add_option("--customer", options->customer, "customer number")->required();
  explain->add_option("--sku", options->sku, "product SKU")->required();
  explain->add_option("--qty", options->quantity, "quantity, e.g. 10 or 2.5")->required();
  explain->add_option("--coupon", options->coupons, "a coupon code (repeatable)");
  explain->add_option("--discount", options->discount, "a manual line discount %")
      ->capture_default_str();
  explain->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      app::PriceQuery query;
      query.customer_number = options->customer;
      query.sku = options->sku;
      O2C_ASSIGN_OR_RETURN(query.quantity, parse_quantity_option(options->quantity, "--qty"));
      Result<BasisPoints> discount = parse_percent(options->discount);
      if (!discount) return at(std::move(discount).error(), "--discount");
      query.discount = *discount;
      query.coupon_codes = options->coupons;
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
      query.date = session.clock().today();
      O2C_ASSIGN_OR_RETURN(app::PriceExplanation explanation, app::explain_price(*reader, query));
      for (const std::string& text : explain_line(explanation.request, explanation.priced, 0))
        std::cout << text << "\n";
      print_totals(explanation.priced.lines.front(), std::cout);
      return {};
    };
  });
}

}  // namespace o2c::cli
