// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Full-level validation: the content rules of the columnar format that memory safety does
// not need. Runs only after ValidateArray succeeded, so every read here is in bounds
// without further checks.
#include <cstring>

#include "core/format_value.h"
#include "core/str_cat.h"
#include "core/utf8_internal.h"
#include "core/validate_internal.h"
#include "quiver/arrow/validate.h"

namespace quiver {

using internal::ChildSegment;
using internal::HexByte;
using internal::LayoutType;
using internal::LoadAt;
using internal::StrCat;

namespace {

Status InvalidUtf8(int64_t value, const uint8_t* bytes, int64_t pos) {
  return Status::InvalidInput(StrCat("expected valid UTF-8 in value[", value, "] but found invalid byte ",
                                     HexByte(bytes[pos]), " at position ", pos));
}

// The declared null_count (when known) equals the validity bitmap's count.
Status CheckNullCount(const ArrayData& a, const DataType& t) {
  if (!internal::HasValidityBitmap(t) || a.null_count == kUnknownNullCount) return Status::OK();
  const int64_t actual =
      a.buffers[0] == nullptr ? 0 : a.length - bit_util::CountSetBits(a.buffers[0]->data(), a.offset, a.length);
  if (actual != a.null_count) {
    return Status::InvalidInput(
        StrCat("expected null_count ", actual, " (nulls in the validity bitmap) but found ", a.null_count));
  }
  return Status::OK();
}

// UTF-8 of the valid values of a utf8 or large_utf8 array.
template <typename O>
Status CheckUtf8Offsets(const ArrayData& a) {
  if (a.length == 0) return Status::OK();
  const uint8_t* offsets = a.buffers[1]->data();
  const uint8_t* data = a.buffers[2]->data();
  const internal::SlotValidity validity(a);
  const int64_t end = a.offset + a.length;
  if (validity.all_valid()) {
    // Fast path: the values are contiguous, so validate them in one run, then check that no
    // value starts inside a character (the run can be valid while a value boundary splits
    // a multi-byte sequence).
    const int64_t first = LoadAt<O>(offsets, a.offset);
    const int64_t last = LoadAt<O>(offsets, end);
    if (internal::ValidateUtf8(data + first, last - first)) {
      bool split = false;
      for (int64_t i = a.offset + 1; i < end; ++i) {
        const int64_t o = LoadAt<O>(offsets, i);
        split |= o < last && internal::IsUtf8Continuation(data[o]);
      }
      if (!split) return Status::OK();
    }
  }
  // One value at a time, naming the first bad one.
  for (int64_t i = a.offset; i < end; ++i) {
    if (!validity.IsValid(i)) continue;
    const int64_t s = LoadAt<O>(offsets, i);
    const int64_t e = LoadAt<O>(offsets, i + 1);
    int64_t pos;
    if (!internal::ValidateUtf8(data + s, e - s, &pos)) return InvalidUtf8(i, data + s, pos);
  }
  return Status::OK();
}

std::string Hex4(const uint8_t* p) {
  std::string out = "0x";
  for (int k = 0; k < 4; ++k) out.append(HexByte(p[k]).substr(2));
  return out;
}

// Binary views of valid slots: inline data is zero-padded, the prefix of out-of-line data
// repeats its first 4 bytes, and utf8_view values are UTF-8.
Status CheckViewContent(const ArrayData& a, bool utf8) {
  if (a.length == 0) return Status::OK();  // buffers may be absent
  const uint8_t* views = a.buffers[1]->data();
  const internal::SlotValidity validity(a);
  const int64_t end = a.offset + a.length;
  for (int64_t i = a.offset; i < end; ++i) {
    if (!validity.IsValid(i)) continue;
    const uint8_t* v = views + i * 16;
    const int32_t length = LoadAt<int32_t>(v, 0);
    const uint8_t* bytes;
    if (length <= 12) {
      for (int k = 4 + length; k < 16; ++k) {
        if (v[k] != 0) {
          return Status::InvalidInput(StrCat("expected zero padding after the ", length, " inline bytes of view[", i,
                                             "] but found ", HexByte(v[k]), " at byte ", k));
        }
      }
      bytes = v + 4;
    } else {
      const int32_t index = LoadAt<int32_t>(v, 2);
      const int32_t offset = LoadAt<int32_t>(v, 3);
      bytes = a.buffers[2 + static_cast<size_t>(index)]->data() + offset;
      if (std::memcmp(v + 4, bytes, 4) != 0) {
        return Status::InvalidInput(StrCat("expected view[", i, "] prefix ", Hex4(bytes), " (first 4 data bytes) but found ",
                                           Hex4(v + 4)));
      }
    }
    int64_t pos;
    if (utf8 && !internal::ValidateUtf8(bytes, length, &pos)) return InvalidUtf8(i, bytes, pos);
  }
  return Status::OK();
}

// Dense-union offsets into each child are non-decreasing (the format requires it; readers
// that stream children rely on it).
Status CheckDenseUnionOrder(const ArrayData& a, const DataType& t) {
  if (a.length == 0) return Status::OK();  // buffers may be absent
  const auto child_of = internal::ChildIndexByTypeCode(t);
  const uint8_t* ids = a.buffers[0]->data();
  const uint8_t* offsets = a.buffers[1]->data();
  std::array<int32_t, 128> previous;
  previous.fill(-1);
  const int64_t end = a.offset + a.length;
  for (int64_t i = a.offset; i < end; ++i) {
    const size_t k = static_cast<size_t>(child_of[ids[i]]);
    const int32_t o = LoadAt<int32_t>(offsets, i);
    if (o < previous[k]) {
      return Status::InvalidInput(StrCat("expected offset[", i, "] >= ", previous[k], " (previous offset into child[", k,
                                         "]) but found ", o));
    }
    previous[k] = o;
  }
  return Status::OK();
}

template <typename E>
Status CheckRunEndOrder(const ArrayData& ends) {
  if (ends.length == 0) return Status::OK();
  const uint8_t* p = ends.buffers[1]->data();
  const int64_t end = ends.offset + ends.length;
  int64_t previous = 0;
  for (int64_t i = ends.offset; i < end; ++i) {
    const int64_t e = LoadAt<E>(p, i);
    if (e <= previous) {
      if (i == ends.offset) return Status::InvalidInput(StrCat("expected run_end[", i, "] >= 1 but found ", e));
      return Status::InvalidInput(
          StrCat("expected run_end[", i, "] > ", previous, " (run_end[", i - 1, "]) but found ", e));
    }
    previous = e;
  }
  return Status::OK();
}

// Run ends are positive and strictly increasing: every run has at least one value.
Status CheckRunEnds(const ArrayData& a) {
  const ArrayData& ends = *a.children[0];
  Status st;
  switch (ends.type->id()) {
    case TypeId::kInt16: st = CheckRunEndOrder<int16_t>(ends); break;
    case TypeId::kInt32: st = CheckRunEndOrder<int32_t>(ends); break;
    default: st = CheckRunEndOrder<int64_t>(ends); break;
  }
  return std::move(st).WithContext(ChildSegment(0));
}

// Keys of the map entries this slice refers to are not null.
Status CheckMapKeys(const ArrayData& a) {
  if (a.length == 0) return Status::OK();
  const uint8_t* offsets = a.buffers[1]->data();
  const int64_t first = LoadAt<int32_t>(offsets, a.offset);
  const int64_t last = LoadAt<int32_t>(offsets, a.offset + a.length);
  const ArrayData& entries = *a.children[0];
  const ArrayData& keys = *entries.children[0];
  // Entry j is keys slot entries.offset + j (a struct's slice applies to its children).
  const int64_t nulls = internal::CountNullsInRange(keys, entries.offset + first, last - first);
  if (nulls > 0) {
    return Status::InvalidInput(StrCat("expected no nulls in map keys but found ", nulls))
        .WithContext(ChildSegment(0))
        .WithContext(ChildSegment(0));
  }
  return Status::OK();
}

// |v| < 10^precision for a little-endian two's complement value of `words` 64-bit words.
bool FitsPrecision(const uint8_t* bytes, int words, int32_t precision) {
  uint64_t v[4] = {0, 0, 0, 0};
  std::memcpy(v, bytes, static_cast<size_t>(words) * 8);
  if (words < 4 && (v[words - 1] >> 63) != 0) {
    for (int i = words; i < 4; ++i) v[i] = ~uint64_t{0};  // sign-extend to 256 bits
  }
  if ((v[3] >> 63) != 0) {  // negate: magnitude of a negative value
    bool carry = true;
    for (auto& w : v) {
      w = ~w + (carry ? 1 : 0);
      carry = carry && w == 0;
    }
  }
  uint64_t limit[4] = {1, 0, 0, 0};  // 10^precision (precision <= 76 fits in 256 bits)
  for (int32_t p = 0; p < precision; ++p) {
    unsigned __int128 carry = 0;
    for (auto& w : limit) {
      const unsigned __int128 x = static_cast<unsigned __int128>(w) * 10 + carry;
      w = static_cast<uint64_t>(x);
      carry = x >> 64;
    }
  }
  for (int i = 3; i >= 0; --i) {
    if (v[i] != limit[i]) return v[i] < limit[i];
  }
  return false;  // equal to 10^precision
}

// Valid values of a decimal array have at most `precision` digits.
Status CheckDecimalPrecision(const ArrayData& a, const DataType& t) {
  const int width = t.byte_width();
  const int32_t precision = t.precision();
  const uint8_t* values = a.buffers[1] ? a.buffers[1]->data() : nullptr;
  if (values == nullptr || a.length == 0) return Status::OK();
  const internal::SlotValidity validity(a);
  for (int64_t i = 0; i < a.length; ++i) {
    if (!validity.all_valid() && !a.IsValid(i)) continue;
    const uint8_t* v = values + (a.offset + i) * width;
    bool fits;
    if (width == 4) {
      int32_t x;
      std::memcpy(&x, v, 4);
      int64_t limit = 1;
      for (int32_t p = 0; p < precision; ++p) limit *= 10;
      fits = x > -limit && x < limit;
    } else {
      fits = FitsPrecision(v, width / 8, precision);
    }
    if (!fits) {
      std::string shown;
      internal::AppendDecimal(&shown, v, width, t.scale());
      return Status::InvalidInput(
          StrCat("expected value[", i, "] to have at most ", precision, " digits but found ", shown));
    }
  }
  return Status::OK();
}

// Precondition: `a` passed ValidateArray.
Status ValidateContent(const ArrayData& a) {
  const DataType& t = LayoutType(*a.type);
  QUIVER_RETURN_IF_ERROR(CheckNullCount(a, t));
  for (size_t i = 0; i < a.children.size(); ++i) {
    QUIVER_RETURN_IF_ERROR_CTX(ValidateContent(*a.children[i]), ChildSegment(i));
  }
  if (t.id() == TypeId::kDictionary) QUIVER_RETURN_IF_ERROR_CTX(ValidateContent(*a.dictionary), "dictionary");
  switch (t.id()) {
    case TypeId::kUtf8: return CheckUtf8Offsets<int32_t>(a);
    case TypeId::kLargeUtf8: return CheckUtf8Offsets<int64_t>(a);
    case TypeId::kBinaryView: return CheckViewContent(a, false);
    case TypeId::kUtf8View: return CheckViewContent(a, true);
    case TypeId::kDenseUnion: return CheckDenseUnionOrder(a, t);
    case TypeId::kRunEndEncoded: return CheckRunEnds(a);
    case TypeId::kMap: return CheckMapKeys(a);
    case TypeId::kDecimal32:
    case TypeId::kDecimal64:
    case TypeId::kDecimal128:
    case TypeId::kDecimal256: return CheckDecimalPrecision(a, t);
    default: return Status::OK();
  }
}

}  // namespace

Status ValidateArrayFull(const ArrayData& array, const Limits& limits) {
  QUIVER_RETURN_IF_ERROR(ValidateArray(array, limits));
  return ValidateContent(array);
}

}  // namespace quiver
