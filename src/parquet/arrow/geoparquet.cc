// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "parquet/arrow/geoparquet.h"

#include <cctype>
#include <optional>
#include <utility>

#include "core/json_internal.h"
#include "core/str_cat.h"

namespace quiver::parquet::arrow {

using internal::StrCat;

namespace {

constexpr std::string_view kWkb = "geoarrow.wkb";

// An object's members: each key as JSON text (quoted, as Quote gives it) and the raw text
// of its value, a view into the parsed text.
using Members = std::vector<std::pair<std::string, std::string_view>>;

constexpr int32_t kMaxJsonDepth = 32;

std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    if (static_cast<unsigned char>(c) < 0x20) continue;
    out.push_back(c);
  }
  return out + "\"";
}

// The members of a JSON object's raw text (nullopt when it is not one).
std::optional<Members> ObjectMembers(std::string_view object) {
  Result<internal::JsonValue> doc = internal::ParseJson(object, kMaxJsonDepth);
  if (!doc.ok() || doc->kind != internal::JsonValue::Kind::kObject) return std::nullopt;
  Members out;
  for (size_t i = 0; i < doc->keys.size(); ++i) out.emplace_back(Quote(doc->keys[i]), doc->items[i].raw);
  return out;
}

// The raw value of member `name` of a JSON object's raw text.
std::optional<std::string_view> Member(std::string_view object, std::string_view name) {
  auto members = ObjectMembers(object);
  if (!members) return std::nullopt;
  const std::string quoted = Quote(name);
  for (const auto& [k, v] : *members) {
    if (k == quoted) return v;
  }
  return std::nullopt;
}

// The text of a raw JSON string value (nullopt when it is not a string).
std::optional<std::string> StringValue(std::optional<std::string_view> raw) {
  if (!raw) return std::nullopt;
  Result<internal::JsonValue> v = internal::ParseJson(*raw, kMaxJsonDepth);
  if (!v.ok() || v->kind != internal::JsonValue::Kind::kString) return std::nullopt;
  return std::move(v->text);
}

// GEOGRAPHY edge interpolation algorithms (parquet.thrift EdgeInterpolationAlgorithm) by
// number, named as GeoArrow's `edges`.
constexpr std::string_view kEdges[] = {"spherical", "vincenty", "thomas", "andoyer", "karney"};

// The algorithm number of GeoArrow `edges` (-1 planar or absent, -2 a name not known).
int EdgesAlgorithm(std::string_view metadata) {
  auto edges = StringValue(Member(metadata, "edges"));
  if (!edges || *edges == "planar") return -1;
  for (int i = 0; i < 5; ++i) {
    if (*edges == kEdges[i]) return i;
  }
  return -2;
}

