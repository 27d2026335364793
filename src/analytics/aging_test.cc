#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "analytics/analytics.h"
#include "core/date.h"
#include "core/money.h"
#include "payments/payments.h"

namespace o2c {
namespace {

Currency currency(std::string_view code) { return currency_from_code(code).value(); }
Money money(std::string_view text, std::string_view code) {
  return parse_money(text, currency(code)).value();
}
Date date(std::string_view text) { return parse_date(text).value(); }

std::string_view bucket(std::int64_t days_past_due) {
  const Date due = date("2026-03-31");
  return kAgingBucketNames[aging_bucket(due, add_days(due, days_past_due))];
}

// ---- aging_bucket --------------------------------------------------------------------------

TEST(AgingBucket, NotYetDueOrDueTodayIsCurrent) {
  EXPECT_EQ(bucket(-365), "current");
  EXPECT_EQ(bucket(-1), "current");
  EXPECT_EQ(bucket(0), "current");
}

TEST(AgingBucket, BoundariesAreInclusiveAtTheUpperEnd) {
  EXPECT_EQ(bucket(1), "1-30");
  EXPECT_EQ(bucket(30), "1-30");
  EXPECT_EQ(bucket(31), "31-60");
  EXPECT_EQ(bucket(60), "31-60");
  EXPECT_EQ(bucket(61), "61-90");
  EXPECT_EQ(bucket(90), "61-90");
  EXPECT_EQ(bucket(91), "over 90");
  EXPECT_EQ(bucket(5000), "over 90");
}

TEST(AgingBucket, CountsCalendarDaysAcrossMonthsAndYears) {
  // 2028 is a leap year: 2028-02-01 → 2028-03-02 is 30 days.
  EXPECT_EQ(aging_bucket(date("2028-02-01"), date("2028-03-02")), 1u);
  EXPECT_EQ(aging_bucket(date("2026-02-01"), date("2026-03-03")), 1u);  // 30 days
  EXPECT_EQ(aging_bucket(date("2026-02-01"), date("2026-03-04")), 2u);  // 31 days
  EXPECT_EQ(aging_bucket(date("2025-12-01"), date("2026-03-01")), 3u);  // 90 days
  EXPECT_EQ(aging_bucket(date("2025-12-01"), date("2026-03-02")), 4u);  // 91 days
}

// ---- age_receivables -----------------------------------------------------------------------

AgingItem open_item(std::string_view customer_number, std::string_view customer_name,
                    std::string_view due, std::string_view open, std::string_view code = "EUR") {
  AgingItem aging_item;
  aging_item.item.invoice_number = "INV-" + std::string(customer_number) + "-" + std::string(due);
  aging_item.item.customer_number = std::string(customer_number);
  aging_item.item.due_date = date(due);
  aging_item.item.invoice_date = add_days(date(due), -30);
  aging_item.item.open = money(open, code);
  aging_item.customer_name = std::string(customer_name);
  return aging_item;
}

// "C-0001 Acme EUR: 10.00 / 0.00 / 5.00 / 0.00 / 1.00 = 16.00"
std::string describe(const AgingRow& row) {
  std::string text = row.customer_number;
  if (!row.customer_name.empty()) text += " " + row.customer_name;
  text += " " + std::string(row.currency.text()) + ":";
  for (std::size_t i = 0; i < row.buckets.size(); ++i) {
    text += (i == 0 ? " " : " / ") + format_amount(row.buckets[i]);
  }
  return text + " = " + format_amount(row.total);
}

std::string describe(const AgingReport& report) {
  std::string text = "as of " + format_date(report.as_of);
  for (const AgingRow& row : report.customers) text += "\n" + describe(row);
  for (const AgingRow& row : report.totals) text += "\n" + describe(row);
  return text;
}

TEST(AgeReceivables, GroupsByCustomerAndCurrencyWithTotalsPerCurrency) {
  // As of 2026-03-31: due 03-31 is current, 03-01 is 30 days, 02-28 31 days, 01-30 60 days,
  // 01-29 61 days, 12-31 90 days and 12-30 91 days past due.
  const std::vector<AgingItem> items = {
      open_item("C-0002", "Beta AG", "2026-03-01", "20.00"),
      open_item("C-0001", "Acme GmbH", "2026-03-31", "10.00"),
      open_item("C-0001", "Acme GmbH", "2026-04-15", "0.50"),
      open_item("C-0001", "Acme GmbH", "2026-02-28", "5.00"),
      open_item("C-0001", "Acme GmbH", "2026-01-30", "2.00"),
      open_item("C-0001", "Acme GmbH", "2026-01-29", "3.00", "USD"),
      open_item("C-0002", "Beta AG", "2025-12-31", "7.77"),
      open_item("C-0002", "Beta AG", "2025-12-30", "1.00"),
      open_item("C-0003", "Gamma SA", "2025-01-01", "1000", "JPY"),
  };
  const Result<AgingReport> report = age_receivables(items, date("2026-03-31"));
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_EQ(describe(*report),
            "as of 2026-03-31\n"
            "C-0001 Acme GmbH EUR: 10.50 / 0.00 / 7.00 / 0.00 / 0.00 = 17.50\n"
            "C-0001 Acme GmbH USD: 0.00 / 0.00 / 0.00 / 3.00 / 0.00 = 3.00\n"
            "C-0002 Beta AG EUR: 0.00 / 20.00 / 0.00 / 7.77 / 1.00 = 28.77\n"
            "C-0003 Gamma SA JPY: 0 / 0 / 0 / 0 / 1000 = 1000\n"
            "TOTAL EUR: 10.50 / 20.00 / 7.00 / 7.77 / 1.00 = 46.27\n"
            "TOTAL JPY: 0 / 0 / 0 / 0 / 1000 = 1000\n"
            "TOTAL USD: 0.00 / 0.00 / 0.00 / 3.00 / 0.00 = 3.00");
}

TEST(AgeReceivables, PaidItemsAreLeftOut) {
  const std::vector<AgingItem> items = {
      open_item("C-0001", "Acme GmbH", "2026-01-01", "0"),
      open_item("C-0002", "Beta AG", "2026-01-01", "0.01"),
  };
  const Result<AgingReport> report = age_receivables(items, date("2026-03-31"));
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(describe(*report),
            "as of 2026-03-31\n"
            "C-0002 Beta AG EUR: 0.00 / 0.00 / 0.00 / 0.01 / 0.00 = 0.01\n"
            "TOTAL EUR: 0.00 / 0.00 / 0.00 / 0.01 / 0.00 = 0.01");
}

TEST(AgeReceivables, NothingOpenGivesAnEmptyReport) {
  const Result<AgingReport> report = age_receivables({}, date("2026-03-31"));
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(describe(*report), "as of 2026-03-31");
}

TEST(AgeReceivables, KeepsTheFirstNameSeenForACustomer) {
  const std::vector<AgingItem> items = {
      open_item("C-0001", "Acme GmbH", "2026-03-31", "1.00"),
      open_item("C-0001", "Acme (renamed)", "2026-03-31", "2.00"),
  };
  const Result<AgingReport> report = age_receivables(items, date("2026-03-31"));
  ASSERT_TRUE(report.has_value());
  ASSERT_EQ(report->customers.size(), 1u);
  EXPECT_EQ(describe(report->customers[0]),
            "C-0001 Acme GmbH EUR: 3.00 / 0.00 / 0.00 / 0.00 / 0.00 = 3.00");
}

TEST(AgeReceivables, ReportsOverflowInsteadOfWrapping) {
  std::vector<AgingItem> items = {open_item("C-0001", "Acme GmbH", "2026-03-31", "0"),
                                  open_item("C-0001", "Acme GmbH", "2026-03-31", "0.01")};
  items[0].item.open.minor = std::numeric_limits<std::int64_t>::max();
  const Result<AgingReport> report = age_receivables(items, date("2026-03-31"));
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().reason, "amount_overflow");
}

TEST(AgeReceivablesDeathTest, NegativeOpenAmountAborts) {
  const std::vector<AgingItem> items = {open_item("C-0001", "Acme GmbH", "2026-03-31", "-0.01")};
  EXPECT_DEATH((void)age_receivables(items, date("2026-03-31")), "open.minor");
}

}  // namespace
}  // namespace o2c
