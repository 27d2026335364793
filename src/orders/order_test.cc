#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "core/date.h"
#include "core/limits.h"
#include "core/money.h"
#include "orders/orders.h"

namespace o2c {
namespace {

Currency currency(std::string_view code) { return currency_from_code(code).value(); }
Money money(std::string_view text, std::string_view code) {
  return parse_money(text, currency(code)).value();
}
Money eur(std::string_view text) { return money(text, "EUR"); }
Date date(std::string_view text) { return parse_date(text).value(); }

// Master data shared by the tests: one customer and a few products.
struct World {
  Customer customer;
  Customer inactive_customer;
  Product widget;   // W-100: EUR and USD prices, standard tax
  Product gadget;   // W-200: EUR price, reduced tax
  Product retired;  // W-300: no longer sold
  Product us_only;  // W-400: only a USD price
};

const World& world() {
  static const World instance = [] {
    World w;
    w.customer.id = CustomerId{11};
    w.customer.number = "C-0001";
    w.customer.name = "Acme GmbH";
    w.customer.currency = currency("EUR");
    w.customer.terms = parse_payment_terms("NET30").value();
    w.customer.credit_limit = eur("5000.00");
    w.customer.shipping_address = Address{"Lagerweg 3", "Hamburg", "20095", "DE", ""};
    w.inactive_customer = w.customer;
    w.inactive_customer.active = false;

    w.widget.id = ProductId{101};
    w.widget.sku = "W-100";
    w.widget.name = "Widget";
    w.widget.list_prices = {money("21.50", "USD"), eur("19.99")};
    w.gadget.id = ProductId{102};
    w.gadget.sku = "W-200";
    w.gadget.name = "Gadget";
    w.gadget.tax_category = "reduced";
    w.gadget.list_prices = {eur("5.00")};
    w.retired.id = ProductId{103};
    w.retired.sku = "W-300";
    w.retired.name = "Old widget";
    w.retired.list_prices = {eur("1.00")};
    w.retired.active = false;
    w.us_only.id = ProductId{104};
    w.us_only.sku = "W-400";
    w.us_only.name = "US widget";
    w.us_only.list_prices = {money("9.00", "USD")};
    return w;
  }();
  return instance;
}

// An order request together with what app/ looked up for it.
struct Draft {
  const Customer* customer = &world().customer;
  OrderRequest request;
  std::vector<const Product*> products;

