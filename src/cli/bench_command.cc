// o2c bench cycle — N full cycles of 3-line orders, durably, stage by stage, compared with
// the raw limit of the storage (the same number of rows inserted in one transaction).
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <unistd.h>

#include "cli/progress.h"
#include "cli/session.h"
#include "core/limits.h"

namespace o2c::cli {
namespace {

struct BenchOptions {
  std::int64_t orders = 100'000;
  std::int64_t batch = 5'000;
  std::string directory;
  std::int64_t customers = 1'000;  // bench billing: orders are spread over them
};

using Seconds = std::chrono::duration<double>;

Status seed_master_data(app::Context& context, std::int64_t customers,
                        BillingPolicy policy = BillingPolicy::kPerShipment) {
  O2C_ASSIGN_OR_RETURN(Currency eur, currency_from_code("EUR"));
  O2C_RETURN_IF_ERROR(app::set_tax_rate(context, TaxRate{"standard", BasisPoints{1900}}));
  O2C_RETURN_IF_ERROR(app::set_tax_rate(context, TaxRate{"reduced", BasisPoints{700}}));
  O2C_ASSIGN_OR_RETURN(Warehouse warehouse,
                       app::add_warehouse(context, Warehouse{{}, "WH-1", "Main"}));
  std::vector<Product> products;
  for (int i = 0; i < 30; ++i) {
    Product product;
    product.sku = "SKU-" + std::to_string(1000 + i);
    product.name = "Bench item " + std::to_string(i);
    product.tax_category = i % 5 == 0 ? "reduced" : "standard";
    product.list_prices = {Money{1999 + i * 137, eur}};
    product.standard_cost = Money{900 + i * 50, eur};
    products.push_back(product);
  }
  for (Result<Product>& added : app::add_products(context, products)) {
    if (!added) return added.error();
    O2C_ASSIGN_OR_RETURN(app::ReceiptOutcome receipt,
                         app::receive_stock(context, app::StockReceipt{added->sku, warehouse.code,
                                                                       units(100'000'000)}));
    (void)receipt;
  }
  std::vector<Customer> list;
  for (std::int64_t i = 0; i < customers; ++i) {
    Customer customer;
    customer.number = "B-" + std::to_string(100000 + i);
    customer.name = "Bench customer " + std::to_string(i);
    customer.currency = eur;
    O2C_ASSIGN_OR_RETURN(customer.terms, parse_payment_terms("NET30"));
    customer.credit_limit = Money{kAmountMinorMax, eur};
    customer.segment = "smb";
    customer.billing_policy = policy;
    list.push_back(customer);
  }
  for (Result<Customer>& added : app::add_customers(context, list)) {
    if (!added) return added.error();
  }
  return {};
}

template <typename Request, typename Outcome, typename Run>
Result<std::vector<Outcome>> run_stage(const char* label, std::vector<Request>& requests,
                                       std::int64_t batch, Run run) {
  ProgressBar bar(label);
  std::vector<Outcome> outcomes;
  outcomes.reserve(requests.size());
  for (std::size_t start = 0; start < requests.size(); start += static_cast<std::size_t>(batch)) {
    const std::size_t end = std::min(requests.size(), start + static_cast<std::size_t>(batch));
    auto results = run(std::span<const Request>(requests.data() + start, end - start));
    for (auto& result : results) {
      if (!result) return result.error();
      outcomes.push_back(std::move(*result));
    }
    bar.update(static_cast<std::int64_t>(end), static_cast<std::int64_t>(requests.size()));
  }
  bar.finish();
  return outcomes;
}

// CPU seconds (user + system) used so far by this process's thread called `name`, from
// /proc; nullopt when there is no such thread or /proc cannot be read. The writer's CPU time
// says whether it was the bottleneck, and stays meaningful on a busy machine.
std::optional<double> thread_cpu_seconds(std::string_view name) {
  std::error_code error;
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task", error)) {
    std::ifstream comm(task.path() / "comm");
    std::string thread_name;
    if (!std::getline(comm, thread_name) || thread_name != name) continue;
    std::ifstream stat_file(task.path() / "stat");
    std::string stat;
    std::getline(stat_file, stat);
    // Fields after the ")" closing the name: state is field 3, utime 14, stime 15.
    std::istringstream fields(stat.substr(stat.rfind(')') + 2));
    std::string field;
    double ticks = 0;
    for (int number = 3; number <= 15 && fields >> field; ++number)
      if (number >= 14) ticks += std::stod(field);
    return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
  }
  return std::nullopt;
}

void print_rate(const char* stage, std::int64_t orders, double seconds) {
  std::printf("  %-24s %9.3f s  %10.0f orders/s\n", stage, seconds,
              static_cast<double>(orders) / seconds);
}

Status bench_cycle(const BenchOptions& options) {
  if (options.orders < 1 || options.orders > kDemoOrdersMax)
    return invalid_argument("invalid_order_count", "--orders must be between 1 and 10,000,000",
                            "--orders");
  if (options.batch < 1 || options.batch > 1'000'000)
    return invalid_argument("invalid_batch", "--batch must be between 1 and 1,000,000", "--batch");
  const std::filesystem::path directory =
      options.directory.empty()
          ? std::filesystem::temp_directory_path() / ("o2c-bench-" + std::to_string(::getpid()))
          : std::filesystem::path(options.directory);
  std::filesystem::create_directories(directory);
  const std::string db = (directory / "cycle.db").string();
  std::filesystem::remove(db);
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, app::create_database(db, "EUR"));
  SettableClock clock(Date{std::chrono::year{2026}, std::chrono::month{3}, std::chrono::day{2}});
  app::Context context{*store, clock, "bench"};
  const std::int64_t customers = std::min<std::int64_t>(1000, options.orders);
  O2C_RETURN_IF_ERROR(seed_master_data(context, customers));

