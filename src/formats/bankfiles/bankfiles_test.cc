#include "formats/bankfiles/bankfiles.h"

#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace o2c {
namespace {

std::string sample(const std::string& name) {
  std::ifstream in(std::string(O2C_BANKFILE_SAMPLES) + "/" + name, std::ios::binary);
  EXPECT_TRUE(in.good()) << name;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<BankStatement> parse(const std::string& name, bool check_totals = true) {
  auto statements = parse_bank_file(sample(name), name, ParseOptions{check_totals});
  EXPECT_TRUE(statements.has_value()) << name << ": " << describe(statements.error());
  return statements ? *statements : std::vector<BankStatement>{};
}

// "reason @ where"
std::string failure(std::string_view text, bool check_totals = true) {
  auto statements = parse_bank_file(text, "test", ParseOptions{check_totals});
  if (statements) return "parsed";
  return statements.error().reason + " @ " + statements.error().where;
}

std::string amount(const Money& money) { return format_money(money); }

// ---- official samples ----

TEST(Camt053, MinimalSampleReadsEntryAndPayer) {
  // The sample's closing balance is in SEK on a EUR account: only readable without checks.
  EXPECT_EQ(failure(sample("camt053.v2.minimal.xml")), "wrong_currency @ Stmt[1]/Bal[2]/Amt/@Ccy");
  const auto statements = parse("camt053.v2.minimal.xml", false);
  ASSERT_EQ(statements.size(), 1u);
  const BankStatement& statement = statements[0];
  EXPECT_EQ(statement.format, BankFileFormat::kCamt053);
  EXPECT_EQ(statement.identity,
            "camt053:CAMT053RIB000000000001/253EURNL26VAYB8060476890/NL26VAYB8060476890");
  EXPECT_EQ(statement.account, "NL26VAYB8060476890");
  EXPECT_EQ(statement.currency.text(), "EUR");
  EXPECT_EQ(amount(*statement.opening_balance), "18.15 EUR");
  EXPECT_FALSE(statement.closing_balance.has_value());
  ASSERT_EQ(statement.entries.size(), 1u);
  const StatementEntry& entry = statement.entries[0];
  EXPECT_EQ(amount(entry.amount), "8.85 EUR");
  EXPECT_EQ(entry.direction, EntryDirection::kCredit);
  EXPECT_EQ(format_date(entry.booking_date), "2014-12-31");
  EXPECT_EQ(format_date(entry.value_date), "2015-01-02");
  EXPECT_EQ(entry.payer_name, "NAME NAME");
  EXPECT_EQ(entry.payer_account, "NL56AGDH9619008421");
  EXPECT_EQ(entry.structured_reference, "4654654654654654");
  EXPECT_EQ(entry.bank_code, "544");
}

TEST(Camt053, FiveDecimalsSampleBalancesWithTrailingZeros) {
  // 18.150 + 8.850 is not the closing 27.050: the sample tests decimals, not arithmetic.
  EXPECT_EQ(failure(sample("camt053.v2.five.decimals.xml")), "balance_mismatch @ Stmt[1]/Bal");
  const auto statements = parse("camt053.v2.five.decimals.xml", false);
  ASSERT_EQ(statements.size(), 1u);
  EXPECT_EQ(amount(*statements[0].opening_balance), "18.15 EUR");
  EXPECT_EQ(amount(*statements[0].closing_balance), "27.05 EUR");
  EXPECT_EQ(amount(statements[0].entries[0].amount), "8.85 EUR");
  EXPECT_EQ(statements[0].entries[0].remittance, "Transaction Description");
  EXPECT_EQ(statements[0].entries[0].end_to_end_id, "000000001");
  EXPECT_EQ(format_date(statements[0].statement_date), "2014-12-31");
}

TEST(Camt053, MultiStatementSampleGivesBoth) {
  const auto statements = parse("camt053.v2.multi.statement.xml");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_NE(statements[0].identity, statements[1].identity);
  EXPECT_EQ(amount(*statements[1].opening_balance), "27.00 EUR");
  EXPECT_EQ(amount(*statements[1].closing_balance), "20.00 EUR");
  EXPECT_EQ(statements[1].entries[0].direction, EntryDirection::kDebit);
  EXPECT_EQ(amount(statements[1].entries[0].amount), "7.00 EUR");
}

TEST(Camt053, AllBalanceTypesSample) {
  // Opening 1.01 + 8.85 is not the closing 4.04: the sample only lists balance types.
  EXPECT_EQ(failure(sample("camt053.v2.all-balance-types.xml")), "balance_mismatch @ Stmt[1]/Bal");
  const auto statements = parse("camt053.v2.all-balance-types.xml", false);
  ASSERT_EQ(statements.size(), 1u);
  EXPECT_EQ(statements[0].account, "CH2801234000123456789");
  EXPECT_EQ(statements[0].currency.text(), "EUR");  // from the entry: the account has no Ccy
  EXPECT_EQ(amount(*statements[0].opening_balance), "1.01 EUR");
  EXPECT_EQ(amount(*statements[0].closing_balance), "4.04 EUR");
}

TEST(Camt053, WithPartyIdsSample) {
  const auto statements = parse("camt053.v2.with-party-ids.xml", false);
  ASSERT_EQ(statements.size(), 1u);
  EXPECT_EQ(amount(statements[0].entries[0].amount), "8.85 EUR");
  EXPECT_EQ(statements[0].entries[0].payer_account, "NL56AGDH9619008421");
}

TEST(Camt053, Version8Sample) {
  const auto statements = parse("camt053.v8.xml", false);
  ASSERT_EQ(statements.size(), 1u);
  EXPECT_EQ(statements[0].account, "NL26VAYB8060476890");
  EXPECT_EQ(statements[0].entries[0].reference, "AAAASESS-FP-CN_98765/01");
  EXPECT_EQ(amount(statements[0].entries[0].amount), "8.85 EUR");
}

TEST(Camt054, Version2SampleJoinsRemittance) {
  const auto statements = parse("camt054.v2.xml");
  ASSERT_EQ(statements.size(), 1u);
  const BankStatement& statement = statements[0];
  EXPECT_EQ(statement.format, BankFileFormat::kCamt054);
  EXPECT_EQ(statement.currency.text(), "SEK");
  const StatementEntry& entry = statement.entries[0];
  EXPECT_EQ(entry.direction, EntryDirection::kDebit);
  EXPECT_EQ(amount(entry.amount), "200000.00 SEK");
  EXPECT_EQ(entry.reference, "AAAASESS-FP-ACCR001");
  EXPECT_EQ(entry.payer_name, "MUELLER");
  EXPECT_EQ(entry.end_to_end_id, "MUELL/FINP/RA12345");
  EXPECT_EQ(entry.bank_code, "PMNT/ICDT/DMCT");
  EXPECT_EQ(entry.remittance,
            "Unstructured Remittance Information V1 Unstructured Remittance Information V3 "
            "block 1 Unstructured Remittance Information V3 block 2");
  EXPECT_EQ(entry.structured_reference,
            "ISR ref number V1 ISR ref number V2 Ref number V3 block 1 Ref number V3 block 2");
  EXPECT_EQ(format_date(entry.booking_date), "2007-10-18");
}

TEST(Camt054, Version8Sample) {
  const auto statements = parse("camt054.v8.xml");
  ASSERT_EQ(statements.size(), 1u);
  EXPECT_EQ(statements[0].account, "CH2801234000123456789");
  EXPECT_EQ(statements[0].entries[0].reference, "ACSR160617103200001");
}

TEST(Bai2, Sample1TwoDaysOfOneAccount) {
  const auto statements = parse("bai2-sample1.txt");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0].currency.text(), "CAD");
  EXPECT_EQ(statements[0].account, "10200123456");
  EXPECT_EQ(statements[0].entries.size(), 11u);
  EXPECT_EQ(statements[1].entries.size(), 6u);
  EXPECT_NE(statements[0].identity, statements[1].identity);
  const StatementEntry& first = statements[0].entries[0];
  EXPECT_EQ(amount(first.amount), "25.00 CAD");
  EXPECT_EQ(first.direction, EntryDirection::kDebit);  // 409
  EXPECT_EQ(first.remittance, "RETURNED CHEQUE");
  EXPECT_EQ(format_date(first.value_date), "2006-03-16");
  EXPECT_EQ(statements[0].entries[3].direction, EntryDirection::kCredit);  // 108
  EXPECT_EQ(amount(statements[0].entries[3].amount), "2035.00 CAD");
}

