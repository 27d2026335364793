#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "core/date.h"
#include "core/money.h"
#include "payments/payments.h"

namespace o2c {
namespace {

Money eur(std::string_view text) {
  return parse_money(text, currency_from_code("EUR").value()).value();
}
Date date(std::string_view text) { return parse_date(text).value(); }

Payment payment(std::string_view amount, std::string_view unapplied) {
  Payment result;
  result.number = "PAY-2026-000001";
  result.amount = eur(amount);
  result.unapplied = eur(unapplied);
  return result;
}

ChargeRequest charge(std::string token) {
  return ChargeRequest{"C1/R1", std::move(token), eur("10.00"), "test"};
}

TEST(SandboxGateway, ApprovesTestCardWithBrandAndLastFour) {
  std::unique_ptr<CardGateway> gateway = make_sandbox_gateway();
  Result<ChargeOutcome> outcome = gateway->charge(charge("tok_visa"));
  ASSERT_TRUE(outcome.has_value());
  EXPECT_TRUE(outcome->approved);
  EXPECT_EQ(outcome->card.brand, "visa");
  EXPECT_EQ(outcome->card.last4, "4242");
  EXPECT_TRUE(outcome->card.charge_id.starts_with("ch_sandbox_"));
}

TEST(SandboxGateway, SameIdempotencyKeyGivesSameCharge) {
  std::unique_ptr<CardGateway> gateway = make_sandbox_gateway();
  const std::string first = gateway->charge(charge("tok_visa"))->card.charge_id;
  EXPECT_EQ(gateway->charge(charge("tok_visa"))->card.charge_id, first);
  ChargeRequest other = charge("tok_visa");
  other.idempotency_key = "C1/R2";
  EXPECT_NE(gateway->charge(other)->card.charge_id, first);
}

TEST(SandboxGateway, DeclinesWithReason) {
  Result<ChargeOutcome> outcome = make_sandbox_gateway()->charge(charge("tok_chargeDeclined"));
  ASSERT_TRUE(outcome.has_value());
  EXPECT_FALSE(outcome->approved);
  EXPECT_EQ(outcome->decline_code, "card_declined");
  EXPECT_TRUE(outcome->card.charge_id.empty());
  outcome = make_sandbox_gateway()->charge(charge("tok_chargeDeclinedInsufficientFunds"));
  EXPECT_EQ(outcome->decline_code, "insufficient_funds");
}

TEST(SandboxGateway, NetworkErrorIsUnavailable) {
  Result<ChargeOutcome> outcome = make_sandbox_gateway()->charge(charge("tok_networkError"));
  ASSERT_FALSE(outcome.has_value());
  EXPECT_EQ(outcome.error().kind, ErrorKind::kUnavailable);
  EXPECT_EQ(outcome.error().reason, "gateway_unreachable");
}

TEST(SandboxGateway, UnknownTokenRefused) {
  Result<ChargeOutcome> outcome = make_sandbox_gateway()->charge(charge("tok_nope"));
  ASSERT_FALSE(outcome.has_value());
  EXPECT_EQ(outcome.error().reason, "unknown_card_token");
}

TEST(SandboxGateway, RefundsOnlyItsCharges) {
  std::unique_ptr<CardGateway> gateway = make_sandbox_gateway();
  const std::string charge_id = gateway->charge(charge("tok_visa"))->card.charge_id;
  Result<std::string> refund = gateway->refund({"RF-1", charge_id, eur("1.00")});
  ASSERT_TRUE(refund.has_value());
  EXPECT_TRUE(refund->starts_with("re_sandbox_"));
  EXPECT_EQ(gateway->refund({"RF-1", "ch_other", eur("1.00")}).error().reason, "charge_not_found");
}

TEST(CardGatewayNamed, KnowsSandboxOnly) {
  EXPECT_TRUE(card_gateway_named("sandbox").has_value());
  EXPECT_EQ(card_gateway_named("stripe").error().reason, "unknown_card_gateway");
}

TEST(CardNumber, RecognisedWithSpacesAndDashes) {
  EXPECT_TRUE(looks_like_card_number("4242424242424242"));
  EXPECT_TRUE(looks_like_card_number("4242 4242 4242 4242"));
  EXPECT_TRUE(looks_like_card_number("5555-5555-5555-4444"));
  EXPECT_FALSE(looks_like_card_number("4242424242424241"));  // Luhn fails
  EXPECT_FALSE(looks_like_card_number("424242424242"));      // 12 digits
  EXPECT_FALSE(looks_like_card_number("tok_visa"));
}

TEST(CardToken, RefusesCardNumbersAndOddTokens) {
  EXPECT_TRUE(check_card_token("tok_visa", "card_token").has_value());
  Status pan = check_card_token("4242 4242 4242 4242", "card_token");
  ASSERT_FALSE(pan.has_value());
  EXPECT_EQ(pan.error().reason, "card_number_not_allowed");
  EXPECT_EQ(pan.error().where, "card_token");
  EXPECT_EQ(check_card_token("", "t").error().reason, "invalid_card_token");
  EXPECT_EQ(check_card_token("tok visa", "t").error().reason, "invalid_card_token");
  EXPECT_EQ(check_card_token(std::string(65, 'a'), "t").error().reason, "invalid_card_token");
}

TEST(Refund, NeverMoreThanUnapplied) {
  const Payment paid = payment("100.00", "30.00");
  EXPECT_TRUE(check_refund(paid, PaymentStatus::kReceived, eur("30.00"), "r").has_value());
  EXPECT_EQ(check_refund(paid, PaymentStatus::kReceived, eur("30.01"), "r").error().reason,
            "refund_exceeds_unapplied");
  EXPECT_EQ(check_refund(paid, PaymentStatus::kReceived, eur("0.00"), "r").error().reason,
            "amount_must_be_positive");
  EXPECT_EQ(check_refund(paid, PaymentStatus::kReceived, eur("-1.00"), "r").error().reason,
            "amount_must_be_positive");
  EXPECT_EQ(check_refund(paid, PaymentStatus::kReceived, eur("1.00"), "").error().reason,
            "reason_required");
  EXPECT_EQ(check_refund(paid, PaymentStatus::kReversed, eur("1.00"), "r").error().reason,
            "payment_already_reversed");
  const Money usd = parse_money("1.00", currency_from_code("USD").value()).value();
  EXPECT_EQ(check_refund(paid, PaymentStatus::kReceived, usd, "r").error().reason,
            "currency_mismatch");
}

TEST(Reversal, OnlyOnce) {
  const Payment paid = payment("100.00", "0.00");
  EXPECT_TRUE(check_reversible(paid, PaymentStatus::kReceived).has_value());
  EXPECT_EQ(check_reversible(paid, PaymentStatus::kReversed).error().reason,
            "payment_already_reversed");
}

TEST(ReversalReason, WireNamesRoundTrip) {
  for (ReversalReason reason : {ReversalReason::kBouncedCheque, ReversalReason::kChargeback,
                                ReversalReason::kDirectDebitReturn, ReversalReason::kBankError})
    EXPECT_EQ(reversal_reason_from_wire(wire_name(reason)).value(), reason);
  EXPECT_EQ(reversal_reason_from_wire("fraud").error().reason, "unknown_reversal_reason");
}

TEST(CreditorId, ChecksDigitsMod97) {
  EXPECT_TRUE(creditor_id_is_valid("DE98ZZZ09999999999"));
  EXPECT_TRUE(creditor_id_is_valid("DE98ABC09999999999"));  // business code not checked
  EXPECT_FALSE(creditor_id_is_valid("DE97ZZZ09999999999"));
  EXPECT_FALSE(creditor_id_is_valid("DE00ZZZ00099999999"));  // the pain.008 sample's placeholder
  EXPECT_FALSE(creditor_id_is_valid("DE98"));
  EXPECT_FALSE(creditor_id_is_valid("de98zzz09999999999"));
}

TEST(Creditor, NormalisedAndChecked) {
  Result<Creditor> creditor = checked_creditor(
      {"Acme GmbH", "de89 3704 0044 0532 0130 00", "cobadeffxxx", "de98zzz09999999999"});
  ASSERT_TRUE(creditor.has_value());
  EXPECT_EQ(creditor->iban, "DE89370400440532013000");
  EXPECT_EQ(creditor->bic, "COBADEFFXXX");
  EXPECT_EQ(creditor->creditor_id, "DE98ZZZ09999999999");
  EXPECT_EQ(checked_creditor({"", "DE89370400440532013000", "COBADEFFXXX", "DE98ZZZ09999999999"})
                .error()
                .reason,
            "name_required");
  Result<Creditor> bad_iban =
      checked_creditor({"A", "DE89370400440532013001", "COBADEFFXXX", "DE98ZZZ09999999999"});
  EXPECT_EQ(bad_iban.error().reason, "iban_invalid");
  EXPECT_EQ(bad_iban.error().where, "creditor.iban");
  EXPECT_EQ(checked_creditor({"A", "DE89370400440532013000", "COBADE", "DE98ZZZ09999999999"})
                .error()
                .reason,
            "bic_invalid");
  Result<Creditor> bad_id =
      checked_creditor({"A", "DE89370400440532013000", "COBADEFFXXX", "DE97ZZZ09999999999"});
  EXPECT_EQ(bad_id.error().reason, "creditor_id_invalid");
  EXPECT_EQ(bad_id.error().where, "creditor.creditor_id");
}

Mandate mandate(std::string id, std::string iban) {
  Mandate result;
  result.mandate_id = std::move(id);
  result.iban = std::move(iban);
  result.bic = "COBADEFFXXX";
  result.signed_on = date("2026-01-10");
  return result;
}

TEST(Mandate, CheckedInOrder) {
  const Date today = date("2026-03-01");
  EXPECT_TRUE(checked_mandate(mandate("M-001", "DE89370400440532013000"), today).has_value());
  EXPECT_EQ(checked_mandate(mandate("", "DE89370400440532013000"), today).error().reason,
            "mandate_id_invalid");
  EXPECT_EQ(checked_mandate(mandate(std::string(36, 'M'), "x"), today).error().reason,
            "mandate_id_invalid");
  EXPECT_EQ(checked_mandate(mandate("M_001", "DE89370400440532013000"), today).error().reason,
            "mandate_id_invalid");
  Result<Mandate> bad = checked_mandate(mandate("M-001", "DE89370400440532013001"), today);
  EXPECT_EQ(bad.error().reason, "iban_invalid");
  EXPECT_EQ(bad.error().where, "iban");
  EXPECT_EQ(checked_mandate(mandate("M-001", "DE89370400440532013000"), date("2026-01-09"))
                .error()
                .reason,
            "signed_in_future");
}

TEST(SequenceType, FirstThenRecurring) {
  Mandate fresh = mandate("M-001", "DE89370400440532013000");
  EXPECT_EQ(wire_name(next_sequence_type(fresh)), "FRST");
  fresh.collections = 1;
  EXPECT_EQ(wire_name(next_sequence_type(fresh)), "RCUR");
}

}  // namespace
}  // namespace o2c
