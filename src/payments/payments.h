// payments.h — cash from customers and where it goes. Rules encoded: a payment is positive,
// in the customer's currency and carries the payer's reference (recognised on a retry: the
// same customer and reference is a duplicate); it is applied to that customer's own open
// invoices — the ones named, in the order named, or else the oldest due first — never
// beyond an invoice's open amount; what is left stays on account as unapplied cash.
#pragma once

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

}  // namespace o2c
