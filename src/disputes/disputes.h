// disputes.h — disputes, deductions, write-offs and promises to pay: the rules AR follows when
// a customer contests an invoice, pays short, cannot pay, or promises to pay by a date.
// Rules encoded:
//   * A dispute contests at most what is still open of an invoice and not already contested
//     by another open dispute; on one line, at most that line's share of it (the line's gross
//     prorated by the invoice's open amount). Its amount defaults to that maximum.
//   * A dispute is routed to an owner by the routing rules: the first rule (in file order)
//     whose reason and segment both match (a rule without one matches any), else the default
//     owner. Its age is the days from opening to today (or to its resolution).
//   * A dispute is resolved once: by a credit note, by a write-off, or rejected (the amount is
//     due again).
//   * A write-off settles part of an invoice without cash. Declared policy: the gross is
//     written off and the VAT in it is not reclaimed here (a bad-debt VAT relief is a separate,
//     jurisdiction-specific step); a small balance or a dispute conceded goes to payment
//     differences (a commercial concession), a bad debt to bad debts (an expense).
//   * A promise to pay is kept when the payments received for its invoice (or, without one, by
//     its customer) from the day it was made to its date cover its amount, broken when its date
//     has passed without that.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "billing/billing.h"
#include "core/date.h"
#include "core/money.h"
#include "core/result.h"
#include "ledger/ledger.h"

