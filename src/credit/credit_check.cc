#include "credit/credit.h"

namespace o2c {

Result<Money> total_exposure(const CreditExposure& exposure) {
  O2C_ASSIGN_OR_RETURN(Money owed, add(exposure.open_receivables, exposure.open_orders));
  return subtract(owed, exposure.unapplied_cash);
}

Result<CreditCheck> check_credit(const Customer& customer, const CreditExposure& exposure,
                                 Money order_gross) {
  O2C_ASSERT(order_gross.minor >= 0);
  O2C_ASSERT(customer.credit_limit.minor >= 0);
  O2C_ASSIGN_OR_RETURN(Money current, total_exposure(exposure));
  CreditCheck check;
  O2C_ASSIGN_OR_RETURN(check.exposure_after, add(current, order_gross));
  if (check.exposure_after.minor > customer.credit_limit.minor) {
    check.decision = CreditDecision::kHold;
    check.hold = CreditHoldReason::kCreditLimitExceeded;
    check.reason = "credit_limit_exceeded: exposure " + format_money(check.exposure_after) +
                   " would exceed the limit " + format_money(customer.credit_limit);
  } else if (customer.credit_limit.minor == 0) {
    // A zero limit holds every order, even one covered by cash on account or free of charge.
    check.decision = CreditDecision::kHold;
    check.hold = CreditHoldReason::kCreditLimitZero;
    check.reason = "credit_limit_zero: customer " + customer.number +
                   " has no credit limit; every order needs a credit manager's release";
  }
  return check;
}

}  // namespace o2c
