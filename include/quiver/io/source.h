// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#pragma once

#include <cstdint>
#include <memory>

#include "quiver/arrow/buffer.h"
#include "quiver/result.h"

namespace quiver::io {

/// Random-access bytes of known size (a file in memory, a file read on demand).
///
/// Readers ask for ranges they need and nothing else, so a source backed by lazy I/O lets
/// FileReader read one record batch without touching the others.
class Source {
 public:
  virtual ~Source() = default;

  /// Total size in bytes.
  virtual int64_t size() const = 0;
  /// Bytes [offset, offset + length). The returned Buffer may be a zero-copy view that
  /// keeps the source's memory alive. Errors: kTruncated when the range ends past size(),
  /// kInvalidArgument for a negative offset or length, kIo from the implementation.
  virtual Result<std::shared_ptr<Buffer>> ReadAt(int64_t offset, int64_t length) const = 0;
};

/// A Source over a Buffer already in memory; ReadAt returns zero-copy slices of it.
class BufferSource final : public Source {
 public:
  explicit BufferSource(std::shared_ptr<Buffer> buffer) : buffer_(std::move(buffer)) {}

  int64_t size() const override { return buffer_ ? buffer_->size() : 0; }
  Result<std::shared_ptr<Buffer>> ReadAt(int64_t offset, int64_t length) const override;
  const std::shared_ptr<Buffer>& buffer() const { return buffer_; }

 private:
  std::shared_ptr<Buffer> buffer_;
};

}  // namespace quiver::io
