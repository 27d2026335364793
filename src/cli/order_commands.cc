// o2c order place/show/list/release/reject | ship | invoice list/show | pay
#include <iostream>

#include "cli/import_command.h"
#include "cli/session.h"

namespace o2c::cli {
namespace {

// Where the order came from and what the customer asked for: channel, requested delivery
// date, ship-to address and notes.
void print_capture_fields(const Order& order, std::ostream& out) {
  out << "  channel " << wire_name(order.channel);
  if (order.requested_delivery_date)
    out << "  requested delivery " << format_date(*order.requested_delivery_date);
  out << "\n";
  const Address& ship_to = order.ship_to;
  if (!ship_to.line.empty() || !ship_to.city.empty()) {
    out << "  ship to: " << ship_to.line << ", ";
    if (!ship_to.postal_code.empty()) out << ship_to.postal_code << " ";
    out << ship_to.city << ", " << ship_to.country;
    if (!ship_to.region.empty()) out << "-" << ship_to.region;  // ISO 3166-2: US-CA
    out << "\n";
  }
  if (!order.notes.empty()) out << "  notes: " << order.notes << "\n";
  if (!order.coupons.empty()) {
    out << "  coupons:";
    for (const OrderCoupon& coupon : order.coupons)
      out << " " << coupon.code << (coupon.redeemed ? " (redeemed)" : "");
    out << "\n";
  }
}

// How the price rules made each line's price (lines priced with price rules only).
Status print_price_traces(const Order& order, std::ostream& out) {
  for (const OrderLine& line : order.lines) {
    if (line.price_trace.empty()) continue;
    O2C_ASSIGN_OR_RETURN(std::vector<std::string> steps, describe_trace_json(line.price_trace));
    out << "  line " << line.line_no << " " << line.sku
        << " priced by:" << (line.below_margin_floor ? " (below the margin floor)" : "") << "\n";
    for (const std::string& step : steps) out << "    " << step << "\n";
  }
  return {};
}

}  // namespace

void print_order(const Order& order, std::ostream& out) {
  out << order.number << "  " << wire_name(order.state) << "  customer " << order.customer_number
      << "  " << format_date(order.order_date);
  if (!order.customer_reference.empty()) out << "  PO " << order.customer_reference;
  out << "\n";
  if (!order.hold_reason.empty()) out << "  hold: " << order.hold_reason << "\n";
  for (const ApprovalStep& step : order.approvals) {
    out << "  approval " << step.level << " by " << step.role << ": " << wire_name(step.decision);
    if (!step.actor.empty()) out << " by " << step.actor;
    if (!step.comment.empty()) out << " (" << step.comment << ")";
    out << "  — " << step.why << "\n";
  }
  print_capture_fields(order, out);
  Table table{{{"line", Align::kRight},
               {"sku"},
               {"description"},
               {"qty", Align::kRight},
               {"price", Align::kRight},
               {"disc %", Align::kRight},
               {"net", Align::kRight},
               {"tax", Align::kRight},
               {"reserved", Align::kRight},
               {"backordered", Align::kRight},
               {"shipped", Align::kRight}},
              {}};
  for (const OrderLine& line : order.lines) {
    table.rows.push_back(
        {std::to_string(line.line_no), line.sku, line.description, format_quantity(line.quantity),
         format_grouped(line.unit_price), format_percent(line.discount), format_grouped(line.net),
         format_grouped(line.tax), format_quantity(reserved_quantity(line)),
         format_quantity(backordered_quantity(line)), format_quantity(line.shipped)});
  }
  render(table, Format::kTable, out);
  if (order.shipping) {
    const OrderShippingCharge& charge = *order.shipping;
    out << "  shipping " << format_grouped(charge.net) << "  tax " << format_grouped(charge.tax)
        << " (" << charge.tax_category << " " << format_percent(charge.tax_rate) << " %)  "
        << (charge.invoiced ? "invoiced" : "not invoiced yet") << "\n";
  }
  out << "  net " << format_grouped(order.net_total) << "  tax " << format_grouped(order.tax_total)
      << "  total " << format_grouped(order.gross_total) << " " << order.currency.text();
  if (order.order_discount.value != 0)
    out << "  (order discount " << format_percent(order.order_discount) << " %)";
  out << "\n";
}

void print_invoice_lines(const std::vector<InvoiceLine>& lines, std::ostream& out) {
  Table table{{{"line", Align::kRight},
               {"sku"},
               {"description"},
               {"qty", Align::kRight},
               {"price", Align::kRight},
               {"net", Align::kRight},
               {"tax %", Align::kRight},
               {"tax", Align::kRight}},
              {}};
  for (const InvoiceLine& line : lines) {
    table.rows.push_back({std::to_string(line.line_no), line.sku, line.description,
                          format_quantity(line.quantity), format_grouped(line.unit_price),
                          format_grouped(line.net), format_percent(line.tax_rate),
                          format_grouped(line.tax)});
  }
  render(table, Format::kTable, out);
}

void print_invoice(const Invoice& invoice, std::ostream& out) {
  out << invoice.number << "  " << wire_name(invoice_state(invoice));
  if (invoice.kind == InvoiceKind::kDebitNote)
    out << "  debit note for " << invoice.corrects_number << " (" << invoice.reason << ")";
  out << "  customer " << invoice.customer_number;
  if (!invoice.order_number.empty()) out << "  order " << invoice.order_number;
  if (!invoice.shipment_number.empty()) out << "  shipment " << invoice.shipment_number;
  out << "\n  dated " << format_date(invoice.invoice_date) << ", due "
      << format_date(invoice.due_date);
  if (!invoice.terms.empty()) out << " (" << invoice.terms << ")";
  out << "\n";
  if (invoice.discount.value > 0 && invoice.discount_until)
    out << "  " << format_percent(invoice.discount) << " % early-payment discount if paid by "
        << format_date(*invoice.discount_until) << "\n";
  for (const Instalment& part : invoice.instalments)
    out << "  instalment " << part.sequence << ": " << format_grouped(part.amount) << " due "
        << format_date(part.due_date) << "\n";
  print_invoice_lines(invoice.lines, out);
  const Result<Money> open = open_amount(invoice);
  out << "  net " << format_grouped(invoice.net_total) << "  tax "
      << format_grouped(invoice.tax_total) << "  total " << format_grouped(invoice.gross_total)
      << "  paid " << format_grouped(invoice.paid);
  if (invoice.credited.minor > 0) out << "  credited " << format_grouped(invoice.credited);
  if (invoice.discount_taken.minor > 0)
    out << "  discount " << format_grouped(invoice.discount_taken);
  out << "  open " << format_grouped(open.value()) << " " << invoice.currency.text() << "\n";
}

namespace {

struct PlaceOptions {
  std::string customer, currency, discount = "0", reference;
  std::vector<std::string> lines;
  std::string requested, notes, channel = "api";
  std::string ship_to_line, ship_to_city, ship_to_postal_code, ship_to_country, ship_to_region;
  std::vector<std::string> coupons;
  std::string shipping, shipping_tax_category;
};

// The ship-to address: all four options or none.
Result<std::optional<Address>> parse_ship_to(const PlaceOptions& options) {
  const std::pair<const std::string*, std::string_view> parts[] = {
      {&options.ship_to_line, "--ship-to-line"},
      {&options.ship_to_city, "--ship-to-city"},
      {&options.ship_to_postal_code, "--ship-to-postal-code"},
      {&options.ship_to_country, "--ship-to-country"}};
  std::string given, missing;
  for (const auto& [value, name] : parts) {
    std::string& list = value->empty() ? missing : given;
    list += (list.empty() ? "" : ", ") + std::string(name);
  }
  if (given.empty() && !options.ship_to_region.empty())
    return invalid_argument("ship_to_incomplete",
                            "--ship-to-region needs the four other --ship-to-* options",
                            "--ship-to-region");
  if (given.empty()) return std::optional<Address>();
  if (!missing.empty())
    return invalid_argument("ship_to_incomplete",
                            "a ship-to address needs --ship-to-line, --ship-to-city, "
                            "--ship-to-postal-code and --ship-to-country; missing " +
                                missing,
                            missing.substr(0, missing.find(',')));
  return std::optional<Address>(Address{options.ship_to_line, options.ship_to_city,
                                        options.ship_to_postal_code, options.ship_to_country,
                                        options.ship_to_region});
}

// The capture fields of `order place`: requested date, ship-to, notes and channel.
Status parse_capture_options(const PlaceOptions& options, OrderRequest& request) {
  if (!options.requested.empty()) {
    Result<Date> date = parse_date(options.requested);
    if (!date) return at(std::move(date).error(), "--requested");
    request.requested_delivery_date = *date;
  }
  O2C_ASSIGN_OR_RETURN(request.ship_to, parse_ship_to(options));
  request.notes = options.notes;
  request.coupon_codes = options.coupons;
  request.shipping_amount = options.shipping;
  request.shipping_tax_category = options.shipping_tax_category;
  if (!options.shipping_tax_category.empty() && options.shipping.empty())
    return invalid_argument("shipping_tax_category_without_shipping",
                            "--shipping-tax-category needs --shipping AMOUNT",
                            "--shipping-tax-category");
  Result<SalesChannel> channel = sales_channel_from_wire(options.channel);
  if (!channel) return at(std::move(channel).error(), "--channel");
  request.channel = *channel;
  return {};
}

void add_order_place(CLI::App& order, Session& session) {
  auto options = std::make_shared<PlaceOptions>();
  CLI::App* place =
      order.add_subcommand("place", "place an order (validated, priced, credit-checked, reserved)");
  place->add_option("--customer", options->customer, "customer number")->required();
  place->add_option("--line", options->lines, "SKU:QTY[:DISCOUNT%] (repeatable)")->required();
  place->add_option("--discount", options->discount, "order discount %")->capture_default_str();
  place->add_option("--currency", options->currency, "must match the customer's currency");
  place->add_option("--po,--reference", options->reference, "the customer's PO number");
  place->add_option("--requested", options->requested, "requested delivery date YYYY-MM-DD");
  place->add_option("--ship-to-line", options->ship_to_line,
                    "ship-to street (with --ship-to-city, --ship-to-postal-code, "
                    "--ship-to-country; default: the customer's shipping address)");
  place->add_option("--ship-to-city", options->ship_to_city, "ship-to city");
  place->add_option("--ship-to-postal-code", options->ship_to_postal_code, "ship-to postal code");
  place->add_option("--ship-to-country", options->ship_to_country,
                    "ship-to country, ISO 3166-1 alpha-2 (DE, US)");
  place->add_option("--ship-to-region", options->ship_to_region,
                    "ship-to subdivision for taxes, e.g. CA (optional, with the others)");
  place->add_option("--notes", options->notes, "notes for the people handling the order");
  place->add_option("--coupon", options->coupons, "a coupon code (repeatable; needs price rules)");
  place->add_option("--shipping", options->shipping,
                    "shipping charge in the order's currency, taxed by its own tax category");
  place->add_option("--shipping-tax-category", options->shipping_tax_category,
                    "tax category of the shipping charge (default: shipping)");
  place->add_option("--channel", options->channel, "api, csv, portal or edi")
      ->capture_default_str();
  place->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      OrderRequest request;
      request.customer_number = options->customer;
      if (!options->currency.empty()) request.currency_code = options->currency;
      request.customer_reference = options->reference;
      O2C_RETURN_IF_ERROR(parse_capture_options(*options, request));
      Result<BasisPoints> discount = parse_percent(options->discount);
      if (!discount) return at(std::move(discount).error(), "--discount");
      request.order_discount = *discount;
      for (std::size_t i = 0; i < options->lines.size(); ++i) {
        O2C_ASSIGN_OR_RETURN(
            OrderLineRequest line,
            parse_line_option(options->lines[i], "--line " + std::to_string(i + 1)));
        request.lines.push_back(std::move(line));
      }
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      std::vector<Result<app::PlacedOrder>> placed =
          app::place_orders(context, std::span(&request, 1));
      if (!placed.front()) {
        Error error = placed.front().error();
        // The shipping charge's errors name the options that gave it.
        if (error.where == "order.shipping") error.where = "--shipping";
        if (error.where == "order.shipping_tax_category") error.where = "--shipping-tax-category";
        return error;
      }
      print_order(placed.front()->order, std::cout);
      return {};
    };
  });
}

