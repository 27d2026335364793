// The SQLite store's recurring billing tables (migration 0012): plans, meters, usage prices,
// subscriptions, usage records, billed periods and the deferred-revenue schedule.
#include <string>
#include <vector>

#include "store/sqlite/sqlite_store.h"

namespace o2c::sqlite {
namespace {

Error corrupt(std::string_view what) {
  return failed_precondition(
      "database_corrupt",
      "the database holds an invalid " + std::string(what) + "; was it edited outside o2c?");
}

Result<Currency> currency_at(const Statement& row, int index) {
  Result<Currency> currency = currency_from_code(row.column_text(index));
  if (!currency) return corrupt("currency '" + row.column_text(index) + "'");
  return currency;
}

Result<Date> date_at(const Statement& row, int index) {
  Result<Date> date = parse_date(row.column_text(index));
  if (!date) return corrupt("date '" + row.column_text(index) + "'");
  return date;
}

// An enum stored as its number, checked against its highest value.
template <typename Enum>
Result<Enum> enum_at(const Statement& row, int index, std::int64_t highest, std::string_view what) {
  const std::int64_t value = row.column_int(index);
  if (value < 1 || value > highest) return corrupt(what);
  return static_cast<Enum>(value);
}

constexpr const char* kPlanColumns =
    "SELECT id, code, name, currency, price_minor, period, timing, trial_days, tax_category "
    "FROM plans ";
constexpr const char* kSubscriptionColumns =
    "SELECT s.id, s.number, s.customer_id, c.number, s.plan_id, p.code, s.state, s.start_date, "
    "s.service_start, s.plan_start, s.revision, s.billed_through, s.usage_billed_through, "
    "s.end_date FROM subscriptions s JOIN customers c ON c.id = s.customer_id "
    "JOIN plans p ON p.id = s.plan_id ";

Meter read_meter_row(const Statement& row, UsageAggregation aggregation) {
  return Meter{row.column_int(0), row.column_text(1), row.column_text(2), aggregation};
}

}  // namespace

Result<Plan> SqliteConnectionStore::read_plan(Statement& row) {
  Plan plan;
  plan.id = row.column_int(0);
  plan.code = row.column_text(1);
  plan.name = row.column_text(2);
  O2C_ASSIGN_OR_RETURN(Currency currency, currency_at(row, 3));
  plan.price = Money{row.column_int(4), currency};
  O2C_ASSIGN_OR_RETURN(plan.period, enum_at<BillingPeriod>(row, 5, 3, "billing period"));
  O2C_ASSIGN_OR_RETURN(plan.timing, enum_at<BillingTiming>(row, 6, 2, "billing timing"));
  plan.trial_days = static_cast<int>(row.column_int(7));
  plan.tax_category = row.column_text(8);
  return plan;
}

Result<Subscription> SqliteConnectionStore::read_subscription(Statement& row) {
  Subscription subscription;
  subscription.id = row.column_int(0);
  subscription.number = row.column_text(1);
  subscription.customer = CustomerId{row.column_int(2)};
  subscription.customer_number = row.column_text(3);
  subscription.plan = row.column_int(4);
  subscription.plan_code = row.column_text(5);
  O2C_ASSIGN_OR_RETURN(subscription.state,
                       enum_at<SubscriptionState>(row, 6, 3, "subscription state"));
  O2C_ASSIGN_OR_RETURN(subscription.start, date_at(row, 7));
  O2C_ASSIGN_OR_RETURN(subscription.service_start, date_at(row, 8));
  O2C_ASSIGN_OR_RETURN(subscription.plan_start, date_at(row, 9));
  subscription.revision = static_cast<int>(row.column_int(10));
  O2C_ASSIGN_OR_RETURN(subscription.billed_through, date_at(row, 11));
  O2C_ASSIGN_OR_RETURN(subscription.usage_billed_through, date_at(row, 12));
  if (!row.column_is_null(13)) {
    O2C_ASSIGN_OR_RETURN(Date end, date_at(row, 13));
    subscription.end = end;
  }
  return subscription;
}

Result<std::optional<Plan>> SqliteConnectionStore::find_plan(std::string_view code) {
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("SELECT id, code, name, currency, price_minor, "
                                            "period, timing, trial_days, tax_category FROM "
                                            "plans WHERE code = ?"));
  query->bind(1, code);
  O2C_ASSIGN_OR_RETURN(bool found, query->step());
  if (!found) return std::optional<Plan>{};
  O2C_ASSIGN_OR_RETURN(Plan plan, read_plan(*query));
  return std::optional<Plan>(std::move(plan));
}

