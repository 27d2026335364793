#include "core/date.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace o2c {
namespace {

constexpr std::int64_t kMicrosPerDay = 86'400'000'000;

Date ymd(int year, unsigned month, unsigned day) {
  return Date{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
}

// The date as text for a success, the reason for a failure.
std::string parsed(std::string_view text) {
  Result<Date> date = parse_date(text);
  return date.has_value() ? format_date(*date) : date.error().reason;
}

TEST(ParseDate, ReadsIsoCalendarDates) {
  EXPECT_EQ(parsed("2026-03-02"), "2026-03-02");
  EXPECT_EQ(parsed("2024-02-29"), "2024-02-29");
  EXPECT_EQ(parsed("2000-02-29"), "2000-02-29");
  EXPECT_EQ(parsed("1900-01-01"), "1900-01-01");
  EXPECT_EQ(parsed("9999-12-31"), "9999-12-31");
  Result<Date> date = parse_date("2026-03-02");
  ASSERT_TRUE(date.has_value());
  EXPECT_EQ(*date, ymd(2026, 3, 2));
}

TEST(ParseDate, RejectsDaysNotInTheCalendar) {
  EXPECT_EQ(parsed("2026-02-30"), "invalid_date");
  EXPECT_EQ(parsed("2026-02-29"), "invalid_date");
  EXPECT_EQ(parsed("2100-02-29"), "invalid_date");
  EXPECT_EQ(parsed("2026-04-31"), "invalid_date");
  EXPECT_EQ(parsed("2026-13-01"), "invalid_date");
  EXPECT_EQ(parsed("2026-00-10"), "invalid_date");
  EXPECT_EQ(parsed("2026-01-00"), "invalid_date");
  EXPECT_EQ(parsed("1899-12-31"), "invalid_date");
  EXPECT_EQ(parsed("0000-01-01"), "invalid_date");
}

TEST(ParseDate, RejectsTextNotShapedYyyyMmDd) {
  for (std::string_view text :
       {"2026-2-3", "abc", "20260101", "", "2026/01/01", "26-01-01", "2026-01-01T00:00",
        " 2026-01-03", "2026-01-03 ", "2026-01-3x", "2026-01-3 ", "2026-+1-03", "2026- 1-03",
        "2026-01-+3", "+026-01-03", "2026--1-03", "2O26-01-03"}) {
    Result<Date> date = parse_date(text);
    ASSERT_FALSE(date.has_value()) << "'" << text << "' parsed as " << format_date(*date);
    EXPECT_EQ(date.error().kind, ErrorKind::kInvalidArgument);
    EXPECT_EQ(date.error().reason, "invalid_date") << "'" << text << "'";
  }
}

TEST(FormatDate, PadsEveryField) {
  EXPECT_EQ(format_date(ymd(2026, 3, 2)), "2026-03-02");
  EXPECT_EQ(format_date(ymd(1900, 1, 1)), "1900-01-01");
  EXPECT_EQ(format_date(ymd(2026, 12, 31)), "2026-12-31");
}

TEST(FormatDate, EveryDayRoundTripsThroughParseDate) {
  for (Date date = ymd(1900, 1, 1); date <= ymd(2100, 12, 31); date = add_days(date, 1)) {
    Result<Date> again = parse_date(format_date(date));
    ASSERT_TRUE(again.has_value()) << format_date(date);
    ASSERT_EQ(*again, date) << format_date(date);
  }
}

TEST(AddDays, CrossesMonthAndYearBoundaries) {
  EXPECT_EQ(format_date(add_days(ymd(2025, 12, 31), 1)), "2026-01-01");
  EXPECT_EQ(format_date(add_days(ymd(2026, 1, 1), -1)), "2025-12-31");
  EXPECT_EQ(format_date(add_days(ymd(2026, 1, 31), 1)), "2026-02-01");
  EXPECT_EQ(format_date(add_days(ymd(2024, 2, 28), 1)), "2024-02-29");
  EXPECT_EQ(format_date(add_days(ymd(2026, 2, 28), 1)), "2026-03-01");
  EXPECT_EQ(format_date(add_days(ymd(2026, 3, 2), 30)), "2026-04-01");
  EXPECT_EQ(format_date(add_days(ymd(2024, 1, 1), 366)), "2025-01-01");
  EXPECT_EQ(format_date(add_days(ymd(2026, 12, 15), 365)), "2027-12-15");
  EXPECT_EQ(format_date(add_days(ymd(2026, 3, 2), 0)), "2026-03-02");
  EXPECT_EQ(format_date(add_days(ymd(1970, 1, 1), -1)), "1969-12-31");
}

TEST(AddMonths, ClampsToTheEndOfTheMonth) {
  EXPECT_EQ(format_date(add_months(ymd(2026, 1, 31), 1)), "2026-02-28");
  EXPECT_EQ(format_date(add_months(ymd(2024, 1, 31), 1)), "2024-02-29");
  EXPECT_EQ(format_date(add_months(ymd(2026, 3, 31), 1)), "2026-04-30");
  EXPECT_EQ(format_date(add_months(ymd(2026, 3, 31), -1)), "2026-02-28");
  EXPECT_EQ(format_date(add_months(ymd(2024, 2, 29), 12)), "2025-02-28");
  EXPECT_EQ(format_date(add_months(ymd(2026, 1, 30), 1)), "2026-02-28");
}

TEST(AddMonths, KeepsTheDayAndCrossesYears) {
  EXPECT_EQ(format_date(add_months(ymd(2026, 11, 15), 3)), "2027-02-15");
  EXPECT_EQ(format_date(add_months(ymd(2026, 1, 15), -1)), "2025-12-15");
  EXPECT_EQ(format_date(add_months(ymd(2026, 1, 15), -13)), "2024-12-15");
  EXPECT_EQ(format_date(add_months(ymd(2026, 1, 15), 12)), "2027-01-15");
  EXPECT_EQ(format_date(add_months(ymd(2026, 2, 28), 1)), "2026-03-28");
  EXPECT_EQ(format_date(add_months(ymd(2026, 5, 31), 0)), "2026-05-31");
}

TEST(EndOfMonth, GivesTheLastDay) {
  EXPECT_EQ(format_date(end_of_month(ymd(2026, 2, 10))), "2026-02-28");
  EXPECT_EQ(format_date(end_of_month(ymd(2024, 2, 1))), "2024-02-29");
  EXPECT_EQ(format_date(end_of_month(ymd(2026, 12, 5))), "2026-12-31");
  EXPECT_EQ(format_date(end_of_month(ymd(2026, 4, 30))), "2026-04-30");
  EXPECT_EQ(format_date(end_of_month(ymd(2026, 1, 1))), "2026-01-31");
}

TEST(DaysBetween, CountsSignedDays) {
  EXPECT_EQ(days_between(ymd(2026, 3, 2), ymd(2026, 3, 2)), 0);
  EXPECT_EQ(days_between(ymd(2026, 3, 2), ymd(2026, 4, 1)), 30);
  EXPECT_EQ(days_between(ymd(2026, 4, 1), ymd(2026, 3, 2)), -30);
  EXPECT_EQ(days_between(ymd(2026, 1, 1), ymd(2026, 12, 31)), 364);
  EXPECT_EQ(days_between(ymd(2024, 1, 1), ymd(2025, 1, 1)), 366);
  EXPECT_EQ(days_between(ymd(2025, 12, 31), ymd(2026, 1, 1)), 1);
  EXPECT_EQ(days_between(ymd(2026, 3, 2), add_days(ymd(2026, 3, 2), 45)), 45);
}

TEST(ToDayNumber, CountsFromTheUnixEpoch) {
  EXPECT_EQ(to_day_number(ymd(1970, 1, 1)), 0);
  EXPECT_EQ(to_day_number(ymd(1970, 1, 2)), 1);
  EXPECT_EQ(to_day_number(ymd(1969, 12, 31)), -1);
  EXPECT_EQ(to_day_number(ymd(2000, 1, 1)), 10'957);
}

TEST(FormatTimestamp, WritesUtcWithMicroseconds) {
  EXPECT_EQ(format_timestamp(Timestamp{0}), "1970-01-01T00:00:00.000000Z");
  EXPECT_EQ(format_timestamp(Timestamp{1}), "1970-01-01T00:00:00.000001Z");
  const std::int64_t morning = start_of_day(ymd(2026, 3, 2)).unix_micros + 36'900'000'000;
  EXPECT_EQ(format_timestamp(Timestamp{morning}), "2026-03-02T10:15:00.000000Z");
  EXPECT_EQ(format_timestamp(Timestamp{morning + 59'123'456}), "2026-03-02T10:15:59.123456Z");
  EXPECT_EQ(format_timestamp(Timestamp{start_of_day(ymd(2026, 3, 3)).unix_micros - 1}),
            "2026-03-02T23:59:59.999999Z");
}

TEST(FormatTimestamp, HandlesInstantsBeforeTheEpoch) {
  EXPECT_EQ(format_timestamp(Timestamp{-1}), "1969-12-31T23:59:59.999999Z");
  EXPECT_EQ(format_timestamp(Timestamp{-kMicrosPerDay}), "1969-12-31T00:00:00.000000Z");
  EXPECT_EQ(format_timestamp(Timestamp{-kMicrosPerDay + 1}), "1969-12-31T00:00:00.000001Z");
  EXPECT_EQ(format_timestamp(Timestamp{-kMicrosPerDay - 1}), "1969-12-30T23:59:59.999999Z");
  EXPECT_EQ(format_timestamp(start_of_day(ymd(1900, 1, 1))), "1900-01-01T00:00:00.000000Z");
}

TEST(DateOf, IsTheUtcDayOfTheInstant) {
  EXPECT_EQ(format_date(date_of(Timestamp{0})), "1970-01-01");
  EXPECT_EQ(format_date(date_of(Timestamp{kMicrosPerDay - 1})), "1970-01-01");
  EXPECT_EQ(format_date(date_of(Timestamp{kMicrosPerDay})), "1970-01-02");
  EXPECT_EQ(format_date(date_of(Timestamp{-1})), "1969-12-31");
  EXPECT_EQ(format_date(date_of(Timestamp{-kMicrosPerDay})), "1969-12-31");
  EXPECT_EQ(format_date(date_of(Timestamp{-kMicrosPerDay - 1})), "1969-12-30");
}

TEST(StartOfDay, IsMidnightUtc) {
  EXPECT_EQ(start_of_day(ymd(1970, 1, 1)).unix_micros, 0);
  EXPECT_EQ(start_of_day(ymd(1970, 1, 2)).unix_micros, kMicrosPerDay);
  EXPECT_EQ(start_of_day(ymd(1969, 12, 31)).unix_micros, -kMicrosPerDay);
}

TEST(StartOfDay, RoundTripsThroughDateOfOnBothSidesOfTheEpoch) {
  for (Date date = ymd(1960, 1, 1); date <= ymd(1980, 12, 31); date = add_days(date, 1)) {
    const Timestamp midnight = start_of_day(date);
    for (std::int64_t offset :
         {std::int64_t{0}, std::int64_t{1}, kMicrosPerDay / 2, kMicrosPerDay - 1}) {
      ASSERT_EQ(date_of(Timestamp{midnight.unix_micros + offset}), date)
          << format_date(date) << " + " << offset;
    }
    ASSERT_EQ(format_date(date_of(Timestamp{midnight.unix_micros - 1})),
              format_date(add_days(date, -1)));
    ASSERT_EQ(format_timestamp(midnight), format_date(date) + "T00:00:00.000000Z");
  }
}

}  // namespace
}  // namespace o2c
