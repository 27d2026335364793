// Matching one payment against the index. Evidence is gathered in three kinds — invoice keys
// in the remittance, the payer (by account, by name) and the amount — and every candidate is
// a set of open items of one customer with what the payment does to them (settles exactly,
// with the discount, short within tolerance, partly, or with money left over).
//
// Amounts here are bounded by kAmountMinorMax (10^15) and sums run over at most a customer's
// items, so int64 arithmetic on minor units cannot overflow; every result goes out as Money.
#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "billing/billing.h"
#include "cashapp/match_index.h"
#include "core/assert.h"

namespace o2c {
namespace {

using Tables = MatchIndex::Tables;

constexpr std::size_t kCandidatesMax = 5;
constexpr std::size_t kNamePayersMax = 3;
constexpr std::int32_t kCommonTokenPayers = 200;  // a token this common identifies no one
constexpr long kBundleSearchNodes = 40'000;       // per search beyond 30 items

// How sure the payer is known.
enum class PayerEvidence : std::uint8_t { kNone, kFuzzyName, kName, kAccount };

struct PayerHit {
  std::int32_t slot = -1;  // customer slot; -1: a payer with no open items
  std::int32_t payer = -1;
  PayerEvidence evidence = PayerEvidence::kNone;
};

std::int64_t tolerance_for(std::int64_t named, const MatchingRules& rules) {
  const std::int64_t relative = static_cast<std::int64_t>(
      static_cast<Int128>(named) * rules.short_tolerance.value / kBasisPointsWhole);
  return std::max<std::int64_t>(0, std::min(relative, rules.short_tolerance_minor));
}

// What the payment does to a set of items, in the order given.
enum class FitKind : std::uint8_t { kExact, kDiscount, kShort, kShortDiscount, kOver, kPartial };

struct Fit {
  FitKind kind = FitKind::kPartial;
  std::vector<ProposedApplication> applications;
  std::int64_t short_minor = 0;
  std::int64_t unapplied_minor = 0;
};

class Matcher {
 public:
  Matcher(const Tables& tables, const IncomingPayment& payment, const MatchingRules& rules)
      : t_(tables), payment_(payment), rules_(rules), currency_(payment.amount.currency) {}

  MatchResult run() {
    find_payers();
    propose_from_references();
    propose_from_payers();
    if (payers_.empty() && !has_fitting_reference_) propose_from_amount();
    return finish();
  }

 private:
  // ---- evidence -------------------------------------------------------------------------

  const OpenItem& item(std::int32_t i) const { return t_.items[static_cast<std::size_t>(i)]; }

  std::int64_t discount_of(std::int32_t i) const {
    const OpenItem& it = item(i);
    if (it.discount_offer.value == 0 || !it.discount_until) return 0;
    Result<Money> discount = early_payment_discount(it.gross, it.open, it.discount_offer,
                                                    it.discount_until, payment_.value_date);
    return discount.has_value() ? discount->minor : 0;
  }

  void find_payers() {
    const std::string account = cashapp_internal::normalize_account(payment_.payer_account);
    if (!account.empty()) {
      t_.by_account.for_each(cashapp_internal::hash_text(account), [&](std::int32_t p) {
        const auto& accounts = t_.payer_accounts[static_cast<std::size_t>(p)];
        if (std::find(accounts.begin(), accounts.end(), account) != accounts.end())
          add_payer(p, PayerEvidence::kAccount);
      });
    }
    if (payers_.empty()) find_payers_by_name();  // the account is the stronger evidence
  }

  void add_payer(std::int32_t payer, PayerEvidence evidence) {
    for (PayerHit& hit : payers_) {
      if (hit.payer != payer) continue;
      hit.evidence = std::max(hit.evidence, evidence);
      return;
    }
    payers_.push_back(PayerHit{t_.payer_slot[static_cast<std::size_t>(payer)], payer, evidence});
  }

