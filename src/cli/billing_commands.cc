// o2c bill run | credit-note create|from-returns|show|list | debit-note create |
// invoice proforma — the billing documents beyond the invoice of a shipment.
#include <iostream>

#include "cli/progress.h"
#include "cli/session.h"

namespace o2c::cli {
namespace {

void print_credit_note(const CreditNote& note, std::ostream& out) {
  out << note.number << "  " << wire_name(note.cause) << "  credits " << note.invoice_number
      << "  customer " << note.customer_number << "\n  issued " << format_date(note.issue_date)
      << ": " << note.reason << "\n";
  Table table{{{"line", Align::kRight},
               {"invoice line", Align::kRight},
               {"sku"},
               {"description"},
               {"qty", Align::kRight},
               {"net", Align::kRight},
               {"tax %", Align::kRight},
               {"tax", Align::kRight}},
              {}};
  for (const CreditNoteLine& line : note.lines)
    table.rows.push_back(
        {std::to_string(line.line_no), std::to_string(line.invoice_line_no), line.sku,
         line.description, line.quantity.milli > 0 ? format_quantity(line.quantity) : "-",
         format_grouped(line.net), format_percent(line.tax_rate), format_grouped(line.tax)});
  render(table, Format::kTable, out);
  const Money credit_left{note.gross_total.minor - note.allocated.minor, note.currency};
  out << "  net " << format_grouped(note.net_total) << "  tax " << format_grouped(note.tax_total)
      << "  total " << format_grouped(note.gross_total) << "  settled on invoices "
      << format_grouped(note.allocated) << "  customer credit " << format_grouped(credit_left)
      << " " << note.currency.text() << "\n";
}

// "N:QTY" → a quantity of invoice line N.
Result<CreditLineRequest> parse_credit_line(const std::string& text, const std::string& where) {
  const std::size_t colon = text.find(':');
  const auto bad = [&] {
    return invalid_argument("invalid_credit_line",
                            "'" + text + "' is not LINE:QUANTITY (e.g. 2:1.5)", where);
  };
  if (colon == std::string::npos) return bad();
  Result<Quantity> line = parse_quantity(text.substr(0, colon));
  if (!line || line->milli <= 0 || line->milli % 1000 != 0) return bad();
  Result<Quantity> quantity = parse_quantity_option(text.substr(colon + 1), where);
  if (!quantity) return quantity.error();
  return CreditLineRequest{static_cast<int>(line->milli / 1000), *quantity, std::nullopt};
}

// "N:AMOUNT" → a net amount off invoice line N (in the invoice's currency, known later).
struct AmountLine {
  int line = 0;
  std::string amount;
};
Result<AmountLine> parse_amount_line(const std::string& text, const std::string& where) {
  const std::size_t colon = text.find(':');
  Result<Quantity> line = colon == std::string::npos ? Result<Quantity>(Quantity{})
                                                     : parse_quantity(text.substr(0, colon));
  if (colon == std::string::npos || !line || line->milli <= 0 || line->milli % 1000 != 0)
    return invalid_argument("invalid_credit_line",
                            "'" + text + "' is not LINE:NET-AMOUNT (e.g. 1:5.00)", where);
  return AmountLine{static_cast<int>(line->milli / 1000), text.substr(colon + 1)};
}

void add_bill_run(CLI::App& app, Session& session) {
  CLI::App* bill = app.add_subcommand("bill", "billing runs");
  bill->require_subcommand(1);
  CLI::App* run = bill->add_subcommand(
      "run",
      "bill every shipped, unbilled shipment up to --date by each customer's billing "
      "policy (per shipment, per complete order, per period), then every subscription period "
      "and usage period due; safe to run again");
  run->callback([&session] {
    session.action = [&session]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      ProgressBar bar("billing");
      O2C_ASSIGN_OR_RETURN(app::BillingRunOutcome outcome,
                           app::run_billing(context, session.clock().today(),
                                            [&](std::size_t done, std::size_t total) {
                                              bar.update(static_cast<std::int64_t>(done),
                                                         static_cast<std::int64_t>(total));
                                            }));
      bar.finish();
      // The recurring step: subscription periods and usage due by --date (app/recurring.h).
      ProgressBar recurring_bar("billing: subscriptions");
      O2C_ASSIGN_OR_RETURN(app::RecurringBillingReport recurring,
                           app::run_recurring_billing(context, session.clock().today(),
                                                      [&](std::int64_t done, std::int64_t total) {
                                                        recurring_bar.update(done, total);
                                                      }));
      recurring_bar.finish();
      for (const auto& [number, error] : recurring.failures)
        std::cout << "subscription " << number << " not billed: " << describe(error) << "\n";
      const std::size_t shipment_invoices = outcome.invoices.size();
      for (Invoice& invoice : recurring.invoices) outcome.invoices.push_back(std::move(invoice));
      Table table{
          {{"invoice"}, {"customer"}, {"order"}, {"due"}, {"total", Align::kRight}, {"cur"}}, {}};
      for (const Invoice& invoice : outcome.invoices)
        table.rows.push_back({invoice.number, invoice.customer_number,
                              invoice.order_number.empty() ? "(several)" : invoice.order_number,
                              format_date(invoice.due_date), format_grouped(invoice.gross_total),
                              std::string(invoice.currency.text())});
      if (!outcome.invoices.empty()) render(table, Format::kTable, std::cout);
      std::cout << "billing run " << format_date(session.clock().today()) << ": "
                << shipment_invoices << " invoices for " << outcome.shipments_billed
                << " shipments; " << outcome.orders_waiting
                << " orders billed per order wait for their last shipment; "
                << outcome.invoices.size() - shipment_invoices << " invoices for "
                << recurring.subscriptions << " subscriptions\n";
      if (!recurring.failures.empty())
        return failed_precondition("subscriptions_not_billed",
                                   std::to_string(recurring.failures.size()) +
                                       " subscriptions could not be billed (listed above); the "
                                       "others were",
                                   "bill run");
      return {};
    };
  });
}

void add_credit_note_commands(CLI::App& app, Session& session) {
  CLI::App* credit =
      app.add_subcommand("credit-note", "credit notes: create, from-returns, show, list");
  credit->require_subcommand(1);

  struct CreateOptions {
    std::string invoice, cause = "price_correction", reason;
    std::vector<std::string> lines, amounts;
    bool all = false;
  };
  auto options = std::make_shared<CreateOptions>();
  CLI::App* create = credit->add_subcommand("create", "credit (part of) a posted invoice");
  create->add_option("--invoice", options->invoice, "INV-YYYY-NNNNNN")->required();
  create->add_option("--line", options->lines, "LINE:QUANTITY of an invoice line to credit");
  create->add_option("--amount", options->amounts, "LINE:NET-AMOUNT off an invoice line");
  create->add_flag("--all", options->all, "everything not credited yet");
  create->add_option("--cause", options->cause, "return, price_correction, dispute, cancellation")
      ->capture_default_str();
  create->add_option("--reason", options->reason, "why (printed on the credit note)")->required();
  create->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      app::CreditNoteInput input;
      input.invoice_number = options->invoice;
      Result<CreditCause> cause = credit_cause_from_wire(options->cause);
      if (!cause) return at(cause.error(), "--cause");
      input.request.cause = *cause;
      input.request.reason = options->reason;
      input.request.whole_invoice = options->all;
      for (std::size_t i = 0; i < options->lines.size(); ++i) {
        O2C_ASSIGN_OR_RETURN(
            CreditLineRequest line,
            parse_credit_line(options->lines[i], "--line " + std::to_string(i + 1)));
        input.request.lines.push_back(line);
      }
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      if (!options->amounts.empty()) {
        // Amounts are in the invoice's currency.
        O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
        O2C_ASSIGN_OR_RETURN(std::optional<Invoice> invoice,
                             reader->find_invoice(options->invoice));
        if (!invoice)
          return not_found("invoice_not_found", "no invoice with number '" + options->invoice + "'",
                           "--invoice");
        for (std::size_t i = 0; i < options->amounts.size(); ++i) {
          const std::string where = "--amount " + std::to_string(i + 1);
          O2C_ASSIGN_OR_RETURN(AmountLine line, parse_amount_line(options->amounts[i], where));
          O2C_ASSIGN_OR_RETURN(Money net,
                               parse_money_option(line.amount, invoice->currency, where));
          input.request.lines.push_back(CreditLineRequest{line.line, std::nullopt, net});
        }
      }
      app::Context context = session.context(*store);
      Result<CreditNote> note = app::issue_credit_note(context, input);
      if (!note) {
        Error error = std::move(note).error();
        if (error.where == "invoice") error.where = "--invoice";
        return error;
      }
      print_credit_note(*note, std::cout);
      return {};
    };
  });

  CLI::App* from_returns = credit->add_subcommand(
      "from-returns", "issue a credit note for every received return still waiting for one");
  from_returns->callback([&session] {
    session.action = [&session]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(std::vector<CreditNote> notes, app::credit_received_returns(context));
      for (const CreditNote& note : notes) print_credit_note(note, std::cout);
      std::cout << notes.size() << " credit notes issued for received returns\n";
      return {};
    };
  });

  auto number = std::make_shared<std::string>();
  CLI::App* show = credit->add_subcommand("show", "a credit note with its lines");
  show->add_option("number", *number, "CN-YYYY-NNNNNN")->required();
  show->callback([&session, number] {
    session.action = [&session, number]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
      O2C_ASSIGN_OR_RETURN(std::optional<CreditNote> note, reader->find_credit_note(*number));
      if (!note)
        return not_found("credit_note_not_found", "no credit note with number '" + *number + "'",
                         "number");
      print_credit_note(*note, std::cout);
      return {};
    };
  });

  auto list_format = std::make_shared<std::string>("table");
  CLI::App* list = credit->add_subcommand("list", "credit notes by number");
  add_format_option(*list, *list_format);
  list->callback([&session, list_format] {
    session.action = [&session, list_format]() -> Status {
      O2C_ASSIGN_OR_RETURN(Format chosen, parse_format(*list_format));
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
      O2C_ASSIGN_OR_RETURN(std::vector<CreditNote> notes,
                           reader->list_credit_notes(std::nullopt, SIZE_MAX));
      Table table{{{"credit note"},
                   {"date"},
                   {"invoice"},
                   {"customer"},
                   {"cause"},
                   {"total", Align::kRight},
                   {"settled", Align::kRight},
                   {"cur"}},
                  {}};
      for (const CreditNote& note : notes)
        table.rows.push_back({note.number, format_date(note.issue_date), note.invoice_number,
                              note.customer_number, std::string(wire_name(note.cause)),
                              format_amount(note.gross_total), format_amount(note.allocated),
                              std::string(note.currency.text())});
      render(table, chosen, std::cout);
      return {};
    };
  });
}

