// The demo: a realistic company running its order-to-cash cycle for five months. Everything
// goes through the same use cases the CLI and the API use; only the decisions a person would
// make (what to order, when to pay, whether to release a hold) come from a seeded generator.
#include <algorithm>
#include <map>
#include <random>

#include "app/use_case.h"
#include "core/limits.h"

namespace o2c::app {
namespace {

constexpr int kSimulatedDays = 150;
constexpr int kOrderingDays = 120;

constexpr std::string_view kCompanyWords[] = {
    "Nordwind", "Alpen",   "Rhein",  "Baltic",   "Hansa",  "Lumen",  "Kestrel", "Orion",
    "Falcon",   "Granite", "Harbor", "Meridian", "Summit", "Vertex", "Cobalt",  "Linden"};
constexpr std::string_view kCompanyKinds[] = {"Industrie GmbH", "Logistics Ltd", "Werke AG",
                                              "Trading Co",     "Systems Inc",   "Bau KG"};
constexpr std::string_view kProductWords[] = {"Pump",   "Valve",  "Sensor", "Cable",
                                              "Gasket", "Filter", "Motor",  "Bearing"};

enum class Payer : std::uint8_t { kPrompt, kLate, kVeryLate, kPartial, kOverpays, kNever };

struct SimulatedCustomer {
  std::string number;
  Currency currency;
  Payer payer = Payer::kPrompt;
};

struct ScheduledPayment {
  std::string customer_number;
  Money amount;
  std::string invoice_number;
  std::string reference;
  bool partial = false;
};

class DemoRun {
 public:
  DemoRun(Store& store, SettableClock& clock, const DemoOptions& options)
      : store_(store),
        clock_(clock),
        options_(options),
        random_(options.seed),
        context_{store, clock, "demo"} {}

  Result<DemoOutcome> run();

 private:
  std::int64_t pick(std::int64_t low, std::int64_t high) {
    return std::uniform_int_distribution<std::int64_t>(low, high)(random_);
  }
  bool chance(int percent) { return pick(1, 100) <= percent; }
  Date day(int index) const { return add_days(start_, index); }

  Status create_master_data();
  Status create_fx_rates(Currency usd, Currency gbp);
  Status create_products(Currency eur, Currency usd, Currency gbp);
  Status create_customers(Currency eur, Currency usd, Currency gbp);
  void pay_due(int today);
  void decide_holds();
  void ship_due(int today);
  void place_orders_of_day(int today, std::int64_t count);
  void receive_scarce_stock();
  void schedule_payment(const Invoice& invoice, int today);

