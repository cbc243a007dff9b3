// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "quiver/arrow/type.h"

#include <algorithm>

#include "core/str_cat.h"

namespace quiver {

using internal::StrCat;

std::string_view TimeUnitName(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kSecond: return "s";
    case TimeUnit::kMilli: return "ms";
    case TimeUnit::kMicro: return "us";
    case TimeUnit::kNano: return "ns";
  }
  return "?";
}

// Builds DataType instances; the only code that touches their private fields.
struct TypeFactory {
  static std::shared_ptr<DataType> New(TypeId id) { return std::shared_ptr<DataType>(new DataType(id)); }
  static TypePtr Simple(TypeId id) { return New(id); }
  static TypePtr WithUnit(TypeId id, TimeUnit unit, std::string tz = {}) {
    auto t = New(id);
    t->unit_ = unit;
    t->str_a_ = std::move(tz);
    return t;
  }
  static TypePtr WithParams(TypeId id, int32_t a, int32_t b) {
    auto t = New(id);
    t->param_a_ = a;
    t->param_b_ = b;
    return t;
  }
  static TypePtr Nested(TypeId id, std::vector<FieldPtr> fields, int32_t a = 0, bool flag = false) {
    auto t = New(id);
    t->fields_ = std::move(fields);
    t->param_a_ = a;
    t->flag_ = flag;
    return t;
  }
  static TypePtr Union(TypeId id, std::vector<FieldPtr> fields, std::vector<int8_t> codes) {
    if (codes.empty()) {
      for (size_t i = 0; i < fields.size(); ++i) codes.push_back(static_cast<int8_t>(i));
    }
    auto t = New(id);
    t->fields_ = std::move(fields);
    t->type_codes_ = std::move(codes);
    return t;
  }
  static TypePtr Dictionary(TypePtr index, TypePtr value, bool ordered) {
    auto t = New(TypeId::kDictionary);
    t->type_a_ = std::move(index);
    t->type_b_ = std::move(value);
    t->flag_ = ordered;
    return t;
  }
  static TypePtr Extension(std::string name, TypePtr storage, std::string metadata) {
    auto t = New(TypeId::kExtension);
    t->str_a_ = std::move(name);
    t->str_b_ = std::move(metadata);
    t->type_a_ = std::move(storage);
    return t;
  }
};

#define QUIVER_SINGLETON_TYPE(fn, id)                     \
  TypePtr fn() {                                          \
    static const TypePtr kType = TypeFactory::Simple(id); \
    return kType;                                         \
  }
QUIVER_SINGLETON_TYPE(null, TypeId::kNull)
QUIVER_SINGLETON_TYPE(boolean, TypeId::kBool)
QUIVER_SINGLETON_TYPE(int8, TypeId::kInt8)
QUIVER_SINGLETON_TYPE(int16, TypeId::kInt16)
QUIVER_SINGLETON_TYPE(int32, TypeId::kInt32)
QUIVER_SINGLETON_TYPE(int64, TypeId::kInt64)
QUIVER_SINGLETON_TYPE(uint8, TypeId::kUInt8)
QUIVER_SINGLETON_TYPE(uint16, TypeId::kUInt16)
QUIVER_SINGLETON_TYPE(uint32, TypeId::kUInt32)
QUIVER_SINGLETON_TYPE(uint64, TypeId::kUInt64)
QUIVER_SINGLETON_TYPE(float16, TypeId::kFloat16)
QUIVER_SINGLETON_TYPE(float32, TypeId::kFloat32)
QUIVER_SINGLETON_TYPE(float64, TypeId::kFloat64)
QUIVER_SINGLETON_TYPE(date32, TypeId::kDate32)
QUIVER_SINGLETON_TYPE(date64, TypeId::kDate64)
QUIVER_SINGLETON_TYPE(interval_year_month, TypeId::kIntervalYearMonth)
QUIVER_SINGLETON_TYPE(interval_day_time, TypeId::kIntervalDayTime)
QUIVER_SINGLETON_TYPE(interval_month_day_nano, TypeId::kIntervalMonthDayNano)
QUIVER_SINGLETON_TYPE(binary, TypeId::kBinary)
QUIVER_SINGLETON_TYPE(utf8, TypeId::kUtf8)
QUIVER_SINGLETON_TYPE(large_binary, TypeId::kLargeBinary)
QUIVER_SINGLETON_TYPE(large_utf8, TypeId::kLargeUtf8)
QUIVER_SINGLETON_TYPE(binary_view, TypeId::kBinaryView)
QUIVER_SINGLETON_TYPE(utf8_view, TypeId::kUtf8View)
#undef QUIVER_SINGLETON_TYPE

