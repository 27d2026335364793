// sepa.h — SEPA Core direct debit initiation files: ISO 20022 pain.008.001.02 as the EPC
// SEPA Core rulebook (implementation guidelines EPC130-08) uses it. Pure: values in, XML text
// out. The group header carries the number of transactions and their control sum; there is
// one payment information block per sequence type (FRST, RCUR) and requested collection date,
// each with its own count and control sum. Amounts are euro (SEPA), two decimals.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/result.h"

namespace o2c {

// One collection from one debtor under one mandate.
struct SepaDirectDebit {
  std::string end_to_end_id;  // 1-35 characters: the debtor's bank shows it back on returns
  Money amount;               // EUR, positive
  std::string sequence_type;  // "FRST" (the mandate's first collection) or "RCUR"
  Date collection_date;
  std::string mandate_id;  // 1-35 characters
  Date mandate_signed_on;
  std::string debtor_name;  // cut to 70 characters
  std::string debtor_iban;
  std::string debtor_bic;
  std::string remittance;  // unstructured, cut to 140 characters; may be empty
};

struct SepaDirectDebitFile {
  std::string message_id;  // 1-35 characters, unique per creditor (MsgId)
  Timestamp created_at;
  std::string creditor_name;
  std::string creditor_iban;
  std::string creditor_bic;
  std::string creditor_id;  // the SEPA creditor identifier
  std::vector<SepaDirectDebit> debits;
};

// Writes the pain.008.001.02 document (UTF-8, indented). Payment information blocks are in
// collection date order, FRST before RCUR on the same date, transactions in input order.
// Fails with invalid_argument at "debits[i].<field>" or "<field>": no_debits,
// currency_not_eur, amount_must_be_positive, invalid_sequence_type, field_required,
// field_too_long (identifiers over 35 characters).
Result<std::string> write_pain008(const SepaDirectDebitFile& file);

}  // namespace o2c
