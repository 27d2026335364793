// Use cases: plans, meters, usage prices, subscriptions (start, change, cancel, show, list),
// the recurring step of the billing run and revenue recognition by month.
#include "app/recurring.h"

#include <algorithm>
#include <map>

#include "app/use_case.h"
#include "core/limits.h"

namespace o2c::app {
namespace {

// What one subscription invoice bills, and the periods it marks billed.
struct BilledMark {
  BilledPeriodKind kind = BilledPeriodKind::kRecurring;
  int revision = 0;
  ServicePeriod period;
};
struct Settlement {
  std::vector<RecurringItem> items;
  std::vector<BilledMark> marks;
};

Error currency_mismatch(const Plan& plan, const Customer& customer) {
  return failed_precondition("currency_mismatch",
                             "plan " + plan.code + " is priced in " +
                                 std::string(plan.price.currency.text()) + ", customer " +
                                 customer.number + " is billed in " +
                                 std::string(customer.currency.text()),
                             "plan");
}

Result<BasisPoints> tax_rate_for(StoreReader& reader, std::string_view category,
                                 std::string_view where) {
  O2C_ASSIGN_OR_RETURN(std::vector<TaxRate> rates, reader.tax_rates());
  for (const TaxRate& rate : rates) {
    if (rate.category == category) return rate.rate;
  }
  return failed_precondition(
      "tax_rate_unknown",
      "no tax rate for tax category '" + std::string(category) + "' (set one with `o2c tax set`)",
      std::string(where));
}

Result<Plan> require_plan(StoreReader& reader, std::string_view code) {
  O2C_ASSIGN_OR_RETURN(std::optional<Plan> plan, reader.find_plan(code));
  if (!plan) return not_found("plan_not_found", "no plan '" + std::string(code) + "'", "plan");
  return *std::move(plan);
}

Result<Plan> plan_of(StoreReader& reader, const Subscription& subscription) {
  O2C_ASSIGN_OR_RETURN(std::optional<Plan> plan, reader.find_plan(subscription.plan));
  O2C_ASSERT(plan.has_value());
  return *std::move(plan);
}

Result<Subscription> require_subscription(StoreReader& reader, std::string_view number) {
  O2C_ASSIGN_OR_RETURN(std::optional<Subscription> subscription, reader.find_subscription(number));
  if (!subscription)
    return not_found("subscription_not_found", "no subscription '" + std::string(number) + "'",
                     "subscription");
  return *std::move(subscription);
}

void add_period_charges(Settlement& settlement, const Plan& plan,
                        const std::vector<PeriodCharge>& charges) {
  for (const PeriodCharge& charge : charges) {
    O2C_ASSERT(charge.plan == plan.id);
    const std::string what =
        (charge.credit ? "credit for unused " : "") + plan.name + " " + describe(charge.service);
    if (charge.amount.minor != 0) {
      settlement.items.push_back(
          RecurringItem{plan.code, what, charge.amount, charge.in_advance, charge.service});
    }
    if (!charge.credit) {
      settlement.marks.push_back({BilledPeriodKind::kRecurring, charge.revision, charge.service});
    }
  }
}

// The usage lines of `periods` at the plan's usage prices: the charge, and a top-up to the
// minimum commitment when the charge is below it.
Status add_usage(Settlement& settlement, StoreReader& reader, const Subscription& subscription,
                 const Plan& plan, const std::vector<PeriodCharge>& periods) {
  if (periods.empty()) return {};
  O2C_ASSIGN_OR_RETURN(std::vector<UsagePrice> prices, reader.usage_prices(plan.id));
  O2C_ASSIGN_OR_RETURN(std::vector<Meter> meters, reader.list_meters());
  for (const PeriodCharge& period : periods) {
    for (const UsagePrice& price : prices) {
      auto meter = std::find_if(meters.begin(), meters.end(),
                                [&](const Meter& m) { return m.id == price.meter; });
      O2C_ASSERT(meter != meters.end());
      O2C_ASSIGN_OR_RETURN(std::vector<UsageRecord> records,
                           reader.usage_records(subscription.customer, meter->id, period.service));
      O2C_ASSIGN_OR_RETURN(Quantity quantity, aggregate_usage(*meter, records, period.service));
      O2C_ASSIGN_OR_RETURN(UsageBill bill,
                           bill_usage(price, quantity, period.service, period.calendar));
      const std::string when = describe(period.service);
      if (bill.charge.minor != 0) {
        settlement.items.push_back(RecurringItem{
            meter->name,
            meter->name + " " + format_quantity(quantity) + " " + meter->unit + " " + when,
            bill.charge, false, period.service});
      }
      if (bill.top_up.minor != 0) {
        settlement.items.push_back(RecurringItem{meter->name,
                                                 "minimum commitment " +
                                                     format_amount(bill.minimum) + " for " +
                                                     meter->name + " " + when,
                                                 bill.top_up, false, period.service});
      }
    }
    settlement.marks.push_back({BilledPeriodKind::kUsage, period.revision, period.service});
  }
  return {};
}

EventPayload subscription_invoice_payload(const Invoice& invoice, const Subscription& subscription,
                                          Money deferred) {
  return {{"customer", invoice.customer_number},
          {"subscription", subscription.number},
          {"invoice_date", format_date(invoice.invoice_date)},
          {"due_date", format_date(invoice.due_date)},
          {"net", event_amount(invoice.net_total)},
          {"deferred", event_amount(deferred)},
          {"tax", event_amount(invoice.tax_total)},
          {"gross", event_amount(invoice.gross_total)}};
}

struct Issued {
  std::optional<Invoice> invoice;
  std::optional<SubscriptionCredit> credit;
};

// Schedules the in-advance items of `settlement` as deferred revenue under `document`;
// returns their net.
Result<Money> defer_items(StoreWriter& writer, const Settlement& settlement,
                          std::string_view document, Currency currency) {
  Money deferred = zero(currency);
  for (const RecurringItem& item : settlement.items) {
    if (!item.deferred) continue;
    O2C_ASSIGN_OR_RETURN(deferred, add(deferred, item.net));
    O2C_ASSIGN_OR_RETURN(std::vector<RecognitionShare> schedule,
                         recognition_schedule(item.net, item.service));
    O2C_RETURN_IF_ERROR(writer.insert_deferred_revenue(document, schedule));
  }
  return deferred;
}

// A settlement below zero: the customer's credit (see SubscriptionCredit). Revenue and
// deferred revenue give back the net, tax payable the tax, unapplied cash takes the gross.
Result<SubscriptionCredit> issue_credit(StoreWriter& writer, const Context& context,
                                        const Customer& customer, const Subscription& subscription,
                                        const Settlement& settlement, Invoice lines) {
  O2C_ASSERT(lines.gross_total.minor < 0);
  SubscriptionCredit credit;
  O2C_ASSIGN_OR_RETURN(credit.number,
                       writer.next_document_number("SCR", numbering_year(lines.invoice_date)));
  O2C_ASSIGN_OR_RETURN(Money deferred,
                       defer_items(writer, settlement, credit.number, lines.currency));
  O2C_ASSIGN_OR_RETURN(Money earned, subtract(lines.net_total, deferred));
  LedgerEntry entry = post_invoice_deferred(credit.number, lines.invoice_date, lines.gross_total,
                                            earned, deferred, lines.tax_total);
  for (LedgerLine& line : entry.lines) {
    if (line.account == Account::kReceivables) line.account = Account::kUnappliedCash;
  }
  assert_balanced(entry);
  O2C_RETURN_IF_ERROR(post_entry(writer, entry));
  O2C_ASSIGN_OR_RETURN(CustomerBalance balance, writer.customer_balance(customer));
  O2C_ASSIGN_OR_RETURN(balance.unapplied_cash, subtract(balance.unapplied_cash, lines.gross_total));
  O2C_RETURN_IF_ERROR(writer.save_customer_balance(customer.id, balance));
  EventPayload payload = subscription_invoice_payload(lines, subscription, deferred);
  O2C_RETURN_IF_ERROR(
      append_event(writer, context, "subscription.credited", credit.number, payload));
  credit.lines = std::move(lines);
  return credit;
}

// Invoices a settlement (nothing when it has no lines): numbered in the INV series, its
// periods marked billed, in-advance amounts scheduled as deferred revenue, posted, journaled.
// A settlement below zero becomes the customer's credit instead (issue_credit).
Result<Issued> issue_invoice(StoreWriter& writer, const Context& context,
                             const Subscription& subscription, const Plan& plan,
                             const Settlement& settlement, Date invoice_date) {
  if (settlement.items.empty()) return Issued{};
  O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer,
                       writer.find_customer(subscription.customer));
  O2C_ASSERT(customer.has_value());
  BasisPoints rate{0};
  if (!customer->tax_exempt) {
    O2C_ASSIGN_OR_RETURN(rate, tax_rate_for(writer, plan.tax_category, "plan.tax_category"));
  }
  O2C_ASSIGN_OR_RETURN(Invoice invoice,
                       invoice_recurring(subscription, settlement.items, plan.tax_category, rate,
                                         customer->terms, invoice_date));
  if (invoice.gross_total.minor < 0) {
    O2C_ASSIGN_OR_RETURN(
        SubscriptionCredit credit,
        issue_credit(writer, context, *customer, subscription, settlement, std::move(invoice)));
    return Issued{std::nullopt, std::move(credit)};
  }
  O2C_ASSIGN_OR_RETURN(invoice.number,
                       writer.next_document_number("INV", numbering_year(invoice_date)));
  O2C_ASSIGN_OR_RETURN(invoice.id, writer.insert_invoice(invoice));
  for (const BilledMark& mark : settlement.marks) {
    Status marked = writer.insert_billed_period(subscription.id, mark.kind, mark.revision,
                                                mark.period, invoice.id);
    if (!marked)
      return conflict(
          "already_billed",
          subscription.number + " period " + describe(mark.period) + " is already billed",
          "subscription");
  }
  O2C_ASSIGN_OR_RETURN(Money deferred,
                       defer_items(writer, settlement, invoice.number, invoice.currency));
  O2C_ASSIGN_OR_RETURN(Money earned, subtract(invoice.net_total, deferred));
  O2C_RETURN_IF_ERROR(
      post_entry(writer, post_invoice_deferred(invoice.number, invoice_date, invoice.gross_total,
                                               earned, deferred, invoice.tax_total)));
  O2C_ASSIGN_OR_RETURN(CustomerBalance balance, writer.customer_balance(*customer));
  O2C_ASSIGN_OR_RETURN(balance.open_receivables,
                       add(balance.open_receivables, invoice.gross_total));
  O2C_RETURN_IF_ERROR(writer.save_customer_balance(customer->id, balance));
  O2C_RETURN_IF_ERROR(append_event(writer, context, "invoice.posted", invoice.number,
                                   subscription_invoice_payload(invoice, subscription, deferred)));
  return Issued{std::move(invoice), std::nullopt};
}

// Settles the old plan up to `day` (its credit or charge and its usage so far) and moves the
// subscription's billed-through dates to `day`. Nothing to do during the trial.
Status settle_old_plan(Settlement& settlement, StoreReader& reader, Subscription& subscription,
                       const Plan& plan, Date day) {
  if (day < subscription.service_start) return {};
  if (day < subscription.usage_billed_through)
    return failed_precondition("effective_before_billed_period",
                               "usage of " + subscription.number + " is billed up to " +
                                   format_date(subscription.usage_billed_through) + ", after " +
                                   format_date(day),
                               "subscription");
  O2C_ASSIGN_OR_RETURN(std::vector<PeriodCharge> settled, settle_to_day(subscription, plan, day));
  add_period_charges(settlement, plan, settled);
  Subscription ending = subscription;
  ending.end = day;
  O2C_ASSIGN_OR_RETURN(std::vector<PeriodCharge> usage, due_usage_periods(ending, plan, day));
  O2C_RETURN_IF_ERROR(add_usage(settlement, reader, subscription, plan, usage));
  subscription.billed_through = day;
  subscription.usage_billed_through = day;
  return {};
}

}  // namespace