bool IsAuthorityCode(std::string_view s) {
  const size_t colon = s.find(':');
  if (colon == 0 || colon == std::string_view::npos || colon + 1 == s.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (i != colon && !std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.') return false;
  }
  return true;
}

bool IsBinaryLike(const DataType& t) {
  return t.id() == TypeId::kBinary || t.id() == TypeId::kLargeBinary || t.id() == TypeId::kBinaryView;
}

// The GeoArrow metadata of a `geo` column entry: crs (absent: OGC:CRS84; null: unknown, no
// crs; PROJJSON as is) and spherical edges.
std::string ColumnMetadata(std::string_view column) {
  auto crs = Member(column, "crs");
  std::string meta = !crs ? "{\"crs\":\"OGC:CRS84\",\"crs_type\":\"authority_code\""
                          : *crs == "null" ? "{" : "{\"crs\":" + std::string(*crs);
  if (Member(column, "edges") == "\"spherical\"") {
    meta += std::string(meta.size() > 1 ? "," : "") + "\"edges\":\"spherical\"";
  }
  return meta + "}";
}

// GeoParquet 1.1's native encodings and how many list levels lie above their coordinate
// struct. Only names: the extension type name is put together at run time ("geoarrow." +
// encoding), so the core holds no GeoArrow type table; the plugin validates the field.
constexpr std::string_view kNativeEncodings[] = {"point", "linestring", "polygon", "multipoint", "multilinestring",
                                                 "multipolygon"};
constexpr int kNativeDepth[] = {0, 1, 2, 1, 2, 3};

// Whether `n` has the shape of a native encoding: `depth` lists around a struct of 2 to 4
// double fields named x, y, then z and/or m (GeoParquet: separated coordinates only).
bool NativeShape(const FieldNode& n, int depth) {
  const FieldNode* at = &n;
  for (int i = 0; i < depth; ++i) {
    if (at->kind != NodeKind::kList || at->children.size() != 1) return false;
    at = &at->children[0];
  }
  if (at->kind != NodeKind::kStruct || at->children.size() < 2 || at->children.size() > 4) return false;
  std::string names;
  for (const FieldNode& c : at->children) {
    if (c.kind != NodeKind::kLeaf || c.field->type()->id() != TypeId::kFloat64) return false;
    names += c.field->name();
  }
  return names == "xy" || names == "xyz" || names == "xym" || names == "xyzm";
}

// The same shape on the Arrow side.
bool NativeTypeShape(const DataType& t, int depth) {
  const DataType* at = &t;
  for (int i = 0; i < depth; ++i) {
    if (at->id() != TypeId::kList && at->id() != TypeId::kLargeList) return false;
    at = at->field(0)->type().get();
  }
  if (at->id() != TypeId::kStruct || at->num_fields() < 2 || at->num_fields() > 4) return false;
  std::string names;
  for (int i = 0; i < at->num_fields(); ++i) {
    if (at->field(i)->type()->id() != TypeId::kFloat64) return false;
    names += at->field(i)->name();
  }
  return names == "xy" || names == "xyz" || names == "xym" || names == "xyzm";
}

// GeoParquet's native encoding of a `geoarrow.<encoding>` type with separated coordinates;
// empty for anything else (interleaved coordinates included: GeoParquet cannot store them,
// so such columns are written as plain lists and left out of `geo`).
std::string NativeEncodingOf(const DataType& t) {
  const std::string_view name = t.extension_name();
  if (name.substr(0, 9) != "geoarrow.") return {};
  for (size_t i = 0; i < std::size(kNativeEncodings); ++i) {
    if (name.substr(9) == kNativeEncodings[i] && NativeTypeShape(*t.storage_type(), kNativeDepth[i])) {
      return std::string(kNativeEncodings[i]);
    }
  }
  return {};
}

void ApplyNative(std::string_view key, std::string_view column, std::string_view encoding,
                 std::vector<FieldNode>* nodes) {
  auto name = StringValue(encoding);
  if (!name) return;
  int depth = -1;
  for (size_t i = 0; i < std::size(kNativeEncodings); ++i) {
    if (*name == kNativeEncodings[i]) depth = kNativeDepth[i];
  }
  if (depth < 0) return;
  for (FieldNode& n : *nodes) {
    if (Quote(n.field->name()) != key || n.field->type()->id() == TypeId::kExtension) continue;
    if (!NativeShape(n, depth)) continue;
    TypePtr type = extension(StrCat("geoarrow.", *name), n.field->type(), ColumnMetadata(column));
    n.field = std::make_shared<const Field>(n.field->name(), std::move(type),
                                            n.field->nullable(), n.field->metadata());
  }
}

}  // namespace

std::optional<std::string> GeoArrowMetadataOf(const LogicalType& lt) {
  using K = LogicalType::Kind;
  std::string out = "{";
  const std::string& crs = lt.crs;
  if (crs.empty()) {
    out += "\"crs\":\"OGC:CRS84\",\"crs_type\":\"authority_code\"";
  } else if (crs.rfind("srid:", 0) == 0) {
    out += "\"crs\":" + Quote(std::string_view(crs).substr(5)) + ",\"crs_type\":\"srid\"";
  } else if (crs.front() == '{' && ObjectMembers(crs)) {
    out += "\"crs\":" + crs + ",\"crs_type\":\"projjson\"";
  } else if (crs.rfind("projjson:", 0) != 0 && IsAuthorityCode(crs)) {
    out += "\"crs\":" + Quote(crs) + ",\"crs_type\":\"authority_code\"";
  } else {
    out += "\"crs\":" + Quote(crs);
  }
  if (lt.kind == K::kGeography) {
    const int32_t a = lt.algorithm < 0 ? 0 : lt.algorithm;
    if (a > 4) return std::nullopt;
    out += StrCat(",\"edges\":\"", kEdges[a], "\"");
  }
  return out + "}";
}

LogicalType GeoLogicalTypeOf(std::string_view metadata, bool always) {
  LogicalType lt;
  const int algorithm = EdgesAlgorithm(metadata);
  auto crs = Member(metadata, "crs");
  auto crs_string = StringValue(crs);
  auto crs_type = StringValue(Member(metadata, "crs_type"));
  const bool geo_says_crs = !crs || *crs == "null" || crs->front() == '{' || crs_string == "OGC:CRS84";
  if (algorithm == -1 && geo_says_crs && !always) return lt;
  if (algorithm == -2) return lt;  // edges GeoArrow does not define: BYTE_ARRAY, as an unknown extension
  lt.kind = algorithm >= 0 ? LogicalType::Kind::kGeography : LogicalType::Kind::kGeometry;
  lt.algorithm = algorithm >= 0 ? algorithm : -1;
  if (crs && crs->front() == '{') {
    lt.crs = std::string(*crs);
  } else if (crs_string && *crs_string != "OGC:CRS84") {
    lt.crs = crs_type == "srid" ? "srid:" + *crs_string : *crs_string;
  } else if (crs && crs_type == "srid" && !crs_string && *crs != "null") {
    lt.crs = "srid:" + std::string(*crs);  // a number
  }
  return lt;
}

