// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Arrow's integration-test JSON, read with the project's JSON reader (core/json_internal.h).
// Test-only.
#pragma once

#include <string>
#include <string_view>

#include "core/json_internal.h"

namespace quiver::ipc::testing {

using Json = quiver::internal::JsonValue;

/// A number's source text (int64 values must not pass through a double), a string's value.
inline std::string Text(const Json& j) { return j.kind == Json::Kind::kNumber ? std::string(j.raw) : j.text; }

/// Parses one JSON document; `text` must outlive the result. Errors: kInvalidInput naming
/// the byte offset, kLimitExceeded past 64 levels of nesting.
inline Result<Json> ParseJson(std::string_view text) { return quiver::internal::ParseJson(text, 64); }

}  // namespace quiver::ipc::testing
