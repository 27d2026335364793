// Deferred revenue: an amount billed in advance spread over the months of its service.
#include <cstdio>
#include <string>
#include <vector>

#include "billing/billing.h"
#include "core/assert.h"

namespace o2c {

ServicePeriod month_period(std::chrono::year_month month) {
  const Date start{month.year(), month.month(), std::chrono::day{1}};
  return ServicePeriod{start, add_months(start, 1)};
}

Result<std::vector<RecognitionShare>> recognition_schedule(Money amount, ServicePeriod service) {
  if (service.days() <= 0) {
    return invalid_argument("empty_service_period", "a service period must have at least a day");
  }
  std::vector<std::chrono::year_month> months;
  std::vector<std::int64_t> days;
  Date from = service.start;
  while (from < service.end) {
    const std::chrono::year_month month{from.year(), from.month()};
    const ServicePeriod whole = month_period(month);
    const Date to = service.end < whole.end ? service.end : whole.end;
    months.push_back(month);
    days.push_back(days_between(from, to));
    from = to;
  }
  O2C_ASSIGN_OR_RETURN(std::vector<Money> shares, allocate(amount, days));
  O2C_ASSERT(shares.size() == months.size());
  std::vector<RecognitionShare> schedule;
  for (std::size_t i = 0; i < months.size(); ++i) schedule.push_back({months[i], shares[i]});
  return schedule;
}

Result<std::chrono::year_month> parse_month(std::string_view text) {
  const std::string copy(text);
  const auto bad = [&] {
    return invalid_argument("invalid_month", "'" + copy + "' is not a month in the form YYYY-MM");
  };
  if (text.size() != 7 || text[4] != '-') return bad();
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i != 4 && (text[i] < '0' || text[i] > '9')) return bad();
  }
  const int year = std::stoi(copy.substr(0, 4));
  const unsigned month = static_cast<unsigned>(std::stoi(copy.substr(5, 2)));
  if (month < 1 || month > 12) return bad();
  return std::chrono::year_month{std::chrono::year{year}, std::chrono::month{month}};
}

std::string format_month(std::chrono::year_month month) {
  O2C_ASSERT(month.ok());
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u", static_cast<int>(month.year()),
                static_cast<unsigned>(month.month()));
  return text;
}

}  // namespace o2c
