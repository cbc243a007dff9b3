// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Orders (parquet.thrift, ColumnOrder): signed and unsigned integers, IEEE floats without
// NaN and with -0 as the min and +0 as the max of zeros, unsigned lexicographic bytes,
// and signed big-endian decimals.
#include "parquet/column/statistics.h"

#include <cmath>
#include <cstring>
#include <type_traits>

namespace quiver::parquet::column {

using arrow::SortOrder;

namespace {

template <typename T>
T Load(std::string_view s) {
  T v;
  std::memcpy(&v, s.data(), sizeof(T));
  return v;
}

template <typename T>
int Cmp(T a, T b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

float HalfToFloat(uint16_t h) {
  const int exp = (h >> 10) & 0x1f;
  const int mant = h & 0x3ff;
  float v;
  if (exp == 0)
    v = std::ldexp(static_cast<float>(mant), -24);
  else if (exp == 31)
    v = mant ? NAN : INFINITY;
  else
    v = std::ldexp(static_cast<float>(mant | 0x400), exp - 25);
  return (h & 0x8000) ? -v : v;
}

int CompareBytes(std::string_view a, std::string_view b) {
  const size_t n = a.size() < b.size() ? a.size() : b.size();
  const int c = n ? std::memcmp(a.data(), b.data(), n) : 0;
  if (c) return c < 0 ? -1 : 1;
  return Cmp(a.size(), b.size());
}

bool IsNaN(PhysicalType type, SortOrder order, std::string_view v) {
  if (order == SortOrder::kFloat16) return std::isnan(HalfToFloat(Load<uint16_t>(v)));
  if (order != SortOrder::kFloat) return false;
  return type == PhysicalType::kFloat ? std::isnan(Load<float>(v)) : std::isnan(Load<double>(v));
}

// Byte-array truncation: the min keeps a prefix; the max keeps a prefix whose last byte
// that can be is incremented. False when the max cannot be rounded up.
bool TruncateMax(std::string* s, size_t n) {
  s->resize(n);
  while (!s->empty()) {
    unsigned char& c = reinterpret_cast<unsigned char&>(s->back());
    if (c != 0xff) {
      ++c;
      return true;
    }
    s->pop_back();
  }
  return false;
}

}  // namespace

int StatsCollector::Compare(std::string_view a, std::string_view b) const {
  switch (order_) {
    case SortOrder::kSigned:
      if (type_ == PhysicalType::kInt32) return Cmp(Load<int32_t>(a), Load<int32_t>(b));
      if (type_ == PhysicalType::kInt64) return Cmp(Load<int64_t>(a), Load<int64_t>(b));
      return CompareBytes(a, b);
    case SortOrder::kUnsigned:
      if (type_ == PhysicalType::kInt32) return Cmp(Load<uint32_t>(a), Load<uint32_t>(b));
      if (type_ == PhysicalType::kInt64) return Cmp(Load<uint64_t>(a), Load<uint64_t>(b));
      return CompareBytes(a, b);
    case SortOrder::kFloat:
      if (type_ == PhysicalType::kFloat) return Cmp(Load<float>(a), Load<float>(b));
      return Cmp(Load<double>(a), Load<double>(b));
    case SortOrder::kFloat16: return Cmp(HalfToFloat(Load<uint16_t>(a)), HalfToFloat(Load<uint16_t>(b)));
    case SortOrder::kDecimal: {
      // Same width: the first byte is signed, the rest compare as unsigned bytes.
      if (a.empty()) return 0;
      const int first = Cmp(static_cast<int8_t>(a[0]), static_cast<int8_t>(b[0]));
      return first ? first : CompareBytes(a.substr(1), b.substr(1));
    }
  }
  return 0;
}

// Min and max of `n` values of T at `data` (NaNs skipped), folded in as PLAIN bytes:
// the same result as comparing value by value, without a switch per value.
template <typename T>
void StatsCollector::UpdateTyped(const char* data, int64_t n) {
  int64_t i = 0;
  T lo{}, hi{};
  for (; i < n; ++i) {
    std::memcpy(&lo, data + i * static_cast<int64_t>(sizeof(T)), sizeof(T));
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isnan(lo)) continue;
    }
    break;
  }
  if (i == n) return;
  hi = lo;
  for (++i; i < n; ++i) {
    T x;
    std::memcpy(&x, data + i * static_cast<int64_t>(sizeof(T)), sizeof(T));
    // A NaN compares false both ways, so it changes neither bound.
    if (x < lo) lo = x;
    if (hi < x) hi = x;
  }
  const std::string_view slo(reinterpret_cast<const char*>(&lo), sizeof(T));
  const std::string_view shi(reinterpret_cast<const char*>(&hi), sizeof(T));
  if (!has_) {
    min_.assign(slo);
    max_.assign(shi);
    has_ = true;
    return;
  }
  if (Compare(slo, min_) < 0) min_.assign(slo);
  if (Compare(shi, max_) > 0) max_.assign(shi);
}

