// Calendar-aligned billing periods, proration to the day, and what a subscription owes on a
// day: the periods due to the billing run and the settlement of a change or cancellation.
#include <algorithm>
#include <string>
#include <vector>

#include "billing/billing.h"
#include "core/assert.h"
#include "core/wire_names.h"

namespace o2c {

namespace {
constexpr std::string_view kPeriodNames[] = {"", "monthly", "quarterly", "annual"};
constexpr std::string_view kTimingNames[] = {"", "advance", "arrears"};
constexpr std::string_view kStateNames[] = {"", "trial", "active", "cancelled"};
constexpr std::string_view kAggregationNames[] = {"", "sum", "max", "unique_count"};
constexpr std::string_view kModelNames[] = {"", "tiered", "volume", "package"};

template <typename Enum, std::size_t N>
Result<Enum> parse_name(const std::string_view (&names)[N], std::string_view text,
                        std::string_view what) {
  if (std::optional<Enum> value = value_in<Enum>(names, text)) return *value;
  std::string accepted;
  for (std::size_t i = 1; i < N; ++i) accepted += (i > 1 ? "|" : "") + std::string(names[i]);
  return invalid_argument(
      "invalid_" + std::string(what),
      "'" + std::string(text) + "' is not a " + std::string(what) + " (" + accepted + ")");
}

Date min_date(Date left, Date right) { return right < left ? right : left; }
}  // namespace

std::string_view wire_name(BillingPeriod period) { return name_in(kPeriodNames, period); }
std::string_view wire_name(BillingTiming timing) { return name_in(kTimingNames, timing); }
std::string_view wire_name(SubscriptionState state) { return name_in(kStateNames, state); }
std::string_view wire_name(UsageAggregation aggregation) {
  return name_in(kAggregationNames, aggregation);
}
std::string_view wire_name(UsagePricingModel model) { return name_in(kModelNames, model); }

Result<BillingPeriod> parse_billing_period(std::string_view text) {
  return parse_name<BillingPeriod>(kPeriodNames, text, "billing_period");
}
Result<BillingTiming> parse_billing_timing(std::string_view text) {
  return parse_name<BillingTiming>(kTimingNames, text, "billing_timing");
}
Result<UsageAggregation> parse_usage_aggregation(std::string_view text) {
  return parse_name<UsageAggregation>(kAggregationNames, text, "aggregation");
}
Result<UsagePricingModel> parse_usage_pricing_model(std::string_view text) {
  return parse_name<UsagePricingModel>(kModelNames, text, "pricing_model");
}
Result<SubscriptionState> parse_subscription_state(std::string_view text) {
  return parse_name<SubscriptionState>(kStateNames, text, "subscription_state");
}

int months_in(BillingPeriod period) {
  switch (period) {
    case BillingPeriod::kMonthly:
      return 1;
    case BillingPeriod::kQuarterly:
      return 3;
    case BillingPeriod::kAnnual:
      return 12;
  }
  O2C_ASSERT(false && "billing period");
  return 1;
}

std::string describe(const ServicePeriod& period) {
  O2C_ASSERT(period.start < period.end);
  return format_date(period.start) + ".." + format_date(add_days(period.end, -1));
}

ServicePeriod calendar_period_containing(Date day, BillingPeriod period) {
  const int months = months_in(period);
  const unsigned month_index = static_cast<unsigned>(day.month()) - 1;
  const unsigned first_month =
      month_index / static_cast<unsigned>(months) * static_cast<unsigned>(months);
  const Date start{day.year(), std::chrono::month{first_month + 1}, std::chrono::day{1}};
  const ServicePeriod whole{start, add_months(start, months)};
  O2C_ASSERT(whole.start <= day && day < whole.end);
  return whole;
}

Result<Money> prorate_to_day(Money price, ServicePeriod part, ServicePeriod whole) {
  O2C_ASSERT(whole.days() > 0);
  O2C_ASSERT(whole.start <= part.start && part.end <= whole.end && part.start <= part.end);
  return prorate(price, part.days(), whole.days(), Rounding::kHalfEven);
}

SubscriptionState subscription_state(const Subscription& subscription, Date as_of) {
  if (subscription.end && as_of >= *subscription.end) return SubscriptionState::kCancelled;
  if (as_of < subscription.service_start) return SubscriptionState::kTrial;
  return SubscriptionState::kActive;
}

Result<std::vector<PeriodCharge>> charges_for_span(const Plan& plan, int revision, Date from,
                                                   Date to) {
  O2C_ASSERT(from <= to);
  std::vector<PeriodCharge> charges;
  while (from < to) {
    const ServicePeriod calendar = calendar_period_containing(from, plan.period);
    const ServicePeriod part{from, min_date(calendar.end, to)};
    O2C_ASSIGN_OR_RETURN(Money amount, prorate_to_day(plan.price, part, calendar));
    charges.push_back(PeriodCharge{part, calendar, amount, plan.timing == BillingTiming::kInAdvance,
                                   false, plan.id, revision});
    if (charges.size() > kDuePeriodsMax) {
      return invalid_argument("too_many_periods", "more than " + std::to_string(kDuePeriodsMax) +
                                                      " billing periods at once for plan " +
                                                      plan.code);
    }
    from = part.end;
  }
  return charges;
}

Result<std::vector<PeriodCharge>> due_charges(const Subscription& subscription, const Plan& plan,
                                              Date as_of) {
  O2C_ASSERT(subscription.plan == plan.id);
  O2C_ASSERT(subscription.plan_start <= subscription.billed_through);
  std::vector<PeriodCharge> due;
  Date from = subscription.billed_through;
  while (!subscription.end || from < *subscription.end) {
    const ServicePeriod calendar = calendar_period_containing(from, plan.period);
    const Date to = subscription.end ? min_date(calendar.end, *subscription.end) : calendar.end;
    const bool in_advance = plan.timing == BillingTiming::kInAdvance;
    if ((in_advance ? from : to) > as_of) break;
    O2C_ASSIGN_OR_RETURN(std::vector<PeriodCharge> part,
                         charges_for_span(plan, subscription.revision, from, to));
    O2C_ASSERT(part.size() == 1);
    due.push_back(part.front());
    if (due.size() > kDuePeriodsMax) {
      return invalid_argument("too_many_periods",
                              "subscription " + subscription.number + " has more than " +
                                  std::to_string(kDuePeriodsMax) + " periods due");
    }
    from = to;
  }
  return due;
}

Result<std::vector<PeriodCharge>> settle_to_day(const Subscription& subscription, const Plan& plan,
                                                Date day) {
  O2C_ASSERT(subscription.plan == plan.id);
  const Date billed = subscription.billed_through;
  if (day < subscription.plan_start || day == billed) return std::vector<PeriodCharge>{};
  if (billed < day) {
    // Used but not billed yet (arrears, or a run not made): charged now, as delivered service.
    O2C_ASSIGN_OR_RETURN(std::vector<PeriodCharge> used,
                         charges_for_span(plan, subscription.revision, billed, day));
    for (PeriodCharge& charge : used) charge.in_advance = false;
    return used;
  }
  // Billed ahead: the last billed period [last_start, billed) lies in one calendar period.
  const ServicePeriod calendar = calendar_period_containing(add_days(billed, -1), plan.period);
  const Date last_start = std::max(calendar.start, subscription.plan_start);
  if (day < last_start) {
    return failed_precondition("effective_before_billed_period",
                               "the change is dated " + format_date(day) +
                                   ", before the last billed period of " + subscription.number +
                                   " (" + describe(ServicePeriod{last_start, billed}) + ")");
  }
  // Credit = billed − the used part's charge, so that used + credited = billed exactly.
  O2C_ASSIGN_OR_RETURN(Money billed_amount,
                       prorate_to_day(plan.price, ServicePeriod{last_start, billed}, calendar));
  O2C_ASSIGN_OR_RETURN(Money used_amount,
                       prorate_to_day(plan.price, ServicePeriod{last_start, day}, calendar));
  O2C_ASSIGN_OR_RETURN(Money unused, subtract(billed_amount, used_amount));
  PeriodCharge credit{ServicePeriod{day, billed}, calendar, negate(unused), true, true, plan.id,
                      subscription.revision};
  return std::vector<PeriodCharge>{credit};
}

Result<std::vector<PeriodCharge>> due_usage_periods(const Subscription& subscription,
                                                    const Plan& plan, Date as_of) {
  O2C_ASSERT(subscription.plan == plan.id);
  O2C_ASSERT(subscription.service_start <= subscription.usage_billed_through);
  std::vector<PeriodCharge> due;
  Date from = subscription.usage_billed_through;
  while (!subscription.end || from < *subscription.end) {
    const ServicePeriod calendar = calendar_period_containing(from, plan.period);
    const Date to = subscription.end ? min_date(calendar.end, *subscription.end) : calendar.end;
    if (to > as_of) break;
    due.push_back(PeriodCharge{ServicePeriod{from, to}, calendar, zero(plan.price.currency), false,
                               false, plan.id, subscription.revision});
    if (due.size() > kDuePeriodsMax) {
      return invalid_argument("too_many_periods",
                              "subscription " + subscription.number + " has more than " +
                                  std::to_string(kDuePeriodsMax) + " usage periods due");
    }
    from = to;
  }
  return due;
}

}  // namespace o2c
