#include "cashapp/statement_generator.h"

#include <algorithm>
#include <map>
#include <vector>

#include <gtest/gtest.h>

namespace o2c {
namespace {

StatementWorkloadOptions small(std::uint64_t seed = 1) {
  StatementWorkloadOptions options;
  options.lines = 2'000;
  options.open_items = 20'000;
  options.seed = seed;
  return options;
}

TEST(StatementGenerator, IsDeterministicForASeed) {
  const StatementWorkload first = generate_statement_workload(small(7));
  const StatementWorkload again = generate_statement_workload(small(7));
  const StatementWorkload other = generate_statement_workload(small(8));
  ASSERT_EQ(first.payments.size(), again.payments.size());
  for (std::size_t i = 0; i < first.payments.size(); ++i) {
    EXPECT_EQ(first.payments[i].remittance, again.payments[i].remittance);
    EXPECT_EQ(first.payments[i].amount, again.payments[i].amount);
  }
  EXPECT_NE(first.payments[0].remittance + first.payments[1].remittance,
            other.payments[0].remittance + other.payments[1].remittance);
}

TEST(StatementGenerator, TruthNamesOpenItemsOfThePayerWithinTheirOpenAmount) {
  const StatementWorkload workload = generate_statement_workload(small());
  EXPECT_EQ(workload.items.size(), 20'000U);
  EXPECT_EQ(workload.payments.size(), 2'000U);
  ASSERT_EQ(workload.truth.size(), workload.payments.size());
  std::map<std::int64_t, const OpenItem*> by_id;
  for (const OpenItem& item : workload.items) by_id[item.invoice.value] = &item;
  std::vector<std::size_t> kinds(kNoiseKinds);
  for (std::size_t i = 0; i < workload.truth.size(); ++i) {
    const PaymentTruth& truth = workload.truth[i];
    ++kinds[static_cast<std::size_t>(truth.kind)];
    Money applied = zero(workload.payments[i].amount.currency);
    for (const ExpectedApplication& application : truth.applications) {
      ASSERT_TRUE(by_id.count(application.invoice.value));
      const OpenItem& item = *by_id[application.invoice.value];
      EXPECT_EQ(item.customer, truth.customer);
      EXPECT_LE(application.amount.minor + application.discount.minor, item.open.minor);
      applied = add(applied, application.amount).value();
    }
    if (truth.kind == NoiseKind::kUnknownPayer)
      EXPECT_TRUE(truth.applications.empty());
    else
      EXPECT_EQ(applied, workload.payments[i].amount);
  }
  // Every kind of noise is there, exact references the most.
  for (std::size_t k = 0; k < kNoiseKinds; ++k) EXPECT_GT(kinds[k], 0U) << k;
  EXPECT_GT(kinds[0], 900U);
}

// A quality test, not a timing test: on the default noise at least 95 % of the lines are
// applied unseen, and at most 0.1 % of those wrongly.
TEST(StatementGenerator, DefaultNoiseIsMostlyMatchedAndAlmostNeverWrongly) {
  for (std::uint64_t seed : {1, 2, 3}) {
    SCOPED_TRACE(seed);
    const StatementWorkload workload = generate_statement_workload(small(seed));
    const MatchIndex index(workload.items, workload.payers);
    const std::vector<MatchResult> results = match_payments(index, workload.payments, {});
    const MatchScore score = score_matches(workload.truth, results);
    const MatchTally& total = score.total;
    EXPECT_EQ(total.lines, 2'000U);
    EXPECT_GE(total.auto_applied * 100, total.lines * 95) << total.auto_applied;
    EXPECT_LE(total.wrong * 1000, total.auto_applied) << total.wrong;
    EXPECT_EQ(score.by_kind[static_cast<std::size_t>(NoiseKind::kUnknownPayer)].auto_applied, 0U);
  }
}

TEST(StatementGenerator, ScoringCountsWrongApplications) {
  const Currency eur = currency_from_code("EUR").value();
  std::vector<PaymentTruth> truth(3);
  truth[0].applications = {{InvoiceId{1}, Money{100, eur}, zero(eur)}};
  truth[1].applications = {{InvoiceId{1}, Money{100, eur}, zero(eur)}};
  truth[2].kind = NoiseKind::kUnknownPayer;
  std::vector<MatchResult> results(3);
  MatchCandidate right;
  right.applications = {{InvoiceId{1}, "INV-2026-000001", Money{100, eur}, zero(eur)}};
  MatchCandidate wrong_amount = right;
  wrong_amount.applications[0].amount.minor = 99;
  results[0] = {1, true, {right}};
  results[1] = {2, true, {wrong_amount}};
  results[2] = {3, false, {right}};
  const MatchScore score = score_matches(truth, results);
  EXPECT_EQ(score.total.auto_applied, 2U);
  EXPECT_EQ(score.total.wrong, 1U);
  EXPECT_EQ(score.total.review, 1U);
  EXPECT_EQ(score.by_kind[static_cast<std::size_t>(NoiseKind::kUnknownPayer)].review, 1U);
  EXPECT_EQ(wire_name(NoiseKind::kBundleWithoutNumbers), "bundle_without_numbers");
}

}  // namespace
}  // namespace o2c
