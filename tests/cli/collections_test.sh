#!/usr/bin/env bash
# Collections through the o2c command line: aging in buckets with a drill-down (table and CSV),
# the dunning policy, dunning runs (what was sent and skipped; a rerun sends nothing), the
# letters in the outbox, collectors (assign, worklist, notes) and the KPI reports; bad input
# is refused with the option at fault and leaves the database as it was.
#
# usage: collections_test.sh path/to/o2c
set -euo pipefail

O2C=${1:?usage: collections_test.sh path/to/o2c}
source "$(dirname "$0")/lib.sh"

step=init
"$O2C" init "$DB" >"$OUT" 2>"$ERR" || fail "init exited $?"
run tax.set tax set standard 19
run warehouse.add warehouse add WH1 --name Main
run customer.c1 customer add C1 --name "Alpha GmbH" --currency EUR --terms DUE \
  --credit-limit 50000.00 --email ap@alpha.example --segment retail --country DE --region NO
run customer.c2 customer add C2 --name "Beta SA" --currency EUR --terms DUE \
  --credit-limit 50000.00 --segment smb --country DE --region SO
run product.add product add W-100 --name Widget --price "100.00 EUR" --cost 40.00
run stock stock receive W-100 --warehouse WH1 --qty 100

# 119.00 due 2026-03-01 (C1); 238.00 due 2026-03-20 (C2)
run order.1 --date 2026-03-01 order place --customer C1 --line W-100:1
run ship.1 --date 2026-03-01 ship SO-2026-000001
run order.2 --date 2026-03-20 order place --customer C2 --line W-100:2
run ship.2 --date 2026-03-20 ship SO-2026-000002

# ---- aging ---------------------------------------------------------------------------------------
run aging.default report aging --as-of 2026-04-01 --format csv
has_line "customer,name,cur,current,1-30,31-60,61-90,over 90,total"
has_line "C1,Alpha GmbH,EUR,0.00,0.00,119.00,0.00,0.00,119.00"
has_line "TOTAL,,EUR,0.00,238.00,119.00,0.00,0.00,357.00"
run aging.buckets report aging --as-of 2026-04-01 --buckets 0,15,45 --format csv
has_line "customer,name,cur,current,1-15,16-45,over 45,total"
has_line "C2,Beta SA,EUR,0.00,238.00,0.00,0.00,238.00"
has_line "TOTAL,,EUR,0.00,238.00,119.00,0.00,357.00"
run aging.drill report aging --as-of 2026-04-01 --customer C1 --format csv
has_line "customer,name,invoice,due,days,bucket,cur,open"
has_line "C1,Alpha GmbH,INV-2026-000001,2026-03-01,31,31-60,EUR,119.00"
run aging.drill.bucket report aging --as-of 2026-04-01 --buckets 0,15,45 --bucket 1-15
has "aging as of 2026-04-01 (days past due, invoices)" "INV-2026-000002"
lacks "INV-2026-000001"
refused aging.bad_buckets "--buckets" report aging --buckets 30,60
refused aging.bad_bucket "no aging bucket '99-100'" report aging --bucket 99-100
refused aging.bad_customer "C9" report aging --customer C9
run aging.setting config aging-buckets 0,10
run aging.with_setting report aging --as-of 2026-04-01 --format csv
has_line "customer,name,cur,current,1-10,over 10,total"
refused aging.setting.bad "'x' is not a whole number" config aging-buckets 0,x

