// The statement generator: a seeded workload of open items, payers and statement lines with
// the noise documented in statement_generator.h, and the scoring of match results against
// the truth. Its own random source (splitmix64) keeps a seed's workload the same everywhere.
#include "cashapp/statement_generator.h"

#include <algorithm>
#include <string>
#include <utility>

#include "core/assert.h"

namespace o2c {
namespace {

constexpr std::int64_t kShortToleranceBasisPoints = 200;  // MatchingRules' defaults
constexpr std::int64_t kShortToleranceMinor = 5'000;
constexpr int kDiscountBasisPoints = 200;
constexpr int kDiscountDays = 10;
constexpr int kInvoiceDaysBack = 120;

class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::int64_t between(std::int64_t low, std::int64_t high) {  // inclusive
    return low + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(high - low + 1));
  }
  bool chance(int per_mille) { return between(0, 999) < per_mille; }
  template <typename T>
  const T& pick(const std::vector<T>& values) {
    return values[static_cast<std::size_t>(
        between(0, static_cast<std::int64_t>(values.size()) - 1))];
  }

 private:
  std::uint64_t state_;
};

std::string digits(Random& random, int count) {
  std::string text;
  for (int i = 0; i < count; ++i) text.push_back(static_cast<char>('0' + random.between(0, 9)));
  return text;
}

std::string padded(std::int64_t value, int width) {
  std::string text = std::to_string(value);
  return std::string(
             static_cast<std::size_t>(std::max<int>(0, width - static_cast<int>(text.size()))),
             '0') +
         text;
}

std::string capitalised_word(Random& random, int syllables) {
  static const std::vector<std::string> kSyllables = {
      "ka",  "lo",  "mi",  "ra",  "ven", "tor", "bel", "dan", "fi",  "gor", "hal", "is",
      "jun", "kel", "mar", "nor", "ost", "pra", "qui", "ros", "sel", "tam", "ul",  "vik",
      "wes", "xan", "yor", "zel", "bri", "cor", "del", "fen", "gla", "hel", "kor", "lum",
      "mon", "nex", "ori", "pel", "run", "sta", "tri", "uva", "wal", "zan", "dor", "em"};
  std::string word;
  for (int i = 0; i < syllables; ++i) word += random.pick(kSyllables);
  word[0] = static_cast<char>(word[0] - 'a' + 'A');
  return word;
}

std::string company_name(Random& random) {
  static const std::vector<std::string> kTrades = {"Handels", "Logistics", "Systems",  "Foods",
                                                   "Metall",  "Textil",    "Services", "Trading",
                                                   "Bau",     "Technik",   "Media",    "Pharma"};
  static const std::vector<std::string> kForms = {"GmbH",          "AG",   "Ltd",    "Inc",  "SA",
                                                  "GmbH & Co. KG", "B.V.", "S.r.l.", "SARL", "Oy"};
  std::string name = capitalised_word(random, static_cast<int>(random.between(2, 3)));
  if (random.chance(400)) name += " " + capitalised_word(random, 2);
  if (random.chance(500)) name += " " + random.pick(kTrades);
  return name + " " + random.pick(kForms);
}

std::string iban(Random& random) {
  static const std::vector<std::string> kCountries = {"DE", "FR", "NL", "AT", "BE", "IT", "ES"};
  return random.pick(kCountries) + digits(random, 20);
}

std::string printed_account(Random& random, const std::string& account) {
  if (random.chance(500)) return account;
  std::string spaced;
  for (std::size_t i = 0; i < account.size(); ++i) {
    if (i > 0 && i % 4 == 0) spaced.push_back(' ');
    spaced.push_back(account[i]);
  }
  return spaced;
}

std::string upper_case(std::string text) {
  for (char& c : text)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return text;
}

std::string without_legal_form(const std::string& name) {
  const std::size_t last = name.rfind(' ');
  return last == std::string::npos ? name : name.substr(0, last);
}

