-- Pricing engine wired into orders (issue 3): what the engine needs from master data (product
-- category, tax-exempt customers, regions of addresses), each priced line's trace, and the
-- coupons presented with an order.
ALTER TABLE products ADD COLUMN category TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN tax_exempt INTEGER NOT NULL DEFAULT 0;
ALTER TABLE customers ADD COLUMN billing_region TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN shipping_region TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN ship_to_region TEXT NOT NULL DEFAULT '';
-- JSON (pricing.h, trace_json); '' for a line priced without price rules.
ALTER TABLE order_lines ADD COLUMN price_trace TEXT NOT NULL DEFAULT '';
ALTER TABLE order_lines ADD COLUMN below_margin_floor INTEGER NOT NULL DEFAULT 0;

-- Codes presented with an order, in order. redeemed = 1: a single-use code this order used
-- up; set back to 0 when the order is cancelled or rejected. The index makes a second
-- redemption of the same code impossible, whatever the code above it does.
CREATE TABLE order_coupons (
  order_id INTEGER NOT NULL REFERENCES orders(id),
  position INTEGER NOT NULL CHECK (position >= 0),
  code     TEXT    NOT NULL,
  redeemed INTEGER NOT NULL CHECK (redeemed = 0 OR redeemed = 1),  -- not IN: see 0005
  PRIMARY KEY (order_id, position)
) WITHOUT ROWID;
CREATE UNIQUE INDEX order_coupons_redeemed_once ON order_coupons(code) WHERE redeemed = 1;
