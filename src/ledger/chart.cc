// Reading the chart of accounts from TOML (format in ledger.h). Every error names the file,
// the key path and the line, so an accountant can fix the file without reading code.
#include <algorithm>
#include <cctype>
#include <set>

#include <toml++/toml.h>

#include "ledger/ledger.h"

namespace o2c {
namespace {

constexpr const char* kReason = "invalid_chart";

class ChartReader {
 public:
  explicit ChartReader(std::string_view source) : source_(source) {}

  Error error(const toml::source_region& region, std::string_view path,
              std::string_view message) const {
    std::string where = std::string(source_) + ": " + std::string(path);
    if (region.begin.line > 0) where += ", line " + std::to_string(region.begin.line);
    return invalid_argument(kReason, std::string(message), std::move(where));
  }

  Result<ChartAccount> account(const toml::table& table, const std::string& path) const {
    for (const auto& [key, value] : table) {
      static constexpr std::string_view kKnown[] = {"code", "name", "type", "role", "ledger_name"};
      if (std::find(std::begin(kKnown), std::end(kKnown), key.str()) == std::end(kKnown))
        return error(key.source(), path + "." + std::string(key.str()),
                     "unknown key '" + std::string(key.str()) +
                         "' (known: code, name, type, role, ledger_name)");
    }
    ChartAccount account;
    O2C_ASSIGN_OR_RETURN(account.code, code(table, path));
    O2C_ASSIGN_OR_RETURN(account.name, text(table, path, "name", true));
    if (account.name.size() > kChartNameBytesMax)
      return error(table["name"].node()->source(), path + ".name",
                   "an account name has at most " + std::to_string(kChartNameBytesMax) + " bytes");
    O2C_ASSIGN_OR_RETURN(std::string type, text(table, path, "type", true));
    Result<AccountType> parsed_type = account_type_from_wire_name(type);
    if (!parsed_type)
      return error(table["type"].node()->source(), path + ".type", parsed_type.error().message);
    account.type = *parsed_type;
    O2C_ASSIGN_OR_RETURN(std::string role, text(table, path, "role", false));
    if (!role.empty()) {
      Result<Account> parsed_role = account_from_wire_name(role);
      if (!parsed_role)
        return error(table["role"].node()->source(), path + ".role", parsed_role.error().message);
      account.role = *parsed_role;
    }
    O2C_ASSIGN_OR_RETURN(account.ledger_name, text(table, path, "ledger_name", false));
    if (account.ledger_name.empty()) account.ledger_name = default_ledger_name(account);
    if (!valid_ledger_name(account.ledger_name)) {
      const toml::node* node = table["ledger_name"].node();
      return error(node ? node->source() : table.source(), path + ".ledger_name",
                   "'" + account.ledger_name +
                       "' is not an hledger account name (no tabs, two spaces in a row, ';', "
                       "or empty parts between ':')");
    }
    return account;
  }

 private:
  Result<int> code(const toml::table& table, const std::string& path) const {
    const toml::node* node = table["code"].node();
    if (node == nullptr) return error(table.source(), path + ".code", "an account needs a code");
    const auto* number = node->as_integer();
    if (number == nullptr || number->get() < 1 || number->get() > kAccountCodeMax)
      return error(node->source(), path + ".code",
                   "an account code is an integer from 1 to " + std::to_string(kAccountCodeMax));
    return static_cast<int>(number->get());
  }

  Result<std::string> text(const toml::table& table, const std::string& path, std::string_view key,
                           bool required) const {
    const toml::node* node = table[key].node();
    const std::string field = path + "." + std::string(key);
    if (node == nullptr) {
      if (!required) return std::string();
      return error(table.source(), field, "an account needs a " + std::string(key));
    }
    const auto* value = node->as_string();
    if (value == nullptr || value->get().empty())
      return error(node->source(), field, std::string(key) + " must be a non-empty string");
    return value->get();
  }

  static std::string default_ledger_name(const ChartAccount& account) {
    static constexpr std::string_view kRoots[] = {"assets", "liabilities", "equity", "revenues",
                                                  "expenses"};
    std::string name(kRoots[static_cast<std::size_t>(account.type)]);
    name += ':';
    bool space = false;
    for (char c : account.name) {
      const bool blank = c == ' ' || c == '\t' || c == ':' || c == ';';
      if (blank) {
        space = true;
        continue;
      }
      if (space && name.back() != ':') name += ' ';
      space = false;
      name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return name;
  }

  static bool valid_ledger_name(std::string_view name) {
    if (name.empty() || name.front() == ':' || name.back() == ':' || name.front() == ' ' ||
        name.back() == ' ')
      return false;
    if (name.find("::") != std::string_view::npos || name.find("  ") != std::string_view::npos)
      return false;
    return name.find_first_of("\t\n\r;") == std::string_view::npos;
  }

  std::string_view source_;
};

Result<toml::table> parse_toml(std::string_view text, std::string_view source) {
  try {
    return toml::parse(text, source);
  } catch (const toml::parse_error& failure) {
    return invalid_argument(
        "invalid_toml", std::string(failure.description()),
        std::string(source) + " line " + std::to_string(failure.source().begin.line));
  }
}

}  // namespace

Result<Chart> parse_chart(std::string_view toml_text, std::string_view source) {
  O2C_ASSIGN_OR_RETURN(toml::table root, parse_toml(toml_text, source));
  ChartReader reader(source);
  const std::string src(source);
  for (const auto& [key, value] : root) {
    if (key.str() != "accounts")
      return reader.error(key.source(), key.str(),
                          "unknown key '" + std::string(key.str()) + "' (known: accounts)");
  }
  const toml::array* list = root["accounts"].as_array();
  if (list == nullptr || list->empty())
    return invalid_argument(kReason, "the chart needs [[accounts]]", src + ": accounts");
  if (list->size() > kChartAccountsMax)
    return reader.error(list->source(), "accounts",
                        "a chart has at most " + std::to_string(kChartAccountsMax) + " accounts");
  Chart chart;
  std::set<int> codes;
  std::set<std::string> ledger_names;
  std::set<Account> roles;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string path = "accounts[" + std::to_string(i + 1) + "]";
    const toml::table* table = (*list)[i].as_table();
    if (table == nullptr) return reader.error((*list)[i].source(), path, "must be a table");
    O2C_ASSIGN_OR_RETURN(ChartAccount account, reader.account(*table, path));
    if (!codes.insert(account.code).second)
      return reader.error(table->get("code")->source(), path + ".code",
                          "account code " + std::to_string(account.code) + " is used twice");
    if (!ledger_names.insert(account.ledger_name).second) {
      const toml::node* node = table->get("ledger_name");
      return reader.error(node ? node->source() : table->source(), path + ".ledger_name",
                          "ledger name '" + account.ledger_name + "' is used twice");
    }
    if (account.role && !roles.insert(*account.role).second)
      return reader.error(
          table->get("role")->source(), path + ".role",
          "role " + std::string(wire_name(*account.role)) + " is given to two accounts");
    chart.accounts.push_back(std::move(account));
  }
  for (Account role : kAllAccounts) {
    if (!roles.contains(role))
      return invalid_argument(kReason,
                              "role " + std::string(wire_name(role)) + " is given to no account",
                              src + ": accounts");
  }
  std::sort(chart.accounts.begin(), chart.accounts.end(),
            [](const ChartAccount& a, const ChartAccount& b) { return a.code < b.code; });
  O2C_ASSERT(chart.accounts.size() >= std::size(kAllAccounts));
  return chart;
}

}  // namespace o2c
