#include "collections/collections.h"

#include <gtest/gtest.h>

namespace o2c {
namespace {

Date date(std::string_view text) { return *parse_date(text); }
Currency eur() { return *currency_from_code("EUR"); }
Money eur(std::string_view text) { return *parse_money(text, eur()); }

// ---- aging ----------------------------------------------------------------------------------

TEST(AgingBuckets, ParsesAndNames) {
  Result<AgingBuckets> buckets = parse_aging_buckets("0,15,45", "--buckets");
  ASSERT_TRUE(buckets.has_value());
  EXPECT_EQ(aging_bucket_names(*buckets),
            (std::vector<std::string>{"current", "1-15", "16-45", "over 45"}));
  EXPECT_EQ(aging_bucket_of(*buckets, 0), 0u);
  EXPECT_EQ(aging_bucket_of(*buckets, 15), 1u);
  EXPECT_EQ(aging_bucket_of(*buckets, 16), 2u);
  EXPECT_EQ(aging_bucket_of(*buckets, 46), 3u);
  EXPECT_EQ(format_aging_buckets(*buckets), "0,15,45");
}

TEST(AgingBuckets, RefusesBadLists) {
  for (const char* text : {"", "30,60", "0,60,30", "0,,30", "0,x", "0,30,30", "0,99999",
                           "0,1,2,3,4,5,6,7,8,9,10,11,12"}) {
    Result<AgingBuckets> buckets = parse_aging_buckets(text, "--buckets");
    ASSERT_FALSE(buckets.has_value()) << text;
    EXPECT_EQ(buckets.error().reason, "invalid_aging_buckets");
    EXPECT_EQ(buckets.error().where, "--buckets");
  }
}

TEST(AgingBuckets, AgesByCustomerAndDrillsDown) {
  // As of 2026-05-01: due 2026-05-10 is current, 2026-04-20 is 11 days past due (1-30),
  // 2026-02-01 is 89 days (61-90).
  const std::vector<ReceivableItem> items = {
      {"C1", "One", "INV-1", date("2026-05-10"), eur("100.00")},
      {"C1", "One", "INV-2", date("2026-04-20"), eur("50.00")},
      {"C2", "Two", "INV-3", date("2026-02-01"), eur("25.00")},
      {"C2", "Two", "INV-4", date("2026-02-01"), eur("0.00")}};
  Result<BucketedAging> aging = age_in_buckets(items, date("2026-05-01"), AgingBuckets{});
  ASSERT_TRUE(aging.has_value());
  ASSERT_EQ(aging->customers.size(), 2u);
  EXPECT_EQ(format_amount(aging->customers[0].buckets[0]), "100.00");
  EXPECT_EQ(format_amount(aging->customers[0].buckets[1]), "50.00");
  EXPECT_EQ(format_amount(aging->customers[1].buckets[3]), "25.00");
  ASSERT_EQ(aging->totals.size(), 1u);
  EXPECT_EQ(format_amount(aging->totals[0].total), "175.00");
  const auto lines = aging_drill_down(items, date("2026-05-01"), AgingBuckets{}, std::nullopt,
                                      std::string("1-30"));
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].item.invoice_number, "INV-2");
  EXPECT_EQ(lines[0].days_past_due, 11);
  EXPECT_EQ(
      aging_drill_down(items, date("2026-05-01"), AgingBuckets{}, std::string("C2"), std::nullopt)
          .size(),
      1u);  // the zero item is not listed
}

// ---- dunning --------------------------------------------------------------------------------

constexpr const char* kPolicyToml = R"(
[segments.default]
minimum = "5.00"
[[segments.default.levels]]
days = 3
name = "friendly reminder"
letter = "Please pay."
[[segments.default.levels]]
days = 15
name = "second reminder"
letter = "Please pay now."
[[segments.default.levels]]
days = 30
name = "final notice"
letter = "Final notice."
fee = "10.00"
interest_bp = 800
)";

DunningPolicy policy() {
  Result<DunningPolicies> policies = parse_dunning_policies(kPolicyToml, "policy.toml");
  EXPECT_TRUE(policies.has_value());
  return policies->policies.front();
}

TEST(DunningPolicy, Parses) {
  const DunningPolicy parsed = policy();
  ASSERT_EQ(parsed.levels.size(), 3u);
  EXPECT_EQ(parsed.levels[2].number, 3);
  EXPECT_EQ(parsed.levels[2].interest.value, 800);
  EXPECT_EQ(parsed.levels[2].fee, "10.00");
}

