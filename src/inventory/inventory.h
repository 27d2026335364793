// inventory.h — stock on hand and what is promised from it. Rules encoded: available =
// on hand − reserved, never below zero; a line reserves what is available, warehouse by
// warehouse in its sourcing order, and the remainder is backordered; receipts fill backorders
// in priority order (served_before: customer tier, requested date, order date, number).
//
// Available to promise (ATP) on a date = on hand − reserved + expected receipts due on or
// before that date, per warehouse (never below zero) and in total; a goods receipt fulfils the
// warehouse's expected receipts of the product earliest first. Sourcing takes a line from
// the customer's preferred warehouse first, then the nearest warehouses (those in the ship-to
// country before the others), splitting when one cannot fill it. Under shortage, scarce stock is
// (re)allocated across open lines either by priority (customer tier, requested date, order date,
// order number, line) or by fair share (pro rata to the quantity wanted, in whole units, largest
// remainder, so nothing is lost). Everything here is pure: values in, values out; the caller
// persists the results.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "core/date.h"
#include "core/ids.h"
#include "core/money.h"
#include "orders/orders.h"

namespace o2c {

struct StockLevel {
  WarehouseId warehouse;
  ProductId product;
  Quantity on_hand;
  Quantity reserved;
};

Quantity available(const StockLevel& level);

struct ReservationPlan {
  std::vector<Reservation> reservations;  // at most one per warehouse
  Quantity backordered;
};

// Reserves up to `wanted` from `levels` (same product, preferred warehouse first) and
// updates their reserved quantities. wanted >= 0.
ReservationPlan reserve_stock(Quantity wanted, std::span<StockLevel> levels);

// Adds `plan` to the line's reservations (merging per warehouse).
void add_reservations(OrderLine& line, const ReservationPlan& plan);

// ---- available to promise ---------------------------------------------------------------

struct ExpectedReceiptId {
  std::int64_t value = 0;
  auto operator<=>(const ExpectedReceiptId&) const = default;
};

// Stock expected to arrive (a purchase order or transfer), counted from its expected date on.
struct ExpectedReceipt {
  ProductId product;
  WarehouseId warehouse;
  Quantity quantity;  // still expected: announced less what has been received against it
  Date expected;
  ExpectedReceiptId id = {};   // the store's; zero until stored
  std::string reference = "";  // the purchase order or transfer, e.g. "PO-4711"; may be empty
};

// What a goods receipt of `received` into `warehouse` fulfils: the expected receipts of
// `product` in that warehouse, earliest expected date first (then by id), each reduced by
// what it covers. Returns the receipts it reduced, with the quantity they still expect (zero
// when fully received), in that order; whatever exceeds them all arrived unannounced.
// Requires received >= 0 and no receipt below zero.
std::vector<ExpectedReceipt> consume_expected_receipts(std::span<const ExpectedReceipt> receipts,
                                                       ProductId product, WarehouseId warehouse,
                                                       Quantity received);

struct WarehouseAtp {
  WarehouseId warehouse;
  Quantity on_hand;
  Quantity reserved;
  Quantity incoming;  // receipts due on or before the date
  Quantity atp;       // max(0, on_hand − reserved + incoming)
};

struct AtpReport {
  ProductId product;
  Date date;
  std::vector<WarehouseAtp> warehouses;  // by warehouse id; every warehouse with stock or receipts
  Quantity total;                        // sum of the warehouses' atp
};

// ATP of `product` on `date`. Levels and receipts of other products are ignored; a warehouse
// with receipts but no stock level counts as zero on hand. Fails with invalid_argument:
// negative_reserved (levels[i].reserved), negative_receipt (receipts[i].quantity) or
// duplicate_stock_level (two levels for one warehouse and product).
Result<AtpReport> available_to_promise(ProductId product, Date date,
                                       std::span<const StockLevel> levels,
                                       std::span<const ExpectedReceipt> receipts);

// ---- sourcing -------------------------------------------------------------------------------

// How far a warehouse is from the ship-to address: lower rank = nearer (km, or a plain rank).
struct WarehouseDistance {
  WarehouseId warehouse;
  std::int64_t rank = 0;
};

struct SourcingRequest {
  ProductId product;
  Quantity wanted;
  std::optional<WarehouseId> preferred;  // the customer's preferred warehouse, if any
};

struct SourcingPlan {
  std::vector<Reservation> picks;  // in the order taken; at most one per warehouse
  Quantity backordered;            // what no warehouse can fill now
};

// Distances for a ship-to country: warehouses in that country are nearer than the others
// (and than those whose country is not known); within each group they keep the order given
// (warehouse code order, as the store lists them).
std::vector<WarehouseDistance> distances_by_country(std::span<const Warehouse> warehouses,
                                                    std::string_view ship_to_country);

// Order in which warehouses are tried: the preferred one, then by distance rank (ties by
// warehouse id), then warehouses missing from `distances` by id.
std::vector<WarehouseId> sourcing_order(std::span<const StockLevel> levels,
                                        std::optional<WarehouseId> preferred,
                                        std::span<const WarehouseDistance> distances);

// Plans where to take `request.wanted` from, using available() of each level of the product
// (levels are not changed; apply the plan with reserve_stock or the store). Fails with
// invalid_argument: quantity_must_not_be_negative (request.wanted), duplicate_stock_level.
Result<SourcingPlan> plan_sourcing(const SourcingRequest& request,
                                   std::span<const StockLevel> levels,
                                   std::span<const WarehouseDistance> distances);

// ---- allocation under shortage ------------------------------------------------------------

// Numbers are persisted: never renumber, never reuse.
enum class AllocationPolicy : std::uint8_t {
  kPriority = 1,   // best customer tier first, then earliest requested date, ...
  kFairShare = 2,  // pro rata to the quantity wanted, whole units
};
std::string_view wire_name(AllocationPolicy policy);  // "priority", "fair_share"
// Also takes "fair-share", as people type it on a command line.
Result<AllocationPolicy> allocation_policy_from_wire(std::string_view name);

// One open order line competing for the scarce product.
struct AllocationDemand {
  std::string order_number;
  int line_no = 0;
  int priority = 0;  // customer tier: 1 is served before 2
  Date requested_date;
  Date order_date;
  Quantity wanted;    // open quantity the line needs in total (including what it holds)
  Quantity reserved;  // what it holds now (0 <= reserved <= wanted)
};

struct AllocationChange {
  std::string order_number;
  int line_no = 0;
  Quantity wanted;
  Quantity before;  // reserved now
  Quantity after;   // reserved under the plan
  Quantity change;  // after − before (negative: stock taken away)
};

struct AllocationPlan {
  AllocationPolicy policy = AllocationPolicy::kPriority;
  Quantity supply;
  Quantity demand;                      // sum of wanted
  Quantity allocated;                   // min(supply, demand), always
  std::vector<AllocationChange> lines;  // in priority order
};

// Priority order: priority, requested date, order date, order number, line number.
bool served_before(const AllocationDemand& left, const AllocationDemand& right);

// Shares `supply` (all stock of the product that may go to these lines, including what they
// hold now) across `demands`. When supply >= demand every line gets what it wants. Otherwise
//  - kPriority fills lines fully in priority order;
//  - kFairShare gives whole units pro rata to `wanted` (largest remainder, ties in priority
//    order); what cannot be shared in whole units (a fractional supply, or a unit no line can
//    take whole because its wanted quantity is fractional) goes in priority order to lines
//    that still want more.
// Either way the plan allocates exactly min(supply, demand). Fails with invalid_argument:
// negative_supply (supply), quantity_must_not_be_negative / reserved_exceeds_wanted
// (demands[i].wanted / .reserved), duplicate_order_line (demands[i]).
Result<AllocationPlan> plan_allocation(Quantity supply, std::span<const AllocationDemand> demands,
                                       AllocationPolicy policy);

// Takes `quantity` back from `reservations` (a line's), from the last warehouse it reserved
// in towards the first, only from `warehouse` when given; drops reservations that reach zero.
// Returns what was taken per warehouse. Requires the reservations (of that warehouse) to
// hold at least `quantity`, and quantity >= 0.
std::vector<Reservation> release_reservations(std::vector<Reservation>& reservations,
                                              Quantity quantity,
                                              std::optional<WarehouseId> warehouse);

// Dry-run text, one line per order line:
// "SO-1/1 wanted 5 reserved 2 -> 4 (+2)"
std::string describe(const AllocationPlan& plan);

}  // namespace o2c
