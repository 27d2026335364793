// Placing orders all or nothing (the bulk import's default) on a real SQLite store: one
// refusal leaves no order, no reservation, no number and no journal entry behind.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "app/app.h"
#include "core/clock.h"

namespace o2c::app {
namespace {

class AllOrNothingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("o2c-app-orders-test-" +
              std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + ".db"))
                .string();
    remove_files();
    auto store = create_database(path_, "EUR");
    ASSERT_TRUE(store.has_value()) << describe(store.error());
    store_ = std::move(*store);
    context_ = std::make_unique<Context>(Context{*store_, clock_, "test"});
    const Currency eur = *currency_from_code("EUR");
    ASSERT_TRUE(set_tax_rate(*context_, TaxRate{"standard", BasisPoints{1900}}).has_value());
    auto warehouse = add_warehouse(*context_, Warehouse{{}, "WH-1", "Main"});
    ASSERT_TRUE(warehouse.has_value());
    Product product;
    product.sku = "SKU-1";
    product.name = "Widget";
    product.tax_category = "standard";
    product.list_prices = {Money{1000, eur}};
    product.standard_cost = Money{400, eur};
    std::vector<Product> products{product};
    ASSERT_TRUE(add_products(*context_, products).front().has_value());
    ASSERT_TRUE(receive_stock(*context_, StockReceipt{"SKU-1", "WH-1", units(10)}).has_value());
    Customer customer;
    customer.number = "C-1";
    customer.name = "Customer";
    customer.currency = eur;
    customer.terms = *parse_payment_terms("NET30");
    customer.credit_limit = Money{1'000'000, eur};
    std::vector<Customer> customers{customer};
    ASSERT_TRUE(add_customers(*context_, customers).front().has_value());
  }
  void TearDown() override {
    context_.reset();
    store_.reset();
    remove_files();
  }
  void remove_files() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }

  static OrderRequest request(std::string sku, std::int64_t quantity) {
    OrderRequest order;
    order.customer_number = "C-1";
    order.lines.push_back(OrderLineRequest{std::move(sku), units(quantity), BasisPoints{0}});
    return order;
  }
  std::int64_t orders_stored() {
    auto reader = store_->reader();
    EXPECT_TRUE(reader.has_value());
    auto orders = (*reader)->list_orders(OrderFilter{});
    EXPECT_TRUE(orders.has_value());
    return static_cast<std::int64_t>(orders->size());
  }
  std::int64_t journal_entries() {
    auto verdict = verify_journal(*store_);
    EXPECT_TRUE(verdict.has_value());
    return verdict->verified;
  }

  std::string path_;
  SettableClock clock_{Date{std::chrono::year{2026}, std::chrono::month{3}, std::chrono::day{2}}};
  std::unique_ptr<Store> store_;
  std::unique_ptr<Context> context_;
};

TEST_F(AllOrNothingTest, OneRefusalPlacesNothingAndNamesTheRefusedRequest) {
  const std::int64_t entries_before = journal_entries();
  const std::vector<OrderRequest> requests{request("SKU-1", 2), request("SKU-1", 3),
                                           request("SKU-404", 1)};
  std::size_t refused_index = 99;
  auto placed = place_orders_all_or_nothing(*context_, requests, refused_index);
  ASSERT_FALSE(placed.has_value());
  EXPECT_EQ(refused_index, 2u);
  EXPECT_EQ(placed.error().reason, "product_not_found");
  EXPECT_EQ(orders_stored(), 0);
  EXPECT_EQ(journal_entries(), entries_before);

  // Nothing was reserved and no number was used: the next order gets SO-…-000001 and all 10
  // units are still there to reserve.
  auto next =
      place_orders_all_or_nothing(*context_, std::vector{request("SKU-1", 10)}, refused_index);
  ASSERT_TRUE(next.has_value()) << describe(next.error());
  ASSERT_EQ(next->size(), 1u);
  EXPECT_EQ(next->front().order.number, "SO-2026-000001");
  EXPECT_EQ(next->front().order.lines.front().reservations.size(), 1u);
  EXPECT_EQ(reserved_quantity(next->front().order.lines.front()), units(10));
}

TEST_F(AllOrNothingTest, AllGoodRequestsArePlacedInOrder) {
  const std::vector<OrderRequest> requests{request("SKU-1", 2), request("SKU-1", 3)};
  std::size_t refused_index = 99;
  auto placed = place_orders_all_or_nothing(*context_, requests, refused_index);
  ASSERT_TRUE(placed.has_value()) << describe(placed.error());
  ASSERT_EQ(placed->size(), 2u);
  EXPECT_EQ((*placed)[0].order.number, "SO-2026-000001");
  EXPECT_EQ((*placed)[1].order.number, "SO-2026-000002");
  EXPECT_EQ(refused_index, 99u);
  EXPECT_EQ(orders_stored(), 2);
}

}  // namespace
}  // namespace o2c::app
