// Checks shared by the UBL and PDF writers, and the payment terms sentence.
#include "formats/invoice_document/invoice_document.h"

namespace o2c {
namespace {

Status bad(std::string reason, std::string message, std::string where) {
  return invalid_argument(std::move(reason), std::move(message), "document." + where);
}

Status in_currency(Money amount, Currency currency, const std::string& where) {
  if (amount.currency != currency)
    return bad("currency_mismatch",
               std::string(amount.currency.text()) + " amount on a " +
                   std::string(currency.text()) + " document",
               where);
  if (amount.minor < 0) return bad("amount_negative", "amounts on a document are positive", where);
  return {};
}

Status check_party(const DocumentParty& party, const std::string& where) {
  if (party.name.empty()) return bad("name_required", "the " + where + " has no name", where);
  if (party.country.size() != 2)
    return bad("country_invalid", "the " + where + " has no two-letter country code",
               where + ".country");
  return {};
}

Status check_lines(const InvoiceDocument& document) {
  if (document.lines.empty()) return bad("no_lines", "a document needs a line", "lines");
  if (document.lines.size() > kDocumentLinesMax)
    return bad("too_many_lines", "more than " + std::to_string(kDocumentLinesMax) + " lines",
               "lines");
  Money net = zero(document.currency);
  for (std::size_t i = 0; i < document.lines.size(); ++i) {
    const DocumentLine& line = document.lines[i];
    const std::string where = "lines[" + std::to_string(i) + "]";
    O2C_RETURN_IF_ERROR(in_currency(line.net, document.currency, where + ".net"));
    O2C_RETURN_IF_ERROR(in_currency(line.unit_price, document.currency, where + ".unit_price"));
    O2C_RETURN_IF_ERROR(in_currency(line.discount, document.currency, where + ".discount"));
    if (line.quantity.milli <= 0)
      return bad("quantity_must_be_positive", "a line's quantity must be positive",
                 where + ".quantity");
    O2C_ASSIGN_OR_RETURN(net, add(net, line.net));
  }
  if (net != document.net_total)
    return bad("totals_mismatch", "the lines' net amounts do not add up to the net total",
               "net_total");
  return {};
}

Status check_breakdown(const InvoiceDocument& document) {
  Money tax = zero(document.currency);
  for (std::size_t i = 0; i < document.vat.size(); ++i) {
    const VatBreakdown& subtotal = document.vat[i];
    const std::string where = "vat[" + std::to_string(i) + "]";
    O2C_RETURN_IF_ERROR(in_currency(subtotal.taxable, document.currency, where + ".taxable"));
    O2C_RETURN_IF_ERROR(in_currency(subtotal.tax, document.currency, where + ".tax"));
    if (subtotal.category == 'E' && subtotal.exemption_reason.empty() &&
        subtotal.exemption_code.empty())
      return bad("exemption_reason_required", "an exempt VAT category needs a reason",
                 where + ".exemption_reason");
    O2C_ASSIGN_OR_RETURN(tax, add(tax, subtotal.tax));
  }
  if (tax != document.tax_total)
    return bad("totals_mismatch", "the VAT breakdown does not add up to the tax total",
               "tax_total");
  O2C_ASSIGN_OR_RETURN(Money gross, add(document.net_total, document.tax_total));
  if (gross != document.gross_total)
    return bad("totals_mismatch", "net total + tax total is not the gross total", "gross_total");
  return {};
}

}  // namespace

std::string_view document_title(DocumentType type) {
  switch (type) {
    case DocumentType::kInvoice:
      return "Invoice";
    case DocumentType::kCreditNote:
      return "Credit note";
    case DocumentType::kDebitNote:
      return "Debit note";
  }
  O2C_ASSERT(false && "unknown document type");
  return "";
}

Status check_document(const InvoiceDocument& document) {
  if (document.number.empty())
    return bad("number_required", "the document has no number", "number");
  if (document.currency.exponent > 2)
    return bad("currency_not_supported",
               std::string(document.currency.text()) +
                   " has more than two decimals, which EN 16931 does not allow (BR-DEC)",
               "currency");
  O2C_RETURN_IF_ERROR(check_party(document.seller, "seller"));
  O2C_RETURN_IF_ERROR(check_party(document.buyer, "buyer"));
  if (document.type != DocumentType::kInvoice && !document.billing_reference)
    return bad(
        "billing_reference_required",
        "a " + std::string(document_title(document.type)) + " must name the invoice it corrects",
        "billing_reference");
  O2C_RETURN_IF_ERROR(in_currency(document.net_total, document.currency, "net_total"));
  O2C_RETURN_IF_ERROR(in_currency(document.tax_total, document.currency, "tax_total"));
  O2C_RETURN_IF_ERROR(in_currency(document.gross_total, document.currency, "gross_total"));
  O2C_RETURN_IF_ERROR(check_lines(document));
  return check_breakdown(document);
}

std::string payment_terms_text(const InvoiceDocument& document) {
  std::string text = document.payment_terms;
  if (document.type == DocumentType::kCreditNote) return text;
  if (!text.empty() && text.back() != ' ') text += " ";
  text += "Due " + format_date(document.due_date) + ".";
  if (document.early_payment) {
    const EarlyPaymentDiscount& early = *document.early_payment;
    text += " " + format_percent(early.rate) + " % early payment discount (" +
            format_money(early.amount) + ") if paid by " + format_date(early.pay_by) + ".";
  }
  return text;
}

}  // namespace o2c