  std::int32_t lookup_token(std::string_view token) const {
    std::int32_t found = -1;
    t_.token_number.for_each(cashapp_internal::hash_text(token), [&](std::int32_t number) {
      if (t_.tokens[static_cast<std::size_t>(number)] == token) found = number;
    });
    return found;
  }

  // Tokens of the index within edit distance 1 of `token` (exact first).
  std::vector<std::int32_t> similar_tokens(const std::string& token) const {
    std::vector<std::int32_t> found;
    const auto consider = [&](std::int32_t number) {
      if (std::find(found.begin(), found.end(), number) != found.end()) return;
      if (cashapp_internal::edit_distance(token, t_.tokens[static_cast<std::size_t>(number)], 1) <=
          1)
        found.push_back(number);
    };
    const std::int32_t exact = lookup_token(token);
    if (exact >= 0) return {exact};
    if (token.size() < 4) return found;
    t_.by_deletion.for_each(cashapp_internal::hash_text(token), consider);
    for (std::size_t i = 0; i < token.size(); ++i) {
      std::string deleted = token;
      deleted.erase(i, 1);
      const std::int32_t shorter = lookup_token(deleted);
      if (shorter >= 0) consider(shorter);
      t_.by_deletion.for_each(cashapp_internal::hash_text(deleted), consider);
    }
    return found;
  }

  // Payers sharing a distinctive token (or one a typo away) with the name, scored by how
  // many of the name's tokens match theirs: exactly (10), a typo away or cut short by the
  // bank (8). All tokens equal: 100; otherwise at most 90.
  void find_payers_by_name() {
    std::vector<std::string> tokens = cashapp_internal::name_tokens(payment_.payer_name);
    std::erase_if(tokens, [](const std::string& token) { return token.size() < 2; });
    if (tokens.empty()) return;
    std::vector<std::int32_t> found;
    for (const std::string& token : tokens)
      for (std::int32_t number : similar_tokens(token)) {
        if (t_.token_payers[static_cast<std::size_t>(number)] > kCommonTokenPayers) continue;
        t_.by_token.for_each(static_cast<std::uint64_t>(number), [&](std::int32_t payer) {
          if (std::find(found.begin(), found.end(), payer) == found.end()) found.push_back(payer);
        });
      }
    std::vector<std::pair<int, std::int32_t>> scored;  // (score 0–100, payer)
    for (std::int32_t payer : found) {
      const int score = name_score(tokens, t_.payer_tokens[static_cast<std::size_t>(payer)]);
      if (score >= 45) scored.emplace_back(score, payer);
    }
    std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    if (scored.size() > kNamePayersMax) scored.resize(kNamePayersMax);
    for (const auto& [score, payer] : scored)
      add_payer(payer, score == 100 ? PayerEvidence::kName : PayerEvidence::kFuzzyName);
  }

  static int name_score(const std::vector<std::string>& tokens,
                        const std::vector<std::string>& own) {
    if (tokens == own) return 100;
    int points = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const std::string& token = tokens[i];
      const bool last = i + 1 == tokens.size();
      int best = 0;
      for (const std::string& theirs : own) {
        if (theirs == token)
          best = 10;
        else if (token.size() >= 4 && cashapp_internal::edit_distance(token, theirs, 1) <= 1)
          best = std::max(best, 8);
        else if (last && token.size() >= 3 && theirs.starts_with(token))
          best = std::max(best, 8);
      }
      points += best;
    }
    return points * 9 / static_cast<int>(std::max(own.size(), tokens.size()));
  }

  PayerEvidence evidence_for(std::int32_t slot) const {
    PayerEvidence best = PayerEvidence::kNone;
    for (const PayerHit& hit : payers_)
      if (hit.slot == slot) best = std::max(best, hit.evidence);
    return best;
  }
  bool account_names_other_customer(std::int32_t slot) const {
    return std::any_of(payers_.begin(), payers_.end(), [&](const PayerHit& hit) {
      return hit.evidence == PayerEvidence::kAccount && hit.slot != slot;
    });
  }

