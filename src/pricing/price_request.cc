// The pricing engine: price_request() walks the rule precedence documented in pricing.h for
// every line. The hot path works on int64 minor units that are bounded by kAmountMinorMax
// (checked where they enter), so intermediate sums cannot overflow; 128-bit products are
// used wherever a rate or a quantity multiplies an amount.
#include <algorithm>
#include <array>
#include <utility>

#include "core/limits.h"
#include "pricing/price_book_index.h"

namespace o2c {
namespace {

// Every line and charge is at most kAmountMinorMax and its tax at most as much again, so the
// order's totals cannot overflow; add() still checks them.
static_assert((kOrderLinesMax + kShippingChargesMax) * 2 <=
              static_cast<std::size_t>(INT64_MAX / kAmountMinorMax));

ErrorKind kind_of(PricingRejection reason) {
  switch (reason) {
    case PricingRejection::kCouponUnknown:
      return ErrorKind::kNotFound;
    case PricingRejection::kCouponAlreadyRedeemed:
      return ErrorKind::kAlreadyExists;
    case PricingRejection::kCouponNotYetValid:
    case PricingRejection::kCouponExpired:
    case PricingRejection::kPriceUnknown:
    case PricingRejection::kTaxRateUnknown:
      return ErrorKind::kFailedPrecondition;
    default:
      return ErrorKind::kInvalidArgument;
  }
}

Error rejection(PricingRejection reason, std::string message, std::string where) {
  return Error{kind_of(reason), std::string(wire_name(reason)), std::move(message),
               std::move(where)};
}

std::string line_where(std::size_t index, std::string_view field) {
  std::string where = "lines[" + std::to_string(index) + "]";
  if (!field.empty()) where.append(".").append(field);
  return where;
}

// amount × numerator / denominator, rounded; the operands are bounded so the result fits.
std::int64_t scaled(std::int64_t amount, std::int64_t numerator, std::int64_t denominator,
                    Rounding rounding) {
  Result<std::int64_t> value =
      divide_rounded(static_cast<Int128>(amount) * numerator, denominator, rounding);
  return value.value();
}

struct EnabledPromotion {
  std::uint32_t promotion = 0;
  std::uint32_t coupon_use = 0;  // index into PricedOrder::coupons
  std::string_view code;         // the book's copy: traces outlive the request
};

struct TaxCacheEntry {
  std::string_view category;
  const IndexedTaxRate* rate = nullptr;
};

struct RequestContext {
  const PriceBook::Index& index;
  const PricingRequest& request;
  std::int32_t day = 0;
  std::uint32_t segment = kNoSlot;  // kNoSlot: a segment no rule names
  IndexRange contracts;             // of the customer
  std::vector<EnabledPromotion> enabled;
  std::vector<TaxCacheEntry> tax_cache;
};

Status check_request_shape(const PricingRequest& request) {
  if (request.lines.empty()) {
    return rejection(PricingRejection::kNoLines, "the order has no lines to price", "lines");
  }
  if (request.lines.size() > kOrderLinesMax) {
    return rejection(PricingRejection::kTooManyLines,
                     "the order has " + std::to_string(request.lines.size()) +
                         " lines; at most " + std::to_string(kOrderLinesMax) + " allowed",
                     "lines");
  }
  if (request.shipping.size() > kShippingChargesMax) {
    return rejection(PricingRejection::kTooManyCharges,
                     "the order has " + std::to_string(request.shipping.size()) +
                         " shipping charges; at most " + std::to_string(kShippingChargesMax) +
                         " allowed",
                     "shipping");
  }
  if (request.coupon_codes.size() > kCouponsPerRequestMax) {
    return rejection(PricingRejection::kTooManyCoupons,
                     std::to_string(request.coupon_codes.size()) + " coupons given; at most " +
                         std::to_string(kCouponsPerRequestMax) + " allowed",
                     "coupon_codes");
  }
  return {};
}

Status accept_coupon(RequestContext& context, std::size_t position, PricedOrder& order) {
  const std::string& code = context.request.coupon_codes[position];
  const std::string where = "coupon_codes[" + std::to_string(position) + "]";
  const auto& codes = context.request.coupon_codes;
  if (std::find(codes.begin(), codes.begin() + static_cast<std::ptrdiff_t>(position), code) !=
      codes.begin() + static_cast<std::ptrdiff_t>(position)) {
    return rejection(PricingRejection::kCouponListedTwice,
                     "coupon '" + code + "' is given twice; a coupon counts once", where);
  }
  const auto found = context.index.coupons.find(code);
  if (found == context.index.coupons.end()) {
    return rejection(PricingRejection::kCouponUnknown, "coupon '" + code + "' is not known",
                     where);
  }
  const IndexedCoupon& coupon = found->second;
  const std::string on = " (order date " + format_date(context.request.date) + ")";
  if (context.day < coupon.validity.from_day) {
    return rejection(PricingRejection::kCouponNotYetValid,
                     "coupon '" + code + "' is not valid yet" + on, where);
  }
  if (context.day > coupon.validity.to_day) {
    return rejection(PricingRejection::kCouponExpired, "coupon '" + code + "' has expired" + on,
                     where);
  }
  const auto& redeemed = context.request.redeemed_coupons;
  if (coupon.single_use && std::find(redeemed.begin(), redeemed.end(), code) != redeemed.end()) {
    return rejection(PricingRejection::kCouponAlreadyRedeemed,
                     "coupon '" + code + "' is single-use and has already been redeemed", where);
  }
  context.enabled.push_back(EnabledPromotion{
      coupon.promotion, static_cast<std::uint32_t>(order.coupons.size()), coupon.code});
  order.coupons.push_back(CouponUse{coupon.code, coupon.promotion_id, coupon.single_use, false});
  return {};
}

Result<RequestContext> resolve_context(const PriceBook::Index& index,
                                       const PricingRequest& request, PricedOrder& order) {
  RequestContext context{index, request, 0, kNoSlot, IndexRange{}, {}, {}};
  context.day = day_of(request.date);
  const auto segment = index.segment_slots.find(request.segment);
  if (segment != index.segment_slots.end()) context.segment = segment->second;
  const auto customer = index.customer_slots.find(request.customer_number);
  if (customer != index.customer_slots.end()) {
    context.contracts = index.contract_points_by_customer[customer->second];
  }
  for (std::size_t i = 0; i < request.coupon_codes.size(); ++i) {
    O2C_RETURN_IF_ERROR(accept_coupon(context, i, order));
  }
  return context;
}

Status check_line_amounts(const PricingRequest& request, const PricingLine& line,
                          std::size_t i) {
  if (line.quantity.milli <= 0) {
    return rejection(PricingRejection::kQuantityMustBePositive,
                     "quantity " + format_quantity(line.quantity) + " must be above zero",
                     line_where(i, "quantity"));
  }
  if (line.quantity.milli > kQuantityMilliMax) {
    return rejection(PricingRejection::kQuantityTooLarge,
                     "quantity " + format_quantity(line.quantity) + " is too large",
                     line_where(i, "quantity"));
  }
  const std::pair<const std::optional<Money>*, std::string_view> amounts[] = {
      {&line.catalog_price, "catalog_price"}, {&line.standard_cost, "standard_cost"}};
  for (const auto& [amount, field] : amounts) {
    if (!*amount) continue;
    if ((*amount)->currency != request.currency) {
      return rejection(PricingRejection::kCurrencyMismatch,
                       std::string(field) + " " + format_money(**amount) +
                           " is not in the order currency " +
                           std::string(request.currency.text()),
                       line_where(i, field));
    }
    if ((*amount)->minor < 0 || (*amount)->minor > kAmountMinorMax) {
      return rejection((*amount)->minor < 0 ? PricingRejection::kNegativeAmount
                                            : PricingRejection::kAmountOverflow,
                       std::string(field) + " " + format_money(**amount) + " is out of range",
                       line_where(i, field));
    }
  }
  if (line.manual_discount.value < 0 || line.manual_discount.value > kBasisPointsWhole) {
    return rejection(PricingRejection::kDiscountOutOfRange,
                     "discount " + format_percent(line.manual_discount) +
                         " % is not between 0 and 100",
                     line_where(i, "manual_discount"));
  }
  return {};
}

// The tier of a point for a quantity, or null when the quantity is below its first tier.
const IndexedTier* tier_for(const PriceBook::Index& index, const PricePoint& point,
                            Quantity quantity) {
  for (std::uint32_t k = point.tiers.end; k > point.tiers.begin; --k) {
    const IndexedTier& tier = index.tiers[k - 1];
    if (tier.min_quantity_milli <= quantity.milli) return &tier;
  }
  return nullptr;
}

struct BasePrice {
  PriceSource source = PriceSource::kCatalog;
  Money unit_price;
  std::string_view rule_id = "catalog";
  std::int64_t tier_milli = -1;  // -1: a plain price
};

BasePrice base_from(PriceSource source, const PricePoint& point, const IndexedTier& tier) {
  return BasePrice{source, tier.unit_price, point.rule_id,
                   tier.plain ? -1 : tier.min_quantity_milli};
}

std::optional<BasePrice> contract_price(const RequestContext& context, std::uint32_t slot,
                                        Quantity quantity) {
  const auto& points = context.index.contract_points;
  auto point = std::lower_bound(
      points.begin() + context.contracts.begin, points.begin() + context.contracts.end, slot,
      [](const PricePoint& candidate, std::uint32_t sku) { return candidate.sku_slot < sku; });
  for (; point != points.begin() + context.contracts.end && point->sku_slot == slot; ++point) {
    if (point->currency != context.request.currency || !point->validity.contains(context.day)) {
      continue;
    }
    const IndexedTier* tier = tier_for(context.index, *point, quantity);
    if (tier != nullptr) return base_from(PriceSource::kContract, *point, *tier);
  }
  return std::nullopt;
}

std::optional<BasePrice> list_price(const RequestContext& context, std::uint32_t slot,
                                    Quantity quantity) {
  const IndexRange range = context.index.list_points_by_sku[slot];
  std::optional<BasePrice> default_price;
  for (std::uint32_t k = range.begin; k < range.end; ++k) {
    const PricePoint& point = context.index.list_points[k];
    if (point.currency != context.request.currency || !point.validity.contains(context.day)) {
      continue;
    }
    const bool own_segment = point.segment == context.segment && point.segment != 0;
    if (!own_segment && point.segment != 0) continue;
    const IndexedTier* tier = tier_for(context.index, point, quantity);
    if (tier == nullptr) continue;
    if (own_segment) return base_from(PriceSource::kSegmentList, point, *tier);
    default_price = base_from(PriceSource::kDefaultList, point, *tier);
  }
  return default_price;
}

Result<BasePrice> base_price(const RequestContext& context, const PricingLine& line,
                             std::uint32_t slot, std::size_t i) {
  if (slot != kNoSlot) {
    if (context.contracts.end > context.contracts.begin) {
      if (auto price = contract_price(context, slot, line.quantity)) return *price;
    }
    if (auto price = list_price(context, slot, line.quantity)) return *price;
  }
  if (line.catalog_price) return BasePrice{PriceSource::kCatalog, *line.catalog_price};
  return rejection(PricingRejection::kPriceUnknown,
                   "no price for '" + line.sku + "' in " +
                       std::string(context.request.currency.text()) + " on " +
                       format_date(context.request.date) +
                       ": no contract, no price list for the customer's segment or the default "
                       "list, and no catalog price",
                   line_where(i, "sku"));
}

TraceKind trace_kind_of(PriceSource source) {
  switch (source) {
    case PriceSource::kContract:
      return TraceKind::kContractPrice;
    case PriceSource::kSegmentList:
      return TraceKind::kSegmentListPrice;
    case PriceSource::kDefaultList:
      return TraceKind::kDefaultListPrice;
    case PriceSource::kCatalog:
      break;
  }
  return TraceKind::kCatalogPrice;
}

// The line being priced: amounts in minor units of the request currency.
struct LineWork {
  const PricingLine& line;
  Currency currency;
  PriceSource source;
  std::int64_t base = 0;
  std::int64_t discount = 0;
  std::vector<TraceStep>& trace;

