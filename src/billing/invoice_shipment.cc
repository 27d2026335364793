#include <map>

#include "billing/billing.h"
#include "core/wire_names.h"

namespace o2c {
namespace {

constexpr std::string_view kInvoiceStateNames[] = {"", "open", "partially_paid", "paid"};

// The share of `amount` belonging to `part` of `whole` units, cumulative rounding.
Result<Money> invoiced_part(Money amount, Quantity before, Quantity now, Quantity whole) {
  O2C_ASSIGN_OR_RETURN(Money up_to_now,
                       prorate(amount, now.milli, whole.milli, Rounding::kHalfEven));
  O2C_ASSIGN_OR_RETURN(Money up_to_before,
                       prorate(amount, before.milli, whole.milli, Rounding::kHalfEven));
  return subtract(up_to_now, up_to_before);
}

// Bills the whole shipping charge as one more line of `invoice`.
Status add_shipping_line(Invoice& invoice, const OrderShippingCharge& charge) {
  O2C_ASSERT(!charge.invoiced);
  O2C_ASSERT(charge.net.currency == invoice.currency);
  InvoiceLine item;
  item.line_no = static_cast<int>(invoice.lines.size()) + 1;
  item.order_line_no = 0;
  item.sku = std::string(kShippingSku);
  item.description = "Shipping";
  item.quantity = Quantity{1000};
  item.unit_price = charge.net;
  item.tax_category = charge.tax_category;
  item.tax_rate = charge.tax_rate;
  item.net = charge.net;
  item.tax = charge.tax;
  O2C_ASSIGN_OR_RETURN(invoice.net_total, add(invoice.net_total, item.net));
  O2C_ASSIGN_OR_RETURN(invoice.tax_total, add(invoice.tax_total, item.tax));
  invoice.lines.push_back(std::move(item));
  return {};
}

}  // namespace

std::string_view wire_name(InvoiceState state) { return name_in(kInvoiceStateNames, state); }

InvoiceState invoice_state(const Invoice& invoice) {
  O2C_ASSERT(invoice.paid.minor >= 0 && invoice.paid.minor <= invoice.gross_total.minor);
  if (invoice.paid.minor == 0 && invoice.gross_total.minor > 0) return InvoiceState::kOpen;
  return invoice.paid == invoice.gross_total ? InvoiceState::kPaid : InvoiceState::kPartiallyPaid;
}

Result<Money> open_amount(const Invoice& invoice) {
  return subtract(invoice.gross_total, invoice.paid);
}

Result<Invoice> invoice_shipment(Order& order, const Shipment& shipment, const PaymentTerms& terms,
                                 Date invoice_date) {
  O2C_ASSERT(shipment.order == order.id);
  O2C_ASSERT(!shipment.lines.empty());
  // A line shipped from two warehouses is one invoice line.
  std::map<int, Quantity> shipped_now;
  for (const ShipmentLine& line : shipment.lines)
    shipped_now[line.order_line_no].milli += line.quantity.milli;

  Invoice invoice;
  invoice.customer = order.customer;
  invoice.customer_number = order.customer_number;
  invoice.order = order.id;
  invoice.order_number = order.number;
  invoice.shipment = shipment.id;
  invoice.shipment_number = shipment.number;
  invoice.invoice_date = invoice_date;
  invoice.due_date = due_date(terms, invoice_date);
  invoice.currency = order.currency;
  invoice.net_total = invoice.tax_total = invoice.paid = zero(order.currency);
  for (const auto& [line_no, quantity] : shipped_now) {
    OrderLine& line = order.lines[static_cast<std::size_t>(line_no - 1)];
    const Quantity before = line.invoiced;
    const Quantity now{before.milli + quantity.milli};
    O2C_ASSERT(now <= line.shipped);
    InvoiceLine item;
    item.line_no = static_cast<int>(invoice.lines.size()) + 1;
    item.order_line_no = line_no;
    item.sku = line.sku;
    item.description = line.description;
    item.quantity = quantity;
    item.unit_price = line.unit_price;
    item.tax_category = line.tax_category;
    item.tax_rate = line.tax_rate;
    O2C_ASSIGN_OR_RETURN(item.net, invoiced_part(line.net, before, now, line.quantity));
    O2C_ASSIGN_OR_RETURN(item.tax, invoiced_part(line.tax, before, now, line.quantity));
    O2C_ASSIGN_OR_RETURN(invoice.net_total, add(invoice.net_total, item.net));
    O2C_ASSIGN_OR_RETURN(invoice.tax_total, add(invoice.tax_total, item.tax));
    line.invoiced = now;
    invoice.lines.push_back(std::move(item));
  }
  if (order.shipping && !order.shipping->invoiced) {
    O2C_RETURN_IF_ERROR(add_shipping_line(invoice, *order.shipping));
    order.shipping->invoiced = true;
  }
  O2C_ASSIGN_OR_RETURN(invoice.gross_total, add(invoice.net_total, invoice.tax_total));
  return invoice;
}

}  // namespace o2c
