// Collections use cases: aging in buckets, dunning policy and run, collectors, KPIs.
#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <type_traits>

#include "app/use_case.h"
#include "core/sha256.h"
#include "formats/pdf/pdf.h"

namespace o2c::app {
namespace {

constexpr std::size_t kCollectorNameBytesMax = 80;
constexpr std::size_t kNoteBytesMax = 2000;
constexpr int kCountBackMonths = 24;
constexpr std::int64_t kReportDaysMax = 3650;

std::vector<ReceivableItem> receivable_items(std::span<const ReceivableAsOf> rows) {
  std::vector<ReceivableItem> items;
  items.reserve(rows.size());
  for (const ReceivableAsOf& row : rows)
    items.push_back(ReceivableItem{row.customer_number, row.customer_name, row.invoice_number,
                                   row.due_date, row.open});
  return items;
}

Result<AgingBuckets> buckets_in_force(StoreReader& reader, const std::optional<std::string>& text) {
  if (text) return parse_aging_buckets(*text, "--buckets");
  O2C_ASSIGN_OR_RETURN(std::optional<std::string> stored, reader.setting(kAgingBucketsKey));
  if (stored) return parse_aging_buckets(*stored, std::string(kAgingBucketsKey));
  return AgingBuckets{};
}

Result<Collector> require_collector(StoreReader& reader, std::string_view name) {
  O2C_ASSIGN_OR_RETURN(std::vector<Collector> collectors, reader.list_collectors());
  for (Collector& collector : collectors)
    if (collector.name == name) return std::move(collector);
  return not_found("collector_not_found",
                   "no collector '" + std::string(name) + "'; add one with o2c collector add",
                   "collector");
}

Result<std::map<std::int64_t, std::optional<char>>> risk_by_customer(StoreReader& reader) {
  O2C_ASSIGN_OR_RETURN(std::vector<CustomerRisk> risks, reader.customer_risks());
  std::map<std::int64_t, std::optional<char>> by_id;
  for (const CustomerRisk& risk : risks) by_id[risk.customer.value] = risk.risk_class;
  return by_id;
}

// ---- the dunning letter ----------------------------------------------------------------------

std::string padded(std::string text, std::size_t width, bool right) {
  if (text.size() >= width) return text;
  const std::string fill(width - text.size(), ' ');
  return right ? fill + text : text + fill;
}

std::string invoice_row(const DunningNotice& notice) {
  std::string row = padded(notice.invoice_number, 18, false) +
                    padded(std::to_string(notice.days_overdue), 6, true) + " days " +
                    padded(format_amount(notice.open), 12, true) + " " +
                    std::string(notice.open.currency.text());
  if (notice.interest.minor > 0) row += "  interest " + format_amount(notice.interest);
  return row;
}

std::vector<std::string> letter_lines(const DunningLetter& letter, const DunningLevel& level) {
  std::vector<std::string> lines;
  std::istringstream text(level.letter);
  for (std::string line; std::getline(text, line);) lines.push_back(line);
  lines.push_back("");
  lines.push_back("Invoice               overdue          open");
  for (const DunningNotice& notice : letter.notices) lines.push_back(invoice_row(notice));
  lines.push_back("Total open: " + format_money(letter.total));
  if (letter.fee.minor > 0) lines.push_back("Dunning fee: " + format_money(letter.fee));
  if (letter.interest.minor > 0) lines.push_back("Interest: " + format_money(letter.interest));
  if (!letter.debit_note.empty())
    lines.push_back("The fee and interest are charged by debit note " + letter.debit_note + ".");
  return lines;
}

Result<Attachment> letter_pdf(const DunningLetter& letter, const DunningLevel& level,
                              const Customer& customer, std::string_view company, Date as_of) {
  PdfLetter pdf;
  pdf.title = std::string(company) + " - " + level.name + " " + letter.number;
  pdf.lines.push_back({customer.name, true, false});
  if (!customer.billing_address.line.empty())
    pdf.lines.push_back({customer.billing_address.line, false, false});
  if (!customer.billing_address.city.empty())
    pdf.lines.push_back(
        {customer.billing_address.postal_code + " " + customer.billing_address.city, false, false});
  pdf.lines.push_back({"", false, false});
  pdf.lines.push_back(
      {"Date: " + format_date(as_of) + "   Customer: " + customer.number, false, false});
  pdf.lines.push_back({"", false, false});
  for (const std::string& line : letter_lines(letter, level)) {
    const bool table = line.starts_with("INV-") || line.starts_with("Invoice ");
    pdf.lines.push_back({line, false, table});
  }
  O2C_ASSIGN_OR_RETURN(std::string bytes, render_letter_pdf(pdf));
  return Attachment{letter.number + ".pdf", "application/pdf", std::move(bytes)};
}

Result<std::string> company_name(StoreReader& reader) {
  O2C_ASSIGN_OR_RETURN(std::optional<Seller> seller, load_company(reader));
  if (seller && !seller->name.empty()) return seller->name;
  O2C_ASSIGN_OR_RETURN(std::optional<std::string> name, reader.setting("mail.company_name"));
  return name ? *name : std::string("o2c");
}

struct PlannedLetter {
  DunningLetter letter;
  const DunningLevel* level = nullptr;
  bool final_level = false;
  std::vector<DunningCandidate> items;
};

// Groups what the policy says to send into letters; fills `skipped`.
Result<std::vector<PlannedLetter>> plan_letters(StoreWriter& writer,
                                                const DunningPolicies& policies, Date as_of,
                                                std::vector<DunningSkipped>& skipped) {
  O2C_ASSIGN_OR_RETURN(std::vector<DunningCandidate> candidates, writer.dunning_candidates());
  std::map<std::pair<std::string, int>, PlannedLetter> letters;
  for (const DunningCandidate& item : candidates) {
    if (days_between(item.due_date, as_of) <= 0) continue;  // not overdue: nothing to say
    O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer, writer.find_customer(item.customer));
    O2C_ASSERT(customer.has_value());
    const DunningPolicy* policy = policy_for_segment(policies, customer->segment);
    if (policy == nullptr) {
      skipped.push_back({item.customer_number, item.invoice_number, DunningSkip::kNoPolicy});
      continue;
    }
    O2C_ASSIGN_OR_RETURN(DunningDecision decision,
                         decide_dunning(*policy,
                                        DunningItem{item.due_date, item.open, item.last_level_sent,
                                                    item.open_dispute, item.open_promise},
                                        as_of));
    if (decision.skipped) {
      skipped.push_back({item.customer_number, item.invoice_number, *decision.skipped});
      continue;
    }
    PlannedLetter& planned = letters[{item.customer_number, decision.level}];
    planned.level = &policy->levels[static_cast<std::size_t>(decision.level - 1)];
    planned.final_level = decision.level == static_cast<int>(policy->levels.size());
    planned.letter.customer_number = item.customer_number;
    planned.letter.customer_name = customer->name;
    planned.letter.level = decision.level;
    planned.letter.level_name = planned.level->name;
    planned.items.push_back(item);
  }
  std::vector<PlannedLetter> result;
  for (auto& [key, planned] : letters) result.push_back(std::move(planned));
  return result;
}

// The invoice a debit note may correct: the first of the letter that is not a debit note
// itself, else the invoice the first one corrects.
Result<std::string> debit_note_target(StoreWriter& writer, const PlannedLetter& planned) {
  for (const DunningCandidate& item : planned.items) {
    O2C_ASSIGN_OR_RETURN(std::optional<Invoice> invoice, writer.find_invoice(item.invoice_number));
    O2C_ASSERT(invoice.has_value());
    if (invoice->kind == InvoiceKind::kInvoice) return invoice->number;
  }
  O2C_ASSIGN_OR_RETURN(std::optional<Invoice> first,
                       writer.find_invoice(planned.items.front().invoice_number));
  return first->corrects_number;
}

Status charge_letter(StoreWriter& writer, const Context& context, PlannedLetter& planned,
                     Date as_of) {
  DunningLetter& letter = planned.letter;
  const Money fee = letter.fee;
  O2C_ASSIGN_OR_RETURN(Money charged, add(fee, letter.interest));
  if (charged.minor == 0) return {};
  DebitNoteInput input;
  O2C_ASSIGN_OR_RETURN(input.invoice_number, debit_note_target(writer, planned));
  input.reason = "dunning charges " + letter.number;
  input.description = "Dunning fee " + format_amount(fee) + " and interest " +
                      format_amount(letter.interest) + " (" + letter.number + ")";
  input.net = charged;
  input.untaxed = true;
  input.revenue_account = Account::kDunningCharges;
  SettableClock on_run_date(as_of);
  const Context dated{context.store, on_run_date, context.actor};
  O2C_ASSIGN_OR_RETURN(Invoice note, debit_invoice(writer, dated, input));
  letter.debit_note = note.number;
  return {};
}

Status queue_letter(StoreWriter& writer, const Context& context, PlannedLetter& planned,
                    const Customer& customer, std::string_view company, Date as_of) {
  DunningLetter& letter = planned.letter;
  if (customer.email.empty()) return {};
  O2C_ASSIGN_OR_RETURN(Attachment pdf,
                       letter_pdf(letter, *planned.level, customer, company, as_of));
  OutboxMessage message;
  O2C_ASSIGN_OR_RETURN(message.recipients, parse_recipients(customer.email, "customer.email"));
  message.invoice = planned.items.front().invoice;
  message.invoice_number = planned.items.front().invoice_number;
  message.subject = planned.level->name + " " + letter.number + " from " + std::string(company);
  for (const std::string& line : letter_lines(letter, *planned.level)) message.body += line + "\n";
  message.attachments.push_back(std::move(pdf));
  message.queued_at = context.clock.now();
  message.next_attempt_at = message.queued_at;
  O2C_ASSIGN_OR_RETURN(std::int64_t id, writer.insert_outbox_message(message));
  letter.outbox_id = id;
  return {};
}

Status send_letter(StoreWriter& writer, const Context& context, PlannedLetter& planned,
                   std::string_view company, Date as_of) {
  DunningLetter& letter = planned.letter;
  O2C_ASSIGN_OR_RETURN(letter.number, writer.next_document_number("DUN", numbering_year(as_of)));
  O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer,
                       writer.find_customer(planned.items.front().customer));
  O2C_ASSERT(customer.has_value());
  const Currency currency = planned.items.front().open.currency;
  letter.total = letter.interest = zero(currency);
  letter.fee = zero(currency);
  if (planned.final_level) {
    O2C_ASSIGN_OR_RETURN(letter.fee, level_fee(*planned.level, currency));
  }
  for (const DunningCandidate& item : planned.items) {
    DunningNotice notice{letter.number,
                         item.invoice,
                         item.invoice_number,
                         item.customer,
                         item.customer_number,
                         letter.level,
                         letter.level_name,
                         as_of,
                         item.open,
                         days_between(item.due_date, as_of),
                         zero(currency),
                         zero(currency),
                         "",
                         std::nullopt};
    if (planned.final_level) {
      O2C_ASSIGN_OR_RETURN(notice.interest, overdue_interest(item.open, planned.level->interest,
                                                             notice.days_overdue));
    }
    O2C_ASSIGN_OR_RETURN(letter.total, add(letter.total, item.open));
    O2C_ASSIGN_OR_RETURN(letter.interest, add(letter.interest, notice.interest));
    letter.notices.push_back(std::move(notice));
  }
  if (!letter.notices.empty()) letter.notices.front().fee = letter.fee;  // once per letter
  O2C_RETURN_IF_ERROR(charge_letter(writer, context, planned, as_of));
  O2C_RETURN_IF_ERROR(queue_letter(writer, context, planned, *customer, company, as_of));
  std::vector<std::string> invoices;
  for (DunningNotice& notice : letter.notices) {
    notice.debit_note = letter.debit_note;
    notice.outbox_id = letter.outbox_id;
    O2C_RETURN_IF_ERROR(writer.insert_dunning_notice(notice));
    invoices.push_back(notice.invoice_number);
  }
  O2C_RETURN_IF_ERROR(append_event(writer, context, "dunning.sent", letter.number,
                                   {{"customer", letter.customer_number},
                                    {"level", static_cast<std::int64_t>(letter.level)},
                                    {"level_name", letter.level_name},
                                    {"invoices", invoices},
                                    {"open", event_amount(letter.total)},
                                    {"fee", event_amount(letter.fee)},
                                    {"interest", event_amount(letter.interest)},
                                    {"debit_note", letter.debit_note},
                                    {"emailed", letter.outbox_id ? 1 : 0}}));
  return {};
}

