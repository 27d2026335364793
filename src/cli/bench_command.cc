// o2c bench cycle — N full cycles of 3-line orders, durably, stage by stage, compared with
// the raw limit of the storage (the same number of rows inserted in one transaction).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <time.h>
#include <unistd.h>
#include <vector>

#include "cashapp/statement_generator.h"
#include "cli/progress.h"
#include "cli/session.h"
#include "cli/table.h"
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

struct CashappBenchOptions {
  std::int64_t lines = 100'000;
  std::int64_t open_items = 1'000'000;
  std::uint64_t seed = 1;
  int threads = 2;
  int repeat = 1;
  int show = 0;  // wrongly applied and reviewed lines to print
};

double process_cpu_seconds() {
  timespec now{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// Matches the payments in `threads` contiguous shards, one thread each; results in order.
std::vector<MatchResult> match_sharded(const MatchIndex& index,
                                       std::span<const IncomingPayment> payments, int threads) {
  const MatchingRules rules;
  const auto shards = static_cast<std::size_t>(std::max(1, threads));
  const std::size_t per_shard = (payments.size() + shards - 1) / shards;
  std::vector<std::vector<MatchResult>> parts(shards);
  std::vector<std::thread> workers;
  for (std::size_t s = 1; s < shards; ++s) {
    const std::size_t begin = std::min(payments.size(), s * per_shard);
    const std::size_t end = std::min(payments.size(), begin + per_shard);
    workers.emplace_back([&, s, begin, end] {
      parts[s] = match_payments(index, payments.subspan(begin, end - begin), rules);
    });
  }
  parts[0] =
      match_payments(index, payments.subspan(0, std::min(payments.size(), per_shard)), rules);
  for (std::thread& worker : workers) worker.join();
  std::vector<MatchResult> results = std::move(parts[0]);
  for (std::size_t s = 1; s < shards; ++s)
    std::move(parts[s].begin(), parts[s].end(), std::back_inserter(results));
  return results;
}

std::string percent(std::size_t part, std::size_t whole) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f %%",
                whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return text;
}

void print_noise_table(const MatchScore& score) {
  Table table;
  table.columns = {{"noise", Align::kLeft},   {"lines", Align::kRight},
                   {"auto", Align::kRight},   {"wrong", Align::kRight},
                   {"review", Align::kRight}, {"no candidates", Align::kRight}};
  const auto row = [&](std::string name, const MatchTally& tally) {
    table.rows.push_back({std::move(name), std::to_string(tally.lines),
                          percent(tally.auto_applied, tally.lines), std::to_string(tally.wrong),
                          percent(tally.review, tally.lines),
                          percent(tally.no_candidates, tally.lines)});
  };
  for (std::size_t k = 0; k < kNoiseKinds; ++k)
    row(std::string(wire_name(static_cast<NoiseKind>(k))), score.by_kind[k]);
  table.body_rows = table.rows.size();
  row("total", score.total);
  render(table, Format::kTable, std::cout);
  std::cout.flush();
}

std::string describe_candidate(const MatchCandidate& candidate) {
  std::string text = std::to_string(candidate.confidence) + "%";
  for (MatchReason reason : candidate.reasons) text += " " + std::string(wire_name(reason));
  for (const ProposedApplication& application : candidate.applications)
    text += " " + application.invoice_number + "=" + format_amount(application.amount);
  return text;
}

// The lines a person would look at first: wrongly applied ones, then reviewed ones of the
// kinds that should match unseen.
void show_lines(const StatementWorkload& workload, const std::vector<MatchResult>& results,
                int count) {
  const auto show = [&](std::size_t i) {
    const IncomingPayment& line = workload.payments[i];
    std::printf("  %s %s '%s' from '%s' %s\n",
                std::string(wire_name(workload.truth[i].kind)).c_str(),
                format_money(line.amount).c_str(), line.remittance.c_str(), line.payer_name.c_str(),
                line.payer_account.c_str());
    std::string truth;
    for (const ExpectedApplication& application : workload.truth[i].applications)
      truth +=
          " " + std::to_string(application.invoice.value) + "=" + format_amount(application.amount);
    std::printf("    truth:%s\n", truth.c_str());
    for (const MatchCandidate& candidate : results[i].candidates)
      std::printf("    %s\n", describe_candidate(candidate).c_str());
  };
  int wrong = 0;
  int review = 0;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const MatchScore one =
        score_matches(std::span(&workload.truth[i], 1), std::span(&results[i], 1));
    const NoiseKind kind = workload.truth[i].kind;
    if (one.total.wrong > 0 && wrong++ < count) std::printf("wrong:\n"), show(i);
    if (!results[i].auto_apply && kind != NoiseKind::kNameVariant &&
        kind != NoiseKind::kUnknownPayer && review++ < count)
      std::printf("review:\n"), show(i);
  }
}

