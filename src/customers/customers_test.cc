#include "customers/customers.h"

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "core/date.h"
#include "core/limits.h"
#include "core/money.h"

namespace o2c {
namespace {

Currency currency(std::string_view code) { return currency_from_code(code).value(); }
Date date(std::string_view text) { return parse_date(text).value(); }
Money eur(std::string_view text) { return parse_money(text, currency("EUR")).value(); }

PaymentTerms terms(std::string_view code) { return parse_payment_terms(code).value(); }

std::string due(std::string_view terms_code, std::string_view invoice_date) {
  return format_date(due_date(terms(terms_code), date(invoice_date)));
}

Customer valid_customer() {
  Customer customer;
  customer.id = CustomerId{1};
  customer.number = "C-0001";
  customer.name = "Acme GmbH";
  customer.currency = currency("EUR");
  customer.terms = terms("NET30");
  customer.credit_limit = eur("5000.00");
  customer.segment = "smb";
  customer.email = "ap@acme.example";
  return customer;
}

// ---- parse_payment_terms ---------------------------------------------------------------

TEST(ParsePaymentTerms, DueIsNetZeroFromTheInvoiceDate) {
  const Result<PaymentTerms> parsed = parse_payment_terms("DUE");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->code, "DUE");
  EXPECT_EQ(parsed->net_days, 0);
  EXPECT_FALSE(parsed->end_of_month);
}

TEST(ParsePaymentTerms, NetDaysCountFromTheInvoiceDate) {
  const Result<PaymentTerms> parsed = parse_payment_terms("NET30");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->code, "NET30");
  EXPECT_EQ(parsed->net_days, 30);
  EXPECT_FALSE(parsed->end_of_month);
}

TEST(ParsePaymentTerms, EndOfMonthDaysCountFromTheMonthEnd) {
  const Result<PaymentTerms> parsed = parse_payment_terms("EOM15");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->code, "EOM15");
  EXPECT_EQ(parsed->net_days, 15);
  EXPECT_TRUE(parsed->end_of_month);
}

TEST(ParsePaymentTerms, AcceptsZeroAndTheMaximumDays) {
  EXPECT_EQ(terms("NET0").net_days, 0);
  EXPECT_EQ(terms("EOM0").net_days, 0);
  EXPECT_EQ(terms("NET365").net_days, kPaymentTermDaysMax);
  EXPECT_EQ(terms("EOM365").net_days, kPaymentTermDaysMax);
}

TEST(ParsePaymentTerms, RejectsEverythingElseNamingTheCode) {
  const std::vector<std::string> bad_codes = {
      "NET-1",   "NET366",
      "NETX",    "30",
      "",        "NET",
      "EOM",     "net30",
      "Net30",   "NET 30",
      "NET30 ",  " NET30",
      "NET+30",  "NET3O",
      "DUE30",   "DUE ",
      "NET-0",   "EOM-0",
      "EOM-15",  "NET30X",
      "EOM15.5", "NET99999999999999999999",
  };
  for (const std::string& code : bad_codes) {
    SCOPED_TRACE("code '" + code + "'");
    const Result<PaymentTerms> parsed = parse_payment_terms(code);
    ASSERT_FALSE(parsed.has_value());
    EXPECT_EQ(parsed.error().kind, ErrorKind::kInvalidArgument);
    EXPECT_EQ(parsed.error().reason, "invalid_payment_terms");
    EXPECT_EQ(parsed.error().where, "terms");
    EXPECT_NE(parsed.error().message.find("'" + code + "'"), std::string::npos);
  }
}

// ---- due_date ----------------------------------------------------------------------------

TEST(DueDate, DueIsTheInvoiceDate) { EXPECT_EQ(due("DUE", "2026-03-02"), "2026-03-02"); }

TEST(DueDate, NetAddsCalendarDays) {
  EXPECT_EQ(due("NET30", "2026-01-20"), "2026-02-19");
  EXPECT_EQ(due("NET30", "2026-02-01"), "2026-03-03");  // February 2026 has 28 days
  EXPECT_EQ(due("NET30", "2028-02-01"), "2028-03-02");  // 2028 is a leap year
  EXPECT_EQ(due("NET30", "2026-12-15"), "2027-01-14");
  EXPECT_EQ(due("NET0", "2026-05-31"), "2026-05-31");
  EXPECT_EQ(due("NET365", "2026-01-01"), "2027-01-01");
}

