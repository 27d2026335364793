// The SQLite store: migrations, the single writer thread with group commit, readers.
#include "store/sqlite/sqlite_store.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <pthread.h>
#include <sys/stat.h>
#include <thread>

#include "core/limits.h"
#include "store/sqlite/sqlite_rows.h"

namespace o2c::sqlite {
namespace {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

constexpr Migration kMigrations[] = {
#include "store/migrations.inc"
};

bool file_exists(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0;
}

Result<int> current_schema_version(Connection& connection) {
  O2C_ASSIGN_OR_RETURN(
      auto query, connection.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  O2C_ASSIGN_OR_RETURN(bool found, query->step());
  O2C_ASSERT(found);
  return static_cast<int>(query->column_int(0));
}

Result<bool> has_table(Connection& connection, const char* name) {
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection.prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' "
                                          "AND name = ?"));
  query->bind(1, name);
  O2C_ASSIGN_OR_RETURN(bool found, query->step());
  O2C_ASSERT(found);
  return query->column_int(0) > 0;
}

// Fails when any row references a row that does not exist (after a table rebuild).
Status check_foreign_keys(Connection& connection, const char* migration) {
  O2C_ASSIGN_OR_RETURN(auto query, connection.prepare("PRAGMA foreign_key_check"));
  O2C_ASSIGN_OR_RETURN(bool dangling, query->step());
  if (!dangling) return {};
  return failed_precondition("migration_broke_references",
                             std::string("migration ") + migration + " left a row of " +
                                 query->column_text(0) + " referring to a missing " +
                                 query->column_text(2));
}

}  // namespace

int latest_schema_version() { return kMigrations[std::size(kMigrations) - 1].version; }

Status migrate(Connection& connection, bool creating) {
  O2C_ASSIGN_OR_RETURN(bool has_migrations, has_table(connection, "schema_migrations"));
  if (!has_migrations) {
    O2C_ASSIGN_OR_RETURN(bool has_customers, has_table(connection, "customers"));
    if (has_customers || !creating)
      return failed_precondition("not_an_o2c_database",
                                 "this file is not an o2c database (no schema version)");
    O2C_RETURN_IF_ERROR(connection.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)"));
  }
  O2C_ASSIGN_OR_RETURN(int current, current_schema_version(connection));
  if (current > latest_schema_version())
    return failed_precondition("schema_too_new", "the database has schema version " +
                                                     std::to_string(current) +
                                                     " but this o2c knows only up to " +
                                                     std::to_string(latest_schema_version()) +
                                                     "; use a newer o2c to open it");
  for (const Migration& migration : kMigrations) {
    if (migration.version <= current) continue;
    // A migration that rebuilds a referenced table runs with foreign keys off (the pragma is
    // a no-op inside a transaction) and proves them intact before it commits.
    const bool rebuilds_tables =
        std::string_view(migration.sql).find("o2c:rebuilds-tables") != std::string_view::npos;
    if (rebuilds_tables) O2C_RETURN_IF_ERROR(connection.execute("PRAGMA foreign_keys = OFF"));
    O2C_RETURN_IF_ERROR(connection.execute("BEGIN IMMEDIATE"));
    Status applied = connection.execute(migration.sql);
    if (applied && rebuilds_tables) applied = check_foreign_keys(connection, migration.name);
    if (applied) {
      O2C_ASSIGN_OR_RETURN(auto record,
                           connection.prepare("INSERT INTO schema_migrations(version, name) "
                                              "VALUES (?, ?)"));
      record->bind(1, migration.version).bind(2, migration.name);
      applied = record->run();
    }
    if (!applied) {
      (void)connection.execute("ROLLBACK");
      if (rebuilds_tables) (void)connection.execute("PRAGMA foreign_keys = ON");
      return applied.error();
    }
    O2C_RETURN_IF_ERROR(connection.execute("COMMIT"));
    if (rebuilds_tables) O2C_RETURN_IF_ERROR(connection.execute("PRAGMA foreign_keys = ON"));
  }
  return {};
}

namespace {

class SqliteStore final : public Store {
 public:
  SqliteStore(std::string path, std::unique_ptr<Connection> connection)
      : path_(std::move(path)), writer_(std::move(connection)) {}

  ~SqliteStore() override {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
    {
      std::lock_guard lock(checkpoint_mutex_);
      checkpointer_stopping_ = true;
    }
    checkpoint_wake_.notify_all();
    if (checkpointer_.joinable()) checkpointer_.join();
  }

