// Invoice documents per second, single core: a realistic 5-line invoice (two rates, discounted
// lines) mapped from o2c's Invoice (app::invoice_document) and rendered as UBL 2.1 or PDF.
// Targets: UBL >= 5,000 invoices/s, PDF >= 500 invoices/s (bench/README.md).
#include <benchmark/benchmark.h>

#include "formats/einvoice/einvoice.h"
#include "formats/pdf/pdf.h"
#include "samples.h"

namespace {

struct Fixture {
  o2c::Invoice invoice = o2c::samples::sample_invoice(5, "EUR", 1);
  o2c::Customer customer = o2c::samples::sample_customer("EUR");
  o2c::Seller seller = o2c::samples::sample_seller();
};

template <typename Render>
void run(benchmark::State& state, Render render) {
  const Fixture fixture;
  std::size_t bytes = 0;
  for (auto _ : state) {
    o2c::Result<o2c::InvoiceDocument> document =
        o2c::app::invoice_document(fixture.invoice, fixture.customer, fixture.seller);
    o2c::Result<std::string> rendered = render(*document);
    if (!rendered) state.SkipWithError(o2c::describe(rendered.error()).c_str());
    bytes += rendered->size();
    benchmark::DoNotOptimize(rendered);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["bytes_per_invoice"] =
      static_cast<double>(bytes) / static_cast<double>(state.iterations());
}

void BM_UblInvoice5Lines(benchmark::State& state) { run(state, o2c::render_ubl); }
void BM_PdfInvoice5Lines(benchmark::State& state) { run(state, o2c::render_pdf); }
BENCHMARK(BM_UblInvoice5Lines);
BENCHMARK(BM_PdfInvoice5Lines);

}  // namespace

BENCHMARK_MAIN();
