// Use cases of disputes and deductions, write-offs and promises to pay (app/disputes.h).
#include "app/disputes.h"

#include <algorithm>

#include "app/use_case.h"
#include "core/limits.h"

namespace o2c::app {
namespace {

Result<Invoice> invoice_named(StoreReader& reader, std::string_view number) {
  O2C_ASSIGN_OR_RETURN(std::optional<Invoice> invoice, reader.find_invoice(number));
  if (!invoice)
    return not_found("invoice_not_found", "no invoice with number '" + std::string(number) + "'",
                     "invoice");
  return std::move(*invoice);
}

Result<Dispute> dispute_named(StoreReader& reader, std::string_view number) {
  O2C_ASSIGN_OR_RETURN(std::optional<Dispute> dispute, reader.find_dispute(number));
  if (!dispute)
    return not_found("dispute_not_found", "no dispute with number '" + std::string(number) + "'",
                     "dispute");
  return std::move(*dispute);
}

Result<WriteOff> write_off_named(StoreReader& reader, std::string_view number) {
  O2C_ASSIGN_OR_RETURN(std::optional<WriteOff> write_off, reader.find_write_off(number));
  if (!write_off)
    return not_found("write_off_not_found",
                     "no write-off with number '" + std::string(number) + "'", "write_off");
  return std::move(*write_off);
}

// An amount typed by a person, in `currency`; "" gives none.
Result<std::optional<Money>> typed_amount(std::string_view text, Currency currency) {
  if (text.empty()) return std::optional<Money>{};
  Result<Money> amount = parse_money(text, currency);
  if (!amount)
    return invalid_argument(
        "invalid_amount",
        "'" + std::string(text) + "' is not an amount in " + std::string(currency.text()),
        "amount");
  return std::optional<Money>(*amount);
}

// A text a person must give: 1-280 bytes. `message` says what is missing.
Status require_text(std::string_view text, std::string_view reason, std::string_view where,
                    std::string_view message) {
  if (text.empty() || text.size() > kDocumentReasonBytesMax)
    return invalid_argument(std::string(reason), std::string(message) + " (1-280 bytes)",
                            std::string(where));
  return {};
}

// What open disputes contest of `invoice` already.
Result<Money> disputed_already(StoreReader& reader, const Invoice& invoice) {
  DisputeFilter filter;
  filter.open_only = true;
  filter.invoice_number = invoice.number;
  O2C_ASSIGN_OR_RETURN(std::vector<Dispute> open, reader.list_disputes(filter));
  Money total = zero(invoice.currency);
  for (const Dispute& dispute : open) {
    O2C_ASSIGN_OR_RETURN(total, add(total, dispute.amount));
  }
  return total;
}

Result<std::string> routed_owner(StoreReader& reader, DisputeReason reason,
                                 const Customer& customer) {
  O2C_ASSIGN_OR_RETURN(std::optional<std::string> text, reader.setting(kDisputeRoutingKey));
  if (!text) return std::string();
  Result<DisputeRouting> routing = parse_dispute_routing(*text, kDisputeRoutingKey);
  O2C_ASSERT(routing.has_value());  // checked when it was stored
  return route_dispute(*routing, reason, customer.segment);
}

EventPayload dispute_payload(const Dispute& dispute) {
  EventPayload payload{
      {"invoice", dispute.invoice_number},      {"customer", dispute.customer_number},
      {"reason", wire_name(dispute.reason)},    {"origin", wire_name(dispute.origin)},
      {"amount", event_amount(dispute.amount)}, {"owner", dispute.owner}};
  if (dispute.line_no) payload.set("line", *dispute.line_no);
  if (!dispute.payment_number.empty()) payload.set("payment", dispute.payment_number);
  if (!dispute.description.empty()) payload.set("description", dispute.description);
  return payload;
}

// Numbers, routes, stores and journals a dispute whose amount is checked.
Result<Dispute> record_dispute(StoreWriter& writer, const Context& context, const Invoice& invoice,
                               Dispute dispute) {
  O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer, writer.find_customer(invoice.customer));
  O2C_ASSERT(customer.has_value());
  dispute.customer_number = customer->number;
  dispute.invoice_number = invoice.number;
  dispute.opened_on = context.clock.today();
  dispute.opened_by = context.actor;
  O2C_ASSIGN_OR_RETURN(dispute.owner, routed_owner(writer, dispute.reason, *customer));
  O2C_ASSIGN_OR_RETURN(dispute.number,
                       writer.next_document_number("DSP", numbering_year(dispute.opened_on)));
  O2C_ASSIGN_OR_RETURN(dispute.id, writer.insert_dispute(dispute));
  O2C_RETURN_IF_ERROR(
      append_event(writer, context, "dispute.opened", dispute.number, dispute_payload(dispute)));
  return dispute;
}

// Settles `amount` of the invoice by the write-off `write_off` (numbered) and posts it.
Status settle_write_off(StoreWriter& writer, const Context& context, Invoice& invoice,
                        const WriteOff& write_off, Date on) {
  O2C_ASSIGN_OR_RETURN(invoice.written_off, add(invoice.written_off, write_off.amount));
  O2C_RETURN_IF_ERROR(writer.update_invoice_settlement(invoice));
  O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer, writer.find_customer(invoice.customer));
  O2C_ASSERT(customer.has_value());
  O2C_ASSIGN_OR_RETURN(CustomerBalance balance, writer.customer_balance(*customer));
  O2C_ASSIGN_OR_RETURN(balance.open_receivables,
                       subtract(balance.open_receivables, write_off.amount));
  O2C_RETURN_IF_ERROR(writer.save_customer_balance(customer->id, balance));
  O2C_RETURN_IF_ERROR(
      post_entry(writer, post_write_off(write_off.number, on, write_off.kind, write_off.amount)));
  EventPayload payload{{"invoice", invoice.number},
                       {"customer", invoice.customer_number},
                       {"kind", wire_name(write_off.kind)},
                       {"amount", event_amount(write_off.amount)},
                       {"reason", write_off.reason}};
  if (!write_off.dispute_number.empty()) payload.set("dispute", write_off.dispute_number);
  if (write_off.requested_by != context.actor) payload.set("requested_by", write_off.requested_by);
  O2C_RETURN_IF_ERROR(
      append_event(writer, context, "invoice.written_off", write_off.number, payload));
  return {};
}

}  // namespace

