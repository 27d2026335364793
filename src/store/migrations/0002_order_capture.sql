-- Order capture (issue 3): channel, requested date, ship-to, notes, manual holds,
-- cancellation and approval levels.
ALTER TABLE orders ADD COLUMN channel TEXT NOT NULL DEFAULT 'api';
ALTER TABLE orders ADD COLUMN requested_delivery_date TEXT;  -- NULL: none requested
ALTER TABLE orders ADD COLUMN ship_to_line TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN ship_to_city TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN ship_to_postal_code TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN ship_to_country TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN notes TEXT NOT NULL DEFAULT '';
-- NULL reason: no manual hold. Otherwise who put it, and the state the order returns to.
ALTER TABLE orders ADD COLUMN manual_hold_reason TEXT;
ALTER TABLE orders ADD COLUMN manual_hold_actor TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN manual_hold_resume_state TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN cancellation_reason TEXT NOT NULL DEFAULT '';

-- A customer's PO numbers, to flag one used twice (compared ignoring case).
CREATE INDEX orders_by_customer_po ON orders(customer_id, customer_reference COLLATE NOCASE)
  WHERE customer_reference <> '';

CREATE TABLE order_approvals (
  order_id          INTEGER NOT NULL REFERENCES orders(id),
  level             INTEGER NOT NULL CHECK (level >= 1),
  role              TEXT    NOT NULL,
  why               TEXT    NOT NULL,
  decision          TEXT    NOT NULL CHECK (decision IN ('pending', 'approved', 'rejected')),
  actor             TEXT    NOT NULL,
  comment           TEXT    NOT NULL,
  decided_at_micros INTEGER NOT NULL,
  PRIMARY KEY (order_id, level)
) WITHOUT ROWID;
