// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Default-level validation: after it, every access through the type layout is in bounds.
// The content checks of the full level live in validate_full.cc.
#include "quiver/arrow/validate.h"

#include <type_traits>

#include "core/checked_math.h"
#include "core/str_cat.h"
#include "core/validate_internal.h"

namespace quiver {

using internal::ChildSegment;
using internal::LayoutType;
using internal::LoadAt;
using internal::StrCat;

namespace {

std::string_view BufferName(BufferKind kind) {
  switch (kind) {
    case BufferKind::kValidity: return "validity bitmap";
    case BufferKind::kBitmap: return "values bitmap";
    case BufferKind::kFixedWidth: return "values buffer";
    case BufferKind::kOffsets32:
    case BufferKind::kOffsets64:
    case BufferKind::kUnionOffsets: return "offsets buffer";
    case BufferKind::kData: return "data buffer";
    case BufferKind::kViews: return "views buffer";
    case BufferKind::kTypeIds: return "type ids buffer";
    case BufferKind::kSizes32:
    case BufferKind::kSizes64: return "sizes buffer";
  }
  return "buffer";
}

Status BufferTooSmall(BufferKind kind, bool overflow, int64_t needed, int64_t size) {
  if (overflow) {
    return Status::InvalidInput(StrCat(BufferName(kind), " needs more than ", INT64_MAX, " bytes but has ", size));
  }
  return Status::InvalidInput(StrCat(BufferName(kind), " needs ", needed, " bytes but has ", size));
}

// length, offset and null_count, which every later check relies on.
Status CheckHeader(const ArrayData& a, const DataType& t) {
  if (a.length < 0) return Status::InvalidInput(StrCat("expected length >= 0 but found ", a.length));
  if (a.offset < 0) return Status::InvalidInput(StrCat("expected offset >= 0 but found ", a.offset));
  int64_t end;
  if (!internal::AddChecked(a.offset, a.length, &end)) {
    return Status::InvalidInput(
        StrCat("expected offset + length <= ", INT64_MAX, " but found ", a.offset, " + ", a.length));
  }
  if (a.null_count < kUnknownNullCount || a.null_count > a.length) {
    return Status::InvalidInput(StrCat("expected null_count in [-1, ", a.length, "] but found ", a.null_count));
  }
  if (t.id() == TypeId::kNull) {
    if (a.null_count != kUnknownNullCount && a.null_count != a.length) {
      return Status::InvalidInput(
          StrCat("expected null_count ", a.length, " (length) for a null array but found ", a.null_count));
    }
  } else if (!internal::HasValidityBitmap(t) && a.null_count > 0) {
    // Unions and run-end encoded arrays have no validity bitmap: their nulls are their
    // children's, so a positive count is a lie that IsValid() could not honour.
    return Status::InvalidInput(
        StrCat("expected null_count 0 for ", t.name(), " (no validity bitmap) but found ", a.null_count));
  }
  return Status::OK();
}

// Buffer count, presence and sizes against the type layout.
Status CheckBuffers(const ArrayData& a, const DataType& t) {
  const DataTypeLayout layout = t.layout();
  const size_t fixed = static_cast<size_t>(layout.num_buffers);
  if (layout.variadic ? a.buffers.size() < fixed : a.buffers.size() != fixed) {
    return Status::InvalidInput(StrCat("expected ", layout.variadic ? "at least " : "", fixed, " buffers for ", t.name(),
                                       " but found ", a.buffers.size()));
  }
  if (internal::HasValidityBitmap(t) && a.null_count > 0 && a.buffers[0] == nullptr) {
    return Status::InvalidInput(StrCat("expected validity bitmap for null_count ", a.null_count, " but found none"));
  }
  const int64_t end = a.offset + a.length;  // checked by CheckHeader
  const bool is_list_view = t.id() == TypeId::kListView || t.id() == TypeId::kLargeListView;
  if (a.length == 0) {
    // Nothing can be read from an empty array, so its buffers may be absent or empty
    // (producers write empty offsets buffers for empty arrays). A non-empty offsets buffer
    // must still hold offset + 1 entries, as in Arrow C++, so that its first entry exists.
    for (size_t i = 0; i < fixed; ++i) {
      const BufferSpec& spec = layout.buffers[i];
      const auto& b = a.buffers[i];
      if ((spec.kind == BufferKind::kOffsets32 || spec.kind == BufferKind::kOffsets64) && !is_list_view && b &&
          b->size() > 0) {
        int64_t needed;
        const bool overflow = !internal::MulChecked<int64_t>(end + 1, spec.byte_width, &needed);
        if (overflow || b->size() < needed) return BufferTooSmall(spec.kind, overflow, needed, b->size());
      }
    }
    return Status::OK();
  }
  for (size_t i = 0; i < fixed; ++i) {
    const BufferSpec& spec = layout.buffers[i];
    const auto& b = a.buffers[i];
    if (b == nullptr) {
      if (spec.kind == BufferKind::kValidity) continue;
      return Status::InvalidInput(StrCat("expected ", BufferName(spec.kind), " at buffers[", i, "] but found null"));
    }
    int64_t needed = 0;
    bool overflow = false;
    switch (spec.kind) {
      case BufferKind::kValidity:
      case BufferKind::kBitmap: needed = internal::BytesForBits(end); break;
      case BufferKind::kData: continue;  // bounded by the offsets, checked per offset below
      case BufferKind::kOffsets32:
      case BufferKind::kOffsets64:
        if (!is_list_view) {  // length + 1 offsets; list views have one per slot
          overflow = end == INT64_MAX || !internal::MulChecked<int64_t>(end + 1, spec.byte_width, &needed);
          break;
        }
        overflow = !internal::MulChecked<int64_t>(end, spec.byte_width, &needed);
        break;
      default: overflow = !internal::MulChecked<int64_t>(end, spec.byte_width, &needed); break;
    }
    if (overflow || b->size() < needed) return BufferTooSmall(spec.kind, overflow, needed, b->size());
  }
  for (size_t i = fixed; i < a.buffers.size(); ++i) {
    if (a.buffers[i] == nullptr) {
      return Status::InvalidInput(StrCat("expected variadic data buffer at buffers[", i, "] but found null"));
    }
  }
  return Status::OK();
}

// Offsets [offset, offset + length] of a binary, utf8, list or map array: each in
// [0, limit] and non-decreasing. Arrow C++ checks only the first and last offset at its
// default level; we check all, because readers compute `offsets[i + 1] - offsets[i]` and
// index with it, so one bad offset anywhere is an out-of-bounds read. Precondition:
// length > 0 and the offsets buffer holds offset + length + 1 entries.
template <typename O>
Status CheckOffsets(const ArrayData& a, int64_t limit, std::string_view limit_name) {
  const uint8_t* p = a.buffers[1]->data();
  const int64_t first = a.offset;
  const int64_t last = a.offset + a.length;
  // Fast path, one branch-free pass: non-decreasing offsets with the first >= 0 and the
  // last <= limit are all in [0, limit].
  O prev = LoadAt<O>(p, first);
  const O first_value = prev;
  bool decreasing = false;
  for (int64_t i = first + 1; i <= last; ++i) {
    const O o = LoadAt<O>(p, i);
    decreasing |= o < prev;
    prev = o;
  }
  if (!decreasing && first_value >= 0 && static_cast<int64_t>(prev) <= limit) return Status::OK();
  // Slow path: name the first bad offset.
  for (int64_t i = first; i <= last; ++i) {
    const int64_t o = LoadAt<O>(p, i);
    if (o < 0) return Status::InvalidInput(StrCat("expected offset[", i, "] >= 0 but found ", o));
    if (o > limit) {
      return Status::InvalidInput(StrCat("expected offset[", i, "] <= ", limit, " (", limit_name, ") but found ", o));
    }
    if (i > first) {
      const int64_t before = LoadAt<O>(p, i - 1);
      if (o < before) {
        return Status::InvalidInput(
            StrCat("expected offset[", i, "] >= ", before, " (offset[", i - 1, "]) but found ", o));
      }
    }
  }
  return Status::OK();
}

// List-view offsets and sizes of every slot, null or not: offset >= 0, size >= 0 and
// offset + size <= child length. Precondition: length > 0, buffers sized.
template <typename O>
Status CheckListViews(const ArrayData& a, int64_t limit) {
  const uint8_t* po = a.buffers[1]->data();
  const uint8_t* ps = a.buffers[2]->data();
  const int64_t end = a.offset + a.length;
  // In unsigned arithmetic a negative value is huge, so two comparisons cover all cases;
  // `ulimit - o` may wrap only when o > ulimit, which is already flagged.
  const uint64_t ulimit = static_cast<uint64_t>(limit);
  bool bad = false;
  for (int64_t i = a.offset; i < end; ++i) {
    const uint64_t o = static_cast<uint64_t>(static_cast<int64_t>(LoadAt<O>(po, i)));
    const uint64_t s = static_cast<uint64_t>(static_cast<int64_t>(LoadAt<O>(ps, i)));
    bad |= (o > ulimit) | (s > ulimit - o);
  }
  if (!bad) return Status::OK();
  for (int64_t i = a.offset; i < end; ++i) {
    const int64_t o = LoadAt<O>(po, i);
    const int64_t s = LoadAt<O>(ps, i);
    if (o < 0) return Status::InvalidInput(StrCat("expected offset[", i, "] >= 0 but found ", o));
    if (s < 0) return Status::InvalidInput(StrCat("expected size[", i, "] >= 0 but found ", s));
    if (o > limit || s > limit - o) {
      return Status::InvalidInput(StrCat("expected offset[", i, "] + size[", i, "] <= ", limit,
                                         " (child length) but found ", o, " + ", s));
    }
  }
  return Status::OK();
}

// Every binary view, null or not: length >= 0; an out-of-line view names an existing
// variadic buffer and lies inside it.
Status CheckViews(const ArrayData& a) {
  const uint8_t* views = a.buffers[1]->data();
  const int64_t num_variadic = static_cast<int64_t>(a.buffers.size()) - 2;
  const int64_t end = a.offset + a.length;
  for (int64_t i = a.offset; i < end; ++i) {
    const uint8_t* v = views + i * 16;
    const int32_t length = LoadAt<int32_t>(v, 0);
    if (length <= 12) {
      if (length < 0) return Status::InvalidInput(StrCat("expected view[", i, "] length >= 0 but found ", length));
      continue;
    }
    const int32_t index = LoadAt<int32_t>(v, 2);
    const int32_t offset = LoadAt<int32_t>(v, 3);
    if (index < 0 || index >= num_variadic) {
      return Status::InvalidInput(
          StrCat("expected view[", i, "] buffer index in [0, ", num_variadic, ") but found ", index));
    }
    if (offset < 0) return Status::InvalidInput(StrCat("expected view[", i, "] offset >= 0 but found ", offset));
    const int64_t size = a.buffers[2 + static_cast<size_t>(index)]->size();
    if (int64_t{offset} + length > size) {
      return Status::InvalidInput(StrCat("expected view[", i, "] offset + length <= ", size,
                                         " (size of variadic buffer ", index, ") but found ", offset, " + ", length));
    }
  }
  return Status::OK();
}

std::string TypeCodeList(const DataType& t) {
  std::string out = "{";
  for (size_t k = 0; k < t.type_codes().size(); ++k) {
    if (k) out.append(", ");
    internal::AppendPiece(&out, static_cast<int>(t.type_codes()[k]));
  }
  out.push_back('}');
  return out;
}

// Union type ids name a child; dense-union offsets lie inside that child. Both are
// default-level checks (Arrow C++ defers them to full validation) because a reader
// indexes children with them.
Status CheckUnion(const ArrayData& a, const DataType& t) {
  const auto child_of = internal::ChildIndexByTypeCode(t);
  const uint8_t* ids = a.buffers[0]->data();
  const int64_t end = a.offset + a.length;
  bool bad = false;
  for (int64_t i = a.offset; i < end; ++i) bad |= child_of[ids[i]] < 0;
  if (bad) {
    for (int64_t i = a.offset; i < end; ++i) {
      if (child_of[ids[i]] < 0) {
        return Status::InvalidInput(StrCat("expected type_id[", i, "] in ", TypeCodeList(t), " but found ",
                                           static_cast<int>(static_cast<int8_t>(ids[i]))));
      }
    }
  }
  if (t.id() != TypeId::kDenseUnion) return Status::OK();
  std::array<uint64_t, 128> child_length{};
  for (size_t k = 0; k < a.children.size(); ++k) child_length[k] = static_cast<uint64_t>(a.children[k]->length);
  const uint8_t* offsets = a.buffers[1]->data();
  for (int64_t i = a.offset; i < end; ++i) {
    const uint64_t o = static_cast<uint64_t>(int64_t{LoadAt<int32_t>(offsets, i)});
    bad |= o >= child_length[static_cast<size_t>(child_of[ids[i]])];
  }
  if (!bad) return Status::OK();
  for (int64_t i = a.offset; i < end; ++i) {
    const int k = child_of[ids[i]];
    const int32_t o = LoadAt<int32_t>(offsets, i);
    if (o < 0 || static_cast<uint64_t>(o) >= child_length[static_cast<size_t>(k)]) {
      return Status::InvalidInput(StrCat("expected offset[", i, "] in [0, ", child_length[static_cast<size_t>(k)],
                                         ") (length of child[", k, "]) but found ", o));
    }
  }
  return Status::OK();
}

// Dictionary indices of valid slots are in [0, dictionary length). Arrow C++ checks this
// only at full level; it is a default check here because a reader dereferences each valid
// index. Indices under null slots are arbitrary, as the format allows.
template <typename I>
Status CheckIndices(const ArrayData& a, int64_t dictionary_length) {
  // Widen signed indices with sign extension, so that negative ones become huge.
  using Wide = std::conditional_t<std::is_signed_v<I>, int64_t, uint64_t>;
  const uint8_t* p = a.buffers[1]->data();
  const internal::SlotValidity validity(a);
  const uint64_t limit = static_cast<uint64_t>(dictionary_length);
  const int64_t end = a.offset + a.length;
  bool bad = false;
  if (validity.all_valid()) {
    for (int64_t i = a.offset; i < end; ++i) bad |= static_cast<uint64_t>(static_cast<Wide>(LoadAt<I>(p, i))) >= limit;
  } else {
    for (int64_t i = a.offset; i < end; ++i) {
      bad |= validity.IsValid(i) && static_cast<uint64_t>(static_cast<Wide>(LoadAt<I>(p, i))) >= limit;
    }
  }
  if (!bad) return Status::OK();
  for (int64_t i = a.offset; i < end; ++i) {
    const I index = LoadAt<I>(p, i);
    if (validity.IsValid(i) && static_cast<uint64_t>(static_cast<Wide>(index)) >= limit) {
      return Status::InvalidInput(StrCat("expected index[", i, "] in [0, ", dictionary_length,
                                         ") (dictionary length) but found ", static_cast<Wide>(index)));
    }
  }
  return Status::OK();
}

Status CheckDictionaryIndices(const ArrayData& a, const DataType& t) {
  const int64_t n = a.dictionary->length;
  switch (t.index_type()->id()) {
    case TypeId::kInt8: return CheckIndices<int8_t>(a, n);
    case TypeId::kInt16: return CheckIndices<int16_t>(a, n);
    case TypeId::kInt32: return CheckIndices<int32_t>(a, n);
    case TypeId::kInt64: return CheckIndices<int64_t>(a, n);
    case TypeId::kUInt8: return CheckIndices<uint8_t>(a, n);
    case TypeId::kUInt16: return CheckIndices<uint16_t>(a, n);
    case TypeId::kUInt32: return CheckIndices<uint32_t>(a, n);
    case TypeId::kUInt64: return CheckIndices<uint64_t>(a, n);
    default: return Status::Internal("dictionary index type is not an integer after ValidateType");
  }
}

int64_t LastRunEnd(const ArrayData& ends) {
  const uint8_t* p = ends.buffers[1]->data();
  const int64_t i = ends.offset + ends.length - 1;
  switch (ends.type->id()) {
    case TypeId::kInt16: return LoadAt<int16_t>(p, i);
    case TypeId::kInt32: return LoadAt<int32_t>(p, i);
    default: return LoadAt<int64_t>(p, i);
  }
}

// Run ends have no nulls, values cover every run, and the last run end covers the slice.
// With that, the binary search for any logical position in the slice lands on a run in
// range even if the run ends are unsorted (sortedness is a full-level check): the search
// can only return "past the end" when the last run end is <= the position.
Status CheckRunEndEncoded(const ArrayData& a) {
  const ArrayData& ends = *a.children[0];
  const ArrayData& values = *a.children[1];
  const int64_t nulls = internal::CountNullsInRange(ends, 0, ends.length);
  if (nulls > 0) {
    return Status::InvalidInput(StrCat("expected no nulls in run ends but found ", nulls)).WithContext(ChildSegment(0));
  }
  // The format does not say the children have equal lengths; Arrow C++ accepts more values
  // than runs, and so do we.
  if (values.length < ends.length) {
    return Status::InvalidInput(StrCat("expected length >= ", ends.length, " (number of run ends) but found ",
                                       values.length))
        .WithContext(ChildSegment(1));
  }
  if (a.length == 0) return Status::OK();
  if (ends.length == 0) {
    return Status::InvalidInput(StrCat("expected at least one run end for length ", a.length, " but found none"));
  }
  const int64_t last = LastRunEnd(ends);
  const int64_t end = a.offset + a.length;
  if (last < end) {
    return Status::InvalidInput(StrCat("expected last run end >= ", end, " (offset + length) but found ", last));
  }
  return Status::OK();
}

// A child must hold the parent's slice (struct, sparse union) or its lists (fixed-size list).
Status CheckChildCovers(const ArrayData& child, size_t i, int64_t end) {
  if (child.length < end) {
    return Status::InvalidInput(StrCat("expected length >= ", end, " (parent offset + length) but found ", child.length))
        .WithContext(ChildSegment(i));
  }
  return Status::OK();
}

Status CheckFixedSizeListChild(const ArrayData& a, const DataType& t) {
  const ArrayData& child = *a.children[0];
  const int64_t end = a.offset + a.length;
  int64_t needed;
  const bool overflow = !internal::MulChecked<int64_t>(end, t.list_size(), &needed);
  if (overflow || child.length < needed) {
    return Status::InvalidInput(StrCat("expected length >= ",
                                       overflow ? StrCat(end, " * ", t.list_size()) : StrCat(needed),
                                       " (parent (offset + length) * list_size) but found ", child.length))
        .WithContext(ChildSegment(0));
  }
  return Status::OK();
}

class LayoutValidator {
 public:
  explicit LayoutValidator(const Limits& limits) : limits_(limits) {}

