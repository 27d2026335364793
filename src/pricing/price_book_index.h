// price_book_index.h — internal to pricing/: the indexed form of a PriceBook. Strings that
// requests name (SKU, segment, customer, product category, coupon code) are interned once
// into dense numbers, so pricing a line costs one hash lookup for its SKU (and one for its
// category when category promotions exist) and then only looks at the rules of that SKU,
// that customer and that category. Validity windows are day numbers, inclusive.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
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

struct Validity {
  std::int32_t from_day = kDayMin;
  std::int32_t to_day = kDayMax;
  bool contains(std::int32_t day) const { return from_day <= day && day <= to_day; }
};

struct IndexRange {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

struct IndexedTier {
  std::int64_t min_quantity_milli = 0;
  Money unit_price;
  bool plain = false;  // the entry is a single price, not a tier table
};

// A price list entry or a contract price, for one SKU slot.
struct PricePoint {
  std::uint32_t owner = 0;  // SKU slot (price lists) or customer slot (contracts)
  std::uint32_t sku_slot = 0;
  Currency currency;
  std::uint32_t segment = 0;  // price lists: 0 = default list
  Validity validity;
  IndexRange tiers;  // into Index::tiers
  std::string_view rule_id;
};

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

  StringMap<std::uint32_t> sku_slots;
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
  std::vector<std::uint32_t> promotion_refs;  // promotion indices, grouped by the ranges below
  std::vector<IndexRange> promotions_by_sku;
  std::vector<IndexRange> promotions_by_category;
  IndexRange promotions_for_all;
  std::vector<IndexedTaxRate> tax_rates;
};

std::int32_t day_of(Date date);
std::string tax_rate_key(std::string_view category, std::string_view country,
                         std::string_view region);

}  // namespace o2c