Result<Plan> add_plan(Context& context, const PlanRequest& request) {
  if (request.code.empty() || request.code.size() > 40 || request.name.empty() ||
      request.name.size() > kNameBytesMax)
    return invalid_argument("invalid_plan", "a plan needs a code (1-40 characters) and a name",
                            "plan.code");
  if (request.price.minor < 0 || request.price.minor > kAmountMinorMax)
    return invalid_argument("negative_price", "a plan's price must be 0 or more", "plan.price");
  if (request.trial_days < 0 || request.trial_days > kTrialDaysMax)
    return invalid_argument("invalid_trial_days",
                            "trial days must be 0 to " + std::to_string(kTrialDaysMax),
                            "plan.trial_days");
  return context.store.write<Plan>([&](StoreWriter& writer) -> Result<Plan> {
    O2C_RETURN_IF_ERROR(tax_rate_for(writer, request.tax_category, "plan.tax_category"));
    O2C_ASSIGN_OR_RETURN(std::optional<Plan> existing, writer.find_plan(request.code));
    if (existing)
      return already_exists("duplicate_plan", "plan " + request.code + " already exists",
                            "plan.code");
    Plan plan{0,
              request.code,
              request.name,
              request.price,
              request.period,
              request.timing,
              request.trial_days,
              request.tax_category};
    O2C_ASSIGN_OR_RETURN(plan.id, writer.insert_plan(plan));
    O2C_RETURN_IF_ERROR(append_event(writer, context, "plan.added", plan.code,
                                     {{"name", plan.name},
                                      {"price", event_amount(plan.price)},
                                      {"period", wire_name(plan.period)},
                                      {"billing", wire_name(plan.timing)},
                                      {"trial_days", plan.trial_days},
                                      {"tax_category", plan.tax_category}}));
    return plan;
  });
}

