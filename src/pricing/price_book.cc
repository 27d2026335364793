// Validates PriceRules and builds the PriceBook index (price_book_index.h). Every rule is
// checked where it is written (its own fields), then against the others (ids, overlapping
// validity), so an error names the first rule and field at fault.
#include <algorithm>
#include <cctype>
#include <cstring>
#include <numeric>
#include <tuple>
#include <utility>

#include "pricing/price_book_index.h"

namespace o2c {
namespace {

std::string indexed(std::string_view table, std::size_t index) {
  return std::string(table) + "[" + std::to_string(index) + "]";
}

std::string named(std::string_view what, std::string_view id) {
  return std::string(what) + " '" + std::string(id) + "'";
}

Error rule_error(std::string reason, std::string message, std::string where) {
  return invalid_argument(std::move(reason), std::move(message), std::move(where));
}

std::uint32_t intern(StringMap<std::uint32_t>& slots, std::string_view key) {
  const auto found = slots.find(key);
  if (found != slots.end()) return found->second;
  const auto slot = static_cast<std::uint32_t>(slots.size());
  slots.emplace(std::string(key), slot);
  return slot;
}

Result<Validity> validity_of(const std::optional<Date>& from, const std::optional<Date>& to,
                             std::string_view what, const std::string& where) {
  Validity validity;
  if (from) validity.from_day = day_of(*from);
  if (to) validity.to_day = day_of(*to);
  if (validity.to_day < validity.from_day) {
    return rule_error("dates_reversed",
                      std::string(what) + ": valid_to " + format_date(*to) +
                          " is before valid_from " + format_date(*from),
                      where + ".valid_to");
  }
  return validity;
}

std::string format_validity(const Validity& validity) {
  const auto text = [](std::int32_t day, std::string_view open) {
    if (day == kDayMin || day == kDayMax) return std::string(open);
    return format_date(
        add_days(Date{std::chrono::year{1970}, std::chrono::January, std::chrono::day{1}}, day));
  };
  return text(validity.from_day, "always") + " .. " + text(validity.to_day, "open");
}

Status check_percent(BasisPoints percent, std::string_view what, const std::string& where) {
  if (percent.value < 0 || percent.value > kBasisPointsWhole) {
    return rule_error(
        "percent_out_of_range",
        std::string(what) + ": " + format_percent(percent) + " % is not between 0 and 100", where);
  }
  return {};
}

Status check_tiers(const std::vector<PriceTier>& tiers, Currency currency, std::string_view what,
                   const std::string& where) {
  if (tiers.empty()) return rule_error("no_tiers", std::string(what) + " has no price", where);
  if (tiers.size() > kPriceTiersMax) {
    return rule_error("too_many_tiers",
                      std::string(what) + " has " + std::to_string(tiers.size()) +
                          " tiers; at most " + std::to_string(kPriceTiersMax) + " allowed",
                      where + ".tiers");
  }
  for (std::size_t k = 0; k < tiers.size(); ++k) {
    const PriceTier& tier = tiers[k];
    const std::string at = where + ".tiers[" + std::to_string(k) + "]";
    if (tier.unit_price.currency != currency) {
      return rule_error("currency_mismatch",
                        std::string(what) + ": price " + format_money(tier.unit_price) +
                            " is not in " + std::string(currency.text()),
                        at + ".price");
    }
    if (tier.unit_price.minor < 0) {
      return rule_error(
          "negative_price",
          std::string(what) + ": price " + format_money(tier.unit_price) + " is negative",
          at + ".price");
    }
    if (tier.min_quantity.milli < 0 || tier.min_quantity.milli > kQuantityMilliMax) {
      return rule_error("quantity_out_of_range",
                        std::string(what) + ": min_qty " + format_quantity(tier.min_quantity) +
                            " is negative or too large",
                        at + ".min_qty");
    }
    if (k == 0) continue;
    const Quantity previous = tiers[k - 1].min_quantity;
    if (tier.min_quantity == previous) {
      return rule_error(
          "tier_overlap",
          std::string(what) + ": two tiers start at quantity " + format_quantity(previous),
          at + ".min_qty");
    }
    if (tier.min_quantity < previous) {
      return rule_error("tiers_unordered",
                        std::string(what) + ": tier min_qty " + format_quantity(tier.min_quantity) +
                            " follows " + format_quantity(previous) +
                            "; list tiers by ascending min_qty",
                        at + ".min_qty");
    }
  }
  return {};
}

Status check_country(std::string_view country, std::string_view what, const std::string& where) {
  const bool shaped = country.size() == 2 && std::isupper(static_cast<unsigned char>(country[0])) &&
                      std::isupper(static_cast<unsigned char>(country[1]));
  if (!shaped) {
    return rule_error("invalid_country",
                      std::string(what) + ": country '" + std::string(country) +
                          "' is not an ISO 3166-1 alpha-2 code like DE",
                      where + ".country");
  }
  return {};
}

// Rule ids are unique across price lists, contracts, promotions and tax rates, so that a
// trace line names exactly one rule.
class RuleIds {
 public:
  Status claim(std::string_view id, std::string_view what, const std::string& where) {
    if (id.empty()) {
      return rule_error("rule_id_missing", std::string(what) + " has no id", where + ".id");
    }
    const auto [found, inserted] = first_use_.emplace(std::string(id), where);
    if (!inserted) {
      return rule_error("duplicate_rule_id",
                        "rule id '" + std::string(id) + "' is already used by " + found->second,
                        where + ".id");
    }
    return {};
  }

