-- Fulfilment and tracking (issue 3): a shipment's status on its way picking → packed →
-- shipped → delivered (or cancelled before it ships), its carrier and tracking number, the
-- dates of each step and the delivery date promised to the customer; returns (RMAs) and the
-- credit notes they ask billing for; reorder points per product and warehouse.
--
-- Shipments made before this migration were shipped (goods issued and invoiced) the day they
-- were created, so they become 'shipped' on their ship_date.
--
-- Checks on rows written in the cycle are spelled with OR, not IN (…): SQLite evaluates a
-- constant IN list by building a temporary b-tree on every execution, which tripled the cost
-- of inserting a shipment. For the same reason there is no partial index "WHERE status IN".
ALTER TABLE shipments ADD COLUMN status TEXT NOT NULL DEFAULT 'shipped'
  CHECK (status = 'picking' OR status = 'packed' OR status = 'shipped' OR status = 'delivered'
         OR status = 'cancelled');
ALTER TABLE shipments ADD COLUMN carrier TEXT NOT NULL DEFAULT '';
ALTER TABLE shipments ADD COLUMN tracking_number TEXT NOT NULL DEFAULT '';
ALTER TABLE shipments ADD COLUMN packed_on TEXT;     -- NULL: not packed yet
ALTER TABLE shipments ADD COLUMN shipped_on TEXT;    -- NULL: goods not issued yet
ALTER TABLE shipments ADD COLUMN delivered_on TEXT;  -- NULL: not delivered (yet)
ALTER TABLE shipments ADD COLUMN promised_on TEXT;   -- NULL: no delivery date promised
ALTER TABLE shipments ADD COLUMN cancel_reason TEXT NOT NULL DEFAULT '';
UPDATE shipments SET packed_on = ship_date, shipped_on = ship_date;

CREATE TABLE returns (
  id                INTEGER PRIMARY KEY,
  number            TEXT    NOT NULL UNIQUE,          -- RMA-2026-000001
  shipment_id       INTEGER NOT NULL REFERENCES shipments(id),
  status            TEXT    NOT NULL CHECK (status IN ('authorised', 'received')),
  condition         TEXT    NOT NULL CHECK (condition IN ('resellable', 'damaged')),
  reason            TEXT    NOT NULL,
  authorised_on     TEXT    NOT NULL,
  received_on       TEXT,                             -- NULL: not received yet
  currency          TEXT    NOT NULL,
  credit_net_minor  INTEGER NOT NULL CHECK (credit_net_minor >= 0),
  credit_tax_minor  INTEGER NOT NULL,
  credit_gross_minor INTEGER NOT NULL,
  CHECK (credit_gross_minor = credit_net_minor + credit_tax_minor)
);
CREATE INDEX returns_by_shipment ON returns(shipment_id);

CREATE TABLE return_lines (
  return_id         INTEGER NOT NULL REFERENCES returns(id),
  line_no           INTEGER NOT NULL,
  order_line_no     INTEGER NOT NULL,
  invoice_line_no   INTEGER NOT NULL,                 -- 0: nothing invoiced to credit
  sku               TEXT    NOT NULL,
  quantity_milli    INTEGER NOT NULL CHECK (quantity_milli > 0),
  credit_net_minor  INTEGER NOT NULL,
  credit_tax_minor  INTEGER NOT NULL,
  PRIMARY KEY (return_id, line_no)
) WITHOUT ROWID;

-- Where resellable goods go back: the warehouses they shipped from (none when damaged).
CREATE TABLE return_restock (
  return_id      INTEGER NOT NULL REFERENCES returns(id),
  line_no        INTEGER NOT NULL,
  warehouse_id   INTEGER NOT NULL REFERENCES warehouses(id),
  product_id     INTEGER NOT NULL REFERENCES products(id),
  quantity_milli INTEGER NOT NULL CHECK (quantity_milli > 0),
  PRIMARY KEY (return_id, line_no)
) WITHOUT ROWID;

-- A received return asks billing for a credit note; billing (issue 4) issues it.
CREATE TABLE credit_note_requests (
  id           INTEGER PRIMARY KEY,
  return_id    INTEGER NOT NULL UNIQUE REFERENCES returns(id),
  invoice_id   INTEGER NOT NULL REFERENCES invoices(id),
  requested_on TEXT    NOT NULL,
  currency     TEXT    NOT NULL,
  net_minor    INTEGER NOT NULL CHECK (net_minor >= 0),
  tax_minor    INTEGER NOT NULL,
  gross_minor  INTEGER NOT NULL CHECK (gross_minor > 0),
  CHECK (gross_minor = net_minor + tax_minor)
);
CREATE INDEX credit_note_requests_by_invoice ON credit_note_requests(invoice_id);

-- Below this available quantity (on hand - reserved) the product needs reordering there.
CREATE TABLE reorder_points (
  product_id     INTEGER NOT NULL REFERENCES products(id),
  warehouse_id   INTEGER NOT NULL REFERENCES warehouses(id),
  quantity_milli INTEGER NOT NULL CHECK (quantity_milli >= 0),
  PRIMARY KEY (product_id, warehouse_id)
) WITHOUT ROWID;
