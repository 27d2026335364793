// Use cases: import bank statement files and work the cash application worklist.
#include "app/bank.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <unordered_map>

#include "app/use_case.h"
#include "cashapp/cashapp.h"
#include "core/sha256.h"

namespace o2c::app {
namespace {

constexpr std::size_t kProgressEvery = 10'000;

Error line_not_found(std::int64_t line) {
  return not_found("line_not_found", "no statement line " + std::to_string(line), "line");
}

// A line a person may still apply or set aside: not applied, not ignored.
Result<StatementLine> waiting_line(StoreReader& reader, std::int64_t id) {
  O2C_ASSIGN_OR_RETURN(std::optional<StatementLine> line, reader.find_statement_line(id));
  if (!line) return line_not_found(id);
  if (line->status == StatementLineStatus::kApplied) {
    return already_exists("line_already_applied",
                          "statement line " + std::to_string(id) + " was applied with payment " +
                              line->payment_number,
                          "line");
  }
  if (line->status == StatementLineStatus::kIgnored) {
    return failed_precondition(
        "line_not_waiting",
        "statement line " + std::to_string(id) + " is ignored (" +
            (line->note.empty() ? std::string(wire_name(line->entry.direction)) : line->note) + ")",
        "line");
  }
  return *line;
}

// The payment's reference: the bank's own for the entry, else "<statement>/<line>". Either
// is unique, so the payment use case's duplicate check refuses booking a line twice.
std::string payment_reference(const StatementLine& line) {
  if (!line.entry.reference.empty()) return line.entry.reference;
  return line.statement_number + "/" + std::to_string(line.line_no);
}

std::string normalised_account(std::string_view account) {
  std::string text;
  for (char c : account) {
    if (c == ' ') continue;
    text += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return text;
}

// Records the line's payment for `customer_number` (to `invoice_numbers` as named, or the
// oldest due first), marks the line applied and learns the account it was paid from.
Result<AppliedLine> apply_statement_line(StoreWriter& writer, const Context& context,
                                         StatementLine line, const std::string& customer_number,
                                         const std::vector<std::string>& invoice_numbers,
                                         std::string_view how) {
  PaymentRequest request;
  request.customer_number = customer_number;
  request.amount = line.entry.amount;
  request.received_on = line.entry.value_date;
  request.method = PaymentMethod::kBankTransfer;
  request.reference = payment_reference(line);
  request.invoice_numbers = invoice_numbers;
  O2C_ASSIGN_OR_RETURN(PaymentOutcome payment, record_payment(writer, context, request));
  line.status = StatementLineStatus::kApplied;
  line.payment = payment.payment.id;
  line.payment_number = payment.payment.number;
  O2C_RETURN_IF_ERROR(writer.update_statement_line(line));
  O2C_RETURN_IF_ERROR(writer.save_line_suggestions(line.id, {}));
  const std::string account = normalised_account(line.entry.payer_account);
  if (!account.empty()) {
    O2C_RETURN_IF_ERROR(writer.save_customer_bank_account(CustomerBankAccount{
        payment.payment.customer, customer_number, account, BankAccountSource::kLearned}));
  }
  O2C_RETURN_IF_ERROR(append_event(writer, context, "statement_line.applied", line.statement_number,
                                   {{"line", std::to_string(line.id)},
                                    {"line_no", line.line_no},
                                    {"payment", payment.payment.number},
                                    {"customer", customer_number},
                                    {"amount", event_amount(line.entry.amount)},
                                    {"how", how}}));
  return AppliedLine{std::move(line), std::move(payment), ""};
}

// What a short payment leaves open on the last invoice it pays (the engine's shortfall): written
// off at once up to the small-balance limit (o2c config writeoff_limit; none when unset), else
// opened as a deduction — a dispute on that invoice with the payment — for someone to work.
// The configured limit decides, not the engine's default, so one setting governs both ways in.
// Returns the WO-… or DSP-… document, or "" when nothing was left open.
Result<std::string> settle_shortfall(StoreWriter& writer, const Context& context,
                                     const AppliedLine& applied,
                                     const std::string& invoice_number, Money short_amount) {
  O2C_ASSIGN_OR_RETURN(std::optional<Invoice> invoice, writer.find_invoice(invoice_number));
  O2C_ASSERT(invoice.has_value());  // the payment was just applied to it
  O2C_ASSIGN_OR_RETURN(Money open, open_amount(*invoice));
  const Money shortfall = open.minor < short_amount.minor ? open : short_amount;
  if (shortfall.minor <= 0) return std::string();
  const std::string why = "short payment " + applied.payment.payment.number + " (statement " +
                          applied.line.statement_number + " line " +
                          std::to_string(applied.line.line_no) + ")";
  O2C_ASSIGN_OR_RETURN(Money limit, write_off_limit(writer, shortfall.currency));
  if (shortfall.minor <= limit.minor) {
    O2C_ASSIGN_OR_RETURN(
        WriteOff write_off,
        write_off_invoice(writer, context,
                          WriteOffInput{invoice_number, shortfall, WriteOffKind::kSmallBalance, why,
                                        "", applied.line.entry.value_date}));
    return write_off.number;
  }
  O2C_ASSIGN_OR_RETURN(Dispute deduction,
                       open_deduction(writer, context,
                                      DeductionRequest{applied.payment.payment.number,
                                                       invoice_number, shortfall,
                                                       DisputeReason::kShortPayment, why}));
  return deduction.number;
}

// Applies a line as a candidate proposes: the payment, then what settles its shortfall.
Result<AppliedLine> apply_candidate(StoreWriter& writer, const Context& context,
                                    StatementLine line, const std::string& customer_number,
                                    const std::vector<std::string>& invoice_numbers,
                                    Money short_amount, std::string_view how) {
  O2C_ASSIGN_OR_RETURN(AppliedLine applied, apply_statement_line(writer, context, std::move(line),
                                                                 customer_number, invoice_numbers,
                                                                 how));
  if (short_amount.minor > 0 && !invoice_numbers.empty()) {
    O2C_ASSIGN_OR_RETURN(applied.shortfall_document,
                         settle_shortfall(writer, context, applied, invoice_numbers.back(),
                                          short_amount));
  }
  return applied;
}

// What cash application knows of the payers: every customer with the accounts it pays from.
Result<std::vector<PayerProfile>> payer_profiles(StoreReader& reader) {
  O2C_ASSIGN_OR_RETURN(std::vector<Customer> customers, reader.list_customers());
  O2C_ASSIGN_OR_RETURN(std::vector<CustomerBankAccount> accounts, reader.customer_bank_accounts());
  std::map<std::int64_t, std::vector<std::string>> by_customer;
  for (CustomerBankAccount& account : accounts) {
    by_customer[account.customer.value].push_back(std::move(account.account));
  }
  std::vector<PayerProfile> payers;
  payers.reserve(customers.size());
  for (const Customer& customer : customers) {
    payers.push_back(PayerProfile{customer.id, customer.number, customer.name,
                                  std::move(by_customer[customer.id.value])});
  }
  return payers;
}

IncomingPayment incoming(const StatementLine& line) {
  return IncomingPayment{line.id,
                         line.entry.amount,
                         line.entry.value_date,
                         line.entry.remittance,
                         line.entry.structured_reference,
                         line.entry.payer_name,
                         line.entry.payer_account};
}

LineSuggestion suggestion_of(const MatchCandidate& candidate, int rank) {
  LineSuggestion suggestion;
  suggestion.rank = rank;
  suggestion.customer = candidate.customer;
  suggestion.customer_number = candidate.customer_number;
  for (const ProposedApplication& application : candidate.applications) {
    suggestion.applications.push_back(
        SuggestedApplication{application.invoice_number, application.amount, application.discount});
  }
  suggestion.short_amount = candidate.short_amount;
  suggestion.shortfall = std::string(wire_name(candidate.shortfall));
  suggestion.unapplied = candidate.unapplied;
  suggestion.confidence = candidate.confidence;
  for (MatchReason reason : candidate.reasons) suggestion.reasons.emplace_back(wire_name(reason));
  return suggestion;
}

// The engine matched against a snapshot: an earlier line of the same import may have used
// what a later one proposes, or booked its reference. Such a line waits for a person.
class Consumption {
 public:
  explicit Consumption(const std::vector<OpenItem>& items) {
    for (const OpenItem& item : items) open_[item.invoice.value] = item.open.minor;
  }
  bool fits(const MatchCandidate& candidate) const {
    for (const ProposedApplication& application : candidate.applications) {
      auto it = open_.find(application.invoice.value);
      if (it == open_.end()) return false;
      if (application.amount.minor + application.discount.minor > it->second) return false;
    }
    return true;
  }
  void take(const MatchCandidate& candidate) {
    for (const ProposedApplication& application : candidate.applications) {
      open_[application.invoice.value] -= application.amount.minor + application.discount.minor;
    }
  }

 private:
  std::unordered_map<std::int64_t, std::int64_t> open_;
};

// Whether the best candidate can be booked as it stands: it names invoices still open
// enough, the customer pays in the line's currency, and the line's reference is not booked.
Result<bool> can_book(StoreReader& reader, const MatchCandidate& candidate,
                      const StatementLine& line, const Consumption& consumption) {
  if (candidate.applications.empty()) return false;
  if (!consumption.fits(candidate)) return false;
  O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer, reader.find_customer(candidate.customer));
  if (!customer || customer->currency != line.entry.amount.currency) return false;
  O2C_ASSIGN_OR_RETURN(std::optional<Payment> earlier,
                       reader.find_payment(candidate.customer, payment_reference(line)));
  return !earlier.has_value();
}

// Cash application of freshly imported credit lines: the one step at the end of an import.
// A candidate the engine may apply unseen is booked as a payment (a shortfall within tolerance
// written off or deducted, see settle_shortfall); the others wait in review with their
// suggestions.
Status match_statement_lines(StoreWriter& writer, const Context& context,
                             std::vector<StatementLine>& lines) {
  std::vector<StatementLine*> credits;
  std::vector<IncomingPayment> payments;
  for (StatementLine& line : lines) {
    if (line.status != StatementLineStatus::kUnmatched) continue;
    credits.push_back(&line);
    payments.push_back(incoming(line));
  }
  if (credits.empty()) return {};
  O2C_ASSIGN_OR_RETURN(std::vector<OpenItem> items, writer.open_items(std::nullopt));
  O2C_ASSIGN_OR_RETURN(std::vector<PayerProfile> payers, payer_profiles(writer));
  Consumption consumption(items);
  const MatchIndex index(std::move(items), std::move(payers));
  const std::vector<MatchResult> results = match_payments(index, payments, MatchingRules{});
  for (std::size_t i = 0; i < credits.size(); ++i) {
    StatementLine& line = *credits[i];
    const MatchResult& result = results[i];
    O2C_ASSERT(result.line_id == line.id);
    if (result.auto_apply && !result.candidates.empty()) {
      const MatchCandidate& best = result.candidates.front();
      O2C_ASSIGN_OR_RETURN(bool bookable, can_book(writer, best, line, consumption));
      if (bookable) {
        std::vector<std::string> invoices;
        for (const ProposedApplication& a : best.applications) invoices.push_back(a.invoice_number);
        O2C_ASSIGN_OR_RETURN(AppliedLine applied,
                             apply_candidate(writer, context, line, best.customer_number, invoices,
                                             best.short_amount, "auto"));
        consumption.take(best);
        line = std::move(applied.line);
        continue;
      }
    }
    std::vector<LineSuggestion> suggestions;
    for (std::size_t rank = 0; rank < result.candidates.size(); ++rank) {
      suggestions.push_back(suggestion_of(result.candidates[rank], static_cast<int>(rank + 1)));
    }
    line.status = StatementLineStatus::kReview;
    O2C_RETURN_IF_ERROR(writer.update_statement_line(line));
    O2C_RETURN_IF_ERROR(writer.save_line_suggestions(line.id, suggestions));
  }
  return {};
}

void tally(ImportedStatement& imported, const StatementLine& line) {
  LineTally* tally = nullptr;
  switch (line.status) {
    case StatementLineStatus::kApplied:
      tally = &imported.applied;
      break;
    case StatementLineStatus::kReview:
      tally = &imported.review;
      break;
    case StatementLineStatus::kUnmatched:
      tally = &imported.unmatched;
      break;
    case StatementLineStatus::kIgnored:
      tally = &imported.ignored;
      break;
  }
  ++tally->count;
  tally->minor += line.entry.amount.minor;
}

Result<ImportedStatement> known_statement(StoreReader& reader, StoredStatement statement) {
  ImportedStatement imported{std::move(statement), true, {}, {}, {}, {}};
  O2C_ASSIGN_OR_RETURN(std::vector<StatementLine> lines,
                       reader.list_statement_lines(StatementLineFilter{
                           imported.statement.id, std::nullopt, static_cast<std::size_t>(-1)}));
  for (const StatementLine& line : lines) tally(imported, line);
  return imported;
}

struct NewStatement {
  std::size_t index;  // in the outcome
  std::vector<StatementLine> lines;
};

// Stores one statement and its lines: credits unmatched, debits ignored.
Result<NewStatement> store_statement(StoreWriter& writer, const Context& context,
                                     const BankImportRequest& request, const std::string& sha,
                                     const BankStatement& parsed, std::size_t& done,
                                     std::size_t total) {
  StoredStatement statement;
  statement.identity = parsed.identity;
  statement.format = parsed.format;
  statement.account = parsed.account;
  statement.currency = parsed.currency;
  statement.statement_date = parsed.statement_date;
  statement.opening_balance = parsed.opening_balance;
  statement.closing_balance = parsed.closing_balance;
  statement.file_name = request.file_name;
  statement.file_sha256 = sha;
  statement.imported_at = context.clock.now();
  statement.line_count = static_cast<std::int64_t>(parsed.entries.size());
  O2C_ASSIGN_OR_RETURN(statement.number,
                       writer.next_document_number("BST", numbering_year(context.clock.today())));
  O2C_ASSIGN_OR_RETURN(statement.id, writer.insert_statement(statement));
  NewStatement stored{0, {}};
  for (std::size_t i = 0; i < parsed.entries.size(); ++i) {
    StatementLine line;
    line.statement = statement.id;
    line.statement_number = statement.number;
    line.line_no = static_cast<int>(i + 1);
    line.entry = parsed.entries[i];
    line.entry.payer_account = normalised_account(line.entry.payer_account);
    line.status = line.entry.direction == EntryDirection::kCredit ? StatementLineStatus::kUnmatched
                                                                  : StatementLineStatus::kIgnored;
    O2C_ASSIGN_OR_RETURN(line.id, writer.insert_statement_line(line));
    stored.lines.push_back(std::move(line));
    if (++done % kProgressEvery == 0 && request.progress) request.progress(done, total);
  }
  return stored;
}

Status journal_statement(StoreWriter& writer, const Context& context,
                         const ImportedStatement& imported) {
  const StoredStatement& statement = imported.statement;
  auto amount = [&](const LineTally& tally) {
    return event_amount(Money{tally.minor, statement.currency});
  };
  O2C_RETURN_IF_ERROR(append_event(writer, context, "bank_statement.imported", statement.number,
                                   {{"identity", statement.identity},
                                    {"format", wire_name(statement.format)},
                                    {"account", statement.account},
                                    {"statement_date", format_date(statement.statement_date)},
                                    {"file", statement.file_name},
                                    {"sha256", statement.file_sha256},
                                    {"lines", statement.line_count},
                                    {"applied", amount(imported.applied)},
                                    {"review", amount(imported.review)},
                                    {"ignored", amount(imported.ignored)}}));
  return {};
}

Result<BankImportOutcome> import_parsed(StoreWriter& writer, const Context& context,
                                        const BankImportRequest& request, const std::string& sha,
                                        const std::vector<BankStatement>& parsed) {
  BankImportOutcome outcome;
  O2C_ASSIGN_OR_RETURN(std::vector<StoredStatement> same_file, writer.statements_of_file(sha));
  if (!same_file.empty()) {
    for (StoredStatement& statement : same_file) {
      O2C_ASSIGN_OR_RETURN(ImportedStatement known, known_statement(writer, std::move(statement)));
      outcome.statements.push_back(std::move(known));
    }
    outcome.already_imported = true;
    return outcome;
  }
  std::size_t total = 0, done = 0;
  for (const BankStatement& statement : parsed) total += statement.entries.size();
  std::vector<NewStatement> fresh;
  std::vector<StatementLine> to_match;
  for (const BankStatement& statement : parsed) {
    O2C_ASSIGN_OR_RETURN(std::optional<StoredStatement> earlier,
                         writer.find_statement_by_identity(statement.identity));
    if (earlier) {
      O2C_ASSIGN_OR_RETURN(ImportedStatement known, known_statement(writer, std::move(*earlier)));
      outcome.statements.push_back(std::move(known));
      continue;
    }
    O2C_ASSIGN_OR_RETURN(NewStatement stored,
                         store_statement(writer, context, request, sha, statement, done, total));
    stored.index = outcome.statements.size();
    O2C_ASSIGN_OR_RETURN(std::optional<StoredStatement> row,
                         writer.find_statement_by_identity(statement.identity));
    O2C_ASSERT(row.has_value());
    outcome.statements.push_back(ImportedStatement{std::move(*row), false, {}, {}, {}, {}});
    fresh.push_back(std::move(stored));
  }
  if (fresh.empty()) {
    outcome.already_imported = true;
    return outcome;
  }
  for (NewStatement& statement : fresh) {
    for (StatementLine& line : statement.lines) to_match.push_back(std::move(line));
    statement.lines.clear();
  }
  O2C_RETURN_IF_ERROR(match_statement_lines(writer, context, to_match));
  for (const StatementLine& line : to_match) {
    for (NewStatement& statement : fresh) {
      ImportedStatement& imported = outcome.statements[statement.index];
      if (imported.statement.id == line.statement) tally(imported, line);
    }
  }
  for (const NewStatement& statement : fresh) {
    O2C_RETURN_IF_ERROR(journal_statement(writer, context, outcome.statements[statement.index]));
  }
  if (request.progress && total >= kProgressEvery) request.progress(total, total);
  return outcome;
}

}  // namespace

Result<BankImportOutcome> import_bank_statement(Context& context,
                                                const BankImportRequest& request) {
  if (request.text.size() > kStatementFileBytesMax) {
    return invalid_argument("file_too_large", "a statement file may hold at most 64 MiB",
                            request.file_name);
  }
  O2C_ASSIGN_OR_RETURN(
      std::vector<BankStatement> parsed,
      parse_bank_file(request.text, request.file_name, ParseOptions{request.check_totals}));
  const std::string sha = to_hex(sha256(request.text));
  return context.store.write<BankImportOutcome>(
      [&](StoreWriter& writer) { return import_parsed(writer, context, request, sha, parsed); });
}

Result<std::vector<LineReview>> review_worklist(Context& context) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, context.store.reader());
  std::vector<LineReview> worklist;
  for (StatementLineStatus status :
       {StatementLineStatus::kReview, StatementLineStatus::kUnmatched}) {
    O2C_ASSIGN_OR_RETURN(std::vector<StatementLine> lines,
                         reader->list_statement_lines(StatementLineFilter{
                             std::nullopt, status, static_cast<std::size_t>(-1)}));
    for (StatementLine& line : lines) {
      O2C_ASSIGN_OR_RETURN(std::vector<LineSuggestion> suggestions,
                           reader->line_suggestions(line.id));
      worklist.push_back(LineReview{std::move(line), std::move(suggestions)});
    }
  }
  std::sort(worklist.begin(), worklist.end(),
            [](const LineReview& a, const LineReview& b) { return a.line.id < b.line.id; });
  return worklist;
}

