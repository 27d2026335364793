// o2c dispute open|deduction|list|show|assign|resolve, o2c writeoff request|approve|reject|list,
// o2c promise add|list|check, o2c config dispute_routing|writeoff_limit — disputes and
// deductions, write-offs and promises to pay (app/disputes.h). `--as USER` names who acts
// (as --actor does); dates are the business date (--date, default today).
#include <iostream>
#include <memory>

#include "cli/session.h"

namespace o2c::cli {
namespace {

struct DisputeOptions {
  std::string invoice, payment, reason, amount, description, owner, customer, note, as;
  int line = 0;
  bool open_only = false, credit_note = false, write_off = false, reject = false;
  std::string number, by, file, format = "table";
};

// The context, acting as `as` when given.
app::Context acting(Session& session, Store& store, const std::string& as) {
  app::Context context = session.context(store);
  if (!as.empty()) context.actor = as;
  return context;
}

void print_dispute(const Dispute& dispute, Date today, std::ostream& out) {
  out << dispute.number << "  " << wire_name(dispute.status) << "  " << wire_name(dispute.reason)
      << "  " << format_money(dispute.amount) << "\n  invoice " << dispute.invoice_number;
  if (dispute.line_no) out << " line " << *dispute.line_no;
  out << "  customer " << dispute.customer_number << "  owner "
      << (dispute.owner.empty() ? "-" : dispute.owner) << "\n  opened "
      << format_date(dispute.opened_on) << " by " << dispute.opened_by << " ("
      << wire_name(dispute.origin);
  if (!dispute.payment_number.empty()) out << " of " << dispute.payment_number;
  out << "), age " << dispute_age_days(dispute, today) << " days\n";
  if (!dispute.description.empty()) out << "  " << dispute.description << "\n";
  if (dispute.resolved_on) {
    out << "  resolved " << format_date(*dispute.resolved_on) << " by " << dispute.resolved_by;
    if (!dispute.resolution_document.empty()) out << " with " << dispute.resolution_document;
    if (!dispute.note.empty()) out << ": " << dispute.note;
    out << "\n";
  }
}

void add_dispute_open(CLI::App& dispute, Session& session) {
  auto options = std::make_shared<DisputeOptions>();
  CLI::App* open = dispute.add_subcommand("open", "open a dispute on an invoice or one line");
  open->add_option("invoice", options->invoice, "INV-…")->required();
  open->add_option("--line", options->line, "the invoice line disputed (default: all)");
  open->add_option("--reason", options->reason,
                   "pricing, quantity, damaged, not_received or duplicate_billing")
      ->required();
  open->add_option("--amount", options->amount, "default: all that is open (of the line)");
  open->add_option("--description", options->description, "what the customer says");
  open->add_option("--as", options->as, "who opens it");
  open->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      app::DisputeRequest request{options->invoice, std::nullopt, options->reason, options->amount,
                                  options->description};
      if (options->line != 0) request.line_no = options->line;
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = acting(session, *store, options->as);
      O2C_ASSIGN_OR_RETURN(Dispute opened, app::open_dispute(context, request));
      print_dispute(opened, session.clock().today(), std::cout);
      return {};
    };
  });
}

void add_dispute_deduction(CLI::App& dispute, Session& session) {
  auto options = std::make_shared<DisputeOptions>();
  CLI::App* deduction =
      dispute.add_subcommand("deduction", "a short payment becomes a dispute (a deduction)");
  deduction->add_option("payment", options->payment, "PAY-…")->required();
  deduction->add_option("invoice", options->invoice, "INV-…")->required();
  deduction->add_option("--amount", options->amount, "what the customer deducted")->required();
  deduction->add_option("--reason", options->reason, "default short_payment");
  deduction->add_option("--as", options->as, "who records it");
  deduction->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = acting(session, *store, options->as);
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
      O2C_ASSIGN_OR_RETURN(std::optional<Invoice> invoice, reader->find_invoice(options->invoice));
      if (!invoice)
        return not_found("invoice_not_found", "no invoice with number '" + options->invoice + "'",
                         "invoice");
      app::DeductionRequest request;  // reason: short_payment unless --reason says otherwise
      request.payment_number = options->payment;
      request.invoice_number = options->invoice;
      O2C_ASSIGN_OR_RETURN(request.amount,
                           parse_money_option(options->amount, invoice->currency, "--amount"));
      if (!options->reason.empty()) {
        O2C_ASSIGN_OR_RETURN(request.reason, dispute_reason_from_wire(options->reason, "--reason"));
      }
      O2C_ASSIGN_OR_RETURN(Dispute opened, app::open_deduction(context, request));
      print_dispute(opened, session.clock().today(), std::cout);
      return {};
    };
  });
}

