// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "ipc/dictionary_unify.h"

#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/str_cat.h"
#include "ipc/metadata_internal.h"
#include "quiver/arrow/bit_util.h"

namespace quiver::ipc::internal {

using quiver::internal::StrCat;

namespace {

enum class Shape { kBool, kFixed, kBinary32, kBinary64 };

Result<Shape> ShapeOf(const DataType& t, int* width) {
  const DataTypeLayout layout = t.layout();
  if (layout.variadic || layout.num_buffers < 2) {
    return Status::Unsupported(StrCat("cannot unify dictionaries of ", t.ToString(), " values"));
  }
  const BufferSpec& values = layout.buffers[1];
  switch (values.kind) {
    case BufferKind::kBitmap: return Shape::kBool;
    case BufferKind::kFixedWidth:
      if (layout.num_buffers != 2) break;
      *width = values.byte_width;
      return Shape::kFixed;
    case BufferKind::kOffsets32: return Shape::kBinary32;
    case BufferKind::kOffsets64: return Shape::kBinary64;
    default: break;
  }
  return Status::Unsupported(StrCat("cannot unify dictionaries of ", t.ToString(), " values"));
}

// The bytes of value i (a view into the array), or nullopt-like empty with valid=false.
std::string_view ValueBytes(const ArrayData& a, Shape shape, int width, int64_t i, uint8_t* bit) {
  const int64_t j = a.offset + i;
  switch (shape) {
    case Shape::kBool:
      *bit = bit_util::GetBit(a.buffers[1]->data(), j) ? 1 : 0;
      return {reinterpret_cast<const char*>(bit), 1};
    case Shape::kFixed:
      return {reinterpret_cast<const char*>(a.buffers[1]->data()) + j * width, static_cast<size_t>(width)};
    case Shape::kBinary32: {
      const auto* o = a.buffers[1]->data_as<int32_t>();
      return {reinterpret_cast<const char*>(a.buffers[2]->data()) + o[j], static_cast<size_t>(o[j + 1] - o[j])};
    }
    case Shape::kBinary64: {
      const auto* o = a.buffers[1]->data_as<int64_t>();
      return {reinterpret_cast<const char*>(a.buffers[2]->data()) + o[j], static_cast<size_t>(o[j + 1] - o[j])};
    }
  }
  return {};
}

// The slots `picks` of `a`, as a new array.
Result<ArrayPtr> Take(const ArrayData& a, Shape shape, int width, const std::vector<int64_t>& picks) {
  const auto n = static_cast<int64_t>(picks.size());
  int64_t nulls = 0;
  std::shared_ptr<Buffer> validity;
  for (int64_t p : picks) nulls += a.IsValid(p) ? 0 : 1;
  if (nulls > 0) {
    QUIVER_ASSIGN_OR_RETURN(auto v, Buffer::Allocate(bit_util::BytesForBits(n)));
    for (int64_t k = 0; k < n; ++k) {
      if (a.IsValid(picks[static_cast<size_t>(k)])) bit_util::SetBit(v->mutable_data(), k);
    }
    validity = std::move(v);
  }
  uint8_t bit = 0;
  if (shape == Shape::kBool || shape == Shape::kFixed) {
    const int64_t bytes = shape == Shape::kBool ? bit_util::BytesForBits(n) : n * width;
    QUIVER_ASSIGN_OR_RETURN(auto values, Buffer::Allocate(bytes));
    for (int64_t k = 0; k < n; ++k) {
      const std::string_view v = ValueBytes(a, shape, width, picks[static_cast<size_t>(k)], &bit);
      if (shape == Shape::kBool) {
        if (v[0]) bit_util::SetBit(values->mutable_data(), k);
      } else {
        std::memcpy(values->mutable_data() + k * width, v.data(), v.size());
      }
    }
    return MakeArrayData(a.type, n, {validity, std::move(values)}, {}, nulls);
  }
  const int ow = shape == Shape::kBinary32 ? 4 : 8;
  QUIVER_ASSIGN_OR_RETURN(auto offsets, Buffer::Allocate((n + 1) * ow));
  int64_t total = 0;
  for (int64_t k = 0; k < n; ++k) total += static_cast<int64_t>(ValueBytes(a, shape, width, picks[static_cast<size_t>(k)], &bit).size());
  if (ow == 4 && total > INT32_MAX) return Status::LimitExceeded("unified dictionary values exceed 2 GiB");
  QUIVER_ASSIGN_OR_RETURN(auto data, Buffer::Allocate(total));
  int64_t at = 0;
  for (int64_t k = 0; k <= n; ++k) {
    if (ow == 4) {
      const auto o = static_cast<int32_t>(at);
      std::memcpy(offsets->mutable_data() + k * 4, &o, 4);
    } else {
      std::memcpy(offsets->mutable_data() + k * 8, &at, 8);
    }
    if (k == n) break;
    const std::string_view v = ValueBytes(a, shape, width, picks[static_cast<size_t>(k)], &bit);
    if (!v.empty()) std::memcpy(data->mutable_data() + at, v.data(), v.size());
    at += static_cast<int64_t>(v.size());
  }
  return MakeArrayData(a.type, n, {validity, std::move(offsets), std::move(data)}, {}, nulls);
}

}  // namespace

Result<DictionaryDelta> UnifyDictionary(const ArrayData& base, const ArrayData& next) {
  int width = 0;
  QUIVER_ASSIGN_OR_RETURN(Shape shape, ShapeOf(*base.type, &width));
  // Keys: a tag byte (valid or null) followed by the value's bytes.
  std::unordered_map<std::string, int64_t> index;
  uint8_t bit = 0;
  auto key = [&](const ArrayData& a, int64_t i) {
    if (!a.IsValid(i)) return std::string(1, '\0');
    std::string k(1, '\1');
    k.append(ValueBytes(a, shape, width, i, &bit));
    return k;
  };
  for (int64_t i = 0; i < base.length; ++i) index.emplace(key(base, i), i);
  DictionaryDelta out;
  out.remap.resize(static_cast<size_t>(next.length));
  std::vector<int64_t> picks;
  for (int64_t i = 0; i < next.length; ++i) {
    auto [it, added] = index.emplace(key(next, i), base.length + static_cast<int64_t>(picks.size()));
    if (added) picks.push_back(i);
    out.remap[static_cast<size_t>(i)] = it->second;
  }
  QUIVER_ASSIGN_OR_RETURN(out.delta, Take(next, shape, width, picks));
  return out;
}

Result<ArrayPtr> RemapIndices(const ArrayData& indices, const std::vector<int64_t>& remap, ArrayPtr dictionary) {
  const DataType& index_type = *StorageType(*indices.type).index_type();
  const int width = index_type.layout().buffers[1].byte_width;
  const bool is_signed = index_type.id() == TypeId::kInt8 || index_type.id() == TypeId::kInt16 ||
                         index_type.id() == TypeId::kInt32 || index_type.id() == TypeId::kInt64;
  const int bits = width * 8 - (is_signed ? 1 : 0);
  const int64_t max = bits >= 63 ? INT64_MAX : (int64_t{1} << bits) - 1;
  if (dictionary->length - 1 > max) {
    return Status::InvalidArgument(StrCat("expected the unified dictionary to fit ", index_type.ToString(),
                                          " indices but it has ", dictionary->length, " values"));
  }
  QUIVER_ASSIGN_OR_RETURN(auto out, Buffer::Allocate(indices.length * width));
  const uint8_t* src = indices.buffers[1]->data() + indices.offset * width;
  for (int64_t i = 0; i < indices.length; ++i) {
    uint64_t v = 0;
    std::memcpy(&v, src + i * width, static_cast<size_t>(width));  // little-endian
    if (is_signed && width < 8 && (v >> (width * 8 - 1)) != 0) v |= ~uint64_t{0} << (width * 8);
    const auto old = static_cast<int64_t>(v);
    // Null slots may hold any index; valid ones are in range (the array is valid).
    const int64_t mapped = indices.IsValid(i) && old >= 0 && old < static_cast<int64_t>(remap.size())
                               ? remap[static_cast<size_t>(old)]
                               : 0;
    std::memcpy(out->mutable_data() + i * width, &mapped, static_cast<size_t>(width));
  }
  std::shared_ptr<Buffer> validity;
  if (indices.buffers[0] && indices.null_count != 0) {
    if (indices.offset % 8 == 0) {
      QUIVER_ASSIGN_OR_RETURN(validity, Buffer::Slice(indices.buffers[0], indices.offset / 8,
                                                      bit_util::BytesForBits(indices.length)));
    } else {
      QUIVER_ASSIGN_OR_RETURN(auto v, Buffer::Allocate(bit_util::BytesForBits(indices.length)));
      for (int64_t i = 0; i < indices.length; ++i) {
        if (indices.IsValid(i)) bit_util::SetBit(v->mutable_data(), i);
      }
      validity = std::move(v);
    }
  }
  return MakeArrayData(indices.type, indices.length, {validity, std::move(out)}, {}, indices.null_count, 0,
                       std::move(dictionary));
}

}  // namespace quiver::ipc::internal
