// pricing.h — what an order costs. Two layers live here:
//
// A. price_order(): the foundation pricing used by app/orders.cc. Rules encoded, in this order:
//   1. line amount = list price × quantity, rounded half-even to the minor unit;
//   2. line discount = line amount × line discount %, rounded half-even;
//   3. the order discount is computed once on the sum of discounted lines and spread over the
//      lines in proportion to their amounts by largest remainder, so no cent is lost;
//   4. tax per line = line net × the rate of the line's tax category, rounded half-even;
//   5. the order's shipping charge (never discounted) is taxed the same way by its own tax
//      category (tax_rate_unknown at order.shipping_tax_category when it has no rate).
// Declared tax rounding policy: per line. The document's tax is the sum of its lines' taxes,
// never recomputed on the total, so lines and document always agree.
//
// B. The pricing engine (issue 3): an immutable, indexed PriceBook of rules (price lists per
// currency and customer segment with quantity-break tiers, customer contract prices,
// promotions, coupons, tax rates per tax category × ship-to country/region, and a policy),
// loaded from TOML by parse_price_rules() or built from plain values by build_price_book();
// price_request() prices one order's lines against it and records, for every line, the trace
// of the rules that made its price. It is pure: the date, the customer's segment, the coupons
// and the codes already redeemed all come in with the request.
//
// Rule precedence for one line (each step is one TraceStep, in this order):
//   1. Unit price — the first source that has a price for the line's SKU, in the request's
//      currency, valid on the request date (validity windows are inclusive at both ends):
//        a. the customer's contract price (by customer number);
//        b. the price list for the customer's segment;
//        c. the default price list (segment "");
//        d. the catalog list price passed in with the line.
//      A source with quantity-break tiers gives the price of the tier with the largest
//      min_quantity <= the line quantity, for the whole quantity (all-units tiers); a
//      quantity below its first tier falls through to the next source. No source: the line
//      fails with price_unknown. Base amount = unit price × quantity, rounded half-even.
//   2. Promotions — those valid on the date, for the request's currency (amount_off only),
//      whose target matches (one of `skus`, the product category, or every product), whose
//      `segments` include the customer's (empty: all), whose coupon was presented when they
//      have coupons, and which allow contract prices when the unit price came from a contract.
//      They are taken in order of (priority, id). Stacking::kBestPrice: each is computed on
//      the base amount and only the largest discount applies (earliest wins a tie; the others
//      are traced as not applied). Stacking::kCumulative: each applies to what the previous
//      ones left. A discount never takes the line below zero.
//   3. Manual line discount % (from the order), on what the promotions left.
//   4. Discount cap — all discounts of steps 2-3 together at most max_discount_percent of the
//      base amount (the cap is rounded down, so it is never exceeded).
//   5. Margin guard (chosen behaviour: limit, then flag) — the floor is standard cost ×
//      quantity × (1 + min_margin_percent), rounded up to the minor unit. Discounts that would
//      take the net below the floor are cut back to it (MarginCheck::kDiscountLimited). When
//      the base price itself is below the floor, every discount is withdrawn and the line is
//      flagged MarginCheck::kBelowFloor so that the approval step holds the order; the engine
//      never raises a price above what the contract or list says.
//   6. Tax — rate by (tax category, ship-to country, ship-to region), else (category,
//      country, any region), valid on the date; none: tax_rate_unknown. A tax-exempt
//      customer pays no tax on anything. Shipping charges are taxed by their own category.
//      Rounding is declared in the book: TaxRounding::kPerLine rounds each line's tax
//      half-even and the document's tax is their sum; TaxRounding::kPerDocument computes the
//      tax once per rate on the sum of the nets at that rate (half-even) and spreads it over
//      those lines by largest remainder, so the lines always add up to the document.
// Request checks come first and in this order (PricingRejection): the request date; the
// number of lines, charges and coupons; each coupon as presented (listed twice, unknown, not yet
// valid, expired, already redeemed); then each line in order (quantity, currency and range of its
// catalog price and standard cost, manual discount, price, amount, promotions, tax rate);
// then each shipping charge. Totals cannot overflow: lines, charges and amounts are bounded
// (kOrderLinesMax, kShippingChargesMax, kAmountMinorMax) so that their sums fit.
//
// C. The engine applied to an order (app/ uses it when price rules are configured, else A):
// order_pricing_request() turns an order and its master data into a request priced on the
// order date (the order's shipping charge, if any, as its one ShippingCharge),
// price_order_with_rules() writes the result back onto the order's lines and shipping charge
// with each line's trace as JSON (trace_json), and marks the single-use coupons that took
// something off as redeemed.
//
// Performance: a line costs one hash lookup of its SKU (and one of its category when the
// book has category promotions) and then reads only the rules of that SKU, customer and
// category; see bench/README.md, "Pricing engine".
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "core/date.h"
#include "core/ids.h"
#include "core/money.h"
#include "core/result.h"
#include "orders/orders.h"

