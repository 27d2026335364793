// clock.h — the only source of "now". Domain code never reads a clock: app/ asks a Clock
// and passes the date and instant down as values, so tests and the demo can set time.
#pragma once

#include "core/date.h"

namespace o2c {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
  // Today's business date (UTC calendar day of now()).
  Date today() const { return date_of(now()); }
};

// Wall-clock time.
class SystemClock final : public Clock {
 public:
  Timestamp now() const override;
};

// A clock that shows what it is set to; tests, scenarios and the demo move it.
class SettableClock final : public Clock {
 public:
  explicit SettableClock(Timestamp start) : now_(start) {}
  explicit SettableClock(Date start) : now_(start_of_day(start)) {}
  Timestamp now() const override { return now_; }
  void set(Timestamp instant) { now_ = instant; }
  void set(Date date) { now_ = start_of_day(date); }
  void advance_micros(std::int64_t micros) { now_.unix_micros += micros; }

 private:
  Timestamp now_;
};

}  // namespace o2c
