#include "fx/fx.h"

#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace o2c {
namespace {

Currency currency(std::string_view code) { return currency_from_code(code).value(); }
Money money(std::string_view text, std::string_view code) {
  return parse_money(text, currency(code)).value();
}
Money eur(std::string_view text) { return money(text, "EUR"); }
Money usd(std::string_view text) { return money(text, "USD"); }
FxRate rate(std::string_view text) { return parse_fx_rate(text).value(); }
Date date(std::string_view text) { return parse_date(text).value(); }

// ---- rates as text ---------------------------------------------------------------------------

TEST(ParseFxRate, ReadsUpToSixDecimals) {
  EXPECT_EQ(rate("1.0854").micros, 1'085'400);
  EXPECT_EQ(rate("1").micros, 1'000'000);
  EXPECT_EQ(rate("0.000001").micros, 1);
  EXPECT_EQ(rate("157.25").micros, 157'250'000);
  EXPECT_EQ(rate("1000000").micros, kFxRateMicrosMax);
}

TEST(ParseFxRate, RefusesMalformedText) {
  for (std::string_view text : {"", "abc", "1,08", "-1.08", "+1.08", "1.0854321", "1.", ".5", "1e3",
                                " 1.08", "1.08 ", "1..0", "0x10", "10000000"}) {
    Result<FxRate> parsed = parse_fx_rate(text);
    ASSERT_FALSE(parsed.has_value()) << "'" << text << "'";
    EXPECT_EQ(parsed.error().reason, "invalid_fx_rate") << "'" << text << "'";
  }
}

TEST(ParseFxRate, RefusesZeroAndTooLarge) {
  EXPECT_EQ(parse_fx_rate("0").error().reason, "fx_rate_must_be_positive");
  EXPECT_EQ(parse_fx_rate("0.000000").error().reason, "fx_rate_must_be_positive");
  EXPECT_EQ(parse_fx_rate("1000000.000001").error().reason, "fx_rate_too_large");
}

TEST(FormatFxRate, AlwaysSixDecimals) {
  EXPECT_EQ(format_fx_rate(rate("1.0854")), "1.085400");
  EXPECT_EQ(format_fx_rate(FxRate{1}), "0.000001");
  EXPECT_EQ(format_fx_rate(kFxRateOne), "1.000000");
}

TEST(ValidateFxRate, RefusesTheCompanyCurrency) {
  Status status = validate_fx_rate(FxRateEntry{date("2026-03-01"), currency("EUR"), rate("1")},
                                   currency("EUR"));
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().reason, "fx_rate_for_company_currency");
  EXPECT_EQ(status.error().where, "currency");
  EXPECT_TRUE(validate_fx_rate(FxRateEntry{date("2026-03-01"), currency("USD"), rate("1.1")},
                               currency("EUR")));
  EXPECT_EQ(
      validate_fx_rate(FxRateEntry{date("2026-03-01"), currency("USD"), FxRate{0}}, currency("EUR"))
          .error()
          .reason,
      "fx_rate_must_be_positive");
}

// ---- translation -------------------------------------------------------------------------------

TEST(ToCompanyCurrency, MultipliesAndRoundsHalfEven) {
  EXPECT_EQ(to_company_currency(usd("1000.00"), rate("1.10"), currency("EUR")).value(),
            eur("1100.00"));
  // 0.05 × 1.1 = 0.055 → 0.06 (half-even: 5.5 cents to the even 6)
  EXPECT_EQ(to_company_currency(usd("0.05"), rate("1.1"), currency("EUR")).value(), eur("0.06"));
  // 0.15 × 1.1 = 0.165 → 0.16 (16.5 cents to the even 16)
  EXPECT_EQ(to_company_currency(usd("0.15"), rate("1.1"), currency("EUR")).value(), eur("0.16"));
  // A credit rounds symmetrically.
  EXPECT_EQ(to_company_currency(usd("-0.15"), rate("1.1"), currency("EUR")).value(), eur("-0.16"));
}

TEST(ToCompanyCurrency, MindsTheExponentsOfBothCurrencies) {
  // 1000 yen at 0.006135 EUR per yen = 6.135 → 6.14 (half-even: 613.5 cents to 614)
  EXPECT_EQ(to_company_currency(money("1000", "JPY"), rate("0.006135"), currency("EUR")).value(),
            eur("6.14"));
  // 12.34 EUR at 157.25 JPY per EUR = 1940.465 → 1940 yen
  EXPECT_EQ(to_company_currency(eur("12.34"), rate("157.25"), currency("JPY")).value(),
            money("1940", "JPY"));
  // 1.000 KWD at 3.25 EUR = 3.25 EUR
  EXPECT_EQ(to_company_currency(money("1.000", "KWD"), rate("3.25"), currency("EUR")).value(),
            eur("3.25"));
}

