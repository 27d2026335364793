// Writes an InvoiceDocument as UBL 2.1, elements in the order the UBL schema requires.
#include <pugixml.hpp>

#include "formats/einvoice/einvoice.h"

namespace o2c {
namespace {

constexpr const char* kCustomization = "urn:cen.eu:en16931:2017";
constexpr const char* kProfile = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

class UblBuilder {
 public:
  explicit UblBuilder(const InvoiceDocument& document)
      : document_(document), credit_(document.type == DocumentType::kCreditNote) {}

  std::string build();

 private:
  pugi::xml_node text(pugi::xml_node parent, const char* name, std::string_view value) {
    pugi::xml_node node = parent.append_child(name);
    node.text().set(std::string(value).c_str());
    return node;
  }
  void amount(pugi::xml_node parent, const char* name, Money value) {
    pugi::xml_node node = text(parent, name, format_amount(value));
    node.append_attribute("currencyID").set_value(std::string(value.currency.text()).c_str());
  }
  void header(pugi::xml_node root);
  void references(pugi::xml_node root);
  void party(pugi::xml_node parent, const char* role, const DocumentParty& party);
  void payment(pugi::xml_node root);
  void taxes(pugi::xml_node root);
  void totals(pugi::xml_node root);
  void line(pugi::xml_node root, const DocumentLine& line);
  void tax_category(pugi::xml_node parent, const char* name, char category, BasisPoints rate,
                    const VatBreakdown* breakdown);

