// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "quiver/arrow/memory_pool.h"

#include <cstdlib>
#include <cstring>

#include "core/str_cat.h"

namespace quiver {
namespace {

// Every allocation, including a zero-byte one, gets a real aligned block so that data()
// is never null: some consumers treat null as "absent".
int64_t AllocationSize(int64_t size) { return size == 0 ? kBufferAlignment : size; }

}  // namespace

Result<uint8_t*> MemoryPool::Allocate(int64_t size) {
  if (size < 0) return Status::InvalidArgument(internal::StrCat("allocation size must be >= 0 but was ", size));
  int64_t live = bytes_live_.load(std::memory_order_relaxed);
  if (size > limit_ - live) {
    return Status::OutOfMemory(internal::StrCat("allocating ", size, " bytes would exceed the memory pool limit of ",
                                                limit_, " bytes (", live, " in use)"));
  }
  const int64_t rounded = AllocationSize(size);
  if (rounded > INT64_MAX - kBufferAlignment) {
    return Status::OutOfMemory(internal::StrCat("cannot allocate ", size, " bytes"));
  }
  void* ptr = nullptr;
  // posix_memalign reports failure instead of aborting, both natively and under
  // emscripten (built with ABORTING_MALLOC=0).
  if (static_cast<uint64_t>(rounded) > SIZE_MAX ||
      posix_memalign(&ptr, static_cast<size_t>(kBufferAlignment), static_cast<size_t>(rounded)) != 0 ||
      ptr == nullptr) {
    return Status::OutOfMemory(internal::StrCat("failed to allocate ", size, " bytes"));
  }
  bytes_allocated_.fetch_add(size, std::memory_order_relaxed);
  allocations_.fetch_add(1, std::memory_order_relaxed);
  int64_t now = bytes_live_.fetch_add(size, std::memory_order_relaxed) + size;
  int64_t peak = bytes_peak_.load(std::memory_order_relaxed);
  while (now > peak && !bytes_peak_.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
  }
  return static_cast<uint8_t*>(ptr);
}

Result<uint8_t*> MemoryPool::Reallocate(uint8_t* ptr, int64_t old_size, int64_t new_size) {
  QUIVER_ASSIGN_OR_RETURN(uint8_t * fresh, Allocate(new_size));
  if (ptr != nullptr) {
    int64_t keep = old_size < new_size ? old_size : new_size;
    if (keep > 0) std::memcpy(fresh, ptr, static_cast<size_t>(keep));
    Free(ptr, old_size);
  }
  return fresh;
}

void MemoryPool::Free(uint8_t* ptr, int64_t size) {
  if (ptr == nullptr) return;
  std::free(ptr);
  bytes_live_.fetch_sub(size, std::memory_order_relaxed);
}

void MemoryPool::RecordCopy(int64_t bytes) {
  copies_.fetch_add(1, std::memory_order_relaxed);
  bytes_copied_.fetch_add(bytes, std::memory_order_relaxed);
}

MemoryStats MemoryPool::stats() const {
  MemoryStats s;
  s.bytes_allocated = bytes_allocated_.load(std::memory_order_relaxed);
  s.bytes_live = bytes_live_.load(std::memory_order_relaxed);
  s.bytes_peak = bytes_peak_.load(std::memory_order_relaxed);
  s.allocations = allocations_.load(std::memory_order_relaxed);
  s.copies = copies_.load(std::memory_order_relaxed);
  s.bytes_copied = bytes_copied_.load(std::memory_order_relaxed);
  return s;
}

MemoryPool* DefaultMemoryPool() {
  static MemoryPool pool;
  return &pool;
}

}  // namespace quiver
