// order_checks.h — internal to orders/: the checks a new order and an amended order share.
#pragma once

#include <string>

#include "core/result.h"
#include "orders/orders.h"

namespace o2c {

// An error whose reason is the rejection's wire name.
Error order_rejection(OrderRejection reason, ErrorKind kind, std::string message,
                      std::string where);

// A ship-to address needs a line, a city and an ISO 3166-1 alpha-2 country, each field at most
// kNameBytesMax bytes. Fails with ship_to_invalid at "<where>.<field>".
Status check_ship_to(const Address& address, const std::string& where);

// A line as ordered: product known, active and priced in `currency`, quantity positive and
// bounded, discount 0..100 %. Fails with the first OrderRejection at "<where>.<field>".
// Without `catalog_price_required` a product with no list price in `currency` gets a zero
// unit price, for the pricing engine to find its price.
Result<OrderLine> build_order_line(const OrderLineRequest& request, const Product* product,
                                   Currency currency, int line_no, const std::string& where,
                                   bool catalog_price_required = true);

}  // namespace o2c
