// The seller's master data: what must be right before it is printed on every invoice.
#include <algorithm>
#include <cctype>

#include "billing/billing.h"

namespace o2c {
namespace {

bool is_upper_alpha(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_upper_alpha(c) || is_digit(c); }

std::string normalised_code(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ' ') continue;
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out;
}

Status required(const std::string& value, std::string_view field) {
  if (value.find_first_not_of(" \t") == std::string::npos)
    return invalid_argument(std::string(field) + "_required",
                            "the company's " + std::string(field) + " must not be empty",
                            "company." + std::string(field));
  return {};
}

Status bounded(const Seller& seller) {
  const std::pair<const std::string*, std::string_view> fields[] = {
      {&seller.name, "name"},   {&seller.street, "street"},
      {&seller.city, "city"},   {&seller.postal_code, "postal_code"},
      {&seller.email, "email"}, {&seller.phone, "phone"}};
  for (const auto& [value, field] : fields) {
    if (value->size() > kSellerFieldBytesMax)
      return invalid_argument("field_too_long",
                              "the company's " + std::string(field) + " is longer than " +
                                  std::to_string(kSellerFieldBytesMax) + " bytes",
                              "company." + std::string(field));
  }
  return {};
}

}  // namespace

bool iban_is_valid(std::string_view iban) {
  if (iban.size() < 15 || iban.size() > 34) return false;
  if (!is_upper_alpha(iban[0]) || !is_upper_alpha(iban[1])) return false;
  if (!is_digit(iban[2]) || !is_digit(iban[3])) return false;
  if (!std::all_of(iban.begin(), iban.end(), is_alnum)) return false;
  // Move the first four characters to the end, letters become 10..35, then mod 97 == 1.
  std::string rotated = std::string(iban.substr(4)) + std::string(iban.substr(0, 4));
  int remainder = 0;
  for (char c : rotated) {
    const int value = is_digit(c) ? c - '0' : c - 'A' + 10;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder == 1;
}

Result<Seller> checked_seller(Seller seller) {
  O2C_RETURN_IF_ERROR(required(seller.name, "name"));
  O2C_RETURN_IF_ERROR(required(seller.street, "street"));
  O2C_RETURN_IF_ERROR(required(seller.city, "city"));
  O2C_RETURN_IF_ERROR(required(seller.postal_code, "postal_code"));
  O2C_RETURN_IF_ERROR(bounded(seller));
  seller.country = normalised_code(seller.country);
  if (seller.country.size() != 2 || !is_upper_alpha(seller.country[0]) ||
      !is_upper_alpha(seller.country[1]))
    return invalid_argument("country_invalid",
                            "country '" + seller.country + "' is not an ISO 3166 two-letter code",
                            "company.country");
  seller.vat_id = normalised_code(seller.vat_id);
  const bool vat_shaped = seller.vat_id.size() >= 4 && seller.vat_id.size() <= 14 &&
                          is_upper_alpha(seller.vat_id[0]) && is_upper_alpha(seller.vat_id[1]) &&
                          std::all_of(seller.vat_id.begin(), seller.vat_id.end(), is_alnum);
  if (!vat_shaped)
    return invalid_argument("vat_id_invalid",
                            "VAT id '" + seller.vat_id +
                                "' is not a country prefix followed by 2 to 12 letters or digits",
                            "company.vat_id");
  seller.iban = normalised_code(seller.iban);
  if (!seller.iban.empty() && !iban_is_valid(seller.iban))
    return invalid_argument("iban_invalid",
                            "IBAN '" + seller.iban + "' fails the ISO 13616 mod-97 check",
                            "company.iban");
  seller.bic = normalised_code(seller.bic);
  if (!seller.bic.empty() && ((seller.bic.size() != 8 && seller.bic.size() != 11) ||
                              !std::all_of(seller.bic.begin(), seller.bic.end(), is_alnum)))
    return invalid_argument("bic_invalid", "BIC '" + seller.bic + "' is not 8 or 11 letters/digits",
                            "company.bic");
  if (!seller.email.empty() &&
      (seller.email.find('@') == std::string::npos || seller.email.find(' ') != std::string::npos))
    return invalid_argument("email_invalid", "'" + seller.email + "' is not an e-mail address",
                            "company.email");
  return seller;
}

}  // namespace o2c
