// credit.h — may we deliver on credit? Rules encoded: exposure = open receivables + the
// uninvoiced value of approved orders − unapplied cash on account; an order whose gross total
// would bring the exposure above the customer's credit limit goes on credit hold. A limit of
// zero means every order waits for a credit manager.
#pragma once

#include <string>

#include "core/money.h"
#include "core/result.h"
#include "customers/customers.h"

namespace o2c {

struct CreditExposure {
  Money open_receivables;  // unpaid invoices
  Money open_orders;       // approved orders not yet invoiced (gross)
  Money unapplied_cash;    // payments received, not yet applied
};

Result<Money> total_exposure(const CreditExposure& exposure);

enum class CreditDecision : std::uint8_t { kApproved, kHold };

struct CreditCheck {
  CreditDecision decision = CreditDecision::kApproved;
  Money exposure_after;  // exposure including this order
  std::string reason;    // why it is held, for the credit manager
};

// Decides whether an order of `order_gross` may go ahead for `customer`.
Result<CreditCheck> check_credit(const Customer& customer, const CreditExposure& exposure,
                                 Money order_gross);

}  // namespace o2c