// ---- KPIs --------------------------------------------------------------------------------------

struct Totals {
  std::int64_t total = 0;
  std::int64_t current = 0;
};

// Receivables on `as_of` per customer id, in `currency`.
Result<std::map<std::int64_t, Totals>> receivables_by_customer(StoreReader& reader, Date as_of,
                                                               Currency currency) {
  O2C_ASSIGN_OR_RETURN(std::vector<ReceivableAsOf> rows, reader.receivables_as_of(as_of));
  std::map<std::int64_t, Totals> by_customer;
  for (const ReceivableAsOf& row : rows) {
    if (row.open.currency != currency) continue;
    Totals& totals = by_customer[row.customer.value];
    totals.total += row.open.minor;
    if (days_between(row.due_date, as_of) <= 0) totals.current += row.open.minor;
  }
  return by_customer;
}

std::map<std::int64_t, std::int64_t> amounts_by_customer(std::span<const CustomerAmount> rows,
                                                         Currency currency) {
  std::map<std::int64_t, std::int64_t> by_customer;
  for (const CustomerAmount& row : rows)
    if (row.amount.currency == currency) by_customer[row.customer.value] += row.amount.minor;
  return by_customer;
}

template <typename Map>
std::int64_t sum_over(const Map& map, const std::set<std::int64_t>& customers) {
  std::int64_t total = 0;
  for (const auto& [customer, value] : map)
    if (customers.contains(customer)) {
      if constexpr (std::is_same_v<typename Map::mapped_type, Totals>)
        total += value.total;
      else
        total += value;
    }
  return total;
}

