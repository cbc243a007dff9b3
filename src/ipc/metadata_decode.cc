// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Schema metadata: verified flatbuffers -> Quiver schema, types and dictionary ids.
#include "core/str_cat.h"
#include "ipc/metadata_internal.h"

namespace quiver::ipc::internal {

using quiver::internal::Quoted;
using quiver::internal::StrCat;

const DataType& StorageType(const DataType& type) {
  const DataType* t = &type;
  while (t->id() == TypeId::kExtension && t->storage_type()) t = t->storage_type().get();
  return *t;
}

KeyValueMetadata DecodeMetadata(const flatbuffers::Vector<flatbuffers::Offset<fb::KeyValue>>* kv) {
  KeyValueMetadata out;
  if (kv == nullptr) return out;
  out.reserve(kv->size());
  for (const fb::KeyValue* pair : *kv) {
    out.emplace_back(pair->key() ? pair->key()->str() : std::string(),
                     pair->value() ? pair->value()->str() : std::string());
  }
  return out;
}

namespace {

std::string FieldLabel(const fb::Field* f, size_t index) {
  if (f->name() != nullptr && f->name()->size() > 0) return Quoted(f->name()->string_view());
  return StrCat(index);
}

Result<TimeUnit> DecodeTimeUnit(fb::TimeUnit unit) {
  switch (unit) {
    case fb::TimeUnit::SECOND: return TimeUnit::kSecond;
    case fb::TimeUnit::MILLISECOND: return TimeUnit::kMilli;
    case fb::TimeUnit::MICROSECOND: return TimeUnit::kMicro;
    case fb::TimeUnit::NANOSECOND: return TimeUnit::kNano;
  }
  return Status::InvalidInput(StrCat("expected a time unit in [0, 3] but found ", static_cast<int>(unit)));
}

Result<TypePtr> DecodeInt(const fb::Int* p) {
  const int32_t width = p ? p->bit_width() : 0;
  const bool is_signed = p ? p->is_signed() : false;
  switch (width) {
    case 8: return is_signed ? int8() : uint8();
    case 16: return is_signed ? int16() : uint16();
    case 32: return is_signed ? int32() : uint32();
    case 64: return is_signed ? int64() : uint64();
    default: return Status::InvalidInput(StrCat("expected an integer bit width of 8, 16, 32 or 64 but found ", width));
  }
}

class SchemaDecoder {
 public:
  explicit SchemaDecoder(const ReadOptions& options) : limits_(options.limits) {}

  Result<FieldPtr> DecodeField(const fb::Field* f, int32_t depth, FieldIds* ids);

 private:
  Result<TypePtr> DecodeType(const fb::Field* f, std::vector<FieldPtr>& children);

