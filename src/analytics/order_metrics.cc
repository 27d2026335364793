#include <algorithm>
#include <vector>

#include "analytics/analytics.h"

namespace o2c {
namespace {

constexpr std::int64_t kMicrosPerHour = 3'600'000'000;
constexpr std::int64_t kMicrosPerDay = 24 * kMicrosPerHour;

DurationStats stats(std::vector<std::int64_t> durations) {
  return DurationStats{durations.size(), percentile(durations, 50), percentile(durations, 90)};
}

std::optional<BasisPoints> rate(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return std::nullopt;
  O2C_ASSERT(part >= 0 && part <= whole);
  const std::int64_t value =
      divide_rounded(static_cast<Int128>(part) * kBasisPointsWhole, whole, Rounding::kHalfEven)
          .value();
  return BasisPoints{static_cast<std::int32_t>(value)};
}

}  // namespace

std::int64_t percentile(std::span<const std::int64_t> durations, int percent) {
  O2C_ASSERT(percent >= 1 && percent <= 100);
  if (durations.empty()) return 0;
  std::vector<std::int64_t> sorted(durations.begin(), durations.end());
  std::sort(sorted.begin(), sorted.end());
  // Nearest rank: the ceil(p/100 × n)-th smallest value.
  const std::size_t rank = (static_cast<std::size_t>(percent) * sorted.size() + 99) / 100;
  return sorted[rank - 1];
}

Result<CycleTimes> cycle_times(std::span<const OrderMilestones> orders) {
  std::vector<std::int64_t> shipped, invoiced, paid;
  for (std::size_t i = 0; i < orders.size(); ++i) {
    const OrderMilestones& order = orders[i];
    const auto take = [&](const std::optional<Timestamp>& when, std::string_view name,
                          std::vector<std::int64_t>& into) -> Status {
      if (!when) return {};
      if (*when < order.placed)
        return invalid_argument(
            "milestone_before_placed",
            "order " + order.order_number + " was " + std::string(name) + " before it was placed",
            "orders[" + std::to_string(i) + "]." + std::string(name));
      into.push_back(when->unix_micros - order.placed.unix_micros);
      return {};
    };
    O2C_RETURN_IF_ERROR(take(order.shipped, "shipped", shipped));
    O2C_RETURN_IF_ERROR(take(order.invoiced, "invoiced", invoiced));
    O2C_RETURN_IF_ERROR(take(order.paid, "paid", paid));
  }
  return CycleTimes{stats(std::move(shipped)), stats(std::move(invoiced)), stats(std::move(paid))};
}

std::int64_t whole_hours(std::int64_t micros) {
  return divide_rounded(micros, kMicrosPerHour, Rounding::kHalfEven).value();
}

std::int64_t whole_days(std::int64_t micros) {
  return divide_rounded(micros, kMicrosPerDay, Rounding::kHalfEven).value();
}

std::optional<BasisPoints> perfect_order_rate(std::span<const OrderOutcome> orders) {
  const auto perfect = std::count_if(orders.begin(), orders.end(), [](const OrderOutcome& o) {
    return o.on_time && o.complete && o.undamaged && o.invoiced_right;
  });
  return rate(perfect, static_cast<std::int64_t>(orders.size()));
}

std::optional<OrderOutcome> perfect_order_outcome(const OrderFulfilment& order) {
  if (!order.all_shipped || order.shipments.empty()) return std::nullopt;
  OrderOutcome outcome{true, !order.remainder_cancelled, !order.damaged_return,
                       !order.credit_requested};
  for (const ShipmentDelivery& shipment : order.shipments) {
    if (!shipment.delivered_on) return std::nullopt;
    const std::optional<Date> due = shipment.promised ? shipment.promised : order.requested;
    if (due && *shipment.delivered_on > *due) outcome.on_time = false;
  }
  return outcome;
}

PerfectOrderSummary summarize_perfect_orders(std::span<const OrderFulfilment> orders) {
  PerfectOrderSummary summary;
  std::vector<OrderOutcome> outcomes;
  for (const OrderFulfilment& order : orders) {
    const std::optional<OrderOutcome> outcome = perfect_order_outcome(order);
    if (!outcome) continue;
    outcomes.push_back(*outcome);
    summary.complete += outcome->complete ? 1 : 0;
    summary.on_time += outcome->on_time ? 1 : 0;
    summary.undamaged += outcome->undamaged ? 1 : 0;
    summary.invoiced_right += outcome->invoiced_right ? 1 : 0;
    const bool perfect =
        outcome->complete && outcome->on_time && outcome->undamaged && outcome->invoiced_right;
    summary.perfect += perfect ? 1 : 0;
  }
  summary.measured = outcomes.size();
  summary.rate = perfect_order_rate(outcomes);
  O2C_ASSERT(summary.perfect <= summary.measured);
  return summary;
}

std::optional<BasisPoints> fill_rate(std::span<const LineFill> lines) {
  std::int64_t ordered = 0;
  std::int64_t filled = 0;
  for (const LineFill& line : lines) {
    // Bad counts in a snapshot must not stop a report: clamp to 0 <= filled <= ordered.
    const std::int64_t line_ordered = std::max<std::int64_t>(0, line.ordered.milli);
    ordered += line_ordered;
    filled += std::clamp<std::int64_t>(line.filled_from_stock.milli, 0, line_ordered);
  }
  return rate(filled, ordered);
}

std::optional<BasisPoints> backorder_rate(std::span<const LineFill> lines) {
  const auto backordered = std::count_if(
      lines.begin(), lines.end(), [](const LineFill& line) { return line.backordered.milli > 0; });
  return rate(backordered, static_cast<std::int64_t>(lines.size()));
}

}  // namespace o2c
