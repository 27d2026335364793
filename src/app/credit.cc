// Use cases of credit management (app/credit.h).
#include "app/credit.h"

#include <algorithm>

#include "app/use_case.h"
#include "core/sha256.h"

namespace o2c::app {
namespace {

constexpr std::string_view kCreditScoringKey = "credit_scoring";
constexpr std::size_t kOrdersPerCustomerMax = 1'000'000;

Result<Money> balance_total(StoreReader& reader, const Customer& customer) {
  O2C_ASSIGN_OR_RETURN(CustomerBalance balance, reader.customer_balance(customer));
  return total_exposure(
      CreditExposure{balance.open_receivables, balance.open_orders, balance.unapplied_cash});
}

// Orders that still count in exposure and may have shipped what is not invoiced yet.
bool may_have_uninvoiced_shipments(OrderState state) {
  return state == OrderState::kOpen || state == OrderState::kPartiallyShipped ||
         state == OrderState::kOnManualHold;
}

Result<Money> shipped_not_invoiced(StoreReader& reader, const Customer& customer) {
  OrderFilter filter;
  filter.customer = customer.id;
  filter.limit = kOrdersPerCustomerMax;
  O2C_ASSIGN_OR_RETURN(std::vector<Order> orders, reader.list_orders(filter));
  Money total = zero(customer.currency);
  for (const Order& listed : orders) {
    if (!may_have_uninvoiced_shipments(listed.state)) continue;
    O2C_ASSIGN_OR_RETURN(Order order, require_order(reader, listed.number));
    O2C_ASSIGN_OR_RETURN(Money shipped, shipped_not_invoiced_gross(order));
    O2C_ASSIGN_OR_RETURN(total, add(total, shipped));
  }
  return total;
}

Result<CustomerGroup> require_group(StoreReader& reader, std::string_view code) {
  O2C_ASSIGN_OR_RETURN(std::optional<CustomerGroup> group, reader.find_customer_group(code));
  if (!group)
    return not_found("group_not_found", "no customer group '" + std::string(code) + "'", "group");
  return std::move(*group);
}

Result<Money> members_exposure(StoreReader& reader, const CustomerGroup& group) {
  O2C_ASSIGN_OR_RETURN(std::vector<CustomerId> members, reader.group_members(group.id));
  std::vector<Money> exposures;
  for (CustomerId id : members) {
    O2C_ASSIGN_OR_RETURN(std::optional<Customer> member, reader.find_customer(id));
    O2C_ASSERT(member.has_value());
    O2C_ASSIGN_OR_RETURN(Money exposure, balance_total(reader, *member));
    exposures.push_back(exposure);
  }
  return group_exposure(group, exposures);
}

// Days past due of the customer's oldest overdue open item on `today` (0: nothing overdue).
Result<int> days_overdue_oldest(StoreReader& reader, const Customer& customer, Date today) {
  O2C_ASSIGN_OR_RETURN(std::optional<Date> due, reader.oldest_open_due_date(customer.id));
  if (!due) return 0;
  const std::int64_t days = std::clamp<std::int64_t>(days_between(*due, today), 0, 1'000'000);
  return static_cast<int>(days);
}

}  // namespace

// ---- policy -------------------------------------------------------------------------------------

Result<CreditScoringPolicy> load_credit_policy(StoreReader& reader) {
  O2C_ASSIGN_OR_RETURN(std::optional<std::string> text, reader.setting(kCreditScoringKey));
  if (!text || text->empty()) return CreditScoringPolicy{};
  // The stored text was checked when set; one that no longer parses was edited outside o2c.
  return parse_credit_scoring(*text, "stored credit scoring");
}

Status set_credit_scoring(Context& context, std::string_view toml_text, std::string_view source) {
  if (!toml_text.empty()) O2C_RETURN_IF_ERROR(parse_credit_scoring(toml_text, source));
  return context.store
      .submit([&](StoreWriter& writer) -> Status {
        O2C_RETURN_IF_ERROR(writer.save_setting(kCreditScoringKey, toml_text));
        O2C_RETURN_IF_ERROR(append_event(writer, context, "config.set", kCreditScoringKey,
                                         {{"sha256", to_hex(sha256(toml_text))},
                                          {"bytes", static_cast<std::int64_t>(toml_text.size())}}));
        return {};
      })
      .get();
}

// ---- groups and exposure
// ---------------------------------------------------------------------------

Result<CustomerGroup> add_customer_group(Context& context, const CustomerGroupRequest& request) {
  CustomerGroup group;
  group.code = request.code;
  group.name = request.name;
  Result<Currency> currency = currency_from_code(request.currency_code);
  if (!currency)
    return invalid_argument(currency.error().reason, currency.error().message, "currency");
  group.currency = *currency;
  Result<Money> limit = parse_money(request.credit_limit, group.currency);
  if (!limit) return invalid_argument(limit.error().reason, limit.error().message, "credit_limit");
  group.credit_limit = *limit;
  O2C_RETURN_IF_ERROR(validate_customer_group(group));
  return context.store.write<CustomerGroup>([&](StoreWriter& writer) -> Result<CustomerGroup> {
    O2C_ASSIGN_OR_RETURN(std::optional<CustomerGroup> existing,
                         writer.find_customer_group(group.code));
    if (existing)
      return already_exists("duplicate_group", "customer group " + group.code + " already exists",
                            "code");
    CustomerGroup added = group;
    O2C_ASSIGN_OR_RETURN(added.id, writer.insert_customer_group(added));
    O2C_RETURN_IF_ERROR(
        append_event(writer, context, "customer_group.added", added.code,
                     {{"name", added.name}, {"credit_limit", event_amount(added.credit_limit)}}));
    return added;
  });
}

Result<CustomerGroup> set_customer_group(Context& context, std::string_view customer_number,
                                         std::string_view group_code) {
  return context.store.write<CustomerGroup>([&](StoreWriter& writer) -> Result<CustomerGroup> {
    O2C_ASSIGN_OR_RETURN(Customer customer, require_customer(writer, customer_number, "customer"));
    O2C_ASSIGN_OR_RETURN(CustomerGroup group, require_group(writer, group_code));
    O2C_RETURN_IF_ERROR(check_group_member(group, customer));
    O2C_RETURN_IF_ERROR(writer.save_customer_group(customer.id, group.id));
    O2C_RETURN_IF_ERROR(append_event(writer, context, "customer.group_set", customer.number,
                                     {{"group", group.code}}));
    return group;
  });
}

Status check_customer_group(Store& store, const Customer& customer, std::string_view group_code) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store.reader());
  Result<CustomerGroup> group = require_group(*reader, group_code);
  if (!group)
    return Error{group.error().kind, group.error().reason, group.error().message, "--group"};
  Status member = check_group_member(*group, customer);
  if (!member)
    return Error{member.error().kind, member.error().reason, member.error().message, "--group"};
  return {};
}

