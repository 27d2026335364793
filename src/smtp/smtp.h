// smtp.h — hands a finished RFC 5322 message to an SMTP server with libcurl (RFC 5321):
// EHLO, STARTTLS when the server offers it (smtps:// for TLS from the start), MAIL FROM,
// RCPT TO for each recipient, DATA. A message counts as sent only when the server answered
// the end of DATA with 250: that is the moment the server took responsibility for it.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/result.h"

namespace o2c {

struct SmtpSettings {
  std::string url;   // "smtp://127.0.0.1:2525", "smtps://mail.example.com" (check_smtp_url)
  std::string from;  // the envelope sender, "billing@example.com"
  long timeout_seconds = 60;
};

// Sends `message` to `recipients`. Fails with failed_precondition smtp_rejected when the
// server refused it for good (a 5xx reply: unknown mailbox, message refused), or with
// unavailable smtp_unavailable when it may work later (no connection, timeout, a 4xx
// reply). The message text says what the server or the connection said.
Status send_smtp(const SmtpSettings& settings, std::span<const std::string> recipients,
                 std::string_view message);

}  // namespace o2c
