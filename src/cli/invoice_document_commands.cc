// o2c config company — the seller printed on every invoice;
// o2c invoice pdf|ubl — an invoice as PDF or UBL 2.1 e-invoice, one or all (--all) to files.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/progress.h"
#include "cli/session.h"
#include "formats/einvoice/einvoice.h"
#include "formats/pdf/pdf.h"

namespace o2c::cli {
namespace {

void add_company_command(CLI::App& config, Session& session) {
  auto seller = std::make_shared<Seller>();
  CLI::App* company =
      config.add_subcommand("company", "set the seller printed on every invoice (and e-invoice)");
  company->add_option("--name", seller->name, "legal name")->required();
  company->add_option("--street", seller->street)->required();
  company->add_option("--city", seller->city)->required();
  company->add_option("--postal-code", seller->postal_code)->required();
  company->add_option("--country", seller->country, "ISO 3166 two-letter code")->required();
  company->add_option("--vat-id", seller->vat_id, "e.g. DE123456789")->required();
  company->add_option("--iban", seller->iban, "account customers pay to (mod-97 checked)");
  company->add_option("--bic", seller->bic);
  company->add_option("--email", seller->email);
  company->add_option("--phone", seller->phone);
  company->callback([&session, seller] {
    session.action = [&session, seller]() -> Status {
      O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
      app::Context context = session.context(*store);
      Status status = app::set_company(context, *seller);
      if (!status) {
        Error error = std::move(status).error();
        // company.postal_code → --postal-code: name the option the user typed.
        if (error.where.starts_with("company.")) {
          std::string option = error.where.substr(8);
          std::replace(option.begin(), option.end(), '_', '-');
          error.where = "--" + option;
        }
        return error;
      }
      std::cout << "company set: " << seller->name << "\n";
      return {};
    };
  });
}

enum class DocumentFormat : std::uint8_t { kPdf, kUbl };

Result<std::string> render(const InvoiceDocument& document, DocumentFormat format) {
  return format == DocumentFormat::kPdf ? render_pdf(document) : render_ubl(document);
}

// Writes next to the target and renames, so a reader never sees half a file.
Status write_file(const std::filesystem::path& path, const std::string& bytes,
                  const std::string& option) {
  const std::filesystem::path partial = path.string() + ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.good())
      return unavailable("write_failed", "cannot write '" + path.string() + "'", option);
  }
  std::error_code error;
  std::filesystem::rename(partial, path, error);
  if (error)
    return unavailable("write_failed", "cannot write '" + path.string() + "': " + error.message(),
                       option);
  return {};
}

struct DocumentOptions {
  std::string number, out, dir, from, to;
  bool all = false;
};

Status write_one(Session& session, const DocumentOptions& options, DocumentFormat format) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
  O2C_ASSIGN_OR_RETURN(InvoiceDocument document,
                       app::load_invoice_document(*reader, options.number));
  O2C_ASSIGN_OR_RETURN(std::string bytes, render(document, format));
  const std::string path = options.out.empty()
                               ? options.number + (format == DocumentFormat::kPdf ? ".pdf" : ".xml")
                               : options.out;
  O2C_RETURN_IF_ERROR(write_file(path, bytes, "--out"));
  std::cout << "wrote " << path << " (" << bytes.size() << " bytes)\n";
  return {};
}

Result<std::optional<Date>> optional_date(const std::string& text, const std::string& option) {
  if (text.empty()) return std::optional<Date>();
  Result<Date> date = parse_date(text);
  if (!date) return at(std::move(date).error(), option);
  return std::optional<Date>(*date);
}