 private:
  StringMap<std::string> first_use_;
};

// A price point with where it came from, for error messages, and its tiers until the points
// are sorted.
struct PendingPoint {
  PricePoint point;
  std::uint32_t owner = 0;  // SKU slot (price lists) or customer slot (contracts)
  std::vector<IndexedTier> tiers;
  std::string where;
  std::size_t list = 0;  // price lists: index of the list (duplicate vs overlap)
};

void sort_points(std::vector<PendingPoint>& points) {
  std::sort(points.begin(), points.end(), [](const PendingPoint& a, const PendingPoint& b) {
    return std::tie(a.owner, a.point.sku_slot, a.point.currency.code, a.point.segment,
                    a.point.validity.from_day) < std::tie(b.owner, b.point.sku_slot,
                                                          b.point.currency.code, b.point.segment,
                                                          b.point.validity.from_day);
  });
}

bool same_key(const PendingPoint& a, const PendingPoint& b) {
  return a.owner == b.owner && a.point.sku_slot == b.point.sku_slot &&
         a.point.currency == b.point.currency && a.point.segment == b.point.segment;
}

// Two points for the same key must not both be valid on any day: the price on a date must
// be unambiguous. Requires sort_points().
Status check_no_overlap(const std::vector<PendingPoint>& points,
                        const std::vector<std::string_view>& rule_ids, std::string_view reason,
                        std::string_view sku_of_what) {
  for (std::size_t i = 1; i < points.size(); ++i) {
    const PendingPoint& previous = points[i - 1];
    const PendingPoint& current = points[i];
    if (!same_key(previous, current)) continue;
    if (current.point.validity.from_day > previous.point.validity.to_day) continue;
    const std::string current_id(rule_ids[current.point.rule]);
    const std::string previous_id(rule_ids[previous.point.rule]);
    if (reason == "price_overlap" && previous.list == current.list) {
      return rule_error(
          "duplicate_price",
          "price list '" + current_id + "' prices the same SKU twice (" + previous.where + ")",
          current.where + ".sku");
    }
    return rule_error(std::string(reason),
                      std::string(sku_of_what) + " of " + current.where + " (" + current_id + ", " +
                          format_validity(current.point.validity) + ") overlaps " + previous.where +
                          " (" + previous_id + ", " + format_validity(previous.point.validity) +
                          "); only one may apply on a date",
                      current.where);
  }
  return {};
}

// Copies sorted points into `out`, their tiers into index.tiers in the same order (so a
// SKU's tiers sit together), and records each owner's range.
void store_points(std::vector<PendingPoint>& pending, std::size_t owners, PriceBook::Index& index,
                  std::vector<PricePoint>& out, std::vector<IndexRange>& ranges) {
  out.reserve(pending.size());
  ranges.assign(owners, IndexRange{});
  for (PendingPoint& entry : pending) {
    const auto begin = static_cast<std::uint32_t>(index.tiers.size());
    index.tiers.insert(index.tiers.end(), entry.tiers.begin(), entry.tiers.end());
    entry.point.tiers = IndexRange{begin, static_cast<std::uint32_t>(index.tiers.size())};
    O2C_ASSERT(!entry.tiers.empty());
    entry.point.first_tier = entry.tiers.front();
    out.push_back(entry.point);
  }
  for (std::size_t i = 0; i < pending.size();) {
    std::size_t j = i;
    while (j < pending.size() && pending[j].owner == pending[i].owner) ++j;
    ranges[pending[i].owner] =
        IndexRange{static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j)};
    i = j;
  }
}

std::vector<IndexedTier> indexed_tiers(const std::vector<PriceTier>& tiers) {
  std::vector<IndexedTier> out;
  out.reserve(tiers.size());
  for (const PriceTier& tier : tiers) {
    out.push_back(IndexedTier{tier.min_quantity.milli, tier.unit_price.minor});
  }
  return out;
}

Status index_price_lists(PriceBook::Index& index, RuleIds& ids) {
  std::vector<PendingPoint> pending;
  for (std::size_t i = 0; i < index.rules.price_lists.size(); ++i) {
    const PriceList& list = index.rules.price_lists[i];
    const std::string where = indexed("price_lists", i);
    const std::string what = named("price list", list.id);
    O2C_RETURN_IF_ERROR(ids.claim(list.id, "price list", where));
    O2C_ASSIGN_OR_RETURN(Validity validity,
                         validity_of(list.valid_from, list.valid_to, what, where));
    const std::uint32_t segment = intern(index.segment_slots, list.segment);
    const auto rule = static_cast<std::uint32_t>(index.rule_ids.size());
    index.rule_ids.push_back(list.id);
    for (std::size_t j = 0; j < list.prices.size(); ++j) {
      const PriceEntry& entry = list.prices[j];
      const std::string at = where + ".prices[" + std::to_string(j) + "]";
      if (entry.sku.empty()) return rule_error("sku_missing", what + ": a price has no sku", at);
      const std::string entry_what = what + " for '" + entry.sku + "'";
      O2C_RETURN_IF_ERROR(check_tiers(entry.tiers, list.currency, entry_what, at));
      const std::uint32_t slot = intern(index.sku_slots, entry.sku);
      const PricePoint point{slot, segment, list.currency, rule, validity, IndexRange{}, {}};
      pending.push_back(PendingPoint{point, slot, indexed_tiers(entry.tiers), at, i});
    }
  }
  sort_points(pending);
  O2C_RETURN_IF_ERROR(check_no_overlap(pending, index.rule_ids, "price_overlap", "the price"));
  // Slots are final only after promotions have interned their SKUs: ranges are resized later.
  store_points(pending, index.sku_slots.size(), index, index.list_points, index.list_points_by_sku);
  return {};
}

Status index_contracts(PriceBook::Index& index, RuleIds& ids) {
  std::vector<PendingPoint> pending;
  for (std::size_t i = 0; i < index.rules.contracts.size(); ++i) {
    const ContractPrice& contract = index.rules.contracts[i];
    const std::string where = indexed("contracts", i);
    const std::string what = named("contract", contract.id);
    O2C_RETURN_IF_ERROR(ids.claim(contract.id, "contract", where));
    if (contract.customer_number.empty()) {
      return rule_error("customer_missing", what + " names no customer", where + ".customer");
    }
    if (contract.sku.empty()) {
      return rule_error("sku_missing", what + " has no sku", where + ".sku");
    }
    O2C_ASSIGN_OR_RETURN(Validity validity,
                         validity_of(contract.valid_from, contract.valid_to, what, where));
    O2C_RETURN_IF_ERROR(check_tiers(contract.tiers, contract.currency, what, where));
    const std::uint32_t customer = intern(index.customer_slots, contract.customer_number);
    const std::uint32_t slot = intern(index.sku_slots, contract.sku);
    const auto rule = static_cast<std::uint32_t>(index.rule_ids.size());
    index.rule_ids.push_back(contract.id);
    const PricePoint point{slot, 0, contract.currency, rule, validity, IndexRange{}, {}};
    pending.push_back(PendingPoint{point, customer, indexed_tiers(contract.tiers), where, i});
  }
  sort_points(pending);
  O2C_RETURN_IF_ERROR(
      check_no_overlap(pending, index.rule_ids, "contract_overlap", "the contract price"));
  store_points(pending, index.customer_slots.size(), index, index.contract_points,
               index.contract_points_by_customer);
  return {};
}

Status check_promotion(const Promotion& promotion, const std::string& where) {
  const std::string what = named("promotion", promotion.id);
  switch (promotion.kind) {
    case PromotionKind::kPercentOff:
      O2C_RETURN_IF_ERROR(check_percent(promotion.percent, what, where + ".percent"));
      if (promotion.percent.value == 0) {
        return rule_error("percent_out_of_range", what + ": 0 % off does nothing",
                          where + ".percent");
      }
      break;
    case PromotionKind::kAmountOff:
      if (!promotion.amount) {
        return rule_error("amount_missing", what + " (amount_off) has no amount",
                          where + ".amount");
      }
      if (promotion.amount->minor <= 0 || promotion.amount->minor > kAmountMinorMax) {
        return rule_error("amount_must_be_positive",
                          what + ": amount " + format_money(*promotion.amount) +
                              " must be above zero and within range",
                          where + ".amount");
      }
      break;
    case PromotionKind::kBuyXGetY: {
      constexpr std::int64_t kUnitsMax = kQuantityMilliMax / 1000;
      const auto in_range = [](std::int64_t units) { return units >= 1 && units <= kUnitsMax; };
      if (!in_range(promotion.buy_units) || !in_range(promotion.free_units)) {
        return rule_error("units_must_be_positive",
                          what + ": buy and free must be whole numbers of units of at least 1",
                          where + (in_range(promotion.buy_units) ? ".free" : ".buy"));
      }
      break;
    }
  }
  if (!promotion.category.empty() && !promotion.skus.empty()) {
    return rule_error("target_ambiguous",
                      what +
                          " names both a category and skus; give one of them (or neither "
                          "for every product)",
                      where + ".skus");
  }
  for (std::size_t k = 0; k < promotion.skus.size(); ++k) {
    if (promotion.skus[k].empty()) {
      return rule_error("sku_missing", what + ": an empty sku",
                        where + ".skus[" + std::to_string(k) + "]");
    }
  }
  return {};
}

IndexedPromotion indexed_promotion(PriceBook::Index& index, const Promotion& promotion,
                                   Validity validity) {
  IndexedPromotion out;
  out.id = promotion.id;
  out.kind = promotion.kind;
  out.percent = promotion.percent;
  if (promotion.amount) out.amount = *promotion.amount;
  out.per = promotion.per;
  out.group_milli = (promotion.buy_units + promotion.free_units) * 1000;
  out.free_milli = promotion.free_units * 1000;
  out.validity = validity;
  for (const std::string& segment : promotion.segments) {
    out.segments.push_back(intern(index.segment_slots, segment));
  }
  out.on_contract_prices = promotion.on_contract_prices;
  return out;
}

// Groups promotion indices by target: each SKU slot, each category slot, then "every product".
void index_promotion_targets(PriceBook::Index& index, const std::vector<std::size_t>& order) {
  const std::size_t skus = index.sku_slots.size();
  const std::size_t categories = index.category_slots.size();
  std::vector<std::pair<std::size_t, std::uint32_t>> keyed;  // (group, promotion index)
  for (std::size_t p = 0; p < order.size(); ++p) {
    const Promotion& promotion = index.rules.promotions[order[p]];
    const auto promotion_index = static_cast<std::uint32_t>(p);
    if (!promotion.skus.empty()) {
      for (const std::string& sku : promotion.skus) {
        keyed.emplace_back(index.sku_slots.find(sku)->second, promotion_index);
      }
    } else if (!promotion.category.empty()) {
      keyed.emplace_back(skus + index.category_slots.find(promotion.category)->second,
                         promotion_index);
    } else {
      keyed.emplace_back(skus + categories, promotion_index);
    }
  }
  std::sort(keyed.begin(), keyed.end());
  keyed.erase(std::unique(keyed.begin(), keyed.end()), keyed.end());
  std::vector<IndexRange> ranges(skus + categories + 1);
  for (std::size_t i = 0; i < keyed.size();) {
    std::size_t j = i;
    while (j < keyed.size() && keyed[j].first == keyed[i].first) ++j;
    ranges[keyed[i].first] =
        IndexRange{static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j)};
    i = j;
  }
  for (const auto& [group, promotion] : keyed) index.promotion_refs.push_back(promotion);
  index.promotions_by_sku.assign(ranges.begin(),
                                 ranges.begin() + static_cast<std::ptrdiff_t>(skus));
  index.promotions_by_category.assign(ranges.begin() + static_cast<std::ptrdiff_t>(skus),
                                      ranges.end() - 1);
  index.promotions_for_all = ranges.back();
}

