// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Between GeoArrow fields and GeoParquet column entries (GeoParquet 1.1 "crs": absent
// means OGC:CRS84 and null means unknown; GeoArrow: absent means unknown).
#include <algorithm>

#include "core/str_cat.h"
#include "core/json_internal.h"
#include "quiver_geo/geoparquet.h"

namespace quiver::geo {
namespace {

using internal::StrCat;

// The crs of GeoArrow metadata that means OGC:CRS84, GeoParquet's default.
bool IsDefaultCrs(std::string_view crs) { return crs == "\"OGC:CRS84\""; }

// GeoParquet's geometry type name for an ISO code: "Point", "LineString Z", ... (the
// spec has no M suffix, so M is dropped).
std::string TypeName(int32_t code) {
  const auto type = static_cast<GeometryType>(code % 1000);
  const auto dims = static_cast<Dimensions>(code / 1000);
  return StrCat(GeometryTypeName(type), HasZ(dims) ? " Z" : "");
}

}  // namespace

Result<GeoParquetColumn> GeoParquetColumnFor(const Field& f, const ArrayData* data, const GeoLimits& limits) {
  QUIVER_ASSIGN_OR_RETURN(GeoArrowType type, ParseGeoArrowType(*f.type(), limits));
  if (type.encoding == GeoEncoding::kWkt) {
    return Status::InvalidArgument(StrCat("expected a geoarrow.wkb or native field for GeoParquet but found ",
                                          "geoarrow.wkt in '", f.name(), "'"));
  }
  // GeoParquet's native encodings store separated (struct) coordinates only.
  if (type.encoding != GeoEncoding::kWkb && type.layout == CoordLayout::kInterleaved) {
    return Status::InvalidArgument(StrCat("expected separated coordinates for GeoParquet's native encoding but found ",
                                          "interleaved ones in '", f.name(), "' (convert it with toNative first)"));
  }
  if (!type.metadata.edges.empty() && type.metadata.edges != "spherical") {
    return Status::Unsupported(StrCat("expected planar or spherical edges for GeoParquet but found '",
                                      type.metadata.edges, "'"));
  }
  GeoParquetColumn out;
  out.name = f.name();
  out.encoding = type.encoding == GeoEncoding::kWkb ? std::string("WKB")
                                                    : std::string(ExtensionName(type.encoding).substr(9));
  out.edges = type.metadata.edges;
  if (type.metadata.crs.empty()) {
    out.crs = "null";  // GeoArrow without a crs is "unknown", which GeoParquet spells null
  } else if (!IsDefaultCrs(type.metadata.crs)) {
    out.crs = type.metadata.crs;
  }
  if (!data) return out;
  QUIVER_ASSIGN_OR_RETURN(BoundingBox box, Bounds(*data, limits));
  if (!box.IsEmpty()) out.bbox = {box.xmin, box.ymin, box.xmax, box.ymax};
  QUIVER_ASSIGN_OR_RETURN(ArrayPtr codes, GeometryTypes(*data, limits));
  std::vector<int32_t> seen;
  for (int64_t i = 0; i < codes->length; ++i) {
    if (!codes->IsValid(i)) continue;
    const int32_t code = codes->GetValues<int32_t>(1)[i];
    // Kept sorted as it grows: std::sort of int is instantiated in libc++'s library, which the
    // side module may not import (bindings/wasm/plugin_exports.txt).
    auto at = std::lower_bound(seen.begin(), seen.end(), code);
    if (at == seen.end() || *at != code) seen.insert(at, code);
  }
  for (int32_t code : seen) {
    std::string name = TypeName(code);
    if (std::find(out.geometry_types.begin(), out.geometry_types.end(), name) == out.geometry_types.end()) {
      out.geometry_types.push_back(std::move(name));
    }
  }
  return out;
}

Result<TypePtr> GeoArrowTypeFor(const GeoParquetColumn& column, const TypePtr& storage) {
  std::string name;
  if (column.encoding == "WKB") {
    name = "geoarrow.wkb";
  } else {
    static constexpr std::string_view kNative[] = {"point",      "linestring",      "polygon",
                                                   "multipoint", "multilinestring", "multipolygon"};
    if (std::find(std::begin(kNative), std::end(kNative), column.encoding) == std::end(kNative)) {
      return Status::InvalidArgument(StrCat("expected a GeoParquet encoding but found '", column.encoding, "'"));
    }
    name = StrCat("geoarrow.", column.encoding);
  }
  GeoArrowMetadata metadata;
  if (column.crs.empty()) {
    metadata.crs = "\"OGC:CRS84\"";
    metadata.crs_type = "authority_code";
  } else if (column.crs != "null") {
    metadata.crs = column.crs;
    if (!column.crs.empty() && column.crs.front() == '{') metadata.crs_type = "projjson";
  }
  if (column.edges == "spherical") metadata.edges = "spherical";
  TypePtr type = extension(std::move(name), storage, SerializeGeoArrowMetadata(metadata));
  QUIVER_RETURN_IF_ERROR(ParseGeoArrowType(*type).status());
  return type;
}

}  // namespace quiver::geo
