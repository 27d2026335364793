// sqlite_store.h — the SQLite implementation of StoreWriter/StoreReader on one connection.
// Internal to store/: other modules use store/store.h.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "store/sqlite/sqlite_db.h"
#include "store/store.h"

namespace o2c::sqlite {

// The newest schema version this binary knows (the number of the last migration).
int latest_schema_version();
// Brings the database to the latest schema; refuses one that is newer than this binary, and
// (unless `creating`) a file that is not already an o2c database.
Status migrate(Connection& connection, bool creating);

class SqliteConnectionStore final : public StoreWriter {
 public:
  explicit SqliteConnectionStore(std::unique_ptr<Connection> connection)
      : connection_(std::move(connection)) {}

  Connection& connection() { return *connection_; }

  // The journal head is cached on the writer; a rolled-back job restores it.
  struct JournalHead {
    std::int64_t sequence = 0;
    Sha256Digest hash = kGenesisHash;
  };
  Status load_journal_head();
  JournalHead journal_head() const { return head_; }
  void restore_journal_head(const JournalHead& head) { head_ = head; }
  // The writer's memory of the database (enable_writer_cache(); readers never cache, they
  // would go stale). Read-mostly rows — products, tax rates, warehouses, the company currency,
  // customers — are kept after their first read. Hot rows — customer balances, stock levels
  // and number series, changed by nearly every job — are kept too, and while writes are deferred a
  // changed hot row is written once per transaction, by flush_deferred_writes() before COMMIT,
  // instead of once per change. Every SQL query that reads hot-row tables flushes first.
  void enable_writer_cache() { cache_reads_ = true; }
  void set_defer_writes(bool defer) { defer_writes_ = defer && cache_reads_; }
  Status flush_deferred_writes();
  // Forgets everything cached, deferred changes included: call it only when the database
  // changes it mirrors are being rolled back.
  void forget_cached_state();
  // Rows changed plus deferred changes so far: a job that leaves it unchanged wrote nothing.
  std::uint64_t write_count() const;

