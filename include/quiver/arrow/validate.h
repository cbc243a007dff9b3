// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Validation of arrays and record batches that come from untrusted input.
#pragma once

#include "quiver/arrow/array.h"
#include "quiver/arrow/table.h"
#include "quiver/limits.h"
#include "quiver/status.h"

namespace quiver {

/// Checks that `array` (and, recursively, its children and dictionary) is safe to read.
///
/// The contract: after OK, every access that follows the array's type layout is inside its
/// buffers and children, for every slot within [offset, offset + length), null or not:
/// buffers exist and are long enough; every offset, list-view offset/size, binary view,
/// dense-union offset and union type id is in range; offsets are non-decreasing (so `end -
/// start` is never negative); child lengths cover what the parent can address; dictionary
/// indices of valid slots are in [0, dictionary length); a run-end encoded array's last run
/// end covers offset + length. Values are not inspected beyond that (see ValidateArrayFull).
///
/// Stricter than Arrow C++'s default level wherever that level leaves an access that can go
/// out of bounds: every offset is range-checked and non-decreasing (Arrow C++ checks only
/// the first and last); dictionary indices, union type ids and dense-union offsets are
/// checked (Arrow C++ does so only at full level); binary views are checked against their
/// variadic buffers (Arrow C++: full level).
///
/// What consumers may rely on besides this: a slot is valid when ArrayData::IsValid says so
/// (null_count == 0 means no nulls, whatever the bitmap holds); arrays of length 0 may have
/// absent (null) or empty buffers other than the validity bitmap, so code must not read
/// offsets of an empty array; buffers may be unaligned (read through memcpy); the values of
/// null slots of fixed-width and dictionary-index buffers are arbitrary.
///
/// Errors (all with a context path such as `child[1].dictionary`, `child[i]` being the
/// i-th child array and `dictionary` the dictionary; element indices in messages such as
/// `offset[3]` are positions in the buffer, that is with the array's offset applied):
/// - kInvalidInput: the array breaks the layout, e.g. `offsets buffer needs 4004 bytes but
///   has 4000` or `expected offset[3] <= 120 (data size) but found 130`.
/// - kLimitExceeded: type or array nesting deeper than limits.max_nesting_depth.
/// Cost: one pass over offsets, views, type ids, dense-union offsets and dictionary indices;
/// bitmaps are counted only where nulls matter (run ends, map entries). No allocation.
Status ValidateArray(const ArrayData& array, const Limits& limits = kDefaultLimits);

/// ValidateArray, then the content rules of the columnar format that memory safety does not
/// need: the declared null_count equals the validity bitmap's count; utf8, large_utf8 and
/// utf8_view values (of valid slots) are valid UTF-8; binary views of valid slots have zero
/// padding after inline data and a prefix equal to the first 4 bytes of out-of-line data;
/// dense-union offsets are non-decreasing per child; run ends are positive and strictly
/// increasing; map keys are not null. Decimal precision is not checked.
/// Errors: as ValidateArray, plus kInvalidInput naming the first offending value.
Status ValidateArrayFull(const ArrayData& array, const Limits& limits = kDefaultLimits);

/// ValidateArray for each column, with the context segment `column['name']`, after checking
/// that each column exists, has num_rows() rows and the schema field's type.
Status ValidateRecordBatch(const RecordBatch& batch, const Limits& limits = kDefaultLimits);

/// As ValidateRecordBatch, at the full level (ValidateArrayFull per column).
Status ValidateRecordBatchFull(const RecordBatch& batch, const Limits& limits = kDefaultLimits);

}  // namespace quiver
