// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "quiver/status.h"

namespace quiver {

/// Every logical type of the Arrow columnar format.
enum class TypeId : uint8_t {
  kNull,
  kBool,
  kInt8,
  kInt16,
  kInt32,
  kInt64,
  kUInt8,
  kUInt16,
  kUInt32,
  kUInt64,
  kFloat16,
  kFloat32,
  kFloat64,
  kDecimal32,
  kDecimal64,
  kDecimal128,
  kDecimal256,
  kDate32,
  kDate64,
  kTime32,
  kTime64,
  kTimestamp,
  kDuration,
  kIntervalYearMonth,
  kIntervalDayTime,
  kIntervalMonthDayNano,
  kBinary,
  kUtf8,
  kLargeBinary,
  kLargeUtf8,
  kBinaryView,
  kUtf8View,
  kFixedSizeBinary,
  kList,
  kLargeList,
  kFixedSizeList,
  kListView,
  kLargeListView,
  kStruct,
  kMap,
  kSparseUnion,
  kDenseUnion,
  kDictionary,
  kRunEndEncoded,
  kExtension,
};

enum class TimeUnit : uint8_t { kSecond, kMilli, kMicro, kNano };

/// "s", "ms", "us" or "ns".
std::string_view TimeUnitName(TimeUnit unit);

/// Ordered key-value pairs, as in Arrow's Field and Schema custom_metadata.
using KeyValueMetadata = std::vector<std::pair<std::string, std::string>>;

class DataType;
class Field;
using TypePtr = std::shared_ptr<const DataType>;
using FieldPtr = std::shared_ptr<const Field>;

/// What a buffer of an array holds, for one slot of a type's layout.
enum class BufferKind : uint8_t {
  kValidity,      ///< validity bitmap; may be absent when there are no nulls
  kBitmap,        ///< bool values, one bit each
  kFixedWidth,    ///< values of byte_width bytes each
  kOffsets32,     ///< length + 1 int32 offsets
  kOffsets64,     ///< length + 1 int64 offsets
  kData,          ///< variable-length bytes addressed by offsets
  kViews,         ///< 16-byte binary views
  kTypeIds,       ///< int8 union type ids
  kUnionOffsets,  ///< int32 dense-union offsets
  kSizes32,       ///< int32 list-view sizes
  kSizes64,       ///< int64 list-view sizes
};

struct BufferSpec {
  BufferKind kind;
  /// Bytes per element for kFixedWidth, kOffsets*, kSizes*, kViews, kTypeIds, kUnionOffsets.
  int32_t byte_width = 0;
};

/// The fixed buffers of a type's arrays, in order (ArrayData::buffers follows it), plus
/// whether variadic data buffers follow (binary and utf8 views).
struct DataTypeLayout {
  BufferSpec buffers[3] = {};
  int32_t num_buffers = 0;
  bool variadic = false;
};

/// A logical Arrow type with its parameters. Immutable; share it as TypePtr.
///
/// One concrete class with a runtime type id keeps the WASM binary small (style.md §6); each
/// accessor documents which ids it applies to and returns a neutral value for the others.
/// Factories do not check parameters: decoders of untrusted input call ValidateType().
class DataType {
 public:
  TypeId id() const { return id_; }
  /// The canonical lower-case name of the id ("int32", "timestamp", "large_list", ...).
  std::string_view name() const;

