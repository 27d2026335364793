// Usage: aggregation of metered records per period and the tiered, volume and package
// prices with a minimum commitment.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "billing/billing.h"
#include "core/assert.h"
#include "core/limits.h"

namespace o2c {

namespace {
constexpr std::size_t kUsageTiersMax = 100;

Money max_money(Money left, Money right) { return left.minor < right.minor ? right : left; }

std::string tier_where(std::size_t index) { return "tiers[" + std::to_string(index) + "]"; }
}  // namespace

Result<Quantity> aggregate_usage(const Meter& meter, std::span<const UsageRecord> records,
                                 ServicePeriod period) {
  O2C_ASSERT(period.start <= period.end);
  std::int64_t total = 0;
  std::set<std::string_view> subjects;
  for (const UsageRecord& record : records) {
    if (record.meter != meter.id) continue;
    const Date day = date_of(record.at);
    if (day < period.start || !(day < period.end)) continue;
    switch (meter.aggregation) {
      case UsageAggregation::kSum:
        if (__builtin_add_overflow(total, record.quantity.milli, &total)) {
          return invalid_argument("quantity_overflow",
                                  "usage of meter " + meter.name + " overflows its total");
        }
        break;
      case UsageAggregation::kMax:
        total = std::max(total, record.quantity.milli);
        break;
      case UsageAggregation::kUniqueCount:
        if (!record.subject.empty()) subjects.insert(record.subject);
        break;
    }
  }
  if (meter.aggregation == UsageAggregation::kUniqueCount) {
    total = static_cast<std::int64_t>(subjects.size()) * 1000;
  }
  O2C_ASSERT(total >= 0 || meter.aggregation == UsageAggregation::kSum);
  return Quantity{total};
}

Status validate_usage_price(const UsagePrice& price) {
  if (price.model == UsagePricingModel::kPackage) {
    if (price.package_size.milli <= 0) {
      return invalid_argument("invalid_package", "a package must hold more than zero units",
                              "package");
    }
    if (price.package_price.minor < 0) {
      return invalid_argument("negative_price", "a package price must not be negative", "package");
    }
  } else {
    if (price.tiers.empty() || price.tiers.size() > kUsageTiersMax) {
      return invalid_argument(
          "invalid_tiers",
          "a tiered or volume price needs 1 to " + std::to_string(kUsageTiersMax) + " tiers",
          "tiers");
    }
    std::int64_t previous = 0;
    for (std::size_t i = 0; i < price.tiers.size(); ++i) {
      const UsageTier& tier = price.tiers[i];
      const bool last = i + 1 == price.tiers.size();
      if (tier.unit_price.minor < 0) {
        return invalid_argument("negative_price", "a tier price must not be negative",
                                tier_where(i));
      }
      if (tier.up_to.has_value() == last) {
        return invalid_argument("invalid_tiers",
                                last ? "the last tier must have no upper bound (*)"
                                     : "only the last tier may have no upper bound",
                                tier_where(i));
      }
      if (tier.up_to && tier.up_to->milli <= previous) {
        return invalid_argument("invalid_tiers", "tier bounds must increase", tier_where(i));
      }
      if (tier.up_to) previous = tier.up_to->milli;
    }
  }
  return {};
}

Result<Money> usage_charge(const UsagePrice& price, Quantity quantity) {
  O2C_ASSERT(quantity.milli >= 0);
  O2C_ASSERT(validate_usage_price(price).has_value());
  switch (price.model) {
    case UsagePricingModel::kTiered: {
      // Exact sum in (minor unit × thousandths of a unit), rounded once.
      Int128 exact = 0;
      std::int64_t lower = 0;
      for (const UsageTier& tier : price.tiers) {
        const std::int64_t upper = tier.up_to ? tier.up_to->milli : quantity.milli;
        const std::int64_t in_tier = std::min(quantity.milli, upper) - lower;
        if (in_tier <= 0) break;
        exact += static_cast<Int128>(in_tier) * tier.unit_price.minor;
        lower = upper;
      }
      O2C_ASSIGN_OR_RETURN(std::int64_t minor, divide_rounded(exact, 1000, Rounding::kHalfEven));
      return Money{minor, price.tiers.front().unit_price.currency};
    }
    case UsagePricingModel::kVolume: {
      for (const UsageTier& tier : price.tiers) {
        if (!tier.up_to || quantity <= *tier.up_to) {
          return extend(tier.unit_price, quantity, Rounding::kHalfEven);
        }
      }
      O2C_ASSERT(false && "the last tier is unbounded");
      break;
    }
    case UsagePricingModel::kPackage: {
      const std::int64_t size = price.package_size.milli;
      const std::int64_t blocks = quantity.milli / size + (quantity.milli % size != 0 ? 1 : 0);
      std::int64_t minor = 0;
      if (__builtin_mul_overflow(blocks, price.package_price.minor, &minor) ||
          minor > kAmountMinorMax) {
        return invalid_argument("amount_overflow", "the usage charge is too large");
      }
      return Money{minor, price.package_price.currency};
    }
  }
  O2C_ASSERT(false && "pricing model");
  return zero(price.minimum.currency);
}

Result<UsageBill> bill_usage(const UsagePrice& price, Quantity quantity, ServicePeriod period,
                             ServicePeriod calendar) {
  O2C_ASSERT(period.days() > 0);
  UsageBill bill;
  bill.quantity = quantity;
  O2C_ASSIGN_OR_RETURN(bill.charge, usage_charge(price, quantity));
  O2C_ASSIGN_OR_RETURN(bill.minimum, prorate_to_day(price.minimum, period, calendar));
  O2C_ASSIGN_OR_RETURN(Money short_of_minimum, subtract(bill.minimum, bill.charge));
  bill.top_up = max_money(zero(bill.charge.currency), short_of_minimum);
  O2C_ASSERT(bill.top_up.minor >= 0);
  return bill;
}

Result<Timestamp> parse_usage_timestamp(std::string_view text) {
  const auto bad = [&] {
    return invalid_argument(
        "invalid_timestamp",
        "'" + std::string(text) + "' is not a UTC time (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)");
  };
  if (text.size() < 10) return bad();
  Result<Date> day = parse_date(text.substr(0, 10));
  if (!day) return bad();
  const Timestamp midnight = start_of_day(*day);
  if (text.size() == 10) return midnight;
  // "THH:MM:SS" then an optional fraction of up to six digits, then "Z".
  if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text.back() != 'Z') {
    return bad();
  }
  const auto two_digits = [&](std::size_t at) -> int {
    if (text[at] < '0' || text[at] > '9' || text[at + 1] < '0' || text[at + 1] > '9') return -1;
    return (text[at] - '0') * 10 + (text[at + 1] - '0');
  };
  const int hours = two_digits(11);
  const int minutes = two_digits(14);
  const int seconds = two_digits(17);
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59) {
    return bad();
  }
  std::int64_t micros = 0;
  const std::string_view fraction = text.substr(19, text.size() - 20);
  if (!fraction.empty()) {
    if (fraction.front() != '.' || fraction.size() < 2 || fraction.size() > 7) return bad();
    std::int64_t scale = 100'000;
    for (char digit : fraction.substr(1)) {
      if (digit < '0' || digit > '9') return bad();
      micros += (digit - '0') * scale;
      scale /= 10;
    }
  }
  const std::int64_t seconds_of_day = hours * 3600 + minutes * 60 + seconds;
  return Timestamp{midnight.unix_micros + seconds_of_day * 1'000'000 + micros};
}

