// Building the match index: open items by invoice key, by customer (oldest due first) and by
// (currency, open amount); payers by normalised account and by name token.
#include "cashapp/match_index.h"

#include <algorithm>
#include <array>
#include <numeric>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/assert.h"

namespace o2c {
namespace cashapp_internal {
namespace {

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

std::size_t power_of_two_at_least(std::size_t n) {
  std::size_t size = 16;
  while (size < n) size *= 2;
  return size;
}

// Latin-1 letters (UTF-8 C3 xx) without their accents, as banks transliterate them.
std::string_view fold_latin1(unsigned char second) {
  static constexpr std::array<std::string_view, 32> kFolded = {
      "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",
      "D", "N", "O", "O", "O", "O", "O",  "",  "O", "U", "U", "U", "U", "Y", "",  "SS"};
  if (second < 0x80 || second > 0xBF) return {};
  return kFolded[(second - 0x80) & 0x1F];
}

bool legal_form(std::string_view token) {
  static constexpr std::array<std::string_view, 38> kForms = {
      "GMBH",        "MBH",     "LTD",  "LIMITED", "INC", "INCORPORATED", "SA",  "AG",
      "CO",          "KG",      "KGAA", "LLC",     "LLP", "PLC",          "BV",  "NV",
      "SARL",        "SAS",     "SRL",  "SPA",     "OY",  "AB",           "AS",  "CORP",
      "CORPORATION", "COMPANY", "UG",   "SE",      "OHG", "EK",           "GBR", "AND",
      "THE",         "COKG",    "PTY",  "LDA",     "SL",  "GMBHCOKG"};
  return std::find(kForms.begin(), kForms.end(), token) != kForms.end();
}

}  // namespace

std::uint64_t hash_text(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a, then mixed
  for (char c : text) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return mix(hash);
}

std::string normalize_account(std::string_view account) {
  std::string result;
  result.reserve(account.size());
  for (char c : account) {
    if (c >= 'a' && c <= 'z')
      result.push_back(static_cast<char>(c - 'a' + 'A'));
    else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
      result.push_back(c);
  }
  return result;
}

std::vector<std::string> name_tokens(std::string_view name) {
  std::vector<std::string> tokens;
  std::string current;
  const auto finish = [&] {
    if (!current.empty() && !legal_form(current)) tokens.push_back(current);
    current.clear();
  };
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (c == 0xC3 && i + 1 < name.size()) {
      current += fold_latin1(static_cast<unsigned char>(name[++i]));
    } else if (c >= 'a' && c <= 'z') {
      current.push_back(static_cast<char>(c - 'a' + 'A'));
    } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80) {
      current.push_back(static_cast<char>(c));
    } else if (c != '.' && c != '\'') {  // "G.m.b.H." is one token, "O'Neil" too
      finish();
    }
  }
  finish();
  return tokens;
}

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > limit) return limit + 1;
  std::vector<std::size_t> row(a.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t j = 1; j <= b.size(); ++j) {
    std::size_t diagonal = row[0];
    row[0] = j;
    std::size_t best = row[0];
    for (std::size_t i = 1; i <= a.size(); ++i) {
      const std::size_t above = row[i];
      row[i] = std::min({row[i] + 1, row[i - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
      best = std::min(best, row[i]);
    }
    if (best > limit) return limit + 1;
  }
  return row[a.size()];
}

HashChains::HashChains(std::size_t expected_keys) {
  const std::size_t size = power_of_two_at_least(expected_keys * 2);
  keys_.assign(size, 0);
  heads_.assign(size, -1);
  mask_ = size - 1;
}

std::size_t HashChains::slot_of(std::uint64_t key) const {
  std::size_t slot = mix(key) & mask_;
  while (keys_[slot] != 0 && keys_[slot] != key + 1) slot = (slot + 1) & mask_;
  return slot;
}

void HashChains::grow() {
  std::vector<std::uint64_t> keys = std::move(keys_);
  std::vector<std::int32_t> heads = std::move(heads_);
  keys_.assign(keys.size() * 2, 0);
  heads_.assign(keys.size() * 2, -1);
  mask_ = keys_.size() - 1;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == 0) continue;
    const std::size_t slot = slot_of(keys[i] - 1);
    keys_[slot] = keys[i];
    heads_[slot] = heads[i];
  }
}

void HashChains::add(std::uint64_t key, std::int32_t element) {
  if ((used_ + 1) * 2 > keys_.size()) grow();
  const std::size_t slot = slot_of(key);
  if (keys_[slot] == 0) {
    keys_[slot] = key + 1;
    ++used_;
  }
  nodes_.push_back(Node{element, heads_[slot]});
  heads_[slot] = static_cast<std::int32_t>(nodes_.size() - 1);
}

std::int32_t HashChains::first(std::uint64_t key) const {
  const std::size_t slot = slot_of(key);
  return keys_[slot] == 0 ? -1 : heads_[slot];
}

}  // namespace cashapp_internal

using cashapp_internal::HashChains;

std::int32_t MatchIndex::Tables::slot_of(CustomerId customer) const {
  const std::int32_t node = customer_slot.first(static_cast<std::uint64_t>(customer.value));
  return node < 0 ? -1 : customer_slot.element(node);
}

