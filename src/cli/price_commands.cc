// o2c price explain — how the price rules price one line for a customer, step by step.
#include <algorithm>
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
      {"tax", format_grouped(line.tax)},
      {"total", gross ? format_grouped(*gross) : std::string("(too large)")}};
  std::size_t width = 0;
  for (const auto& [label, value] : rows) width = std::max(width, value.size());
  for (const auto& [label, value] : rows) {
    std::string text = label;
    text.resize(12, ' ');
    text += std::string(width - value.size(), ' ') + value + " " +
            std::string(line.unit_price.currency.text());
    if (std::string_view(label) == "tax") text += "  (" + format_percent(line.tax_rate) + " %)";
    out << text << "\n";
  }
}

// The query's fields as the command line names them: "--customer", not "order.customer".
Error at_option(Error error) {
  static constexpr std::pair<std::string_view, std::string_view> kOptions[] = {
      {"order.customer", "--customer"}, {"lines[0].sku", "--sku"},
      {"lines[0].quantity", "--qty"},   {"lines[0].discount", "--discount"},
      {"order.coupons", "--coupon"},    {"lines[0].tax_category", "--sku"}};
  for (const auto& [field, option] : kOptions) {
    if (error.where.starts_with(field)) {
      error.where = std::string(option);  // the message names the SKU or coupon
      break;
    }
  }
  return error;
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
      Result<app::PriceExplanation> explained = app::explain_price(*reader, query);
      if (!explained) return at_option(std::move(explained).error());
      const app::PriceExplanation& explanation = *explained;
      for (const std::string& text : explain_line(explanation.request, explanation.priced, 0))
        std::cout << text << "\n";
      print_totals(explanation.priced.lines.front(), std::cout);
      return {};
    };
  });
}

}  // namespace o2c::cli
