// Lays out an InvoiceDocument on A4 pages with libharu.
#include <hpdf.h>
#include <memory>
#include <vector>

#include "formats/pdf/pdf.h"

namespace o2c {
namespace {

constexpr float kPageWidth = 595.276f;  // A4 in points
constexpr float kPageHeight = 841.89f;
constexpr float kLeft = 50;
constexpr float kRight = kPageWidth - 50;
constexpr float kRowHeight = 14;
constexpr float kTableBottom = 90;  // rows stop here; the footer lives below

// Table columns: x of the left edge (text) or right edge (numbers).
struct Column {
  const char* title;
  float x;
  bool right_aligned;
};
constexpr Column kColumns[] = {
    {"Pos", kLeft, false}, {"SKU", kLeft + 26, false}, {"Description", kLeft + 96, false},
    {"Qty", 325, true},    {"Unit price", 385, true},  {"Discount", 440, true},
    {"Net", 505, true},    {"VAT", kRight, true}};
constexpr float kDescriptionWidth = 325 - 30 - (kLeft + 96);

struct HaruError {
  HPDF_STATUS code = HPDF_OK;
  HPDF_STATUS detail = 0;
};

void on_haru_error(HPDF_STATUS code, HPDF_STATUS detail, void* user_data) {
  auto* error = static_cast<HaruError*>(user_data);
  if (error->code == HPDF_OK) *error = HaruError{code, detail};
}

class PdfBuilder {
 public:
  PdfBuilder(const InvoiceDocument& document, HPDF_Doc pdf)
      : document_(document), pdf_(pdf), credit_(document.type == DocumentType::kCreditNote) {
    regular_ = HPDF_GetFont(pdf_, "Helvetica", "WinAnsiEncoding");
    bold_ = HPDF_GetFont(pdf_, "Helvetica-Bold", "WinAnsiEncoding");
  }

  void build();

 private:
  void new_page();
  void put(float x, float y, std::string_view utf8, HPDF_Font font, float size,
           bool right_aligned = false);
  void rule(float y, float from = kLeft, float to = kRight, float width = 0.5f);
  void letterhead();
  void addresses();
  void title_block();
  void table_header();
  void line_row(const DocumentLine& line, std::size_t index);
  void ensure_room(float height);
  void totals();
  void vat_summary();
  void payment();
  void footers();
  std::string fitted(std::string_view utf8, float width, float size);