TEST(Bai2, Sample2FundsTypesAndContinuations) {
  const auto statements = parse("bai2-sample2.txt");
  ASSERT_EQ(statements.size(), 5u);
  EXPECT_EQ(statements[0].currency.text(), "USD");
  EXPECT_EQ(amount(*statements[0].opening_balance), "43500.00 USD");
  EXPECT_EQ(amount(*statements[1].opening_balance), "-5000.00 USD");
  const StatementEntry& credit = statements[2].entries[0];
  EXPECT_EQ(credit.reference, "SP4738");
  EXPECT_EQ(credit.structured_reference, "YRC065321");
  EXPECT_EQ(credit.remittance, "PROCEEDS OF LETTER OF CREDIT FROM THE ARAMCO OIL CO");
  EXPECT_EQ(format_date(credit.value_date), "2004-06-22");
  EXPECT_EQ(amount(credit.amount), "200000.00 USD");
  EXPECT_EQ(statements[1].entries[0].remittance, "LOCK BOX NO.68751");
}

TEST(Bai2, Sample4KeyedAddenda) {
  // The sample's trailers do not add up (it tests continuations only).
  EXPECT_EQ(failure(sample("bai2-sample4-continuations-newline-delimited.txt")),
            "control_total_mismatch @ line 22");
  const auto statements = parse("bai2-sample4-continuations-newline-delimited.txt", false);
  ASSERT_EQ(statements.size(), 5u);
  const StatementEntry& entry = statements[1].entries[0];
  EXPECT_EQ(entry.end_to_end_id, "1111");
  EXPECT_EQ(entry.payer_name, "TEST INC");
  EXPECT_EQ(entry.reference, "SPB2322984714570");
  EXPECT_EQ(amount(entry.amount), "600.00 USD");
  const StatementEntry& wire = statements[2].entries[4];
  EXPECT_EQ(wire.direction, EntryDirection::kCredit);  // 195 incoming wire
  EXPECT_EQ(wire.payer_account, "8348572423");
}

