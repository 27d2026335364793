// parse_price_rules: the TOML rules file → PriceRules → build_price_book. The format:
//
//   [policy]
//   stacking = "best_price"            # or "cumulative"
//   max_discount_percent = "30"        # optional cap on all discounts of a line
//   min_margin_percent = "10"          # optional margin guard over standard cost
//   tax_rounding = "per_line"          # or "per_document"
//
//   [[price_lists]]
//   id = "eur-retail"
//   currency = "EUR"
//   segment = "retail"                 # omitted: the default list
//   valid_from = 2026-01-01            # optional, inclusive (TOML date or "2026-01-01")
//   valid_to = 2026-12-31              # optional, inclusive
//   prices = [
//     { sku = "W-100", price = "19.99" },
//     { sku = "W-200", tiers = [{ min_qty = 1, price = "10.00" },
//                               { min_qty = 10, price = "9.00" }] },
//   ]
//
//   [[contracts]]
//   id = "c-0001-w100"
//   customer = "C-0001"
//   sku = "W-100"
//   currency = "EUR"
//   price = "15.00"                    # or tiers = [...]
//   valid_from = 2026-01-01
//   valid_to = 2026-06-30
//
//   [[promotions]]
//   id = "spring-tools"
//   kind = "percent_off"               # percent_off | amount_off | buy_x_get_y
//   percent = "10"                     # percent_off
//   amount = "5.00"                    # amount_off, with currency = "EUR", per = "unit"|"line"
//   buy = 3                            # buy_x_get_y, with free = 1
//   category = "tools"                 # or skus = ["W-100"]; neither: every product
//   segments = ["retail"]              # optional
//   priority = 10                      # optional, lower applies first
//   on_contract_prices = false         # optional
//   valid_from = 2026-03-01
//   valid_to = 2026-05-31
//
//   [[coupons]]
//   code = "SPRING10"
//   promotion = "spring-tools"         # the promotion then applies only with one of its codes
//   single_use = true
//   valid_to = 2026-04-30
//
//   [[tax_rates]]
//   id = "de-standard"
//   category = "standard"
//   country = "DE"
//   region = ""                        # optional: "CA" for a US state
//   percent = "19"
//
// Amounts and percentages are strings (or integers) so that they stay exact: a TOML float
// is refused. Unknown tables and fields are errors, so a misspelt field cannot be ignored.
#include <initializer_list>

#include <toml++/toml.h>

#include "pricing/pricing.h"

namespace o2c {
namespace {

std::string_view type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

// One TOML table being read: knows its path ("promotions[2]") and what it is called in
// messages ("promotion 'spring'"), so that every error names the rule and the field.
class Fields {
 public:
  Fields(const toml::table& table, std::string path, std::string what)
      : table_(table), path_(std::move(path)), what_(std::move(what)) {}

  const std::string& path() const { return path_; }
  const std::string& what() const { return what_; }
  void rename(std::string what) { what_ = std::move(what); }

  std::string where(std::string_view key) const {
    const toml::node* node = table_.get(key);
    const auto line = node != nullptr ? node->source().begin.line : table_.source().begin.line;
    std::string field = path_.empty() ? std::string(key) : path_ + "." + std::string(key);
    return field + ", line " + std::to_string(line);
  }

  Error error(std::string reason, std::string_view key, std::string message) const {
    return invalid_argument(std::move(reason), what_ + ": " + message, where(key));
  }

  Status only(std::initializer_list<std::string_view> known, std::string_view context) const {
    return only(std::span<const std::string_view>(known.begin(), known.size()), context);
  }
  Status only(std::span<const std::string_view> known, std::string_view context) const {
    for (const auto& [key, value] : table_) {
      bool listed = false;
      for (std::string_view name : known) listed = listed || key.str() == name;
      if (!listed) {
        return error("unknown_field", key.str(),
                     "unknown field '" + std::string(key.str()) + "'" + std::string(context));
      }
    }
    return {};
  }

