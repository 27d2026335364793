// Use cases that read: aging, trial balance, general ledger, customer sub-ledger, the hledger
// export, journal verification, checkpoints and export, an order's timeline.
#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "app/use_case.h"

namespace o2c::app {
namespace {

// The timeline kind of an event journaled under the order's own number, if it has one.
std::optional<OrderEventKind> order_event_kind(std::string_view kind) {
  static constexpr std::pair<std::string_view, OrderEventKind> kKinds[] = {
      {"order.placed", OrderEventKind::kPlaced},
      {"order.credit_hold", OrderEventKind::kHeld},
      {"order.manual_hold", OrderEventKind::kHeld},
      {"order.released", OrderEventKind::kReleased},
      {"order.manual_hold_released", OrderEventKind::kReleased},
      {"order.approval_requested", OrderEventKind::kAwaitingApproval},
      {"order.approved", OrderEventKind::kApproved},
      {"order.approval_rejected", OrderEventKind::kRejected},
      {"order.rejected", OrderEventKind::kRejected},
      {"order.cancelled", OrderEventKind::kCancelled},
      {"order.remainder_cancelled", OrderEventKind::kCancelled},
      {"order.backorder_filled", OrderEventKind::kAllocated},
      {"order.reallocated", OrderEventKind::kAllocated},
      {"order.picked", OrderEventKind::kPicked},
      {"order.shipped", OrderEventKind::kShipped},
  };
  for (const auto& [name, value] : kKinds) {
    if (name == kind) return value;
  }
  if (kind.starts_with("order.")) return OrderEventKind::kAmended;  // line and ship-to changes
  return std::nullopt;
}

// The words a person wants next to an event: its reason, state, shipment or amounts.
std::string order_event_detail(const nlohmann::json& payload) {
  std::string detail;
  for (const char* key : {"shipment", "carrier", "tracking", "delivered_on", "condition", "reason",
                          "state", "level", "role", "comment", "gross", "credit", "allocation"}) {
    const auto found = payload.find(key);
    if (found == payload.end()) continue;
    const std::string text = found->is_string() ? found->get<std::string>() : found->dump();
    if (text.empty()) continue;
    detail += (detail.empty() ? "" : ", ") + std::string(key) + " " + text;
  }
  return detail;
}

// An amount as events carry it, "119.00 EUR" (event_amount).
Result<Money> event_money(std::string_view text) {
  const std::size_t space = text.find(' ');
  if (space == std::string_view::npos)
    return invalid_argument("malformed_amount", "'" + std::string(text) + "' has no currency");
  O2C_ASSIGN_OR_RETURN(Currency currency, currency_from_code(text.substr(space + 1)));
  return parse_money(text.substr(0, space), currency);
}

// Events journaled under a shipment's or a return's number that belong on the order's
// timeline (their payload names the order).
std::optional<OrderEventKind> document_event_kind(std::string_view kind) {
  if (kind == "shipment.packed") return OrderEventKind::kPacked;
  if (kind == "shipment.delivered") return OrderEventKind::kDelivered;
  if (kind == "return.authorised" || kind == "return.received") return OrderEventKind::kReturned;
  return std::nullopt;
}

}  // namespace

Result<AgingReport> aging_report(Store& store, Date as_of) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store.reader());
  O2C_ASSIGN_OR_RETURN(std::vector<AgingItem> items, reader->aging_items());
  return age_receivables(items, as_of);
}

Result<std::vector<TrialBalance>> trial_balance_report(Store& store) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store.reader());
  O2C_ASSIGN_OR_RETURN(std::vector<AccountTotals> totals, reader->company_account_totals());
  std::vector<TrialBalance> balances = trial_balance(totals);
  O2C_ASSERT(balances.size() <= 1);
  if (balances.empty()) {  // no entries yet: an empty trial balance in the company currency
    O2C_ASSIGN_OR_RETURN(std::string code, reader->company_currency());
    O2C_ASSIGN_OR_RETURN(Currency company, currency_from_code(code));
    balances.push_back(TrialBalance{company, {}, zero(company), zero(company)});
  }
  return balances;
}

Result<std::vector<TrialBalance>> trial_balance_by_currency_report(Store& store) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store.reader());
  O2C_ASSIGN_OR_RETURN(std::vector<AccountTotals> totals, reader->account_totals());
  return trial_balance(totals);
}

