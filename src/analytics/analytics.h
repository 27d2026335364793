// analytics.h — what the open items say. Rules encoded: an open item's age is the number of
// days past its due date on the as-of date; an item not yet due is "current"; buckets are
// 1-30, 31-60, 61-90 and over 90 days past due. Customers are listed in number order and
// totals are kept per currency (amounts in different currencies are never added).
//
// Order metrics: cycle times (placed → shipped, → invoiced, → paid) as median and 90th
// percentile by the nearest-rank method (so every figure is an observed duration, no
// interpolation); perfect order rate (on time, complete, undamaged, invoiced right, defined
// at perfect_order_outcome); fill rate
// (share of the ordered quantity filled from stock at first shipment); backorder rate (share
// of lines with anything backordered). Rates are basis points, rounded half-even.
//
// An order's timeline lists its events by time (events at the same instant in cycle order).
// Exceptions to chase are computed from snapshots and today's date; each alert carries a
// severity and its age in days, and the list is ordered most severe, then oldest, first.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "payments/payments.h"

namespace o2c {

inline constexpr std::array<std::string_view, 5> kAgingBucketNames = {"current", "1-30", "31-60",
                                                                      "61-90", "over 90"};

// Index into kAgingBucketNames for an item due on `due` seen on `as_of`.
std::size_t aging_bucket(Date due, Date as_of);

struct AgingRow {
  std::string customer_number;
  std::string customer_name;
  Currency currency;
  std::array<Money, 5> buckets;
  Money total;
};

struct AgingReport {
  Date as_of;
  std::vector<AgingRow> customers;  // by customer number
  std::vector<AgingRow> totals;     // one per currency, customer_number = "TOTAL"
};

struct AgingItem {
  OpenItem item;
  std::string customer_name;
};

Result<AgingReport> age_receivables(std::span<const AgingItem> items, Date as_of);

// ---- order metrics --------------------------------------------------------------------------

struct OrderMilestones {
  std::string order_number;
  Timestamp placed;
  std::optional<Timestamp> shipped;   // first shipment
  std::optional<Timestamp> invoiced;  // first invoice
  std::optional<Timestamp> paid;      // fully paid
};

struct DurationStats {
  std::size_t count = 0;  // orders that reached the milestone
  std::int64_t median_micros = 0;
  std::int64_t p90_micros = 0;
};

struct CycleTimes {
  DurationStats to_shipped;
  DurationStats to_invoiced;
  DurationStats to_paid;
};

// Nearest-rank percentile (1..100) of `durations` (any order); 0 when empty.
std::int64_t percentile(std::span<const std::int64_t> durations, int percent);
// Durations from placed to each milestone; orders not there yet are left out. Fails with
// invalid_argument milestone_before_placed (orders[i].shipped/invoiced/paid).
Result<CycleTimes> cycle_times(std::span<const OrderMilestones> orders);
// Whole hours / days of a duration, rounded half-even: for reports.
std::int64_t whole_hours(std::int64_t micros);
std::int64_t whole_days(std::int64_t micros);

// How one delivered order went, for the perfect order rate.
struct OrderOutcome {
  bool on_time = false;         // delivered by the promised date
  bool complete = false;        // nothing backordered or short
  bool undamaged = false;       // no return for damage
  bool invoiced_right = false;  // no credit note for a billing error
};
// Orders with all four / all orders; nullopt when there are none.
std::optional<BasisPoints> perfect_order_rate(std::span<const OrderOutcome> orders);

// One shipment of an order, for the perfect order rate (cancelled shipments are left out).
struct ShipmentDelivery {
  std::optional<Date> promised;      // the shipment's promised date, if it has one
  std::optional<Date> delivered_on;  // none: not delivered yet
};

// What is known about an order's fulfilment.
struct OrderFulfilment {
  std::string order_number;
  bool all_shipped = false;          // every line's quantity has shipped (nothing left to ship)
  bool remainder_cancelled = false;  // some quantity was cancelled instead of shipped
  std::optional<Date> requested;     // the customer's requested delivery date
  std::vector<ShipmentDelivery> shipments;
  bool damaged_return = false;    // some return of the order came back damaged
  bool credit_requested = false;  // some return asked billing for a credit note
};

// The perfect order rule. An order is measured once its fulfilment is over: it has a shipment,
// nothing is left to ship, and every shipment is delivered (nullopt otherwise). Then it is
//  - complete: no quantity was cancelled instead of shipped;
//  - on time: every shipment was delivered on or before its promised date, or the order's
//    requested date when the shipment has none (neither: on time);
//  - undamaged: no return of the order came back damaged;
//  - invoiced right: no return asked for a credit note.
std::optional<OrderOutcome> perfect_order_outcome(const OrderFulfilment& order);

struct PerfectOrderSummary {
  std::size_t measured = 0;  // orders whose fulfilment is over
  std::size_t complete = 0;
  std::size_t on_time = 0;
  std::size_t undamaged = 0;
  std::size_t invoiced_right = 0;
  std::size_t perfect = 0;          // all four
  std::optional<BasisPoints> rate;  // perfect / measured; nullopt when none is measured
};
PerfectOrderSummary summarize_perfect_orders(std::span<const OrderFulfilment> orders);

struct LineFill {
  Quantity ordered;
  Quantity filled_from_stock;  // reserved or shipped from stock on hand at order time
  Quantity backordered;
};
// Filled quantity / ordered quantity (each line's filled clamped to 0..ordered); nullopt when
// nothing was ordered.
std::optional<BasisPoints> fill_rate(std::span<const LineFill> lines);
// Lines with a backorder / all lines; nullopt when there are no lines.
std::optional<BasisPoints> backorder_rate(std::span<const LineFill> lines);

// ---- order timeline -------------------------------------------------------------------------

// In cycle order; numbers are persisted: never renumber, never reuse.
enum class OrderEventKind : std::uint8_t {
  kPlaced = 1,
  kValidated = 2,
  kHeld = 3,
  kReleased = 4,
  kApproved = 5,
  kAllocated = 6,
  kShipped = 7,
  kDelivered = 8,
  kInvoiced = 9,
  kPaid = 10,
  kAwaitingApproval = 11,
  kAmended = 12,
  kCancelled = 13,
  kRejected = 14,
  kPicked = 15,
  kPacked = 16,
  kReturned = 17,
};
std::string_view wire_name(OrderEventKind kind);  // "placed", "held", ...

struct OrderEvent {
  OrderEventKind kind = OrderEventKind::kPlaced;
  Timestamp at;
  std::string actor;   // user name or "system"
  std::string detail;  // "SH-2026-000001", "credit limit exceeded"; may be empty
};

// The events by time; at the same instant in cycle order (placed … allocated, picked, packed,
// shipped, delivered, invoiced, paid, returned, then the rest by number), then as given.
std::vector<OrderEvent> order_timeline(std::span<const OrderEvent> events);
// One line per event: "2026-03-02T10:15:00.000000Z placed by alice: web order\n".
std::string render_timeline(std::span<const OrderEvent> events);

// ---- alerts -------------------------------------------------------------------------------

// Numbers are persisted: never renumber, never reuse.
enum class AlertKind : std::uint8_t {
  kShipmentLate = 1,
  kBackordered = 2,
  kOnHoldTooLong = 3,
  kAwaitingApprovalTooLong = 4,
  kBelowReorderPoint = 5,
  kOrderLate = 6,
};
std::string_view wire_name(AlertKind kind);
enum class AlertSeverity : std::uint8_t { kInfo = 1, kWarning = 2, kCritical = 3 };
std::string_view wire_name(AlertSeverity severity);

struct ShipmentPromise {
  std::string shipment_number;
  std::string order_number;
  Date promised;                     // promised delivery date
  std::optional<Date> delivered_on;  // none: still on its way
};

struct BackorderedLine {
  std::string order_number;
  int line_no = 0;
  std::string sku;
  Quantity backordered;
  Date since;  // when the line was ordered/backordered
};

struct WaitingOrder {
  std::string order_number;
  bool on_hold = false;            // on credit (or other) hold
  bool awaiting_approval = false;  // waiting for an approver
  Date since;                      // when it started waiting
};

// An order with quantity still to ship, and the date the customer asked for delivery.
struct UnshippedOrder {
  std::string order_number;
  Date requested;
  Quantity unshipped;  // ordered less shipped, over all lines
};

struct StockPosition {
  std::string sku;
  std::string warehouse;
  Quantity available;
  Quantity reorder_point;
};

struct AlertInputs {
  std::span<const ShipmentPromise> shipments;
  std::span<const BackorderedLine> backorders;
  std::span<const WaitingOrder> waiting;
  std::span<const StockPosition> stock;
  std::span<const UnshippedOrder> unshipped{};
};

struct AlertThresholds {
  std::int64_t hold_days = 2;      // on hold longer than this alerts
  std::int64_t approval_days = 1;  // awaiting approval longer than this alerts
};

struct Alert {
  AlertKind kind = AlertKind::kShipmentLate;
  AlertSeverity severity = AlertSeverity::kWarning;
  std::string subject;  // "SH-2026-000001", "SO-2026-000004/2", "W-100@WH1"
  std::string message;
  std::int64_t age_days = 0;
};

// Rules (age = days from the date in question to `today`):
//  - shipment not delivered after its promised date: warning, critical from 7 days late;
//  - order with quantity not shipped after its requested delivery date: likewise;
//  - backordered line (quantity > 0): info, warning from 7 days, critical from 30;
//  - order on hold / awaiting approval longer than its threshold: warning, critical from
//    twice the threshold;
//  - available below the reorder point: warning, critical when nothing is available.
// Ordered by severity (critical first), age (oldest first), kind, subject.
std::vector<Alert> order_alerts(const AlertInputs& inputs, Date today,
                                const AlertThresholds& thresholds);

}  // namespace o2c