namespace o2c {

// A. Foundation pricing.

// Fills net, tax and tax rate of every line and the order totals. Fails with
// tax_rate_unknown (naming the line) when a line's tax category has no rate.
Status price_order(Order& order, std::span<const TaxRate> tax_rates);

// B. The pricing engine.

inline constexpr std::size_t kPriceRulesTextBytesMax = 64 * 1024 * 1024;
inline constexpr std::size_t kPriceRulesMax = 1'000'000;  // price entries + all other rules
inline constexpr std::size_t kPriceTiersMax = 100;        // tiers in one price entry
inline constexpr std::size_t kPromotionsPerLineMax = 64;  // candidate promotions for one line
inline constexpr std::size_t kCouponsPerRequestMax = 20;
inline constexpr std::size_t kShippingChargesMax = 100;
inline constexpr std::int32_t kMarginBasisPointsMax = 1'000'000;  // a 10,000 % markup

// Numbers are persisted in the journal and API: never renumber, never reuse.
enum class Stacking : std::uint8_t { kBestPrice = 1, kCumulative = 2 };
enum class TaxRounding : std::uint8_t { kPerLine = 1, kPerDocument = 2 };
enum class PromotionKind : std::uint8_t { kPercentOff = 1, kAmountOff = 2, kBuyXGetY = 3 };
enum class AmountPer : std::uint8_t { kUnit = 1, kLine = 2 };
std::string_view wire_name(Stacking stacking);     // "best_price", "cumulative"
std::string_view wire_name(TaxRounding rounding);  // "per_line", "per_document"
std::string_view wire_name(PromotionKind kind);    // "percent_off", "amount_off", "buy_x_get_y"
std::string_view wire_name(AmountPer per);         // "unit", "line"

// --- Rules as plain values (what the TOML file says) ---

// The price from min_quantity up to the next tier's min_quantity.
struct PriceTier {
  Quantity min_quantity;
  Money unit_price;
};

// One SKU's price in a list: one tier from quantity 0 for a plain price.
struct PriceEntry {
  std::string sku;
  std::vector<PriceTier> tiers;  // strictly ascending min_quantity
};

struct PriceList {
  std::string id;
  Currency currency;
  std::string segment;  // "" = the default list for every segment
  std::optional<Date> valid_from;
  std::optional<Date> valid_to;  // inclusive
  std::vector<PriceEntry> prices;
};

struct ContractPrice {
  std::string id;
  std::string customer_number;
  std::string sku;
  Currency currency;
  std::vector<PriceTier> tiers;
  std::optional<Date> valid_from;
  std::optional<Date> valid_to;
};

struct Promotion {
  std::string id;
  PromotionKind kind = PromotionKind::kPercentOff;
  BasisPoints percent;          // kPercentOff: 0 < percent <= 100 %
  std::optional<Money> amount;  // kAmountOff: > 0; applies to requests in its currency only
  AmountPer per = AmountPer::kUnit;
  std::int64_t buy_units = 0;         // kBuyXGetY: for every buy_units + free_units whole units,
  std::int64_t free_units = 0;        // free_units are free
  std::string category;               // target: products of this category, or
  std::vector<std::string> skus;      // these SKUs; neither: every product
  std::vector<std::string> segments;  // empty: every segment
  std::optional<Date> valid_from;
  std::optional<Date> valid_to;
  int priority = 0;                 // lower first
  bool on_contract_prices = false;  // may it discount a contract price?
};

// A code that enables a promotion. A promotion named by any coupon applies only when one of
// its codes is presented.
struct Coupon {
  std::string code;
  std::string promotion_id;
  std::optional<Date> valid_from;
  std::optional<Date> valid_to;
  bool single_use = false;
};

struct TaxRateRule {
  std::string id;
  std::string category;  // tax category: "standard", "reduced", "shipping"
  std::string country;   // ISO 3166-1 alpha-2
  std::string region;    // "" = the whole country; else e.g. "CA" for California
  BasisPoints rate;
  std::optional<Date> valid_from;
  std::optional<Date> valid_to;
};

struct PricingPolicy {
  Stacking stacking = Stacking::kBestPrice;
  std::optional<BasisPoints> max_discount;  // cap on promotions + manual discount per line
  std::optional<BasisPoints> min_margin;    // margin guard over standard cost
  TaxRounding tax_rounding = TaxRounding::kPerLine;
};

struct PriceRules {
  PricingPolicy policy;
  std::vector<PriceList> price_lists;
  std::vector<ContractPrice> contracts;
  std::vector<Promotion> promotions;
  std::vector<Coupon> coupons;
  std::vector<TaxRateRule> tax_rates;
};

// An immutable, indexed set of rules. Cheap to copy (copies share the index) and safe to
// use from many threads at once. The rule ids and coupon codes in a PricedOrder (trace
// steps, coupon uses) are views into the book; the PricedOrder keeps the book alive.
class PriceBook {
 public:
  struct Index;  // defined in pricing/price_book_index.h, internal to pricing/

