// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Leaf values to Arrow arrays: the only place physical Parquet values become Arrow buffers.
#pragma once

#include <cstdint>
#include <memory>

#include "parquet/column/column_reader.h"
#include "quiver/arrow/array.h"
#include "quiver/result.h"

namespace quiver::parquet::arrow {

/// An array of `length` slots of `type` from the leaf's values (`element` is the leaf's
/// schema element, for the stored time unit): slot i is null where
/// `validity` (null: all valid) has a 0 bit, and valid slots take the leaf's values from
/// value_begin on, in order. `null_count` is the number of 0 bits. Precondition: the
/// leaf holds at least length - null_count values from value_begin.
/// Errors: kInvalidInput for values the type cannot hold (a decimal wider than its type),
/// kLimitExceeded for 32-bit offsets that would overflow, kOutOfMemory.
Result<ArrayPtr> MakeLeafArray(column::LeafData& leaf, const SchemaElement* element, const TypePtr& type,
                               std::shared_ptr<Buffer> validity, int64_t length, int64_t null_count);

}  // namespace quiver::parquet::arrow
