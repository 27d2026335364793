#include "formats/csv/csv.h"

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "core/limits.h"

namespace o2c {
namespace {

// One line per record: "<line>: [field|field|…]" or "<line>: ! <reason> field <n> <<text>>".
std::string describe(std::string_view text, CsvOptions options = {}) {
  const Result<std::vector<CsvRecord>> records = read_csv(text, options);
  if (!records) return "error " + records.error().reason;
  std::string out;
  for (const CsvRecord& record : *records) {
    out += std::to_string(record.line) + ": ";
    if (record.problem) {
      out += "! " + record.problem->reason + " field " + std::to_string(record.problem->field) +
             " <" + record.text + ">\n";
      continue;
    }
    out += "[";
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
      if (i > 0) out += "|";
      out += record.fields[i];
    }
    out += "]\n";
  }
  return out;
}

TEST(ReadCsv, SplitsPlainRecords) {
  EXPECT_EQ(describe("a,b,c\n1,2,3\n"), "1: [a|b|c]\n2: [1|2|3]\n");
}

TEST(ReadCsv, TheLastLineNeedsNoLineBreak) {
  EXPECT_EQ(describe("a,b\n1,2"), "1: [a|b]\n2: [1|2]\n");
}

TEST(ReadCsv, EmptyTextHasNoRecords) {
  EXPECT_EQ(describe(""), "");
  EXPECT_EQ(describe("\n\r\n\r"), "");
  EXPECT_EQ(describe("\xEF\xBB\xBF"), "");
}

TEST(ReadCsv, AcceptsCrlfLfAndLoneCrLineBreaks) {
  EXPECT_EQ(describe("a,b\r\n1,2\r\n"), "1: [a|b]\n2: [1|2]\n");
  EXPECT_EQ(describe("a,b\r1,2\r"), "1: [a|b]\n2: [1|2]\n");
  EXPECT_EQ(describe("a\r\nb\nc\rd"), "1: [a]\n2: [b]\n3: [c]\n4: [d]\n");
}

TEST(ReadCsv, SkipsBlankLinesButCountsThem) {
  EXPECT_EQ(describe("a\n\n\r\nb\n"), "1: [a]\n4: [b]\n");
}

TEST(ReadCsv, KeepsEmptyFields) {
  EXPECT_EQ(describe(",a,,\n"), "1: [|a||]\n");
  EXPECT_EQ(describe(",\n"), "1: [|]\n");
  EXPECT_EQ(describe("\"\"\n"), "1: []\n");  // one empty quoted field
}

TEST(ReadCsv, SkipsAUtf8ByteOrderMark) {
  EXPECT_EQ(describe("\xEF\xBB\xBFsku,qty\n"), "1: [sku|qty]\n");
}

TEST(ReadCsv, RefusesUtf16AndUtf32) {
  EXPECT_EQ(describe("\xFF\xFEs\0k\0"), "error unsupported_encoding");
  EXPECT_EQ(describe("\xFE\xFF\0s\0k"), "error unsupported_encoding");
  EXPECT_EQ(describe(std::string_view("\x00\x00\xFE\xFF", 4)), "error unsupported_encoding");
}

TEST(ReadCsv, QuotedFieldsKeepDelimitersQuotesAndLineBreaks) {
  EXPECT_EQ(describe("\"Acme, Inc.\",\"say \"\"hi\"\"\",x\n"), "1: [Acme, Inc.|say \"hi\"|x]\n");
  EXPECT_EQ(describe("\"\"\"\"\n"), "1: [\"]\n");
  // A quoted line break belongs to the field; the next record starts on line 3.
  EXPECT_EQ(describe("\"two\nlines\",b\nc\n"), "1: [two\nlines|b]\n3: [c]\n");
  EXPECT_EQ(describe("\"two\r\nlines\"\r\nc\r\n"), "1: [two\r\nlines]\n3: [c]\n");
}

TEST(ReadCsv, KeepsSpacesAsWritten) {
  EXPECT_EQ(describe(" a , b \n"), "1: [ a | b ]\n");
  EXPECT_EQ(describe("\" a \"\n"), "1: [ a ]\n");
}

TEST(ReadCsv, KeepsTheOriginalTextOfEachRecord) {
  const Result<std::vector<CsvRecord>> records = read_csv("a,\"b,c\"\r\n\"x\ny\",z\n");
  ASSERT_TRUE(records.has_value());
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[0].text, "a,\"b,c\"");
  EXPECT_EQ((*records)[1].text, "\"x\ny\",z");
  EXPECT_EQ((*records)[1].line, 2u);
}

TEST(ReadCsv, UsesAnotherDelimiterWhenAsked) {
  EXPECT_EQ(describe("a;\"b;c\";d,e\n", CsvOptions{';'}), "1: [a|b;c|d,e]\n");
}

// ---- bad records -------------------------------------------------------------------------

TEST(ReadCsv, ReportsAQuoteInsideAnUnquotedField) {
  EXPECT_EQ(describe("a,b\"c,d\nok\n"),
            "1: ! quote_in_unquoted_field field 2 <a,b\"c,d>\n2: [ok]\n");
}

