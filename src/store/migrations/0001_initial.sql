-- 0001: the whole cycle — master data, orders, shipments, invoices, payments, the ledger
-- and the hash-chained journal. Money is INTEGER minor units beside its currency code;
-- dates are ISO 'YYYY-MM-DD' text; quantities are INTEGER thousandths of a unit.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE number_series (
  prefix TEXT    NOT NULL,
  year   INTEGER NOT NULL,
  last   INTEGER NOT NULL CHECK (last >= 0),
  PRIMARY KEY (prefix, year)
) WITHOUT ROWID;

CREATE TABLE customers (
  id                     INTEGER PRIMARY KEY,
  number                 TEXT    NOT NULL UNIQUE,
  name                   TEXT    NOT NULL,
  currency               TEXT    NOT NULL,
  terms                  TEXT    NOT NULL,
  credit_limit_minor     INTEGER NOT NULL CHECK (credit_limit_minor >= 0),
  segment                TEXT    NOT NULL,
  billing_line TEXT NOT NULL, billing_city TEXT NOT NULL,
  billing_postal_code TEXT NOT NULL, billing_country TEXT NOT NULL,
  shipping_line TEXT NOT NULL, shipping_city TEXT NOT NULL,
  shipping_postal_code TEXT NOT NULL, shipping_country TEXT NOT NULL,
  email                  TEXT    NOT NULL,
  active                 INTEGER NOT NULL,
  -- Running credit exposure, kept in the same transaction as the documents that change it.
  open_receivables_minor INTEGER NOT NULL DEFAULT 0,
  open_orders_minor      INTEGER NOT NULL DEFAULT 0,
  unapplied_minor        INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE products (
  id                  INTEGER PRIMARY KEY,
  sku                 TEXT    NOT NULL UNIQUE,
  name                TEXT    NOT NULL,
  unit                TEXT    NOT NULL,
  tax_category        TEXT    NOT NULL,
  standard_cost_minor INTEGER NOT NULL CHECK (standard_cost_minor >= 0),
  cost_currency       TEXT    NOT NULL,
  active              INTEGER NOT NULL
);

CREATE TABLE product_prices (
  product_id  INTEGER NOT NULL REFERENCES products(id),
  currency    TEXT    NOT NULL,
  price_minor INTEGER NOT NULL CHECK (price_minor >= 0),
  PRIMARY KEY (product_id, currency)
) WITHOUT ROWID;

CREATE TABLE tax_rates (
  category   TEXT PRIMARY KEY,
  rate_bp    INTEGER NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000)
) WITHOUT ROWID;

CREATE TABLE warehouses (
  id   INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
);

CREATE TABLE stock (
  warehouse_id   INTEGER NOT NULL REFERENCES warehouses(id),
  product_id     INTEGER NOT NULL REFERENCES products(id),
  on_hand_milli  INTEGER NOT NULL CHECK (on_hand_milli >= 0),
  reserved_milli INTEGER NOT NULL CHECK (reserved_milli >= 0 AND reserved_milli <= on_hand_milli),
  PRIMARY KEY (product_id, warehouse_id)
) WITHOUT ROWID;

CREATE TABLE orders (
  id                 INTEGER PRIMARY KEY,
  number             TEXT    NOT NULL UNIQUE,
  customer_id        INTEGER NOT NULL REFERENCES customers(id),
  currency           TEXT    NOT NULL,
  order_date         TEXT    NOT NULL,
  state              TEXT    NOT NULL,
  order_discount_bp  INTEGER NOT NULL,
  customer_reference TEXT    NOT NULL,
  hold_reason        TEXT    NOT NULL,
  net_minor          INTEGER NOT NULL,
  tax_minor          INTEGER NOT NULL,
  gross_minor        INTEGER NOT NULL,
  backordered        INTEGER NOT NULL DEFAULT 0  -- 1 while some line waits for stock
);
CREATE INDEX orders_by_customer ON orders(customer_id);
CREATE INDEX orders_by_state ON orders(state);
CREATE INDEX orders_backordered ON orders(backordered) WHERE backordered = 1;

CREATE TABLE order_lines (
  order_id       INTEGER NOT NULL REFERENCES orders(id),
  line_no        INTEGER NOT NULL,
  product_id     INTEGER NOT NULL REFERENCES products(id),
  sku            TEXT    NOT NULL,
  description    TEXT    NOT NULL,
  quantity_milli INTEGER NOT NULL CHECK (quantity_milli > 0),
  unit_price_minor INTEGER NOT NULL,
  discount_bp    INTEGER NOT NULL,
  tax_category   TEXT    NOT NULL,
  tax_rate_bp    INTEGER NOT NULL,
  net_minor      INTEGER NOT NULL,
  tax_minor      INTEGER NOT NULL,
  shipped_milli  INTEGER NOT NULL,
  invoiced_milli INTEGER NOT NULL,
  -- Reserved stock by warehouse, "warehouse_id:milli;…" — read and written with the line.
  reservations   TEXT    NOT NULL,
  PRIMARY KEY (order_id, line_no),
  CHECK (shipped_milli BETWEEN 0 AND quantity_milli),
  CHECK (invoiced_milli BETWEEN 0 AND shipped_milli)
) WITHOUT ROWID;

