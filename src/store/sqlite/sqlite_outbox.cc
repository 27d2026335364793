// The invoice outbox in the SQLite store (migration 0011): messages with their recipients,
// text, delivery state and attachments. Rows a domain value cannot hold mean the file was
// altered outside o2c (database_corrupt).
#include <cstdint>

#include "store/sqlite/sqlite_store.h"

namespace o2c::sqlite {
namespace {

Error corrupt(std::string_view what) {
  return failed_precondition(
      "database_corrupt",
      "the database holds an invalid " + std::string(what) + "; was it edited outside o2c?");
}

constexpr const char* kOutboxColumns =
    "m.id, m.invoice_id, i.number, m.recipients, m.subject, m.body, m.status, m.attempts, "
    "m.next_attempt_at, m.last_error, m.queued_at, m.sent_at FROM outbox_messages m "
    "JOIN invoices i ON i.id = m.invoice_id ";

std::string join_recipients(const std::vector<std::string>& recipients) {
  std::string text;
  for (const std::string& recipient : recipients) text += (text.empty() ? "" : ",") + recipient;
  return text;
}

Result<OutboxMessage> read_outbox_row(const Statement& row) {
  OutboxMessage message;
  message.id = row.column_int(0);
  message.invoice = InvoiceId{row.column_int(1)};
  message.invoice_number = row.column_text(2);
  Result<std::vector<std::string>> recipients = parse_recipients(row.column_text(3), "");
  if (!recipients) return corrupt("outbox recipient list");
  message.recipients = std::move(*recipients);
  message.subject = row.column_text(4);
  message.body = row.column_text(5);
  Result<MailStatus> status = parse_mail_status(row.column_text(6));
  if (!status) return corrupt("outbox status '" + row.column_text(6) + "'");
  message.status = *status;
  const std::int64_t attempts = row.column_int(7);
  if (attempts < 0 || attempts > kMailAttemptsMax) return corrupt("outbox attempt count");
  message.attempts = static_cast<int>(attempts);
  message.next_attempt_at = Timestamp{row.column_int(8)};
  message.last_error = row.column_text(9);
  message.queued_at = Timestamp{row.column_int(10)};
  if (!row.column_is_null(11)) message.sent_at = Timestamp{row.column_int(11)};
  O2C_ASSERT((message.status == MailStatus::kSent) == message.sent_at.has_value());  // CHECK
  return message;
}

}  // namespace

Status SqliteConnectionStore::load_outbox_attachments(OutboxMessage& message) {
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("SELECT filename, content_type, content FROM "
                           "outbox_attachments WHERE message_id = ? ORDER BY position"));
  query->bind(1, message.id);
  message.attachments.clear();
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    message.attachments.push_back(
        Attachment{query->column_text(0), query->column_text(1), query->column_blob(2)});
  }
  return {};
}

Result<std::vector<OutboxMessage>> SqliteConnectionStore::read_outbox(Statement& query,
                                                                      std::size_t limit,
                                                                      bool with_attachments) {
  std::vector<OutboxMessage> messages;
  while (messages.size() < limit) {
    O2C_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) break;
    O2C_ASSIGN_OR_RETURN(OutboxMessage message, read_outbox_row(query));
    messages.push_back(std::move(message));
  }
  query.reset();  // the attachment query runs on the same connection
  if (with_attachments)
    for (OutboxMessage& message : messages) O2C_RETURN_IF_ERROR(load_outbox_attachments(message));
  return messages;
}

Result<std::vector<OutboxMessage>> SqliteConnectionStore::list_outbox(const OutboxFilter& filter) {
  static const std::string sql = std::string("SELECT ") + kOutboxColumns +
                                 "WHERE (?1 IS NULL OR m.status = ?1) AND (?2 IS NULL OR "
                                 "(m.status = 'queued' AND m.next_attempt_at <= ?2)) "
                                 "ORDER BY m.id";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  if (filter.status) query->bind(1, wire_name(*filter.status));
  if (filter.due_by) query->bind(2, filter.due_by->unix_micros);
  return read_outbox(*query, filter.limit, filter.with_attachments);
}

