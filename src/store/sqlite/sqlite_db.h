// sqlite_db.h — a thin RAII layer over the SQLite C API: one connection, cached prepared
// statements, typed binds and columns. Internal to store/.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace o2c::sqlite {

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* handle);

  // Binds by 1-based position; chainable. Text is copied into a buffer the statement keeps
  // per parameter (its capacity is reused from one execution to the next), so callers may
  // bind temporaries and SQLite never allocates a copy of its own.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const std::string& value) {
    return bind(index, std::string_view(value));
  }
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind_null(int index);
  // Binds bytes as a BLOB (attachments), copied like text.
  Statement& bind_blob(int index, std::string_view bytes);

  // Steps once: true while a row is available, false when done; errors become Status.
  Result<bool> step();
  // Runs a statement that returns no rows.
  Status run();
  std::int64_t column_int(int index) const;
  std::string column_text(int index) const;
  std::string column_blob(int index) const;
  bool column_is_null(int index) const;
  void reset();

 private:
  sqlite3* db_;
  sqlite3_stmt* handle_;
  std::vector<std::string> text_;  // text_[i - 1]: what parameter i points at
  // Parameters bound since the last reset (bit i - 1). Bindings are not cleared on reset
  // (that cost 3 % of the writer's time); instead the first step binds NULL to every
  // parameter this execution left unbound, as a cleared binding would be.
  std::uint64_t bound_ = 0;
  std::uint64_t all_parameters_ = 0;
  void bind_unbound_to_null();
};

// Resets a cached statement when the scope using it ends.
class ScopedStatement {
 public:
  explicit ScopedStatement(Statement& statement) : statement_(&statement) {}
  ~ScopedStatement() {
    if (statement_ != nullptr) statement_->reset();
  }
  ScopedStatement(ScopedStatement&& other) noexcept : statement_(other.statement_) {
    other.statement_ = nullptr;
  }
  ScopedStatement(const ScopedStatement&) = delete;
  ScopedStatement& operator=(const ScopedStatement&) = delete;
  ScopedStatement& operator=(ScopedStatement&&) = delete;
  Statement* operator->() { return statement_; }
  Statement& operator*() { return *statement_; }

 private:
  Statement* statement_;
};

class Connection {
 public:
  // Opens `path`; read_only connections never write. Fails with unavailable on I/O errors.
  static Result<std::unique_ptr<Connection>> open(const std::string& path, bool create,
                                                  bool read_only);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more statements with no parameters and no rows (DDL, PRAGMA, BEGIN).
  Status execute(std::string_view sql);
  // A cached prepared statement for `sql`, reset and with bindings cleared.
  Result<ScopedStatement> prepare(const char* sql);
  std::int64_t last_insert_rowid() const;
  std::int64_t changes() const;
  // Rows inserted, updated or deleted on this connection since it was opened.
  std::int64_t total_changes() const;
  // Copies committed WAL frames into the database file without waiting for anyone (PASSIVE).
  Status checkpoint();
  sqlite3* handle() { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<const char*, std::unique_ptr<Statement>> cache_;
  std::unordered_map<const char*, sqlite3_stmt*> handles_;
};

Error sqlite_error(sqlite3* db, std::string_view doing);

// "INSERT INTO t(a, b) VALUES (?, ?), (?, ?), …" for 1 to max_rows() rows, built once, so a
// document's lines go in with one statement instead of one each (every statement executed
// costs about as much as a row inserted). Each text keeps its address: prepared statements
// are cached by it.
class MultiRowInsert {
 public:
  // `head` is "INSERT INTO t(a, b) VALUES"; `columns` the number of columns named there.
  MultiRowInsert(std::string_view head, int columns);
  int columns() const { return columns_; }
  int max_rows() const { return static_cast<int>(texts_.size()); }
  const char* sql(int rows) const;

 private:
  int columns_;
  std::vector<std::string> texts_;  // texts_[n - 1]: the statement for n rows
};

// Inserts `rows` in statements of up to insert.max_rows() rows. bind_row(statement, first,
// row, index) binds one row's values at parameters first + 1 … first + insert.columns().
template <typename Row, typename BindRow>
Status insert_rows(Connection& connection, const MultiRowInsert& insert,
                   const std::vector<Row>& rows, BindRow bind_row) {
  const auto size = static_cast<int>(rows.size());
  for (int start = 0; start < size; start += insert.max_rows()) {
    const int count = std::min(insert.max_rows(), size - start);
    O2C_ASSIGN_OR_RETURN(auto statement, connection.prepare(insert.sql(count)));
    for (int i = 0; i < count; ++i)
      bind_row(*statement, i * insert.columns(), rows[static_cast<std::size_t>(start + i)],
               start + i);
    O2C_RETURN_IF_ERROR(statement->run());
  }
  return {};
}

}  // namespace o2c::sqlite
