// o2c config dunning|aging-buckets, o2c dunning run|list, o2c collector add|assign|worklist|note,
// o2c report collectors|collections — collections (app/collections.h). `report aging` (in
// report_commands.cc) takes --buckets, --customer and --bucket from here.
//
// Collector assignment (o2c collector assign): every active customer goes to one collector.
// A collector with a region takes only customers billed in that region; one without takes any;
// none takes more than its --max-accounts. The workload of an account is its open receivables
// × the risk weight of its class (A 100 %, B 125 %, C 150 %, D 200 %, E 300 %; unscored 150 %).
// Largest account first, each goes to the eligible collector with the least workload so far
// (then the fewest accounts, then by name). Without --rebalance customers already assigned
// keep their collector (their workload counts); with it, all are assigned anew.
#include <iostream>

#include "cli/reports.h"
#include "cli/session.h"

namespace o2c::cli {
namespace {

Result<Date> date_option(const std::string& text, const std::string& option,
                         const Session& session) {
  if (text.empty()) return session.clock().today();
  Result<Date> parsed = parse_date(text);
  if (!parsed) return at(parsed.error(), option);
  return parsed;
}

std::string percent_or_dash(std::optional<BasisPoints> rate) {
  return rate ? format_percent(*rate) + "%" : "-";
}

// ---- report aging ------------------------------------------------------------------------------

Table bucketed_table(const BucketedAging& aging) {
  Table table{{{"customer"}, {"name"}, {"cur"}}, {}};
  for (const std::string& bucket : aging.bucket_names)
    table.columns.push_back({bucket, Align::kRight});
  table.columns.push_back({"total", Align::kRight});
  const auto add_row = [&](const BucketedRow& row) {
    std::vector<std::string> cells{row.customer_number, row.customer_name,
                                   std::string(row.currency.text())};
    for (const Money& amount : row.buckets) cells.push_back(format_grouped(amount));
    cells.push_back(format_grouped(row.total));
    table.rows.push_back(std::move(cells));
  };
  for (const BucketedRow& row : aging.customers) add_row(row);
  table.body_rows = table.rows.size();
  for (const BucketedRow& row : aging.totals) add_row(row);
  return table;
}

Table drill_table(const std::vector<AgingDrillLine>& lines) {
  Table table{{{"customer"},
               {"name"},
               {"invoice"},
               {"due"},
               {"days", Align::kRight},
               {"bucket"},
               {"cur"},
               {"open", Align::kRight}},
              {}};
  for (const AgingDrillLine& line : lines)
    table.rows.push_back(
        {line.item.customer_number, line.item.customer_name, line.item.invoice_number,
         format_date(line.item.due_date), std::to_string(line.days_past_due), line.bucket,
         std::string(line.item.open.currency.text()), format_grouped(line.item.open)});
  return table;
}

// ---- config ------------------------------------------------------------------------------------

void add_config_commands(CLI::App& app, Session& session) {
  CLI::App* config = app.get_subcommand("config");
  auto file = std::make_shared<std::string>();
  CLI::App* dunning =
      config->add_subcommand("dunning", "dunning policies per customer segment (TOML)");
  dunning->add_option("file", *file, "policy file, e.g. dunning.toml")->required();
  dunning->callback([&session, file] {
    session.action = [&session, file]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::string text, read_text_file(*file, "file"));
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_RETURN_IF_ERROR(app::set_dunning_policy(context, text, *file));
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
      O2C_ASSIGN_OR_RETURN(std::optional<DunningPolicies> policies,
                           app::load_dunning_policy(*reader));
      for (const DunningPolicy& policy : policies->policies) {
        std::cout << "dunning policy " << policy.segment << ":";
        for (const DunningLevel& level : policy.levels)
          std::cout << " " << level.number << " " << level.name << " +" << level.days_after_due;
        std::cout << (policy.minimum.empty() ? "" : ", minimum " + policy.minimum) << "\n";
      }
      return {};
    };
  });
  auto buckets = std::make_shared<std::string>();
  CLI::App* aging =
      config->add_subcommand("aging-buckets", "default aging buckets, e.g. 0,30,60,90");
  aging->add_option("buckets", *buckets, "days past due bounds, from 0")->required();
  aging->callback([&session, buckets] {
    session.action = [&session, buckets]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      Status stored = app::set_aging_buckets(context, *buckets);
      if (!stored) return at(stored.error(), "buckets");
      std::cout << "aging buckets " << *buckets << "\n";
      return {};
    };
  });
}

