#include "core/result.h"

#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace o2c {
namespace {

TEST(Result, HoldsAValue) {
  Result<int> result = 42;
  ASSERT_TRUE(result.has_value());
  EXPECT_TRUE(static_cast<bool>(result));
  EXPECT_EQ(result.value(), 42);
  EXPECT_EQ(*result, 42);
  *result = 7;
  EXPECT_EQ(result.value(), 7);
}

TEST(Result, HoldsAnError) {
  Result<int> result = not_found("customer_not_found", "no customer C9", "order.customer");
  ASSERT_FALSE(result.has_value());
  EXPECT_FALSE(static_cast<bool>(result));
  EXPECT_EQ(result.error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(result.error().reason, "customer_not_found");
  EXPECT_EQ(result.error().message, "no customer C9");
  EXPECT_EQ(result.error().where, "order.customer");
}

TEST(Result, GivesAccessToMembersAndMovesOutTheValue) {
  Result<std::string> text = std::string("invoice");
  EXPECT_EQ(text->size(), 7u);
  const Result<std::string>& shared = text;
  EXPECT_EQ(shared->front(), 'i');
  EXPECT_EQ(*shared, "invoice");
  std::string taken = std::move(text).value();
  EXPECT_EQ(taken, "invoice");

  Result<std::unique_ptr<int>> owned = std::make_unique<int>(5);
  std::unique_ptr<int> pointer = *std::move(owned);
  ASSERT_NE(pointer, nullptr);
  EXPECT_EQ(*pointer, 5);
}

TEST(Result, MovesOutTheError) {
  Result<int> result = conflict("version_conflict", "order changed", "orders/7");
  Error error = std::move(result).error();
  EXPECT_EQ(error.kind, ErrorKind::kConflict);
  EXPECT_EQ(error.reason, "version_conflict");
}

TEST(ResultDeathTest, ValueOfAnErrorAborts) {
  Result<int> result = internal_error("broken", "broken");
  EXPECT_DEATH((void)result.value(), "has_value");
  Status status = internal_error("broken", "broken");
  EXPECT_DEATH(status.value(), "has_value");
}

TEST(ResultDeathTest, ErrorOfAValueAborts) {
  Result<int> result = 1;
  EXPECT_DEATH((void)result.error(), "has_value");
  Status status;
  EXPECT_DEATH((void)status.error(), "has_value");
}

TEST(Status, DefaultIsSuccess) {
  Status status;
  EXPECT_TRUE(status.has_value());
  EXPECT_TRUE(static_cast<bool>(status));
  status.value();  // does not abort
}

TEST(Status, HoldsAnError) {
  Status status = failed_precondition("order_not_approved", "order SO-2026-000001 is a draft");
  ASSERT_FALSE(status.has_value());
  EXPECT_FALSE(static_cast<bool>(status));
  EXPECT_EQ(status.error().kind, ErrorKind::kFailedPrecondition);
  EXPECT_EQ(status.error().reason, "order_not_approved");
  EXPECT_EQ(status.error().where, "");
  Error error = std::move(status).error();
  EXPECT_EQ(error.message, "order SO-2026-000001 is a draft");
}

// ---- propagation macros ---------------------------------------------------------------------

// A step that records that it ran and then fails with `reason`, or succeeds if reason is empty.
Status step(std::vector<std::string>& ran, const std::string& name, const std::string& reason) {
  ran.push_back(name);
  if (reason.empty()) return {};
  return invalid_argument(reason, name + " failed", name);
}

Result<int> number(std::vector<std::string>& ran, const std::string& name, int value,
                   const std::string& reason) {
  ran.push_back(name);
  if (!reason.empty()) return invalid_argument(reason, name + " failed", name);
  return value;
}

Status three_steps(std::vector<std::string>& ran, const std::string& failing) {
  O2C_RETURN_IF_ERROR(step(ran, "a", failing == "a" ? "a_failed" : ""));
  O2C_RETURN_IF_ERROR(step(ran, "b", failing == "b" ? "b_failed" : ""));
  O2C_RETURN_IF_ERROR(step(ran, "c", failing == "c" ? "c_failed" : ""));
  return {};
}

Result<int> sum_of_three(std::vector<std::string>& ran, const std::string& failing) {
  O2C_ASSIGN_OR_RETURN(int a, number(ran, "a", 1, failing == "a" ? "a_failed" : ""));
  O2C_ASSIGN_OR_RETURN(int b, number(ran, "b", 20, failing == "b" ? "b_failed" : ""));
  int c = 0;
  O2C_ASSIGN_OR_RETURN(c, number(ran, "c", 300, failing == "c" ? "c_failed" : ""));
  return a + b + c;
}

std::string ran_text(const std::vector<std::string>& ran) {
  std::string text;
  for (const std::string& name : ran) text += name;
  return text;
}

TEST(ReturnIfError, RunsEveryStepWhenNoneFails) {
  std::vector<std::string> ran;
  EXPECT_TRUE(three_steps(ran, "").has_value());
  EXPECT_EQ(ran_text(ran), "abc");
}

TEST(ReturnIfError, ReturnsTheFirstErrorAndStops) {
  std::vector<std::string> ran;
  Status status = three_steps(ran, "b");
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().reason, "b_failed");
  EXPECT_EQ(status.error().where, "b");
  EXPECT_EQ(ran_text(ran), "ab");

  ran.clear();
  status = three_steps(ran, "a");
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().reason, "a_failed");
  EXPECT_EQ(ran_text(ran), "a");
}

