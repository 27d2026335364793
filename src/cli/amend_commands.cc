// o2c order amend|cancel|hold|unhold — changing an order before it has shipped — and
// o2c order track, what has happened to it.
#include <iostream>

#include "cli/session.h"

namespace o2c::cli {
namespace {

struct AmendOptions {
  std::string number;
  int line = 0;
  std::string quantity;
  std::string add_line;
  int remove_line = 0;
  Address ship_to;
};

// Exactly one kind of change per command, so the journal says one thing per event.
Result<app::OrderChange> change_of(const AmendOptions& options) {
  const bool quantity = options.line != 0 || !options.quantity.empty();
  const bool ship_to = !options.ship_to.line.empty() || !options.ship_to.city.empty() ||
                       !options.ship_to.postal_code.empty() || !options.ship_to.country.empty();
  const int kinds =
      int{quantity} + int{!options.add_line.empty()} + int{options.remove_line != 0} + int{ship_to};
  if (kinds != 1)
    return invalid_argument("one_change",
                            "give exactly one change: --line N --qty Q, --add-line SKU:QTY, "
                            "--remove-line N, or the four --ship-to-* options",
                            "order amend");
  if (quantity) {
    if (options.line == 0 || options.quantity.empty())
      return invalid_argument("quantity_change", "--line and --qty go together", "--qty");
    O2C_ASSIGN_OR_RETURN(Quantity parsed, parse_quantity_option(options.quantity, "--qty"));
    return app::OrderChange{app::QuantityChange{options.line, parsed}};
  }
  if (!options.add_line.empty()) {
    O2C_ASSIGN_OR_RETURN(OrderLineRequest line, parse_line_option(options.add_line, "--add-line"));
    return app::OrderChange{app::LineAddition{line}};
  }
  if (options.remove_line != 0) return app::OrderChange{app::LineRemoval{options.remove_line}};
  return app::OrderChange{app::ShipToChange{options.ship_to}};
}

void add_amend(CLI::App& order, Session& session) {
  auto options = std::make_shared<AmendOptions>();
  CLI::App* amend = order.add_subcommand("amend", "change an order that has not fully shipped");
  amend->add_option("order", options->number, "SO-YYYY-NNNNNN")->required();
  amend->add_option("--line", options->line, "the line whose quantity changes");
  amend->add_option("--qty", options->quantity, "its new quantity");
  amend->add_option("--add-line", options->add_line, "SKU:QTY[:DISCOUNT%]");
  amend->add_option("--remove-line", options->remove_line, "a line nothing of which shipped");
  amend->add_option("--ship-to-line", options->ship_to.line, "street and number");
  amend->add_option("--ship-to-city", options->ship_to.city);
  amend->add_option("--ship-to-postal-code", options->ship_to.postal_code);
  amend->add_option("--ship-to-country", options->ship_to.country, "ISO 3166 code, e.g. DE");
  amend->add_option("--ship-to-region", options->ship_to.region,
                    "subdivision for taxes, e.g. CA (optional)");
  amend->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(app::OrderChange change, change_of(*options));
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(app::AmendedOrder amended,
                           app::amend_order(context, options->number, change));
      std::cout << amended.order.number << ": " << amended.description << "\n";
      print_order(amended.order, std::cout);
      return {};
    };
  });
}

void add_cancel(CLI::App& order, Session& session) {
  auto number = std::make_shared<std::string>();
  auto cancellation = std::make_shared<app::Cancellation>();
  CLI::App* cancel = order.add_subcommand("cancel", "cancel an order, or what has not shipped");
  cancel->add_option("order", *number, "SO-YYYY-NNNNNN")->required();
  cancel->add_option("--reason", cancellation->reason, "why, for the customer file")->required();
  cancel->add_flag("--remaining", cancellation->remaining_only,
                   "cancel only what has not shipped yet");
  cancel->callback([&session, number, cancellation] {
    session.action = [&session, number, cancellation]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(app::AmendedOrder amended,
                           app::amend_order(context, *number, *cancellation));
      std::cout << amended.order.number << ": " << amended.description << "\n";
      print_order(amended.order, std::cout);
      return {};
    };
  });
}

void add_holds(CLI::App& order, Session& session) {
  auto number = std::make_shared<std::string>();
  auto reason = std::make_shared<std::string>();
  CLI::App* hold = order.add_subcommand("hold", "stop an order until it is released (unhold)");
  hold->add_option("order", *number, "SO-YYYY-NNNNNN")->required();
  hold->add_option("--reason", *reason, "why")->required();
  hold->callback([&session, number, reason] {
    session.action = [&session, number, reason]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(Order held, app::hold_order(context, *number, *reason));
      print_order(held, std::cout);
      return {};
    };
  });
  auto unhold_number = std::make_shared<std::string>();
  CLI::App* unhold = order.add_subcommand("unhold", "release an order from a manual hold");
  unhold->add_option("order", *unhold_number, "SO-YYYY-NNNNNN")->required();
  unhold->callback([&session, unhold_number] {
    session.action = [&session, unhold_number]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(Order released, app::unhold_order(context, *unhold_number));
      print_order(released, std::cout);
      return {};
    };
  });
}

void add_track(CLI::App& order, Session& session) {
  auto number = std::make_shared<std::string>();
  CLI::App* track = order.add_subcommand("track", "an order's timeline, from the journal");
  track->add_option("order", *number, "SO-YYYY-NNNNNN")->required();
  track->callback([&session, number] {
    session.action = [&session, number]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::vector<OrderEvent> events, app::track_order(*store, *number));
      std::cout << *number << "\n" << render_timeline(events);
      return {};
    };
  });
}

}  // namespace

void add_amendment_commands(CLI::App& order, Session& session) {
  add_amend(order, session);
  add_cancel(order, session);
  add_holds(order, session);
  add_track(order, session);
}

}  // namespace o2c::cli