TEST(ReadCsv, ReportsTextAfterAClosingQuote) {
  EXPECT_EQ(describe("\"a\"b,c\nok\n"), "1: ! text_after_quote field 1 <\"a\"b,c>\n2: [ok]\n");
  EXPECT_EQ(describe("x,\"a\" ,c\nok\n"), "1: ! text_after_quote field 2 <x,\"a\" ,c>\n2: [ok]\n");
}

TEST(ReadCsv, ReportsAnUnterminatedQuoteAndReadsOnFromTheNextLine) {
  EXPECT_EQ(describe("a,b\n1,\"open\n2,3\n"),
            "1: [a|b]\n2: ! unterminated_quote field 2 <1,\"open>\n3: [2|3]\n");
  EXPECT_EQ(describe("\"never closed"), "1: ! unterminated_quote field 1 <\"never closed>\n");
}

TEST(ReadCsv, ReportsNulBytes) {
  EXPECT_EQ(describe(std::string_view("a,b\0c\nok\n", 9)),
            "1: ! nul_byte field 2 <a,b" + std::string(1, '\0') + "c>\n2: [ok]\n");
}

TEST(ReadCsv, ReportsInvalidUtf8) {
  EXPECT_EQ(describe("a,\xC3\x28\nok\n"), "1: ! invalid_utf8 field 2 <a,\xC3\x28>\n2: [ok]\n");
  EXPECT_EQ(describe("\"\xFF\",x\n"), "1: ! invalid_utf8 field 1 <\"\xFF\",x>\n");
}

TEST(ReadCsv, ProblemsCarryAMessageAndNoFields) {
  const Result<std::vector<CsvRecord>> records = read_csv("a\"b,c\n");
  ASSERT_TRUE(records.has_value());
  ASSERT_EQ(records->size(), 1u);
  const CsvRecord& record = (*records)[0];
  ASSERT_TRUE(record.problem.has_value());
  EXPECT_TRUE(record.fields.empty());
  EXPECT_NE(record.problem->message.find("field 1"), std::string::npos);
}

// ---- limits ------------------------------------------------------------------------------

TEST(ReadCsv, ReadsExactlyTheMaximumNumberOfRows) {
  std::string text;
  text.reserve(kImportRowsMax * 2);
  for (std::size_t i = 0; i < kImportRowsMax; ++i) text += "x\n";
  Result<std::vector<CsvRecord>> records = read_csv(text);
  ASSERT_TRUE(records.has_value());
  EXPECT_EQ(records->size(), kImportRowsMax);
  text += "x\n";
  records = read_csv(text);
  ASSERT_FALSE(records.has_value());
  EXPECT_EQ(records.error().reason, "too_many_rows");
  EXPECT_EQ(records.error().kind, ErrorKind::kInvalidArgument);
}

TEST(ReadCsv, RefusesAFileOverTheSizeLimit) {
  const std::string text(kImportFileBytesMax + 1, 'x');
  const Result<std::vector<CsvRecord>> records = read_csv(text);
  ASSERT_FALSE(records.has_value());
  EXPECT_EQ(records.error().reason, "file_too_large");
  EXPECT_EQ(records.error().kind, ErrorKind::kInvalidArgument);
}

// ---- quote_csv_field ---------------------------------------------------------------------

TEST(QuoteCsvField, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(quote_csv_field("plain"), "plain");
  EXPECT_EQ(quote_csv_field(""), "");
  EXPECT_EQ(quote_csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(quote_csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(quote_csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(quote_csv_field("cr\r"), "\"cr\r\"");
  EXPECT_EQ(quote_csv_field(" padded"), "\" padded\"");
  EXPECT_EQ(quote_csv_field("a;b", ';'), "\"a;b\"");
  EXPECT_EQ(quote_csv_field("a;b"), "a;b");
}

TEST(QuoteCsvField, RoundTripsThroughReadCsv) {
  const std::vector<std::string> values = {"Acme, Inc.", "say \"hi\"", "two\r\nlines", " x ", ""};
  std::string line;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) line += ",";
    line += quote_csv_field(values[i]);
  }
  const Result<std::vector<CsvRecord>> records = read_csv(line);
  ASSERT_TRUE(records.has_value());
  ASSERT_EQ(records->size(), 1u);
  EXPECT_EQ((*records)[0].fields, values);
}

// ---- is_valid_utf8 -----------------------------------------------------------------------

TEST(IsValidUtf8, AcceptsWellFormedText) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ASCII"));
  EXPECT_TRUE(is_valid_utf8("M\xC3\xBCller"));              // ü
  EXPECT_TRUE(is_valid_utf8("\xE2\x82\xAC"));               // €
  EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x93\xA6"));           // 📦
  EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));           // U+10FFFF
  EXPECT_TRUE(is_valid_utf8(std::string_view("\x00", 1)));  // NUL is valid UTF-8
}

TEST(IsValidUtf8, RefusesMalformedText) {
  EXPECT_FALSE(is_valid_utf8("\x80"));              // lone continuation byte
  EXPECT_FALSE(is_valid_utf8("\xC3"));              // truncated
  EXPECT_FALSE(is_valid_utf8("\xC3\x28"));          // bad continuation
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong, three bytes
  EXPECT_FALSE(is_valid_utf8("\xF0\x80\x80\xAF"));  // overlong, four bytes
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate U+D800
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(is_valid_utf8("\xFF"));
}

}  // namespace
}  // namespace o2c
