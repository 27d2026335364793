#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "core/limits.h"
#include "core/money.h"
#include "orders/orders.h"

namespace o2c {
namespace {

Currency eur_currency() { return currency_from_code("EUR").value(); }
Money eur(std::string_view text) { return parse_money(text, eur_currency()).value(); }

constexpr WarehouseId kWh1{1};
constexpr WarehouseId kWh2{2};

OrderLine line(int line_no, std::int64_t product, std::string sku, std::int64_t ordered,
               std::vector<Reservation> reservations = {}, std::int64_t shipped = 0,
               std::int64_t invoiced = 0) {
  OrderLine item;
  item.line_no = line_no;
  item.product = ProductId{product};
  item.sku = std::move(sku);
  item.quantity = units(ordered);
  item.unit_price = eur("10.00");
  item.net = eur("0");
  item.tax = eur("0");
  item.reservations = std::move(reservations);
  item.shipped = units(shipped);
  item.invoiced = units(invoiced);
  return item;
}

// An open order: line 1 reserved in two warehouses, line 2 in one, line 3 backordered.
Order open_order() {
  Order order;
  order.id = OrderId{9};
  order.number = "SO-2026-000009";
  order.customer_number = "C-0001";
  order.currency = eur_currency();
  order.state = OrderState::kOpen;
  order.ship_to = Address{"Lagerweg 3", "Hamburg", "20095", "DE", ""};
  order.lines = {line(1, 101, "W-100", 10, {{kWh1, units(6)}, {kWh2, units(4)}}),
                 line(2, 102, "W-200", 5, {{kWh1, units(2)}}), line(3, 103, "W-300", 4)};
  return order;
}

// The same order after 3 of line 1 shipped and were invoiced (from WH1).
Order partially_shipped_order() {
  Order order = open_order();
  order.state = OrderState::kPartiallyShipped;
  order.lines[0] = line(1, 101, "W-100", 10, {{kWh1, units(3)}, {kWh2, units(4)}}, 3, 3);
  return order;
}

std::string describe_lines(const Order& order) {
  std::string text;
  for (const OrderLine& item : order.lines) {
    text += std::to_string(item.line_no) + " " + item.sku + " qty " +
            format_quantity(item.quantity) + " shipped " + format_quantity(item.shipped) +
            " reserved";
    for (const Reservation& reservation : item.reservations)
      text += " WH" + std::to_string(reservation.warehouse.value) + ":" +
              format_quantity(reservation.quantity);
    text += "\n";
  }
  return text;
}

// The whole amendment as text: event, description, details, releases, the state and lines.
std::string describe(const Result<Amendment>& result) {
  if (!result) return "error " + result.error().reason + " at " + result.error().where;
  const Amendment& amendment = *result;
  std::string text = amendment.event + ": " + amendment.description + "\n";
  for (const auto& [key, value] : amendment.details) text += "  " + key + "=" + value + "\n";
  for (const ReservationRelease& release : amendment.releases)
    text += "release line " + std::to_string(release.line_no) + " product " +
            std::to_string(release.product.value) + " WH" +
            std::to_string(release.warehouse.value) + " " + format_quantity(release.quantity) +
            "\n";
  text += "state " + std::string(wire_name(amendment.order.state)) + "\n";
  return text + describe_lines(amendment.order);
}

std::string reason_of(const Result<Amendment>& result) {
  return result ? "ok" : result.error().reason;
}

Order in_state(Order order, OrderState state) {
  order.state = state;
  return order;
}

// Every line shipped, invoiced or not: nothing is left to amend.
Order fully_shipped_order(bool invoiced) {
  Order order = open_order();
  order.state = OrderState::kPartiallyShipped;
  for (OrderLine& item : order.lines) {
    item.shipped = item.quantity;
    item.invoiced = invoiced ? item.quantity : Quantity{0};
    item.reservations.clear();
  }
  return order;
}

// ---- change_line_quantity ----------------------------------------------------------------

TEST(ChangeLineQuantity, CuttingBelowTheReservationReleasesTheLeastPreferredWarehouseFirst) {
  EXPECT_EQ(describe(change_line_quantity(open_order(), 1, units(5))),
            "order.line_quantity_changed: line 1 W-100 quantity 10 -> 5\n"
            "  line=1\n  sku=W-100\n  quantity_before=10\n  quantity_after=5\n"
            "release line 1 product 101 WH2 4\n"
            "release line 1 product 101 WH1 1\n"
            "state open\n"
            "1 W-100 qty 5 shipped 0 reserved WH1:5\n"
            "2 W-200 qty 5 shipped 0 reserved WH1:2\n"
            "3 W-300 qty 4 shipped 0 reserved\n");
}

TEST(ChangeLineQuantity, CuttingWithinTheUnreservedPartReleasesNothing) {
  const Result<Amendment> result = change_line_quantity(open_order(), 2, Quantity{2'500});
  ASSERT_TRUE(result.has_value());
  EXPECT_TRUE(result->releases.empty());
  EXPECT_EQ(result->order.lines[1].quantity, Quantity{2'500});
  EXPECT_EQ(reserved_quantity(result->order.lines[1]), units(2));
  EXPECT_EQ(backordered_quantity(result->order.lines[1]), Quantity{500});
}

TEST(ChangeLineQuantity, RaisingBackordersTheExtra) {
  const Result<Amendment> result = change_line_quantity(open_order(), 1, Quantity{12'345});
  ASSERT_TRUE(result.has_value());
  EXPECT_TRUE(result->releases.empty());
  EXPECT_EQ(result->description, "line 1 W-100 quantity 10 -> 12.345");
  EXPECT_EQ(backordered_quantity(result->order.lines[0]), Quantity{2'345});
  EXPECT_EQ(result->order.state, OrderState::kOpen);
}

TEST(ChangeLineQuantity, LeavesTheGivenOrderUntouched) {
  const Order order = open_order();
  const std::string before = describe_lines(order);
  ASSERT_TRUE(change_line_quantity(order, 1, units(1)).has_value());
  EXPECT_EQ(describe_lines(order), before);
}

TEST(ChangeLineQuantity, CuttingAShippedLineToItsShippedQuantityReleasesTheRest) {
  EXPECT_EQ(describe(change_line_quantity(partially_shipped_order(), 1, units(3))),
            "order.line_quantity_changed: line 1 W-100 quantity 10 -> 3\n"
            "  line=1\n  sku=W-100\n  quantity_before=10\n  quantity_after=3\n"
            "release line 1 product 101 WH2 4\n"
            "release line 1 product 101 WH1 3\n"
            "state partially_shipped\n"
            "1 W-100 qty 3 shipped 3 reserved\n"
            "2 W-200 qty 5 shipped 0 reserved WH1:2\n"
            "3 W-300 qty 4 shipped 0 reserved\n");
}

TEST(ChangeLineQuantity, CuttingTheLastOpenQuantityCompletesAnInvoicedOrder) {
  Order order = fully_shipped_order(true);
  order.lines[2] = line(3, 103, "W-300", 4, {{kWh2, units(1)}}, 2, 2);
  const Result<Amendment> result = change_line_quantity(order, 3, units(2));
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->order.state, OrderState::kComplete);
  ASSERT_EQ(result->releases.size(), 1u);
  EXPECT_EQ(result->releases[0].quantity, units(1));
}

TEST(ChangeLineQuantity, WorksBeforeTheOrderIsOpenAndKeepsItsState) {
  for (OrderState state :
       {OrderState::kOnCreditHold, OrderState::kAwaitingApproval, OrderState::kOnManualHold}) {
    SCOPED_TRACE(std::string(wire_name(state)));
    Order order = in_state(open_order(), state);
    for (OrderLine& item : order.lines) item.reservations.clear();
    const Result<Amendment> result = change_line_quantity(order, 2, units(1));
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(result->order.state, state);
    EXPECT_TRUE(result->releases.empty());
  }
}

struct Refused {
  std::string name;
  Order order;
  int line_no;
  Quantity quantity;
  std::string reason;
  ErrorKind kind;
  std::string where;
};

TEST(ChangeLineQuantity, EachRefusalHasItsReasonKindAndPlace) {
  const std::vector<Refused> cases = {
      {"complete", in_state(open_order(), OrderState::kComplete), 1, units(1), "order_closed",
       ErrorKind::kFailedPrecondition, "order"},
      {"rejected", in_state(open_order(), OrderState::kRejected), 1, units(1), "order_closed",
       ErrorKind::kFailedPrecondition, "order"},
      {"cancelled", in_state(open_order(), OrderState::kCancelled), 1, units(1), "order_closed",
       ErrorKind::kFailedPrecondition, "order"},
      {"fully shipped, not yet invoiced", fully_shipped_order(false), 1, units(20),
       "order_fully_shipped", ErrorKind::kFailedPrecondition, "order"},
      {"unknown line", open_order(), 4, units(1), "unknown_line", ErrorKind::kNotFound,
       "amendment.line_no"},
      {"zero", open_order(), 1, Quantity{0}, "quantity_must_be_positive",
       ErrorKind::kInvalidArgument, "amendment.quantity"},
      {"negative", open_order(), 1, Quantity{-1}, "quantity_must_be_positive",
       ErrorKind::kInvalidArgument, "amendment.quantity"},
      {"over a billion", open_order(), 1, Quantity{kQuantityMilliMax + 1}, "quantity_too_large",
       ErrorKind::kInvalidArgument, "amendment.quantity"},
      {"below shipped", partially_shipped_order(), 1, Quantity{2'999}, "quantity_below_shipped",
       ErrorKind::kFailedPrecondition, "amendment.quantity"},
      {"same quantity", open_order(), 1, units(10), "no_change", ErrorKind::kInvalidArgument,
       "amendment.quantity"},
  };
  for (const Refused& test_case : cases) {
    SCOPED_TRACE(test_case.name);
    const Result<Amendment> result =
        change_line_quantity(test_case.order, test_case.line_no, test_case.quantity);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().reason, test_case.reason);
    EXPECT_EQ(result.error().kind, test_case.kind);
    EXPECT_EQ(result.error().where, test_case.where);
  }
}

TEST(ChangeLineQuantity, AcceptsTheLargestQuantity) {
  EXPECT_EQ(reason_of(change_line_quantity(open_order(), 1, Quantity{kQuantityMilliMax})), "ok");
  EXPECT_EQ(reason_of(change_line_quantity(open_order(), 1, Quantity{1})), "ok");
}

TEST(ChangeLineQuantity, MessagesSayWhatToDoInstead) {
  EXPECT_EQ(change_line_quantity(open_order(), 1, Quantity{0}).error().message,
            "quantity 0 must be greater than zero; remove the line to drop it");
  EXPECT_EQ(change_line_quantity(partially_shipped_order(), 1, units(2)).error().message,
            "line 1 W-100 has shipped 3; it cannot be cut to 2");
  EXPECT_EQ(change_line_quantity(in_state(open_order(), OrderState::kCancelled), 1, units(2))
                .error()
                .message,
            "order SO-2026-000009 is cancelled and can no longer change");
}

TEST(ChangeLineQuantity, ClosedBeatsUnknownLineBeatsQuantity) {
  EXPECT_EQ(reason_of(change_line_quantity(in_state(open_order(), OrderState::kComplete), 9,
                                           Quantity{0})),
            "order_closed");
  EXPECT_EQ(reason_of(change_line_quantity(open_order(), 9, Quantity{0})), "unknown_line");
  EXPECT_EQ(reason_of(change_line_quantity(partially_shipped_order(), 1, Quantity{0})),
            "quantity_must_be_positive");
}

// ---- add_order_line ----------------------------------------------------------------------

Product product(std::int64_t id, std::string sku, std::vector<Money> prices, bool active = true) {
  Product item;
  item.id = ProductId{id};
  item.sku = std::move(sku);
  item.name = "Product " + item.sku;
  item.list_prices = std::move(prices);
  item.active = active;
  return item;
}

TEST(AddOrderLine, AddsTheNextLineNumberAtTheListPrice) {
  const Product gadget = product(104, "W-400", {eur("7.50")});
  const Result<Amendment> result =
      add_order_line(open_order(), OrderLineRequest{"W-400", Quantity{2'500}, {250}}, &gadget);
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->event, "order.line_added");
  EXPECT_EQ(result->description, "line 4 W-400 added, quantity 2.5");
  EXPECT_EQ(result->details,
            (std::vector<std::pair<std::string, std::string>>{
                {"line", "4"}, {"sku", "W-400"}, {"quantity", "2.5"}, {"discount", "2.5"}}));
  EXPECT_TRUE(result->releases.empty());
  ASSERT_EQ(result->order.lines.size(), 4u);
  const OrderLine& added = result->order.lines[3];
  EXPECT_EQ(added.line_no, 4);
  EXPECT_EQ(added.product, ProductId{104});
  EXPECT_EQ(added.unit_price, eur("7.50"));
  EXPECT_EQ(added.discount, BasisPoints{250});
  EXPECT_EQ(added.net, eur("0"));  // priced by the caller
  EXPECT_EQ(backordered_quantity(added), Quantity{2'500});
  EXPECT_EQ(result->order.state, OrderState::kOpen);
}

TEST(AddOrderLine, NeverReusesALineNumber) {
  Order order = open_order();
  order.lines.erase(order.lines.begin() + 2);  // line 3 was removed earlier
  const Product gadget = product(104, "W-400", {eur("7.50")});
  const Result<Amendment> result =
      add_order_line(order, OrderLineRequest{"W-400", units(1), {}}, &gadget);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->order.lines.back().line_no, 3);
  order.lines.erase(order.lines.begin());  // now only line 2 is left
  EXPECT_EQ(add_order_line(order, OrderLineRequest{"W-400", units(1), {}}, &gadget)
                ->order.lines.back()
                .line_no,
            3);
}

TEST(AddOrderLine, APartiallyShippedOrderStaysPartiallyShipped) {
  const Product gadget = product(104, "W-400", {eur("7.50")});
  const Result<Amendment> result =
      add_order_line(partially_shipped_order(), OrderLineRequest{"W-400", units(1), {}}, &gadget);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->order.state, OrderState::kPartiallyShipped);
}

TEST(AddOrderLine, ChecksTheLineLikeANewOrderLine) {
  const Product gadget = product(104, "W-400", {eur("7.50")});
  const Product retired = product(105, "W-500", {eur("1.00")}, false);
  const Product us_only = product(106, "W-600", {Money{100, currency_from_code("USD").value()}});
  struct Case {
    std::string name;
    Order order;
    OrderLineRequest request;
    const Product* product;
    std::string reason;
    std::string where;
  };
  const std::vector<Case> cases = {
      {"closed",
       in_state(open_order(), OrderState::kRejected),
       {"W-400", units(1), {}},
       &gadget,
       "order_closed",
       "order"},
      {"fully shipped",
       fully_shipped_order(true),
       {"W-400", units(1), {}},
       &gadget,
       "order_fully_shipped",
       "order"},
      {"unknown SKU",
       open_order(),
       {"NOPE", units(1), {}},
       nullptr,
       "product_not_found",
       "amendment.sku"},
      {"retired product",
       open_order(),
       {"W-500", units(1), {}},
       &retired,
       "product_inactive",
       "amendment.sku"},
      {"zero quantity",
       open_order(),
       {"W-400", Quantity{0}, {}},
       &gadget,
       "quantity_must_be_positive",
       "amendment.quantity"},
      {"quantity over a billion",
       open_order(),
       {"W-400", Quantity{kQuantityMilliMax + 1}, {}},
       &gadget,
       "quantity_too_large",
       "amendment.quantity"},
      {"no EUR price",
       open_order(),
       {"W-600", units(1), {}},
       &us_only,
       "price_unknown",
       "amendment.sku"},
      {"discount over 100 %",
       open_order(),
       {"W-400", units(1), {10'001}},
       &gadget,
       "discount_out_of_range",
       "amendment.discount"},
  };
  for (const Case& test_case : cases) {
    SCOPED_TRACE(test_case.name);
    const Result<Amendment> result =
        add_order_line(test_case.order, test_case.request, test_case.product);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().reason, test_case.reason);
    EXPECT_EQ(result.error().where, test_case.where);
  }
}

TEST(AddOrderLine, StopsAtTheLineLimit) {
  Order order = open_order();
  order.lines.clear();
  for (std::size_t i = 0; i + 1 < kOrderLinesMax; ++i)
    order.lines.push_back(line(static_cast<int>(i) + 1, 101, "W-100", 1));
  const Product gadget = product(104, "W-400", {eur("7.50")});
  Result<Amendment> result =
      add_order_line(order, OrderLineRequest{"W-400", units(1), {}}, &gadget);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->order.lines.size(), kOrderLinesMax);
  result = add_order_line(result->order, OrderLineRequest{"W-400", units(1), {}}, &gadget);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().reason, "too_many_lines");
  EXPECT_EQ(result.error().where, "order.lines");
}

// ---- remove_order_line -------------------------------------------------------------------

TEST(RemoveOrderLine, ReleasesItsReservationsAndKeepsTheOtherNumbers) {
  EXPECT_EQ(describe(remove_order_line(open_order(), 1)),
            "order.line_removed: line 1 W-100 removed (quantity 10)\n"
            "  line=1\n  sku=W-100\n  quantity=10\n"
            "release line 1 product 101 WH2 4\n"
            "release line 1 product 101 WH1 6\n"
            "state open\n"
            "2 W-200 qty 5 shipped 0 reserved WH1:2\n"
            "3 W-300 qty 4 shipped 0 reserved\n");
}

TEST(RemoveOrderLine, RemovingTheLastOpenLineCompletesAnInvoicedOrder) {
  Order order = fully_shipped_order(true);
  order.lines.push_back(line(4, 104, "W-400", 1, {{kWh1, units(1)}}));
  const Result<Amendment> result = remove_order_line(order, 4);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->order.state, OrderState::kComplete);
  EXPECT_EQ(result->releases.size(), 1u);
}

TEST(RemoveOrderLine, Refusals) {
  Order single = open_order();
  single.lines.resize(1);
  EXPECT_EQ(reason_of(remove_order_line(in_state(open_order(), OrderState::kComplete), 1)),
            "order_closed");
  EXPECT_EQ(reason_of(remove_order_line(fully_shipped_order(false), 1)), "order_fully_shipped");
  EXPECT_EQ(reason_of(remove_order_line(open_order(), 0)), "unknown_line");
  const Result<Amendment> shipped = remove_order_line(partially_shipped_order(), 1);
  ASSERT_FALSE(shipped.has_value());
  EXPECT_EQ(shipped.error().reason, "line_already_shipped");
  EXPECT_EQ(shipped.error().kind, ErrorKind::kFailedPrecondition);
  EXPECT_EQ(shipped.error().where, "amendment.line_no");
  EXPECT_EQ(shipped.error().message,
            "line 1 W-100 has shipped 3; cut its quantity to that instead");
  const Result<Amendment> last = remove_order_line(single, 1);
  ASSERT_FALSE(last.has_value());
  EXPECT_EQ(last.error().reason, "last_line");
  EXPECT_EQ(last.error().message,
            "line 1 W-100 is the order's only line; cancel the order instead");
}

// ---- change_ship_to ----------------------------------------------------------------------

TEST(ChangeShipTo, SendsWhatIsLeftElsewhere) {
  EXPECT_EQ(describe(change_ship_to(partially_shipped_order(),
                                    Address{"1 Rue de Rivoli", "Paris", "75001", "FR", ""})),
            "order.ship_to_changed: ship-to Lagerweg 3, 20095 Hamburg, DE -> 1 Rue de Rivoli, "
            "75001 Paris, FR\n"
            "  ship_to_before=Lagerweg 3, 20095 Hamburg, DE\n"
            "  ship_to_after=1 Rue de Rivoli, 75001 Paris, FR\n"
            "state partially_shipped\n"
            "1 W-100 qty 10 shipped 3 reserved WH1:3 WH2:4\n"
            "2 W-200 qty 5 shipped 0 reserved WH1:2\n"
            "3 W-300 qty 4 shipped 0 reserved\n");
  const Result<Amendment> no_postal_code =
      change_ship_to(open_order(), Address{"Main St 1", "Dubai", "", "AE", ""});
  ASSERT_TRUE(no_postal_code.has_value());
  EXPECT_EQ(no_postal_code->details[1].second, "Main St 1, Dubai, AE");
  EXPECT_EQ(no_postal_code->order.ship_to.country, "AE");
}

TEST(ChangeShipTo, Refusals) {
  const Address paris{"1 Rue de Rivoli", "Paris", "75001", "FR", ""};
  EXPECT_EQ(reason_of(change_ship_to(in_state(open_order(), OrderState::kCancelled), paris)),
            "order_closed");
  EXPECT_EQ(reason_of(change_ship_to(fully_shipped_order(false), paris)), "order_fully_shipped");
  const Result<Amendment> invalid = change_ship_to(open_order(), Address{"x", "", "", "FR", ""});
  ASSERT_FALSE(invalid.has_value());
  EXPECT_EQ(invalid.error().reason, "ship_to_invalid");
  EXPECT_EQ(invalid.error().where, "amendment.ship_to.city");
  EXPECT_EQ(change_ship_to(open_order(), Address{"x", "y", "", "France", ""}).error().where,
            "amendment.ship_to.country");
  const Result<Amendment> same = change_ship_to(open_order(), open_order().ship_to);
  ASSERT_FALSE(same.has_value());
  EXPECT_EQ(same.error().reason, "no_change");
  EXPECT_EQ(same.error().where, "amendment.ship_to");
}

// ---- cancel_order ------------------------------------------------------------------------

TEST(CancelOrder, ReleasesEveryReservation) {
  EXPECT_EQ(describe(cancel_order(open_order(), "customer went elsewhere")),
            "order.cancelled: order cancelled: customer went elsewhere\n"
            "  reason=customer went elsewhere\n"
            "release line 1 product 101 WH2 4\n"
            "release line 1 product 101 WH1 6\n"
            "release line 2 product 102 WH1 2\n"
            "state cancelled\n"
            "1 W-100 qty 10 shipped 0 reserved\n"
            "2 W-200 qty 5 shipped 0 reserved\n"
            "3 W-300 qty 4 shipped 0 reserved\n");
  const Result<Amendment> result = cancel_order(open_order(), "duplicate");
  EXPECT_EQ(result->order.cancellation_reason, "duplicate");
}

TEST(CancelOrder, WorksInEveryStateBeforeShipping) {
  for (OrderState state :
       {OrderState::kOnCreditHold, OrderState::kAwaitingApproval, OrderState::kOpen}) {
    SCOPED_TRACE(std::string(wire_name(state)));
    EXPECT_EQ(cancel_order(in_state(open_order(), state), "r")->order.state,
              OrderState::kCancelled);
  }
  Order held = open_order();
  ASSERT_TRUE(place_manual_hold(held, "check", "carol").has_value());
  const Result<Amendment> result = cancel_order(held, "r");
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->order.state, OrderState::kCancelled);
  EXPECT_FALSE(result->order.manual_hold.has_value());
}

TEST(CancelOrder, Refusals) {
  EXPECT_EQ(reason_of(cancel_order(in_state(open_order(), OrderState::kCancelled), "r")),
            "order_closed");
  EXPECT_EQ(reason_of(cancel_order(fully_shipped_order(false), "r")), "order_fully_shipped");
  const Result<Amendment> shipped = cancel_order(partially_shipped_order(), "r");
  ASSERT_FALSE(shipped.has_value());
  EXPECT_EQ(shipped.error().reason, "order_partially_shipped");
  EXPECT_EQ(shipped.error().message,
            "part of order SO-2026-000009 has shipped; cancel the remaining quantities instead");
  const Result<Amendment> no_reason = cancel_order(open_order(), "");
  ASSERT_FALSE(no_reason.has_value());
  EXPECT_EQ(no_reason.error().reason, "reason_required");
  EXPECT_EQ(no_reason.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(no_reason.error().where, "amendment.reason");
  // The state is checked before the reason.
  EXPECT_EQ(reason_of(cancel_order(partially_shipped_order(), "")), "order_partially_shipped");
}

// ---- cancel_remaining --------------------------------------------------------------------

TEST(CancelRemaining, CutsEveryLineToWhatShippedAndCompletesTheOrder) {
  EXPECT_EQ(describe(cancel_remaining(partially_shipped_order(), "season over")),
            "order.remainder_cancelled: remaining quantities cancelled (line 1 W-100 7; line 2 "
            "W-200 5; line 3 W-300 4): season over\n"
            "  reason=season over\n"
            "  cancelled=line 1 W-100 7; line 2 W-200 5; line 3 W-300 4\n"
            "release line 1 product 101 WH2 4\n"
            "release line 1 product 101 WH1 3\n"
            "release line 2 product 102 WH1 2\n"
            "state complete\n"
            "1 W-100 qty 3 shipped 3 reserved\n");
}

TEST(CancelRemaining, AnOrderNotYetFullyInvoicedStaysPartiallyShipped) {
  Order order = partially_shipped_order();
  order.lines[0].invoiced = units(2);
  const Result<Amendment> result = cancel_remaining(order, "r");
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->order.state, OrderState::kPartiallyShipped);
  EXPECT_EQ(result->order.cancellation_reason, "r");
}

TEST(CancelRemaining, ReleasesAHold) {
  Order order = partially_shipped_order();
  ASSERT_TRUE(place_manual_hold(order, "check", "carol").has_value());
  const Result<Amendment> result = cancel_remaining(order, "r");
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->order.state, OrderState::kComplete);
  EXPECT_FALSE(result->order.manual_hold.has_value());
}

TEST(CancelRemaining, WithNothingShippedCancelsTheOrder) {
  const Result<Amendment> result = cancel_remaining(open_order(), "r");
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->event, "order.cancelled");
  EXPECT_EQ(result->order.state, OrderState::kCancelled);
  EXPECT_EQ(result->releases.size(), 3u);
}

TEST(CancelRemaining, Refusals) {
  EXPECT_EQ(reason_of(cancel_remaining(in_state(open_order(), OrderState::kComplete), "r")),
            "order_closed");
  EXPECT_EQ(reason_of(cancel_remaining(fully_shipped_order(false), "r")), "order_fully_shipped");
  EXPECT_EQ(reason_of(cancel_remaining(partially_shipped_order(), "")), "reason_required");
  EXPECT_EQ(reason_of(cancel_remaining(open_order(), "")), "reason_required");
}

// ---- manual holds ------------------------------------------------------------------------

TEST(ManualHold, HoldsAndReturnsToTheStateItHad) {
  for (OrderState state : {OrderState::kOnCreditHold, OrderState::kAwaitingApproval,
                           OrderState::kOpen, OrderState::kPartiallyShipped}) {
    SCOPED_TRACE(std::string(wire_name(state)));
    Order order = state == OrderState::kPartiallyShipped ? partially_shipped_order()
                                                         : in_state(open_order(), state);
    ASSERT_TRUE(place_manual_hold(order, "address unclear", "carol").has_value());
    EXPECT_EQ(order.state, OrderState::kOnManualHold);
    ASSERT_TRUE(order.manual_hold.has_value());
    EXPECT_EQ(order.manual_hold->reason, "address unclear");
    EXPECT_EQ(order.manual_hold->actor, "carol");
    EXPECT_EQ(order.manual_hold->resume_state, state);
    EXPECT_EQ(reserved_quantity(order.lines[1]), units(2));  // it keeps its stock
    ASSERT_TRUE(release_manual_hold(order, "dave").has_value());
    EXPECT_EQ(order.state, state);
    EXPECT_FALSE(order.manual_hold.has_value());
  }
}

TEST(ManualHold, AHeldOrderMayBeAmendedAndFollowsItsLinesOnRelease) {
  Order order = partially_shipped_order();
  order.lines.resize(1);
  ASSERT_TRUE(place_manual_hold(order, "check", "carol").has_value());
  Result<Amendment> result = change_line_quantity(order, 1, units(3));
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->order.state, OrderState::kOnManualHold);
  ASSERT_TRUE(release_manual_hold(result->order, "dave").has_value());
  EXPECT_EQ(result->order.state, OrderState::kComplete);
}

TEST(ManualHold, Refusals) {
  for (OrderState state : {OrderState::kComplete, OrderState::kRejected, OrderState::kCancelled}) {
    Order closed = in_state(open_order(), state);
    const Status status = place_manual_hold(closed, "r", "a");
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().reason, "order_closed");
  }
  Order order = open_order();
  Status status = place_manual_hold(order, "", "carol");
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().reason, "reason_required");
  EXPECT_EQ(status.error().where, "reason");
  status = place_manual_hold(order, "r", "");
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().reason, "actor_required");
  EXPECT_EQ(status.error().where, "actor");
  EXPECT_EQ(order.state, OrderState::kOpen);
  EXPECT_FALSE(order.manual_hold.has_value());

  status = release_manual_hold(order, "dave");
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().reason, "not_on_manual_hold");
  EXPECT_EQ(status.error().kind, ErrorKind::kFailedPrecondition);
  EXPECT_EQ(status.error().message, "order SO-2026-000009 is open, not on manual hold");

