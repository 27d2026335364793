#include "customers/customers.h"

#include <charconv>

#include "core/limits.h"
#include "core/wire_names.h"

namespace o2c {

namespace {

// A whole number in [low, high] written as plain digits (from_chars alone would take "-0").
std::optional<int> bounded_count(std::string_view digits, int low, int high) {
  if (digits.empty() || digits.front() < '0' || digits.front() > '9') return std::nullopt;
  int value = -1;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc{} || end != digits.data() + digits.size() || value < low || value > high)
    return std::nullopt;
  return value;
}

// The base date of `terms` for the instalment `index` (0-based) of an invoice of `date`.
Date instalment_due(const PaymentTerms& terms, Date invoice_date, int index) {
  if (terms.end_of_month)
    return add_days(end_of_month(add_months(invoice_date, index)), terms.net_days);
  return add_days(invoice_date, static_cast<std::int64_t>(terms.net_days) * (index + 1));
}

}  // namespace

constexpr std::string_view kBillingPolicyNames[] = {"", "per_shipment", "per_order", "per_period"};

std::string_view wire_name(BillingPolicy policy) { return name_in(kBillingPolicyNames, policy); }

Result<BillingPolicy> billing_policy_from_wire(std::string_view name) {
  if (std::optional<BillingPolicy> value = value_in<BillingPolicy>(kBillingPolicyNames, name))
    return *value;
  return invalid_argument(
      "unknown_billing_policy",
      "'" + std::string(name) + "' is not a billing policy (per_shipment, per_order, per_period)",
      "billing_policy");
}

Result<PaymentTerms> parse_payment_terms(std::string_view code) {
  const auto bad = [&](std::string_view why) {
    return invalid_argument("invalid_payment_terms",
                            "payment terms '" + std::string(code) + "' " + std::string(why),
                            "terms");
  };
  const std::string days_range = "(days 0.." + std::to_string(kPaymentTermDaysMax) + ")";
  PaymentTerms terms;
  terms.code = std::string(code);
  std::string_view rest = code;
  // "2/10 NET30": the discount comes first, as on US and SAP invoices.
  if (const std::size_t space = rest.find(' ');
      space != std::string_view::npos &&
      rest.substr(0, space).find('/') != std::string_view::npos) {
    const std::string_view discount = rest.substr(0, space);
    const std::size_t slash = discount.find('/');
    Result<BasisPoints> percent = parse_percent(discount.substr(0, slash));
    std::optional<int> days = bounded_count(discount.substr(slash + 1), 1, kPaymentTermDaysMax);
    if (!percent || percent->value <= 0 || percent->value >= kBasisPointsWhole || !days)
      return bad("have a discount that is not <percent>/<days>, e.g. 2/10 NET30");
    terms.discount = *percent;
    terms.discount_days = *days;
    rest.remove_prefix(space + 1);
  }
  // "NET30 x3": instalments come last.
  if (const std::size_t space = rest.find(' '); space != std::string_view::npos) {
    const std::string_view count = rest.substr(space + 1);
    std::optional<int> instalments =
        count.starts_with('x') ? bounded_count(count.substr(1), 2, kInstalmentsMax) : std::nullopt;
    if (!instalments)
      return bad("have instalments that are not x<count> with count 2.." +
                 std::to_string(kInstalmentsMax) + ", e.g. NET30 x3");
    terms.instalments = *instalments;
    rest = rest.substr(0, space);
  }
  if (rest == "DUE") {
    if (terms.instalments > 1 || terms.discount.value > 0)
      return bad("are due at once: DUE takes neither a discount nor instalments");
    return terms;
  }
  if (!rest.starts_with("NET") && !rest.starts_with("EOM"))
    return bad("are not DUE, NET<days> or EOM<days> " + days_range);
  terms.end_of_month = rest.starts_with("EOM");
  std::optional<int> days = bounded_count(rest.substr(3), 0, kPaymentTermDaysMax);
  if (!days) return bad("are not DUE, NET<days> or EOM<days> " + days_range);
  terms.net_days = *days;
  if (terms.discount.value > 0 && terms.instalments > 1)
    return bad("combine a discount with instalments; choose one");
  if (terms.instalments > 1 && !terms.end_of_month && terms.net_days == 0)
    return bad("split into instalments due on one day; use NET<days> with days above 0");
  if (terms.discount.value > 0 && !terms.end_of_month && terms.discount_days >= terms.net_days)
    return bad("give the discount for as long as the whole net period; shorten the discount days");
  return terms;
}

Date due_date(const PaymentTerms& terms, Date invoice_date) {
  O2C_ASSERT(terms.net_days >= 0 && terms.net_days <= kPaymentTermDaysMax);
  O2C_ASSERT(terms.instalments >= 1);
  return instalment_due(terms, invoice_date, terms.instalments - 1);
}

std::optional<Date> discount_until(const PaymentTerms& terms, Date invoice_date) {
  if (terms.discount.value == 0) return std::nullopt;
  return add_days(invoice_date, terms.discount_days);
}

std::vector<Date> instalment_due_dates(const PaymentTerms& terms, Date invoice_date) {
  std::vector<Date> dates;
  for (int index = 0; index < terms.instalments; ++index)
    dates.push_back(instalment_due(terms, invoice_date, index));
  return dates;
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