void add_order_queries(CLI::App& order, Session& session) {
  auto number = std::make_shared<std::string>();
  CLI::App* show = order.add_subcommand("show", "an order with its lines and shipments");
  show->add_option("number", *number, "SO-YYYY-NNNNNN")->required();
  show->callback([&session, number] {
    session.action = [&session, number]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
      O2C_ASSIGN_OR_RETURN(std::optional<Order> found, reader->find_order(*number));
      if (!found)
        return not_found("order_not_found", "no order with number '" + *number + "'", "number");
      print_order(*found, std::cout);
      O2C_RETURN_IF_ERROR(print_price_traces(*found, std::cout));
      O2C_ASSIGN_OR_RETURN(std::vector<Shipment> shipments, reader->shipments_of_order(found->id));
      for (const Shipment& shipment : shipments) {
        std::cout << "  shipment " << shipment.number << " on " << format_date(shipment.ship_date)
                  << ":";
        for (const ShipmentLine& line : shipment.lines)
          std::cout << " line " << line.order_line_no << " × " << format_quantity(line.quantity);
        std::cout << "  (" << wire_name(shipment.tracking.status) << ")\n";
      }
      return {};
    };
  });
  auto filter = std::make_shared<std::array<std::string, 3>>();
  (*filter)[2] = "table";
  CLI::App* list = order.add_subcommand("list", "list orders");
  list->add_option("--state", (*filter)[0],
                   "on_credit_hold, awaiting_approval, on_manual_hold, open, partially_shipped, "
                   "complete, rejected, cancelled");
  list->add_option("--customer", (*filter)[1], "customer number");
  add_format_option(*list, (*filter)[2]);
  auto limit = std::make_shared<std::size_t>(100);
  list->add_option("--limit", *limit, "at most this many")->capture_default_str();
  list->callback([&session, filter, limit] {
    session.action = [&session, filter, limit]() -> Status {
      O2C_ASSIGN_OR_RETURN(Format chosen, parse_format((*filter)[2]));
      OrderFilter order_filter;
      order_filter.limit = *limit;
      if (!(*filter)[0].empty()) {
        Result<OrderState> state = order_state_from_wire((*filter)[0]);
        if (!state) return at(std::move(state).error(), "--state");
        order_filter.state = *state;
      }
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
      if (!(*filter)[1].empty()) {
        O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer, reader->find_customer((*filter)[1]));
        if (!customer)
          return not_found("customer_not_found", "no customer with number '" + (*filter)[1] + "'",
                           "--customer");
        order_filter.customer = customer->id;
      }
      O2C_ASSIGN_OR_RETURN(std::vector<Order> orders, reader->list_orders(order_filter));
      Table table{{{"order"},
                   {"date"},
                   {"customer"},
                   {"state"},
                   {"net", Align::kRight},
                   {"tax", Align::kRight},
                   {"total", Align::kRight},
                   {"cur"}},
                  {}};
      for (const Order& order : orders) {
        table.rows.push_back({order.number, format_date(order.order_date), order.customer_number,
                              std::string(wire_name(order.state)), format_grouped(order.net_total),
                              format_grouped(order.tax_total), format_grouped(order.gross_total),
                              std::string(order.currency.text())});
      }
      render(table, chosen, std::cout);
      return {};
    };
  });
}

