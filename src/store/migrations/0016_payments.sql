-- 0016: payments beyond receiving them (issue 5, "Payments").
--
-- * payments.status: a payment is received, or reversed (a bounced cheque, a chargeback, a
--   returned direct debit, a bank error) — then its applications are undone, its postings
--   reversed and it can be neither reversed nor refunded again. refunded_minor is what was
--   paid back of its unapplied cash (payment_refunds holds each refund).
-- * payment_applications.reversed_on: an application undone by a reversal stays as history;
--   the sub-ledger as of a date counts it only before it was undone.
-- * payment_cards: what a card payment keeps of the card — the gateway's charge and token
--   references, brand and last four digits; never the card number.
-- * sepa_mandates, direct_debit_batches, direct_debit_items: SEPA Core direct debits. A
--   mandate per customer authorises collecting from the customer's account; a collection
--   batch is one pain.008 file, and an invoice is collected at most once (UNIQUE invoice_id).
-- * ledger_entries_by_document: a reversal finds the entries its payment posted.

ALTER TABLE payments ADD COLUMN status TEXT NOT NULL DEFAULT 'received'
  CHECK (status IN ('received', 'reversed'));
ALTER TABLE payments ADD COLUMN reversed_on TEXT;
ALTER TABLE payments ADD COLUMN reversal_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE payments ADD COLUMN refunded_minor INTEGER NOT NULL DEFAULT 0
  CHECK (refunded_minor >= 0);

ALTER TABLE payment_applications ADD COLUMN reversed_on TEXT;
CREATE INDEX applications_by_payment ON payment_applications(payment_id);

CREATE TABLE payment_refunds (
  id                INTEGER PRIMARY KEY,
  number            TEXT    NOT NULL UNIQUE,             -- RF-2026-000001
  payment_id        INTEGER NOT NULL REFERENCES payments(id),
  currency          TEXT    NOT NULL,
  amount_minor      INTEGER NOT NULL CHECK (amount_minor > 0),
  refunded_on       TEXT    NOT NULL,
  reason            TEXT    NOT NULL,
  gateway_reference TEXT    NOT NULL DEFAULT ''          -- the card gateway's refund id
);
CREATE INDEX payment_refunds_by_payment ON payment_refunds(payment_id);

CREATE TABLE payment_cards (
  payment_id INTEGER PRIMARY KEY REFERENCES payments(id),
  gateway    TEXT    NOT NULL,                           -- "sandbox"
  charge_id  TEXT    NOT NULL UNIQUE,                    -- the gateway's charge reference
  token      TEXT    NOT NULL,                           -- the gateway's card token reference
  brand      TEXT    NOT NULL,
  last4      TEXT    NOT NULL CHECK (length(last4) = 4)
);

CREATE TABLE sepa_mandates (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  mandate_id  TEXT    NOT NULL UNIQUE,                   -- the mandate reference (MndtId)
  iban        TEXT    NOT NULL,
  bic         TEXT    NOT NULL,
  signed_on   TEXT    NOT NULL,
  status      TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
  revoked_on  TEXT,
  collections INTEGER NOT NULL DEFAULT 0 CHECK (collections >= 0),  -- 0: next one is FRST
  CHECK ((status = 'active') = (revoked_on IS NULL))
);
-- At most one active mandate per customer.
CREATE UNIQUE INDEX sepa_mandates_active ON sepa_mandates(customer_id) WHERE status = 'active';

CREATE TABLE direct_debit_batches (
  id              INTEGER PRIMARY KEY,
  number          TEXT    NOT NULL UNIQUE,               -- DD-2026-000001, the file's MsgId
  collection_date TEXT    NOT NULL,
  created_on      TEXT    NOT NULL,
  currency        TEXT    NOT NULL,
  count           INTEGER NOT NULL CHECK (count > 0),
  control_minor   INTEGER NOT NULL CHECK (control_minor > 0),
  file_sha256     TEXT    NOT NULL
);

CREATE TABLE direct_debit_items (
  batch_id      INTEGER NOT NULL REFERENCES direct_debit_batches(id),
  invoice_id    INTEGER NOT NULL UNIQUE REFERENCES invoices(id),  -- never collected twice
  mandate_id    INTEGER NOT NULL REFERENCES sepa_mandates(id),
  payment_id    INTEGER NOT NULL REFERENCES payments(id),
  sequence_type TEXT    NOT NULL CHECK (sequence_type IN ('FRST', 'RCUR')),
  amount_minor  INTEGER NOT NULL CHECK (amount_minor > 0)
);

CREATE INDEX ledger_entries_by_document ON ledger_entries(document);
