// Tests of the SQLite store against real database files in a fresh temporary directory.
#include "store/sqlite/sqlite_store.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <stdlib.h>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "core/document_number.h"
#include "store/store.h"

namespace o2c {
namespace {

namespace fs = std::filesystem;

// ---- helpers ------------------------------------------------------------------------------

template <typename T>
std::string reason_of(const Result<T>& result) {
  return result.has_value() ? "ok" : result.error().reason;
}

Currency currency(std::string_view code) {
  Result<Currency> found = currency_from_code(code);
  EXPECT_TRUE(found.has_value()) << code;
  return found.has_value() ? *found : Currency{};
}
Money eur(std::int64_t minor) { return Money{minor, currency("EUR")}; }
Money usd(std::int64_t minor) { return Money{minor, currency("USD")}; }

Date day(int year, unsigned month, unsigned day_of_month) {
  return Date{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day_of_month}};
}

PaymentTerms terms(std::string_view code) {
  Result<PaymentTerms> parsed = parse_payment_terms(code);
  EXPECT_TRUE(parsed.has_value()) << code;
  return parsed.has_value() ? *parsed : PaymentTerms{};
}

Customer make_customer(std::string number) {
  Customer customer;
  customer.number = std::move(number);
  customer.name = "Customer " + customer.number;
  customer.currency = currency("EUR");
  customer.terms = terms("NET30");
  customer.credit_limit = eur(500'000);
  customer.segment = "smb";
  customer.billing_address = {"1 Main St", "Berlin", "10115", "DE", ""};
  customer.shipping_address = {"2 Dock Rd", "Hamburg", "20095", "DE", ""};
  customer.email = "ap@example.com";
  return customer;
}

// A job that does nothing but fail, as a domain rule would.
Error job_failure() { return failed_precondition("test_job_failed", "the job gave up on purpose"); }

std::string shown(const Address& address) {
  return address.line + "|" + address.city + "|" + address.postal_code + "|" + address.country +
         "|" + address.region;
}

std::string shown(const Customer& customer) {
  std::ostringstream out;
  out << "id=" << customer.id.value << " " << customer.number << " '" << customer.name << "' "
      << customer.currency.text() << " terms=" << customer.terms.code << "/"
      << customer.terms.net_days << "/" << customer.terms.end_of_month
      << " limit=" << format_money(customer.credit_limit) << " segment=" << customer.segment
      << " bill=" << shown(customer.billing_address) << " ship=" << shown(customer.shipping_address)
      << " email=" << customer.email << " active=" << customer.active << " tier=" << customer.tier
      << " preferred=" << customer.preferred_warehouse << " tax_exempt=" << customer.tax_exempt;
  return out.str();
}

std::string shown(const Product& product) {
  std::ostringstream out;
  out << "id=" << product.id.value << " " << product.sku << " '" << product.name << "' "
      << product.unit << " " << product.tax_category << " category=" << product.category
      << " cost=" << format_money(product.standard_cost) << " active=" << product.active
      << " prices=";
  for (const Money& price : product.list_prices) out << "[" << format_money(price) << "]";
  return out.str();
}

std::string shown(const std::vector<Reservation>& reservations) {
  std::string text;
  for (const Reservation& reservation : reservations) {
    text += "[" + std::to_string(reservation.warehouse.value) + ":" +
            std::to_string(reservation.quantity.milli) + "]";
  }
  return text;
}

std::string shown(const Order& order) {
  std::ostringstream out;
  out << "id=" << order.id.value << " " << order.number << " customer=" << order.customer.value
      << "/" << order.customer_number << " " << order.currency.text() << " "
      << format_date(order.order_date) << " " << wire_name(order.state)
      << " discount=" << order.order_discount.value << " ref=" << order.customer_reference
      << " hold='" << order.hold_reason << "' net=" << format_money(order.net_total)
      << " tax=" << format_money(order.tax_total) << " gross=" << format_money(order.gross_total)
      << "\n  channel=" << wire_name(order.channel) << " requested="
      << (order.requested_delivery_date ? format_date(*order.requested_delivery_date) : "none")
      << " ship_to=" << shown(order.ship_to) << " notes='" << order.notes << "' cancelled='"
      << order.cancellation_reason << "' manual_hold=";
  if (order.manual_hold) {
    out << order.manual_hold->reason << "|" << order.manual_hold->actor << "|"
        << wire_name(order.manual_hold->resume_state);
  } else {
    out << "none";
  }
  out << " coupons=";
  for (const OrderCoupon& coupon : order.coupons)
    out << coupon.code << "/" << coupon.redeemed << ";";
  if (order.shipping) {
    out << " shipping=" << format_money(order.shipping->net) << "+"
        << format_money(order.shipping->tax) << " " << order.shipping->tax_category << "@"
        << order.shipping->tax_rate.value << " invoiced=" << order.shipping->invoiced;
  }
  out << "\n";
  for (const ApprovalStep& step : order.approvals) {
    out << "  approval " << step.level << " " << step.role << " '" << step.why << "' "
        << wire_name(step.decision) << " by '" << step.actor << "' '" << step.comment << "' at "
        << step.decided_at.unix_micros << "\n";
  }
  for (const OrderLine& line : order.lines) {
    out << "  " << line.line_no << " product=" << line.product.value << " " << line.sku << " '"
        << line.description << "' qty=" << line.quantity.milli
        << " price=" << format_money(line.unit_price) << " discount=" << line.discount.value << " "
        << line.tax_category << "@" << line.tax_rate.value << " net=" << format_money(line.net)
        << " tax=" << format_money(line.tax) << " reserved=" << shown(line.reservations)
        << " shipped=" << line.shipped.milli << " invoiced=" << line.invoiced.milli
        << " below_floor=" << line.below_margin_floor << " trace=" << line.price_trace << "\n";
  }
  return out.str();
}

std::string shown(const Shipment& shipment) {
  std::ostringstream out;
  out << "id=" << shipment.id.value << " " << shipment.number << " order=" << shipment.order.value
      << "/" << shipment.order_number << " " << format_date(shipment.ship_date) << "\n";
  for (const ShipmentLine& line : shipment.lines) {
    out << "  line=" << line.order_line_no << " product=" << line.product.value << " " << line.sku
        << " warehouse=" << line.warehouse.value << " qty=" << line.quantity.milli << "\n";
  }
  return out.str();
}

std::string shown(const Invoice& invoice) {
  std::ostringstream out;
  out << "id=" << invoice.id.value << " " << invoice.number
      << " customer=" << invoice.customer.value << "/" << invoice.customer_number
      << " order=" << invoice.order.value << "/" << invoice.order_number
      << " shipment=" << invoice.shipment.value << "/" << invoice.shipment_number << " "
      << format_date(invoice.invoice_date) << " due " << format_date(invoice.due_date) << " "
      << invoice.currency.text() << " net=" << format_money(invoice.net_total)
      << " tax=" << format_money(invoice.tax_total)
      << " gross=" << format_money(invoice.gross_total) << " paid=" << format_money(invoice.paid)
      << "\n";
  for (const InvoiceLine& line : invoice.lines) {
    out << "  " << line.line_no << " order_line=" << line.order_line_no << " " << line.sku << " '"
        << line.description << "' qty=" << line.quantity.milli
        << " price=" << format_money(line.unit_price) << " " << line.tax_category << "@"
        << line.tax_rate.value << " net=" << format_money(line.net)
        << " tax=" << format_money(line.tax) << "\n";
  }
  return out.str();
}

std::string shown(const Payment& payment) {
  std::ostringstream out;
  out << "id=" << payment.id.value << " " << payment.number
      << " customer=" << payment.customer.value << "/" << payment.customer_number
      << " amount=" << format_money(payment.amount)
      << " unapplied=" << format_money(payment.unapplied) << " " << format_date(payment.received_on)
      << " " << wire_name(payment.method) << " ref=" << payment.reference;
  return out.str();
}

std::string shown(const std::vector<OpenItem>& items) {
  std::ostringstream out;
  for (const OpenItem& item : items) {
    out << item.invoice_number << " " << item.customer_number << " "
        << format_date(item.invoice_date) << " due " << format_date(item.due_date) << " open "
        << format_money(item.open) << "\n";
  }
  return out.str();
}

std::string shown(const std::vector<AccountTotals>& totals) {
  std::ostringstream out;
  for (const AccountTotals& row : totals) {
    out << static_cast<int>(row.account) << " debit " << format_money(row.debit) << " credit "
        << format_money(row.credit) << "\n";
  }
  return out.str();
}

std::string shown(const std::vector<StockLevel>& levels) {
  std::ostringstream out;
  for (const StockLevel& level : levels) {
    out << "warehouse=" << level.warehouse.value << " product=" << level.product.value
        << " on_hand=" << level.on_hand.milli << " reserved=" << level.reserved.milli << "\n";
  }
  return out.str();
}

// Runs `sql` on the file at `path` through the SQLite C API, bypassing o2c.
void execute_raw(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  const int opened =
      sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  EXPECT_EQ(opened, SQLITE_OK) << path;
  if (opened == SQLITE_OK) {
    char* message = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message), SQLITE_OK)
        << sql << ": " << (message != nullptr ? message : "");
    sqlite3_free(message);
  }
  sqlite3_close(db);
}

// The first column of the first row of `sql`, as text ("" when there is no row).
std::string query_raw(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string text;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* statement = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr), SQLITE_OK) << sql;
    if (sqlite3_step(statement) == SQLITE_ROW) {
      const unsigned char* value = sqlite3_column_text(statement, 0);
      if (value != nullptr) text = reinterpret_cast<const char*>(value);
    }
    sqlite3_finalize(statement);
  } else {
    ADD_FAILURE() << "cannot open " << path;
  }
  sqlite3_close(db);
  return text;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Holds the writer thread inside one job until released, so that every job submitted in the
// meantime is queued and then runs in the same group commit.
class WriterGate {
 public:
  std::future<Status> close(Store& store) {
    std::future<Status> done = store.submit([this](StoreWriter&) -> Status {
      entered_.set_value();
      released_.get_future().wait();
      return {};
    });
    entered_.get_future().wait();
    return done;
  }
  void open() { released_.set_value(); }

 private:
  std::promise<void> entered_;
  std::promise<void> released_;
};

// Every test gets a new directory under the system temp dir, removed afterwards.
class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "o2c-store-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    directory_ = pattern;
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(directory_, ignored);
  }

  std::string path(std::string_view name) const { return (directory_ / name).string(); }

  std::unique_ptr<Store> open(const std::string& file, OpenMode mode) {
    Result<std::unique_ptr<Store>> store = Store::open_sqlite(file, mode);
    EXPECT_TRUE(store.has_value()) << (store ? "" : describe(store.error()));
    return store.has_value() ? std::move(*store) : nullptr;
  }
  std::unique_ptr<Store> create() { return open(path("o2c.db"), OpenMode::kCreate); }

  static std::unique_ptr<StoreReader> reader_of(Store& store) {
    Result<std::unique_ptr<StoreReader>> reader = store.reader();
    EXPECT_TRUE(reader.has_value()) << (reader ? "" : describe(reader.error()));
    return reader.has_value() ? std::move(*reader) : nullptr;
  }

  fs::path directory_;
};

