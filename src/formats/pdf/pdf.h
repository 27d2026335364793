// pdf.h — invoices, credit notes and debit notes as PDF for people (A4, libharu): the
// seller's and buyer's blocks, the title with number, date and due date, the order and
// shipment it bills, the lines (SKU, description, quantity, unit price, discount, net, VAT
// rate), the VAT summary per category and rate, the totals, the payment instructions (IBAN,
// BIC, the document number as reference) with the early-payment discount when the terms
// have one, and on a credit note the invoice it credits. Many lines run over several pages
// (the table header repeats; every page is numbered "Page i of n").
//
// Text uses the standard Helvetica fonts in WinAnsiEncoding (CP1252), so Western European
// names render as they are ("Müller GmbH", "Société Générale", "€"); other characters are
// transliterated to their base Latin letter ("Łódź" → "Lodz") or, failing that, "?".
// Pure: takes the document value and returns the PDF bytes; the caller writes the file.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "formats/invoice_document/invoice_document.h"

namespace o2c {

// The PDF bytes of `document`. Fails with check_document's errors, or internal
// pdf_failed when libharu reports an error.
Result<std::string> render_pdf(const InvoiceDocument& document);

// A plain letter (a dunning reminder): a title and lines top to bottom on A4 pages, a line
// in Courier when `monospace` (tables of invoices), long lines cut to the page's width.
struct PdfLetterLine {
  std::string text;
  bool bold = false;
  bool monospace = false;
};
struct PdfLetter {
  std::string title;
  std::vector<PdfLetterLine> lines;
};
// Fails with internal pdf_failed when libharu reports an error.
Result<std::string> render_letter_pdf(const PdfLetter& letter);

// UTF-8 text → CP1252 bytes as WinAnsiEncoding shows them; characters CP1252 lacks are
// transliterated or become '?', and so does malformed UTF-8. Exposed for its tests.
std::string to_win_ansi(std::string_view utf8);

}  // namespace o2c
