// collections.h — getting overdue receivables paid, and measuring how well it goes.
// Rules encoded:
//  * Aging by due date in configurable buckets: bounds "0,30,60,90" give current (not past
//    due), 1-30, 31-60, 61-90 and over 90 days past due. Totals are kept per currency.
//  * Dunning: a policy per customer segment lists levels by days after due; a run sends each
//    overdue invoice the highest level due that it was not sent yet (never going back), one
//    letter per customer and level. An invoice with an open dispute or covered by an open
//    promise to pay (for it, or for the customer's whole account) is paused; one whose open
//    amount is below the policy's minimum is left alone. The final level may charge a fee
//    (once per letter) and interest on each invoice: open × rate (basis points a year) × days
//    overdue / 365, rounded half-even to the minor unit.
//  * Risk: every use of a customer's risk class (A–E, none when never scored) goes through
//    risk_weight().
//  * Collector assignment balances weighted workload (open receivables × risk weight): the
//    largest account first goes to the eligible collector (same region, or a collector with no
//    region; not full) with the least workload (longest-processing-time-first greedy).
//  * Worklist: accounts ranked by overdue amount × risk weight × days overdue (oldest item).
//  * KPIs (textbook definitions, worked in collections_test.cc): DSO by the count-back method,
//    best possible DSO, CEI, average days delinquent, % current.
// Pure: no clock, no store; dates and amounts come in as values.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/result.h"

