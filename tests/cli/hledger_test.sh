#!/usr/bin/env bash
# The books checked by an independent tool: a cycle in two currencies under the company's own
# chart of accounts, exported with `o2c ledger export --format hledger`, must give in
# `hledger balance` (Debian's hledger) exactly o2c's trial balance, account by account, to the
# cent. Also: the general ledger and customer sub-ledger commands, closing a period, and their
# bad input.
#
# usage: hledger_test.sh path/to/o2c
set -euo pipefail

O2C=${1:?usage: hledger_test.sh path/to/o2c}
source "$(dirname "$0")/lib.sh"
command -v hledger >/dev/null || fail "hledger not found (apt-get install hledger)"

step=init
"$O2C" init "$DB" >"$OUT" 2>"$ERR" || fail "init exited $?"
run tax.set tax set standard 19
run warehouse.add warehouse add WH1 --name Hamburg
run customer.add.C1 customer add C1 --name "Alpha GmbH" --currency EUR --terms NET30 --credit-limit 5000.00
run customer.add.C2 customer add C2 --name "Beta Inc" --currency USD --terms NET30 --credit-limit 5000.00
run fx.usd --date 2026-01-01 fx set USD 1.10
run product.add product add W-100 --name Widget --price "19.99 EUR" --cost 8.00
run product.add.usd product add W-200 --name Gadget --price "33.33 USD" --cost 7.77
run stock.receive --date 2026-02-27 stock receive W-100 --warehouse WH1 --qty 100
run stock.receive.2 --date 2026-02-27 stock receive W-200 --warehouse WH1 --qty 50

# `config show` prints the chart in force as TOML that `config accounts` takes back.
run config.show config show
sed -n '/^# chart of accounts$/,$p' "$OUT" >"$WORK/default.toml"
grep -qx 'role = "receivables"' "$WORK/default.toml" || fail "config.show: no chart template"
run config.accounts.default config accounts "$WORK/default.toml"
# 100 × 8.00 + 50 × 7.77 = 1188.50 received at standard cost
run trial_balance.default report trial-balance --format csv
has_line "EUR,1200,Inventory,1188.50,0.00,1188.50"
has_line "EUR,2300,Goods received not invoiced,0.00,1188.50,-1188.50"

# Bad charts are refused whole, naming the key and the line; nothing changes.
printf '[[accounts]]\ncode = 1\nname = "Cash"\ntype = "asset"\nrole = "cash"\n' >"$WORK/bad.toml"
refused config.accounts.unmapped "role receivables is given to no account" \
  config accounts "$WORK/bad.toml"
printf '[[accounts]]\ncode = 1\nname = "Cash"\ntype = "assets"\n' >"$WORK/bad.toml"
refused config.accounts.type "$WORK/bad.toml: accounts[1].type, line 4" \
  config accounts "$WORK/bad.toml"

cat >"$WORK/chart.toml" <<'TOML'
[[accounts]]
code = 10100
name = "Bank"
type = "asset"
role = "cash"
ledger_name = "assets:bank"
[[accounts]]
code = 12000
name = "Trade debtors"
type = "asset"
role = "receivables"
ledger_name = "assets:receivables"
[[accounts]]
code = 13000
name = "Stock"
type = "asset"
role = "inventory"
[[accounts]]
code = 17000
name = "VAT output"
type = "liability"
role = "tax_payable"
[[accounts]]
code = 17500
name = "Payments on account"
type = "liability"
role = "unapplied_cash"
[[accounts]]
code = 16000
name = "Goods received not invoiced"
type = "liability"
role = "goods_received"
[[accounts]]
code = 40000
name = "Sales"
type = "revenue"
role = "revenue"
[[accounts]]
code = 24000
name = "Deferred revenue"
type = "liability"
role = "deferred_revenue"

[[accounts]]
code = 40100
name = "Sales discounts"
type = "revenue"
role = "sales_discounts"

[[accounts]]
code = 49000
name = "Realised FX gain"
type = "revenue"
role = "realised_fx_gain"

