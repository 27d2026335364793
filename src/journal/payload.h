// payload.h — the payload of a journal event in canonical JSON: one object, keys in byte
// order, no spaces, strings escaped as JSON requires (docs/journal.md). It is the same text
// a JSON library with sorted keys writes, built with a few small strings per field instead
// of a document tree, because every state change writes one.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace o2c {

class EventPayload;

// One value, rendered to its JSON text when made.
class PayloadValue {
 public:
  // A string. Text that is not valid UTF-8 cannot be journaled: std::invalid_argument,
  // which the writer reports as the job's failure.
  PayloadValue(std::string_view text);  // NOLINT: implicit, so payloads read like JSON
  PayloadValue(const char* text) : PayloadValue(std::string_view(text)) {}         // NOLINT
  PayloadValue(const std::string& text) : PayloadValue(std::string_view(text)) {}  // NOLINT
  PayloadValue(std::int64_t number);                                               // NOLINT
  PayloadValue(int number) : PayloadValue(static_cast<std::int64_t>(number)) {}    // NOLINT
  PayloadValue(const std::vector<EventPayload>& items);  // NOLINT: an array of objects
  PayloadValue(const std::vector<std::string>& texts);   // NOLINT: an array of strings

  const std::string& json() const& { return json_; }
  std::string json() && { return std::move(json_); }

 private:
  std::string json_;
};

class EventPayload {
 public:
  EventPayload() = default;
  EventPayload(std::initializer_list<std::pair<std::string_view, PayloadValue>> fields);

  // Adds a field, or replaces the value of one with the same key.
  EventPayload& set(std::string_view key, PayloadValue value);
  // {"a":1,"b":"x"}: keys sorted bytewise, no spaces.
  std::string canonical() const;

 private:
  std::vector<std::pair<std::string, std::string>> fields_;  // key → rendered value
};

}  // namespace o2c
