// o2c init | customer add/list | product add/list | tax set | warehouse add | stock receive/list
// (stock expect/atp and allocate: inventory_commands.cc)
#include <iostream>

#include "cli/session.h"

namespace o2c::cli {
namespace {

struct CustomerOptions {
  std::string number, name, currency = "EUR", terms = "NET30", credit_limit = "0", segment = "smb",
                            email, street, city, postal_code, country = "DE", region,
                            preferred_warehouse, billing_policy = "per_shipment", group;
  int tier = kCustomerTierDefault;
  bool tax_exempt = false;
};

Result<Customer> customer_from(const CustomerOptions& options) {
  Customer customer;
  customer.number = options.number;
  customer.name = options.name;
  Result<Currency> currency = currency_from_code(options.currency);
  if (!currency)
    return Error{currency.error().kind, currency.error().reason, currency.error().message,
                 "--currency"};
  customer.currency = *currency;
  Result<PaymentTerms> terms = parse_payment_terms(options.terms);
  if (!terms)
    return Error{terms.error().kind, terms.error().reason, terms.error().message, "--terms"};
  customer.terms = *terms;
  O2C_ASSIGN_OR_RETURN(customer.credit_limit,
                       parse_money_option(options.credit_limit, *currency, "--credit-limit"));
  customer.segment = options.segment;
  customer.email = options.email;
  customer.billing_address = {options.street, options.city, options.postal_code, options.country,
                              options.region};
  customer.tax_exempt = options.tax_exempt;
  customer.shipping_address = customer.billing_address;
  customer.tier = options.tier;
  customer.preferred_warehouse = options.preferred_warehouse;
  Result<BillingPolicy> policy = billing_policy_from_wire(options.billing_policy);
  if (!policy) return at(policy.error(), "--billing-policy");
  customer.billing_policy = *policy;
  return customer;
}

void add_customer_commands(CLI::App& app, Session& session) {
  CLI::App* customer = app.add_subcommand("customer", "customers: add, list");
  customer->require_subcommand(1);
  auto options = std::make_shared<CustomerOptions>();
  CLI::App* add = customer->add_subcommand("add", "add a customer");
  add->add_option("number", options->number, "customer number, e.g. C-0001")->required();
  add->add_option("--name", options->name, "legal name")->required();
  add->add_option("--currency", options->currency, "ISO 4217 currency")->capture_default_str();
  add->add_option("--terms", options->terms,
                  "DUE, NET<days> or EOM<days>; \"2/10 NET30\": 2 % off if paid in 10 days; "
                  "\"NET30 x3\": 3 instalments")
      ->capture_default_str();
  add->add_option("--billing-policy", options->billing_policy,
                  "per_shipment, per_order (when complete) or per_period (o2c bill run)")
      ->capture_default_str();
  add->add_option("--credit-limit", options->credit_limit, "in the customer's currency")
      ->capture_default_str();
  add->add_option("--segment", options->segment)->capture_default_str();
  add->add_option("--email", options->email);
  add->add_option("--street", options->street);
  add->add_option("--city", options->city);
  add->add_option("--postal-code", options->postal_code);
  add->add_option("--country", options->country)->capture_default_str();
  add->add_option("--tier", options->tier,
                  "delivery priority under shortage: 1 (served first) to 9 (last)")
      ->capture_default_str();
  add->add_option("--preferred-warehouse", options->preferred_warehouse,
                  "warehouse code to ship from first");
  add->add_option("--region", options->region,
                  "subdivision of the country for taxes, e.g. CA (ISO 3166-2 without country)");
  add->add_flag("--tax-exempt", options->tax_exempt,
                "the customer pays no tax (applies with price rules)");
  add->add_option("--group", options->group, "customer group (a parent with its own credit limit)");
  add->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(Customer input, customer_from(*options));
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      // An unknown group or one in another currency refuses the customer before it is added.
      if (!options->group.empty())
        O2C_RETURN_IF_ERROR(app::check_customer_group(*store, input, options->group));
      std::vector<Result<Customer>> added = app::add_customers(context, std::span(&input, 1));
      if (!added.front()) return added.front().error();
      if (!options->group.empty()) {
        O2C_RETURN_IF_ERROR(app::set_customer_group(context, input.number, options->group));
        std::cout << "customer " << input.number << " joins group " << options->group << "\n";
      }
      std::cout << "customer " << added.front()->number << " added: " << added.front()->name << ", "
                << added.front()->currency.text() << ", " << added.front()->terms.code
                << ", credit limit " << format_money(added.front()->credit_limit)
                << (added.front()->tax_exempt ? ", tax-exempt" : "") << "\n";
      if (added.front()->tier != kCustomerTierDefault ||
          !added.front()->preferred_warehouse.empty()) {
        std::cout << "  tier " << added.front()->tier;
        if (!added.front()->preferred_warehouse.empty())
          std::cout << ", preferred warehouse " << added.front()->preferred_warehouse;
        std::cout << "\n";
      }
      return {};
    };
  });
  CLI::App* list = customer->add_subcommand("list", "list customers with their exposure");
  auto format = std::make_shared<std::string>("table");
  add_format_option(*list, *format);
  list->callback([&session, format] {
    session.action = [&session, format]() -> Status {
      O2C_ASSIGN_OR_RETURN(Format chosen, parse_format(*format));
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
      O2C_ASSIGN_OR_RETURN(std::vector<Customer> customers, reader->list_customers());
      Table table{{{"number"},
                   {"name"},
                   {"cur"},
                   {"terms"},
                   {"segment"},
                   {"credit limit", Align::kRight},
                   {"receivables", Align::kRight},
                   {"open orders", Align::kRight},
                   {"unapplied", Align::kRight}},
                  {}};
      for (const Customer& customer : customers) {
        O2C_ASSIGN_OR_RETURN(CustomerBalance balance, reader->customer_balance(customer));
        table.rows.push_back(
            {customer.number, customer.name, std::string(customer.currency.text()),
             customer.terms.code, customer.segment, format_grouped(customer.credit_limit),
             format_grouped(balance.open_receivables), format_grouped(balance.open_orders),
             format_grouped(balance.unapplied_cash)});
      }
      render(table, chosen, std::cout);
      return {};
    };
  });
}

