// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Record batch bodies, write side: arrays -> field nodes and buffers, compression, layout.
#include <cstring>

#include "core/checked_math.h"
#include "core/str_cat.h"
#include "ipc/body_internal.h"
#include "quiver/arrow/bit_util.h"

namespace quiver::ipc::internal {

using quiver::internal::StrCat;

namespace {

bool HasValidityBitmap(TypeId id) {
  return id != TypeId::kNull && id != TypeId::kSparseUnion && id != TypeId::kDenseUnion &&
         id != TypeId::kRunEndEncoded;
}

/// The null count of `a` without touching its cache (arrays are shared and immutable).
int64_t NullCount(const ArrayData& a, TypeId physical) {
  if (physical == TypeId::kNull) return a.length;
  if (!HasValidityBitmap(physical)) return 0;
  if (a.null_count >= 0) return a.null_count;
  if (a.buffers.empty() || !a.buffers[0]) return 0;
  return a.length - bit_util::CountSetBits(a.buffers[0]->data(), a.offset, a.length);
}

/// Offsets of `a` (buffer 1, `width` bytes each) rebased to start at 0, and the range of
/// child or data positions they address.
struct Offsets {
  std::shared_ptr<Buffer> buffer;
  int64_t first = 0;
  int64_t last = 0;
};

Result<Offsets> NormalizeOffsets(const ArrayData& a, int width, MemoryPool* pool) {
  Offsets out;
  if (a.length == 0) {
    // One zero offset: an empty offsets buffer is legal but trips some readers.
    QUIVER_ASSIGN_OR_RETURN(out.buffer, Buffer::Allocate(width, pool));
    return out;
  }
  const std::shared_ptr<Buffer>& src = a.buffers[1];
  const uint8_t* p = src->data() + a.offset * width;
  out.first = LoadInt(p, width);
  out.last = LoadInt(p + a.length * width, width);
  const int64_t bytes = (a.length + 1) * width;
  if (out.first == 0) {
    QUIVER_ASSIGN_OR_RETURN(out.buffer, Buffer::Slice(src, a.offset * width, bytes));
    return out;
  }
  QUIVER_ASSIGN_OR_RETURN(auto rebased, Buffer::Allocate(bytes, pool));
  uint8_t* q = rebased->mutable_data();
  for (int64_t i = 0; i <= a.length; ++i) StoreInt(q + i * width, width, LoadInt(p + i * width, width) - out.first);
  pool->RecordCopy(bytes);
  out.buffer = std::move(rebased);
  return out;
}

}  // namespace

Status BodyEncoder::AppendBitmap(const std::shared_ptr<Buffer>& bitmap, int64_t offset, int64_t length) {
  const int64_t bytes = bit_util::BytesForBits(length);
  if (offset % 8 == 0) {
    QUIVER_ASSIGN_OR_RETURN(auto slice, Buffer::Slice(bitmap, offset / 8, bytes));
    buffers_.push_back(std::move(slice));
    return Status::OK();
  }
  QUIVER_ASSIGN_OR_RETURN(auto copy, Buffer::Allocate(bytes, pool_));
  bit_util::CopyBitmap(bitmap->data(), offset, length, copy->mutable_data(), 0);
  pool_->RecordCopy(bytes);
  buffers_.push_back(std::move(copy));
  return Status::OK();
}

Status BodyEncoder::AppendValidity(const ArrayData& a, int64_t null_count) {
  if (null_count == 0 || a.buffers.empty() || !a.buffers[0]) {
    buffers_.push_back(nullptr);  // the format lets a bitmap without nulls be omitted
    return Status::OK();
  }
  return AppendBitmap(a.buffers[0], a.offset, a.length);
}

Status BodyEncoder::AppendFixed(const ArrayData& a, int buffer, int64_t width) {
  const std::shared_ptr<Buffer>& src = a.buffers[static_cast<size_t>(buffer)];
  if (!src || a.length == 0) {
    buffers_.push_back(nullptr);
    return Status::OK();
  }
  QUIVER_ASSIGN_OR_RETURN(auto slice, Buffer::Slice(src, a.offset * width, a.length * width));
  buffers_.push_back(std::move(slice));
  return Status::OK();
}

// Run ends are logical positions of the parent, unaffected by the parent's offset; a
// slice keeps the runs it overlaps and clips their ends to [0, length].
Status BodyEncoder::AppendRunEndEncoded(const ArrayData& a) {
  const ArrayData& ends = *a.children[0];
  const ArrayData& values = *a.children[1];
  const TypeId end_type = ends.type->id();
  const int width = end_type == TypeId::kInt16 ? 2 : end_type == TypeId::kInt32 ? 4 : end_type == TypeId::kInt64 ? 8 : 0;
  if (width == 0) return Status::InvalidArgument(StrCat("run ends must be int16, int32 or int64, not ", ends.type->ToString()));
  const uint8_t* e = ends.buffers[1] ? ends.buffers[1]->data() + ends.offset * width : nullptr;
  auto end_at = [&](int64_t k) { return LoadInt(e + k * width, width); };
  int64_t first = 0, count = 0;
  if (a.length > 0) {
    // First run ending after the slice start, then the first ending at or after its end.
    int64_t lo = 0, hi = ends.length;
    while (lo < hi) {
      const int64_t mid = lo + (hi - lo) / 2;
      if (end_at(mid) <= a.offset) lo = mid + 1; else hi = mid;
    }
    first = lo;
    hi = ends.length;
    while (lo < hi) {
      const int64_t mid = lo + (hi - lo) / 2;
      if (end_at(mid) < a.offset + a.length) lo = mid + 1; else hi = mid;
    }
    count = lo - first + 1;
  }
  if (a.offset == 0 && first == 0 && count == ends.length && (count == 0 || end_at(count - 1) == a.length)) {
    QUIVER_RETURN_IF_ERROR(Append(ends));
    return Append(values);
  }
  QUIVER_ASSIGN_OR_RETURN(auto new_ends, Buffer::Allocate(count * width, pool_));
  for (int64_t k = 0; k < count; ++k) {
    int64_t v = end_at(first + k) - a.offset;
    StoreInt(new_ends->mutable_data() + k * width, width, v < a.length ? v : a.length);
  }
  pool_->RecordCopy(count * width);
  QUIVER_RETURN_IF_ERROR(Append(*MakeArrayData(ends.type, count, {nullptr, std::move(new_ends)}, {}, 0)));
  QUIVER_ASSIGN_OR_RETURN(ArrayPtr sliced, SliceArray(a.children[1], first, count));
  return Append(*sliced);
}

Status BodyEncoder::Append(const ArrayData& a) {
  const DataType& t = StorageType(*a.type);
  const TypeId id = t.id();
  const int64_t null_count = NullCount(a, id);
  metadata_.nodes.emplace_back(a.length, null_count);
  if (HasValidityBitmap(id)) QUIVER_RETURN_IF_ERROR(AppendValidity(a, null_count));
  auto append_child = [&](size_t i, int64_t offset, int64_t length) -> Status {
    QUIVER_ASSIGN_OR_RETURN(ArrayPtr child, SliceArray(a.children[i], offset, length));
    return Append(*child);
  };
  switch (id) {
    case TypeId::kNull: return Status::OK();
    case TypeId::kBool:
      if (a.length == 0) {
        buffers_.push_back(nullptr);
        return Status::OK();
      }
      return AppendBitmap(a.buffers[1], a.offset, a.length);
    case TypeId::kDictionary: return AppendFixed(a, 1, t.index_type()->byte_width());
    case TypeId::kBinary:
    case TypeId::kUtf8:
    case TypeId::kLargeBinary:
    case TypeId::kLargeUtf8: {
      const int width = id == TypeId::kBinary || id == TypeId::kUtf8 ? 4 : 8;
      QUIVER_ASSIGN_OR_RETURN(Offsets o, NormalizeOffsets(a, width, pool_));
      buffers_.push_back(std::move(o.buffer));
      if (o.last == o.first) {
        buffers_.push_back(nullptr);
        return Status::OK();
      }
      QUIVER_ASSIGN_OR_RETURN(auto data, Buffer::Slice(a.buffers[2], o.first, o.last - o.first));
      buffers_.push_back(std::move(data));
      return Status::OK();
    }
    case TypeId::kBinaryView:
    case TypeId::kUtf8View: {
      QUIVER_RETURN_IF_ERROR(AppendFixed(a, 1, 16));
      // Views address the data buffers by index and offset, so those go out whole.
      const int64_t n = static_cast<int64_t>(a.buffers.size()) - 2;
      for (size_t i = 2; i < a.buffers.size(); ++i) buffers_.push_back(a.buffers[i]);
      metadata_.variadic_counts.push_back(n > 0 ? n : 0);
      metadata_.has_variadic = true;
      return Status::OK();
    }
    case TypeId::kList:
    case TypeId::kMap:
    case TypeId::kLargeList: {
      QUIVER_ASSIGN_OR_RETURN(Offsets o, NormalizeOffsets(a, id == TypeId::kLargeList ? 8 : 4, pool_));
      buffers_.push_back(std::move(o.buffer));
      return append_child(0, o.first, o.last - o.first);
    }
    case TypeId::kListView:
    case TypeId::kLargeListView: {
      const int width = id == TypeId::kListView ? 4 : 8;
      QUIVER_RETURN_IF_ERROR(AppendFixed(a, 1, width));
      QUIVER_RETURN_IF_ERROR(AppendFixed(a, 2, width));
      // Views may address any part of the child, in any order: it goes out whole.
      return Append(*a.children[0]);
    }
    case TypeId::kFixedSizeList: {
      const int64_t size = t.list_size();
      return append_child(0, a.offset * size, a.length * size);
    }
    case TypeId::kStruct:
      for (size_t i = 0; i < a.children.size(); ++i) QUIVER_RETURN_IF_ERROR(append_child(i, a.offset, a.length));
      return Status::OK();
    case TypeId::kSparseUnion:
      QUIVER_RETURN_IF_ERROR(AppendFixed(a, 0, 1));
      for (size_t i = 0; i < a.children.size(); ++i) QUIVER_RETURN_IF_ERROR(append_child(i, a.offset, a.length));
      return Status::OK();
    case TypeId::kDenseUnion:
      QUIVER_RETURN_IF_ERROR(AppendFixed(a, 0, 1));
      QUIVER_RETURN_IF_ERROR(AppendFixed(a, 1, 4));
      // Offsets address the children directly, so they go out whole.
      for (const ArrayPtr& child : a.children) QUIVER_RETURN_IF_ERROR(Append(*child));
      return Status::OK();
    case TypeId::kRunEndEncoded: return AppendRunEndEncoded(a);
    case TypeId::kExtension: return Status::Internal("extension storage was not unwrapped");
    default:  // fixed-width values
      return AppendFixed(a, 1, t.byte_width());
  }
}

namespace {

Result<BodyBuffer> CompressBodyBuffer(const codec::Codec& codec, std::shared_ptr<Buffer> raw,
                                      const WriteOptions& options, MemoryPool* pool) {
  BodyBuffer out;
  out.has_prefix = true;
  QUIVER_ASSIGN_OR_RETURN(int64_t bound, codec.MaxCompressedLength(raw->size()));
  QUIVER_ASSIGN_OR_RETURN(auto dest, Buffer::Allocate(bound, pool));
  QUIVER_ASSIGN_OR_RETURN(int64_t n, codec.Compress(raw->span(), {dest->mutable_data(), static_cast<size_t>(bound)},
                                                    options.compression_level));
  const double savings = 1.0 - static_cast<double>(n) / static_cast<double>(raw->size());
  if (n >= raw->size() || savings < options.min_space_savings) {
    out.prefix = -1;  // stored raw: the format's marker for incompressible buffers
    out.data = std::move(raw);
    return out;
  }
  out.prefix = raw->size();
  QUIVER_ASSIGN_OR_RETURN(out.data, Buffer::Slice(dest, 0, n));
  return out;
}

}  // namespace

Result<EncodedBody> BodyEncoder::Finish(int64_t length, const WriteOptions& options) {
  EncodedBody body;
  body.alignment = options.alignment;
  metadata_.length = length;
  metadata_.compression = options.compression;
  const codec::Codec* codec = nullptr;
  if (options.compression != Compression::kNone) {
    QUIVER_ASSIGN_OR_RETURN(codec, codec::GetCodec(options.compression == Compression::kZstd ? codec::CodecKind::kZstd
                                                                                              : codec::CodecKind::kLz4Frame));
  }
  int64_t offset = 0;
  body.buffers.reserve(buffers_.size());
  metadata_.buffers.reserve(buffers_.size());
  for (auto& raw : buffers_) {
    BodyBuffer b;
    if (codec != nullptr && raw && raw->size() > 0) {
      QUIVER_ASSIGN_OR_RETURN(b, CompressBodyBuffer(*codec, std::move(raw), options, pool_));
    } else {
      b.data = std::move(raw);
    }
    const int64_t size = b.size();
    metadata_.buffers.emplace_back(offset, size);
    offset += quiver::internal::RoundUpPow2(size, options.alignment);
    body.buffers.push_back(std::move(b));
  }
  metadata_.body_length = offset;
  buffers_.clear();
  body.metadata = std::move(metadata_);
  metadata_ = BodyMetadata();
  return body;
}

Status WriteBody(io::Sink* sink, const EncodedBody& body) {
  for (const BodyBuffer& b : body.buffers) {
    if (b.has_prefix) {
      uint8_t prefix[8];
      std::memcpy(prefix, &b.prefix, 8);
      QUIVER_RETURN_IF_ERROR(sink->Write(prefix));
    }
    if (b.data && b.data->size() > 0) QUIVER_RETURN_IF_ERROR(sink->Write(b.data->span()));
    const int64_t size = b.size();
    QUIVER_RETURN_IF_ERROR(sink->WriteZeros(quiver::internal::RoundUpPow2(size, body.alignment) - size));
  }
  return Status::OK();
}

}  // namespace quiver::ipc::internal
