#include <map>

#include "analytics/analytics.h"

namespace o2c {
namespace {

AgingRow empty_row(std::string number, std::string name, Currency currency) {
  AgingRow row{std::move(number), std::move(name), currency, {}, zero(currency)};
  row.buckets.fill(zero(currency));
  return row;
}

Status add_to_row(AgingRow& row, std::size_t bucket, Money amount) {
  O2C_ASSIGN_OR_RETURN(row.buckets[bucket], add(row.buckets[bucket], amount));
  O2C_ASSIGN_OR_RETURN(row.total, add(row.total, amount));
  return {};
}

}  // namespace

std::size_t aging_bucket(Date due, Date as_of) {
  const std::int64_t days_past_due = days_between(due, as_of);
  if (days_past_due <= 0) return 0;
  if (days_past_due <= 30) return 1;
  if (days_past_due <= 60) return 2;
  if (days_past_due <= 90) return 3;
  return 4;
}

Result<AgingReport> age_receivables(std::span<const AgingItem> items, Date as_of) {
  std::map<std::pair<std::string, std::string>, AgingRow> by_customer;
  std::map<std::string, AgingRow> by_currency;
  for (const AgingItem& aging_item : items) {
    const OpenItem& item = aging_item.item;
    O2C_ASSERT(item.open.minor >= 0);
    if (item.open.minor == 0) continue;
    const std::size_t bucket = aging_bucket(item.due_date, as_of);
    const std::string code(item.open.currency.text());
    auto key = std::make_pair(item.customer_number, code);
    auto found = by_customer.find(key);
    if (found == by_customer.end()) {
      found = by_customer
                  .emplace(key, empty_row(item.customer_number, aging_item.customer_name,
                                          item.open.currency))
                  .first;
    }
    O2C_RETURN_IF_ERROR(add_to_row(found->second, bucket, item.open));
    auto total = by_currency.try_emplace(code, empty_row("TOTAL", "", item.open.currency)).first;
    O2C_RETURN_IF_ERROR(add_to_row(total->second, bucket, item.open));
  }
  AgingReport report{as_of, {}, {}};
  for (auto& [key, row] : by_customer) report.customers.push_back(std::move(row));
  for (auto& [key, row] : by_currency) report.totals.push_back(std::move(row));
  return report;
}

}  // namespace o2c
