// o2c config order-rules|approvals|show — the rules orders must meet and who approves what;
// o2c approvals list|approve|reject — the approval queue.
#include <iostream>

#include "cli/session.h"

namespace o2c::cli {
namespace {

// A TOML basic string: quotes and backslashes escaped (chart texts have no control characters
// that matter here; other bytes pass as they are).
std::string toml_string(std::string_view text) {
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

void add_config_commands(CLI::App& app, Session& session) {
  CLI::App* config =
      app.add_subcommand("config", "order rules, approvals, price rules, chart of accounts (TOML)");
  config->require_subcommand(1);
  struct Choice {
    const char* name;
    const char* help;
    Status (*store)(app::Context&, std::string_view, std::string_view);
  };
  static constexpr Choice kChoices[] = {
      {"order-rules", "set the rules every order must meet (see orders.h for the format)",
       &app::set_order_rules},
      {"approvals", "set who must approve which orders", &app::set_approval_policy},
      {"price-rules",
       "set the pricing engine's rules: price lists, contracts, promotions, coupons, tax "
       "(format: src/pricing/parse_price_rules.cc)",
       &app::set_price_rules},
      {"accounts",
       "set the chart of accounts: each posting role's code, name and type (format: "
       "src/ledger/ledger.h)",
       &app::set_chart}};
  for (const Choice& choice : kChoices) {
    auto file = std::make_shared<std::string>();
    auto clear = std::make_shared<bool>(false);
    CLI::App* command = config->add_subcommand(choice.name, choice.help);
    command->add_option("file", *file, "TOML file");
    command->add_flag("--clear", *clear, "remove them");
    command->callback([&session, file, clear, choice] {
      session.action = [&session, file, clear, choice]() -> Status {
        if (file->empty() == !*clear)
          return invalid_argument("file_or_clear", "give a TOML file or --clear, not both", "file");
        std::string text;
        if (!*clear) {
          O2C_ASSIGN_OR_RETURN(text, read_text_file(*file, "file"));
        }
        O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
        app::Context context = session.context(*store);
        O2C_RETURN_IF_ERROR(choice.store(context, text, *file));
        std::cout << choice.name << (*clear ? " cleared" : " set from " + *file) << "\n";
        return {};
      };
    });
  }
  CLI::App* show =
      config->add_subcommand("show", "print the order rules, approval policy and price rules");
  show->callback([&session] {
    session.action = [&session]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
      O2C_ASSIGN_OR_RETURN(app::OrderPolicy policy, app::load_order_policy(*reader));
      std::cout << "# order rules\n"
                << (policy.rules_text.empty() ? "# (none)\n" : policy.rules_text)
                << "\n# approvals\n"
                << (policy.approvals_text.empty() ? "# (none)\n" : policy.approvals_text)
                << "\n# price rules";
      if (policy.prices) std::cout << " (" << policy.prices->rule_count() << " rules)";
      std::cout << "\n"
                << (policy.price_rules_text.empty() ? "# (none)\n" : policy.price_rules_text);
      // The chart in force as TOML that `config accounts` takes back: a template to edit.
      O2C_ASSIGN_OR_RETURN(Chart chart, app::load_chart(*reader));
      std::cout << "\n# chart of accounts\n";
      for (const ChartAccount& account : chart.accounts) {
        std::cout << "[[accounts]]\ncode = " << account.code
                  << "\nname = " << toml_string(account.name) << "\ntype = \""
                  << wire_name(account.type) << "\"\n";
        if (account.role) std::cout << "role = \"" << wire_name(*account.role) << "\"\n";
        std::cout << "ledger_name = " << toml_string(account.ledger_name) << "\n";
      }
      O2C_ASSIGN_OR_RETURN(std::optional<Seller> company, app::load_company(*reader));
      std::cout << "\n# company (o2c config company)\n";
      if (!company) std::cout << "# (none)\n";
      if (company) {
        const std::pair<const char*, const std::string*> fields[] = {
            {"name", &company->name},       {"street", &company->street},
            {"city", &company->city},       {"postal_code", &company->postal_code},
            {"country", &company->country}, {"vat_id", &company->vat_id},
            {"iban", &company->iban},       {"bic", &company->bic},
            {"email", &company->email},     {"phone", &company->phone}};
        for (const auto& [key, value] : fields)
          if (!value->empty()) std::cout << key << " = " << *value << "\n";
      }
      return {};
    };
  });
}

struct DecisionOptions {
  std::string number;
  int level = 0;
  std::string role;
  std::string comment;
};

void add_decision(CLI::App& approvals, Session& session, bool approve) {
  auto options = std::make_shared<DecisionOptions>();
  CLI::App* command = approvals.add_subcommand(
      approve ? "approve" : "reject",
      approve ? "approve an order's next level" : "reject an order at its next level");
  command->add_option("order", options->number, "SO-YYYY-NNNNNN")->required();
  command->add_option("--level", options->level, "the level to decide (see approvals list)")
      ->required();
  command->add_option("--as", options->role, "the role you decide in, e.g. sales_manager")
      ->required();
  command->add_option(approve ? "--comment" : "--reason", options->comment,
                      approve ? "why (optional)" : "why (required)");
  command->callback([&session, options, approve] {
    session.action = [&session, options, approve]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      const ApprovalAction action{
          options->level, options->role, context.actor, options->comment, {}};
      O2C_ASSIGN_OR_RETURN(Order order,
                           approve ? app::approve_order(context, options->number, action)
                                   : app::reject_order_approval(context, options->number, action));
      print_order(order, std::cout);
      return {};
    };
  });
}

void add_queue_command(CLI::App& approvals, Session& session) {
  auto role = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("table");
  CLI::App* list = approvals.add_subcommand("list", "orders waiting for an approval");
  list->add_option("--role", *role, "only levels this role decides");
  add_format_option(*list, *format);
  list->callback([&session, role, format] {
    session.action = [&session, role, format]() -> Status {
      O2C_ASSIGN_OR_RETURN(Format chosen, parse_format(*format));
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
      O2C_ASSIGN_OR_RETURN(
          std::vector<app::PendingApproval> queue,
          app::approval_queue(*reader, role->empty() ? std::nullopt : std::optional(*role)));
      Table table{{{"order"},
                   {"date"},
                   {"customer"},
                   {"net", Align::kRight},
                   {"currency"},
                   {"level", Align::kRight},
                   {"role"},
                   {"why"}},
                  {}};
      for (const app::PendingApproval& pending : queue) {
        const Order& order = pending.order;
        table.rows.push_back({order.number, format_date(order.order_date), order.customer_number,
                              format_grouped(order.net_total), std::string(order.currency.text()),
                              std::to_string(pending.next.level), pending.next.role,
                              pending.next.why});
      }
      render(table, chosen, std::cout);
      return {};
    };
  });
}

}  // namespace

void add_approval_commands(CLI::App& app, Session& session) {
  add_config_commands(app, session);
  CLI::App* approvals = app.add_subcommand("approvals", "the approval queue");
  approvals->require_subcommand(1);
  add_queue_command(*approvals, session);
  add_decision(*approvals, session, /*approve=*/true);
  add_decision(*approvals, session, /*approve=*/false);
}

}  // namespace o2c::cli
