#include "store/sqlite/sqlite_db.h"

#include <sqlite3.h>

namespace o2c::sqlite {

Error sqlite_error(sqlite3* db, std::string_view doing) {
  const int code = sqlite3_extended_errcode(db);
  std::string message = std::string(doing) + ": " + sqlite3_errmsg(db);
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED || (code & 0xFF) == SQLITE_BUSY)
    return unavailable("database_busy", message);
  if ((code & 0xFF) == SQLITE_CONSTRAINT) return conflict("constraint_violation", message);
  if ((code & 0xFF) == SQLITE_CORRUPT || (code & 0xFF) == SQLITE_NOTADB)
    return failed_precondition("database_corrupt", message);
  return unavailable("database_error", message);
}

Statement::Statement(sqlite3* db, sqlite3_stmt* handle)
    : db_(db),
      handle_(handle),
      text_(static_cast<std::size_t>(sqlite3_bind_parameter_count(handle))) {
  O2C_ASSERT(text_.size() <= 64);  // one bit of bound_ per parameter
  all_parameters_ = text_.size() == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << text_.size()) - 1;
}

void Statement::bind_unbound_to_null() {
  for (std::size_t i = 0; i < text_.size(); ++i)
    if ((bound_ & (std::uint64_t{1} << i)) == 0) bind_null(static_cast<int>(i) + 1);
}

MultiRowInsert::MultiRowInsert(std::string_view head, int columns) : columns_(columns) {
  O2C_ASSERT(columns >= 1 && columns <= 64);
  // Statements bind at most 64 parameters (Statement tracks them in 64 bits); 8 rows is
  // more lines than most documents have.
  const int max_rows = std::min(8, 64 / columns);
  std::string tuple = "(";
  for (int column = 0; column < columns; ++column) tuple += column == 0 ? "?" : ", ?";
  tuple += ")";
  std::string text(head);
  for (int rows = 1; rows <= max_rows; ++rows) {
    text += rows == 1 ? " " : ", ";
    text += tuple;
    texts_.push_back(text);
  }
}

const char* MultiRowInsert::sql(int rows) const {
  O2C_ASSERT(rows >= 1 && rows <= max_rows());
  return texts_[static_cast<std::size_t>(rows) - 1].c_str();
}

Statement& Statement::bind(int index, std::int64_t value) {
  O2C_ASSERT(sqlite3_bind_int64(handle_, index, value) == SQLITE_OK);
  bound_ |= std::uint64_t{1} << (index - 1);
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  O2C_ASSERT(index >= 1 && static_cast<std::size_t>(index) <= text_.size());
  bound_ |= std::uint64_t{1} << (index - 1);
  std::string& buffer = text_[static_cast<std::size_t>(index) - 1];
  buffer.assign(value);
  // SQLITE_STATIC: the buffer outlives the binding (it is only rebound or destroyed with us).
  O2C_ASSERT(sqlite3_bind_text(handle_, index, buffer.data(), static_cast<int>(buffer.size()),
                               SQLITE_STATIC) == SQLITE_OK);
  return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
  O2C_ASSERT(index >= 1 && static_cast<std::size_t>(index) <= text_.size());
  bound_ |= std::uint64_t{1} << (index - 1);
  std::string& buffer = text_[static_cast<std::size_t>(index) - 1];
  buffer.assign(bytes);
  O2C_ASSERT(sqlite3_bind_blob(handle_, index, buffer.data(), static_cast<int>(buffer.size()),
                               SQLITE_STATIC) == SQLITE_OK);
  return *this;
}

Statement& Statement::bind_null(int index) {
  O2C_ASSERT(sqlite3_bind_null(handle_, index) == SQLITE_OK);
  bound_ |= std::uint64_t{1} << (index - 1);
  return *this;
}

Result<bool> Statement::step() {
  if (bound_ != all_parameters_) bind_unbound_to_null();
  const int code = sqlite3_step(handle_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  return sqlite_error(db_, std::string("running '") + sqlite3_sql(handle_) + "'");
}

Status Statement::run() {
  O2C_ASSIGN_OR_RETURN(bool has_row, step());
  (void)has_row;  // RETURNING-less writes produce no row; a stray row is harmless
  return {};
}

std::int64_t Statement::column_int(int index) const { return sqlite3_column_int64(handle_, index); }

std::string Statement::column_text(int index) const {
  const auto* text = sqlite3_column_text(handle_, index);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<std::size_t>(sqlite3_column_bytes(handle_, index)));
}

std::string Statement::column_blob(int index) const {
  const void* bytes = sqlite3_column_blob(handle_, index);
  if (bytes == nullptr) return {};
  return std::string(static_cast<const char*>(bytes),
                     static_cast<std::size_t>(sqlite3_column_bytes(handle_, index)));
}

bool Statement::column_is_null(int index) const {
  return sqlite3_column_type(handle_, index) == SQLITE_NULL;
}

void Statement::reset() {
  sqlite3_reset(handle_);
  bound_ = 0;
}

namespace {
// Every connection is used by one thread at a time (the writer, or a reader's own thread), so
// SQLite's own mutexes and allocation statistics are pure overhead on the hot path. This must
// run before SQLite initialises; it is done once, before the first connection is opened.
bool configure_sqlite() {
  sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  return sqlite3_initialize() == SQLITE_OK;
}
}  // namespace

Result<std::unique_ptr<Connection>> Connection::open(const std::string& path, bool create,
                                                     bool read_only) {
  static const bool kConfigured = configure_sqlite();
  O2C_ASSERT(kConfigured);
  int flags = SQLITE_OPEN_NOMUTEX;
  flags |= read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (create && !read_only) flags |= SQLITE_OPEN_CREATE;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    Error error = sqlite_error(db, "opening database " + path);
    sqlite3_close(db);
    return error;
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, 5000);
  return std::unique_ptr<Connection>(new Connection(db));
}

Connection::~Connection() {
  cache_.clear();
  for (auto& [sql, handle] : handles_) sqlite3_finalize(handle);
  sqlite3_close(db_);
}

Status Connection::execute(std::string_view sql) {
  const std::string text(sql);
  char* message = nullptr;
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    Error error = sqlite_error(db_, "executing SQL");
    sqlite3_free(message);
    return error;
  }
  return {};
}

Result<ScopedStatement> Connection::prepare(const char* sql) {
  // Statements are keyed by the address of their string literal: each call site has one.
  auto found = cache_.find(sql);
  if (found == cache_.end()) {
    sqlite3_stmt* handle = nullptr;
    if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &handle, nullptr) != SQLITE_OK)
      return sqlite_error(db_, std::string("preparing '") + sql + "'");
    handles_[sql] = handle;
    found = cache_.emplace(sql, std::make_unique<Statement>(db_, handle)).first;
  }
  return ScopedStatement(*found->second);
}

std::int64_t Connection::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
std::int64_t Connection::changes() const { return sqlite3_changes64(db_); }
std::int64_t Connection::total_changes() const { return sqlite3_total_changes64(db_); }

Status Connection::checkpoint() {
  const int code =
      sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  if (code != SQLITE_OK && code != SQLITE_BUSY) return sqlite_error(db_, "checkpointing the WAL");
  return {};
}

}  // namespace o2c::sqlite
