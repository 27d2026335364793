// mime.h — an e-mail message as RFC 5322 and MIME (RFC 2045-2047) define it: the headers
// From, To, Subject, Date, Message-ID and MIME-Version, then a multipart/mixed body whose
// first part is the plain-text message and each further part an attachment, base64-encoded
// in lines of 76 characters (RFC 2045 6.8). A subject or file name with non-ASCII
// characters is written as an RFC 2047 encoded word (UTF-8, base64); so is a body, base64
// in its part. Lines end in CRLF, as SMTP sends them. No I/O: a value in, the bytes out —
// the same bytes the SMTP transport sends, so tests see exactly what goes on the wire.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"

namespace o2c {

struct MimeAttachment {
  std::string filename;      // "INV-2026-000001.pdf"
  std::string content_type;  // "application/pdf"
  std::string bytes;         // the file's content, any bytes
};

struct MimeMessage {
  std::string from;                     // "billing@example.com"
  std::vector<std::string> recipients;  // the To header, in order
  std::string subject;                  // UTF-8
  Timestamp date;                       // the Date header (UTC)
  std::string message_id;               // without angle brackets: "o2c-7@example.com"
  std::string body;                     // UTF-8 plain text; line breaks are normalised to CRLF
  std::vector<MimeAttachment> attachments;
  std::string boundary;  // separates the parts; must not occur in the content
};

// The whole message, headers and body. Fails with invalid_argument when a header value
// would break the header (a CR or LF in the subject, an address or the message id:
// header_injection at "subject", "recipients[1]", …), when there is no recipient
// (no_recipients), or when the boundary is empty or occurs in the body (bad_boundary).
Result<std::string> render_mime(const MimeMessage& message);

// RFC 4648 base64 with padding, in one line.
std::string base64_encode(std::string_view bytes);
// The inverse, for tests and readers; ignores CR and LF. Fails with invalid_base64.
Result<std::string> base64_decode(std::string_view text);
// "Mon, 02 Mar 2026 12:00:00 +0000" (RFC 5322 3.3).
std::string rfc5322_date(Timestamp instant);

}  // namespace o2c
