// match_index.h — internal to cashapp/: the hash tables behind MatchIndex and the helpers the
// matcher shares with them. Keys are packed into 64 bits so that a million open items index
// without a string allocation each.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cashapp/cashapp.h"

namespace o2c {
namespace cashapp_internal {

// An invoice key: series year × 10^7 + sequence ("2026-123" → 20260000123).
inline constexpr std::uint64_t kKeySequenceBase = 10'000'000;
inline std::uint64_t pack_key(int year, std::int64_t sequence) {
  return static_cast<std::uint64_t>(year) * kKeySequenceBase + static_cast<std::uint64_t>(sequence);
}
void find_invoice_keys(std::string_view text, std::vector<std::uint64_t>& keys);
std::uint64_t invoice_key_of_number(std::string_view number);  // 0 when it holds none
std::string format_key(std::uint64_t key);

// (currency, amount) as one key.
inline std::uint64_t amount_key(const Money& amount) {
  const std::uint64_t code =
      (static_cast<std::uint64_t>(static_cast<unsigned char>(amount.currency.code[0])) << 16) |
      (static_cast<std::uint64_t>(static_cast<unsigned char>(amount.currency.code[1])) << 8) |
      static_cast<unsigned char>(amount.currency.code[2]);
  return (code << 40) ^ (static_cast<std::uint64_t>(amount.minor) & ((std::uint64_t{1} << 40) - 1));
}
std::uint64_t hash_text(std::string_view text);

// Bank account as compared: alphanumerics only, upper case ("de89 3704-0044" → "DE8937040044").
std::string normalize_account(std::string_view account);
// A name's distinctive tokens: upper case, punctuation folded, legal forms dropped
// ("Müller & Co. GmbH" → {"MÜLLER"}).
std::vector<std::string> name_tokens(std::string_view name);
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

// Subsets of `values` (each > 0) of 2 … `max_items` elements summing exactly to `target`,
// as positions into `values`, fewest elements first (at most kBundleSolutionsMax of them).
// Exhaustive (meet in the middle) up to kBundleExactItemsMax values; beyond, a depth-first
// search bounded by `node_budget`, and `exhaustive` says whether it finished.
inline constexpr std::size_t kBundleSolutionsMax = 4;
inline constexpr std::size_t kBundleExactItemsMax = 30;
struct BundleFind {
  std::vector<std::vector<std::size_t>> solutions;
  bool exhaustive = true;
};
BundleFind find_bundles(const std::vector<std::int64_t>& values, std::int64_t target,
                        std::size_t max_items, long node_budget);

// A multimap from 64-bit keys to element numbers: open addressing over the keys, each key
// heading a chain of elements. Lookups return the chain; callers verify what they find.
class HashChains {
 public:
  explicit HashChains(std::size_t expected_keys = 16);
  void add(std::uint64_t key, std::int32_t element);
  std::int32_t first(std::uint64_t key) const;  // -1: none
  std::int32_t next(std::int32_t node) const { return nodes_[static_cast<std::size_t>(node)].next; }
  std::int32_t element(std::int32_t node) const {
    return nodes_[static_cast<std::size_t>(node)].element;
  }
  template <typename F>
  void for_each(std::uint64_t key, F&& visit) const {
    for (std::int32_t node = first(key); node >= 0; node = next(node)) visit(element(node));
  }

 private:
  struct Node {
    std::int32_t element;
    std::int32_t next;
  };
  std::size_t slot_of(std::uint64_t key) const;
  void grow();

  std::vector<std::uint64_t> keys_;  // 0: empty slot (keys are stored + 1)
  std::vector<std::int32_t> heads_;
  std::vector<Node> nodes_;
  std::size_t used_ = 0;
  std::size_t mask_ = 0;
};

}  // namespace cashapp_internal

struct MatchIndex::Tables {
  std::vector<OpenItem> items;
  std::vector<std::uint64_t> item_key;     // invoice key of each item (0: none)
  cashapp_internal::HashChains by_key;     // invoice key → items
  cashapp_internal::HashChains by_amount;  // (currency, open) → items
  // Customers by slot: items oldest due first (CSR), and the payer profile (-1: none).
  cashapp_internal::HashChains customer_slot;  // customer id → slot
  std::vector<CustomerId> slot_customer;
  std::vector<std::int32_t> customer_begin;  // slot → first position in customer_items
  std::vector<std::int32_t> customer_items;
  std::vector<std::int32_t> customer_payer;
  // Payers.
  std::vector<PayerProfile> payers;
  std::vector<std::vector<std::string>> payer_accounts;  // normalised
  std::vector<std::vector<std::string>> payer_tokens;    // name tokens
  std::vector<std::int32_t> payer_slot;                  // payer → customer slot (-1: no items)
  cashapp_internal::HashChains by_account;               // hash of normalised account → payers
  cashapp_internal::HashChains by_token;                 // hash of a name token → payers
  std::vector<std::string> tokens;                       // distinct tokens, by number
  std::vector<std::int32_t> token_payers;                // how many payers use each token
  cashapp_internal::HashChains token_number;             // hash of a token → its number
  // Hash of each token with one character deleted → its number (typos: edit distance 1).
  cashapp_internal::HashChains by_deletion;

  std::int32_t slot_of(CustomerId customer) const;
};

}  // namespace o2c
