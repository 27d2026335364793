#!/usr/bin/env bash
# Fulfilment and returns through the o2c command line: a shipment picked, packed, dispatched
# with carrier and tracking number (goods issue and invoice) and delivered; a one-step shipment
# with carrier; the timeline; a return of resellable goods back into stock with the credit note
# requested to the cent; a reorder point and a late shipment in the alerts; the perfect order
# rate. Bad input (unknown shipment or return, illegal transitions, an over-return, a return
# received twice, bad options) gives one error line and leaves the database byte-identical.
#
# usage: fulfilment_test.sh path/to/o2c
set -euo pipefail

O2C=${1:?usage: fulfilment_test.sh path/to/o2c}
source "$(dirname "$0")/lib.sh"

step=init
"$O2C" init "$DB" >"$OUT" 2>"$ERR" || fail "init exited $?"
run tax.set tax set standard 19
run warehouse.add warehouse add WH1 --name Main
run customer.add customer add C1 --name "Alpha GmbH" --credit-limit 5000.00
run product.add product add W-1 --name Widget --price "33.33 EUR" --cost 10.00
run stock.receive stock receive W-1 --warehouse WH1 --qty 10

# 3 × 33.33 = 99.99 net; 19 % = 18.9981 → 19.00; 118.99 gross.
run place --date 2026-03-02 order place --customer C1 --line W-1:3 --requested 2026-03-06
has "SO-2026-000001  open" "total 118.99 EUR"

# ---- pick, pack, dispatch, deliver -------------------------------------------------------------
run pick --date 2026-03-02 ship SO-2026-000001 --pick-only
has_line "shipment SH-2026-000001 for SO-2026-000001 (picking; order partially_shipped)"
run stock.picked stock list --format csv
has_line "W-1,WH1,10,3,7"   # picked goods stay reserved in the warehouse
refused pick.with_carrier "given to \`o2c shipment dispatch\`" ship SO-2026-000001 --pick-only --carrier DHL --tracking JD1
refused deliver.picking "shipment SH-2026-000001 is picking; it cannot be delivered" shipment deliver SH-2026-000001
refused dispatch.picking "shipment SH-2026-000001 is picking; it cannot be shipped" shipment dispatch SH-2026-000001 --carrier DHL --tracking JD1
refused pack.unknown "no shipment with number 'SH-2026-000099'" shipment pack SH-2026-000099
run pack --date 2026-03-03 shipment pack SH-2026-000001
has "SH-2026-000001  packed  order SO-2026-000001" "packed 2026-03-03  shipped -"
refused pack.twice "shipment SH-2026-000001 is packed; it cannot be packed" shipment pack SH-2026-000001
refused dispatch.no_carrier "a shipment needs a carrier to ship (at --carrier)" shipment dispatch SH-2026-000001 --carrier " " --tracking JD1
refused dispatch.no_tracking "--tracking is required" shipment dispatch SH-2026-000001 --carrier DHL
run dispatch --date 2026-03-04 shipment dispatch SH-2026-000001 --carrier DHL --tracking JD014600000001
has_line "shipment SH-2026-000001 for SO-2026-000001 (complete)"
has "carrier DHL, tracking JD014600000001" "INV-2026-000001  open  customer C1  order SO-2026-000001  shipment SH-2026-000001"
has "net 99.99  tax 19.00  total 118.99"
run stock.shipped stock list --format csv
has_line "W-1,WH1,7,0,7"
refused deliver.before_ship "is before the shipment left on 2026-03-04" --date 2026-03-03 shipment deliver SH-2026-000001
refused cancel.shipped "shipment SH-2026-000001 is shipped; it cannot be cancelled" shipment cancel SH-2026-000001 --reason "too late"
run deliver --date 2026-03-05 shipment deliver SH-2026-000001
has "SH-2026-000001  delivered" "delivered 2026-03-05  promised 2026-03-06"
run show shipment show SH-2026-000001
has "carrier DHL, tracking JD014600000001" "line 1 W-1 × 3"
run order.show order show SO-2026-000001
has "shipment SH-2026-000001 on 2026-03-02: line 1 × 3  (delivered)"