Result<std::vector<UsageTier>> parse_usage_tiers(std::string_view text, Currency currency) {
  std::vector<UsageTier> tiers;
  std::size_t position = 0;
  while (position <= text.size()) {
    const std::size_t comma = std::min(text.find(',', position), text.size());
    const std::string_view item = text.substr(position, comma - position);
    const std::string where = tier_where(tiers.size());
    const std::size_t colon = item.find(':');
    if (colon == std::string_view::npos) {
      return invalid_argument("invalid_tiers",
                              "'" + std::string(item) + "' is not UP_TO:PRICE (e.g. 1000:0.10)",
                              where);
    }
    UsageTier tier;
    const std::string_view bound = item.substr(0, colon);
    if (bound != "*") {
      Result<Quantity> up_to = parse_quantity(bound);
      if (!up_to) return invalid_argument("invalid_tiers", up_to.error().message, where);
      tier.up_to = *up_to;
    }
    Result<Money> unit_price = parse_money(item.substr(colon + 1), currency);
    if (!unit_price) return invalid_argument("invalid_tiers", unit_price.error().message, where);
    tier.unit_price = *unit_price;
    tiers.push_back(tier);
    if (tiers.size() > kUsageTiersMax) {
      return invalid_argument("invalid_tiers",
                              "more than " + std::to_string(kUsageTiersMax) + " tiers");
    }
    position = comma + 1;
  }
  UsagePrice check{0, 0, UsagePricingModel::kTiered, tiers, {}, zero(currency), zero(currency)};
  O2C_RETURN_IF_ERROR(validate_usage_price(check));
  return tiers;
}

std::string format_usage_tiers(std::span<const UsageTier> tiers) {
  std::string text;
  for (const UsageTier& tier : tiers) {
    if (!text.empty()) text += ',';
    text += tier.up_to ? format_quantity(*tier.up_to) : "*";
    text += ':' + format_amount(tier.unit_price);
  }
  return text;
}

}  // namespace o2c
