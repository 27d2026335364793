// o2c demo — a realistic dataset through the whole cycle, then the summary a newcomer reads.
#include <iostream>

#include "cli/progress.h"
#include "cli/reports.h"
#include "cli/session.h"
#include "core/limits.h"

namespace o2c::cli {
namespace {

struct DemoCommandOptions {
  std::int64_t orders = 2000;
  std::uint64_t seed = 42;
  std::string as_of;
};

std::string money_by_currency(const std::vector<TrialBalance>& balances, Account account) {
  std::string text;
  for (const TrialBalance& balance : balances) {
    for (const TrialBalanceRow& row : balance.rows) {
      if (row.account != account) continue;
      const Money shown = account == Account::kCash || account == Account::kReceivables
                              ? row.balance
                              : negate(row.balance);
      text += (text.empty() ? "" : "   ") + format_grouped(shown) + " " +
              std::string(balance.currency.text());
    }
  }
  return text.empty() ? "none" : text;
}

Status print_summary(Store& store, const std::string& db, const app::DemoOutcome& outcome,
                     Date as_of) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store.reader());
  O2C_ASSIGN_OR_RETURN(CycleCounts counts, reader->cycle_counts());
  O2C_ASSIGN_OR_RETURN(std::vector<TrialBalance> balances, app::trial_balance_report(store));
  O2C_ASSIGN_OR_RETURN(AgingReport aging, app::aging_report(store, as_of));
  O2C_ASSIGN_OR_RETURN(app::JournalVerdict verdict, app::verify_journal(store));
  std::cout << "\n== o2c demo: " << outcome.customers << " customers, " << outcome.products
            << " products, " << outcome.orders_placed << " orders, as of " << format_date(as_of)
            << "\n\n";
  std::cout << "orders by state:";
  for (const auto& [state, count] : counts.orders_by_state)
    std::cout << "  " << state << " " << count;
  std::cout << "\ncredit holds:     " << outcome.orders_held << " held, " << outcome.holds_released
            << " released, " << outcome.holds_rejected << " rejected\n";
  std::cout << "shipments:        " << counts.shipments << " (" << outcome.partial_shipments
            << " left the order partly open), backorders filled by receipts: "
            << outcome.backorders_filled << "\n";
  std::cout << "invoices:         " << counts.invoices_open << " open, "
            << counts.invoices_partially_paid << " partially paid, " << counts.invoices_paid
            << " paid\n";
  std::cout << "payments:         " << counts.payments << " (" << outcome.partial_payments
            << " partial, " << outcome.overpayments << " left unapplied cash)\n";
  std::cout << "receivables:      " << money_by_currency(balances, Account::kReceivables) << "\n";
  std::cout << "cash received:    " << money_by_currency(balances, Account::kCash) << "\n";
  std::cout << "unapplied cash:   " << money_by_currency(balances, Account::kUnappliedCash)
            << "\n\n";
  std::cout << "trial balance (debits = credits in every currency)\n";
  render(trial_balance_table(balances, default_chart()), Format::kTable, std::cout);  // a new db
  std::cout << "\naging of receivables as of " << format_date(as_of)
            << " (days past due), totals\n";
  AgingReport totals_only = aging;
  totals_only.customers.clear();
  render(aging_table(totals_only), Format::kTable, std::cout);
  std::cout << "  (per customer: o2c --db " << db << " report aging --as-of " << format_date(as_of)
            << ")\n\n";
  std::cout << journal_line(verdict) << "\n";
  if (!verdict.ok) return failed_precondition("journal_broken", verdict.failure);
  return {};
}

}  // namespace

void add_demo_command(CLI::App& app, Session& session) {
  auto options = std::make_shared<DemoCommandOptions>();
  CLI::App* demo =
      app.add_subcommand("demo", "create a demo database and run the whole cycle on it");
  demo->add_option("--orders", options->orders, "orders to simulate")->capture_default_str();
  demo->add_option("--seed", options->seed, "random seed (same seed, same data)")
      ->capture_default_str();
  demo->add_option("--as-of", options->as_of, "last simulated day (default: today)");
  demo->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      app::DemoOptions demo_options;
      demo_options.orders = options->orders;
      demo_options.seed = options->seed;
      demo_options.as_of = session.clock().today();
      if (!options->as_of.empty()) {
        Result<Date> parsed = parse_date(options->as_of);
        if (!parsed)
          return Error{parsed.error().kind, parsed.error().reason, parsed.error().message,
                       "--as-of"};
        demo_options.as_of = *parsed;
      }
      if (options->orders < 1 || options->orders > kDemoOrdersMax)
        return invalid_argument("invalid_order_count", "--orders must be between 1 and 10,000,000",
                                "--orders");
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, app::create_database(session.db, "EUR"));
      ProgressBar bar("demo: orders");
      demo_options.progress = [&bar](std::int64_t done, std::int64_t total) {
        bar.update(done, total);
      };
      SettableClock clock(demo_options.as_of);
      O2C_ASSIGN_OR_RETURN(app::DemoOutcome outcome, app::run_demo(*store, clock, demo_options));
      bar.finish();
      std::cout << "demo database: " << session.db << "\n";
      return print_summary(*store, session.db, outcome, demo_options.as_of);
    };
  });
}

}  // namespace o2c::cli