// ---- opening ------------------------------------------------------------------------------

TEST_F(StoreTest, CreateOnNewPathMakesAMigratedDatabase) {
  const std::string file = path("new.db");
  std::unique_ptr<Store> store = open(file, OpenMode::kCreate);
  ASSERT_NE(store, nullptr);
  EXPECT_TRUE(fs::exists(file));
  store.reset();
  EXPECT_EQ(query_raw(file, "SELECT MAX(version) FROM schema_migrations"),
            std::to_string(sqlite::latest_schema_version()));
  EXPECT_EQ(query_raw(file, "PRAGMA journal_mode"), "wal");
}

TEST_F(StoreTest, CreateOnExistingFileFailsAndLeavesItAlone) {
  const std::string file = path("taken.db");
  { std::ofstream(file) << "keep me"; }
  Result<std::unique_ptr<Store>> store = Store::open_sqlite(file, OpenMode::kCreate);
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().kind, ErrorKind::kAlreadyExists);
  EXPECT_EQ(store.error().reason, "database_exists");
  EXPECT_EQ(store.error().where, "--db");
  EXPECT_EQ(read_file(file), "keep me");
}

TEST_F(StoreTest, CreateOnExistingO2cDatabaseFails) {
  ASSERT_NE(create(), nullptr);
  EXPECT_EQ(reason_of(Store::open_sqlite(path("o2c.db"), OpenMode::kCreate)), "database_exists");
}

TEST_F(StoreTest, CreateInMissingDirectoryFailsWithoutCrashing) {
  Result<std::unique_ptr<Store>> store =
      Store::open_sqlite(path("no/such/dir/o2c.db"), OpenMode::kCreate);
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().kind, ErrorKind::kUnavailable);
}

TEST_F(StoreTest, ExistingOnMissingPathFailsAndCreatesNoFile) {
  const std::string file = path("missing.db");
  Result<std::unique_ptr<Store>> store = Store::open_sqlite(file, OpenMode::kExisting);
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(store.error().reason, "database_not_found");
  EXPECT_NE(store.error().message.find(file), std::string::npos) << store.error().message;
  EXPECT_FALSE(fs::exists(file));
  EXPECT_TRUE(fs::is_empty(directory_));
}

TEST_F(StoreTest, ExistingReopensAndSeesEarlierData) {
  {
    std::unique_ptr<Store> store = create();
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store
                    ->submit([](StoreWriter& writer) -> Status {
                      O2C_RETURN_IF_ERROR(writer.set_company_currency("EUR"));
                      O2C_RETURN_IF_ERROR(writer.insert_customer(make_customer("C-0001")));
                      return {};
                    })
                    .get());
  }
  std::unique_ptr<Store> store = open(path("o2c.db"), OpenMode::kExisting);
  ASSERT_NE(store, nullptr);
  std::unique_ptr<StoreReader> reader = reader_of(*store);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->company_currency().value(), "EUR");
  Result<std::optional<Customer>> found = reader->find_customer("C-0001");
  ASSERT_TRUE(found.has_value());
  EXPECT_TRUE(found->has_value());
}

TEST_F(StoreTest, NewerSchemaIsRefusedNamingBothVersions) {
  const std::string file = path("o2c.db");
  ASSERT_NE(create(), nullptr);
  execute_raw(file, "INSERT INTO schema_migrations(version, name) VALUES (999, 'future.sql')");
  Result<std::unique_ptr<Store>> store = Store::open_sqlite(file, OpenMode::kExisting);
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().kind, ErrorKind::kFailedPrecondition);
  EXPECT_EQ(store.error().reason, "schema_too_new");
  const std::string& message = store.error().message;
  EXPECT_NE(message.find("999"), std::string::npos) << message;
  EXPECT_NE(message.find("up to " + std::to_string(sqlite::latest_schema_version())),
            std::string::npos)
      << message;
}

TEST_F(StoreTest, ForeignSqliteFileIsRefusedAndLeftUnchanged) {
  const std::string file = path("other.db");
  execute_raw(file, "CREATE TABLE foo (bar INTEGER)");
  Result<std::unique_ptr<Store>> store = Store::open_sqlite(file, OpenMode::kExisting);
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().kind, ErrorKind::kFailedPrecondition);
  EXPECT_EQ(store.error().reason, "not_an_o2c_database");
  EXPECT_EQ(query_raw(file, "SELECT group_concat(name) FROM sqlite_master"), "foo");
  EXPECT_EQ(query_raw(file, "PRAGMA journal_mode"), "delete");  // not switched to WAL
}

TEST_F(StoreTest, EmptySqliteFileIsNotAnO2cDatabase) {
  const std::string file = path("empty.db");
  { std::ofstream{file}; }
  EXPECT_EQ(reason_of(Store::open_sqlite(file, OpenMode::kExisting)), "not_an_o2c_database");
}

TEST_F(StoreTest, TextFileIsRefusedWithAnErrorAndKeptIntact) {
  const std::string file = path("notes.txt");
  std::string text;
  for (int i = 0; i < 100; ++i) text += "this is a shopping list, not a database\n";
  { std::ofstream(file, std::ios::binary) << text; }
  Result<std::unique_ptr<Store>> store = Store::open_sqlite(file, OpenMode::kExisting);
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().reason, "database_corrupt") << describe(store.error());
  EXPECT_EQ(read_file(file), text);
}

// ---- gapless document numbers ---------------------------------------------------------------

Result<std::string> take_number(Store& store, std::string_view prefix, int year) {
  return store.write<std::string>(
      [&](StoreWriter& writer) { return writer.next_document_number(prefix, year); });
}

TEST_F(StoreTest, DocumentNumbersCountUpFromOne) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(take_number(*store, "INV", 2026).value(), "INV-2026-000001");
  EXPECT_EQ(take_number(*store, "INV", 2026).value(), "INV-2026-000002");
  EXPECT_EQ(take_number(*store, "INV", 2026).value(), "INV-2026-000003");
}

TEST_F(StoreTest, EachPrefixAndYearHasItsOwnSeries) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(take_number(*store, "INV", 2026).value(), "INV-2026-000001");
  EXPECT_EQ(take_number(*store, "INV", 2026).value(), "INV-2026-000002");
  EXPECT_EQ(take_number(*store, "INV", 2027).value(), "INV-2027-000001");
  EXPECT_EQ(take_number(*store, "SO", 2026).value(), "SO-2026-000001");
  EXPECT_EQ(take_number(*store, "INV", 2026).value(), "INV-2026-000003");
  EXPECT_EQ(take_number(*store, "SO", 2026).value(), "SO-2026-000002");
  EXPECT_EQ(take_number(*store, "INV", 2027).value(), "INV-2027-000002");
}

TEST_F(StoreTest, FailedJobGivesItsNumberBack) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(take_number(*store, "INV", 2026).value(), "INV-2026-000001");
  std::string taken;
  Status failed = store
                      ->submit([&](StoreWriter& writer) -> Status {
                        O2C_ASSIGN_OR_RETURN(taken, writer.next_document_number("INV", 2026));
                        return job_failure();
                      })
                      .get();
  EXPECT_EQ(reason_of(failed), "test_job_failed");
  EXPECT_EQ(taken, "INV-2026-000002");
  EXPECT_EQ(take_number(*store, "INV", 2026).value(), "INV-2026-000002");
}

TEST_F(StoreTest, FailedJobInsideABatchGivesItsNumberBack) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  std::vector<std::string> numbers(3);
  WriterGate gate;
  std::future<Status> gate_done = gate.close(*store);
  std::vector<std::future<Status>> done;
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    done.push_back(store->submit([&numbers, i](StoreWriter& writer) -> Status {
      O2C_ASSIGN_OR_RETURN(numbers[i], writer.next_document_number("SO", 2026));
      if (i == 1) return job_failure();
      return {};
    }));
  }
  gate.open();
  EXPECT_TRUE(gate_done.get().has_value());
  EXPECT_EQ(reason_of(done[0].get()), "ok");
  EXPECT_EQ(reason_of(done[1].get()), "test_job_failed");
  EXPECT_EQ(reason_of(done[2].get()), "ok");
  EXPECT_EQ(numbers[0], "SO-2026-000001");
  EXPECT_EQ(numbers[1], "SO-2026-000002");  // taken, then rolled back with its job
  EXPECT_EQ(numbers[2], "SO-2026-000002");
  EXPECT_EQ(take_number(*store, "SO", 2026).value(), "SO-2026-000003");
}

TEST_F(StoreTest, ConcurrentJobsGetEveryNumberExactlyOnce) {
  constexpr int kThreads = 8;
  constexpr int kJobsPerThread = 500;
  constexpr int kJobs = kThreads * kJobsPerThread;
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  std::vector<std::string> numbers(kJobs);
  std::vector<std::string> failures(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::vector<std::future<Status>> done;
      for (int j = 0; j < kJobsPerThread; ++j) {
        const int slot = t * kJobsPerThread + j;
        done.push_back(store->submit([&numbers, slot](StoreWriter& writer) -> Status {
          O2C_ASSIGN_OR_RETURN(std::string number, writer.next_document_number("INV", 2026));
          O2C_RETURN_IF_ERROR(writer.insert_customer(make_customer("C-" + number)));
          numbers[slot] = std::move(number);
          return {};
        }));
      }
      for (std::future<Status>& job : done) {
        Status status = job.get();
        if (!status && failures[t].empty()) failures[t] = describe(status.error());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& failure : failures) EXPECT_EQ(failure, "");

  std::vector<std::string> expected;
  for (std::uint32_t sequence = 1; sequence <= kJobs; ++sequence)
    expected.push_back(format_document_number({"INV", 2026, sequence}));
  std::vector<std::string> sorted = numbers;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sorted, expected);

  std::unique_ptr<StoreReader> reader = reader_of(*store);
  ASSERT_NE(reader, nullptr);
  Result<std::vector<Customer>> customers = reader->list_customers();
  ASSERT_TRUE(customers.has_value());
  ASSERT_EQ(customers->size(), static_cast<std::size_t>(kJobs));
  for (std::size_t i = 0; i < customers->size(); ++i)
    EXPECT_EQ((*customers)[i].number, "C-" + expected[i]);
  EXPECT_EQ(take_number(*store, "INV", 2026).value(), "INV-2026-004001");
}

