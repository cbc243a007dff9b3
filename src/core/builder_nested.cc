// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Nested, dictionary, run-end encoded and extension arrays from finished children.
// The checks here are the cheap ones that catch a wrong argument (a length, a child type,
// an offset beyond the child); content checks are ValidateArray's job.
#include <cstring>

#include "core/builder_internal.h"
#include "core/checked_math.h"
#include "core/str_cat.h"
#include "quiver/arrow/builder.h"

namespace quiver {

using internal::StrCat;

namespace {

std::string TypeName(const TypePtr& type) { return type ? type->ToString() : "none"; }

Status ExpectType(const TypePtr& type, std::initializer_list<TypeId> ids, std::string_view what) {
  if (type) {
    for (TypeId id : ids) {
      if (type->id() == id) return Status::OK();
    }
  }
  return Status::InvalidArgument(StrCat("expected ", what, " type but found ", TypeName(type)));
}

Status ExpectChild(const ArrayPtr& child, const TypePtr& expected, std::string_view what) {
  if (!child || !child->type) return Status::InvalidArgument(StrCat("expected ", what, " array but found none"));
  if (!child->type->Equals(*expected)) {
    return Status::InvalidArgument(
        StrCat("expected ", what, " of type ", expected->ToString(), " but found ", child->type->ToString()));
  }
  return Status::OK();
}

Status ExpectValiditySize(const std::vector<bool>& validity, int64_t length) {
  if (!validity.empty() && static_cast<int64_t>(validity.size()) != length) {
    return Status::InvalidArgument(
        StrCat("expected ", length, " validity entries (one per slot) but found ", validity.size()));
  }
  return Status::OK();
}

/// `values` as a buffer of 4- or 8-byte integers; each must fit the width.
Result<std::shared_ptr<Buffer>> IntBuffer(const std::vector<int64_t>& values, int width, std::string_view what,
                                          MemoryPool* pool) {
  QUIVER_ASSIGN_OR_RETURN(auto buf, Buffer::Allocate(static_cast<int64_t>(values.size()) * width, pool));
  uint8_t* out = buf->mutable_data();
  for (size_t i = 0; i < values.size(); ++i) {
    if (width == 4) {
      if (values[i] > INT32_MAX) {
        return Status::InvalidArgument(StrCat("expected 32-bit ", what, " but found ", values[i], " at ", i));
      }
      const int32_t v = static_cast<int32_t>(values[i]);
      std::memcpy(out + i * 4, &v, 4);
    } else {
      std::memcpy(out + i * 8, &values[i], 8);
    }
  }
  return buf;
}

int64_t ReadIndex(const ArrayData& a, int64_t i) {
  const uint8_t* p = a.buffers[1]->data() + (a.offset + i) * a.type->byte_width();
  switch (a.type->id()) {
    case TypeId::kInt8: return static_cast<int8_t>(*p);
    case TypeId::kUInt8: return *p;
    case TypeId::kInt16: { int16_t v; std::memcpy(&v, p, 2); return v; }
    case TypeId::kUInt16: { uint16_t v; std::memcpy(&v, p, 2); return v; }
    case TypeId::kInt32: { int32_t v; std::memcpy(&v, p, 4); return v; }
    case TypeId::kUInt32: { uint32_t v; std::memcpy(&v, p, 4); return v; }
    case TypeId::kUInt64: {
      uint64_t v;
      std::memcpy(&v, p, 8);
      return v > static_cast<uint64_t>(INT64_MAX) ? -1 : static_cast<int64_t>(v);
    }
    default: { int64_t v; std::memcpy(&v, p, 8); return v; }
  }
}

/// Checks the shape of a flat integer array made by a builder: its values buffer is
/// present and long enough for the slots being read.
Status ExpectIntValues(const ArrayData& a, std::string_view what) {
  const int64_t w = a.type->byte_width();
  if (a.buffers.size() < 2 || !a.buffers[1] || a.buffers[1]->size() / w < a.offset + a.length) {
    return Status::InvalidArgument(StrCat(what, " array has no values buffer of ", a.offset + a.length, " values"));
  }
  return Status::OK();
}

}  // namespace

Result<ArrayPtr> MakeListArray(TypePtr type, const std::vector<int64_t>& offsets, ArrayPtr values,
                               const std::vector<bool>& validity, MemoryPool* pool) {
  QUIVER_RETURN_IF_ERROR(ExpectType(type, {TypeId::kList, TypeId::kLargeList, TypeId::kMap}, "a list, large_list or map"));
  QUIVER_RETURN_IF_ERROR(ExpectChild(values, type->field(0)->type(), "list values"));
  if (offsets.empty()) return Status::InvalidArgument("expected length + 1 list offsets but found none");
  const int64_t length = static_cast<int64_t>(offsets.size()) - 1;
  QUIVER_RETURN_IF_ERROR(ExpectValiditySize(validity, length));
  if (offsets[0] < 0) return Status::InvalidArgument(StrCat("expected list offsets >= 0 but found ", offsets[0]));
  for (size_t i = 1; i < offsets.size(); ++i) {
    if (offsets[i] < offsets[i - 1]) {
      return Status::InvalidArgument(StrCat("expected non-decreasing list offsets but found ", offsets[i], " after ",
                                            offsets[i - 1], " at ", i));
    }
  }
  if (offsets.back() > values->length) {
    return Status::InvalidArgument(
        StrCat("expected list offsets <= ", values->length, " (the values' length) but found ", offsets.back()));
  }
  const int width = type->id() == TypeId::kLargeList ? 8 : 4;
  QUIVER_ASSIGN_OR_RETURN(auto offsets_buf, IntBuffer(offsets, width, "list offsets", pool));
  int64_t nulls = 0;
  QUIVER_ASSIGN_OR_RETURN(auto bits, ValidityFromBools(validity, &nulls, pool));
  return MakeArrayData(std::move(type), length, {std::move(bits), std::move(offsets_buf)}, {std::move(values)}, nulls);
}

Result<ArrayPtr> MakeListViewArray(TypePtr type, const std::vector<int64_t>& offsets, const std::vector<int64_t>& sizes,
                                   ArrayPtr values, const std::vector<bool>& validity, MemoryPool* pool) {
  QUIVER_RETURN_IF_ERROR(ExpectType(type, {TypeId::kListView, TypeId::kLargeListView}, "a list_view or large_list_view"));
  QUIVER_RETURN_IF_ERROR(ExpectChild(values, type->field(0)->type(), "list values"));
  if (offsets.size() != sizes.size()) {
    return Status::InvalidArgument(
        StrCat("expected as many list-view sizes as offsets (", offsets.size(), ") but found ", sizes.size()));
  }
  const int64_t length = static_cast<int64_t>(offsets.size());
  QUIVER_RETURN_IF_ERROR(ExpectValiditySize(validity, length));
  for (size_t i = 0; i < offsets.size(); ++i) {
    // Every view, null or not, must lie inside the values (the columnar format requires it).
    if (!internal::RangeInBounds(offsets[i], sizes[i], values->length)) {
      return Status::InvalidArgument(StrCat("expected list view ", i, " inside values of length ", values->length,
                                            " but found offset ", offsets[i], " and size ", sizes[i]));
    }
  }
  const int width = type->id() == TypeId::kLargeListView ? 8 : 4;
  QUIVER_ASSIGN_OR_RETURN(auto offsets_buf, IntBuffer(offsets, width, "list-view offsets", pool));
  QUIVER_ASSIGN_OR_RETURN(auto sizes_buf, IntBuffer(sizes, width, "list-view sizes", pool));
  int64_t nulls = 0;
  QUIVER_ASSIGN_OR_RETURN(auto bits, ValidityFromBools(validity, &nulls, pool));
  return MakeArrayData(std::move(type), length, {std::move(bits), std::move(offsets_buf), std::move(sizes_buf)},
                       {std::move(values)}, nulls);
}

Result<ArrayPtr> MakeFixedSizeListArray(TypePtr type, int64_t length, ArrayPtr values,
                                        const std::vector<bool>& validity, MemoryPool* pool) {
  QUIVER_RETURN_IF_ERROR(ExpectType(type, {TypeId::kFixedSizeList}, "a fixed_size_list"));
  QUIVER_RETURN_IF_ERROR(ExpectChild(values, type->field(0)->type(), "list values"));
  QUIVER_RETURN_IF_ERROR(internal::CheckCount(length));
  QUIVER_RETURN_IF_ERROR(ExpectValiditySize(validity, length));
  int64_t needed;
  if (type->list_size() < 0 || !internal::MulChecked<int64_t>(length, type->list_size(), &needed) ||
      needed > values->length) {
    return Status::InvalidArgument(StrCat("expected at least ", length, " * ", type->list_size(),
                                          " list values but found ", values->length));
  }
  int64_t nulls = 0;
  QUIVER_ASSIGN_OR_RETURN(auto bits, ValidityFromBools(validity, &nulls, pool));
  return MakeArrayData(std::move(type), length, {std::move(bits)}, {std::move(values)}, nulls);
}

Result<ArrayPtr> MakeStructArray(TypePtr type, std::vector<ArrayPtr> children, const std::vector<bool>& validity,
                                 int64_t length, MemoryPool* pool) {
  QUIVER_RETURN_IF_ERROR(ExpectType(type, {TypeId::kStruct}, "a struct"));
  if (static_cast<int64_t>(children.size()) != type->num_fields()) {
    return Status::InvalidArgument(
        StrCat("expected ", type->num_fields(), " struct children (one per field) but found ", children.size()));
  }
  for (size_t i = 0; i < children.size(); ++i) {
    QUIVER_RETURN_IF_ERROR_CTX(ExpectChild(children[i], type->field(static_cast<int>(i))->type(), "a child"),
                               StrCat("child[", i, "]"));
  }
  if (length < 0) length = children.empty() ? static_cast<int64_t>(validity.size()) : children[0]->length;
  for (size_t i = 0; i < children.size(); ++i) {
    if (children[i]->length < length) {
      return Status::InvalidArgument(StrCat("expected a child of length >= ", length, " but found ", children[i]->length))
          .WithContext(StrCat("child[", i, "]"));
    }
  }
  QUIVER_RETURN_IF_ERROR(ExpectValiditySize(validity, length));
  int64_t nulls = 0;
  QUIVER_ASSIGN_OR_RETURN(auto bits, ValidityFromBools(validity, &nulls, pool));
  return MakeArrayData(std::move(type), length, {std::move(bits)}, std::move(children), nulls);
}

Result<ArrayPtr> MakeStructArray(std::vector<FieldPtr> fields, std::vector<ArrayPtr> children,
                                 const std::vector<bool>& validity, int64_t length, MemoryPool* pool) {
  return MakeStructArray(struct_(std::move(fields)), std::move(children), validity, length, pool);
}

Result<ArrayPtr> MakeMapArray(TypePtr type, const std::vector<int64_t>& offsets, ArrayPtr keys, ArrayPtr items,
                              const std::vector<bool>& validity, MemoryPool* pool) {
  QUIVER_RETURN_IF_ERROR(ExpectType(type, {TypeId::kMap}, "a map"));
  const TypePtr& entries_type = type->field(0)->type();
  if (!entries_type || entries_type->id() != TypeId::kStruct || entries_type->num_fields() != 2) {
    return Status::InvalidArgument(StrCat("expected map entries to be a struct of two fields but found ",
                                          TypeName(entries_type)));
  }
  QUIVER_RETURN_IF_ERROR(ExpectChild(keys, entries_type->field(0)->type(), "map keys"));
  QUIVER_RETURN_IF_ERROR(ExpectChild(items, entries_type->field(1)->type(), "map items"));
  if (keys->length != items->length) {
    return Status::InvalidArgument(
        StrCat("expected as many map items as keys (", keys->length, ") but found ", items->length));
  }
  if (keys->GetNullCount() != 0) {
    return Status::InvalidArgument(StrCat("expected map keys without nulls but found ", keys->GetNullCount()));
  }
  const int64_t entries_length = keys->length;
  QUIVER_ASSIGN_OR_RETURN(auto entries, MakeStructArray(entries_type, {std::move(keys), std::move(items)}, {},
                                                        entries_length, pool));
  return MakeListArray(std::move(type), offsets, std::move(entries), validity, pool);
}

namespace {

/// Child index of each type code, or -1.
void ChildIndexByCode(const DataType& type, int (&by_code)[128]) {
  for (int& c : by_code) c = -1;
  for (size_t k = 0; k < type.type_codes().size(); ++k) {
    const int8_t code = type.type_codes()[k];
    if (code >= 0) by_code[code] = static_cast<int>(k);
  }
}

Status ExpectUnionChildren(const DataType& type, const std::vector<ArrayPtr>& children, int64_t min_length) {
  if (static_cast<int64_t>(children.size()) != type.num_fields()) {
    return Status::InvalidArgument(
        StrCat("expected ", type.num_fields(), " union children (one per field) but found ", children.size()));
  }
  for (size_t i = 0; i < children.size(); ++i) {
    QUIVER_RETURN_IF_ERROR_CTX(ExpectChild(children[i], type.field(static_cast<int>(i))->type(), "a child"),
                               StrCat("child[", i, "]"));
    if (children[i]->length < min_length) {
      return Status::InvalidArgument(StrCat("expected a child of length >= ", min_length, " but found ",
                                            children[i]->length))
          .WithContext(StrCat("child[", i, "]"));
    }
  }
  return Status::OK();
}

Status UnknownCode(int8_t code, size_t at) {
  return Status::InvalidArgument(StrCat("expected one of the union's type codes but found ", static_cast<int>(code),
                                        " at ", at));
}

}  // namespace

Result<ArrayPtr> MakeSparseUnionArray(TypePtr type, const std::vector<int8_t>& type_ids, std::vector<ArrayPtr> children,
                                      MemoryPool* pool) {
  QUIVER_RETURN_IF_ERROR(ExpectType(type, {TypeId::kSparseUnion}, "a sparse_union"));
  const int64_t length = static_cast<int64_t>(type_ids.size());
  QUIVER_RETURN_IF_ERROR(ExpectUnionChildren(*type, children, length));
  int by_code[128];
  ChildIndexByCode(*type, by_code);
  for (size_t i = 0; i < type_ids.size(); ++i) {
    if (type_ids[i] < 0 || by_code[type_ids[i]] < 0) return UnknownCode(type_ids[i], i);
  }
  QUIVER_ASSIGN_OR_RETURN(auto ids, Buffer::FromVector(type_ids, pool));
  return MakeArrayData(std::move(type), length, {std::move(ids)}, std::move(children), 0);
}

Result<ArrayPtr> MakeDenseUnionArray(TypePtr type, const std::vector<int8_t>& type_ids,
                                     const std::vector<int32_t>& offsets, std::vector<ArrayPtr> children,
                                     MemoryPool* pool) {
  QUIVER_RETURN_IF_ERROR(ExpectType(type, {TypeId::kDenseUnion}, "a dense_union"));
  QUIVER_RETURN_IF_ERROR(ExpectUnionChildren(*type, children, 0));
  if (offsets.size() != type_ids.size()) {
    return Status::InvalidArgument(
        StrCat("expected as many union offsets as type ids (", type_ids.size(), ") but found ", offsets.size()));
  }
  int by_code[128];
  ChildIndexByCode(*type, by_code);
  for (size_t i = 0; i < type_ids.size(); ++i) {
    if (type_ids[i] < 0 || by_code[type_ids[i]] < 0) return UnknownCode(type_ids[i], i);
    const int64_t child_length = children[static_cast<size_t>(by_code[type_ids[i]])]->length;
    if (offsets[i] < 0 || offsets[i] >= child_length) {
      return Status::InvalidArgument(StrCat("expected union offset ", i, " in [0, ", child_length, ") but found ",
                                            offsets[i]));
    }
  }
  QUIVER_ASSIGN_OR_RETURN(auto ids, Buffer::FromVector(type_ids, pool));
  QUIVER_ASSIGN_OR_RETURN(auto offs, Buffer::FromVector(offsets, pool));
  return MakeArrayData(std::move(type), static_cast<int64_t>(type_ids.size()), {std::move(ids), std::move(offs)},
                       std::move(children), 0);
}

Result<ArrayPtr> MakeDictionaryArray(TypePtr type, const ArrayPtr& indices, ArrayPtr dictionary) {
  QUIVER_RETURN_IF_ERROR(ExpectType(type, {TypeId::kDictionary}, "a dictionary"));
  QUIVER_RETURN_IF_ERROR(ExpectChild(indices, type->index_type(), "indices"));
  QUIVER_RETURN_IF_ERROR(ExpectChild(dictionary, type->value_type(), "a dictionary"));
  if (!IsInteger(indices->type->id())) {
    return Status::InvalidArgument(StrCat("expected integer indices but found ", indices->type->ToString()));
  }
  QUIVER_RETURN_IF_ERROR(ExpectIntValues(*indices, "indices"));
  // A wrong index would make every later reader go out of bounds, so it is worth the scan.
  for (int64_t i = 0; i < indices->length; ++i) {
    if (!indices->IsValid(i)) continue;
    const int64_t index = ReadIndex(*indices, i);
    if (index < 0 || index >= dictionary->length) {
      return Status::InvalidArgument(StrCat("expected dictionary indices in [0, ", dictionary->length,
                                            ") but found ", index, " at ", i));
    }
  }
  auto out = std::make_shared<ArrayData>(*indices);
  out->type = std::move(type);
  out->dictionary = std::move(dictionary);
  return out;
}

Result<ArrayPtr> MakeRunEndEncodedArray(ArrayPtr run_ends, ArrayPtr values, int64_t length) {
  if (!run_ends || !run_ends->type || !values || !values->type) {
    return Status::InvalidArgument("expected run ends and values arrays but found none");
  }
  const TypeId e = run_ends->type->id();
  if (e != TypeId::kInt16 && e != TypeId::kInt32 && e != TypeId::kInt64) {
    return Status::InvalidArgument(
        StrCat("expected run ends of type int16, int32 or int64 but found ", run_ends->type->ToString()));
  }
  if (run_ends->length != values->length) {
    return Status::InvalidArgument(
        StrCat("expected as many values as run ends (", run_ends->length, ") but found ", values->length));
  }
  if (run_ends->GetNullCount() != 0) return Status::InvalidArgument("expected run ends without nulls");
  QUIVER_RETURN_IF_ERROR(ExpectIntValues(*run_ends, "run ends"));
  int64_t previous = 0;
  for (int64_t i = 0; i < run_ends->length; ++i) {
    const int64_t end = ReadIndex(*run_ends, i);
    if (end <= previous) {
      return Status::InvalidArgument(
          StrCat("expected strictly increasing positive run ends but found ", end, " after ", previous, " at ", i));
    }
    previous = end;
  }
  if (length < 0) length = previous;
  if (length > previous) {
    return Status::InvalidArgument(StrCat("expected a length <= the last run end ", previous, " but found ", length));
  }
  TypePtr type = run_end_encoded(run_ends->type, values->type);
  return MakeArrayData(std::move(type), length, {}, {std::move(run_ends), std::move(values)}, 0);
}

Result<ArrayPtr> MakeExtensionArray(TypePtr type, const ArrayPtr& storage) {
  QUIVER_RETURN_IF_ERROR(ExpectType(type, {TypeId::kExtension}, "an extension"));
  if (!type->storage_type()) return Status::InvalidArgument("extension type has no storage type");
  QUIVER_RETURN_IF_ERROR(ExpectChild(storage, type->storage_type(), "storage"));
  auto out = std::make_shared<ArrayData>(*storage);
  out->type = std::move(type);
  return out;
}

}  // namespace quiver
