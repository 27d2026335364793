// The internal credit score (credit.h): five factors of the payment history, each scored
// 0..100 and weighted; the weighted sum is the score, and thresholds give the risk class.
#include <algorithm>
#include <cstdio>

#include "credit/credit.h"

namespace o2c {
namespace {

constexpr int kDaysPerYear = 365;
constexpr int kSubscoreUnknown = 50;  // no payment history: neither good nor bad

std::int64_t rounded(Int128 numerator, Int128 denominator) {
  O2C_ASSERT(denominator != 0);
  Result<std::int64_t> quotient = divide_rounded(numerator, denominator, Rounding::kHalfEven);
  O2C_ASSERT(quotient.has_value());
  return *quotient;
}

int clamp_subscore(std::int64_t value) {
  return static_cast<int>(std::clamp<std::int64_t>(value, 0, 100));
}

std::string tenths_text(std::int64_t tenths, bool signed_text = false) {
  const bool negative = tenths < 0;
  const std::int64_t magnitude = negative ? -tenths : tenths;
  std::string text = std::to_string(magnitude / 10) + "." + std::to_string(magnitude % 10);
  if (negative) return "-" + text;
  return signed_text ? "+" + text : text;
}

// Days late weighted by amount, in tenths of a day; none without anything counted.
std::optional<std::int64_t> weighted_days_late_tenths(std::span<const SettledAmount> items) {
  Int128 weighted = 0;
  Int128 weights = 0;
  for (const SettledAmount& item : items) {
    const std::int64_t late = std::max<std::int64_t>(0, days_between(item.due, item.settled));
    if (item.open && late == 0) continue;  // an open item not yet due says nothing
    O2C_ASSERT(item.amount.minor > 0);
    weighted += Int128{late} * item.amount.minor * 10;
    weights += item.amount.minor;
  }
  if (weights == 0) return std::nullopt;
  return rounded(weighted, weights);
}

FactorScore days_beyond_terms(const PaymentHistory& history, const CreditScoringPolicy& policy) {
  FactorScore factor{ScoreFactor::kDaysBeyondTerms, "no history", kSubscoreUnknown, 0};
  const std::optional<std::int64_t> tenths = weighted_days_late_tenths(history.settlements);
  if (!tenths) return factor;
  factor.value = tenths_text(*tenths) + " days";
  factor.subscore = clamp_subscore(
      100 - rounded(Int128{*tenths} * 100, Int128{policy.days_beyond_terms_zero} * 10));
  return factor;
}

FactorScore trend(const PaymentHistory& history, const CreditScoringPolicy& policy) {
  const Date since = add_days(history.as_of, -policy.trend_window_days);
  std::vector<SettledAmount> recent, earlier;
  for (const SettledAmount& item : history.settlements)
    (item.settled > since ? recent : earlier).push_back(item);
  const std::optional<std::int64_t> now = weighted_days_late_tenths(recent);
  const std::optional<std::int64_t> before = weighted_days_late_tenths(earlier);
  FactorScore factor{ScoreFactor::kTrend, "n/a", 100, 0};
  if (!now || !before) return factor;
  const std::int64_t worsening = *now - *before;
  factor.value = tenths_text(worsening, true) + " days";
  factor.subscore = clamp_subscore(100 - rounded(Int128{std::max<std::int64_t>(0, worsening)} * 100,
                                                 Int128{policy.trend_days_zero} * 10));
  return factor;
}

FactorScore utilisation_factor(const PaymentHistory& history) {
  FactorScore factor{ScoreFactor::kUtilisation, "", 100, 0};
  const std::optional<BasisPoints> used = utilisation(history.exposure, history.credit_limit);
  if (!used) {
    factor.value = "no limit";
    factor.subscore = history.exposure.minor > 0 ? 0 : 100;
    return factor;
  }
  factor.value = format_percent(*used) + " %";
  factor.subscore = clamp_subscore(100 - rounded(used->value, 100));
  return factor;
}

FactorScore disputes(const PaymentHistory& history, const CreditScoringPolicy& policy) {
  const Date year_ago = add_days(history.as_of, -kDaysPerYear);
  std::int64_t open = 0, recent = 0;
  for (const DisputeRecord& dispute : history.disputes) {
    if (dispute.opened > history.as_of) continue;  // not yet opened on the scoring date
    if (dispute.open) ++open;
    if (dispute.opened > year_ago) ++recent;
  }
  FactorScore factor{ScoreFactor::kDisputes, "", 100, 0};
  factor.value = std::to_string(open) + " open, " + std::to_string(recent) + " in 12 months";
  factor.subscore = clamp_subscore(100 - open * policy.open_dispute_points -
                                   recent * policy.recent_dispute_points);
  return factor;
}

FactorScore relationship_age(const PaymentHistory& history, const CreditScoringPolicy& policy) {
  FactorScore factor{ScoreFactor::kRelationshipAge, "none", 0, 0};
  if (!history.trading_since || *history.trading_since > history.as_of) return factor;
  const std::int64_t days = days_between(*history.trading_since, history.as_of);
  factor.value = std::to_string(days * 12 / kDaysPerYear) + " months";
  factor.subscore = clamp_subscore(
      rounded(Int128{days} * 100 * 12, Int128{policy.relationship_months_full} * kDaysPerYear));
  return factor;
}

}  // namespace

std::string_view wire_name(ScoreFactor factor) {
  static constexpr std::string_view kNames[] = {"days_beyond_terms", "trend", "utilisation",
                                                "disputes", "relationship_age"};
  const auto index = static_cast<std::size_t>(factor) - 1;
  O2C_ASSERT(index < std::size(kNames));
  return kNames[index];
}

RiskClass risk_class_of(int score, const CreditScoringPolicy& policy) {
  O2C_ASSERT(score >= 0 && score <= 100);
  for (std::size_t i = 0; i < policy.class_minimum.size(); ++i) {
    if (score >= policy.class_minimum[i]) return static_cast<RiskClass>(i + 1);
  }
  return RiskClass::kE;
}

CreditScore score_credit(const PaymentHistory& history, const CreditScoringPolicy& policy) {
  CreditScore result;
  result.factors = {days_beyond_terms(history, policy), trend(history, policy),
                    utilisation_factor(history), disputes(history, policy),
                    relationship_age(history, policy)};
  std::int64_t total_tenths = 0;
  int most_lost = -1;
  for (std::size_t i = 0; i < kScoreFactorCount; ++i) {
    FactorScore& factor = result.factors[i];
    O2C_ASSERT(factor.subscore >= 0 && factor.subscore <= 100);
    const int weight = policy.weights[i];
    factor.points_tenths = static_cast<int>(rounded(Int128{weight} * factor.subscore, 10));
    total_tenths += factor.points_tenths;
    const int lost = weight * (100 - factor.subscore);
    if (lost > most_lost) {
      most_lost = lost;
      result.weakest = factor.factor;
    }
  }
  result.score = static_cast<int>(std::clamp<std::int64_t>(rounded(total_tenths, 10), 0, 100));
  result.risk_class = risk_class_of(result.score, policy);
  return result;
}

}  // namespace o2c