std::int64_t current_over(const std::map<std::int64_t, Totals>& map,
                          const std::set<std::int64_t>& customers) {
  std::int64_t total = 0;
  for (const auto& [customer, value] : map)
    if (customers.contains(customer)) total += value.current;
  return total;
}

Result<Currency> company_currency_of_store(StoreReader& reader) {
  O2C_ASSIGN_OR_RETURN(std::string code, reader.company_currency());
  return currency_from_code(code);
}

}  // namespace

// ---- aging ---------------------------------------------------------------------------------

Status set_aging_buckets(Context& context, std::string_view text) {
  O2C_ASSIGN_OR_RETURN(AgingBuckets buckets, parse_aging_buckets(text, "buckets"));
  const std::string canonical = format_aging_buckets(buckets);
  return context.store
      .submit([&](StoreWriter& writer) -> Status {
        O2C_RETURN_IF_ERROR(writer.save_setting(kAgingBucketsKey, canonical));
        O2C_ASSIGN_OR_RETURN(std::int64_t sequence,
                             append_event(writer, context, "config.aging_buckets", kAgingBucketsKey,
                                          {{"buckets", canonical}}));
        O2C_ASSERT(sequence > 0);
        return {};
      })
      .get();
}

Result<AgingView> bucketed_aging_report(Store& store, const AgingRequest& request) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store.reader());
  O2C_ASSIGN_OR_RETURN(AgingBuckets buckets, buckets_in_force(*reader, request.buckets));
  if (request.customer) {
    O2C_RETURN_IF_ERROR(require_customer(*reader, *request.customer, "--customer"));
  }
  const std::vector<std::string> names = aging_bucket_names(buckets);
  if (request.bucket && std::find(names.begin(), names.end(), *request.bucket) == names.end()) {
    std::string known;
    for (const std::string& name : names) known += (known.empty() ? "" : ", ") + name;
    return invalid_argument(
        "unknown_bucket", "no aging bucket '" + *request.bucket + "' (" + known + ")", "--bucket");
  }
  O2C_ASSIGN_OR_RETURN(std::vector<ReceivableAsOf> rows, reader->receivables_as_of(request.as_of));
  const std::vector<ReceivableItem> items = receivable_items(rows);
  AgingView view;
  O2C_ASSIGN_OR_RETURN(view.aging, age_in_buckets(items, request.as_of, buckets));
  view.drilled = request.customer.has_value() || request.bucket.has_value();
  if (view.drilled)
    view.lines = aging_drill_down(items, request.as_of, buckets, request.customer, request.bucket);
  return view;
}

