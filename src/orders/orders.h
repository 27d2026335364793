// orders.h — a customer's order from capture to completion. Rules encoded: an order is in
// the customer's currency; every line names an active product with a list price in that
// currency and a positive quantity; rejections are checked in the fixed order of
// OrderRejection so the same bad order always gets the same answer. An order over the
// credit limit waits on credit hold until a credit manager releases or rejects it; an
// order is complete when every line is fully shipped and invoiced.
//
// The rest of the order-capture side lives here too, all pure (values in, values out):
//   - capture fields: the customer's PO number, requested delivery date, ship-to address,
//     notes and the sales channel the order came through;
//   - bulk import of orders from CSV text (parse_order_csv), all-or-nothing or skip-bad;
//   - configurable order rules from TOML (minimum order value, maximum line quantity, blocked
//     customers, products not sold in a country, PO number required): check_order_rules;
//   - the approval workflow from TOML (discount and order-value thresholds, one role per
//     level, levels decided in order): required_approvals, approve_level, reject_level;
//   - amendments before shipment and cancellation, each returning the amended order, the
//     reservations to release and a description for the journal; manual holds.
//
// The life of an order (wire names in brackets; app/ moves an order along these edges only):
//
//   placed ─► [on_credit_hold] ─release─► [awaiting_approval] ─all levels approve─► [open]
//      │            │ reject                   │ any level rejects               │ ship
//      │            ▼                          ▼                                 ▼
//      │       [rejected]                 [rejected]      [partially_shipped] ─► [complete]
//      └──► (no hold: straight to awaiting_approval, or to open when no level applies)
//
//   Any state before complete may be put on [on_manual_hold] and released back to where it
//   was; an order with nothing shipped may be [cancelled]; cancelling the remaining quantities
//   of a partially shipped order completes it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/catalog.h"
#include "core/date.h"
#include "core/ids.h"
#include "core/money.h"
#include "core/result.h"
#include "customers/customers.h"

