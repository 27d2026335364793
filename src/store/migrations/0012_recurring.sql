-- 0012: recurring and usage-based billing (issue 4, "Billing and the books"): plans billed per
-- calendar period in advance or in arrears, meters and per-plan usage prices, subscriptions,
-- metered usage records, the periods each subscription has been billed for, and the
-- deferred-revenue schedule of amounts billed in advance (src/billing/recurring.h).

CREATE TABLE plans (
  id           INTEGER PRIMARY KEY,
  code         TEXT    NOT NULL UNIQUE,
  name         TEXT    NOT NULL,
  currency     TEXT    NOT NULL,
  price_minor  INTEGER NOT NULL CHECK (price_minor >= 0),
  period       INTEGER NOT NULL CHECK (period IN (1, 2, 3)),  -- monthly, quarterly, annual
  timing       INTEGER NOT NULL CHECK (timing IN (1, 2)),     -- in advance, in arrears
  trial_days   INTEGER NOT NULL CHECK (trial_days BETWEEN 0 AND 365),
  tax_category TEXT    NOT NULL
);

CREATE TABLE meters (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL UNIQUE,
  unit        TEXT    NOT NULL,
  aggregation INTEGER NOT NULL CHECK (aggregation IN (1, 2, 3))  -- sum, max, unique count
);

-- What a plan charges for a meter's usage per period (one price per plan and meter).
CREATE TABLE plan_usage_prices (
  plan_id             INTEGER NOT NULL REFERENCES plans(id),
  meter_id            INTEGER NOT NULL REFERENCES meters(id),
  model               INTEGER NOT NULL CHECK (model IN (1, 2, 3)),  -- tiered, volume, package
  tiers               TEXT    NOT NULL,  -- "1000:0.10,*:0.05"; '' for a package price
  package_size_milli  INTEGER NOT NULL CHECK (package_size_milli >= 0),
  package_price_minor INTEGER NOT NULL CHECK (package_price_minor >= 0),
  minimum_minor       INTEGER NOT NULL CHECK (minimum_minor >= 0),
  PRIMARY KEY (plan_id, meter_id)
) WITHOUT ROWID;

CREATE TABLE subscriptions (
  id                   INTEGER PRIMARY KEY,
  number               TEXT    NOT NULL UNIQUE,  -- SUB-2026-000001
  customer_id          INTEGER NOT NULL REFERENCES customers(id),
  plan_id              INTEGER NOT NULL REFERENCES plans(id),
  state                INTEGER NOT NULL CHECK (state IN (1, 2, 3)),  -- trial, active, cancelled
  start_date           TEXT    NOT NULL,
  service_start        TEXT    NOT NULL,
  plan_start           TEXT    NOT NULL,
  revision             INTEGER NOT NULL CHECK (revision >= 0),
  billed_through       TEXT    NOT NULL,  -- exclusive
  usage_billed_through TEXT    NOT NULL,  -- exclusive
  end_date             TEXT,              -- exclusive; NULL until cancelled
  CHECK (service_start >= start_date AND plan_start >= service_start),
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX subscriptions_by_customer ON subscriptions(customer_id);

-- Metered usage. A replayed idempotency key of the same customer is recognised and not
-- counted twice: the UNIQUE constraint is the guard, the use case reports the duplicate.
CREATE TABLE usage_records (
  id              INTEGER PRIMARY KEY,
  customer_id     INTEGER NOT NULL REFERENCES customers(id),
  meter_id        INTEGER NOT NULL REFERENCES meters(id),
  quantity_milli  INTEGER NOT NULL CHECK (quantity_milli >= 0),
  at_micros       INTEGER NOT NULL,
  subject         TEXT    NOT NULL,
  idempotency_key TEXT    NOT NULL,
  UNIQUE (customer_id, idempotency_key)
);
CREATE INDEX usage_records_by_meter ON usage_records(customer_id, meter_id, at_micros);

-- Each subscription period (kind 1) and usage period (kind 2) of a plan revision is billed
-- exactly once: the primary key refuses a second invoice for it, whatever the code does.
CREATE TABLE billed_periods (
  subscription_id INTEGER NOT NULL REFERENCES subscriptions(id),
  kind            INTEGER NOT NULL CHECK (kind IN (1, 2)),
  revision        INTEGER NOT NULL,
  period_start    TEXT    NOT NULL,
  period_end      TEXT    NOT NULL CHECK (period_end > period_start),
  invoice_id      INTEGER NOT NULL REFERENCES invoices(id),
  PRIMARY KEY (subscription_id, kind, revision, period_start)
) WITHOUT ROWID;

-- Deferred revenue: an amount billed in advance, one row per month of its service; a credit
-- for an unused part has negative rows. `o2c ledger recognise --month` moves the rows of that
-- month and earlier to revenue and dates them, so a row is recognised once.
CREATE TABLE revenue_schedule (
  id            INTEGER PRIMARY KEY,
  document      TEXT    NOT NULL,  -- the invoice (or credit) that deferred it
  month         TEXT    NOT NULL,  -- "2026-03"
  currency      TEXT    NOT NULL,
  amount_minor  INTEGER NOT NULL,
  recognised_on TEXT               -- NULL until recognised
);
CREATE INDEX revenue_schedule_open ON revenue_schedule(month) WHERE recognised_on IS NULL;
