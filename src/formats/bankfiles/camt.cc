// camt.cc — camt.053 statements and camt.054 notifications (versions 2 to 8 alike: the
// elements read here did not change). Elements are matched by local name, so a prefixed
// document ("ns2:Document") reads the same as one in the default namespace.
#include <algorithm>
#include <cstring>
#include <pugixml.hpp>

#include "formats/bankfiles/amounts.h"
#include "formats/bankfiles/bankfiles.h"

namespace o2c {
namespace {

using bankfiles::currency_at;
using bankfiles::parse_decimal;
using bankfiles::parse_iso_date;
using bankfiles::show;
using bankfiles::trim;

std::string_view local_name(const pugi::xml_node& node) {
  const std::string_view name = node.name();
  const auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_node each : node.children()) {
    if (each.type() == pugi::node_element && local_name(each) == name) return each;
  }
  return {};
}

std::vector<pugi::xml_node> children(const pugi::xml_node& node, std::string_view name) {
  std::vector<pugi::xml_node> found;
  for (pugi::xml_node each : node.children()) {
    if (each.type() == pugi::node_element && local_name(each) == name) found.push_back(each);
  }
  return found;
}

// child(child(node, a), b)…: an empty node when any step is missing.
pugi::xml_node path(pugi::xml_node node, std::initializer_list<std::string_view> names) {
  for (std::string_view name : names) {
    if (!node) return {};
    node = child(node, name);
  }
  return node;
}

std::string text_of(const pugi::xml_node& node) { return std::string(trim(node.child_value())); }

std::string indexed(std::string_view name, std::size_t index) {
  return std::string(name) + "[" + std::to_string(index + 1) + "]";
}

// Reads one file: the root element, the name of its statements and the format to report.
class CamtReader {
 public:
  CamtReader(std::string_view text, BankFileFormat format, const ParseOptions& options)
      : text_(text), format_(format), options_(options) {}

  Result<std::vector<BankStatement>> read() {
    pugi::xml_document document;
    const pugi::xml_parse_result parsed = document.load_buffer(text_.data(), text_.size());
    if (!parsed) {
      const std::string line = "line " + std::to_string(line_of(parsed.offset));
      return invalid_argument("malformed_xml",
                              std::string("the file is not well-formed XML: ") +
                                  parsed.description() + " (" + line + ")",
                              line);
    }
    const bool is_053 = format_ == BankFileFormat::kCamt053;
    const std::string_view message_name = is_053 ? "BkToCstmrStmt" : "BkToCstmrDbtCdtNtfctn";
    const std::string_view statement_name = is_053 ? "Stmt" : "Ntfctn";
    const pugi::xml_node root = document.document_element();
    const pugi::xml_node message = child(root, message_name);
    if (local_name(root) != "Document" || !message) {
      return missing("Document/" + std::string(message_name), root);
    }
    const pugi::xml_node message_id = path(message, {"GrpHdr", "MsgId"});
    if (text_of(message_id).empty()) return missing("GrpHdr/MsgId", message);
    message_id_ = text_of(message_id);
    message_created_ = text_of(path(message, {"GrpHdr", "CreDtTm"}));

    const std::vector<pugi::xml_node> nodes = children(message, statement_name);
    if (nodes.empty()) return missing(std::string(statement_name), message);
    std::vector<BankStatement> statements;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      O2C_ASSIGN_OR_RETURN(BankStatement statement,
                           read_statement(nodes[i], indexed(statement_name, i)));
      statements.push_back(std::move(statement));
    }
    return statements;
  }

 private:
  std::size_t line_of(std::ptrdiff_t offset) const {
    const auto end = static_cast<std::size_t>(
        std::clamp<std::ptrdiff_t>(offset, 0, static_cast<std::ptrdiff_t>(text_.size())));
    return 1 + static_cast<std::size_t>(std::count(text_.begin(), text_.begin() + end, '\n'));
  }

