#!/usr/bin/env bash
# Order capture through the CLI: `o2c order place` with the capture fields (PO number,
# requested delivery date, ship-to, notes, channel) and `o2c order import FILE.csv`, all or
# nothing by default (a refused file leaves the database byte-for-byte unchanged) or
# --skip-bad with a rejects file that imports again once fixed.
#
# usage: import_test.sh path/to/o2c
set -euo pipefail

O2C=${1:?usage: import_test.sh path/to/o2c}
O2C_GLOBAL=(--date 2026-03-02)
source "$(dirname "$0")/lib.sh"

orders_in_db() { sqlite3 "$DB" 'SELECT count(*) FROM orders'; }

# ---- set-up --------------------------------------------------------------------------------
"$O2C" init "$DB" >"$OUT" 2>"$ERR" || fail "init exited $?"
run tax.set tax set standard 19
run warehouse.add warehouse add WH1 --name "Main warehouse"
run customer.add.C1 customer add C1 --name "Alpha GmbH" --currency EUR --terms NET30 \
  --credit-limit 100000.00 --city Berlin
run customer.add.C2 customer add C2 --name "Beta Inc" --currency USD --terms NET14 \
  --credit-limit 100000.00
run product.add.W-100 product add W-100 --name Widget --price "19.99 EUR" --price "21.50 USD" \
  --cost 8.00
run product.add.G-1 product add G-1 --name Gasket --price "1.50 EUR" --cost 0.50
run stock.receive stock receive W-100 --warehouse WH1 --qty 1000
run stock.receive.G-1 stock receive G-1 --warehouse WH1 --qty 1000

# ---- order place with the capture fields ---------------------------------------------------
run place.capture order place --customer C1 --line W-100:1 --po PO-77 --requested 2026-03-20 \
  --ship-to-line "Hafenstr. 1" --ship-to-city Hamburg --ship-to-postal-code 20457 \
  --ship-to-country DE --notes "Ring at gate 2" --channel portal
has "SO-2026-000001  open  customer C1  2026-03-02  PO PO-77"
run show.capture order show SO-2026-000001
has_line "  channel portal  requested delivery 2026-03-20"
has_line "  ship to: Hafenstr. 1, 20457 Hamburg, DE"
has_line "  notes: Ring at gate 2"
run place.reference order place --customer C1 --line G-1:1 --reference PO-78
has "SO-2026-000002  open  customer C1  2026-03-02  PO PO-78"
has_line "  channel api"
refused place.ship_to_incomplete "--ship-to-city" order place --customer C1 --line W-100:1 \
  --ship-to-line "Hafenstr. 1" --ship-to-country DE
refused place.bad_channel "--channel" order place --customer C1 --line W-100:1 --channel fax
refused place.bad_requested "--requested" order place --customer C1 --line W-100:1 \
  --requested 2026-02-30
refused place.requested_in_past "before the order date" order place --customer C1 \
  --line W-100:1 --requested 2026-03-01

# ---- a good file ---------------------------------------------------------------------------
cat >"$WORK/good.csv" <<'CSV'
customer,po_number,requested_date,ship_to_line,ship_to_city,ship_to_postal_code,ship_to_country,notes,sku,quantity
C1,PO-1,2026-04-01,Hafenstr. 1,Hamburg,20457,DE,"Ring at gate 2, ask for ""Max""",W-100,2
C1,PO-1,,,,,,,G-1,5
C1,PO-2,,,,,,,W-100,1
C2,PO-1,,,,,,,W-100,3
CSV
run import.good order import "$WORK/good.csv"
has_line "imported 3 orders (SO-2026-000003 … SO-2026-000005), rejected 0 rows"
run import.good.show order show SO-2026-000003
has "SO-2026-000003  open  customer C1  2026-03-02  PO PO-1"
has_line "  channel csv  requested delivery 2026-04-01"
has_line "  ship to: Hafenstr. 1, 20457 Hamburg, DE"
has_line '  notes: Ring at gate 2, ask for "Max"'
has "W-100" "G-1"
run import.good.show.usd order show SO-2026-000005
has "SO-2026-000005  open  customer C2  2026-03-02  PO PO-1"

# ---- a bad file: refused whole, every problem reported, the database unchanged -------------
cat >"$WORK/bad.csv" <<'CSV'
customer,po_number,sku,quantity
C1,PO-10,W-100,1
C1,PO-10,G-1,2
C1,PO-11,W-100,1
C1,PO-12,W-100,-1
C1,PO-12,G-1,1
C1,PO-13,NOPE,1
C1,PO-14,G-1,1
C1,PO-14,W-100,1
CSV
want="file refused: 2 problems, nothing imported; --skip-bad imports the good orders"
refused import.bad.refused "$want (at $WORK/bad.csv)" order import "$WORK/bad.csv"
has "line 5, column quantity: " "line 7, column sku: " "NOPE"
has_line "imported 0 orders, rejected 8 rows"
[[ ! -e $WORK/bad.rejects.csv ]] || fail "$step: all-or-nothing wrote a rejects file"