// ---- dunning -------------------------------------------------------------------------------

Status set_dunning_policy(Context& context, std::string_view toml_text, std::string_view source) {
  O2C_ASSIGN_OR_RETURN(DunningPolicies policies, parse_dunning_policies(toml_text, source));
  return context.store
      .submit([&](StoreWriter& writer) -> Status {
        O2C_ASSIGN_OR_RETURN(std::vector<Customer> customers, writer.list_customers());
        std::set<std::string> segments;
        for (const Customer& customer : customers) segments.insert(customer.segment);
        for (const DunningPolicy& policy : policies.policies) {
          if (policy.segment != "default" && !segments.contains(policy.segment))
            return invalid_argument("unknown_segment",
                                    "no customer is in segment '" + policy.segment +
                                        "' (use default for every segment without a policy)",
                                    "segments." + policy.segment);
        }
        O2C_RETURN_IF_ERROR(writer.save_setting(kDunningPolicyKey, toml_text));
        O2C_ASSIGN_OR_RETURN(
            std::int64_t sequence,
            append_event(writer, context, "config.dunning", kDunningPolicyKey,
                         {{"sha256", to_hex(sha256(toml_text))},
                          {"segments", static_cast<std::int64_t>(policies.policies.size())}}));
        O2C_ASSERT(sequence > 0);
        return {};
      })
      .get();
}