Status set_dispute_routing(Context& context, std::string_view toml_text, std::string_view source) {
  O2C_RETURN_IF_ERROR(parse_dispute_routing(toml_text, source));
  return context.store
      .submit([&](StoreWriter& writer) -> Status {
        O2C_RETURN_IF_ERROR(writer.save_setting(kDisputeRoutingKey, toml_text));
        O2C_RETURN_IF_ERROR(append_event(writer, context, "config.dispute_routing",
                                         kDisputeRoutingKey, {{"source", source}}));
        return {};
      })
      .get();
}

Status set_write_off_limit(Context& context, std::string_view amount) {
  // Checked as an amount of two decimals; read later in each invoice's currency.
  Result<Money> parsed = parse_money(amount, Currency{});
  if (!parsed || parsed->minor < 0)
    return invalid_argument("invalid_amount",
                            "'" + std::string(amount) + "' is not an amount (e.g. 5.00)", "amount");
  return context.store
      .submit([&](StoreWriter& writer) -> Status {
        O2C_RETURN_IF_ERROR(writer.save_setting(kWriteOffLimitKey, amount));
        O2C_RETURN_IF_ERROR(append_event(writer, context, "config.write_off_limit",
                                         kWriteOffLimitKey, {{"amount", amount}}));
        return {};
      })
      .get();
}

Result<Money> write_off_limit(StoreReader& reader, Currency currency) {
  O2C_ASSIGN_OR_RETURN(std::optional<std::string> text, reader.setting(kWriteOffLimitKey));
  if (!text) return zero(currency);
  Result<Money> limit = parse_money(*text, currency);
  return limit ? *limit : zero(currency);  // "0.005" has no meaning in EUR: no limit
}