// ---- bad input ----

const char* kCamt = R"(<?xml version="1.0"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-03-02T10:00:00</CreDtTm></GrpHdr>
<Stmt><Id>S1</Id><CreDtTm>2026-03-02T10:00:00</CreDtTm>
<Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>
<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></Bal>
<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">CLOSING</Amt><CdtDbtInd>CRDT</CdtDbtInd></Bal>
<Ntry><Amt Ccy="EUR">50.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-03-02</Dt></BookgDt></Ntry>
<Ntry><Amt Ccy="ENTRYCCY">ENTRY</Amt><CdtDbtInd>DIRECTION</CdtDbtInd><BookgDt><Dt>BOOKED</Dt></BookgDt></Ntry>
</Stmt></BkToCstmrStmt></Document>
)";

std::string camt(std::string closing = "140.00", std::string entry_currency = "EUR",
                 std::string entry = "10.00", std::string direction = "DBIT",
                 std::string booked = "2026-03-02") {
  std::string text = kCamt;
  auto put = [&](const std::string& key, const std::string& value) {
    text.replace(text.find(key), key.size(), value);
  };
  put("CLOSING", closing);
  put("ENTRYCCY", entry_currency);
  put("ENTRY<", entry + "<");
  put("DIRECTION", direction);
  put("BOOKED", booked);
  return text;
}

TEST(BankFileErrors, GoodBaseFileParses) { EXPECT_EQ(failure(camt()), "parsed"); }

TEST(BankFileErrors, MalformedXmlNamesTheLine) {
  std::string text = camt();
  text.replace(text.find("</Acct>"), 7, "</Acc>");
  EXPECT_EQ(failure(text), "malformed_xml @ line 5");
}

TEST(BankFileErrors, WrongEntryCurrency) {
  EXPECT_EQ(failure(camt("140.00", "USD")), "wrong_currency @ Stmt[1]/Ntry[2]/Amt/@Ccy");
}

TEST(BankFileErrors, UnknownCurrency) {
  EXPECT_EQ(failure(camt("140.00", "EUX")), "unknown_currency @ Stmt[1]/Ntry[2]/Amt/@Ccy");
}

TEST(BankFileErrors, TooManyDecimals) {
  EXPECT_EQ(failure(camt("140.00", "EUR", "10.001")), "invalid_amount @ Stmt[1]/Ntry[2]/Amt");
}

TEST(BankFileErrors, AmountNotANumber) {
  EXPECT_EQ(failure(camt("140.00", "EUR", "1O.00")), "invalid_amount @ Stmt[1]/Ntry[2]/Amt");
}

TEST(BankFileErrors, NegativeAmount) {
  EXPECT_EQ(failure(camt("140.00", "EUR", "-10.00")), "invalid_amount @ Stmt[1]/Ntry[2]/Amt");
}

TEST(BankFileErrors, BadDirection) {
  EXPECT_EQ(failure(camt("140.00", "EUR", "10.00", "CRED")),
            "invalid_direction @ Stmt[1]/Ntry[2]/CdtDbtInd");
}

