#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cashapp/cashapp.h"
#include "cashapp/match_index.h"

namespace o2c {
namespace {

using Keys = std::vector<std::string>;

struct KeyCase {
  std::string text;
  Keys keys;
};

TEST(InvoiceKeys, FindsMangledInvoiceNumbers) {
  const std::vector<KeyCase> cases = {
      {"INV-2026-000123", {"2026-123"}},
      {"2026-000123", {"2026-123"}},              // prefix missing
      {"INV 2026 000123", {"2026-123"}},          // spaces for hyphens
      {"INV2026000123", {"2026-123"}},            // separators dropped
      {"INV-2026-123", {"2026-123"}},             // leading zeros dropped
      {"2O26-OOO123", {"2026-123"}},              // OCR: O for 0
      {"lNV-2026-000l23", {"2026-123"}},          // OCR: l for 1
      {"INV-2026-OOO1S3", {"2026-153"}},          // OCR: S for 5
      {"INV-2O26-0001B3", {"2026-183"}},          // OCR: B for 8
      {"INV-2026-0001I3", {"2026-113"}},          // OCR: I for 1
      {"inv-2026-000123", {"2026-123"}},          // lower case
      {"INV - 2026 - 000123", {"2026-123"}},      // separators spaced
      {"INV-2026-000 123", {"2026-123"}},         // a space inside the sequence
      {"INV2026-000123", {"2026-123"}},           // one separator dropped
      {"Invoice no. 2026/000123", {"2026-123"}},  // slash
      {"INV_2026_000123", {"2026-123"}},          // underscores
      {"RE 2026123 thanks", {"2026-123"}},        // joined, zeros dropped
      {"Zahlung Rechnung INV-2026-000777 vom 01.12.2026", {"2026-777"}},
      {"INV-2026-000123, INV-2026-000124 and 2026-125", {"2026-123", "2026-124", "2026-125"}},
      {"INV-2026-000123 INV-2026-000123", {"2026-123"}},  // once
      {"PO 4500004380 2026-345538", {"2026-345538"}},     // after another document's number
      {"SO-2026-000001 2026-000002", {"2026-2"}},
  };
  for (const KeyCase& test_case : cases) {
    SCOPED_TRACE(test_case.text);
    EXPECT_EQ(invoice_keys_in(test_case.text), test_case.keys);
  }
}

TEST(InvoiceKeys, NoFalseKeysFromDatesAmountsAccountsOrOtherDocuments) {
  const std::vector<std::string> texts = {
      "",
      "thank you",
      "Payment 2026-11-23",
      "value 23.11.2026",
      "23/11/2026",
      "20261123",
      "EUR 2026.50",
      "EUR 1.234,56",
      "IBAN DE89 3704 0044 0532 0130 00",
      "DE89370400440532013000",
      "RF18 5390 0754 7034",
      "SO-2026-000001",
      "PO 2026-000555",
      "Order SO2026000001",
      "PAY-2026-000009",
      "INVOICES SOLD",
      "INV-2026-000000",
      "2026-12345678",
  };
  for (const std::string& text : texts) {
    SCOPED_TRACE(text);
    EXPECT_EQ(invoice_keys_in(text), Keys{});
  }
}

TEST(InvoiceKeys, KeysOfWellFormedNumbersAgreeWithTheScanner) {
  EXPECT_EQ(
      cashapp_internal::format_key(cashapp_internal::invoice_key_of_number("INV-2026-000123")),
      "2026-123");
  EXPECT_EQ(
      cashapp_internal::format_key(cashapp_internal::invoice_key_of_number("INV-2027-999999")),
      "2027-999999");
  EXPECT_EQ(cashapp_internal::invoice_key_of_number("no number"), 0U);
}

TEST(PayerNames, LegalFormsCaseAndPunctuationAreFolded) {
  using cashapp_internal::name_tokens;
  EXPECT_EQ(name_tokens("Acme Handels GmbH"), (Keys{"ACME", "HANDELS"}));
  EXPECT_EQ(name_tokens("ACME HANDELS G.m.b.H."), (Keys{"ACME", "HANDELS"}));
  EXPECT_EQ(name_tokens("Müller & Co. KG"), (Keys{"MULLER"}));
  EXPECT_EQ(name_tokens("The Brightline Company, Ltd"), (Keys{"BRIGHTLINE"}));
  EXPECT_EQ(name_tokens("Nordwind SA"), (Keys{"NORDWIND"}));
  EXPECT_EQ(name_tokens("Widgets Inc."), (Keys{"WIDGETS"}));
  EXPECT_EQ(name_tokens(""), Keys{});
  EXPECT_EQ(cashapp_internal::normalize_account("de89 3704-0044"), "DE8937040044");
  EXPECT_EQ(cashapp_internal::edit_distance("HANDELS", "HANDLES", 2), 2U);
  EXPECT_EQ(cashapp_internal::edit_distance("MULLER", "MUELLER", 1), 1U);
  EXPECT_EQ(cashapp_internal::edit_distance("ACME", "ACNE", 1), 1U);
  EXPECT_GT(cashapp_internal::edit_distance("ACME", "ZEBRA", 1), 1U);
}

}  // namespace
}  // namespace o2c