Result<AppliedLine> accept_suggestion(Context& context, std::int64_t line_id, int rank) {
  return context.store.write<AppliedLine>([&](StoreWriter& writer) -> Result<AppliedLine> {
    O2C_ASSIGN_OR_RETURN(StatementLine line, waiting_line(writer, line_id));
    O2C_ASSIGN_OR_RETURN(std::vector<LineSuggestion> suggestions, writer.line_suggestions(line.id));
    auto chosen = std::find_if(suggestions.begin(), suggestions.end(),
                               [&](const LineSuggestion& s) { return s.rank == rank; });
    if (chosen == suggestions.end()) {
      return not_found("suggestion_not_found",
                       "statement line " + std::to_string(line_id) + " has no suggestion " +
                           std::to_string(rank) + " (it has " + std::to_string(suggestions.size()) +
                           ")",
                       "candidate");
    }
    std::vector<std::string> invoices;
    for (const SuggestedApplication& application : chosen->applications) {
      invoices.push_back(application.invoice_number);
    }
    const Money short_amount =
        chosen->shortfall == "none" ? zero(line.entry.amount.currency) : chosen->short_amount;
    return apply_candidate(writer, context, std::move(line), chosen->customer_number, invoices,
                           short_amount, "accepted");
  });
}

Result<AppliedLine> assign_line(Context& context, const LineAssignment& assignment) {
  return context.store.write<AppliedLine>([&](StoreWriter& writer) -> Result<AppliedLine> {
    O2C_ASSIGN_OR_RETURN(StatementLine line, waiting_line(writer, assignment.line));
    O2C_ASSIGN_OR_RETURN(Customer customer,
                         require_customer(writer, assignment.customer_number, "customer"));
    (void)customer;
    return apply_statement_line(writer, context, std::move(line), assignment.customer_number,
                                assignment.invoice_numbers, "assigned");
  });
}

