-- Inventory and allocation (issue 3): customer tiers and preferred warehouses, where each
-- warehouse ships from, and stock expected to arrive (purchase orders, transfers).

-- Delivery priority under shortage: 1 is served first, 9 last; 5 for everyone until set.
ALTER TABLE customers ADD COLUMN tier INTEGER NOT NULL DEFAULT 5 CHECK (tier BETWEEN 1 AND 9);
-- The warehouse sourcing tries first for this customer; NULL: none.
ALTER TABLE customers ADD COLUMN preferred_warehouse_id INTEGER REFERENCES warehouses(id);
-- ISO 3166-1 alpha-2 country the warehouse ships from; '' when not known.
ALTER TABLE warehouses ADD COLUMN country TEXT NOT NULL DEFAULT '';

-- One row per announced receipt. `open_milli` is what is still expected: a goods receipt
-- into the warehouse lowers it, earliest expected date first; at zero the row is history.
CREATE TABLE expected_receipts (
  id             INTEGER PRIMARY KEY,
  product_id     INTEGER NOT NULL REFERENCES products(id),
  warehouse_id   INTEGER NOT NULL REFERENCES warehouses(id),
  expected_date  TEXT    NOT NULL,
  reference      TEXT    NOT NULL,
  quantity_milli INTEGER NOT NULL CHECK (quantity_milli > 0),
  open_milli     INTEGER NOT NULL CHECK (open_milli BETWEEN 0 AND quantity_milli)
);
CREATE INDEX expected_receipts_open ON expected_receipts(product_id, expected_date)
  WHERE open_milli > 0;
