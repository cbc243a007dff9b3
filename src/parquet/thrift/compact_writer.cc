// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Thrift compact protocol (thrift/doc/specs/thrift-compact-protocol.md): field headers
// hold the id delta in the high nibble when it is in [1, 15], else the id follows as a
// zigzag varint; list headers hold sizes below 15 in the high nibble.
#include "parquet/thrift/compact_writer.h"

namespace quiver::parquet::thrift {

void CompactWriter::Varint(uint64_t v) {
  while (v >= 0x80) {
    out_->push_back(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  out_->push_back(static_cast<uint8_t>(v));
}

void CompactWriter::FieldHeader(CType type, int16_t id) {
  int16_t& last = last_ids_.back();
  const int delta = id - last;
  if (delta > 0 && delta <= 15) {
    out_->push_back(static_cast<uint8_t>((delta << 4) | static_cast<int>(type)));
  } else {
    out_->push_back(static_cast<uint8_t>(type));
    ZigZag(id);
  }
  last = id;
}

void CompactWriter::I8Field(int16_t id, int8_t v) {
  FieldHeader(CType::kByte, id);
  out_->push_back(static_cast<uint8_t>(v));
}

void CompactWriter::I16Field(int16_t id, int16_t v) {
  FieldHeader(CType::kI16, id);
  ZigZag(v);
}

void CompactWriter::I32Field(int16_t id, int32_t v) {
  FieldHeader(CType::kI32, id);
  ZigZag(v);
}

void CompactWriter::I64Field(int16_t id, int64_t v) {
  FieldHeader(CType::kI64, id);
  ZigZag(v);
}

void CompactWriter::BoolField(int16_t id, bool v) { FieldHeader(v ? CType::kBoolTrue : CType::kBoolFalse, id); }

void CompactWriter::BinaryField(int16_t id, std::string_view v) {
  FieldHeader(CType::kBinary, id);
  ElemBinary(v);
}

void CompactWriter::ElemBinary(std::string_view v) {
  Varint(v.size());
  out_->insert(out_->end(), v.begin(), v.end());
}

void CompactWriter::BeginStructField(int16_t id) {
  FieldHeader(CType::kStruct, id);
  last_ids_.push_back(0);
}

void CompactWriter::BeginListField(int16_t id, CType elem, int64_t size) {
  FieldHeader(CType::kList, id);
  if (size < 15) {
    out_->push_back(static_cast<uint8_t>((size << 4) | static_cast<int>(elem)));
  } else {
    out_->push_back(static_cast<uint8_t>(0xf0 | static_cast<int>(elem)));
    Varint(static_cast<uint64_t>(size));
  }
}

void CompactWriter::EndStruct() {
  out_->push_back(0);
  if (last_ids_.size() > 1) last_ids_.pop_back();
}

}  // namespace quiver::parquet::thrift
