// Expected<T, E>: the value of a fallible operation, or why it failed.
//
// The one error convention at the boundaries of proofgate's components
// (ARCHITECTURE.md, "Errors"): an operation that can fail for reasons a
// person must read returns Expected<T, E>; Status (Expected<void>) when
// there is no value. E is
//   - std::string, a message for a person ("address in use", "cannot open
//     the ledger at X: disk full"), for operations on the machine;
//   - std::vector<ConfigError>, every problem at file:line:col, for
//     loading rulebooks and configuration, so all of them are shown at once.
// Exceptions do not cross these boundaries: where a library throws
// (yaml-cpp, std::filesystem, nlohmann-json), the caller converts at once.
//
// The interface is the subset of C++23 std::expected that proofgate uses,
// with the same names, so moving to std::expected is a rename. A plain
// value type; thread safety as for T and E.
#ifndef PROOFGATE_CHECKS_EXPECTED_H_
#define PROOFGATE_CHECKS_EXPECTED_H_

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace proofgate {

// The error of a failed Expected, as std::unexpected: `return
// Unexpected(std::string("disk full"));`.
template <typename E>
class Unexpected {
 public:
  explicit Unexpected(E error) : error_(std::move(error)) {}
  E& error() & { return error_; }
  E&& error() && { return std::move(error_); }

 private:
  E error_;
};

template <typename E>
Unexpected(E) -> Unexpected<E>;

template <typename T, typename E = std::string>
class [[nodiscard]] Expected {
 public:
  // A success holding `value`.
  Expected(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  // A failure holding `failure.error()`.
  template <typename G>
  Expected(Unexpected<G> failure)
      : state_(std::in_place_index<1>, std::move(failure).error()) {}

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  // The value; only when has_value() (checked by std::get: a misuse throws
  // std::bad_variant_access rather than reading garbage).
  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // The error; only when !has_value().
  const E& error() const& { return std::get<1>(state_); }
  E&& error() && { return std::get<1>(std::move(state_)); }

 private:
  std::variant<T, E> state_;
};

// Success without a value, or an error.
template <typename E>
class [[nodiscard]] Expected<void, E> {
 public:
  Expected() = default;
  template <typename G>
  Expected(Unexpected<G> failure) : error_(std::move(failure).error()) {}

  bool has_value() const { return !error_.has_value(); }
  explicit operator bool() const { return has_value(); }

  // The error; only when !has_value().
  const E& error() const& { return *error_; }

 private:
  std::optional<E> error_;
};

// An operation with no value that fails with a message for a person.
using Status = Expected<void, std::string>;

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_EXPECTED_H_