  const InvoiceDocument& document_;
  HPDF_Doc pdf_;
  bool credit_;
  HPDF_Font regular_ = nullptr;
  HPDF_Font bold_ = nullptr;
  HPDF_Page page_ = nullptr;
  std::vector<HPDF_Page> pages_;
  float y_ = 0;
};

void PdfBuilder::put(float x, float y, std::string_view utf8, HPDF_Font font, float size,
                     bool right_aligned) {
  const std::string text = to_win_ansi(utf8);
  HPDF_Page_SetFontAndSize(page_, font, size);
  if (right_aligned) x -= HPDF_Page_TextWidth(page_, text.c_str());
  HPDF_Page_BeginText(page_);
  HPDF_Page_TextOut(page_, x, y, text.c_str());
  HPDF_Page_EndText(page_);
}

void PdfBuilder::rule(float y, float from, float to, float width) {
  HPDF_Page_SetLineWidth(page_, width);
  HPDF_Page_MoveTo(page_, from, y);
  HPDF_Page_LineTo(page_, to, y);
  HPDF_Page_Stroke(page_);
}

std::string PdfBuilder::fitted(std::string_view utf8, float width, float size) {
  std::string text(utf8);
  HPDF_Page_SetFontAndSize(page_, regular_, size);
  if (HPDF_Page_TextWidth(page_, to_win_ansi(text).c_str()) <= width) return text;
  while (!text.empty()) {
    // Drop one UTF-8 character: its continuation bytes, then its lead byte.
    while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80)
      text.pop_back();
    if (!text.empty()) text.pop_back();
    if (HPDF_Page_TextWidth(page_, (to_win_ansi(text) + "\x85").c_str()) <= width) break;
  }
  return text + "\u2026";
}

void PdfBuilder::new_page() {
  page_ = HPDF_AddPage(pdf_);
  HPDF_Page_SetSize(page_, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
  pages_.push_back(page_);
  if (pages_.size() == 1) return;
  // A continuation page: a short heading, then the table header again.
  put(kLeft, kPageHeight - 50, document_.seller.name, bold_, 10);
  put(kRight, kPageHeight - 50,
      std::string(document_title(document_.type)) + " " + document_.number + " (continued)",
      regular_, 9, true);
  rule(kPageHeight - 58);
  y_ = kPageHeight - 80;
  table_header();
}

void PdfBuilder::letterhead() {
  const DocumentParty& seller = document_.seller;
  put(kLeft, kPageHeight - 60, seller.name, bold_, 16);
  put(kLeft, kPageHeight - 76,
      seller.street + ", " + seller.postal_code + " " + seller.city + ", " + seller.country,
      regular_, 9);
  std::string contact;
  if (!seller.phone.empty()) contact += "Phone " + seller.phone;
  if (!seller.email.empty()) contact += (contact.empty() ? "" : "  \u00b7  ") + seller.email;
  if (!contact.empty()) put(kLeft, kPageHeight - 88, contact, regular_, 9);
  put(kRight, kPageHeight - 60, document_title(document_.type), bold_, 20, true);
}

void PdfBuilder::addresses() {
  const DocumentParty& seller = document_.seller;
  const DocumentParty& buyer = document_.buyer;
  float y = kPageHeight - 150;
  put(kLeft, y + 14,
      seller.name + " \u00b7 " + seller.street + " \u00b7 " + seller.postal_code + " " +
          seller.city,
      regular_, 7);
  rule(y + 10, kLeft, kLeft + 240, 0.3f);
  put(kLeft, y, buyer.name, bold_, 11);
  if (!buyer.street.empty()) put(kLeft, y -= 14, buyer.street, regular_, 10);
  put(kLeft, y -= 14, buyer.postal_code + " " + buyer.city, regular_, 10);
  put(kLeft, y -= 14, buyer.country, regular_, 10);
  if (!buyer.vat_id.empty()) put(kLeft, y -= 14, "VAT id " + buyer.vat_id, regular_, 9);
  y_ = y;
}

void PdfBuilder::title_block() {
  const std::pair<std::string, std::string> facts[] = {
      {"Number", document_.number},
      {"Date", format_date(document_.issue_date)},
      {credit_ ? "Refund by" : "Due date", format_date(document_.due_date)},
      {"Customer", document_.buyer.id},
      {"Order", document_.order_reference},
      {"Shipment", document_.despatch_reference},
  };
  float y = kPageHeight - 136;
  for (const auto& [label, value] : facts) {
    if (value.empty()) continue;
    put(380, y, label, regular_, 9);
    put(kRight, y, value, label == "Number" ? bold_ : regular_, 9, true);
    y -= 13;
  }
  y_ = std::min(y_, y) - 24;
  const std::string heading =
      document_.billing_reference
          ? std::string(credit_ ? "Credit note for invoice " : "Debit note for invoice ") +
                *document_.billing_reference
          : std::string(document_title(document_.type)) + " " + document_.number;
  put(kLeft, y_, heading, bold_, 13);
  y_ -= 16;
  if (!document_.note.empty()) put(kLeft, y_, document_.note, regular_, 9);
  y_ -= 18;
}

void PdfBuilder::table_header() {
  HPDF_Page_SetRGBFill(page_, 0.90f, 0.92f, 0.95f);
  HPDF_Page_Rectangle(page_, kLeft - 4, y_ - 4, kRight - kLeft + 8, kRowHeight + 2);
  HPDF_Page_Fill(page_);
  HPDF_Page_SetRGBFill(page_, 0, 0, 0);
  for (const Column& column : kColumns)
    put(column.x, y_, column.title, bold_, 8.5f, column.right_aligned);
  y_ -= kRowHeight + 4;
}

void PdfBuilder::ensure_room(float height) {
  if (y_ - height >= kTableBottom) return;
  put(kRight, kTableBottom - 12, "continued on the next page", regular_, 8, true);
  new_page();
}

void PdfBuilder::line_row(const DocumentLine& line, std::size_t index) {
  ensure_room(kRowHeight);
  if (index % 2 == 1) {
    HPDF_Page_SetRGBFill(page_, 0.97f, 0.97f, 0.97f);
    HPDF_Page_Rectangle(page_, kLeft - 4, y_ - 4, kRight - kLeft + 8, kRowHeight);
    HPDF_Page_Fill(page_);
    HPDF_Page_SetRGBFill(page_, 0, 0, 0);
  }
  const std::string cells[] = {line.id,
                               fitted(line.sku, 66, 8.5f),
                               fitted(line.name, kDescriptionWidth, 8.5f),
                               format_quantity(line.quantity),
                               format_grouped(line.unit_price),
                               line.discount.minor > 0 ? format_grouped(line.discount) : "",
                               format_grouped(line.net),
                               format_percent(line.vat_rate) + " %"};
  for (std::size_t i = 0; i < std::size(kColumns); ++i)
    put(kColumns[i].x, y_, cells[i], regular_, 8.5f, kColumns[i].right_aligned);
  y_ -= kRowHeight;
}

void PdfBuilder::totals() {
  const std::string currency(document_.currency.text());
  ensure_room(40 + 13.0f * static_cast<float>(document_.vat.size()));
  rule(y_ + 8);
  y_ -= 8;
  put(360, y_, "Net total", regular_, 9.5f);
  put(kRight, y_, format_grouped(document_.net_total) + " " + currency, regular_, 9.5f, true);
  for (const VatBreakdown& subtotal : document_.vat) {
    y_ -= 13;
    put(360, y_, "VAT " + format_percent(subtotal.rate) + " % (" + subtotal.category + ")",
        regular_, 9.5f);
    put(kRight, y_, format_grouped(subtotal.tax) + " " + currency, regular_, 9.5f, true);
  }
  y_ -= 6;
  rule(y_, 360);
  y_ -= 14;
  put(360, y_, credit_ ? "Total credited" : "Total due", bold_, 11);
  put(kRight, y_, format_grouped(document_.gross_total) + " " + currency, bold_, 11, true);
  y_ -= 26;
}

void PdfBuilder::vat_summary() {
  ensure_room(32 + 12.0f * static_cast<float>(document_.vat.size()));
  put(kLeft, y_, "VAT summary", bold_, 9.5f);
  y_ -= 13;
  const char* titles[] = {"Category", "Rate", "Taxable amount", "VAT"};
  const float xs[] = {kLeft, 180, 290, 380};
  for (int i = 0; i < 4; ++i) put(xs[i], y_, titles[i], bold_, 8.5f, i >= 1);
  for (const VatBreakdown& subtotal : document_.vat) {
    y_ -= 12;
    std::string category(1, subtotal.category);
    if (subtotal.category == 'E') category += " \u2013 exempt: " + subtotal.exemption_reason;
    if (subtotal.category == 'Z') category += " \u2013 zero rated";
    if (subtotal.category == 'S') category += " \u2013 standard";
    put(xs[0], y_, fitted(category, 110, 8.5f), regular_, 8.5f);
    put(xs[1], y_, format_percent(subtotal.rate) + " %", regular_, 8.5f, true);
    put(xs[2], y_, format_grouped(subtotal.taxable), regular_, 8.5f, true);
    put(xs[3], y_, format_grouped(subtotal.tax), regular_, 8.5f, true);
  }
  y_ -= 24;
}

void PdfBuilder::payment() {
  const std::string currency(document_.currency.text());
  ensure_room(80);
  put(kLeft, y_, credit_ ? "Settlement" : "Payment", bold_, 9.5f);
  y_ -= 13;
  if (credit_) {
    put(kLeft, y_,
        "We credit you " + format_grouped(document_.gross_total) + " " + currency +
            "; it is set off against open invoices or refunded.",
        regular_, 9);
    y_ -= 12;
  } else if (document_.payee_account) {
    const PaymentAccount& account = *document_.payee_account;
    put(kLeft, y_,
        "Please transfer " + format_grouped(document_.gross_total) + " " + currency + " by " +
            format_date(document_.due_date) + " to:",
        regular_, 9);
    const std::pair<std::string, std::string> rows[] = {{"Account holder", account.holder},
                                                        {"IBAN", account.iban},
                                                        {"BIC", account.bic},
                                                        {"Reference", document_.payment_reference}};
    for (const auto& [label, value] : rows) {
      if (value.empty()) continue;
      y_ -= 12;
      put(kLeft + 10, y_, label, regular_, 9);
      put(kLeft + 90, y_, value, label == "IBAN" || label == "Reference" ? bold_ : regular_, 9);
    }
    y_ -= 12;
  }
  if (!document_.payment_terms.empty()) {
    put(kLeft, y_, document_.payment_terms, regular_, 9);
    y_ -= 12;
  }
  if (document_.early_payment && !credit_) {
    const EarlyPaymentDiscount& early = *document_.early_payment;
    Result<Money> reduced = subtract(document_.gross_total, early.amount);
    put(kLeft, y_,
        "Early payment discount: " + format_percent(early.rate) + " % (" +
            format_grouped(early.amount) + " " + currency + ") if paid by " +
            format_date(early.pay_by) +
            (reduced ? ": pay " + format_grouped(*reduced) + " " + currency : std::string()) + ".",
        regular_, 9);
    y_ -= 12;
  }
  if (document_.tax_currency) {
    const Money tax = document_.tax_currency->tax_total;
    put(kLeft, y_,
        "VAT in " + std::string(tax.currency.text()) + ": " + format_grouped(tax) + " " +
            std::string(tax.currency.text()),
        regular_, 9);
  }
}

void PdfBuilder::footers() {
  const DocumentParty& seller = document_.seller;
  std::string legal = seller.name;
  if (!seller.vat_id.empty()) legal += "  \u00b7  VAT id " + seller.vat_id;
  if (document_.payee_account) {
    legal += "  \u00b7  IBAN " + document_.payee_account->iban;
    if (!document_.payee_account->bic.empty())
      legal += "  \u00b7  BIC " + document_.payee_account->bic;
  }
  const std::string total = std::to_string(pages_.size());
  for (std::size_t i = 0; i < pages_.size(); ++i) {
    page_ = pages_[i];
    HPDF_Page_SetGrayStroke(page_, 0.6f);
    rule(58, kLeft, kRight, 0.3f);
    put(kLeft, 46, legal, regular_, 7);
    put(kRight, 46, "Page " + std::to_string(i + 1) + " of " + total, regular_, 7, true);
  }
}

void PdfBuilder::build() {
  new_page();
  letterhead();
  addresses();
  title_block();
  table_header();
  for (std::size_t i = 0; i < document_.lines.size(); ++i) line_row(document_.lines[i], i);
  totals();
  vat_summary();
  payment();
  footers();
}

}  // namespace

Result<std::string> render_pdf(const InvoiceDocument& document) {
  O2C_RETURN_IF_ERROR(check_document(document));
  HaruError error;
  std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, void (*)(HPDF_Doc)> pdf(
      HPDF_New(on_haru_error, &error), HPDF_Free);
  if (!pdf) return internal_error("pdf_failed", "libharu could not start a document");
  HPDF_SetCompressionMode(pdf.get(), HPDF_COMP_ALL);
  HPDF_SetInfoAttr(
      pdf.get(), HPDF_INFO_TITLE,
      to_win_ansi(std::string(document_title(document.type)) + " " + document.number).c_str());
  HPDF_SetInfoAttr(pdf.get(), HPDF_INFO_CREATOR, "o2c");
  PdfBuilder(document, pdf.get()).build();
  if (error.code == HPDF_OK) HPDF_SaveToStream(pdf.get());
  if (error.code != HPDF_OK)
    return internal_error("pdf_failed",
                          "libharu error " + std::to_string(error.code) + " (detail " +
                              std::to_string(error.detail) + ")",
                          document.number);
  std::string bytes(HPDF_GetStreamSize(pdf.get()), '\0');
  HPDF_UINT32 size = static_cast<HPDF_UINT32>(bytes.size());
  HPDF_ReadFromStream(pdf.get(), reinterpret_cast<HPDF_BYTE*>(bytes.data()), &size);
  O2C_ASSERT(size == bytes.size());
  O2C_ASSERT(bytes.starts_with("%PDF-"));
  return bytes;
}

}  // namespace o2c
