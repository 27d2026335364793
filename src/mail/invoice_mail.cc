// What an invoice mail says and carries.
#include <cstdio>

#include "mail/mail.h"

namespace o2c {
namespace {

// "W-100  Widget  10 x 19.99  net 199.90  VAT 19 % 37.98": one line of the text invoice.
std::string describe_line(const InvoiceLine& line) {
  std::string text = std::to_string(line.line_no) + ". " + line.sku;
  if (!line.description.empty()) text += "  " + line.description;
  text += "\n   " + format_quantity(line.quantity) + " x " + format_amount(line.unit_price) +
          "  net " + format_amount(line.net) + "  tax " + format_percent(line.tax_rate) + " % " +
          format_amount(line.tax) + "\n";
  return text;
}

std::string domain_of(std::string_view address) {
  const std::size_t at = address.rfind('@');
  if (at == std::string_view::npos || at + 1 == address.size()) return "localhost";
  return std::string(address.substr(at + 1));
}

}  // namespace

InvoiceMailText compose_invoice_mail(const Invoice& invoice, const Customer& customer,
                                     std::string_view company_name) {
  O2C_ASSERT(!invoice.number.empty());
  O2C_ASSERT(invoice.customer == customer.id);
  InvoiceMailText text;
  text.subject = "Invoice " + invoice.number + " from " + std::string(company_name);
  Result<Money> open = open_amount(invoice);
  O2C_ASSERT(open.has_value());  // paid never exceeds gross (stored with a CHECK)
  text.body = "Dear " + customer.name + ",\n\n";
  text.body += "please find attached invoice " + invoice.number + " of " +
               format_date(invoice.invoice_date) + " for order " + invoice.order_number + ".\n\n";
  text.body += "Invoice total:     " + format_money(invoice.gross_total) + "\n";
  if (invoice.paid.minor != 0)
    text.body += "Already paid:      " + format_money(invoice.paid) + "\n";
  text.body += "Amount due:        " + format_money(*open) + "\n";
  text.body += "Due date:          " + format_date(invoice.due_date) + " (terms " +
               customer.terms.code + ")\n";
  text.body += "Payment reference: " + invoice.number + "\n\n";
  text.body += "Please quote the payment reference with your payment.\n\n";
  text.body += "Kind regards,\n" + std::string(company_name) + "\n";
  return text;
}

Attachment render_invoice_text(const Invoice& invoice) {
  O2C_ASSERT(!invoice.number.empty());
  std::string text = "INVOICE " + invoice.number + "\n";
  text += "Invoice date: " + format_date(invoice.invoice_date) + "\n";
  text += "Due date:     " + format_date(invoice.due_date) + "\n";
  text += "Customer:     " + invoice.customer_number + "\n";
  text += "Order:        " + invoice.order_number + "\n";
  text += "Shipment:     " + invoice.shipment_number + "\n\n";
  for (const InvoiceLine& line : invoice.lines) text += describe_line(line);
  text += "\nNet total:   " + format_money(invoice.net_total) + "\n";
  text += "Tax total:   " + format_money(invoice.tax_total) + "\n";
  text += "Gross total: " + format_money(invoice.gross_total) + "\n";
  return Attachment{invoice.number + ".txt", "text/plain; charset=UTF-8", std::move(text)};
}

MimeMessage mime_message_for(const OutboxMessage& message, std::string_view from, Timestamp date) {
  O2C_ASSERT(message.id > 0);
  O2C_ASSERT(!message.recipients.empty());
  MimeMessage mime;
  mime.from = std::string(from);
  mime.recipients = message.recipients;
  mime.subject = message.subject;
  mime.date = date;
  mime.message_id = "o2c-outbox-" + std::to_string(message.id) + "." + message.invoice_number +
                    "@" + domain_of(from);
  mime.body = message.body;
  mime.attachments = message.attachments;
  // "=_" never occurs in base64 text, and the body's text is checked by render_mime.
  mime.boundary = "=_o2c_" + std::to_string(message.id) + "_boundary";
  return mime;
}

}  // namespace o2c