TypePtr decimal32(int32_t p, int32_t s) { return TypeFactory::WithParams(TypeId::kDecimal32, p, s); }
TypePtr decimal64(int32_t p, int32_t s) { return TypeFactory::WithParams(TypeId::kDecimal64, p, s); }
TypePtr decimal128(int32_t p, int32_t s) { return TypeFactory::WithParams(TypeId::kDecimal128, p, s); }
TypePtr decimal256(int32_t p, int32_t s) { return TypeFactory::WithParams(TypeId::kDecimal256, p, s); }
TypePtr time32(TimeUnit unit) { return TypeFactory::WithUnit(TypeId::kTime32, unit); }
TypePtr time64(TimeUnit unit) { return TypeFactory::WithUnit(TypeId::kTime64, unit); }
TypePtr timestamp(TimeUnit unit, std::string tz) { return TypeFactory::WithUnit(TypeId::kTimestamp, unit, std::move(tz)); }
TypePtr duration(TimeUnit unit) { return TypeFactory::WithUnit(TypeId::kDuration, unit); }
TypePtr fixed_size_binary(int32_t w) { return TypeFactory::WithParams(TypeId::kFixedSizeBinary, w, 0); }

namespace {
FieldPtr Item(TypePtr t) { return field("item", std::move(t)); }
}  // namespace

TypePtr list(FieldPtr f) { return TypeFactory::Nested(TypeId::kList, {std::move(f)}); }
TypePtr list(TypePtr t) { return list(Item(std::move(t))); }
TypePtr large_list(FieldPtr f) { return TypeFactory::Nested(TypeId::kLargeList, {std::move(f)}); }
TypePtr large_list(TypePtr t) { return large_list(Item(std::move(t))); }
TypePtr fixed_size_list(FieldPtr f, int32_t n) { return TypeFactory::Nested(TypeId::kFixedSizeList, {std::move(f)}, n); }
TypePtr fixed_size_list(TypePtr t, int32_t n) { return fixed_size_list(Item(std::move(t)), n); }
TypePtr list_view(FieldPtr f) { return TypeFactory::Nested(TypeId::kListView, {std::move(f)}); }
TypePtr list_view(TypePtr t) { return list_view(Item(std::move(t))); }
TypePtr large_list_view(FieldPtr f) { return TypeFactory::Nested(TypeId::kLargeListView, {std::move(f)}); }
TypePtr large_list_view(TypePtr t) { return large_list_view(Item(std::move(t))); }
TypePtr struct_(std::vector<FieldPtr> fields) { return TypeFactory::Nested(TypeId::kStruct, std::move(fields)); }
TypePtr map(TypePtr key, TypePtr item, bool keys_sorted) {
  auto entries = field("entries", struct_({field("key", std::move(key), false), field("value", std::move(item))}), false);
  return map(std::move(entries), keys_sorted);
}
TypePtr map(FieldPtr entries, bool keys_sorted) {
  return TypeFactory::Nested(TypeId::kMap, {std::move(entries)}, 0, keys_sorted);
}
TypePtr sparse_union(std::vector<FieldPtr> f, std::vector<int8_t> c) {
  return TypeFactory::Union(TypeId::kSparseUnion, std::move(f), std::move(c));
}
TypePtr dense_union(std::vector<FieldPtr> f, std::vector<int8_t> c) {
  return TypeFactory::Union(TypeId::kDenseUnion, std::move(f), std::move(c));
}
TypePtr dictionary(TypePtr index, TypePtr value, bool ordered) {
  return TypeFactory::Dictionary(std::move(index), std::move(value), ordered);
}
TypePtr run_end_encoded(TypePtr run_end_type, TypePtr value_type) {
  return TypeFactory::Nested(TypeId::kRunEndEncoded,
                             {field("run_ends", std::move(run_end_type), false), field("values", std::move(value_type))});
}
TypePtr extension(std::string name, TypePtr storage, std::string metadata) {
  return TypeFactory::Extension(std::move(name), std::move(storage), std::move(metadata));
}

