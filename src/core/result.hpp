#pragma once
// Result<T>: a value or an Error{what, where}. Clang 14 does not enable libstdc++'s
// <expected>, so core keeps this small one. Errors are values, never exceptions across modules.
#include <string>
#include <utility>
#include <variant>

namespace crew::core {

// What went wrong and where (a file and line, a key, a symbol, an endpoint…).
struct Error {
  std::string what;
  std::string where;
  // The input is at fault (a file that is not what it must be, a value out of its domain), not
  // the machine or the network: the command line exits 2 for it, not 1.
  bool bad_input = false;

  // "where: what", or just "what" when there is no place to name.
  std::string message() const { return where.empty() ? what : where + ": " + what; }
};

template <typename T>
class [[nodiscard]] Result {
public:
  Result(T value) : m_state(std::move(value)) {}
  Result(Error error) : m_state(std::move(error)) {}

  bool ok() const { return m_state.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(m_state); }
  const T& value() const& { return std::get<0>(m_state); }
  T&& value() && { return std::get<0>(std::move(m_state)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { return std::get<1>(m_state); }

private:
  std::variant<T, Error> m_state;
};

// The success-or-error of an operation that has no value.
template <>
class [[nodiscard]] Result<void> {
public:
  Result() = default;
  Result(Error error) : m_error(std::move(error)), m_ok(false) {}

  bool ok() const { return m_ok; }
  explicit operator bool() const { return m_ok; }
  const Error& error() const { return m_error; }

private:
  Error m_error;
  bool m_ok = true;
};

using Status = Result<void>;

} // namespace crew::core
