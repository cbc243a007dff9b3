// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The dictionary of one column chunk being written: distinct values in order of first
// appearance, found by an open-addressing hash table over their bytes.
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

  /// The index of `value`, added when new. Errors: kOutOfMemory.
  Result<uint32_t> IndexOf(std::string_view value);

  /// The distinct values, in order of first appearance.
  const encoding::ValueBuffer& values() const { return values_; }
  /// Their PLAIN-encoded size.
  int64_t plain_bytes() const { return plain_bytes_; }

 private:
  std::string_view ValueAt(uint32_t i) const;
  void Grow();

  encoding::ValueBuffer values_;
  int64_t plain_bytes_ = 0;
  std::vector<uint32_t> slots_;   // index + 1, 0 when empty
  std::vector<uint64_t> hashes_;  // per value, to rehash without rereading it
};

}  // namespace quiver::parquet::column