TEST(DueDate, EndOfMonthAddsDaysToTheLastDayOfTheInvoiceMonth) {
  EXPECT_EQ(due("EOM15", "2026-01-20"), "2026-02-15");
  EXPECT_EQ(due("EOM15", "2026-01-01"), "2026-02-15");
  EXPECT_EQ(due("EOM15", "2026-01-31"), "2026-02-15");
  EXPECT_EQ(due("EOM0", "2026-02-03"), "2026-02-28");
  EXPECT_EQ(due("EOM0", "2028-02-03"), "2028-02-29");
  EXPECT_EQ(due("EOM30", "2026-01-05"), "2026-03-02");
  EXPECT_EQ(due("EOM15", "2026-12-10"), "2027-01-15");
}

TEST(DueDateDeathTest, TermsOutsideTheParsedRangeAbort) {
  PaymentTerms broken = terms("NET30");
  broken.net_days = kPaymentTermDaysMax + 1;
  EXPECT_DEATH((void)due_date(broken, date("2026-01-01")), "net_days");
}

// ---- validate_customer -------------------------------------------------------------------

struct CustomerCase {
  std::string name;
  void (*change)(Customer&);
  std::string reason;  // empty: valid
  std::string where;
};

TEST(ValidateCustomer, ChecksEachFieldWithItsReasonAndPlace) {
  const std::vector<CustomerCase> cases = {
      {"valid", [](Customer&) {}, "", ""},
      {"number empty", [](Customer& c) { c.number.clear(); }, "invalid_customer_number",
       "customer.number"},
      {"number 40 chars", [](Customer& c) { c.number = std::string(40, 'C'); }, "", ""},
      {"number 41 chars", [](Customer& c) { c.number = std::string(41, 'C'); },
       "invalid_customer_number", "customer.number"},
      {"name empty", [](Customer& c) { c.name.clear(); }, "invalid_name", "customer.name"},
      {"name at limit", [](Customer& c) { c.name = std::string(kNameBytesMax, 'n'); }, "", ""},
      {"name over limit", [](Customer& c) { c.name = std::string(kNameBytesMax + 1, 'n'); },
       "invalid_name", "customer.name"},
      {"limit in USD",
       [](Customer& c) { c.credit_limit = parse_money("5000.00", currency("USD")).value(); },
       "currency_mismatch", "customer.credit_limit"},
      {"limit zero", [](Customer& c) { c.credit_limit = eur("0"); }, "", ""},
      {"limit -0.01", [](Customer& c) { c.credit_limit = eur("-0.01"); }, "invalid_credit_limit",
       "customer.credit_limit"},
      {"limit at maximum", [](Customer& c) { c.credit_limit.minor = kAmountMinorMax; }, "", ""},
      {"limit over maximum", [](Customer& c) { c.credit_limit.minor = kAmountMinorMax + 1; },
       "invalid_credit_limit", "customer.credit_limit"},
      {"no e-mail", [](Customer& c) { c.email.clear(); }, "", ""},
      {"e-mail without @", [](Customer& c) { c.email = "ap.acme.example"; }, "invalid_email",
       "customer.email"},
      {"e-mail with space", [](Customer& c) { c.email = "ap @acme.example"; }, "invalid_email",
       "customer.email"},
      {"tier 1 (served first)", [](Customer& c) { c.tier = 1; }, "", ""},
      {"tier 9 (served last)", [](Customer& c) { c.tier = 9; }, "", ""},
      {"tier 0", [](Customer& c) { c.tier = 0; }, "tier_out_of_range", "customer.tier"},
      {"tier 10", [](Customer& c) { c.tier = 10; }, "tier_out_of_range", "customer.tier"},
      {"tier -1", [](Customer& c) { c.tier = -1; }, "tier_out_of_range", "customer.tier"},
      {"region of 3", [](Customer& c) { c.shipping_address.region = "NYC"; }, "", ""},
      {"shipping region of 4", [](Customer& c) { c.shipping_address.region = "CALI"; },
       "invalid_region", "customer.shipping_address.region"},
      {"billing region of 4", [](Customer& c) { c.billing_address.region = "CALI"; },
       "invalid_region", "customer.billing_address.region"},
      {"tax-exempt", [](Customer& c) { c.tax_exempt = true; }, "", ""},
  };
  for (const CustomerCase& test_case : cases) {
    SCOPED_TRACE(test_case.name);
    Customer customer = valid_customer();
    test_case.change(customer);
    const Status status = validate_customer(customer);
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

TEST(ValidateCustomer, ReportsFaultsInFixedOrder) {
  // Every field is wrong; fixing them one by one must reveal the next reason in order.
  Customer customer = valid_customer();
  customer.number.clear();
  customer.name.clear();
  customer.credit_limit = parse_money("-1.00", currency("USD")).value();
  customer.email = "nobody";
  customer.tier = 0;

  const auto reason = [&] {
    const Status status = validate_customer(customer);
    return status.has_value() ? std::string("ok") : status.error().reason;
  };
  EXPECT_EQ(reason(), "invalid_customer_number");
  customer.number = "C-0001";
  EXPECT_EQ(reason(), "invalid_name");
  customer.name = "Acme GmbH";
  EXPECT_EQ(reason(), "currency_mismatch");
  customer.credit_limit = eur("-1.00");
  EXPECT_EQ(reason(), "invalid_credit_limit");
  customer.credit_limit = eur("1.00");
  EXPECT_EQ(reason(), "invalid_email");
  customer.email = "ap@acme.example";
  EXPECT_EQ(reason(), "tier_out_of_range");
  customer.tier = 3;
  EXPECT_EQ(reason(), "ok");
}

TEST(CustomerTier, NewCustomersAreTheMiddleTierWithNoPreferredWarehouse) {
  const Customer customer;
  EXPECT_EQ(customer.tier, 5);
  EXPECT_TRUE(customer.preferred_warehouse.empty());
}

TEST(ValidateCustomer, CreditLimitMessageShowsTheAmount) {
  Customer customer = valid_customer();
  customer.credit_limit = eur("-12.50");
  const Status status = validate_customer(customer);
  ASSERT_FALSE(status.has_value());
  EXPECT_NE(status.error().message.find("-12.50 EUR"), std::string::npos) << status.error().message;
}

}  // namespace
}  // namespace o2c