Status index_promotions(PriceBook::Index& index, RuleIds& ids,
                        std::vector<std::size_t>& sorted_of_original) {
  const std::vector<Promotion>& promotions = index.rules.promotions;
  std::vector<Validity> validities(promotions.size());
  for (std::size_t i = 0; i < promotions.size(); ++i) {
    const Promotion& promotion = promotions[i];
    const std::string where = indexed("promotions", i);
    O2C_RETURN_IF_ERROR(ids.claim(promotion.id, "promotion", where));
    O2C_RETURN_IF_ERROR(check_promotion(promotion, where));
    O2C_ASSIGN_OR_RETURN(validities[i], validity_of(promotion.valid_from, promotion.valid_to,
                                                    named("promotion", promotion.id), where));
    for (const std::string& sku : promotion.skus) intern(index.sku_slots, sku);
    if (!promotion.category.empty()) intern(index.category_slots, promotion.category);
  }
  std::vector<std::size_t> order(promotions.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::tie(promotions[a].priority, promotions[a].id) <
           std::tie(promotions[b].priority, promotions[b].id);
  });
  sorted_of_original.assign(promotions.size(), 0);
  for (std::size_t p = 0; p < order.size(); ++p) {
    sorted_of_original[order[p]] = p;
    index.promotions.push_back(
        indexed_promotion(index, promotions[order[p]], validities[order[p]]));
  }
  index_promotion_targets(index, order);
  return {};
}