TEST(ToCompanyCurrency, ReportsOverflow) {
  Result<Money> huge = to_company_currency(Money{INT64_MAX, currency("USD")},
                                           FxRate{kFxRateMicrosMax}, currency("EUR"));
  ASSERT_FALSE(huge.has_value());
  EXPECT_EQ(huge.error().reason, "amount_overflow");
}

TEST(SettledShare, ThreePartsClearTheWholeCompanyAmountExactly) {
  // 1000.00 USD invoiced at 1.0854 = 1085.40 EUR, settled 333.33 + 333.33 + 333.34.
  const Money total = usd("1000.00");
  const Money company = eur("1085.40");
  const Money first = settled_share(company, total, usd("0"), usd("333.33")).value();
  const Money second = settled_share(company, total, usd("333.33"), usd("333.33")).value();
  const Money third = settled_share(company, total, usd("666.66"), usd("333.34")).value();
  EXPECT_EQ(first, eur("361.80"));   // 361.7973… → 361.80
  EXPECT_EQ(second, eur("361.79"));  // 723.5946… → 723.59, less 361.80
  EXPECT_EQ(third, eur("361.81"));   // the rest
  EXPECT_EQ(first.minor + second.minor + third.minor, company.minor);
}

TEST(SettledShare, AnyNumberOfCentPartsSumsToTheWhole) {
  const Money total = usd("0.07");
  const Money company = eur("0.10");
  std::int64_t cleared = 0;
  for (int i = 0; i < 7; ++i)
    cleared += settled_share(company, total, Money{i, total.currency}, usd("0.01")).value().minor;
  EXPECT_EQ(cleared, company.minor);
}

TEST(SettledShareDeathTest, SettlingMoreThanTheDocumentAborts) {
  EXPECT_DEATH((void)settled_share(eur("1.10"), usd("1.00"), usd("0.50"), usd("0.51")),
               "invariant broken");
}

// ---- the rates file --------------------------------------------------------------------------

TEST(ParseFxRatesCsv, ReadsRowsAndSkipsTheHeader) {
  Result<FxRatesFile> file = parse_fx_rates_csv(
      "date,currency,rate\n2026-03-01,USD,1.0854\n2026-03-01,GBP,1.17\n\n2026-03-02,USD,1.09\n",
      currency("EUR"), "rates.csv");
  ASSERT_TRUE(file.has_value());
  EXPECT_TRUE(file->problems.empty());
  ASSERT_EQ(file->rates.size(), 3u);
  EXPECT_EQ(file->rates[0], (FxRateEntry{date("2026-03-01"), currency("USD"), FxRate{1'085'400}}));
  EXPECT_EQ(file->rates[2].rate.micros, 1'090'000);
}

TEST(ParseFxRatesCsv, NamesEveryBadRowByLineAndColumn) {
  Result<FxRatesFile> file = parse_fx_rates_csv(
      "date,currency,rate\n"
      "2026-03-01,USD,1.0854\n"  // 2: good
      "2026-02-30,USD,1.0854\n"  // 3: no such day
      "2026-03-01,XYZ,1.0\n"     // 4: unknown currency
      "2026-03-01,GBP,abc\n"     // 5: malformed rate
      "2026-03-01,GBP,0\n"       // 6: zero
      "2026-03-01,EUR,1\n"       // 7: the company currency
      "2026-03-01,USD,1.0855\n"  // 8: another rate for line 2's date
      "2026-03-01,USD,1.0854\n"  // 9: the same again: taken once
      "2026-03-01,USD\n",        // 10: too few fields
      currency("EUR"), "rates.csv");
  ASSERT_TRUE(file.has_value());
  ASSERT_EQ(file->problems.size(), 7u);
  const std::pair<std::string_view, std::string_view> expected[] = {
      {"invalid_date", "rates.csv line 3, date"},
      {"unknown_currency", "rates.csv line 4, currency"},
      {"invalid_fx_rate", "rates.csv line 5, rate"},
      {"fx_rate_must_be_positive", "rates.csv line 6, rate"},
      {"fx_rate_for_company_currency", "rates.csv line 7, currency"},
      {"duplicate_fx_rate", "rates.csv line 8, rate"},
      {"wrong_field_count", "rates.csv line 10, row"},
  };
  for (std::size_t i = 0; i < std::size(expected); ++i) {
    EXPECT_EQ(file->problems[i].reason, expected[i].first) << i;
    EXPECT_EQ(file->problems[i].where, expected[i].second) << i;
  }
  EXPECT_EQ(file->rates.size(), 1u);
}

TEST(ParseFxRatesCsv, AnEmptyFileIsRefused) {
  Result<FxRatesFile> file = parse_fx_rates_csv("", currency("EUR"), "rates.csv");
  ASSERT_FALSE(file.has_value());
  EXPECT_EQ(file.error().reason, "empty_file");
}

}  // namespace
}  // namespace o2c
