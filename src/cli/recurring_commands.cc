// o2c plan add|price|list, meter add|list, subscription start|change|cancel|list|show,
// usage record|import, ledger recognise — recurring and usage-based billing (app/recurring.h).
// A change or cancellation takes effect on the business date (--date, default today).
#include <iostream>
#include <unistd.h>

#include "cli/import_command.h"
#include "cli/progress.h"
#include "cli/session.h"

namespace o2c::cli {
namespace {

Error named(Error error, std::string where) {
  error.where = std::move(where);
  return error;
}

void print_subscription_line(const Subscription& subscription, std::ostream& out) {
  out << "subscription " << subscription.number << ": customer " << subscription.customer_number
      << ", plan " << subscription.plan_code << ", " << wire_name(subscription.state);
  if (subscription.service_start != subscription.start)
    out << ", trial until " << format_date(add_days(subscription.service_start, -1));
  if (subscription.end) out << ", ends " << format_date(add_days(*subscription.end, -1));
  out << "\n";
}

void print_outcome(const app::SubscriptionOutcome& outcome, std::ostream& out) {
  print_subscription_line(outcome.subscription, out);
  if (outcome.invoice) {
    print_invoice(*outcome.invoice, out);
  } else if (outcome.credit) {
    const Invoice& lines = outcome.credit->lines;
    out << outcome.credit->number << "  credit to customer " << lines.customer_number << ": net "
        << format_grouped(lines.net_total) << "  tax " << format_grouped(lines.tax_total)
        << "  total " << format_grouped(lines.gross_total) << " " << lines.currency.text()
        << " (unapplied cash)\n";
    for (const InvoiceLine& line : lines.lines)
      out << "  " << line.description << "  " << format_grouped(line.net) << "\n";
  } else {
    out << "nothing to invoice now\n";
  }
}

struct PlanOptions {
  std::string code, name, price, period = "monthly", billing = "advance", tax = "standard";
  int trial_days = 0;
};

void add_plan_commands(CLI::App& app, Session& session) {
  CLI::App* plan = app.add_subcommand("plan", "subscription plans: add, price, list");
  plan->require_subcommand(1);
  auto options = std::make_shared<PlanOptions>();
  CLI::App* add = plan->add_subcommand("add", "add a plan");
  add->add_option("code", options->code, "plan code, e.g. PRO-M")->required();
  add->add_option("--name", options->name, "what the invoice calls it")->required();
  add->add_option("--price", options->price, "per period, e.g. \"30.00 EUR\"")->required();
  add->add_option("--period", options->period, "monthly, quarterly or annual")
      ->capture_default_str();
  add->add_option("--billing", options->billing, "advance or arrears")->capture_default_str();
  add->add_option("--trial-days", options->trial_days, "free days before the first period")
      ->capture_default_str();
  add->add_option("--tax", options->tax, "tax category (see `tax set`)")->capture_default_str();
  add->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      app::PlanRequest request;
      request.code = options->code;
      request.name = options->name;
      O2C_ASSIGN_OR_RETURN(request.price, parse_price_option(options->price, "--price"));
      Result<BillingPeriod> period = parse_billing_period(options->period);
      if (!period) return named(period.error(), "--period");
      request.period = *period;
      Result<BillingTiming> timing = parse_billing_timing(options->billing);
      if (!timing) return named(timing.error(), "--billing");
      request.timing = *timing;
      request.trial_days = options->trial_days;
      request.tax_category = options->tax;
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(Plan added, app::add_plan(context, request));
      std::cout << "plan " << added.code << " added: " << added.name << ", "
                << format_money(added.price) << " " << wire_name(added.period) << " in "
                << wire_name(added.timing) << ", " << added.trial_days << " trial days, tax "
                << added.tax_category << "\n";
      return {};
    };
  });

  auto price = std::make_shared<app::UsagePriceRequest>();
  auto model = std::make_shared<std::string>();
  CLI::App* usage = plan->add_subcommand("price", "set what a plan charges for a meter's usage");
  usage->add_option("plan", price->plan_code, "plan code")->required();
  usage->add_option("--meter", price->meter_name, "meter name")->required();
  CLI::Option* tiered = usage->add_option(
      "--tiered", price->tiers, "graduated tiers UP_TO:PRICE,…,*:PRICE (each unit at its tier)");
  CLI::Option* volume = usage->add_option(
      "--volume", *model, "volume tiers UP_TO:PRICE,…,*:PRICE (all units at the total's tier)");
  CLI::Option* package =
      usage->add_option("--package", price->package, "UNITS:PRICE per started block");
  tiered->excludes(volume)->excludes(package);
  volume->excludes(package);
  usage->add_option("--minimum", price->minimum, "minimum commitment per period, e.g. 50.00");
  usage->callback([&session, price, model, tiered, volume, package] {
    session.action = [&session, price, model, tiered, volume, package]() -> Status {
      app::UsagePriceRequest request = *price;
      if (volume->count() > 0) {
        request.model = UsagePricingModel::kVolume;
        request.tiers = *model;
      } else if (package->count() > 0) {
        request.model = UsagePricingModel::kPackage;
      } else if (tiered->count() > 0) {
        request.model = UsagePricingModel::kTiered;
      } else {
        return invalid_argument("pricing_model_required",
                                "give one of --tiered, --volume or --package", "plan price");
      }
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      Result<UsagePrice> set = app::set_usage_price(context, request);
      if (!set) {
        Error error = set.error();
        if (error.where.starts_with("tiers"))
          error.where = (volume->count() > 0 ? "--volume " : "--tiered ") + error.where;
        if (error.where == "package") error.where = "--package";
        if (error.where == "minimum") error.where = "--minimum";
        return error;
      }
      std::cout << "plan " << request.plan_code << " prices meter " << request.meter_name << " "
                << wire_name(set->model) << " "
                << (set->model == UsagePricingModel::kPackage
                        ? format_quantity(set->package_size) + ":" +
                              format_amount(set->package_price)
                        : format_usage_tiers(set->tiers))
                << ", minimum " << format_money(set->minimum) << "\n";
      return {};
    };
  });

  CLI::App* list = plan->add_subcommand("list", "list plans");
  list->callback([&session] {
    session.action = [&session]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
      O2C_ASSIGN_OR_RETURN(std::vector<Plan> plans, reader->list_plans());
      Table table{{{"code"},
                   {"name"},
                   {"price", Align::kRight},
                   {"cur"},
                   {"period"},
                   {"billing"},
                   {"trial", Align::kRight},
                   {"tax"}},
                  {}};
      for (const Plan& plan : plans) {
        table.rows.push_back({plan.code, plan.name, format_grouped(plan.price),
                              std::string(plan.price.currency.text()),
                              std::string(wire_name(plan.period)),
                              std::string(wire_name(plan.timing)), std::to_string(plan.trial_days),
                              plan.tax_category});
      }
      render(table, Format::kTable, std::cout);
      return {};
    };
  });
}

