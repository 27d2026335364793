// Use cases for master data: the database itself, customers, products, tax rates,
// warehouses and stock receipts.
#include <algorithm>
#include <numeric>

#include "app/use_case.h"
#include "core/limits.h"
#include "inventory/inventory.h"
#include "ledger/ledger.h"

namespace o2c::app {

Result<std::unique_ptr<Store>> create_database(const std::string& path,
                                               std::string_view company_currency) {
  O2C_ASSIGN_OR_RETURN(Currency currency, currency_from_code(company_currency));
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, Store::open_sqlite(path, OpenMode::kCreate));
  O2C_RETURN_IF_ERROR(store
                          ->submit([&](StoreWriter& writer) {
                            return writer.set_company_currency(currency.text());
                          })
                          .get());
  return store;
}

Result<std::unique_ptr<Store>> open_database(const std::string& path) {
  return Store::open_sqlite(path, OpenMode::kExisting);
}

std::vector<Result<Customer>> add_customers(Context& context, std::span<const Customer> customers) {
  return run_batch<Customer, Customer>(
      context.store, customers,
      [&](StoreWriter& writer, const Customer& input) -> Result<Customer> {
        O2C_RETURN_IF_ERROR(validate_customer(input));
        O2C_ASSIGN_OR_RETURN(std::optional<Customer> existing, writer.find_customer(input.number));
        if (existing)
          return already_exists("duplicate_customer",
                                "customer " + input.number + " already exists", "customer.number");
        if (!input.preferred_warehouse.empty()) {
          O2C_ASSIGN_OR_RETURN(std::optional<Warehouse> warehouse,
                               writer.find_warehouse(input.preferred_warehouse));
          if (!warehouse)
            return not_found("warehouse_not_found",
                             "no warehouse with code '" + input.preferred_warehouse + "'",
                             "customer.preferred_warehouse");
        }
        Customer customer = input;
        O2C_ASSIGN_OR_RETURN(customer.id, writer.insert_customer(customer));
        EventPayload payload{{"name", customer.name},
                             {"currency", customer.currency.text()},
                             {"terms", customer.terms.code},
                             {"credit_limit", event_amount(customer.credit_limit)},
                             {"tier", customer.tier}};
        if (!customer.preferred_warehouse.empty())
          payload.set("preferred_warehouse", customer.preferred_warehouse);
        // What pricing needs, when set (older entries have neither).
        if (customer.tax_exempt) payload.set("tax_exempt", "yes");
        if (!customer.shipping_address.region.empty())
          payload.set("shipping_region", customer.shipping_address.region);
        O2C_RETURN_IF_ERROR(
            append_event(writer, context, "customer.added", customer.number, payload));
        return customer;
      });
}

std::vector<Result<Product>> add_products(Context& context, std::span<const Product> products) {
  return run_batch<Product, Product>(
      context.store, products, [&](StoreWriter& writer, const Product& input) -> Result<Product> {
        O2C_RETURN_IF_ERROR(validate_product(input));
        O2C_ASSIGN_OR_RETURN(std::optional<Product> existing, writer.find_product(input.sku));
        if (existing)
          return already_exists("duplicate_product", "product " + input.sku + " already exists",
                                "product.sku");
        O2C_ASSIGN_OR_RETURN(std::string company, writer.company_currency());
        if (input.standard_cost.currency.text() != company)
          return invalid_argument("currency_mismatch",
                                  "standard cost must be in the company currency " + company,
                                  "product.standard_cost");
        Product product = input;
        O2C_ASSIGN_OR_RETURN(product.id, writer.insert_product(product));
        std::vector<std::string> prices;
        for (const Money& price : product.list_prices) prices.push_back(event_amount(price));
        EventPayload payload{{"name", product.name},
                             {"tax_category", product.tax_category},
                             {"list_prices", prices},
                             {"standard_cost", event_amount(product.standard_cost)}};
        if (!product.category.empty()) payload.set("category", product.category);
        O2C_RETURN_IF_ERROR(append_event(writer, context, "product.added", product.sku, payload));
        return product;
      });
}

