// collections.h — the use cases of collections (included by app.h): aging in configurable
// buckets with a drill-down, dunning policies and the dunning run, collectors (assignment,
// worklists, notes) and the collection KPIs. The rules are collections/collections.h's.
//
// The dunning run is one transaction: every letter (one per customer and level), its notices
// (unique per invoice and level, so running it again sends nothing twice), its PDF and e-mail
// in the outbox, and the final level's debit note (fee and interest, earned on the role
// dunning_charges) are committed together, or nothing is.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/app.h"
#include "collections/collections.h"

namespace o2c::app {

inline constexpr std::string_view kDunningPolicyKey = "dunning_policy";
inline constexpr std::string_view kAgingBucketsKey = "aging_buckets";

// Stores the policy file (parse_dunning_policies). A segment no customer has — other than
// "default" — fails with invalid_argument unknown_segment at segments.<name>.
Status set_dunning_policy(Context& context, std::string_view toml_text, std::string_view source);
Result<std::optional<DunningPolicies>> load_dunning_policy(StoreReader& reader);
// Stores the default aging buckets ("0,30,60,90"); invalid_aging_buckets at buckets.
Status set_aging_buckets(Context& context, std::string_view text);

struct AgingRequest {
  Date as_of;
  std::optional<std::string> buckets;   // as typed; none: the setting, else 0,30,60,90
  std::optional<std::string> customer;  // drill down to a customer's invoices
  std::optional<std::string> bucket;    // drill down to a bucket's invoices ("31-60")
};
struct AgingView {
  BucketedAging aging;
  bool drilled = false;
  std::vector<AgingDrillLine> lines;  // when drilled
};
// Fails with invalid_aging_buckets at --buckets; unknown_bucket at --bucket;
// customer_not_found at --customer.
Result<AgingView> bucketed_aging_report(Store& store, const AgingRequest& request);

struct DunningLetter {
  std::string number;  // DUN-2026-000001
  std::string customer_number;
  std::string customer_name;
  int level = 0;
  std::string level_name;
  std::vector<DunningNotice> notices;  // its invoices, by due date
  Money total;                         // open on the letter's invoices
  Money fee;
  Money interest;
  std::string debit_note;                 // charging fee and interest, or empty
  std::optional<std::int64_t> outbox_id;  // none: the customer has no e-mail
};
struct DunningSkipped {
  std::string customer_number;
  std::string invoice_number;
  DunningSkip reason = DunningSkip::kNotDueYet;
};
struct DunningRunOutcome {
  Date as_of;
  std::vector<DunningLetter> letters;   // by customer number and level
  std::vector<DunningSkipped> skipped;  // overdue invoices not dunned, with why
};
// Fails with failed_precondition no_dunning_policy (set one with `o2c config dunning`).
Result<DunningRunOutcome> run_dunning(Context& context, Date as_of);
// customer_not_found at customer.
Result<std::vector<DunningNotice>> list_dunning_notices(Store& store,
                                                        std::optional<std::string> customer);

// invalid_collector (name: 1-80 bytes, one line; max_accounts >= 1), duplicate_collector.
Result<Collector> add_collector(Context& context, const Collector& collector);
// Assigns every customer to a collector (assign_accounts): the unassigned only, or all anew
// with `rebalance`. Fails with failed_precondition no_collectors. Returns every customer's
// assignment (collector empty: none could take it).
Result<std::vector<Assignment>> assign_collectors(Context& context, bool rebalance);
// The collector's accounts with something overdue on `as_of`, ranked (rank_worklist).
// collector_not_found at collector.
Result<std::vector<RankedAccount>> collector_worklist(Store& store, std::string_view collector,
                                                      Date as_of);
struct NoteRequest {
  std::string customer_number;
  std::string collector;
  std::string outcome;  // reached|no_answer|left_message|promise|dispute
  std::string text;
};
// customer_not_found, collector_not_found, invalid_outcome at outcome, invalid_note at text.
Status add_collector_note(Context& context, const NoteRequest& request);

struct CollectorKpis {
  std::string name;  // a collector, or "team <t>" / "all" for the sums
  std::string team;
  Currency currency;
  std::int64_t accounts = 0;
  Money collected;                             // payments received on their accounts in the period
  Money begin, sales, end_total, end_current;  // what CEI is computed from
  std::optional<BasisPoints> cei;
  std::int64_t promises_kept = 0;
  std::int64_t promises_settled = 0;
  std::optional<BasisPoints> promises_kept_rate;
  std::int64_t accounts_touched = 0;  // with a note in the period
};
// Per collector (by name), then per team, for the period (inclusive). bad_period at --to.
Result<std::vector<CollectorKpis>> collector_report(Store& store, Date from, Date to);

struct CollectionsKpis {
  Currency currency;
  Date as_of;
  std::int64_t days = 0;
  Money receivables;  // open on as_of
  Money current;      // of which not past due
  Money sales;        // invoiced in the last `days` days
  Money begin;        // open the day before the period
  Centidays dso = 0;  // count-back, by calendar month
  Centidays best_dso = 0;
  Centidays average_days_delinquent = 0;  // DSO − best possible DSO
  std::optional<BasisPoints> cei;
  std::optional<BasisPoints> percent_current;
  std::int64_t open_disputes = 0;
  Centidays dispute_average_age = 0;
};
// One per currency with receivables or sales. invalid_days at --days (1..3650).
Result<std::vector<CollectionsKpis>> collections_report(Store& store, Date as_of,
                                                        std::int64_t days);

}  // namespace o2c::app