Result<JournalVerdict> verify_journal(Store& store,
                                      const std::optional<JournalCheckpoint>& checkpoint) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store.reader());
  ChainVerifier verifier;
  std::optional<StoredJournalEntry> at_checkpoint;
  O2C_RETURN_IF_ERROR(reader->scan_journal(0, [&](const StoredJournalEntry& entry) {
    if (checkpoint && entry.event.sequence == checkpoint->sequence) at_checkpoint = entry;
    return verifier.feed(entry);
  }));
  JournalVerdict verdict;
  verdict.ok = verifier.ok();
  verdict.verified = verifier.verified_count();
  verdict.head_hash = verifier.head_hash_hex();
  if (!verifier.ok()) {
    verdict.failure = *verifier.failure();
    verdict.failed_sequence = verifier.failed_sequence();
    verdict.reason = "journal_broken";
    return verdict;
  }
  if (!checkpoint) return verdict;
  // The chain recomputes from the genesis to the head; what is left is whether it is still
  // the chain the checkpoint saw.
  verdict.failed_sequence = checkpoint->sequence;
  if (!at_checkpoint) {
    verdict.ok = false;
    verdict.reason = "checkpoint_not_found";
    verdict.failure = "the checkpoint is entry " + std::to_string(checkpoint->sequence) +
                      " but the journal has " + std::to_string(verdict.verified) + " entries";
  } else if (at_checkpoint->hash_hex != checkpoint->hash_hex) {
    verdict.ok = false;
    verdict.reason = "checkpoint_mismatch";
    verdict.failure = "entry " + std::to_string(checkpoint->sequence) + " (" +
                      at_checkpoint->event.kind + " " + at_checkpoint->event.document +
                      ") has hash " + at_checkpoint->hash_hex + ", the checkpoint says " +
                      checkpoint->hash_hex + ": the journal up to it was rewritten";
  }
  if (verdict.ok) verdict.failed_sequence = 0;
  return verdict;
}

Result<JournalCheckpoint> journal_checkpoint(Store& store) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store.reader());
  JournalCheckpoint checkpoint{0, to_hex(kGenesisHash)};
  O2C_RETURN_IF_ERROR(reader->scan_journal(0, [&](const StoredJournalEntry& entry) {
    checkpoint = JournalCheckpoint{entry.event.sequence, entry.hash_hex};
    return true;
  }));
  return checkpoint;
}

Status export_journal(Store& store, const std::function<void(std::string_view line)>& write) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store.reader());
  Status failed;
  O2C_RETURN_IF_ERROR(reader->scan_journal(0, [&](const StoredJournalEntry& entry) {
    Result<std::string> line = export_line(entry);
    if (!line) {
      failed = std::move(line).error();
      return false;
    }
    write(*line);
    return true;
  }));
  return failed;
}

Result<ChartedTrialBalance> charted_trial_balance(Store& store, bool by_document_currency) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store.reader());
  ChartedTrialBalance result;
  O2C_ASSIGN_OR_RETURN(result.chart, load_chart(*reader));
  if (by_document_currency) {
    O2C_ASSIGN_OR_RETURN(result.balances, trial_balance_by_currency_report(store));
  } else {
    O2C_ASSIGN_OR_RETURN(result.balances, trial_balance_report(store));
  }
  for (TrialBalance& balance : result.balances) {
    std::stable_sort(balance.rows.begin(), balance.rows.end(),
                     [&](const TrialBalanceRow& a, const TrialBalanceRow& b) {
                       return account_of(result.chart, a.account).code <
                              account_of(result.chart, b.account).code;
                     });
  }
  return result;
}

Result<GeneralLedgerReport> general_ledger_report(Store& store, const GeneralLedgerQuery& query) {
  if (query.from && query.to && *query.from > *query.to)
    return invalid_argument(
        "invalid_date_range",
        "--from " + format_date(*query.from) + " is after --to " + format_date(*query.to),
        "--from");
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store.reader());
  O2C_ASSIGN_OR_RETURN(Chart chart, load_chart(*reader));
  const ChartAccount* account = find_account(chart, query.account_code);
  if (account == nullptr)
    return not_found("unknown_account",
                     "no account " + std::to_string(query.account_code) + " in the chart",
                     "--account");
  GeneralLedgerReport report{*account, {}};
  if (!account->role) return report;  // an account no posting goes to
  std::vector<PostedEntry> entries;
  O2C_RETURN_IF_ERROR(
      reader->scan_ledger(LedgerQuery{account->role, query.to}, [&](const PostedEntry& entry) {
        entries.push_back(entry);
        return true;
      }));
  report.ledgers = general_ledger(entries, *account->role, query.from);
  return report;
}

