// journal.h — the tamper-evident record of every state change. Each event is appended with
// hash = SHA-256(previous hash ‖ canonical bytes of the event); the first event's previous
// hash is 32 zero bytes. Changing, removing or reordering any stored event breaks the chain
// from that event on, and verification names the first event that does not match.
//
// Canonical bytes (documented in docs/journal.md so anyone can re-verify without o2c):
//   "<sequence>\n<at, unix micros>\n<actor>\n<kind>\n<document>\n<payload JSON>"
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/result.h"
#include "core/sha256.h"

namespace o2c {

struct JournalEvent {
  std::int64_t sequence = 0;  // 1-based, no gaps
  Timestamp at;
  std::string actor;     // who: "cli:alice", "demo", "credit_manager:bob"
  std::string kind;      // what: "order.placed", "invoice.posted", "payment.applied"
  std::string document;  // which: "SO-2026-000001"
  std::string payload;   // the amounts and states, canonical JSON (sorted keys, no spaces)
};

struct StoredJournalEntry {
  JournalEvent event;
  std::string previous_hash_hex;
  std::string hash_hex;
};

inline constexpr Sha256Digest kGenesisHash{};

std::string canonical_bytes(const JournalEvent& event);
Sha256Digest chain_hash(const Sha256Digest& previous, const JournalEvent& event);

// Checks entries one by one, in sequence order, as they stream out of the store.
class ChainVerifier {
 public:
  ChainVerifier() = default;
  // Starts after a trusted checkpoint instead of the genesis.
  ChainVerifier(std::int64_t checkpoint_sequence, const Sha256Digest& checkpoint_hash);

  // Returns false (and remembers why) at the first entry that breaks the chain.
  bool feed(const StoredJournalEntry& entry);
  bool ok() const { return !failure_.has_value(); }
  std::int64_t verified_count() const { return verified_; }
  std::string head_hash_hex() const { return to_hex(previous_); }
  // "entry 42 (invoice.posted INV-2026-000007): stored hash does not match its contents"
  const std::optional<std::string>& failure() const { return failure_; }
  std::int64_t failed_sequence() const { return failed_sequence_; }

 private:
  Sha256Digest previous_ = kGenesisHash;
  std::int64_t expected_sequence_ = 1;
  std::int64_t verified_ = 0;
  std::optional<std::string> failure_;
  std::int64_t failed_sequence_ = 0;
};

// A checkpoint: the journal's head at some moment, kept outside the database (printed,
// mailed, pasted into the audit file). Verifying from it proves that nothing up to it changed,
// even when the whole table was rewritten with consistent hashes.
struct JournalCheckpoint {
  std::int64_t sequence = 0;
  std::string hash_hex;  // 64 lowercase hex digits
};
// "checkpoint 1234 3f9a…": the form `o2c audit checkpoint` prints.
std::string format_checkpoint(const JournalCheckpoint& checkpoint);
// Reads "1234:3f9a…", "1234 3f9a…" or "checkpoint 1234 3f9a…" (hex in either case). Fails with
// invalid_argument malformed_checkpoint.
Result<JournalCheckpoint> parse_checkpoint(std::string_view text);

// One line of `o2c audit export`: the stored entry as a JSON object, keys sorted, no spaces —
// {"actor":…,"at_micros":…,"document":…,"hash":…,"kind":…,"payload":"<the payload text>",
//  "previous_hash":…,"sequence":…}. The payload is kept as a string, byte for byte, because
// the hash covers its exact text. Fails with invalid_utf8 when a field cannot be JSON.
Result<std::string> export_line(const StoredJournalEntry& entry);

}  // namespace o2c