// ---- dunning -----------------------------------------------------------------------------------

void print_dunning_run(const app::DunningRunOutcome& outcome) {
  std::cout << "dunning run " << format_date(outcome.as_of) << ": " << outcome.letters.size()
            << (outcome.letters.size() == 1 ? " letter" : " letters") << "\n";
  for (const app::DunningLetter& letter : outcome.letters) {
    std::cout << "sent " << letter.number << " to " << letter.customer_number << " level "
              << letter.level << " (" << letter.level_name << "): ";
    for (std::size_t i = 0; i < letter.notices.size(); ++i)
      std::cout << (i ? ", " : "") << letter.notices[i].invoice_number << " "
                << format_amount(letter.notices[i].open);
    std::cout << "; total " << format_money(letter.total);
    if (letter.fee.minor > 0) std::cout << ", fee " << format_amount(letter.fee);
    if (letter.interest.minor > 0) std::cout << ", interest " << format_amount(letter.interest);
    if (!letter.debit_note.empty()) std::cout << ", debit note " << letter.debit_note;
    std::cout << (letter.outbox_id ? ", e-mail queued" : ", no e-mail address") << "\n";
  }
  for (const app::DunningSkipped& skipped : outcome.skipped)
    std::cout << "skipped " << skipped.invoice_number << " of " << skipped.customer_number << ": "
              << wire_name(skipped.reason) << "\n";
}

void add_dunning_commands(CLI::App& app, Session& session) {
  CLI::App* dunning = app.add_subcommand("dunning", "dunning: run, list");
  dunning->require_subcommand(1);
  CLI::App* run = dunning->add_subcommand(
      "run", "send the reminders due on the business date (--date D): idempotent");
  run->callback([&session] {
    session.action = [&session]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(app::DunningRunOutcome outcome,
                           app::run_dunning(context, session.clock().today()));
      print_dunning_run(outcome);
      return {};
    };
  });
  auto customer = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("table");
  CLI::App* list = dunning->add_subcommand("list", "dunning notices sent");
  list->add_option("--customer", *customer, "only this customer's");
  add_format_option(*list, *format);
  list->callback([&session, customer, format] {
    session.action = [&session, customer, format]() -> Status {
      O2C_ASSIGN_OR_RETURN(Format chosen, parse_format(*format));
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      Result<std::vector<DunningNotice>> notices = app::list_dunning_notices(
          *store, customer->empty() ? std::nullopt : std::optional<std::string>(*customer));
      if (!notices) return at(notices.error(), "--customer");
      Table table{{{"letter"},
                   {"customer"},
                   {"invoice"},
                   {"level", Align::kRight},
                   {"name"},
                   {"sent"},
                   {"days", Align::kRight},
                   {"open", Align::kRight},
                   {"interest", Align::kRight},
                   {"fee", Align::kRight},
                   {"debit note"}},
                  {}};
      for (const DunningNotice& notice : *notices)
        table.rows.push_back({notice.letter, notice.customer_number, notice.invoice_number,
                              std::to_string(notice.level), notice.level_name,
                              format_date(notice.sent_on), std::to_string(notice.days_overdue),
                              format_grouped(notice.open), format_grouped(notice.interest),
                              format_grouped(notice.fee), notice.debit_note});
      render(table, chosen, std::cout);
      return {};
    };
  });
}

// ---- collectors --------------------------------------------------------------------------------

struct CollectorOptions {
  std::string name, region, team;
  int max_accounts = 0;
  bool rebalance = false;
  std::string customer, outcome, text, as;
  std::string format = "table";
};