void add_dispute_list(CLI::App& dispute, Session& session) {
  auto options = std::make_shared<DisputeOptions>();
  CLI::App* list = dispute.add_subcommand("list", "disputes with their age in days");
  list->add_flag("--open", options->open_only, "only open disputes");
  list->add_option("--owner", options->owner, "only this owner's");
  list->add_option("--customer", options->customer, "only this customer's");
  add_format_option(*list, options->format);
  list->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(Format format, parse_format(options->format));
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      DisputeFilter filter;
      filter.open_only = options->open_only;
      filter.owner = options->owner;
      filter.customer_number = options->customer;
      O2C_ASSIGN_OR_RETURN(std::vector<Dispute> disputes, app::list_disputes(context, filter));
      Table table{{{"dispute"},
                   {"status"},
                   {"customer"},
                   {"invoice"},
                   {"line", Align::kRight},
                   {"reason"},
                   {"origin"},
                   {"amount", Align::kRight},
                   {"cur"},
                   {"owner"},
                   {"opened"},
                   {"age", Align::kRight}},
                  {}};
      const Date today = session.clock().today();
      for (const Dispute& d : disputes)
        table.rows.push_back({d.number, std::string(wire_name(d.status)), d.customer_number,
                              d.invoice_number, d.line_no ? std::to_string(*d.line_no) : "-",
                              std::string(wire_name(d.reason)), std::string(wire_name(d.origin)),
                              format_amount(d.amount), std::string(d.amount.currency.text()),
                              d.owner.empty() ? "-" : d.owner, format_date(d.opened_on),
                              std::to_string(dispute_age_days(d, today))});
      render(table, format, std::cout);
      return {};
    };
  });
}

void add_dispute_show_assign(CLI::App& dispute, Session& session) {
  auto options = std::make_shared<DisputeOptions>();
  CLI::App* show = dispute.add_subcommand("show", "one dispute");
  show->add_option("dispute", options->number, "DSP-…")->required();
  show->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(Dispute found, app::find_dispute(context, options->number));
      print_dispute(found, session.clock().today(), std::cout);
      return {};
    };
  });
  auto assign_options = std::make_shared<DisputeOptions>();
  CLI::App* assign = dispute.add_subcommand("assign", "give a dispute to another owner");
  assign->add_option("dispute", assign_options->number, "DSP-…")->required();
  assign->add_option("--owner", assign_options->owner, "who works it now")->required();
  assign->add_option("--as", assign_options->as, "who reassigns it");
  assign->callback([&session, assign_options] {
    session.action = [&session, assign_options]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = acting(session, *store, assign_options->as);
      O2C_ASSIGN_OR_RETURN(Dispute assigned, app::assign_dispute(context, assign_options->number,
                                                                 assign_options->owner));
      print_dispute(assigned, session.clock().today(), std::cout);
      return {};
    };
  });
}

void add_dispute_resolve(CLI::App& dispute, Session& session) {
  auto options = std::make_shared<DisputeOptions>();
  CLI::App* resolve = dispute.add_subcommand(
      "resolve", "resolve a dispute: --credit-note, --write-off, or --reject --note \"…\"");
  resolve->add_option("dispute", options->number, "DSP-…")->required();
  CLI::Option* credit = resolve->add_flag("--credit-note", options->credit_note,
                                          "issue a credit note (cause dispute) for its amount");
  CLI::Option* write = resolve->add_flag("--write-off", options->write_off,
                                         "write its amount off (payment differences)");
  CLI::Option* reject = resolve->add_flag("--reject", options->reject, "the amount is due again");
  credit->excludes(write)->excludes(reject);
  write->excludes(reject);
  resolve->add_option("--note", options->note, "why (required with --reject)");
  resolve->add_option("--as", options->as, "who resolves it");
  resolve->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      app::ResolveDisputeRequest request{options->number, app::DisputeResolution::kCreditNote,
                                         options->note};
      if (options->write_off) request.resolution = app::DisputeResolution::kWriteOff;
      if (options->reject) request.resolution = app::DisputeResolution::kReject;
      if (!options->credit_note && !options->write_off && !options->reject)
        return invalid_argument("resolution_missing",
                                "say how: --credit-note, --write-off or --reject", "resolve");
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = acting(session, *store, options->as);
      O2C_ASSIGN_OR_RETURN(app::ResolvedDispute resolved, app::resolve_dispute(context, request));
      print_dispute(resolved.dispute, session.clock().today(), std::cout);
      if (resolved.credit_note)
        std::cout << "credit note " << resolved.credit_note->number << "  gross "
                  << format_money(resolved.credit_note->gross_total) << "  settled "
                  << format_money(resolved.credit_note->allocated) << "\n";
      if (resolved.write_off)
        std::cout << "write-off " << resolved.write_off->number << "  "
                  << format_money(resolved.write_off->amount) << "\n";
      return {};
    };
  });
}