TEST(BankFileErrors, BadDate) {
  EXPECT_EQ(failure(camt("140.00", "EUR", "10.00", "DBIT", "2026-02-30")),
            "invalid_date @ Stmt[1]/Ntry[2]/BookgDt/Dt");
}

TEST(BankFileErrors, BalancesDoNotAddUp) {
  EXPECT_EQ(failure(camt("150.00")), "balance_mismatch @ Stmt[1]/Bal");
  EXPECT_EQ(failure(camt("150.00"), false), "parsed");
}

TEST(BankFileErrors, MissingMessageId) {
  std::string text = camt();
  text.replace(text.find("<MsgId>M1</MsgId>"), 17, "");
  EXPECT_EQ(failure(text), "missing_element @ GrpHdr/MsgId");
}

TEST(BankFileErrors, MissingAccount) {
  std::string text = camt();
  text.replace(text.find("<IBAN>"), 34, "");
  EXPECT_EQ(failure(text), "missing_element @ Stmt[1]/Acct/Id");
}

TEST(BankFileErrors, UnknownFormat) {
  EXPECT_EQ(failure("hello"), "unknown_format @ line 1");
  EXPECT_EQ(failure(""), "empty_file @ line 1");
}

const char* kBai2 =
    "01,BANK,ME,260302,0800,F1,,,2/\n"
    "02,ME,BANK,1,260302,,EUR,2/\n"
    "03,ACC1,EUR,010,100000,,,015,150000,,/\n"
    "16,175,50000,0,REF1,CUST1,INV-2026-000001/\n"
    "88,MORE TEXT/\n"
    "49,300000,4/\n"
    "98,300000,1,6/\n"
    "99,300000,1,8/\n";

std::string bai2(const std::string& from, const std::string& to) {
  std::string text = kBai2;
  text.replace(text.find(from), from.size(), to);
  return text;
}

TEST(Bai2Errors, GoodBaseFileParses) {
  auto statements = parse_bai2(kBai2);
  ASSERT_TRUE(statements.has_value()) << describe(statements.error());
  const StatementEntry& entry = (*statements)[0].entries[0];
  EXPECT_EQ(amount(entry.amount), "500.00 EUR");
  EXPECT_EQ(entry.remittance, "INV-2026-000001 MORE TEXT");
  EXPECT_EQ(entry.reference, "REF1");
  EXPECT_EQ((*statements)[0].identity, "bai2:BANK/F1/2603020800/1/ACC1");
}

TEST(Bai2Errors, AccountControlTotal) {
  auto statements = parse_bai2(bai2("49,300000,4/", "49,290000,4/"));
  ASSERT_FALSE(statements.has_value());
  EXPECT_EQ(statements.error().where, "line 6");
  EXPECT_EQ(statements.error().message,
            "account control total 2900.00 but its records sum to 3000.00");
}

TEST(Bai2Errors, RecordCounts) {
  EXPECT_EQ(failure(bai2("49,300000,4/", "49,300000,5/")), "record_count_mismatch @ line 6");
  EXPECT_EQ(failure(bai2("98,300000,1,6/", "98,300000,1,7/")), "record_count_mismatch @ line 7");
  EXPECT_EQ(failure(bai2("98,300000,1,6/", "98,300000,2,6/")), "record_count_mismatch @ line 7");
  EXPECT_EQ(failure(bai2("99,300000,1,8/", "99,300000,1,9/")), "record_count_mismatch @ line 8");
}

TEST(Bai2Errors, GroupAndFileTotals) {
  EXPECT_EQ(failure(bai2("98,300000,1,6/", "98,300001,1,6/")), "control_total_mismatch @ line 7");
  EXPECT_EQ(failure(bai2("99,300000,1,8/", "99,3000.00,1,8/")), "invalid_amount @ line 8");
}

TEST(Bai2Errors, UnknownRecordAndMissingTrailers) {
  EXPECT_EQ(failure(bai2("88,MORE TEXT/", "77,MORE TEXT/")), "unknown_record @ line 5");
  EXPECT_EQ(failure(bai2("99,300000,1,8/\n", "")), "missing_trailer @ line 1");
  EXPECT_EQ(failure(bai2("49,300000,4/\n", "")), "missing_trailer @ line 3");
}

TEST(Bai2Errors, DecimalPointInAmount) {
  EXPECT_EQ(failure(bai2("16,175,50000,", "16,175,500.00,")), "invalid_amount @ line 4");
}

TEST(Bai2Errors, DetailOutsideAnAccount) {
  EXPECT_EQ(failure(bai2("03,ACC1,EUR,010,100000,,,015,150000,,/\n", "")),
            "malformed_bai2 @ line 3");
}

}  // namespace
}  // namespace o2c