namespace o2c {

// ---- aging ----------------------------------------------------------------------------------

inline constexpr std::size_t kAgingBoundsMax = 12;
inline constexpr int kAgingDaysMax = 3650;

// Upper bounds (days past due) of every bucket but the last: {0, 30, 60, 90}.
struct AgingBuckets {
  std::vector<int> bounds = {0, 30, 60, 90};
};
// "0,30,60,90": starts at 0, strictly increasing, at most 12 bounds of at most 3650 days.
// Fails with invalid_argument invalid_aging_buckets at `where`.
Result<AgingBuckets> parse_aging_buckets(std::string_view text, std::string_view where);
std::string format_aging_buckets(const AgingBuckets& buckets);  // "0,30,60,90"
// "current", "1-30", …, "over 90".
std::vector<std::string> aging_bucket_names(const AgingBuckets& buckets);
std::size_t aging_bucket_of(const AgingBuckets& buckets, std::int64_t days_past_due);

struct ReceivableItem {
  std::string customer_number;
  std::string customer_name;
  std::string invoice_number;
  Date due_date;
  Money open;
};

struct BucketedRow {
  std::string customer_number;  // "TOTAL" in totals
  std::string customer_name;
  Currency currency;
  std::vector<Money> buckets;
  Money total;
};

struct BucketedAging {
  Date as_of;
  std::vector<std::string> bucket_names;
  std::vector<BucketedRow> customers;  // by customer number, then currency
  std::vector<BucketedRow> totals;     // one per currency
};
Result<BucketedAging> age_in_buckets(std::span<const ReceivableItem> items, Date as_of,
                                     const AgingBuckets& buckets);

struct AgingDrillLine {
  ReceivableItem item;
  std::int64_t days_past_due = 0;
  std::string bucket;
};
// The items behind a row or a column of the aging: of one customer and/or one bucket (by its
// name), by customer, due date and invoice number.
std::vector<AgingDrillLine> aging_drill_down(std::span<const ReceivableItem> items, Date as_of,
                                             const AgingBuckets& buckets,
                                             std::optional<std::string> customer,
                                             std::optional<std::string> bucket);

// ---- risk -----------------------------------------------------------------------------------

// The weight of a risk class in percent: A 100, B 125, C 150, D 200, E 300; never scored
// (none) is weighed as C, a middling risk.
int risk_weight(std::optional<char> risk_class);

// ---- dunning --------------------------------------------------------------------------------

inline constexpr std::size_t kDunningLevelsMax = 9;
inline constexpr int kDunningDaysMax = 3650;
inline constexpr std::int32_t kInterestBasisPointsMax = 100'000;  // 1000 % a year

struct DunningLevel {
  int number = 0;  // 1, 2, …
  int days_after_due = 0;
  std::string name;      // "friendly reminder"
  std::string letter;    // the letter's text
  std::string fee;       // decimal text, in the invoice's currency; final level only
  BasisPoints interest;  // a year; final level only
};

struct DunningPolicy {
  std::string segment;               // a customer segment, or "default" for every other
  std::string minimum;               // decimal text; invoices with less open are not dunned
  std::vector<DunningLevel> levels;  // by days, ascending
};

struct DunningPolicies {
  std::vector<DunningPolicy> policies;  // by segment
};

// The policy file:
//   [segments.enterprise]
//   minimum = "5.00"
//   [[segments.enterprise.levels]]
//   days = 3
//   name = "friendly reminder"
//   letter = "…"
//   fee = "10.00"        # final level only
//   interest_bp = 800    # final level only, basis points a year
// Fails with invalid_argument invalid_toml / invalid_dunning_policy at "<source> line N" or the
// key at fault ("segments.smb.levels[2].days").
Result<DunningPolicies> parse_dunning_policies(std::string_view toml_text, std::string_view source);
// The policy of a segment, else the "default" one, else none.
const DunningPolicy* policy_for_segment(const DunningPolicies& policies, std::string_view segment);

// Why an invoice was not dunned; numbers are persisted: never renumber, never reuse.
enum class DunningSkip : std::uint8_t {
  kDisputed = 1,
  kPromised = 2,
  kBelowMinimum = 3,
  kNoPolicy = 4,
  kNotDueYet = 5,    // overdue, but before the first level's day
  kAlreadySent = 6,  // the level due was sent before
};
std::string_view wire_name(DunningSkip skip);

struct DunningItem {
  Date due_date;
  Money open;
  int last_level_sent = 0;  // 0: none yet
  bool open_dispute = false;
  bool open_promise = false;  // for the invoice or for the customer's account
};

struct DunningDecision {
  int level = 0;  // to send; 0 when skipped
  std::optional<DunningSkip> skipped;
};

// The pause comes first (dispute, then promise), then the minimum, then the level.
std::optional<DunningSkip> dunning_pause(bool open_dispute, bool open_promise);
// The highest level whose day has come, or 0.
int level_due(const DunningPolicy& policy, std::int64_t days_overdue);
// What to do with one overdue invoice on `as_of`. Fails when the minimum does not parse in the
// invoice's currency.
Result<DunningDecision> decide_dunning(const DunningPolicy& policy, const DunningItem& item,
                                       Date as_of);
// open × rate × days / (10,000 × 365), half-even; zero when days <= 0.
Result<Money> overdue_interest(Money open, BasisPoints rate_per_year, std::int64_t days_overdue);
// The level's fee in `currency` (zero when none).
Result<Money> level_fee(const DunningLevel& level, Currency currency);

// ---- collectors -----------------------------------------------------------------------------

struct CollectorSeat {
  std::string name;
  std::string region;  // empty: takes any region
  std::optional<int> max_accounts;
};

struct AccountToAssign {
  std::string customer_number;
  std::string region;
  std::int64_t open_minor = 0;  // open receivables
  std::optional<char> risk_class;
  std::optional<std::string> kept_collector;  // already assigned and kept (no rebalance)
};

struct Assignment {
  std::string customer_number;
  std::string collector;      // empty: nobody could take it
  std::int64_t workload = 0;  // open × risk weight / 100
};

// Kept assignments stay (their workload counts); the others, largest workload first (ties by
// customer number), go to the eligible collector with the least workload, then the fewest
// accounts, then the first by name. Returns one assignment per account, by customer number.
std::vector<Assignment> assign_accounts(std::span<const CollectorSeat> collectors,
                                        std::span<const AccountToAssign> accounts);

struct WorklistAccount {
  std::string customer_number;
  std::string customer_name;
  Money overdue;                  // open and past due on the worklist's date
  std::int64_t days_overdue = 0;  // of its oldest overdue item
  std::optional<char> risk_class;
};

struct RankedAccount {
  WorklistAccount account;
  int risk_weight = 0;  // percent
  Int128 score = 0;     // overdue minor × risk weight × days / 100
};
// Accounts with something overdue, highest score first (ties by customer number).
std::vector<RankedAccount> rank_worklist(std::span<const WorklistAccount> accounts);

// ---- KPIs -----------------------------------------------------------------------------------

// Days with two decimals as hundredths: 71.33 days = 7133.
using Centidays = std::int64_t;
std::string format_centidays(Centidays days);  // "71.33"

struct SalesPeriod {
  std::int64_t days = 0;  // the period's length
  std::int64_t sales_minor = 0;
};
// Count-back DSO: walk back from the most recent period, taking each period's sales off the
// receivables while they cover it (its days count whole); the rest is the fraction of the
// next period's sales times its days. Receivables left beyond the given periods count their
// days at the last period's rate. `periods` most recent first.
Centidays count_back_dso(std::int64_t receivables_minor, std::span<const SalesPeriod> periods);
// current receivables / credit sales × days (hundredths, half-even); 0 when no sales.
Centidays best_possible_dso(std::int64_t current_minor, std::int64_t sales_minor,
                            std::int64_t days);
// (begin + sales − end total) / (begin + sales − end current), basis points; none when the
// denominator is not positive.
std::optional<BasisPoints> collection_effectiveness(std::int64_t begin_minor,
                                                    std::int64_t sales_minor,
                                                    std::int64_t end_total_minor,
                                                    std::int64_t end_current_minor);
// part / whole in basis points (half-even); none when whole is 0.
std::optional<BasisPoints> share_of(std::int64_t part, std::int64_t whole);

}  // namespace o2c
