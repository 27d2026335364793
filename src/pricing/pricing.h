// pricing.h — what an order costs. Rules encoded, in this order:
//   1. line amount = list price × quantity, rounded half-even to the minor unit;
//   2. line discount = line amount × line discount %, rounded half-even;
//   3. the order discount is computed once on the sum of discounted lines and spread over the
//      lines in proportion to their amounts by largest remainder, so no cent is lost;
//   4. tax per line = line net × the rate of the line's tax category, rounded half-even.
// Declared tax rounding policy: per line. The document's tax is the sum of its lines' taxes,
// never recomputed on the total, so lines and document always agree.
#pragma once

#include <span>

#include "catalog/catalog.h"
#include "core/result.h"
#include "orders/orders.h"

namespace o2c {

// Fills net, tax and tax rate of every line and the order totals. Fails with
// tax_rate_unknown (naming the line) when a line's tax category has no rate.
Status price_order(Order& order, std::span<const TaxRate> tax_rates);

}  // namespace o2c
