// fulfillment.h — getting reserved goods out of the door. Rules encoded: only approved
// orders ship (not on hold, not rejected, not complete); a shipment takes goods only from
// what is reserved for the line, warehouse by warehouse; shipping the reserved stock takes
// it off hand and releases its reservation; every shipment is invoiced on its own.
//
// A shipment then moves picking → packed → shipped → delivered; it may be cancelled only
// before it is shipped; marking it shipped needs a carrier and a tracking number, and it
// cannot be delivered before the day it shipped. A return (RMA) is taken against a shipped or
// delivered shipment, for at most what that shipment carried less what came back already; it
// puts the goods back into the warehouse they left and asks for a credit of the line's net
// per unit (half-even), never more than is still invoiced and uncredited on the line.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
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

// ---- shipment status ------------------------------------------------------------------------

// Numbers are persisted: never renumber, never reuse.
enum class ShipmentStatus : std::uint8_t {
  kPicking = 1,
  kPacked = 2,
  kShipped = 3,
  kDelivered = 4,
  kCancelled = 5,
};
std::string_view wire_name(ShipmentStatus status);  // "picking", "packed", ...
Result<ShipmentStatus> shipment_status_from_wire(std::string_view name);

// Where a shipment is on its way to the customer; starts in kPicking.
struct ShipmentTracking {
  ShipmentStatus status = ShipmentStatus::kPicking;
  std::string carrier;
  std::string tracking_number;
  std::optional<Date> shipped_on;
  std::optional<Date> delivered_on;
  std::string cancel_reason;
};

// Each transition changes `tracking` only when it succeeds. A transition not allowed from the
// current status fails with failed_precondition illegal_shipment_transition ("shipment is
// delivered; it cannot be packed"), where = "status".
Status mark_packed(ShipmentTracking& tracking);  // picking → packed
// packed → shipped. Also fails with invalid_argument carrier_required / tracking_required.
Status mark_shipped(ShipmentTracking& tracking, std::string_view carrier,
                    std::string_view tracking_number, Date shipped_on);
// shipped → delivered. Also fails with invalid_argument delivery_before_shipment.
Status confirm_delivery(ShipmentTracking& tracking, Date delivered_on);
// picking or packed → cancelled. Also fails with invalid_argument reason_required.
// (The caller puts the shipment's goods back: cancelling changes no stock here.)
Status cancel_shipment(ShipmentTracking& tracking, std::string_view reason);

// ---- returns (RMA) --------------------------------------------------------------------------

struct ReturnRequestLine {
  int order_line_no = 0;
  Quantity quantity;
};

struct ReturnRequest {
  std::string reason;  // "damaged in transit"; required
  std::vector<ReturnRequestLine> lines;
};

// Quantity of an order line already returned against this shipment by earlier RMAs.
struct PriorReturn {
  int order_line_no = 0;
  Quantity quantity;
};

// What has been invoiced and already credited for an order line, from billing.
struct LineBilling {
  int order_line_no = 0;
  Money invoiced;  // net invoiced so far
  Money credited;  // net credited so far
};

struct StockReturn {
  WarehouseId warehouse;
  ProductId product;
  Quantity quantity;
};

struct CreditRequest {
  int order_line_no = 0;
  Quantity quantity;
  Money amount;  // net; line.net × quantity / line.quantity, half-even, capped
};

struct ReturnPlan {
  std::string reason;
  std::vector<StockReturn> restock;    // back to the warehouse each part shipped from
  std::vector<CreditRequest> credits;  // one per request line
  Money credit_total;
};

// Plans a return against `shipment` of `order`. Quantities of a line shipped from several
// warehouses come back to them in shipment-line order (earlier returns used them first).
// Fails with failed_precondition shipment_not_returnable (status), invalid_argument
// reason_required, not_found line_not_in_shipment (lines[i].order_line_no), invalid_argument
// quantity_must_be_positive, failed_precondition return_exceeds_shipped (lines[i].quantity).
Result<ReturnPlan> plan_return(const Order& order, const Shipment& shipment, ShipmentStatus status,
                               std::span<const PriorReturn> prior,
                               std::span<const LineBilling> billing, const ReturnRequest& request);

}  // namespace o2c
