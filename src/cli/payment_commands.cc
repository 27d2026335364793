// o2c payment show|refund|reverse, o2c customer balance, o2c config card-gateway|creditor,
// o2c directdebit mandate add|revoke|list and o2c directdebit collect; `o2c pay --card-token`
// comes here through pay_by_card.
#include <fstream>
#include <iostream>

#include "cli/session.h"

namespace o2c::cli {
namespace {

// The payment's own currency for --amount.
Result<Money> payment_amount(Store& store, const std::string& number, const std::string& text) {
  O2C_ASSIGN_OR_RETURN(app::PaymentDetails details, app::payment_details(store, number));
  return parse_money_option(text, details.record.payment.amount.currency, "--amount");
}

// The configured gateway, or none when there is no configuration (card refunds then fail).
std::unique_ptr<CardGateway> configured_gateway(Store& store) {
  Result<std::unique_ptr<StoreReader>> reader = store.reader();
  if (!reader) return nullptr;
  Result<std::unique_ptr<CardGateway>> gateway = app::load_card_gateway(**reader);
  return gateway ? std::move(*gateway) : nullptr;
}

void print_payment(const app::PaymentDetails& details, std::ostream& out) {
  const PaymentRecord& record = details.record;
  const Payment& payment = record.payment;
  out << payment.number << "  " << payment.customer_number << "  " << format_money(payment.amount)
      << "  " << wire_name(payment.method) << "  received " << format_date(payment.received_on)
      << "  reference " << payment.reference << "\n  status " << wire_name(record.status);
  if (record.reversed_on)
    out << " on " << format_date(*record.reversed_on) << " (" << record.reversal_reason << ")";
  out << "  unapplied " << format_money(payment.unapplied) << "  refunded "
      << format_money(record.refunded) << "\n";
  if (record.card)
    out << "  card " << record.card->brand << " ending " << record.card->last4 << " via "
        << record.card->gateway << " charge " << record.card->charge_id << "\n";
  for (const AppliedAmount& applied : details.applications)
    out << "  applied " << format_money(applied.amount) << " to " << applied.invoice_number
        << " on " << format_date(applied.applied_on) << "\n";
  for (const PaymentRefund& refund : details.refunds)
    out << "  refund " << refund.number << " " << format_money(refund.amount) << " on "
        << format_date(refund.refunded_on) << ": " << refund.reason << "\n";
}

void add_payment_show(CLI::App& payment, Session& session) {
  auto number = std::make_shared<std::string>();
  CLI::App* show = payment.add_subcommand("show", "a payment: status, applications, refunds");
  show->add_option("number", *number, "PAY-YYYY-NNNNNN")->required();
  show->callback([&session, number] {
    session.action = [&session, number]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(app::PaymentDetails details, app::payment_details(*store, *number));
      print_payment(details, std::cout);
      return {};
    };
  });
}

struct RefundOptions {
  std::string number, amount, reason;
};

void add_payment_refund(CLI::App& payment, Session& session) {
  auto options = std::make_shared<RefundOptions>();
  CLI::App* refund = payment.add_subcommand(
      "refund", "pay back unapplied cash of a payment (card payments through the gateway)");
  refund->add_option("number", options->number, "PAY-YYYY-NNNNNN")->required();
  refund->add_option("--amount", options->amount, "at most what is unapplied")->required();
  refund->add_option("--reason", options->reason, "why the money goes back")->required();
  refund->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(Money amount, payment_amount(*store, options->number, options->amount));
      std::unique_ptr<CardGateway> gateway = configured_gateway(*store);
      app::Context context = session.context(*store);
      Result<PaymentRefund> refunded =
          app::refund_payment(context, gateway.get(), {options->number, amount, options->reason});
      if (!refunded) {
        Error error = std::move(refunded).error();
        if (error.where == "amount" || error.where == "reason") error.where = "--" + error.where;
        return error;
      }
      std::cout << "refund " << refunded->number << " of " << format_money(refunded->amount)
                << " from " << options->number;
      if (!refunded->gateway_reference.empty())
        std::cout << " (card refund " << refunded->gateway_reference << ")";
      std::cout << "\n";
      return {};
    };
  });
}

void add_payment_reverse(CLI::App& payment, Session& session) {
  auto options = std::make_shared<RefundOptions>();
  CLI::App* reverse = payment.add_subcommand(
      "reverse", "the bank took a payment back: reopen its invoices and reverse its postings");
  reverse->add_option("number", options->number, "PAY-YYYY-NNNNNN")->required();
  reverse
      ->add_option("--reason", options->reason,
                   "bounced_cheque, chargeback, direct_debit_return or bank_error")
      ->required();
  reverse->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      Result<ReversalReason> reason = reversal_reason_from_wire(options->reason);
      if (!reason) return at(std::move(reason).error(), "--reason");
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(app::PaymentReversalOutcome outcome,
                           app::reverse_payment(context, {options->number, *reason}));
      std::cout << "payment " << outcome.payment.payment.number << " reversed (" << options->reason
                << ")\n";
      for (const app::ReopenedInvoice& reopened : outcome.reopened) {
        std::cout << "  reopened " << reopened.invoice_number << " by "
                  << format_money(reopened.amount);
        if (reopened.discount.minor > 0)
          std::cout << " and discount " << format_money(reopened.discount);
        std::cout << ", now " << wire_name(reopened.state) << "\n";
      }
      std::cout << "  unapplied cash reversed " << format_money(outcome.unapplied_reversed) << "\n";
      return {};
    };
  });
}

