#include "ledger/ledger.h"

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "core/date.h"
#include "core/money.h"

namespace o2c {
namespace {

Currency currency(std::string_view code) { return currency_from_code(code).value(); }
Money money(std::string_view text, std::string_view code) {
  return parse_money(text, currency(code)).value();
}
Money eur(std::string_view text) { return money(text, "EUR"); }
Date date(std::string_view text) { return parse_date(text).value(); }

// "1100 Dr 119.00 / 4000 Cr 100.00 / 2100 Cr 19.00"
std::string describe(const LedgerEntry& entry) {
  std::string text;
  for (const LedgerLine& line : entry.lines) {
    if (!text.empty()) text += " / ";
    const bool debit = line.amount.minor > 0;
    text += std::to_string(static_cast<int>(line.account)) + (debit ? " Dr " : " Cr ") +
            format_amount(debit ? line.amount : negate(line.amount));
  }
  return text.empty() ? "no lines" : text;
}

LedgerEntry entry_of(std::vector<LedgerLine> lines) {
  return LedgerEntry{"JE-1", date("2026-03-02"), "manual", std::move(lines), {}};
}

// ---- postings ------------------------------------------------------------------------------

TEST(PostInvoice, DebitsReceivablesAndCreditsRevenueAndTax) {
  const LedgerEntry entry = post_invoice("INV-2026-000001", date("2026-03-02"), eur("119.00"),
                                         eur("100.00"), eur("19.00"));
  EXPECT_EQ(describe(entry), "1100 Dr 119.00 / 4000 Cr 100.00 / 2100 Cr 19.00");
  EXPECT_EQ(entry.document, "INV-2026-000001");
  EXPECT_EQ(format_date(entry.date), "2026-03-02");
  EXPECT_EQ(entry.description, "invoice");
  EXPECT_TRUE(is_balanced(entry));
}

TEST(PostInvoiceDeferred, SplitsTheNetBetweenRevenueAndDeferredRevenue) {
  // 30.00 in advance + 5.00 of usage, 19 % tax: 6.65; gross 41.65.
  const LedgerEntry entry = post_invoice_deferred(
      "INV-2026-000003", date("2026-03-01"), eur("41.65"), eur("5.00"), eur("30.00"), eur("6.65"));
  EXPECT_EQ(describe(entry), "1100 Dr 41.65 / 4000 Cr 5.00 / 2400 Cr 30.00 / 2100 Cr 6.65");
  // A credit for an unused part posts the other way round.
  EXPECT_EQ(describe(post_invoice_deferred("INV-2026-000004", date("2026-03-20"), eur("-13.82"),
                                           eur("0"), eur("-11.61"), eur("-2.21"))),
            "1100 Cr 13.82 / 2400 Dr 11.61 / 2100 Dr 2.21");
}

TEST(PostRevenueRecognition, MovesDeferredRevenueToRevenue) {
  EXPECT_EQ(describe(post_revenue_recognition("REV-2026-03", date("2026-03-31"), eur("21.29"))),
            "2400 Dr 21.29 / 4000 Cr 21.29");
  EXPECT_EQ(describe(post_revenue_recognition("REV-2026-03", date("2026-03-31"), eur("-6.63"))),
            "2400 Cr 6.63 / 4000 Dr 6.63");
  EXPECT_TRUE(post_revenue_recognition("REV-2026-03", date("2026-03-31"), eur("0")).lines.empty());
  EXPECT_EQ(account_name(Account::kDeferredRevenue), "Deferred revenue");
}

TEST(PostInvoice, LeavesOutAZeroTax) {
  const LedgerEntry entry =
      post_invoice("INV-2026-000002", date("2026-03-02"), eur("100.00"), eur("100.00"), eur("0"));
  EXPECT_EQ(describe(entry), "1100 Dr 100.00 / 4000 Cr 100.00");
  EXPECT_TRUE(is_balanced(entry));
}

TEST(PostInvoice, AFreeInvoiceHasNoLinesAndIsNotPosted) {
  const LedgerEntry entry =
      post_invoice("INV-2026-000003", date("2026-03-02"), eur("0"), eur("0"), eur("0"));
  EXPECT_EQ(describe(entry), "no lines");
  EXPECT_FALSE(is_balanced(entry));
}

TEST(PostInvoice, KeepsTheDocumentCurrency) {
  EXPECT_EQ(describe(post_invoice("INV-J", date("2026-03-02"), money("1190", "JPY"),
                                  money("1000", "JPY"), money("190", "JPY"))),
            "1100 Dr 1190 / 4000 Cr 1000 / 2100 Cr 190");
  const LedgerEntry dinar = post_invoice("INV-K", date("2026-03-02"), money("1.190", "KWD"),
                                         money("1.000", "KWD"), money("0.190", "KWD"));
  EXPECT_EQ(describe(dinar), "1100 Dr 1.190 / 4000 Cr 1.000 / 2100 Cr 0.190");
  EXPECT_EQ(dinar.lines[0].amount.currency, currency("KWD"));
}

TEST(PostInvoiceDeathTest, GrossMustBeNetPlusTax) {
  EXPECT_DEATH(
      (void)post_invoice("INV-X", date("2026-03-02"), eur("119.01"), eur("100.00"), eur("19.00")),
      "gross");
}

TEST(PostCostOfShipment, MovesStandardCostFromInventoryToCostOfGoodsSold) {
  const LedgerEntry entry =
      post_cost_of_shipment("SH-2026-000001", date("2026-03-02"), eur("42.00"));
  EXPECT_EQ(describe(entry), "5000 Dr 42.00 / 1200 Cr 42.00");
  EXPECT_EQ(entry.document, "SH-2026-000001");
  EXPECT_EQ(entry.description, "cost of goods shipped");
  EXPECT_TRUE(is_balanced(entry));
}

TEST(PostPayment, DebitsCashAndCreditsWhatItSettlesAndTheRestAsUnappliedCash) {
  const LedgerEntry partly =
      post_payment("PAY-2026-000001", date("2026-03-05"), eur("100.00"), eur("99.99"));
  EXPECT_EQ(describe(partly), "1000 Dr 100.00 / 1100 Cr 99.99 / 2200 Cr 0.01");
  EXPECT_EQ(partly.description, "payment received");
  EXPECT_TRUE(is_balanced(partly));
  EXPECT_EQ(describe(post_payment("PAY-2", date("2026-03-05"), eur("100.00"), eur("100.00"))),
            "1000 Dr 100.00 / 1100 Cr 100.00");
  EXPECT_EQ(describe(post_payment("PAY-3", date("2026-03-05"), eur("100.00"), eur("0"))),
            "1000 Dr 100.00 / 2200 Cr 100.00");
}

TEST(PostPaymentApplied, MovesUnappliedCashOntoReceivables) {
  const LedgerEntry entry =
      post_payment_applied("PAY-2026-000001", date("2026-03-05"), eur("99.99"));
  EXPECT_EQ(describe(entry), "2200 Dr 99.99 / 1100 Cr 99.99");
  EXPECT_EQ(entry.description, "payment applied");
  EXPECT_TRUE(is_balanced(entry));
}

TEST(PostStockReceipt, DebitsInventoryAndCreditsGoodsReceived) {
  const LedgerEntry entry = post_stock_receipt("GR-1", date("2026-03-01"), eur("0.01"));
  EXPECT_EQ(describe(entry), "1200 Dr 0.01 / 2300 Cr 0.01");
  EXPECT_EQ(entry.description, "stock received");
  EXPECT_TRUE(is_balanced(entry));
}

TEST(PostStockReturn, MovesCostBackFromCostOfGoodsSoldToInventory) {
  const LedgerEntry entry = post_stock_return("RMA-2026-000001", date("2026-03-09"), eur("8.00"));
  EXPECT_EQ(describe(entry), "1200 Dr 8.00 / 5000 Cr 8.00");
  EXPECT_EQ(entry.description, "returned goods restocked");
  EXPECT_TRUE(is_balanced(entry));
  EXPECT_EQ(describe(post_stock_return("RMA-1", date("2026-03-09"), eur("0"))), "no lines");
}

TEST(Postings, ZeroAmountsGiveNoLines) {
  const Date day = date("2026-03-02");
  EXPECT_EQ(describe(post_cost_of_shipment("SH-1", day, eur("0"))), "no lines");
  EXPECT_EQ(describe(post_payment("PAY-1", day, eur("0"), eur("0"))), "no lines");
  EXPECT_EQ(describe(post_payment_applied("PAY-1", day, eur("0"))), "no lines");
  EXPECT_EQ(describe(post_stock_receipt("GR-1", day, eur("0"))), "no lines");
}

TEST(PostingsDeathTest, NegativeTransfersAbort) {
  EXPECT_DEATH((void)post_payment_applied("PAY-1", date("2026-03-02"), eur("-0.01")),
               "amount.minor >= 0");
  EXPECT_DEATH((void)post_payment("PAY-1", date("2026-03-02"), eur("1.00"), eur("1.01")),
               "applied.minor <= received.minor");
  EXPECT_DEATH((void)post_cost_of_shipment("SH-1", date("2026-03-02"), eur("-1.00")),
               "amount.minor >= 0");
}

// ---- is_balanced and assert_balanced -------------------------------------------------------

TEST(IsBalanced, NeedsTwoLinesThatCancel) {
  const LedgerLine debit{Account::kCash, eur("10.00")};
  const LedgerLine credit{Account::kUnappliedCash, eur("-10.00")};
  EXPECT_FALSE(is_balanced(entry_of({})));
  EXPECT_FALSE(is_balanced(entry_of({debit})));
  EXPECT_FALSE(is_balanced(entry_of({{Account::kCash, eur("0")}})));
  EXPECT_TRUE(is_balanced(entry_of({debit, credit})));
  EXPECT_FALSE(is_balanced(entry_of({debit, {Account::kUnappliedCash, eur("-9.99")}})));
  EXPECT_TRUE(is_balanced(
      entry_of({debit, {Account::kRevenue, eur("-7.00")}, {Account::kTaxPayable, eur("-3.00")}})));
}

TEST(IsBalanced, OneCurrencyPerEntry) {
  // The minor units cancel, but cents and yen cannot be added.
  EXPECT_FALSE(is_balanced(entry_of(
      {{Account::kCash, eur("10.00")}, {Account::kUnappliedCash, money("-1000", "JPY")}})));
  EXPECT_FALSE(is_balanced(entry_of(
      {{Account::kCash, eur("10.00")}, {Account::kUnappliedCash, money("-10.00", "USD")}})));
}

TEST(IsBalanced, SumsWithoutOverflow) {
  const std::int64_t max = std::numeric_limits<std::int64_t>::max();
  const Currency euro = currency("EUR");
  EXPECT_TRUE(is_balanced(entry_of({{Account::kCash, Money{max, euro}},
                                    {Account::kInventory, Money{max, euro}},
                                    {Account::kRevenue, Money{-max, euro}},
                                    {Account::kTaxPayable, Money{-max, euro}}})));
  EXPECT_FALSE(is_balanced(entry_of({{Account::kCash, Money{max, euro}},
                                     {Account::kInventory, Money{max, euro}},
                                     {Account::kRevenue, Money{2, euro}}})));
}

TEST(AssertBalanced, ABalancedEntryPasses) {
  assert_balanced(
      post_invoice("INV-1", date("2026-03-02"), eur("119.00"), eur("100.00"), eur("19.00")));
}

TEST(AssertBalancedDeathTest, AnUnbalancedEntryAborts) {
  const LedgerEntry unbalanced =
      entry_of({{Account::kReceivables, eur("119.00")}, {Account::kRevenue, eur("-100.00")}});
  EXPECT_DEATH(assert_balanced(unbalanced), "is_balanced");
}

TEST(AssertBalancedDeathTest, AOneLineEntryAborts) {
  EXPECT_DEATH(assert_balanced(entry_of({{Account::kCash, eur("0")}})), "lines.size");
}

TEST(AssertBalancedDeathTest, AMixedCurrencyEntryAborts) {
  const LedgerEntry mixed =
      entry_of({{Account::kCash, eur("10.00")}, {Account::kUnappliedCash, money("-10.00", "USD")}});
  EXPECT_DEATH(assert_balanced(mixed), "is_balanced");
}

// ---- chart of accounts ---------------------------------------------------------------------

TEST(ChartOfAccounts, EveryAccountHasANameAndRoundTripsItsCode) {
  for (const Account account : kAllAccounts) {
    const int code = static_cast<int>(account);
    EXPECT_FALSE(account_name(account).empty()) << code;
    const Result<Account> found = account_from_code(code);
    ASSERT_TRUE(found.has_value()) << code;
    EXPECT_EQ(*found, account);
  }
  EXPECT_EQ(account_name(Account::kReceivables), "Accounts receivable");
  EXPECT_EQ(account_name(Account::kCostOfGoodsSold), "Cost of goods sold");
}

TEST(ChartOfAccounts, UnknownCodesAreRejected) {
  for (const int code : {0, 1, 1001, 3000, 9999, -1000}) {
    const Result<Account> found = account_from_code(code);
    ASSERT_FALSE(found.has_value()) << code;
    EXPECT_EQ(found.error().kind, ErrorKind::kInvalidArgument);
    EXPECT_EQ(found.error().reason, "unknown_account");
  }
}

// ---- trial balance -------------------------------------------------------------------------

// "EUR 1000 100.00-0.00=100.00 | … | total 219.00/219.00"
std::string describe(const std::vector<TrialBalance>& balances) {
  std::string text;
  for (const TrialBalance& balance : balances) {
    if (!text.empty()) text += "\n";
    text += std::string(balance.currency.text());
    for (const TrialBalanceRow& row : balance.rows) {
      text += " " + std::to_string(static_cast<int>(row.account)) + " " + format_amount(row.debit) +
              "-" + format_amount(row.credit) + "=" + format_amount(row.balance) + " |";
    }
    text +=
        " total " + format_amount(balance.total_debit) + "/" + format_amount(balance.total_credit);
  }
  return text;
}

// Aggregates entries per currency and account as the store does.
std::vector<AccountTotals> totals_of(const std::vector<LedgerEntry>& entries) {
  std::map<std::pair<std::string, int>, AccountTotals> sums;
  for (const LedgerEntry& entry : entries) {
    for (const LedgerLine& line : entry.lines) {
      const auto key = std::make_pair(std::string(line.amount.currency.text()),
                                      -static_cast<int>(line.account));  // reversed on purpose
      auto [it, inserted] = sums.try_emplace(
          key, AccountTotals{line.account, zero(line.amount.currency), zero(line.amount.currency)});
      if (line.amount.minor > 0) {
        it->second.debit = add(it->second.debit, line.amount).value();
      } else {
        it->second.credit = add(it->second.credit, negate(line.amount)).value();
      }
    }
  }
  std::vector<AccountTotals> result;
  for (const auto& [key, totals] : sums) result.push_back(totals);
  return result;
}

TEST(TrialBalance, OnePerCurrencyWithRowsByAccountCode) {
  const Date day = date("2026-03-02");
  const std::vector<LedgerEntry> entries = {
      post_invoice("INV-1", day, eur("119.00"), eur("100.00"), eur("19.00")),
      post_payment("PAY-1", day, eur("100.00"), eur("60.00")),
      post_payment_applied("PAY-1", day, eur("40.00")),
      post_invoice("INV-2", day, money("1190", "JPY"), money("1000", "JPY"), money("190", "JPY")),
      post_cost_of_shipment("SH-1", day, eur("42.00")),
  };
  EXPECT_EQ(describe(trial_balance(totals_of(entries))),
            "EUR 1000 100.00-0.00=100.00 | 1100 119.00-100.00=19.00 | 1200 0.00-42.00=-42.00 |"
            " 2100 0.00-19.00=-19.00 | 2200 40.00-40.00=0.00 | 4000 0.00-100.00=-100.00 |"
            " 5000 42.00-0.00=42.00 | total 301.00/301.00\n"
            "JPY 1100 1190-0=1190 | 2100 0-190=-190 | 4000 0-1000=-1000 | total 1190/1190");
}

TEST(TrialBalance, NoTotalsNoBalances) { EXPECT_TRUE(trial_balance({}).empty()); }

TEST(TrialBalanceDeathTest, TotalsThatDoNotBalanceAbort) {
  const std::vector<AccountTotals> totals = {
      {Account::kCash, eur("100.00"), eur("0")},
      {Account::kUnappliedCash, eur("0"), eur("99.99")},
  };
  EXPECT_DEATH((void)trial_balance(totals), "total_debit");
}

// ---- translation into the company currency ----------------------------------------------------

Money usd(std::string_view text) { return money(text, "USD"); }
FxRate rate(std::string_view text) { return parse_fx_rate(text).value(); }

// "1100 1210.00 / 4000 -1016.81 / 2100 -193.19": each line's company amount.
std::string company_amounts(const LedgerEntry& entry) {
  std::string text;
  for (const LedgerLine& line : entry.lines) {
    if (!text.empty()) text += " / ";
    text +=
        std::to_string(static_cast<int>(line.account)) + " " + format_amount(line.company_amount);
  }
  return text;
}

TEST(TranslateEntry, AnInvoiceInDollarsTakesTheRateOnEveryLine) {
  const LedgerEntry invoice =
      post_invoice("INV-2026-000001", date("2026-03-02"), usd("1000.00"), usd("1000.00"), usd("0"));
  const LedgerEntry entry = translate_entry(invoice, rate("1.10"), currency("EUR")).value();
  EXPECT_EQ(company_amounts(entry), "1100 1100.00 / 4000 -1100.00");
  EXPECT_EQ(entry.rate, rate("1.10"));
  EXPECT_EQ(describe(entry), describe(invoice));  // document amounts unchanged
  EXPECT_TRUE(is_translated(entry, currency("EUR")));
}

TEST(TranslateEntry, TheRoundingCentGoesOnTheLargestLine) {
  // 0.05 + 0.05 = 0.10 USD at 1.1: each 0.055 → 0.06 (half-even), the total 0.11; the
  // receivable (the largest line) takes the difference so that the entry balances: 0.12.
  const LedgerEntry invoice =
      post_invoice("INV-2026-000001", date("2026-03-02"), usd("0.10"), usd("0.05"), usd("0.05"));
  const LedgerEntry entry = translate_entry(invoice, rate("1.1"), currency("EUR")).value();
  EXPECT_EQ(company_amounts(entry), "1100 0.12 / 4000 -0.06 / 2100 -0.06");
  Int128 total = 0;
  for (const LedgerLine& line : entry.lines) total += line.company_amount.minor;
  EXPECT_TRUE(total == 0);
}

TEST(TranslateEntry, TheCompanyCurrencyIsTranslatedAtOne) {
  const LedgerEntry invoice = post_invoice("INV-2026-000001", date("2026-03-02"), eur("119.00"),
                                           eur("100.00"), eur("19.00"));
  // Whatever rate is offered, the company currency stays at 1.
  const LedgerEntry entry = translate_entry(invoice, rate("1.10"), currency("EUR")).value();
  EXPECT_EQ(entry.rate, kFxRateOne);
  EXPECT_EQ(company_amounts(entry), "1100 119.00 / 4000 -100.00 / 2100 -19.00");
}

TEST(TranslateEntry, ManyLinesStillBalanceExactly) {
  // Seven credits of 0.01 against one debit of 0.07 at 1.5: each credit 0.015 → 0.02
  // (half-even), the debit 0.105 → 0.10; the debit absorbs the difference: 0.14.
  std::vector<LedgerLine> lines{{Account::kReceivables, usd("0.07"), {}}};
  for (int i = 0; i < 7; ++i) lines.push_back({Account::kRevenue, usd("-0.01"), {}});
  const LedgerEntry entry =
      translate_entry(entry_of(std::move(lines)), rate("1.5"), currency("EUR")).value();
  EXPECT_EQ(entry.lines[0].company_amount, eur("0.14"));
  EXPECT_TRUE(is_translated(entry, currency("EUR")));
}

TEST(IsTranslated, RefusesMissingRateAndUnbalancedCompanyAmounts) {
  LedgerEntry entry =
      post_invoice("INV-2026-000001", date("2026-03-02"), usd("100.00"), usd("100.00"), usd("0"));
  EXPECT_FALSE(is_translated(entry, currency("EUR")));  // no rate yet
  entry = translate_entry(entry, rate("1.2"), currency("EUR")).value();
  EXPECT_TRUE(is_translated(entry, currency("EUR")));
  entry.lines[1].company_amount.minor -= 1;
  EXPECT_FALSE(is_translated(entry, currency("EUR")));
}

TEST(PostPaymentTranslated, CashAtThePaymentRateSplitsIntoAppliedAndUnapplied) {
  // 500.00 USD at 1.08 = 540.00 EUR; 300.00 applied = 324.00 EUR, 216.00 EUR held.
  const LedgerEntry entry =
      post_payment_translated("PAY-2026-000001", date("2026-03-10"), rate("1.08"), usd("500.00"),
                              eur("540.00"), usd("300.00"), eur("324.00"));
  EXPECT_EQ(describe(entry), "1000 Dr 500.00 / 1100 Cr 300.00 / 2200 Cr 200.00");
  EXPECT_EQ(company_amounts(entry), "1000 540.00 / 1100 -324.00 / 2200 -216.00");
  EXPECT_TRUE(is_translated(entry, currency("EUR")));
}

TEST(PostRealisedFx, ALossWhenTheCashIsWorthLessThanTheReceivable) {
  // Invoice 1,000.00 USD at 1.10 = 1,100.00 EUR, paid at 1.08 = 1,080.00 EUR: loss 20.00.
  const LedgerEntry entry =
      post_realised_fx("PAY-2026-000001", date("2026-04-01"), eur("1080.00"), eur("1100.00"));
  EXPECT_EQ(describe(entry), "5900 Dr 20.00 / 1100 Cr 20.00");
  EXPECT_EQ(entry.description, "realised FX loss");
  EXPECT_TRUE(is_translated(entry, currency("EUR")));
}

TEST(PostRealisedFx, AGainWhenTheCashIsWorthMore) {
  const LedgerEntry entry =
      post_realised_fx("PAY-2026-000001", date("2026-04-01"), eur("1120.00"), eur("1100.00"));
  EXPECT_EQ(describe(entry), "1100 Dr 20.00 / 4900 Cr 20.00");
  EXPECT_EQ(entry.description, "realised FX gain");
}

TEST(PostRealisedFx, NoDifferenceNoLines) {
  EXPECT_EQ(describe(post_realised_fx("PAY-2026-000001", date("2026-04-01"), eur("1100.00"),
                                      eur("1100.00"))),
            "no lines");
}

TEST(AccountNames, FxAccountsAreInTheChart) {
  EXPECT_EQ(account_name(Account::kRealisedFxGain), "Realised FX gain");
  EXPECT_EQ(account_name(Account::kRealisedFxLoss), "Realised FX loss");
  EXPECT_EQ(account_from_code(4900).value(), Account::kRealisedFxGain);
  EXPECT_EQ(account_from_code(5900).value(), Account::kRealisedFxLoss);
}

}  // namespace
}  // namespace o2c
