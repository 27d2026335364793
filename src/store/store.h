// store.h — where the cycle's state lives. One writer, many readers (DESIGN.md):
//   * Store::submit() queues a unit of work for the single writer thread, which runs every
//     job waiting at that moment inside one database transaction (group commit); a failing
//     job rolls back alone, and callers learn their own result only after the transaction
//     is durable.
//   * Store::reader() opens a separate read connection that sees committed snapshots and
//     never blocks the writer.
// The interface is narrow and typed so a PostgreSQL implementation can follow the SQLite one.
#pragma once

#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/analytics.h"
#include "billing/billing.h"
#include "catalog/catalog.h"
#include "core/clock.h"
#include "core/result.h"
#include "credit/credit.h"
#include "customers/customers.h"
#include "disputes/disputes.h"
#include "formats/bankfiles/bankfiles.h"
#include "fulfillment/fulfillment.h"
#include "inventory/inventory.h"
#include "journal/journal.h"
#include "ledger/ledger.h"
#include "mail/mail.h"
#include "orders/orders.h"
#include "payments/payments.h"
#include "store/collections_rows.h"

namespace o2c {

// The customer's running credit exposure, kept with the documents that change it.
struct CustomerBalance {
  Money open_receivables;
  Money open_orders;
  Money unapplied_cash;
};

struct StockRow {
  std::string warehouse_code;
  std::string sku;
  Quantity on_hand;
  Quantity reserved;
};

struct OrderFilter {
  std::optional<OrderState> state;
  std::optional<CustomerId> customer;
  std::size_t limit = 100;
};

// A shipment whose goods left and that no invoice has billed yet (a billing run's work).
struct UnbilledShipment {
  ShipmentId shipment;
  std::string shipment_number;
  OrderId order;
  std::string order_number;
  CustomerId customer;
  std::string customer_number;
  BillingPolicy policy = BillingPolicy::kPerShipment;
  Date shipped_on;
};

struct InvoiceFilter {
  std::optional<CustomerId> customer;
  bool open_only = false;
  std::size_t limit = 100;
};

struct ShipmentFilter {
  std::optional<OrderId> order;
  bool not_delivered_only = false;  // picking, packed or shipped
  std::size_t limit = 100;
};

// A reorder point with the stock it watches.
struct ReorderPoint {
  std::string sku;
  std::string warehouse_code;
  Quantity reorder_point;
  Quantity on_hand;
  Quantity reserved;
};

// How many documents are in each state: the demo's summary.
struct CycleCounts {
  std::vector<std::pair<std::string, std::int64_t>> orders_by_state;
  std::int64_t invoices_open = 0;
  std::int64_t invoices_partially_paid = 0;
  std::int64_t invoices_paid = 0;
  std::int64_t shipments = 0;
  std::int64_t payments = 0;
  std::int64_t journal_entries = 0;
};

// Which outbox messages to list, by id.
struct OutboxFilter {
  std::optional<MailStatus> status;
  std::optional<Timestamp> due_by;  // only queued messages whose next attempt is by then
  bool with_attachments = false;
  std::size_t limit = 100;
};

// A single-use coupon code used up by an order (Order::coupons).
struct CouponRedemption {
  std::string code;
  std::string order_number;
};

// The company amount of a document in a foreign currency (an invoice's receivable, a
// payment's cash) at the rate of its date: what settling it clears, in proportion.
struct DocumentFx {
  std::string document;  // "INV-2026-000001", "PAY-2026-000001"
  Money amount;          // in the document's currency
  FxRate rate;
  Money company_amount;
};

// An event to append; the store assigns its sequence number and hash.
struct JournalDraft {
  Timestamp at;
  std::string actor;
  std::string kind;
  std::string document;
  std::string payload;  // canonical JSON
};

// Which ledger entries scan_ledger visits.
struct LedgerQuery {
  std::optional<Account> account;  // only entries with a line on this role (all their lines)
  std::optional<Date> to;          // only entries dated on or before
};

// A customer's receivables as of a date, per currency: the sub-ledger of the receivables and
// unapplied-cash accounts.
struct CustomerLedgerRow {
  std::string customer_number;
  std::string customer_name;
  Money open_receivables;  // invoices dated by then, less what was applied to them by then
  Money unapplied_cash;    // payments received by then, less what they settled by then
};

struct SubscriptionFilter {
  std::optional<CustomerId> customer;
  std::size_t limit = 1'000;
};

// What a billed_periods row records: a subscription's recurring charge or its usage.
enum class BilledPeriodKind : std::uint8_t { kRecurring = 1, kUsage = 2 };

// A month's share of an amount billed in advance, not recognised yet.
struct DeferredRevenueRow {
  std::int64_t id = 0;
  std::string document;
  std::chrono::year_month month;
  Money amount;
};

// Which disputes list_disputes returns (all given conditions hold).
struct DisputeFilter {
  bool open_only = false;
  std::string owner;            // "" any
  std::string customer_number;  // "" any
  std::string invoice_number;   // "" any
  std::size_t limit = 1'000;
};

// ---- bank statements (migration 0014) ----
// Where a statement line stands in cash application. Stored by wire name.
enum class StatementLineStatus : std::uint8_t {
  kUnmatched = 1,  // a credit not looked at yet
  kApplied = 2,    // a payment was booked for it
  kReview = 3,     // waits for a person, with the engine's suggestions
  kIgnored = 4,    // a debit, or set aside by a person (with a note)
};
std::string_view wire_name(StatementLineStatus status);
Result<StatementLineStatus> statement_line_status_from_wire(std::string_view text);

struct StoredStatement {
  std::int64_t id = 0;
  std::string number;  // "BST-2026-000001"
  std::string identity;
  BankFileFormat format = BankFileFormat::kCamt053;
  std::string account;
  Currency currency;
  Date statement_date;
  std::optional<Money> opening_balance;
  std::optional<Money> closing_balance;
  std::string file_name;
  std::string file_sha256;
  Timestamp imported_at;
  std::int64_t line_count = 0;
};

struct StatementLine {
  std::int64_t id = 0;
  std::int64_t statement = 0;
  std::string statement_number;  // read only
  int line_no = 0;               // 1-based within its statement
  StatementEntry entry;
  StatementLineStatus status = StatementLineStatus::kUnmatched;
  std::optional<PaymentId> payment;
  std::string payment_number;  // read only
  std::string note;
};

struct StatementLineFilter {
  std::optional<std::int64_t> statement;
  std::optional<StatementLineStatus> status;
  std::size_t limit = 1000;
};

// One ranked candidate of the matching engine for a line in review.
struct SuggestedApplication {
  std::string invoice_number;
  Money amount;
  Money discount;
};
struct LineSuggestion {
  int rank = 0;  // 1 = best
  CustomerId customer;
  std::string customer_number;  // read only
  std::vector<SuggestedApplication> applications;
  Money short_amount;
  std::string shortfall = "none";  // wire name: none, write_off, deduction
  Money unapplied;
  int confidence = 0;
  std::vector<std::string> reasons;  // wire names, strongest first
};

enum class BankAccountSource : std::uint8_t { kManual = 1, kLearned = 2 };
std::string_view wire_name(BankAccountSource source);
struct CustomerBankAccount {
  CustomerId customer;
  std::string customer_number;  // read only
  std::string account;
  BankAccountSource source = BankAccountSource::kManual;
};

class StoreReader {
 public:
  virtual ~StoreReader() = default;

