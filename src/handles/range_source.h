// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// A random-access source whose bytes JavaScript fetches asynchronously (from a Blob, a file
// handle, or any async reader) and hands over in pieces before a read needs them.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "quiver/io/source.h"

namespace quiver::handles {

/// A Source of a known size that holds only the pieces added to it. A read served by one
/// piece is a zero-copy slice of it; any other read fails with kIo naming the range, and is
/// remembered (`missing()`) so the caller can fetch it and retry.
class PiecewiseSource final : public io::Source {
 public:
  explicit PiecewiseSource(int64_t size) : size_(size) {}

  int64_t size() const override { return size_; }
  Result<std::shared_ptr<Buffer>> ReadAt(int64_t offset, int64_t length) const override;

  /// Adds the bytes at `offset`. Errors: kInvalidArgument when they extend past size().
  Status Add(int64_t offset, std::shared_ptr<Buffer> bytes);
  /// Drops every piece (reads already served keep their slices alive).
  void Clear() { pieces_.clear(); }
  /// Bytes held.
  int64_t held() const;

  struct Range {
    int64_t offset = -1;
    int64_t length = 0;
  };
  /// The last read that no piece could serve (offset -1 when none); reset by Add.
  Range missing() const { return missing_; }

 private:
  struct Piece {
    int64_t offset;
    std::shared_ptr<Buffer> bytes;
  };
  int64_t size_;
  std::vector<Piece> pieces_;
  mutable Range missing_;
};

}  // namespace quiver::handles
