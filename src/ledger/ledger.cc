#include "ledger/ledger.h"

#include <algorithm>
#include <map>

namespace o2c {
namespace {

struct AccountRow {
  Account account;
  std::string_view name;
};
constexpr AccountRow kChart[] = {
    {Account::kCash, "Cash at bank"},
    {Account::kReceivables, "Accounts receivable"},
    {Account::kInventory, "Inventory"},
    {Account::kTaxPayable, "Tax payable"},
    {Account::kUnappliedCash, "Unapplied cash (customer credit)"},
    {Account::kGoodsReceived, "Goods received not invoiced"},
    {Account::kRevenue, "Revenue"},
    {Account::kSalesDiscounts, "Sales discounts"},
    {Account::kCostOfGoodsSold, "Cost of goods sold"},
    {Account::kDeferredRevenue, "Deferred revenue"},
};

void add_line(LedgerEntry& entry, Account account, Money amount) {
  if (amount.minor != 0) entry.lines.push_back(LedgerLine{account, amount});
}

LedgerEntry make_entry(std::string_view document, Date date, std::string_view description) {
  return LedgerEntry{std::string(document), date, std::string(description), {}};
}

// A two-line entry moving `amount` from `credited` to `debited`.
LedgerEntry transfer(std::string_view document, Date date, std::string_view description,
                     Account debited, Account credited, Money amount) {
  O2C_ASSERT(amount.minor >= 0);
  LedgerEntry entry = make_entry(document, date, description);
  add_line(entry, debited, amount);
  if (amount.minor != 0) add_line(entry, credited, negate(amount));
  return entry;
}

}  // namespace

std::string_view account_name(Account account) {
  for (const AccountRow& row : kChart) {
    if (row.account == account) return row.name;
  }
  O2C_ASSERT(false && "account missing from the chart");
  return {};
}

Result<Account> account_from_code(int code) {
  for (const AccountRow& row : kChart) {
    if (static_cast<int>(row.account) == code) return row.account;
  }
  return invalid_argument("unknown_account",
                          "no account " + std::to_string(code) + " in the chart");
}

bool is_balanced(const LedgerEntry& entry) {
  if (entry.lines.size() < 2) return false;
  const Currency currency = entry.lines.front().amount.currency;
  Int128 total = 0;
  for (const LedgerLine& line : entry.lines) {
    if (line.amount.currency != currency) return false;
    total += line.amount.minor;
  }
  return total == 0;
}

void assert_balanced(const LedgerEntry& entry) {
  O2C_ASSERT(entry.lines.size() >= 2);
  O2C_ASSERT(is_balanced(entry));
}

LedgerEntry post_invoice_deferred(std::string_view document, Date date, Money gross,
                                  Money net_earned, Money net_deferred, Money tax) {
  O2C_ASSERT(gross.minor == net_earned.minor + net_deferred.minor + tax.minor);
  LedgerEntry entry = make_entry(document, date, "invoice");
  add_line(entry, Account::kReceivables, gross);
  add_line(entry, Account::kRevenue, negate(net_earned));
  add_line(entry, Account::kDeferredRevenue, negate(net_deferred));
  add_line(entry, Account::kTaxPayable, negate(tax));
  if (!entry.lines.empty()) assert_balanced(entry);
  return entry;
}

LedgerEntry post_revenue_recognition(std::string_view document, Date date, Money amount) {
  LedgerEntry entry = make_entry(document, date, "revenue recognised");
  add_line(entry, Account::kDeferredRevenue, amount);
  add_line(entry, Account::kRevenue, negate(amount));
  O2C_ASSERT(entry.lines.empty() || entry.lines.size() == 2);
  if (!entry.lines.empty()) assert_balanced(entry);
  return entry;
}

LedgerEntry post_invoice(std::string_view document, Date date, Money gross, Money net, Money tax) {
  O2C_ASSERT(gross.minor == net.minor + tax.minor);
  LedgerEntry entry = make_entry(document, date, "invoice");
  add_line(entry, Account::kReceivables, gross);
  add_line(entry, Account::kRevenue, negate(net));
  add_line(entry, Account::kTaxPayable, negate(tax));
  return entry;
}

LedgerEntry post_cost_of_shipment(std::string_view document, Date date, Money standard_cost) {
  return transfer(document, date, "cost of goods shipped", Account::kCostOfGoodsSold,
                  Account::kInventory, standard_cost);
}

LedgerEntry post_payment(std::string_view document, Date date, Money received, Money applied) {
  O2C_ASSERT(applied.minor >= 0 && applied.minor <= received.minor);
  LedgerEntry entry = make_entry(document, date, "payment received");
  add_line(entry, Account::kCash, received);
  add_line(entry, Account::kReceivables, negate(applied));
  add_line(entry, Account::kUnappliedCash,
           Money{applied.minor - received.minor, received.currency});
  return entry;
}

LedgerEntry post_payment_applied(std::string_view document, Date date, Money amount) {
  return transfer(document, date, "payment applied", Account::kUnappliedCash, Account::kReceivables,
                  amount);
}

LedgerEntry post_credit_note(std::string_view document, Date date, Money net, Money tax,
                             Money allocated) {
  O2C_ASSERT(net.minor >= 0 && tax.minor >= 0 && allocated.minor >= 0);
  O2C_ASSERT(allocated.minor <= net.minor + tax.minor);
  LedgerEntry entry = make_entry(document, date, "credit note");
  add_line(entry, Account::kRevenue, net);
  add_line(entry, Account::kTaxPayable, tax);
  add_line(entry, Account::kReceivables, negate(allocated));
  add_line(entry, Account::kUnappliedCash,
           Money{allocated.minor - net.minor - tax.minor, net.currency});
  return entry;
}

LedgerEntry post_discount_allowed(std::string_view document, Date date, Money net, Money tax) {
  O2C_ASSERT(net.minor >= 0 && tax.minor >= 0);
  LedgerEntry entry = make_entry(document, date, "early-payment discount");
  add_line(entry, Account::kSalesDiscounts, net);
  add_line(entry, Account::kTaxPayable, tax);
  add_line(entry, Account::kReceivables, Money{-(net.minor + tax.minor), net.currency});
  return entry;
}

LedgerEntry post_stock_receipt(std::string_view document, Date date, Money standard_cost) {
  return transfer(document, date, "stock received", Account::kInventory, Account::kGoodsReceived,
                  standard_cost);
}

LedgerEntry post_stock_return(std::string_view document, Date date, Money standard_cost) {
  return transfer(document, date, "returned goods restocked", Account::kInventory,
                  Account::kCostOfGoodsSold, standard_cost);
}

std::vector<TrialBalance> trial_balance(std::span<const AccountTotals> totals) {
  std::map<std::string, TrialBalance> by_currency;
  for (const AccountTotals& row : totals) {
    O2C_ASSERT(row.debit.currency == row.credit.currency);
    TrialBalance& balance = by_currency[std::string(row.debit.currency.text())];
    if (balance.rows.empty()) {
      balance.currency = row.debit.currency;
      balance.total_debit = balance.total_credit = zero(row.debit.currency);
    }
    balance.rows.push_back(
        TrialBalanceRow{row.account, row.debit, row.credit,
                        Money{row.debit.minor - row.credit.minor, row.debit.currency}});
    balance.total_debit.minor += row.debit.minor;
    balance.total_credit.minor += row.credit.minor;
  }
  std::vector<TrialBalance> result;
  for (auto& [code, balance] : by_currency) {
    std::sort(
        balance.rows.begin(), balance.rows.end(),
        [](const TrialBalanceRow& a, const TrialBalanceRow& b) { return a.account < b.account; });
    // Every entry balanced when posted, so the sums must too.
    O2C_ASSERT(balance.total_debit == balance.total_credit);
    result.push_back(std::move(balance));
  }
  return result;
}

}  // namespace o2c