Result<StatementLine> ignore_line(Context& context, std::int64_t line_id, std::string_view reason) {
  if (reason.empty()) {
    return invalid_argument("reason_required", "say why the line is ignored", "reason");
  }
  return context.store.write<StatementLine>([&](StoreWriter& writer) -> Result<StatementLine> {
    O2C_ASSIGN_OR_RETURN(StatementLine line, waiting_line(writer, line_id));
    line.status = StatementLineStatus::kIgnored;
    line.note = std::string(reason);
    O2C_RETURN_IF_ERROR(writer.update_statement_line(line));
    O2C_RETURN_IF_ERROR(writer.save_line_suggestions(line.id, {}));
    O2C_RETURN_IF_ERROR(append_event(writer, context, "statement_line.ignored",
                                     line.statement_number,
                                     {{"line", std::to_string(line.id)},
                                      {"line_no", line.line_no},
                                      {"amount", event_amount(line.entry.amount)},
                                      {"reason", reason}}));
    return line;
  });
}

Result<CustomerBankAccount> add_customer_bank_account(Context& context,
                                                      std::string_view customer_number,
                                                      std::string_view account) {
  const std::string normalised = normalised_account(account);
  const bool plausible = normalised.size() >= 5 && normalised.size() <= 34 &&
                         std::all_of(normalised.begin(), normalised.end(), [](char c) {
                           return std::isalnum(static_cast<unsigned char>(c)) != 0;
                         });
  if (!plausible) {
    return invalid_argument(
        "invalid_bank_account",
        "'" + std::string(account) + "' is not an IBAN or account number (5-34 letters and digits)",
        "account");
  }
  return context.store.write<CustomerBankAccount>([&](StoreWriter& writer)
                                                      -> Result<CustomerBankAccount> {
    O2C_ASSIGN_OR_RETURN(Customer customer, require_customer(writer, customer_number, "customer"));
    CustomerBankAccount added{customer.id, customer.number, normalised, BankAccountSource::kManual};
    O2C_RETURN_IF_ERROR(writer.save_customer_bank_account(added));
    O2C_RETURN_IF_ERROR(append_event(writer, context, "customer.bank_account_added",
                                     customer.number, {{"account", normalised}}));
    return added;
  });
}

}  // namespace o2c::app