Result<CustomerExposure> customer_exposure(StoreReader& reader, const Customer& customer) {
  CustomerExposure exposure;
  exposure.customer = customer;
  O2C_ASSIGN_OR_RETURN(CustomerBalance balance, reader.customer_balance(customer));
  O2C_ASSIGN_OR_RETURN(Money shipped, shipped_not_invoiced(reader, customer));
  O2C_ASSIGN_OR_RETURN(exposure.parts,
                       exposure_parts(CreditExposure{balance.open_receivables, balance.open_orders,
                                                     balance.unapplied_cash},
                                      shipped));
  O2C_ASSIGN_OR_RETURN(exposure.total, total_exposure(exposure.parts));
  exposure.utilisation = utilisation(exposure.total, customer.credit_limit);
  O2C_ASSIGN_OR_RETURN(CustomerCreditProfile profile, reader.customer_credit_profile(customer.id));
  exposure.risk_class = profile.risk_class;
  if (profile.group) {
    O2C_ASSIGN_OR_RETURN(exposure.group, reader.find_customer_group(*profile.group));
    O2C_ASSERT(exposure.group.has_value());
  }
  return exposure;
}

Result<CustomerExposure> customer_exposure(StoreReader& reader, std::string_view number) {
  O2C_ASSIGN_OR_RETURN(Customer customer, require_customer(reader, number, "customer"));
  return customer_exposure(reader, customer);
}

