#include "cli/table.h"

#include <algorithm>
#include <ostream>

namespace o2c::cli {
namespace {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

// Right-aligned columns hold numbers; a spreadsheet reads "1189.40" as one, "1,189.40" not.
std::string ungrouped(std::string number) {
  number.erase(std::remove(number.begin(), number.end(), ','), number.end());
  return number;
}

void render_csv(const Table& table, std::ostream& out) {
  std::vector<std::string> titles;
  for (const Column& column : table.columns) titles.push_back(column.title);
  const auto line = [&](const std::vector<std::string>& cells, bool numbers) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const bool number =
          numbers && i < table.columns.size() && table.columns[i].align == Align::kRight;
      out << (i ? "," : "") << csv_field(number ? ungrouped(cells[i]) : cells[i]);
    }
    out << "\r\n";
  };
  line(titles, false);
  for (const auto& row : table.rows) line(row, true);
}

void render_text(const Table& table, std::ostream& out) {
  std::vector<std::size_t> widths;
  for (const Column& column : table.columns) widths.push_back(column.title.size());
  for (const auto& row : table.rows) {
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i)
      widths[i] = std::max(widths[i], row[i].size());
  }
  const auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t i = 0; i < widths.size(); ++i) {
      const std::string cell = i < cells.size() ? cells[i] : "";
      const std::string pad(widths[i] - cell.size(), ' ');
      text += (i ? "  " : "");
      text += table.columns[i].align == Align::kRight ? pad + cell : cell + pad;
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out << text << '\n';
  };
  std::size_t total_width = 0;
  for (std::size_t width : widths) total_width += width + 2;
  const std::string rule(total_width > 2 ? total_width - 2 : 0, '-');
  std::vector<std::string> titles;
  for (const Column& column : table.columns) titles.push_back(column.title);
  line(titles);
  out << rule << '\n';
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    if (r == table.body_rows && r > 0) out << rule << '\n';
    line(table.rows[r]);
  }
}

}  // namespace

void render(const Table& table, Format format, std::ostream& out) {
  if (format == Format::kCsv) {
    render_csv(table, out);
  } else {
    render_text(table, out);
  }
}

}  // namespace o2c::cli