void add_debit_note_command(CLI::App& app, Session& session) {
  CLI::App* debit = app.add_subcommand("debit-note", "debit notes: create");
  debit->require_subcommand(1);
  struct Options {
    std::string invoice, amount, reason, description, tax_category;
  };
  auto options = std::make_shared<Options>();
  CLI::App* create = debit->add_subcommand("create", "charge more on a posted invoice");
  create->add_option("--invoice", options->invoice, "INV-YYYY-NNNNNN")->required();
  create->add_option("--amount", options->amount, "net amount charged in addition")->required();
  create->add_option("--reason", options->reason, "why (printed on the debit note)")->required();
  create->add_option("--description", options->description, "the line's text (default: reason)");
  create->add_option("--tax-category", options->tax_category,
                     "tax category of the charge (default: the invoice's first line's)");
  create->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
      O2C_ASSIGN_OR_RETURN(std::optional<Invoice> invoice, reader->find_invoice(options->invoice));
      if (!invoice)
        return not_found("invoice_not_found", "no invoice with number '" + options->invoice + "'",
                         "--invoice");
      O2C_ASSIGN_OR_RETURN(Money net,
                           parse_money_option(options->amount, invoice->currency, "--amount"));
      app::Context context = session.context(*store);
      Result<Invoice> note = app::issue_debit_note(
          context, app::DebitNoteInput{options->invoice, options->reason, options->description, net,
                                       options->tax_category});
      if (!note) {
        Error error = std::move(note).error();
        error.where = error.where == "invoice" ? "--invoice" : "--" + error.where;
        return error;
      }
      print_invoice(*note, std::cout);
      return {};
    };
  });
}

}  // namespace

void add_billing_commands(CLI::App& app, Session& session) {
  add_bill_run(app, session);
  add_credit_note_commands(app, session);
  add_debit_note_command(app, session);
  auto order = std::make_shared<std::string>();
  CLI::App* proforma = app.get_subcommand("invoice")->add_subcommand(
      "proforma", "a pro-forma invoice of what an order has not been invoiced for (not posted)");
  proforma->add_option("order", *order, "SO-YYYY-NNNNNN")->required();
  proforma->callback([&session, order] {
    session.action = [&session, order]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(ProformaInvoice proforma, app::issue_proforma(context, *order));
      std::cout << proforma.number << "  PRO FORMA — not a tax invoice  order "
                << proforma.order_number << "  customer " << proforma.customer_number
                << "\n  issued " << format_date(proforma.issue_date) << ", valid until "
                << format_date(proforma.valid_until) << "\n";
      print_invoice_lines(proforma.lines, std::cout);
      std::cout << "  net " << format_grouped(proforma.net_total) << "  tax "
                << format_grouped(proforma.tax_total) << "  total "
                << format_grouped(proforma.gross_total) << " " << proforma.currency.text() << "\n";
      return {};
    };
  });
}

}  // namespace o2c::cli
