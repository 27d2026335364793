#include "formats/mime/mime.h"

#include <gtest/gtest.h>

namespace o2c {
namespace {

MimeMessage invoice_message() {
  MimeMessage message;
  message.from = "billing@example.com";
  message.recipients = {"ap@nordwind.example"};
  message.subject = "Invoice INV-2026-000001 from Acme";
  message.date = Timestamp{
      start_of_day(Date{std::chrono::year{2026}, std::chrono::month{3}, std::chrono::day{2}})
          .unix_micros +
      (12LL * 3600 + 5 * 60 + 9) * 1'000'000};
  message.message_id = "o2c-1.INV-2026-000001@example.com";
  message.body = "Amount due: 119.00 EUR\nDue date: 2026-04-01\n";
  message.attachments.push_back({"INV-2026-000001.txt", "text/plain", "line 1\nline 2\n"});
  message.boundary = "=_o2c_1";
  return message;
}

TEST(Base64, EncodesTheRfc4648TestVectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64_encode(std::string("\xff\x00\xfe", 3)), "/wD+");
}

TEST(Base64, DecodesWhatItEncodesForEveryByte) {
  std::string all;
  for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
  for (std::size_t length = 0; length <= all.size(); length += 37) {
    Result<std::string> decoded = base64_decode(base64_encode(all.substr(0, length)));
    ASSERT_TRUE(decoded) << length;
    EXPECT_EQ(*decoded, all.substr(0, length));
  }
}

TEST(Base64, RefusesBadText) {
  for (std::string_view bad : {"Zg=", "Z", "Zm9v!", "Zg==Zg==", "Zm9=v", "===="}) {
    Result<std::string> decoded = base64_decode(bad);
    ASSERT_FALSE(decoded) << bad;
    EXPECT_EQ(decoded.error().reason, "invalid_base64") << bad;
  }
}

TEST(Rfc5322Date, NamesWeekdayMonthAndUtc) {
  EXPECT_EQ(rfc5322_date(invoice_message().date), "Mon, 02 Mar 2026 12:05:09 +0000");
  EXPECT_EQ(rfc5322_date(Timestamp{0}), "Thu, 01 Jan 1970 00:00:00 +0000");
}

TEST(RenderMime, WritesHeadersTextPartAndBase64Attachment) {
  Result<std::string> rendered = render_mime(invoice_message());
  ASSERT_TRUE(rendered) << rendered.error().message;
  EXPECT_EQ(*rendered,
            "From: billing@example.com\r\n"
            "To: ap@nordwind.example\r\n"
            "Subject: Invoice INV-2026-000001 from Acme\r\n"
            "Date: Mon, 02 Mar 2026 12:05:09 +0000\r\n"
            "Message-ID: <o2c-1.INV-2026-000001@example.com>\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: multipart/mixed; boundary=\"=_o2c_1\"\r\n"
            "\r\n"
            "This is a multipart message in MIME format.\r\n"
            "\r\n"
            "--=_o2c_1\r\n"
            "Content-Type: text/plain; charset=UTF-8\r\n"
            "Content-Transfer-Encoding: 7bit\r\n"
            "\r\n"
            "Amount due: 119.00 EUR\r\n"
            "Due date: 2026-04-01\r\n"
            "\r\n"
            "--=_o2c_1\r\n"
            "Content-Type: text/plain; name=\"INV-2026-000001.txt\"\r\n"
            "Content-Disposition: attachment; filename=\"INV-2026-000001.txt\"\r\n"
            "Content-Transfer-Encoding: base64\r\n"
            "\r\n"
            "bGluZSAxCmxpbmUgMgo=\r\n"
            "\r\n"
            "--=_o2c_1--\r\n");
}

TEST(RenderMime, WrapsBase64At76AndDecodesToTheSameBytes) {
  MimeMessage message = invoice_message();
  std::string pdf = "%PDF-1.4\n";
  for (int i = 0; i < 1000; ++i) pdf += static_cast<char>(i * 7 % 256);
  message.attachments = {{"INV-2026-000001.pdf", "application/pdf", pdf}};
  Result<std::string> rendered = render_mime(message);
  ASSERT_TRUE(rendered);
  const std::string head = "Content-Transfer-Encoding: base64\r\n\r\n";
  const std::size_t start = rendered->rfind(head) + head.size();
  const std::size_t end = rendered->find("\r\n\r\n--=_o2c_1--", start);
  const std::string encoded = rendered->substr(start, end - start);
  std::size_t line_start = 0;
  while (line_start < encoded.size()) {
    std::size_t line_end = encoded.find("\r\n", line_start);
    if (line_end == std::string::npos) line_end = encoded.size();
    EXPECT_LE(line_end - line_start, 76u);
    line_start = line_end + 2;
  }
  Result<std::string> decoded = base64_decode(encoded);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(*decoded, pdf);
}

TEST(RenderMime, EncodesNonAsciiSubjectAndBody) {
  MimeMessage message = invoice_message();
  message.subject = "Rechnung von Müller GmbH";
  message.body = "Fällig: 2026-04-01\n";
  Result<std::string> rendered = render_mime(message);
  ASSERT_TRUE(rendered);
  EXPECT_NE(
      rendered->find("Subject: =?UTF-8?B?" + base64_encode("Rechnung von Müller GmbH") + "?=\r\n"),
      std::string::npos);
  EXPECT_NE(rendered->find("Content-Transfer-Encoding: base64\r\n\r\n" +
                           base64_encode("Fällig: 2026-04-01\r\n") + "\r\n"),
            std::string::npos);
}

TEST(RenderMime, SeveralRecipientsGoOnFoldedLines) {
  MimeMessage message = invoice_message();
  message.recipients = {"a@x.example", "b@y.example"};
  Result<std::string> rendered = render_mime(message);
  ASSERT_TRUE(rendered);
  EXPECT_NE(rendered->find("To: a@x.example,\r\n b@y.example\r\n"), std::string::npos);
}

TEST(RenderMime, RefusesHeaderInjectionAndBadBoundaries) {
  MimeMessage message = invoice_message();
  message.subject = "Invoice\r\nBcc: everyone@example.com";
  Result<std::string> rendered = render_mime(message);
  ASSERT_FALSE(rendered);
  EXPECT_EQ(rendered.error().reason, "header_injection");
  EXPECT_EQ(rendered.error().where, "subject");

  message = invoice_message();
  message.recipients.push_back("x@y.example\nBcc: z@y.example");
  rendered = render_mime(message);
  ASSERT_FALSE(rendered);
  EXPECT_EQ(rendered.error().where, "recipients[1]");

  message = invoice_message();
  message.recipients.clear();
  rendered = render_mime(message);
  ASSERT_FALSE(rendered);
  EXPECT_EQ(rendered.error().reason, "no_recipients");

  message = invoice_message();
  message.body = "see --=_o2c_1 here";
  rendered = render_mime(message);
  ASSERT_FALSE(rendered);
  EXPECT_EQ(rendered.error().reason, "bad_boundary");

  message = invoice_message();
  message.attachments[0].content_type = "";
  rendered = render_mime(message);
  ASSERT_FALSE(rendered);
  EXPECT_EQ(rendered.error().where, "attachments[0]");
}

TEST(RenderMime, NormalisesLineBreaksToCrlf) {
  MimeMessage message = invoice_message();
  message.attachments.clear();
  message.body = "a\rb\nc\r\nd";
  Result<std::string> rendered = render_mime(message);
  ASSERT_TRUE(rendered);
  EXPECT_NE(rendered->find("\r\n\r\na\r\nb\r\nc\r\nd\r\n\r\n--=_o2c_1--\r\n"), std::string::npos);
}

}  // namespace
}  // namespace o2c
