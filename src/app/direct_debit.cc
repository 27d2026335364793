// Use cases of SEPA Core direct debit: the company as creditor, customers' mandates, and the
// collection run that writes one pain.008.001.02 file and records a payment per invoice.
#include <map>

#include "app/use_case.h"
#include "core/sha256.h"
#include "formats/sepa/sepa.h"

namespace o2c::app {
namespace {

constexpr std::string_view kCreditorKeys[] = {"creditor.name", "creditor.iban", "creditor.bic",
                                              "creditor.creditor_id"};

Result<Mandate> require_mandate(StoreReader& reader, std::string_view mandate_id) {
  O2C_ASSIGN_OR_RETURN(std::optional<Mandate> mandate, reader.find_mandate(mandate_id));
  if (!mandate)
    return not_found("mandate_not_found", "no mandate '" + std::string(mandate_id) + "'",
                     "mandate_id");
  return std::move(*mandate);
}

EventPayload mandate_payload(const Mandate& mandate) {
  return {{"customer", mandate.customer_number},
          {"mandate_id", mandate.mandate_id},
          {"iban", mandate.iban},
          {"bic", mandate.bic},
          {"signed_on", format_date(mandate.signed_on)}};
}

Status check_new_mandate(StoreReader& reader, const Customer& customer, const Mandate& mandate) {
  O2C_ASSIGN_OR_RETURN(std::optional<Mandate> same, reader.find_mandate(mandate.mandate_id));
  if (same)
    return already_exists(
        "mandate_exists",
        "mandate '" + mandate.mandate_id + "' exists (customer " + same->customer_number + ")",
        "mandate_id");
  O2C_ASSIGN_OR_RETURN(std::vector<Mandate> mandates, reader.list_mandates(customer.id));
  for (const Mandate& other : mandates) {
    if (other.status == MandateStatus::kActive)
      return failed_precondition("active_mandate_exists",
                                 "customer " + customer.number + " already has active mandate '" +
                                     other.mandate_id + "': revoke it first",
                                 "customer");
  }
  return {};
}

// One invoice's collection: the open amount less the early-payment discount due on the
// collection date, recorded as a direct debit payment applied to it.
Result<DirectDebitCollection> collect_invoice(StoreWriter& writer, const Context& context,
                                              const DirectDebitCandidate& candidate,
                                              SequenceType sequence, Date on, PaymentId& payment) {
  const OpenItem& item = candidate.item;
  O2C_ASSIGN_OR_RETURN(
      Money discount,
      early_payment_discount(item.gross, item.open, item.discount_offer, item.discount_until, on));
  O2C_ASSIGN_OR_RETURN(Money amount, subtract(item.open, discount));
  PaymentRequest request;
  request.customer_number = item.customer_number;
  request.amount = amount;
  request.received_on = on;
  request.method = PaymentMethod::kDirectDebit;
  request.reference = "DD " + item.invoice_number;
  request.invoice_numbers = {item.invoice_number};
  O2C_ASSIGN_OR_RETURN(PaymentOutcome paid, record_payment(writer, context, request));
  O2C_ASSERT(paid.payment.unapplied.minor == 0);
  payment = paid.payment.id;
  return DirectDebitCollection{item.invoice_number,
                               item.customer_number,
                               candidate.mandate.mandate_id,
                               sequence,
                               amount,
                               paid.discounts.empty() ? zero(amount.currency) : paid.discounts[0],
                               paid.payment.number};
}

SepaDirectDebit sepa_debit(const DirectDebitCandidate& candidate,
                           const DirectDebitCollection& collected, Date on) {
  return SepaDirectDebit{collected.invoice_number,
                         collected.amount,
                         std::string(wire_name(collected.sequence_type)),
                         on,
                         candidate.mandate.mandate_id,
                         candidate.mandate.signed_on,
                         candidate.customer_name,
                         candidate.mandate.iban,
                         candidate.mandate.bic,
                         "Invoice " + collected.invoice_number};
}

Result<DirectDebitRun> collect_in_writer(StoreWriter& writer, const Context& context, Date on) {
  O2C_ASSIGN_OR_RETURN(std::optional<Creditor> creditor, load_creditor(writer));
  if (!creditor)
    return failed_precondition("creditor_not_set",
                               "set the creditor first: o2c config creditor --name … --iban … "
                               "--bic … --creditor-id …",
                               "creditor");
  O2C_ASSIGN_OR_RETURN(std::vector<DirectDebitCandidate> candidates,
                       writer.direct_debit_candidates(on));
  DirectDebitRun run;
  run.collection_date = on;
  if (candidates.empty()) return run;
  O2C_ASSIGN_OR_RETURN(run.batch_number, writer.next_document_number("DD", numbering_year(on)));
  SepaDirectDebitFile file{run.batch_number,
                           context.clock.now(),
                           creditor->name,
                           creditor->iban,
                           creditor->bic,
                           creditor->creditor_id,
                           {}};
  O2C_ASSIGN_OR_RETURN(Currency euro, currency_from_code("EUR"));
  DirectDebitBatch batch{run.batch_number, on, context.clock.today(), zero(euro), "", {}};
  std::map<std::int64_t, const Mandate*> mandates_used;
  for (const DirectDebitCandidate& candidate : candidates) {
    const SequenceType sequence = next_sequence_type(candidate.mandate);
    PaymentId payment;
    O2C_ASSIGN_OR_RETURN(DirectDebitCollection collected,
                         collect_invoice(writer, context, candidate, sequence, on, payment));
    batch.items.push_back(DirectDebitItem{candidate.item.invoice, candidate.mandate.id, payment,
                                          sequence, collected.amount});
    O2C_ASSIGN_OR_RETURN(batch.control_sum, add(batch.control_sum, collected.amount));
    file.debits.push_back(sepa_debit(candidate, collected, on));
    mandates_used[candidate.mandate.id] = &candidate.mandate;
    run.collected.push_back(std::move(collected));
  }
  for (const auto& [id, mandate] : mandates_used)
    O2C_RETURN_IF_ERROR(writer.save_mandate_collections(id, mandate->collections + 1));
  O2C_ASSIGN_OR_RETURN(run.pain008, write_pain008(file));
  batch.file_sha256 = to_hex(sha256(run.pain008));
  run.control_sum = batch.control_sum;
  O2C_ASSIGN_OR_RETURN(std::int64_t batch_id, writer.insert_direct_debit_batch(batch));
  O2C_ASSERT(batch_id > 0);
  std::vector<std::string> invoices;
  for (const DirectDebitCollection& collected : run.collected)
    invoices.push_back(collected.invoice_number);
  O2C_RETURN_IF_ERROR(append_event(writer, context, "directdebit.collected", run.batch_number,
                                   {{"collection_date", format_date(on)},
                                    {"count", static_cast<std::int64_t>(invoices.size())},
                                    {"control_sum", event_amount(run.control_sum)},
                                    {"invoices", invoices},
                                    {"file_sha256", batch.file_sha256}}));
  return run;
}

}  // namespace

Result<std::optional<Creditor>> load_creditor(StoreReader& reader) {
  std::string values[std::size(kCreditorKeys)];
  for (std::size_t i = 0; i < std::size(kCreditorKeys); ++i) {
    O2C_ASSIGN_OR_RETURN(std::optional<std::string> value, reader.setting(kCreditorKeys[i]));
    if (!value) return std::optional<Creditor>();
    values[i] = std::move(*value);
  }
  return std::optional<Creditor>(Creditor{values[0], values[1], values[2], values[3]});
}

Result<Creditor> set_creditor(Context& context, const Creditor& creditor) {
  O2C_ASSIGN_OR_RETURN(Creditor checked, checked_creditor(creditor));
  return context.store.write<Creditor>([&](StoreWriter& writer) -> Result<Creditor> {
    const std::string* values[] = {&checked.name, &checked.iban, &checked.bic,
                                   &checked.creditor_id};
    for (std::size_t i = 0; i < std::size(kCreditorKeys); ++i)
      O2C_RETURN_IF_ERROR(writer.save_setting(kCreditorKeys[i], *values[i]));
    O2C_RETURN_IF_ERROR(append_event(writer, context, "config.creditor", "creditor",
                                     {{"name", checked.name},
                                      {"iban", checked.iban},
                                      {"bic", checked.bic},
                                      {"creditor_id", checked.creditor_id}}));
    return checked;
  });
}

Result<Mandate> add_mandate(Context& context, const MandateRequest& request) {
  return context.store.write<Mandate>([&](StoreWriter& writer) -> Result<Mandate> {
    O2C_ASSIGN_OR_RETURN(Customer customer,
                         require_customer(writer, request.customer_number, "customer"));
    if (customer.currency.text() != "EUR")
      return invalid_argument("currency_not_eur",
                              "customer " + customer.number + " pays in " +
                                  std::string(customer.currency.text()) +
                                  ": SEPA direct debits collect euro",
                              "customer");
    Mandate mandate;
    mandate.customer = customer.id;
    mandate.customer_number = customer.number;
    mandate.mandate_id = request.mandate_id;
    mandate.iban = request.iban;
    mandate.bic = request.bic;
    mandate.signed_on = request.signed_on;
    O2C_ASSIGN_OR_RETURN(mandate, checked_mandate(std::move(mandate), context.clock.today()));
    O2C_RETURN_IF_ERROR(check_new_mandate(writer, customer, mandate));
    O2C_ASSIGN_OR_RETURN(mandate.id, writer.insert_mandate(mandate));
    O2C_RETURN_IF_ERROR(append_event(writer, context, "mandate.added", mandate.mandate_id,
                                     mandate_payload(mandate)));
    return mandate;
  });
}

Result<Mandate> revoke_mandate(Context& context, std::string_view mandate_id) {
  return context.store.write<Mandate>([&](StoreWriter& writer) -> Result<Mandate> {
    O2C_ASSIGN_OR_RETURN(Mandate mandate, require_mandate(writer, mandate_id));
    if (mandate.status == MandateStatus::kRevoked)
      return failed_precondition(
          "mandate_already_revoked",
          "mandate '" + mandate.mandate_id + "' was revoked on " + format_date(*mandate.revoked_on),
          "mandate_id");
    const Date today = context.clock.today();
    O2C_RETURN_IF_ERROR(writer.revoke_mandate(mandate.id, today));
    mandate.status = MandateStatus::kRevoked;
    mandate.revoked_on = today;
    EventPayload payload = mandate_payload(mandate);
    payload.set("revoked_on", format_date(today));
    O2C_RETURN_IF_ERROR(
        append_event(writer, context, "mandate.revoked", mandate.mandate_id, payload));
    return mandate;
  });
}

Result<std::vector<Mandate>> list_mandates(Store& store, std::optional<std::string> customer) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store.reader());
  if (!customer) return reader->list_mandates(std::nullopt);
  O2C_ASSIGN_OR_RETURN(Customer found, require_customer(*reader, *customer, "customer"));
  return reader->list_mandates(found.id);
}

Result<DirectDebitRun> collect_direct_debits(Context& context, Date collection_date) {
  return context.store.write<DirectDebitRun>([&](StoreWriter& writer) -> Result<DirectDebitRun> {
    return collect_in_writer(writer, context, collection_date);
  });
}

}  // namespace o2c::app
