// Use cases of invoice e-mail: the mail settings, queueing invoices in the outbox, and
// delivering what is due. Sending happens outside the writer: messages are read from a
// snapshot, handed to the transport, and each outcome recorded afterwards.
#include <algorithm>

#include "app/use_case.h"
#include "core/limits.h"
#include "core/sha256.h"

namespace o2c::app {
namespace {

constexpr std::string_view kSmtpUrlKey = "mail.smtp_url";
constexpr std::string_view kFromKey = "mail.from";
constexpr std::string_view kCompanyNameKey = "mail.company_name";

Result<std::string> setting_or_empty(StoreReader& reader, std::string_view key) {
  O2C_ASSIGN_OR_RETURN(std::optional<std::string> value, reader.setting(key));
  return value.value_or("");
}

Status check_mail_change(const MailSettingsChange& change) {
  if (!change.smtp_url && !change.from && !change.company_name)
    return invalid_argument("nothing_to_change", "give --smtp, --from or --company", "mail");
  if (change.smtp_url) O2C_RETURN_IF_ERROR(check_smtp_url(*change.smtp_url, "smtp_url"));
  if (change.from) {
    O2C_ASSIGN_OR_RETURN(std::vector<std::string> from, parse_recipients(*change.from, "from"));
    if (from.size() != 1)
      return invalid_argument("invalid_email_address", "the sender is one address", "from");
  }
  if (change.company_name &&
      (change.company_name->empty() || change.company_name->size() > kNameBytesMax ||
       change.company_name->find_first_of("\r\n") != std::string::npos))
    return invalid_argument("invalid_company_name",
                            "the company name must be 1-200 bytes on one line", "company_name");
  return {};
}

EventPayload attachment_payload(const Attachment& attachment) {
  return {{"filename", attachment.filename},
          {"content_type", attachment.content_type},
          {"bytes", static_cast<std::int64_t>(attachment.bytes.size())},
          {"sha256", to_hex(sha256(attachment.bytes))}};
}

// The message for one request, composed from a snapshot of the invoice and its customer.
Result<OutboxMessage> compose_message(StoreReader& reader, const Context& context,
                                      const InvoiceMailRequest& request,
                                      const InvoiceRenderer& renderer) {
  O2C_ASSIGN_OR_RETURN(std::string company, setting_or_empty(reader, kCompanyNameKey));
  if (company.empty())
    return failed_precondition("mail_not_configured",
                               "no company name to send invoices from; set it with o2c config "
                               "mail --company NAME",
                               "mail.company_name");
  O2C_ASSIGN_OR_RETURN(std::optional<Invoice> invoice, reader.find_invoice(request.invoice_number));
  if (!invoice)
    return not_found("invoice_not_found", "invoice " + request.invoice_number + " does not exist",
                     "invoice");
  O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer, reader.find_customer(invoice->customer));
  O2C_ASSERT(customer.has_value());
  OutboxMessage message;
  if (request.recipients.empty()) {
    if (customer->email.empty())
      return failed_precondition("customer_has_no_email",
                                 "customer " + customer->number + " (" + customer->name +
                                     ") has no e-mail address for invoice " + invoice->number +
                                     "; give --to ADDRESS or add one to the customer",
                                 "customer.email");
    O2C_ASSIGN_OR_RETURN(message.recipients, parse_recipients(customer->email, "customer.email"));
  } else {
    O2C_ASSIGN_OR_RETURN(message.recipients, parse_recipients(request.recipients, "to"));
  }
  O2C_ASSIGN_OR_RETURN(Attachment attachment, renderer(*invoice));
  if (attachment.bytes.size() > kMailAttachmentBytesMax)
    return invalid_argument("attachment_too_large", attachment.filename + " is larger than 20 MiB",
                            "attachment");
  InvoiceMailText text = compose_invoice_mail(*invoice, *customer, company);
  message.invoice = invoice->id;
  message.invoice_number = invoice->number;
  message.subject = std::move(text.subject);
  message.body = std::move(text.body);
  message.attachments.push_back(std::move(attachment));
  message.queued_at = context.clock.now();
  message.next_attempt_at = message.queued_at;
  return message;
}

Result<QueuedMail> queue_one(StoreWriter& writer, const Context& context,
                             const InvoiceMailRequest& request, OutboxMessage message) {
  O2C_ASSIGN_OR_RETURN(std::vector<OutboxMessage> earlier,
                       writer.outbox_of_invoice(message.invoice));
  if (!earlier.empty() && !request.resend) return QueuedMail{std::move(earlier.back()), true};
  O2C_ASSIGN_OR_RETURN(message.id, writer.insert_outbox_message(message));
  std::vector<EventPayload> files;
  for (const Attachment& attachment : message.attachments)
    files.push_back(attachment_payload(attachment));
  O2C_RETURN_IF_ERROR(append_event(writer, context, "mail.queued", message.invoice_number,
                                   {{"message", message.id},
                                    {"recipients", message.recipients},
                                    {"subject", message.subject},
                                    {"attachments", files},
                                    {"resend", request.resend ? 1 : 0}}));
  return QueuedMail{std::move(message), false};
}

}  // namespace