Result<Dispute> open_dispute(Context& context, const DisputeRequest& request) {
  return context.store.write<Dispute>([&](StoreWriter& writer) -> Result<Dispute> {
    O2C_ASSIGN_OR_RETURN(Invoice invoice, invoice_named(writer, request.invoice_number));
    Dispute dispute;
    O2C_ASSIGN_OR_RETURN(dispute.reason, dispute_reason_from_wire(request.reason, "reason"));
    if (request.description.size() > kDocumentReasonBytesMax)
      return invalid_argument("description_too_long", "a description has at most 280 bytes",
                              "description");
    O2C_ASSIGN_OR_RETURN(Money already, disputed_already(writer, invoice));
    O2C_ASSIGN_OR_RETURN(Money disputable, disputable_amount(invoice, request.line_no, already));
    O2C_ASSIGN_OR_RETURN(std::optional<Money> asked,
                         typed_amount(request.amount, invoice.currency));
    O2C_ASSIGN_OR_RETURN(dispute.amount, dispute_amount(asked, disputable));
    dispute.line_no = request.line_no;
    dispute.description = request.description;
    return record_dispute(writer, context, invoice, std::move(dispute));
  });
}

Result<Dispute> open_deduction(StoreWriter& writer, const Context& context,
                               const DeductionRequest& request) {
  O2C_ASSIGN_OR_RETURN(std::optional<Payment> payment,
                       writer.find_payment_by_number(request.payment_number));
  if (!payment)
    return not_found("payment_not_found", "no payment with number '" + request.payment_number + "'",
                     "payment");
  O2C_ASSIGN_OR_RETURN(Invoice invoice, invoice_named(writer, request.invoice_number));
  if (invoice.customer != payment->customer)
    return failed_precondition("payment_not_of_customer",
                               "payment " + payment->number + " is from " +
                                   payment->customer_number + ", invoice " + invoice.number +
                                   " is to " + invoice.customer_number,
                               "invoice");
  O2C_ASSIGN_OR_RETURN(Money already, disputed_already(writer, invoice));
  O2C_ASSIGN_OR_RETURN(Money disputable, disputable_amount(invoice, std::nullopt, already));
  Dispute dispute;
  O2C_ASSIGN_OR_RETURN(dispute.amount, dispute_amount(request.amount, disputable));
  dispute.reason = request.reason;
  dispute.origin = DisputeOrigin::kDeduction;
  dispute.payment_number = payment->number;
  dispute.description = request.description;
  return record_dispute(writer, context, invoice, std::move(dispute));
}

Result<Dispute> open_deduction(Context& context, const DeductionRequest& request) {
  return context.store.write<Dispute>(
      [&](StoreWriter& writer) { return open_deduction(writer, context, request); });
}

Result<std::vector<Dispute>> list_disputes(Context& context, const DisputeFilter& filter) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, context.store.reader());
  return reader->list_disputes(filter);
}

Result<Dispute> find_dispute(Context& context, std::string_view number) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, context.store.reader());
  return dispute_named(*reader, number);
}

Result<Dispute> assign_dispute(Context& context, std::string_view number, std::string_view owner) {
  return context.store.write<Dispute>([&](StoreWriter& writer) -> Result<Dispute> {
    O2C_ASSIGN_OR_RETURN(Dispute dispute, dispute_named(writer, number));
    if (dispute.status != DisputeStatus::kOpen)
      return failed_precondition("dispute_not_open",
                                 dispute.number + " is " + std::string(wire_name(dispute.status)),
                                 "dispute");
    if (owner.empty() || owner.size() > 100)
      return invalid_argument("owner_missing", "an owner of 1-100 characters is required", "owner");
    const std::string before = dispute.owner;
    dispute.owner = owner;
    O2C_RETURN_IF_ERROR(writer.update_dispute(dispute));
    O2C_RETURN_IF_ERROR(append_event(writer, context, "dispute.assigned", dispute.number,
                                     {{"owner", dispute.owner}, {"previous_owner", before}}));
    return dispute;
  });
}

