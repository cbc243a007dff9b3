// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Reading Parquet files into Arrow record batches.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "quiver/arrow/buffer.h"
#include "quiver/arrow/table.h"
#include "quiver/io/source.h"
#include "quiver/parquet/metadata.h"
#include "quiver/parquet/options.h"
#include "quiver/result.h"

namespace quiver::parquet {

/// Reads a Parquet file held in memory into a Table (see FileReader for what is read).
/// Errors: those of FileReader::Open and FileReader::ReadTable.
Result<TablePtr> ReadTable(std::shared_ptr<Buffer> data, const ReadOptions& options = {});

/// Yields the record batches of a selection one at a time; memory stays bounded by about
/// one row group's selected columns.
class RecordBatchReader {
 public:
  virtual ~RecordBatchReader() = default;
  /// The schema of every batch (the projected schema).
  virtual const SchemaPtr& schema() const = 0;
  /// The next batch, or null after the last one. Errors: those of FileReader::ReadTable;
  /// after an error the reader keeps returning it.
  virtual Result<RecordBatchPtr> Next() = 0;
};

/// Bytes [offset, offset + length) of a file.
struct ByteRange {
  int64_t offset = 0;
  int64_t length = 0;
  bool operator==(const ByteRange&) const = default;
};

/// Rows [begin, end) of one row group.
struct RowRange {
  int64_t begin = 0;
  int64_t end = 0;
  bool operator==(const RowRange&) const = default;
};

/// One row group's share of a selection: the rows it yields and the bytes of the file that
/// reading them needs. A caller whose bytes arrive asynchronously (a Blob in a browser)
/// plans the units, fetches each unit's ranges, then reads it (FileReader::ReadUnitTable).
struct ReadUnit {
  int row_group = 0;
  /// Ascending, disjoint, non-empty.
  std::vector<RowRange> rows;
  /// Ascending, disjoint; the column chunks of the selected columns (and the offset indexes
  /// a read starting inside a row group of a nested column uses), with gaps of at most
  /// `coalesce_gap` bytes merged.
  std::vector<ByteRange> ranges;
  int64_t num_rows() const;
};

/// A Parquet file: its footer, decoded and checked when opened, and reads of its data.
///
/// Open fetches only the footer (8 bytes, then the metadata); reads fetch only the column
/// chunks (and page indexes) of the selected columns and row groups. Every produced batch
/// passes ValidateRecordBatch (ReadOptions::validate_full picks the level).
///
/// Errors carry a context path naming where in the file they happened, e.g.
/// `row_group[2].column['geom'].page[7]`: kInvalidInput for malformed data, kTruncated
/// when the file is cut short, kUnsupported for encrypted files, LZO and unknown codecs or
/// encodings, kLimitExceeded for a limit of ReadOptions, kOutOfMemory.
class FileReader {
 public:
  /// Opens a file held in memory; column data is read zero-copy where the encoding allows.
  static Result<std::unique_ptr<FileReader>> Open(std::shared_ptr<Buffer> data, const ReadOptions& options = {});
  /// Opens a file read through `source`, which is asked only for the ranges needed.
  /// Errors: kInvalidArgument for a null source or invalid options; footer errors:
  /// kInvalidInput "expected magic PAR1 ...", "expected footer length <= ...",
  /// kUnsupported for an encrypted footer (PARE).
  static Result<std::unique_ptr<FileReader>> Open(std::shared_ptr<io::Source> source,
                                                  const ReadOptions& options = {});
  ~FileReader();
  FileReader(const FileReader&) = delete;
  FileReader& operator=(const FileReader&) = delete;

  const FileMetaData& metadata() const;
  /// What Open ignored instead of failing: metadata that only a plugin interprets, e.g.
  /// "geo metadata ignored: expected the geo metadata to be a JSON object but found '...'".
  const std::vector<std::string>& warnings() const;
  /// The whole file's schema as Arrow (every column, options.columns ignored).
  const SchemaPtr& schema() const;
  int num_row_groups() const;
  int64_t num_rows() const;

  /// Reads the selection of the options given to Open into a Table.
  Result<TablePtr> ReadTable();
  /// As ReadTable, one record batch at a time.
  Result<std::unique_ptr<RecordBatchReader>> MakeBatchReader();

  /// The selection of the options given to Open as read units, in reading order: reading
  /// every unit and concatenating the batches gives ReadTable's result. Byte ranges closer
  /// than `coalesce_gap` are merged into one. Fetches nothing when the options have no
  /// predicate; a predicate's page pruning fetches the page indexes it consults.
  /// Errors: those of SelectedRowGroups.
  Result<std::vector<ReadUnit>> PlanReadUnits(int64_t coalesce_gap = 8192);
  /// Reads one unit (usually from PlanReadUnits) into a table of batches of at most
  /// batch_size rows, fetching its ranges from the source.
  /// Errors: kInvalidArgument for a row group or rows outside the file; those of ReadTable.
  Result<TablePtr> ReadUnitTable(const ReadUnit& unit);

  /// The row groups the selection reads: options.row_groups (or all), minus those that
  /// options.predicate excludes by their statistics.
  Result<std::vector<int>> SelectedRowGroups() const;

  /// The column index of leaf column `column` of `row_group`, or nullopt when the file has
  /// none. Errors: kInvalidArgument for indices out of range; decoding errors.
  Result<std::optional<ColumnIndex>> ReadColumnIndex(int row_group, int column);
  /// The offset index of a leaf column chunk, or nullopt when absent.
  Result<std::optional<OffsetIndex>> ReadOffsetIndex(int row_group, int column);

  /// Bytes fetched from the source so far (the footer included).
  int64_t bytes_read() const;

  struct Impl;

 private:
  explicit FileReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace quiver::parquet