  virtual Result<std::string> company_currency() = 0;
  // A configuration text stored under `key` (e.g. "order_rules"), or none.
  virtual Result<std::optional<std::string>> setting(std::string_view key) = 0;
  virtual Result<std::optional<Customer>> find_customer(std::string_view number) = 0;
  virtual Result<std::optional<Customer>> find_customer(CustomerId id) = 0;
  virtual Result<std::vector<Customer>> list_customers() = 0;
  virtual Result<CustomerBalance> customer_balance(const Customer& customer) = 0;
  virtual Result<std::optional<Product>> find_product(std::string_view sku) = 0;
  virtual Result<std::vector<Product>> list_products() = 0;
  virtual Result<std::vector<TaxRate>> tax_rates() = 0;
  virtual Result<std::optional<Warehouse>> find_warehouse(std::string_view code) = 0;
  virtual Result<std::vector<Warehouse>> list_warehouses() = 0;
  // A product's stock in every warehouse, by warehouse code.
  virtual Result<std::vector<StockLevel>> stock_levels(ProductId product) = 0;
  virtual Result<std::vector<StockRow>> list_stock() = 0;

  virtual Result<std::optional<Order>> find_order(std::string_view number) = 0;
  virtual Result<std::vector<Order>> list_orders(const OrderFilter& filter) = 0;  // no lines
  // Approved orders waiting for stock of `product`, oldest order number first.
  virtual Result<std::vector<std::string>> backordered_order_numbers(ProductId product) = 0;
  // Orders that may still ship (open or partially shipped) with a line of `product` not fully
  // shipped, by order number.
  virtual Result<std::vector<std::string>> open_order_numbers(ProductId product) = 0;
  // Receipts of `product` still expected (open quantity > 0), by expected date, then id.
  virtual Result<std::vector<ExpectedReceipt>> expected_receipts(ProductId product) = 0;
  virtual Result<std::vector<Shipment>> shipments_of_order(OrderId order) = 0;
  // Which of `codes` an order has redeemed (and is not cancelled or rejected), in the order of
  // `codes`; a code nobody redeemed is not listed.
  virtual Result<std::vector<CouponRedemption>> coupon_redemptions(
      std::span<const std::string> codes) = 0;
  // A shipment with its lines and tracking, or none.
  virtual Result<std::optional<Shipment>> find_shipment(std::string_view number) = 0;
  // Shipments by number, without lines.
  virtual Result<std::vector<Shipment>> list_shipments(const ShipmentFilter& filter) = 0;
  // The invoice of a shipment (there is at most one), with its lines, or none.
  virtual Result<std::optional<Invoice>> invoice_of_shipment(ShipmentId shipment) = 0;

