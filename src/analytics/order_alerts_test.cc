#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "analytics/analytics.h"
#include "core/date.h"
#include "core/money.h"

namespace o2c {
namespace {

Date day(std::string_view text) { return parse_date(text).value(); }
Quantity qty(std::string_view text) { return parse_quantity(text).value(); }
Timestamp at(std::string_view date, std::int64_t hour) {
  return Timestamp{start_of_day(day(date)).unix_micros + hour * 3'600'000'000};
}

std::string describe(const std::vector<Alert>& alerts) {
  std::string text;
  for (const Alert& alert : alerts) {
    text += std::string(wire_name(alert.severity)) + " " + std::string(wire_name(alert.kind)) +
            " " + alert.subject + " " + std::to_string(alert.age_days) + "d: " + alert.message +
            "\n";
  }
  return text;
}

TEST(OrderTimeline, SortsByTimeThenCycleOrder) {
  const std::vector<OrderEvent> events = {
      {OrderEventKind::kPaid, at("2026-03-20", 9), "bank", "PAY-1"},
      {OrderEventKind::kValidated, at("2026-03-02", 10), "system", ""},
      {OrderEventKind::kPlaced, at("2026-03-02", 10), "alice", "web order"},
      {OrderEventKind::kHeld, at("2026-03-02", 11), "system", "credit limit exceeded"},
      {OrderEventKind::kReleased, at("2026-03-03", 8), "bob", ""}};
  EXPECT_EQ(render_timeline(events),
            "2026-03-02T10:00:00.000000Z placed by alice: web order\n"
            "2026-03-02T10:00:00.000000Z validated by system\n"
            "2026-03-02T11:00:00.000000Z held by system: credit limit exceeded\n"
            "2026-03-03T08:00:00.000000Z released by bob\n"
            "2026-03-20T09:00:00.000000Z paid by bank: PAY-1\n");
  EXPECT_EQ(order_timeline(events).front().kind, OrderEventKind::kPlaced);
  EXPECT_EQ(render_timeline({}), "");
}

TEST(OrderTimeline, PickPackShipDeliverAtOneInstantKeepTheirCycleOrder) {
  const Timestamp noon = at("2026-03-02", 12);
  const std::vector<OrderEvent> events = {
      {OrderEventKind::kReturned, noon, "a", "RMA-1"}, {OrderEventKind::kPaid, noon, "a", ""},
      {OrderEventKind::kInvoiced, noon, "a", ""},      {OrderEventKind::kDelivered, noon, "a", ""},
      {OrderEventKind::kShipped, noon, "a", ""},       {OrderEventKind::kPacked, noon, "a", ""},
      {OrderEventKind::kPicked, noon, "a", ""},        {OrderEventKind::kAllocated, noon, "a", ""},
      {OrderEventKind::kPlaced, noon, "a", ""}};
  std::string kinds;
  for (const OrderEvent& event : order_timeline(events))
    kinds += std::string(wire_name(event.kind)) + " ";
  EXPECT_EQ(kinds, "placed allocated picked packed shipped delivered invoiced paid returned ");
}

TEST(OrderTimeline, EveryKindHasAName) {
  for (int i = 1; i <= 17; ++i) EXPECT_FALSE(wire_name(static_cast<OrderEventKind>(i)).empty());
  EXPECT_EQ(wire_name(OrderEventKind::kInvoiced), "invoiced");
}

TEST(OrderAlerts, EachRuleWithSeverityAndAge) {
  const std::vector<ShipmentPromise> shipments = {
      {"SH-1", "SO-1", day("2026-03-08"), std::nullopt},  // 2 days late
      {"SH-2", "SO-2", day("2026-03-01"), std::nullopt},  // 9 days late
      {"SH-3", "SO-3", day("2026-03-01"), day("2026-03-05")},
      {"SH-4", "SO-4", day("2026-03-10"), std::nullopt}};  // due today: not late
  const std::vector<BackorderedLine> backorders = {
      {"SO-5", 2, "W-100", qty("1.5"), day("2026-03-07")},
      {"SO-6", 1, "W-200", qty("4"), day("2026-03-01")},
      {"SO-7", 1, "W-300", qty("0"), day("2026-01-01")}};
  const std::vector<WaitingOrder> waiting = {
      {"SO-8", true, false, day("2026-03-08")},   // 2 days: not longer than 2
      {"SO-9", true, false, day("2026-03-07")},   // 3 days: warning
      {"SO-10", false, true, day("2026-03-08")},  // 2 days over 1: critical
      {"SO-11", false, false, day("2026-01-01")}};
  const std::vector<StockPosition> stock = {{"W-100", "WH1", qty("0"), qty("5")},
                                            {"W-200", "WH1", qty("4.5"), qty("5")},
                                            {"W-300", "WH2", qty("5"), qty("5")}};
  const AlertInputs inputs{shipments, backorders, waiting, stock};
  EXPECT_EQ(describe(order_alerts(inputs, day("2026-03-10"), AlertThresholds{})),
            "critical shipment_late SH-2 9d: shipment SH-2 of order SO-2 was promised for "
            "2026-03-01 and is not delivered\n"
            "critical awaiting_approval_too_long SO-10 2d: order SO-10 awaiting approval for 2 "
            "days\n"
            "critical below_reorder_point W-100@WH1 0d: 0 of W-100 available at WH1, reorder "
            "point 5\n"
            "warning backordered SO-6/1 9d: 4 of W-200 on SO-6/1 backordered\n"
            "warning on_hold_too_long SO-9 3d: order SO-9 on hold for 3 days\n"
            "warning shipment_late SH-1 2d: shipment SH-1 of order SO-1 was promised for "
            "2026-03-08 and is not delivered\n"
            "warning below_reorder_point W-200@WH1 0d: 4.5 of W-200 available at WH1, reorder "
            "point 5\n"
            "info backordered SO-5/2 3d: 1.5 of W-100 on SO-5/2 backordered\n");
}

TEST(OrderAlerts, OrdersNotShippedByTheRequestedDate) {
  const std::vector<UnshippedOrder> unshipped = {{"SO-1", day("2026-03-09"), qty("2")},
                                                 {"SO-2", day("2026-03-02"), qty("0.5")},
                                                 {"SO-3", day("2026-03-10"), qty("1")},   // today
                                                 {"SO-4", day("2026-03-01"), qty("0")}};  // done
  AlertInputs inputs;
  inputs.unshipped = unshipped;
  EXPECT_EQ(describe(order_alerts(inputs, day("2026-03-10"), AlertThresholds{})),
            "critical order_late SO-2 8d: 0.5 of order SO-2 not shipped; delivery was requested "
            "for 2026-03-02\n"
            "warning order_late SO-1 1d: 2 of order SO-1 not shipped; delivery was requested for "
            "2026-03-09\n");
}

TEST(OrderAlerts, ThresholdsAreConfigurable) {
  const std::vector<WaitingOrder> waiting = {{"SO-9", true, false, day("2026-03-07")}};
  const AlertInputs inputs{{}, {}, waiting, {}};
  EXPECT_TRUE(order_alerts(inputs, day("2026-03-10"), AlertThresholds{5, 1}).empty());
  EXPECT_EQ(order_alerts(inputs, day("2026-03-10"), AlertThresholds{1, 1}).front().severity,
            AlertSeverity::kCritical);
}

TEST(OrderAlerts, NothingToChase) {
  EXPECT_TRUE(order_alerts(AlertInputs{}, day("2026-03-10"), AlertThresholds{}).empty());
}

}  // namespace
}  // namespace o2c
