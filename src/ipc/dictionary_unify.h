// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Dictionary unification for the IPC file format, which cannot replace a dictionary: a
// batch whose dictionary differs from the one already written gets the values missing from
// it as a delta, and its indices are rewritten into the unified dictionary.
#pragma once

#include <cstdint>
#include <vector>

#include "quiver/arrow/array.h"
#include "quiver/result.h"

namespace quiver::ipc::internal {

struct DictionaryDelta {
  /// Values of `next` missing from `base`, in order of first use (may be empty).
  ArrayPtr delta;
  /// For each slot of `next`, its index in base followed by delta.
  std::vector<int64_t> remap;
};

/// Unifies `next` into `base` (valid arrays of one type; equal values, nulls included, map
/// to the first occurrence in base). Value types: booleans, fixed-width types, binary, utf8
/// and their large variants. Errors: kUnsupported for other value types.
Result<DictionaryDelta> UnifyDictionary(const ArrayData& base, const ArrayData& next);

/// `indices` (a valid dictionary array) with every index rewritten through `remap` and
/// `dictionary` as its dictionary. Errors: kInvalidArgument when a new index does not fit
/// the index type.
Result<ArrayPtr> RemapIndices(const ArrayData& indices, const std::vector<int64_t>& remap, ArrayPtr dictionary);

}  // namespace quiver::ipc::internal