  // Precondition: a.type is set and equal to a type that passed ValidateType.
  Status Validate(const ArrayData& a, int32_t depth) {
    if (depth > limits_.max_nesting_depth) {
      return Status::LimitExceeded(StrCat("array nesting is deeper than the limit of ", limits_.max_nesting_depth));
    }
    const DataType& t = LayoutType(*a.type);
    QUIVER_RETURN_IF_ERROR(CheckHeader(a, t));
    QUIVER_RETURN_IF_ERROR(CheckBuffers(a, t));
    // Children and dictionary first: the checks below compare against their lengths.
    QUIVER_RETURN_IF_ERROR(ValidateChildren(a, t, depth));
    if (t.id() == TypeId::kDictionary) QUIVER_RETURN_IF_ERROR(ValidateDictionary(a, t, depth));
    return CheckContent(a, t);
  }

 private:
  Status ValidateChildren(const ArrayData& a, const DataType& t, int32_t depth) {
    const size_t expected = static_cast<size_t>(t.num_fields());
    if (a.children.size() != expected) {
      return Status::InvalidInput(StrCat("expected ", expected, expected == 1 ? " child" : " children", " for ",
                                         t.name(), " but found ", a.children.size()));
    }
    for (size_t i = 0; i < expected; ++i) {
      const ArrayPtr& child = a.children[i];
      if (child == nullptr) {
        return Status::InvalidInput("expected child array but found null").WithContext(ChildSegment(i));
      }
      QUIVER_RETURN_IF_ERROR_CTX(CheckType(child->type, t.field(static_cast<int>(i))->type()), ChildSegment(i));
      QUIVER_RETURN_IF_ERROR_CTX(Validate(*child, depth + 1), ChildSegment(i));
    }
    return Status::OK();
  }