# ---- dunning -------------------------------------------------------------------------------------
cat >"$WORK/dunning.toml" <<'TOML'
[segments.default]
minimum = "5.00"
[[segments.default.levels]]
days = 3
name = "friendly reminder"
letter = "Please pay the invoices below."
[[segments.default.levels]]
days = 30
name = "final notice"
letter = "Final notice."
fee = "10.00"
interest_bp = 800
TOML
printf '[[segments.wholesale.levels]]\ndays = 3\nname = "r"\nletter = "l"\n' >"$WORK/bad.toml"
refused dunning.no_policy "no dunning policy" --date 2026-03-05 dunning run
refused dunning.unknown_segment "segments.wholesale" config dunning "$WORK/bad.toml"
run dunning.config config dunning "$WORK/dunning.toml"
has_line "dunning policy default: 1 friendly reminder +3 2 final notice +30, minimum 5.00"
run dunning.run.1 --date 2026-03-05 dunning run
has "dunning run 2026-03-05: 1 letter"
has_line "sent DUN-2026-000001 to C1 level 1 (friendly reminder): INV-2026-000001 119.00; total 119.00 EUR, e-mail queued"
run dunning.rerun --date 2026-03-05 dunning run
has "dunning run 2026-03-05: 0 letters"
has_line "skipped INV-2026-000001 of C1: already_sent"
# 2026-04-01: INV-1 31 days → final (interest 11900 × 800 × 31 / 3,650,000 = 80.9 → 0.81);
# INV-2 12 days → friendly reminder, no e-mail address.
run dunning.run.2 --date 2026-04-01 dunning run
has_line "sent DUN-2026-000002 to C1 level 2 (final notice): INV-2026-000001 119.00; total 119.00 EUR, fee 10.00, interest 0.81, debit note INV-2026-000003, e-mail queued"
has_line "sent DUN-2026-000003 to C2 level 1 (friendly reminder): INV-2026-000002 238.00; total 238.00 EUR, no e-mail address"
run dunning.list dunning list --customer C1 --format csv
has_line "letter,customer,invoice,level,name,sent,days,open,interest,fee,debit note"
has_line "DUN-2026-000002,C1,INV-2026-000001,2,final notice,2026-04-01,31,119.00,0.81,10.00,INV-2026-000003"
refused dunning.list.unknown "C9" dunning list --customer C9
# Both C1 letters are in the outbox, addressed to C1 (linked to its invoice INV-2026-000001).
run outbox mail list --format csv
has "INV-2026-000001,ap@alpha.example,queued"
[[ $(grep -c "ap@alpha.example" "$OUT") -eq 2 ]] || fail "outbox: want the two letters to C1"

# ---- collectors ----------------------------------------------------------------------------------
run collector.ann collector add ann --region NO --team east
has_line "collector ann region NO team east"
run collector.bob collector add bob --max-accounts 5 --team east
refused collector.dup "exists already" collector add ann
refused collector.max "--max-accounts" collector add zed --max-accounts -3
run collector.assign --date 2026-04-01 collector assign
# Workloads: C1 129.81 open (INV-1 and the debit note) × 150 % = 19471, C2 238.00 → 35700.
# C2 (south) → bob; C1 (north) → ann (0 < 35700).
has_line "C1 -> ann workload 19471"
has_line "C2 -> bob workload 35700"
run collector.worklist --date 2026-04-01 collector worklist bob --format csv
has_line "rank,customer,name,overdue,cur,risk,weight,days,score"
has_line "1,C2,Beta SA,238.00,EUR,-,150%,12,428400"
run collector.note --date 2026-04-02 collector note C2 --outcome promise --text "pays next week" --as bob
has_line "noted C2 promise by bob"
refused collector.note.outcome "--outcome" collector note C2 --outcome shouted --text x --as bob
refused collector.note.who "--as" collector note C2 --outcome reached --text x --as zed

# ---- KPI reports ---------------------------------------------------------------------------------
run report.collectors report collectors --from 2026-04-01 --to 2026-04-30 --format csv
has_line "collector,team,accounts,collected,cur,cei,promises kept,kept %,touched"
has_line "bob,east,1,0.00,EUR,0%,0/0,-,1"
has "team east,east,2"
refused report.collectors.period "--to" report collectors --from 2026-04-30 --to 2026-04-01
run report.collections report collections --as-of 2026-04-01 --days 90 --format csv
has_line "cur,receivables,current,sales,dso,best dso,add,cei,% current,disputes,dispute age"
has "EUR,367.81,10.81,367.81"
refused report.collections.days "--days" report collections --days 0
