#!/usr/bin/env bash
# Inventory and allocation through the o2c command line: customer tiers and a preferred
# warehouse, expected receipts and available to promise by date, a receipt against a purchase
# order, allocate --dry-run (a table, and the database byte for byte unchanged), allocate
# committing fair share and priority (journaled per order), and bad input refused with one
# clear error line and nothing written.
#
# usage: allocation_test.sh path/to/o2c
set -euo pipefail

O2C=${1:?usage: allocation_test.sh path/to/o2c}
O2C_GLOBAL=(--date 2026-03-02)
source "$(dirname "$0")/lib.sh"

step=init
"$O2C" init "$DB" >"$OUT" 2>"$ERR" || fail "init exited $?"
run tax.set tax set standard 19
run warehouse.de warehouse add WH-DE --name Berlin --country DE
run warehouse.fr warehouse add WH-FR --name Lyon --country FR
run customer.gold customer add GOLD --name "Gold AG" --credit-limit 5000.00 --tier 1
has_line "  tier 1"
run customer.std customer add STD --name "Standard GmbH" --credit-limit 5000.00
lacks "tier"
run customer.fr customer add FRC --name "France SA" --credit-limit 5000.00 --country FR \
  --preferred-warehouse WH-FR
has_line "  tier 5, preferred warehouse WH-FR"
run product.add product add W-1 --name Widget --price "10.00 EUR" --cost 4.00
run stock.de stock receive W-1 --warehouse WH-DE --qty 5
run stock.fr stock receive W-1 --warehouse WH-FR --qty 2

# ---- expected receipts and available to promise -----------------------------------------------
run expect.1 stock expect W-1 --warehouse WH-DE --qty 4 --date 2026-03-10 --reference PO-1
has_line "expected 4 W-1 into WH-DE on 2026-03-10 (PO-1)"
run expect.2 stock expect --sku W-1 --warehouse WH-FR --qty 3 --date 2026-03-20
# Today (2026-03-02) and each later receipt date: 7, then 7 + 4 = 11, then 11 + 3 = 14.
run atp stock atp --sku W-1 --format csv
has_line "2026-03-02,WH-DE,5,0,0,5"
has_line "2026-03-02,total,,,,7"
has_line "2026-03-10,WH-DE,5,0,4,9"
has_line "2026-03-10,total,,,,11"
has_line "2026-03-20,WH-FR,2,0,3,5"
has_line "2026-03-20,total,,,,14"
run atp.on stock atp W-1 --date 2026-03-15
has "2026-03-15  WH-DE" "expected: 4 into WH-DE on 2026-03-10 (PO-1)" "expected: 3 into WH-FR on 2026-03-20"
lacks "2026-03-02"

# ---- sourcing: FRC prefers WH-FR, then the rest ----------------------------------------------
# STD takes 4 of WH-DE's 5 (Germany); FRC wants 4: WH-FR's 2, then WH-DE's last 1; 1 waits;
# GOLD (tier 1) comes last and gets nothing.
run order.std order place --customer STD --line W-1:4
run order.frc order place --customer FRC --line W-1:4
run order.gold order place --customer GOLD --line W-1:2
run stock.after.orders stock list --format csv
has_line "W-1,WH-DE,5,5,0"
has_line "W-1,WH-FR,2,2,0"

# ---- allocate --dry-run shows the plan and writes nothing -------------------------------------
# Supply 7 (all held), demand 10. Fair share: 1.4, 2.8, 2.8 → 1, 2, 2 and the 2 spare units to
# the largest remainders (.8: STD and FRC). Lines are listed in priority order: GOLD (tier 1)
# first, then SO-1 and SO-2 (tier 5, same dates) by number.
before=$(db_digest)
run allocate.dry allocate W-1 --policy fair-share --dry-run --format csv
has_line "order,line,customer,tier,requested,ordered,reserved,allocation,change"
has_line "SO-2026-000003,1,GOLD,1,2026-03-02,2,0,1,+1"
has_line "SO-2026-000001,1,STD,5,2026-03-02,4,4,3,-1"
has_line "SO-2026-000002,1,FRC,5,2026-03-02,4,3,3,0"
run allocate.dry.table allocate W-1 --policy fair-share --dry-run
has "W-1: supply 7, demand 10 over 3 open lines" "dry run (fair_share): nothing written"
has_line "SO-2026-000003     1  GOLD         1  2026-03-02        2         0           1      +1"
[[ $(db_digest) == "$before" ]] || fail "allocate --dry-run changed the database"
echo "ok   allocate --dry-run left the database unchanged"

