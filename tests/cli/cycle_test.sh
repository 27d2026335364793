#!/usr/bin/env bash
# The happy path through the o2c command line, with exact amounts: set-up, an order, a credit
# hold released and one rejected, partial and final shipments with their invoices, a payment
# with unapplied cash, the trial balance, aging, and the journal (verified, then tampered with).
#
# Expected amounts follow the code's rules: line net = price × qty (half-even), line discount
# half-even, tax per line on the line net (half-even), invoices prorate the order line's net
# and tax cumulatively (half-even).
#
# usage: cycle_test.sh path/to/o2c
set -euo pipefail

O2C=${1:?usage: cycle_test.sh path/to/o2c}
source "$(dirname "$0")/lib.sh"

# ---- set-up --------------------------------------------------------------------------------
step=init
"$O2C" init "$DB" >"$OUT" 2>"$ERR" || fail "init exited $?"
has "created $DB (company currency EUR)"
echo "ok   init"
run tax.set tax set standard 19
has_line "tax standard = 19 %"
run warehouse.add warehouse add WH1 --name "Main warehouse"
has_line "warehouse WH1 added"
run customer.add customer add C1 --name "Alpha GmbH" --currency EUR --terms NET30 \
  --credit-limit 1000.00 --email ap@alpha.example --city Berlin
has_line "customer C1 added: Alpha GmbH, EUR, NET30, credit limit 1000.00 EUR"
run product.add.W-100 product add W-100 --name Widget --price "19.99 EUR" --cost 8.00
has_line "product W-100 added"
run product.add.G-1 product add G-1 --name Gasket --price "1.50 EUR" --cost 0.50
run stock.receive stock receive W-100 --warehouse WH1 --qty 100
has_line "received 100 W-100 into WH1: on hand 100, reserved 0"

# ---- an order within the credit limit -------------------------------------------------------
# 10 × 19.99 = 199.90 net; 19 % of it = 37.981 → 37.98; gross 237.88.
run order.place.1 --date 2026-03-02 order place --customer C1 --line W-100:10
has "SO-2026-000001  open  customer C1  2026-03-02"
has "net 199.90  tax 37.98  total 237.88 EUR"

# ---- an order over the limit: held, then released --------------------------------------------
# 50 × 19.99 = 999.50; 19 % = 189.905, a tie that half-even rounds to 189.90 (not 189.91).
# Exposure 237.88 + 1,189.40 = 1,427.28 > 1,000.00 → credit hold.
run order.place.2 --date 2026-03-02 order place --customer C1 --line W-100:50
has "SO-2026-000002  on_credit_hold  customer C1  2026-03-02"
has "exposure 1427.28 EUR would exceed the limit 1000.00 EUR"
has "net 999.50  tax 189.90  total 1,189.40 EUR"
run stock.list.held stock list --format csv
has_line "W-100,WH1,100,10,90"   # a held order reserves nothing
run order.release order release SO-2026-000002
has "SO-2026-000002  open  customer C1"
run stock.list.released stock list --format csv
has_line "W-100,WH1,100,60,40"
run order.list.open order list --state open --format csv
has_line "SO-2026-000001,2026-03-02,C1,open,199.90,37.98,237.88,EUR"
has_line 'SO-2026-000002,2026-03-02,C1,open,999.50,189.90,1189.40,EUR'

# ---- ship part of the first order ------------------------------------------------------------
# 4 of 10: net 199.90 × 4/10 = 79.96; tax 37.98 × 4/10 = 15.192 → 15.19; gross 95.15.
# NET30 from 2026-03-02 → due 2026-04-01.
run ship.partial --date 2026-03-02 ship SO-2026-000001 --line 1:4
has_line "shipment SH-2026-000001 for SO-2026-000001 (partially_shipped)"
has "INV-2026-000001  open  customer C1  order SO-2026-000001  shipment SH-2026-000001"
has "dated 2026-03-02, due 2026-04-01"
has "net 79.96  tax 15.19  total 95.15  paid 0.00  open 95.15 EUR"

# ---- a payment larger than what is due ---------------------------------------------------------
run pay --date 2026-03-10 pay --customer C1 --amount 100.00 --reference R1
has_line "payment PAY-2026-000001 of 100.00 EUR from C1"
has_line "  applied 95.15 EUR to INV-2026-000001"
has_line "  unapplied 4.85 EUR"
run invoice.show.1 invoice show INV-2026-000001
has "INV-2026-000001  paid"
has "total 95.15  paid 95.15  open 0.00 EUR"

# ---- a discounted order, held and rejected ---------------------------------------------------
# W-100: 5 × 19.99 = 99.95; 10 % = 9.995 → 10.00 (half-even tie); net 89.95; tax 17.0905 → 17.09.
# G-1:   1 × 1.50 = 1.50; tax 0.285 → 0.28 (half-even tie; half-up would say 0.29).
# Order: net 91.45, tax 17.37 (per line; 19 % of 91.45 would be 17.38), gross 108.82.
run order.place.3 --date 2026-03-16 order place --customer C1 --line W-100:5:10% --line G-1:1 \
  --reference PO-77
