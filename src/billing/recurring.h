// recurring.h — subscriptions and usage, the recurring half of billing (included by
// billing.h, the module's public door). Rules encoded:
//
// - Billing periods are aligned to the calendar: a monthly period runs from the 1st of a
//   month, a quarterly one from 1 January/April/July/October, an annual one from 1 January.
//   A subscription may start on any day; its first period then runs from that day to the
//   next boundary and is charged pro rata to the day: price × days used / days in the whole
//   calendar period, half-even (a 10-day part of a 31-day March is 10/31 of the price).
//   Aligned periods keep every customer's invoices on one billing day and make deferred
//   revenue fall on whole months.
// - A plan is billed in advance (a period is invoiced on its first day) or in arrears (on the
//   day after its last day). Trial days come first and are free: paid service starts on
//   start + trial days, and usage during the trial is not billed.
// - A subscription remembers how far its service has been invoiced (`billed_through`, an
//   exclusive date). A plan change or an immediate cancellation on day D settles the old
//   plan up to D: in advance, the unused part [D, billed_through) is credited; in arrears,
//   the used, unbilled part [billed_through, D) is charged. The new plan then starts on D
//   like a new subscription (its first, partial period pro rata). Both parts go on one
//   invoice. Cancelling at period end just sets the end date; the run bills what is left.
// - Usage is metered per customer and meter, aggregated per usage period (the plan's own
//   periods, always billed in arrears) by sum, max or unique count, and priced by tiered
//   (graduated: each unit at its tier's price), volume (all units at the price of the tier
//   the total falls in) or package rules (per started block of N units). A minimum
//   commitment per period, pro rata for a partial period, is billed as a top-up line when
//   the usage charge is below it: the period bills max(usage charge, minimum).
// - Amounts billed in advance are deferred revenue until their service is delivered: each is
//   spread over the calendar months its service period covers, by days, largest remainder,
//   so the months add up to the amount exactly.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "billing/billing.h"
#include "core/date.h"
#include "core/ids.h"
#include "core/money.h"
#include "core/result.h"
#include "customers/customers.h"

