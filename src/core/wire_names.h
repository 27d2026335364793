// wire_names.h — enums stored or shown by name. Each keeps a table of names indexed by its
// numeric value, with index 0 unused (""), so a value's name never depends on its position
// in a switch and the numbers stay stable once persisted.
#pragma once

#include <cstddef>
#include <iterator>
#include <optional>
#include <string_view>

#include "core/assert.h"

namespace o2c {

template <typename Enum, std::size_t N>
std::string_view name_in(const std::string_view (&names)[N], Enum value) {
  const auto index = static_cast<std::size_t>(value);
  O2C_ASSERT(index > 0 && index < N);
  return names[index];
}

// The value named `name`, or none.
template <typename Enum, std::size_t N>
std::optional<Enum> value_in(const std::string_view (&names)[N], std::string_view name) {
  for (std::size_t i = 1; i < N; ++i) {
    if (names[i] == name) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace o2c
