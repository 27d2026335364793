#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/date.h"
#include "core/limits.h"
#include "core/money.h"
#include "customers/customers.h"
#include "payments/payments.h"

namespace o2c {
namespace {

Currency currency(std::string_view code) { return currency_from_code(code).value(); }
Money money(std::string_view text, std::string_view code) {
  return parse_money(text, currency(code)).value();
}
Money eur(std::string_view text) { return money(text, "EUR"); }
Date date(std::string_view text) { return parse_date(text).value(); }

Customer customer() {
  Customer result;
  result.id = CustomerId{7};
  result.number = "C-0007";
  result.name = "Acme GmbH";
  result.currency = currency("EUR");
  return result;
}

Payment payment(std::string_view amount = "100.00") {
  Payment result;
  result.id = PaymentId{1};
  result.number = "PAY-2026-000001";
  result.customer = CustomerId{7};
  result.customer_number = "C-0007";
  result.amount = eur(amount);
  result.received_on = date("2026-03-02");
  result.reference = "INV-2026-000001 thank you";
  result.unapplied = result.amount;
  return result;
}

// ---- validate_payment ----------------------------------------------------------------------

struct PaymentCase {
  std::string name;
  void (*change)(Payment&);
  std::string reason;  // empty: valid
  std::string where;
};

TEST(ValidatePayment, ChecksEachFieldWithItsReasonAndPlace) {
  const std::vector<PaymentCase> cases = {
      {"valid", [](Payment&) {}, "", ""},
      {"in USD", [](Payment& p) { p.amount = money("100.00", "USD"); }, "currency_mismatch",
       "payment.amount"},
      {"zero", [](Payment& p) { p.amount = eur("0"); }, "amount_must_be_positive",
       "payment.amount"},
      {"negative", [](Payment& p) { p.amount = eur("-0.01"); }, "amount_must_be_positive",
       "payment.amount"},
      {"one cent", [](Payment& p) { p.amount = eur("0.01"); }, "", ""},
      {"largest amount", [](Payment& p) { p.amount.minor = kAmountMinorMax; }, "", ""},
      {"over the largest amount", [](Payment& p) { p.amount.minor = kAmountMinorMax + 1; },
       "amount_too_large", "payment.amount"},
      {"no reference", [](Payment& p) { p.reference.clear(); }, "invalid_reference",
       "payment.reference"},
      {"reference at limit", [](Payment& p) { p.reference = std::string(kReferenceBytesMax, 'r'); },
       "", ""},
      {"reference over limit",
       [](Payment& p) { p.reference = std::string(kReferenceBytesMax + 1, 'r'); },
       "invalid_reference", "payment.reference"},
  };
  for (const PaymentCase& test_case : cases) {
    SCOPED_TRACE(test_case.name);
    Payment incoming = payment();
    test_case.change(incoming);
    const Status status = validate_payment(incoming, customer());
    if (test_case.reason.empty()) {
      EXPECT_TRUE(status.has_value()) << status.error().reason;
      continue;
    }
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().kind, ErrorKind::kInvalidArgument);
    EXPECT_EQ(status.error().reason, test_case.reason);
    EXPECT_EQ(status.error().where, test_case.where);
  }
}

TEST(ValidatePayment, ReportsFaultsInFixedOrder) {
  Payment incoming = payment();
  incoming.amount = money("-5.00", "USD");
  incoming.reference.clear();
  const auto reason = [&] {
    const Status status = validate_payment(incoming, customer());
    return status.has_value() ? std::string("ok") : status.error().reason;
  };
  EXPECT_EQ(reason(), "currency_mismatch");
  incoming.amount = eur("-5.00");
  EXPECT_EQ(reason(), "amount_must_be_positive");
  incoming.amount = eur("5.00");
  EXPECT_EQ(reason(), "invalid_reference");
  incoming.reference = "remittance";
  EXPECT_EQ(reason(), "ok");
}

TEST(ValidatePayment, MessagesNameTheCurrenciesAndAmount) {
  Payment in_usd = payment();
  in_usd.amount = money("100.00", "USD");
  const std::string mismatch = validate_payment(in_usd, customer()).error().message;
  EXPECT_NE(mismatch.find("USD"), std::string::npos) << mismatch;
  EXPECT_NE(mismatch.find("EUR"), std::string::npos) << mismatch;
  EXPECT_NE(mismatch.find("C-0007"), std::string::npos) << mismatch;

  const std::string negative = validate_payment(payment("-3.10"), customer()).error().message;
  EXPECT_NE(negative.find("-3.10 EUR"), std::string::npos) << negative;
}

// ---- payment methods -----------------------------------------------------------------------

TEST(PaymentMethod, WireNamesRoundTrip) {
  const std::vector<std::pair<PaymentMethod, std::string>> methods = {
      {PaymentMethod::kBankTransfer, "bank_transfer"},
      {PaymentMethod::kCard, "card"},
      {PaymentMethod::kCheque, "cheque"},
      {PaymentMethod::kDirectDebit, "direct_debit"},
      {PaymentMethod::kCash, "cash"},
  };
  for (const auto& [method, name] : methods) {
    EXPECT_EQ(wire_name(method), name);
    const Result<PaymentMethod> parsed = payment_method_from_wire(name);
    ASSERT_TRUE(parsed.has_value()) << name;
    EXPECT_EQ(*parsed, method);
  }
}

TEST(PaymentMethod, UnknownNamesAreRejected) {
  for (const std::string_view name : {"", "Card", "wire", "bank transfer", "check"}) {
    const Result<PaymentMethod> parsed = payment_method_from_wire(name);
    ASSERT_FALSE(parsed.has_value()) << name;
    EXPECT_EQ(parsed.error().kind, ErrorKind::kInvalidArgument);
    EXPECT_EQ(parsed.error().reason, "unknown_payment_method");
    EXPECT_EQ(parsed.error().where, "payment.method");
  }
}

// ---- plan_application ----------------------------------------------------------------------

OpenItem item(std::string_view number, std::string_view due, std::string_view open,
              std::int64_t customer_id = 7) {
  OpenItem result;
  std::int64_t id = 0;  // the name in base 128: names up to 8 characters get distinct ids
  for (const char c : number) id = id * 128 + static_cast<unsigned char>(c);
  result.invoice = InvoiceId{id};
  result.invoice_number = std::string(number);
  result.customer = CustomerId{customer_id};
  result.customer_number = customer_id == 7 ? "C-0007" : "C-0008";
  result.invoice_date = add_days(date(due), -30);
  result.due_date = date(due);
  result.open = eur(open);
  return result;
}

// The customer's ledger: INV-2 is the oldest due, INV-4 is someone else's, INV-5 is paid.
std::vector<OpenItem> ledger() {
  return {
      item("INV-1", "2026-02-01", "100.00"), item("INV-2", "2026-01-15", "50.00"),
      item("INV-3", "2026-03-01", "30.00"),  item("INV-4", "2026-01-01", "999.00", 8),
      item("INV-5", "2026-01-01", "0"),
  };
}

// "INV-2 50.00, INV-1 100.00" or the error's reason and place.
std::string plan(std::string_view available, const std::vector<OpenItem>& items,
                 ApplicationOrder order) {
  const Result<std::vector<Application>> applications =
      plan_application(payment(available), eur(available), items, order);
  if (!applications.has_value())
    return applications.error().reason + " at " + applications.error().where;
  std::string text;
  for (const Application& application : *applications) {
    if (!text.empty()) text += ", ";
    text += application.invoice_number + " " + format_money(application.amount);
  }
  return text.empty() ? "nothing" : text;
}

TEST(PlanApplication, OldestDueFirst) {
  EXPECT_EQ(plan("155.00", ledger(), ApplicationOrder::kOldestDueFirst),
            "INV-2 50.00 EUR, INV-1 100.00 EUR, INV-3 5.00 EUR");
}

TEST(PlanApplication, NeverAppliesBeyondAnOpenAmountAndLeavesTheRestUnapplied) {
  // 200.00 settles 180.00 of open items; 20.00 stays on account (nothing is planned for it).
  EXPECT_EQ(plan("200.00", ledger(), ApplicationOrder::kOldestDueFirst),
            "INV-2 50.00 EUR, INV-1 100.00 EUR, INV-3 30.00 EUR");
}

TEST(PlanApplication, NeverAppliesMoreThanIsAvailable) {
  EXPECT_EQ(plan("0.01", ledger(), ApplicationOrder::kOldestDueFirst), "INV-2 0.01 EUR");
  EXPECT_EQ(plan("50.00", ledger(), ApplicationOrder::kOldestDueFirst), "INV-2 50.00 EUR");
  EXPECT_EQ(plan("0", ledger(), ApplicationOrder::kOldestDueFirst), "nothing");
}

TEST(PlanApplication, OldestDueFirstSkipsOtherCustomersAndPaidInvoices) {
  EXPECT_EQ(plan("5000.00", ledger(), ApplicationOrder::kOldestDueFirst),
            "INV-2 50.00 EUR, INV-1 100.00 EUR, INV-3 30.00 EUR");
  EXPECT_EQ(plan("10.00", {}, ApplicationOrder::kOldestDueFirst), "nothing");
}

TEST(PlanApplication, SameDueDateGoesByInvoiceNumber) {
  const std::vector<OpenItem> items = {item("INV-B", "2026-01-15", "10.00"),
                                       item("INV-C", "2026-01-15", "10.00"),
                                       item("INV-A", "2026-01-15", "10.00")};
  EXPECT_EQ(plan("25.00", items, ApplicationOrder::kOldestDueFirst),
            "INV-A 10.00 EUR, INV-B 10.00 EUR, INV-C 5.00 EUR");
}

TEST(PlanApplication, AsNamedKeepsThePayersOrder) {
  const std::vector<OpenItem> named = {item("INV-3", "2026-03-01", "30.00"),
                                       item("INV-1", "2026-02-01", "100.00"),
                                       item("INV-2", "2026-01-15", "50.00")};
  EXPECT_EQ(plan("120.00", named, ApplicationOrder::kAsNamed), "INV-3 30.00 EUR, INV-1 90.00 EUR");
  EXPECT_EQ(plan("500.00", named, ApplicationOrder::kAsNamed),
            "INV-3 30.00 EUR, INV-1 100.00 EUR, INV-2 50.00 EUR");
}

TEST(PlanApplication, AppliedAmountsAreInThePaymentCurrency) {
  const Result<std::vector<Application>> applications =
      plan_application(payment("60.00"), eur("60.00"), ledger(), ApplicationOrder::kOldestDueFirst);
  ASSERT_TRUE(applications.has_value());
  ASSERT_EQ(applications->size(), 2u);
  EXPECT_EQ((*applications)[0].invoice, ledger()[1].invoice);
  EXPECT_EQ((*applications)[0].amount, eur("50.00"));
  EXPECT_EQ((*applications)[1].invoice, ledger()[0].invoice);
  EXPECT_EQ((*applications)[1].amount, eur("10.00"));
}

TEST(PlanApplication, AvailableMayBeLessThanThePayment) {
  // Part of the payment was applied before; only what is left may be planned.
  const Result<std::vector<Application>> applications = plan_application(
      payment("100.00"), eur("20.00"), ledger(), ApplicationOrder::kOldestDueFirst);
  ASSERT_TRUE(applications.has_value());
  ASSERT_EQ(applications->size(), 1u);
  EXPECT_EQ((*applications)[0].amount, eur("20.00"));
}

struct NamedFailure {
  std::string name;
  std::vector<OpenItem> items;
  std::string expected;  // "reason at where"
  ErrorKind kind;
};

TEST(PlanApplication, NamedInvoicesAreCheckedWithReasonAndPlace) {
  OpenItem in_usd = item("INV-6", "2026-01-01", "10.00");
  in_usd.open = money("10.00", "USD");
  const OpenItem inv1 = item("INV-1", "2026-02-01", "100.00");
  const OpenItem other = item("INV-4", "2026-01-01", "999.00", 8);
  const OpenItem paid = item("INV-5", "2026-01-01", "0");
  const std::vector<NamedFailure> failures = {
      {"other customer",
       {inv1, other},
       "invoice_of_other_customer at invoices[1]",
       ErrorKind::kInvalidArgument},
      {"other currency", {in_usd}, "currency_mismatch at invoices[0]", ErrorKind::kInvalidArgument},
      {"already paid",
       {inv1, paid},
       "invoice_already_paid at invoices[1]",
       ErrorKind::kFailedPrecondition},
      {"named twice",
       {inv1, item("INV-2", "2026-01-15", "50.00"), inv1},
       "duplicate_invoice at invoices[2]",
       ErrorKind::kInvalidArgument},
  };
  for (const NamedFailure& failure : failures) {
    SCOPED_TRACE(failure.name);
    EXPECT_EQ(plan("100.00", failure.items, ApplicationOrder::kAsNamed), failure.expected);
    const Result<std::vector<Application>> result =
        plan_application(payment(), eur("100.00"), failure.items, ApplicationOrder::kAsNamed);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().kind, failure.kind);
  }
}

