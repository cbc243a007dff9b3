// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Flat builders: validity, fixed-width, bool, offset binary and binary views.
#include "quiver/arrow/builder.h"

#include <cstring>

#include "core/builder_internal.h"
#include "core/checked_math.h"
#include "core/str_cat.h"

namespace quiver {

using internal::StrCat;

namespace internal {

const DataType& StorageOf(const DataType& type) {
  return type.id() == TypeId::kExtension && type.storage_type() ? *type.storage_type() : type;
}

Status CheckCount(int64_t n) {
  if (n < 0) return Status::InvalidArgument(StrCat("expected a count >= 0 but found ", n));
  return Status::OK();
}

}  // namespace internal

// ValidityBuilder ---------------------------------------------------------------------

Status ValidityBuilder::Materialize() {
  // Every slot so far was valid: write them as set bits, with the unused high bits of the
  // last byte clear so that later appends only ever set bits.
  const int64_t bytes = bit_util::BytesForBits(length_);
  QUIVER_RETURN_IF_ERROR(bits_.AppendFill(0xFF, bytes));
  if ((length_ & 7) != 0) bits_.mutable_data()[bytes - 1] = static_cast<uint8_t>((1u << (length_ & 7)) - 1);
  materialized_ = true;
  return Status::OK();
}

Status ValidityBuilder::Append(bool valid) { return valid ? AppendValid(1) : AppendNulls(1); }

Status ValidityBuilder::AppendValid(int64_t n) {
  QUIVER_RETURN_IF_ERROR(internal::CheckCount(n));
  if (materialized_) {
    const int64_t end = length_ + n;
    QUIVER_RETURN_IF_ERROR(bits_.AppendFill(0, bit_util::BytesForBits(end) - bits_.size()));
    uint8_t* bits = bits_.mutable_data();
    for (int64_t i = length_; i < end; ++i) bit_util::SetBit(bits, i);
  }
  length_ += n;
  return Status::OK();
}

Status ValidityBuilder::AppendNulls(int64_t n) {
  QUIVER_RETURN_IF_ERROR(internal::CheckCount(n));
  if (n == 0) return Status::OK();
  if (!materialized_) QUIVER_RETURN_IF_ERROR(Materialize());
  length_ += n;
  null_count_ += n;
  return bits_.AppendFill(0, bit_util::BytesForBits(length_) - bits_.size());
}

Result<std::shared_ptr<Buffer>> ValidityBuilder::Finish(int64_t* null_count) {
  if (null_count != nullptr) *null_count = null_count_;
  std::shared_ptr<Buffer> out;
  if (null_count_ > 0) {
    QUIVER_ASSIGN_OR_RETURN(out, bits_.Finish());
  } else {
    bits_ = BufferBuilder(pool_);  // releases any reservation
  }
  length_ = 0;
  null_count_ = 0;
  materialized_ = false;
  return out;
}

Result<std::shared_ptr<Buffer>> ValidityFromBools(const std::vector<bool>& validity, int64_t* null_count,
                                                  MemoryPool* pool) {
  int64_t nulls = 0;
  for (bool v : validity) nulls += v ? 0 : 1;
  if (null_count != nullptr) *null_count = nulls;
  if (nulls == 0) return std::shared_ptr<Buffer>();
  const int64_t n = static_cast<int64_t>(validity.size());
  QUIVER_ASSIGN_OR_RETURN(auto bits, Buffer::Allocate(bit_util::BytesForBits(n), pool));
  for (int64_t i = 0; i < n; ++i) {
    if (validity[static_cast<size_t>(i)]) bit_util::SetBit(bits->mutable_data(), i);
  }
  return bits;
}

// FixedBytesBuilder --------------------------------------------------------------------

namespace {

Status CheckWidth(int32_t byte_width) {
  if (byte_width < 0) return Status::InvalidArgument(StrCat("expected a byte width >= 0 but found ", byte_width));
  return Status::OK();
}

Result<int64_t> BytesFor(int64_t count, int32_t byte_width) {
  int64_t bytes;
  if (!internal::MulChecked<int64_t>(count, byte_width, &bytes)) {
    return Status::LimitExceeded(StrCat(count, " values of ", byte_width, " bytes overflow"));
  }
  return bytes;
}

}  // namespace

Status FixedBytesBuilder::Append(std::span<const uint8_t> value) {
  QUIVER_RETURN_IF_ERROR(CheckWidth(byte_width_));
  if (value.size() != static_cast<size_t>(byte_width_)) {
    return Status::InvalidArgument(StrCat("expected a value of ", byte_width_, " bytes but found ", value.size()));
  }
  return AppendRaw(value.data(), 1);
}

Status FixedBytesBuilder::AppendRaw(const void* data, int64_t count, const std::vector<bool>* validity) {
  QUIVER_RETURN_IF_ERROR(CheckWidth(byte_width_));
  QUIVER_RETURN_IF_ERROR(internal::CheckCount(count));
  if (validity != nullptr && static_cast<int64_t>(validity->size()) != count) {
    return Status::InvalidArgument(
        StrCat("expected one validity entry per value (", count, ") but found ", validity->size()));
  }
  QUIVER_ASSIGN_OR_RETURN(int64_t bytes, BytesFor(count, byte_width_));
  QUIVER_RETURN_IF_ERROR(values_.Append(data, bytes));
  if (validity == nullptr) return validity_.AppendValid(count);
  for (bool v : *validity) QUIVER_RETURN_IF_ERROR(validity_.Append(v));
  return Status::OK();
}

Status FixedBytesBuilder::AppendNulls(int64_t n) {
  QUIVER_RETURN_IF_ERROR(CheckWidth(byte_width_));
  QUIVER_RETURN_IF_ERROR(internal::CheckCount(n));
  QUIVER_ASSIGN_OR_RETURN(int64_t bytes, BytesFor(n, byte_width_));
  QUIVER_RETURN_IF_ERROR(values_.AppendFill(0, bytes));
  return validity_.AppendNulls(n);
}

Result<ArrayPtr> FixedBytesBuilder::Finish(TypePtr type) {
  QUIVER_RETURN_IF_ERROR(CheckWidth(byte_width_));
  if (!type) return Status::InvalidArgument("cannot finish an array without a type");
  const DataTypeLayout layout = type->layout();
  if (type->id() == TypeId::kDictionary || layout.num_buffers != 2 ||
      layout.buffers[1].kind != BufferKind::kFixedWidth || layout.buffers[1].byte_width != byte_width_) {
    return Status::InvalidArgument(
        StrCat("expected a fixed-width type of ", byte_width_, " bytes but found ", type->ToString()));
  }
  const int64_t length = validity_.length();
  QUIVER_ASSIGN_OR_RETURN(auto values, values_.Finish());
  int64_t nulls = 0;
  QUIVER_ASSIGN_OR_RETURN(auto validity, validity_.Finish(&nulls));
  return MakeArrayData(std::move(type), length, {std::move(validity), std::move(values)}, {}, nulls);
}

// BooleanBuilder -----------------------------------------------------------------------

Status BooleanBuilder::AppendBit(bool value) {
  if ((length_ & 7) == 0) QUIVER_RETURN_IF_ERROR(values_.AppendFill(0, 1));
  if (value) bit_util::SetBit(values_.mutable_data(), length_);
  ++length_;
  return Status::OK();
}

Status BooleanBuilder::Append(bool value) {
  QUIVER_RETURN_IF_ERROR(AppendBit(value));
  return validity_.AppendValid(1);
}

Status BooleanBuilder::AppendNulls(int64_t n) {
  QUIVER_RETURN_IF_ERROR(internal::CheckCount(n));
  const int64_t end = length_ + n;
  QUIVER_RETURN_IF_ERROR(values_.AppendFill(0, bit_util::BytesForBits(end) - values_.size()));
  length_ = end;
  return validity_.AppendNulls(n);
}

Result<ArrayPtr> BooleanBuilder::Finish(TypePtr type) {
  if (!type || internal::StorageOf(*type).id() != TypeId::kBool) {
    return Status::InvalidArgument(StrCat("expected type bool but found ", type ? type->ToString() : "none"));
  }
  const int64_t length = length_;
  QUIVER_ASSIGN_OR_RETURN(auto values, values_.Finish());
  int64_t nulls = 0;
  QUIVER_ASSIGN_OR_RETURN(auto validity, validity_.Finish(&nulls));
  length_ = 0;
  return MakeArrayData(std::move(type), length, {std::move(validity), std::move(values)}, {}, nulls);
}

// BinaryBuilder ------------------------------------------------------------------------

BinaryBuilder::BinaryBuilder(TypePtr type, MemoryPool* pool)
    : type_(std::move(type)), offsets_(pool), data_(pool), validity_(pool) {
  if (!type_) return;
  switch (internal::StorageOf(*type_).id()) {
    case TypeId::kBinary:
    case TypeId::kUtf8: offset_width_ = 4; break;
    case TypeId::kLargeBinary:
    case TypeId::kLargeUtf8: offset_width_ = 8; break;
    default: break;
  }
}

Status BinaryBuilder::CheckType() const {
  if (offset_width_ == 0) {
    return Status::InvalidArgument(StrCat("expected type binary, utf8, large_binary or large_utf8 but found ",
                                          type_ ? type_->ToString() : "none"));
  }
  return Status::OK();
}

Status BinaryBuilder::AppendOffset() {
  // The first offset (0) is written lazily because constructors cannot fail.
  if (offsets_.size() == 0) QUIVER_RETURN_IF_ERROR(offsets_.AppendFill(0, offset_width_));
  if (offset_width_ == 4) return offsets_.AppendValue(static_cast<int32_t>(data_.size()));
  return offsets_.AppendValue(static_cast<int64_t>(data_.size()));
}

Status BinaryBuilder::Append(std::string_view value) {
  QUIVER_RETURN_IF_ERROR(CheckType());
  const int64_t size = static_cast<int64_t>(value.size());
  if (offset_width_ == 4 && size > INT32_MAX - data_.size()) {
    return Status::LimitExceeded(StrCat("expected at most ", INT32_MAX, " bytes of ", type_->ToString(),
                                        " data but found ", data_.size(), " + ", size, "; use a large_ type"));
  }
  QUIVER_RETURN_IF_ERROR(data_.Append(value.data(), size));
  QUIVER_RETURN_IF_ERROR(AppendOffset());
  return validity_.AppendValid(1);
}

Status BinaryBuilder::AppendNulls(int64_t n) {
  QUIVER_RETURN_IF_ERROR(CheckType());
  QUIVER_RETURN_IF_ERROR(internal::CheckCount(n));
  for (int64_t i = 0; i < n; ++i) QUIVER_RETURN_IF_ERROR(AppendOffset());
  return validity_.AppendNulls(n);
}

Result<ArrayPtr> BinaryBuilder::Finish() {
  QUIVER_RETURN_IF_ERROR(CheckType());
  if (offsets_.size() == 0) QUIVER_RETURN_IF_ERROR(offsets_.AppendFill(0, offset_width_));
  const int64_t length = validity_.length();
  QUIVER_ASSIGN_OR_RETURN(auto offsets, offsets_.Finish());
  QUIVER_ASSIGN_OR_RETURN(auto data, data_.Finish());
  int64_t nulls = 0;
  QUIVER_ASSIGN_OR_RETURN(auto validity, validity_.Finish(&nulls));
  return MakeArrayData(type_, length, {std::move(validity), std::move(offsets), std::move(data)}, {}, nulls);
}

// BinaryViewBuilder --------------------------------------------------------------------

namespace {

constexpr int32_t kInlineViewBytes = 12;

}  // namespace

BinaryViewBuilder::BinaryViewBuilder(TypePtr type, int64_t block_size, MemoryPool* pool)
    : type_(std::move(type)),
      block_size_(block_size < 1 ? 1 : block_size > INT32_MAX ? INT32_MAX : block_size),
      pool_(pool),
      views_(pool),
      block_(pool),
      validity_(pool) {}

Status BinaryViewBuilder::CheckType() const {
  const TypeId id = type_ ? internal::StorageOf(*type_).id() : TypeId::kNull;
  if (id != TypeId::kBinaryView && id != TypeId::kUtf8View) {
    return Status::InvalidArgument(
        StrCat("expected type binary_view or utf8_view but found ", type_ ? type_->ToString() : "none"));
  }
  return Status::OK();
}

Status BinaryViewBuilder::FinishBlock() {
  QUIVER_ASSIGN_OR_RETURN(auto block, block_.Finish());
  blocks_.push_back(std::move(block));
  block_ = BufferBuilder(pool_);
  return Status::OK();
}

Status BinaryViewBuilder::Append(std::string_view value) {
  QUIVER_RETURN_IF_ERROR(CheckType());
  if (value.size() > static_cast<size_t>(INT32_MAX)) {
    return Status::LimitExceeded(StrCat("expected a view value of at most ", INT32_MAX, " bytes but found ", value.size()));
  }
  const int32_t size = static_cast<int32_t>(value.size());
  uint8_t view[16] = {};
  std::memcpy(view, &size, 4);
  if (size <= kInlineViewBytes) {
    if (size > 0) std::memcpy(view + 4, value.data(), value.size());
  } else {
    if (block_.size() > 0 && size > block_size_ - block_.size()) QUIVER_RETURN_IF_ERROR(FinishBlock());
    if (blocks_.size() >= static_cast<size_t>(INT32_MAX)) {
      return Status::LimitExceeded("too many variadic data buffers");
    }
    const int32_t index = static_cast<int32_t>(blocks_.size());
    const int32_t offset = static_cast<int32_t>(block_.size());
    std::memcpy(view + 4, value.data(), 4);
    std::memcpy(view + 8, &index, 4);
    std::memcpy(view + 12, &offset, 4);
    QUIVER_RETURN_IF_ERROR(block_.Append(value.data(), size));
  }
  QUIVER_RETURN_IF_ERROR(views_.Append(view, 16));
  return validity_.AppendValid(1);
}

Status BinaryViewBuilder::AppendNulls(int64_t n) {
  QUIVER_RETURN_IF_ERROR(CheckType());
  QUIVER_RETURN_IF_ERROR(internal::CheckCount(n));
  QUIVER_ASSIGN_OR_RETURN(int64_t bytes, BytesFor(n, 16));
  QUIVER_RETURN_IF_ERROR(views_.AppendFill(0, bytes));
  return validity_.AppendNulls(n);
}

Result<ArrayPtr> BinaryViewBuilder::Finish() {
  QUIVER_RETURN_IF_ERROR(CheckType());
  if (block_.size() > 0) QUIVER_RETURN_IF_ERROR(FinishBlock());
  const int64_t length = validity_.length();
  QUIVER_ASSIGN_OR_RETURN(auto views, views_.Finish());
  int64_t nulls = 0;
  QUIVER_ASSIGN_OR_RETURN(auto validity, validity_.Finish(&nulls));
  std::vector<std::shared_ptr<Buffer>> buffers{std::move(validity), std::move(views)};
  for (auto& b : blocks_) buffers.push_back(std::move(b));
  blocks_.clear();
  return MakeArrayData(type_, length, std::move(buffers), {}, nulls);
}

}  // namespace quiver
