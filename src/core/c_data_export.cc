// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Exporting schemas and arrays through the Arrow C Data Interface.
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "core/str_cat.h"
#include "quiver/arrow/c_data.h"

namespace quiver {

using internal::StrCat;

namespace {

std::string UnitChar(TimeUnit u) {
  switch (u) {
    case TimeUnit::kSecond: return "s";
    case TimeUnit::kMilli: return "m";
    case TimeUnit::kMicro: return "u";
    case TimeUnit::kNano: return "n";
  }
  return "s";
}

std::string UnionCodes(const DataType& t) {
  std::string out;
  for (size_t i = 0; i < t.type_codes().size(); ++i) out += StrCat(i ? "," : "", static_cast<int>(t.type_codes()[i]));
  return out;
}

// The format string of a (storage, non-dictionary) type.
std::string FormatOf(const DataType& t) {
  switch (t.id()) {
    case TypeId::kNull: return "n";
    case TypeId::kBool: return "b";
    case TypeId::kInt8: return "c";
    case TypeId::kUInt8: return "C";
    case TypeId::kInt16: return "s";
    case TypeId::kUInt16: return "S";
    case TypeId::kInt32: return "i";
    case TypeId::kUInt32: return "I";
    case TypeId::kInt64: return "l";
    case TypeId::kUInt64: return "L";
    case TypeId::kFloat16: return "e";
    case TypeId::kFloat32: return "f";
    case TypeId::kFloat64: return "g";
    case TypeId::kDecimal32: return StrCat("d:", t.precision(), ",", t.scale(), ",32");
    case TypeId::kDecimal64: return StrCat("d:", t.precision(), ",", t.scale(), ",64");
    case TypeId::kDecimal128: return StrCat("d:", t.precision(), ",", t.scale());
    case TypeId::kDecimal256: return StrCat("d:", t.precision(), ",", t.scale(), ",256");
    case TypeId::kDate32: return "tdD";
    case TypeId::kDate64: return "tdm";
    case TypeId::kTime32:
    case TypeId::kTime64: return "tt" + UnitChar(t.unit());
    case TypeId::kTimestamp: return StrCat("ts", UnitChar(t.unit()), ":", t.timezone());
    case TypeId::kDuration: return "tD" + UnitChar(t.unit());
    case TypeId::kIntervalYearMonth: return "tiM";
    case TypeId::kIntervalDayTime: return "tiD";
    case TypeId::kIntervalMonthDayNano: return "tin";
    case TypeId::kBinary: return "z";
    case TypeId::kUtf8: return "u";
    case TypeId::kLargeBinary: return "Z";
    case TypeId::kLargeUtf8: return "U";
    case TypeId::kBinaryView: return "vz";
    case TypeId::kUtf8View: return "vu";
    case TypeId::kFixedSizeBinary: return StrCat("w:", t.byte_width());
    case TypeId::kList: return "+l";
    case TypeId::kLargeList: return "+L";
    case TypeId::kFixedSizeList: return StrCat("+w:", t.list_size());
    case TypeId::kListView: return "+vl";
    case TypeId::kLargeListView: return "+vL";
    case TypeId::kStruct: return "+s";
    case TypeId::kMap: return "+m";
    case TypeId::kSparseUnion: return "+us:" + UnionCodes(t);
    case TypeId::kDenseUnion: return "+ud:" + UnionCodes(t);
    case TypeId::kRunEndEncoded: return "+r";
    case TypeId::kDictionary:
    case TypeId::kExtension: break;  // handled by the caller
  }
  return "n";
}

void AppendInt32(std::string* out, int32_t v) { out->append(reinterpret_cast<const char*>(&v), 4); }

std::string EncodeMetadata(const KeyValueMetadata& kv) {
  if (kv.empty()) return {};
  std::string out;
  AppendInt32(&out, static_cast<int32_t>(kv.size()));
  for (const auto& [k, v] : kv) {
    AppendInt32(&out, static_cast<int32_t>(k.size()));
    out += k;
    AppendInt32(&out, static_cast<int32_t>(v.size()));
    out += v;
  }
  return out;
}

// What an exported schema owns: its strings and children.
struct SchemaData {
  std::string format, name, metadata;
  std::vector<ArrowSchema> children;
  std::vector<ArrowSchema*> child_ptrs;
  std::unique_ptr<ArrowSchema> dictionary;
};

void ReleaseSchema(ArrowSchema* s) {
  if (s == nullptr || s->release == nullptr) return;
  auto* d = static_cast<SchemaData*>(s->private_data);
  for (auto& c : d->children) {
    if (c.release) c.release(&c);
  }
  if (d->dictionary && d->dictionary->release) d->dictionary->release(d->dictionary.get());
  delete d;
  s->release = nullptr;
}

void Fill(const std::string& name, const DataType& type, bool nullable, KeyValueMetadata metadata, ArrowSchema* out) {
  auto* d = new SchemaData();
  const DataType* t = &type;
  if (t->id() == TypeId::kExtension) {
    metadata.emplace_back("ARROW:extension:name", t->extension_name());
    metadata.emplace_back("ARROW:extension:metadata", t->extension_metadata());
    t = t->storage_type().get();
  }
  int64_t flags = nullable ? ARROW_FLAG_NULLABLE : 0;
  if (t->id() == TypeId::kDictionary) {
    d->format = FormatOf(*t->index_type());
    if (t->ordered()) flags |= ARROW_FLAG_DICTIONARY_ORDERED;
    d->dictionary = std::make_unique<ArrowSchema>();
    Fill("", *t->value_type(), true, {}, d->dictionary.get());
  } else {
    d->format = FormatOf(*t);
    if (t->id() == TypeId::kMap && t->keys_sorted()) flags |= ARROW_FLAG_MAP_KEYS_SORTED;
    d->children.resize(t->fields().size());
    for (size_t i = 0; i < t->fields().size(); ++i) {
      const Field& f = *t->fields()[i];
      Fill(f.name(), *f.type(), f.nullable(), f.metadata(), &d->children[i]);
    }
    for (auto& c : d->children) d->child_ptrs.push_back(&c);
  }
  d->name = name;
  d->metadata = EncodeMetadata(metadata);
  out->format = d->format.c_str();
  out->name = d->name.c_str();
  out->metadata = d->metadata.empty() ? nullptr : d->metadata.data();
  out->flags = flags;
  out->n_children = static_cast<int64_t>(d->children.size());
  out->children = d->child_ptrs.empty() ? nullptr : d->child_ptrs.data();
  out->dictionary = d->dictionary.get();
  out->release = ReleaseSchema;
  out->private_data = d;
}

// What an exported array owns: the array (keeping its buffers alive) and the C structs.
struct ArrayHolder {
  ArrayPtr array;
  std::vector<const void*> buffers;
  std::vector<int64_t> variadic_sizes;
  std::vector<ArrowArray> children;
  std::vector<ArrowArray*> child_ptrs;
  std::unique_ptr<ArrowArray> dictionary;
};

void ReleaseArray(ArrowArray* a) {
  if (a == nullptr || a->release == nullptr) return;
  auto* h = static_cast<ArrayHolder*>(a->private_data);
  for (auto& c : h->children) {
    if (c.release) c.release(&c);
  }
  if (h->dictionary && h->dictionary->release) h->dictionary->release(h->dictionary.get());
  delete h;
  a->release = nullptr;
}

void FillArray(const ArrayPtr& array, ArrowArray* out) {
  auto* h = new ArrayHolder();
  h->array = array;
  const ArrayData& a = *array;
  for (const auto& b : a.buffers) h->buffers.push_back(b ? b->data() : nullptr);
  const DataType* t = a.type.get();
  while (t->id() == TypeId::kExtension) t = t->storage_type().get();
  if (t->id() == TypeId::kBinaryView || t->id() == TypeId::kUtf8View) {
    for (size_t i = 2; i < a.buffers.size(); ++i) h->variadic_sizes.push_back(a.buffers[i] ? a.buffers[i]->size() : 0);
    h->buffers.push_back(h->variadic_sizes.data());
  }
  h->children.resize(a.children.size());
  for (size_t i = 0; i < a.children.size(); ++i) FillArray(a.children[i], &h->children[i]);
  for (auto& c : h->children) h->child_ptrs.push_back(&c);
  if (a.dictionary) {
    h->dictionary = std::make_unique<ArrowArray>();
    FillArray(a.dictionary, h->dictionary.get());
  }
  out->length = a.length;
  out->null_count = a.null_count;
  out->offset = a.offset;
  out->n_buffers = static_cast<int64_t>(h->buffers.size());
  out->n_children = static_cast<int64_t>(h->children.size());
  out->buffers = h->buffers.empty() ? nullptr : h->buffers.data();
  out->children = h->child_ptrs.empty() ? nullptr : h->child_ptrs.data();
  out->dictionary = h->dictionary.get();
  out->release = ReleaseArray;
  out->private_data = h;
}

}  // namespace

Status ExportField(const Field& field, ArrowSchema* out) {
  if (out == nullptr) return Status::InvalidArgument("expected an ArrowSchema to fill but found null");
  Fill(field.name(), *field.type(), field.nullable(), field.metadata(), out);
  return Status::OK();
}

Status ExportType(const DataType& type, ArrowSchema* out) {
  if (out == nullptr) return Status::InvalidArgument("expected an ArrowSchema to fill but found null");
  Fill("", type, true, {}, out);
  return Status::OK();
}

Status ExportArray(const ArrayPtr& array, ArrowArray* out) {
  if (out == nullptr || !array) return Status::InvalidArgument("expected an array and an ArrowArray to fill");
  FillArray(array, out);
  return Status::OK();
}

}  // namespace quiver
