-- Invoice e-mail delivery (issue 4, "email delivery"): an outbox of messages, each queued
-- for one invoice with what it will say and carry, then sent over SMTP by `o2c mail deliver`
-- with retries. The message is composed when it is queued (recipients, subject, body, the
-- rendered attachments), so that what is sent is what was journaled, whatever changes later.
-- Times are unix microseconds (UTC instants), like the journal's.
CREATE TABLE outbox_messages (
  id              INTEGER PRIMARY KEY,
  invoice_id      INTEGER NOT NULL REFERENCES invoices(id),
  recipients      TEXT    NOT NULL CHECK (recipients <> ''),  -- addresses, comma-separated
  subject         TEXT    NOT NULL,
  body            TEXT    NOT NULL,
  status          TEXT    NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at INTEGER NOT NULL,  -- when a queued message is due; unchanged once sent or failed
  last_error      TEXT    NOT NULL DEFAULT '',
  queued_at       INTEGER NOT NULL,
  sent_at         INTEGER,           -- NULL until the SMTP server accepted it
  CHECK ((status = 'sent') = (sent_at IS NOT NULL))
);
-- `mail deliver` asks for queued messages by due time; `invoice send --unsent` asks which
-- invoices have a message.
CREATE INDEX outbox_messages_due ON outbox_messages(status, next_attempt_at);
CREATE INDEX outbox_messages_invoice ON outbox_messages(invoice_id);

CREATE TABLE outbox_attachments (
  message_id   INTEGER NOT NULL REFERENCES outbox_messages(id),
  position     INTEGER NOT NULL CHECK (position >= 1),
  filename     TEXT    NOT NULL CHECK (filename <> ''),
  content_type TEXT    NOT NULL CHECK (content_type <> ''),
  content      BLOB    NOT NULL,
  PRIMARY KEY (message_id, position)
) WITHOUT ROWID;
