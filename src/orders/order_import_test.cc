#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "core/limits.h"
#include "orders/orders.h"

namespace o2c {
namespace {

std::string describe_request(const ImportedOrder& order) {
  const OrderRequest& request = order.request;
  std::string text = "order " + order.key + " customer " + request.customer_number;
  if (!request.customer_reference.empty()) text += " po " + request.customer_reference;
  if (request.currency_code) text += " currency " + *request.currency_code;
  if (request.requested_delivery_date)
    text += " requested " + format_date(*request.requested_delivery_date);
  if (request.ship_to)
    text += " ship_to [" + request.ship_to->line + "|" + request.ship_to->city + "|" +
            request.ship_to->postal_code + "|" + request.ship_to->country + "]";
  if (request.order_discount.value != 0)
    text += " discount " + format_percent(request.order_discount);
  if (request.ship_to && !request.ship_to->region.empty())
    text += " region " + request.ship_to->region;
  if (!request.notes.empty()) text += " notes <" + request.notes + ">";
  for (const std::string& code : request.coupon_codes) text += " coupon " + code;
  text += "\n";
  for (std::size_t i = 0; i < request.lines.size(); ++i) {
    const OrderLineRequest& line = request.lines[i];
    text += "  line " + std::to_string(order.source_lines[i]) + ": " + line.sku + " x" +
            format_quantity(line.quantity);
    if (line.discount.value != 0) text += " -" + format_percent(line.discount) + "%";
    text += "\n";
  }
  return text;
}

// The whole import as text: orders, then problems, then rejected rows.
std::string describe(const OrderImport& import) {
  std::string text;
  for (const ImportedOrder& order : import.orders) {
    EXPECT_EQ(order.request.channel, SalesChannel::kCsv);
    EXPECT_EQ(order.source_lines.size(), order.request.lines.size());
    text += describe_request(order);
  }
  for (const ImportProblem& problem : import.problems)
    text += "problem " + problem.reason + " at " + describe(problem) + "\n";
  for (const RejectedRow& row : import.rejected_rows)
    text += "reject " + std::to_string(row.line) + " <" + row.text + "> " + row.why + "\n";
  return text;
}

std::string all_or_nothing(std::string_view text, std::span<const CustomerPo> existing = {}) {
  return describe(parse_order_csv(text, OrderImportOptions{ImportMode::kAllOrNothing, existing}));
}

std::string skip_bad(std::string_view text, std::span<const CustomerPo> existing = {}) {
  return describe(parse_order_csv(text, OrderImportOptions{ImportMode::kSkipBadOrders, existing}));
}

// Only the problems, one "line column reason" per line.
std::string problems_of(std::string_view text) {
  const OrderImport import = parse_order_csv(text, OrderImportOptions{});
  std::string out;
  for (const ImportProblem& problem : import.problems)
    out += std::to_string(problem.line) + " " + problem.column + " " + problem.reason + "\n";
  return out;
}

constexpr std::string_view kMinimalHeader = "customer,po_number,sku,quantity\n";

// ---- good files --------------------------------------------------------------------------

TEST(ParseOrderCsv, GroupsRowsIntoOrdersByCustomerAndPo) {
  EXPECT_EQ(all_or_nothing("customer,po_number,sku,quantity\n"
                           "C-0001,PO-1,W-100,10\n"
                           "C-0001,PO-1,W-200,2.5\n"
                           "C-0002,PO-1,W-100,1\n"),
            "order PO-1 customer C-0001 po PO-1\n"
            "  line 2: W-100 x10\n"
            "  line 3: W-200 x2.5\n"
            "order PO-1 customer C-0002 po PO-1\n"
            "  line 4: W-100 x1\n");
}

TEST(ParseOrderCsv, ReadsEveryColumnWithOrderRefQuotesCrlfAndBom) {
  const std::string text =
      "\xEF\xBB\xBF"
      "order_ref,customer,po_number,currency,requested_date,ship_to_line,ship_to_city,"
      "ship_to_postal_code,ship_to_country,order_discount_pct,notes,sku,quantity,"
      "line_discount_pct\r\n"
      "A1,C-0001,PO-4711,EUR,2026-03-20,\"Hauptstr. 1, Hof\",Berlin,10115,DE,2.5,"
      "\"Ring at gate 2, ask for \"\"Max\"\"\",W-100,10,5\r\n"
      "A1,C-0001,,,,,,,,,,W-200,0.125,\r\n"
      "A2,C-0002,,,,,,,,,,W-100,3,100\r\n";
  EXPECT_EQ(all_or_nothing(text),
            "order A1 customer C-0001 po PO-4711 currency EUR requested 2026-03-20 ship_to "
            "[Hauptstr. 1, Hof|Berlin|10115|DE] discount 2.5 notes <Ring at gate 2, ask for "
            "\"Max\">\n"
            "  line 2: W-100 x10 -5%\n"
            "  line 3: W-200 x0.125\n"
            "order A2 customer C-0002\n"
            "  line 4: W-100 x3 -100%\n");
}

TEST(ParseOrderCsv, ReadsCouponsAndTheShipToRegion) {
  EXPECT_EQ(all_or_nothing("order_ref,customer,coupon,ship_to_line,ship_to_city,"
                           "ship_to_postal_code,ship_to_country,ship_to_region,sku,quantity\n"
                           "A1,C-1, SPRING10 ; LOYAL5;,1 Broadway,New York,10004,US,NY,W-100,1\n"
                           "A1,C-1,,,,,,,W-200,2\n"
                           "A2,C-2,,,,,,,W-100,1\n"),
            "order A1 customer C-1 ship_to [1 Broadway|New York|10004|US] region NY coupon "
            "SPRING10 coupon LOYAL5\n"
            "  line 2: W-100 x1\n"
            "  line 3: W-200 x2\n"
            "order A2 customer C-2\n"
            "  line 4: W-100 x1\n");
  // Per-order values: a second row naming other coupons is inconsistent.
  EXPECT_EQ(problems_of("order_ref,customer,coupon,sku,quantity\n"
                        "A1,C-1,SPRING10,W-100,1\n"
                        "A1,C-1,OTHER,W-200,1\n"),
            "3 coupon inconsistent_order_value\n");
}

TEST(ParseOrderCsv, HeaderNamesIgnoreCaseSpacesAndOrder) {
  EXPECT_EQ(all_or_nothing(" Quantity ,SKU,PO_Number,  customer\n4,W-1,P,C\n"),
            "order P customer C po P\n  line 2: W-1 x4\n");
}

TEST(ParseOrderCsv, ValuesAreTrimmedButNotesKeepTheirLayout) {
  EXPECT_EQ(all_or_nothing("customer,po_number,sku,quantity,notes\n"
                           " C-1 , P-1 , W-1 , 2 ,\" two\nlines \"\n"),
            "order P-1 customer C-1 po P-1 notes < two\nlines >\n  line 2: W-1 x2\n");
}

TEST(ParseOrderCsv, LineNumbersCountPhysicalLines) {
  // A quoted line break makes the next row start two lines further down.
  EXPECT_EQ(problems_of("customer,po_number,sku,quantity,notes\n"
                        "C,P,W,1,\"a\nb\"\n"
                        "C,P,W,x,\n"),
            "4 quantity malformed_number\n");
}

TEST(ParseOrderCsv, SkipsEmptyRowsAndTrailingEmptyColumns) {
  EXPECT_EQ(all_or_nothing("customer,po_number,sku,quantity,,\n"
                           "C,P,W-1,1,,\n"
                           ",,,,,\n"
                           "\n"
                           "  ,  ,,\n"
                           "C,P,W-2,2\n"),
            "order P customer C po P\n  line 2: W-1 x1\n  line 6: W-2 x2\n");
}

TEST(ParseOrderCsv, UsesAnotherDelimiterWhenAsked) {
  OrderImportOptions options;
  options.delimiter = ';';
  const OrderImport import =
      parse_order_csv("customer;po_number;sku;quantity\nC;P;W-1;1.5\n", options);
  ASSERT_TRUE(import.problems.empty());
  ASSERT_EQ(import.orders.size(), 1u);
  EXPECT_EQ(import.orders[0].request.lines[0].quantity, Quantity{1'500});
}

TEST(ParseOrderCsv, LaterRowsMayRepeatOrLeaveOutTheOrderValues) {
  EXPECT_EQ(all_or_nothing("order_ref,customer,po_number,requested_date,order_discount_pct,"
                           "sku,quantity\n"
                           "R,C,PO-9,2026-04-01,5,W-1,1\n"
                           "R,C,po-9,2026-04-01,5.00,W-2,1\n"
                           "R,C,,,,W-3,1\n"),
            "order R customer C po PO-9 requested 2026-04-01 discount 5\n"
            "  line 2: W-1 x1\n  line 3: W-2 x1\n  line 4: W-3 x1\n");
}

// ---- file and header problems ------------------------------------------------------------

TEST(ParseOrderCsv, AnEmptyFileIsAProblem) {
  for (std::string_view text : {"", "\xEF\xBB\xBF", "\n\r\n"}) {
    EXPECT_EQ(all_or_nothing(text),
              "problem empty_file at file: the file is empty; it needs a header row and order "
              "lines\n");
  }
}

TEST(ParseOrderCsv, AHeaderWithoutRowsIsAProblem) {
  EXPECT_EQ(all_or_nothing(kMinimalHeader),
            "problem no_rows at line 1: the file has a header but no order lines\n");
  EXPECT_EQ(all_or_nothing("customer,po_number,sku,quantity\n,,,\n"),
            "problem no_rows at line 1: the file has a header but no order lines\n");
}

TEST(ParseOrderCsv, AUtf16FileIsRefusedAsAWhole) {
  EXPECT_EQ(all_or_nothing(std::string_view("\xFF\xFE"
                                            "c\0u\0",
                                            6)),
            "problem unsupported_encoding at file: the file is UTF-16 or UTF-32; save it as "
            "UTF-8\n");
}

TEST(ParseOrderCsv, AFileOverTheSizeLimitIsRefusedAsAWhole) {
  std::string text(kMinimalHeader);
  text.resize(kImportFileBytesMax + 1, '\n');
  const OrderImport import = parse_order_csv(text, OrderImportOptions{});
  ASSERT_EQ(import.problems.size(), 1u);
  EXPECT_EQ(import.problems[0].reason, "file_too_large");
  EXPECT_EQ(import.problems[0].line, 0u);
  EXPECT_TRUE(import.orders.empty());
  EXPECT_TRUE(import.rejected_rows.empty());
}

TEST(ParseOrderCsv, ReportsEveryHeaderProblemAndImportsNothing) {
  EXPECT_EQ(skip_bad("customer,Customer,qty,,sku,colour\n"
                     "C,C,1,,W,red\n"),
            "problem duplicate_column at line 1, customer: column 'customer' appears twice "
            "(columns 1 and 2)\n"
            "problem unknown_column at line 1, qty: unknown column 'qty'; the columns are "
            "order_ref, customer, po_number, currency, requested_date, ship_to_line, "
            "ship_to_city, ship_to_postal_code, ship_to_country, order_discount_pct, notes, "
            "sku, quantity, line_discount_pct\n"
            "problem unnamed_column at line 1: column 4 has no name\n"
            "problem unknown_column at line 1, colour: unknown column 'colour'; the columns are "
            "order_ref, customer, po_number, currency, requested_date, ship_to_line, "
            "ship_to_city, ship_to_postal_code, ship_to_country, order_discount_pct, notes, "
            "sku, quantity, line_discount_pct\n"
            "problem missing_column at line 1, po_number: the header has no column 'po_number' "
            "(or order_ref) to group rows into orders\n"
            "problem missing_column at line 1, quantity: the header has no column 'quantity'\n"
            "reject 2 <C,C,1,,W,red> not imported: the header has problems\n");
}

TEST(ParseOrderCsv, EachRequiredColumnIsNamedWhenMissing) {
  EXPECT_EQ(problems_of("po_number,sku,quantity\nP,W,1\n"), "1 customer missing_column\n");
  EXPECT_EQ(problems_of("customer,sku,quantity\nC,W,1\n"), "1 po_number missing_column\n");
  EXPECT_EQ(problems_of("customer,po_number,quantity\nC,P,1\n"), "1 sku missing_column\n");
  EXPECT_EQ(problems_of("customer,po_number,sku\nC,P,W\n"), "1 quantity missing_column\n");
  // With order_ref, po_number may be left out.
  EXPECT_EQ(problems_of("order_ref,customer,sku,quantity\nR,C,W,1\n"), "");
}

TEST(ParseOrderCsv, AnUnreadableHeaderIsAProblem) {
  EXPECT_EQ(problems_of("customer,\"po_number,sku,quantity\nC,P,W,1\n"), "1  unterminated_quote\n");
  EXPECT_EQ(problems_of("customer,po\"number,sku,quantity\nC,P,W,1\n"),
            "1  quote_in_unquoted_field\n");
}

// ---- row problems ------------------------------------------------------------------------

struct BadRow {
  std::string row;       // under the minimal header (customer,po_number,sku,quantity)
  std::string expected;  // "<column> <reason>" of each problem, in order
};

TEST(ParseOrderCsv, ReportsTheLineColumnAndReasonOfEachBadValue) {
  const std::vector<BadRow> cases = {
      {"C,P,W,abc", "2 quantity malformed_number\n"},
      {"C,P,W,\"1,5\"", "2 quantity malformed_number\n"},
      {"C,P,W,1e3", "2 quantity malformed_number\n"},
      {"C,P,W,+1", "2 quantity malformed_number\n"},
      {"C,P,W,1.2345", "2 quantity too_many_decimals\n"},
      {"C,P,W,0", "2 quantity quantity_must_be_positive\n"},
      {"C,P,W,0.000", "2 quantity quantity_must_be_positive\n"},
      {"C,P,W,-1", "2 quantity quantity_must_be_positive\n"},
      {"C,P,W,1000000000.001", "2 quantity quantity_too_large\n"},
      {"C,P,W,", "2 quantity missing_value\n"},
      {"C,P,,1", "2 sku missing_value\n"},
      {"C,,W,1", "2 po_number missing_value\n"},
      {",P,W,1", "2 customer missing_value\n"},
      {" , ,  ,  x",
       "2 customer missing_value\n2 po_number missing_value\n"
       "2 sku missing_value\n2 quantity malformed_number\n"},
      {"C,P,W", "2  wrong_field_count\n"},
      {"C,P,W,1,extra", "2  wrong_field_count\n"},
      {"C,P,W-1,1,,", ""},
      {"C,P,W\"1,1", "2 sku quote_in_unquoted_field\n"},
      {"C,\"P\"x,W,1", "2 po_number text_after_quote\n"},
      {"C,P,W,\"1", "2 quantity unterminated_quote\n"},
      {"C,P,W\xC3\x28,1", "2 sku invalid_utf8\n"},
      {std::string("C,P,W\0,1", 8), "2 sku nul_byte\n"},
      {"C,P,W,1,\"x\"y", "2  text_after_quote\n"},
  };
  for (const BadRow& test_case : cases) {
    SCOPED_TRACE(test_case.row);
    EXPECT_EQ(problems_of(std::string(kMinimalHeader) + test_case.row + "\n"), test_case.expected);
  }
}

TEST(ParseOrderCsv, ChecksTheOptionalColumns) {
  const std::string header =
      "customer,po_number,currency,requested_date,order_discount_pct,sku,quantity,"
      "line_discount_pct\n";
  const std::vector<BadRow> cases = {
      {"C,P,EURO,,,W,1,", "2 currency unknown_currency\n"},
      {"C,P,eur,,,W,1,", "2 currency unknown_currency\n"},
      {"C,P,,2026-02-30,,W,1,", "2 requested_date invalid_date\n"},
      {"C,P,,02/03/2026,,W,1,", "2 requested_date invalid_date\n"},
      {"C,P,,2026-3-2,,W,1,", "2 requested_date invalid_date\n"},
      {"C,P,,,101,W,1,", "2 order_discount_pct percent_out_of_range\n"},
      {"C,P,,,5%,W,1,", "2 order_discount_pct malformed_number\n"},
      {"C,P,,,,W,1,-1", "2 line_discount_pct percent_out_of_range\n"},
      {"C,P,,,,W,1,12.345", "2 line_discount_pct too_many_decimals\n"},
      {"C,P,,,,W,1,ten", "2 line_discount_pct malformed_number\n"},
      {"C,P,USD,2026-12-31,100,W,1,0", ""},
  };
  for (const BadRow& test_case : cases) {
    SCOPED_TRACE(test_case.row);
    EXPECT_EQ(problems_of(header + test_case.row + "\n"), test_case.expected);
  }
}

TEST(ParseOrderCsv, EveryBadFieldOfARowIsReported) {
  EXPECT_EQ(all_or_nothing("customer,po_number,requested_date,sku,quantity,line_discount_pct\n"
                           "C,P,tomorrow,W,-2,150\n"),
            "problem invalid_date at line 2, requested_date: 'tomorrow' is not a date in the "
            "form YYYY-MM-DD\n"
            "problem quantity_must_be_positive at line 2, quantity: quantity -2 must be greater "
            "than zero\n"
            "problem percent_out_of_range at line 2, line_discount_pct: percentage '150' must be "
            "between 0 and 100\n"
            "reject 2 <C,P,tomorrow,W,-2,150> line 2, requested_date: 'tomorrow' is not a date "
            "in the form YYYY-MM-DD; line 2, quantity: quantity -2 must be greater than zero; "
            "line 2, line_discount_pct: percentage '150' must be between 0 and 100\n");
}

TEST(ParseOrderCsv, AnOrdersValuesMustAgreeAcrossItsRows) {
  EXPECT_EQ(problems_of("order_ref,customer,po_number,requested_date,ship_to_country,notes,sku,"
                        "quantity\n"
                        "R,C,P,2026-04-01,DE,hi,W,1\n"
                        "R,C,,2026-04-02,,,W,1\n"
                        "R,D,Q,,FR,hi,W,1\n"
                        "R,C,,,,Hi,W,1\n"),
            "3 requested_date inconsistent_order_value\n"
            "4 customer inconsistent_order_value\n"
            "4 po_number inconsistent_order_value\n"
            "4 ship_to_country inconsistent_order_value\n"
            "5 notes inconsistent_order_value\n");
  const OrderImport import = parse_order_csv(
      "order_ref,customer,requested_date,sku,quantity\nR,C,2026-04-01,W,1\nR,C,2026-04-02,W,1\n",
      OrderImportOptions{});
  ASSERT_EQ(import.problems.size(), 1u);
  EXPECT_EQ(import.problems[0].message,
            "requested_date '2026-04-02' differs from '2026-04-01' on line 2 of the same order");
}

// ---- duplicate PO numbers ----------------------------------------------------------------

TEST(ParseOrderCsv, APoNumberUsedByTwoOrdersOfTheFileIsADuplicate) {
  // Keyed by PO: the same PO further down, after another order, is a second order.
  EXPECT_EQ(skip_bad("customer,po_number,sku,quantity\n"
                     "C-1,PO-7,W-1,1\n"
                     "C-1,PO-8,W-1,1\n"
                     "C-1,po-7 ,W-2,1\n"),
            "order PO-8 customer C-1 po PO-8\n"
            "  line 3: W-1 x1\n"
            "problem duplicate_po_number at line 4, po_number: PO number 'po-7' of customer C-1 "
            "is already used by the order on line 2\n"
            "reject 2 <C-1,PO-7,W-1,1> order not imported: see line 4\n"
            "reject 4 <C-1,po-7 ,W-2,1> line 4, po_number: PO number 'po-7' of customer C-1 is "
            "already used by the order on line 2\n");
  // Keyed by order_ref: two orders naming the same PO of one customer.
  EXPECT_EQ(problems_of("order_ref,customer,po_number,sku,quantity\n"
                        "A,C-1,PO-7,W-1,1\n"
                        "B,C-2,PO-7,W-1,1\n"
                        "C,C-1,Po-7,W-1,1\n"),
            "4 po_number duplicate_po_number\n");
}

TEST(ParseOrderCsv, TheRowsOfAnOrderRefMustBeTogether) {
  EXPECT_EQ(problems_of("order_ref,customer,sku,quantity\n"
                        "A,C-1,W-1,1\n"
                        "B,C-1,W-1,1\n"
                        "A,C-1,W-2,1\n"),
            "4 order_ref order_rows_split\n");
}

TEST(ParseOrderCsv, APoNumberTheCustomerAlreadyUsedIsADuplicate) {
  const std::vector<CustomerPo> existing = {{"C-1", "PO-100", ""}, {"C-2", "PO-200", ""}};
  EXPECT_EQ(skip_bad("customer,po_number,sku,quantity\n"
                     "C-1,po-100,W-1,1\n"
                     "C-1,PO-200,W-1,1\n"
                     "C-2, PO-200 ,W-1,1\n",
                     existing),
            "order PO-200 customer C-1 po PO-200\n"
            "  line 3: W-1 x1\n"
            "problem duplicate_po_number at line 2, po_number: customer C-1 already has an order "
            "with PO number 'PO-100'\n"
            "problem duplicate_po_number at line 4, po_number: customer C-2 already has an order "
            "with PO number 'PO-200'\n"
            "reject 2 <C-1,po-100,W-1,1> line 2, po_number: customer C-1 already has an order "
            "with PO number 'PO-100'\n"
            "reject 4 <C-2, PO-200 ,W-1,1> line 4, po_number: customer C-2 already has an order "
            "with PO number 'PO-200'\n");
}

TEST(ParseOrderCsv, ADuplicateOfAnExistingPoNamesTheEarlierOrder) {
  const std::vector<CustomerPo> existing = {{"C-1", "PO-100", "SO-2026-000007"}};
  OrderImportOptions options;
  options.existing_po_numbers = existing;
  const OrderImport import =
      parse_order_csv("customer,po_number,sku,quantity\nC-1,Po-100,W-1,1\n", options);
  ASSERT_EQ(import.problems.size(), 1U);
  EXPECT_EQ(describe(import.problems.front()),
            "line 2, po_number: customer C-1 already has order SO-2026-000007 with PO number "
            "'PO-100'");
}

TEST(ParseOrderCsv, OrdersWithoutAPoNumberAreNotDuplicates) {
  EXPECT_EQ(problems_of("order_ref,customer,po_number,sku,quantity\nA,C,,W,1\nB,C,,W,1\n"), "");
}

// ---- modes and rejects -------------------------------------------------------------------

constexpr std::string_view kMixed =
    "customer,po_number,sku,quantity,notes\n"
    "C-1,PO-1,W-1,1,\n"
    "C-1,PO-1,W-2,x,\n"
    "C-2,PO-2,W-1,2,\"multi\n"
    "line, with comma\"\n"
    "C-3,PO-3,W-1,3,\n"
    "C-3,PO-3,W-2,0,\n";

TEST(ParseOrderCsv, AllOrNothingImportsNothingWhenAnyLineIsBad) {
  EXPECT_EQ(all_or_nothing(kMixed),
            "problem malformed_number at line 3, quantity: quantity 'x' is not a plain decimal "
            "number like 1234.50\n"
            "problem quantity_must_be_positive at line 7, quantity: quantity 0 must be greater "
            "than zero\n"
            "reject 2 <C-1,PO-1,W-1,1,> order not imported: see line 3\n"
            "reject 3 <C-1,PO-1,W-2,x,> line 3, quantity: quantity 'x' is not a plain decimal "
            "number like 1234.50\n"
            "reject 4 <C-2,PO-2,W-1,2,\"multi\nline, with comma\"> not imported: the file has "
            "problems\n"
            "reject 6 <C-3,PO-3,W-1,3,> order not imported: see line 7\n"
            "reject 7 <C-3,PO-3,W-2,0,> line 7, quantity: quantity 0 must be greater than zero\n");
}

TEST(ParseOrderCsv, SkipBadKeepsTheGoodOrdersAndRejectsWholeBadOrders) {
  const OrderImport import =
      parse_order_csv(kMixed, OrderImportOptions{ImportMode::kSkipBadOrders, {}});
  EXPECT_EQ(describe(import),
            "order PO-2 customer C-2 po PO-2 notes <multi\nline, with comma>\n"
            "  line 4: W-1 x2\n"
            "problem malformed_number at line 3, quantity: quantity 'x' is not a plain decimal "
            "number like 1234.50\n"
            "problem quantity_must_be_positive at line 7, quantity: quantity 0 must be greater "
            "than zero\n"
            "reject 2 <C-1,PO-1,W-1,1,> order not imported: see line 3\n"
            "reject 3 <C-1,PO-1,W-2,x,> line 3, quantity: quantity 'x' is not a plain decimal "
            "number like 1234.50\n"
            "reject 6 <C-3,PO-3,W-1,3,> order not imported: see line 7\n"
            "reject 7 <C-3,PO-3,W-2,0,> line 7, quantity: quantity 0 must be greater than zero\n");
  // The rejects file can be fixed and imported again as it is.
  EXPECT_EQ(render_rejects_csv(import),
            "customer,po_number,sku,quantity,notes\n"
            "C-1,PO-1,W-1,1,\n"
            "C-1,PO-1,W-2,x,\n"
            "C-3,PO-3,W-1,3,\n"
            "C-3,PO-3,W-2,0,\n");
}

TEST(ParseOrderCsv, NoRejectsFileWhenEverythingImports) {
  const OrderImport import =
      parse_order_csv("customer,po_number,sku,quantity\nC,P,W,1\n", OrderImportOptions{});
  EXPECT_TRUE(import.rejected_rows.empty());
  EXPECT_EQ(render_rejects_csv(import), "");
  EXPECT_EQ(import.header_text, "customer,po_number,sku,quantity");
}

TEST(ParseOrderCsv, ARowWhoseOrderCannotBeToldRejectsTheOrdersBesideIt) {
  EXPECT_EQ(skip_bad("customer,po_number,sku,quantity\n"
                     "C,A,W,1\n"
                     "C,A,W,1,oops,extra\n"
                     "C,A,W,2\n"
                     "C,B,W,1\n"
                     "C,,W,1\n"
                     "C,D,W,1\n"
                     "C,E,W,1\n"),
            "order E customer C po E\n"
            "  line 8: W x1\n"
            "problem wrong_field_count at line 3: the row has 6 fields, the header 4; is a value "
            "with a comma not quoted?\n"
            "problem missing_value at line 6, po_number: po_number is empty\n"
            "reject 2 <C,A,W,1> order not imported: see line 3\n"
            "reject 3 <C,A,W,1,oops,extra> line 3: the row has 6 fields, the header 4; is a value "
            "with a comma not quoted?\n"
            "reject 4 <C,A,W,2> order not imported: see line 3\n"
            "reject 5 <C,B,W,1> order not imported: see line 6\n"
            "reject 6 <C,,W,1> line 6, po_number: po_number is empty\n"
            "reject 7 <C,D,W,1> order not imported: see line 6\n");
}

TEST(ParseOrderCsv, AnUnreadableFirstOrLastRowRejectsItsOneNeighbour) {
  EXPECT_EQ(skip_bad("customer,po_number,sku,quantity\n"
                     "C,\"A,W,1\n"
                     "C,B,W,1\n"
                     "C,C,W,1\n"
                     "C,D,W,1\n"
                     "C,E,W,1,x\n"),
            "order C customer C po C\n"
            "  line 4: W x1\n"
            "problem unterminated_quote at line 2, po_number: field 2 opens a quote that is never "
            "closed\n"
            "problem wrong_field_count at line 6: the row has 5 fields, the header 4; is a value "
            "with a comma not quoted?\n"
            "reject 2 <C,\"A,W,1> line 2, po_number: field 2 opens a quote that is never closed\n"
            "reject 3 <C,B,W,1> order not imported: see line 2\n"
            "reject 5 <C,D,W,1> order not imported: see line 6\n"
            "reject 6 <C,E,W,1,x> line 6: the row has 5 fields, the header 4; is a value with a "
            "comma not quoted?\n");
}

// ---- limits ------------------------------------------------------------------------------

TEST(ParseOrderCsv, AnOrderHasAtMostTheLineLimit) {
  std::string text(kMinimalHeader);
  for (std::size_t i = 0; i < kOrderLinesMax; ++i) text += "C,P,W,1\n";
  OrderImport import = parse_order_csv(text, OrderImportOptions{});
  ASSERT_TRUE(import.problems.empty());
  EXPECT_EQ(import.orders[0].request.lines.size(), kOrderLinesMax);
  text += "C,P,W,1\n";
  import = parse_order_csv(text, OrderImportOptions{});
  ASSERT_EQ(import.problems.size(), 1u);
  EXPECT_EQ(import.problems[0].reason, "too_many_lines");
  EXPECT_EQ(import.problems[0].line, kOrderLinesMax + 2);
}

TEST(ParseOrderCsv, ListsAtMostTheProblemLimit) {
  std::string text(kMinimalHeader);
  // Each row has two problems (no SKU, no quantity): one row more than half the limit.
  for (std::size_t i = 0; i <= kImportProblemsMax / 2; ++i)
    text += "C,P" + std::to_string(i) + ",,\n";
  const OrderImport import = parse_order_csv(text, OrderImportOptions{});
  ASSERT_EQ(import.problems.size(), kImportProblemsMax + 1);
  EXPECT_EQ(import.problems.back().reason, "too_many_problems");
  EXPECT_EQ(import.problems.back().message, "2 more problems not listed");
  EXPECT_EQ(import.problems.back().line, 0u);
  EXPECT_EQ(import.rejected_rows.size(), kImportProblemsMax / 2 + 1);
}

TEST(DescribeImportProblem, NamesLineAndColumn) {
  EXPECT_EQ(describe(ImportProblem{7, "quantity", "r", "bad"}), "line 7, quantity: bad");
  EXPECT_EQ(describe(ImportProblem{7, "", "r", "bad"}), "line 7: bad");
  EXPECT_EQ(describe(ImportProblem{0, "", "r", "bad"}), "file: bad");
}

}  // namespace
}  // namespace o2c
