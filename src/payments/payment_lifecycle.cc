// The life of a payment after it was received: refunds from unapplied cash, and reversals.
#include "core/limits.h"
#include "core/wire_names.h"
#include "payments/payments.h"

namespace o2c {
namespace {

constexpr std::string_view kStatusNames[] = {"", "received", "reversed"};
constexpr std::string_view kReversalNames[] = {"", "bounced_cheque", "chargeback",
                                               "direct_debit_return", "bank_error"};

}  // namespace

std::string_view wire_name(PaymentStatus status) { return name_in(kStatusNames, status); }

Result<PaymentStatus> payment_status_from_wire(std::string_view name) {
  if (std::optional<PaymentStatus> value = value_in<PaymentStatus>(kStatusNames, name))
    return *value;
  return invalid_argument("unknown_payment_status",
                          "'" + std::string(name) + "' is not a payment status", "status");
}

std::string_view wire_name(ReversalReason reason) { return name_in(kReversalNames, reason); }

Result<ReversalReason> reversal_reason_from_wire(std::string_view name) {
  if (std::optional<ReversalReason> value = value_in<ReversalReason>(kReversalNames, name))
    return *value;
  return invalid_argument("unknown_reversal_reason",
                          "'" + std::string(name) +
                              "' is not a reversal reason (bounced_cheque, chargeback, "
                              "direct_debit_return, bank_error)",
                          "reason");
}

Status check_reversible(const Payment& payment, PaymentStatus status) {
  if (status == PaymentStatus::kReversed)
    return failed_precondition("payment_already_reversed",
                               "payment " + payment.number + " is already reversed", "payment");
  return {};
}

Status check_refund(const Payment& payment, PaymentStatus status, Money amount,
                    std::string_view reason) {
  O2C_ASSERT(payment.unapplied.minor >= 0);
  O2C_ASSERT(payment.unapplied.minor <= payment.amount.minor);
  if (status == PaymentStatus::kReversed)
    return failed_precondition("payment_already_reversed",
                               "payment " + payment.number + " is reversed: nothing to refund",
                               "payment");
  if (amount.currency != payment.amount.currency)
    return invalid_argument("currency_mismatch",
                            "refund in " + std::string(amount.currency.text()) +
                                " of a payment in " + std::string(payment.amount.currency.text()),
                            "amount");
  if (amount.minor <= 0)
    return invalid_argument("amount_must_be_positive",
                            "refund amount " + format_money(amount) + " must be positive",
                            "amount");
  if (amount.minor > payment.unapplied.minor)
    return failed_precondition("refund_exceeds_unapplied",
                               "refund of " + format_money(amount) + " exceeds the " +
                                   format_money(payment.unapplied) + " unapplied on payment " +
                                   payment.number,
                               "amount");
  if (reason.empty() || reason.size() > kDocumentReasonBytesMax)
    return invalid_argument("reason_required", "a refund needs a reason (1-280 characters)",
                            "reason");
  return {};
}

}  // namespace o2c