TEST_F(StoreTest, ExhaustedSeriesFailsAndStaysExhausted) {
  const std::string file = path("o2c.db");
  ASSERT_NE(create(), nullptr);
  execute_raw(file, "INSERT INTO number_series(prefix, year, last) VALUES ('INV', 2026, 999998)");
  std::unique_ptr<Store> store = open(file, OpenMode::kExisting);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(take_number(*store, "INV", 2026).value(), "INV-2026-999999");
  Result<std::string> exhausted = take_number(*store, "INV", 2026);
  ASSERT_FALSE(exhausted.has_value());
  EXPECT_EQ(exhausted.error().kind, ErrorKind::kFailedPrecondition);
  EXPECT_EQ(exhausted.error().reason, "number_series_exhausted");
  EXPECT_EQ(reason_of(take_number(*store, "INV", 2026)), "number_series_exhausted");
  EXPECT_EQ(take_number(*store, "INV", 2027).value(), "INV-2027-000001");
  store.reset();
  EXPECT_EQ(query_raw(file, "SELECT last FROM number_series WHERE prefix = 'INV' AND year = 2026"),
            "999999");
}

// ---- group commit ---------------------------------------------------------------------------

TEST_F(StoreTest, FailingJobInABatchLeavesNoTraceAndOthersCommit) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  WriterGate gate;
  std::future<Status> gate_done = gate.close(*store);
  std::vector<std::future<Status>> done;
  for (int i = 1; i <= 9; ++i) {
    const std::string number = "C-000" + std::to_string(i);
    done.push_back(store->submit([number, i](StoreWriter& writer) -> Status {
      O2C_RETURN_IF_ERROR(writer.insert_customer(make_customer(number)));
      if (i == 3) return job_failure();
      if (i == 5) throw std::runtime_error("job blew up");
      if (i == 7) O2C_RETURN_IF_ERROR(writer.insert_customer(make_customer("C-0001")));
      return {};
    }));
  }
  gate.open();
  ASSERT_TRUE(gate_done.get().has_value());
  std::vector<std::string> reasons;
  for (std::future<Status>& job : done) reasons.push_back(reason_of(job.get()));
  EXPECT_EQ(reasons,
            (std::vector<std::string>{"ok", "ok", "test_job_failed", "ok", "unexpected_exception",
                                      "ok", "constraint_violation", "ok", "ok"}));

  std::unique_ptr<StoreReader> reader = reader_of(*store);
  ASSERT_NE(reader, nullptr);
  Result<std::vector<Customer>> customers = reader->list_customers();
  ASSERT_TRUE(customers.has_value());
  std::string numbers;
  for (const Customer& customer : *customers) numbers += customer.number + " ";
  EXPECT_EQ(numbers, "C-0001 C-0002 C-0004 C-0006 C-0008 C-0009 ");
}

TEST_F(StoreTest, WriteReturnsTheJobsValueOrItsError) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  Result<CustomerId> id = store->write<CustomerId>(
      [](StoreWriter& writer) { return writer.insert_customer(make_customer("C-0001")); });
  ASSERT_TRUE(id.has_value());
  EXPECT_GT(id->value, 0);
  Result<CustomerId> duplicate = store->write<CustomerId>(
      [](StoreWriter& writer) { return writer.insert_customer(make_customer("C-0001")); });
  ASSERT_FALSE(duplicate.has_value());
  EXPECT_EQ(duplicate.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(duplicate.error().reason, "constraint_violation");
}

TEST_F(StoreTest, FlushWaitsForQueuedJobs) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  std::vector<std::future<Status>> done;
  for (int i = 0; i < 50; ++i) {
    done.push_back(store->submit([i](StoreWriter& writer) -> Status {
      O2C_RETURN_IF_ERROR(writer.insert_customer(make_customer("C-" + std::to_string(1000 + i))));
      return {};
    }));
  }
  store->flush();
  for (std::future<Status>& job : done) {
    EXPECT_EQ(job.wait_for(std::chrono::seconds(0)), std::future_status::ready);
  }
  std::unique_ptr<StoreReader> reader = reader_of(*store);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->list_customers()->size(), 50u);
}

// ---- round trips ----------------------------------------------------------------------------

// Master data for documents: one customer, two products, two warehouses.
struct MasterData {
  Customer customer;
  Product widget;
  Product gadget;
  Warehouse east;
  Warehouse west;
};

Status save_stock(Store& store, const StockLevel& level) {
  return store.submit([level](StoreWriter& writer) { return writer.save_stock_level(level); })
      .get();
}

MasterData insert_master_data(Store& store) {
  MasterData data;
  data.customer = make_customer("C-0001");
  data.widget = Product{
      {}, "W-100", "Widget", "EA", "standard", "tools", {eur(1999), usd(2150)}, eur(800), true};
  data.gadget = Product{{}, "G-200", "Gadget", "KGM", "reduced", "", {eur(2000)}, eur(1200), true};
  // West first, so warehouse ids do not follow their codes.
  data.west = Warehouse{{}, "WH-WEST", "West"};
  data.east = Warehouse{{}, "WH-EAST", "East"};
  Status status =
      store
          .submit([&](StoreWriter& writer) -> Status {
            O2C_ASSIGN_OR_RETURN(data.customer.id, writer.insert_customer(data.customer));
            O2C_ASSIGN_OR_RETURN(data.widget.id, writer.insert_product(data.widget));
            O2C_ASSIGN_OR_RETURN(data.gadget.id, writer.insert_product(data.gadget));
            O2C_ASSIGN_OR_RETURN(data.west.id, writer.insert_warehouse(data.west));
            O2C_ASSIGN_OR_RETURN(data.east.id, writer.insert_warehouse(data.east));
            return {};
          })
          .get();
  EXPECT_TRUE(status.has_value()) << (status ? "" : describe(status.error()));
  return data;
}

// An order on credit hold: line 1 partly reserved in two warehouses, line 2 unreserved.
Order make_order(const MasterData& data, std::string number) {
  Order order;
  order.number = std::move(number);
  order.customer = data.customer.id;
  order.customer_number = data.customer.number;
  order.currency = currency("EUR");
  order.order_date = day(2026, 3, 2);
  order.state = OrderState::kOnCreditHold;
  order.order_discount = BasisPoints{0};
  order.customer_reference = "PO-77";
  order.hold_reason = "exceeds credit limit by 51.10 EUR";
  order.channel = SalesChannel::kCsv;
  order.requested_delivery_date = day(2026, 3, 20);
  order.ship_to = {"Dock 4, Hafenstraße 1", "Hamburg", "20457", "DE", "HH"};
  order.coupons = {{"SPRING10", false}, {"LOYAL5", false}};
  order.notes = "Ring at gate 2, ask for \"Max\"";
  order.approvals = {
      {1, "sales_manager", "line 2 discount 10 % is over 5 %", ApprovalDecision::kApproved, "bob",
       "ok for this customer", Timestamp{1'772'000'000'000'000}},
      {2, "finance", "order total 127.00 is over 100.00", ApprovalDecision::kPending, "", "",
       Timestamp{}}};
  OrderLine first;
  first.line_no = 1;
  first.product = data.widget.id;
  first.sku = data.widget.sku;
  first.description = "Widget";
  first.quantity = units(10);
  first.unit_price = eur(1000);
  first.tax_category = "standard";
  first.tax_rate = BasisPoints{1900};
  first.net = eur(10000);
  first.tax = eur(1900);
  first.reservations = {{data.east.id, units(4)}, {data.west.id, units(3)}};
  first.price_trace = R"({"source":"contract","steps":[]})";
  first.below_margin_floor = true;
  OrderLine second;
  second.line_no = 2;
  second.product = data.gadget.id;
  second.sku = data.gadget.sku;
  second.description = "Gadget, 1.5 kg";
  second.quantity = Quantity{1500};
  second.unit_price = eur(2000);
  second.discount = BasisPoints{1000};
  second.tax_category = "reduced";
  second.tax_rate = BasisPoints{700};
  second.net = eur(2700);
  second.tax = eur(189);
  order.lines = {first, second};
  order.net_total = eur(12700);
  order.tax_total = eur(2089);
  order.gross_total = eur(14789);
  return order;
}

Result<Order> insert_and_find_order(Store& store, Order order) {
  O2C_ASSIGN_OR_RETURN(order.id, store.write<OrderId>([&](StoreWriter& writer) {
    return writer.insert_order(order);
  }));
  Result<std::unique_ptr<StoreReader>> reader = store.reader();
  if (!reader) return std::move(reader).error();
  O2C_ASSIGN_OR_RETURN(std::optional<Order> found, (*reader)->find_order(order.number));
  if (!found) return internal_error("order_not_found", order.number);
  return std::move(*found);
}

TEST_F(StoreTest, CustomerRoundTripsByNumberAndById) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  Customer customer = make_customer("C-0042");
  customer.terms = terms("EOM15");
  customer.segment = "enterprise";
  customer.tax_exempt = true;
  customer.shipping_address.region = "CA";
  customer.billing_address.region = "NY";
  customer.active = false;
  customer.credit_limit = eur(0);
  Result<CustomerId> id = store->write<CustomerId>(
      [&](StoreWriter& writer) { return writer.insert_customer(customer); });
  ASSERT_TRUE(id.has_value());
  customer.id = *id;

  std::unique_ptr<StoreReader> reader = reader_of(*store);
  ASSERT_NE(reader, nullptr);
  Result<std::optional<Customer>> by_number = reader->find_customer("C-0042");
  ASSERT_TRUE(by_number.has_value());
  ASSERT_TRUE(by_number->has_value());
  EXPECT_EQ(shown(**by_number), shown(customer));
  Result<std::optional<Customer>> by_id = reader->find_customer(customer.id);
  ASSERT_TRUE(by_id.has_value());
  ASSERT_TRUE(by_id->has_value());
  EXPECT_EQ(shown(**by_id), shown(customer));

  EXPECT_FALSE(reader->find_customer("C-9999")->has_value());
  EXPECT_FALSE(reader->find_customer(CustomerId{customer.id.value + 1})->has_value());
}

TEST_F(StoreTest, CustomerBalanceRoundTrips) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  MasterData data = insert_master_data(*store);
  const CustomerBalance balance{eur(11900), eur(2500), eur(300)};
  ASSERT_TRUE(store
                  ->submit([&](StoreWriter& writer) {
                    return writer.save_customer_balance(data.customer.id, balance);
                  })
                  .get());
  std::unique_ptr<StoreReader> reader = reader_of(*store);
  ASSERT_NE(reader, nullptr);
  Result<CustomerBalance> loaded = reader->customer_balance(data.customer);
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->open_receivables, balance.open_receivables);
  EXPECT_EQ(loaded->open_orders, balance.open_orders);
  EXPECT_EQ(loaded->unapplied_cash, balance.unapplied_cash);
  EXPECT_EQ(reason_of(store
                          ->submit([&](StoreWriter& writer) {
                            return writer.save_customer_balance(CustomerId{999}, balance);
                          })
                          .get()),
            "row_not_found");
}

