// o2c config mail | invoice send | mail list | mail deliver — invoices by e-mail through the
// outbox. Sending uses the SMTP client (smtp/); the attachment is the invoice's PDF
// (formats/pdf), or plain text while the seller is not set up.
#include <iostream>

#include "cli/session.h"
#include "formats/pdf/pdf.h"
#include "smtp/smtp.h"

namespace o2c::cli {
namespace {

// Queueing and delivering go in chunks, so that progress shows and memory stays bounded.
constexpr std::size_t kMailChunk = 200;

// The invoice as its PDF once the seller is set up (o2c config company); before that, as
// plain text, so that invoices can be mailed from the first day.
std::function<Result<Attachment>(const Invoice&)> attachment_renderer(StoreReader& reader) {
  return [&reader](const Invoice& invoice) -> Result<Attachment> {
    O2C_ASSIGN_OR_RETURN(std::optional<Seller> company, app::load_company(reader));
    if (!company) return render_invoice_text(invoice);
    O2C_ASSIGN_OR_RETURN(InvoiceDocument document,
                         app::load_invoice_document(reader, invoice.number));
    O2C_ASSIGN_OR_RETURN(std::string pdf, render_pdf(document));
    return Attachment{invoice.number + ".pdf", "application/pdf", std::move(pdf)};
  };
}

Status send_over_smtp(const app::MailSettings& settings, std::span<const std::string> recipients,
                      std::string_view message) {
  SmtpSettings smtp;
  smtp.url = settings.smtp_url;
  smtp.from = settings.from;
  return send_smtp(smtp, recipients, message);
}

std::string format_instant(Timestamp instant) {
  std::string text = format_timestamp(instant);  // 2026-03-02T10:15:00.000000Z
  if (text.size() > 19) text = text.substr(0, 16) + "Z";
  text[10] = ' ';
  return text;
}

std::string joined(const std::vector<std::string>& texts) {
  std::string text;
  for (const std::string& part : texts) text += (text.empty() ? "" : ", ") + part;
  return text;
}

// "message 3 INV-2026-000001: sent to ap@nordwind.example".
std::string describe_attempt(const OutboxMessage& message) {
  std::string text = "message " + std::to_string(message.id) + " " + message.invoice_number + ": ";
  switch (message.status) {
    case MailStatus::kSent:
      return text + "sent to " + joined(message.recipients);
    case MailStatus::kQueued:
      return text + "attempt " + std::to_string(message.attempts) + " failed, next at " +
             format_instant(message.next_attempt_at) + ": " + message.last_error;
    case MailStatus::kFailed:
      return text + "failed after " + std::to_string(message.attempts) +
             (message.attempts == 1 ? " attempt: " : " attempts: ") + message.last_error;
  }
  return text;
}

void add_config_mail(CLI::App& app, Session& session) {
  CLI::App* config = app.get_subcommand("config");
  auto change = std::make_shared<app::MailSettingsChange>();
  CLI::App* mail =
      config->add_subcommand("mail", "how invoices are e-mailed (SMTP server, sender)");
  mail->add_option_function<std::string>(
      "--smtp", [change](const std::string& url) { change->smtp_url = url; },
      "SMTP server URL, e.g. smtp://127.0.0.1:2525 or smtps://mail.example.com");
  mail->add_option_function<std::string>(
      "--from", [change](const std::string& from) { change->from = from; }, "sender address");
  mail->add_option_function<std::string>(
      "--company", [change](const std::string& name) { change->company_name = name; },
      "company name in subjects and signatures");
  mail->callback([&session, change] {
    session.action = [&session, change]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      Result<app::MailSettings> settings = app::configure_mail(context, *change);
      if (!settings) {
        Error error = std::move(settings).error();
        if (error.where == "smtp_url") error.where = "--smtp";
        if (error.where == "from") error.where = "--from";
        if (error.where == "company_name") error.where = "--company";
        return error;
      }
      std::cout << "mail: smtp " << (settings->smtp_url.empty() ? "(none)" : settings->smtp_url)
                << ", from " << (settings->from.empty() ? "(none)" : settings->from) << ", company "
                << (settings->company_name.empty() ? "(none)" : settings->company_name) << "\n";
      return {};
    };
  });
}

struct SendOptions {
  std::vector<std::string> numbers;
  std::string to;
  bool unsent = false;
  bool resend = false;
};

Status run_invoice_send(Session& session, const SendOptions& options) {
  if (options.unsent == !options.numbers.empty())
    return invalid_argument("invoices_or_unsent", "give invoice numbers or --unsent, not both",
                            "invoice");
  if (options.unsent && (!options.to.empty() || options.resend))
    return invalid_argument("unsent_to_customers",
                            "--unsent sends to each customer's address, once: no --to or --resend",
                            "--unsent");
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
  app::Context context = session.context(*store);
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
  std::vector<std::string> numbers = options.numbers;
  if (options.unsent) {
    O2C_ASSIGN_OR_RETURN(numbers, app::invoices_without_mail(*store));
  }
  std::vector<Error> errors;
  std::int64_t queued = 0;
  for (std::size_t start = 0; start < numbers.size(); start += kMailChunk) {
    std::vector<app::InvoiceMailRequest> requests;
    for (std::size_t i = start; i < std::min(numbers.size(), start + kMailChunk); ++i)
      requests.push_back({numbers[i], options.to, options.resend});
    std::vector<Result<app::QueuedMail>> results =
        app::queue_invoice_mails(context, requests, attachment_renderer(*reader));
    for (std::size_t i = 0; i < results.size(); ++i) {
      if (!results[i]) {
        Error error = std::move(results[i]).error();
        if (error.where == "to") error.where = "--to";
        if (numbers.size() > 1) error.message = requests[i].invoice_number + ": " + error.message;
        // The first error is main's to print (one line when one invoice fails); the others
        // are printed here as they come.
        if (!errors.empty()) std::cerr << "o2c: error: " << describe(error) << "\n";
        errors.push_back(std::move(error));
        continue;
      }
      const OutboxMessage& message = results[i]->message;
      if (results[i]->already_queued) {
        std::cout << message.invoice_number << " already queued as message " << message.id << " ("
                  << wire_name(message.status) << "); nothing queued — --resend to send it again\n";
        continue;
      }
      ++queued;
      if (options.unsent) std::cout << "[" << start + i + 1 << "/" << numbers.size() << "] ";
      std::cout << message.invoice_number << " queued as message " << message.id << " to "
                << joined(message.recipients) << "\n";
    }
  }
  if (options.unsent)
    std::cout << "queued " << queued << " of " << numbers.size() << " unsent invoices\n";
  return first_error(errors);
}

void add_invoice_send(CLI::App& app, Session& session) {
  CLI::App* invoice = app.get_subcommand("invoice");
  auto options = std::make_shared<SendOptions>();
  CLI::App* send =
      invoice->add_subcommand("send", "queue invoices for e-mail (o2c mail deliver sends them)");
  send->add_option("numbers", options->numbers, "INV-YYYY-NNNNNN …");
  send->add_option("--to", options->to, "recipient(s) instead of the customer's e-mail");
  send->add_flag("--unsent", options->unsent, "every invoice not queued yet");
  send->add_flag("--resend", options->resend, "queue again even if queued before");
  send->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      return run_invoice_send(session, *options);
    };
  });
}