Result<MailSettings> load_mail_settings(StoreReader& reader) {
  MailSettings settings;
  O2C_ASSIGN_OR_RETURN(settings.smtp_url, setting_or_empty(reader, kSmtpUrlKey));
  O2C_ASSIGN_OR_RETURN(settings.from, setting_or_empty(reader, kFromKey));
  O2C_ASSIGN_OR_RETURN(settings.company_name, setting_or_empty(reader, kCompanyNameKey));
  return settings;
}

Result<MailSettings> configure_mail(Context& context, const MailSettingsChange& change) {
  O2C_RETURN_IF_ERROR(check_mail_change(change));
  return context.store.write<MailSettings>([&](StoreWriter& writer) -> Result<MailSettings> {
    EventPayload payload;
    if (change.smtp_url) {
      O2C_RETURN_IF_ERROR(writer.save_setting(kSmtpUrlKey, *change.smtp_url));
      payload.set("smtp_url", *change.smtp_url);
    }
    if (change.from) {
      O2C_RETURN_IF_ERROR(writer.save_setting(kFromKey, *change.from));
      payload.set("from", *change.from);
    }
    if (change.company_name) {
      O2C_RETURN_IF_ERROR(writer.save_setting(kCompanyNameKey, *change.company_name));
      payload.set("company_name", *change.company_name);
    }
    O2C_RETURN_IF_ERROR(append_event(writer, context, "config.set", "mail", payload));
    return load_mail_settings(writer);
  });
}

std::vector<Result<QueuedMail>> queue_invoice_mails(Context& context,
                                                    std::span<const InvoiceMailRequest> requests,
                                                    const InvoiceRenderer& renderer) {
  // Rendering (a PDF may take a while) happens on a snapshot, outside the writer; the writer
  // only checks for an earlier message and inserts.
  std::vector<Result<QueuedMail>> results;
  results.reserve(requests.size());
  Result<std::unique_ptr<StoreReader>> reader = context.store.reader();
  if (!reader) {
    for (std::size_t i = 0; i < requests.size(); ++i) results.push_back(reader.error());
    return results;
  }
  std::vector<Result<OutboxMessage>> composed;
  composed.reserve(requests.size());
  for (const InvoiceMailRequest& request : requests)
    composed.push_back(compose_message(**reader, context, request, renderer));
  std::vector<std::size_t> indexes(requests.size());
  for (std::size_t i = 0; i < indexes.size(); ++i) indexes[i] = i;
  return run_batch<std::size_t, QueuedMail>(
      context.store, std::span<const std::size_t>(indexes),
      [&](StoreWriter& writer, std::size_t i) -> Result<QueuedMail> {
        if (!composed[i]) return composed[i].error();
        return queue_one(writer, context, requests[i], *composed[i]);
      });
}

Result<std::vector<std::string>> invoices_without_mail(Store& store) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store.reader());
  return reader->invoices_without_mail(SIZE_MAX);
}

