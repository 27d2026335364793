// sqlite_rows.h — reading and binding the column types every table shares: money, dates,
// currencies, quantities. A value a domain type cannot hold means the file was altered
// outside o2c and is reported as database_corrupt. Internal to store/.
#pragma once

#include <optional>
#include <string_view>

#include "core/date.h"
#include "core/money.h"
#include "core/result.h"
#include "store/sqlite/sqlite_db.h"

namespace o2c::sqlite {

Error corrupt(std::string_view what);

Result<Currency> currency_column(const Statement& row, int index);
Result<Date> date_column(const Statement& row, int index);
Result<std::optional<Date>> optional_date_column(const Statement& row, int index);
inline Money money_column(const Statement& row, int index, Currency currency) {
  return Money{row.column_int(index), currency};
}
inline Quantity quantity_column(const Statement& row, int index) {
  return Quantity{row.column_int(index)};
}

// Fails unless the last statement changed exactly one row (an update of a row that exists).
Status expect_one_row(Connection& connection, std::string_view what);

// Binds the date, or NULL when there is none.
void bind_optional_date(Statement& query, int index, const std::optional<Date>& date);

}  // namespace o2c::sqlite
