#include "app/command.hpp"

#include "core/text.hpp"

#include <iostream>

namespace crew::app {

int fail(int code, const std::string& message) {
  std::cerr << "crew: " << core::printable(message, k_max_error_chars) << '\n';
  return code;
}

} // namespace crew::app
