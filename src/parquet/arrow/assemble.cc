// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "parquet/arrow/assemble.h"

#include <algorithm>

#include "core/checked_math.h"
#include "core/str_cat.h"
#include "ipc/body_internal.h"
#include "parquet/arrow/leaf_array.h"
#include "quiver/arrow/bit_util.h"
#include "quiver/arrow/builder.h"

namespace quiver::parquet::arrow {
namespace {

using internal::StrCat;

Result<ArrayPtr> Assemble(const FieldNode& node, std::vector<column::LeafData>& leaves, int16_t d, int16_t rad);

// At most this many values under one fixed-size list column of a batch (2^31: the list
// sizes a hostile ARROW:schema may declare are bounded before null lists are padded).
constexpr int64_t kMaxFixedSizeListValues = int64_t{1} << 31;

Result<ArrayPtr> AssembleLeaf(const FieldNode& node, column::LeafData& L, int16_t d, int16_t rad) {
  const int16_t max_def = L.desc.max_def;
  int64_t length = 0, nulls = 0;
  std::shared_ptr<Buffer> validity;
  if (max_def == 0 && L.desc.max_rep == 0) {
    length = L.entry_end - L.entry_begin;
  } else if (L.rep.empty() && rad == 0 && !L.def.empty()) {
    // Every entry is a slot (no repetition, no required ancestor level): the bitmap is the
    // comparison of each level with max_def, built a byte at a time.
    const uint16_t* def = L.def.data() + L.entry_begin;
    length = L.entry_end - L.entry_begin;
    int64_t valid = 0;
    for (int64_t i = 0; i < length; ++i) valid += def[i] == max_def;
    nulls = length - valid;
    if (nulls > 0) {
      QUIVER_ASSIGN_OR_RETURN(validity, Buffer::Allocate(bit_util::BytesForBits(length)));
      uint8_t* bits = validity->mutable_data();
      int64_t i = 0;
      for (; i + 8 <= length; i += 8) {
        uint32_t byte = 0;
        for (int b = 0; b < 8; ++b) byte |= static_cast<uint32_t>(def[i + b] == max_def) << b;
        bits[i >> 3] = static_cast<uint8_t>(byte);
      }
      for (; i < length; ++i) {
        if (def[i] == max_def) bit_util::SetBit(bits, i);
      }
    }
  } else {
    // Count the slots first, then fill the bitmap.
    for (int64_t i = L.entry_begin; i < L.entry_end; ++i) {
      if (L.rep_at(i) <= d && L.def_at(i) >= rad) {
        ++length;
        nulls += L.def_at(i) != max_def;
      }
    }
    if (nulls > 0) {
      QUIVER_ASSIGN_OR_RETURN(validity, Buffer::Allocate(bit_util::BytesForBits(length)));
      uint8_t* bits = validity->mutable_data();
      int64_t s = 0;
      for (int64_t i = L.entry_begin; i < L.entry_end; ++i) {
        if (L.rep_at(i) <= d && L.def_at(i) >= rad) {
          if (L.def_at(i) == max_def) bit_util::SetBit(bits, s);
          ++s;
        }
      }
    }
  }
  return MakeLeafArray(L, node.element, node.field->type(), std::move(validity), length, nulls);
}

// A nested field of an extension type (restored from ARROW:schema) is built as its
// storage, then wrapped.
const TypePtr& StorageOf(const FieldNode& node) {
  const TypePtr& t = node.field->type();
  return t->id() == TypeId::kExtension ? t->storage_type() : t;
}

Result<ArrayPtr> Wrap(const FieldNode& node, Result<ArrayPtr> storage) {
  if (!storage.ok() || node.field->type()->id() != TypeId::kExtension) return storage;
  return MakeExtensionArray(node.field->type(), *storage);
}

// A fixed-size list (restored from ARROW:schema) from the list Parquet stores: every list
// present must hold `size` values; a list absent (null, or under a null ancestor: `present`
// is false, also for a non-nullable list) holds none in Parquet (or `size`, as written by
// some) and gets `size` values here, as the layout wants a slot for each (which values does
// not matter under an absent slot). `validity` is the list's own (empty when it has no nulls
// or is not nullable).
Result<ArrayPtr> FixedSizeFromList(const FieldNode& node, const std::vector<int64_t>& offsets, ArrayPtr child,
                                   const std::vector<bool>& present, const std::vector<bool>& validity) {
  const TypePtr& type = StorageOf(node);
  const int64_t size = type->list_size();
  const int64_t length = static_cast<int64_t>(offsets.size()) - 1;
  // The values a declared size asks for are bounded before any null list is padded.
  int64_t slots = 0;
  if (!internal::MulChecked(length, size, &slots) || slots > kMaxFixedSizeListValues) {
    return Status::LimitExceeded(StrCat("fixed-size list '", node.field->name(), "' of ", length, " lists of ", size,
                                        " values needs more than ", kMaxFixedSizeListValues, " values"));
  }
  bool padded = true;  // every list, null or not, already holds `size` values
  for (int64_t i = 0; i < length; ++i) {
    const int64_t n = offsets[i + 1] - offsets[i];
    const bool valid = present.empty() || present[i];
    if (n == size) continue;
    if (!valid && n == 0) {
      padded = false;
      continue;
    }
    return Status::InvalidInput(StrCat("expected ", valid ? "" : "null ", "lists of ", size, " values in fixed-size list '",
                                       node.field->name(), "' but list ", i, " holds ", n));
  }
  if (padded) return Wrap(node, MakeFixedSizeListArray(type, length, std::move(child), validity));
  // No list present: the values are all null. Otherwise runs of the lists' values, and for
  // each run of absent lists that many values taken from the child itself (any values do
  // under an absent slot, and slices of one array share its nested dictionaries, so the
  // concatenation keeps every index valid), joined pairwise (balanced: each value is copied
  // about log2(runs) times).
  if (child->length == 0) {
    QUIVER_ASSIGN_OR_RETURN(ArrayPtr nulls, MakeArrayOfNulls(type->field(0)->type(), slots));
    return Wrap(node, MakeFixedSizeListArray(type, length, std::move(nulls), validity));
  }
  std::vector<ArrayPtr> runs;
  for (int64_t i = 0; i < length;) {
    int64_t j = i;
    const bool valid = present[i];
    while (j < length && present[j] == valid) ++j;
    if (valid) {
      QUIVER_ASSIGN_OR_RETURN(ArrayPtr run, SliceArray(child, offsets[i], offsets[j] - offsets[i]));
      runs.push_back(std::move(run));
    } else {
      for (int64_t left = (j - i) * size; left > 0;) {
        const int64_t n = std::min(left, child->length);
        QUIVER_ASSIGN_OR_RETURN(ArrayPtr run, SliceArray(child, 0, n));
        runs.push_back(std::move(run));
        left -= n;
      }
    }
    i = j;
  }
  while (runs.size() > 1) {
    std::vector<ArrayPtr> joined;
    for (size_t k = 0; k + 1 < runs.size(); k += 2) {
      QUIVER_ASSIGN_OR_RETURN(ArrayPtr two, ipc::internal::ConcatenateArrays(*runs[k], *runs[k + 1], DefaultMemoryPool()));
      joined.push_back(std::move(two));
    }
    if (runs.size() % 2 == 1) joined.push_back(std::move(runs.back()));
    runs = std::move(joined);
  }
  return Wrap(node, MakeFixedSizeListArray(type, length, std::move(runs.front()), validity));
}

Result<ArrayPtr> Assemble(const FieldNode& node, std::vector<column::LeafData>& leaves, int16_t d, int16_t rad) {
  column::LeafData& L = leaves[static_cast<size_t>(node.first_leaf)];
  if (node.kind == NodeKind::kLeaf) return AssembleLeaf(node, L, d, rad);
  const bool nullable = node.field->nullable();
  std::vector<bool> validity;
  bool any_null = false;
  if (node.kind == NodeKind::kStruct) {
    int64_t length = 0;
    for (int64_t i = L.entry_begin; i < L.entry_end; ++i) {
      if (L.rep_at(i) <= d && L.def_at(i) >= rad) {
        bool valid = L.def_at(i) >= node.def_level;
        any_null |= !valid;
        validity.push_back(valid);
        ++length;
      }
    }
    std::vector<ArrayPtr> children;
    for (size_t c = 0; c < node.children.size(); ++c) {
      QUIVER_ASSIGN_OR_RETURN(ArrayPtr child, Assemble(node.children[c], leaves, d, rad));
      // Leaves under one struct must agree on its slots; corrupt levels can make them differ.
      if (child->length != length) {
        return Status::InvalidInput(StrCat("expected ", length, " values of field '", node.children[c].field->name(),
                                           "' (as its sibling's levels give) but its levels give ", child->length));
      }
      children.push_back(std::move(child));
    }
    if (!any_null || !nullable) validity.clear();
    return Wrap(node, MakeStructArray(StorageOf(node), std::move(children), validity, length));
  }
  // List or map.
  std::vector<int64_t> offsets{0};
  int64_t elements = 0;
  bool open = false;
  for (int64_t i = L.entry_begin; i < L.entry_end; ++i) {
    const uint16_t r = L.rep_at(i), df = L.def_at(i);
    if (r <= d) {
      if (df < rad) {
        open = false;
        continue;
      }
      if (!validity.empty()) offsets.push_back(elements);
      bool valid = df >= node.def_level;
      any_null |= !valid;
      validity.push_back(valid);
      open = true;
      if (df >= node.elem_def) ++elements;
    } else if (r == node.rep_level) {
      if (!open || df < node.elem_def) {
        return Status::InvalidInput(StrCat("expected a list element to continue at level entry ", i,
                                           " but found no open list (definition level ", df, ")"));
      }
      ++elements;
    }
  }
  if (!validity.empty()) offsets.push_back(elements);
  QUIVER_ASSIGN_OR_RETURN(ArrayPtr child, Assemble(node.children[0], leaves, node.rep_level, node.elem_def));
  if (child->length != elements) {
    return Status::InvalidInput(StrCat("expected ", elements, " list elements but the levels of '",
                                       node.children[0].field->name(), "' give ", child->length));
  }
  if (StorageOf(node)->id() == TypeId::kFixedSizeList) {
    // Lists absent through a null ancestor need padding too, whether the list is nullable.
    std::vector<bool> present = any_null ? validity : std::vector<bool>{};
    if (!any_null || !nullable) validity.clear();
    return FixedSizeFromList(node, offsets, std::move(child), present, validity);
  }
  if (!any_null || !nullable) validity.clear();
  switch (StorageOf(node)->id()) {
    case TypeId::kListView:
    case TypeId::kLargeListView: {
      std::vector<int64_t> sizes(offsets.size() - 1);
      for (size_t i = 0; i < sizes.size(); ++i) sizes[i] = offsets[i + 1] - offsets[i];
      offsets.pop_back();
      return Wrap(node, MakeListViewArray(StorageOf(node), offsets, sizes, std::move(child), validity));
    }
    default:
      return Wrap(node, MakeListArray(StorageOf(node), offsets, std::move(child), validity));
  }
}

}  // namespace

Result<ArrayPtr> AssembleColumn(const FieldNode& node, std::vector<column::LeafData>& leaves) {
  return Assemble(node, leaves, 0, 0);
}

}  // namespace quiver::parquet::arrow