void add_credit_decisions(CLI::App& order, Session& session) {
  auto number = std::make_shared<std::string>();
  CLI::App* release = order.add_subcommand("release", "release an order from credit hold");
  release->add_option("number", *number)->required();
  release->callback([&session, number] {
    session.action = [&session, number]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(Order order, app::release_order(context, *number));
      print_order(order, std::cout);
      return {};
    };
  });
  auto reason = std::make_shared<std::string>();
  auto reject_number = std::make_shared<std::string>();
  CLI::App* reject = order.add_subcommand("reject", "reject an order on credit hold");
  reject->add_option("number", *reject_number)->required();
  reject->add_option("--reason", *reason, "why, for the customer file")->required();
  reject->callback([&session, reject_number, reason] {
    session.action = [&session, reject_number, reason]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(Order order, app::reject_order(context, *reject_number, *reason));
      std::cout << order.number << " rejected: " << order.hold_reason << "\n";
      return {};
    };
  });
}

struct ShipOptions {
  std::string order;
  std::vector<std::string> lines;
  std::string carrier, tracking, promised;
  bool pick_only = false;
};

Result<app::ShipRequest> ship_request(const ShipOptions& options) {
  app::ShipRequest request{options.order, {}};
  for (std::size_t i = 0; i < options.lines.size(); ++i) {
    const std::string& text = options.lines[i];
    const std::string where = "--line " + std::to_string(i + 1);
    const std::size_t colon = text.find(':');
    int line_no = 0;
    if (colon == std::string::npos ||
        std::sscanf(text.substr(0, colon).c_str(), "%d", &line_no) != 1 ||
        text.substr(0, colon).find_first_not_of("0123456789") != std::string::npos)
      return invalid_argument("malformed_line", "'" + text + "' must look like LINE:QTY, e.g. 1:4",
                              where);
    Result<Quantity> quantity = parse_quantity(text.substr(colon + 1));
    if (!quantity) return at(std::move(quantity).error(), where);
    request.lines.push_back(ShipRequestLine{line_no, *quantity});
  }
  request.carrier = options.carrier;
  request.tracking_number = options.tracking;
  if (!options.promised.empty()) {
    Result<Date> date = parse_date(options.promised);
    if (!date) return at(std::move(date).error(), "--promised");
    request.promised_on = *date;
  }
  return request;
}

