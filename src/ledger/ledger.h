// ledger.h — the double-entry books behind every step. Rules encoded: every entry has at
// least two lines and its debits equal its credits in its one currency (asserted on the way
// in and out of the store); an invoice debits receivables and credits revenue and tax; a
// shipment moves its standard cost from inventory to cost of goods sold; a payment debits
// cash and credits unapplied cash until it is applied, which moves it onto receivables.
// Every entry is kept in its document's currency and translated into the company currency
// (fx.h): the entry stores the rate, each line its document amount and its company amount.
// The company amounts of an entry balance exactly (translate_entry), so the trial balance
// is one trial balance in the company currency; the document-currency view balances per
// currency. Settling a receivable at a rate other than the invoice's realises an FX gain or
// loss, posted by post_realised_fx.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/result.h"
#include "fx/fx.h"

namespace o2c {

// The chart of accounts the cycle posts to. Numbers are account codes: never reuse one.
enum class Account : std::uint16_t {
  kCash = 1000,
  kReceivables = 1100,
  kInventory = 1200,
  kTaxPayable = 2100,
  kUnappliedCash = 2200,
  kGoodsReceived = 2300,  // goods received, supplier not yet invoiced
  kRevenue = 4000,
  kCostOfGoodsSold = 5000,
  kRealisedFxGain = 4900,  // receivables settled for more company currency than invoiced
  kRealisedFxLoss = 5900,  // … for less
};
std::string_view account_name(Account account);
Result<Account> account_from_code(int code);
inline constexpr Account kAllAccounts[] = {
    Account::kCash,           Account::kReceivables,     Account::kInventory,
    Account::kTaxPayable,     Account::kUnappliedCash,   Account::kGoodsReceived,
    Account::kRevenue,        Account::kCostOfGoodsSold, Account::kRealisedFxGain,
    Account::kRealisedFxLoss,
};

struct LedgerLine {
  Account account = Account::kCash;
  Money amount;            // in the document's currency: debit > 0, credit < 0
  Money company_amount{};  // in the company currency (set by translate_entry)
};

struct LedgerEntry {
  std::string document;  // "INV-2026-000001"
  Date date;
  std::string description;
  std::vector<LedgerLine> lines;
  // The rate its lines were translated at (company units per document unit); 1 in the
  // company currency; zero until translated.
  FxRate rate{};
};

bool is_balanced(const LedgerEntry& entry);
// Asserts the entry's invariants: >= 2 lines, one currency, debits = credits.
void assert_balanced(const LedgerEntry& entry);
// Translated: a rate is set, every company amount is in one currency and they balance, and
// in the company currency each line's company amount is its document amount.
bool is_translated(const LedgerEntry& entry, Currency company);
// Asserts is_balanced and is_translated: what the store checks before it posts an entry.
void assert_translated(const LedgerEntry& entry, Currency company);

// Translates every line at `rate` (half-even). The rounding differences — at most half a
// minor unit per line — are put on the line with the largest company amount (the first such,
// in absolute value), so that the company amounts balance exactly; an entry in the company
// currency takes rate 1 and keeps its amounts. Fails with amount_overflow.
Result<LedgerEntry> translate_entry(LedgerEntry entry, FxRate rate, Currency company);

// Postings of the cycle's documents. Zero amounts are left out; an entry whose amounts are
// all zero (a free line) comes back with no lines and is not posted.
LedgerEntry post_invoice(std::string_view document, Date date, Money gross, Money net, Money tax);
LedgerEntry post_cost_of_shipment(std::string_view document, Date date, Money standard_cost);
// Cash received: what the payment settles comes off receivables, the rest is held as
// unapplied cash (the customer's credit) in the same entry.
LedgerEntry post_payment(std::string_view document, Date date, Money received, Money applied);
// Unapplied cash later put against receivables.
LedgerEntry post_payment_applied(std::string_view document, Date date, Money amount);

// A payment translated at the payment's `rate`: its cash at `received_company` (received ×
// rate), of which `applied_company` (the applied part's share, fx.h settled_share) leaves
// receivables and the rest is held as unapplied cash. Receivables are brought to the
// invoices' own company amounts by post_realised_fx.
LedgerEntry post_payment_translated(std::string_view document, Date date, FxRate rate,
                                    Money received, Money received_company, Money applied,
                                    Money applied_company);
// Unapplied cash of a payment put against receivables: `amount_company` is the share of the
// payment's company amount it carries (at the payment's rate).
LedgerEntry post_payment_applied_translated(std::string_view document, Date date, FxRate rate,
                                            Money amount, Money amount_company);
// The realised FX difference of settling receivables, in the company currency (rate 1): cash
// worth `paid` (company currency, at the payment's rate) cleared receivables the invoices
// carry at `cleared`. More paid than cleared is a gain (debit receivables, credit FX gain),
// less a loss (debit FX loss, credit receivables); equal amounts give no lines.
LedgerEntry post_realised_fx(std::string_view document, Date date, Money paid, Money cleared);
LedgerEntry post_stock_receipt(std::string_view document, Date date, Money standard_cost);
// Returned goods put back into stock: their standard cost moves back from cost of goods sold
// to inventory (the reverse of post_cost_of_shipment).
LedgerEntry post_stock_return(std::string_view document, Date date, Money standard_cost);

struct TrialBalanceRow {
  Account account = Account::kCash;
  Money debit;    // sum of debits
  Money credit;   // sum of credits, as a positive amount
  Money balance;  // debit − credit
};

struct TrialBalance {
  Currency currency;
  std::vector<TrialBalanceRow> rows;  // by account code
  Money total_debit;
  Money total_credit;
};

// Per-account totals (debit sum, credit sum) as the store aggregates them.
struct AccountTotals {
  Account account = Account::kCash;
  Money debit;
  Money credit;  // positive
};

// One trial balance per currency from per-account totals; each is asserted to balance. Fed
// with company amounts it is the company's one trial balance; with document amounts, the
// view by document currency.
std::vector<TrialBalance> trial_balance(std::span<const AccountTotals> totals);

}  // namespace o2c