  std::vector<OrderRequest> orders;
  orders.reserve(static_cast<std::size_t>(options.orders));
  for (std::int64_t i = 0; i < options.orders; ++i) {
    OrderRequest request;
    request.customer_number = "B-" + std::to_string(100000 + i % customers);
    for (int line = 0; line < 3; ++line) {
      request.lines.push_back(OrderLineRequest{"SKU-" + std::to_string(1000 + (i * 3 + line) % 30),
                                               units(1 + (i + line) % 5),
                                               BasisPoints{line == 1 ? 500 : 0}});
    }
    orders.push_back(std::move(request));
  }
  std::printf(
      "o2c bench cycle: %lld orders × 3 lines, batches of %lld, durable (WAL, synchronous=FULL)\n",
      static_cast<long long>(options.orders), static_cast<long long>(options.batch));

  const auto started = std::chrono::steady_clock::now();
  const std::optional<double> writer_cpu_at_start = thread_cpu_seconds(kWriterThreadName);
  O2C_ASSIGN_OR_RETURN(std::vector<app::PlacedOrder> placed,
                       (run_stage<OrderRequest, app::PlacedOrder>(
                           "place", orders, options.batch, [&](std::span<const OrderRequest> part) {
                             return app::place_orders(context, part);
                           })));
  const auto placed_at = std::chrono::steady_clock::now();
  std::vector<app::ShipRequest> shipments;
  for (const app::PlacedOrder& order : placed)
    shipments.push_back(app::ShipRequest{order.order.number, {}});
  O2C_ASSIGN_OR_RETURN(
      std::vector<app::ShipOutcome> shipped,
      (run_stage<app::ShipRequest, app::ShipOutcome>("ship+invoice", shipments, options.batch,
                                                     [&](std::span<const app::ShipRequest> part) {
                                                       return app::ship_orders(context, part);
                                                     })));
  const auto shipped_at = std::chrono::steady_clock::now();
  std::vector<app::PaymentRequest> payments;
  for (const app::ShipOutcome& outcome : shipped) {
    // The bench's customers are billed per shipment: every goods issue has its invoice.
    O2C_ASSERT(outcome.invoice.has_value());
    const Invoice& invoice = *outcome.invoice;
    payments.push_back(app::PaymentRequest{invoice.customer_number,
                                           invoice.gross_total,
                                           std::nullopt,
                                           PaymentMethod::kBankTransfer,
                                           "REM " + invoice.number,
                                           {invoice.number}});
  }
  O2C_ASSIGN_OR_RETURN(
      std::vector<app::PaymentOutcome> paid,
      (run_stage<app::PaymentRequest, app::PaymentOutcome>(
          "pay+apply", payments, options.batch, [&](std::span<const app::PaymentRequest> part) {
            return app::record_payments(context, part);
          })));
  const auto finished = std::chrono::steady_clock::now();
  const std::optional<double> writer_cpu_at_end = thread_cpu_seconds(kWriterThreadName);
  (void)paid;

