// o2c customer group add|list, customer set-group, credit exposure|score|review|holds|release|
// reject, credit limit request|approve|reject|requests, config credit_scoring — credit
// management (app/credit.h). Dates are the business date (--date, default today); who acts is
// --as USER (or the global --actor), recorded in the journal.
#include <iostream>

#include "cli/session.h"

namespace o2c::cli {
namespace {

std::string percent_text(const std::optional<BasisPoints>& share) {
  return share ? format_percent(*share) + " %" : "n/a (no limit)";
}

std::string class_text(const std::optional<RiskClass>& risk) {
  return risk ? std::string(wire_name(*risk)) : "-";
}

Error named(Error error, std::string where) {
  error.where = std::move(where);
  return error;
}

// Errors of an app use case, named as the command line spells the place at fault.
Error as_option(Error error) {
  if (error.where == "reason") return named(std::move(error), "--reason");
  if (error.where == "limit") return named(std::move(error), "--limit");
  if (error.where == "credit_limit") return named(std::move(error), "--credit-limit");
  if (error.where == "currency") return named(std::move(error), "--currency");
  if (error.where == "actor") return named(std::move(error), "--as");
  return error;
}

template <typename T>
Result<T> options_named(Result<T> result) {
  if (!result) return as_option(std::move(result).error());
  return result;
}

void add_as_option(CLI::App& command, Session& session) {
  command.add_option("--as", session.actor, "who acts (recorded in the journal)");
}

void add_group_commands(CLI::App& app, Session& session) {
  CLI::App* customer = app.get_subcommand("customer");
  CLI::App* group = customer->add_subcommand("group", "customer groups: add, list");
  group->require_subcommand(1);
  auto request = std::make_shared<app::CustomerGroupRequest>();
  request->currency_code = "EUR";
  CLI::App* add = group->add_subcommand("add", "add a group with its own credit limit");
  add->add_option("code", request->code, "group code, e.g. G1")->required();
  add->add_option("--name", request->name, "the parent's name")->required();
  add->add_option("--credit-limit", request->credit_limit, "the group's limit")->required();
  add->add_option("--currency", request->currency_code, "ISO 4217")->capture_default_str();
  add->callback([&session, request] {
    session.action = [&session, request]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(CustomerGroup added,
                           options_named(app::add_customer_group(context, *request)));
      std::cout << "group " << added.code << " added: " << added.name << ", credit limit "
                << format_money(added.credit_limit) << "\n";
      return {};
    };
  });
  CLI::App* list = group->add_subcommand("list", "groups with their exposure");
  list->callback([&session] {
    session.action = [&session]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
      O2C_ASSIGN_OR_RETURN(std::vector<CustomerGroup> groups, reader->list_customer_groups());
      Table table{{{"group"},
                   {"name"},
                   {"members", Align::kRight},
                   {"exposure", Align::kRight},
                   {"limit", Align::kRight},
                   {"utilisation", Align::kRight}},
                  {}};
      for (const CustomerGroup& listed : groups) {
        O2C_ASSIGN_OR_RETURN(app::GroupExposure report,
                             app::group_exposure_report(*reader, listed.code));
        table.rows.push_back({listed.code, listed.name, std::to_string(report.members.size()),
                              format_money(report.total), format_money(listed.credit_limit),
                              percent_text(report.utilisation)});
      }
      render(table, Format::kTable, std::cout);
      return {};
    };
  });
  auto member = std::make_shared<std::pair<std::string, std::string>>();
  CLI::App* set = customer->add_subcommand("set-group", "put a customer in a customer group");
  set->add_option("customer", member->first, "customer number")->required();
  set->add_option("group", member->second, "group code")->required();
  set->callback([&session, member] {
    session.action = [&session, member]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(CustomerGroup joined,
                           app::set_customer_group(context, member->first, member->second));
      std::cout << "customer " << member->first << " joins group " << joined.code << "\n";
      return {};
    };
  });
}

