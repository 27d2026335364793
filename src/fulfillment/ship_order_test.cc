#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "core/date.h"
#include "core/money.h"
#include "fulfillment/fulfillment.h"
#include "orders/orders.h"

namespace o2c {
namespace {

Quantity qty(std::string_view text) { return parse_quantity(text).value(); }
Date date(std::string_view text) { return parse_date(text).value(); }

OrderLine line(int line_no, std::string_view sku, std::string_view ordered,
               std::vector<Reservation> reservations) {
  OrderLine result;
  result.line_no = line_no;
  result.product = ProductId{100 + line_no};
  result.sku = std::string(sku);
  result.quantity = qty(ordered);
  result.reservations = std::move(reservations);
  return result;
}

Reservation at(std::int64_t warehouse, std::string_view quantity) {
  return Reservation{WarehouseId{warehouse}, qty(quantity)};
}

// Line 1: 5 × W-100, 2 reserved at WH1 and 2 at WH2 (1 backordered).
// Line 2: 3 × W-200, all reserved at WH1.
Order open_order() {
  Order order;
  order.id = OrderId{42};
  order.number = "SO-2026-000042";
  order.state = OrderState::kOpen;
  order.currency = currency_from_code("EUR").value();
  order.lines = {line(1, "W-100", "5", {at(1, "2"), at(2, "2")}),
                 line(2, "W-200", "3", {at(1, "3")})};
  return order;
}

// "open | 1 shipped 0 reserved WH1 2 WH2 2 | 2 shipped 0 reserved WH1 3"
std::string describe(const Order& order) {
  std::string text(wire_name(order.state));
  for (const OrderLine& order_line : order.lines) {
    text += " | " + std::to_string(order_line.line_no) + " shipped " +
            format_quantity(order_line.shipped) + " reserved";
    for (const Reservation& reservation : order_line.reservations) {
      text += " WH" + std::to_string(reservation.warehouse.value) + " " +
              format_quantity(reservation.quantity);
    }
  }
  return text;
}

// "1 W-100 WH1 2, 1 W-100 WH2 2"
std::string describe(const Shipment& shipment) {
  std::string text;
  for (const ShipmentLine& shipment_line : shipment.lines) {
    if (!text.empty()) text += ", ";
    text += std::to_string(shipment_line.order_line_no) + " " + shipment_line.sku + " WH" +
            std::to_string(shipment_line.warehouse.value) + " " +
            format_quantity(shipment_line.quantity);
  }
  return text;
}

Result<Shipment> ship(Order& order, std::vector<ShipRequestLine> request = {}) {
  return ship_order(order, request, date("2026-03-02"));
}

ShipRequestLine request_line(int line_no, std::string_view quantity) {
  return ShipRequestLine{line_no, qty(quantity)};
}

// ---- shipping --------------------------------------------------------------------------------

TEST(ShipOrder, AnEmptyRequestShipsEverythingReserved) {
  Order order = open_order();
  const Result<Shipment> shipment = ship(order);
  ASSERT_TRUE(shipment.has_value()) << shipment.error().message;
  EXPECT_EQ(describe(*shipment), "1 W-100 WH1 2, 1 W-100 WH2 2, 2 W-200 WH1 3");
  EXPECT_EQ(shipment->order, OrderId{42});
  EXPECT_EQ(shipment->order_number, "SO-2026-000042");
  EXPECT_EQ(format_date(shipment->ship_date), "2026-03-02");
  EXPECT_EQ(shipment->lines[0].product, ProductId{101});
  // Shipped goods leave their reservations; the backordered unit keeps line 1 open.
  EXPECT_EQ(describe(order), "partially_shipped | 1 shipped 4 reserved | 2 shipped 3 reserved");
  EXPECT_EQ(backordered_quantity(order.lines[0]), qty("1"));
}

TEST(ShipOrder, ShipsPartOfALineWarehouseByWarehouse) {
  Order order = open_order();
  const Result<Shipment> shipment = ship(order, {request_line(1, "3")});
  ASSERT_TRUE(shipment.has_value()) << shipment.error().message;
  EXPECT_EQ(describe(*shipment), "1 W-100 WH1 2, 1 W-100 WH2 1");
  EXPECT_EQ(describe(order),
            "partially_shipped | 1 shipped 3 reserved WH2 1 | 2 shipped 0 reserved WH1 3");
}

TEST(ShipOrder, ShipsOnlyTheRequestedLines) {
  Order order = open_order();
  const Result<Shipment> shipment = ship(order, {request_line(2, "1.5")});
  ASSERT_TRUE(shipment.has_value()) << shipment.error().message;
  EXPECT_EQ(describe(*shipment), "2 W-200 WH1 1.5");
  EXPECT_EQ(
      describe(order),
      "partially_shipped | 1 shipped 0 reserved WH1 2 WH2 2 | 2 shipped 1.5 reserved WH1 1.5");
}

TEST(ShipOrder, RequestsForTheSameLineAddUp) {
  Order order = open_order();
  const Result<Shipment> shipment = ship(order, {request_line(2, "1"), request_line(2, "2")});
  ASSERT_TRUE(shipment.has_value()) << shipment.error().message;
  EXPECT_EQ(describe(*shipment), "2 W-200 WH1 3");
  EXPECT_EQ(order.lines[1].shipped, qty("3"));
}

TEST(ShipOrder, APartiallyShippedOrderShipsAgain) {
  Order order = open_order();
  ASSERT_TRUE(ship(order, {request_line(1, "1")}).has_value());
  ASSERT_EQ(order.state, OrderState::kPartiallyShipped);
  const Result<Shipment> second = ship(order);
  ASSERT_TRUE(second.has_value()) << second.error().message;
  EXPECT_EQ(describe(*second), "1 W-100 WH1 1, 1 W-100 WH2 2, 2 W-200 WH1 3");
  EXPECT_EQ(describe(order), "partially_shipped | 1 shipped 4 reserved | 2 shipped 3 reserved");
}

TEST(ShipOrder, ShippingEverythingStaysPartiallyShippedUntilInvoiced) {
  Order order = open_order();
  order.lines[0].reservations.push_back(at(3, "1"));
  ASSERT_TRUE(ship(order).has_value());
  EXPECT_EQ(describe(order), "partially_shipped | 1 shipped 5 reserved | 2 shipped 3 reserved");
  // Once billing has invoiced everything, the order completes.
  for (OrderLine& order_line : order.lines) order_line.invoiced = order_line.quantity;
  update_fulfilment_state(order);
  EXPECT_EQ(order.state, OrderState::kComplete);
}

// ---- cancelling a picked shipment -----------------------------------------------------------

TEST(ReturnPickedGoods, GivesTheGoodsBackToTheReservationsTheyCameFrom) {
  Order order = open_order();
  const Result<Shipment> first = ship(order, {request_line(1, "3"), request_line(2, "1")});
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_EQ(describe(*first), "1 W-100 WH1 2, 1 W-100 WH2 1, 2 W-200 WH1 1");
  EXPECT_EQ(describe(order),
            "partially_shipped | 1 shipped 3 reserved WH2 1 | 2 shipped 1 reserved WH1 2");
  ASSERT_TRUE(return_picked_goods(order, *first).has_value());
  // The warehouse whose reservation was used up is added again, after the others.
  EXPECT_EQ(describe(order),
            "open | 1 shipped 0 reserved WH2 2 WH1 2 | 2 shipped 0 reserved WH1 3");
}

TEST(ReturnPickedGoods, KeepsWhatOtherShipmentsTook) {
  Order order = open_order();
  ASSERT_TRUE(ship(order, {request_line(2, "1")}).has_value());
  const Result<Shipment> second = ship(order, {request_line(2, "2")});
  ASSERT_TRUE(second.has_value());
  ASSERT_TRUE(return_picked_goods(order, *second).has_value());
  EXPECT_EQ(describe(order),
            "partially_shipped | 1 shipped 0 reserved WH1 2 WH2 2 | 2 shipped 1 reserved WH1 2");
}

TEST(ReturnPickedGoods, RefusedWhileTheOrderIsHeld) {
  Order order = open_order();
  const Result<Shipment> shipment = ship(order);
  ASSERT_TRUE(shipment.has_value());
  order.state = OrderState::kOnManualHold;
  const std::string held = describe(order);
  EXPECT_EQ(return_picked_goods(order, *shipment).error().reason, "order_not_shippable");
  EXPECT_EQ(describe(order), held);
}

// ---- rejections ------------------------------------------------------------------------------

struct ShipFailure {
  std::string name;
  void (*prepare)(Order&);
  std::vector<ShipRequestLine> request;
  std::string reason;
  ErrorKind kind;
  std::string where;
};

TEST(ShipOrder, EachFailureHasItsReasonAndPlaceAndLeavesTheOrderUnchanged) {
  const std::vector<ShipFailure> failures = {
      {"on credit hold",
       [](Order& o) { o.state = OrderState::kOnCreditHold; },
       {},
       "order_not_shippable",
       ErrorKind::kFailedPrecondition,
       "order"},
      {"rejected",
       [](Order& o) { o.state = OrderState::kRejected; },
       {},
       "order_not_shippable",
       ErrorKind::kFailedPrecondition,
       "order"},
      {"complete",
       [](Order& o) { o.state = OrderState::kComplete; },
       {},
       "order_not_shippable",
       ErrorKind::kFailedPrecondition,
       "order"},
      {"line 0",
       [](Order&) {},
       {request_line(0, "1")},
       "unknown_line",
       ErrorKind::kNotFound,
       "lines[0].line"},
      {"line 3 of 2",
       [](Order&) {},
       {request_line(1, "1"), request_line(3, "1")},
       "unknown_line",
       ErrorKind::kNotFound,
       "lines[1].line"},
      {"zero quantity",
       [](Order&) {},
       {request_line(1, "0")},
       "quantity_must_be_positive",
       ErrorKind::kInvalidArgument,
       "lines[0].quantity"},
      {"negative quantity",
       [](Order&) {},
       {request_line(2, "1"), request_line(1, "-1")},
       "quantity_must_be_positive",
       ErrorKind::kInvalidArgument,
       "lines[1].quantity"},
      {"one thousandth too much",
       [](Order&) {},
       {request_line(1, "4.001")},
       "quantity_exceeds_reserved",
       ErrorKind::kFailedPrecondition,
       "lines[0].quantity"},
      {"too much in two parts",
       [](Order&) {},
       {request_line(2, "2"), request_line(2, "1.5")},
       "quantity_exceeds_reserved",
       ErrorKind::kFailedPrecondition,
       "lines[1].quantity"},
      {"backordered line",
       [](Order& o) { o.lines[0].reservations.clear(); },
       {request_line(1, "1")},
       "quantity_exceeds_reserved",
       ErrorKind::kFailedPrecondition,
       "lines[0].quantity"},
      {"nothing reserved",
       [](Order& o) {
         for (OrderLine& l : o.lines) l.reservations.clear();
       },
       {},
       "nothing_to_ship",
       ErrorKind::kFailedPrecondition,
       "order"},
  };
  for (const ShipFailure& failure : failures) {
    SCOPED_TRACE(failure.name);
    Order order = open_order();
    failure.prepare(order);
    const std::string before = describe(order);
    const Result<Shipment> shipment = ship(order, failure.request);
    ASSERT_FALSE(shipment.has_value());
    EXPECT_EQ(shipment.error().reason, failure.reason);
    EXPECT_EQ(shipment.error().kind, failure.kind);
    EXPECT_EQ(shipment.error().where, failure.where);
    EXPECT_EQ(describe(order), before);
  }
}

TEST(ShipOrder, MessagesNameTheOrderAndTheLine) {
  Order held = open_order();
  held.state = OrderState::kOnCreditHold;
  const std::string not_shippable = ship(held).error().message;
  EXPECT_NE(not_shippable.find("SO-2026-000042"), std::string::npos) << not_shippable;
  EXPECT_NE(not_shippable.find("on_credit_hold"), std::string::npos) << not_shippable;

  Order order = open_order();
  const std::string too_much = ship(order, {request_line(1, "4.5")}).error().message;
  EXPECT_NE(too_much.find("W-100"), std::string::npos) << too_much;
  EXPECT_NE(too_much.find("4.5"), std::string::npos) << too_much;
  EXPECT_NE(too_much.find("has 4 reserved"), std::string::npos) << too_much;
}

TEST(ShipOrderPrecedence, StateIsCheckedBeforeTheRequest) {
  Order order = open_order();
  order.state = OrderState::kRejected;
  EXPECT_EQ(ship(order, {request_line(9, "0")}).error().reason, "order_not_shippable");
}

TEST(ShipOrderPrecedence, UnknownLineIsCheckedBeforeItsQuantity) {
  Order order = open_order();
  EXPECT_EQ(ship(order, {request_line(9, "0")}).error().reason, "unknown_line");
}

TEST(ShipOrderPrecedence, RequestLinesAreCheckedInOrder) {
  Order order = open_order();
  const Result<Shipment> shipment = ship(order, {request_line(1, "5"), request_line(9, "1")});
  ASSERT_FALSE(shipment.has_value());
  EXPECT_EQ(shipment.error().reason, "quantity_exceeds_reserved");
  EXPECT_EQ(shipment.error().where, "lines[0].quantity");
}

}  // namespace
}  // namespace o2c