struct ProductOptions {
  std::string sku, name, unit = "EA", tax = "standard", cost = "0", category;
  std::vector<std::string> prices;
};

void add_product_commands(CLI::App& app, Session& session) {
  CLI::App* product = app.add_subcommand("product", "products: add, list");
  product->require_subcommand(1);
  auto options = std::make_shared<ProductOptions>();
  CLI::App* add = product->add_subcommand("add", "add a product");
  add->add_option("sku", options->sku, "stock keeping unit, e.g. W-100")->required();
  add->add_option("--name", options->name)->required();
  add->add_option("--price", options->prices, "list price, e.g. '19.99 EUR' (repeatable)")
      ->required();
  add->add_option("--cost", options->cost, "standard cost in the company currency")
      ->capture_default_str();
  add->add_option("--tax", options->tax, "tax category")->capture_default_str();
  add->add_option("--category", options->category,
                  "product category, for promotions by category (e.g. tools)");
  add->add_option("--unit", options->unit, "unit of measure")->capture_default_str();
  add->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      Product input;
      input.sku = options->sku;
      input.name = options->name;
      input.unit = options->unit;
      input.tax_category = options->tax;
      input.category = options->category;
      for (std::size_t i = 0; i < options->prices.size(); ++i) {
        O2C_ASSIGN_OR_RETURN(Money price, parse_price_option(options->prices[i], "--price"));
        input.list_prices.push_back(price);
      }
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
      O2C_ASSIGN_OR_RETURN(std::string company, reader->company_currency());
      O2C_ASSIGN_OR_RETURN(Currency company_currency, currency_from_code(company));
      O2C_ASSIGN_OR_RETURN(input.standard_cost,
                           parse_money_option(options->cost, company_currency, "--cost"));
      app::Context context = session.context(*store);
      std::vector<Result<Product>> added = app::add_products(context, std::span(&input, 1));
      if (!added.front()) return added.front().error();
      std::cout << "product " << added.front()->sku << " added\n";
      return {};
    };
  });
  CLI::App* list = product->add_subcommand("list", "list products and prices");
  auto format = std::make_shared<std::string>("table");
  add_format_option(*list, *format);
  list->callback([&session, format] {
    session.action = [&session, format]() -> Status {
      O2C_ASSIGN_OR_RETURN(Format chosen, parse_format(*format));
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
      O2C_ASSIGN_OR_RETURN(std::vector<Product> products, reader->list_products());
      Table table{{{"sku"},
                   {"name"},
                   {"unit"},
                   {"tax"},
                   {"category"},
                   {"list prices"},
                   {"cost", Align::kRight}},
                  {}};
      for (const Product& product : products) {
        std::string prices;
        for (const Money& price : product.list_prices)
          prices += (prices.empty() ? "" : ", ") + format_money(price);
        table.rows.push_back({product.sku, product.name, product.unit, product.tax_category,
                              product.category, prices, format_money(product.standard_cost)});
      }
      render(table, chosen, std::cout);
      return {};
    };
  });
}