# ---- --skip-bad: the good orders, and exactly the bad orders' rows in the rejects file -----
run import.skip_bad order import "$WORK/bad.csv" --skip-bad
has "line 5, column quantity: " "line 7, column sku: "
has_line "imported 3 orders (SO-2026-000006 … SO-2026-000008), rejected 3 rows"
has_line "rejected rows written to $WORK/bad.rejects.csv"
printf 'customer,po_number,sku,quantity\nC1,PO-12,W-100,-1\nC1,PO-12,G-1,1\nC1,PO-13,NOPE,1\n' \
  >"$WORK/want.rejects.csv"
cmp -s "$WORK/bad.rejects.csv" "$WORK/want.rejects.csv" ||
  fail "$step: rejects file differs: $(diff "$WORK/want.rejects.csv" "$WORK/bad.rejects.csv")"
run import.skip_bad.show order show SO-2026-000008
has "PO PO-14" "G-1" "W-100"

sed -e 's/,-1$/,1/' -e 's/NOPE/G-1/' "$WORK/bad.rejects.csv" >"$WORK/fixed.csv"
run import.fixed order import "$WORK/fixed.csv"
has_line "imported 2 orders (SO-2026-000009 … SO-2026-000010), rejected 0 rows"

run import.skip_bad.named_rejects order import "$WORK/bad.csv" --skip-bad \
  --rejects "$WORK/again.csv"
# Every order of bad.csv is in the database now: each one's PO is a duplicate.
has "line 2, column po_number: customer C1 already has order SO-2026-000006 with PO number 'PO-10'"
has_line "imported 0 orders, rejected 8 rows"
[[ $(wc -l <"$WORK/again.csv") -eq 9 ]] || fail "$step: --rejects file should have 9 lines"

# ---- the order rules in force apply to imported orders too -------------------------------
printf '[line_quantity]\nmax = "50"\n' >"$WORK/rules.toml"
run config.rules config order-rules "$WORK/rules.toml"
cat >"$WORK/big.csv" <<'CSV'
customer,po_number,sku,quantity
C1,PO-50,W-100,5
C1,PO-51,W-100,51
CSV
refused import.rule "file refused: 1 problem" order import "$WORK/big.csv"
has "line 3, column quantity: line 1 orders 51 of W-100; at most 50 per line"
run config.rules.clear config order-rules --clear

# ---- duplicate PO numbers: against the database and within the file -----------------------
cat >"$WORK/dup.csv" <<'CSV'
customer,po_number,sku,quantity
C1,po-2,W-100,1
C1,PO-20,W-100,1
C1,PO-21,W-100,1
C1,PO-20,G-1,1
C2,PO-2,W-100,1
CSV
refused import.duplicate_po "refused: 2 problems" order import "$WORK/dup.csv"
has "line 2, column po_number: customer C1 already has order SO-2026-000004 with PO number 'PO-2'"
has "line 5, column po_number: PO number 'PO-20' of customer C1 is already used" \
  "used by the order on line 3"
lacks "line 6"

# ---- a spreadsheet export: byte order mark and CRLF line ends ------------------------------
printf '\xef\xbb\xbfcustomer,po_number,sku,quantity\r\nC1,PO-30,W-100,1\r\nC1,PO-30,G-1,2\r\n' \
  >"$WORK/excel.csv"
run import.bom_crlf order import "$WORK/excel.csv"
has_line "imported 1 order (SO-2026-000011), rejected 0 rows"
run import.bom_crlf.show order show SO-2026-000011
has "PO PO-30" "G-1"

# ---- files that cannot be imported at all: one clear line --------------------------------------
: >"$WORK/empty.csv"
want="the file is empty; it needs a header row and order lines"
refused import.empty "$want (at $WORK/empty.csv)" order import "$WORK/empty.csv"
refused import.missing "no such file (at $WORK/missing.csv)" order import "$WORK/missing.csv"
refused import.directory "not a regular file (at $WORK)" order import "$WORK"
printf 'customer,po_number,sku,quantity\n' >"$WORK/header_only.csv"
refused import.header_only "refused: 1 problem" order import "$WORK/header_only.csv"
refused import.rejects_is_input "would overwrite" order import "$WORK/good.csv" --skip-bad \
  --rejects "$WORK/good.csv"
refused import.rejects_without_skip_bad "--rejects" order import "$WORK/good.csv" \
  --rejects "$WORK/x.csv"

# ---- a long import on a terminal shows progress; without one, stderr stays quiet -------------
{
  echo "order_ref,customer,po_number,sku,quantity"
  for i in $(seq 1 5000); do echo "L$i,C1,LONG-$i,G-1,1"; done
} >"$WORK/long.csv"
if command -v script >/dev/null; then
  step=import.long.terminal
  script -qec "'$O2C' --db '$DB' --date 2026-03-02 order import '$WORK/long.csv'" /dev/null \
    >"$OUT" 2>&1 </dev/null || fail "$step: exited $?"
  has "import: orders [" "100% 5000/5000" "imported 5000 orders (SO-2026-000012 … SO-2026-005011)"
  echo "ok   $step"
else
  run import.long order import "$WORK/long.csv"
  echo "skip import.long.terminal: no script(1) for a pseudo-terminal"
fi

[[ $(orders_in_db) -eq 5011 ]] || fail "want 5011 orders in the database, found $(orders_in_db)"
run audit.verify audit verify
has "journal verified: "
echo "PASS: order capture and import through the CLI"