  /// time32, time64, timestamp, duration.
  TimeUnit unit() const { return unit_; }
  /// timestamp: the time zone, empty when naive.
  const std::string& timezone() const { return str_a_; }
  /// decimal32/64/128/256.
  int32_t precision() const { return param_a_; }
  int32_t scale() const { return param_b_; }
  /// fixed_size_binary: bytes per value; decimals: 4, 8, 16 or 32.
  int32_t byte_width() const;
  /// fixed_size_list: values per list.
  int32_t list_size() const { return param_a_; }
  /// map: whether keys are sorted within each entry list.
  bool keys_sorted() const { return flag_; }
  /// dictionary: whether the dictionary order is meaningful.
  bool ordered() const { return flag_; }
  /// Child fields: list-likes and map have one (map's is the entries struct), struct and
  /// unions have many, run-end encoded has two (run_ends, values).
  const std::vector<FieldPtr>& fields() const { return fields_; }
  int num_fields() const { return static_cast<int>(fields_.size()); }
  const FieldPtr& field(int i) const { return fields_[static_cast<size_t>(i)]; }
  /// unions: the type code of each child, in child order.
  const std::vector<int8_t>& type_codes() const { return type_codes_; }
  /// dictionary: the index type (an integer type) and the value type.
  const TypePtr& index_type() const { return type_a_; }
  const TypePtr& value_type() const { return type_b_; }
  /// extension: name, serialized metadata and storage type.
  const std::string& extension_name() const { return str_a_; }
  const std::string& extension_metadata() const { return str_b_; }
  const TypePtr& storage_type() const { return type_a_; }

  /// Bits per value for fixed-width types (bool 1, int32 32, decimal128 128,
  /// fixed_size_binary 8 * byte_width, views 128); 0 for others.
  int32_t bit_width() const;
  /// The buffers of this type's arrays. Dictionary arrays have their index type's layout;
  /// extension arrays their storage type's.
  DataTypeLayout layout() const;

  /// Structural equality, including field names, nullability and (when check_metadata)
  /// field metadata of children.
  bool Equals(const DataType& other, bool check_metadata = false) const;
  /// A readable description, e.g. `timestamp[us, tz=UTC]`, `list<item: int32>`.
  std::string ToString() const;

 private:
  friend struct TypeFactory;
  explicit DataType(TypeId id) : id_(id) {}

  TypeId id_;
  TimeUnit unit_ = TimeUnit::kSecond;
  bool flag_ = false;
  int32_t param_a_ = 0;
  int32_t param_b_ = 0;
  std::string str_a_;
  std::string str_b_;
  TypePtr type_a_;
  TypePtr type_b_;
  std::vector<FieldPtr> fields_;
  std::vector<int8_t> type_codes_;
};

/// A named, typed column or child, with nullability and metadata. Immutable.
class Field {
 public:
  Field(std::string name, TypePtr type, bool nullable = true, KeyValueMetadata metadata = {})
      : name_(std::move(name)), type_(std::move(type)), nullable_(nullable), metadata_(std::move(metadata)) {}

  const std::string& name() const { return name_; }
  const TypePtr& type() const { return type_; }
  bool nullable() const { return nullable_; }
  const KeyValueMetadata& metadata() const { return metadata_; }

  bool Equals(const Field& other, bool check_metadata = false) const;
  /// `name: type` plus ` not null` when not nullable.
  std::string ToString() const;

 private:
  std::string name_;
  TypePtr type_;
  bool nullable_;
  KeyValueMetadata metadata_;
};

/// An ordered set of fields plus schema-level metadata. Immutable.
class Schema {
 public:
  explicit Schema(std::vector<FieldPtr> fields, KeyValueMetadata metadata = {})
      : fields_(std::move(fields)), metadata_(std::move(metadata)) {}

  const std::vector<FieldPtr>& fields() const { return fields_; }
  int num_fields() const { return static_cast<int>(fields_.size()); }
  const FieldPtr& field(int i) const { return fields_[static_cast<size_t>(i)]; }
  const KeyValueMetadata& metadata() const { return metadata_; }
  /// Index of the first field called `name`, or -1.
  int GetFieldIndex(std::string_view name) const;

  bool Equals(const Schema& other, bool check_metadata = false) const;
  /// One line per field.
  std::string ToString() const;

