// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "quiver/arrow/buffer.h"

#include <utility>

#include "core/checked_math.h"
#include "core/str_cat.h"

namespace quiver {

Buffer::~Buffer() {
  if (pool_ != nullptr) pool_->Free(const_cast<uint8_t*>(data_), capacity_);
  if (release_) release_();
}

std::shared_ptr<Buffer> Buffer::Adopt(uint8_t* data, int64_t size, int64_t capacity, MemoryPool* pool) {
  std::shared_ptr<Buffer> buf(new Buffer());
  buf->data_ = data;
  buf->size_ = size;
  buf->capacity_ = capacity;
  buf->pool_ = pool;
  return buf;
}

Result<std::shared_ptr<Buffer>> Buffer::Allocate(int64_t size, MemoryPool* pool) {
  if (size < 0) return Status::InvalidArgument(internal::StrCat("buffer size must be >= 0 but was ", size));
  // Round the allocation up to a multiple of 64 so that the padding the format recommends
  // exists and is zeroed.
  if (size > INT64_MAX - kBufferAlignment) return Status::OutOfMemory(internal::StrCat("cannot allocate ", size, " bytes"));
  const int64_t capacity = internal::RoundUpPow2(size, kBufferAlignment);
  QUIVER_ASSIGN_OR_RETURN(uint8_t * data, pool->Allocate(capacity));
  if (capacity > 0) std::memset(data, 0, static_cast<size_t>(capacity));
  return Adopt(data, size, capacity, pool);
}

Result<std::shared_ptr<Buffer>> Buffer::CopyOf(std::span<const uint8_t> bytes, MemoryPool* pool) {
  QUIVER_ASSIGN_OR_RETURN(auto buf, Allocate(static_cast<int64_t>(bytes.size()), pool));
  if (!bytes.empty()) std::memcpy(buf->mutable_data(), bytes.data(), bytes.size());
  pool->RecordCopy(static_cast<int64_t>(bytes.size()));
  return buf;
}

std::shared_ptr<Buffer> Buffer::Wrap(const uint8_t* data, int64_t size, std::function<void()> release) {
  std::shared_ptr<Buffer> buf(new Buffer());
  buf->data_ = data;
  buf->size_ = size;
  buf->release_ = std::move(release);
  return buf;
}

std::shared_ptr<Buffer> Buffer::WrapUnowned(const uint8_t* data, int64_t size) { return Wrap(data, size, nullptr); }

Result<std::shared_ptr<Buffer>> Buffer::Slice(const std::shared_ptr<Buffer>& parent, int64_t offset, int64_t length) {
  if (!parent) return Status::InvalidArgument("cannot slice a null buffer");
  if (!internal::RangeInBounds(offset, length, parent->size())) {
    return Status::InvalidArgument(internal::StrCat("slice [", offset, ", +", length,
                                                    ") is outside a buffer of ", parent->size(), " bytes"));
  }
  std::shared_ptr<Buffer> buf(new Buffer());
  buf->data_ = parent->data() + offset;
  buf->size_ = length;
  buf->parent_ = parent;
  return buf;
}

BufferBuilder::BufferBuilder(BufferBuilder&& other) noexcept
    : pool_(other.pool_), data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)),
      capacity_(std::exchange(other.capacity_, 0)) {}

BufferBuilder& BufferBuilder::operator=(BufferBuilder&& other) noexcept {
  if (this != &other) {
    pool_->Free(data_, capacity_);
    pool_ = other.pool_;
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    capacity_ = std::exchange(other.capacity_, 0);
  }
  return *this;
}

BufferBuilder::~BufferBuilder() { pool_->Free(data_, capacity_); }

Status BufferBuilder::Reserve(int64_t additional) {
  if (additional < 0) return Status::InvalidArgument("cannot reserve a negative number of bytes");
  int64_t needed;
  if (!internal::AddChecked(size_, additional, &needed) || needed > INT64_MAX / 2) {
    return Status::LimitExceeded(internal::StrCat("buffer of ", size_, " bytes cannot grow by ", additional));
  }
  if (needed <= capacity_) return Status::OK();
  int64_t new_capacity = capacity_ < 64 ? 64 : capacity_;
  while (new_capacity < needed) new_capacity *= 2;
  QUIVER_ASSIGN_OR_RETURN(data_, pool_->Reallocate(data_, capacity_, new_capacity));
  capacity_ = new_capacity;
  return Status::OK();
}

Status BufferBuilder::Append(const void* data, int64_t length) {
  QUIVER_RETURN_IF_ERROR(Reserve(length));
  if (length > 0) std::memcpy(data_ + size_, data, static_cast<size_t>(length));
  size_ += length;
  return Status::OK();
}

Status BufferBuilder::AppendFill(uint8_t byte, int64_t length) {
  QUIVER_RETURN_IF_ERROR(Reserve(length));
  if (length > 0) std::memset(data_ + size_, byte, static_cast<size_t>(length));
  size_ += length;
  return Status::OK();
}

Result<uint8_t*> BufferBuilder::AppendUninitialized(int64_t length) {
  QUIVER_RETURN_IF_ERROR(Reserve(length));
  uint8_t* at = data_ + size_;
  size_ += length;
  return at;
}

Result<std::shared_ptr<Buffer>> BufferBuilder::Finish() {
  if (data_ == nullptr) return Buffer::Allocate(0, pool_);
  const int64_t padded = internal::RoundUpPow2(size_, 8);
  if (padded > capacity_) QUIVER_RETURN_IF_ERROR(Reserve(padded - size_));
  if (padded > size_) std::memset(data_ + size_, 0, static_cast<size_t>(padded - size_));
  auto buf = Buffer::Adopt(data_, size_, capacity_, pool_);
  data_ = nullptr;
  size_ = 0;
  capacity_ = 0;
  return buf;
}

}  // namespace quiver