Result<std::optional<DunningPolicies>> load_dunning_policy(StoreReader& reader) {
  O2C_ASSIGN_OR_RETURN(std::optional<std::string> text, reader.setting(kDunningPolicyKey));
  if (!text) return std::optional<DunningPolicies>();
  O2C_ASSIGN_OR_RETURN(DunningPolicies policies, parse_dunning_policies(*text, kDunningPolicyKey));
  return std::optional<DunningPolicies>(std::move(policies));
}

Result<DunningRunOutcome> run_dunning(Context& context, Date as_of) {
  return context.store.write<DunningRunOutcome>(
      [&](StoreWriter& writer) -> Result<DunningRunOutcome> {
        O2C_ASSIGN_OR_RETURN(std::optional<DunningPolicies> policies, load_dunning_policy(writer));
        if (!policies)
          return failed_precondition("no_dunning_policy",
                                     "no dunning policy; set one with o2c config dunning FILE",
                                     "policy");
        DunningRunOutcome outcome{as_of, {}, {}};
        O2C_ASSIGN_OR_RETURN(std::vector<PlannedLetter> planned,
                             plan_letters(writer, *policies, as_of, outcome.skipped));
        O2C_ASSIGN_OR_RETURN(std::string company, company_name(writer));
        for (PlannedLetter& letter : planned) {
          O2C_RETURN_IF_ERROR(send_letter(writer, context, letter, company, as_of));
          outcome.letters.push_back(std::move(letter.letter));
        }
        return outcome;
      });
}

Result<std::vector<DunningNotice>> list_dunning_notices(Store& store,
                                                        std::optional<std::string> customer) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store.reader());
  std::optional<CustomerId> id;
  if (customer) {
    O2C_ASSIGN_OR_RETURN(Customer found, require_customer(*reader, *customer, "customer"));
    id = found.id;
  }
  return reader->dunning_notices(id);
}

// ---- collectors ------------------------------------------------------------------------------

Result<Collector> add_collector(Context& context, const Collector& request) {
  if (request.name.empty() || request.name.size() > kCollectorNameBytesMax ||
      request.name.find_first_of("\r\n\t ") != std::string::npos)
    return invalid_argument("invalid_collector", "a collector's name is 1-80 bytes, no spaces",
                            "name");
  if (request.max_accounts && *request.max_accounts < 1)
    return invalid_argument("invalid_collector", "--max-accounts must be 1 or more",
                            "max_accounts");
  return context.store.write<Collector>([&](StoreWriter& writer) -> Result<Collector> {
    O2C_ASSIGN_OR_RETURN(std::vector<Collector> existing, writer.list_collectors());
    for (const Collector& other : existing)
      if (other.name == request.name)
        return already_exists("duplicate_collector",
                              "collector '" + request.name + "' exists already", "name");
    Collector collector = request;
    O2C_ASSIGN_OR_RETURN(collector.id, writer.insert_collector(collector));
    O2C_RETURN_IF_ERROR(append_event(
        writer, context, "collector.added", collector.name,
        {{"region", collector.region},
         {"team", collector.team},
         {"max_accounts", static_cast<std::int64_t>(collector.max_accounts.value_or(0))}}));
    return collector;
  });
}