Status index_coupons(PriceBook::Index& index, const std::vector<std::size_t>& sorted_of_original) {
  StringMap<std::size_t> promotion_by_id;
  for (std::size_t i = 0; i < index.rules.promotions.size(); ++i) {
    promotion_by_id.emplace(index.rules.promotions[i].id, i);
  }
  for (std::size_t i = 0; i < index.rules.coupons.size(); ++i) {
    const Coupon& coupon = index.rules.coupons[i];
    const std::string where = indexed("coupons", i);
    if (coupon.code.empty()) {
      return rule_error("coupon_code_missing", "a coupon has no code", where + ".code");
    }
    const std::string what = named("coupon", coupon.code);
    const auto promotion = promotion_by_id.find(coupon.promotion_id);
    if (promotion == promotion_by_id.end()) {
      return rule_error(
          "unknown_promotion",
          what + " enables promotion '" + coupon.promotion_id + "', which the rules do not define",
          where + ".promotion");
    }
    O2C_ASSIGN_OR_RETURN(Validity validity,
                         validity_of(coupon.valid_from, coupon.valid_to, what, where));
    const auto sorted = static_cast<std::uint32_t>(sorted_of_original[promotion->second]);
    index.promotions[sorted].needs_coupon = true;
    const IndexedCoupon indexed_coupon{coupon.code, sorted, index.promotions[sorted].id, validity,
                                       coupon.single_use};
    if (!index.coupons.emplace(coupon.code, indexed_coupon).second) {
      return rule_error("duplicate_coupon", what + " is defined twice", where + ".code");
    }
  }
  return {};
}