  std::string at_line(const pugi::xml_node& node) const {
    const std::ptrdiff_t offset = node.offset_debug();
    if (offset < 0) return {};
    return " (line " + std::to_string(line_of(offset)) + ")";
  }

  Error missing(const std::string& where, const pugi::xml_node& parent) const {
    return invalid_argument("missing_element",
                            "required element " + where + " is missing" + at_line(parent), where);
  }

  Error fail(std::string reason, std::string message, const std::string& where,
             const pugi::xml_node& node) const {
    return invalid_argument(std::move(reason), message + at_line(node), where);
  }

  Result<BankStatement> read_statement(const pugi::xml_node& node, const std::string& where) {
    BankStatement statement;
    statement.format = format_;
    const std::string id = text_of(child(node, "Id"));
    if (id.empty()) return missing(where + "/Id", node);
    const pugi::xml_node account = child(node, "Acct");
    if (!account) return missing(where + "/Acct", node);
    statement.account = text_of(path(account, {"Id", "IBAN"}));
    if (statement.account.empty()) statement.account = text_of(path(account, {"Id", "Othr", "Id"}));
    if (statement.account.empty()) return missing(where + "/Acct/Id", account);
    statement.identity =
        std::string(wire_name(format_)) + ":" + message_id_ + "/" + id + "/" + statement.account;
    O2C_ASSIGN_OR_RETURN(statement.currency, account_currency(node, where));
    O2C_ASSIGN_OR_RETURN(statement.statement_date, statement_date(node, where));

    const std::vector<pugi::xml_node> balances = children(node, "Bal");
    for (std::size_t i = 0; i < balances.size(); ++i) {
      O2C_RETURN_IF_ERROR(read_balance(balances[i], where + "/" + indexed("Bal", i), statement));
    }
    const std::vector<pugi::xml_node> entries = children(node, "Ntry");
    for (std::size_t i = 0; i < entries.size(); ++i) {
      O2C_ASSIGN_OR_RETURN(StatementEntry entry,
                           read_entry(entries[i], where + "/" + indexed("Ntry", i), statement));
      statement.entries.push_back(std::move(entry));
    }
    if (options_.check_totals) O2C_RETURN_IF_ERROR(check_balances(statement, node, where));
    return statement;
  }

  // Acct/Ccy; a notification often leaves it out, then the first amount's currency says it.
  Result<Currency> account_currency(const pugi::xml_node& node, const std::string& where) {
    const pugi::xml_node code = path(node, {"Acct", "Ccy"});
    if (code) return currency_at(text_of(code), where + "/Acct/Ccy");
    for (std::string_view name : {"Ntry", "Bal"}) {
      const pugi::xml_node amount = path(node, {name, "Amt"});
      if (amount) {
        return currency_at(amount.attribute("Ccy").value(),
                           where + "/" + std::string(name) + "[1]/Amt/@Ccy");
      }
    }
    return missing(where + "/Acct/Ccy", node);
  }

  // The closing booked balance's date, else the end of the period, else when it was created.
  Result<Date> statement_date(const pugi::xml_node& node, const std::string& where) {
    for (const pugi::xml_node& balance : children(node, "Bal")) {
      if (text_of(path(balance, {"Tp", "CdOrPrtry", "Cd"})) == "CLBD") {
        const pugi::xml_node date = path(balance, {"Dt", "Dt"});
        if (date) return parse_iso_date(text_of(date), where + "/Bal/Dt/Dt");
      }
    }
    const pugi::xml_node to = path(node, {"FrToDt", "ToDtTm"});
    if (to) return parse_iso_date(text_of(to), where + "/FrToDt/ToDtTm");
    const pugi::xml_node created = child(node, "CreDtTm");
    if (created) return parse_iso_date(text_of(created), where + "/CreDtTm");
    if (!message_created_.empty()) return parse_iso_date(message_created_, "GrpHdr/CreDtTm");
    return missing(where + "/CreDtTm", node);
  }

