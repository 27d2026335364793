// Writes every sample document as UBL (NAME.xml) and PDF (NAME.pdf) into a directory, for
// the validator and pdftotext checks (tests/einvoice/validate_samples.sh).
#include <fstream>
#include <iostream>

#include "formats/einvoice/einvoice.h"
#include "formats/pdf/pdf.h"
#include "samples.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: write_einvoice_samples DIR\n";
    return 2;
  }
  const std::string dir = argv[1];
  for (const o2c::samples::Sample& sample : o2c::samples::all_samples()) {
    o2c::Result<std::string> xml = o2c::render_ubl(sample.document);
    o2c::Result<std::string> pdf = o2c::render_pdf(sample.document);
    if (!xml || !pdf) {
      std::cerr << sample.name << ": " << o2c::describe(xml ? pdf.error() : xml.error()) << "\n";
      return 1;
    }
    std::ofstream(dir + "/" + sample.name + ".xml", std::ios::binary) << *xml;
    std::ofstream(dir + "/" + sample.name + ".pdf", std::ios::binary) << *pdf;
    std::cout << sample.name << "\n";
  }
  return 0;
}
