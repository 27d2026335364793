#include <algorithm>
#include <map>

#include "billing/billing.h"
#include "core/wire_names.h"

namespace o2c {
namespace {

constexpr std::string_view kInvoiceStateNames[] = {"",     "open",     "partially_paid",
                                                   "paid", "credited", "written_off"};
constexpr std::string_view kInvoiceKindNames[] = {"", "invoice", "debit_note"};

// The share of `amount` belonging to `part` of `whole` units, cumulative rounding.
Result<Money> invoiced_part(Money amount, Quantity before, Quantity now, Quantity whole) {
  O2C_ASSIGN_OR_RETURN(Money up_to_now,
                       prorate(amount, now.milli, whole.milli, Rounding::kHalfEven));
  O2C_ASSIGN_OR_RETURN(Money up_to_before,
                       prorate(amount, before.milli, whole.milli, Rounding::kHalfEven));
  return subtract(up_to_now, up_to_before);
}

// Bills the whole shipping charge as one more line of `invoice`.
Status add_shipping_line(Invoice& invoice, const Order& order, const OrderShippingCharge& charge) {
  O2C_ASSERT(!charge.invoiced);
  O2C_ASSERT(charge.net.currency == invoice.currency);
  InvoiceLine item;
  item.line_no = static_cast<int>(invoice.lines.size()) + 1;
  item.order = order.id;
  item.order_number = order.number;
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
std::string_view wire_name(InvoiceKind kind) { return name_in(kInvoiceKindNames, kind); }

Result<InvoiceKind> invoice_kind_from_wire(std::string_view name) {
  if (std::optional<InvoiceKind> kind = value_in<InvoiceKind>(kInvoiceKindNames, name))
    return *kind;
  return invalid_argument(
      "unknown_invoice_kind",
      "'" + std::string(name) + "' is not an invoice kind (invoice, debit_note)", "kind");
}

InvoiceState invoice_state(const Invoice& invoice) {
  const std::int64_t settled = invoice.paid.minor + invoice.credited.minor +
                               invoice.discount_taken.minor + invoice.written_off.minor;
  O2C_ASSERT(invoice.paid.minor >= 0 && invoice.credited.minor >= 0 &&
             invoice.discount_taken.minor >= 0 && invoice.written_off.minor >= 0 &&
             settled <= invoice.gross_total.minor);
  if (settled == 0 && invoice.gross_total.minor > 0) return InvoiceState::kOpen;
  if (settled < invoice.gross_total.minor) return InvoiceState::kPartiallyPaid;
  if (invoice.written_off.minor > 0) return InvoiceState::kWrittenOff;
  if (invoice.paid.minor == 0 && invoice.discount_taken.minor == 0 && invoice.credited.minor > 0)
    return InvoiceState::kCredited;
  return InvoiceState::kPaid;
}

Result<Money> open_amount(const Invoice& invoice) {
  O2C_ASSIGN_OR_RETURN(Money open, subtract(invoice.gross_total, invoice.paid));
  O2C_ASSIGN_OR_RETURN(open, subtract(open, invoice.credited));
  O2C_ASSIGN_OR_RETURN(open, subtract(open, invoice.discount_taken));
  return subtract(open, invoice.written_off);
}

Status apply_payment_terms(Invoice& invoice, const PaymentTerms& terms) {
  invoice.terms = terms.code;
  invoice.due_date = due_date(terms, invoice.invoice_date);
  invoice.discount = terms.discount;
  invoice.discount_until = discount_until(terms, invoice.invoice_date);
  invoice.instalments.clear();
  if (terms.instalments <= 1 || invoice.gross_total.minor <= 0) return {};
  const std::vector<Date> dates = instalment_due_dates(terms, invoice.invoice_date);
  const std::vector<std::int64_t> equal_weights(dates.size(), 1);
  O2C_ASSIGN_OR_RETURN(std::vector<Money> amounts, allocate(invoice.gross_total, equal_weights));
  for (std::size_t i = 0; i < dates.size(); ++i) {
    // A gross smaller than the number of parts leaves some parts empty: leave them out.
    if (amounts[i].minor == 0) continue;
    invoice.instalments.push_back(
        Instalment{static_cast<int>(invoice.instalments.size()) + 1, dates[i], amounts[i]});
  }
  return {};
}

Result<Invoice> invoice_shipment(Order& order, const Shipment& shipment, const PaymentTerms& terms,
                                 Date invoice_date) {
  const ShipmentToBill one{&order, &shipment};
  return invoice_shipments(std::span(&one, 1), terms, invoice_date);
}

Result<Invoice> invoice_shipments(std::span<const ShipmentToBill> shipments,
                                  const PaymentTerms& terms, Date invoice_date) {
  O2C_ASSERT(!shipments.empty());
  const Order& first = *shipments.front().order;
  Invoice invoice;
  invoice.customer = first.customer;
  invoice.customer_number = first.customer_number;
  invoice.invoice_date = invoice_date;
  invoice.currency = first.currency;
  invoice.net_total = invoice.tax_total = invoice.paid = invoice.credited = invoice.discount_taken =
      invoice.written_off = zero(first.currency);
  // Each order line is one invoice line, however many shipments (or warehouses) it left in.
  std::vector<std::pair<Order*, std::map<int, Quantity>>> shipped_by_order;
  for (const ShipmentToBill& billed : shipments) {
    const Shipment& shipment = *billed.shipment;
    O2C_ASSERT(shipment.order == billed.order->id);
    O2C_ASSERT(!shipment.lines.empty());
    O2C_ASSERT(billed.order->customer == first.customer &&
               billed.order->currency == first.currency);
    auto entry = std::find_if(shipped_by_order.begin(), shipped_by_order.end(),
                              [&](const auto& e) { return e.first == billed.order; });
    if (entry == shipped_by_order.end())
      entry = shipped_by_order.insert(shipped_by_order.end(), {billed.order, {}});
    for (const ShipmentLine& line : shipment.lines)
      entry->second[line.order_line_no].milli += line.quantity.milli;
  }
  for (auto& [order, shipped_now] : shipped_by_order) {
    for (const auto& [line_no, quantity] : shipped_now) {
      OrderLine& line = order->lines[static_cast<std::size_t>(line_no - 1)];
      const Quantity before = line.invoiced;
      const Quantity now{before.milli + quantity.milli};
      O2C_ASSERT(now <= line.shipped);
      InvoiceLine item;
      item.line_no = static_cast<int>(invoice.lines.size()) + 1;
      item.order = order->id;
      item.order_number = order->number;
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
    if (order->shipping && !order->shipping->invoiced) {
      O2C_RETURN_IF_ERROR(add_shipping_line(invoice, *order, *order->shipping));
      order->shipping->invoiced = true;
    }
  }
  const bool one_order = shipped_by_order.size() == 1;
  if (one_order) {
    invoice.order = first.id;
    invoice.order_number = first.number;
  }
  if (shipments.size() == 1) {
    invoice.shipment = shipments.front().shipment->id;
    invoice.shipment_number = shipments.front().shipment->number;
  }
  O2C_ASSIGN_OR_RETURN(invoice.gross_total, add(invoice.net_total, invoice.tax_total));
  O2C_RETURN_IF_ERROR(apply_payment_terms(invoice, terms));
  return invoice;
}

}  // namespace o2c