Status index_tax_rates(PriceBook::Index& index, RuleIds& ids) {
  struct PendingRate {
    std::string key;
    IndexedTaxRate rate;
    std::string where;
  };
  std::vector<PendingRate> pending;
  for (std::size_t i = 0; i < index.rules.tax_rates.size(); ++i) {
    const TaxRateRule& rule = index.rules.tax_rates[i];
    const std::string where = indexed("tax_rates", i);
    const std::string what = named("tax rate", rule.id);
    O2C_RETURN_IF_ERROR(ids.claim(rule.id, "tax rate", where));
    if (rule.category.empty()) {
      return rule_error("category_missing", what + " names no tax category", where + ".category");
    }
    O2C_RETURN_IF_ERROR(check_country(rule.country, what, where));
    O2C_RETURN_IF_ERROR(check_percent(rule.rate, what, where + ".percent"));
    O2C_ASSIGN_OR_RETURN(Validity validity,
                         validity_of(rule.valid_from, rule.valid_to, what, where));
    pending.push_back(PendingRate{tax_rate_key(rule.category, rule.country, rule.region),
                                  IndexedTaxRate{rule.id, rule.rate, validity}, where});
  }
  std::sort(pending.begin(), pending.end(), [](const PendingRate& a, const PendingRate& b) {
    return std::tie(a.key, a.rate.validity.from_day) < std::tie(b.key, b.rate.validity.from_day);
  });
  for (std::size_t i = 0; i < pending.size(); ++i) {
    if (i > 0 && pending[i].key == pending[i - 1].key &&
        pending[i].rate.validity.from_day <= pending[i - 1].rate.validity.to_day) {
      return rule_error("tax_rate_overlap",
                        "tax rate '" + std::string(pending[i].rate.id) + "' overlaps '" +
                            std::string(pending[i - 1].rate.id) +
                            "' for the same category, country and region",
                        pending[i].where + ".valid_from");
    }
    index.tax_rates.push_back(pending[i].rate);
    IndexRange& range = index.tax_rates_by_key[pending[i].key];
    if (range.end == 0) range.begin = static_cast<std::uint32_t>(i);
    range.end = static_cast<std::uint32_t>(i + 1);
  }
  return {};
}

