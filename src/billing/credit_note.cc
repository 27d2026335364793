// Credit notes, debit notes, pro-forma invoices and the early-payment discount (billing.h).
#include <algorithm>

#include "billing/billing.h"
#include "core/limits.h"
#include "core/wire_names.h"

namespace o2c {
namespace {

constexpr std::string_view kCreditCauseNames[] = {"", "return", "price_correction", "dispute",
                                                  "cancellation"};

std::string at_line(std::size_t index) { return "lines[" + std::to_string(index) + "]"; }

// What is left to credit of one invoice line after earlier credit notes.
struct LineLeft {
  const InvoiceLine* line = nullptr;
  Quantity credited_quantity;
  Money credited_net;
  Money credited_tax;
};

Result<std::vector<LineLeft>> lines_left(const Invoice& invoice,
                                         std::span<const CreditedLine> credited) {
  std::vector<LineLeft> left;
  for (const InvoiceLine& line : invoice.lines) {
    LineLeft entry{&line, Quantity{0}, zero(invoice.currency), zero(invoice.currency)};
    for (const CreditedLine& before : credited) {
      if (before.invoice_line_no != line.line_no) continue;
      entry.credited_quantity.milli += before.quantity.milli;
      O2C_ASSIGN_OR_RETURN(entry.credited_net, add(entry.credited_net, before.net));
      O2C_ASSIGN_OR_RETURN(entry.credited_tax, add(entry.credited_tax, before.tax));
    }
    left.push_back(entry);
  }
  return left;
}

CreditNoteLine credit_line_of(const InvoiceLine& line) {
  CreditNoteLine credit;
  credit.invoice_line_no = line.line_no;
  credit.sku = line.sku;
  credit.description = line.description;
  credit.unit_price = line.unit_price;
  credit.tax_category = line.tax_category;
  credit.tax_rate = line.tax_rate;
  return credit;
}

// Credits `quantity` more units of a line: the cumulative share of its net and tax, so that
// crediting every unit gives back exactly the line's amounts.
Result<CreditNoteLine> credit_quantity(const LineLeft& left, Quantity quantity) {
  const InvoiceLine& line = *left.line;
  CreditNoteLine credit = credit_line_of(line);
  credit.quantity = quantity;
  const std::int64_t after = left.credited_quantity.milli + quantity.milli;
  O2C_ASSIGN_OR_RETURN(Money net_after,
                       prorate(line.net, after, line.quantity.milli, Rounding::kHalfEven));
  O2C_ASSIGN_OR_RETURN(Money tax_after,
                       prorate(line.tax, after, line.quantity.milli, Rounding::kHalfEven));
  O2C_ASSIGN_OR_RETURN(Money net_before, prorate(line.net, left.credited_quantity.milli,
                                                 line.quantity.milli, Rounding::kHalfEven));
  O2C_ASSIGN_OR_RETURN(Money tax_before, prorate(line.tax, left.credited_quantity.milli,
                                                 line.quantity.milli, Rounding::kHalfEven));
  O2C_ASSIGN_OR_RETURN(credit.net, subtract(net_after, net_before));
  O2C_ASSIGN_OR_RETURN(credit.tax, subtract(tax_after, tax_before));
  return credit;
}

}  // namespace

std::string_view wire_name(CreditCause cause) { return name_in(kCreditCauseNames, cause); }

Result<CreditCause> credit_cause_from_wire(std::string_view name) {
  if (std::optional<CreditCause> cause = value_in<CreditCause>(kCreditCauseNames, name))
    return *cause;
  return invalid_argument("unknown_credit_cause",
                          "'" + std::string(name) +
                              "' is not a credit cause (return, price_correction, dispute, "
                              "cancellation)",
                          "cause");
}

Result<CreditNote> plan_credit_note(const Invoice& invoice, std::span<const CreditedLine> credited,
                                    const CreditRequest& request, Date issue_date) {
  if (request.reason.empty() || request.reason.size() > kDocumentReasonBytesMax)
    return invalid_argument("credit_reason_missing",
                            "a credit note needs a reason of 1-280 bytes (why it is given)",
                            "reason");
  if (!request.whole_invoice && request.lines.empty())
    return invalid_argument("nothing_to_credit",
                            "name the lines to credit (quantity or amount), or the whole invoice",
                            "lines");
  O2C_ASSIGN_OR_RETURN(std::vector<LineLeft> left, lines_left(invoice, credited));
  CreditNote note;
  note.customer = invoice.customer;
  note.customer_number = invoice.customer_number;
  note.invoice = invoice.id;
  note.invoice_number = invoice.number;
  note.cause = request.cause;
  note.reason = request.reason;
  note.issue_date = issue_date;
  note.currency = invoice.currency;
  if (request.whole_invoice) {
    for (const LineLeft& line : left) {
      const Quantity rest{line.line->quantity.milli - line.credited_quantity.milli};
      // A line credited by amount before keeps its quantity: credit what is left of its money.
      O2C_ASSIGN_OR_RETURN(CreditNoteLine credit, credit_quantity(line, rest));
      O2C_ASSIGN_OR_RETURN(Money net_left, subtract(line.line->net, line.credited_net));
      O2C_ASSIGN_OR_RETURN(Money tax_left, subtract(line.line->tax, line.credited_tax));
      credit.net = net_left;
      credit.tax = tax_left;
      if (credit.net.minor == 0 && credit.tax.minor == 0) continue;
      note.lines.push_back(std::move(credit));
    }
    if (note.lines.empty())
      return failed_precondition("nothing_to_credit",
                                 "invoice " + invoice.number + " is already credited in full",
                                 "invoice");
  }
  for (std::size_t i = 0; i < request.lines.size(); ++i) {
    const CreditLineRequest& wanted = request.lines[i];
    auto line = std::find_if(left.begin(), left.end(), [&](const LineLeft& l) {
      return l.line->line_no == wanted.invoice_line_no;
    });
    if (line == left.end())
      return not_found(
          "credit_line_unknown",
          "invoice " + invoice.number + " has no line " + std::to_string(wanted.invoice_line_no),
          at_line(i) + ".line");
    CreditNoteLine credit;
    if (wanted.quantity) {
      if (wanted.quantity->milli <= 0)
        return invalid_argument("credit_quantity_invalid",
                                "the quantity to credit must be above zero",
                                at_line(i) + ".quantity");
      if (line->credited_quantity.milli + wanted.quantity->milli > line->line->quantity.milli)
        return failed_precondition(
            "credit_exceeds_invoice",
            "line " + std::to_string(wanted.invoice_line_no) + " of " + invoice.number +
                " invoiced " + format_quantity(line->line->quantity) + ", of which " +
                format_quantity(line->credited_quantity) + " already credited; cannot credit " +
                format_quantity(*wanted.quantity) + " more",
            at_line(i) + ".quantity");
      O2C_ASSIGN_OR_RETURN(credit, credit_quantity(*line, *wanted.quantity));
      line->credited_quantity.milli += wanted.quantity->milli;
    } else {
      O2C_ASSERT(wanted.net.has_value());
      if (wanted.net->currency != invoice.currency || wanted.net->minor <= 0)
        return invalid_argument(
            "credit_amount_invalid",
            "the amount to credit must be above zero, in " + std::string(invoice.currency.text()),
            at_line(i) + ".amount");
      O2C_ASSIGN_OR_RETURN(Money net_left, subtract(line->line->net, line->credited_net));
      if (wanted.net->minor > net_left.minor)
        return failed_precondition("credit_exceeds_invoice",
                                   "line " + std::to_string(wanted.invoice_line_no) + " of " +
                                       invoice.number + " has " + format_money(net_left) +
                                       " net left to credit; cannot credit " +
                                       format_money(*wanted.net),
                                   at_line(i) + ".amount");
      credit = credit_line_of(*line->line);
      credit.quantity = Quantity{0};
      credit.net = *wanted.net;
      O2C_ASSIGN_OR_RETURN(credit.tax,
                           apply_rate(*wanted.net, line->line->tax_rate, Rounding::kHalfEven));
      // The last cent of tax cannot go beyond what the line still carries.
      O2C_ASSIGN_OR_RETURN(Money tax_left, subtract(line->line->tax, line->credited_tax));
      credit.tax.minor = std::min(credit.tax.minor, tax_left.minor);
    }
    O2C_ASSIGN_OR_RETURN(line->credited_net, add(line->credited_net, credit.net));
    O2C_ASSIGN_OR_RETURN(line->credited_tax, add(line->credited_tax, credit.tax));
    note.lines.push_back(std::move(credit));
  }
  note.net_total = note.tax_total = note.allocated = zero(invoice.currency);
  for (std::size_t i = 0; i < note.lines.size(); ++i) {
    note.lines[i].line_no = static_cast<int>(i) + 1;
    O2C_ASSIGN_OR_RETURN(note.net_total, add(note.net_total, note.lines[i].net));
    O2C_ASSIGN_OR_RETURN(note.tax_total, add(note.tax_total, note.lines[i].tax));
  }
  O2C_ASSIGN_OR_RETURN(note.gross_total, add(note.net_total, note.tax_total));
  if (note.gross_total.minor <= 0)
    return failed_precondition("nothing_to_credit", "the credit note would be for nothing",
                               "lines");
  return note;
}

Result<Invoice> plan_debit_note(const Invoice& original, std::string_view reason,
                                std::string_view description, Money net,
                                std::string_view tax_category, BasisPoints tax_rate,
                                const PaymentTerms& terms, Date issue_date) {
  if (reason.empty() || reason.size() > kDocumentReasonBytesMax)
    return invalid_argument("debit_reason_missing",
                            "a debit note needs a reason of 1-280 bytes (why more is charged)",
                            "reason");
  if (net.currency != original.currency || net.minor <= 0)
    return invalid_argument(
        "debit_amount_invalid",
        "the amount to charge must be above zero, in " + std::string(original.currency.text()),
        "amount");
  Invoice note;
  note.kind = InvoiceKind::kDebitNote;
  note.customer = original.customer;
  note.customer_number = original.customer_number;
  note.order = original.order;
  note.order_number = original.order_number;
  note.corrects = original.id;
  note.corrects_number = original.number;
  note.reason = std::string(reason);
  note.invoice_date = issue_date;
  note.currency = original.currency;
  InvoiceLine line;
  line.line_no = 1;
  line.sku = "DEBIT";
  line.description = description.empty() ? std::string(reason) : std::string(description);
  line.quantity = Quantity{1000};
  line.unit_price = net;
  line.tax_category = std::string(tax_category);
  line.tax_rate = tax_rate;
  line.net = net;
  O2C_ASSIGN_OR_RETURN(line.tax, apply_rate(net, tax_rate, Rounding::kHalfEven));
  note.net_total = line.net;
  note.tax_total = line.tax;
  O2C_ASSIGN_OR_RETURN(note.gross_total, add(line.net, line.tax));
  note.paid = note.credited = note.discount_taken = note.written_off = zero(original.currency);
  note.lines.push_back(std::move(line));
  O2C_RETURN_IF_ERROR(apply_payment_terms(note, terms));
  return note;
}

Result<ProformaInvoice> plan_proforma(const Order& order, Date issue_date) {
  ProformaInvoice proforma;
  proforma.order = order.id;
  proforma.order_number = order.number;
  proforma.customer_number = order.customer_number;
  proforma.issue_date = issue_date;
  proforma.valid_until = add_days(issue_date, kProformaValidDays);
  proforma.currency = order.currency;
  proforma.net_total = proforma.tax_total = zero(order.currency);
  for (const OrderLine& line : order.lines) {
    if (line.invoiced >= line.quantity) continue;
    InvoiceLine item;
    item.line_no = static_cast<int>(proforma.lines.size()) + 1;
    item.order = order.id;
    item.order_number = order.number;
    item.order_line_no = line.line_no;
    item.sku = line.sku;
    item.description = line.description;
    item.quantity = Quantity{line.quantity.milli - line.invoiced.milli};
    item.unit_price = line.unit_price;
    item.tax_category = line.tax_category;
    item.tax_rate = line.tax_rate;
    // The same cumulative shares billing will use, so the pro-forma is what will be invoiced.
    O2C_ASSIGN_OR_RETURN(Money net_before, prorate(line.net, line.invoiced.milli,
                                                   line.quantity.milli, Rounding::kHalfEven));
    O2C_ASSIGN_OR_RETURN(Money tax_before, prorate(line.tax, line.invoiced.milli,
                                                   line.quantity.milli, Rounding::kHalfEven));
    O2C_ASSIGN_OR_RETURN(item.net, subtract(line.net, net_before));
    O2C_ASSIGN_OR_RETURN(item.tax, subtract(line.tax, tax_before));
    O2C_ASSIGN_OR_RETURN(proforma.net_total, add(proforma.net_total, item.net));
    O2C_ASSIGN_OR_RETURN(proforma.tax_total, add(proforma.tax_total, item.tax));
    proforma.lines.push_back(std::move(item));
  }
  if (order.shipping && !order.shipping->invoiced) {
    InvoiceLine item;
    item.line_no = static_cast<int>(proforma.lines.size()) + 1;
    item.order = order.id;
    item.order_number = order.number;
    item.sku = std::string(kShippingSku);
    item.description = "Shipping";
    item.quantity = Quantity{1000};
    item.unit_price = item.net = order.shipping->net;
    item.tax = order.shipping->tax;
    item.tax_category = order.shipping->tax_category;
    item.tax_rate = order.shipping->tax_rate;
    O2C_ASSIGN_OR_RETURN(proforma.net_total, add(proforma.net_total, item.net));
    O2C_ASSIGN_OR_RETURN(proforma.tax_total, add(proforma.tax_total, item.tax));
    proforma.lines.push_back(std::move(item));
  }
  if (proforma.lines.empty())
    return failed_precondition("nothing_to_invoice",
                               "order " + order.number + " is invoiced in full", "order");
  O2C_ASSIGN_OR_RETURN(proforma.gross_total, add(proforma.net_total, proforma.tax_total));
  return proforma;
}

Result<Money> early_payment_discount(Money gross, Money open, BasisPoints offer,
                                     std::optional<Date> until, Date date) {
  if (offer.value == 0 || !until || date > *until) return zero(open.currency);
  O2C_ASSIGN_OR_RETURN(Money discount, apply_rate(gross, offer, Rounding::kHalfEven));
  return Money{std::min(discount.minor, open.minor), open.currency};
}

}  // namespace o2c
