// The rules of disputes, write-offs and promises to pay (disputes.h).
#include "disputes/disputes.h"

#include <algorithm>
#include <array>

namespace o2c {
namespace {

// A closed enum's wire names, indexed by its number − 1.
template <typename Enum, std::size_t N>
std::string_view name_of(Enum value, const std::array<std::string_view, N>& names) {
  const auto index = static_cast<std::size_t>(value) - 1;
  O2C_ASSERT(index < N);
  return names[index];
}

template <typename Enum, std::size_t N>
std::optional<Enum> value_of(std::string_view name, const std::array<std::string_view, N>& names) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == name) return static_cast<Enum>(i + 1);
  return std::nullopt;
}

constexpr std::array<std::string_view, 6> kReasons = {
    "pricing", "quantity", "damaged", "not_received", "duplicate_billing", "short_payment"};
constexpr std::array<std::string_view, 4> kDisputeStatuses = {"open", "credited", "written_off",
                                                              "rejected"};
constexpr std::array<std::string_view, 2> kOrigins = {"customer", "deduction"};
constexpr std::array<std::string_view, 3> kWriteOffKinds = {"small_balance", "dispute", "bad_debt"};
constexpr std::array<std::string_view, 3> kWriteOffStatuses = {"requested", "posted", "rejected"};
constexpr std::array<std::string_view, 3> kPromiseStatuses = {"open", "kept", "broken"};

template <typename Enum, std::size_t N>
Result<Enum> parse_stored(std::string_view name, const std::array<std::string_view, N>& names,
                          std::string_view what) {
  std::optional<Enum> value = value_of<Enum>(name, names);
  if (!value)
    return invalid_argument("unknown_" + std::string(what),
                            "'" + std::string(name) + "' is not a " + std::string(what));
  return *value;
}

}  // namespace

std::string_view wire_name(DisputeReason reason) { return name_of(reason, kReasons); }

Result<DisputeReason> dispute_reason_from_wire(std::string_view name, std::string_view where) {
  std::optional<DisputeReason> reason = value_of<DisputeReason>(name, kReasons);
  if (!reason)
    return invalid_argument("unknown_dispute_reason",
                            "'" + std::string(name) +
                                "' is not a dispute reason (pricing, quantity, damaged, "
                                "not_received, duplicate_billing, short_payment)",
                            std::string(where));
  return *reason;
}

std::string_view wire_name(DisputeStatus status) { return name_of(status, kDisputeStatuses); }
Result<DisputeStatus> dispute_status_from_wire(std::string_view name) {
  return parse_stored<DisputeStatus>(name, kDisputeStatuses, "dispute_status");
}
std::string_view wire_name(DisputeOrigin origin) { return name_of(origin, kOrigins); }
Result<DisputeOrigin> dispute_origin_from_wire(std::string_view name) {
  return parse_stored<DisputeOrigin>(name, kOrigins, "dispute_origin");
}
std::string_view wire_name(WriteOffKind kind) { return name_of(kind, kWriteOffKinds); }
Result<WriteOffKind> write_off_kind_from_wire(std::string_view name) {
  return parse_stored<WriteOffKind>(name, kWriteOffKinds, "write_off_kind");
}
std::string_view wire_name(WriteOffStatus status) { return name_of(status, kWriteOffStatuses); }
Result<WriteOffStatus> write_off_status_from_wire(std::string_view name) {
  return parse_stored<WriteOffStatus>(name, kWriteOffStatuses, "write_off_status");
}
std::string_view wire_name(PromiseStatus status) { return name_of(status, kPromiseStatuses); }
Result<PromiseStatus> promise_status_from_wire(std::string_view name) {
  return parse_stored<PromiseStatus>(name, kPromiseStatuses, "promise_status");
}

