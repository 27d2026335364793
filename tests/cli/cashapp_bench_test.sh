#!/usr/bin/env bash
# `o2c bench cashapp` on a small workload (2,000 statement lines against 20,000 open items): a
# quality test, not a timing test. At least 95 % of the lines are applied unseen, at most
# 0.1 % of those wrongly, and the report has its per-noise table. Bad options are refused.
#
# usage: cashapp_bench_test.sh path/to/o2c
set -euo pipefail

O2C=${1:?usage: cashapp_bench_test.sh path/to/o2c}
OUT=$(mktemp)
ERR=$(mktemp)
trap 'rm -f "$OUT" "$ERR"' EXIT

fail() {
  echo "FAIL: $*" >&2
  cat "$OUT" "$ERR" >&2
  exit 1
}

"$O2C" bench cashapp --lines 2000 --open-items 20000 --seed 4 >"$OUT" 2>"$ERR" ||
  fail "bench cashapp exited $?"
grep -q '^o2c bench cashapp: 2000 statement lines against 20000 open items' "$OUT" ||
  fail "no header"
for heading in 'index build' 'matching' 'together' 'lines/s' 'review' 'mangled_reference' \
  'bundle_without_numbers' 'unknown_payer' 'total'; do
  grep -qF -- "$heading" "$OUT" || fail "the report lacks '$heading'"
done
auto=$(awk '/^auto-matched/ {print $2}' "$OUT")
wrong=$(awk '/^wrongly applied/ {print $3}' "$OUT")
awk -v a="$auto" 'BEGIN {exit !(a >= 95)}' || fail "auto-matched $auto % < 95 %"
awk -v w="$wrong" 'BEGIN {exit !(w <= 0.1)}' || fail "wrongly applied $wrong % > 0.1 %"
echo "ok   bench cashapp: $auto % auto-matched, $wrong % of them wrong"

for bad in "--lines 0" "--open-items 0" "--threads 0" "--repeat 21"; do
  # shellcheck disable=SC2086
  if "$O2C" bench cashapp $bad >"$OUT" 2>"$ERR"; then fail "bench cashapp $bad succeeded"; fi
  grep -q '^o2c: error: ' "$ERR" || fail "bench cashapp $bad: no error line"
  echo "ok   bench cashapp $bad refused: $(cat "$ERR")"
done
