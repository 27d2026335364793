// Use cases: metered usage recorded one by one or imported from a CSV file. A replayed
// idempotency key is recognised (per customer) and not counted twice; a record for an unknown
// customer or meter is refused with the line and column at fault.
#include <algorithm>
#include <map>
#include <set>

#include "app/recurring.h"
#include "app/use_case.h"
#include "core/limits.h"
#include "formats/csv/csv.h"

namespace o2c::app {
namespace {

inline constexpr std::size_t kIdempotencyKeyBytesMax = 200;
inline constexpr std::size_t kSubjectBytesMax = 200;

// A usage record checked against the store: its customer and meter resolved.
struct CheckedUsage {
  UsageRecord record;
  std::string customer_number;
  std::string meter_name;
};

// The checks of one record, in the order they are made; `where` prefixes the field names.
Result<CheckedUsage> check_usage(StoreReader& reader, const UsageRequest& request,
                                 std::map<std::string, std::optional<Meter>>& meters) {
  if (request.idempotency_key.empty())
    return invalid_argument("idempotency_key_required", "a usage record needs an idempotency key",
                            "usage.idempotency_key");
  if (request.idempotency_key.size() > kIdempotencyKeyBytesMax)
    return invalid_argument(
        "key_too_long",
        "the idempotency key is longer than " + std::to_string(kIdempotencyKeyBytesMax) + " bytes",
        "usage.idempotency_key");
  O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer,
                       reader.find_customer(request.customer_number));
  if (!customer)
    return not_found("customer_not_found", "no customer '" + request.customer_number + "'",
                     "usage.customer");
  auto cached = meters.find(request.meter_name);
  if (cached == meters.end()) {
    O2C_ASSIGN_OR_RETURN(std::optional<Meter> meter, reader.find_meter(request.meter_name));
    cached = meters.emplace(request.meter_name, std::move(meter)).first;
  }
  if (!cached->second)
    return not_found("meter_not_found", "no meter '" + request.meter_name + "'", "usage.meter");
  const Meter& meter = *cached->second;
  if (request.quantity.milli < 0)
    return invalid_argument("negative_quantity", "a usage quantity must not be negative",
                            "usage.quantity");
  if (request.quantity.milli > kQuantityMilliMax)
    return invalid_argument("quantity_too_large", "the usage quantity is too large",
                            "usage.quantity");
  if (meter.aggregation == UsageAggregation::kUniqueCount && request.subject.empty())
    return invalid_argument("subject_required",
                            "meter " + meter.name + " counts unique subjects: give a subject",
                            "usage.subject");
  if (request.subject.size() > kSubjectBytesMax)
    return invalid_argument("subject_too_long", "the subject is too long", "usage.subject");
  return CheckedUsage{UsageRecord{customer->id, meter.id, request.quantity, request.at,
                                  request.subject, request.idempotency_key},
                      customer->number, meter.name};
}

EventPayload usage_payload(const CheckedUsage& usage) {
  return {{"customer", usage.customer_number},
          {"meter", usage.meter_name},
          {"quantity", format_quantity(usage.record.quantity)},
          {"at", format_timestamp(usage.record.at)},
          {"subject", usage.record.subject},
          {"key", usage.record.idempotency_key}};
}

}  // namespace

std::vector<Result<UsageRecorded>> record_usage(Context& context,
                                                std::span<const UsageRequest> requests) {
  return run_batch<UsageRequest, UsageRecorded>(
      context.store, requests,
      [&](StoreWriter& writer, const UsageRequest& request) -> Result<UsageRecorded> {
        std::map<std::string, std::optional<Meter>> meters;
        O2C_ASSIGN_OR_RETURN(CheckedUsage usage, check_usage(writer, request, meters));
        O2C_ASSIGN_OR_RETURN(bool seen, writer.has_usage_record(usage.record.customer,
                                                                usage.record.idempotency_key));
        if (seen) return UsageRecorded::kDuplicate;
        O2C_RETURN_IF_ERROR(writer.insert_usage_record(usage.record));
        O2C_RETURN_IF_ERROR(append_event(writer, context, "usage.recorded", usage.customer_number,
                                         usage_payload(usage)));
        return UsageRecorded::kRecorded;
      });
}

namespace {

constexpr std::string_view kRequiredColumns[] = {"customer", "meter", "quantity", "timestamp",
                                                 "idempotency_key"};

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Column name → index, from the header record.
Result<std::map<std::string, std::size_t>> read_header(const CsvRecord& header) {
  if (header.problem)
    return invalid_argument("invalid_header", "the header row: " + header.problem->message,
                            "line 1");
  std::map<std::string, std::size_t> columns;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name = lower(header.fields[i]);
    if (!columns.emplace(name, i).second)
      return invalid_argument("duplicate_column", "column '" + name + "' appears twice", "line 1");
  }
  for (std::string_view required : kRequiredColumns) {
    if (!columns.contains(std::string(required)))
      return invalid_argument("missing_column",
                              "the header has no column '" + std::string(required) + "'", "line 1");
  }
  return columns;
}

