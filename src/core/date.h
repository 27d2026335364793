// date.h — business dates (invoice date, due date, value date) and instants. A Date is a
// civil calendar day with no time zone; a Timestamp is an instant in microseconds since the
// Unix epoch. Month arithmetic clamps to the end of the month (Jan 31 + 1 month = Feb 28/29),
// the convention of payment terms.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace o2c {

using Date = std::chrono::year_month_day;

struct Timestamp {
  std::int64_t unix_micros = 0;
  auto operator<=>(const Timestamp&) const = default;
};

Result<Date> parse_date(std::string_view text);   // "2026-03-02"; invalid_date otherwise
std::string format_date(Date date);               // "2026-03-02"
std::string format_timestamp(Timestamp instant);  // "2026-03-02T10:15:00.000000Z"

Date add_days(Date date, std::int64_t days);
Date add_months(Date date, int months);  // clamps the day to the end of the month
Date end_of_month(Date date);
std::int64_t days_between(Date from, Date to);  // to - from in days
std::int64_t to_day_number(Date date);          // days since 1970-01-01
Date date_of(Timestamp instant);                // the UTC calendar day of an instant
Timestamp start_of_day(Date date);              // 00:00 UTC of that day

}  // namespace o2c
