// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// One walk per leaf from its top-level array, slot by slot: simple and exact for every
// nesting; wrappers (extension, dictionary, run-end encoding) are resolved on the way.
#include "parquet/arrow/levels.h"

#include <algorithm>
#include <cstring>

#include "core/format_value.h"
#include "core/str_cat.h"
#include "quiver/arrow/bit_util.h"

namespace quiver::parquet::arrow {

using internal::StrCat;

namespace {

const DataType& StorageOf(const DataType& type) {
  const DataType* t = &type;
  while (t->id() == TypeId::kExtension && t->storage_type()) t = t->storage_type().get();
  return *t;
}

TypeId StorageId(const DataType& type) { return StorageOf(type).id(); }

int64_t LoadInt(const uint8_t* p, int32_t width, bool is_signed) {
  switch (width) {
    case 1: return is_signed ? int64_t{static_cast<int8_t>(*p)} : int64_t{*p};
    case 2: {
      uint16_t v;
      std::memcpy(&v, p, 2);
      return is_signed ? int64_t{static_cast<int16_t>(v)} : int64_t{v};
    }
    case 4: {
      uint32_t v;
      std::memcpy(&v, p, 4);
      return is_signed ? int64_t{static_cast<int32_t>(v)} : int64_t{v};
    }
    default: {
      int64_t v;
      std::memcpy(&v, p, 8);
      return v;
    }
  }
}

// The index of the run holding logical slot `i` of a run-end encoded array.
int64_t FindRun(const ArrayData& ree, int64_t i) {
  const ArrayData& ends = *ree.children[0];  // run ends are never an extension
  const int32_t w = ends.type->bit_width() / 8;
  const uint8_t* base = ends.buffers[1]->data() + ends.offset * w;
  const int64_t logical = ree.offset + i;
  int64_t lo = 0, hi = ends.length;
  while (lo < hi) {
    const int64_t mid = lo + (hi - lo) / 2;
    if (LoadInt(base + mid * w, w, true) > logical)
      hi = mid;
    else
      lo = mid + 1;
  }
  return lo;
}

struct Step {
  const WriteNode* node;
  int child = 0;  // which child of node the path continues into
};

class Walker {
 public:
  Walker(const WriteLeaf& leaf, std::vector<Step> path, LeafChunk* out)
      : leaf_(leaf), path_(std::move(path)), out_(out) {}

  Status Visit(size_t k, const ArrayData* a, int64_t i, uint16_t rep) {
    const WriteNode& node = *path_[k].node;
    bool valid = true;
    for (;;) {
      const TypeId id = StorageId(*a->type);
      if (id == TypeId::kRunEndEncoded) {
        const int64_t run = FindRun(*a, i);
        a = a->children[1].get();
        i = run;
      } else if (id == TypeId::kDictionary) {
        if (!a->IsValid(i)) {
          valid = false;
          break;
        }
        const DataType& dict = StorageOf(*a->type);
        const int32_t w = dict.index_type()->bit_width() / 8;
        const int64_t code =
            LoadInt(a->buffers[1]->data() + (a->offset + i) * w, w, IsSignedInteger(dict.index_type()->id()));
        a = a->dictionary.get();
        i = code;
      } else {
        break;
      }
    }
    if (valid) valid = a->IsValid(i);
    if (!valid) {
      if (!node.optional) {
        return Status::InvalidArgument(
            StrCat("expected no nulls in non-nullable field '", PathName(k), "' but found one"));
      }
      Emit(static_cast<uint16_t>(node.def - 1), rep);
      return Status::OK();
    }
    switch (node.kind) {
      case WriteNodeKind::kLeaf: Emit(static_cast<uint16_t>(node.def), rep); return AppendValue(*a, i);
      case WriteNodeKind::kStruct:
        return Visit(k + 1, a->children[static_cast<size_t>(path_[k].child)].get(), a->offset + i, rep);
      case WriteNodeKind::kList:
      case WriteNodeKind::kMap: {
        int64_t start = 0, end = 0;
        Range(*a, i, &start, &end);
        if (start == end) {
          Emit(static_cast<uint16_t>(node.def), rep);
          return Status::OK();
        }
        const ArrayData* child = a->children[0].get();
        int64_t shift = 0;
        if (node.kind == WriteNodeKind::kMap) {
          shift = child->offset;
          child = child->children[static_cast<size_t>(path_[k].child)].get();
        }
        for (int64_t j = start; j < end; ++j) {
          QUIVER_RETURN_IF_ERROR(Visit(k + 1, child, shift + j, j == start ? rep : static_cast<uint16_t>(node.rep)));
        }
        return Status::OK();
      }
    }
    return Status::OK();
  }

