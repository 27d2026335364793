// The seller's master data on a real SQLite store, and the mapping of an o2c invoice to the
// document the UBL and PDF writers render.
#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "app/app.h"
#include "core/clock.h"

namespace o2c::app {
namespace {

Currency eur_currency() { return currency_from_code("EUR").value(); }
Money eur(std::string_view text) { return parse_money(text, eur_currency()).value(); }

Seller seller() {
  return Seller{"Nordwind GmbH", "Hafenstraße 1",          "Hamburg", "20457", "DE",
                "DE123456789",   "DE89370400440532013000", "",        "",      ""};
}

class CompanyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() / "o2c-app-company-test.db").string();
    remove_files();
    auto store = create_database(path_, "EUR");
    ASSERT_TRUE(store.has_value()) << describe(store.error());
    store_ = std::move(*store);
    context_ = std::make_unique<Context>(Context{*store_, clock_, "test"});
  }
  void TearDown() override {
    context_.reset();
    store_.reset();
    remove_files();
  }
  void remove_files() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }
  std::optional<Seller> stored() {
    auto reader = store_->reader();
    return load_company(**reader).value();
  }
  std::int64_t journal_entries() {
    auto reader = store_->reader();
    return (*reader)->cycle_counts().value().journal_entries;
  }

  std::string path_;
  SettableClock clock_{Date{std::chrono::year{2026}, std::chrono::month{3}, std::chrono::day{2}}};
  std::unique_ptr<Store> store_;
  std::unique_ptr<Context> context_;
};

TEST_F(CompanyTest, IsStoredJournaledAndLoaded) {
  EXPECT_FALSE(stored().has_value());
  const std::int64_t before = journal_entries();
  Seller company = seller();
  company.iban = "de89 3704 0044 0532 0130 00";
  ASSERT_TRUE(set_company(*context_, company).has_value());
  std::optional<Seller> loaded = stored();
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->name, "Nordwind GmbH");
  EXPECT_EQ(loaded->iban, "DE89370400440532013000");
  EXPECT_EQ(loaded->vat_id, "DE123456789");
  EXPECT_EQ(journal_entries(), before + 1);
}

TEST_F(CompanyTest, BadInputStoresNothing) {
  const std::int64_t before = journal_entries();
  Seller company = seller();
  company.iban = "DE00370400440532013000";
  Status status = set_company(*context_, company);
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().reason, "iban_invalid");
  EXPECT_EQ(status.error().where, "company.iban");
  EXPECT_FALSE(stored().has_value());
  EXPECT_EQ(journal_entries(), before);
}

TEST_F(CompanyTest, DocumentNeedsTheCompanyFirst) {
  auto reader = store_->reader();
  Result<InvoiceDocument> document = load_invoice_document(**reader, "INV-2026-000001");
  ASSERT_FALSE(document);
  EXPECT_EQ(document.error().reason, "company_not_set");
  ASSERT_TRUE(set_company(*context_, seller()).has_value());
  auto again = store_->reader();
  document = load_invoice_document(**again, "INV-2026-000001");
  ASSERT_FALSE(document);
  EXPECT_EQ(document.error().reason, "invoice_not_found");
}

Invoice invoice() {
  Invoice invoice;
  invoice.number = "INV-2026-000003";
  invoice.customer = CustomerId{4};
  invoice.order_number = "SO-2026-000002";
  invoice.shipment_number = "SH-2026-000002";
  invoice.invoice_date = parse_date("2026-03-02").value();
  invoice.due_date = parse_date("2026-04-01").value();
  invoice.currency = eur_currency();
  const OrderId order{2};
  // 59.97 less 10 %
  InvoiceLine discounted{1,          order,    "SO-2026-000002", 1,
                         "W-100",    "Widget", units(3),         eur("19.99"),
                         "standard", {1900},   eur("53.97"),     eur("10.25")};
  InvoiceLine reduced{2,        order,        "SO-2026-000002", 2,     "B-7",        "Book",
                      units(1), eur("12.00"), "reduced",        {700}, eur("12.00"), eur("0.84")};
  InvoiceLine shipping{
      3,           order,      "SO-2026-000002", 0,          std::string(kShippingSku),
      "Shipping",  units(1),   eur("4.95"),      "shipping", {1900},
      eur("4.95"), eur("0.94")};
  invoice.lines = {discounted, reduced, shipping};
  invoice.net_total = eur("70.92");
  invoice.tax_total = eur("12.03");
  invoice.gross_total = eur("82.95");
  invoice.paid = invoice.credited = invoice.discount_taken = invoice.written_off = eur("0.00");
  return invoice;
}

