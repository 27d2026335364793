#include "samples.h"

namespace o2c::samples {
namespace {

Currency currency(std::string_view code) { return currency_from_code(code).value(); }
Money money(std::string_view text, std::string_view code) {
  return parse_money(text, currency(code)).value();
}
Date date(std::string_view text) { return parse_date(text).value(); }

InvoiceLine priced_line(int line_no, std::string sku, std::string description,
                        std::string_view quantity, Money unit_price, BasisPoints discount,
                        BasisPoints rate) {
  InvoiceLine line;
  line.line_no = line_no;
  line.order_line_no = sku == kShippingSku ? 0 : line_no;
  line.sku = std::move(sku);
  line.description = std::move(description);
  line.quantity = parse_quantity(quantity).value();
  line.unit_price = unit_price;
  const Money gross = extend(unit_price, line.quantity, Rounding::kHalfEven).value();
  const Money off = apply_rate(gross, discount, Rounding::kHalfEven).value();
  line.net = subtract(gross, off).value();
  line.tax_category = rate.value == 0 ? "zero" : rate.value == 700 ? "reduced" : "standard";
  line.tax_rate = rate;
  line.tax = apply_rate(line.net, rate, Rounding::kHalfEven).value();
  return line;
}

void total(Invoice& invoice) {
  invoice.net_total = invoice.tax_total = zero(invoice.currency);
  for (const InvoiceLine& line : invoice.lines) {
    invoice.net_total = add(invoice.net_total, line.net).value();
    invoice.tax_total = add(invoice.tax_total, line.tax).value();
  }
  invoice.gross_total = add(invoice.net_total, invoice.tax_total).value();
  invoice.paid = zero(invoice.currency);
}

Invoice invoice_with(std::vector<InvoiceLine> lines, std::string_view code, int number) {
  Invoice invoice;
  invoice.id = InvoiceId{number};
  invoice.number =
      "INV-2026-" + std::string(6 - std::to_string(number).size(), '0') + std::to_string(number);
  invoice.customer = CustomerId{7};
  invoice.customer_number = "C-0007";
  invoice.order_number = "SO-2026-000042";
  invoice.shipment_number = "SH-2026-000042";
  invoice.invoice_date = date("2026-03-02");
  invoice.due_date = date("2026-04-01");
  invoice.currency = currency(code);
  invoice.lines = std::move(lines);
  total(invoice);
  return invoice;
}

Sample mapped(std::string name, const Invoice& invoice, const Customer& customer) {
  return Sample{std::move(name), app::invoice_document(invoice, customer, sample_seller()).value()};
}

}  // namespace

Seller sample_seller() {
  return checked_seller(Seller{"Nordwind Handels GmbH", "Hafenstraße 12", "Hamburg", "20457", "DE",
                               "DE123456789", "DE89370400440532013000", "COBADEFFXXX",
                               "rechnung@nordwind.example", "+49 40 1234567"})
      .value();
}

Customer sample_customer(std::string_view code) {
  Customer customer;
  customer.id = CustomerId{7};
  customer.number = "C-0007";
  customer.name = "Müller & Söhne GmbH";
  customer.currency = currency(code);
  customer.terms = parse_payment_terms("NET30").value();
  customer.billing_address = {"Königsallee 5", "Düsseldorf", "40212", "DE", ""};
  customer.shipping_address = customer.billing_address;
  customer.email = "einkauf@mueller.example";
  return customer;
}

Invoice sample_invoice(int lines, std::string_view code, int number) {
  std::vector<InvoiceLine> items;
  const char* names[] = {"Widget, stainless", "Gadget Pro — 2 m cable", "Schraubensatz Größe M6",
                         "Fräser Ø 12 mm"};
  for (int i = 1; i <= lines; ++i) {
    const int kind = (i - 1) % 4;
    // In minor units: 19.99 EUR, or 1,999 yen.
    const Money price{kind == 0 ? 1999 : kind == 1 ? 24900 : 335, currency(code)};
    const BasisPoints discount{kind == 1 ? 1000 : kind == 3 ? 250 : 0};
    const BasisPoints rate{kind == 2 ? 700 : 1900};
    items.push_back(priced_line(i, "W-" + std::to_string(100 + i), names[kind],
                                kind == 3 ? "2.5" : std::to_string(i % 7 + 1), price, discount,
                                rate));
  }
  return invoice_with(std::move(items), code, number);
}

std::vector<Sample> all_samples() {
  std::vector<Sample> samples;
  const Customer eur_customer = sample_customer("EUR");
  // Discounts (10 % and 2.5 % lines) and two rates, plus shipping.
  Invoice rates = sample_invoice(5, "EUR", 1);
  rates.lines.push_back(priced_line(6, std::string(kShippingSku), "Shipping", "1",
                                    money("4.95", "EUR"), {0}, {1900}));
  total(rates);
  samples.push_back(mapped("discounts_and_rates", rates, eur_customer));
  // A 0 % category for a taxable buyer: zero rated (Z) beside standard rated lines.
  Invoice zero_rated = invoice_with(
      {priced_line(1, "BOOK-1", "Printed catalogue", "3", money("12.00", "EUR"), {0}, {0}),
       priced_line(2, "W-100", "Widget", "1", money("19.99", "EUR"), {0}, {1900})},
      "EUR", 2);
  samples.push_back(mapped("zero_rated", zero_rated, eur_customer));
  // A tax-exempt buyer: every line exempt (E) with the reason.
  Customer exempt = eur_customer;
  exempt.name = "Kirchengemeinde St. Jürgen e.V.";
  exempt.tax_exempt = true;
  Invoice exempt_invoice = invoice_with(
      {priced_line(1, "W-100", "Widget", "10", money("19.99", "EUR"), {500}, {0}),
       priced_line(2, std::string(kShippingSku), "Shipping", "1", money("4.95", "EUR"), {0}, {0})},
      "EUR", 3);
  samples.push_back(mapped("exempt_buyer", exempt_invoice, exempt));
  // Foreign currency: a USD invoice of a EUR company, with the VAT also stated in EUR.
  Customer usd_customer = sample_customer("USD");
  usd_customer.name = "Lakeside Tools Inc.";
  usd_customer.billing_address = {"200 Lake Shore Dr", "Chicago", "60601", "US", "IL"};
  Sample usd = mapped("foreign_currency_usd", sample_invoice(4, "USD", 4), usd_customer);
  usd.document.tax_currency =
      TaxCurrencyTotal{Money{usd.document.tax_total.minor * 92 / 100, currency("EUR")}};
  samples.push_back(std::move(usd));
  Customer jpy_customer = sample_customer("JPY");
  jpy_customer.name = "Sakura Kogyo K.K.";
  jpy_customer.billing_address = {"1-1 Marunouchi", "Tokyo", "100-0005", "JP", ""};
  samples.push_back(mapped("foreign_currency_jpy", sample_invoice(3, "JPY", 5), jpy_customer));
  // A credit note for part of invoice 1, and a debit note adding to it.
  Invoice credited = invoice_with(
      {priced_line(1, "W-101", "Widget, stainless", "1", money("19.99", "EUR"), {0}, {1900})},
      "EUR", 6);
  credited.number = "CN-2026-000001";
  Sample credit = mapped("credit_note", credited, eur_customer);
  credit.document.type = DocumentType::kCreditNote;
  credit.document.billing_reference = "INV-2026-000001";
  credit.document.billing_reference_date = date("2026-03-02");
  credit.document.payment_terms = "Set off against open invoices or refunded.";
  samples.push_back(std::move(credit));
  Invoice debited = credited;
  debited.number = "DN-2026-000001";
  Sample debit = mapped("debit_note", debited, eur_customer);
  debit.document.type = DocumentType::kDebitNote;
  debit.document.billing_reference = "INV-2026-000001";
  samples.push_back(std::move(debit));
  // Early-payment discount in the terms, and many lines (several PDF pages).
  Invoice long_invoice = sample_invoice(120, "EUR", 8);
  Sample early = mapped("early_payment_many_lines", long_invoice, eur_customer);
  early.document.early_payment = app::early_payment_discount(long_invoice, {200}, 10).value();
  samples.push_back(std::move(early));
  return samples;
}

}  // namespace o2c::samples