  // A signed amount: Amt with its currency, made negative by CdtDbtInd DBIT.
  Result<Money> signed_amount(const pugi::xml_node& node, const std::string& where,
                              Currency expected, EntryDirection* direction) {
    const pugi::xml_node amount = child(node, "Amt");
    if (!amount) return missing(where + "/Amt", node);
    const pugi::xml_attribute code = amount.attribute("Ccy");
    if (!code) return missing(where + "/Amt/@Ccy", amount);
    O2C_ASSIGN_OR_RETURN(Currency currency, currency_at(code.value(), where + "/Amt/@Ccy"));
    if (currency != expected) {
      return fail("wrong_currency",
                  "amount in " + std::string(currency.text()) + " on a " +
                      std::string(expected.text()) + " account",
                  where + "/Amt/@Ccy", amount);
    }
    O2C_ASSIGN_OR_RETURN(Money value, parse_decimal(text_of(amount), currency, where + "/Amt"));
    if (value.minor < 0) {
      return fail("invalid_amount",
                  "amount " + show(value) +
                      " is negative (CdtDbtInd says "
                      "which way)",
                  where + "/Amt", amount);
    }
    const std::string indicator = text_of(child(node, "CdtDbtInd"));
    if (indicator != "CRDT" && indicator != "DBIT") {
      return fail(indicator.empty() ? "missing_element" : "invalid_direction",
                  "CdtDbtInd must be CRDT or DBIT, not '" + indicator + "'", where + "/CdtDbtInd",
                  node);
    }
    *direction = indicator == "CRDT" ? EntryDirection::kCredit : EntryDirection::kDebit;
    return indicator == "CRDT" ? value : negate(value);
  }

  Status read_balance(const pugi::xml_node& node, const std::string& where,
                      BankStatement& statement) {
    const std::string type = text_of(path(node, {"Tp", "CdOrPrtry", "Cd"}));
    const bool opening = type == "OPBD" || (type == "PRCD" && !statement.opening_balance);
    const bool closing = type == "CLBD";
    if (!opening && !closing) return {};  // available, interim, forward balances: not used
    if (!options_.check_totals) {
      // Some published samples give the closing balance in another currency: leave it out.
      const std::string code = child(node, "Amt").attribute("Ccy").value();
      if (code != statement.currency.text()) return {};
    }
    EntryDirection direction{};
    O2C_ASSIGN_OR_RETURN(Money amount, signed_amount(node, where, statement.currency, &direction));
    (opening ? statement.opening_balance : statement.closing_balance) = amount;
    return {};
  }

  Status check_balances(const BankStatement& statement, const pugi::xml_node& node,
                        const std::string& where) const {
    if (!statement.opening_balance || !statement.closing_balance) return {};
    Money expected = *statement.opening_balance;
    for (const StatementEntry& entry : statement.entries) {
      const Money signed_amount =
          entry.direction == EntryDirection::kCredit ? entry.amount : negate(entry.amount);
      O2C_ASSIGN_OR_RETURN(expected, add(expected, signed_amount));
    }
    if (expected == *statement.closing_balance) return {};
    return fail("balance_mismatch",
                "opening balance " + show(*statement.opening_balance) +
                    " plus credits minus debits is " + show(expected) +
                    " but the closing balance is " + show(*statement.closing_balance),
                where + "/Bal", node);
  }

  Result<StatementEntry> read_entry(const pugi::xml_node& node, const std::string& where,
                                    const BankStatement& statement) {
    StatementEntry entry;
    O2C_ASSIGN_OR_RETURN(Money amount,
                         signed_amount(node, where, statement.currency, &entry.direction));
    entry.amount = entry.direction == EntryDirection::kCredit ? amount : negate(amount);
    entry.reference = text_of(child(node, "AcctSvcrRef"));
    if (entry.reference.empty()) entry.reference = text_of(child(node, "NtryRef"));
    O2C_RETURN_IF_ERROR(read_dates(node, where, statement.statement_date, entry));
    entry.bank_code = bank_code(child(node, "BkTxCd"));
    for (const pugi::xml_node& batch : children(node, "NtryDtls")) {
      for (const pugi::xml_node& details : children(batch, "TxDtls")) read_details(details, entry);
    }
    return entry;
  }

