#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "core/money.h"
#include "credit/credit.h"
#include "customers/customers.h"

namespace o2c {
namespace {

Currency currency(std::string_view code) { return currency_from_code(code).value(); }
Money money(std::string_view text, std::string_view code) {
  return parse_money(text, currency(code)).value();
}
Money eur(std::string_view text) { return money(text, "EUR"); }

Customer customer_with_limit(std::string_view limit) {
  Customer customer;
  customer.id = CustomerId{1};
  customer.number = "C-0001";
  customer.name = "Acme GmbH";
  customer.currency = currency("EUR");
  customer.credit_limit = eur(limit);
  return customer;
}

CreditExposure exposure(std::string_view receivables, std::string_view orders,
                        std::string_view unapplied) {
  return CreditExposure{eur(receivables), eur(orders), eur(unapplied)};
}

// "approved 4300.00 EUR" / "hold 5000.01 EUR" / the error reason.
std::string decide(std::string_view limit, const CreditExposure& current,
                   std::string_view order_gross) {
  const Result<CreditCheck> check =
      check_credit(customer_with_limit(limit), current, eur(order_gross));
  if (!check.has_value()) return check.error().reason;
  const std::string decision = check->decision == CreditDecision::kHold ? "hold " : "approved ";
  return decision + format_money(check->exposure_after);
}

// ---- total_exposure ----------------------------------------------------------------------

TEST(TotalExposure, IsReceivablesPlusOpenOrdersLessUnappliedCash) {
  const Result<Money> total = total_exposure(exposure("1000.00", "500.00", "200.00"));
  ASSERT_TRUE(total.has_value());
  EXPECT_EQ(format_money(*total), "1300.00 EUR");
}

TEST(TotalExposure, CanBeNegativeWhenCashIsOnAccount) {
  const Result<Money> total = total_exposure(exposure("0", "0", "50.00"));
  ASSERT_TRUE(total.has_value());
  EXPECT_EQ(format_money(*total), "-50.00 EUR");
}

TEST(TotalExposure, NeverMixesCurrencies) {
  CreditExposure mixed = exposure("1000.00", "0", "0");
  mixed.open_orders = money("10.00", "USD");
  const Result<Money> total = total_exposure(mixed);
  ASSERT_FALSE(total.has_value());
  EXPECT_EQ(total.error().reason, "currency_mismatch");
}

TEST(TotalExposure, ReportsOverflow) {
  CreditExposure huge = exposure("0", "0.01", "0");
  huge.open_receivables.minor = std::numeric_limits<std::int64_t>::max();
  const Result<Money> total = total_exposure(huge);
  ASSERT_FALSE(total.has_value());
  EXPECT_EQ(total.error().reason, "amount_overflow");
}

// ---- check_credit ------------------------------------------------------------------------

TEST(CheckCredit, ApprovesBelowTheLimit) {
  EXPECT_EQ(decide("5000.00", exposure("1000.00", "500.00", "200.00"), "3000.00"),
            "approved 4300.00 EUR");
}

TEST(CheckCredit, ApprovesExactlyAtTheLimit) {
  EXPECT_EQ(decide("5000.00", exposure("1000.00", "500.00", "200.00"), "3700.00"),
            "approved 5000.00 EUR");
}

TEST(CheckCredit, HoldsOneCentAboveTheLimit) {
  EXPECT_EQ(decide("5000.00", exposure("1000.00", "500.00", "200.00"), "3700.01"),
            "hold 5000.01 EUR");
}

TEST(CheckCredit, HoldReasonShowsExposureAndLimit) {
  const Result<CreditCheck> check = check_credit(
      customer_with_limit("5000.00"), exposure("1000.00", "500.00", "200.00"), eur("3700.01"));
  ASSERT_TRUE(check.has_value());
  ASSERT_EQ(check->decision, CreditDecision::kHold);
  EXPECT_TRUE(check->reason.starts_with("credit_limit_exceeded")) << check->reason;
  EXPECT_NE(check->reason.find("5000.01 EUR"), std::string::npos) << check->reason;
  EXPECT_NE(check->reason.find("5000.00 EUR"), std::string::npos) << check->reason;
}

TEST(CheckCredit, ApprovalCarriesNoReason) {
  const Result<CreditCheck> check =
      check_credit(customer_with_limit("5000.00"), exposure("0", "0", "0"), eur("10.00"));
  ASSERT_TRUE(check.has_value());
  EXPECT_EQ(check->decision, CreditDecision::kApproved);
  EXPECT_TRUE(check->reason.empty());
}

TEST(CheckCredit, EveryPartOfTheExposureCounts) {
  // Limit 1000.00, order 100.00: each component alone can push it over.
  EXPECT_EQ(decide("1000.00", exposure("900.01", "0", "0"), "100.00"), "hold 1000.01 EUR");
  EXPECT_EQ(decide("1000.00", exposure("0", "900.01", "0"), "100.00"), "hold 1000.01 EUR");
  EXPECT_EQ(decide("1000.00", exposure("900.01", "0", "0.01"), "100.00"), "approved 1000.00 EUR");
}

TEST(CheckCredit, UnappliedCashMakesRoom) {
  EXPECT_EQ(decide("1000.00", exposure("800.00", "0", "300.00"), "500.00"), "approved 1000.00 EUR");
}

TEST(CheckCredit, AlreadyOverTheLimitHoldsEvenAFreeOrder) {
  EXPECT_EQ(decide("1000.00", exposure("1200.00", "0", "0"), "0"), "hold 1200.00 EUR");
}

TEST(CheckCredit, ZeroLimitHoldsEveryOrder) {
  EXPECT_EQ(decide("0", exposure("0", "0", "0"), "0.01"), "hold 0.01 EUR");
  // Even an order covered by cash on account, or one that costs nothing, waits for a credit
  // manager when the limit is zero (credit.h, customers.h).
  EXPECT_EQ(decide("0", exposure("0", "0", "500.00"), "100.00"), "hold -400.00 EUR");
  EXPECT_EQ(decide("0", exposure("0", "0", "0"), "0"), "hold 0.00 EUR");
}

TEST(CheckCredit, ZeroLimitHoldReasonSaysWhy) {
  const Result<CreditCheck> check =
      check_credit(customer_with_limit("0"), exposure("0", "0", "500.00"), eur("100.00"));
  ASSERT_TRUE(check.has_value());
  ASSERT_EQ(check->decision, CreditDecision::kHold);
  EXPECT_TRUE(check->reason.starts_with("credit_limit_zero")) << check->reason;
  EXPECT_NE(check->reason.find("C-0001"), std::string::npos) << check->reason;
}

TEST(CheckCredit, OrderInAnotherCurrencyIsAnError) {
  const Result<CreditCheck> check =
      check_credit(customer_with_limit("5000.00"), exposure("0", "0", "0"), money("1.00", "USD"));
  ASSERT_FALSE(check.has_value());
  EXPECT_EQ(check.error().reason, "currency_mismatch");
}

TEST(CheckCredit, WorksInOtherCurrencies) {
  Customer customer = customer_with_limit("0");
  customer.currency = currency("JPY");
  customer.credit_limit = money("100000", "JPY");
  const CreditExposure current{money("60000", "JPY"), money("0", "JPY"), money("0", "JPY")};
  const Result<CreditCheck> at_limit = check_credit(customer, current, money("40000", "JPY"));
  const Result<CreditCheck> over = check_credit(customer, current, money("40001", "JPY"));
  ASSERT_TRUE(at_limit.has_value());
  ASSERT_TRUE(over.has_value());
  EXPECT_EQ(at_limit->decision, CreditDecision::kApproved);
  EXPECT_EQ(over->decision, CreditDecision::kHold);
  EXPECT_EQ(format_money(over->exposure_after), "100001 JPY");
}

TEST(CheckCreditDeathTest, NegativeOrderAborts) {
  EXPECT_DEATH(
      (void)check_credit(customer_with_limit("100.00"), exposure("0", "0", "0"), eur("-0.01")),
      "order_gross");
}

}  // namespace
}  // namespace o2c