# ---- returns ------------------------------------------------------------------------------------
refused return.over "shipped 3 and 0 came back already; cannot return 4" --date 2026-03-09 return create --shipment SH-2026-000001 --line 1 --qty 4 --reason "wrong colour"
refused return.unknown_shipment "no shipment with number 'SH-2026-000077'" return create --shipment SH-2026-000077 --line 1 --qty 1 --reason x
refused return.line "carried nothing of order line 2" return create --shipment SH-2026-000001 --line 2 --qty 1 --reason x
refused return.condition "'broken' is not a return condition" return create --shipment SH-2026-000001 --line 1 --qty 1 --reason x --condition broken
refused return.qty "--qty" return create --shipment SH-2026-000001 --line 1 --qty abc --reason x
# 1 of 3: net 99.99 / 3 = 33.33; tax 19.00 / 3 = 6.3333 → 6.33; 39.66.
run return.create --date 2026-03-09 return create --shipment SH-2026-000001 --line 1 --qty 1 --reason "wrong colour"
has "RMA-2026-000001  authorised  resellable  shipment SH-2026-000001" "credit 33.33 + tax 6.33 = 39.66 EUR on INV-2026-000001"
refused return.over_after "shipped 3 and 1 came back already; cannot return 3" return create --shipment SH-2026-000001 --line 1 --qty 3 --reason x
run return.receive --date 2026-03-10 return receive RMA-2026-000001
has "RMA-2026-000001  received" "1 W-1 back in stock where it shipped from" "credit note requested: 39.66 EUR on INV-2026-000001"
refused return.twice "return RMA-2026-000001 was received on 2026-03-10; it cannot be received again" return receive RMA-2026-000001
refused return.unknown "no return with number 'RMA-2026-000042'" return receive RMA-2026-000042
run stock.returned stock list --format csv
has_line "W-1,WH1,8,0,8"
run return.list return list --format csv
has_line "RMA-2026-000001,received,resellable,SH-2026-000001,SO-2026-000001,2026-03-09,2026-03-10,33.33,6.33,39.66,EUR,INV-2026-000001"
run trial report trial-balance --format csv
has "total (balanced)"

run track order track SO-2026-000001
has "picked by cli:cli-test: shipment SH-2026-000001" "packed by cli:cli-test: SH-2026-000001" \
  "shipped by cli:cli-test: shipment SH-2026-000001, carrier DHL, tracking JD014600000001" \
  "delivered by cli:cli-test: SH-2026-000001: delivered_on 2026-03-05" \
  "returned by cli:cli-test: RMA-2026-000001 authorised" "returned by cli:cli-test: RMA-2026-000001 received"

# ---- one step with carrier, a late shipment, a reorder point -------------------------------------
run place.2 --date 2026-03-05 order place --customer C1 --line W-1:2 --requested 2026-03-07
refused ship.carrier_only "a shipment needs a tracking number to ship (at --tracking)" ship SO-2026-000002 --carrier UPS
refused ship.bad_promise "--promised" ship SO-2026-000002 --promised 2026-02-30
run ship.2 --date 2026-03-05 ship SO-2026-000002 --carrier UPS --tracking 1Z999
has_line "shipment SH-2026-000002 for SO-2026-000002 (complete)"
has_line "  carrier UPS, tracking 1Z999"
run list shipment list --open --format csv
has_line "SH-2026-000002,SO-2026-000002,shipped,2026-03-05,2026-03-05,,2026-03-07,UPS,1Z999"
lacks "SH-2026-000001"
refused reorder.unknown_sku "no product with SKU 'W-9'" stock reorder-point --sku W-9 --warehouse WH1 --qty 5
refused reorder.negative "a reorder point cannot be negative" stock reorder-point --sku W-1 --warehouse WH1 --qty -1
run reorder stock reorder-point --sku W-1 --warehouse WH1 --qty 9
has_line "reorder point of W-1 at WH1: 9"
run alerts alerts --as-of 2026-03-09 --format csv
has_line "warning,shipment_late,SH-2026-000002,2,shipment SH-2026-000002 of order SO-2026-000002 was promised for 2026-03-07 and is not delivered"
has_line 'warning,below_reorder_point,W-1@WH1,0,"6 of W-1 available at WH1, reorder point 9"'

# ---- the perfect order rate: SO-1 delivered on time but credited; SO-2 on its way, then on time --
run report report orders
has "perfect order rate (fulfilled orders)        1  0 %" "invoiced right (no credit requested)" "0 of 1"
run deliver.2 --date 2026-03-07 shipment deliver SH-2026-000002
run report.2 report orders --format csv
has_line "perfect order rate (fulfilled orders),2,50 %,1 of 2"
has_line "  on time (by promised/requested date),,,2 of 2"
has_line "  invoiced right (no credit requested),,,1 of 2"

run audit audit verify
has "journal verified"
echo "PASS fulfilment_test"
