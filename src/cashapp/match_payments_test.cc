#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "cashapp/cashapp.h"

namespace o2c {
namespace {

Currency currency(std::string_view code) { return currency_from_code(code).value(); }
Money money(std::string_view text, std::string_view code = "EUR") {
  return parse_money(text, currency(code)).value();
}
Date date(std::string_view text) { return parse_date(text).value(); }

constexpr std::string_view kAcmeAccount = "DE89 3704 0044 0532 0130 00";
constexpr std::string_view kBrightAccount = "GB29 NWBK 6016 1331 9268 19";

OpenItem item(std::int64_t id, std::int64_t customer, std::string_view amount, std::string_view due,
              std::string_view code = "EUR") {
  OpenItem result;
  result.invoice = InvoiceId{id};
  const std::string sequence = std::to_string(id);
  result.invoice_number = "INV-2026-" + std::string(6 - sequence.size(), '0') + sequence;
  result.customer = CustomerId{customer};
  result.customer_number = "C-000" + std::to_string(customer);
  result.invoice_date = add_days(date(due), -30);
  result.due_date = date(due);
  result.open = money(amount, code);
  result.gross = result.open;
  result.discount = zero(result.open.currency);
  return result;
}

PayerProfile payer(std::int64_t customer, std::string name, std::vector<std::string> accounts) {
  return PayerProfile{CustomerId{customer}, "C-000" + std::to_string(customer), std::move(name),
                      std::move(accounts)};
}

MatchIndex fixture() {
  std::vector<OpenItem> items = {
      item(101, 1, "100.00", "2026-03-01"),        item(102, 1, "250.00", "2026-03-05"),
      item(103, 1, "80.00", "2026-03-10"),         item(105, 1, "1000.00", "2026-04-01"),
      item(106, 1, "100.00", "2026-03-01", "USD"), item(201, 2, "500.00", "2026-03-01"),
      item(202, 2, "120.00", "2026-03-02"),        item(203, 2, "120.00", "2026-03-03"),
      item(301, 3, "77.77", "2026-03-01"),
  };
  items[3].discount_offer = BasisPoints{200};  // 2 % until 12 March: 20.00
  items[3].discount_until = date("2026-03-12");
  std::vector<PayerProfile> payers = {
      payer(1, "Acme Handels GmbH", {std::string(kAcmeAccount)}),
      payer(2, "Brightline Ltd", {std::string(kBrightAccount)}),
      payer(3, "Corvina Trading Inc", {}),
      payer(4, "Dalmore Logistics AG", {"FR76 3000 6000 0112 3456 7890 189"}),  // no open items
  };
  return MatchIndex(std::move(items), std::move(payers));
}

IncomingPayment payment(std::string_view amount, std::string remittance,
                        std::string_view account = kAcmeAccount,
                        std::string name = "ACME HANDELS GMBH", std::string_view code = "EUR") {
  IncomingPayment result;
  result.line_id = 1;
  result.amount = money(amount, code);
  result.value_date = date("2026-03-10");
  result.remittance = std::move(remittance);
  result.payer_name = std::move(name);
  result.payer_account = std::string(account);
  return result;
}

MatchResult match(const MatchIndex& index, const IncomingPayment& incoming,
                  const MatchingRules& rules = {}) {
  std::vector<MatchResult> results = match_payments(index, std::span(&incoming, 1), rules);
  EXPECT_EQ(results.size(), 1U);
  return results.front();
}

std::vector<std::string> reasons(const MatchCandidate& candidate) {
  std::vector<std::string> names;
  for (MatchReason reason : candidate.reasons) names.emplace_back(wire_name(reason));
  return names;
}

// "INV-2026-000101=100.00-0.00" per application.
std::string applications(const MatchCandidate& candidate) {
  std::string text;
  for (const ProposedApplication& application : candidate.applications) {
    if (!text.empty()) text += " ";
    text += application.invoice_number + "=" + format_amount(application.amount);
    if (application.discount.minor != 0) text += "-" + format_amount(application.discount);
  }
  return text;
}

using Names = std::vector<std::string>;

TEST(MatchPayments, ExactReferenceAndExactAmountIsAppliedUnseen) {
  const MatchIndex index = fixture();
  const MatchResult result = match(index, payment("100.00", "INV-2026-000101 thank you"));
  EXPECT_EQ(result.line_id, 1);
  ASSERT_FALSE(result.candidates.empty());
  const MatchCandidate& best = result.candidates.front();
  EXPECT_TRUE(result.auto_apply);
  EXPECT_EQ(best.confidence, 99);
  EXPECT_EQ(best.customer, CustomerId{1});
  EXPECT_EQ(best.customer_number, "C-0001");
  EXPECT_EQ(applications(best), "INV-2026-000101=100.00");
  EXPECT_EQ(reasons(best), (Names{"invoice_number", "exact_amount", "payer_account"}));
  EXPECT_EQ(best.shortfall, Shortfall::kNone);
  EXPECT_EQ(best.unapplied.minor, 0);
}

TEST(MatchPayments, MangledReferencesAreFoundFuzzyAndStillApplied) {
  const MatchIndex index = fixture();
  for (const std::string remittance :
       {"2026-000101", "INV 2026 000101", "INV2026000101", "INV-2026-101", "lNV-2O26-OOO1O1",
        "inv-2026-000101", "INV - 2026 - 000101", "2026 101", "INV2026-000101", "RE 2026101"}) {
    SCOPED_TRACE(remittance);
    const MatchResult result = match(index, payment("100.00", remittance, "", "unknown"));
    ASSERT_FALSE(result.candidates.empty());
    EXPECT_EQ(applications(result.candidates.front()), "INV-2026-000101=100.00");
    EXPECT_EQ(reasons(result.candidates.front()), (Names{"invoice_number_fuzzy", "exact_amount"}));
    EXPECT_GE(result.candidates.front().confidence, 90);
    EXPECT_LE(result.candidates.front().confidence, 95);
    EXPECT_TRUE(result.auto_apply);
  }
}

TEST(MatchPayments, StructuredReferenceCountsLikeTheRemittance) {
  const MatchIndex index = fixture();
  IncomingPayment incoming = payment("250.00", "");
  incoming.structured_reference = "INV-2026-000102";
  const MatchResult result = match(index, incoming);
  ASSERT_FALSE(result.candidates.empty());
  EXPECT_EQ(applications(result.candidates.front()), "INV-2026-000102=250.00");
  EXPECT_EQ(result.candidates.front().reasons.front(), MatchReason::kInvoiceNumber);
}

TEST(MatchPayments, AccountAndUniqueExactAmountWithoutReference) {
  const MatchIndex index = fixture();
  const MatchResult result = match(index, payment("80.00", "payment", kAcmeAccount, ""));
  ASSERT_FALSE(result.candidates.empty());
  EXPECT_EQ(applications(result.candidates.front()), "INV-2026-000103=80.00");
  EXPECT_EQ(reasons(result.candidates.front()), (Names{"exact_amount", "payer_account"}));
  EXPECT_EQ(result.candidates.front().confidence, 92);
  EXPECT_TRUE(result.auto_apply);
  // The account as another bank prints it.
  EXPECT_TRUE(match(index, payment("80.00", "", "de89370400440532013000", "")).auto_apply);
}

TEST(MatchPayments, NameOnlyAndAmountIsSuggestedNotApplied) {
  const MatchIndex index = fixture();
  const MatchResult exact_name = match(index, payment("80.00", "", "", "ACME HANDELS"));
  ASSERT_FALSE(exact_name.candidates.empty());
  EXPECT_EQ(applications(exact_name.candidates.front()), "INV-2026-000103=80.00");
  EXPECT_EQ(reasons(exact_name.candidates.front()), (Names{"exact_amount", "payer_name"}));
  EXPECT_LT(exact_name.candidates.front().confidence, 90);
  EXPECT_FALSE(exact_name.auto_apply);
  // A typo in the name: lower still.
  const MatchResult typo = match(index, payment("77.77", "", "", "Corvina Tradnig"));
  ASSERT_FALSE(typo.candidates.empty());
  EXPECT_EQ(applications(typo.candidates.front()), "INV-2026-000301=77.77");
  EXPECT_LT(typo.candidates.front().confidence, exact_name.candidates.front().confidence);
  EXPECT_FALSE(typo.auto_apply);
}

TEST(MatchPayments, EqualCandidatesAreAmbiguousAndNeverApplied) {
  const MatchIndex index = fixture();
  const MatchResult result = match(index, payment("120.00", "", kBrightAccount, "Brightline"));
  ASSERT_EQ(result.candidates.size(), 2U);
  EXPECT_EQ(result.candidates[0].confidence, result.candidates[1].confidence);
  EXPECT_LT(result.candidates[0].confidence, 90);
  EXPECT_EQ(applications(result.candidates[0]), "INV-2026-000202=120.00");  // older first
  EXPECT_EQ(applications(result.candidates[1]), "INV-2026-000203=120.00");
  EXPECT_FALSE(result.auto_apply);
}

TEST(MatchPayments, UnknownPayerWithoutReferenceHasNoCandidates) {
  const MatchIndex index = fixture();
  const MatchResult result =
      match(index, payment("12.34", "refund", "NL91 ABNA 0417 1643 00", "Zebulon Widgets"));
  EXPECT_TRUE(result.candidates.empty());
  EXPECT_FALSE(result.auto_apply);
  // Only the amount: a suggestion, never applied.
  const MatchResult by_amount = match(index, payment("77.77", "", "", "Zebulon Widgets"));
  ASSERT_EQ(by_amount.candidates.size(), 1U);
  EXPECT_EQ(reasons(by_amount.candidates.front()), (Names{"exact_amount"}));
  EXPECT_FALSE(by_amount.auto_apply);
}

TEST(MatchPayments, KnownPayerWithNothingOpenKeepsTheCashOnAccount) {
  const MatchIndex index = fixture();
  const MatchResult result =
      match(index, payment("10.00", "", "FR7630006000011234567890189", "Dalmore Logistics"));
  ASSERT_EQ(result.candidates.size(), 1U);
  EXPECT_EQ(result.candidates.front().customer, CustomerId{4});
  EXPECT_TRUE(result.candidates.front().applications.empty());
  EXPECT_EQ(result.candidates.front().unapplied, money("10.00"));
  EXPECT_FALSE(result.auto_apply);
}

TEST(MatchPayments, DiscountTakenWithinItsWindow) {
  const MatchIndex index = fixture();
  const MatchResult named = match(index, payment("980.00", "INV-2026-000105"));
  ASSERT_FALSE(named.candidates.empty());
  EXPECT_EQ(applications(named.candidates.front()), "INV-2026-000105=980.00-20.00");
  EXPECT_EQ(reasons(named.candidates.front()),
            (Names{"invoice_number", "exact_amount", "discount_taken", "payer_account"}));
  EXPECT_EQ(named.candidates.front().shortfall, Shortfall::kNone);
  EXPECT_TRUE(named.auto_apply);
  // Without a reference: the amount less the discount.
  const MatchResult unnamed = match(index, payment("980.00", ""));
  ASSERT_FALSE(unnamed.candidates.empty());
  EXPECT_EQ(applications(unnamed.candidates.front()), "INV-2026-000105=980.00-20.00");
  EXPECT_TRUE(unnamed.auto_apply);
}

TEST(MatchPayments, DiscountOutsideItsWindowIsAShortPayment) {
  const MatchIndex index = fixture();
  IncomingPayment late = payment("980.00", "INV-2026-000105");
  late.value_date = date("2026-03-13");
  const MatchResult result = match(index, late);
  ASSERT_FALSE(result.candidates.empty());
  const MatchCandidate& best = result.candidates.front();
  // 20.00 short of 1000.00 is within 2 %: settled, the 20.00 above the write-off limit of
  // 5.00 becomes a deduction.
  EXPECT_EQ(applications(best), "INV-2026-000105=980.00");
  EXPECT_EQ(best.short_amount, money("20.00"));
  EXPECT_EQ(best.shortfall, Shortfall::kDeduction);
  EXPECT_EQ(reasons(best), (Names{"invoice_number", "short_within_tolerance", "payer_account"}));
  // Without a reference nothing fits exactly on that date.
  const MatchResult unnamed =
      match(index, IncomingPayment{late.line_id, late.amount, late.value_date, "", "", "",
                                   std::string(kAcmeAccount)});
  ASSERT_FALSE(unnamed.candidates.empty());
  EXPECT_NE(applications(unnamed.candidates.front()), "INV-2026-000105=980.00-20.00");
}

TEST(MatchPayments, ShortPaymentWithinToleranceIsWrittenOffUpToTheLimit) {
  const MatchIndex index = fixture();
  const MatchResult result = match(index, payment("98.50", "INV-2026-000101 less charges"));
  ASSERT_FALSE(result.candidates.empty());
  const MatchCandidate& best = result.candidates.front();
  EXPECT_EQ(applications(best), "INV-2026-000101=98.50");
  EXPECT_EQ(best.short_amount, money("1.50"));
  EXPECT_EQ(best.shortfall, Shortfall::kWriteOff);
  EXPECT_TRUE(result.auto_apply);
  // Beyond the tolerance (2 % of 100.00): a part payment, nothing written off.
  const MatchResult partial = match(index, payment("97.99", "INV-2026-000101"));
  EXPECT_EQ(partial.candidates.front().shortfall, Shortfall::kNone);
  EXPECT_EQ(reasons(partial.candidates.front()),
            (Names{"invoice_number", "partial_payment", "payer_account"}));
  // A lower write-off limit turns the same shortfall into a deduction.
  MatchingRules strict;
  strict.write_off_limit_minor = 100;
  EXPECT_EQ(match(index, payment("98.50", "INV-2026-000101"), strict).candidates.front().shortfall,
            Shortfall::kDeduction);
}

TEST(MatchPayments, SeveralPaymentsForOneInvoiceArePartPayments) {
  const MatchIndex index = fixture();
  for (const std::string_view amount : {"200.00", "300.00"}) {
    const MatchResult result =
        match(index, payment(amount, "INV-2026-000201 part", kBrightAccount, "Brightline"));
    ASSERT_FALSE(result.candidates.empty());
    EXPECT_EQ(applications(result.candidates.front()), "INV-2026-000201=" + std::string(amount));
    EXPECT_EQ(result.candidates.front().reasons[1], MatchReason::kPartialPayment);
    EXPECT_TRUE(result.auto_apply);
  }
}

TEST(MatchPayments, OverpaymentLeavesTheRestOnAccount) {
  const MatchIndex index = fixture();
  const MatchResult result = match(index, payment("130.00", "INV-2026-000101"));
  const MatchCandidate& best = result.candidates.front();
  EXPECT_EQ(applications(best), "INV-2026-000101=100.00");
  EXPECT_EQ(best.unapplied, money("30.00"));
  EXPECT_EQ(reasons(best), (Names{"invoice_number", "overpayment", "payer_account"}));
}

TEST(MatchPayments, BundlesWithAndWithoutNumbers) {
  const MatchIndex index = fixture();
  const MatchResult named = match(index, payment("350.00", "INV-2026-000101 INV-2026-000102"));
  EXPECT_EQ(applications(named.candidates.front()),
            "INV-2026-000101=100.00 INV-2026-000102=250.00");
  EXPECT_EQ(reasons(named.candidates.front()),
            (Names{"invoice_number", "bundle", "payer_account"}));
  EXPECT_TRUE(named.auto_apply);
  // No numbers: the subset of the payer's items that sums to the amount.
  const MatchResult unnamed = match(index, payment("180.00", "two invoices"));
  EXPECT_EQ(applications(unnamed.candidates.front()),
            "INV-2026-000101=100.00 INV-2026-000103=80.00");
  EXPECT_EQ(reasons(unnamed.candidates.front()), (Names{"bundle", "payer_account"}));
  EXPECT_TRUE(unnamed.auto_apply);
  // Three invoices named, the amount is two of them (the third withheld).
  const MatchResult withheld =
      match(index, payment("180.00", "INV-2026-000101 INV-2026-000102 INV-2026-000103"));
  EXPECT_EQ(applications(withheld.candidates.front()),
            "INV-2026-000101=100.00 INV-2026-000103=80.00");
  // The search is bounded by max_bundle_items.
  MatchingRules small;
  small.max_bundle_items = 2;
  const MatchResult three = match(index, payment("430.00", ""), small);
  ASSERT_FALSE(three.candidates.empty());
  EXPECT_EQ(three.candidates.front().reasons.front(), MatchReason::kOldestOpen);
  EXPECT_FALSE(three.auto_apply);
  EXPECT_EQ(applications(match(index, payment("430.00", "")).candidates.front()),
            "INV-2026-000101=100.00 INV-2026-000102=250.00 INV-2026-000103=80.00");
}

TEST(MatchPayments, ItemsInAnotherCurrencyAreNeverProposed) {
  const MatchIndex index = fixture();
  // A USD payment naming a EUR invoice: that invoice is not a candidate.
  const MatchResult usd =
      match(index, payment("100.00", "INV-2026-000101", kAcmeAccount, "Acme", "USD"));
  for (const MatchCandidate& candidate : usd.candidates)
    for (const ProposedApplication& application : candidate.applications) {
      EXPECT_NE(application.invoice_number, "INV-2026-000101");
      EXPECT_EQ(application.amount.currency, currency("USD"));
    }
  // It finds the USD item of the same amount by the account instead.
  EXPECT_EQ(applications(usd.candidates.front()), "INV-2026-000106=100.00");
  // A EUR payment naming the USD invoice only.
  const MatchResult eur = match(index, payment("100.00", "INV-2026-000106", "", ""));
  for (const MatchCandidate& candidate : eur.candidates)
    EXPECT_NE(applications(candidate), "INV-2026-000106=100.00");
}

TEST(MatchPayments, ReferenceToAnotherCustomersInvoiceIsNotAppliedUnseen) {
  const MatchIndex index = fixture();
  // Acme's account, Brightline's invoice and amount: a person decides.
  const MatchResult result = match(index, payment("500.00", "INV-2026-000201"));
  ASSERT_FALSE(result.candidates.empty());
  EXPECT_EQ(applications(result.candidates.front()), "INV-2026-000201=500.00");
  EXPECT_LT(result.candidates.front().confidence, 90);
  EXPECT_FALSE(result.auto_apply);
}

TEST(MatchPayments, NoFitOffersTheOldestItemsForReview) {
  const MatchIndex index = fixture();
  const MatchResult result = match(index, payment("60.00", "on account"));
  ASSERT_FALSE(result.candidates.empty());
  EXPECT_EQ(applications(result.candidates.front()), "INV-2026-000101=60.00");
  EXPECT_EQ(reasons(result.candidates.front()), (Names{"oldest_open", "payer_account"}));
  EXPECT_FALSE(result.auto_apply);
}

TEST(MatchPayments, ResultsKeepThePaymentsOrderAndThresholdsAreRules) {
  const MatchIndex index = fixture();
  std::vector<IncomingPayment> payments = {payment("100.00", "INV-2026-000101"),
                                           payment("80.00", "")};
  payments[1].line_id = 2;
  MatchingRules cautious;
  cautious.auto_apply_confidence = 95;
  const std::vector<MatchResult> results = match_payments(index, payments, cautious);
  ASSERT_EQ(results.size(), 2U);
  EXPECT_EQ(results[0].line_id, 1);
  EXPECT_EQ(results[1].line_id, 2);
  EXPECT_TRUE(results[0].auto_apply);   // 99
  EXPECT_FALSE(results[1].auto_apply);  // 92
  EXPECT_TRUE(match_payments(index, {}, {}).empty());
  EXPECT_TRUE(match_payments(MatchIndex({}, {}), payments, {})[0].candidates.empty());
}

TEST(MatchPayments, WireNames) {
  EXPECT_EQ(wire_name(MatchReason::kInvoiceNumberFuzzy), "invoice_number_fuzzy");
  EXPECT_EQ(wire_name(MatchReason::kShortWithinTolerance), "short_within_tolerance");
  EXPECT_EQ(wire_name(Shortfall::kWriteOff), "write_off");
  EXPECT_EQ(wire_name(Shortfall::kDeduction), "deduction");
}

}  // namespace
}  // namespace o2c