  Result<std::string> company_currency() override;
  Result<std::optional<std::string>> setting(std::string_view key) override;
  Result<std::optional<Customer>> find_customer(std::string_view number) override;
  Result<std::optional<Customer>> find_customer(CustomerId id) override;
  Result<std::vector<Customer>> list_customers() override;
  Result<CustomerBalance> customer_balance(const Customer& customer) override;
  Result<std::optional<Product>> find_product(std::string_view sku) override;
  Result<std::vector<Product>> list_products() override;
  Result<std::vector<TaxRate>> tax_rates() override;
  Result<std::optional<Warehouse>> find_warehouse(std::string_view code) override;
  Result<std::vector<Warehouse>> list_warehouses() override;
  Result<std::vector<StockLevel>> stock_levels(ProductId product) override;
  Result<std::vector<StockRow>> list_stock() override;
  Result<std::optional<Order>> find_order(std::string_view number) override;
  Result<std::vector<Order>> list_orders(const OrderFilter& filter) override;
  Result<std::vector<std::string>> backordered_order_numbers(ProductId product) override;
  Result<std::vector<std::string>> open_order_numbers(ProductId product) override;
  Result<std::vector<ExpectedReceipt>> expected_receipts(ProductId product) override;
  Result<std::vector<Shipment>> shipments_of_order(OrderId order) override;
  Result<std::vector<CouponRedemption>> coupon_redemptions(
      std::span<const std::string> codes) override;
  Result<std::optional<Shipment>> find_shipment(std::string_view number) override;
  Result<std::vector<Shipment>> list_shipments(const ShipmentFilter& filter) override;
  Result<std::optional<Invoice>> invoice_of_shipment(ShipmentId shipment) override;
  Result<std::optional<ReturnAuthorisation>> find_return(std::string_view number) override;
  Result<std::vector<ReturnAuthorisation>> list_returns(std::optional<ShipmentId> shipment,
                                                        std::size_t limit) override;
  Result<std::vector<CreditNoteRequest>> list_credit_note_requests(std::size_t limit,
                                                                   bool pending_only) override;
  Result<std::vector<UnbilledShipment>> unbilled_shipments(Date up_to,
                                                           std::optional<OrderId> order) override;
  Result<std::vector<CreditedLine>> credited_lines(InvoiceId invoice) override;
  Result<std::optional<CreditNote>> find_credit_note(std::string_view number) override;
  Result<std::vector<CreditNote>> list_credit_notes(std::optional<CustomerId> customer,
                                                    std::size_t limit) override;
  Result<std::vector<ReorderPoint>> reorder_points() override;
  Result<std::optional<Invoice>> find_invoice(std::string_view number) override;
  Result<std::vector<Invoice>> list_invoices(const InvoiceFilter& filter) override;
  Result<std::vector<OpenItem>> open_items(std::optional<CustomerId> customer) override;
  Result<std::vector<AgingItem>> aging_items() override;
  Result<std::optional<Payment>> find_payment(CustomerId customer,
                                              std::string_view reference) override;
  Result<std::vector<Payment>> list_payments(std::optional<CustomerId> customer,
                                             std::size_t limit) override;
  Result<std::vector<OutboxMessage>> list_outbox(const OutboxFilter& filter) override;
  Result<std::optional<OutboxMessage>> find_outbox_message(std::int64_t id) override;
  Result<std::vector<OutboxMessage>> outbox_of_invoice(InvoiceId invoice) override;
  Result<std::vector<std::string>> invoices_without_mail(std::size_t limit) override;
  Result<std::optional<Plan>> find_plan(std::string_view code) override;
  Result<std::optional<Plan>> find_plan(std::int64_t id) override;
  Result<std::vector<Plan>> list_plans() override;
  Result<std::vector<UsagePrice>> usage_prices(std::int64_t plan) override;
  Result<std::optional<Meter>> find_meter(std::string_view name) override;
  Result<std::vector<Meter>> list_meters() override;
  Result<std::optional<Subscription>> find_subscription(std::string_view number) override;
  Result<std::vector<Subscription>> list_subscriptions(const SubscriptionFilter& filter) override;
  Result<std::vector<UsageRecord>> usage_records(CustomerId customer, std::int64_t meter,
                                                 ServicePeriod period) override;
  Result<bool> has_usage_record(CustomerId customer, std::string_view idempotency_key) override;
  Result<std::vector<DeferredRevenueRow>> unrecognised_revenue(
      std::chrono::year_month through) override;
  Result<std::vector<AccountTotals>> account_totals() override;
  Status scan_ledger(const LedgerQuery& query,
                     const std::function<bool(const PostedEntry&)>& visit) override;
  Result<std::vector<PeriodStatus>> accounting_periods() override;
  Result<std::vector<YearMonth>> posted_months() override;
  Result<std::vector<CustomerLedgerRow>> customer_ledger(Date as_of) override;
  Result<std::optional<FxRateEntry>> fx_rate_on(Currency currency, Date date) override;
  Result<std::vector<FxRateEntry>> list_fx_rates(std::optional<Currency> currency) override;
  Result<std::optional<DocumentFx>> find_document_fx(std::string_view document) override;
  Result<std::vector<AccountTotals>> company_account_totals() override;
  Result<CycleCounts> cycle_counts() override;
  Status scan_journal(std::int64_t after_sequence,
                      const std::function<bool(const StoredJournalEntry&)>& visit) override;
  Result<std::int64_t> row_count() override;
  // ---- collections (migration 0018) ----
  Result<std::vector<ReceivableAsOf>> receivables_as_of(Date as_of) override;
  Result<std::vector<DunningCandidate>> dunning_candidates() override;
  Result<std::vector<DunningNotice>> dunning_notices(std::optional<CustomerId> customer) override;
  Result<std::vector<Collector>> list_collectors() override;
  Result<std::vector<CollectorAccount>> collector_accounts() override;
  Result<std::vector<CollectorNote>> collector_notes(Date from, Date to) override;
  Result<std::vector<CustomerAmount>> credit_sales(Date from, Date to) override;
  Result<std::vector<CustomerAmount>> cash_received(Date from, Date to) override;
  Result<std::vector<PromiseSettled>> promises_settled(Date from, Date to) override;
  Result<std::vector<Date>> open_dispute_dates(Date as_of) override;
  Result<std::vector<CustomerRisk>> customer_risks() override;

