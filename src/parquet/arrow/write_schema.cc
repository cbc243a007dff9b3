// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The mapping follows pyarrow's defaults (Arrow C++ parquet/arrow/schema.cc behaviour,
// re-derived from LogicalTypes.md): lists as three-level LIST groups named `list` and
// `element`, maps as MAP groups with a `key_value` group, timestamps in seconds coerced to
// milliseconds, time32 in seconds to milliseconds, date64 to DATE, durations as plain
// INT64 (ARROW:schema restores them) and decimals as FIXED_LEN_BYTE_ARRAY of the fewest
// bytes that hold the precision.
#include "parquet/arrow/write_schema.h"

#include <cstdint>
#include <optional>

#include "core/str_cat.h"
#include "parquet/arrow/geoparquet.h"

namespace quiver::parquet::arrow {

using internal::StrCat;

namespace {

using K = LogicalType::Kind;

// Fewest bytes of a two's complement integer holding `precision` decimal digits.
int32_t DecimalBytes(int32_t precision) {
  static constexpr int32_t kDigits[] = {0,  2,  4,  6,  9,  11, 14, 16, 18, 21, 23, 26, 28, 31, 33, 35, 38,
                                        40, 43, 45, 47, 50, 52, 55, 57, 59, 62, 64, 67, 69, 71, 74, 76};
  for (int32_t n = 1; n <= 32; ++n) {
    if (kDigits[n] >= precision) return n;
  }
  return 32;
}

LogicalType IntLogical(int8_t bits, bool is_signed) {
  LogicalType lt;
  lt.kind = K::kInteger;
  lt.bit_width = bits;
  lt.is_signed = is_signed;
  return lt;
}

LogicalType TimeLogical(K kind, TimeUnit unit, bool utc) {
  LogicalType lt;
  lt.kind = kind;
  lt.unit = unit;
  lt.is_adjusted_to_utc = utc;
  return lt;
}

Status Unsupported(const std::string& column, const DataType& type, std::string_view why = {}) {
  return Status::Unsupported(StrCat("expected a type Parquet can store", why, " but found ", type.ToString()))
      .WithContext(StrCat("column['", column, "']"));
}

// Fills the physical type, annotations and value conversion of a leaf.
Status MapLeaf(const DataType& declared, const std::string& column, SchemaElement* e, WriteLeaf* leaf) {
  const DataType& t = ValueTypeOf(declared);
  leaf->value_type = nullptr;
  auto set_int = [&](PhysicalType pt, int32_t in_width, bool is_signed, int8_t bits, ConvertedType ct) {
    e->type = pt;
    leaf->conv = ValueConv::kInt;
    leaf->in_width = in_width;
    leaf->in_signed = is_signed;
    leaf->order = is_signed ? SortOrder::kSigned : SortOrder::kUnsigned;
    e->logical_type = IntLogical(bits, is_signed);
    e->converted_type = ct;
  };
  switch (t.id()) {
    case TypeId::kNull:
      e->type = PhysicalType::kInt32;
      e->logical_type.kind = K::kUnknown;
      leaf->conv = ValueConv::kNone;
      break;
    case TypeId::kBool:
      e->type = PhysicalType::kBoolean;
      leaf->conv = ValueConv::kBool;
      leaf->order = SortOrder::kUnsigned;
      break;
    case TypeId::kInt8: set_int(PhysicalType::kInt32, 1, true, 8, ConvertedType::kInt8); break;
    case TypeId::kInt16: set_int(PhysicalType::kInt32, 2, true, 16, ConvertedType::kInt16); break;
    case TypeId::kInt32: set_int(PhysicalType::kInt32, 4, true, 32, ConvertedType::kInt32); break;
    case TypeId::kInt64: set_int(PhysicalType::kInt64, 8, true, 64, ConvertedType::kInt64); break;
    case TypeId::kUInt8: set_int(PhysicalType::kInt32, 1, false, 8, ConvertedType::kUint8); break;
    case TypeId::kUInt16: set_int(PhysicalType::kInt32, 2, false, 16, ConvertedType::kUint16); break;
    case TypeId::kUInt32: set_int(PhysicalType::kInt32, 4, false, 32, ConvertedType::kUint32); break;
    case TypeId::kUInt64: set_int(PhysicalType::kInt64, 8, false, 64, ConvertedType::kUint64); break;
    case TypeId::kFloat16:
      e->type = PhysicalType::kFixedLenByteArray;
      e->type_length = 2;
      e->logical_type.kind = K::kFloat16;
      leaf->conv = ValueConv::kFixed;
      leaf->in_width = 2;
      leaf->order = SortOrder::kFloat16;
      break;
    case TypeId::kFloat32:
    case TypeId::kFloat64:
      e->type = t.id() == TypeId::kFloat32 ? PhysicalType::kFloat : PhysicalType::kDouble;
      leaf->conv = ValueConv::kFixed;
      leaf->in_width = t.id() == TypeId::kFloat32 ? 4 : 8;
      leaf->order = SortOrder::kFloat;
      break;
    case TypeId::kDecimal32:
    case TypeId::kDecimal64:
    case TypeId::kDecimal128:
    case TypeId::kDecimal256:
      if (t.scale() < 0 || t.scale() > t.precision()) {
        return Unsupported(column, declared, " (DECIMAL needs a scale in [0, precision])");
      }
      e->type = PhysicalType::kFixedLenByteArray;
      e->type_length = DecimalBytes(t.precision());
      e->logical_type.kind = K::kDecimal;
      e->logical_type.precision = e->precision = t.precision();
      e->logical_type.scale = e->scale = t.scale();
      e->converted_type = ConvertedType::kDecimal;
      leaf->conv = ValueConv::kDecimal;
      leaf->in_width = t.bit_width() / 8;
      leaf->order = SortOrder::kDecimal;
      break;
    case TypeId::kDate32:
    case TypeId::kDate64:
      e->type = PhysicalType::kInt32;
      e->logical_type.kind = K::kDate;
      e->converted_type = ConvertedType::kDate;
      leaf->conv = t.id() == TypeId::kDate32 ? ValueConv::kInt : ValueConv::kDivide;
      leaf->in_width = t.id() == TypeId::kDate32 ? 4 : 8;
      leaf->factor = t.id() == TypeId::kDate32 ? 1 : 86400000;
      break;
    case TypeId::kTime32:
      e->type = PhysicalType::kInt32;
      e->logical_type = TimeLogical(K::kTime, TimeUnit::kMilli, true);
      e->converted_type = ConvertedType::kTimeMillis;
      leaf->conv = ValueConv::kInt;
      leaf->in_width = 4;
      leaf->factor = t.unit() == TimeUnit::kSecond ? 1000 : 1;
      break;
    case TypeId::kTime64:
      e->type = PhysicalType::kInt64;
      e->logical_type = TimeLogical(K::kTime, t.unit(), true);
      if (t.unit() == TimeUnit::kMicro) e->converted_type = ConvertedType::kTimeMicros;
      leaf->conv = ValueConv::kInt;
      leaf->in_width = 8;
      break;
    case TypeId::kTimestamp: {
      const bool utc = !t.timezone().empty();
      const TimeUnit unit = t.unit() == TimeUnit::kSecond ? TimeUnit::kMilli : t.unit();
      e->type = PhysicalType::kInt64;
      e->logical_type = TimeLogical(K::kTimestamp, unit, utc);
      // The legacy annotations mean UTC instants, so local times go without them.
      if (utc && unit == TimeUnit::kMilli) e->converted_type = ConvertedType::kTimestampMillis;
      if (utc && unit == TimeUnit::kMicro) e->converted_type = ConvertedType::kTimestampMicros;
      leaf->conv = ValueConv::kInt;
      leaf->in_width = 8;
      leaf->factor = t.unit() == TimeUnit::kSecond ? 1000 : 1;
      break;
    }
    case TypeId::kDuration:
      e->type = PhysicalType::kInt64;
      leaf->conv = ValueConv::kInt;
      leaf->in_width = 8;
      break;
    case TypeId::kUtf8:
    case TypeId::kLargeUtf8:
    case TypeId::kUtf8View:
    case TypeId::kBinary:
    case TypeId::kLargeBinary:
    case TypeId::kBinaryView: {
      const bool is_string = t.id() == TypeId::kUtf8 || t.id() == TypeId::kLargeUtf8 || t.id() == TypeId::kUtf8View;
      e->type = PhysicalType::kByteArray;
      if (is_string) {
        const bool json = declared.id() == TypeId::kExtension && declared.extension_name() == "arrow.json";
        e->logical_type.kind = json ? K::kJson : K::kString;
        e->converted_type = json ? ConvertedType::kJson : ConvertedType::kUtf8;
      }
      leaf->conv = ValueConv::kBinary;
      leaf->order = SortOrder::kUnsigned;
      break;
    }
    case TypeId::kFixedSizeBinary:
      if (t.byte_width() < 1)
        return Unsupported(column, declared, " (FIXED_LEN_BYTE_ARRAY needs a width of at least 1)");
      e->type = PhysicalType::kFixedLenByteArray;
      e->type_length = t.byte_width();
      if (declared.id() == TypeId::kExtension && declared.extension_name() == "arrow.uuid" && t.byte_width() == 16) {
        e->logical_type.kind = K::kUuid;
      }
      leaf->conv = ValueConv::kFixed;
      leaf->in_width = t.byte_width();
      leaf->order = SortOrder::kUnsigned;
      break;
    default: return Unsupported(column, declared);
  }
  leaf->type = *e->type;
  leaf->type_length = e->type_length;
  return Status::OK();
}

struct Builder {
  WriteSchema* out;
  int top = 0;
  std::vector<std::string> path;
  bool geometry_logical_types = false;