Result<WriteOff> write_off_invoice(StoreWriter& writer, const Context& context,
                                   const WriteOffInput& input) {
  O2C_ASSIGN_OR_RETURN(Invoice invoice, invoice_named(writer, input.invoice_number));
  WriteOff write_off;
  O2C_ASSIGN_OR_RETURN(write_off.amount, write_off_amount(invoice, input.amount));
  write_off.customer_number = invoice.customer_number;
  write_off.invoice_number = invoice.number;
  write_off.kind = input.kind;
  write_off.status = WriteOffStatus::kPosted;
  write_off.reason = input.reason;
  write_off.dispute_number = input.dispute_number;
  write_off.requested_by = write_off.decided_by = context.actor;
  write_off.requested_on = input.on;
  write_off.decided_on = input.on;
  O2C_ASSIGN_OR_RETURN(write_off.number,
                       writer.next_document_number("WO", numbering_year(input.on)));
  O2C_ASSIGN_OR_RETURN(write_off.id, writer.insert_write_off(write_off));
  O2C_RETURN_IF_ERROR(settle_write_off(writer, context, invoice, write_off, input.on));
  return write_off;
}

namespace {

Result<CreditNote> credit_dispute(StoreWriter& writer, const Context& context,
                                  const Dispute& dispute) {
  O2C_ASSIGN_OR_RETURN(Invoice invoice, invoice_named(writer, dispute.invoice_number));
  O2C_ASSIGN_OR_RETURN(std::vector<CreditedLine> credited, writer.credited_lines(invoice.id));
  CreditRequest request{CreditCause::kDispute,
                        "dispute " + dispute.number + ": " + std::string(wire_name(dispute.reason)),
                        false,
                        {}};
  O2C_ASSIGN_OR_RETURN(request.lines,
                       dispute_credit_lines(invoice, credited, dispute.line_no, dispute.amount));
  O2C_ASSIGN_OR_RETURN(CreditNote note,
                       plan_credit_note(invoice, credited, request, context.clock.today()));
  return issue_planned_credit(writer, context, invoice, std::move(note));
}

Status resolve_open_dispute(StoreWriter& writer, const Context& context,
                            const ResolveDisputeRequest& request, ResolvedDispute& resolved) {
  Dispute& dispute = resolved.dispute;
  switch (request.resolution) {
    case DisputeResolution::kCreditNote: {
      O2C_ASSIGN_OR_RETURN(CreditNote note, credit_dispute(writer, context, dispute));
      dispute.status = DisputeStatus::kCredited;
      dispute.resolution_document = note.number;
      resolved.credit_note = std::move(note);
      break;
    }
    case DisputeResolution::kWriteOff: {
      O2C_ASSIGN_OR_RETURN(Invoice invoice, invoice_named(writer, dispute.invoice_number));
      O2C_ASSIGN_OR_RETURN(Money open, open_amount(invoice));
      // Payments since the dispute opened may have settled part of it.
      const Money amount{std::min(open.minor, dispute.amount.minor), open.currency};
      O2C_ASSIGN_OR_RETURN(
          WriteOff write_off,
          write_off_invoice(writer, context,
                            WriteOffInput{dispute.invoice_number, amount, WriteOffKind::kDispute,
                                          "dispute " + dispute.number + ": " +
                                              std::string(wire_name(dispute.reason)),
                                          dispute.number, context.clock.today()}));
      dispute.status = DisputeStatus::kWrittenOff;
      dispute.resolution_document = write_off.number;
      resolved.write_off = std::move(write_off);
      break;
    }
    case DisputeResolution::kReject:
      O2C_RETURN_IF_ERROR(
          require_text(request.note, "note_missing", "note", "rejecting a dispute needs a note"));
      dispute.status = DisputeStatus::kRejected;
      break;
  }
  return {};
}

}  // namespace

Result<ResolvedDispute> resolve_dispute(Context& context, const ResolveDisputeRequest& request) {
  return context.store.write<ResolvedDispute>([&](StoreWriter& writer) -> Result<ResolvedDispute> {
    ResolvedDispute resolved;
    O2C_ASSIGN_OR_RETURN(resolved.dispute, dispute_named(writer, request.dispute_number));
    Dispute& dispute = resolved.dispute;
    if (dispute.status != DisputeStatus::kOpen)
      return failed_precondition(
          "dispute_not_open",
          dispute.number + " is " + std::string(wire_name(dispute.status)) + " already", "dispute");
    O2C_RETURN_IF_ERROR(resolve_open_dispute(writer, context, request, resolved));
    dispute.resolved_on = context.clock.today();
    dispute.resolved_by = context.actor;
    dispute.note = request.note;
    O2C_RETURN_IF_ERROR(writer.update_dispute(dispute));
    EventPayload payload{{"invoice", dispute.invoice_number},
                         {"resolution", wire_name(dispute.status)},
                         {"amount", event_amount(dispute.amount)}};
    if (!dispute.resolution_document.empty()) payload.set("document", dispute.resolution_document);
    if (!dispute.note.empty()) payload.set("note", dispute.note);
    O2C_RETURN_IF_ERROR(append_event(writer, context, "dispute.resolved", dispute.number, payload));
    return resolved;
  });
}

