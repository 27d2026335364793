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

#include <compare>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/result.h"
#include "fx/fx.h"

namespace o2c {

// The posting roles of the cycle: what a posting means (receivables, revenue, tax payable),
// not where it lands. Ledger lines store the role's number, which never changes and is never
// reused; the chart of accounts (Chart, below) gives each role its account code, name and type.
// Adding a role is one line here:
//   X(enumerator, role number = default account code, wire name (the chart's `role`),
//     default account name, account type, default hledger account name)
#define O2C_LEDGER_ROLES(X)                                                                        \
  X(kCash, 1000, "cash", "Cash at bank", kAsset, "assets:cash")                                    \
  X(kReceivables, 1100, "receivables", "Accounts receivable", kAsset, "assets:receivables")        \
  X(kInventory, 1200, "inventory", "Inventory", kAsset, "assets:inventory")                        \
  X(kTaxPayable, 2100, "tax_payable", "Tax payable", kLiability, "liabilities:tax payable")        \
  X(kUnappliedCash, 2200, "unapplied_cash", "Unapplied cash (customer credit)", kLiability,        \
    "liabilities:unapplied cash")                                                                  \
  X(kGoodsReceived, 2300, "goods_received", "Goods received not invoiced", kLiability,             \
    "liabilities:goods received")                                                                  \
  X(kDeferredRevenue, 2400, "deferred_revenue", "Deferred revenue", kLiability,                    \
    "liabilities:deferred revenue")                                                                \
  X(kRevenue, 4000, "revenue", "Revenue", kRevenue, "revenues:sales")                              \
  X(kSalesDiscounts, 4100, "sales_discounts", "Sales discounts", kRevenue,                         \
    "revenues:sales discounts")                                                                    \
  X(kDunningCharges, 4200, "dunning_charges", "Dunning fees and interest", kRevenue,               \
    "revenues:dunning charges")                                                                    \
  X(kRealisedFxGain, 4900, "realised_fx_gain", "Realised FX gain", kRevenue,                       \
    "revenues:realised fx gain")                                                                   \
  X(kRealisedFxLoss, 5900, "realised_fx_loss", "Realised FX loss", kExpense,                       \
    "expenses:realised fx loss")                                                                   \
  X(kCostOfGoodsSold, 5000, "cost_of_goods_sold", "Cost of goods sold", kExpense,                  \
    "expenses:cost of goods sold")                                                                 \
  X(kBadDebts, 6100, "bad_debts", "Bad debts", kExpense, "expenses:bad debts")                     \
  X(kPaymentDifferences, 6200, "payment_differences", "Payment differences written off", kExpense, \
    "expenses:payment differences")

enum class Account : std::uint16_t {
#define O2C_ROLE_ENUMERATOR(name, number, wire, title, type, ledger) name = number,
  O2C_LEDGER_ROLES(O2C_ROLE_ENUMERATOR)
#undef O2C_ROLE_ENUMERATOR
};
inline constexpr Account kAllAccounts[] = {
#define O2C_ROLE_LIST(name, number, wire, title, type, ledger) Account::name,
    O2C_LEDGER_ROLES(O2C_ROLE_LIST)
#undef O2C_ROLE_LIST
};
// The default chart's name of the role's account ("Accounts receivable").
std::string_view account_name(Account account);
// The role's wire name, as the chart and the journal write it: "tax_payable".
std::string_view wire_name(Account account);
Result<Account> account_from_wire_name(std::string_view name);
// The role stored under `code` in ledger lines (its number).
Result<Account> account_from_code(int code);

// What an account is in the balance sheet or the income statement.
enum class AccountType : std::uint8_t { kAsset, kLiability, kEquity, kRevenue, kExpense };
std::string_view wire_name(AccountType type);  // "asset", "liability", …
Result<AccountType> account_type_from_wire_name(std::string_view name);

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
// `revenue`: the role the net is earned on (kDunningCharges for a dunning debit note).
LedgerEntry post_invoice(std::string_view document, Date date, Money gross, Money net, Money tax,
                         Account revenue = Account::kRevenue);
// An invoice part of whose net is billed in advance of its service (a subscription period):
// receivables are debited the gross, revenue credited `net_earned`, deferred revenue
// `net_deferred` and tax payable `tax`. Negative amounts (a credit for an unused part)
// post the other way round. Requires: gross = net_earned + net_deferred + tax.
LedgerEntry post_invoice_deferred(std::string_view document, Date date, Money gross,
                                  Money net_earned, Money net_deferred, Money tax);
// Deferred revenue whose service month has come moves to revenue (a negative amount — a
// credited unused part — moves back).
LedgerEntry post_revenue_recognition(std::string_view document, Date date, Money amount);
LedgerEntry post_cost_of_shipment(std::string_view document, Date date, Money standard_cost);
// Cash received: what the payment settles comes off receivables, the rest is held as
// unapplied cash (the customer's credit) in the same entry.
LedgerEntry post_payment(std::string_view document, Date date, Money received, Money applied);
// Unapplied cash later put against receivables.
LedgerEntry post_payment_applied(std::string_view document, Date date, Money amount);
// A credit note: revenue and tax given back; what settles the invoice comes off receivables,
// the rest is the customer's credit (unapplied), as with cash on account.
LedgerEntry post_credit_note(std::string_view document, Date date, Money net, Money tax,
                             Money allocated);
// An early-payment discount granted on an invoice: its net share reduces revenue (through
// sales discounts) and its tax share the tax owed (EU VAT: the taxable amount is what was
// paid), off receivables.
LedgerEntry post_discount_allowed(std::string_view document, Date date, Money net, Money tax);

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

// ---- the chart of accounts ------------------------------------------------------------------
// The company's chart gives each posting role an account (code, name, type) and may list
// accounts no role posts to yet. It is read from TOML (`o2c config accounts chart.toml`):
//
//   [[accounts]]
//   code = 1100                         # a positive integer, unique in the chart
//   name = "Accounts receivable"        # up to kChartNameBytesMax bytes
//   type = "asset"                      # asset | liability | equity | revenue | expense
//   role = "receivables"                # optional: the posting role booked to this account
//   ledger_name = "assets:receivables"  # optional: the hledger account; default
//                                       # "<assets|liabilities|equity|revenues|expenses>:<name
//                                       # in lower case>"
//
// Every role must be given to exactly one account; codes and ledger names are unique.
// Ledger lines store the role, so reports and exports always use the chart in force: a new
// chart renames and renumbers the whole history. Once a period is closed the books reported
// for it must not change numbers, so a new chart must then keep every role's code (names,
// ledger names and extra accounts may still change) — app::set_chart enforces it.

inline constexpr std::size_t kChartAccountsMax = 1000;
inline constexpr std::size_t kChartNameBytesMax = 100;
inline constexpr std::int64_t kAccountCodeMax = 999'999'999;

struct ChartAccount {
  int code = 0;
  std::string name;
  AccountType type = AccountType::kAsset;
  std::string ledger_name;      // "assets:receivables"
  std::optional<Account> role;  // none: an account no posting of the cycle goes to
};

struct Chart {
  std::vector<ChartAccount> accounts;  // by code
};

// Today's codes and names: each role's number is its code.
Chart default_chart();
// The account a role is booked to. Requires a chart that maps every role (parse_chart's).
const ChartAccount& account_of(const Chart& chart, Account role);
// The account with `code`, or none.
const ChartAccount* find_account(const Chart& chart, int code);
// Reads a chart. Fails with invalid_toml at "<source> line N", or invalid_chart at
// "<source>: accounts[2].code, line 14" (unknown key, missing or mistyped field, duplicate
// code, ledger name or role, unknown role or type, too many accounts) or at
// "<source>: accounts" with the role no account takes ("role tax_payable is given to no
// account").
Result<Chart> parse_chart(std::string_view toml_text, std::string_view source);

// ---- accounting periods ---------------------------------------------------------------------
// A period is a calendar month. Nothing may be posted dated in a closed period (the store
// refuses with period_closed, so the whole use case rolls back). Periods close in order: a
// month cannot close while an earlier month with postings is open, and a month cannot reopen
// while a later one is closed — so the closed months are always the books' oldest.

struct YearMonth {
  int year = 0;
  int month = 0;  // 1..12
  auto operator<=>(const YearMonth&) const = default;
};
Result<YearMonth> parse_year_month(std::string_view text);  // "2026-03"; invalid_period
std::string format_year_month(YearMonth period);            // "2026-03"
YearMonth year_month_of(Date date);

struct PeriodStatus {
  YearMonth period;
  bool closed = false;
  Timestamp changed_at;    // last closed or reopened
  std::string changed_by;  // the actor
  std::string reason;      // of the last reopening
};

// May `period` close? `periods`: those ever closed or reopened; `posted`: months with
// postings. Fails with period_already_closed, or earlier_period_open naming the month.
Status check_can_close(YearMonth period, std::span<const PeriodStatus> periods,
                       std::span<const YearMonth> posted);
// May `period` reopen? Fails with period_not_closed, later_period_closed or reason_required.
Status check_can_reopen(YearMonth period, std::span<const PeriodStatus> periods,
                        std::string_view reason);

// ---- general-ledger detail and export -------------------------------------------------------

// An entry as stored, with its place in posting order.
struct PostedEntry {
  std::int64_t id = 0;
  LedgerEntry entry;
};

struct GeneralLedgerLine {
  Date date;
  std::string document;
  std::string description;
  Money debit;
  Money credit;   // positive
  Money balance;  // running: opening + debits − credits so far
};
struct GeneralLedger {
  Currency currency;
  Money opening;  // before `from`
  std::vector<GeneralLedgerLine> lines;
  Money total_debit;
  Money total_credit;
  Money closing;
};
// The detail of one role's account from `from` (or the beginning) to the end of `entries`,
// one ledger per currency (by currency code). `entries` are in date order and may hold
// entries not touching `role` (skipped); lines before `from` make the opening balance.
std::vector<GeneralLedger> general_ledger(std::span<const PostedEntry> entries, Account role,
                                          std::optional<Date> from);

// The books as an hledger journal (hledger.org, "journal format"): `commodity` directives
// for each currency (so hledger reads the decimal mark right), `account` directives with
// their type, then one transaction per entry:
//   2026-03-02 INV-2026-000001 | invoice
//       assets:receivables      237.88 EUR
//       revenues:sales         -199.90 EUR
// Amounts are the document-currency amounts. When postings carry a company-currency amount
// too (FX), hledger_posting_amount() is the one place to append the cost: "@@ 92.00 EUR".
std::string hledger_journal(std::span<const PostedEntry> entries, const Chart& chart);
std::string hledger_posting_amount(const LedgerLine& line);

}  // namespace o2c
