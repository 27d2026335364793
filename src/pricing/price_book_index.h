// price_book_index.h — internal to pricing/: the indexed form of a PriceBook. Strings that
// requests name (SKU, segment, customer, product category, coupon code) are interned once
// into dense numbers, so pricing a line costs one hash lookup for its SKU (and one for its
// category when category promotions exist) and then only looks at the rules of that SKU,
// that customer and that category. Validity windows are day numbers, inclusive.
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "core/limits.h"
#include "pricing/pricing.h"

namespace o2c {

inline constexpr std::int32_t kDayMin = std::numeric_limits<std::int32_t>::min();
inline constexpr std::int32_t kDayMax = std::numeric_limits<std::int32_t>::max();
inline constexpr std::uint32_t kNoSlot = std::numeric_limits<std::uint32_t>::max();

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const {
    return std::hash<std::string_view>{}(text);
  }
};
template <typename Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

// A cheap, well-mixed hash of any key (used for keys longer than 16 bytes).
std::uint64_t hash_text(std::string_view text);

struct IndexRange {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

// What pricing needs about a SKU or a category, found with its name in one cache line.
struct SlotInfo {
  std::uint32_t slot = kNoSlot;
  IndexRange list_points;  // SKUs: into Index::list_points
  IndexRange promotions;   // into Index::promotion_refs
};

// An open-addressing table from a name to its SlotInfo, built once and used on the hot
// path: a power-of-two array of 48-byte buckets probed linearly. Names of up to 16 bytes
// (every SKU and category we have seen) live zero-padded inside the bucket and compare as
// two words, so a lookup costs one hash and usually one cache line.
class FlatSlots {
 public:
  void build(const StringMap<std::uint32_t>& slots, std::span<const IndexRange> list_points,
             std::span<const IndexRange> promotions);
  const SlotInfo* find(std::string_view key) const;  // null when absent

 private:
  struct Bucket {
    std::uint64_t hash = 0;
    std::uint64_t words[2] = {0, 0};  // the key, or for long keys: its offset in keys_
    std::uint32_t key_size = 0;
    SlotInfo info;  // info.slot == kNoSlot: empty
  };
  std::vector<Bucket> buckets_;
  std::string keys_;  // keys longer than 16 bytes
  std::uint64_t mask_ = 0;
};

// Up to 16 bytes of a name as two zero-padded words, and equality on that form: compares
// short names without a call to memcmp (the tax-rate cache uses it per line).
struct ShortKey {
  std::uint64_t words[2] = {0, 0};
  std::uint32_t size = 0;
  bool operator==(const ShortKey&) const = default;
};
inline constexpr std::size_t kShortKeyBytesMax = 16;

namespace detail {
// The n <= 8 bytes at `bytes` as a little-endian word, zero-padded, without reading past them.
[[gnu::always_inline]] inline std::uint64_t load_partial(const char* bytes, std::size_t n) {
  if (n >= 4) {
    std::uint32_t low = 0;
    std::uint32_t high = 0;
    std::memcpy(&low, bytes, 4);
    std::memcpy(&high, bytes + n - 4, 4);  // overlaps `low` when n < 8: same bytes, same bits
    return low | (static_cast<std::uint64_t>(high) << (8 * (n - 4)));
  }
  if (n == 0) return 0;
  const auto byte = [bytes](std::size_t i) {
    return static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[i])) << (8 * i);
  };
  return byte(0) | byte(n / 2) | byte(n - 1);
}

[[gnu::always_inline]] inline std::uint64_t hash_short_key(const ShortKey& key) {
  std::uint64_t hash = (key.words[0] ^ 0x9E3779B97F4A7C15ull) * 0xBF58476D1CE4E5B9ull;
  hash ^= hash >> 31;
  hash =
      (hash ^ key.words[1] ^ (static_cast<std::uint64_t>(key.size) << 56)) * 0x94D049BB133111EBull;
  return hash ^ (hash >> 29);
}
}  // namespace detail

// Requires text.size() <= kShortKeyBytesMax.
[[gnu::always_inline]] inline ShortKey short_key(std::string_view text) {
  O2C_DEBUG_ASSERT(text.size() <= kShortKeyBytesMax);
  ShortKey key;
  key.size = static_cast<std::uint32_t>(text.size());
  if (text.size() > 8) {
    std::memcpy(&key.words[0], text.data(), 8);
    key.words[1] = detail::load_partial(text.data() + 8, text.size() - 8);
  } else {
    key.words[0] = detail::load_partial(text.data(), text.size());
  }
  return key;
}