FieldPtr field(std::string name, TypePtr type, bool nullable, KeyValueMetadata metadata) {
  return std::make_shared<Field>(std::move(name), std::move(type), nullable, std::move(metadata));
}
SchemaPtr schema(std::vector<FieldPtr> fields, KeyValueMetadata metadata) {
  return std::make_shared<Schema>(std::move(fields), std::move(metadata));
}

std::string_view DataType::name() const {
  switch (id_) {
    case TypeId::kNull: return "null";
    case TypeId::kBool: return "bool";
    case TypeId::kInt8: return "int8";
    case TypeId::kInt16: return "int16";
    case TypeId::kInt32: return "int32";
    case TypeId::kInt64: return "int64";
    case TypeId::kUInt8: return "uint8";
    case TypeId::kUInt16: return "uint16";
    case TypeId::kUInt32: return "uint32";
    case TypeId::kUInt64: return "uint64";
    case TypeId::kFloat16: return "float16";
    case TypeId::kFloat32: return "float32";
    case TypeId::kFloat64: return "float64";
    case TypeId::kDecimal32: return "decimal32";
    case TypeId::kDecimal64: return "decimal64";
    case TypeId::kDecimal128: return "decimal128";
    case TypeId::kDecimal256: return "decimal256";
    case TypeId::kDate32: return "date32";
    case TypeId::kDate64: return "date64";
    case TypeId::kTime32: return "time32";
    case TypeId::kTime64: return "time64";
    case TypeId::kTimestamp: return "timestamp";
    case TypeId::kDuration: return "duration";
    case TypeId::kIntervalYearMonth: return "interval_year_month";
    case TypeId::kIntervalDayTime: return "interval_day_time";
    case TypeId::kIntervalMonthDayNano: return "interval_month_day_nano";
    case TypeId::kBinary: return "binary";
    case TypeId::kUtf8: return "utf8";
    case TypeId::kLargeBinary: return "large_binary";
    case TypeId::kLargeUtf8: return "large_utf8";
    case TypeId::kBinaryView: return "binary_view";
    case TypeId::kUtf8View: return "utf8_view";
    case TypeId::kFixedSizeBinary: return "fixed_size_binary";
    case TypeId::kList: return "list";
    case TypeId::kLargeList: return "large_list";
    case TypeId::kFixedSizeList: return "fixed_size_list";
    case TypeId::kListView: return "list_view";
    case TypeId::kLargeListView: return "large_list_view";
    case TypeId::kStruct: return "struct";
    case TypeId::kMap: return "map";
    case TypeId::kSparseUnion: return "sparse_union";
    case TypeId::kDenseUnion: return "dense_union";
    case TypeId::kDictionary: return "dictionary";
    case TypeId::kRunEndEncoded: return "run_end_encoded";
    case TypeId::kExtension: return "extension";
  }
  return "unknown";
}

bool IsInteger(TypeId id) { return id >= TypeId::kInt8 && id <= TypeId::kUInt64; }
bool IsSignedInteger(TypeId id) { return id >= TypeId::kInt8 && id <= TypeId::kInt64; }
bool IsFixedWidth(TypeId id) {
  return (id >= TypeId::kBool && id <= TypeId::kIntervalMonthDayNano) || id == TypeId::kFixedSizeBinary;
}

