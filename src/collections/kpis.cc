// Collection KPIs: count-back DSO, best possible DSO, CEI, shares.
#include "collections/collections.h"
#include "core/assert.h"

namespace o2c {
namespace {

std::int64_t half_even(Int128 numerator, Int128 denominator) {
  O2C_ASSERT(denominator > 0);
  Result<std::int64_t> value = divide_rounded(numerator, denominator, Rounding::kHalfEven);
  O2C_ASSERT(value.has_value());
  return *value;
}

}  // namespace

std::string format_centidays(Centidays days) {
  const bool negative = days < 0;
  const std::int64_t magnitude = negative ? -days : days;
  std::string cents = std::to_string(magnitude % 100);
  if (cents.size() < 2) cents = "0" + cents;
  return (negative ? "-" : "") + std::to_string(magnitude / 100) + "." + cents;
}

Centidays count_back_dso(std::int64_t receivables_minor, std::span<const SalesPeriod> periods) {
  Centidays days = 0;
  std::int64_t left = receivables_minor;
  for (const SalesPeriod& period : periods) {
    O2C_ASSERT(period.days > 0);
    if (left <= 0) return days;
    if (period.sales_minor > 0 && left < period.sales_minor)
      return days + half_even(Int128{left} * period.days * 100, period.sales_minor);
    days += period.days * 100;
    left -= std::max<std::int64_t>(period.sales_minor, 0);
  }
  // More receivables than the periods' sales: the rest at the last period's daily rate.
  if (left > 0 && !periods.empty() && periods.back().sales_minor > 0)
    days += half_even(Int128{left} * periods.back().days * 100, periods.back().sales_minor);
  return days;
}

Centidays best_possible_dso(std::int64_t current_minor, std::int64_t sales_minor,
                            std::int64_t days) {
  if (sales_minor <= 0) return 0;
  return half_even(Int128{current_minor} * days * 100, sales_minor);
}

std::optional<BasisPoints> collection_effectiveness(std::int64_t begin_minor,
                                                    std::int64_t sales_minor,
                                                    std::int64_t end_total_minor,
                                                    std::int64_t end_current_minor) {
  const Int128 collectible = Int128{begin_minor} + sales_minor - end_current_minor;
  if (collectible <= 0) return std::nullopt;
  const Int128 collected = Int128{begin_minor} + sales_minor - end_total_minor;
  return BasisPoints{
      static_cast<std::int32_t>(half_even(collected * kBasisPointsWhole, collectible))};
}

std::optional<BasisPoints> share_of(std::int64_t part, std::int64_t whole) {
  if (whole == 0) return std::nullopt;
  if (whole < 0) return std::nullopt;
  return BasisPoints{static_cast<std::int32_t>(half_even(Int128{part} * kBasisPointsWhole, whole))};
}

}  // namespace o2c
