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
const Currency kEur = currency_from_code("EUR").value();
Money eur(std::string_view text) { return parse_money(text, kEur).value(); }

// Line 1: 3 × W-100 net 100.00 (33.333… each); line 2: 2 × W-200 net 50.00.
Order order() {
  Order result;
  result.id = OrderId{7};
  result.number = "SO-2026-000007";
  result.currency = kEur;
  OrderLine first;
  first.line_no = 1;
  first.product = ProductId{101};
  first.sku = "W-100";
  first.quantity = qty("3");
  first.net = eur("100.00");
  OrderLine second = first;
  second.line_no = 2;
  second.product = ProductId{102};
  second.sku = "W-200";
  second.quantity = qty("2");
  second.net = eur("50.00");
  result.lines = {first, second};
  return result;
}

// Line 1 shipped 2 from WH1 and 1 from WH2; line 2 shipped 2 from WH1.
Shipment shipment() {
  Shipment result;
  result.order = OrderId{7};
  result.number = "SH-2026-000003";
  result.lines = {{1, ProductId{101}, "W-100", WarehouseId{1}, qty("2")},
                  {1, ProductId{101}, "W-100", WarehouseId{2}, qty("1")},
                  {2, ProductId{102}, "W-200", WarehouseId{1}, qty("2")}};
  return result;
}

const std::vector<LineBilling> kFullyInvoiced = {{1, eur("100.00"), eur("0")},
                                                 {2, eur("50.00"), eur("0")}};

std::string describe(const ReturnPlan& plan) {
  std::string text;
  for (const StockReturn& item : plan.restock) {
    text += "WH" + std::to_string(item.warehouse.value) + " P" +
            std::to_string(item.product.value) + " " + format_quantity(item.quantity) + "; ";
  }
  for (const CreditRequest& credit : plan.credits) {
    text += "credit line " + std::to_string(credit.order_line_no) + " " +
            format_quantity(credit.quantity) + " " + format_amount(credit.amount) + "; ";
  }
  return text + "total " + format_amount(plan.credit_total);
}

Result<ReturnPlan> plan(std::vector<ReturnRequestLine> lines, std::vector<PriorReturn> prior = {},
                        std::vector<LineBilling> billing = kFullyInvoiced,
                        ShipmentStatus status = ShipmentStatus::kDelivered) {
  return plan_return(order(), shipment(), status, prior, billing,
                     ReturnRequest{"damaged", std::move(lines)});
}

TEST(PlanReturn, RestocksWhereItShippedFromAndCreditsNetPerUnit) {
  auto result = plan({{1, qty("1")}, {2, qty("0.5")}});
  ASSERT_TRUE(result.has_value()) << describe(result.error());
  EXPECT_EQ(describe(*result),
            "WH1 P101 1; WH1 P102 0.5; credit line 1 1 33.33; credit line 2 0.5 12.50; "
            "total 45.83");
  EXPECT_EQ(result->reason, "damaged");
}

TEST(PlanReturn, SplitsAcrossWarehousesAfterEarlierReturns) {
  auto result = plan({{1, qty("2")}}, {{1, qty("1")}}, kFullyInvoiced, ShipmentStatus::kShipped);
  EXPECT_EQ(describe(*result), "WH1 P101 1; WH2 P101 1; credit line 1 2 66.67; total 66.67");
}

TEST(PlanReturn, CreditRoundsHalfEven) {
  // 3 × 0.5 of a 0.05 line: 0.025 → 0.02 (half-even), not 0.03.
  Order small = order();
  small.lines[0].net = eur("0.05");
  small.lines[0].quantity = qty("3");
  const std::vector<LineBilling> billing = {{1, eur("0.05"), eur("0")}};
  const std::vector<ReturnRequestLine> lines = {{1, qty("1.5")}};
  auto result = plan_return(small, shipment(), ShipmentStatus::kDelivered, {}, billing,
                            ReturnRequest{"wrong size", lines});
  EXPECT_EQ(describe(*result), "WH1 P101 1.5; credit line 1 1.5 0.02; total 0.02");
}

TEST(PlanReturn, CreditNeverExceedsWhatIsInvoicedAndUncredited) {
  const std::vector<LineBilling> partly = {{1, eur("40.00"), eur("0")},
                                           {2, eur("50.00"), eur("45.00")}};
  auto result = plan({{1, qty("2")}, {2, qty("1")}}, {}, partly);
  EXPECT_EQ(describe(*result),
            "WH1 P101 2; WH1 P102 1; credit line 1 2 40.00; credit line 2 1 5.00; total 45.00");
  // Nothing invoiced yet: goods come back, no credit.
  result = plan({{1, qty("1")}}, {}, {});
  EXPECT_EQ(describe(*result), "WH1 P101 1; credit line 1 1 0.00; total 0.00");
  // Two request lines for one order line share the cap.
  const std::vector<LineBilling> little = {{1, eur("50.00"), eur("0")}};
  result = plan({{1, qty("1")}, {1, qty("1")}}, {}, little);
  EXPECT_EQ(describe(*result),
            "WH1 P101 1; WH1 P101 1; credit line 1 1 33.33; credit line 1 1 16.67; total 50.00");
}

TEST(PlanReturn, RefusesShipmentsNotYetShippedOrCancelled) {
  for (auto status :
       {ShipmentStatus::kPicking, ShipmentStatus::kPacked, ShipmentStatus::kCancelled}) {
    auto error = plan({{1, qty("1")}}, {}, kFullyInvoiced, status).error();
    EXPECT_EQ(error.kind, ErrorKind::kFailedPrecondition);
    EXPECT_EQ(error.reason, "shipment_not_returnable");
    EXPECT_EQ(error.where, "status");
  }
}

TEST(PlanReturn, RejectsBadRequests) {
  auto error = plan_return(order(), shipment(), ShipmentStatus::kDelivered, {}, kFullyInvoiced,
                           ReturnRequest{" ", {{1, qty("1")}}})
                   .error();
  EXPECT_EQ(error.reason, "reason_required");
  EXPECT_EQ(error.where, "reason");

  error = plan({{1, qty("1")}, {3, qty("1")}}).error();
  EXPECT_EQ(error.kind, ErrorKind::kNotFound);
  EXPECT_EQ(error.reason, "line_not_in_shipment");
  EXPECT_EQ(error.where, "lines[1].order_line_no");

  error = plan({{1, qty("0")}}).error();
  EXPECT_EQ(error.reason, "quantity_must_be_positive");
  EXPECT_EQ(error.where, "lines[0].quantity");

  error = plan({{1, qty("3.001")}}).error();
  EXPECT_EQ(error.reason, "return_exceeds_shipped");
  EXPECT_EQ(error.where, "lines[0].quantity");

  error = plan({{1, qty("1")}}, {{1, qty("2.5")}}).error();
  EXPECT_EQ(error.message, "line 1 shipped 3 and 2.5 came back already; cannot return 1");

  // Within one request, the earlier lines count as returned.
  error = plan({{2, qty("1.5")}, {2, qty("1")}}).error();
  EXPECT_EQ(error.reason, "return_exceeds_shipped");
  EXPECT_EQ(error.where, "lines[1].quantity");
}

}  // namespace
}  // namespace o2c
