// Use case: bulk order import from CSV. The file is read by the pure parser
// (parse_order_csv); this layer adds what needs the store: the PO numbers customers already
// used, the same checks place_orders makes (so that an all-or-nothing file is refused before
// anything is written), and the placement itself in batches of one group commit each.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>
#include <map>
#include <set>

#include "app/use_case.h"
#include "core/limits.h"
#include "formats/csv/csv.h"
#include "pricing/pricing.h"

namespace o2c::app {
namespace {

// Orders sent to place_orders at a time: what the writer commits in one group, so progress
// is reported per commit without changing how the orders are committed.
constexpr std::size_t kImportBatchOrdersMax = kWriteBatchJobsMax;

// Orders that place_orders refuses or would refuse: index in OrderImport::orders → why.
using RefusedOrders = std::map<std::size_t, ImportProblem>;

std::string_view trimmed(std::string_view text) {
  const std::size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

// The customer numbers in the file's customer column, every row's (bad ones too, so that
// their duplicate PO numbers are reported with their other problems). Empty when the file
// or its header cannot be read: parse_order_csv reports that.
std::set<std::string> customers_named(std::string_view file_text) {
  std::set<std::string> numbers;
  Result<std::vector<CsvRecord>> records = read_csv(file_text);
  if (!records || records->empty()) return numbers;
  const std::vector<std::string>& header = records->front().fields;
  const auto is_customer = [](const std::string& name) {
    const std::string_view text = trimmed(name);
    return text.size() == 8 && std::equal(text.begin(), text.end(), "customer", [](char a, char b) {
             return std::tolower(static_cast<unsigned char>(a)) == b;
           });
  };
  const auto column = std::find_if(header.begin(), header.end(), is_customer);
  if (column == header.end()) return numbers;
  const auto index = static_cast<std::size_t>(column - header.begin());
  for (std::size_t r = 1; r < records->size(); ++r) {
    const std::vector<std::string>& fields = (*records)[r].fields;
    if (index < fields.size() && !trimmed(fields[index]).empty())
      numbers.emplace(trimmed(fields[index]));
  }
  return numbers;
}

// The (customer, PO number) pairs already used by the customers named in the file.
Result<std::vector<CustomerPo>> existing_po_numbers(StoreReader& reader,
                                                    const std::set<std::string>& customers) {
  std::vector<CustomerPo> used;
  for (const std::string& number : customers) {
    O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer, reader.find_customer(number));
    if (!customer) continue;  // reported when the order is checked
    OrderFilter filter;
    filter.customer = customer->id;
    // Every order of the customer: a duplicate hidden past a limit would go unnoticed.
    filter.limit = std::numeric_limits<std::size_t>::max();
    O2C_ASSIGN_OR_RETURN(std::vector<Order> placed, reader.list_orders(filter));
    for (const Order& order : placed) {
      O2C_ASSERT(order.customer == customer->id);
      if (order.customer_reference.empty()) continue;
      used.push_back(CustomerPo{customer->number, order.customer_reference, order.number});
    }
  }
  return used;
}

// The import column a field of OrderRequest was read from ("" when none is).
std::string_view column_of_order_field(std::string_view field) {
  static constexpr std::pair<std::string_view, std::string_view> kColumns[] = {
      {"customer", "customer"},
      {"currency", "currency"},
      {"discount", "order_discount_pct"},
      {"requested_delivery_date", "requested_date"},
      {"ship_to.line", "ship_to_line"},
      {"ship_to.city", "ship_to_city"},
      {"ship_to.postal_code", "ship_to_postal_code"},
      {"ship_to.country", "ship_to_country"},
      {"ship_to.region", "ship_to_region"},
      {"customer_reference", "po_number"},
      {"notes", "notes"},
  };
  for (const auto& [name, column] : kColumns) {
    if (name == field) return column;
  }
  if (field.starts_with("coupons[")) return "coupon";
  return {};
}

std::string_view column_of_line_field(std::string_view field) {
  if (field == "quantity") return "quantity";
  if (field == "discount") return "line_discount_pct";
  return "sku";  // sku, and the product's tax category
}

// Places a refusal of the order (Error.where "order.notes", "lines[2].quantity") on the file
// line and column it came from.
ImportProblem problem_of_refusal(const ImportedOrder& order, const Error& error) {
  O2C_ASSERT(!order.source_lines.empty());
  O2C_ASSERT(order.source_lines.size() == order.request.lines.size());
  ImportProblem problem{order.source_lines.front(), "", error.reason, error.message};
  const std::string_view where = error.where;
  if (where.starts_with("order.")) {
    problem.column = column_of_order_field(where.substr(6));
  } else if (where.starts_with("lines[")) {
    const std::size_t close = where.find(']');
    std::size_t index = 0;
    const auto [end, parsed] = std::from_chars(where.data() + 6, where.data() + close, index);
    if (close != std::string_view::npos && parsed == std::errc() &&
        index < order.source_lines.size()) {
      problem.line = order.source_lines[index];
      const std::size_t dot = where.find('.', close);
      problem.column =
          column_of_line_field(dot == std::string_view::npos ? "" : where.substr(dot + 1));
    }
  }
  return problem;
}

// What place_orders would refuse, checked on a reader with the same checks (checked_order).
class OrderPrecheck {
 public:
  OrderPrecheck(StoreReader& reader, OrderPolicy policy, Date order_date)
      : reader_(reader), policy_(std::move(policy)), order_date_(order_date) {}

