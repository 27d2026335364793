#include "core/money.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <numeric>

namespace o2c {
namespace {

struct CurrencyRow {
  std::string_view code;
  std::int8_t exponent;
};
// ISO 4217 currencies we trade in; the exponent is the number of minor-unit digits.
constexpr CurrencyRow kCurrencies[] = {
    {"AUD", 2}, {"BHD", 3}, {"BRL", 2}, {"CAD", 2}, {"CHF", 2}, {"CLP", 0}, {"CNY", 2}, {"CZK", 2},
    {"DKK", 2}, {"EUR", 2}, {"GBP", 2}, {"HKD", 2}, {"HUF", 2}, {"INR", 2}, {"ISK", 0}, {"JOD", 3},
    {"JPY", 0}, {"KRW", 0}, {"KWD", 3}, {"MXN", 2}, {"NOK", 2}, {"NZD", 2}, {"OMR", 3}, {"PLN", 2},
    {"RON", 2}, {"SEK", 2}, {"SGD", 2}, {"TND", 3}, {"TRY", 2}, {"USD", 2}, {"ZAR", 2},
};

constexpr std::int64_t kPowersOfTen[] = {1, 10, 100, 1000, 10000};

Error currency_mismatch(Money left, Money right) {
  return invalid_argument("currency_mismatch", "cannot combine " + format_money(left) + " with " +
                                                   format_money(right) + ": currencies differ");
}

Error amount_overflow(std::string_view what) {
  return invalid_argument("amount_overflow",
                          std::string(what) + " is too large for an exact amount");
}

// Parses "[-]digits[.digits]" into an integer scaled by 10^decimals_max.
Result<std::int64_t> parse_fixed(std::string_view text, int decimals_max, std::string_view what) {
  const std::string shown = "'" + std::string(text) + "'";
  if (text.empty()) return invalid_argument("malformed_number", std::string(what) + " is empty");
  bool negative = false;
  std::string_view digits = text;
  if (digits.front() == '-') {
    negative = true;
    digits.remove_prefix(1);
  }
  const std::size_t dot = digits.find('.');
  std::string_view whole = digits.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? "" : digits.substr(dot + 1);
  const auto all_digits = [](std::string_view part) {
    return std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (whole.empty() || !all_digits(whole) || !all_digits(fraction) ||
      (dot != std::string_view::npos && fraction.empty())) {
    return invalid_argument("malformed_number", std::string(what) + " " + shown +
                                                    " is not a plain decimal number like 1234.50");
  }
  if (static_cast<int>(fraction.size()) > decimals_max) {
    return invalid_argument("too_many_decimals", std::string(what) + " " + shown + " has " +
                                                     std::to_string(fraction.size()) +
                                                     " decimals; at most " +
                                                     std::to_string(decimals_max) + " allowed");
  }
  std::int64_t value = 0;
  for (char c : whole) {
    if (__builtin_mul_overflow(value, 10, &value) || __builtin_add_overflow(value, c - '0', &value))
      return amount_overflow(std::string(what) + " " + shown);
  }
  for (int i = 0; i < decimals_max; ++i) {
    const int digit = i < static_cast<int>(fraction.size()) ? fraction[i] - '0' : 0;
    if (__builtin_mul_overflow(value, 10, &value) || __builtin_add_overflow(value, digit, &value))
      return amount_overflow(std::string(what) + " " + shown);
  }
  return negative ? -value : value;
}

std::string format_fixed(std::int64_t value, int decimals) {
  O2C_ASSERT(decimals >= 0 && decimals <= 4);
  // Work in unsigned so that INT64_MIN formats without overflow. Digits are written backwards
  // into a buffer: amounts are formatted for every journal payload, on the writer's hot path.
  const bool negative = value < 0;
  std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(value) : value;
  char text[32];
  char* end = text + sizeof text;
  char* out = end;
  for (int place = 0; place < decimals; ++place) {
    *--out = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  }
  if (decimals > 0) *--out = '.';
  do {
    *--out = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  if (negative) *--out = '-';
  return std::string(out, end);
}

}  // namespace

Result<Currency> currency_from_code(std::string_view code) {
  for (const CurrencyRow& row : kCurrencies) {
    if (row.code == code) {
      Currency currency;
      std::copy(row.code.begin(), row.code.end(), currency.code.begin());
      currency.exponent = row.exponent;
      return currency;
    }
  }
  return invalid_argument("unknown_currency",
                          "'" + std::string(code) + "' is not an ISO 4217 currency we know");
}

Money zero(Currency currency) { return Money{0, currency}; }

Result<Money> add(Money left, Money right) {
  if (left.currency != right.currency) return currency_mismatch(left, right);
  Money result{0, left.currency};
  if (__builtin_add_overflow(left.minor, right.minor, &result.minor)) return amount_overflow("sum");
  return result;
}

Result<Money> subtract(Money left, Money right) {
  if (left.currency != right.currency) return currency_mismatch(left, right);
  Money result{0, left.currency};
  if (__builtin_sub_overflow(left.minor, right.minor, &result.minor))
    return amount_overflow("difference");
  return result;
}

Money negate(Money amount) {
  O2C_ASSERT(amount.minor != std::numeric_limits<std::int64_t>::min());
  return Money{-amount.minor, amount.currency};
}

Result<Money> sum(std::span<const Money> amounts, Currency currency) {
  Money total = zero(currency);
  for (const Money& amount : amounts) {
    O2C_ASSIGN_OR_RETURN(total, add(total, amount));
  }
  return total;
}

Result<std::int64_t> divide_rounded(Int128 numerator, Int128 denominator, Rounding rounding) {
  O2C_ASSERT(denominator > 0);
  Int128 quotient = numerator / denominator;
  Int128 remainder = numerator % denominator;
  if (remainder != 0 && rounding != Rounding::kDown) {
    // Compare twice the remainder's magnitude with the denominator to find the nearer side.
    const Int128 twice = (remainder < 0 ? -remainder : remainder) * 2;
    const int away = numerator < 0 ? -1 : 1;
    if (twice > denominator) {
      quotient += away;
    } else if (twice == denominator) {
      const bool odd = quotient % 2 != 0;
      if (rounding == Rounding::kHalfUp || odd) quotient += away;
    }
  }
  if (quotient > std::numeric_limits<std::int64_t>::max() ||
      quotient < std::numeric_limits<std::int64_t>::min()) {
    return amount_overflow("result");
  }
  return static_cast<std::int64_t>(quotient);
}

Result<Money> extend(Money unit_price, Quantity quantity, Rounding rounding) {
  O2C_ASSIGN_OR_RETURN(
      std::int64_t minor,
      divide_rounded(static_cast<Int128>(unit_price.minor) * quantity.milli, 1000, rounding));
  return Money{minor, unit_price.currency};
}

Result<Money> apply_rate(Money amount, BasisPoints rate, Rounding rounding) {
  O2C_ASSIGN_OR_RETURN(
      std::int64_t minor,
      divide_rounded(static_cast<Int128>(amount.minor) * rate.value, kBasisPointsWhole, rounding));
  return Money{minor, amount.currency};
}

Result<Money> prorate(Money amount, std::int64_t part, std::int64_t whole, Rounding rounding) {
  O2C_ASSERT(whole > 0);
  O2C_ASSERT(part >= 0 && part <= whole);
  O2C_ASSIGN_OR_RETURN(std::int64_t minor,
                       divide_rounded(static_cast<Int128>(amount.minor) * part, whole, rounding));
  return Money{minor, amount.currency};
}

Result<std::vector<Money>> allocate(Money total, std::span<const std::int64_t> weights) {
  if (weights.empty()) return invalid_argument("no_parts", "cannot split an amount into no parts");
  Int128 weight_sum = 0;
  for (std::int64_t weight : weights) {
    if (weight < 0)
      return invalid_argument("negative_weight", "split weights must not be negative");
    weight_sum += weight;
  }
  if (weight_sum == 0) return invalid_argument("zero_weights", "split weights are all zero");

  // Floor every share (toward negative infinity for negative totals, by working on the
  // magnitude), then hand the leftover minor units to the largest remainders.
  const bool negative = total.minor < 0;
  const Int128 magnitude = negative ? -static_cast<Int128>(total.minor) : total.minor;
  // Shares are magnitudes, kept 128-bit: the share of INT64_MIN is 2^63, which int64 cannot hold.
  std::vector<Int128> shares(weights.size());
  std::vector<Int128> remainders(weights.size());
  Int128 given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const Int128 exact = magnitude * weights[i];
    shares[i] = exact / weight_sum;
    remainders[i] = exact % weight_sum;
    given += shares[i];
  }
  std::vector<std::size_t> order(weights.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
  const auto leftover = static_cast<std::size_t>(magnitude - given);
  O2C_ASSERT(leftover < weights.size());
  for (std::size_t k = 0; k < leftover; ++k) ++shares[order[k]];

  std::vector<Money> parts;
  parts.reserve(shares.size());
  for (Int128 share : shares)
    parts.push_back(Money{static_cast<std::int64_t>(negative ? -share : share), total.currency});
  return parts;
}

Result<Money> parse_money(std::string_view text, Currency currency) {
  O2C_ASSIGN_OR_RETURN(std::int64_t minor, parse_fixed(text, currency.exponent, "amount"));
  return Money{minor, currency};
}

std::string format_amount(Money amount) {
  return format_fixed(amount.minor, amount.currency.exponent);
}

std::string format_money(Money amount) {
  return format_amount(amount) + " " + std::string(amount.currency.text());
}

std::string format_grouped(Money amount) {
  std::string plain = format_amount(amount);
  const bool negative = !plain.empty() && plain.front() == '-';
  const std::size_t start = negative ? 1 : 0;
  std::size_t end = plain.find('.');
  if (end == std::string::npos) end = plain.size();
  for (std::ptrdiff_t pos = static_cast<std::ptrdiff_t>(end) - 3;
       pos > static_cast<std::ptrdiff_t>(start); pos -= 3) {
    plain.insert(static_cast<std::size_t>(pos), ",");
  }
  return plain;
}

Result<Quantity> parse_quantity(std::string_view text) {
  O2C_ASSIGN_OR_RETURN(std::int64_t milli, parse_fixed(text, 3, "quantity"));
  return Quantity{milli};
}

std::string format_quantity(Quantity quantity) {
  std::string text = format_fixed(quantity.milli, 3);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

Result<BasisPoints> parse_percent(std::string_view text) {
  O2C_ASSIGN_OR_RETURN(std::int64_t value, parse_fixed(text, 2, "percentage"));
  if (value < 0 || value > kBasisPointsWhole) {
    return invalid_argument("percent_out_of_range",
                            "percentage '" + std::string(text) + "' must be between 0 and 100");
  }
  return BasisPoints{static_cast<std::int32_t>(value)};
}

std::string format_percent(BasisPoints rate) {
  std::string text = format_fixed(rate.value, 2);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

}  // namespace o2c
