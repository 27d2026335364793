-- 0017: disputes worked to their end, write-offs with approval, promises checked.
--
-- * disputes gain who opened and resolved them and the note of a rejection.
-- * write_offs: every write-off of an invoice — a small short payment (cash application), a
--   dispute conceded, or a bad debt (requested by one person, approved by another). A
--   write-off is posted when its status is 'posted' (on decided_on); the customer sub-ledger
--   takes it off the open receivables from that date.
-- * payment_promises gain who took them (taken_by exists) and nothing else: kept/broken is
--   their status, settled_on the day it was found.

ALTER TABLE disputes ADD COLUMN opened_by TEXT NOT NULL DEFAULT '';
ALTER TABLE disputes ADD COLUMN resolved_by TEXT NOT NULL DEFAULT '';
ALTER TABLE disputes ADD COLUMN note TEXT NOT NULL DEFAULT '';

CREATE TABLE write_offs (
  id            INTEGER PRIMARY KEY,
  number        TEXT    NOT NULL UNIQUE,                 -- WO-2026-000001
  customer_id   INTEGER NOT NULL REFERENCES customers(id),
  invoice_id    INTEGER NOT NULL REFERENCES invoices(id),
  currency      TEXT    NOT NULL,
  amount_minor  INTEGER NOT NULL CHECK (amount_minor > 0),
  kind          TEXT    NOT NULL CHECK (kind IN ('small_balance', 'dispute', 'bad_debt')),
  status        TEXT    NOT NULL CHECK (status IN ('requested', 'posted', 'rejected')),
  reason        TEXT    NOT NULL DEFAULT '',
  dispute_id    INTEGER REFERENCES disputes(id),
  requested_by  TEXT    NOT NULL DEFAULT '',
  requested_on  TEXT    NOT NULL,
  decided_by    TEXT    NOT NULL DEFAULT '',
  decided_on    TEXT,
  decision_note TEXT    NOT NULL DEFAULT '',
  CHECK ((status = 'requested') = (decided_on IS NULL))
);
CREATE INDEX write_offs_by_invoice ON write_offs(invoice_id, status);
CREATE INDEX write_offs_pending ON write_offs(requested_on) WHERE status = 'requested';
