// o2c shipment pack|dispatch|deliver|cancel|show|list — a shipment's way after
// `o2c ship --pick-only` — o2c return create|receive|list|show, and o2c stock reorder-point.
#include <iostream>

#include "cli/session.h"

namespace o2c::cli {
namespace {

std::string optional_date(const std::optional<Date>& date) {
  return date ? format_date(*date) : "";
}

void print_shipment(const Shipment& shipment, std::ostream& out) {
  const ShipmentTracking& tracking = shipment.tracking;
  out << shipment.number << "  " << wire_name(tracking.status) << "  order "
      << shipment.order_number << "  created " << format_date(shipment.ship_date) << "\n";
  if (!tracking.carrier.empty())
    out << "  carrier " << tracking.carrier << ", tracking " << tracking.tracking_number << "\n";
  out << "  packed " << (tracking.packed_on ? format_date(*tracking.packed_on) : "-")
      << "  shipped " << (tracking.shipped_on ? format_date(*tracking.shipped_on) : "-")
      << "  delivered " << (tracking.delivered_on ? format_date(*tracking.delivered_on) : "-")
      << "  promised " << (shipment.promised_on ? format_date(*shipment.promised_on) : "-") << "\n";
  if (!tracking.cancel_reason.empty()) out << "  cancelled: " << tracking.cancel_reason << "\n";
  for (const ShipmentLine& line : shipment.lines)
    out << "  line " << line.order_line_no << " " << line.sku << " × "
        << format_quantity(line.quantity) << "\n";
}

// The shipment number, and the action to run on it once the database is open.
void add_step(CLI::App& shipment, Session& session, const char* name, const char* about,
              std::function<Result<Shipment>(app::Context&, const std::string&)> step) {
  auto number = std::make_shared<std::string>();
  CLI::App* command = shipment.add_subcommand(name, about);
  command->add_option("shipment", *number, "SH-YYYY-NNNNNN")->required();
  command->callback([&session, number, step] {
    session.action = [&session, number, step]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(Shipment changed, step(context, *number));
      print_shipment(changed, std::cout);
      return {};
    };
  });
}

void add_dispatch(CLI::App& shipment, Session& session) {
  auto request = std::make_shared<app::DispatchRequest>();
  CLI::App* dispatch = shipment.add_subcommand(
      "dispatch", "goods issue of a packed shipment: off hand, on its way, invoiced");
  dispatch->add_option("shipment", request->shipment_number, "SH-YYYY-NNNNNN")->required();
  dispatch->add_option("--carrier", request->carrier, "who carries it")->required();
  dispatch->add_option("--tracking", request->tracking_number, "the carrier's tracking number")
      ->required();
  dispatch->callback([&session, request] {
    session.action = [&session, request]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      Result<app::ShipOutcome> dispatched = app::dispatch_shipment(context, *request);
      if (!dispatched) return at_tracking_options(std::move(dispatched).error());
      const app::ShipOutcome& outcome = *dispatched;
      std::cout << "shipment " << outcome.shipment.number << " for "
                << outcome.shipment.order_number << " (" << wire_name(outcome.order_state) << ")\n";
      print_shipment(outcome.shipment, std::cout);
      if (outcome.invoice) print_invoice(*outcome.invoice, std::cout);
      return {};
    };
  });
}

void add_shipment_queries(CLI::App& shipment, Session& session) {
  auto number = std::make_shared<std::string>();
  CLI::App* show = shipment.add_subcommand("show", "a shipment with its status and lines");
  show->add_option("shipment", *number, "SH-YYYY-NNNNNN")->required();
  show->callback([&session, number] {
    session.action = [&session, number]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
      O2C_ASSIGN_OR_RETURN(std::optional<Shipment> found, reader->find_shipment(*number));
      if (!found)
        return not_found("shipment_not_found", "no shipment with number '" + *number + "'",
                         "shipment");
      print_shipment(*found, std::cout);
      return {};
    };
  });
  struct ListOptions {
    std::string order, format = "table";
    bool open_only = false;
    std::size_t limit = 100;
  };
  auto options = std::make_shared<ListOptions>();
  CLI::App* list = shipment.add_subcommand("list", "list shipments");
  list->add_option("--order", options->order, "only this order's");
  list->add_flag("--open", options->open_only, "only those not delivered (nor cancelled)");
  list->add_option("--limit", options->limit)->capture_default_str();
  add_format_option(*list, options->format);
  list->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(Format chosen, parse_format(options->format));
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
      ShipmentFilter filter{std::nullopt, options->open_only, options->limit};
      if (!options->order.empty()) {
        O2C_ASSIGN_OR_RETURN(std::optional<Order> order, reader->find_order(options->order));
        if (!order)
          return not_found("order_not_found", "no order with number '" + options->order + "'",
                           "--order");
        filter.order = order->id;
      }
      O2C_ASSIGN_OR_RETURN(std::vector<Shipment> shipments, reader->list_shipments(filter));
      Table table{{{"shipment"},
                   {"order"},
                   {"status"},
                   {"created"},
                   {"shipped"},
                   {"delivered"},
                   {"promised"},
                   {"carrier"},
                   {"tracking"}},
                  {}};
      for (const Shipment& item : shipments) {
        const ShipmentTracking& tracking = item.tracking;
        table.rows.push_back({item.number, item.order_number,
                              std::string(wire_name(tracking.status)), format_date(item.ship_date),
                              optional_date(tracking.shipped_on),
                              optional_date(tracking.delivered_on), optional_date(item.promised_on),
                              tracking.carrier, tracking.tracking_number});
      }
      render(table, chosen, std::cout);
      return {};
    };
  });
}