void add_meter_commands(CLI::App& app, Session& session) {
  CLI::App* meter = app.add_subcommand("meter", "usage meters: add, list");
  meter->require_subcommand(1);
  auto options = std::make_shared<Meter>();
  auto aggregation = std::make_shared<std::string>("sum");
  CLI::App* add = meter->add_subcommand("add", "add a meter");
  add->add_option("name", options->name, "meter name, e.g. api_calls")->required();
  add->add_option("--unit", options->unit, "unit of what it counts, e.g. call")->required();
  add->add_option("--aggregation", *aggregation, "sum, max or unique_count per period")
      ->capture_default_str();
  add->callback([&session, options, aggregation] {
    session.action = [&session, options, aggregation]() -> Status {
      Meter input = *options;
      Result<UsageAggregation> parsed = parse_usage_aggregation(*aggregation);
      if (!parsed) return named(parsed.error(), "--aggregation");
      input.aggregation = *parsed;
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(Meter added, app::add_meter(context, input));
      std::cout << "meter " << added.name << " added: " << added.unit << ", "
                << wire_name(added.aggregation) << " per period\n";
      return {};
    };
  });
  CLI::App* list = meter->add_subcommand("list", "list meters");
  list->callback([&session] {
    session.action = [&session]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
      O2C_ASSIGN_OR_RETURN(std::vector<Meter> meters, reader->list_meters());
      Table table{{{"name"}, {"unit"}, {"aggregation"}}, {}};
      for (const Meter& meter : meters) {
        table.rows.push_back({meter.name, meter.unit, std::string(wire_name(meter.aggregation))});
      }
      render(table, Format::kTable, std::cout);
      return {};
    };
  });
}

