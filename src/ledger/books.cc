// The books read back: one account's detail (general ledger) and the whole journal in
// hledger's format, for an accountant's own tools.
#include <map>
#include <set>

#include "ledger/ledger.h"

namespace o2c {
namespace {

Money plus(Money left, Money right) {
  Result<Money> total = add(left, right);
  O2C_ASSERT(total.has_value());  // the books' totals fit in int64 minor units
  return *total;
}

std::string_view hledger_type(AccountType type) {
  static constexpr std::string_view kTypes[] = {"A", "L", "E", "R", "X"};
  return kTypes[static_cast<std::size_t>(type)];
}

// "1000.00 EUR": declares the decimal mark and precision of a currency to hledger.
std::string commodity_sample(Currency currency) {
  std::int64_t minor = 1000;
  for (int i = 0; i < currency.exponent; ++i) minor *= 10;
  return format_money(Money{minor, currency});
}

}  // namespace

std::vector<GeneralLedger> general_ledger(std::span<const PostedEntry> entries, Account role,
                                          std::optional<Date> from) {
  std::map<std::string, GeneralLedger> by_currency;
  for (const PostedEntry& posted : entries) {
    const LedgerEntry& entry = posted.entry;
    for (const LedgerLine& line : entry.lines) {
      if (line.account != role) continue;
      const Currency currency = line.amount.currency;
      GeneralLedger& ledger = by_currency[std::string(currency.text())];
      if (ledger.lines.empty() && ledger.opening.currency != currency) {
        ledger.currency = currency;
        ledger.opening = ledger.total_debit = ledger.total_credit = ledger.closing = zero(currency);
      }
      if (from && entry.date < *from) {
        ledger.opening = plus(ledger.opening, line.amount);
        ledger.closing = ledger.opening;
        continue;
      }
      const bool debit = line.amount.minor > 0;
      const Money debited = debit ? line.amount : zero(currency);
      const Money credited = debit ? zero(currency) : negate(line.amount);
      ledger.total_debit = plus(ledger.total_debit, debited);
      ledger.total_credit = plus(ledger.total_credit, credited);
      ledger.closing = plus(ledger.closing, line.amount);
      ledger.lines.push_back(GeneralLedgerLine{entry.date, entry.document, entry.description,
                                               debited, credited, ledger.closing});
    }
  }
  std::vector<GeneralLedger> result;
  for (auto& [code, ledger] : by_currency) {
    // closing = opening + debits − credits, line by line and in total.
    O2C_ASSERT(ledger.closing.minor ==
               ledger.opening.minor + ledger.total_debit.minor - ledger.total_credit.minor);
    result.push_back(std::move(ledger));
  }
  return result;
}

std::string hledger_posting_amount(const LedgerLine& line) {
  // With FX, the company-currency amount goes here as a total cost: " @@ 92.00 EUR".
  return format_money(line.amount);
}

std::string hledger_journal(std::span<const PostedEntry> entries, const Chart& chart) {
  std::string out = "; the books of o2c as an hledger journal (o2c ledger export)\n";
  std::set<std::string> currencies;
  for (const PostedEntry& posted : entries) {
    for (const LedgerLine& line : posted.entry.lines) {
      if (currencies.insert(std::string(line.amount.currency.text())).second)
        out += "commodity " + commodity_sample(line.amount.currency) + "\n";
    }
  }
  out += "\n";
  for (const ChartAccount& account : chart.accounts) {
    out += "account " + account.ledger_name +
           "  ; type: " + std::string(hledger_type(account.type)) +
           ", code: " + std::to_string(account.code) + "\n";
  }
  for (const PostedEntry& posted : entries) {
    const LedgerEntry& entry = posted.entry;
    assert_balanced(entry);
    out += "\n" + format_date(entry.date) + " " + entry.document + " | " + entry.description + "\n";
    for (const LedgerLine& line : entry.lines) {
      out += "    " + account_of(chart, line.account).ledger_name + "  " +
             hledger_posting_amount(line) + "\n";
    }
  }
  return out;
}

}  // namespace o2c