Result<std::vector<Assignment>> assign_collectors(Context& context, bool rebalance) {
  return context.store.write<std::vector<Assignment>>(
      [&](StoreWriter& writer) -> Result<std::vector<Assignment>> {
        O2C_ASSIGN_OR_RETURN(std::vector<Collector> collectors, writer.list_collectors());
        if (collectors.empty())
          return failed_precondition("no_collectors",
                                     "no collectors; add one with o2c collector add", "collector");
        O2C_ASSIGN_OR_RETURN(std::vector<CollectorAccount> current, writer.collector_accounts());
        O2C_ASSIGN_OR_RETURN(std::vector<Customer> customers, writer.list_customers());
        O2C_ASSIGN_OR_RETURN(auto risks, risk_by_customer(writer));
        std::map<std::int64_t, std::string> kept;
        if (!rebalance)
          for (const CollectorAccount& account : current)
            kept[account.customer.value] = account.collector_name;
        std::vector<CollectorSeat> seats;
        for (const Collector& collector : collectors)
          seats.push_back({collector.name, collector.region, collector.max_accounts});
        std::vector<AccountToAssign> accounts;
        for (const Customer& customer : customers) {
          if (!customer.active) continue;
          O2C_ASSIGN_OR_RETURN(CustomerBalance balance, writer.customer_balance(customer));
          AccountToAssign account{customer.number, customer.billing_address.region,
                                  balance.open_receivables.minor, risks[customer.id.value],
                                  std::nullopt};
          if (auto found = kept.find(customer.id.value); found != kept.end())
            account.kept_collector = found->second;
          accounts.push_back(std::move(account));
        }
        std::vector<Assignment> assignments = assign_accounts(seats, accounts);
        std::map<std::string, std::int64_t> collector_ids;
        for (const Collector& collector : collectors) collector_ids[collector.name] = collector.id;
        std::map<std::string, std::string> before;
        for (const CollectorAccount& account : current)
          before[account.customer_number] = account.collector_name;
        for (const Assignment& assignment : assignments) {
          if (assignment.collector.empty() ||
              before[assignment.customer_number] == assignment.collector)
            continue;
          O2C_ASSIGN_OR_RETURN(Customer customer,
                               require_customer(writer, assignment.customer_number, "customer"));
          O2C_RETURN_IF_ERROR(writer.save_collector_account(
              customer.id, collector_ids[assignment.collector], context.clock.today()));
          O2C_RETURN_IF_ERROR(append_event(writer, context, "collector.assigned",
                                           assignment.customer_number,
                                           {{"collector", assignment.collector},
                                            {"workload", assignment.workload},
                                            {"rebalance", rebalance ? 1 : 0}}));
        }
        return assignments;
      });
}

Result<std::vector<RankedAccount>> collector_worklist(Store& store, std::string_view name,
                                                      Date as_of) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store.reader());
  O2C_ASSIGN_OR_RETURN(Collector collector, require_collector(*reader, name));
  O2C_ASSIGN_OR_RETURN(std::vector<CollectorAccount> accounts, reader->collector_accounts());
  O2C_ASSIGN_OR_RETURN(std::vector<ReceivableAsOf> rows, reader->receivables_as_of(as_of));
  O2C_ASSIGN_OR_RETURN(auto risks, risk_by_customer(*reader));
  std::map<std::int64_t, WorklistAccount> by_customer;
  for (const CollectorAccount& account : accounts)
    if (account.collector == collector.id) by_customer[account.customer.value];
  for (const ReceivableAsOf& row : rows) {
    auto found = by_customer.find(row.customer.value);
    const std::int64_t days = days_between(row.due_date, as_of);
    if (found == by_customer.end() || days <= 0) continue;
    WorklistAccount& account = found->second;
    if (account.customer_number.empty()) {
      account = WorklistAccount{row.customer_number, row.customer_name, zero(row.open.currency), 0,
                                risks[row.customer.value]};
    }
    if (row.open.currency != account.overdue.currency) continue;  // one currency per customer
    O2C_ASSIGN_OR_RETURN(account.overdue, add(account.overdue, row.open));
    account.days_overdue = std::max(account.days_overdue, days);
  }
  std::vector<WorklistAccount> list;
  for (auto& [id, account] : by_customer)
    if (!account.customer_number.empty()) list.push_back(std::move(account));
  return rank_worklist(list);
}

