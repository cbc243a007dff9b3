// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Values of valid arrays as JSON text, for the facade's explicit copies (getRows, getColumn).
#pragma once

#include <cstdint>
#include <string>

#include "quiver/arrow/array.h"
#include "quiver/arrow/table.h"
#include "quiver/result.h"

namespace quiver::handles {

/// Appends slot `i` (0-based within the array's slice) of `array` as JSON.
///
/// The JSON is lossless; the facade turns it into JavaScript values by walking the type:
/// null slots are `null`; bool and integers up to 32 bits, date32, time32, float16/32/64
/// are numbers (NaN and infinities as the strings "NaN", "Infinity", "-Infinity");
/// 64-bit integers and temporals (int64, uint64, date64, time64, timestamp, duration) are
/// decimal strings (BigInt in JS); decimals are exact decimal strings; utf8 values are
/// strings (invalid UTF-8 as U+FFFD); binary values are lower-case hex strings; lists are
/// arrays; structs are objects; maps are arrays of entry objects ({key, value}); intervals are
/// months, [days, milliseconds] or [months, days, "nanoseconds"]; unions are
/// [child index, value]; dictionaries, run-end encoded and extension arrays give the
/// logical value.
///
/// Precondition: `array` passed ValidateArray (every read is then in bounds) and
/// 0 <= i < array.length.
void AppendValueJson(std::string* out, const ArrayData& array, int64_t i);

/// Rows [offset, offset + length) of `table` as a JSON array of objects keyed by column
/// name. Errors: kInvalidArgument when the range is outside the table.
Result<std::string> RowsJson(const Table& table, int64_t offset, int64_t length);

/// Column `column` of `table` as a JSON array of its values.
/// Precondition: 0 <= column < table.num_columns().
std::string ColumnJson(const Table& table, int column);

}  // namespace quiver::handles
