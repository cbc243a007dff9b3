// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "quiver/arrow/array.h"

#include <cstring>

#include "core/checked_math.h"
#include "core/str_cat.h"

namespace quiver {

using internal::StrCat;

namespace {

// Nulls follow the physical layout, so an extension array behaves as its storage.
TypeId StorageId(const DataType& type) {
  return type.id() == TypeId::kExtension && type.storage_type() ? type.storage_type()->id() : type.id();
}

}  // namespace

int64_t ArrayData::GetNullCount() {
  if (null_count != kUnknownNullCount) return null_count;
  switch (StorageId(*type)) {
    case TypeId::kNull: null_count = length; break;
    case TypeId::kSparseUnion:
    case TypeId::kDenseUnion:
    case TypeId::kRunEndEncoded: null_count = 0; break;
    default:
      if (buffers.empty() || !buffers[0]) {
        null_count = 0;
      } else {
        null_count = length - bit_util::CountSetBits(buffers[0]->data(), offset, length);
      }
  }
  return null_count;
}

bool ArrayData::IsValid(int64_t i) const {
  const TypeId id = StorageId(*type);
  if (id == TypeId::kNull) return false;
  if (id == TypeId::kSparseUnion || id == TypeId::kDenseUnion || id == TypeId::kRunEndEncoded) return true;
  if (null_count == 0 || buffers.empty() || !buffers[0]) return true;
  return bit_util::GetBit(buffers[0]->data(), offset + i);
}

ArrayPtr MakeArrayData(TypePtr type, int64_t length, std::vector<std::shared_ptr<Buffer>> buffers,
                       std::vector<ArrayPtr> children, int64_t null_count, int64_t offset, ArrayPtr dictionary) {
  auto a = std::make_shared<ArrayData>();
  a->type = std::move(type);
  a->length = length;
  a->null_count = null_count;
  a->offset = offset;
  a->buffers = std::move(buffers);
  a->children = std::move(children);
  a->dictionary = std::move(dictionary);
  return a;
}

Result<ArrayPtr> SliceArray(const ArrayPtr& array, int64_t offset, int64_t length) {
  if (!array) return Status::InvalidArgument("cannot slice a null array");
  if (!internal::RangeInBounds(offset, length, array->length)) {
    return Status::InvalidArgument(
        StrCat("slice [", offset, ", +", length, ") is outside an array of length ", array->length));
  }
  int64_t new_offset;
  if (!internal::AddChecked(array->offset, offset, &new_offset)) {
    return Status::InvalidArgument("slice offset overflows");
  }
  auto out = std::make_shared<ArrayData>(*array);
  out->offset = new_offset;
  out->length = length;
  const bool is_null_type = StorageId(*array->type) == TypeId::kNull;
  if (array->null_count == 0 || is_null_type) {
    out->null_count = is_null_type ? length : 0;
  } else {
    out->null_count = kUnknownNullCount;
  }
  return out;
}

namespace {

Result<std::shared_ptr<Buffer>> Zeroed(int64_t bytes, MemoryPool* pool) { return Buffer::Allocate(bytes, pool); }

Result<std::shared_ptr<Buffer>> ZeroedElements(int64_t count, int64_t width, MemoryPool* pool) {
  int64_t bytes;
  if (!internal::MulChecked(count, width, &bytes)) {
    return Status::LimitExceeded(StrCat(count, " elements of ", width, " bytes overflow"));
  }
  return Zeroed(bytes, pool);
}

}  // namespace

Result<ArrayPtr> MakeArrayOfNulls(const TypePtr& type, int64_t length, MemoryPool* pool) {
  if (type == nullptr) return Status::InvalidArgument("cannot make an array of nulls without a type");
  if (length < 0) return Status::InvalidArgument(StrCat("array length must be >= 0 but was ", length));
  const TypeId id = type->id();
  if (id == TypeId::kNull) return MakeArrayData(type, length, {}, {}, length);
  if (id == TypeId::kExtension) {
    QUIVER_ASSIGN_OR_RETURN(ArrayPtr storage, MakeArrayOfNulls(type->storage_type(), length, pool));
    storage->type = type;
    return storage;
  }
  if (id == TypeId::kRunEndEncoded) {
    const TypePtr& ends_type = type->field(0)->type();
    QUIVER_ASSIGN_OR_RETURN(auto ends, ZeroedElements(length > 0 ? 1 : 0, ends_type->byte_width(), pool));
    if (length > 0) {
      uint8_t* p = ends->mutable_data();
      int64_t max = ends_type->id() == TypeId::kInt16 ? INT16_MAX : ends_type->id() == TypeId::kInt32 ? INT32_MAX : INT64_MAX;
      if (length > max) return Status::InvalidArgument(StrCat("length ", length, " does not fit the run end type"));
      if (ends_type->id() == TypeId::kInt16) { int16_t v = static_cast<int16_t>(length); std::memcpy(p, &v, 2); }
      else if (ends_type->id() == TypeId::kInt32) { int32_t v = static_cast<int32_t>(length); std::memcpy(p, &v, 4); }
      else { std::memcpy(p, &length, 8); }
    }
    const int64_t runs = length > 0 ? 1 : 0;
    QUIVER_ASSIGN_OR_RETURN(ArrayPtr values, MakeArrayOfNulls(type->field(1)->type(), runs, pool));
    auto ends_array = MakeArrayData(ends_type, runs, {nullptr, std::move(ends)}, {}, 0);
    return MakeArrayData(type, length, {}, {std::move(ends_array), std::move(values)}, 0);
  }
  if (id == TypeId::kSparseUnion || id == TypeId::kDenseUnion) {
    if (type->num_fields() == 0) {
      if (length == 0) {
        std::vector<std::shared_ptr<Buffer>> bufs;
        QUIVER_ASSIGN_OR_RETURN(auto ids, Zeroed(0, pool));
        bufs.push_back(ids);
        if (id == TypeId::kDenseUnion) { QUIVER_ASSIGN_OR_RETURN(auto offs, Zeroed(0, pool)); bufs.push_back(offs); }
        return MakeArrayData(type, 0, std::move(bufs), {}, 0);
      }
      return Status::InvalidArgument("a union without children cannot hold nulls");
    }
    QUIVER_ASSIGN_OR_RETURN(auto ids, Zeroed(length, pool));
    if (length > 0) std::memset(ids->mutable_data(), type->type_codes()[0], static_cast<size_t>(length));
    std::vector<std::shared_ptr<Buffer>> bufs{ids};
    std::vector<ArrayPtr> children;
    if (id == TypeId::kDenseUnion) {
      QUIVER_ASSIGN_OR_RETURN(auto offs, ZeroedElements(length, 4, pool));
      bufs.push_back(std::move(offs));
      for (int i = 0; i < type->num_fields(); ++i) {
        QUIVER_ASSIGN_OR_RETURN(auto c, MakeArrayOfNulls(type->field(i)->type(), i == 0 && length > 0 ? 1 : 0, pool));
        children.push_back(std::move(c));
      }
    } else {
      for (int i = 0; i < type->num_fields(); ++i) {
        QUIVER_ASSIGN_OR_RETURN(auto c, MakeArrayOfNulls(type->field(i)->type(), length, pool));
        children.push_back(std::move(c));
      }
    }
    return MakeArrayData(type, length, std::move(bufs), std::move(children), 0);
  }

  // Everything else has a validity bitmap first; all-zero means all null.
  QUIVER_ASSIGN_OR_RETURN(auto validity, Zeroed(bit_util::BytesForBits(length), pool));
  std::vector<std::shared_ptr<Buffer>> bufs{validity};
  std::vector<ArrayPtr> children;
  ArrayPtr dictionary;
  const DataTypeLayout layout = type->layout();
  for (int i = 1; i < layout.num_buffers; ++i) {
    const BufferSpec& spec = layout.buffers[i];
    switch (spec.kind) {
      case BufferKind::kBitmap: {
        QUIVER_ASSIGN_OR_RETURN(auto b, Zeroed(bit_util::BytesForBits(length), pool));
        bufs.push_back(std::move(b));
        break;
      }
      case BufferKind::kOffsets32:
      case BufferKind::kOffsets64: {
        QUIVER_ASSIGN_OR_RETURN(auto b, ZeroedElements(length + 1, spec.byte_width, pool));
        bufs.push_back(std::move(b));
        break;
      }
      case BufferKind::kData: {
        QUIVER_ASSIGN_OR_RETURN(auto b, Zeroed(0, pool));
        bufs.push_back(std::move(b));
        break;
      }
      default: {
        QUIVER_ASSIGN_OR_RETURN(auto b, ZeroedElements(length, spec.byte_width, pool));
        bufs.push_back(std::move(b));
        break;
      }
    }
  }
  switch (id) {
    case TypeId::kList:
    case TypeId::kLargeList:
    case TypeId::kListView:
    case TypeId::kLargeListView:
    case TypeId::kMap: {
      QUIVER_ASSIGN_OR_RETURN(auto c, MakeArrayOfNulls(type->field(0)->type(), 0, pool));
      children.push_back(std::move(c));
      break;
    }
    case TypeId::kFixedSizeList: {
      int64_t n;
      if (!internal::MulChecked<int64_t>(length, type->list_size(), &n)) {
        return Status::LimitExceeded("fixed_size_list child length overflows");
      }
      QUIVER_ASSIGN_OR_RETURN(auto c, MakeArrayOfNulls(type->field(0)->type(), n, pool));
      children.push_back(std::move(c));
      break;
    }
    case TypeId::kStruct:
      for (int i = 0; i < type->num_fields(); ++i) {
        QUIVER_ASSIGN_OR_RETURN(auto c, MakeArrayOfNulls(type->field(i)->type(), length, pool));
        children.push_back(std::move(c));
      }
      break;
    case TypeId::kDictionary: {
      QUIVER_ASSIGN_OR_RETURN(dictionary, MakeArrayOfNulls(type->value_type(), 0, pool));
      break;
    }
    default: break;
  }
  return MakeArrayData(type, length, std::move(bufs), std::move(children), length, 0, std::move(dictionary));
}

}  // namespace quiver
