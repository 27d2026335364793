// mutate.h — random edits of a text, for the parsers' fuzz tests: every parser is fed bad
// input, and mutating a good sample reaches the corners a hand-written case misses.
#pragma once

#include <cstddef>
#include <random>
#include <string>
#include <string_view>

namespace o2c {

// Applies 1 to `max_edits` random edits (replace, insert or delete one character from
// `alphabet`) to `input`. The caller seeds `random` with a fixed value so failures reproduce.
inline std::string mutate(std::string input, std::mt19937& random, std::string_view alphabet,
                          int max_edits) {
  const int edits = 1 + static_cast<int>(random() % static_cast<unsigned>(max_edits));
  for (int e = 0; e < edits && !input.empty(); ++e) {
    const std::size_t at = random() % input.size();
    const char c = alphabet[random() % alphabet.size()];
    switch (random() % 3) {
      case 0:
        input[at] = c;
        break;
      case 1:
        input.insert(input.begin() + static_cast<std::ptrdiff_t>(at), c);
        break;
      default:
        input.erase(at, 1);
    }
  }
  return input;
}

}  // namespace o2c
