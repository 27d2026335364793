// Use cases of billing: shipments invoiced by each customer's billing policy — at the goods
// issue, per complete order, or by a billing run per period — credit notes (by hand or for
// received returns), debit notes and pro-forma invoices. Every posted document is journaled
// and posted to the ledger in the transaction that issues it.
#include "billing/billing.h"

#include <algorithm>
#include <map>

#include "app/use_case.h"

namespace o2c::app {

EventPayload invoice_payload(const Invoice& invoice) {
  EventPayload payload{{"customer", invoice.customer_number},
                       {"order", invoice.order_number},
                       {"shipment", invoice.shipment_number},
                       {"invoice_date", format_date(invoice.invoice_date)},
                       {"due_date", format_date(invoice.due_date)},
                       {"net", event_amount(invoice.net_total)},
                       {"tax", event_amount(invoice.tax_total)},
                       {"gross", event_amount(invoice.gross_total)}};
  // Only when present, so that a plain invoice is journaled as before these existed.
  if (invoice.kind != InvoiceKind::kInvoice) payload.set("kind", wire_name(invoice.kind));
  if (!invoice.corrects_number.empty()) payload.set("corrects", invoice.corrects_number);
  if (!invoice.reason.empty()) payload.set("reason", invoice.reason);
  if (invoice.discount.value > 0) {
    payload.set("discount", format_percent(invoice.discount));
    payload.set("discount_until", format_date(*invoice.discount_until));
  }
  if (!invoice.instalments.empty()) {
    std::vector<EventPayload> parts;
    for (const Instalment& part : invoice.instalments)
      parts.push_back({{"due", format_date(part.due_date)}, {"amount", event_amount(part.amount)}});
    payload.set("instalments", parts);
  }
  if (invoice.order.value == 0 && invoice.kind == InvoiceKind::kInvoice) {
    std::vector<std::string> orders;
    for (const InvoiceLine& line : invoice.lines)
      if (!line.order_number.empty() &&
          std::find(orders.begin(), orders.end(), line.order_number) == orders.end())
        orders.push_back(line.order_number);
    payload.set("orders", orders);
  }
  return payload;
}

Status post_new_invoice(StoreWriter& writer, Invoice& invoice,
                        Account revenue = Account::kRevenue) {
  O2C_ASSIGN_OR_RETURN(invoice.number,
                       writer.next_document_number("INV", numbering_year(invoice.invoice_date)));
  O2C_ASSIGN_OR_RETURN(invoice.id, writer.insert_invoice(invoice));
  return post_invoice_entry(writer, invoice, revenue);
}

Status journal_invoice(StoreWriter& writer, const Context& context, const Invoice& invoice) {
  const std::string_view kind =
      invoice.kind == InvoiceKind::kDebitNote ? "debit_note.posted" : "invoice.posted";
  O2C_RETURN_IF_ERROR(
      append_event(writer, context, kind, invoice.number, invoice_payload(invoice)));
  return {};
}

Result<Invoice> bill_shipments(StoreWriter& writer, const Customer& customer,
                               std::span<const ShipmentToBill> shipments, Date invoice_date) {
  std::vector<Order*> orders;
  for (const ShipmentToBill& billed : shipments)
    if (std::find(orders.begin(), orders.end(), billed.order) == orders.end())
      orders.push_back(billed.order);
  Money uninvoiced_before = zero(customer.currency);
  for (const Order* order : orders) {
    O2C_ASSIGN_OR_RETURN(Money open, uninvoiced_gross(*order));
    O2C_ASSIGN_OR_RETURN(uninvoiced_before, add(uninvoiced_before, open));
  }
  O2C_ASSIGN_OR_RETURN(Invoice invoice, invoice_shipments(shipments, customer.terms, invoice_date));
  O2C_RETURN_IF_ERROR(post_new_invoice(writer, invoice));
  std::vector<ShipmentId> billed_ids;
  for (const ShipmentToBill& billed : shipments) billed_ids.push_back(billed.shipment->id);
  O2C_RETURN_IF_ERROR(writer.mark_shipments_billed(billed_ids, invoice.id));

  Money uninvoiced_after = zero(customer.currency);
  for (Order* order : orders) {
    update_fulfilment_state(*order);
    O2C_RETURN_IF_ERROR(writer.update_order(*order));
    O2C_ASSIGN_OR_RETURN(Money open, uninvoiced_gross(*order));
    O2C_ASSIGN_OR_RETURN(uninvoiced_after, add(uninvoiced_after, open));
  }
  // Exposure moves from open orders to open receivables.
  O2C_ASSIGN_OR_RETURN(CustomerBalance balance, writer.customer_balance(customer));
  O2C_ASSIGN_OR_RETURN(Money invoiced_order_value, subtract(uninvoiced_before, uninvoiced_after));
  O2C_ASSIGN_OR_RETURN(balance.open_orders, subtract(balance.open_orders, invoiced_order_value));
  O2C_ASSIGN_OR_RETURN(balance.open_receivables,
                       add(balance.open_receivables, invoice.gross_total));
  O2C_RETURN_IF_ERROR(writer.save_customer_balance(customer.id, balance));
  return invoice;
}

namespace {

bool fully_shipped(const Order& order) {
  return std::all_of(order.lines.begin(), order.lines.end(),
                     [](const OrderLine& line) { return line.shipped == line.quantity; });
}

// The shipments of one invoice of a billing run: loaded, and still unbilled when the writer
// runs the job (a concurrent run or a goods issue may have billed some meanwhile).
struct BillingGroup {
  std::string customer_number;
  std::vector<std::string> shipment_numbers;
};

// Bills one group inside the writer; none when nothing of it is left to bill.
Result<std::optional<Invoice>> bill_group(StoreWriter& writer, const Context& context,
                                          const BillingGroup& group, Date up_to) {
  O2C_ASSIGN_OR_RETURN(Customer customer,
                       require_customer(writer, group.customer_number, "customer"));
  std::map<std::string, Order> orders;
  std::vector<Shipment> shipments;
  for (const std::string& number : group.shipment_numbers) {
    O2C_ASSIGN_OR_RETURN(Shipment shipment, require_shipment(writer, number));
    O2C_ASSIGN_OR_RETURN(std::vector<UnbilledShipment> unbilled,
                         writer.unbilled_shipments(up_to, shipment.order));
    if (std::none_of(unbilled.begin(), unbilled.end(),
                     [&](const UnbilledShipment& u) { return u.shipment == shipment.id; }))
      continue;
    if (!orders.contains(shipment.order_number)) {
      O2C_ASSIGN_OR_RETURN(Order order, require_order(writer, shipment.order_number));
      orders.emplace(shipment.order_number, std::move(order));
    }
    shipments.push_back(std::move(shipment));
  }
  if (shipments.empty()) return std::optional<Invoice>{};
  std::vector<ShipmentToBill> to_bill;
  for (const Shipment& shipment : shipments)
    to_bill.push_back(ShipmentToBill{&orders.at(shipment.order_number), &shipment});
  O2C_ASSIGN_OR_RETURN(Invoice invoice, bill_shipments(writer, customer, to_bill, up_to));
  O2C_RETURN_IF_ERROR(journal_invoice(writer, context, invoice));
  return std::optional<Invoice>(std::move(invoice));
}

}  // namespace

Result<std::optional<Invoice>> bill_at_goods_issue(StoreWriter& writer, const Context& context,
                                                   const Customer& customer, Order& order,
                                                   const Shipment& shipment) {
  const Date today = context.clock.today();
  switch (customer.billing_policy) {
    case BillingPolicy::kPerShipment: {
      const ShipmentToBill one{&order, &shipment};
      O2C_ASSIGN_OR_RETURN(Invoice invoice,
                           bill_shipments(writer, customer, std::span(&one, 1), today));
      return std::optional<Invoice>(std::move(invoice));
    }
    case BillingPolicy::kPerOrder:
      if (fully_shipped(order)) {
        O2C_ASSIGN_OR_RETURN(std::vector<UnbilledShipment> unbilled,
                             writer.unbilled_shipments(today, order.id));
        std::vector<Shipment> earlier;
        for (const UnbilledShipment& other : unbilled) {
          if (other.shipment == shipment.id) continue;
          O2C_ASSIGN_OR_RETURN(Shipment loaded, require_shipment(writer, other.shipment_number));
          earlier.push_back(std::move(loaded));
        }
        std::vector<ShipmentToBill> to_bill;
        for (const Shipment& other : earlier) to_bill.push_back(ShipmentToBill{&order, &other});
        to_bill.push_back(ShipmentToBill{&order, &shipment});
        O2C_ASSIGN_OR_RETURN(Invoice invoice, bill_shipments(writer, customer, to_bill, today));
        return std::optional<Invoice>(std::move(invoice));
      }
      break;
    case BillingPolicy::kPerPeriod:
      break;
  }
  // Billed later: the order shows what has shipped.
  update_fulfilment_state(order);
  O2C_RETURN_IF_ERROR(writer.update_order(order));
  return std::optional<Invoice>{};
}

Result<BillingRunOutcome> run_billing(
    Context& context, Date up_to, const std::function<void(std::size_t, std::size_t)>& progress) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, context.store.reader());
  O2C_ASSIGN_OR_RETURN(std::vector<UnbilledShipment> unbilled,
                       reader->unbilled_shipments(up_to, std::nullopt));
  BillingRunOutcome outcome;
  // Groups in customer, order, shipment order (the query's): per shipment each alone, per
  // order those of a fully shipped order, per period all of a customer's.
  std::vector<BillingGroup> groups;
  std::map<std::string, bool> order_complete;
  std::string last_key;
  for (const UnbilledShipment& shipment : unbilled) {
    std::string key;
    switch (shipment.policy) {
      case BillingPolicy::kPerShipment:
        key = "shipment " + shipment.shipment_number;
        break;
      case BillingPolicy::kPerOrder: {
        auto known = order_complete.find(shipment.order_number);
        if (known == order_complete.end()) {
          O2C_ASSIGN_OR_RETURN(Order order, require_order(*reader, shipment.order_number));
          known = order_complete.emplace(shipment.order_number, fully_shipped(order)).first;
          if (!known->second) ++outcome.orders_waiting;
        }
        if (!known->second) continue;
        key = "order " + shipment.order_number;
        break;
      }
      case BillingPolicy::kPerPeriod:
        key = "customer " + shipment.customer_number;
        break;
    }
    if (groups.empty() || last_key != key)
      groups.push_back(BillingGroup{shipment.customer_number, {}});
    last_key = key;
    groups.back().shipment_numbers.push_back(shipment.shipment_number);
  }
  reader.reset();

  // Jobs go to the writer in slices, so it commits many together and progress moves.
  constexpr std::size_t kSlice = 512;
  for (std::size_t start = 0; start < groups.size(); start += kSlice) {
    const std::size_t end = std::min(groups.size(), start + kSlice);
    std::vector<Result<std::optional<Invoice>>> billed =
        run_batch<BillingGroup, std::optional<Invoice>>(
            context.store, std::span(groups).subspan(start, end - start),
            [&](StoreWriter& writer, const BillingGroup& group) {
              return bill_group(writer, context, group, up_to);
            });
    for (std::size_t i = 0; i < billed.size(); ++i) {
      if (!billed[i]) return billed[i].error();
      if (!*billed[i]) continue;
      Invoice& invoice = **billed[i];
      outcome.shipments_billed +=
          static_cast<std::int64_t>(groups[start + i].shipment_numbers.size());
      invoice.lines.clear();
      outcome.invoices.push_back(std::move(invoice));
    }
    if (progress) progress(end, groups.size());
  }
  return outcome;
}

