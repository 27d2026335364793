#include <algorithm>
#include <tuple>

#include "core/limits.h"
#include "core/wire_names.h"
#include "payments/payments.h"

namespace o2c {
namespace {

constexpr std::string_view kMethodNames[] = {"",       "bank_transfer", "card",
                                             "cheque", "direct_debit",  "cash"};

Status check_named_item(const Payment& payment, const OpenItem& item, std::size_t index) {
  const std::string where = "invoices[" + std::to_string(index) + "]";
  if (item.customer != payment.customer)
    return invalid_argument("invoice_of_other_customer",
                            "invoice " + item.invoice_number + " belongs to customer " +
                                item.customer_number + ", not to the payer " +
                                payment.customer_number,
                            where);
  if (item.open.currency != payment.amount.currency)
    return invalid_argument("currency_mismatch",
                            "invoice " + item.invoice_number + " is in " +
                                std::string(item.open.currency.text()) + ", the payment in " +
                                std::string(payment.amount.currency.text()),
                            where);
  if (item.open.minor == 0)
    return failed_precondition("invoice_already_paid",
                               "invoice " + item.invoice_number + " is already paid", where);
  return {};
}

}  // namespace

std::string_view wire_name(PaymentMethod method) { return name_in(kMethodNames, method); }

Result<PaymentMethod> payment_method_from_wire(std::string_view name) {
  if (std::optional<PaymentMethod> value = value_in<PaymentMethod>(kMethodNames, name))
    return *value;
  return invalid_argument("unknown_payment_method",
                          "'" + std::string(name) +
                              "' is not a payment method (bank_transfer, card, cheque, "
                              "direct_debit, cash)",
                          "payment.method");
}

Status validate_payment(const Payment& payment, const Customer& customer) {
  if (payment.amount.currency != customer.currency)
    return invalid_argument("currency_mismatch",
                            "payment in " + std::string(payment.amount.currency.text()) +
                                " but customer " + customer.number + " pays in " +
                                std::string(customer.currency.text()),
                            "payment.amount");
  if (payment.amount.minor <= 0)
    return invalid_argument("amount_must_be_positive",
                            "payment amount " + format_money(payment.amount) + " must be positive",
                            "payment.amount");
  if (payment.amount.minor > kAmountMinorMax)
    return invalid_argument("amount_too_large", "payment amount is too large", "payment.amount");
  if (payment.reference.empty() || payment.reference.size() > kReferenceBytesMax)
    return invalid_argument("invalid_reference",
                            "a payment needs the payer's reference (1-140 characters)",
                            "payment.reference");
  return {};
}

Result<std::vector<Application>> plan_application(const Payment& payment, Money available,
                                                  std::span<const OpenItem> items,
                                                  ApplicationOrder order) {
  O2C_ASSERT(available.currency == payment.amount.currency);
  O2C_ASSERT(available.minor >= 0);
  if (items.size() > kPaymentTargetsMax)
    return invalid_argument("too_many_invoices", "a payment can name at most 1000 invoices",
                            "invoices");
  std::vector<const OpenItem*> ordered;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (order == ApplicationOrder::kAsNamed) {
      O2C_RETURN_IF_ERROR(check_named_item(payment, items[i], i));
      for (const OpenItem* earlier : ordered) {
        if (earlier->invoice == items[i].invoice)
          return invalid_argument("duplicate_invoice",
                                  "invoice " + items[i].invoice_number + " is named twice",
                                  "invoices[" + std::to_string(i) + "]");
      }
    } else if (items[i].customer != payment.customer || items[i].open.minor == 0) {
      continue;
    }
    ordered.push_back(&items[i]);
  }
  if (order == ApplicationOrder::kOldestDueFirst) {
    std::stable_sort(ordered.begin(), ordered.end(), [](const OpenItem* a, const OpenItem* b) {
      return std::tie(a->due_date, a->invoice_number) < std::tie(b->due_date, b->invoice_number);
    });
  }
  std::vector<Application> applications;
  std::int64_t left = available.minor;
  for (const OpenItem* item : ordered) {
    if (left == 0) break;
    const std::int64_t amount = std::min(left, item->open.minor);
    applications.push_back(
        Application{item->invoice, item->invoice_number, Money{amount, available.currency}});
    left -= amount;
  }
  O2C_ASSERT(left >= 0);
  return applications;
}

}  // namespace o2c
