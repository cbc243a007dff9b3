// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace quiver {

/// Error codes. They are ours, not errno, and map one-to-one onto the error codes of
/// the TypeScript facade (see docs/design.md, "Error model").
enum class StatusCode : uint8_t {
  kOk = 0,
  /// The input is malformed: it can never be read, however many bytes follow.
  kInvalidInput,
  /// The input ended early: more bytes would be needed. Kept distinct from kInvalidInput
  /// up to the top, so that streaming readers know when to feed more.
  kTruncated,
  /// Valid input that uses a feature this build does not implement.
  kUnsupported,
  /// A configured safety limit (see quiver::Limits) would be exceeded.
  kLimitExceeded,
  /// An allocation failed.
  kOutOfMemory,
  /// The caller passed an argument that is not valid for the call.
  kInvalidArgument,
  /// A handle is unknown, freed or stale.
  kInvalidHandle,
  /// A byte source or sink failed.
  kIo,
  /// A plugin failed or is missing.
  kPlugin,
  /// A bug in Quiver: an invariant did not hold.
  kInternal,
};

/// The stable lower-case name of a code ("invalid_input", "truncated", ...).
std::string_view StatusCodeName(StatusCode code);

/// The outcome of an operation: OK, or an error code with a message and a context path.
///
/// OK is one null pointer, so returning and testing OK is as cheap as an int. An error
/// carries a message of the form "expected <what> but found <value>" and a context path
/// that callers add while unwinding (`column['price'].child[0]`), outermost first.
class [[nodiscard]] Status {
 public:
  Status() noexcept = default;
  Status(StatusCode code, std::string message);
  Status(const Status& other);
  Status& operator=(const Status& other);
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;
  ~Status() = default;

  static Status OK() { return Status(); }
  static Status InvalidInput(std::string message) { return {StatusCode::kInvalidInput, std::move(message)}; }
  static Status Truncated(std::string message) { return {StatusCode::kTruncated, std::move(message)}; }
  static Status Unsupported(std::string message) { return {StatusCode::kUnsupported, std::move(message)}; }
  static Status LimitExceeded(std::string message) { return {StatusCode::kLimitExceeded, std::move(message)}; }
  static Status OutOfMemory(std::string message) { return {StatusCode::kOutOfMemory, std::move(message)}; }
  static Status InvalidArgument(std::string message) { return {StatusCode::kInvalidArgument, std::move(message)}; }
  static Status InvalidHandle(std::string message) { return {StatusCode::kInvalidHandle, std::move(message)}; }
  static Status IoError(std::string message) { return {StatusCode::kIo, std::move(message)}; }
  static Status PluginError(std::string message) { return {StatusCode::kPlugin, std::move(message)}; }
  static Status Internal(std::string message) { return {StatusCode::kInternal, std::move(message)}; }

  bool ok() const { return state_ == nullptr; }
  StatusCode code() const { return state_ ? state_->code : StatusCode::kOk; }
  /// The message without the context path; empty when OK.
  const std::string& message() const;
  /// The context path, outermost segment first, segments joined by '.'; empty when none.
  const std::string& context() const;

  /// Prepends one segment to the context path (for example `column['price']` or
  /// `record_batch[3]`). A no-op on OK, so it can wrap any call.
  Status WithContext(std::string_view segment) &&;

  /// "context: message", or just the message when there is no context; "OK" when OK.
  std::string ToString() const;

 private:
  struct State {
    StatusCode code;
    std::string message;
    std::string context;
  };
  std::unique_ptr<State> state_;
};

}  // namespace quiver

/// Evaluates `expr` (a Status); returns it from the enclosing function if it is an error.
#define QUIVER_RETURN_IF_ERROR(expr)                  \
  do {                                                \
    ::quiver::Status quiver_status_ = (expr);         \
    if (!quiver_status_.ok()) return quiver_status_;  \
  } while (false)

/// Like QUIVER_RETURN_IF_ERROR, but adds a context segment to the error on the way out.
#define QUIVER_RETURN_IF_ERROR_CTX(expr, segment)                                   \
  do {                                                                              \
    ::quiver::Status quiver_status_ = (expr);                                       \
    if (!quiver_status_.ok()) return std::move(quiver_status_).WithContext(segment); \
  } while (false)
