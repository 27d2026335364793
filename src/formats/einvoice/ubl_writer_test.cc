#include <pugixml.hpp>

#include <gtest/gtest.h>

#include "formats/einvoice/einvoice.h"

namespace o2c {
namespace {

Currency currency(std::string_view code) { return currency_from_code(code).value(); }
Money eur(std::string_view text) { return parse_money(text, currency("EUR")).value(); }

// Two lines at 19 % (one discounted) and one exempt line, as app::invoice_document maps them.
InvoiceDocument document() {
  InvoiceDocument doc;
  doc.number = "INV-2026-000007";
  doc.issue_date = parse_date("2026-03-02").value();
  doc.due_date = parse_date("2026-04-01").value();
  doc.currency = currency("EUR");
  doc.buyer_reference = "C-0001";
  doc.order_reference = "SO-2026-000003";
  doc.despatch_reference = "SH-2026-000004";
  doc.seller = {"Nordwind GmbH", "Hafenstraße 1",         "Hamburg",  "20457", "DE",
                "DE123456789",   "bill@nordwind.example", "+49 40 1", ""};
  doc.buyer = {"Müller GmbH", "Königsallee 5", "Düsseldorf", "40212", "DE", "", "", "", "C-0001"};
  doc.lines = {
      {"1", "W-100", "Widget", units(3), eur("19.99"), eur("0.00"), eur("59.97"), 'S', {1900}, "1"},
      {"2",
       "W-200",
       "Gadget",
       units(2),
       eur("249.00"),
       eur("49.80"),
       eur("448.20"),
       'S',
       {1900},
       "2"},
      {"3", "B-1", "Book", units(1), eur("10.00"), eur("0.00"), eur("10.00"), 'E', {0}, ""}};
  doc.vat = {{'S', {1900}, eur("508.17"), eur("96.55"), "", ""},
             {'E', {0}, eur("10.00"), eur("0.00"), "Exempt: the buyer is tax exempt", ""}};
  doc.net_total = eur("518.17");
  doc.tax_total = eur("96.55");
  doc.gross_total = eur("614.72");
  doc.payment_terms = "Payable within 30 days net.";
  doc.payee_account = PaymentAccount{"DE89370400440532013000", "COBADEFFXXX", "Nordwind GmbH"};
  doc.payment_reference = doc.number;
  return doc;
}

pugi::xml_document parsed(const InvoiceDocument& doc) {
  Result<std::string> xml = render_ubl(doc);
  EXPECT_TRUE(xml) << describe(xml.error());
  pugi::xml_document parsed;
  EXPECT_TRUE(parsed.load_string(xml->c_str()));
  return parsed;
}

std::string at(const pugi::xml_document& xml, const char* xpath) {
  return xml.select_node(xpath).node().text().as_string();
}

TEST(RenderUbl, InvoiceStatesCodesAndAmountsToTheCent) {
  pugi::xml_document xml = parsed(document());
  EXPECT_STREQ(xml.document_element().name(), "Invoice");
  EXPECT_EQ(at(xml, "/Invoice/cbc:CustomizationID"), "urn:cen.eu:en16931:2017");
  EXPECT_EQ(at(xml, "/Invoice/cbc:InvoiceTypeCode"), "380");
  EXPECT_EQ(at(xml, "/Invoice/cbc:DueDate"), "2026-04-01");
  EXPECT_EQ(at(xml, "/Invoice/cbc:DocumentCurrencyCode"), "EUR");
  EXPECT_EQ(at(xml, "/Invoice/cac:OrderReference/cbc:ID"), "SO-2026-000003");
  EXPECT_EQ(at(xml, "/Invoice/cac:DespatchDocumentReference/cbc:ID"), "SH-2026-000004");
  EXPECT_EQ(at(xml, "//cac:AccountingCustomerParty//cbc:RegistrationName"), "Müller GmbH");
  EXPECT_EQ(at(xml, "//cac:AccountingSupplierParty//cbc:CompanyID"), "DE123456789");
  EXPECT_EQ(at(xml, "//cac:PaymentMeans/cbc:PaymentMeansCode"), "58");
  EXPECT_EQ(at(xml, "//cac:PayeeFinancialAccount/cbc:ID"), "DE89370400440532013000");
  EXPECT_EQ(at(xml, "//cac:PaymentMeans/cbc:PaymentID"), "INV-2026-000007");
  EXPECT_EQ(at(xml, "/Invoice/cac:TaxTotal/cbc:TaxAmount"), "96.55");
  EXPECT_EQ(at(xml, "//cac:TaxSubtotal[1]/cbc:TaxableAmount"), "508.17");
  EXPECT_EQ(at(xml, "//cac:TaxSubtotal[1]/cac:TaxCategory/cbc:Percent"), "19");
  EXPECT_EQ(at(xml, "//cac:TaxSubtotal[2]/cac:TaxCategory/cbc:ID"), "E");
  EXPECT_EQ(at(xml, "//cac:TaxSubtotal[2]/cac:TaxCategory/cbc:TaxExemptionReason"),
            "Exempt: the buyer is tax exempt");
  EXPECT_EQ(at(xml, "//cac:LegalMonetaryTotal/cbc:LineExtensionAmount"), "518.17");
  EXPECT_EQ(at(xml, "//cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount"), "614.72");
  EXPECT_EQ(at(xml, "//cac:LegalMonetaryTotal/cbc:PayableAmount"), "614.72");
  EXPECT_EQ(xml.select_node("//cbc:PayableAmount/@currencyID").attribute().value(),
            std::string("EUR"));
}

TEST(RenderUbl, ADiscountIsALineAllowance) {
  pugi::xml_document xml = parsed(document());
  EXPECT_EQ(xml.select_nodes("//cac:InvoiceLine/cac:AllowanceCharge").size(), 1u);
  pugi::xml_node line = xml.select_node("//cac:InvoiceLine[cbc:ID='2']").node();
  EXPECT_EQ(std::string(line.child("cbc:InvoicedQuantity").text().as_string()), "2");
  EXPECT_EQ(std::string(line.child("cbc:LineExtensionAmount").text().as_string()), "448.20");
  pugi::xml_node allowance = line.child("cac:AllowanceCharge");
  EXPECT_EQ(std::string(allowance.child("cbc:ChargeIndicator").text().as_string()), "false");
  EXPECT_EQ(std::string(allowance.child("cbc:AllowanceChargeReasonCode").text().as_string()), "95");
  EXPECT_EQ(std::string(allowance.child("cbc:Amount").text().as_string()), "49.80");
  EXPECT_EQ(std::string(line.child("cac:Price").child("cbc:PriceAmount").text().as_string()),
            "249.00");
  EXPECT_EQ(
      std::string(line.child("cac:OrderLineReference").child("cbc:LineID").text().as_string()),
      "2");
}

TEST(RenderUbl, CreditNoteHasItsOwnRootReferenceAndDueDatePlace) {
  InvoiceDocument doc = document();
  doc.type = DocumentType::kCreditNote;
  doc.number = "CN-2026-000001";
  doc.billing_reference = "INV-2026-000007";
  pugi::xml_document xml = parsed(doc);
  EXPECT_STREQ(xml.document_element().name(), "CreditNote");
  EXPECT_EQ(at(xml, "/CreditNote/cbc:CreditNoteTypeCode"), "381");
  EXPECT_EQ(at(xml, "//cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID"),
            "INV-2026-000007");
  EXPECT_EQ(at(xml, "/CreditNote/cbc:DueDate"), "");
  EXPECT_EQ(at(xml, "//cac:PaymentMeans/cbc:PaymentDueDate"), "2026-04-01");
  EXPECT_EQ(xml.select_nodes("//cac:CreditNoteLine").size(), 3u);
  EXPECT_EQ(at(xml, "//cac:CreditNoteLine[1]/cbc:CreditedQuantity"), "3");
}

TEST(RenderUbl, DebitNoteIsAnInvoiceWith383) {
  InvoiceDocument doc = document();
  doc.type = DocumentType::kDebitNote;
  doc.billing_reference = "INV-2026-000001";
  pugi::xml_document xml = parsed(doc);
  EXPECT_EQ(at(xml, "/Invoice/cbc:InvoiceTypeCode"), "383");
}

TEST(RenderUbl, ForeignCurrencyWithTaxCurrency) {
  InvoiceDocument doc = document();
  const Currency usd = currency("USD");
  for (DocumentLine& line : doc.lines)
    for (Money* amount : {&line.unit_price, &line.discount, &line.net}) amount->currency = usd;
  for (VatBreakdown& vat : doc.vat) vat.taxable.currency = vat.tax.currency = usd;
  doc.currency = doc.net_total.currency = doc.tax_total.currency = doc.gross_total.currency = usd;
  doc.tax_currency = TaxCurrencyTotal{eur("88.83")};
  pugi::xml_document xml = parsed(doc);
  EXPECT_EQ(at(xml, "/Invoice/cbc:DocumentCurrencyCode"), "USD");
  EXPECT_EQ(at(xml, "/Invoice/cbc:TaxCurrencyCode"), "EUR");
  EXPECT_EQ(at(xml, "/Invoice/cac:TaxTotal[2]/cbc:TaxAmount"), "88.83");
  EXPECT_EQ(
      xml.select_node("/Invoice/cac:TaxTotal[2]/cbc:TaxAmount/@currencyID").attribute().value(),
      std::string("EUR"));
}

TEST(RenderUbl, EarlyPaymentDiscountIsInThePaymentTerms) {
  InvoiceDocument doc = document();
  doc.early_payment = EarlyPaymentDiscount{{200}, parse_date("2026-03-12").value(), eur("12.29")};
  pugi::xml_document xml = parsed(doc);
  EXPECT_EQ(at(xml, "//cac:PaymentTerms/cbc:Note"),
            "Payable within 30 days net. Due 2026-04-01. 2 % early payment discount (12.29 EUR) "
            "if paid by 2026-03-12.");
}

TEST(RenderUbl, RefusesInconsistentDocumentsNamingTheField) {
  struct Case {
    void (*spoil)(InvoiceDocument&);
    const char* reason;
    const char* where;
  };
  const Case cases[] = {
      {[](InvoiceDocument& d) { d.number.clear(); }, "number_required", "document.number"},
      {[](InvoiceDocument& d) { d.lines.clear(); }, "no_lines", "document.lines"},
      {[](InvoiceDocument& d) { d.lines[1].net = eur("448.21"); }, "totals_mismatch",
       "document.net_total"},
      {[](InvoiceDocument& d) { d.vat[0].tax = eur("96.56"); }, "totals_mismatch",
       "document.tax_total"},
      {[](InvoiceDocument& d) { d.gross_total = eur("614.73"); }, "totals_mismatch",
       "document.gross_total"},
      {[](InvoiceDocument& d) { d.vat[1].exemption_reason.clear(); }, "exemption_reason_required",
       "document.vat[1].exemption_reason"},
      {[](InvoiceDocument& d) { d.type = DocumentType::kCreditNote; }, "billing_reference_required",
       "document.billing_reference"},
      {[](InvoiceDocument& d) { d.buyer.country = "DEU"; }, "country_invalid",
       "document.buyer.country"},
      {[](InvoiceDocument& d) { d.lines[0].net.currency = currency("USD"); }, "currency_mismatch",
       "document.lines[0].net"},
      {[](InvoiceDocument& d) { d.lines[0].quantity = Quantity{0}; }, "quantity_must_be_positive",
       "document.lines[0].quantity"},
      {[](InvoiceDocument& d) { d.currency = currency("KWD"); }, "currency_not_supported",
       "document.currency"},
  };
  for (const Case& c : cases) {
    InvoiceDocument doc = document();
    c.spoil(doc);
    Result<std::string> xml = render_ubl(doc);
    ASSERT_FALSE(xml) << c.reason;
    EXPECT_EQ(xml.error().reason, c.reason);
    EXPECT_EQ(xml.error().where, c.where);
  }
}

TEST(RenderUbl, EscapesMarkupInText) {
  InvoiceDocument doc = document();
  doc.buyer.name = "A & B <Tools>";
  Result<std::string> xml = render_ubl(doc);
  ASSERT_TRUE(xml);
  EXPECT_NE(xml->find("A &amp; B &lt;Tools&gt;"), std::string::npos);
}

}  // namespace
}  // namespace o2c
