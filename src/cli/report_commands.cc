// o2c report aging | trial-balance | gl | subledger | orders, o2c alerts, o2c audit
// verify | checkpoint | export — and the renderers the demo summary shares with them.
#include <algorithm>
#include <array>
#include <fstream>
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

Table trial_balance_table(const std::vector<TrialBalance>& balances, const Chart& chart) {
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
    std::vector<TrialBalanceRow> rows = balance.rows;
    std::stable_sort(rows.begin(), rows.end(),
                     [&](const TrialBalanceRow& a, const TrialBalanceRow& b) {
                       return account_of(chart, a.account).code < account_of(chart, b.account).code;
                     });
    for (const TrialBalanceRow& row : rows) {
      const ChartAccount& account = account_of(chart, row.account);
      table.rows.push_back({currency, std::to_string(account.code), account.name,
                            format_grouped(row.debit), format_grouped(row.credit),
                            format_grouped(row.balance)});
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
  if (verdict.reason != "journal_broken")  // the chain recomputes; the checkpoint does not hold
    return "checkpoint FAILED: " + verdict.failure +
           " (the chain itself recomputes: " + std::to_string(verdict.verified) + " entries)";
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

// --from/--to/--as-of: a date, or none when not given.
Result<std::optional<Date>> optional_date(const std::string& text, const std::string& option) {
  if (text.empty()) return std::optional<Date>();
  Result<Date> parsed = parse_date(text);
  if (!parsed) return at(std::move(parsed).error(), option);
  return std::optional<Date>(*parsed);
}

struct GeneralLedgerOptions {
  int account = 0;
  std::string from;
  std::string to;
  std::string format = "table";
};

void print_general_ledger(const app::GeneralLedgerReport& report, Format format) {
  Table table{{{"cur"},
               {"date"},
               {"document"},
               {"description"},
               {"debit", Align::kRight},
               {"credit", Align::kRight},
               {"balance", Align::kRight}},
              {}};
  for (const GeneralLedger& ledger : report.ledgers) {
    const std::string currency(ledger.currency.text());
    table.rows.push_back(
        {currency, "", "", "opening balance", "", "", format_grouped(ledger.opening)});
    for (const GeneralLedgerLine& line : ledger.lines) {
      table.rows.push_back({currency, format_date(line.date), line.document, line.description,
                            line.debit.minor ? format_grouped(line.debit) : "",
                            line.credit.minor ? format_grouped(line.credit) : "",
                            format_grouped(line.balance)});
    }
    table.rows.push_back({currency, "", "", "closing balance", format_grouped(ledger.total_debit),
                          format_grouped(ledger.total_credit), format_grouped(ledger.closing)});
  }
  table.body_rows = table.rows.size();
  if (format == Format::kTable)
    std::cout << "general ledger " << report.account.code << " " << report.account.name << " ("
              << wire_name(report.account.type) << ")\n";
  render(table, format, std::cout);
  if (format == Format::kTable && report.ledgers.empty()) std::cout << "nothing posted\n";
}

void add_general_ledger_report(CLI::App& report, Session& session) {
  auto options = std::make_shared<GeneralLedgerOptions>();
  CLI::App* gl = report.add_subcommand("gl", "one account's postings with running balance");
  gl->add_option("--account", options->account, "account code of the chart")->required();
  gl->add_option("--from", options->from, "first date YYYY-MM-DD (earlier: opening balance)");
  gl->add_option("--to", options->to, "last date YYYY-MM-DD");
  add_format_option(*gl, options->format);
  gl->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(Format format, parse_format(options->format));
      app::GeneralLedgerQuery query{options->account, {}, {}};
      O2C_ASSIGN_OR_RETURN(query.from, optional_date(options->from, "--from"));
      O2C_ASSIGN_OR_RETURN(query.to, optional_date(options->to, "--to"));
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(app::GeneralLedgerReport result,
                           app::general_ledger_report(*store, query));
      print_general_ledger(result, format);
      return {};
    };
  });
}

