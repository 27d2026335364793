#include "journal/journal.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/date.h"
#include "core/sha256.h"

namespace o2c {
namespace {

JournalEvent placed_order() {
  return JournalEvent{1,
                      Timestamp{1'772'446'500'000'000},  // 2026-03-02T10:15:00Z
                      "cli:alice",
                      "order.placed",
                      "SO-2026-000001",
                      R"({"gross":"119.00","state":"open"})"};
}

JournalEvent event_number(std::int64_t sequence) {
  return JournalEvent{sequence,
                      Timestamp{1'772'446'500'000'000 + sequence * 1'000'000},
                      "demo",
                      sequence % 2 == 0 ? "invoice.posted" : "order.placed",
                      "DOC-" + std::to_string(sequence),
                      R"({"n":)" + std::to_string(sequence) + "}"};
}

// A correctly chained journal of `count` entries, as the store would hold it.
std::vector<StoredJournalEntry> chain(std::int64_t count) {
  std::vector<StoredJournalEntry> entries;
  Sha256Digest previous = kGenesisHash;
  for (std::int64_t sequence = 1; sequence <= count; ++sequence) {
    const JournalEvent event = event_number(sequence);
    const Sha256Digest hash = chain_hash(previous, event);
    entries.push_back(StoredJournalEntry{event, to_hex(previous), to_hex(hash)});
    previous = hash;
  }
  return entries;
}

// Feeds every entry and returns "ok 5" or "failed at 3 after 2: <why>".
std::string verify(ChainVerifier& verifier, const std::vector<StoredJournalEntry>& entries) {
  for (const StoredJournalEntry& entry : entries) {
    if (!verifier.feed(entry)) break;
  }
  if (verifier.ok()) return "ok " + std::to_string(verifier.verified_count());
  return "failed at " + std::to_string(verifier.failed_sequence()) + " after " +
         std::to_string(verifier.verified_count()) + ": " + *verifier.failure();
}

std::string verify(const std::vector<StoredJournalEntry>& entries) {
  ChainVerifier verifier;
  return verify(verifier, entries);
}

const std::string kZeroHashHex(64, '0');

// ---- canonical bytes and the chain hash ----------------------------------------------------

TEST(CanonicalBytes, AreTheFieldsOnTheirOwnLinesWithThePayloadLast) {
  EXPECT_EQ(canonical_bytes(placed_order()),
            "1\n1772446500000000\ncli:alice\norder.placed\nSO-2026-000001\n"
            R"({"gross":"119.00","state":"open"})");
}

TEST(CanonicalBytes, EmptyFieldsKeepTheirLines) {
  EXPECT_EQ(canonical_bytes(JournalEvent{}), "0\n0\n\n\n\n");
}

TEST(CanonicalBytes, NegativeInstantsAreWrittenAsSignedMicros) {
  JournalEvent event = placed_order();
  event.at = Timestamp{-1};
  EXPECT_EQ(canonical_bytes(event).substr(0, 5), "1\n-1\n");
}

TEST(ChainHash, IsSha256OfThePreviousHashAndTheCanonicalBytes) {
  // Known answer, computed outside o2c: sha256(32 zero bytes ‖ canonical bytes).
  EXPECT_EQ(to_hex(chain_hash(kGenesisHash, placed_order())),
            "75ce5ea2e8a4e34a8fc3907d9fa8f2da4c629c402293f4a965725969ab73404c");
  const Sha256Digest previous = sha256("anything");
  const std::string previous_bytes(previous.begin(), previous.end());
  EXPECT_EQ(chain_hash(previous, placed_order()),
            sha256(previous_bytes + canonical_bytes(placed_order())));
}

TEST(ChainHash, ChangesWithEveryFieldAndThePreviousHash) {
  const Sha256Digest original = chain_hash(kGenesisHash, placed_order());
  std::vector<JournalEvent> edits(6, placed_order());
  edits[0].sequence = 2;
  edits[1].at.unix_micros += 1;
  edits[2].actor = "cli:mallory";
  edits[3].kind = "order.rejected";
  edits[4].document = "SO-2026-000002";
  edits[5].payload = R"({"gross":"119.01","state":"open"})";
  for (std::size_t i = 0; i < edits.size(); ++i) {
    EXPECT_NE(chain_hash(kGenesisHash, edits[i]), original) << "edit " << i;
  }
  EXPECT_NE(chain_hash(sha256("other"), placed_order()), original);
}

// ---- ChainVerifier -------------------------------------------------------------------------

TEST(ChainVerifier, AnEmptyJournalVerifies) {
  ChainVerifier verifier;
  EXPECT_TRUE(verifier.ok());
  EXPECT_EQ(verifier.verified_count(), 0);
  EXPECT_EQ(verifier.head_hash_hex(), kZeroHashHex);
  EXPECT_FALSE(verifier.failure().has_value());
}

TEST(ChainVerifier, AcceptsAChainBuiltWithChainHash) {
  const std::vector<StoredJournalEntry> entries = chain(5);
  ChainVerifier verifier;
  EXPECT_EQ(verify(verifier, entries), "ok 5");
  EXPECT_EQ(verifier.head_hash_hex(), entries.back().hash_hex);
  EXPECT_EQ(entries.front().previous_hash_hex, kZeroHashHex);
}

TEST(ChainVerifier, DetectsAnEditedPayloadAndNamesThatEntry) {
  std::vector<StoredJournalEntry> entries = chain(5);
  entries[2].event.payload = R"({"n":300})";
  EXPECT_EQ(verify(entries),
            "failed at 3 after 2: entry 3 (order.placed DOC-3): stored hash does not match its "
            "contents");
}

TEST(ChainVerifier, DetectsEachEditedField) {
  const std::vector<std::pair<std::string, void (*)(JournalEvent&)>> edits = {
      {"at", [](JournalEvent& e) { e.at.unix_micros += 1; }},
      {"actor", [](JournalEvent& e) { e.actor = "mallory"; }},
      {"kind", [](JournalEvent& e) { e.kind = "order.rejected"; }},
      {"document", [](JournalEvent& e) { e.document = "DOC-99"; }},
  };
  for (const auto& [field, edit] : edits) {
    SCOPED_TRACE(field);
    std::vector<StoredJournalEntry> entries = chain(4);
    edit(entries[1].event);
    ChainVerifier verifier;
    (void)verify(verifier, entries);
    EXPECT_FALSE(verifier.ok());
    EXPECT_EQ(verifier.failed_sequence(), 2);
    EXPECT_EQ(verifier.verified_count(), 1);
  }
}

TEST(ChainVerifier, AnEditWhoseHashWasRecomputedBreaksTheNextLink) {
  std::vector<StoredJournalEntry> entries = chain(5);
  StoredJournalEntry& forged = entries[2];
  forged.event.payload = R"({"n":300})";
  Sha256Digest previous = kGenesisHash;
  for (int i = 0; i < 2; ++i) previous = chain_hash(previous, entries[i].event);
  forged.hash_hex = to_hex(chain_hash(previous, forged.event));
  EXPECT_EQ(verify(entries),
            "failed at 4 after 3: entry 4 (invoice.posted DOC-4): its previous-hash does not "
            "match the entry before it");
}

TEST(ChainVerifier, DetectsAMissingEntry) {
  std::vector<StoredJournalEntry> entries = chain(5);
  entries.erase(entries.begin() + 2);
  EXPECT_EQ(verify(entries), "failed at 3 after 2: entry 3 is missing (next stored is 4)");
}

TEST(ChainVerifier, DetectsAMissingFirstEntry) {
  std::vector<StoredJournalEntry> entries = chain(3);
  entries.erase(entries.begin());
  EXPECT_EQ(verify(entries), "failed at 1 after 0: entry 1 is missing (next stored is 2)");
}

TEST(ChainVerifier, DetectsReorderedEntries) {
  std::vector<StoredJournalEntry> entries = chain(5);
  std::swap(entries[2], entries[3]);
  EXPECT_EQ(verify(entries), "failed at 3 after 2: entry 3 is missing (next stored is 4)");
}

TEST(ChainVerifier, DetectsReorderedEventsUnderTheOldSequenceNumbers) {
  // The events of entries 3 and 4 are swapped but keep the stored sequence numbers.
  std::vector<StoredJournalEntry> entries = chain(5);
  std::swap(entries[2].event, entries[3].event);
  std::swap(entries[2].event.sequence, entries[3].event.sequence);
  ChainVerifier verifier;
  (void)verify(verifier, entries);
  EXPECT_FALSE(verifier.ok());
  EXPECT_EQ(verifier.failed_sequence(), 3);
}

TEST(ChainVerifier, DetectsADuplicatedEntry) {
  std::vector<StoredJournalEntry> entries = chain(3);
  entries.insert(entries.begin() + 2, entries[1]);
  EXPECT_EQ(verify(entries), "failed at 3 after 2: entry 3 is missing (next stored is 2)");
}

TEST(ChainVerifier, DetectsAWrongPreviousHash) {
  std::vector<StoredJournalEntry> entries = chain(5);
  entries[1].previous_hash_hex = entries[1].hash_hex;
  EXPECT_EQ(verify(entries),
            "failed at 2 after 1: entry 2 (invoice.posted DOC-2): its previous-hash does not "
            "match the entry before it");
}

TEST(ChainVerifier, TheFirstEntryMustFollowTheGenesis) {
  std::vector<StoredJournalEntry> entries = chain(2);
  entries[0].previous_hash_hex = to_hex(sha256("not genesis"));
  EXPECT_EQ(verify(entries),
            "failed at 1 after 0: entry 1 (order.placed DOC-1): its previous-hash does not "
            "match the entry before it");
}

TEST(ChainVerifier, StaysFailedAfterTheFirstBreak) {
  std::vector<StoredJournalEntry> entries = chain(4);
  entries[1].event.payload = "{}";
  ChainVerifier verifier;
  EXPECT_TRUE(verifier.feed(entries[0]));
  EXPECT_FALSE(verifier.feed(entries[1]));
  const std::string first_failure = *verifier.failure();
  // Even a correct next entry is refused, and the first failure is kept.
  EXPECT_FALSE(verifier.feed(entries[2]));
  EXPECT_FALSE(verifier.feed(entries[0]));
  EXPECT_EQ(*verifier.failure(), first_failure);
  EXPECT_EQ(verifier.failed_sequence(), 2);
  EXPECT_EQ(verifier.verified_count(), 1);
  EXPECT_EQ(verifier.head_hash_hex(), entries[0].hash_hex);
}

// ---- checkpoints ---------------------------------------------------------------------------

Sha256Digest digest_of(const StoredJournalEntry& entry) {
  Sha256Digest previous = kGenesisHash;
  for (std::int64_t sequence = 1; sequence <= entry.event.sequence; ++sequence) {
    previous = chain_hash(previous, event_number(sequence));
  }
  return previous;
}

TEST(ChainVerifierCheckpoint, VerifiesOnlyTheTail) {
  const std::vector<StoredJournalEntry> entries = chain(5);
  ChainVerifier verifier(3, digest_of(entries[2]));
  EXPECT_EQ(verify(verifier, {entries[3], entries[4]}), "ok 2");
  EXPECT_EQ(verifier.head_hash_hex(), entries[4].hash_hex);
}

TEST(ChainVerifierCheckpoint, TrustsTheCheckpointNotTheEntriesBeforeIt) {
  // The head is not re-read, so an edit before the checkpoint is not seen…
  std::vector<StoredJournalEntry> entries = chain(5);
  entries[0].event.payload = "{}";
  ChainVerifier verifier(3, digest_of(entries[2]));
  EXPECT_EQ(verify(verifier, {entries[3], entries[4]}), "ok 2");
  // …but an edit after it is.
  entries[4].event.payload = "{}";
  ChainVerifier tail(3, digest_of(entries[2]));
  EXPECT_EQ(verify(tail, {entries[3], entries[4]}),
            "failed at 5 after 1: entry 5 (order.placed DOC-5): stored hash does not match its "
            "contents");
}

TEST(ChainVerifierCheckpoint, AWrongCheckpointHashFailsTheFirstTailEntry) {
  const std::vector<StoredJournalEntry> entries = chain(5);
  ChainVerifier verifier(3, digest_of(entries[1]));
  EXPECT_EQ(verify(verifier, {entries[3], entries[4]}),
            "failed at 4 after 0: entry 4 (invoice.posted DOC-4): its previous-hash does not "
            "match the entry before it");
}

TEST(ChainVerifierCheckpoint, TheTailMustStartRightAfterTheCheckpoint) {
  const std::vector<StoredJournalEntry> entries = chain(5);
  ChainVerifier from_start(3, digest_of(entries[2]));
  EXPECT_EQ(verify(from_start, entries),
            "failed at 4 after 0: entry 4 is missing (next stored is 1)");
  ChainVerifier gap(3, digest_of(entries[2]));
  EXPECT_EQ(verify(gap, {entries[4]}),
            "failed at 4 after 0: entry 4 is missing (next stored is 5)");
}

TEST(ChainVerifierCheckpoint, CheckpointAtTheHeadWithNothingAfterIt) {
  const std::vector<StoredJournalEntry> entries = chain(5);
  ChainVerifier verifier(5, digest_of(entries[4]));
  EXPECT_TRUE(verifier.ok());
  EXPECT_EQ(verifier.verified_count(), 0);
  EXPECT_EQ(verifier.head_hash_hex(), entries[4].hash_hex);
}

TEST(ChainVerifierCheckpoint, CheckpointZeroIsTheGenesis) {
  ChainVerifier verifier(0, kGenesisHash);
  EXPECT_EQ(verify(verifier, chain(3)), "ok 3");
}

TEST(ChainVerifierCheckpointDeathTest, NegativeCheckpointAborts) {
  EXPECT_DEATH(ChainVerifier(-1, kGenesisHash), "checkpoint_sequence");
}

}  // namespace
}  // namespace o2c