void add_ship_command(CLI::App& app, Session& session) {
  auto options = std::make_shared<ShipOptions>();
  CLI::App* ship =
      app.add_subcommand("ship", "ship reserved stock of an order and invoice the shipment");
  ship->add_option("order", options->order, "SO-YYYY-NNNNNN")->required();
  ship->add_option("--line", options->lines,
                   "LINE:QTY to ship part of a line (repeatable); default: all reserved");
  ship->add_option("--carrier", options->carrier, "carrier (with --tracking)");
  ship->add_option("--tracking", options->tracking, "the carrier's tracking number");
  ship->add_option("--promised", options->promised,
                   "delivery date promised, YYYY-MM-DD (default: the requested date)");
  ship->add_flag("--pick-only", options->pick_only,
                 "only start picking: pack, dispatch (goods issue and invoice) and deliver "
                 "later with `o2c shipment`");
  ship->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(app::ShipRequest request, ship_request(*options));
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      if (options->pick_only) {
        if (!request.carrier.empty() || !request.tracking_number.empty())
          return invalid_argument("carrier_at_dispatch",
                                  "--carrier and --tracking are given to `o2c shipment "
                                  "dispatch`, not with --pick-only",
                                  "--carrier");
        O2C_ASSIGN_OR_RETURN(app::PickOutcome picked, app::pick_order(context, request));
        std::cout << "shipment " << picked.shipment.number << " for " << options->order
                  << " (picking; order " << wire_name(picked.order_state) << ")\n";
        return {};
      }
      std::vector<Result<app::ShipOutcome>> shipped =
          app::ship_orders(context, std::span(&request, 1));
      if (!shipped.front()) return at_tracking_options(shipped.front().error());
      const app::ShipOutcome& outcome = *shipped.front();
      std::cout << "shipment " << outcome.shipment.number << " for " << options->order << " ("
                << wire_name(outcome.order_state) << ")\n";
      if (!outcome.shipment.tracking.carrier.empty())
        std::cout << "  carrier " << outcome.shipment.tracking.carrier << ", tracking "
                  << outcome.shipment.tracking.tracking_number << "\n";
      if (outcome.invoice) print_invoice(*outcome.invoice, std::cout);
      return {};
    };
  });
}

