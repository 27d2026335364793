// The SQLite store's credit management tables (migration 0015): customer groups, each
// customer's group and risk class, credit reviews, credit-limit change requests and when
// orders went on credit hold; and the payment history the credit score reads.
#include <string>
#include <vector>

#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace o2c::sqlite {
namespace {

constexpr const char* kGroupColumns =
    "SELECT id, code, name, currency, credit_limit_minor FROM customer_groups ";
constexpr const char* kRequestColumns =
    "SELECT r.id, r.number, r.customer_id, c.number, r.currency, r.current_limit_minor, "
    "r.requested_limit_minor, r.reason, r.requested_by, r.requested_on, r.status, r.decided_by, "
    "r.decided_on, r.decision_reason FROM credit_limit_requests r "
    "JOIN customers c ON c.id = r.customer_id ";

Result<CustomerGroup> read_group(const Statement& row) {
  CustomerGroup group;
  group.id = row.column_int(0);
  group.code = row.column_text(1);
  group.name = row.column_text(2);
  O2C_ASSIGN_OR_RETURN(group.currency, currency_column(row, 3));
  group.credit_limit = money_column(row, 4, group.currency);
  return group;
}

Result<CreditLimitRequest> read_request(const Statement& row) {
  CreditLimitRequest request;
  request.id = row.column_int(0);
  request.number = row.column_text(1);
  request.customer = CustomerId{row.column_int(2)};
  request.customer_number = row.column_text(3);
  O2C_ASSIGN_OR_RETURN(Currency currency, currency_column(row, 4));
  request.current_limit = money_column(row, 5, currency);
  request.requested_limit = money_column(row, 6, currency);
  request.reason = row.column_text(7);
  request.requested_by = row.column_text(8);
  O2C_ASSIGN_OR_RETURN(request.requested_on, date_column(row, 9));
  Result<LimitRequestStatus> status = limit_request_status_from_wire(row.column_text(10));
  if (!status) return corrupt("credit-limit request status");
  request.status = *status;
  request.decided_by = row.column_text(11);
  O2C_ASSIGN_OR_RETURN(request.decided_on, optional_date_column(row, 12));
  request.decision_reason = row.column_text(13);
  return request;
}

Result<std::optional<RiskClass>> optional_risk_class(const Statement& row, int index) {
  if (row.column_is_null(index)) return std::optional<RiskClass>{};
  Result<RiskClass> risk = risk_class_from_wire(row.column_text(index));
  if (!risk) return corrupt("risk class");
  return std::optional<RiskClass>(*risk);
}

}  // namespace

Result<std::optional<CustomerGroup>> SqliteConnectionStore::find_customer_group(
    std::string_view code) {
  static const std::string sql = std::string(kGroupColumns) + "WHERE code = ?";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  query->bind(1, code);
  O2C_ASSIGN_OR_RETURN(bool found, query->step());
  if (!found) return std::optional<CustomerGroup>{};
  O2C_ASSIGN_OR_RETURN(CustomerGroup group, read_group(*query));
  return std::optional<CustomerGroup>(std::move(group));
}

Result<std::optional<CustomerGroup>> SqliteConnectionStore::find_customer_group(std::int64_t id) {
  static const std::string sql = std::string(kGroupColumns) + "WHERE id = ?";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  query->bind(1, id);
  O2C_ASSIGN_OR_RETURN(bool found, query->step());
  if (!found) return std::optional<CustomerGroup>{};
  O2C_ASSIGN_OR_RETURN(CustomerGroup group, read_group(*query));
  return std::optional<CustomerGroup>(std::move(group));
}

Result<std::vector<CustomerGroup>> SqliteConnectionStore::list_customer_groups() {
  static const std::string sql = std::string(kGroupColumns) + "ORDER BY code";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  std::vector<CustomerGroup> groups;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    O2C_ASSIGN_OR_RETURN(CustomerGroup group, read_group(*query));
    groups.push_back(std::move(group));
  }
  return groups;
}

Result<CustomerCreditProfile> SqliteConnectionStore::customer_credit_profile(CustomerId customer) {
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare("SELECT group_id, risk_class FROM "
                                                        "customers WHERE id = ?"));
  query->bind(1, customer.value);
  O2C_ASSIGN_OR_RETURN(bool found, query->step());
  if (!found) return corrupt("customer id");
  CustomerCreditProfile profile;
  if (!query->column_is_null(0)) profile.group = query->column_int(0);
  O2C_ASSIGN_OR_RETURN(profile.risk_class, optional_risk_class(*query, 1));
  return profile;
}

Result<std::vector<CustomerId>> SqliteConnectionStore::group_members(std::int64_t group) {
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare("SELECT id FROM customers WHERE "
                                                        "group_id = ? ORDER BY number"));
  query->bind(1, group);
  std::vector<CustomerId> members;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    members.push_back(CustomerId{query->column_int(0)});
  }
  return members;
}

