// catalog.h — what we sell and where it is: products with list prices per currency and a
// tax category, tax rates per category, warehouses. Rules encoded: a product can be sold in
// a currency only if it has a list price in it; the standard cost (company currency) values
// inventory and the cost of goods sold.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/money.h"
#include "core/result.h"

namespace o2c {

struct Product {
  ProductId id;
  std::string sku;  // "W-100"
  std::string name;
  std::string unit = "EA";  // UN/ECE rec 20 unit code
  std::string tax_category = "standard";
  std::string category;            // product category for promotions ("tools"); "" = none
  std::vector<Money> list_prices;  // at most one per currency
  Money standard_cost;             // in the company currency
  bool active = true;
};

// The list price in `currency`, if the product has one.
std::optional<Money> list_price(const Product& product, Currency currency);
Status validate_product(const Product& product);

struct TaxRate {
  std::string category;  // "standard", "reduced", "exempt"
  BasisPoints rate;      // 19 % = 1900
};

struct Warehouse {
  WarehouseId id;
  std::string code;  // "WH-EAST"
  std::string name;
  // ISO 3166-1 alpha-2 country the warehouse ships from; empty: not known. Sourcing counts a
  // warehouse in the ship-to country as nearer than the others.
  std::string country = "";
};

}  // namespace o2c