  // A top-level leaf without wrappers: levels from the bitmap, values copied run by run.
  Status VisitFlat(const ArrayData& a) {
    const WriteNode& node = *path_[0].node;
    const bool all_null = StorageId(*a.type) == TypeId::kNull;
    const uint8_t* bitmap = !all_null && !a.buffers.empty() && a.buffers[0] ? a.buffers[0]->data() : nullptr;
    out_->rep.resize(out_->rep.size() + static_cast<size_t>(a.length), 0);
    const size_t d0 = out_->def.size();
    out_->def.resize(d0 + static_cast<size_t>(a.length), static_cast<uint16_t>(node.def));
    if (all_null) {
      std::fill(out_->def.begin() + static_cast<ptrdiff_t>(d0), out_->def.end(), static_cast<uint16_t>(node.def - 1));
      return Status::OK();
    }
    const bool copy = leaf_.conv == ValueConv::kFixed ||
                      (leaf_.conv == ValueConv::kInt && leaf_.factor == 1 && leaf_.in_width == out_->values.width);
    int64_t i = 0;
    while (i < a.length) {
      if (bitmap && !bit_util::GetBit(bitmap, a.offset + i)) {
        if (!node.optional) {
          return Status::InvalidArgument(
              StrCat("expected no nulls in non-nullable field '", node.name, "' but found one"));
        }
        out_->def[d0 + static_cast<size_t>(i)] = static_cast<uint16_t>(node.def - 1);
        ++i;
        continue;
      }
      int64_t j = i + 1;
      while (j < a.length && (!bitmap || bit_util::GetBit(bitmap, a.offset + j))) ++j;
      if (copy) {
        QUIVER_RETURN_IF_ERROR(out_->values.AppendFixed(a.buffers[1]->data() + (a.offset + i) * leaf_.in_width, j - i));
      } else {
        QUIVER_RETURN_IF_ERROR(AppendRun(a, i, j));
      }
      i = j;
    }
    return Status::OK();
  }

 private:
  std::string PathName(size_t k) const {
    std::string s;
    for (size_t j = 0; j <= k; ++j) {
      if (j) s.push_back('.');
      s += path_[j].node->name;
    }
    return s;
  }

  void Emit(uint16_t def, uint16_t rep) {
    out_->def.push_back(def);
    out_->rep.push_back(rep);
  }

  // Child slots [start, end) of list-like slot i.
  static void Range(const ArrayData& a, int64_t i, int64_t* start, int64_t* end) {
    const int64_t p = a.offset + i;
    switch (StorageId(*a.type)) {
      case TypeId::kFixedSizeList: {
        const int64_t size = StorageOf(*a.type).list_size();
        *start = p * size;
        *end = *start + size;
        return;
      }
      case TypeId::kLargeList: {
        const int64_t* off = a.buffers[1]->data_as<int64_t>();
        *start = off[p];
        *end = off[p + 1];
        return;
      }
      case TypeId::kListView:
      case TypeId::kLargeListView: {
        const int32_t w = StorageId(*a.type) == TypeId::kListView ? 4 : 8;
        *start = LoadInt(a.buffers[1]->data() + p * w, w, true);
        *end = *start + LoadInt(a.buffers[2]->data() + p * w, w, true);
        return;
      }
      default: {  // list, map
        const int32_t* off = a.buffers[1]->data_as<int32_t>();
        *start = off[p];
        *end = off[p + 1];
        return;
      }
    }
  }

