// Dunning policies (TOML), level selection, the pause, fee and interest.
#include <algorithm>

#include <toml++/toml.h>

#include "collections/collections.h"
#include "core/assert.h"

namespace o2c {
namespace {

constexpr std::string_view kReason = "invalid_dunning_policy";
constexpr std::size_t kLetterBytesMax = 4000;
constexpr std::size_t kSegmentsMax = 100;

Error policy_error(std::string message, std::string where) {
  return invalid_argument(std::string(kReason), std::move(message), std::move(where));
}

Result<toml::table> parse_toml(std::string_view text, std::string_view source) {
  try {
    return toml::parse(text, source);
  } catch (const toml::parse_error& failure) {
    return invalid_argument(
        "invalid_toml", std::string(failure.description()),
        std::string(source) + " line " + std::to_string(failure.source().begin.line));
  }
}

// A decimal amount as text ("10.00"), checked by parsing it in EUR (two decimals).
Result<std::string> amount_text(const toml::table& table, std::string_view key,
                                const std::string& where) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::string();
  const std::optional<std::string> text = node->value<std::string>();
  if (!text) return policy_error(std::string(key) + " is a quoted amount, e.g. \"10.00\"", where);
  O2C_ASSIGN_OR_RETURN(Currency eur, currency_from_code("EUR"));
  Result<Money> parsed = parse_money(*text, eur);
  if (!parsed || parsed->minor < 0)
    return policy_error(std::string(key) + " '" + *text + "' is not an amount of 0 or more", where);
  return *text;
}

Status check_keys(const toml::table& table, std::initializer_list<std::string_view> known,
                  const std::string& path) {
  for (const auto& [key, value] : table) {
    if (std::find(known.begin(), known.end(), key.str()) == known.end())
      return policy_error("unknown key '" + std::string(key.str()) + "'",
                          path + "." + std::string(key.str()));
  }
  return {};
}

Result<DunningLevel> read_level(const toml::table& table, const std::string& path) {
  O2C_RETURN_IF_ERROR(check_keys(table, {"days", "name", "letter", "fee", "interest_bp"}, path));
  DunningLevel level;
  const std::optional<std::int64_t> days = table["days"].value<std::int64_t>();
  if (!days || *days < 1 || *days > kDunningDaysMax)
    return policy_error("days after due must be 1.." + std::to_string(kDunningDaysMax),
                        path + ".days");
  level.days_after_due = static_cast<int>(*days);
  level.name = table["name"].value_or(std::string());
  level.letter = table["letter"].value_or(std::string());
  if (level.name.empty()) return policy_error("a level needs a name", path + ".name");
  if (level.letter.empty() || level.letter.size() > kLetterBytesMax)
    return policy_error("a level needs a letter text of 1-4000 bytes", path + ".letter");
  O2C_ASSIGN_OR_RETURN(level.fee, amount_text(table, "fee", path + ".fee"));
  if (const toml::node* rate = table.get("interest_bp")) {
    const std::optional<std::int64_t> bp = rate->value<std::int64_t>();
    if (!bp || *bp < 0 || *bp > kInterestBasisPointsMax)
      return policy_error("interest_bp must be 0.." + std::to_string(kInterestBasisPointsMax),
                          path + ".interest_bp");
    level.interest = BasisPoints{static_cast<std::int32_t>(*bp)};
  }
  return level;
}

Result<DunningPolicy> read_policy(std::string segment, const toml::table& table,
                                  const std::string& path) {
  O2C_RETURN_IF_ERROR(check_keys(table, {"minimum", "levels"}, path));
  DunningPolicy policy;
  policy.segment = std::move(segment);
  O2C_ASSIGN_OR_RETURN(policy.minimum, amount_text(table, "minimum", path + ".minimum"));
  const toml::array* levels = table["levels"].as_array();
  if (levels == nullptr || levels->empty() || levels->size() > kDunningLevelsMax)
    return policy_error("a policy needs 1-" + std::to_string(kDunningLevelsMax) + " [[levels]]",
                        path + ".levels");
  for (std::size_t i = 0; i < levels->size(); ++i) {
    const std::string level_path = path + ".levels[" + std::to_string(i + 1) + "]";
    const toml::table* level_table = (*levels)[i].as_table();
    if (level_table == nullptr) return policy_error("a level is a table", level_path);
    O2C_ASSIGN_OR_RETURN(DunningLevel level, read_level(*level_table, level_path));
    level.number = static_cast<int>(i + 1);
    if (!policy.levels.empty() && level.days_after_due <= policy.levels.back().days_after_due)
      return policy_error("levels come in increasing days after due", level_path + ".days");
    const bool final_level = i + 1 == levels->size();
    if (!final_level && (!level.fee.empty() || level.interest.value != 0))
      return policy_error("only the final level charges a fee or interest", level_path);
    policy.levels.push_back(std::move(level));
  }
  O2C_ASSERT(!policy.levels.empty());
  return policy;
}

}  // namespace