namespace o2c {

// Numbers are persisted: never renumber, never reuse.
enum class BillingPeriod : std::uint8_t { kMonthly = 1, kQuarterly = 2, kAnnual = 3 };
enum class BillingTiming : std::uint8_t { kInAdvance = 1, kInArrears = 2 };
enum class SubscriptionState : std::uint8_t { kTrial = 1, kActive = 2, kCancelled = 3 };
enum class UsageAggregation : std::uint8_t { kSum = 1, kMax = 2, kUniqueCount = 3 };
enum class UsagePricingModel : std::uint8_t { kTiered = 1, kVolume = 2, kPackage = 3 };

std::string_view wire_name(BillingPeriod period);  // "monthly", "quarterly", "annual"
std::string_view wire_name(BillingTiming timing);  // "advance", "arrears"
std::string_view wire_name(SubscriptionState state);
std::string_view wire_name(UsageAggregation aggregation);  // "sum", "max", "unique_count"
std::string_view wire_name(UsagePricingModel model);       // "tiered", "volume", "package"
// Name → value; fail with kInvalidArgument naming the accepted words.
Result<BillingPeriod> parse_billing_period(std::string_view text);
Result<BillingTiming> parse_billing_timing(std::string_view text);
Result<UsageAggregation> parse_usage_aggregation(std::string_view text);
Result<UsagePricingModel> parse_usage_pricing_model(std::string_view text);
Result<SubscriptionState> parse_subscription_state(std::string_view text);
int months_in(BillingPeriod period);  // 1, 3, 12

// A stretch of service days [start, end): `end` is exclusive, so days() = end − start.
struct ServicePeriod {
  Date start;
  Date end;
  std::int64_t days() const { return days_between(start, end); }
  bool operator==(const ServicePeriod&) const = default;
};
// "2026-03-10..2026-03-31" (the last day inclusive, for people).
std::string describe(const ServicePeriod& period);

// The whole calendar billing period that contains `day`.
ServicePeriod calendar_period_containing(Date day, BillingPeriod period);

// price × part.days() / whole.days(), half-even. Requires part within whole, whole not empty.
Result<Money> prorate_to_day(Money price, ServicePeriod part, ServicePeriod whole);

struct Plan {
  std::int64_t id = 0;
  std::string code;  // "PRO-M"
  std::string name;
  Money price;  // per whole period; its currency is the plan's
  BillingPeriod period = BillingPeriod::kMonthly;
  BillingTiming timing = BillingTiming::kInAdvance;
  int trial_days = 0;
  std::string tax_category;  // as for products: looked up in the tax rate table
};

struct Subscription {
  std::int64_t id = 0;
  std::string number;  // "SUB-2026-000001"
  CustomerId customer;
  std::string customer_number;
  std::int64_t plan = 0;
  std::string plan_code;
  Date start;                 // the day the customer signed up (the trial starts here)
  Date service_start;         // start + trial days: paid service and usage metering begin
  Date plan_start;            // the day the current plan began (service_start, or a change's day)
  int revision = 0;           // plan changes so far; keys billed periods with their plan
  Date billed_through;        // service invoiced up to (exclusive); plan_start when none yet
  Date usage_billed_through;  // usage invoiced up to (exclusive)
  std::optional<Date> end;    // service ends (exclusive) when cancelled
  SubscriptionState state = SubscriptionState::kActive;
};

// The state on `as_of`: cancelled from its end day, trial before service start, else active.
SubscriptionState subscription_state(const Subscription& subscription, Date as_of);

// Limits on one subscription's catch-up: a run that finds more due periods than this stops
// with an error rather than writing an unbounded invoice.
inline constexpr std::size_t kDuePeriodsMax = 400;

// One charge (or credit, amount < 0) for a stretch of service at one plan's price.
struct PeriodCharge {
  ServicePeriod service;
  ServicePeriod calendar;  // the whole calendar period it is a part of
  Money amount;
  bool in_advance = false;  // billed before the service: deferred revenue
  bool credit = false;      // an unused part given back
  std::int64_t plan = 0;
  int revision = 0;
};

// Splits [from, to) into calendar periods of `plan` and prices each part to the day.
Result<std::vector<PeriodCharge>> charges_for_span(const Plan& plan, int revision, Date from,
                                                   Date to);

// The recurring charges of `subscription` due on or before `as_of`, oldest first: periods
// from billed_through on whose billing day (the first day in advance, the day after the
// last in arrears) has come, clipped at the end date. Fails with too_many_periods beyond
// kDuePeriodsMax. Requires: subscription.plan == plan.id.
Result<std::vector<PeriodCharge>> due_charges(const Subscription& subscription, const Plan& plan,
                                              Date as_of);

// What a plan change or an immediate cancellation on `day` settles for the old plan: a
// credit for [day, billed_through) in advance, a charge for [billed_through, day) in arrears;
// empty when the service is billed exactly to `day` or `day` is before service start.
// Fails with effective_before_billed_period when `day` is before the start of the last
// billed period (that period would be settled twice).
Result<std::vector<PeriodCharge>> settle_to_day(const Subscription& subscription, const Plan& plan,
                                                Date day);

// --- Usage ----------------------------------------------------------------------------

struct Meter {
  std::int64_t id = 0;
  std::string name;  // "api_calls"
  std::string unit;  // "call"
  UsageAggregation aggregation = UsageAggregation::kSum;
};

struct UsageRecord {
  CustomerId customer;
  std::int64_t meter = 0;
  Quantity quantity;
  Timestamp at;
  std::string subject;  // what unique_count counts (a user id, a device); may be empty
  std::string idempotency_key;
};

// The meter's aggregate of the records whose day falls in `period`: sum or max of the
// quantities, or the number of distinct non-empty subjects (in whole units).
// Records of other meters are ignored.
Result<Quantity> aggregate_usage(const Meter& meter, std::span<const UsageRecord> records,
                                 ServicePeriod period);

struct UsageTier {
  std::optional<Quantity> up_to;  // inclusive upper bound; none: no bound (the last tier)
  Money unit_price;
};

struct UsagePrice {
  std::int64_t plan = 0;
  std::int64_t meter = 0;
  UsagePricingModel model = UsagePricingModel::kTiered;
  std::vector<UsageTier> tiers;  // tiered and volume
  Quantity package_size;         // package: units per block
  Money package_price;           // package: price per started block
  Money minimum;                 // per whole period; zero for none
};

// Checks a usage price: tiers ascending with a last unbounded tier, prices >= 0 and in one
// currency, a positive package size. Fails with kInvalidArgument naming the tier.
Status validate_usage_price(const UsagePrice& price);

// The charge for `quantity` of usage, before the minimum commitment, half-even to the
// minor unit (tiered: the exact sum over tiers rounded once).
Result<Money> usage_charge(const UsagePrice& price, Quantity quantity);

struct UsageBill {
  Quantity quantity;
  Money charge;   // usage_charge
  Money minimum;  // the period's minimum commitment, pro rata for a partial period
  Money top_up;   // max(0, minimum − charge): billed on its own line
};
// Prices one usage period: `period` within `calendar` (a partial first or last period
// prorates the minimum to the day).
Result<UsageBill> bill_usage(const UsagePrice& price, Quantity quantity, ServicePeriod period,
                             ServicePeriod calendar);

// The usage periods of `subscription` that have ended by `as_of` (their day after the last
// has come) and are not billed yet, from usage_billed_through, clipped at the end date.
Result<std::vector<PeriodCharge>> due_usage_periods(const Subscription& subscription,
                                                    const Plan& plan, Date as_of);

// When a usage happened: "2026-03-15" (00:00 UTC), "2026-03-15T10:20:30Z" or with a
// fraction of a second ("…T10:20:30.250Z"); only UTC ("Z"). invalid_timestamp otherwise.
Result<Timestamp> parse_usage_timestamp(std::string_view text);

// "1000:0.10,5000:0.08,*:0.05" → tiers (quantity bound inclusive, "*" no bound).
Result<std::vector<UsageTier>> parse_usage_tiers(std::string_view text, Currency currency);
std::string format_usage_tiers(std::span<const UsageTier> tiers);

// --- Invoices -------------------------------------------------------------------------

// One line of a subscription invoice: a period charge or credit, a usage charge or a
// minimum-commitment top-up.
struct RecurringItem {
  std::string sku;          // the plan code, or the meter name
  std::string description;  // names the period, and the usage for a usage line
  Money net;                // negative for a credit
  bool deferred = false;    // billed in advance: deferred revenue over `service`
  ServicePeriod service;
};

// The invoice of `items` for `subscription` (no order, no shipment): lines numbered from 1,
// each taxed at `tax_rate` half-even (zero for a tax-exempt customer), totals per EN 16931
// BR-CO-15. Every line has quantity 1 and its net as unit price, so that price × quantity =
// net exactly as e-invoices require (a usage line names its usage in its description).
// Requires: items not empty, all in one currency.
Result<Invoice> invoice_recurring(const Subscription& subscription,
                                  std::span<const RecurringItem> items,
                                  std::string_view tax_category, BasisPoints tax_rate,
                                  const PaymentTerms& terms, Date invoice_date);

// --- Deferred revenue ---------------------------------------------------------------------

struct RecognitionShare {
  std::chrono::year_month month;
  Money amount;
};

// Spreads `amount` (billed in advance for `service`) over the calendar months the service
// covers, in proportion to its days in each, largest remainder: the shares sum to `amount`.
Result<std::vector<RecognitionShare>> recognition_schedule(Money amount, ServicePeriod service);

// "2026-03" ↔ year_month; invalid_month otherwise.
Result<std::chrono::year_month> parse_month(std::string_view text);
std::string format_month(std::chrono::year_month month);
// The first day of `month` and of the month after it.
ServicePeriod month_period(std::chrono::year_month month);

}  // namespace o2c
