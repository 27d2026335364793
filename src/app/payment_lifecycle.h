// payment_lifecycle.h — payments after they were received (issue 5, "Payments"): card payments
// through a gateway, refunds of unapplied cash, reversals that reopen invoices, customer
// credit balances, and SEPA Core direct debits collected under mandates into pain.008 files.
// Included from app.h.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "payments/payments.h"

namespace o2c::app {

// ---- cards ----------------------------------------------------------------------------------

// The card gateway chosen with `o2c config card-gateway NAME` (setting card.gateway). Fails
// with failed_precondition card_gateway_not_configured, or card_gateway_named's errors.
Result<std::unique_ptr<CardGateway>> load_card_gateway(StoreReader& reader);
// Stores the gateway's name (journaled as config.card_gateway). Fails with unknown_card_gateway.
Status set_card_gateway(Context& context, std::string_view name);

struct CardPaymentRequest {
  PaymentRequest payment;  // the method is card; an empty reference becomes "card <charge id>"
  std::string card_token;  // the gateway's token; never a card number
};
struct CardPaymentOutcome {
  PaymentOutcome recorded;
  CardDetails card;
};
// Charges the card through the gateway and records the approved charge as a card payment
// applied as record_payments applies it; the card details kept are the gateway's references,
// brand and last four. Checked before the charge, in order: check_card_token
// (card_number_not_allowed, invalid_card_token at card_token), card_number_not_allowed at
// payment.reference (a reference that looks like a card number), customer_not_found,
// validate_payment's errors, duplicate_payment, the named invoices' errors. A declined charge
// records nothing: failed_precondition card_declined ("declined: <reason> (<code>)") at
// card_token; a gateway that cannot be reached: unavailable gateway_unreachable. If recording
// fails after the charge, the charge is refunded at the gateway.
Result<CardPaymentOutcome> record_card_payment(Context& context, CardGateway& gateway,
                                               const CardPaymentRequest& request);

// ---- refunds and reversals ------------------------------------------------------------------

struct PaymentRefundRequest {
  std::string payment_number;
  Money amount;
  std::string reason;
};
// Pays back `amount` of a payment's unapplied cash on the clock's date (RF-… number): unapplied
// cash debited, cash credited (at the payment's rate in a foreign currency), the customer's
// unapplied cash down, journaled as payment.refunded. A card payment is refunded through the
// gateway (its reference kept); `gateway` may be null for other methods. Fails with
// payment_not_found (payment), check_refund's errors, card_gateway_not_configured.
Result<PaymentRefund> refund_payment(Context& context, CardGateway* gateway,
                                     const PaymentRefundRequest& request);

struct PaymentReversalRequest {
  std::string payment_number;
  ReversalReason reason = ReversalReason::kBouncedCheque;
};
struct ReopenedInvoice {
  std::string invoice_number;
  Money amount;    // what the payment had paid of it
  Money discount;  // the early-payment discount taken with it, now reversed
  InvoiceState state;
};
struct PaymentReversalOutcome {
  PaymentRecord payment;  // as reversed
  std::vector<ReopenedInvoice> reopened;
  Money unapplied_reversed;  // the payment's unapplied cash that went with it
};
// The bank took the money back (a bounced cheque, a chargeback, a returned direct debit, a
// bank error), on the clock's date: every application is undone (the invoices' paid amounts
// go down and they are open or partially paid again; an early-payment discount the payment
// took is reversed with it), every ledger entry the payment posted (its cash, realised FX,
// discounts, later applications, refunds) is posted again negated at its own rates — so
// receivables are debited for what was applied, unapplied cash for the rest, cash credited,
// and FX nets out — the payment is marked reversed and journaled as payment.reversed with the
// reason. Fails with payment_not_found (payment), payment_already_reversed (payment),
// reversal_before_receipt (payment).
Result<PaymentReversalOutcome> reverse_payment(Context& context,
                                               const PaymentReversalRequest& request);

// A payment with what happened to it: applications in force, refunds.
struct PaymentDetails {
  PaymentRecord record;
  std::vector<AppliedAmount> applications;
  std::vector<PaymentRefund> refunds;
};
Result<PaymentDetails> payment_details(Store& store, std::string_view payment_number);

// What the customer owes and holds, in the customer's currency.
struct CustomerCreditBalance {
  Customer customer;
  Money receivables;     // open amounts of the customer's invoices
  Money unapplied_cash;  // payments not yet applied (nor refunded)
  Money unused_credit;   // credit notes not yet allocated to invoices
  Money net_balance;     // receivables − unapplied cash − unused credit (< 0: we owe them)
  std::vector<OpenItem> open_items;
  std::vector<Payment> unapplied_payments;
};
// Fails with customer_not_found at "customer".
Result<CustomerCreditBalance> customer_credit_balance(Store& store, std::string_view number);

// ---- SEPA direct debit ----------------------------------------------------------------------

// Stores the company's creditor settings (settings creditor.*; journaled as config.creditor).
// Fails with checked_creditor's errors, nothing stored.
Result<Creditor> set_creditor(Context& context, const Creditor& creditor);
Result<std::optional<Creditor>> load_creditor(StoreReader& reader);

struct MandateRequest {
  std::string customer_number;
  std::string mandate_id;
  std::string iban;
  std::string bic;
  Date signed_on;
};
// Adds an active mandate (journaled as mandate.added). Fails with customer_not_found
// (customer), currency_not_eur (customer: SEPA collects euro), checked_mandate's errors,
// already_exists mandate_exists (mandate_id), failed_precondition active_mandate_exists
// (customer: revoke the other first).
Result<Mandate> add_mandate(Context& context, const MandateRequest& request);
// Revokes a mandate on the clock's date (journaled as mandate.revoked): no collection under it
// any more. Fails with mandate_not_found, mandate_already_revoked (mandate_id).
Result<Mandate> revoke_mandate(Context& context, std::string_view mandate_id);
Result<std::vector<Mandate>> list_mandates(Store& store, std::optional<std::string> customer);

struct DirectDebitCollection {
  std::string invoice_number;
  std::string customer_number;
  std::string mandate_id;
  SequenceType sequence_type = SequenceType::kFirst;
  Money amount;    // collected: the open amount less an early-payment discount due
  Money discount;  // taken with it
  std::string payment_number;
};
struct DirectDebitRun {
  std::string batch_number;  // DD-…, the file's message id; empty when nothing was collected
  Date collection_date;
  std::vector<DirectDebitCollection> collected;
  Money control_sum;
  std::string pain008;  // the pain.008.001.02 file; empty when nothing was collected
};
// Collects, on `collection_date`, every open invoice due by then whose customer has an active
// mandate and that no direct debit collected before: one pain.008.001.02 file (FRST for a
// mandate's first collection, RCUR after) and, per invoice, a payment (method direct_debit,
// reference "DD <invoice>", received on the collection date) applied to it; the batch is
// stored so no invoice is collected twice, and journaled as directdebit.collected. Nothing
// due: an empty run, nothing stored. Fails with failed_precondition creditor_not_set, the
// writer's errors (write_pain008) and record_payments'.
Result<DirectDebitRun> collect_direct_debits(Context& context, Date collection_date);

}  // namespace o2c::app
