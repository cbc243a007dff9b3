// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "parquet/thrift/compact_reader.h"

#include <cstring>

#include "core/str_cat.h"

namespace quiver::parquet::thrift {

using internal::StrCat;

std::string_view CTypeName(CType type) {
  switch (type) {
    case CType::kStop: return "stop";
    case CType::kBoolTrue:
    case CType::kBoolFalse: return "bool";
    case CType::kByte: return "byte";
    case CType::kI16: return "i16";
    case CType::kI32: return "i32";
    case CType::kI64: return "i64";
    case CType::kDouble: return "double";
    case CType::kBinary: return "binary";
    case CType::kList: return "list";
    case CType::kSet: return "set";
    case CType::kMap: return "map";
    case CType::kStruct: return "struct";
  }
  return "unknown";
}

Status CompactReader::ReadByteRaw(uint8_t* out) {
  if (pos_ >= bytes_.size()) return Status::Truncated("expected more thrift bytes but found the end of the input");
  *out = bytes_[pos_++];
  return Status::OK();
}

Status CompactReader::ReadVarint(uint64_t* out) {
  uint64_t v = 0;
  // A 64-bit value takes at most 10 bytes; the tenth may only hold the top bit.
  for (int shift = 0; shift < 70; shift += 7) {
    uint8_t b;
    QUIVER_RETURN_IF_ERROR(ReadByteRaw(&b));
    if (shift == 63 && (b & 0x7e) != 0) return Status::InvalidInput("expected a varint of at most 64 bits but found more");
    v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) {
      *out = v;
      return Status::OK();
    }
  }
  return Status::InvalidInput("expected a varint of at most 10 bytes but found more");
}

Status CompactReader::ReadZigZag(int64_t* out) {
  uint64_t v;
  QUIVER_RETURN_IF_ERROR(ReadVarint(&v));
  *out = static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1));
  return Status::OK();
}

Status CompactReader::ReadFieldHeader(int16_t* last_id, FieldHeader* out) {
  uint8_t b;
  QUIVER_RETURN_IF_ERROR(ReadByteRaw(&b));
  uint8_t type = b & 0x0f;
  if (type == 0) {
    out->type = CType::kStop;
    return Status::OK();
  }
  if (type > static_cast<uint8_t>(CType::kStruct)) {
    return Status::InvalidInput(StrCat("expected a thrift field type in [1, 12] but found ", int{type}));
  }
  out->type = static_cast<CType>(type);
  uint8_t delta = b >> 4;
  if (delta != 0) {
    int32_t id = int32_t{*last_id} + delta;
    if (id > INT16_MAX) return Status::InvalidInput(StrCat("expected a thrift field id <= 32767 but found ", id));
    out->id = static_cast<int16_t>(id);
  } else {
    int64_t id;
    QUIVER_RETURN_IF_ERROR(ReadZigZag(&id));
    if (id < INT16_MIN || id > INT16_MAX) {
      return Status::InvalidInput(StrCat("expected a thrift field id in i16 range but found ", id));
    }
    out->id = static_cast<int16_t>(id);
  }
  *last_id = out->id;
  return Status::OK();
}

Status CompactReader::TypeMismatch(const char* name, const char* expected, CType found) const {
  return Status::InvalidInput(StrCat("expected ", name, " to be ", expected, " but found ", CTypeName(found)));
}

Status CompactReader::ReadBoolField(const FieldHeader& fh, const char* name, bool* out) {
  if (fh.type != CType::kBoolTrue && fh.type != CType::kBoolFalse) return TypeMismatch(name, "bool", fh.type);
  *out = fh.type == CType::kBoolTrue;
  return Status::OK();
}

Status CompactReader::ReadI8(const FieldHeader& fh, const char* name, int8_t* out) {
  if (fh.type != CType::kByte) return TypeMismatch(name, "byte", fh.type);
  uint8_t b;
  QUIVER_RETURN_IF_ERROR(ReadByteRaw(&b));
  *out = static_cast<int8_t>(b);
  return Status::OK();
}