struct SubscriptionOptions {
  std::string customer, plan, number, start;
  bool immediately = false;
};

void add_subscription_commands(CLI::App& app, Session& session) {
  CLI::App* subscription =
      app.add_subcommand("subscription", "subscriptions: start, change, cancel, list, show");
  subscription->require_subcommand(1);
  auto options = std::make_shared<SubscriptionOptions>();

  CLI::App* start = subscription->add_subcommand("start", "start a subscription");
  start->add_option("--customer", options->customer, "customer number")->required();
  start->add_option("--plan", options->plan, "plan code")->required();
  start->add_option("--start", options->start, "first day YYYY-MM-DD (default: --date)");
  start->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      app::SubscriptionRequest request{options->customer, options->plan, session.clock().today()};
      if (!options->start.empty()) {
        Result<Date> day = parse_date(options->start);
        if (!day) return named(day.error(), "--start");
        request.start = *day;
      }
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      Result<Subscription> started = app::start_subscription(context, request);
      if (!started) {
        Error error = started.error();
        if (error.where == "customer") error.where = "--customer";
        if (error.where == "plan") error.where = "--plan";
        return error;
      }
      print_subscription_line(*started, std::cout);
      return {};
    };
  });

  CLI::App* change = subscription->add_subcommand(
      "change", "move a subscription to another plan on --date (prorated to the day)");
  change->add_option("number", options->number, "SUB-YYYY-NNNNNN")->required();
  change->add_option("--plan", options->plan, "the new plan's code")->required();
  change->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(app::SubscriptionOutcome outcome,
                           app::change_subscription(context, options->number, options->plan,
                                                    session.clock().today()));
      print_outcome(outcome, std::cout);
      return {};
    };
  });

  CLI::App* cancel = subscription->add_subcommand(
      "cancel", "cancel at the end of the current period, or --immediately with a credit");
  cancel->add_option("number", options->number, "SUB-YYYY-NNNNNN")->required();
  cancel->add_flag("--immediately", options->immediately,
                   "end on --date: credit the unused part (in advance) or bill the used part");
  cancel->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(
          app::SubscriptionOutcome outcome,
          app::cancel_subscription(context, options->number,
                                   options->immediately ? app::CancelTiming::kImmediately
                                                        : app::CancelTiming::kAtPeriodEnd,
                                   session.clock().today()));
      print_outcome(outcome, std::cout);
      return {};
    };
  });

  CLI::App* list = subscription->add_subcommand("list", "list subscriptions");
  auto customer = std::make_shared<std::string>();
  list->add_option("--customer", *customer, "only this customer's");
  list->callback([&session, customer] {
    session.action = [&session, customer]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(
          std::vector<Subscription> subscriptions,
          app::list_subscriptions(context,
                                  customer->empty() ? std::nullopt : std::optional(*customer)));
      const Date today = session.clock().today();
      Table table{
          {{"number"}, {"customer"}, {"plan"}, {"state"}, {"start"}, {"billed through"}, {"ends"}},
          {}};
      for (const Subscription& item : subscriptions) {
        table.rows.push_back(
            {item.number, item.customer_number, item.plan_code,
             std::string(wire_name(subscription_state(item, today))), format_date(item.start),
             item.billed_through > item.plan_start ? format_date(add_days(item.billed_through, -1))
                                                   : "-",
             item.end ? format_date(add_days(*item.end, -1)) : "-"});
      }
      render(table, Format::kTable, std::cout);
      return {};
    };
  });

  CLI::App* show = subscription->add_subcommand("show", "a subscription, its plan and prices");
  show->add_option("number", options->number, "SUB-YYYY-NNNNNN")->required();
  show->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(app::SubscriptionDetails details,
                           app::show_subscription(context, options->number));
      const Subscription& item = details.subscription;
      std::cout << item.number << "  " << wire_name(details.state_today) << "  customer "
                << item.customer_number << "  plan " << details.plan.code << " ("
                << format_money(details.plan.price) << " " << wire_name(details.plan.period)
                << " in " << wire_name(details.plan.timing) << ")\n";
      std::cout << "  started " << format_date(item.start) << ", service from "
                << format_date(item.service_start) << ", plan since "
                << format_date(item.plan_start) << "\n";
      std::cout << "  billed up to " << format_date(item.billed_through) << ", usage up to "
                << format_date(item.usage_billed_through) << " (exclusive)";
      if (item.end) std::cout << ", ends " << format_date(*item.end) << " (exclusive)";
      std::cout << "\n";
      for (const UsagePrice& price : details.usage_prices) {
        std::cout << "  usage meter #" << price.meter << " " << wire_name(price.model) << " "
                  << (price.model == UsagePricingModel::kPackage
                          ? format_quantity(price.package_size) + ":" +
                                format_amount(price.package_price)
                          : format_usage_tiers(price.tiers))
                  << ", minimum " << format_money(price.minimum) << "\n";
      }
      return {};
    };
  });
}

