// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "quiver/arrow/buffer.h"
#include "quiver/result.h"

namespace quiver::io {

/// A destination for bytes written front to back (an IPC stream, a file being built).
///
/// Writers call Write in order and never seek. Implementations need not be thread-safe.
class Sink {
 public:
  virtual ~Sink() = default;

  /// Appends `bytes`. Errors: kIo or kOutOfMemory from the implementation; after an error
  /// the sink's contents are unspecified.
  virtual Status Write(std::span<const uint8_t> bytes) = 0;
  /// Appends `length` zero bytes (padding). The default writes from a small zero block.
  virtual Status WriteZeros(int64_t length);
  /// Bytes written so far.
  virtual int64_t position() const = 0;
};

/// A Sink that accumulates everything in memory and hands it over as one Buffer.
class BufferSink final : public Sink {
 public:
  explicit BufferSink(MemoryPool* pool = DefaultMemoryPool()) : builder_(pool) {}

  Status Write(std::span<const uint8_t> bytes) override { return builder_.Append(bytes); }
  Status WriteZeros(int64_t length) override { return builder_.AppendFill(0, length); }
  int64_t position() const override { return builder_.size(); }

  /// Hands over the bytes written so far (64-byte aligned, zero padded to a multiple of 8)
  /// and leaves the sink empty. Errors: kOutOfMemory.
  Result<std::shared_ptr<Buffer>> Finish() { return builder_.Finish(); }

 private:
  BufferBuilder builder_;
};

/// A Sink that accumulates everything in memory in blocks that never move: when one is full
/// the next is allocated (64 KiB, doubling up to 1 MiB), so writing N bytes holds about N
/// bytes plus one block, never the old and new copies a growing buffer has during a grow.
class ChunkSink final : public Sink {
 public:
  static constexpr int64_t kFirstBlock = int64_t{1} << 16;
  static constexpr int64_t kLargestBlock = int64_t{1} << 20;

  explicit ChunkSink(MemoryPool* pool = DefaultMemoryPool()) : block_(pool) {}

  /// Errors: kOutOfMemory.
  Status Write(std::span<const uint8_t> bytes) override;
  Status WriteZeros(int64_t length) override;
  /// Bytes written since construction (Take does not reset it).
  int64_t position() const override { return position_; }

  /// Hands over the blocks written since the last Take, in order (each zero padded to a
  /// multiple of 8; none when nothing was written). Errors: kOutOfMemory.
  Result<std::vector<std::shared_ptr<Buffer>>> Take();

 private:
  /// Room in the current block, starting a new block when it is full. Errors: kOutOfMemory.
  Result<int64_t> Room();

  std::vector<std::shared_ptr<Buffer>> full_;
  BufferBuilder block_;
  int64_t block_capacity_ = 0;
  int64_t next_block_ = kFirstBlock;
  int64_t position_ = 0;
};

}  // namespace quiver::io