has "SO-2026-000003  on_credit_hold  customer C1  2026-03-16  PO PO-77"
has "89.95  17.09" "1.50   0.28"
has "net 91.45  tax 17.37  total 108.82 EUR"
run order.reject order reject SO-2026-000003 --reason "over the limit"
has "SO-2026-000003 rejected"
run order.list.rejected order list --state rejected --format csv
has_line "SO-2026-000003,2026-03-16,C1,rejected,91.45,17.37,108.82,EUR"

# ---- ship the rest of the first order --------------------------------------------------------
# 6 more: net 199.90 − 79.96 = 119.94; tax 37.98 − 15.19 = 22.79; gross 142.73; due 2026-04-15.
run ship.rest --date 2026-03-16 ship SO-2026-000001
has_line "shipment SH-2026-000002 for SO-2026-000001 (complete)"
has "INV-2026-000002  open  customer C1  order SO-2026-000001  shipment SH-2026-000002"
has "dated 2026-03-16, due 2026-04-15"
has "net 119.94  tax 22.79  total 142.73  paid 0.00  open 142.73 EUR"
run order.show.1 order show SO-2026-000001
has "SO-2026-000001  complete"
has "shipment SH-2026-000001 on 2026-03-02: line 1 × 4"
has "shipment SH-2026-000002 on 2026-03-16: line 1 × 6"
run invoice.list.open invoice list --open --format csv
lacks INV-2026-000001
has "INV-2026-000002,2026-03-16,2026-04-15,C1,SO-2026-000001,open,142.73,142.73,EUR"
run customer.list customer list --format csv
# credit limit, receivables (INV-2026-000002), open orders (SO-2026-000002), unapplied cash
has_line 'C1,Alpha GmbH,EUR,NET30,smb,1000.00,142.73,1189.40,4.85'
run stock.list.after stock list --format csv
has_line "W-100,WH1,90,50,40"

# ---- the books ---------------------------------------------------------------------------------
# Receipt 100 × 8.00; cost of goods shipped 4 × 8.00 + 6 × 8.00; two invoices; the payment:
# Dr cash 100.00 / Cr receivables 95.15 / Cr unapplied cash 4.85.
run report.trial_balance report trial-balance --format csv
has_line "EUR,1000,Cash at bank,100.00,0.00,100.00"
has_line "EUR,1100,Accounts receivable,237.88,95.15,142.73"
has_line "EUR,1200,Inventory,800.00,80.00,720.00"
has_line "EUR,2100,Tax payable,0.00,37.98,-37.98"
has_line "EUR,2200,Unapplied cash (customer credit),0.00,4.85,-4.85"
has_line "EUR,2300,Goods received not invoiced,0.00,800.00,-800.00"
has_line "EUR,4000,Revenue,0.00,199.90,-199.90"
has_line "EUR,5000,Cost of goods sold,80.00,0.00,80.00"
has_line 'EUR,,total (balanced),1217.88,1217.88,0.00'
run report.trial_balance.table report trial-balance
has "total (balanced)" "1,217.88"
lacks "NOT BALANCED"

# ---- aging -----------------------------------------------------------------------------------
# INV-2026-000002 (142.73) is due 2026-04-15: on 2026-05-15 it is 30 days past due (1-30).
run report.aging report aging --as-of 2026-05-15 --format csv
has_line "customer,name,cur,current,1-30,31-60,61-90,over 90,total"
has_line "C1,Alpha GmbH,EUR,0.00,142.73,0.00,0.00,0.00,142.73"
run report.aging.day31 report aging --as-of 2026-05-16 --format csv
has_line "C1,Alpha GmbH,EUR,0.00,0.00,142.73,0.00,0.00,142.73"
run report.aging.due_day report aging --as-of 2026-04-15 --format csv
has_line "C1,Alpha GmbH,EUR,142.73,0.00,0.00,0.00,0.00,142.73"
run report.aging.date_option --date 2026-05-15 report aging
has "aging as of 2026-05-15"

# ---- the journal -------------------------------------------------------------------------------
# tax, warehouse, customer, 2 products, receipt, SO1, SO2 + hold + release, ship + invoice,
# payment, SO3 + hold + reject, ship + invoice = 18 entries.
run audit.verify audit verify
has "journal verified: 18 entries, head "
[[ $(sqlite3 "$DB" "SELECT kind FROM journal WHERE sequence = 5") == product.added ]] ||
  fail "journal entry 5 is not the second product.added"
[[ $(sqlite3 "$DB" "SELECT DISTINCT actor FROM journal") == cli:cli-test ]] ||
  fail "journal actor is not cli:\$USER"

sqlite3 "$DB" "UPDATE journal SET payload = '{}' WHERE sequence = 5"
step=audit.verify.tampered
rc=0
"$O2C" --db "$DB" audit verify >"$OUT" 2>"$ERR" || rc=$?
[[ $rc -ne 0 ]] || fail "$step: audit verify exited 0 after tampering"
[[ $(wc -l <"$ERR") -eq 1 ]] || fail "$step: want exactly one error line"
grep -q '^o2c: error: journal BROKEN: .*entry 5' "$ERR" || fail "$step: error does not name entry 5"
grep -qF "4 entries verified before it" "$ERR" || fail "$step: error does not count the good entries"
grep -qF "journal entry 5" "$ERR" || fail "$step: error is not placed at journal entry 5"
echo "ok   $step (rc=$rc: $(cat "$ERR"))"

echo "PASS: the order-to-cash cycle through the CLI"