CREATE TABLE shipments (
  id         INTEGER PRIMARY KEY,
  number     TEXT    NOT NULL UNIQUE,
  order_id   INTEGER NOT NULL REFERENCES orders(id),
  ship_date  TEXT    NOT NULL
);
CREATE INDEX shipments_by_order ON shipments(order_id);

CREATE TABLE shipment_lines (
  shipment_id    INTEGER NOT NULL REFERENCES shipments(id),
  line_no        INTEGER NOT NULL,
  order_line_no  INTEGER NOT NULL,
  product_id     INTEGER NOT NULL,
  sku            TEXT    NOT NULL,
  warehouse_id   INTEGER NOT NULL,
  quantity_milli INTEGER NOT NULL CHECK (quantity_milli > 0),
  PRIMARY KEY (shipment_id, line_no)
) WITHOUT ROWID;

CREATE TABLE invoices (
  id           INTEGER PRIMARY KEY,
  number       TEXT    NOT NULL UNIQUE,
  customer_id  INTEGER NOT NULL REFERENCES customers(id),
  order_id     INTEGER NOT NULL REFERENCES orders(id),
  shipment_id  INTEGER NOT NULL UNIQUE REFERENCES shipments(id),  -- one invoice per shipment
  invoice_date TEXT    NOT NULL,
  due_date     TEXT    NOT NULL,
  currency     TEXT    NOT NULL,
  net_minor    INTEGER NOT NULL,
  tax_minor    INTEGER NOT NULL,
  gross_minor  INTEGER NOT NULL,
  paid_minor   INTEGER NOT NULL,
  CHECK (gross_minor = net_minor + tax_minor),
  CHECK (paid_minor BETWEEN 0 AND gross_minor)
);
CREATE INDEX invoices_open_by_customer ON invoices(customer_id, due_date)
  WHERE paid_minor < gross_minor;

CREATE TABLE invoice_lines (
  invoice_id     INTEGER NOT NULL REFERENCES invoices(id),
  line_no        INTEGER NOT NULL,
  order_line_no  INTEGER NOT NULL,
  sku            TEXT    NOT NULL,
  description    TEXT    NOT NULL,
  quantity_milli INTEGER NOT NULL,
  unit_price_minor INTEGER NOT NULL,
  tax_category   TEXT    NOT NULL,
  tax_rate_bp    INTEGER NOT NULL,
  net_minor      INTEGER NOT NULL,
  tax_minor      INTEGER NOT NULL,
  PRIMARY KEY (invoice_id, line_no)
) WITHOUT ROWID;

CREATE TABLE payments (
  id              INTEGER PRIMARY KEY,
  number          TEXT    NOT NULL UNIQUE,
  customer_id     INTEGER NOT NULL REFERENCES customers(id),
  currency        TEXT    NOT NULL,
  amount_minor    INTEGER NOT NULL CHECK (amount_minor > 0),
  unapplied_minor INTEGER NOT NULL CHECK (unapplied_minor BETWEEN 0 AND amount_minor),
  received_on     TEXT    NOT NULL,
  method          TEXT    NOT NULL,
  reference       TEXT    NOT NULL,
  UNIQUE (customer_id, reference)  -- a retried payment is recognised, not booked twice
);

CREATE TABLE payment_applications (
  payment_id   INTEGER NOT NULL REFERENCES payments(id),
  invoice_id   INTEGER NOT NULL REFERENCES invoices(id),
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  applied_on   TEXT    NOT NULL
);
CREATE INDEX applications_by_invoice ON payment_applications(invoice_id);

CREATE TABLE ledger_entries (
  id          INTEGER PRIMARY KEY,
  document    TEXT NOT NULL,
  entry_date  TEXT NOT NULL,
  description TEXT NOT NULL,
  currency    TEXT NOT NULL
);

CREATE TABLE ledger_lines (
  entry_id     INTEGER NOT NULL REFERENCES ledger_entries(id),
  line_no      INTEGER NOT NULL,
  account      INTEGER NOT NULL,
  amount_minor INTEGER NOT NULL CHECK (amount_minor <> 0),  -- debit > 0, credit < 0
  PRIMARY KEY (entry_id, line_no)
) WITHOUT ROWID;

CREATE TABLE journal (
  sequence      INTEGER PRIMARY KEY,
  at_micros     INTEGER NOT NULL,
  actor         TEXT    NOT NULL,
  kind          TEXT    NOT NULL,
  document      TEXT    NOT NULL,
  payload       TEXT    NOT NULL,
  previous_hash TEXT    NOT NULL,
  hash          TEXT    NOT NULL
);
