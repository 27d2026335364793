// o2c cash import|statements|lines|review … and o2c customer bank-account add — bank
// statement files and the cash application worklist.
#include <iostream>
#include <memory>

#include "cli/progress.h"
#include "cli/session.h"

namespace o2c::cli {
namespace {

std::string money_text(std::int64_t minor, Currency currency) {
  return format_grouped(Money{minor, currency});
}

std::string balance_text(const std::optional<Money>& balance) {
  return balance ? format_grouped(*balance) : "-";
}

void print_import(const app::BankImportOutcome& outcome, std::ostream& out) {
  if (outcome.already_imported) out << "already imported: nothing changed\n";
  Table table{{{"statement"},
               {"format"},
               {"account"},
               {"date"},
               {"lines", Align::kRight},
               {"applied", Align::kRight},
               {"review", Align::kRight},
               {"ignored", Align::kRight},
               {"currency"},
               {"note"}},
              {}};
  for (const app::ImportedStatement& imported : outcome.statements) {
    const StoredStatement& statement = imported.statement;
    auto cell = [&](const app::LineTally& tally) {
      return std::to_string(tally.count) + " / " + money_text(tally.minor, statement.currency);
    };
    app::LineTally review = imported.review;
    review.count += imported.unmatched.count;
    review.minor += imported.unmatched.minor;
    table.rows.push_back({statement.number, std::string(wire_name(statement.format)),
                          statement.account, format_date(statement.statement_date),
                          std::to_string(statement.line_count), cell(imported.applied),
                          cell(review), cell(imported.ignored),
                          std::string(statement.currency.text()),
                          imported.already_imported ? "already imported" : "imported"});
  }
  render(table, Format::kTable, out);
}

void add_import(CLI::App& cash, Session& session) {
  struct Options {
    std::string file;
    bool no_total_checks = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* import = cash.add_subcommand(
      "import",
      "import a camt.053, camt.054 or BAI2 statement file and apply what matches; the same "
      "statement twice changes nothing, a bad file is refused whole");
  import->add_option("FILE", options->file, "the statement file")->required();
  import->add_flag("--no-total-checks", options->no_total_checks,
                   "read a file whose balances or trailer totals do not add up");
  import->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::string text, read_text_file(options->file, "FILE"));
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
  app::Context context = session.context(*store);
  ProgressBar bar("statement lines");
  app::BankImportRequest request{std::move(text), options->file, !options->no_total_checks,
                                 [&bar](std::size_t done, std::size_t total) {
                                   bar.update(static_cast<std::int64_t>(done),
                                              static_cast<std::int64_t>(total));
                                 }};
  Result<app::BankImportOutcome> outcome = app::import_bank_statement(context, request);
  bar.finish();
  if (!outcome) return outcome.error();
  print_import(*outcome, std::cout);
  return {};
};
}  // namespace
);
}  // namespace o2c::cli

void add_statements(CLI::App& cash, Session& session) {
  CLI::App* statements = cash.add_subcommand("statements", "imported statements, newest first");
  statements->callback([&session] {
    session.action = [&session]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
      O2C_ASSIGN_OR_RETURN(std::vector<StoredStatement> rows, reader->list_statements(1000));
      Table table{{{"id", Align::kRight},
                   {"statement"},
                   {"format"},
                   {"account"},
                   {"date"},
                   {"opening", Align::kRight},
                   {"closing", Align::kRight},
                   {"currency"},
                   {"lines", Align::kRight},
                   {"file"}},
                  {}};
      for (const StoredStatement& s : rows) {
        table.rows.push_back({std::to_string(s.id), s.number, std::string(wire_name(s.format)),
                              s.account, format_date(s.statement_date),
                              balance_text(s.opening_balance), balance_text(s.closing_balance),
                              std::string(s.currency.text()), std::to_string(s.line_count),
                              s.file_name});
      }
      render(table, Format::kTable, std::cout);
      return {};
    };
  });
}

