// The pricing engine: price_request() walks the rule precedence documented in pricing.h for
// every line. The hot path works on int64 minor units that are bounded by kAmountMinorMax
// (checked where they enter), so intermediate sums cannot overflow; 128-bit products are
// used wherever a rate or a quantity multiplies an amount.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <new>
#include <type_traits>
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

// product / denominator rounded, in 64 bits (core's divide_rounded works in 128 bits; this
// is the same rule for the common case where the product fits). Always inlined, so that the
// constant denominators (1000 for quantities, 10,000 for rates) become multiplications.
[[gnu::always_inline]] inline std::int64_t divide_rounded_64(std::int64_t product,
                                                             std::int64_t denominator,
                                                             Rounding rounding) {
  O2C_DEBUG_ASSERT(denominator > 0 && denominator < (std::int64_t{1} << 62));
  std::int64_t quotient = product / denominator;
  const std::int64_t remainder = product % denominator;
  if (remainder == 0 || rounding == Rounding::kDown) return quotient;
  const std::int64_t twice = (remainder < 0 ? -remainder : remainder) * 2;
  const std::int64_t away = product < 0 ? -1 : 1;
  if (twice > denominator ||
      (twice == denominator && (rounding == Rounding::kHalfUp || quotient % 2 != 0))) {
    quotient += away;
  }
  return quotient;
}

[[gnu::noinline]] Result<std::int64_t> scaled_wide(std::int64_t amount, std::int64_t numerator,
                                                   std::int64_t denominator, Rounding rounding) {
  return divide_rounded(static_cast<Int128>(amount) * numerator, denominator, rounding);
}

// amount × numerator / denominator, rounded, into `out`; false when it does not fit int64.
[[gnu::always_inline]] inline bool scaled_fits(std::int64_t amount, std::int64_t numerator,
                                               std::int64_t denominator, Rounding rounding,
                                               std::int64_t& out) {
  std::int64_t product = 0;
  if (!__builtin_mul_overflow(amount, numerator, &product)) [[likely]] {
    out = divide_rounded_64(product, denominator, rounding);
    return true;
  }
  const Result<std::int64_t> wide = scaled_wide(amount, numerator, denominator, rounding);
  if (!wide) return false;
  out = *wide;
  return true;
}

// The same for operands bounded so that the result fits (an amount times a rate, a part of
// an amount): a failure would be our own bug.
[[gnu::always_inline]] inline std::int64_t scaled(std::int64_t amount, std::int64_t numerator,
                                                  std::int64_t denominator, Rounding rounding) {
  std::int64_t product = 0;
  if (!__builtin_mul_overflow(amount, numerator, &product)) [[likely]] {
    return divide_rounded_64(product, denominator, rounding);
  }
  return scaled_wide(amount, numerator, denominator, rounding).value();
}

struct EnabledPromotion {
  std::uint32_t promotion = 0;
  std::uint32_t coupon_use = 0;  // index into PricedOrder::coupons
  std::string_view code;         // the book's copy: traces outlive the request
};

// The steps of one line (or charge), built on the stack and appended to the order's trace
// in one go: one vector insert per line instead of one per step.
class LineTrace {
 public:
  static constexpr std::size_t kStepsMax = kPromotionsPerLineMax + 8;

  std::size_t size() const { return size_; }
  void set_kind(std::size_t step, TraceKind kind) {
    O2C_ASSERT(step < size_);
    steps()[step].kind = kind;
  }
  void append_to(std::vector<TraceStep>& trace) const {
    trace.insert(trace.end(), steps(), steps() + size_);
  }

 private:
  friend void record(LineTrace& trace, TraceKind kind, std::string_view rule_id,
                     std::string_view coupon, Money before, Money after, std::int64_t detail);
  TraceStep* steps() { return std::launder(reinterpret_cast<TraceStep*>(storage_)); }
  const TraceStep* steps() const {
    return std::launder(reinterpret_cast<const TraceStep*>(storage_));
  }

  // Raw storage: only the steps a line records are constructed.
  alignas(TraceStep) std::byte storage_[kStepsMax * sizeof(TraceStep)];
  std::size_t size_ = 0;
};
static_assert(std::is_trivially_copyable_v<TraceStep> &&
              std::is_trivially_destructible_v<TraceStep>);

[[gnu::always_inline]] inline void record(LineTrace& trace, TraceKind kind,
                                          std::string_view rule_id, std::string_view coupon,
                                          Money before, Money after, std::int64_t detail) {
  O2C_ASSERT(trace.size_ < LineTrace::kStepsMax);
  new (trace.storage_ + trace.size_ * sizeof(TraceStep))
      TraceStep{kind, rule_id, coupon, before, after, detail};
  ++trace.size_;
}

