// Tests of the thin SQLite layer: bound text outlives the caller's strings, parameters left
// unbound read as NULL (bindings are not cleared between executions), multi-row inserts.
#include "store/sqlite/sqlite_db.h"

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace o2c::sqlite {
namespace {

class SqliteDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("o2c-sqlite-db-test-" +
              std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db"))
                .string();
    std::filesystem::remove(path_);
    auto opened = Connection::open(path_, /*create=*/true, /*read_only=*/false);
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    connection_ = std::move(*opened);
    ASSERT_TRUE(connection_->execute("CREATE TABLE t(a INTEGER, b TEXT)").has_value());
  }
  void TearDown() override {
    connection_.reset();
    std::filesystem::remove(path_);
  }

  std::vector<std::string> rows() {
    std::vector<std::string> out;
    auto query = connection_->prepare(
        "SELECT coalesce(a, 'null'), coalesce(b, 'null') FROM t "
        "ORDER BY rowid");
    EXPECT_TRUE(query.has_value());
    while (true) {
      auto row = (*query)->step();
      EXPECT_TRUE(row.has_value());
      if (!row.has_value() || !*row) break;
      out.push_back((*query)->column_text(0) + "|" + (*query)->column_text(1));
    }
    return out;
  }

  std::string path_;
  std::unique_ptr<Connection> connection_;
};

TEST_F(SqliteDbTest, BoundTextSurvivesTheTemporaryItWasBoundFrom) {
  static const char* const kInsert = "INSERT INTO t(a, b) VALUES (?, ?)";
  {
    auto insert = connection_->prepare(kInsert);
    ASSERT_TRUE(insert.has_value());
    (*insert)->bind(1, 1).bind(2, std::string(40, 'x') + "-temporary");  // destroyed here
    std::string overwrite(64, 'z');  // reuses the freed memory, if anything does
    ASSERT_TRUE((*insert)->run().has_value());
  }
  EXPECT_EQ(rows(), std::vector<std::string>{"1|" + std::string(40, 'x') + "-temporary"});
}

TEST_F(SqliteDbTest, ParameterNotBoundThisTimeIsNullNotLastTimesValue) {
  static const char* const kInsert = "INSERT INTO t(a, b) VALUES (?, ?)";
  {
    auto insert = connection_->prepare(kInsert);
    ASSERT_TRUE(insert.has_value());
    (*insert)->bind(1, 7).bind(2, "seven");
    ASSERT_TRUE((*insert)->run().has_value());
  }
  {
    auto insert = connection_->prepare(kInsert);  // the same cached statement, reset
    ASSERT_TRUE(insert.has_value());
    (*insert)->bind(1, 8);  // b left unbound: NULL, as after sqlite3_clear_bindings
    ASSERT_TRUE((*insert)->run().has_value());
  }
  {
    auto insert = connection_->prepare(kInsert);
    ASSERT_TRUE(insert.has_value());
    (*insert)->bind(2, "nine");  // a left unbound
    ASSERT_TRUE((*insert)->run().has_value());
  }
  EXPECT_EQ(rows(), (std::vector<std::string>{"7|seven", "8|null", "null|nine"}));
}

TEST_F(SqliteDbTest, MultiRowInsertWritesEveryRowInOrderAcrossStatements) {
  const MultiRowInsert insert("INSERT INTO t(a, b) VALUES", 2);
  EXPECT_EQ(insert.max_rows(), 8);
  EXPECT_STREQ(insert.sql(2), "INSERT INTO t(a, b) VALUES (?, ?), (?, ?)");
  std::vector<int> values;
  for (int i = 1; i <= 19; ++i) values.push_back(i * 10);  // 8 + 8 + 3 rows
  ASSERT_TRUE(
      insert_rows(
          *connection_, insert, values,
          [](Statement& statement, int first, int value, int index) {
            statement.bind(first + 1, value).bind(first + 2, "row " + std::to_string(index));
          })
          .has_value());
  const std::vector<std::string> stored = rows();
  ASSERT_EQ(stored.size(), 19u);
  EXPECT_EQ(stored.front(), "10|row 0");
  EXPECT_EQ(stored[8], "90|row 8");
  EXPECT_EQ(stored.back(), "190|row 18");
}

TEST_F(SqliteDbTest, MultiRowInsertOfWideRowsStaysWithinSixtyFourParameters) {
  const MultiRowInsert insert("INSERT INTO t(a, b) VALUES", 15);
  EXPECT_EQ(insert.max_rows(), 4);  // 60 parameters
}

}  // namespace
}  // namespace o2c::sqlite
