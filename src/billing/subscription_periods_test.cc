#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "billing/billing.h"
#include "core/date.h"
#include "core/money.h"

namespace o2c {
namespace {

Currency eur_currency() { return currency_from_code("EUR").value(); }
Money eur(std::string_view text) { return parse_money(text, eur_currency()).value(); }
Date date(std::string_view text) { return parse_date(text).value(); }

Plan plan(std::string_view price, BillingPeriod period, BillingTiming timing) {
  Plan plan;
  plan.id = 1;
  plan.code = "P";
  plan.price = eur(price);
  plan.period = period;
  plan.timing = timing;
  plan.tax_category = "standard";
  return plan;
}

// A subscription on plan 1 whose service (and billing) starts on `service_start`.
Subscription subscription(std::string_view service_start) {
  Subscription subscription;
  subscription.id = 9;
  subscription.number = "SUB-2026-000001";
  subscription.customer = CustomerId{1};
  subscription.plan = 1;
  subscription.start = subscription.service_start = subscription.plan_start =
      subscription.billed_through = subscription.usage_billed_through = date(service_start);
  return subscription;
}

// "2026-03-10..2026-03-31 21.29 advance" per charge, one a line.
std::string render(const std::vector<PeriodCharge>& charges) {
  std::string text;
  for (const PeriodCharge& charge : charges) {
    text += describe(charge.service) + " " + format_amount(charge.amount) +
            (charge.in_advance ? " advance" : " arrears") + (charge.credit ? " credit" : "") + "\n";
  }
  return text;
}

TEST(CalendarPeriod, AlignsToMonthQuarterAndYear) {
  EXPECT_EQ(calendar_period_containing(date("2026-03-10"), BillingPeriod::kMonthly),
            (ServicePeriod{date("2026-03-01"), date("2026-04-01")}));
  EXPECT_EQ(calendar_period_containing(date("2026-05-20"), BillingPeriod::kQuarterly),
            (ServicePeriod{date("2026-04-01"), date("2026-07-01")}));
  EXPECT_EQ(calendar_period_containing(date("2026-12-31"), BillingPeriod::kQuarterly),
            (ServicePeriod{date("2026-10-01"), date("2027-01-01")}));
  EXPECT_EQ(calendar_period_containing(date("2026-02-28"), BillingPeriod::kAnnual),
            (ServicePeriod{date("2026-01-01"), date("2027-01-01")}));
}

TEST(ProrateToDay, RoundsHalfEven) {
  // April has 30 days; 15 of them at 1.65: 165 × 15 / 30 = 82.5 → 82 (even).
  const ServicePeriod april{date("2026-04-01"), date("2026-05-01")};
  EXPECT_EQ(prorate_to_day(eur("1.65"), {date("2026-04-16"), date("2026-05-01")}, april).value(),
            eur("0.82"));
  // 1.55: 77.5 → 78 (even).
  EXPECT_EQ(prorate_to_day(eur("1.55"), {date("2026-04-16"), date("2026-05-01")}, april).value(),
            eur("0.78"));
}

TEST(DueCharges, InAdvanceBillsFirstPartialPeriodOnItsFirstDay) {
  const Plan monthly = plan("30.00", BillingPeriod::kMonthly, BillingTiming::kInAdvance);
  const Subscription started = subscription("2026-03-10");
  EXPECT_EQ(render(due_charges(started, monthly, date("2026-03-09")).value()), "");
  // 10–31 March is 22 of 31 days: 3000 × 22 / 31 = 2129.03 → 21.29.
  EXPECT_EQ(render(due_charges(started, monthly, date("2026-03-10")).value()),
            "2026-03-10..2026-03-31 21.29 advance\n");
  EXPECT_EQ(render(due_charges(started, monthly, date("2026-04-01")).value()),
            "2026-03-10..2026-03-31 21.29 advance\n2026-04-01..2026-04-30 30.00 advance\n");
}

TEST(DueCharges, InArrearsBillsOnTheDayAfterThePeriod) {
  const Plan monthly = plan("30.00", BillingPeriod::kMonthly, BillingTiming::kInArrears);
  const Subscription started = subscription("2026-03-10");
  EXPECT_EQ(render(due_charges(started, monthly, date("2026-03-31")).value()), "");
  EXPECT_EQ(render(due_charges(started, monthly, date("2026-04-01")).value()),
            "2026-03-10..2026-03-31 21.29 arrears\n");
}

TEST(DueCharges, QuarterlyProratesOverTheQuarterDays) {
  // Q1 2026 has 31 + 28 + 31 = 90 days; 15 Feb – 31 Mar is 14 + 31 = 45: half of 90.00.
  const Plan quarterly = plan("90.00", BillingPeriod::kQuarterly, BillingTiming::kInAdvance);
  EXPECT_EQ(render(due_charges(subscription("2026-02-15"), quarterly, date("2026-04-01")).value()),
            "2026-02-15..2026-03-31 45.00 advance\n2026-04-01..2026-06-30 90.00 advance\n");
}

TEST(DueCharges, StopsAtTheEndDateAndAfterBilledThrough) {
  const Plan monthly = plan("30.00", BillingPeriod::kMonthly, BillingTiming::kInArrears);
  Subscription cancelled = subscription("2026-03-01");
  cancelled.billed_through = date("2026-04-01");
  cancelled.end = date("2026-04-20");
  // 1–19 April is 19 of 30 days: 3000 × 19 / 30 = 1900.
  EXPECT_EQ(render(due_charges(cancelled, monthly, date("2026-06-01")).value()),
            "2026-04-01..2026-04-19 19.00 arrears\n");
  EXPECT_EQ(render(due_charges(cancelled, monthly, date("2026-04-19")).value()), "");
}

TEST(DueCharges, RefusesAnUnboundedCatchUp) {
  const Plan monthly = plan("30.00", BillingPeriod::kMonthly, BillingTiming::kInAdvance);
  Result<std::vector<PeriodCharge>> due =
      due_charges(subscription("1990-01-01"), monthly, date("2026-03-01"));
  ASSERT_FALSE(due.has_value());
  EXPECT_EQ(due.error().reason, "too_many_periods");
}

TEST(SettleToDay, InAdvanceCreditsTheUnusedPartExactly) {
  const Plan monthly = plan("30.00", BillingPeriod::kMonthly, BillingTiming::kInAdvance);
  Subscription billed = subscription("2026-03-10");
  billed.billed_through = date("2026-04-01");  // 21.29 billed for 10–31 March
  // Used 10–19 March, 10 days: 3000 × 10 / 31 = 967.74 → 9.68; credit 21.29 − 9.68 = 11.61.
  EXPECT_EQ(render(settle_to_day(billed, monthly, date("2026-03-20")).value()),
            "2026-03-20..2026-03-31 -11.61 advance credit\n");
  // On the plan's first day everything is given back.
  EXPECT_EQ(render(settle_to_day(billed, monthly, date("2026-03-10")).value()),
            "2026-03-10..2026-03-31 -21.29 advance credit\n");
  EXPECT_EQ(render(settle_to_day(billed, monthly, date("2026-04-01")).value()), "");
}

TEST(SettleToDay, InArrearsChargesTheUsedUnbilledPart) {
  const Plan monthly = plan("30.00", BillingPeriod::kMonthly, BillingTiming::kInArrears);
  // 1–15 March, 15 of 31 days: 3000 × 15 / 31 = 1451.61 → 14.52.
  EXPECT_EQ(render(settle_to_day(subscription("2026-03-01"), monthly, date("2026-03-16")).value()),
            "2026-03-01..2026-03-15 14.52 arrears\n");
}

TEST(SettleToDay, DuringTheTrialSettlesNothing) {
  const Plan monthly = plan("30.00", BillingPeriod::kMonthly, BillingTiming::kInAdvance);
  Subscription trial = subscription("2026-03-15");
  trial.start = date("2026-03-01");
  EXPECT_EQ(render(settle_to_day(trial, monthly, date("2026-03-05")).value()), "");
  EXPECT_EQ(subscription_state(trial, date("2026-03-14")), SubscriptionState::kTrial);
  EXPECT_EQ(subscription_state(trial, date("2026-03-15")), SubscriptionState::kActive);
  trial.end = date("2026-04-01");
  EXPECT_EQ(subscription_state(trial, date("2026-04-01")), SubscriptionState::kCancelled);
}

TEST(SettleToDay, RefusesADayBeforeTheLastBilledPeriod) {
  const Plan monthly = plan("30.00", BillingPeriod::kMonthly, BillingTiming::kInAdvance);
  Subscription billed = subscription("2026-01-01");
  billed.billed_through = date("2026-04-01");
  Result<std::vector<PeriodCharge>> settled = settle_to_day(billed, monthly, date("2026-02-15"));
  ASSERT_FALSE(settled.has_value());
  EXPECT_EQ(settled.error().reason, "effective_before_billed_period");
}

TEST(WireNames, RoundTripAndRejectUnknownWords) {
  EXPECT_EQ(parse_billing_period("quarterly").value(), BillingPeriod::kQuarterly);
  EXPECT_EQ(wire_name(BillingTiming::kInArrears), "arrears");
  EXPECT_EQ(parse_usage_aggregation("unique_count").value(), UsageAggregation::kUniqueCount);
  Result<BillingPeriod> weekly = parse_billing_period("weekly");
  ASSERT_FALSE(weekly.has_value());
  EXPECT_EQ(weekly.error().reason, "invalid_billing_period");
  EXPECT_EQ(weekly.error().message, "'weekly' is not a billing_period (monthly|quarterly|annual)");
  EXPECT_FALSE(parse_billing_timing("").has_value());
  EXPECT_FALSE(parse_usage_pricing_model("flat").has_value());
}

}  // namespace
}  // namespace o2c
