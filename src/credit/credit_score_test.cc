#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "credit/credit.h"

namespace o2c {
namespace {

Currency eur_currency() { return currency_from_code("EUR").value(); }
Money eur(std::string_view text) { return parse_money(text, eur_currency()).value(); }
Date day(std::string_view text) { return parse_date(text).value(); }

PaymentHistory empty_history() {
  PaymentHistory history;
  history.as_of = day("2026-03-01");
  history.exposure = eur("0");
  history.credit_limit = eur("1000.00");
  return history;
}

const FactorScore& factor(const CreditScore& score, ScoreFactor which) {
  return score.factors[static_cast<std::size_t>(which) - 1];
}

// "<value> / <subscore> / <points>" of one factor.
std::string describe(const PaymentHistory& history, ScoreFactor which,
                     const CreditScoringPolicy& policy = {}) {
  const CreditScore score = score_credit(history, policy);
  const FactorScore& scored = factor(score, which);
  EXPECT_EQ(scored.factor, which);
  return scored.value + " / " + std::to_string(scored.subscore) + " / " +
         std::to_string(scored.points_tenths);
}

TEST(CreditScore, NoHistoryIsClassB) {
  const CreditScore score = score_credit(empty_history(), {});
  EXPECT_EQ(factor(score, ScoreFactor::kDaysBeyondTerms).value, "no history");
  EXPECT_EQ(factor(score, ScoreFactor::kDaysBeyondTerms).subscore, 50);
  EXPECT_EQ(factor(score, ScoreFactor::kTrend).subscore, 100);
  EXPECT_EQ(factor(score, ScoreFactor::kRelationshipAge).value, "none");
  // 17.5 + 15 + 20 + 15 + 0 = 67.5, half-even to 68.
  EXPECT_EQ(score.score, 68);
  EXPECT_EQ(score.risk_class, RiskClass::kB);
  EXPECT_EQ(score.weakest, ScoreFactor::kDaysBeyondTerms);
}

TEST(CreditScore, DaysBeyondTermsAreWeightedByAmount) {
  PaymentHistory history = empty_history();
  history.settlements = {{day("2026-01-01"), day("2026-01-31"), eur("100.00")},
                         {day("2026-01-01"), day("2025-12-20"), eur("300.00")}};
  // (30 × 100 + 0 × 300) / 400 = 7.5 days; 100 − 7.5 × 100 / 60 = 87.5 → 88; 35 × 88 / 10.
  EXPECT_EQ(describe(history, ScoreFactor::kDaysBeyondTerms), "7.5 days / 88 / 308");
}

TEST(CreditScore, OpenItemsCountOnlyWhenPastDue) {
  PaymentHistory history = empty_history();
  history.settlements = {{day("2026-04-01"), day("2026-03-01"), eur("500.00"), true}};
  EXPECT_EQ(describe(history, ScoreFactor::kDaysBeyondTerms), "no history / 50 / 175");
  history.settlements.push_back({day("2026-01-30"), day("2026-03-01"), eur("100.00"), true});
  EXPECT_EQ(describe(history, ScoreFactor::kDaysBeyondTerms), "30.0 days / 50 / 175");
  history.settlements.back().due = day("2025-12-01");
  EXPECT_EQ(describe(history, ScoreFactor::kDaysBeyondTerms), "90.0 days / 0 / 0");
}

TEST(CreditScore, TrendComparesTheLast90DaysWithBefore) {
  PaymentHistory history = empty_history();
  history.settlements = {{day("2025-06-01"), day("2025-06-01"), eur("100.00")},
                         {day("2026-01-01"), day("2026-01-16"), eur("100.00")}};
  // Recent 15.0 days late, before 0: worsening +15 of 30 → 50.
  EXPECT_EQ(describe(history, ScoreFactor::kTrend), "+15.0 days / 50 / 75");
  // Improving never costs points.
  history.settlements = {{day("2025-06-01"), day("2025-07-01"), eur("100.00")},
                         {day("2026-01-01"), day("2026-01-01"), eur("100.00")}};
  EXPECT_EQ(describe(history, ScoreFactor::kTrend), "-30.0 days / 100 / 150");
  // With only one period there is nothing to compare.
  history.settlements.pop_back();
  EXPECT_EQ(describe(history, ScoreFactor::kTrend), "n/a / 100 / 150");
}

TEST(CreditScore, Utilisation) {
  PaymentHistory history = empty_history();
  history.exposure = eur("420.00");
  EXPECT_EQ(describe(history, ScoreFactor::kUtilisation), "42 % / 58 / 116");
  history.exposure = eur("1500.00");
  EXPECT_EQ(describe(history, ScoreFactor::kUtilisation), "150 % / 0 / 0");
  history.credit_limit = eur("0");
  EXPECT_EQ(describe(history, ScoreFactor::kUtilisation), "no limit / 0 / 0");
  history.exposure = eur("0");
  EXPECT_EQ(describe(history, ScoreFactor::kUtilisation), "no limit / 100 / 200");
}

TEST(CreditScore, DisputesOpenAndInTheLast12Months) {
  PaymentHistory history = empty_history();
  history.disputes = {{day("2024-01-01"), false},
                      {day("2025-12-01"), false},
                      {day("2026-02-01"), true},
                      {day("2026-05-01"), true}};
  // The one opened after the scoring date does not count yet.
  EXPECT_EQ(describe(history, ScoreFactor::kDisputes), "1 open, 2 in 12 months / 55 / 82");
}

TEST(CreditScore, AgeOfTheRelationship) {
  PaymentHistory history = empty_history();
  history.trading_since = day("2025-03-01");
  EXPECT_EQ(describe(history, ScoreFactor::kRelationshipAge), "12 months / 50 / 75");
  history.trading_since = day("2020-01-01");
  EXPECT_EQ(describe(history, ScoreFactor::kRelationshipAge), "74 months / 100 / 150");
}

TEST(CreditScore, WeightsDecideWhatCounts) {
  PaymentHistory history = empty_history();
  history.exposure = eur("420.00");
  CreditScoringPolicy only_utilisation;
  only_utilisation.weights = {0, 0, 100, 0, 0};
  const CreditScore score = score_credit(history, only_utilisation);
  EXPECT_EQ(score.score, 58);
  EXPECT_EQ(score.risk_class, RiskClass::kC);
  EXPECT_EQ(score.weakest, ScoreFactor::kUtilisation);
}

TEST(CreditScore, AWorstCaseCustomerIsClassE) {
  PaymentHistory history = empty_history();
  history.settlements = {{day("2025-10-01"), day("2026-03-01"), eur("900.00"), true}};
  history.exposure = eur("1200.00");
  history.disputes = {{day("2026-01-10"), true}, {day("2026-02-10"), true}};
  history.trading_since = day("2025-09-01");
  const CreditScore score = score_credit(history, {});
  EXPECT_EQ(score.risk_class, RiskClass::kE) << score.score;
}

TEST(RiskClassOf, ThresholdsAreInclusive) {
  const CreditScoringPolicy policy;
  EXPECT_EQ(risk_class_of(100, policy), RiskClass::kA);
  EXPECT_EQ(risk_class_of(80, policy), RiskClass::kA);
  EXPECT_EQ(risk_class_of(79, policy), RiskClass::kB);
  EXPECT_EQ(risk_class_of(65, policy), RiskClass::kB);
  EXPECT_EQ(risk_class_of(50, policy), RiskClass::kC);
  EXPECT_EQ(risk_class_of(35, policy), RiskClass::kD);
  EXPECT_EQ(risk_class_of(34, policy), RiskClass::kE);
  EXPECT_EQ(risk_class_of(0, policy), RiskClass::kE);
  CreditScoringPolicy strict;
  strict.class_minimum = {95, 90, 85, 80};
  EXPECT_EQ(risk_class_of(82, strict), RiskClass::kD);
  EXPECT_EQ(risk_class_of(79, strict), RiskClass::kE);
}

// ---- the policy's TOML ------------------------------------------------------------------------

TEST(ParseCreditScoring, EmptyTextGivesTheDefaults) {
  const Result<CreditScoringPolicy> policy = parse_credit_scoring("", "credit.toml");
  ASSERT_TRUE(policy.has_value());
  EXPECT_EQ(policy->weights[0], 35);
  EXPECT_EQ(policy->holds.overdue_days_max, 30);
}

TEST(ParseCreditScoring, ReadsEverySection) {
  const Result<CreditScoringPolicy> policy = parse_credit_scoring(
      "[weights]\ndays_beyond_terms = 40\ntrend = 10\nutilisation = 20\ndisputes = 20\n"
      "relationship_age = 10\n[scale]\ndays_beyond_terms_zero = 45\n[classes]\nA = 90\nB = 70\n"
      "C = 50\nD = 30\n[holds]\noverdue_days_max = 14\n",
      "credit.toml");
  ASSERT_TRUE(policy.has_value()) << policy.error().message;
  EXPECT_EQ(policy->weights[0], 40);
  EXPECT_EQ(policy->days_beyond_terms_zero, 45);
  EXPECT_EQ(policy->class_minimum[0], 90);
  EXPECT_EQ(policy->holds.overdue_days_max, 14);
}

std::string refusal(std::string_view text) {
  const Result<CreditScoringPolicy> policy = parse_credit_scoring(text, "credit.toml");
  if (policy.has_value()) return "accepted";
  return policy.error().reason + " at " + policy.error().where;
}

TEST(ParseCreditScoring, RefusesBadInput) {
  EXPECT_EQ(refusal("[weights]\ntrend = 20\n"), "invalid_credit_scoring at weights");
  EXPECT_EQ(refusal("[weights]\ntrend = -1\n"), "invalid_credit_scoring at weights.trend");
  EXPECT_EQ(refusal("[weights]\nluck = 5\n"), "invalid_credit_scoring at weights.luck");
  EXPECT_EQ(refusal("[bonus]\n"), "invalid_credit_scoring at bonus");
  EXPECT_EQ(refusal("[classes]\nB = 85\n"), "invalid_credit_scoring at classes.B");
  EXPECT_EQ(refusal("[holds]\noverdue_days_max = \"thirty\"\n"),
            "invalid_credit_scoring at holds.overdue_days_max");
  EXPECT_EQ(refusal("[scale]\ntrend_days_zero = 0\n"),
            "invalid_credit_scoring at scale.trend_days_zero");
  EXPECT_TRUE(refusal("weights = [\n").starts_with("invalid_toml at credit.toml line "));
}

}  // namespace
}  // namespace o2c