Status add_collector_note(Context& context, const NoteRequest& request) {
  static constexpr std::string_view kOutcomes[] = {"reached", "no_answer", "left_message",
                                                   "promise", "dispute"};
  if (std::find(std::begin(kOutcomes), std::end(kOutcomes), request.outcome) == std::end(kOutcomes))
    return invalid_argument("invalid_outcome",
                            "outcome '" + request.outcome +
                                "' is not reached, no_answer, left_message, promise or dispute",
                            "outcome");
  if (request.text.empty() || request.text.size() > kNoteBytesMax)
    return invalid_argument("invalid_note", "a note is 1-2000 bytes", "text");
  return context.store
      .submit([&](StoreWriter& writer) -> Status {
        O2C_ASSIGN_OR_RETURN(Customer customer,
                             require_customer(writer, request.customer_number, "customer"));
        O2C_ASSIGN_OR_RETURN(Collector collector, require_collector(writer, request.collector));
        CollectorNote note{customer.id,           customer.number, collector.id, collector.name,
                           context.clock.today(), request.outcome, request.text};
        O2C_RETURN_IF_ERROR(writer.insert_collector_note(note));
        O2C_RETURN_IF_ERROR(append_event(
            writer, context, "collector.note", customer.number,
            {{"collector", collector.name}, {"outcome", request.outcome}, {"text", request.text}}));
        return {};
      })
      .get();
}

// ---- KPIs --------------------------------------------------------------------------------------

Result<std::vector<CollectorKpis>> collector_report(Store& store, Date from, Date to) {
  if (to < from)
    return invalid_argument("bad_period", "--to " + format_date(to) + " is before --from", "--to");
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store.reader());
  O2C_ASSIGN_OR_RETURN(Currency currency, company_currency_of_store(*reader));
  O2C_ASSIGN_OR_RETURN(std::vector<Collector> collectors, reader->list_collectors());
  O2C_ASSIGN_OR_RETURN(std::vector<CollectorAccount> accounts, reader->collector_accounts());
  O2C_ASSIGN_OR_RETURN(auto begin, receivables_by_customer(*reader, add_days(from, -1), currency));
  O2C_ASSIGN_OR_RETURN(auto end, receivables_by_customer(*reader, to, currency));
  O2C_ASSIGN_OR_RETURN(std::vector<CustomerAmount> sales_rows, reader->credit_sales(from, to));
  O2C_ASSIGN_OR_RETURN(std::vector<CustomerAmount> cash_rows, reader->cash_received(from, to));
  O2C_ASSIGN_OR_RETURN(std::vector<PromiseSettled> promises, reader->promises_settled(from, to));
  O2C_ASSIGN_OR_RETURN(std::vector<CollectorNote> notes, reader->collector_notes(from, to));
  const auto sales = amounts_by_customer(sales_rows, currency);
  const auto cash = amounts_by_customer(cash_rows, currency);

  const auto figures = [&](std::string name, std::string team,
                           const std::set<std::int64_t>& customers,
                           const std::set<std::int64_t>& collector_ids) {
    CollectorKpis row;
    row.name = std::move(name);
    row.team = std::move(team);
    row.currency = currency;
    row.accounts = static_cast<std::int64_t>(customers.size());
    row.collected = Money{sum_over(cash, customers), currency};
    row.begin = Money{sum_over(begin, customers), currency};
    row.sales = Money{sum_over(sales, customers), currency};
    row.end_total = Money{sum_over(end, customers), currency};
    row.end_current = Money{current_over(end, customers), currency};
    row.cei = collection_effectiveness(row.begin.minor, row.sales.minor, row.end_total.minor,
                                       row.end_current.minor);
    for (const PromiseSettled& promise : promises) {
      if (!customers.contains(promise.customer.value)) continue;
      ++row.promises_settled;
      if (promise.kept) ++row.promises_kept;
    }
    row.promises_kept_rate = share_of(row.promises_kept, row.promises_settled);
    std::set<std::int64_t> touched;
    for (const CollectorNote& note : notes)
      if (collector_ids.contains(note.collector)) touched.insert(note.customer.value);
    row.accounts_touched = static_cast<std::int64_t>(touched.size());
    return row;
  };

  std::vector<CollectorKpis> rows;
  std::map<std::string, std::pair<std::set<std::int64_t>, std::set<std::int64_t>>> teams;
  for (const Collector& collector : collectors) {
    std::set<std::int64_t> customers;
    for (const CollectorAccount& account : accounts)
      if (account.collector == collector.id) customers.insert(account.customer.value);
    rows.push_back(figures(collector.name, collector.team, customers, {collector.id}));
    auto& team = teams[collector.team.empty() ? "-" : collector.team];
    team.first.insert(customers.begin(), customers.end());
    team.second.insert(collector.id);
  }
  for (const auto& [team, members] : teams)
    rows.push_back(figures("team " + team, team, members.first, members.second));
  return rows;
}