  static Status read_dates(const pugi::xml_node& node, const std::string& where, Date fallback,
                           StatementEntry& entry) {
    auto read = [&](std::string_view name, Date* out) -> Status {
      const pugi::xml_node date = child(node, name);
      if (!date) return {};
      pugi::xml_node value = child(date, "Dt");
      std::string suffix = "/Dt";
      if (!value) {
        value = child(date, "DtTm");
        suffix = "/DtTm";
      }
      if (!value) return {};
      O2C_ASSIGN_OR_RETURN(
          *out, parse_iso_date(text_of(value), where + "/" + std::string(name) + suffix));
      return {};
    };
    Date booking{}, value{};
    O2C_RETURN_IF_ERROR(read("BookgDt", &booking));
    O2C_RETURN_IF_ERROR(read("ValDt", &value));
    if (!booking.ok()) booking = value.ok() ? value : fallback;
    if (!value.ok()) value = booking;
    entry.booking_date = booking;
    entry.value_date = value;
    return {};
  }

  // "PMNT/RCDT/ESCT" from the domain code, else the proprietary code.
  static std::string bank_code(const pugi::xml_node& node) {
    const pugi::xml_node domain = child(node, "Domn");
    if (domain) {
      return text_of(child(domain, "Cd")) + "/" + text_of(path(domain, {"Fmly", "Cd"})) + "/" +
             text_of(path(domain, {"Fmly", "SubFmlyCd"}));
    }
    return text_of(path(node, {"Prtry", "Cd"}));
  }

  static void append(std::string& to, const std::string& text) {
    if (text.empty()) return;
    if (!to.empty()) to += ' ';
    to += text;
  }

  static void read_details(const pugi::xml_node& details, StatementEntry& entry) {
    const pugi::xml_node end_to_end = path(details, {"Refs", "EndToEndId"});
    const std::string id = text_of(end_to_end);
    if (entry.end_to_end_id.empty() && id != "NOTPROVIDED") entry.end_to_end_id = id;
    const pugi::xml_node parties = child(details, "RltdPties");
    if (entry.payer_name.empty()) {
      entry.payer_name = text_of(path(parties, {"Dbtr", "Nm"}));
      if (entry.payer_name.empty())
        entry.payer_name = text_of(path(parties, {"Dbtr", "Pty", "Nm"}));
    }
    if (entry.payer_account.empty()) {
      entry.payer_account = text_of(path(parties, {"DbtrAcct", "Id", "IBAN"}));
      if (entry.payer_account.empty()) {
        entry.payer_account = text_of(path(parties, {"DbtrAcct", "Id", "Othr", "Id"}));
      }
    }
    const pugi::xml_node remittance = child(details, "RmtInf");
    for (const pugi::xml_node& text : children(remittance, "Ustrd")) {
      append(entry.remittance, text_of(text));
    }
    for (const pugi::xml_node& structured : children(remittance, "Strd")) {
      append(entry.structured_reference, text_of(path(structured, {"CdtrRefInf", "Ref"})));
      for (const pugi::xml_node& document : children(structured, "RfrdDocInf")) {
        append(entry.structured_reference, text_of(child(document, "Nb")));
      }
    }
  }

  std::string_view text_;
  BankFileFormat format_;
  const ParseOptions& options_;
  std::string message_id_;
  std::string message_created_;
};

}  // namespace

Result<std::vector<BankStatement>> parse_camt053(std::string_view text,
                                                 const ParseOptions& options) {
  return CamtReader(text, BankFileFormat::kCamt053, options).read();
}

Result<std::vector<BankStatement>> parse_camt054(std::string_view text,
                                                 const ParseOptions& options) {
  return CamtReader(text, BankFileFormat::kCamt054, options).read();
}

}  // namespace o2c