Result<DunningPolicies> parse_dunning_policies(std::string_view toml_text,
                                               std::string_view source) {
  O2C_ASSIGN_OR_RETURN(toml::table root, parse_toml(toml_text, source));
  O2C_RETURN_IF_ERROR(check_keys(root, {"segments"}, std::string(source)));
  const toml::table* segments = root["segments"].as_table();
  if (segments == nullptr || segments->empty())
    return policy_error("the file needs at least one [segments.<segment>]", "segments");
  if (segments->size() > kSegmentsMax)
    return policy_error("at most " + std::to_string(kSegmentsMax) + " segments", "segments");
  DunningPolicies policies;
  for (const auto& [key, value] : *segments) {
    const std::string path = "segments." + std::string(key.str());
    const toml::table* table = value.as_table();
    if (table == nullptr) return policy_error("a segment's policy is a table", path);
    O2C_ASSIGN_OR_RETURN(DunningPolicy policy, read_policy(std::string(key.str()), *table, path));
    policies.policies.push_back(std::move(policy));
  }
  std::sort(policies.policies.begin(), policies.policies.end(),
            [](const DunningPolicy& a, const DunningPolicy& b) { return a.segment < b.segment; });
  return policies;
}

const DunningPolicy* policy_for_segment(const DunningPolicies& policies, std::string_view segment) {
  const DunningPolicy* fallback = nullptr;
  for (const DunningPolicy& policy : policies.policies) {
    if (policy.segment == segment) return &policy;
    if (policy.segment == "default") fallback = &policy;
  }
  return fallback;
}

std::string_view wire_name(DunningSkip skip) {
  switch (skip) {
    case DunningSkip::kDisputed:
      return "disputed";
    case DunningSkip::kPromised:
      return "promised";
    case DunningSkip::kBelowMinimum:
      return "below_minimum";
    case DunningSkip::kNoPolicy:
      return "no_policy";
    case DunningSkip::kNotDueYet:
      return "not_due_yet";
    case DunningSkip::kAlreadySent:
      return "already_sent";
  }
  O2C_ASSERT(false);
  return "";
}

std::optional<DunningSkip> dunning_pause(bool open_dispute, bool open_promise) {
  if (open_dispute) return DunningSkip::kDisputed;
  if (open_promise) return DunningSkip::kPromised;
  return std::nullopt;
}

int level_due(const DunningPolicy& policy, std::int64_t days_overdue) {
  int due = 0;
  for (const DunningLevel& level : policy.levels)
    if (days_overdue >= level.days_after_due) due = level.number;
  return due;
}

Result<DunningDecision> decide_dunning(const DunningPolicy& policy, const DunningItem& item,
                                       Date as_of) {
  O2C_ASSERT(item.open.minor > 0);
  O2C_ASSERT(item.last_level_sent >= 0);
  if (std::optional<DunningSkip> pause = dunning_pause(item.open_dispute, item.open_promise))
    return DunningDecision{0, pause};
  if (!policy.minimum.empty()) {
    O2C_ASSIGN_OR_RETURN(Money minimum, parse_money(policy.minimum, item.open.currency));
    if (item.open.minor < minimum.minor) return DunningDecision{0, DunningSkip::kBelowMinimum};
  }
  const int due = level_due(policy, days_between(item.due_date, as_of));
  if (due == 0) return DunningDecision{0, DunningSkip::kNotDueYet};
  // Never back: a level at or below one already sent is not sent again.
  if (due <= item.last_level_sent) return DunningDecision{0, DunningSkip::kAlreadySent};
  return DunningDecision{due, std::nullopt};
}

Result<Money> overdue_interest(Money open, BasisPoints rate_per_year, std::int64_t days_overdue) {
  if (days_overdue <= 0 || rate_per_year.value == 0 || open.minor <= 0) return zero(open.currency);
  O2C_ASSIGN_OR_RETURN(std::int64_t minor,
                       divide_rounded(Int128{open.minor} * rate_per_year.value * days_overdue,
                                      Int128{kBasisPointsWhole} * 365, Rounding::kHalfEven));
  return Money{minor, open.currency};
}

Result<Money> level_fee(const DunningLevel& level, Currency currency) {
  if (level.fee.empty()) return zero(currency);
  return parse_money(level.fee, currency);
}

}  // namespace o2c