Result<std::optional<Plan>> SqliteConnectionStore::find_plan(std::int64_t id) {
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("SELECT id, code, name, currency, price_minor, "
                                            "period, timing, trial_days, tax_category FROM "
                                            "plans WHERE id = ?"));
  query->bind(1, id);
  O2C_ASSIGN_OR_RETURN(bool found, query->step());
  if (!found) return std::optional<Plan>{};
  O2C_ASSIGN_OR_RETURN(Plan plan, read_plan(*query));
  return std::optional<Plan>(std::move(plan));
}

Result<std::vector<Plan>> SqliteConnectionStore::list_plans() {
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare("SELECT id, code, name, currency, "
                                                        "price_minor, period, timing, "
                                                        "trial_days, tax_category FROM plans "
                                                        "ORDER BY code"));
  std::vector<Plan> plans;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    O2C_ASSIGN_OR_RETURN(Plan plan, read_plan(*query));
    plans.push_back(std::move(plan));
  }
  return plans;
}

Result<std::vector<UsagePrice>> SqliteConnectionStore::usage_prices(std::int64_t plan) {
  O2C_ASSIGN_OR_RETURN(std::optional<Plan> owner, find_plan(plan));
  if (!owner) return corrupt("plan id");
  const Currency currency = owner->price.currency;
  O2C_ASSIGN_OR_RETURN(
      auto query, connection_->prepare("SELECT meter_id, model, tiers, package_size_milli, "
                                       "package_price_minor, minimum_minor FROM "
                                       "plan_usage_prices WHERE plan_id = ? ORDER BY meter_id"));
  query->bind(1, plan);
  std::vector<UsagePrice> prices;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    UsagePrice price;
    price.plan = plan;
    price.meter = query->column_int(0);
    O2C_ASSIGN_OR_RETURN(price.model, enum_at<UsagePricingModel>(*query, 1, 3, "pricing model"));
    if (price.model != UsagePricingModel::kPackage) {
      Result<std::vector<UsageTier>> tiers = parse_usage_tiers(query->column_text(2), currency);
      if (!tiers) return corrupt("usage tier list");
      price.tiers = std::move(*tiers);
    }
    price.package_size = Quantity{query->column_int(3)};
    price.package_price = Money{query->column_int(4), currency};
    price.minimum = Money{query->column_int(5), currency};
    if (!validate_usage_price(price)) return corrupt("usage price");
    prices.push_back(std::move(price));
  }
  return prices;
}

Result<std::optional<Meter>> SqliteConnectionStore::find_meter(std::string_view name) {
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare("SELECT id, name, unit, aggregation "
                                                        "FROM meters WHERE name = ?"));
  query->bind(1, name);
  O2C_ASSIGN_OR_RETURN(bool found, query->step());
  if (!found) return std::optional<Meter>{};
  O2C_ASSIGN_OR_RETURN(UsageAggregation aggregation,
                       enum_at<UsageAggregation>(*query, 3, 3, "meter aggregation"));
  return std::optional<Meter>(read_meter_row(*query, aggregation));
}

Result<std::vector<Meter>> SqliteConnectionStore::list_meters() {
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare("SELECT id, name, unit, aggregation "
                                                        "FROM meters ORDER BY name"));
  std::vector<Meter> meters;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    O2C_ASSIGN_OR_RETURN(UsageAggregation aggregation,
                         enum_at<UsageAggregation>(*query, 3, 3, "meter aggregation"));
    meters.push_back(read_meter_row(*query, aggregation));
  }
  return meters;
}

Result<std::optional<Subscription>> SqliteConnectionStore::find_subscription(
    std::string_view number) {
  static const std::string sql = std::string(kSubscriptionColumns) + "WHERE s.number = ?";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  query->bind(1, number);
  O2C_ASSIGN_OR_RETURN(bool found, query->step());
  if (!found) return std::optional<Subscription>{};
  O2C_ASSIGN_OR_RETURN(Subscription subscription, read_subscription(*query));
  return std::optional<Subscription>(std::move(subscription));
}

