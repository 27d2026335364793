// Use cases of a payment after it was received: refunds of unapplied cash, reversals that
// reopen invoices, a payment's details and a customer's credit balance.
#include <algorithm>

#include "app/use_case.h"
#include "core/limits.h"

namespace o2c::app {
namespace {

Result<Currency> company_currency_of(StoreReader& reader) {
  O2C_ASSIGN_OR_RETURN(std::string code, reader.company_currency());
  return currency_from_code(code);
}

Result<PaymentRecord> require_payment(StoreReader& reader, std::string_view number) {
  O2C_ASSIGN_OR_RETURN(std::optional<PaymentRecord> record, reader.find_payment_record(number));
  if (!record)
    return not_found("payment_not_found", "no payment with number '" + std::string(number) + "'",
                     "payment");
  return std::move(*record);
}

// Unapplied cash leaving a payment: at its share of the payment's company amount, so that a
// foreign-currency payment's unapplied cash is cleared at the rate it came in at.
Result<LedgerEntry> refund_entry(StoreReader& reader, const Payment& payment,
                                 const PaymentRefund& refund) {
  O2C_ASSIGN_OR_RETURN(Currency company, company_currency_of(reader));
  LedgerEntry entry{payment.number, refund.refunded_on, "refund " + refund.number, {}, kFxRateOne};
  Money share = refund.amount;
  if (payment.amount.currency != company) {
    O2C_ASSIGN_OR_RETURN(std::optional<DocumentFx> fx, reader.find_document_fx(payment.number));
    const Money payment_company = fx ? fx->company_amount : zero(company);
    if (fx) entry.rate = fx->rate;
    O2C_ASSIGN_OR_RETURN(Money consumed_before, subtract(payment.amount, payment.unapplied));
    O2C_ASSIGN_OR_RETURN(
        share, settled_share(payment_company, payment.amount, consumed_before, refund.amount));
  }
  entry.lines = {LedgerLine{Account::kUnappliedCash, refund.amount, share},
                 LedgerLine{Account::kCash, negate(refund.amount), negate(share)}};
  assert_translated(entry, company);
  return entry;
}

Result<PaymentRefund> record_refund(StoreWriter& writer, const Context& context,
                                    const PaymentRefundRequest& request,
                                    const std::string& gateway_reference) {
  O2C_ASSIGN_OR_RETURN(PaymentRecord record, require_payment(writer, request.payment_number));
  O2C_RETURN_IF_ERROR(check_refund(record.payment, record.status, request.amount, request.reason));
  const Date today = context.clock.today();
  PaymentRefund refund{"",    record.payment.id, request.amount,
                       today, request.reason,    gateway_reference};
  O2C_ASSIGN_OR_RETURN(refund.number, writer.next_document_number("RF", numbering_year(today)));
  O2C_ASSIGN_OR_RETURN(LedgerEntry entry, refund_entry(writer, record.payment, refund));
  O2C_RETURN_IF_ERROR(writer.post(entry));
  O2C_RETURN_IF_ERROR(writer.insert_refund(refund));
  O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer,
                       writer.find_customer(record.payment.customer));
  O2C_ASSERT(customer.has_value());
  O2C_ASSIGN_OR_RETURN(CustomerBalance balance, writer.customer_balance(*customer));
  O2C_ASSIGN_OR_RETURN(balance.unapplied_cash, subtract(balance.unapplied_cash, refund.amount));
  O2C_RETURN_IF_ERROR(writer.save_customer_balance(customer->id, balance));
  O2C_ASSIGN_OR_RETURN(Money unapplied, subtract(record.payment.unapplied, refund.amount));
  EventPayload payload{{"payment", record.payment.number},
                       {"customer", record.payment.customer_number},
                       {"amount", event_amount(refund.amount)},
                       {"refunded_on", format_date(today)},
                       {"reason", refund.reason},
                       {"unapplied", event_amount(unapplied)}};
  if (!gateway_reference.empty()) payload.set("gateway_reference", gateway_reference);
  O2C_RETURN_IF_ERROR(append_event(writer, context, "payment.refunded", refund.number, payload));
  return refund;
}

// Card payments go back to the card: the gateway refunds first (outside the writer).
Result<std::string> refund_at_gateway(Context& context, CardGateway* gateway,
                                      const PaymentRefundRequest& request) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, context.store.reader());
  O2C_ASSIGN_OR_RETURN(PaymentRecord record, require_payment(*reader, request.payment_number));
  O2C_RETURN_IF_ERROR(check_refund(record.payment, record.status, request.amount, request.reason));
  if (!record.card) return std::string();
  if (gateway == nullptr)
    return failed_precondition("card_gateway_not_configured",
                               "payment " + record.payment.number +
                                   " was made by card: configure the card gateway to refund it",
                               "card_gateway");
  O2C_ASSIGN_OR_RETURN(std::vector<PaymentRefund> earlier,
                       reader->payment_refunds(record.payment.id));
  const std::string key = record.payment.number + "/refund/" + std::to_string(earlier.size() + 1) +
                          "/" + format_money(request.amount);
  return gateway->refund(RefundRequest{key, record.card->charge_id, request.amount});
}

