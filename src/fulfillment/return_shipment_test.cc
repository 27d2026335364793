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

// Line 1: 3 × W-100 net 100.00 tax 19.00; line 2: 2 × W-200 net 50.00 tax 9.50.
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
  first.tax = eur("19.00");
  OrderLine second = first;
  second.line_no = 2;
  second.product = ProductId{102};
  second.sku = "W-200";
  second.quantity = qty("2");
  second.net = eur("50.00");
  second.tax = eur("9.50");
  result.lines = {first, second};
  return result;
}

// Line 1 shipped 2 from WH1 and 1 from WH2; line 2 shipped 2 from WH1.
Shipment shipment(ShipmentStatus status = ShipmentStatus::kDelivered) {
  Shipment result;
  result.order = OrderId{7};
  result.number = "SH-2026-000003";
  result.lines = {{1, ProductId{101}, "W-100", WarehouseId{1}, qty("2")},
                  {1, ProductId{101}, "W-100", WarehouseId{2}, qty("1")},
                  {2, ProductId{102}, "W-200", WarehouseId{1}, qty("2")}};
  result.tracking.status = status;
  return result;
}

// The shipment's invoice: everything it carried.
const std::vector<InvoicedLine> kInvoice = {{1, 1, qty("3"), eur("100.00"), eur("19.00")},
                                            {2, 2, qty("2"), eur("50.00"), eur("9.50")}};

std::string describe(const ReturnPlan& plan) {
  std::string text;
  for (const StockReturn& item : plan.restock) {
    text += "WH" + std::to_string(item.warehouse.value) + " P" +
            std::to_string(item.product.value) + " " + format_quantity(item.quantity) + "; ";
  }
  for (const ReturnLine& line : plan.lines) {
    text += "credit line " + std::to_string(line.order_line_no) + "/" +
            std::to_string(line.invoice_line_no) + " " + format_quantity(line.quantity) + " " +
            format_amount(line.credit_net) + "+" + format_amount(line.credit_tax) + "; ";
  }
  return text + "total " + format_amount(plan.credit_net) + "+" + format_amount(plan.credit_tax) +
         "=" + format_amount(plan.credit_gross);
}

Result<ReturnPlan> plan(std::vector<ReturnRequestLine> lines, std::vector<PriorReturn> prior = {},
                        std::vector<InvoicedLine> invoiced = kInvoice,
                        ShipmentStatus status = ShipmentStatus::kDelivered,
                        ReturnCondition condition = ReturnCondition::kResellable) {
  return plan_return(order(), shipment(status), prior, invoiced,
                     ReturnRequest{"damaged", std::move(lines), condition});
}

TEST(PlanReturn, RestocksWhereItShippedFromAndCreditsNetAndTaxByQuantity) {
  // Line 1: 100.00 × 1/3 = 33.333 -> 33.33, 19.00 × 1/3 = 6.333 -> 6.33.
  // Line 2: 50.00 × 0.5/2 = 12.50, 9.50 × 0.5/2 = 2.375 -> 2.38 (half-even).
  auto result = plan({{1, qty("1")}, {2, qty("0.5")}});
  ASSERT_TRUE(result.has_value()) << describe(result.error());
  EXPECT_EQ(describe(*result),
            "WH1 P101 1; WH1 P102 0.5; credit line 1/1 1 33.33+6.33; credit line 2/2 0.5 "
            "12.50+2.38; total 45.83+8.71=54.54");
  EXPECT_EQ(result->reason, "damaged");
  EXPECT_EQ(result->lines[0].sku, "W-100");
}

TEST(PlanReturn, SplitsAcrossWarehousesAfterEarlierReturns) {
  // Units 2..3 of 3: 100.00 - 33.33 = 66.67; 19.00 - 6.33 = 12.67.
  auto result = plan({{1, qty("2")}}, {{1, qty("1")}}, kInvoice, ShipmentStatus::kShipped);
  EXPECT_EQ(describe(*result),
            "WH1 P101 1; WH2 P101 1; credit line 1/1 2 66.67+12.67; total "
            "66.67+12.67=79.34");
}

TEST(PlanReturn, ReturningEverythingInPartsCreditsTheInvoiceLineExactly) {
  std::vector<PriorReturn> prior;
  std::string credits;
  Money net = eur("0");
  Money tax = eur("0");
  for (int part = 0; part < 3; ++part) {
    auto result = plan({{1, qty("1")}}, prior);
    ASSERT_TRUE(result.has_value()) << describe(result.error());
    credits += format_amount(result->credit_net) + " ";
    net = add(net, result->credit_net).value();
    tax = add(tax, result->credit_tax).value();
    prior.push_back({1, qty("1")});
  }
  EXPECT_EQ(credits, "33.33 33.34 33.33 ");
  EXPECT_EQ(net, eur("100.00"));
  EXPECT_EQ(tax, eur("19.00"));
  EXPECT_EQ(plan({{1, qty("0.001")}}, prior).error().reason, "return_exceeds_shipped");
}