  virtual Result<std::optional<ReturnAuthorisation>> find_return(std::string_view number) = 0;
  // Returns with their lines and restock plans, by number; of one shipment or of all.
  virtual Result<std::vector<ReturnAuthorisation>> list_returns(std::optional<ShipmentId> shipment,
                                                                std::size_t limit) = 0;
  // Credit notes asked of billing, by request id; with `pending_only`, those no credit note
  // answers yet.
  virtual Result<std::vector<CreditNoteRequest>> list_credit_note_requests(std::size_t limit,
                                                                           bool pending_only) = 0;
  // Every reorder point with its product's stock there, by SKU and warehouse code.
  virtual Result<std::vector<ReorderPoint>> reorder_points() = 0;

  virtual Result<std::optional<Invoice>> find_invoice(std::string_view number) = 0;
  virtual Result<std::vector<Invoice>> list_invoices(const InvoiceFilter& filter) = 0;  // no lines
  virtual Result<std::vector<OpenItem>> open_items(std::optional<CustomerId> customer) = 0;
  // Shipped on or before `up_to` and not billed (of one order, or all), by customer, order and
  // shipment number.
  virtual Result<std::vector<UnbilledShipment>> unbilled_shipments(
      Date up_to, std::optional<OrderId> order) = 0;
  // What credit notes took from each line of `invoice` so far (one row per credit note line).
  virtual Result<std::vector<CreditedLine>> credited_lines(InvoiceId invoice) = 0;
  // A credit note with its lines, or none.
  virtual Result<std::optional<CreditNote>> find_credit_note(std::string_view number) = 0;
  // Credit notes by number, without lines; of one invoice's customer or all.
  virtual Result<std::vector<CreditNote>> list_credit_notes(std::optional<CustomerId> customer,
                                                            std::size_t limit) = 0;
  virtual Result<std::vector<AgingItem>> aging_items() = 0;

  virtual Result<std::optional<Payment>> find_payment(CustomerId customer,
                                                      std::string_view reference) = 0;
  virtual Result<std::vector<Payment>> list_payments(std::optional<CustomerId> customer,
                                                     std::size_t limit) = 0;

  // The invoice outbox (mail.h). Messages by id; with attachments only when asked.
  virtual Result<std::vector<OutboxMessage>> list_outbox(const OutboxFilter& filter) = 0;
  // One message with its attachments, or none.
  virtual Result<std::optional<OutboxMessage>> find_outbox_message(std::int64_t id) = 0;
  // The messages queued for an invoice, by id, without attachments.
  virtual Result<std::vector<OutboxMessage>> outbox_of_invoice(InvoiceId invoice) = 0;
  // Numbers of invoices no message was ever queued for, by number.
  virtual Result<std::vector<std::string>> invoices_without_mail(std::size_t limit) = 0;

