#include "journal/journal.h"

#include <charconv>
#include <stdexcept>

#include "core/assert.h"
#include "journal/payload.h"

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

namespace o2c {

std::string format_checkpoint(const JournalCheckpoint& checkpoint) {
  O2C_ASSERT(checkpoint.sequence >= 0);
  return "checkpoint " + std::to_string(checkpoint.sequence) + " " + checkpoint.hash_hex;
}

Result<JournalCheckpoint> parse_checkpoint(std::string_view text) {
  const auto refuse = [&](std::string why) {
    return invalid_argument(
        "malformed_checkpoint",
        "'" + std::string(text) + "' is not a checkpoint SEQUENCE:HASH (" + why + ")");
  };
  std::string_view rest = text;
  if (rest.starts_with("checkpoint ")) rest.remove_prefix(11);
  const std::size_t separator = rest.find_first_of(": ");
  if (separator == std::string_view::npos) return refuse("no ':' between sequence and hash");
  JournalCheckpoint checkpoint;
  const std::string_view number = rest.substr(0, separator);
  const auto [end, error] =
      std::from_chars(number.data(), number.data() + number.size(), checkpoint.sequence);
  if (number.empty() || error != std::errc{} || end != number.data() + number.size() ||
      checkpoint.sequence < 1)
    return refuse("the sequence is a positive whole number");
  const std::string_view hash = rest.substr(separator + 1);
  if (hash.size() != 64) return refuse("the hash is 64 hex digits");
  for (char c : hash) {
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!hex) return refuse("the hash is 64 hex digits");
    checkpoint.hash_hex += static_cast<char>(c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c);
  }
  O2C_ASSERT(checkpoint.hash_hex.size() == 64);
  return checkpoint;
}

Result<std::string> export_line(const StoredJournalEntry& entry) {
  const JournalEvent& event = entry.event;
  try {
    return EventPayload{{"sequence", event.sequence},
                        {"at_micros", event.at.unix_micros},
                        {"actor", event.actor},
                        {"kind", event.kind},
                        {"document", event.document},
                        {"payload", event.payload},
                        {"previous_hash", entry.previous_hash_hex},
                        {"hash", entry.hash_hex}}
        .canonical();
  } catch (const std::invalid_argument&) {
    return invalid_argument("invalid_utf8",
                            "journal entry " + std::to_string(event.sequence) +
                                " holds text that is not UTF-8 and cannot be exported",
                            "journal entry " + std::to_string(event.sequence));
  }
}

}  // namespace o2c