  // ---- fitting the amount to items --------------------------------------------------------

  Fit fit(const std::vector<std::int32_t>& items) const {
    const std::int64_t paid = payment_.amount.minor;
    std::int64_t full = 0;
    std::int64_t discounts = 0;
    for (std::int32_t i : items) full += item(i).open.minor, discounts += discount_of(i);
    const std::int64_t discounted = full - discounts;
    Fit result;
    if (paid == full) {
      result.kind = FitKind::kExact;
    } else if (paid > full) {
      result.kind = FitKind::kOver;
      result.unapplied_minor = paid - full;
    } else if (discounts > 0 && paid == discounted) {
      result.kind = FitKind::kDiscount;
    } else if (full - paid <= tolerance_for(full, rules_)) {
      result.kind = FitKind::kShort;
      result.short_minor = full - paid;
    } else if (discounts > 0 && paid < discounted &&
               discounted - paid <= tolerance_for(discounted, rules_)) {
      result.kind = FitKind::kShortDiscount;
      result.short_minor = discounted - paid;
    } else {
      result.kind = FitKind::kPartial;
    }
    // Cash goes to the items in order, so a shortfall falls on the last one.
    const bool take_discount =
        result.kind == FitKind::kDiscount || result.kind == FitKind::kShortDiscount;
    std::int64_t left = paid;
    for (std::int32_t i : items) {
      const std::int64_t discount = take_discount ? discount_of(i) : 0;
      const std::int64_t amount = std::min(item(i).open.minor - discount, left);
      if (amount <= 0 && discount == 0) continue;
      left -= amount;
      result.applications.push_back(ProposedApplication{item(i).invoice, item(i).invoice_number,
                                                        Money{amount, currency_},
                                                        Money{discount, currency_}});
    }
    return result;
  }

  // ---- candidates ----------------------------------------------------------------------

  MatchCandidate candidate_for(std::int32_t first_item, const Fit& fit_result) const {
    MatchCandidate candidate;
    candidate.customer = item(first_item).customer;
    candidate.customer_number = item(first_item).customer_number;
    candidate.applications = fit_result.applications;
    candidate.short_amount = Money{fit_result.short_minor, currency_};
    candidate.unapplied = Money{fit_result.unapplied_minor, currency_};
    if (fit_result.short_minor > 0)
      candidate.shortfall = fit_result.short_minor <= rules_.write_off_limit_minor
                                ? Shortfall::kWriteOff
                                : Shortfall::kDeduction;
    return candidate;
  }

  static void add_amount_reasons(MatchCandidate& candidate, FitKind kind, std::size_t items) {
    std::vector<MatchReason>& reasons = candidate.reasons;
    switch (kind) {
      case FitKind::kExact:
        reasons.push_back(items > 1 ? MatchReason::kBundle : MatchReason::kExactAmount);
        break;
      case FitKind::kDiscount:
        reasons.push_back(items > 1 ? MatchReason::kBundle : MatchReason::kExactAmount);
        reasons.push_back(MatchReason::kDiscountTaken);
        break;
      case FitKind::kShort:
        if (items > 1) reasons.push_back(MatchReason::kBundle);
        reasons.push_back(MatchReason::kShortWithinTolerance);
        break;
      case FitKind::kShortDiscount:
        if (items > 1) reasons.push_back(MatchReason::kBundle);
        reasons.push_back(MatchReason::kDiscountTaken);
        reasons.push_back(MatchReason::kShortWithinTolerance);
        break;
      case FitKind::kOver:
        reasons.push_back(MatchReason::kOverpayment);
        break;
      case FitKind::kPartial:
        reasons.push_back(MatchReason::kPartialPayment);
        break;
    }
  }

