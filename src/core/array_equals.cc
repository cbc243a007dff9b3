// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Logical equality of arrays, slot by slot. Used by round-trip tests and by readers that
// compare dictionaries; not on hot paths.
#include <cstring>
#include <string_view>

#include "quiver/arrow/array.h"

namespace quiver {
namespace {

int64_t ReadInt(const uint8_t* p, int width, bool is_signed) {
  switch (width) {
    case 1: return is_signed ? static_cast<int64_t>(static_cast<int8_t>(*p)) : *p;
    case 2: { int16_t v; std::memcpy(&v, p, 2); return is_signed ? v : static_cast<uint16_t>(v); }
    case 4: { int32_t v; std::memcpy(&v, p, 4); return is_signed ? v : static_cast<uint32_t>(v); }
    default: { int64_t v; std::memcpy(&v, p, 8); return v; }
  }
}

/// Absolute element index `i` (offset already applied) of an integer buffer.
int64_t IntAt(const ArrayData& a, int buffer, int width, int64_t i, bool is_signed = true) {
  return ReadInt(a.buffers[static_cast<size_t>(buffer)]->data() + i * width, width, is_signed);
}

std::string_view BinaryAt(const ArrayData& a, TypeId id, int64_t abs) {
  switch (id) {
    case TypeId::kBinary:
    case TypeId::kUtf8: {
      int64_t s = IntAt(a, 1, 4, abs), e = IntAt(a, 1, 4, abs + 1);
      return {reinterpret_cast<const char*>(a.buffers[2]->data()) + s, static_cast<size_t>(e - s)};
    }
    case TypeId::kLargeBinary:
    case TypeId::kLargeUtf8: {
      int64_t s = IntAt(a, 1, 8, abs), e = IntAt(a, 1, 8, abs + 1);
      return {reinterpret_cast<const char*>(a.buffers[2]->data()) + s, static_cast<size_t>(e - s)};
    }
    default: {  // views
      const uint8_t* v = a.buffers[1]->data() + abs * 16;
      int32_t len;
      std::memcpy(&len, v, 4);
      if (len <= 12) return {reinterpret_cast<const char*>(v + 4), static_cast<size_t>(len)};
      int32_t buf, off;
      std::memcpy(&buf, v + 8, 4);
      std::memcpy(&off, v + 12, 4);
      return {reinterpret_cast<const char*>(a.buffers[2 + static_cast<size_t>(buf)]->data()) + off,
              static_cast<size_t>(len)};
    }
  }
}

/// Physical run containing logical position `pos` of a run-end encoded array.
int64_t FindRun(const ArrayData& ree, int64_t pos) {
  const ArrayData& ends = *ree.children[0];
  const int w = ends.type->byte_width();
  int64_t lo = 0, hi = ends.length;
  while (lo < hi) {
    int64_t mid = lo + (hi - lo) / 2;
    if (IntAt(ends, 1, w, ends.offset + mid) <= pos) lo = mid + 1; else hi = mid;
  }
  return lo;
}

int ChildForCode(const DataType& t, int8_t code) {
  const auto& codes = t.type_codes();
  for (size_t k = 0; k < codes.size(); ++k) {
    if (codes[k] == code) return static_cast<int>(k);
  }
  return -1;
}

// An extension array is compared as its storage: same buffers, children and slots.
const DataType& StorageType(const DataType& t) { return t.id() == TypeId::kExtension ? *t.storage_type() : t; }

// Slot equality; i and j are logical indices within a and b (their offsets not applied).
// Precondition: a and b have equal types.
bool SlotEquals(const ArrayData& a, int64_t i, const ArrayData& b, int64_t j) {
  const DataType& type = StorageType(*a.type);
  const TypeId id = type.id();
  if (id == TypeId::kNull) return true;
  const bool va = a.IsValid(i), vb = b.IsValid(j);
  if (va != vb) return false;
  if (!va) return true;
  const int64_t ai = a.offset + i, bj = b.offset + j;
  switch (id) {
    case TypeId::kBool:
      return bit_util::GetBit(a.buffers[1]->data(), ai) == bit_util::GetBit(b.buffers[1]->data(), bj);
    case TypeId::kBinary:
    case TypeId::kUtf8:
    case TypeId::kLargeBinary:
    case TypeId::kLargeUtf8:
    case TypeId::kBinaryView:
    case TypeId::kUtf8View: return BinaryAt(a, id, ai) == BinaryAt(b, id, bj);
    case TypeId::kList:
    case TypeId::kMap:
    case TypeId::kLargeList:
    case TypeId::kListView:
    case TypeId::kLargeListView:
    case TypeId::kFixedSizeList: {
      int64_t sa, la, sb, lb;
      if (id == TypeId::kFixedSizeList) {
        la = lb = type.list_size();
        sa = ai * la;
        sb = bj * lb;
      } else if (id == TypeId::kListView || id == TypeId::kLargeListView) {
        const int w = id == TypeId::kListView ? 4 : 8;
        sa = IntAt(a, 1, w, ai); la = IntAt(a, 2, w, ai);
        sb = IntAt(b, 1, w, bj); lb = IntAt(b, 2, w, bj);
      } else {
        const int w = id == TypeId::kLargeList ? 8 : 4;
        sa = IntAt(a, 1, w, ai); la = IntAt(a, 1, w, ai + 1) - sa;
        sb = IntAt(b, 1, w, bj); lb = IntAt(b, 1, w, bj + 1) - sb;
      }
      if (la != lb) return false;
      for (int64_t k = 0; k < la; ++k) {
        if (!SlotEquals(*a.children[0], sa + k, *b.children[0], sb + k)) return false;
      }
      return true;
    }
    case TypeId::kStruct:
      for (size_t c = 0; c < a.children.size(); ++c) {
        if (!SlotEquals(*a.children[c], ai, *b.children[c], bj)) return false;
      }
      return true;
    case TypeId::kSparseUnion:
    case TypeId::kDenseUnion: {
      const int8_t ca = static_cast<int8_t>(a.buffers[0]->data()[ai]);
      const int8_t cb = static_cast<int8_t>(b.buffers[0]->data()[bj]);
      if (ca != cb) return false;
      const int k = ChildForCode(type, ca);
      if (k < 0) return false;
      if (id == TypeId::kSparseUnion) return SlotEquals(*a.children[k], ai, *b.children[k], bj);
      return SlotEquals(*a.children[k], IntAt(a, 1, 4, ai), *b.children[k], IntAt(b, 1, 4, bj));
    }
    case TypeId::kDictionary: {
      const int w = type.index_type()->byte_width();
      const bool s = IsSignedInteger(type.index_type()->id());
      return SlotEquals(*a.dictionary, IntAt(a, 1, w, ai, s), *b.dictionary, IntAt(b, 1, w, bj, s));
    }
    case TypeId::kRunEndEncoded:
      return SlotEquals(*a.children[1], FindRun(a, ai), *b.children[1], FindRun(b, bj));
    default: {
      const int w = type.byte_width();
      return std::memcmp(a.buffers[1]->data() + ai * w, b.buffers[1]->data() + bj * w, static_cast<size_t>(w)) == 0;
    }
  }
}

}  // namespace

bool ArrayEquals(const ArrayData& a, const ArrayData& b) {
  if (a.length != b.length || !a.type->Equals(*b.type)) return false;
  for (int64_t i = 0; i < a.length; ++i) {
    if (!SlotEquals(a, i, b, i)) return false;
  }
  return true;
}

}  // namespace quiver
