-- 0013: what the cash side of the cycle (issue 5) shares between its modules.
--
-- * invoices.written_off_minor: a fourth way an invoice is settled, besides payments, credit
--   notes and early-payment discounts — a small short payment written off by cash
--   application, or a bad debt written off with approval. An invoice's open amount is now
--   gross − paid − credited − discount_taken − written_off.
-- * disputes: a customer contests an invoice (or one line of it) with a reason code; while a
--   dispute is open, dunning leaves the invoice alone. A deduction — a short payment the
--   customer explains, or does not — is a dispute whose origin is that payment.
-- * payment_promises: a customer promised to pay an amount by a date; while a promise is
--   open, dunning leaves its invoice (or, with no invoice, the customer) alone; a promise
--   not kept by its date is broken and escalates.

ALTER TABLE invoices ADD COLUMN written_off_minor INTEGER NOT NULL DEFAULT 0
  CHECK (written_off_minor >= 0 AND
         paid_minor + credited_minor + discount_taken_minor + written_off_minor <= gross_minor);
DROP INDEX invoices_open_by_customer;
CREATE INDEX invoices_open_by_customer ON invoices(customer_id, due_date)
  WHERE paid_minor + credited_minor + discount_taken_minor + written_off_minor < gross_minor;

CREATE TABLE disputes (
  id                  INTEGER PRIMARY KEY,
  number              TEXT    NOT NULL UNIQUE,          -- DSP-2026-000001
  customer_id         INTEGER NOT NULL REFERENCES customers(id),
  invoice_id          INTEGER NOT NULL REFERENCES invoices(id),
  line_no             INTEGER,                          -- NULL: the whole invoice
  reason              TEXT    NOT NULL,  -- pricing|quantity|damaged|not_received|duplicate_billing|short_payment
  origin              TEXT    NOT NULL DEFAULT 'customer'
                              CHECK (origin IN ('customer', 'deduction')),
  payment_id          INTEGER REFERENCES payments(id), -- a deduction's short payment
  currency            TEXT    NOT NULL,
  amount_minor        INTEGER NOT NULL CHECK (amount_minor > 0),
  owner               TEXT    NOT NULL DEFAULT '',      -- who works it (routed on opening)
  status              TEXT    NOT NULL DEFAULT 'open'
                              CHECK (status IN ('open', 'credited', 'written_off', 'rejected')),
  opened_on           TEXT    NOT NULL,
  resolved_on         TEXT,
  resolution_document TEXT    NOT NULL DEFAULT '',     -- CN-… or WO-… that resolved it
  description         TEXT    NOT NULL DEFAULT '',
  CHECK ((status = 'open') = (resolved_on IS NULL))
);
CREATE INDEX disputes_open_by_invoice ON disputes(invoice_id) WHERE status = 'open';
CREATE INDEX disputes_by_customer ON disputes(customer_id, opened_on);

CREATE TABLE payment_promises (
  id           INTEGER PRIMARY KEY,
  number       TEXT    NOT NULL UNIQUE,                 -- PTP-2026-000001
  customer_id  INTEGER NOT NULL REFERENCES customers(id),
  invoice_id   INTEGER REFERENCES invoices(id),         -- NULL: the customer's account
  currency     TEXT    NOT NULL,
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  made_on      TEXT    NOT NULL,                        -- when the customer promised
  due_on       TEXT    NOT NULL,                        -- the date promised
  status       TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'kept', 'broken')),
  settled_on   TEXT,                                    -- when it was found kept or broken
  taken_by     TEXT    NOT NULL DEFAULT '',             -- the collector who took it
  CHECK (due_on >= made_on)
);
CREATE INDEX payment_promises_open ON payment_promises(customer_id, due_on)
  WHERE status = 'open';