  static void add_payer_reason(MatchCandidate& candidate, PayerEvidence evidence) {
    if (evidence == PayerEvidence::kAccount)
      candidate.reasons.push_back(MatchReason::kPayerAccount);
    if (evidence == PayerEvidence::kName || evidence == PayerEvidence::kFuzzyName)
      candidate.reasons.push_back(MatchReason::kPayerName);
  }

  static int reference_confidence(FitKind kind, bool exact) {
    switch (kind) {
      case FitKind::kExact:
        return exact ? 99 : 94;
      case FitKind::kDiscount:
        return exact ? 97 : 92;
      case FitKind::kShort:
        return exact ? 95 : 91;
      case FitKind::kShortDiscount:
        return exact ? 94 : 90;
      case FitKind::kOver:
        return exact ? 90 : 86;
      case FitKind::kPartial:
        return exact ? 91 : 87;
    }
    return 0;
  }

  struct NamedItem {
    std::int32_t item;
    bool exact;
  };

  std::vector<NamedItem> named_items() const {
    std::vector<std::uint64_t> keys;
    cashapp_internal::find_invoice_keys(payment_.structured_reference, keys);
    cashapp_internal::find_invoice_keys(payment_.remittance, keys);
    std::vector<NamedItem> named;
    for (std::uint64_t key : keys) {
      t_.by_key.for_each(key, [&](std::int32_t i) {
        const OpenItem& it = item(i);
        if (t_.item_key[static_cast<std::size_t>(i)] != key || it.open.currency != currency_)
          return;
        if (std::any_of(named.begin(), named.end(),
                        [&](const NamedItem& n) { return n.item == i; }))
          return;
        const bool exact =
            payment_.remittance.find(it.invoice_number) != std::string::npos ||
            payment_.structured_reference.find(it.invoice_number) != std::string::npos;
        named.push_back(NamedItem{i, exact});
      });
    }
    return named;
  }

  void propose_from_references() {
    std::vector<NamedItem> named = named_items();
    while (!named.empty()) {
      // One customer's named items, in the order named.
      const CustomerId customer = item(named.front().item).customer;
      std::vector<std::int32_t> items;
      bool exact = true;
      std::erase_if(named, [&](const NamedItem& n) {
        if (item(n.item).customer != customer) return false;
        items.push_back(n.item);
        exact = exact && n.exact;
        return true;
      });
      propose_named(items, exact);
    }
  }

  void propose_named(const std::vector<std::int32_t>& items, bool exact) {
    const Fit fit_result = fit(items);
    MatchCandidate candidate = candidate_for(items.front(), fit_result);
    candidate.reasons.push_back(exact ? MatchReason::kInvoiceNumber
                                      : MatchReason::kInvoiceNumberFuzzy);
    add_amount_reasons(candidate, fit_result.kind, items.size());
    const std::int32_t slot = t_.slot_of(item(items.front()).customer);
    const PayerEvidence evidence = evidence_for(slot);
    int confidence = reference_confidence(fit_result.kind, exact);
    if (evidence == PayerEvidence::kAccount)
      confidence += 3;
    else if (evidence != PayerEvidence::kNone)
      confidence += 2;
    else if (account_names_other_customer(slot))
      confidence -= exact ? 10 : 25;
    add_payer_reason(candidate, evidence);
    candidate.confidence = std::min(confidence, 99);
    const bool fits = fit_result.kind != FitKind::kOver && fit_result.kind != FitKind::kPartial;
    named_slots_.push_back(slot);
    if (fits) {
      has_fitting_reference_ = true;
      fitting_slots_.push_back(slot);
    }
    candidates_.push_back(std::move(candidate));
    // When some of the named items explain the amount exactly, that beats a part payment.
    if (!fits && items.size() > 1 && propose_named_subset(items, exact, evidence))
      candidates_[candidates_.size() - 2].confidence = 60;
  }

