// o2c stock expect | stock atp | allocate — stock promised before it ships: receipts expected
// from purchase orders, available to promise by date, and sharing scarce stock across orders.
#include <iostream>
#include <map>

#include "cli/session.h"

namespace o2c::cli {
namespace {

Result<Date> parse_date_option(const std::string& text, const std::string& option) {
  Result<Date> date = parse_date(text);
  if (!date) return at(std::move(date).error(), option);
  return date;
}

std::string signed_quantity(Quantity quantity) {
  return (quantity.milli > 0 ? "+" : "") + format_quantity(quantity);
}

struct ExpectOptions {
  std::string sku, warehouse, quantity, date, reference;
};

void add_expect_command(CLI::App& stock, Session& session) {
  auto options = std::make_shared<ExpectOptions>();
  CLI::App* expect =
      stock.add_subcommand("expect", "announce stock due to arrive (a purchase order)");
  expect->add_option("sku,--sku", options->sku, "the product's SKU")->required();
  expect->add_option("--warehouse", options->warehouse, "warehouse it arrives in")->required();
  expect->add_option("--qty", options->quantity, "quantity expected")->required();
  // Shadows the global --date here: the business date of the entry is today's.
  expect->add_option("--date", options->date, "expected date YYYY-MM-DD")->required();
  expect->add_option("--reference", options->reference, "purchase order number, e.g. PO-4711");
  expect->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      app::ExpectedReceiptRequest request{
          options->sku, options->warehouse, {}, {}, options->reference};
      O2C_ASSIGN_OR_RETURN(request.quantity, parse_quantity_option(options->quantity, "--qty"));
      O2C_ASSIGN_OR_RETURN(request.expected, parse_date_option(options->date, "--date"));
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(ExpectedReceipt receipt, app::expect_receipt(context, request));
      std::cout << "expected " << format_quantity(receipt.quantity) << " " << options->sku
                << " into " << options->warehouse << " on " << format_date(receipt.expected)
                << (receipt.reference.empty() ? "" : " (" + receipt.reference + ")") << "\n";
      return {};
    };
  });
}

// One row per warehouse and date, then the date's total; the receipts still expected below.
void print_atp(const app::AtpOutcome& outcome, Format format) {
  std::map<std::int64_t, std::string> codes;
  for (const Warehouse& warehouse : outcome.warehouses) codes[warehouse.id.value] = warehouse.code;
  Table table{{{"date"},
               {"warehouse"},
               {"on hand", Align::kRight},
               {"reserved", Align::kRight},
               {"incoming", Align::kRight},
               {"atp", Align::kRight}},
              {}};
  for (const AtpReport& report : outcome.by_date) {
    for (const WarehouseAtp& row : report.warehouses) {
      table.rows.push_back({format_date(report.date), codes[row.warehouse.value],
                            format_quantity(row.on_hand), format_quantity(row.reserved),
                            format_quantity(row.incoming), format_quantity(row.atp)});
    }
    table.rows.push_back(
        {format_date(report.date), "total", "", "", "", format_quantity(report.total)});
  }
  render(table, format, std::cout);
  if (format == Format::kCsv) return;
  for (const ExpectedReceipt& receipt : outcome.receipts) {
    std::cout << "expected: " << format_quantity(receipt.quantity) << " into "
              << codes[receipt.warehouse.value] << " on " << format_date(receipt.expected)
              << (receipt.reference.empty() ? "" : " (" + receipt.reference + ")") << "\n";
  }
}

void add_atp_command(CLI::App& stock, Session& session) {
  auto sku = std::make_shared<std::string>();
  auto date = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("table");
  CLI::App* atp = stock.add_subcommand(
      "atp", "available to promise per warehouse: on hand - reserved + receipts due by the date");
  atp->add_option("sku,--sku", *sku, "the product's SKU")->required();
  // Shadows the global --date here: the date to promise on is what this command is about.
  atp->add_option("--date", *date,
                  "the date YYYY-MM-DD (default: today and each later receipt date)");
  add_format_option(*atp, *format);
  atp->callback([&session, sku, date, format] {
    session.action = [&session, sku, date, format]() -> Status {
      O2C_ASSIGN_OR_RETURN(Format chosen, parse_format(*format));
      std::optional<Date> on;
      if (!date->empty()) {
        O2C_ASSIGN_OR_RETURN(on, parse_date_option(*date, "--date"));
      }
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(app::AtpOutcome outcome, app::available_to_promise_report(
                                                        *store, *sku, on, session.clock().today()));
      print_atp(outcome, chosen);
      return {};
    };
  });
}

