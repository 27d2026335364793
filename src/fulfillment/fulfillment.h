// fulfillment.h — getting reserved goods out of the door. Rules encoded: only approved
// orders ship (not on hold, not rejected, not complete); a shipment takes goods only from
// what is reserved for the line, warehouse by warehouse; shipping the reserved stock takes
// it off hand and releases its reservation; every shipment is invoiced on its own.
//
// A shipment moves picking → packed → shipped → delivered (SAP: delivery, picking, post goods
// issue, proof of delivery); it may be cancelled only before it is shipped, which gives its
// goods back to the order's reservations; marking it shipped (the goods issue) needs a carrier
// and a tracking number, and it cannot be delivered before the day it shipped. `o2c ship` does
// pick, pack and goods issue in one step, where carrier and tracking number are optional (goods
// collected by the customer have none) but come together.
//
// A return (RMA) is taken against a shipped or delivered shipment, for at most what that
// shipment carried less what earlier RMAs took back. Resellable goods go back into the
// warehouse they left; damaged goods do not go back into stock (their cost stays written off).
// Either way the RMA asks billing for a credit of what the shipment's invoice charged for the
// returned quantity, net and tax each prorated by quantity, half-even and cumulatively over
// the RMAs of the shipment, so that returning everything in parts credits the invoice line
// exactly.
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
  std::optional<Date> packed_on;
  std::optional<Date> shipped_on;  // the goods issue
  std::optional<Date> delivered_on;
  std::string cancel_reason;
};

struct Shipment {
  ShipmentId id;
  std::string number;  // "SH-2026-000001"
  OrderId order;
  std::string order_number;
  Date ship_date;  // the day the shipment was created (picking began); one-step: goods issue too
  std::vector<ShipmentLine> lines;
  ShipmentTracking tracking{};
  std::optional<Date> promised_on{};  // delivery promised to the customer, if any
};

// Plans a shipment of `request` (empty = everything reserved) from `order` and applies it
// to the order: reservations shrink, shipped quantities grow, the state follows. Fails with
// order_not_shippable, unknown_line, quantity_must_be_positive, quantity_exceeds_reserved
// or nothing_to_ship; on failure the order is unchanged.
Result<Shipment> ship_order(Order& order, std::span<const ShipRequestLine> request, Date ship_date);

// Gives the goods of a cancelled (not shipped) shipment back to `order`: each line's shipped
// quantity shrinks and its reservation in the warehouse the goods were picked from grows
// again; the state follows. Stock levels do not change (picked goods stayed reserved).
// Fails with order_not_shippable when the order is not open or partially shipped.
Status return_picked_goods(Order& order, const Shipment& shipment);

// Each transition changes `tracking` only when it succeeds. A transition not allowed from the
// current status fails with failed_precondition illegal_shipment_transition ("shipment is
// delivered; it cannot be packed"), where = "status".
Status mark_packed(ShipmentTracking& tracking, Date packed_on);  // picking → packed
// packed → shipped. Also fails with invalid_argument carrier_required / tracking_required,
// and shipped_before_packed (shipped_on) when the goods would leave before they were packed.
Status mark_shipped(ShipmentTracking& tracking, std::string_view carrier,
                    std::string_view tracking_number, Date shipped_on);
// picking → shipped in one step (`o2c ship`): packed and shipped on `shipped_on`. Carrier and
// tracking number may both be empty; one without the other fails with carrier_required or
// tracking_required.
Status ship_directly(ShipmentTracking& tracking, std::string_view carrier,
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

// Numbers are persisted: never renumber, never reuse.
enum class ReturnCondition : std::uint8_t {
  kResellable = 1,  // goes back into available stock
  kDamaged = 2,     // does not: written off (or scrapped) at its cost
};
std::string_view wire_name(ReturnCondition condition);  // "resellable", "damaged"
Result<ReturnCondition> return_condition_from_wire(std::string_view name);

// Numbers are persisted: never renumber, never reuse.
enum class ReturnStatus : std::uint8_t {
  kAuthorised = 1,  // the customer may send the goods back
  kReceived = 2,    // the goods are back; credit requested
};
std::string_view wire_name(ReturnStatus status);  // "authorised", "received"

struct ReturnRequest {
  std::string reason;  // "damaged in transit"; required
  std::vector<ReturnRequestLine> lines;
  ReturnCondition condition = ReturnCondition::kResellable;
};

// Quantity of an order line already returned against this shipment by earlier RMAs.
struct PriorReturn {
  int order_line_no = 0;
  Quantity quantity;
};

// What the shipment's invoice charged for an order line (one invoice line per order line).
struct InvoicedLine {
  int order_line_no = 0;
  int invoice_line_no = 0;
  Quantity quantity;
  Money net;
  Money tax;
};

struct StockReturn {
  WarehouseId warehouse;
  ProductId product;
  Quantity quantity;
};

// One line of an RMA: what comes back of an order line and the credit it asks for.
struct ReturnLine {
  int order_line_no = 0;
  int invoice_line_no = 0;  // 0: the shipment's invoice has no line for it (nothing to credit)
  std::string sku;
  Quantity quantity;
  Money credit_net;  // the invoice line's net for this quantity (cumulative, half-even)
  Money credit_tax;  // likewise for its tax
};

struct ReturnPlan {
  std::string reason;
  ReturnCondition condition = ReturnCondition::kResellable;
  std::vector<StockReturn> restock;  // back to the warehouse each part shipped from; empty
                                     // when the goods are damaged
  std::vector<ReturnLine> lines;     // one per request line
  Money credit_net;
  Money credit_tax;
  Money credit_gross;  // net + tax
};

// Plans a return against `shipment` of `order`. Quantities of a line shipped from several
// warehouses come back to them in shipment-line order (earlier returns used them first).
// `invoiced` is what the shipment's invoice charged per order line (empty: not invoiced).
// Fails with failed_precondition shipment_not_returnable (status), invalid_argument
// reason_required, not_found line_not_in_shipment (lines[i].order_line_no), invalid_argument
// quantity_must_be_positive, failed_precondition return_exceeds_shipped (lines[i].quantity).
Result<ReturnPlan> plan_return(const Order& order, const Shipment& shipment,
                               std::span<const PriorReturn> prior,
                               std::span<const InvoicedLine> invoiced,
                               const ReturnRequest& request);

// A return merchandise authorisation as stored.
struct ReturnAuthorisation {
  ReturnId id;
  std::string number;  // "RMA-2026-000001"
  ShipmentId shipment;
  std::string shipment_number;
  OrderId order;
  std::string order_number;
  std::string invoice_number;  // the shipment's invoice; empty when it has none
  ReturnStatus status = ReturnStatus::kAuthorised;
  ReturnCondition condition = ReturnCondition::kResellable;
  std::string reason;
  Date authorised_on;
  std::optional<Date> received_on;
  std::vector<ReturnLine> lines;
  std::vector<StockReturn> restock;
  Money credit_net;
  Money credit_tax;
  Money credit_gross;
};

// authorised → received on `received_on`. Fails with failed_precondition
// return_already_received (status), or invalid_argument receipt_before_authorisation
// (received_on).
Status mark_return_received(ReturnAuthorisation& rma, Date received_on);

// What billing is asked to credit for a received return (issue 4 turns it into a credit note).
struct CreditNoteRequest {
  std::int64_t id = 0;
  std::string return_number;
  std::string order_number;
  std::string customer_number;
  InvoiceId invoice;
  std::string invoice_number;
  Date requested_on;
  Money net;
  Money tax;
  Money gross;
};

}  // namespace o2c
