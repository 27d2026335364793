#include "core/money.h"

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

namespace o2c {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

Currency currency(std::string_view code) {
  Result<Currency> found = currency_from_code(code);
  EXPECT_TRUE(found.has_value()) << code;
  return found.has_value() ? *found : Currency{};
}
Currency eur() { return currency("EUR"); }
Currency jpy() { return currency("JPY"); }
Currency kwd() { return currency("KWD"); }
Money eur(std::int64_t minor) { return Money{minor, eur()}; }
Money jpy(std::int64_t minor) { return Money{minor, jpy()}; }
Money kwd(std::int64_t minor) { return Money{minor, kwd()}; }

// The reason of a failed result, or "ok" when it succeeded, so a test reads as one line.
template <typename T>
std::string reason_of(const Result<T>& result) {
  return result.has_value() ? "ok" : result.error().reason;
}

// "1234.50 EUR" for a success, the reason for a failure.
std::string shown(const Result<Money>& result) {
  return result.has_value() ? format_money(*result) : result.error().reason;
}

std::string shown(const Result<std::vector<Money>>& result) {
  if (!result.has_value()) return result.error().reason;
  std::string text;
  for (const Money& part : *result) text += (text.empty() ? "" : " ") + format_amount(part);
  return text;
}

// ---- currencies ---------------------------------------------------------------------------

TEST(CurrencyFromCode, KnowsTheMinorUnitDigits) {
  EXPECT_EQ(eur().text(), "EUR");
  EXPECT_EQ(eur().exponent, 2);
  EXPECT_EQ(jpy().text(), "JPY");
  EXPECT_EQ(jpy().exponent, 0);
  EXPECT_EQ(kwd().text(), "KWD");
  EXPECT_EQ(kwd().exponent, 3);
}

TEST(CurrencyFromCode, RejectsUnknownCodes) {
  for (std::string_view code : {"XXX", "eur", "EURO", "EU", ""}) {
    Result<Currency> found = currency_from_code(code);
    ASSERT_FALSE(found.has_value()) << code;
    EXPECT_EQ(found.error().kind, ErrorKind::kInvalidArgument);
    EXPECT_EQ(found.error().reason, "unknown_currency");
  }
}

// ---- add, subtract, negate, sum -------------------------------------------------------------

TEST(AddMoney, AddsAmountsOfOneCurrency) {
  EXPECT_EQ(shown(add(eur(1050), eur(-25))), "10.25 EUR");
  EXPECT_EQ(shown(add(eur(kMax), eur(0))), "92233720368547758.07 EUR");
  EXPECT_EQ(shown(add(eur(kMax), eur(kMin))), "-0.01 EUR");
}

TEST(AddMoney, RejectsDifferentCurrencies) {
  Result<Money> total = add(eur(100), jpy(100));
  ASSERT_FALSE(total.has_value());
  EXPECT_EQ(total.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(total.error().reason, "currency_mismatch");
}

TEST(AddMoney, RejectsOverflowPastTheLargestAmount) {
  EXPECT_EQ(reason_of(add(eur(kMax), eur(1))), "amount_overflow");
  EXPECT_EQ(reason_of(add(eur(kMin), eur(-1))), "amount_overflow");
  EXPECT_EQ(reason_of(add(jpy(kMax), jpy(kMax))), "amount_overflow");
}

TEST(AddMoney, ChecksCurrencyBeforeOverflow) {
  EXPECT_EQ(reason_of(add(eur(kMax), kwd(1))), "currency_mismatch");
}

TEST(SubtractMoney, SubtractsAmountsOfOneCurrency) {
  EXPECT_EQ(shown(subtract(eur(1000), eur(1999))), "-9.99 EUR");
  EXPECT_EQ(shown(subtract(eur(kMin), eur(-1))), "-92233720368547758.07 EUR");
}

TEST(SubtractMoney, RejectsDifferentCurrencies) {
  EXPECT_EQ(reason_of(subtract(eur(100), kwd(100))), "currency_mismatch");
}

TEST(SubtractMoney, RejectsOverflowPastEitherEnd) {
  EXPECT_EQ(reason_of(subtract(eur(kMin), eur(1))), "amount_overflow");
  EXPECT_EQ(reason_of(subtract(eur(kMax), eur(-1))), "amount_overflow");
  EXPECT_EQ(reason_of(subtract(eur(0), eur(kMin))), "amount_overflow");
}

TEST(NegateMoney, FlipsTheSignAndKeepsTheCurrency) {
  EXPECT_EQ(negate(eur(1999)), eur(-1999));
  EXPECT_EQ(negate(kwd(-1)), kwd(1));
  EXPECT_EQ(negate(eur(0)), eur(0));
  EXPECT_EQ(negate(jpy(kMax)), jpy(-kMax));
}

TEST(MoneyDeathTest, NegatingMinimumAborts) { EXPECT_DEATH(negate(eur(kMin)), "minor"); }

TEST(SumMoney, AddsEveryAmount) {
  const std::vector<Money> amounts = {eur(1999), eur(1), eur(-500)};
  EXPECT_EQ(shown(sum(amounts, eur())), "15.00 EUR");
}

TEST(SumMoney, EmptyListIsZeroInTheGivenCurrency) { EXPECT_EQ(shown(sum({}, kwd())), "0.000 KWD"); }

TEST(SumMoney, RejectsAnAmountInAnotherCurrency) {
  const std::vector<Money> amounts = {eur(1), jpy(1)};
  EXPECT_EQ(reason_of(sum(amounts, eur())), "currency_mismatch");
  const std::vector<Money> only_yen = {jpy(1)};
  EXPECT_EQ(reason_of(sum(only_yen, eur())), "currency_mismatch");
}

TEST(SumMoney, RejectsOverflowEvenIfALaterAmountWouldBringItBack) {
  const std::vector<Money> amounts = {eur(kMax), eur(1), eur(-1)};
  EXPECT_EQ(reason_of(sum(amounts, eur())), "amount_overflow");
}

// ---- rounding -------------------------------------------------------------------------------

std::string divided(Int128 numerator, Int128 denominator, Rounding rounding) {
  Result<std::int64_t> quotient = divide_rounded(numerator, denominator, rounding);
  return quotient.has_value() ? std::to_string(*quotient) : quotient.error().reason;
}

TEST(DivideRounded, HalfEvenRoundsTiesToTheEvenNeighbour) {
  EXPECT_EQ(divided(5, 2, Rounding::kHalfEven), "2");    // 2.5
  EXPECT_EQ(divided(7, 2, Rounding::kHalfEven), "4");    // 3.5
  EXPECT_EQ(divided(-5, 2, Rounding::kHalfEven), "-2");  // -2.5
  EXPECT_EQ(divided(-7, 2, Rounding::kHalfEven), "-4");  // -3.5
  EXPECT_EQ(divided(1, 2, Rounding::kHalfEven), "0");    // 0.5
  EXPECT_EQ(divided(-1, 2, Rounding::kHalfEven), "0");   // -0.5
}

TEST(DivideRounded, HalfEvenRoundsNonTiesToTheNearest) {
  EXPECT_EQ(divided(26, 10, Rounding::kHalfEven), "3");    // 2.6
  EXPECT_EQ(divided(24, 10, Rounding::kHalfEven), "2");    // 2.4
  EXPECT_EQ(divided(-26, 10, Rounding::kHalfEven), "-3");  // -2.6
  EXPECT_EQ(divided(-24, 10, Rounding::kHalfEven), "-2");  // -2.4
  EXPECT_EQ(divided(2, 3, Rounding::kHalfEven), "1");      // 0.67
}

TEST(DivideRounded, HalfUpRoundsTiesAwayFromZero) {
  EXPECT_EQ(divided(5, 2, Rounding::kHalfUp), "3");    // 2.5
  EXPECT_EQ(divided(7, 2, Rounding::kHalfUp), "4");    // 3.5
  EXPECT_EQ(divided(-5, 2, Rounding::kHalfUp), "-3");  // -2.5
  EXPECT_EQ(divided(-7, 2, Rounding::kHalfUp), "-4");  // -3.5
  EXPECT_EQ(divided(24, 10, Rounding::kHalfUp), "2");  // 2.4
  EXPECT_EQ(divided(-26, 10, Rounding::kHalfUp), "-3");
}

TEST(DivideRounded, DownTruncatesTowardZero) {
  EXPECT_EQ(divided(29, 10, Rounding::kDown), "2");
  EXPECT_EQ(divided(-29, 10, Rounding::kDown), "-2");
  EXPECT_EQ(divided(5, 2, Rounding::kDown), "2");
  EXPECT_EQ(divided(-5, 2, Rounding::kDown), "-2");
}

TEST(DivideRounded, ExactQuotientsAreUnchangedByEveryMode) {
  for (Rounding rounding : {Rounding::kHalfEven, Rounding::kHalfUp, Rounding::kDown}) {
    EXPECT_EQ(divided(12, 4, rounding), "3");
    EXPECT_EQ(divided(-12, 4, rounding), "-3");
    EXPECT_EQ(divided(0, 7, rounding), "0");
  }
}

TEST(DivideRounded, IsExactBeyondSixtyFourBits) {
  const Int128 twice_max = static_cast<Int128>(kMax) * 2;
  EXPECT_EQ(divided(twice_max, 2, Rounding::kHalfEven), std::to_string(kMax));
  EXPECT_EQ(divided(static_cast<Int128>(kMin) * 3, 3, Rounding::kHalfEven), std::to_string(kMin));
}

TEST(DivideRounded, RejectsAQuotientOutOfRange) {
  const Int128 twice_max = static_cast<Int128>(kMax) * 2;
  EXPECT_EQ(divided(twice_max + 2, 2, Rounding::kDown), "amount_overflow");
  EXPECT_EQ(divided(static_cast<Int128>(kMin) - 1, 1, Rounding::kDown), "amount_overflow");
  // kMax + 0.5: kMax is odd, so half-even and half-up both step past the end; kDown does not.
  EXPECT_EQ(divided(twice_max + 1, 2, Rounding::kHalfEven), "amount_overflow");
  EXPECT_EQ(divided(twice_max + 1, 2, Rounding::kHalfUp), "amount_overflow");
  EXPECT_EQ(divided(twice_max + 1, 2, Rounding::kDown), std::to_string(kMax));
}

TEST(DivideRoundedDeathTest, ZeroDenominatorAborts) {
  EXPECT_DEATH((void)divide_rounded(1, 0, Rounding::kDown), "denominator");
}

// ---- extend, apply_rate, prorate ------------------------------------------------------------

TEST(Extend, MultipliesPriceByQuantity) {
  EXPECT_EQ(shown(extend(eur(1999), units(3), Rounding::kHalfEven)), "59.97 EUR");
  EXPECT_EQ(shown(extend(eur(1999), units(0), Rounding::kHalfEven)), "0.00 EUR");
  EXPECT_EQ(shown(extend(jpy(500), Quantity{2500}, Rounding::kHalfEven)), "1250 JPY");
  EXPECT_EQ(shown(extend(eur(-1999), units(3), Rounding::kHalfEven)), "-59.97 EUR");
}

TEST(Extend, RoundsFractionalQuantitiesToTheMinorUnit) {
  // 0.333 KWD × 1.5 = 0.4995: a tie, and 499 is odd, so half-even and half-up agree.
  EXPECT_EQ(shown(extend(kwd(333), Quantity{1500}, Rounding::kHalfEven)), "0.500 KWD");
  EXPECT_EQ(shown(extend(kwd(333), Quantity{1500}, Rounding::kHalfUp)), "0.500 KWD");
  EXPECT_EQ(shown(extend(kwd(333), Quantity{1500}, Rounding::kDown)), "0.499 KWD");
  // 0.335 KWD × 1.5 = 0.5025: a tie on an even digit, where the modes differ.
  EXPECT_EQ(shown(extend(kwd(335), Quantity{1500}, Rounding::kHalfEven)), "0.502 KWD");
  EXPECT_EQ(shown(extend(kwd(335), Quantity{1500}, Rounding::kHalfUp)), "0.503 KWD");
  // 0.33 EUR × 0.333 = 0.10989 → 0.11; a credit rounds symmetrically.
  EXPECT_EQ(shown(extend(eur(33), Quantity{333}, Rounding::kHalfEven)), "0.11 EUR");
  EXPECT_EQ(shown(extend(eur(-33), Quantity{333}, Rounding::kHalfEven)), "-0.11 EUR");
  EXPECT_EQ(shown(extend(eur(33), Quantity{333}, Rounding::kDown)), "0.10 EUR");
}

TEST(Extend, RejectsAProductOutOfRange) {
  EXPECT_EQ(reason_of(extend(eur(kMax), units(2), Rounding::kHalfEven)), "amount_overflow");
  EXPECT_EQ(shown(extend(eur(kMax), units(1), Rounding::kHalfEven)), "92233720368547758.07 EUR");
}

TEST(ApplyRate, TakesAPercentageRoundedToTheMinorUnit) {
  // 19 % of 10.01 = 1.9019 → 1.90.
  EXPECT_EQ(shown(apply_rate(eur(1001), BasisPoints{1900}, Rounding::kHalfEven)), "1.90 EUR");
  // 2.5 % of 1.00 = 0.025 → a tie on 2 (even); 2.5 % of 0.10 = 0.0025 is no tie.
  EXPECT_EQ(shown(apply_rate(eur(100), BasisPoints{250}, Rounding::kHalfEven)), "0.02 EUR");
  EXPECT_EQ(shown(apply_rate(eur(100), BasisPoints{250}, Rounding::kHalfUp)), "0.03 EUR");
  EXPECT_EQ(shown(apply_rate(eur(100), BasisPoints{250}, Rounding::kDown)), "0.02 EUR");
  EXPECT_EQ(shown(apply_rate(eur(10), BasisPoints{250}, Rounding::kHalfUp)), "0.00 EUR");
  EXPECT_EQ(shown(apply_rate(eur(-1001), BasisPoints{1900}, Rounding::kHalfEven)), "-1.90 EUR");
  EXPECT_EQ(shown(apply_rate(eur(1234), BasisPoints{0}, Rounding::kHalfEven)), "0.00 EUR");
  EXPECT_EQ(shown(apply_rate(eur(kMax), BasisPoints{kBasisPointsWhole}, Rounding::kHalfEven)),
            "92233720368547758.07 EUR");
}

TEST(ApplyRate, RejectsAResultOutOfRange) {
  EXPECT_EQ(reason_of(apply_rate(eur(kMax), BasisPoints{20'000}, Rounding::kHalfEven)),
            "amount_overflow");
}

TEST(Prorate, TakesThePartOfTheWhole) {
  EXPECT_EQ(shown(prorate(eur(10000), 1, 3, Rounding::kHalfEven)), "33.33 EUR");
  EXPECT_EQ(shown(prorate(eur(10000), 2, 3, Rounding::kHalfEven)), "66.67 EUR");
  EXPECT_EQ(shown(prorate(eur(5), 1, 2, Rounding::kHalfEven)), "0.02 EUR");
  EXPECT_EQ(shown(prorate(eur(5), 1, 2, Rounding::kHalfUp)), "0.03 EUR");
  EXPECT_EQ(shown(prorate(eur(-10000), 2, 3, Rounding::kDown)), "-66.66 EUR");
}

TEST(Prorate, NoneIsZeroAndAllIsTheWholeAmount) {
  EXPECT_EQ(prorate(eur(kMax), 0, 7, Rounding::kHalfEven).value(), eur(0));
  EXPECT_EQ(prorate(eur(kMax), 7, 7, Rounding::kHalfEven).value(), eur(kMax));
  EXPECT_EQ(prorate(eur(kMin), kMax, kMax, Rounding::kHalfEven).value(), eur(kMin));
}

TEST(ProrateDeathTest, PartLargerThanWholeAborts) {
  EXPECT_DEATH((void)prorate(eur(100), 4, 3, Rounding::kHalfEven), "part");
  EXPECT_DEATH((void)prorate(eur(100), 0, 0, Rounding::kHalfEven), "whole");
}

// ---- allocate -------------------------------------------------------------------------------

std::string split(Money total, std::vector<std::int64_t> weights) {
  return shown(allocate(total, weights));
}

TEST(SplitByWeights, NoCentIsLost) {
  EXPECT_EQ(split(eur(10000), {1, 1, 1}), "33.34 33.33 33.33");
  EXPECT_EQ(split(eur(1), {1, 1, 1}), "0.01 0.00 0.00");
  EXPECT_EQ(split(eur(200), {1, 1, 1}), "0.67 0.67 0.66");
  EXPECT_EQ(split(jpy(10), {1, 1, 1, 1, 1, 1, 1}), "2 2 2 1 1 1 1");
}

TEST(SplitByWeights, GivesLeftoverUnitsToTheLargestRemainders) {
  // 1.00 over 1:2 is 33.33… and 66.66…; the second remainder is larger.
  EXPECT_EQ(split(eur(100), {1, 2}), "0.33 0.67");
  EXPECT_EQ(split(eur(1000), {3, 0, 7}), "3.00 0.00 7.00");
  EXPECT_EQ(split(eur(100), {2, 1, 1}), "0.50 0.25 0.25");
  EXPECT_EQ(split(eur(1), {1, 3}), "0.00 0.01");
}

TEST(SplitByWeights, NegativeTotalsMirrorPositiveOnes) {
  EXPECT_EQ(split(eur(-10000), {1, 1, 1}), "-33.34 -33.33 -33.33");
  EXPECT_EQ(split(eur(-100), {1, 2}), "-0.33 -0.67");
  EXPECT_EQ(split(eur(0), {1, 2}), "0.00 0.00");
}

TEST(SplitByWeights, KeepsTheCurrency) {
  Result<std::vector<Money>> parts = allocate(kwd(1000), std::vector<std::int64_t>{1, 1});
  ASSERT_TRUE(parts.has_value());
  for (const Money& part : *parts) EXPECT_EQ(part.currency, kwd());
}

TEST(SplitByWeights, HandlesTheLargestAmountsAndWeights) {
  EXPECT_EQ(split(jpy(kMax), {1, 1}), "4611686018427387904 4611686018427387903");
  EXPECT_EQ(split(jpy(kMin), {1, 1}), "-4611686018427387904 -4611686018427387904");
  EXPECT_EQ(split(jpy(kMin), {1}), std::to_string(kMin));
  // Exact shares are …903.25, …903.25 and 0.5: the leftover yen goes to the largest remainder.
  EXPECT_EQ(split(jpy(kMax), {kMax, kMax, 1}), "4611686018427387903 4611686018427387903 1");
}

TEST(SplitByWeights, RejectsNoParts) { EXPECT_EQ(split(eur(100), {}), "no_parts"); }

TEST(SplitByWeights, RejectsAllZeroWeights) { EXPECT_EQ(split(eur(100), {0, 0}), "zero_weights"); }

TEST(SplitByWeights, RejectsANegativeWeight) {
  EXPECT_EQ(split(eur(100), {1, -1, 3}), "negative_weight");
  EXPECT_EQ(split(eur(100), {-1}), "negative_weight");
  Result<std::vector<Money>> parts = allocate(eur(100), std::vector<std::int64_t>{2, -1});
  ASSERT_FALSE(parts.has_value());
  EXPECT_EQ(parts.error().kind, ErrorKind::kInvalidArgument);
}

TEST(SplitByWeights, RandomSplitsAddUpAndStayWithinOneUnitOfTheExactShare) {
  std::mt19937 random(20260302);
  std::uniform_int_distribution<std::int64_t> small_total(-1'000'000, 1'000'000);
  std::uniform_int_distribution<std::int64_t> any_total(kMin, kMax);
  std::uniform_int_distribution<std::size_t> part_count(1, 12);
  std::uniform_int_distribution<std::int64_t> small_weight(0, 1'000);
  std::uniform_int_distribution<std::int64_t> any_weight(0, kMax);
  for (int round = 0; round < 5'000; ++round) {
    const bool wide = round % 4 == 0;
    const Money total = eur(wide ? any_total(random) : small_total(random));
    std::vector<std::int64_t> weights(part_count(random));
    Int128 weight_sum = 0;
    for (std::int64_t& weight : weights) {
      weight = round % 3 == 0 ? any_weight(random) : small_weight(random);
      weight_sum += weight;
    }
    if (weight_sum == 0) {
      weights.front() = 1;
      weight_sum = 1;
    }

    Result<std::vector<Money>> parts = allocate(total, weights);
    ASSERT_TRUE(parts.has_value()) << "round " << round;
    ASSERT_EQ(parts->size(), weights.size());
    Int128 parts_sum = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
      const Money& part = (*parts)[i];
      ASSERT_EQ(part.currency, total.currency);
      parts_sum += part.minor;
      // |part − total × weight / weight_sum| < 1, multiplied through by weight_sum.
      const Int128 error = static_cast<Int128>(part.minor) * weight_sum -
                           static_cast<Int128>(total.minor) * weights[i];
      ASSERT_TRUE((error < 0 ? -error : error) < weight_sum) << "round " << round << " part " << i;
    }
    ASSERT_TRUE(parts_sum == total.minor) << "round " << round;
  }
}

// ---- money text -----------------------------------------------------------------------------

TEST(ParseMoney, AcceptsPlainDecimals) {
  EXPECT_EQ(shown(parse_money("1234.50", eur())), "1234.50 EUR");
  EXPECT_EQ(shown(parse_money("1234.5", eur())), "1234.50 EUR");
  EXPECT_EQ(shown(parse_money("-0.01", eur())), "-0.01 EUR");
  EXPECT_EQ(shown(parse_money("7", eur())), "7.00 EUR");
  EXPECT_EQ(shown(parse_money("007.10", eur())), "7.10 EUR");
  EXPECT_EQ(shown(parse_money("-0", eur())), "0.00 EUR");
  EXPECT_EQ(parse_money("1234.50", eur()).value(), eur(123450));
}

TEST(ParseMoney, RejectsTextThatIsNotAPlainDecimal) {
  for (std::string_view text : {"1,2.3", "1e5", "", "1.", ".5", "-", "+1", " 1", "1 ", "--1",
                                "1.2.3", "1-", "0x10", "1.-5", "EUR 1"}) {
    Result<Money> parsed = parse_money(text, eur());
    ASSERT_FALSE(parsed.has_value()) << "'" << text << "'";
    EXPECT_EQ(parsed.error().kind, ErrorKind::kInvalidArgument);
    EXPECT_EQ(parsed.error().reason, "malformed_number") << "'" << text << "'";
  }
}

TEST(ParseMoney, RejectsMoreDecimalsThanTheCurrencyHas) {
  EXPECT_EQ(reason_of(parse_money("12.345", eur())), "too_many_decimals");
  EXPECT_EQ(reason_of(parse_money("12.340", eur())), "too_many_decimals");
  EXPECT_EQ(shown(parse_money("12.345", kwd())), "12.345 KWD");
  EXPECT_EQ(reason_of(parse_money("12.3456", kwd())), "too_many_decimals");
  EXPECT_EQ(shown(parse_money("1", jpy())), "1 JPY");
  EXPECT_EQ(reason_of(parse_money("1.5", jpy())), "too_many_decimals");
  EXPECT_EQ(reason_of(parse_money("1.0", jpy())), "too_many_decimals");
}

TEST(ParseMoney, ErrorMessageNamesTheText) {
  Result<Money> parsed = parse_money("1e5", eur());
  ASSERT_FALSE(parsed.has_value());
  EXPECT_NE(parsed.error().message.find("'1e5'"), std::string::npos) << parsed.error().message;
}

TEST(ParseMoney, RejectsAmountsTooLargeForSixtyFourBits) {
  EXPECT_EQ(reason_of(parse_money("99999999999999999999", eur())), "amount_overflow");
  EXPECT_EQ(reason_of(parse_money("99999999999999999999", jpy())), "amount_overflow");
  EXPECT_EQ(reason_of(parse_money("-99999999999999999999", jpy())), "amount_overflow");
  // One minor unit past INT64_MAX, in each exponent.
  EXPECT_EQ(reason_of(parse_money("9223372036854775808", jpy())), "amount_overflow");
  EXPECT_EQ(reason_of(parse_money("92233720368547758.08", eur())), "amount_overflow");
  EXPECT_EQ(reason_of(parse_money("9223372036854775.808", kwd())), "amount_overflow");
  // Fits as whole units but not once scaled to cents.
  EXPECT_EQ(reason_of(parse_money("922337203685477581", eur())), "amount_overflow");
}

TEST(FormatAmount, WritesTheCurrencyDecimals) {
  EXPECT_EQ(format_amount(eur(123450)), "1234.50");
  EXPECT_EQ(format_amount(eur(-1)), "-0.01");
  EXPECT_EQ(format_amount(eur(-100)), "-1.00");
  EXPECT_EQ(format_amount(jpy(100)), "100");
  EXPECT_EQ(format_amount(kwd(1005)), "1.005");
  EXPECT_EQ(format_amount(kwd(-5)), "-0.005");
}

TEST(FormatAmount, BoundaryAmountsInEveryExponent) {
  EXPECT_EQ(format_amount(jpy(0)), "0");
  EXPECT_EQ(format_amount(jpy(1)), "1");
  EXPECT_EQ(format_amount(jpy(-1)), "-1");
  EXPECT_EQ(format_amount(jpy(kMax)), "9223372036854775807");
  EXPECT_EQ(format_amount(jpy(kMin)), "-9223372036854775808");
  EXPECT_EQ(format_amount(eur(0)), "0.00");
  EXPECT_EQ(format_amount(eur(1)), "0.01");
  EXPECT_EQ(format_amount(eur(-1)), "-0.01");
  EXPECT_EQ(format_amount(eur(kMax)), "92233720368547758.07");
  EXPECT_EQ(format_amount(eur(kMin)), "-92233720368547758.08");
  EXPECT_EQ(format_amount(kwd(0)), "0.000");
  EXPECT_EQ(format_amount(kwd(1)), "0.001");
  EXPECT_EQ(format_amount(kwd(-1)), "-0.001");
  EXPECT_EQ(format_amount(kwd(kMax)), "9223372036854775.807");
  EXPECT_EQ(format_amount(kwd(kMin)), "-9223372036854775.808");
}

TEST(FormatAmount, BoundaryAmountsRoundTripThroughParseMoney) {
  for (Currency money_currency : {jpy(), eur(), kwd(), currency("USD"), currency("BHD")}) {
    for (std::int64_t minor : {std::int64_t{0}, std::int64_t{1}, std::int64_t{-1}, std::int64_t{10},
                               std::int64_t{-999}, kMax, -kMax}) {
      const Money amount{minor, money_currency};
      Result<Money> parsed = parse_money(format_amount(amount), money_currency);
      ASSERT_TRUE(parsed.has_value()) << format_money(amount);
      EXPECT_EQ(*parsed, amount) << format_money(amount);
    }
  }
}

TEST(FormatMoney, AppendsTheCurrencyCode) {
  EXPECT_EQ(format_money(eur(123450)), "1234.50 EUR");
  EXPECT_EQ(format_money(jpy(-7)), "-7 JPY");
  EXPECT_EQ(format_money(kwd(1)), "0.001 KWD");
}

TEST(FormatGrouped, SeparatesThousands) {
  EXPECT_EQ(format_grouped(eur(1234567)), "12,345.67");
  EXPECT_EQ(format_grouped(eur(-100000)), "-1,000.00");
  EXPECT_EQ(format_grouped(eur(99999)), "999.99");
  EXPECT_EQ(format_grouped(eur(-99999)), "-999.99");
  EXPECT_EQ(format_grouped(eur(0)), "0.00");
  EXPECT_EQ(format_grouped(eur(100000000)), "1,000,000.00");
  EXPECT_EQ(format_grouped(jpy(100)), "100");
  EXPECT_EQ(format_grouped(jpy(-100)), "-100");
  EXPECT_EQ(format_grouped(jpy(1000)), "1,000");
  EXPECT_EQ(format_grouped(jpy(-123456)), "-123,456");
  EXPECT_EQ(format_grouped(kwd(1234567)), "1,234.567");
}

TEST(FormatGrouped, HandlesTheExtremeAmounts) {
  EXPECT_EQ(format_grouped(eur(kMax)), "92,233,720,368,547,758.07");
  EXPECT_EQ(format_grouped(eur(kMin)), "-92,233,720,368,547,758.08");
  EXPECT_EQ(format_grouped(jpy(kMin)), "-9,223,372,036,854,775,808");
  EXPECT_EQ(format_grouped(kwd(kMin)), "-9,223,372,036,854,775.808");
}

// ---- quantities and percentages -------------------------------------------------------------

std::string quantity_of(std::string_view text) {
  Result<Quantity> parsed = parse_quantity(text);
  return parsed.has_value() ? std::to_string(parsed->milli) : parsed.error().reason;
}

TEST(ParseQuantity, ReadsThousandthsOfAUnit) {
  EXPECT_EQ(quantity_of("3"), "3000");
  EXPECT_EQ(quantity_of("1.5"), "1500");
  EXPECT_EQ(quantity_of("0.125"), "125");
  EXPECT_EQ(quantity_of("0"), "0");
  EXPECT_EQ(quantity_of("-2.25"), "-2250");
  EXPECT_EQ(quantity_of("9223372036854775.807"), std::to_string(kMax));
}

TEST(ParseQuantity, RejectsMalformedTooPreciseAndTooLargeText) {
  EXPECT_EQ(quantity_of("0.0001"), "too_many_decimals");
  EXPECT_EQ(quantity_of("1.5000"), "too_many_decimals");
  EXPECT_EQ(quantity_of(""), "malformed_number");
  EXPECT_EQ(quantity_of("1/2"), "malformed_number");
  EXPECT_EQ(quantity_of("1e3"), "malformed_number");
  EXPECT_EQ(quantity_of("+3"), "malformed_number");
  EXPECT_EQ(quantity_of("9223372036854775.808"), "amount_overflow");
}

TEST(FormatQuantity, DropsTrailingZeros) {
  EXPECT_EQ(format_quantity(Quantity{3000}), "3");
  EXPECT_EQ(format_quantity(Quantity{1500}), "1.5");
  EXPECT_EQ(format_quantity(Quantity{125}), "0.125");
  EXPECT_EQ(format_quantity(Quantity{1001}), "1.001");
  EXPECT_EQ(format_quantity(Quantity{10000}), "10");
  EXPECT_EQ(format_quantity(Quantity{0}), "0");
  EXPECT_EQ(format_quantity(Quantity{-1500}), "-1.5");
  EXPECT_EQ(format_quantity(units(100)), "100");
}

TEST(FormatQuantity, RoundTripsThroughParseQuantity) {
  for (std::int64_t milli : {std::int64_t{0}, std::int64_t{1}, std::int64_t{-1}, std::int64_t{1000},
                             std::int64_t{123456}, kMax, -kMax}) {
    Result<Quantity> parsed = parse_quantity(format_quantity(Quantity{milli}));
    ASSERT_TRUE(parsed.has_value()) << milli;
    EXPECT_EQ(parsed->milli, milli);
  }
}

std::string percent_of(std::string_view text) {
  Result<BasisPoints> parsed = parse_percent(text);
  return parsed.has_value() ? std::to_string(parsed->value) : parsed.error().reason;
}

TEST(ParsePercent, ReadsBasisPoints) {
  EXPECT_EQ(percent_of("33.33"), "3333");
  EXPECT_EQ(percent_of("19"), "1900");
  EXPECT_EQ(percent_of("2.5"), "250");
  EXPECT_EQ(percent_of("0.01"), "1");
  EXPECT_EQ(percent_of("0"), "0");
  EXPECT_EQ(percent_of("100"), "10000");
  EXPECT_EQ(percent_of("100.00"), "10000");
}

TEST(ParsePercent, RejectsOutOfRangeAndMalformedText) {
  EXPECT_EQ(percent_of("100.01"), "percent_out_of_range");
  EXPECT_EQ(percent_of("-1"), "percent_out_of_range");
  EXPECT_EQ(percent_of("-0.01"), "percent_out_of_range");
  EXPECT_EQ(percent_of("1000000"), "percent_out_of_range");
  EXPECT_EQ(percent_of("33.333"), "too_many_decimals");
  EXPECT_EQ(percent_of("19%"), "malformed_number");
  EXPECT_EQ(percent_of(""), "malformed_number");
  EXPECT_EQ(percent_of("99999999999999999999"), "amount_overflow");
}

TEST(FormatPercent, DropsTrailingZeros) {
  EXPECT_EQ(format_percent(BasisPoints{3333}), "33.33");
  EXPECT_EQ(format_percent(BasisPoints{1900}), "19");
  EXPECT_EQ(format_percent(BasisPoints{250}), "2.5");
  EXPECT_EQ(format_percent(BasisPoints{5}), "0.05");
  EXPECT_EQ(format_percent(BasisPoints{0}), "0");
  EXPECT_EQ(format_percent(BasisPoints{10000}), "100");
}

TEST(FormatPercent, RoundTripsThroughParsePercent) {
  for (std::int32_t value = 0; value <= kBasisPointsWhole; ++value) {
    Result<BasisPoints> parsed = parse_percent(format_percent(BasisPoints{value}));
    ASSERT_TRUE(parsed.has_value()) << value;
    ASSERT_EQ(parsed->value, value);
  }
}

}  // namespace
}  // namespace o2c
