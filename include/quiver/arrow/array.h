// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "quiver/arrow/bit_util.h"
#include "quiver/arrow/buffer.h"
#include "quiver/arrow/type.h"
#include "quiver/result.h"

namespace quiver {

/// null_count value meaning "not computed yet".
inline constexpr int64_t kUnknownNullCount = -1;

struct ArrayData;
using ArrayPtr = std::shared_ptr<ArrayData>;

/// The physical contents of one Arrow array: the columnar format's "array data".
///
/// `buffers` follows type->layout() (a validity slot may hold null when there are no
/// nulls); binary and utf8 views append their variadic data buffers after the views buffer.
/// `offset` and `length` select the logical slice; buffers are never trimmed by slicing.
/// Children carry their own offsets, except that a struct's, fixed-size list's and sparse
/// union's logical slice also applies to its children (Arrow semantics). `dictionary` is set
/// for dictionary types only, and is itself unsliced. An ArrayData is treated as immutable
/// once shared; arrays read from untrusted input are safe to access only after
/// ValidateArray() (see quiver/arrow/validate.h).
struct ArrayData {
  TypePtr type;
  int64_t length = 0;
  int64_t null_count = kUnknownNullCount;
  int64_t offset = 0;
  std::vector<std::shared_ptr<Buffer>> buffers;
  std::vector<ArrayPtr> children;
  ArrayPtr dictionary;

  /// The null count, computing and caching it from the validity bitmap when unknown.
  /// Precondition: the array is valid. For types without a validity bitmap (null, unions,
  /// run-end encoded) it is length for null and 0 otherwise, as in the columnar format.
  int64_t GetNullCount();
  /// True when slot i (0-based within the slice) is not null according to the validity
  /// bitmap. Null-type slots are never valid; types without a bitmap are always valid here.
  bool IsValid(int64_t i) const;
  /// Pointer to the values of buffer `index`, as T, already advanced by `offset` elements.
  template <typename T>
  const T* GetValues(int index) const {
    const auto& b = buffers[static_cast<size_t>(index)];
    return b ? b->data_as<T>() + offset : nullptr;
  }
};

/// Makes array data; a convenience for builders, decoders and tests.
ArrayPtr MakeArrayData(TypePtr type, int64_t length, std::vector<std::shared_ptr<Buffer>> buffers,
                       std::vector<ArrayPtr> children = {}, int64_t null_count = kUnknownNullCount,
                       int64_t offset = 0, ArrayPtr dictionary = nullptr);

/// A zero-copy slice [offset, offset + length) of `array`: shares every buffer and child.
/// Errors: kInvalidArgument when the range is not inside the array.
Result<ArrayPtr> SliceArray(const ArrayPtr& array, int64_t offset, int64_t length);

/// An array of `length` nulls of any type, whose buffers are zeroed.
Result<ArrayPtr> MakeArrayOfNulls(const TypePtr& type, int64_t length, MemoryPool* pool = DefaultMemoryPool());

/// Structural equality of the logical values (not of buffers): types, lengths, validity and
/// every valid value. Precondition: both arrays are valid.
bool ArrayEquals(const ArrayData& a, const ArrayData& b);

}  // namespace quiver
