// o2c — the command line of the order-to-cash engine. Commands parse their options, call one
// app/ use case, and render the result; an error prints one line saying what is wrong and
// where, and exits non-zero without having changed anything.
#include <cstdlib>
#include <iostream>
#include <unistd.h>

#include "cli/session.h"

namespace {

std::string default_actor() {
  const char* user = std::getenv("USER");
  return std::string("cli:") + (user != nullptr && *user != '\0' ? user : "unknown");
}

}  // namespace

int main(int argc, char** argv) {
  o2c::cli::Session session;
  session.actor = default_actor();
  CLI::App app{"o2c — order-to-cash: orders, shipments, invoices, payments and the books"};
  app.require_subcommand(1);
  app.fallthrough();
  app.add_option("--db", session.db, "SQLite database file")->capture_default_str();
  app.add_option("--actor", session.actor, "who is acting, recorded in the journal");
  app.add_option("--date", session.date, "business date YYYY-MM-DD (default: today)");
  o2c::cli::add_master_data_commands(app, session);
  o2c::cli::add_order_commands(app, session);
  o2c::cli::add_fulfilment_commands(app, session);
  o2c::cli::add_billing_commands(app, session);
  o2c::cli::add_report_commands(app, session);
  o2c::cli::add_book_commands(app, session);
  o2c::cli::add_approval_commands(app, session);
  o2c::cli::add_price_commands(app, session);
  o2c::cli::add_fx_commands(app, session);
  o2c::cli::add_mail_commands(app, session);
  o2c::cli::add_invoice_document_commands(app, session);
  o2c::cli::add_demo_and_bench_commands(app, session);
  o2c::cli::add_recurring_commands(app, session);
  o2c::cli::add_credit_commands(app, session);
  o2c::cli::add_payment_commands(app, session);
  o2c::cli::add_dispute_commands_all(app, session);
  o2c::cli::add_collections_commands(app, session);
  o2c::cli::add_bank_commands(app, session);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::ParseError& error) {
    std::string message = error.what();
    // CLI11 checks for a missing subcommand before it reports words it did not expect, so
    // `o2c frobnicate` would say "A subcommand is required": name the unknown word instead.
    const std::vector<std::string> rest = app.remaining(true);
    if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr &&
        message == "A subcommand is required" && !rest.empty())
      message = "unknown command '" + rest.front() + "'";
    std::cerr << "o2c: error: " << message << " (see o2c --help)\n";
    return 1;
  }
  o2c::Status status = session.prepare_clock();
  if (status && session.action) status = session.action();
  if (!status) {
    std::cerr << "o2c: error: " << o2c::describe(status.error()) << "\n";
    return o2c::exit_code(status.error().kind);
  }
  return 0;
}
