#include <gtest/gtest.h>

#include "mail/mail.h"

namespace o2c {
namespace {

Money eur(std::string_view text) {
  return parse_money(text, currency_from_code("EUR").value()).value();
}

Customer nordwind() {
  Customer customer;
  customer.id = CustomerId{3};
  customer.number = "C1";
  customer.name = "Nordwind GmbH";
  customer.currency = currency_from_code("EUR").value();
  customer.terms = parse_payment_terms("NET30").value();
  customer.email = "ap@nordwind.example";
  return customer;
}

Invoice invoice() {
  Invoice invoice;
  invoice.id = InvoiceId{1};
  invoice.number = "INV-2026-000001";
  invoice.customer = CustomerId{3};
  invoice.customer_number = "C1";
  invoice.order_number = "SO-2026-000001";
  invoice.shipment_number = "SH-2026-000001";
  invoice.invoice_date = parse_date("2026-03-02").value();
  invoice.due_date = parse_date("2026-04-01").value();
  invoice.currency = currency_from_code("EUR").value();
  InvoiceLine line;
  line.line_no = 1;
  line.order_line_no = 1;
  line.sku = "W-100";
  line.description = "Widget";
  line.quantity = parse_quantity("4").value();
  line.unit_price = eur("19.99");
  line.tax_category = "standard";
  line.tax_rate = BasisPoints{1'900};
  line.net = eur("79.96");
  line.tax = eur("15.19");
  invoice.lines.push_back(line);
  invoice.net_total = eur("79.96");
  invoice.tax_total = eur("15.19");
  invoice.gross_total = eur("95.15");
  invoice.paid = invoice.credited = invoice.discount_taken = invoice.written_off = eur("0.00");
  return invoice;
}

TEST(ComposeInvoiceMail, SubjectNamesInvoiceAndCompanyBodyTheAmountDueDateAndReference) {
  const InvoiceMailText text = compose_invoice_mail(invoice(), nordwind(), "Acme Supplies");
  EXPECT_EQ(text.subject, "Invoice INV-2026-000001 from Acme Supplies");
  EXPECT_EQ(text.body,
            "Dear Nordwind GmbH,\n\n"
            "please find attached invoice INV-2026-000001 of 2026-03-02 for order "
            "SO-2026-000001.\n\n"
            "Invoice total:     95.15 EUR\n"
            "Amount due:        95.15 EUR\n"
            "Due date:          2026-04-01 (terms NET30)\n"
            "Payment reference: INV-2026-000001\n\n"
            "Please quote the payment reference with your payment.\n\n"
            "Kind regards,\nAcme Supplies\n");
}

TEST(ComposeInvoiceMail, APartlyPaidInvoiceShowsWhatIsStillDue) {
  Invoice partly_paid = invoice();
  partly_paid.paid = eur("50.00");
  const InvoiceMailText text = compose_invoice_mail(partly_paid, nordwind(), "Acme");
  EXPECT_NE(text.body.find("Already paid:      50.00 EUR\nAmount due:        45.15 EUR\n"),
            std::string::npos);
}

TEST(RenderInvoiceText, ListsLinesTotalsAndDueDate) {
  const Attachment attachment = render_invoice_text(invoice());
  EXPECT_EQ(attachment.filename, "INV-2026-000001.txt");
  EXPECT_EQ(attachment.content_type, "text/plain; charset=UTF-8");
  EXPECT_EQ(attachment.bytes,
            "INVOICE INV-2026-000001\n"
            "Invoice date: 2026-03-02\n"
            "Due date:     2026-04-01\n"
            "Customer:     C1\n"
            "Order:        SO-2026-000001\n"
            "Shipment:     SH-2026-000001\n\n"
            "1. W-100  Widget\n"
            "   4 x 19.99  net 79.96  tax 19 % 15.19\n"
            "\nNet total:   79.96 EUR\n"
            "Tax total:   15.19 EUR\n"
            "Gross total: 95.15 EUR\n");
}

TEST(MimeMessageFor, CarriesTheOutboxMessageWithAnIdOnTheSendersDomain) {
  OutboxMessage message;
  message.id = 12;
  message.invoice_number = "INV-2026-000001";
  message.recipients = {"ap@nordwind.example"};
  message.subject = "Invoice INV-2026-000001 from Acme";
  message.body = "hello\n";
  message.attachments = {render_invoice_text(invoice())};
  const MimeMessage mime = mime_message_for(message, "billing@acme.example", Timestamp{0});
  EXPECT_EQ(mime.message_id, "o2c-outbox-12.INV-2026-000001@acme.example");
  EXPECT_EQ(mime.from, "billing@acme.example");
  EXPECT_EQ(mime.recipients, message.recipients);
  ASSERT_EQ(mime.attachments.size(), 1u);
  Result<std::string> rendered = render_mime(mime);
  ASSERT_TRUE(rendered) << rendered.error().message;
  EXPECT_NE(rendered->find(base64_encode(message.attachments[0].bytes).substr(0, 76)),
            std::string::npos);
}

}  // namespace
}  // namespace o2c
