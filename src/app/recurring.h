// recurring.h — the use cases of recurring and usage-based billing (included by app.h, the
// module's public door): plans, meters and usage prices; subscriptions started, changed and
// cancelled; usage recorded one by one or imported from CSV; the recurring step of the
// billing run; and revenue recognition by month. The rules are billing/recurring.h's.
//
// Starting a subscription invoices nothing by itself: the billing run (o2c bill run) bills
// every period whose billing day has come, so a subscription started in advance on 10 March
// is invoiced for 10–31 March by the run of 10 March or later. A change or an immediate
// cancellation invoices its settlement at once (one invoice: the old plan's credit or
// charge, the old plan's usage so far, and the new plan's first part when billed in advance).
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/app.h"
#include "billing/billing.h"

namespace o2c::app {

inline constexpr int kTrialDaysMax = 365;
inline constexpr std::size_t kSubscriptionsPerRunMax = 1'000'000;

struct PlanRequest {
  std::string code;
  std::string name;
  Money price;
  BillingPeriod period = BillingPeriod::kMonthly;
  BillingTiming timing = BillingTiming::kInAdvance;
  int trial_days = 0;
  std::string tax_category = "standard";
};
// Fails with invalid_plan (code/name), negative_price (price), invalid_trial_days
// (trial_days), tax_rate_unknown (tax_category: set it first with `tax set`),
// duplicate_plan (code).
Result<Plan> add_plan(Context& context, const PlanRequest& request);

// Fails with invalid_meter (name/unit), duplicate_meter (name).
Result<Meter> add_meter(Context& context, const Meter& meter);

struct UsagePriceRequest {
  std::string plan_code;
  std::string meter_name;
  UsagePricingModel model = UsagePricingModel::kTiered;
  std::string tiers;    // tiered and volume: "1000:0.10,*:0.05"
  std::string package;  // package: "100:5.00" (units per block : price per block)
  std::string minimum;  // per whole period, e.g. "50.00"; empty: none
};
// Sets (or replaces) what a plan charges for a meter's usage. Fails with plan_not_found,
// meter_not_found, invalid_tiers / invalid_package / negative_price (at the option).
Result<UsagePrice> set_usage_price(Context& context, const UsagePriceRequest& request);

struct SubscriptionRequest {
  std::string customer_number;
  std::string plan_code;
  Date start;
};
// Starts a subscription (SUB-YYYY-NNNNNN) on `start`, in trial for the plan's trial days.
// Fails with customer_not_found, customer_inactive, plan_not_found, currency_mismatch (the
// plan is priced in another currency than the customer's), tax_rate_unknown.
Result<Subscription> start_subscription(Context& context, const SubscriptionRequest& request);

// A settlement that comes to less than zero (an immediate cancellation in advance, a
// downgrade whose credit exceeds the new plan's charge) is not an invoice: its lines are
// computed and taxed as an invoice's would be, numbered in the SCR series, and the amount
// becomes the customer's credit (unapplied cash, account 2200) — receivables are not touched.
struct SubscriptionCredit {
  std::string number;  // "SCR-2026-000001"
  Invoice lines;       // the would-be invoice: its lines and (negative) totals
};
struct SubscriptionOutcome {
  Subscription subscription;
  std::optional<Invoice> invoice;            // the settlement, when it charges
  std::optional<SubscriptionCredit> credit;  // the settlement, when it credits
};
// Moves a subscription to another plan on `effective` (settle_to_day on the old plan, the new
// one starting that day). Fails with subscription_not_found, subscription_cancelled,
// plan_not_found, plan_unchanged, currency_mismatch, effective_before_start,
// effective_before_billed_period.
Result<SubscriptionOutcome> change_subscription(Context& context, std::string_view number,
                                                std::string_view plan_code, Date effective);

enum class CancelTiming : std::uint8_t { kAtPeriodEnd, kImmediately };
// Cancels at the end of the period containing `effective` (nothing settled now: the run bills
// what is left), or immediately on `effective` with its settlement. Fails with
// subscription_not_found, subscription_cancelled, effective_before_start,
// effective_before_billed_period.
Result<SubscriptionOutcome> cancel_subscription(Context& context, std::string_view number,
                                                CancelTiming timing, Date effective);

struct SubscriptionDetails {
  Subscription subscription;
  Plan plan;
  SubscriptionState state_today = SubscriptionState::kActive;
  std::vector<UsagePrice> usage_prices;
};
Result<SubscriptionDetails> show_subscription(Context& context, std::string_view number);
Result<std::vector<Subscription>> list_subscriptions(Context& context,
                                                     std::optional<std::string> customer_number);

struct UsageRequest {
  std::string customer_number;
  std::string meter_name;
  Quantity quantity;
  Timestamp at;
  std::string subject;  // what a unique_count meter counts
  std::string idempotency_key;
};
enum class UsageRecorded : std::uint8_t { kRecorded, kDuplicate };
// Records usage, one job per request. A key the customer used before is a duplicate: not
// counted again, reported as kDuplicate. Fails with customer_not_found (usage.customer),
// meter_not_found (usage.meter), negative_quantity (usage.quantity), subject_required
// (usage.subject, for unique_count meters), idempotency_key_required / key_too_long.
std::vector<Result<UsageRecorded>> record_usage(Context& context,
                                                std::span<const UsageRequest> requests);

enum class UsageImportMode : std::uint8_t { kAllOrNothing, kSkipBad };
struct UsageImportOutcome {
  std::size_t recorded = 0;
  std::size_t duplicates = 0;  // keys seen before (or earlier in the file): not counted twice
  std::size_t rejected_rows = 0;
  std::vector<ImportProblem> problems;  // by line
  std::string rejects_csv;              // header + rejected rows as written (kSkipBad)
  bool refused = false;                 // all or nothing, and some line was bad: nothing written
};
// Imports usage from CSV text with a header naming (in any order, any case) customer, meter,
// quantity, timestamp and idempotency_key, and optionally subject. In one transaction.
// Fails only for the file as a whole (file_too_large, missing_column, …).
Result<UsageImportOutcome> import_usage(Context& context, std::string_view csv_text,
                                        UsageImportMode mode);

struct RecurringBillingReport {
  std::size_t subscriptions = 0;  // looked at
  std::vector<Invoice> invoices;  // issued by this run, by subscription number
  std::vector<std::pair<std::string, Error>> failures;  // subscription number, why
};
// The billing run's recurring step: for every subscription, the periods whose billing day is
// on or before `as_of` and the usage periods that have ended, one invoice per subscription,
// each subscription in its own transaction. Running it again bills nothing twice
// (billed_through, and the billed_periods key in the store). `progress(done, total)`.
Result<RecurringBillingReport> run_recurring_billing(
    Context& context, Date as_of,
    const std::function<void(std::int64_t, std::int64_t)>& progress = {});

struct RecognitionReport {
  std::chrono::year_month month;
  std::size_t rows = 0;
  std::vector<Money> recognised;  // one sum per currency, by code
};
// Moves the deferred revenue of `month` (and earlier months not recognised yet) to revenue,
// posted on the month's last day (REV-YYYY-MM); rows are marked, so a second run recognises
// nothing. Fails with month_not_over when `month` is after today's month.
Result<RecognitionReport> recognise_revenue(Context& context, std::chrono::year_month month);

}  // namespace o2c::app
