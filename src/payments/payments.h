// payments.h — cash from customers and where it goes. Rules encoded: a payment is positive,
// in the customer's currency and carries the payer's reference (recognised on a retry: the
// same customer and reference is a duplicate); it is applied to that customer's own open
// invoices — the ones named, in the order named, or else the oldest due first — never
// beyond an invoice's open amount; what is left stays on account as unapplied cash.
// Card payments go through a gateway (card_gateway.cc): o2c keeps the gateway's token and
// charge references, the brand and the last four digits, never the card number (PCI DSS 3.2:
// no sensitive authentication data; anything that looks like a card number is refused). A
// payment can be refunded from its unapplied cash, and reversed (a bounced cheque, a
// chargeback, a returned direct debit) once. SEPA Core direct debits (sepa_rules.cc) collect
// under a mandate; IBANs pass ISO 13616 mod-97, creditor identifiers the EPC262-08 check.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/ids.h"
#include "core/money.h"
#include "core/result.h"
#include "customers/customers.h"

namespace o2c {

// Numbers are persisted: never renumber, never reuse.
enum class PaymentMethod : std::uint8_t {
  kBankTransfer = 1,
  kCard = 2,
  kCheque = 3,
  kDirectDebit = 4,
  kCash = 5,
};
std::string_view wire_name(PaymentMethod method);
Result<PaymentMethod> payment_method_from_wire(std::string_view name);

struct Payment {
  PaymentId id;
  std::string number;  // "PAY-2026-000001"
  CustomerId customer;
  std::string customer_number;
  Money amount;
  Date received_on;
  PaymentMethod method = PaymentMethod::kBankTransfer;
  std::string reference;  // the payer's reference (remittance text, cheque number)
  Money unapplied;        // what is still on account
};

// Checks a payment as it comes in, before it is stored.
Status validate_payment(const Payment& payment, const Customer& customer);

// An invoice that can take cash, as cash application sees it.
struct OpenItem {
  InvoiceId invoice;
  std::string invoice_number;
  CustomerId customer;
  std::string customer_number;
  Date invoice_date;
  Date due_date;
  Money open;   // gross − paid − credited − discount taken
  Money gross;  // the invoice total
  // The invoice's early-payment discount offer (billing.h); the app turns it into `discount`
  // for a payment's date, and `open` is then what settles the item with it.
  BasisPoints discount_offer;
  std::optional<Date> discount_until;
  Money discount;  // taken when an application settles the item
};

struct Application {
  InvoiceId invoice;
  std::string invoice_number;
  Money amount;
};

// How application picks invoices when none are named.
enum class ApplicationOrder : std::uint8_t { kAsNamed, kOldestDueFirst };

// Plans how `available` cash of `payment` settles `items`. With kAsNamed the items are the
// ones the payer named (each must be the payer's, in its currency, and still open); with
// kOldestDueFirst they are all the customer's open items. Never applies more than an item's
// open amount or than `available`.
Result<std::vector<Application>> plan_application(const Payment& payment, Money available,
                                                  std::span<const OpenItem> items,
                                                  ApplicationOrder order);

// ---- the life of a payment after it was received (migration 0016) ---------------------------

// Numbers are persisted: never renumber, never reuse.
enum class PaymentStatus : std::uint8_t { kReceived = 1, kReversed = 2 };
std::string_view wire_name(PaymentStatus status);
Result<PaymentStatus> payment_status_from_wire(std::string_view name);

// Why the bank took the money back. Numbers are persisted: never renumber, never reuse.
enum class ReversalReason : std::uint8_t {
  kBouncedCheque = 1,
  kChargeback = 2,
  kDirectDebitReturn = 3,
  kBankError = 4,
};
std::string_view wire_name(ReversalReason reason);
// Fails with invalid_argument unknown_reversal_reason at "reason".
Result<ReversalReason> reversal_reason_from_wire(std::string_view name);

// A payment may be reversed while it is received (fails with failed_precondition
// payment_already_reversed at "payment").
Status check_reversible(const Payment& payment, PaymentStatus status);
// A refund takes `amount` from the payment's unapplied cash: positive, in the payment's
// currency, never more than is unapplied, never of a reversed payment. Fails with
// payment_already_reversed (payment), currency_mismatch, amount_must_be_positive,
// refund_exceeds_unapplied (amount), reason_required (reason).
Status check_refund(const Payment& payment, PaymentStatus status, Money amount,
                    std::string_view reason);

// A refund of unapplied cash, paid back to the customer (numbered RF-…).
struct PaymentRefund {
  std::string number;
  PaymentId payment;
  Money amount;
  Date refunded_on;
  std::string reason;
  std::string gateway_reference;  // a card refund's reference at the gateway; else empty
};

// One application of a payment to an invoice, as stored.
struct AppliedAmount {
  InvoiceId invoice;
  std::string invoice_number;
  Money amount;
  Date applied_on;
  bool last_on_invoice = false;  // no later application (not undone) settles the invoice
};

// ---- cards through a gateway (card_gateway.cc) ----------------------------------------------

// What o2c keeps of a card: references, never the number.
struct CardDetails {
  std::string gateway;    // "sandbox"
  std::string charge_id;  // the gateway's reference of the charge
  std::string token;      // the gateway's token of the card ("tok_visa")
  std::string brand;      // "visa"
  std::string last4;      // "4242"
};

struct ChargeRequest {
  std::string idempotency_key;  // the same key never charges twice
  std::string token;
  Money amount;
  std::string description;
};
struct ChargeOutcome {
  bool approved = false;
  CardDetails card;            // when approved
  std::string decline_code;    // when declined: "card_declined", "insufficient_funds"
  std::string decline_reason;  // for a person
};
struct RefundRequest {
  std::string idempotency_key;
  std::string charge_id;
  Money amount;
};

// A card payment provider. A declined charge is an outcome (approved false, with its reason);
// a charge that could not be made (network, provider down) is an error of kind unavailable,
// and may be retried with the same idempotency key.
class CardGateway {
 public:
  virtual ~CardGateway() = default;
  virtual std::string_view name() const = 0;
  virtual Result<ChargeOutcome> charge(const ChargeRequest& request) = 0;
  // Returns the gateway's refund reference.
  virtual Result<std::string> refund(const RefundRequest& request) = 0;
};

// The sandbox gateway, deterministic like payment providers' test modes: tok_visa and
// tok_mastercard approve (last four 4242, 4444), tok_amex approves (0005);
// tok_chargeDeclined declines (card_declined), tok_chargeDeclinedInsufficientFunds declines
// (insufficient_funds), tok_chargeDeclinedExpiredCard declines (expired_card);
// tok_networkError fails as a network error (unavailable gateway_unreachable). Any other token
// is refused (invalid_argument unknown_card_token). Charge and refund ids derive from the
// idempotency key, so a retry gets the same id.
std::unique_ptr<CardGateway> make_sandbox_gateway();
// The gateway configured by name; fails with invalid_argument unknown_card_gateway.
Result<std::unique_ptr<CardGateway>> card_gateway_named(std::string_view name);

// True when `text` holds 13 to 19 digits (spaces and dashes aside) that pass the Luhn check:
// what a primary account number looks like.
bool looks_like_card_number(std::string_view text);
// A gateway token reference: 1-64 letters, digits and '_'; a card number is refused with
// invalid_argument card_number_not_allowed (o2c never stores card numbers), anything else
// with invalid_card_token, both at `where`.
Status check_card_token(std::string_view token, std::string_view where);

// A payment with what happened to it after it was received.
struct PaymentRecord {
  Payment payment;
  PaymentStatus status = PaymentStatus::kReceived;
  std::optional<Date> reversed_on;
  std::string reversal_reason;  // a ReversalReason's wire name; empty while received
  Money refunded;               // paid back of its unapplied cash so far
  std::optional<CardDetails> card;
};

// ---- SEPA direct debit (sepa_rules.cc) ------------------------------------------------------

// The company as the creditor of its direct debits.
struct Creditor {
  std::string name;
  std::string iban;
  std::string bic;
  std::string creditor_id;  // "DE98ZZZ09999999999"
};
// Checks and normalises (upper case, no spaces). Fails with invalid_argument at
// creditor.<field>: name_required, iban_invalid, bic_invalid, creditor_id_invalid.
Result<Creditor> checked_creditor(Creditor creditor);
// EPC262-08: country code, two check digits (ISO 7064 mod 97-10 over the national
// identifier and the country code, the three-character business code excluded), business
// code, national identifier; at most 35 characters.
bool creditor_id_is_valid(std::string_view creditor_id);

// Numbers are persisted: never renumber, never reuse.
enum class MandateStatus : std::uint8_t { kActive = 1, kRevoked = 2 };
std::string_view wire_name(MandateStatus status);

struct Mandate {
  std::int64_t id = 0;
  CustomerId customer;
  std::string customer_number;
  std::string mandate_id;  // the unique mandate reference, 1-35 SEPA characters
  std::string iban;
  std::string bic;
  Date signed_on;
  MandateStatus status = MandateStatus::kActive;
  std::optional<Date> revoked_on;
  std::int64_t collections = 0;  // collections so far: the next one is FRST while 0
};
// Checks and normalises a new mandate (upper-case IBAN and BIC without spaces). Fails with
// invalid_argument: mandate_id_invalid (mandate_id: 1-35 of A-Z a-z 0-9 / - ? : ( ) . , ' + and
// space), iban_invalid (iban), bic_invalid (bic), signed_in_future (signed: after `today`).
Result<Mandate> checked_mandate(Mandate mandate, Date today);

// Numbers are persisted: never renumber, never reuse.
enum class SequenceType : std::uint8_t { kFirst = 1, kRecurring = 2 };
std::string_view wire_name(SequenceType type);  // "FRST", "RCUR"
// A mandate's first collection is FRST, every later one RCUR.
SequenceType next_sequence_type(const Mandate& mandate);

// An open invoice a direct debit may collect: its customer has an active mandate.
struct DirectDebitCandidate {
  OpenItem item;
  Mandate mandate;
  std::string customer_name;
};

// One collection file, with what it collected.
struct DirectDebitItem {
  InvoiceId invoice;
  std::int64_t mandate = 0;  // Mandate::id
  PaymentId payment;
  SequenceType sequence_type = SequenceType::kFirst;
  Money amount;
};
struct DirectDebitBatch {
  std::string number;  // DD-2026-000001, the file's message id
  Date collection_date;
  Date created_on;
  Money control_sum;
  std::string file_sha256;
  std::vector<DirectDebitItem> items;
};

}  // namespace o2c