Result<Money> disputable_amount(const Invoice& invoice, std::optional<int> line_no,
                                Money already_disputed) {
  O2C_ASSERT(already_disputed.minor >= 0);
  O2C_ASSIGN_OR_RETURN(Money open, open_amount(invoice));
  if (open.minor == 0)
    return failed_precondition("invoice_not_open",
                               "invoice " + invoice.number + " is " +
                                   std::string(wire_name(invoice_state(invoice))) +
                                   "; nothing is open to dispute",
                               "invoice");
  O2C_ASSIGN_OR_RETURN(Money free, subtract(open, already_disputed));
  if (free.minor <= 0)
    return failed_precondition(
        "invoice_fully_disputed",
        "all that is open of invoice " + invoice.number + " is already disputed", "invoice");
  if (!line_no) return free;
  auto line = std::find_if(invoice.lines.begin(), invoice.lines.end(),
                           [&](const InvoiceLine& l) { return l.line_no == *line_no; });
  if (line == invoice.lines.end())
    return not_found("dispute_line_unknown",
                     "invoice " + invoice.number + " has no line " + std::to_string(*line_no),
                     "line");
  O2C_ASSIGN_OR_RETURN(Money line_gross, add(line->net, line->tax));
  O2C_ASSERT(invoice.gross_total.minor > 0);
  O2C_ASSIGN_OR_RETURN(Money line_open, prorate(line_gross, open.minor, invoice.gross_total.minor,
                                                Rounding::kHalfEven));
  return Money{std::min(line_open.minor, free.minor), open.currency};
}

Result<Money> dispute_amount(std::optional<Money> asked, Money disputable) {
  O2C_ASSERT(disputable.minor > 0);
  if (!asked) return disputable;
  if (asked->currency != disputable.currency)
    return invalid_argument("currency_mismatch",
                            "the dispute is in " + std::string(disputable.currency.text()),
                            "amount");
  if (asked->minor <= 0)
    return invalid_argument("dispute_amount_invalid", "a dispute's amount must be positive",
                            "amount");
  if (asked->minor > disputable.minor)
    return invalid_argument(
        "dispute_exceeds_open",
        format_money(*asked) + " is more than the " + format_money(disputable) + " open to dispute",
        "amount");
  return *asked;
}

std::int64_t dispute_age_days(const Dispute& dispute, Date as_of) {
  Date until = as_of;
  if (dispute.resolved_on && *dispute.resolved_on < as_of) until = *dispute.resolved_on;
  return std::max<std::int64_t>(0, days_between(dispute.opened_on, until));
}

std::string route_dispute(const DisputeRouting& routing, DisputeReason reason,
                          std::string_view segment) {
  for (const DisputeRoutingRule& rule : routing.rules) {
    if (rule.reason && *rule.reason != reason) continue;
    if (!rule.segment.empty() && rule.segment != segment) continue;
    return rule.owner;
  }
  return routing.default_owner;
}

Account write_off_account(WriteOffKind kind) {
  return kind == WriteOffKind::kBadDebt ? Account::kBadDebts : Account::kPaymentDifferences;
}

Result<Money> write_off_amount(const Invoice& invoice, std::optional<Money> asked) {
  O2C_ASSIGN_OR_RETURN(Money open, open_amount(invoice));
  if (open.minor == 0)
    return failed_precondition("invoice_not_open",
                               "invoice " + invoice.number + " is " +
                                   std::string(wire_name(invoice_state(invoice))) +
                                   "; nothing is open to write off",
                               "invoice");
  if (!asked) return open;
  if (asked->currency != open.currency)
    return invalid_argument("currency_mismatch",
                            "the invoice is in " + std::string(open.currency.text()), "amount");
  if (asked->minor <= 0)
    return invalid_argument("write_off_amount_invalid", "a write-off must be positive", "amount");
  if (asked->minor > open.minor)
    return invalid_argument("write_off_exceeds_open",
                            format_money(*asked) + " is more than the " + format_money(open) +
                                " open on " + invoice.number,
                            "amount");
  return *asked;
}

LedgerEntry post_write_off(std::string_view document, Date date, WriteOffKind kind, Money amount) {
  O2C_ASSERT(amount.minor > 0);
  LedgerEntry entry{std::string(document),
                    date,
                    "write-off (" + std::string(wire_name(kind)) + ")",
                    {LedgerLine{write_off_account(kind), amount, {}},
                     LedgerLine{Account::kReceivables, negate(amount), {}}},
                    {}};
  assert_balanced(entry);
  return entry;
}

