// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "quiver/status.h"


#include "core/format_value.h"
#include "core/str_cat.h"

namespace quiver {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidInput: return "invalid_input";
    case StatusCode::kTruncated: return "truncated";
    case StatusCode::kUnsupported: return "unsupported";
    case StatusCode::kLimitExceeded: return "limit_exceeded";
    case StatusCode::kOutOfMemory: return "out_of_memory";
    case StatusCode::kInvalidArgument: return "invalid_argument";
    case StatusCode::kInvalidHandle: return "invalid_handle";
    case StatusCode::kIo: return "io";
    case StatusCode::kPlugin: return "plugin";
    case StatusCode::kInternal: return "internal";
  }
  return "unknown";
}

Status::Status(StatusCode code, std::string message) {
  if (code == StatusCode::kOk) return;
  state_ = std::make_unique<State>(State{code, std::move(message), {}});
}

Status::Status(const Status& other)
    : state_(other.state_ ? std::make_unique<State>(*other.state_) : nullptr) {}

Status& Status::operator=(const Status& other) {
  if (this != &other) state_ = other.state_ ? std::make_unique<State>(*other.state_) : nullptr;
  return *this;
}

const std::string& Status::message() const {
  static const std::string kEmpty;
  return state_ ? state_->message : kEmpty;
}

const std::string& Status::context() const {
  static const std::string kEmpty;
  return state_ ? state_->context : kEmpty;
}

Status Status::WithContext(std::string_view segment) && {
  if (state_ && !segment.empty()) {
    if (state_->context.empty()) {
      state_->context.assign(segment);
    } else {
      // Segments that start with '[' index the previous one (`child[0]`); others are
      // joined with '.'.
      std::string joined(segment);
      if (state_->context.front() != '[') joined.push_back('.');
      joined.append(state_->context);
      state_->context = std::move(joined);
    }
  }
  return std::move(*this);
}

std::string Status::ToString() const {
  if (!state_) return "OK";
  if (state_->context.empty()) return state_->message;
  return internal::StrCat(state_->context, ": ", state_->message);
}

namespace internal {

// The printer's formatting (JavaScript's layout: plain digits from 1e-7 up to 1e21, shortest
// digits that read back as the same double), so messages and printed values agree.
void AppendDouble(std::string* out, double value) { AppendShortestDouble(out, value); }

}  // namespace internal
}  // namespace quiver
