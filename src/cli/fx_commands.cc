// o2c fx set|list|import — the FX rate table; o2c cash apply — unapplied cash put against open
// invoices later (a foreign-currency advance realises an FX gain or loss).
#include <iostream>

#include "cli/session.h"

namespace o2c::cli {
namespace {

struct FxSetOptions {
  std::string currency, rate;
};

// The rate's command-line errors name the argument at fault.
Error at_fx_argument(Error error) {
  if (error.where == "currency" || error.where.ends_with(", currency")) error.where = "CURRENCY";
  if (error.where == "rate" || error.where.ends_with(", rate")) error.where = "RATE";
  return error;
}

void print_rates(const app::FxRatesOutcome& outcome, std::ostream& out) {
  for (const FxRateEntry& rate : outcome.added)
    out << "rate " << rate.currency.text() << " " << format_date(rate.date) << " "
        << format_fx_rate(rate.rate) << " set\n";
  for (const FxRateEntry& rate : outcome.unchanged)
    out << "rate " << rate.currency.text() << " " << format_date(rate.date) << " "
        << format_fx_rate(rate.rate) << " unchanged (already set)\n";
}

void add_fx_set(CLI::App& fx, Session& session) {
  auto options = std::make_shared<FxSetOptions>();
  CLI::App* set = fx.add_subcommand(
      "set", "set the rate of a currency from --date on (company currency per 1 unit of it)");
  set->add_option("CURRENCY", options->currency, "ISO 4217 code, e.g. USD")->required();
  set->add_option("RATE", options->rate, "e.g. 1.0854 (at most 6 decimals)")->required();
  set->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      app::FxRateInput input;
      Result<Currency> currency = currency_from_code(options->currency);
      if (!currency) return at(std::move(currency).error(), "CURRENCY");
      Result<FxRate> rate = parse_fx_rate(options->rate);
      if (!rate) return at(std::move(rate).error(), "RATE");
      input.rate = FxRateEntry{session.clock().today(), *currency, *rate};
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      Result<app::FxRatesOutcome> outcome = app::set_fx_rates(context, std::span(&input, 1));
      if (!outcome) return at_fx_argument(std::move(outcome).error());
      print_rates(*outcome, std::cout);
      return {};
    };
  });
}

void add_fx_list(CLI::App& fx, Session& session) {
  auto currency_text = std::make_shared<std::string>();
  auto format_text = std::make_shared<std::string>("table");
  CLI::App* list = fx.add_subcommand("list", "the rate table, by currency and date");
  list->add_option("--currency", *currency_text, "only this currency");
  add_format_option(*list, *format_text);
  list->callback([&session, currency_text, format_text] {
    session.action = [&session, currency_text, format_text]() -> Status {
      O2C_ASSIGN_OR_RETURN(Format format, parse_format(*format_text));
      std::optional<Currency> currency;
      if (!currency_text->empty()) {
        Result<Currency> given = currency_from_code(*currency_text);
        if (!given) return at(std::move(given).error(), "--currency");
        currency = *given;
      }
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::vector<FxRateEntry> rates, app::list_fx_rates(*store, currency));
      Table table{{{"date"}, {"currency"}, {"rate", Align::kRight}}, {}};
      for (const FxRateEntry& rate : rates)
        table.rows.push_back(
            {format_date(rate.date), std::string(rate.currency.text()), format_fx_rate(rate.rate)});
      render(table, format, std::cout);
      return {};
    };
  });
}

void add_fx_import(CLI::App& fx, Session& session) {
  auto file = std::make_shared<std::string>();
  CLI::App* import = fx.add_subcommand(
      "import", "import rates from CSV (date,currency,rate): every row, or none if one is bad");
  import->add_option("FILE", *file, "the rates file")->required();
  import->callback([&session, file] {
    session.action = [&session, file]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::string text, read_text_file(*file, "FILE"));
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
  O2C_ASSIGN_OR_RETURN(std::string company_code, reader->company_currency());
  O2C_ASSIGN_OR_RETURN(Currency company, currency_from_code(company_code));
  O2C_ASSIGN_OR_RETURN(FxRatesFile parsed, parse_fx_rates_csv(text, company, *file));
  if (!parsed.problems.empty()) {
    // Every bad row on stdout (as order import does), one error line on stderr.
    for (const Error& problem : parsed.problems)
      std::cout << problem.where << ": " << problem.reason << ": " << problem.message << "\n";
    const std::size_t count = parsed.problems.size();
    return invalid_argument("import_refused",
                            "file refused: " + std::to_string(count) +
                                (count == 1 ? " bad row" : " bad rows") + ", nothing imported",
                            *file);
  }
  std::vector<app::FxRateInput> inputs;
  for (const FxRateEntry& rate : parsed.rates)
    inputs.push_back(app::FxRateInput{
        rate, *file + " " + std::string(rate.currency.text()) + " " + format_date(rate.date)});
  app::Context context = session.context(*store);
  O2C_ASSIGN_OR_RETURN(app::FxRatesOutcome outcome, app::set_fx_rates(context, inputs));
  std::cout << "imported " << outcome.added.size() << " rate(s), " << outcome.unchanged.size()
            << " already set\n";
  return {};
};
}  // namespace
);
}  // namespace o2c::cli

struct CashApplyOptions {
  std::string customer, payment;
  std::vector<std::string> invoices;
};

void add_cash_apply(CLI::App& app, Session& session) {
  CLI::App* cash = app.add_subcommand("cash", "customers' unapplied cash");
  cash->require_subcommand(1);
  auto options = std::make_shared<CashApplyOptions>();
  CLI::App* apply = cash->add_subcommand(
      "apply", "put unapplied cash (advances, overpayments) against open invoices");
  apply->add_option("--customer", options->customer, "customer number")->required();
  apply->add_option("--payment", options->payment, "only this payment's cash (default: oldest)");
  apply->add_option("--invoice", options->invoices,
                    "invoice to settle (repeatable); default: oldest due first");
  apply->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      app::CashApplicationRequest request{options->customer, options->payment, options->invoices};
      Result<app::CashApplicationOutcome> outcome = app::apply_unapplied_cash(context, request);
      if (!outcome) {
        Error error = std::move(outcome).error();
        if (error.where == "customer") error.where = "--customer";
        if (error.where == "payment") error.where = "--payment";
        if (error.where.starts_with("invoices[")) error.where = "--invoice";
        return error;
      }
      for (const auto& applied : outcome->applied)
        std::cout << "applied " << format_money(applied.application.amount) << " of "
                  << applied.payment_number << " to " << applied.application.invoice_number << "\n";
      const Money fx = outcome->realised_fx;
      std::cout << "realised FX "
                << (fx.minor > 0   ? "gain " + format_money(fx)
                    : fx.minor < 0 ? "loss " + format_money(negate(fx))
                                   : "none")
                << "\n";
      return {};
    };
  });
}

}  // namespace

void add_fx_commands(CLI::App& app, Session& session) {
  CLI::App* fx = app.add_subcommand("fx", "FX rates: set, list, import");
  fx->require_subcommand(1);
  add_fx_set(*fx, session);
  add_fx_list(*fx, session);
  add_fx_import(*fx, session);
  add_cash_apply(app, session);
}

}  // namespace o2c::cli
