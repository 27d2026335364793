# Shared by the CLI scenario scripts: a scratch directory with a database, and assertions on
# the last command's output. Source it after setting O2C; it sets WORK, DB, OUT and ERR.
# Options every command gets (e.g. a fixed --date) go in the array O2C_GLOBAL.
# shellcheck shell=bash
command -v sqlite3 >/dev/null || { echo "FAIL: sqlite3 CLI not found (apt-get install sqlite3)"; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DB="$WORK/cycle.db"
OUT="$WORK/out"
ERR="$WORK/err"
export USER=cli-test
[[ -v O2C_GLOBAL ]] || O2C_GLOBAL=()

fail() {
  echo "FAIL: $*" >&2
  echo "--- stdout of the last command:" >&2
  cat "$OUT" >&2 || true
  echo "--- stderr of the last command:" >&2
  cat "$ERR" >&2 || true
  exit 1
}

step=""
# run STEP ARGS...: o2c --db DB ARGS must succeed with nothing on stderr.
run() {
  step=$1
  shift
  "$O2C" --db "$DB" "${O2C_GLOBAL[@]}" "$@" >"$OUT" 2>"$ERR" || fail "$step: o2c $* exited $?"
  [[ ! -s $ERR ]] || fail "$step: unexpected stderr"
  echo "ok   $step"
}
# refused STEP TEXT ARGS...: o2c --db DB ARGS must fail with one error line containing TEXT,
# and leave the database exactly as it was.
refused() {
  step=$1
  local want=$2
  shift 2
  local before
  before=$(db_digest)
  if "$O2C" --db "$DB" "${O2C_GLOBAL[@]}" "$@" >"$OUT" 2>"$ERR"; then
    fail "$step: o2c $* succeeded"
  fi
  [[ $(wc -l <"$ERR") -eq 1 ]] || fail "$step: want exactly one error line"
  grep -q '^o2c: error: ' "$ERR" || fail "$step: stderr does not start with 'o2c: error: '"
  grep -qF -- "$want" "$ERR" || fail "$step: the error does not mention '$want'"
  [[ $(db_digest) == "$before" ]] || fail "$step: the database changed"
  echo "ok   $step (refused: $(cat "$ERR"))"
}
# has TEXT...: the last command's stdout contains each TEXT (as a fixed string).
has() {
  local text
  for text in "$@"; do
    grep -qF -- "$text" "$OUT" || fail "$step: stdout lacks '$text'"
  done
}
# has_line LINE: the last command's stdout has exactly this line (CSV ends lines in CRLF).
has_line() { tr -d '\r' <"$OUT" | grep -qxF -- "$1" || fail "$step: stdout lacks the line '$1'"; }
lacks() { ! grep -qF -- "$1" "$OUT" || fail "$step: stdout unexpectedly has '$1'"; }
# The database's bytes after a checkpoint: equal digests mean nothing was written.
db_digest() {
  sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
  sha256sum "$DB" | cut -d' ' -f1
}
