#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "analytics/analytics.h"
#include "core/money.h"

namespace o2c {
namespace {

constexpr std::int64_t kHour = 3'600'000'000;

Timestamp at_hour(std::int64_t hours) { return Timestamp{hours * kHour}; }

TEST(Percentile, NearestRank) {
  const std::vector<std::int64_t> values = {50, 10, 40, 20, 30};
  EXPECT_EQ(percentile(values, 50), 30);
  EXPECT_EQ(percentile(values, 90), 50);
  EXPECT_EQ(percentile(values, 20), 10);
  EXPECT_EQ(percentile(values, 100), 50);
  const std::vector<std::int64_t> even = {4, 1, 3, 2};
  EXPECT_EQ(percentile(even, 50), 2);
  EXPECT_EQ(percentile({}, 50), 0);
}

TEST(CycleTimes, MedianAndP90PerMilestone) {
  std::vector<OrderMilestones> orders;
  for (int i = 1; i <= 10; ++i) {
    OrderMilestones order{"SO-" + std::to_string(i), at_hour(100), at_hour(100 + i * 10), {}, {}};
    if (i <= 4) order.invoiced = at_hour(100 + i * 24);
    if (i == 1) order.paid = at_hour(100 + 30 * 24);
    orders.push_back(order);
  }
  orders.push_back(OrderMilestones{"SO-11", at_hour(5), {}, {}, {}});
  auto times = cycle_times(orders);
  ASSERT_TRUE(times.has_value()) << describe(times.error());
  EXPECT_EQ(times->to_shipped.count, 10u);
  EXPECT_EQ(whole_hours(times->to_shipped.median_micros), 50);
  EXPECT_EQ(whole_hours(times->to_shipped.p90_micros), 90);
  EXPECT_EQ(times->to_invoiced.count, 4u);
  EXPECT_EQ(whole_days(times->to_invoiced.median_micros), 2);
  EXPECT_EQ(whole_days(times->to_invoiced.p90_micros), 4);
  EXPECT_EQ(times->to_paid.count, 1u);
  EXPECT_EQ(whole_days(times->to_paid.median_micros), 30);
}

TEST(CycleTimes, NoOrdersIsAllZero) {
  auto times = cycle_times({});
  EXPECT_EQ(times->to_paid.count, 0u);
  EXPECT_EQ(times->to_paid.p90_micros, 0);
}

TEST(CycleTimes, RejectsMilestoneBeforePlacement) {
  const std::vector<OrderMilestones> orders = {{"SO-1", at_hour(10), at_hour(11), {}, {}},
                                               {"SO-2", at_hour(10), {}, at_hour(9), {}}};
  auto error = cycle_times(orders).error();
  EXPECT_EQ(error.reason, "milestone_before_placed");
  EXPECT_EQ(error.message, "order SO-2 was invoiced before it was placed");
  EXPECT_EQ(error.where, "orders[1].invoiced");
}

TEST(WholeHoursAndDays, RoundHalfEven) {
  EXPECT_EQ(whole_hours(kHour / 2), 0);
  EXPECT_EQ(whole_hours(kHour * 3 / 2), 2);
  EXPECT_EQ(whole_days(kHour * 36), 2);
  EXPECT_EQ(whole_days(kHour * 60), 2);
}

TEST(PerfectOrderRate, AllFourMustHold) {
  const std::vector<OrderOutcome> orders = {{true, true, true, true},  {false, true, true, true},
                                            {true, false, true, true}, {true, true, false, true},
                                            {true, true, true, false}, {true, true, true, true}};
  EXPECT_EQ(perfect_order_rate(orders), BasisPoints{3333});
  EXPECT_EQ(perfect_order_rate({}), std::nullopt);
}

Date day(std::string_view text) { return parse_date(text).value(); }

// Shipped in full, one shipment promised for 03-10 and delivered on 03-09, no returns.
OrderFulfilment fulfilled() {
  OrderFulfilment order;
  order.order_number = "SO-1";
  order.all_shipped = true;
  order.requested = day("2026-03-12");
  order.shipments = {{day("2026-03-10"), day("2026-03-09")}};
  return order;
}

std::string describe(const std::optional<OrderOutcome>& outcome) {
  if (!outcome) return "not measured";
  return std::string(outcome->complete ? "complete" : "incomplete") +
         (outcome->on_time ? " on_time" : " late") +
         (outcome->undamaged ? " undamaged" : " damaged") +
         (outcome->invoiced_right ? " invoiced_right" : " credited");
}

TEST(PerfectOrderOutcome, AFulfilledOrderWithNothingWrongIsPerfect) {
  EXPECT_EQ(describe(perfect_order_outcome(fulfilled())),
            "complete on_time undamaged invoiced_right");
}

TEST(PerfectOrderOutcome, MeasuredOnlyOnceFulfilmentIsOver) {
  OrderFulfilment order = fulfilled();
  order.all_shipped = false;  // something still to ship
  EXPECT_EQ(describe(perfect_order_outcome(order)), "not measured");
  order = fulfilled();
  order.shipments.push_back({std::nullopt, std::nullopt});  // one still on its way
  EXPECT_EQ(describe(perfect_order_outcome(order)), "not measured");
  order = fulfilled();
  order.shipments.clear();
  EXPECT_EQ(describe(perfect_order_outcome(order)), "not measured");
}

TEST(PerfectOrderOutcome, EachComponent) {
  OrderFulfilment order = fulfilled();
  order.remainder_cancelled = true;
  EXPECT_EQ(describe(perfect_order_outcome(order)), "incomplete on_time undamaged invoiced_right");

  // Delivered on the promised day is on time; a day later is not, even before the requested.
  order = fulfilled();
  order.shipments = {{day("2026-03-10"), day("2026-03-10")},
                     {day("2026-03-10"), day("2026-03-11")}};
  EXPECT_EQ(describe(perfect_order_outcome(order)), "complete late undamaged invoiced_right");
  // Without a promise the requested date counts; without either, any delivery is on time.
  order.shipments = {{std::nullopt, day("2026-03-12")}};
  EXPECT_EQ(describe(perfect_order_outcome(order)), "complete on_time undamaged invoiced_right");
  order.shipments = {{std::nullopt, day("2026-03-13")}};
  EXPECT_EQ(describe(perfect_order_outcome(order)), "complete late undamaged invoiced_right");
  order.requested.reset();
  EXPECT_EQ(describe(perfect_order_outcome(order)), "complete on_time undamaged invoiced_right");

  order = fulfilled();
  order.damaged_return = true;
  order.credit_requested = true;
  EXPECT_EQ(describe(perfect_order_outcome(order)), "complete on_time damaged credited");
  order.damaged_return = false;
  EXPECT_EQ(describe(perfect_order_outcome(order)), "complete on_time undamaged credited");
}

TEST(PerfectOrderSummary, CountsEachComponentAndTheRate) {
  std::vector<OrderFulfilment> orders(4, fulfilled());
  orders[1].credit_requested = true;
  orders[2].shipments[0].delivered_on = day("2026-03-11");
  orders[2].damaged_return = true;
  orders[3].all_shipped = false;  // not measured
  const PerfectOrderSummary summary = summarize_perfect_orders(orders);
  EXPECT_EQ(summary.measured, 3u);
  EXPECT_EQ(summary.complete, 3u);
  EXPECT_EQ(summary.on_time, 2u);
  EXPECT_EQ(summary.undamaged, 2u);
  EXPECT_EQ(summary.invoiced_right, 2u);
  EXPECT_EQ(summary.perfect, 1u);
  EXPECT_EQ(summary.rate, BasisPoints{3333});  // 1 / 3 = 33.33 %
  EXPECT_EQ(summarize_perfect_orders({}).rate, std::nullopt);
}

TEST(FillRate, QuantityFilledOverOrdered) {
  const std::vector<LineFill> lines = {{Quantity{3000}, Quantity{3000}, Quantity{0}},
                                       {Quantity{2500}, Quantity{1000}, Quantity{1500}},
                                       {Quantity{1000}, Quantity{0}, Quantity{1000}},
                                       {Quantity{500}, Quantity{900}, Quantity{0}}};
  // (3 + 1 + 0 + 0.5 clamped) / 7 = 64.29 %.
  EXPECT_EQ(fill_rate(lines), BasisPoints{6429});
  EXPECT_EQ(backorder_rate(lines), BasisPoints{5000});
  EXPECT_EQ(fill_rate({}), std::nullopt);
  EXPECT_EQ(backorder_rate({}), std::nullopt);
}

}  // namespace
}  // namespace o2c