Status ValidateGeoMetadata(std::string_view geo, const Schema& schema) {
  auto bad = [](std::string_view what, std::string_view found) {
    return Status::InvalidArgument(StrCat("expected ", what, " in the geo metadata but found ", found));
  };
  auto members = ObjectMembers(geo);
  if (!members) return bad("a JSON object", geo.substr(0, 40));
  if (!StringValue(Member(geo, "version"))) return bad("a string 'version'", Member(geo, "version").value_or("none"));
  auto columns = Member(geo, "columns");
  auto column_members = columns ? ObjectMembers(*columns) : std::nullopt;
  if (!column_members || column_members->empty()) return bad("a non-empty 'columns' object", columns.value_or("none"));
  for (const auto& [key, column] : *column_members) {
    const std::string name = StringValue(key).value_or("");
    bool found = false;
    for (const auto& f : schema.fields()) {
      found |= f->name() == name && (IsBinaryLike(*f->type()) || f->type()->id() == TypeId::kExtension);
    }
    if (!found) return bad("columns naming top-level binary or extension fields", key);
    if (!StringValue(Member(column, "encoding"))) {
      return bad(StrCat("a string 'encoding' for column ", key), Member(column, "encoding").value_or("none"));
    }
  }
  auto primary = Member(geo, "primary_column");
  bool listed = false;
  for (const auto& [key, column] : *column_members) listed |= primary && key == *primary;
  if (!listed) return bad("a 'primary_column' listed in 'columns'", primary.value_or("none"));
  return Status::OK();
}

std::string MakeGeoMetadata(const Schema& schema) {
  std::string columns, primary;
  for (const auto& f : schema.fields()) {
    const DataType& t = *f->type();
    if (t.id() != TypeId::kExtension) continue;
    const std::string encoding = t.extension_name() == kWkb ? "WKB" : NativeEncodingOf(t);
    if (encoding.empty()) continue;
    const int algorithm = EdgesAlgorithm(t.extension_metadata());
    if (algorithm > 0 || algorithm == -2) continue;  // GeoParquet 1.1 edges: planar or spherical
    if (primary.empty()) primary = f->name();
    // GeoParquet's crs is PROJJSON or null, absent meaning OGC:CRS84; GeoArrow's may also
    // be a string (an authority code) or absent (unknown).
    std::string column = "{\"encoding\":" + Quote(encoding) + ",\"geometry_types\":[]";
    auto crs = Member(t.extension_metadata(), "crs");
    if (!crs || *crs == "null") {
      column += ",\"crs\":null";
    } else if (crs->front() == '{') {
      column += ",\"crs\":" + std::string(*crs);
    } else if (*crs != "\"OGC:CRS84\"") {
      column += ",\"crs\":null";  // an authority code GeoParquet cannot carry: unknown
    }
    if (algorithm == 0) column += ",\"edges\":\"spherical\"";
    column += "}";
    columns += (columns.empty() ? "" : ",") + Quote(f->name()) + ":" + column;
  }
  if (primary.empty()) return {};
  return "{\"version\":\"1.1.0\",\"primary_column\":" + Quote(primary) + ",\"columns\":{" + columns + "}}";
}

Status ApplyGeoMetadata(std::string_view geo, std::vector<FieldNode>* nodes) {
  if (!ObjectMembers(geo)) {
    return Status::InvalidInput(StrCat("expected the geo metadata to be a JSON object but found '",
                                       geo.substr(0, 40), geo.size() > 40 ? "...'" : "'"));
  }
  auto columns = Member(geo, "columns");
  auto members = columns ? ObjectMembers(*columns) : std::nullopt;
  if (!members) {
    return Status::InvalidInput(
        StrCat("expected a 'columns' object in the geo metadata but found ", columns ? "another value" : "none"));
  }
  for (const auto& [key, column] : *members) {
    auto encoding = Member(column, "encoding");
    if (!encoding) continue;
    if (*encoding != "\"WKB\"" && *encoding != "\"wkb\"") {
      ApplyNative(key, column, *encoding, nodes);
      continue;
    }
    for (FieldNode& n : *nodes) {
      if (n.kind != NodeKind::kLeaf || Quote(n.field->name()) != key) continue;
      const TypePtr& type = n.field->type();
      if (type->id() != TypeId::kBinary && type->id() != TypeId::kLargeBinary && type->id() != TypeId::kBinaryView) {
        continue;
      }
      TypePtr wkb = extension(std::string(kWkb), type, ColumnMetadata(column));
      n.field = std::make_shared<const Field>(n.field->name(), std::move(wkb),
                                              n.field->nullable(), n.field->metadata());
    }
  }
  return Status::OK();
}

}  // namespace quiver::parquet::arrow