Result<std::vector<Subscription>> SqliteConnectionStore::list_subscriptions(
    const SubscriptionFilter& filter) {
  static const std::string sql = std::string(kSubscriptionColumns) +
                                 "WHERE (?1 IS NULL OR s.customer_id = ?1) ORDER BY s.number "
                                 "LIMIT ?2";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  if (filter.customer) {
    query->bind(1, filter.customer->value);
  } else {
    query->bind_null(1);
  }
  query->bind(2, static_cast<std::int64_t>(filter.limit));
  std::vector<Subscription> subscriptions;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    O2C_ASSIGN_OR_RETURN(Subscription subscription, read_subscription(*query));
    subscriptions.push_back(std::move(subscription));
  }
  return subscriptions;
}

Result<std::vector<UsageRecord>> SqliteConnectionStore::usage_records(CustomerId customer,
                                                                      std::int64_t meter,
                                                                      ServicePeriod period) {
  O2C_ASSIGN_OR_RETURN(
      auto query, connection_->prepare("SELECT quantity_milli, at_micros, subject, "
                                       "idempotency_key FROM usage_records WHERE customer_id = ? "
                                       "AND meter_id = ? AND at_micros >= ? AND at_micros < ? "
                                       "ORDER BY at_micros, id"));
  query->bind(1, customer.value)
      .bind(2, meter)
      .bind(3, start_of_day(period.start).unix_micros)
      .bind(4, start_of_day(period.end).unix_micros);
  std::vector<UsageRecord> records;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    records.push_back(UsageRecord{customer, meter, Quantity{query->column_int(0)},
                                  Timestamp{query->column_int(1)}, query->column_text(2),
                                  query->column_text(3)});
  }
  return records;
}

Result<bool> SqliteConnectionStore::has_usage_record(CustomerId customer,
                                                     std::string_view idempotency_key) {
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare("SELECT 1 FROM usage_records WHERE "
                                                        "customer_id = ? AND idempotency_key = ?"));
  query->bind(1, customer.value).bind(2, idempotency_key);
  return query->step();
}

Result<std::vector<DeferredRevenueRow>> SqliteConnectionStore::unrecognised_revenue(
    std::chrono::year_month through) {
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare("SELECT id, document, month, currency, "
                                                        "amount_minor FROM revenue_schedule "
                                                        "WHERE recognised_on IS NULL AND month "
                                                        "<= ? ORDER BY month, id"));
  query->bind(1, format_month(through));
  std::vector<DeferredRevenueRow> rows;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    Result<std::chrono::year_month> month = parse_month(query->column_text(2));
    if (!month) return corrupt("month '" + query->column_text(2) + "'");
    O2C_ASSIGN_OR_RETURN(Currency currency, currency_at(*query, 3));
    rows.push_back(DeferredRevenueRow{query->column_int(0), query->column_text(1), *month,
                                      Money{query->column_int(4), currency}});
  }
  return rows;
}

// ---- writes ----------------------------------------------------------------------------

Result<std::int64_t> SqliteConnectionStore::insert_plan(const Plan& plan) {
  O2C_ASSIGN_OR_RETURN(
      auto query, connection_->prepare("INSERT INTO plans(code, name, currency, price_minor, "
                                       "period, timing, trial_days, tax_category) VALUES (?, ?, "
                                       "?, ?, ?, ?, ?, ?)"));
  query->bind(1, plan.code)
      .bind(2, plan.name)
      .bind(3, plan.price.currency.text())
      .bind(4, plan.price.minor)
      .bind(5, static_cast<int>(plan.period))
      .bind(6, static_cast<int>(plan.timing))
      .bind(7, plan.trial_days)
      .bind(8, plan.tax_category);
  O2C_RETURN_IF_ERROR(query->run());
  return connection_->last_insert_rowid();
}

Result<std::int64_t> SqliteConnectionStore::insert_meter(const Meter& meter) {
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare("INSERT INTO meters(name, unit, "
                                                        "aggregation) VALUES (?, ?, ?)"));
  query->bind(1, meter.name).bind(2, meter.unit).bind(3, static_cast<int>(meter.aggregation));
  O2C_RETURN_IF_ERROR(query->run());
  return connection_->last_insert_rowid();
}

Status SqliteConnectionStore::save_usage_price(const UsagePrice& price) {
  O2C_ASSERT(validate_usage_price(price).has_value());
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("INSERT OR REPLACE INTO plan_usage_prices(plan_id, meter_id, model, "
                           "tiers, package_size_milli, package_price_minor, minimum_minor) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)"));
  query->bind(1, price.plan)
      .bind(2, price.meter)
      .bind(3, static_cast<int>(price.model))
      .bind(4, format_usage_tiers(price.tiers))
      .bind(5, price.package_size.milli)
      .bind(6, price.package_price.minor)
      .bind(7, price.minimum.minor);
  return query->run();
}

