#include <gtest/gtest.h>

#include "mail/mail.h"

namespace o2c {
namespace {

constexpr std::int64_t kMinute = kMicrosPerMinute;

OutboxMessage queued_message() {
  OutboxMessage message;
  message.id = 7;
  message.invoice_number = "INV-2026-000001";
  message.recipients = {"ap@nordwind.example"};
  message.queued_at = Timestamp{1'000'000};
  message.next_attempt_at = message.queued_at;
  return message;
}

TEST(RetryDelay, GrowsFromOneMinuteToADayAndStaysThere) {
  EXPECT_EQ(retry_delay_micros(1), 1 * kMinute);
  EXPECT_EQ(retry_delay_micros(2), 5 * kMinute);
  EXPECT_EQ(retry_delay_micros(3), 30 * kMinute);
  EXPECT_EQ(retry_delay_micros(4), 120 * kMinute);
  EXPECT_EQ(retry_delay_micros(5), 480 * kMinute);
  EXPECT_EQ(retry_delay_micros(6), 1440 * kMinute);
  EXPECT_EQ(retry_delay_micros(7), 1440 * kMinute);
  EXPECT_EQ(retry_delay_micros(100), 1440 * kMinute);
}

TEST(RecordDelivery, QueuedBecomesSentWithTheInstantAndCountsTheAttempt) {
  OutboxMessage message = queued_message();
  record_delivery(message, Timestamp{5'000'000});
  EXPECT_EQ(message.status, MailStatus::kSent);
  EXPECT_EQ(message.attempts, 1);
  ASSERT_TRUE(message.sent_at.has_value());
  EXPECT_EQ(message.sent_at->unix_micros, 5'000'000);
  EXPECT_FALSE(is_due(message, Timestamp{10'000'000}));
}

TEST(RecordDeliveryFailure, TransientFailureWaitsOnTheScheduleThenFails) {
  OutboxMessage message = queued_message();
  Timestamp now{100 * kMinute};
  const std::int64_t expected_waits[] = {1, 5, 30, 120, 480, 1440, 1440};
  for (int attempt = 1; attempt < kMailAttemptsMax; ++attempt) {
    ASSERT_TRUE(is_due(message, now)) << attempt;
    record_delivery_failure(message, now, "connection refused", FailureKind::kTransient);
    EXPECT_EQ(message.status, MailStatus::kQueued) << attempt;
    EXPECT_EQ(message.attempts, attempt);
    EXPECT_EQ(message.next_attempt_at.unix_micros,
              now.unix_micros + expected_waits[attempt - 1] * kMinute);
    EXPECT_FALSE(is_due(message, Timestamp{message.next_attempt_at.unix_micros - 1}));
    now = message.next_attempt_at;
  }
  const Timestamp last_next = message.next_attempt_at;
  record_delivery_failure(message, now, "connection refused again", FailureKind::kTransient);
  EXPECT_EQ(message.status, MailStatus::kFailed);
  EXPECT_EQ(message.attempts, kMailAttemptsMax);
  EXPECT_EQ(message.last_error, "connection refused again");
  EXPECT_EQ(message.next_attempt_at, last_next);
  EXPECT_FALSE(is_due(message, Timestamp{now.unix_micros + 365 * 1440 * kMinute}));
  EXPECT_FALSE(message.sent_at.has_value());
}

TEST(RecordDeliveryFailure, PermanentFailureFailsAtOnce) {
  OutboxMessage message = queued_message();
  record_delivery_failure(message, Timestamp{2'000'000}, "550 no such user",
                          FailureKind::kPermanent);
  EXPECT_EQ(message.status, MailStatus::kFailed);
  EXPECT_EQ(message.attempts, 1);
  EXPECT_EQ(message.last_error, "550 no such user");
}

TEST(OutboxDeathTest, RecordingASentMessageAgainAborts) {
  OutboxMessage message = queued_message();
  record_delivery(message, Timestamp{2'000'000});
  EXPECT_DEATH(record_delivery(message, Timestamp{3'000'000}), "status");
}

TEST(MailStatusNames, RoundTripAndRefuseUnknown) {
  for (MailStatus status : {MailStatus::kQueued, MailStatus::kSent, MailStatus::kFailed})
    EXPECT_EQ(parse_mail_status(wire_name(status)).value(), status);
  Result<MailStatus> bad = parse_mail_status("delivered");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().reason, "unknown_mail_status");
}

TEST(ParseRecipients, SplitsOnCommasAndTrims) {
  Result<std::vector<std::string>> parsed =
      parse_recipients(" ap@nordwind.example ,cfo@nordwind.example", "--to");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(*parsed, (std::vector<std::string>{"ap@nordwind.example", "cfo@nordwind.example"}));
}

TEST(ParseRecipients, RefusesWhatIsNotAnAddress) {
  for (std::string_view bad :
       {"nordwind.example", "@nordwind.example", "ap@", "ap@@x.example", "a p@x.example",
        "<ap@x.example>", "ap@x.example\r\nBcc: z@x.example", "ap@.example", "ap@x..example",
        "ap@x.example.", "a\"b@x.example"}) {
    Result<std::vector<std::string>> parsed = parse_recipients(bad, "--to");
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().reason, "invalid_email_address") << bad;
    EXPECT_EQ(parsed.error().where, "--to");
  }
  EXPECT_EQ(parse_recipients(std::string(250, 'a') + "@x.example", "to").error().reason,
            "invalid_email_address");
  // The message stays on one line: a line break in the input is shown escaped.
  EXPECT_EQ(parse_recipients("a@x.example\r\nBcc: z@x.example", "--to").error().message,
            "'a@x.example\\r\\nBcc: z@x.example' is not an e-mail address");
}

TEST(ParseRecipients, RefusesNoneAndTooMany) {
  EXPECT_EQ(parse_recipients("", "--to").error().reason, "no_recipients");
  EXPECT_EQ(parse_recipients(" , ", "--to").error().reason, "no_recipients");
  std::string many;
  for (std::size_t i = 0; i <= kMailRecipientsMax; ++i)
    many += "a" + std::to_string(i) + "@x.example,";
  EXPECT_EQ(parse_recipients(many, "--to").error().reason, "too_many_recipients");
}

TEST(CheckSmtpUrl, AcceptsSmtpAndSmtpsHostsAndRefusesTheRest) {
  for (std::string_view good :
       {"smtp://127.0.0.1:2525", "smtps://mail.example.com", "smtp://mail.example.com/"})
    EXPECT_TRUE(check_smtp_url(good, "--smtp")) << good;
  for (std::string_view bad : {"", "http://mail.example.com", "smtp://", "smtp://:25",
                               "mail.example.com:25", "smtp://host/path", "smtp://a b"}) {
    Status checked = check_smtp_url(bad, "--smtp");
    ASSERT_FALSE(checked) << bad;
    EXPECT_EQ(checked.error().reason, "invalid_smtp_url");
    EXPECT_EQ(checked.error().where, "--smtp");
  }
}

}  // namespace
}  // namespace o2c