  // Several invoices named, the amount fits some of them exactly (one was disputed, or one
  // reference was misread).
  bool propose_named_subset(const std::vector<std::int32_t>& items, bool exact,
                            PayerEvidence evidence) {
    const Bundles found = bundles(items, false);
    if (found.sets.size() != 1 || !found.exhaustive) return false;
    const std::vector<std::int32_t>& set = found.sets.front();
    const Fit fit_result = fit(set);
    MatchCandidate candidate = candidate_for(set.front(), fit_result);
    candidate.reasons.push_back(exact ? MatchReason::kInvoiceNumber
                                      : MatchReason::kInvoiceNumberFuzzy);
    add_amount_reasons(candidate, fit_result.kind, set.size());
    add_payer_reason(candidate, evidence);
    candidate.confidence = (exact ? 94 : 89) + (evidence == PayerEvidence::kAccount ? 3 : 0);
    candidates_.push_back(std::move(candidate));
    return true;
  }

  // ---- by payer and amount ----------------------------------------------------------------

  std::vector<std::int32_t> customer_items(std::int32_t slot) const {
    std::vector<std::int32_t> items;
    const auto s = static_cast<std::size_t>(slot);
    for (std::int32_t p = t_.customer_begin[s]; p < t_.customer_begin[s + 1]; ++p) {
      const std::int32_t i = t_.customer_items[static_cast<std::size_t>(p)];
      if (item(i).open.currency == currency_) items.push_back(i);
    }
    return items;
  }

  // Subsets of `items` (2 … max_bundle_items of them) whose open amounts (less their
  // discounts) sum to the payment, fewest items first, each oldest due first.
  struct Bundles {
    std::vector<std::vector<std::int32_t>> sets;
    bool exhaustive = true;
  };
  Bundles bundles(const std::vector<std::int32_t>& items, bool discounted) const {
    std::vector<std::int64_t> values;
    std::vector<std::int32_t> chosen;
    for (std::int32_t i : items) {
      const std::int64_t value = item(i).open.minor - (discounted ? discount_of(i) : 0);
      if (value > 0 && value < payment_.amount.minor) values.push_back(value), chosen.push_back(i);
    }
    const cashapp_internal::BundleFind find = cashapp_internal::find_bundles(
        values, payment_.amount.minor, rules_.max_bundle_items, kBundleSearchNodes);
    Bundles result;
    result.exhaustive = find.exhaustive;
    for (const std::vector<std::size_t>& solution : find.solutions) {
      std::vector<std::int32_t> set;
      for (std::size_t position : solution) set.push_back(chosen[position]);
      std::sort(set.begin(), set.end(), [&](std::int32_t a, std::int32_t b) {
        return std::tie(item(a).due_date, a) < std::tie(item(b).due_date, b);
      });
      result.sets.push_back(std::move(set));
    }
    return result;
  }

  static int payer_penalty(PayerEvidence evidence) {
    switch (evidence) {
      case PayerEvidence::kAccount:
        return 0;
      case PayerEvidence::kName:
        return 8;
      default:
        return 15;
    }
  }

  void propose_from_payers() {
    for (std::size_t h = 0; h < payers_.size(); ++h) {
      const PayerHit& hit = payers_[h];
      if (std::find(fitting_slots_.begin(), fitting_slots_.end(), hit.slot) != fitting_slots_.end())
        continue;
      // One customer, several payer hits: proposed once, with the best evidence.
      if (std::any_of(payers_.begin(), payers_.begin() + static_cast<std::ptrdiff_t>(h),
                      [&](const PayerHit& other) {
                        return hit.slot >= 0 ? other.slot == hit.slot : other.payer == hit.payer;
                      }))
        continue;
      propose_for_payer(hit);
    }
  }

