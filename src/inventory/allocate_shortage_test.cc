#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "core/date.h"
#include "core/money.h"
#include "inventory/inventory.h"

namespace o2c {
namespace {

Quantity qty(std::string_view text) { return parse_quantity(text).value(); }
Date day(std::string_view text) { return parse_date(text).value(); }

AllocationDemand demand(std::string order, std::string_view wanted, std::string_view reserved,
                        int priority = 1, std::string_view requested = "2026-03-10",
                        std::string_view ordered = "2026-03-01", int line_no = 1) {
  return AllocationDemand{std::move(order), line_no,     priority,     day(requested),
                          day(ordered),     qty(wanted), qty(reserved)};
}

std::string plan(std::string_view supply, const std::vector<AllocationDemand>& demands,
                 AllocationPolicy policy) {
  auto result = plan_allocation(qty(supply), demands, policy);
  if (!result.has_value()) return "error " + result.error().reason;
  EXPECT_EQ(result->allocated, std::min(qty(supply), result->demand));
  return describe(*result);
}

// ---- policy names ---------------------------------------------------------------------------

TEST(AllocationPolicyNames, RoundTrip) {
  for (auto policy : {AllocationPolicy::kPriority, AllocationPolicy::kFairShare}) {
    EXPECT_EQ(*allocation_policy_from_wire(wire_name(policy)), policy);
  }
  EXPECT_EQ(wire_name(AllocationPolicy::kFairShare), "fair_share");
  EXPECT_EQ(*allocation_policy_from_wire("fair-share"), AllocationPolicy::kFairShare);
  EXPECT_FALSE(allocation_policy_from_wire("Priority").has_value());
  auto error = allocation_policy_from_wire("random").error();
  EXPECT_EQ(error.reason, "unknown_allocation_policy");
  EXPECT_EQ(error.where, "policy");
}

// ---- priority ---------------------------------------------------------------------------

TEST(AllocatePriority, TierThenRequestedDateThenOrderDateThenNumber) {
  const std::vector<AllocationDemand> demands = {
      demand("SO-5", "2", "0", 2, "2026-03-01"),
      demand("SO-4", "2", "0", 1, "2026-03-12"),
      demand("SO-3", "2", "2", 1, "2026-03-10", "2026-03-02"),
      demand("SO-2", "2", "0", 1, "2026-03-10", "2026-03-01"),
      demand("SO-1", "2", "0", 1, "2026-03-10", "2026-03-01", 2),
      demand("SO-1", "2", "0", 1, "2026-03-10", "2026-03-01", 1)};
  EXPECT_EQ(plan("7", demands, AllocationPolicy::kPriority),
            "SO-1/1 wanted 2 reserved 0 -> 2 (+2)\n"
            "SO-1/2 wanted 2 reserved 0 -> 2 (+2)\n"
            "SO-2/1 wanted 2 reserved 0 -> 2 (+2)\n"
            "SO-3/1 wanted 2 reserved 2 -> 1 (-1)\n"
            "SO-4/1 wanted 2 reserved 0 -> 0 (0)\n"
            "SO-5/1 wanted 2 reserved 0 -> 0 (0)\n");
}

TEST(AllocatePriority, FractionalQuantitiesAreExact) {
  const std::vector<AllocationDemand> demands = {demand("SO-1", "1.25", "0", 1),
                                                 demand("SO-2", "3.5", "0.5", 2)};
  EXPECT_EQ(plan("2.125", demands, AllocationPolicy::kPriority),
            "SO-1/1 wanted 1.25 reserved 0 -> 1.25 (+1.25)\n"
            "SO-2/1 wanted 3.5 reserved 0.5 -> 0.875 (+0.375)\n");
}

// ---- fair share -----------------------------------------------------------------------------

TEST(AllocateFairShare, SevenUnitsOverFiveThreeTwo) {
  // Exact shares 3.5, 2.1, 1.4: floors 3, 2, 1 and the spare unit to the largest remainder.
  const std::vector<AllocationDemand> demands = {demand("SO-3", "2", "2"), demand("SO-1", "5", "0"),
                                                 demand("SO-2", "3", "3")};
  EXPECT_EQ(plan("7", demands, AllocationPolicy::kFairShare),
            "SO-1/1 wanted 5 reserved 0 -> 4 (+4)\n"
            "SO-2/1 wanted 3 reserved 3 -> 2 (-1)\n"
            "SO-3/1 wanted 2 reserved 2 -> 1 (-1)\n");
}

TEST(AllocateFairShare, EqualRemaindersGoInPriorityOrder) {
  // 2 units over three equal lines: shares 0.67 each, the two spare units by priority.
  const std::vector<AllocationDemand> demands = {
      demand("SO-1", "1", "0", 3), demand("SO-2", "1", "0", 1), demand("SO-3", "1", "0", 2)};
  EXPECT_EQ(plan("2", demands, AllocationPolicy::kFairShare),
            "SO-2/1 wanted 1 reserved 0 -> 1 (+1)\n"
            "SO-3/1 wanted 1 reserved 0 -> 1 (+1)\n"
            "SO-1/1 wanted 1 reserved 0 -> 0 (0)\n");
}

TEST(AllocateFairShare, IsDeterministicWhateverTheInputOrder) {
  std::vector<AllocationDemand> demands = {demand("SO-1", "4", "0"), demand("SO-2", "4", "0"),
                                           demand("SO-3", "4", "0")};
  const std::string first = plan("5", demands, AllocationPolicy::kFairShare);
  std::reverse(demands.begin(), demands.end());
  EXPECT_EQ(plan("5", demands, AllocationPolicy::kFairShare), first);
  EXPECT_EQ(first,
            "SO-1/1 wanted 4 reserved 0 -> 2 (+2)\n"
            "SO-2/1 wanted 4 reserved 0 -> 2 (+2)\n"
            "SO-3/1 wanted 4 reserved 0 -> 1 (+1)\n");
}

TEST(AllocateFairShare, SupplyCoveringDemandGivesEveryoneEverything) {
  const std::vector<AllocationDemand> demands = {demand("SO-1", "5", "1"),
                                                 demand("SO-2", "2.5", "0")};
  const std::string expected =
      "SO-1/1 wanted 5 reserved 1 -> 5 (+4)\n"
      "SO-2/1 wanted 2.5 reserved 0 -> 2.5 (+2.5)\n";
  EXPECT_EQ(plan("7.5", demands, AllocationPolicy::kFairShare), expected);
  EXPECT_EQ(plan("100", demands, AllocationPolicy::kFairShare), expected);
  EXPECT_EQ(plan("100", demands, AllocationPolicy::kPriority), expected);
}

TEST(AllocateFairShare, ZeroSupplyTakesEverythingBack) {
  const std::vector<AllocationDemand> demands = {demand("SO-1", "5", "1"),
                                                 demand("SO-2", "2", "2")};
  for (auto policy : {AllocationPolicy::kPriority, AllocationPolicy::kFairShare}) {
    EXPECT_EQ(plan("0", demands, policy),
              "SO-1/1 wanted 5 reserved 1 -> 0 (-1)\n"
              "SO-2/1 wanted 2 reserved 2 -> 0 (-2)\n");
  }
}

TEST(AllocateFairShare, NoDemandIsAnEmptyPlan) {
  EXPECT_EQ(plan("5", {}, AllocationPolicy::kFairShare), "");
}

TEST(AllocateFairShare, FractionalSupplyRemainderGoesInPriorityOrder) {
  // 3.6 units: 3 whole units pro rata (1, 1, 1), then 0.6 to the first line that wants more.
  const std::vector<AllocationDemand> demands = {demand("SO-1", "2", "0"), demand("SO-2", "2", "0"),
                                                 demand("SO-3", "2", "0")};
  EXPECT_EQ(plan("3.6", demands, AllocationPolicy::kFairShare),
            "SO-1/1 wanted 2 reserved 0 -> 1.6 (+1.6)\n"
            "SO-2/1 wanted 2 reserved 0 -> 1 (+1)\n"
            "SO-3/1 wanted 2 reserved 0 -> 1 (+1)\n");
}

TEST(AllocateFairShare, FractionalLinesGetWholeUnitsThenTheRest) {
  // Demand 1.8; supply 1.5: one whole unit, shares 0.33 each: no line can take a whole unit
  // (each wants 0.6), so all 1.5 go in priority order without losing any.
  const std::vector<AllocationDemand> demands = {
      demand("SO-1", "0.6", "0"), demand("SO-2", "0.6", "0"), demand("SO-3", "0.6", "0")};
  EXPECT_EQ(plan("1.5", demands, AllocationPolicy::kFairShare),
            "SO-1/1 wanted 0.6 reserved 0 -> 0.6 (+0.6)\n"
            "SO-2/1 wanted 0.6 reserved 0 -> 0.6 (+0.6)\n"
            "SO-3/1 wanted 0.6 reserved 0 -> 0.3 (+0.3)\n");
  // Demand 7.5 (5 + 2.5), supply 6: shares 4, 2 exactly.
  const std::vector<AllocationDemand> mixed = {demand("SO-1", "5", "0"),
                                               demand("SO-2", "2.5", "0")};
  EXPECT_EQ(plan("6", mixed, AllocationPolicy::kFairShare),
            "SO-1/1 wanted 5 reserved 0 -> 4 (+4)\n"
            "SO-2/1 wanted 2.5 reserved 0 -> 2 (+2)\n");
}

TEST(AllocateFairShare, LargeQuantitiesDoNotOverflow) {
  const std::vector<AllocationDemand> demands = {demand("SO-1", "3000000000000", "0"),
                                                 demand("SO-2", "1000000000000", "0")};
  EXPECT_EQ(plan("2000000000001", demands, AllocationPolicy::kFairShare),
            "SO-1/1 wanted 3000000000000 reserved 0 -> 1500000000001 (+1500000000001)\n"
            "SO-2/1 wanted 1000000000000 reserved 0 -> 500000000000 (+500000000000)\n");
}

// ---- errors ---------------------------------------------------------------------------------

TEST(AllocateShortage, RejectsBadInput) {
  const std::vector<AllocationDemand> good = {demand("SO-1", "1", "0")};
  auto error = plan_allocation(qty("-1"), good, AllocationPolicy::kPriority).error();
  EXPECT_EQ(error.kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(error.reason, "negative_supply");
  EXPECT_EQ(error.where, "supply");

  const std::vector<AllocationDemand> negative = {demand("SO-1", "1", "0"),
                                                  demand("SO-2", "-1", "0")};
  error = plan_allocation(qty("1"), negative, AllocationPolicy::kFairShare).error();
  EXPECT_EQ(error.reason, "quantity_must_not_be_negative");
  EXPECT_EQ(error.where, "demands[1].wanted");

  const std::vector<AllocationDemand> over = {demand("SO-1", "1", "2")};
  error = plan_allocation(qty("1"), over, AllocationPolicy::kFairShare).error();
  EXPECT_EQ(error.reason, "reserved_exceeds_wanted");
  EXPECT_EQ(error.where, "demands[0].reserved");

  const std::vector<AllocationDemand> twice = {demand("SO-1", "1", "0"), demand("SO-1", "2", "0")};
  error = plan_allocation(qty("1"), twice, AllocationPolicy::kFairShare).error();
  EXPECT_EQ(error.reason, "duplicate_order_line");
  EXPECT_EQ(error.where, "demands[1]");
}

}  // namespace
}  // namespace o2c
