// Invoice e-mail on a real SQLite store: queueing (once, or again on request), the message's
// text and attachment as the renderer produced it, delivery and its retry schedule on a
// settable clock, permanent refusals, and an outcome not recorded twice. The transport here
// is the function the use case is given; the libcurl one is tested against a loopback SMTP
// server in smtp/ and end to end in tests/cli/mail_test.sh.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "app/app.h"
#include "core/clock.h"

namespace o2c::app {
namespace {

struct Sent {
  std::vector<std::string> recipients;
  std::string message;
};

// A renderer standing in for the PDF one: binary bytes, every byte value.
Result<Attachment> render_pdf_like(const Invoice& invoice) {
  std::string bytes = "%PDF-1.4\n" + invoice.number + "\n";
  for (int b = 0; b < 256; ++b) bytes += static_cast<char>(b);
  return Attachment{invoice.number + ".pdf", "application/pdf", bytes};
}

class InvoiceMailTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("o2c-app-mail-test-" +
              std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + ".db"))
                .string();
    remove_files();
    auto store = create_database(path_, "EUR");
    ASSERT_TRUE(store.has_value()) << describe(store.error());
    store_ = std::move(*store);
    context_ = std::make_unique<Context>(Context{*store_, clock_, "test"});
    const Currency eur = *currency_from_code("EUR");
    ASSERT_TRUE(set_tax_rate(*context_, TaxRate{"standard", BasisPoints{1900}}).has_value());
    ASSERT_TRUE(add_warehouse(*context_, Warehouse{{}, "WH-1", "Main"}).has_value());
    Product product;
    product.sku = "SKU-1";
    product.name = "Widget";
    product.tax_category = "standard";
    product.list_prices = {Money{1999, eur}};
    product.standard_cost = Money{800, eur};
    std::vector<Product> products{product};
    ASSERT_TRUE(add_products(*context_, products).front().has_value());
    ASSERT_TRUE(receive_stock(*context_, StockReceipt{"SKU-1", "WH-1", units(100)}).has_value());
    std::vector<Customer> customers{customer("C-1", "Nordwind GmbH", "ap@nordwind.example"),
                                    customer("C-2", "Soleil SA", "")};
    for (const auto& added : add_customers(*context_, customers))
      ASSERT_TRUE(added.has_value()) << describe(added.error());
  }
  void TearDown() override {
    context_.reset();
    store_.reset();
    remove_files();
  }
  void remove_files() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }
  static Customer customer(std::string number, std::string name, std::string email) {
    Customer customer;
    customer.number = std::move(number);
    customer.name = std::move(name);
    customer.currency = *currency_from_code("EUR");
    customer.terms = *parse_payment_terms("NET30");
    customer.credit_limit = Money{10'000'000, customer.currency};
    customer.email = std::move(email);
    return customer;
  }
  // Places and ships an order of `quantity` widgets; returns its invoice number.
  std::string invoiced(const std::string& customer_number, std::int64_t quantity) {
    OrderRequest order;
    order.customer_number = customer_number;
    order.lines.push_back(OrderLineRequest{"SKU-1", units(quantity), BasisPoints{0}});
    auto placed = place_orders(*context_, std::vector{order});
    EXPECT_TRUE(placed.front().has_value()) << describe(placed.front().error());
    ShipRequest ship;
    ship.order_number = placed.front()->order.number;
    auto shipped = ship_orders(*context_, std::vector{ship});
    EXPECT_TRUE(shipped.front().has_value()) << describe(shipped.front().error());
    return shipped.front()->invoice->number;
  }
  void configure() {
    MailSettingsChange change{"smtp://127.0.0.1:2525", "billing@acme.example", "Acme Supplies"};
    auto configured = configure_mail(*context_, change);
    ASSERT_TRUE(configured.has_value()) << describe(configured.error());
  }
  Result<QueuedMail> queue(InvoiceMailRequest request) {
    return std::move(
        queue_invoice_mails(*context_, std::vector{std::move(request)}, render_pdf_like).front());
  }
  MailTransport recording(Status outcome = {}) {
    return [this, outcome](const MailSettings& settings, std::span<const std::string> recipients,
                           std::string_view message) -> Status {
      EXPECT_EQ(settings.smtp_url, "smtp://127.0.0.1:2525");
      sent_.push_back({{recipients.begin(), recipients.end()}, std::string(message)});
      return outcome;
    };
  }
  std::vector<OutboxMessage> outbox() {
    auto listed = list_outbox(*store_, std::nullopt, 100);
    EXPECT_TRUE(listed.has_value());
    return *listed;
  }
  std::int64_t journal_entries() {
    auto verdict = verify_journal(*store_);
    EXPECT_TRUE(verdict.has_value() && verdict->ok);
    return verdict->verified;
  }

  std::string path_;
  SettableClock clock_{Timestamp{start_of_day(*parse_date("2026-03-02")).unix_micros +
                                 9LL * 3'600'000'000}};  // 09:00 UTC
  std::unique_ptr<Store> store_;
  std::unique_ptr<Context> context_;
  std::vector<Sent> sent_;
};

// The decoded attachment part of a rendered message (the last base64 part).
std::string attachment_bytes(const std::string& message) {
  const std::string head = "Content-Transfer-Encoding: base64\r\n\r\n";
  const std::size_t start = message.rfind(head) + head.size();
  const std::size_t end = message.find("\r\n\r\n--", start);
  return base64_decode(message.substr(start, end - start)).value();
}

TEST_F(InvoiceMailTest, QueuedInvoiceIsDeliveredWithTheRenderersBytes) {
  configure();
  const std::string number = invoiced("C-1", 5);  // 5 × 19.99 = 99.95 + 18.99 = 118.94
  auto queued = queue({number, "", false});
  ASSERT_TRUE(queued.has_value()) << describe(queued.error());
  EXPECT_FALSE(queued->already_queued);
  const OutboxMessage& message = queued->message;
  EXPECT_EQ(message.recipients, std::vector<std::string>{"ap@nordwind.example"});
  EXPECT_EQ(message.subject, "Invoice " + number + " from Acme Supplies");
  EXPECT_NE(message.body.find("Amount due:        118.94 EUR\n"), std::string::npos);
  EXPECT_NE(message.body.find("Due date:          2026-04-01 (terms NET30)\n"), std::string::npos);
  EXPECT_NE(message.body.find("Payment reference: " + number + "\n"), std::string::npos);
  EXPECT_EQ(message.status, MailStatus::kQueued);

  clock_.advance_micros(5'000'000);
  auto report = deliver_mail(*context_, recording(), DeliveryOptions{});
  ASSERT_TRUE(report.has_value()) << describe(report.error());
  EXPECT_EQ(report->sent, 1);
  EXPECT_EQ(report->retry_later + report->failed + report->skipped, 0);
  ASSERT_EQ(sent_.size(), 1u);
  EXPECT_EQ(sent_[0].recipients, std::vector<std::string>{"ap@nordwind.example"});
  const std::string& wire = sent_[0].message;
  EXPECT_NE(wire.find("Subject: Invoice " + number + " from Acme Supplies\r\n"), std::string::npos);
  EXPECT_NE(wire.find("Date: Mon, 02 Mar 2026 09:00:05 +0000\r\n"), std::string::npos);
  EXPECT_NE(wire.find("Content-Type: application/pdf; name=\"" + number + ".pdf\"\r\n"),
            std::string::npos);
  auto invoice = (*store_->reader())->find_invoice(number);
  ASSERT_TRUE(invoice.has_value() && invoice->has_value());
  EXPECT_EQ(attachment_bytes(wire), render_pdf_like(**invoice)->bytes);

  const std::vector<OutboxMessage> stored = outbox();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].status, MailStatus::kSent);
  EXPECT_EQ(stored[0].attempts, 1);
  EXPECT_EQ(stored[0].sent_at, clock_.now());
  // Stored with its attachment byte for byte.
  auto found = (*store_->reader())->find_outbox_message(stored[0].id);
  ASSERT_TRUE(found.has_value() && found->has_value());
  ASSERT_EQ((*found)->attachments.size(), 1u);
  EXPECT_EQ((*found)->attachments[0].bytes.size(), 9 + number.size() + 1 + 256);
}

