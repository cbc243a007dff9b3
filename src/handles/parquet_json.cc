// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "handles/parquet_json.h"

#include <cmath>
#include <cstring>

#include "core/format_value.h"
#include "core/str_cat.h"
#include "core/utf8_internal.h"
#include "handles/json_writer.h"

namespace quiver::handles {

using quiver::internal::StrCat;
using namespace quiver::parquet;  // NOLINT: the metadata structures

namespace {

std::string_view RepetitionName(std::optional<Repetition> r) {
  if (!r) return "REQUIRED";
  switch (*r) {
    case Repetition::kRequired: return "REQUIRED";
    case Repetition::kOptional: return "OPTIONAL";
    case Repetition::kRepeated: return "REPEATED";
  }
  return "REQUIRED";
}

std::string_view ConvertedName(ConvertedType c) {
  static constexpr std::string_view kNames[] = {
      "UTF8",    "MAP",       "MAP_KEY_VALUE", "LIST",   "ENUM",   "DECIMAL", "DATE",  "TIME_MILLIS",
      "TIME_MICROS", "TIMESTAMP_MILLIS", "TIMESTAMP_MICROS", "UINT_8", "UINT_16", "UINT_32", "UINT_64", "INT_8",
      "INT_16",  "INT_32",    "INT_64",        "JSON",   "BSON",   "INTERVAL"};
  const int i = static_cast<int>(c);
  return i >= 0 && i < static_cast<int>(std::size(kNames)) ? kNames[i] : std::string_view();
}

std::string_view UnitName(TimeUnit u) {
  switch (u) {
    case TimeUnit::kSecond: return "s";
    case TimeUnit::kMilli: return "ms";
    case TimeUnit::kMicro: return "us";
    case TimeUnit::kNano: return "ns";
  }
  return "ms";
}

std::string LogicalName(const LogicalType& t) {
  using K = LogicalType::Kind;
  switch (t.kind) {
    case K::kNone: return {};
    case K::kString: return "STRING";
    case K::kMap: return "MAP";
    case K::kList: return "LIST";
    case K::kEnum: return "ENUM";
    case K::kDecimal: return StrCat("DECIMAL(", t.precision, ", ", t.scale, ")");
    case K::kDate: return "DATE";
    case K::kTime: return StrCat("TIME(", UnitName(t.unit), t.is_adjusted_to_utc ? ", UTC)" : ")");
    case K::kTimestamp: return StrCat("TIMESTAMP(", UnitName(t.unit), t.is_adjusted_to_utc ? ", UTC)" : ")");
    case K::kInterval: return "INTERVAL";
    case K::kInteger: return StrCat("INTEGER(", static_cast<int>(t.bit_width), t.is_signed ? ", signed)" : ", unsigned)");
    case K::kUnknown: return "UNKNOWN";
    case K::kJson: return "JSON";
    case K::kBson: return "BSON";
    case K::kUuid: return "UUID";
    case K::kFloat16: return "FLOAT16";
    case K::kVariant: return "VARIANT";
    case K::kGeometry: return "GEOMETRY";
    case K::kGeography: return "GEOGRAPHY";
    case K::kUnrecognized: return "UNRECOGNIZED";
  }
  return {};
}

void AppendOptionalString(std::string* out, std::string_view s) {
  if (s.empty()) {
    *out += "null";
  } else {
    AppendJsonString(out, s);
  }
}

struct Leaf {
  std::string path;
  const SchemaElement* element;
  int max_def;
  int max_rep;
};

// Depth-first walk of the flattened schema; stops quietly at inconsistent child counts
// (the reader has already checked the tree when it opened the file).
void CollectLeaves(const std::vector<SchemaElement>& schema, size_t* next, const std::string& prefix, int def, int rep,
                   int depth, std::vector<Leaf>* out) {
  if (*next >= schema.size() || depth > 1000) return;
  const SchemaElement& e = schema[(*next)++];
  const Repetition r = e.repetition.value_or(Repetition::kRequired);
  def += r != Repetition::kRequired;
  rep += r == Repetition::kRepeated;
  const std::string path = prefix.empty() ? e.name : StrCat(prefix, ".", e.name);
  if (!e.num_children) {
    out->push_back({path, &e, def, rep});
    return;
  }
  for (int32_t i = 0; i < *e.num_children && *next < schema.size(); ++i) {
    CollectLeaves(schema, next, path, def, rep, depth + 1, out);
  }
}

enum class StatKind { kBool, kInt, kBigInt, kFloat, kString, kBytes };

std::string_view StatKindName(StatKind k) {
  static constexpr std::string_view kNames[] = {"bool", "int", "bigint", "float", "string", "bytes"};
  return kNames[static_cast<int>(k)];
}

StatKind KindOf(PhysicalType type, const SchemaElement& e) {
  switch (type) {
    case PhysicalType::kBoolean: return StatKind::kBool;
    case PhysicalType::kInt32: return StatKind::kInt;
    case PhysicalType::kInt64: return StatKind::kBigInt;
    case PhysicalType::kFloat:
    case PhysicalType::kDouble: return StatKind::kFloat;
    case PhysicalType::kByteArray: {
      const auto k = e.logical_type.kind;
      const bool text = k == LogicalType::Kind::kString || k == LogicalType::Kind::kEnum ||
                        k == LogicalType::Kind::kJson || e.converted_type == ConvertedType::kUtf8 ||
                        e.converted_type == ConvertedType::kEnum || e.converted_type == ConvertedType::kJson;
      return text ? StatKind::kString : StatKind::kBytes;
    }
    default: return StatKind::kBytes;
  }
}

bool Unsigned(const SchemaElement& e) {
  if (e.logical_type.kind == LogicalType::Kind::kInteger) return !e.logical_type.is_signed;
  return e.converted_type >= ConvertedType::kUint8 && e.converted_type <= ConvertedType::kUint64;
}

void AppendFloat(std::string* out, double v) {
  if (std::isnan(v)) {
    *out += "\"NaN\"";
  } else if (std::isinf(v)) {
    *out += v > 0 ? "\"Infinity\"" : "\"-Infinity\"";
  } else {
    quiver::internal::AppendShortestDouble(out, v);
  }
}

// One PLAIN-encoded statistics value; null when its size does not fit its type.
void AppendStat(std::string* out, const std::string& raw, PhysicalType type, StatKind kind, bool is_unsigned) {
  const auto* p = reinterpret_cast<const uint8_t*>(raw.data());
  switch (kind) {
    case StatKind::kBool:
      *out += raw.size() == 1 ? (p[0] ? "true" : "false") : "null";
      return;
    case StatKind::kInt: {
      if (raw.size() != 4) break;
      uint32_t u;
      std::memcpy(&u, p, 4);
      AppendJsonInt(out, is_unsigned ? static_cast<int64_t>(u) : static_cast<int64_t>(static_cast<int32_t>(u)));
      return;
    }
    case StatKind::kBigInt: {
      if (raw.size() != 8) break;
      uint64_t u;
      std::memcpy(&u, p, 8);
      *out += is_unsigned ? StrCat("\"", u, "\"") : StrCat("\"", static_cast<int64_t>(u), "\"");
      return;
    }
    case StatKind::kFloat: {
      if (type == PhysicalType::kFloat && raw.size() == 4) {
        float f;
        std::memcpy(&f, p, 4);
        AppendFloat(out, f);
        return;
      }
      if (type == PhysicalType::kDouble && raw.size() == 8) {
        double d;
        std::memcpy(&d, p, 8);
        AppendFloat(out, d);
        return;
      }
      break;
    }
    case StatKind::kString:
      if (!quiver::internal::ValidateUtf8(p, static_cast<int64_t>(raw.size()))) break;
      AppendJsonString(out, raw);
      return;
    case StatKind::kBytes: {
      static constexpr char kHex[] = "0123456789abcdef";
      out->push_back('"');
      for (uint8_t b : raw) {
        out->push_back(kHex[b >> 4]);
        out->push_back(kHex[b & 15]);
      }
      out->push_back('"');
      return;
    }
  }
  *out += "null";
}

void AppendStatistics(std::string* out, const ColumnMetaData& m, const SchemaElement* e) {
  if (!m.statistics) {
    *out += "null";
    return;
  }
  const Statistics& s = *m.statistics;
  static const SchemaElement kNone;
  const SchemaElement& elem = e ? *e : kNone;
  const StatKind kind = KindOf(m.type, elem);
  const bool is_unsigned = Unsigned(elem);
  // The deprecated min/max follow signed order: usable for signed numbers only.
  const bool legacy_ok = !is_unsigned && kind != StatKind::kString && kind != StatKind::kBytes;
  const std::string* min = s.min_value ? &*s.min_value : (legacy_ok && s.min ? &*s.min : nullptr);
  const std::string* max = s.max_value ? &*s.max_value : (legacy_ok && s.max ? &*s.max : nullptr);
  *out += "{\"nullCount\":";
  *out += s.null_count ? StrCat(*s.null_count) : "null";
  *out += ",\"distinctCount\":";
  *out += s.distinct_count ? StrCat(*s.distinct_count) : "null";
  *out += StrCat(",\"kind\":\"", StatKindName(kind), "\",\"min\":");
  if (min) {
    AppendStat(out, *min, m.type, kind, is_unsigned);
  } else {
    *out += "null";
  }
  *out += ",\"max\":";
  if (max) {
    AppendStat(out, *max, m.type, kind, is_unsigned);
  } else {
    *out += "null";
  }
  *out += "}";
}

}  // namespace

std::string ParquetMetadataJson(const FileReader& reader) {
  const FileMetaData& md = reader.metadata();
  std::vector<Leaf> leaves;
  if (!md.schema.empty() && md.schema[0].num_children) {
    size_t next = 1;
    for (int32_t i = 0; i < *md.schema[0].num_children && next < md.schema.size(); ++i) {
      CollectLeaves(md.schema, &next, "", 0, 0, 0, &leaves);
    }
  }
  std::string out = StrCat("{\"version\":", md.version, ",\"numRows\":", md.num_rows, ",\"createdBy\":");
  AppendOptionalString(&out, md.created_by);
  out += ",\"metadata\":";
  AppendJsonMetadata(&out, md.key_value_metadata);
  out += ",\"columns\":[";
  for (size_t i = 0; i < leaves.size(); ++i) {
    const Leaf& l = leaves[i];
    const SchemaElement& e = *l.element;
    out += i ? ",{\"path\":" : "{\"path\":";
    AppendJsonString(&out, l.path);
    out += StrCat(",\"physicalType\":\"", e.type ? PhysicalTypeName(*e.type) : "UNKNOWN", "\",\"typeLength\":",
                  e.type_length, ",\"logicalType\":");
    AppendOptionalString(&out, LogicalName(e.logical_type));
    out += ",\"convertedType\":";
    AppendOptionalString(&out, ConvertedName(e.converted_type));
    out += StrCat(",\"repetition\":\"", RepetitionName(e.repetition), "\",\"maxDefinitionLevel\":", l.max_def,
                  ",\"maxRepetitionLevel\":", l.max_rep, "}");
  }
  out += "],\"rowGroups\":[";
  for (size_t g = 0; g < md.row_groups.size(); ++g) {
    const RowGroup& rg = md.row_groups[g];
    int64_t compressed = 0;
    for (const ColumnChunk& c : rg.columns) compressed += c.meta_data ? c.meta_data->total_compressed_size : 0;
    out += StrCat(g ? "," : "", "{\"numRows\":", rg.num_rows, ",\"totalByteSize\":", rg.total_byte_size,
                  ",\"compressedSize\":", rg.total_compressed_size.value_or(compressed), ",\"columns\":[");
    for (size_t c = 0; c < rg.columns.size(); ++c) {
      const ColumnChunk& cc = rg.columns[c];
      out += c ? ",{\"path\":" : "{\"path\":";
      AppendJsonString(&out, c < leaves.size() ? leaves[c].path : std::string_view());
      if (!cc.meta_data) {
        out += ",\"physicalType\":null,\"codec\":null,\"encodings\":[],\"numValues\":null,\"compressedSize\":null,"
               "\"uncompressedSize\":null,\"dataPageOffset\":null,\"dictionaryPageOffset\":null";
      } else {
        const ColumnMetaData& m = *cc.meta_data;
        out += StrCat(",\"physicalType\":\"", PhysicalTypeName(m.type), "\",\"codec\":\"", CompressionName(m.codec),
                      "\",\"encodings\":[");
        for (size_t k = 0; k < m.encodings.size(); ++k) out += StrCat(k ? ",\"" : "\"", EncodingName(m.encodings[k]), "\"");
        out += StrCat("],\"numValues\":", m.num_values, ",\"compressedSize\":", m.total_compressed_size,
                      ",\"uncompressedSize\":", m.total_uncompressed_size, ",\"dataPageOffset\":", m.data_page_offset,
                      ",\"dictionaryPageOffset\":");
        out += m.dictionary_page_offset ? StrCat(*m.dictionary_page_offset) : "null";
      }
      out += StrCat(",\"hasColumnIndex\":", cc.column_index_offset ? "true" : "false",
                    ",\"hasOffsetIndex\":", cc.offset_index_offset ? "true" : "false", ",\"statistics\":");
      if (cc.meta_data) {
        AppendStatistics(&out, *cc.meta_data, c < leaves.size() ? leaves[c].element : nullptr);
      } else {
        out += "null";
      }
      out += "}";
    }
    out += "]}";
  }
  out += "]}";
  return out;
}

}  // namespace quiver::handles