namespace {

// Each role's balance (debit − credit) per currency code, over entries dated by `as_of`.
Result<std::map<std::string, Money>> role_balances(StoreReader& reader, Account role, Date as_of) {
  std::map<std::string, Money> balances;
  O2C_RETURN_IF_ERROR(reader.scan_ledger(LedgerQuery{role, as_of}, [&](const PostedEntry& posted) {
    for (const LedgerLine& line : posted.entry.lines) {
      if (line.account != role) continue;
      auto [found, inserted] = balances.try_emplace(std::string(line.amount.currency.text()),
                                                    zero(line.amount.currency));
      found->second.minor += line.amount.minor;
    }
    return true;
  }));
  return balances;
}

}  // namespace

Result<SubledgerReport> subledger_report(Store& store, std::optional<std::string> customer,
                                         Date as_of) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store.reader());
  if (customer) {
    O2C_ASSIGN_OR_RETURN(Customer found, require_customer(*reader, *customer, "customer"));
    (void)found;  // only whether it exists: an unknown number is an error, not an empty report
  }
  SubledgerReport report{as_of, {}, {}};
  O2C_ASSIGN_OR_RETURN(std::vector<CustomerLedgerRow> rows, reader->customer_ledger(as_of));
  O2C_ASSIGN_OR_RETURN(auto receivables, role_balances(*reader, Account::kReceivables, as_of));
  O2C_ASSIGN_OR_RETURN(auto unapplied, role_balances(*reader, Account::kUnappliedCash, as_of));
  std::map<std::string, SubledgerReconciliation> by_currency;
  const auto line_for = [&](Currency currency) -> SubledgerReconciliation& {
    auto [found, inserted] = by_currency.try_emplace(std::string(currency.text()));
    if (inserted) {
      const Money nothing = zero(currency);
      found->second =
          SubledgerReconciliation{currency, nothing, nothing, nothing, nothing, nothing, nothing};
    }
    return found->second;
  };
  for (const CustomerLedgerRow& row : rows) {
    SubledgerReconciliation& line = line_for(row.open_receivables.currency);
    line.open_receivables.minor += row.open_receivables.minor;
    line.unapplied_cash.minor += row.unapplied_cash.minor;
    if (!customer || row.customer_number == *customer) report.customers.push_back(row);
  }
  for (const auto& [code, balance] : receivables)
    line_for(balance.currency).receivables_account = balance;
  for (const auto& [code, balance] : unapplied)
    line_for(balance.currency).unapplied_account = negate(balance);  // a credit balance
  for (auto& [code, line] : by_currency) {
    line.receivables_difference =
        Money{line.receivables_account.minor - line.open_receivables.minor, line.currency};
    line.unapplied_difference =
        Money{line.unapplied_account.minor - line.unapplied_cash.minor, line.currency};
    report.reconciliation.push_back(line);
  }
  return report;
}

Result<std::string> export_hledger(Store& store) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store.reader());
  O2C_ASSIGN_OR_RETURN(Chart chart, load_chart(*reader));
  std::vector<PostedEntry> entries;
  O2C_RETURN_IF_ERROR(reader->scan_ledger(LedgerQuery{}, [&](const PostedEntry& entry) {
    entries.push_back(entry);
    return true;
  }));
  return hledger_journal(entries, chart);
}

Result<std::vector<OrderEvent>> track_order(Store& store, std::string_view order_number) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store.reader());
  O2C_ASSIGN_OR_RETURN(Order order, require_order(*reader, order_number));
  (void)order;  // only whether it exists: an unknown number is an error, not an empty story
  std::vector<OrderEvent> events;
  std::set<std::string> invoices;  // the order's invoices, to find the payments applied to them
  Status scanned = reader->scan_journal(0, [&](const StoredJournalEntry& entry) {
    const JournalEvent& event = entry.event;
    const bool own = event.document == order_number;
    const std::optional<OrderEventKind> step = document_event_kind(event.kind);
    // Cash is applied when it is received (payment.received) or later (payment.applied).
    const bool payment = event.kind == "payment.received" || event.kind == "payment.applied";
    if (!own && !step && event.kind != "invoice.posted" && !payment) return true;
    // Payloads were written by o2c as canonical JSON; one that does not parse is skipped here
    // and reported by `o2c audit verify`.
    const nlohmann::json payload = nlohmann::json::parse(event.payload, nullptr, false);
    if (payload.is_discarded()) return true;
    if (own) {
      if (std::optional<OrderEventKind> kind = order_event_kind(event.kind)) {
        std::string detail = order_event_detail(payload);
        if (*kind == OrderEventKind::kAmended) detail = event.kind.substr(6) + ": " + detail;
        events.push_back(OrderEvent{*kind, event.at, event.actor, detail});
      }
    } else if (step) {
      if (payload.value("order", "") != order_number) return true;
      std::string detail = event.document;
      if (*step == OrderEventKind::kReturned) detail += " " + event.kind.substr(7);  // authorised
      const std::string more = order_event_detail(payload);
      if (!more.empty()) detail += ": " + more;
      events.push_back(OrderEvent{*step, event.at, event.actor, detail});
    } else if (event.kind == "invoice.posted" && payload.value("order", "") == order_number) {
      invoices.insert(event.document);
      events.push_back(OrderEvent{OrderEventKind::kInvoiced, event.at, event.actor,
                                  event.document + " " + payload.value("gross", "")});
    } else if (payment && payload.contains("applied")) {
      for (const nlohmann::json& applied : payload["applied"]) {
        const std::string invoice = applied.value("invoice", "");
        if (!invoices.contains(invoice)) continue;
        events.push_back(
            OrderEvent{OrderEventKind::kPaid, event.at, event.actor,
                       event.document + " " + applied.value("amount", "") + " on " + invoice});
      }
    }
    return true;
  });
  O2C_RETURN_IF_ERROR(scanned);
  return events;
}