  void propose_for_payer(const PayerHit& hit) {
    const PayerEvidence evidence = evidence_for(hit.slot);
    // The payer named some of its invoices and the amount does not fit them: a part payment
    // is likelier than a coincidence among its other items.
    const bool named =
        std::find(named_slots_.begin(), named_slots_.end(), hit.slot) != named_slots_.end();
    const int penalty = payer_penalty(evidence) + (named ? 15 : 0);
    std::vector<std::int32_t> items =
        hit.slot >= 0 ? customer_items(hit.slot) : std::vector<std::int32_t>{};
    if (items.empty()) {
      MatchCandidate candidate;
      const PayerProfile& payer = t_.payers[static_cast<std::size_t>(hit.payer)];
      candidate.customer = payer.customer;
      candidate.customer_number = payer.customer_number;
      candidate.unapplied = payment_.amount;
      candidate.short_amount = zero(currency_);
      add_payer_reason(candidate, evidence);
      candidate.confidence = 30 - penalty;
      candidates_.push_back(std::move(candidate));
      return;
    }
    if (propose_singles(items, evidence, penalty)) return;
    if (propose_bundles(items, evidence, penalty)) return;
    if (propose_short_single(items, evidence, penalty)) return;
    // Nothing fits: the payer's oldest items, for a person to confirm.
    const Fit fit_result = fit(items);
    MatchCandidate candidate = candidate_for(items.front(), fit_result);
    candidate.reasons.push_back(MatchReason::kOldestOpen);
    if (fit_result.kind == FitKind::kOver) candidate.reasons.push_back(MatchReason::kOverpayment);
    add_payer_reason(candidate, evidence);
    candidate.confidence = 40 - penalty;
    candidates_.push_back(std::move(candidate));
  }

  void propose_items(const std::vector<std::vector<std::int32_t>>& sets, PayerEvidence evidence,
                     int unique_confidence, int ambiguous_confidence) {
    for (const auto& set : sets) {
      if (candidates_.size() >= 2 * kCandidatesMax) break;
      const Fit fit_result = fit(set);
      MatchCandidate candidate = candidate_for(set.front(), fit_result);
      add_amount_reasons(candidate, fit_result.kind, set.size());
      add_payer_reason(candidate, evidence);
      candidate.confidence = sets.size() == 1 ? unique_confidence : ambiguous_confidence;
      candidates_.push_back(std::move(candidate));
    }
  }

  bool propose_singles(const std::vector<std::int32_t>& items, PayerEvidence evidence,
                       int penalty) {
    std::vector<std::vector<std::int32_t>> exact;
    std::vector<std::vector<std::int32_t>> discounted;
    for (std::int32_t i : items) {
      if (item(i).open.minor == payment_.amount.minor)
        exact.push_back({i});
      else if (const std::int64_t d = discount_of(i);
               d > 0 && item(i).open.minor - d == payment_.amount.minor)
        discounted.push_back({i});
    }
    if (!exact.empty()) {
      propose_items(exact, evidence, 92 - penalty, 65 - penalty);
      return true;
    }
    if (!discounted.empty()) {
      propose_items(discounted, evidence, 91 - penalty, 65 - penalty);
      return true;
    }
    return false;
  }

  // A bundle is applied unseen only when it is the one subset of the payer's items that
  // sums to the amount, and the search looked at every subset.
  bool propose_bundles(const std::vector<std::int32_t>& items, PayerEvidence evidence,
                       int penalty) {
    Bundles found = bundles(items, false);
    if (found.sets.empty()) found = bundles(items, true);
    if (found.sets.empty()) return false;
    const int unique = found.exhaustive ? 90 : 78;
    propose_items(found.sets, evidence, unique - penalty, 60 - penalty);
    return true;
  }

  bool propose_short_single(const std::vector<std::int32_t>& items, PayerEvidence evidence,
                            int penalty) {
    std::vector<std::vector<std::int32_t>> near;
    for (std::int32_t i : items) {
      const std::int64_t open = item(i).open.minor;
      if (open > payment_.amount.minor &&
          open - payment_.amount.minor <= tolerance_for(open, rules_))
        near.push_back({i});
    }
    if (near.empty()) return false;
    propose_items(near, evidence, 80 - penalty, 55 - penalty);
    return true;
  }

