#include "formats/bankfiles/amounts.h"

namespace o2c::bankfiles {

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

Result<Money> parse_decimal(std::string_view text, Currency currency, const std::string& where) {
  std::string digits(trim(text));
  const auto point = digits.find('.');
  if (point != std::string::npos) {
    // Zeros beyond the currency's decimals carry no value: "18.150" EUR is 18.15.
    const std::size_t keep = point + 1 + static_cast<std::size_t>(currency.exponent);
    while (digits.size() > keep && digits.back() == '0') digits.pop_back();
    if (!digits.empty() && digits.back() == '.') digits.pop_back();
  }
  auto money = parse_money(digits, currency);
  if (!money) {
    return invalid_argument("invalid_amount",
                            "amount '" + std::string(trim(text)) + "' is not a " +
                                std::string(currency.text()) + " amount (" + money.error().message +
                                ")",
                            where);
  }
  return *money;
}

Result<Currency> currency_at(std::string_view code, const std::string& where) {
  auto currency = currency_from_code(trim(code));
  if (!currency) {
    return invalid_argument("unknown_currency",
                            "'" + std::string(trim(code)) + "' is not an ISO 4217 currency", where);
  }
  return *currency;
}

Result<Date> parse_iso_date(std::string_view text, const std::string& where) {
  const std::string_view value = trim(text);
  auto date = parse_date(value.substr(0, 10));
  if (!date) {
    return invalid_argument("invalid_date", "'" + std::string(value) + "' is not a date", where);
  }
  return *date;
}

std::string show(Money amount) { return format_money(amount); }

}  // namespace o2c::bankfiles
