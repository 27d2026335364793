// analytics.h — what the open items say. Rules encoded: an open item's age is the number of
// days past its due date on the as-of date; an item not yet due is "current"; buckets are
// 1-30, 31-60, 61-90 and over 90 days past due. Customers are listed in number order and
// totals are kept per currency (amounts in different currencies are never added).
//
// Order metrics: cycle times (placed → shipped, → invoiced, → paid) as median and 90th
// percentile by the nearest-rank method (so every figure is an observed duration, no
// interpolation); perfect order rate (on time, complete, undamaged, invoiced right); fill rate
// (share of the ordered quantity filled from stock at first shipment); backorder rate (share
// of lines with anything backordered). Rates are basis points, rounded half-even.
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

}  // namespace o2c