Status check_write_off_decision(const WriteOff& write_off, std::string_view decider) {
  if (write_off.status != WriteOffStatus::kRequested)
    return failed_precondition(
        "write_off_not_pending",
        write_off.number + " is " + std::string(wire_name(write_off.status)) + " already",
        "write_off");
  if (write_off.requested_by == decider)
    return failed_precondition(
        "self_approval",
        std::string(decider) + " requested " + write_off.number + "; someone else must decide it",
        "as");
  return {};
}

Status validate_promise(const PaymentPromise& promise) {
  if (promise.amount.minor <= 0)
    return invalid_argument("promise_amount_invalid", "a promised amount must be positive",
                            "amount");
  if (promise.due_on < promise.made_on)
    return invalid_argument("promise_date_past",
                            "the promised date " + format_date(promise.due_on) +
                                " is before today " + format_date(promise.made_on),
                            "by");
  return {};
}

PromiseStatus evaluate_promise(const PaymentPromise& promise, Money received, Date as_of) {
  O2C_ASSERT(received.minor >= 0);
  if (received.minor >= promise.amount.minor) return PromiseStatus::kKept;
  if (as_of > promise.due_on) return PromiseStatus::kBroken;
  return PromiseStatus::kOpen;
}

}  // namespace o2c

namespace o2c {
namespace {

struct LineLeft {
  const InvoiceLine* line = nullptr;
  Money net_left;
  Money gross_left;
};

Result<std::vector<LineLeft>> lines_left(const Invoice& invoice,
                                         std::span<const CreditedLine> credited) {
  std::vector<LineLeft> left;
  for (const InvoiceLine& line : invoice.lines) {
    Money net = line.net;
    Money tax = line.tax;
    for (const CreditedLine& taken : credited) {
      if (taken.invoice_line_no != line.line_no) continue;
      O2C_ASSIGN_OR_RETURN(net, subtract(net, taken.net));
      O2C_ASSIGN_OR_RETURN(tax, subtract(tax, taken.tax));
    }
    O2C_ASSIGN_OR_RETURN(Money gross, add(net, tax));
    left.push_back(
        LineLeft{&line, net, Money{std::max<std::int64_t>(0, gross.minor), gross.currency}});
  }
  return left;
}

// The net of `gross` at the line's VAT rate, at most what the line has left.
Result<Money> net_of(const LineLeft& line, Money gross) {
  const std::int64_t rate = line.line->tax_rate.value;
  O2C_ASSIGN_OR_RETURN(std::int64_t net, divide_rounded(static_cast<Int128>(gross.minor) * 10'000,
                                                        10'000 + rate, Rounding::kHalfEven));
  return Money{std::min(net, line.net_left.minor), gross.currency};
}

}  // namespace

Result<std::vector<CreditLineRequest>> dispute_credit_lines(const Invoice& invoice,
                                                            std::span<const CreditedLine> credited,
                                                            std::optional<int> line_no,
                                                            Money gross) {
  O2C_ASSERT(gross.minor > 0);
  O2C_ASSIGN_OR_RETURN(std::vector<LineLeft> left, lines_left(invoice, credited));
  if (line_no) std::erase_if(left, [&](const LineLeft& l) { return l.line->line_no != *line_no; });
  std::vector<std::int64_t> weights;
  for (const LineLeft& line : left) weights.push_back(line.gross_left.minor);
  std::vector<CreditLineRequest> lines;
  const bool any =
      std::any_of(weights.begin(), weights.end(), [](std::int64_t w) { return w > 0; });
  if (any) {
    O2C_ASSIGN_OR_RETURN(std::vector<Money> shares, allocate(gross, weights));
    for (std::size_t i = 0; i < left.size(); ++i) {
      if (shares[i].minor <= 0) continue;
      O2C_ASSIGN_OR_RETURN(Money net, net_of(left[i], shares[i]));
      if (net.minor > 0)
        lines.push_back(CreditLineRequest{left[i].line->line_no, std::nullopt, net});
    }
  }
  if (lines.empty())
    return failed_precondition(
        "nothing_to_credit",
        "the lines of invoice " + invoice.number + " have nothing left to credit", "dispute");
  return lines;
}

}  // namespace o2c
