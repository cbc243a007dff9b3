// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Reads one column chunk for a range of rows: pages outside the range are skipped without
// decompression when their row span is known (page header, offset index), the others are
// decoded into levels and dense values, which are then trimmed to exactly the range.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "parquet/encoding/values.h"
#include "quiver/arrow/buffer.h"
#include "quiver/parquet/metadata.h"
#include "quiver/parquet/options.h"
#include "quiver/result.h"

namespace quiver::parquet::column {

/// What the reader needs to know about a leaf column.
struct ColumnDescriptor {
  PhysicalType type = PhysicalType::kInt32;
  int32_t type_length = 0;
  int16_t max_def = 0;
  int16_t max_rep = 0;
};

/// The decoded levels and values of one leaf column for a row range.
///
/// Invariants after ReadColumnChunk: entries [entry_begin, entry_end) of `def`/`rep` cover
/// exactly the requested rows (def/rep are empty when the max level is 0, in which case
/// there is one entry per row); values [value_begin, value_end) are the non-null values
/// of those entries, in order; every def <= max_def, every rep <= max_rep, and the first
/// entry of the range has rep 0.
struct LeafData {
  explicit LeafData(const ColumnDescriptor& d) : desc(d), values(d.type, d.type_length) {}

  ColumnDescriptor desc;
  std::vector<uint16_t> def;
  std::vector<uint16_t> rep;
  encoding::ValueBuffer values;
  int64_t entry_begin = 0, entry_end = 0;
  int64_t value_begin = 0, value_end = 0;

  /// Dictionary mode (ReadOptions::read_dictionary): `values` holds the dictionary and
  /// `indices` one int32 per non-null value.
  bool dictionary_mode = false;
  std::vector<int32_t> indices;

  uint16_t def_at(int64_t i) const { return def.empty() ? desc.max_def : def[static_cast<size_t>(i)]; }
  uint16_t rep_at(int64_t i) const { return rep.empty() ? 0 : rep[static_cast<size_t>(i)]; }
};

/// Reads rows [row_begin, row_end) (relative to the row group) of a column chunk whose
/// bytes are `chunk` (starting at file offset `chunk_offset`). `offset_index`, when given,
/// supplies page row spans. `want_dictionary` asks for dictionary mode, which is kept only
/// when every decoded data page is dictionary-encoded.
/// Errors: those of the page reader and decoders, with the context `page[i]`;
/// kInvalidInput when levels exceed their maxima, when the value count of a page differs
/// from its non-null level count, or when the chunk ends before the rows do.
Status ReadColumnChunk(std::shared_ptr<Buffer> chunk, int64_t chunk_offset, const ColumnMetaData& meta,
                       const OffsetIndex* offset_index, int64_t row_group_rows, int64_t row_begin, int64_t row_end,
                       bool want_dictionary, const ReadOptions& options, LeafData* out);

}  // namespace quiver::parquet::column
