// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The dictionary of one column chunk being written: distinct values in order of first
// appearance, found by open-addressing hash tables. Values of 4 or 8 bytes are keyed by
// their bits, held in the table itself (one probe touches one slot, no indirection and no
// memcmp); other values by a hash of their bytes, with the hash kept beside each slot so
// that most mismatches are rejected without reading the value.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "parquet/encoding/values.h"
#include "quiver/result.h"

namespace quiver::parquet::column {

class DictionaryBuilder {
 public:
  /// Values of `type` (and `width` bytes each, 0 for BYTE_ARRAY).
  DictionaryBuilder(PhysicalType type, int32_t width) : values_(type, width) {}

  /// The indices of values [begin, begin + n) of `values` (of this builder's type and
  /// width) into `indices`, adding the new ones; `*max_index` gets the largest index.
  /// Errors: kOutOfMemory.
  Status IndicesOf(const encoding::ValueBuffer& values, int64_t begin, int64_t n, uint32_t* indices,
                   uint32_t* max_index);

  /// The distinct values, in order of first appearance.
  const encoding::ValueBuffer& values() const { return values_; }
  /// Their PLAIN-encoded size.
  int64_t plain_bytes() const { return plain_bytes_; }

 private:
  template <typename K>
  Status FixedIndicesOf(const uint8_t* data, int64_t n, uint32_t* indices, uint32_t* max_index);
  Result<uint32_t> BytesIndexOf(std::string_view value, uint64_t hash);
  std::string_view ValueAt(uint32_t i) const;
  void GrowBytes();
  void GrowFixed();

  encoding::ValueBuffer values_;
  int64_t plain_bytes_ = 0;
  int64_t size_ = 0;               // distinct values
  // 4 / 8 bytes: the value's bits beside its index, so a probe reads one cache line.
  struct FixedSlot {
    uint64_t key;
    uint32_t index_plus_one;  // 0 when empty
  };
  std::vector<FixedSlot> fixed_;
  // Other values: index + 1 (0 when empty) and the hash's high half per slot.
  std::vector<uint32_t> slots_;
  std::vector<uint32_t> tags_;
  std::vector<uint64_t> hashes_;  // per value, to rehash without rereading it
};

}  // namespace quiver::parquet::column
