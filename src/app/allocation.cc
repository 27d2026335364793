// Use cases for stock that is promised before it is shipped: receipts expected from
// purchase orders, available to promise by date, and sharing scarce stock across open orders.
#include <algorithm>
#include <map>
#include <set>

#include "app/use_case.h"
#include "core/limits.h"
#include "inventory/inventory.h"

namespace o2c::app {
namespace {

Result<Product> require_product(StoreReader& reader, std::string_view sku) {
  O2C_ASSIGN_OR_RETURN(std::optional<Product> product, reader.find_product(sku));
  if (!product)
    return not_found("product_not_found", "no product with SKU '" + std::string(sku) + "'", "sku");
  return std::move(*product);
}

Result<Warehouse> require_warehouse(StoreReader& reader, std::string_view code) {
  O2C_ASSIGN_OR_RETURN(std::optional<Warehouse> warehouse, reader.find_warehouse(code));
  if (!warehouse)
    return not_found("warehouse_not_found", "no warehouse with code '" + std::string(code) + "'",
                     "warehouse");
  return std::move(*warehouse);
}

Status check_expected_quantity(Quantity quantity) {
  if (quantity.milli <= 0)
    return invalid_argument("quantity_must_be_positive",
                            "expected quantity " + format_quantity(quantity) + " must be positive",
                            "quantity");
  if (quantity.milli > kQuantityMilliMax)
    return invalid_argument("quantity_too_large", "expected quantity exceeds one billion units",
                            "quantity");
  return {};
}

// ---- allocation -------------------------------------------------------------------------

// One competing line, where it lives, and what the plan makes of it.
struct Competitor {
  std::string order_number;
  std::size_t line_index = 0;
  AllocatedLine shown;
};

// Everything allocate needs, loaded from one reader (the writer when committing).
struct AllocationSetting {
  Product product;
  std::optional<WarehouseId> scope;
  std::map<std::string, Order> orders;  // competing orders by number
  std::vector<Competitor> competitors;  // in plan (priority) order once planned
  AllocationPlan plan;
};

Quantity reserved_in(const OrderLine& line, std::optional<WarehouseId> scope) {
  Quantity held{0};
  for (const Reservation& reservation : line.reservations) {
    if (!scope || reservation.warehouse == *scope) held.milli += reservation.quantity.milli;
  }
  return held;
}

// The open lines of the product that compete for its stock, as allocation demands.
Status load_competitors(StoreReader& reader, AllocationSetting& setting,
                        std::vector<AllocationDemand>& demands) {
  O2C_ASSIGN_OR_RETURN(std::vector<std::string> numbers,
                       reader.open_order_numbers(setting.product.id));
  for (const std::string& number : numbers) {
    O2C_ASSIGN_OR_RETURN(Order order, require_order(reader, number));
    O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer, reader.find_customer(order.customer));
    O2C_ASSERT(customer.has_value());
    const Date requested = order.requested_delivery_date.value_or(order.order_date);
    for (std::size_t i = 0; i < order.lines.size(); ++i) {
      const OrderLine& line = order.lines[i];
      if (line.product != setting.product.id) continue;
      const Quantity held = reserved_in(line, setting.scope);
      // What stays reserved in other warehouses is not part of this allocation.
      const Quantity elsewhere{reserved_quantity(line).milli - held.milli};
      const Quantity wanted{line.quantity.milli - line.shipped.milli - elsewhere.milli};
      if (wanted.milli <= 0) continue;
      demands.push_back(AllocationDemand{order.number, line.line_no, customer->tier, requested,
                                         order.order_date, wanted, held});
      setting.competitors.push_back(
          Competitor{order.number, i,
                     AllocatedLine{order.number, line.line_no, customer->number, customer->tier,
                                   requested, order.order_date, wanted, held, held, Quantity{0}}});
    }
    setting.orders.emplace(order.number, std::move(order));
  }
  return {};
}

Result<AllocationSetting> plan_on(StoreReader& reader, const AllocationRequest& request) {
  AllocationSetting setting;
  O2C_ASSIGN_OR_RETURN(setting.product, require_product(reader, request.sku));
  if (request.warehouse_code) {
    O2C_ASSIGN_OR_RETURN(Warehouse warehouse, require_warehouse(reader, *request.warehouse_code));
    setting.scope = warehouse.id;
  }
  std::vector<AllocationDemand> demands;
  O2C_RETURN_IF_ERROR(load_competitors(reader, setting, demands));
  O2C_ASSIGN_OR_RETURN(std::vector<StockLevel> levels, reader.stock_levels(setting.product.id));
  Quantity supply{0};
  for (const StockLevel& level : levels) {
    if (!setting.scope || level.warehouse == *setting.scope) supply.milli += available(level).milli;
  }
  for (const AllocationDemand& demand : demands) supply.milli += demand.reserved.milli;
  O2C_ASSIGN_OR_RETURN(setting.plan, plan_allocation(supply, demands, request.policy));
  // Line the competitors up with the plan, which is in priority order.
  std::vector<Competitor> ordered;
  for (const AllocationChange& change : setting.plan.lines) {
    auto found = std::find_if(
        setting.competitors.begin(), setting.competitors.end(), [&](const Competitor& c) {
          return c.order_number == change.order_number && c.shown.line_no == change.line_no;
        });
    O2C_ASSERT(found != setting.competitors.end() && found->shown.before == change.before);
    found->shown.after = change.after;
    found->shown.change = change.change;
    ordered.push_back(std::move(*found));
  }
  O2C_ASSERT(ordered.size() == setting.competitors.size());
  setting.competitors = std::move(ordered);
  return setting;
}

AllocationOutcome outcome_of(const AllocationSetting& setting) {
  AllocationOutcome outcome;
  outcome.policy = setting.plan.policy;
  outcome.supply = setting.plan.supply;
  outcome.demand = setting.plan.demand;
  outcome.sufficient = setting.plan.supply >= setting.plan.demand;
  for (const Competitor& competitor : setting.competitors) {
    outcome.lines.push_back(competitor.shown);
    // Enough for everyone: no shortage to share, so nothing moves.
    if (outcome.sufficient) {
      outcome.lines.back().after = competitor.shown.before;
      outcome.lines.back().change = Quantity{0};
    }
  }
  return outcome;
}

// Gives back what the plan takes from lines, in the scope, from their last warehouse first.
Status release_taken(StoreWriter& writer, AllocationSetting& setting) {
  for (const Competitor& competitor : setting.competitors) {
    if (competitor.shown.change.milli >= 0) continue;
    OrderLine& line = setting.orders.at(competitor.order_number).lines[competitor.line_index];
    for (const Reservation& released : release_reservations(
             line.reservations, Quantity{-competitor.shown.change.milli}, setting.scope)) {
      O2C_ASSIGN_OR_RETURN(std::vector<StockLevel> levels, writer.stock_levels(line.product));
      auto level = std::find_if(levels.begin(), levels.end(), [&](const StockLevel& l) {
        return l.warehouse == released.warehouse;
      });
      // A reservation was only ever taken from a stock row that covers it.
      O2C_ASSERT(level != levels.end() && level->reserved >= released.quantity);
      level->reserved.milli -= released.quantity.milli;
      O2C_RETURN_IF_ERROR(writer.save_stock_level(*level));
    }
  }
  return {};
}

// Reserves what the plan adds to lines, in priority order and each order's sourcing order.
Status reserve_given(StoreWriter& writer, AllocationSetting& setting) {
  std::map<std::string, std::optional<Sourcing>> sourcing;
  for (const Competitor& competitor : setting.competitors) {
    if (competitor.shown.change.milli <= 0) continue;
    Order& order = setting.orders.at(competitor.order_number);
    OrderLine& line = order.lines[competitor.line_index];
    O2C_ASSIGN_OR_RETURN(Quantity reserved,
                         reserve_for_line(writer, order, line, competitor.shown.change,
                                          sourcing[order.number], setting.scope));
    // The plan never gives more than the free stock plus what it took back.
    O2C_ASSERT(reserved == competitor.shown.change);
  }
  return {};
}

Status journal_reallocations(StoreWriter& writer, const Context& context,
                             const AllocationSetting& setting, AllocationOutcome& outcome) {
  std::map<std::string, std::vector<const Competitor*>> changed;
  for (const Competitor& competitor : setting.competitors) {
    if (competitor.shown.change.milli != 0) changed[competitor.order_number].push_back(&competitor);
  }
  for (const auto& [number, competitors] : changed) {
    const Order& order = setting.orders.at(number);
    O2C_RETURN_IF_ERROR(writer.update_order(order));
    std::vector<EventPayload> lines;
    std::string summary;
    for (const Competitor* competitor : competitors) {
      const AllocatedLine& shown = competitor->shown;
      lines.push_back({{"line", shown.line_no},
                       {"wanted", format_quantity(shown.wanted)},
                       {"before", format_quantity(shown.before)},
                       {"after", format_quantity(shown.after)}});
      summary += (summary.empty() ? "" : ", ") + std::string("line ") +
                 std::to_string(shown.line_no) + " " + format_quantity(shown.before) + " -> " +
                 format_quantity(shown.after);
    }
    EventPayload payload{{"sku", setting.product.sku},
                         {"policy", wire_name(setting.plan.policy)},
                         {"allocation", setting.product.sku + " " + summary},
                         {"lines", lines}};
    O2C_RETURN_IF_ERROR(append_event(writer, context, "order.reallocated", number, payload));
    outcome.orders_changed.push_back(number);
  }
  return {};
}

bool changes_anything(const AllocationSetting& setting) {
  return std::any_of(setting.competitors.begin(), setting.competitors.end(),
                     [](const Competitor& c) { return c.shown.change.milli != 0; });
}

}  // namespace

