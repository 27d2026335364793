// statement_generator.h — realistic incoming payments for measuring cash application: a seeded
// (pure, deterministic) workload of customers with names and bank accounts, open items, and
// statement lines that pay them with the noise a B2B receivables team sees, together with the
// truth of what each line pays. `score_matches` compares the engine's results with the truth.
//
// The default noise mix (NoiseMix{}), per 1,000 statement lines:
//   555 exact reference        the invoice number as printed, from a known account
//   130 mangled reference      OCR confusions (O/0, I/l/1, S/5, B/8), prefix missing,
//                              separators dropped, added or spaced, leading zeros dropped,
//                              lower case
//    90 no reference           a known account, generic text, exactly the open amount
//    50 bundle with numbers    2–6 invoices of one customer, all numbers named (some mangled)
//    30 bundle without numbers 2–6 invoices, no numbers, exactly their sum
//    40 partial payment        20–80 % of one named invoice; a third come as two payments for
//                              the same invoice
//    40 short payment          bank charges (0.50–25.00, within 2 % and 50.00) deducted
//    30 discount taken         the 2 % early-payment discount within its window (one in five
//                              without a reference)
//    15 unknown account        a known customer paying from a new account, reference named
//    10 payer name variant     no account, the name as a bank mangles it, no reference, the
//                              exact amount (only the name identifies the payer: review)
//    10 unknown payer          not a customer (refunds, misdirected payments): nothing to apply
// Every line also carries background noise: payer names in upper case, truncated, without
// the legal form or with a typo; accounts with or without spaces; remittance text with dates,
// amounts, customer and order numbers around the reference. Five in a hundred customers are
// billed in USD, the rest in EUR; one item in five offers a 2 % discount for 10 days.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "cashapp/cashapp.h"

namespace o2c {

enum class NoiseKind : std::uint8_t {
  kExactReference,
  kMangledReference,
  kNoReference,
  kBundleWithNumbers,
  kBundleWithoutNumbers,
  kPartialPayment,
  kShortPayment,
  kDiscountTaken,
  kUnknownAccount,
  kNameVariant,
  kUnknownPayer,
};
inline constexpr std::size_t kNoiseKinds = 11;
std::string_view wire_name(NoiseKind kind);

// Lines per 1,000 of each kind, in NoiseKind order (need not sum to 1,000: they are weights).
struct NoiseMix {
  std::array<int, kNoiseKinds> weights = {555, 130, 90, 50, 30, 40, 40, 30, 15, 10, 10};
};

struct StatementWorkloadOptions {
  std::size_t lines = 100'000;
  std::size_t open_items = 1'000'000;
  std::size_t items_per_customer = 20;  // on average; some customers have many more
  std::uint64_t seed = 1;
  NoiseMix mix;
};

struct ExpectedApplication {
  InvoiceId invoice;
  Money amount;
  Money discount;
};

struct PaymentTruth {
  NoiseKind kind = NoiseKind::kExactReference;
  CustomerId customer;  // 0: not a customer
  std::vector<ExpectedApplication> applications;
};

struct StatementWorkload {
  std::vector<OpenItem> items;
  std::vector<PayerProfile> payers;
  std::vector<IncomingPayment> payments;
  std::vector<PaymentTruth> truth;  // one per payment
};

// Deterministic for a seed. Fewer lines are generated than asked when the open items run out
// (each item is paid by at most one line, or by two part payments).
StatementWorkload generate_statement_workload(const StatementWorkloadOptions& options);

struct MatchTally {
  std::size_t lines = 0;
  std::size_t auto_applied = 0;
  std::size_t wrong = 0;          // auto-applied, but not what the truth says
  std::size_t review = 0;         // not applied, with suggestions
  std::size_t no_candidates = 0;  // not applied, no idea
};

struct MatchScore {
  MatchTally total;
  std::array<MatchTally, kNoiseKinds> by_kind{};
};

// An auto-applied line is wrong when it settles an item the truth does not name, misses one,
// or applies a different amount or discount to one; for an unknown payer, when it applies
// anything.
MatchScore score_matches(std::span<const PaymentTruth> truth, std::span<const MatchResult> results);

}  // namespace o2c
