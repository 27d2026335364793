// Credit-limit change requests and their four-eyes approval (credit.h).
#include "credit/credit.h"

namespace o2c {

std::string_view wire_name(LimitRequestStatus status) {
  switch (status) {
    case LimitRequestStatus::kPending:
      return "pending";
    case LimitRequestStatus::kApproved:
      return "approved";
    case LimitRequestStatus::kRejected:
      return "rejected";
  }
  O2C_ASSERT(false && "unknown limit request status");
  return "";
}

Result<LimitRequestStatus> limit_request_status_from_wire(std::string_view name) {
  if (name == "pending") return LimitRequestStatus::kPending;
  if (name == "approved") return LimitRequestStatus::kApproved;
  if (name == "rejected") return LimitRequestStatus::kRejected;
  return invalid_argument("unknown_status", "'" + std::string(name) + "' is not a request status",
                          "status");
}

Status validate_limit_request(const CreditLimitRequest& request, const Customer& customer) {
  if (request.reason.empty())
    return invalid_argument("reason_required", "a credit-limit request needs a reason", "reason");
  if (request.reason.size() > 1000)
    return invalid_argument("reason_too_long", "a reason has at most 1000 characters", "reason");
  if (request.requested_limit.currency != customer.currency)
    return invalid_argument("currency_mismatch",
                            "customer " + customer.number + "'s limit is in " +
                                std::string(customer.currency.text()) + ", not " +
                                std::string(request.requested_limit.currency.text()),
                            "limit");
  if (request.requested_limit.minor < 0)
    return invalid_argument("negative_credit_limit", "a credit limit cannot be negative", "limit");
  return {};
}

namespace {

Status check_pending(const CreditLimitRequest& request) {
  if (request.status == LimitRequestStatus::kPending) return {};
  return failed_precondition(
      "not_pending",
      request.number + " is " + std::string(wire_name(request.status)) + ", not pending",
      "request");
}

}  // namespace

Status approve_limit_request(CreditLimitRequest& request, std::string_view actor, Date on) {
  O2C_RETURN_IF_ERROR(check_pending(request));
  O2C_ASSERT(!actor.empty());
  if (actor == request.requested_by)
    return Error{ErrorKind::kPermissionDenied, "self_approval",
                 std::string(actor) + " requested " + request.number +
                     " and may not approve it; another credit manager must",
                 "actor"};
  request.status = LimitRequestStatus::kApproved;
  request.decided_by = actor;
  request.decided_on = on;
  return {};
}

Status reject_limit_request(CreditLimitRequest& request, std::string_view actor,
                            std::string_view reason, Date on) {
  O2C_RETURN_IF_ERROR(check_pending(request));
  if (reason.empty())
    return invalid_argument("reason_required", "rejecting a request needs a reason", "reason");
  request.status = LimitRequestStatus::kRejected;
  request.decided_by = actor;
  request.decided_on = on;
  request.decision_reason = reason;
  return {};
}

}  // namespace o2c