  // ---- payments (migration 0016) ----
  Result<std::optional<PaymentRecord>> find_payment_record(std::string_view number) override;
  Result<std::vector<AppliedAmount>> payment_applications(PaymentId payment) override;
  Result<std::vector<PaymentRefund>> payment_refunds(PaymentId payment) override;
  Result<std::vector<LedgerEntry>> ledger_entries_of(std::string_view document) override;
  Result<std::optional<Mandate>> find_mandate(std::string_view mandate_id) override;
  Result<std::vector<Mandate>> list_mandates(std::optional<CustomerId> customer) override;
  Result<std::vector<DirectDebitCandidate>> direct_debit_candidates(Date due_by) override;

  Result<std::string> next_document_number(std::string_view prefix, int year) override;
  Status set_company_currency(std::string_view code) override;
  Status save_setting(std::string_view key, std::string_view value) override;
  Result<CustomerId> insert_customer(const Customer& customer) override;
  Status save_customer_balance(CustomerId customer, const CustomerBalance& balance) override;
  Result<ProductId> insert_product(const Product& product) override;
  Status save_tax_rate(const TaxRate& rate) override;
  Result<WarehouseId> insert_warehouse(const Warehouse& warehouse) override;
  Status save_stock_level(const StockLevel& level) override;
  Result<ExpectedReceiptId> insert_expected_receipt(const ExpectedReceipt& receipt) override;
  Status save_expected_receipt_open(ExpectedReceiptId receipt, Quantity open) override;
  Result<OrderId> insert_order(const Order& order) override;
  Status update_order(const Order& order) override;
  Status replace_order(const Order& order) override;
  Result<ShipmentId> insert_shipment(const Shipment& shipment) override;
  Status update_shipment_tracking(const Shipment& shipment) override;
  Result<ReturnId> insert_return(const ReturnAuthorisation& rma) override;
  Status update_return_status(const ReturnAuthorisation& rma) override;
  Result<std::int64_t> insert_credit_note_request(ReturnId rma,
                                                  const CreditNoteRequest& request) override;
  Status save_reorder_point(ProductId product, WarehouseId warehouse, Quantity quantity) override;
  Result<InvoiceId> insert_invoice(const Invoice& invoice) override;
  Status update_invoice_paid(InvoiceId invoice, Money paid) override;
  Status update_invoice_settlement(const Invoice& invoice) override;
  Status mark_shipments_billed(std::span<const ShipmentId> shipments, InvoiceId invoice) override;
  Result<std::int64_t> insert_credit_note(const CreditNote& note) override;
  Status allocate_credit(const CreditNote& note, InvoiceId invoice, Money amount,
                         Date allocated_on) override;
  Status insert_proforma(const ProformaInvoice& proforma) override;
  Result<PaymentId> insert_payment(const Payment& payment) override;
  Status update_payment_unapplied(PaymentId payment, Money unapplied) override;
  Status insert_application(PaymentId payment, const Application& application,
                            Date applied_on) override;
  Result<std::int64_t> insert_outbox_message(const OutboxMessage& message) override;
  Status update_outbox_delivery(const OutboxMessage& message) override;
  Result<std::int64_t> insert_plan(const Plan& plan) override;
  Result<std::int64_t> insert_meter(const Meter& meter) override;
  Status save_usage_price(const UsagePrice& price) override;
  Result<std::int64_t> insert_subscription(const Subscription& subscription) override;
  Status update_subscription(const Subscription& subscription) override;
  Status insert_usage_record(const UsageRecord& record) override;
  Status insert_billed_period(std::int64_t subscription, BilledPeriodKind kind, int revision,
                              ServicePeriod period, InvoiceId invoice) override;
  Status insert_deferred_revenue(std::string_view document,
                                 std::span<const RecognitionShare> shares) override;
  Status mark_revenue_recognised(std::span<const std::int64_t> rows, Date on) override;
  Status post(const LedgerEntry& entry) override;
  Status save_accounting_period(const PeriodStatus& period) override;
  Status insert_fx_rate(const FxRateEntry& rate) override;
  Status insert_document_fx(const DocumentFx& document) override;
  Result<std::int64_t> append_journal(const JournalDraft& draft) override;
  // ---- collections (migration 0018) ----
  Status insert_dunning_notice(const DunningNotice& notice) override;
  Result<std::int64_t> insert_collector(const Collector& collector) override;
  Status save_collector_account(CustomerId customer, std::int64_t collector,
                                Date assigned_on) override;
  Status insert_collector_note(const CollectorNote& note) override;

