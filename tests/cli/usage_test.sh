#!/usr/bin/env bash
# Metered usage through the CLI: `o2c usage record` (a replayed idempotency key is reported as a
# duplicate and not counted twice; an unknown meter or customer is refused, the database
# unchanged) and `o2c usage import FILE.csv`, all or nothing by default (a file with bad rows is
# refused whole, each bad row named by line and column) or --skip-bad with a rejects file that
# imports again once fixed. Also the plan, meter and subscription commands' bad input.
#
# usage: usage_test.sh path/to/o2c
set -euo pipefail

O2C=${1:?usage: usage_test.sh path/to/o2c}
O2C_GLOBAL=(--date 2026-03-10)
source "$(dirname "$0")/lib.sh"

usage_rows() { sqlite3 "$DB" 'SELECT count(*) FROM usage_records'; }
usage_total() { sqlite3 "$DB" 'SELECT coalesce(sum(quantity_milli), 0) FROM usage_records'; }

# ---- set-up --------------------------------------------------------------------------------
"$O2C" init "$DB" >"$OUT" 2>"$ERR" || fail "init exited $?"
run tax.set tax set standard 19
run customer.add customer add C1 --name "Alpha GmbH" --currency EUR
run customer.add.usd customer add C2 --name "Beta Inc" --currency USD
run plan.add plan add PRO --name "Pro" --price "30.00 EUR" --period monthly --billing advance
has "plan PRO added: Pro, 30.00 EUR monthly in advance, 0 trial days, tax standard"
run meter.add meter add api_calls --unit call
has "meter api_calls added: call, sum per period"
run meter.add.users meter add users --unit user --aggregation unique_count
run plan.price plan price PRO --meter api_calls --tiered "1000:0.10,*:0.05" --minimum 50.00
has "plan PRO prices meter api_calls tiered 1000:0.10,*:0.05, minimum 50.00 EUR"

# ---- bad input to the set-up commands ------------------------------------------------------
refused plan.duplicate "plan PRO already exists" plan add PRO --name Pro --price "30.00 EUR"
refused plan.period "'weekly' is not a billing_period (monthly|quarterly|annual) (at --period)" \
  plan add W --name Weekly --price "30.00 EUR" --period weekly
refused plan.billing "is not a billing_timing" plan add W --name W --price "1.00 EUR" --billing later
refused plan.tax "no tax rate for tax category 'reduced'" \
  plan add R --name R --price "1.00 EUR" --tax reduced
refused plan.trial "trial days must be 0 to 365" plan add T --name T --price "1.00 EUR" --trial-days 400
refused meter.aggregation "is not a aggregation (sum|max|unique_count) (at --aggregation)" \
  meter add m2 --unit x --aggregation avg
refused price.tiers "the last tier must have no upper bound" \
  plan price PRO --meter api_calls --tiered "1000:0.10"
refused price.meter "no meter 'nope'" plan price PRO --meter nope --tiered "*:0.10"
refused price.none "give one of --tiered, --volume or --package" plan price PRO --meter api_calls
refused sub.plan "no plan 'NOPE' (at --plan)" subscription start --customer C1 --plan NOPE
refused sub.currency "plan PRO is priced in EUR, customer C2 is billed in USD" \
  subscription start --customer C2 --plan PRO
run sub.start subscription start --customer C1 --plan PRO
has "subscription SUB-2026-000001: customer C1, plan PRO, active"

# ---- usage record ----------------------------------------------------------------------------
run usage.record usage record --customer C1 --meter api_calls --quantity 120 --key evt-1 \
  --at 2026-03-10T08:00:00Z
has "usage recorded"
run usage.replay usage record --customer C1 --meter api_calls --quantity 120 --key evt-1 \
  --at 2026-03-10T08:00:00Z
has "duplicate: key already recorded, not counted again"
[[ $(usage_rows) == 1 && $(usage_total) == 120000 ]] || fail "the replayed key was counted twice"
refused usage.meter "no meter 'api_cals' (at --meter)" \
  usage record --customer C1 --meter api_cals --quantity 1 --key evt-2