  SchemaElement& Push(const std::string& name, std::optional<Repetition> rep) {
    SchemaElement& e = out->elements.emplace_back();
    e.name = name;
    e.repetition = rep;
    return e;
  }

  // Adds the Parquet nodes of an Arrow field named `name` (the element name of lists).
  Status Add(const std::string& name, const Field& f, bool optional_override_required, int16_t parent_def,
             int16_t parent_rep, WriteNode* node) {
    const DataType* t = f.type().get();
    while (t->id() == TypeId::kExtension && t->storage_type()) t = t->storage_type().get();
    if (t->id() == TypeId::kRunEndEncoded) t = &ValueTypeOf(*t);
    const bool optional = !optional_override_required && (f.nullable() || t->id() == TypeId::kNull);
    node->name = name;
    node->optional = optional;
    node->def = static_cast<int16_t>(parent_def + (optional ? 1 : 0));
    node->rep = parent_rep;
    path.push_back(name);
    const std::string column = Join(path);
    const size_t at = out->elements.size();
    const std::optional<Repetition> rep = optional ? Repetition::kOptional : Repetition::kRequired;
    switch (t->id()) {
      case TypeId::kStruct: {
        if (t->num_fields() == 0) return Unsupported(column, *f.type(), " (a struct needs at least one field)");
        Push(name, rep).num_children = t->num_fields();
        node->kind = WriteNodeKind::kStruct;
        node->children.resize(static_cast<size_t>(t->num_fields()));
        for (int i = 0; i < t->num_fields(); ++i) {
          const Field& c = *t->field(i);
          QUIVER_RETURN_IF_ERROR(
              Add(c.name(), c, false, node->def, node->rep, &node->children[static_cast<size_t>(i)]));
        }
        break;
      }
      case TypeId::kList:
      case TypeId::kLargeList:
      case TypeId::kListView:
      case TypeId::kLargeListView:
      case TypeId::kFixedSizeList: {
        SchemaElement& g = Push(name, rep);
        g.num_children = 1;
        g.converted_type = ConvertedType::kList;
        g.logical_type.kind = K::kList;
        Push("list", Repetition::kRepeated).num_children = 1;
        path.push_back("list");
        node->kind = WriteNodeKind::kList;
        node->rep = static_cast<int16_t>(parent_rep + 1);
        node->children.resize(1);
        QUIVER_RETURN_IF_ERROR(
            Add("element", *t->field(0), false, static_cast<int16_t>(node->def + 1), node->rep, &node->children[0]));
        path.pop_back();
        break;
      }
      case TypeId::kMap: {
        SchemaElement& g = Push(name, rep);
        g.num_children = 1;
        g.converted_type = ConvertedType::kMap;
        g.logical_type.kind = K::kMap;
        Push("key_value", Repetition::kRepeated).num_children = 2;
        path.push_back("key_value");
        node->kind = WriteNodeKind::kMap;
        node->rep = static_cast<int16_t>(parent_rep + 1);
        node->children.resize(2);
        const DataType& entries = *t->field(0)->type();
        const int16_t d = static_cast<int16_t>(node->def + 1);
        QUIVER_RETURN_IF_ERROR(Add("key", *entries.field(0), true, d, node->rep, &node->children[0]));
        QUIVER_RETURN_IF_ERROR(Add("value", *entries.field(1), false, d, node->rep, &node->children[1]));
        path.pop_back();
        break;
      }
      default: {
        SchemaElement& e = Push(name, rep);
        WriteLeaf leaf;
        QUIVER_RETURN_IF_ERROR(MapLeaf(*f.type(), column, &e, &leaf));
        ApplyGeoMetadata(f, &e);
        leaf.value_type = f.type();
        leaf.path = path;
        leaf.dotted = column;
        leaf.top = top;
        leaf.max_def = node->def;
        leaf.max_rep = node->rep;
        node->kind = WriteNodeKind::kLeaf;
        node->leaf = static_cast<int>(out->leaves.size());
        out->leaves.push_back(std::move(leaf));
        break;
      }
    }
    out->elements[at].field_id = FieldId(f);
    path.pop_back();
    return Status::OK();
  }

