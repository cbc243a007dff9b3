// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The Parquet schema of an Arrow schema, as pyarrow writes it (see docs/design.md,
// "Parquet writer"), with the levels and the value conversion of every leaf column.
//
// Levels (Dremel): a node's `def` is the definition level at which its value is present;
// an optional node is null at `def - 1`. A list or map node's elements repeat at `rep`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "quiver/arrow/type.h"
#include "quiver/parquet/metadata.h"
#include "quiver/result.h"

namespace quiver::parquet::arrow {

/// How an Arrow value becomes a Parquet physical value.
enum class ValueConv : uint8_t {
  kNone,     // null type: there are never values
  kBool,     // bit -> one byte (ValueBuffer's BOOLEAN layout)
  kInt,      // 1/2/4/8-byte integer, sign- or zero-extended to 4 or 8 bytes, times `factor`
  kDivide,   // int64 / factor -> int32 (date64 -> DATE)
  kFixed,    // same bytes (float, double, FLBA of fixed_size_binary and float16)
  kDecimal,  // little-endian two's complement -> big-endian FLBA of `out_width` bytes
  kBinary,   // offsets32/offsets64/views -> BYTE_ARRAY
};

/// Sort order of min/max statistics (parquet.thrift ColumnOrder, TypeDefinedOrder).
enum class SortOrder : uint8_t {
  kSigned,    // signed integers, dates, times, timestamps
  kUnsigned,  // UINT_*, BOOLEAN, byte arrays compared as unsigned bytes
  kFloat,     // IEEE floats ignoring NaN; -0 and +0 equal (min written -0, max +0)
  kFloat16,   // FLBA(2) FLOAT16, as kFloat
  kDecimal,   // big-endian two's complement FLBA
};

struct WriteLeaf {
  /// path_in_schema and its dotted form (`a.list.element`).
  std::vector<std::string> path;
  std::string dotted;
  /// Index of the top-level Arrow field above the leaf.
  int top = 0;
  PhysicalType type = PhysicalType::kInt32;
  int32_t type_length = 0;
  int16_t max_def = 0;
  int16_t max_rep = 0;
  ValueConv conv = ValueConv::kNone;
  /// Bytes of the Arrow value (kInt, kDivide, kFixed, kDecimal), its signedness (kInt)
  /// and the multiplier or divisor (kInt, kDivide).
  int32_t in_width = 0;
  bool in_signed = true;
  int64_t factor = 1;
  SortOrder order = SortOrder::kSigned;
  /// The Arrow type of the leaf's values (extension, dictionary and run-end encoding
  /// removed), for messages.
  TypePtr value_type;
};

enum class WriteNodeKind : uint8_t { kLeaf, kStruct, kList, kMap };

/// One Arrow field of the tree (a list's element, a map's key and value are children).
struct WriteNode {
  WriteNodeKind kind = WriteNodeKind::kLeaf;
  std::string name;
  bool optional = true;
  int16_t def = 0;
  int16_t rep = 0;
  /// kLeaf: index in WriteSchema::leaves.
  int leaf = -1;
  std::vector<WriteNode> children;
};

struct WriteSchema {
  /// The flattened Parquet schema (root first).
  std::vector<SchemaElement> elements;
  /// One node per top-level Arrow field.
  std::vector<WriteNode> roots;
  /// Leaf columns in schema order.
  std::vector<WriteLeaf> leaves;
};

/// Maps `schema`. Errors: kUnsupported naming the column for types Parquet cannot hold
/// ("column 'u': expected a type Parquet can store but found sparse_union<...>"): unions,
/// intervals, structs without fields, fixed_size_binary(0). `geometry_logical_types`: every
/// `geoarrow.wkb` leaf gets the GEOMETRY/GEOGRAPHY logical type (WriteOptions).
Result<WriteSchema> MakeWriteSchema(const Schema& schema, bool geometry_logical_types = false);

/// The type below extension, dictionary and run-end encoded wrappers.
const DataType& ValueTypeOf(const DataType& type);

}  // namespace quiver::parquet::arrow
