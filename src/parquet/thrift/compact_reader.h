// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// A bounds-checked reader of the thrift compact protocol, as Parquet uses it for its
// metadata. Safe on any bytes: every length and count is checked against the remaining
// input and the limits before it is used, and skipping unknown fields is depth-limited.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "quiver/parquet/options.h"
#include "quiver/result.h"

namespace quiver::parquet::thrift {

/// Compact-protocol type codes of fields and container elements.
enum class CType : uint8_t {
  kStop = 0,
  kBoolTrue = 1,
  kBoolFalse = 2,
  kByte = 3,
  kI16 = 4,
  kI32 = 5,
  kI64 = 6,
  kDouble = 7,
  kBinary = 8,
  kList = 9,
  kSet = 10,
  kMap = 11,
  kStruct = 12,
};

struct FieldHeader {
  CType type = CType::kStop;
  int16_t id = 0;
  bool stop() const { return type == CType::kStop; }
};

struct ListHeader {
  CType elem_type = CType::kStop;
  int64_t size = 0;
};

class CompactReader {
 public:
  CompactReader(std::span<const uint8_t> bytes, const ParquetLimits& limits) : bytes_(bytes), limits_(limits) {}

  /// Bytes consumed so far.
  int64_t position() const { return static_cast<int64_t>(pos_); }
  int64_t remaining() const { return static_cast<int64_t>(bytes_.size() - pos_); }

  /// Reads the next field header of a struct; `last_id` carries the previous field id
  /// (start each struct at 0). Errors: kTruncated, kInvalidInput for an unknown type code.
  Status ReadFieldHeader(int16_t* last_id, FieldHeader* out);
  /// The value of a bool field (carried in its header's type).
  Status ReadBoolField(const FieldHeader& fh, const char* name, bool* out);
  Status ReadI8(const FieldHeader& fh, const char* name, int8_t* out);
  Status ReadI16(const FieldHeader& fh, const char* name, int16_t* out);
  Status ReadI32(const FieldHeader& fh, const char* name, int32_t* out);
  Status ReadI64(const FieldHeader& fh, const char* name, int64_t* out);
  /// A binary or string field; `out` views the input. Errors: kLimitExceeded over
  /// max_thrift_string_size, kTruncated past the input.
  Status ReadBinary(const FieldHeader& fh, const char* name, std::string_view* out);
  Status ReadString(const FieldHeader& fh, const char* name, std::string* out);
  /// A list (or set) field header: checks the element type and the size against the
  /// container limit and the remaining input (every element takes at least one byte).
  Status ReadListHeader(const FieldHeader& fh, const char* name, CType elem_type, ListHeader* out);
  /// Checks that a field holds a struct.
  Status ExpectStruct(const FieldHeader& fh, const char* name);

  /// List elements, by type (the list header already read).
  Status ReadElemI32(int32_t* out);
  Status ReadElemI64(int64_t* out);
  Status ReadElemBool(bool* out);
  Status ReadElemBinary(std::string_view* out);

  /// Skips a value of type `type` (an unknown field), nesting at most
  /// max_thrift_skip_depth deep. Errors: kLimitExceeded, kTruncated, kInvalidInput.
  Status Skip(CType type) { return SkipDepth(type, 0); }

 private:
  Status SkipDepth(CType type, int32_t depth);
  /// Skips one list, set or map element: bools in containers are one byte each, unlike
  /// struct fields, whose bool value lives in the field header.
  Status SkipElement(CType type, int32_t depth);
  Status ReadVarint(uint64_t* out);
  Status ReadZigZag(int64_t* out);
  Status ReadByteRaw(uint8_t* out);
  Status ReadLength(int64_t limit, const char* what, int64_t* out);
  Status TypeMismatch(const char* name, const char* expected, CType found) const;

  std::span<const uint8_t> bytes_;
  size_t pos_ = 0;
  ParquetLimits limits_;  // a copy: callers may pass a temporary
};

/// The thrift name of a compact type code, for messages ("i32", "binary", "struct").
std::string_view CTypeName(CType type);

}  // namespace quiver::parquet::thrift
