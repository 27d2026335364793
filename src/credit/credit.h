// credit.h — may we deliver on credit, and how risky is the customer? Rules encoded:
//   * exposure = open receivables + open orders not yet shipped + shipped not yet invoiced −
//     unapplied cash on account (the open-order part is CustomerBalance::open_orders, the
//     uninvoiced gross of approved orders, which ExposureParts splits at the goods issue);
//     utilisation = exposure / credit limit;
//   * a customer group (a parent) has its own credit limit; its exposure is the sum of its
//     members' exposure, all in the group's currency;
//   * an order goes on credit hold when, checked in this order (CreditHoldReason): it would
//     take the customer above its limit, the limit is zero, it would take the customer's
//     group above the group's limit, the customer has anything overdue more than N days, or
//     the customer's risk class is E;
//   * the internal credit score (0–100) weighs five factors of the payment history —
//     average days paid beyond terms weighted by amount, its trend (last 90 days against
//     before), utilisation, disputes and the age of the relationship — and maps to a risk
//     class A (best) to E by configurable thresholds.
// Everything here is pure: the dates, the history and the policy come in as values.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/result.h"
#include "customers/customers.h"
#include "orders/orders.h"

namespace o2c {

struct CreditExposure {
  Money open_receivables;  // unpaid invoices
  Money open_orders;       // approved orders not yet invoiced (gross)
  Money unapplied_cash;    // payments received, not yet applied
};

Result<Money> total_exposure(const CreditExposure& exposure);

enum class CreditDecision : std::uint8_t { kApproved, kHold };

// Why an order waits on credit hold, in the order the rules are checked. Numbers are
// persisted: never renumber, never reuse.
enum class CreditHoldReason : std::uint8_t {
  kCreditLimitExceeded = 1,
  kCreditLimitZero = 2,
  kGroupCreditLimitExceeded = 3,
  kOverdueTooLong = 4,
  kRiskClassE = 5,
};
// "credit_limit_exceeded", "credit_limit_zero", "group_credit_limit_exceeded",
// "overdue_too_long", "risk_class_e".
std::string_view wire_name(CreditHoldReason reason);

struct CreditCheck {
  CreditDecision decision = CreditDecision::kApproved;
  Money exposure_after;  // exposure including this order
  std::optional<CreditHoldReason> hold;
  std::string reason;  // why it is held, for the credit manager: "<wire name>: <details>"
};

// Decides on the customer's own limit only (the first two rules).
Result<CreditCheck> check_credit(const Customer& customer, const CreditExposure& exposure,
                                 Money order_gross);

// ---- risk classes -------------------------------------------------------------------------

// Numbers are persisted: never renumber.
enum class RiskClass : std::uint8_t { kA = 1, kB = 2, kC = 3, kD = 4, kE = 5 };
std::string_view wire_name(RiskClass risk);  // "A" … "E"
Result<RiskClass> risk_class_from_wire(std::string_view name);

// ---- exposure, groups -----------------------------------------------------------------------

// A customer's exposure in its parts (all in the customer's currency).
struct ExposureParts {
  Money open_receivables;
  Money unshipped_orders;      // approved, not yet shipped (gross)
  Money shipped_not_invoiced;  // goods gone, no invoice yet (gross)
  Money unapplied_cash;        // reduces the exposure
};
Result<Money> total_exposure(const ExposureParts& parts);
// The gross of what `order` shipped and billing has not invoiced yet (prorated per line as
// uninvoiced_gross does, so shipped-not-invoiced + unshipped = uninvoiced gross to the cent).
Result<Money> shipped_not_invoiced_gross(const Order& order);
// Splits the balance's open orders into unshipped and shipped-not-invoiced, given the
// shipped-not-invoiced gross of the customer's orders.
Result<ExposureParts> exposure_parts(const CreditExposure& balance, Money shipped_not_invoiced);

// Exposure as a share of the limit, in basis points (10000 = 100 %), rounded half-even;
// none when the limit is zero.
std::optional<BasisPoints> utilisation(Money exposure, Money limit);

struct CustomerGroup {
  std::int64_t id = 0;
  std::string code;  // "G1"
  std::string name;
  Currency currency;
  Money credit_limit;
};
// Code and name present and bounded, limit in the group's currency and not negative.
Status validate_customer_group(const CustomerGroup& group);
// A customer may join a group only in the group's currency (currency_mismatch at group).
Status check_group_member(const CustomerGroup& group, const Customer& customer);
// The members' exposures summed in the group's currency.
Result<Money> group_exposure(const CustomerGroup& group, std::span<const Money> members);

// ---- the hold rules -------------------------------------------------------------------------

struct CreditHoldPolicy {
  int overdue_days_max = 30;  // anything overdue more than this holds new orders
};

struct GroupSituation {
  CustomerGroup group;
  Money exposure;  // members' sum, before the order
};

// Everything the rules look at besides the order.
struct CreditSituation {
  Money exposure;  // the customer's, before the order (total_exposure)
  std::optional<GroupSituation> group;
  int days_overdue_oldest = 0;  // the oldest overdue open item, days past due (0: none)
  std::optional<RiskClass> risk_class;
};

// All five rules, in CreditHoldReason order; the first that applies holds the order.
// Requires order_gross >= 0 in the customer's currency (else currency_mismatch).
Result<CreditCheck> check_credit_rules(const Customer& customer, const CreditSituation& situation,
                                       Money order_gross, const CreditHoldPolicy& policy);

// ---- the internal credit score --------------------------------------------------------------

// Numbers are persisted: never renumber.
enum class ScoreFactor : std::uint8_t {
  kDaysBeyondTerms = 1,
  kTrend = 2,
  kUtilisation = 3,
  kDisputes = 4,
  kRelationshipAge = 5,
};
inline constexpr std::size_t kScoreFactorCount = 5;
// "days_beyond_terms", "trend", "utilisation", "disputes", "relationship_age".
std::string_view wire_name(ScoreFactor factor);

struct CreditScoringPolicy {
  // Weights of the factors in ScoreFactor order; they sum to 100.
  std::array<int, kScoreFactorCount> weights = {35, 15, 20, 15, 15};
  int days_beyond_terms_zero = 60;    // average days late at which the factor scores 0
  int trend_days_zero = 30;           // worsening (in days) at which the trend scores 0
  int trend_window_days = 90;         // "recent" = the last this many days
  int open_dispute_points = 25;       // each open dispute takes this off the disputes factor
  int recent_dispute_points = 10;     // each opened in the last 12 months, this
  int relationship_months_full = 24;  // months of trading for the full age factor
  // Lowest score of classes A, B, C and D (descending); below D's is E.
  std::array<int, 4> class_minimum = {80, 65, 50, 35};
  CreditHoldPolicy holds;
};
// Parses the TOML of `o2c config credit_scoring` (every key optional, defaults above):
//   [weights] days_beyond_terms, trend, utilisation, disputes, relationship_age (sum 100)
//   [scale]   days_beyond_terms_zero, trend_days_zero, trend_window_days,
//             open_dispute_points, recent_dispute_points, relationship_months_full
//   [classes] A, B, C, D (descending, 0..100)
//   [holds]   overdue_days_max
// Fails with invalid_argument invalid_credit_scoring at the key at fault.
Result<CreditScoringPolicy> parse_credit_scoring(std::string_view toml_text,
                                                 std::string_view source);

// One settlement of an invoice (a payment applied, or a still-open remainder as of the
// scoring date): how late it was against the due date.
struct SettledAmount {
  Date due;
  Date settled;  // the payment's date; for an open item, the scoring date
  Money amount;
  bool open = false;  // still unpaid (counted only when past due)
};

struct DisputeRecord {
  Date opened;
  bool open = false;
};

struct PaymentHistory {
  Date as_of;
  std::vector<SettledAmount> settlements;
  std::vector<DisputeRecord> disputes;
  std::optional<Date> trading_since;  // first order or invoice; none: never traded
  Money exposure;
  Money credit_limit;
};

struct FactorScore {
  ScoreFactor factor = ScoreFactor::kDaysBeyondTerms;
  std::string value;      // "12.5 days", "+3.0 days", "42.00 %", "1 open, 2 in 12 months"
  int subscore = 0;       // 0..100
  int points_tenths = 0;  // weight × subscore / 10, rounded half-even: 1 point = 10
};

struct CreditScore {
  std::array<FactorScore, kScoreFactorCount> factors;
  int score = 0;  // 0..100
  RiskClass risk_class = RiskClass::kE;
  ScoreFactor weakest = ScoreFactor::kDaysBeyondTerms;  // the factor that lost most points
};

CreditScore score_credit(const PaymentHistory& history, const CreditScoringPolicy& policy);
RiskClass risk_class_of(int score, const CreditScoringPolicy& policy);

// ---- credit-limit change requests -----------------------------------------------------------

// Numbers are persisted: never renumber.
enum class LimitRequestStatus : std::uint8_t { kPending = 1, kApproved = 2, kRejected = 3 };
std::string_view wire_name(LimitRequestStatus status);  // "pending", "approved", "rejected"
Result<LimitRequestStatus> limit_request_status_from_wire(std::string_view name);

// A change of a customer's credit limit that waits for a second person (four eyes).
struct CreditLimitRequest {
  std::int64_t id = 0;
  std::string number;  // "CLR-2026-000001"
  CustomerId customer;
  std::string customer_number;
  Money current_limit;  // when requested
  Money requested_limit;
  std::string reason;
  std::string requested_by;
  Date requested_on;
  LimitRequestStatus status = LimitRequestStatus::kPending;
  std::string decided_by;
  std::optional<Date> decided_on;
  std::string decision_reason;
};
// Checks a new request: a reason (reason_required at reason), the new limit in the customer's
// currency (currency_mismatch at limit) and not negative (negative_credit_limit at limit).
Status validate_limit_request(const CreditLimitRequest& request, const Customer& customer);
// Decides a pending request (not_pending at request otherwise). The requester may not approve
// their own request (permission_denied self_approval at actor); rejecting needs a reason.
Status approve_limit_request(CreditLimitRequest& request, std::string_view actor, Date on);
Status reject_limit_request(CreditLimitRequest& request, std::string_view actor,
                            std::string_view reason, Date on);

// ---- what the store keeps per customer ----------------------------------------------------

struct CustomerCreditProfile {
  std::optional<std::int64_t> group;    // the customer group's id
  std::optional<RiskClass> risk_class;  // none: never scored
};

// One customer's result of a credit review.
struct CreditReview {
  CustomerId customer;
  Date reviewed_on;
  int score = 0;
  RiskClass risk_class = RiskClass::kE;
  std::optional<RiskClass> previous;
  std::string main_reason;  // the weakest factor: "days_beyond_terms 42.0 days"
};

}  // namespace o2c