TEST(PlanReturn, TwoRequestLinesForOneOrderLineAreCumulativeToo) {
  auto result = plan({{1, qty("1")}, {1, qty("1")}});
  EXPECT_EQ(describe(*result),
            "WH1 P101 1; WH1 P101 1; credit line 1/1 1 33.33+6.33; credit line 1/1 1 "
            "33.34+6.34; total 66.67+12.67=79.34");
}

TEST(PlanReturn, CreditRoundsHalfEven) {
  // 1.5 of 3 units of a 0.05 line: 0.025 -> 0.02 (half-even), not 0.03.
  const std::vector<InvoicedLine> small = {{1, 1, qty("3"), eur("0.05"), eur("0.01")}};
  auto result = plan({{1, qty("1.5")}}, {}, small);
  EXPECT_EQ(describe(*result), "WH1 P101 1.5; credit line 1/1 1.5 0.02+0.00; total 0.02+0.00=0.02");
}

TEST(PlanReturn, NothingInvoicedNothingCredited) {
  auto result = plan({{1, qty("1")}}, {}, {});
  EXPECT_EQ(describe(*result), "WH1 P101 1; credit line 1/0 1 0.00+0.00; total 0.00+0.00=0.00");
}

TEST(PlanReturn, DamagedGoodsAreCreditedButNotRestocked) {
  auto result =
      plan({{1, qty("1")}}, {}, kInvoice, ShipmentStatus::kDelivered, ReturnCondition::kDamaged);
  EXPECT_EQ(describe(*result), "credit line 1/1 1 33.33+6.33; total 33.33+6.33=39.66");
  EXPECT_EQ(result->condition, ReturnCondition::kDamaged);
}

TEST(PlanReturn, RefusesShipmentsNotYetShippedOrCancelled) {
  for (auto status :
       {ShipmentStatus::kPicking, ShipmentStatus::kPacked, ShipmentStatus::kCancelled}) {
    auto error = plan({{1, qty("1")}}, {}, kInvoice, status).error();
    EXPECT_EQ(error.kind, ErrorKind::kFailedPrecondition);
    EXPECT_EQ(error.reason, "shipment_not_returnable");
    EXPECT_EQ(error.where, "status");
  }
}

TEST(PlanReturn, RejectsBadRequests) {
  auto error =
      plan_return(order(), shipment(), {}, kInvoice, ReturnRequest{" ", {{1, qty("1")}}}).error();
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
  EXPECT_EQ(error.message,
            "line 1 of shipment SH-2026-000003 shipped 3 and 2.5 came back already; cannot "
            "return 1");

  // Within one request, the earlier lines count as returned.
  error = plan({{2, qty("1.5")}, {2, qty("1")}}).error();
  EXPECT_EQ(error.reason, "return_exceeds_shipped");
  EXPECT_EQ(error.where, "lines[1].quantity");
}

TEST(ReturnReceipt, OnceAndNotBeforeAuthorisation) {
  ReturnAuthorisation rma;
  rma.number = "RMA-2026-000001";
  rma.authorised_on = parse_date("2026-03-10").value();
  auto status = mark_return_received(rma, parse_date("2026-03-09").value());
  EXPECT_EQ(status.error().reason, "receipt_before_authorisation");
  EXPECT_EQ(rma.status, ReturnStatus::kAuthorised);
  ASSERT_TRUE(mark_return_received(rma, parse_date("2026-03-12").value()).has_value());
  EXPECT_EQ(rma.status, ReturnStatus::kReceived);
  EXPECT_EQ(rma.received_on, parse_date("2026-03-12").value());
  status = mark_return_received(rma, parse_date("2026-03-13").value());
  EXPECT_EQ(status.error().kind, ErrorKind::kFailedPrecondition);
  EXPECT_EQ(status.error().reason, "return_already_received");
  EXPECT_EQ(status.error().message,
            "return RMA-2026-000001 was received on 2026-03-12; it cannot be received again");
}

TEST(ReturnConditionNames, RoundTrip) {
  EXPECT_EQ(*return_condition_from_wire("damaged"), ReturnCondition::kDamaged);
  EXPECT_EQ(wire_name(ReturnCondition::kResellable), "resellable");
  EXPECT_EQ(return_condition_from_wire("broken").error().reason, "unknown_return_condition");
  EXPECT_EQ(wire_name(ReturnStatus::kReceived), "received");
}

}  // namespace
}  // namespace o2c
