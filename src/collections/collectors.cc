// Risk weight, collector assignment with workload balancing, and the worklist ranking.
#include <algorithm>
#include <map>

#include "collections/collections.h"
#include "core/assert.h"

namespace o2c {

int risk_weight(std::optional<char> risk_class) {
  if (!risk_class) return 150;  // never scored: weighed as a middling risk (C)
  switch (*risk_class) {
    case 'A':
      return 100;
    case 'B':
      return 125;
    case 'C':
      return 150;
    case 'D':
      return 200;
    case 'E':
      return 300;
    default:
      return 150;
  }
}

namespace {

std::int64_t workload_of(const AccountToAssign& account) {
  return static_cast<std::int64_t>(Int128{std::max<std::int64_t>(account.open_minor, 0)} *
                                   risk_weight(account.risk_class) / 100);
}

struct Seat {
  const CollectorSeat* collector;
  std::int64_t workload = 0;
  int accounts = 0;
};

bool eligible(const Seat& seat, const AccountToAssign& account) {
  if (!seat.collector->region.empty() && seat.collector->region != account.region) return false;
  return !seat.collector->max_accounts || seat.accounts < *seat.collector->max_accounts;
}

}  // namespace

std::vector<Assignment> assign_accounts(std::span<const CollectorSeat> collectors,
                                        std::span<const AccountToAssign> accounts) {
  std::vector<Seat> seats;
  for (const CollectorSeat& collector : collectors) seats.push_back(Seat{&collector});
  std::sort(seats.begin(), seats.end(),
            [](const Seat& a, const Seat& b) { return a.collector->name < b.collector->name; });
  std::map<std::string, Assignment> result;
  std::vector<const AccountToAssign*> open;
  for (const AccountToAssign& account : accounts) {
    const std::int64_t workload = workload_of(account);
    auto kept = std::find_if(seats.begin(), seats.end(), [&](const Seat& seat) {
      return account.kept_collector && seat.collector->name == *account.kept_collector;
    });
    if (kept != seats.end()) {
      kept->workload += workload;
      ++kept->accounts;
      result[account.customer_number] = {account.customer_number, kept->collector->name, workload};
    } else {
      open.push_back(&account);
    }
  }
  std::sort(open.begin(), open.end(), [](const AccountToAssign* a, const AccountToAssign* b) {
    const std::int64_t wa = workload_of(*a), wb = workload_of(*b);
    return wa != wb ? wa > wb : a->customer_number < b->customer_number;
  });
  for (const AccountToAssign* account : open) {
    Seat* best = nullptr;
    for (Seat& seat : seats) {
      if (!eligible(seat, *account)) continue;
      if (best == nullptr || seat.workload < best->workload ||
          (seat.workload == best->workload && seat.accounts < best->accounts))
        best = &seat;
    }
    const std::int64_t workload = workload_of(*account);
    std::string name;
    if (best != nullptr) {
      best->workload += workload;
      ++best->accounts;
      name = best->collector->name;
    }
    result[account->customer_number] = {account->customer_number, name, workload};
  }
  std::vector<Assignment> assignments;
  for (auto& [number, assignment] : result) assignments.push_back(std::move(assignment));
  O2C_ASSERT(assignments.size() <= accounts.size());
  return assignments;
}

std::vector<RankedAccount> rank_worklist(std::span<const WorklistAccount> accounts) {
  std::vector<RankedAccount> ranked;
  for (const WorklistAccount& account : accounts) {
    if (account.overdue.minor <= 0 || account.days_overdue <= 0) continue;
    const int weight = risk_weight(account.risk_class);
    ranked.push_back(RankedAccount{
        account, weight, Int128{account.overdue.minor} * weight * account.days_overdue / 100});
  }
  std::sort(ranked.begin(), ranked.end(), [](const RankedAccount& a, const RankedAccount& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.account.customer_number < b.account.customer_number;
  });
  return ranked;
}

}  // namespace o2c
