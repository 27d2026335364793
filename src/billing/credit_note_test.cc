#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "billing/billing.h"

namespace o2c {
namespace {

Currency currency(std::string_view code) { return currency_from_code(code).value(); }
Money eur(std::string_view text) { return parse_money(text, currency("EUR")).value(); }
Quantity qty(std::string_view text) { return parse_quantity(text).value(); }
Date date(std::string_view text) { return parse_date(text).value(); }
PaymentTerms terms(std::string_view code) { return parse_payment_terms(code).value(); }

InvoiceLine line(int no, std::string_view quantity, std::string_view price, std::string_view net,
                 std::string_view tax, std::int32_t rate) {
  InvoiceLine item;
  item.line_no = no;
  item.order_line_no = no;
  item.sku = "W-" + std::to_string(no);
  item.description = "Widget " + std::to_string(no);
  item.quantity = qty(quantity);
  item.unit_price = eur(price);
  item.tax_category = rate == 1'900 ? "standard" : "reduced";
  item.tax_rate = BasisPoints{rate};
  item.net = eur(net);
  item.tax = eur(tax);
  return item;
}

// INV-2026-000001: line 1: 3 × 3.33 = 9.99 net at 19 % = 1.90 tax;
//                  line 2: 2 × 10.00 = 20.00 net at 7 % = 1.40 tax. Gross 33.29.
Invoice posted_invoice() {
  Invoice invoice;
  invoice.id = InvoiceId{1};
  invoice.number = "INV-2026-000001";
  invoice.customer = CustomerId{7};
  invoice.customer_number = "C1";
  invoice.invoice_date = date("2026-03-02");
  invoice.currency = currency("EUR");
  invoice.lines = {line(1, "3", "3.33", "9.99", "1.90", 1'900),
                   line(2, "2", "10.00", "20.00", "1.40", 700)};
  invoice.net_total = eur("29.99");
  invoice.tax_total = eur("3.30");
  invoice.gross_total = eur("33.29");
  invoice.paid = invoice.credited = invoice.discount_taken = invoice.written_off = eur("0");
  return invoice;
}

CreditRequest by_quantity(int line_no, std::string_view quantity) {
  return CreditRequest{CreditCause::kReturn,
                       "returned",
                       false,
                       {CreditLineRequest{line_no, qty(quantity), std::nullopt}}};
}

std::string amounts(const CreditNote& note) {
  std::string text;
  for (const CreditNoteLine& l : note.lines)
    text += std::to_string(l.invoice_line_no) + ":" + format_amount(l.net) + "+" +
            format_amount(l.tax) + " ";
  return text + "= " + format_money(note.gross_total);
}

CreditedLine taken(const CreditNote& note, std::size_t index) {
  const CreditNoteLine& l = note.lines[index];
  return CreditedLine{l.invoice_line_no, l.quantity, l.net, l.tax};
}

TEST(PlanCreditNote, CreditsByQuantityCumulativelySoEveryUnitGivesBackTheLine) {
  const Invoice invoice = posted_invoice();
  std::vector<CreditedLine> credited;
  // One unit at a time: 9.99 × 1/3 = 3.33, 1.90 × 1/3 = 0.6333 → 0.63; then 2/3: 6.66 − 3.33,
  // 1.2667 → 1.27 − 0.63 = 0.64; then the rest: 9.99 − 6.66, 1.90 − 1.27 = 0.63.
  const char* expected[] = {"1:3.33+0.63 = 3.96 EUR", "1:3.33+0.64 = 3.97 EUR",
                            "1:3.33+0.63 = 3.96 EUR"};
  for (const char* want : expected) {
    Result<CreditNote> note =
        plan_credit_note(invoice, credited, by_quantity(1, "1"), date("2026-03-10"));
    ASSERT_TRUE(note.has_value()) << note.error().message;
    EXPECT_EQ(amounts(*note), want);
    credited.push_back(taken(*note, 0));
  }
  Result<CreditNote> fourth =
      plan_credit_note(invoice, credited, by_quantity(1, "1"), date("2026-03-10"));
  ASSERT_FALSE(fourth.has_value());
  EXPECT_EQ(fourth.error().reason, "credit_exceeds_invoice");
  EXPECT_EQ(fourth.error().where, "lines[0].quantity");
}

TEST(PlanCreditNote, CreditsANetAmountWithTheLinesTaxRate) {
  // A price correction of 5.00 net on line 2 at 7 %: tax 0.35.
  CreditRequest request{CreditCause::kPriceCorrection,
                        "price was 7.50",
                        false,
                        {CreditLineRequest{2, std::nullopt, eur("5.00")}}};
  Result<CreditNote> note = plan_credit_note(posted_invoice(), {}, request, date("2026-03-10"));
  ASSERT_TRUE(note.has_value());
  EXPECT_EQ(amounts(*note), "2:5.00+0.35 = 5.35 EUR");
  EXPECT_EQ(note->lines[0].quantity.milli, 0);
  EXPECT_EQ(note->invoice_number, "INV-2026-000001");
}

TEST(PlanCreditNote, RefusesMoreThanIsLeftOfALineByAmount) {
  const std::vector<CreditedLine> credited = {{2, qty("0"), eur("15.00"), eur("1.05")}};
  CreditRequest request{
      CreditCause::kDispute, "damaged", false, {CreditLineRequest{2, std::nullopt, eur("5.01")}}};
  Result<CreditNote> note =
      plan_credit_note(posted_invoice(), credited, request, date("2026-03-10"));
  ASSERT_FALSE(note.has_value());
  EXPECT_EQ(note.error().reason, "credit_exceeds_invoice");
  EXPECT_EQ(note.error().where, "lines[0].amount");
  // 5.00 is exactly what is left: tax 0.35 is also what is left (1.40 − 1.05).
  request.lines[0].net = eur("5.00");
  note = plan_credit_note(posted_invoice(), credited, request, date("2026-03-10"));
  ASSERT_TRUE(note.has_value());
  EXPECT_EQ(amounts(*note), "2:5.00+0.35 = 5.35 EUR");
}

TEST(PlanCreditNote, WholeInvoiceCreditsWhatIsLeftToTheCent) {
  // Line 1 had one unit returned (3.33 + 0.63); line 2 a price correction of 5.00 + 0.35.
  const std::vector<CreditedLine> credited = {{1, qty("1"), eur("3.33"), eur("0.63")},
                                              {2, qty("0"), eur("5.00"), eur("0.35")}};
  CreditRequest request{CreditCause::kCancellation, "contract cancelled", true, {}};
  Result<CreditNote> note =
      plan_credit_note(posted_invoice(), credited, request, date("2026-03-10"));
  ASSERT_TRUE(note.has_value());
  // 9.99 − 3.33 = 6.66 + 1.90 − 0.63 = 1.27; 20.00 − 5.00 = 15.00 + 1.40 − 0.35 = 1.05.
  EXPECT_EQ(amounts(*note), "1:6.66+1.27 2:15.00+1.05 = 23.98 EUR");
  // Everything credited: 3.96 + 5.35 + 23.98 = 33.29, the invoice's gross.
  std::vector<CreditedLine> all = credited;
  all.push_back(taken(*note, 0));
  all.push_back(taken(*note, 1));
  Result<CreditNote> again = plan_credit_note(posted_invoice(), all, request, date("2026-03-11"));
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().reason, "nothing_to_credit");
}

TEST(PlanCreditNote, RefusesBadRequestsNamingTheField) {
  const Invoice invoice = posted_invoice();
  CreditRequest no_reason = by_quantity(1, "1");
  no_reason.reason.clear();
  EXPECT_EQ(plan_credit_note(invoice, {}, no_reason, date("2026-03-10")).error().reason,
            "credit_reason_missing");
  EXPECT_EQ(plan_credit_note(invoice, {}, by_quantity(3, "1"), date("2026-03-10")).error().where,
            "lines[0].line");
  EXPECT_EQ(plan_credit_note(invoice, {}, by_quantity(1, "0"), date("2026-03-10")).error().reason,
            "credit_quantity_invalid");
  CreditRequest negative{
      CreditCause::kDispute, "x", false, {CreditLineRequest{1, std::nullopt, eur("-1.00")}}};
  EXPECT_EQ(plan_credit_note(invoice, {}, negative, date("2026-03-10")).error().reason,
            "credit_amount_invalid");
  CreditRequest nothing{CreditCause::kDispute, "x", false, {}};
  EXPECT_EQ(plan_credit_note(invoice, {}, nothing, date("2026-03-10")).error().reason,
            "nothing_to_credit");
}

TEST(PlanDebitNote, ChargesOneTaxedLineWithTheCustomersTerms) {
  // 12.50 net at 19 % = 2.375 → 2.38 (half-even on the third decimal 5 rounds to even 2.38).
  Result<Invoice> note =
      plan_debit_note(posted_invoice(), "freight under-charged", "", eur("12.50"), "standard",
                      BasisPoints{1'900}, terms("NET14"), date("2026-03-20"));
  ASSERT_TRUE(note.has_value());
  EXPECT_EQ(note->kind, InvoiceKind::kDebitNote);
  EXPECT_EQ(note->corrects_number, "INV-2026-000001");
  EXPECT_EQ(format_money(note->gross_total), "14.88 EUR");
  EXPECT_EQ(format_date(note->due_date), "2026-04-03");
  EXPECT_EQ(note->lines.front().description, "freight under-charged");
  EXPECT_EQ(plan_debit_note(posted_invoice(), "", "", eur("1.00"), "standard", BasisPoints{1'900},
                            terms("NET14"), date("2026-03-20"))
                .error()
                .reason,
            "debit_reason_missing");
  EXPECT_EQ(plan_debit_note(posted_invoice(), "x", "", eur("0"), "standard", BasisPoints{1'900},
                            terms("NET14"), date("2026-03-20"))
                .error()
                .reason,
            "debit_amount_invalid");
}

TEST(ApplyPaymentTerms, SplitsInstalmentsByLargestRemainder) {
  Invoice invoice = posted_invoice();
  // 33.29 in three: 11.0966… each → 11.10, 11.10, 11.09 (the remainders go to the earlier).
  ASSERT_TRUE(apply_payment_terms(invoice, terms("NET30 x3")).has_value());
  ASSERT_EQ(invoice.instalments.size(), 3u);
  EXPECT_EQ(format_amount(invoice.instalments[0].amount), "11.10");
  EXPECT_EQ(format_amount(invoice.instalments[1].amount), "11.10");
  EXPECT_EQ(format_amount(invoice.instalments[2].amount), "11.09");
  EXPECT_EQ(format_date(invoice.instalments[0].due_date), "2026-04-01");
  EXPECT_EQ(format_date(invoice.instalments[1].due_date), "2026-05-01");
  EXPECT_EQ(format_date(invoice.instalments[2].due_date), "2026-05-31");
  EXPECT_EQ(format_date(invoice.due_date), "2026-05-31");
  EXPECT_EQ(invoice.terms, "NET30 x3");
}

TEST(ApplyPaymentTerms, PutsTheEarlyPaymentDiscountOnTheInvoice) {
  Invoice invoice = posted_invoice();
  ASSERT_TRUE(apply_payment_terms(invoice, terms("2/10 NET30")).has_value());
  EXPECT_EQ(format_percent(invoice.discount), "2");
  EXPECT_EQ(format_date(*invoice.discount_until), "2026-03-12");
  EXPECT_EQ(format_date(invoice.due_date), "2026-04-01");
  EXPECT_TRUE(invoice.instalments.empty());
}

TEST(EarlyPaymentDiscount, OnTheGrossWithinThePeriodOnly) {
  const Date until = date("2026-03-12");
  // 2 % of 33.29 = 0.6658 → 0.67.
  EXPECT_EQ(format_money(early_payment_discount(eur("33.29"), eur("33.29"), BasisPoints{200}, until,
                                                date("2026-03-12"))
                             .value()),
            "0.67 EUR");
  EXPECT_EQ(format_money(early_payment_discount(eur("33.29"), eur("33.29"), BasisPoints{200}, until,
                                                date("2026-03-13"))
                             .value()),
            "0.00 EUR");
  // Never more than is still open.
  EXPECT_EQ(format_money(early_payment_discount(eur("33.29"), eur("0.50"), BasisPoints{200}, until,
                                                date("2026-03-05"))
                             .value()),
            "0.50 EUR");
  EXPECT_EQ(format_money(early_payment_discount(eur("33.29"), eur("33.29"), BasisPoints{0},
                                                std::nullopt, date("2026-03-05"))
                             .value()),
            "0.00 EUR");
}

TEST(PlanProforma, BillsWhatIsNotInvoicedYetAsBillingWill) {
  Order order;
  order.id = OrderId{3};
  order.number = "SO-2026-000003";
  order.customer_number = "C1";
  order.currency = currency("EUR");
  OrderLine ordered;
  ordered.line_no = 1;
  ordered.sku = "W-1";
  ordered.quantity = qty("3");
  ordered.invoiced = qty("1");
  ordered.unit_price = eur("3.33");
  ordered.net = eur("9.99");
  ordered.tax = eur("1.90");
  ordered.tax_rate = BasisPoints{1'900};
  order.lines.push_back(ordered);
  Result<ProformaInvoice> proforma = plan_proforma(order, date("2026-03-02"));
  ASSERT_TRUE(proforma.has_value());
  // Invoiced 1/3 so far: 3.33 + 0.63; left 6.66 + 1.27 = 7.93.
  EXPECT_EQ(format_money(proforma->gross_total), "7.93 EUR");
  EXPECT_EQ(format_quantity(proforma->lines[0].quantity), "2");
  EXPECT_EQ(format_date(proforma->valid_until), "2026-04-01");
  order.lines[0].invoiced = qty("3");
  EXPECT_EQ(plan_proforma(order, date("2026-03-02")).error().reason, "nothing_to_invoice");
}

TEST(CreditCause, WireNamesAreFrozen) {
  EXPECT_EQ(wire_name(CreditCause::kReturn), "return");
  EXPECT_EQ(wire_name(CreditCause::kPriceCorrection), "price_correction");
  EXPECT_EQ(wire_name(CreditCause::kDispute), "dispute");
  EXPECT_EQ(wire_name(CreditCause::kCancellation), "cancellation");
  EXPECT_EQ(credit_cause_from_wire("goodwill").error().reason, "unknown_credit_cause");
  EXPECT_EQ(wire_name(InvoiceKind::kDebitNote), "debit_note");
}

}  // namespace
}  // namespace o2c
