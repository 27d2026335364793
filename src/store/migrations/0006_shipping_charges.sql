-- Shipping charges on orders (issue 3, "shipping charges taxed by their own category"): one
-- charge per order, taxed by its own tax category, billed whole on the order's first invoice.
-- The order's net, tax and gross totals include it. An order without a charge keeps the
-- defaults (empty category, zero amounts); orders placed before this migration have none.
ALTER TABLE orders ADD COLUMN shipping_net_minor INTEGER NOT NULL DEFAULT 0
  CHECK (shipping_net_minor >= 0);
ALTER TABLE orders ADD COLUMN shipping_tax_minor INTEGER NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN shipping_tax_category TEXT NOT NULL DEFAULT '';  -- '': no charge
ALTER TABLE orders ADD COLUMN shipping_tax_rate_bp INTEGER NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN shipping_invoiced INTEGER NOT NULL DEFAULT 0
  CHECK (shipping_invoiced = 0 OR shipping_invoiced = 1);
