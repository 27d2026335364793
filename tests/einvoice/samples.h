// samples.h — realistic invoice documents for the validator test and the benchmarks, built
// the way o2c builds them: an o2c Invoice (billing.h) of a Customer, mapped by
// app::invoice_document. Each sample exercises one thing EN 16931 is strict about.
#pragma once

#include <string>
#include <vector>

#include "app/app.h"

namespace o2c::samples {

struct Sample {
  std::string name;  // file stem: "discounts_and_rates"
  InvoiceDocument document;
};

Seller sample_seller();
// An invoice of `lines` lines (cycling through 19 %, 7 %, discounted, shipping) for a
// customer in `currency`.
Invoice sample_invoice(int lines, std::string_view currency, int number);
Customer sample_customer(std::string_view currency);

// discounts and several rates, zero rated, exempt buyer, foreign currency (USD, with the VAT
// also in EUR), JPY, credit note, debit note, early-payment discount, 120 lines.
std::vector<Sample> all_samples();

}  // namespace o2c::samples