  bool has(std::string_view key) const { return table_.get(key) != nullptr; }

  Error wrong_type(std::string_view key, std::string_view expected) const {
    return error("wrong_type", key,
                 std::string(key) + " must be " + std::string(expected) + ", not " +
                     std::string(type_name(*table_.get(key))));
  }

  Result<std::string> text(std::string_view key) const {
    const toml::node* node = table_.get(key);
    if (node == nullptr) {
      return error("field_missing", key, "field '" + std::string(key) + "' is missing");
    }
    if (!node->is_string()) return wrong_type(key, "a string");
    return node->as_string()->get();
  }

  Result<std::string> text_or(std::string_view key, std::string fallback) const {
    if (!has(key)) return fallback;
    return text(key);
  }

  // A decimal written as a string, or an integer (shown as its digits).
  Result<std::string> decimal(std::string_view key) const {
    const toml::node* node = table_.get(key);
    if (node == nullptr) {
      return error("field_missing", key, "field '" + std::string(key) + "' is missing");
    }
    if (node->is_integer()) return std::to_string(node->as_integer()->get());
    if (node->is_string()) return node->as_string()->get();
    if (node->is_floating_point()) {
      return error("wrong_type", key,
                   std::string(key) +
                       " is a float; write it as a string like \"19.99\" so it "
                       "stays exact");
    }
    return wrong_type(key, "a decimal string like \"19.99\"");
  }

  Result<Money> money(std::string_view key, Currency currency) const {
    O2C_ASSIGN_OR_RETURN(std::string digits, decimal(key));
    Result<Money> amount = parse_money(digits, currency);
    if (!amount) return error(amount.error().reason, key, amount.error().message);
    return *amount;
  }

  Result<BasisPoints> percent(std::string_view key, std::int32_t value_max) const {
    O2C_ASSIGN_OR_RETURN(std::string digits, decimal(key));
    const Currency hundredths = currency_from_code("EUR").value();  // two decimals
    Result<Money> value = parse_money(digits, hundredths);
    if (!value) {
      return error(value.error().reason, key,
                   "percentage '" + digits + "' is not a number like 12.5 (at most 2 decimals)");
    }
    if (value->minor < 0 || value->minor > value_max) {
      return error("percent_out_of_range", key,
                   "percentage " + digits + " is not between 0 and " +
                       format_percent(BasisPoints{value_max}));
    }
    return BasisPoints{static_cast<std::int32_t>(value->minor)};
  }

  Result<Quantity> quantity(std::string_view key) const {
    O2C_ASSIGN_OR_RETURN(std::string digits, decimal(key));
    Result<Quantity> value = parse_quantity(digits);
    if (!value) return error(value.error().reason, key, value.error().message);
    return *value;
  }

  Result<std::int64_t> integer(std::string_view key, std::int64_t fallback) const {
    const toml::node* node = table_.get(key);
    if (node == nullptr) return fallback;
    if (!node->is_integer()) return wrong_type(key, "an integer");
    return node->as_integer()->get();
  }

  Result<bool> boolean(std::string_view key, bool fallback) const {
    const toml::node* node = table_.get(key);
    if (node == nullptr) return fallback;
    if (!node->is_boolean()) return wrong_type(key, "true or false");
    return node->as_boolean()->get();
  }

  Result<std::optional<Date>> date(std::string_view key) const {
    const toml::node* node = table_.get(key);
    if (node == nullptr) return std::optional<Date>{};
    if (node->is_date()) {
      const toml::date value = node->as_date()->get();
      const Date date{std::chrono::year{value.year}, std::chrono::month{value.month},
                      std::chrono::day{value.day}};
      if (!date.ok()) return error("invalid_date", key, "the date is not a real calendar day");
      return std::optional<Date>{date};
    }
    if (!node->is_string()) return wrong_type(key, "a date like 2026-03-01");
    Result<Date> date = parse_date(node->as_string()->get());
    if (!date) return error("invalid_date", key, date.error().message);
    return std::optional<Date>{*date};
  }

