#!/usr/bin/env bash
# Disputes, deductions, write-offs and promises to pay through the o2c command line: a dispute
# routed by a rules file, listed with its age and resolved by credit note, write-off and
# rejection; a short payment made a deduction; a bad-debt write-off requested, refused to its
# requester and approved by another; promises checked kept and broken. Bad input is refused
# with one error line and leaves the database as it was.
#
# usage: disputes_test.sh path/to/o2c
set -euo pipefail

O2C=${1:?usage: disputes_test.sh path/to/o2c}
source "$(dirname "$0")/lib.sh"

step=init
"$O2C" init "$DB" --currency EUR >"$OUT" 2>"$ERR" || fail "init exited $?"
run tax.set tax set standard 19
run warehouse.add warehouse add WH1 --name Main
run customer.c1 customer add C1 --name "Acme GmbH" --credit-limit 50000.00 --segment enterprise
run product.w product add W-1 --name Widget --price "100.00 EUR" --cost 40.00 --tax standard
run stock.w stock receive W-1 --warehouse WH1 --qty 100
for n in 1 2 3 4 5; do
  run order.$n --date 2026-03-02 order place --customer C1 --line W-1:1
  run ship.$n --date 2026-03-02 ship SO-2026-00000$n
done

# ---- routing and opening ------------------------------------------------------------------
cat >"$WORK/routing.toml" <<'TOML'
default_owner = "ar-team"
[[rule]]
reason = "pricing"
segment = "enterprise"
owner = "kim"
TOML
run config.routing config dispute_routing "$WORK/routing.toml"
has "dispute routing set"
printf '[[rule]]\nreason = "late"\nowner = "x"\n' >"$WORK/bad.toml"
refused config.routing.bad "'late' is not a dispute reason" config dispute_routing "$WORK/bad.toml"

run dispute.open --date 2026-03-05 dispute open INV-2026-000001 --reason pricing --amount 19.00 \
  --description "agreed 84.03 net" --as alice
has "DSP-2026-000001  open  pricing  19.00 EUR" "owner kim" "opened 2026-03-05 by alice"
run dispute.line --date 2026-03-05 dispute open INV-2026-000002 --line 1 --reason damaged
has "DSP-2026-000002" "119.00 EUR" "line 1" "owner ar-team"
refused dispute.unknown.invoice "no invoice with number 'INV-2026-999999'" dispute open INV-2026-999999 --reason pricing
refused dispute.unknown.reason "'late' is not a dispute reason" dispute open INV-2026-000003 --reason late
refused dispute.above.open "119.01 EUR is more than the 119.00 EUR open to dispute" dispute open INV-2026-000003 --reason pricing \
  --amount 119.01

run dispute.list --date 2026-03-15 dispute list --open --format csv
has_line "dispute,status,customer,invoice,line,reason,origin,amount,cur,owner,opened,age"
has_line "DSP-2026-000001,open,C1,INV-2026-000001,-,pricing,customer,19.00,EUR,kim,2026-03-05,10"
run dispute.list.owner dispute list --owner ar-team
has "DSP-2026-000002"
lacks "DSP-2026-000001"
run dispute.assign dispute assign DSP-2026-000002 --owner kim --as lead
has "owner kim"
run dispute.show --date 2026-03-15 dispute show DSP-2026-000001
has "age 10 days" "agreed 84.03 net"

# ---- resolving ----------------------------------------------------------------------------
run resolve.credit --date 2026-03-16 dispute resolve DSP-2026-000001 --credit-note --as carol
has "credited" "credit note CN-2026-000001  gross 19.00 EUR  settled 19.00 EUR"
refused resolve.twice "DSP-2026-000001 is credited already" dispute resolve DSP-2026-000001 --write-off
run resolve.writeoff --date 2026-03-16 dispute resolve DSP-2026-000002 --write-off
has "written_off" "write-off WO-2026-000001  119.00 EUR"
run dispute.three dispute open INV-2026-000003 --reason not_received
refused resolve.reject.nonote "rejecting a dispute needs a note" dispute resolve DSP-2026-000003 --reject
run resolve.reject dispute resolve DSP-2026-000003 --reject --note "signed delivery note"
has "rejected" "signed delivery note"

# ---- a short payment becomes a deduction ---------------------------------------------------
run pay.short --date 2026-03-20 pay --customer C1 --amount 110.00 --reference R1 \
  --invoice INV-2026-000004
refused deduction.above "9.01 EUR is more than the 9.00 EUR open to dispute" dispute deduction \
  PAY-2026-000001 INV-2026-000004 --amount 9.01
run deduction dispute deduction PAY-2026-000001 INV-2026-000004 --amount 9.00
has "DSP-2026-000004" "deduction of PAY-2026-000001" "short_payment"

# ---- bad-debt write-off with approval -------------------------------------------------------
run writeoff.request writeoff request INV-2026-000005 --reason "insolvent" --as alice
has "WO-2026-000002  requested  bad_debt  119.00 EUR"
refused writeoff.self "alice requested WO-2026-000002; someone else must decide it" writeoff approve WO-2026-000002 --as alice
run writeoff.pending writeoff list --pending --format csv
has "WO-2026-000002,requested,bad_debt,INV-2026-000005"
lacks "WO-2026-000001"
run writeoff.approve writeoff approve WO-2026-000002 --as bob
has "posted" "by bob"
refused writeoff.again "WO-2026-000002 is posted already" writeoff reject WO-2026-000002 --reason no --as carol
run writeoff.list writeoff list
has "WO-2026-000001" "dispute" "DSP-2026-000002"

# ---- the books still reconcile ------------------------------------------------------------
# INV-1 119.00 − 19.00 credited, INV-2 written off, INV-3 119.00, INV-4 119.00 − 110.00 paid,
# INV-5 written off: 228.00
run subledger report subledger --format csv
has_line "C1,Acme GmbH,EUR,228.00,0.00"
has_line "DIFFERENCE,account - customers,EUR,0.00,0.00"

# ---- promises to pay ----------------------------------------------------------------------
run promise.add --date 2026-03-21 promise add C1 --invoice INV-2026-000003 --amount 50.00 \
  --by 2026-03-25 --as collector
has "PTP-2026-000001" "open" "collector"
run promise.account --date 2026-03-21 promise add C1 --amount 10.00 --by 2026-03-30
refused promise.past "the promised date 2026-03-20 is before today 2026-03-21" --date 2026-03-21 promise add C1 --amount 10.00 \
  --by 2026-03-20
refused promise.zero "a promised amount must be positive" promise add C1 --amount 0 --by 2030-01-01
run pay.account --date 2026-03-22 pay --customer C1 --amount 10.00 --reference R2 \
  --invoice INV-2026-000004
run promise.check --date 2026-03-26 promise check
has "kept 1, broken 1, still open 0" "kept    PTP-2026-000002" \
  "BROKEN  PTP-2026-000001  C1  INV-2026-000003  50.00 EUR by 2026-03-25"
run promise.list promise list --format csv
has "PTP-2026-000001,broken" "PTP-2026-000002,kept"
run promise.list.open promise list --open --format csv
lacks "PTP-"
echo "PASS"