[[gnu::always_inline]] inline const SlotInfo* FlatSlots::find(std::string_view text) const {
  if (buckets_.empty()) return nullptr;
  if (text.size() <= kShortKeyBytesMax) {
    const ShortKey key = short_key(text);
    const std::uint64_t hash = detail::hash_short_key(key);
    for (std::uint64_t position = hash & mask_;; position = (position + 1) & mask_) {
      const Bucket& bucket = buckets_[position];
      if (bucket.info.slot == kNoSlot) return nullptr;
      if (bucket.hash == hash && bucket.key_size == key.size && bucket.words[0] == key.words[0] &&
          bucket.words[1] == key.words[1]) {
        return &bucket.info;
      }
    }
  }
  const std::uint64_t hash = hash_text(text);
  for (std::uint64_t position = hash & mask_;; position = (position + 1) & mask_) {
    const Bucket& bucket = buckets_[position];
    if (bucket.info.slot == kNoSlot) return nullptr;
    if (bucket.hash == hash && bucket.key_size == text.size() &&
        std::memcmp(keys_.data() + bucket.words[0], text.data(), text.size()) == 0) {
      return &bucket.info;
    }
  }
}

struct Validity {
  std::int32_t from_day = kDayMin;
  std::int32_t to_day = kDayMax;
  bool contains(std::int32_t day) const { return from_day <= day && day <= to_day; }
};

struct IndexedTier {
  std::int64_t min_quantity_milli = 0;
  std::int64_t unit_minor = 0;  // in the point's currency
};

// A price list entry or a contract price for one SKU. Points are sorted so that those of one
// SKU (or one customer's SKU) sit together, and their tiers too. The first tier is copied into
// the point: a plain price (one tier from quantity 0, most entries) is read without touching
// the tier array.
struct PricePoint {
  std::uint32_t sku_slot = 0;
  std::uint32_t segment = 0;  // price lists: 0 = default list
  Currency currency;
  std::uint32_t rule = 0;  // into Index::rule_ids
  Validity validity;
  IndexRange tiers;  // into Index::tiers; the first is also `first_tier`
  IndexedTier first_tier;
};
static_assert(sizeof(PricePoint) == 48, "four points in three cache lines");

struct IndexedPromotion {
  std::string_view id;
  PromotionKind kind = PromotionKind::kPercentOff;
  BasisPoints percent;
  Money amount;  // kAmountOff; its currency restricts the promotion
  AmountPer per = AmountPer::kUnit;
  std::int64_t group_milli = 0;  // kBuyXGetY: (buy + free) units in milli
  std::int64_t free_milli = 0;
  Validity validity;
  std::vector<std::uint32_t> segments;  // segment slots; empty: every segment
  bool needs_coupon = false;
  bool on_contract_prices = false;
};

// Same currency, compared as one 4-byte word (code and exponent; std::array's == would call
// memcmp for the three letters).
static_assert(sizeof(Currency) == 4 && std::is_trivially_copyable_v<Currency>);
inline std::uint32_t currency_word(Currency currency) {
  std::uint32_t word = 0;
  std::memcpy(&word, &currency, sizeof currency);
  return word;
}

// What decides whether a promotion applies to a request, packed apart from the promotion so
// that filtering a line's candidates reads 16 bytes each.
struct PromotionFilter {
  static constexpr std::uint8_t kNeedsCoupon = 1;
  static constexpr std::uint8_t kOnContractPrices = 2;
  static constexpr std::uint8_t kHasSegments = 4;
  Validity validity;
  std::uint32_t currency = 0;  // currency_word() of an amount_off promotion, 0 for any
  std::uint8_t flags = 0;
};

struct IndexedCoupon {
  std::string_view code;
  std::uint32_t promotion = 0;  // index into Index::promotions
  std::string_view promotion_id;
  Validity validity;
  bool single_use = false;
};

struct IndexedTaxRate {
  std::string_view id;
  BasisPoints rate;
  Validity validity;
};

struct PriceBook::Index {
  PriceRules rules;  // owns every string the index points into
  std::size_t rule_count = 0;

  StringMap<std::uint32_t> sku_slots;  // for building; pricing looks up sku_lookup
  FlatSlots sku_lookup;
  FlatSlots category_lookup;
  std::vector<std::string_view> rule_ids;  // of price lists, then of contracts
  StringMap<std::uint32_t> segment_slots;  // "" is slot 0
  StringMap<std::uint32_t> customer_slots;
  StringMap<std::uint32_t> category_slots;
  StringMap<IndexedCoupon> coupons;
  StringMap<IndexRange> tax_rates_by_key;  // key: category '\x1f' country '\x1f' region

  std::vector<IndexedTier> tiers;
  // Price list points sorted by (SKU slot, currency, segment, from day); by SKU slot.
  std::vector<PricePoint> list_points;
  std::vector<IndexRange> list_points_by_sku;
  // Contract points sorted by (customer slot, SKU slot, currency, from day); by customer.
  std::vector<PricePoint> contract_points;
  std::vector<IndexRange> contract_points_by_customer;
  // Promotions sorted by (priority, id): an index is also the order of application.
  std::vector<IndexedPromotion> promotions;
  std::vector<PromotionFilter> promotion_filters;  // by promotion index
  std::vector<std::uint32_t> promotion_refs;       // promotion indices, grouped by the ranges below
  std::vector<IndexRange> promotions_by_sku;
  std::vector<IndexRange> promotions_by_category;
  IndexRange promotions_for_all;
  std::vector<IndexedTaxRate> tax_rates;
};

std::int32_t day_of(Date date);
std::string tax_rate_key(std::string_view category, std::string_view country,
                         std::string_view region);

}  // namespace o2c
