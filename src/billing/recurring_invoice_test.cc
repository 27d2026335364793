#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "billing/billing.h"
#include "core/date.h"
#include "core/money.h"

namespace o2c {
namespace {

Money eur(std::string_view text) {
  return parse_money(text, currency_from_code("EUR").value()).value();
}
Date date(std::string_view text) { return parse_date(text).value(); }

Subscription subscription() {
  Subscription subscription;
  subscription.id = 3;
  subscription.number = "SUB-2026-000003";
  subscription.customer = CustomerId{7};
  subscription.customer_number = "C1";
  return subscription;
}

TEST(InvoiceRecurring, TaxesEachLineHalfEvenAndTotals) {
  const ServicePeriod march{date("2026-03-10"), date("2026-04-01")};
  const std::vector<RecurringItem> items = {
      {"PRO", "Pro 2026-03-10..2026-03-31", eur("21.29"), true, march},
      {"api_calls", "api_calls 150 call", eur("15.00"), false, march},
      {"api_calls", "minimum commitment top-up", eur("20.48"), false, march},
  };
  const Invoice invoice =
      invoice_recurring(subscription(), items, "standard", BasisPoints{1'900},
                        parse_payment_terms("NET30").value(), date("2026-04-01"))
          .value();
  ASSERT_EQ(invoice.lines.size(), 3u);
  // 21.29 × 19 % = 4.0451 → 4.05; 15.00 → 2.85; 20.48 × 19 % = 3.8912 → 3.89.
  EXPECT_EQ(invoice.lines[0].tax, eur("4.05"));
  EXPECT_EQ(invoice.lines[1].tax, eur("2.85"));
  EXPECT_EQ(invoice.lines[2].tax, eur("3.89"));
  EXPECT_EQ(invoice.lines[2].line_no, 3);
  EXPECT_EQ(invoice.lines[0].unit_price, eur("21.29"));
  EXPECT_EQ(invoice.lines[0].quantity, units(1));
  EXPECT_EQ(invoice.net_total, eur("56.77"));
  EXPECT_EQ(invoice.tax_total, eur("10.79"));
  EXPECT_EQ(invoice.gross_total, eur("67.56"));
  EXPECT_EQ(invoice.order, OrderId{});
  EXPECT_EQ(invoice.shipment, ShipmentId{});
  EXPECT_EQ(format_date(invoice.due_date), "2026-05-01");
  EXPECT_EQ(invoice.customer_number, "C1");
}

TEST(InvoiceRecurring, ACreditAndATaxExemptCustomer) {
  const ServicePeriod rest{date("2026-03-20"), date("2026-04-01")};
  const std::vector<RecurringItem> items = {
      {"PRO", "credit Pro 2026-03-20..2026-03-31", eur("-11.61"), true, rest},
      {"MAX", "Max 2026-03-20..2026-03-31", eur("19.35"), true, rest},
  };
  // -11.61 × 19 % = -2.2059 → -2.21; 19.35 × 19 % = 3.6765 → 3.68.
  const Invoice taxed = invoice_recurring(subscription(), items, "standard", BasisPoints{1'900},
                                          parse_payment_terms("NET30").value(), date("2026-03-20"))
                            .value();
  EXPECT_EQ(taxed.lines[0].tax, eur("-2.21"));
  EXPECT_EQ(taxed.net_total, eur("7.74"));
  EXPECT_EQ(taxed.tax_total, eur("1.47"));
  EXPECT_EQ(taxed.gross_total, eur("9.21"));
  const Invoice exempt = invoice_recurring(subscription(), items, "standard", BasisPoints{0},
                                           parse_payment_terms("NET30").value(), date("2026-03-20"))
                             .value();
  EXPECT_EQ(exempt.tax_total, eur("0.00"));
  EXPECT_EQ(exempt.gross_total, eur("7.74"));
}

}  // namespace
}  // namespace o2c
