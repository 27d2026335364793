#include "core/document_number.h"

#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "core/limits.h"

namespace o2c {
namespace {

TEST(FormatDocumentNumber, PadsYearAndSixDigitSequence) {
  EXPECT_EQ(format_document_number({"SO", 2026, 1}), "SO-2026-000001");
  EXPECT_EQ(format_document_number({"INV", 2026, 42}), "INV-2026-000042");
  EXPECT_EQ(format_document_number({"PAY", 1999, kDocumentSequenceMax}), "PAY-1999-999999");
}

TEST(DocumentNumberDeathTest, SequenceOutOfRangeAborts) {
  EXPECT_DEATH(format_document_number({"SO", 2026, 0}), "sequence");
  EXPECT_DEATH(format_document_number({"SO", 2026, kDocumentSequenceMax + 1}), "sequence");
  EXPECT_DEATH(format_document_number({"SO", 99, 1}), "year");
}

TEST(ParseDocumentNumber, ReadsPrefixYearAndSequence) {
  Result<DocumentNumber> number = parse_document_number("INV-2026-000123");
  ASSERT_TRUE(number.has_value());
  EXPECT_EQ(number->prefix, "INV");
  EXPECT_EQ(number->year, 2026);
  EXPECT_EQ(number->sequence, 123u);
}

TEST(ParseDocumentNumber, RoundTripsThroughFormat) {
  for (std::string_view text : {"SO-2026-000001", "SH-2026-000002", "INV-2027-999999",
                                "PAY-1900-000010", "X-9999-500000"}) {
    Result<DocumentNumber> number = parse_document_number(text);
    ASSERT_TRUE(number.has_value()) << text;
    EXPECT_EQ(format_document_number(*number), text);
  }
}

TEST(ParseDocumentNumber, RejectsMalformedText) {
  for (std::string_view text : {"INV-26-1",
                                "INV-2026-0000001",
                                "-2026-000001",
                                "INV-2026-000000",
                                "",
                                "INV",
                                "INV-2026",
                                "INV-2026-",
                                "INV2026000001",
                                "INV-2026_000001",
                                "INV-2026-00001",
                                "INV-2026-000001 ",
                                "INV-2026-00001x",
                                "INV-2026-+00001",
                                "INV-2026- 00001",
                                "INV-+026-000001",
                                "INV-0000-000001",
                                "INV-1899-000001",
                                "INV-20x6-000001",
                                "INV--2026-00001",
                                "A-B-2026-000001"}) {
    Result<DocumentNumber> number = parse_document_number(text);
    ASSERT_FALSE(number.has_value()) << "'" << text << "' parsed";
    EXPECT_EQ(number.error().kind, ErrorKind::kInvalidArgument);
    EXPECT_EQ(number.error().reason, "malformed_document_number") << "'" << text << "'";
    EXPECT_NE(number.error().message.find(std::string(text)), std::string::npos);
  }
}

}  // namespace
}  // namespace o2c
