// Reading the credit scoring policy from TOML (credit.h parse_credit_scoring).
#include <algorithm>

#include <toml++/toml.h>

#include "credit/credit.h"

namespace o2c {
namespace {

constexpr std::string_view kReason = "invalid_credit_scoring";
constexpr int kSettingMax = 10'000;

struct Reader {
  std::string_view source;

  Error error(const toml::node& node, const std::string& where, const std::string& message) const {
    return invalid_argument(
        std::string(kReason),
        std::string(source) + " line " + std::to_string(node.source().begin.line) + ": " + message,
        where);
  }

  // Sets `target` from table[key] when present: an integer within [low, high].
  Status integer(const toml::table& table, std::string_view section, std::string_view key, int low,
                 int high, int& target) const {
    const toml::node* node = table.get(key);
    if (node == nullptr) return {};
    const std::string where = std::string(section) + "." + std::string(key);
    const toml::value<std::int64_t>* value = node->as_integer();
    if (value == nullptr || value->get() < low || value->get() > high)
      return error(*node, where,
                   where + " must be an integer from " + std::to_string(low) + " to " +
                       std::to_string(high));
    target = static_cast<int>(value->get());
    return {};
  }

  // The section's table, refusing keys it does not know; null when absent.
  Result<const toml::table*> section(const toml::table& root, std::string_view name,
                                     std::initializer_list<std::string_view> known) const {
    const toml::node* node = root.get(name);
    if (node == nullptr) return static_cast<const toml::table*>(nullptr);
    const toml::table* table = node->as_table();
    if (table == nullptr)
      return error(*node, std::string(name), std::string(name) + " must be a table");
    for (const auto& [key, value] : *table) {
      if (std::find(known.begin(), known.end(), key.str()) != known.end()) continue;
      return error(value, std::string(name) + "." + std::string(key.str()),
                   "unknown key '" + std::string(key.str()) + "' in [" + std::string(name) + "]");
    }
    return table;
  }
};

Status read_weights(const Reader& reader, const toml::table& root, CreditScoringPolicy& policy) {
  O2C_ASSIGN_OR_RETURN(const toml::table* weights,
                       reader.section(root, "weights",
                                      {"days_beyond_terms", "trend", "utilisation", "disputes",
                                       "relationship_age"}));
  if (weights == nullptr) return {};
  for (std::size_t i = 0; i < kScoreFactorCount; ++i) {
    O2C_RETURN_IF_ERROR(reader.integer(*weights, "weights",
                                       wire_name(static_cast<ScoreFactor>(i + 1)), 0, 100,
                                       policy.weights[i]));
  }
  int total = 0;
  for (int weight : policy.weights) total += weight;
  if (total != 100)
    return reader.error(root, "weights",
                        "the weights must sum to 100, not " + std::to_string(total));
  return {};
}

Status read_scale(const Reader& reader, const toml::table& root, CreditScoringPolicy& policy) {
  O2C_ASSIGN_OR_RETURN(
      const toml::table* scale,
      reader.section(root, "scale",
                     {"days_beyond_terms_zero", "trend_days_zero", "trend_window_days",
                      "open_dispute_points", "recent_dispute_points", "relationship_months_full"}));
  if (scale == nullptr) return {};
  const toml::table& s = *scale;
  O2C_RETURN_IF_ERROR(reader.integer(s, "scale", "days_beyond_terms_zero", 1, kSettingMax,
                                     policy.days_beyond_terms_zero));
  O2C_RETURN_IF_ERROR(
      reader.integer(s, "scale", "trend_days_zero", 1, kSettingMax, policy.trend_days_zero));
  O2C_RETURN_IF_ERROR(
      reader.integer(s, "scale", "trend_window_days", 1, kSettingMax, policy.trend_window_days));
  O2C_RETURN_IF_ERROR(
      reader.integer(s, "scale", "open_dispute_points", 0, 100, policy.open_dispute_points));
  O2C_RETURN_IF_ERROR(
      reader.integer(s, "scale", "recent_dispute_points", 0, 100, policy.recent_dispute_points));
  return reader.integer(s, "scale", "relationship_months_full", 1, 1200,
                        policy.relationship_months_full);
}

Status read_classes(const Reader& reader, const toml::table& root, CreditScoringPolicy& policy) {
  O2C_ASSIGN_OR_RETURN(const toml::table* classes,
                       reader.section(root, "classes", {"A", "B", "C", "D"}));
  if (classes == nullptr) return {};
  static constexpr std::string_view kNames[] = {"A", "B", "C", "D"};
  for (std::size_t i = 0; i < 4; ++i)
    O2C_RETURN_IF_ERROR(
        reader.integer(*classes, "classes", kNames[i], 0, 100, policy.class_minimum[i]));
  for (std::size_t i = 1; i < 4; ++i) {
    if (policy.class_minimum[i] >= policy.class_minimum[i - 1])
      return reader.error(*classes, "classes." + std::string(kNames[i]),
                          "class thresholds must descend from A to D");
  }
  return {};
}

}  // namespace

Result<CreditScoringPolicy> parse_credit_scoring(std::string_view toml_text,
                                                 std::string_view source) {
  const Reader reader{source};
  toml::table root;
  try {
    root = toml::parse(toml_text, source);
  } catch (const toml::parse_error& failure) {
    const std::string line = std::to_string(failure.source().begin.line);
    return invalid_argument("invalid_toml",
                            std::string(source) + " line " + line +
                                " is not valid TOML: " + std::string(failure.description()),
                            std::string(source) + " line " + line);
  }
  for (const auto& [key, value] : root) {
    const std::string_view name = key.str();
    if (name != "weights" && name != "scale" && name != "classes" && name != "holds")
      return reader.error(value, std::string(name), "unknown section '" + std::string(name) + "'");
  }
  CreditScoringPolicy policy;
  O2C_RETURN_IF_ERROR(read_weights(reader, root, policy));
  O2C_RETURN_IF_ERROR(read_scale(reader, root, policy));
  O2C_RETURN_IF_ERROR(read_classes(reader, root, policy));
  O2C_ASSIGN_OR_RETURN(const toml::table* holds,
                       reader.section(root, "holds", {"overdue_days_max"}));
  if (holds != nullptr)
    O2C_RETURN_IF_ERROR(reader.integer(*holds, "holds", "overdue_days_max", 0, kSettingMax,
                                       policy.holds.overdue_days_max));
  return policy;
}

}  // namespace o2c
