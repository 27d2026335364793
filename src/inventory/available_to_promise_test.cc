#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "core/date.h"
#include "core/money.h"
#include "inventory/inventory.h"

namespace o2c {
namespace {

Quantity qty(std::string_view text) { return parse_quantity(text).value(); }
Date day(std::string_view text) { return parse_date(text).value(); }

constexpr ProductId kWidget{100};
constexpr ProductId kGadget{200};

StockLevel level(std::int64_t warehouse, std::string_view on_hand, std::string_view reserved,
                 ProductId product = kWidget) {
  return StockLevel{WarehouseId{warehouse}, product, qty(on_hand), qty(reserved)};
}

ExpectedReceipt receipt(std::int64_t warehouse, std::string_view quantity, std::string_view when,
                        ProductId product = kWidget) {
  return ExpectedReceipt{product, WarehouseId{warehouse}, qty(quantity), day(when)};
}

ExpectedReceipt stored_receipt(std::int64_t id, std::int64_t warehouse, std::string_view quantity,
                               std::string_view when) {
  ExpectedReceipt stored = receipt(warehouse, quantity, when);
  stored.id = ExpectedReceiptId{id};
  return stored;
}

// "#2 0 #1 3": each reduced receipt's id and what it still expects.
std::string describe(const std::vector<ExpectedReceipt>& receipts) {
  std::string text;
  for (const ExpectedReceipt& r : receipts) {
    if (!text.empty()) text += " ";
    text += "#" + std::to_string(r.id.value) + " " + format_quantity(r.quantity);
  }
  return text.empty() ? "none" : text;
}

// "WH1 7 WH2 3 = 10"
std::string describe(const AtpReport& report) {
  std::string text;
  for (const WarehouseAtp& row : report.warehouses) {
    text += "WH" + std::to_string(row.warehouse.value) + " " + format_quantity(row.atp) + " ";
  }
  return text + "= " + format_quantity(report.total);
}

std::string describe(const SourcingPlan& plan) {
  std::string text;
  for (const Reservation& pick : plan.picks) {
    text +=
        "WH" + std::to_string(pick.warehouse.value) + " " + format_quantity(pick.quantity) + " ";
  }
  return text + "backordered " + format_quantity(plan.backordered);
}

// ---- available to promise -------------------------------------------------------------------

TEST(AvailableToPromise, IsOnHandLessReservedPerWarehouseAndInTotal) {
  const std::vector<StockLevel> levels = {level(2, "5", "2"), level(1, "10", "3"),
                                          level(3, "1", "0", kGadget)};
  auto report = available_to_promise(kWidget, day("2026-03-01"), levels, {});
  ASSERT_TRUE(report.has_value()) << describe(report.error());
  EXPECT_EQ(describe(*report), "WH1 7 WH2 3 = 10");
}

TEST(AvailableToPromise, CountsReceiptsDueOnOrBeforeTheDate) {
  const std::vector<StockLevel> levels = {level(1, "10", "8")};
  const std::vector<ExpectedReceipt> receipts = {
      receipt(1, "4", "2026-03-05"), receipt(1, "6", "2026-03-06"), receipt(2, "2.5", "2026-03-01"),
      receipt(1, "100", "2026-03-01", kGadget)};
  EXPECT_EQ(describe(*available_to_promise(kWidget, day("2026-03-04"), levels, receipts)),
            "WH1 2 WH2 2.5 = 4.5");
  EXPECT_EQ(describe(*available_to_promise(kWidget, day("2026-03-05"), levels, receipts)),
            "WH1 6 WH2 2.5 = 8.5");
  auto later = *available_to_promise(kWidget, day("2026-03-06"), levels, receipts);
  EXPECT_EQ(describe(later), "WH1 12 WH2 2.5 = 14.5");
  EXPECT_EQ(later.warehouses[0].incoming, qty("10"));
  EXPECT_EQ(later.warehouses[1].on_hand, qty("0"));
}

TEST(AvailableToPromise, NeverBelowZeroPerWarehouse) {
  const std::vector<StockLevel> levels = {level(1, "2", "5"), level(2, "4", "0")};
  const std::vector<ExpectedReceipt> receipts = {receipt(1, "1", "2026-03-01")};
  EXPECT_EQ(describe(*available_to_promise(kWidget, day("2026-03-01"), levels, receipts)),
            "WH1 0 WH2 4 = 4");
}

TEST(AvailableToPromise, NothingKnownIsZero) {
  EXPECT_EQ(describe(*available_to_promise(kWidget, day("2026-03-01"), {}, {})), "= 0");
}

TEST(AvailableToPromise, RejectsBadInput) {
  const std::vector<StockLevel> negative = {level(1, "2", "-1")};
  auto error = available_to_promise(kWidget, day("2026-03-01"), negative, {}).error();
  EXPECT_EQ(error.reason, "negative_reserved");
  EXPECT_EQ(error.where, "levels[0].reserved");

  const std::vector<StockLevel> twice = {level(1, "2", "0"), level(1, "3", "0")};
  error = available_to_promise(kWidget, day("2026-03-01"), twice, {}).error();
  EXPECT_EQ(error.reason, "duplicate_stock_level");
  EXPECT_EQ(error.where, "levels[1].warehouse");

  const std::vector<ExpectedReceipt> receipts = {receipt(1, "1", "2026-03-01"),
                                                 receipt(1, "-1", "2026-03-01")};
  error = available_to_promise(kWidget, day("2026-03-01"), {}, receipts).error();
  EXPECT_EQ(error.kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(error.reason, "negative_receipt");
  EXPECT_EQ(error.where, "receipts[1].quantity");
}

// ---- receiving against expected receipts -------------------------------------------------

TEST(ConsumeExpectedReceipts, EarliestDueFirstThenById) {
  const std::vector<ExpectedReceipt> receipts = {
      stored_receipt(1, 1, "5", "2026-04-01"), stored_receipt(2, 1, "3", "2026-03-15"),
      stored_receipt(3, 1, "4", "2026-03-15"), stored_receipt(4, 2, "9", "2026-03-01")};
  // 3 + 4 due 15 March go first (#2 before #3), then 1 of the 5 due in April.
  EXPECT_EQ(describe(consume_expected_receipts(receipts, kWidget, WarehouseId{1}, qty("8"))),
            "#2 0 #3 0 #1 4");
  EXPECT_EQ(describe(consume_expected_receipts(receipts, kWidget, WarehouseId{1}, qty("2.5"))),
            "#2 0.5");
}

TEST(ConsumeExpectedReceipts, MoreThanExpectedArrivedUnannounced) {
  const std::vector<ExpectedReceipt> receipts = {stored_receipt(1, 1, "5", "2026-04-01")};
  EXPECT_EQ(describe(consume_expected_receipts(receipts, kWidget, WarehouseId{1}, qty("12"))),
            "#1 0");
}

TEST(ConsumeExpectedReceipts, OnlyTheSameProductAndWarehouse) {
  std::vector<ExpectedReceipt> receipts = {stored_receipt(1, 2, "5", "2026-04-01"),
                                           stored_receipt(2, 1, "0", "2026-03-01")};
  receipts.push_back(receipt(1, "7", "2026-03-01", kGadget));
  EXPECT_EQ(describe(consume_expected_receipts(receipts, kWidget, WarehouseId{1}, qty("3"))),
            "none");
  EXPECT_EQ(describe(consume_expected_receipts(receipts, kWidget, WarehouseId{2}, qty("0"))),
            "none");
}

// ---- sourcing -------------------------------------------------------------------------------

TEST(DistancesByCountry, SameCountryFirstThenTheOthersInTheOrderGiven) {
  const std::vector<Warehouse> warehouses = {{WarehouseId{7}, "WH-A", "A", "FR"},
                                             {WarehouseId{3}, "WH-B", "B", ""},
                                             {WarehouseId{5}, "WH-C", "C", "DE"},
                                             {WarehouseId{1}, "WH-D", "D", "DE"}};
  const auto ranked = [&](std::string_view country) {
    std::vector<WarehouseDistance> distances = distances_by_country(warehouses, country);
    std::vector<StockLevel> levels;
    for (const Warehouse& warehouse : warehouses)
      levels.push_back(level(warehouse.id.value, "1", "0"));
    std::string text;
    for (WarehouseId id : sourcing_order(levels, std::nullopt, distances))
      text += (text.empty() ? "" : " ") + std::to_string(id.value);
    return text;
  };
  EXPECT_EQ(ranked("DE"), "5 1 7 3");
  EXPECT_EQ(ranked("FR"), "7 3 5 1");
  // No ship-to country, or one without a warehouse: code order, not id order.
  EXPECT_EQ(ranked(""), "7 3 5 1");
  EXPECT_EQ(ranked("AT"), "7 3 5 1");
}

TEST(PlanSourcing, PreferredWarehouseBeforeTheSameCountry) {
  const std::vector<Warehouse> warehouses = {{WarehouseId{1}, "WH-A", "A", "DE"},
                                             {WarehouseId{2}, "WH-B", "B", "FR"}};
  const std::vector<StockLevel> levels = {level(1, "10", "0"), level(2, "3", "0")};
  const auto distances = distances_by_country(warehouses, "DE");
  auto plan = plan_sourcing({kWidget, qty("5"), WarehouseId{2}}, levels, distances);
  EXPECT_EQ(describe(*plan), "WH2 3 WH1 2 backordered 0");
}

const std::vector<WarehouseDistance> kDistances = {
    {WarehouseId{1}, 300}, {WarehouseId{2}, 50}, {WarehouseId{3}, 120}};

TEST(SourcingOrder, PreferredThenNearestThenUnrankedById) {
  const std::vector<StockLevel> levels = {level(5, "1", "0"), level(1, "1", "0"),
                                          level(4, "1", "0"), level(2, "1", "0"),
                                          level(3, "1", "0")};
  const auto order = sourcing_order(levels, WarehouseId{1}, kDistances);
  std::vector<std::int64_t> ids;
  for (WarehouseId id : order) ids.push_back(id.value);
  EXPECT_EQ(ids, (std::vector<std::int64_t>{1, 2, 3, 4, 5}));
}

TEST(SourcingOrder, EqualRanksGoByWarehouseId) {
  const std::vector<StockLevel> levels = {level(9, "1", "0"), level(7, "1", "0")};
  const std::vector<WarehouseDistance> same = {{WarehouseId{9}, 10}, {WarehouseId{7}, 10}};
  const auto order = sourcing_order(levels, std::nullopt, same);
  ASSERT_EQ(order.size(), 2u);
  EXPECT_EQ(order[0], WarehouseId{7});
}

TEST(PlanSourcing, PreferredWarehouseFillsWhenItCan) {
  const std::vector<StockLevel> levels = {level(1, "10", "0"), level(2, "10", "0")};
  auto plan = plan_sourcing({kWidget, qty("4"), WarehouseId{1}}, levels, kDistances);
  ASSERT_TRUE(plan.has_value());
  EXPECT_EQ(describe(*plan), "WH1 4 backordered 0");
}

TEST(PlanSourcing, SplitsByDistanceAndBackordersTheRest) {
  const std::vector<StockLevel> levels = {level(1, "3", "1"), level(2, "4", "4"),
                                          level(3, "1.5", "0"), level(2, "50", "0", kGadget)};
  auto plan = plan_sourcing({kWidget, qty("6"), WarehouseId{1}}, levels, kDistances);
  EXPECT_EQ(describe(*plan), "WH1 2 WH3 1.5 backordered 2.5");
  plan = plan_sourcing({kWidget, qty("3"), std::nullopt}, levels, kDistances);
  EXPECT_EQ(describe(*plan), "WH3 1.5 WH1 1.5 backordered 0");
}

TEST(PlanSourcing, DoesNotChangeTheLevels) {
  const std::vector<StockLevel> levels = {level(1, "3", "0")};
  (void)plan_sourcing({kWidget, qty("2"), std::nullopt}, levels, {});
  EXPECT_EQ(levels[0].reserved, qty("0"));
}

TEST(PlanSourcing, NothingWantedOrNoStock) {
  const std::vector<StockLevel> levels = {level(1, "3", "0")};
  EXPECT_EQ(describe(*plan_sourcing({kWidget, qty("0"), std::nullopt}, levels, {})),
            "backordered 0");
  EXPECT_EQ(describe(*plan_sourcing({kGadget, qty("2"), std::nullopt}, levels, {})),
            "backordered 2");
}

TEST(PlanSourcing, RejectsBadInput) {
  const std::vector<StockLevel> levels = {level(1, "3", "0"), level(1, "1", "0")};
  auto error = plan_sourcing({kWidget, qty("-1"), std::nullopt}, {}, {}).error();
  EXPECT_EQ(error.reason, "quantity_must_not_be_negative");
  EXPECT_EQ(error.where, "request.wanted");
  error = plan_sourcing({kWidget, qty("1"), std::nullopt}, levels, {}).error();
  EXPECT_EQ(error.reason, "duplicate_stock_level");
  const std::vector<StockLevel> negative = {level(1, "3", "-2")};
  EXPECT_EQ(plan_sourcing({kWidget, qty("1"), std::nullopt}, negative, {}).error().reason,
            "negative_reserved");
}

}  // namespace
}  // namespace o2c