void add_invoice_commands(CLI::App& app, Session& session) {
  CLI::App* invoice = app.add_subcommand("invoice", "invoices: list, show");
  invoice->require_subcommand(1);
  auto number = std::make_shared<std::string>();
  CLI::App* show = invoice->add_subcommand("show", "an invoice with its lines");
  show->add_option("number", *number, "INV-YYYY-NNNNNN")->required();
  show->callback([&session, number] {
    session.action = [&session, number]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
      O2C_ASSIGN_OR_RETURN(std::optional<Invoice> found, reader->find_invoice(*number));
      if (!found)
        return not_found("invoice_not_found", "no invoice with number '" + *number + "'", "number");
      print_invoice(*found, std::cout);
      O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer,
                           reader->find_customer(found->customer));
      O2C_ASSERT(customer.has_value());
      print_tax_summary(*found,
                        customer->tax_exempt ? BuyerTaxStatus::kExempt : BuyerTaxStatus::kTaxable,
                        std::cout);
      return {};
    };
  });
  struct ListOptions {
    std::string customer, format = "table";
    bool open_only = false;
    std::size_t limit = 100;
  };
  auto options = std::make_shared<ListOptions>();
  CLI::App* list = invoice->add_subcommand("list", "list invoices");
  list->add_option("--customer", options->customer, "customer number");
  list->add_flag("--open", options->open_only, "only invoices not fully paid");
  list->add_option("--limit", options->limit)->capture_default_str();
  add_format_option(*list, options->format);
  list->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(Format chosen, parse_format(options->format));
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
      InvoiceFilter filter{std::nullopt, options->open_only, options->limit};
      if (!options->customer.empty()) {
        O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer,
                             reader->find_customer(options->customer));
        if (!customer)
          return not_found("customer_not_found",
                           "no customer with number '" + options->customer + "'", "--customer");
        filter.customer = customer->id;
      }
      O2C_ASSIGN_OR_RETURN(std::vector<Invoice> invoices, reader->list_invoices(filter));
      Table table{{{"invoice"},
                   {"date"},
                   {"due"},
                   {"customer"},
                   {"order"},
                   {"state"},
                   {"total", Align::kRight},
                   {"open", Align::kRight},
                   {"cur"}},
                  {}};
      for (const Invoice& item : invoices) {
        table.rows.push_back(
            {item.number, format_date(item.invoice_date), format_date(item.due_date),
             item.customer_number, item.order_number, std::string(wire_name(invoice_state(item))),
             format_grouped(item.gross_total),
             format_grouped(Money{item.gross_total.minor - item.paid.minor, item.currency}),
             std::string(item.currency.text())});
      }
      render(table, chosen, std::cout);
      return {};
    };
  });
}

