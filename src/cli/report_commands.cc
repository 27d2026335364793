// o2c report aging | report trial-balance | audit verify — and the renderers the demo
// summary shares with them.
#include <iostream>

#include "cli/reports.h"
#include "cli/session.h"

namespace o2c::cli {

Table aging_table(const AgingReport& report) {
  Table table{{{"customer"}, {"name"}, {"cur"}}, {}};
  for (std::string_view bucket : kAgingBucketNames)
    table.columns.push_back({std::string(bucket), Align::kRight});
  table.columns.push_back({"total", Align::kRight});
  const auto add_row = [&](const AgingRow& row) {
    std::vector<std::string> cells{row.customer_number, row.customer_name,
                                   std::string(row.currency.text())};
    for (const Money& amount : row.buckets) cells.push_back(format_grouped(amount));
    cells.push_back(format_grouped(row.total));
    table.rows.push_back(std::move(cells));
  };
  for (const AgingRow& row : report.customers) add_row(row);
  table.body_rows = table.rows.size();
  for (const AgingRow& row : report.totals) add_row(row);
  return table;
}

Table trial_balance_table(const std::vector<TrialBalance>& balances) {
  Table table{{{"cur"},
               {"account", Align::kRight},
               {"name"},
               {"debit", Align::kRight},
               {"credit", Align::kRight},
               {"balance", Align::kRight}},
              {}};
  std::vector<std::vector<std::string>> totals;
  for (const TrialBalance& balance : balances) {
    const std::string currency(balance.currency.text());
    for (const TrialBalanceRow& row : balance.rows) {
      table.rows.push_back({currency, std::to_string(static_cast<int>(row.account)),
                            std::string(account_name(row.account)), format_grouped(row.debit),
                            format_grouped(row.credit), format_grouped(row.balance)});
    }
    const bool balanced = balance.total_debit == balance.total_credit;
    totals.push_back({currency, "", balanced ? "total (balanced)" : "total (NOT BALANCED)",
                      format_grouped(balance.total_debit), format_grouped(balance.total_credit),
                      format_grouped(Money{balance.total_debit.minor - balance.total_credit.minor,
                                           balance.currency})});
  }
  table.body_rows = table.rows.size();
  for (auto& row : totals) table.rows.push_back(std::move(row));
  return table;
}

std::string journal_line(const app::JournalVerdict& verdict) {
  if (verdict.ok)
    return "journal verified: " + std::to_string(verdict.verified) + " entries, head " +
           verdict.head_hash.substr(0, 16) + "…";
  return "journal BROKEN: " + verdict.failure + " (" + std::to_string(verdict.verified) +
         " entries verified before it)";
}

namespace {

struct AlertOptions {
  std::string as_of;
  std::string format = "table";
  AlertThresholds thresholds;
};

void add_alerts_command(CLI::App& app, Session& session) {
  auto options = std::make_shared<AlertOptions>();
  CLI::App* alerts = app.add_subcommand("alerts", "orders that need attention, most urgent first");
  alerts->add_option("--as-of", options->as_of, "date YYYY-MM-DD (default: today)");
  alerts->add_option("--hold-days", options->thresholds.hold_days, "alert on holds older than this")
      ->capture_default_str()
      ->check(CLI::Range(0, 3650));
  alerts
      ->add_option("--approval-days", options->thresholds.approval_days,
                   "alert on approvals waiting longer than this")
      ->capture_default_str()
      ->check(CLI::Range(0, 3650));
  add_format_option(*alerts, options->format);
  alerts->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(Format format, parse_format(options->format));
      Date as_of = session.clock().today();
      if (!options->as_of.empty()) {
        Result<Date> parsed = parse_date(options->as_of);
        if (!parsed) return at(std::move(parsed).error(), "--as-of");
        as_of = *parsed;
      }
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::vector<Alert> found,
                           app::order_exceptions(*store, as_of, options->thresholds));
      Table table{{{"severity"}, {"kind"}, {"subject"}, {"age (days)", Align::kRight}, {"what"}},
                  {}};
      for (const Alert& alert : found) {
        table.rows.push_back({std::string(wire_name(alert.severity)),
                              std::string(wire_name(alert.kind)), alert.subject,
                              std::to_string(alert.age_days), alert.message});
      }
      render(table, format, std::cout);
      return {};
    };
  });
}

std::string rate_text(const std::optional<BasisPoints>& rate) {
  return rate ? format_percent(*rate) + " %" : "n/a";
}

// "2 d 4 h" style: whole days and the remaining whole hours of a duration.
std::string duration_text(std::int64_t micros) {
  const std::int64_t hours = whole_hours(micros);
  return std::to_string(hours / 24) + " d " + std::to_string(hours % 24) + " h";
}