// Cash application on a generated workload: index build and matching timed apart (best of
// --repeat runs), then the match quality against the generator's truth.
Status bench_cashapp(const CashappBenchOptions& options) {
  if (options.lines < 1 || options.lines > 1'000'000)
    return invalid_argument("invalid_line_count", "--lines must be between 1 and 1,000,000",
                            "--lines");
  if (options.open_items < 1 || options.open_items > 1'500'000)
    return invalid_argument("invalid_item_count", "--open-items must be between 1 and 1,500,000",
                            "--open-items");
  if (options.threads < 1 || options.threads > 64 || options.repeat < 1 || options.repeat > 20)
    return invalid_argument("invalid_option", "--threads must be 1–64 and --repeat 1–20",
                            "--threads");
  StatementWorkloadOptions workload_options;
  workload_options.lines = static_cast<std::size_t>(options.lines);
  workload_options.open_items = static_cast<std::size_t>(options.open_items);
  workload_options.seed = options.seed;
  auto started = std::chrono::steady_clock::now();
  const StatementWorkload workload = generate_statement_workload(workload_options);
  std::printf(
      "o2c bench cashapp: %zu statement lines against %zu open items of %zu customers "
      "(seed %llu, %d threads, best of %d; workload generated in %.2f s)\n",
      workload.payments.size(), workload.items.size(), workload.payers.size(),
      static_cast<unsigned long long>(options.seed), options.threads, options.repeat,
      Seconds(std::chrono::steady_clock::now() - started).count());
  double best_build = 1e9;
  double best_match = 1e9;
  double build_cpu = 0;
  double match_cpu = 0;
  std::vector<MatchResult> results;
  for (int run = 0; run < options.repeat; ++run) {
    std::vector<OpenItem> items = workload.items;  // the index takes its own copy (untimed)
    std::vector<PayerProfile> payers = workload.payers;
    const double cpu_started = process_cpu_seconds();
    started = std::chrono::steady_clock::now();
    const MatchIndex index(std::move(items), std::move(payers));
    const auto built = std::chrono::steady_clock::now();
    const double cpu_built = process_cpu_seconds();
    results = match_sharded(index, workload.payments, options.threads);
    const auto matched = std::chrono::steady_clock::now();
    if (Seconds(built - started).count() < best_build)
      best_build = Seconds(built - started).count(), build_cpu = cpu_built - cpu_started;
    if (Seconds(matched - built).count() < best_match)
      best_match = Seconds(matched - built).count(), match_cpu = process_cpu_seconds() - cpu_built;
  }
  const MatchScore score = score_matches(workload.truth, results);
  const MatchTally& total = score.total;
  std::printf("index build      %8.3f s  (cpu %.3f s)\n", best_build, build_cpu);
  std::printf("matching         %8.3f s  (cpu %.3f s; %.0f lines/s)\n", best_match, match_cpu,
              static_cast<double>(total.lines) / best_match);
  std::printf("together         %8.3f s\n", best_build + best_match);
  std::printf("auto-matched     %8s  (%zu of %zu lines)\n",
              percent(total.auto_applied, total.lines).c_str(), total.auto_applied, total.lines);
  std::printf("wrongly applied  %8s  (%zu of %zu auto-applied; precision %s)\n",
              percent(total.wrong, total.auto_applied).c_str(), total.wrong, total.auto_applied,
              percent(total.auto_applied - total.wrong, total.auto_applied).c_str());
  std::printf("review           %8s  (%zu with suggestions, %zu without)\n",
              percent(total.review + total.no_candidates, total.lines).c_str(), total.review,
              total.no_candidates);
  print_noise_table(score);
  show_lines(workload, results, options.show);
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
  auto cashapp_options = std::make_shared<CashappBenchOptions>();
  CLI::App* cashapp = bench->add_subcommand(
      "cashapp", "cash application: generated statement lines matched against open items");
  cashapp->add_option("--lines", cashapp_options->lines)->capture_default_str();
  cashapp->add_option("--open-items", cashapp_options->open_items)->capture_default_str();
  cashapp->add_option("--seed", cashapp_options->seed)->capture_default_str();
  cashapp->add_option("--threads", cashapp_options->threads, "matching threads (shards of lines)")
      ->capture_default_str();
  cashapp->add_option("--repeat", cashapp_options->repeat, "runs; the best times are reported")
      ->capture_default_str();
  cashapp->add_option("--show", cashapp_options->show, "print this many wrong and reviewed lines");
  cashapp->callback([&session, cashapp_options] {
    session.action = [cashapp_options] { return bench_cashapp(*cashapp_options); };
  });
}

void add_demo_and_bench_commands(CLI::App& app, Session& session) {
  add_demo_command(app, session);
  add_bench_command(app, session);
}

}  // namespace o2c::cli