Result<ExpectedReceipt> expect_receipt(Context& context, const ExpectedReceiptRequest& request) {
  O2C_RETURN_IF_ERROR(check_expected_quantity(request.quantity));
  if (request.reference.size() > kCustomerReferenceBytesMax)
    return invalid_argument("reference_too_long",
                            "the reference must be at most " +
                                std::to_string(kCustomerReferenceBytesMax) + " characters",
                            "reference");
  return context.store.write<ExpectedReceipt>([&](StoreWriter& writer) -> Result<ExpectedReceipt> {
    O2C_ASSIGN_OR_RETURN(Product product, require_product(writer, request.sku));
    O2C_ASSIGN_OR_RETURN(Warehouse warehouse, require_warehouse(writer, request.warehouse_code));
    ExpectedReceipt receipt{product.id, warehouse.id, request.quantity, request.expected};
    receipt.reference = request.reference;
    O2C_ASSIGN_OR_RETURN(receipt.id, writer.insert_expected_receipt(receipt));
    EventPayload payload{{"warehouse", warehouse.code},
                         {"quantity", format_quantity(receipt.quantity)},
                         {"expected", format_date(receipt.expected)}};
    if (!receipt.reference.empty()) payload.set("reference", receipt.reference);
    O2C_RETURN_IF_ERROR(append_event(writer, context, "stock.expected", product.sku, payload));
    return receipt;
  });
}

