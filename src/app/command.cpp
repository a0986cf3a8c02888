#include "app/command.hpp"

#include <iostream>

namespace crew::app {

int fail(int code, const std::string& message) {
  std::cerr << "crew: " << message << '\n';
  return code;
}

} // namespace crew::app