Result<std::vector<SettledAmount>> SqliteConnectionStore::applied_payments(CustomerId customer) {
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("SELECT i.due_date, a.applied_on, a.amount_minor, i.currency FROM "
                           "payment_applications a JOIN invoices i ON i.id = a.invoice_id "
                           "WHERE i.customer_id = ? ORDER BY a.applied_on, i.number"));
  query->bind(1, customer.value);
  std::vector<SettledAmount> settled;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    SettledAmount amount;
    O2C_ASSIGN_OR_RETURN(amount.due, date_column(*query, 0));
    O2C_ASSIGN_OR_RETURN(amount.settled, date_column(*query, 1));
    O2C_ASSIGN_OR_RETURN(Currency currency, currency_column(*query, 3));
    amount.amount = money_column(*query, 2, currency);
    settled.push_back(amount);
  }
  return settled;
}

Result<std::vector<DisputeRecord>> SqliteConnectionStore::dispute_records(CustomerId customer) {
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("SELECT opened_on, status = 'open' FROM disputes "
                                            "WHERE customer_id = ? ORDER BY opened_on, id"));
  query->bind(1, customer.value);
  std::vector<DisputeRecord> disputes;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    DisputeRecord dispute;
    O2C_ASSIGN_OR_RETURN(dispute.opened, date_column(*query, 0));
    dispute.open = query->column_int(1) != 0;
    disputes.push_back(dispute);
  }
  return disputes;
}

Result<std::optional<Date>> SqliteConnectionStore::trading_since(CustomerId customer) {
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("SELECT MIN(d) FROM (SELECT MIN(order_date) AS d FROM orders WHERE "
                           "customer_id = ?1 UNION ALL SELECT MIN(invoice_date) FROM invoices "
                           "WHERE customer_id = ?1)"));
  query->bind(1, customer.value);
  O2C_ASSIGN_OR_RETURN(bool found, query->step());
  O2C_ASSERT(found);  // an aggregate always has a row
  return optional_date_column(*query, 0);
}

Result<std::optional<CreditLimitRequest>> SqliteConnectionStore::find_credit_limit_request(
    std::string_view number) {
  static const std::string sql = std::string(kRequestColumns) + "WHERE r.number = ?";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  query->bind(1, number);
  O2C_ASSIGN_OR_RETURN(bool found, query->step());
  if (!found) return std::optional<CreditLimitRequest>{};
  O2C_ASSIGN_OR_RETURN(CreditLimitRequest request, read_request(*query));
  return std::optional<CreditLimitRequest>(std::move(request));
}

Result<std::vector<CreditLimitRequest>> SqliteConnectionStore::list_credit_limit_requests(
    bool pending_only) {
  static const std::string sql =
      std::string(kRequestColumns) + "WHERE (?1 = 0 OR r.status = 'pending') ORDER BY r.number";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  query->bind(1, pending_only ? 1 : 0);
  std::vector<CreditLimitRequest> requests;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    O2C_ASSIGN_OR_RETURN(CreditLimitRequest request, read_request(*query));
    requests.push_back(std::move(request));
  }
  return requests;
}

Result<std::optional<Date>> SqliteConnectionStore::credit_hold_since(OrderId order) {
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("SELECT held_on FROM credit_holds WHERE order_id = ?"));
  query->bind(1, order.value);
  O2C_ASSIGN_OR_RETURN(bool found, query->step());
  if (!found) return std::optional<Date>{};
  O2C_ASSIGN_OR_RETURN(Date held_on, date_column(*query, 0));
  return std::optional<Date>(held_on);
}

Result<std::vector<CreditReview>> SqliteConnectionStore::credit_reviews(CustomerId customer) {
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare("SELECT reviewed_on, score, risk_class, "
                                                        "previous_class, main_reason FROM "
                                                        "credit_reviews WHERE customer_id = ? "
                                                        "ORDER BY reviewed_on, id"));
  query->bind(1, customer.value);
  std::vector<CreditReview> reviews;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    CreditReview review;
    review.customer = customer;
    O2C_ASSIGN_OR_RETURN(review.reviewed_on, date_column(*query, 0));
    review.score = static_cast<int>(query->column_int(1));
    O2C_ASSIGN_OR_RETURN(std::optional<RiskClass> risk, optional_risk_class(*query, 2));
    if (!risk) return corrupt("credit review class");
    review.risk_class = *risk;
    O2C_ASSIGN_OR_RETURN(review.previous, optional_risk_class(*query, 3));
    review.main_reason = query->column_text(4);
    reviews.push_back(std::move(review));
  }
  return reviews;
}

