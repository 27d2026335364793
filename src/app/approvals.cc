// Use cases for the order rules and approval policy in force, and for approvers deciding the
// orders in the approval queue.
#include "app/use_case.h"
#include "core/sha256.h"

namespace o2c::app {
namespace {

constexpr std::string_view kOrderRulesKey = "order_rules";
constexpr std::string_view kApprovalPolicyKey = "approval_policy";
constexpr std::string_view kPriceRulesKey = "price_rules";

// Stores a configuration text after `check` accepted it, and journals which text it was.
template <typename Check>
Status store_config(Context& context, std::string_view key, std::string_view toml_text,
                    Check check) {
  O2C_RETURN_IF_ERROR(check(toml_text));
  return context.store
      .submit([&](StoreWriter& writer) -> Status {
        O2C_RETURN_IF_ERROR(writer.save_setting(key, toml_text));
        O2C_RETURN_IF_ERROR(append_event(writer, context, "config.set", key,
                                         {{"sha256", to_hex(sha256(toml_text))},
                                          {"bytes", static_cast<std::int64_t>(toml_text.size())}}));
        return {};
      })
      .get();
}

// Approve or reject the order's next level, then what follows from the decision.
Result<Order> decide(Context& context, std::string_view order_number, ApprovalAction action,
                     bool approve) {
  action.at = context.clock.now();
  return context.store.write<Order>([&](StoreWriter& writer) -> Result<Order> {
    O2C_ASSIGN_OR_RETURN(Order order, require_order(writer, order_number));
    O2C_RETURN_IF_ERROR(approve ? approve_level(order, action) : reject_level(order, action));
    O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer, writer.find_customer(order.customer));
    O2C_ASSERT(customer.has_value());
    if (order.state == OrderState::kOpen) O2C_RETURN_IF_ERROR(reserve_order_lines(writer, order));
    if (order.state == OrderState::kRejected) {
      release_coupons(order);
      O2C_ASSIGN_OR_RETURN(Money uninvoiced, uninvoiced_gross(order));
      O2C_RETURN_IF_ERROR(adjust_open_orders(writer, *customer, negate(uninvoiced)));
    }
    O2C_RETURN_IF_ERROR(writer.update_order(order));
    O2C_RETURN_IF_ERROR(append_event(
        writer, context, approve ? "order.approved" : "order.approval_rejected", order.number,
        {{"level", action.level},
         {"role", action.role},
         {"comment", action.comment},
         {"state", wire_name(order.state)}}));
    return order;
  });
}

}  // namespace

Result<OrderPolicy> load_order_policy(StoreReader& reader) {
  OrderPolicy policy;
  O2C_ASSIGN_OR_RETURN(std::optional<std::string> rules, reader.setting(kOrderRulesKey));
  O2C_ASSIGN_OR_RETURN(std::optional<std::string> approvals, reader.setting(kApprovalPolicyKey));
  policy.rules_text = rules.value_or("");
  policy.approvals_text = approvals.value_or("");
  // Stored texts were checked when set; one that no longer parses was edited outside o2c.
  O2C_ASSIGN_OR_RETURN(policy.rules, parse_order_rules(policy.rules_text, "stored order rules"));
  O2C_ASSIGN_OR_RETURN(policy.approvals,
                       parse_approval_policy(policy.approvals_text, "stored approval policy"));
  O2C_ASSIGN_OR_RETURN(std::optional<std::string> prices, reader.setting(kPriceRulesKey));
  policy.price_rules_text = prices.value_or("");
  if (!policy.price_rules_text.empty()) {
    Result<PriceBook> book = parse_price_rules(policy.price_rules_text);
    if (!book) {
      Error error = std::move(book).error();
      error.where = "stored price rules: " + error.where;
      return error;
    }
    policy.prices = std::move(*book);
  }
  O2C_ASSIGN_OR_RETURN(CreditScoringPolicy credit, load_credit_policy(reader));
  policy.credit_holds = credit.holds;
  return policy;
}

Status set_order_rules(Context& context, std::string_view toml_text, std::string_view source) {
  return store_config(context, kOrderRulesKey, toml_text, [&](std::string_view text) -> Status {
    O2C_ASSIGN_OR_RETURN(OrderRules rules, parse_order_rules(text, source));
    (void)rules;
    return {};
  });
}

Status set_approval_policy(Context& context, std::string_view toml_text, std::string_view source) {
  return store_config(context, kApprovalPolicyKey, toml_text, [&](std::string_view text) -> Status {
    O2C_ASSIGN_OR_RETURN(ApprovalPolicy policy, parse_approval_policy(text, source));
    (void)policy;
    return {};
  });
}

Status set_price_rules(Context& context, std::string_view toml_text, std::string_view source) {
  return store_config(context, kPriceRulesKey, toml_text, [&](std::string_view text) -> Status {
    if (text.empty()) return {};
    Result<PriceBook> book = parse_price_rules(text);
    if (!book) {
      Error error = std::move(book).error();
      error.where = std::string(source) + ": " + error.where;
      return error;
    }
    return {};
  });
}

Result<std::vector<PendingApproval>> approval_queue(StoreReader& reader,
                                                    std::optional<std::string> role) {
  O2C_ASSIGN_OR_RETURN(
      std::vector<Order> orders,
      reader.list_orders(OrderFilter{OrderState::kAwaitingApproval, std::nullopt, SIZE_MAX}));
  std::vector<PendingApproval> queue;
  for (const Order& listed : orders) {
    // Listed orders come without lines and approval levels; the queue shows both.
    O2C_ASSIGN_OR_RETURN(Order order, require_order(reader, listed.number));
    const ApprovalStep* next = next_approval(order);
    if (next == nullptr || (role && next->role != *role)) continue;
    ApprovalStep step = *next;
    queue.push_back(PendingApproval{std::move(order), std::move(step)});
  }
  return queue;
}

Result<Order> approve_order(Context& context, std::string_view order_number,
                            ApprovalAction action) {
  return decide(context, order_number, std::move(action), /*approve=*/true);
}

Result<Order> reject_order_approval(Context& context, std::string_view order_number,
                                    ApprovalAction action) {
  return decide(context, order_number, std::move(action), /*approve=*/false);
}

}  // namespace o2c::app