void add_dispute_commands(CLI::App& app, Session& session) {
  CLI::App* dispute = app.add_subcommand("dispute", "disputes and deductions");
  dispute->require_subcommand(1);
  add_dispute_open(*dispute, session);
  add_dispute_deduction(*dispute, session);
  add_dispute_list(*dispute, session);
  add_dispute_show_assign(*dispute, session);
  add_dispute_resolve(*dispute, session);
}

void print_write_off(const WriteOff& w, std::ostream& out) {
  out << w.number << "  " << wire_name(w.status) << "  " << wire_name(w.kind) << "  "
      << format_money(w.amount) << "  invoice " << w.invoice_number << "  customer "
      << w.customer_number << "\n  requested " << format_date(w.requested_on) << " by "
      << w.requested_by << ": " << w.reason << "\n";
  if (w.decided_on && w.status != WriteOffStatus::kRequested) {
    out << "  " << (w.status == WriteOffStatus::kPosted ? "posted " : "rejected ")
        << format_date(*w.decided_on) << " by " << w.decided_by;
    if (!w.decision_note.empty()) out << ": " << w.decision_note;
    out << "\n";
  }
}

void add_writeoff_request_decide(CLI::App& writeoff, Session& session) {
  auto options = std::make_shared<DisputeOptions>();
  CLI::App* request = writeoff.add_subcommand("request", "ask for a bad-debt write-off");
  request->add_option("invoice", options->invoice, "INV-…")->required();
  request->add_option("--amount", options->amount, "default: all that is open");
  request->add_option("--reason", options->reason, "why it will not be paid")->required();
  request->add_option("--as", options->as, "who asks");
  request->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = acting(session, *store, options->as);
      O2C_ASSIGN_OR_RETURN(WriteOff requested,
                           app::request_bad_debt_write_off(
                               context, {options->invoice, options->amount, options->reason}));
      print_write_off(requested, std::cout);
      return {};
    };
  });
  auto decide = std::make_shared<DisputeOptions>();
  CLI::App* approve = writeoff.add_subcommand("approve", "approve and post a write-off");
  approve->add_option("write_off", decide->number, "WO-…")->required();
  approve->add_option("--as", decide->as, "who approves (not who asked)");
  approve->callback([&session, decide] {
    session.action = [&session, decide]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = acting(session, *store, decide->as);
      O2C_ASSIGN_OR_RETURN(WriteOff approved, app::approve_write_off(context, decide->number));
      print_write_off(approved, std::cout);
      return {};
    };
  });
  auto refuse = std::make_shared<DisputeOptions>();
  CLI::App* reject = writeoff.add_subcommand("reject", "refuse a write-off");
  reject->add_option("write_off", refuse->number, "WO-…")->required();
  reject->add_option("--reason", refuse->reason, "why")->required();
  reject->add_option("--as", refuse->as, "who refuses (not who asked)");
  reject->callback([&session, refuse] {
    session.action = [&session, refuse]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = acting(session, *store, refuse->as);
      O2C_ASSIGN_OR_RETURN(WriteOff rejected,
                           app::reject_write_off(context, refuse->number, refuse->reason));
      print_write_off(rejected, std::cout);
      return {};
    };
  });
}

void add_writeoff_commands(CLI::App& app, Session& session) {
  CLI::App* writeoff = app.add_subcommand("writeoff", "write-offs: bad debts with approval");
  writeoff->require_subcommand(1);
  add_writeoff_request_decide(*writeoff, session);
  auto options = std::make_shared<DisputeOptions>();
  CLI::App* list = writeoff->add_subcommand("list", "write-offs by number");
  list->add_flag("--pending", options->open_only, "only those waiting for a decision");
  add_format_option(*list, options->format);
  list->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(Format format, parse_format(options->format));
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(std::vector<WriteOff> rows,
                           app::list_write_offs(context, options->open_only));
      Table table{{{"write-off"},
                   {"status"},
                   {"kind"},
                   {"invoice"},
                   {"customer"},
                   {"amount", Align::kRight},
                   {"cur"},
                   {"requested by"},
                   {"decided by"},
                   {"dispute"},
                   {"reason"}},
                  {}};
      for (const WriteOff& w : rows)
        table.rows.push_back({w.number, std::string(wire_name(w.status)),
                              std::string(wire_name(w.kind)), w.invoice_number, w.customer_number,
                              format_amount(w.amount), std::string(w.amount.currency.text()),
                              w.requested_by, w.decided_by.empty() ? "-" : w.decided_by,
                              w.dispute_number.empty() ? "-" : w.dispute_number, w.reason});
      render(table, format, std::cout);
      return {};
    };
  });
}