Result<WriteOff> request_bad_debt_write_off(Context& context, const WriteOffRequest& request) {
  return context.store.write<WriteOff>([&](StoreWriter& writer) -> Result<WriteOff> {
    O2C_ASSIGN_OR_RETURN(Invoice invoice, invoice_named(writer, request.invoice_number));
    O2C_RETURN_IF_ERROR(
        require_text(request.reason, "reason_missing", "reason", "a write-off needs a reason"));
    O2C_ASSIGN_OR_RETURN(std::optional<Money> asked,
                         typed_amount(request.amount, invoice.currency));
    WriteOff write_off;
    O2C_ASSIGN_OR_RETURN(write_off.amount, write_off_amount(invoice, asked));
    write_off.customer_number = invoice.customer_number;
    write_off.invoice_number = invoice.number;
    write_off.kind = WriteOffKind::kBadDebt;
    write_off.status = WriteOffStatus::kRequested;
    write_off.reason = request.reason;
    write_off.requested_by = context.actor;
    write_off.requested_on = context.clock.today();
    O2C_ASSIGN_OR_RETURN(write_off.number,
                         writer.next_document_number("WO", numbering_year(write_off.requested_on)));
    O2C_ASSIGN_OR_RETURN(write_off.id, writer.insert_write_off(write_off));
    O2C_RETURN_IF_ERROR(append_event(writer, context, "write_off.requested", write_off.number,
                                     {{"invoice", invoice.number},
                                      {"customer", invoice.customer_number},
                                      {"kind", wire_name(write_off.kind)},
                                      {"amount", event_amount(write_off.amount)},
                                      {"reason", write_off.reason}}));
    return write_off;
  });
}

Result<WriteOff> approve_write_off(Context& context, std::string_view number) {
  return context.store.write<WriteOff>([&](StoreWriter& writer) -> Result<WriteOff> {
    O2C_ASSIGN_OR_RETURN(WriteOff write_off, write_off_named(writer, number));
    O2C_RETURN_IF_ERROR(check_write_off_decision(write_off, context.actor));
    O2C_ASSIGN_OR_RETURN(Invoice invoice, invoice_named(writer, write_off.invoice_number));
    // What was open when it was asked for may have been paid since.
    O2C_RETURN_IF_ERROR(write_off_amount(invoice, write_off.amount));
    write_off.status = WriteOffStatus::kPosted;
    write_off.decided_by = context.actor;
    write_off.decided_on = context.clock.today();
    O2C_RETURN_IF_ERROR(writer.update_write_off(write_off));
    O2C_RETURN_IF_ERROR(
        settle_write_off(writer, context, invoice, write_off, *write_off.decided_on));
    return write_off;
  });
}

Result<WriteOff> reject_write_off(Context& context, std::string_view number,
                                  std::string_view reason) {
  return context.store.write<WriteOff>([&](StoreWriter& writer) -> Result<WriteOff> {
    O2C_ASSIGN_OR_RETURN(WriteOff write_off, write_off_named(writer, number));
    O2C_RETURN_IF_ERROR(check_write_off_decision(write_off, context.actor));
    O2C_RETURN_IF_ERROR(
        require_text(reason, "reason_missing", "reason", "rejecting a write-off needs a reason"));
    write_off.status = WriteOffStatus::kRejected;
    write_off.decided_by = context.actor;
    write_off.decided_on = context.clock.today();
    write_off.decision_note = reason;
    O2C_RETURN_IF_ERROR(writer.update_write_off(write_off));
    O2C_RETURN_IF_ERROR(
        append_event(writer, context, "write_off.rejected", write_off.number,
                     {{"invoice", write_off.invoice_number}, {"reason", write_off.decision_note}}));
    return write_off;
  });
}

