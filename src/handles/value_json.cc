// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "handles/value_json.h"

#include <cmath>
#include <cstring>
#include <string_view>

#include "core/format_value.h"
#include "core/str_cat.h"
#include "handles/json_writer.h"

namespace quiver::handles {

using quiver::internal::StrCat;

namespace {

// Reads element `index` of width sizeof(T) from buffer `b` (buffers may be unaligned).
template <typename T>
T Load(const ArrayData& a, int b, int64_t index) {
  T v;
  std::memcpy(&v, a.buffers[static_cast<size_t>(b)]->data() + index * static_cast<int64_t>(sizeof(T)), sizeof(T));
  return v;
}

int64_t LoadInt(const ArrayData& a, int b, int64_t index, int width) {
  switch (width) {
    case 1: return Load<int8_t>(a, b, index);
    case 2: return Load<int16_t>(a, b, index);
    case 4: return Load<int32_t>(a, b, index);
    default: return Load<int64_t>(a, b, index);
  }
}

int64_t LoadIndex(const ArrayData& a, const DataType& index_type, int64_t index) {
  switch (index_type.id()) {
    case TypeId::kUInt8: return Load<uint8_t>(a, 1, index);
    case TypeId::kUInt16: return Load<uint16_t>(a, 1, index);
    case TypeId::kUInt32: return Load<uint32_t>(a, 1, index);
    case TypeId::kUInt64: return static_cast<int64_t>(Load<uint64_t>(a, 1, index));
    default: return LoadInt(a, 1, index, index_type.bit_width() / 8);
  }
}

void AppendQuotedInt(std::string* out, int64_t v) {
  out->push_back('"');
  AppendJsonInt(out, v);
  out->push_back('"');
}

void AppendDouble(std::string* out, double v) {
  if (std::isnan(v)) {
    out->append("\"NaN\"");
  } else if (std::isinf(v)) {
    out->append(v > 0 ? "\"Infinity\"" : "\"-Infinity\"");
  } else {
    quiver::internal::AppendShortestDouble(out, v);
  }
}

void AppendHex(std::string* out, std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (char c : bytes) {
    const auto b = static_cast<uint8_t>(c);
    out->push_back(kHex[b >> 4]);
    out->push_back(kHex[b & 15]);
  }
  out->push_back('"');
}

std::string_view Bytes(const ArrayData& a, int b, int64_t start, int64_t end) {
  return {reinterpret_cast<const char*>(a.buffers[static_cast<size_t>(b)]->data()) + start,
          static_cast<size_t>(end - start)};
}

// Text or binary of slot `i` of a variable-width (offset or view) array.
std::string_view VarBytes(const ArrayData& a, TypeId id, int64_t p) {
  switch (id) {
    case TypeId::kBinary:
    case TypeId::kUtf8: return Bytes(a, 2, Load<int32_t>(a, 1, p), Load<int32_t>(a, 1, p + 1));
    case TypeId::kLargeBinary:
    case TypeId::kLargeUtf8: return Bytes(a, 2, Load<int64_t>(a, 1, p), Load<int64_t>(a, 1, p + 1));
    default: {  // views
      const uint8_t* view = a.buffers[1]->data() + p * 16;
      int32_t len;
      std::memcpy(&len, view, 4);
      if (len <= 12) return {reinterpret_cast<const char*>(view) + 4, static_cast<size_t>(len)};
      int32_t buffer, offset;
      std::memcpy(&buffer, view + 8, 4);
      std::memcpy(&offset, view + 12, 4);
      return {reinterpret_cast<const char*>(a.buffers[static_cast<size_t>(2 + buffer)]->data()) + offset,
              static_cast<size_t>(len)};
    }
  }
}

void AppendList(std::string* out, const ArrayData& child, int64_t start, int64_t end) {
  out->push_back('[');
  for (int64_t k = start; k < end; ++k) {
    if (k > start) out->push_back(',');
    AppendValueJson(out, child, k);
  }
  out->push_back(']');
}

// `type` is the array's type, or the storage type of an extension array.
void AppendTyped(std::string* out, const DataType& type, const ArrayData& a, int64_t i) {
  const int64_t p = a.offset + i;  // position in the buffers
  switch (type.id()) {
    case TypeId::kNull: out->append("null"); return;
    case TypeId::kBool:
      out->append(bit_util::GetBit(a.buffers[1]->data(), p) ? "true" : "false");
      return;
    case TypeId::kInt8: AppendJsonInt(out, Load<int8_t>(a, 1, p)); return;
    case TypeId::kInt16: AppendJsonInt(out, Load<int16_t>(a, 1, p)); return;
    case TypeId::kInt32:
    case TypeId::kDate32:
    case TypeId::kTime32:
    case TypeId::kIntervalYearMonth: AppendJsonInt(out, Load<int32_t>(a, 1, p)); return;
    case TypeId::kUInt8: AppendJsonInt(out, Load<uint8_t>(a, 1, p)); return;
    case TypeId::kUInt16: AppendJsonInt(out, Load<uint16_t>(a, 1, p)); return;
    case TypeId::kUInt32: AppendJsonInt(out, Load<uint32_t>(a, 1, p)); return;
    case TypeId::kInt64:
    case TypeId::kDate64:
    case TypeId::kTime64:
    case TypeId::kTimestamp:
    case TypeId::kDuration: AppendQuotedInt(out, Load<int64_t>(a, 1, p)); return;
    case TypeId::kUInt64: {
      const uint64_t v = Load<uint64_t>(a, 1, p);
      out->push_back('"');
      out->append(StrCat(v));
      out->push_back('"');
      return;
    }
    case TypeId::kFloat16: AppendDouble(out, quiver::internal::HalfToFloat(Load<uint16_t>(a, 1, p))); return;
    case TypeId::kFloat32: {
      const float v = Load<float>(a, 1, p);
      if (std::isfinite(v)) {
        quiver::internal::AppendShortestFloat(out, v);
      } else {
        AppendDouble(out, v);
      }
      return;
    }
    case TypeId::kFloat64: AppendDouble(out, Load<double>(a, 1, p)); return;
    case TypeId::kDecimal32:
    case TypeId::kDecimal64:
    case TypeId::kDecimal128:
    case TypeId::kDecimal256: {
      const int w = type.byte_width();
      out->push_back('"');
      quiver::internal::AppendDecimal(out, a.buffers[1]->data() + p * w, w, type.scale());
      out->push_back('"');
      return;
    }
    case TypeId::kIntervalDayTime:
      out->push_back('[');
      AppendJsonInt(out, Load<int32_t>(a, 1, p * 2));
      out->push_back(',');
      AppendJsonInt(out, Load<int32_t>(a, 1, p * 2 + 1));
      out->push_back(']');
      return;
    case TypeId::kIntervalMonthDayNano: {
      const uint8_t* base = a.buffers[1]->data() + p * 16;
      int32_t months, days;
      int64_t nanos;
      std::memcpy(&months, base, 4);
      std::memcpy(&days, base + 4, 4);
      std::memcpy(&nanos, base + 8, 8);
      out->push_back('[');
      AppendJsonInt(out, months);
      out->push_back(',');
      AppendJsonInt(out, days);
      out->push_back(',');
      AppendQuotedInt(out, nanos);
      out->push_back(']');
      return;
    }
    case TypeId::kUtf8:
    case TypeId::kLargeUtf8:
    case TypeId::kUtf8View: AppendJsonString(out, VarBytes(a, type.id(), p)); return;
    case TypeId::kBinary:
    case TypeId::kLargeBinary:
    case TypeId::kBinaryView: AppendHex(out, VarBytes(a, type.id(), p)); return;
    case TypeId::kFixedSizeBinary: {
      const int w = type.byte_width();
      AppendHex(out, Bytes(a, 1, p * w, (p + 1) * w));
      return;
    }
    case TypeId::kList:
    case TypeId::kMap:
      AppendList(out, *a.children[0], Load<int32_t>(a, 1, p), Load<int32_t>(a, 1, p + 1));
      return;
    case TypeId::kLargeList:
      AppendList(out, *a.children[0], Load<int64_t>(a, 1, p), Load<int64_t>(a, 1, p + 1));
      return;
    case TypeId::kListView: {
      const int64_t start = Load<int32_t>(a, 1, p);
      AppendList(out, *a.children[0], start, start + Load<int32_t>(a, 2, p));
      return;
    }
    case TypeId::kLargeListView: {
      const int64_t start = Load<int64_t>(a, 1, p);
      AppendList(out, *a.children[0], start, start + Load<int64_t>(a, 2, p));
      return;
    }
    case TypeId::kFixedSizeList: {
      const int64_t n = type.list_size();
      AppendList(out, *a.children[0], p * n, (p + 1) * n);
      return;
    }
    case TypeId::kStruct: {
      // A map's entries struct prints as a [key, value] pair.
      out->push_back('{');
      for (int k = 0; k < type.num_fields(); ++k) {
        if (k > 0) out->push_back(',');
        AppendJsonString(out, type.field(k)->name());
        out->push_back(':');
        AppendValueJson(out, *a.children[static_cast<size_t>(k)], p);
      }
      out->push_back('}');
      return;
    }
    case TypeId::kSparseUnion:
    case TypeId::kDenseUnion: {
      const int8_t code = Load<int8_t>(a, 0, p);
      const auto& codes = type.type_codes();
      size_t child = 0;
      while (child < codes.size() && codes[child] != code) ++child;
      const int64_t at = type.id() == TypeId::kSparseUnion ? p : Load<int32_t>(a, 1, p);
      // [child index, value]: the facade needs the child's type to convert the value.
      out->push_back('[');
      AppendJsonInt(out, static_cast<int64_t>(child));
      out->push_back(',');
      AppendValueJson(out, *a.children[child], at);
      out->push_back(']');
      return;
    }
    case TypeId::kDictionary:
      AppendValueJson(out, *a.dictionary, LoadIndex(a, *type.index_type(), p));
      return;
    case TypeId::kRunEndEncoded: {
      const ArrayData& ends = *a.children[0];
      const int width = ends.type->bit_width() / 8;
      int64_t lo = 0, hi = ends.length - 1;  // the first run whose end is > p
      while (lo < hi) {
        const int64_t mid = lo + (hi - lo) / 2;
        if (LoadInt(ends, 1, ends.offset + mid, width) > p) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      AppendValueJson(out, *a.children[1], lo);
      return;
    }
    case TypeId::kExtension: AppendTyped(out, *type.storage_type(), a, i); return;
  }
  out->append("null");
}

}  // namespace

void AppendValueJson(std::string* out, const ArrayData& array, int64_t i) {
  if (!array.IsValid(i)) {
    out->append("null");
    return;
  }
  AppendTyped(out, *array.type, array, i);
}

Result<std::string> RowsJson(const Table& table, int64_t offset, int64_t length) {
  if (offset < 0 || length < 0 || offset > table.num_rows() || length > table.num_rows() - offset) {
    return Status::InvalidArgument(StrCat("expected rows [", offset, ", ", offset, " + ", length, ") within [0, ",
                                          table.num_rows(), ") but they are outside"));
  }
  std::vector<std::string> keys;
  for (const auto& f : table.schema()->fields()) {
    std::string k;
    AppendJsonString(&k, f->name());
    k.push_back(':');
    keys.push_back(std::move(k));
  }
  std::string out = "[";
  bool first = true;
  int64_t skip = offset, left = length;
  for (const auto& batch : table.batches()) {
    if (left == 0) break;
    if (skip >= batch->num_rows()) {
      skip -= batch->num_rows();
      continue;
    }
    const int64_t end = std::min(batch->num_rows(), skip + left);
    for (int64_t r = skip; r < end; ++r) {
      if (!first) out.push_back(',');
      first = false;
      out.push_back('{');
      for (int c = 0; c < batch->num_columns(); ++c) {
        if (c > 0) out.push_back(',');
        out.append(keys[static_cast<size_t>(c)]);
        AppendValueJson(&out, *batch->column(c), r);
      }
      out.push_back('}');
    }
    left -= end - skip;
    skip = 0;
  }
  out.push_back(']');
  return out;
}

std::string ColumnJson(const Table& table, int column) {
  std::string out = "[";
  bool first = true;
  for (const auto& batch : table.batches()) {
    const ArrayData& a = *batch->column(column);
    for (int64_t r = 0; r < a.length; ++r) {
      if (!first) out.push_back(',');
      first = false;
      AppendValueJson(&out, a, r);
    }
  }
  out.push_back(']');
  return out;
}

}  // namespace quiver::handles