// The payer's name as a bank passes it on. `always_changed`: never the name as on file.
std::string name_variant(Random& random, const std::string& name, bool always_changed) {
  const std::int64_t roll = random.between(always_changed ? 500 : 0, 999);
  if (roll < 500) return name;
  if (roll < 750) return upper_case(name);
  if (roll < 850) return upper_case(without_legal_form(name));
  if (roll < 950) return upper_case(name).substr(0, std::min<std::size_t>(name.size(), 18));
  std::string typo = name;  // two letters of the first word swapped
  std::swap(typo[1], typo[2]);
  return typo;
}

// ---- invoice numbers as people write them ----------------------------------------------------

std::string ocr_digits(Random& random, std::string text) {
  int changed = 0;
  for (int attempt = 0; attempt < 12 && changed < 3; ++attempt) {
    const auto at =
        static_cast<std::size_t>(random.between(0, static_cast<std::int64_t>(text.size()) - 1));
    char& c = text[at];
    const char before = c;
    if (c == '0')
      c = 'O';
    else if (c == '1')
      c = random.chance(500) ? 'l' : 'I';
    else if (c == '5')
      c = 'S';
    else if (c == '8')
      c = 'B';
    if (c != before) ++changed;
  }
  return text;
}

std::string mangled(Random& random, std::string_view number) {
  // number = "INV-YYYY-NNNNNN"
  const std::string year(number.substr(4, 4));
  const std::string sequence(number.substr(9));
  std::string short_sequence =
      sequence.substr(std::min(sequence.find_first_not_of('0'), sequence.size() - 1));
  switch (random.between(0, 9)) {
    case 0:
      return year + "-" + sequence;
    case 1:
      return "INV " + year + " " + sequence;
    case 2:
      return "INV" + year + sequence;
    case 3:
      return "INV-" + year + "-" + short_sequence;
    case 4:
      return "INV-" + ocr_digits(random, year + "-" + sequence);
    case 5:
      return "inv-" + year + "-" + sequence;
    case 6:
      return "INV - " + year + " - " + sequence;
    case 7:
      return year + " " + short_sequence;
    case 8:
      return "inv-" + ocr_digits(random, year + "-" + sequence);
    default:
      return year + sequence;
  }
}

std::string date_text(Date date, bool day_first) {
  if (!day_first) return format_date(date);
  const std::string iso = format_date(date);
  return iso.substr(8, 2) + "." + iso.substr(5, 2) + "." + iso.substr(0, 4);
}

// Remittance text around the references, with the dates, amounts and other numbers that
// surround them in real statements.
std::string remittance(Random& random, const std::string& references, const IncomingPayment& line,
                       const std::string& customer_number) {
  switch (random.between(0, 9)) {
    case 0:
    case 1:
      return references;
    case 2:
      return "Invoice " + references;
    case 3:
      return "Payment " + references + " thank you";
    case 4:
      return references + " / " + customer_number;
    case 5:
      return "Rg. " + references + " vom " + date_text(line.value_date, true);
    case 6:
      return references + " EUR " + format_amount(line.amount);
    case 7:
      return references + " ORDER SO-2026-" + digits(random, 6);
    case 8:
      return "PO 45000" + digits(random, 5) + " " + references;
    default:
      return date_text(line.value_date, false) + " " + references;
  }
}

std::string generic_text(Random& random, const IncomingPayment& line,
                         const std::string& customer_number) {
  switch (random.between(0, 6)) {
    case 0:
      return "Payment";
    case 1:
      return "Zahlung " + date_text(line.value_date, true);
    case 2:
      return "thank you";
    case 3:
      return "EUR " + format_amount(line.amount);
    case 4:
      return "Customer " + customer_number;
    case 5:
      return "Sammelzahlung";
    default:
      return "";
  }
}

// ---- the workload ----------------------------------------------------------------------------

struct Customer {
  std::vector<std::size_t> items;
};

