// Use case: put a customer's unapplied cash — an advance paid before the invoice, or what an
// overpayment left on account — against open invoices later. In a foreign currency the cash
// carries the company amount of its payment's date and the invoice that of its own, so the
// application realises an FX gain or loss (fx.cc).
#include <algorithm>
#include <tuple>

#include "app/use_case.h"
#include "core/limits.h"

namespace o2c::app {
namespace {

// Payments of the customer with unapplied cash to use: the one named, or all, oldest first.
Result<std::vector<Payment>> payments_to_use(StoreReader& reader, const Customer& customer,
                                             const CashApplicationRequest& request) {
  O2C_ASSIGN_OR_RETURN(std::vector<Payment> payments,
                       reader.list_payments(customer.id, kPaymentTargetsMax * 10));
  if (!request.payment_number.empty()) {
    auto named = std::find_if(payments.begin(), payments.end(),
                              [&](const Payment& p) { return p.number == request.payment_number; });
    if (named == payments.end())
      return not_found(
          "payment_not_found",
          "customer " + customer.number + " has no payment '" + request.payment_number + "'",
          "payment");
    payments = {*named};
  }
  std::erase_if(payments, [](const Payment& p) { return p.unapplied.minor == 0; });
  std::sort(payments.begin(), payments.end(), [](const Payment& a, const Payment& b) {
    return std::tie(a.received_on, a.number) < std::tie(b.received_on, b.number);
  });
  return payments;
}

// The open items the request names, in the order named, or all the customer's.
Result<std::vector<OpenItem>> items_to_settle(StoreReader& reader, const Customer& customer,
                                              const CashApplicationRequest& request) {
  if (request.invoice_numbers.empty()) return reader.open_items(customer.id);
  return named_open_items(reader, request.invoice_numbers);
}

// Applies what is left of one payment; updates the invoices, the payment, the open items and
// the ledger. Returns the realised FX difference (company currency).
Result<Money> apply_payment(StoreWriter& writer, Payment& payment, std::vector<OpenItem>& items,
                            ApplicationOrder order, Date today,
                            std::vector<CashApplicationOutcome::Applied>& applied_out) {
  O2C_ASSIGN_OR_RETURN(std::string code, writer.company_currency());
  O2C_ASSIGN_OR_RETURN(Currency company, currency_from_code(code));
  O2C_ASSIGN_OR_RETURN(std::vector<Application> applications,
                       plan_application(payment, payment.unapplied, items, order));
  if (applications.empty()) return zero(company);
  std::vector<OpenItem> before = items;
  Money applied = zero(payment.amount.currency);
  for (const Application& application : applications) {
    auto item = std::find_if(items.begin(), items.end(),
                             [&](const OpenItem& i) { return i.invoice == application.invoice; });
    O2C_ASSERT(item != items.end());
    O2C_ASSERT(application.amount.minor <= item->open.minor);
    O2C_ASSIGN_OR_RETURN(item->open, subtract(item->open, application.amount));
    O2C_RETURN_IF_ERROR(add_invoice_payment(writer, item->invoice_number, application.amount));
    O2C_RETURN_IF_ERROR(writer.insert_application(payment.id, application, today));
    O2C_ASSIGN_OR_RETURN(applied, add(applied, application.amount));
    applied_out.push_back({payment.number, application});
  }
  O2C_ASSIGN_OR_RETURN(Money consumed_before, subtract(payment.amount, payment.unapplied));
  O2C_ASSIGN_OR_RETURN(payment.unapplied, subtract(payment.unapplied, applied));
  O2C_ASSERT(payment.unapplied.minor >= 0);
  O2C_RETURN_IF_ERROR(writer.update_payment_unapplied(payment.id, payment.unapplied));
  return post_cash_applied(writer, payment, consumed_before, applied, today, applications, before);
}

}  // namespace

Result<CashApplicationOutcome> apply_unapplied_cash(Context& context,
                                                    const CashApplicationRequest& request) {
  return context.store.write<CashApplicationOutcome>([&](StoreWriter& writer)
                                                         -> Result<CashApplicationOutcome> {
    O2C_ASSIGN_OR_RETURN(Customer customer,
                         require_customer(writer, request.customer_number, "customer"));
    O2C_ASSIGN_OR_RETURN(std::vector<Payment> payments, payments_to_use(writer, customer, request));
    O2C_ASSIGN_OR_RETURN(std::vector<OpenItem> items, items_to_settle(writer, customer, request));
    const bool named = !request.invoice_numbers.empty();
    const Date today = context.clock.today();
    CashApplicationOutcome outcome;
    O2C_ASSIGN_OR_RETURN(std::string code, writer.company_currency());
    O2C_ASSIGN_OR_RETURN(Currency company, currency_from_code(code));
    outcome.realised_fx = zero(company);
    Money applied = zero(customer.currency);
    for (Payment& payment : payments) {
      // Named invoices are checked once, against the first payment; later payments take
      // what is still open of them.
      if (named && !outcome.applied.empty())
        std::erase_if(items, [](const OpenItem& i) { return i.open.minor == 0; });
      const std::size_t before = outcome.applied.size();
      O2C_ASSIGN_OR_RETURN(Money realised, apply_payment(writer, payment, items,
                                                         named ? ApplicationOrder::kAsNamed
                                                               : ApplicationOrder::kOldestDueFirst,
                                                         today, outcome.applied));
      O2C_ASSIGN_OR_RETURN(outcome.realised_fx, add(outcome.realised_fx, realised));
      std::vector<EventPayload> applied_to;
      for (std::size_t i = before; i < outcome.applied.size(); ++i) {
        const Application& application = outcome.applied[i].application;
        O2C_ASSIGN_OR_RETURN(applied, add(applied, application.amount));
        applied_to.push_back({{"invoice", application.invoice_number},
                              {"amount", event_amount(application.amount)}});
      }
      if (applied_to.empty()) continue;
      O2C_RETURN_IF_ERROR(append_event(writer, context, "payment.applied", payment.number,
                                       {{"customer", customer.number},
                                        {"applied_on", format_date(today)},
                                        {"applied", applied_to},
                                        {"unapplied", event_amount(payment.unapplied)},
                                        {"realised_fx", event_amount(realised)}}));
    }
    if (outcome.applied.empty())
      return failed_precondition(
          "nothing_to_apply",
          "customer " + customer.number + " has no unapplied cash to put on an open invoice",
          request.payment_number.empty() ? "customer" : "payment");
    O2C_ASSIGN_OR_RETURN(CustomerBalance balance, writer.customer_balance(customer));
    O2C_ASSIGN_OR_RETURN(balance.open_receivables, subtract(balance.open_receivables, applied));
    O2C_ASSIGN_OR_RETURN(balance.unapplied_cash, subtract(balance.unapplied_cash, applied));
    O2C_RETURN_IF_ERROR(writer.save_customer_balance(customer.id, balance));
    return outcome;
  });
}

}  // namespace o2c::app
