// The tax summary of an invoice per VAT category and rate (EN 16931 BG-23).
#include <algorithm>

#include "billing/billing.h"

namespace o2c {

std::string_view vat_category_code(VatCategory category) {
  switch (category) {
    case VatCategory::kStandard:
      return "S";
    case VatCategory::kZeroRated:
      return "Z";
    case VatCategory::kExempt:
      return "E";
  }
  O2C_ASSERT(false && "unknown VAT category");
  return "";
}

VatCategory vat_category(const InvoiceLine& line, BuyerTaxStatus buyer) {
  if (line.tax_rate.value > 0) return VatCategory::kStandard;
  return buyer == BuyerTaxStatus::kExempt ? VatCategory::kExempt : VatCategory::kZeroRated;
}

Result<std::vector<VatSubtotal>> tax_summary(const Invoice& invoice, BuyerTaxStatus buyer) {
  std::vector<VatSubtotal> summary;
  for (const InvoiceLine& line : invoice.lines) {
    const VatCategory category = vat_category(line, buyer);
    auto found = std::find_if(summary.begin(), summary.end(), [&](const VatSubtotal& subtotal) {
      return subtotal.category == category && subtotal.rate == line.tax_rate;
    });
    if (found == summary.end()) {
      summary.push_back({category, line.tax_rate, zero(invoice.currency), zero(invoice.currency)});
      found = summary.end() - 1;
    }
    O2C_ASSIGN_OR_RETURN(found->taxable, add(found->taxable, line.net));
    O2C_ASSIGN_OR_RETURN(found->tax, add(found->tax, line.tax));
  }
  std::sort(summary.begin(), summary.end(), [](const VatSubtotal& a, const VatSubtotal& b) {
    if (a.category != b.category) return a.category < b.category;
    return a.rate > b.rate;
  });
  Money tax = zero(invoice.currency);
  for (const VatSubtotal& subtotal : summary) {
    O2C_ASSIGN_OR_RETURN(tax, add(tax, subtotal.tax));
  }
  // Per-line rounding: the categories' tax is the document's tax, to the cent (BR-CO-14).
  O2C_ASSERT(invoice.lines.empty() || tax == invoice.tax_total);
  return summary;
}

}  // namespace o2c
