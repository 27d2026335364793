#include <algorithm>

#include "fulfillment/fulfillment.h"

namespace o2c {
namespace {

Status check_shippable(const Order& order) {
  if (order.state == OrderState::kOpen || order.state == OrderState::kPartiallyShipped) return {};
  return failed_precondition(
      "order_not_shippable",
      "order " + order.number + " is " + std::string(wire_name(order.state)) + " and cannot ship",
      "order");
}

// What to ship per line index: the request, or all that is reserved.
Result<std::vector<Quantity>> quantities_to_ship(const Order& order,
                                                 std::span<const ShipRequestLine> request) {
  std::vector<Quantity> wanted(order.lines.size(), Quantity{0});
  if (request.empty()) {
    for (std::size_t i = 0; i < order.lines.size(); ++i)
      wanted[i] = reserved_quantity(order.lines[i]);
    return wanted;
  }
  for (std::size_t k = 0; k < request.size(); ++k) {
    const ShipRequestLine& item = request[k];
    const std::string where = "lines[" + std::to_string(k) + "]";
    if (item.line_no < 1 || item.line_no > static_cast<int>(order.lines.size()))
      return not_found("unknown_line",
                       "order " + order.number + " has no line " + std::to_string(item.line_no),
                       where + ".line");
    if (item.quantity.milli <= 0)
      return invalid_argument("quantity_must_be_positive", "quantity to ship must be positive",
                              where + ".quantity");
    Quantity& total = wanted[static_cast<std::size_t>(item.line_no - 1)];
    total.milli += item.quantity.milli;
    const OrderLine& line = order.lines[static_cast<std::size_t>(item.line_no - 1)];
    if (total > reserved_quantity(line))
      return failed_precondition("quantity_exceeds_reserved",
                                 "line " + std::to_string(item.line_no) + " (" + line.sku +
                                     ") has " + format_quantity(reserved_quantity(line)) +
                                     " reserved; cannot ship " + format_quantity(total),
                                 where + ".quantity");
  }
  return wanted;
}

}  // namespace

Result<Shipment> ship_order(Order& order, std::span<const ShipRequestLine> request,
                            Date ship_date) {
  O2C_RETURN_IF_ERROR(check_shippable(order));
  O2C_ASSIGN_OR_RETURN(std::vector<Quantity> wanted, quantities_to_ship(order, request));
  if (std::all_of(wanted.begin(), wanted.end(), [](Quantity q) { return q.milli == 0; }))
    return failed_precondition("nothing_to_ship",
                               "order " + order.number + " has no reserved stock to ship", "order");

  Shipment shipment;
  shipment.order = order.id;
  shipment.order_number = order.number;
  shipment.ship_date = ship_date;
  for (std::size_t i = 0; i < order.lines.size(); ++i) {
    OrderLine& line = order.lines[i];
    std::int64_t remaining = wanted[i].milli;
    for (Reservation& reservation : line.reservations) {
      const std::int64_t take = std::min(remaining, reservation.quantity.milli);
      if (take == 0) continue;
      reservation.quantity.milli -= take;
      remaining -= take;
      shipment.lines.push_back(ShipmentLine{line.line_no, line.product, line.sku,
                                            reservation.warehouse, Quantity{take}});
    }
    O2C_ASSERT(remaining == 0);
    std::erase_if(line.reservations, [](const Reservation& r) { return r.quantity.milli == 0; });
    line.shipped.milli += wanted[i].milli;
    O2C_ASSERT(line.shipped <= line.quantity);
  }
  // The state follows the shipment: open becomes partially shipped (complete needs invoices).
  update_fulfilment_state(order);
  return shipment;
}

Status return_picked_goods(Order& order, const Shipment& shipment) {
  O2C_ASSERT(shipment.order == order.id);
  O2C_RETURN_IF_ERROR(check_shippable(order));
  for (const ShipmentLine& part : shipment.lines) {
    auto line = std::find_if(order.lines.begin(), order.lines.end(),
                             [&](const OrderLine& l) { return l.line_no == part.order_line_no; });
    // Lines with something shipped can be neither removed nor reduced below it.
    O2C_ASSERT(line != order.lines.end());
    O2C_ASSERT(line->shipped >= part.quantity);
    line->shipped.milli -= part.quantity.milli;
    auto reservation =
        std::find_if(line->reservations.begin(), line->reservations.end(),
                     [&](const Reservation& r) { return r.warehouse == part.warehouse; });
    if (reservation == line->reservations.end()) {
      line->reservations.push_back(Reservation{part.warehouse, part.quantity});
    } else {
      reservation->quantity.milli += part.quantity.milli;
    }
    O2C_ASSERT(line->shipped.milli + reserved_quantity(*line).milli <= line->quantity.milli);
  }
  update_fulfilment_state(order);
  return {};
}

}  // namespace o2c