void StatsCollector::Update(const encoding::ValueBuffer& v, int64_t begin, int64_t n) {
  const char* data = reinterpret_cast<const char*>(v.data.data());
  const int64_t* off = v.binary() ? v.offset_data() : nullptr;
  const bool int32 = type_ == PhysicalType::kInt32, int64 = type_ == PhysicalType::kInt64;
  if (order_ == SortOrder::kSigned && int32) {
    UpdateTyped<int32_t>(data + begin * 4, n);
  } else if (order_ == SortOrder::kSigned && int64) {
    UpdateTyped<int64_t>(data + begin * 8, n);
  } else if (order_ == SortOrder::kUnsigned && int32) {
    UpdateTyped<uint32_t>(data + begin * 4, n);
  } else if (order_ == SortOrder::kUnsigned && int64) {
    UpdateTyped<uint64_t>(data + begin * 8, n);
  } else if (order_ == SortOrder::kFloat && type_ == PhysicalType::kFloat) {
    UpdateTyped<float>(data + begin * 4, n);
  } else if (order_ == SortOrder::kFloat && type_ == PhysicalType::kDouble) {
    UpdateTyped<double>(data + begin * 8, n);
  } else {
    UpdateGeneric(data, off, v.width, begin, n);
  }
  if (!has_) return;
  FixZeros();
}

void StatsCollector::UpdateGeneric(const char* data, const int64_t* off, int32_t width, int64_t begin, int64_t n) {
  for (int64_t i = begin; i < begin + n; ++i) {
    const std::string_view s = off ? std::string_view(data + off[i], static_cast<size_t>(off[i + 1] - off[i]))
                                   : std::string_view(data + i * width, static_cast<size_t>(width));
    if (IsNaN(type_, order_, s)) continue;
    if (!has_) {
      min_.assign(s);
      max_.assign(s);
      has_ = true;
      continue;
    }
    if (Compare(s, min_) < 0) min_.assign(s);
    if (Compare(s, max_) > 0) max_.assign(s);
  }
}

void StatsCollector::FixZeros() {
  // Zeros: the min is written as -0 and the max as +0, whichever zeros were seen.
  if (order_ == SortOrder::kFloat) {
    if (type_ == PhysicalType::kFloat) {
      if (Load<float>(min_) == 0.0f) min_ = std::string("\0\0\0\x80", 4);
      if (Load<float>(max_) == 0.0f) max_.assign(4, '\0');
    } else {
      if (Load<double>(min_) == 0.0) min_ = std::string("\0\0\0\0\0\0\0\x80", 8);
      if (Load<double>(max_) == 0.0) max_.assign(8, '\0');
    }
  } else if (order_ == SortOrder::kFloat16) {
    if (HalfToFloat(Load<uint16_t>(min_)) == 0.0f) min_ = std::string("\0\x80", 2);
    if (HalfToFloat(Load<uint16_t>(max_)) == 0.0f) max_.assign(2, '\0');
  }
}

void StatsCollector::Merge(const StatsCollector& other) {
  null_count_ += other.null_count_;
  if (!other.has_) return;
  if (!has_) {
    min_ = other.min_;
    max_ = other.max_;
    has_ = true;
    return;
  }
  if (Compare(other.min_, min_) < 0) min_ = other.min_;
  if (Compare(other.max_, max_) > 0) max_ = other.max_;
}

bool StatsCollector::IndexBounds(int64_t max_bytes, std::string* min, std::string* max) const {
  if (!has_) return false;
  *min = min_;
  *max = max_;
  if (type_ == PhysicalType::kByteArray && max_bytes >= 0) {
    const size_t n = static_cast<size_t>(max_bytes);
    if (min->size() > n) min->resize(n);
    if (max->size() > n && !TruncateMax(max, n)) return false;
  }
  return true;
}

Statistics StatsCollector::ToThrift(int64_t max_bytes) const {
  Statistics s;
  s.null_count = null_count_;
  std::string min, max;
  if (IndexBounds(max_bytes, &min, &max)) {
    const bool exact_min = min.size() == min_.size();
    const bool exact_max = max == max_;
    if (order_ == SortOrder::kSigned || order_ == SortOrder::kFloat || order_ == SortOrder::kFloat16 ||
        order_ == SortOrder::kDecimal) {
      s.min = min;
      s.max = max;
    }
    s.min_value = std::move(min);
    s.max_value = std::move(max);
    if (type_ == PhysicalType::kByteArray) {
      s.is_min_value_exact = exact_min;
      s.is_max_value_exact = exact_max;
    }
  }
  return s;
}

}  // namespace quiver::parquet::column
