#include "formats/mime/mime.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>

namespace o2c {
namespace {

constexpr std::string_view kBase64Alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::size_t kBase64LineChars = 76;  // RFC 2045 6.8

bool is_ascii(std::string_view text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

bool breaks_header(std::string_view value) {
  return value.find_first_of("\r\n") != std::string_view::npos;
}

// RFC 2047: ASCII text as it is, anything else as one or more encoded words of at most 75
// characters, split between whole UTF-8 characters.
std::string encode_header_text(std::string_view text) {
  if (is_ascii(text)) return std::string(text);
  std::string encoded;
  std::size_t start = 0;
  constexpr std::size_t kChunkBytesMax = 45;  // 60 base64 characters + 12 of framing < 75
  while (start < text.size()) {
    std::size_t end = std::min(text.size(), start + kChunkBytesMax);
    // Step back off UTF-8 continuation bytes so that no character is split.
    while (end < text.size() && end > start &&
           (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
      --end;
    if (!encoded.empty()) encoded += "\r\n ";
    encoded += "=?UTF-8?B?" + base64_encode(text.substr(start, end - start)) + "?=";
    start = end;
  }
  return encoded;
}

// Base64 in lines of 76 characters, each ending in CRLF.
std::string base64_lines(std::string_view bytes) {
  const std::string encoded = base64_encode(bytes);
  std::string lines;
  lines.reserve(encoded.size() + encoded.size() / kBase64LineChars * 2 + 2);
  for (std::size_t at = 0; at < encoded.size(); at += kBase64LineChars) {
    lines.append(encoded, at, kBase64LineChars);
    lines += "\r\n";
  }
  return lines;
}

// Lone LF and lone CR become CRLF; a line starting with "." is left to the SMTP client,
// which dot-stuffs on the wire (RFC 5321 4.5.2).
std::string crlf_lines(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 40);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r') {
      out += "\r\n";
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (c == '\n') {
      out += "\r\n";
    } else {
      out += c;
    }
  }
  if (!out.empty() && !out.ends_with("\r\n")) out += "\r\n";
  return out;
}

std::string quoted_parameter(std::string_view value) {
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

Status check_headers(const MimeMessage& message) {
  if (message.recipients.empty())
    return invalid_argument("no_recipients", "a message needs at least one recipient",
                            "recipients");
  if (breaks_header(message.from))
    return invalid_argument("header_injection", "the sender contains a line break", "from");
  if (breaks_header(message.subject))
    return invalid_argument("header_injection", "the subject contains a line break", "subject");
  if (breaks_header(message.message_id))
    return invalid_argument("header_injection", "the message id contains a line break",
                            "message_id");
  for (std::size_t i = 0; i < message.recipients.size(); ++i)
    if (breaks_header(message.recipients[i]) || message.recipients[i].empty())
      return invalid_argument(
          "header_injection",
          "recipient " + std::to_string(i + 1) + " is empty or has a line break",
          "recipients[" + std::to_string(i) + "]");
  for (std::size_t i = 0; i < message.attachments.size(); ++i) {
    const MimeAttachment& attachment = message.attachments[i];
    if (breaks_header(attachment.filename) || breaks_header(attachment.content_type) ||
        attachment.filename.empty() || attachment.content_type.empty())
      return invalid_argument("header_injection",
                              "attachment " + std::to_string(i + 1) +
                                  " needs a file name and content type without line breaks",
                              "attachments[" + std::to_string(i) + "]");
  }
  return {};
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t n = (static_cast<unsigned char>(bytes[i]) << 16) |
                            (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                            static_cast<unsigned char>(bytes[i + 2]);
    out += kBase64Alphabet[(n >> 18) & 63];
    out += kBase64Alphabet[(n >> 12) & 63];
    out += kBase64Alphabet[(n >> 6) & 63];
    out += kBase64Alphabet[n & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kBase64Alphabet[(n >> 18) & 63];
    out += kBase64Alphabet[(n >> 12) & 63];
    out += rest == 2 ? kBase64Alphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  O2C_ASSERT(out.size() % 4 == 0);
  return out;
}

Result<std::string> base64_decode(std::string_view text) {
  std::string out;
  std::uint32_t bits = 0;
  int count = 0;
  int padding = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r' || c == '\n') continue;
    if (c == '=') {
      ++padding;
      continue;
    }
    const std::size_t value = kBase64Alphabet.find(c);
    if (value == std::string_view::npos || padding > 0)
      return invalid_argument("invalid_base64",
                              "character " + std::to_string(i + 1) + " is not base64", "base64");
    bits = (bits << 6) | static_cast<std::uint32_t>(value);
    if (++count == 4) {
      out += static_cast<char>((bits >> 16) & 0xFF);
      out += static_cast<char>((bits >> 8) & 0xFF);
      out += static_cast<char>(bits & 0xFF);
      bits = 0;
      count = 0;
    }
  }
  if (count == 1 || padding > 2 || (count != 0 && count + padding != 4) ||
      (count == 0 && padding != 0))
    return invalid_argument("invalid_base64", "base64 text ends in the middle of a group",
                            "base64");
  if (count == 2) out += static_cast<char>((bits >> 4) & 0xFF);
  if (count == 3) {
    out += static_cast<char>((bits >> 10) & 0xFF);
    out += static_cast<char>((bits >> 2) & 0xFF);
  }
  return out;
}

std::string rfc5322_date(Timestamp instant) {
  using namespace std::chrono;
  const Date calendar = date_of(instant);
  const std::int64_t micros_into_day =
      instant.unix_micros - start_of_day(calendar).unix_micros;  // 0 <= … < one day
  const std::int64_t seconds = micros_into_day / 1'000'000;
  static constexpr std::array<const char*, 7> kWeekdays = {"Sun", "Mon", "Tue", "Wed",
                                                           "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const weekday wd{sys_days{calendar}};
  char text[64];
  std::snprintf(text, sizeof text, "%s, %02u %s %04d %02d:%02d:%02d +0000",
                kWeekdays[wd.c_encoding()], static_cast<unsigned>(calendar.day()),
                kMonths[static_cast<unsigned>(calendar.month()) - 1],
                static_cast<int>(calendar.year()), static_cast<int>(seconds / 3600),
                static_cast<int>(seconds / 60 % 60), static_cast<int>(seconds % 60));
  return text;
}

Result<std::string> render_mime(const MimeMessage& message) {
  O2C_RETURN_IF_ERROR(check_headers(message));
  const std::string body = crlf_lines(message.body);
  const bool body_ascii = is_ascii(body);
  if (message.boundary.empty() || breaks_header(message.boundary) ||
      body.find(message.boundary) != std::string::npos)
    return invalid_argument("bad_boundary", "the MIME boundary is empty or occurs in the body",
                            "boundary");
  std::string out;
  out += "From: " + message.from + "\r\n";
  out += "To: ";
  for (std::size_t i = 0; i < message.recipients.size(); ++i)
    out += (i == 0 ? "" : ",\r\n ") + message.recipients[i];
  out += "\r\n";
  out += "Subject: " + encode_header_text(message.subject) + "\r\n";
  out += "Date: " + rfc5322_date(message.date) + "\r\n";
  out += "Message-ID: <" + message.message_id + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: multipart/mixed; boundary=" + quoted_parameter(message.boundary) + "\r\n";
  out += "\r\nThis is a multipart message in MIME format.\r\n";
  out += "\r\n--" + message.boundary + "\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  if (body_ascii) {
    out += "Content-Transfer-Encoding: 7bit\r\n\r\n" + body;
  } else {
    out += "Content-Transfer-Encoding: base64\r\n\r\n" + base64_lines(body);
  }
  for (const MimeAttachment& attachment : message.attachments) {
    const std::string name = quoted_parameter(encode_header_text(attachment.filename));
    out += "\r\n--" + message.boundary + "\r\n";
    out += "Content-Type: " + attachment.content_type + "; name=" + name + "\r\n";
    out += "Content-Disposition: attachment; filename=" + name + "\r\n";
    out += "Content-Transfer-Encoding: base64\r\n\r\n";
    out += base64_lines(attachment.bytes);
  }
  out += "\r\n--" + message.boundary + "--\r\n";
  O2C_ASSERT(out.ends_with("--\r\n"));
  return out;
}

}  // namespace o2c
