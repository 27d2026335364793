// The invoice of a subscription's charges, credits and usage.
#include <string>
#include <vector>

#include "billing/billing.h"
#include "core/assert.h"

namespace o2c {

Result<Invoice> invoice_recurring(const Subscription& subscription,
                                  std::span<const RecurringItem> items,
                                  std::string_view tax_category, BasisPoints tax_rate,
                                  const PaymentTerms& terms, Date invoice_date) {
  O2C_ASSERT(!items.empty());
  O2C_ASSERT(tax_rate.value >= 0);
  const Currency currency = items.front().net.currency;
  Invoice invoice;
  invoice.customer = subscription.customer;
  invoice.customer_number = subscription.customer_number;
  invoice.invoice_date = invoice_date;
  invoice.currency = currency;
  invoice.net_total = invoice.tax_total = invoice.paid = zero(currency);
  invoice.credited = invoice.discount_taken = invoice.written_off = zero(currency);
  for (const RecurringItem& item : items) {
    InvoiceLine line;
    line.line_no = static_cast<int>(invoice.lines.size()) + 1;
    line.sku = item.sku;
    line.description = item.description;
    line.quantity = units(1);
    line.unit_price = item.net;
    line.tax_category = std::string(tax_category);
    line.tax_rate = tax_rate;
    line.net = item.net;
    O2C_ASSIGN_OR_RETURN(line.tax, apply_rate(item.net, tax_rate, Rounding::kHalfEven));
    O2C_ASSIGN_OR_RETURN(invoice.net_total, add(invoice.net_total, line.net));
    O2C_ASSIGN_OR_RETURN(invoice.tax_total, add(invoice.tax_total, line.tax));
    invoice.lines.push_back(std::move(line));
  }
  O2C_ASSIGN_OR_RETURN(invoice.gross_total, add(invoice.net_total, invoice.tax_total));
  O2C_ASSERT(invoice.gross_total.minor == invoice.net_total.minor + invoice.tax_total.minor);
  // Due date, instalments and early-payment discount as for any invoice.
  O2C_RETURN_IF_ERROR(apply_payment_terms(invoice, terms));
  return invoice;
}

}  // namespace o2c
