// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Row access to GeoArrow arrays of every encoding, shared by the operations. Private.
#pragma once

#include <cstdint>
#include <string_view>

#include "quiver/arrow/array.h"
#include "quiver/result.h"
#include "quiver_geo/geoarrow.h"
#include "quiver_geo/wkb.h"

namespace quiver::geo::detail {

/// Reads the rows of one validated GeoArrow array. Holds a pointer to the array, which
/// must outlive the reader.
class GeoReader {
 public:
  /// Runs ValidateArray on `array`, then ParseGeoArrowType on its type.
  /// Errors: those two functions'.
  static Result<GeoReader> Make(const ArrayData& array, const GeoLimits& limits);

  const GeoArrowType& type() const { return type_; }
  int64_t length() const { return array_->length; }
  bool IsNull(int64_t row) const { return !array_->IsValid(row); }

  /// Decodes row `row` (0 <= row < length(), not null) into `*out`, replacing its
  /// contents. Errors (without the row context): the WKB or WKT decoder's.
  Status Read(int64_t row, Geometry* out) const;

  /// The type, dimensions, coordinate count and bounds of row `row`. WKB rows are walked
  /// without allocating; other encodings are decoded into `*scratch`.
  Status Summarize(int64_t row, WkbSummary* out, Geometry* scratch) const;

 private:
  GeoReader(const ArrayData* array, GeoArrowType type, GeoLimits limits)
      : array_(array), type_(std::move(type)), limits_(limits) {}

  const ArrayData* array_;
  GeoArrowType type_;
  GeoLimits limits_;
};

/// Adds the `row[i]` context segment to an error.
Status AtRow(Status st, int64_t row);

/// Calls `f(row, summary)` for each non-null row of `reader`, in order; a row that does not
/// parse, or an error `f` returns, ends the walk with the row's context.
template <typename F>
Status ForEachSummary(const GeoReader& reader, F&& f) {
  WkbSummary summary;
  Geometry scratch;
  for (int64_t i = 0; i < reader.length(); ++i) {
    if (reader.IsNull(i)) continue;
    Status st = reader.Summarize(i, &summary, &scratch);
    if (st.ok()) st = f(i, summary);
    if (!st.ok()) return AtRow(std::move(st), i);
  }
  return Status::OK();
}

/// Value `i` (0-based within the slice) of a valid binary, utf8, large_*, or *_view
/// array (or an extension stored as one).
std::string_view BinaryValue(const ArrayData& array, int64_t i);

}  // namespace quiver::geo::detail