Result<std::optional<OutboxMessage>> SqliteConnectionStore::find_outbox_message(std::int64_t id) {
  static const std::string sql = std::string("SELECT ") + kOutboxColumns + "WHERE m.id = ?";
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  query->bind(1, id);
  O2C_ASSIGN_OR_RETURN(std::vector<OutboxMessage> found, read_outbox(*query, 1, true));
  if (found.empty()) return std::optional<OutboxMessage>{};
  return std::optional<OutboxMessage>(std::move(found.front()));
}

Result<std::vector<OutboxMessage>> SqliteConnectionStore::outbox_of_invoice(InvoiceId invoice) {
  static const std::string sql =
      std::string("SELECT ") + kOutboxColumns +
      "WHERE m.invoice_id = ? AND NOT EXISTS (SELECT 1 FROM dunning_notices d WHERE "
      "d.outbox_id = m.id) ORDER BY m.id";  // a dunning letter is not the invoice's mail
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare(sql.c_str()));
  query->bind(1, invoice.value);
  return read_outbox(*query, SIZE_MAX, false);
}

Result<std::vector<std::string>> SqliteConnectionStore::invoices_without_mail(std::size_t limit) {
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("SELECT i.number FROM invoices i WHERE NOT EXISTS "
                                            "(SELECT 1 FROM outbox_messages m WHERE "
                                            "m.invoice_id = i.id AND NOT EXISTS (SELECT 1 FROM "
                                            "dunning_notices d WHERE d.outbox_id = m.id)) "
                                            "ORDER BY i.number"));
  std::vector<std::string> numbers;
  while (numbers.size() < limit) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    numbers.push_back(query->column_text(0));
  }
  return numbers;
}

Result<std::int64_t> SqliteConnectionStore::insert_outbox_message(const OutboxMessage& message) {
  O2C_ASSERT(message.status == MailStatus::kQueued && message.attempts == 0);
  O2C_ASSERT(!message.recipients.empty());
  O2C_ASSIGN_OR_RETURN(
      auto query,
      connection_->prepare("INSERT INTO outbox_messages(invoice_id, recipients, subject, body, "
                           "status, attempts, next_attempt_at, last_error, queued_at) VALUES "
                           "(?, ?, ?, ?, 'queued', 0, ?, '', ?)"));
  query->bind(1, message.invoice.value)
      .bind(2, join_recipients(message.recipients))
      .bind(3, message.subject)
      .bind(4, message.body)
      .bind(5, message.next_attempt_at.unix_micros)
      .bind(6, message.queued_at.unix_micros);
  O2C_RETURN_IF_ERROR(query->run());
  const std::int64_t id = connection_->last_insert_rowid();
  O2C_ASSIGN_OR_RETURN(auto attachment,
                       connection_->prepare("INSERT INTO outbox_attachments(message_id, position, "
                                            "filename, content_type, content) VALUES "
                                            "(?, ?, ?, ?, ?)"));
  for (std::size_t i = 0; i < message.attachments.size(); ++i) {
    const Attachment& file = message.attachments[i];
    attachment->reset();
    attachment->bind(1, id)
        .bind(2, static_cast<std::int64_t>(i + 1))
        .bind(3, file.filename)
        .bind(4, file.content_type)
        .bind_blob(5, file.bytes);
    O2C_RETURN_IF_ERROR(attachment->run());
  }
  return id;
}

Status SqliteConnectionStore::update_outbox_delivery(const OutboxMessage& message) {
  O2C_ASSERT(message.id > 0);
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("UPDATE outbox_messages SET status = ?, attempts = ?, "
                                            "next_attempt_at = ?, last_error = ?, sent_at = ? "
                                            "WHERE id = ?"));
  query->bind(1, wire_name(message.status))
      .bind(2, message.attempts)
      .bind(3, message.next_attempt_at.unix_micros)
      .bind(4, message.last_error);
  if (message.sent_at) {
    query->bind(5, message.sent_at->unix_micros);
  } else {
    query->bind_null(5);
  }
  query->bind(6, message.id);
  O2C_RETURN_IF_ERROR(query->run());
  O2C_ASSERT(connection_->changes() == 1);
  return {};
}

}  // namespace o2c::sqlite
