#include <pugixml.hpp>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "formats/sepa/sepa.h"

namespace o2c {
namespace {

Money eur(std::string_view text) {
  return parse_money(text, currency_from_code("EUR").value()).value();
}
Date date(std::string_view text) { return parse_date(text).value(); }

SepaDirectDebit debit(std::string id, std::string_view amount, std::string sequence,
                      std::string_view on) {
  return SepaDirectDebit{id,
                         eur(amount),
                         std::move(sequence),
                         date(on),
                         "M-" + id,
                         date("2026-01-10"),
                         "Debtor " + id,
                         "DE89370400440532013000",
                         "COBADEFFXXX",
                         "Invoice " + id};
}

SepaDirectDebitFile sample() {
  SepaDirectDebitFile file;
  file.message_id = "DD-2026-000001";
  file.created_at = start_of_day(date("2026-03-02"));
  file.creditor_name = "Acme GmbH";
  file.creditor_iban = "DE87200500001234567890";
  file.creditor_bic = "BANKDEFFXXX";
  file.creditor_id = "DE98ZZZ09999999999";
  file.debits = {
      debit("INV-1", "100.00", "RCUR", "2026-03-10"), debit("INV-2", "23.79", "FRST", "2026-03-10"),
      debit("INV-3", "0.01", "RCUR", "2026-03-10"), debit("INV-4", "50.00", "FRST", "2026-03-09")};
  return file;
}

pugi::xml_document parsed(const std::string& text) {
  pugi::xml_document xml;
  EXPECT_TRUE(xml.load_string(text.c_str()));
  return xml;
}

TEST(Pain008, GroupHeaderCountsAndControlSum) {
  Result<std::string> written = write_pain008(sample());
  ASSERT_TRUE(written.has_value()) << written.error().message;
  pugi::xml_document xml = parsed(*written);
  pugi::xml_node header = xml.child("Document").child("CstmrDrctDbtInitn").child("GrpHdr");
  EXPECT_STREQ(header.child_value("MsgId"), "DD-2026-000001");
  EXPECT_STREQ(header.child_value("NbOfTxs"), "4");
  EXPECT_STREQ(header.child_value("CtrlSum"), "173.80");
  EXPECT_STREQ(xml.child("Document").attribute("xmlns").value(),
               "urn:iso:std:iso:20022:tech:xsd:pain.008.001.02");
}

TEST(Pain008, OneXmlDeclarationFirst) {
  const std::string written = write_pain008(sample()).value();
  EXPECT_TRUE(written.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document"));
  EXPECT_EQ(written.find("<?xml", 1), std::string::npos);
}

TEST(Pain008, OneBlockPerSequenceTypeAndDate) {
  pugi::xml_document xml = parsed(write_pain008(sample()).value());
  std::string blocks;
  for (pugi::xml_node block : xml.child("Document").child("CstmrDrctDbtInitn").children("PmtInf")) {
    blocks += std::string(block.child_value("PmtInfId")) + " " +
              block.child("PmtTpInf").child_value("SeqTp") + " " +
              block.child_value("ReqdColltnDt") + " " + block.child_value("NbOfTxs") + " " +
              block.child_value("CtrlSum") + ";";
  }
  EXPECT_EQ(blocks,
            "DD-2026-000001-1 FRST 2026-03-09 1 50.00;"
            "DD-2026-000001-2 FRST 2026-03-10 1 23.79;"
            "DD-2026-000001-3 RCUR 2026-03-10 2 100.01;");
}

TEST(Pain008, TransactionCarriesMandateAndDebtor) {
  pugi::xml_document xml = parsed(write_pain008(sample()).value());
  pugi::xml_node tx = xml.select_node("//DrctDbtTxInf[PmtId/EndToEndId='INV-1']").node();
  ASSERT_TRUE(tx);
  EXPECT_STREQ(tx.child("InstdAmt").child_value(), "100.00");
  EXPECT_STREQ(tx.child("InstdAmt").attribute("Ccy").value(), "EUR");
  EXPECT_STREQ(tx.child("DrctDbtTx").child("MndtRltdInf").child_value("MndtId"), "M-INV-1");
  EXPECT_STREQ(tx.child("DrctDbtTx").child("MndtRltdInf").child_value("DtOfSgntr"), "2026-01-10");
  EXPECT_STREQ(tx.child("DbtrAcct").child("Id").child_value("IBAN"), "DE89370400440532013000");
  EXPECT_STREQ(tx.child("RmtInf").child_value("Ustrd"), "Invoice INV-1");
  pugi::xml_node block = tx.parent();
  EXPECT_STREQ(block.select_node("CdtrSchmeId/Id/PrvtId/Othr/Id").node().child_value(),
               "DE98ZZZ09999999999");
}

TEST(Pain008, LongNamesCutWithoutSplittingCharacters) {
  SepaDirectDebitFile file = sample();
  file.debits.resize(1);
  file.debits[0].debtor_name = std::string(69, 'a') + "\xC3\xA9" + "xyz";  // é across 70
  pugi::xml_document xml = parsed(write_pain008(file).value());
  EXPECT_EQ(std::string(xml.select_node("//Dbtr/Nm").node().child_value()), std::string(69, 'a'));
}

TEST(Pain008, RejectsBadInput) {
  SepaDirectDebitFile file = sample();
  file.debits.clear();
  EXPECT_EQ(write_pain008(file).error().reason, "no_debits");
  file = sample();
  file.debits[1].amount = parse_money("1.00", currency_from_code("USD").value()).value();
  Result<std::string> usd = write_pain008(file);
  EXPECT_EQ(usd.error().reason, "currency_not_eur");
  EXPECT_EQ(usd.error().where, "debits[1].amount");
  file = sample();
  file.debits[0].amount = eur("0.00");
  EXPECT_EQ(write_pain008(file).error().reason, "amount_must_be_positive");
  file = sample();
  file.debits[0].sequence_type = "OOFF";
  EXPECT_EQ(write_pain008(file).error().reason, "invalid_sequence_type");
  file = sample();
  file.debits[2].end_to_end_id = std::string(36, 'E');
  Result<std::string> long_id = write_pain008(file);
  EXPECT_EQ(long_id.error().reason, "field_too_long");
  EXPECT_EQ(long_id.error().where, "debits[2].end_to_end_id");
  file = sample();
  file.creditor_id.clear();
  EXPECT_EQ(write_pain008(file).error().reason, "field_required");
}

}  // namespace
}  // namespace o2c
