// bank.h — the use cases of bank statements and the cash application worklist (included by
// app.h, the module's public door). A statement file (camt.053, camt.054, BAI2) is imported
// whole or not at all; a statement or file imported before is recognised and changes nothing.
// Credit lines are customer receipts waiting for cash application, debit lines are not
// (ignored). Cash application of the new credit lines is one step at the end of the import
// (match_statement_lines): what it cannot apply waits in the review worklist, where a person
// accepts a suggestion, assigns the line to a customer and invoices, or ignores it.
//
// Applying a line records a bank-transfer payment through the payment use case (early-payment
// discount included) with the line's bank reference — or, without one, "<statement>/<line>" —
// so a line is never booked twice, and learns the payer's bank account for the customer.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "formats/bankfiles/bankfiles.h"

namespace o2c::app {

inline constexpr std::size_t kStatementFileBytesMax = 64 * 1024 * 1024;

struct BankImportRequest {
  std::string text;          // the file's content
  std::string file_name;     // as given (messages, the statement row)
  bool check_totals = true;  // false: read files whose balances/trailers do not add up
  // Called now and then with the lines stored so far and the file's total (large files).
  std::function<void(std::size_t done, std::size_t total)> progress;
};

struct LineTally {
  std::size_t count = 0;
  std::int64_t minor = 0;  // in the statement's currency
};
struct ImportedStatement {
  StoredStatement statement;
  bool already_imported = false;  // recognised by its identity (or the file's sha256)
  LineTally applied, review, unmatched, ignored;
};
struct BankImportOutcome {
  std::vector<ImportedStatement> statements;
  bool already_imported = false;  // every statement of the file was imported before
};

// Fails with the parser's errors (malformed_xml, wrong_currency, control_total_mismatch, …,
// at the element or line), file_too_large; nothing is stored then.
Result<BankImportOutcome> import_bank_statement(Context& context, const BankImportRequest& request);

struct LineReview {
  StatementLine line;
  std::vector<LineSuggestion> suggestions;  // best first; empty: no idea
};
// The worklist: every line waiting for a person (review or unmatched), by statement and line.
Result<std::vector<LineReview>> review_worklist(Context& context);

struct AppliedLine {
  StatementLine line;  // now applied
  PaymentOutcome payment;
  // What settled a short payment's shortfall: a small-balance write-off (WO-…) or a deduction
  // (DSP-…); "" when there was none.
  std::string shortfall_document;
};
// Applies suggestion `rank` (1 = best) of a line in review. Fails with line_not_found,
// line_already_applied, line_not_waiting (ignored lines), suggestion_not_found,
// and the payment's errors; a suggestion with a shortfall also writes it off or opens a
// deduction (see AppliedLine::shortfall_document).
Result<AppliedLine> accept_suggestion(Context& context, std::int64_t line, int rank);

struct LineAssignment {
  std::int64_t line = 0;
  std::string customer_number;
  std::vector<std::string> invoice_numbers;  // empty: the customer's oldest due first
};
// Applies a waiting line to a customer (and invoices) a person chose. Fails with
// line_not_found, line_already_applied, line_not_waiting, customer_not_found,
// invoice_not_found, currency_mismatch and the payment's other errors.
Result<AppliedLine> assign_line(Context& context, const LineAssignment& assignment);

// Sets a waiting line aside (status ignored) with the reason. Fails with line_not_found,
// line_already_applied, line_not_waiting, reason_required.
Result<StatementLine> ignore_line(Context& context, std::int64_t line, std::string_view reason);

// Records that a customer pays from `account` (spaces removed, upper case). Fails with
// customer_not_found, invalid_bank_account.
Result<CustomerBankAccount> add_customer_bank_account(Context& context,
                                                      std::string_view customer_number,
                                                      std::string_view account);

}  // namespace o2c::app