void print_customer_exposure(const app::CustomerExposure& exposure, std::ostream& out) {
  const Customer& customer = exposure.customer;
  out << "customer " << customer.number << " (" << customer.name << ")";
  if (exposure.group) out << ", group " << exposure.group->code;
  out << ", risk class " << class_text(exposure.risk_class) << "\n";
  Table table{{{"part"}, {"amount", Align::kRight}}, {}};
  const ExposureParts& parts = exposure.parts;
  table.rows = {{"open receivables", format_money(parts.open_receivables)},
                {"open orders not yet shipped", format_money(parts.unshipped_orders)},
                {"shipped not yet invoiced", format_money(parts.shipped_not_invoiced)},
                {"less unapplied cash", format_money(negate(parts.unapplied_cash))},
                {"exposure", format_money(exposure.total)},
                {"credit limit", format_money(customer.credit_limit)},
                {"utilisation", percent_text(exposure.utilisation)}};
  table.body_rows = 4;
  render(table, Format::kTable, out);
}

void print_group_exposure(const app::GroupExposure& report, std::ostream& out) {
  out << "group " << report.group.code << " (" << report.group.name << ")\n";
  Table table{{{"customer"},
               {"receivables", Align::kRight},
               {"unshipped", Align::kRight},
               {"shipped not inv.", Align::kRight},
               {"unapplied", Align::kRight},
               {"exposure", Align::kRight},
               {"limit", Align::kRight},
               {"utilisation", Align::kRight}},
              {}};
  for (const app::CustomerExposure& member : report.members) {
    const ExposureParts& parts = member.parts;
    table.rows.push_back(
        {member.customer.number, format_grouped(parts.open_receivables),
         format_grouped(parts.unshipped_orders), format_grouped(parts.shipped_not_invoiced),
         format_grouped(parts.unapplied_cash), format_grouped(member.total),
         format_grouped(member.customer.credit_limit), percent_text(member.utilisation)});
  }
  table.body_rows = table.rows.size();
  table.rows.push_back({"group", "", "", "", "", format_money(report.total),
                        format_money(report.group.credit_limit), percent_text(report.utilisation)});
  render(table, Format::kTable, out);
}

void add_exposure_command(CLI::App& credit, Session& session) {
  auto customer = std::make_shared<std::string>();
  auto group = std::make_shared<std::string>();
  CLI::App* exposure =
      credit.add_subcommand("exposure", "a customer's or a group's exposure, limit, utilisation");
  exposure->add_option("customer", *customer, "customer number");
  exposure->add_option("--group", *group, "group code");
  exposure->callback([&session, customer, group] {
    session.action = [&session, customer, group]() -> Status {
      if (customer->empty() == group->empty())
        return invalid_argument("customer_or_group", "name a customer or --group, not both",
                                "customer");
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
      if (!group->empty()) {
        Result<app::GroupExposure> report = app::group_exposure_report(*reader, *group);
        if (!report) return named(std::move(report).error(), "--group");
        print_group_exposure(*report, std::cout);
        return {};
      }
      O2C_ASSIGN_OR_RETURN(app::CustomerExposure found, app::customer_exposure(*reader, *customer));
      print_customer_exposure(found, std::cout);
      return {};
    };
  });
}

void print_score(const app::ScoredCustomer& scored, std::ostream& out) {
  out << "customer " << scored.customer.number << " on " << format_date(scored.history.as_of)
      << ": score " << scored.score.score << ", risk class " << wire_name(scored.score.risk_class)
      << " (stored: " << class_text(scored.stored_class) << ")\n";
  Table table{{{"factor"}, {"value"}, {"subscore", Align::kRight}, {"points", Align::kRight}}, {}};
  int total_tenths = 0;
  for (const FactorScore& factor : scored.score.factors) {
    total_tenths += factor.points_tenths;
    table.rows.push_back({std::string(wire_name(factor.factor)), factor.value,
                          std::to_string(factor.subscore),
                          std::to_string(factor.points_tenths / 10) + "." +
                              std::to_string(factor.points_tenths % 10)});
  }
  table.body_rows = table.rows.size();
  table.rows.push_back(
      {"score", "", "",
       std::to_string(total_tenths / 10) + "." + std::to_string(total_tenths % 10)});
  render(table, Format::kTable, out);
}

