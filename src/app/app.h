// app.h — the use cases of the cycle. Each use case loads what it needs from the store,
// calls pure domain functions, and commits everything it changed in one transaction
// through the single writer (or nothing, when any step fails). Batch-first: use cases take
// a span of inputs and submit one job per input, so the writer commits them together; the
// single-item call is a batch of one. Every state change posts balanced ledger entries
// and appends to the hash-chained journal with the actor and the amounts.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "analytics/analytics.h"
#include "billing/billing.h"
#include "core/clock.h"
#include "credit/credit.h"
#include "formats/invoice_document/invoice_document.h"
#include "ledger/ledger.h"
#include "pricing/pricing.h"
#include "store/store.h"

namespace o2c::app {

// Who acts, and what time it is: passed to every use case.
struct Context {
  Store& store;
  const Clock& clock;
  std::string actor = "system";
};

// ---- set-up and master data -------------------------------------------------------------

// Creates a new database with its company currency ("EUR"). Fails if the file exists.
Result<std::unique_ptr<Store>> create_database(const std::string& path,
                                               std::string_view company_currency);
Result<std::unique_ptr<Store>> open_database(const std::string& path);

std::vector<Result<Customer>> add_customers(Context& context, std::span<const Customer> customers);
std::vector<Result<Product>> add_products(Context& context, std::span<const Product> products);
Status set_tax_rate(Context& context, const TaxRate& rate);
Result<Warehouse> add_warehouse(Context& context, const Warehouse& warehouse);

struct StockReceipt {
  std::string sku;
  std::string warehouse_code;
  Quantity quantity;
};
struct ReceiptOutcome {
  StockLevel level;                        // after the receipt
  std::vector<std::string> orders_filled;  // backorders that got stock, in order
  Quantity expected_fulfilled;             // of the warehouse's expected receipts
};
// Puts stock on hand (valued at standard cost), fulfils the warehouse's expected receipts of
// the product (earliest due first) and fills waiting backorders in priority order: customer
// tier, then requested delivery date (the order date when none was requested), then order
// date and number; each line takes stock in its order's sourcing order.
Result<ReceiptOutcome> receive_stock(Context& context, const StockReceipt& receipt);

// ---- inventory: expected receipts, available to promise, allocation under shortage ---------

struct ExpectedReceiptRequest {
  std::string sku;
  std::string warehouse_code;
  Quantity quantity;
  Date expected;
  std::string reference;  // the purchase order or transfer; may be empty
};
// Announces stock due to arrive (journaled as stock.expected). Fails with invalid_argument
// quantity_must_be_positive / quantity_too_large (quantity) or reference_too_long
// (reference), not_found product_not_found (sku) or warehouse_not_found (warehouse).
Result<ExpectedReceipt> expect_receipt(Context& context, const ExpectedReceiptRequest& request);

struct AtpOutcome {
  Product product;
  std::vector<Warehouse> warehouses;      // every warehouse, by code
  std::vector<AtpReport> by_date;         // ascending dates
  std::vector<ExpectedReceipt> receipts;  // still expected, by date
};
// Available to promise of a product on `date`, or, without one, today and on each later
// date a receipt is expected. Fails with product_not_found (sku).
Result<AtpOutcome> available_to_promise_report(Store& store, std::string_view sku,
                                               std::optional<Date> date, Date today);

struct AllocationRequest {
  std::string sku;
  std::optional<std::string> warehouse_code;  // only this warehouse's stock and reservations
  AllocationPolicy policy = AllocationPolicy::kPriority;
  bool dry_run = false;
};
struct AllocatedLine {
  std::string order_number;
  int line_no = 0;
  std::string customer_number;
  int tier = 0;
  Date requested;  // the requested delivery date, or the order date when none was requested
  Date order_date;
  Quantity wanted;  // open quantity (not shipped, nor reserved in other warehouses)
  Quantity before;  // reserved now
  Quantity after;   // under the plan
  Quantity change;  // after − before
};
struct AllocationOutcome {
  AllocationPolicy policy = AllocationPolicy::kPriority;
  Quantity supply;                   // free stock plus what the competing lines hold
  Quantity demand;                   // what they want in all
  bool sufficient = false;           // supply covers demand: nothing was (or would be) changed
  bool committed = false;            // the plan was written (not a dry run, and something changed)
  std::vector<AllocatedLine> lines;  // in priority order
  std::vector<std::string> orders_changed;  // each journaled as order.reallocated
};
// Shares scarce stock of a product across the open (not yet fully shipped) lines of orders
// that may ship — open or partially shipped; orders on hold keep what they hold and do not
// compete. Supply is the free stock plus what the competing lines hold (in the warehouse,
// when one is given); the plan is plan_allocation's (priority: tier, requested date, order
// date; fair share: pro rata in whole units, largest remainder). Lines given less release
// stock (from their last warehouse first), lines given more reserve it in their sourcing
// order; all in one transaction, one order.reallocated event per changed order. When the
// supply covers the demand nothing changes. A dry run computes the same plan on a reader and
// writes nothing. Fails with product_not_found (sku), warehouse_not_found (warehouse).
Result<AllocationOutcome> allocate_scarce_stock(Context& context, const AllocationRequest& request);

// ---- orders -------------------------------------------------------------------------------

struct PlacedOrder {
  Order order;
  CreditCheck credit;
};
std::vector<Result<PlacedOrder>> place_orders(Context& context,
                                              std::span<const OrderRequest> requests);
// Places every request in one transaction, or none of them: the first refusal undoes the
// orders placed before it. On refusal, `refused_index` names the request that was refused.
Result<std::vector<PlacedOrder>> place_orders_all_or_nothing(Context& context,
                                                             std::span<const OrderRequest> requests,
                                                             std::size_t& refused_index);
// A credit manager's decision on an order on credit hold. A released order that needs
// approvals goes on to the approval queue; otherwise it is open and reserves stock. A
// rejected order gives back the single-use coupons it redeemed.
Result<Order> release_order(Context& context, std::string_view order_number);
Result<Order> reject_order(Context& context, std::string_view order_number,
                           std::string_view reason);

// ---- amendments, cancellation and manual holds --------------------------------------------

struct QuantityChange {
  int line_no = 0;
  Quantity quantity;
};
struct LineAddition {
  OrderLineRequest line;
};
struct LineRemoval {
  int line_no = 0;
};
struct ShipToChange {
  Address ship_to;
};
struct Cancellation {
  std::string reason;
  bool remaining_only = false;  // cancel what has not shipped; the rest stays
};
using OrderChange =
    std::variant<QuantityChange, LineAddition, LineRemoval, ShipToChange, Cancellation>;
struct AmendedOrder {
  Order order;
  std::string description;  // "line 2 W-200 quantity 5 -> 3"
};
// Changes an order before it has fully shipped: re-priced (with price rules: on the order's
// date with its coupons, so that a quantity may reach another tier; a cancelled order keeps
// its amounts and gives back the single-use coupons it redeemed), checked against the order rules
// again, reservations given back or taken, exposure adjusted; an increase that would take
// the customer over the credit limit is refused. Journaled with what changed.
Result<AmendedOrder> amend_order(Context& context, std::string_view order_number,
                                 const OrderChange& change);
// A person stops an order (it keeps its reservations) until released.
Result<Order> hold_order(Context& context, std::string_view order_number, std::string_view reason);
Result<Order> unhold_order(Context& context, std::string_view order_number);

// ---- order rules and approvals ------------------------------------------------------------

// The order rules, the approval policy and the price rules in force (orders.h describes the
// first two TOML formats, pricing/parse_price_rules.cc the third). They are stored in the
// database, so every process placing orders applies the same ones.
struct OrderPolicy {
  OrderRules rules;
  ApprovalPolicy approvals;
  // The pricing engine's rules; none: orders are priced from list prices and the tax rates
  // table (price_order, pricing.h A).
  std::optional<PriceBook> prices;
  // The credit policy's hold rules (app/credit.h, `o2c config credit_scoring`).
  CreditHoldPolicy credit_holds;
  std::string rules_text;        // as stored; empty: no rules
  std::string approvals_text;    // as stored; empty: no approvals needed
  std::string price_rules_text;  // as stored; empty: no price rules
};
Result<OrderPolicy> load_order_policy(StoreReader& reader);
// Check `toml_text` and store it (journaled with its SHA-256); an empty text removes the
// rules / the policy. `source` names the file in error messages.
Status set_order_rules(Context& context, std::string_view toml_text, std::string_view source);
Status set_approval_policy(Context& context, std::string_view toml_text, std::string_view source);
// With price rules, placing, importing and amending an order price it with the engine, keep
// each line's trace, redeem single-use coupons and send lines below the margin floor to
// approval. A refused text fails with parse_price_rules' reason; `where` starts with
// `source`: "prices.toml: promotions[2].kind, line 14".
Status set_price_rules(Context& context, std::string_view toml_text, std::string_view source);

// ---- pricing --------------------------------------------------------------------------------

struct PriceQuery {
  std::string customer_number;
  std::string sku;
  Quantity quantity;
  Date date;
  std::vector<std::string> coupon_codes;
  BasisPoints discount;  // a manual line discount
};
struct PriceExplanation {
  PricingRequest request;  // one line
  PricedOrder priced;
};
// Prices one line the way placing an order would on `query.date` (ship-to: the customer's
// shipping address), without placing anything: for `o2c price explain`. Fails with
// no_price_rules (failed_precondition) when none are configured, the order's rejections
// (customer_not_found at order.customer, product_not_found at lines[0].sku, …) and the
// engine's (coupon_expired at order.coupons[0], …).
Result<PriceExplanation> explain_price(StoreReader& reader, const PriceQuery& query);

// The approval queue: orders awaiting approval, each with the level to decide next.
struct PendingApproval {
  Order order;
  ApprovalStep next;
};
Result<std::vector<PendingApproval>> approval_queue(StoreReader& reader,
                                                    std::optional<std::string> role);
// An approver's decision on the next level of an order awaiting approval. The approver acts
// in `action.role`; the last approval opens the order and reserves its stock, a rejection
// rejects it and takes it off the customer's exposure.
Result<Order> approve_order(Context& context, std::string_view order_number, ApprovalAction action);
Result<Order> reject_order_approval(Context& context, std::string_view order_number,
                                    ApprovalAction action);

// ---- bulk order import -------------------------------------------------------------------

struct ImportOptions {
  ImportMode mode = ImportMode::kAllOrNothing;
  // Called after each batch of orders the writer committed, with orders placed so far and the
  // number of orders to place.
  std::function<void(std::int64_t placed, std::int64_t total)> progress;
};

struct ImportOutcome {
  bool refused = false;                 // all-or-nothing and some line is bad: nothing placed
  std::vector<PlacedOrder> placed;      // in file order
  std::vector<ImportProblem> problems;  // every problem, by line: the file's and refused orders'
  std::size_t rejected_rows = 0;        // data rows not imported
  std::string rejects_csv;  // the header and every row not imported (render_rejects_csv)
};

// Imports orders from CSV text (see "bulk order import" in orders/orders.h), channel csv.
// A customer's PO number may be used once: a PO already on one of the customer's orders in
// the database, or earlier in the file, is a duplicate_po_number problem naming the earlier
// order. Before anything is placed, every order is checked the way place_orders checks it
// (validate_order, pricing with or without price rules) and a refusal becomes a problem on
// the line and column at fault; a single-use coupon redeemed by an earlier order of the file
// is a coupon_already_redeemed problem on the later one. Under kAllOrNothing any problem
// refuses the file: nothing is placed and `refused` is set. Under kSkipBadOrders the good
// orders are placed and the others' rows go to `rejects_csv`. Fails (no outcome) when the
// file as a whole cannot be read: empty_file, file_too_large, unsupported_encoding,
// too_many_rows, at "file".
// The checks read a snapshot; the placing is another transaction, so master data changed by
// another writer in between can still refuse an order at placement. Under kAllOrNothing the
// whole file is placed in one transaction, so such a refusal places nothing (`refused`, with
// the problem). Under kSkipBadOrders it is reported as a problem and its rows rejected while
// the other orders stay placed.
Result<ImportOutcome> import_orders(Context& context, std::string_view file_text,
                                    const ImportOptions& options);

// ---- shipping and invoicing ---------------------------------------------------------------

struct ShipRequest {
  std::string order_number;
  std::vector<ShipRequestLine> lines;  // empty: everything reserved
  // Optional for a one-step shipment, but both or neither; not taken when picking.
  std::string carrier{};
  std::string tracking_number{};
  std::optional<Date> promised_on{};  // default: the order's requested delivery date
};
struct ShipOutcome {
  Shipment shipment;
  std::optional<Invoice> invoice;  // none when the customer is billed per order or per period
  OrderState order_state;
};
// Ships and invoices (one invoice per shipment) on the clock's date: picking, packing and the
// goods issue in one step, so the shipment is `shipped` at once (fulfillment.h).
std::vector<Result<ShipOutcome>> ship_orders(Context& context,
                                             std::span<const ShipRequest> requests);

// ---- fulfilment in steps: pick, pack, goods issue, delivery ---------------------------------
// (SAP: delivery → picking → post goods issue → billing → proof of delivery)

struct PickOutcome {
  Shipment shipment;  // status picking
  OrderState order_state;
};
// Creates a shipment in status picking from reserved stock (what ship_orders would ship). The
// goods leave the order's reservations but stay reserved in the warehouse until the goods
// issue; nothing is invoiced yet. Fails like ship_orders; carrier and tracking number are
// refused here (given at dispatch).
Result<PickOutcome> pick_order(Context& context, const ShipRequest& request);
// picking → packed on the clock's date.
Result<Shipment> pack_shipment(Context& context, std::string_view shipment_number);
struct DispatchRequest {
  std::string shipment_number;
  std::string carrier;
  std::string tracking_number;
};
// packed → shipped: the goods issue. Takes the goods off hand and invoices the shipment, as
// ship_orders does. Fails with order_not_shippable when the order is held meanwhile.
Result<ShipOutcome> dispatch_shipment(Context& context, const DispatchRequest& request);
// shipped → delivered on the clock's date (proof of delivery).
Result<Shipment> deliver_shipment(Context& context, std::string_view shipment_number);
// picking or packed → cancelled: the goods go back to the order's reservations.
Result<Shipment> cancel_picking(Context& context, std::string_view shipment_number,
                                std::string_view reason);

// ---- returns (RMA) and reorder points -------------------------------------------------------

struct ReturnInput {
  std::string shipment_number;
  ReturnRequest request;  // reason, lines and the goods' condition
};
// Authorises a return against a shipped or delivered shipment (plan_return): the quantities
// and the credit they will ask for are fixed now; stock and credit follow on receipt.
Result<ReturnAuthorisation> authorise_return(Context& context, const ReturnInput& input);
struct ReceivedReturn {
  ReturnAuthorisation rma;
  std::optional<CreditNoteRequest> credit;  // none when there was nothing to credit
};
// The goods are back (on the clock's date): resellable goods go on hand in the warehouses they
// left (their cost back from cost of goods sold to inventory; waiting backorders are not
// filled from them until the next receipt), damaged goods do not; and billing is asked for a
// credit note of the RMA's credit (issue 4 issues it; receivables stay as they are until then).
Result<ReceivedReturn> receive_return(Context& context, std::string_view rma_number);

// Alerts when available stock (on hand − reserved) of the product there falls below `quantity`;
// zero switches the alert off.
Status set_reorder_point(Context& context, std::string_view sku, std::string_view warehouse_code,
                         Quantity quantity);

// ---- payments -------------------------------------------------------------------------------

// ---- billing -----------------------------------------------------------------------------

struct BillingRunOutcome {
  std::vector<Invoice> invoices;  // issued by this run, in customer order (without lines)
  std::int64_t shipments_billed = 0;
  std::int64_t orders_waiting = 0;  // of per-order customers, not fully shipped yet
};
// Bills every shipment shipped on or before `up_to` that no invoice has billed, by each
// customer's billing policy (customers.h), with invoices dated `up_to`: per shipment one each
// (those shipped before the policy changed), per order one per fully shipped order (the
// others wait), per period one per customer. Each invoice is its own transaction; running
// it again bills nothing twice. `progress(done, total)` is called as groups are committed.
Result<BillingRunOutcome> run_billing(
    Context& context, Date up_to,
    const std::function<void(std::size_t, std::size_t)>& progress = {});

struct CreditNoteInput {
  std::string invoice_number;
  CreditRequest request;
};
// Credits a posted invoice (billing.h: plan_credit_note); the credit settles the invoice's
// open amount first, the rest becomes the customer's credit.
Result<CreditNote> issue_credit_note(Context& context, const CreditNoteInput& input);
// Turns every credit note request of a received return into a credit note (cause return,
// the returned quantities of the invoice lines). Returns the credit notes issued.
Result<std::vector<CreditNote>> credit_received_returns(Context& context);

struct DebitNoteInput {
  std::string invoice_number;
  std::string reason;
  std::string description;   // on the line; the reason when empty
  Money net;                 // charged in addition, before tax
  std::string tax_category;  // empty: the invoice's first line's category and rate
  // Where the net is earned: revenue, or dunning_charges for a dunning fee and interest.
  Account revenue_account = Account::kRevenue;
  // Outside the scope of tax (late-payment fees and interest are damages, not supplies):
  // rate 0 under the category kOutsideTaxScope.
  bool untaxed = false;
};
inline constexpr std::string_view kOutsideTaxScope = "outside_scope";
Result<Invoice> issue_debit_note(Context& context, const DebitNoteInput& input);
// A pro-forma invoice of what an order has not been invoiced for (numbered PF-…, journaled,
// never posted).
Result<ProformaInvoice> issue_proforma(Context& context, std::string_view order_number);

struct PaymentRequest {
  std::string customer_number;
  Money amount;
  std::optional<Date> received_on;  // default: the clock's date
  PaymentMethod method = PaymentMethod::kBankTransfer;
  std::string reference;
  std::vector<std::string> invoice_numbers;  // empty: oldest due first
};
struct PaymentOutcome {
  Payment payment;
  std::vector<Application> applications;
  std::vector<Money> discounts;  // early-payment discount taken by each application
};
// Records each payment and applies it; the rest stays on account as unapplied cash.
std::vector<Result<PaymentOutcome>> record_payments(Context& context,
                                                    std::span<const PaymentRequest> requests);

// ---- FX: the rate table and cash applied later ------------------------------------------

// A rate to set, and where it came from for errors ("rates.csv line 3"; empty: the command).
struct FxRateInput {
  FxRateEntry rate;
  std::string where;
};
struct FxRatesOutcome {
  std::vector<FxRateEntry> added;      // journaled as fx.rate_set, one event each
  std::vector<FxRateEntry> unchanged;  // already in the table with the same rate
};
// Sets rates in one transaction, all or none. Each is checked (validate_fx_rate: not the
// company currency, positive); a (currency, date) already in the table with another rate is
// refused (already_exists fx_rate_conflict): postings may have used it, so rates are never
// replaced. The same rate again is no change.
Result<FxRatesOutcome> set_fx_rates(Context& context, std::span<const FxRateInput> rates);
Result<std::vector<FxRateEntry>> list_fx_rates(Store& store, std::optional<Currency> currency);

struct CashApplicationRequest {
  std::string customer_number;
  std::string payment_number;                // empty: the customer's payments, oldest first
  std::vector<std::string> invoice_numbers;  // empty: the customer's open invoices, oldest due
};
struct CashApplicationOutcome {
  struct Applied {
    std::string payment_number;
    Application application;
  };
  std::vector<Applied> applied;  // in the order applied
  Money realised_fx;             // company currency: > 0 gain, < 0 loss
};
// Puts a customer's unapplied cash (advances, overpayments) against open invoices on the
// clock's date, as recording a payment does: receivables are cleared at the invoices' company
// amounts, the cash at the payment's, and the difference is a realised FX gain or loss.
// Fails with customer_not_found, payment_not_found (payment), invoice_not_found (invoices[i]),
// plan_application's reasons, and nothing_to_apply (failed_precondition) when there is no
// unapplied cash or no open invoice to put it on.
Result<CashApplicationOutcome> apply_unapplied_cash(Context& context,
                                                    const CashApplicationRequest& request);
// ---- invoice e-mail: the outbox and its delivery --------------------------------------------

// How invoices are mailed, stored in the settings table (keys mail.smtp_url, mail.from,
// mail.company_name) and journaled as config.set mail.
struct MailSettings {
  std::string smtp_url;      // "smtp://127.0.0.1:2525"; empty: not configured
  std::string from;          // "billing@example.com"
  std::string company_name;  // names the sender in subjects: "Invoice … from <company>"
};
struct MailSettingsChange {
  std::optional<std::string> smtp_url;
  std::optional<std::string> from;
  std::optional<std::string> company_name;
};
Result<MailSettings> load_mail_settings(StoreReader& reader);
// Changes the settings given (the others stay). Fails with invalid_smtp_url (smtp_url),
// invalid_email_address (from), invalid_company_name (company_name: 1-200 bytes on one line),
// or nothing_to_change.
Result<MailSettings> configure_mail(Context& context, const MailSettingsChange& change);

// Renders the document attached to an invoice's mail: the PDF once it is plugged in, the
// plain-text rendering (render_invoice_text) until then.
using InvoiceRenderer = std::function<Result<Attachment>(const Invoice&)>;

struct InvoiceMailRequest {
  std::string invoice_number;
  std::string recipients;  // "a@x.example, b@y.example"; empty: the customer's e-mail
  bool resend = false;     // queue another message even if one was queued before
};
struct QueuedMail {
  OutboxMessage message;        // the new message, or the one queued before
  bool already_queued = false;  // a message existed and no resend was asked: nothing queued
};
// Queues one message per request, each in its own job (a batch through the writer): subject
// and body from compose_invoice_mail, the renderer's attachment, due at once. Journaled as
// mail.queued with the recipients and each attachment's name, type, size and SHA-256.
// Queueing an invoice that already has a message returns that message (already_queued)
// unless `resend`. Fails with invoice_not_found (invoice), customer_has_no_email
// (customer.email, naming the customer; give recipients instead), the recipients' parse
// errors (to), mail_not_configured (no company name), attachment_too_large, or the
// renderer's error.
std::vector<Result<QueuedMail>> queue_invoice_mails(Context& context,
                                                    std::span<const InvoiceMailRequest> requests,
                                                    const InvoiceRenderer& renderer);
// Invoices no message was ever queued for, by number (for `invoice send --unsent`).
Result<std::vector<std::string>> invoices_without_mail(Store& store);
Result<std::vector<OutboxMessage>> list_outbox(Store& store, std::optional<MailStatus> status,
                                               std::size_t limit);

// Hands a finished message (RFC 5322 bytes) to the mail server; send_smtp in production.
// An error of kind failed_precondition is a permanent refusal; any other may pass later.
using MailTransport =
    std::function<Status(const MailSettings& settings, std::span<const std::string> recipients,
                         std::string_view message)>;
struct DeliveryOptions {
  bool ignore_schedule = false;  // also messages whose next attempt is in the future (--now)
  std::size_t limit = 1'000;
  // Called after each attempt (before its outcome is recorded) with the message as it will be
  // recorded, messages attempted so far and the number due.
  std::function<void(const OutboxMessage& message, std::int64_t attempted, std::int64_t total)>
      progress;
};
struct DeliveryReport {
  std::int64_t sent = 0;
  std::int64_t retry_later = 0;          // failed this time, queued for another attempt
  std::int64_t failed = 0;               // failed for good
  std::int64_t skipped = 0;              // handled by someone else meanwhile
  std::vector<OutboxMessage> attempted;  // as recorded, in id order
};
// Sends the queued messages that are due on the clock (all queued with ignore_schedule).
// The messages are read from a snapshot and sent outside the writer; each outcome is then
// recorded in its own transaction (mail.sent, mail.retry or mail.failed), so a message is
// marked sent only after the server accepted it, and a crash between the two can resend at
// most the message in flight. An outcome is not recorded when the message changed meanwhile
// (another deliverer): it counts as skipped. Fails with mail_not_configured (no SMTP URL or
// sender) before sending anything.
Result<DeliveryReport> deliver_mail(Context& context, const MailTransport& transport,
                                    const DeliveryOptions& options);
// ---- invoice documents: the seller, UBL e-invoices and PDFs ---------------------------------

// The company's own master data printed on every invoice, stored as settings company.*
// (kCompanySettingKeys) and journaled as config.company. Refused whole, nothing stored, with
// checked_seller's errors (billing.h): name_required at company.name, iban_invalid, …
Status set_company(Context& context, const Seller& seller);
// The company as set, or none before `o2c config company`.
Result<std::optional<Seller>> load_company(StoreReader& reader);
inline constexpr std::string_view kCompanySettingKeys[] = {
    "company.name",   "company.street", "company.city", "company.postal_code", "company.country",
    "company.vat_id", "company.iban",   "company.bic",  "company.email",       "company.phone"};

// The one place an o2c invoice becomes a document to send (UBL and PDF render the result):
// seller from the company, buyer from the customer (billing address, e-mail, number as
// buyer reference), one document line per invoice line with its discount (quantity × unit
// price − net) as a line allowance, VAT category per line (vat_category: S, Z, or E with an
// exemption reason for a tax-exempt customer), the tax summary (tax_summary), the payment
// terms in words and a credit transfer to the company's IBAN with the invoice number as
// reference. The type is an invoice (380) or a debit note (383, referring to the invoice it
// corrects); the early-payment discount is the one the invoice was issued with. Pure. Fails with
// amount_overflow.
Result<InvoiceDocument> invoice_document(const Invoice& invoice, const Customer& customer,
                                         const Seller& seller);
// An early-payment discount of `rate` on the invoice's gross total if paid within `days` of
// the invoice date (rounded half-even), for a document whose terms grant one.
Result<EarlyPaymentDiscount> early_payment_discount(const Invoice& invoice, BasisPoints rate,
                                                    int days);

// A credit note as a document (type 381) referring to the invoice it credits. Pure.
Result<InvoiceDocument> credit_note_document(const CreditNote& note, const Invoice& original,
                                             const Customer& customer, const Seller& seller);
// Loads what invoice_document needs for invoice `number` (or credit_note_document for a
// credit note, CN-…) and maps it. Fails with
// failed_precondition company_not_set ("set the seller with `o2c config company …` first"),
// not_found invoice_not_found at `number`.
Result<InvoiceDocument> load_invoice_document(StoreReader& reader, std::string_view number);
// The numbers of invoices dated within [from, to] (either open), by number.
Result<std::vector<std::string>> invoice_numbers(StoreReader& reader, std::optional<Date> from,
                                                 std::optional<Date> to);

// ---- reports and audit ------------------------------------------------------------------

Result<AgingReport> aging_report(Store& store, Date as_of);
// The company's trial balance: the company amounts of every entry (one TrialBalance, in the
// company currency, asserted to balance).
Result<std::vector<TrialBalance>> trial_balance_report(Store& store);
// The same books by document currency (each balances on its own): where the company amounts
// come from. Realised FX gains and losses are company-currency entries.
Result<std::vector<TrialBalance>> trial_balance_by_currency_report(Store& store);

// What happened to an order, from the journal: placed, held, released, approvals, amendments,
// shipments, invoices and the payments applied to them, each with when, who and what.
Result<std::vector<OrderEvent>> track_order(Store& store, std::string_view order_number);

// Orders that need someone's attention as of `today`: shipments not delivered by their
// promised date, orders with quantity not shipped by their requested delivery date, backordered
// lines, orders on hold or awaiting approval longer than the thresholds (both counted from the
// order date), and stock available below its reorder point.
Result<std::vector<Alert>> order_exceptions(Store& store, Date today,
                                            const AlertThresholds& thresholds);

// How orders flow, from the journal: time from placing to first shipment, first invoice and
// full payment (median and 90th percentile), and the fill and backorder rates of orders
// placed open (what stock covered at the moment of ordering).
// The perfect order rate (analytics.h, perfect_order_outcome) comes from the orders'
// shipments and returns as they stand.
struct OrderFlowReport {
  CycleTimes cycle;
  std::size_t orders = 0;
  std::optional<BasisPoints> fill_rate;
  std::optional<BasisPoints> backorder_rate;
  PerfectOrderSummary perfect{};
};
Result<OrderFlowReport> order_flow_report(Store& store);

struct JournalVerdict {
  bool ok = true;
  std::int64_t verified = 0;
  std::string head_hash;
  std::string failure;  // names the first entry that does not match
  std::int64_t failed_sequence = 0;
  // journal_broken (an entry does not match), or with a checkpoint checkpoint_mismatch (the
  // entry at its sequence has another hash) or checkpoint_not_found (no entry at it).
  std::string_view reason;
};
// Recomputes the whole chain from the genesis. With a checkpoint, the entry at its sequence
// must also still have its hash: together that proves nothing up to the checkpoint changed.
Result<JournalVerdict> verify_journal(Store& store,
                                      const std::optional<JournalCheckpoint>& checkpoint = {});
// The head of the journal now (sequence 0 and the genesis hash when it is empty).
Result<JournalCheckpoint> journal_checkpoint(Store& store);
// Every journal entry as one export_line() each, in sequence order, for `o2c audit export`;
// tools/verify_journal.py re-verifies the file without o2c (docs/journal.md).
Status export_journal(Store& store, const std::function<void(std::string_view line)>& write);

// ---- the books: chart of accounts, periods, general ledger, sub-ledger, export ----------------

// The chart in force: the one set with set_chart, else default_chart().
Result<Chart> load_chart(StoreReader& reader);
// Checks and stores a chart (journaled as config.accounts with its SHA-256); an empty text
// goes back to the default chart. Fails with parse_chart's errors (where starts with
// `source`), or, once a period is closed, with failed_precondition chart_locked when the
// new chart gives a role another code (ledger.h says why).
Status set_chart(Context& context, std::string_view toml_text, std::string_view source);

// Closes a month (journaled as period.closed): nothing may be posted dated in it any more.
// Fails with check_can_close's reasons.
Status close_period(Context& context, YearMonth period);
// Reopens the latest closed month (journaled as period.reopened with the reason).
Status reopen_period(Context& context, YearMonth period, std::string_view reason);
// Every month with postings or ever closed, by month, with its state (open unless closed).
Result<std::vector<PeriodStatus>> list_periods(Store& store);

// Trial balances with the chart in force (rows by the chart's codes).
struct ChartedTrialBalance {
  Chart chart;
  std::vector<TrialBalance> balances;
};
// The company-currency trial balance (or, with `by_document_currency`, one per document
// currency) with the chart in force, rows by the chart's codes.
Result<ChartedTrialBalance> charted_trial_balance(Store& store, bool by_document_currency = false);

struct GeneralLedgerQuery {
  int account_code = 0;  // a code of the chart in force
  std::optional<Date> from;
  std::optional<Date> to;
};
struct GeneralLedgerReport {
  ChartAccount account;
  std::vector<GeneralLedger> ledgers;  // per currency; none when nothing was posted
};
// One account's detail. Fails with not_found unknown_account (the code is not in the chart)
// and invalid_argument invalid_date_range (from after to).
Result<GeneralLedgerReport> general_ledger_report(Store& store, const GeneralLedgerQuery& query);

struct SubledgerReconciliation {
  Currency currency;
  Money open_receivables;     // sum over customers
  Money receivables_account;  // the receivables role's balance as of the date
  Money receivables_difference;
  Money unapplied_cash;     // sum over customers
  Money unapplied_account;  // the unapplied-cash role's balance as a credit (positive)
  Money unapplied_difference;
};
struct SubledgerReport {
  Date as_of;
  std::vector<CustomerLedgerRow> customers;  // by number and currency
  // Over all customers (also when the report shows one): the control accounts against the
  // sum of the sub-ledger, per currency; each difference must be zero.
  std::vector<SubledgerReconciliation> reconciliation;
};
// The customer sub-ledger as of a date. Fails with customer_not_found at "customer".
Result<SubledgerReport> subledger_report(Store& store, std::optional<std::string> customer,
                                         Date as_of);

// The books as an hledger journal with the chart's account names (ledger.h).
Result<std::string> export_hledger(Store& store);

}  // namespace o2c::app

