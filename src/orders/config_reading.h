// config_reading.h — internal to orders/: reading the TOML of order rules and approval policies
// into values, with errors that name the file, the line and the key path ("order_rules.toml
// line 4: …", where "minimum_order_value.by_currency.JPY"), and comparing amounts with the
// thresholds read. Numbers that are money or quantities must be decimal strings or integers:
// a TOML float is refused, as it cannot hold 0.1 exactly.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "core/money.h"
#include "core/result.h"
#include "orders/orders.h"

namespace o2c {

class ConfigReader {
 public:
  // `reason` is the wire name of every content error: "invalid_order_rules".
  ConfigReader(std::string_view source_name, std::string_view reason)
      : source_name_(source_name), reason_(reason) {}

  // Parses the text; fails with invalid_toml at "<source> line N".
  Result<toml::table> parse(std::string_view text) const;

  // An invalid_argument error with `reason_`, at `path`, its message prefixed by the line.
  Error error(const toml::node& node, std::string_view path, std::string_view message) const;
  Error error(const toml::key& key, std::string_view path, std::string_view message) const;

  // Fails on the first key of `table` not in `known`.
  Status check_keys(const toml::table& table, std::string_view path,
                    std::initializer_list<std::string_view> known) const;

  Result<const toml::table*> table(const toml::node& node, std::string_view path) const;
  Result<std::string> text(const toml::node& node, std::string_view path) const;
  // An array of non-empty strings, at most kRuleEntriesMax.
  Result<std::vector<std::string>> texts(const toml::node& node, std::string_view path) const;
  // A decimal written as a string ("15.5") or an integer (15); floats are refused.
  Result<std::string> decimal_text(const toml::node& node, std::string_view path) const;
  Result<BasisPoints> percent(const toml::node& node, std::string_view path) const;
  Result<Quantity> positive_quantity(const toml::node& node, std::string_view path) const;
  // Reads `amount_key` (any currency) and `by_currency_key` (per ISO 4217 code) of `table`;
  // nullopt when neither is there. Amounts must not be negative.
  Result<std::optional<AmountThreshold>> threshold(const toml::table& table, std::string_view path,
                                                   std::string_view amount_key,
                                                   std::string_view by_currency_key) const;

 private:
  std::string_view source_name_;
  std::string_view reason_;
};

// The sign of `amount` − the threshold for its currency (-1, 0, 1), or nullopt when the
// threshold has no limit for that currency. Exact for every amount.
std::optional<int> compare_with_threshold(Money amount, const AmountThreshold& threshold);
// The threshold for `currency` as people read it: "100000.00 EUR", "0.005 EUR". Requires a
// limit for that currency.
std::string format_threshold(const AmountThreshold& threshold, Currency currency);

}  // namespace o2c
