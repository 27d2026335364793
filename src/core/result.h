// result.h — expected failures as values. A Result<T> holds either a T or an Error that
// names its kind (for callers to branch on and for the HTTP/exit-code mapping), a stable
// reason (wire name), a message for a person, and where the fault is. The API is a subset
// of std::expected so that moving to C++23 is a rename.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "core/assert.h"

namespace o2c {

enum class ErrorKind : std::uint8_t {
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,
  kConflict,
  kPermissionDenied,
  kUnavailable,
  kInternal,
};

std::string_view wire_name(ErrorKind kind);
int http_status(ErrorKind kind);
// Exit code of the o2c command for an error of this kind (0 is success, 1 is usage).
int exit_code(ErrorKind kind);

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string reason;   // stable wire name: "credit_limit_exceeded"
  std::string message;  // for a person: "order total 12,400.00 EUR exceeds …"
  std::string where;    // "lines[3].quantity", "statement.xml line 118"
};

// "message (at where)" — the one line the CLI prints.
std::string describe(const Error& error);

Error invalid_argument(std::string reason, std::string message, std::string where = {});
Error not_found(std::string reason, std::string message, std::string where = {});
Error already_exists(std::string reason, std::string message, std::string where = {});
Error failed_precondition(std::string reason, std::string message, std::string where = {});
Error conflict(std::string reason, std::string message, std::string where = {});
Error unavailable(std::string reason, std::string message, std::string where = {});
Error internal_error(std::string reason, std::string message, std::string where = {});

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}      // NOLINT: implicit
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & {
    O2C_ASSERT(has_value());
    return std::get<0>(state_);
  }
  const T& value() const& {
    O2C_ASSERT(has_value());
    return std::get<0>(state_);
  }
  T&& value() && {
    O2C_ASSERT(has_value());
    return std::get<0>(std::move(state_));
  }
  const Error& error() const& {
    O2C_ASSERT(!has_value());
    return std::get<1>(state_);
  }
  Error&& error() && {
    O2C_ASSERT(!has_value());
    return std::get<1>(std::move(state_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design

  bool has_value() const { return !error_.has_value(); }
  explicit operator bool() const { return has_value(); }
  void value() const { O2C_ASSERT(has_value()); }
  const Error& error() const& {
    O2C_ASSERT(!has_value());
    return *error_;
  }
  Error&& error() && {
    O2C_ASSERT(!has_value());
    return std::move(*error_);
  }

 private:
  std::optional<Error> error_;
};

using Status = Result<void>;

}  // namespace o2c

#define O2C_CONCAT_INNER(a, b) a##b
#define O2C_CONCAT(a, b) O2C_CONCAT_INNER(a, b)

// Returns the error of `expression` (a Result) from the enclosing function.
#define O2C_RETURN_IF_ERROR(expression)                                  \
  do {                                                                   \
    auto o2c_status_ = (expression);                                     \
    if (!o2c_status_.has_value()) return std::move(o2c_status_).error(); \
  } while (false)

// Declares `declaration` from the value of `expression`, or returns its error.
#define O2C_ASSIGN_OR_RETURN(declaration, expression) \
  O2C_ASSIGN_OR_RETURN_IMPL(O2C_CONCAT(o2c_result_, __LINE__), declaration, expression)
#define O2C_ASSIGN_OR_RETURN_IMPL(temporary, declaration, expression) \
  auto temporary = (expression);                                      \
  if (!temporary.has_value()) return std::move(temporary).error();    \
  declaration = std::move(temporary).value()