TEST(DunningPolicy, RefusesBadFiles) {
  const auto reason_where = [](std::string_view text) {
    Result<DunningPolicies> parsed = parse_dunning_policies(text, "p.toml");
    EXPECT_FALSE(parsed.has_value()) << text;
    return parsed ? std::string() : parsed.error().reason + " at " + parsed.error().where;
  };
  EXPECT_EQ(reason_where("[segments"), "invalid_toml at p.toml line 1");
  EXPECT_EQ(reason_where("x = 1"), "invalid_dunning_policy at p.toml.x");
  EXPECT_EQ(reason_where("[segments.a]\nminimum = \"1\""),
            "invalid_dunning_policy at segments.a.levels");
  EXPECT_EQ(reason_where("[[segments.a.levels]]\ndays = 0\nname = \"n\"\nletter = \"l\""),
            "invalid_dunning_policy at segments.a.levels[1].days");
  EXPECT_EQ(reason_where("[[segments.a.levels]]\ndays = 5\nname = \"n\"\nletter = \"l\"\n"
                         "fee = \"1.00\"\n[[segments.a.levels]]\ndays = 9\nname = \"n\"\n"
                         "letter = \"l\""),
            "invalid_dunning_policy at segments.a.levels[1]");
  EXPECT_EQ(reason_where("[[segments.a.levels]]\ndays = 5\nname = \"n\"\nletter = \"l\"\n"
                         "[[segments.a.levels]]\ndays = 5\nname = \"n\"\nletter = \"l\""),
            "invalid_dunning_policy at segments.a.levels[2].days");
  EXPECT_EQ(reason_where("[[segments.a.levels]]\ndays = 5\nname = \"n\"\nletter = \"l\"\n"
                         "fee = \"-1\""),
            "invalid_dunning_policy at segments.a.levels[1].fee");
}

TEST(DunningLevel, HighestLevelDueNeverBack) {
  const DunningPolicy parsed = policy();
  const Date due = date("2026-03-01");
  EXPECT_EQ(level_due(parsed, 2), 0);
  EXPECT_EQ(level_due(parsed, 3), 1);
  EXPECT_EQ(level_due(parsed, 29), 2);
  EXPECT_EQ(level_due(parsed, 30), 3);
  // 40 days overdue with nothing sent: straight to the final level (3).
  DunningItem item{due, eur("100.00"), 0, false, false};
  EXPECT_EQ(decide_dunning(parsed, item, date("2026-04-10"))->level, 3);
  // 20 days overdue, level 2 sent already: nothing (never back to 1, 2 not again).
  item.last_level_sent = 2;
  EXPECT_EQ(decide_dunning(parsed, item, date("2026-03-21"))->skipped, DunningSkip::kAlreadySent);
  item.last_level_sent = 0;
  EXPECT_EQ(decide_dunning(parsed, item, date("2026-03-02"))->skipped, DunningSkip::kNotDueYet);
}

TEST(DunningPause, DisputeThenPromiseThenMinimum) {
  const DunningPolicy parsed = policy();
  const Date as_of = date("2026-04-10");
  EXPECT_EQ(dunning_pause(true, true), DunningSkip::kDisputed);
  EXPECT_EQ(dunning_pause(false, true), DunningSkip::kPromised);
  EXPECT_EQ(dunning_pause(false, false), std::nullopt);
  // Disputed and below the minimum: the dispute is the reason given.
  DunningItem item{date("2026-03-01"), eur("4.99"), 0, true, false};
  EXPECT_EQ(decide_dunning(parsed, item, as_of)->skipped, DunningSkip::kDisputed);
  item.open_dispute = false;
  EXPECT_EQ(decide_dunning(parsed, item, as_of)->skipped, DunningSkip::kBelowMinimum);
  item.open = eur("5.00");  // the minimum itself is dunned
  EXPECT_EQ(decide_dunning(parsed, item, as_of)->level, 3);
}

TEST(DunningCharges, InterestProRataAndFee) {
  // 1,000.00 at 8 % a year for 40 days: 100000 × 800 × 40 / (10000 × 365) = 876.71… → 876.71
  // cents rounds half-even to 877 → 8.77.
  EXPECT_EQ(format_amount(*overdue_interest(eur("1000.00"), BasisPoints{800}, 40)), "8.77");
  // 365 days at 8 %: exactly 80.00.
  EXPECT_EQ(format_amount(*overdue_interest(eur("1000.00"), BasisPoints{800}, 365)), "80.00");
  EXPECT_EQ(format_amount(*overdue_interest(eur("1000.00"), BasisPoints{800}, 0)), "0.00");
  EXPECT_EQ(format_amount(*level_fee(policy().levels[2], eur())), "10.00");
  EXPECT_EQ(format_amount(*level_fee(policy().levels[0], eur())), "0.00");
}

// ---- collectors -----------------------------------------------------------------------------

TEST(RiskWeight, ByClass) {
  EXPECT_EQ(risk_weight('A'), 100);
  EXPECT_EQ(risk_weight('E'), 300);
  EXPECT_EQ(risk_weight(std::nullopt), 150);
}

