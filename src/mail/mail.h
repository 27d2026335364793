// mail.h — invoices sent by e-mail through an outbox. Rules encoded:
//   * A message is composed when it is queued (recipients, subject, body, attachments) and
//     sent as composed; it is queued → sent once an SMTP server accepted it, or → failed.
//   * A failed attempt is retried with backoff: 1 min, 5 min, 30 min, 2 h, 8 h, then every
//     24 h, until kMailAttemptsMax attempts; then the message has failed. A permanent
//     refusal (an SMTP 5xx reply: unknown mailbox, message refused) fails it at once.
//   * An invoice is mailed once: queueing it again is recognised unless a resend is asked.
// No I/O: the clock's instant comes in as a value, the SMTP transport lives in app/'s caller.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "billing/billing.h"
#include "core/date.h"
#include "core/ids.h"
#include "core/result.h"
#include "customers/customers.h"
#include "formats/mime/mime.h"

namespace o2c {

// Numbers are persisted only by wire name; keep the names stable.
enum class MailStatus : std::uint8_t { kQueued = 1, kSent = 2, kFailed = 3 };
std::string_view wire_name(MailStatus status);
// "queued" / "sent" / "failed"; else invalid_argument unknown_mail_status.
Result<MailStatus> parse_mail_status(std::string_view text);

// A file sent with a message: the invoice rendered as PDF, or as plain text until then.
using Attachment = MimeAttachment;

inline constexpr int kMailAttemptsMax = 8;
inline constexpr std::size_t kMailRecipientsMax = 10;
inline constexpr std::size_t kMailAddressBytesMax = 254;  // RFC 5321 4.5.3.1.3 path limit
inline constexpr std::size_t kMailAttachmentBytesMax = 20 * 1024 * 1024;
inline constexpr std::int64_t kMicrosPerMinute = 60'000'000;
// The wait after the n-th failed attempt is kMailRetryMinutes[min(n, size) - 1] minutes.
inline constexpr std::array<std::int64_t, 6> kMailRetryMinutes = {1, 5, 30, 120, 480, 1440};

struct OutboxMessage {
  std::int64_t id = 0;
  InvoiceId invoice;
  std::string invoice_number;
  std::vector<std::string> recipients;
  std::string subject;
  std::string body;
  std::vector<Attachment> attachments;
  MailStatus status = MailStatus::kQueued;
  int attempts = 0;
  Timestamp next_attempt_at;  // when a queued message is due
  std::string last_error;     // of the last failed attempt; empty when none failed
  Timestamp queued_at;
  std::optional<Timestamp> sent_at;
};

// Microseconds to wait after `attempts` failed attempts (attempts >= 1).
std::int64_t retry_delay_micros(int attempts);

// Due for an attempt at `now`: queued and its next attempt not in the future.
bool is_due(const OutboxMessage& message, Timestamp now);

// The SMTP server accepted the message at `now`: queued → sent. Requires: queued.
void record_delivery(OutboxMessage& message, Timestamp now);
enum class FailureKind : std::uint8_t { kTransient, kPermanent };
// An attempt at `now` failed with `error`: attempts + 1; a permanent failure or the last
// allowed attempt → failed, otherwise it stays queued until now + retry_delay_micros.
// Requires: queued.
void record_delivery_failure(OutboxMessage& message, Timestamp now, std::string error,
                             FailureKind kind);

// Addresses as a person types them: "a@x.example" or "a@x.example, b@y.example". Each must
// look like local@domain (no spaces, angle brackets or line breaks, at most 254 bytes) and
// there may be at most kMailRecipientsMax. Fails with invalid_argument no_recipients,
// invalid_email_address or too_many_recipients, at `where`.
Result<std::vector<std::string>> parse_recipients(std::string_view text, std::string_view where);

// Checks that `url` is an smtp:// or smtps:// URL with a host and without a path:
// invalid_argument invalid_smtp_url at `where` otherwise.
Status check_smtp_url(std::string_view url, std::string_view where);

// The subject and body of the mail that sends `invoice` to `customer`: "Invoice
// INV-2026-000001 from <company>", and a body with the amount due, the due date and the
// payment reference (the invoice number).
struct InvoiceMailText {
  std::string subject;
  std::string body;
};
InvoiceMailText compose_invoice_mail(const Invoice& invoice, const Customer& customer,
                                     std::string_view company_name);

// The invoice as a plain-text file, "INV-2026-000001.txt" (text/plain): its lines, totals
// and due date. Stands in for the PDF until that renderer is plugged in.
Attachment render_invoice_text(const Invoice& invoice);

// The MIME message that sends `message` from `from` on `date`. Its Message-ID names the
// outbox message and the sender's domain, so a server that sees a resent attempt of the
// same message can recognise it.
MimeMessage mime_message_for(const OutboxMessage& message, std::string_view from, Timestamp date);

}  // namespace o2c