Result<std::vector<WriteOff>> list_write_offs(Context& context, bool pending_only) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, context.store.reader());
  return reader->list_write_offs(pending_only, 10'000);
}

Result<PaymentPromise> add_promise(Context& context, const PromiseRequest& request) {
  return context.store.write<PaymentPromise>([&](StoreWriter& writer) -> Result<PaymentPromise> {
    O2C_ASSIGN_OR_RETURN(Customer customer,
                         require_customer(writer, request.customer_number, "customer"));
    PaymentPromise promise;
    promise.customer_number = customer.number;
    Currency currency = customer.currency;
    if (!request.invoice_number.empty()) {
      O2C_ASSIGN_OR_RETURN(Invoice invoice, invoice_named(writer, request.invoice_number));
      if (invoice.customer != customer.id)
        return failed_precondition("invoice_not_of_customer",
                                   "invoice " + invoice.number + " is to " +
                                       invoice.customer_number + ", not " + customer.number,
                                   "invoice");
      promise.invoice_number = invoice.number;
      currency = invoice.currency;
    }
    O2C_ASSIGN_OR_RETURN(std::optional<Money> amount, typed_amount(request.amount, currency));
    promise.amount = amount.value_or(zero(currency));
    promise.made_on = context.clock.today();
    promise.due_on = request.by;
    promise.taken_by = context.actor;
    O2C_RETURN_IF_ERROR(validate_promise(promise));
    O2C_ASSIGN_OR_RETURN(promise.number,
                         writer.next_document_number("PTP", numbering_year(promise.made_on)));
    O2C_ASSIGN_OR_RETURN(promise.id, writer.insert_promise(promise));
    EventPayload payload{{"customer", promise.customer_number},
                         {"amount", event_amount(promise.amount)},
                         {"by", format_date(promise.due_on)}};
    if (!promise.invoice_number.empty()) payload.set("invoice", promise.invoice_number);
    O2C_RETURN_IF_ERROR(append_event(writer, context, "promise.made", promise.number, payload));
    return promise;
  });
}

Result<std::vector<PaymentPromise>> list_promises(Context& context, bool open_only) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, context.store.reader());
  return reader->list_promises(open_only, 10'000);
}

Result<PromiseCheckOutcome> check_promises(Context& context, Date as_of) {
  return context.store.write<PromiseCheckOutcome>([&](StoreWriter& writer)
                                                      -> Result<PromiseCheckOutcome> {
    O2C_ASSIGN_OR_RETURN(std::vector<PaymentPromise> open, writer.list_promises(true, SIZE_MAX));
    PromiseCheckOutcome outcome;
    for (PaymentPromise& promise : open) {
      if (promise.made_on > as_of) {  // made after the day checked: nothing to say yet
        outcome.still_open.push_back(std::move(promise));
        continue;
      }
      O2C_ASSIGN_OR_RETURN(
          std::int64_t received,
          writer.received_for_promise_minor(promise.customer_number, promise.invoice_number,
                                            promise.made_on, std::min(as_of, promise.due_on)));
      promise.status = evaluate_promise(promise, Money{received, promise.amount.currency}, as_of);
      if (promise.status == PromiseStatus::kOpen) {
        outcome.still_open.push_back(std::move(promise));
        continue;
      }
      promise.settled_on = as_of;
      O2C_RETURN_IF_ERROR(writer.update_promise(promise));
      const bool kept = promise.status == PromiseStatus::kKept;
      EventPayload payload{{"customer", promise.customer_number},
                           {"amount", event_amount(promise.amount)},
                           {"by", format_date(promise.due_on)},
                           {"received", event_amount(Money{received, promise.amount.currency})}};
      if (!promise.invoice_number.empty()) payload.set("invoice", promise.invoice_number);
      O2C_RETURN_IF_ERROR(append_event(writer, context, kept ? "promise.kept" : "promise.broken",
                                       promise.number, payload));
      (kept ? outcome.kept : outcome.broken).push_back(std::move(promise));
    }
    return outcome;
  });
}

}  // namespace o2c::app
