-- 0010: currencies (issue 4, "FX rate table by date; ledger in the company currency with the
-- rate stored on each posting; realised FX gain/loss").
--
-- The rate table: company-currency units per one unit of `currency`, in millionths
-- (1.0854 = 1085400). A document takes the latest rate on or before its date. One rate per
-- currency and date: a different rate for a date already set is refused, not replaced, so
-- that what was posted at it can always be recomputed.
CREATE TABLE fx_rates (
  currency    TEXT    NOT NULL,
  rate_date   TEXT    NOT NULL,
  rate_micros INTEGER NOT NULL CHECK (rate_micros > 0),
  PRIMARY KEY (currency, rate_date)
) WITHOUT ROWID;

-- Each ledger entry keeps the rate its lines were translated at (1 in the company currency)
-- and each line its company-currency amount beside the document amount. Entries posted
-- before this migration in the company currency are translated at 1 here; those in another
-- currency had no rate: they keep rate 0 and company amount 0 (not translated) and appear
-- only in the trial balance by document currency.
ALTER TABLE ledger_entries ADD COLUMN rate_micros INTEGER NOT NULL DEFAULT 0
  CHECK (rate_micros >= 0);
ALTER TABLE ledger_lines ADD COLUMN company_minor INTEGER NOT NULL DEFAULT 0;
UPDATE ledger_entries SET rate_micros = 1000000
  WHERE currency = (SELECT value FROM settings WHERE key = 'currency');
UPDATE ledger_lines SET company_minor = amount_minor
  WHERE entry_id IN (SELECT id FROM ledger_entries WHERE rate_micros = 1000000);

-- The company amount of each document in a foreign currency (invoices: the receivable;
-- payments: the cash received), at the rate of its date. Settling it in parts clears that
-- amount in proportion (fx.h settled_share), so a fully settled document leaves no cent in
-- receivables or unapplied cash. Documents in the company currency have no row.
CREATE TABLE document_fx (
  document      TEXT    PRIMARY KEY,
  currency      TEXT    NOT NULL,
  amount_minor  INTEGER NOT NULL,
  rate_micros   INTEGER NOT NULL CHECK (rate_micros > 0),
  company_minor INTEGER NOT NULL
) WITHOUT ROWID;
