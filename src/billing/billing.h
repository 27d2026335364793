// billing.h — turns shipments into invoices. Rules encoded: one invoice per shipment; the
// due date follows from the invoice date and the customer's payment terms; a line invoiced
// in parts is invoiced by cumulative proration (the amount for everything shipped so far
// minus what was invoiced before), so the parts of a line always add up to the line's
// ordered net and tax exactly, whatever the rounding; the order's shipping charge is billed
// whole on its first invoice, as a line with order_line_no 0 (kShippingSku), so that the
// invoices of an order add up to the order total; EN 16931 BR-CO-15: gross = net + tax.
//
// It also holds what every invoice document states besides its lines: the seller (the
// company's own master data, EN 16931 BG-4) and the tax summary per VAT category and rate
// (EN 16931 BG-23, BR-CO-14: the categories' tax adds up to the invoice's tax).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/ids.h"
#include "core/money.h"
#include "core/result.h"
#include "customers/customers.h"
#include "fulfillment/fulfillment.h"
#include "orders/orders.h"

namespace o2c {

// Numbers are persisted: never renumber, never reuse.
enum class InvoiceState : std::uint8_t { kOpen = 1, kPartiallyPaid = 2, kPaid = 3 };
std::string_view wire_name(InvoiceState state);

// The SKU of the invoice line that bills an order's shipping charge (order_line_no 0).
inline constexpr std::string_view kShippingSku = "SHIPPING";

struct InvoiceLine {
  int line_no = 0;
  int order_line_no = 0;  // 0: the order's shipping charge
  std::string sku;
  std::string description;
  Quantity quantity;
  Money unit_price;
  std::string tax_category;
  BasisPoints tax_rate;
  Money net;
  Money tax;
};

struct Invoice {
  InvoiceId id;
  std::string number;  // "INV-2026-000001"
  CustomerId customer;
  std::string customer_number;
  OrderId order;
  std::string order_number;
  ShipmentId shipment;
  std::string shipment_number;
  Date invoice_date;
  Date due_date;
  Currency currency;
  std::vector<InvoiceLine> lines;
  Money net_total;
  Money tax_total;
  Money gross_total;
  Money paid;  // applied payments so far
};

InvoiceState invoice_state(const Invoice& invoice);
Result<Money> open_amount(const Invoice& invoice);

// Invoices `shipment` of `order`. `order` is the order *after* ship_order, so its lines'
// shipped quantities include this shipment and `invoiced` tells what was billed before;
// this function advances `invoiced`, and marks the shipping charge invoiced when it bills
// it. Requires: the shipment belongs to the order.
Result<Invoice> invoice_shipment(Order& order, const Shipment& shipment, const PaymentTerms& terms,
                                 Date invoice_date);

// ---- the seller: the company's own master data on every invoice (EN 16931 BG-4) ----------

struct Seller {
  std::string name;  // legal name (BT-27)
  std::string street;
  std::string city;
  std::string postal_code;
  std::string country;  // ISO 3166-1 alpha-2, upper case
  std::string vat_id;   // "DE123456789" (BT-31)
  std::string iban;     // "" = none; else stored without spaces, upper case
  std::string bic;      // "" = none
  std::string email;    // "" = none
  std::string phone;    // "" = none
};

inline constexpr std::size_t kSellerFieldBytesMax = 200;

// Checks the seller and normalises it (IBAN and BIC without spaces, upper case; country
// upper case). Fails with invalid_argument at the field ("company.iban"): name_required,
// street_required, city_required, postal_code_required, country_invalid (not two letters),
// vat_id_invalid (not a two-letter country prefix and 2..12 letters or digits),
// iban_invalid (shape or ISO 13616 mod-97 check), bic_invalid (8 or 11 letters/digits),
// email_invalid, field_too_long.
Result<Seller> checked_seller(Seller seller);
// ISO 13616: the IBAN (without spaces) has a country, two check digits, and mod 97 == 1.
bool iban_is_valid(std::string_view iban);

// ---- tax summary per VAT category and rate (EN 16931 BG-23) --------------------------------

// EN 16931 VAT category (UNCL5305) of an invoice line: standard rated (S) when its rate is
// above zero; at zero, exempt (E, with an exemption reason) when the buyer is tax exempt,
// else zero rated (Z). Numbers are persisted: never renumber.
enum class VatCategory : std::uint8_t { kStandard = 1, kZeroRated = 2, kExempt = 3 };
std::string_view vat_category_code(VatCategory category);  // "S", "Z", "E"
enum class BuyerTaxStatus : std::uint8_t { kTaxable = 1, kExempt = 2 };
VatCategory vat_category(const InvoiceLine& line, BuyerTaxStatus buyer);

struct VatSubtotal {
  VatCategory category = VatCategory::kStandard;
  BasisPoints rate;
  Money taxable;  // sum of the lines' net amounts
  Money tax;      // sum of the lines' tax amounts
};

// The invoice's tax per (VAT category, rate), ordered by category (S, Z, E) then rate
// descending. The rounding policy is per line (pricing.h): every line's tax was rounded on its
// own and the document's tax is their sum, so each subtotal's tax is the sum of its lines' tax
// — never recomputed as taxable × rate — and the subtotals add up to invoice.tax_total exactly
// (asserted; EN 16931 BR-CO-14). Under a per-document policy (TaxRounding::kPerDocument) the
// subtotal's tax would instead be round_half_even(taxable × rate) per group, the document's
// tax the sum of those, and the lines' tax only their largest-remainder shares of it
// (kTaxDocumentShare) — the sum would still match by construction. Either way the result is
// within EN 16931 BR-CO-17's tolerance of taxable × rate. Fails with amount_overflow.
Result<std::vector<VatSubtotal>> tax_summary(const Invoice& invoice, BuyerTaxStatus buyer);

}  // namespace o2c