int32_t DataType::byte_width() const {
  switch (id_) {
    case TypeId::kFixedSizeBinary: return param_a_;
    case TypeId::kDecimal32: return 4;
    case TypeId::kDecimal64: return 8;
    case TypeId::kDecimal128: return 16;
    case TypeId::kDecimal256: return 32;
    default: return bit_width() / 8;
  }
}

int32_t DataType::bit_width() const {
  switch (id_) {
    case TypeId::kBool: return 1;
    case TypeId::kInt8:
    case TypeId::kUInt8: return 8;
    case TypeId::kInt16:
    case TypeId::kUInt16:
    case TypeId::kFloat16: return 16;
    case TypeId::kInt32:
    case TypeId::kUInt32:
    case TypeId::kFloat32:
    case TypeId::kDecimal32:
    case TypeId::kDate32:
    case TypeId::kTime32:
    case TypeId::kIntervalYearMonth: return 32;
    case TypeId::kInt64:
    case TypeId::kUInt64:
    case TypeId::kFloat64:
    case TypeId::kDecimal64:
    case TypeId::kDate64:
    case TypeId::kTime64:
    case TypeId::kTimestamp:
    case TypeId::kDuration:
    case TypeId::kIntervalDayTime: return 64;
    case TypeId::kDecimal128:
    case TypeId::kIntervalMonthDayNano:
    case TypeId::kBinaryView:
    case TypeId::kUtf8View: return 128;
    case TypeId::kDecimal256: return 256;
    case TypeId::kFixedSizeBinary: return param_a_ > INT32_MAX / 8 ? 0 : param_a_ * 8;
    default: return 0;
  }
}

DataTypeLayout DataType::layout() const {
  DataTypeLayout l;
  auto add = [&l](BufferKind kind, int32_t width = 0) { l.buffers[l.num_buffers++] = BufferSpec{kind, width}; };
  switch (id_) {
    case TypeId::kNull:
    case TypeId::kRunEndEncoded: break;
    case TypeId::kBool:
      add(BufferKind::kValidity);
      add(BufferKind::kBitmap);
      break;
    case TypeId::kBinary:
    case TypeId::kUtf8:
      add(BufferKind::kValidity);
      add(BufferKind::kOffsets32, 4);
      add(BufferKind::kData);
      break;
    case TypeId::kLargeBinary:
    case TypeId::kLargeUtf8:
      add(BufferKind::kValidity);
      add(BufferKind::kOffsets64, 8);
      add(BufferKind::kData);
      break;
    case TypeId::kBinaryView:
    case TypeId::kUtf8View:
      add(BufferKind::kValidity);
      add(BufferKind::kViews, 16);
      l.variadic = true;
      break;
    case TypeId::kList:
    case TypeId::kMap:
      add(BufferKind::kValidity);
      add(BufferKind::kOffsets32, 4);
      break;
    case TypeId::kLargeList:
      add(BufferKind::kValidity);
      add(BufferKind::kOffsets64, 8);
      break;
    case TypeId::kListView:
      add(BufferKind::kValidity);
      add(BufferKind::kOffsets32, 4);
      add(BufferKind::kSizes32, 4);
      break;
    case TypeId::kLargeListView:
      add(BufferKind::kValidity);
      add(BufferKind::kOffsets64, 8);
      add(BufferKind::kSizes64, 8);
      break;
    case TypeId::kFixedSizeList:
    case TypeId::kStruct: add(BufferKind::kValidity); break;
    case TypeId::kSparseUnion: add(BufferKind::kTypeIds, 1); break;
    case TypeId::kDenseUnion:
      add(BufferKind::kTypeIds, 1);
      add(BufferKind::kUnionOffsets, 4);
      break;
    case TypeId::kDictionary: return type_a_ ? type_a_->layout() : l;
    case TypeId::kExtension: return type_a_ ? type_a_->layout() : l;
    default:
      add(BufferKind::kValidity);
      add(BufferKind::kFixedWidth, byte_width());
      break;
  }
  return l;
}

