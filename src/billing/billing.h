// billing.h — turns shipments into invoices. Rules encoded: one invoice per shipment; the
// due date follows from the invoice date and the customer's payment terms; a line invoiced
// in parts is invoiced by cumulative proration (the amount for everything shipped so far
// minus what was invoiced before), so the parts of a line always add up to the line's
// ordered net and tax exactly, whatever the rounding; the order's shipping charge is billed
// whole on its first invoice, as a line with order_line_no 0 (kShippingSku), so that the
// invoices of an order add up to the order total; EN 16931 BR-CO-15: gross = net + tax.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/ids.h"
#include "core/money.h"
#include "core/result.h"
#include "customers/customers.h"
#include "fulfillment/fulfillment.h"
#include "orders/orders.h"

namespace o2c {

// Numbers are persisted: never renumber, never reuse.
enum class InvoiceState : std::uint8_t { kOpen = 1, kPartiallyPaid = 2, kPaid = 3 };
std::string_view wire_name(InvoiceState state);

// The SKU of the invoice line that bills an order's shipping charge (order_line_no 0).
inline constexpr std::string_view kShippingSku = "SHIPPING";

struct InvoiceLine {
  int line_no = 0;
  int order_line_no = 0;  // 0: the order's shipping charge
  std::string sku;
  std::string description;
  Quantity quantity;
  Money unit_price;
  std::string tax_category;
  BasisPoints tax_rate;
  Money net;
  Money tax;
};

struct Invoice {
  InvoiceId id;
  std::string number;  // "INV-2026-000001"
  CustomerId customer;
  std::string customer_number;
  OrderId order;
  std::string order_number;
  ShipmentId shipment;
  std::string shipment_number;
  Date invoice_date;
  Date due_date;
  Currency currency;
  std::vector<InvoiceLine> lines;
  Money net_total;
  Money tax_total;
  Money gross_total;
  Money paid;  // applied payments so far
};

InvoiceState invoice_state(const Invoice& invoice);
Result<Money> open_amount(const Invoice& invoice);

// Invoices `shipment` of `order`. `order` is the order *after* ship_order, so its lines'
// shipped quantities include this shipment and `invoiced` tells what was billed before;
// this function advances `invoiced`, and marks the shipping charge invoiced when it bills
// it. Requires: the shipment belongs to the order.
Result<Invoice> invoice_shipment(Order& order, const Shipment& shipment, const PaymentTerms& terms,
                                 Date invoice_date);

}  // namespace o2c