  Status ValidateDictionary(const ArrayData& a, const DataType& t, int32_t depth) {
    if (a.dictionary == nullptr) return Status::InvalidInput("expected dictionary array but found null");
    QUIVER_RETURN_IF_ERROR_CTX(CheckType(a.dictionary->type, t.value_type()), "dictionary");
    QUIVER_RETURN_IF_ERROR_CTX(Validate(*a.dictionary, depth + 1), "dictionary");
    return Status::OK();
  }

  // The array's type must equal the type its parent declares, so that readers may follow
  // either, and so that only the top-level type needs ValidateType.
  static Status CheckType(const TypePtr& actual, const TypePtr& expected) {
    if (actual == nullptr) return Status::InvalidInput(StrCat("expected type ", expected->ToString(), " but found none"));
    if (!actual->Equals(*expected)) {
      return Status::InvalidInput(StrCat("expected type ", expected->ToString(), " but found ", actual->ToString()));
    }
    return Status::OK();
  }

  static Status CheckContent(const ArrayData& a, const DataType& t) {
    const int64_t end = a.offset + a.length;
    switch (t.id()) {
      case TypeId::kFixedSizeList: return CheckFixedSizeListChild(a, t);
      case TypeId::kStruct:
      case TypeId::kSparseUnion:
        for (size_t i = 0; i < a.children.size(); ++i) QUIVER_RETURN_IF_ERROR(CheckChildCovers(*a.children[i], i, end));
        break;
      case TypeId::kRunEndEncoded: return CheckRunEndEncoded(a);
      case TypeId::kMap: {
        const int64_t nulls = internal::CountNullsInRange(*a.children[0], 0, a.children[0]->length);
        if (nulls > 0) {
          return Status::InvalidInput(StrCat("expected no nulls in map entries but found ", nulls))
              .WithContext(ChildSegment(0));
        }
        break;
      }
      default: break;
    }
    // The rest reads buffers, which an empty array may lack.
    if (a.length == 0) return Status::OK();
    switch (t.id()) {
      case TypeId::kBinary:
      case TypeId::kUtf8: return CheckOffsets<int32_t>(a, DataSize(a), "data size");
      case TypeId::kLargeBinary:
      case TypeId::kLargeUtf8: return CheckOffsets<int64_t>(a, DataSize(a), "data size");
      case TypeId::kList:
      case TypeId::kMap: return CheckOffsets<int32_t>(a, a.children[0]->length, "child length");
      case TypeId::kLargeList: return CheckOffsets<int64_t>(a, a.children[0]->length, "child length");
      case TypeId::kListView: return CheckListViews<int32_t>(a, a.children[0]->length);
      case TypeId::kLargeListView: return CheckListViews<int64_t>(a, a.children[0]->length);
      case TypeId::kBinaryView:
      case TypeId::kUtf8View: return CheckViews(a);
      case TypeId::kSparseUnion:
      case TypeId::kDenseUnion: return CheckUnion(a, t);
      case TypeId::kDictionary: return CheckDictionaryIndices(a, t);
      default: return Status::OK();
    }
  }