Status CompactReader::ReadI16(const FieldHeader& fh, const char* name, int16_t* out) {
  if (fh.type != CType::kI16) return TypeMismatch(name, "i16", fh.type);
  int64_t v;
  QUIVER_RETURN_IF_ERROR(ReadZigZag(&v));
  if (v < INT16_MIN || v > INT16_MAX) return Status::InvalidInput(StrCat("expected ", name, " in i16 range but found ", v));
  *out = static_cast<int16_t>(v);
  return Status::OK();
}

Status CompactReader::ReadI32(const FieldHeader& fh, const char* name, int32_t* out) {
  if (fh.type != CType::kI32) return TypeMismatch(name, "i32", fh.type);
  return ReadElemI32(out);
}

Status CompactReader::ReadElemI32(int32_t* out) {
  int64_t v;
  QUIVER_RETURN_IF_ERROR(ReadZigZag(&v));
  if (v < INT32_MIN || v > INT32_MAX) return Status::InvalidInput(StrCat("expected an i32 but found ", v));
  *out = static_cast<int32_t>(v);
  return Status::OK();
}

Status CompactReader::ReadI64(const FieldHeader& fh, const char* name, int64_t* out) {
  if (fh.type != CType::kI64) return TypeMismatch(name, "i64", fh.type);
  return ReadZigZag(out);
}

Status CompactReader::ReadElemI64(int64_t* out) { return ReadZigZag(out); }

Status CompactReader::ReadElemBool(bool* out) {
  uint8_t b;
  QUIVER_RETURN_IF_ERROR(ReadByteRaw(&b));
  // Elements of a bool list are one byte each: 1 is true; 0 and 2 are false (writers differ).
  if (b > 2) return Status::InvalidInput(StrCat("expected a bool list element in [0, 2] but found ", int{b}));
  *out = b == 1;
  return Status::OK();
}

Status CompactReader::ReadLength(int64_t limit, const char* what, int64_t* out) {
  uint64_t n;
  QUIVER_RETURN_IF_ERROR(ReadVarint(&n));
  if (n > static_cast<uint64_t>(limit)) {
    return Status::LimitExceeded(StrCat("expected ", what, " <= ", limit, " but found ", n));
  }
  if (n > static_cast<uint64_t>(remaining())) {
    return Status::Truncated(StrCat("expected ", what, " <= ", remaining(), " (bytes left) but found ", n));
  }
  *out = static_cast<int64_t>(n);
  return Status::OK();
}

Status CompactReader::ReadElemBinary(std::string_view* out) {
  int64_t n;
  QUIVER_RETURN_IF_ERROR(ReadLength(limits_.max_thrift_string_size, "thrift string length", &n));
  *out = std::string_view(reinterpret_cast<const char*>(bytes_.data() + pos_), static_cast<size_t>(n));
  pos_ += static_cast<size_t>(n);
  return Status::OK();
}

Status CompactReader::ReadBinary(const FieldHeader& fh, const char* name, std::string_view* out) {
  if (fh.type != CType::kBinary) return TypeMismatch(name, "binary", fh.type);
  return ReadElemBinary(out);
}

Status CompactReader::ReadString(const FieldHeader& fh, const char* name, std::string* out) {
  std::string_view v;
  QUIVER_RETURN_IF_ERROR(ReadBinary(fh, name, &v));
  out->assign(v);
  return Status::OK();
}

