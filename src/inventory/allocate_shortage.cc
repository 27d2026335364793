#include <algorithm>
#include <array>
#include <numeric>
#include <set>
#include <tuple>
#include <utility>

#include "core/wire_names.h"
#include "inventory/inventory.h"

namespace o2c {
namespace {

constexpr std::int64_t kUnit = 1000;  // milli-units in one whole unit

// Index = enumerator value; 0 is unused.
constexpr std::string_view kPolicyNames[] = {"", "priority", "fair_share"};

Status check_demands(Quantity supply, std::span<const AllocationDemand> demands) {
  if (supply.milli < 0)
    return invalid_argument("negative_supply", "the supply to allocate cannot be negative",
                            "supply");
  std::set<std::pair<std::string, int>> seen;
  for (std::size_t i = 0; i < demands.size(); ++i) {
    const AllocationDemand& demand = demands[i];
    const std::string where = "demands[" + std::to_string(i) + "]";
    if (demand.wanted.milli < 0 || demand.reserved.milli < 0)
      return invalid_argument("quantity_must_not_be_negative",
                              "wanted and reserved quantities cannot be negative",
                              where + (demand.wanted.milli < 0 ? ".wanted" : ".reserved"));
    if (demand.reserved > demand.wanted)
      return invalid_argument("reserved_exceeds_wanted",
                              demand.order_number + " line " + std::to_string(demand.line_no) +
                                  " holds " + format_quantity(demand.reserved) +
                                  " but wants only " + format_quantity(demand.wanted),
                              where + ".reserved");
    if (!seen.emplace(demand.order_number, demand.line_no).second)
      return invalid_argument(
          "duplicate_order_line",
          demand.order_number + " line " + std::to_string(demand.line_no) + " appears twice",
          where);
  }
  return {};
}

// Fills lines in `order` up to what each still wants, from `left` milli-units.
void fill_in_order(std::span<const AllocationDemand> sorted, std::vector<std::int64_t>& after,
                   std::int64_t left) {
  for (std::size_t i = 0; i < sorted.size() && left > 0; ++i) {
    const std::int64_t take = std::min(left, sorted[i].wanted.milli - after[i]);
    after[i] += take;
    left -= take;
  }
}

// Whole units pro rata to wanted, largest remainder, then the rest in priority order.
void share_fairly(std::span<const AllocationDemand> sorted, std::int64_t demand,
                  std::int64_t supply, std::vector<std::int64_t>& after) {
  const std::int64_t units = supply / kUnit;
  std::vector<Int128> remainders(sorted.size());
  std::int64_t given = 0;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const Int128 share = static_cast<Int128>(units) * sorted[i].wanted.milli;
    after[i] = static_cast<std::int64_t>(share / demand) * kUnit;
    remainders[i] = share % demand;
    given += after[i] / kUnit;
  }
  // Lines by remainder, largest first; stable keeps priority order among equal remainders.
  std::vector<std::size_t> by_remainder(sorted.size());
  std::iota(by_remainder.begin(), by_remainder.end(), std::size_t{0});
  std::stable_sort(by_remainder.begin(), by_remainder.end(),
                   [&](std::size_t l, std::size_t r) { return remainders[l] > remainders[r]; });
  std::int64_t spare_units = units - given;
  for (std::size_t i : by_remainder) {
    if (spare_units == 0) break;
    if (remainders[i] == 0 || after[i] + kUnit > sorted[i].wanted.milli) continue;
    after[i] += kUnit;
    --spare_units;
  }
  const std::int64_t allocated = std::accumulate(after.begin(), after.end(), std::int64_t{0});
  fill_in_order(sorted, after, supply - allocated);
}

}  // namespace

std::string_view wire_name(AllocationPolicy policy) { return name_in(kPolicyNames, policy); }

Result<AllocationPolicy> allocation_policy_from_wire(std::string_view name) {
  if (std::optional<AllocationPolicy> value = value_in<AllocationPolicy>(kPolicyNames, name))
    return *value;
  if (name == "fair-share") return AllocationPolicy::kFairShare;
  return invalid_argument(
      "unknown_allocation_policy",
      "'" + std::string(name) + "' is not an allocation policy (priority, fair-share)", "policy");
}

bool served_before(const AllocationDemand& left, const AllocationDemand& right) {
  return std::tie(left.priority, left.requested_date, left.order_date, left.order_number,
                  left.line_no) < std::tie(right.priority, right.requested_date, right.order_date,
                                           right.order_number, right.line_no);
}

Result<AllocationPlan> plan_allocation(Quantity supply, std::span<const AllocationDemand> demands,
                                       AllocationPolicy policy) {
  O2C_RETURN_IF_ERROR(check_demands(supply, demands));
  std::vector<AllocationDemand> sorted(demands.begin(), demands.end());
  std::sort(sorted.begin(), sorted.end(), served_before);

  AllocationPlan plan;
  plan.policy = policy;
  plan.supply = supply;
  for (const AllocationDemand& demand : sorted) {
    O2C_ASSERT(!__builtin_add_overflow(plan.demand.milli, demand.wanted.milli, &plan.demand.milli));
  }
  plan.allocated = std::min(supply, plan.demand);

  std::vector<std::int64_t> after(sorted.size(), 0);
  if (supply >= plan.demand || policy == AllocationPolicy::kPriority) {
    fill_in_order(sorted, after, plan.allocated.milli);
  } else {
    share_fairly(sorted, plan.demand.milli, supply.milli, after);
  }

  std::int64_t total = 0;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const AllocationDemand& demand = sorted[i];
    O2C_ASSERT(after[i] >= 0 && after[i] <= demand.wanted.milli);
    total += after[i];
    plan.lines.push_back(AllocationChange{demand.order_number, demand.line_no, demand.wanted,
                                          demand.reserved, Quantity{after[i]},
                                          Quantity{after[i] - demand.reserved.milli}});
  }
  O2C_ASSERT(total == plan.allocated.milli);
  return plan;
}

std::string describe(const AllocationPlan& plan) {
  std::string text;
  for (const AllocationChange& line : plan.lines) {
    const std::string sign = line.change.milli > 0 ? "+" : "";
    text += line.order_number + "/" + std::to_string(line.line_no) + " wanted " +
            format_quantity(line.wanted) + " reserved " + format_quantity(line.before) + " -> " +
            format_quantity(line.after) + " (" + sign + format_quantity(line.change) + ")\n";
  }
  return text;
}

}  // namespace o2c
