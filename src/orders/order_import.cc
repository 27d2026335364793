// Bulk order import: CSV text → order requests grouped by order, or every problem with its
// line and column. See "bulk order import" in orders.h for the format.
#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "core/limits.h"
#include "formats/csv/csv.h"
#include "orders/orders.h"

namespace o2c {
namespace {

enum class Column : std::uint8_t {
  kOrderRef,
  kCustomer,
  kPoNumber,
  kCurrency,
  kRequestedDate,
  kShipToLine,
  kShipToCity,
  kShipToPostalCode,
  kShipToCountry,
  kShipToRegion,
  kOrderDiscountPct,
  kNotes,
  kCoupon,
  kSku,
  kQuantity,
  kLineDiscountPct,
};
constexpr std::size_t kColumnCount = 16;
// The per-order columns are the first ones, up to coupon: equal on every row of an order.
constexpr std::size_t kOrderColumnCount = 13;

constexpr std::string_view kColumnNames[kColumnCount] = {
    "order_ref",
    "customer",
    "po_number",
    "currency",
    "requested_date",
    "ship_to_line",
    "ship_to_city",
    "ship_to_postal_code",
    "ship_to_country",
    "ship_to_region",
    "order_discount_pct",
    "notes",
    "coupon",
    "sku",
    "quantity",
    "line_discount_pct",
};
static_assert(static_cast<std::size_t>(Column::kCoupon) + 1 == kOrderColumnCount);

std::string_view name_of(Column column) { return kColumnNames[static_cast<std::size_t>(column)]; }

std::string_view trimmed(std::string_view text) {
  const std::size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  const std::size_t end = text.find_last_not_of(" \t");
  return text.substr(begin, end - begin + 1);
}

std::string lower_case(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

// A customer's PO number as compared for duplicates: trimmed, case ignored.
std::string po_key(std::string_view customer, std::string_view po_number) {
  return std::string(customer) + '\x1f' + lower_case(trimmed(po_number));
}

struct Header {
  std::array<std::optional<std::size_t>, kColumnCount> index;  // column → field index
  std::size_t field_count = 0;  // named fields (trailing unnamed ones dropped)
  bool by_order_ref = false;
};

// One data row, read.
struct Row {
  std::size_t line = 0;
  const CsvRecord* record = nullptr;
  std::optional<std::string> key;  // nullopt: the row's order cannot be told
  std::array<std::string, kOrderColumnCount> order_values;  // canonical text; "" when empty
  OrderLineRequest item;
  std::vector<std::string> problems;  // descriptions of its own problems
};

struct Group {
  std::string key;
  std::vector<std::size_t> rows;           // indexes into the rows
  std::optional<std::size_t> rejected_by;  // the line that rejected the order, if any
};

class ImportRun {
 public:
  explicit ImportRun(const OrderImportOptions& options) : options_(options) {
    for (const CustomerPo& existing : options.existing_po_numbers)
      existing_po_.try_emplace(po_key(existing.customer_number, existing.po_number), existing);
  }

  OrderImport run(std::string_view text);

 private:
  void problem(std::size_t line, std::string_view column, std::string_view reason,
               std::string message, Row* row = nullptr);
  bool read_header(const CsvRecord& record);
  std::optional<Row> read_row(const CsvRecord& record);
  void read_values(const std::vector<std::string>& fields, Row& row);
  std::string value(const std::vector<std::string>& fields, Column column) const;
  void group_rows();
  void check_group(Group& group);
  void check_duplicate_po(Group& group);
  OrderRequest build_request(const Group& group) const;
  // Builds the orders of groups without problems (none unless keep_good); which rows went in.
  std::vector<bool> collect_orders(OrderImport& import, bool keep_good);
  void collect_rejects(OrderImport& import, const std::vector<bool>& imported) const;
  // Reads the data rows (after a good header), groups and checks them, builds the result.
  void import_rows(OrderImport& import, const std::vector<CsvRecord>& records);
  void finish(OrderImport& import);

  const OrderImportOptions& options_;
  Header header_;
  std::vector<ImportProblem> problems_;
  std::vector<Row> rows_;
  std::vector<Group> groups_;
  std::map<std::string, std::size_t> po_lines_;    // PO key → first line using it in the file
  std::map<std::string, CustomerPo> existing_po_;  // PO key → the PO as stored
};

void ImportRun::problem(std::size_t line, std::string_view column, std::string_view reason,
                        std::string message, Row* row) {
  ImportProblem item{line, std::string(column), std::string(reason), std::move(message)};
  if (row != nullptr) row->problems.push_back(describe(item));
  problems_.push_back(std::move(item));
}

bool ImportRun::read_header(const CsvRecord& record) {
  if (record.problem) {
    problem(1, "", record.problem->reason, "header: " + record.problem->message);
    return false;
  }
  std::vector<std::string> names;
  for (const std::string& field : record.fields) names.push_back(lower_case(trimmed(field)));
  while (!names.empty() && names.back().empty()) names.pop_back();  // "a,b,," from spreadsheets
  header_.field_count = names.size();
  const std::size_t problems_before = problems_.size();
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto known = std::find(std::begin(kColumnNames), std::end(kColumnNames), names[i]);
    if (names[i].empty()) {
      problem(1, "", "unnamed_column", "column " + std::to_string(i + 1) + " has no name");
    } else if (known == std::end(kColumnNames)) {
      problem(1, names[i], "unknown_column",
              "unknown column '" + names[i] + "'; the columns are order_ref, customer, " +
                  "po_number, currency, requested_date, ship_to_line, ship_to_city, " +
                  "ship_to_postal_code, ship_to_country, order_discount_pct, notes, sku, " +
                  "quantity, line_discount_pct");
    } else {
      std::optional<std::size_t>& slot =
          header_.index[static_cast<std::size_t>(known - std::begin(kColumnNames))];
      if (slot)
        problem(1, names[i], "duplicate_column",
                "column '" + names[i] + "' appears twice (columns " + std::to_string(*slot + 1) +
                    " and " + std::to_string(i + 1) + ")");
      else
        slot = i;
    }
  }
  header_.by_order_ref = header_.index[static_cast<std::size_t>(Column::kOrderRef)].has_value();
  std::vector<Column> required = {Column::kCustomer, Column::kSku, Column::kQuantity};
  if (!header_.by_order_ref) required.insert(required.begin() + 1, Column::kPoNumber);
  for (Column column : required) {
    if (!header_.index[static_cast<std::size_t>(column)])
      problem(1, name_of(column), "missing_column",
              "the header has no column '" + std::string(name_of(column)) + "'" +
                  (column == Column::kPoNumber ? " (or order_ref) to group rows into orders" : ""));
  }
  return problems_.size() == problems_before;
}

std::string ImportRun::value(const std::vector<std::string>& fields, Column column) const {
  const std::optional<std::size_t>& index = header_.index[static_cast<std::size_t>(column)];
  if (!index) return {};
  O2C_ASSERT(*index < fields.size());
  const std::string& field = fields[*index];
  // Notes keep their inner layout; only a value of nothing but blanks counts as empty.
  if (column == Column::kNotes) return trimmed(field).empty() ? std::string() : field;
  return std::string(trimmed(field));
}

std::optional<Row> ImportRun::read_row(const CsvRecord& record) {
  Row row;
  row.line = record.line;
  row.record = &record;
  if (record.problem) {
    const std::size_t field = record.problem->field - 1;
    std::string_view column;
    for (std::size_t c = 0; c < kColumnCount; ++c) {
      if (header_.index[c] == field) column = kColumnNames[c];
    }
    problem(record.line, column, record.problem->reason, record.problem->message, &row);
    return row;
  }
  if (std::all_of(record.fields.begin(), record.fields.end(),
                  [](const std::string& field) { return trimmed(field).empty(); }))
    return std::nullopt;  // an empty row, as spreadsheets leave at the end
  const bool extra_filled =
      record.fields.size() > header_.field_count &&
      std::any_of(record.fields.begin() + static_cast<std::ptrdiff_t>(header_.field_count),
                  record.fields.end(), [](const std::string& f) { return !trimmed(f).empty(); });
  if (record.fields.size() < header_.field_count || extra_filled) {
    problem(record.line, "", "wrong_field_count",
            "the row has " + std::to_string(record.fields.size()) + " fields, the header " +
                std::to_string(header_.field_count) + "; is a value with a comma not quoted?",
            &row);
    return row;
  }
  read_values(record.fields, row);
  return row;
}

void ImportRun::read_values(const std::vector<std::string>& fields, Row& row) {
  const std::size_t line = row.line;
  const auto required = [&](Column column) {
    std::string text = value(fields, column);
    if (text.empty())
      problem(line, name_of(column), "missing_value", std::string(name_of(column)) + " is empty",
              &row);
    return text;
  };
  const std::string customer = required(Column::kCustomer);
  const std::string key_text =
      required(header_.by_order_ref ? Column::kOrderRef : Column::kPoNumber);
  if (!customer.empty() && !key_text.empty())
    row.key = header_.by_order_ref ? key_text : po_key(customer, key_text);

  for (std::size_t c = 0; c < kOrderColumnCount; ++c)
    row.order_values[c] = value(fields, static_cast<Column>(c));
  std::string& currency = row.order_values[static_cast<std::size_t>(Column::kCurrency)];
  if (!currency.empty() && !currency_from_code(currency))
    problem(line, "currency", "unknown_currency",
            "currency '" + currency + "' is not an ISO 4217 code we trade in", &row);
  std::string& date = row.order_values[static_cast<std::size_t>(Column::kRequestedDate)];
  if (!date.empty()) {
    Result<Date> parsed = parse_date(date);
    if (!parsed)
      problem(line, "requested_date", parsed.error().reason, parsed.error().message, &row);
  }
  std::string& order_discount =
      row.order_values[static_cast<std::size_t>(Column::kOrderDiscountPct)];
  if (!order_discount.empty()) {
    Result<BasisPoints> parsed = parse_percent(order_discount);
    if (!parsed)
      problem(line, "order_discount_pct", parsed.error().reason, parsed.error().message, &row);
    else
      order_discount = format_percent(*parsed);  // "5.0" and "5" are the same value
  }

  row.item.sku = required(Column::kSku);
  const std::string quantity = required(Column::kQuantity);
  if (!quantity.empty()) {
    Result<Quantity> parsed = parse_quantity(quantity);
    if (!parsed)
      problem(line, "quantity", parsed.error().reason, parsed.error().message, &row);
    else if (parsed->milli <= 0)
      problem(line, "quantity", "quantity_must_be_positive",
              "quantity " + quantity + " must be greater than zero", &row);
    else if (parsed->milli > kQuantityMilliMax)
      problem(line, "quantity", "quantity_too_large",
              "quantity " + quantity + " exceeds one billion units", &row);
    else
      row.item.quantity = *parsed;
  }
  const std::string discount = value(fields, Column::kLineDiscountPct);
  if (!discount.empty()) {
    Result<BasisPoints> parsed = parse_percent(discount);
    if (!parsed)
      problem(line, "line_discount_pct", parsed.error().reason, parsed.error().message, &row);
    else
      row.item.discount = *parsed;
  }
}

void ImportRun::group_rows() {
  std::map<std::string, std::size_t> group_of_key;
  std::optional<std::size_t> previous_group;        // of the last row whose order is known
  std::optional<std::size_t> unknown_line_pending;  // an unkeyable row since then
  for (std::size_t r = 0; r < rows_.size(); ++r) {
    Row& row = rows_[r];
    if (!row.key) {
      // The row may belong to the order before it or to the one after: both are rejected.
      if (previous_group && !groups_[*previous_group].rejected_by)
        groups_[*previous_group].rejected_by = row.line;
      if (!unknown_line_pending) unknown_line_pending = row.line;
      continue;
    }
    auto [found, inserted] = group_of_key.try_emplace(*row.key, groups_.size());
    if (inserted) {
      groups_.push_back(Group{*row.key, {}, std::nullopt});
    } else if (previous_group != found->second) {
      const Group& earlier = groups_[found->second];
      const std::size_t first_line = rows_[earlier.rows.front()].line;
      if (header_.by_order_ref)
        problem(row.line, "order_ref", "order_rows_split",
                "order_ref '" + *row.key + "' was used on line " + std::to_string(first_line) +
                    " for rows further up; the rows of one order must be next to each other",
                &row);
      else
        problem(row.line, "po_number", "duplicate_po_number",
                "PO number '" + row.order_values[static_cast<std::size_t>(Column::kPoNumber)] +
                    "' of customer " +
                    row.order_values[static_cast<std::size_t>(Column::kCustomer)] +
                    " is already used by the order on line " + std::to_string(first_line),
                &row);
    }
    Group& group = groups_[found->second];
    group.rows.push_back(r);
    if (unknown_line_pending && !group.rejected_by) group.rejected_by = unknown_line_pending;
    unknown_line_pending.reset();
    previous_group = found->second;
  }
}

void ImportRun::check_group(Group& group) {
  std::array<std::size_t, kOrderColumnCount> first_line{};  // 0: no value yet
  std::array<std::string, kOrderColumnCount> first_value;
  for (std::size_t position = 0; position < group.rows.size(); ++position) {
    Row& row = rows_[group.rows[position]];
    if (position == kOrderLinesMax)
      problem(row.line, "", "too_many_lines",
              "an order has at most " + std::to_string(kOrderLinesMax) + " lines", &row);
    for (std::size_t c = 0; c < kOrderColumnCount; ++c) {
      const std::string& text = row.order_values[c];
      if (text.empty()) continue;
      if (first_line[c] == 0) {
        first_line[c] = row.line;
        first_value[c] = text;
      } else if (text != first_value[c] && !(c == static_cast<std::size_t>(Column::kPoNumber) &&
                                             lower_case(text) == lower_case(first_value[c]))) {
        problem(row.line, kColumnNames[c], "inconsistent_order_value",
                std::string(kColumnNames[c]) + " '" + text + "' differs from '" + first_value[c] +
                    "' on line " + std::to_string(first_line[c]) + " of the same order",
                &row);
      }
    }
  }
  check_duplicate_po(group);
}

void ImportRun::check_duplicate_po(Group& group) {
  // In the file: only a group keyed by order_ref can share a PO number with another group (PO
  // keys collide within one group and are reported while grouping).
  Row* with_po = nullptr;
  for (std::size_t r : group.rows) {
    if (!rows_[r].order_values[static_cast<std::size_t>(Column::kPoNumber)].empty()) {
      with_po = &rows_[r];
      break;
    }
  }
  if (with_po == nullptr) return;
  const std::string& customer = with_po->order_values[static_cast<std::size_t>(Column::kCustomer)];
  const std::string& po = with_po->order_values[static_cast<std::size_t>(Column::kPoNumber)];
  const std::string key = po_key(customer, po);
  const auto existing = existing_po_.find(key);
  if (existing != existing_po_.end()) {
    const CustomerPo& earlier = existing->second;
    problem(with_po->line, "po_number", "duplicate_po_number",
            "customer " + customer + " already has " +
                (earlier.order_number.empty() ? "an order" : "order " + earlier.order_number) +
                " with PO number '" + earlier.po_number + "'",
            with_po);
    return;
  }
  const auto [found, inserted] = po_lines_.try_emplace(key, with_po->line);
  if (!inserted)
    problem(with_po->line, "po_number", "duplicate_po_number",
            "PO number '" + po + "' of customer " + customer +
                " is already used by the order on line " + std::to_string(found->second),
            with_po);
}

OrderRequest ImportRun::build_request(const Group& group) const {
  O2C_ASSERT(!group.rows.empty());
  O2C_ASSERT(!group.rejected_by.has_value());
  std::array<std::string, kOrderColumnCount> values;
  for (std::size_t r : group.rows) {
    for (std::size_t c = 0; c < kOrderColumnCount; ++c) {
      if (values[c].empty()) values[c] = rows_[r].order_values[c];
    }
  }
  const auto at = [&values](Column column) -> const std::string& {
    return values[static_cast<std::size_t>(column)];
  };
  OrderRequest request;
  request.channel = SalesChannel::kCsv;
  request.customer_number = at(Column::kCustomer);
  request.customer_reference = at(Column::kPoNumber);
  if (!at(Column::kCurrency).empty()) request.currency_code = at(Column::kCurrency);
  if (!at(Column::kRequestedDate).empty())
    request.requested_delivery_date = parse_date(at(Column::kRequestedDate)).value();
  if (!at(Column::kOrderDiscountPct).empty())
    request.order_discount = parse_percent(at(Column::kOrderDiscountPct)).value();
  request.notes = at(Column::kNotes);
  const Address ship_to{at(Column::kShipToLine), at(Column::kShipToCity),
                        at(Column::kShipToPostalCode), at(Column::kShipToCountry),
                        at(Column::kShipToRegion)};
  if (!ship_to.line.empty() || !ship_to.city.empty() || !ship_to.postal_code.empty() ||
      !ship_to.country.empty() || !ship_to.region.empty())
    request.ship_to = ship_to;
  // Several codes are separated by ';': "SPRING10;FREESHIP".
  std::string_view codes = at(Column::kCoupon);
  while (!codes.empty()) {
    const std::size_t end = std::min(codes.find(';'), codes.size());
    const std::string_view code = trimmed(codes.substr(0, end));
    if (!code.empty()) request.coupon_codes.emplace_back(code);
    codes.remove_prefix(std::min(end + 1, codes.size()));
  }
  for (std::size_t r : group.rows) request.lines.push_back(rows_[r].item);
  return request;
}

void ImportRun::finish(OrderImport& import) {
  std::stable_sort(problems_.begin(), problems_.end(),
                   [](const ImportProblem& a, const ImportProblem& b) { return a.line < b.line; });
  if (problems_.size() > kImportProblemsMax) {
    const std::size_t more = problems_.size() - kImportProblemsMax;
    problems_.resize(kImportProblemsMax);
    problems_.push_back(ImportProblem{0, "", "too_many_problems",
                                      std::to_string(more) + " more problems not listed"});
  }
  import.problems = std::move(problems_);
}

std::vector<bool> ImportRun::collect_orders(OrderImport& import, bool keep_good) {
  std::vector<bool> imported(rows_.size(), false);
  for (Group& group : groups_) {
    O2C_ASSERT(!group.rows.empty());
    for (std::size_t r : group.rows) {
      if (!rows_[r].problems.empty() && !group.rejected_by) group.rejected_by = rows_[r].line;
    }
    if (group.rejected_by || !keep_good) continue;
    ImportedOrder order;
    order.key =
        header_.by_order_ref
            ? group.key
            : rows_[group.rows.front()].order_values[static_cast<std::size_t>(Column::kPoNumber)];
    for (std::size_t r : group.rows) {
      O2C_ASSERT(!imported[r]);
      order.source_lines.push_back(rows_[r].line);
      imported[r] = true;
    }
    order.request = build_request(group);
    import.orders.push_back(std::move(order));
  }
  return imported;
}

void ImportRun::collect_rejects(OrderImport& import, const std::vector<bool>& imported) const {
  O2C_ASSERT(imported.size() == rows_.size());
  std::map<std::size_t, std::size_t> rejecting_line;  // row index → line that sank its order
  for (const Group& group : groups_) {
    for (std::size_t r : group.rows) {
      if (group.rejected_by) rejecting_line[r] = *group.rejected_by;
    }
  }
  for (std::size_t r = 0; r < rows_.size(); ++r) {
    if (imported[r]) continue;
    const Row& row = rows_[r];
    std::string why;
    for (const std::string& item : row.problems) why += (why.empty() ? "" : "; ") + item;
    if (why.empty())
      why = rejecting_line.contains(r)
                ? "order not imported: see line " + std::to_string(rejecting_line[r])
                : "not imported: the file has problems";
    import.rejected_rows.push_back(RejectedRow{row.line, row.record->text, std::move(why)});
  }
}

void ImportRun::import_rows(OrderImport& import, const std::vector<CsvRecord>& records) {
  O2C_ASSERT(!records.empty());
  O2C_ASSERT(rows_.empty());
  for (std::size_t i = 1; i < records.size(); ++i) {
    std::optional<Row> row = read_row(records[i]);
    if (row) rows_.push_back(std::move(*row));
  }
  if (rows_.empty()) problem(1, "", "no_rows", "the file has a header but no order lines");
  group_rows();
  for (Group& group : groups_) check_group(group);
  const bool keep_good = options_.mode == ImportMode::kSkipBadOrders || problems_.empty();
  collect_rejects(import, collect_orders(import, keep_good));
}

OrderImport ImportRun::run(std::string_view text) {
  OrderImport import;
  Result<std::vector<CsvRecord>> records = read_csv(text, CsvOptions{options_.delimiter});
  if (!records) {
    problem(0, "", records.error().reason, records.error().message);
  } else if (records->empty()) {
    problem(0, "", "empty_file", "the file is empty; it needs a header row and order lines");
  } else {
    import.header_text = records->front().text;
    if (read_header(records->front())) {
      import_rows(import, *records);
    } else {
      for (std::size_t i = 1; i < records->size(); ++i) {
        const CsvRecord& record = (*records)[i];
        import.rejected_rows.push_back(
            RejectedRow{record.line, record.text, "not imported: the header has problems"});
      }
    }
  }
  finish(import);
  O2C_ASSERT(import.problems.empty() || options_.mode == ImportMode::kSkipBadOrders ||
             import.orders.empty());
  O2C_ASSERT(!import.problems.empty() || import.rejected_rows.empty());
  return import;
}

}  // namespace

std::string describe(const ImportProblem& problem) {
  std::string text = problem.line == 0 ? "file" : "line " + std::to_string(problem.line);
  if (!problem.column.empty()) text += ", " + problem.column;
  return text + ": " + problem.message;
}

OrderImport parse_order_csv(std::string_view text, const OrderImportOptions& options) {
  ImportRun run(options);
  return run.run(text);
}

std::string render_rejects_csv(const OrderImport& import) {
  if (import.rejected_rows.empty()) return {};
  std::string text = import.header_text + "\n";
  for (const RejectedRow& row : import.rejected_rows) text += row.text + "\n";
  return text;
}

}  // namespace o2c
