#!/usr/bin/env bash
# Currencies through the o2c command line: the rate table (`fx set`, `fx list`, `fx import`,
# all-or-nothing with bad rows named by line), a dollar customer invoiced at the invoice date's
# rate and paid at another (the realised FX loss in the company-currency trial balance), an
# advance put against a later invoice with `cash apply` (a realised gain), and the trial balance
# by document currency. Amounts are exact.
#
# usage: fx_test.sh path/to/o2c
set -euo pipefail

O2C=${1:?usage: fx_test.sh path/to/o2c}
source "$(dirname "$0")/lib.sh"

step=init
"$O2C" init "$DB" --currency EUR >"$OUT" 2>"$ERR" || fail "init exited $?"
run tax.exempt tax set exempt 0
run warehouse.add warehouse add WH1 --name Main
run customer.us customer add U1 --name "Beta Inc" --currency USD --credit-limit 50000.00
run product.w product add W-1 --name Widget --price "900.00 EUR" --price "1000.00 USD" \
  --cost 500.00 --tax exempt
run stock.w stock receive W-1 --warehouse WH1 --qty 10

# ---- the rate table ---------------------------------------------------------------------------
run fx.set --date 2026-03-01 fx set USD 1.10
has "rate USD 2026-03-01 1.100000 set"
run fx.set.again --date 2026-03-01 fx set USD 1.1
has "rate USD 2026-03-01 1.100000 unchanged (already set)"
refused fx.set.conflict "USD on 2026-03-01 is already 1.100000" --date 2026-03-01 fx set USD 1.2
refused fx.set.company "EUR is the company currency" fx set EUR 1
refused fx.set.malformed "rate '1.1.1' is not a decimal number" fx set USD 1.1.1

cat >"$WORK/rates.csv" <<'CSV'
date,currency,rate
2026-03-20,USD,1.08
2026-03-01,GBP,1.17
2026-03-01,USD,1.10
2026-02-15,USD,1.12
CSV
run fx.import fx import "$WORK/rates.csv"
has "imported 3 rate(s), 1 already set"
run fx.list fx list --format csv
has_line "date,currency,rate"
has_line "2026-03-01,GBP,1.170000"
has_line "2026-02-15,USD,1.120000"
has_line "2026-03-20,USD,1.080000"
[[ $(tr -d '\r' <"$OUT" | wc -l) -eq 5 ]] || fail "fx.list: want a header and 4 rates"
run fx.list.usd fx list --currency USD
has "2026-03-01" "1.100000"
lacks "GBP"

cat >"$WORK/bad.csv" <<'CSV'
date,currency,rate
2026-04-01,USD,1.09
2026-04-01,CHF,-0.95
2026-04-01,EUR,1
2026-04-01,USD,1.095
CSV
refused fx.import.bad "file refused: 3 bad rows, nothing imported" fx import "$WORK/bad.csv"
has "bad.csv line 3, rate: invalid_fx_rate" "bad.csv line 4, currency: fx_rate_for_company_currency" \
  "bad.csv line 5, rate: duplicate_fx_rate"
run fx.list.after_refusal fx list --currency USD --format csv
lacks "2026-04-01"

# ---- an invoice at 1.10, paid at 1.08: a loss of 20.00 EUR -------------------------------------
run order.place --date 2026-03-02 order place --customer U1 --line W-1:1
run ship --date 2026-03-02 ship SO-2026-000001
has "INV-2026-000001"
run pay --date 2026-03-25 pay --customer U1 --amount 1000.00 --reference R1
has "applied 1000.00 USD to INV-2026-000001"
run tb report trial-balance --format csv
has_line "EUR,1000,Cash at bank,1080.00,0.00,1080.00"
has_line "EUR,1100,Accounts receivable,1100.00,1100.00,0.00"
has_line "EUR,5900,Realised FX loss,20.00,0.00,20.00"
lacks "USD"
run tb.by_currency report trial-balance --by-currency --format csv
has_line "USD,1100,Accounts receivable,1000.00,1000.00,0.00"
has_line "EUR,5900,Realised FX loss,20.00,0.00,20.00"

# ---- an advance at 1.12 (2026-02-15) put on an invoice at 1.08: a gain of 40.00 EUR ------------
run advance --date 2026-03-25 pay --customer U1 --amount 1000.00 --reference ADV --received-on 2026-02-15
has "unapplied 1000.00 USD"
refused cash.nothing "no unapplied cash to put on an open invoice" cash apply --customer U1
run order.two --date 2026-03-25 order place --customer U1 --line W-1:1
run ship.two --date 2026-03-25 ship SO-2026-000002
has "INV-2026-000002"
run cash.apply --date 2026-03-26 cash apply --customer U1
has "applied 1000.00 USD of PAY-2026-000002 to INV-2026-000002" "realised FX gain 40.00 EUR"
run tb.after report trial-balance --format csv
# 1,100.00 + 1,080.00 invoiced, + 40.00 gain; − 1,080.00 − 20.00 (loss) paid, − 1,120.00 applied
has_line "EUR,1100,Accounts receivable,2220.00,2220.00,0.00"
has_line "EUR,2200,Unapplied cash (customer credit),1120.00,1120.00,0.00"
has_line "EUR,4900,Realised FX gain,0.00,40.00,-40.00"
has "total (balanced)"
run audit audit verify
has "journal verified"
echo "PASS: fx"
