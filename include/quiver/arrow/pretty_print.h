// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Human-readable text for arrays, record batches, tables and schemas: for tests, error
// reports, the CLI and debugging. Not a serialization format: do not parse it.
#pragma once

#include <cstdint>
#include <string>

#include "quiver/arrow/array.h"
#include "quiver/arrow/table.h"
#include "quiver/arrow/type.h"

namespace quiver {

/// How FormatArray and friends lay out values.
struct PrettyPrintOptions {
  /// Values shown at each end of an array, list, map or table column before the middle is
  /// replaced by "...". Eliding starts when there are more than 2 * window values; a
  /// negative window never elides.
  int64_t window = 10;
  /// Spaces put in front of every line of the output.
  int indent = 0;
  /// The text of a null value.
  std::string null_string = "null";
  /// For a dictionary array given to FormatArray: print two sections, "-- dictionary --"
  /// with the values and "-- indices --" with the indices, instead of the decoded values.
  /// Nested dictionaries always print decoded values.
  bool dictionary_sections = false;
  /// FormatSchema, FormatRecordBatch, FormatTable: print field and schema metadata.
  bool show_metadata = true;
  /// Metadata values longer than this many bytes are cut and marked with "..." (at a
  /// UTF-8 character boundary); 0 or less never cuts. Metadata can hold whole serialized
  /// schemas (ARROW:schema, pandas) that would drown the output.
  int64_t metadata_value_limit = 80;
};

/// The values of `array` on one line, e.g. `[1, null, 3]`, `["a\n", null]`,
/// `[[1, 2], null, []]`, `[{a: 1, b: "x"}]`, `[0, 1, ..., 98, 99]`.
///
/// Formats: integers in decimal; floats as the shortest decimal that reads back
/// (JavaScript layout: `0.1`, `1e+21`, `nan`); float16 likewise after widening; decimals
/// exactly at their scale (`-123.45`); date32/date64 as `YYYY-MM-DD`; time32/time64 as
/// `HH:MM:SS` plus the unit's fraction digits; timestamps as ISO 8601 with the unit's
/// fraction digits, naive without a suffix, `Z` for a named zone (the UTC instant) or the
/// local time and offset for a fixed-offset zone; durations with the unit (`5ms`);
/// intervals as `3M`, `5d 1000ms`, `1M 2d 3ns`; utf8 quoted with escapes (invalid
/// UTF-8 bytes as `\xHH`); binary and fixed_size_binary as hex `x'00ff'`; maps as
/// `{"k": 1}`; unions as the selected child's value; dictionaries as the decoded values
/// (see dictionary_sections); run-end encoded arrays as their logical values; extension
/// arrays as `extension<name> ` followed by their storage values.
///
/// Precondition: `array` is valid (it was built here, or passed ValidateArray); the
/// printer does not bounds-check buffers. Slices print only their slots.
std::string FormatArray(const ArrayData& array, const PrettyPrintOptions& options = {});

/// The schema (as FormatSchema), a "----" line, then one `name: [values]` line per
/// column. Precondition: the columns are valid.
std::string FormatRecordBatch(const RecordBatch& batch, const PrettyPrintOptions& options = {});

/// As FormatRecordBatch, each column shown as a list of its chunks, one per record batch:
/// `a: [[1, 2], [3]]`; the window applies to the chunks too. Precondition: the columns
/// are valid.
std::string FormatTable(const Table& table, const PrettyPrintOptions& options = {});

/// One `name: type` line per field (` not null` when not nullable), each field's metadata
/// under an indented "-- field metadata --" line, then "-- schema metadata --" and its
/// entries, with values quoted (when options.show_metadata).
std::string FormatSchema(const Schema& schema, const PrettyPrintOptions& options = {});

}  // namespace quiver