  // Values of the valid slots [i, j): booleans and offset-based binary in one step each,
  // everything else value by value.
  Status AppendRun(const ArrayData& a, int64_t i, int64_t j) {
    encoding::ValueBuffer& v = out_->values;
    const int64_t n = j - i;
    if (leaf_.conv == ValueConv::kBool) {
      QUIVER_ASSIGN_OR_RETURN(uint8_t* dst, v.data.AppendUninitialized(n));
      const uint8_t* bits = a.buffers[1]->data();
      for (int64_t k = 0; k < n; ++k) dst[k] = bit_util::GetBit(bits, a.offset + i + k) ? 1 : 0;
      v.count += n;
      return Status::OK();
    }
    const TypeId id = StorageId(*a.type);
    const bool large = id == TypeId::kLargeBinary || id == TypeId::kLargeUtf8;
    if (leaf_.conv == ValueConv::kBinary && (large || id == TypeId::kBinary || id == TypeId::kUtf8)) {
      const int64_t p = a.offset + i;
      auto offset_at = [&](int64_t q) -> int64_t {
        return large ? a.buffers[1]->data_as<int64_t>()[q] : a.buffers[1]->data_as<int32_t>()[q];
      };
      if (v.offsets.size() == 0) QUIVER_RETURN_IF_ERROR(v.offsets.AppendValue<int64_t>(0));
      const int64_t first = offset_at(p);
      const int64_t base = v.data.size() - first;
      QUIVER_ASSIGN_OR_RETURN(uint8_t* off_bytes, v.offsets.AppendUninitialized(n * 8));
      int64_t* off = reinterpret_cast<int64_t*>(off_bytes);  // BufferBuilder blocks are 64-byte aligned
      int64_t prev = first;
      for (int64_t k = 0; k < n; ++k) {
        const int64_t end = offset_at(p + k + 1);
        if (end < prev) {
          return Status::InvalidArgument(
              StrCat("expected non-decreasing offsets but found offset[", p + k + 1, "] = ", end, " after ", prev));
        }
        off[k] = base + end;
        prev = end;
      }
      const int64_t bytes = prev - first;
      if (bytes > 0) QUIVER_RETURN_IF_ERROR(v.data.Append(a.buffers[2]->data() + first, bytes));
      v.count += n;
      return Status::OK();
    }
    for (int64_t k = i; k < j; ++k) QUIVER_RETURN_IF_ERROR(AppendValue(a, k));
    return Status::OK();
  }

  Status AppendValue(const ArrayData& a, int64_t i) {
    encoding::ValueBuffer& v = out_->values;
    const int64_t p = a.offset + i;
    switch (leaf_.conv) {
      case ValueConv::kNone: return Status::OK();
      case ValueConv::kBool: {
        const uint8_t b = bit_util::GetBit(a.buffers[1]->data(), p) ? 1 : 0;
        return v.AppendFixed(&b, 1);
      }
      case ValueConv::kInt: {
        const int64_t in = LoadInt(a.buffers[1]->data() + p * leaf_.in_width, leaf_.in_width, leaf_.in_signed);
        int64_t x = in;
        if (leaf_.factor != 1) {
          // Coerced units (seconds to milliseconds) must not overflow the stored type.
          const int64_t limit = leaf_.type == PhysicalType::kInt32 ? INT32_MAX : INT64_MAX;
          if (in > limit / leaf_.factor || in < -(limit / leaf_.factor)) return OutOfRange(in);
          x = in * leaf_.factor;
        }
        uint8_t out[8];
        std::memcpy(out, &x, 8);  // little-endian: the low 4 bytes are the INT32 value
        return v.AppendFixed(out, 1);
      }
      case ValueConv::kDivide: {
        const int64_t in = LoadInt(a.buffers[1]->data() + p * 8, 8, true);
        if (in / leaf_.factor > INT32_MAX || in / leaf_.factor < INT32_MIN) return OutOfRange(in);
        const int32_t x = static_cast<int32_t>(in / leaf_.factor);
        return v.AppendFixed(reinterpret_cast<const uint8_t*>(&x), 1);
      }
      case ValueConv::kFixed: return v.AppendFixed(a.buffers[1]->data() + p * leaf_.in_width, 1);
      case ValueConv::kDecimal: {
        const uint8_t* in = a.buffers[1]->data() + p * leaf_.in_width;
        // The bytes left out must be the sign extension of those kept, or data would be lost
        // (a value beyond its precision, as unvalidated input can hold).
        const uint8_t sign = (in[leaf_.type_length - 1] & 0x80) != 0 ? 0xff : 0x00;
        for (int32_t b = leaf_.type_length; b < leaf_.in_width; ++b) {
          if (in[b] != sign) {
            std::string shown;
            quiver::internal::AppendDecimal(&shown, in, leaf_.in_width, leaf_.value_type->scale());
            return Status::InvalidArgument(StrCat("expected a ", leaf_.value_type->ToString(), " value that fits ",
                                                  leaf_.type_length, " bytes but found ", shown));
          }
        }
        uint8_t out[32];
        for (int32_t b = 0; b < leaf_.type_length; ++b) out[b] = in[leaf_.type_length - 1 - b];
        return v.AppendFixed(out, 1);
      }
      case ValueConv::kBinary: return AppendBinary(a, p);
    }
    return Status::OK();
  }