TEST(PlanApplication, NamedInvoiceFaultsInFixedOrder) {
  OpenItem invoice = item("INV-9", "2026-01-01", "0", 8);
  invoice.open = money("0", "USD");
  EXPECT_EQ(plan("10.00", {invoice}, ApplicationOrder::kAsNamed),
            "invoice_of_other_customer at invoices[0]");
  invoice.customer = CustomerId{7};
  EXPECT_EQ(plan("10.00", {invoice}, ApplicationOrder::kAsNamed),
            "currency_mismatch at invoices[0]");
  invoice.open = eur("0");
  EXPECT_EQ(plan("10.00", {invoice}, ApplicationOrder::kAsNamed),
            "invoice_already_paid at invoices[0]");
  invoice.open = eur("5.00");
  EXPECT_EQ(plan("10.00", {invoice, invoice}, ApplicationOrder::kAsNamed),
            "duplicate_invoice at invoices[1]");
  EXPECT_EQ(plan("10.00", {invoice}, ApplicationOrder::kAsNamed), "INV-9 5.00 EUR");
}

TEST(PlanApplication, TheFirstBadNamedInvoiceIsReported) {
  const OpenItem other = item("INV-4", "2026-01-01", "999.00", 8);
  const OpenItem paid = item("INV-5", "2026-01-01", "0");
  EXPECT_EQ(plan("10.00", {paid, other}, ApplicationOrder::kAsNamed),
            "invoice_already_paid at invoices[0]");
}