Result<Meter> add_meter(Context& context, const Meter& input) {
  if (input.name.empty() || input.name.size() > 40 || input.unit.empty() || input.unit.size() > 40)
    return invalid_argument("invalid_meter",
                            "a meter needs a name and a unit (1-40 characters each)", "meter.name");
  return context.store.write<Meter>([&](StoreWriter& writer) -> Result<Meter> {
    O2C_ASSIGN_OR_RETURN(std::optional<Meter> existing, writer.find_meter(input.name));
    if (existing)
      return already_exists("duplicate_meter", "meter " + input.name + " already exists",
                            "meter.name");
    Meter meter = input;
    O2C_ASSIGN_OR_RETURN(meter.id, writer.insert_meter(meter));
    O2C_RETURN_IF_ERROR(
        append_event(writer, context, "meter.added", meter.name,
                     {{"unit", meter.unit}, {"aggregation", wire_name(meter.aggregation)}}));
    return meter;
  });
}

namespace {

Result<UsagePrice> usage_price_of(const UsagePriceRequest& request, const Plan& plan,
                                  const Meter& meter) {
  const Currency currency = plan.price.currency;
  UsagePrice price;
  price.plan = plan.id;
  price.meter = meter.id;
  price.model = request.model;
  price.package_price = price.minimum = zero(currency);
  if (request.model == UsagePricingModel::kPackage) {
    const std::size_t colon = request.package.find(':');
    Result<Quantity> size = parse_quantity(request.package.substr(0, colon));
    Result<Money> block_price =
        colon == std::string::npos
            ? Result<Money>(invalid_argument("invalid_package", "no price"))
            : parse_money(std::string_view(request.package).substr(colon + 1), currency);
    if (!size || !block_price)
      return invalid_argument("invalid_package",
                              "'" + request.package + "' is not UNITS:PRICE (e.g. 100:5.00)",
                              "package");
    price.package_size = *size;
    price.package_price = *block_price;
  } else {
    O2C_ASSIGN_OR_RETURN(price.tiers, parse_usage_tiers(request.tiers, currency));
  }
  if (!request.minimum.empty()) {
    Result<Money> minimum = parse_money(request.minimum, currency);
    if (!minimum || minimum->minor < 0)
      return invalid_argument("invalid_minimum",
                              "'" + request.minimum + "' is not an amount of 0 or more in " +
                                  std::string(currency.text()),
                              "minimum");
    price.minimum = *minimum;
  }
  O2C_RETURN_IF_ERROR(validate_usage_price(price));
  return price;
}

}  // namespace

