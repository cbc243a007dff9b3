// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "handles/type_json.h"

#include "core/str_cat.h"
#include "handles/json_writer.h"

namespace quiver::handles {

using quiver::internal::StrCat;

namespace {

std::string FieldList(const DataType& type) {
  std::string out;
  for (int i = 0; i < type.num_fields(); ++i) {
    if (i > 0) out += ", ";
    out += type.field(i)->name();
    out += ": ";
    out += ArrowTypeName(*type.field(i)->type());
  }
  return out;
}

std::string ChildName(const DataType& type) {
  return type.num_fields() > 0 ? ArrowTypeName(*type.field(0)->type()) : std::string("?");
}

void AppendFieldJson(std::string* out, const Field& field) {
  out->append("{\"name\":");
  AppendJsonString(out, field.name());
  out->append(",\"nullable\":");
  out->append(field.nullable() ? "true" : "false");
  out->append(",\"metadata\":");
  AppendJsonMetadata(out, field.metadata());
  out->append(",\"type\":");
  AppendTypeJson(out, *field.type());
  out->push_back('}');
}

void AppendIntMember(std::string* out, const char* key, int64_t value) {
  out->append(",\"");
  out->append(key);
  out->append("\":");
  AppendJsonInt(out, value);
}

}  // namespace

std::string ArrowTypeName(const DataType& type) {
  const auto unit = TimeUnitName(type.unit());
  switch (type.id()) {
    case TypeId::kNull: return "Null";
    case TypeId::kBool: return "Boolean";
    case TypeId::kInt8: return "Int8";
    case TypeId::kInt16: return "Int16";
    case TypeId::kInt32: return "Int32";
    case TypeId::kInt64: return "Int64";
    case TypeId::kUInt8: return "UInt8";
    case TypeId::kUInt16: return "UInt16";
    case TypeId::kUInt32: return "UInt32";
    case TypeId::kUInt64: return "UInt64";
    case TypeId::kFloat16: return "Float16";
    case TypeId::kFloat32: return "Float32";
    case TypeId::kFloat64: return "Float64";
    case TypeId::kDecimal32: return StrCat("Decimal32(", type.precision(), ", ", type.scale(), ")");
    case TypeId::kDecimal64: return StrCat("Decimal64(", type.precision(), ", ", type.scale(), ")");
    case TypeId::kDecimal128: return StrCat("Decimal128(", type.precision(), ", ", type.scale(), ")");
    case TypeId::kDecimal256: return StrCat("Decimal256(", type.precision(), ", ", type.scale(), ")");
    case TypeId::kDate32: return "Date32";
    case TypeId::kDate64: return "Date64";
    case TypeId::kTime32: return StrCat("Time32(", unit, ")");
    case TypeId::kTime64: return StrCat("Time64(", unit, ")");
    case TypeId::kTimestamp: {
      if (type.timezone().empty()) return StrCat("Timestamp(", unit, ")");
      std::string tz;
      AppendJsonString(&tz, type.timezone());
      return StrCat("Timestamp(", unit, ", ", tz, ")");
    }
    case TypeId::kDuration: return StrCat("Duration(", unit, ")");
    case TypeId::kIntervalYearMonth: return "Interval(YearMonth)";
    case TypeId::kIntervalDayTime: return "Interval(DayTime)";
    case TypeId::kIntervalMonthDayNano: return "Interval(MonthDayNano)";
    case TypeId::kBinary: return "Binary";
    case TypeId::kUtf8: return "Utf8";
    case TypeId::kLargeBinary: return "LargeBinary";
    case TypeId::kLargeUtf8: return "LargeUtf8";
    case TypeId::kBinaryView: return "BinaryView";
    case TypeId::kUtf8View: return "Utf8View";
    case TypeId::kFixedSizeBinary: return StrCat("FixedSizeBinary(", type.byte_width(), ")");
    case TypeId::kList: return StrCat("List<", ChildName(type), ">");
    case TypeId::kLargeList: return StrCat("LargeList<", ChildName(type), ">");
    case TypeId::kFixedSizeList: return StrCat("FixedSizeList<", ChildName(type), ", ", type.list_size(), ">");
    case TypeId::kListView: return StrCat("ListView<", ChildName(type), ">");
    case TypeId::kLargeListView: return StrCat("LargeListView<", ChildName(type), ">");
    case TypeId::kStruct: return StrCat("Struct<", FieldList(type), ">");
    case TypeId::kMap: {
      // The child is the entries struct<key, value>.
      if (type.num_fields() == 1 && type.field(0)->type()->num_fields() == 2) {
        const DataType& entries = *type.field(0)->type();
        return StrCat("Map<", ArrowTypeName(*entries.field(0)->type()), ", ", ArrowTypeName(*entries.field(1)->type()),
                      type.keys_sorted() ? ", sorted>" : ">");
      }
      return "Map<?>";
    }
    case TypeId::kSparseUnion: return StrCat("SparseUnion<", FieldList(type), ">");
    case TypeId::kDenseUnion: return StrCat("DenseUnion<", FieldList(type), ">");
    case TypeId::kDictionary:
      return StrCat("Dictionary<", ArrowTypeName(*type.index_type()), ", ", ArrowTypeName(*type.value_type()),
                    type.ordered() ? ", ordered>" : ">");
    case TypeId::kRunEndEncoded:
      if (type.num_fields() == 2) {
        return StrCat("RunEndEncoded<", ArrowTypeName(*type.field(0)->type()), ", ",
                      ArrowTypeName(*type.field(1)->type()), ">");
      }
      return "RunEndEncoded<?>";
    case TypeId::kExtension:
      return StrCat("Extension<", type.extension_name(), ", ", ArrowTypeName(*type.storage_type()), ">");
  }
  return "Unknown";
}

void AppendTypeJson(std::string* out, const DataType& type) {
  out->append("{\"id\":");
  AppendJsonString(out, type.name());
  out->append(",\"name\":");
  AppendJsonString(out, ArrowTypeName(type));
  switch (type.id()) {
    case TypeId::kTime32:
    case TypeId::kTime64:
    case TypeId::kDuration:
      out->append(",\"unit\":");
      AppendJsonString(out, TimeUnitName(type.unit()));
      break;
    case TypeId::kTimestamp:
      out->append(",\"unit\":");
      AppendJsonString(out, TimeUnitName(type.unit()));
      out->append(",\"timezone\":");
      AppendJsonString(out, type.timezone());
      break;
    case TypeId::kDecimal32:
    case TypeId::kDecimal64:
    case TypeId::kDecimal128:
    case TypeId::kDecimal256:
      AppendIntMember(out, "precision", type.precision());
      AppendIntMember(out, "scale", type.scale());
      AppendIntMember(out, "byteWidth", type.byte_width());
      break;
    case TypeId::kFixedSizeBinary: AppendIntMember(out, "byteWidth", type.byte_width()); break;
    case TypeId::kFixedSizeList: AppendIntMember(out, "listSize", type.list_size()); break;
    case TypeId::kMap: out->append(type.keys_sorted() ? ",\"keysSorted\":true" : ",\"keysSorted\":false"); break;
    case TypeId::kSparseUnion:
    case TypeId::kDenseUnion: {
      out->append(",\"typeCodes\":[");
      for (size_t i = 0; i < type.type_codes().size(); ++i) {
        if (i > 0) out->push_back(',');
        AppendJsonInt(out, type.type_codes()[i]);
      }
      out->push_back(']');
      break;
    }
    case TypeId::kDictionary:
      out->append(type.ordered() ? ",\"ordered\":true" : ",\"ordered\":false");
      out->append(",\"indexType\":");
      AppendTypeJson(out, *type.index_type());
      out->append(",\"valueType\":");
      AppendTypeJson(out, *type.value_type());
      break;
    case TypeId::kExtension:
      out->append(",\"extensionName\":");
      AppendJsonString(out, type.extension_name());
      out->append(",\"extensionMetadata\":");
      AppendJsonString(out, type.extension_metadata());
      out->append(",\"storageType\":");
      AppendTypeJson(out, *type.storage_type());
      break;
    default: break;
  }
  out->append(",\"children\":[");
  for (int i = 0; i < type.num_fields(); ++i) {
    if (i > 0) out->push_back(',');
    AppendFieldJson(out, *type.field(i));
  }
  out->append("]}");
}

std::string SchemaSummaryJson(const Schema& schema) {
  std::string out = "{\"columns\":[";
  for (int i = 0; i < schema.num_fields(); ++i) {
    const Field& f = *schema.field(i);
    if (i > 0) out.push_back(',');
    out.append("{\"name\":");
    AppendJsonString(&out, f.name());
    out.append(",\"arrowType\":");
    AppendJsonString(&out, ArrowTypeName(*f.type()));
    out.append(",\"nullable\":");
    out.append(f.nullable() ? "true" : "false");
    out.push_back('}');
  }
  out.append("]}");
  return out;
}

std::string SchemaJson(const Schema& schema) {
  std::string out = "{\"fields\":[";
  for (int i = 0; i < schema.num_fields(); ++i) {
    if (i > 0) out.push_back(',');
    AppendFieldJson(&out, *schema.field(i));
  }
  out.append("],\"metadata\":");
  AppendJsonMetadata(&out, schema.metadata());
  out.push_back('}');
  return out;
}

}  // namespace quiver::handles
