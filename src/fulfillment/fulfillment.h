// fulfillment.h — getting reserved goods out of the door. Rules encoded: only approved
// orders ship (not on hold, not rejected, not complete); a shipment takes goods only from
// what is reserved for the line, warehouse by warehouse; shipping the reserved stock takes
// it off hand and releases its reservation; every shipment is invoiced on its own.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/ids.h"
#include "core/money.h"
#include "core/result.h"
#include "orders/orders.h"

namespace o2c {

struct ShipRequestLine {
  int line_no = 0;
  Quantity quantity;
};

struct ShipmentLine {
  int order_line_no = 0;
  ProductId product;
  std::string sku;
  WarehouseId warehouse;
  Quantity quantity;
};

struct Shipment {
  ShipmentId id;
  std::string number;  // "SH-2026-000001"
  OrderId order;
  std::string order_number;
  Date ship_date;
  std::vector<ShipmentLine> lines;
};

// Plans a shipment of `request` (empty = everything reserved) from `order` and applies it
// to the order: reservations shrink, shipped quantities grow, the state follows. Fails with
// order_not_shippable, unknown_line, quantity_must_be_positive, quantity_exceeds_reserved
// or nothing_to_ship; on failure the order is unchanged.
Result<Shipment> ship_order(Order& order, std::span<const ShipRequestLine> request, Date ship_date);

}  // namespace o2c
