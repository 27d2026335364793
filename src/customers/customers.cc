#include "customers/customers.h"

#include <charconv>

#include "core/limits.h"

namespace o2c {

Result<PaymentTerms> parse_payment_terms(std::string_view code) {
  const auto bad = [&] {
    return invalid_argument("invalid_payment_terms",
                            "payment terms '" + std::string(code) +
                                "' are not DUE, NET<days> or EOM<days> (days 0.." +
                                std::to_string(kPaymentTermDaysMax) + ")",
                            "terms");
  };
  if (code == "DUE") return PaymentTerms{"DUE", 0, false};
  PaymentTerms terms;
  std::string_view digits;
  if (code.starts_with("NET")) {
    digits = code.substr(3);
  } else if (code.starts_with("EOM")) {
    digits = code.substr(3);
    terms.end_of_month = true;
  } else {
    return bad();
  }
  // from_chars would take a sign ("NET-0" as 0 days): the days must be plain digits.
  if (digits.empty() || digits.front() < '0' || digits.front() > '9') return bad();
  int days = -1;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), days);
  if (digits.empty() || error != std::errc{} || end != digits.data() + digits.size() || days < 0 ||
      days > kPaymentTermDaysMax) {
    return bad();
  }
  terms.code = std::string(code);
  terms.net_days = days;
  return terms;
}

Date due_date(const PaymentTerms& terms, Date invoice_date) {
  O2C_ASSERT(terms.net_days >= 0 && terms.net_days <= kPaymentTermDaysMax);
  const Date base = terms.end_of_month ? end_of_month(invoice_date) : invoice_date;
  return add_days(base, terms.net_days);
}

Status validate_customer(const Customer& customer) {
  if (customer.number.empty() || customer.number.size() > 40)
    return invalid_argument("invalid_customer_number", "customer number must be 1-40 characters",
                            "customer.number");
  if (customer.name.empty() || customer.name.size() > kNameBytesMax)
    return invalid_argument("invalid_name", "customer name must be 1-200 characters",
                            "customer.name");
  if (customer.credit_limit.currency != customer.currency)
    return invalid_argument("currency_mismatch", "credit limit must be in the customer's currency",
                            "customer.credit_limit");
  if (customer.credit_limit.minor < 0 || customer.credit_limit.minor > kAmountMinorMax)
    return invalid_argument("invalid_credit_limit",
                            "credit limit " + format_money(customer.credit_limit) +
                                " must be between 0 and " +
                                format_money(Money{kAmountMinorMax, customer.currency}),
                            "customer.credit_limit");
  for (const Address* address : {&customer.billing_address, &customer.shipping_address}) {
    if (address->region.size() > kRegionBytesMax)
      return invalid_argument("invalid_region",
                              "region '" + address->region + "' is longer than " +
                                  std::to_string(kRegionBytesMax) + " characters",
                              address == &customer.billing_address
                                  ? "customer.billing_address.region"
                                  : "customer.shipping_address.region");
  }
  if (!customer.email.empty() && (customer.email.find('@') == std::string::npos ||
                                  customer.email.find(' ') != std::string::npos))
    return invalid_argument("invalid_email", "'" + customer.email + "' is not an e-mail address",
                            "customer.email");
  if (customer.tier < kCustomerTierHighest || customer.tier > kCustomerTierLowest)
    return invalid_argument("tier_out_of_range",
                            "customer tier " + std::to_string(customer.tier) + " is not " +
                                std::to_string(kCustomerTierHighest) + " (served first) to " +
                                std::to_string(kCustomerTierLowest) + " (served last)",
                            "customer.tier");
  return {};
}

}  // namespace o2c
