// ledger.h — the double-entry books behind every step. Rules encoded: every entry has at
// least two lines and its debits equal its credits in its one currency (asserted on the way
// in and out of the store); an invoice debits receivables and credits revenue and tax; a
// shipment moves its standard cost from inventory to cost of goods sold; a payment debits
// cash and credits unapplied cash until it is applied, which moves it onto receivables.
// Entries are kept in the document's currency; translating to the company currency is FX
// (a later issue), so the trial balance balances per currency.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/result.h"

namespace o2c {

// The chart of accounts the cycle posts to. Numbers are account codes: never reuse one.
enum class Account : std::uint16_t {
  kCash = 1000,
  kReceivables = 1100,
  kInventory = 1200,
  kTaxPayable = 2100,
  kUnappliedCash = 2200,
  kGoodsReceived = 2300,    // goods received, supplier not yet invoiced
  kDeferredRevenue = 2400,  // billed in advance, service not yet delivered (a liability)
  kRevenue = 4000,
  kSalesDiscounts = 4100,  // early-payment discounts allowed (contra revenue)
  kCostOfGoodsSold = 5000,
};
std::string_view account_name(Account account);
Result<Account> account_from_code(int code);
inline constexpr Account kAllAccounts[] = {
    Account::kCash,
    Account::kReceivables,
    Account::kInventory,
    Account::kTaxPayable,
    Account::kUnappliedCash,
    Account::kGoodsReceived,
    Account::kRevenue,
    Account::kSalesDiscounts,
    Account::kCostOfGoodsSold,
    Account::kDeferredRevenue,
};

struct LedgerLine {
  Account account = Account::kCash;
  Money amount;  // debit > 0, credit < 0
};

struct LedgerEntry {
  std::string document;  // "INV-2026-000001"
  Date date;
  std::string description;
  std::vector<LedgerLine> lines;
};

bool is_balanced(const LedgerEntry& entry);
// Asserts the entry's invariants: >= 2 lines, one currency, debits = credits.
void assert_balanced(const LedgerEntry& entry);

// Postings of the cycle's documents. Zero amounts are left out; an entry whose amounts are
// all zero (a free line) comes back with no lines and is not posted.
LedgerEntry post_invoice(std::string_view document, Date date, Money gross, Money net, Money tax);
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

// One trial balance per currency from per-account totals; each is asserted to balance.
std::vector<TrialBalance> trial_balance(std::span<const AccountTotals> totals);

}  // namespace o2c
