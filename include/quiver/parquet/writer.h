// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Writing Arrow tables and record batches as Parquet files.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "quiver/arrow/buffer.h"
#include "quiver/arrow/table.h"
#include "quiver/io/sink.h"
#include "quiver/parquet/metadata.h"
#include "quiver/result.h"

namespace quiver::parquet {

/// Per-column overrides of WriteOptions; an unset field keeps the file-wide setting.
struct ColumnWriteOptions {
  /// The column's codec.
  std::optional<Compression> compression;
  /// The column's codec level (the codec's own scale, see WriteOptions::compression_level).
  std::optional<int32_t> compression_level;
  /// Dictionary encoding on or off for the column.
  std::optional<bool> dictionary;
  /// The encoding of data pages that are not dictionary-encoded (and of all data pages
  /// when the dictionary is off): PLAIN, RLE (BOOLEAN only), DELTA_BINARY_PACKED
  /// (INT32/INT64), DELTA_LENGTH_BYTE_ARRAY (BYTE_ARRAY), DELTA_BYTE_ARRAY (BYTE_ARRAY,
  /// FIXED_LEN_BYTE_ARRAY) or BYTE_STREAM_SPLIT (FLOAT, DOUBLE, INT32, INT64,
  /// FIXED_LEN_BYTE_ARRAY). Setting it without setting `dictionary` turns the dictionary off
  /// for the column, as pyarrow's column_encoding does.
  std::optional<Encoding> encoding;
  /// Statistics (chunk, page headers and column index) on or off for the column.
  std::optional<bool> statistics;
};

/// Options for writing Parquet files. A plain struct with pyarrow's defaults:
/// `parquet::WriteOptions{.compression = Compression::kZstd, .page_version = 2}`.
struct WriteOptions {
  /// Codec of every column chunk (default SNAPPY): UNCOMPRESSED, SNAPPY, GZIP, BROTLI,
  /// ZSTD or LZ4_RAW. LZO and the deprecated LZ4 are refused.
  Compression compression = Compression::kSnappy;
  /// Codec level; unset picks the codec's default. Ranges: GZIP 0..9, BROTLI 0..11, ZSTD
  /// -131072..22, LZ4_RAW 0..12; SNAPPY and UNCOMPRESSED take none.
  std::optional<int32_t> compression_level;
  /// Dictionary-encode every column (default true) whose type allows it (not BOOLEAN).
  bool dictionary = true;
  /// Once a column chunk's dictionary grows past this many bytes (PLAIN-encoded size,
  /// default 1 MiB), the rest of the chunk is written with the column's fallback encoding.
  int64_t dictionary_page_bytes = int64_t{1} << 20;
  /// A row group is closed once it holds this many rows (default 1Mi rows).
  int64_t row_group_rows = int64_t{1} << 20;
  /// ... or once its buffered, encoded size reaches this many bytes (default 128 MiB).
  int64_t row_group_bytes = int64_t{128} << 20;
  /// Target size of a data page before compression (default 1 MiB). Pages end on a row
  /// boundary, so a single huge row can make a larger page.
  int64_t data_page_bytes = int64_t{1} << 20;
  /// Data page format: 1 (DataPageHeader, default) or 2 (DataPageHeaderV2).
  int page_version = 1;
  /// Min/max/null count statistics in column chunks and pages (default true).
  bool statistics = true;
  /// Byte-array statistics longer than this are truncated (min) or truncated and rounded
  /// up (max), and marked inexact (default 4096). A max that cannot be rounded up (all
  /// 0xff bytes) is left out.
  int64_t max_statistics_bytes = 4096;
  /// Write the page index (column index and offset index) of every column chunk (default
  /// true). Column indexes need statistics; offset indexes are always written when true.
  bool page_index = true;
  /// Per-column overrides, by top-level field name (every leaf below it) or by dotted path
  /// of Parquet field names of one leaf (`s.x`, `l.list.element`). Later entries win.
  std::vector<std::pair<std::string, ColumnWriteOptions>> columns;
  /// Key-value metadata of the file, after the schema's own metadata.
  std::vector<std::pair<std::string, std::string>> metadata;
  /// The created_by string of the footer.
  std::string created_by = "quiver version 0.1.0";
  /// Store the Arrow schema (base64 of an IPC Schema message) under `ARROW:schema`, so that
  /// readers restore the exact Arrow types (default true).
  bool store_arrow_schema = true;
  /// `geoarrow.wkb` columns (default false): false writes them as plain BYTE_ARRAY described
  /// by GeoParquet's `geo` key, which every GeoParquet reader knows, and adds the
  /// GEOMETRY/GEOGRAPHY logical type only where `geo` cannot say the column's edges
  /// (non-planar) or crs (an authority code other than OGC:CRS84, an srid); true gives every
  /// such column the logical type (for readers that know Parquet's geospatial types).
  bool geometry_logical_types = false;

  /// Checks every field. Errors: kInvalidArgument naming the field ("expected
  /// WriteOptions.page_version 1 or 2 but found 3"); kUnsupported for a codec this build
  /// leaves out. Encodings are checked against column types when the schema is known.
  Status Validate() const;
};

/// Writes `table` as a Parquet file held in memory.
/// Errors: those of FileWriter::Open and FileWriter::WriteTable.
Result<std::shared_ptr<Buffer>> WriteTable(const Table& table, const WriteOptions& options = {});
/// As WriteTable, into `sink`. Errors as WriteTable's, and the sink's.
Status WriteTableTo(const Table& table, io::Sink* sink, const WriteOptions& options = {});

/// Writes a Parquet file through a Sink, one row group at a time: batches are buffered as
/// encoded pages until a row group fills, which is then written out, so memory stays
/// bounded by about one row group. Finish writes the footer.
class FileWriter {
 public:
  /// Writes the magic and prepares column writers for `schema`. `sink` must outlive the
  /// writer. Errors: kInvalidArgument for invalid options, a null sink or schema, an
  /// encoding not valid for a column ("column 'x': expected an encoding valid for DOUBLE
  /// but found DELTA_BINARY_PACKED") or a `columns` entry naming no column;
  /// kUnsupported for a codec left out of this build or an Arrow type Parquet cannot hold
  /// (unions, intervals, structs without fields, fixed_size_binary(0), decimals with a scale
  /// outside [0, precision]), naming the column; the sink's errors.
  static Result<std::unique_ptr<FileWriter>> Open(io::Sink* sink, SchemaPtr schema, const WriteOptions& options = {});
  ~FileWriter();
  FileWriter(const FileWriter&) = delete;
  FileWriter& operator=(const FileWriter&) = delete;

  /// Appends the rows of `batch`, whose schema must equal the writer's.
  /// Errors: kInvalidArgument for another schema (the writer stays usable), nulls in a
  /// non-nullable field, or a timestamp[s], time32[s] or date64 value that overflows the
  /// unit it is stored in; codec and sink errors. After an error other than a schema
  /// mismatch, every later call returns that error.
  Status WriteBatch(const RecordBatch& batch);
  /// Appends every batch of `table`.
  Status WriteTable(const Table& table);
  /// Flushes the last row group, then writes the page indexes, the footer and the magic.
  /// Further calls fail with kInvalidArgument.
  Status Finish();

  /// The metadata written by Finish (valid after it succeeds).
  const FileMetaData& metadata() const;
  /// What Finish changed instead of failing, e.g. "geo metadata replaced: expected ... but
  /// found ..." for a caller's GeoParquet `geo` value that does not fit the schema.
  const std::vector<std::string>& warnings() const;

  struct Impl;

 private:
  explicit FileWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace quiver::parquet
