// ids.h — distinct id types, so that a customer id can never be passed as an order id.
// Ids are the store's row ids; people see document numbers (SO-2026-000001) instead.
#pragma once

#include <compare>
#include <cstdint>

namespace o2c {

#define O2C_DEFINE_ID(Name)                        \
  struct Name {                                    \
    std::int64_t value = 0;                        \
    auto operator<=>(const Name&) const = default; \
  }

O2C_DEFINE_ID(CustomerId);
O2C_DEFINE_ID(ProductId);
O2C_DEFINE_ID(WarehouseId);
O2C_DEFINE_ID(OrderId);
O2C_DEFINE_ID(ShipmentId);
O2C_DEFINE_ID(InvoiceId);
O2C_DEFINE_ID(PaymentId);
O2C_DEFINE_ID(ReturnId);

#undef O2C_DEFINE_ID

}  // namespace o2c
