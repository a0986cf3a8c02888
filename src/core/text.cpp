#include "core/text.hpp"

#include <cstdint>

namespace crew::core {
namespace {

constexpr char k_hex[] = "0123456789abcdef";

void append_escape(std::string& out, const char* prefix, unsigned value) {
  out += prefix;
  out += k_hex[(value >> 4) & 0xf];
  out += k_hex[value & 0xf];
}

// The length of the well-formed UTF-8 sequence at `pos` (1 to 4), its code point in `code`; 0 when
// the bytes there are not UTF-8 (a stray continuation, a truncated or overlong sequence, a
// surrogate, beyond U+10FFFF).
std::size_t utf8_sequence(std::string_view text, std::size_t pos, std::uint32_t& code) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  std::size_t length = 0;
  std::uint32_t smallest = 0;
  if (lead < 0x80) {
    code = lead;
    return 1;
  }
  if ((lead & 0xe0) == 0xc0) {
    length = 2;
    code = lead & 0x1fu;
    smallest = 0x80;
  } else if ((lead & 0xf0) == 0xe0) {
    length = 3;
    code = lead & 0x0fu;
    smallest = 0x800;
  } else if ((lead & 0xf8) == 0xf0) {
    length = 4;
    code = lead & 0x07u;
    smallest = 0x10000;
  } else {
    return 0;
  }
  if (pos + length > text.size()) {
    return 0;
  }
  for (std::size_t i = 1; i < length; ++i) {
    const auto next = static_cast<unsigned char>(text[pos + i]);
    if ((next & 0xc0) != 0x80) {
      return 0;
    }
    code = (code << 6) | (next & 0x3fu);
  }
  if (code < smallest || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
    return 0;
  }
  return length;
}

} // namespace

std::string printable(std::string_view text, std::size_t max_chars) {
  std::string out;
  out.reserve(std::min(text.size(), max_chars) + 8);
  std::size_t chars = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (chars == max_chars) {
      out += "…";
      break;
    }
    std::uint32_t code = 0;
    const std::size_t length = utf8_sequence(text, pos, code);
    if (length == 0) {
      append_escape(out, "\\x", static_cast<unsigned char>(text[pos]));
      ++pos;
    } else if (code < 0x20 || code == 0x7f) {
      append_escape(out, "\\x", code);
      pos += length;
    } else if (code >= 0x80 && code < 0xa0) {
      append_escape(out, "\\u00", code);
      pos += length;
    } else {
      out.append(text.substr(pos, length));
      pos += length;
    }
    ++chars;
  }
  return out;
}

} // namespace crew::core
