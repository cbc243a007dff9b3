// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "quiver/limits.h"
#include "quiver/status.h"

namespace quiver::parquet {

/// Bounds on what a Parquet file's metadata can make the reader do. Each is checked before
/// the work or allocation it bounds; exceeding one is kLimitExceeded.
struct ParquetLimits {
  /// Largest footer (FileMetaData) accepted, in bytes (default 64 MiB). Prevents a footer
  /// length field from forcing a huge read and allocation. Raise it for files with very many
  /// columns or row groups (footers of 100k-column files reach tens of MiB).
  int64_t max_footer_size = int64_t{64} << 20;
  /// Longest thrift string or binary (default 16 MiB). Prevents a length prefix from
  /// claiming more than the footer holds. Raise it for huge key-value metadata values or
  /// statistics of huge values.
  int64_t max_thrift_string_size = int64_t{16} << 20;
  /// Most elements in one thrift list or map (default 1 << 20). Prevents a list header from
  /// driving a loop or allocation of billions of elements. Raise it for files with more than
  /// a million columns, row groups or pages in one page index.
  int64_t max_thrift_container_size = int64_t{1} << 20;
  /// Deepest nesting of thrift structs and containers skipped as unknown fields (default
  /// 32). Prevents stack exhaustion from a crafted chain of nested unknown structs. Known
  /// Parquet structures nest 5 deep; raise only for future format extensions.
  int32_t max_thrift_skip_depth = 32;
  /// Largest page header accepted, in bytes (default 16 MiB; headers are small unless they
  /// carry big statistics). Prevents scanning far for a header's end.
  int64_t max_page_header_size = int64_t{16} << 20;
  /// Most values (levels) in one page (default 1 << 28). Prevents a page header from
  /// declaring a level count that would be decoded into a huge buffer. Raise for pages of
  /// more than 268M tiny values.
  int64_t max_page_values = int64_t{1} << 28;
};

/// A comparison of one column with a constant, used to skip row groups (by column
/// statistics) and pages (by the column index) that cannot hold a matching row. It prunes;
/// it does not filter: rows of the row groups and pages kept are returned whether or not
/// they match.
struct Predicate {
  enum class Op : uint8_t { kEq, kNe, kLt, kLe, kGt, kGe };
  /// The column, by dotted path of Parquet field names (`a.b.c`): a leaf of a physical
  /// numeric type (INT32, INT64, FLOAT, DOUBLE) or BYTE_ARRAY/FIXED_LEN_BYTE_ARRAY
  /// compared as unsigned bytes.
  std::string column;
  Op op = Op::kEq;
  /// The constant: an integer for INT32/INT64 columns, a double for FLOAT/DOUBLE, a string
  /// (bytes) for byte arrays.
  std::variant<int64_t, double, std::string> value = int64_t{0};
};

/// Options for reading Parquet files. A plain struct:
/// `parquet::ReadOptions{.columns = {"a", "b.c"}, .batch_size = 4096}`.
struct ReadOptions {
  /// Columns to read, by top-level name or dotted path (`s.x` selects one field of the
  /// struct `s`, keeping the struct around it). Empty reads every column.
  std::vector<std::string> columns;
  /// Row groups to read, by index, in the order given. Empty reads all.
  std::vector<int> row_groups;
  /// Rows of the selected row groups to skip first (default 0).
  int64_t offset = 0;
  /// Most rows to return after `offset`; -1 (default) returns all.
  int64_t limit = -1;
  /// Largest record batch produced (default 65536 rows). A row group larger than that is
  /// returned as several batches.
  int64_t batch_size = 65536;
  /// Byte-array columns whose dictionary pages hold every value are returned as Arrow
  /// dictionary<int32, utf8/binary> arrays (default false: decoded values).
  bool read_dictionary = false;
  /// When the file carries an `ARROW:schema` key (written by Arrow implementations),
  /// restore the Arrow types it describes (default true).
  bool use_arrow_schema = true;
  /// Use 64-bit offsets for every binary, string and list column (default false).
  bool large_types = false;
  /// Row-group and page pruning (see Predicate); none by default.
  std::optional<Predicate> predicate;
  /// Validate every produced batch at the full level (UTF-8 and other content checks)
  /// instead of the default memory-safety level (default false).
  bool validate_full = false;
  /// Bounds for the Arrow side (decompressed page size, nesting depth, buffer size, fields).
  Limits limits;
  /// Bounds for the Parquet metadata.
  ParquetLimits parquet_limits;

  /// Checks every field. Errors: kInvalidArgument naming the field.
  Status Validate() const;
};

}  // namespace quiver::parquet
