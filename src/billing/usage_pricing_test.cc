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
Quantity qty(std::string_view text) { return parse_quantity(text).value(); }

UsagePrice tiers(UsagePricingModel model, std::string_view text) {
  UsagePrice price;
  price.model = model;
  price.tiers = parse_usage_tiers(text, eur_currency()).value();
  price.minimum = eur("0");
  return price;
}

UsageRecord record(std::int64_t meter, std::string_view quantity, std::string_view day,
                   std::string_view subject = "") {
  return UsageRecord{CustomerId{1},        meter,
                     qty(quantity),        start_of_day(date(day)),
                     std::string(subject), std::string(day) + std::string(subject)};
}

const ServicePeriod kMarch{date("2026-03-01"), date("2026-04-01")};

TEST(UsageCharge, TieredPricesEachUnitAtItsTier) {
  const UsagePrice price = tiers(UsagePricingModel::kTiered, "1000:0.10,5000:0.08,*:0.05");
  // 1000 × 0.10 + 4000 × 0.08 + 1500 × 0.05 = 100.00 + 320.00 + 75.00.
  EXPECT_EQ(usage_charge(price, qty("6500")).value(), eur("495.00"));
  EXPECT_EQ(usage_charge(price, qty("1000")).value(), eur("100.00"));
  EXPECT_EQ(usage_charge(price, qty("0")).value(), eur("0.00"));
}

TEST(UsageCharge, TieredRoundsTheExactSumOnceHalfEven) {
  // 3.5 × 0.03 = 0.105 → 0.10 (even); 2.5 × 0.03 = 0.075 → 0.08 (even).
  EXPECT_EQ(usage_charge(tiers(UsagePricingModel::kTiered, "*:0.03"), qty("3.5")).value(),
            eur("0.10"));
  EXPECT_EQ(usage_charge(tiers(UsagePricingModel::kTiered, "*:0.03"), qty("2.5")).value(),
            eur("0.08"));
  // Two tiers of half-cents that only add up to whole cents together: 1.5 × 0.01 + 0.5 × 0.03
  // = 0.015 + 0.015 = 0.03 (rounding per tier would give 0.02 + 0.02 = 0.04).
  EXPECT_EQ(usage_charge(tiers(UsagePricingModel::kTiered, "1.5:0.01,*:0.03"), qty("2")).value(),
            eur("0.03"));
}

TEST(UsageCharge, VolumePricesAllUnitsAtTheTierOfTheTotal) {
  const UsagePrice price = tiers(UsagePricingModel::kVolume, "1000:0.10,5000:0.08,*:0.05");
  EXPECT_EQ(usage_charge(price, qty("6500")).value(), eur("325.00"));  // 6500 × 0.05
  EXPECT_EQ(usage_charge(price, qty("3000")).value(), eur("240.00"));  // 3000 × 0.08
  EXPECT_EQ(usage_charge(price, qty("1000")).value(), eur("100.00"));  // bound is inclusive
}

TEST(UsageCharge, PackageBillsEveryStartedBlock) {
  UsagePrice price;
  price.model = UsagePricingModel::kPackage;
  price.package_size = qty("100");
  price.package_price = eur("5.00");
  price.minimum = eur("0");
  EXPECT_EQ(usage_charge(price, qty("250")).value(), eur("15.00"));  // 3 blocks
  EXPECT_EQ(usage_charge(price, qty("200")).value(), eur("10.00"));  // 2 blocks
  EXPECT_EQ(usage_charge(price, qty("0.001")).value(), eur("5.00"));
  EXPECT_EQ(usage_charge(price, qty("0")).value(), eur("0.00"));
  price.package_size = qty("0");
  EXPECT_EQ(validate_usage_price(price).error().reason, "invalid_package");
}

TEST(BillUsage, MinimumCommitmentTopsUpAndIsProratedForAPartialPeriod) {
  UsagePrice price = tiers(UsagePricingModel::kTiered, "*:0.10");
  price.minimum = eur("50.00");
  UsageBill whole = bill_usage(price, qty("150"), kMarch, kMarch).value();
  EXPECT_EQ(whole.charge, eur("15.00"));
  EXPECT_EQ(whole.top_up, eur("35.00"));
  // 10–31 March, 22 of 31 days: 5000 × 22 / 31 = 3548.39 → 35.48; top-up 35.48 − 15.00.
  UsageBill partial =
      bill_usage(price, qty("150"), {date("2026-03-10"), date("2026-04-01")}, kMarch).value();
  EXPECT_EQ(partial.minimum, eur("35.48"));
  EXPECT_EQ(partial.top_up, eur("20.48"));
  UsageBill above = bill_usage(price, qty("600"), kMarch, kMarch).value();
  EXPECT_EQ(above.charge, eur("60.00"));
  EXPECT_EQ(above.top_up, eur("0.00"));
}

