#pragma once
// Echoing outside text (a command-line argument, a line of a file, an answer) in a message: every
// control character and byte that is not UTF-8 is escaped, so a message stays one line and cannot
// drive the terminal (escape sequences) or hide its end (NUL), and it is capped, so a 300 MB
// argument or file line does not become a 300 MB message.
#include <cstddef>
#include <string>
#include <string_view>

namespace crew::core {

// How much of one piece of outside text a message quotes.
inline constexpr std::size_t k_echo_chars = 200;

// `text` with control characters (below 0x20, DEL, and U+0080 to U+009F) written as \xNN or
// \u00NN and bytes that are not UTF-8 as \xNN; other characters as they are. After `max_chars`
// characters (an escape counts as one) the rest is replaced by "…".
std::string printable(std::string_view text, std::size_t max_chars = k_echo_chars);

} // namespace crew::core
