#include "journal/journal.h"

#include <charconv>

#include "core/assert.h"

namespace o2c {

namespace {
void append_number(std::string& out, std::int64_t value) {
  char digits[24];
  const auto [end, error] = std::to_chars(digits, digits + sizeof digits, value);
  O2C_ASSERT(error == std::errc{});
  out.append(digits, end);
}
}  // namespace

std::string canonical_bytes(const JournalEvent& event) {
  std::string bytes;
  bytes.reserve(64 + event.actor.size() + event.kind.size() + event.document.size() +
                event.payload.size());
  append_number(bytes, event.sequence);
  bytes += '\n';
  append_number(bytes, event.at.unix_micros);
  bytes += '\n';
  bytes += event.actor;
  bytes += '\n';
  bytes += event.kind;
  bytes += '\n';
  bytes += event.document;
  bytes += '\n';
  bytes += event.payload;
  return bytes;
}

Sha256Digest chain_hash(const Sha256Digest& previous, const JournalEvent& event) {
  return sha256_chained(previous, canonical_bytes(event));
}

ChainVerifier::ChainVerifier(std::int64_t checkpoint_sequence, const Sha256Digest& checkpoint_hash)
    : previous_(checkpoint_hash), expected_sequence_(checkpoint_sequence + 1) {
  O2C_ASSERT(checkpoint_sequence >= 0);
}

bool ChainVerifier::feed(const StoredJournalEntry& entry) {
  if (failure_) return false;
  const JournalEvent& event = entry.event;
  const std::string label =
      "entry " + std::to_string(event.sequence) + " (" + event.kind + " " + event.document + ")";
  if (event.sequence != expected_sequence_) {
    failure_ = "entry " + std::to_string(expected_sequence_) + " is missing (next stored is " +
               std::to_string(event.sequence) + ")";
    failed_sequence_ = expected_sequence_;
    return false;
  }
  const Sha256Digest hash = chain_hash(previous_, event);
  if (entry.previous_hash_hex != to_hex(previous_)) {
    failure_ = label + ": its previous-hash does not match the entry before it";
  } else if (entry.hash_hex != to_hex(hash)) {
    failure_ = label + ": stored hash does not match its contents";
  }
  if (failure_) {
    failed_sequence_ = event.sequence;
    return false;
  }
  previous_ = hash;
  ++expected_sequence_;
  ++verified_;
  return true;
}

}  // namespace o2c
