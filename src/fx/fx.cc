#include "fx/fx.h"

#include <map>
#include <utility>

#include "formats/csv/csv.h"

namespace o2c {
namespace {

Int128 power_of_ten(int exponent) {
  O2C_ASSERT(exponent >= 0 && exponent <= 18);
  Int128 value = 1;
  for (int i = 0; i < exponent; ++i) value *= 10;
  return value;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The row's problem, naming the file, line and column.
Error row_problem(Error error, std::string_view source, std::size_t line, std::string_view column) {
  error.where = std::string(source) + " line " + std::to_string(line) + ", " + std::string(column);
  return error;
}

}  // namespace

Result<FxRate> parse_fx_rate(std::string_view text) {
  const auto malformed = [&] {
    return invalid_argument("invalid_fx_rate",
                            "rate '" + std::string(text) +
                                "' is not a decimal number with at most 6 decimals (e.g. 1.0854)");
  };
  const std::size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  if (whole.empty() || whole.size() > 7 || fraction.size() > 6) return malformed();
  if (dot != std::string_view::npos && fraction.empty()) return malformed();
  std::int64_t micros = 0;
  for (char c : whole) {
    if (!is_digit(c)) return malformed();
    micros = micros * 10 + (c - '0');
  }
  micros *= kFxRateScale;
  std::int64_t scale = kFxRateScale;
  for (char c : fraction) {
    if (!is_digit(c)) return malformed();
    scale /= 10;
    micros += (c - '0') * scale;
  }
  if (micros == 0)
    return invalid_argument("fx_rate_must_be_positive",
                            "rate '" + std::string(text) + "' must be greater than 0");
  if (micros > kFxRateMicrosMax)
    return invalid_argument("fx_rate_too_large", "rate '" + std::string(text) + "' is above " +
                                                     format_fx_rate(FxRate{kFxRateMicrosMax}));
  return FxRate{micros};
}

std::string format_fx_rate(FxRate rate) {
  O2C_ASSERT(rate.micros >= 0);
  std::string fraction = std::to_string(rate.micros % kFxRateScale);
  fraction.insert(0, 6 - fraction.size(), '0');
  return std::to_string(rate.micros / kFxRateScale) + "." + fraction;
}

Status validate_fx_rate(const FxRateEntry& entry, Currency company) {
  if (entry.currency == company)
    return invalid_argument(
        "fx_rate_for_company_currency",
        std::string(company.text()) + " is the company currency: its rate is always 1", "currency");
  if (entry.rate.micros <= 0)
    return invalid_argument("fx_rate_must_be_positive", "a rate must be greater than 0", "rate");
  if (entry.rate.micros > kFxRateMicrosMax)
    return invalid_argument("fx_rate_too_large",
                            "rate " + format_fx_rate(entry.rate) + " is above " +
                                format_fx_rate(FxRate{kFxRateMicrosMax}),
                            "rate");
  return {};
}

Result<Money> to_company_currency(Money amount, FxRate rate, Currency company) {
  O2C_ASSERT(rate.micros > 0);
  if (amount.currency == company) {
    O2C_ASSERT(rate == kFxRateOne);
    return amount;
  }
  const Int128 numerator =
      static_cast<Int128>(amount.minor) * rate.micros * power_of_ten(company.exponent);
  const Int128 denominator = power_of_ten(amount.currency.exponent) * kFxRateScale;
  O2C_ASSIGN_OR_RETURN(std::int64_t minor,
                       divide_rounded(numerator, denominator, Rounding::kHalfEven));
  return Money{minor, company};
}

Result<Money> settled_share(Money company_total, Money document_total, Money settled_before,
                            Money settled_now) {
  O2C_ASSERT(document_total.minor > 0);
  O2C_ASSERT(settled_before.minor >= 0);
  O2C_ASSERT(settled_now.minor >= 0);
  O2C_ASSERT(settled_before.currency == document_total.currency);
  O2C_ASSERT(settled_now.currency == document_total.currency);
  const Int128 after = static_cast<Int128>(settled_before.minor) + settled_now.minor;
  O2C_ASSERT(after <= document_total.minor);
  O2C_ASSIGN_OR_RETURN(std::int64_t cleared_after,
                       divide_rounded(static_cast<Int128>(company_total.minor) * after,
                                      document_total.minor, Rounding::kHalfEven));
  O2C_ASSIGN_OR_RETURN(
      std::int64_t cleared_before,
      divide_rounded(static_cast<Int128>(company_total.minor) * settled_before.minor,
                     document_total.minor, Rounding::kHalfEven));
  // The last part clears exactly what is left: round(total × 1) = total.
  if (after == document_total.minor) O2C_ASSERT(cleared_after == company_total.minor);
  return Money{cleared_after - cleared_before, company_total.currency};
}

Result<FxRatesFile> parse_fx_rates_csv(std::string_view text, Currency company,
                                       std::string_view source) {
  O2C_ASSIGN_OR_RETURN(std::vector<CsvRecord> records, read_csv(text));
  if (records.empty())
    return invalid_argument("empty_file", std::string(source) + " has no rates", "file");
  FxRatesFile file;
  std::map<std::pair<std::string, std::string>, std::pair<FxRate, std::size_t>> seen;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const CsvRecord& record = records[i];
    if (record.problem) {
      file.problems.push_back(
          row_problem(invalid_argument(record.problem->reason, record.problem->message), source,
                      record.line, "field " + std::to_string(record.problem->field)));
      continue;
    }
    const std::vector<std::string>& fields = record.fields;
    if (i == 0 && fields.size() == 3 && fields[0] == "date" && fields[1] == "currency" &&
        fields[2] == "rate")
      continue;
    if (fields.size() != 3) {
      file.problems.push_back(row_problem(
          invalid_argument("wrong_field_count", "expected 3 fields (date,currency,rate), found " +
                                                    std::to_string(fields.size())),
          source, record.line, "row"));
      continue;
    }
    FxRateEntry entry;
    Result<Date> date = parse_date(fields[0]);
    if (!date) {
      file.problems.push_back(row_problem(std::move(date).error(), source, record.line, "date"));
      continue;
    }
    entry.date = *date;
    Result<Currency> currency = currency_from_code(fields[1]);
    if (!currency) {
      file.problems.push_back(
          row_problem(std::move(currency).error(), source, record.line, "currency"));
      continue;
    }
    entry.currency = *currency;
    Result<FxRate> rate = parse_fx_rate(fields[2]);
    if (!rate) {
      file.problems.push_back(row_problem(std::move(rate).error(), source, record.line, "rate"));
      continue;
    }
    entry.rate = *rate;
    Status valid = validate_fx_rate(entry, company);
    if (!valid) {
      Error error = std::move(valid).error();
      const std::string column = error.where;
      file.problems.push_back(row_problem(std::move(error), source, record.line, column));
      continue;
    }
    const auto key = std::make_pair(fields[0], std::string(currency->text()));
    auto [earlier, inserted] = seen.emplace(key, std::make_pair(entry.rate, record.line));
    if (!inserted) {
      if (earlier->second.first != entry.rate)
        file.problems.push_back(row_problem(
            already_exists("duplicate_fx_rate", fields[1] + " on " + fields[0] + " is already " +
                                                    format_fx_rate(earlier->second.first) +
                                                    " on line " +
                                                    std::to_string(earlier->second.second)),
            source, record.line, "rate"));
      continue;
    }
    file.rates.push_back(entry);
  }
  return file;
}

}  // namespace o2c