TEST_F(StoreTest, ProductWithTwoListPricesRoundTrips) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  MasterData data = insert_master_data(*store);
  std::unique_ptr<StoreReader> reader = reader_of(*store);
  ASSERT_NE(reader, nullptr);
  Result<std::optional<Product>> widget = reader->find_product("W-100");
  ASSERT_TRUE(widget.has_value());
  ASSERT_TRUE(widget->has_value());
  EXPECT_EQ(shown(**widget), shown(data.widget));
  EXPECT_EQ((*widget)->list_prices.size(), 2u);
  Result<std::optional<Product>> gadget = reader->find_product("G-200");
  ASSERT_TRUE(gadget.has_value() && gadget->has_value());
  EXPECT_EQ(shown(**gadget), shown(data.gadget));
  EXPECT_FALSE(reader->find_product("X-1")->has_value());
  Result<std::vector<Product>> all = reader->list_products();
  ASSERT_TRUE(all.has_value());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].sku, "G-200");
  EXPECT_EQ((*all)[1].sku, "W-100");
}

TEST_F(StoreTest, StockLevelsRoundTripAndUpdateInPlace) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  MasterData data = insert_master_data(*store);
  auto save = [&](const StockLevel& level) { return save_stock(*store, level); };
  ASSERT_TRUE(save({data.west.id, data.widget.id, units(5), units(1)}));
  ASSERT_TRUE(save({data.east.id, data.widget.id, units(20), units(0)}));
  ASSERT_TRUE(save({data.east.id, data.gadget.id, Quantity{2500}, Quantity{500}}));

  std::unique_ptr<StoreReader> reader = reader_of(*store);
  ASSERT_NE(reader, nullptr);
  const std::string east = std::to_string(data.east.id.value);
  const std::string west = std::to_string(data.west.id.value);
  const std::string widget = std::to_string(data.widget.id.value);
  // By warehouse code: WH-EAST before WH-WEST.
  EXPECT_EQ(shown(reader->stock_levels(data.widget.id).value()),
            "warehouse=" + east + " product=" + widget + " on_hand=20000 reserved=0\n" +
                "warehouse=" + west + " product=" + widget + " on_hand=5000 reserved=1000\n");

  ASSERT_TRUE(save({data.west.id, data.widget.id, units(4), units(4)}));
  EXPECT_EQ(shown(reader->stock_levels(data.widget.id).value()),
            "warehouse=" + east + " product=" + widget + " on_hand=20000 reserved=0\n" +
                "warehouse=" + west + " product=" + widget + " on_hand=4000 reserved=4000\n");
  EXPECT_TRUE(reader->stock_levels(ProductId{999})->empty());

  Result<std::vector<StockRow>> rows = reader->list_stock();
  ASSERT_TRUE(rows.has_value());
  std::string listed;
  for (const StockRow& row : *rows) {
    listed += row.sku + "@" + row.warehouse_code + " " + std::to_string(row.on_hand.milli) + "/" +
              std::to_string(row.reserved.milli) + "\n";
  }
  EXPECT_EQ(listed, "G-200@WH-EAST 2500/500\nW-100@WH-EAST 20000/0\nW-100@WH-WEST 4000/4000\n");
}

// ---- the writer's hot rows and retries ---------------------------------------------------

// Adds `delta` minor units to the customer's open orders, as a use case would.
Status add_to_open_orders(StoreWriter& writer, const Customer& customer, std::int64_t delta) {
  O2C_ASSIGN_OR_RETURN(CustomerBalance balance, writer.customer_balance(customer));
  balance.open_orders.minor += delta;
  return writer.save_customer_balance(customer.id, balance);
}

TEST_F(StoreTest, HotRowChangesAreSeenByLaterJobsOfTheBatchAndCommitted) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  MasterData data = insert_master_data(*store);
  ASSERT_TRUE(save_stock(*store, {data.east.id, data.widget.id, units(10), {}}));
  WriterGate gate;
  std::future<Status> gate_done = gate.close(*store);
  std::vector<std::future<Status>> done;
  std::int64_t seen_by_second = -1;
  std::string stock_seen_by_third;
  done.push_back(store->submit([&](StoreWriter& writer) -> Status {
    O2C_RETURN_IF_ERROR(add_to_open_orders(writer, data.customer, 100));
    return writer.save_stock_level({data.east.id, data.widget.id, units(10), units(4)});
  }));
  done.push_back(store->submit([&](StoreWriter& writer) -> Status {
    O2C_ASSIGN_OR_RETURN(CustomerBalance balance, writer.customer_balance(data.customer));
    seen_by_second = balance.open_orders.minor;
    return add_to_open_orders(writer, data.customer, 50);
  }));
  done.push_back(store->submit([&](StoreWriter& writer) -> Status {
    // An SQL query over the stock table must see the change the first job only deferred.
    O2C_ASSIGN_OR_RETURN(std::vector<StockRow> rows, writer.list_stock());
    stock_seen_by_third = std::to_string(rows.at(0).reserved.milli);
    return {};
  }));
  gate.open();
  ASSERT_TRUE(gate_done.get().has_value());
  for (std::future<Status>& job : done) EXPECT_EQ(reason_of(job.get()), "ok");
  EXPECT_EQ(seen_by_second, 100);
  EXPECT_EQ(stock_seen_by_third, "4000");

  std::unique_ptr<StoreReader> reader = reader_of(*store);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->customer_balance(data.customer)->open_orders, eur(150));
  EXPECT_EQ(reader->stock_levels(data.widget.id)->at(0).reserved, units(4));
}

TEST_F(StoreTest, HotRowChangesOfAFailedJobAreUndoneAndTheOthersKept) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  MasterData data = insert_master_data(*store);
  WriterGate gate;
  std::future<Status> gate_done = gate.close(*store);
  std::vector<std::future<Status>> done;
  for (int i = 1; i <= 4; ++i) {
    done.push_back(store->submit([&data, i](StoreWriter& writer) -> Status {
      O2C_RETURN_IF_ERROR(add_to_open_orders(writer, data.customer, i * 1000));
      O2C_ASSIGN_OR_RETURN(std::string number, writer.next_document_number("SO", 2026));
      (void)number;
      if (i == 2) return job_failure();  // after writing: its changes must all go
      return {};
    }));
  }
  gate.open();
  ASSERT_TRUE(gate_done.get().has_value());
  std::vector<std::string> reasons;
  for (std::future<Status>& job : done) reasons.push_back(reason_of(job.get()));
  EXPECT_EQ(reasons, (std::vector<std::string>{"ok", "test_job_failed", "ok", "ok"}));

  std::unique_ptr<StoreReader> reader = reader_of(*store);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->customer_balance(data.customer)->open_orders, eur(1000 + 3000 + 4000));
  // Three numbers taken, none lost to the failed job: the next one is the fourth.
  Result<std::string> next = store->write<std::string>(
      [](StoreWriter& writer) { return writer.next_document_number("SO", 2026); });
  EXPECT_EQ(next.value(), "SO-2026-000004");
}

TEST_F(StoreTest, ABatchIsRetriedOnlyWhenAFailedJobHadWritten) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  MasterData data = insert_master_data(*store);
  // Counting runs is the one outside effect a job may have here: it is what is under test.
  auto run_batch = [&](bool fail_after_writing) {
    std::vector<int> runs(3, 0);
    WriterGate gate;
    std::future<Status> gate_done = gate.close(*store);
    std::vector<std::future<Status>> done;
    for (int i = 0; i < 3; ++i) {
      done.push_back(store->submit([&, i](StoreWriter& writer) -> Status {
        ++runs[static_cast<std::size_t>(i)];
        if (i == 1 && !fail_after_writing) return job_failure();
        O2C_RETURN_IF_ERROR(add_to_open_orders(writer, data.customer, 1));
        if (i == 1) return job_failure();
        return {};
      }));
    }
    gate.open();
    EXPECT_TRUE(gate_done.get().has_value());
    for (std::future<Status>& job : done) (void)job.get();
    return runs;
  };
  EXPECT_EQ(run_batch(false), (std::vector<int>{1, 1, 1}));
  // The first job ran before the failure was known; the batch was retried job by job.
  EXPECT_EQ(run_batch(true), (std::vector<int>{2, 2, 1}));
  std::unique_ptr<StoreReader> reader = reader_of(*store);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->customer_balance(data.customer)->open_orders, eur(4));
}

TEST_F(StoreTest, NewStockRowBesideADeferredChangeKeepsBoth) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  MasterData data = insert_master_data(*store);
  ASSERT_TRUE(save_stock(*store, {data.west.id, data.widget.id, units(5), {}}));
  Status status =
      store
          ->submit([&](StoreWriter& writer) -> Status {
            O2C_ASSIGN_OR_RETURN(std::vector<StockLevel> cached,
                                 writer.stock_levels(data.widget.id));
            EXPECT_EQ(cached.size(), 1u);
            O2C_RETURN_IF_ERROR(
                writer.save_stock_level({data.west.id, data.widget.id, units(5), units(2)}));
            return writer.save_stock_level({data.east.id, data.widget.id, units(7), units(0)});
          })
          .get();
  ASSERT_TRUE(status.has_value());
  std::unique_ptr<StoreReader> reader = reader_of(*store);
  ASSERT_NE(reader, nullptr);
  const std::vector<StockLevel> levels = reader->stock_levels(data.widget.id).value();
  ASSERT_EQ(levels.size(), 2u);
  EXPECT_EQ(levels[0].on_hand, units(7));   // WH-EAST
  EXPECT_EQ(levels[1].reserved, units(2));  // WH-WEST
}

TEST_F(StoreTest, OrderWithLinesAndReservationsRoundTrips) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  MasterData data = insert_master_data(*store);
  Order order = make_order(data, "SO-2026-000001");
  order.coupons[0].redeemed = true;
  Result<Order> found = insert_and_find_order(*store, order);
  ASSERT_TRUE(found.has_value()) << describe(found.error());
  order.id = found->id;
  EXPECT_GT(order.id.value, 0);
  EXPECT_EQ(shown(*found), shown(order));
  ASSERT_EQ(found->lines.size(), 2u);
  EXPECT_EQ(found->lines[0].reservations.size(), 2u);
  EXPECT_TRUE(found->lines[1].reservations.empty());

  std::unique_ptr<StoreReader> reader = reader_of(*store);
  ASSERT_NE(reader, nullptr);
  EXPECT_FALSE(reader->find_order("SO-2026-000099")->has_value());
}

TEST_F(StoreTest, ShippingChargeRoundTripsAndIsMarkedInvoiced) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  MasterData data = insert_master_data(*store);
  Order order = make_order(data, "SO-2026-000001");
  order.shipping = OrderShippingCharge{eur(495), "shipping", BasisPoints{1900}, eur(94)};
  order.net_total = eur(12700 + 495);
  order.tax_total = eur(2089 + 94);
  order.gross_total = eur(14789 + 495 + 94);
  Result<Order> found = insert_and_find_order(*store, order);
  ASSERT_TRUE(found.has_value()) << describe(found.error());
  order.id = found->id;
  EXPECT_EQ(shown(*found), shown(order));
  EXPECT_NE(shown(*found).find("shipping=4.95 EUR+0.94 EUR shipping@1900 invoiced=0"),
            std::string::npos);

  order.shipping->invoiced = true;
  ASSERT_TRUE(store->submit([&](StoreWriter& writer) { return writer.update_order(order); }).get());
  std::unique_ptr<StoreReader> reader = reader_of(*store);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(shown(reader->find_order(order.number)->value()), shown(order));
  const std::string writer_sees =
      store
          ->write<std::string>([&](StoreWriter& writer) -> Result<std::string> {
            O2C_ASSIGN_OR_RETURN(std::optional<Order> stored, writer.find_order(order.number));
            return shown(stored.value());
          })
          .value();
  EXPECT_EQ(writer_sees, shown(order));
}

