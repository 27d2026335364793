#include <algorithm>
#include <tuple>

#include "analytics/analytics.h"
#include "core/wire_names.h"

namespace o2c {
namespace {

// Index = enumerator value; 0 is unused.
constexpr std::string_view kEventNames[] = {
    "",          "placed",    "validated", "held",     "released", "approved",
    "allocated", "shipped",   "delivered", "invoiced", "paid",     "awaiting_approval",
    "amended",   "cancelled", "rejected",  "picked",   "packed",   "returned"};
constexpr std::string_view kAlertNames[] = {"",
                                            "shipment_late",
                                            "backordered",
                                            "on_hold_too_long",
                                            "awaiting_approval_too_long",
                                            "below_reorder_point",
                                            "order_late"};
constexpr std::string_view kSeverityNames[] = {"", "info", "warning", "critical"};

void waiting_alerts(const WaitingOrder& order, Date today, const AlertThresholds& thresholds,
                    std::vector<Alert>& alerts) {
  const std::int64_t age = days_between(order.since, today);
  const auto check = [&](bool applies, AlertKind kind, std::int64_t limit, std::string_view what) {
    if (!applies || age <= limit) return;
    alerts.push_back(Alert{kind,
                           age >= 2 * limit ? AlertSeverity::kCritical : AlertSeverity::kWarning,
                           order.order_number,
                           "order " + order.order_number + " " + std::string(what) + " for " +
                               std::to_string(age) + " days",
                           age});
  };
  check(order.on_hold, AlertKind::kOnHoldTooLong, thresholds.hold_days, "on hold");
  check(order.awaiting_approval, AlertKind::kAwaitingApprovalTooLong, thresholds.approval_days,
        "awaiting approval");
}

// Where a kind falls in the cycle, for events at the same instant: the numbers of the kinds
// that existed first, with picking and packing before shipping and returns after payment.
int cycle_rank(OrderEventKind kind) {
  switch (kind) {
    case OrderEventKind::kPicked:
      return 63;
    case OrderEventKind::kPacked:
      return 66;
    case OrderEventKind::kReturned:
      return 105;
    default:
      return 10 * static_cast<int>(kind);
  }
}

void late_alert(AlertKind kind, std::string subject, std::string message, std::int64_t late,
                std::vector<Alert>& alerts) {
  alerts.push_back(Alert{kind, late >= 7 ? AlertSeverity::kCritical : AlertSeverity::kWarning,
                         std::move(subject), std::move(message), late});
}

}  // namespace

std::string_view wire_name(OrderEventKind kind) { return name_in(kEventNames, kind); }
std::string_view wire_name(AlertKind kind) { return name_in(kAlertNames, kind); }
std::string_view wire_name(AlertSeverity severity) { return name_in(kSeverityNames, severity); }

std::vector<OrderEvent> order_timeline(std::span<const OrderEvent> events) {
  std::vector<OrderEvent> sorted(events.begin(), events.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const OrderEvent& l, const OrderEvent& r) {
    if (l.at != r.at) return l.at < r.at;
    return cycle_rank(l.kind) < cycle_rank(r.kind);
  });
  return sorted;
}

std::string render_timeline(std::span<const OrderEvent> events) {
  std::string text;
  for (const OrderEvent& event : order_timeline(events)) {
    text += format_timestamp(event.at) + " " + std::string(wire_name(event.kind)) + " by " +
            event.actor;
    if (!event.detail.empty()) text += ": " + event.detail;
    text += "\n";
  }
  return text;
}

std::vector<Alert> order_alerts(const AlertInputs& inputs, Date today,
                                const AlertThresholds& thresholds) {
  std::vector<Alert> alerts;
  for (const ShipmentPromise& shipment : inputs.shipments) {
    const std::int64_t late = days_between(shipment.promised, today);
    if (shipment.delivered_on || late <= 0) continue;
    late_alert(AlertKind::kShipmentLate, shipment.shipment_number,
               "shipment " + shipment.shipment_number + " of order " + shipment.order_number +
                   " was promised for " + format_date(shipment.promised) + " and is not delivered",
               late, alerts);
  }
  for (const UnshippedOrder& order : inputs.unshipped) {
    const std::int64_t late = days_between(order.requested, today);
    if (order.unshipped.milli <= 0 || late <= 0) continue;
    late_alert(AlertKind::kOrderLate, order.order_number,
               format_quantity(order.unshipped) + " of order " + order.order_number +
                   " not shipped; delivery was requested for " + format_date(order.requested),
               late, alerts);
  }
  for (const BackorderedLine& line : inputs.backorders) {
    if (line.backordered.milli <= 0) continue;
    const std::int64_t age = std::max<std::int64_t>(0, days_between(line.since, today));
    const AlertSeverity severity = age >= 30  ? AlertSeverity::kCritical
                                   : age >= 7 ? AlertSeverity::kWarning
                                              : AlertSeverity::kInfo;
    const std::string subject = line.order_number + "/" + std::to_string(line.line_no);
    alerts.push_back(Alert{
        AlertKind::kBackordered, severity, subject,
        format_quantity(line.backordered) + " of " + line.sku + " on " + subject + " backordered",
        age});
  }
  for (const WaitingOrder& order : inputs.waiting) waiting_alerts(order, today, thresholds, alerts);
  for (const StockPosition& stock : inputs.stock) {
    if (stock.available >= stock.reorder_point) continue;
    alerts.push_back(
        Alert{AlertKind::kBelowReorderPoint,
              stock.available.milli <= 0 ? AlertSeverity::kCritical : AlertSeverity::kWarning,
              stock.sku + "@" + stock.warehouse,
              format_quantity(stock.available) + " of " + stock.sku + " available at " +
                  stock.warehouse + ", reorder point " + format_quantity(stock.reorder_point),
              0});
  }
  std::sort(alerts.begin(), alerts.end(), [](const Alert& l, const Alert& r) {
    if (l.severity != r.severity) return l.severity > r.severity;
    if (l.age_days != r.age_days) return l.age_days > r.age_days;
    return std::tie(l.kind, l.subject) < std::tie(r.kind, r.subject);
  });
  return alerts;
}

}  // namespace o2c
