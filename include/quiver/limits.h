// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#pragma once

#include <cstdint>

namespace quiver {

/// Safety limits for reading untrusted input, kept together in one place.
///
/// Each limit bounds work or memory that a hostile file could otherwise make us spend from
/// a header alone. Exceeding one yields StatusCode::kLimitExceeded, never an allocation.
struct Limits {
  /// Largest buffer a codec may be asked to decompress into (default 1 GiB). Prevents a
  /// small frame that declares a huge uncompressed size from forcing a huge allocation.
  /// Raise it for legitimately larger single buffers.
  int64_t max_decompressed_size = int64_t{1} << 30;
  /// Deepest nesting of types (list of struct of list ...) accepted (default 64). Prevents
  /// stack exhaustion in recursive decoding and validation. Real schemas rarely exceed 10.
  int32_t max_nesting_depth = 64;
  /// Largest single buffer accepted from a file, in bytes (default 2 GiB - 1). Prevents
  /// absurd declared sizes from reaching allocation.
  int64_t max_buffer_size = (int64_t{1} << 31) - 1;
  /// Most fields (columns and nested children) accepted in one schema (default 1 << 20).
  int64_t max_fields = int64_t{1} << 20;
};

/// The limits used when the caller passes none.
inline constexpr Limits kDefaultLimits{};

}  // namespace quiver