// Takes one application off its invoice; returns the invoice as reopened.
Result<ReopenedInvoice> reopen_invoice(StoreWriter& writer, const AppliedAmount& applied) {
  O2C_ASSIGN_OR_RETURN(std::optional<Invoice> invoice, writer.find_invoice(applied.invoice_number));
  O2C_ASSERT(invoice.has_value());
  O2C_ASSERT(invoice->paid.minor >= applied.amount.minor);
  O2C_ASSIGN_OR_RETURN(invoice->paid, subtract(invoice->paid, applied.amount));
  // The discount goes with the payment whose application settled the invoice within its
  // period: nothing can be applied to an invoice after that one.
  Money discount = zero(invoice->currency);
  if (applied.last_on_invoice && invoice->discount_taken.minor > 0) {
    discount = invoice->discount_taken;
    invoice->discount_taken = zero(invoice->currency);
  }
  O2C_RETURN_IF_ERROR(writer.update_invoice_settlement(*invoice));
  return ReopenedInvoice{invoice->number, applied.amount, discount, invoice_state(*invoice)};
}

// Every entry the payment posted, posted again negated on `date` at its own rate: the cash,
// realised FX, discounts, applications of unapplied cash and refunds all net to nothing.
Status reverse_postings(StoreWriter& writer, const Payment& payment, Date date) {
  O2C_ASSIGN_OR_RETURN(std::vector<LedgerEntry> entries, writer.ledger_entries_of(payment.number));
  O2C_ASSERT(!entries.empty());
  for (LedgerEntry& entry : entries) {
    entry.date = date;
    entry.description = "reversal: " + entry.description;
    for (LedgerLine& line : entry.lines) {
      line.amount = negate(line.amount);
      line.company_amount = negate(line.company_amount);
    }
    O2C_RETURN_IF_ERROR(writer.post(entry));
  }
  return {};
}

Result<PaymentReversalOutcome> reverse_in_writer(StoreWriter& writer, const Context& context,
                                                 const PaymentReversalRequest& request) {
  O2C_ASSIGN_OR_RETURN(PaymentRecord record, require_payment(writer, request.payment_number));
  O2C_RETURN_IF_ERROR(check_reversible(record.payment, record.status));
  const Date today = context.clock.today();
  if (today < record.payment.received_on)
    return failed_precondition("reversal_before_receipt",
                               "payment " + record.payment.number + " was received on " +
                                   format_date(record.payment.received_on) + ", after today (" +
                                   format_date(today) + ")",
                               "payment");
  O2C_ASSIGN_OR_RETURN(std::vector<AppliedAmount> applications,
                       writer.payment_applications(record.payment.id));
  PaymentReversalOutcome outcome;
  outcome.unapplied_reversed = record.payment.unapplied;
  const Currency currency = record.payment.amount.currency;
  Money reopened_total = zero(currency);
  std::vector<EventPayload> reopened_events;
  for (const AppliedAmount& applied : applications) {
    O2C_ASSIGN_OR_RETURN(ReopenedInvoice reopened, reopen_invoice(writer, applied));
    O2C_ASSIGN_OR_RETURN(reopened_total, add(reopened_total, reopened.amount));
    O2C_ASSIGN_OR_RETURN(reopened_total, add(reopened_total, reopened.discount));
    EventPayload event{{"invoice", reopened.invoice_number},
                       {"amount", event_amount(reopened.amount)},
                       {"state", wire_name(reopened.state)}};
    if (reopened.discount.minor > 0) event.set("discount", event_amount(reopened.discount));
    reopened_events.push_back(std::move(event));
    outcome.reopened.push_back(std::move(reopened));
  }
  O2C_RETURN_IF_ERROR(reverse_postings(writer, record.payment, today));
  O2C_RETURN_IF_ERROR(writer.mark_payment_reversed(record.payment.id, today, request.reason));

  O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer,
                       writer.find_customer(record.payment.customer));
  O2C_ASSERT(customer.has_value());
  O2C_ASSIGN_OR_RETURN(CustomerBalance balance, writer.customer_balance(*customer));
  O2C_ASSIGN_OR_RETURN(balance.open_receivables, add(balance.open_receivables, reopened_total));
  O2C_ASSIGN_OR_RETURN(balance.unapplied_cash,
                       subtract(balance.unapplied_cash, outcome.unapplied_reversed));
  O2C_RETURN_IF_ERROR(writer.save_customer_balance(customer->id, balance));
  O2C_RETURN_IF_ERROR(append_event(writer, context, "payment.reversed", record.payment.number,
                                   {{"customer", record.payment.customer_number},
                                    {"amount", event_amount(record.payment.amount)},
                                    {"reason", wire_name(request.reason)},
                                    {"reversed_on", format_date(today)},
                                    {"reopened", reopened_events},
                                    {"unapplied", event_amount(outcome.unapplied_reversed)}}));
  O2C_ASSIGN_OR_RETURN(outcome.payment, require_payment(writer, request.payment_number));
  O2C_ASSERT(outcome.payment.status == PaymentStatus::kReversed);
  return outcome;
}

}  // namespace

