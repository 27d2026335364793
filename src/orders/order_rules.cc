// Company order rules: reading them from TOML and checking an order against them.
#include <algorithm>

#include "core/limits.h"
#include "core/wire_names.h"
#include "orders/config_reading.h"
#include "orders/orders.h"

namespace o2c {
namespace {

constexpr std::string_view kRuleNames[] = {
    "",
    "customer_blocked",
    "po_number_required",
    "product_not_sold_in_country",
    "line_quantity_over_maximum",
    "below_minimum_order_value",
};

bool is_country_code(std::string_view text) {
  return text.size() == 2 && text[0] >= 'A' && text[0] <= 'Z' && text[1] >= 'A' && text[1] <= 'Z';
}

Status read_minimum_order_value(const ConfigReader& reader, const toml::node& node,
                                OrderRules& rules) {
  const std::string path = "minimum_order_value";
  O2C_ASSIGN_OR_RETURN(const toml::table* table, reader.table(node, path));
  O2C_RETURN_IF_ERROR(reader.check_keys(*table, path, {"amount", "by_currency"}));
  O2C_ASSIGN_OR_RETURN(rules.minimum_order_value,
                       reader.threshold(*table, path, "amount", "by_currency"));
  if (!rules.minimum_order_value)
    return reader.error(node, path, "minimum_order_value needs amount or by_currency");
  return {};
}

Status read_line_quantity(const ConfigReader& reader, const toml::node& node, OrderRules& rules) {
  const std::string path = "line_quantity";
  O2C_ASSIGN_OR_RETURN(const toml::table* table, reader.table(node, path));
  O2C_RETURN_IF_ERROR(reader.check_keys(*table, path, {"max"}));
  const toml::node* max = table->get("max");
  if (max == nullptr) return reader.error(node, path, "line_quantity needs max");
  O2C_ASSIGN_OR_RETURN(rules.line_quantity_max, reader.positive_quantity(*max, path + ".max"));
  return {};
}

Status read_blocked_customers(const ConfigReader& reader, const toml::node& node,
                              OrderRules& rules) {
  const std::string path = "blocked_customers";
  O2C_ASSIGN_OR_RETURN(const toml::table* table, reader.table(node, path));
  if (table->size() > kRuleEntriesMax)
    return reader.error(
        node, path,
        "blocked_customers has more than " + std::to_string(kRuleEntriesMax) + " entries");
  for (const auto& [number, reason] : *table) {
    O2C_ASSIGN_OR_RETURN(std::string text,
                         reader.text(reason, path + "." + std::string(number.str())));
    rules.blocked_customers.emplace(number.str(), std::move(text));
  }
  return {};
}

Status read_po_number_required(const ConfigReader& reader, const toml::node& node,
                               OrderRules& rules) {
  const std::string path = "po_number_required";
  O2C_ASSIGN_OR_RETURN(const toml::table* table, reader.table(node, path));
  O2C_RETURN_IF_ERROR(reader.check_keys(*table, path, {"customers", "segments"}));
  if (const toml::node* customers = table->get("customers")) {
    O2C_ASSIGN_OR_RETURN(std::vector<std::string> numbers,
                         reader.texts(*customers, path + ".customers"));
    rules.po_required_customers.insert(numbers.begin(), numbers.end());
  }
  if (const toml::node* segments = table->get("segments")) {
    O2C_ASSIGN_OR_RETURN(std::vector<std::string> names,
                         reader.texts(*segments, path + ".segments"));
    rules.po_required_segments.insert(names.begin(), names.end());
  }
  return {};
}

Status read_not_sold_in(const ConfigReader& reader, const toml::node& node, OrderRules& rules) {
  const toml::array* entries = node.as_array();
  if (entries == nullptr || !entries->is_array_of_tables())
    return reader.error(node, "not_sold_in",
                        "not_sold_in must be an array of tables: [[not_sold_in]]");
  if (entries->size() > kRuleEntriesMax)
    return reader.error(
        node, "not_sold_in",
        "not_sold_in has more than " + std::to_string(kRuleEntriesMax) + " entries");
  for (std::size_t i = 0; i < entries->size(); ++i) {
    const std::string path = "not_sold_in[" + std::to_string(i) + "]";
    const toml::table& entry = *(*entries)[i].as_table();
    O2C_RETURN_IF_ERROR(reader.check_keys(entry, path, {"sku", "countries"}));
    const toml::node* sku = entry.get("sku");
    const toml::node* countries = entry.get("countries");
    if (sku == nullptr) return reader.error(entry, path + ".sku", path + " needs sku");
    if (countries == nullptr)
      return reader.error(entry, path + ".countries", path + " needs countries");
    O2C_ASSIGN_OR_RETURN(std::string sku_text, reader.text(*sku, path + ".sku"));
    O2C_ASSIGN_OR_RETURN(std::vector<std::string> codes,
                         reader.texts(*countries, path + ".countries"));
    for (std::size_t k = 0; k < codes.size(); ++k) {
      if (!is_country_code(codes[k]))
        return reader.error(*countries->as_array()->get(k),
                            path + ".countries[" + std::to_string(k) + "]",
                            "'" + codes[k] + "' is not an ISO 3166-1 alpha-2 code like DE or US");
    }
    rules.not_sold_in[sku_text].insert(codes.begin(), codes.end());
  }
  return {};
}

std::string line_where(std::size_t index, std::string_view field) {
  return "lines[" + std::to_string(index) + "]." + std::string(field);
}

OrderRuleViolation violation(OrderRule rule, int line_no, std::string message, std::string where) {
  return OrderRuleViolation{rule, line_no, std::move(message), std::move(where)};
}

void check_line_rules(const OrderRules& rules, const Order& order,
                      std::vector<OrderRuleViolation>& violations) {
  for (std::size_t i = 0; i < order.lines.size(); ++i) {
    const OrderLine& line = order.lines[i];
    const auto restriction = rules.not_sold_in.find(line.sku);
    if (restriction != rules.not_sold_in.end() &&
        restriction->second.contains(order.ship_to.country))
      violations.push_back(
          violation(OrderRule::kProductNotSoldInCountry, line.line_no,
                    "product " + line.sku + " is not sold in " + order.ship_to.country,
                    line_where(i, "sku")));
  }
  if (!rules.line_quantity_max) return;
  for (std::size_t i = 0; i < order.lines.size(); ++i) {
    const OrderLine& line = order.lines[i];
    if (line.quantity > *rules.line_quantity_max)
      violations.push_back(violation(OrderRule::kLineQuantityOverMaximum, line.line_no,
                                     "line " + std::to_string(line.line_no) + " orders " +
                                         format_quantity(line.quantity) + " of " + line.sku +
                                         "; at most " + format_quantity(*rules.line_quantity_max) +
                                         " per line",
                                     line_where(i, "quantity")));
  }
}

}  // namespace

std::string_view wire_name(OrderRule rule) { return name_in(kRuleNames, rule); }

Result<OrderRules> parse_order_rules(std::string_view toml_text, std::string_view source_name) {
  const ConfigReader reader(source_name, "invalid_order_rules");
  O2C_ASSIGN_OR_RETURN(toml::table root, reader.parse(toml_text));
  O2C_RETURN_IF_ERROR(
      reader.check_keys(root, "",
                        {"minimum_order_value", "line_quantity", "blocked_customers",
                         "po_number_required", "not_sold_in"}));
  OrderRules rules;
  if (const toml::node* node = root.get("minimum_order_value"))
    O2C_RETURN_IF_ERROR(read_minimum_order_value(reader, *node, rules));
  if (const toml::node* node = root.get("line_quantity"))
    O2C_RETURN_IF_ERROR(read_line_quantity(reader, *node, rules));
  if (const toml::node* node = root.get("blocked_customers"))
    O2C_RETURN_IF_ERROR(read_blocked_customers(reader, *node, rules));
  if (const toml::node* node = root.get("po_number_required"))
    O2C_RETURN_IF_ERROR(read_po_number_required(reader, *node, rules));
  if (const toml::node* node = root.get("not_sold_in"))
    O2C_RETURN_IF_ERROR(read_not_sold_in(reader, *node, rules));
  return rules;
}

std::vector<OrderRuleViolation> check_order_rules(const OrderRules& rules, const Order& order,
                                                  const OrderRuleContext& context) {
  std::vector<OrderRuleViolation> violations;
  const auto blocked = rules.blocked_customers.find(order.customer_number);
  if (blocked != rules.blocked_customers.end())
    violations.push_back(violation(
        OrderRule::kCustomerBlocked, 0,
        "customer " + order.customer_number + " is blocked: " + blocked->second, "order.customer"));
  const bool po_required =
      rules.po_required_customers.contains(order.customer_number) ||
      (!context.customer_segment.empty() &&
       rules.po_required_segments.contains(std::string(context.customer_segment)));
  if (po_required && order.customer_reference.empty())
    violations.push_back(
        violation(OrderRule::kPoNumberRequired, 0,
                  "customer " + order.customer_number + " must give a PO number with every order",
                  "order.customer_reference"));
  check_line_rules(rules, order, violations);
  if (rules.minimum_order_value) {
    const std::optional<int> sign =
        compare_with_threshold(order.net_total, *rules.minimum_order_value);
    if (sign && *sign < 0)
      violations.push_back(
          violation(OrderRule::kBelowMinimumOrderValue, 0,
                    "order value " + format_money(order.net_total) + " is below the minimum of " +
                        format_threshold(*rules.minimum_order_value, order.net_total.currency),
                    "order.net_total"));
  }
  O2C_ASSERT(std::is_sorted(
      violations.begin(), violations.end(),
      [](const OrderRuleViolation& a, const OrderRuleViolation& b) { return a.rule < b.rule; }));
  return violations;
}

Error order_rules_error(std::span<const OrderRuleViolation> violations) {
  O2C_ASSERT(!violations.empty());
  std::string message;
  for (const OrderRuleViolation& item : violations) {
    if (!message.empty()) message += "; ";
    message += item.message;
  }
  return failed_precondition(std::string(wire_name(violations.front().rule)), std::move(message),
                             violations.front().where);
}

}  // namespace o2c
