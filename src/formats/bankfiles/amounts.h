// amounts.h — helpers shared by the camt and BAI2 readers (internal to formats/bankfiles/).
#pragma once

#include <string>
#include <string_view>

#include "core/date.h"
#include "core/money.h"
#include "core/result.h"

namespace o2c::bankfiles {

std::string_view trim(std::string_view text);

// Decimal text ("8.85", "18.150") in `currency`: trailing zeros beyond the currency's
// decimals are accepted, further significant decimals are not. Fails with invalid_amount.
Result<Money> parse_decimal(std::string_view text, Currency currency, const std::string& where);

// The currency of an ISO 4217 code, or unknown_currency at `where`.
Result<Currency> currency_at(std::string_view code, const std::string& where);

// "2026-03-02" or the date part of "2026-03-02T10:15:00+01:00"; invalid_date at `where`.
Result<Date> parse_iso_date(std::string_view text, const std::string& where);

// What an amount is, for messages: "1234.50 EUR".
std::string show(Money amount);

}  // namespace o2c::bankfiles