void print_subledger(const app::SubledgerReport& report, const Chart& chart, Format format) {
  Table table{{{"customer"},
               {"name"},
               {"cur"},
               {"open receivables", Align::kRight},
               {"unapplied cash", Align::kRight}},
              {}};
  for (const CustomerLedgerRow& row : report.customers) {
    table.rows.push_back(
        {row.customer_number, row.customer_name, std::string(row.open_receivables.currency.text()),
         format_grouped(row.open_receivables), format_grouped(row.unapplied_cash)});
  }
  table.body_rows = table.rows.size();
  const ChartAccount& receivables = account_of(chart, Account::kReceivables);
  const ChartAccount& unapplied = account_of(chart, Account::kUnappliedCash);
  for (const app::SubledgerReconciliation& line : report.reconciliation) {
    const std::string currency(line.currency.text());
    table.rows.push_back({"TOTAL", "all customers", currency, format_grouped(line.open_receivables),
                          format_grouped(line.unapplied_cash)});
    table.rows.push_back(
        {"ACCOUNT",
         std::to_string(receivables.code) + " / " + std::to_string(unapplied.code) + " balance",
         currency, format_grouped(line.receivables_account),
         format_grouped(line.unapplied_account)});
    table.rows.push_back({"DIFFERENCE", "account - customers", currency,
                          format_grouped(line.receivables_difference),
                          format_grouped(line.unapplied_difference)});
  }
  if (format == Format::kTable)
    std::cout << "customer sub-ledger as of " << format_date(report.as_of) << "\n";
  render(table, format, std::cout);
}

void add_subledger_report(CLI::App& report, Session& session) {
  auto customer = std::make_shared<std::string>();
  auto as_of = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("table");
  CLI::App* sub = report.add_subcommand(
      "subledger", "open receivables and unapplied cash per customer, reconciled to the books");
  sub->add_option("--customer", *customer, "only this customer (the reconciliation is over all)");
  sub->add_option("--as-of", *as_of, "date YYYY-MM-DD (default: today)");
  add_format_option(*sub, *format);
  sub->callback([&session, customer, as_of, format] {
    session.action = [&session, customer, as_of, format]() -> Status {
      O2C_ASSIGN_OR_RETURN(Format chosen, parse_format(*format));
      O2C_ASSIGN_OR_RETURN(std::optional<Date> date, optional_date(*as_of, "--as-of"));
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      std::optional<std::string> only;
      if (!customer->empty()) only = *customer;
      Result<app::SubledgerReport> result =
          app::subledger_report(*store, only, date.value_or(session.clock().today()));
      if (!result) return at(std::move(result).error(), "--customer");
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
      O2C_ASSIGN_OR_RETURN(Chart chart, app::load_chart(*reader));
      print_subledger(*result, chart, chosen);
      return {};
    };
  });
}

void add_books_reports(CLI::App& report, Session& session) {
  add_general_ledger_report(report, session);
  add_subledger_report(report, session);
}

