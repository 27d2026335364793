-- 0014: bank statements and cash application's worklist (issue 5).
--
-- * bank_statements: one row per imported statement (a camt.053 Stmt, a camt.054 Ntfctn, a
--   BAI2 account of a group). `identity` recognises the same statement when its file comes
--   again; `file_sha256` recognises the same file.
-- * statement_lines: one row per entry. Credits wait for cash application (unmatched), are
--   applied (a payment was booked for them), or wait for a person (review); debits are not
--   customer receipts (ignored). A line is applied at most once: payment_id is set once.
-- * statement_line_suggestions: the matching engine's ranked candidates for a line in review.
-- * customer_bank_accounts: accounts a customer is known to pay from (entered, or learned
--   when a line paid from it was applied to that customer).

CREATE TABLE bank_statements (
  id               INTEGER PRIMARY KEY,
  number           TEXT    NOT NULL UNIQUE,             -- BST-2026-000001
  identity         TEXT    NOT NULL UNIQUE,
  format           TEXT    NOT NULL CHECK (format IN ('camt053', 'camt054', 'bai2')),
  account          TEXT    NOT NULL,
  currency         TEXT    NOT NULL,
  statement_date   TEXT    NOT NULL,
  opening_minor    INTEGER,                             -- NULL: not given
  closing_minor    INTEGER,
  file_name        TEXT    NOT NULL,
  file_sha256      TEXT    NOT NULL,
  imported_at      INTEGER NOT NULL,                    -- unix micros
  line_count       INTEGER NOT NULL CHECK (line_count >= 0)
);
CREATE INDEX bank_statements_by_file ON bank_statements(file_sha256);

CREATE TABLE statement_lines (
  id                   INTEGER PRIMARY KEY,
  statement_id         INTEGER NOT NULL REFERENCES bank_statements(id),
  line_no              INTEGER NOT NULL CHECK (line_no >= 1),
  entry_reference      TEXT    NOT NULL DEFAULT '',
  booking_date         TEXT    NOT NULL,
  value_date           TEXT    NOT NULL,
  direction            TEXT    NOT NULL CHECK (direction IN ('credit', 'debit')),
  amount_minor         INTEGER NOT NULL CHECK (amount_minor >= 0),
  currency             TEXT    NOT NULL,
  remittance           TEXT    NOT NULL DEFAULT '',
  structured_reference TEXT    NOT NULL DEFAULT '',
  payer_name           TEXT    NOT NULL DEFAULT '',
  payer_account        TEXT    NOT NULL DEFAULT '',
  end_to_end_id        TEXT    NOT NULL DEFAULT '',
  bank_code            TEXT    NOT NULL DEFAULT '',
  status               TEXT    NOT NULL
                               CHECK (status IN ('unmatched', 'applied', 'review', 'ignored')),
  payment_id           INTEGER REFERENCES payments(id),
  note                 TEXT    NOT NULL DEFAULT '',
  UNIQUE (statement_id, line_no),
  CHECK ((status = 'applied') = (payment_id IS NOT NULL)),
  CHECK (direction = 'credit' OR status = 'ignored')
);
CREATE INDEX statement_lines_waiting ON statement_lines(status) WHERE status IN ('unmatched', 'review');

CREATE TABLE statement_line_suggestions (
  line_id       INTEGER NOT NULL REFERENCES statement_lines(id),
  rank          INTEGER NOT NULL CHECK (rank >= 1),
  customer_id   INTEGER NOT NULL REFERENCES customers(id),
  applications  TEXT    NOT NULL DEFAULT '',  -- "INV-2026-000001 11900 0;…": number, amount, discount (minor)
  short_minor   INTEGER NOT NULL DEFAULT 0,
  shortfall     TEXT    NOT NULL DEFAULT 'none' CHECK (shortfall IN ('none', 'write_off', 'deduction')),
  unapplied_minor INTEGER NOT NULL DEFAULT 0,
  confidence    INTEGER NOT NULL CHECK (confidence BETWEEN 0 AND 100),
  reasons       TEXT    NOT NULL DEFAULT '',  -- wire names, comma-separated, strongest first
  PRIMARY KEY (line_id, rank)
);

CREATE TABLE customer_bank_accounts (
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  account     TEXT    NOT NULL,                         -- IBAN or account number, no spaces
  source      TEXT    NOT NULL CHECK (source IN ('manual', 'learned')),
  PRIMARY KEY (customer_id, account)
);
CREATE INDEX customer_bank_accounts_by_account ON customer_bank_accounts(account);