// The request of one data record; fails naming the column.
Result<UsageRequest> request_of(const CsvRecord& record,
                                const std::map<std::string, std::size_t>& columns) {
  const auto field = [&](std::string_view name) -> std::string {
    auto found = columns.find(std::string(name));
    if (found == columns.end() || found->second >= record.fields.size()) return {};
    return record.fields[found->second];
  };
  UsageRequest request;
  request.customer_number = field("customer");
  request.meter_name = field("meter");
  request.subject = field("subject");
  request.idempotency_key = field("idempotency_key");
  const std::string quantity = field("quantity");
  Result<Quantity> parsed = parse_quantity(quantity);
  if (!parsed)
    return invalid_argument("invalid_quantity", parsed.error().message, "usage.quantity");
  request.quantity = *parsed;
  O2C_ASSIGN_OR_RETURN(request.at, parse_usage_timestamp(field("timestamp")));
  return request;
}

// "usage.quantity" → "quantity", the CSV column.
std::string column_of(const Error& error) {
  const std::string prefix = "usage.";
  if (error.where.starts_with(prefix)) return error.where.substr(prefix.size());
  return error.reason == "invalid_timestamp" ? "timestamp" : error.where;
}

}  // namespace

Result<UsageImportOutcome> import_usage(Context& context, std::string_view csv_text,
                                        UsageImportMode mode) {
  O2C_ASSIGN_OR_RETURN(std::vector<CsvRecord> records, read_csv(csv_text));
  if (records.empty())
    return invalid_argument("empty_file", "the file has no header row", "line 1");
  O2C_ASSIGN_OR_RETURN(auto columns, read_header(records.front()));
  return context.store.write<UsageImportOutcome>([&](StoreWriter& writer)
                                                     -> Result<UsageImportOutcome> {
    UsageImportOutcome outcome;
    std::map<std::string, std::optional<Meter>> meters;
    std::vector<std::pair<const CsvRecord*, CheckedUsage>> good;
    std::string rejects = records.front().text + "\n";
    const auto reject = [&](const CsvRecord& record, std::string column, const Error& error) {
      if (outcome.problems.size() < kImportProblemsMax)
        outcome.problems.push_back(
            ImportProblem{record.line, std::move(column), error.reason, error.message});
      rejects += record.text + "\n";
      ++outcome.rejected_rows;
    };
    for (std::size_t i = 1; i < records.size(); ++i) {
      const CsvRecord& record = records[i];
      if (record.problem) {
        reject(record, {}, invalid_argument(record.problem->reason, record.problem->message));
        continue;
      }
      Result<UsageRequest> request = request_of(record, columns);
      if (!request) {
        reject(record, column_of(request.error()), request.error());
        continue;
      }
      Result<CheckedUsage> checked = check_usage(writer, *request, meters);
      if (!checked) {
        reject(record, column_of(checked.error()), checked.error());
        continue;
      }
      good.emplace_back(&record, std::move(*checked));
    }
    if (mode == UsageImportMode::kAllOrNothing && outcome.rejected_rows > 0) {
      outcome.refused = true;
      return outcome;
    }
    if (outcome.rejected_rows > 0) outcome.rejects_csv = std::move(rejects);
    std::set<std::pair<std::int64_t, std::string>> keys_in_file;
    for (const auto& [record, usage] : good) {
      const bool first_in_file =
          keys_in_file.emplace(usage.record.customer.value, usage.record.idempotency_key).second;
      O2C_ASSIGN_OR_RETURN(
          bool seen, writer.has_usage_record(usage.record.customer, usage.record.idempotency_key));
      if (!first_in_file || seen) {
        ++outcome.duplicates;
        continue;
      }
      O2C_RETURN_IF_ERROR(writer.insert_usage_record(usage.record));
      ++outcome.recorded;
    }
    if (outcome.recorded > 0) {
      O2C_RETURN_IF_ERROR(
          append_event(writer, context, "usage.imported", "usage",
                       {{"recorded", static_cast<std::int64_t>(outcome.recorded)},
                        {"duplicates", static_cast<std::int64_t>(outcome.duplicates)},
                        {"rejected", static_cast<std::int64_t>(outcome.rejected_rows)}}));
    }
    return outcome;
  });
}

}  // namespace o2c::app
