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
#include "fulfillment/fulfillment.h"
#include "orders/orders.h"

namespace o2c {

// Numbers are persisted: never renumber, never reuse.
// Derived from what settled the invoice; kWrittenOff: settled in full with a write-off in it.
enum class InvoiceState : std::uint8_t {
  kOpen = 1,
  kPartiallyPaid = 2,
  kPaid = 3,
  kCredited = 4,
  kWrittenOff = 5,
};
std::string_view wire_name(InvoiceState state);

// What a document in the INV series is. Numbers are persisted.
enum class InvoiceKind : std::uint8_t { kInvoice = 1, kDebitNote = 2 };
std::string_view wire_name(InvoiceKind kind);  // "invoice", "debit_note"
Result<InvoiceKind> invoice_kind_from_wire(std::string_view name);

// The SKU of the invoice line that bills an order's shipping charge (order_line_no 0).
inline constexpr std::string_view kShippingSku = "SHIPPING";

struct InvoiceLine {
  int line_no = 0;
  OrderId order;             // the order the line bills; 0: none (debit note, subscription)
  std::string order_number;  // "" when none
  int order_line_no = 0;     // 0: the order's shipping charge, or no order line
  std::string sku;
  std::string description;
  Quantity quantity;
  Money unit_price;
  std::string tax_category;
  BasisPoints tax_rate;
  Money net;
  Money tax;
};

struct Instalment {
  int sequence = 0;  // 1-based
  Date due_date;
  Money amount;
};

struct Invoice {
  InvoiceId id;
  std::string number;  // "INV-2026-000001"
  InvoiceKind kind = InvoiceKind::kInvoice;
  CustomerId customer;
  std::string customer_number;
  OrderId order;  // the one order it bills; 0: several or none
  std::string order_number;
  ShipmentId shipment;  // the one shipment it bills; 0: several or none
  std::string shipment_number;
  InvoiceId corrects;           // a debit note: the invoice it corrects; else 0
  std::string corrects_number;  // "" when none
  std::string reason;           // why a debit note was issued
  std::string terms;            // the payment terms code it was issued on
  Date invoice_date;
  Date due_date;
  Currency currency;
  std::vector<InvoiceLine> lines;
  Money net_total;
  Money tax_total;
  Money gross_total;
  Money paid;            // applied payments so far
  Money credited;        // credit notes allocated to it
  Money discount_taken;  // early-payment discount granted
  Money written_off;     // written off (a short payment within tolerance, a bad debt)
  BasisPoints discount;  // early-payment discount on offer; 0: none
  std::optional<Date> discount_until;
  std::vector<Instalment> instalments;  // empty: one due date
};

InvoiceState invoice_state(const Invoice& invoice);
// gross − paid − credited − discount taken − written off.
Result<Money> open_amount(const Invoice& invoice);

// Puts the due date, instalments and early-payment discount of `terms` on an invoice whose
// date and gross total are set.
Status apply_payment_terms(Invoice& invoice, const PaymentTerms& terms);

// One shipment to bill and the order it belongs to (after ship_order).
struct ShipmentToBill {
  Order* order = nullptr;
  const Shipment* shipment = nullptr;
};

// Invoices `shipment` of `order`. `order` is the order *after* ship_order, so its lines'
// shipped quantities include this shipment and `invoiced` tells what was billed before;
// this function advances `invoiced`, and marks the shipping charge invoiced when it bills
// it. Requires: the shipment belongs to the order.
Result<Invoice> invoice_shipment(Order& order, const Shipment& shipment, const PaymentTerms& terms,
                                 Date invoice_date);
// One invoice for several shipments of one customer in one currency (per order, per period),
// lines in the order given; each order's `invoiced` quantities advance as above.
Result<Invoice> invoice_shipments(std::span<const ShipmentToBill> shipments,
                                  const PaymentTerms& terms, Date invoice_date);

}  // namespace o2c

// ---- credit notes, debit notes, pro-forma invoices ----------------------------------------
//
// A credit note gives back part or all of a posted invoice: goods returned, a price
// corrected, a dispute settled. It credits the invoice's lines — by quantity (the line's net
// and tax prorated cumulatively, so crediting every unit gives back the line to the cent) or
// by a net amount (tax at the line's rate) — and never more than is left of a line after
// earlier credit notes. It settles the invoice's open amount first; what the invoice no
// longer owes becomes the customer's credit (unapplied, like cash on account).
// A debit note charges more on an invoice (an under-charged price, a fee): it is an invoice
// of its own (INV series, kind debit_note) that names the invoice it corrects.