Result<GroupExposure> group_exposure_report(StoreReader& reader, std::string_view group_code) {
  GroupExposure report;
  O2C_ASSIGN_OR_RETURN(report.group, require_group(reader, group_code));
  O2C_ASSIGN_OR_RETURN(std::vector<CustomerId> members, reader.group_members(report.group.id));
  std::vector<Money> totals;
  for (CustomerId id : members) {
    O2C_ASSIGN_OR_RETURN(std::optional<Customer> member, reader.find_customer(id));
    O2C_ASSERT(member.has_value());
    O2C_ASSIGN_OR_RETURN(CustomerExposure exposure, customer_exposure(reader, *member));
    totals.push_back(exposure.total);
    report.members.push_back(std::move(exposure));
  }
  O2C_ASSIGN_OR_RETURN(report.total, group_exposure(report.group, totals));
  report.utilisation = utilisation(report.total, report.group.credit_limit);
  return report;
}

// ---- the credit check
// ----------------------------------------------------------------------------

Result<CreditSituation> credit_situation(StoreReader& reader, const Customer& customer,
                                         Date today) {
  CreditSituation situation;
  O2C_ASSIGN_OR_RETURN(situation.exposure, balance_total(reader, customer));
  O2C_ASSIGN_OR_RETURN(CustomerCreditProfile profile, reader.customer_credit_profile(customer.id));
  situation.risk_class = profile.risk_class;
  if (profile.group) {
    O2C_ASSIGN_OR_RETURN(std::optional<CustomerGroup> group,
                         reader.find_customer_group(*profile.group));
    O2C_ASSERT(group.has_value());
    O2C_ASSIGN_OR_RETURN(Money exposure, members_exposure(reader, *group));
    situation.group = GroupSituation{std::move(*group), exposure};
  }
  O2C_ASSIGN_OR_RETURN(situation.days_overdue_oldest, days_overdue_oldest(reader, customer, today));
  return situation;
}

Result<CreditCheck> run_credit_check(StoreReader& reader, const Customer& customer,
                                     Money order_gross, Date today,
                                     const CreditHoldPolicy& policy) {
  O2C_ASSIGN_OR_RETURN(CreditSituation situation, credit_situation(reader, customer, today));
  return check_credit_rules(customer, situation, order_gross, policy);
}

// ---- the credit score and the review ------------------------------------------------------------

namespace {

Result<PaymentHistory> payment_history(StoreReader& reader, const Customer& customer, Date as_of) {
  PaymentHistory history;
  history.as_of = as_of;
  O2C_ASSIGN_OR_RETURN(std::vector<SettledAmount> applied, reader.applied_payments(customer.id));
  for (const SettledAmount& amount : applied) {
    if (amount.settled <= as_of) history.settlements.push_back(amount);
  }
  // What is still open and past due counts as paid late by the days it is overdue so far.
  O2C_ASSIGN_OR_RETURN(std::vector<OpenItem> items, reader.open_items(customer.id));
  for (const OpenItem& item : items) {
    if (item.invoice_date > as_of || item.open.minor <= 0) continue;
    history.settlements.push_back(SettledAmount{item.due_date, as_of, item.open, true});
  }
  O2C_ASSIGN_OR_RETURN(history.disputes, reader.dispute_records(customer.id));
  O2C_ASSIGN_OR_RETURN(history.trading_since, reader.trading_since(customer.id));
  O2C_ASSIGN_OR_RETURN(history.exposure, balance_total(reader, customer));
  history.credit_limit = customer.credit_limit;
  return history;
}

std::string main_reason(const CreditScore& score) {
  const FactorScore& weakest = score.factors[static_cast<std::size_t>(score.weakest) - 1];
  return std::string(wire_name(weakest.factor)) + " " + weakest.value;
}

Result<ScoredCustomer> score_one(StoreReader& reader, const Customer& customer, Date as_of,
                                 const CreditScoringPolicy& policy) {
  ScoredCustomer scored;
  scored.customer = customer;
  O2C_ASSIGN_OR_RETURN(scored.history, payment_history(reader, customer, as_of));
  scored.score = score_credit(scored.history, policy);
  O2C_ASSIGN_OR_RETURN(CustomerCreditProfile profile, reader.customer_credit_profile(customer.id));
  scored.stored_class = profile.risk_class;
  return scored;
}

// Stores one customer's review; returns the change of class, if any. A review identical to
// the customer's last one on the same date is not stored again.
Result<std::optional<ClassChange>> store_review(StoreWriter& writer, const Context& context,
                                                const ScoredCustomer& scored, Date as_of) {
  const Customer& customer = scored.customer;
  CreditReview review{customer.id,         as_of,
                      scored.score.score,  scored.score.risk_class,
                      scored.stored_class, main_reason(scored.score)};
  O2C_ASSIGN_OR_RETURN(std::vector<CreditReview> past, writer.credit_reviews(customer.id));
  const bool repeated = !past.empty() && past.back().reviewed_on == as_of &&
                        past.back().score == review.score &&
                        past.back().risk_class == review.risk_class;
  if (!repeated) O2C_RETURN_IF_ERROR(writer.insert_credit_review(review));
  if (scored.stored_class == review.risk_class) return std::optional<ClassChange>{};
  O2C_RETURN_IF_ERROR(writer.save_risk_class(customer.id, review.risk_class));
  ClassChange change{customer.number, scored.stored_class, review.risk_class, review.score,
                     review.main_reason};
  O2C_RETURN_IF_ERROR(append_event(
      writer, context, "customer.risk_class_changed", customer.number,
      {{"from", change.from ? std::string(wire_name(*change.from)) : std::string("none")},
       {"to", std::string(wire_name(change.to))},
       {"score", static_cast<std::int64_t>(change.score)},
       {"reason", change.main_reason},
       {"date", format_date(as_of)}}));
  return std::optional<ClassChange>(std::move(change));
}

}  // namespace