void add_score_commands(CLI::App& credit, Session& session) {
  auto customer = std::make_shared<std::string>();
  CLI::App* score = credit.add_subcommand("score", "a customer's credit score with its factors");
  score->add_option("customer", *customer, "customer number")->required();
  score->callback([&session, customer] {
    session.action = [&session, customer]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
      O2C_ASSIGN_OR_RETURN(app::ScoredCustomer scored,
                           app::score_customer(*reader, *customer, session.clock().today()));
      print_score(scored, std::cout);
      return {};
    };
  });
  CLI::App* review = credit.add_subcommand(
      "review", "score every customer, store the classes, list those whose class changed");
  add_as_option(*review, session);
  review->callback([&session] {
    session.action = [&session]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(app::ReviewOutcome outcome,
                           app::run_credit_review(context, session.clock().today()));
      std::cout << "credit review " << format_date(outcome.as_of) << ": " << outcome.scored
                << " customers scored, " << outcome.changes.size() << " changed class\n";
      if (outcome.changes.empty()) return {};
      Table table{{{"customer"}, {"from"}, {"to"}, {"score", Align::kRight}, {"main reason"}}, {}};
      for (const app::ClassChange& change : outcome.changes)
        table.rows.push_back({change.customer_number, class_text(change.from),
                              std::string(wire_name(change.to)), std::to_string(change.score),
                              change.main_reason});
      render(table, Format::kTable, std::cout);
      return {};
    };
  });
}

void add_hold_commands(CLI::App& credit, Session& session) {
  CLI::App* holds = credit.add_subcommand("holds", "orders on credit hold, oldest first");
  holds->callback([&session] {
    session.action = [&session]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
      O2C_ASSIGN_OR_RETURN(std::vector<app::CreditHoldRow> rows,
                           app::credit_hold_queue(*reader, session.clock().today()));
      Table table{{{"order"},
                   {"customer"},
                   {"amount", Align::kRight},
                   {"reason"},
                   {"days", Align::kRight},
                   {"exposure/limit", Align::kRight}},
                  {}};
      for (const app::CreditHoldRow& row : rows)
        table.rows.push_back(
            {row.order.number, row.order.customer_number, format_money(row.order.gross_total),
             row.reason, std::to_string(row.days_on_hold),
             format_grouped(row.exposure) + " / " + format_grouped(row.credit_limit)});
      render(table, Format::kTable, std::cout);
      return {};
    };
  });
  for (const bool release : {true, false}) {
    auto number = std::make_shared<std::string>();
    auto reason = std::make_shared<std::string>();
    CLI::App* decide = credit.add_subcommand(
        release ? "release" : "reject",
        release ? "release an order from credit hold" : "reject an order on credit hold");
    decide->add_option("order", *number, "order number")->required();
    decide->add_option("--reason", *reason, "why (journaled)")->required();
    add_as_option(*decide, session);
    decide->callback([&session, number, reason, release] {
      session.action = [&session, number, reason, release]() -> Status {
        O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
        app::Context context = session.context(*store);
        O2C_ASSIGN_OR_RETURN(
            Order order, options_named(release ? app::release_credit_hold(context, *number, *reason)
                                               : app::reject_order(context, *number, *reason)));
        std::cout << order.number << " " << (release ? "released" : "rejected") << " by "
                  << context.actor << ": " << wire_name(order.state) << "\n";
        return {};
      };
    });
  }
}

void print_request(const CreditLimitRequest& request, std::ostream& out) {
  out << request.number << " " << wire_name(request.status) << ": customer "
      << request.customer_number << " limit " << format_money(request.current_limit) << " -> "
      << format_money(request.requested_limit) << ", requested by " << request.requested_by;
  if (!request.decided_by.empty()) out << ", decided by " << request.decided_by;
  out << "\n";
}

struct LimitRequestOptions {
  std::string customer, limit, currency, reason, number;
  bool pending = false;
};

