// Aging in configurable buckets and its drill-down.
#include <algorithm>
#include <charconv>
#include <map>

#include "collections/collections.h"
#include "core/assert.h"

namespace o2c {
namespace {

Error bad_buckets(std::string_view text, std::string_view why, std::string_view where) {
  return invalid_argument(
      "invalid_aging_buckets",
      "aging buckets '" + std::string(text) + "': " + std::string(why) + " (e.g. 0,30,60,90)",
      std::string(where));
}

BucketedRow empty_row(std::string number, std::string name, Currency currency, std::size_t count) {
  return BucketedRow{std::move(number), std::move(name), currency,
                     std::vector<Money>(count, zero(currency)), zero(currency)};
}

Status add_to_row(BucketedRow& row, std::size_t bucket, Money amount) {
  O2C_ASSIGN_OR_RETURN(row.buckets[bucket], add(row.buckets[bucket], amount));
  O2C_ASSIGN_OR_RETURN(row.total, add(row.total, amount));
  return {};
}

}  // namespace

Result<AgingBuckets> parse_aging_buckets(std::string_view text, std::string_view where) {
  AgingBuckets buckets;
  buckets.bounds.clear();
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string_view part = text.substr(start, comma - start);
    int value = 0;
    const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (part.empty() || error != std::errc{} || end != part.data() + part.size())
      return bad_buckets(text, "'" + std::string(part) + "' is not a whole number of days", where);
    if (value < 0 || value > kAgingDaysMax)
      return bad_buckets(text, "days must be 0.." + std::to_string(kAgingDaysMax), where);
    if (!buckets.bounds.empty() && value <= buckets.bounds.back())
      return bad_buckets(text, "bounds must increase", where);
    buckets.bounds.push_back(value);
    if (buckets.bounds.size() > kAgingBoundsMax)
      return bad_buckets(text, "at most " + std::to_string(kAgingBoundsMax) + " bounds", where);
    start = comma + 1;
  }
  if (buckets.bounds.front() != 0)
    return bad_buckets(text, "the first bound is 0 (current: not past due)", where);
  O2C_ASSERT(!buckets.bounds.empty());
  return buckets;
}

std::string format_aging_buckets(const AgingBuckets& buckets) {
  std::string text;
  for (int bound : buckets.bounds) text += (text.empty() ? "" : ",") + std::to_string(bound);
  return text;
}

std::vector<std::string> aging_bucket_names(const AgingBuckets& buckets) {
  O2C_ASSERT(!buckets.bounds.empty() && buckets.bounds.front() == 0);
  std::vector<std::string> names{"current"};
  for (std::size_t i = 1; i < buckets.bounds.size(); ++i)
    names.push_back(std::to_string(buckets.bounds[i - 1] + 1) + "-" +
                    std::to_string(buckets.bounds[i]));
  names.push_back("over " + std::to_string(buckets.bounds.back()));
  return names;
}

std::size_t aging_bucket_of(const AgingBuckets& buckets, std::int64_t days_past_due) {
  for (std::size_t i = 0; i < buckets.bounds.size(); ++i)
    if (days_past_due <= buckets.bounds[i]) return i;
  return buckets.bounds.size();
}

Result<BucketedAging> age_in_buckets(std::span<const ReceivableItem> items, Date as_of,
                                     const AgingBuckets& buckets) {
  const std::vector<std::string> names = aging_bucket_names(buckets);
  std::map<std::pair<std::string, std::string>, BucketedRow> by_customer;
  std::map<std::string, BucketedRow> by_currency;
  for (const ReceivableItem& item : items) {
    O2C_ASSERT(item.open.minor >= 0);
    if (item.open.minor == 0) continue;
    const std::size_t bucket = aging_bucket_of(buckets, days_between(item.due_date, as_of));
    const std::string code(item.open.currency.text());
    auto found = by_customer.find({item.customer_number, code});
    if (found == by_customer.end())
      found = by_customer
                  .emplace(std::make_pair(item.customer_number, code),
                           empty_row(item.customer_number, item.customer_name, item.open.currency,
                                     names.size()))
                  .first;
    O2C_RETURN_IF_ERROR(add_to_row(found->second, bucket, item.open));
    auto total =
        by_currency.try_emplace(code, empty_row("TOTAL", "", item.open.currency, names.size()))
            .first;
    O2C_RETURN_IF_ERROR(add_to_row(total->second, bucket, item.open));
  }
  BucketedAging aging{as_of, names, {}, {}};
  for (auto& [key, row] : by_customer) aging.customers.push_back(std::move(row));
  for (auto& [key, row] : by_currency) aging.totals.push_back(std::move(row));
  return aging;
}

std::vector<AgingDrillLine> aging_drill_down(std::span<const ReceivableItem> items, Date as_of,
                                             const AgingBuckets& buckets,
                                             std::optional<std::string> customer,
                                             std::optional<std::string> bucket) {
  const std::vector<std::string> names = aging_bucket_names(buckets);
  std::vector<AgingDrillLine> lines;
  for (const ReceivableItem& item : items) {
    if (item.open.minor == 0) continue;
    if (customer && item.customer_number != *customer) continue;
    const std::int64_t days = days_between(item.due_date, as_of);
    const std::string& name = names[aging_bucket_of(buckets, days)];
    if (bucket && name != *bucket) continue;
    lines.push_back(AgingDrillLine{item, days, name});
  }
  std::sort(lines.begin(), lines.end(), [](const AgingDrillLine& a, const AgingDrillLine& b) {
    return std::tie(a.item.customer_number, a.item.due_date, a.item.invoice_number) <
           std::tie(b.item.customer_number, b.item.due_date, b.item.invoice_number);
  });
  return lines;
}

}  // namespace o2c
