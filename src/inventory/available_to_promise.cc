#include <algorithm>
#include <map>
#include <tuple>

#include "inventory/inventory.h"

namespace o2c {
namespace {

std::string at(std::string_view field, std::size_t index, std::string_view member) {
  return std::string(field) + "[" + std::to_string(index) + "]." + std::string(member);
}

}  // namespace

Result<AtpReport> available_to_promise(ProductId product, Date date,
                                       std::span<const StockLevel> levels,
                                       std::span<const ExpectedReceipt> receipts) {
  std::map<WarehouseId, WarehouseAtp> rows;
  for (std::size_t i = 0; i < levels.size(); ++i) {
    const StockLevel& level = levels[i];
    if (level.product != product) continue;
    if (level.reserved.milli < 0)
      return invalid_argument("negative_reserved", "a reserved quantity cannot be negative",
                              at("levels", i, "reserved"));
    if (rows.contains(level.warehouse))
      return invalid_argument("duplicate_stock_level",
                              "warehouse " + std::to_string(level.warehouse.value) +
                                  " has two stock levels for product " +
                                  std::to_string(product.value),
                              at("levels", i, "warehouse"));
    rows[level.warehouse] =
        WarehouseAtp{level.warehouse, level.on_hand, level.reserved, Quantity{0}, Quantity{0}};
  }
  for (std::size_t i = 0; i < receipts.size(); ++i) {
    const ExpectedReceipt& receipt = receipts[i];
    if (receipt.product != product) continue;
    if (receipt.quantity.milli < 0)
      return invalid_argument("negative_receipt", "an expected receipt cannot be negative",
                              at("receipts", i, "quantity"));
    auto [row, inserted] = rows.try_emplace(receipt.warehouse);
    if (inserted) row->second.warehouse = receipt.warehouse;
    if (receipt.expected <= date) row->second.incoming.milli += receipt.quantity.milli;
  }
  AtpReport report{product, date, {}, Quantity{0}};
  for (auto& [warehouse, row] : rows) {
    row.atp.milli =
        std::max<std::int64_t>(0, row.on_hand.milli - row.reserved.milli + row.incoming.milli);
    report.total.milli += row.atp.milli;
    report.warehouses.push_back(row);
  }
  return report;
}

std::vector<ExpectedReceipt> consume_expected_receipts(std::span<const ExpectedReceipt> receipts,
                                                       ProductId product, WarehouseId warehouse,
                                                       Quantity received) {
  O2C_ASSERT(received.milli >= 0);
  std::vector<ExpectedReceipt> due;
  for (const ExpectedReceipt& receipt : receipts) {
    O2C_ASSERT(receipt.quantity.milli >= 0);
    if (receipt.product == product && receipt.warehouse == warehouse && receipt.quantity.milli > 0)
      due.push_back(receipt);
  }
  std::sort(due.begin(), due.end(), [](const ExpectedReceipt& l, const ExpectedReceipt& r) {
    return std::tie(l.expected, l.id) < std::tie(r.expected, r.id);
  });
  std::vector<ExpectedReceipt> reduced;
  std::int64_t left = received.milli;
  for (ExpectedReceipt& receipt : due) {
    if (left == 0) break;
    const std::int64_t covered = std::min(left, receipt.quantity.milli);
    receipt.quantity.milli -= covered;
    left -= covered;
    reduced.push_back(std::move(receipt));
  }
  O2C_ASSERT(left >= 0 && left <= received.milli);
  return reduced;
}

std::vector<WarehouseDistance> distances_by_country(std::span<const Warehouse> warehouses,
                                                    std::string_view ship_to_country) {
  const auto count = static_cast<std::int64_t>(warehouses.size());
  std::vector<WarehouseDistance> distances;
  distances.reserve(warehouses.size());
  for (std::int64_t i = 0; i < count; ++i) {
    const Warehouse& warehouse = warehouses[static_cast<std::size_t>(i)];
    const bool in_country = !ship_to_country.empty() && warehouse.country == ship_to_country;
    distances.push_back(WarehouseDistance{warehouse.id, in_country ? i : count + i});
  }
  return distances;
}

std::vector<WarehouseId> sourcing_order(std::span<const StockLevel> levels,
                                        std::optional<WarehouseId> preferred,
                                        std::span<const WarehouseDistance> distances) {
  struct Candidate {
    int group;  // 0 preferred, 1 ranked, 2 unranked
    std::int64_t rank;
    WarehouseId warehouse;
    auto operator<=>(const Candidate&) const = default;
  };
  std::vector<Candidate> candidates;
  for (const StockLevel& level : levels) {
    Candidate candidate{2, 0, level.warehouse};
    if (preferred && *preferred == level.warehouse) {
      candidate.group = 0;
    } else {
      auto ranked = std::find_if(distances.begin(), distances.end(),
                                 [&](const auto& d) { return d.warehouse == level.warehouse; });
      if (ranked != distances.end()) candidate = Candidate{1, ranked->rank, level.warehouse};
    }
    candidates.push_back(candidate);
  }
  std::sort(candidates.begin(), candidates.end());
  std::vector<WarehouseId> order;
  for (const Candidate& candidate : candidates) {
    if (order.empty() || order.back() != candidate.warehouse) order.push_back(candidate.warehouse);
  }
  return order;
}

Result<SourcingPlan> plan_sourcing(const SourcingRequest& request,
                                   std::span<const StockLevel> levels,
                                   std::span<const WarehouseDistance> distances) {
  if (request.wanted.milli < 0)
    return invalid_argument("quantity_must_not_be_negative",
                            "the quantity to source cannot be negative", "request.wanted");
  std::map<WarehouseId, Quantity> free;
  std::vector<StockLevel> of_product;
  for (std::size_t i = 0; i < levels.size(); ++i) {
    const StockLevel& level = levels[i];
    if (level.product != request.product) continue;
    if (level.reserved.milli < 0)
      return invalid_argument("negative_reserved", "a reserved quantity cannot be negative",
                              at("levels", i, "reserved"));
    if (!free.emplace(level.warehouse, available(level)).second)
      return invalid_argument("duplicate_stock_level",
                              "warehouse " + std::to_string(level.warehouse.value) +
                                  " has two stock levels for product " +
                                  std::to_string(request.product.value),
                              at("levels", i, "warehouse"));
    of_product.push_back(level);
  }
  SourcingPlan plan;
  std::int64_t missing = request.wanted.milli;
  for (WarehouseId warehouse : sourcing_order(of_product, request.preferred, distances)) {
    if (missing == 0) break;
    const std::int64_t take = std::min(missing, free[warehouse].milli);
    if (take == 0) continue;
    plan.picks.push_back(Reservation{warehouse, Quantity{take}});
    missing -= take;
  }
  plan.backordered = Quantity{missing};
  return plan;
}

}  // namespace o2c
