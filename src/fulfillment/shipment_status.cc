#include <array>

#include "core/wire_names.h"
#include "fulfillment/fulfillment.h"

namespace o2c {
namespace {

// Index = enumerator value; 0 is unused.
constexpr std::string_view kStatusNames[] = {"",        "picking",   "packed",
                                             "shipped", "delivered", "cancelled"};
constexpr std::string_view kConditionNames[] = {"", "resellable", "damaged"};
constexpr std::string_view kReturnStatusNames[] = {"", "authorised", "received"};

// `action` is what was attempted, for the message: "be packed".
Status require(const ShipmentTracking& tracking, std::initializer_list<ShipmentStatus> allowed,
               std::string_view action) {
  for (ShipmentStatus status : allowed) {
    if (tracking.status == status) return {};
  }
  return failed_precondition("illegal_shipment_transition",
                             "shipment is " + std::string(wire_name(tracking.status)) +
                                 "; it cannot " + std::string(action),
                             "status");
}

bool blank(std::string_view text) { return text.find_first_not_of(" \t") == std::string::npos; }

Status check_carrier(std::string_view carrier, std::string_view tracking_number) {
  if (blank(carrier))
    return invalid_argument("carrier_required", "a shipment needs a carrier to ship", "carrier");
  if (blank(tracking_number))
    return invalid_argument("tracking_required", "a shipment needs a tracking number to ship",
                            "tracking_number");
  return {};
}

}  // namespace

std::string_view wire_name(ShipmentStatus status) { return name_in(kStatusNames, status); }

Result<ShipmentStatus> shipment_status_from_wire(std::string_view name) {
  if (std::optional<ShipmentStatus> value = value_in<ShipmentStatus>(kStatusNames, name))
    return *value;
  return invalid_argument("unknown_shipment_status",
                          "'" + std::string(name) +
                              "' is not a shipment status (picking, packed, shipped, delivered, "
                              "cancelled)",
                          "status");
}

std::string_view wire_name(ReturnCondition condition) {
  return name_in(kConditionNames, condition);
}

Result<ReturnCondition> return_condition_from_wire(std::string_view name) {
  if (std::optional<ReturnCondition> value = value_in<ReturnCondition>(kConditionNames, name))
    return *value;
  return invalid_argument(
      "unknown_return_condition",
      "'" + std::string(name) + "' is not a return condition (resellable, damaged)", "condition");
}

std::string_view wire_name(ReturnStatus status) { return name_in(kReturnStatusNames, status); }

Status mark_packed(ShipmentTracking& tracking, Date packed_on) {
  O2C_RETURN_IF_ERROR(require(tracking, {ShipmentStatus::kPicking}, "be packed"));
  tracking.status = ShipmentStatus::kPacked;
  tracking.packed_on = packed_on;
  return {};
}

Status mark_shipped(ShipmentTracking& tracking, std::string_view carrier,
                    std::string_view tracking_number, Date shipped_on) {
  O2C_RETURN_IF_ERROR(require(tracking, {ShipmentStatus::kPacked}, "be shipped"));
  O2C_RETURN_IF_ERROR(check_carrier(carrier, tracking_number));
  O2C_ASSERT(tracking.packed_on.has_value());
  if (shipped_on < *tracking.packed_on)
    return invalid_argument("shipped_before_packed",
                            "shipping on " + format_date(shipped_on) +
                                " is before the shipment was packed on " +
                                format_date(*tracking.packed_on),
                            "shipped_on");
  tracking.status = ShipmentStatus::kShipped;
  tracking.carrier = std::string(carrier);
  tracking.tracking_number = std::string(tracking_number);
  tracking.shipped_on = shipped_on;
  return {};
}

Status ship_directly(ShipmentTracking& tracking, std::string_view carrier,
                     std::string_view tracking_number, Date shipped_on) {
  O2C_RETURN_IF_ERROR(require(tracking, {ShipmentStatus::kPicking}, "be shipped in one step"));
  if (!blank(carrier) || !blank(tracking_number))
    O2C_RETURN_IF_ERROR(check_carrier(carrier, tracking_number));
  tracking.status = ShipmentStatus::kShipped;
  tracking.carrier = std::string(carrier);
  tracking.tracking_number = std::string(tracking_number);
  tracking.packed_on = shipped_on;
  tracking.shipped_on = shipped_on;
  return {};
}

Status confirm_delivery(ShipmentTracking& tracking, Date delivered_on) {
  O2C_RETURN_IF_ERROR(require(tracking, {ShipmentStatus::kShipped}, "be delivered"));
  O2C_ASSERT(tracking.shipped_on.has_value());
  if (delivered_on < *tracking.shipped_on)
    return invalid_argument("delivery_before_shipment",
                            "delivery on " + format_date(delivered_on) +
                                " is before the shipment left on " +
                                format_date(*tracking.shipped_on),
                            "delivered_on");
  tracking.status = ShipmentStatus::kDelivered;
  tracking.delivered_on = delivered_on;
  return {};
}

Status cancel_shipment(ShipmentTracking& tracking, std::string_view reason) {
  O2C_RETURN_IF_ERROR(
      require(tracking, {ShipmentStatus::kPicking, ShipmentStatus::kPacked}, "be cancelled"));
  if (blank(reason))
    return invalid_argument("reason_required", "cancelling a shipment needs a reason", "reason");
  tracking.status = ShipmentStatus::kCancelled;
  tracking.cancel_reason = std::string(reason);
  return {};
}

Status mark_return_received(ReturnAuthorisation& rma, Date received_on) {
  if (rma.status != ReturnStatus::kAuthorised)
    return failed_precondition("return_already_received",
                               "return " + rma.number + " was received on " +
                                   (rma.received_on ? format_date(*rma.received_on) : "?") +
                                   "; it cannot be received again",
                               "status");
  if (received_on < rma.authorised_on)
    return invalid_argument("receipt_before_authorisation",
                            "receiving on " + format_date(received_on) + " is before return " +
                                rma.number + " was authorised on " + format_date(rma.authorised_on),
                            "received_on");
  rma.status = ReturnStatus::kReceived;
  rma.received_on = received_on;
  return {};
}

}  // namespace o2c
