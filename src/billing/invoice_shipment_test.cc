#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "billing/billing.h"
#include "core/date.h"
#include "core/money.h"
#include "customers/customers.h"
#include "fulfillment/fulfillment.h"
#include "orders/orders.h"

namespace o2c {
namespace {

Currency currency(std::string_view code) { return currency_from_code(code).value(); }
Money money(std::string_view text, std::string_view code) {
  return parse_money(text, currency(code)).value();
}
Money eur(std::string_view text) { return money(text, "EUR"); }
Quantity qty(std::string_view text) { return parse_quantity(text).value(); }
Date date(std::string_view text) { return parse_date(text).value(); }
PaymentTerms terms(std::string_view code) { return parse_payment_terms(code).value(); }

struct PricedLine {
  std::string_view sku;
  std::string_view quantity;
  std::string_view unit_price;
  std::string_view net;
  std::string_view tax;
  std::int32_t tax_rate = 1'900;
};

// A priced, approved order with every line fully reserved at warehouse 1.
Order priced_order(std::string_view code, const std::vector<PricedLine>& lines) {
  Order order;
  order.id = OrderId{42};
  order.number = "SO-2026-000042";
  order.customer = CustomerId{7};
  order.customer_number = "C-0007";
  order.currency = currency(code);
  order.state = OrderState::kOpen;
  order.net_total = order.tax_total = zero(order.currency);
  for (const PricedLine& spec : lines) {
    OrderLine line;
    line.line_no = static_cast<int>(order.lines.size()) + 1;
    line.product = ProductId{100 + line.line_no};
    line.sku = std::string(spec.sku);
    line.description = "Item " + line.sku;
    line.quantity = qty(spec.quantity);
    line.unit_price = money(spec.unit_price, code);
    line.tax_category = spec.tax_rate == 1'900 ? "standard" : "reduced";
    line.tax_rate = BasisPoints{spec.tax_rate};
    line.net = money(spec.net, code);
    line.tax = money(spec.tax, code);
    line.reservations = {Reservation{WarehouseId{1}, line.quantity}};
    order.net_total = add(order.net_total, line.net).value();
    order.tax_total = add(order.tax_total, line.tax).value();
    order.lines.push_back(line);
  }
  order.gross_total = add(order.net_total, order.tax_total).value();
  return order;
}

// Line 1: 3 × W-100 at 10.00 less a discount = 10.00 net, 19 % tax 1.90.
// Line 2: 2 × W-200 at 10.00 = 20.00 net, 7 % tax 1.40.
Order two_line_order() {
  return priced_order("EUR", {{"W-100", "3", "3.50", "10.00", "1.90"},
                              {"W-200", "2", "10.00", "20.00", "1.40", 700}});
}

Shipment ship(Order& order, std::vector<ShipRequestLine> request = {}) {
  Result<Shipment> shipment = ship_order(order, request, date("2026-03-02"));
  O2C_ASSERT(shipment.has_value());
  shipment->id = ShipmentId{shipment->order.value * 10 + 1};
  shipment->number = "SH-2026-000001";
  return std::move(shipment).value();
}

Invoice invoice(Order& order, const Shipment& shipment, std::string_view terms_code = "NET30",
                std::string_view invoice_date = "2026-03-02") {
  Result<Invoice> result = invoice_shipment(order, shipment, terms(terms_code), date(invoice_date));
  O2C_ASSERT(result.has_value());
  return std::move(result).value();
}

// "1 W-100 ×1 3.33 + 0.63 | total 3.33 + 0.63 = 3.96 EUR"
std::string describe(const Invoice& invoice) {
  std::string text;
  for (const InvoiceLine& line : invoice.lines) {
    text += std::to_string(line.order_line_no) + " " + line.sku + " ×" +
            format_quantity(line.quantity) + " " + format_amount(line.net) + " + " +
            format_amount(line.tax) + " | ";
  }
  return text + "total " + format_amount(invoice.net_total) + " + " +
         format_amount(invoice.tax_total) + " = " + format_money(invoice.gross_total);
}

// ---- invoice_shipment ------------------------------------------------------------------------

TEST(InvoiceShipment, CarriesTheOrderShipmentAndCustomer) {
  Order order = two_line_order();
  const Shipment shipment = ship(order);
  const Invoice result = invoice(order, shipment);
  EXPECT_EQ(result.customer, CustomerId{7});
  EXPECT_EQ(result.customer_number, "C-0007");
  EXPECT_EQ(result.order, OrderId{42});
  EXPECT_EQ(result.order_number, "SO-2026-000042");
  EXPECT_EQ(result.shipment, shipment.id);
  EXPECT_EQ(result.shipment_number, "SH-2026-000001");
  EXPECT_EQ(format_date(result.invoice_date), "2026-03-02");
  EXPECT_EQ(result.currency, currency("EUR"));
  EXPECT_EQ(result.paid, eur("0"));
}

// The two-line order with a 4.95 shipping charge taxed at its own 19 % (0.9405 -> 0.94).
Order order_with_shipping() {
  Order order = two_line_order();
  order.shipping = OrderShippingCharge{eur("4.95"), "shipping", BasisPoints{1'900}, eur("0.94")};
  order.net_total = add(order.net_total, order.shipping->net).value();
  order.tax_total = add(order.tax_total, order.shipping->tax).value();
  order.gross_total = add(order.net_total, order.tax_total).value();
  return order;
}

TEST(InvoiceShipment, TheFirstInvoiceCarriesTheWholeShippingCharge) {
  Order order = order_with_shipping();
  EXPECT_EQ(format_money(uninvoiced_gross(order).value()), "39.19 EUR");
  const Invoice first = invoice(order, ship(order, {{1, qty("1")}}));
  EXPECT_EQ(describe(first),
            "1 W-100 ×1 3.33 + 0.63 | 0 SHIPPING ×1 4.95 + 0.94 | total 8.28 + 1.57 = 9.85 EUR");
  ASSERT_EQ(first.lines.size(), 2u);
  EXPECT_EQ(first.lines[1].line_no, 2);
  EXPECT_EQ(first.lines[1].tax_category, "shipping");
  EXPECT_EQ(first.lines[1].tax_rate, BasisPoints{1'900});
  EXPECT_TRUE(order.shipping->invoiced);

  const Invoice second = invoice(order, ship(order));
  EXPECT_EQ(describe(second),
            "1 W-100 ×2 6.67 + 1.27 | 2 W-200 ×2 20.00 + 1.40 | total 26.67 + 2.67 = 29.34 EUR");
  // The invoices add up to the order, and nothing of it is left uninvoiced.
  EXPECT_EQ(first.gross_total.minor + second.gross_total.minor, order.gross_total.minor);
  EXPECT_EQ(format_money(uninvoiced_gross(order).value()), "0.00 EUR");
}

TEST(InvoiceShipment, AnOrderWithoutShippingHasNoShippingLine) {
  Order order = two_line_order();
  const Invoice result = invoice(order, ship(order));
  for (const InvoiceLine& line : result.lines) EXPECT_NE(line.sku, kShippingSku);
  EXPECT_FALSE(order.shipping.has_value());
}

TEST(InvoiceShipment, DueDateFollowsThePaymentTerms) {
  const auto due = [](std::string_view terms_code, std::string_view invoice_date) {
    Order order = two_line_order();
    return format_date(invoice(order, ship(order), terms_code, invoice_date).due_date);
  };
  EXPECT_EQ(due("DUE", "2026-03-02"), "2026-03-02");
  EXPECT_EQ(due("NET30", "2026-03-02"), "2026-04-01");
  EXPECT_EQ(due("NET14", "2026-12-25"), "2027-01-08");
  EXPECT_EQ(due("EOM15", "2026-01-20"), "2026-02-15");
  EXPECT_EQ(due("EOM0", "2028-02-10"), "2028-02-29");
}

TEST(InvoiceShipment, AFullShipmentInvoicesWholeLines) {
  Order order = two_line_order();
  const Invoice result = invoice(order, ship(order));
  EXPECT_EQ(describe(result),
            "1 W-100 ×3 10.00 + 1.90 | 2 W-200 ×2 20.00 + 1.40 | total 30.00 + 3.30 = 33.30 EUR");
  ASSERT_EQ(result.lines.size(), 2u);
  const InvoiceLine& second = result.lines[1];
  EXPECT_EQ(second.line_no, 2);
  EXPECT_EQ(second.order_line_no, 2);
  EXPECT_EQ(second.description, "Item W-200");
  EXPECT_EQ(format_money(second.unit_price), "10.00 EUR");
  EXPECT_EQ(second.tax_category, "reduced");
  EXPECT_EQ(second.tax_rate, BasisPoints{700});
  EXPECT_EQ(order.lines[0].invoiced, qty("3"));
  EXPECT_EQ(order.lines[1].invoiced, qty("2"));
}

TEST(InvoiceShipment, InvoiceLinesAreNumberedWithinTheInvoice) {
  Order order = two_line_order();
  const Invoice result = invoice(order, ship(order, {{2, qty("1")}}));
  EXPECT_EQ(describe(result), "2 W-200 ×1 10.00 + 0.70 | total 10.00 + 0.70 = 10.70 EUR");
  ASSERT_EQ(result.lines.size(), 1u);
  EXPECT_EQ(result.lines[0].line_no, 1);
  EXPECT_EQ(order.lines[0].invoiced, qty("0"));
  EXPECT_EQ(order.lines[1].invoiced, qty("1"));
}

TEST(InvoiceShipment, ALineShippedFromTwoWarehousesIsOneInvoiceLine) {
  Order order = two_line_order();
  order.lines[0].reservations = {{WarehouseId{1}, qty("1")}, {WarehouseId{2}, qty("2")}};
  const Shipment shipment = ship(order, {{1, qty("3")}});
  ASSERT_EQ(shipment.lines.size(), 2u);
  EXPECT_EQ(describe(invoice(order, shipment)),
            "1 W-100 ×3 10.00 + 1.90 | total 10.00 + 1.90 = 11.90 EUR");
}

TEST(InvoiceShipment, PartsOfALineAddUpToTheLineExactly) {
  // Cumulative proration: the first unit is 1/3 of 10.00 = 3.33; the first two are 6.67, so
  // the second invoice is 6.67 − 3.33 = 3.34; the last takes the rest, 3.33. Tax likewise:
  // 0.63, 1.27 − 0.63 = 0.64, 1.90 − 1.27 = 0.63.
  Order order = priced_order("EUR", {{"W-100", "3", "3.50", "10.00", "1.90"}});
  std::vector<std::string> invoices;
  Money net = eur("0");
  Money tax = eur("0");
  for (int part = 0; part < 3; ++part) {
    const Invoice result = invoice(order, ship(order, {{1, qty("1")}}));
    invoices.push_back(describe(result));
    net = add(net, result.net_total).value();
    tax = add(tax, result.tax_total).value();
  }
  EXPECT_EQ(invoices[0], "1 W-100 ×1 3.33 + 0.63 | total 3.33 + 0.63 = 3.96 EUR");
  EXPECT_EQ(invoices[1], "1 W-100 ×1 3.34 + 0.64 | total 3.34 + 0.64 = 3.98 EUR");
  EXPECT_EQ(invoices[2], "1 W-100 ×1 3.33 + 0.63 | total 3.33 + 0.63 = 3.96 EUR");
  EXPECT_EQ(format_money(net), "10.00 EUR");
  EXPECT_EQ(format_money(tax), "1.90 EUR");
  update_fulfilment_state(order);
  EXPECT_EQ(order.state, OrderState::kComplete);
}

TEST(InvoiceShipment, FractionalPartsAddUpToTheLineExactly) {
  // 0.5, 1.25 and 1.25 of 3 units: 1.67, 5.83 − 1.67 = 4.16, 10.00 − 5.83 = 4.17.
  Order order = priced_order("EUR", {{"W-100", "3", "3.50", "10.00", "1.90"}});
  EXPECT_EQ(describe(invoice(order, ship(order, {{1, qty("0.5")}}))),
            "1 W-100 ×0.5 1.67 + 0.32 | total 1.67 + 0.32 = 1.99 EUR");
  EXPECT_EQ(describe(invoice(order, ship(order, {{1, qty("1.25")}}))),
            "1 W-100 ×1.25 4.16 + 0.79 | total 4.16 + 0.79 = 4.95 EUR");
  EXPECT_EQ(describe(invoice(order, ship(order, {{1, qty("1.25")}}))),
            "1 W-100 ×1.25 4.17 + 0.79 | total 4.17 + 0.79 = 4.96 EUR");  // 11.90 in all
}

TEST(InvoiceShipment, InvoicedPlusUninvoicedIsAlwaysTheOrderGross) {
  Order order = two_line_order();
  Money invoiced = eur("0");
  const std::vector<std::vector<ShipRequestLine>> shipments = {
      {{1, qty("1")}}, {{1, qty("1")}, {2, qty("1")}}, {{2, qty("1")}}, {{1, qty("1")}}};
  for (const std::vector<ShipRequestLine>& request : shipments) {
    const Invoice result = invoice(order, ship(order, request));
    invoiced = add(invoiced, result.gross_total).value();
    const Money rest = uninvoiced_gross(order).value();
    EXPECT_EQ(format_money(add(invoiced, rest).value()), "33.30 EUR")
        << "invoiced " << format_money(invoiced) << " uninvoiced " << format_money(rest);
  }
  EXPECT_EQ(format_money(invoiced), "33.30 EUR");
}

TEST(InvoiceShipment, YenPartsAddUpToTheLine) {
  Order order = priced_order("JPY", {{"W-100", "3", "34", "100", "19"}});
  EXPECT_EQ(describe(invoice(order, ship(order, {{1, qty("1")}}))),
            "1 W-100 ×1 33 + 6 | total 33 + 6 = 39 JPY");
  EXPECT_EQ(describe(invoice(order, ship(order, {{1, qty("1")}}))),
            "1 W-100 ×1 34 + 7 | total 34 + 7 = 41 JPY");
  EXPECT_EQ(describe(invoice(order, ship(order, {{1, qty("1")}}))),
            "1 W-100 ×1 33 + 6 | total 33 + 6 = 39 JPY");
}

TEST(InvoiceShipment, DinarPartsAddUpToTheLine) {
  Order order = priced_order("KWD", {{"W-100", "3", "0.334", "1.000", "0.190"}});
  EXPECT_EQ(describe(invoice(order, ship(order, {{1, qty("1")}}))),
            "1 W-100 ×1 0.333 + 0.063 | total 0.333 + 0.063 = 0.396 KWD");
  EXPECT_EQ(describe(invoice(order, ship(order, {{1, qty("2")}}))),
            "1 W-100 ×2 0.667 + 0.127 | total 0.667 + 0.127 = 0.794 KWD");
}

TEST(InvoiceShipmentDeathTest, AShipmentOfAnotherOrderAborts) {
  Order order = two_line_order();
  Shipment shipment = ship(order);
  shipment.order = OrderId{43};
  EXPECT_DEATH((void)invoice_shipment(order, shipment, terms("NET30"), date("2026-03-02")),
               "shipment.order");
}

TEST(InvoiceShipmentDeathTest, AnEmptyShipmentAborts) {
  Order order = two_line_order();
  Shipment shipment;
  shipment.order = order.id;
  EXPECT_DEATH((void)invoice_shipment(order, shipment, terms("NET30"), date("2026-03-02")),
               "empty");
}

TEST(InvoiceShipmentDeathTest, InvoicingAShipmentTwiceAborts) {
  Order order = two_line_order();
  const Shipment shipment = ship(order, {{1, qty("1")}});
  (void)invoice(order, shipment);
  EXPECT_DEATH((void)invoice_shipment(order, shipment, terms("NET30"), date("2026-03-02")),
               "shipped");
}

// ---- invoice_state and open_amount -------------------------------------------------------

Invoice invoice_of(std::string_view gross, std::string_view paid) {
  Invoice result;
  result.currency = currency("EUR");
  result.gross_total = eur(gross);
  result.paid = eur(paid);
  result.credited = result.discount_taken = result.written_off = eur("0");
  return result;
}

TEST(InvoiceState, FollowsWhatHasBeenPaid) {
  EXPECT_EQ(invoice_state(invoice_of("119.00", "0")), InvoiceState::kOpen);
  EXPECT_EQ(invoice_state(invoice_of("119.00", "0.01")), InvoiceState::kPartiallyPaid);
  EXPECT_EQ(invoice_state(invoice_of("119.00", "118.99")), InvoiceState::kPartiallyPaid);
  EXPECT_EQ(invoice_state(invoice_of("119.00", "119.00")), InvoiceState::kPaid);
}

TEST(InvoiceState, AFreeInvoiceIsPaid) {
  EXPECT_EQ(invoice_state(invoice_of("0", "0")), InvoiceState::kPaid);
}

TEST(InvoiceState, WireNamesAreFrozen) {
  EXPECT_EQ(wire_name(InvoiceState::kOpen), "open");
  EXPECT_EQ(wire_name(InvoiceState::kPartiallyPaid), "partially_paid");
  EXPECT_EQ(wire_name(InvoiceState::kPaid), "paid");
}

TEST(InvoiceStateDeathTest, OverpaymentAborts) {
  EXPECT_DEATH((void)invoice_state(invoice_of("119.00", "119.01")), "paid");
  EXPECT_DEATH((void)invoice_state(invoice_of("119.00", "-0.01")), "paid");
}

TEST(OpenAmount, IsGrossLessPaid) {
  EXPECT_EQ(format_money(open_amount(invoice_of("119.00", "0")).value()), "119.00 EUR");
  EXPECT_EQ(format_money(open_amount(invoice_of("119.00", "19.01")).value()), "99.99 EUR");
  EXPECT_EQ(format_money(open_amount(invoice_of("119.00", "119.00")).value()), "0.00 EUR");
}

TEST(OpenAmount, IsLessWhatCreditNotesAndDiscountsSettled) {
  Invoice invoice = invoice_of("119.00", "50.00");
  invoice.credited = eur("20.00");
  invoice.discount_taken = eur("2.38");
  EXPECT_EQ(format_money(open_amount(invoice).value()), "46.62 EUR");
  EXPECT_EQ(invoice_state(invoice), InvoiceState::kPartiallyPaid);
  invoice.paid = eur("96.62");
  EXPECT_EQ(invoice_state(invoice), InvoiceState::kPaid);
}

TEST(OpenAmount, IsLessWhatWasWrittenOff) {
  Invoice invoice = invoice_of("119.00", "118.50");
  invoice.written_off = eur("0.30");
  EXPECT_EQ(format_money(open_amount(invoice).value()), "0.20 EUR");
  EXPECT_EQ(invoice_state(invoice), InvoiceState::kPartiallyPaid);
  invoice.written_off = eur("0.50");
  EXPECT_EQ(format_money(open_amount(invoice).value()), "0.00 EUR");
  EXPECT_EQ(invoice_state(invoice), InvoiceState::kWrittenOff);
  EXPECT_EQ(wire_name(InvoiceState::kWrittenOff), "written_off");
}

TEST(InvoiceState, CreditedInFullIsCredited) {
  Invoice invoice = invoice_of("119.00", "0");
  invoice.credited = eur("119.00");
  EXPECT_EQ(invoice_state(invoice), InvoiceState::kCredited);
  EXPECT_EQ(wire_name(InvoiceState::kCredited), "credited");
}

TEST(OpenAmount, RefusesPaymentsInAnotherCurrency) {
  Invoice mixed = invoice_of("119.00", "0");
  mixed.paid = money("1.00", "USD");
  const Result<Money> open = open_amount(mixed);
  ASSERT_FALSE(open.has_value());
  EXPECT_EQ(open.error().reason, "currency_mismatch");
}

}  // namespace
}  // namespace o2c