TEST_F(InvoiceMailTest, QueueingTwiceQueuesOnceUnlessResendIsAsked) {
  configure();
  const std::string number = invoiced("C-1", 1);
  ASSERT_TRUE(queue({number, "", false}).has_value());
  const std::int64_t entries = journal_entries();
  auto again = queue({number, "", false});
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->already_queued);
  EXPECT_EQ(again->message.id, 1);
  EXPECT_EQ(outbox().size(), 1u);
  EXPECT_EQ(journal_entries(), entries);

  auto resent = queue({number, "cfo@nordwind.example", true});
  ASSERT_TRUE(resent.has_value());
  EXPECT_FALSE(resent->already_queued);
  EXPECT_EQ(resent->message.id, 2);
  EXPECT_EQ(resent->message.recipients, std::vector<std::string>{"cfo@nordwind.example"});
  EXPECT_EQ(outbox().size(), 2u);
  EXPECT_EQ(journal_entries(), entries + 1);
}

TEST_F(InvoiceMailTest, RefusalsNameWhatIsWrongAndQueueNothing) {
  const std::string c1 = invoiced("C-1", 1);
  const std::string c2 = invoiced("C-2", 1);
  auto unconfigured = queue({c1, "", false});
  ASSERT_FALSE(unconfigured.has_value());
  EXPECT_EQ(unconfigured.error().reason, "mail_not_configured");
  configure();
  const std::int64_t entries = journal_entries();

  auto no_email = queue({c2, "", false});
  ASSERT_FALSE(no_email.has_value());
  EXPECT_EQ(no_email.error().reason, "customer_has_no_email");
  EXPECT_EQ(no_email.error().where, "customer.email");
  EXPECT_NE(no_email.error().message.find("customer C-2 (Soleil SA)"), std::string::npos);

  auto unknown = queue({"INV-2026-000099", "", false});
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().reason, "invoice_not_found");

  auto bad_to = queue({c1, "ap@nordwind.example, nope", false});
  ASSERT_FALSE(bad_to.has_value());
  EXPECT_EQ(bad_to.error().reason, "invalid_email_address");
  EXPECT_EQ(bad_to.error().where, "to");

  auto refused_render = queue_invoice_mails(
      *context_, std::vector{InvoiceMailRequest{c1, "", false}},
      [](const Invoice&) -> Result<Attachment> {
        return failed_precondition("pdf_failed", "the PDF could not be rendered");
      });
  ASSERT_FALSE(refused_render.front().has_value());
  EXPECT_EQ(refused_render.front().error().reason, "pdf_failed");

  EXPECT_TRUE(outbox().empty());
  EXPECT_EQ(journal_entries(), entries);
  auto unsent = invoices_without_mail(*store_);
  ASSERT_TRUE(unsent.has_value());
  EXPECT_EQ(*unsent, (std::vector<std::string>{c1, c2}));
}