Result<std::vector<OutboxMessage>> list_outbox(Store& store, std::optional<MailStatus> status,
                                               std::size_t limit) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store.reader());
  return reader->list_outbox(OutboxFilter{status, std::nullopt, false, limit});
}

namespace {

// Records the outcome of one attempt, unless the message changed since it was read.
Result<bool> record_attempt(StoreWriter& writer, const Context& context,
                            const OutboxMessage& attempted) {
  O2C_ASSIGN_OR_RETURN(std::optional<OutboxMessage> stored,
                       writer.find_outbox_message(attempted.id));
  O2C_ASSERT(stored.has_value());  // messages are never deleted
  if (stored->status != MailStatus::kQueued || stored->attempts + 1 != attempted.attempts)
    return false;
  O2C_RETURN_IF_ERROR(writer.update_outbox_delivery(attempted));
  EventPayload payload{{"message", attempted.id}, {"attempts", attempted.attempts}};
  std::string_view kind = "mail.sent";
  if (attempted.status == MailStatus::kQueued) {
    kind = "mail.retry";
    payload.set("error", attempted.last_error);
    payload.set("next_attempt_at", format_timestamp(attempted.next_attempt_at));
  } else if (attempted.status == MailStatus::kFailed) {
    kind = "mail.failed";
    payload.set("error", attempted.last_error);
  }
  O2C_RETURN_IF_ERROR(append_event(writer, context, kind, attempted.invoice_number, payload));
  return true;
}

}  // namespace

Result<DeliveryReport> deliver_mail(Context& context, const MailTransport& transport,
                                    const DeliveryOptions& options) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, context.store.reader());
  O2C_ASSIGN_OR_RETURN(MailSettings settings, load_mail_settings(*reader));
  if (settings.smtp_url.empty() || settings.from.empty())
    return failed_precondition("mail_not_configured",
                               "no SMTP server or sender; set them with o2c config mail --smtp "
                               "URL --from ADDRESS",
                               "mail.smtp_url");
  OutboxFilter filter{MailStatus::kQueued, std::nullopt, true, options.limit};
  if (!options.ignore_schedule) filter.due_by = context.clock.now();
  O2C_ASSIGN_OR_RETURN(std::vector<OutboxMessage> due, reader->list_outbox(filter));
  reader.reset();  // no snapshot held open while the network is slow
  DeliveryReport report;
  std::vector<std::future<Status>> recorded;
  std::vector<std::optional<bool>> applied(due.size());
  for (std::size_t i = 0; i < due.size(); ++i) {
    OutboxMessage& message = due[i];
    const Timestamp now = context.clock.now();
    Result<std::string> bytes = render_mime(mime_message_for(message, settings.from, now));
    Status sent = bytes ? transport(settings, message.recipients, *bytes) : Status{bytes.error()};
    if (sent) {
      record_delivery(message, context.clock.now());
    } else {
      const FailureKind kind = sent.error().kind == ErrorKind::kFailedPrecondition
                                   ? FailureKind::kPermanent
                                   : FailureKind::kTransient;
      record_delivery_failure(message, context.clock.now(), sent.error().message, kind);
    }
    recorded.push_back(context.store.submit([&, i](StoreWriter& writer) -> Status {
      O2C_ASSIGN_OR_RETURN(bool done, record_attempt(writer, context, due[i]));
      applied[i] = done;
      return {};
    }));
    if (options.progress)
      options.progress(message, static_cast<std::int64_t>(i + 1),
                       static_cast<std::int64_t>(due.size()));
  }
  for (std::size_t i = 0; i < due.size(); ++i) {
    O2C_RETURN_IF_ERROR(recorded[i].get());
    O2C_ASSERT(applied[i].has_value());
    if (!*applied[i]) {
      ++report.skipped;
      continue;
    }
    if (due[i].status == MailStatus::kSent) ++report.sent;
    if (due[i].status == MailStatus::kQueued) ++report.retry_later;
    if (due[i].status == MailStatus::kFailed) ++report.failed;
    report.attempted.push_back(due[i]);
  }
  return report;
}

}  // namespace o2c::app