TEST_F(StoreTest, UpdateOrderWritesStateHoldAndLineProgress) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  MasterData data = insert_master_data(*store);
  Result<Order> inserted = insert_and_find_order(*store, make_order(data, "SO-2026-000001"));
  ASSERT_TRUE(inserted.has_value());
  Order order = *inserted;
  order.state = OrderState::kPartiallyShipped;
  order.hold_reason = "";
  order.lines[0].shipped = units(5);
  order.lines[0].invoiced = units(4);
  order.lines[0].reservations = {{data.west.id, units(2)}};
  order.lines[1].reservations = {{data.east.id, Quantity{1500}}};
  order.ship_to = {"Lager 2", "Bremen", "28195", "DE", "HB"};
  order.coupons[0].redeemed = true;  // a coupon redeemed on re-pricing
  order.manual_hold = ManualHold{"customer asked to wait", "alice", OrderState::kOpen};
  order.cancellation_reason = "line 2 no longer needed";
  order.approvals[1].decision = ApprovalDecision::kRejected;
  order.approvals[1].actor = "carol";
  order.approvals[1].comment = "too large";
  order.approvals[1].decided_at = Timestamp{1'772'000'100'000'000};
  ASSERT_TRUE(store->submit([&](StoreWriter& writer) { return writer.update_order(order); }).get());

  std::unique_ptr<StoreReader> reader = reader_of(*store);
  ASSERT_NE(reader, nullptr);
  Result<std::optional<Order>> found = reader->find_order(order.number);
  ASSERT_TRUE(found.has_value() && found->has_value());
  EXPECT_EQ(shown(**found), shown(order));

  Order unknown = order;
  unknown.id = OrderId{999};
  EXPECT_EQ(
      reason_of(
          store->submit([&](StoreWriter& writer) { return writer.update_order(unknown); }).get()),
      "row_not_found");
}

TEST_F(StoreTest, CouponRedemptionsNameTheOrderAndAreGivenBackWithIt) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  MasterData data = insert_master_data(*store);
  Order redeeming = make_order(data, "SO-2026-000001");
  redeeming.coupons[0].redeemed = true;
  Result<Order> first = insert_and_find_order(*store, redeeming);
  ASSERT_TRUE(first.has_value());
  const std::vector<std::string> codes = {"LOYAL5", "SPRING10", "NOPE"};
  const auto redemptions = [&] {
    std::unique_ptr<StoreReader> reader = reader_of(*store);
    const std::vector<CouponRedemption> found = reader->coupon_redemptions(codes).value();
    std::string text;
    for (const CouponRedemption& r : found) text += r.code + "@" + r.order_number + " ";
    return text;
  };
  EXPECT_EQ(redemptions(), "SPRING10@SO-2026-000001 ");
  // The database itself refuses a second redemption of a single-use code.
  Order second = make_order(data, "SO-2026-000002");
  second.coupons[0].redeemed = true;
  const Status twice = store
                           ->submit([&](StoreWriter& writer) -> Status {
                             O2C_RETURN_IF_ERROR(writer.insert_order(second));
                             return {};
                           })
                           .get();
  EXPECT_FALSE(twice.has_value());
  EXPECT_EQ(redemptions(), "SPRING10@SO-2026-000001 ");
  Order released = *first;
  released.coupons[0].redeemed = false;
  ASSERT_TRUE(
      store->submit([&](StoreWriter& writer) { return writer.update_order(released); }).get());
  EXPECT_EQ(redemptions(), "");
  ASSERT_TRUE(insert_and_find_order(*store, second).has_value());
  EXPECT_EQ(redemptions(), "SPRING10@SO-2026-000002 ");
}

TEST_F(StoreTest, BackorderedOrdersFollowTheirLines) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  MasterData data = insert_master_data(*store);
  // Open, 10 ordered and 7 reserved: 3 backordered. The held order does not wait for stock.
  Order waiting = make_order(data, "SO-2026-000002");
  waiting.state = OrderState::kOpen;
  waiting.hold_reason = "";
  waiting.lines.pop_back();
  waiting.net_total = eur(10000);
  waiting.tax_total = eur(1900);
  waiting.gross_total = eur(11900);
  Result<Order> stored = insert_and_find_order(*store, waiting);
  ASSERT_TRUE(stored.has_value());
  ASSERT_TRUE(insert_and_find_order(*store, make_order(data, "SO-2026-000001")).has_value());

  std::unique_ptr<StoreReader> reader = reader_of(*store);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->backordered_order_numbers(data.widget.id).value(),
            std::vector<std::string>{"SO-2026-000002"});
  EXPECT_TRUE(reader->backordered_order_numbers(data.gadget.id)->empty());

  Order filled = *stored;
  filled.lines[0].reservations.push_back({data.east.id, units(3)});
  ASSERT_TRUE(
      store->submit([&](StoreWriter& writer) { return writer.update_order(filled); }).get());
  EXPECT_TRUE(reader->backordered_order_numbers(data.widget.id)->empty());
}

TEST_F(StoreTest, OpenOrdersOfAProductAreThoseThatMayStillShipIt) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  MasterData data = insert_master_data(*store);
  Order open = make_order(data, "SO-2026-000003");
  open.state = OrderState::kOpen;
  Order shipped = make_order(data, "SO-2026-000002");
  shipped.state = OrderState::kPartiallyShipped;
  shipped.lines[0].reservations.clear();
  shipped.lines[0].shipped = shipped.lines[0].quantity;  // the widget line is done
  ASSERT_TRUE(insert_and_find_order(*store, open).has_value());
  ASSERT_TRUE(insert_and_find_order(*store, shipped).has_value());
  // On credit hold: does not compete for stock.
  ASSERT_TRUE(insert_and_find_order(*store, make_order(data, "SO-2026-000001")).has_value());

  std::unique_ptr<StoreReader> reader = reader_of(*store);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->open_order_numbers(data.widget.id).value(),
            std::vector<std::string>{"SO-2026-000003"});
  EXPECT_EQ(reader->open_order_numbers(data.gadget.id).value(),
            (std::vector<std::string>{"SO-2026-000002", "SO-2026-000003"}));
}

TEST_F(StoreTest, ExpectedReceiptsRoundTripAndCloseAtZero) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  MasterData data = insert_master_data(*store);
  ExpectedReceipt late{data.widget.id, data.east.id, units(5), day(2026, 4, 1)};
  late.reference = "PO-2";
  ExpectedReceipt early{data.widget.id, data.west.id, Quantity{2500}, day(2026, 3, 10)};
  const ExpectedReceipt other{data.gadget.id, data.east.id, units(1), day(2026, 3, 1)};
  Status inserted = store
                        ->submit([&](StoreWriter& writer) -> Status {
                          O2C_ASSIGN_OR_RETURN(late.id, writer.insert_expected_receipt(late));
                          O2C_ASSIGN_OR_RETURN(early.id, writer.insert_expected_receipt(early));
                          O2C_RETURN_IF_ERROR(writer.insert_expected_receipt(other));
                          return {};
                        })
                        .get();
  ASSERT_TRUE(inserted.has_value()) << describe(inserted.error());

  std::unique_ptr<StoreReader> reader = reader_of(*store);
  ASSERT_NE(reader, nullptr);
  const auto listed = [&] {
    std::string text;
    const std::vector<ExpectedReceipt> receipts = reader->expected_receipts(data.widget.id).value();
    for (const ExpectedReceipt& r : receipts) {
      text += (text.empty() ? "" : ", ") + std::to_string(r.warehouse.value) + " " +
              format_quantity(r.quantity) + " " + format_date(r.expected) + " '" + r.reference +
              "'";
    }
    return text;
  };
  const std::string east = std::to_string(data.east.id.value);
  const std::string west = std::to_string(data.west.id.value);
  EXPECT_EQ(listed(), west + " 2.5 2026-03-10 '', " + east + " 5 2026-04-01 'PO-2'");

  ASSERT_TRUE(store
                  ->submit([&](StoreWriter& writer) -> Status {
                    O2C_RETURN_IF_ERROR(writer.save_expected_receipt_open(early.id, Quantity{0}));
                    return writer.save_expected_receipt_open(late.id, units(1));
                  })
                  .get());
  EXPECT_EQ(listed(), east + " 1 2026-04-01 'PO-2'");
  // Never above what was announced, and only receipts that exist.
  EXPECT_FALSE(store
                   ->submit([&](StoreWriter& writer) {
                     return writer.save_expected_receipt_open(late.id, units(6));
                   })
                   .get()
                   .has_value());
  EXPECT_FALSE(store
                   ->submit([&](StoreWriter& writer) {
                     return writer.save_expected_receipt_open(ExpectedReceiptId{999}, units(1));
                   })
                   .get()
                   .has_value());
  EXPECT_EQ(listed(), east + " 1 2026-04-01 'PO-2'");
}

TEST_F(StoreTest, WarehouseCountryAndCustomerTierRoundTripThroughWriterAndReader) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  MasterData data = insert_master_data(*store);
  Warehouse north{{}, "WH-NORTH", "North", "SE"};
  Customer customer = make_customer("C-0077");
  customer.tier = 2;
  customer.preferred_warehouse = "WH-NORTH";
  // One job: the warehouse list the writer caches must include a warehouse added after it
  // was first read, and the customer it reads back must be what was inserted.
  Result<std::string> seen =
      store->write<std::string>([&](StoreWriter& writer) -> Result<std::string> {
        O2C_ASSIGN_OR_RETURN(std::vector<Warehouse> before, writer.list_warehouses());
        O2C_ASSIGN_OR_RETURN(north.id, writer.insert_warehouse(north));
        O2C_ASSIGN_OR_RETURN(customer.id, writer.insert_customer(customer));
        O2C_ASSIGN_OR_RETURN(std::vector<Warehouse> after, writer.list_warehouses());
        O2C_ASSIGN_OR_RETURN(std::optional<Customer> found, writer.find_customer(customer.number));
        return std::to_string(before.size()) + " " + std::to_string(after.size()) + " " +
               after[1].code + "/" + after[1].country + " " + shown(found.value());
      });
  ASSERT_TRUE(seen.has_value()) << describe(seen.error());
  EXPECT_EQ(*seen, "2 3 WH-NORTH/SE " + shown(customer));  // by code: EAST, NORTH, WEST

  std::unique_ptr<StoreReader> reader = reader_of(*store);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(shown(reader->find_customer(customer.id)->value()), shown(customer));
  EXPECT_EQ(reader->find_customer(data.customer.number)->value().tier, 5);
  EXPECT_EQ(reader->find_customer(data.customer.number)->value().preferred_warehouse, "");
  EXPECT_EQ(reader->find_warehouse("WH-NORTH")->value().country, "SE");
}