namespace o2c {

// Numbers are persisted by their wire names: never rename.
enum class DisputeReason : std::uint8_t {
  kPricing = 1,
  kQuantity = 2,
  kDamaged = 3,
  kNotReceived = 4,
  kDuplicateBilling = 5,
  kShortPayment = 6,  // a deduction nobody explained
};
std::string_view wire_name(DisputeReason reason);
// Fails with invalid_argument unknown_dispute_reason at `where`.
Result<DisputeReason> dispute_reason_from_wire(std::string_view name, std::string_view where);

enum class DisputeStatus : std::uint8_t {
  kOpen = 1,
  kCredited = 2,
  kWrittenOff = 3,
  kRejected = 4
};
std::string_view wire_name(DisputeStatus status);  // "open", "credited", "written_off", …
Result<DisputeStatus> dispute_status_from_wire(std::string_view name);

enum class DisputeOrigin : std::uint8_t { kCustomer = 1, kDeduction = 2 };
std::string_view wire_name(DisputeOrigin origin);
Result<DisputeOrigin> dispute_origin_from_wire(std::string_view name);

struct Dispute {
  std::int64_t id = 0;
  std::string number;  // "DSP-2026-000001"
  std::string customer_number;
  std::string invoice_number;
  std::optional<int> line_no;  // none: the whole invoice
  DisputeReason reason = DisputeReason::kPricing;
  DisputeOrigin origin = DisputeOrigin::kCustomer;
  std::string payment_number;  // a deduction's short payment; "" when none
  Money amount;
  std::string owner;
  DisputeStatus status = DisputeStatus::kOpen;
  Date opened_on;
  std::optional<Date> resolved_on;
  std::string resolution_document;  // CN-… or WO-…
  std::string description;
  std::string opened_by;
  std::string resolved_by;
  std::string note;  // why it was rejected
};

// The most a new dispute may contest: what is open of `invoice` less `already_disputed` (the
// open disputes on it); with `line_no`, that line's gross prorated by the open amount, capped
// by the same. Fails with dispute_line_unknown (line), invoice_not_open (invoice).
Result<Money> disputable_amount(const Invoice& invoice, std::optional<int> line_no,
                                Money already_disputed);
// The dispute's amount: `asked` (positive, at most `disputable`) or, without it, all of
// `disputable`. Fails with dispute_amount_invalid / dispute_exceeds_open (amount).
Result<Money> dispute_amount(std::optional<Money> asked, Money disputable);

// Days from opening to `as_of` (or to its resolution, when resolved by then).
std::int64_t dispute_age_days(const Dispute& dispute, Date as_of);

// Who works a dispute. Rules are tried in order; empty reason/segment match anything.
struct DisputeRoutingRule {
  std::optional<DisputeReason> reason;
  std::string segment;
  std::string owner;
};
struct DisputeRouting {
  std::vector<DisputeRoutingRule> rules;
  std::string default_owner;
};
inline constexpr std::size_t kRoutingRulesMax = 1'000;
// Reads routing TOML: `default_owner = "…"` and `[[rule]]` tables with `owner` and optional
// `reason` and `segment`. Fails with invalid_dispute_routing at "<source> line N".
Result<DisputeRouting> parse_dispute_routing(std::string_view text, std::string_view source);
// The owner of a dispute of `reason` for a customer of `segment`; "" when nothing routes it.
std::string route_dispute(const DisputeRouting& routing, DisputeReason reason,
                          std::string_view segment);

// ---- write-offs ----

// Numbers are persisted by their wire names: never rename.
enum class WriteOffKind : std::uint8_t { kSmallBalance = 1, kDispute = 2, kBadDebt = 3 };
std::string_view wire_name(WriteOffKind kind);
Result<WriteOffKind> write_off_kind_from_wire(std::string_view name);

enum class WriteOffStatus : std::uint8_t { kRequested = 1, kPosted = 2, kRejected = 3 };
std::string_view wire_name(WriteOffStatus status);
Result<WriteOffStatus> write_off_status_from_wire(std::string_view name);

struct WriteOff {
  std::int64_t id = 0;
  std::string number;  // "WO-2026-000001"
  std::string customer_number;
  std::string invoice_number;
  Money amount;
  WriteOffKind kind = WriteOffKind::kSmallBalance;
  WriteOffStatus status = WriteOffStatus::kRequested;
  std::string reason;
  std::string dispute_number;  // "" when none
  std::string requested_by;
  Date requested_on;
  std::string decided_by;
  std::optional<Date> decided_on;
  std::string decision_note;
};

// The account a write-off of `kind` is expensed to.
Account write_off_account(WriteOffKind kind);
// What a write-off may take off `invoice`: `asked` or, without it, all that is open. Fails
// with write_off_amount_invalid / write_off_exceeds_open (amount), invoice_not_open.
Result<Money> write_off_amount(const Invoice& invoice, std::optional<Money> asked);
// The posting: Dr payment differences or bad debts, Cr receivables, the gross (see above).
LedgerEntry post_write_off(std::string_view document, Date date, WriteOffKind kind, Money amount);
// A bad-debt write-off is decided by someone other than who asked. Fails with
// self_approval (as), write_off_not_pending (write_off).
Status check_write_off_decision(const WriteOff& write_off, std::string_view decider);

// ---- promises to pay ----

enum class PromiseStatus : std::uint8_t { kOpen = 1, kKept = 2, kBroken = 3 };
std::string_view wire_name(PromiseStatus status);
Result<PromiseStatus> promise_status_from_wire(std::string_view name);

struct PaymentPromise {
  std::int64_t id = 0;
  std::string number;  // "PTP-2026-000001"
  std::string customer_number;
  std::string invoice_number;  // "" when it is for the customer's account
  Money amount;
  Date made_on;
  Date due_on;
  PromiseStatus status = PromiseStatus::kOpen;
  std::optional<Date> settled_on;
  std::string taken_by;
};

// Checks a new promise. Fails with promise_amount_invalid (amount), promise_date_past (by).
Status validate_promise(const PaymentPromise& promise);
// The promise's state on `as_of` given what was `received` for it between its making and
// min(as_of, its date): kept when that covers it, broken once its date has passed, else open.
PromiseStatus evaluate_promise(const PaymentPromise& promise, Money received, Date as_of);

}  // namespace o2c

// ---- resolving by credit note ----
namespace o2c {

// The credit lines that give back `gross` of a dispute: on `line_no` alone, or spread over the
// invoice's lines by the gross each has left after earlier credit notes (largest remainder).
// Each line's share is credited by net amount: the share less the line's VAT (half-even),
// at most the net the line has left. Fails with nothing_to_credit (dispute).
Result<std::vector<CreditLineRequest>> dispute_credit_lines(const Invoice& invoice,
                                                            std::span<const CreditedLine> credited,
                                                            std::optional<int> line_no,
                                                            Money gross);

}  // namespace o2c