  // ---- credit management (migration 0015) ----
  Result<std::optional<CustomerGroup>> find_customer_group(std::string_view code) override;
  Result<std::optional<CustomerGroup>> find_customer_group(std::int64_t id) override;
  Result<std::vector<CustomerGroup>> list_customer_groups() override;
  Result<CustomerCreditProfile> customer_credit_profile(CustomerId customer) override;
  Result<std::vector<CustomerId>> group_members(std::int64_t group) override;
  Result<std::vector<SettledAmount>> applied_payments(CustomerId customer) override;
  Result<std::vector<DisputeRecord>> dispute_records(CustomerId customer) override;
  Result<std::optional<Date>> trading_since(CustomerId customer) override;
  Result<std::optional<CreditLimitRequest>> find_credit_limit_request(
      std::string_view number) override;
  Result<std::vector<CreditLimitRequest>> list_credit_limit_requests(bool pending_only) override;
  Result<std::optional<Date>> credit_hold_since(OrderId order) override;
  Result<std::vector<CreditReview>> credit_reviews(CustomerId customer) override;
  Result<std::optional<Date>> oldest_open_due_date(CustomerId customer) override;
  Result<std::int64_t> insert_customer_group(const CustomerGroup& group) override;
  Status save_customer_group(CustomerId customer, std::optional<std::int64_t> group) override;
  Status save_risk_class(CustomerId customer, RiskClass risk) override;
  Status insert_credit_review(const CreditReview& review) override;
  Status save_credit_limit(CustomerId customer, Money limit) override;
  Result<std::int64_t> insert_credit_limit_request(const CreditLimitRequest& request) override;
  Status update_credit_limit_request(const CreditLimitRequest& request) override;
  Status save_credit_hold(OrderId order, Date held_on, std::string_view reason) override;
  // ---- payments (migration 0016) ----
  Status insert_payment_card(PaymentId payment, const CardDetails& card) override;
  Status mark_payment_reversed(PaymentId payment, Date on, ReversalReason reason) override;
  Status insert_refund(const PaymentRefund& refund) override;
  Result<std::int64_t> insert_mandate(const Mandate& mandate) override;
  Status revoke_mandate(std::int64_t mandate, Date on) override;
  Status save_mandate_collections(std::int64_t mandate, std::int64_t collections) override;
  Result<std::int64_t> insert_direct_debit_batch(const DirectDebitBatch& batch) override;
  // ---- disputes, write-offs, promises to pay (migration 0017) ----
  Result<std::optional<Dispute>> find_dispute(std::string_view number) override;
  Result<std::vector<Dispute>> list_disputes(const DisputeFilter& filter) override;
  Result<std::optional<Payment>> find_payment_by_number(std::string_view number) override;
  Result<std::optional<WriteOff>> find_write_off(std::string_view number) override;
  Result<std::vector<WriteOff>> list_write_offs(bool pending_only, std::size_t limit) override;
  Result<std::optional<PaymentPromise>> find_promise(std::string_view number) override;
  Result<std::vector<PaymentPromise>> list_promises(bool open_only, std::size_t limit) override;
  Result<std::int64_t> received_for_promise_minor(std::string_view customer_number,
                                                  std::string_view invoice_number, Date from,
                                                  Date to) override;
  Result<std::int64_t> insert_dispute(const Dispute& dispute) override;
  Status update_dispute(const Dispute& dispute) override;
  Result<std::int64_t> insert_write_off(const WriteOff& write_off) override;
  Status update_write_off(const WriteOff& write_off) override;
  Result<std::int64_t> insert_promise(const PaymentPromise& promise) override;
  Status update_promise(const PaymentPromise& promise) override;