Shipment make_shipment(const MasterData& data, const Order& order, std::string number,
                       Quantity east, Quantity west) {
  Shipment shipment;
  shipment.number = std::move(number);
  shipment.order = order.id;
  shipment.order_number = order.number;
  shipment.ship_date = day(2026, 3, 4);
  shipment.lines = {{1, data.widget.id, data.widget.sku, data.east.id, east},
                    {1, data.widget.id, data.widget.sku, data.west.id, west}};
  return shipment;
}

TEST_F(StoreTest, ShipmentsOfOrderRoundTripInNumberOrder) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  MasterData data = insert_master_data(*store);
  Result<Order> order = insert_and_find_order(*store, make_order(data, "SO-2026-000001"));
  Result<Order> other = insert_and_find_order(*store, make_order(data, "SO-2026-000002"));
  ASSERT_TRUE(order.has_value() && other.has_value());
  Shipment second = make_shipment(data, *order, "SH-2026-000002", units(1), units(1));
  second.ship_date = day(2026, 3, 9);
  second.lines.pop_back();
  Shipment first = make_shipment(data, *order, "SH-2026-000001", units(2), units(3));
  Shipment elsewhere = make_shipment(data, *other, "SH-2026-000003", units(1), units(1));
  for (Shipment* shipment : {&second, &first, &elsewhere}) {
    Result<ShipmentId> id = store->write<ShipmentId>(
        [&](StoreWriter& writer) { return writer.insert_shipment(*shipment); });
    ASSERT_TRUE(id.has_value());
    shipment->id = *id;
  }
  std::unique_ptr<StoreReader> reader = reader_of(*store);
  ASSERT_NE(reader, nullptr);
  Result<std::vector<Shipment>> shipments = reader->shipments_of_order(order->id);
  ASSERT_TRUE(shipments.has_value());
  ASSERT_EQ(shipments->size(), 2u);
  EXPECT_EQ(shown((*shipments)[0]), shown(first));
  EXPECT_EQ(shown((*shipments)[1]), shown(second));
  EXPECT_TRUE(reader->shipments_of_order(OrderId{999})->empty());
}

struct Billed {
  MasterData data;
  Order order;
  Shipment shipment;
  Invoice invoice;
};

// An order, its shipment of 5 widgets and the invoice for it (due 30 days later).
Billed insert_billed_order(Store& store) {
  Billed billed;
  billed.data = insert_master_data(store);
  Result<Order> order = insert_and_find_order(store, make_order(billed.data, "SO-2026-000001"));
  EXPECT_TRUE(order.has_value());
  if (order) billed.order = *order;
  billed.shipment = make_shipment(billed.data, billed.order, "SH-2026-000001", units(2), units(3));
  Invoice& invoice = billed.invoice;
  invoice.number = "INV-2026-000001";
  invoice.customer = billed.data.customer.id;
  invoice.customer_number = billed.data.customer.number;
  invoice.order = billed.order.id;
  invoice.order_number = billed.order.number;
  invoice.shipment_number = billed.shipment.number;
  invoice.invoice_date = day(2026, 3, 4);
  invoice.due_date = day(2026, 4, 3);
  invoice.currency = currency("EUR");
  invoice.lines = {{1, billed.order.id, billed.order.number, 1, "W-100", "Widget", units(2),
                    eur(1000), "standard", BasisPoints{1900}, eur(2000), eur(380)},
                   {2, billed.order.id, billed.order.number, 1, "W-100", "Widget", units(3),
                    eur(1000), "standard", BasisPoints{1900}, eur(3000), eur(570)}};
  invoice.net_total = eur(5000);
  invoice.tax_total = eur(950);
  invoice.gross_total = eur(5950);
  invoice.paid = invoice.credited = invoice.discount_taken = eur(0);
  invoice.terms = "NET30";
  Status status =
      store
          .submit([&](StoreWriter& writer) -> Status {
            O2C_ASSIGN_OR_RETURN(billed.shipment.id, writer.insert_shipment(billed.shipment));
            invoice.shipment = billed.shipment.id;
            O2C_ASSIGN_OR_RETURN(invoice.id, writer.insert_invoice(invoice));
            return {};
          })
          .get();
  EXPECT_TRUE(status.has_value()) << (status ? "" : describe(status.error()));
  return billed;
}

TEST_F(StoreTest, InvoiceRoundTrips) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  Billed billed = insert_billed_order(*store);
  std::unique_ptr<StoreReader> reader = reader_of(*store);
  ASSERT_NE(reader, nullptr);
  Result<std::optional<Invoice>> found = reader->find_invoice("INV-2026-000001");
  ASSERT_TRUE(found.has_value() && found->has_value());
  EXPECT_EQ(shown(**found), shown(billed.invoice));
  EXPECT_FALSE(reader->find_invoice("INV-2026-000002")->has_value());
}

TEST_F(StoreTest, OpenItemsFollowPaidAmounts) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  Billed billed = insert_billed_order(*store);
  std::unique_ptr<StoreReader> reader = reader_of(*store);
  ASSERT_NE(reader, nullptr);
  auto pay = [&](InvoiceId invoice, Money paid) {
    return store
        ->submit([=](StoreWriter& writer) { return writer.update_invoice_paid(invoice, paid); })
        .get();
  };
  const std::string item = "INV-2026-000001 C-0001 2026-03-04 due 2026-04-03 open ";
  EXPECT_EQ(shown(reader->open_items(std::nullopt).value()), item + "59.50 EUR\n");
  EXPECT_EQ(shown(reader->open_items(billed.data.customer.id).value()), item + "59.50 EUR\n");
  EXPECT_EQ(shown(reader->open_items(CustomerId{999}).value()), "");

  ASSERT_TRUE(pay(billed.invoice.id, eur(2000)));
  EXPECT_EQ(shown(reader->open_items(std::nullopt).value()), item + "39.50 EUR\n");
  EXPECT_EQ(reader->find_invoice(billed.invoice.number)->value().paid, eur(2000));

  EXPECT_EQ(reason_of(pay(billed.invoice.id, eur(5951))), "constraint_violation");
  EXPECT_EQ(reason_of(pay(InvoiceId{999}, eur(1))), "row_not_found");
  EXPECT_EQ(reader->find_invoice(billed.invoice.number)->value().paid, eur(2000));

  ASSERT_TRUE(pay(billed.invoice.id, eur(5950)));
  EXPECT_EQ(shown(reader->open_items(std::nullopt).value()), "");
}

// The writer keeps the orders and invoices it writes; what it sees must be what was stored.
TEST_F(StoreTest, WriterSeesOrdersAndInvoicesExactlyAsAReaderDoes) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  Billed billed = insert_billed_order(*store);
  std::unique_ptr<StoreReader> reader = reader_of(*store);
  ASSERT_NE(reader, nullptr);
  auto writer_sees = [&] {
    return store
        ->write<std::string>([&](StoreWriter& writer) -> Result<std::string> {
          O2C_ASSIGN_OR_RETURN(std::optional<Order> order, writer.find_order(billed.order.number));
          O2C_ASSIGN_OR_RETURN(std::optional<Invoice> invoice,
                               writer.find_invoice(billed.invoice.number));
          return shown(order.value()) + shown(invoice.value());
        })
        .value();
  };
  auto reader_sees = [&] {
    return shown(reader->find_order(billed.order.number)->value()) +
           shown(reader->find_invoice(billed.invoice.number)->value());
  };
  EXPECT_EQ(writer_sees(), reader_sees());

  Order changed = billed.order;
  changed.state = OrderState::kPartiallyShipped;
  changed.hold_reason = "";
  changed.lines[0].shipped = units(5);
  changed.lines[0].reservations = {{billed.data.west.id, units(2)}};
  changed.customer_reference = "not stored by update_order";
  ASSERT_TRUE(store
                  ->submit([&](StoreWriter& writer) -> Status {
                    O2C_RETURN_IF_ERROR(writer.update_order(changed));
                    return writer.update_invoice_paid(billed.invoice.id, eur(1000));
                  })
                  .get());
  EXPECT_EQ(writer_sees(), reader_sees());
  EXPECT_EQ(reader->find_order(billed.order.number)->value().customer_reference,
            billed.order.customer_reference);

  // A job that fails after updating leaves the writer's copies as they were stored.
  EXPECT_EQ(
      reason_of(store
                    ->submit([&](StoreWriter& writer) -> Status {
                      O2C_RETURN_IF_ERROR(writer.update_invoice_paid(billed.invoice.id, eur(5950)));
                      return job_failure();
                    })
                    .get()),
      "test_job_failed");
  EXPECT_EQ(writer_sees(), reader_sees());
  EXPECT_EQ(reader->find_invoice(billed.invoice.number)->value().paid, eur(1000));
}

TEST_F(StoreTest, PaymentRoundTripsAndIsRecognisedByReference) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  MasterData data = insert_master_data(*store);
  Payment payment;
  payment.number = "PAY-2026-000001";
  payment.customer = data.customer.id;
  payment.customer_number = data.customer.number;
  payment.amount = eur(7500);
  payment.unapplied = eur(7500);
  payment.received_on = day(2026, 3, 20);
  payment.method = PaymentMethod::kCheque;
  payment.reference = "CHQ 000123";
  Result<PaymentId> id =
      store->write<PaymentId>([&](StoreWriter& writer) { return writer.insert_payment(payment); });
  ASSERT_TRUE(id.has_value());
  payment.id = *id;

  std::unique_ptr<StoreReader> reader = reader_of(*store);
  ASSERT_NE(reader, nullptr);
  Result<std::optional<Payment>> found = reader->find_payment(data.customer.id, "CHQ 000123");
  ASSERT_TRUE(found.has_value() && found->has_value());
  EXPECT_EQ(shown(**found), shown(payment));
  EXPECT_FALSE(reader->find_payment(data.customer.id, "CHQ 000124")->has_value());
  EXPECT_FALSE(reader->find_payment(CustomerId{999}, "CHQ 000123")->has_value());

  ASSERT_TRUE(store
                  ->submit([&](StoreWriter& writer) {
                    return writer.update_payment_unapplied(payment.id, eur(500));
                  })
                  .get());
  EXPECT_EQ(reader->find_payment(data.customer.id, "CHQ 000123")->value().unapplied, eur(500));

  Payment retry = payment;
  retry.number = "PAY-2026-000002";
  Result<PaymentId> duplicate =
      store->write<PaymentId>([&](StoreWriter& writer) { return writer.insert_payment(retry); });
  ASSERT_FALSE(duplicate.has_value());
  EXPECT_EQ(duplicate.error().reason, "constraint_violation");
}

