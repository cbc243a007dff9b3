// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Record shredding undone: definition and repetition levels to Arrow validity, list
// offsets and struct/map children, at any depth.
//
// The slots of a node at list depth `d` whose nearest repeated ancestor is present from
// definition level `rad` are the level entries with rep <= d and def >= rad of any leaf
// below it (all leaves below a node agree on those entries, so the first selected leaf is
// used). A slot is valid when def >= the node's def_level. For a list, an entry with
// def >= elem_def starts or continues an element; entries with rep == the list's
// rep_level continue the current list.
#pragma once

#include <vector>

#include "parquet/arrow/schema.h"
#include "parquet/column/column_reader.h"
#include "quiver/arrow/array.h"
#include "quiver/result.h"

namespace quiver::parquet::arrow {

/// The array of a top-level node over the rows its leaves hold. `leaves[i]` is the data of
/// the leaf whose first_leaf is i. Errors: kInvalidInput when levels are inconsistent
/// (a continuation with no list open), and those of MakeLeafArray.
Result<ArrayPtr> AssembleColumn(const FieldNode& node, std::vector<column::LeafData>& leaves);

}  // namespace quiver::parquet::arrow