  Store& store_;
  SettableClock& clock_;
  const DemoOptions& options_;
  std::mt19937_64 random_;
  Context context_;
  Date start_;
  DemoOutcome outcome_;
  std::vector<SimulatedCustomer> customers_;
  std::map<std::string, Payer> payer_of_;
  std::vector<std::string> skus_;
  std::vector<std::string> scarce_skus_;
  std::vector<std::string> held_;
  std::multimap<int, std::string> to_ship_;      // day → order number
  std::multimap<int, ScheduledPayment> to_pay_;  // day → payment
};

Status DemoRun::create_master_data() {
  O2C_ASSIGN_OR_RETURN(Currency eur, currency_from_code("EUR"));
  O2C_ASSIGN_OR_RETURN(Currency usd, currency_from_code("USD"));
  O2C_ASSIGN_OR_RETURN(Currency gbp, currency_from_code("GBP"));
  O2C_RETURN_IF_ERROR(set_tax_rate(context_, TaxRate{"standard", BasisPoints{1900}}));
  O2C_RETURN_IF_ERROR(set_tax_rate(context_, TaxRate{"reduced", BasisPoints{700}}));
  O2C_RETURN_IF_ERROR(set_tax_rate(context_, TaxRate{"exempt", BasisPoints{0}}));
  for (const auto& [code, name] :
       {std::pair{"WH-NORTH", "Hamburg"}, std::pair{"WH-SOUTH", "Munich"}}) {
    O2C_ASSIGN_OR_RETURN(Warehouse warehouse, add_warehouse(context_, Warehouse{{}, code, name}));
    (void)warehouse;
  }
  O2C_RETURN_IF_ERROR(create_fx_rates(usd, gbp));
  O2C_RETURN_IF_ERROR(create_products(eur, usd, gbp));
  return create_customers(eur, usd, gbp);
}

// A weekly rate for each foreign currency over the simulated days, a random walk of up to
// ±1 % a week, so that payments settle at other rates than their invoices (realised FX gains
// and losses). Drawn from its own generator: the rest of the run is as before.
Status DemoRun::create_fx_rates(Currency usd, Currency gbp) {
  std::mt19937_64 walk(options_.seed ^ 0xF00DULL);
  std::vector<FxRateInput> rates;
  for (auto [currency, micros] :
       {std::pair{usd, std::int64_t{920'000}}, std::pair{gbp, std::int64_t{1'170'000}}}) {
    for (int week = 0; week * 7 <= kSimulatedDays; ++week) {
      rates.push_back(FxRateInput{FxRateEntry{day(week * 7), currency, FxRate{micros}}, {}});
      const auto step = std::uniform_int_distribution<std::int64_t>(-100, 100)(walk);
      micros += micros * step / 10'000;
    }
  }
  O2C_ASSIGN_OR_RETURN(FxRatesOutcome outcome, set_fx_rates(context_, rates));
  (void)outcome;
  return {};
}

Status DemoRun::create_products(Currency eur, Currency usd, Currency gbp) {
  std::vector<Product> products;
  for (int i = 0; i < 24; ++i) {
    Product product;
    const std::string_view word =
        kProductWords[static_cast<std::size_t>(i) % std::size(kProductWords)];
    product.sku = std::string(word.substr(0, 3)) + "-" + std::to_string(100 + i * 7);
    for (char& c : product.sku) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    product.name = std::string(word) + " model " + std::to_string(100 + i * 7);
    product.tax_category = i % 8 == 7 ? "reduced" : "standard";
    const std::int64_t price = pick(5, 900) * 100 + pick(0, 99);
    product.list_prices = {Money{price, eur}, Money{price * 108 / 100, usd},
                           Money{price * 86 / 100, gbp}};
    product.standard_cost = Money{price * 55 / 100, eur};
    products.push_back(std::move(product));
  }
  for (Result<Product>& added : add_products(context_, products)) {
    if (!added) return added.error();
    skus_.push_back(added->sku);
  }
  for (std::size_t i = 0; i < skus_.size(); ++i) {
    const bool scarce = i % 6 == 5;  // a few products are always short: backorders
    if (scarce) scarce_skus_.push_back(skus_[i]);
    for (const char* warehouse : {"WH-NORTH", "WH-SOUTH"}) {
      const std::int64_t units =
          scarce ? pick(3, 10) : pick(200, 600) * (options_.orders / 500 + 1);
      O2C_ASSIGN_OR_RETURN(
          ReceiptOutcome receipt,
          receive_stock(context_, StockReceipt{skus_[i], warehouse, o2c::units(units)}));
      (void)receipt;
    }
  }
  outcome_.products = static_cast<std::int64_t>(skus_.size());
  return {};
}

Status DemoRun::create_customers(Currency eur, Currency usd, Currency gbp) {
  struct Segment {
    const char* name;
    const char* terms;
    std::int64_t limit_major;
  };
  constexpr Segment kSegments[] = {{"enterprise", "NET60", 3'000'000},
                                   {"smb", "NET30", 600'000},
                                   {"smb", "EOM30", 400'000},
                                   {"retail", "NET14", 150'000},
                                   {"retail", "DUE", 80'000}};
  std::vector<Customer> customers;
  for (int i = 0; i < 40; ++i) {
    const Segment& segment = kSegments[static_cast<std::size_t>(pick(0, 4))];
    Customer customer;
    char number[16];
    std::snprintf(number, sizeof number, "C-%04d", i + 1);
    customer.number = number;
    customer.name =
        std::string(kCompanyWords[static_cast<std::size_t>(i) % std::size(kCompanyWords)]) + " " +
        std::string(kCompanyKinds[static_cast<std::size_t>(i) % std::size(kCompanyKinds)]);
    const int currency_roll = static_cast<int>(pick(1, 100));
    customer.currency = currency_roll <= 80 ? eur : currency_roll <= 92 ? usd : gbp;
    O2C_ASSIGN_OR_RETURN(customer.terms, parse_payment_terms(segment.terms));
    // Every seventh customer has a tight limit, so orders go on credit hold.
    const std::int64_t limit = i % 7 == 3 ? 2'500 : segment.limit_major;
    customer.credit_limit = Money{limit * 100, customer.currency};
    customer.segment = segment.name;
    customer.billing_address = {std::to_string(i + 1) + " Market Street", "Hamburg", "20095", "DE",
                                ""};
    customer.shipping_address = customer.billing_address;
    customer.email = "ap@" + customer.number + ".example";
    customers.push_back(std::move(customer));
  }
  constexpr Payer kPayers[] = {Payer::kPrompt,  Payer::kPrompt,   Payer::kPrompt,
                               Payer::kLate,    Payer::kLate,     Payer::kVeryLate,
                               Payer::kPartial, Payer::kOverpays, Payer::kNever};
  for (Result<Customer>& added : add_customers(context_, customers)) {
    if (!added) return added.error();
    const Payer payer = kPayers[static_cast<std::size_t>(pick(0, std::size(kPayers) - 1))];
    customers_.push_back(SimulatedCustomer{added->number, added->currency, payer});
    payer_of_[added->number] = payer;
  }
  outcome_.customers = static_cast<std::int64_t>(customers_.size());
  return {};
}

void DemoRun::schedule_payment(const Invoice& invoice, int today) {
  const Payer payer = payer_of_[invoice.customer_number];
  const int due = today + static_cast<int>(days_between(invoice.invoice_date, invoice.due_date));
  ScheduledPayment payment{invoice.customer_number, invoice.gross_total, invoice.number,
                           "REM " + invoice.number, false};
  switch (payer) {
    case Payer::kPrompt:
      to_pay_.emplace(due - static_cast<int>(pick(0, 5)), payment);
      break;
    case Payer::kLate:
      to_pay_.emplace(due + static_cast<int>(pick(5, 40)), payment);
      break;
    case Payer::kVeryLate:
      to_pay_.emplace(due + static_cast<int>(pick(60, 120)), payment);
      break;
    case Payer::kPartial: {
      ScheduledPayment first = payment;
      first.amount.minor = payment.amount.minor * 40 / 100;
      first.partial = true;
      first.reference += " part 1";
      if (first.amount.minor > 0) to_pay_.emplace(due, first);
      ScheduledPayment rest = payment;
      rest.amount.minor -= first.amount.minor;
      rest.reference += " part 2";
      to_pay_.emplace(due + static_cast<int>(pick(20, 50)), rest);
      break;
    }
    case Payer::kOverpays:
      payment.amount.minor += 1000;  // rounds up: the rest stays as unapplied cash
      to_pay_.emplace(due + static_cast<int>(pick(-3, 10)), payment);
      break;
    case Payer::kNever:
      break;
  }
}

void DemoRun::pay_due(int today) {
  std::vector<PaymentRequest> requests;
  std::vector<const ScheduledPayment*> scheduled;
  for (auto [it, end] = to_pay_.equal_range(today); it != end; ++it) {
    const ScheduledPayment& payment = it->second;
    const PaymentMethod method = chance(70)   ? PaymentMethod::kBankTransfer
                                 : chance(50) ? PaymentMethod::kCard
                                              : PaymentMethod::kCheque;
    requests.push_back(PaymentRequest{payment.customer_number,
                                      payment.amount,
                                      day(today),
                                      method,
                                      payment.reference,
                                      {payment.invoice_number}});
    scheduled.push_back(&payment);
  }
  std::vector<Result<PaymentOutcome>> results = record_payments(context_, requests);
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (!results[i]) continue;
    ++outcome_.payments;
    if (scheduled[i]->partial) ++outcome_.partial_payments;
    if (results[i]->payment.unapplied.minor > 0) ++outcome_.overpayments;
  }
}

void DemoRun::decide_holds() {
  for (const std::string& number : held_) {
    if (chance(80)) {
      if (release_order(context_, number)) {
        ++outcome_.holds_released;
        to_ship_.emplace(0, number);  // ships on the next shipping pass
      }
    } else if (reject_order(context_, number, "customer over limit and overdue")) {
      ++outcome_.holds_rejected;
    }
  }
  held_.clear();
}

void DemoRun::ship_due(int today) {
  std::vector<ShipRequest> requests;
  for (auto it = to_ship_.begin(); it != to_ship_.end() && it->first <= today;) {
    ShipRequest request{it->second, {}};
    if (chance(15)) request.lines.push_back(ShipRequestLine{1, o2c::units(1)});  // partial
    requests.push_back(std::move(request));
    it = to_ship_.erase(it);
  }
  std::vector<Result<ShipOutcome>> results = ship_orders(context_, requests);
  for (std::size_t i = 0; i < results.size(); ++i) {
    Result<ShipOutcome>& result = results[i];
    if (!result) {
      // Nothing reserved yet (a backorder) or the partial line was already shipped: retry
      // in a few days; rejected and complete orders drop out.
      if (result.error().reason == "nothing_to_ship" ||
          result.error().reason == "quantity_exceeds_reserved")
        to_ship_.emplace(today + 3, requests[i].order_number);
      continue;
    }
    ++outcome_.shipments;
    if (result->order_state != OrderState::kComplete) {
      ++outcome_.partial_shipments;
      to_ship_.emplace(today + static_cast<int>(pick(2, 6)), requests[i].order_number);
    }
    if (result->invoice) schedule_payment(*result->invoice, today);
  }
}

void DemoRun::place_orders_of_day(int today, std::int64_t count) {
  std::vector<OrderRequest> requests;
  for (std::int64_t i = 0; i < count; ++i) {
    const SimulatedCustomer& customer = customers_[static_cast<std::size_t>(
        pick(0, static_cast<std::int64_t>(customers_.size()) - 1))];
    OrderRequest request;
    request.customer_number = customer.number;
    request.customer_reference = "PO-" + std::to_string(pick(10000, 99999));
    const std::int64_t lines = pick(1, 4);
    for (std::int64_t l = 0; l < lines; ++l) {
      const std::string& sku =
          skus_[static_cast<std::size_t>(pick(0, static_cast<std::int64_t>(skus_.size()) - 1))];
      const BasisPoints discount{chance(20) ? static_cast<std::int32_t>(pick(1, 15) * 100) : 0};
      request.lines.push_back(OrderLineRequest{sku, o2c::units(pick(1, 12)), discount});
    }
    if (chance(10)) request.order_discount = BasisPoints{250};
    requests.push_back(std::move(request));
  }
  std::vector<Result<PlacedOrder>> results = place_orders(context_, requests);
  for (Result<PlacedOrder>& result : results) {
    if (!result) continue;
    ++outcome_.orders_placed;
    if (result->order.state == OrderState::kOnCreditHold) {
      ++outcome_.orders_held;
      held_.push_back(result->order.number);
    } else {
      to_ship_.emplace(today + static_cast<int>(pick(1, 3)), result->order.number);
    }
  }
}

void DemoRun::receive_scarce_stock() {
  for (const std::string& sku : scarce_skus_) {
    Result<ReceiptOutcome> receipt =
        receive_stock(context_, StockReceipt{sku, "WH-NORTH", o2c::units(pick(20, 60))});
    if (receipt)
      outcome_.backorders_filled += static_cast<std::int64_t>(receipt->orders_filled.size());
  }
}

Result<DemoOutcome> DemoRun::run() {
  start_ = add_days(options_.as_of, -kSimulatedDays);
  clock_.set(start_);
  O2C_RETURN_IF_ERROR(create_master_data());
  std::int64_t remaining = options_.orders;
  for (int today = 0; today <= kSimulatedDays; ++today) {
    clock_.set(Timestamp{start_of_day(day(today)).unix_micros + 9 * 3'600'000'000LL});
    pay_due(today);
    decide_holds();
    ship_due(today);
    if (today < kOrderingDays) {
      const std::int64_t count = remaining / (kOrderingDays - today);
      place_orders_of_day(today, count);
      remaining -= count;
    }
    if (today % 7 == 6) receive_scarce_stock();
    if (options_.progress) options_.progress(outcome_.orders_placed, options_.orders);
  }
  O2C_ASSERT(remaining == 0);
  return outcome_;
}

}  // namespace

Result<DemoOutcome> run_demo(Store& store, SettableClock& clock, const DemoOptions& options) {
  if (options.orders < 1 || options.orders > kDemoOrdersMax)
    return invalid_argument("invalid_order_count", "--orders must be between 1 and 10,000,000",
                            "--orders");
  DemoRun run(store, clock, options);
  return run.run();
}

}  // namespace o2c::app