  // ---- bank statements (migration 0014) ----
  Result<std::optional<StoredStatement>> find_statement_by_identity(
      std::string_view identity) override;
  Result<std::vector<StoredStatement>> statements_of_file(std::string_view sha256) override;
  Result<std::optional<StoredStatement>> find_statement(std::int64_t id) override;
  Result<std::vector<StoredStatement>> list_statements(std::size_t limit) override;
  Result<std::optional<StatementLine>> find_statement_line(std::int64_t id) override;
  Result<std::vector<StatementLine>> list_statement_lines(
      const StatementLineFilter& filter) override;
  Result<std::vector<LineSuggestion>> line_suggestions(std::int64_t line) override;
  Result<std::vector<CustomerBankAccount>> customer_bank_accounts() override;
  Result<std::int64_t> insert_statement(const StoredStatement& statement) override;
  Result<std::int64_t> insert_statement_line(const StatementLine& line) override;
  Status update_statement_line(const StatementLine& line) override;
  Status save_line_suggestions(std::int64_t line,
                               std::span<const LineSuggestion> suggestions) override;
  Status save_customer_bank_account(const CustomerBankAccount& account) override;

 private:
  Result<Customer> read_customer(Statement& row);
  Result<Product> read_product(Statement& row);
  // An order's lines and approval levels.
  Status load_order_details(Order& order);
  Status load_invoice_lines(Invoice& invoice);
  Result<std::vector<OutboxMessage>> read_outbox(Statement& query, std::size_t limit,
                                                 bool with_attachments);
  Status load_outbox_attachments(OutboxMessage& message);
  Status load_shipment_lines(Shipment& shipment);
  Result<std::vector<Shipment>> read_shipments(Statement& query, std::size_t limit);
  Status load_return_details(ReturnAuthorisation& rma);
  Result<std::vector<ReturnAuthorisation>> read_returns(Statement& query, std::size_t limit);
  Result<std::vector<Order>> read_orders(Statement& query, std::size_t limit);
  Result<std::vector<Invoice>> read_invoices(Statement& query, std::size_t limit);
  Result<Plan> read_plan(Statement& row);
  Result<Subscription> read_subscription(Statement& row);

  Status insert_order_lines(OrderId order, const std::vector<OrderLine>& lines);
  // Inserts or updates every approval level of an order (levels are never removed).
  Status save_approvals(OrderId order, const std::vector<ApprovalStep>& approvals);
  // Inserts or updates every coupon of an order (coupons are never removed).
  Status save_coupons(OrderId order, const std::vector<OrderCoupon>& coupons);
  Status write_customer_balance(CustomerId customer, const CustomerBalance& balance);
  Status write_stock_level(const StockLevel& level);
  // Fails with period_closed when the entry is dated in a closed month.
  Status check_period_open(const LedgerEntry& entry);
  Status write_number_series(std::string_view prefix, int year, std::int64_t last);
  Result<std::optional<Customer>> remember_customer(Result<std::optional<Customer>> found);

  std::unique_ptr<Connection> connection_;
  JournalHead head_;
  bool cache_reads_ = false;
  bool defer_writes_ = false;
  std::uint64_t deferred_writes_ = 0;
  std::unordered_map<std::string, Product> products_by_sku_;
  std::optional<std::vector<TaxRate>> tax_rates_;
  std::optional<std::vector<Warehouse>> warehouses_;  // by code, as list_warehouses() returns
  std::optional<std::string> company_currency_;
  std::unordered_map<std::int64_t, Customer> customers_by_id_;
  std::unordered_map<std::string, CustomerId> customer_ids_by_number_;
  // Hot rows, with the keys of those changed since the last flush.
  std::unordered_map<std::int64_t, CustomerBalance> balances_;
  std::unordered_set<std::int64_t> dirty_balances_;
  // Stock levels of a product in warehouse-code order, as stock_levels() returns them.
  std::unordered_map<std::int64_t, std::vector<StockLevel>> stock_by_product_;
  std::unordered_set<std::int64_t> dirty_stock_products_;
  struct SeriesCounter {
    std::string prefix;
    int year = 0;
    std::int64_t last = 0;
    bool dirty = false;
  };
  // Keyed by "PREFIX/YEAR".
  std::unordered_map<std::string, SeriesCounter> series_;
  // Orders and invoices as stored, by number: the writer reads back what it wrote a moment
  // ago (an order to ship, an invoice to pay), so it keeps what it inserts, reads and updates.
  std::unordered_map<std::string, Order> orders_by_number_;
  std::unordered_map<std::string, Invoice> invoices_by_number_;
  std::unordered_map<std::int64_t, std::string> invoice_numbers_by_id_;
};

}  // namespace o2c::sqlite
