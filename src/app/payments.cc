// Use case: record a customer's payment and apply it to open invoices.
#include <algorithm>

#include "app/use_case.h"

namespace o2c::app {
namespace {

// Prices the early-payment discount of each item for a payment received on `date`: `open`
// becomes what settles the item, `discount` what it takes off.
Status offer_discounts(std::vector<OpenItem>& items, Date date) {
  for (OpenItem& item : items) {
    O2C_ASSIGN_OR_RETURN(item.discount,
                         early_payment_discount(item.gross, item.open, item.discount_offer,
                                                item.discount_until, date));
    O2C_ASSIGN_OR_RETURN(item.open, subtract(item.open, item.discount));
  }
  return {};
}

struct Settled {
  Money applied;
  Money discounts;
  std::vector<Money> discount_by_application;
};

// Settles each application against the open item it was planned from; an application that
// settles an item within its discount period takes the discount too.
Result<Settled> apply_to_invoices(StoreWriter& writer, const Payment& payment,
                                  const std::vector<Application>& applications,
                                  const std::vector<OpenItem>& items) {
  const Currency currency = payment.amount.currency;
  Settled settled{zero(currency), zero(currency), {}};
  for (const Application& application : applications) {
    auto item = std::find_if(items.begin(), items.end(),
                             [&](const OpenItem& i) { return i.invoice == application.invoice; });
    O2C_ASSERT(item != items.end());
    O2C_ASSERT(application.amount.minor <= item->open.minor);
    O2C_ASSIGN_OR_RETURN(std::optional<Invoice> invoice, writer.find_invoice(item->invoice_number));
    O2C_ASSERT(invoice.has_value());
    O2C_ASSIGN_OR_RETURN(invoice->paid, add(invoice->paid, application.amount));
    const bool takes_discount = application.amount == item->open && item->discount.minor > 0;
    const Money discount = takes_discount ? item->discount : zero(currency);
    if (takes_discount) {
      invoice->discount_taken = discount;
      // The discount's tax share corrects the tax owed; the rest reduces revenue.
      const std::int64_t weights[] = {invoice->net_total.minor, invoice->tax_total.minor};
      O2C_ASSIGN_OR_RETURN(std::vector<Money> shares, allocate(discount, weights));
      O2C_RETURN_IF_ERROR(post_entry(
          writer,
          post_discount_allowed(payment.number, payment.received_on, shares[0], shares[1])));
    }
    O2C_RETURN_IF_ERROR(writer.update_invoice_settlement(*invoice));
    O2C_RETURN_IF_ERROR(writer.insert_application(payment.id, application, payment.received_on));
    O2C_ASSIGN_OR_RETURN(settled.applied, add(settled.applied, application.amount));
    O2C_ASSIGN_OR_RETURN(settled.discounts, add(settled.discounts, discount));
    settled.discount_by_application.push_back(discount);
  }
  return settled;
}

Result<PaymentOutcome> record_one(StoreWriter& writer, const Context& context,
                                  const PaymentRequest& request) {
  O2C_ASSIGN_OR_RETURN(Customer customer,
                       require_customer(writer, request.customer_number, "payment.customer"));
  Payment payment;
  payment.customer = customer.id;
  payment.customer_number = customer.number;
  payment.amount = request.amount;
  payment.received_on = request.received_on.value_or(context.clock.today());
  payment.method = request.method;
  payment.reference = request.reference;
  O2C_RETURN_IF_ERROR(validate_payment(payment, customer));
  O2C_ASSIGN_OR_RETURN(std::optional<Payment> earlier,
                       writer.find_payment(customer.id, payment.reference));
  if (earlier)
    return already_exists("duplicate_payment",
                          "customer " + customer.number + " already has payment " +
                              earlier->number + " with reference '" + payment.reference + "'",
                          "payment.reference");

  const bool named = !request.invoice_numbers.empty();
  std::vector<OpenItem> items;
  if (named) {
    O2C_ASSIGN_OR_RETURN(items, named_open_items(writer, request.invoice_numbers));
  } else {
    O2C_ASSIGN_OR_RETURN(items, writer.open_items(customer.id));
  }
  O2C_RETURN_IF_ERROR(offer_discounts(items, payment.received_on));
  O2C_ASSIGN_OR_RETURN(
      std::vector<Application> applications,
      plan_application(payment, payment.amount, items,
                       named ? ApplicationOrder::kAsNamed : ApplicationOrder::kOldestDueFirst));
  Money applied = zero(payment.amount.currency);
  for (const Application& application : applications) {
    O2C_ASSIGN_OR_RETURN(applied, add(applied, application.amount));
  }
  O2C_ASSIGN_OR_RETURN(payment.unapplied, subtract(payment.amount, applied));
  O2C_ASSERT(payment.unapplied.minor >= 0);
  O2C_ASSIGN_OR_RETURN(payment.number,
                       writer.next_document_number("PAY", numbering_year(payment.received_on)));
  O2C_ASSIGN_OR_RETURN(payment.id, writer.insert_payment(payment));
  // The cash entry (and its realised FX) first, then the discounts it earned.
  O2C_RETURN_IF_ERROR(post_payment_entries(writer, payment, applied, applications, items));
  O2C_ASSIGN_OR_RETURN(Settled settled, apply_to_invoices(writer, payment, applications, items));

  O2C_ASSIGN_OR_RETURN(CustomerBalance balance, writer.customer_balance(customer));
  O2C_ASSIGN_OR_RETURN(balance.open_receivables, subtract(balance.open_receivables, applied));
  O2C_ASSIGN_OR_RETURN(balance.open_receivables,
                       subtract(balance.open_receivables, settled.discounts));
  O2C_ASSIGN_OR_RETURN(balance.unapplied_cash, add(balance.unapplied_cash, payment.unapplied));
  O2C_RETURN_IF_ERROR(writer.save_customer_balance(customer.id, balance));

  std::vector<EventPayload> applied_to;
  for (std::size_t i = 0; i < applications.size(); ++i) {
    EventPayload entry{{"invoice", applications[i].invoice_number},
                       {"amount", event_amount(applications[i].amount)}};
    // Only when taken, so that payments without one are journaled as before.
    if (settled.discount_by_application[i].minor > 0)
      entry.set("discount", event_amount(settled.discount_by_application[i]));
    applied_to.push_back(std::move(entry));
  }
  O2C_RETURN_IF_ERROR(append_event(writer, context, "payment.received", payment.number,
                                   {{"customer", customer.number},
                                    {"amount", event_amount(payment.amount)},
                                    {"method", wire_name(payment.method)},
                                    {"reference", payment.reference},
                                    {"received_on", format_date(payment.received_on)},
                                    {"applied", applied_to},
                                    {"unapplied", event_amount(payment.unapplied)}}));
  return PaymentOutcome{std::move(payment), std::move(applications),
                        std::move(settled.discount_by_application)};
}

}  // namespace

Result<std::vector<OpenItem>> named_open_items(StoreReader& reader,
                                               std::span<const std::string> numbers) {
  std::vector<OpenItem> items;
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    const std::string& number = numbers[i];
    O2C_ASSIGN_OR_RETURN(std::optional<Invoice> invoice, reader.find_invoice(number));
    if (!invoice)
      return not_found("invoice_not_found", "no invoice with number '" + number + "'",
                       "invoices[" + std::to_string(i) + "]");
    O2C_ASSIGN_OR_RETURN(Money open, open_amount(*invoice));
    items.push_back(OpenItem{invoice->id, invoice->number, invoice->customer,
                             invoice->customer_number, invoice->invoice_date, invoice->due_date,
                             open, invoice->gross_total, invoice->discount, invoice->discount_until,
                             zero(invoice->currency)});
  }
  return items;
}

Status add_invoice_payment(StoreWriter& writer, std::string_view invoice_number, Money amount) {
  O2C_ASSIGN_OR_RETURN(std::optional<Invoice> invoice, writer.find_invoice(invoice_number));
  O2C_ASSERT(invoice.has_value());
  O2C_ASSIGN_OR_RETURN(invoice->paid, add(invoice->paid, amount));
  return writer.update_invoice_settlement(*invoice);
}

Result<PaymentOutcome> record_payment(StoreWriter& writer, const Context& context,
                                      const PaymentRequest& request) {
  return record_one(writer, context, request);
}

std::vector<Result<PaymentOutcome>> record_payments(Context& context,
                                                    std::span<const PaymentRequest> requests) {
  return run_batch<PaymentRequest, PaymentOutcome>(
      context.store, requests, [&](StoreWriter& writer, const PaymentRequest& request) {
        return record_one(writer, context, request);
      });
}

}  // namespace o2c::app