Result<std::int64_t> SqliteConnectionStore::insert_subscription(const Subscription& subscription) {
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("INSERT INTO subscriptions(number, customer_id, plan_id, state, "
                           "start_date, service_start, plan_start, revision, billed_through, "
                           "usage_billed_through, end_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                           "?, NULL)"));
  query->bind(1, subscription.number)
      .bind(2, subscription.customer.value)
      .bind(3, subscription.plan)
      .bind(4, static_cast<int>(subscription.state))
      .bind(5, format_date(subscription.start))
      .bind(6, format_date(subscription.service_start))
      .bind(7, format_date(subscription.plan_start))
      .bind(8, subscription.revision)
      .bind(9, format_date(subscription.billed_through))
      .bind(10, format_date(subscription.usage_billed_through));
  O2C_RETURN_IF_ERROR(query->run());
  return connection_->last_insert_rowid();
}

Status SqliteConnectionStore::update_subscription(const Subscription& subscription) {
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("UPDATE subscriptions SET plan_id = ?, state = ?, plan_start = ?, "
                           "revision = ?, billed_through = ?, usage_billed_through = ?, "
                           "end_date = ? WHERE id = ?"));
  query->bind(1, subscription.plan)
      .bind(2, static_cast<int>(subscription.state))
      .bind(3, format_date(subscription.plan_start))
      .bind(4, subscription.revision)
      .bind(5, format_date(subscription.billed_through))
      .bind(6, format_date(subscription.usage_billed_through));
  if (subscription.end) {
    query->bind(7, format_date(*subscription.end));
  } else {
    query->bind_null(7);
  }
  query->bind(8, subscription.id);
  O2C_RETURN_IF_ERROR(query->run());
  O2C_ASSERT(connection_->changes() == 1);
  return {};
}

Status SqliteConnectionStore::insert_usage_record(const UsageRecord& record) {
  O2C_ASSERT(record.quantity.milli >= 0);
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("INSERT INTO usage_records(customer_id, meter_id, "
                                            "quantity_milli, at_micros, subject, idempotency_key) "
                                            "VALUES (?, ?, ?, ?, ?, ?)"));
  query->bind(1, record.customer.value)
      .bind(2, record.meter)
      .bind(3, record.quantity.milli)
      .bind(4, record.at.unix_micros)
      .bind(5, record.subject)
      .bind(6, record.idempotency_key);
  return query->run();
}

Status SqliteConnectionStore::insert_billed_period(std::int64_t subscription, BilledPeriodKind kind,
                                                   int revision, ServicePeriod period,
                                                   InvoiceId invoice) {
  O2C_ASSERT(period.start < period.end);
  O2C_ASSIGN_OR_RETURN(
      auto query, connection_->prepare("INSERT INTO billed_periods(subscription_id, kind, "
                                       "revision, period_start, period_end, invoice_id) VALUES "
                                       "(?, ?, ?, ?, ?, ?)"));
  query->bind(1, subscription)
      .bind(2, static_cast<int>(kind))
      .bind(3, revision)
      .bind(4, format_date(period.start))
      .bind(5, format_date(period.end))
      .bind(6, invoice.value);
  return query->run();
}

Status SqliteConnectionStore::insert_deferred_revenue(std::string_view document,
                                                      std::span<const RecognitionShare> shares) {
  for (const RecognitionShare& share : shares) {
    if (share.amount.minor == 0) continue;
    // Prepared per row: a cached statement comes back reset, ready to bind again.
    O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare("INSERT INTO revenue_schedule(document, "
                                                          "month, currency, amount_minor, "
                                                          "recognised_on) VALUES (?, ?, ?, ?, "
                                                          "NULL)"));
    query->bind(1, document)
        .bind(2, format_month(share.month))
        .bind(3, share.amount.currency.text())
        .bind(4, share.amount.minor);
    O2C_RETURN_IF_ERROR(query->run());
  }
  return {};
}

Status SqliteConnectionStore::mark_revenue_recognised(std::span<const std::int64_t> rows, Date on) {
  for (std::int64_t row : rows) {
    O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare("UPDATE revenue_schedule SET "
                                                          "recognised_on = ? WHERE id = ? AND "
                                                          "recognised_on IS NULL"));
    query->bind(1, format_date(on)).bind(2, row);
    O2C_RETURN_IF_ERROR(query->run());
    O2C_ASSERT(connection_->changes() == 1);
  }
  return {};
}

}  // namespace o2c::sqlite
