// fx.h — foreign exchange: the rate table and translating document amounts into the company
// currency. Rules encoded:
//   * A rate is the company-currency amount of one unit of the foreign currency (1 USD =
//     1.085400 EUR), fixed point with six decimals — never a float — and strictly positive.
//     The company currency has no rate: its documents are translated at exactly 1.
//   * A document (invoice, payment) is translated at the latest rate on or before its date.
//   * Translation rounds half-even to the company currency's minor unit.
//   * Settling a document in parts clears its company amount in proportion to the document
//     amount settled so far, rounded half-even on the cumulative share, so that the parts
//     add up to the whole company amount exactly when the document is fully settled.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/result.h"

namespace o2c {

// Company-currency units per one unit of the foreign currency, in millionths: 1.0854 = 1085400.
struct FxRate {
  std::int64_t micros = 0;  // 0: not set (an entry not yet translated)
  auto operator<=>(const FxRate&) const = default;
};
inline constexpr std::int64_t kFxRateScale = 1'000'000;
inline constexpr FxRate kFxRateOne{kFxRateScale};
// 1,000,000 company units per foreign unit: far beyond any real pair, small enough that
// amount × rate × 10^exponents stays inside 128 bits.
inline constexpr std::int64_t kFxRateMicrosMax = 1'000'000 * kFxRateScale;

// One row of the rate table.
struct FxRateEntry {
  Date date;
  Currency currency;  // the foreign currency
  FxRate rate;
  bool operator==(const FxRateEntry&) const = default;
};

// "1.0854" → 1085400. Digits with at most six decimals, no sign, no exponent, no separators.
// Fails with invalid_fx_rate (malformed text), fx_rate_must_be_positive (zero) or
// fx_rate_too_large (over kFxRateMicrosMax).
Result<FxRate> parse_fx_rate(std::string_view text);
std::string format_fx_rate(FxRate rate);  // "1.085400"

// Checks a rate before it is stored: positive and not above the maximum, and not for the
// company currency (fx_rate_for_company_currency, at "currency").
Status validate_fx_rate(const FxRateEntry& entry, Currency company);

// `amount` × `rate` in `company`'s minor units, rounded half-even. An amount already in the
// company currency needs rate 1 (asserted). Fails with amount_overflow.
Result<Money> to_company_currency(Money amount, FxRate rate, Currency company);

// The company amount cleared when `settled_now` more of a document is settled, after
// `settled_before` already was: round(company_total × (before + now) / document_total) −
// round(company_total × before / document_total), half-even. Settling the whole document in
// any number of parts clears exactly `company_total`. Requires 0 <= before, 0 <= now,
// before + now <= document_total, document_total > 0 (asserted).
Result<Money> settled_share(Money company_total, Money document_total, Money settled_before,
                            Money settled_now);

// ---- the rates file: o2c fx import ----------------------------------------------------------
//
// CSV, one rate per row: date,currency,rate ("2026-03-02,USD,1.0854"). A first row
// "date,currency,rate" is a header and skipped; blank lines are skipped. A (date, currency)
// given twice with different rates is a problem on the later line (duplicate_fx_rate); given
// twice with the same rate it is taken once.

struct FxRatesFile {
  std::vector<FxRateEntry> rates;  // in file order, without repeats
  std::vector<Error> problems;     // every bad row, `where` = "<source> line N, <column>"
};
// Reads the whole file; the caller imports nothing when `problems` is not empty. Fails (no
// FxRatesFile) only when the file as a whole cannot be read: empty_file and read_csv's.
Result<FxRatesFile> parse_fx_rates_csv(std::string_view text, Currency company,
                                       std::string_view source);

}  // namespace o2c
