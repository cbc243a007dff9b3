// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// GeoArrow extension types: names, metadata, storage checks and factories (GeoArrow
// format 0.2, "Extension names", "Memory layouts" and "Extension metadata").
#include "core/str_cat.h"
#include "core/json_internal.h"
#include "quiver_geo/geoarrow.h"

namespace quiver::geo {
namespace {

using internal::StrCat;

constexpr std::string_view kNames[] = {"geoarrow.wkb",        "geoarrow.wkt",        "geoarrow.point",
                                       "geoarrow.linestring", "geoarrow.polygon",    "geoarrow.multipoint",
                                       "geoarrow.multilinestring", "geoarrow.multipolygon"};

// List levels above the coordinates of each native encoding.
int ListLevels(GeoEncoding e) {
  switch (e) {
    case GeoEncoding::kLineString:
    case GeoEncoding::kMultiPoint: return 1;
    case GeoEncoding::kPolygon:
    case GeoEncoding::kMultiLineString: return 2;
    case GeoEncoding::kMultiPolygon: return 3;
    default: return 0;
  }
}

constexpr std::string_view kInterleavedNames[] = {"xy", "xyz", "xym", "xyzm"};

// The dimensions and layout of a coordinate type, or false when it is none.
bool ParseCoordType(const DataType& t, Dimensions* dims, CoordLayout* layout) {
  if (t.id() == TypeId::kStruct) {
    const int n = t.num_fields();
    if (n < 2 || n > 4) return false;
    for (int i = 0; i < n; ++i) {
      if (t.field(i)->type()->id() != TypeId::kFloat64) return false;
    }
    if (t.field(0)->name() != "x" || t.field(1)->name() != "y") return false;
    const std::string_view third = n > 2 ? std::string_view(t.field(2)->name()) : "";
    if (n == 2) *dims = Dimensions::kXY;
    else if (n == 3 && third == "z") *dims = Dimensions::kXYZ;
    else if (n == 3 && third == "m") *dims = Dimensions::kXYM;
    else if (n == 4 && third == "z" && t.field(3)->name() == "m") *dims = Dimensions::kXYZM;
    else return false;
    *layout = CoordLayout::kSeparated;
    return true;
  }
  if (t.id() != TypeId::kFixedSizeList || t.field(0)->type()->id() != TypeId::kFloat64) return false;
  const int32_t n = t.list_size();
  if (n < 2 || n > 4) return false;
  const std::string& name = t.field(0)->name();
  // Producers that do not name the child get the spec's reading of the size alone.
  *dims = n == 2 ? Dimensions::kXY : n == 3 ? Dimensions::kXYZ : Dimensions::kXYZM;
  for (int d = 0; d < 4; ++d) {
    if (name == kInterleavedNames[d]) {
      if (CoordSize(static_cast<Dimensions>(d)) != n) return false;
      *dims = static_cast<Dimensions>(d);
    }
  }
  *layout = CoordLayout::kInterleaved;
  return true;
}

TypePtr CoordType(Dimensions dims, CoordLayout layout) {
  if (layout == CoordLayout::kInterleaved) {
    return fixed_size_list(field(std::string(kInterleavedNames[static_cast<int>(dims)]), float64(), false),
                           CoordSize(dims));
  }
  std::vector<FieldPtr> fields = {field("x", float64(), false), field("y", float64(), false)};
  if (HasZ(dims)) fields.push_back(field("z", float64(), false));
  if (HasM(dims)) fields.push_back(field("m", float64(), false));
  return struct_(std::move(fields));
}

TypePtr ListOf(const char* name, TypePtr child) { return list(field(name, std::move(child), false)); }

}  // namespace

std::string_view ExtensionName(GeoEncoding encoding) { return kNames[static_cast<int>(encoding)]; }

GeometryType NativeGeometryType(GeoEncoding encoding) {
  const int e = static_cast<int>(encoding);
  return e >= static_cast<int>(GeoEncoding::kPoint) ? static_cast<GeometryType>(e - 1) : GeometryType::kPoint;
}

Result<GeoArrowMetadata> ParseGeoArrowMetadata(std::string_view json, const GeoLimits& limits) {
  GeoArrowMetadata out;
  if (json.empty()) return out;
  QUIVER_ASSIGN_OR_RETURN(internal::JsonValue doc, internal::ParseJson(json, limits.max_nesting_depth));
  if (doc.kind != internal::JsonValue::Kind::kObject) {
    return Status::InvalidInput(StrCat("expected GeoArrow metadata to be a JSON object but found ",
                                       internal::JsonKindName(doc.kind)));
  }
  if (const auto* crs = doc.Find("crs")) out.crs = std::string(crs->raw);
  for (auto [key, target] : {std::pair{"crs_type", &out.crs_type}, std::pair{"edges", &out.edges}}) {
    const auto* v = doc.Find(key);
    if (!v || v->kind == internal::JsonValue::Kind::kNull) continue;
    if (v->kind != internal::JsonValue::Kind::kString) {
      return Status::InvalidInput(StrCat("expected '", key, "' to be a string but found ", internal::JsonKindName(v->kind)));
    }
    *target = v->text;
  }
  // "planar" is the default; keep it implicit so equal metadata compares equal.
  if (out.edges == "planar") out.edges.clear();
  return out;
}

std::string SerializeGeoArrowMetadata(const GeoArrowMetadata& metadata) {
  std::string out = "{";
  auto sep = [&] {
    if (out.size() > 1) out.push_back(',');
  };
  if (!metadata.crs.empty()) {
    out.append("\"crs\":");
    out.append(metadata.crs);
  }
  if (!metadata.crs_type.empty()) {
    sep();
    out.append("\"crs_type\":");
    internal::AppendJsonString(&out, metadata.crs_type);
  }
  if (!metadata.edges.empty()) {
    sep();
    out.append("\"edges\":");
    internal::AppendJsonString(&out, metadata.edges);
  }
  out.push_back('}');
  return out;
}

Result<GeoArrowType> ParseGeoArrowType(const DataType& type, const GeoLimits& limits) {
  int index = -1;
  if (type.id() == TypeId::kExtension) {
    for (int i = 0; i < 8; ++i) {
      if (type.extension_name() == kNames[i]) index = i;
    }
  }
  if (index < 0) {
    return Status::InvalidArgument(StrCat("expected a geoarrow extension type but found ", type.ToString()));
  }
  GeoArrowType out;
  out.encoding = static_cast<GeoEncoding>(index);
  QUIVER_ASSIGN_OR_RETURN(out.metadata, ParseGeoArrowMetadata(type.extension_metadata(), limits));
  const DataType& storage = *type.storage_type();
  const TypeId id = storage.id();
  if (out.encoding == GeoEncoding::kWkb) {
    if (id == TypeId::kBinary || id == TypeId::kLargeBinary || id == TypeId::kBinaryView) return out;
    return Status::InvalidArgument(StrCat("expected storage of geoarrow.wkb to be binary, large_binary or "
                                          "binary_view but found ", storage.ToString()));
  }
  if (out.encoding == GeoEncoding::kWkt) {
    if (id == TypeId::kUtf8 || id == TypeId::kLargeUtf8 || id == TypeId::kUtf8View) return out;
    return Status::InvalidArgument(StrCat("expected storage of geoarrow.wkt to be utf8, large_utf8 or "
                                          "utf8_view but found ", storage.ToString()));
  }
  const DataType* t = &storage;
  bool ok = true;
  for (int level = 0; level < ListLevels(out.encoding) && ok; ++level) {
    ok = t->id() == TypeId::kList || t->id() == TypeId::kLargeList;
    if (ok) t = t->field(0)->type().get();
  }
  if (ok && ParseCoordType(*t, &out.dims, &out.layout)) return out;
  std::string expected;
  for (int level = 0; level < ListLevels(out.encoding); ++level) expected += "a list of ";
  return Status::InvalidArgument(StrCat("expected storage of ", kNames[index], " to be ", expected,
                                        "coordinates (struct<x, y[, z][, m]: float64> or fixed_size_list<float64>"
                                        "[2..4]) but found ", storage.ToString()));
}

TypePtr WkbType(const GeoArrowMetadata& metadata, TypePtr storage) {
  return extension("geoarrow.wkb", std::move(storage), SerializeGeoArrowMetadata(metadata));
}

TypePtr WktType(const GeoArrowMetadata& metadata, TypePtr storage) {
  return extension("geoarrow.wkt", std::move(storage), SerializeGeoArrowMetadata(metadata));
}

TypePtr NativeStorageType(GeoEncoding encoding, Dimensions dims, CoordLayout layout) {
  TypePtr coord = CoordType(dims, layout);
  switch (encoding) {
    case GeoEncoding::kLineString: return ListOf("vertices", coord);
    case GeoEncoding::kPolygon: return ListOf("rings", ListOf("vertices", coord));
    case GeoEncoding::kMultiPoint: return ListOf("points", coord);
    case GeoEncoding::kMultiLineString: return ListOf("linestrings", ListOf("vertices", coord));
    case GeoEncoding::kMultiPolygon: return ListOf("polygons", ListOf("rings", ListOf("vertices", coord)));
    default: return coord;
  }
}

TypePtr NativeType(GeoEncoding encoding, Dimensions dims, CoordLayout layout, const GeoArrowMetadata& metadata) {
  return extension(std::string(ExtensionName(encoding)), NativeStorageType(encoding, dims, layout),
                   SerializeGeoArrowMetadata(metadata));
}

}  // namespace quiver::geo
