#include <algorithm>

#include "inventory/inventory.h"

namespace o2c {

Quantity available(const StockLevel& level) {
  O2C_ASSERT(level.reserved.milli >= 0);
  return Quantity{std::max<std::int64_t>(0, level.on_hand.milli - level.reserved.milli)};
}

ReservationPlan reserve_stock(Quantity wanted, std::span<StockLevel> levels) {
  O2C_ASSERT(wanted.milli >= 0);
  ReservationPlan plan;
  std::int64_t missing = wanted.milli;
  for (StockLevel& level : levels) {
    if (missing == 0) break;
    const std::int64_t take = std::min(missing, available(level).milli);
    if (take == 0) continue;
    level.reserved.milli += take;
    missing -= take;
    plan.reservations.push_back(Reservation{level.warehouse, Quantity{take}});
  }
  plan.backordered = Quantity{missing};
  O2C_ASSERT(plan.backordered.milli >= 0 && plan.backordered <= wanted);
  return plan;
}

void add_reservations(OrderLine& line, const ReservationPlan& plan) {
  for (const Reservation& added : plan.reservations) {
    auto existing =
        std::find_if(line.reservations.begin(), line.reservations.end(),
                     [&](const Reservation& r) { return r.warehouse == added.warehouse; });
    if (existing == line.reservations.end()) {
      line.reservations.push_back(added);
    } else {
      existing->quantity.milli += added.quantity.milli;
    }
  }
  O2C_ASSERT(line.shipped.milli + reserved_quantity(line).milli <= line.quantity.milli);
}

std::vector<Reservation> release_reservations(std::vector<Reservation>& reservations,
                                              Quantity quantity,
                                              std::optional<WarehouseId> warehouse) {
  O2C_ASSERT(quantity.milli >= 0);
  std::vector<Reservation> released;
  std::int64_t left = quantity.milli;
  for (auto held = reservations.rbegin(); held != reservations.rend() && left > 0; ++held) {
    if (warehouse && held->warehouse != *warehouse) continue;
    const std::int64_t take = std::min(left, held->quantity.milli);
    held->quantity.milli -= take;
    left -= take;
    if (take > 0) released.push_back(Reservation{held->warehouse, Quantity{take}});
  }
  O2C_ASSERT(left == 0);  // the caller releases only what the line holds
  std::erase_if(reservations, [](const Reservation& r) { return r.quantity.milli == 0; });
  return released;
}

}  // namespace o2c
