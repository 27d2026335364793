-- o2c:rebuilds-tables (the runner turns foreign keys off around this migration and checks
-- them with PRAGMA foreign_key_check before it commits: SQLite's way to change a table's
-- constraints, https://sqlite.org/lang_altertable.html#otheralter)
--
-- 0007: billing documents (issue 4). An invoice no longer needs to come from exactly one
-- order and one shipment: an invoice per order or a consolidated one per billing period bills
-- several shipments, a subscription bills none, a debit note corrects an earlier invoice. So
-- invoices.order_id and shipment_id may be NULL, and each shipment records the invoice that
-- billed it (shipments.invoice_id: NULL = shipped, not billed yet — what a billing run bills).
-- An invoice's open amount is gross − paid − credited − discount_taken: payments, credit
-- notes and early-payment discounts each settle part of it. Credit notes are their own
-- documents (credit_notes, CN-… series), allocated to invoices; pro-forma invoices are
-- quotes for payment in advance, numbered (PF-…) but never posted.

CREATE TABLE invoices_rebuilt (
  id                   INTEGER PRIMARY KEY,
  number               TEXT    NOT NULL UNIQUE,
  kind                 TEXT    NOT NULL DEFAULT 'invoice'
                               CHECK (kind = 'invoice' OR kind = 'debit_note'),
  customer_id          INTEGER NOT NULL REFERENCES customers(id),
  order_id             INTEGER REFERENCES orders(id),            -- NULL: not one order's
  shipment_id          INTEGER UNIQUE REFERENCES shipments(id),  -- NULL: not one shipment's
  corrects_invoice_id  INTEGER REFERENCES invoices(id),          -- a debit note's invoice
  reason               TEXT    NOT NULL DEFAULT '',
  invoice_date         TEXT    NOT NULL,
  due_date             TEXT    NOT NULL,
  currency             TEXT    NOT NULL,
  net_minor            INTEGER NOT NULL,
  tax_minor            INTEGER NOT NULL,
  gross_minor          INTEGER NOT NULL,
  paid_minor           INTEGER NOT NULL,
  credited_minor       INTEGER NOT NULL DEFAULT 0,
  terms                TEXT    NOT NULL DEFAULT '',  -- the payment terms code it was issued on
  discount_bp          INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
  discount_until       TEXT,                         -- last day the discount may be taken
  discount_taken_minor INTEGER NOT NULL DEFAULT 0,
  CHECK (gross_minor = net_minor + tax_minor),
  CHECK (paid_minor >= 0 AND credited_minor >= 0 AND discount_taken_minor >= 0),
  CHECK (paid_minor + credited_minor + discount_taken_minor <= gross_minor)
);
INSERT INTO invoices_rebuilt(id, number, customer_id, order_id, shipment_id, invoice_date,
                             due_date, currency, net_minor, tax_minor, gross_minor, paid_minor,
                             terms)
  SELECT i.id, i.number, i.customer_id, i.order_id, i.shipment_id, i.invoice_date, i.due_date,
         i.currency, i.net_minor, i.tax_minor, i.gross_minor, i.paid_minor, c.terms
  FROM invoices i JOIN customers c ON c.id = i.customer_id;
DROP TABLE invoices;
ALTER TABLE invoices_rebuilt RENAME TO invoices;
CREATE INDEX invoices_open_by_customer ON invoices(customer_id, due_date)
  WHERE paid_minor + credited_minor + discount_taken_minor < gross_minor;

-- A line of an invoice that bills several orders names its order; NULL: a line of no order
-- (a debit note, a subscription) or, for invoices issued before 0007, the invoice's order.
ALTER TABLE invoice_lines ADD COLUMN order_id INTEGER REFERENCES orders(id);
UPDATE invoice_lines SET order_id = (SELECT order_id FROM invoices WHERE id = invoice_id);

-- Instalment plans: the invoice's gross split over due dates (largest remainder; the last
-- instalment's date is the invoice's due date).
CREATE TABLE invoice_instalments (
  invoice_id   INTEGER NOT NULL REFERENCES invoices(id),
  sequence     INTEGER NOT NULL CHECK (sequence >= 1),
  due_date     TEXT    NOT NULL,
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  PRIMARY KEY (invoice_id, sequence)
) WITHOUT ROWID;