Table promise_table(const std::vector<PaymentPromise>& promises) {
  Table table{{{"promise"},
               {"status"},
               {"customer"},
               {"invoice"},
               {"amount", Align::kRight},
               {"cur"},
               {"made"},
               {"by"},
               {"settled"},
               {"taken by"}},
              {}};
  for (const PaymentPromise& p : promises)
    table.rows.push_back({p.number, std::string(wire_name(p.status)), p.customer_number,
                          p.invoice_number.empty() ? "-" : p.invoice_number,
                          format_amount(p.amount), std::string(p.amount.currency.text()),
                          format_date(p.made_on), format_date(p.due_on),
                          p.settled_on ? format_date(*p.settled_on) : "-", p.taken_by});
  return table;
}

void add_promise_add(CLI::App& promise, Session& session) {
  auto options = std::make_shared<DisputeOptions>();
  CLI::App* add = promise.add_subcommand("add", "record a customer's promise to pay");
  add->add_option("customer", options->customer, "customer number")->required();
  add->add_option("--invoice", options->invoice, "the invoice promised (default: the account)");
  add->add_option("--amount", options->amount, "the amount promised")->required();
  add->add_option("--by", options->by, "the date promised, YYYY-MM-DD")->required();
  add->add_option("--as", options->as, "the collector who took it");
  add->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      Result<Date> by = parse_date(options->by);
      if (!by) return at(by.error(), "--by");
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = acting(session, *store, options->as);
      O2C_ASSIGN_OR_RETURN(
          PaymentPromise made,
          app::add_promise(context, {options->customer, options->invoice, options->amount, *by}));
      render(promise_table({made}), Format::kTable, std::cout);
      return {};
    };
  });
}

void add_promise_commands(CLI::App& app, Session& session) {
  CLI::App* promise = app.add_subcommand("promise", "promises to pay: add, list, check");
  promise->require_subcommand(1);
  add_promise_add(*promise, session);
  auto options = std::make_shared<DisputeOptions>();
  CLI::App* list = promise->add_subcommand("list", "promises by number");
  list->add_flag("--open", options->open_only, "only those neither kept nor broken");
  add_format_option(*list, options->format);
  list->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(Format format, parse_format(options->format));
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(std::vector<PaymentPromise> rows,
                           app::list_promises(context, options->open_only));
      render(promise_table(rows), format, std::cout);
      return {};
    };
  });
  CLI::App* check = promise->add_subcommand(
      "check", "mark open promises kept or broken as of --date; broken ones escalate");
  check->callback([&session] {
    session.action = [&session]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(app::PromiseCheckOutcome outcome,
                           app::check_promises(context, session.clock().today()));
      std::cout << "kept " << outcome.kept.size() << ", broken " << outcome.broken.size()
                << ", still open " << outcome.still_open.size() << "\n";
      for (const PaymentPromise& p : outcome.kept)
        std::cout << "kept    " << p.number << "  " << p.customer_number << "  "
                  << format_money(p.amount) << "\n";
      for (const PaymentPromise& p : outcome.broken)
        std::cout << "BROKEN  " << p.number << "  " << p.customer_number << "  "
                  << (p.invoice_number.empty() ? "account" : p.invoice_number) << "  "
                  << format_money(p.amount) << " by " << format_date(p.due_on)
                  << "  escalated: dunning resumes\n";
      return {};
    };
  });
}

void add_config_disputes(CLI::App& app, Session& session) {
  CLI::App* config = app.get_subcommand("config");
  auto options = std::make_shared<DisputeOptions>();
  CLI::App* routing =
      config->add_subcommand("dispute_routing", "who works disputes, by reason and segment");
  routing->add_option("file", options->file, "TOML: default_owner and [[rule]] tables")->required();
  routing->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::string text, read_text_file(options->file, "file"));
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_RETURN_IF_ERROR(app::set_dispute_routing(context, text, options->file));
      std::cout << "dispute routing set from " << options->file << "\n";
      return {};
    };
  });
  auto limit = std::make_shared<DisputeOptions>();
  CLI::App* writeoff_limit = config->add_subcommand(
      "writeoff_limit", "short payments up to this amount are written off without approval");
  writeoff_limit->add_option("amount", limit->amount, "e.g. 5.00; 0 for none")->required();
  writeoff_limit->callback([&session, limit] {
    session.action = [&session, limit]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_RETURN_IF_ERROR(app::set_write_off_limit(context, limit->amount));
      std::cout << "small-balance write-off limit " << limit->amount << "\n";
      return {};
    };
  });
}

}  // namespace

void add_dispute_commands_all(CLI::App& app, Session& session) {
  add_dispute_commands(app, session);
  add_writeoff_commands(app, session);
  add_promise_commands(app, session);
  add_config_disputes(app, session);
}

}  // namespace o2c::cli