Status set_tax_rate(Context& context, const TaxRate& rate) {
  if (rate.category.empty() || rate.category.size() > 40)
    return invalid_argument("invalid_tax_category", "tax category must be 1-40 characters",
                            "category");
  if (rate.rate.value < 0 || rate.rate.value > kBasisPointsWhole)
    return invalid_argument("percent_out_of_range", "tax rate must be between 0 and 100 %", "rate");
  return context.store
      .submit([&](StoreWriter& writer) -> Status {
        O2C_RETURN_IF_ERROR(writer.save_tax_rate(rate));
        O2C_RETURN_IF_ERROR(append_event(writer, context, "tax_rate.set", rate.category,
                                         {{"rate_percent", format_percent(rate.rate)}}));
        return {};
      })
      .get();
}

Result<Warehouse> add_warehouse(Context& context, const Warehouse& input) {
  if (input.code.empty() || input.code.size() > 40 || input.name.empty())
    return invalid_argument("invalid_warehouse",
                            "a warehouse needs a code (1-40 characters) and a name",
                            "warehouse.code");
  if (!input.country.empty() &&
      (input.country.size() != 2 || !std::all_of(input.country.begin(), input.country.end(),
                                                 [](char c) { return c >= 'A' && c <= 'Z'; })))
    return invalid_argument("invalid_country",
                            "'" + input.country + "' is not an ISO 3166-1 alpha-2 country code",
                            "warehouse.country");
  return context.store.write<Warehouse>([&](StoreWriter& writer) -> Result<Warehouse> {
    O2C_ASSIGN_OR_RETURN(std::optional<Warehouse> existing, writer.find_warehouse(input.code));
    if (existing)
      return already_exists("duplicate_warehouse", "warehouse " + input.code + " already exists",
                            "warehouse.code");
    Warehouse warehouse = input;
    O2C_ASSIGN_OR_RETURN(warehouse.id, writer.insert_warehouse(warehouse));
    EventPayload payload{{"name", warehouse.name}};
    if (!warehouse.country.empty()) payload.set("country", warehouse.country);
    O2C_RETURN_IF_ERROR(append_event(writer, context, "warehouse.added", warehouse.code, payload));
    return warehouse;
  });
}

namespace {

// The backordered orders waiting for `product`, in the order they are served: customer tier,
// requested date (the order date when none was requested), order date, order number.
Result<std::vector<Order>> waiting_in_priority_order(StoreWriter& writer, ProductId product) {
  O2C_ASSIGN_OR_RETURN(std::vector<std::string> numbers, writer.backordered_order_numbers(product));
  std::vector<Order> waiting;
  std::vector<AllocationDemand> ranks;
  for (const std::string& number : numbers) {
    O2C_ASSIGN_OR_RETURN(Order order, require_order(writer, number));
    O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer, writer.find_customer(order.customer));
    O2C_ASSERT(customer.has_value());
    ranks.push_back(AllocationDemand{order.number, 0, customer->tier,
                                     order.requested_delivery_date.value_or(order.order_date),
                                     order.order_date, Quantity{0}, Quantity{0}});
    waiting.push_back(std::move(order));
  }
  std::vector<std::size_t> by_rank(waiting.size());
  std::iota(by_rank.begin(), by_rank.end(), std::size_t{0});
  std::sort(by_rank.begin(), by_rank.end(),
            [&](std::size_t l, std::size_t r) { return served_before(ranks[l], ranks[r]); });
  std::vector<Order> ranked;
  ranked.reserve(waiting.size());
  for (std::size_t i : by_rank) ranked.push_back(std::move(waiting[i]));
  return ranked;
}

// Gives stock to backordered orders of the product, in priority order.
Result<std::vector<std::string>> fill_backorders(StoreWriter& writer, const Context& context,
                                                 const Product& received) {
  const ProductId product = received.id;
  std::vector<std::string> filled;
  O2C_ASSIGN_OR_RETURN(std::vector<Order> waiting, waiting_in_priority_order(writer, product));
  for (Order& order : waiting) {
    std::optional<Sourcing> sourcing;
    bool changed = false;
    for (OrderLine& line : order.lines) {
      if (line.product != product || backordered_quantity(line).milli == 0) continue;
      O2C_ASSIGN_OR_RETURN(
          Quantity reserved,
          reserve_for_line(writer, order, line, backordered_quantity(line), sourcing));
      if (reserved.milli > 0) changed = true;
    }
    if (!changed) continue;
    O2C_RETURN_IF_ERROR(writer.update_order(order));
    O2C_RETURN_IF_ERROR(append_event(writer, context, "order.backorder_filled", order.number,
                                     {{"sku", received.sku}}));
    filled.push_back(order.number);
  }
  return filled;
}

