// Use cases and postings of FX: the rate table, and translating every ledger entry into the
// company currency — invoices and payments at the rate of their date, cash applied to an
// invoice clearing its receivable at the invoice's company amount (fx.h settled_share) with the
// difference realised as an FX gain or loss.
#include <algorithm>

#include "app/use_case.h"

namespace o2c::app {
namespace {

Result<Currency> company_currency_of(StoreReader& reader) {
  O2C_ASSIGN_OR_RETURN(std::string code, reader.company_currency());
  return currency_from_code(code);
}

std::string rate_where(const FxRateInput& input) {
  if (!input.where.empty()) return input.where;
  return std::string(input.rate.currency.text()) + " " + format_date(input.rate.date);
}

// Adds one rate in the writer's transaction; returns whether it was new.
Result<bool> add_rate(StoreWriter& writer, const Context& context, const FxRateInput& input) {
  const FxRateEntry& rate = input.rate;
  O2C_ASSIGN_OR_RETURN(std::optional<FxRateEntry> existing,
                       writer.fx_rate_on(rate.currency, rate.date));
  if (existing && existing->date == rate.date) {
    if (existing->rate == rate.rate) return false;
    return already_exists("fx_rate_conflict",
                          std::string(rate.currency.text()) + " on " + format_date(rate.date) +
                              " is already " + format_fx_rate(existing->rate) + ", not " +
                              format_fx_rate(rate.rate) +
                              ": rates are never replaced (postings may have used them)",
                          rate_where(input));
  }
  O2C_RETURN_IF_ERROR(writer.insert_fx_rate(rate));
  O2C_RETURN_IF_ERROR(append_event(writer, context, "fx.rate_set",
                                   std::string(rate.currency.text()),
                                   {{"currency", std::string(rate.currency.text())},
                                    {"date", format_date(rate.date)},
                                    {"rate", format_fx_rate(rate.rate)}}));
  return true;
}

// The company amount of a document (an invoice's gross, a payment's amount): the amount
// itself in the company currency, else the one stored when it was posted. A document posted
// before migration 0010 in a foreign currency has none (its entries were not translated):
// zero, as the books hold it.
Result<Money> document_company_amount(StoreReader& reader, std::string_view document, Money amount,
                                      Currency company) {
  if (amount.currency == company) return amount;
  O2C_ASSIGN_OR_RETURN(std::optional<DocumentFx> fx, reader.find_document_fx(document));
  if (!fx) return zero(company);
  O2C_ASSERT(fx->amount == amount);
  return fx->company_amount;
}

// The company amount of receivables that `applications` clear: each invoice's share of its own
// company amount, given what was paid of it before (`items` as they were before).
Result<Money> cleared_receivables(StoreReader& reader, std::span<const Application> applications,
                                  std::span<const OpenItem> items, Currency company) {
  Money cleared = zero(company);
  for (const Application& application : applications) {
    auto item = std::find_if(items.begin(), items.end(),
                             [&](const OpenItem& i) { return i.invoice == application.invoice; });
    O2C_ASSERT(item != items.end());
    O2C_ASSIGN_OR_RETURN(Money paid_before, subtract(item->gross, item->open));
    O2C_ASSIGN_OR_RETURN(
        Money invoice_company,
        document_company_amount(reader, item->invoice_number, item->gross, company));
    O2C_ASSIGN_OR_RETURN(
        Money share, settled_share(invoice_company, item->gross, paid_before, application.amount));
    O2C_ASSIGN_OR_RETURN(cleared, add(cleared, share));
  }
  return cleared;
}

}  // namespace

Result<FxRate> rate_for(StoreReader& reader, Currency currency, Date date) {
  O2C_ASSIGN_OR_RETURN(Currency company, company_currency_of(reader));
  if (currency == company) return kFxRateOne;
  O2C_ASSIGN_OR_RETURN(std::optional<FxRateEntry> rate, reader.fx_rate_on(currency, date));
  if (!rate) {
    const std::string code(currency.text());
    return failed_precondition("fx_rate_missing",
                               "no " + code + " rate on or before " + format_date(date) +
                                   " to translate into " + std::string(company.text()) +
                                   " (set one: o2c fx set " + code + " RATE --date " +
                                   format_date(date) + ")",
                               code + " " + format_date(date));
  }
  return rate->rate;
}

Result<LedgerEntry> post_entry(StoreWriter& writer, LedgerEntry entry) {
  if (entry.lines.empty()) return entry;
  O2C_ASSIGN_OR_RETURN(Currency company, company_currency_of(writer));
  O2C_ASSIGN_OR_RETURN(FxRate rate,
                       rate_for(writer, entry.lines.front().amount.currency, entry.date));
  O2C_ASSIGN_OR_RETURN(LedgerEntry translated, translate_entry(std::move(entry), rate, company));
  O2C_RETURN_IF_ERROR(writer.post(translated));
  return translated;
}

Status post_invoice_entry(StoreWriter& writer, const Invoice& invoice, Account revenue) {
  O2C_ASSIGN_OR_RETURN(
      LedgerEntry entry,
      post_entry(writer, post_invoice(invoice.number, invoice.invoice_date, invoice.gross_total,
                                      invoice.net_total, invoice.tax_total, revenue)));
  O2C_ASSIGN_OR_RETURN(Currency company, company_currency_of(writer));
  if (invoice.currency == company || invoice.gross_total.minor <= 0) return {};
  // The receivable's company amount is what cash application clears.
  auto receivable = std::find_if(entry.lines.begin(), entry.lines.end(), [](const LedgerLine& l) {
    return l.account == Account::kReceivables;
  });
  O2C_ASSERT(receivable != entry.lines.end());
  return writer.insert_document_fx(
      DocumentFx{invoice.number, invoice.gross_total, entry.rate, receivable->company_amount});
}

Status post_payment_entries(StoreWriter& writer, const Payment& payment, Money applied,
                            std::span<const Application> applications,
                            std::span<const OpenItem> items) {
  O2C_ASSIGN_OR_RETURN(Currency company, company_currency_of(writer));
  O2C_ASSIGN_OR_RETURN(FxRate rate, rate_for(writer, payment.amount.currency, payment.received_on));
  O2C_ASSIGN_OR_RETURN(Money received_company, to_company_currency(payment.amount, rate, company));
  if (payment.amount.currency != company)
    O2C_RETURN_IF_ERROR(writer.insert_document_fx(
        DocumentFx{payment.number, payment.amount, rate, received_company}));
  O2C_ASSIGN_OR_RETURN(
      Money applied_company,
      settled_share(received_company, payment.amount, zero(payment.amount.currency), applied));
  O2C_RETURN_IF_ERROR(
      writer.post(post_payment_translated(payment.number, payment.received_on, rate, payment.amount,
                                          received_company, applied, applied_company)));
  O2C_ASSIGN_OR_RETURN(Money cleared, cleared_receivables(writer, applications, items, company));
  return writer.post(
      post_realised_fx(payment.number, payment.received_on, applied_company, cleared));
}

Result<Money> post_cash_applied(StoreWriter& writer, const Payment& payment, Money consumed_before,
                                Money applied, Date date, std::span<const Application> applications,
                                std::span<const OpenItem> items) {
  O2C_ASSIGN_OR_RETURN(Currency company, company_currency_of(writer));
  O2C_ASSIGN_OR_RETURN(Money payment_company,
                       document_company_amount(writer, payment.number, payment.amount, company));
  O2C_ASSIGN_OR_RETURN(Money cash_company,
                       settled_share(payment_company, payment.amount, consumed_before, applied));
  O2C_ASSIGN_OR_RETURN(std::optional<DocumentFx> fx, writer.find_document_fx(payment.number));
  const FxRate rate = fx ? fx->rate : kFxRateOne;
  if (!fx && payment.amount.currency != company) {
    // Posted before migration 0010, untranslated: its cash carries no company amount.
    O2C_ASSERT(cash_company.minor == 0);
  }
  LedgerEntry entry =
      post_payment_applied_translated(payment.number, date, rate, applied, cash_company);
  if (payment.amount.currency == company) entry.rate = kFxRateOne;
  O2C_RETURN_IF_ERROR(writer.post(entry));
  O2C_ASSIGN_OR_RETURN(Money cleared, cleared_receivables(writer, applications, items, company));
  O2C_RETURN_IF_ERROR(writer.post(post_realised_fx(payment.number, date, cash_company, cleared)));
  return subtract(cash_company, cleared);
}

Result<FxRatesOutcome> set_fx_rates(Context& context, std::span<const FxRateInput> rates) {
  return context.store.write<FxRatesOutcome>([&](StoreWriter& writer) -> Result<FxRatesOutcome> {
    O2C_ASSIGN_OR_RETURN(Currency company, company_currency_of(writer));
    FxRatesOutcome outcome;
    for (const FxRateInput& input : rates) {
      Status valid = validate_fx_rate(input.rate, company);
      if (!valid) {
        Error error = std::move(valid).error();
        if (!input.where.empty()) error.where = input.where + ", " + error.where;
        return error;
      }
      O2C_ASSIGN_OR_RETURN(bool added, add_rate(writer, context, input));
      (added ? outcome.added : outcome.unchanged).push_back(input.rate);
    }
    return outcome;
  });
}

Result<std::vector<FxRateEntry>> list_fx_rates(Store& store, std::optional<Currency> currency) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store.reader());
  return reader->list_fx_rates(currency);
}

}  // namespace o2c::app
