// inventory.h — stock on hand and what is promised from it. Rules encoded: available =
// on hand − reserved, never below zero; a line reserves what is available, warehouse by
// warehouse in the given order, and the remainder is backordered; receipts fill backorders
// first come, first served (by order number).
#pragma once

#include <span>
#include <vector>

#include "core/ids.h"
#include "core/money.h"
#include "orders/orders.h"

namespace o2c {

struct StockLevel {
  WarehouseId warehouse;
  ProductId product;
  Quantity on_hand;
  Quantity reserved;
};

Quantity available(const StockLevel& level);

struct ReservationPlan {
  std::vector<Reservation> reservations;  // at most one per warehouse
  Quantity backordered;
};

// Reserves up to `wanted` from `levels` (same product, preferred warehouse first) and
// updates their reserved quantities. wanted >= 0.
ReservationPlan reserve_stock(Quantity wanted, std::span<StockLevel> levels);

// Adds `plan` to the line's reservations (merging per warehouse).
void add_reservations(OrderLine& line, const ReservationPlan& plan);

}  // namespace o2c