Status write_all(Session& session, const DocumentOptions& options, DocumentFormat format) {
  if (options.dir.empty())
    return invalid_argument("dir_required", "--all writes into a directory: give --dir", "--dir");
  if (!std::filesystem::is_directory(options.dir))
    return not_found("directory_not_found", "no directory '" + options.dir + "'", "--dir");
  O2C_ASSIGN_OR_RETURN(std::optional<Date> from, optional_date(options.from, "--from"));
  O2C_ASSIGN_OR_RETURN(std::optional<Date> to, optional_date(options.to, "--to"));
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, session.open());
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store->reader());
  O2C_ASSIGN_OR_RETURN(std::optional<Seller> company, app::load_company(*reader));
  if (!company)
    return failed_precondition("company_not_set",
                               "set the seller with `o2c config company …` first", "company");
  O2C_ASSIGN_OR_RETURN(std::vector<std::string> numbers, app::invoice_numbers(*reader, from, to));
  ProgressBar progress(format == DocumentFormat::kPdf ? "pdf" : "ubl");
  std::int64_t bytes_total = 0;
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    O2C_ASSIGN_OR_RETURN(InvoiceDocument document, app::load_invoice_document(*reader, numbers[i]));
    O2C_ASSIGN_OR_RETURN(std::string bytes, render(document, format));
    const std::filesystem::path path =
        std::filesystem::path(options.dir) /
        (numbers[i] + (format == DocumentFormat::kPdf ? ".pdf" : ".xml"));
    O2C_RETURN_IF_ERROR(write_file(path, bytes, "--dir"));
    bytes_total += static_cast<std::int64_t>(bytes.size());
    progress.update(static_cast<std::int64_t>(i + 1), static_cast<std::int64_t>(numbers.size()));
  }
  if (!numbers.empty()) progress.finish();
  std::cout << "wrote " << numbers.size() << " invoice" << (numbers.size() == 1 ? "" : "s")
            << " to " << options.dir << " (" << bytes_total << " bytes)\n";
  return {};
}

void add_document_command(CLI::App& invoice, Session& session, DocumentFormat format) {
  auto options = std::make_shared<DocumentOptions>();
  const bool pdf = format == DocumentFormat::kPdf;
  CLI::App* command = invoice.add_subcommand(
      pdf ? "pdf" : "ubl",
      pdf ? "an invoice as PDF" : "an invoice as UBL 2.1 e-invoice (EN 16931)");
  command->add_option("number", options->number, "INV-YYYY-NNNNNN");
  command->add_option("--out", options->out,
                      pdf ? "file (default NUMBER.pdf)" : "file (default NUMBER.xml)");
  command->add_flag("--all", options->all, "every invoice (within --from/--to) into --dir");
  command->add_option("--from", options->from, "with --all: invoices dated on or after");
  command->add_option("--to", options->to, "with --all: invoices dated on or before");
  command->add_option("--dir", options->dir, "with --all: the directory to write into");
  command->callback([&session, options, format] {
    session.action = [&session, options, format]() -> Status {
      if (options->all == !options->number.empty())
        return invalid_argument("number_or_all", "give an invoice number or --all, not both",
                                "number");
      if (!options->all &&
          (!options->dir.empty() || !options->from.empty() || !options->to.empty()))
        return invalid_argument("all_options_without_all", "--dir, --from and --to go with --all",
                                "--all");
      if (options->all && !options->out.empty())
        return invalid_argument("out_with_all", "--all writes into --dir, not --out", "--out");
      return options->all ? write_all(session, *options, format)
                          : write_one(session, *options, format);
    };
  });
}

}  // namespace

void print_tax_summary(const Invoice& invoice, BuyerTaxStatus buyer, std::ostream& out) {
  Result<std::vector<VatSubtotal>> summary = tax_summary(invoice, buyer);
  if (!summary) return;
  Table table{
      {{"VAT"}, {"rate %", Align::kRight}, {"taxable", Align::kRight}, {"tax", Align::kRight}}, {}};
  for (const VatSubtotal& subtotal : *summary)
    table.rows.push_back({std::string(vat_category_code(subtotal.category)),
                          format_percent(subtotal.rate), format_grouped(subtotal.taxable),
                          format_grouped(subtotal.tax)});
  out << "  tax summary\n";
  render(table, Format::kTable, out);
}

void add_invoice_document_commands(CLI::App& app, Session& session) {
  CLI::App* config = app.get_subcommand("config");
  CLI::App* invoice = app.get_subcommand("invoice");
  add_company_command(*config, session);
  add_document_command(*invoice, session, DocumentFormat::kPdf);
  add_document_command(*invoice, session, DocumentFormat::kUbl);
}

}  // namespace o2c::cli
