// cashapp.h — cash application: which open invoices an incoming payment (a bank statement
// line, a lockbox item) settles, how sure we are, and why. Rules encoded:
//   * the payer is recognised by the bank account it paid from, by its name (as banks mangle
//     it), or through the invoices its remittance text names;
//   * invoice numbers are found in remittance text also when mangled: prefix missing
//     ("2026-000123"), separators dropped or added ("INV 2026 000123", "INV2026000123"),
//     leading zeros dropped ("INV-2026-123"), OCR confusions (O↔0, I/l↔1, S↔5, B↔8);
//   * without a usable reference, the amount decides: one open item of exactly that amount,
//     a set of the payer's open items that sums to it (a bundle), or the item it pays within
//     the early-payment discount;
//   * a payment short of what it names by at most the tolerance settles the items anyway:
//     the difference is written off (up to the write-off limit) or becomes a deduction that
//     someone must work (a dispute); a larger shortfall is a partial payment;
//   * only a candidate at or above the auto-apply confidence, clearly ahead of the next one,
//     is applied without a person; everything else waits in the review worklist with its
//     ranked suggestions.
// The engine is pure: it matches against a snapshot (MatchIndex). Applying the results is the
// app's job (app/), which re-checks every open amount as it applies, so two payments of one
// batch proposing the same invoice never settle more than is open.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/ids.h"
#include "core/money.h"
#include "payments/payments.h"

namespace o2c {

// A credit on the company's bank account, as cash application sees it.
struct IncomingPayment {
  std::int64_t line_id = 0;  // the caller's id (a statement line's)
  Money amount;              // > 0, in the currency of the account
  Date value_date;
  std::string remittance;            // unstructured remittance text, as the bank gave it
  std::string structured_reference;  // a creditor reference or document number field, if any
  std::string payer_name;
  std::string payer_account;  // IBAN or account number, as given
};

// What cash application knows of a customer to recognise it as the payer.
struct PayerProfile {
  CustomerId customer;
  std::string customer_number;
  std::string name;
  std::vector<std::string> accounts;  // bank accounts it is known to pay from
};

struct MatchingRules {
  int auto_apply_confidence = 90;  // percent; at or above (and clearly best): applied unseen
  int clear_lead = 10;             // points the best candidate must lead the next one by
  // A shortfall within tolerance — at most the smaller of `short_tolerance` of what is named
  // and `short_tolerance_minor` — settles the items anyway.
  BasisPoints short_tolerance{200};
  std::int64_t short_tolerance_minor = 5'000;
  // Up to this (in minor units of the payment's currency) the shortfall is written off;
  // above it, it becomes a deduction (a dispute on the last item).
  std::int64_t write_off_limit_minor = 500;
  std::size_t max_bundle_items = 12;  // bound on the subset search over one payer's items
};

// Numbers are persisted (worklist suggestions): never renumber, never reuse.
enum class MatchReason : std::uint8_t {
  kInvoiceNumber = 1,         // an invoice number found exactly in the remittance
  kInvoiceNumberFuzzy = 2,    // found after undoing a mangling (prefix, zeros, OCR)
  kPayerAccount = 3,          // the payer's bank account is a customer's
  kPayerName = 4,             // the payer's name is (close to) a customer's
  kExactAmount = 5,           // the amount is exactly the open amount of what is matched
  kBundle = 6,                // several items whose open amounts sum to the amount
  kPartialPayment = 7,        // less than named, beyond tolerance: a part payment
  kShortWithinTolerance = 8,  // short by at most the tolerance: written off or deducted
  kDiscountTaken = 9,         // the early-payment discount was taken within its window
  kOverpayment = 10,          // more than named: the rest stays on account
  kOldestOpen = 11,           // no reference, no exact amount: the payer's oldest items
};
std::string_view wire_name(MatchReason reason);

// What happens to the part of the matched items the payment does not cover.
enum class Shortfall : std::uint8_t { kNone = 0, kWriteOff = 1, kDeduction = 2 };
std::string_view wire_name(Shortfall shortfall);

struct ProposedApplication {
  InvoiceId invoice;
  std::string invoice_number;
  Money amount;    // cash applied
  Money discount;  // early-payment discount granted with it (zero when none)
};

struct MatchCandidate {
  CustomerId customer;
  std::string customer_number;
  std::vector<ProposedApplication> applications;  // empty: the payer only (all unapplied)
  // What the applications leave open that `shortfall` settles; it falls on the last
  // application (cash goes to the items in order).
  Money short_amount;
  Shortfall shortfall = Shortfall::kNone;
  Money unapplied;                   // the part of the payment left on the customer's account
  int confidence = 0;                // 0–100
  std::vector<MatchReason> reasons;  // why, strongest first
};

struct MatchResult {
  std::int64_t line_id = 0;
  bool auto_apply = false;                 // candidates.front() may be applied unseen
  std::vector<MatchCandidate> candidates;  // best first; at most 5; empty: no idea
};

// Open items and payers indexed once, for matching many payments against the same snapshot
// (100,000 statement lines against 1,000,000 open items in well under a second). An item's
// `open` is before any early-payment discount: the engine prices the discount itself from
// `discount_offer` and `discount_until` for each payment's value date (`discount` is ignored).
// Items of any currency may be indexed; a payment is only ever matched to items in its own.
class MatchIndex {
 public:
  MatchIndex(std::vector<OpenItem> items, std::vector<PayerProfile> payers);
  ~MatchIndex();
  MatchIndex(MatchIndex&&) noexcept;
  MatchIndex& operator=(MatchIndex&&) noexcept;

  struct Tables;  // the hash indexes (cashapp/*.cc)
  const Tables& tables() const { return *tables_; }

 private:
  std::unique_ptr<Tables> tables_;
};

// Matches every payment on its own against the index (pure; the results are in the order
// of `payments`).
std::vector<MatchResult> match_payments(const MatchIndex& index,
                                        std::span<const IncomingPayment> payments,
                                        const MatchingRules& rules);

// The canonical keys of the invoice numbers written in remittance text, in order: each its
// series year and sequence ("INV-2026-000123", "inv 2026 123", "2O26-OOO123" → "2026-123");
// empty when the text holds none. Exposed for tests and for the worklist's search box.
std::vector<std::string> invoice_keys_in(std::string_view text);

}  // namespace o2c
