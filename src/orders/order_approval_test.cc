#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "core/limits.h"
#include "core/money.h"
#include "orders/orders.h"

namespace o2c {
namespace {

Currency currency(std::string_view code) { return currency_from_code(code).value(); }
Money money(std::string_view text, std::string_view code) {
  return parse_money(text, currency(code)).value();
}

constexpr std::string_view kPolicy = R"(
[[level]]
role = "sales_manager"
line_discount_over = "15"
order_discount_over = 10

[[level]]
role = "finance"
order_total_over = "100000"
order_total_over_by_currency = { JPY = "15000000" }
)";

ApprovalPolicy policy() {
  Result<ApprovalPolicy> parsed = parse_approval_policy(kPolicy);
  EXPECT_TRUE(parsed.has_value()) << parsed.error().message;
  return std::move(parsed).value();
}

// ---- parse_approval_policy ---------------------------------------------------------------

TEST(ParseApprovalPolicy, ReadsLevelsInOrder) {
  const ApprovalPolicy read = policy();
  ASSERT_EQ(read.levels.size(), 2u);
  const ApprovalLevel& sales = read.levels[0];
  EXPECT_EQ(sales.role, "sales_manager");
  EXPECT_EQ(sales.line_discount_over, BasisPoints{1'500});
  EXPECT_EQ(sales.order_discount_over, BasisPoints{1'000});
  EXPECT_FALSE(sales.order_total_over.has_value());
  const ApprovalLevel& finance = read.levels[1];
  EXPECT_EQ(finance.role, "finance");
  EXPECT_FALSE(finance.line_discount_over.has_value());
  EXPECT_FALSE(finance.order_discount_over.has_value());
  ASSERT_TRUE(finance.order_total_over.has_value());
  EXPECT_EQ(finance.order_total_over->any_currency_thousandths, 100'000'000);
  ASSERT_EQ(finance.order_total_over->by_currency.size(), 1u);
  EXPECT_EQ(finance.order_total_over->by_currency[0], money("15000000", "JPY"));
}

TEST(ParseApprovalPolicy, NoLevelsMeansNoApprovals) {
  const Result<ApprovalPolicy> parsed = parse_approval_policy("");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_TRUE(parsed->levels.empty());
}

TEST(ParseApprovalPolicy, AcceptsTheMaximumNumberOfLevels) {
  std::string text;
  for (std::size_t i = 0; i < kApprovalLevelsMax; ++i)
    text += "[[level]]\nrole = \"r" + std::to_string(i) + "\"\norder_total_over = 1\n";
  Result<ApprovalPolicy> parsed = parse_approval_policy(text);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ(parsed->levels.size(), kApprovalLevelsMax);
  text += "[[level]]\nrole = \"one_too_many\"\norder_total_over = 1\n";
  parsed = parse_approval_policy(text);
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().reason, "invalid_approval_policy");
  EXPECT_EQ(parsed.error().where, "level");
  EXPECT_NE(parsed.error().message.find("at most 9 levels"), std::string::npos);
}

struct BadPolicy {
  std::string name;
  std::string text;
  std::string reason;
  std::string where;
  std::string message_part;
};

TEST(ParseApprovalPolicy, NamesTheLevelFieldAndLineOfEachMistake) {
  const std::vector<BadPolicy> cases = {
      {"not TOML", "[[level]\nrole = \"x\"\n", "invalid_toml", "approvals.toml line 1",
       "not valid TOML"},
      {"unknown top-level key", "levels = 1\n", "invalid_approval_policy", "levels",
       "approvals.toml line 1: unknown key 'levels'"},
      {"level as one table", "[level]\nrole = \"x\"\n", "invalid_approval_policy", "level",
       "[[level]]"},
      {"no role", "[[level]]\norder_total_over = 1\n", "invalid_approval_policy", "level[0].role",
       "needs a role"},
      {"empty role", "[[level]]\nrole = \"\"\norder_total_over = 1\n", "invalid_approval_policy",
       "level[0].role", "must not be empty"},
      {"role not text", "[[level]]\nrole = 7\norder_total_over = 1\n", "invalid_approval_policy",
       "level[0].role", "must be a string"},
      {"no condition", "[[level]]\nrole = \"a\"\norder_total_over = 1\n[[level]]\nrole = \"b\"\n",
       "invalid_approval_policy", "level[1]", "would never apply"},
      {"unknown key", "[[level]]\nrole = \"a\"\nline_discount_above = 15\n",
       "invalid_approval_policy", "level[0].line_discount_above", "approvals.toml line 3"},
      {"float percent", "[[level]]\nrole = \"a\"\nline_discount_over = 15.5\n",
       "invalid_approval_policy", "level[0].line_discount_over", "write it as a string"},
      {"percent over 100", "[[level]]\nrole = \"a\"\norder_discount_over = \"100.01\"\n",
       "invalid_approval_policy", "level[0].order_discount_over", "between 0 and 100"},
      {"percent with three decimals", "[[level]]\nrole = \"a\"\nline_discount_over = \"1.234\"\n",
       "invalid_approval_policy", "level[0].line_discount_over", "decimals"},
      {"negative total", "[[level]]\nrole = \"a\"\norder_total_over = \"-5\"\n",
       "invalid_approval_policy", "level[0].order_total_over", "must not be negative"},
      {"unknown currency",
       "[[level]]\nrole = \"a\"\norder_total_over_by_currency = { XYZ = \"5\" }\n",
       "invalid_approval_policy", "level[0].order_total_over_by_currency.XYZ", "XYZ"},
      {"too many decimals for the currency",
       "[[level]]\nrole = \"a\"\norder_total_over_by_currency = { EUR = \"5.001\" }\n",
       "invalid_approval_policy", "level[0].order_total_over_by_currency.EUR", "decimals"},
  };
  for (const BadPolicy& test_case : cases) {
    SCOPED_TRACE(test_case.name);
    const Result<ApprovalPolicy> parsed = parse_approval_policy(test_case.text);
    ASSERT_FALSE(parsed.has_value());
    EXPECT_EQ(parsed.error().kind, ErrorKind::kInvalidArgument);
    EXPECT_EQ(parsed.error().reason, test_case.reason);
    EXPECT_EQ(parsed.error().where, test_case.where);
    EXPECT_NE(parsed.error().message.find(test_case.message_part), std::string::npos)
        << parsed.error().message;
  }
}

// ---- required_approvals ------------------------------------------------------------------

OrderLine line(int line_no, std::int32_t discount_bp) {
  OrderLine item;
  item.line_no = line_no;
  item.sku = "W-" + std::to_string(line_no);
  item.quantity = units(1);
  item.discount = BasisPoints{discount_bp};
  return item;
}

Order priced_order(std::string_view net = "1000.00", std::string_view code = "EUR") {
  Order order;
  order.number = "SO-2026-000007";
  order.currency = currency(code);
  order.state = OrderState::kOpen;
  order.lines = {line(1, 0), line(2, 500)};
  order.net_total = money(net, code);
  return order;
}

std::string describe(const std::vector<ApprovalStep>& steps) {
  std::string text;
  for (const ApprovalStep& step : steps) {
    text += std::to_string(step.level) + " " + step.role + " " +
            std::string(wire_name(step.decision)) + ": " + step.why + "\n";
  }
  return text;
}

TEST(RequiredApprovals, NoneBelowEveryThreshold) {
  EXPECT_EQ(describe(required_approvals(policy(), priced_order())), "");
  EXPECT_EQ(describe(required_approvals(ApprovalPolicy{}, priced_order("99999999.99"))), "");
}

TEST(RequiredApprovals, ThresholdsAreStrictlyOver) {
  Order order = priced_order("100000.00");
  order.lines[0].discount = BasisPoints{1'500};
  order.order_discount = BasisPoints{1'000};
  EXPECT_EQ(describe(required_approvals(policy(), order)), "");
}

TEST(RequiredApprovals, LineDiscountJustOverNeedsTheSalesManager) {
  Order order = priced_order();
  order.lines[1].discount = BasisPoints{1'501};
  EXPECT_EQ(describe(required_approvals(policy(), order)),
            "1 sales_manager pending: line 2 discount 15.01 % is over 15 %\n");
}

TEST(RequiredApprovals, ListsEveryMatchingLineAndCondition) {
  Order order = priced_order();
  order.lines[0].discount = BasisPoints{2'000};
  order.lines[1].discount = BasisPoints{10'000};
  order.order_discount = BasisPoints{1'050};
  EXPECT_EQ(describe(required_approvals(policy(), order)),
            "1 sales_manager pending: line 1 discount 20 % is over 15 %; line 2 discount 100 % is "
            "over 15 %; order discount 10.5 % is over 10 %\n");
}

TEST(RequiredApprovals, OrderTotalOverTheLimitNeedsFinanceOnly) {
  EXPECT_EQ(describe(required_approvals(policy(), priced_order("100000.01"))),
            "2 finance pending: order value 100000.01 EUR is over 100000.00 EUR\n");
  // The any-currency limit reads as 100,000 in the order's currency.
  EXPECT_EQ(describe(required_approvals(policy(), priced_order("100000.01", "USD"))),
            "2 finance pending: order value 100000.01 USD is over 100000.00 USD\n");
  EXPECT_EQ(describe(required_approvals(policy(), priced_order("100000.001", "KWD"))),
            "2 finance pending: order value 100000.001 KWD is over 100000.000 KWD\n");
}

TEST(RequiredApprovals, PerCurrencyLimitOverridesTheAnyCurrencyOne) {
  EXPECT_EQ(describe(required_approvals(policy(), priced_order("15000000", "JPY"))), "");
  EXPECT_EQ(describe(required_approvals(policy(), priced_order("15000001", "JPY"))),
            "2 finance pending: order value 15000001 JPY is over 15000000 JPY\n");
}

TEST(RequiredApprovals, AllMatchingLevelsInAscendingOrder) {
  Order order = priced_order("250000.00");
  order.lines[0].discount = BasisPoints{1'600};
  EXPECT_EQ(describe(required_approvals(policy(), order)),
            "1 sales_manager pending: line 1 discount 16 % is over 15 %\n"
            "2 finance pending: order value 250000.00 EUR is over 100000.00 EUR\n");
}

TEST(RequiredApprovals, CurrencyWithoutALimitIsNotCompared) {
  ApprovalPolicy only_eur;
  only_eur.levels.push_back(ApprovalLevel{"finance", std::nullopt, std::nullopt,
                                          AmountThreshold{{money("10.00", "EUR")}, std::nullopt}});
  EXPECT_EQ(describe(required_approvals(only_eur, priced_order("999999.00", "USD"))), "");
  EXPECT_EQ(describe(required_approvals(only_eur, priced_order("10.01", "EUR"))),
            "1 finance pending: order value 10.01 EUR is over 10.00 EUR\n");
}

TEST(ParseApprovalPolicy, ReadsTheMarginFloorCondition) {
  Result<ApprovalPolicy> parsed =
      parse_approval_policy("[[level]]\nrole = \"pricing\"\nbelow_margin_floor = true\n");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_TRUE(parsed->levels[0].below_margin_floor);
  parsed = parse_approval_policy("[[level]]\nrole = \"pricing\"\nbelow_margin_floor = \"yes\"\n");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().where, "level[0].below_margin_floor");
  // false alone is no condition at all.
  parsed = parse_approval_policy("[[level]]\nrole = \"pricing\"\nbelow_margin_floor = false\n");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().where, "level[0]");
}

TEST(RequiredApprovals, ALineBelowTheMarginFloorGoesToTheLevelThatSaysSo) {
  ApprovalPolicy with_margin = policy();
  ApprovalLevel pricing;
  pricing.role = "pricing_manager";
  pricing.below_margin_floor = true;
  with_margin.levels.push_back(pricing);
  Order order = priced_order();
  order.lines[1].sku = "L-200";
  order.lines[1].below_margin_floor = true;
  EXPECT_EQ(describe(required_approvals(with_margin, order)),
            "3 pricing_manager pending: line 2 L-200 price is below the margin floor\n");
}

TEST(RequiredApprovals, ALineBelowTheMarginFloorGoesToFinanceWhenNoLevelSaysSo) {
  Order order = priced_order();
  order.lines[0].sku = "L-200";
  order.lines[0].below_margin_floor = true;
  EXPECT_EQ(describe(required_approvals(ApprovalPolicy{}, order)),
            "1 finance pending: line 1 L-200 price is below the margin floor\n");
  // After the policy's own levels, which still apply as they would.
  order.lines[1].discount = BasisPoints{2'000};
  EXPECT_EQ(describe(required_approvals(policy(), order)),
            "1 sales_manager pending: line 2 discount 20 % is over 15 %\n"
            "3 finance pending: line 1 L-200 price is below the margin floor\n");
}

// ---- request_approvals -------------------------------------------------------------------

Order awaiting_two_levels() {
  Order order = priced_order("250000.00");
  order.lines[0].discount = BasisPoints{1'600};
  request_approvals(order, required_approvals(policy(), order));
  return order;
}

TEST(RequestApprovals, AnOpenOrderWithStepsAwaitsApproval) {
  const Order order = awaiting_two_levels();
  EXPECT_EQ(order.state, OrderState::kAwaitingApproval);
  ASSERT_EQ(order.approvals.size(), 2u);
  ASSERT_NE(next_approval(order), nullptr);
  EXPECT_EQ(next_approval(order)->level, 1);
}

TEST(RequestApprovals, AnOrderNeedingNoneStaysOpen) {
  Order order = priced_order();
  request_approvals(order, required_approvals(policy(), order));
  EXPECT_EQ(order.state, OrderState::kOpen);
  EXPECT_TRUE(order.approvals.empty());
  EXPECT_EQ(next_approval(order), nullptr);
}

TEST(RequestApprovals, AnOrderOnCreditHoldWaitsThereFirst) {
  Order order = priced_order("250000.00");
  order.state = OrderState::kOnCreditHold;
  request_approvals(order, required_approvals(policy(), order));
  EXPECT_EQ(order.state, OrderState::kOnCreditHold);
  ASSERT_EQ(order.approvals.size(), 1u);
  // Approvers cannot act before the credit manager.
  const Status early = approve_level(order, ApprovalAction{2, "finance", "fin", "", {}});
  ASSERT_FALSE(early.has_value());
  EXPECT_EQ(early.error().reason, "not_awaiting_approval");
  ASSERT_TRUE(release_hold(order).has_value());
  EXPECT_EQ(order.state, OrderState::kAwaitingApproval);
  ASSERT_TRUE(approve_level(order, ApprovalAction{2, "finance", "fin", "", {}}).has_value());
  EXPECT_EQ(order.state, OrderState::kOpen);
}

ApprovalStep pending_step(int level, std::string role, std::string why) {
  ApprovalStep step;
  step.level = level;
  step.role = std::move(role);
  step.why = std::move(why);
  return step;
}

TEST(RequestApprovalsDeathTest, OnlyOnceAndOnlyForNewOrders) {
  Order held = priced_order("250000.00");
  held.state = OrderState::kOnCreditHold;
  request_approvals(held, required_approvals(policy(), held));
  EXPECT_DEATH(request_approvals(held, {}), "approvals.empty");
  Order shipping = priced_order();
  shipping.state = OrderState::kPartiallyShipped;
  EXPECT_DEATH(request_approvals(shipping, {}), "state");
  Order fresh = priced_order();
  std::vector<ApprovalStep> unordered = {pending_step(2, "b", "x"), pending_step(1, "a", "y")};
  EXPECT_DEATH(request_approvals(fresh, unordered), "level");
}

// ---- approve_level / reject_level --------------------------------------------------------

ApprovalAction action(int level, std::string role, std::string actor = "alice",
                      std::string comment = "") {
  return ApprovalAction{level, std::move(role), std::move(actor), std::move(comment),
                        Timestamp{1'772'445'600'000'000}};
}

TEST(ApproveLevel, LevelsApproveInOrderThenTheOrderIsOpen) {
  Order order = awaiting_two_levels();
  ASSERT_TRUE(approve_level(order, action(1, "sales_manager", "alice", "key account")).has_value());
  EXPECT_EQ(order.state, OrderState::kAwaitingApproval);
  EXPECT_EQ(next_approval(order)->level, 2);
  ASSERT_TRUE(approve_level(order, action(2, "finance", "bob")).has_value());
  EXPECT_EQ(order.state, OrderState::kOpen);
  EXPECT_EQ(next_approval(order), nullptr);

  const ApprovalStep& first = order.approvals[0];
  EXPECT_EQ(first.decision, ApprovalDecision::kApproved);
  EXPECT_EQ(first.actor, "alice");
  EXPECT_EQ(first.comment, "key account");
  EXPECT_EQ(first.decided_at, Timestamp{1'772'445'600'000'000});
  EXPECT_EQ(order.approvals[1].actor, "bob");
  EXPECT_EQ(order.approvals[1].decision, ApprovalDecision::kApproved);
  EXPECT_TRUE(order.hold_reason.empty());
}

TEST(RejectLevel, AnyLevelRejectingRejectsTheOrder) {
  Order order = awaiting_two_levels();
  ASSERT_TRUE(approve_level(order, action(1, "sales_manager")).has_value());
  ASSERT_TRUE(reject_level(order, action(2, "finance", "bob", "margin too thin")).has_value());
  EXPECT_EQ(order.state, OrderState::kRejected);
  EXPECT_EQ(order.hold_reason, "level 2 (finance) rejected by bob: margin too thin");
  EXPECT_EQ(order.approvals[1].decision, ApprovalDecision::kRejected);
  EXPECT_EQ(order.approvals[1].comment, "margin too thin");
}

TEST(RejectLevel, TheFirstLevelCanRejectAtOnce) {
  Order order = awaiting_two_levels();
  ASSERT_TRUE(reject_level(order, action(1, "sales_manager", "alice", "no")).has_value());
  EXPECT_EQ(order.state, OrderState::kRejected);
  EXPECT_EQ(order.approvals[1].decision, ApprovalDecision::kPending);
}

struct Refusal {
  std::string name;
  void (*prepare)(Order&);
  bool reject;
  ApprovalAction action;
  ApprovalRefusal refusal;
  ErrorKind kind;
  std::string where;
};

std::vector<Refusal> refusals() {
  using R = ApprovalRefusal;
  const auto none = [](Order&) {};
  const auto level_one_approved = [](Order& o) {
    ASSERT_TRUE(approve_level(o, action(1, "sales_manager")).has_value());
  };
  return {
      {"unknown level", none, false, action(3, "finance"), R::kUnknownLevel, ErrorKind::kNotFound,
       "level"},
      {"level zero", none, true, action(0, "finance", "x", "y"), R::kUnknownLevel,
       ErrorKind::kNotFound, "level"},
      {"approving twice", level_one_approved, false, action(1, "sales_manager"),
       R::kLevelAlreadyDecided, ErrorKind::kFailedPrecondition, "level"},
      {"rejecting an approved level", level_one_approved, true,
       action(1, "sales_manager", "a", "changed my mind"), R::kLevelAlreadyDecided,
       ErrorKind::kFailedPrecondition, "level"},
      {"order on manual hold",
       [](Order& o) { ASSERT_TRUE(place_manual_hold(o, "check address", "carol").has_value()); },
       false, action(1, "sales_manager"), R::kNotAwaitingApproval, ErrorKind::kFailedPrecondition,
       "order"},
      {"skipping a level", none, false, action(2, "finance"), R::kEarlierLevelPending,
       ErrorKind::kFailedPrecondition, "level"},
      {"rejecting ahead of a level", none, true, action(2, "finance", "bob", "no"),
       R::kEarlierLevelPending, ErrorKind::kFailedPrecondition, "level"},
      {"wrong role", none, false, action(1, "finance"), R::kWrongRole, ErrorKind::kPermissionDenied,
       "role"},
      {"wrong role rejecting", level_one_approved, true, action(2, "sales_manager", "a", "no"),
       R::kWrongRole, ErrorKind::kPermissionDenied, "role"},
      {"no actor", none, false, action(1, "sales_manager", ""), R::kActorRequired,
       ErrorKind::kInvalidArgument, "actor"},
      {"rejecting without a reason", none, true, action(1, "sales_manager", "alice", ""),
       R::kReasonRequired, ErrorKind::kInvalidArgument, "comment"},
  };
}

TEST(ApprovalDecision, EachRefusalHasItsReasonKindAndPlaceAndChangesNothing) {
  for (const Refusal& test_case : refusals()) {
    SCOPED_TRACE(test_case.name);
    Order order = awaiting_two_levels();
    test_case.prepare(order);
    const Order before = order;
    const Status status = test_case.reject ? reject_level(order, test_case.action)
                                           : approve_level(order, test_case.action);
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().reason, wire_name(test_case.refusal));
    EXPECT_EQ(status.error().kind, test_case.kind);
    EXPECT_EQ(status.error().where, test_case.where);
    EXPECT_NE(status.error().message.find_first_not_of(' '), std::string::npos);
    EXPECT_EQ(order.state, before.state);
    EXPECT_EQ(describe(order.approvals), describe(before.approvals));
    EXPECT_EQ(order.hold_reason, before.hold_reason);
  }
}

TEST(ApprovalDecision, EveryRefusalIsProducedBySomeCase) {
  std::set<std::string> produced;
  for (const Refusal& test_case : refusals())
    produced.insert(std::string(wire_name(test_case.refusal)));
  for (std::uint16_t value = 1; value <= 7; ++value)
    EXPECT_TRUE(produced.contains(std::string(wire_name(static_cast<ApprovalRefusal>(value)))));
}

TEST(ApprovalDecision, ApprovingTheLastLevelTwiceIsRefusedAsAlreadyDecided) {
  Order order = awaiting_two_levels();
  ASSERT_TRUE(approve_level(order, action(1, "sales_manager")).has_value());
  ASSERT_TRUE(approve_level(order, action(2, "finance")).has_value());
  const Status again = approve_level(order, action(2, "finance"));
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().reason, "level_already_decided");
  EXPECT_EQ(again.error().message, "level 2 of order SO-2026-000007 was already approved by alice");
}

TEST(ApprovalDecision, MessagesNameTheRolesInvolved) {
  Order order = awaiting_two_levels();
  EXPECT_EQ(approve_level(order, action(2, "finance")).error().message,
            "level 1 (sales_manager) must decide before level 2");
  EXPECT_EQ(approve_level(order, action(1, "finance")).error().message,
            "level 1 of order SO-2026-000007 is decided by sales_manager, not by finance");
}

TEST(ApprovalDecision, PrecedenceFollowsTheRefusalNumbers) {
  // Wrong level, wrong role and no actor at once: the unknown level is reported.
  Order order = awaiting_two_levels();
  EXPECT_EQ(approve_level(order, action(5, "x", "")).error().reason, "unknown_approval_level");
  // Skipping a level with the wrong role and no actor: the pending level first.
  EXPECT_EQ(approve_level(order, action(2, "x", "")).error().reason, "earlier_level_pending");
  // Wrong role and no actor: the role first.
  EXPECT_EQ(reject_level(order, action(1, "x", "", "")).error().reason, "wrong_approver_role");
  // No actor and no comment: the actor first.
  EXPECT_EQ(reject_level(order, action(1, "sales_manager", "", "")).error().reason,
            "actor_required");
}

// ---- wire names --------------------------------------------------------------------------

TEST(ApprovalWireNames, AreTheFrozenSnakeCaseNames) {
  EXPECT_EQ(wire_name(ApprovalDecision::kPending), "pending");
  EXPECT_EQ(wire_name(ApprovalDecision::kApproved), "approved");
  EXPECT_EQ(wire_name(ApprovalDecision::kRejected), "rejected");
  using R = ApprovalRefusal;
  EXPECT_EQ(wire_name(R::kUnknownLevel), "unknown_approval_level");
  EXPECT_EQ(wire_name(R::kLevelAlreadyDecided), "level_already_decided");
  EXPECT_EQ(wire_name(R::kNotAwaitingApproval), "not_awaiting_approval");
  EXPECT_EQ(wire_name(R::kEarlierLevelPending), "earlier_level_pending");
  EXPECT_EQ(wire_name(R::kWrongRole), "wrong_approver_role");
  EXPECT_EQ(wire_name(R::kActorRequired), "actor_required");
  EXPECT_EQ(wire_name(R::kReasonRequired), "reason_required");
}

TEST(ApprovalWireNames, DecisionsRoundTrip) {
  for (ApprovalDecision decision :
       {ApprovalDecision::kPending, ApprovalDecision::kApproved, ApprovalDecision::kRejected}) {
    const Result<ApprovalDecision> parsed = approval_decision_from_wire(wire_name(decision));
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(*parsed, decision);
  }
  const Result<ApprovalDecision> unknown = approval_decision_from_wire("maybe");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().reason, "unknown_approval_decision");
}

}  // namespace
}  // namespace o2c
