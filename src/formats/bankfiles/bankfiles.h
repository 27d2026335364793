// bankfiles.h — bank statement files: ISO 20022 camt.053 (account statements), camt.054
// (debit/credit notifications) and BAI2 (the US cash-management format). Pure: text in,
// statements out, no I/O. Rules encoded:
//   * a file may hold several statements (camt: several Stmt/Ntfctn; BAI2: several accounts
//     and groups) — all are returned, in file order;
//   * each statement has an identity that recognises the same statement when it comes again
//     (camt: GrpHdr/MsgId + Stmt/Id + account; BAI2: sender + file id + creation date/time +
//     group + account);
//   * every amount is decimal text parsed exactly (camt) or whole minor units with the
//     decimals implied by the currency (BAI2); more significant decimals than the currency
//     has are refused, trailing zeros are not (the official sample writes "18.150 EUR");
//   * an entry in another currency than its account is refused (wrong_currency);
//   * totals are checked unless ParseOptions says otherwise: camt opening + credits − debits
//     = closing when both booked balances are given; BAI2 account (49), group (98) and file
//     (99) trailers' control totals and record counts;
//   * errors name the element path ("Stmt[1]/Ntry[3]/Amt/@Ccy") or the line ("line 12").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/result.h"

namespace o2c {

enum class BankFileFormat : std::uint8_t { kCamt053 = 1, kCamt054 = 2, kBai2 = 3 };
std::string_view wire_name(BankFileFormat format);  // "camt053", "camt054", "bai2"
Result<BankFileFormat> bank_file_format_from_wire(std::string_view text);

enum class EntryDirection : std::uint8_t { kCredit = 1, kDebit = 2 };
std::string_view wire_name(EntryDirection direction);  // "credit", "debit"
Result<EntryDirection> entry_direction_from_wire(std::string_view text);

struct StatementEntry {
  std::string reference;  // AcctSvcrRef, else NtryRef (camt); the bank reference (BAI2)
  Date booking_date;
  Date value_date;
  EntryDirection direction = EntryDirection::kCredit;
  Money amount;                      // > 0; the direction says which way
  std::string remittance;            // unstructured remittance (Ustrd blocks joined by " ")
  std::string structured_reference;  // CdtrRefInf/Ref or RfrdDocInf/Nb (joined by " ")
  std::string payer_name;            // Dbtr/Nm (BAI2: the DBNM addendum)
  std::string payer_account;         // DbtrAcct/Id/IBAN or Othr/Id (BAI2: DACT)
  std::string end_to_end_id;         // Refs/EndToEndId (BAI2: EREF)
  std::string bank_code;             // BkTxCd: "PMNT/RCDT/ESCT", a proprietary code, BAI2 type
};

struct BankStatement {
  BankFileFormat format = BankFileFormat::kCamt053;
  std::string identity;  // recognises the same statement again (see the top of this file)
  std::string account;   // IBAN or other account id
  Currency currency;
  Date statement_date;
  std::optional<Money> opening_balance;  // signed: negative when debit
  std::optional<Money> closing_balance;
  std::vector<StatementEntry> entries;
};

struct ParseOptions {
  // Off only to read files whose totals are known not to add up (some published samples):
  // camt balance arithmetic and balance currencies, BAI2 trailer totals and counts.
  bool check_totals = true;
};

// Each fails with invalid_argument: malformed_xml, malformed_bai2, missing_element,
// invalid_amount, invalid_date, unknown_currency, wrong_currency, balance_mismatch,
// control_total_mismatch, record_count_mismatch, unknown_record, missing_trailer,
// unknown_format, empty_file.
Result<std::vector<BankStatement>> parse_camt053(std::string_view text,
                                                 const ParseOptions& options = {});
Result<std::vector<BankStatement>> parse_camt054(std::string_view text,
                                                 const ParseOptions& options = {});
Result<std::vector<BankStatement>> parse_bai2(std::string_view text,
                                              const ParseOptions& options = {});
// Detects the format from the content (the camt namespace or root element; BAI2's "01,"
// header record); the file name is only used in messages.
Result<std::vector<BankStatement>> parse_bank_file(std::string_view text,
                                                   std::string_view file_name,
                                                   const ParseOptions& options = {});
Result<BankFileFormat> detect_bank_file_format(std::string_view text);

}  // namespace o2c
