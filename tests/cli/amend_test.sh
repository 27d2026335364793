#!/usr/bin/env bash
# Amendments, cancellation and manual holds through the o2c command line, with exact amounts,
# reservations and exposure: quantity up (reserved) and down (given back), a line added and
# removed, a new ship-to, an increase over the credit limit refused, a change after shipment
# refused, cancelling what remains, cancelling a whole order, a manual hold and its release.
#
# usage: amend_test.sh path/to/o2c
set -euo pipefail

O2C=${1:?usage: amend_test.sh path/to/o2c}
source "$(dirname "$0")/lib.sh"

step=init
"$O2C" init "$DB" >"$OUT" 2>"$ERR" || fail "init exited $?"
run tax.set tax set standard 19
run warehouse.add warehouse add WH1 --name Main
run customer.add customer add C1 --name "Alpha GmbH" --credit-limit 1000.00
run product.w product add W-1 --name Widget --price "10.00 EUR" --cost 4.00
run product.g product add G-1 --name Gadget --price "2.50 EUR" --cost 1.00
run stock.w stock receive W-1 --warehouse WH1 --qty 100
run stock.g stock receive G-1 --warehouse WH1 --qty 100

# 10 × 10.00 = 100.00 net, 19.00 tax, 119.00 gross.
run place --date 2026-03-02 order place --customer C1 --line W-1:10
has "SO-2026-000001  open" "total 119.00 EUR"

run amend.up --date 2026-03-03 order amend SO-2026-000001 --line 1 --qty 15
has "SO-2026-000001: line 1 W-1 quantity 10 -> 15" "net 150.00  tax 28.50  total 178.50 EUR"
run stock.up stock list --format csv
has_line "W-1,WH1,100,15,85"
run amend.down order amend SO-2026-000001 --line 1 --qty 6
has "net 60.00  tax 11.40  total 71.40 EUR"
run stock.down stock list --format csv
has_line "W-1,WH1,100,6,94"

# Add 4 × 2.50 = 10.00 net, 1.90 tax → order 70.00 / 13.30 / 83.30.
run amend.add order amend SO-2026-000001 --add-line G-1:4
has "net 70.00  tax 13.30  total 83.30 EUR"
run exposure.add customer list --format csv
has_line "C1,Alpha GmbH,EUR,NET30,smb,1000.00,0.00,83.30,0.00"
run amend.remove order amend SO-2026-000001 --remove-line 2
has "total 71.40 EUR"
run stock.removed stock list --format csv
has_line "G-1,WH1,100,0,100"

run amend.ship_to order amend SO-2026-000001 --ship-to-line "Hafenstraße 1" \
  --ship-to-city Hamburg --ship-to-postal-code 20457 --ship-to-country DE
has "-> Hafenstraße 1, 20457 Hamburg, DE"

# Over the limit: 90 more widgets add 1,071.00 to an exposure of 71.40 (limit 1,000.00).
refused amend.over_limit "exposure to 1142.40 EUR, over the credit limit of 1000.00 EUR" order amend SO-2026-000001 --line 1 --qty 96
refused amend.two_changes "exactly one change" order amend SO-2026-000001 --line 1 --qty 5 --remove-line 1
refused amend.last_line "only line; cancel the order instead" order amend SO-2026-000001 --remove-line 1
refused amend.unknown_line "line 7" order amend SO-2026-000001 --line 7 --qty 1
refused amend.negative "quantity" order amend SO-2026-000001 --line 1 --qty -1

# Hold and release keep the reservation and the exposure.
run hold --actor alice order hold SO-2026-000001 --reason "customer asked to wait"
has "SO-2026-000001  on_manual_hold"
refused ship.held "on_manual_hold" ship SO-2026-000001
refused hold.twice "already" order hold SO-2026-000001 --reason again
run unhold --actor alice order unhold SO-2026-000001
has "SO-2026-000001  open"

# Ship 4 of 6, then cancel the remaining 2: the order is complete at 4 × 10.00.
run ship --date 2026-03-05 ship SO-2026-000001 --line 1:4
refused amend.below_shipped "shipped" order amend SO-2026-000001 --line 1 --qty 3
refused cancel.whole_after_ship "has shipped; cancel the remaining quantities instead" order cancel SO-2026-000001 --reason "no longer needed"
run cancel.remaining order cancel SO-2026-000001 --remaining --reason "no longer needed"
has "SO-2026-000001  complete" "net 40.00  tax 7.60  total 47.60 EUR"
run stock.after_cancel stock list --format csv
has_line "W-1,WH1,96,0,96"
run exposure.after_cancel customer list --format csv
has_line "C1,Alpha GmbH,EUR,NET30,smb,1000.00,47.60,0.00,0.00"
refused amend.complete "complete" order amend SO-2026-000001 --line 1 --qty 5

# The order's story, from the journal.
run pay --date 2026-03-06 pay --customer C1 --amount 47.60 --reference R1 --invoice INV-2026-000001
run track order track SO-2026-000001
has "placed by cli:cli-test: state open, gross 119.00 EUR" \
  "amended by cli:cli-test: line_quantity_changed: state open, gross 178.50 EUR" \
  "amended by cli:cli-test: line_added: state open, gross 83.30 EUR" \
  "amended by cli:cli-test: ship_to_changed" \
  "held by alice: reason customer asked to wait" "released by alice: state open" \
  "shipped by cli:cli-test: shipment SH-2026-000001" "invoiced by cli:cli-test: INV-2026-000001 47.60 EUR" \
  "cancelled by cli:cli-test: reason no longer needed, state complete" \
  "paid by cli:cli-test: PAY-2026-000001 47.60 EUR on INV-2026-000001"
# Placed 2026-03-02, first shipment and invoice 2026-03-05, fully paid 2026-03-06 (noon each).
run report.orders report orders --format csv
has_line "placed to first shipment,1,3 d 0 h,3 d 0 h"
has_line "placed to first invoice,1,3 d 0 h,3 d 0 h"
has_line "placed to fully paid,1,4 d 0 h,4 d 0 h"
refused track.unknown "no order with number 'SO-2026-000099'" order track SO-2026-000099

# A whole order cancelled gives everything back.
run place.2 order place --customer C1 --line W-1:3
run cancel.whole order cancel SO-2026-000002 --reason "duplicate"
has "SO-2026-000002  cancelled"
run stock.final stock list --format csv
has_line "W-1,WH1,96,0,96"
run exposure.final customer list --format csv
has_line "C1,Alpha GmbH,EUR,NET30,smb,1000.00,0.00,0.00,0.00"   # 47.60 paid
run audit audit verify
has "journal verified"
echo "PASS: amendments, cancellation and holds"
