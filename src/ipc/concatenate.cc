// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Concatenation of two arrays of one type, for dictionary deltas (a delta appends values
// to the dictionary read so far). Inputs are valid arrays, possibly sliced; the result is
// unsliced. Offsets are rebased; a 32-bit offset that would overflow is kLimitExceeded.
#include <algorithm>
#include <cstring>
#include <span>

#include "core/checked_math.h"
#include "core/str_cat.h"
#include "ipc/body_internal.h"
#include "quiver/arrow/bit_util.h"

namespace quiver::ipc::internal {

using quiver::internal::StrCat;

namespace {

class Concatenator {
 public:
  explicit Concatenator(MemoryPool* pool) : pool_(pool) {}
  Result<ArrayPtr> Concat(const ArrayData& a, const ArrayData& b);

 private:
  Result<std::shared_ptr<Buffer>> Bytes(std::span<const uint8_t> x, std::span<const uint8_t> y) {
    QUIVER_ASSIGN_OR_RETURN(auto out, Buffer::Allocate(static_cast<int64_t>(x.size() + y.size()), pool_));
    if (!x.empty()) std::memcpy(out->mutable_data(), x.data(), x.size());
    if (!y.empty()) std::memcpy(out->mutable_data() + x.size(), y.data(), y.size());
    pool_->RecordCopy(out->size());
    return out;
  }
  static std::span<const uint8_t> Range(const ArrayData& a, int buffer, int64_t start, int64_t count, int64_t width) {
    const auto& b = a.buffers[static_cast<size_t>(buffer)];
    if (!b || count == 0) return {};
    return {b->data() + start * width, static_cast<size_t>(count * width)};
  }
  Result<std::shared_ptr<Buffer>> Bitmap(const ArrayData& a, const ArrayData& b, int buffer, bool validity);
  Status Offsets(const ArrayData& a, const ArrayData& b, int width, ArrayData* out, int64_t* a_first,
                 int64_t* a_last, int64_t* b_first, int64_t* b_last);
  Result<ArrayPtr> Child(const ArrayData& a, const ArrayData& b, size_t i, int64_t a_off, int64_t a_len, int64_t b_off,
                         int64_t b_len) {
    QUIVER_ASSIGN_OR_RETURN(ArrayPtr ca, SliceArray(a.children[i], a_off, a_len));
    QUIVER_ASSIGN_OR_RETURN(ArrayPtr cb, SliceArray(b.children[i], b_off, b_len));
    return Concat(*ca, *cb);
  }
  Status RunEnds(const ArrayData& a, const ArrayData& b, ArrayData* out);