// `entry` translated into EUR at `rate` millionths (1'000'000 for EUR entries).
LedgerEntry in_eur(LedgerEntry entry, std::int64_t rate = kFxRateScale) {
  Result<Currency> eur_currency = currency_from_code("EUR");
  Result<LedgerEntry> translated = translate_entry(std::move(entry), FxRate{rate}, *eur_currency);
  O2C_ASSERT(translated.has_value());
  return std::move(*translated);
}

TEST_F(StoreTest, AccountTotalsSumPostedEntriesPerCurrencyAndAccount) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  const Date date = day(2026, 3, 4);
  Status posted =
      store
          ->submit([&](StoreWriter& writer) -> Status {
            O2C_RETURN_IF_ERROR(writer.set_company_currency("EUR"));
            O2C_RETURN_IF_ERROR(writer.post(
                in_eur(post_invoice("INV-2026-000001", date, eur(11900), eur(10000), eur(1900)))));
            O2C_RETURN_IF_ERROR(writer.post(
                in_eur(post_invoice("INV-2026-000002", date, eur(5950), eur(5000), eur(950)))));
            O2C_RETURN_IF_ERROR(
                writer.post(in_eur(post_payment("PAY-2026-000001", date, eur(7000), eur(0)))));
            O2C_RETURN_IF_ERROR(
                writer.post(in_eur(post_payment_applied("PAY-2026-000001", date, eur(7000)))));
            // 2.50 USD at 1.1 = 2.75 EUR
            O2C_RETURN_IF_ERROR(writer.post(
                in_eur(post_payment("PAY-2026-000002", date, usd(250), usd(0)), 1'100'000)));
            // No lines: skipped, not an error.
            return writer.post(LedgerEntry{"INV-2026-000003", date, "free line", {}, {}});
          })
          .get();
  ASSERT_TRUE(posted) << describe(posted.error());
  std::unique_ptr<StoreReader> reader = reader_of(*store);
  ASSERT_NE(reader, nullptr);
  Result<std::vector<AccountTotals>> totals = reader->account_totals();
  ASSERT_TRUE(totals.has_value());
  EXPECT_EQ(shown(*totals),
            "1000 debit 70.00 EUR credit 0.00 EUR\n"
            "1100 debit 178.50 EUR credit 70.00 EUR\n"
            "2100 debit 0.00 EUR credit 28.50 EUR\n"
            "2200 debit 70.00 EUR credit 70.00 EUR\n"
            "4000 debit 0.00 EUR credit 150.00 EUR\n"
            "1000 debit 2.50 USD credit 0.00 USD\n"
            "2200 debit 0.00 USD credit 2.50 USD\n");
  for (const TrialBalance& balance : trial_balance(*totals))
    EXPECT_EQ(balance.total_debit, balance.total_credit);
  // The company's view: the USD payment at 1.1 joins the EUR amounts.
  Result<std::vector<AccountTotals>> company = reader->company_account_totals();
  ASSERT_TRUE(company.has_value());
  EXPECT_EQ(shown(*company),
            "1000 debit 72.75 EUR credit 0.00 EUR\n"
            "1100 debit 178.50 EUR credit 70.00 EUR\n"
            "2100 debit 0.00 EUR credit 28.50 EUR\n"
            "2200 debit 70.00 EUR credit 72.75 EUR\n"
            "4000 debit 0.00 EUR credit 150.00 EUR\n");
  ASSERT_EQ(trial_balance(*company).size(), 1u);
}

TEST_F(StoreTest, FxRatesAreFoundOnOrBeforeADate) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  const Currency usd_currency = usd(0).currency;
  Status saved = store
                     ->submit([&](StoreWriter& writer) -> Status {
                       O2C_RETURN_IF_ERROR(writer.set_company_currency("EUR"));
                       O2C_RETURN_IF_ERROR(writer.insert_fx_rate(
                           FxRateEntry{day(2026, 3, 1), usd_currency, FxRate{1'100'000}}));
                       O2C_RETURN_IF_ERROR(writer.insert_fx_rate(
                           FxRateEntry{day(2026, 3, 10), usd_currency, FxRate{1'080'000}}));
                       return writer.insert_document_fx(DocumentFx{"INV-2026-000001", usd(100000),
                                                                   FxRate{1'100'000}, eur(110000)});
                     })
                     .get();
  ASSERT_TRUE(saved) << describe(saved.error());
  std::unique_ptr<StoreReader> reader = reader_of(*store);
  ASSERT_NE(reader, nullptr);
  EXPECT_FALSE(reader->fx_rate_on(usd_currency, day(2026, 2, 28))->has_value());
  EXPECT_EQ((*reader->fx_rate_on(usd_currency, day(2026, 3, 1)))->rate.micros, 1'100'000);
  EXPECT_EQ((*reader->fx_rate_on(usd_currency, day(2026, 3, 9)))->rate.micros, 1'100'000);
  EXPECT_EQ((*reader->fx_rate_on(usd_currency, day(2026, 3, 10)))->rate.micros, 1'080'000);
  EXPECT_EQ((*reader->fx_rate_on(usd_currency, day(2027, 1, 1)))->date, day(2026, 3, 10));
  EXPECT_EQ(reader->list_fx_rates(std::nullopt)->size(), 2u);
  EXPECT_EQ(reader->list_fx_rates(eur(0).currency)->size(), 0u);
  Result<std::optional<DocumentFx>> fx = reader->find_document_fx("INV-2026-000001");
  ASSERT_TRUE(fx.has_value() && fx->has_value());
  EXPECT_EQ((*fx)->company_amount, eur(110000));
  EXPECT_EQ((*fx)->amount, usd(100000));
  EXPECT_FALSE(reader->find_document_fx("INV-2026-000002")->has_value());
}

TEST_F(StoreTest, PostingIntoAClosedMonthFailsAndTheJobLeavesNoTrace) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  const PeriodStatus march{YearMonth{2026, 3}, true, Timestamp{1}, "alice", ""};
  ASSERT_TRUE(store
                  ->submit([&](StoreWriter& w) -> Status {
                    O2C_RETURN_IF_ERROR(w.set_company_currency("EUR"));
                    return w.save_accounting_period(march);
                  })
                  .get());
  // A job that posts into April, then into March: the March posting fails, the job rolls back.
  Status posted =
      store
          ->submit([&](StoreWriter& writer) -> Status {
            O2C_RETURN_IF_ERROR(writer.post(in_eur(post_invoice(
                "INV-2026-000001", day(2026, 4, 1), eur(11900), eur(10000), eur(1900)))));
            return writer.post(in_eur(
                post_invoice("INV-2026-000002", day(2026, 3, 31), eur(5950), eur(5000), eur(950))));
          })
          .get();
  ASSERT_FALSE(posted);
  EXPECT_EQ(posted.error().reason, "period_closed");
  EXPECT_EQ(posted.error().where, "INV-2026-000002 dated 2026-03-31");
  std::unique_ptr<StoreReader> reader = reader_of(*store);
  ASSERT_NE(reader, nullptr);
  EXPECT_TRUE(reader->account_totals()->empty());
  // Reopened (the row replaced): March takes postings again.
  PeriodStatus reopened = march;
  reopened.closed = false;
  reopened.reason = "late invoice";
  ASSERT_TRUE(
      store->submit([&](StoreWriter& w) { return w.save_accounting_period(reopened); }).get());
  ASSERT_TRUE(store
                  ->submit([&](StoreWriter& writer) {
                    return writer.post(in_eur(post_invoice("INV-2026-000002", day(2026, 3, 31),
                                                           eur(5950), eur(5000), eur(950))));
                  })
                  .get());
  Result<std::vector<PeriodStatus>> periods = reader->accounting_periods();
  ASSERT_EQ(periods->size(), 1u);
  EXPECT_FALSE(periods->front().closed);
  EXPECT_EQ(periods->front().reason, "late invoice");
  EXPECT_EQ(reader->posted_months()->size(), 1u);
}

TEST_F(StoreTest, ScanLedgerFiltersByAccountAndDateInDateOrder) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store
                  ->submit([&](StoreWriter& writer) -> Status {
                    O2C_RETURN_IF_ERROR(writer.set_company_currency("EUR"));
                    O2C_RETURN_IF_ERROR(writer.post(in_eur(post_invoice(
                        "INV-2026-000002", day(2026, 3, 9), eur(5950), eur(5000), eur(950)))));
                    O2C_RETURN_IF_ERROR(writer.post(in_eur(post_invoice(
                        "INV-2026-000001", day(2026, 3, 2), eur(11900), eur(10000), eur(1900)))));
                    O2C_RETURN_IF_ERROR(
                        writer.post(in_eur(post_stock_receipt("GR-1", day(2026, 3, 1), eur(800)))));
                    return writer.post(in_eur(
                        post_payment("PAY-2026-000001", day(2026, 3, 20), eur(7000), eur(7000))));
                  })
                  .get());
  std::unique_ptr<StoreReader> reader = reader_of(*store);
  ASSERT_NE(reader, nullptr);
  const auto documents = [&](const LedgerQuery& query) {
    std::string seen;
    EXPECT_TRUE(reader->scan_ledger(query, [&](const PostedEntry& posted) {
      seen += posted.entry.document + "/" + std::to_string(posted.entry.lines.size()) + " ";
      return true;
    }));
    return seen;
  };
  EXPECT_EQ(documents({}), "GR-1/2 INV-2026-000001/3 INV-2026-000002/3 PAY-2026-000001/2 ");
  EXPECT_EQ(documents({Account::kReceivables, std::nullopt}),
            "INV-2026-000001/3 INV-2026-000002/3 PAY-2026-000001/2 ");
  EXPECT_EQ(documents({Account::kReceivables, day(2026, 3, 9)}),
            "INV-2026-000001/3 INV-2026-000002/3 ");
  EXPECT_EQ(documents({Account::kInventory, day(2026, 2, 28)}), "");
}

TEST_F(StoreTest, CompanyCurrencyRoundTripsAndCanChange) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  std::unique_ptr<StoreReader> reader = reader_of(*store);
  ASSERT_NE(reader, nullptr);
  ASSERT_TRUE(
      store->submit([](StoreWriter& writer) { return writer.set_company_currency("EUR"); }).get());
  EXPECT_EQ(reader->company_currency().value(), "EUR");
  ASSERT_TRUE(
      store->submit([](StoreWriter& writer) { return writer.set_company_currency("CHF"); }).get());
  EXPECT_EQ(reader->company_currency().value(), "CHF");
}

// ---- journal --------------------------------------------------------------------------------

JournalDraft draft(std::string kind, std::string document, std::int64_t micros) {
  return JournalDraft{Timestamp{micros}, "test", std::move(kind), std::move(document),
                      "{\"n\":" + std::to_string(micros) + "}"};
}

Result<std::int64_t> append(Store& store, const JournalDraft& event) {
  return store.write<std::int64_t>(
      [&](StoreWriter& writer) { return writer.append_journal(event); });
}

