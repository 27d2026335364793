#include <algorithm>
#include <map>
#include <pugixml.hpp>
#include <tuple>

#include "formats/sepa/sepa.h"

namespace o2c {
namespace {

constexpr std::size_t kIdentifierBytesMax = 35;
constexpr std::size_t kNameBytesMax = 70;
constexpr std::size_t kRemittanceBytesMax = 140;
constexpr std::string_view kNamespace = "urn:iso:std:iso:20022:tech:xsd:pain.008.001.02";

// Cuts UTF-8 text to at most `bytes` bytes without splitting a character.
std::string cut(std::string_view text, std::size_t bytes) {
  if (text.size() <= bytes) return std::string(text);
  std::size_t end = bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end));
}

Status check_identifier(std::string_view value, const std::string& where) {
  if (value.empty()) return invalid_argument("field_required", where + " is required", where);
  if (value.size() > kIdentifierBytesMax)
    return invalid_argument("field_too_long",
                            where + " '" + std::string(value) + "' is longer than 35 characters",
                            where);
  return {};
}

Status check_debit(const SepaDirectDebit& debit, std::size_t index) {
  const std::string at = "debits[" + std::to_string(index) + "].";
  if (debit.amount.currency.text() != "EUR")
    return invalid_argument(
        "currency_not_eur",
        "SEPA direct debits are in EUR, not " + std::string(debit.amount.currency.text()),
        at + "amount");
  if (debit.amount.minor <= 0)
    return invalid_argument("amount_must_be_positive",
                            "a direct debit of " + format_money(debit.amount) + " is not positive",
                            at + "amount");
  if (debit.sequence_type != "FRST" && debit.sequence_type != "RCUR")
    return invalid_argument("invalid_sequence_type",
                            "sequence type '" + debit.sequence_type + "' is not FRST or RCUR",
                            at + "sequence_type");
  O2C_RETURN_IF_ERROR(check_identifier(debit.end_to_end_id, at + "end_to_end_id"));
  O2C_RETURN_IF_ERROR(check_identifier(debit.mandate_id, at + "mandate_id"));
  O2C_RETURN_IF_ERROR(check_identifier(debit.debtor_iban, at + "debtor_iban"));
  O2C_RETURN_IF_ERROR(check_identifier(debit.debtor_bic, at + "debtor_bic"));
  if (debit.debtor_name.empty())
    return invalid_argument("field_required", at + "debtor_name is required", at + "debtor_name");
  return {};
}

Status check_file(const SepaDirectDebitFile& file) {
  if (file.debits.empty())
    return invalid_argument("no_debits", "a direct debit file needs at least one debit", "debits");
  O2C_RETURN_IF_ERROR(check_identifier(file.message_id, "message_id"));
  O2C_RETURN_IF_ERROR(check_identifier(file.creditor_iban, "creditor_iban"));
  O2C_RETURN_IF_ERROR(check_identifier(file.creditor_bic, "creditor_bic"));
  O2C_RETURN_IF_ERROR(check_identifier(file.creditor_id, "creditor_id"));
  if (file.creditor_name.empty())
    return invalid_argument("field_required", "creditor_name is required", "creditor_name");
  for (std::size_t i = 0; i < file.debits.size(); ++i)
    O2C_RETURN_IF_ERROR(check_debit(file.debits[i], i));
  return {};
}

pugi::xml_node text(pugi::xml_node parent, const char* name, std::string_view value) {
  pugi::xml_node node = parent.append_child(name);
  node.text().set(std::string(value).c_str());
  return node;
}

// Sum of the amounts (checked: the file's control sum must not overflow).
Result<Money> control_sum(const std::vector<const SepaDirectDebit*>& debits) {
  O2C_ASSERT(!debits.empty());
  Money sum = zero(debits.front()->amount.currency);
  for (const SepaDirectDebit* debit : debits) {
    O2C_ASSIGN_OR_RETURN(sum, add(sum, debit->amount));
  }
  return sum;
}

void account(pugi::xml_node parent, const char* name, std::string_view iban) {
  text(parent.append_child(name).append_child("Id"), "IBAN", iban);
}

void agent(pugi::xml_node parent, const char* name, std::string_view bic) {
  text(parent.append_child(name).append_child("FinInstnId"), "BIC", bic);
}