  static int64_t DataSize(const ArrayData& a) { return a.buffers[2]->size(); }

  const Limits& limits_;
};

Status ValidateTop(const ArrayData& array, const Limits& limits) {
  if (array.type == nullptr) return Status::InvalidInput("expected a type but found none");
  QUIVER_RETURN_IF_ERROR(ValidateType(*array.type, limits.max_nesting_depth));
  return LayoutValidator(limits).Validate(array, 0);
}

Status ValidateRecordBatchAt(const RecordBatch& batch, const Limits& limits, bool full) {
  const Schema& schema = *batch.schema();
  if (batch.num_columns() != schema.num_fields()) {
    return Status::InvalidInput(StrCat("expected ", schema.num_fields(), " columns (one per schema field) but found ",
                                       batch.num_columns()));
  }
  for (int i = 0; i < schema.num_fields(); ++i) {
    const FieldPtr& f = schema.field(i);
    if (f == nullptr || f->type() == nullptr) {
      return Status::InvalidInput("expected a schema field with a type but found none")
          .WithContext(StrCat("column[", i, "]"));
    }
    const std::string segment = StrCat("column[", internal::Quoted(f->name()), "]");
    const ArrayPtr& c = batch.column(i);
    if (c == nullptr) return Status::InvalidInput("expected column array but found null").WithContext(segment);
    if (c->length != batch.num_rows()) {
      return Status::InvalidInput(StrCat("expected ", batch.num_rows(), " rows but found ", c->length))
          .WithContext(segment);
    }
    if (c->type == nullptr || !c->type->Equals(*f->type())) {
      return Status::InvalidInput(StrCat("expected type ", f->type()->ToString(), " but found ",
                                         c->type ? c->type->ToString() : "none"))
          .WithContext(segment);
    }
    QUIVER_RETURN_IF_ERROR_CTX(full ? ValidateArrayFull(*c, limits) : ValidateArray(*c, limits), segment);
  }
  return Status::OK();
}

}  // namespace

Status ValidateArray(const ArrayData& array, const Limits& limits) { return ValidateTop(array, limits); }

Status ValidateRecordBatch(const RecordBatch& batch, const Limits& limits) {
  return ValidateRecordBatchAt(batch, limits, false);
}

Status ValidateRecordBatchFull(const RecordBatch& batch, const Limits& limits) {
  return ValidateRecordBatchAt(batch, limits, true);
}

}  // namespace quiver