struct UsageOptions {
  std::string customer, meter, quantity, timestamp, subject, key, file, rejects;
  bool skip_bad = false;
};

Status run_usage_import(Session& session, const UsageOptions& options) {
  const std::string rejects_path =
      options.rejects.empty() ? default_rejects_path(options.file) : options.rejects;
  if (options.skip_bad) O2C_RETURN_IF_ERROR(check_writable(rejects_path));
  O2C_ASSIGN_OR_RETURN(std::string text, read_import_file(options.file));
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
  app::Context context = session.context(*store);
  Result<app::UsageImportOutcome> imported = app::import_usage(
      context, text,
      options.skip_bad ? app::UsageImportMode::kSkipBad : app::UsageImportMode::kAllOrNothing);
  if (!imported) return named(imported.error(), options.file + " " + imported.error().where);
  for (const ImportProblem& problem : imported->problems) {
    std::cout << "line " << problem.line;
    if (!problem.column.empty()) std::cout << ", column " << problem.column;
    std::cout << ": " << problem.message << "\n";
  }
  std::cout << "recorded " << imported->recorded << ", duplicates " << imported->duplicates
            << ", rejected " << imported->rejected_rows << "\n";
  if (imported->refused)
    return invalid_argument("import_refused",
                            "file refused: " + std::to_string(imported->rejected_rows) +
                                " bad rows, nothing imported; --skip-bad imports the good rows",
                            options.file);
  if (!imported->rejects_csv.empty()) {
    O2C_RETURN_IF_ERROR(write_rejects(rejects_path, imported->rejects_csv));
    std::cout << "rejected rows written to " << rejects_path << "\n";
  }
  return {};
}

