#include <cstdio>
#include <cstdlib>

#include "core/assert.h"
#include "core/result.h"

namespace o2c {

namespace detail {
void assertion_failed(const char* condition, const char* file, int line) {
  std::fprintf(stderr, "o2c: invariant broken: %s (%s:%d)\n", condition, file, line);
  std::fflush(stderr);
  std::abort();
}
}  // namespace detail

namespace {
struct KindRow {
  ErrorKind kind;
  std::string_view name;
  int http_status;
  int exit_code;
};
// The one table mapping error kinds to the wire, HTTP and the CLI (STYLE.md rule 5).
constexpr KindRow kKindTable[] = {
    {ErrorKind::kInvalidArgument, "invalid_argument", 400, 2},
    {ErrorKind::kNotFound, "not_found", 404, 3},
    {ErrorKind::kAlreadyExists, "already_exists", 409, 4},
    {ErrorKind::kFailedPrecondition, "failed_precondition", 422, 5},
    {ErrorKind::kConflict, "conflict", 409, 6},
    {ErrorKind::kPermissionDenied, "permission_denied", 403, 7},
    {ErrorKind::kUnavailable, "unavailable", 503, 8},
    {ErrorKind::kInternal, "internal", 500, 9},
};

const KindRow& row_of(ErrorKind kind) {
  const auto index = static_cast<std::size_t>(kind);
  O2C_ASSERT(index < std::size(kKindTable));
  O2C_ASSERT(kKindTable[index].kind == kind);
  return kKindTable[index];
}

Error make_error(ErrorKind kind, std::string reason, std::string message, std::string where) {
  return Error{kind, std::move(reason), std::move(message), std::move(where)};
}
}  // namespace

std::string_view wire_name(ErrorKind kind) { return row_of(kind).name; }
int http_status(ErrorKind kind) { return row_of(kind).http_status; }
int exit_code(ErrorKind kind) { return row_of(kind).exit_code; }

std::string describe(const Error& error) {
  std::string text = error.message;
  if (!error.where.empty()) text += " (at " + error.where + ")";
  return text;
}

Error invalid_argument(std::string reason, std::string message, std::string where) {
  return make_error(ErrorKind::kInvalidArgument, std::move(reason), std::move(message),
                    std::move(where));
}
Error not_found(std::string reason, std::string message, std::string where) {
  return make_error(ErrorKind::kNotFound, std::move(reason), std::move(message), std::move(where));
}
Error already_exists(std::string reason, std::string message, std::string where) {
  return make_error(ErrorKind::kAlreadyExists, std::move(reason), std::move(message),
                    std::move(where));
}
Error failed_precondition(std::string reason, std::string message, std::string where) {
  return make_error(ErrorKind::kFailedPrecondition, std::move(reason), std::move(message),
                    std::move(where));
}
Error conflict(std::string reason, std::string message, std::string where) {
  return make_error(ErrorKind::kConflict, std::move(reason), std::move(message), std::move(where));
}
Error unavailable(std::string reason, std::string message, std::string where) {
  return make_error(ErrorKind::kUnavailable, std::move(reason), std::move(message),
                    std::move(where));
}
Error internal_error(std::string reason, std::string message, std::string where) {
  return make_error(ErrorKind::kInternal, std::move(reason), std::move(message), std::move(where));
}

}  // namespace o2c