Result<ScoredCustomer> score_customer(StoreReader& reader, std::string_view number, Date as_of) {
  O2C_ASSIGN_OR_RETURN(Customer customer, require_customer(reader, number, "customer"));
  O2C_ASSIGN_OR_RETURN(CreditScoringPolicy policy, load_credit_policy(reader));
  return score_one(reader, customer, as_of, policy);
}

Result<ReviewOutcome> run_credit_review(Context& context, Date as_of) {
  return context.store.write<ReviewOutcome>([&](StoreWriter& writer) -> Result<ReviewOutcome> {
    ReviewOutcome outcome;
    outcome.as_of = as_of;
    O2C_ASSIGN_OR_RETURN(CreditScoringPolicy policy, load_credit_policy(writer));
    O2C_ASSIGN_OR_RETURN(std::vector<Customer> customers, writer.list_customers());
    std::sort(customers.begin(), customers.end(),
              [](const Customer& a, const Customer& b) { return a.number < b.number; });
    for (const Customer& customer : customers) {
      O2C_ASSIGN_OR_RETURN(ScoredCustomer scored, score_one(writer, customer, as_of, policy));
      O2C_ASSIGN_OR_RETURN(std::optional<ClassChange> change,
                           store_review(writer, context, scored, as_of));
      ++outcome.scored;
      if (change) outcome.changes.push_back(std::move(*change));
    }
    return outcome;
  });
}

// ---- the credit manager's queue
// ---------------------------------------------------------------------

Result<std::vector<CreditHoldRow>> credit_hold_queue(StoreReader& reader, Date today) {
  OrderFilter filter;
  filter.state = OrderState::kOnCreditHold;
  filter.limit = kOrdersPerCustomerMax;
  O2C_ASSIGN_OR_RETURN(std::vector<Order> orders, reader.list_orders(filter));
  std::vector<CreditHoldRow> rows;
  for (Order& order : orders) {
    CreditHoldRow row;
    const std::size_t colon = order.hold_reason.find(':');
    row.reason = order.hold_reason.substr(0, colon);
    O2C_ASSIGN_OR_RETURN(std::optional<Date> since, reader.credit_hold_since(order.id));
    row.days_on_hold =
        std::max<std::int64_t>(0, days_between(since.value_or(order.order_date), today));
    O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer, reader.find_customer(order.customer));
    O2C_ASSERT(customer.has_value());
    O2C_ASSIGN_OR_RETURN(row.exposure, balance_total(reader, *customer));
    row.credit_limit = customer->credit_limit;
    row.order = std::move(order);
    rows.push_back(std::move(row));
  }
  return rows;
}

// ---- credit-limit change requests
// -----------------------------------------------------------------