Result<std::vector<Alert>> order_exceptions(Store& store, Date today,
                                            const AlertThresholds& thresholds) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store.reader());
  std::vector<BackorderedLine> backorders;
  std::vector<WaitingOrder> waiting;
  std::vector<UnshippedOrder> unshipped;
  for (OrderState state :
       {OrderState::kOpen, OrderState::kPartiallyShipped, OrderState::kOnCreditHold,
        OrderState::kOnManualHold, OrderState::kAwaitingApproval}) {
    O2C_ASSIGN_OR_RETURN(std::vector<Order> listed,
                         reader->list_orders(OrderFilter{state, std::nullopt, SIZE_MAX}));
    for (const Order& summary : listed) {
      if (state != OrderState::kOpen && state != OrderState::kPartiallyShipped) {
        waiting.push_back(WaitingOrder{summary.number, state != OrderState::kAwaitingApproval,
                                       state == OrderState::kAwaitingApproval, summary.order_date});
        continue;
      }
      // Listed orders come without lines; only these need them.
      O2C_ASSIGN_OR_RETURN(Order order, require_order(*reader, summary.number));
      Quantity open{0};
      for (const OrderLine& line : order.lines) {
        backorders.push_back(BackorderedLine{order.number, line.line_no, line.sku,
                                             backordered_quantity(line), order.order_date});
        open.milli += line.quantity.milli - line.shipped.milli;
      }
      if (order.requested_delivery_date)
        unshipped.push_back(UnshippedOrder{order.number, *order.requested_delivery_date, open});
    }
  }
  std::vector<ShipmentPromise> promises;
  O2C_ASSIGN_OR_RETURN(std::vector<Shipment> on_the_way,
                       reader->list_shipments(ShipmentFilter{std::nullopt, true, SIZE_MAX}));
  for (const Shipment& shipment : on_the_way) {
    if (!shipment.promised_on) continue;
    promises.push_back(ShipmentPromise{shipment.number, shipment.order_number,
                                       *shipment.promised_on, shipment.tracking.delivered_on});
  }
  std::vector<StockPosition> stock;
  O2C_ASSIGN_OR_RETURN(std::vector<ReorderPoint> points, reader->reorder_points());
  for (const ReorderPoint& point : points) {
    if (point.reorder_point.milli == 0) continue;  // switched off
    stock.push_back(StockPosition{point.sku, point.warehouse_code,
                                  Quantity{point.on_hand.milli - point.reserved.milli},
                                  point.reorder_point});
  }
  return order_alerts(AlertInputs{promises, backorders, waiting, stock, unshipped}, today,
                      thresholds);
}

