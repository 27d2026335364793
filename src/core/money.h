// money.h — exact money. An amount is an int64 count of the currency's minor unit (cents
// for EUR, whole yen for JPY, fils for KWD) together with its ISO 4217 currency. There is no
// operator+ on Money: every sum goes through add() so that overflow and mixed currencies are
// never ignored. Rates are fixed-point basis points, quantities are thousandths of a unit;
// every rounding names its mode, and splitting an amount uses largest remainder so that the
// parts always add up to the whole.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace o2c {

// 128-bit intermediate for exact products of two int64 values (GCC/Clang extension).
__extension__ typedef __int128 Int128;

struct Currency {
  std::array<char, 3> code{};  // ISO 4217 alphabetic code, "EUR"
  std::int8_t exponent = 2;    // minor unit digits: JPY 0, EUR 2, KWD 3

  std::string_view text() const { return {code.data(), code.size()}; }
  bool operator==(const Currency&) const = default;
};

// Looks up an ISO 4217 code ("EUR", "JPY", "KWD"). Fails with unknown_currency.
Result<Currency> currency_from_code(std::string_view code);

struct Money {
  std::int64_t minor = 0;
  Currency currency;
  bool operator==(const Money&) const = default;
};

// Quantity in thousandths of the unit of measure: 1.5 units = 1500.
struct Quantity {
  std::int64_t milli = 0;
  auto operator<=>(const Quantity&) const = default;
};
inline constexpr Quantity units(std::int64_t whole) { return Quantity{whole * 1000}; }

// A rate in hundredths of a percent: 2.5 % = 250, 100 % = 10'000.
struct BasisPoints {
  std::int32_t value = 0;
  auto operator<=>(const BasisPoints&) const = default;
};
inline constexpr std::int32_t kBasisPointsWhole = 10'000;

enum class Rounding : std::uint8_t { kHalfEven, kHalfUp, kDown };

Money zero(Currency currency);
Result<Money> add(Money left, Money right);       // currency_mismatch, amount_overflow
Result<Money> subtract(Money left, Money right);  // currency_mismatch, amount_overflow
Money negate(Money amount);                       // asserts minor != INT64_MIN
// Sums amounts of one currency; an empty span gives zero in `currency`.
Result<Money> sum(std::span<const Money> amounts, Currency currency);

// numerator / denominator rounded with `rounding`; denominator > 0. Exact for any int64
// operands (128-bit intermediate). Fails with amount_overflow when the result is out of range.
Result<std::int64_t> divide_rounded(Int128 numerator, Int128 denominator, Rounding rounding);

// unit_price × quantity, rounded to the minor unit.
Result<Money> extend(Money unit_price, Quantity quantity, Rounding rounding);
// amount × rate, rounded to the minor unit (a discount or a tax on a net amount).
Result<Money> apply_rate(Money amount, BasisPoints rate, Rounding rounding);
// amount × part / whole rounded; used to invoice a part of a line (0 <= part <= whole).
Result<Money> prorate(Money amount, std::int64_t part, std::int64_t whole, Rounding rounding);

// Splits `total` over parts in proportion to `weights` (each >= 0, at least one > 0) with the
// largest-remainder method: the parts always sum to `total`, each part is within one minor
// unit of its exact share, ties go to the earlier part.
Result<std::vector<Money>> allocate(Money total, std::span<const std::int64_t> weights);

// Decimal text ↔ money. Accepts "1234.50", "-0.01", "7" (no exponent, no thousands
// separators, at most the currency's decimals). Errors name the text and why.
Result<Money> parse_money(std::string_view text, Currency currency);
std::string format_amount(Money amount);  // "1234.50", "-0.01", "100" (JPY)
std::string format_money(Money amount);   // "1234.50 EUR"
// "12,345.67" — for people (terminal reports); never parsed back.
std::string format_grouped(Money amount);

// Quantity text: "3", "1.5", "0.125" (at most three decimals, no sign unless negative).
Result<Quantity> parse_quantity(std::string_view text);
std::string format_quantity(Quantity quantity);  // "3", "1.5"
// Percentage text → basis points: "33.33" → 3333, "19" → 1900 (at most two decimals).
Result<BasisPoints> parse_percent(std::string_view text);
std::string format_percent(BasisPoints rate);  // "33.33", "19"

}  // namespace o2c