namespace {

Result<CreditLimitRequest> require_request(StoreReader& reader, std::string_view number) {
  O2C_ASSIGN_OR_RETURN(std::optional<CreditLimitRequest> request,
                       reader.find_credit_limit_request(number));
  if (!request)
    return not_found("request_not_found", "no credit-limit request '" + std::string(number) + "'",
                     "request");
  return std::move(*request);
}

EventPayload request_payload(const CreditLimitRequest& request) {
  return EventPayload{{"customer", request.customer_number},
                      {"current_limit", event_amount(request.current_limit)},
                      {"requested_limit", event_amount(request.requested_limit)},
                      {"status", std::string(wire_name(request.status))}};
}

}  // namespace

Result<CreditLimitRequest> request_credit_limit(Context& context, std::string_view customer_number,
                                                std::string_view limit_text,
                                                std::string_view currency_code,
                                                std::string_view reason) {
  const Date today = context.clock.today();
  return context.store.write<CreditLimitRequest>([&](StoreWriter& writer)
                                                     -> Result<CreditLimitRequest> {
    O2C_ASSIGN_OR_RETURN(Customer customer, require_customer(writer, customer_number, "customer"));
    Currency currency = customer.currency;
    if (!currency_code.empty()) {
      Result<Currency> named = currency_from_code(currency_code);
      if (!named) return invalid_argument(named.error().reason, named.error().message, "currency");
      currency = *named;
    }
    Result<Money> limit = parse_money(limit_text, currency);
    if (!limit) return invalid_argument(limit.error().reason, limit.error().message, "limit");
    CreditLimitRequest request;
    request.customer = customer.id;
    request.customer_number = customer.number;
    request.current_limit = customer.credit_limit;
    request.requested_limit = *limit;
    request.reason = reason;
    request.requested_by = context.actor;
    request.requested_on = today;
    O2C_RETURN_IF_ERROR(validate_limit_request(request, customer));
    O2C_ASSIGN_OR_RETURN(request.number, writer.next_document_number("CLR", numbering_year(today)));
    O2C_ASSIGN_OR_RETURN(request.id, writer.insert_credit_limit_request(request));
    EventPayload payload = request_payload(request);
    payload.set("reason", request.reason);
    O2C_RETURN_IF_ERROR(
        append_event(writer, context, "credit_limit.requested", request.number, payload));
    return request;
  });
}

Result<CreditLimitRequest> approve_credit_limit(Context& context, std::string_view number) {
  const Date today = context.clock.today();
  return context.store.write<CreditLimitRequest>(
      [&](StoreWriter& writer) -> Result<CreditLimitRequest> {
        O2C_ASSIGN_OR_RETURN(CreditLimitRequest request, require_request(writer, number));
        O2C_RETURN_IF_ERROR(approve_limit_request(request, context.actor, today));
        O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer,
                             writer.find_customer(request.customer));
        O2C_ASSERT(customer.has_value());
        O2C_ASSERT(customer->currency == request.requested_limit.currency);
        O2C_RETURN_IF_ERROR(writer.save_credit_limit(customer->id, request.requested_limit));
        O2C_RETURN_IF_ERROR(writer.update_credit_limit_request(request));
        EventPayload payload = request_payload(request);
        payload.set("previous_limit", event_amount(customer->credit_limit));
        O2C_RETURN_IF_ERROR(
            append_event(writer, context, "credit_limit.approved", request.number, payload));
        return request;
      });
}

Result<CreditLimitRequest> reject_credit_limit(Context& context, std::string_view number,
                                               std::string_view reason) {
  const Date today = context.clock.today();
  return context.store.write<CreditLimitRequest>(
      [&](StoreWriter& writer) -> Result<CreditLimitRequest> {
        O2C_ASSIGN_OR_RETURN(CreditLimitRequest request, require_request(writer, number));
        O2C_RETURN_IF_ERROR(reject_limit_request(request, context.actor, reason, today));
        O2C_RETURN_IF_ERROR(writer.update_credit_limit_request(request));
        EventPayload payload = request_payload(request);
        payload.set("reason", request.decision_reason);
        O2C_RETURN_IF_ERROR(
            append_event(writer, context, "credit_limit.rejected", request.number, payload));
        return request;
      });
}

}  // namespace o2c::app
