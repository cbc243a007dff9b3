// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Builders: enough to assemble arrays in decoders and tests, kept small for WASM.
//
// The only templates are thin inline wrappers over compiled byte-width code
// (FixedWidthBuilder<T> over FixedBytesBuilder), so each value type costs a few
// instructions rather than a copy of the builder (docs/style.md §6). Nested arrays are
// assembled from finished children by the Make*Array functions. They check that their
// arguments fit together (lengths, child types, offsets in range) cheaply and return
// kInvalidArgument with a message otherwise; they do not replace ValidateArray().
//
// Builders own their partial buffers (from the MemoryPool given, default
// DefaultMemoryPool()) until Finish hands them to the returned array. After an Append
// fails (kOutOfMemory, kLimitExceeded) the builder's contents are unspecified: discard it.
// Builders are not thread-safe; finished arrays are immutable and shareable.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

#include "quiver/arrow/array.h"
#include "quiver/arrow/buffer.h"
#include "quiver/arrow/type.h"
#include "quiver/result.h"

namespace quiver {

/// Accumulates a validity bitmap. The bitmap is only materialised once the first null
/// arrives, so all-valid columns cost no allocation.
class ValidityBuilder {
 public:
  explicit ValidityBuilder(MemoryPool* pool = DefaultMemoryPool()) : pool_(pool), bits_(pool) {}

  /// Appends one slot. Errors: kOutOfMemory, kLimitExceeded.
  Status Append(bool valid);
  /// Appends `n` valid slots. Errors as Append, and kInvalidArgument when n < 0.
  Status AppendValid(int64_t n);
  /// Appends `n` null slots. Errors as Append, and kInvalidArgument when n < 0.
  Status AppendNulls(int64_t n);

  int64_t length() const { return length_; }
  int64_t null_count() const { return null_count_; }

  /// The bitmap, or null when there were no nulls (the format allows omitting it), and
  /// the null count into `*null_count` when given. Resets the builder.
  /// Errors: kOutOfMemory.
  Result<std::shared_ptr<Buffer>> Finish(int64_t* null_count = nullptr);

 private:
  Status Materialize();

  MemoryPool* pool_;
  BufferBuilder bits_;
  int64_t length_ = 0;
  int64_t null_count_ = 0;
  bool materialized_ = false;
};

/// A validity bitmap from one bool per slot; null when every slot is valid (or the vector
/// is empty). `null_count` receives the number of false entries when given.
/// Errors: kOutOfMemory.
Result<std::shared_ptr<Buffer>> ValidityFromBools(const std::vector<bool>& validity, int64_t* null_count = nullptr,
                                                  MemoryPool* pool = DefaultMemoryPool());

/// Builds arrays of values that are `byte_width` bytes each: the compiled core behind
/// FixedWidthBuilder<T>, and directly usable for decimals, fixed_size_binary, intervals
/// and float16.
class FixedBytesBuilder {
 public:
  /// `byte_width` must be >= 0; a negative width makes every Append and Finish fail with
  /// kInvalidArgument.
  explicit FixedBytesBuilder(int32_t byte_width, MemoryPool* pool = DefaultMemoryPool())
      : byte_width_(byte_width), values_(pool), validity_(pool) {}

  /// Appends one value of exactly byte_width() bytes. Errors: kInvalidArgument for
  /// another size, kOutOfMemory.
  Status Append(std::span<const uint8_t> value);
  /// Appends `count` values stored contiguously at `data` (count * byte_width() bytes).
  /// They are all valid when `validity` is null; otherwise value i is null where
  /// (*validity)[i] is false (its bytes are still stored), and validity->size() must be
  /// count. Errors: kInvalidArgument (negative count, size mismatch), kOutOfMemory,
  /// kLimitExceeded.
  Status AppendRaw(const void* data, int64_t count, const std::vector<bool>* validity = nullptr);
  /// Appends one null (its value bytes are zero). Errors: kOutOfMemory.
  Status AppendNull() { return AppendNulls(1); }
  /// Appends `n` nulls. Errors: kOutOfMemory, kLimitExceeded.
  Status AppendNulls(int64_t n);