Status CompactReader::ReadListHeader(const FieldHeader& fh, const char* name, CType elem_type, ListHeader* out) {
  if (fh.type != CType::kList && fh.type != CType::kSet) return TypeMismatch(name, "list", fh.type);
  uint8_t b;
  QUIVER_RETURN_IF_ERROR(ReadByteRaw(&b));
  CType t = static_cast<CType>(b & 0x0f);
  // Bool elements may be announced as either bool code.
  bool same = t == elem_type || (elem_type == CType::kBoolTrue && t == CType::kBoolFalse);
  if (!same) {
    return Status::InvalidInput(
        StrCat("expected ", name, " elements to be ", CTypeName(elem_type), " but found ", CTypeName(t)));
  }
  int64_t size = b >> 4;
  if (size == 15) {
    QUIVER_RETURN_IF_ERROR(ReadLength(limits_.max_thrift_container_size, "thrift list size", &size));
  } else if (size > remaining()) {
    return Status::Truncated(StrCat("expected thrift list size <= ", remaining(), " (bytes left) but found ", size));
  }
  out->elem_type = t;
  out->size = size;
  return Status::OK();
}

Status CompactReader::ExpectStruct(const FieldHeader& fh, const char* name) {
  if (fh.type != CType::kStruct) return TypeMismatch(name, "struct", fh.type);
  return Status::OK();
}

Status CompactReader::SkipElement(CType type, int32_t depth) {
  if (type == CType::kBoolTrue || type == CType::kBoolFalse) {
    uint8_t v;
    return ReadByteRaw(&v);
  }
  return SkipDepth(type, depth);
}

Status CompactReader::SkipDepth(CType type, int32_t depth) {
  if (depth > limits_.max_thrift_skip_depth) {
    return Status::LimitExceeded(
        StrCat("expected thrift nesting depth <= ", limits_.max_thrift_skip_depth, " but found more"));
  }
  switch (type) {
    case CType::kStop:
      return Status::InvalidInput("expected a thrift value but found a stop code");
    case CType::kBoolTrue:
    case CType::kBoolFalse:
      return Status::OK();
    case CType::kByte: {
      uint8_t b;
      return ReadByteRaw(&b);
    }
    case CType::kI16:
    case CType::kI32:
    case CType::kI64: {
      uint64_t v;
      return ReadVarint(&v);
    }
    case CType::kDouble:
      if (remaining() < 8) return Status::Truncated("expected 8 bytes of a thrift double but found the end of the input");
      pos_ += 8;
      return Status::OK();
    case CType::kBinary: {
      std::string_view v;
      return ReadElemBinary(&v);
    }
    case CType::kList:
    case CType::kSet: {
      uint8_t b;
      QUIVER_RETURN_IF_ERROR(ReadByteRaw(&b));
      int64_t size = b >> 4;
      if (size == 15) QUIVER_RETURN_IF_ERROR(ReadLength(limits_.max_thrift_container_size, "thrift list size", &size));
      CType t = static_cast<CType>(b & 0x0f);
      for (int64_t i = 0; i < size; ++i) QUIVER_RETURN_IF_ERROR(SkipElement(t, depth + 1));
      return Status::OK();
    }
    case CType::kMap: {
      int64_t size;
      QUIVER_RETURN_IF_ERROR(ReadLength(limits_.max_thrift_container_size, "thrift map size", &size));
      if (size == 0) return Status::OK();
      uint8_t kv;
      QUIVER_RETURN_IF_ERROR(ReadByteRaw(&kv));
      CType kt = static_cast<CType>(kv >> 4), vt = static_cast<CType>(kv & 0x0f);
      for (int64_t i = 0; i < size; ++i) {
        QUIVER_RETURN_IF_ERROR(SkipElement(kt, depth + 1));
        QUIVER_RETURN_IF_ERROR(SkipElement(vt, depth + 1));
      }
      return Status::OK();
    }
    case CType::kStruct: {
      int16_t last = 0;
      while (true) {
        FieldHeader fh;
        QUIVER_RETURN_IF_ERROR(ReadFieldHeader(&last, &fh));
        if (fh.stop()) return Status::OK();
        QUIVER_RETURN_IF_ERROR(SkipDepth(fh.type, depth + 1));
      }
    }
  }
  return Status::InvalidInput(StrCat("expected a thrift type code in [0, 12] but found ", static_cast<int>(type)));
}

}  // namespace quiver::parquet::thrift
