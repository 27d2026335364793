// o2c order import FILE.csv [--skip-bad] [--rejects FILE] — bulk order capture from a CSV
// file. The report lists every problem as "line N, column C: why" and ends in one summary
// line. All-or-nothing (the default) refuses the whole file when any line is bad, leaving the
// database as it was; --skip-bad imports the good orders and writes the rows of the others,
// as they were written, to a rejects file that can be imported again once fixed.
#include "cli/import_command.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unistd.h>

#include "cli/progress.h"
#include "core/limits.h"

namespace o2c::cli {
namespace {

struct ImportCommandOptions {
  std::string file;
  bool skip_bad = false;
  std::string rejects;
};

}  // namespace

// The whole file, bounded by kImportFileBytesMax.
Result<std::string> read_import_file(const std::string& path) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (!std::filesystem::exists(status)) return not_found("file_not_found", "no such file", path);
  if (!std::filesystem::is_regular_file(status))
    return invalid_argument("not_a_file", "not a regular file", path);
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  if (error || size > kImportFileBytesMax)
    return invalid_argument(
        "file_too_large",
        "the file is over " + std::to_string(kImportFileBytesMax / (1024 * 1024)) + " MiB", path);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && size > 0) return unavailable("file_unreadable", "cannot read the file", path);
  return text.str();
}

// "orders.csv" → "orders.rejects.csv", in the same folder.
std::string default_rejects_path(const std::string& input) {
  std::filesystem::path path(input);
  path.replace_filename(path.stem().string() + ".rejects.csv");
  return path.string();
}

Status check_writable(const std::string& path) {
  std::filesystem::path folder = std::filesystem::path(path).parent_path();
  if (folder.empty()) folder = ".";
  if (::access(folder.c_str(), W_OK) != 0)
    return invalid_argument("rejects_not_writable",
                            "cannot write the rejects file '" + path + "' (folder not writable)",
                            "--rejects");
  return {};
}

Status write_rejects(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out)
    return unavailable(
        "rejects_not_written",
        "rows were imported, but the rejects file '" + path + "' could not be written",
        "--rejects");
  return {};
}

namespace {

void print_report(const app::ImportOutcome& outcome, std::ostream& out) {
  for (const ImportProblem& problem : outcome.problems) {
    out << (problem.line == 0 ? "file" : "line " + std::to_string(problem.line));
    if (!problem.column.empty()) out << ", column " << problem.column;
    out << ": " << problem.message << "\n";
  }
  const std::size_t count = outcome.placed.size();
  out << "imported " << count << (count == 1 ? " order" : " orders");
  if (count == 1) out << " (" << outcome.placed.front().order.number << ")";
  if (count > 1)
    out << " (" << outcome.placed.front().order.number << " … "
        << outcome.placed.back().order.number << ")";
  out << ", rejected " << outcome.rejected_rows << (outcome.rejected_rows == 1 ? " row" : " rows")
      << "\n";
}

// "file refused: 2 problems, …"; a cut list ends in too_many_problems (line 0).
Error refusal(const app::ImportOutcome& outcome, const std::string& file) {
  const std::size_t count = outcome.problems.size();
  const bool cut = count > 0 && outcome.problems.back().line == 0;
  const std::string counted = cut ? "more than " + std::to_string(count - 1) + " problems"
                                  : std::to_string(count) + (count == 1 ? " problem" : " problems");
  return invalid_argument(
      "import_refused",
      "file refused: " + counted + ", nothing imported; --skip-bad imports the good orders", file);
}

Status run_import(Session& session, const ImportCommandOptions& options) {
  const ImportMode mode = options.skip_bad ? ImportMode::kSkipBadOrders : ImportMode::kAllOrNothing;
  const std::string rejects_path =
      options.rejects.empty() ? default_rejects_path(options.file) : options.rejects;
  if (mode == ImportMode::kSkipBadOrders) {
    O2C_RETURN_IF_ERROR(check_writable(rejects_path));
    std::error_code ignored;
    if (std::filesystem::equivalent(rejects_path, options.file, ignored))
      return invalid_argument("rejects_is_input",
                              "the rejects file would overwrite the file being imported",
                              "--rejects");
  }
  O2C_ASSIGN_OR_RETURN(std::string text, read_import_file(options.file));
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
  app::Context context = session.context(*store);

  std::optional<ProgressBar> bar;
  app::ImportOptions import_options{mode, {}};
  if (isatty(2) != 0) {
    bar.emplace("import: orders");
    import_options.progress = [&bar](std::int64_t placed, std::int64_t total) {
      bar->update(placed, total);
    };
  }
  Result<app::ImportOutcome> imported = app::import_orders(context, text, import_options);
  if (bar) bar->finish();
  if (!imported) {
    Error error = std::move(imported).error();
    error.where = options.file;
    return error;
  }
  const app::ImportOutcome& outcome = *imported;
  print_report(outcome, std::cout);
  if (outcome.refused) return refusal(outcome, options.file);
  if (mode == ImportMode::kSkipBadOrders && !outcome.rejects_csv.empty()) {
    O2C_RETURN_IF_ERROR(write_rejects(rejects_path, outcome.rejects_csv));
    std::cout << "rejected rows written to " << rejects_path << "\n";
  }
  if (mode == ImportMode::kAllOrNothing && !outcome.problems.empty())
    return failed_precondition("import_incomplete",
                               "some orders were refused while placing: the master data changed "
                               "during the import; the other orders were imported",
                               options.file);
  return {};
}

}  // namespace

void add_order_import(CLI::App& order, Session& session) {
  auto options = std::make_shared<ImportCommandOptions>();
  CLI::App* command = order.add_subcommand(
      "import", "import orders from a CSV file (all or nothing unless --skip-bad)");
  command->add_option("file", options->file, "the CSV file, one row per order line")->required();
  CLI::Option* skip_bad = command->add_flag("--skip-bad", options->skip_bad,
                                            "import the good orders, write the bad rows to a file");
  command
      ->add_option("--rejects", options->rejects,
                   "where --skip-bad writes the rejected rows (default: beside the file, "
                   "orders.csv -> orders.rejects.csv)")
      ->needs(skip_bad);
  command->footer(
      "The file has a header row, then one row per order line. Columns (any order, names in any "
      "case): customer, sku and quantity are required; po_number too, unless order_ref groups "
      "the rows; optional per order: currency, requested_date (YYYY-MM-DD), ship_to_line, "
      "ship_to_city, ship_to_postal_code, ship_to_country, order_discount_pct, notes; optional "
      "per line: line_discount_pct. Rows with the same order_ref (without it: the same customer "
      "and po_number) are one order and must be next to each other.");
  command->callback([&session, options] {
    session.action = [&session, options]() -> Status { return run_import(session, *options); };
  });
}

}  // namespace o2c::cli