  MemoryPool* pool_;
};

Result<std::shared_ptr<Buffer>> Concatenator::Bitmap(const ArrayData& a, const ArrayData& b, int buffer,
                                                     bool validity) {
  const auto& ba = a.buffers[static_cast<size_t>(buffer)];
  const auto& bb = b.buffers[static_cast<size_t>(buffer)];
  if (validity && (!ba || a.null_count == 0) && (!bb || b.null_count == 0)) return std::shared_ptr<Buffer>();
  QUIVER_ASSIGN_OR_RETURN(auto out, Buffer::Allocate(bit_util::BytesForBits(a.length + b.length), pool_));
  auto put = [&](const ArrayData& x, const std::shared_ptr<Buffer>& bits, int64_t at) {
    if (bits && !(validity && x.null_count == 0)) {
      bit_util::CopyBitmap(bits->data(), x.offset, x.length, out->mutable_data(), at);
    } else if (validity) {
      for (int64_t i = 0; i < x.length; ++i) bit_util::SetBit(out->mutable_data(), at + i);
    }
  };
  put(a, ba, 0);
  put(b, bb, a.length);
  pool_->RecordCopy(out->size());
  return out;
}

Status Concatenator::Offsets(const ArrayData& a, const ArrayData& b, int width, ArrayData* out, int64_t* a_first,
                             int64_t* a_last, int64_t* b_first, int64_t* b_last) {
  auto bounds = [width](const ArrayData& x, int64_t* first, int64_t* last) {
    *first = *last = 0;
    if (x.length == 0) return;
    const uint8_t* p = x.buffers[1]->data() + x.offset * width;
    *first = LoadInt(p, width);
    *last = LoadInt(p + x.length * width, width);
  };
  bounds(a, a_first, a_last);
  bounds(b, b_first, b_last);
  const int64_t total = (*a_last - *a_first) + (*b_last - *b_first);
  if (width == 4 && total > INT32_MAX) {
    return Status::LimitExceeded(StrCat("concatenated values need ", total, " positions, more than 32-bit offsets hold"));
  }
  QUIVER_ASSIGN_OR_RETURN(auto buf, Buffer::Allocate((a.length + b.length + 1) * width, pool_));
  uint8_t* q = buf->mutable_data();
  for (int64_t i = 0; i < a.length; ++i) {
    StoreInt(q + i * width, width, LoadInt(a.buffers[1]->data() + (a.offset + i) * width, width) - *a_first);
  }
  const int64_t shift = *a_last - *a_first;
  for (int64_t i = 0; i < b.length; ++i) {
    StoreInt(q + (a.length + i) * width, width,
             LoadInt(b.buffers[1]->data() + (b.offset + i) * width, width) - *b_first + shift);
  }
  StoreInt(q + (a.length + b.length) * width, width, total);
  pool_->RecordCopy(buf->size());
  out->buffers.push_back(std::move(buf));
  return Status::OK();
}

// Runs of each input clipped to its slice, the second shifted by the first's length.
Status Concatenator::RunEnds(const ArrayData& a, const ArrayData& b, ArrayData* out) {
  const TypePtr& end_type = a.children[0]->type;
  const int width = end_type->byte_width();
  std::vector<int64_t> ends;
  std::vector<ArrayPtr> values;
  auto clip = [&](const ArrayData& x, int64_t shift) -> Status {
    if (x.length == 0) return Status::OK();
    const ArrayData& e = *x.children[0];
    const uint8_t* p = e.buffers[1]->data() + e.offset * width;
    int64_t first = -1, last = -1;
    for (int64_t k = 0; k < e.length; ++k) {
      const int64_t end = LoadInt(p + k * width, width);
      if (end <= x.offset) continue;
      if (first < 0) first = k;
      last = k;
      const int64_t clipped = end - x.offset < x.length ? end - x.offset : x.length;
      ends.push_back(clipped + shift);
      if (end >= x.offset + x.length) break;
    }
    if (first < 0) return Status::OK();
    QUIVER_ASSIGN_OR_RETURN(ArrayPtr v, SliceArray(x.children[1], first, last - first + 1));
    values.push_back(std::move(v));
    return Status::OK();
  };
  QUIVER_RETURN_IF_ERROR(clip(a, 0));
  QUIVER_RETURN_IF_ERROR(clip(b, a.length));
  const int64_t max = width == 2 ? INT16_MAX : width == 4 ? INT32_MAX : INT64_MAX;
  if (a.length + b.length > max) return Status::LimitExceeded("concatenated run ends overflow their type");
  QUIVER_ASSIGN_OR_RETURN(auto ends_buf, Buffer::Allocate(static_cast<int64_t>(ends.size()) * width, pool_));
  for (size_t k = 0; k < ends.size(); ++k) StoreInt(ends_buf->mutable_data() + k * width, width, ends[k]);
  ArrayPtr merged_values;
  if (values.empty()) {
    QUIVER_ASSIGN_OR_RETURN(merged_values, SliceArray(a.children[1], 0, 0));
  } else {
    merged_values = values[0];
    for (size_t k = 1; k < values.size(); ++k) {
      QUIVER_ASSIGN_OR_RETURN(merged_values, Concat(*merged_values, *values[k]));
    }
  }
  out->children.push_back(MakeArrayData(end_type, static_cast<int64_t>(ends.size()), {nullptr, std::move(ends_buf)}, {}, 0));
  out->children.push_back(std::move(merged_values));
  return Status::OK();
}

Result<ArrayPtr> Concatenator::Concat(const ArrayData& a, const ArrayData& b) {
  if (!a.type->Equals(*b.type)) {
    return Status::InvalidArgument(StrCat("cannot concatenate ", a.type->ToString(), " and ", b.type->ToString()));
  }
  const DataType& t = StorageType(*a.type);
  const TypeId id = t.id();
  auto out = std::make_shared<ArrayData>();
  out->type = a.type;
  out->length = a.length + b.length;
  const bool has_validity = id != TypeId::kNull && id != TypeId::kSparseUnion && id != TypeId::kDenseUnion &&
                            id != TypeId::kRunEndEncoded;
  if (has_validity) {
    ArrayData va = a, vb = b;  // null counts are needed; compute them on copies
    va.GetNullCount();
    vb.GetNullCount();
    QUIVER_ASSIGN_OR_RETURN(auto validity, Bitmap(va, vb, 0, true));
    out->null_count = va.null_count + vb.null_count;
    out->buffers.push_back(std::move(validity));
  } else {
    out->null_count = id == TypeId::kNull ? out->length : 0;
  }
  int64_t af = 0, al = 0, bf = 0, bl = 0;
  switch (id) {
    case TypeId::kNull: break;
    case TypeId::kBool: {
      QUIVER_ASSIGN_OR_RETURN(auto bits, Bitmap(a, b, 1, false));
      out->buffers.push_back(std::move(bits));
      break;
    }
    case TypeId::kBinary:
    case TypeId::kUtf8:
    case TypeId::kLargeBinary:
    case TypeId::kLargeUtf8: {
      const int w = id == TypeId::kBinary || id == TypeId::kUtf8 ? 4 : 8;
      QUIVER_RETURN_IF_ERROR(Offsets(a, b, w, out.get(), &af, &al, &bf, &bl));
      QUIVER_ASSIGN_OR_RETURN(auto data, Bytes(Range(a, 2, af, al - af, 1), Range(b, 2, bf, bl - bf, 1)));
      out->buffers.push_back(std::move(data));
      break;
    }
    case TypeId::kBinaryView:
    case TypeId::kUtf8View: {
      QUIVER_ASSIGN_OR_RETURN(auto views, Bytes(Range(a, 1, a.offset, a.length, 16), Range(b, 1, b.offset, b.length, 16)));
      // b's out-of-line views index data buffers after a's.
      const int32_t shift = static_cast<int32_t>(a.buffers.size() - 2);
      for (int64_t i = 0; i < b.length; ++i) {
        uint8_t* v = views->mutable_data() + (a.length + i) * 16;
        int32_t len, index;
        std::memcpy(&len, v, 4);
        if (len <= 12) continue;
        std::memcpy(&index, v + 8, 4);
        index += shift;
        std::memcpy(v + 8, &index, 4);
      }
      out->buffers.push_back(std::move(views));
      for (size_t i = 2; i < a.buffers.size(); ++i) out->buffers.push_back(a.buffers[i]);
      for (size_t i = 2; i < b.buffers.size(); ++i) out->buffers.push_back(b.buffers[i]);
      break;
    }
    case TypeId::kList:
    case TypeId::kMap:
    case TypeId::kLargeList: {
      QUIVER_RETURN_IF_ERROR(Offsets(a, b, id == TypeId::kLargeList ? 8 : 4, out.get(), &af, &al, &bf, &bl));
      QUIVER_ASSIGN_OR_RETURN(auto child, Child(a, b, 0, af, al - af, bf, bl - bf));
      out->children.push_back(std::move(child));
      break;
    }
    case TypeId::kListView:
    case TypeId::kLargeListView: {
      const int w = id == TypeId::kListView ? 4 : 8;
      const int64_t shift = a.children[0]->length;
      if (w == 4 && shift + b.children[0]->length > INT32_MAX) {
        return Status::LimitExceeded("concatenated list view children overflow 32-bit offsets");
      }
      QUIVER_ASSIGN_OR_RETURN(auto offsets, Bytes(Range(a, 1, a.offset, a.length, w), Range(b, 1, b.offset, b.length, w)));
      for (int64_t i = 0; i < b.length; ++i) {
        uint8_t* p = offsets->mutable_data() + (a.length + i) * w;
        StoreInt(p, w, LoadInt(p, w) + shift);
      }
      QUIVER_ASSIGN_OR_RETURN(auto sizes, Bytes(Range(a, 2, a.offset, a.length, w), Range(b, 2, b.offset, b.length, w)));
      out->buffers.push_back(std::move(offsets));
      out->buffers.push_back(std::move(sizes));
      QUIVER_ASSIGN_OR_RETURN(auto child, Concat(*a.children[0], *b.children[0]));
      out->children.push_back(std::move(child));
      break;
    }
    case TypeId::kFixedSizeList: {
      const int64_t n = t.list_size();
      QUIVER_ASSIGN_OR_RETURN(auto child, Child(a, b, 0, a.offset * n, a.length * n, b.offset * n, b.length * n));
      out->children.push_back(std::move(child));
      break;
    }
    case TypeId::kStruct:
      for (size_t i = 0; i < a.children.size(); ++i) {
        QUIVER_ASSIGN_OR_RETURN(auto child, Child(a, b, i, a.offset, a.length, b.offset, b.length));
        out->children.push_back(std::move(child));
      }
      break;
    case TypeId::kSparseUnion:
    case TypeId::kDenseUnion: {
      QUIVER_ASSIGN_OR_RETURN(auto ids, Bytes(Range(a, 0, a.offset, a.length, 1), Range(b, 0, b.offset, b.length, 1)));
      out->buffers.push_back(std::move(ids));
      if (id == TypeId::kSparseUnion) {
        for (size_t i = 0; i < a.children.size(); ++i) {
          QUIVER_ASSIGN_OR_RETURN(auto child, Child(a, b, i, a.offset, a.length, b.offset, b.length));
          out->children.push_back(std::move(child));
        }
        break;
      }
      QUIVER_ASSIGN_OR_RETURN(auto offsets, Bytes(Range(a, 1, a.offset, a.length, 4), Range(b, 1, b.offset, b.length, 4)));
      int child_of_code[128];
      std::fill(std::begin(child_of_code), std::end(child_of_code), -1);
      for (size_t k = 0; k < t.type_codes().size(); ++k) child_of_code[t.type_codes()[k]] = static_cast<int>(k);
      for (int64_t i = 0; i < b.length; ++i) {
        const int8_t code = static_cast<int8_t>(b.buffers[0]->data()[b.offset + i]);
        const int k = code >= 0 ? child_of_code[code] : -1;
        if (k < 0) return Status::InvalidArgument(StrCat("union type code ", static_cast<int>(code), " has no child"));
        uint8_t* p = offsets->mutable_data() + (a.length + i) * 4;
        const int64_t shifted = LoadInt(p, 4) + a.children[static_cast<size_t>(k)]->length;
        if (shifted > INT32_MAX) return Status::LimitExceeded("concatenated dense union offsets overflow");
        StoreInt(p, 4, shifted);
      }
      out->buffers.push_back(std::move(offsets));
      for (size_t i = 0; i < a.children.size(); ++i) {
        QUIVER_ASSIGN_OR_RETURN(auto child, Concat(*a.children[i], *b.children[i]));
        out->children.push_back(std::move(child));
      }
      break;
    }
    case TypeId::kRunEndEncoded: QUIVER_RETURN_IF_ERROR(RunEnds(a, b, out.get())); break;
    case TypeId::kDictionary: {
      const int64_t w = t.index_type()->byte_width();
      QUIVER_ASSIGN_OR_RETURN(auto indices, Bytes(Range(a, 1, a.offset, a.length, w), Range(b, 1, b.offset, b.length, w)));
      out->buffers.push_back(std::move(indices));
      // Nested dictionaries only grow (by deltas) within a stream, so the newer one also
      // covers the older indices.
      out->dictionary = b.dictionary;
      break;
    }
    case TypeId::kExtension: return Status::Internal("extension storage was not unwrapped");
    default: {
      const int64_t w = t.byte_width();
      QUIVER_ASSIGN_OR_RETURN(auto values, Bytes(Range(a, 1, a.offset, a.length, w), Range(b, 1, b.offset, b.length, w)));
      out->buffers.push_back(std::move(values));
      break;
    }
  }
  return out;
}

}  // namespace

Result<ArrayPtr> ConcatenateArrays(const ArrayData& a, const ArrayData& b, MemoryPool* pool) {
  return Concatenator(pool).Concat(a, b);
}

}  // namespace quiver::ipc::internal
