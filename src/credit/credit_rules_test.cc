#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "credit/credit.h"

namespace o2c {
namespace {

Currency eur_currency() { return currency_from_code("EUR").value(); }
Money eur(std::string_view text) { return parse_money(text, eur_currency()).value(); }

Customer customer_with_limit(std::string_view limit) {
  Customer customer;
  customer.id = CustomerId{1};
  customer.number = "C1";
  customer.currency = eur_currency();
  customer.credit_limit = eur(limit);
  return customer;
}

CustomerGroup group_with_limit(std::string_view limit) {
  return CustomerGroup{7, "G1", "Holding", eur_currency(), eur(limit)};
}

// "approved" or the hold reason's wire name.
std::string decide(const Customer& customer, const CreditSituation& situation,
                   std::string_view order, const CreditHoldPolicy& policy = {}) {
  const Result<CreditCheck> check = check_credit_rules(customer, situation, eur(order), policy);
  if (!check) return check.error().reason;
  if (check->decision == CreditDecision::kApproved) return "approved";
  EXPECT_TRUE(check->hold.has_value());
  EXPECT_TRUE(check->reason.starts_with(wire_name(*check->hold))) << check->reason;
  return std::string(wire_name(*check->hold));
}

CreditSituation situation(std::string_view exposure) {
  CreditSituation result;
  result.exposure = eur(exposure);
  return result;
}

// ---- exposure in parts ------------------------------------------------------------------------

TEST(ExposureParts, SplitsOpenOrdersAtTheGoodsIssue) {
  const Result<ExposureParts> parts =
      exposure_parts(CreditExposure{eur("100.00"), eur("300.00"), eur("50.00")}, eur("120.00"));
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(format_money(parts->unshipped_orders), "180.00 EUR");
  EXPECT_EQ(format_money(parts->shipped_not_invoiced), "120.00 EUR");
  EXPECT_EQ(format_money(total_exposure(*parts).value()), "350.00 EUR");
}

TEST(ShippedNotInvoiced, IsTheShippedShareLessTheInvoicedShare) {
  Order order;
  order.currency = eur_currency();
  OrderLine line;
  line.quantity = units(4);
  line.shipped = units(3);
  line.invoiced = units(1);
  line.net = eur("100.00");
  line.tax = eur("19.00");
  order.lines = {line};
  // net 75.00 − 25.00, tax 14.25 − 4.75
  EXPECT_EQ(format_money(shipped_not_invoiced_gross(order).value()), "59.50 EUR");
  order.lines[0].invoiced = units(3);
  EXPECT_EQ(format_money(shipped_not_invoiced_gross(order).value()), "0.00 EUR");
}

TEST(Utilisation, IsExposureOverLimitInBasisPoints) {
  EXPECT_EQ(utilisation(eur("250.00"), eur("1000.00"))->value, 2500);
  EXPECT_EQ(utilisation(eur("1500.00"), eur("1000.00"))->value, 15000);
  EXPECT_EQ(utilisation(eur("-10.00"), eur("1000.00"))->value, -100);
  EXPECT_FALSE(utilisation(eur("10.00"), eur("0")).has_value());
}

// ---- groups -----------------------------------------------------------------------------------

TEST(GroupExposure, IsTheSumOfTheMembers) {
  const std::vector<Money> members = {eur("100.00"), eur("250.50"), eur("-20.00")};
  EXPECT_EQ(format_money(group_exposure(group_with_limit("1000"), members).value()), "330.50 EUR");
  EXPECT_EQ(format_money(group_exposure(group_with_limit("1000"), {}).value()), "0.00 EUR");
}

TEST(GroupExposure, RefusesAMemberInAnotherCurrency) {
  const std::vector<Money> members = {
      eur("1.00"), parse_money("1.00", currency_from_code("USD").value()).value()};
  EXPECT_EQ(group_exposure(group_with_limit("1000"), members).error().reason, "currency_mismatch");
  Customer dollar = customer_with_limit("0");
  dollar.currency = currency_from_code("USD").value();
  dollar.credit_limit = Money{0, dollar.currency};
  EXPECT_EQ(check_group_member(group_with_limit("1"), dollar).error().reason, "currency_mismatch");
  EXPECT_TRUE(check_group_member(group_with_limit("1"), customer_with_limit("0")).has_value());
}

TEST(ValidateCustomerGroup, RefusesNegativeLimitsAndEmptyNames) {
  EXPECT_TRUE(validate_customer_group(group_with_limit("0")).has_value());
  CustomerGroup negative = group_with_limit("0");
  negative.credit_limit.minor = -1;
  EXPECT_EQ(validate_customer_group(negative).error().reason, "negative_credit_limit");
  CustomerGroup unnamed = group_with_limit("1");
  unnamed.name.clear();
  EXPECT_EQ(validate_customer_group(unnamed).error().reason, "invalid_group_name");
  CustomerGroup no_code = group_with_limit("1");
  no_code.code.clear();
  EXPECT_EQ(validate_customer_group(no_code).error().where, "code");
}

// ---- hold rules, in their order -----------------------------------------------------------------

TEST(CheckCreditRules, ApprovesWhenNoRuleApplies) {
  CreditSituation clean = situation("100.00");
  clean.group = GroupSituation{group_with_limit("1000.00"), eur("500.00")};
  clean.days_overdue_oldest = 30;
  clean.risk_class = RiskClass::kD;
  EXPECT_EQ(decide(customer_with_limit("1000.00"), clean, "400.00"), "approved");
}

TEST(CheckCreditRules, CustomerLimitFirst) {
  CreditSituation bad = situation("900.00");
  bad.group = GroupSituation{group_with_limit("100.00"), eur("900.00")};
  bad.days_overdue_oldest = 99;
  bad.risk_class = RiskClass::kE;
  EXPECT_EQ(decide(customer_with_limit("1000.00"), bad, "100.01"), "credit_limit_exceeded");
  EXPECT_EQ(decide(customer_with_limit("0"), bad, "0"), "credit_limit_exceeded");
  EXPECT_EQ(decide(customer_with_limit("0"), situation("0"), "0"), "credit_limit_zero");
}

TEST(CheckCreditRules, GroupLimitCountsTheOtherMembers) {
  CreditSituation grouped = situation("100.00");
  grouped.group = GroupSituation{group_with_limit("1000.00"), eur("900.00")};
  EXPECT_EQ(decide(customer_with_limit("5000.00"), grouped, "100.00"), "approved");
  EXPECT_EQ(decide(customer_with_limit("5000.00"), grouped, "100.01"),
            "group_credit_limit_exceeded");
}

TEST(CheckCreditRules, GroupHoldNamesTheGroup) {
  CreditSituation grouped = situation("0");
  grouped.group = GroupSituation{group_with_limit("10.00"), eur("0")};
  const Result<CreditCheck> check =
      check_credit_rules(customer_with_limit("100.00"), grouped, eur("20.00"), {});
  ASSERT_TRUE(check.has_value());
  EXPECT_NE(check->reason.find("group G1"), std::string::npos) << check->reason;
  EXPECT_NE(check->reason.find("20.00 EUR"), std::string::npos) << check->reason;
}

TEST(CheckCreditRules, OverdueMoreThanNDays) {
  CreditSituation late = situation("0");
  late.days_overdue_oldest = 30;
  EXPECT_EQ(decide(customer_with_limit("100.00"), late, "1.00"), "approved");
  late.days_overdue_oldest = 31;
  EXPECT_EQ(decide(customer_with_limit("100.00"), late, "1.00"), "overdue_too_long");
  EXPECT_EQ(decide(customer_with_limit("100.00"), late, "1.00", CreditHoldPolicy{31}), "approved");
  late.risk_class = RiskClass::kE;
  EXPECT_EQ(decide(customer_with_limit("100.00"), late, "1.00"), "overdue_too_long");
}

TEST(CheckCreditRules, RiskClassELast) {
  CreditSituation risky = situation("0");
  risky.risk_class = RiskClass::kE;
  EXPECT_EQ(decide(customer_with_limit("100.00"), risky, "1.00"), "risk_class_e");
  risky.risk_class = RiskClass::kD;
  EXPECT_EQ(decide(customer_with_limit("100.00"), risky, "1.00"), "approved");
}

TEST(CheckCreditRules, OrderInAnotherCurrencyIsAnError) {
  const Result<CreditCheck> check =
      check_credit_rules(customer_with_limit("100.00"), situation("0"),
                         parse_money("1.00", currency_from_code("USD").value()).value(), {});
  ASSERT_FALSE(check.has_value());
  EXPECT_EQ(check.error().reason, "currency_mismatch");
}

// ---- limit requests -----------------------------------------------------------------------------

CreditLimitRequest pending_request() {
  CreditLimitRequest request;
  request.number = "CLR-2026-000001";
  request.requested_by = "alice";
  request.reason = "grew";
  request.requested_limit = eur("2000.00");
  return request;
}

TEST(LimitRequest, RequesterMayNotApprove) {
  CreditLimitRequest request = pending_request();
  const Date today = parse_date("2026-03-02").value();
  const Status self = approve_limit_request(request, "alice", today);
  ASSERT_FALSE(self.has_value());
  EXPECT_EQ(self.error().reason, "self_approval");
  EXPECT_EQ(self.error().kind, ErrorKind::kPermissionDenied);
  EXPECT_EQ(request.status, LimitRequestStatus::kPending);
  ASSERT_TRUE(approve_limit_request(request, "bob", today).has_value());
  EXPECT_EQ(request.status, LimitRequestStatus::kApproved);
  EXPECT_EQ(approve_limit_request(request, "carol", today).error().reason, "not_pending");
}

TEST(LimitRequest, RejectNeedsAReason) {
  CreditLimitRequest request = pending_request();
  const Date today = parse_date("2026-03-02").value();
  EXPECT_EQ(reject_limit_request(request, "bob", "", today).error().reason, "reason_required");
  ASSERT_TRUE(reject_limit_request(request, "alice", "withdrawn", today).has_value());
  EXPECT_EQ(request.status, LimitRequestStatus::kRejected);
  EXPECT_EQ(request.decision_reason, "withdrawn");
}

TEST(LimitRequest, ValidatesLimitAndReason) {
  const Customer customer = customer_with_limit("100.00");
  CreditLimitRequest request = pending_request();
  EXPECT_TRUE(validate_limit_request(request, customer).has_value());
  request.requested_limit.minor = -1;
  EXPECT_EQ(validate_limit_request(request, customer).error().reason, "negative_credit_limit");
  request = pending_request();
  request.requested_limit = parse_money("1.00", currency_from_code("USD").value()).value();
  EXPECT_EQ(validate_limit_request(request, customer).error().reason, "currency_mismatch");
  request = pending_request();
  request.reason.clear();
  EXPECT_EQ(validate_limit_request(request, customer).error().where, "reason");
}

TEST(RiskClassWire, RoundTrips) {
  for (RiskClass risk : {RiskClass::kA, RiskClass::kB, RiskClass::kC, RiskClass::kD, RiskClass::kE})
    EXPECT_EQ(risk_class_from_wire(wire_name(risk)).value(), risk);
  EXPECT_EQ(risk_class_from_wire("F").error().reason, "unknown_risk_class");
  EXPECT_EQ(risk_class_from_wire("").error().reason, "unknown_risk_class");
}

}  // namespace
}  // namespace o2c