Result<std::vector<CollectionsKpis>> collections_report(Store& store, Date as_of,
                                                        std::int64_t days) {
  if (days < 1 || days > kReportDaysMax)
    return invalid_argument("invalid_days", "--days must be 1..3650", "--days");
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store.reader());
  O2C_ASSIGN_OR_RETURN(std::vector<ReceivableAsOf> end_rows, reader->receivables_as_of(as_of));
  const Date start = add_days(as_of, 1 - days);
  O2C_ASSIGN_OR_RETURN(std::vector<ReceivableAsOf> begin_rows,
                       reader->receivables_as_of(add_days(start, -1)));
  O2C_ASSIGN_OR_RETURN(std::vector<CustomerAmount> sales_rows, reader->credit_sales(start, as_of));
  std::map<std::string, CollectionsKpis> by_currency;
  const auto row_for = [&](Currency currency) -> CollectionsKpis& {
    auto [found, added] = by_currency.try_emplace(std::string(currency.text()));
    if (added) {
      CollectionsKpis& row = found->second;
      row.currency = currency;
      row.as_of = as_of;
      row.days = days;
      row.receivables = row.current = row.sales = row.begin = zero(currency);
    }
    return found->second;
  };
  for (const ReceivableAsOf& row : end_rows) {
    CollectionsKpis& kpis = row_for(row.open.currency);
    kpis.receivables.minor += row.open.minor;
    if (days_between(row.due_date, as_of) <= 0) kpis.current.minor += row.open.minor;
  }
  for (const ReceivableAsOf& row : begin_rows)
    row_for(row.open.currency).begin.minor += row.open.minor;
  for (const CustomerAmount& row : sales_rows)
    row_for(row.amount.currency).sales.minor += row.amount.minor;
  O2C_ASSIGN_OR_RETURN(std::vector<Date> disputes, reader->open_dispute_dates(as_of));
  std::int64_t dispute_days = 0;
  for (Date opened : disputes) dispute_days += days_between(opened, as_of);
  std::vector<CollectionsKpis> result;
  for (auto& [code, kpis] : by_currency) {
    // Count-back periods: this month up to as_of, then whole calendar months before it.
    std::vector<SalesPeriod> periods;
    Date period_end = as_of;
    for (int month = 0; month < kCountBackMonths; ++month) {
      const Date period_start = Date{period_end.year(), period_end.month(), std::chrono::day{1}};
      O2C_ASSIGN_OR_RETURN(std::vector<CustomerAmount> month_sales,
                           reader->credit_sales(period_start, period_end));
      std::int64_t total = 0;
      for (const CustomerAmount& row : month_sales)
        if (row.amount.currency == kpis.currency) total += row.amount.minor;
      periods.push_back(SalesPeriod{days_between(period_start, period_end) + 1, total});
      period_end = add_days(period_start, -1);
    }
    kpis.dso = count_back_dso(kpis.receivables.minor, periods);
    kpis.best_dso = best_possible_dso(kpis.current.minor, kpis.sales.minor, days);
    kpis.average_days_delinquent = kpis.dso - kpis.best_dso;
    kpis.cei = collection_effectiveness(kpis.begin.minor, kpis.sales.minor, kpis.receivables.minor,
                                        kpis.current.minor);
    kpis.percent_current = share_of(kpis.current.minor, kpis.receivables.minor);
    kpis.open_disputes = static_cast<std::int64_t>(disputes.size());
    kpis.dispute_average_age =
        disputes.empty() ? 0
                         : static_cast<Centidays>(dispute_days * 100 /
                                                  static_cast<std::int64_t>(disputes.size()));
    result.push_back(kpis);
  }
  return result;
}

}  // namespace o2c::app
