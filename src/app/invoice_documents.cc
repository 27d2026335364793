// The seller's master data, and the mapping of an o2c invoice to the document its UBL and PDF
// renderings share.
#include <algorithm>

#include "app/use_case.h"

namespace o2c::app {
namespace {

constexpr std::string_view kExemptionReason = "Exempt from VAT: the buyer is tax exempt";

std::string* seller_field(Seller& seller, std::size_t index) {
  std::string* fields[] = {&seller.name,    &seller.street, &seller.city, &seller.postal_code,
                           &seller.country, &seller.vat_id, &seller.iban, &seller.bic,
                           &seller.email,   &seller.phone};
  static_assert(std::size(kCompanySettingKeys) == 10);
  O2C_ASSERT(index < std::size(fields));
  return fields[index];
}

std::string terms_in_words(const PaymentTerms& terms) {
  if (terms.end_of_month)
    return "Payable " + std::to_string(terms.net_days) +
           " days after the end of the invoice month.";
  if (terms.net_days == 0) return "Payable on receipt.";
  return "Payable within " + std::to_string(terms.net_days) + " days net.";
}

DocumentParty seller_party(const Seller& seller) {
  return DocumentParty{seller.name,        seller.street,  seller.city,
                       seller.postal_code, seller.country, seller.vat_id,
                       seller.email,       seller.phone,   ""};
}

DocumentParty buyer_party(const Customer& customer) {
  const Address& address = customer.billing_address;
  return DocumentParty{customer.name,   address.line, address.city,   address.postal_code,
                       address.country, "",           customer.email, "",
                       customer.number};
}

Result<DocumentLine> document_line(const InvoiceLine& line, BuyerTaxStatus buyer) {
  O2C_ASSIGN_OR_RETURN(Money gross, extend(line.unit_price, line.quantity, Rounding::kHalfEven));
  O2C_ASSIGN_OR_RETURN(Money discount, subtract(gross, line.net));
  DocumentLine out;
  out.id = std::to_string(line.line_no);
  out.sku = line.sku;
  out.name = line.description.empty() ? line.sku : line.description;
  out.quantity = line.quantity;
  out.unit_price = line.unit_price;
  // A net above quantity × price (never from o2c's pricing) would be a charge; it is shown
  // as no discount and the net stands.
  out.discount = discount.minor > 0 ? discount : zero(line.net.currency);
  out.net = line.net;
  out.vat_category = vat_category_code(vat_category(line, buyer))[0];
  out.vat_rate = line.tax_rate;
  if (line.order_line_no > 0) out.order_line = std::to_string(line.order_line_no);
  return out;
}

}  // namespace

Status set_company(Context& context, const Seller& seller) {
  O2C_ASSIGN_OR_RETURN(Seller checked, checked_seller(seller));
  return context.store
      .submit([&](StoreWriter& writer) -> Status {
        EventPayload payload;
        for (std::size_t i = 0; i < std::size(kCompanySettingKeys); ++i) {
          const std::string& value = *seller_field(checked, i);
          O2C_RETURN_IF_ERROR(writer.save_setting(kCompanySettingKeys[i], value));
          payload.set(kCompanySettingKeys[i].substr(std::string_view("company.").size()), value);
        }
        O2C_RETURN_IF_ERROR(append_event(writer, context, "config.company", "company", payload));
        return {};
      })
      .get();
}

Result<std::optional<Seller>> load_company(StoreReader& reader) {
  Seller seller;
  for (std::size_t i = 0; i < std::size(kCompanySettingKeys); ++i) {
    O2C_ASSIGN_OR_RETURN(std::optional<std::string> value, reader.setting(kCompanySettingKeys[i]));
    if (!value) {
      if (i == 0) return std::optional<Seller>();  // never set
      continue;
    }
    *seller_field(seller, i) = std::move(*value);
  }
  return std::optional<Seller>(std::move(seller));
}

Result<InvoiceDocument> invoice_document(const Invoice& invoice, const Customer& customer,
                                         const Seller& seller) {
  O2C_ASSERT(invoice.customer == customer.id);
  const BuyerTaxStatus buyer =
      customer.tax_exempt ? BuyerTaxStatus::kExempt : BuyerTaxStatus::kTaxable;
  InvoiceDocument document;
  document.type =
      invoice.kind == InvoiceKind::kDebitNote ? DocumentType::kDebitNote : DocumentType::kInvoice;
  if (!invoice.corrects_number.empty()) document.billing_reference = invoice.corrects_number;
  document.number = invoice.number;
  document.issue_date = invoice.invoice_date;
  document.due_date = invoice.due_date;
  document.currency = invoice.currency;
  document.buyer_reference = customer.number;
  document.order_reference = invoice.order_number;
  document.despatch_reference = invoice.shipment_number;
  document.seller = seller_party(seller);
  document.buyer = buyer_party(customer);
  document.lines.reserve(invoice.lines.size());
  for (const InvoiceLine& line : invoice.lines) {
    O2C_ASSIGN_OR_RETURN(DocumentLine mapped, document_line(line, buyer));
    document.lines.push_back(std::move(mapped));
  }
  O2C_ASSIGN_OR_RETURN(std::vector<VatSubtotal> summary, tax_summary(invoice, buyer));
  for (const VatSubtotal& subtotal : summary) {
    VatBreakdown breakdown{vat_category_code(subtotal.category)[0],
                           subtotal.rate,
                           subtotal.taxable,
                           subtotal.tax,
                           "",
                           ""};
    if (subtotal.category == VatCategory::kExempt)
      breakdown.exemption_reason = std::string(kExemptionReason);
    document.vat.push_back(std::move(breakdown));
  }
  document.net_total = invoice.net_total;
  document.tax_total = invoice.tax_total;
  document.gross_total = invoice.gross_total;
  document.payment_terms = terms_in_words(customer.terms);
  // The discount the invoice was issued with (its terms then, not the customer's now).
  if (invoice.discount.value > 0 && invoice.discount_until) {
    O2C_ASSIGN_OR_RETURN(Money amount,
                         apply_rate(invoice.gross_total, invoice.discount, Rounding::kHalfEven));
    document.early_payment =
        EarlyPaymentDiscount{invoice.discount, *invoice.discount_until, amount};
  }
  if (!seller.iban.empty())
    document.payee_account = PaymentAccount{seller.iban, seller.bic, seller.name};
  document.payment_reference = invoice.number;
  O2C_ASSERT(document.lines.size() == invoice.lines.size());
  return document;
}

Result<EarlyPaymentDiscount> early_payment_discount(const Invoice& invoice, BasisPoints rate,
                                                    int days) {
  O2C_ASSERT(rate.value >= 0 && rate.value <= kBasisPointsWhole);
  O2C_ASSERT(days >= 0);
  O2C_ASSIGN_OR_RETURN(Money amount, apply_rate(invoice.gross_total, rate, Rounding::kHalfEven));
  return EarlyPaymentDiscount{rate, add_days(invoice.invoice_date, days), amount};
}

Result<InvoiceDocument> load_credit_note_document(StoreReader& reader, std::string_view number,
                                                  const Seller& seller);

Result<InvoiceDocument> load_invoice_document(StoreReader& reader, std::string_view number) {
  O2C_ASSIGN_OR_RETURN(std::optional<Seller> seller, load_company(reader));
  if (!seller)
    return failed_precondition("company_not_set",
                               "set the seller with `o2c config company …` first", "company");
  if (number.starts_with("CN-")) return load_credit_note_document(reader, number, *seller);
  O2C_ASSIGN_OR_RETURN(std::optional<Invoice> invoice, reader.find_invoice(number));
  if (!invoice)
    return not_found("invoice_not_found", "no invoice with number '" + std::string(number) + "'",
                     "number");
  O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer, reader.find_customer(invoice->customer));
  O2C_ASSERT(customer.has_value());
  return invoice_document(*invoice, *customer, *seller);
}