  void add_line(const Product* product, std::string_view sku, std::int64_t quantity_milli,
                std::int32_t discount = 0) {
    request.lines.push_back(
        OrderLineRequest{std::string(sku), Quantity{quantity_milli}, BasisPoints{discount}});
    products.push_back(product);
  }
};

Draft valid_draft() {
  Draft draft;
  draft.request.customer_number = "C-0001";
  draft.add_line(&world().widget, "W-100", 2'000);
  return draft;
}

Result<Order> validate(const Draft& draft) {
  const OrderContext context{draft.customer, draft.products, date("2026-03-02")};
  return validate_order(draft.request, context);
}

std::string reason_of(const Draft& draft) {
  const Result<Order> order = validate(draft);
  return order.has_value() ? std::string("ok") : order.error().reason;
}

// ---- validate_order: success -------------------------------------------------------------

TEST(ValidateOrder, BuildsAnUnpricedOpenOrderFromMasterData) {
  Draft draft = valid_draft();
  draft.request.currency_code = "EUR";
  draft.request.order_discount = BasisPoints{500};
  draft.request.customer_reference = "PO-4711";
  draft.add_line(&world().gadget, "W-200", 1'500, 1'000);

  const Result<Order> order = validate(draft);
  ASSERT_TRUE(order.has_value()) << order.error().message;
  EXPECT_EQ(order->customer, CustomerId{11});
  EXPECT_EQ(order->customer_number, "C-0001");
  EXPECT_EQ(order->currency, currency("EUR"));
  EXPECT_EQ(format_date(order->order_date), "2026-03-02");
  EXPECT_EQ(order->state, OrderState::kOpen);
  EXPECT_EQ(order->order_discount, BasisPoints{500});
  EXPECT_EQ(order->customer_reference, "PO-4711");
  EXPECT_EQ(order->net_total, eur("0"));
  EXPECT_EQ(order->tax_total, eur("0"));
  EXPECT_EQ(order->gross_total, eur("0"));
  ASSERT_EQ(order->lines.size(), 2u);

  const OrderLine& first = order->lines[0];
  EXPECT_EQ(first.line_no, 1);
  EXPECT_EQ(first.product, ProductId{101});
  EXPECT_EQ(first.sku, "W-100");
  EXPECT_EQ(first.description, "Widget");
  EXPECT_EQ(first.quantity, units(2));
  EXPECT_EQ(format_money(first.unit_price), "19.99 EUR");  // the EUR price, not the USD one
  EXPECT_EQ(first.discount, BasisPoints{0});
  EXPECT_EQ(first.tax_category, "standard");
  EXPECT_EQ(first.net, eur("0"));
  EXPECT_EQ(first.tax, eur("0"));
  EXPECT_EQ(first.shipped, Quantity{0});
  EXPECT_EQ(first.invoiced, Quantity{0});
  EXPECT_TRUE(first.reservations.empty());

  const OrderLine& second = order->lines[1];
  EXPECT_EQ(second.line_no, 2);
  EXPECT_EQ(second.sku, "W-200");
  EXPECT_EQ(second.quantity, Quantity{1'500});
  EXPECT_EQ(format_money(second.unit_price), "5.00 EUR");
  EXPECT_EQ(second.discount, BasisPoints{1'000});
  EXPECT_EQ(second.tax_category, "reduced");
}

TEST(ValidateOrder, CopiesTheCaptureFields) {
  Draft draft = valid_draft();
  draft.request.customer_reference = "PO-4711";
  draft.request.channel = SalesChannel::kPortal;
  draft.request.requested_delivery_date = date("2026-03-20");
  draft.request.ship_to = Address{"1 Rue de Rivoli", "Paris", "75001", "FR", ""};
  draft.request.notes = "Deliver to gate 2, \"Max\"\nmornings only";

  const Result<Order> order = validate(draft);
  ASSERT_TRUE(order.has_value()) << order.error().message;
  EXPECT_EQ(order->customer_reference, "PO-4711");
  EXPECT_EQ(order->channel, SalesChannel::kPortal);
  ASSERT_TRUE(order->requested_delivery_date.has_value());
  EXPECT_EQ(format_date(*order->requested_delivery_date), "2026-03-20");
  EXPECT_EQ(order->ship_to.line, "1 Rue de Rivoli");
  EXPECT_EQ(order->ship_to.city, "Paris");
  EXPECT_EQ(order->ship_to.postal_code, "75001");
  EXPECT_EQ(order->ship_to.country, "FR");
  EXPECT_EQ(order->notes, "Deliver to gate 2, \"Max\"\nmornings only");
  EXPECT_TRUE(order->approvals.empty());
  EXPECT_FALSE(order->manual_hold.has_value());
  EXPECT_TRUE(order->cancellation_reason.empty());
}

TEST(ValidateOrder, CaptureFieldsDefaultSensibly) {
  const Result<Order> order = validate(valid_draft());
  ASSERT_TRUE(order.has_value());
  EXPECT_EQ(order->channel, SalesChannel::kApi);
  EXPECT_FALSE(order->requested_delivery_date.has_value());
  EXPECT_TRUE(order->notes.empty());
  // No ship-to in the request: the goods go to the customer's shipping address.
  EXPECT_EQ(order->ship_to.line, "Lagerweg 3");
  EXPECT_EQ(order->ship_to.city, "Hamburg");
  EXPECT_EQ(order->ship_to.postal_code, "20095");
  EXPECT_EQ(order->ship_to.country, "DE");
}

TEST(ValidateOrder, AcceptsCaptureFieldsAtTheirLimits) {
  Draft draft = valid_draft();
  draft.request.requested_delivery_date = date("2026-03-02");  // the order date itself
  draft.request.customer_reference = std::string(kCustomerReferenceBytesMax, 'P');
  draft.request.notes = std::string(kOrderNotesBytesMax, 'n');
  draft.request.ship_to = Address{std::string(kNameBytesMax, 'l'), std::string(kNameBytesMax, 'c'),
                                  std::string(kNameBytesMax, '9'), "ZZ", ""};
  EXPECT_EQ(reason_of(draft), "ok");
  draft.request.ship_to = Address{"Main St 1", "Dubai", "", "AE", ""};  // no postal code there
  EXPECT_EQ(reason_of(draft), "ok");
}

TEST(ValidateOrder, CarriesCouponsAndTheShipToRegionUnredeemed) {
  Draft draft = valid_draft();
  draft.request.coupon_codes = {"SPRING10", "LOYAL5"};
  draft.request.ship_to = Address{"1 Broadway", "New York", "10004", "US", "NY"};
  const Result<Order> order = validate(draft);
  ASSERT_TRUE(order.has_value()) << order.error().message;
  ASSERT_EQ(order->coupons.size(), 2u);
  EXPECT_EQ(order->coupons[0].code, "SPRING10");
  EXPECT_FALSE(order->coupons[0].redeemed);
  EXPECT_EQ(order->coupons[1].code, "LOYAL5");
  EXPECT_EQ(order->ship_to.region, "NY");
  // A region is an ISO 3166-2 subdivision code: at most three characters.
  draft.request.ship_to->region = "NYC";
  EXPECT_EQ(reason_of(draft), "ok");
  draft.request.ship_to->region = "NYCX";
  const Result<Order> refused = validate(draft);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().reason, "ship_to_invalid");
  EXPECT_EQ(refused.error().where, "order.ship_to.region");
}

TEST(ValidateOrder, WithPriceRulesAProductNeedsNoCatalogPrice) {
  Draft draft = valid_draft();
  draft.request.lines.clear();
  draft.products.clear();
  draft.add_line(&world().us_only, "W-400", 1'000);  // no EUR price
  EXPECT_EQ(reason_of(draft), "price_unknown");
  const OrderContext context{draft.customer, draft.products, date("2026-03-02"),
                             /*catalog_price_required=*/false};
  const Result<Order> order = validate_order(draft.request, context);
  ASSERT_TRUE(order.has_value()) << order.error().message;
  EXPECT_EQ(order->lines[0].unit_price, eur("0.00"));  // the engine finds the price
}

TEST(ValidateOrder, CurrencyMayBeOmitted) {
  const Result<Order> order = validate(valid_draft());
  ASSERT_TRUE(order.has_value());
  EXPECT_EQ(order->currency, currency("EUR"));
}

TEST(ValidateOrder, AcceptsBoundaryValues) {
  Draft draft = valid_draft();
  draft.request.order_discount = BasisPoints{kBasisPointsWhole};
  draft.add_line(&world().widget, "W-100", kQuantityMilliMax, kBasisPointsWhole);
  draft.add_line(&world().widget, "W-100", 1, 0);  // one thousandth of a unit
  EXPECT_EQ(reason_of(draft), "ok");

  Draft longest;
  longest.request.customer_number = "C-0001";
  for (std::size_t i = 0; i < kOrderLinesMax; ++i) longest.add_line(&world().widget, "W-100", 1);
  EXPECT_EQ(reason_of(longest), "ok");
}

// ---- validate_order: each rejection --------------------------------------------------------

struct RejectionCase {
  std::string name;
  void (*change)(Draft&);
  OrderRejection rejection;
  ErrorKind kind;
  std::string where;
};

std::vector<RejectionCase> rejection_cases() {
  using R = OrderRejection;
  return {
      {"unknown customer", [](Draft& d) { d.customer = nullptr; }, R::kCustomerNotFound,
       ErrorKind::kNotFound, "order.customer"},
      {"inactive customer", [](Draft& d) { d.customer = &world().inactive_customer; },
       R::kCustomerInactive, ErrorKind::kFailedPrecondition, "order.customer"},
      {"order in USD", [](Draft& d) { d.request.currency_code = "USD"; }, R::kCurrencyMismatch,
       ErrorKind::kInvalidArgument, "order.currency"},
      {"order currency in lower case", [](Draft& d) { d.request.currency_code = "eur"; },
       R::kCurrencyMismatch, ErrorKind::kInvalidArgument, "order.currency"},
      {"no lines",
       [](Draft& d) {
         d.request.lines.clear();
         d.products.clear();
       },
       R::kNoLines, ErrorKind::kInvalidArgument, "order.lines"},
      {"one line too many",
       [](Draft& d) {
         while (d.request.lines.size() <= kOrderLinesMax) d.add_line(&world().widget, "W-100", 1);
       },
       R::kTooManyLines, ErrorKind::kInvalidArgument, "order.lines"},
      {"unknown SKU on line 2", [](Draft& d) { d.add_line(nullptr, "NOPE", 1'000); },
       R::kProductNotFound, ErrorKind::kNotFound, "lines[1].sku"},
      {"retired product", [](Draft& d) { d.add_line(&world().retired, "W-300", 1'000); },
       R::kProductInactive, ErrorKind::kFailedPrecondition, "lines[1].sku"},
      {"zero quantity", [](Draft& d) { d.request.lines[0].quantity = Quantity{0}; },
       R::kQuantityMustBePositive, ErrorKind::kInvalidArgument, "lines[0].quantity"},
      {"negative quantity", [](Draft& d) { d.request.lines[0].quantity = Quantity{-1}; },
       R::kQuantityMustBePositive, ErrorKind::kInvalidArgument, "lines[0].quantity"},
      {"quantity over a billion units",
       [](Draft& d) { d.request.lines[0].quantity = Quantity{kQuantityMilliMax + 1}; },
       R::kQuantityTooLarge, ErrorKind::kInvalidArgument, "lines[0].quantity"},
      {"no EUR price", [](Draft& d) { d.add_line(&world().us_only, "W-400", 1'000); },
       R::kPriceUnknown, ErrorKind::kFailedPrecondition, "lines[1].sku"},
      {"line discount over 100 %",
       [](Draft& d) { d.request.lines[0].discount = BasisPoints{10'001}; }, R::kDiscountOutOfRange,
       ErrorKind::kInvalidArgument, "lines[0].discount"},
      {"negative line discount", [](Draft& d) { d.request.lines[0].discount = BasisPoints{-1}; },
       R::kDiscountOutOfRange, ErrorKind::kInvalidArgument, "lines[0].discount"},
      {"order discount over 100 %",
       [](Draft& d) { d.request.order_discount = BasisPoints{10'001}; }, R::kDiscountOutOfRange,
       ErrorKind::kInvalidArgument, "order.discount"},
      {"negative order discount", [](Draft& d) { d.request.order_discount = BasisPoints{-1}; },
       R::kDiscountOutOfRange, ErrorKind::kInvalidArgument, "order.discount"},
      {"requested the day before the order date",
       [](Draft& d) { d.request.requested_delivery_date = date("2026-03-01"); },
       R::kRequestedDateInPast, ErrorKind::kInvalidArgument, "order.requested_delivery_date"},
      {"ship-to without street",
       [](Draft& d) {
         d.request.ship_to = Address{"", "Paris", "75001", "FR", ""};
       },
       R::kShipToInvalid, ErrorKind::kInvalidArgument, "order.ship_to.line"},
      {"ship-to without city",
       [](Draft& d) {
         d.request.ship_to = Address{"1 Rue X", "", "75001", "FR", ""};
       },
       R::kShipToInvalid, ErrorKind::kInvalidArgument, "order.ship_to.city"},
      {"ship-to without country",
       [](Draft& d) {
         d.request.ship_to = Address{"1 Rue X", "Paris", "75001", "", ""};
       },
       R::kShipToInvalid, ErrorKind::kInvalidArgument, "order.ship_to.country"},
      {"ship-to country in lower case",
       [](Draft& d) {
         d.request.ship_to = Address{"1 Rue X", "Paris", "75001", "fr", ""};
       },
       R::kShipToInvalid, ErrorKind::kInvalidArgument, "order.ship_to.country"},
      {"ship-to country of three letters",
       [](Draft& d) {
         d.request.ship_to = Address{"1 Rue X", "Paris", "75001", "FRA", ""};
       },
       R::kShipToInvalid, ErrorKind::kInvalidArgument, "order.ship_to.country"},
      {"ship-to street over the limit",
       [](Draft& d) {
         d.request.ship_to = Address{std::string(kNameBytesMax + 1, 'x'), "Paris", "", "FR", ""};
       },
       R::kShipToInvalid, ErrorKind::kInvalidArgument, "order.ship_to.line"},
      {"ship-to city over the limit",
       [](Draft& d) {
         d.request.ship_to = Address{"1 Rue X", std::string(kNameBytesMax + 1, 'x'), "", "FR", ""};
       },
       R::kShipToInvalid, ErrorKind::kInvalidArgument, "order.ship_to.city"},
      {"ship-to postal code over the limit",
       [](Draft& d) {
         d.request.ship_to =
             Address{"1 Rue X", "Paris", std::string(kNameBytesMax + 1, '9'), "FR", ""};
       },
       R::kShipToInvalid, ErrorKind::kInvalidArgument, "order.ship_to.postal_code"},
      {"PO number one byte too long",
       [](Draft& d) {
         d.request.customer_reference = std::string(kCustomerReferenceBytesMax + 1, 'P');
       },
       R::kTextTooLong, ErrorKind::kInvalidArgument, "order.customer_reference"},
      {"notes one byte too long",
       [](Draft& d) { d.request.notes = std::string(kOrderNotesBytesMax + 1, 'n'); },
       R::kTextTooLong, ErrorKind::kInvalidArgument, "order.notes"},
  };
}

TEST(ValidateOrder, EachRejectionHasItsReasonKindAndPlace) {
  for (const RejectionCase& test_case : rejection_cases()) {
    SCOPED_TRACE(test_case.name);
    Draft draft = valid_draft();
    test_case.change(draft);
    const Result<Order> order = validate(draft);
    ASSERT_FALSE(order.has_value());
    EXPECT_EQ(order.error().reason, wire_name(test_case.rejection));
    EXPECT_EQ(order.error().kind, test_case.kind);
    EXPECT_EQ(order.error().where, test_case.where);
    EXPECT_FALSE(order.error().message.empty());
  }
}

TEST(ValidateOrder, EveryRejectionIsProducedBySomeCase) {
  // Meta-test (STYLE.md rule 16): a new OrderRejection needs a case above.
  std::set<std::string> produced;
  for (const RejectionCase& test_case : rejection_cases()) {
    Draft draft = valid_draft();
    test_case.change(draft);
    const Result<Order> order = validate(draft);
    if (!order.has_value()) produced.insert(order.error().reason);
  }
  constexpr std::uint16_t kLastRejection = 14;
  for (std::uint16_t value = 1; value <= kLastRejection; ++value) {
    const std::string_view name = wire_name(static_cast<OrderRejection>(value));
    EXPECT_TRUE(produced.contains(std::string(name))) << "no case produces " << name;
  }
}

TEST(ValidateOrder, MessagesNameWhatIsWrong) {
  Draft unknown_customer = valid_draft();
  unknown_customer.customer = nullptr;
  unknown_customer.request.customer_number = "C-9999";
  EXPECT_NE(validate(unknown_customer).error().message.find("C-9999"), std::string::npos);

  Draft unknown_sku = valid_draft();
  unknown_sku.add_line(nullptr, "NOPE-1", 1'000);
  EXPECT_NE(validate(unknown_sku).error().message.find("NOPE-1"), std::string::npos);

  Draft no_price = valid_draft();
  no_price.add_line(&world().us_only, "W-400", 1'000);
  const std::string message = validate(no_price).error().message;
  EXPECT_NE(message.find("W-400"), std::string::npos) << message;
  EXPECT_NE(message.find("EUR"), std::string::npos) << message;
}

// ---- validate_order: precedence ------------------------------------------------------------

TEST(ValidateOrderPrecedence, UnknownCustomerBeatsBadQuantity) {
  Draft draft = valid_draft();
  draft.customer = nullptr;
  draft.request.lines[0].quantity = Quantity{0};
  EXPECT_EQ(reason_of(draft), "customer_not_found");
}

TEST(ValidateOrderPrecedence, FixingOneFaultRevealsTheNextInOrder) {
  // Order-level checks come first, in enum order, then each line in enum order.
  Draft draft = valid_draft();
  draft.customer = nullptr;
  draft.request.currency_code = "USD";
  draft.request.lines.clear();
  draft.products.clear();

  EXPECT_EQ(reason_of(draft), "customer_not_found");
  draft.customer = &world().inactive_customer;
  EXPECT_EQ(reason_of(draft), "customer_inactive");
  draft.customer = &world().customer;
  EXPECT_EQ(reason_of(draft), "currency_mismatch");
  draft.request.currency_code = "EUR";
  EXPECT_EQ(reason_of(draft), "no_lines");

  draft.add_line(&world().retired, "W-300", 0, 20'000);
  EXPECT_EQ(reason_of(draft), "product_inactive");
  draft.products[0] = &world().us_only;
  draft.request.lines[0].quantity = Quantity{kQuantityMilliMax + 1};
  // W-400 has no EUR price and the quantity is too large: the quantity is checked first.
  EXPECT_EQ(reason_of(draft), "quantity_too_large");
  draft.request.lines[0].quantity = Quantity{0};
  EXPECT_EQ(reason_of(draft), "quantity_must_be_positive");
  draft.request.lines[0].quantity = units(1);
  EXPECT_EQ(reason_of(draft), "price_unknown");
  draft.products[0] = &world().widget;
  EXPECT_EQ(reason_of(draft), "discount_out_of_range");
  draft.request.lines[0].discount = BasisPoints{0};
  EXPECT_EQ(reason_of(draft), "ok");
}

TEST(ValidateOrderPrecedence, CaptureFieldsAreCheckedAfterTheOrderDiscountAndBeforeLines) {
  Draft draft = valid_draft();
  draft.request.order_discount = BasisPoints{10'001};
  draft.request.requested_delivery_date = date("2026-01-01");
  draft.request.ship_to = Address{"", "", "", "", ""};
  draft.request.notes = std::string(kOrderNotesBytesMax + 1, 'n');
  draft.request.customer_reference = std::string(kCustomerReferenceBytesMax + 1, 'P');
  draft.add_line(nullptr, "NOPE", 0);

  EXPECT_EQ(reason_of(draft), "discount_out_of_range");
  draft.request.order_discount = BasisPoints{0};
  EXPECT_EQ(reason_of(draft), "requested_date_in_past");
  draft.request.requested_delivery_date.reset();
  EXPECT_EQ(reason_of(draft), "ship_to_invalid");
  draft.request.ship_to.reset();
  const Result<Order> po = validate(draft);
  ASSERT_FALSE(po.has_value());
  EXPECT_EQ(po.error().where, "order.customer_reference");  // the PO number before the notes
  draft.request.customer_reference.clear();
  EXPECT_EQ(validate(draft).error().where, "order.notes");
  draft.request.notes.clear();
  EXPECT_EQ(reason_of(draft), "product_not_found");
}

TEST(ValidateOrderPrecedence, ShipToFieldsAreCheckedLineCityCountryThenLengths) {
  Draft draft = valid_draft();
  draft.request.ship_to = Address{"", "", std::string(kNameBytesMax + 1, '9'), "x", ""};
  EXPECT_EQ(validate(draft).error().where, "order.ship_to.line");
  draft.request.ship_to->line = "Main St 1";
  EXPECT_EQ(validate(draft).error().where, "order.ship_to.city");
  draft.request.ship_to->city = "Springfield";
  EXPECT_EQ(validate(draft).error().where, "order.ship_to.country");
  draft.request.ship_to->country = "US";
  EXPECT_EQ(validate(draft).error().where, "order.ship_to.postal_code");
  draft.request.ship_to->postal_code = "12345";
  EXPECT_EQ(reason_of(draft), "ok");
}

TEST(ValidateOrderPrecedence, TooManyLinesBeatsFaultyLines) {
  Draft draft = valid_draft();
  while (draft.request.lines.size() <= kOrderLinesMax) draft.add_line(nullptr, "NOPE", 0);
  EXPECT_EQ(reason_of(draft), "too_many_lines");
}

TEST(ValidateOrderPrecedence, AnEarlierLineIsReportedBeforeALaterOne) {
  Draft draft = valid_draft();
  draft.request.lines[0].discount = BasisPoints{10'001};
  draft.add_line(nullptr, "NOPE", 1'000);
  const Result<Order> order = validate(draft);
  ASSERT_FALSE(order.has_value());
  EXPECT_EQ(order.error().reason, "discount_out_of_range");
  EXPECT_EQ(order.error().where, "lines[0].discount");
}

TEST(ValidateOrderPrecedence, OrderDiscountIsCheckedBeforeTheLines) {
  // The order discount is an order-level field, so it is checked with the order-level
  // checks, before any line, even though its enumerator is numbered last.
  Draft draft = valid_draft();
  draft.request.order_discount = BasisPoints{10'001};
  draft.add_line(nullptr, "NOPE", 1'000);
  const Result<Order> order = validate(draft);
  ASSERT_FALSE(order.has_value());
  EXPECT_EQ(order.error().reason, "discount_out_of_range");
  EXPECT_EQ(order.error().where, "order.discount");
}

// ---- wire names ----------------------------------------------------------------------------

TEST(OrderRejectionWireName, IsTheFrozenSnakeCaseName) {
  using R = OrderRejection;
  EXPECT_EQ(wire_name(R::kCustomerNotFound), "customer_not_found");
  EXPECT_EQ(wire_name(R::kCustomerInactive), "customer_inactive");
  EXPECT_EQ(wire_name(R::kCurrencyMismatch), "currency_mismatch");
  EXPECT_EQ(wire_name(R::kNoLines), "no_lines");
  EXPECT_EQ(wire_name(R::kTooManyLines), "too_many_lines");
  EXPECT_EQ(wire_name(R::kProductNotFound), "product_not_found");
  EXPECT_EQ(wire_name(R::kProductInactive), "product_inactive");
  EXPECT_EQ(wire_name(R::kQuantityMustBePositive), "quantity_must_be_positive");
  EXPECT_EQ(wire_name(R::kQuantityTooLarge), "quantity_too_large");
  EXPECT_EQ(wire_name(R::kPriceUnknown), "price_unknown");
  EXPECT_EQ(wire_name(R::kDiscountOutOfRange), "discount_out_of_range");
  EXPECT_EQ(wire_name(R::kRequestedDateInPast), "requested_date_in_past");
  EXPECT_EQ(wire_name(R::kShipToInvalid), "ship_to_invalid");
  EXPECT_EQ(wire_name(R::kTextTooLong), "text_too_long");
}

TEST(SalesChannelWireName, RoundTripsEveryChannel) {
  const std::vector<std::pair<SalesChannel, std::string>> channels = {
      {SalesChannel::kApi, "api"},
      {SalesChannel::kCsv, "csv"},
      {SalesChannel::kPortal, "portal"},
      {SalesChannel::kEdi, "edi"},
  };
  for (const auto& [channel, name] : channels) {
    EXPECT_EQ(wire_name(channel), name);
    const Result<SalesChannel> parsed = sales_channel_from_wire(name);
    ASSERT_TRUE(parsed.has_value()) << name;
    EXPECT_EQ(*parsed, channel);
  }
}

TEST(SalesChannelWireName, RejectsUnknownNames) {
  for (const std::string name : {"", "API", "email", "csv "}) {
    const Result<SalesChannel> parsed = sales_channel_from_wire(name);
    ASSERT_FALSE(parsed.has_value()) << name;
    EXPECT_EQ(parsed.error().reason, "unknown_sales_channel");
    EXPECT_EQ(parsed.error().kind, ErrorKind::kInvalidArgument);
  }
}

TEST(OrderStateWireName, RoundTripsEveryState) {
  const std::vector<std::pair<OrderState, std::string>> states = {
      {OrderState::kOnCreditHold, "on_credit_hold"},
      {OrderState::kOpen, "open"},
      {OrderState::kPartiallyShipped, "partially_shipped"},
      {OrderState::kComplete, "complete"},
      {OrderState::kRejected, "rejected"},
      {OrderState::kAwaitingApproval, "awaiting_approval"},
      {OrderState::kOnManualHold, "on_manual_hold"},
      {OrderState::kCancelled, "cancelled"},
  };
  for (const auto& [state, name] : states) {
    EXPECT_EQ(wire_name(state), name);
    const Result<OrderState> parsed = order_state_from_wire(name);
    ASSERT_TRUE(parsed.has_value()) << name;
    EXPECT_EQ(*parsed, state);
  }
}

TEST(OrderStateWireName, RejectsUnknownNames) {
  for (const std::string name : {"", "Open", "shipped", "on credit hold", "on_hold", "canceled"}) {
    const Result<OrderState> parsed = order_state_from_wire(name);
    ASSERT_FALSE(parsed.has_value()) << name;
    EXPECT_EQ(parsed.error().reason, "unknown_order_state");
    EXPECT_EQ(parsed.error().kind, ErrorKind::kInvalidArgument);
  }
}

// ---- credit hold decisions -----------------------------------------------------------------

Order order_in(OrderState state) {
  Order order;
  order.number = "SO-2026-000001";
  order.currency = currency("EUR");
  order.state = state;
  return order;
}

TEST(ReleaseHold, OpensAHeldOrder) {
  Order order = order_in(OrderState::kOnCreditHold);
  ASSERT_TRUE(release_hold(order).has_value());
  EXPECT_EQ(order.state, OrderState::kOpen);
}

ApprovalStep pending_step(int level, std::string role, std::string why) {
  ApprovalStep step;
  step.level = level;
  step.role = std::move(role);
  step.why = std::move(why);
  return step;
}

TEST(ReleaseHold, MovesAnOrderWithPendingApprovalsOnToAwaitingApproval) {
  Order order = order_in(OrderState::kOnCreditHold);
  order.approvals = {pending_step(1, "sales_manager", "line 1 discount 20 % is over 15 %")};
  ASSERT_TRUE(release_hold(order).has_value());
  EXPECT_EQ(order.state, OrderState::kAwaitingApproval);
}

TEST(ReleaseHold, OpensAnOrderWhoseApprovalsAreAllDecided) {
  Order order = order_in(OrderState::kOnCreditHold);
  order.approvals = {pending_step(1, "sales_manager", "why")};
  order.approvals[0].decision = ApprovalDecision::kApproved;
  ASSERT_TRUE(release_hold(order).has_value());
  EXPECT_EQ(order.state, OrderState::kOpen);
}

TEST(ReleaseHold, RefusesAnOrderNotOnHold) {
  for (OrderState state : {OrderState::kOpen, OrderState::kPartiallyShipped, OrderState::kComplete,
                           OrderState::kRejected, OrderState::kAwaitingApproval,
                           OrderState::kOnManualHold, OrderState::kCancelled}) {
    SCOPED_TRACE(std::string(wire_name(state)));
    Order order = order_in(state);
    const Status status = release_hold(order);
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().kind, ErrorKind::kFailedPrecondition);
    EXPECT_EQ(status.error().reason, "not_on_credit_hold");
    EXPECT_EQ(status.error().where, "order");
    EXPECT_NE(status.error().message.find("SO-2026-000001"), std::string::npos);
    EXPECT_EQ(order.state, state);
  }
}

TEST(RejectHold, RejectsAHeldOrderWithItsReason) {
  Order order = order_in(OrderState::kOnCreditHold);
  ASSERT_TRUE(reject_hold(order, "two invoices 90 days overdue").has_value());
  EXPECT_EQ(order.state, OrderState::kRejected);
  EXPECT_EQ(order.hold_reason, "two invoices 90 days overdue");
}

TEST(RejectHold, NeedsAReason) {
  Order order = order_in(OrderState::kOnCreditHold);
  const Status status = reject_hold(order, "");
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(status.error().reason, "reason_required");
  EXPECT_EQ(status.error().where, "reason");
  EXPECT_EQ(order.state, OrderState::kOnCreditHold);
  EXPECT_TRUE(order.hold_reason.empty());
}

TEST(RejectHold, RefusesAnOrderNotOnHoldBeforeLookingAtTheReason) {
  for (OrderState state : {OrderState::kOpen, OrderState::kRejected}) {
    SCOPED_TRACE(std::string(wire_name(state)));
    Order order = order_in(state);
    const Status status = reject_hold(order, "");
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().reason, "not_on_credit_hold");
    EXPECT_EQ(order.state, state);
  }
}

// ---- fulfilment state ----------------------------------------------------------------------

OrderLine line_of(std::int64_t ordered, std::int64_t shipped, std::int64_t invoiced) {
  OrderLine line;
  line.quantity = units(ordered);
  line.shipped = units(shipped);
  line.invoiced = units(invoiced);
  return line;
}

OrderState state_after(std::vector<OrderLine> lines,
                       OrderState state = OrderState::kPartiallyShipped) {
  Order order = order_in(state);
  order.lines = std::move(lines);
  update_fulfilment_state(order);
  return order.state;
}

TEST(UpdateFulfilmentState, FollowsShippedAndInvoicedQuantities) {
  EXPECT_EQ(state_after({line_of(3, 0, 0), line_of(2, 0, 0)}, OrderState::kOpen),
            OrderState::kOpen);
  EXPECT_EQ(state_after({line_of(3, 1, 0), line_of(2, 0, 0)}, OrderState::kOpen),
            OrderState::kPartiallyShipped);
  EXPECT_EQ(state_after({line_of(3, 3, 3), line_of(2, 0, 0)}), OrderState::kPartiallyShipped);
  // Everything shipped but not yet invoiced is not complete.
  EXPECT_EQ(state_after({line_of(3, 3, 3), line_of(2, 2, 1)}), OrderState::kPartiallyShipped);
  EXPECT_EQ(state_after({line_of(3, 3, 0), line_of(2, 2, 0)}), OrderState::kPartiallyShipped);
  EXPECT_EQ(state_after({line_of(3, 3, 3), line_of(2, 2, 2)}), OrderState::kComplete);
}

TEST(UpdateFulfilmentStateDeathTest, OnlyOpenOrShippingOrdersMayChange) {
  EXPECT_DEATH(state_after({line_of(1, 0, 0)}, OrderState::kOnCreditHold), "state");
  EXPECT_DEATH(state_after({line_of(1, 1, 1)}, OrderState::kRejected), "state");
}

// ---- quantities ----------------------------------------------------------------------------

TEST(ReservedQuantity, SumsAllWarehouses) {
  OrderLine line = line_of(10, 2, 0);
  EXPECT_EQ(reserved_quantity(line), Quantity{0});
  line.reservations = {{WarehouseId{1}, Quantity{3'000}}, {WarehouseId{2}, Quantity{4'500}}};
  EXPECT_EQ(reserved_quantity(line), Quantity{7'500});
}

TEST(BackorderedQuantity, IsOrderedLessShippedLessReserved) {
  OrderLine line = line_of(10, 2, 0);
  EXPECT_EQ(backordered_quantity(line), units(8));
  line.reservations = {{WarehouseId{1}, Quantity{3'000}}, {WarehouseId{2}, Quantity{4'500}}};
  EXPECT_EQ(backordered_quantity(line), Quantity{500});
  line.reservations[1].quantity = units(5);
  EXPECT_EQ(backordered_quantity(line), Quantity{0});
}

TEST(BackorderedQuantityDeathTest, OverReservedLineAborts) {
  OrderLine line = line_of(1, 1, 0);
  line.reservations = {{WarehouseId{1}, Quantity{1}}};
  EXPECT_DEATH((void)backordered_quantity(line), "open");
}

// ---- uninvoiced_gross ----------------------------------------------------------------------

OrderLine priced_line(std::int64_t ordered, std::int64_t invoiced, std::string_view net,
                      std::string_view tax) {
  OrderLine line = line_of(ordered, invoiced, invoiced);
  line.net = eur(net);
  line.tax = eur(tax);
  return line;
}

std::string uninvoiced(std::vector<OrderLine> lines) {
  Order order = order_in(OrderState::kOpen);
  order.lines = std::move(lines);
  const Result<Money> gross = uninvoiced_gross(order);
  return gross.has_value() ? format_money(*gross) : gross.error().reason;
}

TEST(UninvoicedGross, IsTheWholeGrossBeforeAnyInvoice) {
  EXPECT_EQ(uninvoiced({priced_line(4, 0, "100.00", "19.00"), priced_line(1, 0, "5.00", "0.35")}),
            "124.35 EUR");
}

TEST(UninvoicedGross, IsZeroForAnEmptyOrFullyInvoicedOrder) {
  EXPECT_EQ(uninvoiced({}), "0.00 EUR");
  EXPECT_EQ(uninvoiced({priced_line(4, 4, "100.00", "19.00")}), "0.00 EUR");
}

TEST(UninvoicedGross, LeavesTheUninvoicedShareOfEachLine) {
  EXPECT_EQ(uninvoiced({priced_line(4, 1, "100.00", "19.00"), priced_line(2, 0, "5.00", "0.35")}),
            "94.60 EUR");  // 75.00 + 14.25 + 5.35
}

TEST(UninvoicedGross, MatchesWhatCumulativeBillingHasNotYetInvoiced) {
  // Billing invoices 1 of 3 units of a 10.00 + 1.90 line as 3.33 net + 0.63 tax (each
  // prorated and rounded on its own). What is left to invoice is 6.67 + 1.27 = 7.94, so that
  // open receivables (3.96) plus the uninvoiced rest add up to the line's 11.90 exactly.
  EXPECT_EQ(uninvoiced({priced_line(3, 1, "10.00", "1.90")}), "7.94 EUR");
  EXPECT_EQ(uninvoiced({priced_line(3, 2, "10.00", "1.90")}), "3.96 EUR");  // 3.33 + 0.63
}

}  // namespace
}  // namespace o2c
