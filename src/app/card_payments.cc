// Use case: a card payment charged through the configured gateway and recorded as a payment.
// The gateway is called outside the writer (a writer job may run more than once), so what the
// payment needs is checked on a snapshot first; the charge's idempotency key makes a retried
// call charge once.
#include "app/use_case.h"

namespace o2c::app {
namespace {

constexpr std::string_view kGatewaySetting = "card.gateway";

// What recording would refuse, checked before any money moves.
Status check_before_charge(StoreReader& reader, const PaymentRequest& request) {
  O2C_ASSIGN_OR_RETURN(Customer customer,
                       require_customer(reader, request.customer_number, "payment.customer"));
  Payment payment;
  payment.number = "(card payment)";
  payment.customer = customer.id;
  payment.customer_number = customer.number;
  payment.amount = request.amount;
  payment.reference = request.reference.empty() ? "card" : request.reference;
  O2C_RETURN_IF_ERROR(validate_payment(payment, customer));
  if (!request.reference.empty()) {
    O2C_ASSIGN_OR_RETURN(std::optional<Payment> earlier,
                         reader.find_payment(customer.id, request.reference));
    if (earlier)
      return already_exists("duplicate_payment",
                            "customer " + customer.number + " already has payment " +
                                earlier->number + " with reference '" + request.reference + "'",
                            "payment.reference");
  }
  if (request.invoice_numbers.empty()) return {};
  O2C_ASSIGN_OR_RETURN(std::vector<OpenItem> items,
                       named_open_items(reader, request.invoice_numbers));
  O2C_ASSIGN_OR_RETURN(
      std::vector<Application> planned,
      plan_application(payment, payment.amount, items, ApplicationOrder::kAsNamed));
  O2C_ASSERT(planned.size() <= items.size());
  return {};
}

// The same request always gives the same key: a retry is recognised by the gateway.
std::string idempotency_key(const CardPaymentRequest& request, Date received_on) {
  const PaymentRequest& payment = request.payment;
  std::string key = payment.customer_number + "/";
  if (!payment.reference.empty()) return key + payment.reference;
  key += request.card_token + "/" + format_money(payment.amount) + "/" + format_date(received_on);
  for (const std::string& invoice : payment.invoice_numbers) key += "/" + invoice;
  return key;
}

Error declined(const ChargeOutcome& outcome) {
  return failed_precondition("card_declined",
                             "the card was declined: " + outcome.decline_reason + " (" +
                                 outcome.decline_code + "); nothing was recorded",
                             "card_token");
}

}  // namespace

Result<std::unique_ptr<CardGateway>> load_card_gateway(StoreReader& reader) {
  O2C_ASSIGN_OR_RETURN(std::optional<std::string> name, reader.setting(kGatewaySetting));
  if (!name || name->empty())
    return failed_precondition("card_gateway_not_configured",
                               "no card gateway is configured (o2c config card-gateway sandbox)",
                               "card_gateway");
  return card_gateway_named(*name);
}

Status set_card_gateway(Context& context, std::string_view name) {
  Result<std::unique_ptr<CardGateway>> known = card_gateway_named(name);
  if (!known) return known.error();
  Result<bool> stored = context.store.write<bool>([&](StoreWriter& writer) -> Result<bool> {
    O2C_RETURN_IF_ERROR(writer.save_setting(kGatewaySetting, name));
    O2C_RETURN_IF_ERROR(append_event(writer, context, "config.card_gateway", "card_gateway",
                                     {{"gateway", std::string(name)}}));
    return true;
  });
  if (!stored) return stored.error();
  return {};
}

Result<CardPaymentOutcome> record_card_payment(Context& context, CardGateway& gateway,
                                               const CardPaymentRequest& request) {
  O2C_RETURN_IF_ERROR(check_card_token(request.card_token, "card_token"));
  // A card number typed as the reference would be stored: refuse it as well.
  if (looks_like_card_number(request.payment.reference))
    return invalid_argument("card_number_not_allowed",
                            "the reference looks like a card number: o2c never stores card "
                            "numbers",
                            "payment.reference");
  PaymentRequest payment = request.payment;
  payment.method = PaymentMethod::kCard;
  const Date received_on = payment.received_on.value_or(context.clock.today());
  payment.received_on = received_on;
  {
    O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, context.store.reader());
    O2C_RETURN_IF_ERROR(check_before_charge(*reader, payment));
  }
  const std::string key = idempotency_key(request, received_on);
  O2C_ASSIGN_OR_RETURN(ChargeOutcome charged,
                       gateway.charge(ChargeRequest{key, request.card_token, payment.amount,
                                                    "o2c payment of " + payment.customer_number}));
  if (!charged.approved) return declined(charged);
  O2C_ASSERT(charged.card.last4.size() == 4);
  if (payment.reference.empty()) payment.reference = "card " + charged.card.charge_id;
  Result<CardPaymentOutcome> recorded = context.store.write<CardPaymentOutcome>(
      [&](StoreWriter& writer) -> Result<CardPaymentOutcome> {
        O2C_ASSIGN_OR_RETURN(PaymentOutcome outcome, record_payment(writer, context, payment));
        O2C_RETURN_IF_ERROR(writer.insert_payment_card(outcome.payment.id, charged.card));
        O2C_RETURN_IF_ERROR(append_event(writer, context, "payment.card_charged",
                                         outcome.payment.number,
                                         {{"gateway", charged.card.gateway},
                                          {"charge_id", charged.card.charge_id},
                                          {"brand", charged.card.brand},
                                          {"last4", charged.card.last4},
                                          {"amount", event_amount(payment.amount)}}));
        return CardPaymentOutcome{std::move(outcome), charged.card};
      });
  // A duplicate is a retry of a payment already recorded under this charge: keep the charge.
  if (!recorded && recorded.error().reason != "duplicate_payment") {
    (void)gateway.refund(RefundRequest{key + "/undo", charged.card.charge_id, payment.amount});
  }
  return recorded;
}

}  // namespace o2c::app
