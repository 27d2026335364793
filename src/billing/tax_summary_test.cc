#include <gtest/gtest.h>

#include "billing/billing.h"

namespace o2c {
namespace {

Currency eur_currency() { return currency_from_code("EUR").value(); }
Money eur(std::string_view text) { return parse_money(text, eur_currency()).value(); }

InvoiceLine line(std::string_view net, std::string_view tax, std::int32_t rate) {
  InvoiceLine line;
  line.net = eur(net);
  line.tax = eur(tax);
  line.tax_rate = BasisPoints{rate};
  return line;
}

Invoice invoice_of(std::vector<InvoiceLine> lines) {
  Invoice invoice;
  invoice.currency = eur_currency();
  invoice.net_total = invoice.tax_total = zero(invoice.currency);
  for (InvoiceLine& item : lines) {
    invoice.net_total = add(invoice.net_total, item.net).value();
    invoice.tax_total = add(invoice.tax_total, item.tax).value();
  }
  invoice.lines = std::move(lines);
  return invoice;
}

std::string describe(const std::vector<VatSubtotal>& summary) {
  std::string out;
  for (const VatSubtotal& subtotal : summary) {
    out += std::string(vat_category_code(subtotal.category)) + " " + format_percent(subtotal.rate) +
           "% " + format_amount(subtotal.taxable) + " " + format_amount(subtotal.tax) + "\n";
  }
  return out;
}

TEST(TaxSummary, GroupsByCategoryAndRateAndAddsUpToTheInvoiceTax) {
  // Per-line rounding: 0.33 × 19 % = 0.0627 → 0.06 three times = 0.18, while the sum 0.99 ×
  // 19 % would round to 0.19. The summary keeps the lines' sum, as the invoice does.
  Invoice invoice =
      invoice_of({line("0.33", "0.06", 1900), line("10.00", "0.70", 700),
                  line("0.33", "0.06", 1900), line("5.00", "0.00", 0), line("0.33", "0.06", 1900)});
  std::vector<VatSubtotal> summary = tax_summary(invoice, BuyerTaxStatus::kTaxable).value();
  EXPECT_EQ(describe(summary),
            "S 19% 0.99 0.18\n"
            "S 7% 10.00 0.70\n"
            "Z 0% 5.00 0.00\n");
  EXPECT_EQ(invoice.tax_total, eur("0.88"));
}

TEST(TaxSummary, ZeroRateLinesOfAnExemptBuyerAreExempt) {
  Invoice invoice = invoice_of({line("100.00", "0.00", 0), line("4.95", "0.00", 0)});
  EXPECT_EQ(describe(tax_summary(invoice, BuyerTaxStatus::kExempt).value()), "E 0% 104.95 0.00\n");
  EXPECT_EQ(vat_category(invoice.lines[0], BuyerTaxStatus::kTaxable), VatCategory::kZeroRated);
}

TEST(TaxSummary, EmptyInvoiceHasNoSubtotals) {
  EXPECT_TRUE(tax_summary(invoice_of({}), BuyerTaxStatus::kTaxable).value().empty());
}

}  // namespace
}  // namespace o2c