  Status start() {
    writer_.enable_writer_cache();
    O2C_RETURN_IF_ERROR(writer_.load_journal_head());
    O2C_ASSIGN_OR_RETURN(std::unique_ptr<Connection> checkpoints,
                         Connection::open(path_, /*create=*/false, /*read_only=*/false));
    checkpointer_ = std::thread([this, connection = std::move(checkpoints)] {
      pthread_setname_np(pthread_self(), "o2c-checkpoint");
      run_checkpoints(*connection);
    });
    // Named so that top, perf and `o2c bench` can tell the single writer apart.
    thread_ = std::thread([this] {
      pthread_setname_np(pthread_self(), kWriterThreadName);
      run();
    });
    return {};
  }

  std::future<Status> submit(Job job) override {
    Pending pending{std::move(job), {}};
    std::future<Status> done = pending.done.get_future();
    {
      std::lock_guard lock(mutex_);
      O2C_ASSERT(!stopping_);
      queue_.push_back(std::move(pending));
    }
    wake_.notify_one();
    return done;
  }

  Result<std::unique_ptr<StoreReader>> reader() override {
    O2C_ASSIGN_OR_RETURN(std::unique_ptr<Connection> connection,
                         Connection::open(path_, /*create=*/false, /*read_only=*/true));
    return std::unique_ptr<StoreReader>(new SqliteConnectionStore(std::move(connection)));
  }

  void flush() override {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [this] { return queue_.empty() && !busy_; });
  }

 private:
  struct Pending {
    Job job;
    std::promise<Status> done;
  };

  void run() {
    while (true) {
      std::vector<Pending> batch;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping and drained
        while (!queue_.empty() && batch.size() < kWriteBatchJobsMax) {
          batch.push_back(std::move(queue_.front()));
          queue_.pop_front();
        }
        busy_ = true;
      }
      commit_batch(batch);
      {
        std::lock_guard lock(mutex_);
        busy_ = false;
      }
      idle_.notify_all();
      {
        std::lock_guard lock(checkpoint_mutex_);
        ++commits_;
      }
      checkpoint_wake_.notify_one();
    }
  }

  // Copying the WAL back into the database file (and its fsync) is done here, on the second
  // core, instead of inside the writer's COMMIT. The writer keeps SQLite's own checkpoint as
  // a fallback, set high (open_sqlite), should this thread ever fall behind.
  void run_checkpoints(Connection& connection) {
    std::uint64_t done = 0;
    while (true) {
      {
        std::unique_lock lock(checkpoint_mutex_);
        checkpoint_wake_.wait(lock, [&] {
          return checkpointer_stopping_ || commits_ >= done + kCommitsPerCheckpoint;
        });
        if (checkpointer_stopping_) return;
        done = commits_;
      }
      // A failed checkpoint loses nothing (the frames stay in the WAL); the next one retries.
      (void)connection.checkpoint();
    }
  }

  // Transaction control runs once or more per job: prepared once, not parsed every time.
  Status run_prepared(const char* sql) {
    O2C_ASSIGN_OR_RETURN(ScopedStatement statement, writer_.connection().prepare(sql));
    return statement->run();
  }

  static Status run_guarded(Job& job, StoreWriter& writer) {
    try {
      return job(writer);
    } catch (const std::exception& failure) {
      return internal_error("unexpected_exception", failure.what());
    }
  }

  // Runs one job in its own savepoint; a failed job leaves no trace in the transaction.
  Status run_in_savepoint(Job& job) {
    const SqliteConnectionStore::JournalHead head = writer_.journal_head();
    O2C_RETURN_IF_ERROR(run_prepared("SAVEPOINT job"));
    Status status = run_guarded(job, writer_);
    if (!status) {
      O2C_ASSERT(run_prepared("ROLLBACK TO job").has_value());
      writer_.restore_journal_head(head);
      writer_.forget_cached_state();
    }
    O2C_ASSERT(run_prepared("RELEASE job").has_value());
    return status;
  }

  void abandon_transaction() {
    (void)writer_.connection().execute("ROLLBACK");
    O2C_ASSERT(writer_.load_journal_head().has_value());
    writer_.forget_cached_state();
  }

  struct Attempt {
    Status transaction;
    bool retry_carefully = false;
  };

  // One try at the batch in one transaction. The fast way runs the jobs back to back with hot
  // rows deferred and no savepoints (a savepoint copies every page a job touches). Most jobs
  // that fail do so before writing anything (validation), which needs no undo; one that fails
  // after writing cannot be undone alone, so the whole transaction is rolled back and the
  // batch retried the careful way: every job in its own savepoint, every write made at once.
  Attempt try_batch(std::vector<Pending>& batch, bool careful, std::vector<Status>& results) {
    results.clear();
    writer_.set_defer_writes(!careful);
    Status begun = run_prepared("BEGIN IMMEDIATE");
    if (!begun) return {std::move(begun)};
    for (Pending& pending : batch) {
      const std::uint64_t writes_before = writer_.write_count();
      Status status = careful ? run_in_savepoint(pending.job) : run_guarded(pending.job, writer_);
      if (!status && !careful && writer_.write_count() != writes_before) {
        abandon_transaction();
        return {Status{}, true};
      }
      results.push_back(std::move(status));
    }
    Status committed = writer_.flush_deferred_writes();
    if (committed) committed = run_prepared("COMMIT");
    if (!committed) abandon_transaction();
    return {std::move(committed)};
  }

  // Group commit: every job of the batch in one transaction, one fsync.
  void commit_batch(std::vector<Pending>& batch) {
    std::vector<Status> results;
    results.reserve(batch.size());
    Attempt attempt = try_batch(batch, /*careful=*/false, results);
    if (attempt.retry_carefully) attempt = try_batch(batch, /*careful=*/true, results);
    for (std::size_t i = 0; i < batch.size(); ++i) {
      batch[i].done.set_value(attempt.transaction ? std::move(results[i])
                                                  : Status(attempt.transaction.error()));
    }
  }

  std::string path_;
  SqliteConnectionStore writer_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<Pending> queue_;
  bool stopping_ = false;
  bool busy_ = false;
  std::thread thread_;
  static constexpr std::uint64_t kCommitsPerCheckpoint = 4;
  std::mutex checkpoint_mutex_;
  std::condition_variable checkpoint_wake_;
  std::uint64_t commits_ = 0;
  bool checkpointer_stopping_ = false;
  std::thread checkpointer_;
};

}  // namespace
}  // namespace o2c::sqlite

