#!/usr/bin/env python3
"""Re-verify an `o2c audit export` file without o2c: Python's standard library only.

usage: verify_journal.py EXPORT.jsonl [SEQ:HASH]

Each line is one journal entry (JSON). hash(0) is 32 zero bytes and
  hash(n) = SHA-256( hash(n-1) as 32 raw bytes + UTF-8 of
            "<sequence>\\n<at_micros>\\n<actor>\\n<kind>\\n<document>\\n<payload>" )
Prints the head as `checkpoint N HASH` (the form `o2c audit checkpoint` prints), or names the
first entry that does not match and exits 1. With SEQ:HASH, entry SEQ must have that hash.
"""
import hashlib, json, sys


def verify(path, checkpoint=None):
    previous, count, hashes = bytes(32), 0, {}
    with open(path, encoding="utf-8") as lines:
        for number, text in enumerate(lines, 1):
            try:
                e = json.loads(text)
                label = f"entry {e['sequence']} ({e['kind']} {e['document']})"
                fields = [str(e["sequence"]), str(e["at_micros"]), e["actor"], e["kind"],
                          e["document"], e["payload"]]
            except (ValueError, KeyError, TypeError):
                return f"line {number} is not a journal entry"
            if e["sequence"] != count + 1:
                return f"entry {count + 1} is missing (line {number} is {label})"
            digest = hashlib.sha256(previous + "\n".join(fields).encode("utf-8")).digest()
            if e["previous_hash"] != previous.hex():
                return f"{label}: its previous-hash does not match the entry before it"
            if e["hash"] != digest.hex():
                return f"{label}: stored hash does not match its contents"
            previous, count = digest, count + 1
            hashes[count] = digest.hex()
    if checkpoint:
        sequence, _, expected = checkpoint.partition(":")
        if hashes.get(int(sequence)) != expected.lower():
            return f"entry {sequence} does not have the checkpoint's hash {expected}"
    print(f"verified {count} entries")
    print(f"checkpoint {count} {previous.hex()}")
    return None


if __name__ == "__main__":
    failure = verify(*sys.argv[1:3])
    if failure:
        print(f"journal BROKEN: {failure}", file=sys.stderr)
        sys.exit(1)
