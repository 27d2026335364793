-- 0015: credit management (issue 5).
--
-- * customer_groups: a parent with its own credit limit; a group's exposure is the sum of its
--   members' exposure. A member trades in the group's currency.
-- * customers.group_id: the customer's group (NULL: none).
-- * customers.risk_class: the internal credit score's class, A (best) to E (worst), set by
--   `o2c credit review`; NULL when the customer was never scored. Collections ranks its
--   worklists by it.
-- * credit_reviews: every score a review gave, with the class before it and the main reason.
-- * credit_limit_requests: a change of a customer's credit limit waits for a second person's
--   approval (CLR-2026-000001); the limit changes only on approval.
-- * credit_holds: when (business date) an order went on credit hold and why, for the queue.

CREATE TABLE customer_groups (
  id                 INTEGER PRIMARY KEY,
  code               TEXT    NOT NULL UNIQUE,
  name               TEXT    NOT NULL,
  currency           TEXT    NOT NULL,
  credit_limit_minor INTEGER NOT NULL CHECK (credit_limit_minor >= 0)
);

ALTER TABLE customers ADD COLUMN group_id INTEGER REFERENCES customer_groups(id);
ALTER TABLE customers ADD COLUMN risk_class TEXT
  CHECK (risk_class IS NULL OR risk_class IN ('A', 'B', 'C', 'D', 'E'));
CREATE INDEX customers_by_group ON customers(group_id) WHERE group_id IS NOT NULL;

CREATE TABLE credit_reviews (
  id             INTEGER PRIMARY KEY,
  customer_id    INTEGER NOT NULL REFERENCES customers(id),
  reviewed_on    TEXT    NOT NULL,
  score          INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
  risk_class     TEXT    NOT NULL CHECK (risk_class IN ('A', 'B', 'C', 'D', 'E')),
  previous_class TEXT    CHECK (previous_class IS NULL OR previous_class IN ('A', 'B', 'C', 'D', 'E')),
  main_reason    TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX credit_reviews_by_customer ON credit_reviews(customer_id, reviewed_on);

CREATE TABLE credit_limit_requests (
  id                    INTEGER PRIMARY KEY,
  number                TEXT    NOT NULL UNIQUE,
  customer_id           INTEGER NOT NULL REFERENCES customers(id),
  currency              TEXT    NOT NULL,
  current_limit_minor   INTEGER NOT NULL CHECK (current_limit_minor >= 0),
  requested_limit_minor INTEGER NOT NULL CHECK (requested_limit_minor >= 0),
  reason                TEXT    NOT NULL,
  requested_by          TEXT    NOT NULL,
  requested_on          TEXT    NOT NULL,
  status                TEXT    NOT NULL DEFAULT 'pending'
                                CHECK (status IN ('pending', 'approved', 'rejected')),
  decided_by            TEXT    NOT NULL DEFAULT '',
  decided_on            TEXT,
  decision_reason       TEXT    NOT NULL DEFAULT '',
  CHECK ((status = 'pending') = (decided_on IS NULL))
);
CREATE INDEX credit_limit_requests_pending ON credit_limit_requests(customer_id)
  WHERE status = 'pending';

CREATE TABLE credit_holds (
  order_id INTEGER PRIMARY KEY REFERENCES orders(id),
  held_on  TEXT    NOT NULL,
  reason   TEXT    NOT NULL
);
