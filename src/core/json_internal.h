// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The one small JSON (RFC 8259) reader and string writer of the project, internal: for the
// JSON that metadata carries (GeoParquet's `geo` key in the Parquet layer, GeoArrow extension
// metadata in the geometry plugin) and the Arrow integration JSON of the IPC tests. Values
// keep a view of their source text, so members such as `crs` can be kept verbatim and
// numbers read exactly (an int64 need not pass through a double).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "quiver/result.h"

namespace quiver::internal {

struct JsonValue {
  enum class Kind : uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  double number = 0;
  /// A string's decoded value.
  std::string text;
  /// The value's source text, as a view into the parsed document.
  std::string_view raw;
  /// An array's items, or an object's member values (keys in `keys`, index for index).
  std::vector<JsonValue> items;
  std::vector<std::string> keys;

  /// The first object member called `key`, or null.
  const JsonValue* Find(std::string_view key) const;
};

/// "null", "boolean", "number", "string", "array", "object".
std::string_view JsonKindName(JsonValue::Kind kind);

/// Parses one JSON document (surrounding whitespace allowed). `json` must outlive the
/// result (raw views point into it). Errors: kInvalidInput `expected <what> at byte N but
/// found <what>`; kLimitExceeded for nesting deeper than `max_depth`.
Result<JsonValue> ParseJson(std::string_view json, int32_t max_depth);

/// Appends `s` as a JSON string: quotes, \" \\ and control characters escaped.
void AppendJsonString(std::string* out, std::string_view s);

}  // namespace quiver::internal