  // ---- recurring billing (migration 0012) ----
  virtual Result<std::optional<Plan>> find_plan(std::string_view code) = 0;
  virtual Result<std::optional<Plan>> find_plan(std::int64_t id) = 0;
  virtual Result<std::vector<Plan>> list_plans() = 0;  // by code
  // The usage prices of a plan, by meter id.
  virtual Result<std::vector<UsagePrice>> usage_prices(std::int64_t plan) = 0;
  virtual Result<std::optional<Meter>> find_meter(std::string_view name) = 0;
  virtual Result<std::vector<Meter>> list_meters() = 0;  // by name
  virtual Result<std::optional<Subscription>> find_subscription(std::string_view number) = 0;
  virtual Result<std::vector<Subscription>> list_subscriptions(
      const SubscriptionFilter& filter) = 0;  // by number
  // A customer's usage of a meter on the days of `period`, oldest first.
  virtual Result<std::vector<UsageRecord>> usage_records(CustomerId customer, std::int64_t meter,
                                                         ServicePeriod period) = 0;
  virtual Result<bool> has_usage_record(CustomerId customer, std::string_view idempotency_key) = 0;
  // Deferred revenue not yet recognised for `through` and the months before, by month, id.
  virtual Result<std::vector<DeferredRevenueRow>> unrecognised_revenue(
      std::chrono::year_month through) = 0;

  // Per-account totals of the document amounts, by document currency.
  virtual Result<std::vector<AccountTotals>> account_totals() = 0;
  // Ledger entries with their lines, by date and then posting order.
  virtual Status scan_ledger(const LedgerQuery& query,
                             const std::function<bool(const PostedEntry&)>& visit) = 0;
  // Months that were ever closed or reopened, by month.
  virtual Result<std::vector<PeriodStatus>> accounting_periods() = 0;
  // Months that have ledger entries, ascending.
  virtual Result<std::vector<YearMonth>> posted_months() = 0;
  // Per customer (by number) and currency, with anything open or unapplied as of `as_of`.
  virtual Result<std::vector<CustomerLedgerRow>> customer_ledger(Date as_of) = 0;

  // ---- FX (migration 0010) ----
  // The rate of `currency` on `date`: the latest on or before it, or none.
  virtual Result<std::optional<FxRateEntry>> fx_rate_on(Currency currency, Date date) = 0;
  // The rate table by currency, then date; of one currency or of all.
  virtual Result<std::vector<FxRateEntry>> list_fx_rates(std::optional<Currency> currency) = 0;
  // The company amount of a document in a foreign currency, or none (company currency).
  virtual Result<std::optional<DocumentFx>> find_document_fx(std::string_view document) = 0;
  // Per-account totals of the company amounts: the company's one trial balance.
  virtual Result<std::vector<AccountTotals>> company_account_totals() = 0;
  virtual Result<CycleCounts> cycle_counts() = 0;
  // Rows in all tables: what the cycle wrote, for the benchmark's comparison.
  virtual Result<std::int64_t> row_count() = 0;
  // Streams journal entries with sequence > after_sequence in order; stops when `visit`
  // returns false.
  virtual Status scan_journal(std::int64_t after_sequence,
                              const std::function<bool(const StoredJournalEntry&)>& visit) = 0;

