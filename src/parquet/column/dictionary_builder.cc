// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "parquet/column/dictionary_builder.h"

#include <cstring>

namespace quiver::parquet::column {

namespace {

// A 64-bit hash of arbitrary bytes: 8-byte words mixed with a multiply-xorshift.
uint64_t Hash(std::string_view s) {
  constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;
  uint64_t h = s.size() * kMul;
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = (h ^ w) * kMul;
    h ^= h >> 29;
  }
  if (i < s.size()) {
    uint64_t w = 0;
    std::memcpy(&w, s.data() + i, s.size() - i);
    h = (h ^ w) * kMul;
  }
  h ^= h >> 32;
  return h * kMul ^ (h >> 29);
}

}  // namespace

std::string_view DictionaryBuilder::ValueAt(uint32_t i) const {
  const char* data = reinterpret_cast<const char*>(values_.data.data());
  if (values_.binary()) {
    const int64_t* off = values_.offset_data();
    return {data + off[i], static_cast<size_t>(off[i + 1] - off[i])};
  }
  return {data + static_cast<int64_t>(i) * values_.width, static_cast<size_t>(values_.width)};
}

void DictionaryBuilder::Grow() {
  const size_t size = slots_.empty() ? 1024 : slots_.size() * 2;
  slots_.assign(size, 0);
  const size_t mask = size - 1;
  for (uint32_t i = 0; i < hashes_.size(); ++i) {
    size_t s = hashes_[i] & mask;
    while (slots_[s]) s = (s + 1) & mask;
    slots_[s] = i + 1;
  }
}

Result<uint32_t> DictionaryBuilder::IndexOf(std::string_view value) {
  if ((hashes_.size() + 1) * 2 > slots_.size()) Grow();
  const uint64_t h = Hash(value);
  const size_t mask = slots_.size() - 1;
  size_t s = h & mask;
  while (slots_[s]) {
    const uint32_t i = slots_[s] - 1;
    if (hashes_[i] == h && ValueAt(i) == value) return i;
    s = (s + 1) & mask;
  }
  const uint32_t index = static_cast<uint32_t>(hashes_.size());
  if (values_.binary()) {
    QUIVER_RETURN_IF_ERROR(
        values_.AppendBinary(reinterpret_cast<const uint8_t*>(value.data()), static_cast<int64_t>(value.size())));
    plain_bytes_ += 4 + static_cast<int64_t>(value.size());
  } else {
    QUIVER_RETURN_IF_ERROR(values_.AppendFixed(reinterpret_cast<const uint8_t*>(value.data()), 1));
    plain_bytes_ += values_.width;
  }
  hashes_.push_back(h);
  slots_[s] = index + 1;
  return index;
}

}  // namespace quiver::parquet::column
