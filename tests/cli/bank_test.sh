#!/usr/bin/env bash
# Bank statements through the CLI: `o2c cash import` of a camt.053 file whose credit names an
# invoice (applied, the fee ignored, an unknown payer left for review), the same file again
# (already imported, nothing changes), a BAI2 file with a bad control total and a camt file with
# a wrong currency (refused with the line or element, exit code non-zero, database unchanged);
# then the worklist: `cash review`, `cash review assign` and `ignore`, `cash lines`,
# `cash statements` and `customer bank-account add`.
#
# usage: bank_test.sh path/to/o2c path/to/tests/scenarios/cashapp
set -euo pipefail

O2C=${1:?usage: bank_test.sh path/to/o2c scenario-dir}
FILES=${2:?usage: bank_test.sh path/to/o2c scenario-dir}
O2C_GLOBAL=()
source "$(dirname "$0")/lib.sh"

step=init
"$O2C" init "$DB" >"$OUT" 2>"$ERR" || fail "init exited $?"
run tax.set tax set standard 19
run warehouse.add warehouse add WH1 --name "Main warehouse"
run customer.add customer add C1 --name "Acme GmbH" --currency EUR --terms NET30 --credit-limit 5000.00
run customer.add.2 customer add C2 --name "Beta SARL" --currency EUR --terms NET30 --credit-limit 5000.00
run product.add product add W-100 --name Widget --price "100.00 EUR" --cost 40.00
run stock.receive stock receive W-100 --warehouse WH1 --qty 10
run order.place --date 2026-03-02 order place --customer C1 --line W-100:1
run ship --date 2026-03-02 ship SO-2026-000001
run order.place.2 --date 2026-03-02 order place --customer C2 --line W-100:1
run ship.2 --date 2026-03-02 ship SO-2026-000002

# ---- bad files: refused whole, exit code non-zero, nothing stored --------------------------
refused import.control_total "account control total 2237.00 but its records sum to 2238.00 (at line 7)" \
  cash import "$FILES/bad_control_total.bai2"
refused import.currency "amount in USD on a EUR account" cash import "$FILES/wrong_currency.xml"
refused import.missing "cannot read" cash import "$FILES/no_such_file.xml"
step=import.exit_code
set +e
"$O2C" --db "$DB" "${O2C_GLOBAL[@]}" cash import "$FILES/malformed.xml" >"$OUT" 2>"$ERR"
code=$?
set -e
[[ $code -ne 0 ]] || fail "malformed XML accepted"
grep -qF "not well-formed XML" "$ERR" || fail "$step: no malformed XML message"
echo "ok   $step (exit $code)"

# ---- a good file -----------------------------------------------------------------------------
run import --date 2026-03-10 cash import "$FILES/exact_reference.xml"
has "BST-2026-000001" "camt053" "DE89370400440532013000" "1 / 119.00" "1 / 40.00" "1 / 12.50" "imported"
run import.again cash import "$FILES/exact_reference.xml"
has "already imported: nothing changed"
run statements cash statements
has "BST-2026-000001" "1,000.00" "1,146.50" "exact_reference.xml"
run lines cash lines --status applied
has "PAY-2026-000001" "119.00"
run invoice invoice show INV-2026-000001
has "paid"

# ---- the worklist ----------------------------------------------------------------------------
run review cash review
has "line 3" "40.00 EUR" "Somebody Else"
refused review.debit "is ignored" cash review assign 2 --customer C2
refused review.customer "C9" cash review assign 3 --customer C9
refused review.applied "was applied with payment PAY-2026-000001" cash review ignore 1 --reason x
run review.assign cash review assign 3 --customer C2 --invoice INV-2026-000002
has "line 3 applied: payment PAY-2026-000002 40.00 EUR from C2" "INV-2026-000002 40.00"
refused review.twice "was applied" cash review assign 3 --customer C2
run review.empty cash review
has "nothing waits for review"
run bank_account customer bank-account add C2 "GB29 NWBK 6016 1331 9268 19"
has "C2 pays from GB29NWBK60161331926819"
refused bank_account.bad "is not an IBAN" customer bank-account add C2 "x"
echo "PASS"