namespace o2c {

Result<std::unique_ptr<Store>> Store::open_sqlite(const std::string& path, OpenMode mode) {
  const bool exists = sqlite::file_exists(path);
  if (mode == OpenMode::kExisting && !exists)
    return not_found("database_not_found",
                     "no o2c database at '" + path + "'; create one with: o2c init " + path,
                     "--db");
  if (mode == OpenMode::kCreate && exists)
    return already_exists("database_exists",
                          "'" + path + "' already exists; choose a new file or delete it first",
                          "--db");
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<sqlite::Connection> connection,
                       sqlite::Connection::open(path, mode == OpenMode::kCreate, false));
  // WAL lets readers work beside the writer; synchronous=FULL makes every commit durable
  // (group commit pays that fsync once per batch, not once per job). journal_mode is stored
  // in the file, so it is switched only once migrate() has accepted the file as ours.
  // A group-commit batch touches many pages; a 64 MiB page cache keeps them in memory until
  // the commit instead of spilling them to the WAL (and writing some twice) mid-transaction.
  O2C_RETURN_IF_ERROR(
      connection->execute("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA cache_size "
                          "= -65536; PRAGMA temp_store = MEMORY;"));
  O2C_RETURN_IF_ERROR(sqlite::migrate(*connection, mode == OpenMode::kCreate));
  // The store's checkpointer thread copies the WAL back; SQLite's own checkpoint in COMMIT
  // stays only as a fallback for a WAL of 64 MiB (16,384 pages).
  O2C_RETURN_IF_ERROR(
      connection->execute("PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 16384;"));
  auto store = std::make_unique<sqlite::SqliteStore>(path, std::move(connection));
  O2C_RETURN_IF_ERROR(store->start());
  return std::unique_ptr<Store>(std::move(store));
}

Result<double> raw_insert_seconds(const std::string& path, std::int64_t rows) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<sqlite::Connection> connection,
                       sqlite::Connection::open(path, /*create=*/true, /*read_only=*/false));
  O2C_RETURN_IF_ERROR(connection->execute(
      "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE rows (id INTEGER "
      "PRIMARY KEY, amount_minor INTEGER NOT NULL, quantity_milli INTEGER NOT NULL, "
      "label TEXT NOT NULL)"));
  const auto started = std::chrono::steady_clock::now();
  O2C_RETURN_IF_ERROR(connection->execute("BEGIN"));
  O2C_ASSIGN_OR_RETURN(auto insert,
                       connection->prepare("INSERT INTO rows(amount_minor, quantity_milli, label) "
                                           "VALUES (?, ?, ?)"));
  for (std::int64_t i = 0; i < rows; ++i) {
    insert->bind(1, i * 7).bind(2, i % 1000).bind(3, "SO-2026-000001");
    O2C_RETURN_IF_ERROR(insert->run());
    insert->reset();
  }
  O2C_RETURN_IF_ERROR(connection->execute("COMMIT"));
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

}  // namespace o2c
