#include <gtest/gtest.h>

#include "formats/pdf/pdf.h"

namespace o2c {
namespace {

Money eur(std::string_view text) {
  return parse_money(text, currency_from_code("EUR").value()).value();
}

InvoiceDocument document(int lines) {
  InvoiceDocument doc;
  doc.number = "INV-2026-000009";
  doc.issue_date = parse_date("2026-03-02").value();
  doc.due_date = parse_date("2026-04-01").value();
  doc.currency = currency_from_code("EUR").value();
  doc.seller = {
      "Nordwind GmbH", "Hafenstraße 1", "Hamburg", "20457", "DE", "DE123456789", "", "", ""};
  doc.buyer = {"Müller GmbH", "Königsallee 5", "Düsseldorf", "40212", "DE", "", "", "", "C-1"};
  for (int i = 1; i <= lines; ++i)
    doc.lines.push_back({std::to_string(i),
                         "W-1",
                         "Widget",
                         units(1),
                         eur("10.00"),
                         eur("0.00"),
                         eur("10.00"),
                         'S',
                         {1900},
                         ""});
  doc.vat = {{'S', {1900}, eur("10.00"), eur("1.90"), "", ""}};
  doc.vat[0].taxable.minor *= lines;
  doc.vat[0].tax.minor *= lines;
  doc.net_total = doc.vat[0].taxable;
  doc.tax_total = doc.vat[0].tax;
  doc.gross_total = add(doc.net_total, doc.tax_total).value();
  doc.payee_account = PaymentAccount{"DE89370400440532013000", "", "Nordwind GmbH"};
  return doc;
}

int pages(const std::string& pdf) {
  int count = 0;
  for (std::size_t at = pdf.find("/Type /Page"); at != std::string::npos;
       at = pdf.find("/Type /Page", at + 1)) {
    if (pdf.compare(at, 12, "/Type /Pages") != 0) ++count;
  }
  return count;
}

TEST(RenderPdf, IsAPdfAndBreaksPagesForManyLines) {
  Result<std::string> one = render_pdf(document(3));
  ASSERT_TRUE(one) << describe(one.error());
  EXPECT_TRUE(one->starts_with("%PDF-1."));
  EXPECT_NE(one->find("%%EOF"), std::string::npos);
  EXPECT_EQ(pages(*one), 1);
  Result<std::string> many = render_pdf(document(200));
  ASSERT_TRUE(many);
  EXPECT_GE(pages(*many), 4);
}

TEST(RenderPdf, RefusesAnInconsistentDocument) {
  InvoiceDocument doc = document(2);
  doc.gross_total = eur("1.00");
  Result<std::string> pdf = render_pdf(doc);
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().reason, "totals_mismatch");
}

TEST(WinAnsi, KeepsWesternLettersAndTransliteratesTheRest) {
  EXPECT_EQ(to_win_ansi("Müller GmbH"), "M\xFCller GmbH");
  EXPECT_EQ(to_win_ansi("Straße €5 – „ok“"),
            "Stra\xDF"
            "e \x80"
            "5 \x96 \x84ok\x93");
  EXPECT_EQ(to_win_ansi("Łódź Kraków"),
            "L\xF3"
            "dz Krak\xF3w");
  EXPECT_EQ(to_win_ansi("東京"), "??");
  EXPECT_EQ(to_win_ansi("a\nb"), "a b");
}

TEST(WinAnsi, MalformedUtf8BecomesQuestionMarks) {
  EXPECT_EQ(to_win_ansi("\xC3"), "?");  // truncated sequence
  EXPECT_EQ(to_win_ansi("a\xFF"
                        "b"),
            "a?b");  // never a lead byte
  EXPECT_EQ(to_win_ansi("\xE2\x28\xA1"), "?(?");
}

}  // namespace
}  // namespace o2c
