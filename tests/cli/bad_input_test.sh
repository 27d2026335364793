#!/usr/bin/env bash
# Every o2c command given malformed or unknown input prints exactly one clear error line
# ("o2c: error: ..."), exits non-zero, and leaves the database byte-for-byte unchanged.
#
# usage: bad_input_test.sh path/to/o2c
set -euo pipefail

O2C=${1:?usage: bad_input_test.sh path/to/o2c}
command -v sqlite3 >/dev/null || { echo "FAIL: sqlite3 CLI not found (apt-get install sqlite3)"; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
DB="$WORK/o2c.db"
export USER=cli-test

fail() { echo "FAIL: $*" >&2; exit 1; }

# Quiet set-up step: must succeed.
setup() {
  "$O2C" --db "$DB" "$@" >"$WORK/setup.out" 2>"$WORK/setup.err" ||
    fail "set-up step failed: o2c $* :: $(cat "$WORK/setup.err")"
}

# ---- a database with master data, an order placed and shipped, an invoice, a payment -----
"$O2C" init "$DB" >/dev/null 2>"$WORK/setup.err" || fail "init: $(cat "$WORK/setup.err")"
setup tax set standard 19
setup warehouse add WH1 --name "Main warehouse"
setup customer add C1 --name "Alpha GmbH" --currency EUR --terms NET30 --credit-limit 1000.00 \
  --email ap@alpha.example
setup customer add C2 --name "Beta Inc" --currency USD --terms NET14 --credit-limit 5000.00
setup customer add C3 --name "Gamma Ltd" --currency GBP --terms NET30 --credit-limit 5000.00
setup product add W-100 --name Widget --price "19.99 EUR" --price "21.50 USD" --cost 8.00
setup product add G-1 --name Gizmo --price "9.00 EUR" --price "7.50 GBP" --cost 4.00
setup --date 2026-03-01 fx set USD 1.0854                            # no GBP rate at all
setup stock receive W-100 --warehouse WH1 --qty 100
setup --date 2026-03-02 order place --customer C1 --line W-100:10    # SO-2026-000001, open
setup --date 2026-03-02 order place --customer C1 --line W-100:50    # SO-2026-000002, on hold
grep -q on_credit_hold "$WORK/setup.out" || fail "set-up: SO-2026-000002 should be on credit hold"
setup --date 2026-03-03 order place --customer C2 --line W-100:5     # SO-2026-000003, open (USD)
setup --date 2026-03-04 ship SO-2026-000001 --line 1:4               # INV-2026-000001 (C1)
setup --date 2026-03-04 ship SO-2026-000003                          # INV-2026-000002 (C2)
setup --date 2026-03-10 pay --customer C1 --amount 50.00 --reference R1 \
  --invoice INV-2026-000001
setup stock receive G-1 --warehouse WH1 --qty 10
setup --date 2026-03-05 order place --customer C3 --line G-1:1      # SO-2026-000004, open (GBP)
printf 'date,currency,rate\n2026-03-01,USD,1.0854\n2026-03-01,GBP,zero\n2026-13-01,USD,1.1\n' \
  >"$WORK/bad_rates.csv"
printf 'date,currency,rate\n2026-03-02,GBP,1.17\n2026-03-01,USD,1.2\n' >"$WORK/conflicting_rates.csv"
: >"$WORK/empty_rates.csv"
setup order show SO-2026-000001

checkpoint() { sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null; }
digest() { checkpoint; sha256sum "$DB" | cut -d' ' -f1; }
wal_size() { if [[ -e "$DB-wal" ]]; then stat -c %s "$DB-wal"; else echo "absent"; fi; }

BASELINE=$(digest)
echo "baseline sha256 $BASELINE (-wal: $(wal_size))"

# A text file posing as a database.
TEXT_DB="$WORK/notes.txt"
printf 'these are my notes, not a database\n' >"$TEXT_DB"
TEXT_SHA=$(sha256sum "$TEXT_DB" | cut -d' ' -f1)
# A path that does not exist and must not be created.
MISSING_DB="$WORK/missing.db"

cases=0
# check NAME [TEXT] -- ARGS...: runs o2c ARGS and asserts the failure contract; the error
# line must contain TEXT when given (it names what is wrong).
check() {
  local name=$1 want=""
  shift
  if [[ $1 != -- ]]; then
    want=$1
    shift
  fi
  [[ $1 == -- ]] || fail "$name: malformed test case"
  shift
  cases=$((cases + 1))
  local rc=0
  "$O2C" "$@" >"$WORK/out" 2>"$WORK/err" || rc=$?
  local lines
  lines=$(wc -l <"$WORK/err")
  local first
  first=$(head -n 1 "$WORK/err")
  [[ $rc -ne 0 ]] || fail "$name: exited 0 (o2c $*)"
  [[ $lines -eq 1 ]] ||
    fail "$name: stderr has $lines lines, want exactly 1 (o2c $*):"$'\n'"$(cat "$WORK/err")"
  [[ $(tail -c 1 "$WORK/err" | od -An -c | tr -d ' ') == '\n' ]] ||
    fail "$name: stderr line not newline-terminated"
  [[ $first == "o2c: error: "* ]] || fail "$name: stderr does not start with 'o2c: error: ': $first"
  [[ ${#first} -gt 20 ]] || fail "$name: error line says too little: $first"
  [[ -z $want || $first == *"$want"* ]] || fail "$name: error line does not mention '$want': $first"
  local now
  now=$(digest)
  [[ $now == "$BASELINE" ]] || fail "$name: database changed (sha256 $now, want $BASELINE) (o2c $*)"
  [[ ! -e $MISSING_DB && ! -e $MISSING_DB-wal && ! -e $MISSING_DB-shm && ! -e $MISSING_DB-journal ]] ||
    fail "$name: created $MISSING_DB"
  [[ $(sha256sum "$TEXT_DB" | cut -d' ' -f1) == "$TEXT_SHA" ]] || fail "$name: modified $TEXT_DB"
  printf 'ok   %-40s rc=%d  %s\n' "$name" "$rc" "$first"
}

D=(--db "$DB")

# ---- init ----------------------------------------------------------------------------------
check init.existing_file 'already exists' -- init "$DB"
check init.existing_file_with_db_flag -- --db "$DB" init "$DB"
check init.bad_currency EURO -- init "$WORK/new.db" --currency EURO
check init.unknown_currency -- init "$WORK/new.db" --currency XYZ
[[ ! -e $WORK/new.db ]] || fail "init with a bad currency created $WORK/new.db"
check init.no_path -- init

# ---- customer ------------------------------------------------------------------------------
check customer.add.duplicate 'C1 already exists' -- "${D[@]}" customer add C1 --name "Alpha again"
check customer.add.bad_terms NET-5 -- "${D[@]}" customer add C9 --name X --terms NET-5
check customer.add.garbage_terms -- "${D[@]}" customer add C9 --name X --terms sometime
check customer.add.bad_currency -- "${D[@]}" customer add C9 --name X --currency euro
check customer.add.unknown_currency -- "${D[@]}" customer add C9 --name X --currency XXY
check customer.add.negative_credit 'credit limit' -- "${D[@]}" customer add C9 --name X --credit-limit -5.00
check customer.add.malformed_credit -- "${D[@]}" customer add C9 --name X --credit-limit 1,000.00
check customer.add.credit_3_decimals -- "${D[@]}" customer add C9 --name X --credit-limit 10.001
check customer.add.credit_with_ccy -- "${D[@]}" customer add C9 --name X --credit-limit "100 EUR"
check customer.add.bad_email not-an-email -- "${D[@]}" customer add C9 --name X --email not-an-email
check customer.add.missing_name -- "${D[@]}" customer add C9
check customer.add.unknown_option -- "${D[@]}" customer add C9 --name X --colour blue
check customer.list.bad_format -- "${D[@]}" customer list --format json
check customer.no_subcommand -- "${D[@]}" customer
check customer.unknown_subcommand "'delete'" -- "${D[@]}" customer delete C1

# ---- product -------------------------------------------------------------------------------
check product.add.price_comma 19,99 -- "${D[@]}" product add P9 --name X --price "19,99 EUR"
check product.add.price_exponent 1e5 -- "${D[@]}" product add P9 --name X --price "1e5 EUR"
check product.add.price_unknown_ccy ABC -- "${D[@]}" product add P9 --name X --price "19.99 ABC"
check product.add.price_no_ccy -- "${D[@]}" product add P9 --name X --price 19.99
check product.add.price_negative -- "${D[@]}" product add P9 --name X --price "-1.00 EUR"
check product.add.price_two_eur -- "${D[@]}" product add P9 --name X --price "1.00 EUR" --price "2.00 EUR"
check product.add.duplicate_sku 'W-100 already exists' -- "${D[@]}" product add W-100 --name X --price "1.00 EUR"
check product.add.bad_cost -- "${D[@]}" product add P9 --name X --price "1.00 EUR" --cost abc
check product.add.missing_price -- "${D[@]}" product add P9 --name X
check product.list.bad_format -- "${D[@]}" product list --format xml

# ---- tax -----------------------------------------------------------------------------------
check tax.set.101 101 -- "${D[@]}" tax set standard 101
check tax.set.abc abc -- "${D[@]}" tax set standard abc
check tax.set.negative -- "${D[@]}" tax set standard -- -1
check tax.set.missing_percent -- "${D[@]}" tax set standard

# ---- warehouse -----------------------------------------------------------------------------
check warehouse.add.duplicate 'WH1 already exists' -- "${D[@]}" warehouse add WH1 --name Again
check warehouse.add.missing_name -- "${D[@]}" warehouse add WH9
check warehouse.add.empty_name -- "${D[@]}" warehouse add WH9 --name ""

# ---- stock ---------------------------------------------------------------------------------
check stock.receive.unknown_sku NOPE -- "${D[@]}" stock receive NOPE --warehouse WH1 --qty 5
check stock.receive.unknown_warehouse WH9 -- "${D[@]}" stock receive W-100 --warehouse WH9 --qty 5
check stock.receive.negative_qty -- "${D[@]}" stock receive W-100 --warehouse WH1 --qty -5
check stock.receive.zero_qty -- "${D[@]}" stock receive W-100 --warehouse WH1 --qty 0
check stock.receive.malformed_qty five -- "${D[@]}" stock receive W-100 --warehouse WH1 --qty five
check stock.receive.qty_comma -- "${D[@]}" stock receive W-100 --warehouse WH1 --qty 1,5
check stock.receive.qty_huge -- "${D[@]}" stock receive W-100 --warehouse WH1 --qty 99999999999999
check stock.list.bad_format -- "${D[@]}" stock list --format yaml

# ---- order place ---------------------------------------------------------------------------
check order.place.unknown_customer C404 -- "${D[@]}" order place --customer C404 --line W-100:1
check order.place.unknown_sku NOPE -- "${D[@]}" order place --customer C1 --line NOPE:1
check order.place.negative_qty -- "${D[@]}" order place --customer C1 --line W-100:-1
check order.place.zero_qty -- "${D[@]}" order place --customer C1 --line W-100:0
check order.place.qty_abc abc -- "${D[@]}" order place --customer C1 --line W-100:abc
check order.place.no_colon -- "${D[@]}" order place --customer C1 --line W-100
check order.place.empty_sku -- "${D[@]}" order place --customer C1 --line :3
check order.place.currency_mismatch USD -- "${D[@]}" order place --customer C1 --currency USD --line W-100:1
check order.place.unknown_currency -- "${D[@]}" order place --customer C1 --currency QQQ --line W-100:1
check order.place.discount_150 150 -- "${D[@]}" order place --customer C1 --line W-100:1 --discount 150
check order.place.line_discount_150 -- "${D[@]}" order place --customer C1 --line W-100:1:150%
check order.place.discount_abc -- "${D[@]}" order place --customer C1 --line W-100:1 --discount abc
check order.place.no_lines -- "${D[@]}" order place --customer C1
check order.place.negative_shipping -- "${D[@]}" order place --customer C1 --line W-100:1 --shipping -4.95
check order.place.shipping_abc -- "${D[@]}" order place --customer C1 --line W-100:1 --shipping abc
check order.place.shipping_no_rate shipping-tax-category -- "${D[@]}" order place --customer C1 --line W-100:1 --shipping 4.95

# ---- order show/list/release/reject --------------------------------------------------------
check order.show.unknown SO-2026-999999 -- "${D[@]}" order show SO-2026-999999
check order.show.garbage -- "${D[@]}" order show garbage
check order.list.bogus_state bogus -- "${D[@]}" order list --state bogus
check order.list.unknown_customer -- "${D[@]}" order list --customer C404
check order.list.bad_format -- "${D[@]}" order list --format html
check order.list.bad_limit -- "${D[@]}" order list --limit many
check order.release.unknown -- "${D[@]}" order release SO-2026-999999
check order.release.not_on_hold 'not on credit hold' -- "${D[@]}" order release SO-2026-000001
check order.reject.unknown -- "${D[@]}" order reject SO-2026-999999 --reason "no"
check order.reject.not_on_hold 'not on credit hold' -- "${D[@]}" order reject SO-2026-000001 --reason "no"
check order.reject.missing_reason -- "${D[@]}" order reject SO-2026-000002
check order.no_subcommand -- "${D[@]}" order

# ---- ship ----------------------------------------------------------------------------------
check ship.unknown_order SO-2026-999999 -- "${D[@]}" ship SO-2026-999999
check ship.line_9 'line 9' -- "${D[@]}" ship SO-2026-000001 --line 9:1
check ship.over_reserved 'cannot ship 7' -- "${D[@]}" ship SO-2026-000001 --line 1:7
check ship.malformed_line one:1 -- "${D[@]}" ship SO-2026-000001 --line one:1
check ship.line_no_colon -- "${D[@]}" ship SO-2026-000001 --line 1
check ship.line_bad_qty -- "${D[@]}" ship SO-2026-000001 --line 1:x
check ship.line_zero_qty -- "${D[@]}" ship SO-2026-000001 --line 1:0
check ship.on_credit_hold -- "${D[@]}" ship SO-2026-000002
check ship.fully_shipped -- "${D[@]}" ship SO-2026-000003

# ---- invoice -------------------------------------------------------------------------------
check invoice.show.unknown INV-2026-999999 -- "${D[@]}" invoice show INV-2026-999999
check invoice.list.unknown_customer C404 -- "${D[@]}" invoice list --customer C404
check invoice.list.bad_format -- "${D[@]}" invoice list --format pdf
check invoice.no_subcommand -- "${D[@]}" invoice

# ---- pay -----------------------------------------------------------------------------------
check pay.unknown_customer C404 -- "${D[@]}" pay --customer C404 --amount 10.00 --reference X1
check pay.negative_amount positive -- "${D[@]}" pay --customer C1 --amount -10.00 --reference X1
check pay.zero_amount positive -- "${D[@]}" pay --customer C1 --amount 0 --reference X1
check pay.too_many_decimals 10.001 -- "${D[@]}" pay --customer C1 --amount 10.001 --reference X1
check pay.malformed_amount -- "${D[@]}" pay --customer C1 --amount ten --reference X1
check pay.wrong_currency USD -- "${D[@]}" pay --customer C1 --amount 10.00 --currency USD --reference X1
check pay.unknown_currency -- "${D[@]}" pay --customer C1 --amount 10.00 --currency ZZZ --reference X1
check pay.duplicate_reference R1 -- "${D[@]}" pay --customer C1 --amount 10.00 --reference R1
check pay.other_customers_invoice INV-2026-000002 -- "${D[@]}" pay --customer C1 --amount 10.00 --reference X1 \
  --invoice INV-2026-000002
check pay.unknown_invoice INV-2026-999999 -- "${D[@]}" pay --customer C1 --amount 10.00 --reference X1 \
  --invoice INV-2026-999999
check pay.bad_method barter -- "${D[@]}" pay --customer C1 --amount 10.00 --reference X1 --method barter
check pay.bad_received_on -- "${D[@]}" pay --customer C1 --amount 10.00 --reference X1 \
  --received-on 2026-02-30
check pay.missing_reference -- "${D[@]}" pay --customer C1 --amount 10.00

# ---- fx and cash application ---------------------------------------------------------------
check fx.company_currency "company currency" -- "${D[@]}" fx set EUR 1.0
check fx.unknown_currency XYZ -- "${D[@]}" fx set XYZ 1.0
check fx.lowercase_currency usd -- "${D[@]}" fx set usd 1.0
check fx.malformed_rate 1,08 -- "${D[@]}" fx set USD 1,08
check fx.too_many_decimals 1.0854321 -- "${D[@]}" fx set USD 1.0854321
check fx.exponent 1e3 -- "${D[@]}" fx set USD 1e3
check fx.zero_rate "greater than 0" -- "${D[@]}" fx set USD 0
check fx.too_large "above" -- "${D[@]}" fx set USD 2000000
check fx.conflict "already 1.085400" -- "${D[@]}" --date 2026-03-01 fx set USD 1.09
check fx.missing_rate_argument -- "${D[@]}" fx set USD
check fx.bad_date -- "${D[@]}" --date 2026-02-30 fx set USD 1.1
check fx.no_subcommand -- "${D[@]}" fx
check fx.list.unknown_currency ZZZ -- "${D[@]}" fx list --currency ZZZ
check fx.import.missing_file none.csv -- "${D[@]}" fx import "$WORK/none.csv"
check fx.import.bad_rows "2 bad rows" -- "${D[@]}" fx import "$WORK/bad_rates.csv"
grep -qF "bad_rates.csv line 3, rate: invalid_fx_rate" "$WORK/out" || fail "fx.import.bad_rows: line 3 not named"
grep -qF "bad_rates.csv line 4, date: invalid_date" "$WORK/out" || fail "fx.import.bad_rows: line 4 not named"
check fx.import.conflict "already 1.085400" -- "${D[@]}" fx import "$WORK/conflicting_rates.csv"
check fx.import.empty "no rates" -- "${D[@]}" fx import "$WORK/empty_rates.csv"
check ship.fx_rate_missing "no GBP rate on or before 2026-03-06" -- "${D[@]}" --date 2026-03-06 \
  ship SO-2026-000004
check pay.fx_rate_missing "no GBP rate" -- "${D[@]}" pay --customer C3 --amount 10.00 --reference X9
check cash.apply.unknown_customer C404 -- "${D[@]}" cash apply --customer C404
check cash.apply.nothing_to_apply "no unapplied cash" -- "${D[@]}" cash apply --customer C1
check cash.apply.unknown_payment PAY-2026-999999 -- "${D[@]}" cash apply --customer C1 \
  --payment PAY-2026-999999
check cash.apply.unknown_invoice INV-2026-999999 -- "${D[@]}" cash apply --customer C1 \
  --invoice INV-2026-999999

# ---- report / audit ------------------------------------------------------------------------
check report.aging.month_13 2026-13-01 -- "${D[@]}" report aging --as-of 2026-13-01
check report.aging.format_xml xml -- "${D[@]}" report aging --format xml
check report.trial_balance.bad_format -- "${D[@]}" report trial-balance --format xml
check report.unknown_subcommand "'cashflow'" -- "${D[@]}" report cashflow
check audit.no_subcommand -- "${D[@]}" audit

# ---- global options and the database file --------------------------------------------------
check global.date_garbage garbage -- "${D[@]}" --date garbage customer list
check global.date_feb_30 -- "${D[@]}" --date 2026-02-30 order place --customer C1 --line W-100:1
check global.empty_actor -- "${D[@]}" --actor "" tax set standard 7
check global.unknown_option -- "${D[@]}" --verbose customer list
check global.unknown_subcommand "'frobnicate'" -- "${D[@]}" frobnicate
check global.no_subcommand -- "${D[@]}"
check db.missing.customer_list 'no o2c database' -- --db "$MISSING_DB" customer list
check db.missing.customer_add -- --db "$MISSING_DB" customer add C1 --name X
check db.missing.audit_verify -- --db "$MISSING_DB" audit verify
check db.missing.report_aging -- --db "$MISSING_DB" report aging
check db.text_file.customer_list 'not a database' -- --db "$TEXT_DB" customer list
check db.text_file.tax_set -- --db "$TEXT_DB" tax set standard 7
check db.text_file.init -- init "$TEXT_DB"
check db.directory -- --db "$WORK" customer list

# ---- order rules, approval policy and the approval queue --------------------------------------
printf '[minimum_order_value]\namount = 25.00\n' >"$WORK/float.toml"
printf '[minimum_order_value\n' >"$WORK/broken.toml"
printf '[maximum_order_value]\namount = "5"\n' >"$WORK/unknown.toml"
printf '[[level]]\nline_discount_over = "15"\n' >"$WORK/no_role.toml"
check config.rules.missing_file "cannot read" -- "${D[@]}" config order-rules "$WORK/none.toml"
check config.rules.float "as a string" -- "${D[@]}" config order-rules "$WORK/float.toml"
check config.rules.syntax "line" -- "${D[@]}" config order-rules "$WORK/broken.toml"
check config.rules.unknown_table maximum_order_value -- "${D[@]}" config order-rules "$WORK/unknown.toml"
check config.rules.file_and_clear "not both" -- "${D[@]}" config order-rules "$WORK/float.toml" --clear
check config.rules.neither "not both" -- "${D[@]}" config order-rules
check config.approvals.no_role role -- "${D[@]}" config approvals "$WORK/no_role.toml"
check config.approvals.directory -- "${D[@]}" config approvals "$WORK"
check approvals.approve.unknown_order SO-2026-000099 -- "${D[@]}" approvals approve SO-2026-000099 --level 1 --as finance
check approvals.approve.not_waiting -- "${D[@]}" approvals approve SO-2026-000001 --level 1 --as finance
check approvals.approve.no_level -- "${D[@]}" approvals approve SO-2026-000001 --as finance
check approvals.approve.level_text -- "${D[@]}" approvals approve SO-2026-000001 --level one --as finance
check approvals.reject.no_reason -- "${D[@]}" approvals reject SO-2026-000001 --level 1 --as finance
check approvals.list.bad_format -- "${D[@]}" approvals list --format xml

check alerts.bad_as_of "--as-of" -- "${D[@]}" alerts --as-of 2026-13-01
check alerts.negative_days -- "${D[@]}" alerts --hold-days -1
check alerts.bad_format -- "${D[@]}" alerts --format xml
check order.track.unknown SO-2026-000099 -- "${D[@]}" order track SO-2026-000099
check order.amend.no_change "exactly one change" -- "${D[@]}" order amend SO-2026-000001
check order.amend.two_changes "exactly one change" -- "${D[@]}" order amend SO-2026-000001 --remove-line 1 --add-line W-100:1
check order.amend.bad_qty -- "${D[@]}" order amend SO-2026-000001 --line 1 --qty lots
check order.amend.unknown_order SO-2026-000099 -- "${D[@]}" order amend SO-2026-000099 --line 1 --qty 2
check order.cancel.no_reason -- "${D[@]}" order cancel SO-2026-000001
check order.hold.no_reason -- "${D[@]}" order hold SO-2026-000001
check order.unhold.not_held "not on manual hold" -- "${D[@]}" order unhold SO-2026-000001

# ---- demo / bench --------------------------------------------------------------------------
check demo.existing_db -- --db "$DB" demo --orders 10 --as-of 2026-06-30
check demo.zero_orders -- --db "$WORK/demo.db" demo --orders 0
check demo.bad_as_of -- --db "$WORK/demo.db" demo --orders 10 --as-of yesterday
[[ ! -e $WORK/demo.db ]] || fail "a rejected demo created $WORK/demo.db"
check bench.unknown_subcommand "'nothing'" -- bench nothing
check bench.cycle.bad_orders -- bench cycle --orders lots

[[ $(wal_size) == absent || $(wal_size) == 0 ]] || fail "-wal left with content: $(wal_size) bytes"
[[ $(digest) == "$BASELINE" ]] || fail "database changed"

# The oracle itself: a successful write does change the digest.
"$O2C" --db "$DB" tax set reduced 7 >/dev/null || fail "tax set reduced 7 failed"
[[ $(digest) != "$BASELINE" ]] || fail "a successful write left the digest unchanged; the check is blind"
echo "PASS: $cases bad invocations, each one error line, non-zero exit, database unchanged"