[[accounts]]
code = 59000
name = "Realised FX loss"
type = "expense"
role = "realised_fx_loss"

[[accounts]]
code = 50000
name = "Cost of sales"
type = "expense"
role = "cost_of_goods_sold"
[[accounts]]
code = 42000
name = "Dunning fees and interest"
type = "revenue"
role = "dunning_charges"

[[accounts]]
code = 61000
name = "Bad debts"
type = "expense"
role = "bad_debts"

[[accounts]]
code = 62000
name = "Payment differences"
type = "expense"
role = "payment_differences"
[[accounts]]
code = 68000
name = "Bank charges"
type = "expense"
TOML
run config.accounts config accounts "$WORK/chart.toml"
has_line "accounts set from $WORK/chart.toml"

run order.1 --date 2026-03-02 order place --customer C1 --line W-100:7
run ship.1 --date 2026-03-03 ship SO-2026-000001 --line 1:4
run ship.2 --date 2026-03-04 ship SO-2026-000001
run order.2 --date 2026-03-05 order place --customer C2 --line W-200:3
run ship.3 --date 2026-03-06 ship SO-2026-000002
# INV-1: 4 × 19.99 = 79.96 + 15.19 = 95.15; INV-2: 3 × 19.99 = 59.97 + 11.39 = 71.36
# INV-3: 3 × 33.33 = 99.99 USD + 19.00 = 118.99 USD
run pay.partial --date 2026-03-10 pay --customer C1 --amount 50.00 --reference R1
run pay.over --date 2026-04-02 pay --customer C1 --amount 130.00 --reference R2
run pay.usd --date 2026-04-03 pay --customer C2 --amount 100.00 --reference R3

run export ledger export --format hledger --out "$WORK/books.journal"
grep -qF "2026-03-03 INV-2026-000001 | invoice" "$WORK/books.journal" || fail "no invoice transaction"
grep -qF "    assets:receivables  95.15 EUR" "$WORK/books.journal" || fail "no receivables posting"
# The export keeps each posting in its document currency: compare with the books by currency.
run trial_balance report trial-balance --by-currency --format csv
cp "$OUT" "$WORK/tb.csv"
has_line "EUR,12000,Trade debtors,166.52,166.52,0.00"

# Account by account, per currency: hledger's balance of each ledger name = o2c's balance of
# the code with that ledger name in the chart.
step=hledger.balance
for currency in EUR USD; do
  hledger -f "$WORK/books.journal" balance --flat -N -O csv "cur:$currency" \
    >"$WORK/hledger.$currency.csv" 2>"$ERR" || fail "hledger balance failed"
done
python3 - "$WORK/chart.toml" "$WORK/tb.csv" "$WORK/hledger.EUR.csv" "$WORK/hledger.USD.csv" <<'PY' || fail "hledger and o2c disagree"
import csv, sys, tomllib
from decimal import Decimal
chart = {a["code"]: a.get("ledger_name") for a in tomllib.load(open(sys.argv[1], "rb"))["accounts"]}
defaults = {13000: "assets:stock", 17000: "liabilities:vat output",
            17500: "liabilities:payments on account",
            16000: "liabilities:goods received not invoiced", 40000: "revenues:sales",
            50000: "expenses:cost of sales"}
o2c = {}
for row in csv.DictReader(open(sys.argv[2], newline="")):
    if not row["account"]:
        continue
    name = chart[int(row["account"])] or defaults[int(row["account"])]
    balance = Decimal(row["balance"].replace(",", ""))
    if balance:
        o2c[(row["cur"], name)] = balance
ledger = {}
for path, currency in ((sys.argv[3], "EUR"), (sys.argv[4], "USD")):
    for row in csv.reader(open(path, newline="")):
        if row[0] == "account":
            continue
        amount = Decimal(row[1].replace(currency, "").strip() or "0")
        if amount:
            ledger[(currency, row[0])] = amount
for key in sorted(set(o2c) | set(ledger)):
    print(f"{key[0]} {key[1]:40} o2c {o2c.get(key)}  hledger {ledger.get(key)}")