TEST_F(InvoiceMailTest, AFailedAttemptWaitsForItsNextAttemptThenIsSentOnce) {
  configure();
  ASSERT_TRUE(queue({invoiced("C-1", 1), "", false}).has_value());
  const Timestamp first = clock_.now();
  auto down =
      deliver_mail(*context_, recording(unavailable("smtp_unavailable", "connection refused")), {});
  ASSERT_TRUE(down.has_value());
  EXPECT_EQ(down->retry_later, 1);
  OutboxMessage waiting = outbox().front();
  EXPECT_EQ(waiting.status, MailStatus::kQueued);
  EXPECT_EQ(waiting.attempts, 1);
  EXPECT_EQ(waiting.last_error, "connection refused");
  EXPECT_EQ(waiting.next_attempt_at.unix_micros, first.unix_micros + 60'000'000);

  clock_.advance_micros(59'000'000);  // not yet due
  auto early = deliver_mail(*context_, recording(), {});
  ASSERT_TRUE(early.has_value());
  EXPECT_EQ(early->sent + early->retry_later + early->failed, 0);
  EXPECT_EQ(sent_.size(), 1u);

  clock_.advance_micros(1'000'000);  // due now
  auto back = deliver_mail(*context_, recording(), {});
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->sent, 1);
  EXPECT_EQ(sent_.size(), 2u);
  EXPECT_EQ(outbox().front().status, MailStatus::kSent);
  EXPECT_EQ(outbox().front().attempts, 2);

  auto again = deliver_mail(*context_, recording(), DeliveryOptions{true, 1000, {}});
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->sent, 0);
  EXPECT_EQ(sent_.size(), 2u);
}