void add_usage_commands(CLI::App& app, Session& session) {
  CLI::App* usage = app.add_subcommand("usage", "metered usage: record, import");
  usage->require_subcommand(1);
  auto options = std::make_shared<UsageOptions>();
  CLI::App* record = usage->add_subcommand("record", "record one usage");
  record->add_option("--customer", options->customer, "customer number")->required();
  record->add_option("--meter", options->meter, "meter name")->required();
  record->add_option("--quantity", options->quantity, "how much, e.g. 120 or 1.5")->required();
  record->add_option("--key", options->key, "idempotency key: a retry with it counts once")
      ->required();
  record->add_option("--at", options->timestamp,
                     "when: YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (default: --date)");
  record->add_option("--subject", options->subject, "what a unique_count meter counts");
  record->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      app::UsageRequest request{
          options->customer, options->meter, {}, start_of_day(session.clock().today()),
          options->subject,  options->key};
      O2C_ASSIGN_OR_RETURN(request.quantity,
                           parse_quantity_option(options->quantity, "--quantity"));
      if (!options->timestamp.empty()) {
        Result<Timestamp> at = parse_usage_timestamp(options->timestamp);
        if (!at) return named(at.error(), "--at");
        request.at = *at;
      }
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      std::vector<Result<app::UsageRecorded>> recorded =
          app::record_usage(context, std::span(&request, 1));
      if (!recorded.front()) {
        Error error = recorded.front().error();
        if (error.where.starts_with("usage.")) {
          const std::string field = error.where.substr(6);
          error.where = field == "idempotency_key" ? "--key" : "--" + field;
        }
        return error;
      }
      std::cout << (*recorded.front() == app::UsageRecorded::kRecorded
                        ? "usage recorded"
                        : "duplicate: key already recorded, not counted again")
                << "\n";
      return {};
    };
  });
  CLI::App* import = usage->add_subcommand(
      "import", "import usage from a CSV file (all or nothing unless --skip-bad)");
  import->add_option("file", options->file, "the CSV file")->required();
  CLI::Option* skip_bad = import->add_flag("--skip-bad", options->skip_bad,
                                           "import the good rows, write the bad ones to a file");
  import->add_option("--rejects", options->rejects, "where --skip-bad writes the rejected rows")
      ->needs(skip_bad);
  import->footer(
      "Header row naming (any order, any case) customer, meter, quantity, timestamp "
      "(YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ), idempotency_key, and optionally subject. A key the "
      "customer used before is a duplicate: reported, not counted twice.");
  import->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      return run_usage_import(session, *options);
};
}  // namespace
);
}  // namespace o2c::cli

// `ledger` may already exist (the books' `ledger export`): recognise is added to it.
CLI::App& ledger_command(CLI::App& app) {
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    if (sub->get_name() == "ledger") return *sub;
  }
  CLI::App* ledger = app.add_subcommand("ledger", "the books");
  ledger->require_subcommand(1);
  return *ledger;
}

void add_recognise_command(CLI::App& app, Session& session) {
  auto month = std::make_shared<std::string>();
  CLI::App* recognise = ledger_command(app).add_subcommand(
      "recognise", "move a month's deferred revenue (billed in advance) to revenue");
  recognise->add_option("--month", *month, "YYYY-MM")->required();
  recognise->callback([&session, month] {
    session.action = [&session, month]() -> Status {
      Result<std::chrono::year_month> parsed = parse_month(*month);
      if (!parsed) return named(parsed.error(), "--month");
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(app::RecognitionReport report, app::recognise_revenue(context, *parsed));
      std::cout << "recognised " << format_month(report.month) << ": " << report.rows
                << (report.rows == 1 ? " row" : " rows");
      for (const Money& amount : report.recognised) std::cout << ", " << format_money(amount);
      std::cout << "\n";
      return {};
    };
  });
}

}  // namespace

void add_recurring_commands(CLI::App& app, Session& session) {
  add_plan_commands(app, session);
  add_meter_commands(app, session);
  add_subscription_commands(app, session);
  add_usage_commands(app, session);
  add_recognise_command(app, session);
}

}  // namespace o2c::cli