void creditor_scheme(pugi::xml_node parent, std::string_view creditor_id) {
  pugi::xml_node other = parent.append_child("CdtrSchmeId")
                             .append_child("Id")
                             .append_child("PrvtId")
                             .append_child("Othr");
  text(other, "Id", creditor_id);
  text(other.append_child("SchmeNm"), "Prtry", "SEPA");
}

void transaction(pugi::xml_node block, const SepaDirectDebit& debit) {
  pugi::xml_node tx = block.append_child("DrctDbtTxInf");
  text(tx.append_child("PmtId"), "EndToEndId", debit.end_to_end_id);
  text(tx, "InstdAmt", format_amount(debit.amount)).append_attribute("Ccy") = "EUR";
  pugi::xml_node mandate = tx.append_child("DrctDbtTx").append_child("MndtRltdInf");
  text(mandate, "MndtId", debit.mandate_id);
  text(mandate, "DtOfSgntr", format_date(debit.mandate_signed_on));
  agent(tx, "DbtrAgt", debit.debtor_bic);
  text(tx.append_child("Dbtr"), "Nm", cut(debit.debtor_name, kNameBytesMax));
  account(tx, "DbtrAcct", debit.debtor_iban);
  if (!debit.remittance.empty())
    text(tx.append_child("RmtInf"), "Ustrd", cut(debit.remittance, kRemittanceBytesMax));
}

struct StringWriter : pugi::xml_writer {
  std::string out;
  void write(const void* data, std::size_t size) override {
    out.append(static_cast<const char*>(data), size);
  }
};

using BlockKey = std::tuple<std::int64_t, int>;  // collection day, FRST (0) before RCUR (1)

}  // namespace

Result<std::string> write_pain008(const SepaDirectDebitFile& file) {
  O2C_RETURN_IF_ERROR(check_file(file));
  std::map<BlockKey, std::vector<const SepaDirectDebit*>> blocks;
  std::vector<const SepaDirectDebit*> all;
  for (const SepaDirectDebit& debit : file.debits) {
    blocks[{to_day_number(debit.collection_date), debit.sequence_type == "FRST" ? 0 : 1}].push_back(
        &debit);
    all.push_back(&debit);
  }
  O2C_ASSIGN_OR_RETURN(Money total, control_sum(all));

  pugi::xml_document xml;
  pugi::xml_node document = xml.append_child("Document");
  document.append_attribute("xmlns") = std::string(kNamespace).c_str();
  pugi::xml_node initiation = document.append_child("CstmrDrctDbtInitn");
  pugi::xml_node header = initiation.append_child("GrpHdr");
  text(header, "MsgId", file.message_id);
  text(header, "CreDtTm", format_timestamp(file.created_at));
  text(header, "NbOfTxs", std::to_string(all.size()));
  text(header, "CtrlSum", format_amount(total));
  text(header.append_child("InitgPty"), "Nm", cut(file.creditor_name, kNameBytesMax));

  std::size_t index = 0;
  for (const auto& [key, debits] : blocks) {
    O2C_ASSIGN_OR_RETURN(Money sum, control_sum(debits));
    pugi::xml_node block = initiation.append_child("PmtInf");
    text(block, "PmtInfId", cut(file.message_id, 30) + "-" + std::to_string(++index));
    text(block, "PmtMtd", "DD");
    text(block, "NbOfTxs", std::to_string(debits.size()));
    text(block, "CtrlSum", format_amount(sum));
    pugi::xml_node type = block.append_child("PmtTpInf");
    text(type.append_child("SvcLvl"), "Cd", "SEPA");
    text(type.append_child("LclInstrm"), "Cd", "CORE");
    text(type, "SeqTp", debits.front()->sequence_type);
    text(block, "ReqdColltnDt", format_date(debits.front()->collection_date));
    text(block.append_child("Cdtr"), "Nm", cut(file.creditor_name, kNameBytesMax));
    account(block, "CdtrAcct", file.creditor_iban);
    agent(block, "CdtrAgt", file.creditor_bic);
    text(block, "ChrgBr", "SLEV");
    creditor_scheme(block, file.creditor_id);
    for (const SepaDirectDebit* debit : debits) transaction(block, *debit);
  }
  O2C_ASSERT(index == blocks.size());
  StringWriter writer;
  xml.save(writer, "  ", pugi::format_default | pugi::format_no_declaration, pugi::encoding_utf8);
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + writer.out;
}

}  // namespace o2c
