#!/usr/bin/env bash
# o2c demo runs the whole cycle on a fresh database, prints a summary whose books balance in
# every currency and whose journal verifies, and is deterministic for a seed; o2c bench cycle
# runs and reports its stages and the raw-SQLite limit.
#
# usage: demo_test.sh path/to/o2c
set -euo pipefail

O2C=${1:?usage: demo_test.sh path/to/o2c}
command -v sqlite3 >/dev/null || { echo "FAIL: sqlite3 CLI not found (apt-get install sqlite3)"; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export TMPDIR="$WORK"  # whatever bench puts in a temp dir goes away with ours
export USER=cli-test

fail() { echo "FAIL: $*" >&2; exit 1; }

# demo NAME SEED: runs the demo into $WORK/NAME.db; summary in $WORK/NAME.out.
demo() {
  local name=$1 seed=$2 rc=0
  "$O2C" --db "$WORK/$name.db" demo --orders 300 --seed "$seed" --as-of 2026-11-23 \
    >"$WORK/$name.out" 2>"$WORK/$name.err" || rc=$?
  [[ $rc -eq 0 ]] || fail "demo $name (seed $seed) exited $rc: $(tr '\r' '\n' <"$WORK/$name.err" | tail -n 3)"
  ! grep -q '^o2c: error' "$WORK/$name.err" || fail "demo $name printed an error: $(cat "$WORK/$name.err")"
  [[ -s $WORK/$name.db ]] || fail "demo $name left no database"
}

demo first 7
OUT="$WORK/first.out"
grep -qF "demo database: $WORK/first.db" "$OUT" || fail "summary does not name the database"
grep -qF "== o2c demo: " "$OUT" || fail "summary has no heading"
grep -qF "300 orders, as of 2026-11-23" "$OUT" || fail "summary heading lacks '300 orders, as of 2026-11-23'"
grep -qE '^journal verified: [0-9]+ entries, head [0-9a-f]{16}' "$OUT" ||
  fail "summary lacks 'journal verified:'"
! grep -q "NOT BALANCED" "$OUT" || fail "a currency is NOT BALANCED"
! grep -q "journal BROKEN" "$OUT" || fail "the journal is broken"

# Every currency in the trial balance has a "total (balanced)" row.
currencies=$(grep -oE '^[A-Z]{3} +[0-9]{4} ' "$OUT" | cut -c1-3 | sort -u)
[[ -n $currencies ]] || fail "the trial balance has no account rows"
for currency in $currencies; do
  grep -qE "^$currency +total \(balanced\)" "$OUT" || fail "no 'total (balanced)' row for $currency"
  echo "ok   $currency total (balanced)"
done
[[ $(grep -c "total (balanced)" "$OUT") -eq $(wc -w <<<"$currencies") ]] ||
  fail "balanced totals do not match the currencies: $currencies"

# The database the demo left behind agrees with its summary.
"$O2C" --db "$WORK/first.db" audit verify >"$WORK/verify.out" 2>&1 || fail "audit verify: $(cat "$WORK/verify.out")"
summary_journal=$(grep '^journal verified:' "$OUT")
[[ $(cat "$WORK/verify.out") == "$summary_journal" ]] ||
  fail "audit verify says '$(cat "$WORK/verify.out")', the summary '$summary_journal'"
"$O2C" --db "$WORK/first.db" report trial-balance >"$WORK/tb.out" || fail "report trial-balance failed"
! grep -q "NOT BALANCED" "$WORK/tb.out" || fail "report trial-balance is NOT BALANCED"
echo "ok   demo seed 7: $(grep -F '== o2c demo' "$OUT" | sed 's/^== //')"
echo "ok   $summary_journal"

# Same seed, same as-of date: the same summary (but for the database's name) and journal.
demo second 7
diff <(sed "s|$WORK/first.db|DB|g" "$WORK/first.out") <(sed "s|$WORK/second.db|DB|g" "$WORK/second.out") ||
  fail "the same seed produced a different summary"
head_of() { sqlite3 "$1" 'SELECT hash FROM journal ORDER BY sequence DESC LIMIT 1'; }
[[ $(head_of "$WORK/first.db") == "$(head_of "$WORK/second.db")" ]] ||
  fail "the same seed produced a different journal head"
for report in "report aging --as-of 2026-11-23 --format csv" "report trial-balance --format csv" \
  "invoice list --limit 100000 --format csv" "customer list --format csv"; do
  # shellcheck disable=SC2086
  cmp -s <("$O2C" --db "$WORK/first.db" $report) <("$O2C" --db "$WORK/second.db" $report) ||
    fail "the same seed produced a different '$report'"
done
echo "ok   deterministic: seed 7 twice gives the same summary, journal head and reports"

# A different seed is a different dataset (the seed is not ignored).
demo third 8
! cmp -s <(sed "s|$WORK/first.db|DB|g" "$WORK/first.out") <(sed "s|$WORK/third.db|DB|g" "$WORK/third.out") ||
  fail "seeds 7 and 8 produced the same summary"
! grep -q "NOT BALANCED" "$WORK/third.out" || fail "seed 8: a currency is NOT BALANCED"
grep -q '^journal verified:' "$WORK/third.out" || fail "seed 8: journal not verified"
echo "ok   seed 8 differs from seed 7 and balances"

# ---- bench -------------------------------------------------------------------------------------
rc=0
"$O2C" bench cycle --orders 500 >"$WORK/bench.out" 2>"$WORK/bench.err" || rc=$?
[[ $rc -eq 0 ]] || fail "bench cycle exited $rc: $(tr '\r' '\n' <"$WORK/bench.err" | tail -n 3)"
grep -qF "full cycle" "$WORK/bench.out" || fail "bench output lacks 'full cycle'"
grep -qF "raw limit" "$WORK/bench.out" || fail "bench output lacks 'raw limit'"
grep -qF "trial balance balanced, journal verified" "$WORK/bench.out" || fail "bench checks did not pass"
echo "ok   bench cycle: $(grep -F 'full cycle' "$WORK/bench.out" | tr -s ' ')"

echo "PASS: demo and bench"
