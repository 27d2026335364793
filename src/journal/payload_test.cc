// The payload writer must give byte for byte the canonical JSON the journal has always
// stored (sorted keys, no spaces), so nlohmann::json — a full JSON library — is the oracle.
#include "journal/payload.h"

#include <stdexcept>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace o2c {
namespace {

TEST(EventPayloadTest, KeysAreSortedBytewiseWithNoSpaces) {
  const EventPayload payload{{"state", "open"}, {"net", "100.00 EUR"}, {"Zeta", 1}, {"lines", 3}};
  EXPECT_EQ(payload.canonical(), R"({"Zeta":1,"lines":3,"net":"100.00 EUR","state":"open"})");
}

TEST(EventPayloadTest, MatchesAJsonLibraryWithSortedKeys) {
  const std::string awkward = "quote \" backslash \\ tab \t newline \n bell \x07 del \x7f é €";
  const EventPayload payload{
      {"customer", "C-0001"},
      {"reason", awkward},
      {"count", -42},
      {"lines", std::vector<EventPayload>{{{"sku", "W-1"}, {"line", 1}}, {{"sku", "G-2"}}}},
      {"empty", std::vector<EventPayload>{}},
      {"prices", std::vector<std::string>{"19.99 EUR", "21.50 USD"}}};
  const nlohmann::json expected = {{"customer", "C-0001"},
                                   {"reason", awkward},
                                   {"count", -42},
                                   {"lines", {{{"sku", "W-1"}, {"line", 1}}, {{"sku", "G-2"}}}},
                                   {"empty", nlohmann::json::array()},
                                   {"prices", {"19.99 EUR", "21.50 USD"}}};
  EXPECT_EQ(payload.canonical(), expected.dump());
}

TEST(EventPayloadTest, EmptyPayloadIsAnEmptyObject) { EXPECT_EQ(EventPayload{}.canonical(), "{}"); }

TEST(EventPayloadTest, SetReplacesAnExistingKey) {
  EventPayload payload{{"state", "open"}};
  payload.set("state", "on_credit_hold").set("credit_limit", "500.00 EUR");
  EXPECT_EQ(payload.canonical(), R"({"credit_limit":"500.00 EUR","state":"on_credit_hold"})");
}

TEST(EventPayloadTest, InvalidUtf8IsRefusedNamingTheByte) {
  for (const char* bad : {"ab\xff", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82"}) {
    try {
      PayloadValue value{bad};
      ADD_FAILURE() << "accepted " << value.json();
    } catch (const std::invalid_argument& refused) {
      EXPECT_NE(std::string(refused.what()).find("not valid UTF-8 at byte"), std::string::npos);
    }
  }
  EXPECT_EQ(PayloadValue("\xf0\x9f\x92\xb6").json(), "\"\xf0\x9f\x92\xb6\"");
}

}  // namespace
}  // namespace o2c
