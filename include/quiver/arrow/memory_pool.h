// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#pragma once

#include <atomic>
#include <cstdint>

#include "quiver/result.h"

namespace quiver {

/// Alignment of every allocation made through a MemoryPool, in bytes. 64 bytes is what
/// the Arrow columnar format recommends (one cache line, and wide enough for AVX-512).
inline constexpr int64_t kBufferAlignment = 64;

/// Counters a pool keeps. They surface in the JavaScript `memoryStats()`.
struct MemoryStats {
  /// Sum of the sizes of all allocations ever made.
  int64_t bytes_allocated = 0;
  /// Bytes allocated and not yet freed.
  int64_t bytes_live = 0;
  /// The largest value bytes_live has had.
  int64_t bytes_peak = 0;
  /// Number of allocations ever made.
  int64_t allocations = 0;
  /// Number of copies of array data made (memcpy of buffer contents), and their bytes.
  int64_t copies = 0;
  int64_t bytes_copied = 0;
};

/// Allocates 64-byte-aligned memory and counts it. Allocation failure returns
/// kOutOfMemory; it never aborts. Thread-safe.
class MemoryPool {
 public:
  /// `limit` caps bytes_live (for tests and for sandboxing); allocations past it fail with
  /// kOutOfMemory. The default is no cap beyond what the system gives.
  explicit MemoryPool(int64_t limit = INT64_MAX) : limit_(limit) {}
  MemoryPool(const MemoryPool&) = delete;
  MemoryPool& operator=(const MemoryPool&) = delete;

  /// Allocates `size` bytes (size >= 0; 0 gives a valid non-null pointer). The memory is
  /// uninitialised. Errors: kInvalidArgument for a negative size, kOutOfMemory.
  Result<uint8_t*> Allocate(int64_t size);
  /// Grows or shrinks an allocation made by this pool, keeping the first
  /// min(old_size, new_size) bytes. On error the old allocation is untouched.
  Result<uint8_t*> Reallocate(uint8_t* ptr, int64_t old_size, int64_t new_size);
  /// Frees an allocation of `size` bytes made by this pool. Null is a no-op.
  void Free(uint8_t* ptr, int64_t size);
  /// Records that `bytes` of array data were copied (for the copy counters).
  void RecordCopy(int64_t bytes);

  MemoryStats stats() const;
  int64_t limit() const { return limit_; }

 private:
  const int64_t limit_;
  std::atomic<int64_t> bytes_allocated_{0};
  std::atomic<int64_t> bytes_live_{0};
  std::atomic<int64_t> bytes_peak_{0};
  std::atomic<int64_t> allocations_{0};
  std::atomic<int64_t> copies_{0};
  std::atomic<int64_t> bytes_copied_{0};
};

/// The process-wide pool used when a caller passes none.
MemoryPool* DefaultMemoryPool();

}  // namespace quiver
