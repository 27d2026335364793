#include "core/date.h"

#include <cstdio>

namespace o2c {

using std::chrono::day;
using std::chrono::days;
using std::chrono::month;
using std::chrono::months;
using std::chrono::sys_days;
using std::chrono::year;

Result<Date> parse_date(std::string_view text) {
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  // Every character is checked here: sscanf alone would accept "2026-01-3x" or "2026-+1-03".
  bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-';
  for (std::size_t i = 0; shaped && i < text.size(); ++i) {
    shaped = i == 4 || i == 7 || (text[i] >= '0' && text[i] <= '9');
  }
  const std::string copy(text);
  if (!shaped || std::sscanf(copy.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3) {
    return invalid_argument("invalid_date", "'" + copy + "' is not a date in the form YYYY-MM-DD");
  }
  const Date date{year{y}, month{m}, day{d}};
  if (!date.ok() || y < 1900 || y > 9999) {
    return invalid_argument("invalid_date", "'" + copy + "' is not a calendar date");
  }
  return date;
}

namespace {
// Writes `value` as exactly `width` decimal digits, zero-padded (value < 10^width).
char* put_digits(char* out, unsigned value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return out + width;
}
}  // namespace

// Hand-written rather than snprintf: dates are formatted several times per document on the
// writer's hot path, and snprintf was 4 % of its time.
std::string format_date(Date date) {
  const int year_number = static_cast<int>(date.year());
  O2C_ASSERT(year_number >= 0 && year_number <= 9999);
  char text[10];
  char* out = put_digits(text, static_cast<unsigned>(year_number), 4);
  *out++ = '-';
  out = put_digits(out, static_cast<unsigned>(date.month()), 2);
  *out++ = '-';
  put_digits(out, static_cast<unsigned>(date.day()), 2);
  return std::string(text, sizeof text);
}

std::string format_timestamp(Timestamp instant) {
  const std::int64_t micros_per_day = 86'400'000'000;
  std::int64_t day_number = instant.unix_micros / micros_per_day;
  std::int64_t micros = instant.unix_micros % micros_per_day;
  if (micros < 0) {
    micros += micros_per_day;
    --day_number;
  }
  const Date date{sys_days{days{day_number}}};
  const std::int64_t seconds = micros / 1'000'000;
  char text[48];
  std::snprintf(text, sizeof text, "%sT%02lld:%02lld:%02lld.%06lldZ", format_date(date).c_str(),
                static_cast<long long>(seconds / 3600), static_cast<long long>(seconds / 60 % 60),
                static_cast<long long>(seconds % 60), static_cast<long long>(micros % 1'000'000));
  return text;
}

Date add_days(Date date, std::int64_t count) { return Date{sys_days{date} + days{count}}; }

Date add_months(Date date, int count) {
  const std::chrono::year_month shifted =
      std::chrono::year_month{date.year(), date.month()} + months{count};
  const day last =
      std::chrono::year_month_day_last{shifted.year(), std::chrono::month_day_last{shifted.month()}}
          .day();
  return Date{shifted.year(), shifted.month(), date.day() > last ? last : date.day()};
}

Date end_of_month(Date date) {
  return Date{
      std::chrono::year_month_day_last{date.year(), std::chrono::month_day_last{date.month()}}};
}

std::int64_t days_between(Date from, Date to) { return (sys_days{to} - sys_days{from}).count(); }

std::int64_t to_day_number(Date date) { return sys_days{date}.time_since_epoch().count(); }

Date date_of(Timestamp instant) {
  const std::int64_t micros_per_day = 86'400'000'000;
  std::int64_t day_number = instant.unix_micros / micros_per_day;
  if (instant.unix_micros % micros_per_day < 0) --day_number;
  return Date{sys_days{days{day_number}}};
}

Timestamp start_of_day(Date date) { return Timestamp{to_day_number(date) * 86'400'000'000}; }

}  // namespace o2c