Result<UsagePrice> set_usage_price(Context& context, const UsagePriceRequest& request) {
  return context.store.write<UsagePrice>([&](StoreWriter& writer) -> Result<UsagePrice> {
    O2C_ASSIGN_OR_RETURN(Plan plan, require_plan(writer, request.plan_code));
    O2C_ASSIGN_OR_RETURN(std::optional<Meter> meter, writer.find_meter(request.meter_name));
    if (!meter)
      return not_found("meter_not_found", "no meter '" + request.meter_name + "'", "meter");
    O2C_ASSIGN_OR_RETURN(UsagePrice price, usage_price_of(request, plan, *meter));
    O2C_RETURN_IF_ERROR(writer.save_usage_price(price));
    EventPayload payload{{"meter", meter->name},
                         {"model", wire_name(price.model)},
                         {"minimum", event_amount(price.minimum)}};
    if (price.model == UsagePricingModel::kPackage) {
      payload.set("package",
                  format_quantity(price.package_size) + ":" + format_amount(price.package_price));
    } else {
      payload.set("tiers", format_usage_tiers(price.tiers));
    }
    O2C_RETURN_IF_ERROR(append_event(writer, context, "plan.usage_priced", plan.code, payload));
    return price;
  });
}

Result<Subscription> start_subscription(Context& context, const SubscriptionRequest& request) {
  return context.store.write<Subscription>([&](StoreWriter& writer) -> Result<Subscription> {
    O2C_ASSIGN_OR_RETURN(Customer customer,
                         require_customer(writer, request.customer_number, "customer"));
    if (!customer.active)
      return failed_precondition("customer_inactive",
                                 "customer " + customer.number + " is inactive", "customer");
    O2C_ASSIGN_OR_RETURN(Plan plan, require_plan(writer, request.plan_code));
    if (plan.price.currency != customer.currency) return currency_mismatch(plan, customer);
    if (!customer.tax_exempt) {
      O2C_RETURN_IF_ERROR(tax_rate_for(writer, plan.tax_category, "plan.tax_category"));
    }
    Subscription subscription;
    subscription.customer = customer.id;
    subscription.customer_number = customer.number;
    subscription.plan = plan.id;
    subscription.plan_code = plan.code;
    subscription.start = request.start;
    subscription.service_start = subscription.plan_start = subscription.billed_through =
        subscription.usage_billed_through = add_days(request.start, plan.trial_days);
    subscription.state =
        plan.trial_days > 0 ? SubscriptionState::kTrial : SubscriptionState::kActive;
    O2C_ASSIGN_OR_RETURN(subscription.number,
                         writer.next_document_number("SUB", numbering_year(request.start)));
    O2C_ASSIGN_OR_RETURN(subscription.id, writer.insert_subscription(subscription));
    O2C_RETURN_IF_ERROR(append_event(writer, context, "subscription.started", subscription.number,
                                     {{"customer", customer.number},
                                      {"plan", plan.code},
                                      {"start", format_date(subscription.start)},
                                      {"service_start", format_date(subscription.service_start)},
                                      {"state", wire_name(subscription.state)}}));
    return subscription;
  });
}

