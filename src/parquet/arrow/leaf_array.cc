// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Conversions run over runs of consecutive valid slots, so an all-valid column is one
// call per conversion; the conversion is chosen once per column by a runtime switch
// (docs/style.md §6: logical types by runtime switch, templates only on width).
#include "parquet/arrow/leaf_array.h"

#include <cstring>
#include <unordered_map>

#include "core/str_cat.h"
#include "quiver/arrow/bit_util.h"
#include "quiver/arrow/builder.h"

namespace quiver::parquet::arrow {
namespace {

using internal::StrCat;

enum class Conv : uint8_t {
  kCopy,        // same bytes (width in == width out)
  kNarrow,      // little-endian truncation (int32 -> int8/int16)
  kInt96,       // INT96 -> int64 nanoseconds
  kSignExtend,  // int32/int64 -> decimal128/256
  kBigEndian,   // FIXED_LEN_BYTE_ARRAY two's complement big-endian -> decimal128/256
  kMul,         // int32/int64 * factor -> int64
  kDiv,         // int32/int64 / factor -> same width
  kInterval,    // 12-byte INTERVAL -> month_day_nano
};

struct Plan {
  Conv conv = Conv::kCopy;
  int32_t in_width = 0;
  int32_t out_width = 0;
  int64_t factor = 1;
};

int64_t LoadInt(const uint8_t* p, int32_t w) {
  if (w == 4) {
    int32_t v;
    std::memcpy(&v, p, 4);
    return v;
  }
  int64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

void StoreInt(uint8_t* p, int32_t w, int64_t v) {
  if (w == 4) {
    int32_t x = static_cast<int32_t>(v);
    std::memcpy(p, &x, 4);
  } else {
    std::memcpy(p, &v, 8);
  }
}

// Big-endian two's complement of `n` bytes into `out_width` little-endian bytes.
Status BigEndianToLittle(const uint8_t* in, int64_t n, uint8_t* out, int32_t out_width) {
  // Leading sign bytes may be dropped: producers sometimes pad to the FLBA width.
  const uint8_t sign = (n > 0 && (in[0] & 0x80)) ? 0xff : 0x00;
  while (n > out_width && in[0] == sign) {
    ++in;
    --n;
  }
  if (n > out_width || (n == out_width && n > 0 && ((in[0] & 0x80) ? 0xff : 0) != sign)) {
    return Status::InvalidInput(StrCat("expected a decimal of at most ", out_width, " bytes but found ", n));
  }
  for (int64_t i = 0; i < n; ++i) out[i] = in[n - 1 - i];
  std::memset(out + n, sign, static_cast<size_t>(out_width - n));
  return Status::OK();
}

Status Run(const Plan& p, const uint8_t* in, int64_t n, uint8_t* out) {
  switch (p.conv) {
    case Conv::kCopy:
      std::memcpy(out, in, static_cast<size_t>(n * p.in_width));
      return Status::OK();
    case Conv::kNarrow:
      for (int64_t i = 0; i < n; ++i) std::memcpy(out + i * p.out_width, in + i * p.in_width, static_cast<size_t>(p.out_width));
      return Status::OK();
    case Conv::kInt96:
      for (int64_t i = 0; i < n; ++i) {
        int64_t nanos;
        int32_t julian;
        std::memcpy(&nanos, in + i * 12, 8);
        std::memcpy(&julian, in + i * 12 + 8, 4);
        // Julian day 2440588 is 1970-01-01; arithmetic wraps like Arrow C++'s for absurd days.
        uint64_t v = static_cast<uint64_t>(int64_t{julian} - 2440588) * uint64_t{86400000000000} + static_cast<uint64_t>(nanos);
        std::memcpy(out + i * 8, &v, 8);
      }
      return Status::OK();
    case Conv::kSignExtend:
      for (int64_t i = 0; i < n; ++i) {
        int64_t v = LoadInt(in + i * p.in_width, p.in_width);
        uint8_t* o = out + i * p.out_width;
        std::memcpy(o, &v, 8);
        std::memset(o + 8, v < 0 ? 0xff : 0, static_cast<size_t>(p.out_width - 8));
      }
      return Status::OK();
    case Conv::kBigEndian:
      for (int64_t i = 0; i < n; ++i) {
        QUIVER_RETURN_IF_ERROR(BigEndianToLittle(in + i * p.in_width, p.in_width, out + i * p.out_width, p.out_width));
      }
      return Status::OK();
    case Conv::kMul:
      for (int64_t i = 0; i < n; ++i) {
        uint64_t v = static_cast<uint64_t>(LoadInt(in + i * p.in_width, p.in_width)) * static_cast<uint64_t>(p.factor);
        StoreInt(out + i * p.out_width, p.out_width, static_cast<int64_t>(v));
      }
      return Status::OK();
    case Conv::kDiv:
      for (int64_t i = 0; i < n; ++i) {
        StoreInt(out + i * p.out_width, p.out_width, LoadInt(in + i * p.in_width, p.in_width) / p.factor);
      }
      return Status::OK();
    case Conv::kInterval:
      for (int64_t i = 0; i < n; ++i) {
        uint32_t months, days, millis;
        std::memcpy(&months, in + i * 12, 4);
        std::memcpy(&days, in + i * 12 + 4, 4);
        std::memcpy(&millis, in + i * 12 + 8, 4);
        int64_t nanos = int64_t{millis} * 1000000;
        std::memcpy(out + i * 16, &months, 4);
        std::memcpy(out + i * 16 + 4, &days, 4);
        std::memcpy(out + i * 16 + 8, &nanos, 8);
      }
      return Status::OK();
  }
  return Status::Internal("unknown conversion");
}

int64_t UnitFactor(TimeUnit u) {
  switch (u) {
    case TimeUnit::kSecond: return 1;
    case TimeUnit::kMilli: return 1000;
    case TimeUnit::kMicro: return 1000000;
    case TimeUnit::kNano: return 1000000000;
  }
  return 1;
}

// The stored unit of a temporal column, from its Parquet annotation.
TimeUnit StoredUnit(const column::LeafData& leaf, const SchemaElement* e) {
  if (leaf.desc.type == PhysicalType::kInt96) return TimeUnit::kNano;
  if (e) {
    const LogicalType& lt = e->logical_type;
    if (lt.kind == LogicalType::Kind::kTimestamp || lt.kind == LogicalType::Kind::kTime) return lt.unit;
    if (e->converted_type == ConvertedType::kTimestampMillis || e->converted_type == ConvertedType::kTimeMillis) {
      return TimeUnit::kMilli;
    }
    if (e->converted_type == ConvertedType::kTimestampMicros || e->converted_type == ConvertedType::kTimeMicros) {
      return TimeUnit::kMicro;
    }
  }
  return leaf.desc.type == PhysicalType::kInt32 ? TimeUnit::kMilli : TimeUnit::kMicro;
}

Result<Plan> MakePlan(const column::LeafData& leaf, const SchemaElement* e, const DataType& type) {
  Plan p;
  p.in_width = leaf.values.width;
  p.out_width = type.bit_width() / 8;
  const PhysicalType pt = leaf.desc.type;
  const TypeId id = type.id();
  auto mismatch = [&] {
    return Status::Internal(StrCat("no conversion from ", PhysicalTypeName(pt), " to ", type.ToString()));
  };
  if (id == TypeId::kDecimal32 || id == TypeId::kDecimal64 || id == TypeId::kDecimal128 || id == TypeId::kDecimal256) {
    if (pt == PhysicalType::kInt32 || pt == PhysicalType::kInt64) {
      p.conv = p.out_width >= 8 ? Conv::kSignExtend : p.out_width == p.in_width ? Conv::kCopy : Conv::kNarrow;
    }
    else if (pt == PhysicalType::kFixedLenByteArray) p.conv = Conv::kBigEndian;
    else return mismatch();
    return p;
  }
  if (id == TypeId::kIntervalMonthDayNano) {
    if (p.in_width != 12) return mismatch();
    p.conv = Conv::kInterval;
    return p;
  }
  if (pt == PhysicalType::kInt96) {
    if (id != TypeId::kTimestamp) return mismatch();
    p.conv = Conv::kInt96;
    if (type.unit() != TimeUnit::kNano) return mismatch();
    return p;
  }
  if (id == TypeId::kDate64 && pt == PhysicalType::kInt32) {
    p.conv = Conv::kMul;
    p.factor = 86400000;
    return p;
  }
  if ((id == TypeId::kTimestamp || id == TypeId::kTime32 || id == TypeId::kTime64 || id == TypeId::kDuration) &&
      (pt == PhysicalType::kInt32 || pt == PhysicalType::kInt64)) {
    int64_t from = UnitFactor(id == TypeId::kDuration ? type.unit() : StoredUnit(leaf, e));
    int64_t to = UnitFactor(type.unit());
    if (from == to) {
      p.conv = p.in_width == p.out_width ? Conv::kCopy : Conv::kMul;
    } else if (from > to) {
      p.conv = Conv::kDiv;
      p.factor = from / to;
      if (p.in_width != p.out_width) return mismatch();
    } else {
      p.conv = Conv::kMul;
      p.factor = to / from;
    }
    return p;
  }
  if (p.out_width == p.in_width) {
    p.conv = Conv::kCopy;
    return p;
  }
  if (p.out_width < p.in_width && pt == PhysicalType::kInt32) {
    p.conv = Conv::kNarrow;
    return p;
  }
  if (p.out_width == 8 && p.in_width == 4) {
    p.conv = Conv::kMul;  // widening by a factor of 1 (int32 stored, int64 wanted)
    return p;
  }
  return mismatch();
}

// Calls fn(slot, value, count) for each run of consecutive valid slots.
template <typename Fn>
Status ForEachValidRun(const uint8_t* validity, int64_t length, int64_t value_begin, Fn&& fn) {
  int64_t v = value_begin;
  int64_t i = 0;
  while (i < length) {
    if (validity && !bit_util::GetBit(validity, i)) {
      ++i;
      continue;
    }
    int64_t j = i + 1;
    while (j < length && (!validity || bit_util::GetBit(validity, j))) ++j;
    QUIVER_RETURN_IF_ERROR(fn(i, v, j - i));
    v += j - i;
    i = j;
  }
  return Status::OK();
}

// Sets bit `slot + k` of the zeroed bitmap `out` for each non-zero in[k], k < n: whole
// destination bytes at a time once `slot + k` reaches a byte boundary.
void PackBools(const uint8_t* in, int64_t n, uint8_t* out, int64_t slot) {
  int64_t k = 0;
  for (; k < n && ((slot + k) & 7) != 0; ++k) {
    if (in[k]) bit_util::SetBit(out, slot + k);
  }
  for (; k + 8 <= n; k += 8) {
    uint32_t byte = 0;
    for (int b = 0; b < 8; ++b) byte |= static_cast<uint32_t>(in[k + b] != 0) << b;
    out[(slot + k) >> 3] = static_cast<uint8_t>(byte);
  }
  for (; k < n; ++k) {
    if (in[k]) bit_util::SetBit(out, slot + k);
  }
}

Result<ArrayPtr> MakeBoolArray(column::LeafData& leaf, const TypePtr& type, std::shared_ptr<Buffer> validity,
                               int64_t length, int64_t null_count) {
  QUIVER_ASSIGN_OR_RETURN(auto bits, Buffer::Allocate(bit_util::BytesForBits(length)));
  const uint8_t* in = leaf.values.data.data();
  uint8_t* out = bits->mutable_data();
  QUIVER_RETURN_IF_ERROR(ForEachValidRun(validity ? validity->data() : nullptr, length, leaf.value_begin,
                                         [&](int64_t slot, int64_t v, int64_t n) {
                                           PackBools(in + v, n, out, slot);
                                           return Status::OK();
                                         }));
  return MakeArrayData(type, length, {std::move(validity), std::move(bits)}, {}, null_count);
}

Result<ArrayPtr> MakeBinaryArray(column::LeafData& leaf, const TypePtr& type, std::shared_ptr<Buffer> validity,
                                 int64_t length, int64_t null_count) {
  const TypeId id = type->id();
  const int64_t* off = leaf.values.offset_data();
  const uint8_t* bytes = leaf.values.data.data();
  const uint8_t* valid = validity ? validity->data() : nullptr;
  if (id == TypeId::kBinaryView || id == TypeId::kUtf8View) {
    BinaryViewBuilder b(type);
    int64_t v = leaf.value_begin;
    for (int64_t i = 0; i < length; ++i) {
      if (valid && !bit_util::GetBit(valid, i)) {
        QUIVER_RETURN_IF_ERROR(b.AppendNull());
      } else {
        QUIVER_RETURN_IF_ERROR(b.Append(std::string_view(reinterpret_cast<const char*>(bytes + off[v]),
                                                         static_cast<size_t>(off[v + 1] - off[v]))));
        ++v;
      }
    }
    return b.Finish();
  }
  const bool large = id == TypeId::kLargeBinary || id == TypeId::kLargeUtf8;
  const int64_t base = off[leaf.value_begin];
  const int64_t nvalid = length - null_count;
  const int64_t data_size = off[leaf.value_begin + nvalid] - base;
  if (!large && data_size > INT32_MAX) {
    return Status::LimitExceeded(StrCat("expected at most 2147483647 bytes of ", type->ToString(),
                                        " data in one batch but found ", data_size, " (read with large_types)"));
  }
  const int32_t w = large ? 8 : 4;
  QUIVER_ASSIGN_OR_RETURN(auto offsets, Buffer::Allocate((length + 1) * w));
  uint8_t* o = offsets->mutable_data();
  int64_t v = leaf.value_begin, cur = 0;
  for (int64_t i = 0; i < length; ++i) {
    if (!valid || bit_util::GetBit(valid, i)) {
      cur += off[v + 1] - off[v];
      ++v;
    }
    StoreInt(o + (i + 1) * w, w, cur);
  }
  QUIVER_ASSIGN_OR_RETURN(auto data, Buffer::CopyOf({bytes + base, static_cast<size_t>(data_size)}));
  return MakeArrayData(type, length, {std::move(validity), std::move(offsets), std::move(data)}, {}, null_count);
}

Result<ArrayPtr> MakeBinaryDecimal(column::LeafData& leaf, const TypePtr& type, std::shared_ptr<Buffer> validity,
                                   int64_t length, int64_t null_count) {
  const int32_t w = type->bit_width() / 8;
  QUIVER_ASSIGN_OR_RETURN(auto values, Buffer::Allocate(length * w));
  const int64_t* off = leaf.values.offset_data();
  const uint8_t* bytes = leaf.values.data.data();
  uint8_t* out = values->mutable_data();
  QUIVER_RETURN_IF_ERROR(ForEachValidRun(validity ? validity->data() : nullptr, length, leaf.value_begin,
                                         [&](int64_t slot, int64_t v, int64_t n) {
                                           for (int64_t k = 0; k < n; ++k) {
                                             QUIVER_RETURN_IF_ERROR(BigEndianToLittle(
                                                 bytes + off[v + k], off[v + k + 1] - off[v + k], out + (slot + k) * w, w));
                                           }
                                           return Status::OK();
                                         }));
  return MakeArrayData(type, length, {std::move(validity), std::move(values)}, {}, null_count);
}

// Dictionary arrays: from dictionary-mode indices, or by encoding decoded values.
Result<ArrayPtr> MakeDictionaryLeaf(column::LeafData& leaf, const TypePtr& type, std::shared_ptr<Buffer> validity,
                                    int64_t length, int64_t null_count) {
  const TypePtr& value_type = type->value_type();
  std::vector<int32_t> codes;
  column::LeafData dict_leaf(leaf.desc);
  if (leaf.dictionary_mode) {
    codes.assign(leaf.indices.begin() + leaf.value_begin, leaf.indices.begin() + leaf.value_end);
    dict_leaf.values = std::move(leaf.values);
    leaf.values = encoding::ValueBuffer(leaf.desc.type, leaf.desc.type_length);
  } else {
    // The chunk fell back to plain pages: encode here, first occurrence first.
    std::unordered_map<std::string_view, int32_t> seen;
    const int64_t* off = leaf.values.offset_data();
    const char* bytes = reinterpret_cast<const char*>(leaf.values.data.data());
    for (int64_t v = leaf.value_begin; v < leaf.value_end; ++v) {
      std::string_view s(bytes + off[v], static_cast<size_t>(off[v + 1] - off[v]));
      auto [it, inserted] = seen.emplace(s, static_cast<int32_t>(seen.size()));
      if (inserted) QUIVER_RETURN_IF_ERROR(dict_leaf.values.AppendBinary(reinterpret_cast<const uint8_t*>(s.data()), static_cast<int64_t>(s.size())));
      codes.push_back(it->second);
    }
  }
  dict_leaf.value_begin = 0;
  dict_leaf.value_end = dict_leaf.values.count;
  QUIVER_ASSIGN_OR_RETURN(ArrayPtr dict, MakeBinaryArray(dict_leaf, value_type, nullptr, dict_leaf.values.count, 0));
  // Indices in the width of the type's index type (ARROW:schema may ask for int8 or int64).
  const int32_t w = type->index_type()->bit_width() / 8;
  const int64_t max_code = w >= 4 ? INT32_MAX : (int64_t{1} << (8 * w - (IsSignedInteger(type->index_type()->id()) ? 1 : 0))) - 1;
  if (dict->length - 1 > max_code) {
    return Status::InvalidInput(StrCat("expected a dictionary of at most ", max_code + 1, " values for index type ",
                                       type->index_type()->ToString(), " but found ", dict->length));
  }
  QUIVER_ASSIGN_OR_RETURN(auto idx, Buffer::Allocate(length * w));
  uint8_t* out = idx->mutable_data();
  const uint8_t* valid = validity ? validity->data() : nullptr;
  size_t c = 0;
  for (int64_t i = 0; i < length; ++i) {
    if (!valid || bit_util::GetBit(valid, i)) {
      int64_t code = codes[c++];
      std::memcpy(out + i * w, &code, static_cast<size_t>(w));  // little-endian low bytes
    }
  }
  return MakeArrayData(type, length, {std::move(validity), std::move(idx)}, {}, null_count, 0, std::move(dict));
}

}  // namespace

Result<ArrayPtr> MakeLeafArray(column::LeafData& leaf, const SchemaElement* element, const TypePtr& type,
                               std::shared_ptr<Buffer> validity, int64_t length, int64_t null_count) {
  if (type->id() == TypeId::kExtension) {
    QUIVER_ASSIGN_OR_RETURN(ArrayPtr storage,
                            MakeLeafArray(leaf, element, type->storage_type(), std::move(validity), length, null_count));
    return MakeExtensionArray(type, storage);
  }
  const TypeId id = type->id();
  if (id == TypeId::kNull) return MakeArrayData(type, length, {}, {}, length);
  if (id == TypeId::kDictionary) return MakeDictionaryLeaf(leaf, type, std::move(validity), length, null_count);
  if (id == TypeId::kBool) return MakeBoolArray(leaf, type, std::move(validity), length, null_count);
  if (leaf.values.binary()) {
    if (id == TypeId::kDecimal32 || id == TypeId::kDecimal64 || id == TypeId::kDecimal128 || id == TypeId::kDecimal256) {
      return MakeBinaryDecimal(leaf, type, std::move(validity), length, null_count);
    }
    return MakeBinaryArray(leaf, type, std::move(validity), length, null_count);
  }
  QUIVER_ASSIGN_OR_RETURN(Plan plan, MakePlan(leaf, element, *type));
  QUIVER_ASSIGN_OR_RETURN(auto values, Buffer::Allocate(length * plan.out_width));
  const uint8_t* in = leaf.values.data.data();
  uint8_t* out = values->mutable_data();
  QUIVER_RETURN_IF_ERROR(ForEachValidRun(validity ? validity->data() : nullptr, length, leaf.value_begin,
                                         [&](int64_t slot, int64_t v, int64_t n) {
                                           return Run(plan, in + v * plan.in_width, n, out + slot * plan.out_width);
                                         }));
  return MakeArrayData(type, length, {std::move(validity), std::move(values)}, {}, null_count);
}

}  // namespace quiver::parquet::arrow