void add_shipment_commands(CLI::App& app, Session& session) {
  CLI::App* shipment = app.add_subcommand(
      "shipment", "shipments after `o2c ship --pick-only`: pack, dispatch, deliver, cancel");
  shipment->require_subcommand(1);
  add_step(*shipment, session, "pack", "picking → packed",
           [](app::Context& context, const std::string& number) {
             return app::pack_shipment(context, number);
           });
  add_dispatch(*shipment, session);
  add_step(*shipment, session, "deliver",
           "shipped → delivered, on the business date (--date YYYY-MM-DD)",
           [](app::Context& context, const std::string& number) {
             return app::deliver_shipment(context, number);
           });
  auto reason = std::make_shared<std::string>();
  auto number = std::make_shared<std::string>();
  CLI::App* cancel = shipment->add_subcommand(
      "cancel", "cancel a shipment not yet dispatched; its goods go back to the order");
  cancel->add_option("shipment", *number, "SH-YYYY-NNNNNN")->required();
  cancel->add_option("--reason", *reason, "why")->required();
  cancel->callback([&session, number, reason] {
    session.action = [&session, number, reason]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(Shipment cancelled, app::cancel_picking(context, *number, *reason));
      print_shipment(cancelled, std::cout);
      return {};
    };
  });
  add_shipment_queries(*shipment, session);
}

// ---- returns ---------------------------------------------------------------------------

void print_return(const ReturnAuthorisation& rma, std::ostream& out) {
  out << rma.number << "  " << wire_name(rma.status) << "  " << wire_name(rma.condition)
      << "  shipment " << rma.shipment_number << "  order " << rma.order_number
      << "\n  reason: " << rma.reason << "\n  authorised " << format_date(rma.authorised_on)
      << "  received " << (rma.received_on ? format_date(*rma.received_on) : "-") << "\n";
  for (const ReturnLine& line : rma.lines) {
    out << "  line " << line.order_line_no << " " << line.sku << " × "
        << format_quantity(line.quantity) << "  credit " << format_grouped(line.credit_net)
        << " + tax " << format_grouped(line.credit_tax) << "\n";
  }
  out << "  credit " << format_grouped(rma.credit_net) << " + tax "
      << format_grouped(rma.credit_tax) << " = " << format_grouped(rma.credit_gross) << " "
      << rma.credit_gross.currency.text();
  if (!rma.invoice_number.empty()) out << " on " << rma.invoice_number;
  out << "\n";
}

struct CreateOptions {
  std::string shipment, reason, condition = "resellable";
  int line = 0;
  std::string quantity;
};

void add_return_create(CLI::App& returns, Session& session) {
  auto options = std::make_shared<CreateOptions>();
  CLI::App* create =
      returns.add_subcommand("create", "authorise a return (RMA) against a shipment");
  create->add_option("--shipment", options->shipment, "SH-YYYY-NNNNNN")->required();
  create->add_option("--line", options->line, "the order line coming back")->required();
  create->add_option("--qty", options->quantity, "how much of it")->required();
  create->add_option("--reason", options->reason, "why, e.g. \"wrong size\"")->required();
  create->add_option("--condition", options->condition, "resellable or damaged")
      ->capture_default_str();
  create->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      app::ReturnInput input;
      input.shipment_number = options->shipment;
      input.request.reason = options->reason;
      Result<ReturnCondition> condition = return_condition_from_wire(options->condition);
      if (!condition) return at(std::move(condition).error(), "--condition");
      input.request.condition = *condition;
      O2C_ASSIGN_OR_RETURN(Quantity quantity, parse_quantity_option(options->quantity, "--qty"));
      input.request.lines.push_back(ReturnRequestLine{options->line, quantity});
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      Result<ReturnAuthorisation> rma = app::authorise_return(context, input);
      if (!rma) {
        // The one request line is the --line/--qty pair.
        Error error = std::move(rma).error();
        if (error.where == "lines[0].quantity") error.where = "--qty";
        if (error.where == "lines[0].order_line_no") error.where = "--line";
        return error;
      }
      print_return(*rma, std::cout);
      return {};
    };
  });
}