Result<SubscriptionOutcome> change_subscription(Context& context, std::string_view number,
                                                std::string_view plan_code, Date effective) {
  return context.store.write<SubscriptionOutcome>(
      [&](StoreWriter& writer) -> Result<SubscriptionOutcome> {
        O2C_ASSIGN_OR_RETURN(Subscription subscription, require_subscription(writer, number));
        if (subscription.end)
          return failed_precondition("subscription_cancelled",
                                     subscription.number + " is cancelled", "subscription");
        O2C_ASSIGN_OR_RETURN(Plan next, require_plan(writer, plan_code));
        if (next.id == subscription.plan)
          return invalid_argument("plan_unchanged",
                                  subscription.number + " is already on plan " + next.code, "plan");
        O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer,
                             writer.find_customer(subscription.customer));
        O2C_ASSERT(customer.has_value());
        if (next.price.currency != customer->currency) return currency_mismatch(next, *customer);
        if (effective < subscription.start)
          return invalid_argument("effective_before_start",
                                  "the change is dated before " + subscription.number +
                                      " started (" + format_date(subscription.start) + ")",
                                  "date");
        O2C_ASSIGN_OR_RETURN(Plan previous, plan_of(writer, subscription));
        Settlement settlement;
        O2C_RETURN_IF_ERROR(settle_old_plan(settlement, writer, subscription, previous, effective));
        subscription.plan = next.id;
        subscription.plan_code = next.code;
        subscription.plan_start = std::max(effective, subscription.service_start);
        subscription.billed_through = subscription.usage_billed_through = subscription.plan_start;
        subscription.revision += 1;
        O2C_ASSIGN_OR_RETURN(std::vector<PeriodCharge> first,
                             due_charges(subscription, next, effective));
        add_period_charges(settlement, next, first);
        if (!first.empty()) subscription.billed_through = first.back().service.end;
        O2C_ASSIGN_OR_RETURN(Issued issued, issue_invoice(writer, context, subscription, next,
                                                          settlement, effective));
        O2C_RETURN_IF_ERROR(writer.update_subscription(subscription));
        EventPayload payload{
            {"from", previous.code}, {"to", next.code}, {"effective", format_date(effective)}};
        if (issued.invoice) payload.set("invoice", issued.invoice->number);
        if (issued.credit) payload.set("credit", issued.credit->number);
        O2C_RETURN_IF_ERROR(
            append_event(writer, context, "subscription.changed", subscription.number, payload));
        return SubscriptionOutcome{std::move(subscription), std::move(issued.invoice),
                                   std::move(issued.credit)};
      });
}