class Generator {
 public:
  explicit Generator(const StatementWorkloadOptions& options)
      : options_(options), random_(options.seed * 0x2545F4914F6CDD1DULL + 17) {}

  StatementWorkload run() {
    make_customers();
    make_items();
    make_payments();
    return std::move(workload_);
  }

 private:
  void make_customers() {
    const std::size_t count = std::max<std::size_t>(
        1, options_.open_items / std::max<std::size_t>(1, options_.items_per_customer));
    customers_.resize(count);
    currency_.reserve(count);
    standard_fee_.reserve(count);
    workload_.payers.reserve(count);
    for (std::size_t c = 0; c < count; ++c) {
      PayerProfile payer;
      payer.customer = CustomerId{static_cast<std::int64_t>(c + 1)};
      payer.customer_number = "C-" + padded(static_cast<std::int64_t>(c + 1), 6);
      payer.name = company_name(random_);
      payer.accounts.push_back(iban(random_));
      if (random_.chance(200)) payer.accounts.push_back(iban(random_));
      workload_.payers.push_back(std::move(payer));
      currency_.push_back(random_.chance(50) ? usd_ : eur_);
      standard_fee_.push_back(amount());
    }
  }

  std::int64_t amount() {
    const std::int64_t decade = random_.between(0, 3);
    std::int64_t low = 5'000;
    for (std::int64_t d = 0; d < decade; ++d) low *= 10;
    return random_.between(low, low * 10 - 1);
  }

  std::size_t customer_for_item() {
    const auto count = static_cast<std::int64_t>(customers_.size());
    // One item in five goes to the largest one per cent of customers.
    if (random_.chance(200))
      return static_cast<std::size_t>(
          random_.between(0, std::max<std::int64_t>(0, count / 100 - 1)));
    return static_cast<std::size_t>(random_.between(0, count - 1));
  }