  Money money(std::int64_t minor) const { return Money{minor, currency}; }
  std::int64_t net() const { return base - discount; }
};

struct Candidate {
  std::uint32_t promotion = 0;
  std::string_view coupon;
  std::int32_t coupon_use = -1;
};

// Collects the promotions that apply to the line, in order of application. Returns false
// when the line has more candidates than kPromotionsPerLineMax.
bool collect_candidates(const RequestContext& context, const LineWork& work, std::uint32_t slot,
                        std::array<Candidate, kPromotionsPerLineMax>& out, std::size_t& count) {
  const PriceBook::Index& index = context.index;
  std::array<IndexRange, 3> ranges{IndexRange{}, IndexRange{}, index.promotions_for_all};
  if (slot != kNoSlot) ranges[0] = index.promotions_by_sku[slot];
  if (!index.promotions_by_category.empty() && !work.line.product_category.empty()) {
    const auto category = index.category_slots.find(work.line.product_category);
    if (category != index.category_slots.end()) {
      ranges[1] = index.promotions_by_category[category->second];
    }
  }
  count = 0;
  for (const IndexRange& range : ranges) {
    for (std::uint32_t k = range.begin; k < range.end; ++k) {
      const std::uint32_t p = index.promotion_refs[k];
      const IndexedPromotion& promotion = index.promotions[p];
      if (!promotion.validity.contains(context.day)) continue;
      if (promotion.kind == PromotionKind::kAmountOff &&
          promotion.amount.currency != context.request.currency) {
        continue;
      }
      if (work.source == PriceSource::kContract && !promotion.on_contract_prices) continue;
      if (!promotion.segments.empty() &&
          std::find(promotion.segments.begin(), promotion.segments.end(), context.segment) ==
              promotion.segments.end()) {
        continue;
      }
      Candidate candidate{p, {}, -1};
      if (promotion.needs_coupon) {
        const auto enabled = std::find_if(
            context.enabled.begin(), context.enabled.end(),
            [p](const EnabledPromotion& entry) { return entry.promotion == p; });
        if (enabled == context.enabled.end()) continue;
        candidate.coupon_use = static_cast<std::int32_t>(enabled->coupon_use);
        candidate.coupon = enabled->code;
      }
      if (count == out.size()) return false;
      out[count++] = candidate;
    }
  }
  std::sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(count),
            [](const Candidate& a, const Candidate& b) { return a.promotion < b.promotion; });
  return true;
}

// What one promotion takes off `amount` (the base or what earlier promotions left), never
// more than the amount itself.
std::int64_t promotion_discount(const IndexedPromotion& promotion, std::int64_t amount,
                                Quantity quantity, std::int64_t& detail) {
  std::int64_t discount = 0;
  switch (promotion.kind) {
    case PromotionKind::kPercentOff:
      detail = promotion.percent.value;
      discount = scaled(amount, promotion.percent.value, kBasisPointsWhole, Rounding::kHalfEven);
      break;
    case PromotionKind::kAmountOff:
      detail = promotion.amount.minor;
      if (promotion.per == AmountPer::kLine) {
        discount = promotion.amount.minor;
      } else if (static_cast<Int128>(promotion.amount.minor) * quantity.milli >=
                 static_cast<Int128>(amount) * 1000) {
        discount = amount;  // more than the whole line: it is free, and the product may not fit
      } else {
        discount = scaled(promotion.amount.minor, quantity.milli, 1000, Rounding::kHalfEven);
      }
      break;
    case PromotionKind::kBuyXGetY: {
      const std::int64_t free_milli = quantity.milli / promotion.group_milli * promotion.free_milli;
      detail = free_milli;
      discount = scaled(amount, free_milli, quantity.milli, Rounding::kHalfEven);
      break;
    }
  }
  return std::clamp<std::int64_t>(discount, 0, amount);
}

TraceKind trace_kind_of(PromotionKind kind) {
  switch (kind) {
    case PromotionKind::kPercentOff:
      return TraceKind::kPercentOff;
    case PromotionKind::kAmountOff:
      return TraceKind::kAmountOff;
    case PromotionKind::kBuyXGetY:
      break;
  }
  return TraceKind::kBuyXGetY;
}

void apply_promotions(const RequestContext& context, LineWork& work,
                      std::span<const Candidate> candidates, PricedOrder& order) {
  const PriceBook::Index& index = context.index;
  const bool best_price = index.rules.policy.stacking == Stacking::kBestPrice;
  std::array<std::int64_t, kPromotionsPerLineMax> discounts{};
  std::array<std::int64_t, kPromotionsPerLineMax> details{};
  std::size_t winner = candidates.size();
  for (std::size_t k = 0; k < candidates.size(); ++k) {
    const IndexedPromotion& promotion = index.promotions[candidates[k].promotion];
    const std::int64_t amount = best_price ? work.base : work.net();
    discounts[k] = promotion_discount(promotion, amount, work.line.quantity, details[k]);
    if (best_price) {
      if (discounts[k] > 0 && (winner == candidates.size() || discounts[k] > discounts[winner])) {
        winner = k;
      }
      continue;
    }
    work.trace.push_back(TraceStep{trace_kind_of(promotion.kind), promotion.id,
                                   candidates[k].coupon, work.money(amount),
                                   work.money(amount - discounts[k]), details[k]});
    work.discount += discounts[k];
    if (discounts[k] > 0 && candidates[k].coupon_use >= 0) {
      order.coupons[static_cast<std::size_t>(candidates[k].coupon_use)].applied = true;
    }
  }
  if (!best_price) return;
  for (std::size_t k = 0; k < candidates.size(); ++k) {
    const IndexedPromotion& promotion = index.promotions[candidates[k].promotion];
    const TraceKind kind = k == winner ? trace_kind_of(promotion.kind)
                                       : TraceKind::kPromotionNotApplied;
    work.trace.push_back(TraceStep{kind, promotion.id, candidates[k].coupon,
                                   work.money(work.base), work.money(work.base - discounts[k]),
                                   details[k]});
  }
  if (winner == candidates.size()) return;
  work.discount = discounts[winner];
  if (candidates[winner].coupon_use >= 0) {
    order.coupons[static_cast<std::size_t>(candidates[winner].coupon_use)].applied = true;
  }
}

void apply_manual_discount(LineWork& work) {
  const BasisPoints percent = work.line.manual_discount;
  if (percent.value == 0) return;
  const std::int64_t before = work.net();
  work.discount += scaled(before, percent.value, kBasisPointsWhole, Rounding::kHalfEven);
  work.trace.push_back(TraceStep{TraceKind::kManualDiscount, "manual_discount", {},
                                 work.money(before), work.money(work.net()), percent.value});
}

void apply_discount_cap(const PricingPolicy& policy, LineWork& work) {
  if (!policy.max_discount) return;
  const std::int64_t cap =
      scaled(work.base, policy.max_discount->value, kBasisPointsWhole, Rounding::kDown);
  if (work.discount <= cap) return;
  const std::int64_t before = work.net();
  work.discount = cap;
  work.trace.push_back(TraceStep{TraceKind::kDiscountCap, "max_discount_percent", {},
                                 work.money(before), work.money(work.net()),
                                 policy.max_discount->value});
}

MarginCheck apply_margin_guard(const PricingPolicy& policy, LineWork& work) {
  if (!policy.min_margin || !work.line.standard_cost) return MarginCheck::kNotChecked;
  const std::int32_t margin = policy.min_margin->value;
  // floor = ceil(cost × quantity × (1 + margin)); cost and quantity are bounded, so the
  // 128-bit product cannot overflow.
  const Int128 numerator = static_cast<Int128>(work.line.standard_cost->minor) *
                           work.line.quantity.milli * (kBasisPointsWhole + margin);
  constexpr Int128 kDenominator = Int128{1000} * kBasisPointsWhole;
  const Int128 floor = (numerator + kDenominator - 1) / kDenominator;
  if (floor > work.base) {
    const std::int64_t shown = floor > kAmountMinorMax ? kAmountMinorMax
                                                       : static_cast<std::int64_t>(floor);
    work.trace.push_back(TraceStep{TraceKind::kMarginBelowFloor, "min_margin_percent", {},
                                   work.money(work.base), work.money(shown), margin});
    if (work.discount > 0) {
      work.trace.push_back(TraceStep{TraceKind::kMarginGuard, "min_margin_percent", {},
                                     work.money(work.net()), work.money(work.base), margin});
      work.discount = 0;
    }
    return MarginCheck::kBelowFloor;
  }
  if (work.net() >= floor) return MarginCheck::kOk;
  const std::int64_t before = work.net();
  work.discount = work.base - static_cast<std::int64_t>(floor);
  work.trace.push_back(TraceStep{TraceKind::kMarginGuard, "min_margin_percent", {},
                                 work.money(before), work.money(work.net()), margin});
  return MarginCheck::kDiscountLimited;
}

Result<const IndexedTaxRate*> tax_rate_for(RequestContext& context, std::string_view category,
                                           const std::string& where) {
  for (const TaxCacheEntry& entry : context.tax_cache) {
    if (entry.category == category) return entry.rate;
  }
  const PricingRequest& request = context.request;
  const auto lookup = [&](std::string_view region) -> const IndexedTaxRate* {
    const auto found =
        context.index.tax_rates_by_key.find(tax_rate_key(category, request.ship_to_country, region));
    if (found == context.index.tax_rates_by_key.end()) return nullptr;
    for (std::uint32_t k = found->second.begin; k < found->second.end; ++k) {
      if (context.index.tax_rates[k].validity.contains(context.day)) {
        return &context.index.tax_rates[k];
      }
    }
    return nullptr;
  };
  const IndexedTaxRate* rate = request.ship_to_region.empty() ? nullptr : lookup(request.ship_to_region);
  if (rate == nullptr) rate = lookup("");
  if (rate == nullptr) {
    std::string place = request.ship_to_country.empty() ? "no ship-to country" : request.ship_to_country;
    if (!request.ship_to_region.empty()) place += "-" + request.ship_to_region;
    return rejection(PricingRejection::kTaxRateUnknown,
                     "no tax rate for tax category '" + std::string(category) + "' in " + place +
                         " on " + format_date(request.date),
                     where);
  }
  context.tax_cache.push_back(TaxCacheEntry{category, rate});
  return rate;
}

// Records the tax rate and a tax step whose amount the tax pass fills in.
Status add_tax_step(RequestContext& context, std::string_view category, Money net,
                    const std::string& where, BasisPoints& rate, std::vector<TraceStep>& trace) {
  if (context.request.tax_exempt) {
    rate = BasisPoints{0};
    trace.push_back(TraceStep{TraceKind::kTaxExempt, "tax_exempt", {}, net, zero(net.currency), 0});
    return {};
  }
  O2C_ASSIGN_OR_RETURN(const IndexedTaxRate* found, tax_rate_for(context, category, where));
  rate = found->rate;
  const TraceKind kind = context.index.rules.policy.tax_rounding == TaxRounding::kPerLine
                             ? TraceKind::kTax
                             : TraceKind::kTaxDocumentShare;
  trace.push_back(TraceStep{kind, found->id, {}, net, zero(net.currency), rate.value});
  return {};
}

Status price_line(RequestContext& context, std::size_t i, PricedOrder& order) {
  const PricingRequest& request = context.request;
  const PricingLine& line = request.lines[i];
  O2C_RETURN_IF_ERROR(check_line_amounts(request, line, i));
  const auto found_slot = context.index.sku_slots.find(line.sku);
  const std::uint32_t slot = found_slot == context.index.sku_slots.end() ? kNoSlot : found_slot->second;
  O2C_ASSIGN_OR_RETURN(BasePrice base, base_price(context, line, slot, i));
  PricedLine& priced = order.lines.emplace_back();
  priced.trace.begin = static_cast<std::uint32_t>(order.trace.size());
  order.trace.push_back(TraceStep{trace_kind_of(base.source), base.rule_id, {},
                                  line.catalog_price.value_or(base.unit_price), base.unit_price,
                                  base.tier_milli});
  const Result<Money> base_amount = extend(base.unit_price, line.quantity, Rounding::kHalfEven);
  if (!base_amount || base_amount->minor > kAmountMinorMax) {
    return rejection(PricingRejection::kAmountOverflow,
                     "unit price " + format_money(base.unit_price) + " × quantity " +
                         format_quantity(line.quantity) + " is too large for an exact amount",
                     line_where(i, "quantity"));
  }
  LineWork work{line, request.currency, base.source, base_amount->minor, 0, order.trace};
  std::array<Candidate, kPromotionsPerLineMax> candidates;
  std::size_t count = 0;
  if (!collect_candidates(context, work, slot, candidates, count)) {
    return rejection(PricingRejection::kTooManyPromotions,
                     "more than " + std::to_string(kPromotionsPerLineMax) +
                         " promotions apply to '" + line.sku + "'",
                     line_where(i, "sku"));
  }
  apply_promotions(context, work, std::span<const Candidate>(candidates.data(), count), order);
  apply_manual_discount(work);
  const PricingPolicy& policy = context.index.rules.policy;
  apply_discount_cap(policy, work);
  priced.margin = apply_margin_guard(policy, work);
  O2C_ASSERT(work.discount >= 0 && work.discount <= work.base);
  priced.source = base.source;
  priced.unit_price = base.unit_price;
  priced.base_amount = work.money(work.base);
  priced.discount = work.money(work.discount);
  priced.net = work.money(work.net());
  O2C_RETURN_IF_ERROR(add_tax_step(context, line.tax_category, priced.net,
                                   line_where(i, "tax_category"), priced.tax_rate, order.trace));
  priced.tax = zero(request.currency);
  priced.trace.end = static_cast<std::uint32_t>(order.trace.size());
  return {};
}

Status price_charge(RequestContext& context, std::size_t i, PricedOrder& order) {
  const ShippingCharge& charge = context.request.shipping[i];
  const std::string where = "shipping[" + std::to_string(i) + "]";
  if (charge.amount.currency != context.request.currency) {
    return rejection(PricingRejection::kCurrencyMismatch,
                     "shipping charge " + format_money(charge.amount) +
                         " is not in the order currency " +
                         std::string(context.request.currency.text()),
                     where + ".amount");
  }
  if (charge.amount.minor < 0 || charge.amount.minor > kAmountMinorMax) {
    return rejection(charge.amount.minor < 0 ? PricingRejection::kNegativeAmount
                                             : PricingRejection::kAmountOverflow,
                     "shipping charge " + format_money(charge.amount) + " is out of range",
                     where + ".amount");
  }
  PricedCharge& priced = order.charges.emplace_back();
  priced.net = charge.amount;
  priced.tax = zero(charge.amount.currency);
  priced.trace.begin = static_cast<std::uint32_t>(order.trace.size());
  O2C_RETURN_IF_ERROR(add_tax_step(context, charge.tax_category, priced.net,
                                   where + ".tax_category", priced.tax_rate, order.trace));
  priced.trace.end = static_cast<std::uint32_t>(order.trace.size());
  return {};
}

// One taxable amount (a line or a charge) and where its tax goes.
struct Taxable {
  Money net;
  BasisPoints rate;
  Money* tax = nullptr;
  TraceStep* step = nullptr;  // the tax step to fill
};

std::vector<Taxable> taxables_of(PricedOrder& order) {
  std::vector<Taxable> taxables;
  taxables.reserve(order.lines.size() + order.charges.size());
  for (PricedLine& line : order.lines) {
    taxables.push_back({line.net, line.tax_rate, &line.tax, &order.trace[line.trace.end - 1]});
  }
  for (PricedCharge& charge : order.charges) {
    taxables.push_back(
        {charge.net, charge.tax_rate, &charge.tax, &order.trace[charge.trace.end - 1]});
  }
  return taxables;
}

void set_tax(Taxable& taxable, std::int64_t tax_minor) {
  *taxable.tax = Money{tax_minor, taxable.net.currency};
  if (taxable.step->kind != TraceKind::kTaxExempt) taxable.step->after = *taxable.tax;
}

// Fills every line's and charge's tax under the book's rounding policy and builds the
// breakdown by rate. Nets are bounded by kAmountMinorMax and there are at most
// kOrderLinesMax lines, so sums per rate stay in 128 bits and taxes fit int64 (checked).
Status compute_taxes(TaxRounding rounding, PricedOrder& order) {
  std::vector<Taxable> taxables = taxables_of(order);
  std::vector<BasisPoints> rates;
  for (const Taxable& taxable : taxables) rates.push_back(taxable.rate);
  std::sort(rates.begin(), rates.end());
  rates.erase(std::unique(rates.begin(), rates.end()), rates.end());
  for (BasisPoints rate : rates) {
    Int128 taxable_sum = 0;
    std::vector<std::int64_t> weights;
    std::vector<Taxable*> members;
    for (Taxable& taxable : taxables) {
      if (taxable.rate != rate) continue;
      taxable_sum += taxable.net.minor;
      weights.push_back(taxable.net.minor);
      members.push_back(&taxable);
    }
    O2C_ASSIGN_OR_RETURN(std::int64_t taxable_minor,
                         divide_rounded(taxable_sum, 1, Rounding::kHalfEven));
    O2C_ASSIGN_OR_RETURN(
        std::int64_t group_tax,
        divide_rounded(taxable_sum * rate.value, kBasisPointsWhole, Rounding::kHalfEven));
    if (rounding == TaxRounding::kPerLine) {
      group_tax = 0;
      for (Taxable* member : members) {
        const std::int64_t tax =
            scaled(member->net.minor, rate.value, kBasisPointsWhole, Rounding::kHalfEven);
        set_tax(*member, tax);
        group_tax += tax;
      }
    } else if (group_tax != 0) {
      O2C_ASSIGN_OR_RETURN(std::vector<Money> shares,
                           allocate(Money{group_tax, order.currency}, weights));
      for (std::size_t k = 0; k < members.size(); ++k) set_tax(*members[k], shares[k].minor);
    }
    order.tax_breakdown.push_back(TaxSubtotal{rate, Money{taxable_minor, order.currency},
                                              Money{group_tax, order.currency}});
  }
  return {};
}

Status compute_totals(PricedOrder& order) {
  const Currency currency = order.currency;
  order.discount_total = order.net_total = order.tax_total = zero(currency);
  for (const PricedLine& line : order.lines) {
    O2C_ASSIGN_OR_RETURN(order.discount_total, add(order.discount_total, line.discount));
    O2C_ASSIGN_OR_RETURN(order.net_total, add(order.net_total, line.net));
    O2C_ASSIGN_OR_RETURN(order.tax_total, add(order.tax_total, line.tax));
  }
  for (const PricedCharge& charge : order.charges) {
    O2C_ASSIGN_OR_RETURN(order.net_total, add(order.net_total, charge.net));
    O2C_ASSIGN_OR_RETURN(order.tax_total, add(order.tax_total, charge.tax));
  }
  O2C_ASSIGN_OR_RETURN(order.gross_total, add(order.net_total, order.tax_total));
  // Lines and charges add up to the breakdown, whatever the rounding policy.
  Money breakdown_tax = zero(currency);
  for (const TaxSubtotal& subtotal : order.tax_breakdown) {
    O2C_ASSIGN_OR_RETURN(breakdown_tax, add(breakdown_tax, subtotal.tax));
  }
  O2C_ASSERT(breakdown_tax == order.tax_total);
  return {};
}

Status price_into(const PriceBook& book, const PricingRequest& request, PricedOrder& order) {
  O2C_RETURN_IF_ERROR(check_request_shape(request));
  const PriceBook::Index& index = book.index();
  O2C_ASSIGN_OR_RETURN(RequestContext context, resolve_context(index, request, order));
  order.lines.reserve(request.lines.size());
  order.charges.reserve(request.shipping.size());
  order.trace.reserve(request.lines.size() * 4 + request.shipping.size());
  for (std::size_t i = 0; i < request.lines.size(); ++i) {
    O2C_RETURN_IF_ERROR(price_line(context, i, order));
  }
  for (std::size_t i = 0; i < request.shipping.size(); ++i) {
    O2C_RETURN_IF_ERROR(price_charge(context, i, order));
  }
  O2C_RETURN_IF_ERROR(compute_taxes(order.tax_rounding, order));
  return compute_totals(order);
}

}  // namespace

Result<PricedOrder> price_request(const PriceBook& book, const PricingRequest& request) {
  PricedOrder order;
  order.currency = request.currency;
  order.tax_rounding = book.policy().tax_rounding;
  const Status status = price_into(book, request, order);
  if (!status.has_value()) {
    // Sums that overflow report core's amount_overflow (the same wire name) without a place.
    Error error = status.error();
    if (error.where.empty()) error.where = "totals";
    return error;
  }
  O2C_ASSERT(order.lines.size() == request.lines.size());
  O2C_ASSERT(order.charges.size() == request.shipping.size());
  return order;
}

std::vector<Result<PricedOrder>> price_requests(const PriceBook& book,
                                                std::span<const PricingRequest> requests) {
  std::vector<Result<PricedOrder>> results;
  results.reserve(requests.size());
  for (const PricingRequest& request : requests) results.push_back(price_request(book, request));
  return results;
}

}  // namespace o2c
