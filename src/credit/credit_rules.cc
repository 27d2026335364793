// Exposure in its parts, customer groups and the five hold rules (credit.h).
#include <algorithm>

#include "core/limits.h"
#include "credit/credit.h"

namespace o2c {

std::string_view wire_name(CreditHoldReason reason) {
  switch (reason) {
    case CreditHoldReason::kCreditLimitExceeded:
      return "credit_limit_exceeded";
    case CreditHoldReason::kCreditLimitZero:
      return "credit_limit_zero";
    case CreditHoldReason::kGroupCreditLimitExceeded:
      return "group_credit_limit_exceeded";
    case CreditHoldReason::kOverdueTooLong:
      return "overdue_too_long";
    case CreditHoldReason::kRiskClassE:
      return "risk_class_e";
  }
  O2C_ASSERT(false && "unknown credit hold reason");
  return "";
}

std::string_view wire_name(RiskClass risk) {
  static constexpr std::string_view kNames[] = {"A", "B", "C", "D", "E"};
  const auto index = static_cast<std::size_t>(risk) - 1;
  O2C_ASSERT(index < std::size(kNames));
  return kNames[index];
}

Result<RiskClass> risk_class_from_wire(std::string_view name) {
  if (name.size() == 1 && name[0] >= 'A' && name[0] <= 'E')
    return static_cast<RiskClass>(name[0] - 'A' + 1);
  return invalid_argument("unknown_risk_class",
                          "risk class '" + std::string(name) + "' is not one of A, B, C, D, E",
                          "risk_class");
}

Result<Money> total_exposure(const ExposureParts& parts) {
  O2C_ASSIGN_OR_RETURN(Money owed, add(parts.open_receivables, parts.unshipped_orders));
  O2C_ASSIGN_OR_RETURN(owed, add(owed, parts.shipped_not_invoiced));
  return subtract(owed, parts.unapplied_cash);
}

Result<Money> shipped_not_invoiced_gross(const Order& order) {
  Money total = zero(order.currency);
  for (const OrderLine& line : order.lines) {
    O2C_ASSERT(line.invoiced <= line.quantity);
    if (line.shipped <= line.invoiced) continue;
    // The same proration as uninvoiced_gross: shipped share less invoiced share, net and tax
    // each on their own.
    for (const Money part : {line.net, line.tax}) {
      O2C_ASSIGN_OR_RETURN(Money shipped, prorate(part, line.shipped.milli, line.quantity.milli,
                                                  Rounding::kHalfEven));
      O2C_ASSIGN_OR_RETURN(Money invoiced, prorate(part, line.invoiced.milli, line.quantity.milli,
                                                   Rounding::kHalfEven));
      O2C_ASSIGN_OR_RETURN(Money open, subtract(shipped, invoiced));
      O2C_ASSIGN_OR_RETURN(total, add(total, open));
    }
  }
  return total;
}

Result<ExposureParts> exposure_parts(const CreditExposure& balance, Money shipped_not_invoiced) {
  ExposureParts parts;
  parts.open_receivables = balance.open_receivables;
  parts.unapplied_cash = balance.unapplied_cash;
  parts.shipped_not_invoiced = shipped_not_invoiced;
  O2C_ASSIGN_OR_RETURN(parts.unshipped_orders, subtract(balance.open_orders, shipped_not_invoiced));
  return parts;
}

std::optional<BasisPoints> utilisation(Money exposure, Money limit) {
  O2C_ASSERT(exposure.currency == limit.currency);
  O2C_ASSERT(limit.minor >= 0);
  if (limit.minor == 0) return std::nullopt;
  Result<std::int64_t> share =
      divide_rounded(Int128{exposure.minor} * 10'000, limit.minor, Rounding::kHalfEven);
  O2C_ASSERT(share.has_value());  // |exposure| * 10000 fits: exposure is an int64 of minor units
  const std::int64_t clamped = std::clamp<std::int64_t>(*share, INT32_MIN, INT32_MAX);
  return BasisPoints{static_cast<std::int32_t>(clamped)};
}

Status validate_customer_group(const CustomerGroup& group) {
  if (group.code.empty() || group.code.size() > 32)
    return invalid_argument("invalid_group_code", "a group code has 1 to 32 characters", "code");
  if (group.name.empty() || group.name.size() > 200)
    return invalid_argument("invalid_group_name", "a group name has 1 to 200 characters", "name");
  if (group.credit_limit.currency != group.currency)
    return invalid_argument(
        "currency_mismatch",
        "the credit limit must be in the group's currency " + std::string(group.currency.text()),
        "credit_limit");
  if (group.credit_limit.minor < 0)
    return invalid_argument("negative_credit_limit", "a credit limit cannot be negative",
                            "credit_limit");
  return {};
}

Status check_group_member(const CustomerGroup& group, const Customer& customer) {
  if (customer.currency == group.currency) return {};
  return failed_precondition("currency_mismatch",
                             "customer " + customer.number + " trades in " +
                                 std::string(customer.currency.text()) + ", group " + group.code +
                                 " in " + std::string(group.currency.text()),
                             "group");
}

Result<Money> group_exposure(const CustomerGroup& group, std::span<const Money> members) {
  return sum(members, group.currency);
}

namespace {

CreditCheck hold(CreditCheck check, CreditHoldReason reason, const std::string& details) {
  check.decision = CreditDecision::kHold;
  check.hold = reason;
  check.reason = std::string(wire_name(reason)) + ": " + details;
  return check;
}

}  // namespace

Result<CreditCheck> check_credit_rules(const Customer& customer, const CreditSituation& situation,
                                       Money order_gross, const CreditHoldPolicy& policy) {
  O2C_ASSERT(order_gross.minor >= 0);
  O2C_ASSERT(policy.overdue_days_max >= 0);
  const CreditExposure own{situation.exposure, zero(customer.currency), zero(customer.currency)};
  O2C_ASSIGN_OR_RETURN(CreditCheck check, check_credit(customer, own, order_gross));
  if (check.decision == CreditDecision::kHold) return check;
  if (situation.group) {
    const CustomerGroup& group = situation.group->group;
    O2C_ASSIGN_OR_RETURN(Money after, add(situation.group->exposure, order_gross));
    if (after.minor > group.credit_limit.minor)
      return hold(check, CreditHoldReason::kGroupCreditLimitExceeded,
                  "group " + group.code + " exposure " + format_money(after) +
                      " would exceed the group limit " + format_money(group.credit_limit));
  }
  if (situation.days_overdue_oldest > policy.overdue_days_max)
    return hold(check, CreditHoldReason::kOverdueTooLong,
                "customer " + customer.number + " has an item " +
                    std::to_string(situation.days_overdue_oldest) + " days overdue (more than " +
                    std::to_string(policy.overdue_days_max) + ")");
  if (situation.risk_class == RiskClass::kE)
    return hold(check, CreditHoldReason::kRiskClassE,
                "customer " + customer.number + " is in risk class E");
  return check;
}

}  // namespace o2c
