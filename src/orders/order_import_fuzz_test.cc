// Feeds truncated and mutated order files to parse_order_csv (STYLE.md rule 16): it must never
// crash, and whatever it returns must hold together: every data row is either imported or
// rejected, never both; all-or-nothing imports nothing once there is a problem.
#include <random>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "core/mutate.h"
#include "orders/orders.h"

namespace o2c {
namespace {

constexpr std::string_view kSample =
    "\xEF\xBB\xBF"
    "order_ref,customer,po_number,requested_date,ship_to_country,notes,sku,quantity,"
    "line_discount_pct\r\n"
    "A,C-1,PO-1,2026-03-20,DE,\"gate 2, \"\"Max\"\"\",W-100,10,5\r\n"
    "A,C-1,,,,,W-200,2.5,\r\n"
    "B,C-2,PO-2,,FR,\"two\r\nlines\",W-100,1,\r\n"
    "C,C-1,PO-3,,,,W-300,0.125,100\r\n";

void check_invariants(std::string_view input, ImportMode mode) {
  const CustomerPo existing[] = {{"C-1", "PO-3", ""}};
  const OrderImport import = parse_order_csv(input, OrderImportOptions{mode, existing});
  if (mode == ImportMode::kAllOrNothing && !import.problems.empty()) {
    ASSERT_TRUE(import.orders.empty());
  }
  std::set<std::size_t> imported;
  for (const ImportedOrder& order : import.orders) {
    ASSERT_FALSE(order.request.lines.empty());
    ASSERT_EQ(order.source_lines.size(), order.request.lines.size());
    for (std::size_t line : order.source_lines) ASSERT_TRUE(imported.insert(line).second);
    for (const OrderLineRequest& line : order.request.lines) ASSERT_GT(line.quantity.milli, 0);
  }
  std::size_t previous = 0;
  for (const RejectedRow& row : import.rejected_rows) {
    ASSERT_FALSE(imported.contains(row.line));
    ASSERT_GT(row.line, previous);
    ASSERT_FALSE(row.why.empty());
    previous = row.line;
  }
  previous = 0;
  for (const ImportProblem& problem : import.problems) {
    ASSERT_GE(problem.line, previous);
    ASSERT_FALSE(problem.reason.empty());
    ASSERT_FALSE(problem.message.empty());
    previous = problem.line;
  }
}

TEST(ParseOrderCsvFuzz, EveryTruncationIsReadWithoutCrashing) {
  for (std::size_t length = 0; length <= kSample.size(); ++length) {
    SCOPED_TRACE(length);
    check_invariants(kSample.substr(0, length), ImportMode::kAllOrNothing);
    check_invariants(kSample.substr(0, length), ImportMode::kSkipBadOrders);
    if (HasFatalFailure()) return;
  }
}

TEST(ParseOrderCsvFuzz, RandomMutationsAreReadWithoutCrashing) {
  std::mt19937 random(4711);  // fixed seed: failures reproduce
  std::string alphabet = "\",\r\n -.0x\xC3";
  alphabet.push_back('\0');
  for (int round = 0; round < 10'000; ++round) {
    const std::string input = mutate(std::string(kSample), random, alphabet, 5);
    SCOPED_TRACE(round);
    check_invariants(input,
                     round % 2 == 0 ? ImportMode::kAllOrNothing : ImportMode::kSkipBadOrders);
    if (HasFatalFailure()) return;
  }
}

}  // namespace
}  // namespace o2c