namespace {

bool MetadataEquals(const KeyValueMetadata& a, const KeyValueMetadata& b) { return a == b; }

bool TypesEqual(const TypePtr& a, const TypePtr& b, bool check_metadata) {
  if (a == b) return true;
  if (!a || !b) return false;
  return a->Equals(*b, check_metadata);
}

}  // namespace

bool DataType::Equals(const DataType& o, bool check_metadata) const {
  if (this == &o) return true;
  if (id_ != o.id_ || unit_ != o.unit_ || flag_ != o.flag_ || param_a_ != o.param_a_ || param_b_ != o.param_b_ ||
      str_a_ != o.str_a_ || str_b_ != o.str_b_ || type_codes_ != o.type_codes_ || fields_.size() != o.fields_.size()) {
    return false;
  }
  if (!TypesEqual(type_a_, o.type_a_, check_metadata) || !TypesEqual(type_b_, o.type_b_, check_metadata)) return false;
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (!fields_[i]->Equals(*o.fields_[i], check_metadata)) return false;
  }
  return true;
}

std::string DataType::ToString() const {
  std::string out(name());
  auto child_list = [this](std::string* s) {
    for (size_t i = 0; i < fields_.size(); ++i) {
      if (i) s->append(", ");
      s->append(fields_[i]->ToString());
    }
  };
  switch (id_) {
    case TypeId::kDecimal32:
    case TypeId::kDecimal64:
    case TypeId::kDecimal128:
    case TypeId::kDecimal256: return StrCat(out, "(", precision(), ", ", scale(), ")");
    case TypeId::kDate32: return "date32[day]";
    case TypeId::kDate64: return "date64[ms]";
    case TypeId::kTime32:
    case TypeId::kTime64:
    case TypeId::kDuration: return StrCat(out, "[", TimeUnitName(unit_), "]");
    case TypeId::kTimestamp:
      if (timezone().empty()) return StrCat(out, "[", TimeUnitName(unit_), "]");
      return StrCat(out, "[", TimeUnitName(unit_), ", tz=", timezone(), "]");
    case TypeId::kFixedSizeBinary: return StrCat(out, "[", byte_width(), "]");
    case TypeId::kList:
    case TypeId::kLargeList:
    case TypeId::kListView:
    case TypeId::kLargeListView:
    case TypeId::kStruct:
    case TypeId::kRunEndEncoded:
      out.push_back('<');
      child_list(&out);
      out.push_back('>');
      return out;
    case TypeId::kFixedSizeList:
      out.push_back('<');
      child_list(&out);
      return StrCat(out, ">[", list_size(), "]");
    case TypeId::kMap: {
      const DataType* entries = fields_.empty() ? nullptr : fields_[0]->type().get();
      if (entries == nullptr || entries->num_fields() != 2) return out;
      return StrCat(out, "<", entries->field(0)->type()->ToString(), ", ", entries->field(1)->type()->ToString(),
                    keys_sorted() ? ", keys_sorted" : "", ">");
    }
    case TypeId::kSparseUnion:
    case TypeId::kDenseUnion:
      out.push_back('<');
      for (size_t i = 0; i < fields_.size(); ++i) {
        if (i) out.append(", ");
        out.append(fields_[i]->ToString());
        if (i < type_codes_.size()) out.append(StrCat("=", static_cast<int>(type_codes_[i])));
      }
      out.push_back('>');
      return out;
    case TypeId::kDictionary:
      return StrCat("dictionary<values=", type_b_ ? type_b_->ToString() : "?",
                    ", indices=", type_a_ ? type_a_->ToString() : "?", ordered() ? ", ordered" : "", ">");
    case TypeId::kExtension:
      return StrCat("extension<", extension_name(), ">[", type_a_ ? type_a_->ToString() : "?", "]");
    default: return out;
  }
}