  // ---- by amount alone ----------------------------------------------------------------------

  void propose_from_amount() {
    std::vector<std::vector<std::int32_t>> same;
    t_.by_amount.for_each(cashapp_internal::amount_key(payment_.amount), [&](std::int32_t i) {
      if (item(i).open == payment_.amount && same.size() <= kCandidatesMax) same.push_back({i});
    });
    propose_items(same, PayerEvidence::kNone, 50, 35);
  }

  // ---- ranking --------------------------------------------------------------------------------

  static bool same_applications(const MatchCandidate& a, const MatchCandidate& b) {
    if (a.customer != b.customer || a.applications.size() != b.applications.size()) return false;
    for (std::size_t i = 0; i < a.applications.size(); ++i)
      if (a.applications[i].invoice != b.applications[i].invoice ||
          a.applications[i].amount != b.applications[i].amount)
        return false;
    return true;
  }

  MatchResult finish() {
    std::stable_sort(candidates_.begin(), candidates_.end(), [](const auto& a, const auto& b) {
      if (a.confidence != b.confidence) return a.confidence > b.confidence;
      return a.applications.size() < b.applications.size();
    });
    MatchResult result;
    result.line_id = payment_.line_id;
    for (MatchCandidate& candidate : candidates_) {
      if (result.candidates.size() >= kCandidatesMax) break;
      if (std::any_of(
              result.candidates.begin(), result.candidates.end(),
              [&](const MatchCandidate& kept) { return same_applications(kept, candidate); }))
        continue;
      result.candidates.push_back(std::move(candidate));
    }
    if (!result.candidates.empty()) {
      const int best = result.candidates.front().confidence;
      const int next = result.candidates.size() > 1 ? result.candidates[1].confidence : 0;
      result.auto_apply = best >= rules_.auto_apply_confidence && best - next >= rules_.clear_lead;
    }
    return result;
  }

  const Tables& t_;
  const IncomingPayment& payment_;
  const MatchingRules& rules_;
  Currency currency_;
  std::vector<PayerHit> payers_;
  std::vector<MatchCandidate> candidates_;
  bool has_fitting_reference_ = false;
  std::vector<std::int32_t> fitting_slots_;
  std::vector<std::int32_t> named_slots_;
};

}  // namespace

std::string_view wire_name(MatchReason reason) {
  switch (reason) {
    case MatchReason::kInvoiceNumber:
      return "invoice_number";
    case MatchReason::kInvoiceNumberFuzzy:
      return "invoice_number_fuzzy";
    case MatchReason::kPayerAccount:
      return "payer_account";
    case MatchReason::kPayerName:
      return "payer_name";
    case MatchReason::kExactAmount:
      return "exact_amount";
    case MatchReason::kBundle:
      return "bundle";
    case MatchReason::kPartialPayment:
      return "partial_payment";
    case MatchReason::kShortWithinTolerance:
      return "short_within_tolerance";
    case MatchReason::kDiscountTaken:
      return "discount_taken";
    case MatchReason::kOverpayment:
      return "overpayment";
    case MatchReason::kOldestOpen:
      return "oldest_open";
  }
  return "unknown";
}

std::string_view wire_name(Shortfall shortfall) {
  switch (shortfall) {
    case Shortfall::kNone:
      return "none";
    case Shortfall::kWriteOff:
      return "write_off";
    case Shortfall::kDeduction:
      return "deduction";
  }
  return "unknown";
}

std::vector<MatchResult> match_payments(const MatchIndex& index,
                                        std::span<const IncomingPayment> payments,
                                        const MatchingRules& rules) {
  std::vector<MatchResult> results;
  results.reserve(payments.size());
  for (const IncomingPayment& payment : payments)
    results.push_back(Matcher(index.tables(), payment, rules).run());
  return results;
}

}  // namespace o2c