namespace o2c {

// Numbers are persisted in the journal and API: never renumber, never reuse.
enum class OrderRejection : std::uint16_t {
  kCustomerNotFound = 1,
  kCustomerInactive = 2,
  kCurrencyMismatch = 3,
  kNoLines = 4,
  kTooManyLines = 5,
  kProductNotFound = 6,
  kProductInactive = 7,
  kQuantityMustBePositive = 8,
  kQuantityTooLarge = 9,
  kPriceUnknown = 10,
  kDiscountOutOfRange = 11,
  kRequestedDateInPast = 12,    // requested delivery date before the order date
  kShipToInvalid = 13,          // ship-to address without line, city or a valid country
  kTextTooLong = 14,            // PO number or notes over their limit
  kShippingChargeInvalid = 15,  // not an amount in the order's currency, negative, too large
};
std::string_view wire_name(OrderRejection reason);

// Numbers are persisted: never renumber, never reuse.
enum class OrderState : std::uint8_t {
  kOnCreditHold = 1,
  kOpen = 2,  // approved, waiting for shipment
  kPartiallyShipped = 3,
  kComplete = 4,  // fully shipped and invoiced
  kRejected = 5,  // the credit manager or an approver refused it
  kAwaitingApproval = 6,
  kOnManualHold = 7,  // stopped by a person, with a reason; see ManualHold
  kCancelled = 8,     // cancelled before anything shipped
};
std::string_view wire_name(OrderState state);
Result<OrderState> order_state_from_wire(std::string_view name);

// Where an order came from. Numbers are persisted: never renumber, never reuse.
enum class SalesChannel : std::uint8_t {
  kApi = 1,  // the HTTP API and the CLI
  kCsv = 2,  // a bulk order file
  kPortal = 3,
  kEdi = 4,  // X12 850, EDIFACT ORDERS
};
std::string_view wire_name(SalesChannel channel);  // "api", "csv", "portal", "edi"
Result<SalesChannel> sales_channel_from_wire(std::string_view name);

struct OrderLineRequest {
  std::string sku;
  Quantity quantity;
  BasisPoints discount;  // line discount
};

struct OrderRequest {
  std::string customer_number;
  std::optional<std::string> currency_code;  // when given, must be the customer's currency
  std::vector<OrderLineRequest> lines;
  BasisPoints order_discount;
  std::string customer_reference;  // the customer's PO number, free text
  SalesChannel channel = SalesChannel::kApi;
  std::optional<Date> requested_delivery_date;  // when the customer wants the goods
  std::optional<Address> ship_to;               // absent: the customer's shipping address
  std::string notes;                            // for the people handling the order
  // Coupon codes the customer presented; they need price rules (pricing.h) to mean anything.
  std::vector<std::string> coupon_codes;
  // A shipping charge: decimal text in the order's currency ("4.95"); "" or zero = none. It is
  // taxed by its own tax category ("" = "shipping"), not by the goods'.
  std::string shipping_amount;
  std::string shipping_tax_category;
};

struct Reservation {
  WarehouseId warehouse;
  Quantity quantity;
};

struct OrderLine {
  int line_no = 0;  // 1-based
  ProductId product;
  std::string sku;
  std::string description;
  Quantity quantity;
  Money unit_price;
  BasisPoints discount;
  std::string tax_category;
  BasisPoints tax_rate;
  Money net;  // after line and order discount
  Money tax;
  std::vector<Reservation> reservations;  // stock held for this line, by warehouse
  Quantity shipped;
  Quantity invoiced;
  // Set when the pricing engine priced the line (pricing.h): the trace of the rules that made
  // its price as JSON (trace_json), and whether its price is below the margin floor (which
  // sends the order to approval). Empty and false for lines priced without price rules.
  std::string price_trace;
  bool below_margin_floor = false;
};

// A coupon presented with an order. `redeemed`: a single-use code this order used up; it is
// given back (set false) when the order is cancelled or rejected, so it can be used again.
struct OrderCoupon {
  std::string code;
  bool redeemed = false;
};

// The shipping charge of an order: one amount for the whole order, taxed by its own tax
// category. Billing puts all of it on the order's first invoice (billing.h).
struct OrderShippingCharge {
  Money net;
  std::string tax_category = "shipping";
  BasisPoints tax_rate;  // set by pricing
  Money tax;             // set by pricing
  bool invoiced = false;
};
inline constexpr std::string_view kShippingTaxCategoryDefault = "shipping";

// ---- approvals (see "Approval workflow" below) ------------------------------------------

// Numbers are persisted: never renumber, never reuse.
enum class ApprovalDecision : std::uint8_t { kPending = 1, kApproved = 2, kRejected = 3 };
std::string_view wire_name(ApprovalDecision decision);  // "pending", "approved", "rejected"
Result<ApprovalDecision> approval_decision_from_wire(std::string_view name);

// One level of approval an order needs, and what became of it.
struct ApprovalStep {
  int level = 0;     // 1-based; levels are decided in ascending order
  std::string role;  // who may decide: "sales_manager"
  std::string why;   // which conditions matched: "line 2 discount 20 % is over 15 %"
  ApprovalDecision decision = ApprovalDecision::kPending;
  std::string actor;    // who decided; empty while pending
  std::string comment;  // the approver's reason (required to reject)
  Timestamp decided_at;
};

// A hold a person put on the order, distinct from the credit hold.
struct ManualHold {
  std::string reason;
  std::string actor;
  OrderState resume_state = OrderState::kOpen;  // the state the order returns to on release
};

struct Order {
  OrderId id;
  std::string number;  // "SO-2026-000001"
  CustomerId customer;
  std::string customer_number;
  Currency currency;
  Date order_date;
  OrderState state = OrderState::kOpen;
  BasisPoints order_discount;
  std::string customer_reference;
  std::string hold_reason;
  std::vector<OrderLine> lines;
  Money net_total;
  Money tax_total;
  Money gross_total;
  // Capture fields (customer_reference above is the customer's PO number).
  SalesChannel channel = SalesChannel::kApi;
  std::optional<Date> requested_delivery_date;
  Address ship_to;  // where the goods go; the customer's shipping address unless requested
  std::string notes;
  std::vector<ApprovalStep> approvals;    // levels that must approve, ascending; may be empty
  std::optional<ManualHold> manual_hold;  // set exactly while state is kOnManualHold
  std::string cancellation_reason;        // set when cancelled, or its remainder cancelled
  std::vector<OrderCoupon> coupons;       // as presented, in order
  // Included in net, tax and gross totals (and so in the credit check and exposure).
  std::optional<OrderShippingCharge> shipping;
};

// What validate_order needs from master data, looked up by app/ beforehand.
struct OrderContext {
  const Customer* customer = nullptr;  // null: not found
  // For each request line, the product with that SKU, or null when unknown.
  std::span<const Product* const> products;
  Date order_date;
  // Without price rules a product needs a list price in the order's currency (price_unknown);
  // with them the pricing engine finds the price (a price list or contract may have one) and
  // the catalog price, when there is one, is only its last fallback.
  bool catalog_price_required = true;
};

// Checks the request against master data and builds the unpriced order (lines carry unit
// price, discount and tax category; amounts are zero until priced). Fails with the first
// OrderRejection that applies, its reason as wire name and the field at fault. Order-level
// checks come first (customer, currency, lines, order discount, requested date, ship-to,
// text lengths, shipping charge), then each line. The ship-to is the request's, or the customer's
// shipping address when the request has none. The request's coupon codes are carried to
// Order::coupons, not redeemed; the pricing engine checks them.
Result<Order> validate_order(const OrderRequest& request, const OrderContext& context);

Quantity reserved_quantity(const OrderLine& line);
Quantity backordered_quantity(const OrderLine& line);  // ordered - shipped - reserved
// The value not yet invoiced (gross, including tax, and the shipping charge until it is
// invoiced): what the order still adds to exposure.
Result<Money> uninvoiced_gross(const Order& order);

// A credit manager's decision on a held order. Releasing moves the order on to
// awaiting_approval when it has a pending approval step, to open otherwise.
Status release_hold(Order& order);
Status reject_hold(Order& order, std::string_view reason);
// Recomputes the state after shipping: open, partially shipped or complete.
void update_fulfilment_state(Order& order);

// ---- amount thresholds (order rules and approvals) ---------------------------------------

// A limit on an order amount that works for any currency: the entry for the order's currency
// when there is one, else (when set) the same number read in the order's own currency, so
// that "100000" means 100,000.00 EUR for a EUR order and 100,000 JPY for a JPY order.
struct AmountThreshold {
  std::vector<Money> by_currency;                        // at most one per currency
  std::optional<std::int64_t> any_currency_thousandths;  // 100000.00 → 100'000'000
};

// ---- order rules -------------------------------------------------------------------------
//
// Company rules an order must meet beyond master data, loaded from TOML once and passed in:
//
//   [minimum_order_value]            # the order's net total must reach it
//   amount = "25.00"                 # in the order's currency, whatever it is
//   by_currency = { JPY = "3000" }   # overrides `amount` for these currencies
//
//   [line_quantity]
//   max = "10000"                    # units per line, at most three decimals
//
//   [blocked_customers]              # customer number = reason
//   C-0666 = "fraud investigation 2026-02"
//
//   [po_number_required]             # these customers must send their PO number
//   customers = ["C-0001"]
//   segments = ["enterprise"]
//
//   [[not_sold_in]]                  # products that may not ship to these countries
//   sku = "W-100"
//   countries = ["US", "CA"]         # ISO 3166-1 alpha-2
//
// Every table is optional; unknown tables and keys are errors (a typo must not silently
// switch a rule off). Amounts and quantities are decimal strings or integers, never floats.

// Numbers are persisted in the journal and API: never renumber, never reuse. Violations are
// reported in this order, then by line.
enum class OrderRule : std::uint16_t {
  kCustomerBlocked = 1,
  kPoNumberRequired = 2,
  kProductNotSoldInCountry = 3,
  kLineQuantityOverMaximum = 4,
  kBelowMinimumOrderValue = 5,
};
std::string_view wire_name(OrderRule rule);  // "customer_blocked", …

struct OrderRules {
  std::optional<AmountThreshold> minimum_order_value;
  std::optional<Quantity> line_quantity_max;
  std::map<std::string, std::string> blocked_customers;      // customer number → reason
  std::set<std::string> po_required_customers;               // customer numbers
  std::set<std::string> po_required_segments;                // customer segments
  std::map<std::string, std::set<std::string>> not_sold_in;  // SKU → country codes
};

// Reads the rules. Fails with invalid_toml (syntax; where = "<source> line N") or
// invalid_order_rules (where = the key path, e.g. "minimum_order_value.by_currency.JPY";
// the message starts with "<source> line N:").
Result<OrderRules> parse_order_rules(std::string_view toml_text,
                                     std::string_view source_name = "order_rules.toml");

struct OrderRuleViolation {
  OrderRule rule;
  int line_no = 0;  // the order line at fault (OrderLine::line_no); 0 for the whole order
  std::string message;
  std::string where;  // "order.customer", "order.customer_reference", "lines[1].quantity"
};

struct OrderRuleContext {
  std::string_view customer_segment;  // the customer's segment, for po_number_required
};

// Every rule the order breaks, in OrderRule order then line order; empty when it meets them
// all. The minimum order value compares the net total, so call it on a priced order.
std::vector<OrderRuleViolation> check_order_rules(const OrderRules& rules, const Order& order,
                                                  const OrderRuleContext& context);

// One error for a use case that refuses an order breaking rules: failed_precondition, the
// first violation's rule as reason and place, every violation's message joined by "; ".
// Requires: violations is not empty.
Error order_rules_error(std::span<const OrderRuleViolation> violations);

// ---- approval workflow -------------------------------------------------------------------
//
// Who must approve an order before it is open for fulfilment, loaded from TOML once:
//
//   [[level]]                        # level 1
//   role = "sales_manager"
//   line_discount_over = "15"        # some line's discount is over 15 %
//   order_discount_over = "10"       # the order discount is over 10 %
//
//   [[level]]                        # level 2
//   role = "finance"
//   order_total_over = "100000"      # net total over 100,000 in the order's currency
//   order_total_over_by_currency = { JPY = "15000000" }
//   below_margin_floor = true        # a line's price is below the margin floor (price rules)
//
// A level applies when any of its conditions holds ("over" is strictly greater); an order
// needs every level that applies, decided one after another in ascending order, each by its
// role. The first rejection rejects the order; when the last level approves, it is open.
// A line below the margin floor always needs an approval: when no level says
// below_margin_floor, one more level after the policy's, decided by kMarginApproverDefault,
// applies.

inline constexpr std::string_view kMarginApproverDefault = "finance";

struct ApprovalLevel {
  std::string role;
  std::optional<BasisPoints> line_discount_over;
  std::optional<BasisPoints> order_discount_over;
  std::optional<AmountThreshold> order_total_over;  // compared with the net total
  bool below_margin_floor = false;                  // some line is priced below the margin floor
};

struct ApprovalPolicy {
  std::vector<ApprovalLevel> levels;  // level n is levels[n - 1]; at most kApprovalLevelsMax
};

// Reads the policy. Fails with invalid_toml or invalid_approval_policy, as parse_order_rules.
Result<ApprovalPolicy> parse_approval_policy(std::string_view toml_text,
                                             std::string_view source_name = "approvals.toml");

// The pending steps `order` needs under `policy`, one per applying level, ascending; each says
// why it applies. Call it on a priced order.
std::vector<ApprovalStep> required_approvals(const ApprovalPolicy& policy, const Order& order);

// Attaches the steps to a newly placed order. Requires: state open (no stock reserved yet) or
// on_credit_hold, and no steps attached before. An open order with steps becomes
// awaiting_approval; one on credit hold stays there and goes to awaiting_approval when
// released (release_hold).
void request_approvals(Order& order, std::vector<ApprovalStep> steps);

// The step to decide next: the lowest pending level, or null when none is pending.
const ApprovalStep* next_approval(const Order& order);

struct ApprovalAction {
  int level = 0;
  std::string role;     // the role the actor acts in (app/ checks the actor holds it)
  std::string actor;    // who decides
  std::string comment;  // why; required to reject
  Timestamp at;
};

// Numbers are persisted: never renumber, never reuse. Checked in this order.
enum class ApprovalRefusal : std::uint16_t {
  kUnknownLevel = 1,         // not_found: the order needs no such level
  kLevelAlreadyDecided = 2,  // failed_precondition: approving (or rejecting) twice
  kNotAwaitingApproval = 3,  // failed_precondition: the order is in another state
  kEarlierLevelPending = 4,  // failed_precondition: a lower level must decide first
  kWrongRole = 5,            // permission_denied: the level is for another role
  kActorRequired = 6,        // invalid_argument
  kReasonRequired = 7,       // invalid_argument: rejecting needs a comment
};
std::string_view wire_name(ApprovalRefusal refusal);

// Records the level's approval; when it was the last pending level the order becomes open.
// On failure the order is unchanged.
Status approve_level(Order& order, const ApprovalAction& action);
// Records the level's rejection; the order becomes rejected and hold_reason says who and why.
Status reject_level(Order& order, const ApprovalAction& action);

// ---- amendments, cancellation and manual holds -------------------------------------------
//
// An order may change until everything on it has shipped. Quantities never go below what has
// shipped; lines that shipped stay; line numbers are never reused (a new line gets the next
// one). Amendments leave net, tax and totals as they were: re-price the returned order with
// price_order before storing it, then re-check rules and approvals as the use case requires.
// Stock reserved beyond what a line still needs is released from the warehouse reserved last
// (the least preferred) first. Extra quantity is not reserved here: it is backordered, and
// app/ reserves it as for a new order.

// Numbers are persisted: never renumber, never reuse.
enum class AmendmentRefusal : std::uint16_t {
  kOrderClosed = 1,            // failed_precondition: complete, rejected or cancelled
  kOrderFullyShipped = 2,      // failed_precondition: nothing left to change
  kUnknownLine = 3,            // not_found
  kQuantityBelowShipped = 4,   // failed_precondition
  kLineAlreadyShipped = 5,     // failed_precondition: a shipped line cannot be removed
  kLastLine = 6,               // failed_precondition: cancel the order instead
  kOrderPartiallyShipped = 7,  // failed_precondition: cancel the remaining quantities instead
  kNoChange = 8,               // invalid_argument: the amendment changes nothing
  kReasonRequired = 9,         // invalid_argument
  kAlreadyOnManualHold = 10,   // failed_precondition
  kNotOnManualHold = 11,       // failed_precondition
  kActorRequired = 12,         // invalid_argument
};
std::string_view wire_name(AmendmentRefusal refusal);

// Stock to give back: app/ lowers the reserved quantity of (product, warehouse) by it.
struct ReservationRelease {
  int line_no = 0;
  ProductId product;
  WarehouseId warehouse;
  Quantity quantity;
};

struct Amendment {
  Order order;                               // the amended order, not yet re-priced
  std::vector<ReservationRelease> releases;  // in the order they were taken back
  std::string event;                         // journal event kind: "order.line_quantity_changed"
  std::string description;                   // one line for people: "line 2 W-200 quantity 5 -> 3"
  std::vector<std::pair<std::string, std::string>> details;  // the journal payload's fields
};

// Sets a line's ordered quantity. Fails with order_closed, order_fully_shipped, unknown_line,
// quantity_must_be_positive or quantity_too_large (OrderRejection; remove the line to drop it),
// quantity_below_shipped or no_change.
Result<Amendment> change_line_quantity(const Order& order, int line_no, Quantity quantity);

// Adds a line, checked like a line of a new order (product_not_found, product_inactive,
// quantity_must_be_positive, quantity_too_large, price_unknown, discount_out_of_range, all at
// "amendment.*"); too_many_lines past kOrderLinesMax. `product` is the product with the
// request's SKU, or null when unknown.
Result<Amendment> add_order_line(const Order& order, const OrderLineRequest& request,
                                 const Product* product);

// Removes a line nothing of which has shipped, releasing its reservations. Fails with
// order_closed, order_fully_shipped, unknown_line, line_already_shipped or last_line.
Result<Amendment> remove_order_line(const Order& order, int line_no);

// Sends what has not shipped yet to another address. Fails with order_closed,
// order_fully_shipped, ship_to_invalid (OrderRejection) or no_change.
Result<Amendment> change_ship_to(const Order& order, const Address& ship_to);

// Cancels an order nothing of which has shipped: every reservation is released and the order
// becomes cancelled. Fails with order_closed, order_partially_shipped or reason_required.
Result<Amendment> cancel_order(const Order& order, std::string_view reason);

// Cancels what has not shipped: lines that shipped nothing are removed, the others cut to
// their shipped quantity, every reservation is released; the order then follows its shipped
// and invoiced quantities (complete once invoiced). With nothing shipped it is cancel_order.
// Fails with order_closed, order_fully_shipped or reason_required.
Result<Amendment> cancel_remaining(const Order& order, std::string_view reason);

// Stops an order (any state before complete, rejected or cancelled) until a person releases
// it; it keeps its reservations. Fails with order_closed, already_on_manual_hold,
// reason_required or actor_required.
Status place_manual_hold(Order& order, std::string_view reason, std::string_view actor);
// Returns a held order to the state it had (an open order to open, partially shipped or
// complete as its lines say). Fails with not_on_manual_hold or actor_required.
Status release_manual_hold(Order& order, std::string_view actor);

// ---- bulk order import (CSV) -------------------------------------------------------------
//
// One row per order line, a header row first (names case-insensitive, any order):
//
//   order_ref      optional; rows with the same order_ref are one order. Without this
//                  column, rows with the same customer and po_number are one order.
//   customer       required: customer number
//   po_number      the customer's PO number; required (as column and value) without order_ref
//   currency, requested_date (YYYY-MM-DD), ship_to_line, ship_to_city, ship_to_postal_code,
//   ship_to_country, ship_to_region, order_discount_pct, notes,
//   coupon (codes separated by ';')                     optional, per order
//   sku, quantity  required, per line; quantity > 0, at most three decimals
//   line_discount_pct                                   optional, per line, 0..100
//
//   order_ref,customer,po_number,requested_date,notes,sku,quantity,line_discount_pct
//   A1,C-0001,PO-4711,2026-03-20,"Ring at gate 2, ask for ""Max""",W-100,10,5
//   A1,C-0001,,,,W-200,2.5,
//
// Rows of one order must be next to each other. An order's per-order values may be left
// empty on its later rows; a value given twice must be the same. A row whose order cannot
// be told (unreadable, wrong number of fields, no order key) rejects the orders next to it.
// PO numbers are compared without regard to case; a customer may use a PO number once,
// in the file and against `existing_po_numbers`.
//
// The import only reads the file: placing each order (validate_order and the rest) may
// still refuse it, which the caller reports per order using ImportedOrder::source_lines.

enum class ImportMode : std::uint8_t {
  kAllOrNothing = 1,   // any problem: no orders, every problem reported
  kSkipBadOrders = 2,  // the good orders, and the rows of the bad ones for a rejects file
};

struct CustomerPo {
  std::string customer_number;
  std::string po_number;
  std::string order_number;  // the order that used it, named in the problem; may be empty
};

struct OrderImportOptions {
  ImportMode mode = ImportMode::kAllOrNothing;
  std::span<const CustomerPo> existing_po_numbers;  // (customer, PO) pairs already used
  char delimiter = ',';
};

// Reasons, by where they arise:
//   the file    file_too_large, unsupported_encoding, too_many_rows, empty_file, no_rows,
//               too_many_problems (the last entry when the list was cut)
//   the header  unnamed_column, unknown_column, duplicate_column, missing_column
//   a record    unterminated_quote, quote_in_unquoted_field, text_after_quote, nul_byte,
//               invalid_utf8 (formats/csv), wrong_field_count
//   a value     missing_value, malformed_number, too_many_decimals, percent_out_of_range,
//               invalid_date, unknown_currency, quantity_must_be_positive, quantity_too_large
//   an order    inconsistent_order_value, duplicate_po_number, order_rows_split,
//               too_many_lines
struct ImportProblem {
  std::size_t line = 0;  // 1-based line of the file (the header is line 1); 0: the whole file
  std::string column;    // header name, or empty when the fault is not in one column
  std::string reason;    // wire name, see above
  std::string message;
};
// "line 7, quantity: quantity '-1' must be greater than zero"
std::string describe(const ImportProblem& problem);

struct ImportedOrder {
  std::string key;                        // the order_ref, or the PO number
  std::vector<std::size_t> source_lines;  // the file line of each request line, in order
  OrderRequest request;                   // channel csv
};

struct RejectedRow {
  std::size_t line = 0;
  std::string text;  // the row exactly as written
  std::string why;   // its own problems, or which line rejected its order
};

struct OrderImport {
  std::vector<ImportedOrder> orders;       // in file order; none under kAllOrNothing if any problem
  std::vector<ImportProblem> problems;     // every problem, by line; at most kImportProblemsMax + 1
  std::vector<RejectedRow> rejected_rows;  // every data row not imported, in file order
  std::string header_text;                 // the header row as written
};

OrderImport parse_order_csv(std::string_view text, const OrderImportOptions& options);

// The rejects file: the header and every rejected row, as written, one per line (LF); after
// fixing, it can be imported as it is.
std::string render_rejects_csv(const OrderImport& import);

}  // namespace o2c
