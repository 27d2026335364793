// o2c period close|reopen|list — accounting periods; o2c ledger export — the books for an
// accountant's own tools (hledger).
#include <fstream>
#include <iostream>

#include "cli/session.h"

namespace o2c::cli {
namespace {

Result<YearMonth> period_argument(const std::string& text) {
  Result<YearMonth> period = parse_year_month(text);
  if (!period) return at(std::move(period).error(), "period");
  return period;
}

void add_period_commands(CLI::App& app, Session& session) {
  CLI::App* period = app.add_subcommand("period", "accounting periods (months): close, reopen");
  period->require_subcommand(1);
  auto closing = std::make_shared<std::string>();
  CLI::App* close =
      period->add_subcommand("close", "close a month: nothing may be posted dated in it any more");
  close->add_option("period", *closing, "YYYY-MM")->required();
  close->callback([&session, closing] {
    session.action = [&session, closing]() -> Status {
      O2C_ASSIGN_OR_RETURN(YearMonth month, period_argument(*closing));
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_RETURN_IF_ERROR(app::close_period(context, month));
      std::cout << "period " << format_year_month(month) << " closed\n";
      return {};
    };
  });
  auto reopening = std::make_shared<std::pair<std::string, std::string>>();
  CLI::App* reopen = period->add_subcommand("reopen", "reopen the latest closed month");
  reopen->add_option("period", reopening->first, "YYYY-MM")->required();
  reopen->add_option("--reason", reopening->second, "why (journaled)")->required();
  reopen->callback([&session, reopening] {
    session.action = [&session, reopening]() -> Status {
      O2C_ASSIGN_OR_RETURN(YearMonth month, period_argument(reopening->first));
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      Status reopened = app::reopen_period(context, month, reopening->second);
      if (!reopened && reopened.error().where == "reason") return at(reopened.error(), "--reason");
      O2C_RETURN_IF_ERROR(reopened);
      std::cout << "period " << format_year_month(month) << " reopened\n";
      return {};
    };
  });
  auto format = std::make_shared<std::string>("table");
  CLI::App* list = period->add_subcommand("list", "months with postings or ever closed");
  add_format_option(*list, *format);
  list->callback([&session, format] {
    session.action = [&session, format]() -> Status {
      O2C_ASSIGN_OR_RETURN(Format chosen, parse_format(*format));
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::vector<PeriodStatus> periods, app::list_periods(*store));
      Table table{{{"period"}, {"state"}, {"changed"}, {"by"}, {"reason"}}, {}};
      for (const PeriodStatus& status : periods) {
        const bool changed = !status.changed_by.empty();
        table.rows.push_back({format_year_month(status.period), status.closed ? "closed" : "open",
                              changed ? format_timestamp(status.changed_at) : "", status.changed_by,
                              status.reason});
      }
      render(table, chosen, std::cout);
      return {};
    };
  });
}

void add_ledger_commands(CLI::App& app, Session& session) {
  CLI::App* ledger = app.add_subcommand("ledger", "the books: export");
  ledger->require_subcommand(1);
  auto options = std::make_shared<std::pair<std::string, std::string>>("hledger", "");
  CLI::App* export_command = ledger->add_subcommand(
      "export", "the books as an hledger journal, account names from the chart");
  export_command->add_option("--format", options->first, "hledger (the only one so far)")
      ->capture_default_str();
  export_command->add_option("--out", options->second, "file to write (default: standard output)");
  export_command->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      if (options->first != "hledger")
        return invalid_argument(
            "unknown_format", "export format '" + options->first + "' is not hledger", "--format");
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::string journal, app::export_hledger(*store));
      if (options->second.empty()) {
        std::cout << journal;
        return {};
      }
      std::ofstream out(options->second, std::ios::binary | std::ios::trunc);
      out << journal;
      out.close();
      if (!out) return unavailable("write_failed", "cannot write " + options->second, "--out");
      return {};
    };
  });
}

}  // namespace

void add_book_commands(CLI::App& app, Session& session) {
  add_period_commands(app, session);
  add_ledger_commands(app, session);
}

}  // namespace o2c::cli