std::string shorten(const std::string& text, std::size_t width) {
  return text.size() <= width ? text : text.substr(0, width - 1) + "~";
}

Table line_table(const std::vector<StatementLine>& lines) {
  Table table{{{"line", Align::kRight},
               {"statement"},
               {"no", Align::kRight},
               {"value date"},
               {"dir"},
               {"amount", Align::kRight},
               {"cur"},
               {"payer"},
               {"reference"},
               {"status"},
               {"payment"}},
              {}};
  for (const StatementLine& line : lines) {
    const StatementEntry& e = line.entry;
    std::string reference = e.structured_reference.empty() ? e.remittance : e.structured_reference;
    table.rows.push_back({std::to_string(line.id), line.statement_number,
                          std::to_string(line.line_no), format_date(e.value_date),
                          std::string(wire_name(e.direction)), format_grouped(e.amount),
                          std::string(e.amount.currency.text()),
                          shorten(e.payer_name.empty() ? e.payer_account : e.payer_name, 24),
                          shorten(reference, 32), std::string(wire_name(line.status)),
                          line.payment_number.empty() ? line.note : line.payment_number});
  }
  return table;
}

void add_lines(CLI::App& cash, Session& session) {
  struct Options {
    std::int64_t statement = 0;
    std::string status;
  };
  auto options = std::make_shared<Options>();
  CLI::App* lines = cash.add_subcommand("lines", "statement lines and where they stand");
  lines->add_option("--statement", options->statement, "only this statement (its id)");
  lines->add_option("--status", options->status, "unmatched, applied, review or ignored");
  lines->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      StatementLineFilter filter;
      filter.limit = 100'000;
      if (options->statement > 0) filter.statement = options->statement;
      if (!options->status.empty()) {
        auto status = statement_line_status_from_wire(options->status);
        if (!status) return at(status.error(), "--status");
        filter.status = *status;
      }
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
      O2C_ASSIGN_OR_RETURN(std::vector<StatementLine> rows, reader->list_statement_lines(filter));
      render(line_table(rows), Format::kTable, std::cout);
      return {};
    };
  });
}

void print_suggestion(const LineSuggestion& suggestion, std::ostream& out) {
  out << "    " << suggestion.rank << ". " << suggestion.customer_number << "  confidence "
      << suggestion.confidence << "%  ";
  std::string reasons;
  for (const std::string& reason : suggestion.reasons)
    reasons += (reasons.empty() ? "" : ", ") + reason;
  out << "(" << reasons << ")";
  for (const SuggestedApplication& application : suggestion.applications) {
    out << "  " << application.invoice_number << " " << format_grouped(application.amount);
    if (application.discount.minor > 0) {
      out << " (discount " << format_grouped(application.discount) << ")";
    }
  }
  if (suggestion.shortfall != "none") {
    out << "  short " << format_grouped(suggestion.short_amount) << " by " << suggestion.shortfall;
  }
  if (suggestion.unapplied.minor > 0) {
    out << "  on account " << format_grouped(suggestion.unapplied);
  }
  out << "\n";
}

void print_applied(const app::AppliedLine& applied, std::ostream& out) {
  out << "line " << applied.line.id << " applied: payment " << applied.payment.payment.number << " "
      << format_money(applied.payment.payment.amount) << " from "
      << applied.payment.payment.customer_number;
  for (const Application& application : applied.payment.applications) {
    out << "  " << application.invoice_number << " " << format_grouped(application.amount);
  }
  if (applied.payment.payment.unapplied.minor > 0) {
    out << "  on account " << format_grouped(applied.payment.payment.unapplied);
  }
  out << "\n";
}

