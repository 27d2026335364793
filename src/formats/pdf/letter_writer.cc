// Lays out a plain letter (PdfLetter) on A4 pages with libharu.
#include <hpdf.h>
#include <memory>

#include "core/assert.h"
#include "formats/pdf/pdf.h"

namespace o2c {
namespace {

constexpr float kPageHeight = 841.89f;  // A4 in points
constexpr float kPageWidth = 595.276f;
constexpr float kLeft = 60;
constexpr float kTop = kPageHeight - 70;
constexpr float kBottom = 60;
constexpr float kLineHeight = 13;
constexpr float kTextSize = 10;

struct HaruError {
  HPDF_STATUS code = HPDF_OK;
  HPDF_STATUS detail = 0;
};

void on_haru_error(HPDF_STATUS code, HPDF_STATUS detail, void* user_data) {
  auto* error = static_cast<HaruError*>(user_data);
  if (error->code == HPDF_OK) *error = HaruError{code, detail};
}

class LetterBuilder {
 public:
  explicit LetterBuilder(HPDF_Doc pdf) : pdf_(pdf) {
    regular_ = HPDF_GetFont(pdf_, "Helvetica", "WinAnsiEncoding");
    bold_ = HPDF_GetFont(pdf_, "Helvetica-Bold", "WinAnsiEncoding");
    mono_ = HPDF_GetFont(pdf_, "Courier", "WinAnsiEncoding");
  }

  void build(const PdfLetter& letter) {
    new_page();
    put(letter.title, bold_, 14);
    y_ -= kLineHeight;
    for (const PdfLetterLine& line : letter.lines)
      put(line.text, line.monospace ? mono_ : line.bold ? bold_ : regular_, kTextSize);
  }

 private:
  void new_page() {
    page_ = HPDF_AddPage(pdf_);
    HPDF_Page_SetSize(page_, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    y_ = kTop;
  }

  void put(const std::string& utf8, HPDF_Font font, float size) {
    if (y_ < kBottom) new_page();
    std::string text = to_win_ansi(utf8);
    HPDF_Page_SetFontAndSize(page_, font, size);
    // Cut what does not fit the line (letters are short; tables are laid out to fit).
    while (!text.empty() && HPDF_Page_TextWidth(page_, text.c_str()) > kPageWidth - 2 * kLeft)
      text.pop_back();
    HPDF_Page_BeginText(page_);
    HPDF_Page_TextOut(page_, kLeft, y_, text.c_str());
    HPDF_Page_EndText(page_);
    y_ -= size > kTextSize ? 2 * kLineHeight : kLineHeight;
  }

  HPDF_Doc pdf_;
  HPDF_Font regular_ = nullptr;
  HPDF_Font bold_ = nullptr;
  HPDF_Font mono_ = nullptr;
  HPDF_Page page_ = nullptr;
  float y_ = 0;
};

}  // namespace

Result<std::string> render_letter_pdf(const PdfLetter& letter) {
  HaruError error;
  std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, void (*)(HPDF_Doc)> pdf(
      HPDF_New(on_haru_error, &error), HPDF_Free);
  if (!pdf) return internal_error("pdf_failed", "libharu could not start a document");
  HPDF_SetCompressionMode(pdf.get(), HPDF_COMP_ALL);
  HPDF_SetInfoAttr(pdf.get(), HPDF_INFO_TITLE, to_win_ansi(letter.title).c_str());
  HPDF_SetInfoAttr(pdf.get(), HPDF_INFO_CREATOR, "o2c");
  LetterBuilder(pdf.get()).build(letter);
  if (error.code == HPDF_OK) HPDF_SaveToStream(pdf.get());
  if (error.code != HPDF_OK)
    return internal_error("pdf_failed", "libharu error " + std::to_string(error.code) +
                                            " (detail " + std::to_string(error.detail) + ")");
  std::string bytes(HPDF_GetStreamSize(pdf.get()), '\0');
  HPDF_UINT32 size = static_cast<HPDF_UINT32>(bytes.size());
  HPDF_ReadFromStream(pdf.get(), reinterpret_cast<HPDF_BYTE*>(bytes.data()), &size);
  O2C_ASSERT(size == bytes.size());
  O2C_ASSERT(bytes.starts_with("%PDF-"));
  return bytes;
}

}  // namespace o2c