namespace o2c {
namespace {

TEST(ParsePaymentTerms, ReadsAnEarlyPaymentDiscount) {
  const PaymentTerms skonto = parse_payment_terms("2/10 NET30").value();
  EXPECT_EQ(skonto.discount.value, 200);
  EXPECT_EQ(skonto.discount_days, 10);
  EXPECT_EQ(skonto.net_days, 30);
  EXPECT_EQ(parse_payment_terms("1.5/14 EOM30").value().discount.value, 150);
  // 2 % within 10 days of 2026-03-02 is until 2026-03-12; net 30 is due 2026-04-01.
  const Date invoiced = parse_date("2026-03-02").value();
  EXPECT_EQ(format_date(*discount_until(skonto, invoiced)), "2026-03-12");
  EXPECT_EQ(format_date(due_date(skonto, invoiced)), "2026-04-01");
  EXPECT_FALSE(discount_until(parse_payment_terms("NET30").value(), invoiced).has_value());
}

TEST(ParsePaymentTerms, ReadsInstalments) {
  const PaymentTerms monthly = parse_payment_terms("EOM0 x3").value();
  EXPECT_EQ(monthly.instalments, 3);
  const std::vector<Date> dates = instalment_due_dates(monthly, parse_date("2026-01-15").value());
  ASSERT_EQ(dates.size(), 3u);
  EXPECT_EQ(format_date(dates[0]), "2026-01-31");
  EXPECT_EQ(format_date(dates[1]), "2026-02-28");
  EXPECT_EQ(format_date(dates[2]), "2026-03-31");
}

TEST(ParsePaymentTerms, RefusesMalformedDiscountsAndInstalments) {
  for (const char* code : {"2/10NET30", "0/10 NET30", "100/10 NET30", "2/0 NET30", "2/30 NET30",
                           "2/x NET30", "NET30 x1", "NET30 x25", "NET30 3", "NET0 x2",
                           "2/10 NET30 x2", "DUE x2", "2/10 DUE", "NET30 x-2", " NET30"}) {
    const Result<PaymentTerms> terms = parse_payment_terms(code);
    ASSERT_FALSE(terms.has_value()) << code;
    EXPECT_EQ(terms.error().reason, "invalid_payment_terms") << code;
    EXPECT_EQ(terms.error().where, "terms") << code;
  }
}

TEST(BillingPolicy, WireNamesAreFrozen) {
  EXPECT_EQ(wire_name(BillingPolicy::kPerShipment), "per_shipment");
  EXPECT_EQ(wire_name(BillingPolicy::kPerOrder), "per_order");
  EXPECT_EQ(wire_name(BillingPolicy::kPerPeriod), "per_period");
  EXPECT_EQ(billing_policy_from_wire("monthly").error().reason, "unknown_billing_policy");
}

}  // namespace
}  // namespace o2c
