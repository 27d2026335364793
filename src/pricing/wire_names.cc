// Wire names of the pricing engine's enums: the snake_case strings used in TOML rules, JSON,
// the journal and scenario files. Index = the enum's frozen number.
#include "core/wire_names.h"

#include <iterator>

#include "pricing/pricing.h"

namespace o2c {
namespace {

constexpr std::string_view kStackingNames[] = {"", "best_price", "cumulative"};
constexpr std::string_view kTaxRoundingNames[] = {"", "per_line", "per_document"};
constexpr std::string_view kPromotionKindNames[] = {"", "percent_off", "amount_off", "buy_x_get_y"};
constexpr std::string_view kAmountPerNames[] = {"", "unit", "line"};
constexpr std::string_view kRejectionNames[] = {
    "",
    "no_lines",
    "too_many_lines",
    "too_many_coupons",
    "coupon_listed_twice",
    "coupon_unknown",
    "coupon_not_yet_valid",
    "coupon_expired",
    "coupon_already_redeemed",
    "quantity_must_be_positive",
    "quantity_too_large",
    "currency_mismatch",
    "price_unknown",
    "too_many_promotions",
    "amount_overflow",
    "tax_rate_unknown",
    "negative_amount",
    "discount_out_of_range",
    "too_many_charges",
    "invalid_date",
};
constexpr std::string_view kTraceKindNames[] = {
    "",
    "contract_price",
    "segment_list_price",
    "default_list_price",
    "catalog_price",
    "percent_off",
    "amount_off",
    "buy_x_get_y",
    "promotion_not_applied",
    "manual_discount",
    "discount_cap",
    "margin_guard",
    "margin_below_floor",
    "tax",
    "tax_document_share",
    "tax_exempt",
};
constexpr std::string_view kPriceSourceNames[] = {"", "contract", "segment_list", "default_list",
                                                  "catalog"};
constexpr std::string_view kMarginCheckNames[] = {"", "not_checked", "ok", "discount_limited",
                                                  "below_floor"};

static_assert(std::size(kRejectionNames) ==
              static_cast<std::size_t>(PricingRejection::kInvalidDate) + 1);
static_assert(std::size(kTraceKindNames) == static_cast<std::size_t>(TraceKind::kTaxExempt) + 1);

}  // namespace

std::string_view wire_name(Stacking stacking) { return name_in(kStackingNames, stacking); }
std::string_view wire_name(TaxRounding rounding) { return name_in(kTaxRoundingNames, rounding); }
std::string_view wire_name(PromotionKind kind) { return name_in(kPromotionKindNames, kind); }
std::string_view wire_name(AmountPer per) { return name_in(kAmountPerNames, per); }
std::string_view wire_name(PricingRejection reason) { return name_in(kRejectionNames, reason); }
std::string_view wire_name(TraceKind kind) { return name_in(kTraceKindNames, kind); }
std::string_view wire_name(PriceSource source) { return name_in(kPriceSourceNames, source); }
std::string_view wire_name(MarginCheck check) { return name_in(kMarginCheckNames, check); }

}  // namespace o2c