 private:
  std::vector<FieldPtr> fields_;
  KeyValueMetadata metadata_;
};
using SchemaPtr = std::shared_ptr<const Schema>;

/// Checks a type's parameters, recursively: decimal precision and scale in range, positive
/// widths and sizes, list children, map entries (a struct of non-null key and value),
/// distinct union type codes in [0, 127] matching the children, integer dictionary
/// indices, run ends int16/32/64 and non-null, nesting no deeper than `max_depth`.
/// Errors: kInvalidInput naming the offending parameter.
Status ValidateType(const DataType& type, int32_t max_depth = 64);

/// True for int8..uint64.
bool IsInteger(TypeId id);
bool IsSignedInteger(TypeId id);
/// True for types whose values are fixed-width (including bool, decimals, temporals,
/// fixed_size_binary); false for null, variable-width, nested, dictionary and extension.
bool IsFixedWidth(TypeId id);

// Factories. They share singletons for parameterless types.
TypePtr null();
TypePtr boolean();
TypePtr int8();
TypePtr int16();
TypePtr int32();
TypePtr int64();
TypePtr uint8();
TypePtr uint16();
TypePtr uint32();
TypePtr uint64();
TypePtr float16();
TypePtr float32();
TypePtr float64();
TypePtr decimal32(int32_t precision, int32_t scale);
TypePtr decimal64(int32_t precision, int32_t scale);
TypePtr decimal128(int32_t precision, int32_t scale);
TypePtr decimal256(int32_t precision, int32_t scale);
TypePtr date32();
TypePtr date64();
TypePtr time32(TimeUnit unit);
TypePtr time64(TimeUnit unit);
TypePtr timestamp(TimeUnit unit, std::string timezone = {});
TypePtr duration(TimeUnit unit);
TypePtr interval_year_month();
TypePtr interval_day_time();
TypePtr interval_month_day_nano();
TypePtr binary();
TypePtr utf8();
TypePtr large_binary();
TypePtr large_utf8();
TypePtr binary_view();
TypePtr utf8_view();
TypePtr fixed_size_binary(int32_t byte_width);
TypePtr list(FieldPtr value_field);
TypePtr list(TypePtr value_type);
TypePtr large_list(FieldPtr value_field);
TypePtr large_list(TypePtr value_type);
TypePtr fixed_size_list(FieldPtr value_field, int32_t list_size);
TypePtr fixed_size_list(TypePtr value_type, int32_t list_size);
TypePtr list_view(FieldPtr value_field);
TypePtr list_view(TypePtr value_type);
TypePtr large_list_view(FieldPtr value_field);
TypePtr large_list_view(TypePtr value_type);
TypePtr struct_(std::vector<FieldPtr> fields);
/// map<key, value>: entries are `entries: struct<key: K not null, value: V>`.
TypePtr map(TypePtr key_type, TypePtr item_type, bool keys_sorted = false);
/// A map from an explicit entries field (a struct of two fields), as decoded from files.
TypePtr map(FieldPtr entries_field, bool keys_sorted);
/// Unions; empty type_codes means 0, 1, 2, ...
TypePtr sparse_union(std::vector<FieldPtr> fields, std::vector<int8_t> type_codes = {});
TypePtr dense_union(std::vector<FieldPtr> fields, std::vector<int8_t> type_codes = {});
TypePtr dictionary(TypePtr index_type, TypePtr value_type, bool ordered = false);
TypePtr run_end_encoded(TypePtr run_end_type, TypePtr value_type);
/// An extension type: arrays are stored as `storage`; the name and metadata travel in the
/// field metadata keys ARROW:extension:name and ARROW:extension:metadata.
TypePtr extension(std::string name, TypePtr storage, std::string serialized_metadata = {});

FieldPtr field(std::string name, TypePtr type, bool nullable = true, KeyValueMetadata metadata = {});
SchemaPtr schema(std::vector<FieldPtr> fields, KeyValueMetadata metadata = {});

}  // namespace quiver
