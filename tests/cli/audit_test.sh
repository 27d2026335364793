#!/usr/bin/env bash
# The verifiable journal from the command line: `audit checkpoint` prints the head,
# `audit export` writes the journal as JSON lines that tools/verify_journal.py (Python's
# standard library only) re-verifies to the same head; one edited byte of the export is named
# by the verifier; `audit verify --from-checkpoint` catches an entry edited in the SQLite file
# and a forger who rewrote the whole chain after it, and refuses bad checkpoints.
#
# usage: audit_test.sh path/to/o2c
set -euo pipefail

O2C=${1:?usage: audit_test.sh path/to/o2c}
source "$(dirname "$0")/lib.sh"
VERIFY="$(dirname "$0")/../../tools/verify_journal.py"

step=init
"$O2C" init "$DB" >"$OUT" 2>"$ERR" || fail "init exited $?"
O2C_GLOBAL=(--date 2026-03-02)
run tax.set tax set standard 19
run warehouse.add warehouse add WH1 --name "Lager Süd"
run customer.add customer add C1 --name "Ålesund \"Fisk\" AS" --currency EUR --terms NET30 --credit-limit 5000.00
run product.add product add W-100 --name Widget --price "19.99 EUR" --cost 8.00
run stock.receive stock receive W-100 --warehouse WH1 --qty 100
run order.place order place --customer C1 --line W-100:10
run ship ship SO-2026-000001
# 1-5 set-up, 6 order.placed, 7 order.shipped, 8 invoice.posted
run checkpoint audit checkpoint
[[ $(wc -l <"$OUT") -eq 1 ]] || fail "checkpoint: one line wanted"
grep -qE '^checkpoint 8 [0-9a-f]{64}$' "$OUT" || fail "checkpoint: not 'checkpoint 8 <hash>'"
CHECKPOINT=$(cat "$OUT")
SEQ_HASH="8:$(cut -d' ' -f3 <<<"$CHECKPOINT")"
run pay pay --customer C1 --amount 237.88 --reference "REM 1"
run order.2 order place --customer C1 --line W-100:1
run head audit checkpoint
HEAD=$(cat "$OUT")
[[ $HEAD == "checkpoint 10 "* ]] || fail "head: $HEAD"

# ---- export and independent verification -------------------------------------------------------
run export audit export --out "$WORK/journal.jsonl"
[[ $(wc -l <"$WORK/journal.jsonl") -eq 10 ]] || fail "export: 10 lines wanted"
head -1 "$WORK/journal.jsonl" | grep -q '^{"actor":"cli:cli-test","at_micros":[0-9]*,"document":"standard","hash":"[0-9a-f]\{64\}","kind":"tax_rate.set","payload":"{\\"' ||
  fail "export: first line is not the documented JSON object: $(head -1 "$WORK/journal.jsonl")"
run export.stdout audit export
cmp -s "$OUT" "$WORK/journal.jsonl" || fail "export to stdout differs from --out"
step=verify_journal.py
python3 "$VERIFY" "$WORK/journal.jsonl" >"$OUT" 2>"$ERR" || fail "the independent verifier failed"
[[ $(tail -1 "$OUT") == "$HEAD" ]] || fail "verifier head $(tail -1 "$OUT") != o2c head $HEAD"
has_line "verified 10 entries"
python3 "$VERIFY" "$WORK/journal.jsonl" "$SEQ_HASH" >"$OUT" 2>"$ERR" || fail "checkpoint refused"
echo "ok   $step (head matches audit checkpoint)"

# One byte of the invoice's payload changed (237.88 -> 237.89): the verifier names entry 8.
step=verify_journal.py.tampered
grep -q '237.88' <(sed -n 8p "$WORK/journal.jsonl") || fail "entry 8 has no 237.88"
sed '8s/237\.88/237.89/' "$WORK/journal.jsonl" >"$WORK/tampered.jsonl"
[[ $(cmp -l "$WORK/journal.jsonl" "$WORK/tampered.jsonl" | wc -l) -eq 1 ]] || fail "not one byte"
if python3 "$VERIFY" "$WORK/tampered.jsonl" >"$OUT" 2>"$ERR"; then fail "tampering not detected"; fi
grep -qF "entry 8 (invoice.posted INV-2026-000001): stored hash does not match its contents" "$ERR" ||
  fail "the verifier does not name entry 8"
echo "ok   $step ($(cat "$ERR"))"
# A whole line removed: the gap is named.
sed '4d' "$WORK/journal.jsonl" >"$WORK/gap.jsonl"
if python3 "$VERIFY" "$WORK/gap.jsonl" >"$OUT" 2>"$ERR"; then fail "gap not detected"; fi
grep -qF "entry 4 is missing" "$ERR" || fail "the verifier does not name entry 4"
echo "ok   verify_journal.py.gap"

# ---- audit verify --from-checkpoint --------------------------------------------------------------
run verify.checkpoint audit verify --from-checkpoint "$SEQ_HASH"
has "journal verified: 10 entries" "checkpoint 8 matches"
run verify.checkpoint.pasted audit verify --from-checkpoint "$CHECKPOINT"
refused verify.malformed "is not a checkpoint SEQUENCE:HASH" audit verify --from-checkpoint 8:abc
refused verify.malformed.seq "--from-checkpoint" audit verify --from-checkpoint "x:${SEQ_HASH#8:}"
refused verify.mismatch "the checkpoint says" audit verify --from-checkpoint "7:${SEQ_HASH#8:}"
refused verify.beyond "the checkpoint is entry 11 but the journal has 10 entries" audit verify --from-checkpoint "11:${SEQ_HASH#8:}"

# A forger rewrites entry 7 and re-chains every entry after it: the plain check passes, the
# checkpoint does not.
cp "$DB" "$WORK/before.db"
sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
python3 - "$DB" <<'PY'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute("SELECT sequence, at_micros, actor, kind, document, payload, previous_hash "
                  "FROM journal WHERE sequence >= 7 ORDER BY sequence").fetchall()
previous = bytes.fromhex(rows[0][6])
for seq, at, actor, kind, doc, payload, _ in rows:
    if seq == 7:
        payload = payload.replace("SH-2026-000001", "SH-2026-000009")
    data = f"{seq}\n{at}\n{actor}\n{kind}\n{doc}\n{payload}".encode()
    digest = hashlib.sha256(previous + data).digest()
    db.execute("UPDATE journal SET payload = ?, previous_hash = ?, hash = ? WHERE sequence = ?",
               (payload, previous.hex(), digest.hex(), seq))
    previous = digest
db.commit()
PY
run verify.forged.plain audit verify
has "journal verified: 10 entries"
refused verify.forged.checkpoint "entry 8 (invoice.posted INV-2026-000001) has hash" \
  audit verify --from-checkpoint "$SEQ_HASH"

# An entry before the checkpoint edited in place: the first bad entry is named.
cp "$WORK/before.db" "$DB"
rm -f "$DB-wal" "$DB-shm"
sqlite3 "$DB" "UPDATE journal SET actor = 'mallory' WHERE sequence = 3"
refused verify.edited "entry 3 (customer.added C1): stored hash does not match its contents" \
  audit verify --from-checkpoint "$SEQ_HASH"
refused verify.edited.plain "journal BROKEN: entry 3" audit verify
