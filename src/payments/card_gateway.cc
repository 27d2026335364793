// Card payments through a gateway: the sandbox that behaves like providers' test modes, and the
// rule that o2c never takes a card number.
#include <algorithm>
#include <cctype>

#include "core/limits.h"
#include "core/sha256.h"
#include "payments/payments.h"

namespace o2c {
namespace {

constexpr std::size_t kCardTokenBytesMax = 64;

struct SandboxCard {
  std::string_view token;
  std::string_view brand;
  std::string_view last4;
  std::string_view decline_code;  // empty: approves
  std::string_view decline_reason;
};

constexpr SandboxCard kSandboxCards[] = {
    {"tok_visa", "visa", "4242", "", ""},
    {"tok_mastercard", "mastercard", "4444", "", ""},
    {"tok_amex", "amex", "0005", "", ""},
    {"tok_chargeDeclined", "visa", "0002", "card_declined", "the card was declined by its issuer"},
    {"tok_chargeDeclinedInsufficientFunds", "visa", "9995", "insufficient_funds",
     "the card has insufficient funds"},
    {"tok_chargeDeclinedExpiredCard", "visa", "0069", "expired_card", "the card has expired"},
};
constexpr std::string_view kNetworkErrorToken = "tok_networkError";

// A short, stable reference derived from what identifies the request.
std::string derived_id(std::string_view prefix, std::string_view key) {
  return std::string(prefix) + to_hex(sha256(key)).substr(0, 24);
}

class SandboxGateway final : public CardGateway {
 public:
  std::string_view name() const override { return "sandbox"; }

  Result<ChargeOutcome> charge(const ChargeRequest& request) override {
    O2C_ASSERT(request.amount.minor > 0);
    O2C_ASSERT(!request.idempotency_key.empty());
    if (request.token == kNetworkErrorToken)
      return unavailable("gateway_unreachable",
                         "the card gateway could not be reached (network error); nothing was "
                         "charged, try again",
                         "card_token");
    const auto* card = std::find_if(std::begin(kSandboxCards), std::end(kSandboxCards),
                                    [&](const SandboxCard& c) { return c.token == request.token; });
    if (card == std::end(kSandboxCards))
      return invalid_argument("unknown_card_token",
                              "the sandbox gateway knows no card token '" + request.token + "'",
                              "card_token");
    ChargeOutcome outcome;
    outcome.approved = card->decline_code.empty();
    outcome.decline_code = card->decline_code;
    outcome.decline_reason = card->decline_reason;
    if (outcome.approved)
      outcome.card = CardDetails{"sandbox", derived_id("ch_sandbox_", request.idempotency_key),
                                 request.token, std::string(card->brand), std::string(card->last4)};
    return outcome;
  }

  Result<std::string> refund(const RefundRequest& request) override {
    O2C_ASSERT(request.amount.minor > 0);
    if (!request.charge_id.starts_with("ch_sandbox_"))
      return not_found("charge_not_found",
                       "the sandbox gateway has no charge '" + request.charge_id + "'",
                       "charge_id");
    return derived_id("re_sandbox_", request.idempotency_key);
  }
};

bool passes_luhn(std::string_view digits) {
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int digit = *it - '0';
    if (twice) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
    twice = !twice;
  }
  return sum % 10 == 0;
}

}  // namespace

std::unique_ptr<CardGateway> make_sandbox_gateway() { return std::make_unique<SandboxGateway>(); }

Result<std::unique_ptr<CardGateway>> card_gateway_named(std::string_view name) {
  if (name == "sandbox") return make_sandbox_gateway();
  return invalid_argument("unknown_card_gateway",
                          "'" + std::string(name) + "' is not a card gateway o2c knows (sandbox)",
                          "card_gateway");
}

bool looks_like_card_number(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c == ' ' || c == '-') continue;
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    digits.push_back(c);
  }
  return digits.size() >= 13 && digits.size() <= 19 && passes_luhn(digits);
}

Status check_card_token(std::string_view token, std::string_view where) {
  if (looks_like_card_number(token))
    return invalid_argument("card_number_not_allowed",
                            "that looks like a card number: o2c never takes or stores card "
                            "numbers; give the token your card gateway issued (e.g. tok_visa)",
                            std::string(where));
  const bool shaped = !token.empty() && token.size() <= kCardTokenBytesMax &&
                      std::all_of(token.begin(), token.end(), [](char c) {
                        return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
                      });
  if (!shaped)
    return invalid_argument("invalid_card_token",
                            "a card token is 1-64 letters, digits and '_' (e.g. tok_visa)",
                            std::string(where));
  return {};
}

}  // namespace o2c