sys.exit(0 if o2c == ledger and len(o2c) >= 10 else 1)
PY
echo "ok   $step"
# hledger agrees the books balance: every currency's total is zero.
for currency in EUR USD; do
  hledger -f "$WORK/books.journal" balance -O csv "cur:$currency" | tail -1 | grep -qx '"total","0"' ||
    fail "hledger's $currency total is not zero"
done
echo "ok   hledger.total"

# ---- general ledger and sub-ledger ------------------------------------------------------------
# C1: INV-1 95.15 + INV-2 71.37 (the order line's tax 26.59 prorated: 15.19, then 11.40);
# R1 50.00 on 2026-03-10 goes to INV-1; R2 130.00 on 2026-04-02 settles 45.15 + 71.37 = 116.52
# and leaves 13.48 on account. C2: INV-3 118.99 USD, R3 100.00 leaves 18.99 open.
run gl.receivables report gl --account 12000 --from 2026-04-01 --format csv
has_line "EUR,,,opening balance,,,116.52"
has_line "EUR,2026-04-02,PAY-2026-000002,payment received,,116.52,0.00"
has_line "EUR,,,closing balance,0.00,116.52,0.00"
has_line "USD,,,opening balance,,,118.99"
has_line "USD,,,closing balance,0.00,100.00,18.99"
run gl.table report gl --account 12000 --to 2026-03-31
has "general ledger 12000 Trade debtors (asset)" "INV-2026-000001" "166.52"
lacks "PAY-2026-000002"
run gl.extra report gl --account 68000
has "nothing posted"
refused gl.unknown "no account 1100 in the chart" report gl --account 1100
refused gl.bad_date "--from" report gl --account 12000 --from 2026-13-01
refused gl.range "is after --to" report gl --account 12000 --from 2026-04-01 --to 2026-03-01

run subledger report subledger --format csv
has_line "C1,Alpha GmbH,EUR,0.00,13.48"
has_line "C2,Beta Inc,USD,18.99,0.00"
has_line "DIFFERENCE,account - customers,EUR,0.00,0.00"
has_line "DIFFERENCE,account - customers,USD,0.00,0.00"
has_line "ACCOUNT,12000 / 17500 balance,EUR,0.00,13.48"
run subledger.as_of report subledger --as-of 2026-03-31 --customer C1 --format csv
has_line "C1,Alpha GmbH,EUR,116.52,0.00"
has_line "ACCOUNT,12000 / 17500 balance,EUR,116.52,0.00"
has_line "DIFFERENCE,account - customers,EUR,0.00,0.00"
lacks "C2,Beta Inc"
refused subledger.unknown "C9" report subledger --customer C9
refused subledger.bad_date "--as-of" report subledger --as-of yesterday

# ---- periods ------------------------------------------------------------------------------------
refused period.close.order "2026-02 has postings and is open" period close 2026-03
run period.close.feb --actor alice period close 2026-02
has_line "period 2026-02 closed"
run period.close.mar --actor alice period close 2026-03
refused period.posting "period 2026-03 is closed: PAY-2026-000004 dated 2026-03-31" --date 2026-03-31 pay --customer C1 --amount 1.00 --reference LATE
refused period.bad "not a period YYYY-MM" period close 2026-3
refused period.reopen.reason "--reason" period reopen 2026-03
refused period.chart "must keep code 10100 (the new chart gives it 1000) (at default chart: accounts (role cash))" config accounts --clear
run period.list period list --format csv
tr -d '\r' <"$OUT" | grep -q '^2026-02,closed,2026-.*Z,alice,$' || fail "period.list: February not closed by alice"
run period.reopen --actor bob period reopen 2026-03 --reason "late payment"
run period.list.after period list --format csv
tr -d '\r' <"$OUT" | grep -q '^2026-03,open,.*,bob,late payment$' || fail "period.list.after: no reopened March by bob"
run period.posting.open --date 2026-03-31 pay --customer C1 --amount 1.00 --reference LATE
run audit.verify audit verify
