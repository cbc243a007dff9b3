// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Walks the pages of one column chunk: page headers, sizes checked against the chunk,
// decompression into exactly the declared size, and the split of a data page into its
// repetition levels, definition levels and values (data pages v1 and v2).
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "quiver/arrow/buffer.h"
#include "quiver/parquet/metadata.h"
#include "quiver/parquet/options.h"
#include "quiver/result.h"

namespace quiver::parquet::page {

/// A page's header and where its (compressed) payload lies in the chunk.
struct PageInfo {
  PageHeader header;
  /// Byte offset of the header from the start of the file.
  int64_t file_offset = 0;
  /// The compressed payload, a view of the chunk.
  std::span<const uint8_t> payload;
  /// Position of the page among the chunk's pages (for context paths).
  int index = 0;
};

/// A data or dictionary page ready to decode. The spans stay valid as long as the
/// PageReader and this struct live.
struct LoadedPage {
  /// Levels: for v1, the level sections as stored (with their 4-byte length prefix when
  /// RLE); for v2, the raw hybrid runs. Empty when the column has no such levels.
  std::span<const uint8_t> rep_levels;
  std::span<const uint8_t> def_levels;
  std::span<const uint8_t> values;
  /// Keeps decompressed bytes alive.
  std::shared_ptr<Buffer> holder;
};

class PageReader {
 public:
  /// `chunk` holds the column chunk's bytes, which start at `chunk_file_offset` in the
  /// file. Errors of later calls: see Next and Load.
  PageReader(std::shared_ptr<Buffer> chunk, int64_t chunk_file_offset, Compression codec, const ReadOptions& options)
      : chunk_(std::move(chunk)), chunk_file_offset_(chunk_file_offset), codec_(codec), options_(options) {}

  /// Reads the next page header; false at the end of the chunk.
  /// Errors: kInvalidInput for malformed headers and for sizes outside the chunk
  /// ("expected compressed page size <= N (bytes left in the column chunk) but found M").
  Result<bool> Next(PageInfo* info);

  /// Decompresses a page and splits it. `has_rep`/`has_def` say whether the column has
  /// each kind of level (v1 stores a section only when the max level is above 0).
  /// Errors: kUnsupported for LZO or an unknown codec; the codec's errors; kInvalidInput
  /// for level sections that do not fit.
  Result<LoadedPage> Load(const PageInfo& info, bool has_rep, bool has_def);

 private:
  Result<std::shared_ptr<Buffer>> Decompress(std::span<const uint8_t> in, int64_t uncompressed_size);

  std::shared_ptr<Buffer> chunk_;
  int64_t chunk_file_offset_;
  Compression codec_;
  const ReadOptions& options_;
  int64_t pos_ = 0;
  int index_ = 0;
};

}  // namespace quiver::parquet::page