TEST(PlanApplication, NamesAtMostTheLimitOfInvoices) {
  std::vector<OpenItem> items;
  for (std::size_t i = 0; i < kPaymentTargetsMax; ++i) {
    OpenItem next = item("INV-" + std::to_string(i), "2026-01-01", "1.00");
    next.invoice = InvoiceId{static_cast<std::int64_t>(i) + 1};
    items.push_back(next);
  }
  const Result<std::vector<Application>> at_limit =
      plan_application(payment("5.00"), eur("5.00"), items, ApplicationOrder::kAsNamed);
  ASSERT_TRUE(at_limit.has_value()) << at_limit.error().reason;
  EXPECT_EQ(at_limit->size(), 5u);

  items.push_back(item("INV-X", "2026-01-01", "1.00"));
  EXPECT_EQ(plan("5.00", items, ApplicationOrder::kAsNamed), "too_many_invoices at invoices");
}

TEST(PlanApplicationDeathTest, AvailableCashMustMatchThePayment) {
  const std::vector<OpenItem> items = ledger();
  EXPECT_DEATH(
      (void)plan_application(payment(), eur("-0.01"), items, ApplicationOrder::kOldestDueFirst),
      "available");
  EXPECT_DEATH((void)plan_application(payment(), money("1.00", "USD"), items,
                                      ApplicationOrder::kOldestDueFirst),
               "available");
}

}  // namespace
}  // namespace o2c