// Feeds the whole journal to a verifier; returns "<count> ok" or the verifier's failure, and
// the kinds in order.
std::string verify_journal(Store& store, std::string* kinds = nullptr) {
  Result<std::unique_ptr<StoreReader>> reader = store.reader();
  if (!reader) return describe(reader.error());
  ChainVerifier verifier;
  Status scanned = (*reader)->scan_journal(0, [&](const StoredJournalEntry& entry) {
    if (kinds != nullptr) *kinds += entry.event.kind + " ";
    return verifier.feed(entry);
  });
  if (!scanned) return describe(scanned.error());
  if (!verifier.ok()) return *verifier.failure();
  return std::to_string(verifier.verified_count()) + " ok";
}

TEST_F(StoreTest, JournalChainVerifies) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(verify_journal(*store), "0 ok");
  EXPECT_EQ(append(*store, draft("order.placed", "SO-2026-000001", 100)).value(), 1);
  EXPECT_EQ(append(*store, draft("order.released", "SO-2026-000001", 200)).value(), 2);
  std::vector<std::int64_t> sequences;
  ASSERT_TRUE(store
                  ->submit([&](StoreWriter& writer) -> Status {
                    for (int i = 0; i < 3; ++i) {
                      O2C_ASSIGN_OR_RETURN(std::int64_t sequence,
                                           writer.append_journal(draft("shipment.posted",
                                                                       "SH-2026-000001", 300 + i)));
                      sequences.push_back(sequence);
                    }
                    return {};
                  })
                  .get());
  EXPECT_EQ(sequences, (std::vector<std::int64_t>{3, 4, 5}));
  std::string kinds;
  EXPECT_EQ(verify_journal(*store, &kinds), "5 ok");
  EXPECT_EQ(kinds, "order.placed order.released shipment.posted shipment.posted shipment.posted ");
}

TEST_F(StoreTest, ScanJournalStartsAfterASequenceAndStopsWhenAsked) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  for (int i = 1; i <= 5; ++i)
    ASSERT_TRUE(append(*store, draft("event." + std::to_string(i), "D", i)).has_value());
  std::unique_ptr<StoreReader> reader = reader_of(*store);
  ASSERT_NE(reader, nullptr);
  std::vector<std::int64_t> seen;
  ASSERT_TRUE(reader->scan_journal(2, [&](const StoredJournalEntry& entry) {
    seen.push_back(entry.event.sequence);
    return entry.event.sequence < 4;
  }));
  EXPECT_EQ(seen, (std::vector<std::int64_t>{3, 4}));
}

TEST_F(StoreTest, FailedJobRestoresTheJournalHead) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(append(*store, draft("order.placed", "SO-2026-000001", 100)).has_value());
  Status failed =
      store
          ->submit([](StoreWriter& writer) -> Status {
            O2C_RETURN_IF_ERROR(writer.append_journal(draft("order.lost", "SO-2026-000002", 200)));
            return job_failure();
          })
          .get();
  EXPECT_EQ(reason_of(failed), "test_job_failed");
  EXPECT_EQ(append(*store, draft("order.placed", "SO-2026-000003", 300)).value(), 2);
  std::string kinds;
  EXPECT_EQ(verify_journal(*store, &kinds), "2 ok");
  EXPECT_EQ(kinds, "order.placed order.placed ");
}

TEST_F(StoreTest, FailedJobInsideABatchRestoresTheJournalHead) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  WriterGate gate;
  std::future<Status> gate_done = gate.close(*store);
  std::vector<std::future<Status>> done;
  std::vector<std::int64_t> sequences(4);
  for (std::size_t i = 0; i < sequences.size(); ++i) {
    done.push_back(store->submit([&sequences, i](StoreWriter& writer) -> Status {
      O2C_ASSIGN_OR_RETURN(sequences[i],
                           writer.append_journal(draft("event." + std::to_string(i), "D",
                                                       static_cast<std::int64_t>(i))));
      if (i == 1 || i == 2) return job_failure();
      return {};
    }));
  }
  gate.open();
  ASSERT_TRUE(gate_done.get().has_value());
  for (std::future<Status>& job : done) (void)job.get();
  EXPECT_EQ(sequences, (std::vector<std::int64_t>{1, 2, 2, 2}));
  std::string kinds;
  EXPECT_EQ(verify_journal(*store, &kinds), "2 ok");
  EXPECT_EQ(kinds, "event.0 event.3 ");
}

TEST_F(StoreTest, ReopenedStoreContinuesTheChain) {
  const std::string file = path("o2c.db");
  {
    std::unique_ptr<Store> store = create();
    ASSERT_NE(store, nullptr);
    for (int i = 1; i <= 3; ++i) ASSERT_TRUE(append(*store, draft("before", "D", i)).has_value());
  }
  std::unique_ptr<Store> store = open(file, OpenMode::kExisting);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(append(*store, draft("after", "D", 4)).value(), 4);
  std::string kinds;
  EXPECT_EQ(verify_journal(*store, &kinds), "4 ok");
  EXPECT_EQ(kinds, "before before before after ");
}

TEST_F(StoreTest, MalformedJournalHeadIsReportedAsCorrupt) {
  const std::string file = path("o2c.db");
  {
    std::unique_ptr<Store> store = create();
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(append(*store, draft("order.placed", "SO-2026-000001", 1)).has_value());
  }
  execute_raw(file, "UPDATE journal SET hash = 'abc'");
  EXPECT_EQ(reason_of(Store::open_sqlite(file, OpenMode::kExisting)), "database_corrupt");
  // Right length, not hex: must be an error too, not an exception out of open_sqlite.
  execute_raw(file, "UPDATE journal SET hash = '" + std::string(64, 'z') + "'");
  EXPECT_EQ(reason_of(Store::open_sqlite(file, OpenMode::kExisting)), "database_corrupt");
  execute_raw(file, "UPDATE journal SET hash = '+1" + std::string(62, '0') + "'");
  EXPECT_EQ(reason_of(Store::open_sqlite(file, OpenMode::kExisting)), "database_corrupt");
}

// ---- readers --------------------------------------------------------------------------------

TEST_F(StoreTest, ReaderSeesCommittedDataOnly) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  std::unique_ptr<StoreReader> reader = reader_of(*store);
  ASSERT_NE(reader, nullptr);
  std::promise<void> inserted;
  std::promise<void> release;
  std::future<Status> done = store->submit([&](StoreWriter& writer) -> Status {
    Status work = [&]() -> Status {
      O2C_RETURN_IF_ERROR(writer.insert_customer(make_customer("C-0001")));
      O2C_RETURN_IF_ERROR(writer.append_journal(draft("customer.created", "C-0001", 1)));
      // The writer sees its own uncommitted row.
      O2C_ASSIGN_OR_RETURN(std::optional<Customer> own, writer.find_customer("C-0001"));
      if (!own) return internal_error("own_write_invisible", "C-0001");
      return {};
    }();
    inserted.set_value();  // whatever happened, so that the test never hangs
    release.get_future().wait();
    return work;
  });
  inserted.get_future().wait();
  Result<std::optional<Customer>> before = reader->find_customer("C-0001");
  ASSERT_TRUE(before.has_value()) << describe(before.error());
  EXPECT_FALSE(before->has_value());
  EXPECT_EQ(reader->cycle_counts().value().journal_entries, 0);
  release.set_value();
  ASSERT_TRUE(done.get());
  Result<std::optional<Customer>> after = reader->find_customer("C-0001");
  ASSERT_TRUE(after.has_value());
  EXPECT_TRUE(after->has_value());
  EXPECT_EQ(reader->cycle_counts().value().journal_entries, 1);
}

TEST_F(StoreTest, ReaderNeverSeesAFailedJob) {
  std::unique_ptr<Store> store = create();
  ASSERT_NE(store, nullptr);
  Status failed = store
                      ->submit([](StoreWriter& writer) -> Status {
                        O2C_RETURN_IF_ERROR(writer.insert_customer(make_customer("C-0001")));
                        return job_failure();
                      })
                      .get();
  EXPECT_FALSE(failed.has_value());
  std::unique_ptr<StoreReader> reader = reader_of(*store);
  ASSERT_NE(reader, nullptr);
  EXPECT_FALSE(reader->find_customer("C-0001")->has_value());
}

// ---- invariants -----------------------------------------------------------------------------

// Opens a new store at `file` and posts `entry` through the writer thread.
void post_in_new_store(const std::string& file, const LedgerEntry& entry) {
  Result<std::unique_ptr<Store>> store = Store::open_sqlite(file, OpenMode::kCreate);
  if (!store) return;
  (void)(*store)
      ->submit([&](StoreWriter& writer) -> Status {
        O2C_RETURN_IF_ERROR(writer.set_company_currency("EUR"));
        return writer.post(entry);
      })
      .get();
}

using StoreDeathTest = StoreTest;

TEST_F(StoreDeathTest, PostingAnUnbalancedEntryAborts) {
  const LedgerEntry unbalanced{
      "INV-2026-000001",
      day(2026, 3, 4),
      "broken",
      {{Account::kReceivables, eur(11900)}, {Account::kRevenue, eur(-11800)}}};
  EXPECT_DEATH(post_in_new_store(path("o2c.db"), unbalanced), "invariant broken: is_balanced");
}

TEST_F(StoreDeathTest, PostingASingleLineEntryAborts) {
  const LedgerEntry single{
      "INV-2026-000001", day(2026, 3, 4), "one-sided", {{Account::kReceivables, eur(100)}}};
  EXPECT_DEATH(post_in_new_store(path("o2c.db"), single), "invariant broken: entry.lines.size");
}

TEST_F(StoreDeathTest, PostingAnUntranslatedEntryAborts) {
  // Balanced in USD, but never translated into the company currency (no rate).
  const LedgerEntry untranslated =
      post_payment("PAY-2026-000001", day(2026, 3, 4), usd(250), usd(0));
  EXPECT_DEATH(post_in_new_store(path("o2c.db"), untranslated), "invariant broken: entry.rate");
}

TEST_F(StoreDeathTest, PostingCompanyAmountsThatDoNotBalanceAborts) {
  LedgerEntry entry =
      in_eur(post_payment("PAY-2026-000001", day(2026, 3, 4), usd(250), usd(0)), 1'100'000);
  entry.lines[0].company_amount.minor += 1;
  EXPECT_DEATH(post_in_new_store(path("o2c.db"), entry), "invariant broken: is_translated");
}

TEST_F(StoreDeathTest, PostingMixedCurrenciesAborts) {
  const LedgerEntry mixed{"INV-2026-000001",
                          day(2026, 3, 4),
                          "two currencies",
                          {{Account::kReceivables, eur(100)}, {Account::kRevenue, usd(-100)}}};
  EXPECT_DEATH(post_in_new_store(path("o2c.db"), mixed), "invariant broken: is_balanced");
}

}  // namespace
}  // namespace o2c
