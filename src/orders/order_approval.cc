// The approval workflow: reading the policy, working out which levels an order needs, and the
// state machine of their decisions.
#include "core/limits.h"
#include "core/wire_names.h"
#include "orders/config_reading.h"
#include "orders/orders.h"

namespace o2c {
namespace {

constexpr std::string_view kDecisionNames[] = {"", "pending", "approved", "rejected"};

constexpr std::string_view kRefusalNames[] = {
    "",
    "unknown_approval_level",
    "level_already_decided",
    "not_awaiting_approval",
    "earlier_level_pending",
    "wrong_approver_role",
    "actor_required",
    "reason_required",
};

Error refuse(ApprovalRefusal refusal, ErrorKind kind, std::string message, std::string where) {
  return Error{kind, std::string(wire_name(refusal)), std::move(message), std::move(where)};
}

Result<ApprovalLevel> read_level(const ConfigReader& reader, const toml::table& table,
                                 const std::string& path) {
  O2C_RETURN_IF_ERROR(
      reader.check_keys(table, path,
                        {"role", "line_discount_over", "order_discount_over", "order_total_over",
                         "order_total_over_by_currency", "below_margin_floor"}));
  ApprovalLevel level;
  const toml::node* role = table.get("role");
  if (role == nullptr) return reader.error(table, path + ".role", path + " needs a role");
  O2C_ASSIGN_OR_RETURN(level.role, reader.text(*role, path + ".role"));
  if (const toml::node* node = table.get("line_discount_over")) {
    O2C_ASSIGN_OR_RETURN(level.line_discount_over,
                         reader.percent(*node, path + ".line_discount_over"));
  }
  if (const toml::node* node = table.get("order_discount_over")) {
    O2C_ASSIGN_OR_RETURN(level.order_discount_over,
                         reader.percent(*node, path + ".order_discount_over"));
  }
  O2C_ASSIGN_OR_RETURN(level.order_total_over, reader.threshold(table, path, "order_total_over",
                                                                "order_total_over_by_currency"));
  if (const toml::node* node = table.get("below_margin_floor")) {
    if (!node->is_boolean())
      return reader.error(*node, path + ".below_margin_floor",
                          path + ".below_margin_floor must be true or false");
    level.below_margin_floor = node->as_boolean()->get();
  }
  if (!level.line_discount_over && !level.order_discount_over && !level.order_total_over &&
      !level.below_margin_floor)
    return reader.error(table, path,
                        path + " has no condition (line_discount_over, order_discount_over, " +
                            "order_total_over, below_margin_floor), so it would never apply");
  return level;
}

// "line 2 price is below the margin floor" for every such line, joined by "; ".
std::string margin_reasons(const Order& order) {
  std::string why;
  for (const OrderLine& line : order.lines) {
    if (!line.below_margin_floor) continue;
    why += (why.empty() ? "" : "; ") + std::string("line ") + std::to_string(line.line_no) + " " +
           line.sku + " price is below the margin floor";
  }
  return why;
}

// Why `level` applies to `order`, one clause per matching condition; empty when it does not.
std::string reasons_for(const ApprovalLevel& level, const Order& order) {
  std::string why;
  const auto add = [&why](const std::string& clause) { why += (why.empty() ? "" : "; ") + clause; };
  if (level.line_discount_over) {
    for (const OrderLine& line : order.lines) {
      if (line.discount > *level.line_discount_over)
        add("line " + std::to_string(line.line_no) + " discount " + format_percent(line.discount) +
            " % is over " + format_percent(*level.line_discount_over) + " %");
    }
  }
  if (level.order_discount_over && order.order_discount > *level.order_discount_over)
    add("order discount " + format_percent(order.order_discount) + " % is over " +
        format_percent(*level.order_discount_over) + " %");
  if (level.order_total_over) {
    const std::optional<int> sign =
        compare_with_threshold(order.net_total, *level.order_total_over);
    if (sign && *sign > 0)
      add("order value " + format_money(order.net_total) + " is over " +
          format_threshold(*level.order_total_over, order.net_total.currency));
  }
  if (level.below_margin_floor) add(margin_reasons(order));
  return why;
}

// The step `action` decides, after every check that does not depend on the decision.
Result<ApprovalStep*> step_to_decide(Order& order, const ApprovalAction& action) {
  const std::string level_text = std::to_string(action.level);
  ApprovalStep* step = nullptr;
  for (ApprovalStep& candidate : order.approvals) {
    if (candidate.level == action.level) step = &candidate;
  }
  if (step == nullptr)
    return refuse(ApprovalRefusal::kUnknownLevel, ErrorKind::kNotFound,
                  "order " + order.number + " needs no approval at level " + level_text, "level");
  if (step->decision != ApprovalDecision::kPending)
    return refuse(ApprovalRefusal::kLevelAlreadyDecided, ErrorKind::kFailedPrecondition,
                  "level " + level_text + " of order " + order.number + " was already " +
                      std::string(wire_name(step->decision)) + " by " + step->actor,
                  "level");
  if (order.state != OrderState::kAwaitingApproval)
    return refuse(ApprovalRefusal::kNotAwaitingApproval, ErrorKind::kFailedPrecondition,
                  "order " + order.number + " is " + std::string(wire_name(order.state)) +
                      ", not awaiting approval",
                  "order");
  const ApprovalStep* next = next_approval(order);
  O2C_ASSERT(next != nullptr);
  if (next != step)
    return refuse(ApprovalRefusal::kEarlierLevelPending, ErrorKind::kFailedPrecondition,
                  "level " + std::to_string(next->level) + " (" + next->role +
                      ") must decide before level " + level_text,
                  "level");
  if (action.role != step->role)
    return refuse(ApprovalRefusal::kWrongRole, ErrorKind::kPermissionDenied,
                  "level " + level_text + " of order " + order.number + " is decided by " +
                      step->role + ", not by " + action.role,
                  "role");
  if (action.actor.empty())
    return refuse(ApprovalRefusal::kActorRequired, ErrorKind::kInvalidArgument,
                  "a decision needs the name of who made it", "actor");
  return step;
}

void record(ApprovalStep& step, ApprovalDecision decision, const ApprovalAction& action) {
  step.decision = decision;
  step.actor = action.actor;
  step.comment = action.comment;
  step.decided_at = action.at;
}

}  // namespace

std::string_view wire_name(ApprovalDecision decision) { return name_in(kDecisionNames, decision); }

Result<ApprovalDecision> approval_decision_from_wire(std::string_view name) {
  if (std::optional<ApprovalDecision> value = value_in<ApprovalDecision>(kDecisionNames, name))
    return *value;
  return invalid_argument(
      "unknown_approval_decision",
      "'" + std::string(name) + "' is not an approval decision (pending, approved, rejected)");
}

std::string_view wire_name(ApprovalRefusal refusal) { return name_in(kRefusalNames, refusal); }

Result<ApprovalPolicy> parse_approval_policy(std::string_view toml_text,
                                             std::string_view source_name) {
  const ConfigReader reader(source_name, "invalid_approval_policy");
  O2C_ASSIGN_OR_RETURN(toml::table root, reader.parse(toml_text));
  O2C_RETURN_IF_ERROR(reader.check_keys(root, "", {"level"}));
  ApprovalPolicy policy;
  const toml::node* levels = root.get("level");
  if (levels == nullptr) return policy;
  const toml::array* entries = levels->as_array();
  if (entries == nullptr || !entries->is_array_of_tables())
    return reader.error(*levels, "level", "level must be an array of tables: [[level]]");
  if (entries->size() > kApprovalLevelsMax)
    return reader.error(*levels, "level",
                        "a policy has at most " + std::to_string(kApprovalLevelsMax) + " levels");
  for (std::size_t i = 0; i < entries->size(); ++i) {
    O2C_ASSIGN_OR_RETURN(ApprovalLevel level, read_level(reader, *(*entries)[i].as_table(),
                                                         "level[" + std::to_string(i) + "]"));
    policy.levels.push_back(std::move(level));
  }
  return policy;
}

std::vector<ApprovalStep> required_approvals(const ApprovalPolicy& policy, const Order& order) {
  O2C_ASSERT(policy.levels.size() <= kApprovalLevelsMax);
  std::vector<ApprovalStep> steps;
  bool margin_covered = false;
  for (std::size_t i = 0; i < policy.levels.size(); ++i) {
    margin_covered = margin_covered || policy.levels[i].below_margin_floor;
    std::string why = reasons_for(policy.levels[i], order);
    if (why.empty()) continue;
    ApprovalStep step;
    step.level = static_cast<int>(i) + 1;
    step.role = policy.levels[i].role;
    step.why = std::move(why);
    steps.push_back(std::move(step));
  }
  // A price below the margin floor is never let through unseen, whatever the policy says.
  std::string margin_why = margin_covered ? std::string() : margin_reasons(order);
  if (!margin_why.empty()) {
    ApprovalStep step;
    step.level = static_cast<int>(policy.levels.size()) + 1;
    step.role = std::string(kMarginApproverDefault);
    step.why = std::move(margin_why);
    steps.push_back(std::move(step));
  }
  return steps;
}

void request_approvals(Order& order, std::vector<ApprovalStep> steps) {
  O2C_ASSERT(order.state == OrderState::kOpen || order.state == OrderState::kOnCreditHold);
  O2C_ASSERT(order.approvals.empty());
  for (std::size_t i = 0; i < steps.size(); ++i) {
    O2C_ASSERT(steps[i].decision == ApprovalDecision::kPending);
    O2C_ASSERT(!steps[i].role.empty());
    O2C_ASSERT(steps[i].level >= 1);
    O2C_ASSERT(i == 0 || steps[i - 1].level < steps[i].level);
  }
  order.approvals = std::move(steps);
  if (order.state == OrderState::kOpen && !order.approvals.empty())
    order.state = OrderState::kAwaitingApproval;
}

const ApprovalStep* next_approval(const Order& order) {
  for (const ApprovalStep& step : order.approvals) {
    if (step.decision == ApprovalDecision::kPending) return &step;
  }
  return nullptr;
}

Status approve_level(Order& order, const ApprovalAction& action) {
  O2C_ASSIGN_OR_RETURN(ApprovalStep * step, step_to_decide(order, action));
  record(*step, ApprovalDecision::kApproved, action);
  if (next_approval(order) == nullptr) order.state = OrderState::kOpen;
  return {};
}

Status reject_level(Order& order, const ApprovalAction& action) {
  O2C_ASSIGN_OR_RETURN(ApprovalStep * step, step_to_decide(order, action));
  if (action.comment.empty())
    return refuse(ApprovalRefusal::kReasonRequired, ErrorKind::kInvalidArgument,
                  "rejecting an order needs a reason", "comment");
  record(*step, ApprovalDecision::kRejected, action);
  order.state = OrderState::kRejected;
  order.hold_reason = "level " + std::to_string(step->level) + " (" + step->role +
                      ") rejected by " + action.actor + ": " + action.comment;
  return {};
}

}  // namespace o2c
