// progress.h — a progress bar on stderr for long jobs: redrawn in place on a terminal,
// one line per 10 % otherwise (CI logs, pipes).
#pragma once

#include <cstdint>
#include <string>

namespace o2c::cli {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  void update(std::int64_t done, std::int64_t total);
  void finish();

 private:
  std::string label_;
  bool terminal_;
  int last_tenth_ = -1;
  int last_width_ = -1;
};

}  // namespace o2c::cli