  const Limits& limits_;
  int64_t fields_seen_ = 0;
};

Status ExpectChildren(std::string_view type_name, const std::vector<FieldPtr>& children, size_t n) {
  if (children.size() != n) {
    return Status::InvalidInput(StrCat("expected ", n, n == 1 ? " child" : " children", " for ", type_name,
                                       " but found ", children.size()));
  }
  return Status::OK();
}

Result<TypePtr> SchemaDecoder::DecodeType(const fb::Field* f, std::vector<FieldPtr>& children) {
  auto leaf = [&](TypePtr t) -> Result<TypePtr> {
    QUIVER_RETURN_IF_ERROR(ExpectChildren(t->name(), children, 0));
    return t;
  };
  const fb::Type kind = f->type_type();
  switch (kind) {
    case fb::Type::NONE: return Status::InvalidInput("expected a field type but found none");
    case fb::Type::Null: return leaf(null());
    case fb::Type::Bool: return leaf(boolean());
    case fb::Type::Int: {
      QUIVER_ASSIGN_OR_RETURN(TypePtr t, DecodeInt(f->type_as_Int()));
      return leaf(std::move(t));
    }
    case fb::Type::FloatingPoint: {
      const auto* p = f->type_as_FloatingPoint();
      const auto precision = p ? p->precision() : fb::Precision::HALF;
      switch (precision) {
        case fb::Precision::HALF: return leaf(float16());
        case fb::Precision::SINGLE: return leaf(float32());
        case fb::Precision::DOUBLE: return leaf(float64());
      }
      return Status::InvalidInput(
          StrCat("expected a floating point precision in [0, 2] but found ", static_cast<int>(precision)));
    }
    case fb::Type::Decimal: {
      const auto* p = f->type_as_Decimal();
      const int32_t precision = p ? p->precision() : 0, scale = p ? p->scale() : 0;
      const int32_t width = p ? p->bit_width() : 128;
      switch (width) {
        case 32: return leaf(decimal32(precision, scale));
        case 64: return leaf(decimal64(precision, scale));
        case 128: return leaf(decimal128(precision, scale));
        case 256: return leaf(decimal256(precision, scale));
        default:
          return Status::InvalidInput(StrCat("expected a decimal bit width of 32, 64, 128 or 256 but found ", width));
      }
    }
    case fb::Type::Date: {
      const auto* p = f->type_as_Date();
      const auto unit = p ? p->unit() : fb::DateUnit::MILLISECOND;
      if (unit == fb::DateUnit::DAY) return leaf(date32());
      if (unit == fb::DateUnit::MILLISECOND) return leaf(date64());
      return Status::InvalidInput(StrCat("expected a date unit in [0, 1] but found ", static_cast<int>(unit)));
    }
    case fb::Type::Time: {
      const auto* p = f->type_as_Time();
      QUIVER_ASSIGN_OR_RETURN(TimeUnit unit, DecodeTimeUnit(p ? p->unit() : fb::TimeUnit::MILLISECOND));
      const int32_t width = p ? p->bit_width() : 32;
      const bool wide = unit == TimeUnit::kMicro || unit == TimeUnit::kNano;
      if (width != (wide ? 64 : 32)) {
        return Status::InvalidInput(StrCat("expected bit width ", wide ? 64 : 32, " for time unit ", TimeUnitName(unit),
                                           " but found ", width));
      }
      return leaf(wide ? time64(unit) : time32(unit));
    }
    case fb::Type::Timestamp: {
      const auto* p = f->type_as_Timestamp();
      QUIVER_ASSIGN_OR_RETURN(TimeUnit unit, DecodeTimeUnit(p ? p->unit() : fb::TimeUnit::SECOND));
      return leaf(timestamp(unit, p && p->timezone() ? p->timezone()->str() : std::string()));
    }
    case fb::Type::Duration: {
      const auto* p = f->type_as_Duration();
      QUIVER_ASSIGN_OR_RETURN(TimeUnit unit, DecodeTimeUnit(p ? p->unit() : fb::TimeUnit::MILLISECOND));
      return leaf(duration(unit));
    }
    case fb::Type::Interval: {
      const auto* p = f->type_as_Interval();
      const auto unit = p ? p->unit() : fb::IntervalUnit::YEAR_MONTH;
      switch (unit) {
        case fb::IntervalUnit::YEAR_MONTH: return leaf(interval_year_month());
        case fb::IntervalUnit::DAY_TIME: return leaf(interval_day_time());
        case fb::IntervalUnit::MONTH_DAY_NANO: return leaf(interval_month_day_nano());
      }
      return Status::InvalidInput(StrCat("expected an interval unit in [0, 2] but found ", static_cast<int>(unit)));
    }
    case fb::Type::Binary: return leaf(binary());
    case fb::Type::Utf8: return leaf(utf8());
    case fb::Type::LargeBinary: return leaf(large_binary());
    case fb::Type::LargeUtf8: return leaf(large_utf8());
    case fb::Type::BinaryView: return leaf(binary_view());
    case fb::Type::Utf8View: return leaf(utf8_view());
    case fb::Type::FixedSizeBinary: {
      const auto* p = f->type_as_FixedSizeBinary();
      return leaf(fixed_size_binary(p ? p->byte_width() : 0));
    }
    case fb::Type::List:
      QUIVER_RETURN_IF_ERROR(ExpectChildren("list", children, 1));
      return list(children[0]);
    case fb::Type::LargeList:
      QUIVER_RETURN_IF_ERROR(ExpectChildren("large_list", children, 1));
      return large_list(children[0]);
    case fb::Type::ListView:
      QUIVER_RETURN_IF_ERROR(ExpectChildren("list_view", children, 1));
      return list_view(children[0]);
    case fb::Type::LargeListView:
      QUIVER_RETURN_IF_ERROR(ExpectChildren("large_list_view", children, 1));
      return large_list_view(children[0]);
    case fb::Type::FixedSizeList: {
      QUIVER_RETURN_IF_ERROR(ExpectChildren("fixed_size_list", children, 1));
      const auto* p = f->type_as_FixedSizeList();
      return fixed_size_list(children[0], p ? p->list_size() : 0);
    }
    case fb::Type::Struct_: return struct_(std::move(children));
    case fb::Type::Map: {
      QUIVER_RETURN_IF_ERROR(ExpectChildren("map", children, 1));
      const auto* p = f->type_as_Map();
      return map(children[0], p ? p->keys_sorted() : false);
    }
    case fb::Type::Union: {
      const auto* p = f->type_as_Union();
      const auto mode = p ? p->mode() : fb::UnionMode::Sparse;
      if (mode != fb::UnionMode::Sparse && mode != fb::UnionMode::Dense) {
        return Status::InvalidInput(StrCat("expected a union mode in [0, 1] but found ", static_cast<int>(mode)));
      }
      std::vector<int8_t> codes;
      if (p && p->type_ids()) {
        if (p->type_ids()->size() != children.size()) {
          return Status::InvalidInput(StrCat("expected ", children.size(), " union type ids (one per child) but found ",
                                             p->type_ids()->size()));
        }
        for (int32_t code : *p->type_ids()) {
          if (code < 0 || code > 127) {
            return Status::InvalidInput(StrCat("expected union type ids in [0, 127] but found ", code));
          }
          codes.push_back(static_cast<int8_t>(code));
        }
      }
      return mode == fb::UnionMode::Dense ? dense_union(std::move(children), std::move(codes))
                                          : sparse_union(std::move(children), std::move(codes));
    }
    case fb::Type::RunEndEncoded:
      QUIVER_RETURN_IF_ERROR(ExpectChildren("run_end_encoded", children, 2));
      return run_end_encoded(children[0]->type(), children[1]->type());
  }
  return Status::Unsupported(StrCat("expected a known Arrow type but found type id ", static_cast<int>(kind)));
}

Result<FieldPtr> SchemaDecoder::DecodeField(const fb::Field* f, int32_t depth, FieldIds* ids) {
  if (++fields_seen_ > limits_.max_fields) {
    return Status::LimitExceeded(StrCat("schema has more than the limit of ", limits_.max_fields, " fields"));
  }
  if (depth > limits_.max_nesting_depth) {
    return Status::LimitExceeded(StrCat("type nesting is deeper than the limit of ", limits_.max_nesting_depth));
  }
  std::vector<FieldPtr> children;
  if (const auto* fb_children = f->children()) {
    children.reserve(fb_children->size());
    ids->children.resize(fb_children->size());
    for (flatbuffers::uoffset_t i = 0; i < fb_children->size(); ++i) {
      const fb::Field* c = fb_children->Get(i);
      auto child = DecodeField(c, depth + 1, &ids->children[i]);
      if (!child.ok()) return std::move(child).status().WithContext(StrCat("child[", FieldLabel(c, i), "]"));
      children.push_back(std::move(child).value());
    }
  }
  KeyValueMetadata metadata = DecodeMetadata(f->custom_metadata());
  QUIVER_ASSIGN_OR_RETURN(TypePtr type, DecodeType(f, children));

  if (const fb::DictionaryEncoding* dict = f->dictionary()) {
    if (dict->id() < 0) return Status::InvalidInput(StrCat("expected a dictionary id >= 0 but found ", dict->id()));
    if (dict->dictionary_kind() != fb::DictionaryKind::DenseArray) {
      return Status::Unsupported(
          StrCat("expected dictionary kind DenseArray (0) but found ", static_cast<int>(dict->dictionary_kind())));
    }
    TypePtr index = int32();
    if (dict->index_type() != nullptr) {
      auto decoded = DecodeInt(dict->index_type());
      if (!decoded.ok()) return std::move(decoded).status().WithContext("dictionary_index");
      index = std::move(decoded).value();
    }
    type = dictionary(std::move(index), std::move(type), dict->is_ordered());
    ids->dictionary_id = dict->id();
  }
  // An extension type travels as its storage type plus two metadata keys (the format's
  // "Extension Types" section). When the field is also dictionary-encoded, the extension
  // wraps the dictionary type (extension<dictionary<V>>), as Arrow C++ and pyarrow read it,
  // so that their extension types over dictionaries round-trip.
  for (size_t i = 0; i < metadata.size(); ++i) {
    if (metadata[i].first != kExtensionNameKey) continue;
    std::string name = std::move(metadata[i].second);
    std::string serialized;
    metadata.erase(metadata.begin() + static_cast<std::ptrdiff_t>(i));
    for (size_t j = 0; j < metadata.size(); ++j) {
      if (metadata[j].first == kExtensionMetadataKey) {
        serialized = std::move(metadata[j].second);
        metadata.erase(metadata.begin() + static_cast<std::ptrdiff_t>(j));
        break;
      }
    }
    type = extension(std::move(name), std::move(type), std::move(serialized));
    break;
  }

  return field(f->name() ? f->name()->str() : std::string(), std::move(type), f->nullable(), std::move(metadata));
}

// Records the dictionaries below `type` (children first, so that a dictionary's values
// can be decoded once the dictionaries they use are known).
Status CollectDictionaries(const Field& field, const FieldIds& ids, SchemaInfo* info) {
  const DataType& t = StorageType(*field.type());
  const DataType* children_of = &t;
  if (t.id() == TypeId::kDictionary) children_of = &StorageType(*t.value_type());
  if (ids.children.size() != children_of->fields().size()) {
    return Status::Internal(StrCat("field '", field.name(), "' has ", children_of->fields().size(),
                                   " children but ", ids.children.size(), " id entries"));
  }
  for (size_t i = 0; i < ids.children.size(); ++i) {
    QUIVER_RETURN_IF_ERROR(CollectDictionaries(*children_of->fields()[i], ids.children[i], info));
  }
  if (t.id() != TypeId::kDictionary) return Status::OK();
  auto [it, inserted] = info->dictionaries.try_emplace(ids.dictionary_id);
  DictionaryField& d = it->second;
  if (!inserted) {
    // Fields may share a dictionary when their value types agree.
    if (!d.value_type->Equals(*t.value_type())) {
      return Status::InvalidInput(StrCat("dictionary id ", ids.dictionary_id, " is used by fields ", Quoted(d.field_name),
                                         " and ", Quoted(field.name()), " with different value types ",
                                         d.value_type->ToString(), " and ", t.value_type()->ToString()));
    }
    return Status::OK();
  }
  d.id = ids.dictionary_id;
  d.value_type = t.value_type();
  d.ids = &ids;
  d.field_name = field.name();
  info->write_order.push_back(d.id);
  return Status::OK();
}

Status AssignIds(const DataType& type, FieldIds* ids, int64_t* next_id) {
  const DataType& t = StorageType(type);
  const DataType* children_of = &t;
  if (t.id() == TypeId::kDictionary) {
    if (!t.value_type() || !t.index_type()) return Status::InvalidArgument("dictionary type lacks its index or value type");
    ids->dictionary_id = (*next_id)++;
    children_of = &StorageType(*t.value_type());
  }
  ids->children.resize(children_of->fields().size());
  for (size_t i = 0; i < ids->children.size(); ++i) {
    const FieldPtr& child = children_of->fields()[i];
    if (!child || !child->type()) return Status::InvalidArgument(StrCat("child ", i, " of ", t.name(), " has no type"));
    QUIVER_RETURN_IF_ERROR(AssignIds(*child->type(), &ids->children[i], next_id));
  }
  return Status::OK();
}

}  // namespace

Result<SchemaInfo> DecodeSchema(const fb::Schema* schema, const ReadOptions& options) {
  if (schema == nullptr) return Status::InvalidInput("expected a schema but the message has none");
  if (schema->endianness() == fb::Endianness::Big) {
    return Status::Unsupported("expected little-endian data but the schema declares big-endian");
  }
  if (schema->endianness() != fb::Endianness::Little) {
    return Status::InvalidInput(
        StrCat("expected endianness 0 (little) or 1 (big) but found ", static_cast<int>(schema->endianness())));
  }
  SchemaInfo info;
  std::vector<FieldPtr> fields;
  SchemaDecoder decoder(options);
  if (const auto* fb_fields = schema->fields()) {
    fields.reserve(fb_fields->size());
    info.fields.resize(fb_fields->size());
    for (flatbuffers::uoffset_t i = 0; i < fb_fields->size(); ++i) {
      const fb::Field* f = fb_fields->Get(i);
      const std::string label = StrCat("field[", FieldLabel(f, i), "]");
      auto decoded = decoder.DecodeField(f, 1, &info.fields[i]);
      if (!decoded.ok()) return std::move(decoded).status().WithContext(label);
      QUIVER_RETURN_IF_ERROR_CTX(ValidateType(*decoded.value()->type(), options.limits.max_nesting_depth), label);
      fields.push_back(std::move(decoded).value());
    }
  }
  info.schema = quiver::schema(std::move(fields), DecodeMetadata(schema->custom_metadata()));
  for (size_t i = 0; i < info.fields.size(); ++i) {
    QUIVER_RETURN_IF_ERROR(CollectDictionaries(*info.schema->field(static_cast<int>(i)), info.fields[i], &info));
  }
  return info;
}

Result<SchemaInfo> AssignDictionaryIds(SchemaPtr schema) {
  if (!schema) return Status::InvalidArgument("schema is null");
  SchemaInfo info;
  info.fields.resize(static_cast<size_t>(schema->num_fields()));
  int64_t next_id = 0;
  for (int i = 0; i < schema->num_fields(); ++i) {
    const FieldPtr& f = schema->field(i);
    if (!f || !f->type()) return Status::InvalidArgument(StrCat("field ", i, " of the schema has no type"));
    QUIVER_RETURN_IF_ERROR_CTX(AssignIds(*f->type(), &info.fields[static_cast<size_t>(i)], &next_id),
                               StrCat("field[", Quoted(f->name()), "]"));
  }
  info.schema = std::move(schema);
  for (size_t i = 0; i < info.fields.size(); ++i) {
    QUIVER_RETURN_IF_ERROR(CollectDictionaries(*info.schema->field(static_cast<int>(i)), info.fields[i], &info));
  }
  return info;
}

}  // namespace quiver::ipc::internal