void add_customer_balance(CLI::App& app, Session& session) {
  auto number = std::make_shared<std::string>();
  CLI::App* balance =
      app.get_subcommand("customer")
          ->add_subcommand(
              "balance",
              "what a customer owes and holds: receivables, unapplied cash, unused credit");
  balance->add_option("number", *number, "customer number")->required();
  balance->callback([&session, number] {
    session.action = [&session, number]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      Result<app::CustomerCreditBalance> found = app::customer_credit_balance(*store, *number);
      if (!found) return at(std::move(found).error(), "number");
      const app::CustomerCreditBalance& b = *found;
      Table table{{{"customer"}, {"what"}, {"amount", Align::kRight}, {"cur"}}, {}};
      const std::string currency(b.customer.currency.text());
      const std::pair<const char*, Money> rows[] = {{"receivables", b.receivables},
                                                    {"unapplied cash", b.unapplied_cash},
                                                    {"unused credit notes", b.unused_credit},
                                                    {"net balance", b.net_balance}};
      for (const auto& [what, amount] : rows)
        table.rows.push_back({b.customer.number, what, format_grouped(amount), currency});
      table.body_rows = 3;
      render(table, Format::kTable, std::cout);
      return {};
    };
  });
}

void add_config_commands(CLI::App& app, Session& session) {
  CLI::App* config = app.get_subcommand("config");
  auto gateway = std::make_shared<std::string>();
  CLI::App* card = config->add_subcommand("card-gateway", "the card gateway to charge (sandbox)");
  card->add_option("name", *gateway, "sandbox")->required();
  card->callback([&session, gateway] {
    session.action = [&session, gateway]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      Status set = app::set_card_gateway(context, *gateway);
      if (!set) return at(std::move(set).error(), "name");
      std::cout << "card gateway: " << *gateway << "\n";
      return {};
    };
  });
  auto creditor = std::make_shared<Creditor>();
  CLI::App* sepa = config->add_subcommand("creditor", "the company as SEPA direct debit creditor");
  sepa->add_option("--name", creditor->name, "creditor name")->required();
  sepa->add_option("--iban", creditor->iban, "the account collected into")->required();
  sepa->add_option("--bic", creditor->bic, "its bank's BIC")->required();
  sepa->add_option("--creditor-id", creditor->creditor_id, "SEPA creditor identifier")->required();
  sepa->callback([&session, creditor] {
    session.action = [&session, creditor]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      Result<Creditor> set = app::set_creditor(context, *creditor);
      if (!set) {
        Error error = std::move(set).error();
        if (error.where == "creditor.creditor_id")
          error.where = "--creditor-id";
        else if (error.where.starts_with("creditor."))
          error.where = "--" + error.where.substr(9);
        return error;
      }
      std::cout << "creditor " << set->name << " " << set->creditor_id << " IBAN " << set->iban
                << " BIC " << set->bic << "\n";
      return {};
    };
  });
}

struct MandateOptions {
  std::string customer, mandate_id, iban, bic, signed_on;
};

// The use case's field names as the options that gave them.
Error at_mandate_option(Error error) {
  if (error.where == "mandate_id") error.where = "--mandate-id";
  if (error.where == "iban" || error.where == "bic") error.where = "--" + error.where;
  if (error.where == "signed") error.where = "--signed";
  return error;
}

void add_mandate_add(CLI::App& mandate, Session& session) {
  auto options = std::make_shared<MandateOptions>();
  CLI::App* add = mandate.add_subcommand("add", "a customer's signed SEPA Core mandate");
  add->add_option("customer", options->customer, "customer number")->required();
  add->add_option("--mandate-id", options->mandate_id, "unique mandate reference")->required();
  add->add_option("--iban", options->iban, "the debtor's IBAN")->required();
  add->add_option("--bic", options->bic, "the debtor's bank BIC")->required();
  add->add_option("--signed", options->signed_on, "date of signature YYYY-MM-DD")->required();
  add->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      Result<Date> signed_on = parse_date(options->signed_on);
      if (!signed_on) return at(std::move(signed_on).error(), "--signed");
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      Result<Mandate> added = app::add_mandate(context, {options->customer, options->mandate_id,
                                                         options->iban, options->bic, *signed_on});
      if (!added) return at_mandate_option(std::move(added).error());
      std::cout << "mandate " << added->mandate_id << " of " << added->customer_number << " IBAN "
                << added->iban << " signed " << format_date(added->signed_on) << "\n";
      return {};
    };
  });
}