void add_limit_commands(CLI::App& credit, Session& session) {
  CLI::App* limit = credit.add_subcommand("limit", "credit-limit change requests");
  limit->require_subcommand(1);
  auto options = std::make_shared<LimitRequestOptions>();
  CLI::App* request = limit->add_subcommand("request", "ask for a new credit limit");
  request->add_option("customer", options->customer, "customer number")->required();
  request->add_option("--limit", options->limit, "the new limit")->required();
  request->add_option("--currency", options->currency, "default: the customer's");
  request->add_option("--reason", options->reason, "why")->required();
  add_as_option(*request, session);
  request->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(CreditLimitRequest filed, options_named(app::request_credit_limit(
                                                         context, options->customer, options->limit,
                                                         options->currency, options->reason)));
      print_request(filed, std::cout);
      return {};
    };
  });
  for (const bool approve : {true, false}) {
    auto decision = std::make_shared<LimitRequestOptions>();
    CLI::App* decide = limit->add_subcommand(
        approve ? "approve" : "reject",
        approve ? "approve a request: the limit changes" : "reject a request");
    decide->add_option("request", decision->number, "CLR-…")->required();
    if (!approve) decide->add_option("--reason", decision->reason, "why")->required();
    add_as_option(*decide, session);
    decide->callback([&session, decision, approve] {
      session.action = [&session, decision, approve]() -> Status {
        O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
        app::Context context = session.context(*store);
        O2C_ASSIGN_OR_RETURN(
            CreditLimitRequest decided,
            options_named(
                approve ? app::approve_credit_limit(context, decision->number)
                        : app::reject_credit_limit(context, decision->number, decision->reason)));
        print_request(decided, std::cout);
        return {};
      };
    });
  }
  CLI::App* list = limit->add_subcommand("requests", "credit-limit requests by number");
  list->add_flag("--pending", options->pending, "only those waiting for a decision");
  list->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
      O2C_ASSIGN_OR_RETURN(std::vector<CreditLimitRequest> requests,
                           reader->list_credit_limit_requests(options->pending));
      Table table{{{"request"},
                   {"customer"},
                   {"status"},
                   {"current", Align::kRight},
                   {"requested", Align::kRight},
                   {"by"},
                   {"decided by"},
                   {"reason"}},
                  {}};
      for (const CreditLimitRequest& row : requests)
        table.rows.push_back({row.number, row.customer_number, std::string(wire_name(row.status)),
                              format_money(row.current_limit), format_money(row.requested_limit),
                              row.requested_by, row.decided_by, row.reason});
      render(table, Format::kTable, std::cout);
      return {};
    };
  });
}

void add_scoring_config(CLI::App& app, Session& session) {
  CLI::App* config = app.get_subcommand("config");
  auto file = std::make_shared<std::string>();
  auto clear = std::make_shared<bool>(false);
  CLI::App* command = config->add_subcommand(
      "credit_scoring", "set the credit score's weights, scales, class thresholds and hold rules");
  command->alias("credit-scoring");
  command->add_option("file", *file, "TOML file (format: src/credit/credit.h)");
  command->add_flag("--clear", *clear, "back to the defaults");
  command->callback([&session, file, clear] {
    session.action = [&session, file, clear]() -> Status {
      if (file->empty() == !*clear)
        return invalid_argument("file_or_clear", "give a TOML file or --clear, not both", "file");
      std::string text;
      if (!*clear) {
        O2C_ASSIGN_OR_RETURN(text, read_text_file(*file, "file"));
      }
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_RETURN_IF_ERROR(app::set_credit_scoring(context, text, *file));
      std::cout << "credit_scoring " << (*clear ? "cleared" : "set from " + *file) << "\n";
      return {};
    };
  });
}

}  // namespace

void add_credit_commands(CLI::App& app, Session& session) {
  add_group_commands(app, session);
  add_scoring_config(app, session);
  CLI::App* credit = app.add_subcommand(
      "credit", "credit management: exposure, score, review, holds, limit requests");
  credit->require_subcommand(1);
  add_exposure_command(*credit, session);
  add_score_commands(*credit, session);
  add_hold_commands(*credit, session);
  add_limit_commands(*credit, session);
}

}  // namespace o2c::cli