struct TaxCacheEntry {
  ShortKey category;  // categories longer than kShortKeyBytesMax are not cached
  const IndexedTaxRate* rate = nullptr;
  std::uint32_t subtotal = 0;  // index into PricedOrder::tax_breakdown
};

// Trivially constructible: a line keeps an uninitialised array of these on the stack and
// fills only what it uses.
struct Candidate {
  std::uint32_t promotion;
  std::int32_t coupon_use;  // index into PricedOrder::coupons, -1: no coupon
};

bool same_currency(Currency left, Currency right) {
  return currency_word(left) == currency_word(right);
}

struct RequestContext {
  const PriceBook::Index& index;
  const PricingRequest& request;
  std::int32_t day = 0;
  std::uint32_t segment = kNoSlot;  // kNoSlot: a segment no rule names
  IndexRange contracts;             // of the customer
  std::vector<EnabledPromotion> enabled;
  std::vector<TaxCacheEntry> tax_cache;
  std::vector<Candidate> for_all;             // promotions for every product this request admits
  TraceKind tax_step_kind = TraceKind::kTax;  // or kTaxDocumentShare, by the book's policy
};

Status check_request_shape(const PricingRequest& request) {
  if (!request.date.ok()) {
    return rejection(PricingRejection::kInvalidDate, "the order date is not a calendar day",
                     "date");
  }
  if (request.lines.empty()) {
    return rejection(PricingRejection::kNoLines, "the order has no lines to price", "lines");
  }
  if (request.lines.size() > kOrderLinesMax) {
    return rejection(PricingRejection::kTooManyLines,
                     "the order has " + std::to_string(request.lines.size()) + " lines; at most " +
                         std::to_string(kOrderLinesMax) + " allowed",
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
    return rejection(PricingRejection::kCouponUnknown, "coupon '" + code + "' is not known", where);
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

void admit_promotions_for_all(RequestContext& context);  // below, with the promotions

Result<RequestContext> resolve_context(const PriceBook::Index& index, const PricingRequest& request,
                                       PricedOrder& order) {
  RequestContext context{index, request, 0, kNoSlot, IndexRange{}, {}, {}, {}, TraceKind::kTax};
  if (index.rules.policy.tax_rounding == TaxRounding::kPerDocument) {
    context.tax_step_kind = TraceKind::kTaxDocumentShare;
  }
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
  admit_promotions_for_all(context);
  return context;
}

bool amount_ok(const std::optional<Money>& amount, Currency currency) {
  return !amount || (same_currency(amount->currency, currency) && amount->minor >= 0 &&
                     amount->minor <= kAmountMinorMax);
}

// The checks of a line's own fields, in the order of PricingRejection.
[[gnu::noinline]] Error line_amounts_error(const PricingRequest& request, const PricingLine& line,
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
    if (amount_ok(*amount, request.currency)) continue;
    if (!same_currency((*amount)->currency, request.currency)) {
      return rejection(PricingRejection::kCurrencyMismatch,
                       std::string(field) + " " + format_money(**amount) +
                           " is not in the order currency " + std::string(request.currency.text()),
                       line_where(i, field));
    }
    return rejection((*amount)->minor < 0 ? PricingRejection::kNegativeAmount
                                          : PricingRejection::kAmountOverflow,
                     std::string(field) + " " + format_money(**amount) + " is out of range",
                     line_where(i, field));
  }
  O2C_ASSERT(line.manual_discount.value < 0 || line.manual_discount.value > kBasisPointsWhole);
  return rejection(
      PricingRejection::kDiscountOutOfRange,
      "discount " + format_percent(line.manual_discount) + " % is not between 0 and 100",
      line_where(i, "manual_discount"));
}

bool line_amounts_ok(const PricingRequest& request, const PricingLine& line) {
  return line.quantity.milli > 0 && line.quantity.milli <= kQuantityMilliMax &&
         amount_ok(line.catalog_price, request.currency) &&
         amount_ok(line.standard_cost, request.currency) && line.manual_discount.value >= 0 &&
         line.manual_discount.value <= kBasisPointsWhole;
}

// The tier of a point for a quantity, or null when the quantity is below its first tier.
const IndexedTier* tier_for(const PriceBook::Index& index, const PricePoint& point,
                            Quantity quantity) {
  if (point.tiers.end - point.tiers.begin == 1) {
    return point.first_tier.min_quantity_milli <= quantity.milli ? &point.first_tier : nullptr;
  }
  for (std::uint32_t k = point.tiers.end; k > point.tiers.begin; --k) {
    const IndexedTier& tier = index.tiers[k - 1];
    if (tier.min_quantity_milli <= quantity.milli) return &tier;
  }
  return nullptr;
}

bool is_plain_price(const PricePoint& point, const IndexedTier& tier) {
  return point.tiers.end - point.tiers.begin == 1 && tier.min_quantity_milli == 0;
}

// Where a line's unit price comes from: a point and its tier, or the catalog price (no point).
struct BasePrice {
  PriceSource source = PriceSource::kCatalog;
  const PricePoint* point = nullptr;
  const IndexedTier* tier = nullptr;
};

const PricePoint* contract_point(const RequestContext& context, std::uint32_t slot,
                                 Quantity quantity, const IndexedTier*& tier) {
  const PricePoint* points = context.index.contract_points.data();
  const PricePoint* end = points + context.contracts.end;
  const PricePoint* point = std::lower_bound(
      points + context.contracts.begin, end, slot,
      [](const PricePoint& candidate, std::uint32_t sku) { return candidate.sku_slot < sku; });
  const std::uint32_t currency = currency_word(context.request.currency);
  for (; point != end && point->sku_slot == slot; ++point) {
    if (currency_word(point->currency) != currency || !point->validity.contains(context.day)) {
      continue;
    }
    tier = tier_for(context.index, *point, quantity);
    if (tier != nullptr) return point;
  }
  return nullptr;
}

// The segment's list point if it prices the quantity, else the default list's.
BasePrice list_price(const RequestContext& context, const SlotInfo& sku, Quantity quantity) {
  BasePrice found;
  const PricePoint* points = context.index.list_points.data();
  const std::uint32_t currency = currency_word(context.request.currency);
  for (std::uint32_t k = sku.list_points.begin; k < sku.list_points.end; ++k) {
    const PricePoint& point = points[k];
    if (currency_word(point.currency) != currency || !point.validity.contains(context.day)) {
      continue;
    }
    const bool own_segment = point.segment == context.segment && point.segment != 0;
    if (!own_segment && point.segment != 0) continue;
    const IndexedTier* tier = tier_for(context.index, point, quantity);
    if (tier == nullptr) continue;
    if (own_segment) return BasePrice{PriceSource::kSegmentList, &point, tier};
    found = BasePrice{PriceSource::kDefaultList, &point, tier};
  }
  return found;
}

// The unit price by precedence; point null and source kCatalog without a catalog price means
// there is none.
BasePrice base_price(const RequestContext& context, const PricingLine& line, const SlotInfo* sku) {
  if (sku != nullptr) {
    if (context.contracts.end > context.contracts.begin) {
      const IndexedTier* tier = nullptr;
      const PricePoint* point = contract_point(context, sku->slot, line.quantity, tier);
      if (point != nullptr) return BasePrice{PriceSource::kContract, point, tier};
    }
    const BasePrice listed = list_price(context, *sku, line.quantity);
    if (listed.point != nullptr) return listed;
  }
  return BasePrice{};
}

[[gnu::noinline]] Error price_unknown(const RequestContext& context, const PricingLine& line,
                                      std::size_t i) {
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
  LineTrace& trace;

  Money money(std::int64_t minor) const { return Money{minor, currency}; }
  std::int64_t net() const { return base - discount; }
};

// Whether a promotion applies to this request at all: every test but the contract-price one
// depends only on the request, so promotions for every product are filtered once per request.
[[gnu::always_inline]] inline bool request_admits(const RequestContext& context, std::uint32_t p,
                                                  Candidate& candidate) {
  const PromotionFilter& filter = context.index.promotion_filters[p];
  if (!filter.validity.contains(context.day)) return false;
  if (filter.currency != 0 && filter.currency != currency_word(context.request.currency)) {
    return false;
  }
  if ((filter.flags & PromotionFilter::kHasSegments) != 0) {
    const std::vector<std::uint32_t>& segments = context.index.promotions[p].segments;
    if (std::find(segments.begin(), segments.end(), context.segment) == segments.end()) {
      return false;
    }
  }
  candidate = Candidate{p, -1};
  if ((filter.flags & PromotionFilter::kNeedsCoupon) == 0) return true;
  for (const EnabledPromotion& enabled : context.enabled) {
    if (enabled.promotion != p) continue;
    candidate.coupon_use = static_cast<std::int32_t>(enabled.coupon_use);
    return true;
  }
  return false;
}

void admit_promotions_for_all(RequestContext& context) {
  const IndexRange range = context.index.promotions_for_all;
  for (std::uint32_t k = range.begin; k < range.end; ++k) {
    Candidate candidate;
    if (request_admits(context, context.index.promotion_refs[k], candidate)) {
      context.for_all.push_back(candidate);
    }
  }
}

// Collects the promotions that apply to the line, in order of application. Returns false
// when the line has more candidates than kPromotionsPerLineMax.
bool collect_candidates(const RequestContext& context, const LineWork& work, const SlotInfo* sku,
                        std::array<Candidate, kPromotionsPerLineMax>& out, std::size_t& count) {
  const PriceBook::Index& index = context.index;
  std::array<IndexRange, 2> ranges{};
  if (sku != nullptr) ranges[0] = sku->promotions;
  if (!index.promotions_by_category.empty() && !work.line.product_category.empty()) {
    const SlotInfo* category = index.category_lookup.find(work.line.product_category);
    if (category != nullptr) ranges[1] = category->promotions;
  }
  const bool contract = work.source == PriceSource::kContract;
  const auto admit = [&](const Candidate& candidate) {
    if (contract && (index.promotion_filters[candidate.promotion].flags &
                     PromotionFilter::kOnContractPrices) == 0) {
      return true;
    }
    if (count == out.size()) return false;
    out[count++] = candidate;
    return true;
  };
  count = 0;
  for (const IndexRange& range : ranges) {
    for (std::uint32_t k = range.begin; k < range.end; ++k) {
      Candidate candidate;
      if (request_admits(context, index.promotion_refs[k], candidate) && !admit(candidate)) {
        return false;
      }
    }
  }
  for (const Candidate& candidate : context.for_all) {
    if (!admit(candidate)) return false;
  }
  // Insertion sort: a line has a handful of candidates, in order of application.
  for (std::size_t k = 1; k < count; ++k) {
    const Candidate moving = out[k];
    std::size_t j = k;
    for (; j > 0 && out[j - 1].promotion > moving.promotion; --j) out[j] = out[j - 1];
    out[j] = moving;
  }
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

std::string_view coupon_of(const Candidate& candidate, const PricedOrder& order) {
  if (candidate.coupon_use < 0) return {};
  return order.coupons[static_cast<std::size_t>(candidate.coupon_use)].code;
}

void apply_promotions(const RequestContext& context, LineWork& work,
                      std::span<const Candidate> candidates, PricedOrder& order) {
  const PriceBook::Index& index = context.index;
  const bool best_price = index.rules.policy.stacking == Stacking::kBestPrice;
  // Best price: every candidate is computed on the base and recorded as not applied; the
  // largest (the earliest on a tie) is then marked applied.
  std::size_t winner_step = 0;
  std::int64_t winner_discount = 0;
  std::int32_t winner_coupon = -1;
  TraceKind winner_kind = TraceKind::kPromotionNotApplied;
  for (const Candidate& candidate : candidates) {
    const IndexedPromotion& promotion = index.promotions[candidate.promotion];
    const std::int64_t amount = best_price ? work.base : work.net();
    std::int64_t detail = 0;
    const std::int64_t discount = promotion_discount(promotion, amount, work.line.quantity, detail);
    const TraceKind kind = trace_kind_of(promotion.kind);
    if (best_price && discount > winner_discount) {
      winner_step = work.trace.size();
      winner_discount = discount;
      winner_coupon = candidate.coupon_use;
      winner_kind = kind;
    }
    record(work.trace, best_price ? TraceKind::kPromotionNotApplied : kind, promotion.id,
           coupon_of(candidate, order), work.money(amount), work.money(amount - discount), detail);
    if (best_price) continue;
    work.discount += discount;
    if (discount > 0 && candidate.coupon_use >= 0) {
      order.coupons[static_cast<std::size_t>(candidate.coupon_use)].applied = true;
    }
  }
  if (winner_discount == 0) return;
  work.trace.set_kind(winner_step, winner_kind);
  work.discount = winner_discount;
  if (winner_coupon >= 0) order.coupons[static_cast<std::size_t>(winner_coupon)].applied = true;
}

void apply_manual_discount(LineWork& work) {
  const BasisPoints percent = work.line.manual_discount;
  if (percent.value == 0) return;
  const std::int64_t before = work.net();
  work.discount += scaled(before, percent.value, kBasisPointsWhole, Rounding::kHalfEven);
  record(work.trace, TraceKind::kManualDiscount, "manual_discount", {}, work.money(before),
         work.money(work.net()), percent.value);
}

void apply_discount_cap(const PricingPolicy& policy, LineWork& work) {
  if (!policy.max_discount) return;
  const std::int64_t cap =
      scaled(work.base, policy.max_discount->value, kBasisPointsWhole, Rounding::kDown);
  if (work.discount <= cap) return;
  const std::int64_t before = work.net();
  work.discount = cap;
  record(work.trace, TraceKind::kDiscountCap, "max_discount_percent", {}, work.money(before),
         work.money(work.net()), policy.max_discount->value);
}

MarginCheck apply_margin_guard(const PricingPolicy& policy, LineWork& work) {
  if (!policy.min_margin || !work.line.standard_cost) return MarginCheck::kNotChecked;
  const std::int32_t margin = policy.min_margin->value;
  // floor = ceil(cost × quantity × (1 + margin)); cost and quantity are bounded, so the
  // 128-bit product cannot overflow; most products fit 64 bits and divide faster there.
  constexpr std::int64_t kDenominator = std::int64_t{1000} * kBasisPointsWhole;
  std::int64_t cost_quantity = 0;
  std::int64_t numerator = 0;
  Int128 floor = 0;
  if (!__builtin_mul_overflow(work.line.standard_cost->minor, work.line.quantity.milli,
                              &cost_quantity) &&
      !__builtin_mul_overflow(cost_quantity, kBasisPointsWhole + margin, &numerator) &&
      numerator <= INT64_MAX - kDenominator) {
    floor = (numerator + kDenominator - 1) / kDenominator;
  } else {
    const Int128 wide = static_cast<Int128>(work.line.standard_cost->minor) *
                        work.line.quantity.milli * (kBasisPointsWhole + margin);
    floor = (wide + kDenominator - 1) / kDenominator;
  }
  if (floor > work.base) {
    const std::int64_t shown =
        floor > kAmountMinorMax ? kAmountMinorMax : static_cast<std::int64_t>(floor);
    record(work.trace, TraceKind::kMarginBelowFloor, "min_margin_percent", {},
           work.money(work.base), work.money(shown), margin);
    if (work.discount > 0) {
      record(work.trace, TraceKind::kMarginGuard, "min_margin_percent", {}, work.money(work.net()),
             work.money(work.base), margin);
      work.discount = 0;
    }
    return MarginCheck::kBelowFloor;
  }
  if (work.net() >= floor) return MarginCheck::kOk;
  const std::int64_t before = work.net();
  work.discount = work.base - static_cast<std::int64_t>(floor);
  record(work.trace, TraceKind::kMarginGuard, "min_margin_percent", {}, work.money(before),
         work.money(work.net()), margin);
  return MarginCheck::kDiscountLimited;
}

// Where a taxable item's tax category is, built only for an error message.
struct TaxableWhere {
  std::string_view table;  // "lines" or "shipping"
  std::size_t index = 0;
  std::string text() const {
    return std::string(table) + "[" + std::to_string(index) + "].tax_category";
  }
};

// The rate for (category, ship-to country, region), else (category, country, any region),
// valid on the request date; null when there is none.
[[gnu::noinline]] const IndexedTaxRate* look_up_tax_rate(const RequestContext& context,
                                                         std::string_view category) {
  const PricingRequest& request = context.request;
  const auto lookup = [&](std::string_view region) -> const IndexedTaxRate* {
    const auto found = context.index.tax_rates_by_key.find(
        tax_rate_key(category, request.ship_to_country, region));
    if (found == context.index.tax_rates_by_key.end()) return nullptr;
    for (std::uint32_t k = found->second.begin; k < found->second.end; ++k) {
      if (context.index.tax_rates[k].validity.contains(context.day)) {
        return &context.index.tax_rates[k];
      }
    }
    return nullptr;
  };
  const IndexedTaxRate* rate = nullptr;
  if (!request.ship_to_region.empty()) rate = lookup(request.ship_to_region);
  return rate != nullptr ? rate : lookup("");
}

[[gnu::noinline]] Error tax_rate_unknown(const RequestContext& context, std::string_view category,
                                         TaxableWhere where) {
  const PricingRequest& request = context.request;
  std::string place =
      request.ship_to_country.empty() ? "no ship-to country" : request.ship_to_country;
  if (!request.ship_to_region.empty()) place += "-" + request.ship_to_region;
  return rejection(PricingRejection::kTaxRateUnknown,
                   "no tax rate for tax category '" + std::string(category) + "' in " + place +
                       " on " + format_date(request.date),
                   where.text());
}

std::uint32_t subtotal_index(BasisPoints rate, PricedOrder& order) {
  for (std::size_t k = 0; k < order.tax_breakdown.size(); ++k) {
    if (order.tax_breakdown[k].rate == rate) return static_cast<std::uint32_t>(k);
  }
  order.tax_breakdown.push_back(
      TaxSubtotal{rate, Money{0, order.currency}, Money{0, order.currency}});
  return static_cast<std::uint32_t>(order.tax_breakdown.size() - 1);
}

// Looks a tax category up and caches it with its row in the breakdown.
[[gnu::noinline]] const TaxCacheEntry* cache_tax_rate(RequestContext& context,
                                                      std::string_view category,
                                                      PricedOrder& order) {
  const IndexedTaxRate* rate = look_up_tax_rate(context, category);
  if (rate == nullptr) return nullptr;
  // A name too long for a ShortKey gets an entry no lookup matches: it is looked up each time.
  ShortKey key = short_key("");
  if (category.size() <= kShortKeyBytesMax) {
    key = short_key(category);
  } else {
    key.size = kNoSlot;
  }
  context.tax_cache.push_back(TaxCacheEntry{key, rate, subtotal_index(rate->rate, order)});
  return &context.tax_cache.back();
}

// The request's rate for a tax category (null: none) and its row in the breakdown, cached
// per request: an order uses few tax categories.
[[gnu::always_inline]] inline const TaxCacheEntry* tax_rate_for(RequestContext& context,
                                                                std::string_view category,
                                                                PricedOrder& order) {
  if (category.size() <= kShortKeyBytesMax) {
    const ShortKey key = short_key(category);
    for (const TaxCacheEntry& entry : context.tax_cache) {
      if (entry.category == key) return &entry;
    }
  }
  return cache_tax_rate(context, category, order);
}

// Sums within the bounds of the static_assert at the top: an overflow is our own bug.
void add_bounded(std::int64_t& total, std::int64_t amount) {
  O2C_ASSERT(!__builtin_add_overflow(total, amount, &total));
}

// Finds the rate of a line or charge, records its tax step and adds it to the breakdown and
// the totals. Per line, the tax is final here; per document, compute_document_tax() replaces
// the zero. False when the category has no rate.
[[gnu::always_inline]] inline bool add_tax(RequestContext& context, std::string_view category,
                                           Money net, BasisPoints& rate, Money& tax,
                                           LineTrace& trace, PricedOrder& order) {
  const IndexedTaxRate* found = nullptr;
  std::uint32_t subtotal = 0;
  if (context.request.tax_exempt) {
    rate = BasisPoints{0};
    subtotal = subtotal_index(rate, order);
  } else {
    const TaxCacheEntry* entry = tax_rate_for(context, category, order);
    if (entry == nullptr) [[unlikely]] {
      return false;
    }
    found = entry->rate;
    rate = found->rate;
    subtotal = entry->subtotal;
  }
  tax = Money{0, net.currency};
  if (context.tax_step_kind == TraceKind::kTax) {
    tax.minor = scaled(net.minor, rate.value, kBasisPointsWhole, Rounding::kHalfEven);
  }
  if (found == nullptr) {
    record(trace, TraceKind::kTaxExempt, "tax_exempt", {}, net, tax, 0);
  } else {
    record(trace, context.tax_step_kind, found->id, {}, net, tax, rate.value);
  }
  // Plain sums: the static_assert at the top bounds them, and finish_totals() checks them.
  order.tax_breakdown[subtotal].taxable.minor += net.minor;
  order.tax_breakdown[subtotal].tax.minor += tax.minor;
  order.net_total.minor += net.minor;
  order.tax_total.minor += tax.minor;
  return true;
}

// Appends a line's steps to the order's trace and returns where they are.
TraceRange trace_range(const LineTrace& trace, PricedOrder& order) {
  const auto begin = static_cast<std::uint32_t>(order.trace.size());
  trace.append_to(order.trace);
  return TraceRange{begin, static_cast<std::uint32_t>(order.trace.size())};
}

[[gnu::noinline]] Error line_too_large(Money unit_price, const PricingLine& line, std::size_t i) {
  return rejection(PricingRejection::kAmountOverflow,
                   "unit price " + format_money(unit_price) + " × quantity " +
                       format_quantity(line.quantity) + " is too large for an exact amount",
                   line_where(i, "quantity"));
}

[[gnu::noinline]] Error too_many_promotions(const PricingLine& line, std::size_t i) {
  return rejection(PricingRejection::kTooManyPromotions,
                   "more than " + std::to_string(kPromotionsPerLineMax) + " promotions apply to '" +
                       line.sku + "'",
                   line_where(i, "sku"));
}

Status price_line(RequestContext& context, std::size_t i, PricedOrder& order) {
  const PricingRequest& request = context.request;
  const PricingLine& line = request.lines[i];
  if (!line_amounts_ok(request, line)) [[unlikely]] {
    return line_amounts_error(request, line, i);
  }
  const SlotInfo* sku = context.index.sku_lookup.find(line.sku);
  const BasePrice base = base_price(context, line, sku);
  if (base.point == nullptr && !line.catalog_price) [[unlikely]] {
    return price_unknown(context, line, i);
  }
  const Money unit_price = base.point != nullptr
                               ? Money{base.tier->unit_minor, base.point->currency}
                               : *line.catalog_price;
  std::int64_t base_amount = 0;
  if (!scaled_fits(unit_price.minor, line.quantity.milli, 1000, Rounding::kHalfEven, base_amount) ||
      base_amount > kAmountMinorMax) [[unlikely]] {
    return line_too_large(unit_price, line, i);
  }
  LineTrace trace;
  if (base.point != nullptr) {
    const bool plain = is_plain_price(*base.point, *base.tier);
    record(trace, trace_kind_of(base.source), context.index.rule_ids[base.point->rule], {},
           line.catalog_price.value_or(unit_price), unit_price,
           plain ? -1 : base.tier->min_quantity_milli);
  } else {
    record(trace, TraceKind::kCatalogPrice, "catalog", {}, unit_price, unit_price, -1);
  }
  LineWork work{line, request.currency, base.source, base_amount, 0, trace};
  std::array<Candidate, kPromotionsPerLineMax> candidates;
  std::size_t count = 0;
  if (!collect_candidates(context, work, sku, candidates, count)) [[unlikely]] {
    return too_many_promotions(line, i);
  }
  apply_promotions(context, work, std::span<const Candidate>(candidates.data(), count), order);
  apply_manual_discount(work);
  const PricingPolicy& policy = context.index.rules.policy;
  apply_discount_cap(policy, work);
  const MarginCheck margin = apply_margin_guard(policy, work);
  O2C_ASSERT(work.discount >= 0 && work.discount <= work.base);
  const Money net = work.money(work.net());
  BasisPoints tax_rate;
  Money tax;
  if (!add_tax(context, line.tax_category, net, tax_rate, tax, trace, order)) [[unlikely]] {
    return tax_rate_unknown(context, line.tax_category, TaxableWhere{"lines", i});
  }
  order.discount_total.minor += work.discount;
  order.lines.emplace_back(base.source, unit_price, work.money(work.base),
                           work.money(work.discount), net, tax_rate, tax, margin,
                           trace_range(trace, order));
  return {};
}

Status price_charge(RequestContext& context, std::size_t i, PricedOrder& order) {
  const ShippingCharge& charge = context.request.shipping[i];
  const auto where = [i] { return "shipping[" + std::to_string(i) + "]"; };
  if (!same_currency(charge.amount.currency, context.request.currency)) {
    return rejection(PricingRejection::kCurrencyMismatch,
                     "shipping charge " + format_money(charge.amount) +
                         " is not in the order currency " +
                         std::string(context.request.currency.text()),
                     where() + ".amount");
  }
  if (charge.amount.minor < 0 || charge.amount.minor > kAmountMinorMax) {
    return rejection(charge.amount.minor < 0 ? PricingRejection::kNegativeAmount
                                             : PricingRejection::kAmountOverflow,
                     "shipping charge " + format_money(charge.amount) + " is out of range",
                     where() + ".amount");
  }
  PricedCharge priced;
  priced.net = charge.amount;
  LineTrace trace;
  if (!add_tax(context, charge.tax_category, priced.net, priced.tax_rate, priced.tax, trace,
               order)) {
    return tax_rate_unknown(context, charge.tax_category, TaxableWhere{"shipping", i});
  }
  priced.trace = trace_range(trace, order);
  order.charges.push_back(priced);
  return {};
}

// One taxable amount (a line or a charge) and where its tax goes.
struct Taxable {
  std::int64_t net = 0;
  Money* tax = nullptr;
  TraceStep* step = nullptr;  // the tax step to fill
};

// Largest remainder without allocating per call: shares[k] = floor(total × weights[k] / sum)
// and the leftover minor units go to the largest remainders, the earlier part on a tie —
// the same split as core's allocate() for a non-negative total.
struct LargestRemainder {
  std::vector<Int128> remainders;
  std::vector<std::uint32_t> order;

  void spread(std::int64_t total, std::span<const std::int64_t> weights,
              std::vector<std::int64_t>& shares) {
    O2C_ASSERT(total >= 0);
    Int128 weight_sum = 0;
    for (std::int64_t weight : weights) weight_sum += weight;
    O2C_ASSERT(weight_sum > 0);
    shares.resize(weights.size());
    remainders.resize(weights.size());
    Int128 given = 0;
    for (std::size_t k = 0; k < weights.size(); ++k) {
      const Int128 exact = static_cast<Int128>(total) * weights[k];
      shares[k] = static_cast<std::int64_t>(exact / weight_sum);
      remainders[k] = exact % weight_sum;
      given += shares[k];
    }
    const auto leftover = static_cast<std::size_t>(total - given);
    O2C_ASSERT(leftover < weights.size() || weights.empty());
    if (leftover == 0) return;
    order.resize(weights.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = static_cast<std::uint32_t>(k);
    const auto larger = [this](std::uint32_t a, std::uint32_t b) {
      return remainders[a] != remainders[b] ? remainders[a] > remainders[b] : a < b;
    };
    std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(leftover - 1),
                     order.end(), larger);
    for (std::size_t k = 0; k < leftover; ++k) ++shares[order[k]];
  }
};

// Per document: one tax per rate on the sum of the nets at that rate (the breakdown's
// taxable amount), spread over those lines and charges by largest remainder.
void compute_document_tax(PricedOrder& order) {
  std::vector<std::int64_t> weights;
  std::vector<std::int64_t> shares;
  std::vector<Taxable> members;
  LargestRemainder spreader;
  order.tax_total.minor = 0;
  for (TaxSubtotal& subtotal : order.tax_breakdown) {
    subtotal.tax.minor =
        scaled(subtotal.taxable.minor, subtotal.rate.value, kBasisPointsWhole, Rounding::kHalfEven);
    add_bounded(order.tax_total.minor, subtotal.tax.minor);
    if (subtotal.tax.minor == 0) continue;
    weights.clear();
    members.clear();
    const auto collect = [&](Money net, BasisPoints rate, Money& tax, TraceRange trace) {
      if (rate != subtotal.rate) return;
      weights.push_back(net.minor);
      members.push_back(Taxable{net.minor, &tax, &order.trace[trace.end - 1]});
    };
    for (PricedLine& line : order.lines) collect(line.net, line.tax_rate, line.tax, line.trace);
    for (PricedCharge& charge : order.charges) {
      collect(charge.net, charge.tax_rate, charge.tax, charge.trace);
    }
    spreader.spread(subtotal.tax.minor, weights, shares);
    for (std::size_t k = 0; k < members.size(); ++k) {
      members[k].tax->minor = shares[k];
      members[k].step->after.minor = shares[k];
    }
  }
}

// Declared order of the breakdown, gross total, and the check that lines, charges and the
// breakdown agree to the cent whatever the rounding policy.
void finish_totals(PricedOrder& order) {
  std::sort(order.tax_breakdown.begin(), order.tax_breakdown.end(),
            [](const TaxSubtotal& a, const TaxSubtotal& b) { return a.rate < b.rate; });
  order.gross_total = Money{order.net_total.minor, order.currency};
  add_bounded(order.gross_total.minor, order.tax_total.minor);
  std::int64_t items_tax = 0;
  for (const PricedLine& line : order.lines) add_bounded(items_tax, line.tax.minor);
  for (const PricedCharge& charge : order.charges) add_bounded(items_tax, charge.tax.minor);
  O2C_ASSERT(items_tax == order.tax_total.minor);
}

Status price_into(const PriceBook& book, const PricingRequest& request, PricedOrder& order) {
  O2C_RETURN_IF_ERROR(check_request_shape(request));
  const PriceBook::Index& index = book.index();
  O2C_ASSIGN_OR_RETURN(RequestContext context, resolve_context(index, request, order));
  order.lines.reserve(request.lines.size());
  order.charges.reserve(request.shipping.size());
  order.trace.reserve(request.lines.size() * 6 + request.shipping.size());
  for (std::size_t i = 0; i < request.lines.size(); ++i) {
    O2C_RETURN_IF_ERROR(price_line(context, i, order));
  }
  for (std::size_t i = 0; i < request.shipping.size(); ++i) {
    O2C_RETURN_IF_ERROR(price_charge(context, i, order));
  }
  if (order.tax_rounding == TaxRounding::kPerDocument) compute_document_tax(order);
  finish_totals(order);
  return {};
}

}  // namespace

Result<PricedOrder> price_request(const PriceBook& book, const PricingRequest& request) {
  PricedOrder order;
  order.book = book.keep_alive();
  order.currency = request.currency;
  order.discount_total = order.net_total = order.tax_total = Money{0, request.currency};
  order.tax_rounding = book.policy().tax_rounding;
  const Status status = price_into(book, request, order);
  if (!status.has_value()) return status.error();
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
