// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#pragma once

#include <new>
#include <type_traits>
#include <utility>

#include "quiver/status.h"

namespace quiver {

/// A value of type T, or the error Status explaining why there is none.
///
/// Constructing a Result from an OK Status is a bug; it becomes an kInternal error
/// rather than undefined behaviour.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(const T& value) : has_value_(true) { new (&storage_) T(value); }         // NOLINT
  Result(T&& value) : has_value_(true) { new (&storage_) T(std::move(value)); }   // NOLINT
  template <typename U, typename = std::enable_if_t<std::is_convertible_v<U&&, T> &&
                                                    !std::is_same_v<std::decay_t<U>, Status> &&
                                                    !std::is_same_v<std::decay_t<U>, T>>>
  Result(U&& value) : has_value_(true) { new (&storage_) T(std::forward<U>(value)); }  // NOLINT
  Result(Status status) : status_(std::move(status)) {                           // NOLINT
    if (status_.ok()) status_ = Status::Internal("Result constructed from an OK status");
  }
  Result(const Result& other) : status_(other.status_), has_value_(other.has_value_) {
    if (has_value_) new (&storage_) T(other.value_unsafe());
  }
  Result(Result&& other) noexcept : status_(std::move(other.status_)), has_value_(other.has_value_) {
    if (has_value_) new (&storage_) T(std::move(other.value_unsafe()));
  }
  Result& operator=(Result other) noexcept {
    Reset();
    status_ = std::move(other.status_);
    has_value_ = other.has_value_;
    if (has_value_) new (&storage_) T(std::move(other.value_unsafe()));
    return *this;
  }
  ~Result() { Reset(); }

  bool ok() const { return has_value_; }
  const Status& status() const& { return status_; }
  Status status() && { return std::move(status_); }

  /// Precondition: ok().
  const T& value() const& { return value_unsafe(); }
  T& value() & { return value_unsafe(); }
  T&& value() && { return std::move(value_unsafe()); }
  const T& operator*() const& { return value_unsafe(); }
  T& operator*() & { return value_unsafe(); }
  const T* operator->() const { return &value_unsafe(); }
  T* operator->() { return &value_unsafe(); }

  /// The value, or `fallback` when there is none.
  T ValueOr(T fallback) && { return has_value_ ? std::move(value_unsafe()) : std::move(fallback); }

 private:
  T& value_unsafe() { return *std::launder(reinterpret_cast<T*>(&storage_)); }
  const T& value_unsafe() const { return *std::launder(reinterpret_cast<const T*>(&storage_)); }
  void Reset() {
    if (has_value_) value_unsafe().~T();
    has_value_ = false;
  }

  Status status_;
  bool has_value_ = false;
  alignas(T) unsigned char storage_[sizeof(T)];
};

}  // namespace quiver

#define QUIVER_CONCAT_INNER_(a, b) a##b
#define QUIVER_CONCAT_(a, b) QUIVER_CONCAT_INNER_(a, b)

#define QUIVER_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                                  \
  if (!tmp.ok()) return std::move(tmp).status();       \
  lhs = std::move(tmp).value()

/// Evaluates `rexpr` (a Result<T>); on error returns its Status from the enclosing
/// function, otherwise moves the value into `lhs` (which may be a declaration).
#define QUIVER_ASSIGN_OR_RETURN(lhs, rexpr) \
  QUIVER_ASSIGN_OR_RETURN_IMPL_(QUIVER_CONCAT_(quiver_result_, __LINE__), lhs, rexpr)