Result<AtpOutcome> available_to_promise_report(Store& store, std::string_view sku,
                                               std::optional<Date> date, Date today) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store.reader());
  AtpOutcome outcome;
  O2C_ASSIGN_OR_RETURN(outcome.product, require_product(*reader, sku));
  O2C_ASSIGN_OR_RETURN(outcome.warehouses, reader->list_warehouses());
  O2C_ASSIGN_OR_RETURN(std::vector<StockLevel> levels, reader->stock_levels(outcome.product.id));
  O2C_ASSIGN_OR_RETURN(outcome.receipts, reader->expected_receipts(outcome.product.id));
  std::set<Date> dates;
  if (date) {
    dates.insert(*date);
  } else {
    dates.insert(today);
    for (const ExpectedReceipt& receipt : outcome.receipts) {
      if (receipt.expected > today) dates.insert(receipt.expected);
    }
  }
  for (Date on : dates) {
    O2C_ASSIGN_OR_RETURN(AtpReport report,
                         available_to_promise(outcome.product.id, on, levels, outcome.receipts));
    outcome.by_date.push_back(std::move(report));
  }
  return outcome;
}

Result<AllocationOutcome> allocate_scarce_stock(Context& context,
                                                const AllocationRequest& request) {
  if (request.dry_run) {
    O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, context.store.reader());
    O2C_ASSIGN_OR_RETURN(AllocationSetting setting, plan_on(*reader, request));
    return outcome_of(setting);
  }
  return context.store.write<AllocationOutcome>(
      [&](StoreWriter& writer) -> Result<AllocationOutcome> {
        O2C_ASSIGN_OR_RETURN(AllocationSetting setting, plan_on(writer, request));
        AllocationOutcome outcome = outcome_of(setting);
        if (outcome.sufficient || !changes_anything(setting)) return outcome;
        O2C_RETURN_IF_ERROR(release_taken(writer, setting));
        O2C_RETURN_IF_ERROR(reserve_given(writer, setting));
        O2C_RETURN_IF_ERROR(journal_reallocations(writer, context, setting, outcome));
        outcome.committed = true;
        return outcome;
      });
}

}  // namespace o2c::app