struct PayOptions {
  std::string customer, amount, currency, reference, method = "bank_transfer", received_on;
  std::string card_token;
  std::vector<std::string> invoices;
};

void add_pay_command(CLI::App& app, Session& session) {
  auto options = std::make_shared<PayOptions>();
  CLI::App* pay = app.add_subcommand("pay", "record a customer payment and apply it to invoices");
  pay->add_option("--customer", options->customer, "customer number")->required();
  pay->add_option("--amount", options->amount, "e.g. 119.00")->required();
  pay->add_option("--currency", options->currency, "default: the customer's currency");
  pay->add_option("--reference", options->reference,
                  "the payer's reference (remittance text); required unless --card-token");
  pay->add_option("--card-token", options->card_token,
                  "charge this card token through the configured gateway (never a card number)");
  pay->add_option("--method", options->method, "bank_transfer, card, cheque, direct_debit, cash")
      ->capture_default_str();
  pay->add_option("--invoice", options->invoices,
                  "invoice to pay (repeatable); default: oldest due first");
  pay->add_option("--received-on", options->received_on, "value date YYYY-MM-DD (default: today)");
  pay->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      app::PaymentRequest request;
      request.customer_number = options->customer;
      request.reference = options->reference;
      request.invoice_numbers = options->invoices;
      Result<PaymentMethod> method = payment_method_from_wire(options->method);
      if (!method) return at(std::move(method).error(), "--method");
      request.method = *method;
      if (!options->received_on.empty()) {
        Result<Date> date = parse_date(options->received_on);
        if (!date) return at(std::move(date).error(), "--received-on");
        request.received_on = *date;
      }
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
      O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer,
                           reader->find_customer(options->customer));
      if (!customer)
        return not_found("customer_not_found",
                         "no customer with number '" + options->customer + "'", "--customer");
      Currency currency = customer->currency;
      if (!options->currency.empty()) {
        Result<Currency> given = currency_from_code(options->currency);
        if (!given) return at(std::move(given).error(), "--currency");
        currency = *given;
      }
      O2C_ASSIGN_OR_RETURN(request.amount,
                           parse_money_option(options->amount, currency, "--amount"));
      if (!options->card_token.empty()) {
        return pay_by_card(session, *store, request, options->card_token);
      }
      if (options->reference.empty())
        return invalid_argument("reference_required",
                                "give the payer's reference with --reference", "--reference");
      app::Context context = session.context(*store);
      std::vector<Result<app::PaymentOutcome>> recorded =
          app::record_payments(context, std::span(&request, 1));
      if (!recorded.front()) return recorded.front().error();
      const app::PaymentOutcome& outcome = *recorded.front();
      std::cout << "payment " << outcome.payment.number << " of "
                << format_money(outcome.payment.amount) << " from "
                << outcome.payment.customer_number << "\n";
      for (const Application& application : outcome.applications)
        std::cout << "  applied " << format_money(application.amount) << " to "
                  << application.invoice_number << "\n";
      std::cout << "  unapplied " << format_money(outcome.payment.unapplied) << "\n";
      return {};
    };
  });
}

}  // namespace

void add_order_commands(CLI::App& app, Session& session) {
  CLI::App* order =
      app.add_subcommand("order", "orders: place, import, show, list, release, reject");
  order->require_subcommand(1);
  add_order_place(*order, session);
  add_order_import(*order, session);
  add_order_queries(*order, session);
  add_credit_decisions(*order, session);
  add_amendment_commands(*order, session);
  add_ship_command(app, session);
  add_invoice_commands(app, session);
  add_pay_command(app, session);
}

}  // namespace o2c::cli