Result<SubscriptionOutcome> cancel_subscription(Context& context, std::string_view number,
                                                CancelTiming timing, Date effective) {
  return context.store.write<SubscriptionOutcome>(
      [&](StoreWriter& writer) -> Result<SubscriptionOutcome> {
        O2C_ASSIGN_OR_RETURN(Subscription subscription, require_subscription(writer, number));
        if (subscription.end)
          return failed_precondition("subscription_cancelled",
                                     subscription.number + " is already cancelled (ends " +
                                         format_date(*subscription.end) + ")",
                                     "subscription");
        if (effective < subscription.start)
          return invalid_argument("effective_before_start",
                                  "the cancellation is dated before " + subscription.number +
                                      " started (" + format_date(subscription.start) + ")",
                                  "date");
        O2C_ASSIGN_OR_RETURN(Plan plan, plan_of(writer, subscription));
        Settlement settlement;
        if (effective < subscription.service_start) {
          // In the trial: nothing was billed, nothing will be.
          subscription.end =
              timing == CancelTiming::kImmediately ? effective : subscription.service_start;
        } else if (timing == CancelTiming::kImmediately) {
          O2C_RETURN_IF_ERROR(settle_old_plan(settlement, writer, subscription, plan, effective));
          subscription.end = effective;
        } else {
          subscription.end = calendar_period_containing(effective, plan.period).end;
          O2C_ASSERT(subscription.billed_through <= *subscription.end);
        }
        subscription.state = SubscriptionState::kCancelled;
        O2C_ASSIGN_OR_RETURN(Issued issued, issue_invoice(writer, context, subscription, plan,
                                                          settlement, effective));
        O2C_RETURN_IF_ERROR(writer.update_subscription(subscription));
        EventPayload payload{
            {"timing", timing == CancelTiming::kImmediately ? "immediately" : "period_end"},
            {"end", format_date(*subscription.end)}};
        if (issued.invoice) payload.set("invoice", issued.invoice->number);
        if (issued.credit) payload.set("credit", issued.credit->number);
        O2C_RETURN_IF_ERROR(
            append_event(writer, context, "subscription.cancelled", subscription.number, payload));
        return SubscriptionOutcome{std::move(subscription), std::move(issued.invoice),
                                   std::move(issued.credit)};
      });
}