namespace {

std::vector<EventPayload> credit_lines_payload(const CreditNote& note) {
  std::vector<EventPayload> lines;
  for (const CreditNoteLine& line : note.lines) {
    EventPayload entry{{"invoice_line", line.invoice_line_no},
                       {"net", event_amount(line.net)},
                       {"tax", event_amount(line.tax)}};
    if (line.quantity.milli > 0) entry.set("quantity", format_quantity(line.quantity));
    lines.push_back(std::move(entry));
  }
  return lines;
}

}  // namespace

// Issues a planned credit note: numbered, settling its invoice's open amount first (the rest
// is the customer's credit), posted and journaled.
Result<CreditNote> issue_planned_credit(StoreWriter& writer, const Context& context,
                                        Invoice& invoice, CreditNote note) {
  O2C_ASSIGN_OR_RETURN(note.number,
                       writer.next_document_number("CN", numbering_year(note.issue_date)));
  O2C_ASSIGN_OR_RETURN(note.id, writer.insert_credit_note(note));
  O2C_ASSIGN_OR_RETURN(Money open, open_amount(invoice));
  const Money allocated{std::min(open.minor, note.gross_total.minor), note.currency};
  if (allocated.minor > 0) {
    O2C_RETURN_IF_ERROR(writer.allocate_credit(note, invoice.id, allocated, note.issue_date));
    O2C_ASSIGN_OR_RETURN(invoice.credited, add(invoice.credited, allocated));
    O2C_RETURN_IF_ERROR(writer.update_invoice_settlement(invoice));
  }
  note.allocated = allocated;
  O2C_ASSIGN_OR_RETURN(Money credit_left, subtract(note.gross_total, allocated));
  O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer, writer.find_customer(invoice.customer));
  O2C_ASSERT(customer.has_value());
  O2C_ASSIGN_OR_RETURN(CustomerBalance balance, writer.customer_balance(*customer));
  O2C_ASSIGN_OR_RETURN(balance.open_receivables, subtract(balance.open_receivables, allocated));
  O2C_ASSIGN_OR_RETURN(balance.unapplied_cash, add(balance.unapplied_cash, credit_left));
  O2C_RETURN_IF_ERROR(writer.save_customer_balance(customer->id, balance));
  // Translated at the rate of its own date (the invoice's rate would be exact for what it
  // settles; the difference is small and left as a known limit).
  O2C_RETURN_IF_ERROR(post_entry(
      writer,
      post_credit_note(note.number, note.issue_date, note.net_total, note.tax_total, allocated)));
  O2C_RETURN_IF_ERROR(append_event(writer, context, "credit_note.issued", note.number,
                                   {{"invoice", invoice.number},
                                    {"customer", note.customer_number},
                                    {"cause", wire_name(note.cause)},
                                    {"reason", note.reason},
                                    {"lines", credit_lines_payload(note)},
                                    {"net", event_amount(note.net_total)},
                                    {"tax", event_amount(note.tax_total)},
                                    {"gross", event_amount(note.gross_total)},
                                    {"allocated", event_amount(allocated)}}));
  return note;
}