  // ---- credit management (migration 0015) ----
  virtual Result<std::optional<CustomerGroup>> find_customer_group(std::string_view code) = 0;
  virtual Result<std::optional<CustomerGroup>> find_customer_group(std::int64_t id) = 0;
  virtual Result<std::vector<CustomerGroup>> list_customer_groups() = 0;  // by code
  // The customer's group and risk class.
  virtual Result<CustomerCreditProfile> customer_credit_profile(CustomerId customer) = 0;
  // The members of a group, by customer number.
  virtual Result<std::vector<CustomerId>> group_members(std::int64_t group) = 0;
  // Every payment applied to the customer's invoices (settled = the application's date, due =
  // the invoice's due date), by date.
  virtual Result<std::vector<SettledAmount>> applied_payments(CustomerId customer) = 0;
  // The customer's disputes (migration 0013), by opening date.
  virtual Result<std::vector<DisputeRecord>> dispute_records(CustomerId customer) = 0;
  // The customer's first order or invoice date; none when it never traded.
  virtual Result<std::optional<Date>> trading_since(CustomerId customer) = 0;
  virtual Result<std::optional<CreditLimitRequest>> find_credit_limit_request(
      std::string_view number) = 0;
  // By number; with `pending_only`, only those waiting for a decision.
  virtual Result<std::vector<CreditLimitRequest>> list_credit_limit_requests(bool pending_only) = 0;
  // The business date an order last went on credit hold, when recorded.
  virtual Result<std::optional<Date>> credit_hold_since(OrderId order) = 0;
  // A customer's credit reviews, oldest first.
  virtual Result<std::vector<CreditReview>> credit_reviews(CustomerId customer) = 0;
  // The earliest due date of the customer's open invoices; none when nothing is open.
  virtual Result<std::optional<Date>> oldest_open_due_date(CustomerId customer) = 0;
  // ---- payments (migration 0016) ----
  // A payment by number with its status, refunds so far and card details, or none.
  virtual Result<std::optional<PaymentRecord>> find_payment_record(std::string_view number) = 0;
  // The applications of a payment not undone by a reversal, in the order applied.
  virtual Result<std::vector<AppliedAmount>> payment_applications(PaymentId payment) = 0;
  virtual Result<std::vector<PaymentRefund>> payment_refunds(PaymentId payment) = 0;
  // The ledger entries posted under `document`, in posting order, with their lines.
  virtual Result<std::vector<LedgerEntry>> ledger_entries_of(std::string_view document) = 0;
  virtual Result<std::optional<Mandate>> find_mandate(std::string_view mandate_id) = 0;
  // Mandates of a customer or of all, by customer number and mandate id.
  virtual Result<std::vector<Mandate>> list_mandates(std::optional<CustomerId> customer) = 0;
  // Open invoices due on or before `due_by` whose customer has an active mandate and that no
  // direct debit collected before, by customer number, due date and invoice number.
  virtual Result<std::vector<DirectDebitCandidate>> direct_debit_candidates(Date due_by) = 0;
  // ---- disputes, write-offs, promises to pay (migration 0017) ----
  virtual Result<std::optional<Dispute>> find_dispute(std::string_view number) = 0;
  // Disputes by number.
  virtual Result<std::vector<Dispute>> list_disputes(const DisputeFilter& filter) = 0;
  virtual Result<std::optional<Payment>> find_payment_by_number(std::string_view number) = 0;
  virtual Result<std::optional<WriteOff>> find_write_off(std::string_view number) = 0;
  // Write-offs by number; with `pending_only`, those still requested.
  virtual Result<std::vector<WriteOff>> list_write_offs(bool pending_only, std::size_t limit) = 0;
  virtual Result<std::optional<PaymentPromise>> find_promise(std::string_view number) = 0;
  // Promises by number; with `open_only`, those neither kept nor broken.
  virtual Result<std::vector<PaymentPromise>> list_promises(bool open_only, std::size_t limit) = 0;
  // What a promise received: with an invoice, what payments received from `from` to `to`
  // (inclusive) applied to it; without, the amounts of the customer's payments received then.
  virtual Result<std::int64_t> received_for_promise_minor(std::string_view customer_number,
                                                          std::string_view invoice_number,
                                                          Date from, Date to) = 0;
  // ---- collections (migration 0018) ----
  // Invoices open on `as_of` (settled by then: payments, credit notes), by customer number,
  // due date and invoice number.
  virtual Result<std::vector<ReceivableAsOf>> receivables_as_of(Date as_of) = 0;
  // Invoices open now, with the last dunning level sent and whether a dispute or a promise
  // pauses them, by customer number, due date and invoice number.
  virtual Result<std::vector<DunningCandidate>> dunning_candidates() = 0;
  // Dunning notices sent, by letter and invoice number; of one customer or all.
  virtual Result<std::vector<DunningNotice>> dunning_notices(
      std::optional<CustomerId> customer) = 0;
  virtual Result<std::vector<Collector>> list_collectors() = 0;            // by name
  virtual Result<std::vector<CollectorAccount>> collector_accounts() = 0;  // by customer number
  // Notes taken from `from` to `to` (inclusive), by date and id.
  virtual Result<std::vector<CollectorNote>> collector_notes(Date from, Date to) = 0;
  // Gross of invoices and debit notes dated from `from` to `to`, per customer and currency.
  virtual Result<std::vector<CustomerAmount>> credit_sales(Date from, Date to) = 0;
  // Payments received from `from` to `to`, per customer and currency.
  virtual Result<std::vector<CustomerAmount>> cash_received(Date from, Date to) = 0;
  // Promises to pay settled (kept or broken) from `from` to `to`.
  virtual Result<std::vector<PromiseSettled>> promises_settled(Date from, Date to) = 0;
  // The opening dates of disputes open on `as_of`.
  virtual Result<std::vector<Date>> open_dispute_dates(Date as_of) = 0;
  // Every customer's risk class, by customer id.
  virtual Result<std::vector<CustomerRisk>> customer_risks() = 0;
  // ---- bank statements (migration 0014) ----
  virtual Result<std::optional<StoredStatement>> find_statement_by_identity(
      std::string_view identity) = 0;
  virtual Result<std::vector<StoredStatement>> statements_of_file(std::string_view sha256) = 0;
  virtual Result<std::optional<StoredStatement>> find_statement(std::int64_t id) = 0;
  virtual Result<std::vector<StoredStatement>> list_statements(
      std::size_t limit) = 0;  // newest first
  virtual Result<std::optional<StatementLine>> find_statement_line(std::int64_t id) = 0;
  virtual Result<std::vector<StatementLine>> list_statement_lines(
      const StatementLineFilter& filter) = 0;  // by statement, line no
  virtual Result<std::vector<LineSuggestion>> line_suggestions(std::int64_t line) = 0;  // by rank
  // Every account customers are known to pay from, by customer number and account.
  virtual Result<std::vector<CustomerBankAccount>> customer_bank_accounts() = 0;
};

class StoreWriter : public StoreReader {
 public:
  // Next number of a gapless series, e.g. ("INV", 2026) → "INV-2026-000042".
  virtual Result<std::string> next_document_number(std::string_view prefix, int year) = 0;
  virtual Status set_company_currency(std::string_view code) = 0;
  virtual Status save_setting(std::string_view key, std::string_view value) = 0;