namespace o2c::app {

// ---- demo -----------------------------------------------------------------------------------

struct DemoOptions {
  std::int64_t orders = 2000;
  std::uint64_t seed = 42;
  Date as_of;  // the last simulated day; the cycle runs over the 150 days before it
  // Called after each simulated day with orders placed so far and the total.
  std::function<void(std::int64_t placed, std::int64_t total)> progress;
};

struct DemoOutcome {
  std::int64_t customers = 0;
  std::int64_t products = 0;
  std::int64_t orders_placed = 0;
  std::int64_t orders_held = 0;
  std::int64_t holds_released = 0;
  std::int64_t holds_rejected = 0;
  std::int64_t shipments = 0;
  std::int64_t partial_shipments = 0;
  std::int64_t backorders_filled = 0;
  std::int64_t payments = 0;
  std::int64_t partial_payments = 0;
  std::int64_t overpayments = 0;
};

// Fills an empty database with a realistic dataset and runs the whole cycle for
// options.orders orders: credit holds and releases, backorders, partial shipments,
// partial payments, overpayments and invoices left overdue. Deterministic for a seed and
// as-of date. `clock` is moved through the simulated days.
Result<DemoOutcome> run_demo(Store& store, SettableClock& clock, const DemoOptions& options);

}  // namespace o2c::app

// Recurring and usage-based billing, and revenue recognition (included last: it builds on the
// declarations above).
#include "app/recurring.h"  // IWYU pragma: export

// Credit management: groups, exposure, the credit check, scores and reviews, holds and limit
// requests (included last: it builds on the declarations above).
#include "app/credit.h"  // IWYU pragma: export
// Payments after receipt: cards, refunds, reversals, credit balances, SEPA direct debit.
#include "app/payment_lifecycle.h"  // IWYU pragma: export
#include "app/disputes.h"  // IWYU pragma: export
#include "app/collections.h"  // IWYU pragma: export
// Bank statements and the cash application worklist (migration 0014).
#include "app/bank.h"  // IWYU pragma: export