  // geoarrow.wkb gets a GEOMETRY/GEOGRAPHY logical type when the `geo` key cannot say its
  // crs or edges, or when asked (geoparquet.h GeoLogicalTypeOf). Field metadata in the
  // form older readers gave such byte arrays (leaf_type.h) turns back into the logical type.
  void ApplyGeoMetadata(const Field& f, SchemaElement* e) const {
    if (e->type != PhysicalType::kByteArray || e->logical_type.kind != K::kNone) return;
    const DataType& t = *f.type();
    if (t.id() == TypeId::kExtension && t.extension_name() == "geoarrow.wkb") {
      e->logical_type = GeoLogicalTypeOf(t.extension_metadata(), geometry_logical_types);
      return;
    }
    const std::string* kind = nullptr;
    for (const auto& [key, value] : f.metadata()) {
      if (key == "PARQUET:logical_type") kind = &value;
    }
    if (!kind || (*kind != "GEOMETRY" && *kind != "GEOGRAPHY")) return;
    e->logical_type.kind = *kind == "GEOMETRY" ? K::kGeometry : K::kGeography;
    for (const auto& [key, value] : f.metadata()) {
      if (key == "PARQUET:crs") e->logical_type.crs = value;
      if (key == "PARQUET:algorithm" && *kind == "GEOGRAPHY" && value.size() == 1 && value[0] >= '0' &&
          value[0] <= '9') {
        e->logical_type.algorithm = value[0] - '0';
      }
    }
  }