Result<InvoiceDocument> credit_note_document(const CreditNote& note, const Invoice& original,
                                             const Customer& customer, const Seller& seller) {
  // The credit note's lines and totals in the shape invoice_document maps; a credit by amount
  // is one unit at that amount.
  Invoice credited;
  credited.number = note.number;
  credited.customer = original.customer;
  credited.customer_number = original.customer_number;
  credited.order_number = original.order_number;
  credited.shipment_number = original.shipment_number;
  credited.invoice_date = credited.due_date = note.issue_date;
  credited.currency = note.currency;
  for (const CreditNoteLine& line : note.lines) {
    InvoiceLine item;
    item.line_no = line.line_no;
    item.sku = line.sku;
    item.description = line.description;
    item.quantity = line.quantity.milli > 0 ? line.quantity : Quantity{1000};
    item.unit_price = line.quantity.milli > 0 ? line.unit_price : line.net;
    item.tax_category = line.tax_category;
    item.tax_rate = line.tax_rate;
    item.net = line.net;
    item.tax = line.tax;
    credited.lines.push_back(std::move(item));
  }
  credited.net_total = note.net_total;
  credited.tax_total = note.tax_total;
  credited.gross_total = note.gross_total;
  credited.paid = credited.credited = credited.discount_taken = credited.written_off =
      zero(note.currency);
  O2C_ASSIGN_OR_RETURN(InvoiceDocument document, invoice_document(credited, customer, seller));
  document.type = DocumentType::kCreditNote;
  document.billing_reference = original.number;
  document.billing_reference_date = original.invoice_date;
  document.payment_terms = "Credit for invoice " + original.number + ": " + note.reason;
  document.payee_account.reset();
  return document;
}

Result<InvoiceDocument> load_credit_note_document(StoreReader& reader, std::string_view number,
                                                  const Seller& seller) {
  O2C_ASSIGN_OR_RETURN(std::optional<CreditNote> note, reader.find_credit_note(number));
  if (!note)
    return not_found("credit_note_not_found",
                     "no credit note with number '" + std::string(number) + "'", "number");
  O2C_ASSIGN_OR_RETURN(std::optional<Invoice> original, reader.find_invoice(note->invoice_number));
  O2C_ASSERT(original.has_value());
  O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer, reader.find_customer(note->customer));
  O2C_ASSERT(customer.has_value());
  return credit_note_document(*note, *original, *customer, seller);
}

Result<std::vector<std::string>> invoice_numbers(StoreReader& reader, std::optional<Date> from,
                                                 std::optional<Date> to) {
  O2C_ASSIGN_OR_RETURN(std::vector<Invoice> invoices,
                       reader.list_invoices(InvoiceFilter{std::nullopt, false, SIZE_MAX}));
  std::vector<std::string> numbers;
  for (const Invoice& invoice : invoices) {
    if (from && invoice.invoice_date < *from) continue;
    if (to && invoice.invoice_date > *to) continue;
    numbers.push_back(invoice.number);
  }
  std::sort(numbers.begin(), numbers.end());
  return numbers;
}

}  // namespace o2c::app
