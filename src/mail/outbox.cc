// The outbox's states and retry schedule.
#include <algorithm>
#include <utility>

#include "mail/mail.h"

namespace o2c {
namespace {

constexpr std::array<std::pair<MailStatus, std::string_view>, 3> kStatusNames = {{
    {MailStatus::kQueued, "queued"},
    {MailStatus::kSent, "sent"},
    {MailStatus::kFailed, "failed"},
}};

static_assert(kMailAttemptsMax >= 1);
static_assert(kMailRetryMinutes.front() >= 1);

bool plausible_address(std::string_view address) {
  const std::size_t at = address.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= address.size()) return false;
  if (address.find('@', at + 1) != std::string_view::npos) return false;
  if (address.size() > kMailAddressBytesMax) return false;
  for (char c : address) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7F || c == '<' || c == '>' || c == ',' || c == '"' || c == '(' ||
        c == ')' || c == ';' || c == ':' || c == '\\')
      return false;
  }
  const std::string_view domain = address.substr(at + 1);
  return domain.front() != '.' && domain.back() != '.' &&
         domain.find("..") == std::string_view::npos;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The text as it may go into a one-line error message: control characters escaped.
std::string printable(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\r') {
      out += "\\r";
    } else if (c == '\n') {
      out += "\\n";
    } else if (byte < 0x20 || byte == 0x7F) {
      out += '?';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string_view wire_name(MailStatus status) {
  for (const auto& [value, name] : kStatusNames)
    if (value == status) return name;
  O2C_ASSERT(false && "unknown MailStatus");
  return {};
}

Result<MailStatus> parse_mail_status(std::string_view text) {
  for (const auto& [value, name] : kStatusNames)
    if (name == text) return value;
  return invalid_argument(
      "unknown_mail_status",
      "mail status '" + std::string(text) + "' is not one of queued, sent, failed", "status");
}

std::int64_t retry_delay_micros(int attempts) {
  O2C_ASSERT(attempts >= 1);
  const std::size_t index =
      std::min(static_cast<std::size_t>(attempts), kMailRetryMinutes.size()) - 1;
  return kMailRetryMinutes[index] * kMicrosPerMinute;
}

bool is_due(const OutboxMessage& message, Timestamp now) {
  return message.status == MailStatus::kQueued && message.next_attempt_at <= now;
}

void record_delivery(OutboxMessage& message, Timestamp now) {
  O2C_ASSERT(message.status == MailStatus::kQueued);
  O2C_ASSERT(message.attempts < kMailAttemptsMax);
  message.attempts += 1;
  message.status = MailStatus::kSent;
  message.sent_at = now;
}

void record_delivery_failure(OutboxMessage& message, Timestamp now, std::string error,
                             FailureKind kind) {
  O2C_ASSERT(message.status == MailStatus::kQueued);
  O2C_ASSERT(message.attempts < kMailAttemptsMax);
  message.attempts += 1;
  message.last_error = std::move(error);
  if (kind == FailureKind::kPermanent || message.attempts >= kMailAttemptsMax) {
    message.status = MailStatus::kFailed;
    return;
  }
  message.next_attempt_at = Timestamp{now.unix_micros + retry_delay_micros(message.attempts)};
}

Status check_smtp_url(std::string_view url, std::string_view where) {
  std::string_view rest;
  if (url.starts_with("smtp://")) rest = url.substr(7);
  if (url.starts_with("smtps://")) rest = url.substr(8);
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  const bool ok = !rest.empty() && rest.front() != ':' &&
                  rest.find_first_of("/ \t\r\n?#") == std::string_view::npos;
  if (!ok)
    return invalid_argument("invalid_smtp_url",
                            "'" + printable(url) +
                                "' is not an SMTP server URL like smtp://host:port or "
                                "smtps://host",
                            std::string(where));
  return {};
}

Result<std::vector<std::string>> parse_recipients(std::string_view text, std::string_view where) {
  std::vector<std::string> recipients;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view address = trimmed(text.substr(start, end - start));
    if (!address.empty()) {
      if (!plausible_address(address))
        return invalid_argument("invalid_email_address",
                                "'" + printable(address) + "' is not an e-mail address",
                                std::string(where));
      if (recipients.size() == kMailRecipientsMax)
        return invalid_argument(
            "too_many_recipients",
            "a message may go to at most " + std::to_string(kMailRecipientsMax) + " addresses",
            std::string(where));
      recipients.emplace_back(address);
    }
    start = end + 1;
  }
  if (recipients.empty())
    return invalid_argument("no_recipients", "no e-mail address given", std::string(where));
  return recipients;
}

}  // namespace o2c
