// The reads and writes of FX in the SQLite store (migration 0010): the rate table, the
// company amounts of documents in a foreign currency, and the ledger's company-currency
// totals. Rows a domain value cannot hold mean the file was altered outside o2c
// (database_corrupt).
#include "store/sqlite/sqlite_store.h"

namespace o2c::sqlite {
namespace {

Error corrupt(std::string_view what) {
  return failed_precondition(
      "database_corrupt",
      "the database holds an invalid " + std::string(what) + "; was it edited outside o2c?");
}

Result<FxRateEntry> read_fx_rate_row(const Statement& row) {
  FxRateEntry entry;
  Result<Currency> currency = currency_from_code(row.column_text(0));
  if (!currency) return corrupt("FX rate currency '" + row.column_text(0) + "'");
  entry.currency = *currency;
  Result<Date> date = parse_date(row.column_text(1));
  if (!date) return corrupt("FX rate date '" + row.column_text(1) + "'");
  entry.date = *date;
  entry.rate = FxRate{row.column_int(2)};
  if (entry.rate.micros <= 0) return corrupt("FX rate");
  return entry;
}

Result<Currency> company_of(SqliteConnectionStore& store) {
  O2C_ASSIGN_OR_RETURN(std::string code, store.company_currency());
  Result<Currency> currency = currency_from_code(code);
  if (!currency) return corrupt("company currency '" + code + "'");
  return currency;
}

}  // namespace

Result<std::optional<FxRateEntry>> SqliteConnectionStore::fx_rate_on(Currency currency, Date date) {
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("SELECT currency, rate_date, rate_micros FROM fx_rates "
                                            "WHERE currency = ? AND rate_date <= ? "
                                            "ORDER BY rate_date DESC LIMIT 1"));
  query->bind(1, currency.text()).bind(2, format_date(date));
  O2C_ASSIGN_OR_RETURN(bool found, query->step());
  if (!found) return std::optional<FxRateEntry>{};
  O2C_ASSIGN_OR_RETURN(FxRateEntry entry, read_fx_rate_row(*query));
  return std::optional<FxRateEntry>(entry);
}

Result<std::vector<FxRateEntry>> SqliteConnectionStore::list_fx_rates(
    std::optional<Currency> currency) {
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("SELECT currency, rate_date, rate_micros FROM fx_rates "
                                            "WHERE ?1 IS NULL OR currency = ?1 "
                                            "ORDER BY currency, rate_date"));
  if (currency) {
    query->bind(1, currency->text());
  } else {
    query->bind_null(1);
  }
  std::vector<FxRateEntry> rates;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    O2C_ASSIGN_OR_RETURN(FxRateEntry entry, read_fx_rate_row(*query));
    rates.push_back(entry);
  }
  return rates;
}

Result<std::optional<DocumentFx>> SqliteConnectionStore::find_document_fx(
    std::string_view document) {
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare("SELECT currency, amount_minor, "
                                                        "rate_micros, company_minor FROM "
                                                        "document_fx WHERE document = ?"));
  query->bind(1, document);
  O2C_ASSIGN_OR_RETURN(bool found, query->step());
  if (!found) return std::optional<DocumentFx>{};
  Result<Currency> currency = currency_from_code(query->column_text(0));
  if (!currency) return corrupt("document FX currency '" + query->column_text(0) + "'");
  O2C_ASSIGN_OR_RETURN(Currency company, company_of(*this));
  DocumentFx fx{std::string(document), Money{query->column_int(1), *currency},
                FxRate{query->column_int(2)}, Money{query->column_int(3), company}};
  if (fx.rate.micros <= 0) return corrupt("document FX rate");
  return std::optional<DocumentFx>(std::move(fx));
}

Result<std::vector<AccountTotals>> SqliteConnectionStore::company_account_totals() {
  O2C_ASSIGN_OR_RETURN(Currency company, company_of(*this));
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("SELECT account, SUM(CASE WHEN company_minor > 0 "
                                            "THEN company_minor ELSE 0 END), SUM(CASE WHEN "
                                            "company_minor < 0 THEN -company_minor ELSE 0 END) "
                                            "FROM ledger_lines GROUP BY account ORDER BY 1"));
  std::vector<AccountTotals> totals;
  while (true) {
    O2C_ASSIGN_OR_RETURN(bool row, query->step());
    if (!row) break;
    Result<Account> account = account_from_code(static_cast<int>(query->column_int(0)));
    if (!account) return corrupt("ledger account");
    totals.push_back(AccountTotals{*account, Money{query->column_int(1), company},
                                   Money{query->column_int(2), company}});
  }
  return totals;
}

Status SqliteConnectionStore::insert_fx_rate(const FxRateEntry& rate) {
  O2C_ASSERT(rate.rate.micros > 0);
  O2C_ASSIGN_OR_RETURN(auto query, connection_->prepare("INSERT INTO fx_rates(currency, "
                                                        "rate_date, rate_micros) VALUES "
                                                        "(?, ?, ?)"));
  query->bind(1, rate.currency.text()).bind(2, format_date(rate.date)).bind(3, rate.rate.micros);
  return query->run();
}

Status SqliteConnectionStore::insert_document_fx(const DocumentFx& document) {
  O2C_ASSERT(document.rate.micros > 0);
  O2C_ASSIGN_OR_RETURN(auto query,
                       connection_->prepare("INSERT INTO document_fx(document, currency, "
                                            "amount_minor, rate_micros, company_minor) VALUES "
                                            "(?, ?, ?, ?, ?)"));
  query->bind(1, document.document)
      .bind(2, document.amount.currency.text())
      .bind(3, document.amount.minor)
      .bind(4, document.rate.micros)
      .bind(5, document.company_amount.minor);
  return query->run();
}

}  // namespace o2c::sqlite