namespace o2c {

// Numbers are persisted: never renumber, never reuse.
enum class CreditCause : std::uint8_t {
  kReturn = 1,
  kPriceCorrection = 2,
  kDispute = 3,
  kCancellation = 4,
};
std::string_view wire_name(CreditCause cause);  // "return", "price_correction", …
Result<CreditCause> credit_cause_from_wire(std::string_view name);

struct CreditNoteLine {
  int line_no = 0;
  int invoice_line_no = 0;
  std::string sku;
  std::string description;
  Quantity quantity;  // 0 for a credit by amount
  Money unit_price;
  std::string tax_category;
  BasisPoints tax_rate;
  Money net;  // positive: what is given back
  Money tax;
};

struct CreditNote {
  std::int64_t id = 0;
  std::string number;  // "CN-2026-000001"
  CustomerId customer;
  std::string customer_number;
  InvoiceId invoice;
  std::string invoice_number;
  CreditCause cause = CreditCause::kPriceCorrection;
  std::string reason;
  std::int64_t return_request = 0;  // the return's credit note request; 0: none
  Date issue_date;
  Currency currency;
  std::vector<CreditNoteLine> lines;
  Money net_total;
  Money tax_total;
  Money gross_total;
  Money allocated;  // settled on invoices so far
};

// What earlier credit notes took from one invoice line.
struct CreditedLine {
  int invoice_line_no = 0;
  Quantity quantity;
  Money net;
  Money tax;
};

// One line of a credit: a quantity of an invoice line, or a net amount off it.
struct CreditLineRequest {
  int invoice_line_no = 0;
  std::optional<Quantity> quantity;
  std::optional<Money> net;
};

struct CreditRequest {
  CreditCause cause = CreditCause::kPriceCorrection;
  std::string reason;
  bool whole_invoice = false;  // everything not yet credited
  std::vector<CreditLineRequest> lines;
};

// Plans a credit note against `invoice` (with its lines) given what earlier credit notes took
// (`credited`). Errors: credit_reason_missing, credit_line_unknown, credit_quantity_invalid,
// credit_amount_invalid, credit_exceeds_invoice (at lines[i]…), nothing_to_credit.
Result<CreditNote> plan_credit_note(const Invoice& invoice, std::span<const CreditedLine> credited,
                                    const CreditRequest& request, Date issue_date);

// A debit note against `original`: one line of `net` taxed at `tax_rate` of `tax_category`,
// with the customer's payment terms. Errors: debit_reason_missing, debit_amount_invalid.
Result<Invoice> plan_debit_note(const Invoice& original, std::string_view reason,
                                std::string_view description, Money net,
                                std::string_view tax_category, BasisPoints tax_rate,
                                const PaymentTerms& terms, Date issue_date);

// A pro-forma invoice: what the order will cost, to be paid before it ships. Not a posted
// document: no receivable, no ledger entry.
struct ProformaInvoice {
  std::string number;  // "PF-2026-000001"
  OrderId order;
  std::string order_number;
  std::string customer_number;
  Date issue_date;
  Date valid_until;
  Currency currency;
  std::vector<InvoiceLine> lines;
  Money net_total;
  Money tax_total;
  Money gross_total;
};
inline constexpr int kProformaValidDays = 30;

// The pro-forma of what `order` has not been invoiced for yet (its remaining quantities and
// the shipping charge if not billed). Error: nothing_to_invoice when all is invoiced.
Result<ProformaInvoice> plan_proforma(const Order& order, Date issue_date);

// The early-payment discount a payment received on `date` may take off an invoice of `gross`
// with `open` left: the offer (a rate of the gross, as Skonto and "2/10 net 30" are reckoned)
// when the date is within the discount period, never more than is open; else zero. The
// discount is granted only when the payment settles the rest (payments.cc).
Result<Money> early_payment_discount(Money gross, Money open, BasisPoints offer,
                                     std::optional<Date> until, Date date);

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

// Subscriptions, usage and deferred revenue: plain types and pure functions, kept in their own
// header so that this one stays about invoices (included last: it builds on Invoice).
#include "billing/recurring.h"  // IWYU pragma: export