Customer customer() {
  Customer customer;
  customer.id = CustomerId{4};
  customer.number = "C-0004";
  customer.name = "Müller GmbH";
  customer.currency = eur_currency();
  customer.terms = parse_payment_terms("NET30").value();
  customer.billing_address = {"Königsallee 5", "Düsseldorf", "40212", "DE", ""};
  customer.email = "ap@mueller.example";
  return customer;
}

TEST(InvoiceDocument, MapsLinesDiscountsAndTaxSummary) {
  InvoiceDocument document = invoice_document(invoice(), customer(), seller()).value();
  EXPECT_EQ(document.type, DocumentType::kInvoice);
  EXPECT_FALSE(document.billing_reference.has_value());
  EXPECT_EQ(document.buyer.name, "Müller GmbH");
  EXPECT_EQ(document.buyer.street, "Königsallee 5");
  EXPECT_EQ(document.buyer_reference, "C-0004");
  EXPECT_EQ(document.order_reference, "SO-2026-000002");
  EXPECT_EQ(document.despatch_reference, "SH-2026-000002");
  ASSERT_EQ(document.lines.size(), 3u);
  EXPECT_EQ(document.lines[0].discount, eur("6.00"));
  EXPECT_EQ(document.lines[0].net, eur("53.97"));
  EXPECT_EQ(document.lines[0].order_line, "1");
  EXPECT_EQ(document.lines[1].discount, eur("0.00"));
  EXPECT_EQ(document.lines[2].order_line, "");
  ASSERT_EQ(document.vat.size(), 2u);
  EXPECT_EQ(document.vat[0].category, 'S');
  EXPECT_EQ(document.vat[0].rate, BasisPoints{1900});
  EXPECT_EQ(document.vat[0].taxable, eur("58.92"));
  EXPECT_EQ(document.vat[0].tax, eur("11.19"));
  EXPECT_EQ(document.vat[1].rate, BasisPoints{700});
  EXPECT_EQ(document.vat[1].tax, eur("0.84"));
  EXPECT_EQ(document.payment_terms, "Payable within 30 days net.");
  ASSERT_TRUE(document.payee_account.has_value());
  EXPECT_EQ(document.payee_account->iban, "DE89370400440532013000");
  EXPECT_EQ(document.payment_reference, "INV-2026-000003");
  EXPECT_TRUE(check_document(document).has_value());
}

TEST(InvoiceDocument, ExemptCustomerGetsCategoryEWithReason) {
  Invoice exempt = invoice();
  for (InvoiceLine& line : exempt.lines) {
    line.tax_rate = BasisPoints{0};
    line.tax = eur("0.00");
  }
  exempt.tax_total = eur("0.00");
  exempt.gross_total = exempt.net_total;
  Customer buyer = customer();
  buyer.tax_exempt = true;
  InvoiceDocument document = invoice_document(exempt, buyer, seller()).value();
  ASSERT_EQ(document.vat.size(), 1u);
  EXPECT_EQ(document.vat[0].category, 'E');
  EXPECT_EQ(document.vat[0].taxable, eur("70.92"));
  EXPECT_FALSE(document.vat[0].exemption_reason.empty());
  EXPECT_EQ(document.lines[0].vat_category, 'E');
  buyer.tax_exempt = false;
  EXPECT_EQ(invoice_document(exempt, buyer, seller()).value().vat[0].category, 'Z');
}

TEST(InvoiceDocument, NoIbanNoCreditTransfer) {
  Seller company = seller();
  company.iban.clear();
  EXPECT_FALSE(invoice_document(invoice(), customer(), company).value().payee_account);
}

TEST(EarlyPaymentDiscount, IsARateOfTheGrossRoundedHalfEven) {
  EarlyPaymentDiscount early = early_payment_discount(invoice(), {200}, 10).value();
  EXPECT_EQ(early.amount, eur("1.66"));  // 82.95 × 2 % = 1.659
  EXPECT_EQ(format_date(early.pay_by), "2026-03-12");
}

}  // namespace
}  // namespace o2c::app
