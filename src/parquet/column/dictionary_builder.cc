// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "parquet/column/dictionary_builder.h"

#include <algorithm>
#include <cstring>

namespace quiver::parquet::column {

namespace {

constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;

// A 64-bit hash of arbitrary bytes: 8-byte words mixed with a multiply-xorshift.
uint64_t Hash(std::string_view s) {
  uint64_t h = s.size() * kMul;
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = (h ^ w) * kMul;
    h ^= h >> 29;
  }
  if (i < s.size()) {
    // The 1..7 last bytes, little-endian, without a variable-length memcpy (a library
    // call per value in WebAssembly).
    uint64_t w = 0;
    for (size_t k = s.size(); k > i; --k) w = (w << 8) | static_cast<uint8_t>(s[k - 1]);
    h = (h ^ w) * kMul;
  }
  h ^= h >> 32;
  return h * kMul ^ (h >> 29);
}

// Slot of a fixed-width key: a multiplicative hash with its high half folded into the low
// bits the mask keeps.
inline size_t SlotOf(uint64_t key, size_t mask) {
  const uint64_t h = (key ^ (key >> 31)) * kMul;
  return static_cast<size_t>(h ^ (h >> 32)) & mask;
}

// Byte equality without a library call for the short values dictionaries mostly hold.
inline bool Equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  const size_t n = a.size();
  if (n <= 16 && n >= 8) {
    uint64_t a0, a1, b0, b1;
    std::memcpy(&a0, a.data(), 8);
    std::memcpy(&b0, b.data(), 8);
    std::memcpy(&a1, a.data() + n - 8, 8);
    std::memcpy(&b1, b.data() + n - 8, 8);
    return a0 == b0 && a1 == b1;
  }
  if (n >= 4 && n < 8) {
    uint32_t a0, a1, b0, b1;
    std::memcpy(&a0, a.data(), 4);
    std::memcpy(&b0, b.data(), 4);
    std::memcpy(&a1, a.data() + n - 4, 4);
    std::memcpy(&b1, b.data() + n - 4, 4);
    return a0 == b0 && a1 == b1;
  }
  if (n < 4) {
    for (size_t k = 0; k < n; ++k) {
      if (a[k] != b[k]) return false;
    }
    return true;
  }
  return std::memcmp(a.data(), b.data(), n) == 0;
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

void DictionaryBuilder::GrowBytes() {
  const size_t size = slots_.empty() ? 1024 : slots_.size() * 2;
  slots_.assign(size, 0);
  tags_.assign(size, 0);
  const size_t mask = size - 1;
  for (uint32_t i = 0; i < hashes_.size(); ++i) {
    size_t s = hashes_[i] & mask;
    while (slots_[s]) s = (s + 1) & mask;
    slots_[s] = i + 1;
    tags_[s] = static_cast<uint32_t>(hashes_[i] >> 32);
  }
}

void DictionaryBuilder::GrowFixed() {
  const size_t size = fixed_.empty() ? 1024 : fixed_.size() * 2;
  std::vector<FixedSlot> old(size, FixedSlot{0, 0});
  old.swap(fixed_);
  const size_t mask = size - 1;
  for (const FixedSlot& o : old) {
    if (!o.index_plus_one) continue;
    size_t s = SlotOf(o.key, mask);
    while (fixed_[s].index_plus_one) s = (s + 1) & mask;
    fixed_[s] = o;
  }
}

template <typename K>
Status DictionaryBuilder::FixedIndicesOf(const uint8_t* data, int64_t n, uint32_t* indices, uint32_t* max_index) {
  uint32_t max = 0;
  constexpr int64_t kAhead = 16;  // large dictionaries miss the cache: ask for slots early
  for (int64_t i = 0; i < n; ++i) {
    if (static_cast<size_t>(size_ + 1) * 2 > fixed_.size()) GrowFixed();
    if (i + kAhead < n) {
      K ahead;
      std::memcpy(&ahead, data + (i + kAhead) * static_cast<int64_t>(sizeof(K)), sizeof(K));
      __builtin_prefetch(&fixed_[SlotOf(ahead, fixed_.size() - 1)]);
    }
    K raw;
    std::memcpy(&raw, data + i * static_cast<int64_t>(sizeof(K)), sizeof(K));
    const uint64_t key = raw;
    const size_t mask = fixed_.size() - 1;
    size_t s = SlotOf(key, mask);
    uint32_t index;
    for (;;) {
      FixedSlot& slot = fixed_[s];
      if (slot.index_plus_one == 0) {
        index = static_cast<uint32_t>(size_);
        QUIVER_RETURN_IF_ERROR(values_.AppendFixed(reinterpret_cast<const uint8_t*>(&raw), 1));
        plain_bytes_ += static_cast<int64_t>(sizeof(K));
        ++size_;
        slot = FixedSlot{key, index + 1};
        break;
      }
      if (slot.key == key) {
        index = slot.index_plus_one - 1;
        break;
      }
      s = (s + 1) & mask;
    }
    indices[i] = index;
    if (index > max) max = index;
  }
  if (max > *max_index) *max_index = max;
  return Status::OK();
}

Result<uint32_t> DictionaryBuilder::BytesIndexOf(std::string_view value, uint64_t h) {
  if (static_cast<size_t>(size_ + 1) * 2 > slots_.size()) GrowBytes();
  const uint32_t tag = static_cast<uint32_t>(h >> 32);
  const size_t mask = slots_.size() - 1;
  size_t s = h & mask;
  while (slots_[s]) {
    const uint32_t i = slots_[s] - 1;
    if (tags_[s] == tag && Equal(ValueAt(i), value)) return i;
    s = (s + 1) & mask;
  }
  const uint32_t index = static_cast<uint32_t>(size_);
  if (values_.binary()) {
    QUIVER_RETURN_IF_ERROR(
        values_.AppendBinary(reinterpret_cast<const uint8_t*>(value.data()), static_cast<int64_t>(value.size())));
    plain_bytes_ += 4 + static_cast<int64_t>(value.size());
  } else {
    QUIVER_RETURN_IF_ERROR(values_.AppendFixed(reinterpret_cast<const uint8_t*>(value.data()), 1));
    plain_bytes_ += values_.width;
  }
  hashes_.push_back(h);
  ++size_;
  slots_[s] = index + 1;
  tags_[s] = tag;
  return index;
}

Status DictionaryBuilder::IndicesOf(const encoding::ValueBuffer& values, int64_t begin, int64_t n, uint32_t* indices,
                                    uint32_t* max_index) {
  const uint8_t* data = values.data.data();
  if (!values.binary() && values.width == 4) return FixedIndicesOf<uint32_t>(data + begin * 4, n, indices, max_index);
  if (!values.binary() && values.width == 8) return FixedIndicesOf<uint64_t>(data + begin * 8, n, indices, max_index);
  auto value_at = [&](int64_t i) -> std::string_view {
    if (values.binary()) {
      const int64_t* off = values.offset_data();
      return {reinterpret_cast<const char*>(data) + off[begin + i], static_cast<size_t>(off[begin + i + 1] - off[begin + i])};
    }
    return {reinterpret_cast<const char*>(data) + (begin + i) * values.width, static_cast<size_t>(values.width)};
  };
  // Hashes a chunk first and asks for its slots early: large dictionaries miss the cache.
  constexpr int64_t kChunk = 32;
  uint64_t hashes[kChunk];
  uint32_t max = 0;
  for (int64_t c = 0; c < n; c += kChunk) {
    const int64_t m = std::min(kChunk, n - c);
    const size_t mask = slots_.empty() ? 0 : slots_.size() - 1;
    for (int64_t j = 0; j < m; ++j) {
      hashes[j] = Hash(value_at(c + j));
      if (mask) {
        __builtin_prefetch(&slots_[hashes[j] & mask]);
        __builtin_prefetch(&tags_[hashes[j] & mask]);
      }
    }
    for (int64_t j = 0; j < m; ++j) {
      QUIVER_ASSIGN_OR_RETURN(const uint32_t index, BytesIndexOf(value_at(c + j), hashes[j]));
      indices[c + j] = index;
      if (index > max) max = index;
    }
  }
  if (max > *max_index) *max_index = max;
  return Status::OK();
}

}  // namespace quiver::parquet::column
