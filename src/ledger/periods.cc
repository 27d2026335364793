// Accounting periods: which months may close and reopen (rules in ledger.h).
#include <algorithm>
#include <charconv>

#include "ledger/ledger.h"

namespace o2c {
namespace {

const PeriodStatus* find_period(std::span<const PeriodStatus> periods, YearMonth period) {
  for (const PeriodStatus& status : periods) {
    if (status.period == period) return &status;
  }
  return nullptr;
}

bool is_closed(std::span<const PeriodStatus> periods, YearMonth period) {
  const PeriodStatus* status = find_period(periods, period);
  return status != nullptr && status->closed;
}

}  // namespace

Result<YearMonth> parse_year_month(std::string_view text) {
  const auto refuse = [&] {
    return invalid_argument("invalid_period",
                            "'" + std::string(text) + "' is not a period YYYY-MM (e.g. 2026-03)");
  };
  if (text.size() != 7 || text[4] != '-') return refuse();
  YearMonth period;
  const auto [year_end, year_error] = std::from_chars(text.data(), text.data() + 4, period.year);
  const auto [month_end, month_error] =
      std::from_chars(text.data() + 5, text.data() + 7, period.month);
  if (year_error != std::errc{} || year_end != text.data() + 4 || month_error != std::errc{} ||
      month_end != text.data() + 7 || period.year < 1970 || period.month < 1 || period.month > 12)
    return refuse();
  return period;
}

std::string format_year_month(YearMonth period) {
  O2C_ASSERT(period.month >= 1 && period.month <= 12);
  O2C_ASSERT(period.year >= 0 && period.year <= 9999);
  char text[8];
  text[0] = static_cast<char>('0' + period.year / 1000);
  text[1] = static_cast<char>('0' + period.year / 100 % 10);
  text[2] = static_cast<char>('0' + period.year / 10 % 10);
  text[3] = static_cast<char>('0' + period.year % 10);
  text[4] = '-';
  text[5] = static_cast<char>('0' + period.month / 10);
  text[6] = static_cast<char>('0' + period.month % 10);
  return std::string(text, 7);
}

YearMonth year_month_of(Date date) {
  return YearMonth{static_cast<int>(date.year()),
                   static_cast<int>(static_cast<unsigned>(date.month()))};
}

Status check_can_close(YearMonth period, std::span<const PeriodStatus> periods,
                       std::span<const YearMonth> posted) {
  const std::string name = format_year_month(period);
  if (is_closed(periods, period))
    return failed_precondition("period_already_closed", "period " + name + " is already closed",
                               name);
  for (YearMonth month : posted) {
    if (month < period && !is_closed(periods, month))
      return failed_precondition("earlier_period_open",
                                 "period " + format_year_month(month) +
                                     " has postings and is open: close it before " + name,
                                 name);
  }
  return {};
}

Status check_can_reopen(YearMonth period, std::span<const PeriodStatus> periods,
                        std::string_view reason) {
  const std::string name = format_year_month(period);
  if (!is_closed(periods, period))
    return failed_precondition("period_not_closed", "period " + name + " is not closed", name);
  for (const PeriodStatus& status : periods) {
    if (status.closed && status.period > period)
      return failed_precondition(
          "later_period_closed",
          "period " + format_year_month(status.period) + " is closed: reopen it before " + name,
          name);
  }
  const bool blank = std::all_of(reason.begin(), reason.end(), [](char c) { return c == ' '; });
  if (blank)
    return invalid_argument("reason_required", "reopening a period needs a reason", "reason");
  return {};
}

}  // namespace o2c
