#include "cli/progress.h"

#include <cstdio>
#include <unistd.h>

namespace o2c::cli {

ProgressBar::ProgressBar(std::string label) : label_(std::move(label)), terminal_(isatty(2) != 0) {}

void ProgressBar::update(std::int64_t done, std::int64_t total) {
  if (total <= 0) return;
  constexpr int kWidth = 40;
  const int filled = static_cast<int>(done * kWidth / total);
  const int percent = static_cast<int>(done * 100 / total);
  if (terminal_) {
    if (filled == last_width_) return;
    last_width_ = filled;
    std::fprintf(stderr, "\r%s [%s%s] %3d%% %lld/%lld", label_.c_str(),
                 std::string(static_cast<std::size_t>(filled), '#').c_str(),
                 std::string(static_cast<std::size_t>(kWidth - filled), ' ').c_str(), percent,
                 static_cast<long long>(done), static_cast<long long>(total));
  } else {
    if (percent / 10 == last_tenth_) return;
    last_tenth_ = percent / 10;
    std::fprintf(stderr, "%s %3d%% %lld/%lld\n", label_.c_str(), percent,
                 static_cast<long long>(done), static_cast<long long>(total));
  }
  std::fflush(stderr);
}

void ProgressBar::finish() {
  if (terminal_) std::fprintf(stderr, "\n");
}

}  // namespace o2c::cli