namespace {

void index_items(MatchIndex::Tables& t) {
  const std::size_t n = t.items.size();
  t.item_key.resize(n);
  t.by_key = HashChains(n);
  t.by_amount = HashChains(n);
  t.customer_slot = HashChains(n / 8 + 16);
  std::vector<std::int32_t> slot_of_item(n);
  std::vector<std::int32_t> count;
  // Insert in reverse so that each chain lists its items in input order.
  for (std::size_t i = 0; i < n; ++i) {
    const OpenItem& item = t.items[i];
    t.item_key[i] = cashapp_internal::invoice_key_of_number(item.invoice_number);
    std::int32_t slot = t.slot_of(item.customer);
    if (slot < 0) {
      slot = static_cast<std::int32_t>(t.slot_customer.size());
      t.slot_customer.push_back(item.customer);
      t.customer_slot.add(static_cast<std::uint64_t>(item.customer.value), slot);
      count.push_back(0);
    }
    slot_of_item[i] = slot;
    ++count[static_cast<std::size_t>(slot)];
  }
  for (std::size_t i = n; i-- > 0;) {
    const auto element = static_cast<std::int32_t>(i);
    if (t.item_key[i] != 0) t.by_key.add(t.item_key[i], element);
    t.by_amount.add(cashapp_internal::amount_key(t.items[i].open), element);
  }
  // Counting sort by customer, then each customer's items oldest due first.
  t.customer_begin.assign(count.size() + 1, 0);
  for (std::size_t s = 0; s < count.size(); ++s)
    t.customer_begin[s + 1] = t.customer_begin[s] + count[s];
  t.customer_items.resize(n);
  std::vector<std::int32_t> fill(t.customer_begin.begin(), t.customer_begin.end() - 1);
  for (std::size_t i = 0; i < n; ++i)
    t.customer_items[static_cast<std::size_t>(fill[static_cast<std::size_t>(slot_of_item[i])]++)] =
        static_cast<std::int32_t>(i);
  for (std::size_t s = 0; s < count.size(); ++s) {
    auto begin = t.customer_items.begin() + t.customer_begin[s];
    auto end = t.customer_items.begin() + t.customer_begin[s + 1];
    std::sort(begin, end, [&](std::int32_t a, std::int32_t b) {
      const OpenItem& x = t.items[static_cast<std::size_t>(a)];
      const OpenItem& y = t.items[static_cast<std::size_t>(b)];
      return std::tie(x.due_date, x.invoice_date, a) < std::tie(y.due_date, y.invoice_date, b);
    });
  }
  t.customer_payer.assign(count.size(), -1);
}

std::int32_t token_number(MatchIndex::Tables& t, const std::string& token) {
  const std::uint64_t hash = cashapp_internal::hash_text(token);
  for (std::int32_t node = t.token_number.first(hash); node >= 0;
       node = t.token_number.next(node)) {
    const std::int32_t number = t.token_number.element(node);
    if (t.tokens[static_cast<std::size_t>(number)] == token) return number;
  }
  const auto number = static_cast<std::int32_t>(t.tokens.size());
  t.tokens.push_back(token);
  t.token_payers.push_back(0);
  t.token_number.add(hash, number);
  for (std::size_t i = 0; i < token.size() && token.size() >= 4; ++i) {
    std::string deleted = token;
    deleted.erase(i, 1);
    t.by_deletion.add(cashapp_internal::hash_text(deleted), number);
  }
  return number;
}

void index_payers(MatchIndex::Tables& t) {
  const std::size_t n = t.payers.size();
  t.by_account = HashChains(n * 2);
  t.by_token = HashChains(n * 2);
  t.token_number = HashChains(n * 2);
  t.by_deletion = HashChains(n * 8);
  t.payer_accounts.resize(n);
  t.payer_tokens.resize(n);
  t.payer_slot.assign(n, -1);
  for (std::size_t p = 0; p < n; ++p) {
    const PayerProfile& payer = t.payers[p];
    const auto element = static_cast<std::int32_t>(p);
    for (const std::string& account : payer.accounts) {
      std::string normal = cashapp_internal::normalize_account(account);
      if (normal.empty()) continue;
      t.by_account.add(cashapp_internal::hash_text(normal), element);
      t.payer_accounts[p].push_back(std::move(normal));
    }
    t.payer_tokens[p] = cashapp_internal::name_tokens(payer.name);
    for (const std::string& token : t.payer_tokens[p]) {
      const std::int32_t number = token_number(t, token);
      ++t.token_payers[static_cast<std::size_t>(number)];
      t.by_token.add(static_cast<std::uint64_t>(number), element);
    }
    const std::int32_t slot = t.slot_of(payer.customer);
    t.payer_slot[p] = slot;
    if (slot >= 0) t.customer_payer[static_cast<std::size_t>(slot)] = element;
  }
}

}  // namespace

MatchIndex::MatchIndex(std::vector<OpenItem> items, std::vector<PayerProfile> payers)
    : tables_(std::make_unique<Tables>()) {
  tables_->items = std::move(items);
  tables_->payers = std::move(payers);
  index_items(*tables_);
  index_payers(*tables_);
}

MatchIndex::~MatchIndex() = default;
MatchIndex::MatchIndex(MatchIndex&&) noexcept = default;
MatchIndex& MatchIndex::operator=(MatchIndex&&) noexcept = default;

}  // namespace o2c