  explicit PriceBook(std::shared_ptr<const Index> index);
  const PricingPolicy& policy() const;
  std::size_t rule_count() const;
  const Index& index() const { return *index_; }
  // Shares ownership of the rules, for values that hold views into them.
  std::shared_ptr<const void> keep_alive() const { return index_; }

 private:
  std::shared_ptr<const Index> index_;
};

// Validates and indexes rules. Fails with kInvalidArgument; `where` names the rule and field
// ("promotions[2].valid_to") and the message names the rule by id. Reasons:
// rule_id_missing, duplicate_rule_id (ids are unique across price lists, contracts,
// promotions and tax rates), sku_missing, customer_missing, category_missing,
// invalid_country, negative_price, currency_mismatch, quantity_out_of_range, no_tiers,
// too_many_tiers, tiers_unordered, tier_overlap (two tiers from the same quantity),
// duplicate_price (a list prices a SKU twice), price_overlap, contract_overlap and
// tax_rate_overlap (two rules for the same key valid on the same day), dates_reversed,
// percent_out_of_range, amount_missing, amount_must_be_positive, units_must_be_positive,
// target_ambiguous, coupon_code_missing, duplicate_coupon, unknown_promotion,
// margin_out_of_range, too_many_rules.
Result<PriceBook> build_price_book(PriceRules rules);

// Parses the TOML rules file (the format is documented at the top of parse_price_rules.cc)
// and builds the book. Unknown tables and fields are refused, amounts must be strings or
// integers (never floats). Besides build_price_book's reasons: toml_syntax (where = "line L,
// column C"), unknown_field, wrong_type, field_missing, price_and_tiers, unknown_currency,
// unknown_promotion_kind, unknown_stacking, unknown_tax_rounding, unknown_amount_per,
// malformed_number, too_many_decimals, amount_overflow, invalid_date,
// priority_out_of_range, rules_too_large. `where` adds the TOML line: "promotions[2].kind,
// line 14".
Result<PriceBook> parse_price_rules(std::string_view toml_text);

// --- A request and its priced result ---

struct PricingLine {
  ProductId product;
  std::string sku;
  std::string product_category;  // for promotions by category; "" = none
  std::string tax_category = "standard";
  Quantity quantity;
  std::optional<Money> catalog_price;  // fallback unit price (source d)
  std::optional<Money> standard_cost;  // in the request currency; absent: no margin guard
  BasisPoints manual_discount;
};

struct ShippingCharge {
  std::string description;
  Money amount;
  std::string tax_category = "shipping";
};

struct PricingRequest {
  std::string customer_number;
  std::string segment;  // the customer's segment; "" = default lists only
  Currency currency;
  Date date;
  std::string ship_to_country;  // ISO 3166-1 alpha-2
  std::string ship_to_region;   // "" = none
  bool tax_exempt = false;
  std::vector<std::string> coupon_codes;
  // Single-use codes already redeemed: at least those of coupon_codes the store has seen.
  std::vector<std::string> redeemed_coupons;
  std::vector<PricingLine> lines;
  std::vector<ShippingCharge> shipping;
};

// Numbers are persisted in the journal and API: never renumber, never reuse.
enum class PricingRejection : std::uint16_t {
  kNoLines = 1,
  kTooManyLines = 2,
  kTooManyCoupons = 3,
  kCouponListedTwice = 4,
  kCouponUnknown = 5,
  kCouponNotYetValid = 6,
  kCouponExpired = 7,
  kCouponAlreadyRedeemed = 8,
  kQuantityMustBePositive = 9,
  kQuantityTooLarge = 10,
  kCurrencyMismatch = 11,
  kPriceUnknown = 12,
  kTooManyPromotions = 13,
  kAmountOverflow = 14,
  kTaxRateUnknown = 15,
  kNegativeAmount = 16,  // a negative catalog price, standard cost or shipping charge
  kDiscountOutOfRange = 17,
  kTooManyCharges = 18,
  kInvalidDate = 19,
};
std::string_view wire_name(PricingRejection reason);  // "coupon_expired"

// Numbers are persisted: never renumber, never reuse.
enum class TraceKind : std::uint8_t {
  kContractPrice = 1,     // before: catalog price (or after), after: unit price, detail:
  kSegmentListPrice = 2,  //   the tier's min quantity in milli, or -1 for a plain price
  kDefaultListPrice = 3,
  kCatalogPrice = 4,
  kPercentOff = 5,           // before/after: line amount; detail: percent in basis points
  kAmountOff = 6,            // detail: the promotion's amount in minor units
  kBuyXGetY = 7,             // detail: free quantity in milli
  kPromotionNotApplied = 8,  // best price lost: before/after what it would have given
  kManualDiscount = 9,       // detail: percent in basis points
  kDiscountCap = 10,         // before/after: net; detail: cap in basis points
  kMarginGuard = 11,         // before/after: net; detail: min margin in basis points
  kMarginBelowFloor = 12,    // before: base amount, after: floor; detail: min margin
  kTax = 13,                 // before: net, after: tax; detail: rate in basis points
  kTaxDocumentShare = 14,    // as kTax, the line's share of the per-document tax
  kTaxExempt = 15,           // before: net, after: zero tax
};
std::string_view wire_name(TraceKind kind);  // "contract_price", "percent_off"…

struct TraceStep {
  TraceKind kind = TraceKind::kTax;
  std::string_view rule_id;  // into the PriceBook (or a policy field name)
  std::string_view coupon;   // the code that enabled a promotion, if any
  Money before;
  Money after;
  std::int64_t detail = 0;
};

enum class PriceSource : std::uint8_t {
  kContract = 1,
  kSegmentList = 2,
  kDefaultList = 3,
  kCatalog = 4,
};
std::string_view wire_name(PriceSource source);

enum class MarginCheck : std::uint8_t {
  kNotChecked = 1,  // no standard cost or no min margin
  kOk = 2,
  kDiscountLimited = 3,
  kBelowFloor = 4,  // needs approval
};
std::string_view wire_name(MarginCheck check);

struct TraceRange {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

struct PricedLine {
  PriceSource source = PriceSource::kCatalog;
  Money unit_price;   // from the source (and tier)
  Money base_amount;  // unit price × quantity
  Money discount;     // all discounts after cap and margin guard
  Money net;          // base_amount - discount
  BasisPoints tax_rate;
  Money tax;
  MarginCheck margin = MarginCheck::kNotChecked;
  TraceRange trace;
};

struct PricedCharge {
  Money net;
  BasisPoints tax_rate;
  Money tax;
  TraceRange trace;
};

// One row of the tax breakdown (EN 16931 BG-23 groups by rate).
struct TaxSubtotal {
  BasisPoints rate;
  Money taxable;
  Money tax;
};

struct CouponUse {
  std::string_view code;
  std::string_view promotion_id;
  bool single_use = false;
  bool applied = false;  // it discounted at least one line: record single-use ones as redeemed
};

struct PricedOrder {
  std::shared_ptr<const void> book;  // keeps the rule ids and codes viewed below alive
  Currency currency;
  TaxRounding tax_rounding = TaxRounding::kPerLine;
  std::vector<PricedLine> lines;           // one per request line, same order
  std::vector<PricedCharge> charges;       // one per shipping charge, same order
  std::vector<TraceStep> trace;            // every line's and charge's steps, by TraceRange
  std::vector<TaxSubtotal> tax_breakdown;  // by ascending rate
  std::vector<CouponUse> coupons;          // as presented
  // A TraceStep or CouponUse copied out of the order is valid while the book lives.
  Money discount_total;
  Money net_total;  // lines and charges
  Money tax_total;
  Money gross_total;