Result<SubscriptionDetails> show_subscription(Context& context, std::string_view number) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, context.store.reader());
  O2C_ASSIGN_OR_RETURN(Subscription subscription, require_subscription(*reader, number));
  O2C_ASSIGN_OR_RETURN(Plan plan, plan_of(*reader, subscription));
  O2C_ASSIGN_OR_RETURN(std::vector<UsagePrice> prices, reader->usage_prices(plan.id));
  const SubscriptionState today = subscription_state(subscription, context.clock.today());
  return SubscriptionDetails{std::move(subscription), std::move(plan), today, std::move(prices)};
}

Result<std::vector<Subscription>> list_subscriptions(Context& context,
                                                     std::optional<std::string> customer_number) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, context.store.reader());
  SubscriptionFilter filter;
  if (customer_number) {
    O2C_ASSIGN_OR_RETURN(Customer customer,
                         require_customer(*reader, *customer_number, "customer"));
    filter.customer = customer.id;
  }
  return reader->list_subscriptions(filter);
}

namespace {

// One subscription's share of the billing run: what is due on `as_of`, in one invoice.
Result<std::optional<Invoice>> bill_subscription(StoreWriter& writer, const Context& context,
                                                 const std::string& number, Date as_of) {
  O2C_ASSIGN_OR_RETURN(Subscription subscription, require_subscription(writer, number));
  O2C_ASSIGN_OR_RETURN(Plan plan, plan_of(writer, subscription));
  O2C_ASSIGN_OR_RETURN(std::vector<PeriodCharge> charges, due_charges(subscription, plan, as_of));
  O2C_ASSIGN_OR_RETURN(std::vector<PeriodCharge> usage,
                       due_usage_periods(subscription, plan, as_of));
  const SubscriptionState state = subscription.state == SubscriptionState::kCancelled
                                      ? SubscriptionState::kCancelled
                                      : subscription_state(subscription, as_of);
  if (charges.empty() && usage.empty() && state == subscription.state)
    return std::optional<Invoice>{};
  Settlement settlement;
  add_period_charges(settlement, plan, charges);
  O2C_RETURN_IF_ERROR(add_usage(settlement, writer, subscription, plan, usage));
  if (!charges.empty()) subscription.billed_through = charges.back().service.end;
  if (!usage.empty()) subscription.usage_billed_through = usage.back().service.end;
  subscription.state = state;
  O2C_ASSIGN_OR_RETURN(Issued issued,
                       issue_invoice(writer, context, subscription, plan, settlement, as_of));
  O2C_ASSERT(!issued.credit.has_value());  // the run only charges
  O2C_RETURN_IF_ERROR(writer.update_subscription(subscription));
  return issued.invoice;
}

bool finished(const Subscription& subscription) {
  return subscription.end && subscription.billed_through >= *subscription.end &&
         subscription.usage_billed_through >= *subscription.end;
}

}  // namespace

