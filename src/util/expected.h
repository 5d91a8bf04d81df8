#pragma once
// Errors as values: a message with the file, line and column it is about.
// The engine never throws; only the CLI turns an Error into text and an exit code.

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace lessonlint {

struct Error {
  std::string file;     // empty when the error is not about a file
  int line = 0;         // 1-based; 0 when unknown
  int column = 0;       // 1-based; 0 when unknown
  std::string message;

  // "file:line:col: message", dropping what is unknown.
  std::string to_string() const;
};

template <class T>
class Expected {
 public:
  Expected(T value) : m_v(std::move(value)) {}  // NOLINT: implicit by design
  Expected(Error error) : m_v(std::move(error)) {}  // NOLINT

  bool ok() const { return m_v.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(m_v); }
  const T& value() const { return std::get<0>(m_v); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(m_v); }

 private:
  std::variant<T, Error> m_v;
};

}  // namespace lessonlint
