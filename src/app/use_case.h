// use_case.h — what every use case shares: running a batch through the writer and writing
// journal events. Internal to app/.
#pragma once

#include <future>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "app/app.h"
#include "journal/payload.h"

namespace o2c::app {

// Submits one job per input (so the writer commits them together) and returns each input's
// own result, in input order, once committed.
template <typename Input, typename Output, typename Work>
std::vector<Result<Output>> run_batch(Store& store, std::span<const Input> inputs, Work work) {
  std::vector<std::optional<Result<Output>>> produced(inputs.size());
  std::vector<std::future<Status>> done;
  done.reserve(inputs.size());
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    done.push_back(store.submit([&, i](StoreWriter& writer) -> Status {
      Result<Output> result = work(writer, inputs[i]);
      if (!result) return result.error();
      produced[i].emplace(std::move(result));
      return {};
    }));
  }
  std::vector<Result<Output>> results;
  results.reserve(inputs.size());
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    Status status = done[i].get();
    if (status) {
      O2C_ASSERT(produced[i].has_value());
      results.push_back(std::move(*produced[i]));
    } else {
      results.push_back(std::move(status).error());
    }
  }
  return results;
}

// Amounts in events are decimal text with their currency: {"amount":"119.00","currency":"EUR"}
// would be verbose, so events carry "119.00 EUR".
inline std::string event_amount(Money amount) { return format_money(amount); }

// Appends one event with its payload in canonical JSON.
Result<std::int64_t> append_event(StoreWriter& writer, const Context& context,
                                  std::string_view kind, std::string_view document,
                                  const EventPayload& payload);

// The year a document dated `date` is numbered in.
int numbering_year(Date date);

// What placing an order checks before the credit check, on any reader: customer and
// products known and active, the request valid against them (validate_order), priced, and
// within the order rules. The order comes back priced, not numbered. `also_redeemed`:
// single-use coupons used up by orders not stored yet (earlier orders of an import file).
Result<Order> checked_order(StoreReader& reader, const OrderPolicy& policy,
                            const OrderRequest& request, Date order_date,
                            std::span<const std::string> also_redeemed = {});

// Prices a validated order. With price rules, the engine prices it on its order date with its
// coupons (price_order_with_rules); a single-use code another order used up is refused for a
// new order (no number yet), and left out when an order placed before is re-priced. Without
// price rules, price_order with the tax rates table; coupons then fail with
// coupons_need_price_rules at order.coupons[0].
Status price_checked_order(StoreReader& reader, const OrderPolicy& policy, const Customer& customer,
                           Order& order, std::span<const std::string> also_redeemed = {});

// Gives back every single-use coupon the order redeemed (a cancelled or rejected order).
void release_coupons(Order& order);

// Where an order's stock comes from: the customer's preferred warehouse, then warehouses in
// the ship-to country, then the others (each group in warehouse code order).
struct Sourcing {
  std::optional<WarehouseId> preferred;
  std::vector<WarehouseDistance> distances;
};
Result<Sourcing> sourcing_for(StoreReader& reader, const Order& order);

// Reserves up to `wanted` more for `line` (of `order`) from its product's stock, only in
// `only` when given, warehouse by warehouse in the order's sourcing order (loaded into
// `sourcing` when first needed: with one warehouse there is nothing to choose), and saves
// the stock levels it took from. Returns what it reserved.
Result<Quantity> reserve_for_line(StoreWriter& writer, const Order& order, OrderLine& line,
                                  Quantity wanted, std::optional<Sourcing>& sourcing,
                                  std::optional<WarehouseId> only = std::nullopt);

// Reserves stock for every line of an approved order, updating stock levels.
Status reserve_order_lines(StoreWriter& writer, Order& order);

// Adds `delta` of open-order value to a customer's exposure (negative to remove).
Status adjust_open_orders(StoreWriter& writer, const Customer& customer, Money delta);

// ---- payments (app/payments.cc) ----
// The open items of the invoices named, in the order named (invoice_not_found at
// invoices[i]), with their early-payment discount offers.
Result<std::vector<OpenItem>> named_open_items(StoreReader& reader,
                                               std::span<const std::string> numbers);