  const double total = Seconds(finished - started).count();
  std::printf("stages:\n");
  print_rate("place (validate, price,", options.orders, Seconds(placed_at - started).count());
  std::printf("   credit check, reserve)\n");
  print_rate("ship + invoice", options.orders, Seconds(shipped_at - placed_at).count());
  print_rate("pay + apply", options.orders, Seconds(finished - shipped_at).count());
  print_rate("full cycle", options.orders, total);
  if (writer_cpu_at_start && writer_cpu_at_end) {
    const double writer_cpu = *writer_cpu_at_end - *writer_cpu_at_start;
    std::printf(
        "writer thread: %.2f s CPU, busy %.0f %% of the run; %.0f full cycles per "
        "writer CPU second\n",
        writer_cpu, 100.0 * writer_cpu / total, static_cast<double>(options.orders) / writer_cpu);
  }

  O2C_ASSIGN_OR_RETURN(std::vector<TrialBalance> balances, app::trial_balance_report(*store));
  O2C_ASSIGN_OR_RETURN(app::JournalVerdict verdict, app::verify_journal(*store));
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
  O2C_ASSIGN_OR_RETURN(std::int64_t rows, reader->row_count());
  std::printf("checks: trial balance %s, journal %s (%lld entries)\n",
              balances.size() == 1 && balances[0].total_debit == balances[0].total_credit
                  ? "balanced"
                  : "NOT BALANCED",
              verdict.ok ? "verified" : "BROKEN", static_cast<long long>(verdict.verified));
  store.reset();

  const std::string raw_db = (directory / "raw.db").string();
  std::filesystem::remove(raw_db);
  O2C_ASSIGN_OR_RETURN(double raw_seconds, raw_insert_seconds(raw_db, rows));
  std::printf(
      "raw limit: %lld rows in one transaction with one prepared statement: %.3f s (%.0f rows/s)\n",
      static_cast<long long>(rows), raw_seconds, static_cast<double>(rows) / raw_seconds);
  std::printf(
      "o2c wrote the same %lld rows with every rule, ledger posting and hash in %.3f s: "
      "%.2f× the raw time\n",
      static_cast<long long>(rows), total, total / raw_seconds);
  if (options.directory.empty()) std::filesystem::remove_all(directory);
  if (!verdict.ok) return failed_precondition("journal_broken", verdict.failure);
  return {};
}

