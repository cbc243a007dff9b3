// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The Parquet schema as a tree of Arrow fields with the levels that reconstruct them.
//
// Levels (Dremel): a node's `def_level` is the definition level at which its value is
// present (non-null); for a list or map, `elem_def` is the level at which an element is
// present and `rep_level` the repetition level of its repeated node. The slots of a node
// are chosen by its parent when assembling (see assemble.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "parquet/column/column_reader.h"
#include "quiver/arrow/type.h"
#include "quiver/parquet/metadata.h"
#include "quiver/parquet/options.h"
#include "quiver/result.h"

namespace quiver::parquet::arrow {

enum class NodeKind : uint8_t { kLeaf, kStruct, kList, kMap };

struct FieldNode {
  NodeKind kind = NodeKind::kLeaf;
  /// The Arrow field this node produces.
  FieldPtr field;
  int16_t def_level = 0;
  int16_t rep_level = 0;
  int16_t elem_def = 0;
  /// Leaf: index among the file's leaf columns, its schema element and descriptor.
  int column = -1;
  const SchemaElement* element = nullptr;
  column::ColumnDescriptor desc;
  /// Dotted path of Parquet names from the root (`a.list.element`).
  std::string path;
  std::vector<FieldNode> children;
  /// Set by projection: the position in the leaf list of the first selected leaf below.
  int first_leaf = -1;
  /// Leaf: request dictionary-mode decoding (ARROW:schema dictionary or read_dictionary).
  bool want_dictionary = false;
};

/// Builds the tree from the flattened schema. Errors: kInvalidInput for a malformed
/// schema (children counts, missing types, LIST/MAP groups of the wrong shape, invalid
/// decimal parameters), kLimitExceeded for nesting deeper than limits.max_nesting_depth
/// or more fields than limits.max_fields.
Result<std::vector<FieldNode>> BuildSchemaTree(const FileMetaData& md, const ReadOptions& options);

/// Applies the types of a decoded `ARROW:schema` to the tree where they fit (same names
/// and shapes, compatible storage); nodes that do not fit keep their Parquet types.
void ApplyArrowSchema(const Schema& arrow_schema, std::vector<FieldNode>* nodes);

/// Marks byte-array string/binary leaves for dictionary reading (read_dictionary) and
/// recomputes the field types above them.
void RequestDictionaries(std::vector<FieldNode>* nodes);

/// Keeps the nodes on the selected paths (top-level names or dotted paths) and collects
/// the selected leaves, in schema order, into `leaves` (also setting first_leaf).
/// Errors: kInvalidArgument "expected a column named 'x' but found none".
Status Project(const std::vector<std::string>& columns, std::vector<FieldNode>* nodes,
               std::vector<const FieldNode*>* leaves);

/// The Arrow schema of the (projected) tree; `metadata` becomes the schema metadata.
SchemaPtr MakeArrowSchema(const std::vector<FieldNode>& nodes, KeyValueMetadata metadata);

/// Recomputes a node's field type from its children (after projection or hints).
void RefreshType(FieldNode* node);

}  // namespace quiver::parquet::arrow
