// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Option checks and the in-memory byte sink and source.
#include <algorithm>
#include <cmath>
#include <utility>

#include "core/checked_math.h"
#include "core/str_cat.h"
#include "quiver/io/sink.h"
#include "quiver/io/source.h"
#include "quiver/ipc/options.h"

namespace quiver {

using internal::StrCat;

namespace io {

Status Sink::WriteZeros(int64_t length) {
  static constexpr uint8_t kZeros[64] = {};
  while (length > 0) {
    const int64_t n = length < 64 ? length : 64;
    QUIVER_RETURN_IF_ERROR(Write({kZeros, static_cast<size_t>(n)}));
    length -= n;
  }
  return Status::OK();
}

Result<int64_t> ChunkSink::Room() {
  if (block_.size() == block_capacity_) {
    if (block_capacity_ > 0) {
      QUIVER_ASSIGN_OR_RETURN(std::shared_ptr<Buffer> full, block_.Finish());
      full_.push_back(std::move(full));
    }
    // Capacities are powers of two, so Finish's padding to 8 never grows a block.
    QUIVER_RETURN_IF_ERROR(block_.Reserve(next_block_));
    block_capacity_ = next_block_;
    next_block_ = std::min(2 * next_block_, kLargestBlock);
  }
  return block_capacity_ - block_.size();
}

Status ChunkSink::Write(std::span<const uint8_t> bytes) {
  while (!bytes.empty()) {
    QUIVER_ASSIGN_OR_RETURN(const int64_t room, Room());
    const size_t n = std::min(bytes.size(), static_cast<size_t>(room));
    QUIVER_RETURN_IF_ERROR(block_.Append(bytes.first(n)));
    bytes = bytes.subspan(n);
    position_ += static_cast<int64_t>(n);
  }
  return Status::OK();
}

Status ChunkSink::WriteZeros(int64_t length) {
  while (length > 0) {
    QUIVER_ASSIGN_OR_RETURN(const int64_t room, Room());
    const int64_t n = std::min(length, room);
    QUIVER_RETURN_IF_ERROR(block_.AppendFill(0, n));
    length -= n;
    position_ += n;
  }
  return Status::OK();
}

Result<std::vector<std::shared_ptr<Buffer>>> ChunkSink::Take() {
  if (block_.size() > 0) {
    QUIVER_ASSIGN_OR_RETURN(std::shared_ptr<Buffer> last, block_.Finish());
    full_.push_back(std::move(last));
    block_capacity_ = 0;
  }
  return std::exchange(full_, {});
}

Result<std::shared_ptr<Buffer>> BufferSource::ReadAt(int64_t offset, int64_t length) const {
  if (offset < 0 || length < 0) {
    return Status::InvalidArgument(StrCat("cannot read ", length, " bytes at offset ", offset));
  }
  if (!internal::RangeInBounds(offset, length, size())) {
    return Status::Truncated(StrCat("expected ", length, " bytes at offset ", offset, " but the source has ", size(),
                                    " bytes"));
  }
  return Buffer::Slice(buffer_, offset, length);
}

}  // namespace io

namespace ipc {

Status WriteOptions::Validate() const {
  if (alignment != 8 && alignment != 64) {
    return Status::InvalidArgument(StrCat("expected WriteOptions.alignment 8 or 64 but found ", alignment));
  }
  if (!(min_space_savings >= 0.0 && min_space_savings <= 1.0)) {
    return Status::InvalidArgument(
        StrCat("expected WriteOptions.min_space_savings in [0, 1] but found ", min_space_savings));
  }
  switch (compression) {
    case Compression::kNone: return Status::OK();
    case Compression::kLz4Frame:
      if (!codec::IsAvailable(codec::CodecKind::kLz4Frame)) {
        return Status::Unsupported("WriteOptions.compression is lz4_frame but this build has no LZ4 codec");
      }
      return Status::OK();
    case Compression::kZstd:
      if (!codec::IsAvailable(codec::CodecKind::kZstd)) {
        return Status::Unsupported("WriteOptions.compression is zstd but this build has no ZSTD codec");
      }
      return Status::OK();
  }
  return Status::InvalidArgument(
      StrCat("expected WriteOptions.compression in [0, 2] but found ", static_cast<int>(compression)));
}

WriteOptions default_lz4_ipc_options() {
  WriteOptions options;
  options.compression = Compression::kLz4Frame;
  return options;
}

void enable_lz4_on_options(WriteOptions* options, bool enable) {
  options->compression = enable ? Compression::kLz4Frame : Compression::kNone;
}

Status ReadOptions::Validate() const {
  if (pool == nullptr) return Status::InvalidArgument("ReadOptions.pool is null");
  if (limits.max_nesting_depth < 0) {
    return Status::InvalidArgument(
        StrCat("expected ReadOptions.limits.max_nesting_depth >= 0 but found ", limits.max_nesting_depth));
  }
  if (limits.max_fields < 0) {
    return Status::InvalidArgument(StrCat("expected ReadOptions.limits.max_fields >= 0 but found ", limits.max_fields));
  }
  if (limits.max_buffer_size < 0 || limits.max_decompressed_size < 0) {
    return Status::InvalidArgument("expected ReadOptions.limits sizes >= 0");
  }
  return Status::OK();
}

}  // namespace ipc
}  // namespace quiver