  int32_t byte_width() const { return byte_width_; }
  int64_t length() const { return validity_.length(); }

  /// The finished array, typed `type`, and resets the builder. `type` must have a
  /// validity + fixed-width layout of byte_width() bytes (a primitive, decimal, temporal,
  /// interval or fixed_size_binary type, or an extension type stored as one); dictionary
  /// types are refused (use MakeDictionaryArray). Errors: kInvalidArgument, kOutOfMemory.
  Result<ArrayPtr> Finish(TypePtr type);

 private:
  int32_t byte_width_;
  BufferBuilder values_;
  ValidityBuilder validity_;
};

/// Builds arrays of a C++ value type T (int8_t .. uint64_t, float, double, uint16_t for
/// float16 bits, int32_t for date32/time32, int64_t for date64/time64/timestamp/duration).
/// A thin wrapper: every instantiation shares FixedBytesBuilder's compiled code.
template <typename T>
class FixedWidthBuilder {
  static_assert(std::is_trivially_copyable_v<T> && sizeof(T) <= 8, "a primitive value type");

 public:
  explicit FixedWidthBuilder(MemoryPool* pool = DefaultMemoryPool()) : impl_(sizeof(T), pool) {}

  /// Errors: kOutOfMemory.
  Status Append(T value) { return impl_.AppendRaw(&value, 1); }
  /// Appends every value of `values`, all valid. Errors: kOutOfMemory.
  Status AppendValues(std::span<const T> values) {
    return impl_.AppendRaw(values.data(), static_cast<int64_t>(values.size()));
  }
  /// Appends `values`, slot i null where `validity[i]` is false (the value is then still
  /// stored). Errors: kInvalidArgument when the sizes differ, kOutOfMemory.
  Status AppendValues(std::span<const T> values, const std::vector<bool>& validity) {
    return impl_.AppendRaw(values.data(), static_cast<int64_t>(values.size()), &validity);
  }
  /// Errors: kOutOfMemory.
  Status AppendNull() { return impl_.AppendNull(); }
  Status AppendNulls(int64_t n) { return impl_.AppendNulls(n); }

  int64_t length() const { return impl_.length(); }

  /// See FixedBytesBuilder::Finish; `type`'s byte width must be sizeof(T).
  Result<ArrayPtr> Finish(TypePtr type) { return impl_.Finish(std::move(type)); }

 private:
  FixedBytesBuilder impl_;
};

/// Builds bool arrays (one bit per value).
class BooleanBuilder {
 public:
  explicit BooleanBuilder(MemoryPool* pool = DefaultMemoryPool()) : values_(pool), validity_(pool) {}

  /// Errors: kOutOfMemory.
  Status Append(bool value);
  /// Appends one null, or `n` nulls. Errors: kOutOfMemory, kInvalidArgument (n < 0 or
  /// an unsupported type).
  Status AppendNull() { return AppendNulls(1); }
  Status AppendNulls(int64_t n);

  int64_t length() const { return length_; }

  /// The finished array and resets the builder. `type` must be bool or an extension
  /// stored as bool. Errors: kInvalidArgument, kOutOfMemory.
  Result<ArrayPtr> Finish(TypePtr type = boolean());

 private:
  Status AppendBit(bool value);

  BufferBuilder values_;
  ValidityBuilder validity_;
  int64_t length_ = 0;
};

/// Builds binary, utf8, large_binary and large_utf8 arrays (offsets + data).
/// It does not check UTF-8: ValidateArray does, at the full level.
class BinaryBuilder {
 public:
  /// `type` is one of binary, utf8, large_binary, large_utf8, or an extension stored as
  /// one; any other type makes Append and Finish fail with kInvalidArgument.
  explicit BinaryBuilder(TypePtr type = binary(), MemoryPool* pool = DefaultMemoryPool());