void add_collector_commands(CLI::App& app, Session& session) {
  CLI::App* collector = app.add_subcommand("collector", "collectors: add, assign, worklist, note");
  collector->require_subcommand(1);
  auto options = std::make_shared<CollectorOptions>();
  CLI::App* add = collector->add_subcommand("add", "add a collector");
  add->add_option("name", options->name, "the collector's name (no spaces)")->required();
  add->add_option("--region", options->region, "only customers billed in this region");
  add->add_option("--max-accounts", options->max_accounts, "at most this many accounts");
  add->add_option("--team", options->team, "the team, for the team KPIs");
  add->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      Collector request{0, options->name, options->region, std::nullopt, options->team};
      if (options->max_accounts != 0) request.max_accounts = options->max_accounts;
      Result<Collector> added = app::add_collector(context, request);
      if (!added) {
        Error error = std::move(added).error();
        if (error.where == "max_accounts") error.where = "--max-accounts";
        return error;
      }
      std::cout << "collector " << added->name
                << (added->region.empty() ? "" : " region " + added->region)
                << (added->max_accounts ? " max " + std::to_string(*added->max_accounts) : "")
                << (added->team.empty() ? "" : " team " + added->team) << "\n";
      return {};
    };
  });
  CLI::App* assign = collector->add_subcommand(
      "assign",
      "assign customers to collectors: by region, then least workload (open receivables × risk "
      "weight), largest account first; --rebalance reassigns all");
  assign->add_flag("--rebalance", options->rebalance, "reassign every customer");
  assign->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(std::vector<Assignment> assignments,
                           app::assign_collectors(context, options->rebalance));
      for (const Assignment& assignment : assignments)
        std::cout << assignment.customer_number << " -> "
                  << (assignment.collector.empty() ? "(nobody: no eligible collector)"
                                                   : assignment.collector)
                  << " workload " << assignment.workload << "\n";
      return {};
    };
  });
  CLI::App* worklist = collector->add_subcommand(
      "worklist", "a collector's accounts on the business date, ranked by amount × risk × days");
  worklist->add_option("name", options->name, "the collector")->required();
  add_format_option(*worklist, options->format);
  worklist->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(Format format, parse_format(options->format));
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::vector<RankedAccount> ranked,
                           app::collector_worklist(*store, options->name, session.clock().today()));
      Table table{{{"rank", Align::kRight},
                   {"customer"},
                   {"name"},
                   {"overdue", Align::kRight},
                   {"cur"},
                   {"risk"},
                   {"weight", Align::kRight},
                   {"days", Align::kRight},
                   {"score", Align::kRight}},
                  {}};
      for (std::size_t i = 0; i < ranked.size(); ++i) {
        const RankedAccount& row = ranked[i];
        table.rows.push_back(
            {std::to_string(i + 1), row.account.customer_number, row.account.customer_name,
             format_grouped(row.account.overdue), std::string(row.account.overdue.currency.text()),
             row.account.risk_class ? std::string(1, *row.account.risk_class) : "-",
             std::to_string(row.risk_weight) + "%", std::to_string(row.account.days_overdue),
             std::to_string(static_cast<std::int64_t>(row.score))});
      }
      if (format == Format::kTable)
        std::cout << "worklist of " << options->name << " on "
                  << format_date(session.clock().today())
                  << " (score = overdue minor units × weight × days / 100)\n";
      render(table, format, std::cout);
      return {};
    };
  });
  CLI::App* note = collector->add_subcommand("note", "note a call or its outcome on an account");
  note->add_option("customer", options->customer, "customer number")->required();
  note->add_option("--outcome", options->outcome,
                   "reached, no_answer, left_message, promise or dispute")
      ->required();
  note->add_option("--text", options->text, "what was said or done")->required();
  note->add_option("--as", options->as, "the collector")->required();
  note->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      Status noted = app::add_collector_note(
          context, {options->customer, options->as, options->outcome, options->text});
      if (!noted) {
        Error error = std::move(noted).error();
        if (error.where == "outcome") error.where = "--outcome";
        if (error.where == "text") error.where = "--text";
        if (error.where == "collector") error.where = "--as";
        return error;
      }
      std::cout << "noted " << options->customer << " " << options->outcome << " by " << options->as
                << "\n";
      return {};
    };
  });
}

// ---- reports -----------------------------------------------------------------------------------

struct KpiOptions {
  std::string from, to, as_of, format = "table";
  std::int64_t days = 90;
};