// Records one payment inside the caller's transaction, exactly as record_payments does
// (validation, duplicate reference, application, early-payment discount, ledger, journal).
Result<PaymentOutcome> record_payment(StoreWriter& writer, const Context& context,
                                      const PaymentRequest& request);
// Adds `amount` to what was paid on an invoice (its other settlements stay as they are).
Status add_invoice_payment(StoreWriter& writer, std::string_view invoice_number, Money amount);

// ---- FX (app/fx.cc) ----
// The rate a document in `currency` dated `date` is translated at: 1 in the company currency,
// else the latest on or before the date. Fails with failed_precondition fx_rate_missing at
// "<currency> <date>" when there is none.
Result<FxRate> rate_for(StoreReader& reader, Currency currency, Date date);
// Translates `entry` at the rate of its currency on its date (translate_entry) and posts it;
// returns it translated. Every posting goes through here: the store refuses (asserts) an
// entry that is not translated. Fails with fx_rate_missing (nothing posted).
Result<LedgerEntry> post_entry(StoreWriter& writer, LedgerEntry entry);
// Posts an invoice (post_invoice) on its date and, in a foreign currency, keeps its company
// amount (the receivable) for cash application.
Status post_invoice_entry(StoreWriter& writer, const Invoice& invoice,
                          Account revenue = Account::kRevenue);
// Posts a payment received: the cash at the payment's rate; each application clears the
// invoice's receivable at its share of the invoice's company amount (fx.h settled_share) and
// the difference to the cash's share is a realised FX gain or loss. `items` are the open
// items as they were before the payment was applied.
Status post_payment_entries(StoreWriter& writer, const Payment& payment, Money applied,
                            std::span<const Application> applications,
                            std::span<const OpenItem> items);
// Posts unapplied cash of `payment` put against receivables on `date`: the cash leaves
// unapplied cash at its share of the payment's company amount (`consumed_before` of the
// payment was used before, `applied` now), each invoice's receivable at its share of the
// invoice's; the difference is realised and returned (> 0 gain, < 0 loss).
Result<Money> post_cash_applied(StoreWriter& writer, const Payment& payment, Money consumed_before,
                                Money applied, Date date, std::span<const Application> applications,
                                std::span<const OpenItem> items);

Result<Customer> require_customer(StoreReader& reader, std::string_view number,
                                  std::string_view where);
Result<Order> require_order(StoreReader& reader, std::string_view number);
Result<Shipment> require_shipment(StoreReader& reader, std::string_view number);

// Billing (billing.cc). One invoice for `shipments` of `customer`: numbered, stored, the
// shipments marked billed, the orders' states and the customer's exposure updated, posted;
// journal it with journal_invoice (after the event that caused it).
Result<Invoice> bill_shipments(StoreWriter& writer, const Customer& customer,
                               std::span<const ShipmentToBill> shipments, Date invoice_date);
Status journal_invoice(StoreWriter& writer, const Context& context, const Invoice& invoice);
// issue_debit_note inside a job of the caller's (the dunning run charges fee and interest so).
Result<Invoice> debit_invoice(StoreWriter& writer, const Context& context,
                              const DebitNoteInput& input);
// At the goods issue of `shipment` (stored, goods consumed): the invoice the customer's
// billing policy asks for now, if any (not journaled yet); else the order's state is
// brought up to date.
Result<std::optional<Invoice>> bill_at_goods_issue(StoreWriter& writer, const Context& context,
                                                   const Customer& customer, Order& order,
                                                   const Shipment& shipment);

// ---- disputes (app/billing.cc, used by app/disputes.cc) ----
// Issues a planned credit note inside the caller's transaction: numbered, settling the
// invoice's open amount first (the rest is the customer's credit), posted and journaled.
Result<CreditNote> issue_planned_credit(StoreWriter& writer, const Context& context,
                                        Invoice& invoice, CreditNote note);

}  // namespace o2c::app
