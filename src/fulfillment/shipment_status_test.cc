#include <string_view>

#include <gtest/gtest.h>

#include "core/date.h"
#include "fulfillment/fulfillment.h"

namespace o2c {
namespace {

Date day(std::string_view text) { return parse_date(text).value(); }

ShipmentTracking shipped_on(std::string_view when) {
  ShipmentTracking tracking;
  EXPECT_TRUE(mark_packed(tracking, day("2026-03-01")).has_value());
  EXPECT_TRUE(mark_shipped(tracking, "DHL", "JD0001", day(when)).has_value());
  return tracking;
}

void expect_illegal(const Status& status, std::string_view message) {
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().kind, ErrorKind::kFailedPrecondition);
  EXPECT_EQ(status.error().reason, "illegal_shipment_transition");
  EXPECT_EQ(status.error().message, message);
  EXPECT_EQ(status.error().where, "status");
}

TEST(ShipmentStatusNames, RoundTrip) {
  for (int i = 1; i <= 5; ++i) {
    const auto status = static_cast<ShipmentStatus>(i);
    EXPECT_EQ(*shipment_status_from_wire(wire_name(status)), status);
  }
  EXPECT_EQ(shipment_status_from_wire("lost").error().reason, "unknown_shipment_status");
}

TEST(ShipmentStatus, PickPackShipDeliver) {
  ShipmentTracking tracking;
  EXPECT_EQ(tracking.status, ShipmentStatus::kPicking);
  ASSERT_TRUE(mark_packed(tracking, day("2026-03-01")).has_value());
  EXPECT_EQ(tracking.status, ShipmentStatus::kPacked);
  EXPECT_EQ(tracking.packed_on, day("2026-03-01"));
  ASSERT_TRUE(mark_shipped(tracking, "UPS", "1Z999", day("2026-03-02")).has_value());
  EXPECT_EQ(tracking.status, ShipmentStatus::kShipped);
  EXPECT_EQ(tracking.carrier, "UPS");
  EXPECT_EQ(tracking.tracking_number, "1Z999");
  EXPECT_EQ(tracking.shipped_on, day("2026-03-02"));
  ASSERT_TRUE(confirm_delivery(tracking, day("2026-03-02")).has_value());
  EXPECT_EQ(tracking.status, ShipmentStatus::kDelivered);
  EXPECT_EQ(tracking.delivered_on, day("2026-03-02"));
}

TEST(ShipmentStatus, ShippingNeedsCarrierAndTrackingNumber) {
  ShipmentTracking tracking;
  ASSERT_TRUE(mark_packed(tracking, day("2026-03-01")).has_value());
  auto status = mark_shipped(tracking, " ", "1Z999", day("2026-03-02"));
  EXPECT_EQ(status.error().reason, "carrier_required");
  EXPECT_EQ(status.error().where, "carrier");
  status = mark_shipped(tracking, "UPS", "", day("2026-03-02"));
  EXPECT_EQ(status.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(status.error().reason, "tracking_required");
  EXPECT_EQ(status.error().where, "tracking_number");
  EXPECT_EQ(tracking.status, ShipmentStatus::kPacked);
  EXPECT_TRUE(tracking.carrier.empty());
}

TEST(ShipmentStatus, DeliveryNotBeforeShipDate) {
  ShipmentTracking tracking = shipped_on("2026-03-02");
  auto status = confirm_delivery(tracking, day("2026-03-01"));
  EXPECT_EQ(status.error().reason, "delivery_before_shipment");
  EXPECT_EQ(status.error().message,
            "delivery on 2026-03-01 is before the shipment left on 2026-03-02");
  EXPECT_EQ(tracking.status, ShipmentStatus::kShipped);
  EXPECT_FALSE(tracking.delivered_on.has_value());
}

TEST(ShipmentStatus, CancelOnlyBeforeShipping) {
  ShipmentTracking picking;
  EXPECT_EQ(cancel_shipment(picking, "").error().reason, "reason_required");
  ASSERT_TRUE(cancel_shipment(picking, "customer cancelled").has_value());
  EXPECT_EQ(picking.status, ShipmentStatus::kCancelled);
  EXPECT_EQ(picking.cancel_reason, "customer cancelled");

  ShipmentTracking packed;
  ASSERT_TRUE(mark_packed(packed, day("2026-03-01")).has_value());
  ASSERT_TRUE(cancel_shipment(packed, "address wrong").has_value());

  ShipmentTracking shipped = shipped_on("2026-03-02");
  expect_illegal(cancel_shipment(shipped, "too late"),
                 "shipment is shipped; it cannot be cancelled");
  EXPECT_EQ(shipped.status, ShipmentStatus::kShipped);
}

TEST(ShipmentStatus, IllegalTransitionsAreRefused) {
  ShipmentTracking picking;
  expect_illegal(mark_shipped(picking, "UPS", "1", day("2026-03-02")),
                 "shipment is picking; it cannot be shipped");
  expect_illegal(confirm_delivery(picking, day("2026-03-02")),
                 "shipment is picking; it cannot be delivered");

  ShipmentTracking packed;
  ASSERT_TRUE(mark_packed(packed, day("2026-03-01")).has_value());
  expect_illegal(mark_packed(packed, day("2026-03-01")), "shipment is packed; it cannot be packed");

  ShipmentTracking delivered = shipped_on("2026-03-02");
  expect_illegal(mark_shipped(delivered, "UPS", "1", day("2026-03-02")),
                 "shipment is shipped; it cannot be shipped");
  ASSERT_TRUE(confirm_delivery(delivered, day("2026-03-04")).has_value());
  expect_illegal(mark_packed(delivered, day("2026-03-01")),
                 "shipment is delivered; it cannot be packed");
  expect_illegal(confirm_delivery(delivered, day("2026-03-05")),
                 "shipment is delivered; it cannot be delivered");

  ShipmentTracking cancelled;
  ASSERT_TRUE(cancel_shipment(cancelled, "duplicate").has_value());
  expect_illegal(mark_packed(cancelled, day("2026-03-01")),
                 "shipment is cancelled; it cannot be packed");
  expect_illegal(cancel_shipment(cancelled, "again"),
                 "shipment is cancelled; it cannot be cancelled");
}

TEST(ShipmentStatus, NotShippedBeforePacked) {
  ShipmentTracking tracking;
  ASSERT_TRUE(mark_packed(tracking, day("2026-03-03")).has_value());
  auto status = mark_shipped(tracking, "DHL", "JD1", day("2026-03-02"));
  EXPECT_EQ(status.error().reason, "shipped_before_packed");
  EXPECT_EQ(status.error().where, "shipped_on");
  EXPECT_EQ(tracking.status, ShipmentStatus::kPacked);
}

TEST(ShipmentStatus, ShipDirectlyWithOrWithoutCarrier) {
  ShipmentTracking collected;
  ASSERT_TRUE(ship_directly(collected, "", "", day("2026-03-02")).has_value());
  EXPECT_EQ(collected.status, ShipmentStatus::kShipped);
  EXPECT_EQ(collected.packed_on, day("2026-03-02"));
  EXPECT_EQ(collected.shipped_on, day("2026-03-02"));
  EXPECT_TRUE(collected.carrier.empty());

  ShipmentTracking sent;
  EXPECT_EQ(ship_directly(sent, "DHL", "", day("2026-03-02")).error().reason, "tracking_required");
  EXPECT_EQ(ship_directly(sent, "", "JD1", day("2026-03-02")).error().reason, "carrier_required");
  EXPECT_EQ(sent.status, ShipmentStatus::kPicking);
  ASSERT_TRUE(ship_directly(sent, "DHL", "JD1", day("2026-03-02")).has_value());
  EXPECT_EQ(sent.carrier, "DHL");
  EXPECT_EQ(sent.tracking_number, "JD1");
  expect_illegal(ship_directly(sent, "DHL", "JD1", day("2026-03-02")),
                 "shipment is shipped; it cannot be shipped in one step");
}

}  // namespace
}  // namespace o2c