void add_return_queries(CLI::App& returns, Session& session) {
  auto number = std::make_shared<std::string>();
  CLI::App* show = returns.add_subcommand("show", "a return with its lines and credit");
  show->add_option("return", *number, "RMA-YYYY-NNNNNN")->required();
  show->callback([&session, number] {
    session.action = [&session, number]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
      O2C_ASSIGN_OR_RETURN(std::optional<ReturnAuthorisation> found, reader->find_return(*number));
      if (!found)
        return not_found("return_not_found", "no return with number '" + *number + "'", "return");
      print_return(*found, std::cout);
      return {};
    };
  });
  auto options = std::make_shared<std::pair<std::string, std::size_t>>("table", 100);
  CLI::App* list = returns.add_subcommand("list", "returns and the credit each asks for");
  list->add_option("--limit", options->second)->capture_default_str();
  add_format_option(*list, options->first);
  list->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(Format chosen, parse_format(options->first));
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
      O2C_ASSIGN_OR_RETURN(std::vector<ReturnAuthorisation> returns,
                           reader->list_returns(std::nullopt, options->second));
      Table table{{{"return"},
                   {"status"},
                   {"condition"},
                   {"shipment"},
                   {"order"},
                   {"authorised"},
                   {"received"},
                   {"credit net", Align::kRight},
                   {"credit tax", Align::kRight},
                   {"credit", Align::kRight},
                   {"cur"},
                   {"invoice"}},
                  {}};
      for (const ReturnAuthorisation& rma : returns) {
        table.rows.push_back({rma.number, std::string(wire_name(rma.status)),
                              std::string(wire_name(rma.condition)), rma.shipment_number,
                              rma.order_number, format_date(rma.authorised_on),
                              optional_date(rma.received_on), format_grouped(rma.credit_net),
                              format_grouped(rma.credit_tax), format_grouped(rma.credit_gross),
                              std::string(rma.credit_gross.currency.text()), rma.invoice_number});
      }
      render(table, chosen, std::cout);
      return {};
    };
  });
}

void add_return_commands(CLI::App& app, Session& session) {
  CLI::App* returns = app.add_subcommand("return", "returns (RMA): create, receive, list, show");
  returns->require_subcommand(1);
  add_return_create(*returns, session);
  auto number = std::make_shared<std::string>();
  CLI::App* receive = returns->add_subcommand(
      "receive", "the goods are back: resellable ones into stock; credit note requested");
  receive->add_option("return", *number, "RMA-YYYY-NNNNNN")->required();
  receive->callback([&session, number] {
    session.action = [&session, number]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(app::ReceivedReturn received, app::receive_return(context, *number));
      print_return(received.rma, std::cout);
      const bool resellable = received.rma.condition == ReturnCondition::kResellable;
      for (const ReturnLine& line : received.rma.lines)
        std::cout << "  " << format_quantity(line.quantity) << " " << line.sku
                  << (resellable ? " back in stock where it shipped from\n"
                                 : " damaged: not put back into stock\n");
      if (received.credit)
        std::cout << "  credit note requested: " << format_money(received.credit->gross) << " on "
                  << received.credit->invoice_number << "\n";
      return {};
    };
  });
  add_return_queries(*returns, session);
}

void add_reorder_point_command(CLI::App& app, Session& session) {
  auto options = std::make_shared<std::array<std::string, 3>>();
  CLI::App* stock = app.get_subcommand("stock");
  CLI::App* reorder = stock->add_subcommand(
      "reorder-point", "alert when available stock of a product in a warehouse falls below this");
  reorder->add_option("--sku", (*options)[0])->required();
  reorder->add_option("--warehouse", (*options)[1])->required();
  reorder->add_option("--qty", (*options)[2], "0 switches the alert off")->required();
  reorder->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(Quantity quantity, parse_quantity_option((*options)[2], "--qty"));
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      Status set = app::set_reorder_point(context, (*options)[0], (*options)[1], quantity);
      if (!set) {
        Error error = std::move(set).error();
        if (error.where == "sku" || error.where == "warehouse" || error.where == "quantity")
          error.where = error.where == "quantity" ? "--qty" : "--" + error.where;
        return error;
      }
      std::cout << "reorder point of " << (*options)[0] << " at " << (*options)[1] << ": "
                << format_quantity(quantity) << "\n";
      return {};
    };
  });
}

}  // namespace

void add_fulfilment_commands(CLI::App& app, Session& session) {
  add_shipment_commands(app, session);
  add_return_commands(app, session);
  add_reorder_point_command(app, session);
}

}  // namespace o2c::cli