// Writes to --out FILE, or standard output without one.
Status write_output(const std::string& path, const std::string& text) {
  if (path.empty()) {
    std::cout << text;
    return {};
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return unavailable("write_failed", "cannot write " + path, "--out");
  return {};
}

void add_audit_commands(CLI::App& app, Session& session) {
  CLI::App* audit = app.add_subcommand("audit", "the tamper-evident journal");
  audit->require_subcommand(1);
  auto checkpoint_text = std::make_shared<std::string>();
  CLI::App* verify = audit->add_subcommand("verify", "recompute the hash chain of every entry");
  verify->add_option("--from-checkpoint", *checkpoint_text,
                     "SEQ:HASH from `audit checkpoint`: also prove nothing up to it changed");
  verify->callback([&session, checkpoint_text] {
    session.action = [&session, checkpoint_text]() -> Status {
      std::optional<JournalCheckpoint> checkpoint;
      if (!checkpoint_text->empty()) {
        Result<JournalCheckpoint> parsed = parse_checkpoint(*checkpoint_text);
        if (!parsed) return at(std::move(parsed).error(), "--from-checkpoint");
        checkpoint = *parsed;
      }
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(app::JournalVerdict verdict, app::verify_journal(*store, checkpoint));
      if (!verdict.ok) {
        return failed_precondition(std::string(verdict.reason), journal_line(verdict),
                                   "journal entry " + std::to_string(verdict.failed_sequence));
      }
      std::cout << journal_line(verdict) << "\n";
      if (checkpoint)
        std::cout << "checkpoint " << checkpoint->sequence
                  << " matches: nothing up to it changed\n";
      return {};
    };
  });
  CLI::App* checkpoint =
      audit->add_subcommand("checkpoint", "print the journal's head: keep it somewhere else");
  checkpoint->callback([&session] {
    session.action = [&session]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(JournalCheckpoint head, app::journal_checkpoint(*store));
      std::cout << format_checkpoint(head) << "\n";
      return {};
    };
  });
  auto out = std::make_shared<std::string>();
  CLI::App* export_command = audit->add_subcommand(
      "export", "the whole journal as JSON lines (re-verify with tools/verify_journal.py)");
  export_command->add_option("--out", *out, "file to write (default: standard output)");
  export_command->callback([&session, out] {
    session.action = [&session, out]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      std::string text;
      O2C_RETURN_IF_ERROR(app::export_journal(*store, [&](std::string_view line) {
        text += line;
        text += '\n';
      }));
      return write_output(*out, text);
    };
  });
}
}  // namespace

void add_report_commands(CLI::App& app, Session& session) {
  add_alerts_command(app, session);
  CLI::App* report =
      app.add_subcommand("report", "reports: aging, trial-balance, gl, subledger, orders");
  report->require_subcommand(1);
  auto aging_options = std::make_shared<std::pair<std::string, std::string>>("", "table");
  auto drill = std::make_shared<std::array<std::string, 3>>();  // buckets, customer, bucket
  CLI::App* aging = report->add_subcommand(
      "aging",
      "receivables by days past due, per customer (or one customer's or bucket's invoices)");
  aging->add_option("--as-of", aging_options->first, "date YYYY-MM-DD (default: today)");
  aging->add_option("--buckets", (*drill)[0],
                    "bucket bounds in days past due, e.g. 0,30,60,90 (default: o2c config "
                    "aging-buckets, else 0,30,60,90)");
  aging->add_option("--customer", (*drill)[1], "drill down: this customer's invoices");
  aging->add_option("--bucket", (*drill)[2], "drill down: this bucket's invoices, e.g. 31-60");
  add_format_option(*aging, aging_options->second);
  aging->callback([&session, aging_options, drill] {
    session.action = [&session, aging_options, drill]() -> Status {
      O2C_ASSIGN_OR_RETURN(Format format, parse_format(aging_options->second));
      Date as_of = session.clock().today();
      if (!aging_options->first.empty()) {
        Result<Date> parsed = parse_date(aging_options->first);
        if (!parsed)
          return Error{parsed.error().kind, parsed.error().reason, parsed.error().message,
                       "--as-of"};
        as_of = *parsed;
      }
      const auto given = [](const std::string& text) {
        return text.empty() ? std::nullopt : std::optional<std::string>(text);
      };
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      return render_bucketed_aging(
          *store,
          app::AgingRequest{as_of, given((*drill)[0]), given((*drill)[1]), given((*drill)[2])},
          format);
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
      O2C_ASSIGN_OR_RETURN(app::ChartedTrialBalance books,
                           app::charted_trial_balance(*store, *by_currency));
      render(trial_balance_table(books.balances, books.chart), format, std::cout);
      return {};
    };
  });

  add_books_reports(*report, session);
  add_audit_commands(app, session);
}

}  // namespace o2c::cli
