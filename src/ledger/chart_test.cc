// The chart of accounts from TOML, accounting periods, general-ledger detail and the hledger
// export.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "ledger/ledger.h"

namespace o2c {
namespace {

Date date(std::string_view text) { return parse_date(text).value(); }
Money eur(std::string_view text) {
  return parse_money(text, currency_from_code("EUR").value()).value();
}

// A chart mapping every role, with codes 10, 11, … and `extra` appended.
std::string full_chart(std::string_view extra = "") {
  std::string text;
  int code = 10;
  for (Account role : kAllAccounts) {
    text += "[[accounts]]\ncode = " + std::to_string(code++) + "\nname = \"Role " +
            std::string(wire_name(role)) + "\"\ntype = \"asset\"\nrole = \"" +
            std::string(wire_name(role)) + "\"\n";
  }
  return text + std::string(extra);
}

Error chart_error(std::string_view text) {
  Result<Chart> chart = parse_chart(text, "chart.toml");
  EXPECT_FALSE(chart.has_value());
  return chart ? Error{} : chart.error();
}

TEST(DefaultChart, GivesEveryRoleTodaysCodeAndName) {
  const Chart chart = default_chart();
  ASSERT_EQ(chart.accounts.size(), std::size(kAllAccounts));
  EXPECT_EQ(account_of(chart, Account::kReceivables).code, 1100);
  EXPECT_EQ(account_of(chart, Account::kReceivables).name, "Accounts receivable");
  EXPECT_EQ(account_of(chart, Account::kReceivables).ledger_name, "assets:receivables");
  EXPECT_EQ(account_of(chart, Account::kTaxPayable).type, AccountType::kLiability);
  EXPECT_EQ(account_of(chart, Account::kCostOfGoodsSold).code, 5000);
  EXPECT_EQ(chart.accounts.front().code, 1000);  // by code
}

TEST(ParseChart, ReadsRolesExtraAccountsAndDefaultLedgerNames) {
  Result<Chart> chart = parse_chart(full_chart("[[accounts]]\ncode = 9\nname = \"Petty: Cash\"\n"
                                               "type = \"expense\"\n"),
                                    "chart.toml");
  ASSERT_TRUE(chart.has_value()) << chart.error().message;
  ASSERT_EQ(chart->accounts.size(), std::size(kAllAccounts) + 1);
  EXPECT_EQ(chart->accounts.front().code, 9);
  EXPECT_FALSE(chart->accounts.front().role.has_value());
  EXPECT_EQ(chart->accounts.front().ledger_name, "expenses:petty cash");
  EXPECT_EQ(account_of(*chart, Account::kCash).code, 10);
  EXPECT_EQ(find_account(*chart, 11)->role, Account::kReceivables);
  EXPECT_EQ(find_account(*chart, 12345), nullptr);
}

TEST(ParseChart, RefusesAnUnmappedRole) {
  std::string text = full_chart();
  text = text.substr(0, text.rfind("[[accounts]]"));  // the last role loses its account
  const Error error = chart_error(text);
  EXPECT_EQ(error.reason, "invalid_chart");
  EXPECT_EQ(error.where, "chart.toml: accounts");
  EXPECT_NE(error.message.find("role " +
                               std::string(wire_name(kAllAccounts[std::size(kAllAccounts) - 1])) +
                               " is given to no account"),
            std::string::npos);
}

TEST(ParseChart, RefusesDuplicateCodesNamingTheSecondAndItsLine) {
  const std::string text =
      full_chart("[[accounts]]\ncode = 10\nname = \"Again\"\ntype = \"asset\"\n");
  const int line = static_cast<int>(std::count(text.begin(), text.end(), '\n')) - 2;
  const Error error = chart_error(text);
  EXPECT_EQ(error.reason, "invalid_chart");
  EXPECT_EQ(error.where, "chart.toml: accounts[" + std::to_string(std::size(kAllAccounts) + 1) +
                             "].code, line " + std::to_string(line));
}

TEST(ParseChart, RefusesEachBadField) {
  const std::string one = "[[accounts]]\ncode = 1\nname = \"X\"\ntype = \"asset\"\n";
  const std::string n = std::to_string(std::size(kAllAccounts) + 1);
  struct Case {
    std::string extra;
    std::string where;
  };
  const std::vector<Case> cases = {
      {"[[accounts]]\ncode = 0\nname = \"X\"\ntype = \"asset\"\n", "accounts[" + n + "].code"},
      {"[[accounts]]\ncode = \"7\"\nname = \"X\"\ntype = \"asset\"\n", "accounts[" + n + "].code"},
      {"[[accounts]]\nname = \"X\"\ntype = \"asset\"\n", "accounts[" + n + "].code"},
      {"[[accounts]]\ncode = 1\nname = \"\"\ntype = \"asset\"\n", "accounts[" + n + "].name"},
      {"[[accounts]]\ncode = 1\nname = \"X\"\ntype = \"income\"\n", "accounts[" + n + "].type"},
      {one + "role = \"sales\"\n", "accounts[" + n + "].role"},
      {one + "role = \"cash\"\n", "accounts[" + n + "].role"},
      {one + "colour = \"red\"\n", "accounts[" + n + "].colour"},
      {one + "ledger_name = \"assets:  x\"\n", "accounts[" + n + "].ledger_name"},
      {one + "ledger_name = \"Role cash\"\n", "accounts[" + n + "].ledger_name"},
  };
  for (const Case& c : cases) {
    std::string text = full_chart(c.extra);
    if (c.where.ends_with("ledger_name") && c.extra.find("Role cash") != std::string::npos) {
      // Duplicate ledger name: the cash account's is "assets:role cash".
      text = full_chart(one + "ledger_name = \"assets:role cash\"\n");
    }
    const Error error = chart_error(text);
    EXPECT_EQ(error.reason, "invalid_chart") << c.extra;
    EXPECT_TRUE(error.where.starts_with("chart.toml: " + c.where + ", line "))
        << c.extra << " -> " << error.where;
  }
}

TEST(ParseChart, RefusesBrokenTomlAndAnEmptyChart) {
  EXPECT_EQ(chart_error("[[accounts]\ncode = 1").reason, "invalid_toml");
  EXPECT_EQ(chart_error("[[accounts]\ncode = 1").where, "chart.toml line 1");
  EXPECT_EQ(chart_error("").where, "chart.toml: accounts");
  EXPECT_EQ(chart_error("title = \"x\"\n").where, "chart.toml: title, line 1");
}

TEST(YearMonth, ParsesAndFormats) {
  EXPECT_EQ(format_year_month(parse_year_month("2026-03").value()), "2026-03");
  EXPECT_EQ(year_month_of(date("2026-12-31")), (YearMonth{2026, 12}));
  for (std::string_view bad :
       {"2026-13", "2026-00", "2026-3", "26-03", "2026/03", "2026-03-01", "", "abcd-ef"}) {
    EXPECT_EQ(parse_year_month(bad).error().reason, "invalid_period") << bad;
  }
}

TEST(Periods, CloseInOrderAndReopenFromTheLatest) {
  const YearMonth feb{2026, 2}, mar{2026, 3};
  const std::vector<YearMonth> posted = {feb, mar};
  std::vector<PeriodStatus> periods;
  EXPECT_EQ(check_can_close(mar, periods, posted).error().reason, "earlier_period_open");
  EXPECT_TRUE(check_can_close(feb, periods, posted).has_value());
  periods.push_back(PeriodStatus{feb, true, {}, "alice", ""});
  EXPECT_EQ(check_can_close(feb, periods, posted).error().reason, "period_already_closed");
  EXPECT_TRUE(check_can_close(mar, periods, posted).has_value());
  periods.push_back(PeriodStatus{mar, true, {}, "alice", ""});
  EXPECT_EQ(check_can_reopen(feb, periods, "fix").error().reason, "later_period_closed");
  EXPECT_EQ(check_can_reopen(mar, periods, "  ").error().reason, "reason_required");
  EXPECT_TRUE(check_can_reopen(mar, periods, "late invoice").has_value());
  EXPECT_EQ(check_can_reopen(YearMonth{2026, 4}, periods, "x").error().reason, "period_not_closed");
}

std::vector<PostedEntry> sample_books() {
  return {PostedEntry{1, post_invoice("INV-1", date("2026-02-27"), eur("119.00"), eur("100.00"),
                                      eur("19.00"))},
          PostedEntry{2, post_invoice("INV-2", date("2026-03-02"), eur("23.80"), eur("20.00"),
                                      eur("3.80"))},
          PostedEntry{3, post_payment("PAY-1", date("2026-03-05"), eur("150.00"), eur("119.00"))}};
}

TEST(GeneralLedger, OpeningLinesRunningBalanceAndClosing) {
  const std::vector<PostedEntry> books = sample_books();
  const std::vector<GeneralLedger> ledgers =
      general_ledger(books, Account::kReceivables, date("2026-03-01"));
  ASSERT_EQ(ledgers.size(), 1u);
  const GeneralLedger& ledger = ledgers[0];
  EXPECT_EQ(ledger.opening, eur("119.00"));
  ASSERT_EQ(ledger.lines.size(), 2u);
  EXPECT_EQ(ledger.lines[0].document, "INV-2");
  EXPECT_EQ(ledger.lines[0].debit, eur("23.80"));
  EXPECT_EQ(ledger.lines[0].balance, eur("142.80"));
  EXPECT_EQ(ledger.lines[1].credit, eur("119.00"));
  EXPECT_EQ(ledger.lines[1].balance, eur("23.80"));
  EXPECT_EQ(ledger.closing, eur("23.80"));
  EXPECT_EQ(ledger.total_debit, eur("23.80"));
  EXPECT_EQ(ledger.total_credit, eur("119.00"));
}

TEST(HledgerJournal, OneTransactionPerEntryWithChartNames) {
  const std::vector<PostedEntry> books = sample_books();
  const std::string journal = hledger_journal(books, default_chart());
  EXPECT_NE(journal.find("commodity 1000.00 EUR\n"), std::string::npos);
  EXPECT_NE(journal.find("account assets:receivables  ; type: A, code: 1100\n"), std::string::npos);
  EXPECT_NE(journal.find("\n2026-03-05 PAY-1 | payment received\n"
                         "    assets:cash  150.00 EUR\n"
                         "    assets:receivables  -119.00 EUR\n"
                         "    liabilities:unapplied cash  -31.00 EUR\n"),
            std::string::npos)
      << journal;
}

}  // namespace
}  // namespace o2c
