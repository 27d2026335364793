#include "app/use_case.h"

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

Status reserve_order_lines(StoreWriter& writer, Order& order) {
  O2C_ASSERT(order.state == OrderState::kOpen);
  for (OrderLine& line : order.lines) {
    O2C_ASSIGN_OR_RETURN(std::vector<StockLevel> levels, writer.stock_levels(line.product));
    const ReservationPlan plan = reserve_stock(backordered_quantity(line), levels);
    add_reservations(line, plan);
    for (const StockLevel& level : levels) {
      for (const Reservation& reservation : plan.reservations) {
        if (reservation.warehouse == level.warehouse)
          O2C_RETURN_IF_ERROR(writer.save_stock_level(level));
      }
    }
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