  virtual Result<CustomerId> insert_customer(const Customer& customer) = 0;
  virtual Status save_customer_balance(CustomerId customer, const CustomerBalance& balance) = 0;
  virtual Result<ProductId> insert_product(const Product& product) = 0;
  virtual Status save_tax_rate(const TaxRate& rate) = 0;
  virtual Result<WarehouseId> insert_warehouse(const Warehouse& warehouse) = 0;
  virtual Status save_stock_level(const StockLevel& level) = 0;
  // Announces a receipt (its quantity is what is expected in all).
  virtual Result<ExpectedReceiptId> insert_expected_receipt(const ExpectedReceipt& receipt) = 0;
  // Sets what an announced receipt still expects (0 <= open <= its announced quantity).
  virtual Status save_expected_receipt_open(ExpectedReceiptId receipt, Quantity open) = 0;

  virtual Result<OrderId> insert_order(const Order& order) = 0;
  // Writes state, hold reason, ship-to, whether each coupon is redeemed, and each line's
  // shipped/invoiced/reservations.
  virtual Status update_order(const Order& order) = 0;
  // Stores an amended order whole: its totals, ship-to and state, and its lines as they are
  // now (lines added, removed or changed in quantity and amount).
  virtual Status replace_order(const Order& order) = 0;
  // Inserts a shipment with its lines, status and tracking.
  virtual Result<ShipmentId> insert_shipment(const Shipment& shipment) = 0;
  // Writes a shipment's status and tracking (its lines never change).
  virtual Status update_shipment_tracking(const Shipment& shipment) = 0;
  virtual Result<ReturnId> insert_return(const ReturnAuthorisation& rma) = 0;
  // Writes a return's status and receipt date.
  virtual Status update_return_status(const ReturnAuthorisation& rma) = 0;
  virtual Result<std::int64_t> insert_credit_note_request(ReturnId rma,
                                                          const CreditNoteRequest& request) = 0;
  // Sets (or with a zero quantity, keeps at zero) the reorder point of a product in a warehouse.
  virtual Status save_reorder_point(ProductId product, WarehouseId warehouse,
                                    Quantity quantity) = 0;
  virtual Result<InvoiceId> insert_invoice(const Invoice& invoice) = 0;
  virtual Status update_invoice_paid(InvoiceId invoice, Money paid) = 0;
  // Writes what settled the invoice: paid, credited and discount taken.
  virtual Status update_invoice_settlement(const Invoice& invoice) = 0;
  // Records that `invoice` billed these shipments (each exactly once: refused if billed).
  virtual Status mark_shipments_billed(std::span<const ShipmentId> shipments,
                                       InvoiceId invoice) = 0;
  virtual Result<std::int64_t> insert_credit_note(const CreditNote& note) = 0;
  // Settles `amount` of `invoice` with credit note `note` (its allocated total grows).
  virtual Status allocate_credit(const CreditNote& note, InvoiceId invoice, Money amount,
                                 Date allocated_on) = 0;
  virtual Status insert_proforma(const ProformaInvoice& proforma) = 0;
  virtual Result<PaymentId> insert_payment(const Payment& payment) = 0;
  virtual Status update_payment_unapplied(PaymentId payment, Money unapplied) = 0;
  virtual Status insert_application(PaymentId payment, const Application& application,
                                    Date applied_on) = 0;

