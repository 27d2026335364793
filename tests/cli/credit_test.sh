#!/usr/bin/env bash
# Credit management through the o2c command line: customer groups (`customer group add`,
# `customer add --group`, `customer set-group`), `credit exposure` of a customer and of a
# group, the hold queue (`credit holds`, `credit release|reject --reason --as`), the credit
# score and review (`credit score`, `credit review`, `config credit_scoring`), and credit-limit
# requests with four-eyes approval (`credit limit request|approve|reject|requests`). Bad input
# is refused with one error line and leaves the database as it was.
#
# usage: credit_test.sh path/to/o2c
set -euo pipefail

O2C=${1:?usage: credit_test.sh path/to/o2c}
O2C_GLOBAL=(--date 2026-03-02)
source "$(dirname "$0")/lib.sh"

step=init
"$O2C" init "$DB" --currency EUR >"$OUT" 2>"$ERR" || fail "init exited $?"
run tax.set tax set standard 19
run warehouse.add warehouse add WH1 --name Main
run product.add product add W-100 --name Widget --price "19.99 EUR" --cost 8.00
run stock.receive stock receive W-100 --warehouse WH1 --qty 100

# ---- groups -----------------------------------------------------------------------------------
run group.add customer group add G1 --name "Holding AG" --credit-limit 500.00 --currency EUR
has "group G1 added: Holding AG, credit limit 500.00 EUR"
refused group.duplicate "customer group G1 already exists" \
  customer group add G1 --name Again --credit-limit 1.00
refused group.negative "a credit limit cannot be negative" \
  customer group add G2 --name Neg --credit-limit -1.00
refused group.currency "QQQ" customer group add G2 --name Odd --credit-limit 1.00 --currency QQQ
run customer.add.grouped customer add C1 --name "Acme GmbH" --credit-limit 1000.00 --group G1
has "customer C1 added" "customer C1 joins group G1"
refused customer.add.unknown_group "no customer group 'G9'" \
  customer add C3 --name Ghost --credit-limit 10.00 --group G9
refused customer.add.wrong_currency "trades in USD" \
  customer add U1 --name "Beta Inc" --currency USD --credit-limit 10.00 --group G1
run customer.add customer add C2 --name "Acme Retail" --credit-limit 1000.00
run customer.set_group customer set-group C2 G1
has "customer C2 joins group G1"
refused customer.set_group.unknown "no customer with number 'C9'" customer set-group C9 G1
run group.list customer group list
has "G1" "Holding AG" "0.00 EUR" "500.00 EUR"

# ---- orders against the group limit, the hold queue --------------------------------------------
run order.1 order place --customer C1 --line W-100:10
run order.2 order place --customer C2 --line W-100:10
run order.3 order place --customer C2 --line W-100:2
has "on_credit_hold"
run exposure.customer credit exposure C2
has "customer C2 (Acme Retail), group G1, risk class -" "open orders not yet shipped" \
  "shipped not yet invoiced" "237.88 EUR" "1000.00 EUR" "23.79 %"
run exposure.group credit exposure --group G1
has "group G1 (Holding AG)" "475.76 EUR" "95.15 %"
refused exposure.both "name a customer or --group" credit exposure C1 --group G1
refused exposure.unknown "no customer group 'G7'" credit exposure --group G7
run holds credit holds
has "SO-2026-000003" "C2" "47.58 EUR" "group_credit_limit_exceeded" "237.88 / 1,000.00"
refused release.no_reason "--reason" credit release SO-2026-000003 --reason "" --as carol
run release credit release SO-2026-000003 --reason "parent guarantees" --as carol
has "SO-2026-000003 released by carol: open"
[[ $(sqlite3 "$DB" "SELECT actor FROM journal WHERE kind = 'order.released'") == carol ]] ||
  fail "the release is not journaled with its actor"
run holds.empty credit holds
lacks "SO-2026-000003"

# ---- score, policy, review ----------------------------------------------------------------------
run score credit score C1
has "customer C1 on 2026-03-02: score" "days_beyond_terms" "relationship_age" "points"
refused score.unknown "no customer with number 'C9'" credit score C9
cat >"$WORK/scoring.toml" <<'TOML'
[weights]
days_beyond_terms = 40
trend = 10
utilisation = 20
disputes = 15
relationship_age = 15
[holds]
overdue_days_max = 20
TOML
run config.scoring config credit_scoring "$WORK/scoring.toml"
has "credit_scoring set from"
printf '[weights]\ntrend = 50\n' >"$WORK/bad.toml"
refused config.scoring.bad "the weights must sum to 100" config credit_scoring "$WORK/bad.toml"
run review credit review --as risk_officer
has "credit review 2026-03-02: 2 customers scored, 2 changed class" "main reason"
run review.again credit review --as risk_officer
has "0 changed class"
[[ $(sqlite3 "$DB" "SELECT count(*) FROM journal WHERE kind = 'customer.risk_class_changed' AND actor = 'risk_officer'") == 2 ]] ||
  fail "class changes are not journaled once each"
[[ -n $(sqlite3 "$DB" "SELECT risk_class FROM customers WHERE number = 'C1'") ]] ||
  fail "the review did not store C1's class"

# A dispute (as the disputes module writes it) shows in the score.
sqlite3 "$DB" "INSERT INTO disputes(number, customer_id, invoice_id, reason, currency, amount_minor, opened_on) SELECT 'DSP-1', c.id, 0, 'pricing', 'EUR', 100, '2026-02-01' FROM customers c WHERE c.number = 'C1'"
run score.dispute credit score C1
has "1 open, 1 in 12 months"

# ---- credit-limit requests ----------------------------------------------------------------------
run limit.request credit limit request C1 --limit 20000.00 --reason "annual review" --as alice
has "CLR-2026-000001 pending: customer C1 limit 1000.00 EUR -> 20000.00 EUR, requested by alice"
refused limit.self "may not approve it" credit limit approve CLR-2026-000001 --as alice
run limit.approve credit limit approve CLR-2026-000001 --as bob
has "CLR-2026-000001 approved" "decided by bob"
[[ $(sqlite3 "$DB" "SELECT credit_limit_minor FROM customers WHERE number = 'C1'") == 2000000 ]] ||
  fail "the approved limit was not set"
refused limit.again "is approved, not pending" credit limit approve CLR-2026-000001 --as carol
run limit.request.2 credit limit request C1 --limit 5.00 --reason "cut" --as alice
refused limit.reject.no_reason "--reason" credit limit reject CLR-2026-000002 --reason "" --as bob
run limit.reject credit limit reject CLR-2026-000002 --reason "pays on time" --as bob
has "CLR-2026-000002 rejected"
run limit.pending credit limit requests --pending
lacks "CLR-2026-000001"
lacks "CLR-2026-000002"
run limit.all credit limit requests
has "CLR-2026-000001" "approved" "CLR-2026-000002" "rejected" "alice" "bob"
refused limit.unknown_customer "no customer with number 'C9'" \
  credit limit request C9 --limit 1.00 --reason x --as alice
refused limit.negative "a credit limit cannot be negative" \
  credit limit request C1 --limit -1.00 --reason x --as alice
refused limit.currency "limit is in EUR, not USD" \
  credit limit request C1 --limit 1.00 --currency USD --reason x --as alice
refused limit.unknown_request "no credit-limit request 'CLR-2026-000099'" \
  credit limit approve CLR-2026-000099 --as bob
echo "credit_test: all passed"