Status check_number(std::vector<std::string>& ran, const std::string& reason) {
  O2C_RETURN_IF_ERROR(number(ran, "n", 1, reason));
  return {};
}

TEST(ReturnIfError, PropagatesTheErrorOfAValueResult) {
  std::vector<std::string> ran;
  EXPECT_TRUE(check_number(ran, "").has_value());
  Status status = check_number(ran, "bad_number");
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().reason, "bad_number");
  EXPECT_EQ(status.error().kind, ErrorKind::kInvalidArgument);
}

TEST(AssignOrReturn, DeclaresAndAssignsValues) {
  std::vector<std::string> ran;
  Result<int> total = sum_of_three(ran, "");
  ASSERT_TRUE(total.has_value());
  EXPECT_EQ(*total, 321);
  EXPECT_EQ(ran_text(ran), "abc");
}

TEST(AssignOrReturn, ReturnsTheFirstErrorAndStops) {
  std::vector<std::string> ran;
  Result<int> total = sum_of_three(ran, "b");
  ASSERT_FALSE(total.has_value());
  EXPECT_EQ(total.error().reason, "b_failed");
  EXPECT_EQ(ran_text(ran), "ab");

  ran.clear();
  total = sum_of_three(ran, "c");
  ASSERT_FALSE(total.has_value());
  EXPECT_EQ(total.error().reason, "c_failed");
  EXPECT_EQ(ran_text(ran), "abc");
}

Result<std::unique_ptr<int>> make_owned(int value) { return std::make_unique<int>(value); }

Result<int> unwrap_owned(int value) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<int> owned, make_owned(value));
  return *owned + 1;
}

TEST(AssignOrReturn, MovesOutMoveOnlyValues) {
  Result<int> result = unwrap_owned(41);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(*result, 42);
}

// ---- describe and the kind table ------------------------------------------------------------

TEST(Describe, AddsWhereWhenKnown) {
  EXPECT_EQ(describe(invalid_argument("bad_quantity", "quantity must be positive", "lines[3]")),
            "quantity must be positive (at lines[3])");
  EXPECT_EQ(describe(invalid_argument("bad_quantity", "quantity must be positive")),
            "quantity must be positive");
}

TEST(ErrorFactories, SetTheirKind) {
  EXPECT_EQ(invalid_argument("r", "m").kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(not_found("r", "m").kind, ErrorKind::kNotFound);
  EXPECT_EQ(already_exists("r", "m").kind, ErrorKind::kAlreadyExists);
  EXPECT_EQ(failed_precondition("r", "m").kind, ErrorKind::kFailedPrecondition);
  EXPECT_EQ(conflict("r", "m").kind, ErrorKind::kConflict);
  EXPECT_EQ(unavailable("r", "m").kind, ErrorKind::kUnavailable);
  EXPECT_EQ(internal_error("r", "m").kind, ErrorKind::kInternal);
  const Error error = already_exists("duplicate_order", "order exists", "request.id");
  EXPECT_EQ(error.reason, "duplicate_order");
  EXPECT_EQ(error.message, "order exists");
  EXPECT_EQ(error.where, "request.id");
}

struct KindExpectation {
  ErrorKind kind;
  const char* wire;
  int http;
  int exit;
};

constexpr KindExpectation kKinds[] = {
    {ErrorKind::kInvalidArgument, "invalid_argument", 400, 2},
    {ErrorKind::kNotFound, "not_found", 404, 3},
    {ErrorKind::kAlreadyExists, "already_exists", 409, 4},
    {ErrorKind::kFailedPrecondition, "failed_precondition", 422, 5},
    {ErrorKind::kConflict, "conflict", 409, 6},
    {ErrorKind::kPermissionDenied, "permission_denied", 403, 7},
    {ErrorKind::kUnavailable, "unavailable", 503, 8},
    {ErrorKind::kInternal, "internal", 500, 9},
};

TEST(ErrorKindTable, MapsEveryKindToWireHttpAndExitCode) {
  for (const KindExpectation& expected : kKinds) {
    EXPECT_EQ(wire_name(expected.kind), expected.wire);
    EXPECT_EQ(http_status(expected.kind), expected.http) << expected.wire;
    EXPECT_EQ(exit_code(expected.kind), expected.exit) << expected.wire;
  }
}

TEST(ErrorKindTable, ExitCodesAreDistinctAndAvoidSuccessAndUsage) {
  std::set<int> codes;
  for (const KindExpectation& expected : kKinds) {
    const int code = exit_code(expected.kind);
    EXPECT_GT(code, 1) << expected.wire;
    EXPECT_TRUE(codes.insert(code).second) << expected.wire;
  }
}

}  // namespace
}  // namespace o2c