  // Why place_orders would refuse the request, or nothing when it would place it. Fails only
  // when the store cannot be read.
  Result<std::optional<Error>> refusal(const OrderRequest& request) {
    Result<Order> order = checked_order(reader_, policy_, request, order_date_, redeemed_);
    if (order) {
      // A single-use coupon is used up by the first order of the file that redeems it.
      for (const OrderCoupon& coupon : order->coupons) {
        if (coupon.redeemed) redeemed_.push_back(coupon.code);
      }
      return std::optional<Error>();
    }
    Error error = std::move(order).error();
    if (error.kind == ErrorKind::kUnavailable) return error;  // the store, not the order
    return std::optional<Error>(std::move(error));
  }

 private:
  StoreReader& reader_;
  OrderPolicy policy_;
  Date order_date_;
  std::vector<std::string> redeemed_;  // by the orders checked so far
};

// Moves orders refused after parsing out of `import`, their rows into its rejected rows with
// the reason (the refused line gets the problem, the order's other lines point to it).
Status reject_refused_orders(OrderImport& import, std::string_view file_text,
                             const RefusedOrders& refused) {
  if (refused.empty()) return {};
  O2C_ASSIGN_OR_RETURN(std::vector<CsvRecord> records, read_csv(file_text));
  std::map<std::size_t, const CsvRecord*> record_at;
  for (const CsvRecord& record : records) record_at.emplace(record.line, &record);
  std::vector<ImportedOrder> kept;
  for (std::size_t i = 0; i < import.orders.size(); ++i) {
    const auto problem = refused.find(i);
    if (problem == refused.end()) {
      kept.push_back(std::move(import.orders[i]));
      continue;
    }
    for (std::size_t line : import.orders[i].source_lines) {
      O2C_ASSERT(record_at.contains(line));
      const std::string why =
          line == problem->second.line
              ? describe(problem->second)
              : "order not imported: see line " + std::to_string(problem->second.line);
      import.rejected_rows.push_back(RejectedRow{line, record_at[line]->text, why});
    }
  }
  import.orders = std::move(kept);
  std::stable_sort(
      import.rejected_rows.begin(), import.rejected_rows.end(),
      [](const RejectedRow& left, const RejectedRow& right) { return left.line < right.line; });
  return {};
}

constexpr std::string_view kTooManyProblems = "too_many_problems";

// Adds `more` to `problems` in line order, keeping at most kImportProblemsMax and then one
// too_many_problems entry that counts the rest (the parser's own count included).
void add_problems(std::vector<ImportProblem>& problems, std::vector<ImportProblem> more) {
  std::size_t unlisted = 0;
  if (!problems.empty() && problems.back().reason == kTooManyProblems) {
    const std::string& message = problems.back().message;  // "<n> more problems not listed"
    std::from_chars(message.data(), message.data() + message.size(), unlisted);
    problems.pop_back();
  }
  problems.insert(problems.end(), std::make_move_iterator(more.begin()),
                  std::make_move_iterator(more.end()));
  std::stable_sort(
      problems.begin(), problems.end(),
      [](const ImportProblem& left, const ImportProblem& right) { return left.line < right.line; });
  if (problems.size() > kImportProblemsMax) {
    unlisted += problems.size() - kImportProblemsMax;
    problems.resize(kImportProblemsMax);
  }
  if (unlisted > 0)
    problems.push_back(ImportProblem{0, "", std::string(kTooManyProblems),
                                     std::to_string(unlisted) + " more problems not listed"});
  O2C_ASSERT(problems.size() <= kImportProblemsMax + 1);
}

// Reads the file against the PO numbers its customers already used. The good orders are kept
// even under all-or-nothing, so that they are checked (and their problems reported) when the
// file is refused as a whole.
Result<OrderImport> read_import(StoreReader& reader, std::string_view file_text) {
  O2C_ASSIGN_OR_RETURN(std::vector<CustomerPo> used,
                       existing_po_numbers(reader, customers_named(file_text)));
  OrderImportOptions options;
  options.mode = ImportMode::kSkipBadOrders;
  options.existing_po_numbers = used;
  OrderImport import = parse_order_csv(file_text, options);
  for (const ImportProblem& problem : import.problems) {
    if (problem.line == 0 && problem.reason != kTooManyProblems)
      return invalid_argument(problem.reason, problem.message, "file");
  }
  return import;
}

// The orders place_orders would refuse, by index, each with its problem.
Result<RefusedOrders> check_orders(StoreReader& reader, const OrderImport& import,
                                   Date order_date) {
  O2C_ASSIGN_OR_RETURN(OrderPolicy policy, load_order_policy(reader));
  OrderPrecheck precheck(reader, std::move(policy), order_date);
  RefusedOrders refused;
  for (std::size_t i = 0; i < import.orders.size(); ++i) {
    O2C_ASSIGN_OR_RETURN(std::optional<Error> refusal, precheck.refusal(import.orders[i].request));
    if (refusal) refused.emplace(i, problem_of_refusal(import.orders[i], *refusal));
  }
  return refused;
}

// Places the orders in batches, reporting progress after each. Returns the orders refused
// at placement (by index), which the checks before should have made impossible (see app.h).
Result<RefusedOrders> place_imported(Context& context, const OrderImport& import,
                                     const ImportOptions& options, ImportOutcome& outcome) {
  RefusedOrders refused;
  const std::size_t total = import.orders.size();
  for (std::size_t begin = 0; begin < total; begin += kImportBatchOrdersMax) {
    const std::size_t end = std::min(total, begin + kImportBatchOrdersMax);
    std::vector<OrderRequest> requests;
    requests.reserve(end - begin);
    for (std::size_t i = begin; i < end; ++i) requests.push_back(import.orders[i].request);
    std::vector<Result<PlacedOrder>> placed = place_orders(context, requests);
    O2C_ASSERT(placed.size() == requests.size());
    for (std::size_t i = 0; i < placed.size(); ++i) {
      if (placed[i]) {
        outcome.placed.push_back(std::move(*placed[i]));
        continue;
      }
      ImportProblem problem = problem_of_refusal(import.orders[begin + i], placed[i].error());
      add_problems(outcome.problems, {problem});
      refused.emplace(begin + i, std::move(problem));
    }
    if (options.progress)
      options.progress(static_cast<std::int64_t>(end), static_cast<std::int64_t>(total));
  }
  return refused;
}

// All or nothing: the whole file in one transaction. A refusal at placement (master data
// changed since the checks) places nothing and refuses the file with that order's problem.
Result<ImportOutcome> place_whole_file(Context& context, const OrderImport& import,
                                       const ImportOptions& options) {
  ImportOutcome outcome;
  std::vector<OrderRequest> requests;
  requests.reserve(import.orders.size());
  for (const ImportedOrder& order : import.orders) requests.push_back(order.request);
  const auto total = static_cast<std::int64_t>(requests.size());
  if (options.progress) options.progress(0, total);
  constexpr std::size_t kNoOrderRefused = std::numeric_limits<std::size_t>::max();
  std::size_t refused_index = kNoOrderRefused;
  Result<std::vector<PlacedOrder>> placed =
      place_orders_all_or_nothing(context, requests, refused_index);
  if (!placed) {
    // Not an order's refusal (the store failed, or the rules could not be read): an error.
    if (refused_index == kNoOrderRefused) return placed.error();
    O2C_ASSERT(refused_index < import.orders.size());
    outcome.refused = true;
    outcome.problems.push_back(problem_of_refusal(import.orders[refused_index], placed.error()));
    for (const ImportedOrder& order : import.orders)
      outcome.rejected_rows += order.source_lines.size();
    return outcome;
  }
  outcome.placed = std::move(*placed);
  if (options.progress) options.progress(total, total);
  outcome.rejects_csv = render_rejects_csv(import);
  return outcome;
}

}  // namespace

Result<ImportOutcome> import_orders(Context& context, std::string_view file_text,
                                    const ImportOptions& options) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, context.store.reader());
  O2C_ASSIGN_OR_RETURN(OrderImport import, read_import(*reader, file_text));
  ImportOutcome outcome;
  outcome.problems = import.problems;

  O2C_ASSIGN_OR_RETURN(RefusedOrders refused, check_orders(*reader, import, context.clock.today()));
  reader.reset();  // the writer places the orders; no read connection is held meanwhile
  std::vector<ImportProblem> refusals;
  for (const auto& [index, problem] : refused) refusals.push_back(problem);
  add_problems(outcome.problems, std::move(refusals));

  if (options.mode == ImportMode::kAllOrNothing && !outcome.problems.empty()) {
    outcome.refused = true;
    // Nothing is imported: every data row is rejected.
    for (const ImportedOrder& order : import.orders)
      outcome.rejected_rows += order.source_lines.size();
    outcome.rejected_rows += import.rejected_rows.size();
    return outcome;
  }
  if (options.mode == ImportMode::kAllOrNothing) return place_whole_file(context, import, options);
  O2C_RETURN_IF_ERROR(reject_refused_orders(import, file_text, refused));
  const std::size_t to_place = import.orders.size();
  O2C_ASSIGN_OR_RETURN(refused, place_imported(context, import, options, outcome));
  O2C_ASSERT(outcome.placed.size() + refused.size() == to_place);
  O2C_RETURN_IF_ERROR(reject_refused_orders(import, file_text, refused));
  outcome.rejected_rows = import.rejected_rows.size();
  outcome.rejects_csv = render_rejects_csv(import);
  return outcome;
}

}  // namespace o2c::app