  std::span<const TraceStep> trace_of(TraceRange range) const {
    return std::span<const TraceStep>(trace).subspan(range.begin, range.end - range.begin);
  }
};

// Prices every line and shipping charge of the request. Fails with the first rejection in
// the order given at the top of this file; `where` names the field ("lines[3].quantity",
// "coupon_codes[0]", "shipping[0].amount"). Error kinds: coupon_unknown kNotFound,
// coupon_already_redeemed kAlreadyExists, coupon_expired, coupon_not_yet_valid,
// price_unknown and tax_rate_unknown kFailedPrecondition, the rest kInvalidArgument.
Result<PricedOrder> price_request(const PriceBook& book, const PricingRequest& request);
// The batch form: one result per request, each independent of the others.
std::vector<Result<PricedOrder>> price_requests(const PriceBook& book,
                                                std::span<const PricingRequest> requests);

// --- Explaining a price (for `o2c price explain`) ---

// "percent_off spring-tools (coupon SPRING10): 10 % off, 120.00 -> 108.00 EUR"
std::string describe_step(const TraceStep& step);
// The readable trace of one priced line: a heading naming the SKU, quantity and source, one
// line per step, and a closing line with net, tax and gross. Requires line_index < lines.
std::vector<std::string> explain_line(const PricingRequest& request, const PricedOrder& order,
                                      std::size_t line_index);

// --- C. Pricing an order with the engine ---

struct OrderPricingContext {
  const Customer& customer;  // the order's: segment, tax-exempt flag
  // For each order line, its product (category, tax category, catalog price, standard cost).
  std::span<const Product* const> products;
  // Single-use codes other orders have used up (PricingRequest::redeemed_coupons).
  std::vector<std::string> redeemed_coupons;
  // Re-pricing an order placed before (an amendment): a code of the order that it did not
  // redeem and another order used up since is left out instead of refusing the order.
  bool repricing = false;
};

// The request for `order` on its order date: the customer's number, segment and tax-exempt
// flag, the order's currency, ship-to country and region and coupons, each line's quantity
// and manual discount with its product's category, tax category, catalog price and standard
// cost (only when that is in the order's currency: the margin guard compares like with
// like). Fails with order_discount_with_price_rules at order.discount: an order discount is
// the foundation's and has no place among the engine's rules.
Result<PricingRequest> order_pricing_request(const Order& order,
                                             const OrderPricingContext& context);

// Prices `order` (validated, lines in place) with the engine and fills each line's unit
// price, tax category and rate, net, tax, below_margin_floor and price_trace, the order's
// totals, and Order::coupons[i].redeemed for single-use codes that applied. On failure the
// order is unchanged and the error is price_request's with `where` in the order's terms
// ("order.coupons[0]", "lines[1].discount", "lines[0].sku").
Result<PricedOrder> price_order_with_rules(const PriceBook& book, Order& order,
                                           const OrderPricingContext& context);

// One priced line's trace as JSON: {"source", "unit_price", "base", "discount", "net", "tax",
// "margin", "steps": [{"kind", "rule", "coupon", "before", "after", "detail", "text"}]};
// amounts are decimal text in the order's currency, "text" is describe_step's.
std::string trace_json(const PricedOrder& order, std::size_t line_index);
// The stored trace for people: one numbered line per step, then the line's arithmetic.
// Fails with trace_corrupt (kInternal) when the text is not a trace.
Result<std::vector<std::string>> describe_trace_json(std::string_view json);

}  // namespace o2c