TEST(AggregateUsage, SumMaxAndUniqueCountWithinThePeriod) {
  const std::vector<UsageRecord> records = {
      record(1, "10", "2026-02-28"),        // before the period
      record(1, "20", "2026-03-01", "u1"),  // first day: counted
      record(1, "5.5", "2026-03-15", "u2"),
      record(1, "7", "2026-03-31", "u1"),   // last day: counted
      record(1, "40", "2026-04-01", "u3"),  // the day after: not counted
      record(2, "99", "2026-03-10", "u9"),  // another meter
  };
  Meter meter{1, "api_calls", "call", UsageAggregation::kSum};
  EXPECT_EQ(aggregate_usage(meter, records, kMarch).value(), qty("32.5"));
  meter.aggregation = UsageAggregation::kMax;
  EXPECT_EQ(aggregate_usage(meter, records, kMarch).value(), qty("20"));
  meter.aggregation = UsageAggregation::kUniqueCount;
  EXPECT_EQ(aggregate_usage(meter, records, kMarch).value(), qty("2"));  // u1, u2
}

TEST(ParseUsageTiers, RoundTripsAndRejectsBadTiers) {
  EXPECT_EQ(format_usage_tiers(parse_usage_tiers("1000:0.10,*:0.05", eur_currency()).value()),
            "1000:0.10,*:0.05");
  struct Bad {
    std::string_view text;
    std::string_view where;
    std::string_view reason = "invalid_tiers";
  };
  for (const Bad& bad :
       {Bad{"", "tiers[0]"}, Bad{"1000", "tiers[0]"}, Bad{"1000:x,*:1", "tiers[0]"},
        Bad{"abc:0.10,*:1", "tiers[0]"}, Bad{"5000:0.1,1000:0.2,*:0.1", "tiers[1]"},
        Bad{"1000:0.1", "tiers[0]"}, Bad{"*:0.1,1000:0.2", "tiers[0]"},
        Bad{"10:-1,*:1", "tiers[0]", "negative_price"}, Bad{"10:0.001,*:1", "tiers[0]"}}) {
    Result<std::vector<UsageTier>> parsed = parse_usage_tiers(bad.text, eur_currency());
    ASSERT_FALSE(parsed.has_value()) << bad.text;
    EXPECT_EQ(parsed.error().reason, bad.reason) << bad.text;
    EXPECT_EQ(parsed.error().where, bad.where) << bad.text;
  }
}

TEST(ParseUsageTimestamp, AcceptsUtcDaysAndTimes) {
  EXPECT_EQ(parse_usage_timestamp("1970-01-02").value().unix_micros, 86'400'000'000);
  // 10:20:30 = 37,230 s after midnight.
  EXPECT_EQ(parse_usage_timestamp("1970-01-01T10:20:30Z").value().unix_micros, 37'230'000'000);
  EXPECT_EQ(parse_usage_timestamp("1970-01-01T00:00:00.25Z").value().unix_micros, 250'000);
  EXPECT_EQ(format_timestamp(parse_usage_timestamp("2026-03-15T23:59:59.999999Z").value()),
            "2026-03-15T23:59:59.999999Z");
  for (std::string_view bad :
       {"", "2026-03", "2026-02-30", "2026-03-15T10:20:30", "2026-03-15T24:00:00Z",
        "2026-03-15 10:20:30Z", "2026-03-15T10:20:30+01:00", "2026-03-15T10:20:30.Z",
        "2026-03-15T10:20:30.1234567Z", "2026-03-15T1a:20:30Z", "2026-03-15x"}) {
    Result<Timestamp> parsed = parse_usage_timestamp(bad);
    ASSERT_FALSE(parsed.has_value()) << bad;
    EXPECT_EQ(parsed.error().reason, "invalid_timestamp") << bad;
  }
}

}  // namespace
}  // namespace o2c