Result<PaymentRefund> refund_payment(Context& context, CardGateway* gateway,
                                     const PaymentRefundRequest& request) {
  O2C_ASSIGN_OR_RETURN(std::string gateway_reference, refund_at_gateway(context, gateway, request));
  return context.store.write<PaymentRefund>([&](StoreWriter& writer) -> Result<PaymentRefund> {
    return record_refund(writer, context, request, gateway_reference);
  });
}

Result<PaymentReversalOutcome> reverse_payment(Context& context,
                                               const PaymentReversalRequest& request) {
  return context.store.write<PaymentReversalOutcome>(
      [&](StoreWriter& writer) -> Result<PaymentReversalOutcome> {
        return reverse_in_writer(writer, context, request);
      });
}

Result<PaymentDetails> payment_details(Store& store, std::string_view payment_number) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store.reader());
  PaymentDetails details;
  O2C_ASSIGN_OR_RETURN(details.record, require_payment(*reader, payment_number));
  O2C_ASSIGN_OR_RETURN(details.applications,
                       reader->payment_applications(details.record.payment.id));
  O2C_ASSIGN_OR_RETURN(details.refunds, reader->payment_refunds(details.record.payment.id));
  return details;
}

Result<CustomerCreditBalance> customer_credit_balance(Store& store, std::string_view number) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store.reader());
  CustomerCreditBalance result;
  O2C_ASSIGN_OR_RETURN(result.customer, require_customer(*reader, number, "customer"));
  const Currency currency = result.customer.currency;
  result.receivables = result.unapplied_cash = result.unused_credit = zero(currency);
  O2C_ASSIGN_OR_RETURN(result.open_items, reader->open_items(result.customer.id));
  for (const OpenItem& item : result.open_items) {
    if (item.open.currency != currency) continue;
    O2C_ASSIGN_OR_RETURN(result.receivables, add(result.receivables, item.open));
  }
  O2C_ASSIGN_OR_RETURN(std::vector<Payment> payments,
                       reader->list_payments(result.customer.id, kPaymentTargetsMax * 100));
  for (Payment& payment : payments) {
    if (payment.unapplied.minor == 0 || payment.unapplied.currency != currency) continue;
    O2C_ASSIGN_OR_RETURN(result.unapplied_cash, add(result.unapplied_cash, payment.unapplied));
    result.unapplied_payments.push_back(std::move(payment));
  }
  O2C_ASSIGN_OR_RETURN(std::vector<CreditNote> notes,
                       reader->list_credit_notes(result.customer.id, kPaymentTargetsMax * 100));
  for (const CreditNote& note : notes) {
    if (note.currency != currency) continue;
    O2C_ASSIGN_OR_RETURN(Money left, subtract(note.gross_total, note.allocated));
    O2C_ASSIGN_OR_RETURN(result.unused_credit, add(result.unused_credit, left));
  }
  O2C_ASSIGN_OR_RETURN(Money net, subtract(result.receivables, result.unapplied_cash));
  O2C_ASSIGN_OR_RETURN(result.net_balance, subtract(net, result.unused_credit));
  return result;
}

}  // namespace o2c::app
