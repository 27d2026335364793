// customers.h — who buys: customer master data and payment terms. Rules encoded: a customer
// trades in one currency; payment terms are net N days or end of month + N days; the due
// date of an invoice follows from its date and the customer's terms.
//
// A customer's tier is its delivery priority when stock is short (as SAP's delivery priority
// or Dynamics' customer priority): 1 is served first, 9 last, and a customer given none is
// tier 5, so that a few can be put ahead of the many and a few behind them. A customer may
// name a preferred warehouse, which sourcing tries before the nearest ones.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/ids.h"
#include "core/money.h"
#include "core/result.h"

namespace o2c {

struct PaymentTerms {
  std::string code;           // "NET30", "EOM15", "DUE", "2/10 NET30", "NET30 x3"
  int net_days = 0;           // days added after the base date
  bool end_of_month = false;  // base date is the end of the invoice month
  // Early-payment discount ("2/10 NET30": 2 % off when paid within 10 days of the invoice
  // date); zero when the terms have none.
  BasisPoints discount;
  int discount_days = 0;
  // Instalments ("NET30 x3"): the gross is due in this many parts, one terms period apart
  // (30, 60 and 90 days; with EOM, at the end of each following month + N days).
  int instalments = 1;
};

// Parses "DUE" (net 0), "NET<n>" and "EOM<n>" with 0 <= n <= kPaymentTermDaysMax, optionally
// preceded by an early-payment discount "<percent>/<days> " (days below the net days) or
// followed by instalments " x<count>" (2..kInstalmentsMax, not with DUE or a discount).
Result<PaymentTerms> parse_payment_terms(std::string_view code);
// The due date of the whole amount (of the last instalment).
Date due_date(const PaymentTerms& terms, Date invoice_date);
// The last day a payment earns the early-payment discount; none without a discount.
std::optional<Date> discount_until(const PaymentTerms& terms, Date invoice_date);
// The due dates of the instalments, first to last (one date without instalments).
std::vector<Date> instalment_due_dates(const PaymentTerms& terms, Date invoice_date);

struct Address {
  std::string line;
  std::string city;
  std::string postal_code;
  std::string country;  // ISO 3166-1 alpha-2
  std::string region;   // "" = none; else e.g. "CA" for California (taxes by region)
};

inline constexpr int kCustomerTierHighest = 1;
inline constexpr int kCustomerTierLowest = 9;
inline constexpr int kCustomerTierDefault = 5;
static_assert(kCustomerTierHighest <= kCustomerTierDefault &&
              kCustomerTierDefault <= kCustomerTierLowest);

// How a customer's shipments become invoices. Numbers are persisted: never renumber.
enum class BillingPolicy : std::uint8_t {
  kPerShipment = 1,  // an invoice at each goods issue
  kPerOrder = 2,     // one invoice per order, when its last line has shipped or is cancelled
  kPerPeriod = 3,    // one invoice per currency for all shipments up to a billing run's date
};
std::string_view wire_name(BillingPolicy policy);  // "per_shipment", "per_order", "per_period"
Result<BillingPolicy> billing_policy_from_wire(std::string_view name);

struct Customer {
  CustomerId id;
  std::string number;  // "C-0001": how people and files refer to the customer
  std::string name;
  Currency currency;
  PaymentTerms terms;
  Money credit_limit;   // in the customer's currency; 0 means every order needs a release
  std::string segment;  // "enterprise", "smb", "retail" …
  Address billing_address;
  Address shipping_address;
  std::string email;
  bool active = true;
  int tier = kCustomerTierDefault;  // delivery priority under shortage: 1 first, 9 last
  std::string preferred_warehouse;  // warehouse code sourcing tries first; empty: none
  bool tax_exempt = false;          // pays no tax on anything (pricing engine, issue 3)
  BillingPolicy billing_policy = BillingPolicy::kPerShipment;
};

// Checks a new or changed customer: number and name present and bounded, credit limit in
// the customer's currency and not negative, e-mail shaped like one when present, tier
// within 1..9 (tier_out_of_range at customer.tier). Whether the preferred warehouse exists
// is for the caller to check against the store.
Status validate_customer(const Customer& customer);

}  // namespace o2c