void add_mandate_revoke_and_list(CLI::App& mandate, Session& session) {
  auto id = std::make_shared<std::string>();
  CLI::App* revoke = mandate.add_subcommand("revoke", "no more collections under a mandate");
  revoke->add_option("mandate-id", *id, "mandate reference")->required();
  revoke->callback([&session, id] {
    session.action = [&session, id]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(Mandate revoked, app::revoke_mandate(context, *id));
      std::cout << "mandate " << revoked.mandate_id << " revoked on "
                << format_date(*revoked.revoked_on) << "\n";
      return {};
    };
  });
  auto customer = std::make_shared<std::string>();
  CLI::App* list = mandate.add_subcommand("list", "mandates by customer");
  list->add_option("--customer", *customer, "only this customer's");
  list->callback([&session, customer] {
    session.action = [&session, customer]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      std::optional<std::string> only;
      if (!customer->empty()) only = *customer;
      Result<std::vector<Mandate>> mandates = app::list_mandates(*store, only);
      if (!mandates) return at(std::move(mandates).error(), "--customer");
      Table table{{{"mandate"},
                   {"customer"},
                   {"iban"},
                   {"bic"},
                   {"signed"},
                   {"status"},
                   {"collections", Align::kRight}},
                  {}};
      for (const Mandate& m : *mandates)
        table.rows.push_back({m.mandate_id, m.customer_number, m.iban, m.bic,
                              format_date(m.signed_on), std::string(wire_name(m.status)),
                              std::to_string(m.collections)});
      render(table, Format::kTable, std::cout);
      return {};
    };
  });
}

struct CollectOptions {
  std::string date, out;
};

Status write_file(const std::string& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) return unavailable("file_not_written", "could not write '" + path + "'", "--out");
  return {};
}

void add_collect(CLI::App& directdebit, Session& session) {
  auto options = std::make_shared<CollectOptions>();
  CLI::App* collect = directdebit.add_subcommand(
      "collect", "collect open invoices due by --date under active mandates (pain.008 file)");
  collect->add_option("--date", options->date, "collection date YYYY-MM-DD")->required();
  collect->add_option("--out", options->out, "where to write the pain.008 file");
  collect->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      Result<Date> date = parse_date(options->date);
      if (!date) return at(std::move(date).error(), "--date");
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(app::DirectDebitRun run, app::collect_direct_debits(context, *date));
      if (run.collected.empty()) {
        std::cout << "nothing to collect by " << format_date(*date) << "\n";
        return {};
      }
      for (const app::DirectDebitCollection& c : run.collected)
        std::cout << "  " << wire_name(c.sequence_type) << " " << c.invoice_number << " "
                  << c.customer_number << " " << format_money(c.amount) << " mandate "
                  << c.mandate_id << " -> " << c.payment_number << "\n";
      std::cout << run.batch_number << ": " << run.collected.size() << " collections, "
                << format_money(run.control_sum) << " on " << format_date(*date) << "\n";
      if (options->out.empty()) {
        std::cout << run.pain008;
        return {};
      }
      return write_file(options->out, run.pain008);
    };
  });
}

}  // namespace

Status pay_by_card(Session& session, Store& store, const app::PaymentRequest& request,
                   const std::string& card_token) {
  std::unique_ptr<CardGateway> gateway;
  {
    O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store.reader());
    O2C_ASSIGN_OR_RETURN(gateway, app::load_card_gateway(*reader));
  }
  app::Context context = session.context(store);
  Result<app::CardPaymentOutcome> paid =
      app::record_card_payment(context, *gateway, {request, card_token});
  if (!paid) {
    Error error = std::move(paid).error();
    if (error.where == "card_token") error.where = "--card-token";
    return error;
  }
  const app::PaymentOutcome& outcome = paid->recorded;
  std::cout << "payment " << outcome.payment.number << " of "
            << format_money(outcome.payment.amount) << " from " << outcome.payment.customer_number
            << " by " << paid->card.brand << " ending " << paid->card.last4 << " (charge "
            << paid->card.charge_id << ")\n";
  for (const Application& application : outcome.applications)
    std::cout << "  applied " << format_money(application.amount) << " to "
              << application.invoice_number << "\n";
  std::cout << "  unapplied " << format_money(outcome.payment.unapplied) << "\n";
  return {};
}

void add_payment_commands(CLI::App& app, Session& session) {
  CLI::App* payment = app.add_subcommand("payment", "payments: show, refund, reverse");
  payment->require_subcommand(1);
  add_payment_show(*payment, session);
  add_payment_refund(*payment, session);
  add_payment_reverse(*payment, session);
  add_customer_balance(app, session);
  add_config_commands(app, session);
  CLI::App* directdebit =
      app.add_subcommand("directdebit", "SEPA direct debit: mandates and collections");
  directdebit->require_subcommand(1);
  CLI::App* mandate = directdebit->add_subcommand("mandate", "mandates: add, revoke, list");
  mandate->require_subcommand(1);
  add_mandate_add(*mandate, session);
  add_mandate_revoke_and_list(*mandate, session);
  add_collect(*directdebit, session);
}

}  // namespace o2c::cli