void add_review_worklist(CLI::App& review, Session& session) {
  review.callback([&session, &review] {
    if (review.get_subcommands().size() > 0) return;
    session.action = [&session]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(std::vector<app::LineReview> worklist, app::review_worklist(context));
      if (worklist.empty()) std::cout << "nothing waits for review\n";
      for (const app::LineReview& item : worklist) {
        const StatementEntry& e = item.line.entry;
        std::cout << "line " << item.line.id << "  " << item.line.statement_number << "/"
                  << item.line.line_no << "  " << format_date(e.value_date) << "  "
                  << format_money(e.amount) << "  payer '" << e.payer_name << "' "
                  << e.payer_account << "\n    remittance '" << e.remittance << "'";
        if (!e.structured_reference.empty())
          std::cout << "  reference '" << e.structured_reference << "'";
        std::cout << "\n";
        if (item.suggestions.empty()) std::cout << "    no suggestion\n";
        for (const LineSuggestion& suggestion : item.suggestions)
          print_suggestion(suggestion, std::cout);
      }
      return {};
    };
  });
}

void add_review_actions(CLI::App& review, Session& session) {
  struct Options {
    std::int64_t line = 0;
    int candidate = 1;
    std::string customer;
    std::vector<std::string> invoices;
    std::string reason;
  };
  auto options = std::make_shared<Options>();
  CLI::App* accept = review.add_subcommand("accept", "apply a line as one of its suggestions");
  accept->add_option("LINE", options->line, "statement line id")->required();
  accept->add_option("--candidate", options->candidate, "which suggestion (1 = best)")
      ->capture_default_str();
  accept->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(app::AppliedLine applied,
                           app::accept_suggestion(context, options->line, options->candidate));
      print_applied(applied, std::cout);
      return {};
    };
  });
  CLI::App* assign =
      review.add_subcommand("assign", "apply a line to a customer (and invoices) by hand");
  assign->add_option("LINE", options->line, "statement line id")->required();
  assign->add_option("--customer", options->customer, "customer number")->required();
  assign->add_option("--invoice", options->invoices,
                     "invoice to settle (repeatable); default: oldest due first");
  assign->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(
          app::AppliedLine applied,
          app::assign_line(
              context, app::LineAssignment{options->line, options->customer, options->invoices}));
      print_applied(applied, std::cout);
      return {};
    };
  });
  CLI::App* ignore = review.add_subcommand("ignore", "set a line aside, saying why");
  ignore->add_option("LINE", options->line, "statement line id")->required();
  ignore->add_option("--reason", options->reason, "why")->required();
  ignore->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(StatementLine line,
                           app::ignore_line(context, options->line, options->reason));
      std::cout << "line " << line.id << " ignored: " << line.note << "\n";
      return {};
    };
  });
}

void add_bank_account(CLI::App& app, Session& session) {
  struct Options {
    std::string customer;
    std::string account;
  };
  auto options = std::make_shared<Options>();
  CLI::App* bank_account =
      app.get_subcommand("customer")->add_subcommand("bank-account", "accounts customers pay from");
  bank_account->require_subcommand(1);
  CLI::App* add = bank_account->add_subcommand("add", "record an account a customer pays from");
  add->add_option("CUSTOMER", options->customer, "customer number")->required();
  add->add_option("ACCOUNT", options->account, "IBAN or account number")->required();
  add->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(
          CustomerBankAccount added,
          app::add_customer_bank_account(context, options->customer, options->account));
      std::cout << added.customer_number << " pays from " << added.account << "\n";
      return {};
    };
  });
}

}  // namespace

void add_bank_commands(CLI::App& app, Session& session) {
  CLI::App* cash = app.get_subcommand("cash");
  add_import(*cash, session);
  add_statements(*cash, session);
  add_lines(*cash, session);
  CLI::App* review = cash->add_subcommand(
      "review", "the lines waiting for a person, with ranked suggestions; accept, assign, ignore");
  add_review_worklist(*review, session);
  add_review_actions(*review, session);
  add_bank_account(app, session);
}

}  // namespace o2c::cli