ALTER TABLE shipments ADD COLUMN invoice_id INTEGER REFERENCES invoices(id);
UPDATE shipments SET invoice_id = (SELECT id FROM invoices WHERE shipment_id = shipments.id);
-- What a billing run bills: shipped and not yet billed.
CREATE INDEX shipments_to_bill ON shipments(shipped_on) WHERE invoice_id IS NULL;

-- How a customer's shipments become invoices: one per shipment at goods issue, one per
-- order when the order is complete, or one per billing period made by `o2c bill run`.
ALTER TABLE customers ADD COLUMN billing_policy TEXT NOT NULL DEFAULT 'per_shipment'
  CHECK (billing_policy = 'per_shipment' OR billing_policy = 'per_order'
         OR billing_policy = 'per_period');

CREATE TABLE credit_notes (
  id                INTEGER PRIMARY KEY,
  number            TEXT    NOT NULL UNIQUE,
  customer_id       INTEGER NOT NULL REFERENCES customers(id),
  invoice_id        INTEGER NOT NULL REFERENCES invoices(id),  -- the invoice it credits
  cause             TEXT    NOT NULL CHECK (cause = 'return' OR cause = 'price_correction'
                                            OR cause = 'dispute' OR cause = 'cancellation'),
  reason            TEXT    NOT NULL,
  return_request_id INTEGER UNIQUE REFERENCES credit_note_requests(id),
  issue_date        TEXT    NOT NULL,
  currency          TEXT    NOT NULL,
  net_minor         INTEGER NOT NULL CHECK (net_minor >= 0),
  tax_minor         INTEGER NOT NULL CHECK (tax_minor >= 0),
  gross_minor       INTEGER NOT NULL CHECK (gross_minor > 0),
  allocated_minor   INTEGER NOT NULL CHECK (allocated_minor >= 0),  -- settled invoices
  CHECK (gross_minor = net_minor + tax_minor),
  CHECK (allocated_minor <= gross_minor)
);
CREATE INDEX credit_notes_by_invoice ON credit_notes(invoice_id);

CREATE TABLE credit_note_lines (
  credit_note_id   INTEGER NOT NULL REFERENCES credit_notes(id),
  line_no          INTEGER NOT NULL,
  invoice_line_no  INTEGER NOT NULL,  -- 0: an amount not tied to one line
  sku              TEXT    NOT NULL,
  description      TEXT    NOT NULL,
  quantity_milli   INTEGER NOT NULL CHECK (quantity_milli >= 0),
  unit_price_minor INTEGER NOT NULL,
  tax_category     TEXT    NOT NULL,
  tax_rate_bp      INTEGER NOT NULL,
  net_minor        INTEGER NOT NULL,
  tax_minor        INTEGER NOT NULL,
  PRIMARY KEY (credit_note_id, line_no)
) WITHOUT ROWID;

-- Which invoice a credit note settled, by how much (its own invoice first; the rest later).
CREATE TABLE credit_allocations (
  credit_note_id INTEGER NOT NULL REFERENCES credit_notes(id),
  invoice_id     INTEGER NOT NULL REFERENCES invoices(id),
  amount_minor   INTEGER NOT NULL CHECK (amount_minor > 0),
  allocated_on   TEXT    NOT NULL
);
CREATE INDEX credit_allocations_by_invoice ON credit_allocations(invoice_id);

CREATE TABLE proforma_invoices (
  id          INTEGER PRIMARY KEY,
  number      TEXT    NOT NULL UNIQUE,
  order_id    INTEGER NOT NULL REFERENCES orders(id),
  issue_date  TEXT    NOT NULL,
  valid_until TEXT    NOT NULL,
  currency    TEXT    NOT NULL,
  net_minor   INTEGER NOT NULL,
  tax_minor   INTEGER NOT NULL,
  gross_minor INTEGER NOT NULL,
  CHECK (gross_minor = net_minor + tax_minor)
);
