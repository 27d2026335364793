// Which of a payer's open items a payment without references settles: the subsets of their
// amounts that sum to it. Up to 30 items every subset is considered (meet in the middle:
// the sums of each half's subsets, matched through a sorted half), so "exactly one bundle"
// is a fact, not a guess; beyond that a bounded depth-first search.
#include <algorithm>
#include <bit>
#include <cstdint>
#include <vector>

#include "cashapp/match_index.h"

namespace o2c::cashapp_internal {
namespace {

struct HalfSum {
  std::int64_t sum;
  std::uint32_t mask;
};

// Every subset of values[offset, offset + count) whose sum stays within `target`.
std::vector<HalfSum> half_sums(const std::vector<std::int64_t>& values, std::size_t offset,
                               std::size_t count, std::int64_t target) {
  std::vector<HalfSum> sums = {{0, 0}};
  sums.reserve(std::size_t{1} << count);
  for (std::size_t j = 0; j < count; ++j) {
    const std::size_t existing = sums.size();
    for (std::size_t e = 0; e < existing; ++e) {
      const std::int64_t sum = sums[e].sum + values[offset + j];
      if (sum <= target) sums.push_back({sum, sums[e].mask | (std::uint32_t{1} << j)});
    }
  }
  return sums;
}

std::vector<std::size_t> positions(std::uint64_t mask) {
  std::vector<std::size_t> result;
  for (std::size_t p = 0; mask != 0; ++p, mask >>= 1)
    if (mask & 1) result.push_back(p);
  return result;
}

void meet_in_the_middle(const std::vector<std::int64_t>& values, std::int64_t target,
                        std::size_t max_items, BundleFind& find) {
  const std::size_t left_count = values.size() / 2;
  const std::vector<HalfSum> left = half_sums(values, 0, left_count, target);
  std::vector<HalfSum> right = half_sums(values, left_count, values.size() - left_count, target);
  std::sort(right.begin(), right.end(),
            [](const HalfSum& a, const HalfSum& b) { return a.sum < b.sum; });
  std::vector<std::uint64_t> masks;
  for (const HalfSum& a : left) {
    auto it = std::lower_bound(right.begin(), right.end(), target - a.sum,
                               [](const HalfSum& b, std::int64_t need) { return b.sum < need; });
    for (; it != right.end() && it->sum == target - a.sum; ++it) {
      const auto size = static_cast<std::size_t>(std::popcount(a.mask) + std::popcount(it->mask));
      if (size < 2 || size > max_items) continue;
      masks.push_back(a.mask | (std::uint64_t{it->mask} << left_count));
    }
  }
  std::sort(masks.begin(), masks.end(), [](std::uint64_t a, std::uint64_t b) {
    const int pa = std::popcount(a);
    const int pb = std::popcount(b);
    return pa != pb ? pa < pb : a < b;
  });
  for (std::size_t i = 0; i < masks.size() && i < kBundleSolutionsMax; ++i)
    find.solutions.push_back(positions(masks[i]));
}

// Depth-first over the values in ascending order, subsets of one size at a time.
class DepthFirst {
 public:
  DepthFirst(const std::vector<std::int64_t>& values, std::int64_t target, long budget)
      : target_(target), budget_(budget) {
    for (std::size_t p = 0; p < values.size(); ++p) order_.emplace_back(values[p], p);
    std::sort(order_.begin(), order_.end());
  }

  void run(std::size_t max_items, BundleFind& find) {
    for (std::size_t size = 2; size <= std::min(max_items, order_.size()); ++size) {
      descend(0, size, 0, find);
      if (budget_ <= 0 || find.solutions.size() >= 2) break;
    }
    find.exhaustive = budget_ > 0 && find.solutions.size() < 2;
  }

 private:
  void descend(std::size_t from, std::size_t left, std::int64_t sum, BundleFind& find) {
    if (left == 0) {
      if (sum == target_) find.solutions.push_back(chosen_);
      return;
    }
    std::int64_t largest = 0;  // the `left` largest values cannot reach the target: stop
    for (std::size_t k = order_.size() - left; k < order_.size(); ++k) largest += order_[k].first;
    if (sum + largest < target_) return;
    for (std::size_t i = from; i + left <= order_.size(); ++i) {
      if (--budget_ <= 0 || find.solutions.size() >= 2) return;
      std::int64_t smallest = 0;
      for (std::size_t k = i; k < i + left; ++k) smallest += order_[k].first;
      if (sum + smallest > target_) return;  // ascending: every later choice is larger
      chosen_.push_back(order_[i].second);
      descend(i + 1, left - 1, sum + order_[i].first, find);
      chosen_.pop_back();
    }
  }

  std::int64_t target_;
  long budget_;
  std::vector<std::pair<std::int64_t, std::size_t>> order_;
  std::vector<std::size_t> chosen_;
};

}  // namespace

BundleFind find_bundles(const std::vector<std::int64_t>& values, std::int64_t target,
                        std::size_t max_items, long node_budget) {
  BundleFind find;
  if (values.size() < 2 || max_items < 2) return find;
  if (values.size() <= kBundleExactItemsMax)
    meet_in_the_middle(values, target, max_items, find);
  else
    DepthFirst(values, target, node_budget).run(max_items, find);
  return find;
}

}  // namespace o2c::cashapp_internal
