#include "journal/payload.h"

#include <algorithm>
#include <stdexcept>

namespace o2c {
namespace {

// Length of the well-formed UTF-8 sequence starting at text[i], or 0 (RFC 3629: no
// overlong forms, no surrogates, nothing above U+10FFFF).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return length;
}

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.reserve(out.size() + text.size() + 2);
  out += '"';
  for (std::size_t i = 0; i < text.size();) {
    // Most text is printable ASCII that needs no escape: copy such runs whole.
    std::size_t run = i;
    while (run < text.size() && text[run] >= 0x20 && text[run] != '"' && text[run] != '\\' &&
           static_cast<unsigned char>(text[run]) < 0x80)
      ++run;
    if (run > i) {
      out.append(text.substr(i, run - i));
      i = run;
      continue;
    }
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0)
      throw std::invalid_argument("text is not valid UTF-8 at byte " + std::to_string(i));
    if (length > 1) {
      out.append(text.substr(i, length));
      i += length;
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  out += '"';
}

}  // namespace

PayloadValue::PayloadValue(std::string_view text) { append_json_string(json_, text); }

PayloadValue::PayloadValue(std::int64_t number) : json_(std::to_string(number)) {}

PayloadValue::PayloadValue(const std::vector<EventPayload>& items) {
  json_ = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) json_ += ',';
    json_ += items[i].canonical();
  }
  json_ += ']';
}

PayloadValue::PayloadValue(const std::vector<std::string>& texts) {
  json_ = "[";
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (i > 0) json_ += ',';
    append_json_string(json_, texts[i]);
  }
  json_ += ']';
}

EventPayload::EventPayload(
    std::initializer_list<std::pair<std::string_view, PayloadValue>> fields) {
  fields_.reserve(fields.size());
  for (const auto& [key, value] : fields) set(key, value);
}

EventPayload& EventPayload::set(std::string_view key, PayloadValue value) {
  auto existing = std::find_if(fields_.begin(), fields_.end(),
                               [&](const auto& field) { return field.first == key; });
  if (existing != fields_.end()) {
    existing->second = std::move(value).json();
  } else {
    fields_.emplace_back(std::string(key), std::move(value).json());
  }
  return *this;
}

std::string EventPayload::canonical() const {
  std::vector<const std::pair<std::string, std::string>*> sorted;
  sorted.reserve(fields_.size());
  std::size_t size = 2;
  for (const auto& field : fields_) {
    sorted.push_back(&field);
    size += field.first.size() + field.second.size() + 4;
  }
  std::sort(sorted.begin(), sorted.end(),
            [](const auto* a, const auto* b) { return a->first < b->first; });
  std::string out;
  out.reserve(size);
  out += '{';
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (i > 0) out += ',';
    append_json_string(out, sorted[i]->first);
    out += ':';
    out += sorted[i]->second;
  }
  out += '}';
  return out;
}

}  // namespace o2c
