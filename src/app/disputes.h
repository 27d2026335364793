// disputes.h — the use cases of disputes and deductions, write-offs and promises to pay
// (included by app.h). The rules are disputes/disputes.h's; this is where they meet the store.
//
// A dispute or an open promise pauses dunning of its invoice (collections reads the disputes
// and payment_promises tables); resolving a dispute by rejection, or a promise broken, lets
// dunning resume. Every step is journaled with its actor (Context::actor).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/app.h"
#include "disputes/disputes.h"

namespace o2c::app {

// Settings: the routing rules (TOML, disputes.h parse_dispute_routing) and the largest short
// payment cash application may write off without approval (a decimal, in the invoice's
// currency; unset: none).
inline constexpr std::string_view kDisputeRoutingKey = "dispute_routing";
inline constexpr std::string_view kWriteOffLimitKey = "small_balance_write_off_limit";

// Checks and stores the routing rules (journaled as config.dispute_routing). Fails with
// parse_dispute_routing's errors.
Status set_dispute_routing(Context& context, std::string_view toml_text, std::string_view source);
// Sets the small-balance write-off limit ("5.00"; "0" for none). Fails with invalid_amount.
Status set_write_off_limit(Context& context, std::string_view amount);
// The limit in `currency` (zero when unset).
Result<Money> write_off_limit(StoreReader& reader, Currency currency);

struct DisputeRequest {
  std::string invoice_number;
  std::optional<int> line_no;
  std::string reason;       // a wire name: pricing, quantity, damaged, not_received, …
  std::string amount;       // decimal in the invoice's currency; "": all that may be disputed
  std::string description;  // optional
};
// Opens a dispute routed to its owner (journaled as dispute.opened). Fails, in this order,
// with invoice_not_found (invoice), unknown_dispute_reason (reason), invoice_not_open /
// invoice_fully_disputed (invoice), dispute_line_unknown (line), invalid_amount /
// dispute_amount_invalid / dispute_exceeds_open (amount).
Result<Dispute> open_dispute(Context& context, const DisputeRequest& request);

struct DeductionRequest {
  std::string payment_number;
  std::string invoice_number;
  Money amount;  // what the customer deducted
  DisputeReason reason = DisputeReason::kShortPayment;
  std::string description;
};
// A short payment becomes a dispute with origin deduction, linked to its payment — inside the
// caller's transaction, so cash application can call it while it applies the payment.
// Fails with payment_not_found (payment), invoice_not_found (invoice), payment_not_of_customer
// (invoice), and open_dispute's amount errors.
Result<Dispute> open_deduction(StoreWriter& writer, const Context& context,
                               const DeductionRequest& request);
// The same in a transaction of its own (o2c dispute deduction).
Result<Dispute> open_deduction(Context& context, const DeductionRequest& request);

Result<std::vector<Dispute>> list_disputes(Context& context, const DisputeFilter& filter);
// Fails with dispute_not_found (dispute).
Result<Dispute> find_dispute(Context& context, std::string_view number);
// Gives the dispute to `owner` (journaled as dispute.assigned). Fails with dispute_not_found,
// dispute_not_open (dispute), owner_missing (owner).
Result<Dispute> assign_dispute(Context& context, std::string_view number, std::string_view owner);

enum class DisputeResolution : std::uint8_t { kCreditNote = 1, kWriteOff = 2, kReject = 3 };
struct ResolveDisputeRequest {
  std::string dispute_number;
  DisputeResolution resolution = DisputeResolution::kCreditNote;
  std::string note;  // required to reject
};
struct ResolvedDispute {
  Dispute dispute;
  std::optional<CreditNote> credit_note;
  std::optional<WriteOff> write_off;
};
// Resolves an open dispute (journaled as dispute.resolved): by a credit note (cause dispute,
// for its amount: on its line, or spread over the invoice's lines by what is left of each;
// the net is the amount less the line's VAT), by a write-off (kind dispute), or rejected (the
// amount is due again). Fails with dispute_not_found, dispute_not_open (dispute), note_missing
// (note), and the credit note's or write-off's errors.
Result<ResolvedDispute> resolve_dispute(Context& context, const ResolveDisputeRequest& request);

struct WriteOffInput {
  std::string invoice_number;
  std::optional<Money> amount;  // none: all that is open
  WriteOffKind kind = WriteOffKind::kSmallBalance;
  std::string reason;
  std::string dispute_number;  // "" when none
  Date on;                     // the posting date
};
// Writes off part of an invoice at once, inside the caller's transaction: the invoice's
// written_off grows, the customer's receivables shrink, a posted WO-… is recorded and posted
// (disputes.h post_write_off: the gross; VAT is not reclaimed here) and journaled as
// invoice.written_off with the context's actor. Cash application calls it for a short
// payment within write_off_limit. Fails with invoice_not_found (invoice) and write_off_amount's
// errors.
Result<WriteOff> write_off_invoice(StoreWriter& writer, const Context& context,
                                   const WriteOffInput& input);

struct WriteOffRequest {
  std::string invoice_number;
  std::string amount;  // "": all that is open
  std::string reason;
};
// Asks for a bad-debt write-off (journaled as write_off.requested); nothing is posted until
// someone else approves it. Fails with invoice_not_found (invoice), reason_missing (reason),
// invalid_amount and write_off_amount's errors (amount).
Result<WriteOff> request_bad_debt_write_off(Context& context, const WriteOffRequest& request);
// Approves (posts, as write_off_invoice does) or rejects a requested write-off. Fails with
// write_off_not_found, write_off_not_pending (write_off), self_approval (as), reason_missing
// (a rejection without a reason), and on approval write_off_amount's errors.
Result<WriteOff> approve_write_off(Context& context, std::string_view number);
Result<WriteOff> reject_write_off(Context& context, std::string_view number,
                                  std::string_view reason);
Result<std::vector<WriteOff>> list_write_offs(Context& context, bool pending_only);

struct PromiseRequest {
  std::string customer_number;
  std::string invoice_number;  // "": the customer's account
  std::string amount;          // decimal in the invoice's (or customer's) currency
  Date by;
};
// Records a promise to pay made today (journaled as promise.made). Fails with
// customer_not_found (customer), invoice_not_found / invoice_not_of_customer (invoice),
// invalid_amount / promise_amount_invalid (amount), promise_date_past (by).
Result<PaymentPromise> add_promise(Context& context, const PromiseRequest& request);
Result<std::vector<PaymentPromise>> list_promises(Context& context, bool open_only);

struct PromiseCheckOutcome {
  std::vector<PaymentPromise> kept;
  std::vector<PaymentPromise> broken;  // escalated: journaled as promise.broken
  std::vector<PaymentPromise> still_open;
};
// Finds each open promise kept or broken as of `as_of` (disputes.h evaluate_promise) and
// records it (promise.kept / promise.broken). Safe to run again.
Result<PromiseCheckOutcome> check_promises(Context& context, Date as_of);

}  // namespace o2c::app