Result<RecurringBillingReport> run_recurring_billing(
    Context& context, Date as_of, const std::function<void(std::int64_t, std::int64_t)>& progress) {
  std::vector<std::string> numbers;
  {
    O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, context.store.reader());
    O2C_ASSIGN_OR_RETURN(
        std::vector<Subscription> all,
        reader->list_subscriptions(SubscriptionFilter{{}, kSubscriptionsPerRunMax}));
    for (const Subscription& subscription : all) {
      if (!finished(subscription)) numbers.push_back(subscription.number);
    }
  }
  RecurringBillingReport report;
  report.subscriptions = numbers.size();
  constexpr std::size_t kChunk = 256;  // jobs per group commit, and per progress report
  for (std::size_t first = 0; first < numbers.size(); first += kChunk) {
    const std::span<const std::string> chunk = std::span<const std::string>(numbers).subspan(
        first, std::min(kChunk, numbers.size() - first));
    std::vector<Result<std::optional<Invoice>>> results =
        run_batch<std::string, std::optional<Invoice>>(
            context.store, chunk, [&](StoreWriter& writer, const std::string& number) {
              return bill_subscription(writer, context, number, as_of);
            });
    for (std::size_t i = 0; i < results.size(); ++i) {
      if (!results[i]) {
        report.failures.emplace_back(chunk[i], std::move(results[i]).error());
      } else if (results[i]->has_value()) {
        report.invoices.push_back(std::move(**results[i]));
      }
    }
    if (progress) {
      progress(static_cast<std::int64_t>(first + chunk.size()),
               static_cast<std::int64_t>(numbers.size()));
    }
  }
  return report;
}

Result<RecognitionReport> recognise_revenue(Context& context, std::chrono::year_month month) {
  const Date today = context.clock.today();
  if (month > std::chrono::year_month{today.year(), today.month()})
    return failed_precondition(
        "month_not_over",
        format_month(month) + " has not begun yet (today is " + format_date(today) + ")",
        "--month");
  const Date posted_on = add_days(month_period(month).end, -1);
  const std::string document = "REV-" + format_month(month);
  return context.store.write<RecognitionReport>(
      [&](StoreWriter& writer) -> Result<RecognitionReport> {
        RecognitionReport report{month, 0, {}};
        O2C_ASSIGN_OR_RETURN(std::vector<DeferredRevenueRow> rows,
                             writer.unrecognised_revenue(month));
        if (rows.empty()) return report;
        std::map<std::string, Money> by_currency;
        std::vector<std::int64_t> ids;
        for (const DeferredRevenueRow& row : rows) {
          const std::string code(row.amount.currency.text());
          auto [entry, inserted] = by_currency.try_emplace(code, zero(row.amount.currency));
          O2C_ASSIGN_OR_RETURN(entry->second, add(entry->second, row.amount));
          ids.push_back(row.id);
        }
        std::vector<std::string> amounts;
        for (const auto& [code, amount] : by_currency) {
          O2C_RETURN_IF_ERROR(
              post_entry(writer, post_revenue_recognition(document, posted_on, amount)));
          report.recognised.push_back(amount);
          amounts.push_back(event_amount(amount));
        }
        O2C_RETURN_IF_ERROR(writer.mark_revenue_recognised(ids, posted_on));
        report.rows = rows.size();
        O2C_RETURN_IF_ERROR(append_event(writer, context, "revenue.recognised", document,
                                         {{"month", format_month(month)},
                                          {"rows", static_cast<std::int64_t>(rows.size())},
                                          {"amounts", amounts}}));
        return report;
      });
}

}  // namespace o2c::app
