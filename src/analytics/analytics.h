// analytics.h — what the open items say. Rules encoded: an open item's age is the number of
// days past its due date on the as-of date; an item not yet due is "current"; buckets are
// 1-30, 31-60, 61-90 and over 90 days past due. Customers are listed in number order and
// totals are kept per currency (amounts in different currencies are never added).
#pragma once

#include <array>
#include <span>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "payments/payments.h"

namespace o2c {

inline constexpr std::array<std::string_view, 5> kAgingBucketNames = {"current", "1-30", "31-60",
                                                                      "61-90", "over 90"};

// Index into kAgingBucketNames for an item due on `due` seen on `as_of`.
std::size_t aging_bucket(Date due, Date as_of);

struct AgingRow {
  std::string customer_number;
  std::string customer_name;
  Currency currency;
  std::array<Money, 5> buckets;
  Money total;
};

struct AgingReport {
  Date as_of;
  std::vector<AgingRow> customers;  // by customer number
  std::vector<AgingRow> totals;     // one per currency, customer_number = "TOTAL"
};

struct AgingItem {
  OpenItem item;
  std::string customer_name;
};

Result<AgingReport> age_receivables(std::span<const AgingItem> items, Date as_of);

}  // namespace o2c
