// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "quiver/arrow/memory_pool.h"
#include "quiver/result.h"

namespace quiver {

/// An immutable, reference-counted range of bytes.
///
/// A Buffer either owns its memory (allocated from a MemoryPool, 64-byte aligned, freed
/// when the last reference goes), borrows it from a parent Buffer (a zero-copy slice that
/// keeps the parent alive), or wraps foreign memory with a release callback. Share it as
/// `std::shared_ptr<Buffer>`; the contents never change once it is handed out.
class Buffer {
 public:
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  ~Buffer();

  /// Allocates `size` bytes from `pool`, zero-filled (padding included), for the caller
  /// to fill before sharing. Errors: kOutOfMemory, kInvalidArgument (negative size).
  static Result<std::shared_ptr<Buffer>> Allocate(int64_t size, MemoryPool* pool = DefaultMemoryPool());
  /// A new buffer holding a copy of `bytes` (counted as a copy in the pool's stats).
  static Result<std::shared_ptr<Buffer>> CopyOf(std::span<const uint8_t> bytes,
                                                MemoryPool* pool = DefaultMemoryPool());
  /// A copy of a vector of trivially copyable values; convenient in tests and builders.
  template <typename T>
  static Result<std::shared_ptr<Buffer>> FromVector(const std::vector<T>& values,
                                                    MemoryPool* pool = DefaultMemoryPool()) {
    return CopyOf({reinterpret_cast<const uint8_t*>(values.data()), values.size() * sizeof(T)}, pool);
  }
  /// Wraps memory owned elsewhere; `release` runs once when the last reference goes.
  /// The memory must stay valid and unchanged until then.
  static std::shared_ptr<Buffer> Wrap(const uint8_t* data, int64_t size, std::function<void()> release);
  /// Wraps memory that outlives every use of the buffer (static data, test fixtures).
  static std::shared_ptr<Buffer> WrapUnowned(const uint8_t* data, int64_t size);

  /// A zero-copy view of bytes [offset, offset + length) of `parent` that keeps `parent`
  /// alive. Errors: kInvalidArgument when the range is outside the parent.
  static Result<std::shared_ptr<Buffer>> Slice(const std::shared_ptr<Buffer>& parent, int64_t offset,
                                               int64_t length);

  const uint8_t* data() const { return data_; }
  /// Writable access for the creator of an allocated buffer, before it is shared.
  uint8_t* mutable_data() { return const_cast<uint8_t*>(data_); }
  int64_t size() const { return size_; }
  std::span<const uint8_t> span() const { return {data_, static_cast<size_t>(size_)}; }
  template <typename T>
  const T* data_as() const { return reinterpret_cast<const T*>(data_); }
  /// The buffer this one is a slice of, if any.
  const std::shared_ptr<Buffer>& parent() const { return parent_; }
  /// True when the bytes are equal (not the identity).
  bool Equals(const Buffer& other) const {
    return size_ == other.size_ && (size_ == 0 || std::memcmp(data_, other.data_, size_) == 0);
  }

 private:
  friend class BufferBuilder;
  Buffer() = default;
  // Takes ownership of a pool allocation of `capacity` bytes of which `size` are used.
  static std::shared_ptr<Buffer> Adopt(uint8_t* data, int64_t size, int64_t capacity, MemoryPool* pool);

  const uint8_t* data_ = nullptr;
  int64_t size_ = 0;
  MemoryPool* pool_ = nullptr;        // set when this buffer owns a pool allocation
  int64_t capacity_ = 0;              // size of that allocation
  std::shared_ptr<Buffer> parent_;    // set for slices
  std::function<void()> release_;     // set for wrapped foreign memory
};

/// Accumulates bytes for a new Buffer, growing geometrically. Used by builders and encoders.
class BufferBuilder {
 public:
  explicit BufferBuilder(MemoryPool* pool = DefaultMemoryPool()) : pool_(pool) {}
  BufferBuilder(const BufferBuilder&) = delete;
  BufferBuilder& operator=(const BufferBuilder&) = delete;
  BufferBuilder(BufferBuilder&& other) noexcept;
  BufferBuilder& operator=(BufferBuilder&& other) noexcept;
  ~BufferBuilder();

  /// Ensures room for `additional` more bytes. Errors: kOutOfMemory, kLimitExceeded.
  Status Reserve(int64_t additional);
  /// Appends bytes. Errors as Reserve.
  Status Append(const void* data, int64_t length);
  Status Append(std::span<const uint8_t> bytes) { return Append(bytes.data(), static_cast<int64_t>(bytes.size())); }
  /// Appends one trivially copyable value.
  template <typename T>
  Status AppendValue(const T& value) { return Append(&value, sizeof(T)); }
  /// Appends `length` copies of `byte`.
  Status AppendFill(uint8_t byte, int64_t length);
  /// Appends `length` uninitialised bytes and returns where they start.
  Result<uint8_t*> AppendUninitialized(int64_t length);

  int64_t size() const { return size_; }
  uint8_t* mutable_data() { return data_; }
  const uint8_t* data() const { return data_; }
  /// Shrinks the logical size (length <= size()).
  void Truncate(int64_t length) { if (length < size_) size_ = length; }

  /// Hands the bytes over as a Buffer (padding to a multiple of 8 bytes is zeroed) and
  /// resets the builder.
  Result<std::shared_ptr<Buffer>> Finish();

 private:
  MemoryPool* pool_;
  uint8_t* data_ = nullptr;
  int64_t size_ = 0;
  int64_t capacity_ = 0;
};

}  // namespace quiver