namespace {

Result<Invoice> require_invoice(StoreReader& reader, std::string_view number) {
  O2C_ASSIGN_OR_RETURN(std::optional<Invoice> invoice, reader.find_invoice(number));
  if (!invoice)
    return not_found("invoice_not_found", "no invoice with number '" + std::string(number) + "'",
                     "invoice");
  return std::move(*invoice);
}

}  // namespace

Result<CreditNote> issue_credit_note(Context& context, const CreditNoteInput& input) {
  return context.store.write<CreditNote>([&](StoreWriter& writer) -> Result<CreditNote> {
    O2C_ASSIGN_OR_RETURN(Invoice invoice, require_invoice(writer, input.invoice_number));
    O2C_ASSIGN_OR_RETURN(std::vector<CreditedLine> credited, writer.credited_lines(invoice.id));
    O2C_ASSIGN_OR_RETURN(CreditNote note,
                         plan_credit_note(invoice, credited, input.request, context.clock.today()));
    return issue_planned_credit(writer, context, invoice, std::move(note));
  });
}

Result<std::vector<CreditNote>> credit_received_returns(Context& context) {
  return context.store.write<std::vector<CreditNote>>([&](StoreWriter& writer)
                                                          -> Result<std::vector<CreditNote>> {
    O2C_ASSIGN_OR_RETURN(std::vector<CreditNoteRequest> requests,
                         writer.list_credit_note_requests(SIZE_MAX, /*pending_only=*/true));
    std::vector<CreditNote> notes;
    for (const CreditNoteRequest& request : requests) {
      O2C_ASSIGN_OR_RETURN(std::optional<ReturnAuthorisation> rma,
                           writer.find_return(request.return_number));
      O2C_ASSERT(rma.has_value());
      O2C_ASSIGN_OR_RETURN(Invoice invoice, require_invoice(writer, request.invoice_number));
      O2C_ASSIGN_OR_RETURN(std::vector<CreditedLine> credited, writer.credited_lines(invoice.id));
      CreditRequest credit{
          CreditCause::kReturn, "return " + rma->number + ": " + rma->reason, false, {}};
      for (const ReturnLine& line : rma->lines)
        if (line.invoice_line_no != 0)
          credit.lines.push_back(
              CreditLineRequest{line.invoice_line_no, line.quantity, std::nullopt});
      O2C_ASSIGN_OR_RETURN(CreditNote note,
                           plan_credit_note(invoice, credited, credit, context.clock.today()));
      note.return_request = request.id;
      O2C_ASSIGN_OR_RETURN(note, issue_planned_credit(writer, context, invoice, std::move(note)));
      notes.push_back(std::move(note));
    }
    return notes;
  });
}