  void make_items() {
    const std::size_t n = options_.open_items;
    std::vector<int> days_back(n);
    std::vector<std::vector<std::size_t>> by_day(kInvoiceDaysBack + 1);
    workload_.items.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      days_back[i] = static_cast<int>(random_.between(1, kInvoiceDaysBack));
      by_day[static_cast<std::size_t>(days_back[i])].push_back(i);
    }
    // Numbers in date order, a sequence per year.
    std::int64_t year = 0;
    std::int64_t sequence = 0;
    for (int day = kInvoiceDaysBack; day >= 1; --day) {
      const Date invoice_date = add_days(statement_date_, -day);
      if (static_cast<int>(invoice_date.year()) != year)
        year = static_cast<int>(invoice_date.year()), sequence = 0;
      for (std::size_t i : by_day[static_cast<std::size_t>(day)]) {
        make_item(i, invoice_date, "INV-" + std::to_string(year) + "-" + padded(++sequence, 6));
      }
    }
  }

  void make_item(std::size_t i, Date invoice_date, std::string number) {
    const std::size_t c = customer_for_item();
    OpenItem& item = workload_.items[i];
    item.invoice = InvoiceId{static_cast<std::int64_t>(i + 1)};
    item.invoice_number = std::move(number);
    item.customer = workload_.payers[c].customer;
    item.customer_number = workload_.payers[c].customer_number;
    item.invoice_date = invoice_date;
    item.due_date = add_days(invoice_date, 30);
    const std::int64_t minor = random_.chance(50) ? standard_fee_[c] : amount();
    item.open = Money{minor, currency_[c]};
    item.gross = item.open;
    item.discount = zero(currency_[c]);
    if (random_.chance(200)) {
      item.discount_offer = BasisPoints{kDiscountBasisPoints};
      item.discount_until = add_days(invoice_date, kDiscountDays);
    }
    customers_[c].items.push_back(i);
  }

  std::size_t customer_index(const OpenItem& item) const {
    return static_cast<std::size_t>(item.customer.value - 1);
  }

  // ---- lines ----

  NoiseKind pick_kind() {
    int total = 0;
    for (int weight : options_.mix.weights) total += weight;
    std::int64_t roll = random_.between(0, total - 1);
    for (std::size_t k = 0; k < kNoiseKinds; ++k) {
      roll -= options_.mix.weights[k];
      if (roll < 0) return static_cast<NoiseKind>(k);
    }
    return NoiseKind::kExactReference;
  }

  // An item no line pays yet, satisfying `fits`; npos after enough misses.
  template <typename F>
  std::size_t unused_item(F&& fits) {
    for (int attempt = 0; attempt < 64; ++attempt) {
      const auto i =
          static_cast<std::size_t>(random_.between(0, static_cast<std::int64_t>(used_.size()) - 1));
      if (!used_[i] && fits(workload_.items[i])) return i;
    }
    return std::string::npos;
  }

  void make_payments() {
    used_.assign(workload_.items.size(), false);
    workload_.payments.reserve(options_.lines);
    workload_.truth.reserve(options_.lines);
    for (std::size_t attempt = 0; workload_.payments.size() < options_.lines &&
                                  attempt < options_.lines * 2 && !workload_.items.empty();
         ++attempt)
      make_line(pick_kind());
  }

  IncomingPayment line_from(const PayerProfile& payer, std::int64_t paid, Currency currency,
                            Date not_before) {
    IncomingPayment line;
    line.line_id = static_cast<std::int64_t>(workload_.payments.size() + 1);
    line.amount = Money{paid, currency};
    line.value_date = std::max(add_days(statement_date_, -random_.between(0, 4)), not_before);
    line.payer_name = name_variant(random_, payer.name, false);
    line.payer_account = printed_account(random_, random_.pick(payer.accounts));
    return line;
  }

  void add(IncomingPayment line, PaymentTruth truth) {
    workload_.payments.push_back(std::move(line));
    workload_.truth.push_back(std::move(truth));
  }

  std::string reference(const OpenItem& item, bool mangle) {
    return mangle ? mangled(random_, item.invoice_number) : item.invoice_number;
  }

  void make_line(NoiseKind kind) {
    switch (kind) {
      case NoiseKind::kBundleWithNumbers:
      case NoiseKind::kBundleWithoutNumbers:
        return make_bundle(kind);
      case NoiseKind::kPartialPayment:
        return make_partial();
      case NoiseKind::kShortPayment:
        return make_short();
      case NoiseKind::kDiscountTaken:
        return make_discount();
      case NoiseKind::kUnknownPayer:
        return make_unknown_payer();
      default:
        return make_single(kind);
    }
  }

  // One item paid in full: exact or mangled reference, no reference, a new account, a name
  // variant.
  void make_single(NoiseKind kind) {
    const std::size_t i = unused_item([](const OpenItem&) { return true; });
    if (i == std::string::npos) return;
    used_[i] = true;
    const OpenItem& item = workload_.items[i];
    const PayerProfile& payer = workload_.payers[customer_index(item)];
    IncomingPayment line = line_from(payer, item.open.minor, item.open.currency, item.invoice_date);
    const bool mangle = kind == NoiseKind::kMangledReference ||
                        (kind == NoiseKind::kUnknownAccount && random_.chance(300));
    if (kind == NoiseKind::kNoReference || kind == NoiseKind::kNameVariant)
      line.remittance = generic_text(random_, line, payer.customer_number);
    else
      line.remittance = remittance(random_, reference(item, mangle), line, payer.customer_number);
    if (kind == NoiseKind::kUnknownAccount)
      line.payer_account = printed_account(random_, iban(random_));
    if (kind == NoiseKind::kNameVariant) {
      line.payer_account.clear();
      line.payer_name = name_variant(random_, payer.name, true);
    }
    add(std::move(line),
        PaymentTruth{kind, item.customer, {{item.invoice, item.open, zero(item.open.currency)}}});
  }

  void make_bundle(NoiseKind kind) {
    const std::size_t first = unused_item([](const OpenItem&) { return true; });
    if (first == std::string::npos) return;
    const OpenItem& anchor = workload_.items[first];
    const std::size_t c = customer_index(anchor);
    std::vector<std::size_t> pool;
    for (std::size_t i : customers_[c].items)
      if (!used_[i] && workload_.items[i].open.currency == anchor.open.currency) pool.push_back(i);
    const auto size = static_cast<std::size_t>(random_.between(2, 6));
    if (pool.size() < size) return;
    for (std::size_t k = 0; k < size; ++k)  // a partial shuffle: the first `size` are random
      std::swap(pool[k], pool[k + static_cast<std::size_t>(random_.between(
                                      0, static_cast<std::int64_t>(pool.size() - k) - 1))]);
    pool.resize(size);
    PaymentTruth truth{kind, anchor.customer, {}};
    std::int64_t total = 0;
    std::string references;
    Date latest = anchor.invoice_date;
    for (std::size_t i : pool) {
      used_[i] = true;
      const OpenItem& item = workload_.items[i];
      total += item.open.minor;
      latest = std::max(latest, item.invoice_date);
      truth.applications.push_back({item.invoice, item.open, zero(item.open.currency)});
      if (!references.empty()) references += random_.chance(500) ? ", " : " ";
      references += reference(item, random_.chance(200));
    }
    const PayerProfile& payer = workload_.payers[c];
    IncomingPayment line = line_from(payer, total, anchor.open.currency, latest);
    line.remittance =
        kind == NoiseKind::kBundleWithNumbers
            ? remittance(random_, references, line, payer.customer_number)
            : (random_.chance(500) ? "Payment for " + std::to_string(size) + " invoices"
                                   : generic_text(random_, line, payer.customer_number));
    add(std::move(line), std::move(truth));
  }

  static std::int64_t tolerance(std::int64_t named) {
    return std::min(named * kShortToleranceBasisPoints / kBasisPointsWhole, kShortToleranceMinor);
  }

  void make_partial() {
    const std::size_t i =
        unused_item([](const OpenItem& item) { return item.open.minor >= 5'000; });
    if (i == std::string::npos) return;
    used_[i] = true;
    const OpenItem& item = workload_.items[i];
    const PayerProfile& payer = workload_.payers[customer_index(item)];
    const bool twice = random_.chance(333);
    const std::int64_t first_share = random_.between(20, twice ? 50 : 80);
    std::vector<std::int64_t> parts = {item.open.minor * first_share / 100};
    if (twice) parts.push_back(item.open.minor * random_.between(10, 40) / 100);
    for (std::int64_t part : parts) {
      if (workload_.payments.size() >= options_.lines) break;
      IncomingPayment line = line_from(payer, part, item.open.currency, item.invoice_date);
      line.remittance =
          remittance(random_, reference(item, random_.chance(200)), line, payer.customer_number);
      add(std::move(line), PaymentTruth{NoiseKind::kPartialPayment,
                                        item.customer,
                                        {{item.invoice, Money{part, item.open.currency},
                                          zero(item.open.currency)}}});
    }
  }

  void make_short() {
    const std::size_t i = unused_item([](const OpenItem& item) {
      return item.open.minor >= 10'000 && item.discount_offer.value == 0;
    });
    if (i == std::string::npos) return;
    used_[i] = true;
    const OpenItem& item = workload_.items[i];
    const PayerProfile& payer = workload_.payers[customer_index(item)];
    const std::int64_t charge = std::min(random_.between(50, 2'500), tolerance(item.open.minor));
    const Money paid{item.open.minor - charge, item.open.currency};
    IncomingPayment line = line_from(payer, paid.minor, paid.currency, item.invoice_date);
    line.remittance =
        remittance(random_, reference(item, random_.chance(200)), line, payer.customer_number);
    add(std::move(line),
        PaymentTruth{
            NoiseKind::kShortPayment, item.customer, {{item.invoice, paid, zero(paid.currency)}}});
  }

  void make_discount() {
    const std::size_t i =
        unused_item([](const OpenItem& item) { return item.discount_offer.value > 0; });
    if (i == std::string::npos) return;
    used_[i] = true;
    const OpenItem& item = workload_.items[i];
    const PayerProfile& payer = workload_.payers[customer_index(item)];
    const Money discount = apply_rate(item.gross, item.discount_offer, Rounding::kHalfEven).value();
    const Money paid{item.open.minor - discount.minor, item.open.currency};
    IncomingPayment line = line_from(payer, paid.minor, paid.currency, item.invoice_date);
    line.value_date = add_days(item.invoice_date, random_.between(0, kDiscountDays));
    line.remittance = random_.chance(200)
                          ? generic_text(random_, line, payer.customer_number)
                          : remittance(random_, reference(item, random_.chance(200)), line,
                                       payer.customer_number);
    add(std::move(line),
        PaymentTruth{NoiseKind::kDiscountTaken, item.customer, {{item.invoice, paid, discount}}});
  }

  void make_unknown_payer() {
    static const std::vector<std::string> kTexts = {
        "Refund", "Rueckzahlung", "deposit", "Invoice 4711", "Order 123", "", "Spende"};
    PayerProfile stranger{CustomerId{0}, "", company_name(random_), {iban(random_)}};
    IncomingPayment line = line_from(stranger, amount(), eur_, statement_date_);
    line.remittance = random_.pick(kTexts);
    add(std::move(line), PaymentTruth{NoiseKind::kUnknownPayer, CustomerId{0}, {}});
  }

  const StatementWorkloadOptions& options_;
  Random random_;
  StatementWorkload workload_;
  std::vector<Customer> customers_;
  std::vector<Currency> currency_;
  std::vector<std::int64_t> standard_fee_;
  std::vector<bool> used_;
  const Currency eur_ = currency_from_code("EUR").value();
  const Currency usd_ = currency_from_code("USD").value();
  const Date statement_date_ = parse_date("2026-03-16").value();
};

bool same_applications(const std::vector<ProposedApplication>& applied,
                       const std::vector<ExpectedApplication>& expected) {
  if (applied.size() != expected.size()) return false;
  return std::all_of(applied.begin(), applied.end(), [&](const ProposedApplication& a) {
    return std::any_of(expected.begin(), expected.end(), [&](const ExpectedApplication& e) {
      return e.invoice == a.invoice && e.amount == a.amount && e.discount.minor == a.discount.minor;
    });
  });
}

void count(MatchTally& tally, const PaymentTruth& truth, const MatchResult& result) {
  ++tally.lines;
  if (result.auto_apply) {
    ++tally.auto_applied;
    if (!same_applications(result.candidates.front().applications, truth.applications))
      ++tally.wrong;
  } else if (result.candidates.empty()) {
    ++tally.no_candidates;
  } else {
    ++tally.review;
  }
}

}  // namespace

std::string_view wire_name(NoiseKind kind) {
  static constexpr std::array<std::string_view, kNoiseKinds> kNames = {
      "exact_reference",        "mangled_reference", "no_reference",  "bundle_with_numbers",
      "bundle_without_numbers", "partial_payment",   "short_payment", "discount_taken",
      "unknown_account",        "name_variant",      "unknown_payer"};
  return kNames[static_cast<std::size_t>(kind)];
}

StatementWorkload generate_statement_workload(const StatementWorkloadOptions& options) {
  return Generator(options).run();
}

MatchScore score_matches(std::span<const PaymentTruth> truth,
                         std::span<const MatchResult> results) {
  O2C_ASSERT(truth.size() == results.size());
  MatchScore score;
  for (std::size_t i = 0; i < truth.size(); ++i) {
    count(score.total, truth[i], results[i]);
    count(score.by_kind[static_cast<std::size_t>(truth[i].kind)], truth[i], results[i]);
  }
  return score;
}

}  // namespace o2c