void index_promotion_filters(PriceBook::Index& index) {
  for (const IndexedPromotion& promotion : index.promotions) {
    PromotionFilter filter;
    filter.validity = promotion.validity;
    if (promotion.kind == PromotionKind::kAmountOff) {
      filter.currency = currency_word(promotion.amount.currency);
      O2C_ASSERT(filter.currency != 0);
    }
    if (promotion.needs_coupon) filter.flags |= PromotionFilter::kNeedsCoupon;
    if (promotion.on_contract_prices) filter.flags |= PromotionFilter::kOnContractPrices;
    if (!promotion.segments.empty()) filter.flags |= PromotionFilter::kHasSegments;
    index.promotion_filters.push_back(filter);
  }
}

Status check_policy(const PricingPolicy& policy) {
  if (policy.max_discount) {
    O2C_RETURN_IF_ERROR(
        check_percent(*policy.max_discount, "the policy", "policy.max_discount_percent"));
  }
  if (policy.min_margin &&
      (policy.min_margin->value < 0 || policy.min_margin->value > kMarginBasisPointsMax)) {
    return rule_error("margin_out_of_range",
                      "the policy's min_margin_percent " + format_percent(*policy.min_margin) +
                          " is not between 0 and " +
                          format_percent(BasisPoints{kMarginBasisPointsMax}),
                      "policy.min_margin_percent");
  }
  return {};
}

Status check_rule_count(const PriceRules& rules, std::size_t& count) {
  count = rules.contracts.size() + rules.promotions.size() + rules.coupons.size() +
          rules.tax_rates.size();
  for (const PriceList& list : rules.price_lists) {
    count += std::max<std::size_t>(list.prices.size(), 1);
  }
  if (count > kPriceRulesMax) {
    return rule_error("too_many_rules",
                      "the rules hold " + std::to_string(count) + " rules; at most " +
                          std::to_string(kPriceRulesMax) + " allowed",
                      "");
  }
  return {};
}

}  // namespace

