#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "core/money.h"
#include "inventory/inventory.h"
#include "orders/orders.h"

namespace o2c {
namespace {

Quantity qty(std::string_view text) { return parse_quantity(text).value(); }

StockLevel level(std::int64_t warehouse, std::string_view on_hand, std::string_view reserved) {
  return StockLevel{WarehouseId{warehouse}, ProductId{100}, qty(on_hand), qty(reserved)};
}

// "WH1 3 + WH2 2, backordered 0"
std::string describe(const ReservationPlan& plan) {
  std::string text;
  for (const Reservation& reservation : plan.reservations) {
    if (!text.empty()) text += " + ";
    text += "WH" + std::to_string(reservation.warehouse.value) + " " +
            format_quantity(reservation.quantity);
  }
  if (text.empty()) text = "nothing";
  return text + ", backordered " + format_quantity(plan.backordered);
}

// "WH1 5/10 WH2 2/10": reserved / on hand per warehouse.
std::string describe(const std::vector<StockLevel>& levels) {
  std::string text;
  for (const StockLevel& stock : levels) {
    if (!text.empty()) text += " ";
    text += "WH" + std::to_string(stock.warehouse.value) + " " + format_quantity(stock.reserved) +
            "/" + format_quantity(stock.on_hand);
  }
  return text;
}

// ---- available -----------------------------------------------------------------------------

TEST(Available, IsOnHandLessReserved) {
  EXPECT_EQ(available(level(1, "10", "3")), qty("7"));
  EXPECT_EQ(available(level(1, "10", "10")), qty("0"));
  EXPECT_EQ(available(level(1, "2.5", "0.75")), qty("1.75"));
}

TEST(Available, NeverGoesBelowZero) {
  // A stock count can leave less on hand than is promised.
  EXPECT_EQ(available(level(1, "2", "5")), qty("0"));
  EXPECT_EQ(available(level(1, "-1", "0")), qty("0"));
}

TEST(AvailableDeathTest, NegativeReservationAborts) {
  EXPECT_DEATH((void)available(level(1, "10", "-1")), "reserved");
}

// ---- reserve_stock -------------------------------------------------------------------------

TEST(ReserveStock, TakesFromThePreferredWarehouseFirst) {
  std::vector<StockLevel> levels = {level(1, "10", "0"), level(2, "10", "0")};
  EXPECT_EQ(describe(reserve_stock(qty("4"), levels)), "WH1 4, backordered 0");
  EXPECT_EQ(describe(levels), "WH1 4/10 WH2 0/10");
}

TEST(ReserveStock, SpillsOverIntoTheNextWarehouse) {
  std::vector<StockLevel> levels = {level(1, "5", "2"), level(2, "10", "1")};
  EXPECT_EQ(describe(reserve_stock(qty("5"), levels)), "WH1 3 + WH2 2, backordered 0");
  EXPECT_EQ(describe(levels), "WH1 5/5 WH2 3/10");
}

TEST(ReserveStock, BackordersWhatNoWarehouseHas) {
  std::vector<StockLevel> levels = {level(1, "5", "2"), level(2, "10", "1")};
  EXPECT_EQ(describe(reserve_stock(qty("20"), levels)), "WH1 3 + WH2 9, backordered 8");
  EXPECT_EQ(describe(levels), "WH1 5/5 WH2 10/10");
}

TEST(ReserveStock, SkipsWarehousesWithNothingAvailable) {
  std::vector<StockLevel> levels = {level(1, "5", "5"), level(2, "1", "3"), level(3, "4", "0")};
  EXPECT_EQ(describe(reserve_stock(qty("2"), levels)), "WH3 2, backordered 0");
  EXPECT_EQ(describe(levels), "WH1 5/5 WH2 3/1 WH3 2/4");
}

TEST(ReserveStock, WithoutStockEverythingIsBackordered) {
  std::vector<StockLevel> none;
  EXPECT_EQ(describe(reserve_stock(qty("3"), none)), "nothing, backordered 3");
  std::vector<StockLevel> empty = {level(1, "0", "0")};
  EXPECT_EQ(describe(reserve_stock(qty("3"), empty)), "nothing, backordered 3");
  EXPECT_EQ(describe(empty), "WH1 0/0");
}

TEST(ReserveStock, WantingNothingChangesNothing) {
  std::vector<StockLevel> levels = {level(1, "5", "0")};
  EXPECT_EQ(describe(reserve_stock(qty("0"), levels)), "nothing, backordered 0");
  EXPECT_EQ(describe(levels), "WH1 0/5");
}

TEST(ReserveStock, WorksInThousandthsOfAUnit) {
  std::vector<StockLevel> levels = {level(1, "1.25", "0.5"), level(2, "0.1", "0")};
  EXPECT_EQ(describe(reserve_stock(qty("1"), levels)), "WH1 0.75 + WH2 0.1, backordered 0.15");
  EXPECT_EQ(describe(levels), "WH1 1.25/1.25 WH2 0.1/0.1");
}

TEST(ReserveStock, SecondReservationSeesTheFirst) {
  std::vector<StockLevel> levels = {level(1, "5", "0")};
  EXPECT_EQ(describe(reserve_stock(qty("3"), levels)), "WH1 3, backordered 0");
  EXPECT_EQ(describe(reserve_stock(qty("3"), levels)), "WH1 2, backordered 1");
  EXPECT_EQ(describe(levels), "WH1 5/5");
}

TEST(ReserveStockDeathTest, NegativeWantedAborts) {
  std::vector<StockLevel> levels = {level(1, "5", "0")};
  EXPECT_DEATH((void)reserve_stock(qty("-1"), levels), "wanted");
}

// ---- add_reservations ----------------------------------------------------------------------

OrderLine line_ordering(std::string_view quantity) {
  OrderLine line;
  line.line_no = 1;
  line.quantity = qty(quantity);
  return line;
}

// "WH1 5 WH2 1"
std::string describe(const OrderLine& line) {
  std::string text;
  for (const Reservation& reservation : line.reservations) {
    if (!text.empty()) text += " ";
    text += "WH" + std::to_string(reservation.warehouse.value) + " " +
            format_quantity(reservation.quantity);
  }
  return text;
}

TEST(AddReservations, AddsNewWarehousesInPlanOrder) {
  OrderLine line = line_ordering("10");
  add_reservations(
      line, ReservationPlan{{{WarehouseId{2}, qty("3")}, {WarehouseId{1}, qty("1")}}, qty("6")});
  EXPECT_EQ(describe(line), "WH2 3 WH1 1");
  EXPECT_EQ(reserved_quantity(line), qty("4"));
  EXPECT_EQ(backordered_quantity(line), qty("6"));
}

TEST(AddReservations, MergesPerWarehouse) {
  OrderLine line = line_ordering("10");
  line.reservations = {{WarehouseId{1}, qty("2")}};
  add_reservations(
      line, ReservationPlan{{{WarehouseId{1}, qty("3")}, {WarehouseId{2}, qty("1")}}, qty("0")});
  EXPECT_EQ(describe(line), "WH1 5 WH2 1");
  add_reservations(line, ReservationPlan{{{WarehouseId{2}, qty("0.5")}}, qty("0")});
  EXPECT_EQ(describe(line), "WH1 5 WH2 1.5");
  EXPECT_EQ(backordered_quantity(line), qty("3.5"));
}

TEST(AddReservations, AnEmptyPlanChangesNothing) {
  OrderLine line = line_ordering("10");
  line.reservations = {{WarehouseId{1}, qty("2")}};
  add_reservations(line, ReservationPlan{});
  EXPECT_EQ(describe(line), "WH1 2");
}

TEST(AddReservations, FillsABackorderFromAReceipt) {
  // A line reserved 3 of 5 at order time; a later receipt at the second warehouse covers 2.
  OrderLine line = line_ordering("5");
  std::vector<StockLevel> at_order = {level(1, "3", "0")};
  add_reservations(line, reserve_stock(backordered_quantity(line), at_order));
  EXPECT_EQ(backordered_quantity(line), qty("2"));
  std::vector<StockLevel> after_receipt = {level(1, "3", "3"), level(2, "4", "0")};
  add_reservations(line, reserve_stock(backordered_quantity(line), after_receipt));
  EXPECT_EQ(describe(line), "WH1 3 WH2 2");
  EXPECT_EQ(backordered_quantity(line), qty("0"));
}

TEST(ReleaseReservations, TakesFromTheLastWarehouseFirst) {
  std::vector<Reservation> held = {{WarehouseId{1}, qty("3")}, {WarehouseId{2}, qty("2")}};
  const std::vector<Reservation> released = release_reservations(held, qty("4"), std::nullopt);
  ASSERT_EQ(released.size(), 2u);
  EXPECT_EQ(released[0].warehouse, WarehouseId{2});
  EXPECT_EQ(released[0].quantity, qty("2"));
  EXPECT_EQ(released[1].warehouse, WarehouseId{1});
  EXPECT_EQ(released[1].quantity, qty("2"));
  ASSERT_EQ(held.size(), 1u);  // WH2's reservation reached zero and is gone
  EXPECT_EQ(held[0].quantity, qty("1"));
}

TEST(ReleaseReservations, OnlyFromTheWarehouseGiven) {
  std::vector<Reservation> held = {{WarehouseId{1}, qty("3")}, {WarehouseId{2}, qty("2")}};
  const std::vector<Reservation> released = release_reservations(held, qty("1.5"), WarehouseId{1});
  ASSERT_EQ(released.size(), 1u);
  EXPECT_EQ(released[0].warehouse, WarehouseId{1});
  OrderLine line = line_ordering("10");
  line.reservations = held;
  EXPECT_EQ(describe(line), "WH1 1.5 WH2 2");
  EXPECT_TRUE(release_reservations(held, qty("0"), std::nullopt).empty());
}

TEST(ReleaseReservationsDeathTest, ReleasingMoreThanHeldAborts) {
  std::vector<Reservation> held = {{WarehouseId{1}, qty("3")}, {WarehouseId{2}, qty("2")}};
  EXPECT_DEATH(release_reservations(held, qty("2.001"), WarehouseId{2}), "left");
}

TEST(AddReservationsDeathTest, ReservingMoreThanIsOpenAborts) {
  OrderLine line = line_ordering("3");
  line.shipped = qty("1");
  EXPECT_DEATH(add_reservations(line, ReservationPlan{{{WarehouseId{1}, qty("2.001")}}, qty("0")}),
               "quantity");
}

}  // namespace
}  // namespace o2c