TEST_F(InvoiceMailTest, APermanentRefusalFailsAtOnceAndIgnoreScheduleSendsEarly) {
  configure();
  ASSERT_TRUE(queue({invoiced("C-1", 1), "nobody@nordwind.example", false}).has_value());
  auto refused = deliver_mail(
      *context_, recording(failed_precondition("smtp_rejected", "550 no such user")), {});
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->failed, 1);
  EXPECT_EQ(outbox().front().status, MailStatus::kFailed);
  EXPECT_EQ(outbox().front().last_error, "550 no such user");

  ASSERT_TRUE(queue({invoiced("C-1", 1), "", false}).has_value());
  ASSERT_TRUE(deliver_mail(*context_, recording(unavailable("x", "timeout")), {}).has_value());
  auto forced = deliver_mail(*context_, recording(), DeliveryOptions{true, 1000, {}});
  ASSERT_TRUE(forced.has_value());
  EXPECT_EQ(forced->sent, 1);
  EXPECT_EQ(outbox()[0].status, MailStatus::kFailed);  // failed stays failed
  EXPECT_EQ(outbox()[1].status, MailStatus::kSent);
}

TEST_F(InvoiceMailTest, AnOutcomeRecordedMeanwhileIsNotRecordedAgain) {
  configure();
  ASSERT_TRUE(queue({invoiced("C-1", 1), "", false}).has_value());
  // While this deliverer sends, another one sends the same message and records it first.
  MailTransport racing = [this](const MailSettings&, std::span<const std::string>,
                                std::string_view) -> Status {
    auto other = deliver_mail(*context_, recording(), {});
    EXPECT_TRUE(other.has_value() && other->sent == 1);
    return {};
  };
  auto report = deliver_mail(*context_, racing, {});
  ASSERT_TRUE(report.has_value()) << describe(report.error());
  EXPECT_EQ(report->sent, 0);
  EXPECT_EQ(report->skipped, 1);
  EXPECT_EQ(outbox().front().attempts, 1);
}

TEST_F(InvoiceMailTest, DeliveringNeedsAnSmtpServerAndASender) {
  MailSettingsChange company_only{std::nullopt, std::nullopt, "Acme"};
  ASSERT_TRUE(configure_mail(*context_, company_only).has_value());
  auto report = deliver_mail(*context_, recording(), {});
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().reason, "mail_not_configured");
  MailSettingsChange bad_url{"http://x.example", std::nullopt, std::nullopt};
  auto refused = configure_mail(*context_, bad_url);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().reason, "invalid_smtp_url");
  auto settings = load_mail_settings(**store_->reader());
  ASSERT_TRUE(settings.has_value());
  EXPECT_EQ(settings->smtp_url, "");
  EXPECT_EQ(settings->company_name, "Acme");
}

}  // namespace
}  // namespace o2c::app