bool Field::Equals(const Field& o, bool check_metadata) const {
  if (this == &o) return true;
  if (name_ != o.name_ || nullable_ != o.nullable_) return false;
  if (check_metadata && !MetadataEquals(metadata_, o.metadata_)) return false;
  return TypesEqual(type_, o.type_, check_metadata);
}

std::string Field::ToString() const {
  return StrCat(name_, ": ", type_ ? type_->ToString() : "?", nullable_ ? "" : " not null");
}

int Schema::GetFieldIndex(std::string_view name) const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i]->name() == name) return static_cast<int>(i);
  }
  return -1;
}

bool Schema::Equals(const Schema& o, bool check_metadata) const {
  if (this == &o) return true;
  if (fields_.size() != o.fields_.size()) return false;
  if (check_metadata && !MetadataEquals(metadata_, o.metadata_)) return false;
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (!fields_[i]->Equals(*o.fields_[i], check_metadata)) return false;
  }
  return true;
}

std::string Schema::ToString() const {
  std::string out;
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (i) out.push_back('\n');
    out.append(fields_[i]->ToString());
  }
  if (!metadata_.empty()) {
    out.append("\n-- schema metadata --");
    for (const auto& [k, v] : metadata_) out.append(StrCat("\n", k, ": ", v));
  }
  return out;
}