  /// Errors: kLimitExceeded when 32-bit offsets would overflow (use a large_ type),
  /// kOutOfMemory, kInvalidArgument (unsupported type).
  Status Append(std::string_view value);
  /// Appends one null, or `n` nulls. Errors: kOutOfMemory, kInvalidArgument (n < 0 or
  /// an unsupported type).
  Status AppendNull() { return AppendNulls(1); }
  Status AppendNulls(int64_t n);

  int64_t length() const { return validity_.length(); }
  /// Bytes of value data appended so far.
  int64_t data_length() const { return data_.size(); }

  /// The finished array and resets the builder (keeping its type).
  /// Errors: kInvalidArgument (unsupported type), kOutOfMemory.
  Result<ArrayPtr> Finish();

 private:
  Status CheckType() const;
  Status AppendOffset();

  TypePtr type_;
  int32_t offset_width_ = 0;  // 4 or 8; 0 for an unsupported type
  BufferBuilder offsets_;
  BufferBuilder data_;
  ValidityBuilder validity_;
};

/// Builds binary_view and utf8_view arrays. Values of at most 12 bytes are stored inline
/// in their view; longer ones get a 4-byte prefix, a data buffer index and an offset. A
/// new variadic data buffer starts whenever the current one would grow past
/// `block_size` bytes (a value longer than that gets a buffer to itself), so tests can
/// produce several variadic buffers with a small block size.
class BinaryViewBuilder {
 public:
  /// Default block size of variadic data buffers, in bytes.
  static constexpr int64_t kDefaultBlockSize = 32 * 1024;

  /// `type` is binary_view or utf8_view (or an extension stored as one), else Append and
  /// Finish fail with kInvalidArgument. `block_size` is clamped to [1, INT32_MAX].
  explicit BinaryViewBuilder(TypePtr type = binary_view(), int64_t block_size = kDefaultBlockSize,
                             MemoryPool* pool = DefaultMemoryPool());

  /// Errors: kLimitExceeded for a value longer than INT32_MAX bytes or too many buffers,
  /// kInvalidArgument (unsupported type), kOutOfMemory.
  Status Append(std::string_view value);
  /// Appends one null, or `n` nulls. Errors: kOutOfMemory, kInvalidArgument (n < 0 or
  /// an unsupported type).
  Status AppendNull() { return AppendNulls(1); }
  Status AppendNulls(int64_t n);

  int64_t length() const { return validity_.length(); }

  /// The finished array (validity, views, then the variadic data buffers) and resets the
  /// builder. Errors: kInvalidArgument (unsupported type), kOutOfMemory.
  Result<ArrayPtr> Finish();

 private:
  Status CheckType() const;
  Status FinishBlock();