  const InvoiceDocument& document_;
  const bool credit_;
};

struct StringWriter : pugi::xml_writer {
  std::string out;
  void write(const void* data, size_t size) override {
    out.append(static_cast<const char*>(data), size);
  }
};

std::string UblBuilder::build() {
  pugi::xml_document xml;
  pugi::xml_node declaration = xml.append_child(pugi::node_declaration);
  declaration.append_attribute("version") = "1.0";
  declaration.append_attribute("encoding") = "UTF-8";
  const char* root_name = credit_ ? "CreditNote" : "Invoice";
  pugi::xml_node root = xml.append_child(root_name);
  root.append_attribute("xmlns") = credit_
                                       ? "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
                                       : "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
  root.append_attribute("xmlns:cac") =
      "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
  root.append_attribute("xmlns:cbc") =
      "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
  header(root);
  references(root);
  party(root, "cac:AccountingSupplierParty", document_.seller);
  party(root, "cac:AccountingCustomerParty", document_.buyer);
  payment(root);
  taxes(root);
  totals(root);
  for (const DocumentLine& item : document_.lines) line(root, item);
  StringWriter writer;
  writer.out.reserve(4096 + 1024 * document_.lines.size());
  xml.save(writer, "  ", pugi::format_default, pugi::encoding_utf8);
  return std::move(writer.out);
}

void UblBuilder::header(pugi::xml_node root) {
  text(root, "cbc:CustomizationID", kCustomization);
  text(root, "cbc:ProfileID", kProfile);
  text(root, "cbc:ID", document_.number);
  text(root, "cbc:IssueDate", format_date(document_.issue_date));
  if (!credit_) text(root, "cbc:DueDate", format_date(document_.due_date));
  text(root, credit_ ? "cbc:CreditNoteTypeCode" : "cbc:InvoiceTypeCode",
       std::to_string(static_cast<int>(document_.type)));
  if (!document_.note.empty()) text(root, "cbc:Note", document_.note);
  text(root, "cbc:DocumentCurrencyCode", document_.currency.text());
  if (document_.tax_currency)
    text(root, "cbc:TaxCurrencyCode", document_.tax_currency->tax_total.currency.text());
  if (!document_.buyer_reference.empty())
    text(root, "cbc:BuyerReference", document_.buyer_reference);
}

void UblBuilder::references(pugi::xml_node root) {
  if (!document_.order_reference.empty())
    text(root.append_child("cac:OrderReference"), "cbc:ID", document_.order_reference);
  if (document_.billing_reference) {
    pugi::xml_node reference =
        root.append_child("cac:BillingReference").append_child("cac:InvoiceDocumentReference");
    text(reference, "cbc:ID", *document_.billing_reference);
    if (document_.billing_reference_date)
      text(reference, "cbc:IssueDate", format_date(*document_.billing_reference_date));
  }
  if (!document_.despatch_reference.empty())
    text(root.append_child("cac:DespatchDocumentReference"), "cbc:ID",
         document_.despatch_reference);
}

void UblBuilder::party(pugi::xml_node parent, const char* role, const DocumentParty& party) {
  pugi::xml_node node = parent.append_child(role).append_child("cac:Party");
  if (!party.email.empty())
    text(node, "cbc:EndpointID", party.email).append_attribute("schemeID") = "EM";
  if (!party.id.empty()) text(node.append_child("cac:PartyIdentification"), "cbc:ID", party.id);
  text(node.append_child("cac:PartyName"), "cbc:Name", party.name);
  pugi::xml_node address = node.append_child("cac:PostalAddress");
  if (!party.street.empty()) text(address, "cbc:StreetName", party.street);
  if (!party.city.empty()) text(address, "cbc:CityName", party.city);
  if (!party.postal_code.empty()) text(address, "cbc:PostalZone", party.postal_code);
  text(address.append_child("cac:Country"), "cbc:IdentificationCode", party.country);
  if (!party.vat_id.empty()) {
    pugi::xml_node tax_scheme = node.append_child("cac:PartyTaxScheme");
    text(tax_scheme, "cbc:CompanyID", party.vat_id);
    text(tax_scheme.append_child("cac:TaxScheme"), "cbc:ID", "VAT");
  }
  text(node.append_child("cac:PartyLegalEntity"), "cbc:RegistrationName", party.name);
  if (!party.phone.empty() || !party.email.empty()) {
    pugi::xml_node contact = node.append_child("cac:Contact");
    if (!party.phone.empty()) text(contact, "cbc:Telephone", party.phone);
    if (!party.email.empty()) text(contact, "cbc:ElectronicMail", party.email);
  }
}

void UblBuilder::payment(pugi::xml_node root) {
  // A credit note's due date can only be stated in PaymentMeans; without an account to pay
  // to, code 1 (instrument not defined) carries it.
  if (document_.payee_account || credit_) {
    pugi::xml_node means = root.append_child("cac:PaymentMeans");
    const bool transfer = document_.payee_account.has_value() && !credit_;
    text(means, "cbc:PaymentMeansCode", transfer ? "58" : "1");
    if (credit_) text(means, "cbc:PaymentDueDate", format_date(document_.due_date));
    if (!document_.payment_reference.empty())
      text(means, "cbc:PaymentID", document_.payment_reference);
    if (transfer) {
      const PaymentAccount& account = *document_.payee_account;
      pugi::xml_node payee = means.append_child("cac:PayeeFinancialAccount");
      text(payee, "cbc:ID", account.iban);
      if (!account.holder.empty()) text(payee, "cbc:Name", account.holder);
      if (!account.bic.empty())
        text(payee.append_child("cac:FinancialInstitutionBranch"), "cbc:ID", account.bic);
    }
  }
  const std::string terms = payment_terms_text(document_);
  if (!terms.empty()) text(root.append_child("cac:PaymentTerms"), "cbc:Note", terms);
}

void UblBuilder::tax_category(pugi::xml_node parent, const char* name, char category,
                              BasisPoints rate, const VatBreakdown* breakdown) {
  pugi::xml_node node = parent.append_child(name);
  text(node, "cbc:ID", std::string_view(&category, 1));
  text(node, "cbc:Percent", format_percent(rate));
  if (breakdown != nullptr && category == 'E') {
    if (!breakdown->exemption_code.empty())
      text(node, "cbc:TaxExemptionReasonCode", breakdown->exemption_code);
    if (!breakdown->exemption_reason.empty())
      text(node, "cbc:TaxExemptionReason", breakdown->exemption_reason);
  }
  text(node.append_child("cac:TaxScheme"), "cbc:ID", "VAT");
}

void UblBuilder::taxes(pugi::xml_node root) {
  pugi::xml_node total = root.append_child("cac:TaxTotal");
  amount(total, "cbc:TaxAmount", document_.tax_total);
  for (const VatBreakdown& subtotal : document_.vat) {
    pugi::xml_node node = total.append_child("cac:TaxSubtotal");
    amount(node, "cbc:TaxableAmount", subtotal.taxable);
    amount(node, "cbc:TaxAmount", subtotal.tax);
    tax_category(node, "cac:TaxCategory", subtotal.category, subtotal.rate, &subtotal);
  }
  if (document_.tax_currency)  // BR-53: the VAT total in the tax currency, no breakdown.
    amount(root.append_child("cac:TaxTotal"), "cbc:TaxAmount", document_.tax_currency->tax_total);
}

void UblBuilder::totals(pugi::xml_node root) {
  pugi::xml_node node = root.append_child("cac:LegalMonetaryTotal");
  amount(node, "cbc:LineExtensionAmount", document_.net_total);
  amount(node, "cbc:TaxExclusiveAmount", document_.net_total);
  amount(node, "cbc:TaxInclusiveAmount", document_.gross_total);
  amount(node, "cbc:PayableAmount", document_.gross_total);
}

void UblBuilder::line(pugi::xml_node root, const DocumentLine& line) {
  pugi::xml_node node = root.append_child(credit_ ? "cac:CreditNoteLine" : "cac:InvoiceLine");
  text(node, "cbc:ID", line.id);
  text(node, credit_ ? "cbc:CreditedQuantity" : "cbc:InvoicedQuantity",
       format_quantity(line.quantity))
      .append_attribute("unitCode") = "C62";
  amount(node, "cbc:LineExtensionAmount", line.net);
  if (!line.order_line.empty())
    text(node.append_child("cac:OrderLineReference"), "cbc:LineID", line.order_line);
  if (line.discount.minor > 0) {
    pugi::xml_node allowance = node.append_child("cac:AllowanceCharge");
    text(allowance, "cbc:ChargeIndicator", "false");
    text(allowance, "cbc:AllowanceChargeReasonCode", "95");
    text(allowance, "cbc:AllowanceChargeReason", "Discount");
    amount(allowance, "cbc:Amount", line.discount);
  }
  pugi::xml_node item = node.append_child("cac:Item");
  text(item, "cbc:Name", line.name.empty() ? line.sku : line.name);
  if (!line.sku.empty())
    text(item.append_child("cac:SellersItemIdentification"), "cbc:ID", line.sku);
  tax_category(item, "cac:ClassifiedTaxCategory", line.vat_category, line.vat_rate, nullptr);
  amount(node.append_child("cac:Price"), "cbc:PriceAmount", line.unit_price);
}

}  // namespace

Result<std::string> render_ubl(const InvoiceDocument& document) {
  O2C_RETURN_IF_ERROR(check_document(document));
  return UblBuilder(document).build();
}

}  // namespace o2c
