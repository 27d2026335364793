#include "app/use_case.h"

#include <algorithm>

#include "inventory/inventory.h"

namespace o2c::app {

Result<std::int64_t> append_event(StoreWriter& writer, const Context& context,
                                  std::string_view kind, std::string_view document,
                                  const EventPayload& payload) {
  // Canonical bytes separate fields by line breaks (journal.h); ours never contain one.
  O2C_ASSERT(kind.find('\n') == std::string_view::npos);
  O2C_ASSERT(document.find('\n') == std::string_view::npos);
  if (context.actor.find('\n') != std::string::npos)
    return invalid_argument("invalid_actor", "the actor must be on one line", "actor");
  return writer.append_journal(JournalDraft{context.clock.now(), context.actor, std::string(kind),
                                            std::string(document), payload.canonical()});
}

int numbering_year(Date date) { return static_cast<int>(date.year()); }

Result<Sourcing> sourcing_for(StoreReader& reader, const Order& order) {
  O2C_ASSIGN_OR_RETURN(std::vector<Warehouse> warehouses, reader.list_warehouses());
  O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer, reader.find_customer(order.customer));
  O2C_ASSERT(customer.has_value());
  Sourcing sourcing;
  for (const Warehouse& warehouse : warehouses) {
    if (warehouse.code == customer->preferred_warehouse) sourcing.preferred = warehouse.id;
  }
  sourcing.distances = distances_by_country(warehouses, order.ship_to.country);
  return sourcing;
}

Result<Quantity> reserve_for_line(StoreWriter& writer, const Order& order, OrderLine& line,
                                  Quantity wanted, std::optional<Sourcing>& sourcing,
                                  std::optional<WarehouseId> only) {
  O2C_ASSERT(wanted.milli >= 0 && wanted <= backordered_quantity(line));
  O2C_ASSIGN_OR_RETURN(std::vector<StockLevel> levels, writer.stock_levels(line.product));
  if (only) std::erase_if(levels, [&](const StockLevel& l) { return l.warehouse != *only; });
  std::vector<Reservation> picks;
  if (levels.size() <= 1) {
    picks = reserve_stock(wanted, levels).reservations;
  } else {
    if (!sourcing) {
      O2C_ASSIGN_OR_RETURN(Sourcing loaded, sourcing_for(writer, order));
      sourcing = std::move(loaded);
    }
    O2C_ASSIGN_OR_RETURN(SourcingPlan plan,
                         plan_sourcing(SourcingRequest{line.product, wanted, sourcing->preferred},
                                       levels, sourcing->distances));
    picks = std::move(plan.picks);
  }
  std::int64_t reserved = 0;
  for (const Reservation& pick : picks) {
    auto level = std::find_if(levels.begin(), levels.end(),
                              [&](const StockLevel& l) { return l.warehouse == pick.warehouse; });
    O2C_ASSERT(level != levels.end());
    // reserve_stock has already counted the pick in its level; plan_sourcing leaves it to us.
    if (levels.size() > 1) level->reserved.milli += pick.quantity.milli;
    O2C_ASSERT(level->reserved <= level->on_hand);
    O2C_RETURN_IF_ERROR(writer.save_stock_level(*level));
    reserved += pick.quantity.milli;
  }
  add_reservations(line, ReservationPlan{picks, Quantity{wanted.milli - reserved}});
  return Quantity{reserved};
}

Status reserve_order_lines(StoreWriter& writer, Order& order) {
  O2C_ASSERT(order.state == OrderState::kOpen);
  std::optional<Sourcing> sourcing;
  for (OrderLine& line : order.lines) {
    O2C_RETURN_IF_ERROR(
        reserve_for_line(writer, order, line, backordered_quantity(line), sourcing));
  }
  return {};
}

Status adjust_open_orders(StoreWriter& writer, const Customer& customer, Money delta) {
  O2C_ASSIGN_OR_RETURN(CustomerBalance balance, writer.customer_balance(customer));
  O2C_ASSIGN_OR_RETURN(balance.open_orders, add(balance.open_orders, delta));
  O2C_ASSERT(balance.open_orders.minor >= 0);
  return writer.save_customer_balance(customer.id, balance);
}

Result<Customer> require_customer(StoreReader& reader, std::string_view number,
                                  std::string_view where) {
  O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer, reader.find_customer(number));
  if (!customer)
    return not_found("customer_not_found", "no customer with number '" + std::string(number) + "'",
                     std::string(where));
  return std::move(*customer);
}

Result<Order> require_order(StoreReader& reader, std::string_view number) {
  O2C_ASSIGN_OR_RETURN(std::optional<Order> order, reader.find_order(number));
  if (!order)
    return not_found("order_not_found", "no order with number '" + std::string(number) + "'",
                     "order");
  return std::move(*order);
}

Result<Shipment> require_shipment(StoreReader& reader, std::string_view number) {
  O2C_ASSIGN_OR_RETURN(std::optional<Shipment> shipment, reader.find_shipment(number));
  if (!shipment)
    return not_found("shipment_not_found", "no shipment with number '" + std::string(number) + "'",
                     "shipment");
  return std::move(*shipment);
}

}  // namespace o2c::app
