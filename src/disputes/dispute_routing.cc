// Reading the dispute routing rules (disputes.h parse_dispute_routing) from TOML:
//
//   default_owner = "ar-team"
//   [[rule]]
//   reason = "pricing"        # optional
//   segment = "enterprise"    # optional
//   owner = "pat"
#include <toml++/toml.h>

#include "disputes/disputes.h"

namespace o2c {
namespace {

Error routing_error(std::string_view source, const toml::source_region& at, std::string where,
                    std::string_view message) {
  return invalid_argument(
      "invalid_dispute_routing",
      std::string(source) + " line " + std::to_string(at.begin.line) + ": " + std::string(message),
      std::move(where));
}

Result<std::string> text_at(const toml::node& node, std::string_view source,
                            const std::string& where) {
  const std::optional<std::string> value = node.value<std::string>();
  if (!value || value->empty() || value->size() > 100)
    return routing_error(source, node.source(), where,
                         where + " must be a text of 1-100 characters");
  return *value;
}

Result<DisputeRoutingRule> read_rule(const toml::table& table, std::string_view source,
                                     const std::string& path) {
  DisputeRoutingRule rule;
  for (const auto& [key, node] : table) {
    const std::string where = path + "." + std::string(key.str());
    if (key == "owner") {
      O2C_ASSIGN_OR_RETURN(rule.owner, text_at(node, source, where));
    } else if (key == "segment") {
      O2C_ASSIGN_OR_RETURN(rule.segment, text_at(node, source, where));
    } else if (key == "reason") {
      O2C_ASSIGN_OR_RETURN(std::string name, text_at(node, source, where));
      Result<DisputeReason> reason = dispute_reason_from_wire(name, where);
      if (!reason) return routing_error(source, node.source(), where, reason.error().message);
      rule.reason = *reason;
    } else {
      return routing_error(source, key.source(), where,
                           "unknown key '" + std::string(key.str()) + "'");
    }
  }
  if (rule.owner.empty())
    return routing_error(source, table.source(), path + ".owner", "a rule needs an owner");
  return rule;
}

}  // namespace

Result<DisputeRouting> parse_dispute_routing(std::string_view text, std::string_view source) {
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& failure) {
    const std::string where =
        std::string(source) + " line " + std::to_string(failure.source().begin.line);
    return invalid_argument("invalid_toml", where + ": " + std::string(failure.description()),
                            where);
  }
  DisputeRouting routing;
  for (const auto& [key, node] : root) {
    if (key == "default_owner") {
      O2C_ASSIGN_OR_RETURN(routing.default_owner, text_at(node, source, "default_owner"));
    } else if (key == "rule") {
      const toml::array* rules = node.as_array();
      if (rules == nullptr || rules->size() > kRoutingRulesMax)
        return routing_error(source, node.source(), "rule",
                             "rule must be an array of at most 1000 tables ([[rule]])");
      for (std::size_t i = 0; i < rules->size(); ++i) {
        const std::string path = "rule[" + std::to_string(i) + "]";
        const toml::table* table = (*rules)[i].as_table();
        if (table == nullptr)
          return routing_error(source, (*rules)[i].source(), path, path + " must be a table");
        O2C_ASSIGN_OR_RETURN(DisputeRoutingRule rule, read_rule(*table, source, path));
        routing.rules.push_back(std::move(rule));
      }
    } else {
      return routing_error(source, key.source(), std::string(key.str()),
                           "unknown key '" + std::string(key.str()) + "'");
    }
  }
  return routing;
}

}  // namespace o2c
