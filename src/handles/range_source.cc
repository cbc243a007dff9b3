// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "handles/range_source.h"

#include "core/checked_math.h"
#include "core/str_cat.h"

namespace quiver::handles {

using quiver::internal::StrCat;

Result<std::shared_ptr<Buffer>> PiecewiseSource::ReadAt(int64_t offset, int64_t length) const {
  if (offset < 0 || length < 0) {
    return Status::InvalidArgument(StrCat("expected a non-negative range but found [", offset, ", +", length, ")"));
  }
  if (!quiver::internal::RangeInBounds(offset, length, size_)) {
    return Status::Truncated(StrCat("expected range [", offset, ", +", length, ") within the ", size_,
                                    "-byte input but it ends past it"));
  }
  for (const Piece& p : pieces_) {
    if (offset >= p.offset && offset - p.offset + length <= p.bytes->size()) {
      return Buffer::Slice(p.bytes, offset - p.offset, length);
    }
  }
  missing_ = {offset, length};
  return Status::IoError(StrCat("range [", offset, ", +", length, ") was not fetched"));
}

Status PiecewiseSource::Add(int64_t offset, std::shared_ptr<Buffer> bytes) {
  if (!bytes) return Status::InvalidArgument("expected bytes but found none");
  if (offset < 0 || !quiver::internal::RangeInBounds(offset, bytes->size(), size_)) {
    return Status::InvalidArgument(StrCat("expected a piece within the ", size_, "-byte input but found [", offset,
                                          ", +", bytes->size(), ")"));
  }
  pieces_.push_back({offset, std::move(bytes)});
  missing_ = {};
  return Status::OK();
}

int64_t PiecewiseSource::held() const {
  int64_t n = 0;
  for (const Piece& p : pieces_) n += p.bytes->size();
  return n;
}

}  // namespace quiver::handles
