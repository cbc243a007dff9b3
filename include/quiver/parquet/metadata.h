// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The Parquet metadata structures (parquet.thrift), as decoded from a file. Plain data:
// every field is what the file says, checked only for memory safety and for the limits of
// ReadOptions; the reader validates semantics (levels, sizes, types) where it uses them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "quiver/arrow/type.h"

namespace quiver::parquet {

/// parquet.thrift `Type`.
enum class PhysicalType : int8_t {
  kBoolean = 0,
  kInt32 = 1,
  kInt64 = 2,
  kInt96 = 3,
  kFloat = 4,
  kDouble = 5,
  kByteArray = 6,
  kFixedLenByteArray = 7,
};

/// parquet.thrift `FieldRepetitionType`.
enum class Repetition : int8_t { kRequired = 0, kOptional = 1, kRepeated = 2 };

/// parquet.thrift `ConvertedType`; kNone when absent.
enum class ConvertedType : int8_t {
  kNone = -1,
  kUtf8 = 0,
  kMap = 1,
  kMapKeyValue = 2,
  kList = 3,
  kEnum = 4,
  kDecimal = 5,
  kDate = 6,
  kTimeMillis = 7,
  kTimeMicros = 8,
  kTimestampMillis = 9,
  kTimestampMicros = 10,
  kUint8 = 11,
  kUint16 = 12,
  kUint32 = 13,
  kUint64 = 14,
  kInt8 = 15,
  kInt16 = 16,
  kInt32 = 17,
  kInt64 = 18,
  kJson = 19,
  kBson = 20,
  kInterval = 21,
};

/// parquet.thrift `Encoding`.
enum class Encoding : int8_t {
  kPlain = 0,
  kPlainDictionary = 2,
  kRle = 3,
  kBitPacked = 4,
  kDeltaBinaryPacked = 5,
  kDeltaLengthByteArray = 6,
  kDeltaByteArray = 7,
  kRleDictionary = 8,
  kByteStreamSplit = 9,
};

/// parquet.thrift `CompressionCodec`.
enum class Compression : int8_t {
  kUncompressed = 0,
  kSnappy = 1,
  kGzip = 2,
  kLzo = 3,
  kBrotli = 4,
  kLz4 = 5,
  kZstd = 6,
  kLz4Raw = 7,
};

/// parquet.thrift `PageType`.
enum class PageType : int8_t { kDataPage = 0, kIndexPage = 1, kDictionaryPage = 2, kDataPageV2 = 3 };

/// parquet.thrift `BoundaryOrder`.
enum class BoundaryOrder : int8_t { kUnordered = 0, kAscending = 1, kDescending = 2 };

/// The `LogicalType` union, flattened: `kind` says which member was set.
struct LogicalType {
  enum class Kind : uint8_t {
    kNone,
    kString,
    kMap,
    kList,
    kEnum,
    kDecimal,
    kDate,
    kTime,
    kTimestamp,
    kInterval,
    kInteger,
    kUnknown,
    kJson,
    kBson,
    kUuid,
    kFloat16,
    kVariant,
    kGeometry,
    kGeography,
    /// A union member this reader does not know (a newer format version).
    kUnrecognized,
  };
  Kind kind = Kind::kNone;
  /// kDecimal.
  int32_t scale = 0;
  int32_t precision = 0;
  /// kTime, kTimestamp.
  bool is_adjusted_to_utc = false;
  TimeUnit unit = TimeUnit::kMilli;
  /// kInteger.
  int8_t bit_width = 0;
  bool is_signed = true;
  /// kGeometry, kGeography: the CRS (empty when absent); kGeography: the edge
  /// interpolation algorithm (-1 when absent).
  std::string crs;
  int32_t algorithm = -1;
};

/// One node of the flattened schema tree (depth-first; the root comes first).
struct SchemaElement {
  std::optional<PhysicalType> type;
  int32_t type_length = 0;
  std::optional<Repetition> repetition;
  std::string name;
  /// Present for groups (the root included), absent for leaves.
  std::optional<int32_t> num_children;
  ConvertedType converted_type = ConvertedType::kNone;
  int32_t scale = 0;
  int32_t precision = 0;
  std::optional<int32_t> field_id;
  LogicalType logical_type;
};

/// Column or page statistics. Bytes are PLAIN-encoded values of the column's physical type.
struct Statistics {
  std::optional<std::string> max;        ///< deprecated (signed order only)
  std::optional<std::string> min;        ///< deprecated (signed order only)
  std::optional<int64_t> null_count;
  std::optional<int64_t> distinct_count;
  std::optional<std::string> max_value;  ///< in the column order
  std::optional<std::string> min_value;  ///< in the column order
  std::optional<bool> is_max_value_exact;
  std::optional<bool> is_min_value_exact;
};

struct ColumnMetaData {
  PhysicalType type = PhysicalType::kBoolean;
  std::vector<Encoding> encodings;
  std::vector<std::string> path_in_schema;
  Compression codec = Compression::kUncompressed;
  int64_t num_values = 0;
  int64_t total_uncompressed_size = 0;
  int64_t total_compressed_size = 0;
  KeyValueMetadata key_value_metadata;
  int64_t data_page_offset = 0;
  std::optional<int64_t> index_page_offset;
  std::optional<int64_t> dictionary_page_offset;
  std::optional<Statistics> statistics;
};

struct ColumnChunk {
  std::string file_path;
  int64_t file_offset = 0;
  std::optional<ColumnMetaData> meta_data;
  std::optional<int64_t> offset_index_offset;
  std::optional<int32_t> offset_index_length;
  std::optional<int64_t> column_index_offset;
  std::optional<int32_t> column_index_length;
  /// The chunk carries crypto metadata or encrypted column metadata (modular encryption).
  bool encrypted = false;
};

struct RowGroup {
  std::vector<ColumnChunk> columns;
  int64_t total_byte_size = 0;
  int64_t num_rows = 0;
  std::optional<int64_t> file_offset;
  std::optional<int64_t> total_compressed_size;
  std::optional<int16_t> ordinal;
};

struct FileMetaData {
  int32_t version = 0;
  std::vector<SchemaElement> schema;
  int64_t num_rows = 0;
  std::vector<RowGroup> row_groups;
  /// Key-value pairs; a key without a value has an empty value.
  KeyValueMetadata key_value_metadata;
  std::string created_by;
  /// An encryption_algorithm is present (plaintext footer of an encrypted file).
  bool encrypted = false;
};

struct DataPageHeader {
  int32_t num_values = 0;
  Encoding encoding = Encoding::kPlain;
  Encoding definition_level_encoding = Encoding::kRle;
  Encoding repetition_level_encoding = Encoding::kRle;
  std::optional<Statistics> statistics;
};

struct DictionaryPageHeader {
  int32_t num_values = 0;
  Encoding encoding = Encoding::kPlain;
  bool is_sorted = false;
};

struct DataPageHeaderV2 {
  int32_t num_values = 0;
  int32_t num_nulls = 0;
  int32_t num_rows = 0;
  Encoding encoding = Encoding::kPlain;
  int32_t definition_levels_byte_length = 0;
  int32_t repetition_levels_byte_length = 0;
  bool is_compressed = true;
  std::optional<Statistics> statistics;
};

struct PageHeader {
  PageType type = PageType::kDataPage;
  int32_t uncompressed_page_size = 0;
  int32_t compressed_page_size = 0;
  std::optional<int32_t> crc;
  std::optional<DataPageHeader> data_page_header;
  std::optional<DictionaryPageHeader> dictionary_page_header;
  std::optional<DataPageHeaderV2> data_page_header_v2;
};

/// Per-page min/max of one column chunk (the page index).
struct ColumnIndex {
  std::vector<bool> null_pages;
  std::vector<std::string> min_values;
  std::vector<std::string> max_values;
  BoundaryOrder boundary_order = BoundaryOrder::kUnordered;
  std::vector<int64_t> null_counts;
};

struct PageLocation {
  int64_t offset = 0;
  int32_t compressed_page_size = 0;
  int64_t first_row_index = 0;
};

/// Where each data page of one column chunk lies and which row it starts with.
struct OffsetIndex {
  std::vector<PageLocation> page_locations;
};

/// Stable upper-case names, as in parquet.thrift ("INT32", "SNAPPY", "RLE_DICTIONARY").
std::string_view PhysicalTypeName(PhysicalType type);
std::string_view CompressionName(Compression codec);
std::string_view EncodingName(Encoding encoding);

}  // namespace quiver::parquet
