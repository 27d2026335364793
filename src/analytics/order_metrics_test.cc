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
