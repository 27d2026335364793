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

std::string render(const std::vector<RecognitionShare>& schedule) {
  std::string text;
  for (const RecognitionShare& share : schedule) {
    text += format_month(share.month) + " " + format_amount(share.amount) + "\n";
  }
  return text;
}

TEST(RecognitionSchedule, SpreadsAQuarterByDaysWithLargestRemainder) {
  // Q2: April 30, May 31, June 30 days = 91. 9000 × 30/91 = 2967.03 (rest 3/91),
  // 9000 × 31/91 = 3065.93 (rest 85/91); floors add to 89.99, May's larger rest takes the cent.
  EXPECT_EQ(
      render(recognition_schedule(eur("90.00"), {date("2026-04-01"), date("2026-07-01")}).value()),
      "2026-04 29.67\n2026-05 30.66\n2026-06 29.67\n");
}

TEST(RecognitionSchedule, AYearAddsUpToTheCent) {
  // 12000 × days / 365: floors add to 119.97; the three cents go to February (rest 200/365),
  // then April and June (rest 110, earlier first among the equal ones).
  const std::vector<RecognitionShare> schedule =
      recognition_schedule(eur("120.00"), {date("2026-01-01"), date("2027-01-01")}).value();
  ASSERT_EQ(schedule.size(), 12u);
  EXPECT_EQ(schedule[0].amount, eur("10.19"));
  EXPECT_EQ(schedule[1].amount, eur("9.21"));
  EXPECT_EQ(schedule[3].amount, eur("9.87"));
  EXPECT_EQ(schedule[5].amount, eur("9.87"));
  EXPECT_EQ(schedule[8].amount, eur("9.86"));
  std::int64_t total = 0;
  for (const RecognitionShare& share : schedule) total += share.amount.minor;
  EXPECT_EQ(total, 12000);
}

TEST(RecognitionSchedule, APartialMonthAndACredit) {
  EXPECT_EQ(
      render(recognition_schedule(eur("21.29"), {date("2026-03-10"), date("2026-04-01")}).value()),
      "2026-03 21.29\n");
  // A credit of 11.61 for 20 March – 9 April: 12 March days and 9 April days of 21.
  // 1161 × 12/21 = 663.43, × 9/21 = 497.57 → 663 + 497 = 1160, April's rest (12) > March's (9).
  EXPECT_EQ(
      render(recognition_schedule(eur("-11.61"), {date("2026-03-20"), date("2026-04-10")}).value()),
      "2026-03 -6.63\n2026-04 -4.98\n");
  EXPECT_FALSE(
      recognition_schedule(eur("1.00"), {date("2026-03-20"), date("2026-03-20")}).has_value());
}

TEST(ParseMonth, AcceptsYearMonthOnly) {
  EXPECT_EQ(format_month(parse_month("2026-03").value()), "2026-03");
  for (std::string_view bad : {"2026-13", "2026-00", "2026-3", "26-03", "2026/03", "", "2026-0a"}) {
    Result<std::chrono::year_month> month = parse_month(bad);
    ASSERT_FALSE(month.has_value()) << bad;
    EXPECT_EQ(month.error().reason, "invalid_month");
  }
}

}  // namespace
}  // namespace o2c