  // Queues a message with its attachments; returns its id.
  virtual Result<std::int64_t> insert_outbox_message(const OutboxMessage& message) = 0;
  // Writes a message's status, attempts, next attempt, last error and sent time.
  virtual Status update_outbox_delivery(const OutboxMessage& message) = 0;

  // Posts a balanced entry translated into the company currency (both asserted: see
  // ledger.h translate_entry, app/use_case.h post_entry); an entry with no lines is skipped.
  // Every posting of every use case passes here, so this is where closed periods are
  // enforced: an entry dated in a closed month fails with failed_precondition period_closed
  // at "<document> dated <date>", and the use case's whole transaction rolls back.
  // ---- recurring billing (migration 0012) ----
  virtual Result<std::int64_t> insert_plan(const Plan& plan) = 0;
  virtual Result<std::int64_t> insert_meter(const Meter& meter) = 0;
  // Inserts or replaces the price of a plan's usage of a meter.
  virtual Status save_usage_price(const UsagePrice& price) = 0;
  virtual Result<std::int64_t> insert_subscription(const Subscription& subscription) = 0;
  // Writes plan, state, plan start, revision, billed-through dates and end date.
  virtual Status update_subscription(const Subscription& subscription) = 0;
  // Fails with kConflict when the customer already has a record with its idempotency key.
  virtual Status insert_usage_record(const UsageRecord& record) = 0;
  // Records that `invoice` bills a period; fails with kConflict if it was billed before.
  virtual Status insert_billed_period(std::int64_t subscription, BilledPeriodKind kind,
                                      int revision, ServicePeriod period, InvoiceId invoice) = 0;
  virtual Status insert_deferred_revenue(std::string_view document,
                                         std::span<const RecognitionShare> shares) = 0;
  virtual Status mark_revenue_recognised(std::span<const std::int64_t> rows, Date on) = 0;

  // Posts a balanced entry (asserted); an entry with no lines is skipped.
  virtual Status post(const LedgerEntry& entry) = 0;
  // Records a month closed or reopened (inserts or replaces its row).
  virtual Status save_accounting_period(const PeriodStatus& period) = 0;
  // Adds a row to the rate table (validated by the caller; the (currency, date) is new).
  virtual Status insert_fx_rate(const FxRateEntry& rate) = 0;
  virtual Status insert_document_fx(const DocumentFx& document) = 0;
  virtual Result<std::int64_t> append_journal(const JournalDraft& draft) = 0;

