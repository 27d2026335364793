// table.h — reports for people and for spreadsheets: the same rows rendered as an aligned
// terminal table or as RFC 4180 CSV.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace o2c::cli {

enum class Align : unsigned char { kLeft, kRight };

struct Column {
  std::string title;
  Align align = Align::kLeft;
};

struct Table {
  std::vector<Column> columns;
  std::vector<std::vector<std::string>> rows;
  // Rows after this index are totals, set off by a rule in the terminal view.
  std::size_t body_rows = SIZE_MAX;
};

enum class Format : unsigned char { kTable, kCsv };

void render(const Table& table, Format format, std::ostream& out);

}  // namespace o2c::cli