Result<Invoice> issue_debit_note(Context& context, const DebitNoteInput& input) {
  return context.store.write<Invoice>([&](StoreWriter& writer) -> Result<Invoice> {
    return debit_invoice(writer, context, input);
  });
}

Result<Invoice> debit_invoice(StoreWriter& writer, const Context& context,
                              const DebitNoteInput& input) {
  {
    O2C_ASSIGN_OR_RETURN(Invoice original, require_invoice(writer, input.invoice_number));
    if (original.kind != InvoiceKind::kInvoice)
      return failed_precondition("debit_note_of_debit_note",
                                 original.number + " is a debit note; correct the invoice " +
                                     original.corrects_number + " instead",
                                 "invoice");
    O2C_ASSIGN_OR_RETURN(std::optional<Customer> customer, writer.find_customer(original.customer));
    O2C_ASSERT(customer.has_value());
    // The tax of the charge: the category asked for, else the invoice's first line's.
    const std::string category = input.untaxed                ? std::string(kOutsideTaxScope)
                                 : input.tax_category.empty() ? original.lines.front().tax_category
                                                              : input.tax_category;
    BasisPoints rate = original.lines.front().tax_rate;
    if (input.untaxed) {
      rate = BasisPoints{0};
    } else if (!input.tax_category.empty() || customer->tax_exempt) {
      O2C_ASSIGN_OR_RETURN(std::vector<TaxRate> rates, writer.tax_rates());
      auto found = std::find_if(rates.begin(), rates.end(),
                                [&](const TaxRate& r) { return r.category == category; });
      if (found == rates.end())
        return not_found("unknown_tax_category",
                         "no tax rate for category '" + category + "'; set one with o2c tax set",
                         "tax_category");
      rate = customer->tax_exempt ? BasisPoints{0} : found->rate;
    }
    O2C_ASSIGN_OR_RETURN(Invoice note,
                         plan_debit_note(original, input.reason, input.description, input.net,
                                         category, rate, customer->terms, context.clock.today()));
    O2C_RETURN_IF_ERROR(post_new_invoice(writer, note, input.revenue_account));
    O2C_RETURN_IF_ERROR(journal_invoice(writer, context, note));
    O2C_ASSIGN_OR_RETURN(CustomerBalance balance, writer.customer_balance(*customer));
    O2C_ASSIGN_OR_RETURN(balance.open_receivables, add(balance.open_receivables, note.gross_total));
    O2C_RETURN_IF_ERROR(writer.save_customer_balance(customer->id, balance));
    return note;
  }
}

