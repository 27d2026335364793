#include <gtest/gtest.h>

#include "billing/billing.h"

namespace o2c {
namespace {

Seller good_seller() {
  return Seller{"Nordwind GmbH",
                "Hafenstraße 1",
                "Hamburg",
                "20457",
                "de",
                "DE 123456789",
                "de89 3704 0044 0532 0130 00",
                "cobadeffxxx",
                "billing@nordwind.example",
                "+49 40 123456"};
}

TEST(Iban, AcceptsValidAndRejectsBadCheckDigits) {
  EXPECT_TRUE(iban_is_valid("DE89370400440532013000"));
  EXPECT_TRUE(iban_is_valid("GB82WEST12345698765432"));
  EXPECT_FALSE(iban_is_valid("DE88370400440532013000"));       // check digits off by one
  EXPECT_FALSE(iban_is_valid("DE8937040044053201300"));        // a digit missing
  EXPECT_FALSE(iban_is_valid("DE89 3704 0044 0532 0130 00"));  // spaces: normalise first
  EXPECT_FALSE(iban_is_valid(""));
  EXPECT_FALSE(iban_is_valid("1289370400440532013000"));
}

TEST(CheckedSeller, NormalisesCodes) {
  Result<Seller> seller = checked_seller(good_seller());
  ASSERT_TRUE(seller) << describe(seller.error());
  EXPECT_EQ(seller->country, "DE");
  EXPECT_EQ(seller->vat_id, "DE123456789");
  EXPECT_EQ(seller->iban, "DE89370400440532013000");
  EXPECT_EQ(seller->bic, "COBADEFFXXX");
}

TEST(CheckedSeller, RejectsBadFieldsNamingThem) {
  struct Case {
    void (*spoil)(Seller&);
    const char* reason;
    const char* where;
  };
  const Case cases[] = {
      {[](Seller& s) { s.name = " "; }, "name_required", "company.name"},
      {[](Seller& s) { s.street = ""; }, "street_required", "company.street"},
      {[](Seller& s) { s.city = ""; }, "city_required", "company.city"},
      {[](Seller& s) { s.postal_code = ""; }, "postal_code_required", "company.postal_code"},
      {[](Seller& s) { s.country = "DEU"; }, "country_invalid", "company.country"},
      {[](Seller& s) { s.country = "D1"; }, "country_invalid", "company.country"},
      {[](Seller& s) { s.vat_id = "123456789"; }, "vat_id_invalid", "company.vat_id"},
      {[](Seller& s) { s.vat_id = ""; }, "vat_id_invalid", "company.vat_id"},
      {[](Seller& s) { s.iban = "DE88370400440532013000"; }, "iban_invalid", "company.iban"},
      {[](Seller& s) { s.iban = "hello"; }, "iban_invalid", "company.iban"},
      {[](Seller& s) { s.bic = "COBADE"; }, "bic_invalid", "company.bic"},
      {[](Seller& s) { s.email = "nobody"; }, "email_invalid", "company.email"},
      {[](Seller& s) { s.name = std::string(201, 'x'); }, "field_too_long", "company.name"},
  };
  for (const Case& c : cases) {
    Seller seller = good_seller();
    c.spoil(seller);
    Result<Seller> checked = checked_seller(seller);
    ASSERT_FALSE(checked) << c.reason;
    EXPECT_EQ(checked.error().reason, c.reason);
    EXPECT_EQ(checked.error().where, c.where);
    EXPECT_EQ(checked.error().kind, ErrorKind::kInvalidArgument);
  }
}

TEST(CheckedSeller, BankDetailsAreOptional) {
  Seller seller = good_seller();
  seller.iban = seller.bic = seller.email = seller.phone = "";
  EXPECT_TRUE(checked_seller(seller));
}

}  // namespace
}  // namespace o2c