namespace {

// Each order's fulfilment as it stands, for the perfect order rate: its shipments (not the
// cancelled ones) and whether a return of it came back damaged or asked for a credit note.
Result<std::vector<OrderFulfilment>> order_fulfilments(StoreReader& reader) {
  O2C_ASSIGN_OR_RETURN(std::vector<Shipment> shipments,
                       reader.list_shipments(ShipmentFilter{std::nullopt, false, SIZE_MAX}));
  std::map<std::string, OrderFulfilment> orders;
  for (const Shipment& shipment : shipments) {
    if (shipment.tracking.status == ShipmentStatus::kCancelled) continue;
    OrderFulfilment& order = orders[shipment.order_number];
    order.shipments.push_back(
        ShipmentDelivery{shipment.promised_on, shipment.tracking.delivered_on});
  }
  O2C_ASSIGN_OR_RETURN(std::vector<ReturnAuthorisation> returns,
                       reader.list_returns(std::nullopt, SIZE_MAX));
  for (const ReturnAuthorisation& rma : returns) {
    auto order = orders.find(rma.order_number);
    if (order == orders.end() || rma.status != ReturnStatus::kReceived) continue;
    order->second.damaged_return |= rma.condition == ReturnCondition::kDamaged;
    order->second.credit_requested |= rma.credit_gross.minor > 0;
  }
  std::vector<OrderFulfilment> fulfilments;
  fulfilments.reserve(orders.size());
  for (auto& [number, fulfilment] : orders) {
    O2C_ASSIGN_OR_RETURN(Order order, require_order(reader, number));
    fulfilment.order_number = number;
    fulfilment.all_shipped =
        std::all_of(order.lines.begin(), order.lines.end(),
                    [](const OrderLine& l) { return l.shipped == l.quantity; });
    fulfilment.remainder_cancelled = !order.cancellation_reason.empty();
    fulfilment.requested = order.requested_delivery_date;
    fulfilments.push_back(std::move(fulfilment));
  }
  return fulfilments;
}

}  // namespace

Result<OrderFlowReport> order_flow_report(Store& store) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store.reader());
  std::map<std::string, OrderMilestones> orders;
  std::map<std::string, std::string> order_of_invoice;
  std::map<std::string, std::int64_t> unpaid_invoices;  // per order: invoices not yet paid
  std::map<std::string, std::int64_t> open_minor;       // per invoice: what is still open
  std::vector<LineFill> fills;
  Status scanned = reader->scan_journal(0, [&](const StoredJournalEntry& entry) {
    const JournalEvent& event = entry.event;
    if (event.kind != "order.placed" && event.kind != "order.shipped" &&
        event.kind != "invoice.posted" && event.kind != "payment.received" &&
        event.kind != "payment.applied")
      return true;
    const nlohmann::json payload = nlohmann::json::parse(event.payload, nullptr, false);
    if (payload.is_discarded()) return true;
    if (event.kind == "order.placed") {
      orders[event.document] = OrderMilestones{event.document, event.at, {}, {}, {}};
      if (payload.value("state", "") != "open") return true;
      for (const nlohmann::json& line : payload.value("lines", nlohmann::json::array())) {
        Result<Quantity> ordered = parse_quantity(line.value("quantity", ""));
        Result<Quantity> reserved = parse_quantity(line.value("reserved", ""));
        if (!ordered || !reserved) continue;  // journaled before fill was recorded
        fills.push_back(LineFill{*ordered, *reserved, Quantity{ordered->milli - reserved->milli}});
      }
    } else if (event.kind == "order.shipped") {
      auto order = orders.find(event.document);
      if (order != orders.end() && !order->second.shipped) order->second.shipped = event.at;
    } else if (event.kind == "invoice.posted") {
      const std::string order_number = payload.value("order", "");
      auto order = orders.find(order_number);
      if (order == orders.end()) return true;
      if (!order->second.invoiced) order->second.invoiced = event.at;
      Result<Money> gross = event_money(payload.value("gross", ""));
      if (!gross) return true;
      order_of_invoice[event.document] = order_number;
      open_minor[event.document] = gross->minor;
      ++unpaid_invoices[order_number];
      order->second.paid.reset();  // a new invoice: not fully paid any more
    } else {
      for (const nlohmann::json& applied : payload.value("applied", nlohmann::json::array())) {
        const std::string invoice = applied.value("invoice", "");
        auto open = open_minor.find(invoice);
        Result<Money> amount = event_money(applied.value("amount", ""));
        if (open == open_minor.end() || !amount || open->second <= 0) continue;
        open->second -= amount->minor;
        if (open->second > 0) continue;
        const std::string& order_number = order_of_invoice[invoice];
        if (--unpaid_invoices[order_number] == 0) orders[order_number].paid = event.at;
      }
    }
    return true;
  });
  O2C_RETURN_IF_ERROR(scanned);
  std::vector<OrderMilestones> milestones;
  milestones.reserve(orders.size());
  for (auto& [number, order] : orders) milestones.push_back(std::move(order));
  OrderFlowReport report;
  report.orders = milestones.size();
  O2C_ASSIGN_OR_RETURN(report.cycle, cycle_times(milestones));
  report.fill_rate = fill_rate(fills);
  report.backorder_rate = backorder_rate(fills);
  O2C_ASSIGN_OR_RETURN(std::vector<OrderFulfilment> fulfilments, order_fulfilments(*reader));
  report.perfect = summarize_perfect_orders(fulfilments);
  return report;
}

}  // namespace o2c::app
