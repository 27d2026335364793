// credit.h (app) — the use cases of credit management (included by app.h): customer groups,
// exposure in its parts, the credit policy (`o2c config credit_scoring`), the credit check
// every order passes at placement, amendment and when a manual hold is lifted, the internal
// credit score and the credit review, the credit manager's hold queue, and credit-limit change
// requests approved by a second person. The rules are credit/credit.h's.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/app.h"
#include "credit/credit.h"

namespace o2c::app {

// ---- policy ---------------------------------------------------------------------------------

// The stored credit scoring policy, or the defaults when none was set.
Result<CreditScoringPolicy> load_credit_policy(StoreReader& reader);
// Checks `toml_text` (parse_credit_scoring) and stores it (journaled as config.set with its
// SHA-256); an empty text goes back to the defaults.
Status set_credit_scoring(Context& context, std::string_view toml_text, std::string_view source);

// ---- groups and exposure ----------------------------------------------------------------------

struct CustomerGroupRequest {
  std::string code;
  std::string name;
  std::string currency_code;
  std::string credit_limit;  // decimal text in the group's currency
};
// Fails with invalid_argument (validate_customer_group, unknown_currency, invalid_amount at
// credit_limit) or already_exists duplicate_group at code. Journaled as customer_group.added.
Result<CustomerGroup> add_customer_group(Context& context, const CustomerGroupRequest& request);
// Puts a customer in a group (journaled as customer.group_set). Fails with customer_not_found
// at customer, group_not_found at group, currency_mismatch at group.
Result<CustomerGroup> set_customer_group(Context& context, std::string_view customer_number,
                                         std::string_view group_code);
// Whether `customer` (not stored yet) could join the group: group_not_found at --group,
// currency_mismatch at --group.
Status check_customer_group(Store& store, const Customer& customer, std::string_view group_code);

struct CustomerExposure {
  Customer customer;
  ExposureParts parts;
  Money total;
  std::optional<BasisPoints> utilisation;  // none when the limit is zero
  std::optional<CustomerGroup> group;
  std::optional<RiskClass> risk_class;
};
Result<CustomerExposure> customer_exposure(StoreReader& reader, const Customer& customer);
Result<CustomerExposure> customer_exposure(StoreReader& reader, std::string_view number);

struct GroupExposure {
  CustomerGroup group;
  std::vector<CustomerExposure> members;  // by customer number
  Money total;
  std::optional<BasisPoints> utilisation;
};
Result<GroupExposure> group_exposure_report(StoreReader& reader, std::string_view group_code);

// ---- the credit check -------------------------------------------------------------------------

// What the hold rules look at for `customer` on `today`: its exposure, its group's, its oldest
// overdue item and its risk class.
Result<CreditSituation> credit_situation(StoreReader& reader, const Customer& customer, Date today);
// All hold rules (check_credit_rules) for an order adding `order_gross` to the exposure.
Result<CreditCheck> run_credit_check(StoreReader& reader, const Customer& customer,
                                     Money order_gross, Date today, const CreditHoldPolicy& policy);

// ---- the credit score and the review ----------------------------------------------------------

struct ScoredCustomer {
  Customer customer;
  PaymentHistory history;
  CreditScore score;
  std::optional<RiskClass> stored_class;  // the class the last review stored
};
// Fails with customer_not_found at customer.
Result<ScoredCustomer> score_customer(StoreReader& reader, std::string_view number, Date as_of);

struct ClassChange {
  std::string customer_number;
  std::optional<RiskClass> from;  // none: never scored
  RiskClass to = RiskClass::kE;
  int score = 0;
  std::string main_reason;
};
struct ReviewOutcome {
  Date as_of;
  std::size_t scored = 0;
  std::vector<ClassChange> changes;  // by customer number
};
// Scores every customer on `as_of`, stores each class (customers.risk_class) and a
// credit_reviews row, and journals each change of class (customer.risk_class_changed).
// Running it again on the same date with the same data changes and records nothing.
Result<ReviewOutcome> run_credit_review(Context& context, Date as_of);

// ---- the credit manager's queue ----------------------------------------------------------------

struct CreditHoldRow {
  Order order;         // without lines
  std::string reason;  // the wire name: "credit_limit_exceeded", …
  std::int64_t days_on_hold = 0;
  Money exposure;  // the customer's now (the held order does not count)
  Money credit_limit;
};
// Orders on credit hold, oldest order number first.
Result<std::vector<CreditHoldRow>> credit_hold_queue(StoreReader& reader, Date today);
// A credit manager's release with a reason (reason_required at reason), journaled with the
// actor as order.released; otherwise as release_order.
Result<Order> release_credit_hold(Context& context, std::string_view order_number,
                                  std::string_view reason);

// ---- credit-limit change requests
// ----------------------------------------------------------------

// Files a request (CLR-<year>-<n>, journaled as credit_limit.requested by the actor). Fails with
// customer_not_found at customer, invalid_amount / negative_credit_limit / currency_mismatch at
// limit, reason_required at reason.
Result<CreditLimitRequest> request_credit_limit(Context& context, std::string_view customer_number,
                                                std::string_view limit_text,
                                                std::string_view currency_code,
                                                std::string_view reason);
// Approving sets the customer's limit (journaled credit_limit.approved); the requester may not
// approve (self_approval). Rejecting needs a reason (credit_limit.rejected). Both fail with
// request_not_found at request and not_pending at request.
Result<CreditLimitRequest> approve_credit_limit(Context& context, std::string_view number);
Result<CreditLimitRequest> reject_credit_limit(Context& context, std::string_view number,
                                               std::string_view reason);

}  // namespace o2c::app
