// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Helpers shared by the two validation levels (validate.cc, validate_full.cc).
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <string>

#include "core/str_cat.h"
#include "quiver/arrow/array.h"

namespace quiver::internal {

/// Element i of a buffer of little-endian T. Buffers from files may be unaligned, so this
/// reads through memcpy (a plain load on every target we build for).
template <typename T>
inline T LoadAt(const uint8_t* data, int64_t i) {
  T v;
  std::memcpy(&v, data + i * static_cast<int64_t>(sizeof(T)), sizeof(T));
  return v;
}

/// The type whose layout an array follows: an extension type's storage, else the type.
/// Precondition: the type passed ValidateType (an extension has a storage type).
inline const DataType& LayoutType(const DataType& type) {
  return type.id() == TypeId::kExtension ? *type.storage_type() : type;
}

/// True when arrays of `layout_type` start with a validity bitmap.
inline bool HasValidityBitmap(const DataType& layout_type) {
  const DataTypeLayout layout = layout_type.layout();
  return layout.num_buffers > 0 && layout.buffers[0].kind == BufferKind::kValidity;
}

/// The context segment of the i-th child array.
inline std::string ChildSegment(size_t i) { return StrCat("child[", i, "]"); }

/// Slot validity exactly as ArrayData::IsValid decides it, by buffer position (offset
/// applied). Precondition: the array's type has a validity bitmap and the array passed the
/// buffer checks.
class SlotValidity {
 public:
  explicit SlotValidity(const ArrayData& a) {
    if (a.null_count != 0 && !a.buffers.empty() && a.buffers[0]) bits_ = a.buffers[0]->data();
  }
  /// True when every slot counts as valid (no bitmap, or null_count == 0).
  bool all_valid() const { return bits_ == nullptr; }
  bool IsValid(int64_t position) const { return bits_ == nullptr || bit_util::GetBit(bits_, position); }

 private:
  const uint8_t* bits_ = nullptr;
};

/// Nulls among logical slots [start, start + count) of `a`, as ArrayData::IsValid sees them:
/// all for null arrays, none for types without a validity bitmap. Precondition: `a` passed
/// ValidateArray and the range is inside it.
inline int64_t CountNullsInRange(const ArrayData& a, int64_t start, int64_t count) {
  const DataType& t = LayoutType(*a.type);
  if (t.id() == TypeId::kNull) return count;
  if (!HasValidityBitmap(t) || a.null_count == 0 || a.buffers[0] == nullptr || count == 0) return 0;
  return count - bit_util::CountSetBits(a.buffers[0]->data(), a.offset + start, count);
}

/// Child index for each union type code (indexed by the code as uint8_t), -1 for codes that
/// name no child. Negative codes land in 128..255 and so map to -1.
inline std::array<int8_t, 256> ChildIndexByTypeCode(const DataType& union_type) {
  std::array<int8_t, 256> child_of;
  child_of.fill(-1);
  const auto& codes = union_type.type_codes();
  for (size_t k = 0; k < codes.size(); ++k) child_of[static_cast<uint8_t>(codes[k])] = static_cast<int8_t>(k);
  return child_of;
}

/// "0xC3".
inline std::string HexByte(uint8_t byte) {
  const char* digits = "0123456789ABCDEF";
  return StrCat("0x", digits[byte >> 4], digits[byte & 15]);
}

}  // namespace quiver::internal