void add_kpi_reports(CLI::App& app, Session& session) {
  CLI::App* report = app.get_subcommand("report");
  auto options = std::make_shared<KpiOptions>();
  CLI::App* collectors =
      report->add_subcommand("collectors", "KPIs per collector and team for a period");
  collectors->add_option("--from", options->from, "first day YYYY-MM-DD")->required();
  collectors->add_option("--to", options->to, "last day YYYY-MM-DD")->required();
  add_format_option(*collectors, options->format);
  collectors->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(Format format, parse_format(options->format));
      O2C_ASSIGN_OR_RETURN(Date from, date_option(options->from, "--from", session));
      O2C_ASSIGN_OR_RETURN(Date to, date_option(options->to, "--to", session));
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::vector<app::CollectorKpis> rows,
                           app::collector_report(*store, from, to));
      Table table{{{"collector"},
                   {"team"},
                   {"accounts", Align::kRight},
                   {"collected", Align::kRight},
                   {"cur"},
                   {"cei", Align::kRight},
                   {"promises kept", Align::kRight},
                   {"kept %", Align::kRight},
                   {"touched", Align::kRight}},
                  {}};
      for (const app::CollectorKpis& row : rows) {
        if (row.name.starts_with("team ") && table.body_rows == SIZE_MAX)
          table.body_rows = table.rows.size();
        table.rows.push_back(
            {row.name, row.team, std::to_string(row.accounts), format_grouped(row.collected),
             std::string(row.currency.text()), percent_or_dash(row.cei),
             std::to_string(row.promises_kept) + "/" + std::to_string(row.promises_settled),
             percent_or_dash(row.promises_kept_rate), std::to_string(row.accounts_touched)});
      }
      if (format == Format::kTable)
        std::cout << "collectors " << format_date(from) << " to " << format_date(to) << "\n";
      render(table, format, std::cout);
      return {};
    };
  });
  CLI::App* collections = report->add_subcommand(
      "collections", "DSO (count-back), best possible DSO, CEI, days delinquent, % current");
  collections->add_option("--as-of", options->as_of, "date YYYY-MM-DD (default: today)");
  collections->add_option("--days", options->days, "the period for sales and CEI (default 90)");
  add_format_option(*collections, options->format);
  collections->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(Format format, parse_format(options->format));
      O2C_ASSIGN_OR_RETURN(Date as_of, date_option(options->as_of, "--as-of", session));
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::vector<app::CollectionsKpis> rows,
                           app::collections_report(*store, as_of, options->days));
      Table table{{{"cur"},
                   {"receivables", Align::kRight},
                   {"current", Align::kRight},
                   {"sales", Align::kRight},
                   {"dso", Align::kRight},
                   {"best dso", Align::kRight},
                   {"add", Align::kRight},
                   {"cei", Align::kRight},
                   {"% current", Align::kRight},
                   {"disputes", Align::kRight},
                   {"dispute age", Align::kRight}},
                  {}};
      for (const app::CollectionsKpis& row : rows)
        table.rows.push_back(
            {std::string(row.currency.text()), format_grouped(row.receivables),
             format_grouped(row.current), format_grouped(row.sales), format_centidays(row.dso),
             format_centidays(row.best_dso), format_centidays(row.average_days_delinquent),
             percent_or_dash(row.cei), percent_or_dash(row.percent_current),
             std::to_string(row.open_disputes), format_centidays(row.dispute_average_age)});
      if (format == Format::kTable)
        std::cout << "collections as of " << format_date(as_of) << ", last " << options->days
                  << " days\n";
      render(table, format, std::cout);
      return {};
    };
  });
}

}  // namespace

Status render_bucketed_aging(Store& store, const app::AgingRequest& request, Format format) {
  O2C_ASSIGN_OR_RETURN(app::AgingView view, app::bucketed_aging_report(store, request));
  if (format == Format::kTable)
    std::cout << "aging as of " << format_date(request.as_of) << " (days past due"
              << (view.drilled ? ", invoices" : "") << ")\n";
  render(view.drilled ? drill_table(view.lines) : bucketed_table(view.aging), format, std::cout);
  return {};
}

void add_collections_commands(CLI::App& app, Session& session) {
  add_config_commands(app, session);
  add_dunning_commands(app, session);
  add_collector_commands(app, session);
  add_kpi_reports(app, session);
}

}  // namespace o2c::cli
