// SEPA Core direct debit rules: the creditor, mandates and sequence types (EPC rulebook;
// creditor identifier EPC262-08; IBAN ISO 13616 via billing's iban_is_valid).
#include <algorithm>
#include <cctype>

#include "billing/billing.h"
#include "core/wire_names.h"
#include "payments/payments.h"

namespace o2c {
namespace {

constexpr std::string_view kMandateStatusNames[] = {"", "active", "revoked"};
constexpr std::string_view kSequenceNames[] = {"", "FRST", "RCUR"};
constexpr std::size_t kSepaIdBytesMax = 35;
constexpr std::size_t kCreditorNameBytesMax = 70;  // pain.008 Max70Text

std::string normalised(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ' ') continue;
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out;
}

bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

bool bic_is_valid(std::string_view bic) {
  return (bic.size() == 8 || bic.size() == 11) && std::all_of(bic.begin(), bic.end(), is_alnum);
}

// The SEPA character set of identifiers (EPC217-08 "Latin characters").
bool is_sepa_id(std::string_view text) {
  constexpr std::string_view kExtra = "/-?:().,'+ ";
  return !text.empty() && text.size() <= kSepaIdBytesMax &&
         std::all_of(text.begin(), text.end(), [&](char c) {
           return is_alnum(c) || kExtra.find(c) != std::string_view::npos;
         });
}

// ISO 7064 mod 97-10 of digits and letters (A = 10 … Z = 35).
int mod97(std::string_view text) {
  int remainder = 0;
  for (char c : text) {
    const int value = std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : c - 'A' + 10;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder;
}

Error field_error(std::string reason, std::string message, std::string_view where) {
  return invalid_argument(std::move(reason), std::move(message), std::string(where));
}

Status check_account(const std::string& iban, const std::string& bic, std::string_view prefix) {
  if (!iban_is_valid(iban))
    return field_error("iban_invalid", "IBAN '" + iban + "' fails the ISO 13616 mod-97 check",
                       std::string(prefix) + "iban");
  if (!bic_is_valid(bic))
    return field_error("bic_invalid", "BIC '" + bic + "' is not 8 or 11 letters/digits",
                       std::string(prefix) + "bic");
  return {};
}

}  // namespace

bool creditor_id_is_valid(std::string_view creditor_id) {
  if (creditor_id.size() < 8 || creditor_id.size() > kSepaIdBytesMax) return false;
  if (!std::all_of(creditor_id.begin(), creditor_id.end(), [](char c) {
        return std::isupper(static_cast<unsigned char>(c)) ||
               std::isdigit(static_cast<unsigned char>(c));
      }))
    return false;
  const std::string_view country = creditor_id.substr(0, 2);
  const std::string_view check = creditor_id.substr(2, 2);
  if (!std::isupper(static_cast<unsigned char>(country[0])) ||
      !std::isupper(static_cast<unsigned char>(country[1])) ||
      !std::isdigit(static_cast<unsigned char>(check[0])) ||
      !std::isdigit(static_cast<unsigned char>(check[1])))
    return false;
  // The business code (positions 5-7) takes no part in the check.
  const std::string checked = std::string(creditor_id.substr(7)) + std::string(country) + "00";
  const int expected = 98 - mod97(checked);
  return expected == (check[0] - '0') * 10 + (check[1] - '0');
}

Result<Creditor> checked_creditor(Creditor creditor) {
  if (creditor.name.empty() || creditor.name.size() > kCreditorNameBytesMax)
    return field_error("name_required", "the creditor needs a name (1-70 characters)",
                       "creditor.name");
  creditor.iban = normalised(creditor.iban);
  creditor.bic = normalised(creditor.bic);
  creditor.creditor_id = normalised(creditor.creditor_id);
  O2C_RETURN_IF_ERROR(check_account(creditor.iban, creditor.bic, "creditor."));
  if (!creditor_id_is_valid(creditor.creditor_id))
    return field_error("creditor_id_invalid",
                       "creditor identifier '" + creditor.creditor_id +
                           "' fails the SEPA check (country, two check digits mod 97, business "
                           "code, national identifier; e.g. DE98ZZZ09999999999)",
                       "creditor.creditor_id");
  return creditor;
}

std::string_view wire_name(MandateStatus status) { return name_in(kMandateStatusNames, status); }

Result<Mandate> checked_mandate(Mandate mandate, Date today) {
  if (!is_sepa_id(mandate.mandate_id))
    return field_error("mandate_id_invalid",
                       "mandate id '" + mandate.mandate_id +
                           "' is not 1-35 SEPA characters (letters, digits, / - ? : ( ) . , ' + "
                           "space)",
                       "mandate_id");
  mandate.iban = normalised(mandate.iban);
  mandate.bic = normalised(mandate.bic);
  O2C_RETURN_IF_ERROR(check_account(mandate.iban, mandate.bic, ""));
  if (mandate.signed_on > today)
    return field_error("signed_in_future",
                       "a mandate signed on " + format_date(mandate.signed_on) +
                           " is later than today (" + format_date(today) + ")",
                       "signed");
  return mandate;
}

std::string_view wire_name(SequenceType type) { return name_in(kSequenceNames, type); }

SequenceType next_sequence_type(const Mandate& mandate) {
  O2C_ASSERT(mandate.collections >= 0);
  return mandate.collections == 0 ? SequenceType::kFirst : SequenceType::kRecurring;
}

}  // namespace o2c
