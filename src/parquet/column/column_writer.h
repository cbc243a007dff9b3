// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Encodes one buffered leaf column of a row group as a column chunk: an optional
// dictionary page, then data pages (v1 or v2) cut at row boundaries near the target size,
// each compressed, with statistics per page and for the chunk, and the page index.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "parquet/arrow/levels.h"
#include "parquet/arrow/write_schema.h"
#include "quiver/parquet/metadata.h"
#include "quiver/result.h"

namespace quiver::parquet::column {

/// The options of one leaf column, resolved from WriteOptions and its overrides.
struct ColumnWriteConfig {
  Compression codec = Compression::kSnappy;
  /// codec::Codec::kDefaultLevel when unset.
  int level = 0;
  bool dictionary = true;
  /// Encoding of pages that are not dictionary-encoded.
  Encoding encoding = Encoding::kPlain;
  bool statistics = true;
  bool page_index = true;
  int64_t dictionary_page_bytes = 0;
  int64_t data_page_bytes = 0;
  int page_version = 1;
  int64_t max_statistics_bytes = 0;
};

struct WrittenChunk {
  /// Offsets are absolute (the chunk starts at the `file_offset` given).
  ColumnChunk chunk;
  /// Set when statistics allow one (every page has min/max or is all nulls).
  std::optional<ColumnIndex> column_index;
  std::optional<OffsetIndex> offset_index;
};

/// Whether `encoding` may be used for (non-dictionary) data pages of `type`.
bool EncodingValidFor(Encoding encoding, PhysicalType type);

/// Encodes `data` as a column chunk appended to `out`, whose first byte will lie at
/// `file_offset` in the file. Errors: the codec's (kUnsupported when left out of this
/// build); kLimitExceeded for a page over 2 GiB.
Status WriteColumnChunk(const arrow::WriteLeaf& leaf, const arrow::LeafChunk& data, const ColumnWriteConfig& config,
                        int64_t file_offset, std::vector<uint8_t>* out, WrittenChunk* result);

}  // namespace quiver::parquet::column