# ---- allocate commits: priority serves GOLD first ---------------------------------------------
# GOLD 2, STD keeps its 4, FRC the 1 left: FRC gives back WH-DE's 1 and 1 of WH-FR's 2, and
# GOLD (shipping to Germany) takes them, WH-DE's first.
run allocate.priority allocate --sku W-1 --policy priority --format csv
has_line "SO-2026-000003,1,GOLD,1,2026-03-02,2,0,2,+2"
has_line "SO-2026-000001,1,STD,5,2026-03-02,4,4,4,0"
has_line "SO-2026-000002,1,FRC,5,2026-03-02,4,3,1,-2"
lacks "reallocated"
run stock.after.allocate stock list --format csv
has_line "W-1,WH-DE,5,5,0"
has_line "W-1,WH-FR,2,2,0"
run track.frc order track SO-2026-000002
has "allocated by cli:cli-test: allocation W-1 line 1 3 -> 1"
# Again: already as planned (the first run changed GOLD and FRC).
run allocate.again allocate W-1 --policy priority
has "allocation (priority) already as planned: nothing changed"
reallocated=$(sqlite3 "$DB" "SELECT group_concat(document, ' ') FROM journal WHERE kind = 'order.reallocated'")
[[ $reallocated == "SO-2026-000002 SO-2026-000003" ]] || fail "journaled reallocations: '$reallocated'"
echo "ok   one order.reallocated event per changed order"

# ---- a receipt against the purchase order fills the backorder --------------------------------
# PO-1's 4 arrive in WH-DE: FRC's 3 waiting units come from there; 1 stays free.
run receive.po stock receive W-1 --warehouse WH-DE --qty 4
has "expected receipts fulfilled: 4" "backorder filled: SO-2026-000002"
run atp.after stock atp W-1 --date 2026-03-10 --format csv
has_line "2026-03-10,WH-DE,9,8,0,1"
run allocate.enough allocate W-1 --policy fair-share
has "W-1: supply 11, demand 10 over 3 open lines" "stock covers every open line: nothing to reallocate"

# ---- bad input: one clear error line, nothing written ----------------------------------------
refused expect.negative "expected quantity -1 must be positive (at quantity)" stock expect W-1 --warehouse WH-DE --qty -1 --date 2026-03-10
refused expect.zero "must be positive" stock expect W-1 --warehouse WH-DE --qty 0 --date 2026-03-10
refused expect.sku "no product with SKU 'NOPE'" stock expect NOPE --warehouse WH-DE --qty 1 --date 2026-03-10
refused expect.warehouse "no warehouse with code 'WH-XX'" stock expect W-1 --warehouse WH-XX --qty 1 --date 2026-03-10
refused expect.date "--date" stock expect W-1 --warehouse WH-DE --qty 1 --date 2026-02-30
refused atp.sku "no product with SKU 'NOPE'" stock atp NOPE
refused allocate.policy "'random' is not an allocation policy (priority, fair-share) (at --policy)" allocate W-1 --policy random
refused allocate.sku "no product with SKU 'NOPE'" allocate NOPE --policy priority
refused allocate.warehouse "no warehouse with code 'WH-XX'" allocate W-1 --policy priority --warehouse WH-XX --dry-run
refused allocate.no_policy "--policy is required" allocate W-1
refused customer.tier "customer tier 0 is not 1 (served first) to 9 (served last)" customer add C9 --name Nine --tier 0
refused customer.tier.text "--tier" customer add C9 --name Nine --tier gold
refused customer.warehouse "no warehouse with code 'WH-XX'" customer add C9 --name Nine --preferred-warehouse WH-XX
refused warehouse.country "'Germany' is not an ISO 3166-1 alpha-2 country code" warehouse add WH-X --name X --country Germany

run audit audit verify
has "journal verified"
echo "PASS: inventory and allocation"