// Lowers the warehouse's expected receipts of the product by what arrived, earliest first;
// returns how much of the receipt they had announced.
Result<Quantity> fulfil_expected_receipts(StoreWriter& writer, const Product& product,
                                          WarehouseId warehouse, Quantity received) {
  O2C_ASSIGN_OR_RETURN(std::vector<ExpectedReceipt> expected, writer.expected_receipts(product.id));
  Quantity fulfilled{0};
  for (const ExpectedReceipt& reduced :
       consume_expected_receipts(expected, product.id, warehouse, received)) {
    auto before = std::find_if(expected.begin(), expected.end(),
                               [&](const ExpectedReceipt& e) { return e.id == reduced.id; });
    O2C_ASSERT(before != expected.end() && reduced.quantity <= before->quantity);
    fulfilled.milli += before->quantity.milli - reduced.quantity.milli;
    O2C_RETURN_IF_ERROR(writer.save_expected_receipt_open(reduced.id, reduced.quantity));
  }
  O2C_ASSERT(fulfilled <= received);
  return fulfilled;
}

}  // namespace

Result<ReceiptOutcome> receive_stock(Context& context, const StockReceipt& receipt) {
  if (receipt.quantity.milli <= 0)
    return invalid_argument("quantity_must_be_positive", "received quantity must be positive",
                            "quantity");
  if (receipt.quantity.milli > kQuantityMilliMax)
    return invalid_argument("quantity_too_large", "received quantity exceeds one billion units",
                            "quantity");
  return context.store.write<ReceiptOutcome>([&](StoreWriter& writer) -> Result<ReceiptOutcome> {
    O2C_ASSIGN_OR_RETURN(std::optional<Product> product, writer.find_product(receipt.sku));
    if (!product)
      return not_found("product_not_found", "no product with SKU '" + receipt.sku + "'", "sku");
    O2C_ASSIGN_OR_RETURN(std::optional<Warehouse> warehouse,
                         writer.find_warehouse(receipt.warehouse_code));
    if (!warehouse)
      return not_found("warehouse_not_found",
                       "no warehouse with code '" + receipt.warehouse_code + "'", "warehouse");
    O2C_ASSIGN_OR_RETURN(std::vector<StockLevel> levels, writer.stock_levels(product->id));
    StockLevel level{warehouse->id, product->id, Quantity{0}, Quantity{0}};
    for (const StockLevel& existing : levels) {
      if (existing.warehouse == warehouse->id) level = existing;
    }
    if (__builtin_add_overflow(level.on_hand.milli, receipt.quantity.milli, &level.on_hand.milli) ||
        level.on_hand.milli > kQuantityMilliMax)
      return invalid_argument("quantity_too_large", "stock on hand would exceed one billion units",
                              "quantity");
    O2C_RETURN_IF_ERROR(writer.save_stock_level(level));
    const Date today = context.clock.today();
    O2C_ASSIGN_OR_RETURN(Money value,
                         extend(product->standard_cost, receipt.quantity, Rounding::kHalfEven));
    const std::string document = "GR-" + receipt.warehouse_code + "-" + receipt.sku;
    O2C_RETURN_IF_ERROR(post_entry(writer, post_stock_receipt(document, today, value)));
    ReceiptOutcome outcome;
    O2C_ASSIGN_OR_RETURN(
        outcome.expected_fulfilled,
        fulfil_expected_receipts(writer, *product, warehouse->id, receipt.quantity));
    EventPayload payload{{"warehouse", receipt.warehouse_code},
                         {"quantity", format_quantity(receipt.quantity)},
                         {"value", event_amount(value)}};
    if (outcome.expected_fulfilled.milli > 0)
      payload.set("expected_fulfilled", format_quantity(outcome.expected_fulfilled));
    O2C_RETURN_IF_ERROR(append_event(writer, context, "stock.received", receipt.sku, payload));
    O2C_ASSIGN_OR_RETURN(outcome.orders_filled, fill_backorders(writer, context, *product));
    O2C_ASSIGN_OR_RETURN(std::vector<StockLevel> after, writer.stock_levels(product->id));
    for (const StockLevel& existing : after) {
      if (existing.warehouse == warehouse->id) outcome.level = existing;
    }
    return outcome;
  });
}

}  // namespace o2c::app