namespace {

Status ValidateTypeAt(const DataType& t, int32_t depth, int32_t max_depth);

Status ValidateChildren(const DataType& t, int32_t depth, int32_t max_depth) {
  for (int i = 0; i < t.num_fields(); ++i) {
    const FieldPtr& f = t.field(i);
    if (!f || !f->type()) return Status::InvalidInput(StrCat("child ", i, " of ", t.name(), " has no type"));
    QUIVER_RETURN_IF_ERROR_CTX(ValidateTypeAt(*f->type(), depth + 1, max_depth),
                               StrCat("child[", i, "]"));
  }
  return Status::OK();
}

Status ExpectChildren(const DataType& t, int n) {
  if (t.num_fields() != n) {
    return Status::InvalidInput(StrCat("expected ", n, " child field", n == 1 ? "" : "s", " for ", t.name(),
                                       " but found ", t.num_fields()));
  }
  return Status::OK();
}

Status ValidateTypeAt(const DataType& t, int32_t depth, int32_t max_depth) {
  if (depth > max_depth) {
    return Status::LimitExceeded(StrCat("type nesting is deeper than the limit of ", max_depth));
  }
  switch (t.id()) {
    case TypeId::kDecimal32:
    case TypeId::kDecimal64:
    case TypeId::kDecimal128:
    case TypeId::kDecimal256: {
      const int32_t max_precision = t.id() == TypeId::kDecimal32   ? 9
                                    : t.id() == TypeId::kDecimal64 ? 18
                                    : t.id() == TypeId::kDecimal128 ? 38
                                                                    : 76;
      if (t.precision() < 1 || t.precision() > max_precision) {
        return Status::InvalidInput(StrCat("expected ", t.name(), " precision in [1, ", max_precision,
                                           "] but found ", t.precision()));
      }
      if (t.scale() > t.precision()) {
        return Status::InvalidInput(StrCat("expected ", t.name(), " scale <= precision ", t.precision(),
                                           " but found ", t.scale()));
      }
      return Status::OK();
    }
    case TypeId::kTime32:
      if (t.unit() != TimeUnit::kSecond && t.unit() != TimeUnit::kMilli) {
        return Status::InvalidInput(StrCat("expected time32 unit s or ms but found ", TimeUnitName(t.unit())));
      }
      return Status::OK();
    case TypeId::kTime64:
      if (t.unit() != TimeUnit::kMicro && t.unit() != TimeUnit::kNano) {
        return Status::InvalidInput(StrCat("expected time64 unit us or ns but found ", TimeUnitName(t.unit())));
      }
      return Status::OK();
    case TypeId::kFixedSizeBinary:
      if (t.byte_width() < 0) {
        return Status::InvalidInput(StrCat("expected fixed_size_binary byte width >= 0 but found ", t.byte_width()));
      }
      return Status::OK();
    case TypeId::kList:
    case TypeId::kLargeList:
    case TypeId::kListView:
    case TypeId::kLargeListView:
      QUIVER_RETURN_IF_ERROR(ExpectChildren(t, 1));
      return ValidateChildren(t, depth, max_depth);
    case TypeId::kFixedSizeList:
      QUIVER_RETURN_IF_ERROR(ExpectChildren(t, 1));
      if (t.list_size() < 0) {
        return Status::InvalidInput(StrCat("expected fixed_size_list size >= 0 but found ", t.list_size()));
      }
      return ValidateChildren(t, depth, max_depth);
    case TypeId::kStruct: return ValidateChildren(t, depth, max_depth);
    case TypeId::kMap: {
      QUIVER_RETURN_IF_ERROR(ExpectChildren(t, 1));
      const FieldPtr& entries = t.field(0);
      if (!entries || !entries->type() || entries->type()->id() != TypeId::kStruct ||
          entries->type()->num_fields() != 2) {
        return Status::InvalidInput("expected map entries to be a struct of two fields (key, value)");
      }
      if (entries->nullable()) return Status::InvalidInput("expected map entries to be non-nullable");
      const FieldPtr& key = entries->type()->field(0);
      if (!key || key->nullable()) return Status::InvalidInput("expected map keys to be non-nullable");
      return ValidateChildren(t, depth, max_depth);
    }
    case TypeId::kSparseUnion:
    case TypeId::kDenseUnion: {
      const auto& codes = t.type_codes();
      if (codes.size() != t.fields().size()) {
        return Status::InvalidInput(StrCat("expected ", t.num_fields(), " union type codes (one per child) but found ",
                                           codes.size()));
      }
      bool seen[128] = {};
      for (int8_t c : codes) {
        if (c < 0) return Status::InvalidInput(StrCat("expected union type codes in [0, 127] but found ", static_cast<int>(c)));
        if (seen[c]) return Status::InvalidInput(StrCat("union type code ", static_cast<int>(c), " appears twice"));
        seen[c] = true;
      }
      return ValidateChildren(t, depth, max_depth);
    }
    case TypeId::kDictionary:
      if (!t.index_type() || !IsInteger(t.index_type()->id())) {
        return Status::InvalidInput(StrCat("expected an integer dictionary index type but found ",
                                           t.index_type() ? t.index_type()->ToString() : "none"));
      }
      if (!t.value_type()) return Status::InvalidInput("dictionary type has no value type");
      QUIVER_RETURN_IF_ERROR_CTX(ValidateTypeAt(*t.value_type(), depth + 1, max_depth), "dictionary");
      return Status::OK();
    case TypeId::kRunEndEncoded: {
      QUIVER_RETURN_IF_ERROR(ExpectChildren(t, 2));
      const FieldPtr& ends = t.field(0);
      if (!ends || !ends->type()) return Status::InvalidInput("run_end_encoded has no run ends type");
      TypeId e = ends->type()->id();
      if (e != TypeId::kInt16 && e != TypeId::kInt32 && e != TypeId::kInt64) {
        return Status::InvalidInput(StrCat("expected run ends of type int16, int32 or int64 but found ",
                                           ends->type()->ToString()));
      }
      if (ends->nullable()) return Status::InvalidInput("expected run ends to be non-nullable");
      return ValidateChildren(t, depth, max_depth);
    }
    case TypeId::kExtension:
      if (!t.storage_type()) return Status::InvalidInput("extension type has no storage type");
      if (t.storage_type()->id() == TypeId::kExtension) {
        return Status::InvalidInput("an extension type's storage cannot itself be an extension type");
      }
      return ValidateTypeAt(*t.storage_type(), depth + 1, max_depth);
    default: return Status::OK();
  }
}

}  // namespace

Status ValidateType(const DataType& type, int32_t max_depth) { return ValidateTypeAt(type, 0, max_depth); }

}  // namespace quiver