void add_mail_list(CLI::App& mail, Session& session) {
  struct ListOptions {
    std::string status, format = "table";
    std::size_t limit = 100;
  };
  auto options = std::make_shared<ListOptions>();
  CLI::App* list = mail.add_subcommand("list", "messages in the outbox");
  list->add_option("--status", options->status, "queued, sent or failed");
  list->add_option("--limit", options->limit)->capture_default_str();
  add_format_option(*list, options->format);
  list->callback([&session, options] {
    session.action = [&session, options]() -> Status {
      O2C_ASSIGN_OR_RETURN(Format chosen, parse_format(options->format));
      std::optional<MailStatus> status;
      if (!options->status.empty()) {
        Result<MailStatus> parsed = parse_mail_status(options->status);
        if (!parsed) return at(std::move(parsed).error(), "--status");
        status = *parsed;
      }
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      O2C_ASSIGN_OR_RETURN(std::vector<OutboxMessage> messages,
                           app::list_outbox(*store, status, options->limit));
      Table table{{{"id", Align::kRight},
                   {"invoice"},
                   {"to"},
                   {"status"},
                   {"attempts", Align::kRight},
                   {"next attempt"},
                   {"sent"},
                   {"last error"}},
                  {}};
      for (const OutboxMessage& message : messages)
        table.rows.push_back(
            {std::to_string(message.id), message.invoice_number, joined(message.recipients),
             std::string(wire_name(message.status)), std::to_string(message.attempts),
             message.status == MailStatus::kQueued ? format_instant(message.next_attempt_at) : "",
             message.sent_at ? format_instant(*message.sent_at) : "", message.last_error});
      render(table, chosen, std::cout);
      return {};
    };
  });
}

void add_mail_deliver(CLI::App& mail, Session& session) {
  auto now = std::make_shared<bool>(false);
  CLI::App* deliver = mail.add_subcommand("deliver", "send the queued messages that are due");
  deliver->add_flag("--now", *now, "also those whose next attempt is later");
  deliver->callback([&session, now] {
    session.action = [&session, now]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      app::DeliveryOptions options;
      options.ignore_schedule = *now;
      options.progress = [](const OutboxMessage& message, std::int64_t done, std::int64_t total) {
        std::cout << "[" << done << "/" << total << "] " << describe_attempt(message) << std::endl;
      };
      O2C_ASSIGN_OR_RETURN(app::DeliveryReport report,
                           app::deliver_mail(context, send_over_smtp, options));
      std::cout << "sent " << report.sent << ", retry later " << report.retry_later << ", failed "
                << report.failed;
      if (report.skipped > 0) std::cout << ", skipped " << report.skipped << " (handled elsewhere)";
      std::cout << "\n";
      return {};
    };
  });
}

}  // namespace

void add_mail_commands(CLI::App& app, Session& session) {
  add_config_mail(app, session);
  add_invoice_send(app, session);
  CLI::App* mail = app.add_subcommand("mail", "the invoice outbox: list, deliver");
  mail->require_subcommand(1);
  add_mail_list(*mail, session);
  add_mail_deliver(*mail, session);
}

}  // namespace o2c::cli