// The billing run alone: `orders` orders of per-period customers placed and shipped first
// (not timed), then one run bills them all.
Status bench_billing(const BenchOptions& options) {
  if (options.orders < 1 || options.orders > kDemoOrdersMax)
    return invalid_argument("invalid_order_count", "--orders must be between 1 and 10,000,000",
                            "--orders");
  if (options.customers < 1 || options.customers > options.orders)
    return invalid_argument("invalid_customer_count", "--customers must be between 1 and --orders",
                            "--customers");
  const std::filesystem::path directory =
      options.directory.empty()
          ? std::filesystem::temp_directory_path() / ("o2c-bench-" + std::to_string(::getpid()))
          : std::filesystem::path(options.directory);
  std::filesystem::create_directories(directory);
  const std::string db = (directory / "billing.db").string();
  std::filesystem::remove(db);
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, app::create_database(db, "EUR"));
  SettableClock clock(Date{std::chrono::year{2026}, std::chrono::month{3}, std::chrono::day{2}});
  app::Context context{*store, clock, "bench"};
  O2C_RETURN_IF_ERROR(seed_master_data(context, options.customers, BillingPolicy::kPerPeriod));
  std::vector<OrderRequest> orders;
  for (std::int64_t i = 0; i < options.orders; ++i) {
    OrderRequest request;
    request.customer_number = "B-" + std::to_string(100000 + i % options.customers);
    for (int line = 0; line < 3; ++line)
      request.lines.push_back(OrderLineRequest{"SKU-" + std::to_string(1000 + (i * 3 + line) % 30),
                                               units(1 + (i + line) % 5), BasisPoints{0}});
    orders.push_back(std::move(request));
  }
  std::printf("o2c bench billing: %lld orders × 3 lines of %lld per-period customers\n",
              static_cast<long long>(options.orders), static_cast<long long>(options.customers));
  O2C_ASSIGN_OR_RETURN(std::vector<app::PlacedOrder> placed,
                       (run_stage<OrderRequest, app::PlacedOrder>(
                           "place", orders, options.batch, [&](std::span<const OrderRequest> part) {
                             return app::place_orders(context, part);
                           })));
  std::vector<app::ShipRequest> shipments;
  for (const app::PlacedOrder& order : placed)
    shipments.push_back(app::ShipRequest{order.order.number, {}});
  O2C_ASSIGN_OR_RETURN(
      std::vector<app::ShipOutcome> shipped,
      (run_stage<app::ShipRequest, app::ShipOutcome>("ship", shipments, options.batch,
                                                     [&](std::span<const app::ShipRequest> part) {
                                                       return app::ship_orders(context, part);
                                                     })));
  clock.set(Date{std::chrono::year{2026}, std::chrono::month{3}, std::chrono::day{31}});
  ProgressBar bar("billing run");
  const auto started = std::chrono::steady_clock::now();
  O2C_ASSIGN_OR_RETURN(
      app::BillingRunOutcome run,
      app::run_billing(context, clock.today(), [&](std::size_t done, std::size_t all) {
        bar.update(static_cast<std::int64_t>(done), static_cast<std::int64_t>(all));
      }));
  const double seconds = Seconds(std::chrono::steady_clock::now() - started).count();
  bar.finish();
  std::printf(
      "billing run: %lld shipments of %lld orders into %zu invoices in %.2f s "
      "(%.0f shipments/s)\n",
      static_cast<long long>(run.shipments_billed), static_cast<long long>(shipped.size()),
      run.invoices.size(), seconds, static_cast<double>(run.shipments_billed) / seconds);
  if (options.directory.empty()) std::filesystem::remove_all(directory);
  return {};
}

}  // namespace

void add_bench_command(CLI::App& app, Session& session) {
  (void)session;
  CLI::App* bench = app.add_subcommand("bench", "benchmarks");
  bench->require_subcommand(1);
  auto options = std::make_shared<BenchOptions>();
  CLI::App* cycle = bench->add_subcommand("cycle", "full order-to-cash cycles per second");
  cycle->add_option("--orders", options->orders)->capture_default_str();
  cycle->add_option("--batch", options->batch, "requests submitted before waiting")
      ->capture_default_str();
  cycle->add_option("--dir", options->directory,
                    "keep the databases here (default: a temp dir, removed)");
  cycle->callback(
      [&session, options] { session.action = [options] { return bench_cycle(*options); }; });
  CLI::App* billing = bench->add_subcommand(
      "billing", "one billing run over many shipped orders of per-period customers");
  billing->add_option("--orders", options->orders)->capture_default_str();
  billing
      ->add_option("--customers", options->customers,
                   "per-period customers the orders are spread over (one invoice each)")
      ->capture_default_str();
  billing->add_option("--batch", options->batch)->capture_default_str();
  billing->add_option("--dir", options->directory, "keep the database here");
  billing->callback(
      [&session, options] { session.action = [options] { return bench_billing(*options); }; });
}

void add_demo_and_bench_commands(CLI::App& app, Session& session) {
  add_demo_command(app, session);
  add_bench_command(app, session);
}

}  // namespace o2c::cli
