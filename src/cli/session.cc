#include "cli/session.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/limits.h"

namespace o2c::cli {

Status Session::prepare_clock() {
  // The actor goes into the journal's canonical bytes, where a line break would be ambiguous.
  if (actor.empty() || actor.size() > 100 || actor.find_first_of("\n\r") != std::string::npos)
    return invalid_argument("invalid_actor", "--actor must be 1-100 characters on one line",
                            "--actor");
  if (date.empty()) return {};
  Result<Date> parsed = parse_date(date);
  if (!parsed) {
    Error error = std::move(parsed).error();
    error.where = "--date";
    return error;
  }
  // Noon, so that the business date is the same in every time zone a reader might assume.
  fixed_clock.emplace(Timestamp{start_of_day(*parsed).unix_micros + 12 * 3'600'000'000LL});
  return {};
}

const Clock& Session::clock() const {
  if (fixed_clock) return *fixed_clock;
  return system_clock;
}

Error at(Error error, std::string where) {
  error.where = std::move(where);
  return error;
}

Error at_tracking_options(Error error) {
  if (error.where == "carrier") error.where = "--carrier";
  if (error.where == "tracking_number") error.where = "--tracking";
  return error;
}

Result<OrderLineRequest> parse_line_option(const std::string& text, const std::string& where) {
  const std::size_t first = text.find(':');
  if (first == std::string::npos || first == 0)
    return invalid_argument(
        "malformed_line", "line '" + text + "' must look like SKU:QTY or SKU:QTY:DISCOUNT%", where);
  const std::size_t second = text.find(':', first + 1);
  OrderLineRequest line;
  line.sku = text.substr(0, first);
  Result<Quantity> quantity = parse_quantity(
      text.substr(first + 1, second == std::string::npos ? std::string::npos : second - first - 1));
  if (!quantity) return at(std::move(quantity).error(), where);
  line.quantity = *quantity;
  if (second != std::string::npos) {
    std::string percent = text.substr(second + 1);
    if (!percent.empty() && percent.back() == '%') percent.pop_back();
    Result<BasisPoints> discount = parse_percent(percent);
    if (!discount) return at(std::move(discount).error(), where);
    line.discount = *discount;
  }
  return line;
}

Result<std::string> read_text_file(const std::string& path, const std::string& option) {
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored))
    return invalid_argument("file_not_readable", "'" + path + "' is a directory, not a file",
                            option);
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return not_found("file_not_readable", "cannot read '" + path + "': " + std::strerror(errno),
                     option);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return unavailable("file_not_readable", "reading '" + path + "' failed", option);
  if (text.str().size() > kImportFileBytesMax)
    return invalid_argument("file_too_large",
                            "'" + path + "' is larger than the limit of " +
                                std::to_string(kImportFileBytesMax) + " bytes",
                            option);
  return text.str();
}

Result<Format> parse_format(const std::string& text) {
  if (text == "table") return Format::kTable;
  if (text == "csv") return Format::kCsv;
  return invalid_argument("unknown_format", "format '" + text + "' is not table or csv",
                          "--format");
}

Result<Quantity> parse_quantity_option(const std::string& text, const std::string& option) {
  Result<Quantity> quantity = parse_quantity(text);
  if (!quantity) {
    Error error = std::move(quantity).error();
    error.where = option;
    return error;
  }
  return quantity;
}

Result<Money> parse_money_option(const std::string& text, Currency currency,
                                 const std::string& option) {
  Result<Money> money = parse_money(text, currency);
  if (!money) {
    Error error = std::move(money).error();
    error.where = option;
    return error;
  }
  return money;
}

Result<Money> parse_price_option(const std::string& text, const std::string& option) {
  const std::size_t space = text.find(' ');
  if (space == std::string::npos)
    return invalid_argument("malformed_price", "price '" + text + "' must look like '19.99 EUR'",
                            option);
  Result<Currency> currency = currency_from_code(text.substr(space + 1));
  if (!currency) {
    Error error = std::move(currency).error();
    error.where = option;
    return error;
  }
  return parse_money_option(text.substr(0, space), *currency, option);
}

void add_format_option(CLI::App& command, std::string& format) {
  command.add_option("--format", format, "table (for the terminal) or csv")->capture_default_str();
}

Status first_error(const std::vector<Error>& errors) {
  if (errors.empty()) return {};
  return errors.front();
}

}  // namespace o2c::cli