Result<ProformaInvoice> issue_proforma(Context& context, std::string_view order_number) {
  return context.store.write<ProformaInvoice>([&](StoreWriter& writer) -> Result<ProformaInvoice> {
    O2C_ASSIGN_OR_RETURN(Order order, require_order(writer, order_number));
    if (order.state == OrderState::kRejected || order.state == OrderState::kCancelled)
      return failed_precondition("order_not_billable",
                                 "order " + order.number + " is " +
                                     std::string(wire_name(order.state)) +
                                     "; it will not be invoiced",
                                 "order");
    O2C_ASSIGN_OR_RETURN(ProformaInvoice proforma, plan_proforma(order, context.clock.today()));
    O2C_ASSIGN_OR_RETURN(proforma.number,
                         writer.next_document_number("PF", numbering_year(proforma.issue_date)));
    O2C_RETURN_IF_ERROR(writer.insert_proforma(proforma));
    O2C_RETURN_IF_ERROR(append_event(writer, context, "proforma.issued", proforma.number,
                                     {{"order", order.number},
                                      {"customer", order.customer_number},
                                      {"valid_until", format_date(proforma.valid_until)},
                                      {"net", event_amount(proforma.net_total)},
                                      {"tax", event_amount(proforma.tax_total)},
                                      {"gross", event_amount(proforma.gross_total)}}));
    return proforma;
  });
}

}  // namespace o2c::app