  // ---- credit management (migration 0015) ----
  virtual Result<std::int64_t> insert_customer_group(const CustomerGroup& group) = 0;
  // Sets (or with none, clears) the customer's group.
  virtual Status save_customer_group(CustomerId customer, std::optional<std::int64_t> group) = 0;
  virtual Status save_risk_class(CustomerId customer, RiskClass risk) = 0;
  virtual Status insert_credit_review(const CreditReview& review) = 0;
  virtual Status save_credit_limit(CustomerId customer, Money limit) = 0;
  virtual Result<std::int64_t> insert_credit_limit_request(const CreditLimitRequest& request) = 0;
  // Writes status, decider, decision date and reason.
  virtual Status update_credit_limit_request(const CreditLimitRequest& request) = 0;
  // Records (or replaces) when and why an order went on credit hold.
  virtual Status save_credit_hold(OrderId order, Date held_on, std::string_view reason) = 0;
  // ---- payments (migration 0016) ----
  virtual Status insert_payment_card(PaymentId payment, const CardDetails& card) = 0;
  // Marks the payment reversed on `on` (its unapplied cash becomes zero) and every
  // application of it undone on that date.
  virtual Status mark_payment_reversed(PaymentId payment, Date on, ReversalReason reason) = 0;
  // Records a refund and takes it from the payment's unapplied cash (refunded grows).
  virtual Status insert_refund(const PaymentRefund& refund) = 0;
  virtual Result<std::int64_t> insert_mandate(const Mandate& mandate) = 0;
  virtual Status revoke_mandate(std::int64_t mandate, Date on) = 0;
  virtual Status save_mandate_collections(std::int64_t mandate, std::int64_t collections) = 0;
  // Records a collection file with its items; an invoice collected before fails (kConflict).
  virtual Result<std::int64_t> insert_direct_debit_batch(const DirectDebitBatch& batch) = 0;
  // ---- disputes, write-offs, promises to pay (migration 0017) ----
  // Inserts a dispute (customer, invoice and payment found by their numbers).
  virtual Result<std::int64_t> insert_dispute(const Dispute& dispute) = 0;
  // Writes owner, status, resolution date, document, resolver and note.
  virtual Status update_dispute(const Dispute& dispute) = 0;
  virtual Result<std::int64_t> insert_write_off(const WriteOff& write_off) = 0;
  // Writes status, decider, decision date and note.
  virtual Status update_write_off(const WriteOff& write_off) = 0;
  virtual Result<std::int64_t> insert_promise(const PaymentPromise& promise) = 0;
  // Writes status and the date it was found kept or broken.
  virtual Status update_promise(const PaymentPromise& promise) = 0;
  // ---- collections (migration 0018) ----
  // Fails with kConflict when the invoice was sent that level before.
  virtual Status insert_dunning_notice(const DunningNotice& notice) = 0;
  // Fails with kAlreadyExists when the name is taken.
  virtual Result<std::int64_t> insert_collector(const Collector& collector) = 0;
  // Gives the customer's account to a collector (replacing any earlier assignment).
  virtual Status save_collector_account(CustomerId customer, std::int64_t collector,
                                        Date assigned_on) = 0;
  virtual Status insert_collector_note(const CollectorNote& note) = 0;
  // ---- bank statements (migration 0014) ----
  virtual Result<std::int64_t> insert_statement(const StoredStatement& statement) = 0;
  virtual Result<std::int64_t> insert_statement_line(const StatementLine& line) = 0;
  // Writes status, payment and note.
  virtual Status update_statement_line(const StatementLine& line) = 0;
  // Replaces a line's suggestions (none: clears them).
  virtual Status save_line_suggestions(std::int64_t line,
                                       std::span<const LineSuggestion> suggestions) = 0;
  // Adds the account to the customer's; one it already has keeps its source.
  virtual Status save_customer_bank_account(const CustomerBankAccount& account) = 0;
};

// The raw limit of the storage: `rows` narrow rows inserted into a fresh database at `path`
// in one transaction with one prepared statement, durably. Returns the seconds it took.
Result<double> raw_insert_seconds(const std::string& path, std::int64_t rows);

// The name of the store's single writer thread, as top and /proc show it.
inline constexpr const char* kWriterThreadName = "o2c-writer";

enum class OpenMode : std::uint8_t { kCreate, kExisting };

class Store {
 public:
  using Job = std::function<Status(StoreWriter&)>;

  virtual ~Store() = default;

  // Opens (or with kCreate, creates) the SQLite database at `path` and migrates it.
  // kExisting fails with database_not_found when there is no file; a database written by a
  // newer o2c is refused with schema_too_new.
  static Result<std::unique_ptr<Store>> open_sqlite(const std::string& path, OpenMode mode);

  // Queues `job` for the writer. The future is ready once the job's transaction committed
  // (its own status) or failed (the commit error). The writer may run a job more than once
  // (when another job of its batch fails after writing, the batch is retried), so a job must
  // have no effect outside the StoreWriter other than producing its result.
  virtual std::future<Status> submit(Job job) = 0;
  // A new read connection on committed data.
  virtual Result<std::unique_ptr<StoreReader>> reader() = 0;
  // Blocks until every queued job has been committed.
  virtual void flush() = 0;

  // Runs `work` as one job and returns its value after commit.
  template <typename T>
  Result<T> write(const std::function<Result<T>(StoreWriter&)>& work) {
    std::optional<Result<T>> produced;
    Status status = submit([&](StoreWriter& writer) -> Status {
                      Result<T> result = work(writer);
                      if (!result) return result.error();
                      produced.emplace(std::move(result));
                      return {};
                    }).get();
    if (!status) return std::move(status).error();
    O2C_ASSERT(produced.has_value());
    return std::move(*produced);
  }
};

}  // namespace o2c