refused usage.customer "no customer 'C9' (at --customer)" \
  usage record --customer C9 --meter api_calls --quantity 1 --key evt-3
refused usage.quantity "quantity" usage record --customer C1 --meter api_calls --quantity -1 --key e4
refused usage.at "is not a UTC time" \
  usage record --customer C1 --meter api_calls --quantity 1 --key e5 --at 2026-03-10T08:00:00+01:00
refused usage.subject "meter users counts unique subjects: give a subject (at --subject)" \
  usage record --customer C1 --meter users --quantity 1 --key e6

# ---- usage import: all or nothing -------------------------------------------------------------
cat >"$WORK/usage.csv" <<'CSV'
customer,meter,quantity,timestamp,idempotency_key,subject
C1,api_calls,10,2026-03-11,imp-1,
C1,api_clls,5,2026-03-11,imp-2,
C9,api_calls,5,2026-03-11,imp-3,
C1,api_calls,ten,2026-03-11,imp-4,
C1,api_calls,7,2026-03-11 10:00,imp-5,
C1,users,1,2026-03-11,imp-6,
C1,users,1,2026-03-12,imp-7,u-1
C1,api_calls,120,2026-03-10T08:00:00Z,evt-1,
C1,api_calls,3,2026-03-12,imp-8,
C1,api_calls,3,2026-03-12,imp-8,
CSV
refused import.bad "file refused: 5 bad rows, nothing imported" usage import "$WORK/usage.csv"
has "line 3, column meter: no meter 'api_clls'" "line 4, column customer: no customer 'C9'" \
  "line 5, column quantity: quantity 'ten'" "line 6, column timestamp: '2026-03-11 10:00' is not a UTC time" \
  "line 7, column subject: meter users counts unique subjects" "recorded 0, duplicates 0, rejected 5"
[[ $(usage_rows) == 1 ]] || fail "a refused import wrote usage"

# ---- usage import --skip-bad: the good rows, duplicates not counted twice, a rejects file ----
run import.skip usage import "$WORK/usage.csv" --skip-bad
has "recorded 3, duplicates 2, rejected 5" "rejected rows written to $WORK/usage.rejects.csv"
[[ $(usage_rows) == 4 ]] || fail "want 4 usage records, have $(usage_rows)"
[[ $(usage_total) == 134000 ]] || fail "want 134 units, have $(usage_total) milli"
[[ $(wc -l <"$WORK/usage.rejects.csv") == 6 ]] || fail "the rejects file wants a header and 5 rows"
head -1 "$WORK/usage.rejects.csv" | grep -qx 'customer,meter,quantity,timestamp,idempotency_key,subject' ||
  fail "the rejects file lacks the header"
grep -qx 'C1,api_clls,5,2026-03-11,imp-2,' "$WORK/usage.rejects.csv" || fail "rejects lack line 3"

# The rejects, fixed, import cleanly; importing the same file again records nothing twice.
sed -i -e 's/api_clls/api_calls/' -e 's/^C9,/C1,/' -e 's/,ten,/,10,/' -e 's/ 10:00,/,/' \
  -e 's/imp-6,$/imp-6,u-2/' "$WORK/usage.rejects.csv"
run import.fixed usage import "$WORK/usage.rejects.csv"
has "recorded 5, duplicates 0, rejected 0"
run import.again usage import "$WORK/usage.rejects.csv"
has "recorded 0, duplicates 5, rejected 0"
[[ $(usage_rows) == 9 ]] || fail "want 9 usage records, have $(usage_rows)"

# ---- the whole file is bad -----------------------------------------------------------------
printf 'customer,meter,quantity\nC1,api_calls,1\n' >"$WORK/short.csv"
refused import.header "the header has no column 'timestamp'" usage import "$WORK/short.csv"
refused import.missing "no such file" usage import "$WORK/none.csv"
refused recognise.month "'2026-3' is not a month in the form YYYY-MM (at --month)" \
  ledger recognise --month 2026-3
refused recognise.future "2026-04 has not begun yet" ledger recognise --month 2026-04
run audit audit verify
echo "PASS usage_test"