TEST(Assignment, BalancesWorkloadLargestFirst) {
  // Unscored (weight 150 %): workloads 150, 120, 90, 60. Largest first: ann 150, bob 120,
  // bob 90 (bob 120 < ann 150) → 210, ann 60 → 210. Both carry 210.
  const std::vector<CollectorSeat> seats = {{"ann", "", std::nullopt}, {"bob", "", std::nullopt}};
  const std::vector<AccountToAssign> accounts = {{"C1", "", 100, std::nullopt, std::nullopt},
                                                 {"C2", "", 80, std::nullopt, std::nullopt},
                                                 {"C3", "", 60, std::nullopt, std::nullopt},
                                                 {"C4", "", 40, std::nullopt, std::nullopt}};
  const std::vector<Assignment> result = assign_accounts(seats, accounts);
  ASSERT_EQ(result.size(), 4u);
  EXPECT_EQ(result[0].collector, "ann");
  EXPECT_EQ(result[1].collector, "bob");
  EXPECT_EQ(result[2].collector, "bob");
  EXPECT_EQ(result[3].collector, "ann");
  EXPECT_EQ(result[0].workload, 150);
}

TEST(Assignment, RegionCapacityAndKept) {
  const std::vector<CollectorSeat> seats = {{"ann", "north", 1}, {"bob", "", std::nullopt}};
  const std::vector<AccountToAssign> accounts = {{"C1", "north", 100, 'A', std::nullopt},
                                                 {"C2", "north", 500, 'A', std::nullopt},
                                                 {"C3", "south", 900, 'E', std::string("bob")}};
  const std::vector<Assignment> result = assign_accounts(seats, accounts);
  // C3 kept by bob (2700). C2 (500) → ann (0 < 2700); C1: ann is full → bob.
  EXPECT_EQ(result[0].collector, "bob");
  EXPECT_EQ(result[1].collector, "ann");
  EXPECT_EQ(result[2].collector, "bob");
  const std::vector<CollectorSeat> north_only = {{"ann", "north", std::nullopt}};
  EXPECT_EQ(assign_accounts(north_only, std::span(accounts).subspan(2, 1))[0].collector, "");
}

TEST(Worklist, RanksByAmountRiskDays) {
  // C1: 1000.00 × 100 % × 10 days = 100000 × 1 × 10 = 1,000,000
  // C2:  200.00 × 300 % × 20 days =  20000 × 3 × 20 = 1,200,000  → first
  // C3: nothing overdue → left out.
  const std::vector<WorklistAccount> accounts = {{"C1", "", eur("1000.00"), 10, 'A'},
                                                 {"C2", "", eur("200.00"), 20, 'E'},
                                                 {"C3", "", eur("0.00"), 0, 'A'}};
  const std::vector<RankedAccount> ranked = rank_worklist(accounts);
  ASSERT_EQ(ranked.size(), 2u);
  EXPECT_EQ(ranked[0].account.customer_number, "C2");
  EXPECT_EQ(static_cast<std::int64_t>(ranked[0].score), 1'200'000);
  EXPECT_EQ(static_cast<std::int64_t>(ranked[1].score), 1'000'000);
}

// ---- KPIs -----------------------------------------------------------------------------------

TEST(Kpis, CountBackDsoTextbook) {
  // Receivables 1,000,000 at 31 December; sales December 500,000 (31 days), November
  // 400,000 (30), October 300,000 (31).
  // 1,000,000 − 500,000 = 500,000 → 31 days; 500,000 − 400,000 = 100,000 → 30 days;
  // 100,000 / 300,000 × 31 = 10.333 days → DSO = 31 + 30 + 10.33 = 71.33 days.
  const std::vector<SalesPeriod> periods = {{31, 500'000}, {30, 400'000}, {31, 300'000}};
  EXPECT_EQ(format_centidays(count_back_dso(1'000'000, periods)), "71.33");
  // Receivables within the last month: 250,000 / 500,000 × 31 = 15.50.
  EXPECT_EQ(format_centidays(count_back_dso(250'000, periods)), "15.50");
  EXPECT_EQ(format_centidays(count_back_dso(0, periods)), "0.00");
}

TEST(Kpis, BestPossibleDsoCeiAndShares) {
  // Current receivables 300,000, sales 1,200,000 over 90 days: 300 / 1200 × 90 = 22.50 days.
  EXPECT_EQ(format_centidays(best_possible_dso(300'000, 1'200'000, 90)), "22.50");
  // CEI: begin 500,000, sales 1,200,000, end total 600,000, end current 300,000:
  // (500 + 1200 − 600) / (500 + 1200 − 300) = 1100 / 1400 = 78.57 %.
  EXPECT_EQ(collection_effectiveness(500'000, 1'200'000, 600'000, 300'000)->value, 7857);
  EXPECT_EQ(collection_effectiveness(0, 0, 0, 0), std::nullopt);
  // % current 300,000 of 600,000 = 50 %.
  EXPECT_EQ(share_of(300'000, 600'000)->value, 5000);
  EXPECT_EQ(share_of(1, 0), std::nullopt);
}

}  // namespace
}  // namespace o2c
