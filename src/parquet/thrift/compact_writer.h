// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// A writer of the thrift compact protocol for the Parquet metadata structures. It only
// appends bytes: structs are opened and closed by the caller, which keeps the field ids of
// each open struct so that field headers can carry id deltas.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "parquet/thrift/compact_reader.h"

namespace quiver::parquet::thrift {

class CompactWriter {
 public:
  explicit CompactWriter(std::vector<uint8_t>* out) : out_(out) { last_ids_.push_back(0); }

  /// Field values of the innermost open struct, each with its header.
  void I8Field(int16_t id, int8_t v);
  void I16Field(int16_t id, int16_t v);
  void I32Field(int16_t id, int32_t v);
  void I64Field(int16_t id, int64_t v);
  void BoolField(int16_t id, bool v);
  void BinaryField(int16_t id, std::string_view v);
  /// A struct-valued field: its header, then the caller writes fields and calls EndStruct.
  void BeginStructField(int16_t id);
  /// A list-valued field: its header and the element type and count; the caller then
  /// writes exactly `size` elements.
  void BeginListField(int16_t id, CType elem, int64_t size);

  /// List elements.
  void ElemI32(int32_t v) { ZigZag(v); }
  void ElemI64(int64_t v) { ZigZag(v); }
  void ElemBinary(std::string_view v);
  /// Bool elements take one byte: 1 for true, 2 for false (as Apache Thrift writes them).
  void ElemBool(bool v) { out_->push_back(v ? 1 : 2); }
  /// A struct element of a list; end it with EndStruct.
  void BeginStructElem() { last_ids_.push_back(0); }

  /// Ends the innermost struct (writes the stop byte). The top-level struct is ended too.
  void EndStruct();

 private:
  void FieldHeader(CType type, int16_t id);
  void Varint(uint64_t v);
  void ZigZag(int64_t v) { Varint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63)); }

  std::vector<uint8_t>* out_;
  std::vector<int16_t> last_ids_;
};

}  // namespace quiver::parquet::thrift