  TypePtr type_;
  int64_t block_size_;
  MemoryPool* pool_;
  BufferBuilder views_;
  BufferBuilder block_;
  std::vector<std::shared_ptr<Buffer>> blocks_;
  ValidityBuilder validity_;
};

/// An array of `T` values typed `type`, slot i null where `validity[i]` is false (empty
/// validity means all valid). See FixedWidthBuilder for the value types.
/// Errors: kInvalidArgument (sizes or type width mismatch), kOutOfMemory.
template <typename T>
Result<ArrayPtr> ArrayFromVector(TypePtr type, const std::vector<T>& values, const std::vector<bool>& validity = {},
                                 MemoryPool* pool = DefaultMemoryPool()) {
  FixedWidthBuilder<T> b(pool);
  if (validity.empty()) {
    QUIVER_RETURN_IF_ERROR(b.AppendValues(values));
  } else {
    QUIVER_RETURN_IF_ERROR(b.AppendValues(values, validity));
  }
  return b.Finish(std::move(type));
}

// Nested arrays from finished children. In each, `validity` holds one bool per slot
// (false = null) or is empty for "all valid"; the children are shared, not copied.

/// list, large_list (or map, whose child is the entries struct): `offsets` has length + 1
/// non-decreasing entries starting at >= 0 and ending at <= values->length. The values'
/// type must equal the list's value type. Errors: kInvalidArgument (including offsets
/// beyond INT32_MAX for 32-bit types), kOutOfMemory.
Result<ArrayPtr> MakeListArray(TypePtr type, const std::vector<int64_t>& offsets, ArrayPtr values,
                               const std::vector<bool>& validity = {}, MemoryPool* pool = DefaultMemoryPool());

/// list_view, large_list_view: one offset and one size per slot, each view inside
/// [0, values->length). Errors: kInvalidArgument, kOutOfMemory.
Result<ArrayPtr> MakeListViewArray(TypePtr type, const std::vector<int64_t>& offsets, const std::vector<int64_t>& sizes,
                                   ArrayPtr values, const std::vector<bool>& validity = {},
                                   MemoryPool* pool = DefaultMemoryPool());

/// fixed_size_list of `length` lists: values->length must be at least length * list_size.
/// Errors: kInvalidArgument, kOutOfMemory.
Result<ArrayPtr> MakeFixedSizeListArray(TypePtr type, int64_t length, ArrayPtr values,
                                        const std::vector<bool>& validity = {}, MemoryPool* pool = DefaultMemoryPool());

/// struct of `length` slots (when length < 0: the first child's length, or 0 without
/// children). One child per field, each of the field's type and at least `length` long.
/// Errors: kInvalidArgument, kOutOfMemory.
Result<ArrayPtr> MakeStructArray(TypePtr type, std::vector<ArrayPtr> children, const std::vector<bool>& validity = {},
                                 int64_t length = -1, MemoryPool* pool = DefaultMemoryPool());
/// As above, with the struct type made from `fields`.
Result<ArrayPtr> MakeStructArray(std::vector<FieldPtr> fields, std::vector<ArrayPtr> children,
                                 const std::vector<bool>& validity = {}, int64_t length = -1,
                                 MemoryPool* pool = DefaultMemoryPool());

/// map from keys and items of equal length (the entries struct is assembled here; keys
/// must have no nulls) and list offsets into them, as for MakeListArray.
/// Errors: kInvalidArgument, kOutOfMemory.
Result<ArrayPtr> MakeMapArray(TypePtr type, const std::vector<int64_t>& offsets, ArrayPtr keys, ArrayPtr items,
                              const std::vector<bool>& validity = {}, MemoryPool* pool = DefaultMemoryPool());

/// sparse_union with one type id per slot (each one of the type's codes) and one child
/// per field, each at least type_ids.size() long. Errors: kInvalidArgument, kOutOfMemory.
Result<ArrayPtr> MakeSparseUnionArray(TypePtr type, const std::vector<int8_t>& type_ids, std::vector<ArrayPtr> children,
                                      MemoryPool* pool = DefaultMemoryPool());

/// dense_union: slot i is element offsets[i] of the child selected by type_ids[i].
/// Errors: kInvalidArgument (sizes, unknown codes, offsets outside the child), kOutOfMemory.
Result<ArrayPtr> MakeDenseUnionArray(TypePtr type, const std::vector<int8_t>& type_ids,
                                     const std::vector<int32_t>& offsets, std::vector<ArrayPtr> children,
                                     MemoryPool* pool = DefaultMemoryPool());

/// A dictionary array sharing the buffers of `indices` (typed type->index_type()) with
/// `dictionary` (typed type->value_type()). Every valid index must lie in
/// [0, dictionary->length). Errors: kInvalidArgument.
Result<ArrayPtr> MakeDictionaryArray(TypePtr type, const ArrayPtr& indices, ArrayPtr dictionary);

/// run_end_encoded of logical `length` (when < 0: the last run end). `run_ends` is an
/// int16/int32/int64 array without nulls, strictly increasing and positive, as long as
/// `values`; `length` must not exceed the last run end. Errors: kInvalidArgument.
Result<ArrayPtr> MakeRunEndEncodedArray(ArrayPtr run_ends, ArrayPtr values, int64_t length = -1);

/// An extension array sharing `storage`, whose type must equal type->storage_type().
/// Errors: kInvalidArgument.
Result<ArrayPtr> MakeExtensionArray(TypePtr type, const ArrayPtr& storage);

}  // namespace quiver
