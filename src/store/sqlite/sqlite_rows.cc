#include "store/sqlite/sqlite_rows.h"

#include <string>

namespace o2c::sqlite {

Error corrupt(std::string_view what) {
  return failed_precondition(
      "database_corrupt",
      "the database holds an invalid " + std::string(what) + "; was it edited outside o2c?");
}

Result<Currency> currency_column(const Statement& row, int index) {
  Result<Currency> currency = currency_from_code(row.column_text(index));
  if (!currency) return corrupt("currency '" + row.column_text(index) + "'");
  return currency;
}

Result<Date> date_column(const Statement& row, int index) {
  Result<Date> date = parse_date(row.column_text(index));
  if (!date) return corrupt("date '" + row.column_text(index) + "'");
  return date;
}

Result<std::optional<Date>> optional_date_column(const Statement& row, int index) {
  if (row.column_is_null(index)) return std::optional<Date>();
  O2C_ASSIGN_OR_RETURN(Date date, date_column(row, index));
  return std::optional<Date>(date);
}

Status expect_one_row(Connection& connection, std::string_view what) {
  if (connection.changes() != 1)
    return internal_error("row_not_found", std::string(what) + ": no such row to update");
  return {};
}

void bind_optional_date(Statement& query, int index, const std::optional<Date>& date) {
  if (date) {
    query.bind(index, format_date(*date));
  } else {
    query.bind_null(index);
  }
}

}  // namespace o2c::sqlite
