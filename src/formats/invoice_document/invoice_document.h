// invoice_document.h — an invoice, credit note or debit note as a document to send: every
// fact the recipient reads (EN 16931's semantic model: seller BG-4, buyer BG-7, lines BG-25,
// VAT breakdown BG-23, totals BG-22, payment instructions BG-16, terms BT-20), as plain
// values with no reference to o2c's store or domain types. The UBL writer (formats/einvoice)
// and the PDF writer (formats/pdf) both render this one value, so the two never disagree;
// app/ maps an o2c Invoice to it in one place (app::invoice_document).
//
// Amounts are in the document currency and, as UBL requires for credit notes, positive on
// every kind of document: a credit note states what is credited.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/result.h"

namespace o2c {

// UNCL1001 document type codes (EN 16931 BT-3). A debit note is a UBL Invoice with 383.
enum class DocumentType : std::uint16_t { kInvoice = 380, kCreditNote = 381, kDebitNote = 383 };
std::string_view document_title(DocumentType type);  // "Invoice", "Credit note", "Debit note"

struct DocumentParty {
  std::string name;  // legal name
  std::string street;
  std::string city;
  std::string postal_code;
  std::string country;  // ISO 3166-1 alpha-2
  std::string vat_id;   // "" = none
  std::string email;    // "" = none; also the party's electronic address (scheme EM)
  std::string phone;    // "" = none
  std::string id;       // the seller's number for the buyer ("C-0001"); "" = none
};

struct DocumentLine {
  std::string id;  // "1"
  std::string sku;
  std::string name;  // the item's name (BT-153); the SKU when there is no description
  Quantity quantity;
  Money unit_price;         // net of nothing: the list or contract price (BT-146)
  Money discount;           // quantity × unit price − net, >= 0: a line allowance (BG-27)
  Money net;                // BT-131
  char vat_category = 'S';  // UNCL5305: S, Z, E
  BasisPoints vat_rate;
  std::string order_line;  // the buyer's order line (BT-132); "" = none
};

struct VatBreakdown {
  char category = 'S';
  BasisPoints rate;
  Money taxable;                 // BT-116
  Money tax;                     // BT-117
  std::string exemption_reason;  // BT-120: required for E, empty for S and Z
  std::string exemption_code;    // BT-121 (VATEX), "" = none
};

struct EarlyPaymentDiscount {
  BasisPoints rate;  // 2 % = 200
  Date pay_by;       // the last day the discount may be taken
  Money amount;      // the discount on the gross total
};

struct PaymentAccount {
  std::string iban;
  std::string bic;  // "" = none
  std::string holder;
};

// The VAT total in another currency (EN 16931 BT-6/BT-111), e.g. the seller's accounting
// currency when the invoice is in a foreign one.
struct TaxCurrencyTotal {
  Money tax_total;
};

struct InvoiceDocument {
  DocumentType type = DocumentType::kInvoice;
  std::string number;
  Date issue_date;
  Date due_date;
  Currency currency;
  std::string buyer_reference;     // BT-10: the buyer's reference, or its customer number
  std::string order_reference;     // BT-13: the order it bills; "" = none
  std::string despatch_reference;  // BT-16: the shipment; "" = none
  // BT-25/BT-26: the invoice a credit or debit note corrects; none on an invoice.
  std::optional<std::string> billing_reference;
  std::optional<Date> billing_reference_date;
  DocumentParty seller;
  DocumentParty buyer;
  std::vector<DocumentLine> lines;
  std::vector<VatBreakdown> vat;
  Money net_total;    // BT-106 = BT-109 (no document-level allowances or charges)
  Money tax_total;    // BT-110
  Money gross_total;  // BT-112 = BT-115
  std::optional<TaxCurrencyTotal> tax_currency;
  std::string payment_terms;  // BT-20, people's words: "Payable within 30 days net."
  std::optional<EarlyPaymentDiscount> early_payment;
  std::optional<PaymentAccount> payee_account;  // credit transfer to (BG-17)
  std::string payment_reference;                // BT-83: the document number
  std::string note;                             // BT-22; "" = none
};

inline constexpr std::size_t kDocumentLinesMax = 10'000;

// Checks what both writers rely on: number, parties' names and countries, at least one line,
// the currency has at most two decimals (EN 16931 BR-DEC), every amount in it, lines' net
// add up to the net total, the breakdown's tax to the tax total, net + tax = gross
// (BR-CO-15), a credit or debit note names the invoice it corrects, E breakdowns carry an
// exemption reason. Fails with invalid_argument naming the field: "document.lines[2].net".
Status check_document(const InvoiceDocument& document);

// The payment terms sentence with the early-payment discount when there is one:
// "Payable within 30 days net (due 2026-04-01). 2 % early payment discount (2.38 EUR) if
// paid by 2026-03-12."
std::string payment_terms_text(const InvoiceDocument& document);

}  // namespace o2c