Result<std::optional<Date>> SqliteConnectionStore::oldest_open_due_date(CustomerId customer) {
  // Served by the partial index invoices_open_by_customer (migration 0013).
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("SELECT MIN(due_date) FROM invoices WHERE customer_id = ? AND "
                           "paid_minor + credited_minor + discount_taken_minor + "
                           "written_off_minor < gross_minor"));
  query->bind(1, customer.value);
  O2C_ASSIGN_OR_RETURN(bool found, query->step());
  O2C_ASSERT(found);  // an aggregate always has a row
  return optional_date_column(*query, 0);
}

Result<std::int64_t> SqliteConnectionStore::insert_customer_group(const CustomerGroup& group) {
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("INSERT INTO customer_groups(code, name, currency, "
                                            "credit_limit_minor) VALUES (?, ?, ?, ?)"));
  query->bind(1, group.code)
      .bind(2, group.name)
      .bind(3, group.currency.text())
      .bind(4, group.credit_limit.minor);
  O2C_RETURN_IF_ERROR(query->run());
  return connection_->last_insert_rowid();
}

Status SqliteConnectionStore::save_customer_group(CustomerId customer,
                                                  std::optional<std::int64_t> group) {
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("UPDATE customers SET group_id = ? WHERE id = ?"));
  if (group) query->bind(1, *group);
  query->bind(2, customer.value);
  O2C_RETURN_IF_ERROR(query->run());
  return expect_one_row(*connection_, "customer");
}

Status SqliteConnectionStore::save_risk_class(CustomerId customer, RiskClass risk) {
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("UPDATE customers SET risk_class = ? WHERE id = ?"));
  query->bind(1, wire_name(risk)).bind(2, customer.value);
  O2C_RETURN_IF_ERROR(query->run());
  return expect_one_row(*connection_, "customer");
}

Status SqliteConnectionStore::insert_credit_review(const CreditReview& review) {
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare("INSERT INTO credit_reviews(customer_id, "
                                                        "reviewed_on, score, risk_class, "
                                                        "previous_class, main_reason) VALUES "
                                                        "(?, ?, ?, ?, ?, ?)"));
  query->bind(1, review.customer.value)
      .bind(2, format_date(review.reviewed_on))
      .bind(3, review.score)
      .bind(4, wire_name(review.risk_class))
      .bind(6, review.main_reason);
  if (review.previous) query->bind(5, wire_name(*review.previous));
  return query->run();
}

Status SqliteConnectionStore::save_credit_limit(CustomerId customer, Money limit) {
  O2C_ASSERT(limit.minor >= 0);
  O2C_ASSIGN_OR_RETURN(
      auto query, connection_->prepare("UPDATE customers SET credit_limit_minor = ? WHERE id = ?"));
  query->bind(1, limit.minor).bind(2, customer.value);
  O2C_RETURN_IF_ERROR(query->run());
  O2C_RETURN_IF_ERROR(expect_one_row(*connection_, "customer"));
  // The writer keeps customers it read: the cached row must show the new limit too.
  if (auto cached = customers_by_id_.find(customer.value); cached != customers_by_id_.end())
    cached->second.credit_limit = limit;
  return {};
}

Result<std::int64_t> SqliteConnectionStore::insert_credit_limit_request(
    const CreditLimitRequest& request) {
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("INSERT INTO credit_limit_requests(number, customer_id, currency, "
                           "current_limit_minor, requested_limit_minor, reason, requested_by, "
                           "requested_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  query->bind(1, request.number)
      .bind(2, request.customer.value)
      .bind(3, request.requested_limit.currency.text())
      .bind(4, request.current_limit.minor)
      .bind(5, request.requested_limit.minor)
      .bind(6, request.reason)
      .bind(7, request.requested_by)
      .bind(8, format_date(request.requested_on));
  O2C_RETURN_IF_ERROR(query->run());
  return connection_->last_insert_rowid();
}

Status SqliteConnectionStore::update_credit_limit_request(const CreditLimitRequest& request) {
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare("UPDATE credit_limit_requests SET "
                                                        "status = ?, decided_by = ?, "
                                                        "decided_on = ?, decision_reason = ? "
                                                        "WHERE id = ?"));
  query->bind(1, wire_name(request.status))
      .bind(2, request.decided_by)
      .bind(4, request.decision_reason)
      .bind(5, request.id);
  bind_optional_date(*query, 3, request.decided_on);
  O2C_RETURN_IF_ERROR(query->run());
  return expect_one_row(*connection_, "credit-limit request");
}

Status SqliteConnectionStore::save_credit_hold(OrderId order, Date held_on,
                                               std::string_view reason) {
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare("INSERT OR REPLACE INTO "
                                                        "credit_holds(order_id, held_on, reason) "
                                                        "VALUES (?, ?, ?)"));
  query->bind(1, order.value).bind(2, format_date(held_on)).bind(3, reason);
  return query->run();
}

}  // namespace o2c::sqlite
