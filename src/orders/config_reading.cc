#include "orders/config_reading.h"

#include <algorithm>

#include "core/limits.h"

namespace o2c {
namespace {

// "No currency" (ISO 4217 XXX) with three decimals: the any-currency amount is kept in
// thousandths of a major unit, enough for every currency we trade in (KWD has three).
constexpr Currency kThousandths{{'X', 'X', 'X'}, 3};

std::string line_of(const toml::source_region& region) { return std::to_string(region.begin.line); }

std::string joined(std::string_view path, std::string_view key) {
  return path.empty() ? std::string(key) : std::string(path) + "." + std::string(key);
}

constexpr std::int64_t kPowersOfTen[] = {1, 10, 100, 1000};

}  // namespace

Result<toml::table> ConfigReader::parse(std::string_view text) const {
  try {
    return toml::parse(text, source_name_);
  } catch (const toml::parse_error& failure) {
    const std::string line = line_of(failure.source());
    return invalid_argument("invalid_toml",
                            std::string(source_name_) + " line " + line +
                                " is not valid TOML: " + std::string(failure.description()),
                            std::string(source_name_) + " line " + line);
  }
}

Error ConfigReader::error(const toml::node& node, std::string_view path,
                          std::string_view message) const {
  return invalid_argument(
      std::string(reason_),
      std::string(source_name_) + " line " + line_of(node.source()) + ": " + std::string(message),
      std::string(path));
}

Error ConfigReader::error(const toml::key& key, std::string_view path,
                          std::string_view message) const {
  return invalid_argument(
      std::string(reason_),
      std::string(source_name_) + " line " + line_of(key.source()) + ": " + std::string(message),
      std::string(path));
}

Status ConfigReader::check_keys(const toml::table& table, std::string_view path,
                                std::initializer_list<std::string_view> known) const {
  for (const auto& [key, node] : table) {
    if (std::find(known.begin(), known.end(), key.str()) != known.end()) continue;
    std::string names;
    for (std::string_view name : known) names += (names.empty() ? "" : ", ") + std::string(name);
    const std::string where = joined(path, key.str());
    return error(key, where, "unknown key '" + where + "'; expected one of: " + names);
  }
  return {};
}

Result<const toml::table*> ConfigReader::table(const toml::node& node,
                                               std::string_view path) const {
  const toml::table* table = node.as_table();
  if (table == nullptr) return error(node, path, std::string(path) + " must be a table");
  return table;
}

Result<std::string> ConfigReader::text(const toml::node& node, std::string_view path) const {
  const toml::value<std::string>* value = node.as_string();
  if (value == nullptr) return error(node, path, std::string(path) + " must be a string");
  if (value->get().empty()) return error(node, path, std::string(path) + " must not be empty");
  return value->get();
}

Result<std::vector<std::string>> ConfigReader::texts(const toml::node& node,
                                                     std::string_view path) const {
  const toml::array* array = node.as_array();
  if (array == nullptr)
    return error(node, path, std::string(path) + " must be an array of strings");
  if (array->size() > kRuleEntriesMax)
    return error(
        node, path,
        std::string(path) + " has more than " + std::to_string(kRuleEntriesMax) + " entries");
  std::vector<std::string> values;
  values.reserve(array->size());
  for (std::size_t i = 0; i < array->size(); ++i) {
    O2C_ASSIGN_OR_RETURN(std::string value,
                         text((*array)[i], std::string(path) + "[" + std::to_string(i) + "]"));
    values.push_back(std::move(value));
  }
  return values;
}

Result<std::string> ConfigReader::decimal_text(const toml::node& node,
                                               std::string_view path) const {
  if (const toml::value<std::string>* value = node.as_string()) return value->get();
  if (const toml::value<std::int64_t>* value = node.as_integer())
    return std::to_string(value->get());
  if (node.is_floating_point())
    return error(node, path,
                 std::string(path) + " is a floating-point number, which cannot hold decimals " +
                     "exactly; write it as a string, e.g. \"15.5\"");
  return error(node, path, std::string(path) + " must be a number (a string like \"15.5\")");
}

Result<BasisPoints> ConfigReader::percent(const toml::node& node, std::string_view path) const {
  O2C_ASSIGN_OR_RETURN(std::string value, decimal_text(node, path));
  Result<BasisPoints> rate = parse_percent(value);
  if (!rate) return error(node, path, std::string(path) + ": " + rate.error().message);
  return *rate;
}

Result<Quantity> ConfigReader::positive_quantity(const toml::node& node,
                                                 std::string_view path) const {
  O2C_ASSIGN_OR_RETURN(std::string value, decimal_text(node, path));
  Result<Quantity> quantity = parse_quantity(value);
  if (!quantity) return error(node, path, std::string(path) + ": " + quantity.error().message);
  if (quantity->milli <= 0 || quantity->milli > kQuantityMilliMax)
    return error(node, path,
                 std::string(path) + " must be more than 0 and at most one billion units");
  return *quantity;
}

Result<std::optional<AmountThreshold>> ConfigReader::threshold(
    const toml::table& table, std::string_view path, std::string_view amount_key,
    std::string_view by_currency_key) const {
  const toml::node* any = table.get(amount_key);
  const toml::node* by_currency = table.get(by_currency_key);
  if (any == nullptr && by_currency == nullptr) return std::optional<AmountThreshold>();
  AmountThreshold threshold;
  const auto check_range = [&](const toml::node& node, const std::string& where,
                               std::int64_t minor) -> Status {
    if (minor < 0) return error(node, where, where + " must not be negative");
    if (minor > kAmountMinorMax) return error(node, where, where + " is too large");
    return {};
  };
  if (any != nullptr) {
    const std::string where = joined(path, amount_key);
    O2C_ASSIGN_OR_RETURN(std::string value, decimal_text(*any, where));
    Result<Money> amount = parse_money(value, kThousandths);
    if (!amount) return error(*any, where, where + ": " + amount.error().message);
    O2C_RETURN_IF_ERROR(check_range(*any, where, amount->minor));
    threshold.any_currency_thousandths = amount->minor;
  }
  if (by_currency != nullptr) {
    const std::string table_path = joined(path, by_currency_key);
    O2C_ASSIGN_OR_RETURN(const toml::table* amounts, this->table(*by_currency, table_path));
    for (const auto& [code, node] : *amounts) {
      const std::string where = joined(table_path, code.str());
      Result<Currency> currency = currency_from_code(code.str());
      if (!currency) return error(code, where, where + ": " + currency.error().message);
      O2C_ASSIGN_OR_RETURN(std::string value, decimal_text(node, where));
      Result<Money> amount = parse_money(value, *currency);
      if (!amount) return error(node, where, where + ": " + amount.error().message);
      O2C_RETURN_IF_ERROR(check_range(node, where, amount->minor));
      threshold.by_currency.push_back(*amount);
    }
  }
  return std::optional<AmountThreshold>(std::move(threshold));
}

std::optional<int> compare_with_threshold(Money amount, const AmountThreshold& threshold) {
  const auto sign = [](Int128 difference) { return difference < 0 ? -1 : difference > 0 ? 1 : 0; };
  for (const Money& limit : threshold.by_currency) {
    if (limit.currency == amount.currency)
      return sign(static_cast<Int128>(amount.minor) - limit.minor);
  }
  if (!threshold.any_currency_thousandths) return std::nullopt;
  const int exponent = amount.currency.exponent;
  O2C_ASSERT(exponent >= 0 && exponent <= 3);
  const Int128 scaled = static_cast<Int128>(amount.minor) * kPowersOfTen[3 - exponent];
  return sign(scaled - *threshold.any_currency_thousandths);
}

std::string format_threshold(const AmountThreshold& threshold, Currency currency) {
  for (const Money& limit : threshold.by_currency) {
    if (limit.currency == currency) return format_money(limit);
  }
  O2C_ASSERT(threshold.any_currency_thousandths.has_value());
  const std::int64_t thousandths = *threshold.any_currency_thousandths;
  const std::int64_t unit = kPowersOfTen[3 - currency.exponent];
  if (thousandths % unit == 0) return format_money(Money{thousandths / unit, currency});
  // Finer than the currency's minor unit: show all three decimals.
  return format_amount(Money{thousandths, kThousandths}) + " " + std::string(currency.text());
}

}  // namespace o2c