struct AllocateOptions {
  std::string sku, warehouse, policy;
  bool dry_run = false;
  std::string format = "table";
};

// The plan, one row per line in priority order; in table format with what was done. CSV is
// the plan alone, for a spreadsheet.
void print_allocation(const app::AllocationRequest& request, const app::AllocationOutcome& outcome,
                      Format format) {
  Table table{{{"order"},
               {"line", Align::kRight},
               {"customer"},
               {"tier", Align::kRight},
               {"requested"},
               {"ordered", Align::kRight},
               {"reserved", Align::kRight},
               {"allocation", Align::kRight},
               {"change", Align::kRight}},
              {}};
  for (const app::AllocatedLine& line : outcome.lines) {
    table.rows.push_back({line.order_number, std::to_string(line.line_no), line.customer_number,
                          std::to_string(line.tier), format_date(line.requested),
                          format_quantity(line.wanted), format_quantity(line.before),
                          format_quantity(line.after), signed_quantity(line.change)});
  }
  if (format == Format::kCsv) {
    render(table, format, std::cout);
    return;
  }
  const std::string scope =
      request.sku + (request.warehouse_code ? " in " + *request.warehouse_code : "");
  std::cout << scope << ": supply " << format_quantity(outcome.supply) << ", demand "
            << format_quantity(outcome.demand) << " over " << outcome.lines.size() << " open line"
            << (outcome.lines.size() == 1 ? "" : "s") << "\n";
  if (outcome.sufficient) {
    std::cout << "stock covers every open line: nothing to reallocate\n";
    return;
  }
  render(table, format, std::cout);
  const std::string policy(wire_name(outcome.policy));
  if (request.dry_run) {
    std::cout << "dry run (" << policy << "): nothing written\n";
  } else if (outcome.orders_changed.empty()) {
    std::cout << "allocation (" << policy << ") already as planned: nothing changed\n";
  } else {
    std::cout << "reallocated (" << policy << "): " << outcome.orders_changed.size() << " order"
              << (outcome.orders_changed.size() == 1 ? "" : "s") << " changed\n";
  }
}

void add_allocate_command(CLI::App& app, Session& session) {
  auto options = std::make_shared<AllocateOptions>();
  CLI::App* allocate = app.add_subcommand(
      "allocate", "share scarce stock of a SKU across open orders (priority or fair share)");
  allocate->add_option("sku,--sku", options->sku, "the product's SKU")->required();
  allocate->add_option("--warehouse", options->warehouse, "only this warehouse's stock");
  allocate->add_option("--policy", options->policy, "priority or fair-share")->required();
  allocate->add_flag("--dry-run", options->dry_run,
                     "show what each order would get; write nothing");
  add_format_option(*allocate, options->format);
  allocate->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(Format chosen, parse_format(options->format));
      app::AllocationRequest request;
      request.sku = options->sku;
      if (!options->warehouse.empty()) request.warehouse_code = options->warehouse;
      Result<AllocationPolicy> policy = allocation_policy_from_wire(options->policy);
      if (!policy) return at(std::move(policy).error(), "--policy");
      request.policy = *policy;
      request.dry_run = options->dry_run;
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(app::AllocationOutcome outcome,
                           app::allocate_scarce_stock(context, request));
      print_allocation(request, outcome, chosen);
      return {};
    };
  });
}

}  // namespace

void add_inventory_commands(CLI::App& app, Session& session) {
  CLI::App* stock = app.get_subcommand("stock");
  add_expect_command(*stock, session);
  add_atp_command(*stock, session);
  add_allocate_command(app, session);
}

}  // namespace o2c::cli