void add_stock_commands(CLI::App& app, Session& session) {
  CLI::App* tax = app.add_subcommand("tax", "tax rates per tax category");
  tax->require_subcommand(1);
  auto tax_options = std::make_shared<std::pair<std::string, std::string>>();
  CLI::App* set = tax->add_subcommand("set", "set the rate of a tax category");
  set->add_option("category", tax_options->first)->required();
  set->add_option("percent", tax_options->second, "e.g. 19 or 7.7")->required();
  set->callback([&session, tax_options] {
    session.action = [&session, tax_options]() -> Status {
      Result<BasisPoints> rate = parse_percent(tax_options->second);
      if (!rate)
        return Error{rate.error().kind, rate.error().reason, rate.error().message, "percent"};
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_RETURN_IF_ERROR(app::set_tax_rate(context, TaxRate{tax_options->first, *rate}));
      std::cout << "tax " << tax_options->first << " = " << format_percent(*rate) << " %\n";
      return {};
    };
  });

  CLI::App* warehouse = app.add_subcommand("warehouse", "warehouses");
  warehouse->require_subcommand(1);
  auto warehouse_options = std::make_shared<Warehouse>();
  CLI::App* add = warehouse->add_subcommand("add", "add a warehouse");
  add->add_option("code", warehouse_options->code)->required();
  add->add_option("--name", warehouse_options->name)->required();
  add->add_option("--country", warehouse_options->country,
                  "ISO country it ships from, e.g. DE (sourcing prefers the ship-to country)");
  add->callback([&session, warehouse_options] {
    session.action = [&session, warehouse_options]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(Warehouse added, app::add_warehouse(context, *warehouse_options));
      std::cout << "warehouse " << added.code << " added\n";
      return {};
    };
  });

  CLI::App* stock = app.add_subcommand("stock", "stock on hand: receive, list");
  stock->require_subcommand(1);
  auto receipt = std::make_shared<std::array<std::string, 3>>();
  CLI::App* receive = stock->add_subcommand("receive", "receive stock; fills backorders");
  receive->add_option("sku", (*receipt)[0])->required();
  receive->add_option("--warehouse", (*receipt)[1])->required();
  receive->add_option("--qty", (*receipt)[2])->required();
  receive->callback([&session, receipt] {
    session.action = [&session, receipt]() -> Status {
      O2C_ASSIGN_OR_RETURN(Quantity quantity, parse_quantity_option((*receipt)[2], "--qty"));
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      O2C_ASSIGN_OR_RETURN(
          app::ReceiptOutcome outcome,
          app::receive_stock(context, app::StockReceipt{(*receipt)[0], (*receipt)[1], quantity}));
      std::cout << "received " << format_quantity(quantity) << " " << (*receipt)[0] << " into "
                << (*receipt)[1] << ": on hand " << format_quantity(outcome.level.on_hand)
                << ", reserved " << format_quantity(outcome.level.reserved) << "\n";
      if (outcome.expected_fulfilled.milli > 0)
        std::cout << "  expected receipts fulfilled: "
                  << format_quantity(outcome.expected_fulfilled) << "\n";
      for (const std::string& order : outcome.orders_filled)
        std::cout << "  backorder filled: " << order << "\n";
      return {};
    };
  });
  CLI::App* list = stock->add_subcommand("list", "stock by product and warehouse");
  auto format = std::make_shared<std::string>("table");
  add_format_option(*list, *format);
  list->callback([&session, format] {
    session.action = [&session, format]() -> Status {
      O2C_ASSIGN_OR_RETURN(Format chosen, parse_format(*format));
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
      O2C_ASSIGN_OR_RETURN(std::vector<StockRow> rows, reader->list_stock());
      Table table{{{"sku"},
                   {"warehouse"},
                   {"on hand", Align::kRight},
                   {"reserved", Align::kRight},
                   {"available", Align::kRight}},
                  {}};
      for (const StockRow& row : rows) {
        table.rows.push_back({row.sku, row.warehouse_code, format_quantity(row.on_hand),
                              format_quantity(row.reserved),
                              format_quantity(Quantity{row.on_hand.milli - row.reserved.milli})});
      }
      render(table, chosen, std::cout);
      return {};
    };
  });
}

}  // namespace

void add_master_data_commands(CLI::App& app, Session& session) {
  CLI::App* init = app.add_subcommand("init", "create a new, empty o2c database");
  auto currency = std::make_shared<std::string>("EUR");
  auto path = std::make_shared<std::string>();
  init->add_option("database", *path, "file to create")->required();
  init->add_option("--currency", *currency, "company currency")->capture_default_str();
  init->callback([&session, currency, path] {
    session.action = [currency, path]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, app::create_database(*path, *currency));
      std::cout << "created " << *path << " (company currency " << *currency << ")\n";
      return {};
    };
  });
  add_customer_commands(app, session);
  add_product_commands(app, session);
  add_stock_commands(app, session);
  add_inventory_commands(app, session);
}

}  // namespace o2c::cli