  // pyarrow's field ids: the `PARQUET:field_id` metadata of the Arrow field.
  static std::optional<int32_t> FieldId(const Field& f) {
    for (const auto& [key, value] : f.metadata()) {
      if (key != "PARQUET:field_id" || value.empty() || value.size() > 10) continue;
      int64_t v = 0;
      size_t i = value[0] == '-' ? 1 : 0;
      if (i == value.size()) return std::nullopt;
      for (; i < value.size(); ++i) {
        if (value[i] < '0' || value[i] > '9') return std::nullopt;
        v = v * 10 + (value[i] - '0');
      }
      if (value[0] == '-') v = -v;
      if (v < INT32_MIN || v > INT32_MAX) return std::nullopt;
      return static_cast<int32_t>(v);
    }
    return std::nullopt;
  }

  static std::string Join(const std::vector<std::string>& parts) {
    std::string s;
    for (size_t i = 0; i < parts.size(); ++i) {
      if (i) s.push_back('.');
      s += parts[i];
    }
    return s;
  }
};

}  // namespace

const DataType& ValueTypeOf(const DataType& type) {
  const DataType* t = &type;
  for (;;) {
    if (t->id() == TypeId::kExtension && t->storage_type()) {
      t = t->storage_type().get();
    } else if (t->id() == TypeId::kDictionary && t->value_type()) {
      t = t->value_type().get();
    } else if (t->id() == TypeId::kRunEndEncoded && t->num_fields() == 2) {
      t = t->field(1)->type().get();
    } else {
      return *t;
    }
  }
}

Result<WriteSchema> MakeWriteSchema(const Schema& schema, bool geometry_logical_types) {
  WriteSchema out;
  SchemaElement& root = out.elements.emplace_back();
  root.name = "schema";
  root.num_children = schema.num_fields();
  Builder b{&out, 0, {}, geometry_logical_types};
  out.roots.resize(static_cast<size_t>(schema.num_fields()));
  for (int i = 0; i < schema.num_fields(); ++i) {
    b.top = i;
    const Field& f = *schema.field(i);
    QUIVER_RETURN_IF_ERROR(b.Add(f.name(), f, false, 0, 0, &out.roots[static_cast<size_t>(i)]));
  }
  return out;
}

}  // namespace quiver::parquet::arrow
