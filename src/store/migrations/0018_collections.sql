-- 0018: collections (issue 5): dunning notices sent, collectors, their accounts and notes.
--
-- * dunning_notices: one row per invoice and level sent (unique), so a dunning run on the same
--   date — or any later run — never sends a level twice. A letter (one per customer and level
--   per run) groups its rows under one number; the final level's charges are the debit note.
-- * collectors and collector_accounts: who works which customer's account (one collector per
--   customer), assigned by region, size and risk with workload balancing.
-- * collector_notes: what a collector did on an account (call outcomes), for worklists and KPIs.

CREATE TABLE dunning_notices (
  id             INTEGER PRIMARY KEY,
  letter         TEXT    NOT NULL,                   -- DUN-2026-000001
  invoice_id     INTEGER NOT NULL REFERENCES invoices(id),
  customer_id    INTEGER NOT NULL REFERENCES customers(id),
  level          INTEGER NOT NULL CHECK (level >= 1),
  level_name     TEXT    NOT NULL,
  sent_on        TEXT    NOT NULL,
  currency       TEXT    NOT NULL,
  open_minor     INTEGER NOT NULL CHECK (open_minor > 0),   -- dunned amount
  days_overdue   INTEGER NOT NULL,
  interest_minor INTEGER NOT NULL DEFAULT 0 CHECK (interest_minor >= 0),
  fee_minor      INTEGER NOT NULL DEFAULT 0 CHECK (fee_minor >= 0),  -- on the letter's first row
  debit_note     TEXT    NOT NULL DEFAULT '',        -- INV-… charging fee and interest
  outbox_id      INTEGER REFERENCES outbox_messages(id),
  UNIQUE (invoice_id, level)
);
CREATE INDEX dunning_notices_by_customer ON dunning_notices(customer_id, sent_on);

CREATE TABLE collectors (
  id           INTEGER PRIMARY KEY,
  name         TEXT    NOT NULL UNIQUE CHECK (name <> ''),
  region       TEXT    NOT NULL DEFAULT '',          -- '' = any region
  max_accounts INTEGER CHECK (max_accounts IS NULL OR max_accounts >= 1),
  team         TEXT    NOT NULL DEFAULT ''
);

CREATE TABLE collector_accounts (
  customer_id  INTEGER PRIMARY KEY REFERENCES customers(id),
  collector_id INTEGER NOT NULL REFERENCES collectors(id),
  assigned_on  TEXT    NOT NULL
);
CREATE INDEX collector_accounts_by_collector ON collector_accounts(collector_id);

CREATE TABLE collector_notes (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES customers(id),
  collector_id INTEGER NOT NULL REFERENCES collectors(id),
  noted_on     TEXT    NOT NULL,
  outcome      TEXT    NOT NULL
               CHECK (outcome IN ('reached', 'no_answer', 'left_message', 'promise', 'dispute')),
  text         TEXT    NOT NULL
);
CREATE INDEX collector_notes_by_customer ON collector_notes(customer_id, noted_on);
CREATE INDEX collector_notes_by_collector ON collector_notes(collector_id, noted_on);
-- A dunning letter's message is linked to its first invoice (outbox_messages.invoice_id is
-- required) but is not that invoice's mail: the outbox's invoice queries leave these out.
CREATE INDEX dunning_notices_by_outbox ON dunning_notices(outbox_id) WHERE outbox_id IS NOT NULL;