  ASSERT_TRUE(place_manual_hold(order, "first", "carol").has_value());
  status = place_manual_hold(order, "second", "carol");
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().reason, "already_on_manual_hold");
  EXPECT_EQ(status.error().message, "order SO-2026-000009 is already on hold: first");
  EXPECT_EQ(order.manual_hold->reason, "first");
  status = release_manual_hold(order, "");
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().reason, "actor_required");
  EXPECT_EQ(order.state, OrderState::kOnManualHold);
}

TEST(ManualHold, IsNotACreditHold) {
  Order order = open_order();
  ASSERT_TRUE(place_manual_hold(order, "check", "carol").has_value());
  EXPECT_EQ(release_hold(order).error().reason, "not_on_credit_hold");
  Order held = in_state(open_order(), OrderState::kOnCreditHold);
  EXPECT_EQ(release_manual_hold(held, "dave").error().reason, "not_on_manual_hold");
}

// ---- wire names --------------------------------------------------------------------------

TEST(AmendmentRefusalWireName, IsTheFrozenSnakeCaseName) {
  using R = AmendmentRefusal;
  const std::vector<std::pair<R, std::string>> names = {
      {R::kOrderClosed, "order_closed"},
      {R::kOrderFullyShipped, "order_fully_shipped"},
      {R::kUnknownLine, "unknown_line"},
      {R::kQuantityBelowShipped, "quantity_below_shipped"},
      {R::kLineAlreadyShipped, "line_already_shipped"},
      {R::kLastLine, "last_line"},
      {R::kOrderPartiallyShipped, "order_partially_shipped"},
      {R::kNoChange, "no_change"},
      {R::kReasonRequired, "reason_required"},
      {R::kAlreadyOnManualHold, "already_on_manual_hold"},
      {R::kNotOnManualHold, "not_on_manual_hold"},
      {R::kActorRequired, "actor_required"},
  };
  for (const auto& [refusal, name] : names) EXPECT_EQ(wire_name(refusal), name);
}

}  // namespace
}  // namespace o2c
