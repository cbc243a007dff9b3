// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Shredding of Arrow arrays into Parquet leaf columns (Dremel): for every leaf, one
// (definition, repetition) level pair per entry and the dense physical values of the
// entries that are present. Null lists, empty lists, null elements and null structs get
// distinct definition levels; slices are honoured at every depth (each child with its own
// offset, structs and fixed-size lists passing theirs down).
#pragma once

#include <cstdint>
#include <vector>

#include "parquet/arrow/write_schema.h"
#include "parquet/encoding/values.h"
#include "quiver/arrow/array.h"
#include "quiver/result.h"

namespace quiver::parquet::arrow {

/// The buffered levels and values of one leaf column, appended to batch after batch.
struct LeafChunk {
  explicit LeafChunk(const WriteLeaf& leaf) : values(leaf.type, leaf.type_length) {}

  /// One entry per level; both are filled whatever the maximum levels are.
  std::vector<uint16_t> def;
  std::vector<uint16_t> rep;
  encoding::ValueBuffer values;
  int64_t num_rows = 0;

  /// Buffered bytes (levels and values), for the row-group size limit.
  int64_t buffered_bytes() const {
    return static_cast<int64_t>(def.size() * 4) + values.data.size() + values.offsets.size();
  }
};

/// Appends the levels and values of `column`, the array of top-level field `root`, to the
/// chunks of the leaves below it (`chunks` is indexed like schema.leaves).
/// Precondition: `column` is valid and of the field's type.
/// Errors: kInvalidArgument "expected no nulls in non-nullable field 'a.b' but found one";
/// kOutOfMemory.
Status AppendLevels(const WriteSchema& schema, const WriteNode& root, const ArrayData& column,
                    std::vector<LeafChunk>* chunks);

}  // namespace quiver::parquet::arrow