std::uint64_t hash_text(std::string_view text) {
  std::uint64_t hash = 0x9E3779B97F4A7C15ull ^ text.size();
  const char* bytes = text.data();
  std::size_t left = text.size();
  for (; left >= 8; bytes += 8, left -= 8) {
    std::uint64_t word;
    std::memcpy(&word, bytes, 8);
    hash = (hash ^ word) * 0xBF58476D1CE4E5B9ull;
    hash ^= hash >> 29;
  }
  if (left > 0) {
    std::uint64_t word = 0;
    std::memcpy(&word, bytes, left);
    hash = (hash ^ word) * 0x94D049BB133111EBull;
    hash ^= hash >> 32;
  }
  hash *= 0xBF58476D1CE4E5B9ull;
  return hash ^ (hash >> 31);
}

void FlatSlots::build(const StringMap<std::uint32_t>& slots,
                      std::span<const IndexRange> list_points,
                      std::span<const IndexRange> promotions) {
  std::size_t capacity = 16;
  while (capacity < slots.size() * 2) capacity *= 2;  // load factor at most one half
  buckets_.assign(capacity, Bucket{});
  mask_ = capacity - 1;
  keys_.clear();
  for (const auto& [key, slot] : slots) {
    O2C_ASSERT(slot != kNoSlot);
    Bucket bucket;
    bucket.key_size = static_cast<std::uint32_t>(key.size());
    if (key.size() <= kShortKeyBytesMax) {
      const ShortKey words = short_key(key);
      bucket.hash = detail::hash_short_key(words);
      bucket.words[0] = words.words[0];
      bucket.words[1] = words.words[1];
    } else {
      bucket.hash = hash_text(key);
      bucket.words[0] = keys_.size();
      keys_ += key;
    }
    bucket.info.slot = slot;
    if (slot < list_points.size()) bucket.info.list_points = list_points[slot];
    if (slot < promotions.size()) bucket.info.promotions = promotions[slot];
    std::uint64_t position = bucket.hash & mask_;
    while (buckets_[position].info.slot != kNoSlot) position = (position + 1) & mask_;
    buckets_[position] = bucket;
  }
}

std::int32_t day_of(Date date) {
  O2C_ASSERT(date.ok());
  return static_cast<std::int32_t>(to_day_number(date));
}

std::string tax_rate_key(std::string_view category, std::string_view country,
                         std::string_view region) {
  std::string key;
  key.reserve(category.size() + country.size() + region.size() + 2);
  key.append(category).append(1, '\x1f').append(country).append(1, '\x1f').append(region);
  return key;
}

PriceBook::PriceBook(std::shared_ptr<const Index> index) : index_(std::move(index)) {
  O2C_ASSERT(index_ != nullptr);
}

const PricingPolicy& PriceBook::policy() const { return index_->rules.policy; }

std::size_t PriceBook::rule_count() const { return index_->rule_count; }

Result<PriceBook> build_price_book(PriceRules rules) {
  auto index = std::make_shared<PriceBook::Index>();
  O2C_RETURN_IF_ERROR(check_rule_count(rules, index->rule_count));
  O2C_RETURN_IF_ERROR(check_policy(rules.policy));
  index->rules = std::move(rules);
  index->segment_slots.emplace("", 0);  // the default list
  RuleIds ids;
  O2C_RETURN_IF_ERROR(index_price_lists(*index, ids));
  O2C_RETURN_IF_ERROR(index_contracts(*index, ids));
  std::vector<std::size_t> sorted_of_original;
  O2C_RETURN_IF_ERROR(index_promotions(*index, ids, sorted_of_original));
  O2C_RETURN_IF_ERROR(index_coupons(*index, sorted_of_original));
  O2C_RETURN_IF_ERROR(index_tax_rates(*index, ids));
  index_promotion_filters(*index);
  // Promotions may have added SKU slots that no price names: every slot gets a range.
  index->list_points_by_sku.resize(index->sku_slots.size());
  index->sku_lookup.build(index->sku_slots, index->list_points_by_sku, index->promotions_by_sku);
  index->category_lookup.build(index->category_slots, {}, index->promotions_by_category);
  O2C_ASSERT(index->promotions_by_sku.size() == index->sku_slots.size());
  O2C_ASSERT(index->promotions.size() == index->rules.promotions.size());
  return PriceBook(std::move(index));
}

}  // namespace o2c
