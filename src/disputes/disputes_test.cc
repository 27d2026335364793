#include "disputes/disputes.h"

#include <gtest/gtest.h>

namespace o2c {
namespace {

Money eur(std::string_view text) { return *parse_money(text, *currency_from_code("EUR")); }
Date date(std::string_view text) { return *parse_date(text); }

InvoiceLine line(int line_no, std::string_view net, std::string_view tax) {
  InvoiceLine item;
  item.line_no = line_no;
  item.net = eur(net);
  item.tax = eur(tax);
  return item;
}

// Line 1: 100.00 + 19.00; line 2: 20.00 + 1.40. Gross 140.40.
Invoice invoice() {
  Invoice result;
  result.number = "INV-2026-000001";
  result.currency = *currency_from_code("EUR");
  result.lines = {line(1, "100.00", "19.00"), line(2, "20.00", "1.40")};
  result.net_total = eur("120.00");
  result.tax_total = eur("20.40");
  result.gross_total = eur("140.40");
  result.paid = result.credited = result.discount_taken = result.written_off = eur("0");
  return result;
}

TEST(DisputableAmount, IsWhatIsOpenLessOpenDisputes) {
  Invoice paid_part = invoice();
  paid_part.paid = eur("40.40");
  EXPECT_EQ(*disputable_amount(paid_part, std::nullopt, eur("0")), eur("100.00"));
  EXPECT_EQ(*disputable_amount(paid_part, std::nullopt, eur("30.00")), eur("70.00"));
}

TEST(DisputableAmount, OfALineIsItsGrossShareOfWhatIsOpen) {
  Invoice half_paid = invoice();
  half_paid.paid = eur("70.20");
  // Line 2: 21.40 × 70.20 / 140.40 = 10.70.
  EXPECT_EQ(*disputable_amount(half_paid, 2, eur("0")), eur("10.70"));
  // Capped by what other disputes leave: 70.20 − 65.00 = 5.20.
  EXPECT_EQ(*disputable_amount(half_paid, 2, eur("65.00")), eur("5.20"));
  EXPECT_EQ(disputable_amount(half_paid, 3, eur("0")).error().reason, "dispute_line_unknown");
}

TEST(DisputableAmount, RefusesAPaidOrFullyDisputedInvoice) {
  Invoice paid = invoice();
  paid.paid = eur("140.40");
  EXPECT_EQ(disputable_amount(paid, std::nullopt, eur("0")).error().reason, "invoice_not_open");
  EXPECT_EQ(disputable_amount(invoice(), std::nullopt, eur("140.40")).error().reason,
            "invoice_fully_disputed");
}

TEST(DisputeAmount, DefaultsToAllAndNeverMore) {
  EXPECT_EQ(*dispute_amount(std::nullopt, eur("10.00")), eur("10.00"));
  EXPECT_EQ(*dispute_amount(eur("10.00"), eur("10.00")), eur("10.00"));
  EXPECT_EQ(dispute_amount(eur("10.01"), eur("10.00")).error().reason, "dispute_exceeds_open");
  EXPECT_EQ(dispute_amount(eur("0"), eur("10.00")).error().reason, "dispute_amount_invalid");
  EXPECT_EQ(dispute_amount(eur("-1"), eur("10.00")).error().where, "amount");
}

TEST(DisputeReason, ReadsItsWireNames) {
  EXPECT_EQ(*dispute_reason_from_wire("not_received", "reason"), DisputeReason::kNotReceived);
  EXPECT_EQ(wire_name(DisputeReason::kDuplicateBilling), "duplicate_billing");
  EXPECT_EQ(dispute_reason_from_wire("late", "reason").error().reason, "unknown_dispute_reason");
}

TEST(DisputeAge, CountsDaysUntilResolved) {
  Dispute dispute;
  dispute.opened_on = date("2026-03-01");
  EXPECT_EQ(dispute_age_days(dispute, date("2026-03-11")), 10);
  dispute.resolved_on = date("2026-03-04");
  EXPECT_EQ(dispute_age_days(dispute, date("2026-03-11")), 3);
}

TEST(RouteDispute, FirstMatchingRuleElseDefault) {
  Result<DisputeRouting> routing = parse_dispute_routing(R"(
default_owner = "ar"
[[rule]]
reason = "pricing"
segment = "enterprise"
owner = "kim"
[[rule]]
reason = "pricing"
owner = "pat"
[[rule]]
segment = "retail"
owner = "lee"
)",
                                                         "routing.toml");
  ASSERT_TRUE(routing.has_value()) << routing.error().message;
  EXPECT_EQ(route_dispute(*routing, DisputeReason::kPricing, "enterprise"), "kim");
  EXPECT_EQ(route_dispute(*routing, DisputeReason::kPricing, "smb"), "pat");
  EXPECT_EQ(route_dispute(*routing, DisputeReason::kDamaged, "retail"), "lee");
  EXPECT_EQ(route_dispute(*routing, DisputeReason::kDamaged, "smb"), "ar");
}

TEST(ParseDisputeRouting, NamesTheLineAtFault) {
  Result<DisputeRouting> unknown_reason =
      parse_dispute_routing("[[rule]]\nreason = \"late\"\nowner = \"x\"\n", "r.toml");
  EXPECT_EQ(unknown_reason.error().reason, "invalid_dispute_routing");
  EXPECT_EQ(unknown_reason.error().where, "rule[0].reason");
  EXPECT_EQ(parse_dispute_routing("[[rule]]\nreason = \"pricing\"\n", "r.toml").error().where,
            "rule[0].owner");
  EXPECT_EQ(parse_dispute_routing("owner = \"x\"\n", "r.toml").error().where, "owner");
  EXPECT_EQ(parse_dispute_routing("default_owner = \n", "r.toml").error().reason, "invalid_toml");
}

TEST(WriteOff, GrossGoesToTheKindsAccount) {
  LedgerEntry small =
      post_write_off("WO-1", date("2026-03-01"), WriteOffKind::kSmallBalance, eur("0.40"));
  ASSERT_EQ(small.lines.size(), 2u);
  EXPECT_EQ(small.lines[0].account, Account::kPaymentDifferences);
  EXPECT_EQ(small.lines[0].amount, eur("0.40"));
  EXPECT_EQ(small.lines[1].account, Account::kReceivables);
  EXPECT_EQ(small.lines[1].amount, eur("-0.40"));
  EXPECT_EQ(write_off_account(WriteOffKind::kDispute), Account::kPaymentDifferences);
  EXPECT_EQ(write_off_account(WriteOffKind::kBadDebt), Account::kBadDebts);
}

TEST(WriteOff, AmountDefaultsToOpenAndNeverMore) {
  Invoice part_paid = invoice();
  part_paid.paid = eur("100.00");
  EXPECT_EQ(*write_off_amount(part_paid, std::nullopt), eur("40.40"));
  EXPECT_EQ(write_off_amount(part_paid, eur("40.41")).error().reason, "write_off_exceeds_open");
  EXPECT_EQ(write_off_amount(part_paid, eur("0")).error().reason, "write_off_amount_invalid");
  part_paid.written_off = eur("40.40");
  EXPECT_EQ(write_off_amount(part_paid, std::nullopt).error().reason, "invoice_not_open");
}

TEST(WriteOffDecision, SomeoneElseDecidesOnce) {
  WriteOff request;
  request.number = "WO-2026-000001";
  request.requested_by = "alice";
  EXPECT_TRUE(check_write_off_decision(request, "bob").has_value());
  EXPECT_EQ(check_write_off_decision(request, "alice").error().reason, "self_approval");
  request.status = WriteOffStatus::kPosted;
  EXPECT_EQ(check_write_off_decision(request, "bob").error().reason, "write_off_not_pending");
}

TEST(EvaluatePromise, KeptWhenCoveredBrokenAfterItsDate) {
  PaymentPromise promise;
  promise.amount = eur("100.00");
  promise.made_on = date("2026-03-01");
  promise.due_on = date("2026-03-10");
  EXPECT_EQ(evaluate_promise(promise, eur("100.00"), date("2026-03-05")), PromiseStatus::kKept);
  EXPECT_EQ(evaluate_promise(promise, eur("99.99"), date("2026-03-10")), PromiseStatus::kOpen);
  EXPECT_EQ(evaluate_promise(promise, eur("99.99"), date("2026-03-11")), PromiseStatus::kBroken);
  EXPECT_EQ(evaluate_promise(promise, eur("150.00"), date("2026-03-11")), PromiseStatus::kKept);
}

TEST(ValidatePromise, RefusesNothingAndThePast) {
  PaymentPromise promise;
  promise.amount = eur("0");
  promise.made_on = date("2026-03-01");
  promise.due_on = date("2026-03-10");
  EXPECT_EQ(validate_promise(promise).error().reason, "promise_amount_invalid");
  promise.amount = eur("1.00");
  promise.due_on = date("2026-02-28");
  EXPECT_EQ(validate_promise(promise).error().reason, "promise_date_past");
}

// Line 1 at 19 %, line 2 at 7 %.
Invoice taxed_invoice() {
  Invoice result = invoice();
  result.lines[0].tax_rate = BasisPoints{1'900};
  result.lines[1].tax_rate = BasisPoints{700};
  return result;
}

TEST(DisputeCreditLines, OnALineNetOfItsVat) {
  Result<std::vector<CreditLineRequest>> lines =
      dispute_credit_lines(taxed_invoice(), {}, 2, eur("21.40"));
  ASSERT_TRUE(lines.has_value());
  ASSERT_EQ(lines->size(), 1u);
  EXPECT_EQ((*lines)[0].invoice_line_no, 2);
  EXPECT_EQ(*(*lines)[0].net, eur("20.00"));
}

TEST(DisputeCreditLines, SpreadByWhatIsLeftOfEachLine) {
  // 30.00 by 119.00 : 21.40 → 25.427 and 4.573 → 25.43 (the larger remainder) and 4.57;
  // net 25.43 / 1.19 = 21.37 and 4.57 / 1.07 = 4.27.
  Result<std::vector<CreditLineRequest>> lines =
      dispute_credit_lines(taxed_invoice(), {}, std::nullopt, eur("30.00"));
  ASSERT_TRUE(lines.has_value());
  ASSERT_EQ(lines->size(), 2u);
  EXPECT_EQ(*(*lines)[0].net, eur("21.37"));
  EXPECT_EQ(*(*lines)[1].net, eur("4.27"));
  // Line 2 credited in full before: all goes to line 1.
  const CreditedLine credited[] = {{2, Quantity{0}, eur("20.00"), eur("1.40")}};
  lines = dispute_credit_lines(taxed_invoice(), credited, std::nullopt, eur("30.00"));
  ASSERT_EQ(lines->size(), 1u);
  EXPECT_EQ((*lines)[0].invoice_line_no, 1);
  EXPECT_EQ(*(*lines)[0].net, eur("25.21"));
  EXPECT_EQ(dispute_credit_lines(taxed_invoice(), credited, 2, eur("1.00")).error().reason,
            "nothing_to_credit");
}

}  // namespace
}  // namespace o2c
