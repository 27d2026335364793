-- 0009: the books an accountant can trust — accounting periods (a month is open unless its
-- row says closed) and an index for reading the ledger by date (general ledger, period
-- checks, exports). The chart of accounts is a setting ('chart_of_accounts'); ledger lines
-- keep storing the posting role's number in ledger_lines.account.

CREATE TABLE accounting_periods (
  period            TEXT    PRIMARY KEY,  -- 'YYYY-MM'
  closed            INTEGER NOT NULL CHECK (closed IN (0, 1)),
  changed_at_micros INTEGER NOT NULL,
  changed_by        TEXT    NOT NULL,
  reason            TEXT    NOT NULL      -- of the last reopening; '' when closed
) WITHOUT ROWID;

CREATE INDEX ledger_entries_by_date ON ledger_entries(entry_date);