  Result<std::vector<std::string>> texts(std::string_view key) const {
    std::vector<std::string> out;
    const toml::node* node = table_.get(key);
    if (node == nullptr) return out;
    if (!node->is_array()) return wrong_type(key, "an array of strings");
    for (const toml::node& item : *node->as_array()) {
      if (!item.is_string()) return wrong_type(key, "an array of strings");
      out.push_back(item.as_string()->get());
    }
    return out;
  }

  // Tables of an array of tables (`[[x]]` or `x = [{...}]`); an absent key is empty.
  Result<std::vector<const toml::table*>> tables(std::string_view key) const {
    std::vector<const toml::table*> out;
    const toml::node* node = table_.get(key);
    if (node == nullptr) return out;
    if (!node->is_array()) return wrong_type(key, "an array of tables");
    for (const toml::node& item : *node->as_array()) {
      if (!item.is_table()) return wrong_type(key, "an array of tables");
      out.push_back(item.as_table());
    }
    return out;
  }

  Result<Currency> currency(std::string_view key) const {
    O2C_ASSIGN_OR_RETURN(std::string code, text(key));
    Result<Currency> currency = currency_from_code(code);
    if (!currency) return error("unknown_currency", key, currency.error().message);
    return *currency;
  }

 private:
  const toml::table& table_;
  std::string path_;
  std::string what_;
};

std::string item_path(const Fields& parent, std::string_view key, std::size_t index) {
  std::string prefix = parent.path().empty() ? "" : parent.path() + ".";
  return prefix + std::string(key) + "[" + std::to_string(index) + "]";
}

// `price = "9.99"` (one tier from quantity 0) or `tiers = [{ min_qty, price }, ...]`.
Result<std::vector<PriceTier>> read_tiers(const Fields& fields, Currency currency) {
  const bool has_price = fields.has("price");
  if (has_price && fields.has("tiers")) {
    return fields.error("price_and_tiers", "tiers", "give either price or tiers, not both");
  }
  std::vector<PriceTier> tiers;
  if (has_price) {
    O2C_ASSIGN_OR_RETURN(Money price, fields.money("price", currency));
    if (price.minor < 0) {
      return fields.error("negative_price", "price",
                          "price " + format_money(price) + " is negative");
    }
    tiers.push_back(PriceTier{Quantity{0}, price});
    return tiers;
  }
  if (!fields.has("tiers")) return fields.error("field_missing", "price", "give a price or tiers");
  O2C_ASSIGN_OR_RETURN(std::vector<const toml::table*> tables, fields.tables("tiers"));
  for (std::size_t k = 0; k < tables.size(); ++k) {
    const Fields tier(*tables[k], item_path(fields, "tiers", k), fields.what());
    O2C_RETURN_IF_ERROR(tier.only({"min_qty", "price"}, " in a tier"));
    O2C_ASSIGN_OR_RETURN(Quantity min_quantity, tier.quantity("min_qty"));
    O2C_ASSIGN_OR_RETURN(Money price, tier.money("price", currency));
    if (price.minor < 0) {
      return tier.error("negative_price", "price", "price " + format_money(price) + " is negative");
    }
    tiers.push_back(PriceTier{min_quantity, price});
  }
  return tiers;
}

Result<PricingPolicy> read_policy(const Fields& fields) {
  O2C_RETURN_IF_ERROR(fields.only(
      {"stacking", "max_discount_percent", "min_margin_percent", "tax_rounding"}, " in [policy]"));
  PricingPolicy policy;
  O2C_ASSIGN_OR_RETURN(std::string stacking, fields.text_or("stacking", "best_price"));
  if (stacking == "cumulative") {
    policy.stacking = Stacking::kCumulative;
  } else if (stacking != "best_price") {
    return fields.error("unknown_stacking", "stacking",
                        "stacking '" + stacking + "' is not best_price or cumulative");
  }
  O2C_ASSIGN_OR_RETURN(std::string rounding, fields.text_or("tax_rounding", "per_line"));
  if (rounding == "per_document") {
    policy.tax_rounding = TaxRounding::kPerDocument;
  } else if (rounding != "per_line") {
    return fields.error("unknown_tax_rounding", "tax_rounding",
                        "tax_rounding '" + rounding + "' is not per_line or per_document");
  }
  if (fields.has("max_discount_percent")) {
    O2C_ASSIGN_OR_RETURN(policy.max_discount,
                         fields.percent("max_discount_percent", kBasisPointsWhole));
  }
  if (fields.has("min_margin_percent")) {
    O2C_ASSIGN_OR_RETURN(policy.min_margin,
                         fields.percent("min_margin_percent", kMarginBasisPointsMax));
  }
  return policy;
}

Result<PriceList> read_price_list(Fields& fields) {
  O2C_RETURN_IF_ERROR(fields.only({"id", "currency", "segment", "valid_from", "valid_to", "prices"},
                                  " in a price list"));
  PriceList list;
  O2C_ASSIGN_OR_RETURN(list.id, fields.text("id"));
  fields.rename("price list '" + list.id + "'");
  O2C_ASSIGN_OR_RETURN(list.currency, fields.currency("currency"));
  O2C_ASSIGN_OR_RETURN(list.segment, fields.text_or("segment", ""));
  O2C_ASSIGN_OR_RETURN(list.valid_from, fields.date("valid_from"));
  O2C_ASSIGN_OR_RETURN(list.valid_to, fields.date("valid_to"));
  O2C_ASSIGN_OR_RETURN(std::vector<const toml::table*> prices, fields.tables("prices"));
  list.prices.reserve(prices.size());
  for (std::size_t j = 0; j < prices.size(); ++j) {
    Fields entry(*prices[j], item_path(fields, "prices", j), fields.what());
    O2C_RETURN_IF_ERROR(entry.only({"sku", "price", "tiers"}, " in a price"));
    PriceEntry price;
    O2C_ASSIGN_OR_RETURN(price.sku, entry.text("sku"));
    entry.rename(fields.what() + " for '" + price.sku + "'");
    O2C_ASSIGN_OR_RETURN(price.tiers, read_tiers(entry, list.currency));
    list.prices.push_back(std::move(price));
  }
  return list;
}

Result<ContractPrice> read_contract(Fields& fields) {
  O2C_RETURN_IF_ERROR(
      fields.only({"id", "customer", "sku", "currency", "price", "tiers", "valid_from", "valid_to"},
                  " in a contract"));
  ContractPrice contract;
  O2C_ASSIGN_OR_RETURN(contract.id, fields.text("id"));
  fields.rename("contract '" + contract.id + "'");
  O2C_ASSIGN_OR_RETURN(contract.customer_number, fields.text("customer"));
  O2C_ASSIGN_OR_RETURN(contract.sku, fields.text("sku"));
  O2C_ASSIGN_OR_RETURN(contract.currency, fields.currency("currency"));
  O2C_ASSIGN_OR_RETURN(contract.tiers, read_tiers(fields, contract.currency));
  O2C_ASSIGN_OR_RETURN(contract.valid_from, fields.date("valid_from"));
  O2C_ASSIGN_OR_RETURN(contract.valid_to, fields.date("valid_to"));
  return contract;
}

Result<PromotionKind> promotion_kind(const Fields& fields) {
  O2C_ASSIGN_OR_RETURN(std::string kind, fields.text("kind"));
  for (PromotionKind known :
       {PromotionKind::kPercentOff, PromotionKind::kAmountOff, PromotionKind::kBuyXGetY}) {
    if (kind == wire_name(known)) return known;
  }
  return fields.error("unknown_promotion_kind", "kind",
                      "kind '" + kind + "' is not percent_off, amount_off or buy_x_get_y");
}

Status read_promotion_effect(const Fields& fields, Promotion& promotion) {
  std::vector<std::string_view> known = {"id",       "kind",     "category",
                                         "skus",     "segments", "valid_from",
                                         "valid_to", "priority", "on_contract_prices"};
  switch (promotion.kind) {
    case PromotionKind::kPercentOff:
      known.push_back("percent");
      break;
    case PromotionKind::kAmountOff:
      known.insert(known.end(), {"amount", "currency", "per"});
      break;
    case PromotionKind::kBuyXGetY:
      known.insert(known.end(), {"buy", "free"});
      break;
  }
  O2C_RETURN_IF_ERROR(
      fields.only(known, " for a " + std::string(wire_name(promotion.kind)) + " promotion"));
  switch (promotion.kind) {
    case PromotionKind::kPercentOff: {
      O2C_ASSIGN_OR_RETURN(promotion.percent, fields.percent("percent", kBasisPointsWhole));
      break;
    }
    case PromotionKind::kAmountOff: {
      O2C_ASSIGN_OR_RETURN(Currency currency, fields.currency("currency"));
      O2C_ASSIGN_OR_RETURN(promotion.amount, fields.money("amount", currency));
      O2C_ASSIGN_OR_RETURN(std::string per, fields.text_or("per", "unit"));
      if (per == "line") {
        promotion.per = AmountPer::kLine;
      } else if (per != "unit") {
        return fields.error("unknown_amount_per", "per", "per '" + per + "' is not unit or line");
      }
      break;
    }
    case PromotionKind::kBuyXGetY: {
      if (!fields.has("buy")) return fields.error("field_missing", "buy", "field 'buy' is missing");
      if (!fields.has("free")) {
        return fields.error("field_missing", "free", "field 'free' is missing");
      }
      O2C_ASSIGN_OR_RETURN(promotion.buy_units, fields.integer("buy", 0));
      O2C_ASSIGN_OR_RETURN(promotion.free_units, fields.integer("free", 0));
      break;
    }
  }
  return {};
}

Result<Promotion> read_promotion(Fields& fields) {
  Promotion promotion;
  O2C_ASSIGN_OR_RETURN(promotion.id, fields.text("id"));
  fields.rename("promotion '" + promotion.id + "'");
  O2C_ASSIGN_OR_RETURN(promotion.kind, promotion_kind(fields));
  O2C_RETURN_IF_ERROR(read_promotion_effect(fields, promotion));
  O2C_ASSIGN_OR_RETURN(promotion.category, fields.text_or("category", ""));
  O2C_ASSIGN_OR_RETURN(promotion.skus, fields.texts("skus"));
  O2C_ASSIGN_OR_RETURN(promotion.segments, fields.texts("segments"));
  O2C_ASSIGN_OR_RETURN(promotion.valid_from, fields.date("valid_from"));
  O2C_ASSIGN_OR_RETURN(promotion.valid_to, fields.date("valid_to"));
  O2C_ASSIGN_OR_RETURN(std::int64_t priority, fields.integer("priority", 0));
  if (priority < -1'000'000 || priority > 1'000'000) {
    return fields.error("priority_out_of_range", "priority",
                        "priority must be between -1000000 and 1000000");
  }
  promotion.priority = static_cast<int>(priority);
  O2C_ASSIGN_OR_RETURN(promotion.on_contract_prices, fields.boolean("on_contract_prices", false));
  return promotion;
}

Result<Coupon> read_coupon(Fields& fields) {
  O2C_RETURN_IF_ERROR(
      fields.only({"code", "promotion", "valid_from", "valid_to", "single_use"}, " in a coupon"));
  Coupon coupon;
  O2C_ASSIGN_OR_RETURN(coupon.code, fields.text("code"));
  fields.rename("coupon '" + coupon.code + "'");
  O2C_ASSIGN_OR_RETURN(coupon.promotion_id, fields.text("promotion"));
  O2C_ASSIGN_OR_RETURN(coupon.valid_from, fields.date("valid_from"));
  O2C_ASSIGN_OR_RETURN(coupon.valid_to, fields.date("valid_to"));
  O2C_ASSIGN_OR_RETURN(coupon.single_use, fields.boolean("single_use", false));
  return coupon;
}

Result<TaxRateRule> read_tax_rate(Fields& fields) {
  O2C_RETURN_IF_ERROR(
      fields.only({"id", "category", "country", "region", "percent", "valid_from", "valid_to"},
                  " in a tax rate"));
  TaxRateRule rate;
  O2C_ASSIGN_OR_RETURN(rate.id, fields.text("id"));
  fields.rename("tax rate '" + rate.id + "'");
  O2C_ASSIGN_OR_RETURN(rate.category, fields.text("category"));
  O2C_ASSIGN_OR_RETURN(rate.country, fields.text("country"));
  O2C_ASSIGN_OR_RETURN(rate.region, fields.text_or("region", ""));
  O2C_ASSIGN_OR_RETURN(rate.rate, fields.percent("percent", kBasisPointsWhole));
  O2C_ASSIGN_OR_RETURN(rate.valid_from, fields.date("valid_from"));
  O2C_ASSIGN_OR_RETURN(rate.valid_to, fields.date("valid_to"));
  return rate;
}

// Reads every table of the array `key` with `read` into `out`.
template <typename Rule, typename Read>
Status read_all(const Fields& root, std::string_view key, std::string_view what, Read read,
                std::vector<Rule>& out) {
  O2C_ASSIGN_OR_RETURN(std::vector<const toml::table*> tables, root.tables(key));
  out.reserve(tables.size());
  for (std::size_t i = 0; i < tables.size(); ++i) {
    Fields fields(*tables[i], item_path(root, key, i),
                  std::string(what) + " " + item_path(root, key, i));
    O2C_ASSIGN_OR_RETURN(Rule rule, read(fields));
    out.push_back(std::move(rule));
  }
  return {};
}

Result<PriceRules> read_rules(const toml::table& document) {
  const Fields root(document, "", "the rules file");
  O2C_RETURN_IF_ERROR(
      root.only({"policy", "price_lists", "contracts", "promotions", "coupons", "tax_rates"}, ""));
  PriceRules rules;
  if (root.has("policy")) {
    const toml::table* policy = document.get("policy")->as_table();
    if (policy == nullptr) return root.wrong_type("policy", "a table");
    O2C_ASSIGN_OR_RETURN(rules.policy, read_policy(Fields(*policy, "policy", "the policy")));
  }
  O2C_RETURN_IF_ERROR(
      read_all(root, "price_lists", "price list", read_price_list, rules.price_lists));
  O2C_RETURN_IF_ERROR(read_all(root, "contracts", "contract", read_contract, rules.contracts));
  O2C_RETURN_IF_ERROR(read_all(root, "promotions", "promotion", read_promotion, rules.promotions));
  O2C_RETURN_IF_ERROR(read_all(root, "coupons", "coupon", read_coupon, rules.coupons));
  O2C_RETURN_IF_ERROR(read_all(root, "tax_rates", "tax rate", read_tax_rate, rules.tax_rates));
  return rules;
}

}  // namespace

Result<PriceBook> parse_price_rules(std::string_view toml_text) {
  if (toml_text.size() > kPriceRulesTextBytesMax) {
    return invalid_argument("rules_too_large",
                            "the rules file has " + std::to_string(toml_text.size()) +
                                " bytes; at most " + std::to_string(kPriceRulesTextBytesMax) +
                                " allowed");
  }
  toml::table document;
  try {
    document = toml::parse(toml_text);
  } catch (const toml::parse_error& failure) {
    const toml::source_position begin = failure.source().begin;
    return invalid_argument(
        "toml_syntax", "the rules file is not valid TOML: " + std::string(failure.description()),
        "line " + std::to_string(begin.line) + ", column " + std::to_string(begin.column));
  }
  O2C_ASSIGN_OR_RETURN(PriceRules rules, read_rules(document));
  return build_price_book(std::move(rules));
}

}  // namespace o2c