void add_order_flow_report(CLI::App& report, Session& session) {
  auto format = std::make_shared<std::string>("table");
  CLI::App* orders =
      report.add_subcommand("orders", "order cycle times, fill, backorder and perfect order rates");
  add_format_option(*orders, *format);
  orders->callback([&session, format] {
    session.action = [&session, format]() -> Status {
      O2C_ASSIGN_OR_RETURN(Format chosen, parse_format(*format));
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(app::OrderFlowReport flow, app::order_flow_report(*store));
      Table table{{{"measure"}, {"orders", Align::kRight}, {"median"}, {"90th percentile"}}, {}};
      const std::pair<const char*, const DurationStats*> stages[] = {
          {"placed to first shipment", &flow.cycle.to_shipped},
          {"placed to first invoice", &flow.cycle.to_invoiced},
          {"placed to fully paid", &flow.cycle.to_paid}};
      for (const auto& [name, stats] : stages) {
        table.rows.push_back({name, std::to_string(stats->count),
                              stats->count ? duration_text(stats->median_micros) : "n/a",
                              stats->count ? duration_text(stats->p90_micros) : "n/a"});
      }
      table.rows.push_back({"fill rate (stock at ordering)", "", rate_text(flow.fill_rate), ""});
      table.rows.push_back({"backorder rate (lines)", "", rate_text(flow.backorder_rate), ""});
      // Perfect orders among those whose fulfilment is over (analytics.h), with each part.
      const PerfectOrderSummary& perfect = flow.perfect;
      const auto share = [&](std::size_t part) -> std::string {
        if (perfect.measured == 0) return "n/a";
        return std::to_string(part) + " of " + std::to_string(perfect.measured);
      };
      table.rows.push_back({"perfect order rate (fulfilled orders)",
                            std::to_string(perfect.measured), rate_text(perfect.rate),
                            share(perfect.perfect)});
      table.rows.push_back(
          {"  complete (nothing cancelled short)", "", "", share(perfect.complete)});
      table.rows.push_back(
          {"  on time (by promised/requested date)", "", "", share(perfect.on_time)});
      table.rows.push_back({"  undamaged (no damaged return)", "", "", share(perfect.undamaged)});
      table.rows.push_back(
          {"  invoiced right (no credit requested)", "", "", share(perfect.invoiced_right)});
      render(table, chosen, std::cout);
      std::cout << (chosen == Format::kTable ? std::to_string(flow.orders) + " orders placed\n"
                                             : "");
      return {};
    };
  });
}

}  // namespace

void add_report_commands(CLI::App& app, Session& session) {
  add_alerts_command(app, session);
  CLI::App* report = app.add_subcommand("report", "reports: aging, trial-balance, orders");
  report->require_subcommand(1);
  auto aging_options = std::make_shared<std::pair<std::string, std::string>>("", "table");
  CLI::App* aging = report->add_subcommand("aging", "receivables by days past due, per customer");
  aging->add_option("--as-of", aging_options->first, "date YYYY-MM-DD (default: today)");
  add_format_option(*aging, aging_options->second);
  aging->callback([&session, aging_options] {
    session.action = [&session, aging_options]() -> Status {
      O2C_ASSIGN_OR_RETURN(Format format, parse_format(aging_options->second));
      Date as_of = session.clock().today();
      if (!aging_options->first.empty()) {
        Result<Date> parsed = parse_date(aging_options->first);
        if (!parsed)
          return Error{parsed.error().kind, parsed.error().reason, parsed.error().message,
                       "--as-of"};
        as_of = *parsed;
      }
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(AgingReport result, app::aging_report(*store, as_of));
      if (format == Format::kTable)
        std::cout << "aging as of " << format_date(as_of) << " (days past due)\n";
      render(aging_table(result), format, std::cout);
      return {};
    };
  });
  auto tb_format = std::make_shared<std::string>("table");
  add_order_flow_report(*report, session);
  auto by_currency = std::make_shared<bool>(false);
  CLI::App* trial = report->add_subcommand(
      "trial-balance", "debits and credits per account, in the company currency");
  add_format_option(*trial, *tb_format);
  trial->add_flag("--by-currency", *by_currency,
                  "the books by document currency instead (each currency balances)");
  trial->callback([&session, tb_format, by_currency] {
    session.action = [&session, tb_format, by_currency]() -> Status {
      O2C_ASSIGN_OR_RETURN(Format format, parse_format(*tb_format));
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::vector<TrialBalance> balances,
                           *by_currency ? app::trial_balance_by_currency_report(*store)
                                        : app::trial_balance_report(*store));
      render(trial_balance_table(balances), format, std::cout);
      return {};
    };
  });

  CLI::App* audit = app.add_subcommand("audit", "the tamper-evident journal");
  audit->require_subcommand(1);
  CLI::App* verify = audit->add_subcommand("verify", "recompute the hash chain of every entry");
  verify->callback([&session] {
    session.action = [&session]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(app::JournalVerdict verdict, app::verify_journal(*store));
      if (!verdict.ok) {
        return failed_precondition("journal_broken", journal_line(verdict),
                                   "journal entry " + std::to_string(verdict.failed_sequence));
      }
      std::cout << journal_line(verdict) << "\n";
      return {};
    };
  });
}

}  // namespace o2c::cli
