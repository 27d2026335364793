// assert.h — always-on invariant checks. An invariant that fails means our own state is
// corrupt (a ledger entry that does not balance); we stop rather than continue. Input that
// can trigger a check must be rejected with a Result error instead (STYLE.md rule 8).
#pragma once

namespace o2c::detail {
[[noreturn]] void assertion_failed(const char* condition, const char* file, int line);
}  // namespace o2c::detail

#define O2C_ASSERT(condition)                                          \
  do {                                                                 \
    if (!(condition)) [[unlikely]] {                                   \
      ::o2c::detail::assertion_failed(#condition, __FILE__, __LINE__); \
    }                                                                  \
  } while (false)

#ifdef NDEBUG
#define O2C_DEBUG_ASSERT(condition) \
  do {                              \
  } while (false)
#else
#define O2C_DEBUG_ASSERT(condition) O2C_ASSERT(condition)
#endif
