// session.h — what every o2c command shares: the global options, opening the database,
// the clock (wall time, or --date for back-dated entry), and turning command-line text into
// typed values with errors that name the option at fault.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "app/app.h"
#include "cli/table.h"

namespace o2c::cli {

struct Session {
  std::string db = "o2c.db";
  std::string actor;
  std::string date;  // business date override, YYYY-MM-DD
  // Set by the chosen subcommand; main() runs it after parsing.
  std::function<Status()> action;

  SystemClock system_clock;
  std::optional<SettableClock> fixed_clock;

  Status prepare_clock();
  const Clock& clock() const;
  Result<std::unique_ptr<Store>> open() const { return app::open_database(db); }
  app::Context context(Store& store) const { return app::Context{store, clock(), actor}; }
};

Result<Format> parse_format(const std::string& text);
Result<Quantity> parse_quantity_option(const std::string& text, const std::string& option);
Result<Money> parse_money_option(const std::string& text, Currency currency,
                                 const std::string& option);
// "19.99 EUR" → money.
Result<Money> parse_price_option(const std::string& text, const std::string& option);
// The error, naming `where` (an option) as the place at fault.
Error at(Error error, std::string where);
// A use case's carrier / tracking_number error, naming --carrier / --tracking instead.
Error at_tracking_options(Error error);
// "SKU:QTY[:DISCOUNT%]" → a line request; errors name `where` ("--line 2").
Result<OrderLineRequest> parse_line_option(const std::string& text, const std::string& where);
// The whole of a text file the user named, or an error naming the file and the option.
Result<std::string> read_text_file(const std::string& path, const std::string& option);
// Adds the standard --format option (table|csv).
void add_format_option(CLI::App& command, std::string& format);

void add_master_data_commands(CLI::App& app, Session& session);
// o2c stock expect|atp and o2c allocate; after add_master_data_commands (it adds to `stock`).
void add_inventory_commands(CLI::App& app, Session& session);
void add_order_commands(CLI::App& app, Session& session);
void add_report_commands(CLI::App& app, Session& session);
// o2c period close|reopen|list and o2c ledger export.
void add_book_commands(CLI::App& app, Session& session);
void add_approval_commands(CLI::App& app, Session& session);
// o2c price explain.
void add_price_commands(CLI::App& app, Session& session);
// o2c order amend|cancel|hold|unhold, under the `order` command.
void add_amendment_commands(CLI::App& order, Session& session);
// o2c fx set|list|import and o2c cash apply.
void add_fx_commands(CLI::App& app, Session& session);
void add_demo_command(CLI::App& app, Session& session);
void add_bench_command(CLI::App& app, Session& session);
void add_demo_and_bench_commands(CLI::App& app, Session& session);

// Prints results of a batch use case; returns the first error (after printing all).
Status first_error(const std::vector<Error>& errors);
void print_order(const Order& order, std::ostream& out);
void print_invoice(const Invoice& invoice, std::ostream& out);
void print_invoice_lines(const std::vector<InvoiceLine>& lines, std::ostream& out);
// o2c bill run, credit-note …, debit-note create, invoice proforma (after add_order_commands).
void add_billing_commands(CLI::App& app, Session& session);
// The invoice's tax per VAT category and rate (billing.h tax_summary), as a table.
void print_tax_summary(const Invoice& invoice, BuyerTaxStatus buyer, std::ostream& out);
// o2c config company, o2c invoice pdf|ubl (after add_order_commands and add_approval_commands).
void add_invoice_document_commands(CLI::App& app, Session& session);
// o2c shipment …, o2c return …, o2c stock reorder-point (after add_master_data_commands).
void add_fulfilment_commands(CLI::App& app, Session& session);
// o2c config mail, invoice send, mail list|deliver (after the config and invoice commands).
void add_mail_commands(CLI::App& app, Session& session);
// o2c plan, meter, subscription, usage, ledger recognise (after the commands that add `ledger`).
void add_recurring_commands(CLI::App& app, Session& session);
// o2c customer group|set-group, credit …, config credit_scoring (after the customer and config
// commands).
void add_credit_commands(CLI::App& app, Session& session);
// o2c payment …, customer balance, config card-gateway|creditor, directdebit … (after the
// customer and config commands).
void add_payment_commands(CLI::App& app, Session& session);
// `o2c pay --card-token`: charges through the configured gateway (payment_commands.cc).
Status pay_by_card(Session& session, Store& store, const app::PaymentRequest& request,
                   const std::string& card_token);
// o2c dispute …, writeoff …, promise …, config dispute_routing|writeoff_limit (after
// add_approval_commands, which adds `config`).
void add_dispute_commands_all(CLI::App& app, Session& session);
// o2c config dunning|aging-buckets, dunning, collector, report collectors|collections.
void add_collections_commands(CLI::App& app, Session& session);
// o2c cash import|statements|lines|review and customer bank-account (after add_fx_commands,
// which adds `cash`, and add_master_data_commands, which adds `customer`).
void add_bank_commands(CLI::App& app, Session& session);

}  // namespace o2c::cli
