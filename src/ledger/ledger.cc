#include "ledger/ledger.h"

#include <algorithm>
#include <map>

namespace o2c {
namespace {

struct RoleRow {
  Account account;
  std::string_view wire;
  std::string_view name;
};
constexpr RoleRow kRoles[] = {
#define O2C_ROLE_ROW(name, number, wire, title, type, ledger) {Account::name, wire, title},
    O2C_LEDGER_ROLES(O2C_ROLE_ROW)
#undef O2C_ROLE_ROW
};
static_assert(std::size(kRoles) == std::size(kAllAccounts));

constexpr std::string_view kAccountTypeNames[] = {"asset", "liability", "equity", "revenue",
                                                  "expense"};

const RoleRow& role_row(Account account) {
  for (const RoleRow& row : kRoles) {
    if (row.account == account) return row;
  }
  O2C_ASSERT(false && "role missing from O2C_LEDGER_ROLES");
  return kRoles[0];
}

void add_line(LedgerEntry& entry, Account account, Money amount) {
  if (amount.minor != 0) entry.lines.push_back(LedgerLine{account, amount, {}});
}

// Sets the company amount of the entry's one line on `account` (if it has one).
void set_company_amount(LedgerEntry& entry, Account account, Money company_amount) {
  for (LedgerLine& line : entry.lines) {
    if (line.account == account) line.company_amount = company_amount;
  }
}

LedgerEntry make_entry(std::string_view document, Date date, std::string_view description) {
  return LedgerEntry{std::string(document), date, std::string(description), {}, {}};
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

std::string_view account_name(Account account) { return role_row(account).name; }

std::string_view wire_name(Account account) { return role_row(account).wire; }

Result<Account> account_from_wire_name(std::string_view name) {
  for (const RoleRow& row : kRoles) {
    if (row.wire == name) return row.account;
  }
  return invalid_argument("unknown_role", "no posting role '" + std::string(name) + "'");
}

Result<Account> account_from_code(int code) {
  for (const RoleRow& row : kRoles) {
    if (static_cast<int>(row.account) == code) return row.account;
  }
  return invalid_argument("unknown_account",
                          "no account " + std::to_string(code) + " in the chart");
}

std::string_view wire_name(AccountType type) {
  const auto index = static_cast<std::size_t>(type);
  O2C_ASSERT(index < std::size(kAccountTypeNames));
  return kAccountTypeNames[index];
}

Result<AccountType> account_type_from_wire_name(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kAccountTypeNames); ++i) {
    if (kAccountTypeNames[i] == name) return static_cast<AccountType>(i);
  }
  return invalid_argument("unknown_account_type",
                          "account type '" + std::string(name) +
                              "' is none of asset, liability, equity, revenue, expense");
}

Chart default_chart() {
  Chart chart;
#define O2C_DEFAULT_ACCOUNT(name, number, wire, title, type, ledger) \
  chart.accounts.push_back(ChartAccount{number, title, AccountType::type, ledger, Account::name});
  O2C_LEDGER_ROLES(O2C_DEFAULT_ACCOUNT)
#undef O2C_DEFAULT_ACCOUNT
  std::sort(chart.accounts.begin(), chart.accounts.end(),
            [](const ChartAccount& a, const ChartAccount& b) { return a.code < b.code; });
  return chart;
}

const ChartAccount& account_of(const Chart& chart, Account role) {
  for (const ChartAccount& account : chart.accounts) {
    if (account.role == role) return account;
  }
  O2C_ASSERT(false && "a role the chart does not map");
  return chart.accounts.front();
}

const ChartAccount* find_account(const Chart& chart, int code) {
  for (const ChartAccount& account : chart.accounts) {
    if (account.code == code) return &account;
  }
  return nullptr;
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

bool is_translated(const LedgerEntry& entry, Currency company) {
  if (entry.rate.micros <= 0 || entry.lines.empty()) return false;
  const bool in_company = entry.lines.front().amount.currency == company;
  if (in_company && entry.rate != kFxRateOne) return false;
  Int128 total = 0;
  for (const LedgerLine& line : entry.lines) {
    if (line.company_amount.currency != company) return false;
    if (in_company && line.company_amount != line.amount) return false;
    total += line.company_amount.minor;
  }
  return total == 0;
}

void assert_translated(const LedgerEntry& entry, Currency company) {
  assert_balanced(entry);
  O2C_ASSERT(entry.rate.micros > 0);
  O2C_ASSERT(is_translated(entry, company));
}

Result<LedgerEntry> translate_entry(LedgerEntry entry, FxRate rate, Currency company) {
  if (entry.lines.empty()) return entry;
  assert_balanced(entry);
  entry.rate = entry.lines.front().amount.currency == company ? kFxRateOne : rate;
  Int128 total = 0;
  std::size_t largest = 0;
  for (std::size_t i = 0; i < entry.lines.size(); ++i) {
    LedgerLine& line = entry.lines[i];
    O2C_ASSIGN_OR_RETURN(line.company_amount,
                         to_company_currency(line.amount, entry.rate, company));
    total += line.company_amount.minor;
    const auto magnitude = [](const LedgerLine& l) {
      return l.company_amount.minor < 0 ? -static_cast<Int128>(l.company_amount.minor)
                                        : static_cast<Int128>(l.company_amount.minor);
    };
    if (magnitude(line) > magnitude(entry.lines[largest])) largest = i;
  }
  // Each line is within half a minor unit of exact and the exact amounts sum to zero, so the
  // difference is at most half a unit per line.
  O2C_ASSERT(total <= static_cast<Int128>(entry.lines.size()));
  O2C_ASSERT(-total <= static_cast<Int128>(entry.lines.size()));
  entry.lines[largest].company_amount.minor -= static_cast<std::int64_t>(total);
  O2C_ASSERT(is_translated(entry, company));
  return entry;
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

LedgerEntry post_invoice(std::string_view document, Date date, Money gross, Money net, Money tax,
                         Account revenue) {
  O2C_ASSERT(gross.minor == net.minor + tax.minor);
  LedgerEntry entry = make_entry(document, date, "invoice");
  add_line(entry, Account::kReceivables, gross);
  add_line(entry, revenue, negate(net));
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

LedgerEntry post_payment_translated(std::string_view document, Date date, FxRate rate,
                                    Money received, Money received_company, Money applied,
                                    Money applied_company) {
  O2C_ASSERT(rate.micros > 0);
  O2C_ASSERT(received_company.currency == applied_company.currency);
  LedgerEntry entry = post_payment(document, date, received, applied);
  entry.rate = rate;
  set_company_amount(entry, Account::kCash, received_company);
  set_company_amount(entry, Account::kReceivables, negate(applied_company));
  set_company_amount(
      entry, Account::kUnappliedCash,
      Money{applied_company.minor - received_company.minor, received_company.currency});
  if (!entry.lines.empty()) O2C_ASSERT(is_translated(entry, received_company.currency));
  return entry;
}

LedgerEntry post_payment_applied_translated(std::string_view document, Date date, FxRate rate,
                                            Money amount, Money amount_company) {
  O2C_ASSERT(rate.micros > 0);
  LedgerEntry entry = post_payment_applied(document, date, amount);
  entry.rate = rate;
  set_company_amount(entry, Account::kUnappliedCash, amount_company);
  set_company_amount(entry, Account::kReceivables, negate(amount_company));
  if (!entry.lines.empty()) O2C_ASSERT(is_translated(entry, amount_company.currency));
  return entry;
}

LedgerEntry post_realised_fx(std::string_view document, Date date, Money paid, Money cleared) {
  O2C_ASSERT(paid.currency == cleared.currency);
  const std::int64_t difference = paid.minor - cleared.minor;
  LedgerEntry entry;
  if (difference >= 0) {
    entry = transfer(document, date, "realised FX gain", Account::kReceivables,
                     Account::kRealisedFxGain, Money{difference, paid.currency});
  } else {
    entry = transfer(document, date, "realised FX loss", Account::kRealisedFxLoss,
                     Account::kReceivables, Money{-difference, paid.currency});
  }
  entry.rate = kFxRateOne;
  for (LedgerLine& line : entry.lines) line.company_amount = line.amount;
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
