// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// A minimal JSON text writer for the summaries the bindings hand to JavaScript. Appends to
// a std::string; no DOM, no iostream (style.md §6).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "quiver/arrow/type.h"

namespace quiver::handles {

/// Appends `bytes` as a JSON string literal. Bytes that are not valid UTF-8 become U+FFFD,
/// so the output is always valid JSON whatever the input holds.
void AppendJsonString(std::string* out, std::string_view bytes);

/// Appends an integer as a JSON number.
void AppendJsonInt(std::string* out, int64_t value);

/// Appends `metadata` as a JSON object of string values (a repeated key keeps its last value,
/// as JSON.parse does).
void AppendJsonMetadata(std::string* out, const KeyValueMetadata& metadata);

}  // namespace quiver::handles
