// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Overflow-checked arithmetic for numbers read from untrusted input.
#pragma once

#include <cstdint>
#include <limits>

namespace quiver::internal {

/// *out = a + b; false on overflow.
template <typename T>
[[nodiscard]] inline bool AddChecked(T a, T b, T* out) { return !__builtin_add_overflow(a, b, out); }
/// *out = a - b; false on overflow.
template <typename T>
[[nodiscard]] inline bool SubChecked(T a, T b, T* out) { return !__builtin_sub_overflow(a, b, out); }
/// *out = a * b; false on overflow.
template <typename T>
[[nodiscard]] inline bool MulChecked(T a, T b, T* out) { return !__builtin_mul_overflow(a, b, out); }

/// True when [offset, offset + length) lies inside [0, size), without overflow.
inline bool RangeInBounds(int64_t offset, int64_t length, int64_t size) {
  return offset >= 0 && length >= 0 && offset <= size && length <= size - offset;
}

/// Bytes needed for `bits` bits, rounded up; `bits` must be >= 0.
inline int64_t BytesForBits(int64_t bits) { return (bits >> 3) + ((bits & 7) != 0); }

/// Rounds up to a multiple of `factor` (a power of two).
inline int64_t RoundUpPow2(int64_t value, int64_t factor) { return (value + (factor - 1)) & ~(factor - 1); }

}  // namespace quiver::internal