  Status OutOfRange(int64_t v) const {
    return Status::InvalidArgument(StrCat("expected a ", leaf_.value_type->ToString(), " value that fits ",
                                          PhysicalTypeName(leaf_.type), " once converted but found ", v));
  }

  Status AppendBinary(const ArrayData& a, int64_t p) {
    const TypeId id = StorageId(*a.type);
    if (id == TypeId::kBinaryView || id == TypeId::kUtf8View) {
      const uint8_t* view = a.buffers[1]->data() + p * 16;
      int32_t length, buffer, offset;
      std::memcpy(&length, view, 4);
      if (length <= 12) return out_->values.AppendBinary(view + 4, length);
      std::memcpy(&buffer, view + 8, 4);
      std::memcpy(&offset, view + 12, 4);
      return out_->values.AppendBinary(a.buffers[static_cast<size_t>(2 + buffer)]->data() + offset, length);
    }
    const uint8_t* data = a.buffers[2] ? a.buffers[2]->data() : nullptr;
    if (id == TypeId::kLargeBinary || id == TypeId::kLargeUtf8) {
      const int64_t* off = a.buffers[1]->data_as<int64_t>();
      return out_->values.AppendBinary(data + off[p], off[p + 1] - off[p]);
    }
    const int32_t* off = a.buffers[1]->data_as<int32_t>();
    return out_->values.AppendBinary(data ? data + off[p] : data, off[p + 1] - off[p]);
  }

  const WriteLeaf& leaf_;
  std::vector<Step> path_;
  LeafChunk* out_;
};

void CollectPaths(const WriteNode& node, std::vector<Step>* prefix,
                  std::vector<std::pair<int, std::vector<Step>>>* out) {
  if (node.kind == WriteNodeKind::kLeaf) {
    prefix->push_back({&node, 0});
    out->emplace_back(node.leaf, *prefix);
    prefix->pop_back();
    return;
  }
  for (size_t c = 0; c < node.children.size(); ++c) {
    prefix->push_back({&node, static_cast<int>(c)});
    CollectPaths(node.children[c], prefix, out);
    prefix->pop_back();
  }
}

}  // namespace

Status AppendLevels(const WriteSchema& schema, const WriteNode& root, const ArrayData& column,
                    std::vector<LeafChunk>* chunks) {
  std::vector<Step> prefix;
  std::vector<std::pair<int, std::vector<Step>>> paths;
  CollectPaths(root, &prefix, &paths);
  for (auto& [leaf, path] : paths) {
    LeafChunk& chunk = (*chunks)[static_cast<size_t>(leaf)];
    Walker walker(schema.leaves[static_cast<size_t>(leaf)], std::move(path), &chunk);
    const TypeId id = StorageId(*column.type);
    if (root.kind == WriteNodeKind::kLeaf && id != TypeId::kDictionary && id != TypeId::kRunEndEncoded) {
      QUIVER_RETURN_IF_ERROR(walker.VisitFlat(column));
    } else {
      for (int64_t i = 0; i < column.length; ++i) QUIVER_RETURN_IF_ERROR(walker.Visit(0, &column, i, 0));
    }
    chunk.num_rows += column.length;
  }
  return Status::OK();
}

}  // namespace quiver::parquet::arrow
